/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-folder-tree.h"
#include "cartable-mail-actions.h"
#include "cartable-mail-search.h"
#include "cartable-message.h"
#include "cartable-message-list.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIL_FOLDER (cartable_mail_folder_get_type ())

/* One open folder of an account's mail store: what the interface does with
 * a folder (list it, load a message, change flags, move and copy), without
 * seeing the protocol underneath. */
G_DECLARE_FINAL_TYPE (CartableMailFolder, cartable_mail_folder, CARTABLE, MAIL_FOLDER, GObject)

/* Opens @full_name of @tree's store (from the offline cache when offline). */
void                 cartable_mail_folder_open_async          (CartableFolderTree  *tree,
                                                               const char          *full_name,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
CartableMailFolder  *cartable_mail_folder_open_finish         (GAsyncResult        *result,
                                                               GError             **error);

const char          *cartable_mail_folder_get_full_name       (CartableMailFolder  *self);
/* Unread messages, as the cached summary counts them. */
guint                cartable_mail_folder_get_unread_count    (CartableMailFolder  *self);
/* A new list of the folder's messages, not loaded yet. */
CartableMessageList *cartable_mail_folder_new_message_list    (CartableMailFolder  *self);
/* The folder @list shows (transfer none). */
CartableMailFolder  *cartable_message_list_get_folder         (CartableMessageList *list);
/* A row for @uid from the cached headers, or NULL when the folder has no
 * such message. */
CartableMessageSummary *cartable_mail_folder_dup_summary      (CartableMailFolder  *self,
                                                               const char          *uid);

/* Uids of the messages matching @query: headers from the cache; the body,
 * when online, in the server's candidates (fetched and checked here) and,
 * offline or when the server cannot be asked, in the cached messages only.
 * @complete (may be NULL) is set to FALSE when some messages matched
 * everything else but their body could not be searched (offline and not
 * cached, or not fetched). */
void                 cartable_mail_folder_search_async        (CartableMailFolder  *self,
                                                               CartableSearchQuery *query,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray           *cartable_mail_folder_search_finish       (CartableMailFolder  *self,
                                                               GAsyncResult        *result,
                                                               gboolean            *complete,
                                                               GError             **error);

void                 cartable_mail_folder_load_message_async  (CartableMailFolder  *self,
                                                               const char          *uid,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
CartableMessage     *cartable_mail_folder_load_message_finish (CartableMailFolder  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* Flags, delete, archive, junk. Flag changes are kept in the offline cache
 * and pushed to the server at once when online, on reconnection otherwise;
 * moves made offline are replayed when the account goes back online. */
void                 cartable_mail_folder_apply_async         (CartableMailFolder  *self,
                                                               const char * const  *uids,
                                                               CartableMailAction   action,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             cartable_mail_folder_apply_finish        (CartableMailFolder  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* Moves (@move) or copies @uids to the folder @destination of the same store. */
void                 cartable_mail_folder_transfer_async      (CartableMailFolder  *self,
                                                               const char * const  *uids,
                                                               const char          *destination,
                                                               gboolean             move,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             cartable_mail_folder_transfer_finish     (CartableMailFolder  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* Undoing a move: the Message-IDs of @uids, kept before moving them, find
 * the messages again in @moved_to (a move gives them new uids) and bring
 * them back to @moved_from, both folders of this folder's store, with the
 * junk flags they had then (the array is opaque to its users). */
GArray              *cartable_mail_folder_dup_message_ids     (CartableMailFolder  *self,
                                                               const char * const  *uids);
void                 cartable_mail_folder_move_back_async     (CartableMailFolder  *self,
                                                               const char          *moved_to,
                                                               GArray              *message_ids,
                                                               const char          *moved_from,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             cartable_mail_folder_move_back_finish    (CartableMailFolder  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS

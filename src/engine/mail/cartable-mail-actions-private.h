/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-folder-role-private.h"
#include "cartable-mail-actions.h"

G_BEGIN_DECLS

/* The actions on Camel's folders and stores, for the engine's files (the
 * interface goes through CartableMailFolder and CartableFolderTree). */

/* Opens a folder of the store (from the offline cache when offline). */
void         cartable_mail_open_folder_async   (CamelStore          *store,
                                                const char          *full_name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CamelFolder *cartable_mail_open_folder_finish  (GAsyncResult        *result,
                                                GError             **error);

/* The full name of the store's folder with @role (special-use, else the
 * usual names), or NULL with CARTABLE_MAIL_ERROR_NOT_FOUND. Blocking. */
char        *cartable_mail_find_role_sync      (CamelStore          *store,
                                                CartableFolderRole   role,
                                                GCancellable        *cancellable,
                                                GError             **error);

/* Applies @action to the messages @uids of @folder. Flag changes are kept
 * in Camel's summary and pushed to the server at once when online, on
 * reconnection otherwise; moves made offline are replayed by the session
 * when the account goes back online. */
void         cartable_mail_apply_async         (CamelFolder         *folder,
                                                const char * const  *uids,
                                                CartableMailAction   action,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     cartable_mail_apply_finish        (GAsyncResult        *result,
                                                GError             **error);
gboolean     cartable_mail_apply_sync          (CamelFolder         *folder,
                                                const char * const  *uids,
                                                CartableMailAction   action,
                                                GCancellable        *cancellable,
                                                GError             **error);

/* Moves (@move) or copies messages to the folder @destination. */
void         cartable_mail_transfer_async      (CamelFolder         *folder,
                                                const char * const  *uids,
                                                const char          *destination,
                                                gboolean             move,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     cartable_mail_transfer_finish     (GAsyncResult        *result,
                                                GError             **error);
gboolean     cartable_mail_transfer_sync       (CamelFolder         *folder,
                                                const char * const  *uids,
                                                const char          *destination,
                                                gboolean             move,
                                                GCancellable        *cancellable,
                                                GError             **error);

/* Deletes every message of the store's Trash for good. */
void         cartable_mail_empty_trash_async   (CamelStore          *store,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     cartable_mail_empty_trash_finish  (GAsyncResult        *result,
                                                GError             **error);

/* Undoing a move: messages found again by their Message-ID, with the
 * junk flags they had before (marking as junk set $Junk; undone, the
 * message comes back without it). */
typedef struct
{
  guint64 message_id;   /* the summary's hash of the Message-ID */
  guint32 flags;        /* CAMEL_MESSAGE_JUNK and CAMEL_MESSAGE_NOTJUNK as they were */
} CartableMovedMessage;

GArray     *cartable_mail_actions_dup_message_ids (CamelFolder         *folder,
                                                     const char * const  *uids);
void        cartable_mail_actions_move_back_async  (CamelStore          *store,
                                                       const char          *folder_name,
                                                       GArray              *message_ids,
                                                       const char          *destination,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean    cartable_mail_actions_move_back_finish (GAsyncResult        *result,
                                                       GError             **error);


/* Uids of @folder moved while offline and not yet replayed (hidden from
 * lists meanwhile). */
GHashTable *_cartable_mail_dup_pending_moves (CamelFolder *folder);

/* Deletes every message of @folder for good (Trash, Junk): refreshed
 * first, so messages that arrived from elsewhere go too. */
gboolean    _cartable_mail_empty_folder_sync (CamelFolder   *folder,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS

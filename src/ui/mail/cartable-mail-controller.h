/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "account/cartable-sessions.h"
#include "mail/cartable-mail-folder.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIL_CONTROLLER (cartable_mail_controller_get_type ())

/* The mail pipeline of a view, the same for the full and the simple
 * version: the account and folder listed, its message list and selection,
 * the message open, and the cancellables of what is in flight. Not a
 * widget: the views show what it holds and say what went wrong. */
G_DECLARE_FINAL_TYPE (CartableMailController, cartable_mail_controller, CARTABLE, MAIL_CONTROLLER, GObject)

CartableMailController *cartable_mail_controller_new                (gboolean                multiple,
                                                                     gboolean                threaded);

CartableSessions       *cartable_mail_controller_get_sessions       (CartableMailController *self);
void                    cartable_mail_controller_set_sessions       (CartableMailController *self,
                                                                     CartableSessions       *sessions);
/* The session of the account shown, or NULL. */
CartableAccountSession *cartable_mail_controller_get_session        (CartableMailController *self);
CartableAccountSession *cartable_mail_controller_lookup_session     (CartableMailController *self,
                                                                     const char             *account_id);
const char             *cartable_mail_controller_get_account_id     (CartableMailController *self);
/* Another account: its folder and message are closed. */
void                    cartable_mail_controller_set_account_id     (CartableMailController *self,
                                                                     const char             *account_id);
gboolean                cartable_mail_controller_get_online         (CartableMailController *self);
const GError           *cartable_mail_controller_get_error          (CartableMailController *self);
CartableFolderTree     *cartable_mail_controller_get_folder_tree    (CartableMailController *self);

/* Lists @full_name of @account_id (nothing when it is already listed). */
gboolean                cartable_mail_controller_open_folder        (CartableMailController *self,
                                                                     const char             *account_id,
                                                                     const char             *full_name);
void                    cartable_mail_controller_close_folder       (CartableMailController *self);
/* The list read from the cache while connecting is read again from the
 * server once the account is online. */
void                    cartable_mail_controller_refresh            (CartableMailController *self);
const char             *cartable_mail_controller_get_folder_name    (CartableMailController *self);
CartableMailFolder     *cartable_mail_controller_get_folder         (CartableMailController *self);
CartableMessageList    *cartable_mail_controller_get_message_list   (CartableMailController *self);
GtkSelectionModel      *cartable_mail_controller_get_selection      (CartableMailController *self);

/* Loads @uid of @folder_name (of the account), marking it read first when
 * @mark_read. */
void                    cartable_mail_controller_load_message       (CartableMailController *self,
                                                                     const char             *folder_name,
                                                                     const char             *uid,
                                                                     gboolean                mark_read);
void                    cartable_mail_controller_close_message      (CartableMailController *self);
const char             *cartable_mail_controller_get_message_folder (CartableMailController *self);
const char             *cartable_mail_controller_get_message_uid    (CartableMailController *self);
CartableMessage        *cartable_mail_controller_get_message        (CartableMailController *self);
gboolean                cartable_mail_controller_get_message_is_draft (CartableMailController *self);
/* The earlier messages of the open message's conversation in the folder
 * listed, oldest first (CartableMessageSummary), or NULL. */
GPtrArray              *cartable_mail_controller_dup_earlier_messages (CartableMailController *self);

/* Applies @action to @uids of the folder listed. Deleting, archiving and
 * marking as junk end with ::notice, undoable by
 * cartable_mail_controller_undo() when the messages went to another
 * folder. */
void                    cartable_mail_controller_apply              (CartableMailController *self,
                                                                     const char * const     *uids,
                                                                     CartableMailAction      action);
gboolean                cartable_mail_controller_undo               (CartableMailController *self);
gboolean                cartable_mail_controller_get_can_undo       (CartableMailController *self);

G_END_DECLS

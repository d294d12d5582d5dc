/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-mail-session.h"
#include "cartable-folder-tree.h"
#include "account/cartable-account-store.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIL_ACCOUNTS (cartable_mail_accounts_get_type ())

/* The mail side of every account of an account store: one
 * CartableMailSession holding each account built from its academy profile,
 * with its password from the keyring, put online, and its folder tree.
 * Follows the store: accounts added or removed there are added to or
 * removed from the session. */
G_DECLARE_FINAL_TYPE (CartableMailAccounts, cartable_mail_accounts, CARTABLE, MAIL_ACCOUNTS, GObject)

CartableMailAccounts *cartable_mail_accounts_new             (CartableAccountStore *store);
CartableAccountStore *cartable_mail_accounts_get_store       (CartableMailAccounts *self);
CartableMailSession  *cartable_mail_accounts_get_session     (CartableMailAccounts *self);
/* The folder tree of @account_id, or NULL while the account is not (or
 * cannot be) set up. */
CartableFolderTree   *cartable_mail_accounts_get_folder_tree (CartableMailAccounts *self,
                                                              const char           *account_id);
/* The last error of @account_id (profile, connection), or NULL. */
const GError         *cartable_mail_accounts_get_error       (CartableMailAccounts *self,
                                                              const char           *account_id);
gboolean              cartable_mail_accounts_get_online      (CartableMailAccounts *self,
                                                              const char           *account_id);
void                  cartable_mail_accounts_reconnect       (CartableMailAccounts *self,
                                                              const char           *account_id);
/* Tells that an operation on the servers of @account_id failed with
 * @error: when it says the server can no longer be reached, the account
 * goes offline (::account-changed) until it is reconnected. */
void                  cartable_mail_accounts_note_error      (CartableMailAccounts *self,
                                                              const char           *account_id,
                                                              const GError         *error);
/* Asks the server what arrived in the Inbox of @account_id. */
void                  cartable_mail_accounts_refresh_inbox_async  (CartableMailAccounts *self,
                                                                   const char           *account_id,
                                                                   GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
gboolean              cartable_mail_accounts_refresh_inbox_finish (CartableMailAccounts *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);

/* Builds the mail configuration of @account from its academy profile. */
CartableMailAccountConfig *cartable_mail_accounts_build_config (CartableAccount    *account,
                                                                GError            **error);

G_END_DECLS

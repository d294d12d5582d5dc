/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "academy/cartable-academy-profile.h"
#include "cartable-account.h"
#include "cartable-account-store.h"
#include "academy/cartable-portal.h"

G_BEGIN_DECLS

/**
 * CartableLoginResult:
 * @account: (nullable): the account added to the store; %NULL when
 *   @must_change_password is %TRUE (nothing is saved until the temporary
 *   password is replaced)
 * @portal_account: (nullable): the portal's account status (%NULL if the
 *   profile has no portal)
 * @must_change_password: the password is temporary: the UI must ask for a
 *   new one (cartable_login_change_password_async()) before anything else
 *
 * The outcome of a successful login.
 */
typedef struct
{
  CartableAccount       *account;
  CartablePortalAccount *portal_account;
  gboolean               must_change_password;
} CartableLoginResult;

#define CARTABLE_TYPE_LOGIN_RESULT (cartable_login_result_get_type ())

GType                cartable_login_result_get_type (void) G_GNUC_CONST;
CartableLoginResult *cartable_login_result_copy     (const CartableLoginResult *result);
void                 cartable_login_result_free     (CartableLoginResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableLoginResult, cartable_login_result_free)

/**
 * cartable_login_async:
 * @profile: the academy
 * @store: (nullable): where to add the account (%NULL: only check — neither
 *   the account nor the password is saved; the result's account is a new,
 *   unsaved object)
 * @identifier: the academic identifier ("mdurand"), or the academic
 *   address: used as it is where the profile's IMAP login is the address,
 *   otherwise the academy's directory gives its identifier first (errors
 *   #CARTABLE_DIRECTORY_ERROR)
 * @password: the password
 *
 * Signs in, as one operation for the UI:
 *
 * 1. checks the password against the profile's IMAP server at protocol
 *    level (implicit TLS or STARTTLS as the profile says, `LOGIN`); errors
 *    are #CARTABLE_SERVER_ERROR (%CARTABLE_SERVER_ERROR_UNREACHABLE,
 *    %CARTABLE_SERVER_ERROR_CERTIFICATE, %CARTABLE_SERVER_ERROR_AUTHENTICATION…);
 * 2. reads the account status from the portal (`GET account`); its errors
 *    are #CARTABLE_PORTAL_ERROR (e.g. `account_locked` with retry after);
 * 3. if the password is temporary, stops there with
 *    #CartableLoginResult.must_change_password set;
 * 4. otherwise stores the password in the keyring (shared password of the
 *    account, see cartable-credentials.h) and adds the account (id = the
 *    identifier, with its e-mail, name, academy id and profile path) to
 *    @store — or, if it is already there, just updates the stored password.
 */
void                 cartable_login_async                  (CartableAcademyProfile *profile,
                                                            CartableAccountStore   *store,
                                                            const char             *identifier,
                                                            const char             *password,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
CartableLoginResult *cartable_login_finish                 (GAsyncResult           *result,
                                                            GError                **error);

/**
 * cartable_login_change_password_async:
 * @current_password: the current (temporary) password
 * @new_password: the new password
 *
 * The forced password change after a temporary password (or any change):
 * `POST account/password` on the portal, then the whole of
 * cartable_login_async() with the new password. Finish with
 * cartable_login_finish(). Policy violations come back as
 * %CARTABLE_PORTAL_ERROR_PASSWORD_POLICY with the violated rules.
 */
void                 cartable_login_change_password_async  (CartableAcademyProfile *profile,
                                                            CartableAccountStore   *store,
                                                            const char             *identifier,
                                                            const char             *current_password,
                                                            const char             *new_password,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/*
 * Passwords live in the user's keyring (libsecret) and nowhere else, under
 * the schema "io.github.cartable.Cartable.Password" with the attributes
 * `account` (the account id) and `service`: one of the
 * CARTABLE_CREDENTIALS_SERVICE_* names below. Academies use one password for
 * every service: it is stored once with the service "shared"; a lookup for a
 * given service falls back to the shared password.
 */

#define CARTABLE_CREDENTIALS_SCHEMA_NAME "io.github.cartable.Cartable.Password"

#define CARTABLE_CREDENTIALS_SERVICE_SHARED "shared"
#define CARTABLE_CREDENTIALS_SERVICE_IMAP   "imap"
#define CARTABLE_CREDENTIALS_SERVICE_SMTP   "smtp"
#define CARTABLE_CREDENTIALS_SERVICE_DAV    "dav"
#define CARTABLE_CREDENTIALS_SERVICE_LDAP   "ldap"
#define CARTABLE_CREDENTIALS_SERVICE_PORTAL "portal"

/* Returns: (transfer none): the libsecret schema. */
const SecretSchema *cartable_credentials_get_schema (void);

/**
 * cartable_credentials_store_async:
 * @account_id: the account id
 * @service: (nullable): a CARTABLE_CREDENTIALS_SERVICE_* name, %NULL for
 *   the shared password
 * @password: the password
 * @label: (nullable): what the keyring shows, e.g. the e-mail address
 *
 * Stores (or replaces) a password in the default collection.
 */
void     cartable_credentials_store_async   (const char          *account_id,
                                             const char          *service,
                                             const char          *password,
                                             const char          *label,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean cartable_credentials_store_finish  (GAsyncResult        *result,
                                             GError             **error);

/**
 * cartable_credentials_lookup_async:
 * @service: (nullable): the service; falls back to the shared password
 *
 * Finish with cartable_credentials_lookup_finish(), which returns the
 * password (free it with secret_password_free()), or %NULL without error
 * when none is stored.
 */
void     cartable_credentials_lookup_async  (const char          *account_id,
                                             const char          *service,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char    *cartable_credentials_lookup_finish (GAsyncResult        *result,
                                             GError             **error);

/**
 * cartable_credentials_clear_async:
 * @service: (nullable): the service, or %NULL for every password of the account
 *
 * Removes passwords. Removing nothing is not an error.
 */
void     cartable_credentials_clear_async   (const char          *account_id,
                                             const char          *service,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean cartable_credentials_clear_finish  (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-account.h"

G_BEGIN_DECLS

#define CARTABLE_ACCOUNT_STORE_ERROR (cartable_account_store_error_quark ())

typedef enum
{
  CARTABLE_ACCOUNT_STORE_ERROR_INVALID,
  CARTABLE_ACCOUNT_STORE_ERROR_EXISTS,
  CARTABLE_ACCOUNT_STORE_ERROR_NOT_FOUND,
} CartableAccountStoreError;

#define CARTABLE_TYPE_ACCOUNT_STORE (cartable_account_store_get_type ())

G_DECLARE_FINAL_TYPE (CartableAccountStore, cartable_account_store, CARTABLE, ACCOUNT_STORE, GObject)

GQuark                cartable_account_store_error_quark (void);
CartableAccountStore *cartable_account_store_new         (const char            *path);
const char           *cartable_account_store_get_path    (CartableAccountStore  *self);
gboolean              cartable_account_store_load        (CartableAccountStore  *self,
                                                          GError               **error);
gboolean              cartable_account_store_add         (CartableAccountStore  *self,
                                                          CartableAccount       *account,
                                                          GError               **error);
gboolean              cartable_account_store_remove      (CartableAccountStore  *self,
                                                          const char            *id,
                                                          GError               **error);
gboolean              cartable_account_store_save        (CartableAccountStore  *self,
                                                          GError               **error);
CartableAccount      *cartable_account_store_lookup      (CartableAccountStore  *self,
                                                          const char            *id);

/**
 * cartable_account_store_delete_account_async:
 * @id: the account id
 *
 * Forgets an account entirely: removes it from the list (and saves), deletes
 * its config, data and cache folders (cartable_paths_get_account_dir()) and
 * every password of it from the keyring. Fails with
 * %CARTABLE_ACCOUNT_STORE_ERROR_NOT_FOUND for an unknown id.
 */
void                  cartable_account_store_delete_account_async  (CartableAccountStore  *self,
                                                                    const char            *id,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              cartable_account_store_delete_account_finish (CartableAccountStore  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);

G_END_DECLS

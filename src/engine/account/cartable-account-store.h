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

G_END_DECLS

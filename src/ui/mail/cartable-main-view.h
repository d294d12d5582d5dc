/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-accounts.h"
#include "mail/cartable-mail-view.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIN_VIEW (cartable_main_view_get_type ())

G_DECLARE_FINAL_TYPE (CartableMainView, cartable_main_view, CARTABLE, MAIN_VIEW, CartableMailView)

CartableAccountStore *cartable_main_view_get_account_store (CartableMainView     *self);
void                  cartable_main_view_set_account_store (CartableMainView     *self,
                                                            CartableAccountStore *store);
void                  cartable_main_view_set_mail_accounts (CartableMainView     *self,
                                                            CartableMailAccounts *accounts);
CartableMailAccounts *cartable_main_view_get_mail_accounts (CartableMainView     *self);
CartableMessage      *cartable_main_view_get_message       (CartableMainView     *self);
const char           *cartable_main_view_get_account_id    (CartableMainView     *self);
const char           *cartable_main_view_get_folder_name   (CartableMainView     *self);
void                  cartable_main_view_show_message      (CartableMainView     *self,
                                                            const char           *account_id,
                                                            const char           *folder_name,
                                                            const char           *uid);

G_END_DECLS

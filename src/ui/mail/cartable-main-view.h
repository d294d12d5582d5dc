/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-view.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIN_VIEW (cartable_main_view_get_type ())

G_DECLARE_FINAL_TYPE (CartableMainView, cartable_main_view, CARTABLE, MAIN_VIEW, CartableMailView)

CartableMessage      *cartable_main_view_get_message       (CartableMainView     *self);
const char           *cartable_main_view_get_account_id    (CartableMainView     *self);
const char           *cartable_main_view_get_folder_name   (CartableMainView     *self);
void                  cartable_main_view_show_message      (CartableMainView     *self,
                                                            const char           *account_id,
                                                            const char           *folder_name,
                                                            const char           *uid);

G_END_DECLS

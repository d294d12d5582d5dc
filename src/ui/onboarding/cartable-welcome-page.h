/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_WELCOME_PAGE (cartable_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (CartableWelcomePage, cartable_welcome_page, CARTABLE, WELCOME_PAGE, AdwBin)

void        cartable_welcome_page_setup            (CartableWelcomePage  *self,
                                                    GSettings            *settings,
                                                    CartableAccountStore *store,
                                                    GFile                *academy_profile);
const char *cartable_welcome_page_get_visible_step (CartableWelcomePage  *self);
gboolean    cartable_welcome_page_get_busy         (CartableWelcomePage  *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_WELCOME_PAGE (cartable_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (CartableWelcomePage, cartable_welcome_page, CARTABLE, WELCOME_PAGE, AdwBin)

G_END_DECLS

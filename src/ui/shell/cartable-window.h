/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-application.h"
#include "cartable-offline-state.h"
#include "cartable-section.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_WINDOW (cartable_window_get_type ())

G_DECLARE_FINAL_TYPE (CartableWindow, cartable_window, CARTABLE, WINDOW, AdwApplicationWindow)

CartableWindow *cartable_window_new               (CartableApplication *application);
const char     *cartable_window_get_visible_page  (CartableWindow      *self);
void            cartable_window_add_section       (CartableWindow      *self,
                                                   CartableSection     *section);
void            cartable_window_show_message      (CartableWindow      *self,
                                                   const char          *account_id,
                                                   const char          *folder_name,
                                                   const char          *uid);
CartableOfflineState cartable_window_get_offline_state (CartableWindow     *self);

G_END_DECLS

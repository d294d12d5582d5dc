/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "account/cartable-sessions.h"
#include "cartable-offline-state.h"
#include "cartable-section.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_WINDOW (cartable_window_get_type ())

G_DECLARE_FINAL_TYPE (CartableWindow, cartable_window, CARTABLE, WINDOW, AdwApplicationWindow)

/* A window of @application on its settings, accounts and sessions;
 * onboarding lists the academy of @academy_profile (may be NULL) first. */
CartableWindow *cartable_window_new               (GtkApplication       *application,
                                                   GSettings            *settings,
                                                   CartableAccountStore *account_store,
                                                   CartableSessions     *sessions,
                                                   GFile                *academy_profile);
const char     *cartable_window_get_visible_page  (CartableWindow      *self);
void            cartable_window_add_section       (CartableWindow      *self,
                                                   CartableSection     *section);
void            cartable_window_show_message      (CartableWindow      *self,
                                                   const char          *account_id,
                                                   const char          *folder_name,
                                                   const char          *uid);
CartableOfflineState cartable_window_get_offline_state (CartableWindow     *self);

G_END_DECLS

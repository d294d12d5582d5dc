/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_PREFERENCES_WINDOW (cartable_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CartablePreferencesWindow, cartable_preferences_window, CARTABLE, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

CartablePreferencesWindow *cartable_preferences_window_new (GtkWindow *parent);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "account/cartable-account-store.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_PREFERENCES_WINDOW (cartable_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CartablePreferencesWindow, cartable_preferences_window, CARTABLE, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The preferences of @settings and of the accounts of @account_store. */
CartablePreferencesWindow *cartable_preferences_window_new (GtkApplication       *application,
                                                            GtkWindow            *parent,
                                                            GSettings            *settings,
                                                            CartableAccountStore *account_store);

G_END_DECLS

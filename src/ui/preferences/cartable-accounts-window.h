/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_ACCOUNTS_WINDOW (cartable_accounts_window_get_type ())

G_DECLARE_FINAL_TYPE (CartableAccountsWindow, cartable_accounts_window, CARTABLE, ACCOUNTS_WINDOW, AdwWindow)

CartableAccountsWindow *cartable_accounts_window_new (GtkWindow            *parent,
                                                      CartableAccountStore *store);

G_END_DECLS

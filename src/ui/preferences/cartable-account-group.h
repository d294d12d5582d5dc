/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "account/cartable-account.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_ACCOUNT_GROUP (cartable_account_group_get_type ())

/* The preferences of one account: its name and address, its signature
 * (written to the account as it is typed) and a button to remove it
 * (action prefs.remove-account with the account's id). */
G_DECLARE_FINAL_TYPE (CartableAccountGroup, cartable_account_group, CARTABLE, ACCOUNT_GROUP, AdwPreferencesGroup)

GtkWidget       *cartable_account_group_new         (CartableAccount      *account);
CartableAccount *cartable_account_group_get_account (CartableAccountGroup *self);

G_END_DECLS

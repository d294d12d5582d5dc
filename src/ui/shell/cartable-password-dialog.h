/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_PASSWORD_DIALOG (cartable_password_dialog_get_type ())

/* Asks the password of an account whose server refused the saved one;
 * emits ::submitted with what was typed when the user signs in. */
G_DECLARE_FINAL_TYPE (CartablePasswordDialog, cartable_password_dialog, CARTABLE, PASSWORD_DIALOG, AdwMessageDialog)

CartablePasswordDialog *cartable_password_dialog_new         (GtkWindow              *parent,
                                                              CartableAccount        *account);
CartableAccount        *cartable_password_dialog_get_account (CartablePasswordDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_ACCOUNT (cartable_account_get_type ())

G_DECLARE_FINAL_TYPE (CartableAccount, cartable_account, CARTABLE, ACCOUNT, GObject)

CartableAccount *cartable_account_new                (const char      *id,
                                                      const char      *identifier,
                                                      const char      *email);
const char      *cartable_account_get_id             (CartableAccount *self);
const char      *cartable_account_get_identifier     (CartableAccount *self);
const char      *cartable_account_get_email          (CartableAccount *self);
const char      *cartable_account_get_display_name   (CartableAccount *self);
void             cartable_account_set_display_name   (CartableAccount *self,
                                                      const char      *display_name);
const char      *cartable_account_get_academy_id     (CartableAccount *self);
void             cartable_account_set_academy_id     (CartableAccount *self,
                                                      const char      *academy_id);
const char      *cartable_account_get_profile_path   (CartableAccount *self);
void             cartable_account_set_profile_path   (CartableAccount *self,
                                                      const char      *profile_path);
/* Plain text, without the "-- " line; NULL when none. */
const char      *cartable_account_get_signature      (CartableAccount *self);
void             cartable_account_set_signature      (CartableAccount *self,
                                                      const char      *signature);

G_END_DECLS

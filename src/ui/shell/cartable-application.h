/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-notifier.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_APPLICATION (cartable_application_get_type ())

G_DECLARE_FINAL_TYPE (CartableApplication, cartable_application, CARTABLE, APPLICATION, AdwApplication)

CartableApplication  *cartable_application_new                  (void);
GSettings            *cartable_application_get_settings         (CartableApplication *self);
CartableAccountStore *cartable_application_get_account_store    (CartableApplication *self);
CartableSessions     *cartable_application_get_sessions         (CartableApplication *self);
CartableMailNotifier *cartable_application_get_mail_notifier    (CartableApplication *self);
/* Whether it runs with no window open, for the accounts' sessions. */
gboolean              cartable_application_get_in_background    (CartableApplication *self);
GFile                *cartable_application_get_academy_profile  (CartableApplication *self);
void                  cartable_application_set_academy_profile  (CartableApplication *self,
                                                                 GFile               *file);

G_END_DECLS

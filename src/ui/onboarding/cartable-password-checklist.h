/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_PASSWORD_CHECKLIST (cartable_password_checklist_get_type ())

G_DECLARE_FINAL_TYPE (CartablePasswordChecklist, cartable_password_checklist, CARTABLE, PASSWORD_CHECKLIST, GtkBox)

GtkWidget *cartable_password_checklist_new        (void);
void       cartable_password_checklist_set_policy (CartablePasswordChecklist    *self,
                                                   const CartablePasswordPolicy *policy);
gboolean   cartable_password_checklist_update     (CartablePasswordChecklist    *self,
                                                   const char                   *password,
                                                   const char                   *identifier,
                                                   const char                   *current_password);
guint      cartable_password_checklist_get_n_passed (CartablePasswordChecklist  *self);
/* The rules listed: those that apply to this form. */
guint      cartable_password_checklist_get_n_rules  (CartablePasswordChecklist  *self);
void       cartable_password_checklist_set_with_current (CartablePasswordChecklist *self,
                                                         gboolean                   with_current);
void       cartable_password_checklist_mark_violations (CartablePasswordChecklist *self,
                                                        const char * const        *rules);

G_END_DECLS

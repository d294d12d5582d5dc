/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_ONBOARDING_STEP (cartable_onboarding_step_get_type ())

G_DECLARE_FINAL_TYPE (CartableOnboardingStep, cartable_onboarding_step, CARTABLE, ONBOARDING_STEP, GtkBox)

void       cartable_onboarding_step_set_title         (CartableOnboardingStep *self,
                                                       const char             *title);
GtkWidget *cartable_onboarding_step_get_first_focus   (CartableOnboardingStep *self);
GtkWidget *cartable_onboarding_step_get_submit_button (CartableOnboardingStep *self);
void       cartable_onboarding_step_show_error        (CartableOnboardingStep *self,
                                                       const char             *message);
void       cartable_onboarding_step_set_busy          (CartableOnboardingStep *self,
                                                       gboolean                busy);

G_END_DECLS

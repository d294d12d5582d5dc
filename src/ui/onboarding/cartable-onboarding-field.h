/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-account-validate.h"

G_BEGIN_DECLS

/**
 * CartableOnboardingFieldKind:
 *
 * What a field holds, which decides its row (a password row for the
 * passwords) and how what is typed is checked.
 */
typedef enum
{
  CARTABLE_ONBOARDING_FIELD_IDENTIFIER,
  CARTABLE_ONBOARDING_FIELD_PASSWORD,
  CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD,
  CARTABLE_ONBOARDING_FIELD_CODE,
  CARTABLE_ONBOARDING_FIELD_BIRTH_DATE,
  CARTABLE_ONBOARDING_FIELD_NUMEN,
  CARTABLE_ONBOARDING_FIELD_EMAIL,
  CARTABLE_ONBOARDING_FIELD_TEXT,
} CartableOnboardingFieldKind;

#define CARTABLE_TYPE_ONBOARDING_FIELD_KIND (cartable_onboarding_field_kind_get_type ())
GType cartable_onboarding_field_kind_get_type (void) G_GNUC_CONST;

#define CARTABLE_TYPE_ONBOARDING_FIELD (cartable_onboarding_field_get_type ())

G_DECLARE_FINAL_TYPE (CartableOnboardingField, cartable_onboarding_field, CARTABLE, ONBOARDING_FIELD, GtkBox)

CartableOnboardingFieldKind cartable_onboarding_field_get_kind     (CartableOnboardingField  *self);
GtkWidget                  *cartable_onboarding_field_get_row      (CartableOnboardingField  *self);
const char                 *cartable_onboarding_field_get_text     (CartableOnboardingField  *self);
void                        cartable_onboarding_field_set_text     (CartableOnboardingField  *self,
                                                                    const char               *text);
CartableValidity            cartable_onboarding_field_get_validity (CartableOnboardingField  *self);
CartableValidity            cartable_onboarding_field_validate     (CartableOnboardingField  *self,
                                                                    char                    **problem);
char                       *cartable_onboarding_field_dup_value    (CartableOnboardingField  *self);
void                        cartable_onboarding_field_show_validity (CartableOnboardingField *self,
                                                                    CartableValidity          validity,
                                                                    const char               *problem);
void                        cartable_onboarding_field_set_caps_lock (CartableOnboardingField *self,
                                                                    gboolean                  on);

G_END_DECLS

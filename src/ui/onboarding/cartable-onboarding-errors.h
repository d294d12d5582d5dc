/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CartableOnboardingFlow:
 *
 * Which form an error comes from: the same portal code calls for a
 * different sentence in each (an unknown account is an unknown identifier
 * in one, an unknown NUMEN in another).
 */
typedef enum
{
  CARTABLE_ONBOARDING_FLOW_LOGIN,
  CARTABLE_ONBOARDING_FLOW_ACTIVATE,
  CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY,
  CARTABLE_ONBOARDING_FLOW_RECOVERY,
  CARTABLE_ONBOARDING_FLOW_CHANGE_PASSWORD,
  CARTABLE_ONBOARDING_FLOW_CONTACT,
} CartableOnboardingFlow;

char *cartable_onboarding_describe_error (const GError           *error,
                                          CartableOnboardingFlow  flow);
guint cartable_onboarding_minutes_from_seconds (int seconds);
/* The field @error is about in a form of @flow (a CartableOnboardingFieldKind,
 * where the keyboard goes back after the refusal), or -1 when it is about
 * none of them (a lost connection, a locked account). */
int   cartable_onboarding_error_field    (const GError           *error,
                                          CartableOnboardingFlow  flow);

G_END_DECLS

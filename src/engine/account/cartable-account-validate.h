/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CartableValidity:
 * @CARTABLE_VALIDITY_EMPTY: nothing typed yet
 * @CARTABLE_VALIDITY_INCOMPLETE: not valid yet, but more typing can make it valid
 * @CARTABLE_VALIDITY_INVALID: cannot be right, whatever follows
 * @CARTABLE_VALIDITY_VALID: has the right shape (only the portal knows if it is right)
 *
 * What a form field's text is worth while the user types it.
 */
typedef enum
{
  CARTABLE_VALIDITY_EMPTY,
  CARTABLE_VALIDITY_INCOMPLETE,
  CARTABLE_VALIDITY_INVALID,
  CARTABLE_VALIDITY_VALID,
} CartableValidity;

/* Ages outside this range are refused as a date of birth. */
#define CARTABLE_BIRTH_DATE_MIN_AGE 16
#define CARTABLE_BIRTH_DATE_MAX_AGE 100

#define CARTABLE_NUMEN_LENGTH 13
#define CARTABLE_ACTIVATION_CODE_LENGTH 8

CartableValidity cartable_validate_birth_date        (const char  *text,
                                                      GDate       *today,
                                                      char       **iso_date,
                                                      char       **problem);
CartableValidity cartable_validate_numen             (const char  *text,
                                                      char       **normalized,
                                                      char       **problem);
CartableValidity cartable_validate_activation_code   (const char  *text,
                                                      char       **normalized,
                                                      char       **problem);
CartableValidity cartable_validate_identifier        (const char  *text,
                                                      char       **normalized,
                                                      char       **problem);
CartableValidity cartable_validate_email             (const char  *text,
                                                      char       **normalized,
                                                      char       **problem);
CartableValidity cartable_validate_required_text     (const char  *text,
                                                      guint        max_chars,
                                                      char       **problem);

/**
 * CartablePasswordClass:
 *
 * The character classes of the portal's password policy.
 */
typedef enum
{
  CARTABLE_PASSWORD_CLASS_LOWERCASE = 1 << 0,
  CARTABLE_PASSWORD_CLASS_UPPERCASE = 1 << 1,
  CARTABLE_PASSWORD_CLASS_DIGIT     = 1 << 2,
  CARTABLE_PASSWORD_CLASS_SYMBOL    = 1 << 3,
} CartablePasswordClass;

CartablePasswordClass cartable_password_classes_from_names (const char * const *names);
CartablePasswordClass cartable_password_get_classes        (const char          *password);

/**
 * CartableRuleResult:
 * @CARTABLE_RULE_PASSED: the password keeps the rule
 * @CARTABLE_RULE_FAILED: the password breaks the rule
 * @CARTABLE_RULE_UNCHECKED: only the portal can tell (an unknown rule, or one
 *   that needs the current password the client does not have)
 */
typedef enum
{
  CARTABLE_RULE_PASSED,
  CARTABLE_RULE_FAILED,
  CARTABLE_RULE_UNCHECKED,
} CartableRuleResult;

/**
 * CartablePasswordRules:
 * @min_length: shortest length, in Unicode characters (0: no minimum)
 * @max_length: longest length, in Unicode characters (0: no maximum)
 * @min_classes: how many of @classes the password must use
 * @classes: the classes that count
 *
 * The measurable part of the password policy the portal publishes
 * (`GET password-policy`).
 */
typedef struct
{
  guint                 min_length;
  guint                 max_length;
  guint                 min_classes;
  CartablePasswordClass classes;
} CartablePasswordRules;

CartableRuleResult cartable_password_check_rule      (const CartablePasswordRules *rules,
                                                      const char                  *rule,
                                                      const char                  *password,
                                                      const char                  *identifier,
                                                      const char                  *current_password);
gboolean           cartable_password_check_all       (const CartablePasswordRules *rules,
                                                      const char * const          *rule_names,
                                                      const char                  *password,
                                                      const char                  *identifier,
                                                      const char                  *current_password,
                                                      GStrv                       *failed);

G_END_DECLS

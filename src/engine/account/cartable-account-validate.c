/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-account-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-account-validate.h"

/*
 * Plain checks of what a user types in the account forms, shared by the
 * interface (feedback while typing) and cartable-cli. They judge the shape
 * only: whether a code or a NUMEN is right, only the portal knows.
 *
 * Each returns a CartableValidity and, when asked, the value in the form the
 * portal expects and a one-line explanation of what is wrong or missing.
 */

static CartableValidity
set_problem (char            **problem,
             CartableValidity  validity,
             const char       *message)
{
  if (problem != NULL)
    *problem = message != NULL ? g_strdup (message) : NULL;
  return validity;
}

static char *
strip_all (const char *text,
           const char *drop)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (strchr (drop, *p) == NULL)
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static gboolean
is_date_separator (char c)
{
  return c == '/' || c == '.' || c == '-' || c == ' ';
}

static int
age_on (GDate *birth,
        GDate *today)
{
  int age = (int) g_date_get_year (today) - (int) g_date_get_year (birth);

  if (g_date_get_month (today) < g_date_get_month (birth) ||
      (g_date_get_month (today) == g_date_get_month (birth) &&
       g_date_get_day (today) < g_date_get_day (birth)))
    age--;

  return age;
}

/**
 * cartable_validate_birth_date:
 * @text: what the user typed, in French order: JJ/MM/AAAA (also with dots,
 *   dashes or spaces, or as eight digits)
 * @today: (nullable): the day to measure the age against; %NULL for today
 * @iso_date: (out) (optional): the date as YYYY-MM-DD when valid
 * @problem: (out) (optional): a sentence saying what is wrong or missing
 *
 * A date of birth must exist in the calendar and give an age between
 * %CARTABLE_BIRTH_DATE_MIN_AGE and %CARTABLE_BIRTH_DATE_MAX_AGE.
 */
CartableValidity
cartable_validate_birth_date (const char  *text,
                              GDate       *today,
                              char       **iso_date,
                              char       **problem)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GDate) now = NULL;
  guint groups[3] = { 0, 0, 0 };
  guint digits[3] = { 0, 0, 0 };
  guint n_groups = 0;
  gboolean ends_with_separator = FALSE;
  GDate birth;
  int age;
  const char *format_hint = _("Type the date as DD/MM/YYYY, for example 02/11/1986.");

  g_return_val_if_fail (text != NULL, CARTABLE_VALIDITY_INVALID);

  if (iso_date != NULL)
    *iso_date = NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return set_problem (problem, CARTABLE_VALIDITY_EMPTY, NULL);

  for (const char *p = trimmed; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !is_date_separator (*p))
      return set_problem (problem, CARTABLE_VALIDITY_INVALID, format_hint);

  if (strspn (trimmed, "0123456789") == strlen (trimmed))
    {
      /* Eight digits in a row: DDMMYYYY. */
      gsize len = strlen (trimmed);

      if (len > 8)
        return set_problem (problem, CARTABLE_VALIDITY_INVALID, format_hint);
      if (len < 8)
        {
          if (len >= 2 && (trimmed[0] - '0') * 10 + (trimmed[1] - '0') > 31)
            return set_problem (problem, CARTABLE_VALIDITY_INVALID, _("There is no such day: type the day first, as DD/MM/YYYY."));
          return set_problem (problem, CARTABLE_VALIDITY_INCOMPLETE, format_hint);
        }
      groups[0] = (trimmed[0] - '0') * 10 + (trimmed[1] - '0');
      groups[1] = (trimmed[2] - '0') * 10 + (trimmed[3] - '0');
      groups[2] = (guint) g_ascii_strtoull (trimmed + 4, NULL, 10);
      digits[0] = digits[1] = 2;
      digits[2] = 4;
      n_groups = 3;
    }
  else
    {
      gboolean in_group = FALSE;

      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (is_date_separator (*p))
            {
              /* A separator right after another one, or first, is a typo. */
              if (!in_group)
                return set_problem (problem, CARTABLE_VALIDITY_INVALID, format_hint);
              in_group = FALSE;
              continue;
            }
          if (!in_group)
            {
              if (n_groups == 3)
                return set_problem (problem, CARTABLE_VALIDITY_INVALID, format_hint);
              n_groups++;
              in_group = TRUE;
            }
          groups[n_groups - 1] = groups[n_groups - 1] * 10 + (guint) (*p - '0');
          digits[n_groups - 1]++;
          if (digits[n_groups - 1] > (n_groups == 3 ? 4u : 2u))
            return set_problem (problem, CARTABLE_VALIDITY_INVALID, format_hint);
        }
      ends_with_separator = !in_group;
    }

  /* Judge the parts typed so far, so that a wrong day shows at once. */
  if ((n_groups > 1 || ends_with_separator || digits[0] == 2) && (groups[0] < 1 || groups[0] > 31))
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("There is no such day: type the day first, as DD/MM/YYYY."));
  if (n_groups >= 2 && (n_groups > 2 || ends_with_separator || digits[1] == 2) &&
      (groups[1] < 1 || groups[1] > 12))
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("There is no such month: the month comes second, from 01 to 12."));

  if (n_groups < 3 || digits[2] < 4 || ends_with_separator)
    return set_problem (problem, CARTABLE_VALIDITY_INCOMPLETE, format_hint);

  if (!g_date_valid_dmy ((GDateDay) groups[0], (GDateMonth) groups[1], (GDateYear) groups[2]))
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("This date does not exist in the calendar: check the day and the month."));

  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();

      now = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (dt),
                            (GDateMonth) g_date_time_get_month (dt),
                            (GDateYear) g_date_time_get_year (dt));
      today = now;
    }

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) groups[0], (GDateMonth) groups[1], (GDateYear) groups[2]);

  if (g_date_compare (&birth, today) > 0)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("This date is in the future: check the year."));

  age = age_on (&birth, today);
  if (age < CARTABLE_BIRTH_DATE_MIN_AGE)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("This date is too recent for a date of birth: check the year."));
  if (age > CARTABLE_BIRTH_DATE_MAX_AGE)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("This date is too far in the past: check the year."));

  if (iso_date != NULL)
    *iso_date = g_strdup_printf ("%04u-%02u-%02u", groups[2], groups[1], groups[0]);
  return set_problem (problem, CARTABLE_VALIDITY_VALID, NULL);
}

/**
 * cartable_validate_numen:
 * @text: what the user typed
 * @normalized: (out) (optional): the NUMEN in capitals without spaces, when valid
 * @problem: (out) (optional): a sentence saying what is wrong or missing
 *
 * A NUMEN has 13 characters: two digits, a letter, then ten letters or
 * digits (for example 14E0712345ABC). Spaces are ignored, case does not
 * matter, as on the portal.
 */
CartableValidity
cartable_validate_numen (const char  *text,
                         char       **normalized,
                         char       **problem)
{
  g_autofree char *compact = NULL;
  g_autofree char *upper = NULL;
  gsize len;
  const char *shape_hint = _("A NUMEN starts with two digits and a letter, for example 14E0712345ABC.");

  g_return_val_if_fail (text != NULL, CARTABLE_VALIDITY_INVALID);

  if (normalized != NULL)
    *normalized = NULL;

  compact = strip_all (text, " \t");
  if (*compact == '\0')
    return set_problem (problem, CARTABLE_VALIDITY_EMPTY, NULL);

  upper = g_ascii_strup (compact, -1);
  len = strlen (upper);

  for (gsize i = 0; i < len; i++)
    {
      char c = upper[i];

      if (!g_ascii_isalnum (c))
        return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                            _("A NUMEN has only letters and digits."));
      if (i < 2 && !g_ascii_isdigit (c))
        return set_problem (problem, CARTABLE_VALIDITY_INVALID, shape_hint);
      if (i == 2 && !g_ascii_isalpha (c))
        return set_problem (problem, CARTABLE_VALIDITY_INVALID, shape_hint);
    }

  if (len > CARTABLE_NUMEN_LENGTH)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("A NUMEN has 13 characters: there are too many."));
  if (len < CARTABLE_NUMEN_LENGTH)
    return set_problem (problem, CARTABLE_VALIDITY_INCOMPLETE,
                        _("A NUMEN has 13 characters, for example 14E0712345ABC."));

  if (normalized != NULL)
    *normalized = g_steal_pointer (&upper);
  return set_problem (problem, CARTABLE_VALIDITY_VALID, NULL);
}

/**
 * cartable_validate_activation_code:
 * @text: what the user typed
 * @normalized: (out) (optional): the code as XXXX-XXXX in capitals, when valid
 * @problem: (out) (optional): a sentence saying what is wrong or missing
 *
 * An activation code has eight letters or digits, printed as K7QF-9XTA;
 * like the portal, this ignores case, spaces and dashes.
 */
CartableValidity
cartable_validate_activation_code (const char  *text,
                                   char       **normalized,
                                   char       **problem)
{
  g_autofree char *compact = NULL;
  g_autofree char *upper = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, CARTABLE_VALIDITY_INVALID);

  if (normalized != NULL)
    *normalized = NULL;

  compact = strip_all (text, " \t-");
  if (*compact == '\0')
    return set_problem (problem, CARTABLE_VALIDITY_EMPTY, NULL);

  upper = g_ascii_strup (compact, -1);
  len = strlen (upper);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (upper[i]))
      return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                          _("The activation code has only letters and digits, as on your letter."));

  if (len > CARTABLE_ACTIVATION_CODE_LENGTH)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("The activation code has 8 characters: there are too many."));
  if (len < CARTABLE_ACTIVATION_CODE_LENGTH)
    return set_problem (problem, CARTABLE_VALIDITY_INCOMPLETE,
                        _("The activation code has 8 characters, for example K7QF-9XTA."));

  if (normalized != NULL)
    *normalized = g_strdup_printf ("%.4s-%.4s", upper, upper + 4);
  return set_problem (problem, CARTABLE_VALIDITY_VALID, NULL);
}

/**
 * cartable_validate_identifier:
 * @text: what the user typed
 * @normalized: (out) (optional): the identifier trimmed and in lower case, when valid
 * @problem: (out) (optional): a sentence saying what is wrong or missing
 *
 * An academic identifier ("identifiant", e.g. mdurand) starts with a letter
 * and has letters, digits, dots, dashes or underscores; it is not an e-mail
 * address.
 */
CartableValidity
cartable_validate_identifier (const char  *text,
                              char       **normalized,
                              char       **problem)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, CARTABLE_VALIDITY_INVALID);

  if (normalized != NULL)
    *normalized = NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return set_problem (problem, CARTABLE_VALIDITY_EMPTY, NULL);

  if (strchr (trimmed, '@') != NULL)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("Type your identifier, not your e-mail address: for example mdurand."));

  lower = g_ascii_strdown (trimmed, -1);
  len = strlen (lower);

  if (!g_ascii_isalpha (lower[0]))
    return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                        _("An identifier starts with a letter, for example mdurand."));

  for (gsize i = 0; i < len; i++)
    {
      char c = lower[i];

      if (!g_ascii_isalnum (c) && c != '.' && c != '-' && c != '_')
        return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                            _("An identifier has only letters without accents, digits, dots and dashes."));
    }

  if (len > 64)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID, _("This identifier is too long."));
  if (len < 2)
    return set_problem (problem, CARTABLE_VALIDITY_INCOMPLETE,
                        _("Your identifier is usually your first initial and your name, for example mdurand."));

  if (normalized != NULL)
    *normalized = g_steal_pointer (&lower);
  return set_problem (problem, CARTABLE_VALIDITY_VALID, NULL);
}

/**
 * cartable_validate_email:
 * @text: what the user typed
 * @normalized: (out) (optional): the address trimmed, when valid
 * @problem: (out) (optional): a sentence saying what is wrong or missing
 *
 * A plausible address as the portal checks it: local@domain.tld, at most
 * 254 characters, no spaces.
 */
CartableValidity
cartable_validate_email (const char  *text,
                         char       **normalized,
                         char       **problem)
{
  g_autofree char *trimmed = NULL;
  const char *at;
  const char *domain;
  const char *last_dot;
  const char *example_hint = _("Type an address such as jeanne.martin@example.org.");

  g_return_val_if_fail (text != NULL, CARTABLE_VALIDITY_INVALID);

  if (normalized != NULL)
    *normalized = NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return set_problem (problem, CARTABLE_VALIDITY_EMPTY, NULL);

  if (!g_utf8_validate (trimmed, -1, NULL) || strlen (trimmed) > 254)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID, _("This address is too long."));

  for (const char *p = trimmed; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return set_problem (problem, CARTABLE_VALIDITY_INVALID,
                          _("An e-mail address has no spaces, commas or angle brackets."));

  at = strchr (trimmed, '@');
  if (at == NULL)
    return set_problem (problem, CARTABLE_VALIDITY_INCOMPLETE, example_hint);
  if (at == trimmed || strchr (at + 1, '@') != NULL)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID, example_hint);

  domain = at + 1;
  last_dot = strrchr (domain, '.');
  if (*domain == '\0' || last_dot == NULL || last_dot[1] == '\0')
    return set_problem (problem, CARTABLE_VALIDITY_INCOMPLETE, example_hint);
  if (domain[0] == '.' || strstr (domain, "..") != NULL || strlen (last_dot + 1) < 2)
    return set_problem (problem, CARTABLE_VALIDITY_INVALID, example_hint);

  if (normalized != NULL)
    *normalized = g_steal_pointer (&trimmed);
  return set_problem (problem, CARTABLE_VALIDITY_VALID, NULL);
}

/**
 * cartable_validate_required_text:
 * @text: what the user typed
 * @max_chars: the longest accepted length in Unicode characters (0: no limit)
 * @problem: (out) (optional): a sentence saying what is wrong
 *
 * A field that must not be empty (spaces alone count as empty).
 */
CartableValidity
cartable_validate_required_text (const char  *text,
                                 guint        max_chars,
                                 char       **problem)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, CARTABLE_VALIDITY_INVALID);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return set_problem (problem, CARTABLE_VALIDITY_EMPTY, NULL);

  if (max_chars > 0 && g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "At most %u character, please shorten it.",
                                                               "At most %u characters, please shorten it.",
                                                               max_chars),
                                                  max_chars);
      return set_problem (problem, CARTABLE_VALIDITY_INVALID, message);
    }

  return set_problem (problem, CARTABLE_VALIDITY_VALID, NULL);
}

/**
 * cartable_password_classes_from_names:
 * @names: (nullable): class names as the portal publishes them
 *   ("lowercase", "uppercase", "digit", "symbol"); unknown names are ignored
 */
CartablePasswordClass
cartable_password_classes_from_names (const char * const *names)
{
  CartablePasswordClass classes = 0;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "lowercase"))
        classes |= CARTABLE_PASSWORD_CLASS_LOWERCASE;
      else if (g_str_equal (names[i], "uppercase"))
        classes |= CARTABLE_PASSWORD_CLASS_UPPERCASE;
      else if (g_str_equal (names[i], "digit"))
        classes |= CARTABLE_PASSWORD_CLASS_DIGIT;
      else if (g_str_equal (names[i], "symbol"))
        classes |= CARTABLE_PASSWORD_CLASS_SYMBOL;
    }

  return classes;
}

/**
 * cartable_password_get_classes:
 *
 * The classes @password uses, counted as the portal does: letters of
 * either case (accented ones too), digits 0–9, and anything else (space
 * included) as a symbol.
 */
CartablePasswordClass
cartable_password_get_classes (const char *password)
{
  CartablePasswordClass classes = 0;

  g_return_val_if_fail (password != NULL, 0);
  g_return_val_if_fail (g_utf8_validate (password, -1, NULL), 0);

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        classes |= CARTABLE_PASSWORD_CLASS_LOWERCASE;
      else if (g_unichar_isupper (c) || g_unichar_istitle (c))
        classes |= CARTABLE_PASSWORD_CLASS_UPPERCASE;
      else if (c >= '0' && c <= '9')
        classes |= CARTABLE_PASSWORD_CLASS_DIGIT;
      else
        classes |= CARTABLE_PASSWORD_CLASS_SYMBOL;
    }

  return classes;
}

static guint
count_bits (guint value)
{
  guint n = 0;

  for (; value != 0; value &= value - 1)
    n++;
  return n;
}

/**
 * cartable_password_check_rule:
 * @rules: the measurable part of the policy
 * @rule: a rule name of the published policy ("min_length", "max_length",
 *   "character_classes", "not_identifier", "differs_from_current")
 * @password: the new password
 * @identifier: (nullable): the account's identifier, if known
 * @current_password: (nullable): the current password, if the user typed it
 *
 * Returns: whether @password keeps @rule, or %CARTABLE_RULE_UNCHECKED when
 *   only the portal can tell
 */
CartableRuleResult
cartable_password_check_rule (const CartablePasswordRules *rules,
                              const char                  *rule,
                              const char                  *password,
                              const char                  *identifier,
                              const char                  *current_password)
{
  glong length;

  g_return_val_if_fail (rules != NULL, CARTABLE_RULE_UNCHECKED);
  g_return_val_if_fail (rule != NULL, CARTABLE_RULE_UNCHECKED);
  g_return_val_if_fail (password != NULL, CARTABLE_RULE_UNCHECKED);

  if (!g_utf8_validate (password, -1, NULL))
    return CARTABLE_RULE_FAILED;

  length = g_utf8_strlen (password, -1);

  if (g_str_equal (rule, "min_length"))
    return length >= (glong) rules->min_length && length > 0 ? CARTABLE_RULE_PASSED : CARTABLE_RULE_FAILED;

  if (g_str_equal (rule, "max_length"))
    return rules->max_length == 0 || length <= (glong) rules->max_length
           ? CARTABLE_RULE_PASSED : CARTABLE_RULE_FAILED;

  if (g_str_equal (rule, "character_classes"))
    {
      CartablePasswordClass counted = rules->classes != 0 ? rules->classes : (CartablePasswordClass) 0xf;
      guint used = count_bits (cartable_password_get_classes (password) & counted);

      return used >= rules->min_classes && length > 0 ? CARTABLE_RULE_PASSED : CARTABLE_RULE_FAILED;
    }

  if (g_str_equal (rule, "not_identifier"))
    {
      g_autofree char *folded_password = NULL;
      g_autofree char *folded_identifier = NULL;
      g_autofree char *trimmed = NULL;

      if (identifier == NULL)
        return CARTABLE_RULE_UNCHECKED;
      trimmed = g_strstrip (g_strdup (identifier));
      if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
        return CARTABLE_RULE_UNCHECKED;
      if (length == 0)
        return CARTABLE_RULE_FAILED;

      folded_password = g_utf8_casefold (password, -1);
      folded_identifier = g_utf8_casefold (trimmed, -1);
      return strstr (folded_password, folded_identifier) == NULL ? CARTABLE_RULE_PASSED : CARTABLE_RULE_FAILED;
    }

  if (g_str_equal (rule, "differs_from_current"))
    {
      if (current_password == NULL || *current_password == '\0')
        return CARTABLE_RULE_UNCHECKED;
      if (length == 0)
        return CARTABLE_RULE_FAILED;
      return g_str_equal (password, current_password) ? CARTABLE_RULE_FAILED : CARTABLE_RULE_PASSED;
    }

  return CARTABLE_RULE_UNCHECKED;
}

/**
 * cartable_password_check_all:
 * @rules: the measurable part of the policy
 * @rule_names: the rule names of the published policy, in its order
 * @password: the new password
 * @identifier: (nullable): the account's identifier, if known
 * @current_password: (nullable): the current password, if known
 * @failed: (out) (optional) (transfer full): the names of the broken rules
 *
 * Returns: %TRUE if no rule that can be checked here is broken
 */
gboolean
cartable_password_check_all (const CartablePasswordRules *rules,
                             const char * const          *rule_names,
                             const char                  *password,
                             const char                  *identifier,
                             const char                  *current_password,
                             GStrv                       *failed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean ok = TRUE;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  for (guint i = 0; rule_names != NULL && rule_names[i] != NULL; i++)
    {
      if (cartable_password_check_rule (rules, rule_names[i], password, identifier, current_password)
          == CARTABLE_RULE_FAILED)
        {
          ok = FALSE;
          g_strv_builder_add (builder, rule_names[i]);
        }
    }

  if (failed != NULL)
    *failed = g_strv_builder_end (builder);
  return ok;
}

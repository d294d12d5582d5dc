/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-engine.h"
#include "account/cartable-account-validate.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("account-validate");

static GDate *
make_today (void)
{
  return g_date_new_dmy (15, G_DATE_MARCH, 2025);
}

typedef struct
{
  const char       *text;
  CartableValidity  validity;
  const char       *result;
} Case;

CARTABLE_TEST ("birth-date", test_birth_date)
{
  g_autoptr(GDate) today = make_today ();
  static const Case cases[] = {
    { "", CARTABLE_VALIDITY_EMPTY, NULL },
    { "   ", CARTABLE_VALIDITY_EMPTY, NULL },
    { "02/11/1986", CARTABLE_VALIDITY_VALID, "1986-11-02" },
    { " 2/11/1986 ", CARTABLE_VALIDITY_VALID, "1986-11-02" },
    { "02.11.1986", CARTABLE_VALIDITY_VALID, "1986-11-02" },
    { "02-11-1986", CARTABLE_VALIDITY_VALID, "1986-11-02" },
    { "02 11 1986", CARTABLE_VALIDITY_VALID, "1986-11-02" },
    { "02111986", CARTABLE_VALIDITY_VALID, "1986-11-02" },
    { "29/02/1984", CARTABLE_VALIDITY_VALID, "1984-02-29" },
    /* While typing. */
    { "0", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "02", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "02/", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "02/1", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "02/11/", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "02/11/198", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "0211", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    /* Wrong at once. */
    { "32", CARTABLE_VALIDITY_INVALID, NULL },
    { "00/", CARTABLE_VALIDITY_INVALID, NULL },
    { "02/13", CARTABLE_VALIDITY_INVALID, NULL },
    { "02/00/", CARTABLE_VALIDITY_INVALID, NULL },
    { "02/11/19865", CARTABLE_VALIDITY_INVALID, NULL },
    { "021119865", CARTABLE_VALIDITY_INVALID, NULL },
    { "02//11/1986", CARTABLE_VALIDITY_INVALID, NULL },
    { "/02/11/1986", CARTABLE_VALIDITY_INVALID, NULL },
    { "02/11/1986/1", CARTABLE_VALIDITY_INVALID, NULL },
    { "2 novembre 1986", CARTABLE_VALIDITY_INVALID, NULL },
    { "1986-11-02", CARTABLE_VALIDITY_INVALID, NULL },
    /* Real calendar. */
    { "29/02/1985", CARTABLE_VALIDITY_INVALID, NULL },
    { "29/02/1900", CARTABLE_VALIDITY_INVALID, NULL },
    { "31/04/1980", CARTABLE_VALIDITY_INVALID, NULL },
    { "31/12/1980", CARTABLE_VALIDITY_VALID, "1980-12-31" },
    /* Plausible range: 16 to 100 years old on 15 March 2025. */
    { "15/03/2009", CARTABLE_VALIDITY_VALID, "2009-03-15" },
    { "16/03/2009", CARTABLE_VALIDITY_INVALID, NULL },
    { "01/01/2024", CARTABLE_VALIDITY_INVALID, NULL },
    { "01/01/2030", CARTABLE_VALIDITY_INVALID, NULL },
    { "16/03/1924", CARTABLE_VALIDITY_VALID, "1924-03-16" },
    { "15/03/1924", CARTABLE_VALIDITY_INVALID, NULL },
    { "14/03/1924", CARTABLE_VALIDITY_INVALID, NULL },
    { "01/01/1850", CARTABLE_VALIDITY_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      g_autofree char *problem = NULL;
      CartableValidity validity;

      validity = cartable_validate_birth_date (cases[i].text, today, &iso, &problem);
      g_test_message ("'%s' → %d (%s)", cases[i].text, validity, problem ? problem : "");
      g_assert_cmpint (validity, ==, cases[i].validity);
      g_assert_cmpstr (iso, ==, cases[i].result);
      /* Every state but empty and valid says what to do. */
      if (validity == CARTABLE_VALIDITY_INVALID || validity == CARTABLE_VALIDITY_INCOMPLETE)
        g_assert_nonnull (problem);
      else
        g_assert_null (problem);
    }
}

CARTABLE_TEST ("birth-date-messages", test_birth_date_messages)
{
  g_autoptr(GDate) today = make_today ();
  g_autofree char *no_day = NULL;
  g_autofree char *no_date = NULL;
  g_autofree char *too_recent = NULL;

  cartable_validate_birth_date ("31/04/1980", today, NULL, &no_date);
  cartable_validate_birth_date ("45", today, NULL, &no_day);
  cartable_validate_birth_date ("01/01/2020", today, NULL, &too_recent);

  /* Each problem has its own sentence. */
  g_assert_cmpstr (no_date, !=, no_day);
  g_assert_cmpstr (no_date, !=, too_recent);
  g_assert_cmpstr (no_day, !=, too_recent);

  /* Today by default: a date of birth from 1980 is plausible for years to come. */
  g_assert_cmpint (cartable_validate_birth_date ("01/06/1980", NULL, NULL, NULL), ==, CARTABLE_VALIDITY_VALID);
}

CARTABLE_TEST ("numen", test_numen)
{
  static const Case cases[] = {
    { "", CARTABLE_VALIDITY_EMPTY, NULL },
    { "14E0712345ABC", CARTABLE_VALIDITY_VALID, "14E0712345ABC" },
    { "14e0712345abc", CARTABLE_VALIDITY_VALID, "14E0712345ABC" },
    { " 14 E 0712345 ABC ", CARTABLE_VALIDITY_VALID, "14E0712345ABC" },
    { "08S1234567XYZ", CARTABLE_VALIDITY_VALID, "08S1234567XYZ" },
    { "1", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "14E", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "14E0712345AB", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "14E0712345ABCD", CARTABLE_VALIDITY_INVALID, NULL },
    { "A4E0712345ABC", CARTABLE_VALIDITY_INVALID, NULL },
    { "1", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "145", CARTABLE_VALIDITY_INVALID, NULL },
    { "14E-0712345", CARTABLE_VALIDITY_INVALID, NULL },
    { "14É0712345ABC", CARTABLE_VALIDITY_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = NULL;
      g_autofree char *problem = NULL;
      CartableValidity validity;

      validity = cartable_validate_numen (cases[i].text, &normalized, &problem);
      g_test_message ("'%s' → %d", cases[i].text, validity);
      g_assert_cmpint (validity, ==, cases[i].validity);
      g_assert_cmpstr (normalized, ==, cases[i].result);
      g_assert_true ((problem != NULL) == (validity == CARTABLE_VALIDITY_INVALID ||
                                           validity == CARTABLE_VALIDITY_INCOMPLETE));
    }
}

CARTABLE_TEST ("activation-code", test_activation_code)
{
  static const Case cases[] = {
    { "", CARTABLE_VALIDITY_EMPTY, NULL },
    { "  -  ", CARTABLE_VALIDITY_EMPTY, NULL },
    { "K7QF-9XTA", CARTABLE_VALIDITY_VALID, "K7QF-9XTA" },
    { "k7qf9xta", CARTABLE_VALIDITY_VALID, "K7QF-9XTA" },
    { " K7QF 9XTA ", CARTABLE_VALIDITY_VALID, "K7QF-9XTA" },
    { "K7-QF-9X-TA", CARTABLE_VALIDITY_VALID, "K7QF-9XTA" },
    { "K7QF", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "K7QF-", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "K7QF-9XT", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "K7QF-9XTAB", CARTABLE_VALIDITY_INVALID, NULL },
    { "K7QF_9XTA", CARTABLE_VALIDITY_INVALID, NULL },
    { "K7QF/9XTA", CARTABLE_VALIDITY_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = NULL;
      g_autofree char *problem = NULL;
      CartableValidity validity;

      validity = cartable_validate_activation_code (cases[i].text, &normalized, &problem);
      g_test_message ("'%s' → %d", cases[i].text, validity);
      g_assert_cmpint (validity, ==, cases[i].validity);
      g_assert_cmpstr (normalized, ==, cases[i].result);
    }
}

CARTABLE_TEST ("identifier", test_identifier)
{
  static const Case cases[] = {
    { "", CARTABLE_VALIDITY_EMPTY, NULL },
    { "mdurand", CARTABLE_VALIDITY_VALID, "mdurand" },
    { " MDurand ", CARTABLE_VALIDITY_VALID, "mdurand" },
    { "jean-pierre.martin2", CARTABLE_VALIDITY_VALID, "jean-pierre.martin2" },
    { "m", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "marie.durand@ac-normandie.fr", CARTABLE_VALIDITY_INVALID, NULL },
    { "2mdurand", CARTABLE_VALIDITY_INVALID, NULL },
    { "m durand", CARTABLE_VALIDITY_INVALID, NULL },
    { "mdürand", CARTABLE_VALIDITY_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = NULL;
      CartableValidity validity;

      validity = cartable_validate_identifier (cases[i].text, &normalized, NULL);
      g_test_message ("'%s' → %d", cases[i].text, validity);
      g_assert_cmpint (validity, ==, cases[i].validity);
      g_assert_cmpstr (normalized, ==, cases[i].result);
    }
}

CARTABLE_TEST ("email", test_email)
{
  g_autofree char *long_address = NULL;
  g_autofree char *long_domain = g_strnfill (250, 'b');
  static const Case cases[] = {
    { "", CARTABLE_VALIDITY_EMPTY, NULL },
    { "jeanne.martin@example.org", CARTABLE_VALIDITY_VALID, "jeanne.martin@example.org" },
    { "  jeanne@example.org ", CARTABLE_VALIDITY_VALID, "jeanne@example.org" },
    { "jeanne", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "jeanne@", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "jeanne@example", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "jeanne@example.", CARTABLE_VALIDITY_INCOMPLETE, NULL },
    { "jeanne@example.o", CARTABLE_VALIDITY_INVALID, NULL },
    { "@example.org", CARTABLE_VALIDITY_INVALID, NULL },
    { "a@b@example.org", CARTABLE_VALIDITY_INVALID, NULL },
    { "jeanne martin@example.org", CARTABLE_VALIDITY_INVALID, NULL },
    { "jeanne@.example.org", CARTABLE_VALIDITY_INVALID, NULL },
    { "jeanne@example..org", CARTABLE_VALIDITY_INVALID, NULL },
    { "Jeanne <jeanne@example.org>", CARTABLE_VALIDITY_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = NULL;
      CartableValidity validity;

      validity = cartable_validate_email (cases[i].text, &normalized, NULL);
      g_test_message ("'%s' → %d", cases[i].text, validity);
      g_assert_cmpint (validity, ==, cases[i].validity);
      g_assert_cmpstr (normalized, ==, cases[i].result);
    }

  long_address = g_strconcat ("a@", long_domain, ".org", NULL);
  g_assert_cmpint (cartable_validate_email (long_address, NULL, NULL), ==, CARTABLE_VALIDITY_INVALID);
}

CARTABLE_TEST ("required-text", test_required_text)
{
  g_autofree char *problem = NULL;

  g_assert_cmpint (cartable_validate_required_text ("", 100, NULL), ==, CARTABLE_VALIDITY_EMPTY);
  g_assert_cmpint (cartable_validate_required_text ("  \n ", 100, NULL), ==, CARTABLE_VALIDITY_EMPTY);
  g_assert_cmpint (cartable_validate_required_text ("Relevé", 6, NULL), ==, CARTABLE_VALIDITY_VALID);
  g_assert_cmpint (cartable_validate_required_text ("Relevés", 6, &problem), ==, CARTABLE_VALIDITY_INVALID);
  g_assert_nonnull (problem);
  g_assert_cmpint (cartable_validate_required_text ("x", 0, NULL), ==, CARTABLE_VALIDITY_VALID);
}

/* The policy of docs/portal-api.md. */
static const char *policy_rule_names[] = {
  "min_length", "max_length", "character_classes", "not_identifier", "differs_from_current", NULL
};
static const char *policy_class_names[] = { "lowercase", "uppercase", "digit", "symbol", NULL };

static CartablePasswordRules
make_policy (void)
{
  CartablePasswordRules rules = {
    .min_length = 12,
    .max_length = 128,
    .min_classes = 3,
    .classes = cartable_password_classes_from_names (policy_class_names),
  };
  return rules;
}

CARTABLE_TEST ("password-classes", test_password_classes)
{
  g_assert_cmpint (cartable_password_classes_from_names (policy_class_names), ==, 0xf);
  g_assert_cmpint (cartable_password_classes_from_names (NULL), ==, 0);
  g_assert_cmpint (cartable_password_get_classes (""), ==, 0);
  g_assert_cmpint (cartable_password_get_classes ("abc"), ==, CARTABLE_PASSWORD_CLASS_LOWERCASE);
  g_assert_cmpint (cartable_password_get_classes ("ÉTÉ"), ==, CARTABLE_PASSWORD_CLASS_UPPERCASE);
  g_assert_cmpint (cartable_password_get_classes ("été 2024"), ==,
                   CARTABLE_PASSWORD_CLASS_LOWERCASE | CARTABLE_PASSWORD_CLASS_DIGIT |
                   CARTABLE_PASSWORD_CLASS_SYMBOL);
  /* Only 0–9 are digits; other numerals are symbols. */
  g_assert_cmpint (cartable_password_get_classes ("٣"), ==, CARTABLE_PASSWORD_CLASS_SYMBOL);
}

CARTABLE_TEST ("password-rules", test_password_rules)
{
  CartablePasswordRules rules = make_policy ();
  g_auto(GStrv) failed = NULL;
  g_autofree char *too_long = g_strnfill (129, 'a');

  /* Length counts characters, not bytes: 12 accented letters are enough. */
  g_assert_cmpint (cartable_password_check_rule (&rules, "min_length", "éééééééééééé", NULL, NULL), ==,
                   CARTABLE_RULE_PASSED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "min_length", "ééééééééééé", NULL, NULL), ==,
                   CARTABLE_RULE_FAILED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "max_length", too_long, NULL, NULL), ==,
                   CARTABLE_RULE_FAILED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "max_length", too_long + 1, NULL, NULL), ==,
                   CARTABLE_RULE_PASSED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "character_classes", "abcdefghijkl", NULL, NULL), ==,
                   CARTABLE_RULE_FAILED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "character_classes", "Une phrase", NULL, NULL), ==,
                   CARTABLE_RULE_PASSED);

  /* The identifier, compared ignoring case. */
  g_assert_cmpint (cartable_password_check_rule (&rules, "not_identifier", "Bonjour-MDurand-2024", "mdurand", NULL),
                   ==, CARTABLE_RULE_FAILED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "not_identifier", "Bonjour-Marie-2024", "mdurand", NULL),
                   ==, CARTABLE_RULE_PASSED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "not_identifier", "Bonjour-Marie-2024", NULL, NULL),
                   ==, CARTABLE_RULE_UNCHECKED);

  /* The current password, when the user typed it. */
  g_assert_cmpint (cartable_password_check_rule (&rules, "differs_from_current", "Provisoire-2024", NULL,
                                                 "Provisoire-2024"), ==, CARTABLE_RULE_FAILED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "differs_from_current", "Provisoire-2025", NULL,
                                                 "Provisoire-2024"), ==, CARTABLE_RULE_PASSED);
  g_assert_cmpint (cartable_password_check_rule (&rules, "differs_from_current", "Provisoire-2025", NULL, NULL),
                   ==, CARTABLE_RULE_UNCHECKED);

  /* A rule the client does not know is left to the portal. */
  g_assert_cmpint (cartable_password_check_rule (&rules, "not_in_dictionary", "x", NULL, NULL), ==,
                   CARTABLE_RULE_UNCHECKED);

  /* All at once, in the policy's order. */
  g_assert_false (cartable_password_check_all (&rules, policy_rule_names, "mdurand", "mdurand", "mdurand",
                                               &failed));
  g_assert_cmpstrv (failed, ((const char *[]) { "min_length", "character_classes", "not_identifier",
                                                 "differs_from_current", NULL }));
  g_clear_pointer (&failed, g_strfreev);

  g_assert_true (cartable_password_check_all (&rules, policy_rule_names, "Une phrase de passe 2024",
                                              "cmoreau", NULL, &failed));
  g_assert_cmpuint (g_strv_length (failed), ==, 0);
  g_clear_pointer (&failed, g_strfreev);

  g_assert_false (cartable_password_check_all (&rules, policy_rule_names, "", NULL, NULL, &failed));
  g_assert_cmpstrv (failed, ((const char *[]) { "min_length", "character_classes", NULL }));
}

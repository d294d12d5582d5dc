/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "onboarding/cartable-onboarding-errors.h"
#include "onboarding/cartable-onboarding-field.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("onboarding-errors");

/* The machine fields (attempts left, retry after, violations) come from the
 * real portal in the ui test; here, the sentence chosen for each code. */

static char *
describe (GQuark                  domain,
          int                     code,
          CartableOnboardingFlow  flow)
{
  g_autoptr(GError) error = g_error_new_literal (domain, code, "english message");

  return cartable_onboarding_describe_error (error, flow);
}

CARTABLE_TEST ("every-portal-code", test_every_portal_code)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int code = CARTABLE_PORTAL_ERROR_FAILED; code <= CARTABLE_PORTAL_ERROR_UNKNOWN_SERVICE; code++)
    {
      g_autofree char *sentence = describe (CARTABLE_PORTAL_ERROR, code, CARTABLE_ONBOARDING_FLOW_ACTIVATE);

      g_test_message ("%d: %s", code, sentence);
      g_assert_nonnull (sentence);
      /* A French sentence, never the engine's English message. */
      g_assert_null (strstr (sentence, "english message"));
      g_assert_cmpuint (strlen (sentence), >, 20);
      g_assert_true (g_str_has_suffix (sentence, "."));
      g_hash_table_add (seen, g_steal_pointer (&sentence));
    }

  /* Codes that need different actions get different sentences (the
   * unknown-response family shares one). */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 18);
}

/* An error, the flow it happens in, and words the sentence must hold. */
typedef struct
{
  GQuark                (*domain) (void);
  int                     code;
  CartableOnboardingFlow  flow;
  const char             *words;
} SentenceCase;

static void
check_sentences (const SentenceCase *cases,
                 guint               n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *sentence = describe (cases[i].domain (), cases[i].code, cases[i].flow);

      if (strstr (sentence, cases[i].words) == NULL)
        g_error ("case %u: « %s » does not say « %s »", i, sentence, cases[i].words);
    }
}

CARTABLE_TEST ("flow-specific", test_flow_specific)
{
  static const SentenceCase cases[] = {
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, CARTABLE_ONBOARDING_FLOW_ACTIVATE,
      "identifiant" },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY,
      "NUMEN" },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, CARTABLE_ONBOARDING_FLOW_ACTIVATE,
      "date de naissance" },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, CARTABLE_ONBOARDING_FLOW_RECOVERY,
      "NUMEN" },
    /* What to do next: ask for a new code. */
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_CODE_EXPIRED, CARTABLE_ONBOARDING_FLOW_ACTIVATE,
      "J’ai perdu mon code" },
    /* Without retry_after, still something to do. */
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, CARTABLE_ONBOARDING_FLOW_LOGIN,
      "Patientez quelques minutes" },
  };

  check_sentences (cases, G_N_ELEMENTS (cases));
}

CARTABLE_TEST ("server-errors", test_server_errors)
{
  static const SentenceCase cases[] = {
    { cartable_server_error_quark, CARTABLE_SERVER_ERROR_UNREACHABLE, CARTABLE_ONBOARDING_FLOW_LOGIN, "Internet" },
    { cartable_server_error_quark, CARTABLE_SERVER_ERROR_AUTHENTICATION, CARTABLE_ONBOARDING_FLOW_LOGIN,
      "mot de passe est incorrect" },
    { cartable_server_error_quark, CARTABLE_SERVER_ERROR_CERTIFICATE, CARTABLE_ONBOARDING_FLOW_LOGIN, "sécurité" },
    /* Anything else still says what to do, and keeps the detail. */
    { g_io_error_quark, G_IO_ERROR_FAILED, CARTABLE_ONBOARDING_FLOW_LOGIN, "english message" },
    { g_io_error_quark, G_IO_ERROR_FAILED, CARTABLE_ONBOARDING_FLOW_LOGIN, "Réessayez" },
  };

  check_sentences (cases, G_N_ELEMENTS (cases));
}

CARTABLE_TEST ("minutes", test_minutes)
{
  g_assert_cmpuint (cartable_onboarding_minutes_from_seconds (-1), ==, 1);
  g_assert_cmpuint (cartable_onboarding_minutes_from_seconds (0), ==, 1);
  g_assert_cmpuint (cartable_onboarding_minutes_from_seconds (1), ==, 1);
  g_assert_cmpuint (cartable_onboarding_minutes_from_seconds (60), ==, 1);
  g_assert_cmpuint (cartable_onboarding_minutes_from_seconds (61), ==, 2);
  g_assert_cmpuint (cartable_onboarding_minutes_from_seconds (900), ==, 15);
  g_assert_cmpuint (cartable_onboarding_minutes_from_seconds (86400), ==, 1440);
}

/* Where the keyboard goes back after a refusal: the field it is about. */
CARTABLE_TEST ("field-in-error", test_field_in_error)
{
  static const struct
  {
    GQuark                 (*domain) (void);
    int                     code;
    CartableOnboardingFlow  flow;
    int                     field;
  } cases[] = {
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_UNAUTHORIZED, CARTABLE_ONBOARDING_FLOW_LOGIN,
      CARTABLE_ONBOARDING_FIELD_PASSWORD },
    { cartable_server_error_quark, CARTABLE_SERVER_ERROR_AUTHENTICATION, CARTABLE_ONBOARDING_FLOW_LOGIN,
      CARTABLE_ONBOARDING_FIELD_PASSWORD },
    { cartable_directory_error_quark, CARTABLE_DIRECTORY_ERROR_NOT_FOUND, CARTABLE_ONBOARDING_FLOW_LOGIN,
      CARTABLE_ONBOARDING_FIELD_IDENTIFIER },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_INVALID_CODE, CARTABLE_ONBOARDING_FLOW_ACTIVATE,
      CARTABLE_ONBOARDING_FIELD_CODE },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_CODE_EXPIRED, CARTABLE_ONBOARDING_FLOW_ACTIVATE,
      CARTABLE_ONBOARDING_FIELD_CODE },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, CARTABLE_ONBOARDING_FLOW_ACTIVATE,
      CARTABLE_ONBOARDING_FIELD_BIRTH_DATE },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, CARTABLE_ONBOARDING_FLOW_RECOVERY,
      CARTABLE_ONBOARDING_FIELD_NUMEN },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY,
      CARTABLE_ONBOARDING_FIELD_NUMEN },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, CARTABLE_ONBOARDING_FLOW_ACTIVATE,
      CARTABLE_ONBOARDING_FIELD_IDENTIFIER },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY, CARTABLE_ONBOARDING_FLOW_CHANGE_PASSWORD,
      CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD },
    /* Nothing typed is wrong: no field. */
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, CARTABLE_ONBOARDING_FLOW_LOGIN, -1 },
    { cartable_portal_error_quark, CARTABLE_PORTAL_ERROR_NETWORK, CARTABLE_ONBOARDING_FLOW_ACTIVATE, -1 },
    { cartable_server_error_quark, CARTABLE_SERVER_ERROR_UNREACHABLE, CARTABLE_ONBOARDING_FLOW_LOGIN, -1 },
    { g_io_error_quark, G_IO_ERROR_FAILED, CARTABLE_ONBOARDING_FLOW_LOGIN, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain (), cases[i].code, "english message");

      g_assert_cmpint (cartable_onboarding_error_field (error, cases[i].flow), ==, cases[i].field);
    }
}

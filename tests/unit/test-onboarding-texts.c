/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "onboarding/cartable-onboarding-texts.h"
#include "cartable-test.h"
#include "common/cartable-accessible-names.h"

CARTABLE_TEST_PROGRAM ("onboarding-texts");

/* The texts the onboarding computes from the portal's answers, in French,
 * without a display. */

CARTABLE_TEST ("strip-mnemonic", test_strip_mnemonic)
{
  g_autofree char *plain = cartable_accessible_strip_mnemonic ("Date de _naissance");
  g_autofree char *none = cartable_accessible_strip_mnemonic ("NUMEN");

  g_assert_cmpstr (plain, ==, "Date de naissance");
  g_assert_cmpstr (none, ==, "NUMEN");
}

CARTABLE_TEST ("academy-matches", test_academy_matches)
{
  const char * const domains[] = { "ac-normandie.fr", NULL };

  /* Nothing typed: every academy. */
  g_assert_true (cartable_onboarding_academy_matches ("Académie de Normandie", domains, NULL));
  g_assert_true (cartable_onboarding_academy_matches ("Académie de Normandie", domains, ""));
  /* Part of the name, in any case, with or without its accents. */
  g_assert_true (cartable_onboarding_academy_matches ("Académie de Normandie", domains, "normandie"));
  g_assert_true (cartable_onboarding_academy_matches ("Académie de Normandie", domains, "ACADÉMIE"));
  /* Accents aside, as people type. */
  g_assert_true (cartable_onboarding_academy_matches ("Académie de Normandie", domains, "academie de normandie"));
  g_assert_true (cartable_onboarding_academy_matches ("Académie de Créteil", NULL, "CRETEIL"));
  /* Or part of a domain. */
  g_assert_true (cartable_onboarding_academy_matches ("Académie de Normandie", domains, "ac-normandie.fr"));
  g_assert_false (cartable_onboarding_academy_matches ("Académie de Normandie", domains, "versailles"));
  g_assert_false (cartable_onboarding_academy_matches ("Académie de Normandie", NULL, "ac-normandie"));
}

CARTABLE_TEST ("activated", test_activated)
{
  g_autofree char *text = cartable_onboarding_activated_text ("mdurand", "marie.durand@ac-normandie.fr");

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "mdurand"));
  g_assert_nonnull (strstr (text, "marie.durand@ac-normandie.fr"));
  g_assert_nonnull (strstr (text, "identifiant"));
}

CARTABLE_TEST ("recovery", test_recovery)
{
  g_autoptr(GDateTime) expires = g_date_time_new_local (2026, 12, 7, 12, 0, 0);
  g_autofree char *school = cartable_onboarding_recovery_text ("Lycée Corneille", "Rouen", expires);
  g_autofree char *unknown = cartable_onboarding_recovery_text (NULL, NULL, NULL);

  g_test_message ("%s", school);
  g_assert_nonnull (strstr (school, "Lycée Corneille, Rouen"));
  g_assert_nonnull (strstr (school, "secrétariat"));
  g_assert_nonnull (strstr (school, "07/12/2026"));
  g_assert_nonnull (strstr (school, "« J’active mon compte »"));
  /* Two paragraphs: where the code goes, then what to do with it. */
  g_assert_nonnull (strstr (school, "\n\n"));

  g_test_message ("%s", unknown);
  g_assert_nonnull (strstr (unknown, "secrétariat"));
  g_assert_null (strstr (unknown, "/"));
  g_assert_null (strstr (unknown, "(null)"));
}

CARTABLE_TEST ("ticket", test_ticket)
{
  g_autofree char *text = cartable_onboarding_ticket_text ("NOR-20261129-00042", "jeanne.martin@example.org");

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "NOR-20261129-00042"));
  g_assert_nonnull (strstr (text, "jeanne.martin@example.org"));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "cartable-engine.h"
#include "mail/cartable-address-completion.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("address-completion");

/* Completion of the composer's address fields: plain functions. */

static GHashTable *
make_table (void)
{
  GHashTable *table = cartable_address_completion_table_new ();

  cartable_address_completion_add (table, "Marie Durand <marie.durand@ac-normandie.fr>");
  cartable_address_completion_add (table, "=?UTF-8?Q?H=C3=A9l=C3=A8ne_L=C3=A9vesque?= <h.levesque@ac-normandie.fr>, "
                                          "secretariat@ac-normandie.fr");
  cartable_address_completion_add (table, "\"Durand, Paul\" <paul.durand@ac-normandie.fr>");
  cartable_address_completion_add (table, "");
  cartable_address_completion_add (table, NULL);
  cartable_address_completion_add (table, "not an address");
  return table;
}

CARTABLE_TEST ("add", test_add)
{
  g_autoptr(GHashTable) table = make_table ();

  g_assert_cmpuint (g_hash_table_size (table), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (table, "marie.durand@ac-normandie.fr"), ==,
                   "Marie Durand <marie.durand@ac-normandie.fr>");
  g_assert_cmpstr (g_hash_table_lookup (table, "secretariat@ac-normandie.fr"), ==, "secretariat@ac-normandie.fr");

  /* The same address again, differently cased and without a name: the
   * name is kept; with a name, a bare address gains it. */
  cartable_address_completion_add (table, "MARIE.DURAND@ac-normandie.fr");
  g_assert_cmpstr (g_hash_table_lookup (table, "marie.durand@ac-normandie.fr"), ==,
                   "Marie Durand <marie.durand@ac-normandie.fr>");
  cartable_address_completion_add (table, "Secrétariat <secretariat@ac-normandie.fr>");
  g_assert_cmpstr (g_hash_table_lookup (table, "secretariat@ac-normandie.fr"), ==,
                   "Secrétariat <secretariat@ac-normandie.fr>");
  g_assert_cmpuint (g_hash_table_size (table), ==, 4);
}

CARTABLE_TEST ("token", test_token)
{
  g_assert_cmpstr (cartable_address_completion_token (""), ==, "");
  g_assert_cmpstr (cartable_address_completion_token ("mar"), ==, "mar");
  g_assert_cmpstr (cartable_address_completion_token ("Marie Durand <marie.durand@ac-normandie.fr>,  pa"), ==, "pa");
  g_assert_cmpstr (cartable_address_completion_token ("a@b.fr, "), ==, "");
}

static void
check_match (GHashTable *table,
             const char *text,
             const char * const *expected)
{
  g_autoptr(GPtrArray) found = cartable_address_completion_match (table, text);
  guint n = expected != NULL ? g_strv_length ((char **) expected) : 0;

  g_assert_cmpuint (found->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (found, i), ==, expected[i]);
}

CARTABLE_TEST ("match", test_match)
{
  g_autoptr(GHashTable) table = make_table ();
  const char *durand[] = { "\"Durand, Paul\" <paul.durand@ac-normandie.fr>",
                           "Marie Durand <marie.durand@ac-normandie.fr>", NULL };
  const char *helene[] = { "Hélène Lévesque <h.levesque@ac-normandie.fr>", NULL };
  const char *marie[] = { "Marie Durand <marie.durand@ac-normandie.fr>", NULL };
  const char *secretariat[] = { "secretariat@ac-normandie.fr", NULL };

  /* On the name, whatever the case. */
  check_match (table, "durand", durand);
  check_match (table, "DURAND", durand);
  /* Accents ignored both ways. */
  check_match (table, "helene", helene);
  check_match (table, "LÉVES", helene);
  /* On the address. */
  check_match (table, "h.lev", helene);
  check_match (table, "secr", secretariat);
  /* Only what is being typed, after the last comma. */
  check_match (table, "Hélène Lévesque <h.levesque@ac-normandie.fr>, mar", marie);
  /* Nothing typed yet, or nothing known: no offer. */
  check_match (table, "", NULL);
  check_match (table, "a@b.fr, ", NULL);
  check_match (table, "zorglub", NULL);
  /* Already written in full, or completed: nothing more to offer. */
  check_match (table, "Marie.Durand@ac-normandie.fr", NULL);
  check_match (table, "a@b.fr, Marie Durand <marie.durand@ac-normandie.fr>", NULL);
}

CARTABLE_TEST ("apply", test_apply)
{
  g_autofree char *first = cartable_address_completion_apply ("mar", "Marie Durand <marie.durand@ac-normandie.fr>");
  g_autofree char *second = cartable_address_completion_apply (first, "secretariat@ac-normandie.fr");
  g_autofree char *third = NULL;

  g_assert_cmpstr (first, ==, "Marie Durand <marie.durand@ac-normandie.fr>, ");
  /* Nothing typed after the comma yet. */
  g_assert_cmpstr (second, ==, "Marie Durand <marie.durand@ac-normandie.fr>, secretariat@ac-normandie.fr, ");
  third = cartable_address_completion_apply ("a@b.fr,hel", "Hélène Lévesque <h.levesque@ac-normandie.fr>");
  g_assert_cmpstr (third, ==, "a@b.fr, Hélène Lévesque <h.levesque@ac-normandie.fr>, ");
}

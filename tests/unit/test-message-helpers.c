/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "common/cartable-remote-senders.h"
#include "mail/cartable-message-actions.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("message-helpers");

/*
 * The plain functions behind the message list's actions: which senders
 * always show their remote content (case-insensitive addresses), and the
 * text a dragged selection carries to a folder.
 */

CARTABLE_TEST ("address-of", test_address_of)
{
  /* NULL: no address. */
  static const CartableTestTextCase cases[] = {
    { "Marie Durand <Marie.Durand@AC-Normandie.fr>", "marie.durand@ac-normandie.fr" },
    { "  lettre@exemple.fr ", "lettre@exemple.fr" },
    { "\"Durand, Marie\" <marie.durand@ac-normandie.fr>", "marie.durand@ac-normandie.fr" },
    { "Pas d'adresse", NULL },
    { "<>", NULL },
    { NULL, NULL },
  };

  cartable_test_assert_text_cases (cartable_remote_senders_address_of, cases, G_N_ELEMENTS (cases));
}

CARTABLE_TEST ("remote-senders", test_contains_and_add)
{
  const char *empty[] = { NULL };
  g_auto(GStrv) one = cartable_remote_senders_add (empty, "Lettre <Info@Exemple.FR>");
  g_auto(GStrv) again = cartable_remote_senders_add ((const char * const *) one, "info@exemple.fr");
  g_auto(GStrv) none = cartable_remote_senders_add ((const char * const *) one, "Sans adresse");

  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpstr (one[0], ==, "info@exemple.fr");
  /* Added once, whatever the case. */
  g_assert_cmpuint (g_strv_length (again), ==, 1);
  g_assert_cmpuint (g_strv_length (none), ==, 1);

  g_assert_true (cartable_remote_senders_contains ((const char * const *) one, "INFO@exemple.fr"));
  g_assert_true (cartable_remote_senders_contains ((const char * const *) one, "Lettre d'info <info@EXEMPLE.fr>"));
  g_assert_false (cartable_remote_senders_contains ((const char * const *) one, "autre@exemple.fr"));
  /* A display name that looks like the address does not count. */
  g_assert_false (cartable_remote_senders_contains ((const char * const *) one, "info@exemple.fr <pirate@exemple.com>"));
  g_assert_false (cartable_remote_senders_contains (empty, "info@exemple.fr"));
  g_assert_false (cartable_remote_senders_contains (NULL, "info@exemple.fr"));
}

CARTABLE_TEST ("drag-text", test_drag_text)
{
  const char *uids[] = { "12", "13", "40", NULL };
  g_autofree char *text = cartable_message_actions_encode_drag ("compte-1", "INBOX", uids);
  g_autofree char *account = NULL;
  g_autofree char *folder = NULL;
  g_auto(GStrv) back = NULL;
  char *a2 = NULL, *f2 = NULL;
  char **u2 = NULL;

  g_assert_true (cartable_message_actions_decode_drag (text, &account, &folder, &back));
  g_assert_cmpstr (account, ==, "compte-1");
  g_assert_cmpstr (folder, ==, "INBOX");
  g_assert_cmpstrv (back, uids);

  /* Any other text dropped on a folder is refused. */
  g_assert_false (cartable_message_actions_decode_drag ("12\n13", &a2, &f2, &u2));
  g_assert_false (cartable_message_actions_decode_drag ("x-cartable-messages\ncompte-1\nINBOX", &a2, &f2, &u2));
  g_assert_false (cartable_message_actions_decode_drag (NULL, &a2, &f2, &u2));
  g_assert_null (a2);
  g_assert_null (u2);
}

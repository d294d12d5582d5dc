/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("interface-mode");

CARTABLE_TEST ("round-trip", test_round_trip)
{
  CartableInterfaceMode modes[] = { CARTABLE_INTERFACE_MODE_SIMPLE, CARTABLE_INTERFACE_MODE_FULL };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      CartableInterfaceMode parsed = -1;
      const char *nick = cartable_interface_mode_to_string (modes[i]);

      g_assert_nonnull (nick);
      g_assert_true (cartable_interface_mode_from_string (nick, &parsed));
      g_assert_cmpint (parsed, ==, modes[i]);
    }

  g_assert_cmpstr (cartable_interface_mode_to_string (CARTABLE_INTERFACE_MODE_SIMPLE), ==, "simple");
  g_assert_cmpstr (cartable_interface_mode_to_string (CARTABLE_INTERFACE_MODE_FULL), ==, "full");
}

CARTABLE_TEST ("parse-rejects-unknown", test_parse_rejects_unknown)
{
  CartableInterfaceMode mode = CARTABLE_INTERFACE_MODE_FULL;

  g_assert_false (cartable_interface_mode_from_string (NULL, &mode));
  g_assert_false (cartable_interface_mode_from_string ("", &mode));
  g_assert_false (cartable_interface_mode_from_string ("simplified", &mode));
  g_assert_cmpint (mode, ==, CARTABLE_INTERFACE_MODE_FULL);

  /* Case does not matter: a hand-edited setting still works. */
  g_assert_true (cartable_interface_mode_from_string ("SIMPLE", &mode));
  g_assert_cmpint (mode, ==, CARTABLE_INTERFACE_MODE_SIMPLE);
}

CARTABLE_TEST ("enum-type", test_enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CARTABLE_TYPE_INTERFACE_MODE);
  GEnumValue *value = g_enum_get_value_by_nick (klass, "full");

  g_assert_nonnull (value);
  g_assert_cmpint (value->value, ==, CARTABLE_INTERFACE_MODE_FULL);
  g_assert_cmpuint (klass->n_values, ==, 2);
}

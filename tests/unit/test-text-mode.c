/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "mail/cartable-text-mode.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("text-mode");

/* Messages are read as text while a screen reader runs, until the user
 * chooses; the choice then holds. */

CARTABLE_TEST ("decide", test_decide)
{
  g_assert_false (cartable_text_mode_decide (FALSE, FALSE, FALSE));
  g_assert_true (cartable_text_mode_decide (FALSE, FALSE, TRUE));
  g_assert_true (cartable_text_mode_decide (TRUE, TRUE, FALSE));
  g_assert_false (cartable_text_mode_decide (TRUE, FALSE, TRUE));
  g_assert_true (cartable_text_mode_decide (TRUE, TRUE, TRUE));
}

CARTABLE_TEST ("follows-screen-reader-until-chosen", test_follows_screen_reader)
{
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.applications");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(CartableTextMode) mode = cartable_text_mode_new ();
  g_autoptr(CartableTextMode) other = NULL;
  g_autoptr(GVariant) chosen = NULL;

  g_assert_false (cartable_text_mode_get_active (mode));

  /* A screen reader starts: text. */
  g_settings_set_boolean (a11y, "screen-reader-enabled", TRUE);
  g_assert_true (cartable_text_mode_get_active (mode));

  /* The user goes back to the web view: kept, reader or not, and seen by
   * every other pane. */
  cartable_text_mode_set_active (mode, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "message-text-mode"));
  chosen = g_settings_get_user_value (settings, "message-text-mode");
  g_assert_nonnull (chosen);
  g_assert_false (cartable_text_mode_get_active (mode));
  other = cartable_text_mode_new ();
  g_assert_false (cartable_text_mode_get_active (other));

  g_settings_set_boolean (a11y, "screen-reader-enabled", FALSE);
  cartable_text_mode_set_active (other, TRUE);
  g_assert_true (cartable_text_mode_get_active (other));
  g_assert_true (cartable_text_mode_get_active (mode));

  /* The choice forgotten: the screen reader decides again. */
  g_settings_reset (settings, "message-text-mode");
  g_assert_false (cartable_text_mode_get_active (mode));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cartable-test.h"
#include "shell/cartable-background.h"
#include "shell/cartable-background-dialog.h"

CARTABLE_TEST_PROGRAM ("background-texts");

/* The autostart entry starts Cartable without a window, hidden from the
 * application lists; it is a valid desktop entry. */
CARTABLE_TEST ("autostart-entry", test_autostart_entry)
{
  g_autofree char *text = cartable_background_autostart_entry ("/usr/bin/cartable");
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *path = cartable_background_autostart_path ();

  g_assert_true (g_key_file_load_from_data (entry, text, -1, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, "Desktop Entry", "Exec", NULL);
  g_assert_cmpstr (exec, ==, "/usr/bin/cartable --background");
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "NoDisplay", NULL));
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  g_assert_true (g_str_has_suffix (path, "/autostart/" APPLICATION_ID ".desktop"));
}

/* The question and the warning count the messages, in French. */
CARTABLE_TEST ("sentences", test_sentences)
{
  g_autofree char *one = cartable_background_dialog_body (1);
  g_autofree char *three = cartable_background_dialog_body (3);
  g_autofree char *warning_one = cartable_background_quit_warning (1);
  g_autofree char *warning_two = cartable_background_quit_warning (2);

  g_assert_true (g_str_has_prefix (one, "1 message attend dans la boîte d’envoi. Cartable peut continuer"));
  g_assert_true (g_str_has_prefix (three, "3 messages attendent dans la boîte d’envoi."));
  g_assert_nonnull (strstr (one, "Si l’ordinateur est éteint à ce moment-là"));
  g_assert_cmpstr (warning_one, ==,
                   "1 message attend encore dans la boîte d’envoi. Il ne partira qu’au prochain démarrage de Cartable.");
  g_assert_cmpstr (warning_two, ==,
                   "2 messages attendent encore dans la boîte d’envoi. Ils ne partiront qu’au prochain démarrage "
                   "de Cartable.");
}

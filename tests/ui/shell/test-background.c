/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "background-steps.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-main-view.h"
#include "preferences/cartable-preferences-window.h"
#include "shell/cartable-background-dialog.h"
#include "shell/cartable-background.h"
#include "shell/cartable-window.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("background");

/*
 * Cartable keeps running once its window is closed: a scheduled message
 * reaches the academy's server while no window is open; the autostart file
 * follows the user's choice; `cartable --background` starts no window and
 * a plain `cartable` brings it back, on the same sessions.
 */

#define USER      "mdurand"
#define RECIPIENT "tlefebvre"

static CartableApplication *the_app;

static GtkWindow *
open_main_window (void)
{
  GtkWindow *window = cartable_test_activate_main_window (G_APPLICATION (the_app));

  gtk_window_set_default_size (window, 1366, 768);
  cartable_test_iterate (300);
  return window;
}

static CartableComposerWindow *
open_composer (GtkWindow *window)
{
  GtkWidget *view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_activate_action (view, "compose.new", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown,
                                         GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
  return CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
}

static gboolean
nothing_waiting (gpointer app)
{
  return background_count_waiting (app) == 0;
}

static gboolean
something_waiting (gpointer app)
{
  return background_count_waiting (app) > 0;
}

/* Written to its end (a new file is written in place). */
static gboolean
file_written (gpointer path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) &&
         g_str_has_suffix (contents, "X-GNOME-Autostart-enabled=true\n");
}

static gboolean
file_missing (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
is_switch_of (GtkWidget     *widget,
              gconstpointer  action_name)
{
  return GTK_IS_SWITCH (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static guint
count_windows_of (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n += G_TYPE_CHECK_INSTANCE_TYPE (window, type);
    }
  return n;
}

/* Whether @menu or one of its sections has an item for @action, labelled
 * @label. */
static gboolean
menu_has_item (GMenuModel *menu,
               const char *action,
               const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_item (section, action, label))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_str_equal (item_action, action) && g_str_equal (item_label, label))
        return TRUE;
    }
  return FALSE;
}

static CartableSessions *
window_sessions (GtkWindow *window)
{
  g_autoptr(CartableSessions) sessions = NULL;

  g_object_get (window, "sessions", &sessions, NULL);
  return sessions;
}

/* Scheduled, then the window closed: the message leaves at its time with
 * no window open; activating Cartable brings the window back. */
CARTABLE_TEST ("scheduled-leaves-while-closed", test_scheduled_leaves_while_closed)
{
  GSettings *settings = cartable_application_get_settings (the_app);
  g_autofree char *subject = g_strdup_printf ("Programmé fenêtre fermée %d", g_random_int_range (1000, 9999));
  GtkWindow *window = open_main_window ();
  CartableComposerWindow *composer;
  guint before = cartable_test_academy_count (RECIPIENT, "INBOX");
  GtkWindow *question;
  gint64 send_at;

  g_assert_false (g_settings_get_boolean (settings, "run-in-background-asked"));
  composer = open_composer (window);
  background_fill_composer (composer, cartable_test_academy_field (RECIPIENT, "email"), subject,
                            "Ce message part à l’heure, même fenêtre fermée.");
  send_at = background_schedule_soon (composer, "background-send-later");
  cartable_test_close_window (GTK_WINDOW (composer), TRUE);
  g_assert_cmpuint (background_count_waiting (the_app), ==, 1);

  /* The first close with mail waiting asks (here in a narrow window).
   * « Annuler » keeps the window, and the question for next time. */
  gtk_window_set_default_size (window, 400, 700);
  cartable_test_iterate (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  question = cartable_test_wait_for_window (CARTABLE_TYPE_BACKGROUND_DIALOG, 5000);
  g_assert_nonnull (question);
  /* Closed again meanwhile: still one question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  cartable_test_iterate (200);
  g_assert_cmpuint (count_windows_of (CARTABLE_TYPE_BACKGROUND_DIALOG), ==, 1);
  background_click (question, "_Annuler");
  cartable_test_iterate (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (cartable_application_get_in_background (the_app));
  g_assert_false (g_settings_get_boolean (settings, "run-in-background-asked"));
  g_assert_true (cartable_test_wait_for (cartable_test_window_gone,
                                         GSIZE_TO_POINTER (CARTABLE_TYPE_BACKGROUND_DIALOG), 5000));

  /* Asked again; « Continuer en arrière-plan » is remembered. */
  background_close_main_window (the_app, window, TRUE, "background-question-narrow");
  g_assert_true (g_settings_get_boolean (settings, "run-in-background-asked"));
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (g_settings_get_boolean (settings, "autostart"));

  /* Not before its time, then on the server with no window open. */
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC, <, send_at);
  g_assert_cmpuint (cartable_test_academy_count (RECIPIENT, "INBOX"), ==, before);
  g_assert_true (cartable_test_academy_wait_count (RECIPIENT, "INBOX", before + 1, 150000));
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC, >=, send_at);
  g_assert_true (cartable_test_window_gone (GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW)));
  g_assert_true (cartable_application_get_in_background (the_app));
  g_assert_true (cartable_test_wait_for (nothing_waiting, the_app, 30000));

  /* Launched again: the window, on the same sessions. */
  window = open_main_window ();
  g_assert_false (cartable_application_get_in_background (the_app));
  g_assert_true (window_sessions (window) == cartable_application_get_sessions (the_app));
  cartable_test_shot (GTK_WIDGET (window), "background-window-back");

  /* Asked once: closing again with nothing waiting asks nothing. */
  background_close_main_window (the_app, window, FALSE, NULL);
}

/* « Lancer au démarrage de la session » in the preferences writes the XDG
 * autostart file, which starts Cartable without a window; turning it off,
 * or turning off running in the background, removes it. */
CARTABLE_TEST ("autostart-file", test_autostart_file)
{
  GSettings *settings = cartable_application_get_settings (the_app);
  g_autofree char *path = cartable_background_autostart_path ();
  g_autofree char *expected = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "autostart",
                                                APPLICATION_ID ".desktop", NULL);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  GtkWindow *window = open_main_window ();
  GtkWindow *preferences;
  GtkWidget *background_switch, *autostart_switch;

  /* Not sandboxed here: the file, not the portal. */
  g_assert_false (cartable_background_uses_portal ());
  g_assert_cmpstr (path, ==, expected);
  g_settings_set_boolean (settings, "autostart", FALSE);
  g_assert_true (cartable_test_wait_for (file_missing, path, 5000));

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "preferences", NULL);
  preferences = cartable_test_wait_for_window (CARTABLE_TYPE_PREFERENCES_WINDOW, 10000);
  g_assert_nonnull (preferences);
  gtk_window_set_default_size (preferences, 560, 740);
  background_switch = cartable_test_find_widget (GTK_WIDGET (preferences), is_switch_of, "app.run-in-background");
  autostart_switch = cartable_test_find_widget (GTK_WIDGET (preferences), is_switch_of, "app.autostart");
  g_assert_nonnull (background_switch);
  g_assert_nonnull (autostart_switch);
  g_assert_true (cartable_test_accessible_named (background_switch));
  g_assert_true (cartable_test_accessible_named (autostart_switch));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (background_switch)));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (autostart_switch)));

  /* Switched on as a user does: the file appears. */
  g_assert_true (gtk_widget_is_sensitive (autostart_switch));
  gtk_widget_activate (autostart_switch);
  g_assert_true (cartable_test_wait_for (file_written, path, 5000));
  g_assert_true (g_settings_get_boolean (settings, "autostart"));
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_key_file_get_string (entry, "Desktop Entry", "Type", NULL), ==, "Application");
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  exec = g_key_file_get_string (entry, "Desktop Entry", "Exec", NULL);
  g_assert_true (g_str_has_suffix (exec, "cartable " CARTABLE_BACKGROUND_OPTION));
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (preferences), "background-preferences");

  /* No running in the background, no start with the session. */
  gtk_widget_activate (background_switch);
  g_assert_true (cartable_test_wait_for (file_missing, path, 5000));
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_false (g_settings_get_boolean (settings, "autostart"));
  cartable_test_iterate (100);
  g_assert_false (gtk_widget_is_sensitive (autostart_switch));
  cartable_test_shot (GTK_WIDGET (preferences), "background-preferences-off");

  /* …so closing the window would quit: not in the background. */
  gtk_widget_activate (background_switch);
  g_assert_true (cartable_test_wait_boolean (background_switch, "active", TRUE, 5000));
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  cartable_test_close_window (preferences, TRUE);
  background_close_main_window (the_app, window, FALSE, NULL);
}

/* The command line the autostart file runs starts no window; a plain
 * launch shows it. The test process is the running instance: the launched
 * programs hand their command line to it, as at login. */
CARTABLE_TEST ("start-without-window", test_start_without_window)
{
  const char *program = g_getenv ("CARTABLE_PROGRAM");
  g_autoptr(GSubprocess) background = NULL;
  g_autoptr(GSubprocess) plain = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_assert_nonnull (program);
  g_assert_true (cartable_test_window_gone (GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW)));

  background = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, CARTABLE_BACKGROUND_OPTION, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (background, NULL, cartable_test_result_cb, &waited);
  g_assert_true (g_subprocess_wait_check_finish (background, cartable_test_wait_result (&waited, 30000), &error));
  g_assert_no_error (error);
  cartable_test_iterate (500);
  g_assert_true (cartable_test_window_gone (GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW)));
  g_assert_true (cartable_application_get_in_background (the_app));

  g_clear_object (&waited);
  plain = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (plain, NULL, cartable_test_result_cb, &waited);
  g_assert_true (g_subprocess_wait_check_finish (plain, cartable_test_wait_result (&waited, 30000), &error));
  g_assert_no_error (error);
  window = cartable_test_wait_for_main_window ();
  g_assert_false (cartable_application_get_in_background (the_app));
  g_assert_true (window_sessions (window) == cartable_application_get_sessions (the_app));
  background_close_main_window (the_app, window, FALSE, NULL);
}

/* « Quitter » (Ctrl+Q) warns while a message waits; « Annuler » keeps
 * everything as it was. */
CARTABLE_TEST ("quit-warns", test_quit_warns)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app), "app.quit");
  GtkWindow *window = open_main_window ();
  CartableComposerWindow *composer = open_composer (window);
  CartableAccountSession *session = cartable_sessions_lookup (cartable_application_get_sessions (the_app), USER);
  CartableOutbox *outbox = cartable_account_session_get_outbox (session);
  g_autoptr(CartableOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/ui/cartable-primary-menu.ui");

  /* In the main menu, and on Ctrl+Q. */
  g_assert_true (menu_has_item (G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")), "app.quit",
                                "_Quitter"));
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  background_fill_composer (composer, cartable_test_academy_field (RECIPIENT, "email"), "Pour demain",
                            "À demain.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send-tomorrow", NULL));
  g_assert_true (cartable_test_wait_for (something_waiting, the_app, 5000));
  cartable_test_iterate (300);
  cartable_test_close_window (GTK_WINDOW (composer), TRUE);
  g_assert_cmpuint (background_count_waiting (the_app), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "quit", NULL);
  dialog = cartable_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Quitter Cartable ?");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "1 message attend encore dans la boîte d’envoi. Il ne partira qu’au prochain démarrage de "
                   "Cartable.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  cartable_test_shot (GTK_WIDGET (dialog), "background-quit-warning");
  background_click (dialog, "_Annuler");
  cartable_test_iterate (300);
  g_assert_true (cartable_test_window_open (GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  item = g_list_model_get_item (cartable_outbox_get_items (outbox), 0);
  g_assert_true (cartable_outbox_cancel (outbox, cartable_outbox_item_get_id (item), &error));
  g_assert_no_error (error);
  g_assert_true (cartable_test_wait_for (nothing_waiting, the_app, 5000));
  /* Wait for the toast of the scheduled message to go before closing. */
  cartable_test_iterate (500);
  background_close_main_window (the_app, window, FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 3, NULL, &the_app);
}

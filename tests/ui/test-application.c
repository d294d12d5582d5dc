/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "preferences/cartable-preferences-window.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("application");

static GtkWindow *
wait_for_window (GType type)
{
  g_assert_nonnull (cartable_test_wait_for_window (type, 10000));
  /* Let transitions and the first frames finish before looking. */
  cartable_test_iterate (400);
  return cartable_test_find_window (type);
}

static gboolean
object_gone (gpointer user_data)
{
  GtkWindow **window = user_data;

  return *window == NULL;
}

static void
close_and_wait (GtkWindow *window)
{
  GtkWindow *watched = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &watched);
  gtk_window_destroy (window);
  g_assert_true (cartable_test_wait_for (object_gone, &watched, 5000));
}

/* One instance for the whole program, as in real life; each test opens
 * the main window anew by activating it, as the desktop does. */
static CartableApplication *the_app;

static CartableApplication *
start_application (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      the_app = cartable_application_new ();
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (the_app));
  return g_object_ref (the_app);
}

/* Closes the main window the way a user does, and checks that nothing
 * keeps it alive afterwards. */
static void
close_main_window (CartableApplication *app,
                   CartableWindow      *window)
{
  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  cartable_test_iterate (100);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_finalize_object (window);
}

CARTABLE_TEST ("welcome", test_welcome)
{
  g_autoptr(CartableApplication) app = start_application ();
  CartableWindow *window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  GtkWidget *status;

  g_assert_nonnull (window);
  g_assert_cmpstr (cartable_window_get_visible_page (window), ==, "welcome");

  /* The suite runs in French: the page must speak it. */
  status = cartable_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "welcome");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Bienvenue dans Cartable");
  cartable_test_save_screenshot (GTK_WIDGET (window), "welcome");

  close_main_window (app, window);
}

CARTABLE_TEST ("about", test_about)
{
  g_autoptr(CartableApplication) app = start_application ();
  CartableWindow *window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Cartable");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  cartable_test_save_screenshot (GTK_WIDGET (about), "about");
  close_and_wait (about);

  close_main_window (app, window);
}

CARTABLE_TEST ("preferences-switch-version", test_preferences_switch_version)
{
  g_autoptr(CartableApplication) app = start_application ();
  CartableWindow *window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  GSettings *settings = cartable_application_get_settings (app);
  GtkWindow *preferences;

  g_settings_set_string (settings, "interface-mode", "full");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = wait_for_window (CARTABLE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  cartable_test_save_screenshot (GTK_WIDGET (preferences), "preferences");

  /* The rows are bound to app.interface-mode, itself bound to the setting. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "interface-mode", g_variant_new_string ("simple"));
  g_assert_cmpstr (g_settings_get_string (settings, "interface-mode"), ==, "simple");
  g_settings_set_string (settings, "interface-mode", "full");
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (app), "interface-mode");
    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "full");
  }

  close_and_wait (preferences);
  close_main_window (app, window);
}

CARTABLE_TEST ("shortcuts", test_shortcuts)
{
  g_autoptr(CartableApplication) app = start_application ();
  CartableWindow *window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  GtkWindow *shortcuts;
  g_auto(GStrv) accels = NULL;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.shortcuts");
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  shortcuts = wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  /* It fits a 1366×768 school screen, title bar and panel included. */
  g_assert_true (cartable_test_wait_for (cartable_test_widget_drawn, shortcuts, 5000));
  g_test_message ("shortcuts window: %d × %d px", gtk_widget_get_width (GTK_WIDGET (shortcuts)),
                  gtk_widget_get_height (GTK_WIDGET (shortcuts)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (shortcuts)), <=, 700);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (shortcuts)), <=, 1366);
  cartable_test_save_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  close_and_wait (shortcuts);

  close_main_window (app, window);
}

CARTABLE_TEST ("main-view-follows-accounts", test_main_view_follows_accounts)
{
  g_autoptr(CartableApplication) app = start_application ();
  CartableWindow *window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  CartableAccountStore *store = cartable_application_get_account_store (app);
  g_autoptr(CartableAccount) account = cartable_account_new ("mdurand", "mdurand",
                                                             "marie.durand@ac-normandie.fr");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (cartable_window_get_visible_page (window), ==, "welcome");

  g_assert_true (cartable_account_store_add (store, account, &error));
  g_assert_no_error (error);
  cartable_test_iterate (400);
  g_assert_cmpstr (cartable_window_get_visible_page (window), ==, "main");
  cartable_test_save_screenshot (GTK_WIDGET (window), "main-view");

  g_assert_true (cartable_account_store_remove (store, "mdurand", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cartable_window_get_visible_page (window), ==, "welcome");

  close_main_window (app, window);
}

CARTABLE_TEST ("window-size-remembered", test_window_size_remembered)
{
  g_autoptr(CartableApplication) app = start_application ();
  CartableWindow *window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  GSettings *settings = cartable_application_get_settings (app);
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  cartable_test_iterate (200);
  close_main_window (app, window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  /* A new window opens at the remembered size. */
  g_application_activate (G_APPLICATION (app));
  window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  close_main_window (app, window);
}

static gboolean
store_is_empty (gpointer user_data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (user_data)) == 0;
}

CARTABLE_TEST ("remove-account", test_remove_account)
{
  g_autoptr(CartableApplication) app = start_application ();
  CartableWindow *window = CARTABLE_WINDOW (wait_for_window (CARTABLE_TYPE_WINDOW));
  CartableAccountStore *store = cartable_application_get_account_store (app);
  g_autoptr(CartableAccount) account = cartable_account_new ("jmartin", "jmartin",
                                                             "jeanne.martin@ac-normandie.fr");
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *cache_dir = cartable_paths_get_account_dir ("cache", "jmartin");
  g_autofree char *cache_file = g_build_filename (cache_dir, "cached.eml", NULL);
  GtkWindow *preferences;
  GtkWindow *dialog;

  /* An account with a password in the keyring and mail in its cache. */
  cartable_credentials_store_async ("jmartin", NULL, "Mot-de-passe-2026", NULL, NULL, cartable_test_result_cb, &stored);
  g_assert_true (cartable_test_wait_for (cartable_test_have_result, &stored, 10000));
  g_assert_true (cartable_credentials_store_finish (stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (cache_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (cache_file, "Subject: x\r\n\r\nx\r\n", -1, NULL));
  g_assert_true (cartable_account_store_add (store, account, &error));
  g_assert_no_error (error);
  cartable_test_iterate (300);
  g_assert_cmpstr (cartable_window_get_visible_page (window), !=, "welcome");

  /* Preferences, page « Comptes », « Retirer… » of the account. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = wait_for_window (CARTABLE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "accounts");
  cartable_test_iterate (300);
  cartable_test_save_screenshot (GTK_WIDGET (preferences), "preferences-accounts");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.remove-account", "s", "jmartin"));
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* Removing is never what Enter does. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  /* One voice (« ses », never « Vos »), and drafts are on the server: they stay. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Ses courriels et ses brouillons restent sur le serveur de l’académie."));
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Vos"));
  cartable_test_save_screenshot (GTK_WIDGET (dialog), "accounts-remove");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");

  g_assert_true (cartable_test_wait_for (store_is_empty, store, 10000));
  cartable_test_iterate (300);
  g_assert_cmpstr (cartable_window_get_visible_page (window), ==, "welcome");
  /* The preferences showed the account: they close with it. */
  g_assert_null (preferences);
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));

  cartable_credentials_lookup_async ("jmartin", NULL, NULL, cartable_test_result_cb, &looked_up);
  g_assert_true (cartable_test_wait_for (cartable_test_have_result, &looked_up, 10000));
  password = cartable_credentials_lookup_finish (looked_up, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  close_main_window (app, window);
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init (&argc, &argv);
  return cartable_test_academy_finish (&the_app, cartable_test_run ());
}

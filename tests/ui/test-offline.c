/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer-launcher.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("offline");

/*
 * The window's connection bar, in the real application against the
 * loopback academy: with its mail server (Dovecot) stopped, the window
 * says it is offline, what still works and how many messages wait, in the
 * full and the simple version; once the server runs again, « Réessayer »
 * connects and the bar goes away.
 */

#define USER "mdurand"

static CartableApplication *the_app;

/* ------------------------------------------------------------ the server */

static gboolean
port_closed_cb (gpointer user_data)
{
  return !cartable_test_port_listens (GPOINTER_TO_UINT (user_data));
}

static gboolean
port_open_cb (gpointer user_data)
{
  return cartable_test_port_listens (GPOINTER_TO_UINT (user_data));
}

/* Stops the mail server the way the stack stops it: every process of the
 * session it was started in. */
static void
stop_dovecot (void)
{
  cartable_test_stack_stop_imap (cartable_test_academy_get_stack ());
  g_assert_true (cartable_test_wait_for (port_closed_cb, GUINT_TO_POINTER (cartable_test_academy_port ("ACADEMY_IMAPS_PORT")), 10000));
}

/* Starts it again; the library returns once a login succeeds. */
static void
start_dovecot (void)
{
  cartable_test_stack_start_imap (cartable_test_academy_get_stack ());
  g_assert_true (cartable_test_wait_for (port_open_cb, GUINT_TO_POINTER (cartable_test_academy_port ("ACADEMY_IMAPS_PORT")), 20000));
  g_assert_true (cartable_test_wait_for (port_open_cb, GUINT_TO_POINTER (cartable_test_academy_port ("ACADEMY_IMAP_PORT")), 20000));
}

/* ------------------------------------------------------------ the window */

static GtkWidget *
find_offline_bar (GtkWidget *root)
{
  return cartable_test_find_descendant (root, GTK_TYPE_WIDGET, "offline-bar");
}

static char *
dup_bar_text (GtkWidget *bar)
{
  GString *text = g_string_new (NULL);

  cartable_test_collect_text (bar, text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN);
  return g_string_free (text, FALSE);
}

static gboolean
bar_shown (gpointer user_data)
{
  GtkWidget *bar = user_data;
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_parent (bar));

  return gtk_revealer_get_child_revealed (revealer) && gtk_widget_get_mapped (bar) &&
         cartable_window_get_offline_state (CARTABLE_WINDOW (gtk_widget_get_root (bar))) ==
           CARTABLE_OFFLINE_STATE_UNREACHABLE;
}

static gboolean
bar_gone (gpointer user_data)
{
  GtkWidget *bar = user_data;
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_parent (bar));

  return !gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer) &&
         cartable_window_get_offline_state (CARTABLE_WINDOW (gtk_widget_get_root (bar))) ==
           CARTABLE_OFFLINE_STATE_NONE;
}

static gboolean
text_shown (gpointer user_data)
{
  GtkWidget *bar = ((gpointer *) user_data)[0];
  const char *needle = ((gpointer *) user_data)[1];
  g_autofree char *text = dup_bar_text (bar);

  return strstr (text, needle) != NULL;
}

static gboolean
page_is (gpointer user_data)
{
  GtkWindow *window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);

  return g_strcmp0 (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), user_data) == 0;
}

static gboolean
online (gpointer user_data)
{
  return cartable_account_session_get_online (user_data);
}

/* Tab from the window's start reaches the bar's button. */
static gboolean
button_reached_by_tab (GtkWindow *window,
                       GtkWidget *button)
{
  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 300; i++)
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        continue;
      if (gtk_root_get_focus (GTK_ROOT (window)) == button)
        return TRUE;
    }
  return FALSE;
}

static CartableOutboxItem *
queue_later (CartableOutbox *outbox)
{
  g_autoptr(GMimeMessage) message = g_mime_message_new (TRUE);
  g_autoptr(GMimeTextPart) body = g_mime_text_part_new_with_subtype ("plain");
  g_autoptr(GError) error = NULL;
  CartableOutboxItem *item;

  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, NULL,
                              cartable_test_academy_field (USER, "email"));
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, NULL,
                              cartable_test_academy_field ("tlefebvre", "email"));
  g_mime_message_set_subject (message, "Conseil de classe", "utf-8");
  g_mime_text_part_set_text (body, "À demain.");
  g_mime_message_set_mime_part (message, GMIME_OBJECT (body));

  /* In an hour: it waits whatever happens during the test. */
  item = cartable_outbox_queue (outbox, message, g_get_real_time () / G_USEC_PER_SEC + 3600, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

CARTABLE_TEST ("server-stopped", test_server_stopped)
{
  GSettings *settings = cartable_application_get_settings (the_app);
  CartableAccountSession *session;
  CartableOutbox *outbox;
  g_autofree char *item_id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *bar;
  GtkWidget *button;
  gpointer query[2];

  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  g_assert_cmpstr (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), ==, "main");
  gtk_window_set_default_size (window, 1100, 700);
  session = cartable_sessions_lookup (cartable_application_get_sessions (the_app), USER);
  bar = find_offline_bar (GTK_WIDGET (window));
  g_assert_nonnull (bar);

  /* The server refuses connections: the window says so, and what still works. */
  g_assert_true (cartable_test_wait_for (bar_shown, bar, 60000));
  g_assert_false (cartable_account_session_get_online (session));
  text = dup_bar_text (bar);
  g_test_message ("bar: %s", text);
  g_assert_nonnull (strstr (text, "Hors connexion"));
  g_assert_nonnull (strstr (text, "vous pouvez lire le courrier déjà reçu"));
  g_assert_null (strstr (text, "boîte d’envoi"));

  /* An alert with a name, and a button the keyboard reaches. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (bar)), ==, GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL));
  button = cartable_test_find_descendant (bar, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Réessayer");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.reconnect");
  g_assert_true (button_reached_by_tab (window, button));

  /* A message written meanwhile waits in the outbox: the bar counts it. */
  outbox = cartable_account_session_get_outbox (cartable_sessions_lookup (cartable_application_get_sessions (the_app), USER));
  g_assert_nonnull (outbox);
  item_id = g_strdup (cartable_outbox_item_get_id (queue_later (outbox)));
  query[0] = bar;
  query[1] = (gpointer) "1 message attend dans la boîte d’envoi.";
  g_assert_true (cartable_test_wait_for (text_shown, query, 10000));

  cartable_test_save_display_screenshot ("offline-full");

  /* The simple version shows the same bar. */
  g_settings_set_enum (settings, "interface-mode", CARTABLE_INTERFACE_MODE_SIMPLE);
  g_assert_true (cartable_test_wait_for (page_is, (gpointer) "simple", 5000));
  g_assert_true (cartable_test_wait_for (bar_shown, bar, 5000));
  cartable_test_iterate (500);
  cartable_test_save_display_screenshot ("offline-simple");
  g_settings_set_enum (settings, "interface-mode", CARTABLE_INTERFACE_MODE_FULL);
  g_assert_true (cartable_test_wait_for (page_is, (gpointer) "main", 5000));

  g_assert_true (cartable_outbox_cancel (outbox, item_id, &error));
  g_assert_no_error (error);

  /* The server back, « Réessayer » connects and the bar goes away. */
  start_dovecot ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reconnect", NULL));
  g_assert_true (cartable_test_wait_for (online, session, 60000));
  g_assert_true (cartable_test_wait_for (bar_gone, bar, 10000));
  cartable_test_save_display_screenshot ("offline-back");

  cartable_test_close_window (GTK_WINDOW (window), TRUE);
}

/* The server is gone before the application starts its sessions. */
static void
start_offline (void)
{
  g_mime_init ();
  stop_dovecot ();
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 20, start_offline, &the_app);
}

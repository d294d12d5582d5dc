/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "mail/cartable-main-view.h"
#include "cartable-engine.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-mail-notifier.h"
#include "preferences/cartable-preferences-window.h"
#include "preferences/cartable-time-chooser.h"
#include "mail/cartable-mail-folder.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-notifier");

/*
 * New-mail notifications against the loopback academy: the real
 * application (registered on the test's private session bus, where this
 * test owns org.freedesktop.Notifications and records what it is sent), the
 * account's mail session and the notifier. The seeded backlog found by the
 * first synchronisation is not announced; a message sent by another user
 * is, with the sender's name and the subject; during quiet hours it is not.
 */

#define USER   "mdurand"
#define SENDER "tlefebvre"

/* ------------------------------------------------------------ the academy */

/* Another user of the academy sends @USER a message through submission. */
static void
send_from_sender (const char *subject)
{
  const char *script =
    "import smtplib, ssl, os, sys, email.message, email.utils\n"
    "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "msg = email.message.EmailMessage()\n"
    "msg['From'] = 'Thomas Lefebvre <' + sys.argv[1] + '>'\n"
    "msg['To'] = sys.argv[2]\n"
    "msg['Subject'] = sys.argv[3]\n"
    "msg['Date'] = email.utils.formatdate()\n"
    "msg['Message-ID'] = email.utils.make_msgid()\n"
    "msg.set_content('Bonjour, à demain.')\n"
    "s = smtplib.SMTP('127.0.0.1', int(os.environ['ACADEMY_SUBMISSION_PORT']))\n"
    "s.starttls(context=ctx)\n"
    "s.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "s.send_message(msg)\n"
    "s.quit()\n";
  const char *args[] = { cartable_test_academy_field (SENDER, "email"), cartable_test_academy_field (USER, "email"),
                         subject, NULL };
  g_autofree char *out = cartable_test_academy_python (SENDER, script, args, NULL);
}

/* ------------------------------------------------------------ the notification server */

/* ------------------------------------------------------------ the test */

typedef struct
{
  char *summary;
  char *body;
} Received;

static GPtrArray *received;   /* Received */

static void
received_free (gpointer data)
{
  Received *r = data;

  g_free (r->summary);
  g_free (r->body);
  g_free (r);
}

static const char introspection[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      Received *r = g_new0 (Received, 1);

      g_variant_get_child (parameters, 3, "s", &r->summary);
      g_variant_get_child (parameters, 4, "s", &r->body);
      g_test_message ("notification: « %s » — « %s »", r->summary, r->body);
      g_ptr_array_add (received, r);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", received->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "cartable", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static gboolean name_owned;

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  name_owned = TRUE;
}

/* A connection of its own, as a separate notification daemon would have. */
static GDBusConnection *
start_notification_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, NULL, NULL, NULL);
  g_assert_true (cartable_test_wait_for (cartable_test_flag_set, &name_owned, 5000));
  received = g_ptr_array_new_with_free_func (received_free);
  return connection;
}

typedef struct
{
  CartableMailNotifier *notifier;
  guint                 arrived;   /* new-mail signals of the test's own Inbox list */
} State;

static gboolean
watching (gpointer user_data)
{
  State *state = user_data;

  return cartable_mail_notifier_is_watching (state->notifier, USER);
}

static gboolean
notified (gpointer user_data)
{
  return received->len >= GPOINTER_TO_UINT (user_data);
}

static gboolean
arrived (gpointer user_data)
{
  State *state = user_data;

  return state->arrived >= 1;
}

static gboolean
message_shown (gpointer user_data)
{
  GtkWindow *window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  GtkWidget *view;
  CartableMessage *message;

  if (window == NULL)
    return FALSE;
  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);
  message = view != NULL ? cartable_main_view_get_message (CARTABLE_MAIN_VIEW (view)) : NULL;
  return message != NULL && g_strcmp0 (cartable_message_get_subject (message), user_data) == 0;
}

static void
test_new_mail_cb (CartableMessageList *list,
                  guint                count,
                  const char          *uid,
                  State               *state)
{
  state->arrived += count;
}

static gboolean
quiet_hours_on (gpointer user_data)
{
  return g_settings_get_boolean (user_data, "quiet-hours-enabled");
}

/* The « Notifications » group of the preferences sets the three keys. */
static void
check_preferences (CartableApplication *app,
                   GSettings           *settings)
{
  GtkWindow *window;
  GtkWidget *quiet_switch;
  GtkWidget *start;
  GtkWidget *end = NULL;
  GtkWidget *spin;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_PREFERENCES_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_PREFERENCES_WINDOW);
  quiet_switch = cartable_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_SWITCH, NULL);
  start = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_TIME_CHOOSER, NULL);
  g_assert_nonnull (quiet_switch);
  g_assert_nonnull (start);
  for (GtkWidget *row = gtk_widget_get_ancestor (start, ADW_TYPE_ACTION_ROW); row != NULL && end == NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *found = cartable_test_find_descendant (row, CARTABLE_TYPE_TIME_CHOOSER, NULL);

      if (found != start)
        end = found;
    }
  g_assert_nonnull (end);

  /* The defaults: off, 20:00 → 07:00, shown as times. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (quiet_switch)));
  g_assert_cmpint (cartable_time_chooser_get_minutes (CARTABLE_TIME_CHOOSER (start)), ==, 1200);
  g_assert_cmpint (cartable_time_chooser_get_minutes (CARTABLE_TIME_CHOOSER (end)), ==, 420);
  spin = cartable_test_find_descendant (start, GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "20:00");
  g_assert_false (gtk_widget_is_sensitive (start));

  /* Switched on from the window; a time typed the French way. */
  /* The switch turns at the end of its animation. */
  g_assert_true (gtk_widget_activate (quiet_switch));
  g_assert_true (cartable_test_wait_for (quiet_hours_on, settings, 5000));
  g_assert_true (g_settings_get_boolean (settings, "quiet-hours-enabled"));
  g_assert_true (gtk_widget_is_sensitive (start));
  gtk_editable_set_text (GTK_EDITABLE (spin), "21 h 30");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpint (g_settings_get_int (settings, "quiet-hours-start"), ==, 21 * 60 + 30);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "21:30");
  cartable_time_chooser_set_minutes (CARTABLE_TIME_CHOOSER (end), 6 * 60 + 45);
  g_assert_cmpint (g_settings_get_int (settings, "quiet-hours-end"), ==, 6 * 60 + 45);
  cartable_test_iterate (300);
  cartable_test_save_screenshot (GTK_WIDGET (window), "preferences-notifications");

  gtk_window_destroy (window);
  g_assert_true (cartable_test_wait_for (cartable_test_window_gone, GSIZE_TO_POINTER (CARTABLE_TYPE_PREFERENCES_WINDOW), 5000));
  g_settings_reset (settings, "quiet-hours-enabled");
  g_settings_reset (settings, "quiet-hours-start");
  g_settings_reset (settings, "quiet-hours-end");
}

CARTABLE_TEST ("new-mail-and-quiet-hours", test_notifications)
{
  g_autoptr(GDBusConnection) server = start_notification_server ();
  g_autoptr(CartableApplication) app = cartable_application_new ();
  CartableMailAccounts *accounts;
  CartableMailNotifier *notifier;
  g_autoptr(CartableMailFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GSettings *settings;
  State state = { NULL, 0 };
  Received *r;
  int minute;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  cartable_test_academy_add_account (app, USER, NULL);
  settings = cartable_application_get_settings (app);
  check_preferences (app, settings);

  /* The application's sessions and its notifier, which need no window.
   * No window here: none has the focus, so notifications are due. */
  accounts = cartable_sessions_get_mail_accounts (cartable_application_get_sessions (app));
  notifier = cartable_application_get_mail_notifier (app);
  state.notifier = notifier;
  g_assert_true (cartable_mail_notifier_may_notify (notifier));
  g_assert_true (cartable_test_wait_for (watching, &state, 60000));

  /* The seeded backlog came with the first synchronisation: not news. */
  cartable_test_iterate (500);
  g_assert_cmpuint (received->len, ==, 0);

  /* A message from a colleague: announced, by name, with its subject. */
  send_from_sender ("Conseil de classe de jeudi");
  g_assert_true (cartable_test_wait_for (notified, GUINT_TO_POINTER (1), 60000));
  r = g_ptr_array_index (received, 0);
  g_assert_cmpstr (r->summary, ==, "Nouveau courriel de Thomas Lefebvre");
  g_assert_cmpstr (r->body, ==, "Conseil de classe de jeudi");

  /* Quiet hours around the current time: the next one arrives (the test's
   * own list of the Inbox sees it) but nothing is announced. */
  cartable_mail_folder_open_async (cartable_mail_accounts_get_folder_tree (accounts, USER),
                                   "INBOX", NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_test_wait_for (cartable_test_have_result, &result, 20000));
  inbox = cartable_mail_folder_open_finish (result, &error);
  g_assert_no_error (error);
  list = cartable_mail_folder_new_message_list (inbox);
  g_signal_connect (list, "new-mail", G_CALLBACK (test_new_mail_cb), &state);

  minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  g_settings_set_int (settings, "quiet-hours-start", (minute + 24 * 60 - 60) % (24 * 60));
  g_settings_set_int (settings, "quiet-hours-end", (minute + 120) % (24 * 60));
  g_settings_set_boolean (settings, "quiet-hours-enabled", TRUE);
  g_assert_false (cartable_mail_notifier_may_notify (notifier));

  send_from_sender ("Pendant les heures calmes");
  g_assert_true (cartable_test_wait_for (arrived, &state, 60000));
  cartable_test_iterate (1000);
  g_assert_cmpuint (received->len, ==, 1);

  /* Quiet hours off again: announced. */
  g_settings_set_boolean (settings, "quiet-hours-enabled", FALSE);
  g_assert_true (cartable_mail_notifier_may_notify (notifier));
  send_from_sender ("Après les heures calmes");
  g_assert_true (cartable_test_wait_for (notified, GUINT_TO_POINTER (2), 60000));
  r = g_ptr_array_index (received, 1);
  g_assert_cmpstr (r->summary, ==, "Nouveau courriel de Thomas Lefebvre");
  g_assert_cmpstr (r->body, ==, "Après les heures calmes");

  /* Clicked: the window opens on that message. */
  g_assert_true (g_dbus_connection_emit_signal (server, NULL, "/org/freedesktop/Notifications",
                                                "org.freedesktop.Notifications", "ActionInvoked",
                                                g_variant_new ("(us)", 2, "default"), &error));
  g_assert_no_error (error);
  g_assert_true (cartable_test_wait_for (message_shown, (gpointer) "Après les heures calmes", 60000));
  cartable_test_iterate (300);
  cartable_test_save_display_screenshot ("notification-clicked");
  gtk_window_destroy (cartable_test_find_window (CARTABLE_TYPE_WINDOW));
  cartable_test_iterate (200);

  g_signal_handlers_disconnect_by_data (list, &state);
  g_clear_object (&list);
  g_clear_object (&inbox);
  cartable_test_iterate (200);
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init (&argc, &argv);
  /* A backlog, partly unread. */
  cartable_test_academy_start (USER, 20);

  return cartable_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer-window.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("simple-startup");

/*
 * What an earlier run left, in the simple version, without the user ever
 * opening the composer: a message scheduled for later leaves at its time,
 * sent by the account's session, and the draft left unsent is offered
 * back at start.
 */

#define USER      "mdurand"
#define RECIPIENT "tlefebvre"
#define DELAY     12   /* seconds from the earlier run to the scheduled time */

static CartableApplication *the_app;
static gint64               scheduled_at;   /* seconds since the epoch */

static CartableComposer *
composer_new (const char *subject)
{
  CartableComposer *composer = cartable_composer_new ();

  cartable_composer_set_from (composer, cartable_test_academy_field (USER, "display_name"),
                              cartable_test_academy_field (USER, "email"));
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, cartable_test_academy_field (RECIPIENT, "email"));
  cartable_composer_set_subject (composer, subject);
  cartable_composer_set_body (composer, "Rendez-vous au CDI à 10 h.");
  return composer;
}

/* The earlier run: its own mail session, which never reaches a server (it
 * does not know the account), leaves a message in the outbox for later
 * and a draft on disk only. */
static void
leave_earlier_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("earlier-run-XXXXXX", &error);
  g_autoptr(CartableMailSession) session = NULL;
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(CartableComposer) scheduled = composer_new ("Programmé hier soir");
  g_autoptr(CartableComposer) draft = composer_new ("Brouillon d’hier");
  g_autoptr(GMimeMessage) message = NULL;

  g_assert_no_error (error);
  session = cartable_mail_session_new (dir, dir);

  outbox = cartable_outbox_new (session, USER, &error);
  g_assert_no_error (error);
  message = cartable_composer_build (scheduled, &error);
  g_assert_no_error (error);
  scheduled_at = g_get_real_time () / G_USEC_PER_SEC + DELAY;
  g_assert_nonnull (cartable_outbox_queue (outbox, message, scheduled_at, &error));
  g_assert_no_error (error);
  g_assert_false (cartable_outbox_get_running (outbox));

  cartable_test_academy_leave_local_draft (session, USER, draft);
}

/* A label on screen whose text holds @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
drafts_offered (gpointer user_data)
{
  return shows_label (user_data, "1 brouillon non envoyé a été retrouvé");
}

static void
message_sent_cb (CartableOutbox     *outbox,
                 CartableOutboxItem *item,
                 gint64             *sent_at)
{
  *sent_at = g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
was_sent (gpointer user_data)
{
  return *(gint64 *) user_data != 0;
}

/* The session starts its outbox once the account is online. */
static gboolean
outbox_running (gpointer user_data)
{
  return cartable_outbox_get_running (user_data);
}

CARTABLE_TEST ("earlier-run", test_earlier_run)
{
  CartableSessions *sessions = cartable_application_get_sessions (the_app);
  CartableAccountSession *session;
  CartableOutbox *outbox;
  GtkWindow *window;
  gint64 sent_at = 0;

  g_assert_nonnull (sessions);
  session = cartable_sessions_lookup (sessions, USER);
  g_assert_nonnull (session);
  outbox = cartable_account_session_get_outbox (session);
  g_assert_nonnull (outbox);
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 1);
  g_signal_connect (outbox, "message-sent", G_CALLBACK (message_sent_cb), &sent_at);

  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  g_assert_cmpstr (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), ==, "simple");

  /* The draft is offered back; nothing opens a composer. */
  g_assert_true (cartable_test_wait_for (drafts_offered, window, 20000));
  g_assert_cmpuint (cartable_account_session_get_n_unsent_drafts (session), ==, 1);
  cartable_test_save_display_screenshot ("simple-startup-drafts");

  /* The message waits for its time, then leaves. */
  g_assert_true (cartable_test_wait_for (outbox_running, outbox, 30000));
  g_assert_true (cartable_test_wait_for (was_sent, &sent_at, (DELAY + 60) * 1000));
  g_assert_cmpint (sent_at, >=, scheduled_at);
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 0);
  g_assert_null (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  g_signal_handlers_disconnect_by_data (outbox, &sent_at);

  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  cartable_test_iterate (200);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  cartable_test_ui_init (&argc, &argv);
  cartable_test_academy_start (USER, 3);
  leave_earlier_run ();

  the_app = cartable_application_new ();
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  g_settings_set_string (cartable_application_get_settings (the_app), "interface-mode", "simple");
  g_settings_set_boolean (cartable_application_get_settings (the_app), "interface-mode-chosen", TRUE);
  cartable_test_academy_add_account (the_app, USER, NULL);

  status = cartable_test_run ();

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "quit", NULL);
  g_clear_object (&the_app);
  /* The watchdog stops the stack too, when the program exits. */
  cartable_test_academy_run ((const char *[]) { "stop", "--dir", cartable_test_academy_get_dir (), NULL });

  return status;
}

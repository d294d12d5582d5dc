/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "background-steps.h"
#include "cartable-test-ui.h"
#include "mail/cartable-send-later-dialog.h"
#include "shell/cartable-background-dialog.h"
#include "shell/cartable-window.h"

void
background_fill_composer (CartableComposerWindow *composer,
                          const char             *to,
                          const char             *subject,
                          const char             *body)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *text = cartable_test_find_descendant (GTK_WIDGET (composer), GTK_TYPE_TEXT_VIEW, NULL);

  /* To, Cc, Bcc, Subject, in the order of the form. */
  cartable_test_find_all (GTK_WIDGET (composer), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 4);
  if (to != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), to);
  if (subject != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[3]), subject);
  g_assert_nonnull (text);
  if (body != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), body, -1);
}

void
background_click (GtkWindow  *dialog,
                  const char *label)
{
  GtkWidget *button = cartable_test_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  cartable_test_iterate (100);
}

static gboolean
widget_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

gint64
background_schedule_soon (CartableComposerWindow *composer,
                          const char             *screenshot)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 90);
  g_autoptr(GDateTime) minute = g_date_time_add_seconds (later, -g_date_time_get_seconds (later));
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GtkWindow) dialog = NULL;
  GtkWidget *calendar;
  const char *body;
  gint64 send_at;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send-later", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown,
                                         GSIZE_TO_POINTER (CARTABLE_TYPE_SEND_LATER_DIALOG), 5000));
  dialog = g_object_ref (cartable_test_find_window (CARTABLE_TYPE_SEND_LATER_DIALOG));

  /* It says plainly what happens when the window is closed or the
   * computer is off at that time. */
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Le message attend dans la boîte d’envoi"));
  g_assert_nonnull (strstr (body, "Fermer la fenêtre ne l’en empêche pas : Cartable continue en arrière-plan"));
  g_assert_nonnull (strstr (body, "Si l’ordinateur est éteint ou si Cartable ne fonctionne pas à ce moment-là, "
                                  "le message part dès que Cartable redémarre."));

  calendar = cartable_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR, NULL);
  cartable_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 2);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), minute);
  gtk_spin_button_set_value (spins->pdata[0], g_date_time_get_hour (minute));
  gtk_spin_button_set_value (spins->pdata[1], g_date_time_get_minute (minute));
  send_at = cartable_send_later_dialog_get_send_at (CARTABLE_SEND_LATER_DIALOG (dialog));
  g_assert_cmpint (send_at, ==, g_date_time_to_unix (minute));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "schedule"));
  cartable_test_shot (GTK_WIDGET (dialog), screenshot);

  background_click (dialog, "_Programmer");
  g_assert_true (cartable_test_wait_for (widget_hidden, composer, 5000));
  return send_at;
}

guint
background_count_waiting (CartableApplication *app)
{
  GListModel *sessions = G_LIST_MODEL (cartable_application_get_sessions (app));
  guint waiting = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (sessions, i);

      waiting += cartable_outbox_get_n_pending (cartable_account_session_get_outbox (session));
    }
  return waiting;
}

static gboolean
in_background (gpointer app)
{
  return cartable_application_get_in_background (app) &&
         cartable_test_window_gone (GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW));
}

void
background_close_main_window (CartableApplication *app,
                              GtkWindow           *window,
                              gboolean             expect_question,
                              const char          *screenshot)
{
  GtkWindow *watched = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &watched);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  cartable_test_iterate (100);

  if (expect_question)
    {
      GtkWindow *question = cartable_test_wait_for_window (CARTABLE_TYPE_BACKGROUND_DIALOG, 5000);
      g_autofree char *text = NULL;

      g_assert_nonnull (question);
      /* The window waits for the answer. */
      g_assert_nonnull (watched);
      g_assert_true (gtk_window_get_transient_for (question) == window);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==,
                       "Continuer l’envoi en arrière-plan ?");
      text = cartable_test_dup_text (GTK_WIDGET (question), CARTABLE_TEST_TEXT_DEFAULT);
      g_assert_nonnull (strstr (text, "attend dans la boîte d’envoi."));
      g_assert_nonnull (strstr (text, "Si l’ordinateur est éteint à ce moment-là, ils partent dès que Cartable "
                                      "redémarre."));
      /* Starting with the session is offered, not chosen for her: she
       * ticks it. */
      g_assert_false (cartable_background_dialog_get_autostart (CARTABLE_BACKGROUND_DIALOG (question)));
      {
        GtkWidget *autostart = cartable_test_find_descendant (GTK_WIDGET (question), GTK_TYPE_CHECK_BUTTON, NULL);

        g_assert_nonnull (autostart);
        gtk_widget_activate (autostart);
        cartable_test_iterate (50);
      }
      g_assert_true (cartable_background_dialog_get_autostart (CARTABLE_BACKGROUND_DIALOG (question)));
      g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (question)), ==, "background");
      g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (question)), ==, "cancel");
      cartable_test_shot (GTK_WIDGET (question), screenshot);
      background_click (question, "_Continuer en arrière-plan");
    }

  g_assert_true (cartable_test_wait_for (in_background, app, 5000));
  g_assert_null (watched);
}

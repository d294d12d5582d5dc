/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cartable-engine.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer.h"
#include "mail/cartable-mail-session.h"
#include "mail/cartable-outbox.h"
#include "mail/cartable-outbox-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("outbox-view");

/* The outbox window against the loopback academy's Postfix, which refuses
 * one address for now (451): the message is shown waiting for the next
 * try, with its time and the server's words, and can still be cancelled. */

#define USER "mdurand"

static char *
password_cb (const char *account_id,
             gpointer    user_data)
{
  return g_strdup (cartable_test_academy_field (USER, "password"));
}

CARTABLE_TEST ("refused-for-now", test_refused_for_now)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "outbox-view-session", NULL);
  g_autofree char *ca = g_build_filename (cartable_test_academy_get_dir (), "ca.pem", NULL);
  g_autoptr(CartableMailSession) session = cartable_mail_session_new (data_dir, data_dir);
  g_autoptr(CartableMailAccountConfig) config = NULL;
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GListStore) outboxes = g_list_store_new (CARTABLE_TYPE_OUTBOX);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  CartableOutboxItem *item;
  GtkWidget *view;
  GtkWidget *cancel = NULL;

  cartable_mail_session_set_password_func (session, password_cb, NULL, NULL);
  config = cartable_mail_account_config_new (USER, USER, cartable_test_academy_field (USER, "email"));
  cartable_mail_account_config_set_imap (config, "127.0.0.1", cartable_test_academy_port ("ACADEMY_IMAPS_PORT"),
                                         CARTABLE_MAIL_SECURITY_TLS);
  cartable_mail_account_config_set_smtp (config, "127.0.0.1", cartable_test_academy_port ("ACADEMY_SUBMISSION_PORT"),
                                         CARTABLE_MAIL_SECURITY_STARTTLS);
  cartable_mail_account_config_set_ca_file (config, ca);
  g_assert_true (cartable_mail_session_add_account (session, config, &error));
  g_assert_no_error (error);

  outbox = cartable_outbox_new (session, USER, &error);
  g_assert_no_error (error);
  cartable_composer_set_from (composer, cartable_test_academy_field (USER, "display_name"),
                              cartable_test_academy_field (USER, "email"));
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "indisponible@ac-normandie.fr");
  cartable_composer_set_subject (composer, "Sortie au musée");
  cartable_composer_set_body (composer, "Départ à 9 h devant le collège.\n");
  message = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);

  /* Refused four times: the next try is a quarter of a minute away,
   * long enough to read it. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      cartable_outbox_flush_async (outbox, NULL, cartable_test_result_cb, &result);
      g_assert_true (cartable_test_wait_for (cartable_test_have_result, &result, 20000));
      g_assert_true (cartable_outbox_flush_finish (outbox, result, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (cartable_outbox_get_retry_at (outbox), >, g_get_real_time () / G_USEC_PER_SEC + 5);

  g_list_store_append (outboxes, outbox);
  view = cartable_outbox_view_new (NULL, G_LIST_MODEL (outboxes));
  g_object_ref_sink (view);
  gtk_window_present (GTK_WINDOW (view));
  cartable_test_iterate (300);

  cartable_test_collect_text (view, text, CARTABLE_TEST_TEXT_DEFAULT);
  g_test_message ("outbox: %s", text->str);
  g_assert_nonnull (strstr (text->str, "Sortie au musée"));
  g_assert_nonnull (strstr (text->str, "Le serveur ne peut pas prendre ce message pour l’instant ; nouvel essai "));
  g_assert_nonnull (strstr (text->str, " à "));
  g_assert_nonnull (strstr (text->str, "Sa réponse : 451 4.3.0 "));
  g_assert_nonnull (strstr (text->str, "Mailbox busy, try again later"));
  g_assert_null (strstr (text->str, "Le serveur a refusé ce message"));
  cartable_test_save_screenshot (view, "outbox-refused-for-now");

  /* Still the user's to cancel. */
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, view);
    while (stack->len > 0 && cancel == NULL)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Annuler") == 0)
          cancel = widget;
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
  }
  g_assert_nonnull (cancel);
  gtk_widget_activate (cancel);
  g_assert_true (cartable_test_wait_for (cartable_test_outbox_empty, outbox, 3000));

  gtk_window_destroy (GTK_WINDOW (view));
  cartable_test_iterate (100);
  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init (&argc, &argv);
  g_mime_init ();
  cartable_test_academy_start (NULL, 0);

  return cartable_test_run ();
}

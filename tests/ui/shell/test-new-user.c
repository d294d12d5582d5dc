/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "background-steps.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-main-view.h"
#include "onboarding/cartable-welcome-page.h"
#include "shell/cartable-window.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("new-user");

/*
 * A new teacher's first try, in one go, in French on a 1366×768 screen:
 * she activates her account in the loopback academy, reads the first
 * message she gets, replies with a photo, schedules a message and closes
 * the window; the message leaves at its time with no window open, and
 * Cartable comes back when she starts it again.
 */

#define USER      "cmoreau"
#define COLLEAGUE "tlefebvre"
#define PASSWORD  "Une phrase de passe 2026"

static CartableApplication *the_app;
static CartableWindow *the_window;

/* ------------------------------------------------------------ onboarding */

static CartableWelcomePage *
welcome_page (void)
{
  return CARTABLE_WELCOME_PAGE (cartable_test_welcome_page (GTK_WINDOW (the_window)));
}

static gboolean
is_row_or_button (GtkWidget     *widget,
                  gconstpointer  words)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return cartable_test_reads_as (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), words);
  return gtk_widget_get_mapped (widget) && cartable_test_is_button_reading (widget, words);
}

/* The field, row or button of the current step that reads @words. */
static GtkWidget *
on_step (const char *words)
{
  return cartable_test_on_welcome_step (GTK_WINDOW (the_window), is_row_or_button, words);
}

static void
click (const char *words)
{
  cartable_test_click_on_welcome_step (GTK_WINDOW (the_window), is_row_or_button, words);
}

static void
type_into (const char *field,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (on_step (field)), text);
  cartable_test_iterate (20);
}

static gboolean
step_is (gpointer name)
{
  CartableWelcomePage *page = welcome_page ();

  return g_strcmp0 (cartable_welcome_page_get_visible_step (page), name) == 0 &&
         !cartable_welcome_page_get_busy (page);
}

static void
expect_step (const char *name,
             const char *screenshot)
{
  if (!cartable_test_wait_for (step_is, (gpointer) name, 30000))
    g_error ("step %s not reached, still at %s", name, cartable_welcome_page_get_visible_step (welcome_page ()));
  cartable_test_iterate (350);
  if (screenshot != NULL)
    cartable_test_shot (GTK_WIDGET (the_window), screenshot);
}

static gboolean
mail_shown (gpointer user_data)
{
  return g_strcmp0 (cartable_window_get_visible_page (the_window), "main") == 0;
}

static void
activate_account (void)
{
  g_auto(GStrv) birth = g_strsplit (cartable_test_academy_field (USER, "birth_date"), "-", 3);
  g_autofree char *french_birth = g_strdup_printf ("%s/%s/%s", birth[2], birth[1], birth[0]);

  expect_step ("welcome", "new-user-01-welcome");
  click ("Commencer");
  expect_step ("academy", NULL);
  gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (the_window))), "normandie");
  cartable_test_iterate (400);
  click ("Académie de Normandie");
  expect_step ("choice", NULL);
  click ("J’active mon compte");
  expect_step ("activate", NULL);

  type_into ("Identifiant (INA)", USER);
  type_into ("Code d’activation", cartable_test_academy_field (USER, "code"));
  type_into ("Date de naissance", french_birth);
  type_into ("Nouveau mot de passe", PASSWORD);
  cartable_test_iterate (500);
  cartable_test_shot (GTK_WIDGET (the_window), "new-user-02-activate");
  click ("Activer");
  expect_step ("activated", "new-user-03-activated");
  click ("Continuer");

  /* First start: she picks the full version, which schedules mail. */
  expect_step ("mode", NULL);
  click ("Version complète");
  cartable_test_shot (GTK_WIDGET (the_window), "new-user-04-version");
  click ("Continuer");
  g_assert_true (cartable_test_wait_for (mail_shown, NULL, 30000));
}

/* ------------------------------------------------------------------ mail */

/* A colleague writes to her, through the academy's mail server. */
static const char *send_script =
  "import os, smtplib, ssl, sys\n"
  "from email.message import EmailMessage\n"
  "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
  "m = EmailMessage()\n"
  "m['From'], m['To'], m['Subject'] = sys.argv[1], sys.argv[2], sys.argv[3]\n"
  "m.set_content('Bonjour et bienvenue dans l’équipe !\\n\\nPeux-tu m’envoyer une photo de ta classe ?\\n')\n"
  "s = smtplib.SMTP('127.0.0.1', int(os.environ['ACADEMY_SUBMISSION_PORT']))\n"
  "s.starttls(context=ctx)\n"
  "s.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
  "s.send_message(m)\n"
  "s.quit()\n"
  "print('sent')\n";

/* The newest message of @identifier's INBOX, as the server has it: its
 * subject, then the type and file name of each part. */
static const char *last_message_script =
  CARTABLE_TEST_IMAP_LOGIN
  "m.select('INBOX')\n"
  "n = m.search(None, 'ALL')[1][0].split()\n"
  "import email, email.policy\n"
  "msg = email.message_from_bytes(m.fetch(n[-1], '(RFC822)')[1][0][1], policy=email.policy.default)\n"
  "print(msg['Subject'])\n"
  "for part in msg.walk():\n"
  "  print(part.get_content_type(), part.get_filename())\n";

static void
colleague_writes (const char *subject)
{
  g_autofree char *from = g_strdup_printf ("Thomas Lefebvre <%s>", cartable_test_academy_field (COLLEAGUE, "email"));
  const char *args[] = { from,
                         cartable_test_academy_field (USER, "email"), subject, NULL };
  int status = -1;
  g_autofree char *out = cartable_test_academy_python (COLLEAGUE, send_script, args, &status);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "sent\n");
}

/* Where the row of @subject is in @list, or -1. */
static int
find_subject (GtkListView *list,
              const char  *subject)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_TREE_LIST_ROW (item))
        {
          GObject *inner = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));

          g_set_object (&item, inner);
          g_clear_object (&inner);
        }
      if (CARTABLE_IS_MESSAGE_SUMMARY (item) &&
          g_strcmp0 (cartable_message_summary_get_subject (CARTABLE_MESSAGE_SUMMARY (item)), subject) == 0)
        return (int) i;
    }
  return -1;
}

/* For cartable_test_wait_value(): the row of @subject is in @list. */
static gint64
subject_listed (gconstpointer list,
                gconstpointer subject)
{
  return find_subject ((GtkListView *) list, subject) >= 0;
}

static gboolean
pointer_cleared (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

static void
drop_file (GtkWidget  *target,
           const char *path)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (target);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !accepted; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 20.0, 20.0, &accepted);
    }
  g_value_unset (&value);
  g_assert_true (accepted);
}

/* A photo of the class, as a phone would give it. */
static char *
make_photo (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "photo-de-la-classe.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

CARTABLE_TEST ("first-day", test_new_user)
{
  g_autofree char *first_subject = g_strdup_printf ("Bienvenue au collège %d", g_random_int_range (1000, 9999));
  g_autofree char *scheduled_subject = g_strdup_printf ("Sortie de fin d’année %d", g_random_int_range (1000, 9999));
  g_autofree char *photo = make_photo ();
  g_autofree char *received = NULL;
  g_autofree char *first_uid = NULL;
  CartableTestShownMessage shown = { NULL, NULL };
  GtkListView *list;
  CartableComposerWindow *composer;
  CartableMessage *message;
  GtkWidget *view;
  guint before;
  int status = -1;

  g_application_activate (G_APPLICATION (the_app));
  the_window = CARTABLE_WINDOW (cartable_test_wait_for_main_window ());
  gtk_window_set_default_size (GTK_WINDOW (the_window), 1366, 768);
  cartable_test_iterate (400);

  /* 1. Activation in the academy. */
  activate_account ();
  view = cartable_test_find_descendant (GTK_WIDGET (the_window), CARTABLE_TYPE_MAIN_VIEW, NULL);
  g_assert_nonnull (view);

  /* 2. The first message: a colleague's welcome, listed, opened, read. */
  colleague_writes (first_subject);
  list = GTK_LIST_VIEW (cartable_test_find_descendant (view, GTK_TYPE_LIST_VIEW, NULL));
  g_assert_true (cartable_test_wait_value (subject_listed, list, first_subject, TRUE, 500, 60000));
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (gtk_list_view_get_model (list)),
                                                  find_subject (list, first_subject), TRUE));
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_has_message, view, 20000));
  message = cartable_main_view_get_message (CARTABLE_MAIN_VIEW (view));
  g_assert_cmpstr (cartable_message_get_subject (message), ==, first_subject);
  first_uid = g_strdup (cartable_message_get_uid (message));
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_test_find_descendant (
                   view, CARTABLE_TYPE_HTML_VIEW, NULL)), "bienvenue"));
  /* The whole screen: a widget snapshot leaves the web view out. */
  cartable_test_iterate (500);
  cartable_test_save_display_screenshot ("new-user-05-first-message");

  /* 3. The reply, with a photo dropped on it. */
  before = cartable_test_academy_count (COLLEAGUE, "INBOX");
  g_assert_true (gtk_widget_activate_action (view, "compose.reply", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown,
                                         GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
  composer = CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  g_assert_true (g_str_has_suffix (cartable_composer_get_subject (cartable_composer_window_get_composer (composer)),
                                   first_subject));
  background_fill_composer (composer, NULL, NULL, "Merci ! Voici la classe.\n");
  drop_file (GTK_WIDGET (composer), photo);
  g_assert_cmpuint (cartable_composer_get_n_attachments (cartable_composer_window_get_composer (composer)), ==, 1);
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (composer), "new-user-06-reply-with-photo");
  g_object_add_weak_pointer (G_OBJECT (composer), (gpointer *) &composer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  g_assert_true (cartable_test_academy_wait_count (COLLEAGUE, "INBOX", before + 1, 60000));
  /* Sent, its composer goes. */
  g_assert_true (cartable_test_wait_for (pointer_cleared, &composer, 20000));
  {
    const char *args[] = { NULL };

    received = cartable_test_academy_python (COLLEAGUE, last_message_script, args, &status);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (received, first_subject));
  g_assert_nonnull (strstr (received, "image/png photo-de-la-classe.png"));

  /* 4. A message for later, then the window closed: it leaves on time
   * while no window is open. */
  g_assert_true (gtk_widget_activate_action (view, "compose.new", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown,
                                         GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
  composer = CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  background_fill_composer (composer, cartable_test_academy_field (COLLEAGUE, "email"), scheduled_subject,
                            "Le car part à 8 h devant le collège.");
  background_schedule_soon (composer, "new-user-07-send-later");
  cartable_test_close_window (GTK_WINDOW (composer), TRUE);
  g_assert_cmpuint (background_count_waiting (the_app), ==, 1);
  /* Let the toasts go before closing, as she would read them. */
  cartable_test_iterate (600);

  background_close_main_window (the_app, GTK_WINDOW (g_steal_pointer (&the_window)), TRUE,
                                "new-user-08-background-question");
  g_assert_true (cartable_test_academy_wait_count (COLLEAGUE, "INBOX", before + 2, 150000));
  g_assert_true (cartable_test_window_gone (GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW)));
  g_assert_true (cartable_application_get_in_background (the_app));

  /* 5. A notification clicked (its action, app.show-message): the window
   * comes back, on the message it names. */
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "show-message",
                                  g_variant_new ("(sss)", USER, "INBOX", first_uid));
  the_window = CARTABLE_WINDOW (cartable_test_wait_for_main_window ());
  gtk_window_set_default_size (GTK_WINDOW (the_window), 1366, 768);
  g_assert_false (cartable_application_get_in_background (the_app));
  g_assert_cmpstr (cartable_window_get_visible_page (the_window), ==, "main");
  shown.view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (the_window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  shown.uid = first_uid;
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &shown, 20000));
  cartable_test_iterate (400);
  cartable_test_save_display_screenshot ("new-user-09-back");
  background_close_main_window (the_app, GTK_WINDOW (g_steal_pointer (&the_window)), FALSE, NULL);
  g_remove (photo);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) profile = NULL;

  cartable_test_ui_init_academy (&argc, &argv, NULL, 0);
  the_app = cartable_test_app_new ();
  profile = g_file_new_for_path (cartable_test_academy_get_profile ());
  cartable_application_set_academy_profile (the_app, profile);

  return cartable_test_academy_finish (&the_app, cartable_test_run ());
}

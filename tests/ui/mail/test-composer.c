/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-a11y.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer-format.h"
#include "mail/cartable-composer-launcher.h"
#include "mail/cartable-composer-window.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-outbox-view.h"
#include "mail/cartable-send-later-dialog.h"
#include "preferences/cartable-preferences-window.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("composer-window");

/*
 * Writing in the real application against the loopback academy: an account
 * set up the way a finished sign-in leaves it, the composer opened by its
 * action (Ctrl+N), recipients checked when their field is left, a formatted
 * body and a PNG attached; Ctrl+Entrée queues it with the undo delay and the
 * main window says « Envoi dans 10 s… » with « Annuler », then « … a été
 * envoyé » once the server has it; the message reaches the other
 * user's INBOX with the attachment byte for byte. A second message undone
 * within the delay comes back in its composer and never arrives.
 */

#define USER "mdurand"
#define RECIPIENT "tlefebvre"

static CartableApplication *the_app;

/* ------------------------------------------------------------ the account */

/* ------------------------------------------------------------ the other side */

static const char *imap_check =
  "import email, imaplib, os, ssl, sys\n"
  "host, port, user, password, ca, subject, attachment = sys.argv[1:8]\n"
  "context = ssl.create_default_context(cafile=ca)\n"
  "imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=context)\n"
  "imap.login(user, password)\n"
  "imap.select('INBOX', readonly=True)\n"
  "status, data = imap.search(None, 'SUBJECT', '\"%s\"' % subject)\n"
  "ids = data[0].split()\n"
  "if not ids:\n"
  "    print('absent'); sys.exit(3)\n"
  "status, parts = imap.fetch(ids[-1], '(RFC822)')\n"
  "message = email.message_from_bytes(parts[0][1])\n"
  "if len(sys.argv) > 8:\n"
  "    html = [p for p in message.walk() if p.get_content_type() == 'text/html']\n"
  "    text = html[0].get_payload(decode=True).decode() if html else ''\n"
  "    for needle in sys.argv[8].split('|'):\n"
  "        if needle not in text:\n"
  "            print('html without %s' % needle); sys.exit(6)\n"
  "if attachment == '-':\n"
  "    print('arrived'); sys.exit(0)\n"
  "want = open(attachment, 'rb').read()\n"
  "for part in message.walk():\n"
  "    if part.get_filename() == os.path.basename(attachment):\n"
  "        got = part.get_payload(decode=True)\n"
  "        print('identical' if got == want else 'different: %d bytes, expected %d' % (len(got), len(want)))\n"
  "        sys.exit(0 if got == want else 4)\n"
  "print('no attachment'); sys.exit(5)\n";

/* 0: arrived (with @attachment identical); 3: not there. */
static int
check_inbox (const char *subject,
             const char *attachment,
             const char *html)
{
  const char *args[] = { "127.0.0.1", cartable_test_academy_env ("ACADEMY_IMAPS_PORT"), RECIPIENT,
                         cartable_test_academy_field (RECIPIENT, "password"), cartable_test_academy_env ("ACADEMY_CA"),
                         subject, attachment ? attachment : "-", html, NULL };
  int status = -1;
  g_autofree char *out = cartable_test_academy_python (RECIPIENT, imap_check, args, &status);

  g_test_message ("%s: %s", subject, out);
  if (status != 0 && status != 3)
    g_error ("checking the INBOX failed (%d): %s", status, out);
  return status;
}

/* ------------------------------------------------------------ widgets */

static void
shot (GtkWidget  *widget,
      const char *name)
{
  /* Transitions end first. */
  cartable_test_iterate (300);
  cartable_test_shot (widget, name);
}

static void
find_all (GtkWidget *root,
          GType      type,
          GPtrArray *found)
{
  cartable_test_find_all (root, type, found);
}

/* The « Annuler » button of the toast the main window shows. */
/* The visible « Annuler » button of a toast, or NULL. */
static GtkWidget *
toast_undo_button (GtkWidget *toast)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_all (toast, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Annuler") == 0 &&
        gtk_widget_get_visible (buttons->pdata[i]))
      return buttons->pdata[i];
  return NULL;
}

static gboolean
is_toast_with_undo (GtkWidget     *widget,
                    gconstpointer  data)
{
  return g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") == 0 && toast_undo_button (widget) != NULL;
}

static GtkWidget *
find_toast_button (GtkWidget *root)
{
  GtkWidget *toast = cartable_test_find_widget (root, is_toast_with_undo, NULL);

  return toast != NULL ? toast_undo_button (toast) : NULL;
}

static gboolean
toast_shown (gpointer user_data)
{
  GtkWidget *button = find_toast_button (user_data);

  return button != NULL && gtk_widget_get_mapped (button);
}

static gboolean
toast_gone (gpointer user_data)
{
  return find_toast_button (user_data) == NULL;
}

/* A key press as GTK dispatches it; the composer's fields get a little
 * longer to react. */
static void
press_key (GtkWindow       *window,
           guint            keyval,
           GdkModifierType  modifiers)
{
  cartable_test_press_key (window, keyval, modifiers);
  cartable_test_iterate (30);
}

/* The controls a keyboard user reaches, each of which must have a name. */
static gboolean
is_interactive (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_ENTRY (widget) ||
         GTK_IS_TEXT_VIEW (widget) || GTK_IS_LIST_BOX (widget) || GTK_IS_SPIN_BUTTON (widget);
}

/* ------------------------------------------------------------ the test */

static gboolean
account_online (gpointer user_data)
{
  CartableSessions *sessions = cartable_mail_view_get_sessions (CARTABLE_MAIL_VIEW (user_data));
  CartableAccountSession *session = sessions != NULL ? cartable_sessions_lookup (sessions, USER) : NULL;

  return session != NULL && cartable_account_session_get_online (session);
}

static gboolean
window_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (user_data));
}

static char *
write_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 24, 16);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "composer-attachment-XXXXXX", NULL);
  char *path;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);

  g_assert_nonnull (g_mkdtemp (dir));
  /* Not a flat colour: every byte counts. */
  for (int i = 0; i < gdk_pixbuf_get_rowstride (pixbuf) * 16; i++)
    pixels[i] = (guchar) (i * 37 + 11);
  path = g_build_filename (dir, "tableau-de-classe.png", NULL);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  GtkEntry *to;
  GtkEntry *cc;
  GtkEntry *bcc;
  GtkEntry *subject;
  GtkTextView *body;
} Fields;

static CartableComposerWindow *
open_composer (GtkWidget *view,
               Fields    *fields)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWindow *composer;

  g_assert_true (gtk_widget_activate_action (view, "compose.new", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
  composer = cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW);
  find_all (GTK_WIDGET (composer), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 4);
  fields->to = entries->pdata[0];
  fields->cc = entries->pdata[1];
  fields->bcc = entries->pdata[2];
  fields->subject = entries->pdata[3];
  fields->body = GTK_TEXT_VIEW (cartable_test_find_descendant (GTK_WIDGET (composer), GTK_TYPE_TEXT_VIEW, NULL));
  /* A new message opens on "To". */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (composer)), GTK_WIDGET (fields->to)));
  return CARTABLE_COMPOSER_WINDOW (composer);
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label,
                      const char *inside_type)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_all (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = buttons->pdata[i];

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) != 0 || !gtk_widget_get_mapped (button))
        continue;
      if (inside_type != NULL)
        {
          GtkWidget *ancestor = button;

          while (ancestor != NULL && g_strcmp0 (G_OBJECT_TYPE_NAME (ancestor), inside_type) != 0)
            ancestor = gtk_widget_get_parent (ancestor);
          if (ancestor == NULL)
            continue;
        }
      return button;
    }
  return NULL;
}

static gboolean
refusal_shown (gpointer user_data)
{
  return find_button_labelled (user_data, "_Boîte d’envoi", "AdwToastWidget") != NULL;
}

static gboolean
item_failed (gpointer user_data)
{
  GListModel *items = cartable_outbox_get_items (user_data);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (items, i);

      if (cartable_outbox_item_get_state (item) == CARTABLE_OUTBOX_STATE_FAILED)
        return TRUE;
    }
  return FALSE;
}

static gboolean
label_starts_with (gpointer user_data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  find_all (user_data, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "Brouillon enregistré à "))
      return TRUE;
  return FALSE;
}

static gboolean
list_filled (gpointer user_data)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (user_data));

  return model != NULL && g_list_model_get_n_items (model) >= 1;
}

/* Opens the composer with @keyval (Ctrl held), checks it, closes it. */
/* The button of the message pane whose label is @label. */
static GtkWidget *
pane_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) contents = g_ptr_array_new ();

  find_all (root, ADW_TYPE_BUTTON_CONTENT, contents);
  for (guint i = 0; i < contents->len; i++)
    if (g_strcmp0 (adw_button_content_get_label (contents->pdata[i]), label) == 0 &&
        gtk_widget_get_mapped (contents->pdata[i]))
      return gtk_widget_get_parent (contents->pdata[i]);
  return NULL;
}

static void
check_reply_kind (GtkWindow  *window,
                  guint       keyval,
                  GdkModifierType modifiers,
                  const char *button,
                  const char *to_part,
                  const char *subject_prefix,
                  const char *body_part)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *body = NULL;
  GtkWindow *composer;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (button != NULL)
    {
      GtkWidget *found = pane_button (GTK_WIDGET (window), button);

      g_assert_nonnull (found);
      g_assert_true (gtk_widget_get_mapped (found) && gtk_widget_is_sensitive (found));
      gtk_widget_activate (found);
    }
  else
    press_key (window, keyval, modifiers);
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
  composer = g_object_ref (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  find_all (GTK_WIDGET (composer), GTK_TYPE_ENTRY, entries);
  g_test_message ("to: %s; subject: %s", gtk_editable_get_text (entries->pdata[0]), gtk_editable_get_text (entries->pdata[3]));
  if (to_part != NULL)
    g_assert_nonnull (strstr (gtk_editable_get_text (entries->pdata[0]), to_part));
  else
    g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "");
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (entries->pdata[3]), subject_prefix));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cartable_test_find_descendant (GTK_WIDGET (composer),
                                                                                   GTK_TYPE_TEXT_VIEW, NULL)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (body, body_part));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "window.close", NULL));
  cartable_test_iterate (200);
  g_assert_finalize_object (composer);
}

static void
check_replies (GtkWindow *window,
               GtkWidget *view)
{
  GtkListView *list = GTK_LIST_VIEW (cartable_test_find_descendant (view, GTK_TYPE_LIST_VIEW, NULL));
  CartableMessage *message;
  g_autofree char *sender = NULL;
  const char *from;

  /* Nothing chosen: answering says so, to a screen reader too. */
  g_assert_true (cartable_test_wait_for (list_filled, list, 30000));
  gtk_selection_model_unselect_all (gtk_list_view_get_model (list));
  cartable_test_iterate (300);
  if (!cartable_test_main_view_has_message (view))
    {
      g_autoptr(CartableTestA11yListener) listener = cartable_test_a11y_listen ();

      g_assert_true (gtk_widget_activate_action (view, "compose.reply", NULL));
      cartable_test_a11y_assert_spoken (listener, "Choisissez d’abord un message", 10000);
    }

  /* The Inbox may be listed again as the account settles: choose the
   * first message until it shows. */
  for (guint attempt = 0; attempt < 10 && !cartable_test_main_view_has_message (view); attempt++)
    {
      GtkSelectionModel *selection;

      g_assert_true (cartable_test_wait_for (list_filled, list, 30000));
      selection = gtk_list_view_get_model (list);
      gtk_selection_model_unselect_all (selection);
      gtk_selection_model_select_item (selection, 0, TRUE);
      cartable_test_wait_for (cartable_test_main_view_has_message, view, 5000);
    }
  g_assert_true (cartable_test_main_view_has_message (view));
  gtk_widget_grab_focus (GTK_WIDGET (list));
  cartable_test_iterate (200);
  message = cartable_main_view_get_message (CARTABLE_MAIN_VIEW (view));
  from = cartable_message_get_reply_to (message) ? cartable_message_get_reply_to (message)
                                                 : cartable_message_get_from (message);
  sender = g_strdup (strchr (from, '<') ? strchr (from, '<') + 1 : from);
  if (strchr (sender, '>'))
    *strchr (sender, '>') = '\0';
  g_test_message ("replying to %s", sender);

  check_reply_kind (window, GDK_KEY_r, GDK_CONTROL_MASK, NULL, sender, "RE : ", "a écrit :\n> ");
  check_reply_kind (window, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, NULL, sender, "RE : ", "a écrit :\n> ");
  check_reply_kind (window, GDK_KEY_l, GDK_CONTROL_MASK, NULL, NULL, "TR : ", "Message transféré");
  /* The same from the buttons above the message, for those who do not
   * know the keys. */
  shot (GTK_WIDGET (window), "message-pane-reply-buttons");
  check_reply_kind (window, 0, 0, "_Répondre", sender, "RE : ", "a écrit :\n> ");
  check_reply_kind (window, 0, 0, "Répondre à _tous", sender, "RE : ", "a écrit :\n> ");
  check_reply_kind (window, 0, 0, "_Transférer", NULL, "TR : ", "Message transféré");
}

static gboolean
message_arrived (gpointer user_data)
{
  const char **args = user_data;

  return check_inbox (args[0], args[1], args[2]) == 0;
}

/* ------------------------------------------------------------ a draft left unsent */

/* What a run that stopped before reaching the server leaves: the draft on
 * disk only. A session that does not know the account cannot send it on. */
static void
leave_unsent_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("draft-session-XXXXXX", &error);
  g_autoptr(CartableMailSession) session = NULL;
  g_autoptr(CartableComposer) composer = cartable_composer_new ();

  g_assert_no_error (error);
  session = cartable_mail_session_new (dir, dir);
  cartable_composer_set_from (composer, cartable_test_academy_field (USER, "display_name"),
                              cartable_test_academy_field (USER, "email"));
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, cartable_test_academy_field (RECIPIENT, "email"));
  cartable_composer_set_subject (composer, "Brouillon retrouvé");
  cartable_composer_set_body (composer, "Écrit avant la panne");
  cartable_test_academy_leave_local_draft (session, USER, composer);
}

static gboolean
open_toast_shown (gpointer user_data)
{
  return find_button_labelled (user_data, "_Ouvrir", "AdwToastWidget") != NULL;
}

/* At start, the main window offers the draft back; « Ouvrir » opens it. */
CARTABLE_TEST ("draft-restore", test_draft_restore)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *body = NULL;
  CartableComposerWindow *composer;
  GtkTextIter start, end;
  GtkWindow *window;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (open_toast_shown, window, 10000));
  cartable_test_collect_text (GTK_WIDGET (window), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_assert_nonnull (strstr (text->str, "1 brouillon non envoyé a été retrouvé"));
  g_assert_null (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));

  gtk_widget_activate (find_button_labelled (GTK_WIDGET (window), "_Ouvrir", "AdwToastWidget"));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
  composer = CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  g_assert_cmpstr (cartable_composer_get_subject (cartable_composer_window_get_composer (composer)), ==,
                   "Brouillon retrouvé");
  gtk_text_buffer_get_bounds (cartable_composer_window_get_buffer (composer), &start, &end);
  body = gtk_text_buffer_get_text (cartable_composer_window_get_buffer (composer), &start, &end, FALSE);
  g_assert_nonnull (strstr (body, "Écrit avant la panne"));

  cartable_test_close_window (GTK_WINDOW (composer), TRUE);
}

/* ------------------------------------------------------------ sending, and undo */

CARTABLE_TEST ("send-and-undo", test_send_and_undo)
{
  g_autofree char *png = write_png ();
  g_autofree char *token = g_strdup_printf ("%08x", g_random_int ());
  g_autofree char *subject = g_strdup_printf ("Sortie au musee %s", token);
  g_autofree char *undone_subject = g_strdup_printf ("Message annule %s", token);
  g_autofree char *scheduled_subject = g_strdup_printf ("Message programme %s", token);
  g_autofree char *refused_subject = g_strdup_printf ("Message refuse %s", token);
  GtkWindow *outbox_view;
  g_autoptr(GString) text = g_string_new (NULL);
  CartableComposerWindow *composer;
  CartableOutbox *outbox;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkWindow *window;
  GtkWidget *view;
  graphene_rect_t subject_before, subject_after;
  g_autofree char *sent_text = NULL;
  Fields fields;
  guint checked = 0;
  const char *arrival[3];
  CartableTestA11yListener *listener = NULL;
  const char *html;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (window, 1100, 700);
  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);
  g_assert_nonnull (view);
  g_assert_true (cartable_test_wait_for (account_online, view, 30000));

  /* ---- Reply, reply to all and forward open prefilled composers. */
  check_replies (GTK_WINDOW (window), view);

  /* ---- The first message: written, sent with Ctrl+Entrée, delivered. */
  composer = open_composer (view, &fields);
  g_object_ref (composer);

  /* A wrong address is pointed out once the field is left, not while
   * typing, and the form does not jump. */
  gtk_widget_grab_focus (GTK_WIDGET (fields.to));
  g_assert_true (cartable_test_wait_for (cartable_test_widget_drawn, composer, 5000));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fields.subject), GTK_WIDGET (composer), &subject_before));
  gtk_editable_set_text (GTK_EDITABLE (fields.to), "thomas.lefebvre@ac");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fields.to), "error"));
  gtk_widget_grab_focus (GTK_WIDGET (fields.subject));
  cartable_test_iterate (100);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fields.to), "error"));
  g_assert_nonnull (strstr (gtk_entry_get_icon_tooltip_text (fields.to, GTK_ENTRY_ICON_SECONDARY),
                            "« thomas.lefebvre@ac » n’est pas une adresse valide"));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fields.subject), GTK_WIDGET (composer), &subject_after));
  g_assert_cmpfloat (subject_before.origin.y, ==, subject_after.origin.y);
  shot (GTK_WIDGET (composer), "composer-address-error");
  /* Sending then refuses, and says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  cartable_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (composer)));
  g_string_truncate (text, 0);
  cartable_test_collect_text (GTK_WIDGET (composer), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_assert_nonnull (strstr (text->str, "« thomas.lefebvre@ac » n’est pas une adresse valide"));

  gtk_editable_set_text (GTK_EDITABLE (fields.to), cartable_test_academy_field (RECIPIENT, "email"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fields.to), "error"));
  g_assert_null (gtk_entry_get_icon_name (fields.to, GTK_ENTRY_ICON_SECONDARY));
  gtk_editable_set_text (GTK_EDITABLE (fields.subject), subject);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (composer)), ==, subject);

  /* The body, with a word in bold through the action Ctrl+B triggers. */
  buffer = gtk_text_view_get_buffer (fields.body);
  gtk_widget_grab_focus (GTK_WIDGET (fields.body));
  gtk_text_buffer_set_text (buffer, "Bonjour Thomas,\n\nLa sortie au musée a lieu jeudi.\nÀ apporter :\ncahier\ncrayon\n\nMarie", -1);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 2, 26);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 2, 31);
  gtk_text_buffer_select_range (buffer, &start, &end);
  press_key (GTK_WINDOW (composer), GDK_KEY_b, GDK_CONTROL_MASK);
  html = cartable_composer_get_html_body (cartable_composer_window_get_composer (composer));
  g_assert_nonnull (html);
  g_assert_nonnull (strstr (html, "a lieu <b>jeudi</b>."));

  /* A link on "musée" (Ctrl+K asks for its address). */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 2, 13);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 2, 18);
  gtk_text_buffer_select_range (buffer, &start, &end);
  press_key (GTK_WINDOW (composer), GDK_KEY_k, GDK_CONTROL_MASK);
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 3000));
  {
    GtkWindow *dialog = cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    GtkWidget *entry = cartable_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);

    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "javascript:alert(1)");
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "insert"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "www.ac-normandie.fr");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "insert"));
    shot (GTK_WIDGET (dialog), "composer-link");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "insert");
    cartable_test_iterate (200);
  }
  html = cartable_composer_get_html_body (cartable_composer_window_get_composer (composer));
  g_assert_nonnull (strstr (html, "La sortie au <a href=\"https://www.ac-normandie.fr\">musée</a> a lieu"));

  /* The two lines after "À apporter :" as a bulleted list. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 4, 0);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 5, 2);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.bullets", NULL));
  html = cartable_composer_get_html_body (cartable_composer_window_get_composer (composer));
  g_assert_nonnull (strstr (html, "À apporter :<ul><li>cahier</li><li>crayon</li></ul>"));
  g_assert_nonnull (strstr (cartable_composer_get_body (cartable_composer_window_get_composer (composer)),
                            "La sortie au musée <https://www.ac-normandie.fr> a lieu jeudi.\nÀ apporter :\n• cahier\n• crayon\n"));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  /* The attachment, listed with its name and size. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (png);
    g_autoptr(GError) error = NULL;

    g_assert_true (cartable_composer_window_add_file (composer, file, &error));
    g_assert_no_error (error);
  }
  g_string_truncate (text, 0);
  cartable_test_collect_text (GTK_WIDGET (composer), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_assert_nonnull (strstr (text->str, "tableau-de-classe.png"));
  {
    GStatBuf st;
    g_autofree char *size = NULL;

    g_assert_cmpint (g_stat (png, &st), ==, 0);
    size = cartable_composer_format_size (st.st_size);
    g_test_message ("attachment: %s", size);
    g_assert_nonnull (strstr (text->str, size));
  }

  cartable_test_check_accessible_names (GTK_WIDGET (composer), is_interactive, &checked);
  g_test_message ("%u controls of the composer have a name", checked);
  g_assert_cmpuint (checked, >=, 14);
  shot (GTK_WIDGET (composer), "composer");

  gtk_widget_grab_focus (GTK_WIDGET (fields.body));
  listener = cartable_test_a11y_listen ();
  press_key (GTK_WINDOW (composer), GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (cartable_test_wait_for (window_hidden, composer, 2000));
  g_assert_true (cartable_test_wait_for (toast_shown, window, 3000));
  /* What the toasts say reaches a screen reader. */
  cartable_test_a11y_assert_spoken (listener, "Envoi dans 10 s… — Annuler", 10000);

  /* Waiting in the outbox for the undo delay. */
  outbox = cartable_account_session_get_outbox (cartable_sessions_lookup (cartable_application_get_sessions (the_app), USER));
  g_assert_nonnull (outbox);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 1);
  g_string_truncate (text, 0);
  cartable_test_collect_text (GTK_WIDGET (window), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  /* The toast tells the truth: it will leave, with time to take it back… */
  g_assert_nonnull (strstr (text->str, "Envoi dans 10 s…"));
  sent_text = g_strdup_printf ("« %s » a été envoyé", subject);
  g_assert_null (strstr (text->str, sent_text));
  shot (GTK_WIDGET (window), "composer-toast");

  /* …then, once the server has it, that it has left. */
  g_assert_true (cartable_test_wait_for_text (GTK_WIDGET (window), sent_text, CARTABLE_TEST_TEXT_CHILD_VISIBLE, 40000));
  g_clear_pointer (&listener, cartable_test_a11y_listener_free);
  shot (GTK_WIDGET (window), "composer-toast-sent");

  arrival[0] = subject;
  arrival[1] = png;
  arrival[2] = "<b>jeudi</b>|<li>cahier</li>|<a href=\"https://www.ac-normandie.fr\">";
  g_assert_true (cartable_test_wait_for (message_arrived, arrival, 60000));

  /* The toast leaves with the delay, and takes the hidden composer along. */
  g_assert_true (cartable_test_wait_for (toast_gone, window, 20000));
  cartable_test_iterate (200);
  g_assert_finalize_object (composer);

  /* ---- The second message: « Annuler » within the delay. */
  composer = open_composer (view, &fields);
  g_object_ref (composer);
  gtk_editable_set_text (GTK_EDITABLE (fields.to), cartable_test_academy_field (RECIPIENT, "email"));
  gtk_editable_set_text (GTK_EDITABLE (fields.subject), undone_subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (fields.body), "Finalement non.", -1);
  /* Saved as a draft a few seconds after the last change, and said so. */
  g_assert_true (cartable_test_wait_for (label_starts_with, (gpointer) composer, 15000));

  /* Plain-text mode: no HTML part, no formatting to choose. */
  {
    GtkTextBuffer *body = gtk_text_view_get_buffer (fields.body);
    GtkTextIter from, to;

    gtk_text_buffer_get_bounds (body, &from, &to);
    gtk_text_buffer_select_range (body, &from, &to);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.italic", NULL));
    g_assert_nonnull (strstr (cartable_composer_get_html_body (cartable_composer_window_get_composer (composer)),
                              "<i>Finalement non.</i>"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.plain-text", NULL));
    g_assert_null (cartable_composer_get_html_body (cartable_composer_window_get_composer (composer)));
    g_assert_cmpstr (cartable_composer_get_body (cartable_composer_window_get_composer (composer)), ==, "Finalement non.");
    g_assert_false (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.bold", NULL) &&
                    cartable_composer_get_html_body (cartable_composer_window_get_composer (composer)) != NULL);
    g_assert_null (cartable_composer_get_html_body (cartable_composer_window_get_composer (composer)));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  g_assert_true (cartable_test_wait_for (window_hidden, composer, 2000));
  g_assert_true (cartable_test_wait_for (toast_shown, window, 3000));
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 1);
  /* As a person would: once the toast has slid in (and the one it pushed
   * aside has gone; libadwaita 1.2 cannot take a click on a toast before
   * that). A button "activated" clicks after its pressed look has shown. */
  cartable_test_iterate (600);
  gtk_widget_activate (find_toast_button (GTK_WIDGET (window)));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 3000));

  /* Back in its composer, as it was; out of the outbox. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (composer)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fields.subject)), ==, undone_subject);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 0);

  /* Well past the delay, it has not arrived. */
  cartable_test_iterate ((CARTABLE_DEFAULT_UNDO_DELAY_SECONDS + 5) * 1000);
  g_assert_cmpint (check_inbox (undone_subject, NULL, NULL), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "window.close", NULL));
  cartable_test_iterate (200);
  g_assert_finalize_object (composer);

  /* ---- The third: « Envoyer demain à 7 h 30 », then cancelled from the
   * outbox window. */
  composer = open_composer (view, &fields);
  g_object_ref (composer);
  gtk_editable_set_text (GTK_EDITABLE (fields.to), cartable_test_academy_field (RECIPIENT, "email"));
  gtk_editable_set_text (GTK_EDITABLE (fields.subject), scheduled_subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (fields.body), "Pour demain matin.", -1);

  /* A large file dropped on the window: listed, with the warning of the
   * academy's limit (26,2 Mo in its profile); removed, the warning goes. */
  {
    g_autofree char *big = g_build_filename (g_get_tmp_dir (), "video-de-la-sortie.mp4", NULL);
    g_autofree char *zeros = g_malloc0 (20 * 1000 * 1000);
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (composer));
    GtkDropTarget *drop = NULL;
    GSList *files = NULL;
    GdkFileList *list;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;
    GtkWidget *remove_button = NULL;
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    g_assert_true (g_file_set_contents (big, zeros, 20 * 1000 * 1000, NULL));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          drop = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (drop);
    files = g_slist_prepend (NULL, g_file_new_for_path (big));
    list = gdk_file_list_new_from_list (files);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, list);
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_assert_true (accepted);
    g_value_unset (&value);
    g_slist_free_full (files, g_object_unref);

    g_string_truncate (text, 0);
    cartable_test_collect_text (GTK_WIDGET (composer), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
    g_assert_nonnull (strstr (text->str, "video-de-la-sortie.mp4\n20,0 Mo"));
    g_assert_nonnull (strstr (text->str, "plus que les 26,2 Mo qu’accepte le serveur de messagerie de l’académie"));
    shot (GTK_WIDGET (composer), "composer-too-large");

    find_all (GTK_WIDGET (composer), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Retirer video-de-la-sortie.mp4") == 0)
        remove_button = buttons->pdata[i];
    g_assert_nonnull (remove_button);
    g_signal_emit_by_name (remove_button, "clicked");
    cartable_test_iterate (100);
    g_string_truncate (text, 0);
    cartable_test_collect_text (GTK_WIDGET (composer), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
    g_assert_null (strstr (text->str, "video-de-la-sortie.mp4"));
    g_assert_null (strstr (text->str, "qu’accepte le serveur"));
    g_assert_cmpuint (cartable_composer_get_n_attachments (cartable_composer_window_get_composer (composer)), ==, 0);
    g_remove (big);
  }
  /* « Choose the time » offers tomorrow at 7:30 and refuses a time already past. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send-later", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_SEND_LATER_DIALOG), 3000));
  {
    g_autoptr(GtkWindow) dialog = g_object_ref (cartable_test_find_window (CARTABLE_TYPE_SEND_LATER_DIALOG));
    GtkWidget *calendar = cartable_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR, NULL);
    g_autoptr(GPtrArray) spins = g_ptr_array_new ();
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow = cartable_composer_tomorrow_at (now, 7, 30);

    g_assert_cmpint (cartable_send_later_dialog_get_send_at (CARTABLE_SEND_LATER_DIALOG (dialog)), ==,
                     g_date_time_to_unix (tomorrow));
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "schedule"));
    g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "schedule");
    g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
    shot (GTK_WIDGET (dialog), "composer-send-later");

    find_all (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
    g_assert_cmpuint (spins->len, ==, 2);
    gtk_calendar_select_day (GTK_CALENDAR (calendar), now);
    gtk_spin_button_set_value (spins->pdata[0], 0);
    gtk_spin_button_set_value (spins->pdata[1], 0);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "schedule"));
    g_string_truncate (text, 0);
    cartable_test_collect_text (GTK_WIDGET (dialog), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
    g_assert_nonnull (strstr (text->str, "Cette heure est déjà passée : choisissez-en une plus tardive."));
    shot (GTK_WIDGET (dialog), "composer-send-later-past");

    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    gtk_window_close (dialog);
    g_assert_true (cartable_test_wait_for (window_hidden, dialog, 2000));
    g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 0);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send-tomorrow", NULL));
  g_assert_true (cartable_test_wait_for (window_hidden, composer, 2000));
  g_assert_true (cartable_test_wait_for (toast_shown, window, 3000));
  g_string_truncate (text, 0);
  cartable_test_collect_text (GTK_WIDGET (window), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_assert_nonnull (strstr (text->str, "Message programmé pour demain à 7 h 30"));
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 1);
  {
    g_autoptr(CartableOutboxItem) item = g_list_model_get_item (cartable_outbox_get_items (outbox), 0);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow = cartable_composer_tomorrow_at (now, 7, 30);

    g_assert_cmpint (cartable_outbox_item_get_send_at (item), ==, g_date_time_to_unix (tomorrow));
    g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  }

  g_assert_true (gtk_widget_activate_action (view, "compose.outbox", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_OUTBOX_VIEW), 3000));
  outbox_view = cartable_test_find_window (CARTABLE_TYPE_OUTBOX_VIEW);
  g_object_ref (outbox_view);
  g_string_truncate (text, 0);
  cartable_test_collect_text (GTK_WIDGET (outbox_view), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_assert_nonnull (strstr (text->str, scheduled_subject));
  g_assert_nonnull (strstr (text->str, "Part demain à 7 h 30"));
  checked = 0;
  cartable_test_check_accessible_names (GTK_WIDGET (outbox_view), is_interactive, &checked);
  g_assert_cmpuint (checked, >=, 2);
  shot (GTK_WIDGET (outbox_view), "composer-outbox");
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *cancel = NULL;

    find_all (GTK_WIDGET (outbox_view), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Annuler") == 0)
        cancel = buttons->pdata[i];
    g_assert_nonnull (cancel);
    gtk_widget_activate (cancel);
  }
  g_assert_true (cartable_test_wait_for (cartable_test_outbox_empty, outbox, 3000));
  g_string_truncate (text, 0);
  cartable_test_iterate (200);
  cartable_test_collect_text (GTK_WIDGET (outbox_view), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_assert_nonnull (strstr (text->str, "Aucun message en attente"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outbox_view), "window.close", NULL));
  cartable_test_iterate (200);
  g_assert_finalize_object (outbox_view);

  g_assert_true (cartable_test_wait_for (toast_gone, window, 20000));
  cartable_test_iterate (200);
  g_assert_finalize_object (composer);

  /* ---- The fourth, to an address the academy does not have: the server
   * refuses it, a toast says so and leads to the outbox, where it can be
   * deleted. */
  composer = open_composer (view, &fields);
  g_object_ref (composer);
  gtk_editable_set_text (GTK_EDITABLE (fields.to), "personne.inconnue@ac-normandie.fr");
  gtk_editable_set_text (GTK_EDITABLE (fields.subject), refused_subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (fields.body), "Bonjour ?", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  g_assert_true (cartable_test_wait_for (window_hidden, composer, 2000));
  g_assert_true (cartable_test_wait_for (item_failed, outbox, 60000));
  g_assert_true (cartable_test_wait_for (refusal_shown, window, 5000));
  g_string_truncate (text, 0);
  cartable_test_collect_text (GTK_WIDGET (window), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_assert_nonnull (strstr (text->str, "Le serveur a refusé « "));
  shot (GTK_WIDGET (window), "composer-refused");
  gtk_widget_activate (find_button_labelled (GTK_WIDGET (window), "_Boîte d’envoi", "AdwToastWidget"));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_OUTBOX_VIEW), 3000));
  outbox_view = g_object_ref (cartable_test_find_window (CARTABLE_TYPE_OUTBOX_VIEW));
  g_string_truncate (text, 0);
  cartable_test_collect_text (GTK_WIDGET (outbox_view), text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_test_message ("outbox: %s", text->str);
  g_assert_nonnull (strstr (text->str, refused_subject));
  g_assert_nonnull (strstr (text->str, "Le serveur a refusé ce message : "));
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (outbox_view), "_Renvoyer", NULL));
  shot (GTK_WIDGET (outbox_view), "composer-outbox-refused");
  gtk_widget_activate (find_button_labelled (GTK_WIDGET (outbox_view), "_Supprimer", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_outbox_empty, outbox, 3000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outbox_view), "window.close", NULL));
  cartable_test_iterate (200);
  g_assert_finalize_object (outbox_view);
  g_assert_true (cartable_test_wait_for (toast_gone, window, 20000));
  cartable_test_iterate (200);
  g_assert_finalize_object (composer);

  cartable_test_close_window (GTK_WINDOW (window), TRUE);
  g_remove (png);
}

/* ------------------------------------------------------------ signature */

/* The preferences' « Comptes » page sets the account's signature, kept in
 * the accounts file; a new message ends with it. */
CARTABLE_TEST ("signature", test_signature)
{
  const char *signature = "Marie Durand\nCollège Jean-Moulin";
  CartableAccountStore *store = cartable_application_get_account_store (the_app);
  g_autoptr(CartableAccountStore) reloaded = NULL;
  g_autoptr(CartableAccount) account = NULL;
  g_autoptr(CartableAccount) loaded = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  CartableComposerWindow *composer;
  GtkWindow *preferences;
  GtkWindow *window;
  GtkWidget *view;
  Fields fields;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);
  account = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_null (cartable_account_get_signature (account));

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "preferences", NULL);
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_PREFERENCES_WINDOW), 10000));
  preferences = cartable_test_find_window (CARTABLE_TYPE_PREFERENCES_WINDOW);
  /* One account, one signature field. */
  find_all (GTK_WIDGET (preferences), GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (views->pdata[0]), signature, -1);
  g_assert_cmpstr (cartable_account_get_signature (account), ==, signature);
  cartable_test_close_window (GTK_WINDOW (preferences), TRUE);

  /* Kept in the accounts file. */
  reloaded = cartable_account_store_new (cartable_account_store_get_path (store));
  g_assert_true (cartable_account_store_load (reloaded, &error));
  g_assert_no_error (error);
  loaded = g_list_model_get_item (G_LIST_MODEL (reloaded), 0);
  g_assert_cmpstr (cartable_account_get_signature (loaded), ==, signature);

  /* A new message: room to write, then « -- » and the signature. */
  composer = open_composer (view, &fields);
  g_assert_cmpstr (cartable_composer_get_body (cartable_composer_window_get_composer (composer)), ==,
                   "\n\n-- \nMarie Durand\nCollège Jean-Moulin\n");
  cartable_test_close_window (GTK_WINDOW (composer), TRUE);

  cartable_account_set_signature (account, NULL);
  g_assert_true (cartable_account_store_save (store, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------ the Sent folder */

static GtkListBoxRow *
find_sent_row (GtkWidget *view)
{
  GtkWidget *folders = cartable_test_find_descendant (view, GTK_TYPE_LIST_BOX, "navigation-sidebar");

  for (GtkWidget *row = gtk_widget_get_first_child (folders); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      cartable_test_collect_text (row, text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
      if (GTK_IS_LIST_BOX_ROW (row) && gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (row)) &&
          (strstr (text->str, "Éléments envoyés") != NULL || strstr (text->str, "Envoyés") != NULL))
        return GTK_LIST_BOX_ROW (row);
    }
  return NULL;
}

static gboolean
list_shows (gpointer user_data)
{
  const char **wanted = user_data;
  GtkWidget *list = cartable_test_find_descendant (GTK_WIDGET (wanted[0]), GTK_TYPE_LIST_VIEW, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  cartable_test_collect_text (list, text, CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  return strstr (text->str, wanted[1]) != NULL;
}

/* ------------------------------------------------------------ address completion */

typedef struct
{
  GtkEntryCompletion *completion;
  const char         *candidate;
  GtkTreeIter         iter;
} KnownRow;

static gboolean
completion_knows (gpointer user_data)
{
  KnownRow *row = user_data;
  GtkTreeModel *model = gtk_entry_completion_get_model (row->completion);
  gboolean valid = gtk_tree_model_get_iter_first (model, &row->iter);

  for (; valid; valid = gtk_tree_model_iter_next (model, &row->iter))
    {
      g_autofree char *value = NULL;

      gtk_tree_model_get (model, &row->iter, 0, &value, -1);
      if (g_strcmp0 (value, row->candidate) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
popover_shown (gpointer user_data)
{
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();

  find_all (user_data, GTK_TYPE_POPOVER, popovers);
  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_get_mapped (popovers->pdata[i]))
      return TRUE;
  return FALSE;
}

/* « À » offers the senders of the cached Inbox while typing, without case
 * or accents; the one picked is written « Nom <adresse>, ». */
CARTABLE_TEST ("address-completion", test_address_completion)
{
  KnownRow row = { NULL, "Isabelle Lemonnier <isabelle.lemonnier@ac-normandie.fr>" };
  CartableComposerWindow *composer;
  gboolean handled = FALSE;
  GtkWindow *window;
  GtkWidget *view;
  Fields fields;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);

  composer = open_composer (view, &fields);
  row.completion = gtk_entry_get_completion (fields.to);
  g_assert_nonnull (row.completion);
  g_assert_true (cartable_test_wait_for (completion_knows, &row, 15000));
  g_assert_true (gtk_entry_get_completion (fields.cc) != NULL && gtk_entry_get_completion (fields.bcc) != NULL);

  gtk_widget_grab_focus (GTK_WIDGET (fields.to));
  gtk_editable_set_text (GTK_EDITABLE (fields.to), "LEMON");
  g_assert_true (cartable_test_wait_for (popover_shown, fields.to, 5000));
  /* Escape closes the suggestions, not the message. */
  press_key (GTK_WINDOW (composer), GDK_KEY_Escape, 0);
  g_assert_false (popover_shown (fields.to));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (composer)));
  g_signal_emit_by_name (row.completion, "match-selected",
                         gtk_entry_completion_get_model (row.completion), &row.iter, &handled);
  g_assert_true (handled);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fields.to)), ==,
                   "Isabelle Lemonnier <isabelle.lemonnier@ac-normandie.fr>, ");

  gtk_editable_set_text (GTK_EDITABLE (fields.to), "");
  cartable_test_close_window (GTK_WINDOW (composer), TRUE);
}

/* The Sent folder's rows name who the message went to, not the sender. */
CARTABLE_TEST ("sent-rows", test_sent_rows)
{
  g_autofree char *to = g_strdup_printf ("À : %s", cartable_test_academy_field (RECIPIENT, "email"));
  const char *wanted[2];
  GtkListBoxRow *sent;
  GtkWindow *window;
  GtkWidget *view;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);
  sent = find_sent_row (view);
  g_assert_nonnull (sent);
  gtk_widget_activate (GTK_WIDGET (sent));

  wanted[0] = (const char *) view;
  wanted[1] = to;
  g_assert_true (cartable_test_wait_for (list_shows, wanted, 30000));
  wanted[1] = cartable_test_academy_field (USER, "display_name");
  g_assert_false (list_shows (wanted));
  shot (GTK_WIDGET (window), "sent-folder");
}

/* The suggestion is picked as a click does (the list row activated while
 * the list has the focus): the recipient is written and the cursor put
 * after it, nothing selected, so the next key typed adds to it. */
CARTABLE_TEST ("completion-pick", test_completion_pick_keeps_recipient)
{
  KnownRow row = { NULL, "Isabelle Lemonnier <isabelle.lemonnier@ac-normandie.fr>" };
  const char *picked = "Isabelle Lemonnier <isabelle.lemonnier@ac-normandie.fr>, ";
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GtkTreePath) first = gtk_tree_path_new_first ();
  CartableComposerWindow *composer;
  GtkWindow *window;
  GtkTreeView *list;
  Fields fields;
  int start, end;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  composer = open_composer (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL),
                            &fields);
  row.completion = gtk_entry_get_completion (fields.to);
  g_assert_true (cartable_test_wait_for (completion_knows, &row, 15000));

  gtk_widget_grab_focus (GTK_WIDGET (fields.to));
  gtk_editable_set_text (GTK_EDITABLE (fields.to), "isabelle");
  gtk_editable_set_position (GTK_EDITABLE (fields.to), -1);
  g_assert_true (cartable_test_wait_for (popover_shown, fields.to, 5000));
  find_all (GTK_WIDGET (fields.to), GTK_TYPE_TREE_VIEW, lists);
  g_assert_cmpuint (lists->len, ==, 1);
  list = lists->pdata[0];
  gtk_widget_grab_focus (GTK_WIDGET (list));
  gtk_tree_view_row_activated (list, first, gtk_tree_view_get_column (list, 0));
  cartable_test_iterate (300);

  g_assert_false (popover_shown (fields.to));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fields.to)), ==, picked);
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (fields.to), &start, &end));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (fields.to)), ==, g_utf8_strlen (picked, -1));
  cartable_test_save_screenshot (GTK_WIDGET (composer), "composer-suggestion-picked");

  /* The next key typed goes after the recipient. */
  gtk_editable_delete_selection (GTK_EDITABLE (fields.to));
  start = gtk_editable_get_position (GTK_EDITABLE (fields.to));
  gtk_editable_insert_text (GTK_EDITABLE (fields.to), "m", -1, &start);
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (fields.to)), picked));

  gtk_editable_set_text (GTK_EDITABLE (fields.to), "");
  cartable_test_close_window (GTK_WINDOW (composer), TRUE);
}

static gboolean
pointer_cleared (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

static gboolean
question_shown (gpointer user_data)
{
  return cartable_test_window_shown (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
}

/* Échap closes the suggestions first; then, on a message with content, it
 * asks before closing; an untouched message closes at once. */
CARTABLE_TEST ("escape-asks", test_escape_asks)
{
  KnownRow row = { NULL, "Isabelle Lemonnier <isabelle.lemonnier@ac-normandie.fr>" };
  CartableComposerWindow *composer;
  AdwMessageDialog *question;
  GtkWidget *view;
  GtkWindow *window;
  Fields fields;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);

  /* Nothing written: Échap closes it. */
  composer = open_composer (view, &fields);
  g_object_add_weak_pointer (G_OBJECT (composer), (gpointer *) &composer);
  press_key (GTK_WINDOW (composer), GDK_KEY_Escape, 0);
  g_assert_true (cartable_test_wait_for (pointer_cleared, &composer, 5000));
  g_assert_false (question_shown (NULL));

  composer = open_composer (view, &fields);
  row.completion = gtk_entry_get_completion (fields.to);
  g_assert_true (cartable_test_wait_for (completion_knows, &row, 15000));
  gtk_editable_set_text (GTK_EDITABLE (fields.subject), "Conseil de classe");
  gtk_widget_grab_focus (GTK_WIDGET (fields.to));
  gtk_editable_set_text (GTK_EDITABLE (fields.to), "LEMON");
  g_assert_true (cartable_test_wait_for (popover_shown, fields.to, 5000));

  /* The first Échap closes the list and nothing else. */
  press_key (GTK_WINDOW (composer), GDK_KEY_Escape, 0);
  g_assert_false (popover_shown (fields.to));
  g_assert_false (question_shown (NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (composer)));

  /* The second asks; « Continuer à écrire » keeps the message open. */
  press_key (GTK_WINDOW (composer), GDK_KEY_Escape, 0);
  g_assert_true (cartable_test_wait_for (question_shown, NULL, 5000));
  question = ADW_MESSAGE_DIALOG (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (composer));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Fermer ce message ?");
  g_assert_true (adw_message_dialog_has_response (question, "keep"));
  g_assert_true (adw_message_dialog_has_response (question, "discard"));
  cartable_test_save_screenshot (GTK_WIDGET (question), "composer-escape-question");
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (question), "_Continuer à écrire"), "clicked");
  cartable_test_iterate (200);
  g_assert_false (question_shown (NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (composer)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fields.subject)), ==, "Conseil de classe");

  /* « Supprimer » closes it. */
  g_object_add_weak_pointer (G_OBJECT (composer), (gpointer *) &composer);
  press_key (GTK_WINDOW (composer), GDK_KEY_Escape, 0);
  g_assert_true (cartable_test_wait_for (question_shown, NULL, 5000));
  question = ADW_MESSAGE_DIALOG (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (question), "_Supprimer"), "clicked");
  g_assert_true (cartable_test_wait_for (pointer_cleared, &composer, 5000));
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init_academy (&argc, &argv, USER, 5);

  the_app = cartable_test_app_new ();
  leave_unsent_draft ();
  cartable_test_academy_add_account (the_app, USER, NULL);

  return cartable_test_academy_finish (&the_app, cartable_test_run ());
}

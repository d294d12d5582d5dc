/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "cartable-test-a11y.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-mail-display.h"
#include "mail/cartable-mail-format.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-pane.h"
#include "mail/cartable-message-row.h"
#include "mail/cartable-message-text.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("reading-aloud");

/*
 * What a screen reader gets of the mail in the full version, in the real
 * application against the loopback academy (GTK_A11Y=test): the list's
 * item for a message, where the keyboard lands, named with the row's
 * sentence, which follows the message's state; the message read as text
 * (the web view gives a screen reader nothing on GTK 4.8), turned on by
 * the main menu's action and Shift+Ctrl+T, by itself while a screen reader
 * runs until the user chooses, its links said in the text, listed as link
 * buttons and opened through the link opener's question. Screenshot
 * message-text-mode.
 */

#define USER "mdurand"
#define SUBJECT "Réunion de jeudi"
#define LINK "https://www.ac-normandie.fr/reunion-jeudi"

static CartableApplication *the_app;

/* An HTML message with a link, a list, a quote, a script and an
 * attachment, unread and flagged, as another client leaves it. */
static void
append_message (void)
{
  static const char script[] =
    CARTABLE_TEST_IMAP_LOGIN
    "import time, email.message, email.utils\n"
    "msg = email.message.EmailMessage()\n"
    "msg['From'] = 'Anaïs Meyer <anais.meyer@ac-normandie.fr>'\n"
    "msg['To'] = 'marie.durand@ac-normandie.fr'\n"
    "msg['Subject'] = '" SUBJECT "'\n"
    "msg['Date'] = email.utils.formatdate(time.time() - 60, localtime=True)\n"
    "msg['Message-ID'] = email.utils.make_msgid()\n"
    "msg.set_content('<p>Bonjour Marie,</p><p>Voici <a href=\"" LINK "\">l&#8217;ordre du jour</a> '\n"
    "                'de la r&eacute;union :</p><ol><li>Bilan du trimestre</li><li>Sorties</li></ol>'\n"
    "                '<blockquote>Merci de confirmer.</blockquote><script>alert(\"piège\")</script>'\n"
    "                '<p>Anaïs</p>', subtype='html')\n"
    "msg.add_attachment(b'1. Bilan\\n2. Sorties\\n', maintype='text', subtype='plain',\n"
    "                   filename='ordre-du-jour.txt')\n"
    "typ, data = m.append('INBOX', '(\\\\Flagged)', None, msg.as_bytes())\n"
    "assert typ == 'OK', data\n"
    "m.logout()\n";

  cartable_test_academy_run_script (USER, script);
}

/* ------------------------------------------------------------ the list */

typedef struct
{
  GtkListView        *list;
  CartableMessageRow *row;   /* out */
} FindRow;

static gboolean
find_row (gpointer user_data)
{
  FindRow *find = user_data;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  find->row = NULL;
  g_ptr_array_add (stack, find->list);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (CARTABLE_IS_MESSAGE_ROW (widget))
        {
          CartableMessageSummary *summary = cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (widget));

          if (summary != NULL && g_strcmp0 (cartable_message_summary_get_subject (summary), SUBJECT) == 0)
            {
              find->row = CARTABLE_MESSAGE_ROW (widget);
              return TRUE;
            }
          continue;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return FALSE;
}

/* The sentence the row of @summary should say, its date as the row shows it. */
static char *
dup_expected_sentence (CartableMessageSummary *summary,
                       CartableRowMarks        marks)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (cartable_message_summary_get_date (summary));
  g_autoptr(GDateTime) date = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date_text = cartable_mail_format_date (date, now);

  return cartable_mail_display_row_sentence (marks, "Anaïs Meyer", SUBJECT, date_text, 1, NULL);
}

/* Whether the list's item holding the message's row (found afresh: the
 * list may bind its rows to other messages) says @sentence. */
typedef struct
{
  GtkListView *list;
  const char  *sentence;
} Named;

static gboolean
item_named (gpointer user_data)
{
  Named *named = user_data;
  FindRow find = { named->list, NULL };
  g_autofree char *error = NULL;

  if (!find_row (&find))
    return FALSE;
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (find.row))),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, named->sentence);
  if (error != NULL)
    g_test_message ("%s", error);
  return error == NULL;
}

static guint
position_of (GtkListView *list,
             const char  *uid)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (cartable_message_summary_get_uid (summary), uid) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* ------------------------------------------------------------ the message */

static gboolean
dialog_shown (gpointer user_data)
{
  return cartable_test_window_shown (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
}

/* The link opener asks first (the link's words are not its address);
 * the question is answered « Annuler ». */
static void
assert_link_question_and_cancel (void)
{
  AdwMessageDialog *dialog;

  g_assert_true (cartable_test_wait_for (dialog_shown, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), LINK));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "l’ordre du jour"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  cartable_test_iterate (200);
  g_assert_false (cartable_test_window_shown (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
}

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

static gboolean
text_shown (gpointer user_data)
{
  CartableMessagePane *pane = user_data;
  g_autofree char *text = dup_buffer_text (cartable_message_text_get_text_view (cartable_message_pane_get_message_text (pane)));

  return cartable_message_pane_get_text_mode (pane) && strstr (text, "Bonjour Marie") != NULL;
}

/* ------------------------------------------------------------ the test */

CARTABLE_TEST ("rows-and-text-mode", test_rows_and_text_mode)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.applications");
  g_autofree char *unread_sentence = NULL;
  g_autofree char *read_sentence = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window;
  CartableMainView *view;
  CartableMessagePane *pane;
  CartableMessageText *message_text;
  GtkTextView *text_view;
  GtkWidget *item, *button, *web_view;
  CartableTestPanes panes;
  CartableTestShownMessage shown;
  g_autoptr(CartableMessageSummary) summary = NULL;
  FindRow find = { NULL, NULL };
  Named named;
  GtkTextIter iter;
  const char *link_words;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (window, 1366, 768);
  cartable_test_iterate (600);

  view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  pane = CARTABLE_MESSAGE_PANE (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_MESSAGE_PANE, NULL));
  message_text = cartable_message_pane_get_message_text (pane);
  text_view = cartable_message_text_get_text_view (message_text);
  panes.folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "navigation-sidebar"));
  panes.messages = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW, NULL));
  panes.message_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (pane), GTK_TYPE_STACK));
  /* The Inbox listed, this message in it. */
  find.list = panes.messages;
  if (!cartable_test_wait_for (find_row, &find, 60000))
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (panes.messages));
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (panes.messages), GTK_TYPE_STACK);

      g_error ("not listed: %u messages, page %s", model != NULL ? g_list_model_get_n_items (model) : 0,
               gtk_stack_get_visible_child_name (GTK_STACK (stack)));
    }

  /* The row's item in the list, which takes the keyboard, says the row:
   * « Non lu, suivi, Anaïs Meyer, Réunion de jeudi, 14:05, avec pièces
   * jointes ». */
  summary = g_object_ref (cartable_message_row_get_summary (find.row));
  item = gtk_widget_get_parent (GTK_WIDGET (find.row));
  g_assert_true (gtk_widget_get_focusable (item));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)), ==, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  unread_sentence = dup_expected_sentence (summary, CARTABLE_ROW_MARK_UNREAD | CARTABLE_ROW_MARK_FLAGGED |
                                                    CARTABLE_ROW_MARK_ATTACHMENT);
  g_test_message ("row: %s", unread_sentence);
  g_assert_true (g_str_has_prefix (unread_sentence, "Non lu, suivi, Anaïs Meyer, " SUBJECT ", "));
  g_assert_true (g_str_has_suffix (unread_sentence, ", avec pièces jointes"));
  named.list = panes.messages;
  named.sentence = unread_sentence;
  g_assert_true (item_named (&named));

  /* Opened, the message is read: the sentence says so. */
  shown.view = view;
  shown.uid = cartable_message_summary_get_uid (summary);
  gtk_selection_model_select_item (gtk_list_view_get_model (panes.messages), position_of (panes.messages, shown.uid),
                                   TRUE);
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &shown, 20000));
  read_sentence = dup_expected_sentence (summary, CARTABLE_ROW_MARK_FLAGGED | CARTABLE_ROW_MARK_ATTACHMENT);
  named.sentence = read_sentence;
  g_assert_true (cartable_test_wait_for (item_named, &named, 20000));

  /* The web view says how to reach the text; it is what shows first. */
  web_view = cartable_html_view_get_web_view (cartable_message_pane_get_html_view (pane));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (web_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_false (cartable_message_pane_get_text_mode (pane));
  g_assert_true (cartable_message_pane_get_body (pane) == web_view);

  /* The main menu's entry: the message as text, with the keyboard on it
   * (it was on the list). */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (the_app), "message-text-mode"));
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "message-text-mode", NULL);
  g_assert_true (cartable_test_wait_for (text_shown, pane, 5000));
  g_assert_true (g_settings_get_boolean (settings, "message-text-mode"));
  g_assert_true (cartable_message_pane_get_body (pane) == GTK_WIDGET (text_view));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (text_view)));
  g_assert_false (gtk_widget_get_mapped (web_view));
  g_assert_false (gtk_text_view_get_editable (text_view));
  g_assert_true (gtk_text_view_get_cursor_visible (text_view));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (text_view)));
  g_assert_true (cartable_test_accessible_named (GTK_WIDGET (text_view)));

  text = dup_buffer_text (text_view);
  g_test_message ("text: %s", text);
  g_assert_cmpstr (text, ==,
                   "Bonjour Marie,\n\n"
                   "Voici l’ordre du jour (lien 1) de la réunion :\n\n"
                   "1. Bilan du trimestre\n"
                   "2. Sorties\n\n"
                   "> Merci de confirmer.\n\n"
                   "Anaïs");
  /* What a screen reader gets, read on the accessibility bus: the
   * message's text, and the row named with its sender. */
  {
    g_autoptr(GPtrArray) tree = cartable_test_a11y_read_tree ();

    g_assert_true (cartable_test_a11y_readable (tree, "Voici l’ordre du jour (lien 1) de la réunion"));
    g_assert_nonnull (cartable_test_a11y_find (tree, "list item", "Anaïs Meyer, " SUBJECT));
  }

  /* The link listed after the text, a link to a screen reader, its
   * address said after its words. */
  g_assert_cmpuint (cartable_message_text_get_n_links (message_text), ==, 1);
  button = cartable_message_text_get_link_button (message_text, 0);
  g_assert_true (GTK_IS_LINK_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)), ==, GTK_ACCESSIBLE_ROLE_LINK);
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (button)), ==, LINK);
  {
    g_autofree char *label_error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                       "1. l’ordre du jour");
    g_autofree char *description_error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                                             GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                             LINK);

    g_assert_null (label_error);
    g_assert_null (description_error);
  }
  cartable_test_iterate (300);
  cartable_test_save_display_screenshot ("message-text-mode");

  /* Enter on the link's words in the text: the link opener shows where it
   * leads before anything opens. */
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  link_words = strstr (text, "l’ordre du jour");
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                      g_utf8_pointer_to_offset (text, link_words) + 3);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (text_view), &iter);
  cartable_test_press_key (window, GDK_KEY_Return, 0);
  assert_link_question_and_cancel ();
  /* Enter elsewhere in the text opens nothing. */
  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (text_view), &iter);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (text_view), &iter);
  cartable_test_dispatch_key (window, GDK_KEY_Return, 0);
  cartable_test_iterate (300);
  g_assert_false (cartable_test_window_shown (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  /* The listed link too. */
  gtk_widget_activate (button);
  assert_link_question_and_cancel ();

  /* Shift+Ctrl+T goes back to the web view, the keyboard with it. */
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  cartable_test_press_key (window, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  cartable_test_iterate (200);
  g_assert_false (cartable_message_pane_get_text_mode (pane));
  g_assert_false (g_settings_get_boolean (settings, "message-text-mode"));
  g_assert_true (gtk_widget_get_mapped (web_view));
  g_assert_true (gtk_widget_has_focus (web_view));

  /* The choice made holds while a screen reader runs; forgotten, the
   * screen reader turns the text on. */
  g_settings_set_boolean (a11y, "screen-reader-enabled", TRUE);
  cartable_test_iterate (200);
  g_assert_false (cartable_message_pane_get_text_mode (pane));
  g_settings_reset (settings, "message-text-mode");
  g_assert_true (cartable_test_wait_for (text_shown, pane, 5000));
  g_settings_set_boolean (a11y, "screen-reader-enabled", FALSE);
  cartable_test_iterate (200);
  g_assert_false (cartable_message_pane_get_text_mode (pane));

  cartable_test_close_window (window, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 20, append_message, &the_app);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer-window.h"
#include "mail/cartable-conversation.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-pane.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("conversation");

/*
 * A conversation of four messages opened from its row « (4) » of the
 * message list, in the real application against the loopback academy:
 * the last message in the pane, the three earlier ones above it as cards,
 * oldest first, the read ones folded to one line and the unread one
 * unfolded (and marked read on the server), the quotes of plain-text and
 * HTML messages folded;
 * a folded card unfolds with Enter; a reply and a delete act on the card
 * holding the keyboard. Screenshots conversation, conversation-unfolded
 * and conversation-narrow.
 */

#define USER "mdurand"
#define SUBJECT "Sortie au musée"

static CartableApplication *the_app;

/* ------------------------------------------------------------ the server */

/* A conversation as other clients leave it: the first two messages read,
 * the last two not. */
static void
append_conversation (void)
{
  static const char script[] =
    CARTABLE_TEST_IMAP_LOGIN
    "import time, email.message, email.utils\n"
    "ids = []\n"
    "def put(sender, body, flags, hours_ago, subtype='plain'):\n"
    "    msg = email.message.EmailMessage()\n"
    "    msg['From'] = sender\n"
    "    msg['To'] = 'marie.durand@ac-normandie.fr'\n"
    "    msg['Subject'] = ('Re: ' if ids else '') + '" SUBJECT "'\n"
    "    msg['Date'] = email.utils.formatdate(time.time() - hours_ago * 3600, localtime=True)\n"
    "    msg['Message-ID'] = '<conversation-%d@ac-normandie.fr>' % len(ids)\n"
    "    if ids:\n"
    "        msg['In-Reply-To'] = ids[-1]\n"
    "        msg['References'] = ' '.join(ids)\n"
    "    ids.append(msg['Message-ID'])\n"
    "    msg.set_content(body, subtype=subtype)\n"
    "    typ, data = m.append('INBOX', flags, None, msg.as_bytes())\n"
    "    assert typ == 'OK', data\n"
    "put('Luc Bernard <luc.bernard@ac-normandie.fr>',\n"
    "    'Bonjour à tous,\\n\\nLa sortie au musée des Beaux-Arts aura lieu jeudi.\\n'\n"
    "    'Départ à 8 h 30 devant le collège.\\nPrévoir un pique-nique.\\n\\nLuc', '(\\\\Seen)', 72)\n"
    "put('Marie Durand <marie.durand@ac-normandie.fr>',\n"
    "    '<p>Merci Luc, je m&#39;occupe des autorisations.</p>'\n"
    "    '<div class=\"moz-cite-prefix\">Luc Bernard a écrit :</div><blockquote type=\"cite\">'\n"
    "    'Bonjour à tous,<br><br>La sortie au musée des Beaux-Arts aura lieu jeudi.<br>'\n"
    "    'Départ à 8 h 30 devant le collège.<br>Prévoir un pique-nique.<br><br>Luc</blockquote>',\n"
    "    '(\\\\Seen)', 48, 'html')\n"
    "put('Paul Martin <paul.martin@ac-normandie.fr>',\n"
    "    'Je peux accompagner le groupe.\\n\\nMarie Durand a écrit :\\n'\n"
    "    '> Merci Luc, je m\\'occupe des autorisations.\\n>\\n> Luc Bernard a écrit :\\n'\n"
    "    '> > Départ à 8 h 30 devant le collège.\\n> > Prévoir un pique-nique.', None, 24)\n"
    "put('Sophie Leroy <sophie.leroy@ac-normandie.fr>',\n"
    "    'Parfait, merci Paul.\\n\\nPaul Martin a écrit :\\n> Je peux accompagner le groupe.', None, 1)\n"
    "m.logout()\n";

  cartable_test_academy_run_script (USER, script);
}

/* Whether the server has the conversation's message @index read. */
static gboolean
server_says_seen (gpointer index)
{
  g_autofree char *script = g_strdup_printf (
    CARTABLE_TEST_IMAP_LOGIN
    "m.select('INBOX')\n"
    "typ, found = m.search(None, 'HEADER', 'Message-ID', '<conversation-%u@ac-normandie.fr>')\n"
    "typ, flags = m.fetch(found[0].split()[0], '(FLAGS)')\n"
    "sys.exit(0 if b'\\\\Seen' in flags[0] else 1)\n",
    GPOINTER_TO_UINT (index));
  int status = -1;
  g_autofree char *out = cartable_test_academy_python (USER, script, NULL, &status);

  return status == 0;
}

/* ------------------------------------------------------------ the window */

/* The conversation's row: the position of its newest message. */
static gboolean
find_conversation_row (gpointer user_data)
{
  GtkListView *list = user_data;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CartableMessageSummary) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (cartable_message_summary_get_subject (row), "Re: " SUBJECT) == 0 &&
          cartable_message_summary_get_thread_count (row) == 4)
        return TRUE;
    }
  return FALSE;
}

static guint
conversation_position (GtkListView *list,
                       guint        count)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CartableMessageSummary) row = g_list_model_get_item (model, i);

      if (cartable_message_summary_get_thread_count (row) == count &&
          g_strcmp0 (cartable_message_summary_get_subject (row), "Re: " SUBJECT) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* Every card of the conversation has its message. */
static gboolean
cards_loaded (gpointer user_data)
{
  CartableConversation *conversation = user_data;
  guint n = cartable_conversation_get_n_cards (conversation);

  for (guint i = 0; i < n; i++)
    if (cartable_conversation_card_get_message (cartable_conversation_get_card (conversation, i)) == NULL)
      return FALSE;
  return n > 0;
}

static const char *
card_sender (CartableConversation *conversation,
             guint                 index)
{
  CartableConversationCard *card = cartable_conversation_get_card (conversation, index);

  return cartable_message_summary_get_from (cartable_conversation_card_get_summary (card));
}

static GtkWidget *
card_button (CartableConversation *conversation,
             guint                 index)
{
  return cartable_test_find_descendant (GTK_WIDGET (cartable_conversation_get_card (conversation, index)),
                                        GTK_TYPE_BUTTON, NULL);
}

/* The recipient a reply started from the keyboard is addressed to, with
 * the keyboard in the card @index (none: G_MAXUINT). */
static char *
dup_reply_recipient (GtkWindow            *window,
                     CartableConversation *conversation,
                     guint                 index)
{
  GtkWindow *composer;
  GtkWidget *to;
  char *recipient;

  if (index != G_MAXUINT)
    {
      gtk_widget_grab_focus (card_button (conversation, index));
      cartable_test_iterate (50);
    }
  cartable_test_press_key (window, GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
  composer = g_object_ref (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  to = cartable_test_find_descendant (GTK_WIDGET (composer), GTK_TYPE_ENTRY, NULL);
  recipient = g_strdup (gtk_editable_get_text (GTK_EDITABLE (to)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "window.close", NULL));
  cartable_test_iterate (200);
  g_assert_finalize_object (composer);
  return recipient;
}

/* The whole display, where the web views' own drawing shows too. */
static void
shot (GtkWindow  *window,
      const char *name)
{
  g_assert_true (cartable_test_wait_for (cartable_test_widget_drawn, window, 5000));
  cartable_test_iterate (1000);
  cartable_test_save_display_screenshot (name);
}

/* The controls a keyboard user reaches, each of which must have a name. */
static gboolean
is_interactive (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_ENTRY (widget);
}

/* ------------------------------------------------------------ the test */

CARTABLE_TEST ("open-unfold-reply-delete", test_conversation)
{
  GtkWindow *window;
  CartableMainView *view;
  CartableMessagePane *pane;
  CartableConversation *conversation;
  CartableConversationCard *card;
  CartableTestPanes panes;
  CartableTestShownMessage shown;
  g_autoptr(CartableMessageSummary) row = NULL;
  g_autofree char *reply_to_card = NULL;
  g_autofree char *reply_to_last = NULL;
  guint inbox, trash;
  guint checked;
  guint position;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (window, 1366, 768);
  cartable_test_iterate (600);

  view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  pane = CARTABLE_MESSAGE_PANE (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_MESSAGE_PANE, NULL));
  conversation = cartable_message_pane_get_conversation (pane);
  panes.folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "navigation-sidebar"));
  panes.messages = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW, NULL));
  panes.message_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (pane), GTK_TYPE_STACK));
  g_assert_true (cartable_test_wait_for (cartable_test_panes_inbox_listed, &panes, 60000));
  g_assert_true (cartable_test_wait_for (find_conversation_row, panes.messages, 30000));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (conversation)));

  /* The row « (4) » opens the conversation: its last message in the
   * pane, the three others above it, oldest first. */
  position = conversation_position (panes.messages, 4);
  row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (panes.messages)), position);
  gtk_selection_model_select_item (gtk_list_view_get_model (panes.messages), position, TRUE);
  shown.view = view;
  shown.uid = cartable_message_summary_get_uid (row);
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &shown, 20000));
  g_assert_true (cartable_test_wait_for (cards_loaded, conversation, 20000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (conversation)));
  g_assert_cmpuint (cartable_conversation_get_n_cards (conversation), ==, 3);
  g_assert_nonnull (strstr (cartable_message_get_from (cartable_message_pane_get_message (pane)), "Sophie Leroy"));
  g_assert_nonnull (strstr (card_sender (conversation, 0), "Luc Bernard"));
  g_assert_nonnull (strstr (card_sender (conversation, 1), "Marie Durand"));
  g_assert_nonnull (strstr (card_sender (conversation, 2), "Paul Martin"));
  /* Each card's line is a named button: « Message de Luc Bernard, 4 décembre ». */
  checked = 0;
  cartable_test_check_accessible_names (GTK_WIDGET (conversation), is_interactive, &checked);
  g_assert_cmpuint (checked, >=, 3);
  g_assert_true (cartable_test_accessible_named (card_button (conversation, 0)));

  /* Read ones folded to their sender and first words, without a web
   * view; the unread one unfolded, its quotes shown as quotes. */
  card = cartable_conversation_get_card (conversation, 0);
  g_assert_false (cartable_conversation_card_get_expanded (card));
  g_assert_null (cartable_conversation_card_get_html_view (card));
  g_assert_true (cartable_test_shows_text (GTK_WIDGET (card), "Bonjour à tous, La sortie au musée"));
  g_assert_false (cartable_conversation_card_get_expanded (cartable_conversation_get_card (conversation, 1)));
  g_assert_true (cartable_test_shows_text (GTK_WIDGET (cartable_conversation_get_card (conversation, 1)),
                                           "Merci Luc, je m'occupe des autorisations. Luc Bernard a écrit :"));
  card = cartable_conversation_get_card (conversation, 2);
  g_assert_true (cartable_conversation_card_get_expanded (card));
  g_assert_nonnull (cartable_conversation_card_get_html_view (card));
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_conversation_card_get_html_view (card)),
                                                "<blockquote type=\"cite\">Départ à 8 h 30"));
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_conversation_card_get_html_view (card)),
                                                "Afficher la citation (5 lignes)"));
  /* The last message's own quote, short, is shown open. */
  g_assert_true (cartable_test_html_view_shows (cartable_message_pane_get_html_view (pane),
                                                "<blockquote type=\"cite\">Je peux accompagner le groupe."));
  /* Shown unfolded, the unread one is read now. */
  g_assert_true (cartable_test_wait_for (server_says_seen, GUINT_TO_POINTER (2), 20000));
  shot (window, "conversation");

  /* Enter on a folded card unfolds it; its web view is made then. That
   * message is HTML, its quote folded too. */
  card = cartable_conversation_get_card (conversation, 1);
  gtk_widget_grab_focus (card_button (conversation, 1));
  cartable_test_iterate (50);
  /* A button answers Enter after its pressed look (250 ms). */
  cartable_test_press_key (window, GDK_KEY_Return, 0);
  cartable_test_iterate (400);
  g_assert_true (cartable_conversation_card_get_expanded (card));
  g_assert_nonnull (cartable_conversation_card_get_html_view (card));
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_conversation_card_get_html_view (card)),
                                                "<details class=\"cartable-quote\"><summary>"));
  shot (window, "conversation-unfolded");
  /* And folds it again. */
  gtk_widget_grab_focus (card_button (conversation, 1));
  cartable_test_iterate (50);
  cartable_test_press_key (window, GDK_KEY_Return, 0);
  cartable_test_iterate (400);
  g_assert_false (cartable_conversation_card_get_expanded (card));

  /* A reply answers the card holding the keyboard, else the last message. */
  reply_to_card = dup_reply_recipient (window, conversation, 0);
  g_test_message ("reply from the first card to %s", reply_to_card);
  g_assert_nonnull (strstr (reply_to_card, "luc.bernard@"));
  gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
  cartable_test_iterate (50);
  reply_to_last = dup_reply_recipient (window, conversation, G_MAXUINT);
  g_test_message ("reply from the list to %s", reply_to_last);
  g_assert_nonnull (strstr (reply_to_last, "sophie.leroy@"));

  /* Delete with the keyboard in a card: that message alone goes to the
   * Trash; the last one stays shown. */
  inbox = cartable_test_academy_count (USER, "INBOX");
  trash = cartable_test_academy_count (USER, "Trash");
  gtk_widget_grab_focus (card_button (conversation, 0));
  cartable_test_iterate (50);
  cartable_test_press_key (window, GDK_KEY_Delete, 0);
  g_assert_true (cartable_test_academy_wait_count (USER, "Trash", trash + 1, 30000));
  g_assert_true (cartable_test_academy_wait_count (USER, "INBOX", inbox - 1, 30000));
  g_assert_cmpuint (cartable_conversation_get_n_cards (conversation), ==, 2);
  g_assert_nonnull (strstr (card_sender (conversation, 0), "Marie Durand"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panes.message_stack), ==, "message");
  g_assert_nonnull (strstr (cartable_message_get_from (cartable_message_pane_get_message (pane)), "Sophie Leroy"));

  /* A narrow window shows one pane at a time: the conversation's row
   * activated, the message pane alone, the cards above its message. */
  gtk_window_set_default_size (window, 560, 768);
  cartable_test_iterate (800);
  g_signal_emit_by_name (panes.messages, "activate", conversation_position (panes.messages, 3));
  cartable_test_iterate (800);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (conversation)));
  shot (window, "conversation-narrow");

  cartable_test_close_window (window, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 120, append_conversation, &the_app);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer-window.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-main-view.h"
#include "simple/cartable-simple-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("keyboard");

/*
 * The mail with the keyboard alone, as a screen-reader user works: F6 and
 * Shift+F6 between the regions, Tab over a list in one step, the arrows
 * inside it, Enter to open; reading the third message and answering it,
 * moving a message to a folder from its menu, changing the version of the
 * interface. After each key the focus is somewhere on screen, never on
 * nothing; replies and moves are checked on the academy's IMAP server.
 */

#define USER "mdurand"
#define RECIPIENT "tlefebvre"

static CartableApplication *the_app;

typedef struct
{
  GtkWindow         *window;
  CartableMainView  *view;
  CartableTestPanes  panes;
} Mail;

/* ------------------------------------------------------------ the keys */

/* A key, then the focus checked: on a widget on screen in @window. */
static void
press (GtkWindow       *window,
       guint            keyval,
       GdkModifierType  modifiers)
{
  GtkWidget *focus;

  cartable_test_press_key (window, keyval, modifiers);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (focus == NULL || !gtk_widget_get_mapped (focus))
    g_error ("after %s the focus is on %s", gdk_keyval_name (keyval),
             focus != NULL ? "a widget off screen" : "nothing");
}

static gboolean
focus_inside (GtkWindow *window,
              GtkWidget *region)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == region || gtk_widget_is_ancestor (focus, region));
}

/* F6 until the focus is in @region: it must get there within a round of
 * the regions. */
static void
f6_to (GtkWindow *window,
       GtkWidget *region)
{
  for (guint i = 0; i < 10 && !focus_inside (window, region); i++)
    press (window, GDK_KEY_F6, 0);
  cartable_test_assert_focus_in (window, region);
}

/* Tab until the focus is on @target. */
static void
tab_to (GtkWindow *window,
        GtkWidget *target)
{
  for (guint i = 0; i < 30 && !focus_inside (window, target); i++)
    press (window, GDK_KEY_Tab, 0);
  cartable_test_assert_focus_in (window, target);
}

/* ------------------------------------------------------------ the views */

static gboolean
focus_in_list (gpointer user_data)
{
  Mail *mail = user_data;

  return focus_inside (mail->window, GTK_WIDGET (mail->panes.messages)) &&
         gtk_widget_get_mapped (gtk_root_get_focus (GTK_ROOT (mail->window)));
}

static void
open_mail (Mail *mail)
{
  CartableHtmlView *html;

  mail->window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (mail->window, 1200, 700);
  mail->view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (mail->window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  g_assert_nonnull (mail->view);
  mail->panes.folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (mail->view), GTK_TYPE_LIST_BOX,
                                                                     "navigation-sidebar"));
  mail->panes.messages = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (mail->view), GTK_TYPE_LIST_VIEW, NULL));
  html = CARTABLE_HTML_VIEW (cartable_test_find_descendant (GTK_WIDGET (mail->view), CARTABLE_TYPE_HTML_VIEW, NULL));
  mail->panes.message_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (html), GTK_TYPE_STACK));
  if (!cartable_test_wait_for (cartable_test_panes_inbox_listed, &mail->panes, 60000))
    {
      GtkListBoxRow *selected = gtk_list_box_get_selected_row (mail->panes.folders);
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (mail->panes.messages));

      cartable_test_shot (GTK_WIDGET (mail->window), "keyboard-00-inbox-not-listed");
      g_error ("the Inbox was not listed: folder %s, row %s selected, %u messages",
               cartable_main_view_get_folder_name (mail->view), selected != NULL ? "a" : "no",
               model != NULL ? g_list_model_get_n_items (model) : 0);
    }
}

static GtkSelectionModel *
list_model (Mail *mail)
{
  return gtk_list_view_get_model (mail->panes.messages);
}

static char *
dup_uid_at (Mail  *mail,
            guint  position)
{
  g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list_model (mail)), position);

  g_assert_nonnull (summary);
  return g_strdup (cartable_message_summary_get_uid (summary));
}

static char *
dup_subject_at (Mail  *mail,
                guint  position)
{
  g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list_model (mail)), position);

  g_assert_nonnull (summary);
  return g_strdup (cartable_message_summary_get_subject (summary));
}

/* Home, then Down @n times: the message at @n selected, as the arrows do. */
static void
go_to_message (Mail  *mail,
               guint  n)
{
  f6_to (mail->window, GTK_WIDGET (mail->panes.messages));
  press (mail->window, GDK_KEY_Home, 0);
  for (guint i = 0; i < n; i++)
    press (mail->window, GDK_KEY_Down, 0);
  g_assert_true (gtk_selection_model_is_selected (list_model (mail), n));
  cartable_test_assert_focus_in (mail->window, GTK_WIDGET (mail->panes.messages));
}

/* The number of messages of @mailbox holding @words in their text. */
static guint
count_on_server (const char *mailbox,
                 const char *words)
{
  g_autofree char *criteria = g_strdup_printf ("'UTF-8', 'BODY', '%s'.encode()", words);

  return cartable_test_academy_search_count (USER, mailbox, criteria);
}

typedef struct
{
  const char *mailbox;
  const char *words;
} ServerQuery;

static gboolean
on_server (gpointer user_data)
{
  ServerQuery *query = user_data;

  if (count_on_server (query->mailbox, query->words) > 0)
    return TRUE;
  cartable_test_iterate (500);
  return FALSE;
}

static gboolean
window_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (user_data));
}

/* ------------------------------------------------------------ the tests */

/* F6 to the list, Down Down, Enter: the third message, read; Ctrl+R, a few
 * words, Ctrl+Tab out of the text, Ctrl+Entrée: the answer is on the
 * server, and the focus is back where it was in the main window. */
CARTABLE_TEST ("read-the-third-and-reply", test_read_and_reply)
{
  g_autofree char *token = g_strdup_printf ("clavier%08x", g_random_int ());
  g_autofree char *uid = NULL;
  g_autofree char *subject = NULL;
  CartableTestShownMessage shown;
  GtkWidget *web_view;
  GtkWidget *before;
  GtkWindow *composer;
  GtkWidget *body;
  ServerQuery query = { "Sent", token };
  Mail mail;

  open_mail (&mail);
  /* Shown, the window puts the keyboard on the messages. */
  if (!cartable_test_wait_for (focus_in_list, &mail, 10000))
    cartable_test_assert_focus_in (mail.window, GTK_WIDGET (mail.panes.messages));
  cartable_test_shot (GTK_WIDGET (mail.window), "keyboard-01-list");

  /* Tab leaves the list in one step, Shift+Tab comes back to it. */
  press (mail.window, GDK_KEY_Tab, 0);
  g_assert_false (focus_inside (mail.window, GTK_WIDGET (mail.panes.messages)));
  press (mail.window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  cartable_test_assert_focus_in (mail.window, GTK_WIDGET (mail.panes.messages));

  /* F6 goes round the regions: the folders and the list among them. */
  {
    gboolean folders = FALSE, messages = FALSE;

    for (guint i = 0; i < 8; i++)
      {
        press (mail.window, GDK_KEY_F6, 0);
        folders |= focus_inside (mail.window, GTK_WIDGET (mail.panes.folders));
        messages |= focus_inside (mail.window, GTK_WIDGET (mail.panes.messages));
      }
    g_assert_true (folders);
    g_assert_true (messages);
    press (mail.window, GDK_KEY_F6, GDK_SHIFT_MASK);
  }

  /* The third message. */
  go_to_message (&mail, 2);
  uid = dup_uid_at (&mail, 2);
  subject = dup_subject_at (&mail, 2);
  shown.view = mail.view;
  shown.uid = uid;
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &shown, 20000));
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &mail.panes, 20000));

  /* Enter: the keyboard goes to the message to read it. */
  press (mail.window, GDK_KEY_Return, 0);
  web_view = cartable_html_view_get_web_view (CARTABLE_HTML_VIEW (cartable_test_find_descendant (
                                                GTK_WIDGET (mail.panes.message_stack), CARTABLE_TYPE_HTML_VIEW, NULL)));
  cartable_test_assert_focus_in (mail.window, web_view);
  cartable_test_save_display_screenshot ("keyboard-02-third-message");

  /* Tab does not stay in the body. */
  press (mail.window, GDK_KEY_Tab, 0);
  g_assert_false (focus_inside (mail.window, web_view));
  press (mail.window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  cartable_test_assert_focus_in (mail.window, web_view);

  /* Ctrl+R answers it. */
  before = gtk_root_get_focus (GTK_ROOT (mail.window));
  press (mail.window, GDK_KEY_r, GDK_CONTROL_MASK);
  composer = cartable_test_wait_for_window (CARTABLE_TYPE_COMPOSER_WINDOW, 5000);
  g_assert_nonnull (composer);
  g_object_ref (composer);
  body = cartable_test_find_descendant (GTK_WIDGET (composer), GTK_TYPE_TEXT_VIEW, NULL);
  /* The sender of the seeded mail has no mailbox at the academy: the
   * answer goes to a colleague who has one, typed in « À ». */
  {
    GtkWidget *to = cartable_test_find_descendant (GTK_WIDGET (composer), GTK_TYPE_ENTRY, NULL);

    f6_to (composer, gtk_widget_get_parent (to));
    tab_to (composer, to);
    gtk_editable_set_text (GTK_EDITABLE (to), cartable_test_academy_field (RECIPIENT, "email"));
    cartable_test_iterate (50);
  }
  f6_to (composer, body);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (body)), token, -1);
  cartable_test_iterate (50);
  cartable_test_shot (GTK_WIDGET (composer), "keyboard-03-reply");

  /* Ctrl+Tab leaves the text (where Tab types a tab); F6 comes back. */
  press (composer, GDK_KEY_Tab, GDK_CONTROL_MASK);
  g_assert_false (focus_inside (composer, body));
  f6_to (composer, body);

  /* Ctrl+Entrée sends (the composer goes, its focus with it). */
  cartable_test_press_key (composer, GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (cartable_test_wait_for (window_hidden, composer, 5000));
  g_object_unref (composer);

  /* The main window's focus is where it was. */
  cartable_test_iterate (200);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (mail.window)) == before);

  /* After the delay to take it back, the answer is on the server. */
  if (!cartable_test_wait_for (on_server, &query, 60000))
    g_error ("the answer with %s never reached the Sent folder", token);
  {
    g_autofree char *script = g_strdup_printf ("m.select('Sent', readonly=True)\n"
                                               "typ, data = m.search('UTF-8', 'BODY', '%s'.encode())\n"
                                               "typ, data = m.fetch(data[0].split()[-1], '(BODY[HEADER.FIELDS (SUBJECT)])')\n"
                                               "print(data[0][1].decode())\n", token);
    g_autofree char *out = cartable_test_academy_imap (USER, script);

    g_test_message ("answered: %s", out);
    g_assert_nonnull (strstr (out, "RE"));
  }
  g_test_message ("the answer to « %s » is on the server", subject);
}

/* The Menu key on a message, « Déplacer vers », « Archives »: moved on the
 * server, and the keyboard stays on the list. */
CARTABLE_TEST ("move-to-folder", test_move_to_folder)
{
  const char *boxes[] = { "INBOX", "Archive", NULL };
  guint before[2], after[2];
  g_autofree char *uid = NULL;
  GtkWidget *menu;
  Mail mail;

  open_mail (&mail);
  cartable_test_stack_count_messages (cartable_test_academy_get_stack (), USER, boxes, before);

  go_to_message (&mail, 1);
  uid = dup_uid_at (&mail, 1);
  press (mail.window, GDK_KEY_Menu, 0);
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, mail.view, 5000));
  menu = cartable_test_find_open_menu (GTK_WIDGET (mail.view));
  cartable_test_menu_choose (menu, "Déplacer vers");
  cartable_test_save_display_screenshot ("keyboard-04-move-menu");
  cartable_test_menu_choose (menu, "Archives");

  for (guint i = 0; i < 60; i++)
    {
      cartable_test_stack_count_messages (cartable_test_academy_get_stack (), USER, boxes, after);
      if (after[1] > before[1])
        break;
      cartable_test_iterate (500);
    }
  g_test_message ("INBOX %u → %u, Archive %u → %u", before[0], after[0], before[1], after[1]);
  g_assert_cmpuint (after[1], >, before[1]);
  g_assert_cmpuint (after[0], <, before[0]);

  /* The message left the list; the keyboard is on the one after it. */
  cartable_test_iterate (500);
  if (!cartable_test_wait_for (focus_in_list, &mail, 3000))
    cartable_test_assert_focus_in (mail.window, GTK_WIDGET (mail.panes.messages));
  {
    g_autofree char *now = dup_uid_at (&mail, 1);

    g_assert_cmpstr (now, !=, uid);
  }
  cartable_test_shot (GTK_WIDGET (mail.window), "keyboard-05-moved");
}

/* The arrows go through the folders without opening them; Enter opens
 * one; Tab leaves the folders in one step. */
CARTABLE_TEST ("folders-open-on-enter", test_folders_open_on_enter)
{
  GtkListBoxRow *archive;
  Mail mail;

  open_mail (&mail);
  f6_to (mail.window, GTK_WIDGET (mail.panes.folders));
  /* On the folder shown. */
  g_assert_true (focus_inside (mail.window, GTK_WIDGET (gtk_list_box_get_selected_row (mail.panes.folders))));

  archive = cartable_test_find_folder_row (mail.panes.folders, "Archives");
  g_assert_nonnull (archive);
  for (guint i = 0; i < 20 && !focus_inside (mail.window, GTK_WIDGET (archive)); i++)
    {
      press (mail.window, GDK_KEY_Down, 0);
      /* Moving is not opening. */
      g_assert_cmpstr (cartable_main_view_get_folder_name (mail.view), ==, "INBOX");
    }
  cartable_test_assert_focus_in (mail.window, GTK_WIDGET (archive));

  /* Tab leaves the folders for what follows them, not the next folder. */
  press (mail.window, GDK_KEY_Tab, 0);
  g_assert_false (focus_inside (mail.window, GTK_WIDGET (mail.panes.folders)));
  g_assert_cmpstr (cartable_main_view_get_folder_name (mail.view), ==, "INBOX");
  /* Back: the selection went back to the folder shown. */
  press (mail.window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  cartable_test_assert_focus_in (mail.window, GTK_WIDGET (mail.panes.folders));

  /* Enter opens. */
  tab_to (mail.window, GTK_WIDGET (mail.panes.folders));
  for (guint i = 0; i < 20 && !focus_inside (mail.window, GTK_WIDGET (archive)); i++)
    press (mail.window, GDK_KEY_Down, 0);
  press (mail.window, GDK_KEY_Return, 0);
  g_assert_cmpstr (cartable_main_view_get_folder_name (mail.view), ==, "Archive");
  cartable_test_assert_focus_in (mail.window, GTK_WIDGET (mail.panes.folders));
  cartable_test_shot (GTK_WIDGET (mail.window), "keyboard-06-folder-opened");

  /* And back to the Inbox. */
  for (guint i = 0; i < 20 && !focus_inside (mail.window, GTK_WIDGET (cartable_test_find_folder_row (
                                              mail.panes.folders, "Boîte de réception"))); i++)
    press (mail.window, GDK_KEY_Up, 0);
  press (mail.window, GDK_KEY_Return, 0);
  g_assert_cmpstr (cartable_main_view_get_folder_name (mail.view), ==, "INBOX");
  g_assert_true (cartable_test_wait_for (cartable_test_panes_inbox_listed, &mail.panes, 30000));
}

static gboolean
is_primary_menu_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) &&
         gtk_widget_get_mapped (widget);
}

typedef struct
{
  GtkWindow  *window;
  const char *page;
} PageQuery;

static gboolean
page_is (gpointer user_data)
{
  PageQuery *query = user_data;

  return g_strcmp0 (cartable_window_get_visible_page (CARTABLE_WINDOW (query->window)), query->page) == 0;
}

/* From the main menu, reached by F6 and Tab: the version changes, and the
 * keyboard lands on the new version's list. */
static void
switch_version (GtkWindow  *window,
                const char *item,
                const char *page)
{
  GtkWidget *button = cartable_test_find_widget (GTK_WIDGET (window), is_primary_menu_button, NULL);
  PageQuery wanted = { window, page };
  GtkWidget *menu;

  g_assert_nonnull (button);
  f6_to (window, gtk_widget_get_ancestor (button, ADW_TYPE_HEADER_BAR));
  tab_to (window, button);
  press (window, GDK_KEY_Return, 0);
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, button, 5000));
  menu = cartable_test_find_open_menu (button);
  cartable_test_menu_choose (menu, item);
  g_assert_true (cartable_test_wait_for (page_is, &wanted, 5000));
  cartable_test_iterate (500);
}

CARTABLE_TEST ("interface-version", test_interface_version)
{
  GtkWidget *simple;
  GtkWidget *simple_list;
  Mail mail;

  open_mail (&mail);
  switch_version (mail.window, "Passer à la version simple", "simple");
  simple = cartable_test_find_descendant (GTK_WIDGET (mail.window), CARTABLE_TYPE_SIMPLE_VIEW, NULL);
  simple_list = cartable_test_find_descendant (simple, GTK_TYPE_LIST_VIEW, NULL);
  /* The list of the simple version has the keyboard. */
  for (guint i = 0; i < 50 && !focus_inside (mail.window, simple_list); i++)
    cartable_test_iterate (100);
  cartable_test_assert_focus_in (mail.window, simple_list);
  cartable_test_shot (GTK_WIDGET (mail.window), "keyboard-07-simple");

  /* Tab over its list in one step too. */
  press (mail.window, GDK_KEY_Tab, 0);
  g_assert_false (focus_inside (mail.window, simple_list));

  switch_version (mail.window, "Passer à la version complète", "main");
  g_assert_true (cartable_test_wait_for (focus_in_list, &mail, 10000));
  cartable_test_shot (GTK_WIDGET (mail.window), "keyboard-08-full");
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 120, NULL, &the_app);
}

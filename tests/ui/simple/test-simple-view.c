/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <webkit/webkit.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer-window.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-message-header.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-pane.h"
#include "mail/cartable-message-row.h"
#include "mail/cartable-conversation.h"
#include "simple/cartable-simple-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("simple-view");

/*
 * The simple version in the real application, in French, against the
 * loopback academy: an account set up the way a finished sign-in leaves it,
 * about fifty messages in its Inbox. Rows appear, a message opens from the
 * keyboard with its header and body, Escape and Alt+Left go back, « Envoyés »
 * lists the sent mail, « Écrire » and « Répondre » open the composer, and
 * switching version keeps the message open, both ways. A conversation's
 * row opens the whole conversation, its unread message unfolded; the full
 * version's search toggle agrees with its bar through every switch.
 */

#define USER "mdurand"

static CartableApplication *the_app;

/* ------------------------------------------------------------ the academy */

/* An account whose saved password the server refuses. */
static void
add_account_with_wrong_password (CartableApplication *app,
                                 const char          *identifier)
{
  cartable_test_academy_add_account (app, identifier, "Pas le bon mot de passe 1");
}

/* ------------------------------------------------------------ helpers */

/* A key press as the focused widget receives it; the simple view may take
 * up to 2 s to give the focus back after rebuilding a row. */
static void
press_key (GtkWindow       *window,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_assert_true (cartable_test_wait_for (cartable_test_focus_in_window, window, 2000));
  cartable_test_press_key (window, keyval, modifiers);
}

/* Every control a keyboard user reaches has a name: a label property, a
 * labelled-by relation, or a button's own label. */
static void
check_accessible_names (GtkWidget *widget,
                        guint     *checked)
{
  gboolean interactive = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_LIST_VIEW (widget) ||
                         CARTABLE_IS_HTML_VIEW (widget) ||
                         CARTABLE_IS_MESSAGE_ROW (widget);

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget) || !gtk_widget_get_mapped (widget))
    return;

  if (interactive)
    cartable_test_check_accessible_name (widget, checked);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_accessible_names (child, checked);
}

typedef struct
{
  CartableSimpleView *view;
  GtkListView        *list;
  GtkStack           *pages;
  CartableHtmlView   *html;
} Simple;

static gboolean
rows_listed (gpointer user_data)
{
  Simple *simple = user_data;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (simple->list));

  return model != NULL && g_list_model_get_n_items (model) >= 5 && gtk_widget_get_mapped (GTK_WIDGET (simple->list));
}

static gboolean
simple_message_shown (gpointer user_data)
{
  Simple *simple = user_data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (simple->view)));

  /* The keyboard follows: the focus is on the message page. */
  return g_strcmp0 (gtk_stack_get_visible_child_name (simple->pages), "message") == 0 &&
         cartable_simple_view_get_message (simple->view) != NULL &&
         !cartable_html_view_get_loading (simple->html) &&
         focus != NULL && gtk_widget_is_ancestor (focus, gtk_stack_get_visible_child (simple->pages));
}

static gboolean
simple_list_shown (gpointer user_data)
{
  Simple *simple = user_data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (simple->pages), "list") == 0 &&
         cartable_simple_view_get_message_uid (simple->view) == NULL;
}

static gboolean
is_box_button (GtkWidget     *widget,
               gconstpointer  box)
{
  GVariant *target = GTK_IS_TOGGLE_BUTTON (widget)
                     ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget)) : NULL;

  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), box) == 0;
}

static GtkWidget *
find_box_button (GtkWidget  *root,
                 const char *box)
{
  return cartable_test_find_widget (root, is_box_button, box);
}

static CartableFolderTree *
get_tree (Simple *simple)
{
  return cartable_account_session_get_folder_tree (
    cartable_sessions_lookup (cartable_mail_view_get_sessions (CARTABLE_MAIL_VIEW (simple->view)), USER));
}

typedef struct
{
  Simple     *simple;
  const char *folder;
} FolderQuery;

static gboolean
folder_listed (gpointer user_data)
{
  FolderQuery *query = user_data;

  return g_strcmp0 (cartable_simple_view_get_folder_name (query->simple->view), query->folder) == 0 &&
         rows_listed (query->simple);
}

/* The text of the first row of the list. */
static char *
dup_first_row_text (Simple *simple)
{
  GtkWidget *row = NULL;
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (simple->list)); child && row == NULL;
       child = gtk_widget_get_next_sibling (child))
    row = cartable_test_find_descendant (child, CARTABLE_TYPE_MESSAGE_ROW, "simple-row");
  g_assert_nonnull (row);
  cartable_test_collect_text (row, text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN | CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  return g_string_free (text, FALSE);
}

typedef struct
{
  GtkWindow  *window;
  const char *uid;
} RowFocusQuery;

/* Whether the keyboard focus sits on the row of @uid (a row's widget can
 * be made again at the next frame, when it is scrolled in or rebound). */
static gboolean
row_focused (gpointer user_data)
{
  RowFocusQuery *query = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (query->window));
  GtkWidget *row;
  CartableMessageSummary *summary;

  if (focus == NULL)
    return FALSE;
  row = cartable_test_find_descendant (focus, CARTABLE_TYPE_MESSAGE_ROW, "simple-row");
  summary = row != NULL ? cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (row)) : NULL;
  return summary != NULL && g_strcmp0 (cartable_message_summary_get_uid (summary), query->uid) == 0;
}

static void
wait_for_row_focus (GtkWindow         *window,
                    GtkSelectionModel *model,
                    guint              position)
{
  g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (model), position);
  RowFocusQuery query = { window, cartable_message_summary_get_uid (summary) };

  if (!cartable_test_wait_for (row_focused, &query, 5000))
    g_error ("the keyboard focus did not reach row %u (on %s)", position,
             gtk_root_get_focus (GTK_ROOT (window)) ? G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (window))) : "nothing");
}

/* Opens, with the keyboard, the row at @position: Home, Down @position
 * times, Enter. */
static CartableMessageSummary *
open_row_with_keyboard (GtkWindow *window,
                        Simple    *simple,
                        guint      position)
{
  GtkSelectionModel *model = gtk_list_view_get_model (simple->list);
  CartableMessageSummary *summary;

  g_assert_cmpuint (position, >, 0);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), GTK_INVALID_LIST_POSITION);
  gtk_widget_grab_focus (GTK_WIDGET (simple->list));
  cartable_test_iterate (50);
  press_key (window, GDK_KEY_Home, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 0);
  wait_for_row_focus (window, model, 0);
  /* Down (or Up, when the list's cursor was elsewhere) to the row. */
  for (guint i = 0; i < 100; i++)
    {
      guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));

      if (selected == position)
        break;
      if (i > 0)
        g_test_message ("row %u selected on the way to row %u", selected, position);
      press_key (window, selected < position ? GDK_KEY_Down : GDK_KEY_Up, 0);
      wait_for_row_focus (window, model, gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)));
    }
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, position);
  summary = g_list_model_get_item (G_LIST_MODEL (model), position);
  press_key (window, GDK_KEY_Return, 0);
  g_assert_true (cartable_test_wait_for (simple_message_shown, simple, 20000));
  g_assert_cmpstr (cartable_simple_view_get_message_uid (simple->view), ==, cartable_message_summary_get_uid (summary));
  return summary;
}

/* Opens the row at @position as a click or Enter on it does. */
static CartableMessageSummary *
open_row (Simple *simple,
          guint   position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (simple->list));
  CartableMessageSummary *summary = g_list_model_get_item (model, position);

  g_assert_nonnull (summary);
  g_signal_emit_by_name (simple->list, "activate", position);
  if (!cartable_test_wait_for (simple_message_shown, simple, 20000))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (simple->view)));

      for (GtkWidget *w = focus; w; w = gtk_widget_get_parent (w))
        g_test_message ("focus chain: %s", G_OBJECT_TYPE_NAME (w));
      g_error ("message %u not shown: page %s, message %p, loading %d", position,
               gtk_stack_get_visible_child_name (simple->pages), cartable_simple_view_get_message (simple->view),
               cartable_html_view_get_loading (simple->html));
    }
  g_assert_cmpstr (cartable_simple_view_get_message_uid (simple->view), ==, cartable_message_summary_get_uid (summary));
  return summary;
}

static void
close_composer (void)
{
  GtkWindow *composer = cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW);

  gtk_window_close (composer);
  g_assert_true (cartable_test_wait_for (cartable_test_window_gone, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 5000));
}

static gboolean
main_list_idle (gpointer user_data)
{
  return !cartable_message_list_get_loading (CARTABLE_MESSAGE_LIST (user_data));
}

/* The search bar's field is on screen. */
static gboolean
search_shown (gpointer bar)
{
  GtkWidget *entry = cartable_test_find_descendant (bar, GTK_TYPE_SEARCH_ENTRY, NULL);

  return entry != NULL && gtk_widget_get_mapped (entry) && gtk_widget_get_height (entry) > 0;
}

static gboolean
is_primary_menu_button (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) &&
         gtk_widget_is_drawable (widget);
}

static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (is_primary_menu_button (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popover_shown (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

/* The other version is chosen as the user does: from the main menu, which
 * offers it, and only it. */
static void
switch_version (CartableWindow *window,
                gboolean        to_simple)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             to_simple ? "win.use-simple-version" : "win.use-full-version",
                                             NULL));
  cartable_test_iterate (300);
  g_assert_cmpstr (cartable_window_get_visible_page (window), ==, to_simple ? "simple" : "main");
  g_assert_cmpstr (g_settings_get_string (cartable_application_get_settings (the_app), "interface-mode"), ==,
                   to_simple ? "simple" : "full");
}

static void
set_mode (CartableWindow *window,
          const char     *mode)
{
  gboolean to_simple = g_str_equal (mode, "simple");
  GtkWidget *button = find_primary_menu_button (GTK_WIDGET (window));
  GtkPopover *popover;
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (cartable_test_wait_for (popover_shown, popover, 5000));
  /* Its tooltip does not cover the menu's first item while it is open. */
  g_assert_false (gtk_widget_get_has_tooltip (button));
  cartable_test_collect_text (GTK_WIDGET (popover), text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN);
  g_test_message ("main menu:\n%s", text->str);
  g_assert_true ((strstr (text->str, "Passer à la version simple") != NULL) == to_simple);
  g_assert_true ((strstr (text->str, "Passer à la version complète") != NULL) == !to_simple);
  cartable_test_shot (GTK_WIDGET (window), to_simple ? "full-menu-to-simple" : "simple-menu-to-full");
  gtk_popover_popdown (popover);
  cartable_test_iterate (300);
  g_assert_true (gtk_widget_get_has_tooltip (button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  switch_version (window, to_simple);
}

/* ------------------------------------------------------------ the test */

CARTABLE_TEST ("read-write-switch", test_simple)
{
  GtkWindow *window;
  Simple simple;
  CartableFolderTree *tree;
  CartableFolderItem *inbox;
  CartableFolderItem *sent;
  g_autoptr(CartableMessageSummary) summary = NULL;
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autofree char *word = NULL;
  g_autofree char *first_row = NULL;
  g_autofree char *opened_uid = NULL;
  CartableMessage *message;
  CartableMainView *main_view;
  guint checked = 0;
  guint newsletter = 0;

  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  g_assert_cmpstr (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), ==, "simple");
  gtk_window_set_default_size (window, 900, 700);
  cartable_test_iterate (300);

  simple.view = CARTABLE_SIMPLE_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_SIMPLE_VIEW, NULL));
  g_assert_nonnull (simple.view);
  simple.list = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (simple.view), GTK_TYPE_LIST_VIEW, NULL));
  simple.html = CARTABLE_HTML_VIEW (cartable_test_find_descendant (GTK_WIDGET (simple.view), CARTABLE_TYPE_HTML_VIEW, NULL));
  simple.pages = GTK_STACK (cartable_test_find_descendant (GTK_WIDGET (simple.view), GTK_TYPE_STACK, NULL));
  g_assert_nonnull (simple.list);
  g_assert_nonnull (simple.html);

  /* The received mail, in rows, by itself. */
  if (!cartable_test_wait_for (rows_listed, &simple, 60000))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      cartable_test_collect_text (GTK_WIDGET (simple.view), text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN | CARTABLE_TEST_TEXT_CHILD_VISIBLE);
      cartable_test_shot (GTK_WIDGET (window), "simple-failed");
      g_error ("no rows; the view reads:\n%s", text->str);
    }
  tree = get_tree (&simple);
  inbox = cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_INBOX);
  sent = cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_SENT);
  g_assert_nonnull (inbox);
  g_assert_nonnull (sent);
  g_assert_cmpstr (cartable_simple_view_get_folder_name (simple.view), ==, cartable_folder_item_get_full_name (inbox));
  g_assert_cmpstr (cartable_simple_view_get_account_id (simple.view), ==, USER);
  g_test_message ("Inbox: %u rows", g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (simple.list))));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (simple.list))), >=, 30);
  {
    g_autoptr(GString) text = g_string_new (NULL);

    cartable_test_collect_text (GTK_WIDGET (simple.view), text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN | CARTABLE_TEST_TEXT_CHILD_VISIBLE);
    g_test_message ("list page:\n%s", text->str);
    /* Online: no status sentence; the French words of the page. */
    g_assert_false (gtk_widget_get_visible (cartable_test_find_descendant (GTK_WIDGET (simple.view), GTK_TYPE_LABEL,
                                                                           "simple-status")));
    g_assert_nonnull (strstr (text->str, "Reçus"));
    g_assert_nonnull (strstr (text->str, "Envoyés"));
    g_assert_nonnull (strstr (text->str, "Écrire"));
  }
  first_row = dup_first_row_text (&simple);
  g_test_message ("first row:\n%s", first_row);
  g_assert_nonnull (strstr (first_row, "\n"));
  cartable_test_iterate (500);
  cartable_test_shot (GTK_WIDGET (window), "simple-inbox");
  /* Subjects read as well as senders, on read rows too (the seeded Inbox
   * has both). */
  {
    guint subjects = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (simple.list)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GtkWidget *subject = cartable_test_find_descendant (row, GTK_TYPE_LABEL, "simple-subject");

        if (subject == NULL)
          continue;
        subjects++;
        g_assert_false (gtk_widget_has_css_class (subject, "dim-label"));
      }
    g_assert_cmpuint (subjects, >=, 5);
  }

  check_accessible_names (GTK_WIDGET (simple.view), &checked);
  g_test_message ("%u controls named on the list page", checked);
  g_assert_cmpuint (checked, >=, 8);

  /* The keyboard: down to the second row, Enter. */
  summary = open_row_with_keyboard (window, &simple, 2);
  message = cartable_simple_view_get_message (simple.view);
  word = cartable_test_dup_body_word (message);
  g_assert_true (cartable_test_html_view_shows (simple.html, word));
  cartable_test_collect_text (cartable_test_find_named (GTK_WIDGET (simple.view), "De") != NULL
                ? gtk_widget_get_parent (cartable_test_find_named (GTK_WIDGET (simple.view), "De")) : GTK_WIDGET (simple.view),
                headers, CARTABLE_TEST_TEXT_PRUNE_HIDDEN | CARTABLE_TEST_TEXT_CHILD_VISIBLE);
  g_test_message ("headers:\n%s", headers->str);
  g_assert_nonnull (strstr (headers->str, "De\n"));
  g_assert_nonnull (strstr (headers->str, "Objet\n"));
  g_assert_nonnull (strstr (headers->str, "Date\n"));
  g_assert_nonnull (strstr (headers->str, "@ac-normandie.fr"));
  g_assert_nonnull (strstr (headers->str, cartable_message_summary_get_subject (summary)));
  {
    GtkWidget *reply = cartable_test_find_descendant (GTK_WIDGET (simple.view), GTK_TYPE_BUTTON, "simple-big-button");
    g_autoptr(GString) text = g_string_new (NULL);

    /* The first big button of the tree is « Écrire », on the hidden list page. */
    cartable_test_collect_text (GTK_WIDGET (gtk_stack_get_visible_child (simple.pages)), text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN | CARTABLE_TEST_TEXT_CHILD_VISIBLE);
    g_assert_nonnull (reply);
    g_assert_nonnull (strstr (text->str, "Répondre"));
    g_assert_nonnull (strstr (text->str, "Retour"));
  }
  /* The web process paints a moment after the document has loaded. */
  cartable_test_iterate (1500);
  cartable_test_save_display_screenshot ("simple-message");
  checked = 0;
  check_accessible_names (GTK_WIDGET (simple.view), &checked);
  g_test_message ("%u controls named on the message page", checked);
  g_assert_cmpuint (checked, >=, 3);

  /* « Répondre »: the composer, answering this message. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (simple.view), "simple.reply", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_open, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 10000));
  {
    CartableComposerWindow *composer = CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
    const char *subject = cartable_composer_get_subject (cartable_composer_window_get_composer (composer));

    g_autoptr(GRegex) prefix = g_regex_new ("^((re|tr|fwd?) ?: ?)+", G_REGEX_CASELESS, 0, NULL);
    g_autofree char *original = g_regex_replace_literal (prefix, cartable_message_summary_get_subject (summary), -1, 0,
                                                         "", 0, NULL);

    /* « RE : » and the subject answered, without its own « Re: ». */
    g_test_message ("reply subject: %s", subject);
    g_assert_true (g_str_has_suffix (subject, original));
    g_assert_cmpstr (subject, !=, original);
    g_assert_cmpstr (cartable_composer_get_in_reply_to (cartable_composer_window_get_composer (composer)), !=, NULL);
  }
  close_composer ();

  /* Escape: back to the list, the keyboard on it. */
  gtk_widget_grab_focus (GTK_WIDGET (simple.html));
  press_key (window, GDK_KEY_Escape, 0);
  g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));
  cartable_test_iterate (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (simple.view)));

  /* Alt+Left goes back too. */
  g_clear_object (&summary);
  summary = open_row (&simple, 1);
  press_key (window, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));

  /* A message with an attachment: listed under the body, to save or open. */
  {
    GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (simple.list));
    GListModel *attachments;
    CartableAttachment *attachment = NULL;
    GtkWidget *list;
    g_autoptr(GString) text = g_string_new (NULL);
    guint position = 0;

    for (guint i = 1; i < g_list_model_get_n_items (rows) && position == 0; i++)
      {
        g_autoptr(CartableMessageSummary) row = g_list_model_get_item (rows, i);

        if (cartable_message_summary_get_has_attachment (row))
          position = i;
      }
    g_assert_cmpuint (position, >, 0);
    g_clear_object (&summary);
    summary = open_row (&simple, position);
    attachments = cartable_message_get_attachments (cartable_simple_view_get_message (simple.view));
    for (guint i = 0; i < g_list_model_get_n_items (attachments) && attachment == NULL; i++)
      {
        g_autoptr(CartableAttachment) part = g_list_model_get_item (attachments, i);

        if (!cartable_attachment_get_is_inline (part))
          attachment = part;
      }
    g_assert_nonnull (attachment);
    cartable_test_iterate (300);
    list = cartable_test_find_descendant (GTK_WIDGET (simple.view), GTK_TYPE_LIST_BOX, "boxed-list");
    g_assert_nonnull (list);
    g_assert_true (gtk_widget_get_mapped (list));
    cartable_test_collect_text (list, text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN | CARTABLE_TEST_TEXT_CHILD_VISIBLE);
    g_test_message ("attachments:\n%s", text->str);
    g_assert_nonnull (strstr (text->str, cartable_attachment_get_safe_filename (attachment)));
    g_assert_nonnull (strstr (text->str, "Enregistrer"));
    /* The cards line up with the framed body above them, and the text is
     * as large as the buttons. */
    {
      GtkWidget *frame = gtk_widget_get_ancestor (GTK_WIDGET (simple.html), GTK_TYPE_FRAME);
      WebKitWebView *web_view = WEBKIT_WEB_VIEW (cartable_test_find_descendant (GTK_WIDGET (simple.html),
                                                                                 WEBKIT_TYPE_WEB_VIEW, NULL));
      graphene_rect_t frame_bounds, list_bounds;

      g_assert_true (gtk_widget_compute_bounds (frame, GTK_WIDGET (simple.view), &frame_bounds));
      g_assert_true (gtk_widget_compute_bounds (list, GTK_WIDGET (simple.view), &list_bounds));
      g_test_message ("body x %.0f width %.0f, attachments x %.0f width %.0f",
                      frame_bounds.origin.x, frame_bounds.size.width, list_bounds.origin.x, list_bounds.size.width);
      g_assert_cmpfloat (fabs (frame_bounds.origin.x - list_bounds.origin.x), <=, 1);
      g_assert_cmpfloat (fabs (frame_bounds.size.width - list_bounds.size.width), <=, 1);
      g_assert_cmpfloat (webkit_web_view_get_zoom_level (web_view), >=, 1.2);
    }
    cartable_test_save_display_screenshot ("simple-attachment");
    checked = 0;
    check_accessible_names (GTK_WIDGET (simple.view), &checked);
    press_key (window, GDK_KEY_Escape, 0);
    g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));
  }

  /* A newsletter: its remote images stay blocked until « Afficher le
   * contenu distant », as in the full version. */
  {
    GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (simple.list));
    GtkInfoBar *bar = GTK_INFO_BAR (cartable_test_find_descendant (GTK_WIDGET (simple.view), GTK_TYPE_INFO_BAR, NULL));
    guint position = 0;

    for (guint i = 1; i < g_list_model_get_n_items (rows) && position == 0; i++)
      {
        g_autoptr(CartableMessageSummary) row = g_list_model_get_item (rows, i);
        const char *subject = cartable_message_summary_get_subject (row);

        if (g_str_has_prefix (subject, "Actualités de l'académie") ||
            g_str_has_prefix (subject, "Lettre d'information des examens") ||
            g_str_has_prefix (subject, "La lettre de la DANE"))
          position = i;
      }
    g_assert_cmpuint (position, >, 0);
    newsletter = position;
    g_clear_object (&summary);
    summary = open_row (&simple, position);
    g_assert_true (cartable_html_view_get_has_remote_content (simple.html));
    g_assert_false (cartable_html_view_get_remote_allowed (simple.html));
    g_assert_true (gtk_info_bar_get_revealed (bar));
    g_assert_true (gtk_widget_activate_action (cartable_test_find_descendant (GTK_WIDGET (simple.view), CARTABLE_TYPE_MESSAGE_HEADER, NULL),
                                               "message-header.show-remote-content", NULL));
    g_assert_true (cartable_html_view_get_remote_allowed (simple.html));
    g_assert_false (gtk_info_bar_get_revealed (bar));
    press_key (window, GDK_KEY_Escape, 0);
    g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));

    /* Once was once: blocked again; « Toujours pour cet expéditeur » is
     * remembered, in the setting the full version reads too. */
    g_clear_object (&summary);
    summary = open_row (&simple, position);
    g_assert_false (cartable_html_view_get_remote_allowed (simple.html));
    g_assert_true (gtk_info_bar_get_revealed (bar));
    g_assert_true (gtk_widget_activate_action (cartable_test_find_descendant (GTK_WIDGET (simple.view), CARTABLE_TYPE_MESSAGE_HEADER, NULL),
                                               "message-header.always-show-remote-content", NULL));
    g_assert_true (cartable_html_view_get_remote_allowed (simple.html));
    {
      g_auto(GStrv) senders = g_settings_get_strv (cartable_application_get_settings (the_app), "remote-content-senders");

      g_assert_cmpuint (g_strv_length (senders), ==, 1);
      g_assert_nonnull (strstr (cartable_message_summary_get_from (summary), senders[0]));
    }
    press_key (window, GDK_KEY_Escape, 0);
    g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));
    g_clear_object (&summary);
    summary = open_row (&simple, position);
    g_assert_true (cartable_html_view_get_remote_allowed (simple.html));
    g_assert_false (gtk_info_bar_get_revealed (bar));
    press_key (window, GDK_KEY_Escape, 0);
    g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));
  }

  /* Unread mail stands out: its rows say so, in bold. */
  {
    GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (simple.list));
    guint unread = 0, bold = 0, unread_at_top = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (simple.list)); child;
         child = gtk_widget_get_next_sibling (child))
      {
        GtkWidget *row = cartable_test_find_descendant (child, CARTABLE_TYPE_MESSAGE_ROW, "simple-row");

        CartableMessageSummary *shown;

        if (row == NULL || !gtk_widget_get_child_visible (child))
          continue;
        shown = cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (row));
        g_assert_nonnull (shown);
        g_assert_cmpint (gtk_widget_has_css_class (row, "unread"), ==, !cartable_message_summary_get_seen (shown));
        bold += gtk_widget_has_css_class (row, "unread");
      }
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(CartableMessageSummary) row = g_list_model_get_item (rows, i);

        unread += !cartable_message_summary_get_seen (row);
        if (i < 5)
          unread_at_top += !cartable_message_summary_get_seen (row);
      }
    g_test_message ("%u unread messages (%u in the first rows), %u rows shown in bold", unread, unread_at_top, bold);
    g_assert_cmpuint (unread, >, 0);
    if (unread_at_top > 0)
      g_assert_cmpuint (bold, >, 0);
  }

  /* « Écrire »: a new message. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (simple.view), "simple.write", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_open, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW), 10000));
  g_assert_cmpstr (cartable_composer_get_in_reply_to (cartable_composer_window_get_composer (
                     CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW)))), ==, NULL);
  close_composer ();

  /* « Envoyés »: the sent mail, with whom it went to. */
  {
    FolderQuery query = { &simple, cartable_folder_item_get_full_name (sent) };
    GtkWidget *button = find_box_button (GTK_WIDGET (simple.view), "sent");
    g_autofree char *row = NULL;

    g_assert_nonnull (button);
    /* As Space on the focused button: clicked after its press animation. */
    gtk_widget_activate (button);
    cartable_test_iterate (500);
    {
      g_autofree char *box = NULL;

      g_object_get (simple.view, "box", &box, NULL);
      g_assert_cmpstr (box, ==, "sent");
    }
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_box_button (GTK_WIDGET (simple.view), "inbox"))));
    g_assert_true (cartable_test_wait_for (folder_listed, &query, 20000));
    row = dup_first_row_text (&simple);
    g_test_message ("first sent row:\n%s", row);
    g_assert_true (g_str_has_prefix (row, "À : "));
    cartable_test_shot (GTK_WIDGET (window), "simple-sent");

    /* The full version opens on the sent mail too, and back. */
    set_mode (CARTABLE_WINDOW (window), "full");
    {
      CartableMainView *full = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window),
                                                                                  CARTABLE_TYPE_MAIN_VIEW, NULL));

      g_assert_cmpstr (cartable_main_view_get_folder_name (full), ==, cartable_folder_item_get_full_name (sent));

      /* The search opened with its toggle, then full → simple → full: the
       * toggle and the bar still agree. */
      {
        GtkWidget *toggle = cartable_test_find_widget (GTK_WIDGET (full), cartable_test_is_toggle, "system-search-symbolic");
        GtkWidget *bar = cartable_test_find_descendant (GTK_WIDGET (full), GTK_TYPE_SEARCH_BAR, NULL);

        g_assert_nonnull (toggle);
        g_assert_nonnull (bar);
        /* Ctrl+F: the list pane comes forward (the window is folded), its
         * search open. */
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (full), "mail.search", NULL));
        cartable_test_iterate (300);
        g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
        g_assert_true (cartable_test_wait_for (search_shown, bar, 5000));
        /* The list pane is forward, the main menu in the sidebar behind it. */
        switch_version (CARTABLE_WINDOW (window), TRUE);
        switch_version (CARTABLE_WINDOW (window), FALSE);
        cartable_test_iterate (500);
        g_test_message ("toggle %d, bar %d, entry mapped %d", gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)),
                        gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)), search_shown (bar));
        g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)), ==, search_shown (bar));
        g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)), ==,
                         gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
        cartable_test_shot (GTK_WIDGET (window), "mail-search-after-switch");
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
        cartable_test_iterate (300);
      }
    }
    switch_version (CARTABLE_WINDOW (window), TRUE);
    g_assert_true (cartable_test_wait_for (folder_listed, &query, 20000));
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

    query.folder = cartable_folder_item_get_full_name (inbox);
    button = find_box_button (GTK_WIDGET (simple.view), "inbox");
    gtk_widget_activate (button);
    g_assert_true (cartable_test_wait_for (folder_listed, &query, 20000));
  }

  /* Switching to the full version with a message open: the same message. */
  g_clear_object (&summary);
  summary = open_row (&simple, 3);
  opened_uid = g_strdup (cartable_simple_view_get_message_uid (simple.view));
  set_mode (CARTABLE_WINDOW (window), "full");
  main_view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  {
    CartableTestShownMessage query = { main_view, opened_uid };

    g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &query, 20000));
    g_assert_cmpstr (cartable_main_view_get_folder_name (main_view), ==, cartable_folder_item_get_full_name (inbox));
    g_assert_cmpstr (cartable_main_view_get_account_id (main_view), ==, USER);
  }
  cartable_test_save_display_screenshot ("simple-switched-to-full");

  /* In the full version, another message; back to the simple one: that one. */
  {
    GtkListView *main_list = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (main_view), GTK_TYPE_LIST_VIEW, NULL));
    GtkMultiSelection *selection = GTK_MULTI_SELECTION (gtk_list_view_get_model (main_list));
    g_autoptr(CartableMessageSummary) other = NULL;
    CartableTestShownMessage query = { main_view, NULL };

    /* Once the folder is up to date with the server (a rebuilt list drops
     * the selection). The full version's list selects several messages. */
    g_assert_true (cartable_test_wait_for (main_list_idle, gtk_multi_selection_get_model (selection), 20000));
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 0, TRUE);
    other = g_list_model_get_item (G_LIST_MODEL (selection), 0);
    query.uid = cartable_message_summary_get_uid (other);
    g_assert_cmpstr (query.uid, !=, opened_uid);
    g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &query, 20000));

    /* Wide enough for the sidebar, and its main menu, beside the list. */
    gtk_window_set_default_size (window, 1366, 768);
    gtk_widget_queue_resize (GTK_WIDGET (window));
    cartable_test_iterate (600);
    set_mode (CARTABLE_WINDOW (window), "simple");
    g_assert_true (cartable_test_wait_for (simple_message_shown, &simple, 20000));
    g_assert_cmpstr (cartable_simple_view_get_message_uid (simple.view), ==, query.uid);
    g_assert_cmpstr (cartable_message_get_uid (cartable_simple_view_get_message (simple.view)), ==, query.uid);
  }
  press_key (window, GDK_KEY_Escape, 0);
  g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));

  /* A narrow window (a small laptop, half a screen): everything still fits. */
  gtk_window_set_default_size (window, 360, 640);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  cartable_test_iterate (600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  cartable_test_shot (GTK_WIDGET (window), "simple-narrow");
  /* A newsletter read there, with its remote-content bar. */
  g_clear_object (&summary);
  summary = open_row (&simple, newsletter);
  cartable_test_iterate (1500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  cartable_test_save_display_screenshot ("simple-narrow-message");
  press_key (window, GDK_KEY_Escape, 0);
  g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));

  cartable_test_close_window (GTK_WINDOW (window), TRUE);
}

/* ------------------------------------------------------------ conversations */

#define THREAD_SUBJECT "Conseil pédagogique"

/* A conversation of three messages in the Inbox, newest first: two
 * unread answers to a message already read. */
static void
append_conversation (void)
{
  g_free (cartable_test_academy_imap (USER,
    "import email.message, email.utils, time\n"
    "refs = []\n"
    "def say(subject, text, flags, hours):\n"
    "    when = time.time() - hours * 3600\n"
    "    msg = email.message.EmailMessage()\n"
    "    msg['From'] = 'Claire Petit <claire.petit@ac-normandie.fr>'\n"
    "    msg['To'] = 'Marie Durand <mdurand@ac-normandie.fr>'\n"
    "    msg['Subject'] = subject\n"
    "    msg['Date'] = email.utils.formatdate(when, localtime=True)\n"
    "    msg['Message-ID'] = '<conseil-%d@ac-normandie.fr>' % len(refs)\n"
    "    if refs:\n"
    "        msg['In-Reply-To'] = refs[-1]\n"
    "        msg['References'] = ' '.join(refs)\n"
    "    refs.append(msg['Message-ID'])\n"
    "    msg.set_content(text)\n"
    "    assert m.append('INBOX', flags, imaplib.Time2Internaldate(when), msg.as_bytes())[0] == 'OK'\n"
    "say('" THREAD_SUBJECT "', 'Voici l ordre du jour du conseil.', '(\\\\Seen)', 3)\n"
    "say('Re: " THREAD_SUBJECT "', 'Nous serons en salle B12.', None, 2)\n"
    "say('Re: " THREAD_SUBJECT "', 'Je confirme pour jeudi.', None, 1)\n"));
}

/* The simple view of the window shown, and its parts. */
static void
find_simple (GtkWindow *window,
             Simple    *simple)
{
  simple->view = CARTABLE_SIMPLE_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_SIMPLE_VIEW, NULL));
  g_assert_nonnull (simple->view);
  simple->list = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (simple->view), GTK_TYPE_LIST_VIEW, NULL));
  simple->html = CARTABLE_HTML_VIEW (cartable_test_find_descendant (GTK_WIDGET (simple->view), CARTABLE_TYPE_HTML_VIEW, NULL));
  simple->pages = GTK_STACK (cartable_test_find_descendant (GTK_WIDGET (simple->view), GTK_TYPE_STACK, NULL));
}

static GtkWindow *
open_simple_window (Simple *simple)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  gtk_window_set_default_size (window, 900, 700);
  cartable_test_iterate (300);
  if (g_strcmp0 (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), "simple") != 0)
    switch_version (CARTABLE_WINDOW (window), TRUE);
  find_simple (window, simple);
  g_assert_true (cartable_test_wait_for (rows_listed, simple, 60000));
  return window;
}

/* The position of the row whose subject is @subject, or -1. */
static int
find_subject_row (Simple     *simple,
                  const char *subject)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (simple->list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (cartable_message_summary_get_subject (summary), subject) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
conversation_row_listed (gpointer simple)
{
  return find_subject_row (simple, "Re: " THREAD_SUBJECT) >= 0;
}

/* Whether the conversation's list reads: the first message read, the
 * second not. */
static gboolean
middle_unread (gpointer user_data)
{
  Simple *simple = user_data;
  GtkSelectionModel *selection = gtk_list_view_get_model (simple->list);
  GListModel *list = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  int position = find_subject_row (simple, "Re: " THREAD_SUBJECT);
  g_autoptr(GPtrArray) thread = NULL;

  if (position < 0)
    return FALSE;
  thread = cartable_message_list_dup_thread_summaries (CARTABLE_MESSAGE_LIST (list), position);
  return thread->len == 3 && cartable_message_summary_get_seen (thread->pdata[0]) &&
         !cartable_message_summary_get_seen (thread->pdata[1]);
}

static gboolean
conversation_shown (gpointer user_data)
{
  CartableConversation *conversation = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (conversation)) && cartable_conversation_get_n_cards (conversation) == 2 &&
         cartable_conversation_card_get_message (cartable_conversation_get_card (conversation, 1)) != NULL;
}

/* A conversation's row opens the whole conversation, as in the full
 * version: the last message, and above it the earlier ones, the unread
 * one unfolded, in the simple version's large text. */
CARTABLE_TEST ("conversation", test_conversation)
{
  Simple simple;
  GtkWindow *window = open_simple_window (&simple);
  CartableMessagePane *reader;
  CartableConversation *conversation;
  CartableConversationCard *read_card, *unread_card;
  g_autoptr(CartableMessageSummary) summary = NULL;
  int position;

  /* One row for the three messages; the answer in the middle unread (an
   * earlier test may have read the conversation). */
  g_assert_true (cartable_test_wait_for (conversation_row_listed, &simple, 30000));
  g_free (cartable_test_academy_imap (USER, "m.select('INBOX')\n"
                                            "typ, data = m.search(None, 'HEADER', 'Message-ID', 'conseil-1@')\n"
                                            "assert m.store(data[0], '-FLAGS', '(\\\\Seen)')[0] == 'OK'\n"));
  g_assert_true (cartable_test_wait_for (middle_unread, &simple, 30000));
  position = find_subject_row (&simple, "Re: " THREAD_SUBJECT);
  summary = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (simple.list)), position);
  g_assert_cmpuint (cartable_message_summary_get_thread_count (summary), ==, 3);
  g_assert_cmpint (find_subject_row (&simple, THREAD_SUBJECT), ==, -1);
  g_clear_object (&summary);

  summary = open_row (&simple, position);
  g_assert_true (cartable_test_html_view_shows (simple.html, "jeudi"));
  reader = CARTABLE_MESSAGE_PANE (cartable_test_find_descendant (GTK_WIDGET (simple.view), CARTABLE_TYPE_MESSAGE_PANE, NULL));
  conversation = cartable_message_pane_get_conversation (reader);
  g_assert_true (cartable_test_wait_for (conversation_shown, conversation, 20000));

  /* Oldest first: the message read folded, the unread one unfolded. */
  read_card = cartable_conversation_get_card (conversation, 0);
  unread_card = cartable_conversation_get_card (conversation, 1);
  g_assert_cmpstr (cartable_message_summary_get_subject (cartable_conversation_card_get_summary (read_card)), ==,
                   THREAD_SUBJECT);
  g_assert_false (cartable_conversation_card_get_expanded (read_card));
  g_assert_true (cartable_conversation_card_get_expanded (unread_card));
  g_assert_true (cartable_conversation_card_get_large (read_card));
  g_assert_true (cartable_conversation_card_get_large (unread_card));
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_conversation_card_get_html_view (unread_card)),
                                                "B12"));
  {
    GtkWidget *web_view = cartable_html_view_get_web_view (CARTABLE_HTML_VIEW (cartable_conversation_card_get_html_view (unread_card)));

    /* As large as the message below. */
    g_assert_cmpfloat (webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (web_view)), >, 1.0);
  }
  cartable_test_iterate (600);
  cartable_test_shot (GTK_WIDGET (window), "simple-conversation");
  /* The folded one unfolds on demand. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (read_card), "card.toggle", NULL));
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_conversation_card_get_html_view (read_card)),
                                                "jour"));
  gtk_window_set_default_size (window, 360, 640);
  cartable_test_iterate (600);
  cartable_test_shot (GTK_WIDGET (window), "simple-conversation-narrow");
  gtk_window_set_default_size (window, 900, 700);
  cartable_test_iterate (300);

  /* Back to the list: the conversation goes with the message. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (simple.view), "simple.back", NULL));
  g_assert_true (cartable_test_wait_for (simple_list_shown, &simple, 5000));
  g_assert_cmpuint (cartable_conversation_get_n_cards (conversation), ==, 0);

  cartable_test_close_window (window, TRUE);
}

/* ------------------------------------------------------------ the search toggle */

/* The full version's search toggle says whether its bar is on screen. */
static void
check_search_toggle (GtkWindow  *window,
                     gboolean    expected,
                     const char *when)
{
  GtkWidget *full = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);
  GtkWidget *toggle = cartable_test_find_widget (full, cartable_test_is_toggle, "system-search-symbolic");
  GtkWidget *bar = cartable_test_find_descendant (full, GTK_TYPE_SEARCH_BAR, NULL);

  g_assert_nonnull (toggle);
  g_assert_nonnull (bar);
  cartable_test_iterate (500);
  g_test_message ("%s: toggle %d, search mode %d, field on screen %d", when,
                  gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)),
                  gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)), search_shown (bar));
  g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)), ==, search_shown (bar));
  g_assert_cmpint (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)), ==, search_shown (bar));
  g_assert_cmpint (search_shown (bar), ==, expected);
}

/* Full → simple → full, again and again, with the search bar open and
 * closed, wide and narrow: its toggle looks pressed exactly while the bar
 * shows. */
CARTABLE_TEST ("search-toggle-switch", test_search_toggle_switch)
{
  Simple simple;
  GtkWindow *window = open_simple_window (&simple);
  const int widths[] = { 1366, 600 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gtk_window_set_default_size (window, widths[w], 768);
      cartable_test_iterate (300);
      switch_version (CARTABLE_WINDOW (window), FALSE);
      check_search_toggle (window, FALSE, "first shown");

      for (guint round = 0; round < 2; round++)
        {
          GtkWidget *full = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);
          GtkWidget *toggle = cartable_test_find_widget (full, cartable_test_is_toggle, "system-search-symbolic");

          /* Opened with its button, then closed with Escape in the field. */
          g_signal_emit_by_name (toggle, "clicked");
          check_search_toggle (window, TRUE, "opened");
          switch_version (CARTABLE_WINDOW (window), TRUE);
          switch_version (CARTABLE_WINDOW (window), FALSE);
          check_search_toggle (window, TRUE, "open, after switching");
          if (round == 0)
            cartable_test_shot (GTK_WIDGET (window), widths[w] > 1000 ? "search-toggle-after-switch"
                                                                      : "search-toggle-after-switch-narrow");

          g_assert_true (gtk_widget_activate_action (full, "mail.search", NULL));
          cartable_test_iterate (200);
          cartable_test_press_key (window, GDK_KEY_Escape, 0);
          check_search_toggle (window, FALSE, "closed with Escape");
          switch_version (CARTABLE_WINDOW (window), TRUE);
          switch_version (CARTABLE_WINDOW (window), FALSE);
          check_search_toggle (window, FALSE, "closed, after switching");
        }
      switch_version (CARTABLE_WINDOW (window), TRUE);
    }

  cartable_test_close_window (window, TRUE);
}

static gboolean
error_page_shown (gpointer user_data)
{
  GtkWidget *page = user_data;
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (page, GTK_TYPE_STACK));

  return gtk_stack_get_visible_child (stack) == page;
}

static gboolean
account_online (gpointer user_data)
{
  return cartable_account_session_get_online (CARTABLE_ACCOUNT_SESSION (user_data));
}

/* The server refuses the saved password: one French sentence says so and
 * what to do, above the list and in its place. */
CARTABLE_TEST ("refused-password", test_refused_password)
{
  CartableAccountStore *store = cartable_application_get_account_store (the_app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *view;
  GtkWidget *status;

  g_assert_true (cartable_account_store_remove (store, USER, &error));
  g_assert_no_error (error);
  add_account_with_wrong_password (the_app, "tlefebvre");

  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  g_assert_cmpstr (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), ==, "simple");
  gtk_window_set_default_size (window, 900, 700);

  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_SIMPLE_VIEW, NULL);
  status = cartable_test_find_descendant (view, GTK_TYPE_LABEL, "simple-status");
  /* Nothing received yet: the sentence in the list's place, once. */
  {
    GtkWidget *page = NULL;

    /* The list's stack comes right after the status sentence. */
    for (GtkWidget *child = gtk_widget_get_next_sibling (status); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_STACK (child))
        page = gtk_stack_get_child_by_name (GTK_STACK (child), "error");
    g_assert_nonnull (page);
    g_assert_true (cartable_test_wait_for (error_page_shown, page, 60000));
    g_test_message ("error: %s", adw_status_page_get_description (ADW_STATUS_PAGE (page)));
    g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==,
                     "Le serveur de messagerie a refusé le mot de passe enregistré. "
                     "Choisissez « Saisir le mot de passe » dans le message en bas de la fenêtre "
                     "pour le saisir à nouveau.");
    g_assert_false (gtk_widget_get_visible (status));
  }
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (window), "simple-refused-password");

  /* The way out: the toast's button asks for the password, which replaces
   * the saved one, and the account comes online. */
  {
    CartableAccountSession *session = cartable_sessions_lookup (cartable_application_get_sessions (the_app), "tlefebvre");
    AdwMessageDialog *dialog;
    GtkWidget *entry;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "account.reenter-password", "s", "tlefebvre"));
    g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 10000));
    dialog = ADW_MESSAGE_DIALOG (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    entry = cartable_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
    g_assert_nonnull (entry);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "connect"));
    gtk_editable_set_text (GTK_EDITABLE (entry), cartable_test_academy_field ("tlefebvre", "password"));
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "connect"));
    cartable_test_iterate (400);
    cartable_test_save_screenshot (GTK_WIDGET (dialog), "simple-enter-password");
    adw_message_dialog_response (dialog, "connect");
    g_assert_true (cartable_test_wait_for (account_online, session, 30000));
    g_assert_null (cartable_account_session_get_error (session));
  }

  cartable_test_close_window (GTK_WINDOW (window), TRUE);
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init_academy (&argc, &argv, NULL, 0);
  /* Spread like a real mailbox: about fifty in the Inbox, some in Sent;
   * over forty days, so that the last three days' mail is unread. */
  cartable_test_academy_run ((const char *[]) { "seed-mail", "--dir", cartable_test_academy_get_dir (),
                                                "--user", USER, "--count", "85", "--days", "40", NULL });
  append_conversation ();

  the_app = cartable_test_app_new ();
  g_settings_set_string (cartable_application_get_settings (the_app), "interface-mode", "simple");
  g_settings_set_boolean (cartable_application_get_settings (the_app), "interface-mode-chosen", TRUE);
  cartable_test_academy_add_account (the_app, USER, NULL);

  return cartable_test_academy_finish (&the_app, cartable_test_run ());
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <webkit/webkit.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "cartable-test.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-message-header.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-list-pane.h"
#include "mail/cartable-message-row.h"

CARTABLE_TEST_PROGRAM ("mail-window");

/*
 * Reading mail in the full version, in the real application, against the
 * loopback academy: an account set up the way a finished sign-in leaves it
 * (the account in the store with its academy profile, the password in the
 * keyring), 200 seeded messages; the folders and the Inbox appear, a
 * message is chosen with the keyboard and shown with its headers and body;
 * screenshots of the window, the message and a narrow window.
 */

#define USER "mdurand"

/* ------------------------------------------------------------ the account */

/* A second account whose academy profile does not name the academy's CA:
 * the loopback certificate is then unknown. */
static char *
write_profile_without_ca (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<cartable:ca-certificate[^>]*/>", 0, 0, NULL);
  g_autofree char *stripped = NULL;
  char *path = g_build_filename (cartable_test_academy_get_dir (), "academy-without-ca.xml", NULL);

  g_assert_true (g_file_get_contents (cartable_test_academy_get_profile (), &contents, NULL, &error));
  stripped = g_regex_replace_literal (regex, contents, -1, 0, "", 0, NULL);
  g_assert_cmpstr (stripped, !=, contents);
  g_assert_true (g_file_set_contents (path, stripped, -1, &error));
  return path;
}

/* The server certificate's SHA-256, as the dialog shows it. */
static char *
dup_server_fingerprint (void)
{
  g_autofree char *path = g_build_filename (cartable_test_academy_get_dir (), "tls", "server.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  GString *text = g_string_new (NULL);

  certificate = g_tls_certificate_new_from_file (path, &error);
  g_assert_no_error (error);
  g_object_get (certificate, "certificate", &der, NULL);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (text, "%s%c%c", i > 0 ? ":" : "", g_ascii_toupper (hex[i]), g_ascii_toupper (hex[i + 1]));
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------ the window */

static CartableApplication *the_app;

/* The session of @account_id among those @view shows. */
static CartableAccountSession *
lookup_session (CartableMainView *view,
                const char       *account_id)
{
  return cartable_sessions_lookup (cartable_mail_view_get_sessions (CARTABLE_MAIL_VIEW (view)), account_id);
}

static gboolean
inbox_counted (gpointer user_data)
{
  CartableTestPanes *panes = user_data;
  GtkListBoxRow *inbox = cartable_test_find_folder_row (panes->folders, "Boîte de réception");
  g_autoptr(GString) text = g_string_new (NULL);

  if (inbox == NULL)
    return FALSE;
  cartable_test_collect_text (GTK_WIDGET (inbox), text, CARTABLE_TEST_TEXT_DEFAULT);
  return g_regex_match_simple ("\n[1-9][0-9]*\n", text->str, 0, 0);
}

static guint
selected_position (GtkListView *list)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (gtk_list_view_get_model (list));

  /* The list selects several messages at once; here one at a time. */
  return gtk_bitset_is_empty (selected) ? GTK_INVALID_LIST_POSITION : (guint) gtk_bitset_get_minimum (selected);
}

/* Every control a keyboard user reaches has a name: a label property, a
 * labelled-by relation, or a button's own label. */
static void
check_accessible_names (GtkWidget *widget,
                        guint     *checked)
{
  gboolean interactive = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_LIST_BOX (widget) ||
                         GTK_IS_LIST_VIEW (widget) || CARTABLE_IS_HTML_VIEW (widget) ||
                         (GTK_IS_LIST_BOX_ROW (widget) &&
                          (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
                           gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (widget))));

  if (!gtk_widget_get_visible (widget))
    return;

  /* The rows of the message list: their content carries the name. */
  if (CARTABLE_IS_MESSAGE_ROW (widget))
    interactive = TRUE;

  if (interactive && gtk_widget_get_child_visible (widget))
    cartable_test_check_accessible_name (widget, checked);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_accessible_names (child, checked);
}

static CartableMessageSummary *
summary_at (GtkListView *list,
            guint        position)
{
  return g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);
}

static gboolean
link_dialog_shown (gpointer user_data)
{
  GtkWindow *dialog = cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         g_str_has_suffix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "?") &&
         strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "collecte.example.net") != NULL;
}

static gboolean
file_chooser_shown (gpointer user_data)
{
  return cartable_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
file_saved (gpointer user_data)
{
  GFile *file = user_data;

  return g_file_query_exists (file, NULL);
}

static gboolean
inbox_all_read (gpointer user_data)
{
  CartableFolderTree *tree = user_data;
  CartableFolderItem *inbox = cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_INBOX);

  return inbox != NULL && cartable_folder_item_get_unread (inbox) == 0;
}

/* Rows on screen whose sender shows in bold (unread), and whether one of
 * them does while its message is read (or the reverse). */
typedef struct
{
  GtkListView *list;
  guint        bold;
  guint        wrong;
} BoldQuery;

static void
count_bold_rows (BoldQuery *query)
{
  query->bold = query->wrong = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (query->list)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      CartableMessageSummary *summary = CARTABLE_IS_MESSAGE_ROW (row)
                                        ? cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (row)) : NULL;
      GtkWidget *sender;
      gboolean bold;

      if (summary == NULL || !gtk_widget_get_child_visible (child))
        continue;
      sender = cartable_test_find_descendant (row, GTK_TYPE_LABEL, NULL);
      bold = gtk_label_get_attributes (GTK_LABEL (sender)) != NULL;
      query->bold += bold;
      query->wrong += bold == cartable_message_summary_get_seen (summary);
    }
}

static gboolean
no_row_bold (gpointer user_data)
{
  BoldQuery *query = user_data;

  count_bold_rows (query);
  return query->bold == 0 && query->wrong == 0;
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountQuery;

static gboolean
count_reached (gpointer user_data)
{
  CountQuery *query = user_data;

  return g_list_model_get_n_items (query->model) == query->n_items;
}

static void
set_window_width (GtkWindow *window,
                  int        width)
{
  gtk_window_set_default_size (window, width, 700);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  cartable_test_iterate (600);
}

/* The status pages on screen that show a picture. */
static guint
count_illustrations (GtkWidget *widget)
{
  guint count = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (ADW_IS_STATUS_PAGE (widget) &&
      (adw_status_page_get_icon_name (ADW_STATUS_PAGE (widget)) != NULL ||
       adw_status_page_get_paintable (ADW_STATUS_PAGE (widget)) != NULL))
    count++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    count += count_illustrations (child);
  return count;
}

static gboolean
list_pane_empty (gpointer pane)
{
  return g_strcmp0 (cartable_message_list_pane_get_page (pane), "empty") == 0;
}

static gboolean
view_reads (GtkWidget  *view,
            const char *words)
{
  g_autofree char *text = cartable_test_dup_text (view, CARTABLE_TEST_TEXT_DEFAULT);

  return strstr (text, words) != NULL;
}

CARTABLE_TEST ("read", test_read)
{
  g_autoptr(GString) headers = g_string_new (NULL);
  GtkWindow *window;
  CartableMainView *view;
  GtkWidget *focus;
  GtkWidget *grid;
  AdwLeaflet *leaflet;
  CartableTestPanes panes;
  CartableMessageSummary *summary;
  GtkListBoxRow *inbox;
  guint first;
  CartableMessage *message;
  g_autofree char *word = NULL;
  g_autoptr(GString) inbox_text = g_string_new (NULL);

  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  g_assert_cmpstr (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), ==, "main");
  set_window_width (window, 1200);

  view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  g_assert_nonnull (view);
  panes.folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "navigation-sidebar"));
  panes.messages = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW, NULL));
  panes.message_stack = GTK_STACK (gtk_widget_get_ancestor (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_HTML_VIEW, NULL),
                                                            GTK_TYPE_STACK));
  g_assert_nonnull (panes.folders);
  g_assert_nonnull (panes.messages);

  /* The account's folders, with French names, and the Inbox opened by itself. */
  if (!cartable_test_wait_for (cartable_test_panes_inbox_listed, &panes, 60000))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (panes.messages));

      cartable_test_collect_text (GTK_WIDGET (view), text, CARTABLE_TEST_TEXT_DEFAULT);
      cartable_test_shot (GTK_WIDGET (window), "mail-window-failed");
      g_error ("no Inbox listed; %u rows; list page %s; the view reads:\n%s", model ? g_list_model_get_n_items (model) : 0,
               gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (panes.messages), GTK_TYPE_STACK))),
               text->str);
    }
  g_assert_true (cartable_account_session_get_online (lookup_session (view, USER)));
  g_assert_nonnull (cartable_test_find_folder_row (panes.folders, "Éléments envoyés") ?: cartable_test_find_folder_row (panes.folders, "Envoyés"));
  g_assert_nonnull (cartable_test_find_folder_row (panes.folders, "Corbeille"));
  g_assert_nonnull (cartable_test_find_folder_row (panes.folders, "Voyage scolaire"));
  /* Seeded mail is partly unread: the Inbox shows a count. */
  g_assert_true (cartable_test_wait_for (inbox_counted, &panes, 20000));
  inbox = cartable_test_find_folder_row (panes.folders, "Boîte de réception");
  cartable_test_collect_text (GTK_WIDGET (inbox), inbox_text, CARTABLE_TEST_TEXT_DEFAULT);
  g_test_message ("Inbox row: %s", inbox_text->str);
  /* Online: no status line under the account. */
  g_assert_null (cartable_test_find_named (GTK_WIDGET (panes.folders), "account-status"));
  cartable_test_iterate (500);
  g_test_message ("window %d×%d", gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  cartable_test_shot (GTK_WIDGET (window), "mail-window");

  /* The keyboard: into the list, then down to the second row. */
  gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
  cartable_test_iterate (50);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (panes.messages) || gtk_widget_is_ancestor (focus, GTK_WIDGET (panes.messages)));
  g_assert_cmpuint (selected_position (panes.messages), ==, GTK_INVALID_LIST_POSITION);
  cartable_test_press_key (window, GDK_KEY_Down, 0);
  first = selected_position (panes.messages);
  g_assert_cmpuint (first, !=, GTK_INVALID_LIST_POSITION);
  cartable_test_press_key (window, GDK_KEY_Down, 0);
  g_assert_cmpuint (selected_position (panes.messages), ==, first + 1);

  summary = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (panes.messages)),
                                   selected_position (panes.messages));
  /* The list makes its rows on demand: this reference is kept to the end. */
  g_assert_nonnull (summary);
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &panes, 20000));
  message = cartable_main_view_get_message (view);
  g_assert_nonnull (message);
  g_assert_cmpstr (cartable_message_get_uid (message), ==, cartable_message_summary_get_uid (summary));

  /* The body reached the web view. */
  word = cartable_test_dup_body_word (message);
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_HTML_VIEW, NULL)),
                              word));

  /* The header block: subject, De, À, Date. */
  grid = cartable_test_find_named (GTK_WIDGET (view), "De");
  g_assert_nonnull (grid);
  cartable_test_collect_text (gtk_widget_get_parent (grid), headers, CARTABLE_TEST_TEXT_DEFAULT);
  g_test_message ("headers:\n%s", headers->str);
  cartable_test_assert_contains_all (headers->str, (const char *[]) { "De\n", "À\n", "Date\n", "@ac-normandie.fr", NULL });
  {
    GtkWidget *subject = cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LABEL, "title-3");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subject)), ==, cartable_message_summary_get_subject (summary));
  }
  cartable_test_save_display_screenshot ("mail-message");

  /* Down to the first message with an attachment: listed with its size and
   * a Save button that asks for a folder and writes a new file there. */
  {
    g_autoptr(GFile) directory = NULL;
    g_autoptr(GFile) saved = NULL;
    g_autofree char *dir_path = g_build_filename (g_get_tmp_dir (), "saved-XXXXXX", NULL);
    g_autofree char *saved_contents = NULL;
    gsize saved_length = 0;
    GListModel *attachments;
    CartableAttachment *attachment = NULL;
    GtkWidget *attachment_list;
    GtkWidget *button;
    GtkWindow *chooser;
    gboolean found = FALSE;
    guint checked = 0;

    for (guint i = 0; i < 40 && !found; i++)
      {
        g_autoptr(CartableMessageSummary) row = NULL;

        cartable_test_press_key (window, GDK_KEY_Down, 0);
        row = summary_at (panes.messages, selected_position (panes.messages));
        found = cartable_message_summary_get_has_attachment (row) &&
                cartable_message_summary_get_thread_count (row) == 1;
      }
    g_assert_true (found);
    g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &panes, 20000));
    g_assert_true (cartable_test_wait_for (cartable_test_main_view_has_message, view, 20000));
    message = cartable_main_view_get_message (view);
    attachments = cartable_message_get_attachments (message);
    for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
      {
        g_autoptr(CartableAttachment) part = g_list_model_get_item (attachments, i);

        if (!cartable_attachment_get_is_inline (part))
          {
            attachment = part;
            break;
          }
      }
    g_assert_nonnull (attachment);
    cartable_test_iterate (300);

    attachment_list = cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "boxed-list");
    g_assert_nonnull (attachment_list);
    g_assert_true (gtk_widget_get_mapped (attachment_list));
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *size = g_format_size (cartable_attachment_get_size (attachment));

      cartable_test_collect_text (attachment_list, text, CARTABLE_TEST_TEXT_DEFAULT);
      g_test_message ("attachments:\n%s", text->str);
      g_assert_nonnull (strstr (text->str, cartable_attachment_get_safe_filename (attachment)));
      g_assert_nonnull (strstr (text->str, size));
      g_assert_nonnull (strstr (text->str, "Enregistrer"));
    }
    g_test_message ("window %d×%d", gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
    /* Showing a message never grows the window past the screen. */
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 720);
    cartable_test_save_display_screenshot ("mail-attachment");

    /* Every control of the window has a name. */
    check_accessible_names (GTK_WIDGET (view), &checked);
    g_test_message ("%u controls named", checked);
    g_assert_cmpuint (checked, >=, 20);

    button = cartable_test_find_descendant (attachment_list, GTK_TYPE_BUTTON, NULL);
    g_assert_nonnull (button);
    g_assert_nonnull (g_mkdtemp (dir_path));
    directory = g_file_new_for_path (dir_path);
    gtk_widget_activate (button);
    g_assert_true (cartable_test_wait_for (file_chooser_shown, NULL, 10000));
    chooser = cartable_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), directory, NULL));
    cartable_test_iterate (300);
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    G_GNUC_END_IGNORE_DEPRECATIONS
    saved = g_file_get_child (directory, cartable_attachment_get_safe_filename (attachment));
    g_assert_true (cartable_test_wait_for (file_saved, saved, 10000));
    cartable_test_iterate (200);
    g_assert_true (g_file_load_contents (saved, NULL, &saved_contents, &saved_length, NULL, NULL));
    g_assert_cmpmem (saved_contents, saved_length,
                     g_bytes_get_data (cartable_attachment_get_data (attachment), NULL),
                     g_bytes_get_size (cartable_attachment_get_data (attachment)));
  }

  /* A newsletter with remote images: they stay blocked, a bar offers to
   * show them, once. */
  {
    CartableHtmlView *html = CARTABLE_HTML_VIEW (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_HTML_VIEW, NULL));
    GtkInfoBar *bar = GTK_INFO_BAR (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_INFO_BAR, NULL));
    gboolean found = FALSE;

    gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
    for (guint i = 0; i < 60 && !found; i++)
      {
        g_autoptr(CartableMessageSummary) row = NULL;

        cartable_test_press_key (window, GDK_KEY_Down, 0);
        row = summary_at (panes.messages, selected_position (panes.messages));
        found = g_str_has_prefix (cartable_message_summary_get_subject (row), "Actualités de l'académie");
      }
    g_assert_true (found);
    g_assert_true (cartable_test_wait_for (cartable_test_main_view_has_message, view, 20000));
    g_assert_true (cartable_test_html_view_shows (html, "Actualit"));
    g_assert_true (cartable_html_view_get_has_remote_content (html));
    g_assert_false (cartable_html_view_get_remote_allowed (html));
    g_assert_true (gtk_info_bar_get_revealed (bar));
    cartable_test_save_display_screenshot ("mail-remote-content");

    g_assert_true (gtk_widget_activate_action (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_MESSAGE_HEADER, NULL),
                                               "message-header.show-remote-content", NULL));
    g_assert_true (cartable_html_view_get_remote_allowed (html));
    g_assert_false (gtk_info_bar_get_revealed (bar));

    /* A link whose text names another address than its target: the real
     * target is shown before anything opens. */
    g_signal_emit_by_name (html, "link-activated", "https://collecte.example.net/?id=42",
                           "https://www.ac-normandie.fr/actualites");
    g_assert_true (cartable_test_wait_for (link_dialog_shown, NULL, 5000));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG)), "cancel");
    cartable_test_iterate (100);
  }

  /* Back up to the top: the unread message is read once shown, and its
   * row (still the selected one) is no longer in bold. */
  {
    CartableFolderTree *tree = cartable_account_session_get_folder_tree (lookup_session (view, USER));
    BoldQuery bold = { panes.messages, 0, 0 };

    gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
    count_bold_rows (&bold);
    g_assert_cmpuint (bold.wrong, ==, 0);
    while (selected_position (panes.messages) > 0)
      cartable_test_press_key (window, GDK_KEY_Up, 0);
    g_assert_true (cartable_test_wait_for (inbox_all_read, tree, 20000));
    g_assert_true (cartable_test_wait_for (no_row_bold, &bold, 10000));
    g_assert_cmpint (selected_position (panes.messages), ==, 0);
  }

  /* Delete removes the conversation from the list. */
  {
    CountQuery query = { G_LIST_MODEL (gtk_list_view_get_model (panes.messages)), 0 };

    query.n_items = g_list_model_get_n_items (query.model) - 1;
    cartable_test_press_key (window, GDK_KEY_Delete, 0);
    g_assert_true (cartable_test_wait_for (count_reached, &query, 20000));
  }

  /* Ctrl+F: words to find in senders and subjects, instantly; Escape
   * closes the search and shows the whole folder again. */
  {
    CountQuery query = { G_LIST_MODEL (gtk_list_view_get_model (panes.messages)), 0 };
    guint all = g_list_model_get_n_items (query.model);
    GtkWidget *entry;
    guint found;

    gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
    cartable_test_press_key (window, GDK_KEY_f, GDK_CONTROL_MASK);
    entry = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY));
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY)), "erasmus");
    for (guint i = 0; i < 100 && g_list_model_get_n_items (query.model) == all; i++)
      cartable_test_iterate (20);
    found = g_list_model_get_n_items (query.model);
    g_test_message ("search: %u of %u rows", found, all);
    g_assert_cmpuint (found, >, 0);
    g_assert_cmpuint (found, <, all);
    for (guint i = 0; i < found; i++)
      {
        g_autoptr(CartableMessageSummary) row = summary_at (panes.messages, i);
        g_autofree char *subject = g_utf8_strdown (cartable_message_summary_get_subject (row), -1);
        g_autofree char *from = g_utf8_strdown (cartable_message_summary_get_from (row), -1);
        g_autofree char *to = g_utf8_strdown (cartable_message_summary_get_to (row) ?: "", -1);

        g_assert_true (strstr (subject, "erasmus") || strstr (from, "erasmus") || strstr (to, "erasmus"));
      }
    cartable_test_shot (GTK_WIDGET (window), "mail-search");

    cartable_test_press_key (window, GDK_KEY_Escape, 0);
    query.n_items = all;
    g_assert_true (cartable_test_wait_for (count_reached, &query, 5000));
  }

  /* An empty folder, « Indésirables »: the list says so with its picture and
   * the message pane beside it shows none of its own (one illustration on
   * screen, not two side by side). */
  {
    GtkListBoxRow *junk = cartable_test_find_folder_row (panes.folders, "Indésirables");
    GtkWidget *list_pane = cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_MESSAGE_LIST_PANE, NULL);

    g_assert_nonnull (junk);
    g_assert_nonnull (list_pane);
    gtk_widget_activate (GTK_WIDGET (junk));
    if (!cartable_test_wait_for (list_pane_empty, list_pane, 30000))
      g_error ("the list pane shows « %s » for %s", cartable_message_list_pane_get_page (CARTABLE_MESSAGE_LIST_PANE (list_pane)),
               cartable_main_view_get_folder_name (view));
    cartable_test_iterate (300);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panes.message_stack)));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (panes.message_stack), ==, "none");
    g_assert_true (view_reads (GTK_WIDGET (view), "Ce dossier est vide"));
    g_assert_cmpuint (count_illustrations (GTK_WIDGET (view)), ==, 1);
    cartable_test_shot (GTK_WIDGET (window), "mail-empty-folder");

    /* A folder the sidebar has no row for (gone from the server, say):
     * « Indésirables » does not stay highlighted as if it were shown. */
    {
      g_autofree char *account_id = g_strdup (cartable_main_view_get_account_id (view));

      g_assert_true (gtk_list_box_get_selected_row (panes.folders) == junk);
      cartable_main_view_show_message (view, account_id, "Dossier disparu", NULL);
      cartable_test_iterate (500);
      g_assert_cmpstr (cartable_main_view_get_folder_name (view), ==, "Dossier disparu");
      g_assert_null (gtk_list_box_get_selected_row (panes.folders));
      cartable_test_shot (GTK_WIDGET (window), "mail-folder-without-row");
    }

    gtk_widget_activate (GTK_WIDGET (cartable_test_find_folder_row (panes.folders, "Boîte de réception")));
    g_assert_true (cartable_test_wait_for (cartable_test_panes_inbox_listed, &panes, 30000));
  }

  /* Narrow: the leaflet folds and shows one pane, the message. A message
   * is chosen first (the search left none), so the screenshot shows one. */
  gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
  cartable_test_press_key (window, GDK_KEY_Home, 0);
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_has_message, view, 20000));
  leaflet = ADW_LEAFLET (cartable_test_find_descendant (GTK_WIDGET (view), ADW_TYPE_LEAFLET, NULL));
  set_window_width (window, 400);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  gtk_widget_activate (GTK_WIDGET (panes.messages));
  g_signal_emit_by_name (panes.messages, "activate", selected_position (panes.messages));
  cartable_test_iterate (600);
  cartable_test_save_display_screenshot ("mail-narrow");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.back", NULL));
  cartable_test_iterate (600);
  cartable_test_shot (GTK_WIDGET (window), "mail-narrow-list");

  cartable_test_close_window (GTK_WINDOW (window), TRUE);
}

static gboolean
certificate_dialog_shown (gpointer user_data)
{
  return cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
account_refused (gpointer user_data)
{
  GtkWidget *view = user_data;
  GtkWidget *status = cartable_test_find_named (view, "account-status");

  return status != NULL && strstr (gtk_label_get_text (GTK_LABEL (status)), "certificat") != NULL;
}

/* An account whose server presents a certificate nobody vouches for: the
 * user is asked, with the fingerprint; refused, nothing connects and the
 * account says why. */
CARTABLE_TEST ("certificate-refused/subprocess", test_certificate_refused)
{
  g_autofree char *profile = write_profile_without_ca ();
  g_autofree char *fingerprint = dup_server_fingerprint ();
  GtkWindow *window;
  GtkWindow *dialog;
  GtkWidget *view;
  GtkWidget *status;
  const char *body;

  /* Alone: Camel remembers for the whole run a certificate that another
   * account's academy CA vouched for, so this runs in its own process
   * (see test_certificate_refused_in_subprocess) without that account. */
  {
    g_autoptr(GError) error = NULL;

    if (cartable_account_store_lookup (cartable_application_get_account_store (the_app), USER) != NULL)
      g_assert_true (cartable_account_store_remove (cartable_application_get_account_store (the_app), USER, &error));
    g_assert_no_error (error);
  }
  cartable_test_academy_add_account_with_profile (the_app, "tlefebvre", profile);
  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);

  if (!cartable_test_wait_for (certificate_dialog_shown, NULL, 30000))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const GError *error = cartable_account_session_get_error (lookup_session (CARTABLE_MAIN_VIEW (view), "tlefebvre"));

      cartable_test_collect_text (view, text, CARTABLE_TEST_TEXT_DEFAULT);
      g_error ("no certificate question; tlefebvre: %s; online %d; view:\n%s", error ? error->message : "no error",
               cartable_account_session_get_online (lookup_session (CARTABLE_MAIN_VIEW (view), "tlefebvre")),
               text->str);
    }
  dialog = cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == window);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("dialog: %s", body);
  g_assert_nonnull (strstr (body, fingerprint));
  g_assert_nonnull (strstr (body, "127.0.0.1"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "refuse");
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (dialog), "mail-certificate");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "refuse");
  g_assert_true (cartable_test_wait_for (account_refused, view, 30000));
  status = cartable_test_find_named (view, "account-status");
  g_test_message ("account: %s", gtk_label_get_text (GTK_LABEL (status)));
  g_assert_false (cartable_account_session_get_online (lookup_session (CARTABLE_MAIN_VIEW (view), "tlefebvre")));
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (window), "mail-certificate-refused");

  cartable_test_close_window (GTK_WINDOW (window), TRUE);
}

CARTABLE_TEST ("certificate-refused", test_certificate_refused_in_subprocess)
{
  g_test_trap_subprocess ("/cartable/mail-window/certificate-refused/subprocess", 180 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  cartable_test_ui_init_academy (&argc, &argv, USER, 200);

  /* The subprocess starts without the parent's account: the application's
   * sessions would connect it at start-up, before the test removes it. */
  if (g_test_subprocess ())
    {
      g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);

      g_assert_true (cartable_account_store_load (store, NULL));
      if (cartable_account_store_lookup (store, USER) != NULL)
        g_assert_true (cartable_account_store_remove (store, USER, NULL));
    }

  the_app = cartable_application_new ();
  /* The subprocess runs beside the parent's instance on the same bus. */
  if (g_test_subprocess ())
    g_application_set_flags (G_APPLICATION (the_app),
                             g_application_get_flags (G_APPLICATION (the_app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  if (!g_test_subprocess ())
    cartable_test_academy_add_account (the_app, USER, NULL);

  return cartable_test_academy_finish (&the_app, cartable_test_run ());
}

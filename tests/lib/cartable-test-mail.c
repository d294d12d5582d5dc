/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <string.h>
#include <webkit/webkit.h>

#include "cartable-engine.h"
#include "cartable-test-mail.h"
#include "mail/cartable-main-view.h"

void
cartable_test_web_resource_data_cb (GObject      *source,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  GBytes **data = user_data;
  gsize size = 0;
  guchar *bytes = webkit_web_resource_get_data_finish (WEBKIT_WEB_RESOURCE (source), result, &size, NULL);

  *data = bytes != NULL ? g_bytes_new_take (bytes, size) : g_bytes_new (NULL, 0);
}

gboolean
cartable_test_have_bytes (gpointer user_data)
{
  return *(GBytes **) user_data != NULL;
}

/* Waits until the web view has finished loading a document that holds @word. */
gboolean
cartable_test_html_view_shows (CartableHtmlView *view,
                               const char       *word)
{
  WebKitWebView *web = WEBKIT_WEB_VIEW (cartable_html_view_get_web_view (view));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      WebKitWebResource *resource = webkit_web_view_get_main_resource (web);

      if (resource != NULL && !webkit_web_view_is_loading (web) && !cartable_html_view_get_loading (view))
        {
          g_autoptr(GBytes) data = NULL;
          g_autofree char *document = NULL;

          webkit_web_resource_get_data (resource, NULL, cartable_test_web_resource_data_cb, &data);
          g_assert_true (cartable_test_wait_for (cartable_test_have_bytes, &data, 10000));
          document = g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
          if (strstr (document, word) != NULL)
            return TRUE;
        }
      cartable_test_iterate (100);
    }

  return FALSE;
}

/* A word of the message's text, to look for in what the web view loaded. */
char *
cartable_test_dup_body_word (CartableMessage *message)
{
  g_autoptr(GRegex) regex = g_regex_new ("[A-Za-z]{7,}", 0, 0, NULL);
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>|&[a-z]+;", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;

  if (cartable_message_get_html_body (message) != NULL)
    text = g_regex_replace_literal (tags, cartable_message_get_html_body (message), -1, 0, " ", 0, NULL);
  else
    text = g_strdup (cartable_message_get_text_body (message));
  g_assert_nonnull (text);
  g_assert_true (g_regex_match (regex, text, 0, &match));
  return g_match_info_fetch (match, 0);
}

gboolean
cartable_test_main_view_has_message (gpointer user_data)
{
  return cartable_main_view_get_message (CARTABLE_MAIN_VIEW (user_data)) != NULL;
}

gboolean
cartable_test_main_view_shows_uid (gpointer shown_message)
{
  CartableTestShownMessage *query = shown_message;
  CartableMessage *message = cartable_main_view_get_message (query->view);

  return message != NULL && g_strcmp0 (cartable_message_get_uid (message), query->uid) == 0;
}

gboolean
cartable_test_outbox_empty (gpointer user_data)
{
  return g_list_model_get_n_items (cartable_outbox_get_items (user_data)) == 0;
}

GtkListBoxRow *
cartable_test_find_folder_row (GtkListBox *folders,
                               const char *label)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (folders)); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      cartable_test_collect_text (row, text, CARTABLE_TEST_TEXT_DEFAULT);
      if (GTK_IS_LIST_BOX_ROW (row) && strstr (text->str, label) != NULL &&
          gtk_list_box_row_get_selectable (GTK_LIST_BOX_ROW (row)))
        return GTK_LIST_BOX_ROW (row);
    }

  return NULL;
}

gboolean
cartable_test_drag_to_folder (GtkWidget  *row,
                              GtkListBox *folders,
                              const char *label)
{
  GtkDragSource *source = cartable_test_find_controller (row, GTK_TYPE_DRAG_SOURCE);
  GtkListBoxRow *folder = cartable_test_find_folder_row (folders, label);
  GtkDropTarget *target = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (folder);
  target = cartable_test_find_controller (GTK_WIDGET (folder), GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (target);

  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &provider);
  if (provider == NULL)
    return FALSE;
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (provider, &value, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (target, "drop", &value, 2.0, 2.0, &dropped);
  g_value_unset (&value);
  return dropped;
}

gboolean
cartable_test_panes_inbox_listed (gpointer user_data)
{
  CartableTestPanes *panes = user_data;
  GtkListBoxRow *inbox = cartable_test_find_folder_row (panes->folders, "Boîte de réception");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (panes->messages));
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (panes->messages), GTK_TYPE_STACK);

  return inbox != NULL && gtk_list_box_row_is_selected (inbox) && model != NULL &&
         g_list_model_get_n_items (model) >= 20 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "list") == 0;
}

gboolean
cartable_test_panes_message_shown (gpointer user_data)
{
  CartableTestPanes *panes = user_data;
  GtkWidget *html = cartable_test_find_descendant (GTK_WIDGET (panes->message_stack), CARTABLE_TYPE_HTML_VIEW, NULL);

  return g_strcmp0 (gtk_stack_get_visible_child_name (panes->message_stack), "message") == 0 &&
         !cartable_html_view_get_loading (CARTABLE_HTML_VIEW (html));
}

void
cartable_test_find_search (GtkWindow          *window,
                           CartableTestSearch *search)
{
  search->view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  search->bar = CARTABLE_MAIL_SEARCH_BAR (cartable_test_find_descendant (GTK_WIDGET (search->view),
                                                                         CARTABLE_TYPE_MAIL_SEARCH_BAR, NULL));
  search->entry = GTK_EDITABLE (cartable_test_find_descendant (GTK_WIDGET (search->bar), GTK_TYPE_SEARCH_ENTRY, NULL));
  search->messages = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (search->view), GTK_TYPE_LIST_VIEW, NULL));
  search->list_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (search->messages), GTK_TYPE_STACK));
  search->html = CARTABLE_HTML_VIEW (cartable_test_find_descendant (GTK_WIDGET (search->view), CARTABLE_TYPE_HTML_VIEW, NULL));
  search->message_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (search->html), GTK_TYPE_STACK));
}

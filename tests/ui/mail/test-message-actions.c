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
#include "mail/cartable-html-view.h"
#include "mail/cartable-message-header.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-actions.h"
#include "mail/cartable-message-row.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("message-actions");

/*
 * The message list's actions in the real application against the loopback
 * academy: three messages selected with Shift+Down and archived with A
 * (checked on the server), the context menu opened with the Menu key, a
 * message dragged onto a folder of the sidebar (the drag source's and the
 * drop target's own handlers), and remote content allowed « always for this
 * sender ». Screenshots mail-multiselect and mail-context-menu.
 */

#define USER "mdurand"

/* ------------------------------------------------------------ the window */

static CartableApplication *the_app;

/* A word of the message's text, to look for in what the web view loaded. */

/* ------------------------------------------------------------ the server */

/* The number of messages in each of @mailboxes, as the IMAP server says. */
static void
server_counts (const char * const *mailboxes,
               guint              *counts)
{
  cartable_test_stack_count_messages (cartable_test_academy_get_stack (), USER, mailboxes, counts);
}

/* ------------------------------------------------------------ the list */

static GtkSelectionModel *
list_model (GtkListView *list)
{
  return gtk_list_view_get_model (list);
}

static CartableMessageList *
message_list (GtkListView *list)
{
  return CARTABLE_MESSAGE_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (list_model (list))));
}

static guint
n_selected (GtkListView *list)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (list_model (list));

  return (guint) gtk_bitset_get_size (selected);
}

static gboolean
is_row_of_uid (GtkWidget     *widget,
               gconstpointer  uid)
{
  CartableMessageSummary *summary = CARTABLE_IS_MESSAGE_ROW (widget)
                                    ? cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (widget)) : NULL;

  return summary != NULL && g_strcmp0 (cartable_message_summary_get_uid (summary), uid) == 0;
}

/* Our row widget for @position of @list's model, once the list view has
 * made it: the row showing that message (the list view itself is no row). */
static GtkWidget *
find_row_widget (GtkWidget *list,
                 guint      position)
{
  g_autoptr(CartableMessageSummary) summary =
    g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))), position);

  if (summary == NULL)
    return NULL;
  return cartable_test_find_widget (list, is_row_of_uid, cartable_message_summary_get_uid (summary));
}

static gboolean
view_says (GtkWidget  *view,
           const char *words)
{
  return cartable_test_shows_text (view, words);
}

static gboolean
toast_says_moved (gpointer user_data)
{
  return view_says (user_data, "déplacé vers Corbeille") || view_says (user_data, "déplacés vers Corbeille");
}

static gboolean
toast_says_archived (gpointer user_data)
{
  return view_says (user_data, "messages archivés");
}

static gboolean
toast_archived_gone (gpointer user_data)
{
  return !toast_says_archived (user_data);
}

typedef struct
{
  CartableTestShownMessage  shown;
  CartableTestPanes        *panes;
} MessageQuery;

static gboolean
message_uid_shown (gpointer user_data)
{
  MessageQuery *query = user_data;

  return cartable_test_main_view_shows_uid (&query->shown) && cartable_test_panes_message_shown (query->panes);
}

static gboolean
remote_allowed (gpointer user_data)
{
  return cartable_html_view_get_remote_allowed (user_data) && !cartable_html_view_get_loading (user_data);
}

static gboolean
remote_blocked (gpointer user_data)
{
  return cartable_html_view_get_has_remote_content (user_data) && !cartable_html_view_get_remote_allowed (user_data);
}

/* The header bar's button showing @icon (delete, mark unread). */
static gboolean
is_button_with_icon (GtkWidget     *widget,
                     gconstpointer  icon)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon) == 0;
}

/* Whether the toolbar's commands can be used (a button with an action
 * name is sensitive when its action is enabled). */
static gboolean
toolbar_enabled (GtkWidget *view)
{
  GtkWidget *delete = cartable_test_find_widget (view, is_button_with_icon, "user-trash-symbolic");
  GtkWidget *unread = cartable_test_find_widget (view, is_button_with_icon, "mail-unread-symbolic");
  gboolean delete_enabled = FALSE;
  gboolean unread_enabled = FALSE;

  g_assert_nonnull (delete);
  g_assert_nonnull (unread);
  delete_enabled = gtk_widget_get_sensitive (delete);
  unread_enabled = gtk_widget_get_sensitive (unread);
  g_assert_cmpint (delete_enabled, ==, unread_enabled);
  return delete_enabled;
}

static gboolean
toolbar_disabled (gpointer view)
{
  return !toolbar_enabled (view);
}

/* ------------------------------------------------------------ the test */

CARTABLE_TEST ("select-archive-menu-drag-remote", test_actions)
{
  const char *boxes[] = { "INBOX", "Archive", "Trash", NULL };
  guint before[3];
  GtkWindow *window;
  CartableMainView *view;
  CartableHtmlView *html;
  CartableTestPanes panes;
  g_autoptr(GPtrArray) uids = NULL;
  guint archived;

  server_counts (boxes, before);
  g_test_message ("server before: INBOX %u, Archive %u, Trash %u", before[0], before[1], before[2]);

  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  gtk_window_set_default_size (window, 1200, 700);
  cartable_test_iterate (600);

  view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  panes.folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "navigation-sidebar"));
  panes.messages = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW, NULL));
  html = CARTABLE_HTML_VIEW (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_HTML_VIEW, NULL));
  panes.message_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (html), GTK_TYPE_STACK));
  g_assert_true (cartable_test_wait_for (cartable_test_panes_inbox_listed, &panes, 60000));
  cartable_test_iterate (1000);

  /* Three messages with the keyboard: Down, then Shift+Down twice. */
  gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
  cartable_test_iterate (50);
  cartable_test_press_key (window, GDK_KEY_Down, 0);
  g_assert_cmpuint (n_selected (panes.messages), ==, 1);
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &panes, 20000));
  cartable_test_press_key (window, GDK_KEY_Down, GDK_SHIFT_MASK);
  cartable_test_press_key (window, GDK_KEY_Down, GDK_SHIFT_MASK);
  g_assert_cmpuint (n_selected (panes.messages), ==, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panes.message_stack), ==, "multiple");
  g_assert_true (view_says (GTK_WIDGET (panes.message_stack), "3 messages sélectionnés"));
  g_assert_true (toolbar_enabled (GTK_WIDGET (view)));
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (window), "mail-multiselect");

  /* A archives the three (whole conversations) on the server. */
  uids = cartable_message_actions_dup_uids (list_model (panes.messages), message_list (panes.messages));
  g_assert_nonnull (uids);
  archived = uids->len - 1;
  g_assert_cmpuint (archived, >=, 3);
  cartable_test_press_key (window, GDK_KEY_a, 0);
  g_assert_true (cartable_test_academy_wait_count (USER, "Archive", before[1] + archived, 30000));
  g_assert_true (cartable_test_academy_wait_count (USER, "INBOX", before[0] - archived, 30000));
  g_test_message ("%u messages archived on the server", archived);
  /* Said in a toast that can take them back. */
  g_assert_true (cartable_test_wait_for (toast_says_archived, view, 10000));

  /* Gone from the list, they leave nothing selected: the toolbar's delete
   * and unread are off, and so are their actions. */
  g_assert_true (cartable_test_wait_for (toolbar_disabled, view, 10000));
  g_assert_cmpuint (n_selected (panes.messages), ==, 0);
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (window), "mail-nothing-selected");

  /* Ctrl+A: the whole folder. */
  cartable_test_iterate (1000);
  gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
  cartable_test_iterate (100);
  cartable_test_press_key (window, GDK_KEY_a, GDK_CONTROL_MASK);
  g_assert_cmpuint (n_selected (panes.messages), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (list_model (panes.messages))));
  g_assert_cmpuint (n_selected (panes.messages), >, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panes.message_stack), ==, "multiple");

  /* The context menu with the Menu key, on the focused row. */
  gtk_selection_model_unselect_all (list_model (panes.messages));
  cartable_test_press_key (window, GDK_KEY_Down, 0);
  g_assert_cmpuint (n_selected (panes.messages), ==, 1);
  cartable_test_press_key (window, GDK_KEY_Menu, 0);
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
  {
    GtkWidget *menu = cartable_test_find_open_menu (GTK_WIDGET (view));
    g_autoptr(GString) text = g_string_new (NULL);
    const char *items[] = { "Répondre", "Transférer", "Marquer comme lu", "Marquer comme non lu", "Suivre",
                            "Archiver", "Indésirable", "Supprimer", "Déplacer vers", NULL };

    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL));
    cartable_test_collect_text (menu, text, CARTABLE_TEST_TEXT_DEFAULT);
    g_test_message ("context menu:\n%s", text->str);
    for (guint i = 0; items[i] != NULL; i++)
      g_assert_nonnull (strstr (text->str, items[i]));
    /* The keys written out: Delete itself, not the keypad's. */
    g_assert_nonnull (strstr (text->str, "Suppr\n"));
    g_assert_null (strstr (text->str, "pavé num."));
    cartable_test_iterate (300);
    cartable_test_save_display_screenshot ("mail-context-menu");
    gtk_popover_popdown (GTK_POPOVER (menu));
    cartable_test_iterate (200);
  }

  /* A right click on another row: that row alone is selected, the menu opens. */
  {
    GtkWidget *row = NULL;
    guint other = 0;
    GtkGestureClick *click = NULL;
    g_autoptr(GtkWidget) item = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (panes.messages));
    graphene_point_t point;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller) &&
            gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
          click = GTK_GESTURE_CLICK (controller);
      }
    g_assert_nonnull (click);
    for (other = 0; other < 6 && row == NULL; other++)
      if (!gtk_selection_model_is_selected (list_model (panes.messages), other))
        row = find_row_widget (GTK_WIDGET (panes.messages), other);
    other--;
    g_assert_nonnull (row);
    g_assert_false (gtk_selection_model_is_selected (list_model (panes.messages), other));
    g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (panes.messages), &GRAPHENE_POINT_INIT (20, 10), &point));
    /* A real press reaches the list's own row first, which takes the
     * pressed look (its gesture cannot be fed a synthetic event). */
    item = g_object_ref (gtk_widget_get_parent (row));
    gtk_widget_set_state_flags (item, GTK_STATE_FLAG_ACTIVE, FALSE);
    g_signal_emit_by_name (click, "pressed", 1, (double) point.x, (double) point.y);
    g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
    g_assert_cmpuint (n_selected (panes.messages), ==, 1);
    g_assert_true (gtk_selection_model_is_selected (list_model (panes.messages), other));
    gtk_popover_popdown (GTK_POPOVER (cartable_test_find_open_menu (GTK_WIDGET (view))));
    cartable_test_iterate (200);

    /* Another message opened: the right-clicked row looks like the others,
     * one row alone looks chosen. */
    {
      guint next = other == 0 ? 1 : 0;
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list_model (panes.messages)), next);
      MessageQuery query = { { view, cartable_message_summary_get_uid (summary) }, &panes };

      gtk_selection_model_select_item (list_model (panes.messages), next, TRUE);
      g_assert_true (cartable_test_wait_for (message_uid_shown, &query, 20000));
      cartable_test_iterate (200);
      g_assert_false (gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_ACTIVE);
      g_assert_false (gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_SELECTED);
      cartable_test_shot (GTK_WIDGET (window), "mail-after-context-menu");
    }
  }

  /* A row dragged onto « Corbeille »: the drag source's content, dropped
   * by the folder row's own drop target. */
  {
    guint position;
    GtkWidget *row;
    GtkDragSource *source;
    GtkDropTarget *target;
    GdkContentProvider *provider = NULL;
    GValue value = G_VALUE_INIT;
    gboolean dropped = FALSE;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) dragged = NULL;
    guint trash = before[2];

    gtk_selection_model_unselect_all (list_model (panes.messages));
    cartable_test_iterate (100);
    position = 1;
    row = find_row_widget (GTK_WIDGET (panes.messages), position);
    g_assert_nonnull (row);
    source = cartable_test_find_controller (row, GTK_TYPE_DRAG_SOURCE);
    g_assert_nonnull (source);
    g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &provider);
    g_assert_nonnull (provider);
    /* The row dragged became the selection. */
    g_assert_cmpuint (n_selected (panes.messages), ==, 1);
    g_assert_true (gtk_selection_model_is_selected (list_model (panes.messages), position));
    dragged = cartable_message_actions_dup_uids (list_model (panes.messages), message_list (panes.messages));
    trash += dragged->len - 1;
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (provider, &value, &error));
    g_assert_no_error (error);

    target = cartable_test_find_controller (GTK_WIDGET (cartable_test_find_folder_row (panes.folders, "Corbeille")), GTK_TYPE_DROP_TARGET);
    g_assert_nonnull (target);
    g_signal_emit_by_name (target, "drop", &value, 2.0, 2.0, &dropped);
    g_assert_true (dropped);
    g_assert_true (cartable_test_academy_wait_count (USER, "Trash", trash, 30000));
    /* The toast says where they went. */
    if (!cartable_test_wait_for (toast_says_moved, view, 10000))
      {
        g_autoptr(GString) text = g_string_new (NULL);

        cartable_test_collect_text (GTK_WIDGET (view), text, CARTABLE_TEST_TEXT_DEFAULT);
        g_error ("no toast; the view reads:\n%s", text->str);
      }
    g_value_unset (&value);
    g_object_unref (provider);

    /* « Annuler » on the toast: the message is back in the Inbox. The
     * archive's toast, whose « Annuler » would take back the archiving,
     * made way for it. */
    g_assert_true (cartable_test_wait_for (toast_archived_gone, view, 10000));
    {
      GtkWidget *undo = cartable_test_find_button (GTK_WIDGET (view), "_Annuler");

      g_assert_nonnull (undo);
      gtk_widget_activate (undo);
      g_assert_true (cartable_test_academy_wait_count (USER, "Trash", before[2], 30000));
      g_assert_true (cartable_test_academy_wait_count (USER, "INBOX", before[0] - archived, 30000));
    }
  }

  /* Remote content « always for this sender »: two letters from one sender. */
  {
    CartableMessageList *list = message_list (panes.messages);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
    g_autofree char *first_uid = NULL;
    g_autofree char *second_uid = NULL;
    guint first = 0, second = 0;
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_auto(GStrv) senders = NULL;
    MessageQuery query = { { view, NULL }, &panes };

    for (guint i = 0; i < n && second_uid == NULL; i++)
      {
        g_autoptr(CartableMessageSummary) a = g_list_model_get_item (G_LIST_MODEL (list), i);

        if (strstr (cartable_message_summary_get_subject (a) ?: "", "n°") == NULL)
          continue;
        for (guint j = i + 1; j < n; j++)
          {
            g_autoptr(CartableMessageSummary) b = g_list_model_get_item (G_LIST_MODEL (list), j);

            if (g_strcmp0 (cartable_message_summary_get_from (a), cartable_message_summary_get_from (b)) == 0 &&
                strstr (cartable_message_summary_get_subject (b) ?: "", "n°") != NULL)
              {
                first = i;
                second = j;
                first_uid = g_strdup (cartable_message_summary_get_uid (a));
                second_uid = g_strdup (cartable_message_summary_get_uid (b));
                g_test_message ("two letters from %s", cartable_message_summary_get_from (a));
                break;
              }
          }
      }
    g_assert_nonnull (second_uid);

    gtk_selection_model_select_item (list_model (panes.messages), first, TRUE);
    query.shown.uid = first_uid;
    g_assert_true (cartable_test_wait_for (message_uid_shown, &query, 20000));
    g_assert_true (cartable_test_wait_for (remote_blocked, html, 10000));
    g_assert_true (gtk_widget_activate_action (cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_MESSAGE_HEADER, NULL),
                                               "message-header.always-show-remote-content", NULL));
    g_assert_true (cartable_test_wait_for (remote_allowed, html, 10000));
    senders = g_settings_get_strv (settings, "remote-content-senders");
    g_assert_cmpuint (g_strv_length (senders), ==, 1);
    g_assert_nonnull (strstr (senders[0], "@"));

    /* The next letter from that sender: shown with its remote content. */
    gtk_selection_model_select_item (list_model (panes.messages), second, TRUE);
    query.shown.uid = second_uid;
    g_assert_true (cartable_test_wait_for (message_uid_shown, &query, 20000));
    g_assert_true (cartable_test_wait_for (remote_allowed, html, 10000));
    g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_INFO_BAR, NULL))));

    /* A letter from another sender still asks. */
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(CartableMessageSummary) c = g_list_model_get_item (G_LIST_MODEL (list), i);
        g_autofree char *third_uid = NULL;

        if (strstr (cartable_message_summary_get_subject (c) ?: "", "n°") == NULL ||
            strstr (cartable_message_summary_get_from (c) ?: "", senders[0]) != NULL)
          continue;
        third_uid = g_strdup (cartable_message_summary_get_uid (c));
        g_test_message ("a letter from %s", cartable_message_summary_get_from (c));
        gtk_selection_model_select_item (list_model (panes.messages), i, TRUE);
        query.shown.uid = third_uid;
        g_assert_true (cartable_test_wait_for (message_uid_shown, &query, 20000));
        g_assert_true (cartable_test_wait_for (remote_blocked, html, 10000));
        break;
      }
    g_assert_true (remote_blocked (html));
  }

  cartable_test_close_window (GTK_WINDOW (window), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 120, NULL, &the_app);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-test-ui.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-mail-search-bar.h"
#include "mail/cartable-main-view.h"

G_BEGIN_DECLS

/*
 * The test library, GTK part: what the mail ui tests look for in the mail
 * views (their text, their web view, their lists), shared by the full and
 * the simple version's tests.
 */

/* A condition: *(GBytes **) is set, by the callback of
 * webkit_web_resource_get_data() cartable_test_web_resource_data_cb. */
void           cartable_test_web_resource_data_cb  (GObject          *source,
                                                    GAsyncResult     *result,
                                                    gpointer          user_data);
gboolean       cartable_test_have_bytes            (gpointer          user_data);
/* Waits (30 s at most) until @view has finished loading a document that
 * holds @word. */
gboolean       cartable_test_html_view_shows       (CartableHtmlView *view,
                                                    const char       *word);
/* A word of @message's text, to look for in what the web view loaded. */
char          *cartable_test_dup_body_word         (CartableMessage  *message);
/* Conditions: the main view (@user_data) shows a message; the outbox
 * (@user_data) is empty. */
gboolean       cartable_test_main_view_has_message (gpointer          user_data);
/* A condition on a CartableTestShownMessage: its view shows the message
 * of that uid. */
typedef struct
{
  CartableMainView *view;
  const char       *uid;
} CartableTestShownMessage;
gboolean       cartable_test_main_view_shows_uid   (gpointer          shown_message);
gboolean       cartable_test_outbox_empty          (gpointer          user_data);
/* The selectable row of @folders whose text holds @label. */
GtkListBoxRow *cartable_test_find_folder_row       (GtkListBox       *folders,
                                                    const char       *label);

/* Drags @row, a message row of the full version's list, onto the folder
 * row of @folders whose text holds @label, as a drag with the mouse ends:
 * the row's drag source gives its content, the folder row's drop target
 * takes it. Returns whether the drop was accepted. */
gboolean       cartable_test_drag_to_folder        (GtkWidget        *row,
                                                    GtkListBox       *folders,
                                                    const char       *label);

/* The three panes of the full version's mail view. */
typedef struct
{
  GtkListBox  *folders;
  GtkListView *messages;
  GtkStack    *message_stack;
} CartableTestPanes;

/* Conditions on @panes: the Inbox is selected and lists 20 messages or
 * more; the message pane shows a message, loaded. */
gboolean       cartable_test_panes_inbox_listed    (gpointer          panes);
gboolean       cartable_test_panes_message_shown   (gpointer          panes);

/* The full version's search as the search tests reach it: the view, its
 * search bar and field, the message list, the stack around it, the
 * message's web view and the stack around that. */
typedef struct
{
  CartableMainView      *view;
  CartableMailSearchBar *bar;
  GtkEditable           *entry;
  GtkListView           *messages;
  GtkStack              *list_stack;
  CartableHtmlView      *html;
  GtkStack              *message_stack;
} CartableTestSearch;

/* Finds @search's widgets in @window, the application's main window. */
void           cartable_test_find_search           (GtkWindow          *window,
                                                    CartableTestSearch *search);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-mail-search-bar.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MESSAGE_LIST_PANE (cartable_message_list_pane_get_type ())

/* The full version's middle pane: a header with the folder's name, the
 * way back and the search toggle, the search bar, then the message list
 * or what stands in its place (no folder, loading, empty, nothing found,
 * an error). The view decides what is shown; the pane shows it. */
G_DECLARE_FINAL_TYPE (CartableMessageListPane, cartable_message_list_pane, CARTABLE, MESSAGE_LIST_PANE, GtkWidget)

GtkListView           *cartable_message_list_pane_get_list_view     (CartableMessageListPane *self);
CartableMailSearchBar *cartable_message_list_pane_get_search_bar    (CartableMessageListPane *self);
GtkToggleButton       *cartable_message_list_pane_get_search_button (CartableMessageListPane *self);
void                   cartable_message_list_pane_popup_menu        (CartableMessageListPane *self,
                                                                     GMenuModel              *menu,
                                                                     GtkWidget               *anchor,
                                                                     double                   x,
                                                                     double                   y);

void                   cartable_message_list_pane_set_title         (CartableMessageListPane *self,
                                                                     const char              *title);
void                   cartable_message_list_pane_set_subtitle      (CartableMessageListPane *self,
                                                                     const char              *subtitle);
/* The page shown: "none", "loading", "empty", "no-results", "error" or "list". */
const char            *cartable_message_list_pane_get_page          (CartableMessageListPane *self);
void                   cartable_message_list_pane_show_page         (CartableMessageListPane *self,
                                                                     const char              *page);
/* The "error" page, where cartable_message_list_pane_show_error() writes. */
AdwStatusPage         *cartable_message_list_pane_get_error_page    (CartableMessageListPane *self);
void                   cartable_message_list_pane_show_error        (CartableMessageListPane *self,
                                                                     const char              *description);
void                   cartable_message_list_pane_show_no_results   (CartableMessageListPane *self,
                                                                     const char              *description);
/* Whether the loading page's spinner turns. */
void                   cartable_message_list_pane_set_loading       (CartableMessageListPane *self,
                                                                     gboolean                 loading);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-folder-tree.h"
#include "cartable-mail-search.h"
#include "cartable-message-list.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_SEARCH_RESULTS (cartable_search_results_get_type ())

/* A search over every folder of an account: a GListModel of
 * CartableMessageSummary, each knowing its folder
 * (cartable_message_summary_get_folder_name). Rows only ever join at the
 * end: first the messages whose sender, recipients or subject match, newest
 * first across the folders, then, folder by folder, those matching by their
 * text. Rows leave when their message leaves its folder, and follow its
 * flags. */
G_DECLARE_FINAL_TYPE (CartableSearchResults, cartable_search_results, CARTABLE, SEARCH_RESULTS, GObject)

CartableSearchResults *cartable_search_results_new           (CartableFolderTree    *tree);
CartableFolderTree    *cartable_search_results_get_tree      (CartableSearchResults *self);

/* Empties the results and searches the selectable folders of the tree:
 * @headers over the cached headers (refreshed from the server when online),
 * then @body (may be NULL) in the text of the messages. A search started
 * again, or cartable_search_results_clear(), cancels the one running. The
 * rows arrive while it runs; it ends with @complete (may be NULL) FALSE
 * when some folder or message could not be searched. */
void                   cartable_search_results_search_async  (CartableSearchResults *self,
                                                              CartableSearchQuery   *headers,
                                                              CartableSearchQuery   *body,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean               cartable_search_results_search_finish (CartableSearchResults *self,
                                                              GAsyncResult          *result,
                                                              gboolean              *complete,
                                                              GError               **error);
/* Whether a search runs. */
gboolean               cartable_search_results_get_searching (CartableSearchResults *self);
/* Cancels the search running and empties the results. */
void                   cartable_search_results_clear         (CartableSearchResults *self);
/* Position of @uid of @folder_name, or -1. */
int                    cartable_search_results_find          (CartableSearchResults *self,
                                                              const char            *folder_name,
                                                              const char            *uid);

G_END_DECLS

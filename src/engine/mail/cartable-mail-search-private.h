/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-mail-search.h"

G_BEGIN_DECLS

/* For the engine's files: searching Camel's folders. */

/* Matches everything but the body, over Camel's cached headers. */
gboolean             cartable_search_query_matches_info    (CartableSearchQuery *self,
                                                            CamelMessageInfo    *info);

/* Uids of @folder's messages matching @query: headers from the cache; the
 * body, when online, in the server's candidates (fetched and checked here)
 * and, offline or when the server cannot be asked, in the cached messages
 * only. _finish_full and _sync_full set *complete to FALSE when some
 * messages matched everything else but their body could not be searched
 * (offline and not cached, or not fetched). */
void       cartable_mail_search_async             (CamelFolder         *folder,
                                                   CartableSearchQuery *query,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray *cartable_mail_search_finish            (GAsyncResult        *result,
                                                   GError             **error);
GPtrArray *cartable_mail_search_finish_full       (GAsyncResult        *result,
                                                   gboolean            *complete,
                                                   GError             **error);
GPtrArray *cartable_mail_search_sync              (CamelFolder         *folder,
                                                   CartableSearchQuery *query,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
GPtrArray *cartable_mail_search_sync_full         (CamelFolder         *folder,
                                                   CartableSearchQuery *query,
                                                   gboolean            *complete,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

G_END_DECLS

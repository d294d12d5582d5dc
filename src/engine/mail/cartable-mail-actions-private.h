/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

G_BEGIN_DECLS

/* Uids of @folder moved while offline and not yet replayed (hidden from
 * lists meanwhile). */
GHashTable *_cartable_mail_dup_pending_moves (CamelFolder *folder);

/* Deletes every message of @folder for good (Trash, Junk): refreshed
 * first, so messages that arrived from elsewhere go too. */
gboolean    _cartable_mail_empty_folder_sync (CamelFolder   *folder,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

G_BEGIN_DECLS

/* Uids of @folder moved while offline and not yet replayed (hidden from
 * lists meanwhile). */
GHashTable *_cartable_mail_dup_pending_moves (CamelFolder *folder);
gboolean    _cartable_mail_is_pending_move   (CamelFolder *folder,
                                              const char  *uid);

G_END_DECLS

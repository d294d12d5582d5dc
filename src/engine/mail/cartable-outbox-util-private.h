/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

G_BEGIN_DECLS

/* Helpers shared by the outbox and the drafts (engine-internal). */

gboolean          cartable_outbox_util_write_durable   (const char        *path,
                                                        const char        *contents,
                                                        gssize             length,
                                                        GError           **error);
gboolean          cartable_outbox_util_sync_dir        (const char        *dir,
                                                        GError           **error);
gboolean          cartable_outbox_util_remove_durable  (const char        *path,
                                                        GError           **error);
CamelMimeMessage *cartable_outbox_util_parse_message   (GBytes            *bytes,
                                                        GCancellable      *cancellable,
                                                        GError           **error);
CamelFolder      *cartable_outbox_util_get_special_folder (CamelStore     *store,
                                                           guint32         folder_type,
                                                           const char     *fallback_name,
                                                           GCancellable   *cancellable,
                                                           GError        **error);
GPtrArray        *cartable_outbox_util_find_message_id (CamelFolder     *folder,
                                                        const char      *message_id,
                                                        GCancellable    *cancellable,
                                                        GError         **error);

G_END_DECLS

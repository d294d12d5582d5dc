/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-message.h"

G_BEGIN_DECLS

/* For the engine's files: messages of a Camel folder. */

/* Fetches through Camel (its offline cache first) and parses. */
void             cartable_message_load_async         (CamelFolder         *folder,
                                                      const char          *uid,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CartableMessage *cartable_message_load_finish        (GAsyncResult        *result,
                                                      GError             **error);
/* Blocking variant for worker threads. */
CartableMessage *cartable_message_load_sync          (CamelFolder         *folder,
                                                      const char          *uid,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

G_END_DECLS

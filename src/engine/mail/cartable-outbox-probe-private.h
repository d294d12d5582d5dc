/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

G_BEGIN_DECLS

/* Engine-internal: learns the SMTP reply code Camel does not report. */

int cartable_outbox_probe_reply_code (CamelTransport      *transport,
                                      const char          *from,
                                      const char * const  *recipients,
                                      char               **out_reply,
                                      GCancellable        *cancellable,
                                      GError             **error);

G_END_DECLS

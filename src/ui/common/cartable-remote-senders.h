/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *cartable_remote_senders_address_of (const char         *from);
gboolean  cartable_remote_senders_allows     (GSettings          *settings,
                                             const char         *from);
gboolean  cartable_remote_senders_contains   (const char * const *senders,
                                              const char         *from);
char    **cartable_remote_senders_add        (const char * const *senders,
                                              const char         *from);

G_END_DECLS

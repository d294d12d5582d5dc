/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cartable_link_opener_open (GtkWidget  *from,
                                const char *uri,
                                const char *label);

G_END_DECLS

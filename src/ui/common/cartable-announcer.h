/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_ANNOUNCER (cartable_announcer_get_type ())
G_DECLARE_FINAL_TYPE (CartableAnnouncer, cartable_announcer, CARTABLE, ANNOUNCER, GtkWidget)

GtkWidget  *cartable_announcer_new  (void);
void        cartable_announcer_say  (CartableAnnouncer *self,
                                     const char        *text);
gboolean    cartable_announce       (GtkWidget         *from,
                                     const char        *text);

G_END_DECLS

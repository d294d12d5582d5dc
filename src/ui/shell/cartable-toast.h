/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToastOverlay *cartable_toast_find_overlay (GtkWidget *from);
gboolean         cartable_toast_show         (GtkWidget *from,
                                              AdwToast  *toast);

void             cartable_toast_add          (AdwToastOverlay *overlay,
                                              AdwToast        *toast);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GMenuModel *cartable_primary_menu_new (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*CartableRowRefreshFunc) (GtkListItem *item,
                                        gpointer     user_data);

/* While @item is bound: @refresh runs whenever its message summary is
 * read or flagged (the message list changes that object in place rather
 * than replacing the row, so selection and focus stay). */
void cartable_row_watch   (GtkListItem            *item,
                           CartableRowRefreshFunc  refresh,
                           gpointer                user_data);
/* At unbind: @item follows its summary no more. */
void cartable_row_unwatch (GtkListItem            *item);

G_END_DECLS

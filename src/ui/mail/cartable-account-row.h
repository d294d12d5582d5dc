/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_ACCOUNT_ROW (cartable_account_row_get_type ())

/* An account of the sidebar, above its folders: its name, its address
 * and, while it cannot reach its mail, why. Not selectable; its context
 * menu offers a folder at the top level. */
G_DECLARE_FINAL_TYPE (CartableAccountRow, cartable_account_row, CARTABLE, ACCOUNT_ROW, GtkListBoxRow)

GtkWidget              *cartable_account_row_new            (CartableAccountSession *session);
CartableAccountSession *cartable_account_row_get_session    (CartableAccountRow     *self);
const char             *cartable_account_row_get_account_id (CartableAccountRow     *self);

G_END_DECLS

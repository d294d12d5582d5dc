/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_FOLDER_ROW (cartable_folder_row_get_type ())

/* A folder of the sidebar: its role's icon, its name indented by its
 * depth, its unread count, following its CartableFolderItem. */
G_DECLARE_FINAL_TYPE (CartableFolderRow, cartable_folder_row, CARTABLE, FOLDER_ROW, GtkListBoxRow)

GtkWidget              *cartable_folder_row_new            (CartableAccountSession *session,
                                                            CartableFolderItem     *item);
CartableAccountSession *cartable_folder_row_get_session    (CartableFolderRow      *self);
CartableFolderItem     *cartable_folder_row_get_item       (CartableFolderRow      *self);
const char             *cartable_folder_row_get_account_id (CartableFolderRow      *self);
const char             *cartable_folder_row_get_full_name  (CartableFolderRow      *self);

/* Plain functions, no display needed. */
const char             *cartable_folder_row_icon_name      (CartableFolderRole      role);
char                   *cartable_folder_row_dup_accessible_name (const char     *display_name,
                                                                 int             unread);

G_END_DECLS

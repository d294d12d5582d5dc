/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mail/cartable-folder-tree.h"
#include "mail/cartable-message-list.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MESSAGE_ROW (cartable_message_row_get_type ())

/* One row of a message list, bound to its summary: compact in the full
 * version, large (bigger text, unread in colour) in the simple one. */
G_DECLARE_FINAL_TYPE (CartableMessageRow, cartable_message_row, CARTABLE, MESSAGE_ROW, GtkWidget)

GtkWidget              *cartable_message_row_new             (gboolean                large);
CartableMessageSummary *cartable_message_row_get_summary     (CartableMessageRow     *self);
void                    cartable_message_row_set_summary     (CartableMessageRow     *self,
                                                              CartableMessageSummary *summary);
gboolean                cartable_message_row_get_large       (CartableMessageRow     *self);
void                    cartable_message_row_set_large       (CartableMessageRow     *self,
                                                              gboolean                large);
/* The role of the folder listed: in sent mail, who it went to matters. */
CartableFolderRole      cartable_message_row_get_folder_role (CartableMessageRow     *self);
void                    cartable_message_row_set_folder_role (CartableMessageRow     *self,
                                                              CartableFolderRole      role);
/* The folder of a search result over several folders (its name as the
 * sidebar shows it), under the subject; NULL for none. */
const char             *cartable_message_row_get_folder_label (CartableMessageRow    *self);
void                    cartable_message_row_set_folder_label (CartableMessageRow    *self,
                                                               const char            *label);

/* A list item factory making rows bound to the items of a list of
 * CartableMessageSummary; connect to its "setup" and "bind" after it to
 * add to them. */
GtkListItemFactory     *cartable_message_row_factory_new     (gboolean                large);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cartable-engine.h"
#include "mail/cartable-folder-tree.h"
#include "mail/cartable-message-list.h"

G_BEGIN_DECLS

GMenuModel *cartable_message_actions_menu_new     (CartableFolderTree  *tree,
                                                   const char          *current_folder,
                                                   gboolean             flagged);
GPtrArray  *cartable_message_actions_dup_uids     (GtkSelectionModel   *selection,
                                                   CartableMessageList *list);
guint       cartable_message_actions_count        (GtkSelectionModel   *selection);
char       *cartable_message_actions_encode_drag  (const char          *account_id,
                                                   const char          *folder_name,
                                                   const char * const  *uids);
gboolean    cartable_message_actions_decode_drag  (const char          *text,
                                                   char               **account_id,
                                                   char               **folder_name,
                                                   char              ***uids);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "cartable-folder-names.h"

G_BEGIN_DECLS

/* The sidebar's folder commands on a view with a « controller » property
 * (its CartableMailController) and a mail.show-folder « (account id,
 * folder full name) » action: mail.folder-new,
 * mail.folder-rename, mail.folder-delete, mail.empty-trash,
 * mail.empty-junk, mail.folder-subscribe and mail.folder-unsubscribe, each with an « (account id, folder full name) »
 * parameter (an empty full name for the top level of mail.folder-new). */
void                     cartable_folder_actions_install   (GtkWidgetClass      *widget_class);
/* Those commands for the menu of @item (NULL: the account's top level). */
GMenuModel              *cartable_folder_menu_new          (const char          *account_id,
                                                            CartableFolderItem  *item);

G_END_DECLS

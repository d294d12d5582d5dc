/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIL_SIDEBAR (cartable_mail_sidebar_get_type ())

/* The full version's first pane: the main menu, then every account of the
 * sessions with its folders, following each session's folder tree as it
 * changes (folders made or removed on the server come and go at the next
 * refresh). Says which folder the user opened (::folder-selected, when a
 * row is activated: the arrow keys only move the selection) and
 * offers the folder commands (mail.folder-*) in each row's menu and in the
 * header's menu button. Lists the subscribed folders, or every folder
 * (:show-all-folders, sidebar.show-all-folders). */
G_DECLARE_FINAL_TYPE (CartableMailSidebar, cartable_mail_sidebar, CARTABLE, MAIL_SIDEBAR, GtkWidget)

CartableSessions *cartable_mail_sidebar_get_sessions       (CartableMailSidebar *self);
void              cartable_mail_sidebar_set_sessions       (CartableMailSidebar *self,
                                                            CartableSessions    *sessions);
void              cartable_mail_sidebar_set_menu_model     (CartableMailSidebar *self,
                                                            GMenuModel          *menu);
/* The folder shown, selected without ::folder-selected (NULL: none). */
void              cartable_mail_sidebar_set_selected       (CartableMailSidebar *self,
                                                            const char          *account_id,
                                                            const char          *full_name);
const char       *cartable_mail_sidebar_get_selected_account (CartableMailSidebar *self);
const char       *cartable_mail_sidebar_get_selected_folder  (CartableMailSidebar *self);

G_END_DECLS

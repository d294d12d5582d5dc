/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_FOLDER_NAME_DIALOG (cartable_folder_name_dialog_get_type ())

/* The name of a new folder (response « create ») or a folder's new name
 * (response « rename »), checked as it is typed against the names of the
 * folders beside it; the answer is enabled only for a name that can be used. */
G_DECLARE_FINAL_TYPE (CartableFolderNameDialog, cartable_folder_name_dialog, CARTABLE, FOLDER_NAME_DIALOG,
                      AdwMessageDialog)

/* @parent_display_name: the folder the new one goes in, NULL at the top level. */
GtkWidget  *cartable_folder_name_dialog_new_create  (GtkWindow                *parent,
                                                     const char               *parent_display_name,
                                                     const char * const       *siblings);
/* @current_name: the name to replace, as the server knows it. */
GtkWidget  *cartable_folder_name_dialog_new_rename  (GtkWindow                *parent,
                                                     const char               *display_name,
                                                     const char               *current_name,
                                                     const char * const       *siblings);
/* The name typed, without the spaces around it. */
char       *cartable_folder_name_dialog_dup_new_name (CartableFolderNameDialog *self);
void        cartable_folder_name_dialog_set_new_name (CartableFolderNameDialog *self,
                                                     const char               *name);
/* Whether the name typed can be given to the folder. */
gboolean    cartable_folder_name_dialog_get_valid   (CartableFolderNameDialog *self);

G_END_DECLS

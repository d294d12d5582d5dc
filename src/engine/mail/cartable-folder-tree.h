/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-folder-role.h"
#include "cartable-mail-session.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_FOLDER_ITEM (cartable_folder_item_get_type ())

G_DECLARE_FINAL_TYPE (CartableFolderItem, cartable_folder_item, CARTABLE, FOLDER_ITEM, GObject)

const char         *cartable_folder_item_get_full_name    (CartableFolderItem *self);
const char         *cartable_folder_item_get_display_name (CartableFolderItem *self);
CartableFolderRole  cartable_folder_item_get_role         (CartableFolderItem *self);
guint               cartable_folder_item_get_depth        (CartableFolderItem *self);
int                 cartable_folder_item_get_unread       (CartableFolderItem *self);
int                 cartable_folder_item_get_total        (CartableFolderItem *self);
gboolean            cartable_folder_item_get_subscribed   (CartableFolderItem *self);
gboolean            cartable_folder_item_get_selectable   (CartableFolderItem *self);

#define CARTABLE_TYPE_FOLDER_TREE (cartable_folder_tree_get_type ())

/* A flat GListModel of CartableFolderItem in display order (the special
 * folders first, then the others, each followed by its subfolders; depth
 * tells the indentation). Counts follow the store live. */
G_DECLARE_FINAL_TYPE (CartableFolderTree, cartable_folder_tree, CARTABLE, FOLDER_TREE, GObject)

/* The folders of @account_id's store in @session (an account the session
 * knows). */
CartableFolderTree *cartable_folder_tree_new_for_account  (CartableMailSession *session,
                                                           const char          *account_id);
CartableFolderItem *cartable_folder_tree_find             (CartableFolderTree  *self,
                                                           const char          *full_name);
CartableFolderItem *cartable_folder_tree_find_role        (CartableFolderTree  *self,
                                                           CartableFolderRole   role);

/* Reloads the folder list; with @from_server, asks the server (folders
 * created by other clients appear), otherwise reads Camel's cache. */
void                cartable_folder_tree_refresh_async    (CartableFolderTree  *self,
                                                           gboolean             from_server,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            cartable_folder_tree_refresh_finish   (CartableFolderTree  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* @parent_full_name NULL for the top level. */
void                cartable_folder_tree_create_async     (CartableFolderTree  *self,
                                                           const char          *parent_full_name,
                                                           const char          *name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* Returns the new folder's full name. */
char               *cartable_folder_tree_create_finish    (CartableFolderTree  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                cartable_folder_tree_rename_async     (CartableFolderTree  *self,
                                                           const char          *full_name,
                                                           const char          *new_name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            cartable_folder_tree_rename_finish    (CartableFolderTree  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                cartable_folder_tree_delete_async     (CartableFolderTree  *self,
                                                           const char          *full_name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            cartable_folder_tree_delete_finish    (CartableFolderTree  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Deletes every message of @full_name for good (the Junk folder). */
void                cartable_folder_tree_empty_async      (CartableFolderTree  *self,
                                                           const char          *full_name,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            cartable_folder_tree_empty_finish     (CartableFolderTree  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Deletes every message of the store's Trash for good. */
void                cartable_folder_tree_empty_trash_async  (CartableFolderTree  *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            cartable_folder_tree_empty_trash_finish (CartableFolderTree  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void                cartable_folder_tree_subscribe_async  (CartableFolderTree  *self,
                                                           const char          *full_name,
                                                           gboolean             subscribe,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            cartable_folder_tree_subscribe_finish (CartableFolderTree  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS

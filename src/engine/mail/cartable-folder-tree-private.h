/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-folder-tree.h"

G_BEGIN_DECLS

/* For the engine's files: the tree of a Camel store, and that store. */
CartableFolderTree *cartable_folder_tree_new       (CamelStore         *store);
CamelStore         *cartable_folder_tree_get_store (CartableFolderTree *self);

G_END_DECLS

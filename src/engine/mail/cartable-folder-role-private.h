/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-folder-role.h"

G_BEGIN_DECLS

/* The role of a folder from Camel's folder flags (CamelFolderInfoFlags) (special-use), else from its
 * well-known name when it sits at the top level. */
CartableFolderRole  cartable_folder_role_from_info        (const char        *full_name,
                                                           guint32            camel_flags);

G_END_DECLS

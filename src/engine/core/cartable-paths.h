/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *cartable_paths_get_config_dir      (void);
char       *cartable_paths_get_data_dir        (void);
char       *cartable_paths_get_cache_dir       (void);
char       *cartable_paths_get_account_dir     (const char *kind,
                                                const char *account_id);
gboolean    cartable_paths_is_safe_component   (const char *name);

G_END_DECLS

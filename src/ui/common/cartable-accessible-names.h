/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void   cartable_accessible_names_install (void);
/* @label without its mnemonic underscores: "Se _connecter" → "Se connecter",
 * "a__b" → "a_b". */
char  *cartable_accessible_strip_mnemonic (const char *label);

G_END_DECLS

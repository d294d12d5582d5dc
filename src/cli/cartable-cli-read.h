/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-cli.h"

G_BEGIN_DECLS

int cartable_cli_sync    (int    argc,
                          char **argv);
int cartable_cli_folders (int    argc,
                          char **argv);
int cartable_cli_list    (int    argc,
                          char **argv);
int cartable_cli_read    (int    argc,
                          char **argv);
int cartable_cli_search  (int    argc,
                          char **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

typedef int (*CartableCliRun) (int argc, char **argv);

typedef struct
{
  const char     *name;
  CartableCliRun  run;
  const char     *arguments;
  const char     *summary;
} CartableCliCommand;

/* Each area registers its commands in its own file, in a table that ends
 * with an entry whose name is NULL. */
extern const CartableCliCommand cartable_cli_account_commands[];
extern const CartableCliCommand cartable_cli_mail_commands[];

G_END_DECLS

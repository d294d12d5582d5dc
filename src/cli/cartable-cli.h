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

G_END_DECLS

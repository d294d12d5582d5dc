/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-cli.h"

G_BEGIN_DECLS

/* The exit status of send and outbox when the server did not answer and
 * the messages wait in the outbox (EX_TEMPFAIL). */
#define CARTABLE_CLI_EXIT_QUEUED 75

int cartable_cli_send   (int    argc,
                         char **argv);
int cartable_cli_outbox (int    argc,
                         char **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-cli-mail"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-cli.h"

const CartableCliCommand cartable_cli_mail_commands[] = {
  { NULL }
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-cli-mail"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-cli.h"
#include "cartable-cli-send.h"

const CartableCliCommand cartable_cli_mail_commands[] = {
  { "send", cartable_cli_send, NULL, N_("Send a message (through the outbox)") },
  { "outbox", cartable_cli_outbox, NULL, N_("List the outbox, send what waits, discard a message") },
  { NULL }
};

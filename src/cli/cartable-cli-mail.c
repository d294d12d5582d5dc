/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-cli-mail"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-cli.h"
#include "cartable-cli-send.h"
#include "cartable-cli-read.h"

const CartableCliCommand cartable_cli_mail_commands[] = {
  { "sync", cartable_cli_sync, NULL, N_("Synchronise a folder with the server, showing progress") },
  { "folders", cartable_cli_folders, NULL, N_("List the folders with their unread and total counts") },
  { "list", cartable_cli_list, NULL, N_("List a folder’s messages, newest first") },
  { "read", cartable_cli_read, N_("UID"), N_("Show a message, save its attachments") },
  { "search", cartable_cli_search, N_("[WORD…]"), N_("Search messages, ignoring case and accents") },
  { "send", cartable_cli_send, NULL, N_("Send a message (through the outbox)") },
  { "outbox", cartable_cli_outbox, NULL, N_("List the outbox, send what waits, discard a message") },
  { NULL }
};

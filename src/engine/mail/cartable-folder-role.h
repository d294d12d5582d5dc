/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CARTABLE_FOLDER_ROLE_NONE,
  CARTABLE_FOLDER_ROLE_INBOX,
  CARTABLE_FOLDER_ROLE_DRAFTS,
  CARTABLE_FOLDER_ROLE_SENT,
  CARTABLE_FOLDER_ROLE_ARCHIVE,
  CARTABLE_FOLDER_ROLE_JUNK,
  CARTABLE_FOLDER_ROLE_TRASH,
  CARTABLE_FOLDER_ROLE_OUTBOX,
} CartableFolderRole;

/* The localised name of a special folder ("Boîte de réception"…), or NULL
 * for CARTABLE_FOLDER_ROLE_NONE. */
const char         *cartable_folder_role_get_display_name (CartableFolderRole role);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <camel/camel.h>
#include <glib/gi18n-lib.h>

#include "cartable-folder-role-private.h"

/* What a folder is for (Inbox, Sent, Trash…): told by the folder tree, and
 * used by the actions to find where a message goes. */

const char *
cartable_folder_role_get_display_name (CartableFolderRole role)
{
  switch (role)
    {
    case CARTABLE_FOLDER_ROLE_INBOX:
      return _("Inbox");
    case CARTABLE_FOLDER_ROLE_DRAFTS:
      return _("Drafts");
    case CARTABLE_FOLDER_ROLE_SENT:
      return _("Sent");
    case CARTABLE_FOLDER_ROLE_ARCHIVE:
      return _("Archives");
    case CARTABLE_FOLDER_ROLE_JUNK:
      return _("Junk");
    case CARTABLE_FOLDER_ROLE_TRASH:
      return _("Trash");
    case CARTABLE_FOLDER_ROLE_OUTBOX:
      return _("Outbox");
    case CARTABLE_FOLDER_ROLE_NONE:
    default:
      return NULL;
    }
}

CartableFolderRole
cartable_folder_role_from_info (const char *full_name,
                                guint32     camel_flags)
{
  static const struct { const char *name; CartableFolderRole role; } names[] = {
    { "Drafts", CARTABLE_FOLDER_ROLE_DRAFTS },
    { "Brouillons", CARTABLE_FOLDER_ROLE_DRAFTS },
    { "Sent", CARTABLE_FOLDER_ROLE_SENT },
    { "Sent Messages", CARTABLE_FOLDER_ROLE_SENT },
    { "Envoyés", CARTABLE_FOLDER_ROLE_SENT },
    { "Archive", CARTABLE_FOLDER_ROLE_ARCHIVE },
    { "Archives", CARTABLE_FOLDER_ROLE_ARCHIVE },
    { "Junk", CARTABLE_FOLDER_ROLE_JUNK },
    { "Spam", CARTABLE_FOLDER_ROLE_JUNK },
    { "Indésirables", CARTABLE_FOLDER_ROLE_JUNK },
    { "Trash", CARTABLE_FOLDER_ROLE_TRASH },
    { "Corbeille", CARTABLE_FOLDER_ROLE_TRASH },
  };

  switch (camel_flags & CAMEL_FOLDER_TYPE_MASK)
    {
    case CAMEL_FOLDER_TYPE_INBOX:
      return CARTABLE_FOLDER_ROLE_INBOX;
    case CAMEL_FOLDER_TYPE_DRAFTS:
      return CARTABLE_FOLDER_ROLE_DRAFTS;
    case CAMEL_FOLDER_TYPE_SENT:
      return CARTABLE_FOLDER_ROLE_SENT;
    case CAMEL_FOLDER_TYPE_ARCHIVE:
      return CARTABLE_FOLDER_ROLE_ARCHIVE;
    case CAMEL_FOLDER_TYPE_JUNK:
      return CARTABLE_FOLDER_ROLE_JUNK;
    case CAMEL_FOLDER_TYPE_TRASH:
      return CARTABLE_FOLDER_ROLE_TRASH;
    case CAMEL_FOLDER_TYPE_OUTBOX:
      return CARTABLE_FOLDER_ROLE_OUTBOX;
    default:
      break;
    }

  if (full_name == NULL)
    return CARTABLE_FOLDER_ROLE_NONE;

  if (g_ascii_strcasecmp (full_name, "INBOX") == 0)
    return CARTABLE_FOLDER_ROLE_INBOX;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (full_name, names[i].name))
      return names[i].role;

  return CARTABLE_FOLDER_ROLE_NONE;
}

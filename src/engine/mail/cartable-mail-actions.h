/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the user does to messages: see cartable_mail_folder_apply_async(). */
typedef enum
{
  CARTABLE_MAIL_ACTION_MARK_READ,
  CARTABLE_MAIL_ACTION_MARK_UNREAD,
  CARTABLE_MAIL_ACTION_FLAG,
  CARTABLE_MAIL_ACTION_UNFLAG,
  CARTABLE_MAIL_ACTION_DELETE,     /* to Trash; from Trash, deleted for good */
  CARTABLE_MAIL_ACTION_ARCHIVE,
  CARTABLE_MAIL_ACTION_JUNK,
  CARTABLE_MAIL_ACTION_NOT_JUNK,   /* back to the Inbox */
} CartableMailAction;

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mail/cartable-folder-tree.h"

G_BEGIN_DECLS

/* What the mail window shows, computed by plain functions. */

/* The display name of the first address of @addresses, else the address
 * itself, else "(no sender)". */
char     *cartable_mail_display_sender          (const char   *addresses);
/* @subject, or "(no subject)" when it is empty or missing. */
const char *cartable_mail_display_subject       (const char   *subject);
/* The name a message list row shows: the recipients ("To: Marie Durand")
 * in the Sent, Drafts and Outbox folders, the sender elsewhere. */
char     *cartable_mail_display_row_name        (CartableFolderRole  role,
                                                 const char         *from,
                                                 const char         *to);
/* What a message list row says with marks rather than words. */
typedef enum
{
  CARTABLE_ROW_MARK_NONE       = 0,
  CARTABLE_ROW_MARK_UNREAD     = 1 << 0,
  CARTABLE_ROW_MARK_FLAGGED    = 1 << 1,
  CARTABLE_ROW_MARK_ANSWERED   = 1 << 2,
  CARTABLE_ROW_MARK_DRAFT      = 1 << 3,
  CARTABLE_ROW_MARK_ATTACHMENT = 1 << 4,
} CartableRowMarks;

/* The sentence a screen reader speaks for a message list row: its state,
 * who, what, when (@date as the row shows it, or NULL), its attachments,
 * the conversation's size (@n_messages over 1) and, in a search over
 * every folder, its @folder (or NULL). */
char     *cartable_mail_display_row_sentence    (CartableRowMarks  marks,
                                                 const char       *person,
                                                 const char       *subject,
                                                 const char       *date,
                                                 guint             n_messages,
                                                 const char       *folder);
/* A French sentence for why an account cannot reach its mail, saying what
 * to do. */
char     *cartable_mail_display_account_error   (const GError *error);
/* Whether a link's visible text shows another target than @uri (then the
 * user is told the real target before anything opens). */
gboolean  cartable_mail_display_link_misleads   (const char   *uri,
                                                 const char   *label);

G_END_DECLS

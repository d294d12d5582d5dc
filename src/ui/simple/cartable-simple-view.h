/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-view.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_SIMPLE_VIEW (cartable_simple_view_get_type ())

/* The simple version: one column, the received (or sent) mail in large
 * rows, reading in the same column, writing and replying. */
G_DECLARE_FINAL_TYPE (CartableSimpleView, cartable_simple_view, CARTABLE, SIMPLE_VIEW, CartableMailView)

/* Where the user is: the account and folder listed or read, and the uid
 * of the message open (NULL on the list). */
const char           *cartable_simple_view_get_account_id    (CartableSimpleView   *self);
const char           *cartable_simple_view_get_folder_name   (CartableSimpleView   *self);
const char           *cartable_simple_view_get_message_uid   (CartableSimpleView   *self);
/* The message shown, once loaded, or NULL. */
CartableMessage      *cartable_simple_view_get_message       (CartableSimpleView   *self);

/* Takes the user where another view left them: the list of @folder_name's
 * box (Inbox, or Sent when it is the Sent folder) of @account_id, and the
 * message @uid of @folder_name open when @uid is given. */
void                  cartable_simple_view_show_message      (CartableSimpleView   *self,
                                                              const char           *account_id,
                                                              const char           *folder_name,
                                                              const char           *uid);

G_END_DECLS

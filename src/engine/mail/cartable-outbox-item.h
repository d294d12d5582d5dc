/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cartable-outbox-state.h"

G_BEGIN_DECLS

/* One message of the outbox, as the interface lists it. */
#define CARTABLE_TYPE_OUTBOX_ITEM (cartable_outbox_item_get_type ())

G_DECLARE_FINAL_TYPE (CartableOutboxItem, cartable_outbox_item, CARTABLE, OUTBOX_ITEM, GObject)

const char          *cartable_outbox_item_get_id          (CartableOutboxItem *self);
const char          *cartable_outbox_item_get_message_id  (CartableOutboxItem *self);
const char          *cartable_outbox_item_get_subject     (CartableOutboxItem *self);
const char          *cartable_outbox_item_get_recipients  (CartableOutboxItem *self);
CartableOutboxState  cartable_outbox_item_get_state       (CartableOutboxItem *self);
gint64               cartable_outbox_item_get_send_at     (CartableOutboxItem *self);
guint                cartable_outbox_item_get_attempts    (CartableOutboxItem *self);
const char          *cartable_outbox_item_get_last_error  (CartableOutboxItem *self);

G_END_DECLS

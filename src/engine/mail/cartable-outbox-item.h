/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CartableOutboxState:
 * @CARTABLE_OUTBOX_STATE_QUEUED: waiting (for its time, for the server)
 * @CARTABLE_OUTBOX_STATE_SENDING: handed to the server right now
 * @CARTABLE_OUTBOX_STATE_SENT: accepted by the server; being filed in Sent
 * @CARTABLE_OUTBOX_STATE_UNCERTAIN: the sending was interrupted (crash, lost
 *   connection) at a point where the server may have accepted it: never
 *   resent automatically; the user resends or discards it
 * @CARTABLE_OUTBOX_STATE_FAILED: the server refused it; the user resends or
 *   discards it
 */
typedef enum
{
  CARTABLE_OUTBOX_STATE_QUEUED,
  CARTABLE_OUTBOX_STATE_SENDING,
  CARTABLE_OUTBOX_STATE_SENT,
  CARTABLE_OUTBOX_STATE_UNCERTAIN,
  CARTABLE_OUTBOX_STATE_FAILED,
} CartableOutboxState;

#define CARTABLE_TYPE_OUTBOX_STATE (cartable_outbox_state_get_type ())
GType       cartable_outbox_state_get_type      (void) G_GNUC_CONST;
const char *cartable_outbox_state_to_string     (CartableOutboxState state);
const char *cartable_outbox_state_describe      (CartableOutboxState state);

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

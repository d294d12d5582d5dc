/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The bottom of the outbox's files: its errors and the states of its
 * messages, which the store on disk, the items and the outbox share. */

#define CARTABLE_OUTBOX_ERROR (cartable_outbox_error_quark ())

typedef enum
{
  CARTABLE_OUTBOX_ERROR_FAILED,
  CARTABLE_OUTBOX_ERROR_UNREACHABLE,   /* the server did not answer: the messages wait */
  CARTABLE_OUTBOX_ERROR_NOT_FOUND,     /* no such message in the outbox */
  CARTABLE_OUTBOX_ERROR_BUSY,          /* the message is being sent right now */
  CARTABLE_OUTBOX_ERROR_INVALID,       /* the message cannot be sent as it is */
} CartableOutboxError;

GQuark cartable_outbox_error_quark (void);

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

G_END_DECLS

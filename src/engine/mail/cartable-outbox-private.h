/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-outbox.h"
#include "cartable-outbox-item-private.h"

G_BEGIN_DECLS

/* The outbox is split over cartable-outbox.c (the object, queueing,
 * cancelling) and cartable-outbox-worker.c (sending, retrying, filing in
 * Sent); they share its struct. */
struct _CartableOutbox
{
  GObject              parent_instance;

  CartableMailSession *session;
  char                *account_id;
  char                *dir;
  GListStore          *items;
  GMainContext        *context;

  gboolean             running;
  gboolean             busy;
  guint                timeout_id;
  guint                retry_delay;     /* seconds; 0 while the server answers */
  gint64               retry_at;        /* Unix time, 0 if none */
  char                *last_error;
  GHashTable          *in_flight;       /* ids in the current round */
  GCancellable        *cancellable;

  int                  lock_fd;         /* flock: one process owns the outbox */
  GPtrArray           *round_waiters;   /* flushes answered by this round */
  GPtrArray           *next_waiters;    /* flushes that need another round */
};

/* cartable-outbox.c */
CartableOutboxItem *_cartable_outbox_find_item         (CartableOutbox     *self,
                                                        const char         *id,
                                                        guint              *position);
void                _cartable_outbox_remove_item       (CartableOutbox     *self,
                                                        const char         *id);
void                _cartable_outbox_notify_n_pending  (CartableOutbox     *self);
void                _cartable_outbox_notify_retry_at   (CartableOutbox     *self);
void                _cartable_outbox_set_last_error    (CartableOutbox     *self,
                                                        const char         *message);
void                _cartable_outbox_emit_message_sent (CartableOutbox     *self,
                                                        CartableOutboxItem *item);

/* cartable-outbox-worker.c */
void                _cartable_outbox_schedule          (CartableOutbox     *self);

G_END_DECLS

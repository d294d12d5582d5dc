/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <gmime/gmime.h>

#include "cartable-mail-session.h"
#include "cartable-outbox-item.h"

G_BEGIN_DECLS

#define CARTABLE_DEFAULT_UNDO_DELAY_SECONDS 10

#define CARTABLE_TYPE_OUTBOX (cartable_outbox_get_type ())

G_DECLARE_FINAL_TYPE (CartableOutbox, cartable_outbox, CARTABLE, OUTBOX, GObject)

CartableOutbox     *cartable_outbox_new              (CartableMailSession *session,
                                                      const char          *account_id,
                                                      GError             **error);
GListModel         *cartable_outbox_get_items        (CartableOutbox      *self);
CartableOutboxItem *cartable_outbox_lookup           (CartableOutbox      *self,
                                                      const char          *id);
guint               cartable_outbox_get_n_pending    (CartableOutbox      *self);

CartableOutboxItem *cartable_outbox_queue            (CartableOutbox      *self,
                                                      GMimeMessage        *message,
                                                      gint64               send_at,
                                                      GError             **error);
void                cartable_outbox_queue_async      (CartableOutbox      *self,
                                                      GMimeMessage        *message,
                                                      gint64               send_at,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CartableOutboxItem *cartable_outbox_queue_finish     (CartableOutbox      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
gboolean            cartable_outbox_cancel           (CartableOutbox      *self,
                                                      const char          *id,
                                                      GError             **error);
gboolean            cartable_outbox_resend           (CartableOutbox      *self,
                                                      const char          *id,
                                                      GError             **error);

void                cartable_outbox_set_running      (CartableOutbox      *self,
                                                      gboolean             running);
gboolean            cartable_outbox_get_running      (CartableOutbox      *self);
gint64              cartable_outbox_get_retry_at     (CartableOutbox      *self);
const char         *cartable_outbox_get_last_error   (CartableOutbox      *self);

void                cartable_outbox_flush_async      (CartableOutbox      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            cartable_outbox_flush_finish     (CartableOutbox      *self,
                                                      GAsyncResult        *result,
                                                      guint               *out_n_sent,
                                                      GError             **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-outbox-state.h"

G_BEGIN_DECLS

/* The outbox on disk (engine-internal): a folder of the account's data dir
 * holding, per message, ID.eml (the message) and ID.state (a key file
 * holding a CartableOutboxRecord). Plain functions of a folder path, safe
 * to call from any thread. */

/* What the state file holds; plain data, copied to worker threads. */
typedef struct
{
  char                *id;
  char                *message_id;
  char                *subject;
  char                *recipients;
  CartableOutboxState  state;
  gint64               created;
  gint64               send_at;
  guint                attempts;
  char                *last_error;
} CartableOutboxRecord;

void        cartable_outbox_record_clear        (CartableOutboxRecord        *record);
void        cartable_outbox_record_copy         (CartableOutboxRecord        *dest,
                                                 const CartableOutboxRecord  *src);
void        cartable_outbox_record_free         (CartableOutboxRecord        *record);

gboolean    cartable_outbox_state_from_string   (const char                  *name,
                                                 CartableOutboxState         *state);

char       *cartable_outbox_store_path          (const char                  *dir,
                                                 const char                  *id,
                                                 const char                  *extension);
gboolean    cartable_outbox_store_open          (const char                  *account_id,
                                                 char                       **out_dir,
                                                 int                         *out_lock_fd,
                                                 GError                     **error);
GPtrArray  *cartable_outbox_store_load          (const char                  *dir,
                                                 GError                     **error);
gboolean    cartable_outbox_store_write_state   (const char                  *dir,
                                                 const CartableOutboxRecord  *record,
                                                 GError                     **error);
gboolean    cartable_outbox_store_read_state    (const char                  *dir,
                                                 const char                  *id,
                                                 CartableOutboxRecord        *record,
                                                 GError                     **error);
gboolean    cartable_outbox_store_write_new     (const char                  *dir,
                                                 const CartableOutboxRecord  *record,
                                                 GBytes                      *message,
                                                 GError                     **error);
GBytes     *cartable_outbox_store_read_message  (const char                  *dir,
                                                 const char                  *id,
                                                 GError                     **error);
gboolean    cartable_outbox_store_remove        (const char                  *dir,
                                                 const char                  *id,
                                                 GError                     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CartableOutboxRecord, cartable_outbox_record_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableOutboxRecord, cartable_outbox_record_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-composer.h"
#include "cartable-outbox-private.h"

/*
 * The outbox: the messages of an account waiting to leave, kept on disk
 * (cartable-outbox-store.c) so that a crash loses none and sends none
 * twice, and sent by the worker (cartable-outbox-worker.c). Every message
 * is durably on disk before cartable_outbox_queue() returns.
 *
 * Each message goes queued → sending → sent, and every step is on disk
 * before the next begins: "sending" is written before the SMTP conversation
 * starts and "sent" only once the server has answered 250 to the data. A
 * message found in "sending" when the outbox is opened was interrupted at a
 * point where the server may have taken it: SMTP cannot tell, so it becomes
 * "uncertain" and is never resent without the user's word. Everything
 * "queued" is sent; everything "sent" is filed in Sent, then removed.
 */

static void cartable_outbox_initable_iface_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (CartableOutbox, cartable_outbox, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, cartable_outbox_initable_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ACCOUNT_ID,
  PROP_RUNNING,
  PROP_RETRY_AT,
  PROP_LAST_ERROR,
  PROP_N_PENDING,
  N_PROPS
};

enum {
  MESSAGE_SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


static void
cartable_outbox_dispose (GObject *object)
{
  CartableOutbox *self = CARTABLE_OUTBOX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (cartable_outbox_parent_class)->dispose (object);
}

static void
cartable_outbox_finalize (GObject *object)
{
  CartableOutbox *self = CARTABLE_OUTBOX (object);

  g_clear_object (&self->session);
  g_free (self->account_id);
  g_free (self->dir);
  g_clear_object (&self->items);
  g_main_context_unref (self->context);
  g_free (self->last_error);
  g_hash_table_unref (self->in_flight);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->round_waiters);
  g_ptr_array_unref (self->next_waiters);
  if (self->lock_fd >= 0)
    close (self->lock_fd);

  G_OBJECT_CLASS (cartable_outbox_parent_class)->finalize (object);
}

static void
cartable_outbox_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CartableOutbox *self = CARTABLE_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, cartable_outbox_get_n_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_outbox_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CartableOutbox *self = CARTABLE_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_dup_string (value);
      break;
    case PROP_RUNNING:
      cartable_outbox_set_running (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_outbox_class_init (CartableOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_outbox_dispose;
  object_class->finalize = cartable_outbox_finalize;
  object_class->get_property = cartable_outbox_get_property;
  object_class->set_property = cartable_outbox_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARTABLE_TYPE_MAIL_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableOutbox::message-sent:
   * @item: the message the server accepted
   */
  signals[MESSAGE_SENT] =
    g_signal_new ("message-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CARTABLE_TYPE_OUTBOX_ITEM);
}

static void
cartable_outbox_init (CartableOutbox *self)
{
  self->items = g_list_store_new (CARTABLE_TYPE_OUTBOX_ITEM);
  self->context = g_main_context_ref_thread_default ();
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->round_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->lock_fd = -1;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const CartableOutboxItem *x = a;
  const CartableOutboxItem *y = b;

  if (x->data.created != y->data.created)
    return x->data.created < y->data.created ? -1 : 1;
  return g_strcmp0 (x->data.id, y->data.id);
}

/* Opens the folder (taking its lock) and reads what it holds. */
static gboolean
cartable_outbox_initable_init (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CartableOutbox *self = CARTABLE_OUTBOX (initable);
  g_autoptr(GPtrArray) records = NULL;

  if (self->session == NULL || self->account_id == NULL)
    {
      g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                           _("The outbox needs a session and an account."));
      return FALSE;
    }

  if (!cartable_outbox_store_open (self->account_id, &self->dir, &self->lock_fd, error))
    return FALSE;

  records = cartable_outbox_store_load (self->dir, error);
  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(CartableOutboxItem) item = _cartable_outbox_item_new_take (g_ptr_array_index (records, i));

      g_list_store_insert_sorted (self->items, item, compare_items, NULL);
    }

  return TRUE;
}

static void
cartable_outbox_initable_iface_init (GInitableIface *iface)
{
  iface->init = cartable_outbox_initable_init;
}

/**
 * cartable_outbox_new:
 * @session: the mail session holding the account
 * @account_id: the account whose outbox this is
 * @error: return location for an error
 *
 * Opens the account's outbox folder (creating it), and reads what it
 * holds. Call it on the thread whose main context will run the worker.
 *
 * Returns: (transfer full): the outbox, or %NULL
 */
CartableOutbox *
cartable_outbox_new (CartableMailSession *session,
                     const char          *account_id,
                     GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (session), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  return g_initable_new (CARTABLE_TYPE_OUTBOX, NULL, error,
                         "session", session,
                         "account-id", account_id,
                         NULL);
}

/**
 * cartable_outbox_get_items:
 *
 * Returns: (transfer none): a #GListModel of #CartableOutboxItem, oldest first
 */
GListModel *
cartable_outbox_get_items (CartableOutbox *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), NULL);
  return G_LIST_MODEL (self->items);
}

CartableOutboxItem *
_cartable_outbox_find_item (CartableOutbox *self,
                            const char     *id,
                            guint          *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (item->data.id, id) == 0)
        {
          if (position != NULL)
            *position = i;
          return item;   /* the store keeps a reference */
        }
    }

  return NULL;
}

/**
 * cartable_outbox_lookup:
 *
 * Returns: (transfer none) (nullable): the message of that id
 */
CartableOutboxItem *
cartable_outbox_lookup (CartableOutbox *self,
                        const char     *id)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _cartable_outbox_find_item (self, id, NULL);
}

/**
 * cartable_outbox_get_n_pending:
 *
 * Returns: how many messages wait to be sent (queued, whatever their time)
 */
guint
cartable_outbox_get_n_pending (CartableOutbox *self)
{
  guint n, pending = 0;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item->data.state == CARTABLE_OUTBOX_STATE_QUEUED)
        pending++;
    }

  return pending;
}

void
_cartable_outbox_remove_item (CartableOutbox *self,
                              const char     *id)
{
  guint position;

  if (_cartable_outbox_find_item (self, id, &position) != NULL)
    g_list_store_remove (self->items, position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/* ------------------------------------------------------------------ queueing */

static char *
dup_recipients_summary (GMimeMessage *message)
{
  g_autoptr(InternetAddressList) all = g_mime_message_get_all_recipients (message);

  if (all == NULL || internet_address_list_length (all) == 0)
    return g_strdup ("");
  return internet_address_list_to_string (all, NULL, FALSE);
}

static gboolean
prepare_item (GMimeMessage  *message,
              gint64         send_at,
              CartableOutboxRecord      *data,
              GBytes       **bytes,
              GError       **error)
{
  InternetAddressList *from = g_mime_message_get_from (message);
  g_autoptr(InternetAddressList) all = g_mime_message_get_all_recipients (message);
  g_autofree char *uuid = NULL;

  if (from == NULL || internet_address_list_length (from) == 0)
    {
      g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                           _("The message has no sender address."));
      return FALSE;
    }
  if (all == NULL || internet_address_list_length (all) == 0)
    {
      g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                           _("The message has no recipient."));
      return FALSE;
    }

  /* Every message leaves with a Message-ID and a Date: they identify it
   * in the recipient's mailbox and in Sent. */
  if (g_mime_message_get_message_id (message) == NULL)
    {
      const char *addr = INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (from, 0))
        ? internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (from, 0)))
        : NULL;
      const char *at = addr != NULL ? strrchr (addr, '@') : NULL;
      g_autofree char *message_id = g_mime_utils_generate_message_id (at != NULL ? at + 1 : "cartable.invalid");

      g_mime_message_set_message_id (message, message_id);
    }
  if (g_mime_message_get_date (message) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_mime_message_set_date (message, now);
    }

  uuid = g_uuid_string_random ();
  data->id = g_strdup_printf ("%" G_GINT64_FORMAT "-%.8s", g_get_real_time () / G_USEC_PER_SEC, uuid);
  data->message_id = g_strdup (g_mime_message_get_message_id (message));
  data->subject = g_strdup (g_mime_message_get_subject (message));
  data->recipients = dup_recipients_summary (message);
  data->state = CARTABLE_OUTBOX_STATE_QUEUED;
  data->created = g_get_real_time () / G_USEC_PER_SEC;
  data->send_at = MAX (send_at, 0);
  *bytes = cartable_composer_serialize (message);

  return TRUE;
}

static CartableOutboxItem *
add_queued_item (CartableOutbox *self,
                 CartableOutboxRecord       *data)
{
  CartableOutboxItem *item = _cartable_outbox_item_new_take (data);

  g_list_store_insert_sorted (self->items, item, compare_items, NULL);
  g_object_unref (item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  _cartable_outbox_schedule (self);

  return item;
}

/**
 * cartable_outbox_queue:
 * @self: a #CartableOutbox
 * @message: the message to send (a Message-ID and Date are added if missing)
 * @send_at: when it may leave (Unix time in seconds); 0 for as soon as
 *   possible, now + %CARTABLE_DEFAULT_UNDO_DELAY_SECONDS to leave time to
 *   undo, a later time to schedule it
 * @error: return location for an error
 *
 * Puts @message in the outbox. Returns only once it is safely on disk.
 *
 * Returns: (transfer none): the outbox entry, or %NULL
 */
CartableOutboxItem *
cartable_outbox_queue (CartableOutbox  *self,
                       GMimeMessage    *message,
                       gint64           send_at,
                       GError         **error)
{
  CartableOutboxRecord data = { 0 };
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (GMIME_IS_MESSAGE (message), NULL);

  if (!prepare_item (message, send_at, &data, &bytes, error))
    return NULL;
  if (!cartable_outbox_store_write_new (self->dir, &data, bytes, error))
    {
      cartable_outbox_record_clear (&data);
      return NULL;
    }

  return add_queued_item (self, &data);
}

typedef struct
{
  char     *dir;
  CartableOutboxRecord  data;
  GBytes   *bytes;
} QueueData;

static void
queue_data_free (gpointer pointer)
{
  QueueData *queue_data = pointer;

  g_free (queue_data->dir);
  cartable_outbox_record_clear (&queue_data->data);
  g_bytes_unref (queue_data->bytes);
  g_free (queue_data);
}

static void
queue_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueueData *queue_data = task_data;
  GError *error = NULL;

  if (cartable_outbox_store_write_new (queue_data->dir, &queue_data->data, queue_data->bytes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cartable_outbox_queue_async:
 *
 * Like cartable_outbox_queue(), writing the files in a worker thread.
 */
void
cartable_outbox_queue_async (CartableOutbox      *self,
                             GMimeMessage        *message,
                             gint64               send_at,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueueData *queue_data;
  GError *error = NULL;

  g_return_if_fail (CARTABLE_IS_OUTBOX (self));
  g_return_if_fail (GMIME_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_outbox_queue_async);

  queue_data = g_new0 (QueueData, 1);
  queue_data->dir = g_strdup (self->dir);
  g_task_set_task_data (task, queue_data, queue_data_free);
  if (!prepare_item (message, send_at, &queue_data->data, &queue_data->bytes, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, queue_thread);
}

/**
 * cartable_outbox_queue_finish:
 *
 * Returns: (transfer none): the outbox entry, or %NULL
 */
CartableOutboxItem *
cartable_outbox_queue_finish (CartableOutbox  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  QueueData *queue_data;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  queue_data = g_task_get_task_data (G_TASK (result));
  return add_queued_item (self, &queue_data->data);
}

static gboolean
check_not_in_flight (CartableOutbox      *self,
                     const char          *id,
                     CartableOutboxItem **out_item,
                     GError             **error)
{
  CartableOutboxItem *item = _cartable_outbox_find_item (self, id, NULL);

  if (item == NULL)
    {
      g_set_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_NOT_FOUND,
                   _("There is no message “%s” in the outbox."), id);
      return FALSE;
    }
  if (g_hash_table_contains (self->in_flight, id) ||
      item->data.state == CARTABLE_OUTBOX_STATE_SENDING ||
      item->data.state == CARTABLE_OUTBOX_STATE_SENT)
    {
      g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_BUSY,
                           _("This message is being sent and can no longer be held back."));
      return FALSE;
    }

  *out_item = item;
  return TRUE;
}

/**
 * cartable_outbox_cancel:
 *
 * Removes a message that has not left: undo-send, a cancelled scheduled
 * message, or an uncertain or refused one the user discards.
 */
gboolean
cartable_outbox_cancel (CartableOutbox  *self,
                        const char      *id,
                        GError         **error)
{
  CartableOutboxItem *item;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_not_in_flight (self, id, &item, error))
    return FALSE;

  if (!cartable_outbox_store_remove (self->dir, id, error))
    return FALSE;

  _cartable_outbox_remove_item (self, id);
  _cartable_outbox_schedule (self);
  return TRUE;
}

/**
 * cartable_outbox_resend:
 *
 * Queues again an uncertain or refused message, at the user's request.
 */
gboolean
cartable_outbox_resend (CartableOutbox  *self,
                        const char      *id,
                        GError         **error)
{
  CartableOutboxItem *item;
  CartableOutboxRecord data;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_not_in_flight (self, id, &item, error))
    return FALSE;

  cartable_outbox_record_copy (&data, &item->data);
  data.state = CARTABLE_OUTBOX_STATE_QUEUED;
  data.send_at = 0;
  g_clear_pointer (&data.last_error, g_free);
  if (!cartable_outbox_store_write_state (self->dir, &data, error))
    {
      cartable_outbox_record_clear (&data);
      return FALSE;
    }

  _cartable_outbox_item_update (item, &data);
  cartable_outbox_record_clear (&data);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  _cartable_outbox_schedule (self);
  return TRUE;
}

void
_cartable_outbox_set_last_error (CartableOutbox *self,
                                 const char     *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
_cartable_outbox_notify_n_pending (CartableOutbox *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

void
_cartable_outbox_notify_retry_at (CartableOutbox *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
}

void
_cartable_outbox_emit_message_sent (CartableOutbox     *self,
                                    CartableOutboxItem *item)
{
  g_signal_emit (self, signals[MESSAGE_SENT], 0, item);
}

/**
 * cartable_outbox_set_running:
 *
 * Starts or stops the worker that sends messages when they are due.
 */
void
cartable_outbox_set_running (CartableOutbox *self,
                             gboolean        running)
{
  g_return_if_fail (CARTABLE_IS_OUTBOX (self));

  running = !!running;
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  _cartable_outbox_schedule (self);
}

gboolean
cartable_outbox_get_running (CartableOutbox *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), FALSE);
  return self->running;
}

/**
 * cartable_outbox_get_retry_at:
 *
 * Returns: when the worker tries the server again (Unix time), or 0
 */
gint64
cartable_outbox_get_retry_at (CartableOutbox *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), 0);
  return self->retry_at;
}

const char *
cartable_outbox_get_last_error (CartableOutbox *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), NULL);
  return self->last_error;
}

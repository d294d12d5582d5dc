/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-mail-session-private.h"
#include "cartable-outbox-private.h"
#include "cartable-outbox-probe-private.h"
#include "cartable-outbox-util-private.h"

/*
 * The worker of the outbox: it runs on the main context and does the
 * network part of each round in a thread (GTask). See cartable-outbox.c
 * for the states a message goes through.
 *
 * While the server cannot be reached it waits 2 s, 4 s, 8 s… up to 5
 * minutes before trying again.
 *
 * A server that refuses a message says whether for now (4xx: busy, local
 * error, greylisting, full) or for good (5xx), RFC 5321 4.2.1. A message
 * refused for now stays queued, its reason recorded, and waits for the same
 * back-off; only a refusal for good makes it "failed". Camel does not pass
 * the reply code on: cartable-outbox-probe.c tells how it is learnt. A
 * refusal after the data, which the probe cannot see, is taken as one for
 * now up to MAX_UNCLASSIFIED_REFUSALS attempts. A refusal is never
 * "uncertain": the server answered, so it did not take the message.
 */

#define MIN_RETRY_SECONDS 2
#define MAX_RETRY_SECONDS 300
#define MAX_UNCLASSIFIED_REFUSALS 5

static void start_round (CartableOutbox *self, gboolean force);

typedef struct
{
  CartableOutboxRecord data;
  gboolean was_sent;    /* already "sent" when the round began: maybe filed */
  gboolean done;        /* filed in Sent and removed */
} Job;

typedef struct
{
  CartableOutbox      *outbox;    /* main thread only */
  CartableMailSession *session;
  char                *account_id;
  char                *dir;
  GMainContext        *context;
  GPtrArray           *jobs;
  GError              *connect_error;
  gboolean             filing_failed;
  char                *deferred;      /* why a message waits: refused for now */
  gboolean             server_busy;   /* the greeting or log-in refused for now */
  gboolean             reconnect;     /* a refusal leaves the connection in doubt */
  guint                n_sent;
} Round;

static void
job_free (gpointer pointer)
{
  Job *job = pointer;

  cartable_outbox_record_clear (&job->data);
  g_free (job);
}

static void
round_free (gpointer pointer)
{
  Round *round = pointer;

  g_clear_object (&round->outbox);
  g_clear_object (&round->session);
  g_free (round->account_id);
  g_free (round->dir);
  g_main_context_unref (round->context);
  g_ptr_array_unref (round->jobs);
  g_clear_error (&round->connect_error);
  g_free (round->deferred);
  g_free (round);
}

typedef struct
{
  CartableOutbox *outbox;
  CartableOutboxRecord        data;
  gboolean        sent_now;
} Update;

static gboolean
apply_update_cb (gpointer pointer)
{
  Update *update = pointer;
  CartableOutboxItem *item = _cartable_outbox_find_item (update->outbox, update->data.id, NULL);

  /* Late news of a round that is over is stale. */
  if (item != NULL && g_hash_table_contains (update->outbox->in_flight, update->data.id))
    {
      g_autoptr(CartableOutboxItem) hold = g_object_ref (item);

      _cartable_outbox_item_update (item, &update->data);
      _cartable_outbox_notify_n_pending (update->outbox);
      if (update->sent_now)
        _cartable_outbox_emit_message_sent (update->outbox, item);
    }

  return G_SOURCE_REMOVE;
}

static void
update_free (gpointer pointer)
{
  Update *update = pointer;

  g_object_unref (update->outbox);
  cartable_outbox_record_clear (&update->data);
  g_free (update);
}

/* Worker thread: shows a step to the main thread. */
static void
post_update (Round    *round,
             Job      *job,
             gboolean  sent_now)
{
  Update *update = g_new0 (Update, 1);

  update->outbox = g_object_ref (round->outbox);
  cartable_outbox_record_copy (&update->data, &job->data);
  update->sent_now = sent_now;
  g_main_context_invoke_full (round->context, G_PRIORITY_DEFAULT, apply_update_cb, update, update_free);
}

static gboolean
is_unreachable_error (const GError *error)
{
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE) ||
         g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_NOT_CONNECTED);
}

static void
set_job_state (Round               *round,
               Job                 *job,
               CartableOutboxState  state,
               const char          *message)
{
  g_autoptr(GError) error = NULL;

  job->data.state = state;
  g_free (job->data.last_error);
  job->data.last_error = g_strdup (message);
  if (!cartable_outbox_store_write_state (round->dir, &job->data, &error))
    g_warning ("Could not record the state of message %s: %s", job->data.id, error->message);
}

/* Worker thread: the server answered @error to the message of @job, so it
 * did not take it. Queued again if the refusal is for now, failed if it is
 * for good (see cartable-outbox-probe.c for how the code is known). */
static void
classify_refusal (Round                *round,
                  Job                  *job,
                  CamelTransport       *transport,
                  CamelInternetAddress *from,
                  CamelInternetAddress *recipients,
                  const GError         *error,
                  GCancellable         *cancellable)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new ();
  g_autoptr(GError) probe_error = NULL;
  g_autofree char *reply = NULL;
  const char *sender = NULL;
  const char *reason = error->message;
  int code;

  camel_internet_address_get (from, 0, NULL, &sender);
  for (int i = 0; i < camel_address_length (CAMEL_ADDRESS (recipients)); i++)
    {
      const char *address = NULL;

      if (camel_internet_address_get (recipients, i, NULL, &address) && address != NULL)
        g_ptr_array_add (addresses, (gpointer) address);
    }
  g_ptr_array_add (addresses, NULL);

  code = sender == NULL ? -1
    : cartable_outbox_probe_reply_code (transport, sender, (const char * const *) addresses->pdata,
                                        &reply, cancellable, &probe_error);
  if (code < 0)
    g_debug ("Message %s refused (%s); the server could not be asked why: %s",
             job->data.id, error->message, probe_error != NULL ? probe_error->message : "no sender");
  else
    g_debug ("Message %s refused (%s); the server answers %d: %s",
             job->data.id, error->message, code, reply != NULL ? reply : "everything accepted");

  /* The reason kept is the server's own reply when it was read again
   * ("451 4.3.0 …"), else Camel's sentence. */
  if (code >= 400 && reply != NULL && g_utf8_validate (reply, -1, NULL))
    reason = reply;

  if (code >= 500 || (code < 400 && job->data.attempts >= MAX_UNCLASSIFIED_REFUSALS))
    set_job_state (round, job, CARTABLE_OUTBOX_STATE_FAILED, reason);
  else
    {
      set_job_state (round, job, CARTABLE_OUTBOX_STATE_QUEUED, reason);
      if (round->deferred == NULL)
        round->deferred = g_strdup (reason);
    }
}

static void
send_job (Round          *round,
          Job            *job,
          CamelTransport *transport,
          GCancellable   *cancellable)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(CamelInternetAddress) recipients = NULL;
  g_autoptr(GError) error = NULL;
  CamelInternetAddress *from;
  gboolean saved = FALSE;
  static const char * const types[] = {
    CAMEL_RECIPIENT_TYPE_TO, CAMEL_RECIPIENT_TYPE_CC, CAMEL_RECIPIENT_TYPE_BCC,
  };

  bytes = cartable_outbox_store_read_message (round->dir, job->data.id, &error);
  if (bytes != NULL)
    message = cartable_outbox_util_parse_message (bytes, NULL, &error);
  if (message == NULL)
    {
      set_job_state (round, job, CARTABLE_OUTBOX_STATE_FAILED, error->message);
      post_update (round, job, FALSE);
      return;
    }

  from = camel_mime_message_get_from (message);
  recipients = camel_internet_address_new ();
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      CamelInternetAddress *list = camel_mime_message_get_recipients (message, types[i]);

      if (list != NULL)
        camel_address_cat (CAMEL_ADDRESS (recipients), CAMEL_ADDRESS (list));
    }
  if (from == NULL || camel_address_length (CAMEL_ADDRESS (from)) == 0 ||
      camel_address_length (CAMEL_ADDRESS (recipients)) == 0)
    {
      set_job_state (round, job, CARTABLE_OUTBOX_STATE_FAILED, _("The message has no sender or no recipient."));
      post_update (round, job, FALSE);
      return;
    }

  /* On disk before the first byte goes to the server. */
  job->data.attempts++;
  set_job_state (round, job, CARTABLE_OUTBOX_STATE_SENDING, NULL);
  post_update (round, job, FALSE);

  if (camel_transport_send_to_sync (transport, message, CAMEL_ADDRESS (from),
                                    CAMEL_ADDRESS (recipients), &saved, cancellable, &error))
    {
      set_job_state (round, job, CARTABLE_OUTBOX_STATE_SENT, NULL);
      round->n_sent++;
      post_update (round, job, TRUE);
      return;
    }

  if (error != NULL && g_error_matches (error, CAMEL_ERROR, CAMEL_ERROR_GENERIC))
    {
      /* The server answered with an error code: it did not take the
       * message. Camel now owes it a RSET, on a connection that a 421 may
       * have closed: the next message starts on a new one. */
      round->reconnect = TRUE;
      classify_refusal (round, job, transport, from, recipients, error, cancellable);
    }
  else if (error != NULL && g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_NOT_CONNECTED))
    /* Refused before anything was written. */
    set_job_state (round, job, CARTABLE_OUTBOX_STATE_QUEUED, error->message);
  else
    {
      /* The connection broke in the middle: the server may have it. */
      set_job_state (round, job, CARTABLE_OUTBOX_STATE_UNCERTAIN,
                     error != NULL ? error->message : _("The connection was lost."));
      if (round->connect_error == NULL)
        round->connect_error = error != NULL ? g_error_copy (error)
          : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, _("The connection was lost."));
    }
  post_update (round, job, FALSE);
}

static gboolean
is_in_folder (CamelFolder  *folder,
              const char   *message_id,
              GCancellable *cancellable)
{
  GPtrArray *uids = cartable_outbox_util_find_message_id (folder, message_id, cancellable, NULL);
  gboolean found;

  if (uids == NULL)
    return FALSE;
  found = uids->len > 0;
  g_ptr_array_unref (uids);
  return found;
}

static void
file_job_in_sent (Round        *round,
                  Job          *job,
                  CamelFolder  *sent,
                  GCancellable *cancellable)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(CamelMessageInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (sent != NULL)
    {
      bytes = cartable_outbox_store_read_message (round->dir, job->data.id, &error);
      if (bytes != NULL)
        message = cartable_outbox_util_parse_message (bytes, NULL, &error);
      if (message == NULL)
        {
          g_warning ("Could not read message %s for Sent: %s", job->data.id, error->message);
          return;
        }

      /* An earlier round (or process) may have filed it before it could
       * record so: no second copy. */
      if (job->was_sent && job->data.message_id != NULL &&
          is_in_folder (sent, job->data.message_id, cancellable))
        g_debug ("Message %s already in Sent", job->data.id);
      else
        {
          info = camel_message_info_new (NULL);
          camel_message_info_set_flags (info, CAMEL_MESSAGE_SEEN, CAMEL_MESSAGE_SEEN);
          if (!camel_folder_append_message_sync (sent, message, info, NULL, cancellable, &error))
            {
              g_debug ("Could not file message %s in Sent: %s", job->data.id, error->message);
              return;
            }
        }
    }

  if (!cartable_outbox_store_remove (round->dir, job->data.id, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  job->done = TRUE;
}

static void
round_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Round *round = task_data;
  CamelTransport *transport = cartable_mail_session_get_transport (round->session, round->account_id);
  CamelStore *store = cartable_mail_session_get_store (round->session, round->account_id);
  gboolean need_transport = FALSE;
  gboolean need_store = FALSE;

  for (guint i = 0; i < round->jobs->len; i++)
    if (((Job *) g_ptr_array_index (round->jobs, i))->data.state == CARTABLE_OUTBOX_STATE_QUEUED)
      need_transport = TRUE;

  if (need_transport)
    {
      GError *error = NULL;

      if (transport == NULL)
        round->connect_error = g_error_new_literal (CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                                                    _("The account has no outgoing mail server."));
      else if (!cartable_mail_session_connect_transport_sync (round->session, round->account_id,
                                                              cancellable, &error))
        {
          /* A reply refused the greeting or EHLO (421 "service not
           * available", a 4xx at log-in): which class, the probe tells. A
           * server that is there but busy counts as one not reached. */
          if (g_error_matches (error, CAMEL_ERROR, CAMEL_ERROR_GENERIC))
            {
              int code = cartable_outbox_probe_reply_code (transport, NULL, NULL, NULL, cancellable, NULL);

              g_debug ("Connection refused (%s); the server answers %d", error->message, code);
              round->server_busy = code >= 400 && code < 500;
            }
          round->connect_error = error;
        }
      else
        {
          for (guint i = 0; i < round->jobs->len; i++)
            {
              Job *job = g_ptr_array_index (round->jobs, i);

              if (job->data.state != CARTABLE_OUTBOX_STATE_QUEUED)
                continue;
              if (g_cancellable_is_cancelled (cancellable) || round->connect_error != NULL)
                break;
              if (round->reconnect)
                {
                  round->reconnect = FALSE;
                  camel_service_disconnect_sync (CAMEL_SERVICE (transport), TRUE, NULL, NULL);
                  if (!cartable_mail_session_connect_transport_sync (round->session, round->account_id,
                                                                    cancellable, &error))
                    {
                      round->connect_error = g_steal_pointer (&error);
                      break;
                    }
                }
              send_job (round, job, transport, cancellable);
            }
          camel_service_disconnect_sync (CAMEL_SERVICE (transport), TRUE, NULL, NULL);
        }
    }

  for (guint i = 0; i < round->jobs->len; i++)
    if (((Job *) g_ptr_array_index (round->jobs, i))->data.state == CARTABLE_OUTBOX_STATE_SENT)
      need_store = TRUE;

  if (need_store && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(CamelFolder) sent = NULL;
      g_autoptr(GError) error = NULL;

      if (store != NULL &&
          cartable_mail_session_connect_store_sync (round->session, round->account_id, cancellable, &error))
        sent = cartable_outbox_util_get_special_folder (store, CAMEL_FOLDER_TYPE_SENT, "Sent",
                                                        cancellable, &error);
      if (sent != NULL)
        {
          for (guint i = 0; i < round->jobs->len; i++)
            {
              Job *job = g_ptr_array_index (round->jobs, i);

              if (job->data.state == CARTABLE_OUTBOX_STATE_SENT)
                file_job_in_sent (round, job, sent, cancellable);
            }
          camel_folder_synchronize_sync (sent, FALSE, NULL, NULL);
        }
      else
        g_debug ("Sent copies wait: %s", error != NULL ? error->message : "no store");

      for (guint i = 0; i < round->jobs->len; i++)
        {
          Job *job = g_ptr_array_index (round->jobs, i);

          if (job->data.state == CARTABLE_OUTBOX_STATE_SENT && !job->done)
            round->filing_failed = TRUE;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CartableOutbox) self = user_data;
  Round *round = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) waiters = NULL;

  g_clear_object (&round->outbox);   /* the thread is done with it */
  self->busy = FALSE;
  g_hash_table_remove_all (self->in_flight);

  for (guint i = 0; i < round->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (round->jobs, i);
      CartableOutboxItem *item = _cartable_outbox_find_item (self, job->data.id, NULL);

      if (job->done)
        _cartable_outbox_remove_item (self, job->data.id);
      else if (item != NULL)
        _cartable_outbox_item_update (item, &job->data);
    }

  if (round->connect_error != NULL || round->filing_failed || round->deferred != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (round->connect_error != NULL)
        error = cartable_mail_error_from_camel (round->connect_error);
      else if (round->deferred != NULL)
        error = g_error_new (CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_FAILED,
                             _("The server cannot take a message for now: %s"), round->deferred);
      else
        error = g_error_new_literal (CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_FAILED,
                                     _("Sent messages could not be filed in the Sent folder yet."));

      self->retry_delay = self->retry_delay == 0 ? MIN_RETRY_SECONDS : MIN (self->retry_delay * 2, MAX_RETRY_SECONDS);
      self->retry_at = g_get_real_time () / G_USEC_PER_SEC + self->retry_delay;
      _cartable_outbox_set_last_error (self, error->message);
    }
  else
    {
      self->retry_delay = 0;
      self->retry_at = 0;
      _cartable_outbox_set_last_error (self, NULL);
    }
  _cartable_outbox_notify_retry_at (self);
  _cartable_outbox_notify_n_pending (self);

  /* Answer the flushes this round served. */
  waiters = g_steal_pointer (&self->round_waiters);
  self->round_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);
      guint *n_sent = g_task_get_task_data (waiter);

      *n_sent = round->n_sent;
      if (round->connect_error != NULL && (is_unreachable_error (round->connect_error) || round->server_busy))
        g_task_return_new_error (waiter, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_UNREACHABLE,
                                 _("The server could not be reached: %s"), self->last_error);
      else if (round->connect_error != NULL)
        {
          g_autoptr(GError) error = cartable_mail_error_from_camel (round->connect_error);
          g_task_return_error (waiter, g_steal_pointer (&error));
        }
      else
        g_task_return_boolean (waiter, TRUE);
    }

  if (self->next_waiters->len > 0)
    {
      g_ptr_array_extend_and_steal (self->round_waiters, g_steal_pointer (&self->next_waiters));
      self->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);
      start_round (self, TRUE);
    }
  else
    _cartable_outbox_schedule (self);
}

static gint64
item_due_at (CartableOutbox     *self,
             CartableOutboxItem *item,
             gboolean            force)
{
  gint64 due = item->data.send_at;

  if (!force && item->data.state == CARTABLE_OUTBOX_STATE_QUEUED)
    due = MAX (due, self->retry_at);
  return due;
}

/* Starts a round with every message due now (queued, or sent but not yet
 * filed). With @force, the back-off is ignored (the user asked). */
static void
start_round (CartableOutbox *self,
             gboolean        force)
{
  g_autoptr(GTask) task = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Round *round;
  guint n;

  g_assert (!self->busy);

  round = g_new0 (Round, 1);
  round->outbox = g_object_ref (self);
  round->session = g_object_ref (self->session);
  round->account_id = g_strdup (self->account_id);
  round->dir = g_strdup (self->dir);
  round->context = g_main_context_ref (self->context);
  round->jobs = g_ptr_array_new_with_free_func (job_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      Job *job;

      if (item->data.state != CARTABLE_OUTBOX_STATE_QUEUED && item->data.state != CARTABLE_OUTBOX_STATE_SENT)
        continue;
      if (item->data.state == CARTABLE_OUTBOX_STATE_QUEUED && item_due_at (self, item, force) > now)
        continue;

      job = g_new0 (Job, 1);
      cartable_outbox_record_copy (&job->data, &item->data);
      job->was_sent = item->data.state == CARTABLE_OUTBOX_STATE_SENT;
      g_ptr_array_add (round->jobs, job);
      g_hash_table_add (self->in_flight, g_strdup (item->data.id));
    }

  self->busy = TRUE;
  /* No source object: the worker thread may drop the task's last
   * reference after the callback, and the outbox must not be finalized
   * there, nor outlive its last owner (its lock would stay taken). */
  task = g_task_new (NULL, self->cancellable, round_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_round);
  g_task_set_task_data (task, round, round_free);
  g_task_run_in_thread (task, round_thread);
}

static gboolean
timeout_cb (gpointer user_data)
{
  CartableOutbox *self = user_data;

  self->timeout_id = 0;
  _cartable_outbox_schedule (self);
  return G_SOURCE_REMOVE;
}

/* Main thread: starts a round if something is due, else waits for the
 * next due time. */
void
_cartable_outbox_schedule (CartableOutbox *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 next = G_MAXINT64;
  gboolean filing_due = FALSE;
  guint n;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->running || self->busy)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item->data.state == CARTABLE_OUTBOX_STATE_QUEUED)
        next = MIN (next, item_due_at (self, item, FALSE));
      else if (item->data.state == CARTABLE_OUTBOX_STATE_SENT)
        filing_due = TRUE;
    }
  if (filing_due)
    next = MIN (next, MAX (self->retry_at, now));

  if (next == G_MAXINT64)
    return;
  if (next <= now)
    {
      start_round (self, FALSE);
      return;
    }

  self->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint) MIN (next - now, G_MAXUINT),
                                                 timeout_cb, self, NULL);
}

/**
 * cartable_outbox_flush_async:
 *
 * Sends now every message that is due (ignoring the back-off), and files
 * copies in Sent. Messages scheduled for later stay.
 */
void
cartable_outbox_flush_async (CartableOutbox      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARTABLE_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_outbox_flush_async);
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);

  if (self->busy)
    g_ptr_array_add (self->next_waiters, task);
  else
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      g_ptr_array_add (self->round_waiters, task);
      start_round (self, TRUE);
    }
}

/**
 * cartable_outbox_flush_finish:
 * @out_n_sent: (out) (optional): how many messages the server accepted
 *
 * Returns: %TRUE if the server could be reached; on
 *   %CARTABLE_OUTBOX_ERROR_UNREACHABLE the messages wait in the outbox
 */
gboolean
cartable_outbox_flush_finish (CartableOutbox  *self,
                              GAsyncResult    *result,
                              guint           *out_n_sent,
                              GError         **error)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (out_n_sent != NULL)
    *out_n_sent = *(guint *) g_task_get_task_data (G_TASK (result));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cartable-composer.h"
#include "cartable-outbox.h"
#include "cartable-outbox-probe.h"
#include "cartable-outbox-util.h"
#include "core/cartable-paths.h"

/*
 * The outbox: a folder of the account's data dir holding, per message,
 * ID.eml (the message) and ID.state (a small key file). Both are written
 * durably (fsync of the file, rename, fsync of the folder) before
 * cartable_outbox_queue() returns.
 *
 * Each message goes queued → sending → sent, and every step is on disk
 * before the next begins: "sending" is written before the SMTP conversation
 * starts and "sent" only once the server has answered 250 to the data. A
 * message found in "sending" when the outbox is opened was interrupted at a
 * point where the server may have taken it: SMTP cannot tell, so it becomes
 * "uncertain" and is never resent without the user's word. Everything
 * "queued" is sent; everything "sent" is filed in Sent, then removed.
 *
 * The worker runs on the main context and does the network part of each
 * round in a thread (GTask). While the server cannot be reached it waits
 * 2 s, 4 s, 8 s… up to 5 minutes before trying again.
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

#define STATE_GROUP "message"
#define MIN_RETRY_SECONDS 2
#define MAX_RETRY_SECONDS 300
#define MAX_UNCLASSIFIED_REFUSALS 5

G_DEFINE_QUARK (cartable-outbox-error-quark, cartable_outbox_error)

static const char * const state_names[] = {
  "queued", "sending", "sent", "uncertain", "failed",
};

GType
cartable_outbox_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { CARTABLE_OUTBOX_STATE_QUEUED, "CARTABLE_OUTBOX_STATE_QUEUED", "queued" },
        { CARTABLE_OUTBOX_STATE_SENDING, "CARTABLE_OUTBOX_STATE_SENDING", "sending" },
        { CARTABLE_OUTBOX_STATE_SENT, "CARTABLE_OUTBOX_STATE_SENT", "sent" },
        { CARTABLE_OUTBOX_STATE_UNCERTAIN, "CARTABLE_OUTBOX_STATE_UNCERTAIN", "uncertain" },
        { CARTABLE_OUTBOX_STATE_FAILED, "CARTABLE_OUTBOX_STATE_FAILED", "failed" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static ("CartableOutboxState", values));
    }

  return type;
}

const char *
cartable_outbox_state_to_string (CartableOutboxState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

static gboolean
state_from_string (const char          *name,
                   CartableOutboxState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (name, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * cartable_outbox_state_describe:
 *
 * Returns: a sentence for the interface (translated)
 */
const char *
cartable_outbox_state_describe (CartableOutboxState state)
{
  switch (state)
    {
    case CARTABLE_OUTBOX_STATE_QUEUED:
      return _("Waiting to be sent");
    case CARTABLE_OUTBOX_STATE_SENDING:
      return _("Being sent");
    case CARTABLE_OUTBOX_STATE_SENT:
      return _("Sent; being filed in Sent");
    case CARTABLE_OUTBOX_STATE_UNCERTAIN:
      return _("This message may already have been sent");
    case CARTABLE_OUTBOX_STATE_FAILED:
      return _("The server refused this message");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------ item */

/* What the state file holds; copied to the worker thread. */
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
} ItemData;

static void
item_data_clear (ItemData *data)
{
  g_clear_pointer (&data->id, g_free);
  g_clear_pointer (&data->message_id, g_free);
  g_clear_pointer (&data->subject, g_free);
  g_clear_pointer (&data->recipients, g_free);
  g_clear_pointer (&data->last_error, g_free);
}

static void
item_data_copy (ItemData       *dest,
                const ItemData *src)
{
  *dest = *src;
  dest->id = g_strdup (src->id);
  dest->message_id = g_strdup (src->message_id);
  dest->subject = g_strdup (src->subject);
  dest->recipients = g_strdup (src->recipients);
  dest->last_error = g_strdup (src->last_error);
}

struct _CartableOutboxItem
{
  GObject  parent_instance;
  ItemData data;
};

G_DEFINE_TYPE (CartableOutboxItem, cartable_outbox_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_MESSAGE_ID,
  ITEM_PROP_SUBJECT,
  ITEM_PROP_RECIPIENTS,
  ITEM_PROP_STATE,
  ITEM_PROP_SEND_AT,
  ITEM_PROP_ATTEMPTS,
  ITEM_PROP_LAST_ERROR,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
cartable_outbox_item_finalize (GObject *object)
{
  item_data_clear (&CARTABLE_OUTBOX_ITEM (object)->data);
  G_OBJECT_CLASS (cartable_outbox_item_parent_class)->finalize (object);
}

static void
cartable_outbox_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableOutboxItem *self = CARTABLE_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_string (value, self->data.id);
      break;
    case ITEM_PROP_MESSAGE_ID:
      g_value_set_string (value, self->data.message_id);
      break;
    case ITEM_PROP_SUBJECT:
      g_value_set_string (value, self->data.subject);
      break;
    case ITEM_PROP_RECIPIENTS:
      g_value_set_string (value, self->data.recipients);
      break;
    case ITEM_PROP_STATE:
      g_value_set_enum (value, self->data.state);
      break;
    case ITEM_PROP_SEND_AT:
      g_value_set_int64 (value, self->data.send_at);
      break;
    case ITEM_PROP_ATTEMPTS:
      g_value_set_uint (value, self->data.attempts);
      break;
    case ITEM_PROP_LAST_ERROR:
      g_value_set_string (value, self->data.last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_outbox_item_class_init (CartableOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cartable_outbox_item_finalize;
  object_class->get_property = cartable_outbox_item_get_property;

  item_properties[ITEM_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_MESSAGE_ID] = g_param_spec_string ("message-id", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_RECIPIENTS] = g_param_spec_string ("recipients", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CARTABLE_TYPE_OUTBOX_STATE, CARTABLE_OUTBOX_STATE_QUEUED, flags);
  item_properties[ITEM_PROP_SEND_AT] =
    g_param_spec_int64 ("send-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
cartable_outbox_item_init (CartableOutboxItem *self)
{
}

const char *
cartable_outbox_item_get_id (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), NULL);
  return self->data.id;
}

const char *
cartable_outbox_item_get_message_id (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), NULL);
  return self->data.message_id;
}

const char *
cartable_outbox_item_get_subject (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), NULL);
  return self->data.subject;
}

const char *
cartable_outbox_item_get_recipients (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), NULL);
  return self->data.recipients;
}

CartableOutboxState
cartable_outbox_item_get_state (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), CARTABLE_OUTBOX_STATE_QUEUED);
  return self->data.state;
}

/**
 * cartable_outbox_item_get_send_at:
 *
 * Returns: when the message may leave (Unix time in seconds), 0 for "now"
 */
gint64
cartable_outbox_item_get_send_at (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), 0);
  return self->data.send_at;
}

guint
cartable_outbox_item_get_attempts (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), 0);
  return self->data.attempts;
}

const char *
cartable_outbox_item_get_last_error (CartableOutboxItem *self)
{
  g_return_val_if_fail (CARTABLE_IS_OUTBOX_ITEM (self), NULL);
  return self->data.last_error;
}

/* Main thread: applies new data and notifies what changed. */
static void
item_update (CartableOutboxItem *self,
             const ItemData     *data)
{
  gboolean state_changed = self->data.state != data->state;
  gboolean attempts_changed = self->data.attempts != data->attempts;
  gboolean error_changed = g_strcmp0 (self->data.last_error, data->last_error) != 0;
  gboolean send_at_changed = self->data.send_at != data->send_at;

  self->data.state = data->state;
  self->data.attempts = data->attempts;
  self->data.send_at = data->send_at;
  if (error_changed)
    {
      g_free (self->data.last_error);
      self->data.last_error = g_strdup (data->last_error);
    }

  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_STATE]);
  if (attempts_changed)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_ATTEMPTS]);
  if (error_changed)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_LAST_ERROR]);
  if (send_at_changed)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_SEND_AT]);
}

/* ------------------------------------------------------------------ files */

static char *
item_path (const char *dir,
           const char *id,
           const char *extension)
{
  g_autofree char *name = g_strconcat (id, extension, NULL);
  return g_build_filename (dir, name, NULL);
}

static gboolean
write_state (const char      *dir,
             const ItemData  *data,
             GError         **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *contents = NULL;
  g_autofree char *path = item_path (dir, data->id, ".state");
  gsize length;

  g_key_file_set_string (key_file, STATE_GROUP, "state", state_names[data->state]);
  g_key_file_set_string (key_file, STATE_GROUP, "message-id", data->message_id ? data->message_id : "");
  g_key_file_set_string (key_file, STATE_GROUP, "subject", data->subject ? data->subject : "");
  g_key_file_set_string (key_file, STATE_GROUP, "recipients", data->recipients ? data->recipients : "");
  g_key_file_set_int64 (key_file, STATE_GROUP, "created", data->created);
  g_key_file_set_int64 (key_file, STATE_GROUP, "send-at", data->send_at);
  g_key_file_set_uint64 (key_file, STATE_GROUP, "attempts", data->attempts);
  if (data->last_error != NULL)
    g_key_file_set_string (key_file, STATE_GROUP, "last-error", data->last_error);

  contents = g_key_file_to_data (key_file, &length, NULL);
  return cartable_outbox_util_write_durable (path, contents, length, error);
}

static gboolean
read_state (const char  *dir,
            const char  *id,
            ItemData    *data,
            GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = item_path (dir, id, ".state");
  g_autofree char *state = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, error))
    return FALSE;

  state = g_key_file_get_string (key_file, STATE_GROUP, "state", NULL);
  if (!state_from_string (state, &data->state))
    {
      g_set_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                   _("The outbox file %s is damaged."), path);
      return FALSE;
    }
  data->id = g_strdup (id);
  data->message_id = g_key_file_get_string (key_file, STATE_GROUP, "message-id", NULL);
  data->subject = g_key_file_get_string (key_file, STATE_GROUP, "subject", NULL);
  data->recipients = g_key_file_get_string (key_file, STATE_GROUP, "recipients", NULL);
  data->created = g_key_file_get_int64 (key_file, STATE_GROUP, "created", NULL);
  data->send_at = g_key_file_get_int64 (key_file, STATE_GROUP, "send-at", NULL);
  data->attempts = g_key_file_get_uint64 (key_file, STATE_GROUP, "attempts", NULL);
  data->last_error = g_key_file_get_string (key_file, STATE_GROUP, "last-error", NULL);

  return TRUE;
}

/* ------------------------------------------------------------------ outbox */

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

static void schedule (CartableOutbox *self);
static void start_round (CartableOutbox *self, gboolean force);

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

/* Reads the folder. A message caught "sending" becomes "uncertain", on
 * disk first. An .eml without state is a queue() that did not return: it
 * was never sent, so it is queued. A state without .eml is a message whose
 * removal was interrupted. */
static gboolean
cartable_outbox_initable_init (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CartableOutbox *self = CARTABLE_OUTBOX (initable);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self->session == NULL || self->account_id == NULL)
    {
      g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                           _("The outbox needs a session and an account."));
      return FALSE;
    }

  {
    g_autofree char *account_dir = cartable_paths_get_account_dir ("data", self->account_id);

    if (account_dir == NULL)
      {
        g_set_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                     _("“%s” cannot be an account name."), self->account_id);
        return FALSE;
      }
    self->dir = g_build_filename (account_dir, "outbox", NULL);

    if (g_mkdir_with_parents (self->dir, 0700) != 0)
      {
        int saved_errno = errno;

        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Could not create the outbox folder %s: %s"), self->dir, g_strerror (saved_errno));
        return FALSE;
      }

    /* Two processes sending from one outbox could send a message twice:
     * the first to open it owns it until it closes it (or dies). */
    {
      g_autofree char *lock_path = g_build_filename (account_dir, "outbox.lock", NULL);

      self->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (self->lock_fd < 0 || flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == EWOULDBLOCK)
            g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_BUSY,
                                 _("The outbox of this account is in use by another Cartable window or command."));
          else
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                         _("Could not create the outbox folder %s: %s"), self->dir, g_strerror (saved_errno));
          return FALSE;
        }
    }
  }

  dir = g_dir_open (self->dir, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *eml = NULL;
      g_autofree char *state = NULL;
      g_autoptr(GError) local_error = NULL;
      CartableOutboxItem *item;

      if (g_str_has_suffix (name, ".eml"))
        {
          id = g_strndup (name, strlen (name) - 4);
          state = item_path (self->dir, id, ".state");
          if (g_file_test (state, G_FILE_TEST_EXISTS))
            continue;   /* seen with its .state */
        }
      else if (g_str_has_suffix (name, ".state"))
        id = g_strndup (name, strlen (name) - 6);
      else
        {
          /* The temporary file of a write that a crash interrupted: what
           * it held was never promised to anyone. */
          if (strstr (name, ".eml.") != NULL || strstr (name, ".state.") != NULL)
            {
              g_autofree char *path = g_build_filename (self->dir, name, NULL);

              g_unlink (path);
            }
          continue;
        }

      if (!cartable_paths_is_safe_component (id))
        continue;

      eml = item_path (self->dir, id, ".eml");
      state = item_path (self->dir, id, ".state");
      item = g_object_new (CARTABLE_TYPE_OUTBOX_ITEM, NULL);

      if (!g_file_test (state, G_FILE_TEST_EXISTS))
        {
          g_autofree char *contents = NULL;
          gsize length;

          item->data.id = g_strdup (id);
          item->data.state = CARTABLE_OUTBOX_STATE_QUEUED;
          item->data.created = g_get_real_time () / G_USEC_PER_SEC;
          if (g_file_get_contents (eml, &contents, &length, NULL))
            {
              g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (contents, length);
              g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
              g_autoptr(GMimeMessage) message = g_mime_parser_construct_message (parser, NULL);

              if (message != NULL)
                {
                  item->data.message_id = g_strdup (g_mime_message_get_message_id (message));
                  item->data.subject = g_strdup (g_mime_message_get_subject (message));
                }
            }
          if (!write_state (self->dir, &item->data, &local_error))
            g_warning ("%s", local_error->message);
        }
      else if (!read_state (self->dir, id, &item->data, &local_error))
        {
          g_warning ("%s", local_error->message);
          g_object_unref (item);
          continue;
        }
      else if (!g_file_test (eml, G_FILE_TEST_EXISTS))
        {
          if (!cartable_outbox_util_remove_durable (state, &local_error))
            g_warning ("%s", local_error->message);
          g_object_unref (item);
          continue;
        }

      if (item->data.state == CARTABLE_OUTBOX_STATE_SENDING)
        {
          item->data.state = CARTABLE_OUTBOX_STATE_UNCERTAIN;
          g_free (item->data.last_error);
          item->data.last_error = g_strdup (_("Cartable stopped while this message was being sent."));
          if (!write_state (self->dir, &item->data, error))
            {
              g_object_unref (item);
              return FALSE;
            }
        }

      g_list_store_insert_sorted (self->items, item, compare_items, NULL);
      g_object_unref (item);
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

static CartableOutboxItem *
find_item (CartableOutbox *self,
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

  return find_item (self, id, NULL);
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

static void
remove_item (CartableOutbox *self,
             const char     *id)
{
  guint position;

  if (find_item (self, id, &position) != NULL)
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

/* Any thread: writes the message, then its state, both durably. */
static gboolean
write_new_item (const char      *dir,
                const ItemData  *data,
                GBytes          *bytes,
                GError         **error)
{
  g_autofree char *eml = item_path (dir, data->id, ".eml");
  gsize size;
  const char *contents = g_bytes_get_data (bytes, &size);

  if (!cartable_outbox_util_write_durable (eml, contents, size, error))
    return FALSE;
  if (!write_state (dir, data, error))
    {
      g_unlink (eml);
      return FALSE;
    }

  return TRUE;
}

static gboolean
prepare_item (GMimeMessage  *message,
              gint64         send_at,
              ItemData      *data,
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
                 ItemData       *data)
{
  CartableOutboxItem *item = g_object_new (CARTABLE_TYPE_OUTBOX_ITEM, NULL);

  item->data = *data;
  memset (data, 0, sizeof *data);
  g_list_store_insert_sorted (self->items, item, compare_items, NULL);
  g_object_unref (item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  schedule (self);

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
  ItemData data = { 0 };
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (GMIME_IS_MESSAGE (message), NULL);

  if (!prepare_item (message, send_at, &data, &bytes, error))
    return NULL;
  if (!write_new_item (self->dir, &data, bytes, error))
    {
      item_data_clear (&data);
      return NULL;
    }

  return add_queued_item (self, &data);
}

typedef struct
{
  char     *dir;
  ItemData  data;
  GBytes   *bytes;
} QueueData;

static void
queue_data_free (gpointer pointer)
{
  QueueData *queue_data = pointer;

  g_free (queue_data->dir);
  item_data_clear (&queue_data->data);
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

  if (write_new_item (queue_data->dir, &queue_data->data, queue_data->bytes, &error))
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
  CartableOutboxItem *item = find_item (self, id, NULL);

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
  g_autofree char *eml = NULL;
  g_autofree char *state = NULL;
  CartableOutboxItem *item;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_not_in_flight (self, id, &item, error))
    return FALSE;

  eml = item_path (self->dir, id, ".eml");
  state = item_path (self->dir, id, ".state");
  /* The message first: a lone state file is dropped at the next start. */
  if (!cartable_outbox_util_remove_durable (eml, error) ||
      !cartable_outbox_util_remove_durable (state, error))
    return FALSE;

  remove_item (self, id);
  schedule (self);
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
  ItemData data;

  g_return_val_if_fail (CARTABLE_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_not_in_flight (self, id, &item, error))
    return FALSE;

  item_data_copy (&data, &item->data);
  data.state = CARTABLE_OUTBOX_STATE_QUEUED;
  data.send_at = 0;
  g_clear_pointer (&data.last_error, g_free);
  if (!write_state (self->dir, &data, error))
    {
      item_data_clear (&data);
      return FALSE;
    }

  item_update (item, &data);
  item_data_clear (&data);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  schedule (self);
  return TRUE;
}

/* ------------------------------------------------------------------ the worker */

typedef struct
{
  ItemData data;
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

  item_data_clear (&job->data);
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
  ItemData        data;
  gboolean        sent_now;
} Update;

static gboolean
apply_update_cb (gpointer pointer)
{
  Update *update = pointer;
  CartableOutboxItem *item = find_item (update->outbox, update->data.id, NULL);

  /* Late news of a round that is over is stale. */
  if (item != NULL && g_hash_table_contains (update->outbox->in_flight, update->data.id))
    {
      g_autoptr(CartableOutboxItem) hold = g_object_ref (item);

      item_update (item, &update->data);
      g_object_notify_by_pspec (G_OBJECT (update->outbox), properties[PROP_N_PENDING]);
      if (update->sent_now)
        g_signal_emit (update->outbox, signals[MESSAGE_SENT], 0, item);
    }

  return G_SOURCE_REMOVE;
}

static void
update_free (gpointer pointer)
{
  Update *update = pointer;

  g_object_unref (update->outbox);
  item_data_clear (&update->data);
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
  item_data_copy (&update->data, &job->data);
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
  if (!write_state (round->dir, &job->data, &error))
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
  g_autofree char *eml = item_path (round->dir, job->data.id, ".eml");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(CamelInternetAddress) recipients = NULL;
  g_autoptr(GError) error = NULL;
  CamelInternetAddress *from;
  gboolean saved = FALSE;
  static const char * const types[] = {
    CAMEL_RECIPIENT_TYPE_TO, CAMEL_RECIPIENT_TYPE_CC, CAMEL_RECIPIENT_TYPE_BCC,
  };

  {
    g_autoptr(GFile) file = g_file_new_for_path (eml);
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  }
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
  g_autofree char *eml = item_path (round->dir, job->data.id, ".eml");
  g_autofree char *state = item_path (round->dir, job->data.id, ".state");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(CamelMessageInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (sent != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (eml);

      bytes = g_file_load_bytes (file, NULL, NULL, &error);
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

  if (!cartable_outbox_util_remove_durable (eml, &error) ||
      !cartable_outbox_util_remove_durable (state, &error))
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
set_last_error (CartableOutbox *self,
                const char     *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
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
      CartableOutboxItem *item = find_item (self, job->data.id, NULL);

      if (job->done)
        remove_item (self, job->data.id);
      else if (item != NULL)
        item_update (item, &job->data);
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
      set_last_error (self, error->message);
    }
  else
    {
      self->retry_delay = 0;
      self->retry_at = 0;
      set_last_error (self, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);

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
    schedule (self);
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
      item_data_copy (&job->data, &item->data);
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
  schedule (self);
  return G_SOURCE_REMOVE;
}

/* Main thread: starts a round if something is due, else waits for the
 * next due time. */
static void
schedule (CartableOutbox *self)
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
  schedule (self);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-outbox-item-private.h"

/* A message of the outbox as the interface sees it: its state, and what
 * the list shows. The outbox changes it on the main thread only. */

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
  cartable_outbox_record_clear (&CARTABLE_OUTBOX_ITEM (object)->data);
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

/* Takes over @record's contents (left zeroed). */
CartableOutboxItem *
_cartable_outbox_item_new_take (CartableOutboxRecord *record)
{
  CartableOutboxItem *self = g_object_new (CARTABLE_TYPE_OUTBOX_ITEM, NULL);

  self->data = *record;
  memset (record, 0, sizeof *record);
  return self;
}

/* Main thread: applies new data and notifies what changed. */
void
_cartable_outbox_item_update (CartableOutboxItem         *self,
                              const CartableOutboxRecord *data)
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

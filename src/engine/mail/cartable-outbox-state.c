/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-outbox-state.h"

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

G_DEFINE_QUARK (cartable-outbox-error-quark, cartable_outbox_error)

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-interface-mode"

#include "config.h"

#include "cartable-interface-mode.h"

/* The nicks are the values stored in GSettings: keep them in sync with the schema. */
static const GEnumValue interface_mode_values[] = {
  { CARTABLE_INTERFACE_MODE_SIMPLE, "CARTABLE_INTERFACE_MODE_SIMPLE", "simple" },
  { CARTABLE_INTERFACE_MODE_FULL, "CARTABLE_INTERFACE_MODE_FULL", "full" },
  { 0, NULL, NULL },
};

GType
cartable_interface_mode_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      GType id = g_enum_register_static ("CartableInterfaceMode", interface_mode_values);
      g_once_init_leave (&type, id);
    }

  return type;
}

const char *
cartable_interface_mode_to_string (CartableInterfaceMode mode)
{
  for (guint i = 0; interface_mode_values[i].value_nick != NULL; i++)
    if (interface_mode_values[i].value == (int) mode)
      return interface_mode_values[i].value_nick;

  g_return_val_if_reached (NULL);
}

gboolean
cartable_interface_mode_from_string (const char            *nick,
                                     CartableInterfaceMode *mode)
{
  g_return_val_if_fail (mode != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  for (guint i = 0; interface_mode_values[i].value_nick != NULL; i++)
    {
      if (g_ascii_strcasecmp (interface_mode_values[i].value_nick, nick) == 0)
        {
          *mode = interface_mode_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

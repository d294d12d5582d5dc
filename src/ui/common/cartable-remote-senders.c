/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-remote-senders"

#include "config.h"

#include <string.h>

#include "cartable-remote-senders.h"

/*
 * The senders whose messages show their remote content (images, fonts)
 * without asking: a list of addresses, kept in the "remote-content-senders"
 * setting, compared without regard to case.
 */

/**
 * cartable_remote_senders_address_of:
 * @from: (nullable): a From header, "Name <address>" or a bare address
 *
 * Returns: (transfer full) (nullable): the address of @from in lower case,
 *   or %NULL when there is none
 */
char *
cartable_remote_senders_address_of (const char *from)
{
  const char *start;
  const char *end;
  g_autofree char *address = NULL;

  if (from == NULL)
    return NULL;

  start = strrchr (from, '<');
  if (start != NULL)
    {
      start++;
      end = strchr (start, '>');
      if (end == NULL)
        end = start + strlen (start);
    }
  else
    {
      start = from;
      end = from + strlen (from);
    }

  address = g_strstrip (g_strndup (start, end - start));
  if (*address == '\0' || strchr (address, '@') == NULL || strpbrk (address, " \t\r\n<>\"") != NULL)
    return NULL;

  return g_utf8_strdown (address, -1);
}

/* Whether the sender of @from is in @senders. */
gboolean
cartable_remote_senders_contains (const char * const *senders,
                                  const char         *from)
{
  g_autofree char *address = cartable_remote_senders_address_of (from);

  if (senders == NULL || address == NULL)
    return FALSE;

  for (guint i = 0; senders[i] != NULL; i++)
    {
      g_autofree char *known = g_utf8_strdown (senders[i], -1);

      if (g_strcmp0 (g_strstrip (known), address) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * cartable_remote_senders_add:
 *
 * Returns: (transfer full): @senders with the address of @from added
 *   (once, in lower case); a copy of @senders when @from has no address
 */
char **
cartable_remote_senders_add (const char * const *senders,
                             const char         *from)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *address = cartable_remote_senders_address_of (from);

  if (senders != NULL)
    g_strv_builder_addv (builder, (const char **) senders);
  if (address != NULL && !cartable_remote_senders_contains (senders, address))
    g_strv_builder_add (builder, address);

  return g_strv_builder_end (builder);
}

/**
 * cartable_remote_senders_allows:
 * @settings: (nullable): the application settings
 * @from: (nullable): a From header
 *
 * Whether the user chose to always see the remote content of @from
 * (« Toujours pour cet expéditeur »), in either version of the interface.
 */
gboolean
cartable_remote_senders_allows (GSettings  *settings,
                                const char *from)
{
  g_auto(GStrv) senders = NULL;

  if (settings == NULL || from == NULL)
    return FALSE;

  senders = g_settings_get_strv (settings, "remote-content-senders");
  return cartable_remote_senders_contains ((const char * const *) senders, from);
}

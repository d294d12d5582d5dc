/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-address"

#include "config.h"

#include <camel/camel.h>

#include "cartable-mail-address.h"

/*
 * Address headers as the interface needs them: decoded (RFC 2047 names)
 * and split into mailboxes. Parsing is Camel's; the interface never sees
 * Camel itself.
 */

void
cartable_mail_address_free (CartableMailAddress *address)
{
  if (address == NULL)
    return;

  g_free (address->name);
  g_free (address->address);
  g_free (address);
}

/**
 * cartable_mail_address_parse_list:
 * @header: (nullable): an address header, encoded or not
 *
 * Returns: (transfer full) (element-type CartableMailAddress): the
 *   mailboxes of @header, in order; empty when none could be read
 */
GPtrArray *
cartable_mail_address_parse_list (const char *header)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_mail_address_free);
  g_autoptr(CamelInternetAddress) cia = NULL;
  int count;

  if (header == NULL || *header == '\0')
    return list;

  cia = camel_internet_address_new ();
  count = camel_address_decode (CAMEL_ADDRESS (cia), header);
  for (int i = 0; i < count; i++)
    {
      const char *name = NULL;
      const char *address = NULL;
      CartableMailAddress *mailbox;

      if (!camel_internet_address_get (cia, i, &name, &address))
        continue;

      mailbox = g_new0 (CartableMailAddress, 1);
      mailbox->name = g_strdup (name != NULL ? name : "");
      mailbox->address = g_strdup (address != NULL ? address : "");
      g_ptr_array_add (list, mailbox);
    }

  return list;
}

/**
 * cartable_mail_address_format:
 *
 * Returns: (transfer full): « Name <address> », quoted where the name
 *   needs it, or the bare address without a name
 */
char *
cartable_mail_address_format (const char *name,
                              const char *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  if (name == NULL || *name == '\0')
    return g_strdup (address);

  return camel_internet_address_format_address (name, address);
}

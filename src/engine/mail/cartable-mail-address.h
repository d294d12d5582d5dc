/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One mailbox of an address header: a display name (may be empty) and an
 * address. */
typedef struct
{
  char *name;
  char *address;
} CartableMailAddress;

void       cartable_mail_address_free        (CartableMailAddress *address);
GPtrArray *cartable_mail_address_parse_list  (const char          *header);
char      *cartable_mail_address_format      (const char          *name,
                                              const char          *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableMailAddress, cartable_mail_address_free)

G_END_DECLS

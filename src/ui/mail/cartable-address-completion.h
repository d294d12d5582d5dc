/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Completion of the composer's address fields from the addresses the
 * account has already seen (senders and recipients of cached messages). */

/* A set of known addresses: lower-cased address → "Name <address>". */
GHashTable *cartable_address_completion_table_new (void);
/* Adds every address of the header value @addresses ("A <a@x>, b@y"). An
 * entry with a display name replaces one without. */
void        cartable_address_completion_add       (GHashTable  *table,
                                                   const char  *addresses);
/* The address being typed in @text: what follows its last comma, without
 * leading blanks. */
const char *cartable_address_completion_token     (const char  *text);
/* Whether @candidate ("Name <address>") matches the address being typed in
 * @text, on the name or the address, ignoring case and accents; not when
 * that address is already written in full. */
gboolean    cartable_address_completion_matches   (const char  *candidate,
                                                   const char  *text);
/* The known addresses matching the address typed in @text, sorted. */
GPtrArray  *cartable_address_completion_match     (GHashTable  *table,
                                                   const char  *text);
/* @text with the address being typed replaced by @choice, followed by ", "
 * so the next one can be typed. */
char       *cartable_address_completion_apply     (const char  *text,
                                                   const char  *choice);

/* Offers the addresses of @table in a popup under @entry while typing;
 * Down then Enter, or a click, picks one. Rows added later to the table are offered after
 * cartable_address_completion_refresh() with the same table. */
void        cartable_address_completion_attach    (GtkEntry    *entry,
                                                   GHashTable  *table);
void        cartable_address_completion_refresh   (GtkEntry    *entry,
                                                   GHashTable  *table);
/* Closes the suggestions of @entry; FALSE when none were shown. */
gboolean    cartable_address_completion_popdown   (GtkEntry    *entry);

G_END_DECLS

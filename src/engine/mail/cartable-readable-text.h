/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A message body as plain text for reading aloud or in a text widget: the
 * text, and the links found in it as character ranges with their targets
 * (http, https and mailto only). */
typedef struct _CartableReadableText CartableReadableText;

CartableReadableText *cartable_readable_text_new_from_html  (const char                 *html);
CartableReadableText *cartable_readable_text_new_from_plain (const char                 *text);
void                  cartable_readable_text_free           (CartableReadableText       *self);

const char           *cartable_readable_text_get_text       (const CartableReadableText *self);
guint                 cartable_readable_text_get_n_links    (const CartableReadableText *self);
const char           *cartable_readable_text_get_link       (const CartableReadableText *self,
                                                             guint                       index,
                                                             guint                      *start,
                                                             guint                      *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableReadableText, cartable_readable_text_free)

G_END_DECLS

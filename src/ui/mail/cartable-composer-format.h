/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the academy's mail server accepts when its profile does not say. */
#define CARTABLE_COMPOSER_DEFAULT_MAX_MESSAGE_SIZE (10 * 1000 * 1000)

typedef enum
{
  CARTABLE_COMPOSER_STYLE_BOLD      = 1 << 0,
  CARTABLE_COMPOSER_STYLE_ITALIC    = 1 << 1,
  CARTABLE_COMPOSER_STYLE_UNDERLINE = 1 << 2,
  CARTABLE_COMPOSER_STYLE_BULLET    = 1 << 3,   /* the lines it touches are list items */
  CARTABLE_COMPOSER_STYLE_LINK      = 1 << 4,   /* with href */
} CartableComposerStyle;

/* A formatted stretch of the body: byte offsets into the text, [start, end). */
typedef struct
{
  gsize                 start;
  gsize                 end;
  CartableComposerStyle style;
  const char           *href;
} CartableComposerSpan;

/* The bullet the editor puts at the start of a list item. */
#define CARTABLE_COMPOSER_BULLET "• "

char      *cartable_composer_format_html          (const char                 *text,
                                                   const CartableComposerSpan *spans,
                                                   guint                       n_spans);
char      *cartable_composer_format_plain_text    (const char                 *text,
                                                   const CartableComposerSpan *spans,
                                                   guint                       n_spans);
gboolean   cartable_composer_link_is_safe         (const char                 *href);

char      *cartable_composer_format_size          (guint64                     bytes);
guint64    cartable_composer_encoded_size         (guint64                     bytes);
char      *cartable_composer_format_size_warning  (guint64                     total,
                                                   guint64                     limit);

GDateTime *cartable_composer_tomorrow_at          (GDateTime                  *now,
                                                   int                         hour,
                                                   int                         minute);
char      *cartable_composer_format_send_at       (GDateTime                  *when,
                                                   GDateTime                  *now);
char      *cartable_composer_format_draft_saved   (GDateTime                  *when);

char      *cartable_composer_check_addresses      (const char                 *text);

/* @body with the account's signature after the usual "-- " line: at the
 * end of a new message, above the quote of a reply or forward. */
char      *cartable_composer_format_signed_body   (const char                 *body,
                                                   const char                 *signature);

/* What the outbox shows of a waiting message; @state is a
 * CartableOutboxState. */
char      *cartable_composer_describe_outbox_item (int                         state,
                                                   gint64                      send_at,
                                                   guint                       attempts,
                                                   const char                 *last_error,
                                                   GDateTime                  *now);

G_END_DECLS

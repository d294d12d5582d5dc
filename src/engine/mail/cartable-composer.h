/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <gmime/gmime.h>

#include "cartable-gmime-autoptr.h"

G_BEGIN_DECLS

#define CARTABLE_COMPOSER_ERROR (cartable_composer_error_quark ())

typedef enum
{
  CARTABLE_COMPOSER_ERROR_NO_SENDER,
  CARTABLE_COMPOSER_ERROR_NO_RECIPIENT,
  CARTABLE_COMPOSER_ERROR_INVALID_ADDRESS,
  CARTABLE_COMPOSER_ERROR_INVALID_MESSAGE,
} CartableComposerError;

#define CARTABLE_TYPE_COMPOSER (cartable_composer_get_type ())

G_DECLARE_FINAL_TYPE (CartableComposer, cartable_composer, CARTABLE, COMPOSER, GObject)

GQuark            cartable_composer_error_quark          (void);

CartableComposer *cartable_composer_new                  (void);
CartableComposer *cartable_composer_new_reply            (GMimeMessage     *original,
                                                          const char       *own_address,
                                                          gboolean          reply_all);
CartableComposer *cartable_composer_new_forward          (GMimeMessage     *original);
CartableComposer *cartable_composer_new_from_message     (GMimeMessage     *message);

void              cartable_composer_set_from             (CartableComposer *self,
                                                          const char       *name,
                                                          const char       *address);
const char       *cartable_composer_get_from_address     (CartableComposer *self);
const char       *cartable_composer_get_from_name        (CartableComposer *self);

void              cartable_composer_set_recipients       (CartableComposer *self,
                                                          GMimeAddressType  type,
                                                          const char       *addresses);
void              cartable_composer_add_recipient        (CartableComposer *self,
                                                          GMimeAddressType  type,
                                                          const char       *name,
                                                          const char       *address);
char             *cartable_composer_dup_recipients       (CartableComposer *self,
                                                          GMimeAddressType  type);

void              cartable_composer_set_subject          (CartableComposer *self,
                                                          const char       *subject);
const char       *cartable_composer_get_subject          (CartableComposer *self);
void              cartable_composer_set_body             (CartableComposer *self,
                                                          const char       *text);
const char       *cartable_composer_get_body             (CartableComposer *self);
void              cartable_composer_set_html_body        (CartableComposer *self,
                                                          const char       *html);
const char       *cartable_composer_get_html_body        (CartableComposer *self);

gboolean          cartable_composer_add_attachment_file  (CartableComposer *self,
                                                          GFile            *file,
                                                          GCancellable     *cancellable,
                                                          GError          **error);
void              cartable_composer_add_attachment       (CartableComposer *self,
                                                          const char       *filename,
                                                          const char       *mime_type,
                                                          GBytes           *data);
const char       *cartable_composer_add_inline_image     (CartableComposer *self,
                                                          const char       *filename,
                                                          const char       *mime_type,
                                                          GBytes           *data);
guint             cartable_composer_get_n_attachments    (CartableComposer *self);
const char       *cartable_composer_get_attachment_filename (CartableComposer *self,
                                                             guint             index);
gsize             cartable_composer_get_attachment_size  (CartableComposer *self,
                                                          guint             index);
void              cartable_composer_remove_attachment    (CartableComposer *self,
                                                          guint             index);

const char       *cartable_composer_get_message_id       (CartableComposer *self);
const char       *cartable_composer_get_in_reply_to      (CartableComposer *self);
const char       *cartable_composer_get_references       (CartableComposer *self);
void              cartable_composer_set_date             (CartableComposer *self,
                                                          GDateTime        *date);

GMimeMessage     *cartable_composer_build                (CartableComposer *self,
                                                          GError          **error);
GMimeMessage     *cartable_composer_build_draft          (CartableComposer *self);
GBytes           *cartable_composer_serialize            (GMimeMessage     *message);

char             *cartable_composer_make_reply_subject   (const char       *subject);
char             *cartable_composer_make_forward_subject (const char       *subject);
char             *cartable_composer_format_attribution   (GDateTime        *date,
                                                          const char       *author);
char             *cartable_composer_quote_text           (const char       *text);
char             *cartable_composer_guess_mime_type      (const char       *filename,
                                                          GBytes           *data);

G_END_DECLS

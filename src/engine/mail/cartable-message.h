/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------ safe names */

/* A file name safe to create inside a folder chosen by the user, made from
 * the name a message proposes: the last path component only, no control,
 * format (bidi, zero-width) or separator characters, no leading dots, no
 * characters Windows file systems refuse, at most 200 bytes (extension
 * kept), NFC, never empty. Pure function. */
char  *cartable_mail_safe_filename         (const char   *proposed);
/* "name (2).ext", "name (3).ext"… for @n >= 2; @safe_name for 1. */
char  *cartable_mail_numbered_filename     (const char   *safe_name,
                                            guint         n);
/* Creates a new file for @proposed inside @directory without ever replacing
 * an existing one (" (2)" etc. is added), and writes @data into it. Returns
 * the file created. Blocking. */
GFile *cartable_mail_save_in_directory     (GFile        *directory,
                                            const char   *proposed,
                                            GBytes       *data,
                                            GCancellable *cancellable,
                                            GError      **error);

/* ------------------------------------------------------------------ attachment */

#define CARTABLE_TYPE_ATTACHMENT (cartable_attachment_get_type ())

G_DECLARE_FINAL_TYPE (CartableAttachment, cartable_attachment, CARTABLE, ATTACHMENT, GObject)

/* The name the message gives (decoded; may be hostile: never use it as a path). */
const char  *cartable_attachment_get_filename      (CartableAttachment *self);
/* cartable_mail_safe_filename() of the above. */
const char  *cartable_attachment_get_safe_filename (CartableAttachment *self);
const char  *cartable_attachment_get_mime_type     (CartableAttachment *self);
/* Without angle brackets, or NULL. */
const char  *cartable_attachment_get_content_id    (CartableAttachment *self);
/* Shown in the body (an inline cid: image) rather than listed. */
gboolean     cartable_attachment_get_is_inline     (CartableAttachment *self);
/* Decoded size in bytes. */
gsize        cartable_attachment_get_size          (CartableAttachment *self);
GBytes      *cartable_attachment_get_data          (CartableAttachment *self);
void         cartable_attachment_save_async        (CartableAttachment  *self,
                                                    GFile               *directory,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GFile       *cartable_attachment_save_finish       (CartableAttachment  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* ------------------------------------------------------------------ message */

#define CARTABLE_TYPE_MESSAGE (cartable_message_get_type ())

/* A message parsed with GMime for display: decoded headers, the text and
 * HTML bodies in UTF-8, attachments and inline parts. */
G_DECLARE_FINAL_TYPE (CartableMessage, cartable_message, CARTABLE, MESSAGE, GObject)

CartableMessage *cartable_message_new_from_bytes     (GBytes              *raw,
                                                      GError             **error);

/* A message of a folder: cartable_mail_folder_load_message_async(). */

const char      *cartable_message_get_uid            (CartableMessage     *self);
const char      *cartable_message_get_subject        (CartableMessage     *self);
const char      *cartable_message_get_from           (CartableMessage     *self);
const char      *cartable_message_get_to             (CartableMessage     *self);
const char      *cartable_message_get_cc             (CartableMessage     *self);
const char      *cartable_message_get_reply_to       (CartableMessage     *self);
const char      *cartable_message_get_message_id     (CartableMessage     *self);
const char      *cartable_message_get_in_reply_to    (CartableMessage     *self);
/* NULL when the message has no (valid) Date. */
GDateTime       *cartable_message_get_date           (CartableMessage     *self);
const char      *cartable_message_get_text_body      (CartableMessage     *self);
const char      *cartable_message_get_html_body      (CartableMessage     *self);
/* Every attachment and inline part, in message order. */
GListModel      *cartable_message_get_attachments    (CartableMessage     *self);
CartableAttachment *cartable_message_find_content_id (CartableMessage     *self,
                                                      const char          *content_id);
GBytes          *cartable_message_get_raw            (CartableMessage     *self);

G_END_DECLS

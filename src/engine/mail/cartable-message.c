/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "cartable-mail-session.h"
#include "cartable-message-private.h"

/* Hostile messages nest multiparts thousands deep: stop walking there. */
#define MAX_DEPTH 64
#define MAX_NAME_BYTES 200
#define MAX_EXTENSION_BYTES 16
#define MAX_NUMBERED 10000

static void
init_gmime_once (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      static const char *fallback[] = { "UTF-8", "windows-1252", NULL };

      g_mime_init ();
      g_mime_parser_options_set_fallback_charsets (g_mime_parser_options_get_default (), fallback);
      g_once_init_leave (&initialized, 1);
    }
}

/* ------------------------------------------------------------------ safe names */

static gboolean
is_forbidden_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:              /* bidi overrides, zero-width joiners… */
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_replaced_char (gunichar c)
{
  /* Refused by FAT/NTFS (USB keys, shares) or confusing in a name. */
  return c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*';
}

char *
cartable_mail_safe_filename (const char *proposed)
{
  g_autofree char *valid = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GString) out = NULL;
  const char *base;
  const char *p;
  const char *dot;
  gsize start, end;

  if (proposed == NULL)
    proposed = "";

  valid = g_utf8_make_valid (proposed, -1);

  /* Only the last component: whatever directories it names stay behind. */
  base = valid;
  for (p = valid; *p; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;

  out = g_string_new (NULL);
  for (p = base; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_forbidden_char (c))
        continue;
      if (is_replaced_char (c))
        g_string_append_c (out, '_');
      else if (g_unichar_isspace (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  /* No hidden files, no "." or "..", no trailing dots or spaces. */
  start = 0;
  while (start < out->len && (out->str[start] == '.' || out->str[start] == ' '))
    start++;
  end = out->len;
  while (end > start && (out->str[end - 1] == '.' || out->str[end - 1] == ' '))
    end--;
  g_string_truncate (out, end);
  g_string_erase (out, 0, start);

  if (out->len == 0)
    g_string_assign (out, _("attachment"));

  normalized = g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
  if (normalized != NULL)
    g_string_assign (out, normalized);

  if (out->len > MAX_NAME_BYTES)
    {
      g_autofree char *extension = NULL;
      gsize keep;

      dot = strrchr (out->str, '.');
      if (dot != NULL && dot != out->str && strlen (dot) <= MAX_EXTENSION_BYTES)
        extension = g_strdup (dot);

      keep = MAX_NAME_BYTES - (extension ? strlen (extension) : 0);
      /* Cut on a character boundary. */
      while (keep > 0 && (out->str[keep] & 0xC0) == 0x80)
        keep--;
      g_string_truncate (out, keep);
      while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
        g_string_truncate (out, out->len - 1);
      if (extension != NULL)
        g_string_append (out, extension);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cartable_mail_numbered_filename (const char *safe_name,
                                 guint       n)
{
  const char *dot;

  g_return_val_if_fail (safe_name != NULL, NULL);

  if (n <= 1)
    return g_strdup (safe_name);

  dot = strrchr (safe_name, '.');
  if (dot == NULL || dot == safe_name || strlen (dot) > MAX_EXTENSION_BYTES)
    return g_strdup_printf ("%s (%u)", safe_name, n);

  return g_strdup_printf ("%.*s (%u)%s", (int) (dot - safe_name), safe_name, n, dot);
}

GFile *
cartable_mail_save_in_directory (GFile         *directory,
                                 const char    *proposed,
                                 GBytes        *data,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autofree char *safe = NULL;

  g_return_val_if_fail (G_IS_FILE (directory), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  safe = cartable_mail_safe_filename (proposed);

  for (guint n = 1; n <= MAX_NUMBERED; n++)
    {
      g_autofree char *name = cartable_mail_numbered_filename (safe, n);
      g_autoptr(GFile) file = g_file_get_child (directory, name);
      g_autoptr(GFileOutputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize written = 0;

      /* Defence in depth: the name must stay a direct child. */
      if (!g_file_has_parent (file, directory))
        {
          g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                       _("This attachment name is not allowed"));
          return NULL;
        }

      /* O_EXCL: never replaces a file, never follows a planted link. */
      stream = g_file_create (file, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream),
                                      g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                      &written, cancellable, error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
        {
          g_file_delete (file, NULL, NULL);
          return NULL;
        }

      return g_steal_pointer (&file);
    }

  g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_EXISTS,
               _("Too many files with this name already exist in this folder"));
  return NULL;
}

/* ------------------------------------------------------------------ attachment */

struct _CartableAttachment
{
  GObject   parent_instance;

  char     *filename;
  char     *safe_filename;
  char     *mime_type;
  char     *content_id;
  gboolean  is_inline;
  GBytes   *data;
};

G_DEFINE_FINAL_TYPE (CartableAttachment, cartable_attachment, G_TYPE_OBJECT)

static void
cartable_attachment_finalize (GObject *object)
{
  CartableAttachment *self = CARTABLE_ATTACHMENT (object);

  g_free (self->filename);
  g_free (self->safe_filename);
  g_free (self->mime_type);
  g_free (self->content_id);
  g_clear_pointer (&self->data, g_bytes_unref);

  G_OBJECT_CLASS (cartable_attachment_parent_class)->finalize (object);
}

static void
cartable_attachment_class_init (CartableAttachmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cartable_attachment_finalize;
}

static void
cartable_attachment_init (CartableAttachment *self)
{
}

#define ATTACHMENT_GETTER(type, field, fallback) \
  type \
  cartable_attachment_get_##field (CartableAttachment *self) \
  { \
    g_return_val_if_fail (CARTABLE_IS_ATTACHMENT (self), fallback); \
    return self->field; \
  }

ATTACHMENT_GETTER (const char *, filename, NULL)
ATTACHMENT_GETTER (const char *, safe_filename, NULL)
ATTACHMENT_GETTER (const char *, mime_type, NULL)
ATTACHMENT_GETTER (const char *, content_id, NULL)
ATTACHMENT_GETTER (gboolean, is_inline, FALSE)
ATTACHMENT_GETTER (GBytes *, data, NULL)

#undef ATTACHMENT_GETTER

gsize
cartable_attachment_get_size (CartableAttachment *self)
{
  g_return_val_if_fail (CARTABLE_IS_ATTACHMENT (self), 0);

  return self->data != NULL ? g_bytes_get_size (self->data) : 0;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CartableAttachment *self = source_object;
  GFile *directory = task_data;
  GError *error = NULL;
  GFile *file;

  file = cartable_mail_save_in_directory (directory, self->safe_filename, self->data, cancellable, &error);
  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

void
cartable_attachment_save_async (CartableAttachment  *self,
                                GFile               *directory,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTABLE_IS_ATTACHMENT (self));
  g_return_if_fail (G_IS_FILE (directory));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_attachment_save_async);
  g_task_set_task_data (task, g_object_ref (directory), g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

GFile *
cartable_attachment_save_finish (CartableAttachment  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_ATTACHMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ message */

struct _CartableMessage
{
  GObject     parent_instance;

  char       *uid;
  char       *subject;
  char       *from;
  char       *to;
  char       *cc;
  char       *reply_to;
  char       *message_id;
  char       *in_reply_to;
  GDateTime  *date;
  char       *text_body;
  char       *html_body;
  GListStore *attachments;
  GBytes     *raw;
};

G_DEFINE_FINAL_TYPE (CartableMessage, cartable_message, G_TYPE_OBJECT)

static void
cartable_message_finalize (GObject *object)
{
  CartableMessage *self = CARTABLE_MESSAGE (object);

  g_free (self->uid);
  g_free (self->subject);
  g_free (self->from);
  g_free (self->to);
  g_free (self->cc);
  g_free (self->reply_to);
  g_free (self->message_id);
  g_free (self->in_reply_to);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->text_body);
  g_free (self->html_body);
  g_clear_object (&self->attachments);
  g_clear_pointer (&self->raw, g_bytes_unref);

  G_OBJECT_CLASS (cartable_message_parent_class)->finalize (object);
}

static void
cartable_message_class_init (CartableMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cartable_message_finalize;
}

static void
cartable_message_init (CartableMessage *self)
{
  self->attachments = g_list_store_new (CARTABLE_TYPE_ATTACHMENT);
}

static char *
valid_utf8 (const char *s)
{
  return s != NULL ? g_utf8_make_valid (s, -1) : NULL;
}

static char *
addresses_to_string (InternetAddressList *list)
{
  g_autofree char *s = NULL;

  if (list == NULL || internet_address_list_length (list) == 0)
    return NULL;

  s = internet_address_list_to_string (list, NULL, FALSE);
  return valid_utf8 (s);
}

static GBytes *
decoded_content (GMimePart *part)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  GMimeStream *stream;
  GByteArray *array;
  GBytes *bytes;

  if (wrapper == NULL)
    return g_bytes_new (NULL, 0);

  array = g_byte_array_new ();
  stream = g_mime_stream_mem_new_with_byte_array (array);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_mime_data_wrapper_write_to_stream (wrapper, stream);
  g_object_unref (stream);
  bytes = g_byte_array_free_to_bytes (array);

  return bytes;
}

/* The part's text in UTF-8: its declared charset, else UTF-8, else
 * Windows-1252 (what unlabelled French mail nearly always is). */
static char *
part_text (GMimePart *part)
{
  g_autoptr(GBytes) bytes = decoded_content (part);
  const char *charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  char *text = NULL;

  if (data == NULL || len == 0)
    return g_strdup ("");

  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 &&
      g_ascii_strcasecmp (charset, "us-ascii") != 0)
    {
      const char *iconv_name = g_mime_charset_iconv_name (charset);

      text = g_convert (data, len, "UTF-8", iconv_name, NULL, NULL, NULL);
    }

  if (text == NULL && g_utf8_validate_len (data, len, NULL))
    text = g_strndup (data, len);

  if (text == NULL)
    text = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

  if (text == NULL)
    {
      g_autofree char *raw = g_strndup (data, len);

      text = g_utf8_make_valid (raw, -1);
    }

  return text;
}

static char *
dup_content_id (GMimeObject *object)
{
  const char *cid = g_mime_object_get_content_id (object);

  if (cid == NULL || *cid == '\0')
    return NULL;
  return valid_utf8 (cid);
}

static void
add_attachment (CartableMessage *self,
                GMimeObject     *object,
                GBytes          *data,
                const char      *filename,
                gboolean         is_inline)
{
  CartableAttachment *attachment = g_object_new (CARTABLE_TYPE_ATTACHMENT, NULL);
  GMimeContentType *type = g_mime_object_get_content_type (object);
  g_autofree char *mime_type = type != NULL ? g_mime_content_type_get_mime_type (type) : NULL;

  attachment->filename = valid_utf8 (filename);
  if (filename != NULL)
    attachment->safe_filename = cartable_mail_safe_filename (filename);
  else
    {
      /* Unnamed part: name it after its type ("attachment.png"). */
      const char *subtype = type != NULL ? g_mime_content_type_get_media_subtype (type) : NULL;
      g_autofree char *guess = g_strdup_printf ("%s.%s", _("attachment"),
                                                subtype != NULL ? subtype : "bin");

      attachment->safe_filename = cartable_mail_safe_filename (guess);
    }
  attachment->mime_type = g_ascii_strdown (mime_type != NULL ? mime_type : "application/octet-stream", -1);
  attachment->content_id = dup_content_id (object);
  attachment->is_inline = is_inline;
  attachment->data = g_bytes_ref (data);

  g_list_store_append (self->attachments, attachment);
  g_object_unref (attachment);
}

static void
walk (CartableMessage *self,
      GMimeObject     *object,
      guint            depth,
      gboolean         in_related)
{
  if (depth > MAX_DEPTH)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      GMimeContentType *type = g_mime_object_get_content_type (object);
      gboolean related = type != NULL && g_mime_content_type_is_type (type, "multipart", "related");
      int n = g_mime_multipart_get_count (multipart);

      for (int i = 0; i < n; i++)
        walk (self, g_mime_multipart_get_part (multipart, i), depth + 1, related || in_related);
      return;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));
      g_autoptr(GByteArray) array = g_byte_array_new ();
      GMimeStream *stream;
      g_autofree char *name = NULL;
      const char *subject = inner != NULL ? g_mime_message_get_subject (inner) : NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (inner == NULL)
        return;
      stream = g_mime_stream_mem_new_with_byte_array (array);
      g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
      g_mime_object_write_to_stream (GMIME_OBJECT (inner), NULL, stream);
      g_object_unref (stream);
      bytes = g_bytes_new (array->data, array->len);
      name = g_strdup_printf ("%s.eml", subject != NULL && *subject ? subject : _("message"));
      add_attachment (self, object, bytes, name, FALSE);
      return;
    }

  if (GMIME_IS_PART (object))
    {
      GMimePart *part = GMIME_PART (object);
      GMimeContentType *type = g_mime_object_get_content_type (object);
      const char *filename = g_mime_part_get_filename (part);
      gboolean is_attachment = g_mime_part_is_attachment (part);
      gboolean is_text = type != NULL && g_mime_content_type_is_type (type, "text", "plain");
      gboolean is_html = type != NULL && g_mime_content_type_is_type (type, "text", "html");
      g_autoptr(GBytes) data = NULL;
      g_autofree char *cid = NULL;

      if (!is_attachment && filename == NULL && is_text && self->text_body == NULL)
        {
          self->text_body = part_text (part);
          return;
        }
      if (!is_attachment && filename == NULL && is_html && self->html_body == NULL)
        {
          self->html_body = part_text (part);
          return;
        }

      data = decoded_content (part);
      cid = dup_content_id (object);
      /* Inline: referenced from the HTML body (cid:) rather than attached. */
      add_attachment (self, object, data, filename,
                      !is_attachment && (cid != NULL || in_related));
    }
}

CartableMessage *
cartable_message_new_from_bytes (GBytes  *raw,
                                 GError **error)
{
  g_autoptr(CartableMessage) self = NULL;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  const char *value;

  g_return_val_if_fail (raw != NULL, NULL);

  init_gmime_once ();

  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  parser = g_mime_parser_new_with_stream (stream);
  g_object_unref (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_object_unref (parser);

  if (message == NULL)
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                   _("This message cannot be read"));
      return NULL;
    }

  self = g_object_new (CARTABLE_TYPE_MESSAGE, NULL);
  self->raw = g_bytes_ref (raw);
  self->subject = valid_utf8 (g_mime_message_get_subject (message));
  self->from = addresses_to_string (g_mime_message_get_from (message));
  self->to = addresses_to_string (g_mime_message_get_to (message));
  self->cc = addresses_to_string (g_mime_message_get_cc (message));
  self->reply_to = addresses_to_string (g_mime_message_get_reply_to (message));
  self->message_id = valid_utf8 (g_mime_message_get_message_id (message));
  value = g_mime_object_get_header (GMIME_OBJECT (message), "In-Reply-To");
  if (value != NULL)
    {
      GMimeReferences *refs = g_mime_references_parse (NULL, value);

      if (refs != NULL && g_mime_references_length (refs) > 0)
        self->in_reply_to = valid_utf8 (g_mime_references_get_message_id (refs, 0));
      if (refs != NULL)
        g_mime_references_free (refs);
    }
  if (g_mime_message_get_date (message) != NULL)
    self->date = g_date_time_ref (g_mime_message_get_date (message));

  if (g_mime_message_get_mime_part (message) != NULL)
    walk (self, g_mime_message_get_mime_part (message), 0, FALSE);

  g_object_unref (message);

  return g_steal_pointer (&self);
}

#define MESSAGE_GETTER(type, field, fallback) \
  type \
  cartable_message_get_##field (CartableMessage *self) \
  { \
    g_return_val_if_fail (CARTABLE_IS_MESSAGE (self), fallback); \
    return self->field; \
  }

MESSAGE_GETTER (const char *, uid, NULL)
MESSAGE_GETTER (const char *, subject, NULL)
MESSAGE_GETTER (const char *, from, NULL)
MESSAGE_GETTER (const char *, to, NULL)
MESSAGE_GETTER (const char *, cc, NULL)
MESSAGE_GETTER (const char *, reply_to, NULL)
MESSAGE_GETTER (const char *, message_id, NULL)
MESSAGE_GETTER (const char *, in_reply_to, NULL)
MESSAGE_GETTER (GDateTime *, date, NULL)
MESSAGE_GETTER (const char *, text_body, NULL)
MESSAGE_GETTER (const char *, html_body, NULL)
MESSAGE_GETTER (GBytes *, raw, NULL)

#undef MESSAGE_GETTER

GListModel *
cartable_message_get_attachments (CartableMessage *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE (self), NULL);

  return G_LIST_MODEL (self->attachments);
}

CartableAttachment *
cartable_message_find_content_id (CartableMessage *self,
                                  const char      *content_id)
{
  guint n;

  g_return_val_if_fail (CARTABLE_IS_MESSAGE (self), NULL);
  g_return_val_if_fail (content_id != NULL, NULL);

  if (g_ascii_strncasecmp (content_id, "cid:", 4) == 0)
    content_id += 4;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->attachments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableAttachment) attachment = g_list_model_get_item (G_LIST_MODEL (self->attachments), i);

      if (attachment->content_id != NULL && g_str_equal (attachment->content_id, content_id))
        return attachment;
    }

  return NULL;
}

/* ------------------------------------------------------------------ loading */

static GBytes *
message_bytes (CamelMimeMessage *message,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  /* Camel's own serialisation of what it parsed. Its stored copy cannot be
   * read untouched: imapx keeps messages in the data cache's "cur" area
   * while camel_folder_get_filename() names one in "cache" (EDS 3.46).
   * Camel keeps each part's encoded content and the raw header values, so
   * what GMime parses here is the server's message in substance. */
  if (camel_data_wrapper_write_to_output_stream_sync (CAMEL_DATA_WRAPPER (message), out,
                                                      cancellable, error) < 0 ||
      !g_output_stream_close (out, cancellable, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

CartableMessage *
cartable_message_load_sync (CamelFolder   *folder,
                            const char    *uid,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  CartableMessage *self;

  g_return_val_if_fail (CAMEL_IS_FOLDER (folder), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  message = camel_folder_get_message_sync (folder, uid, cancellable, &local_error);
  if (message == NULL)
    {
      if (local_error == NULL)
        g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NOT_FOUND,
                     _("This message is no longer available"));
      else
        g_propagate_error (error, cartable_mail_error_from_camel (local_error));
      return NULL;
    }

  bytes = message_bytes (message, cancellable, error);
  if (bytes == NULL)
    return NULL;

  self = cartable_message_new_from_bytes (bytes, error);
  if (self != NULL)
    self->uid = g_strdup (uid);

  return self;
}

typedef struct
{
  CamelFolder *folder;
  char        *uid;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_clear_object (&d->folder);
  g_free (d->uid);
  g_free (d);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  GError *error = NULL;
  CartableMessage *message;

  message = cartable_message_load_sync (d->folder, d->uid, cancellable, &error);
  if (message == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, message, g_object_unref);
}

void
cartable_message_load_async (CamelFolder         *folder,
                             const char          *uid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *d;

  g_return_if_fail (CAMEL_IS_FOLDER (folder));
  g_return_if_fail (uid != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = g_new0 (LoadData, 1);
  d->folder = g_object_ref (folder);
  d->uid = g_strdup (uid);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_message_load_async);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

CartableMessage *
cartable_message_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

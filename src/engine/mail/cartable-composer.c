/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-composer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-composer.h"

/*
 * The model behind the message editor: who, what, attachments, and the
 * threading headers of a reply. It builds a GMime message on demand; text
 * is always UTF-8 (GMime would otherwise pick the smallest charset) and
 * attachments are base64 so that they arrive byte for byte.
 */

typedef struct
{
  char   *filename;
  char   *mime_type;
  char   *content_id;   /* set for inline images */
  GBytes *data;
} Attachment;

struct _CartableComposer
{
  GObject              parent_instance;

  char                *from_name;
  char                *from_address;
  InternetAddressList *recipients[3];   /* to, cc, bcc */
  char                *bad_recipients[3];   /* what could not be parsed, per kind */
  char                *subject;
  char                *body;
  char                *html_body;
  GPtrArray           *attachments;
  char                *message_id;
  char                *in_reply_to;
  char                *references;
  GDateTime           *date;
};

G_DEFINE_TYPE (CartableComposer, cartable_composer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_HTML_BODY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (cartable-composer-error-quark, cartable_composer_error)

static void
attachment_free (gpointer data)
{
  Attachment *attachment = data;

  g_free (attachment->filename);
  g_free (attachment->mime_type);
  g_free (attachment->content_id);
  g_bytes_unref (attachment->data);
  g_free (attachment);
}

static void
emit_changed (CartableComposer *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static int
recipient_index (GMimeAddressType type)
{
  switch (type)
    {
    case GMIME_ADDRESS_TYPE_TO:
      return 0;
    case GMIME_ADDRESS_TYPE_CC:
      return 1;
    case GMIME_ADDRESS_TYPE_BCC:
      return 2;
    case GMIME_ADDRESS_TYPE_SENDER:
    case GMIME_ADDRESS_TYPE_FROM:
    case GMIME_ADDRESS_TYPE_REPLY_TO:
    default:
      return -1;
    }
}

static void
cartable_composer_finalize (GObject *object)
{
  CartableComposer *self = CARTABLE_COMPOSER (object);

  g_free (self->from_name);
  g_free (self->from_address);
  for (guint i = 0; i < G_N_ELEMENTS (self->recipients); i++)
    g_clear_object (&self->recipients[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->bad_recipients); i++)
    g_free (self->bad_recipients[i]);
  g_free (self->subject);
  g_free (self->body);
  g_free (self->html_body);
  g_ptr_array_unref (self->attachments);
  g_free (self->message_id);
  g_free (self->in_reply_to);
  g_free (self->references);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (cartable_composer_parent_class)->finalize (object);
}

static void
cartable_composer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CartableComposer *self = CARTABLE_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_HTML_BODY:
      g_value_set_string (value, self->html_body);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_composer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CartableComposer *self = CARTABLE_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      cartable_composer_set_subject (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      cartable_composer_set_body (self, g_value_get_string (value));
      break;
    case PROP_HTML_BODY:
      cartable_composer_set_html_body (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_composer_class_init (CartableComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_mime_init ();

  object_class->finalize = cartable_composer_finalize;
  object_class->get_property = cartable_composer_get_property;
  object_class->set_property = cartable_composer_set_property;

  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HTML_BODY] =
    g_param_spec_string ("html-body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableComposer::changed:
   *
   * Emitted after any change to the message (drafts save on it).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cartable_composer_init (CartableComposer *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->recipients); i++)
    self->recipients[i] = internet_address_list_new ();
  self->attachments = g_ptr_array_new_with_free_func (attachment_free);
}

CartableComposer *
cartable_composer_new (void)
{
  return g_object_new (CARTABLE_TYPE_COMPOSER, NULL);
}

/* ------------------------------------------------------------------ text helpers */

static gboolean
match_prefix (const char  *s,
              const char **end)
{
  static const char * const prefixes[] = { "re", "aw", "tr", "fwd", "fw", "wg", "sv", "rif", "antw" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);
      const char *p;

      if (g_ascii_strncasecmp (s, prefixes[i], len) != 0)
        continue;
      p = s + len;
      /* "Re[2]:" and "Re(2):" counters */
      if (*p == '[' || *p == '(')
        {
          char close = *p == '[' ? ']' : ')';

          p++;
          while (g_ascii_isdigit (*p))
            p++;
          if (*p != close)
            continue;
          p++;
        }
      /* French typography puts a space before the colon. */
      while (*p == ' ' || *p == '\t' || strncmp (p, "\xc2\xa0", 2) == 0)
        p += *p == ' ' || *p == '\t' ? 1 : 2;
      if (*p != ':')
        continue;
      *end = p + 1;
      return TRUE;
    }

  return FALSE;
}

static const char *
skip_prefixes (const char *subject)
{
  const char *p = subject != NULL ? subject : "";

  for (;;)
    {
      const char *end;

      while (g_ascii_isspace (*p))
        p++;
      if (!match_prefix (p, &end))
        break;
      p = end;
    }

  return p;
}

/**
 * cartable_composer_make_reply_subject:
 * @subject: (nullable): the subject of the message answered
 *
 * "RE : " followed by @subject without its reply and forward prefixes, so
 * that they never stack up.
 *
 * Returns: (transfer full): the subject of the reply
 */
char *
cartable_composer_make_reply_subject (const char *subject)
{
  /* Translators: the prefix of the subject of a reply */
  return g_strconcat (_("RE: "), skip_prefixes (subject), NULL);
}

/**
 * cartable_composer_make_forward_subject:
 * @subject: (nullable): the subject of the message forwarded
 *
 * Returns: (transfer full): "TR : " followed by @subject without prefixes
 */
char *
cartable_composer_make_forward_subject (const char *subject)
{
  /* Translators: the prefix of the subject of a forwarded message */
  return g_strconcat (_("FW: "), skip_prefixes (subject), NULL);
}

static const char * const weekday_names[] = {
  NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
  NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
  NC_("weekday", "Sunday"),
};

static const char * const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
  NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
  NC_("month", "November"), NC_("month", "December"),
};

/* The date in words, from the message catalogue rather than the C
 * library's locale, so that it reads the same whatever LC_TIME says. */
static char *
format_long_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  const char *weekday = g_dpgettext2 (GETTEXT_PACKAGE, "weekday",
                                      weekday_names[g_date_time_get_day_of_week (local) - 1]);
  const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "month",
                                    month_names[g_date_time_get_month (local) - 1]);

  /* Translators: a date in words: weekday, day of the month, month, year */
  return g_strdup_printf (_("%1$s %2$d %3$s %4$d"),
                          weekday, g_date_time_get_day_of_month (local), month,
                          g_date_time_get_year (local));
}

/**
 * cartable_composer_format_attribution:
 * @date: when the quoted message was written
 * @author: its author's name, or address
 *
 * The line that introduces a quote: "Le mardi 3 mars 2026 à 14:05, Marie
 * Durand a écrit :" in French.
 *
 * Returns: (transfer full): the attribution line, without a newline
 */
char *
cartable_composer_format_attribution (GDateTime  *date,
                                      const char *author)
{
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (author != NULL, NULL);

  local = g_date_time_to_local (date);
  day = format_long_date (local);
  time = g_date_time_format (local, "%H:%M");

  /* Translators: introduces a quoted message: the date in words, the time, the author */
  return g_strdup_printf (_("On %1$s at %2$s, %3$s wrote:"), day, time, author);
}

/**
 * cartable_composer_quote_text:
 * @text: the text to quote
 *
 * Prefixes every line of @text with "> " (a bare ">" for an empty line).
 *
 * Returns: (transfer full): the quoted text, ending with a newline
 */
char *
cartable_composer_quote_text (const char *text)
{
  g_auto(GStrv) lines = NULL;
  GString *quoted;
  guint n_lines;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  /* A final newline does not make an extra empty line. */
  if (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    n_lines--;

  quoted = g_string_new (NULL);
  for (guint i = 0; i < n_lines; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (line[0] == '\0')
        g_string_append (quoted, ">\n");
      else if (line[0] == '>')
        g_string_append_printf (quoted, ">%s\n", line);
      else
        g_string_append_printf (quoted, "> %s\n", line);
    }

  return g_string_free (quoted, FALSE);
}

/**
 * cartable_composer_guess_mime_type:
 * @filename: the file's name
 * @data: (nullable): its content, or the start of it
 *
 * Returns: (transfer full): a MIME type, "application/octet-stream" when
 *   nothing better is known
 */
char *
cartable_composer_guess_mime_type (const char *filename,
                                   GBytes     *data)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  gsize size = 0;
  const guchar *bytes = NULL;

  if (data != NULL)
    bytes = g_bytes_get_data (data, &size);

  content_type = g_content_type_guess (filename, bytes, size, NULL);
  if (content_type != NULL)
    mime_type = g_content_type_get_mime_type (content_type);

  if (mime_type == NULL || strchr (mime_type, '/') == NULL)
    return g_strdup ("application/octet-stream");

  return g_steal_pointer (&mime_type);
}

/* ------------------------------------------------------------------ accessors */

void
cartable_composer_set_from (CartableComposer *self,
                            const char       *name,
                            const char       *address)
{
  g_return_if_fail (CARTABLE_IS_COMPOSER (self));

  g_free (self->from_name);
  self->from_name = g_strdup (name);
  g_free (self->from_address);
  self->from_address = g_strdup (address);
  emit_changed (self);
}

const char *
cartable_composer_get_from_address (CartableComposer *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  return self->from_address;
}

const char *
cartable_composer_get_from_name (CartableComposer *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  return self->from_name;
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static void
set_utf8_charset (InternetAddressList *list)
{
  for (int i = 0; i < internet_address_list_length (list); i++)
    internet_address_set_charset (internet_address_list_get_address (list, i), "utf-8");
}

/**
 * cartable_composer_set_recipients:
 * @self: a #CartableComposer
 * @type: %GMIME_ADDRESS_TYPE_TO, %GMIME_ADDRESS_TYPE_CC or %GMIME_ADDRESS_TYPE_BCC
 * @addresses: (nullable): addresses separated by commas, as typed
 *
 * Replaces the recipients of one kind. Addresses that cannot be parsed are
 * reported by cartable_composer_build().
 */
void
cartable_composer_set_recipients (CartableComposer *self,
                                  GMimeAddressType  type,
                                  const char       *addresses)
{
  g_autoptr(InternetAddressList) parsed = NULL;
  int index = recipient_index (type);

  g_return_if_fail (CARTABLE_IS_COMPOSER (self));
  g_return_if_fail (index >= 0);

  internet_address_list_clear (self->recipients[index]);
  g_clear_pointer (&self->bad_recipients[index], g_free);
  if (!is_blank (addresses))
    {
      parsed = internet_address_list_parse (NULL, addresses);
      if (parsed == NULL || internet_address_list_length (parsed) == 0)
        self->bad_recipients[index] = g_strdup (addresses);
      else
        {
          set_utf8_charset (parsed);
          internet_address_list_append (self->recipients[index], parsed);
        }
    }
  emit_changed (self);
}

void
cartable_composer_add_recipient (CartableComposer *self,
                                 GMimeAddressType  type,
                                 const char       *name,
                                 const char       *address)
{
  g_autoptr(InternetAddress) mailbox = NULL;
  int index = recipient_index (type);

  g_return_if_fail (CARTABLE_IS_COMPOSER (self));
  g_return_if_fail (index >= 0);
  g_return_if_fail (address != NULL);

  mailbox = internet_address_mailbox_new (name, address);
  internet_address_set_charset (mailbox, "utf-8");
  internet_address_list_add (self->recipients[index], mailbox);
  emit_changed (self);
}

/**
 * cartable_composer_dup_recipients:
 *
 * Returns: (transfer full): the recipients of one kind, as a
 *   comma-separated, decoded string ("" when there are none)
 */
char *
cartable_composer_dup_recipients (CartableComposer *self,
                                  GMimeAddressType  type)
{
  int index = recipient_index (type);

  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  g_return_val_if_fail (index >= 0, NULL);

  if (internet_address_list_length (self->recipients[index]) == 0)
    return g_strdup ("");
  return internet_address_list_to_string (self->recipients[index], NULL, FALSE);
}

#define DEFINE_STRING_SETTER(field, prop)                                  \
  void                                                                     \
  cartable_composer_set_##field (CartableComposer *self,                   \
                                 const char       *value)                  \
  {                                                                        \
    g_return_if_fail (CARTABLE_IS_COMPOSER (self));                        \
    if (g_strcmp0 (self->field, value) == 0)                               \
      return;                                                              \
    g_free (self->field);                                                  \
    self->field = g_strdup (value);                                        \
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);          \
    emit_changed (self);                                                   \
  }                                                                        \
  const char *                                                             \
  cartable_composer_get_##field (CartableComposer *self)                   \
  {                                                                        \
    g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);              \
    return self->field;                                                    \
  }

DEFINE_STRING_SETTER (subject, PROP_SUBJECT)
DEFINE_STRING_SETTER (body, PROP_BODY)
DEFINE_STRING_SETTER (html_body, PROP_HTML_BODY)

static Attachment *
add_attachment_full (CartableComposer *self,
                     const char       *filename,
                     const char       *mime_type,
                     const char       *content_id,
                     GBytes           *data)
{
  Attachment *attachment = g_new0 (Attachment, 1);

  attachment->filename = g_strdup (filename);
  attachment->mime_type = mime_type != NULL && strchr (mime_type, '/') != NULL
    ? g_ascii_strdown (mime_type, -1)
    : cartable_composer_guess_mime_type (filename, data);
  attachment->content_id = g_strdup (content_id);
  attachment->data = g_bytes_ref (data);
  g_ptr_array_add (self->attachments, attachment);
  emit_changed (self);

  return attachment;
}

/**
 * cartable_composer_add_attachment:
 * @self: a #CartableComposer
 * @filename: the name the recipient sees
 * @mime_type: (nullable): the MIME type, guessed from the name and content if %NULL
 * @data: the content
 */
void
cartable_composer_add_attachment (CartableComposer *self,
                                  const char       *filename,
                                  const char       *mime_type,
                                  GBytes           *data)
{
  g_return_if_fail (CARTABLE_IS_COMPOSER (self));
  g_return_if_fail (filename != NULL);
  g_return_if_fail (data != NULL);

  add_attachment_full (self, filename, mime_type, NULL, data);
}

/**
 * cartable_composer_add_attachment_file:
 *
 * Reads @file and attaches it under its base name with the MIME type
 * guessed from its name and content.
 */
gboolean
cartable_composer_add_attachment_file (CartableComposer *self,
                                       GFile            *file,
                                       GCancellable     *cancellable,
                                       GError          **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = g_file_load_bytes (file, cancellable, NULL, error);
  if (data == NULL)
    return FALSE;

  basename = g_file_get_basename (file);
  add_attachment_full (self, basename, NULL, NULL, data);
  return TRUE;
}

/**
 * cartable_composer_add_inline_image:
 *
 * Adds an image shown inside the HTML body, which refers to it as
 * `cid:` followed by the returned identifier.
 *
 * Returns: the image's Content-ID, without angle brackets
 */
const char *
cartable_composer_add_inline_image (CartableComposer *self,
                                    const char       *filename,
                                    const char       *mime_type,
                                    GBytes           *data)
{
  g_autofree char *content_id = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  uuid = g_uuid_string_random ();
  content_id = g_strdup_printf ("%s@cartable", uuid);
  return add_attachment_full (self, filename, mime_type, content_id, data)->content_id;
}

guint
cartable_composer_get_n_attachments (CartableComposer *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), 0);
  return self->attachments->len;
}

/* The file name of attachment @index (NULL if it has none). */
const char *
cartable_composer_get_attachment_filename (CartableComposer *self,
                                           guint             index)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  g_return_val_if_fail (index < self->attachments->len, NULL);

  return ((Attachment *) g_ptr_array_index (self->attachments, index))->filename;
}

/* The size in bytes of attachment @index. */
gsize
cartable_composer_get_attachment_size (CartableComposer *self,
                                       guint             index)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), 0);
  g_return_val_if_fail (index < self->attachments->len, 0);

  return g_bytes_get_size (((Attachment *) g_ptr_array_index (self->attachments, index))->data);
}

void
cartable_composer_remove_attachment (CartableComposer *self,
                                     guint             index)
{
  g_return_if_fail (CARTABLE_IS_COMPOSER (self));
  g_return_if_fail (index < self->attachments->len);

  g_ptr_array_remove_index (self->attachments, index);
  emit_changed (self);
}

static const char *
address_domain (const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  if (at == NULL || at[1] == '\0')
    return "cartable.invalid";
  return at + 1;
}

/**
 * cartable_composer_get_message_id:
 *
 * The Message-ID of the message being written (without angle brackets),
 * made once and kept across drafts and sending.
 */
const char *
cartable_composer_get_message_id (CartableComposer *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);

  if (self->message_id == NULL)
    self->message_id = g_mime_utils_generate_message_id (address_domain (self->from_address));
  return self->message_id;
}

const char *
cartable_composer_get_in_reply_to (CartableComposer *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  return self->in_reply_to;
}

const char *
cartable_composer_get_references (CartableComposer *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  return self->references;
}

void
cartable_composer_set_date (CartableComposer *self,
                            GDateTime        *date)
{
  g_return_if_fail (CARTABLE_IS_COMPOSER (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
}

/* ------------------------------------------------------------------ reading a message */

static GBytes *
decode_part_content (GMimePart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;

  if (content != NULL)
    g_mime_data_wrapper_write_to_stream (content, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

GBytes *
cartable_composer_serialize (GMimeMessage *message)
{
  g_autoptr(GMimeStream) stream = NULL;
  GByteArray *array;

  g_return_val_if_fail (GMIME_IS_MESSAGE (message), NULL);

  stream = g_mime_stream_mem_new ();
  g_mime_object_write_to_stream (GMIME_OBJECT (message), NULL, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

typedef struct
{
  char             *text;
  char             *html;
  CartableComposer *attach_to;   /* NULL: only look for the bodies */
} WalkData;

static void
walk_part_cb (GMimeObject *parent,
              GMimeObject *part,
              gpointer     user_data)
{
  WalkData *data = user_data;
  GMimeContentType *type = g_mime_object_get_content_type (part);
  const char *disposition = g_mime_object_get_disposition (part);
  gboolean is_attachment = disposition != NULL && g_ascii_strcasecmp (disposition, "attachment") == 0;

  if (GMIME_IS_MESSAGE_PART (part))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (part));

      if (data->attach_to != NULL && inner != NULL)
        {
          g_autoptr(GBytes) bytes = cartable_composer_serialize (inner);
          const char *subject = g_mime_message_get_subject (inner);
          g_autofree char *name = g_strdup_printf ("%s.eml", subject != NULL && *subject ? subject : "message");

          g_strdelimit (name, "/\\", '_');
          add_attachment_full (data->attach_to, name, "message/rfc822", NULL, bytes);
        }
      return;
    }

  if (!GMIME_IS_PART (part))
    return;

  if (GMIME_IS_TEXT_PART (part) && !is_attachment && g_mime_part_get_filename (GMIME_PART (part)) == NULL)
    {
      if (data->text == NULL && g_mime_content_type_is_type (type, "text", "plain"))
        {
          data->text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
          return;
        }
      if (data->html == NULL && g_mime_content_type_is_type (type, "text", "html"))
        {
          data->html = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
          return;
        }
    }

  if (data->attach_to != NULL)
    {
      g_autoptr(GBytes) bytes = decode_part_content (GMIME_PART (part));
      g_autofree char *mime_type = g_mime_content_type_get_mime_type (type);
      const char *filename = g_mime_part_get_filename (GMIME_PART (part));
      const char *content_id = is_attachment ? NULL : g_mime_part_get_content_id (GMIME_PART (part));

      add_attachment_full (data->attach_to, filename != NULL ? filename : "attachment",
                           mime_type, content_id, bytes);
    }
}

/* Crude, but only for quoting an HTML-only message as text. */
static char *
html_to_text (const char *html)
{
  GString *text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          if (g_ascii_strncasecmp (p, "<br", 3) == 0 || g_ascii_strncasecmp (p, "</p", 3) == 0 ||
              g_ascii_strncasecmp (p, "</div", 5) == 0)
            g_string_append_c (text, '\n');
          in_tag = TRUE;
        }
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        {
          if (strncmp (p, "&amp;", 5) == 0)
            g_string_append_c (text, '&'), p += 4;
          else if (strncmp (p, "&lt;", 4) == 0)
            g_string_append_c (text, '<'), p += 3;
          else if (strncmp (p, "&gt;", 4) == 0)
            g_string_append_c (text, '>'), p += 3;
          else if (strncmp (p, "&nbsp;", 6) == 0)
            g_string_append_c (text, ' '), p += 5;
          else
            g_string_append_c (text, *p);
        }
    }

  return g_string_free (text, FALSE);
}

static char *
dup_message_text (GMimeMessage *message)
{
  WalkData data = { NULL, NULL, NULL };
  char *text;

  g_mime_message_foreach (message, walk_part_cb, &data);
  if (data.text != NULL)
    text = g_steal_pointer (&data.text);
  else if (data.html != NULL)
    text = html_to_text (data.html);
  else
    text = g_strdup ("");
  g_free (data.text);
  g_free (data.html);

  return text;
}

static const char *
address_name_or_addr (InternetAddress *address)
{
  const char *name = internet_address_get_name (address);

  if (name != NULL && *name != '\0')
    return name;
  if (INTERNET_ADDRESS_IS_MAILBOX (address))
    return internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
  return "";
}

static gboolean
list_has_address (InternetAddressList *list,
                  const char          *addr)
{
  if (addr == NULL)
    return FALSE;

  for (int i = 0; i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address) &&
          g_ascii_strcasecmp (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)), addr) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Appends the mailboxes of @from to @to, skipping @own_address and those
 * already there. */
static void
merge_addresses (InternetAddressList *to,
                 InternetAddressList *from,
                 const char          *own_address,
                 InternetAddressList *exclude)
{
  if (from == NULL)
    return;

  for (int i = 0; i < internet_address_list_length (from); i++)
    {
      InternetAddress *address = internet_address_list_get_address (from, i);
      const char *addr;

      if (!INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          if (INTERNET_ADDRESS_IS_GROUP (address))
            merge_addresses (to, internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)),
                             own_address, exclude);
          continue;
        }
      addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
      if (own_address != NULL && g_ascii_strcasecmp (addr, own_address) == 0)
        continue;
      if (list_has_address (to, addr) || (exclude != NULL && list_has_address (exclude, addr)))
        continue;
      {
        g_autoptr(InternetAddress) copy = internet_address_mailbox_new (internet_address_get_name (address), addr);

        internet_address_set_charset (copy, "utf-8");
        internet_address_list_add (to, copy);
      }
    }
}

static void
set_threading (CartableComposer *self,
               GMimeMessage     *original)
{
  const char *original_id = g_mime_message_get_message_id (original);
  const char *original_refs = g_mime_object_get_header (GMIME_OBJECT (original), "References");
  const char *original_reply_to = g_mime_object_get_header (GMIME_OBJECT (original), "In-Reply-To");
  g_autoptr(GMimeReferences) refs = NULL;
  g_autoptr(GString) references = g_string_new (NULL);
  int n_refs;

  if (original_refs != NULL)
    refs = g_mime_references_parse (NULL, original_refs);
  else if (original_reply_to != NULL)
    refs = g_mime_references_parse (NULL, original_reply_to);
  if (refs == NULL)
    refs = g_mime_references_new ();
  if (original_id != NULL)
    g_mime_references_append (refs, original_id);

  /* Long threads: keep the root and the latest ones. */
  n_refs = g_mime_references_length (refs);
  for (int i = 0; i < n_refs; i++)
    {
      if (i > 0 && i < n_refs - 19)
        continue;
      if (references->len > 0)
        g_string_append_c (references, ' ');
      g_string_append_printf (references, "<%s>", g_mime_references_get_message_id (refs, i));
    }

  g_free (self->in_reply_to);
  self->in_reply_to = original_id != NULL ? g_strdup_printf ("<%s>", original_id) : NULL;
  g_free (self->references);
  self->references = references->len > 0 ? g_strdup (references->str) : NULL;
}

/**
 * cartable_composer_new_reply:
 * @original: the message answered
 * @own_address: (nullable): the account's address, left out of the recipients
 * @reply_all: whether to answer every recipient too
 *
 * A reply: to the Reply-To or From of @original (and with @reply_all its
 * other recipients in Cc), "RE : " subject, the quoted text under a French
 * attribution line, In-Reply-To and References set.
 */
CartableComposer *
cartable_composer_new_reply (GMimeMessage *original,
                             const char   *own_address,
                             gboolean      reply_all)
{
  g_autoptr(CartableComposer) self = NULL;
  InternetAddressList *reply_to;
  InternetAddressList *from;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *attribution = NULL;
  g_autoptr(GDateTime) now = NULL;
  GDateTime *date;
  const char *author = "";

  g_return_val_if_fail (GMIME_IS_MESSAGE (original), NULL);

  self = cartable_composer_new ();

  reply_to = g_mime_message_get_reply_to (original);
  from = g_mime_message_get_from (original);
  if (own_address != NULL && list_has_address (from, own_address))
    /* Answering one's own message: to its recipients again. */
    merge_addresses (self->recipients[0], g_mime_message_get_to (original), own_address, NULL);
  else if (reply_to != NULL && internet_address_list_length (reply_to) > 0)
    merge_addresses (self->recipients[0], reply_to, NULL, NULL);
  else
    merge_addresses (self->recipients[0], from, NULL, NULL);

  if (reply_all)
    {
      merge_addresses (self->recipients[1], g_mime_message_get_to (original), own_address, self->recipients[0]);
      merge_addresses (self->recipients[1], g_mime_message_get_cc (original), own_address, self->recipients[0]);
    }

  self->subject = cartable_composer_make_reply_subject (g_mime_message_get_subject (original));
  set_threading (self, original);

  date = g_mime_message_get_date (original);
  if (date == NULL)
    date = now = g_date_time_new_now_local ();
  if (from != NULL && internet_address_list_length (from) > 0)
    author = address_name_or_addr (internet_address_list_get_address (from, 0));

  text = dup_message_text (original);
  quoted = cartable_composer_quote_text (text);
  attribution = cartable_composer_format_attribution (date, author);
  self->body = g_strdup_printf ("\n\n%s\n%s", attribution, quoted);

  return g_steal_pointer (&self);
}

/**
 * cartable_composer_new_forward:
 * @original: the message forwarded
 *
 * A forward: "TR : " subject, the original headers under a
 * "-------- Message transféré --------" line, its text, and its
 * attachments attached again.
 */
CartableComposer *
cartable_composer_new_forward (GMimeMessage *original)
{
  g_autoptr(CartableComposer) self = NULL;
  g_autoptr(GString) body = g_string_new ("\n\n");
  g_autofree char *text = NULL;
  InternetAddressList *list;
  GDateTime *date;
  WalkData data = { NULL, NULL, NULL };

  g_return_val_if_fail (GMIME_IS_MESSAGE (original), NULL);

  self = cartable_composer_new ();
  self->subject = cartable_composer_make_forward_subject (g_mime_message_get_subject (original));

  g_string_append_printf (body, "%s\n", _("-------- Forwarded Message --------"));
  g_string_append_printf (body, _("Subject: %s"),
                          g_mime_message_get_subject (original) ? g_mime_message_get_subject (original) : "");
  g_string_append_c (body, '\n');
  date = g_mime_message_get_date (original);
  if (date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (date);
      g_autofree char *day = format_long_date (local);
      g_autofree char *time = g_date_time_format (local, "%H:%M");
      g_autofree char *when = g_strdup_printf ("%s %s", day, time);

      g_string_append_printf (body, _("Date: %s"), when);
      g_string_append_c (body, '\n');
    }
  list = g_mime_message_get_from (original);
  if (list != NULL && internet_address_list_length (list) > 0)
    {
      g_autofree char *s = internet_address_list_to_string (list, NULL, FALSE);
      g_string_append_printf (body, _("From: %s"), s);
      g_string_append_c (body, '\n');
    }
  list = g_mime_message_get_to (original);
  if (list != NULL && internet_address_list_length (list) > 0)
    {
      g_autofree char *s = internet_address_list_to_string (list, NULL, FALSE);
      g_string_append_printf (body, _("To: %s"), s);
      g_string_append_c (body, '\n');
    }
  list = g_mime_message_get_cc (original);
  if (list != NULL && internet_address_list_length (list) > 0)
    {
      g_autofree char *s = internet_address_list_to_string (list, NULL, FALSE);
      g_string_append_printf (body, _("Cc: %s"), s);
      g_string_append_c (body, '\n');
    }
  g_string_append_c (body, '\n');

  text = dup_message_text (original);
  g_string_append (body, text);
  self->body = g_string_free (g_steal_pointer (&body), FALSE);

  /* The attachments go along; the bodies already are in the text. */
  data.attach_to = self;
  g_mime_message_foreach (original, walk_part_cb, &data);
  g_free (data.text);
  g_free (data.html);

  return g_steal_pointer (&self);
}

/**
 * cartable_composer_new_from_message:
 * @message: a message, such as a saved draft
 *
 * A composer holding everything @message has, to go on editing it. It
 * keeps the Message-ID of @message.
 */
CartableComposer *
cartable_composer_new_from_message (GMimeMessage *message)
{
  g_autoptr(CartableComposer) self = NULL;
  InternetAddressList *from;
  const char *header;
  WalkData data = { NULL, NULL, NULL };

  g_return_val_if_fail (GMIME_IS_MESSAGE (message), NULL);

  self = cartable_composer_new ();

  from = g_mime_message_get_from (message);
  if (from != NULL && internet_address_list_length (from) > 0)
    {
      InternetAddress *address = internet_address_list_get_address (from, 0);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          self->from_name = g_strdup (internet_address_get_name (address));
          self->from_address = g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
        }
    }
  merge_addresses (self->recipients[0], g_mime_message_get_to (message), NULL, NULL);
  merge_addresses (self->recipients[1], g_mime_message_get_cc (message), NULL, NULL);
  merge_addresses (self->recipients[2], g_mime_message_get_bcc (message), NULL, NULL);
  self->subject = g_strdup (g_mime_message_get_subject (message));
  self->message_id = g_strdup (g_mime_message_get_message_id (message));
  header = g_mime_object_get_header (GMIME_OBJECT (message), "In-Reply-To");
  self->in_reply_to = g_strdup (header);
  header = g_mime_object_get_header (GMIME_OBJECT (message), "References");
  self->references = g_strdup (header);

  data.attach_to = self;
  g_mime_message_foreach (message, walk_part_cb, &data);
  self->body = data.text;
  self->html_body = data.html;

  /* A single-part message ends its text with the newline that writing it
   * added; the text as written had none. */
  if (self->body != NULL && GMIME_IS_TEXT_PART (g_mime_message_get_mime_part (message)) &&
      g_str_has_suffix (self->body, "\n"))
    self->body[strlen (self->body) - 1] = '\0';

  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ building */

static GMimeObject *
make_text_part (const char *subtype,
                const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  g_autoptr(GMimeDataWrapper) wrapper = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (GMIME_PART (part), wrapper);
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "charset", "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part),
                                    g_mime_part_get_best_content_encoding (GMIME_PART (part),
                                                                           GMIME_ENCODING_CONSTRAINT_7BIT));
  return GMIME_OBJECT (part);
}

static GMimeObject *
make_attachment_part (Attachment *attachment)
{
  g_auto(GStrv) type = g_strsplit (attachment->mime_type, "/", 2);
  GMimePart *part;
  gsize size;
  const guchar *bytes = g_bytes_get_data (attachment->data, &size);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer ((const char *) bytes, size);
  g_autoptr(GMimeDataWrapper) wrapper = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  if (g_ascii_strcasecmp (attachment->mime_type, "message/rfc822") == 0)
    {
      /* A message part is never base64: hand it to GMime as such. */
      g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
      g_autoptr(GMimeMessage) inner = g_mime_parser_construct_message (parser, NULL);

      if (inner != NULL)
        {
          GMimeMessagePart *message_part = g_mime_message_part_new_with_message ("rfc822", inner);

          g_mime_object_set_disposition (GMIME_OBJECT (message_part), "attachment");
          g_mime_object_set_content_disposition_parameter (GMIME_OBJECT (message_part),
                                                           "filename", attachment->filename);
          return GMIME_OBJECT (message_part);
        }
      g_mime_stream_reset (stream);
      g_strfreev (type);
      type = g_strsplit ("application/octet-stream", "/", 2);
    }

  part = g_mime_part_new_with_type (type[0], type[1] != NULL ? type[1] : "octet-stream");
  g_mime_part_set_content (part, wrapper);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  if (attachment->content_id != NULL)
    {
      g_mime_object_set_disposition (GMIME_OBJECT (part), "inline");
      g_mime_part_set_content_id (part, attachment->content_id);
    }
  else
    g_mime_object_set_disposition (GMIME_OBJECT (part), "attachment");
  g_mime_part_set_filename (part, attachment->filename);

  return GMIME_OBJECT (part);
}

static GMimeObject *
build_body (CartableComposer *self)
{
  g_autoptr(GMimeObject) text = make_text_part ("plain", self->body != NULL ? self->body : "");
  g_autoptr(GMimeObject) html = NULL;
  g_autoptr(GMimeMultipart) alternative = NULL;
  g_autoptr(GMimeMultipart) mixed = NULL;
  GMimeObject *body;
  gboolean has_attachments = FALSE;

  if (self->html_body != NULL && *self->html_body != '\0')
    {
      g_autoptr(GMimeMultipart) related = NULL;

      html = make_text_part ("html", self->html_body);
      for (guint i = 0; i < self->attachments->len; i++)
        {
          Attachment *attachment = g_ptr_array_index (self->attachments, i);
          g_autoptr(GMimeObject) part = NULL;

          if (attachment->content_id == NULL)
            continue;
          if (related == NULL)
            {
              related = g_mime_multipart_new_with_subtype ("related");
              g_mime_object_set_content_type_parameter (GMIME_OBJECT (related), "type", "text/html");
              g_mime_multipart_add (related, html);
            }
          part = make_attachment_part (attachment);
          g_mime_multipart_add (related, part);
        }

      alternative = g_mime_multipart_new_with_subtype ("alternative");
      g_mime_multipart_add (alternative, text);
      g_mime_multipart_add (alternative, related != NULL ? GMIME_OBJECT (related) : html);
      body = GMIME_OBJECT (alternative);
    }
  else
    body = text;

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);
      g_autoptr(GMimeObject) part = NULL;

      /* Inline images live with the HTML; without HTML, they are attachments. */
      if (attachment->content_id != NULL && html != NULL)
        continue;
      if (!has_attachments)
        {
          mixed = g_mime_multipart_new_with_subtype ("mixed");
          g_mime_multipart_add (mixed, body);
          has_attachments = TRUE;
        }
      part = make_attachment_part (attachment);
      g_mime_multipart_add (mixed, part);
    }

  return g_object_ref (mixed != NULL ? GMIME_OBJECT (mixed) : body);
}

static gboolean
is_valid_address (const char *address)
{
  const char *at;

  if (address == NULL)
    return FALSE;
  at = strrchr (address, '@');
  return at != NULL && at != address && at[1] != '\0' && strpbrk (address, " \t\r\n<>,;") == NULL;
}

static gboolean
check_addresses (InternetAddressList *list,
                 GError             **error)
{
  for (int i = 0; i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_GROUP (address))
        {
          if (!check_addresses (internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)), error))
            return FALSE;
          continue;
        }
      if (!is_valid_address (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address))))
        {
          g_set_error (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_INVALID_ADDRESS,
                       _("“%s” is not a valid e-mail address."),
                       internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
          return FALSE;
        }
    }

  return TRUE;
}

static GMimeMessage *
build_message (CartableComposer *self)
{
  GMimeMessage *message = g_mime_message_new (TRUE);
  g_autoptr(GMimeObject) body = NULL;
  g_autoptr(GDateTime) now = NULL;
  static const GMimeAddressType types[] = { GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC, GMIME_ADDRESS_TYPE_BCC };

  if (self->from_address != NULL)
    {
      g_autoptr(InternetAddress) from = internet_address_mailbox_new (self->from_name, self->from_address);

      internet_address_set_charset (from, "utf-8");
      internet_address_list_add (g_mime_message_get_from (message), from);
    }
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    internet_address_list_append (g_mime_message_get_addresses (message, types[i]), self->recipients[i]);

  g_mime_message_set_subject (message, self->subject != NULL ? self->subject : "", "utf-8");
  if (self->date == NULL)
    now = g_date_time_new_now_local ();
  g_mime_message_set_date (message, self->date != NULL ? self->date : now);
  g_mime_message_set_message_id (message, cartable_composer_get_message_id (self));
  if (self->in_reply_to != NULL)
    g_mime_object_set_header (GMIME_OBJECT (message), "In-Reply-To", self->in_reply_to, NULL);
  if (self->references != NULL)
    g_mime_object_set_header (GMIME_OBJECT (message), "References", self->references, NULL);
  g_mime_object_set_header (GMIME_OBJECT (message), "User-Agent", PACKAGE_NAME " " PACKAGE_VERSION, NULL);

  body = build_body (self);
  g_mime_message_set_mime_part (message, body);

  return message;
}

/**
 * cartable_composer_build:
 * @self: a #CartableComposer
 * @error: return location for a #CartableComposerError
 *
 * The message to send. Fails if it has no sender, no recipient or an
 * address that cannot be one.
 *
 * Returns: (transfer full): the message, or %NULL
 */
GMimeMessage *
cartable_composer_build (CartableComposer *self,
                         GError          **error)
{
  gboolean has_recipient = FALSE;

  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!is_valid_address (self->from_address))
    {
      g_set_error_literal (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_NO_SENDER,
                           _("The message has no sender address."));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->recipients); i++)
    {
      if (self->bad_recipients[i] != NULL)
        {
          g_set_error (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_INVALID_ADDRESS,
                       _("“%s” is not a valid e-mail address."), self->bad_recipients[i]);
          return NULL;
        }
      if (!check_addresses (self->recipients[i], error))
        return NULL;
      if (internet_address_list_length (self->recipients[i]) > 0)
        has_recipient = TRUE;
    }
  if (!has_recipient)
    {
      g_set_error_literal (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_NO_RECIPIENT,
                           _("The message has no recipient."));
      return NULL;
    }

  return build_message (self);
}

/**
 * cartable_composer_build_draft:
 *
 * The message as it stands, for saving as a draft: nothing is required.
 *
 * Returns: (transfer full): the message
 */
GMimeMessage *
cartable_composer_build_draft (CartableComposer *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (self), NULL);

  return build_message (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-attachment-kind"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cartable-attachment-kind.h"

/*
 * How an attachment is shown and whether opening it needs a warning, from
 * what the message says about it. Kept apart from the widget so that the
 * rules can be tested without a display.
 */

static const char * const image_types[] = {
  "image/png", "image/jpeg", "image/jpg", "image/pjpeg", "image/gif", "image/webp", "image/bmp",
  "image/x-bmp", "image/x-ms-bmp", NULL
};
static const char * const image_extensions[] = {
  "png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp", "bmp", NULL
};
/* Voice notes as phones and recorders name them: .m4a (AAC, iPhone and
 * most Android phones), .3ga/.amr (older Android recorders), .opus and .ogg
 * (messaging applications). */
static const char * const audio_extensions[] = {
  "wav", "wave", "ogg", "oga", "opus", "mp3", "m4a", "aac", "flac", "amr", "3ga", "weba", NULL
};

/* audio/ types that are not recordings but lists of addresses to stream
 * from, often remote ones: never handed to the player, which would fetch
 * them. */
static const char * const playlist_types[] = {
  "audio/x-mpegurl", "audio/mpegurl", "audio/x-scpls", "audio/scpls", "audio/x-ms-asx",
  "audio/x-ms-wax", "audio/x-pn-realaudio", "audio/x-pn-realaudio-plugin", "audio/vnd.rn-realaudio",
  "audio/x-realaudio", NULL
};
static const char * const playlist_extensions[] = {
  "m3u", "m3u8", "pls", "asx", "wax", "ram", "rm", "xspf", NULL
};

/* Programs, installers, scripts and launchers on Linux, Windows, macOS and
 * Android. */
static const char * const executable_extensions[] = {
  /* Linux */
  "desktop", "sh", "bash", "zsh", "csh", "ksh", "fish", "run", "bin", "appimage", "deb", "rpm",
  "flatpak", "flatpakref", "flatpakrepo", "snap", "so", "elf", "ko",
  /* scripts of any system */
  "py", "pyc", "pyw", "pl", "rb", "php", "lua", "tcl", "jar", "js", "jse", "mjs", "cjs",
  "vbs", "vbe", "wsf", "wsh", "ws", "ps1", "psm1", "psd1", "ps1xml", "psc1", "msh", "bat", "cmd",
  "hta", "sct", "reg", "inf", "scr", "pif", "com", "cpl", "msc", "lnk", "url", "scf", "gadget",
  /* Windows programs and installers */
  "exe", "dll", "sys", "drv", "ocx", "msi", "msp", "mst", "appx", "appxbundle", "msix",
  "msixbundle", "application", "appref-ms", "xbap", "vsto",
  /* macOS */
  "app", "command", "tool", "pkg", "mpkg", "dmg", "workflow", "action", "scpt", "applescript",
  /* Android and Java */
  "apk", "aab", "xapk", "jnlp", "class",
  NULL
};

static const char * const executable_types[] = {
  "application/x-executable",
  "application/x-pie-executable",
  "application/x-sharedlib",
  "application/x-elf",
  "application/x-object",
  "application/x-core",
  "application/x-desktop",
  "application/x-shellscript",
  "application/x-sh",
  "text/x-sh",
  "text/x-shellscript",
  "application/x-csh",
  "application/javascript",
  "application/x-javascript",
  "application/ecmascript",
  "text/javascript",
  "text/ecmascript",
  "application/java-archive",
  "application/x-java-archive",
  "application/x-java-jnlp-file",
  "application/x-java-applet",
  "application/java-vm",
  "application/vnd.android.package-archive",
  "application/x-python",
  "application/x-python-code",
  "text/x-python",
  "text/x-python3",
  "text/x-script.python",
  "application/x-perl",
  "text/x-perl",
  "application/x-ruby",
  "text/x-ruby",
  "application/x-php",
  "application/x-msdownload",
  "application/x-ms-dos-executable",
  "application/x-msdos-program",
  "application/x-dosexec",
  "application/vnd.microsoft.portable-executable",
  "application/x-msi",
  "application/x-ms-installer",
  "application/x-ms-shortcut",
  "application/x-bat",
  "application/bat",
  "application/x-vbscript",
  "text/vbscript",
  "application/hta",
  "text/x-ms-regedit",
  "application/x-powershell",
  "application/vnd.debian.binary-package",
  "application/x-deb",
  "application/x-rpm",
  "application/x-redhat-package-manager",
  "application/vnd.appimage",
  "application/x-appimage",
  "application/vnd.flatpak",
  "application/vnd.flatpak.ref",
  "application/vnd.flatpak.repo",
  "application/x-apple-diskimage",
  "application/x-mach-binary",
  "application/x-ms-application",
  NULL
};

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (list[i], value) == 0)
      return TRUE;
  return FALSE;
}

/* The MIME type in lower case without parameters or spaces. */
static char *
normalise_type (const char *mime_type)
{
  const char *end;

  if (mime_type == NULL)
    return NULL;

  while (g_ascii_isspace (*mime_type))
    mime_type++;
  end = mime_type;
  while (*end != '\0' && *end != ';' && !g_ascii_isspace (*end))
    end++;
  if (end == mime_type)
    return NULL;

  return g_ascii_strdown (mime_type, end - mime_type);
}

/* The last extension in lower case, ignoring the trailing dots and spaces
 * that Windows drops when it creates the file ("facture.pdf.exe. " is an
 * .exe). */
static char *
dup_extension (const char *filename)
{
  g_autofree char *name = NULL;
  const char *slash;
  const char *dot;
  gsize len;

  if (filename == NULL)
    return NULL;

  slash = strrchr (filename, '/');
  if (slash != NULL)
    filename = slash + 1;
  slash = strrchr (filename, '\\');
  if (slash != NULL)
    filename = slash + 1;

  name = g_strdup (filename);
  len = strlen (name);
  while (len > 0 && (name[len - 1] == '.' || g_ascii_isspace (name[len - 1])))
    name[--len] = '\0';

  dot = strrchr (name, '.');
  if (dot == NULL || dot[1] == '\0')
    return NULL;

  return g_ascii_strdown (dot + 1, -1);
}

static gboolean
is_generic_type (const char *type)
{
  return type == NULL ||
         g_str_equal (type, "application/octet-stream") ||
         g_str_equal (type, "application/binary") ||
         g_str_equal (type, "application/unknown");
}

CartableAttachmentKind
cartable_attachment_kind_from (const char *mime_type,
                               const char *filename)
{
  g_autofree char *type = normalise_type (mime_type);
  g_autofree char *extension = dup_extension (filename);

  if (type != NULL && in_list (image_types, type))
    return CARTABLE_ATTACHMENT_KIND_IMAGE;
  if ((type != NULL && in_list (playlist_types, type)) ||
      (extension != NULL && in_list (playlist_extensions, extension)))
    return CARTABLE_ATTACHMENT_KIND_OTHER;
  /* Every audio/ type a phone sends: audio/mp4, audio/x-m4a, audio/aac,
   * audio/3gpp, audio/amr, audio/ogg, audio/mpeg… */
  if (type != NULL && g_str_has_prefix (type, "audio/"))
    return CARTABLE_ATTACHMENT_KIND_AUDIO;
  /* Many mailers send everything as application/octet-stream: then the
   * name decides. A precise, different type is trusted instead. */
  if (is_generic_type (type) && extension != NULL)
    {
      if (in_list (image_extensions, extension))
        return CARTABLE_ATTACHMENT_KIND_IMAGE;
      if (in_list (audio_extensions, extension))
        return CARTABLE_ATTACHMENT_KIND_AUDIO;
    }

  return CARTABLE_ATTACHMENT_KIND_OTHER;
}

gboolean
cartable_attachment_kind_is_executable (const char *mime_type,
                                        const char *filename)
{
  g_autofree char *type = normalise_type (mime_type);
  g_autofree char *extension = dup_extension (filename);

  if (extension != NULL && in_list (executable_extensions, extension))
    return TRUE;

  if (type == NULL)
    return FALSE;
  if (in_list (executable_types, type))
    return TRUE;
  /* Any script language (text/x-script.*, application/x-*script). */
  if (g_str_has_prefix (type, "text/x-script") ||
      (g_str_has_suffix (type, "script") && !g_str_has_suffix (type, "/postscript")))
    return TRUE;
  /* Subtypes the system knows (x-pie-executable is an x-executable…). */
  if (g_content_type_is_a (type, "application/x-executable") ||
      g_content_type_is_a (type, "application/x-sharedlib") ||
      g_content_type_is_a (type, "application/x-shellscript") ||
      g_content_type_is_a (type, "application/x-desktop") ||
      g_content_type_is_a (type, "application/x-msdownload") ||
      g_content_type_is_a (type, "application/javascript"))
    return TRUE;

  return FALSE;
}

static guint
read_be32 (const guint8 *p)
{
  return ((guint) p[0] << 24) | ((guint) p[1] << 16) | ((guint) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint
read_le16 (const guint8 *p)
{
  return ((guint) p[1] << 8) | p[0];
}

static guint
read_le24 (const guint8 *p)
{
  return ((guint) p[2] << 16) | ((guint) p[1] << 8) | p[0];
}

static gint32
read_le32 (const guint8 *p)
{
  return (gint32) (((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0]);
}

static gboolean
sniff_jpeg (const guint8 *data,
            gsize         length,
            guint        *width,
            guint        *height)
{
  gsize i = 2;

  while (i + 4 <= length)
    {
      guint8 marker;
      guint segment;

      if (data[i] != 0xFF)
        return FALSE;
      marker = data[i + 1];
      if (marker == 0xFF)
        {
          i++;
          continue;
        }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          i += 2;
          continue;
        }
      if (marker == 0xD9 || marker == 0xDA)
        return FALSE;
      segment = read_be16 (data + i + 2);
      if (segment < 2)
        return FALSE;
      /* Start of frame, every kind but DHT, JPG and DAC. */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (i + 9 > length)
            return FALSE;
          *height = read_be16 (data + i + 5);
          *width = read_be16 (data + i + 7);
          return TRUE;
        }
      i += 2 + segment;
    }

  return FALSE;
}

static gboolean
sniff_webp (const guint8 *data,
            gsize         length,
            guint        *width,
            guint        *height)
{
  if (length < 30)
    return FALSE;

  if (memcmp (data + 12, "VP8 ", 4) == 0)
    {
      if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
        return FALSE;
      *width = read_le16 (data + 26) & 0x3FFF;
      *height = read_le16 (data + 28) & 0x3FFF;
      return TRUE;
    }
  if (memcmp (data + 12, "VP8L", 4) == 0)
    {
      guint32 bits;

      if (data[20] != 0x2F)
        return FALSE;
      bits = (guint32) data[21] | ((guint32) data[22] << 8) | ((guint32) data[23] << 16) |
             ((guint32) data[24] << 24);
      *width = (bits & 0x3FFF) + 1;
      *height = ((bits >> 14) & 0x3FFF) + 1;
      return TRUE;
    }
  if (memcmp (data + 12, "VP8X", 4) == 0)
    {
      *width = read_le24 (data + 24) + 1;
      *height = read_le24 (data + 27) + 1;
      return TRUE;
    }

  return FALSE;
}

const char *
cartable_attachment_kind_sniff_image (const guint8 *data,
                                      gsize         length,
                                      guint        *width,
                                      guint        *height)
{
  guint w = 0, h = 0;
  const char *type = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 24 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (data + 12, "IHDR", 4) == 0)
    {
      w = read_be32 (data + 16);
      h = read_be32 (data + 20);
      type = "image/png";
    }
  else if (length >= 10 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    {
      w = read_le16 (data + 6);
      h = read_le16 (data + 8);
      type = "image/gif";
    }
  else if (length >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    {
      if (sniff_jpeg (data, length, &w, &h))
        type = "image/jpeg";
    }
  else if (length >= 16 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    {
      if (sniff_webp (data, length, &w, &h))
        type = "image/webp";
    }
  else if (length >= 26 && data[0] == 'B' && data[1] == 'M')
    {
      gint32 header = read_le32 (data + 14);

      if (header == 12)
        {
          w = read_le16 (data + 18);
          h = read_le16 (data + 20);
          type = "image/bmp";
        }
      else if (header >= 40 && header <= 124)
        {
          gint32 sw = read_le32 (data + 18);
          gint32 sh = read_le32 (data + 22);

          if (sw > 0 && sh != 0 && sh != G_MININT32)
            {
              w = (guint) sw;
              h = (guint) ABS (sh);
              type = "image/bmp";
            }
        }
    }

  if (type == NULL || w == 0 || h == 0)
    return NULL;

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return type;
}

/* GStreamer's error domains and codes (gst/gsterror.h, stable ABI), named
 * here so that the UI needs no GStreamer headers. GTK 4.8's media stream
 * goes through GstPlayer, which wraps every error into its own domain with
 * one code and a message made of the failing element's path, GStreamer's
 * sentence (in the user's language) and its debug text (in English): then
 * the element and the debug text tell what happened. */
#define GST_CORE_ERROR_DOMAIN                  "gst-core-error-quark"
#define GST_STREAM_ERROR_DOMAIN                "gst-stream-error-quark"
#define GST_RESOURCE_ERROR_DOMAIN              "gst-resource-error-quark"
#define GST_CORE_ERROR_MISSING_PLUGIN_CODE     12
#define GST_STREAM_ERROR_NOT_IMPLEMENTED_CODE  3
#define GST_STREAM_ERROR_TYPE_NOT_FOUND_CODE   4
#define GST_STREAM_ERROR_WRONG_TYPE_CODE       5
#define GST_STREAM_ERROR_CODEC_NOT_FOUND_CODE  6
#define GST_STREAM_ERROR_DECODE_CODE           7
#define GST_STREAM_ERROR_DEMUX_CODE            9
#define GST_STREAM_ERROR_FORMAT_CODE           11

static gboolean
error_in_domain (const GError *error,
                 const char   *domain)
{
  return g_strcmp0 (g_quark_to_string (error->domain), domain) == 0;
}

static gboolean
message_has_any (const GError       *error,
                 const char * const *needles)
{
  g_autofree char *message = g_ascii_strdown (error->message != NULL ? error->message : "", -1);

  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (message, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* decodebin's debug text when no element decodes a stream, and the English
 * sentence of GST_CORE_ERROR_MISSING_PLUGIN. */
static const char * const missing_decoder_marks[] = {
  "missing decoder", "no suitable plugins found", "missing a plug-in", NULL
};
/* The elements that fail on a file that is not what it claims: type
 * finding, demuxers, parsers. */
static const char * const damaged_marks[] = {
  "gsttypefindelement", "could not determine type of stream", "demux", "parse:", "no known streams found",
  NULL
};
/* The element reading the copy of the recording. */
static const char * const unreadable_marks[] = {
  "gstfilesrc", "could not open resource", NULL
};

const char *
cartable_attachment_kind_not_a_recording (void)
{
  return _("This recording is damaged or is not really a recording, so it cannot be played. Ask "
           "its sender to send it again.");
}

gboolean
cartable_attachment_kind_is_playable_content (const guint8 *data,
                                              gsize         length)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  gsize head = MIN (length, 4096);
  gboolean text = TRUE;

  if (data == NULL || length == 0)
    return FALSE;

  content_type = g_content_type_guess (NULL, data, head, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (g_content_type_is_a (content_type, "text/plain") ||
      (mime_type != NULL && in_list (playlist_types, mime_type)))
    return FALSE;

  /* Every recording format has binary bytes in its first kilobytes (sizes,
   * version numbers, frame headers); a playlist of a kind the system does
   * not know is only text. */
  for (gsize i = 0; i < head && text; i++)
    text = data[i] >= 0x20 || data[i] == '\t' || data[i] == '\n' || data[i] == '\r';

  return !text;
}

const char *
cartable_attachment_kind_media_problem (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if ((error_in_domain (error, GST_CORE_ERROR_DOMAIN) && error->code == GST_CORE_ERROR_MISSING_PLUGIN_CODE) ||
      (error_in_domain (error, GST_STREAM_ERROR_DOMAIN) &&
       (error->code == GST_STREAM_ERROR_CODEC_NOT_FOUND_CODE ||
        error->code == GST_STREAM_ERROR_NOT_IMPLEMENTED_CODE)) ||
      message_has_any (error, missing_decoder_marks))
    return _("This recording is in a format this computer cannot play yet. Save it to listen to it "
             "with another program, or ask your school’s IT support to install the audio codecs "
             "(gstreamer1.0-libav).");

  if ((error_in_domain (error, GST_STREAM_ERROR_DOMAIN) &&
       (error->code == GST_STREAM_ERROR_TYPE_NOT_FOUND_CODE ||
        error->code == GST_STREAM_ERROR_WRONG_TYPE_CODE ||
        error->code == GST_STREAM_ERROR_DECODE_CODE ||
        error->code == GST_STREAM_ERROR_DEMUX_CODE ||
        error->code == GST_STREAM_ERROR_FORMAT_CODE)) ||
      message_has_any (error, damaged_marks))
    return cartable_attachment_kind_not_a_recording ();

  if (error_in_domain (error, GST_RESOURCE_ERROR_DOMAIN) || error->domain == G_IO_ERROR ||
      message_has_any (error, unreadable_marks))
    return _("The copy of this recording could not be read. Try again; if it happens again, save "
             "it and open it with another program.");

  return _("This recording cannot be played here. Save it to listen to it with another program.");
}

const char *
cartable_attachment_kind_icon_name (const char *mime_type,
                                    const char *filename)
{
  g_autofree char *type = normalise_type (mime_type);

  if (cartable_attachment_kind_is_executable (mime_type, filename))
    return "application-x-executable-symbolic";

  switch (cartable_attachment_kind_from (mime_type, filename))
    {
    case CARTABLE_ATTACHMENT_KIND_IMAGE:
      return "image-x-generic-symbolic";
    case CARTABLE_ATTACHMENT_KIND_AUDIO:
      return "audio-x-generic-symbolic";
    case CARTABLE_ATTACHMENT_KIND_OTHER:
    default:
      break;
    }

  if (type == NULL)
    return "mail-attachment-symbolic";
  if (g_str_has_prefix (type, "image/"))
    return "image-x-generic-symbolic";
  if (g_str_has_prefix (type, "video/"))
    return "video-x-generic-symbolic";
  if (g_str_has_prefix (type, "text/") || g_str_equal (type, "application/pdf") ||
      g_str_has_prefix (type, "application/vnd.oasis.opendocument") ||
      g_str_has_prefix (type, "application/vnd.openxmlformats") ||
      g_str_equal (type, "application/msword") || g_str_equal (type, "application/rtf"))
    return "x-office-document-symbolic";
  if (g_str_equal (type, "application/zip") || g_str_equal (type, "application/gzip") ||
      g_str_equal (type, "application/x-7z-compressed") || g_str_equal (type, "application/x-tar") ||
      g_str_equal (type, "application/vnd.rar") || g_str_equal (type, "application/x-rar-compressed"))
    return "package-x-generic-symbolic";

  return "mail-attachment-symbolic";
}

char *
cartable_attachment_kind_format_duration (gint64 usec)
{
  gint64 seconds = MAX (usec, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* Longer than this, it is a lecture or a concert rather than a message. */
#define VOICE_MESSAGE_MAX_USEC (G_GINT64_CONSTANT (15) * 60 * G_USEC_PER_SEC)

char *
cartable_attachment_kind_recording_title (gint64 usec)
{
  g_autofree char *length = NULL;

  if (usec <= 0)
    return g_strdup (_("Voice message"));
  length = cartable_attachment_kind_format_duration (usec);
  if (usec > VOICE_MESSAGE_MAX_USEC)
    /* Translators: a long recording's title and length, "Enregistrement (1:02:03)". */
    return g_strdup_printf (_("Recording (%s)"), length);
  /* Translators: a voice note's title and length, "Message vocal (0:42)". */
  return g_strdup_printf (_("Voice message (%s)"), length);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-attachments"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "cartable-engine.h"
#include "core/cartable-paths.h"
#include "cartable-test-ui.h"
#include "cartable-test.h"
#include "mail/cartable-attachment-list.h"
#include "mail/cartable-image-viewer.h"
#include "mail/cartable-zoom-picture.h"

/*
 * The attachment list of a real multipart message made here with GMime: a
 * PNG drawn with GdkPixbuf previews at its size, a WAV tone and an AAC voice
 * note in MP4 (tests/data/media, as phones send them) play through GTK's
 * GStreamer player (no sound card here: autoaudiosink falls back to a fake
 * sink that still follows the clock), a PDF opens in the default
 * application for its type without a question, and a shell script or a
 * program disguised as text is only opened after a warning.
 *
 * The default application is a real one of this test's private XDG
 * folders: a .desktop file whose command copies what it is given, made the
 * default for its types in mimeapps.list. GTK opens the file as it would on
 * a desktop: here, outside any sandbox and with no portal on the test's
 * private bus, GIO launches the application itself.
 */

#define PNG_WIDTH    64
#define PNG_HEIGHT   48
/* A photo of a whiteboard: larger than the viewer's window. */
#define BOARD_WIDTH  1600
#define BOARD_HEIGHT 1200
#define WAV_RATE     8000
#define WAV_SECONDS  3

/* Positions in the message's attachments (the body is not one). */
enum {
  POS_PNG,
  POS_WAV,
  POS_SCRIPT,
  POS_DISGUISED,
  POS_PDF,
  POS_M4A,
  POS_PLAYLIST,
  POS_BOARD,
  N_ATTACHMENTS
};

#define PDF_BYTES     "%PDF-1.4\n%%EOF\n"
#define SCRIPT_BYTES  "#!/bin/sh\necho bonjour\n"
#define M4A_SECONDS   2
#define PLAYLIST_BYTES "#EXTM3U\n#EXTINF:-1,Radio\nhttp://127.0.0.1:9/suivi.mp3\n"

/* Where the test's default applications write what they were given. */
static char *handler_dir;

static GBytes *
load_m4a (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "media", "message-vocal.m4a", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  /* A blue square on orange: something to see on the screenshot. */
  gdk_pixbuf_fill (pixbuf, 0xF08000FF);
  {
    g_autoptr(GdkPixbuf) square = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 24, 24);

    gdk_pixbuf_fill (square, 0x2060C0FF);
    gdk_pixbuf_copy_area (square, 0, 0, 24, 24, pixbuf, 20, 12);
  }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static void
put_le32 (GByteArray *array,
          guint32     value)
{
  guint8 bytes[4] = { value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, (value >> 24) & 0xFF };

  g_byte_array_append (array, bytes, 4);
}

static void
put_le16 (GByteArray *array,
          guint16     value)
{
  guint8 bytes[2] = { value & 0xFF, (value >> 8) & 0xFF };

  g_byte_array_append (array, bytes, 2);
}

/* A 440 Hz sine tone, 16-bit PCM mono. */
static GBytes *
make_wav (void)
{
  GByteArray *array = g_byte_array_new ();
  guint32 samples = WAV_RATE * WAV_SECONDS;

  g_byte_array_append (array, (const guint8 *) "RIFF", 4);
  put_le32 (array, 36 + samples * 2);
  g_byte_array_append (array, (const guint8 *) "WAVEfmt ", 8);
  put_le32 (array, 16);
  put_le16 (array, 1);            /* PCM */
  put_le16 (array, 1);            /* mono */
  put_le32 (array, WAV_RATE);
  put_le32 (array, WAV_RATE * 2);
  put_le16 (array, 2);
  put_le16 (array, 16);
  g_byte_array_append (array, (const guint8 *) "data", 4);
  put_le32 (array, samples * 2);
  for (guint32 i = 0; i < samples; i++)
    put_le16 (array, (guint16) (gint16) (8000.0 * sin (2.0 * G_PI * 440.0 * i / WAV_RATE)));

  return g_byte_array_free_to_bytes (array);
}

static void
add_part (GMimeMultipart *multipart,
          const char     *type,
          const char     *subtype,
          const char     *filename,
          GBytes         *data)
{
  g_autoptr(GMimePart) part = g_mime_part_new_with_type (type, subtype);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (data, NULL),
                                                                     g_bytes_get_size (data));
  g_autoptr(GMimeDataWrapper) content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, content);
  g_mime_part_set_filename (part, filename);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  g_mime_object_set_disposition (GMIME_OBJECT (part), GMIME_DISPOSITION_ATTACHMENT);
  g_mime_multipart_add (multipart, GMIME_OBJECT (part));
}

static CartableMessage *
make_message (void)
{
  g_autoptr(GMimeMessage) message = g_mime_message_new (TRUE);
  g_autoptr(GMimeMultipart) mixed = g_mime_multipart_new_with_subtype ("mixed");
  g_autoptr(GMimeTextPart) text = g_mime_text_part_new_with_subtype ("plain");
  g_autoptr(GMimeStream) output = g_mime_stream_mem_new ();
  g_autoptr(GBytes) png = make_png (PNG_WIDTH, PNG_HEIGHT);
  g_autoptr(GBytes) board = make_png (BOARD_WIDTH, BOARD_HEIGHT);
  g_autoptr(GBytes) wav = make_wav ();
  g_autoptr(GBytes) script = g_bytes_new_static (SCRIPT_BYTES, strlen (SCRIPT_BYTES));
  static const guint8 elf[64] = { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1 };
  g_autoptr(GBytes) disguised = g_bytes_new_static (elf, sizeof elf);
  g_autoptr(GBytes) pdf = g_bytes_new_static (PDF_BYTES, strlen (PDF_BYTES));
  g_autoptr(GBytes) m4a = load_m4a ();
  g_autoptr(GBytes) playlist = g_bytes_new_static (PLAYLIST_BYTES, strlen (PLAYLIST_BYTES));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  GByteArray *bytes;
  CartableMessage *parsed;

  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, "Marie Durand", "marie.durand@ac-normandie.fr");
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, "Thomas Lefebvre", "thomas.lefebvre@ac-normandie.fr");
  g_mime_message_set_subject (message, "Photo et message vocal", "UTF-8");
  g_mime_text_part_set_text (text, "Bonjour, voici la photo et le message vocal.\n");
  g_mime_text_part_set_charset (text, "UTF-8");
  g_mime_multipart_add (mixed, GMIME_OBJECT (text));
  add_part (mixed, "image", "png", "photo.png", png);
  add_part (mixed, "audio", "wav", "message-vocal.wav", wav);
  add_part (mixed, "application", "x-shellscript", "installer.sh", script);
  /* A program named and typed as plain text: its bytes give it away. */
  add_part (mixed, "text", "plain", "notes.txt", disguised);
  add_part (mixed, "application", "pdf", "compte-rendu.pdf", pdf);
  /* An iPhone's voice note: AAC in MP4, typed audio/x-m4a. */
  add_part (mixed, "audio", "x-m4a", "note-vocale.m4a", m4a);
  /* A playlist of remote addresses dressed as a recording: GStreamer
   * would fetch them (a web bug in a mail). */
  add_part (mixed, "audio", "mpeg", "radio.mp3", playlist);
  add_part (mixed, "image", "png", "tableau.png", board);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));

  g_assert_cmpint (g_mime_object_write_to_stream (GMIME_OBJECT (message), NULL, output), >, 0);
  bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (output));
  raw = g_bytes_new (bytes->data, bytes->len);
  parsed = cartable_message_new_from_bytes (raw, &error);
  g_assert_no_error (error);
  return parsed;
}

/* ------------------------------------------------------------ conditions */

typedef struct
{
  CartableAttachmentList *list;
  guint                   position;
  gint64                  timestamp;
} Player;

static gboolean
preview_ready (gpointer user_data)
{
  return cartable_attachment_list_get_preview (user_data, POS_PNG) != NULL;
}

static gboolean
playing_and_advancing (gpointer user_data)
{
  Player *player = user_data;
  GtkMediaStream *stream = cartable_attachment_list_get_stream (player->list, player->position);

  if (stream == NULL)
    return FALSE;
  if (gtk_media_stream_get_error (stream) != NULL)
    g_error ("playing %u: %s", player->position, gtk_media_stream_get_error (stream)->message);
  if (!gtk_media_stream_get_playing (stream))
    return FALSE;
  return gtk_media_stream_get_timestamp (stream) > player->timestamp;
}

static gboolean
paused (gpointer user_data)
{
  Player *player = user_data;
  GtkMediaStream *stream = cartable_attachment_list_get_stream (player->list, player->position);

  return stream != NULL && !gtk_media_stream_get_playing (stream);
}

static gboolean
stream_failed (gpointer user_data)
{
  Player *player = user_data;
  GtkMediaStream *stream = cartable_attachment_list_get_stream (player->list, player->position);

  return stream != NULL && gtk_media_stream_get_error (stream) != NULL;
}

/* Files in the folders of Cartable's cache made for @purpose ("play",
 * "open"). */
static guint
count_cache_files (const char *purpose,
                   const char *name)
{
  g_autofree char *cache = cartable_paths_get_cache_dir ();
  g_autofree char *parent = g_build_filename (cache, purpose, NULL);
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *entry;
  guint count = 0;

  if (dir == NULL)
    return 0;

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (parent, entry, NULL);
      g_autofree char *file = g_build_filename (sub, name, NULL);
      GStatBuf st;

      /* Private folders. */
      g_assert_cmpint (g_stat (sub, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0700);
      if (g_file_test (file, G_FILE_TEST_EXISTS))
        count++;
    }

  return count;
}

static void
check_accessible_names (GtkWidget *widget,
                        guint     *checked)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_BUTTON (widget) || GTK_IS_RANGE (widget) || GTK_IS_PICTURE (widget) || GTK_IS_LIST_BOX (widget))
    {
      gboolean named = gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                       gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

      if (!named)
        g_error ("%s has no accessible name", G_OBJECT_TYPE_NAME (widget));
      (*checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_accessible_names (child, checked);
}

/* The button bound to @action for the attachment at @position. */
typedef struct
{
  const char *action;
  guint       position;
} ActionQuery;

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  const ActionQuery *query = data;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), query->action) != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_variant_get_uint32 (target) == query->position;
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action,
                    guint       position)
{
  ActionQuery query = { action, position };

  return cartable_test_find_widget (widget, is_action_button, &query);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  return cartable_test_find_widget (widget, is_button_labelled, label);
}

/* A visible label whose text contains @needle. */
/* A label shown (it and every widget above it visible) whose text holds
 * @needle. */
static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  needle)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *needle)
{
  return cartable_test_find_widget (widget, is_visible_label_containing, needle);
}

/* ------------------------------------------------------------ default applications */

/* A program that records what it is asked to open: its argument and a copy
 * of the file, in a folder of handler_dir named after its first argument,
 * made whole with one rename so that the test never reads half of it. */
static const char handler_script[] =
  "#!/bin/sh\n"
  "set -e\n"
  "dest=\"$0.d/$1\"\n"
  "mkdir -p \"$0.d\"\n"
  "mkdir \"$dest.part\"\n"
  "printf '%s' \"$2\" > \"$dest.part/argument\"\n"
  "cp \"$2\" \"$dest.part/copy\"\n"
  "mv \"$dest.part\" \"$dest\"\n";

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
install_handler (const char *script,
                 const char *id,
                 const char *mime_types,
                 GString    *defaults)
{
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *file_name = g_strdup_printf ("cartable-test-%s.desktop", id);
  g_autofree char *path = g_build_filename (applications, file_name, NULL);
  g_autofree char *desktop = NULL;
  g_auto(GStrv) types = g_strsplit (mime_types, ";", -1);

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  desktop = g_strdup_printf ("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Lecteur de test (%s)\n"
                             "Exec=%s %s %%f\n"
                             "MimeType=%s;\n"
                             "NoDisplay=true\n"
                             "Terminal=false\n",
                             id, script, id, mime_types);
  write_file (path, desktop, 0644);
  for (guint i = 0; types[i] != NULL; i++)
    g_string_append_printf (defaults, "%s=%s\n", types[i], file_name);
}

/* In this test's own XDG_DATA_HOME and XDG_CONFIG_HOME (tests/test-env),
 * before GIO reads them: the PDF reader, and the applications a script or a
 * text would open in. */
static void
install_default_applications (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *script = NULL;
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autoptr(GString) defaults = g_string_new ("[Default Applications]\n");
  g_autoptr(GError) error = NULL;

  /* Never the user's own folders. */
  g_assert_nonnull (g_getenv ("CARTABLE_TEST_ROOT"));
  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), g_getenv ("CARTABLE_TEST_ROOT")));
  g_assert_true (g_str_has_prefix (g_get_user_config_dir (), g_getenv ("CARTABLE_TEST_ROOT")));

  tmp = g_dir_make_tmp ("handler-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_build_filename (tmp, "record", NULL);
  write_file (script, handler_script, 0700);
  handler_dir = g_strconcat (script, ".d", NULL);

  install_handler (script, "pdf", "application/pdf", defaults);
  install_handler (script, "script", "application/x-shellscript;text/x-sh;application/x-executable", defaults);
  install_handler (script, "text", "text/plain", defaults);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  write_file (mimeapps, defaults->str, 0600);
}

static char *
handler_path (const char *id,
              const char *file)
{
  return g_build_filename (handler_dir, id, file, NULL);
}

static gboolean
handler_ran (gpointer user_data)
{
  g_autofree char *path = handler_path (user_data, NULL);

  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

static guint
count_launches (void)
{
  g_autoptr(GDir) dir = g_dir_open (handler_dir, 0, NULL);
  guint count = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

/* What the handler @id received: the file it was given is the attachment
 * byte for byte, under its safe name, read-only and not executable, alone
 * in a private folder of Cartable's cache. */
static void
check_handler_received (const char *id,
                        const char *name,
                        const char *bytes)
{
  g_autofree char *argument_path = handler_path (id, "argument");
  g_autofree char *copy_path = handler_path (id, "copy");
  g_autofree char *argument = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *open_dir = NULL;
  g_autofree char *cache = cartable_paths_get_cache_dir ();
  g_autofree char *expected_parent = g_build_filename (cache, "open", NULL);
  gsize length = 0;
  GStatBuf st;

  g_assert_true (g_file_get_contents (argument_path, &argument, NULL, NULL));
  g_assert_true (g_file_get_contents (copy_path, &copy, &length, NULL));
  g_test_message ("%s handler was given %s", id, argument);
  g_assert_cmpmem (copy, length, bytes, strlen (bytes));

  basename = g_path_get_basename (argument);
  g_assert_cmpstr (basename, ==, name);
  folder = g_path_get_dirname (argument);
  open_dir = g_path_get_dirname (folder);
  g_assert_cmpstr (open_dir, ==, expected_parent);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (st.st_uid, ==, getuid ());
  g_assert_cmpint (g_stat (open_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_assert_cmpint (g_lstat (argument, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0400);
}

/* ------------------------------------------------------------ window */

typedef struct
{
  GtkWidget              *window;
  CartableAttachmentList *list;
  CartableMessage        *message;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->message = make_message ();
  fixture->window = gtk_window_new ();
  fixture->list = CARTABLE_ATTACHMENT_LIST (cartable_attachment_list_new ());
  g_object_add_weak_pointer (G_OBJECT (fixture->list), (gpointer *) &fixture->list);
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Pièces jointes");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 560, 760);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->list));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scrolled);
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  gtk_window_present (GTK_WINDOW (fixture->window));

  g_assert_cmpuint (g_list_model_get_n_items (cartable_message_get_attachments (fixture->message)), ==, N_ATTACHMENTS);
  cartable_attachment_list_set_message (fixture->list, fixture->message);
  g_assert_true (cartable_attachment_list_get_message (fixture->list) == fixture->message);
  g_assert_cmpuint (cartable_attachment_list_get_n_shown (fixture->list), ==, N_ATTACHMENTS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  cartable_test_iterate (100);
  g_assert_null (fixture->list);
  g_clear_object (&fixture->message);
}

/* ------------------------------------------------------------ tests */

static void
test_preview_and_play (Fixture       *fixture,
                       gconstpointer  data)
{
  CartableAttachmentList *list = fixture->list;
  Player player = { list, POS_WAV, 0 };
  Player voice_note = { list, POS_M4A, 0 };
  GtkWidget *picture;
  GdkTexture *texture;
  GtkMediaStream *stream;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *stale_dir = NULL;
  guint checked = 0;

  /* The image previews at its own size. */
  g_assert_true (cartable_test_wait_for (preview_ready, list, 10000));
  texture = cartable_attachment_list_get_preview (list, POS_PNG);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, PNG_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, PNG_HEIGHT);
  picture = cartable_test_find_descendant (GTK_WIDGET (list), GTK_TYPE_PICTURE, NULL);
  g_assert_nonnull (picture);
  g_assert_true (gtk_picture_get_paintable (GTK_PICTURE (picture)) == GDK_PAINTABLE (texture));
  g_assert_null (cartable_attachment_list_get_preview (list, POS_PDF));
  cartable_test_iterate (300);
  g_assert_true (gtk_widget_get_mapped (picture));

  /* Every row says its name and size; « Enregistrer » and « Ouvrir ». */
  cartable_test_collect_text (GTK_WIDGET (list), text, CARTABLE_TEST_TEXT_PRUNE_HIDDEN);
  g_test_message ("rows:\n%s", text->str);
  cartable_test_assert_contains_all (text->str, (const char *[]) { "photo.png", "message-vocal.wav", "installer.sh",
                                                                  "note-vocale.m4a", NULL });
  /* The recordings say what they are and how long, before they play: the
   * WAV's length, the MP4's two seconds, nothing for a file that only
   * claims to be a recording. */
  {
    g_autofree char *wav_title = g_strdup_printf ("Message vocal (0:%02d)\nmessage-vocal.wav · ", WAV_SECONDS);

    g_assert_nonnull (strstr (text->str, wav_title));
    g_assert_nonnull (strstr (text->str, "Message vocal (0:02)\nnote-vocale.m4a · "));
    g_assert_nonnull (strstr (text->str, "Message vocal\nradio.mp3 · "));
    g_assert_nonnull (strstr (text->str, "0:00 / 0:02"));
  }

  /* Both recordings have a player: a play button, a position, a time. */
  g_assert_nonnull (find_action_button (GTK_WIDGET (list), "attachment.play", POS_WAV));
  g_assert_nonnull (find_action_button (GTK_WIDGET (list), "attachment.play", POS_M4A));
  g_assert_null (find_action_button (GTK_WIDGET (list), "attachment.play", POS_PDF));

  /* A copy left by a run two days ago. */
  {
    g_autofree char *cache = cartable_paths_get_cache_dir ();
    g_autofree char *stale = g_build_filename (cache, "play", "ancien", NULL);
    g_autofree char *stale_file = g_build_filename (stale, "ancien.wav", NULL);
    struct utimbuf old = { time (NULL) - 2 * 24 * 3600, time (NULL) - 2 * 24 * 3600 };

    g_assert_cmpint (g_mkdir_with_parents (stale, 0700), ==, 0);
    g_assert_true (g_file_set_contents (stale_file, "RIFF", 4, NULL));
    g_assert_cmpint (utime (stale, &old), ==, 0);
    stale_dir = g_steal_pointer (&stale);
  }

  /* Play: the stream reaches the playing state and time goes on. */
  g_assert_null (cartable_attachment_list_get_stream (list, POS_WAV));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "attachment.play", "u", POS_WAV));
  g_assert_true (cartable_test_wait_for (playing_and_advancing, &player, 20000));
  stream = cartable_attachment_list_get_stream (list, POS_WAV);
  g_test_message ("WAV playing at %" G_GINT64_FORMAT " µs of %" G_GINT64_FORMAT " µs",
                  gtk_media_stream_get_timestamp (stream), gtk_media_stream_get_duration (stream));
  player.timestamp = gtk_media_stream_get_timestamp (stream);
  g_assert_true (cartable_test_wait_for (playing_and_advancing, &player, 5000));
  g_assert_cmpint (gtk_media_stream_get_duration (stream), >=, (WAV_SECONDS - 1) * G_USEC_PER_SEC);
  /* Played from a private, read-only copy under its safe name. */
  g_assert_cmpuint (count_cache_files ("play", "message-vocal.wav"), ==, 1);
  g_assert_false (g_file_test (stale_dir, G_FILE_TEST_EXISTS));

  /* Every control has a name, the player's included. */
  check_accessible_names (GTK_WIDGET (list), &checked);
  g_test_message ("%u controls named", checked);
  g_assert_cmpuint (checked, >=, 15);

  /* The same action pauses. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "attachment.play", "u", POS_WAV));
  g_assert_true (cartable_test_wait_for (paused, &player, 5000));

  /* The AAC voice note, through its own play button: GStreamer's libav
   * decoder plays it, the length is read from the MP4 header. */
  g_assert_null (cartable_attachment_list_get_stream (list, POS_M4A));
  gtk_widget_activate (find_action_button (GTK_WIDGET (list), "attachment.play", POS_M4A));
  g_assert_true (cartable_test_wait_for (playing_and_advancing, &voice_note, 20000));
  stream = cartable_attachment_list_get_stream (list, POS_M4A);
  g_test_message ("M4A playing at %" G_GINT64_FORMAT " µs of %" G_GINT64_FORMAT " µs",
                  gtk_media_stream_get_timestamp (stream), gtk_media_stream_get_duration (stream));
  voice_note.timestamp = gtk_media_stream_get_timestamp (stream);
  g_assert_true (cartable_test_wait_for (playing_and_advancing, &voice_note, 5000));
  g_assert_cmpint (gtk_media_stream_get_duration (stream), >=, (M4A_SECONDS * G_USEC_PER_SEC) * 9 / 10);
  g_assert_cmpint (gtk_media_stream_get_duration (stream), <=, (M4A_SECONDS * G_USEC_PER_SEC) * 11 / 10);
  g_assert_cmpuint (count_cache_files ("play", "note-vocale.m4a"), ==, 1);
  g_assert_null (find_label_containing (GTK_WIDGET (list), "enregistrement"));

  /* The playlist is never handed to the player: the row says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "attachment.play", "u", POS_PLAYLIST));
  cartable_test_iterate (300);
  g_assert_null (cartable_attachment_list_get_stream (list, POS_PLAYLIST));
  g_assert_cmpuint (count_cache_files ("play", "radio.mp3"), ==, 0);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (list), "Cet enregistrement est abîmé ou n’en est pas vraiment un"));
  g_assert_false (gtk_widget_get_sensitive (find_action_button (GTK_WIDGET (list), "attachment.play", POS_PLAYLIST)));

  /* As a person sees it: the preview, the players, one of them playing. */
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Pièces jointes — aperçu et lecture");
  cartable_test_save_display_screenshot ("attachments");

  /* Another message: the private copies of the recordings are gone. */
  cartable_attachment_list_set_message (list, NULL);
  g_assert_cmpuint (cartable_attachment_list_get_n_shown (list), ==, 0);
  g_assert_cmpuint (count_cache_files ("play", "message-vocal.wav"), ==, 0);
  g_assert_cmpuint (count_cache_files ("play", "note-vocale.m4a"), ==, 0);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             char            **out)
{
  g_free (*out);
  *out = g_strdup (response);
}

static AdwMessageDialog *
open_expecting_warning (CartableAttachmentList *list,
                        guint                   position,
                        const char             *name)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  gtk_widget_activate (find_action_button (GTK_WIDGET (list), "attachment.open", position));
  g_assert_true (cartable_test_wait_for (cartable_test_window_open, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  dialog = ADW_MESSAGE_DIALOG (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  heading = g_strdup_printf ("Ouvrir « %s » ?", name);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "programme ou un script"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "open"), ==, "_Ouvrir quand même");
  return dialog;
}

static void
refuse_warning_for (CartableAttachmentList *list,
                    guint                   position,
                    const char             *name,
                    const char             *screenshot)
{
  AdwMessageDialog *dialog = open_expecting_warning (list, position, name);
  g_autofree char *response = NULL;

  if (screenshot != NULL)
    cartable_test_save_display_screenshot (screenshot);

  /* Refused (Escape or the close button give the « cancel » response):
   * nothing is written for another program to open, nothing is launched. */
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), &response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpstr (response, ==, "cancel");
  g_assert_true (cartable_test_wait_for (cartable_test_window_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  cartable_test_iterate (1000);
  g_assert_cmpuint (count_cache_files ("open", name), ==, 0);
  g_assert_cmpuint (count_launches (), ==, 0);
}

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  CartableAttachmentList *list = fixture->list;
  AdwMessageDialog *dialog;

  g_assert_cmpuint (count_launches (), ==, 0);

  /* Programs and scripts are opened only after a warning: refused, nothing
   * runs, not even the application that would show them. */
  refuse_warning_for (list, POS_SCRIPT, "installer.sh", "attachments-warning");
  refuse_warning_for (list, POS_DISGUISED, "notes.txt", NULL);

  /* A PDF opens straight away in the default application for PDFs, with
   * the attachment's bytes, from a private read-only copy. */
  gtk_widget_activate (find_action_button (GTK_WIDGET (list), "attachment.open", POS_PDF));
  g_assert_null (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (cartable_test_wait_for (handler_ran, (gpointer) "pdf", 20000));
  g_assert_null (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  check_handler_received ("pdf", "compte-rendu.pdf", PDF_BYTES);
  g_assert_cmpuint (count_launches (), ==, 1);

  /* « Ouvrir quand même »: the script goes to the application for scripts
   * as a copy that cannot be run by itself (no execute bit). */
  dialog = open_expecting_warning (list, POS_SCRIPT, "installer.sh");
  gtk_widget_activate (find_button_labelled (GTK_WIDGET (dialog), "_Ouvrir quand même"));
  g_assert_true (cartable_test_wait_for (cartable_test_window_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  g_assert_true (cartable_test_wait_for (handler_ran, (gpointer) "script", 20000));
  check_handler_received ("script", "installer.sh", SCRIPT_BYTES);
  g_assert_cmpuint (count_launches (), ==, 2);
}

static gboolean
chooser_shown (gpointer user_data)
{
  return cartable_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
file_exists (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_EXISTS);
}

static gboolean
label_shown (gpointer user_data)
{
  const char **args = user_data;

  return find_label_containing ((GtkWidget *) args[0], args[1]) != NULL;
}

/* « Enregistrer » asks for a folder and writes the attachment there under
 * its safe name, next to (never over) a file of the same name. */
static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("Documents-XXXXXX", &error);
  g_autofree char *existing = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) folder_file = NULL;
  const char *toast[2] = { (const char *) fixture->window, "Enregistrée sous « compte-rendu (2).pdf »" };
  GtkWindow *chooser;
  gsize length = 0;

  g_assert_no_error (error);
  existing = g_build_filename (folder, "compte-rendu.pdf", NULL);
  saved = g_build_filename (folder, "compte-rendu (2).pdf", NULL);
  g_assert_true (g_file_set_contents (existing, "ancien", -1, NULL));

  gtk_widget_activate (find_action_button (GTK_WIDGET (fixture->list), "attachment.save", POS_PDF));
  g_assert_true (cartable_test_wait_for (chooser_shown, NULL, 10000));
  chooser = cartable_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Enregistrer « compte-rendu.pdf » dans…");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  folder_file = g_file_new_for_path (folder);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file, &error));
  g_assert_no_error (error);
  cartable_test_iterate (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  g_assert_true (cartable_test_wait_for (file_exists, saved, 10000));
  g_assert_true (cartable_test_wait_for (label_shown, toast, 5000));
  g_assert_true (g_file_get_contents (saved, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, PDF_BYTES, strlen (PDF_BYTES));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ancien");
  /* Saving runs nothing. */
  g_assert_cmpuint (count_launches (), ==, 0);
}

static gboolean
both_previews_ready (gpointer user_data)
{
  return cartable_attachment_list_get_preview (user_data, POS_PNG) != NULL &&
         cartable_attachment_list_get_preview (user_data, POS_BOARD) != NULL;
}

static void
on_viewer_save (CartableImageViewer *viewer,
                guint                id,
                gpointer             user_data)
{
  *(guint *) user_data = id;
}

/* A click on an image's preview opens it in the viewer: fitted to the
 * window, zoomed in and out, the message's other image next, saved from
 * there, closed with Escape. */
static void
test_viewer (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *preview;
  CartableImageViewer *viewer;
  AdwWindowTitle *title;
  double fitted, zoomed;
  guint saved = G_MAXUINT;

  g_assert_true (cartable_test_wait_for (both_previews_ready, fixture->list, 10000));
  cartable_test_iterate (200);
  preview = find_action_button (GTK_WIDGET (fixture->list), "attachment.view", POS_BOARD);
  g_assert_nonnull (preview);
  g_assert_true (gtk_widget_get_mapped (preview));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (preview), ==, "Afficher « tableau.png »");
  gtk_widget_activate (preview);
  viewer = CARTABLE_IMAGE_VIEWER (cartable_test_wait_for_window (CARTABLE_TYPE_IMAGE_VIEWER, 5000));
  g_assert_nonnull (viewer);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (viewer)) == GTK_WINDOW (fixture->window));
  title = ADW_WINDOW_TITLE (cartable_test_find_descendant (GTK_WIDGET (viewer), ADW_TYPE_WINDOW_TITLE, NULL));
  cartable_test_iterate (300);

  /* The clicked image, second of two, fitted: smaller than its own size. */
  g_assert_cmpuint (cartable_image_viewer_get_index (viewer), ==, 1);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "tableau.png");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "2 sur 2");
  fitted = cartable_image_viewer_get_zoom (viewer);
  {
    GtkWidget *picture = cartable_test_find_descendant (GTK_WIDGET (viewer), CARTABLE_TYPE_ZOOM_PICTURE, NULL);

    g_test_message ("fitted at %.2f in %d × %d (window %d × %d)", fitted, gtk_widget_get_width (picture),
                    gtk_widget_get_height (picture), gtk_widget_get_width (GTK_WIDGET (viewer)),
                    gtk_widget_get_height (GTK_WIDGET (viewer)));
  }
  cartable_test_shot (GTK_WIDGET (viewer), "image-viewer-fitted");
  g_assert_cmpfloat (fitted, <, 1.0);
  g_assert_cmpfloat (fitted, >, 0.1);
  cartable_test_shot (GTK_WIDGET (viewer), "image-viewer-fitted");

  /* « + » zooms in by a step, larger than the window: it scrolls. */
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_plus, 0);
  cartable_test_iterate (300);
  zoomed = cartable_image_viewer_get_zoom (viewer);
  g_assert_cmpfloat (zoomed, ==, cartable_image_viewer_step_zoom (fitted, 1));
  g_assert_cmpfloat (zoomed, >, fitted);
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_plus, 0);
  cartable_test_iterate (300);
  g_assert_cmpfloat (cartable_image_viewer_get_zoom (viewer), >, zoomed);
  cartable_test_shot (GTK_WIDGET (viewer), "image-viewer-zoomed");
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_minus, 0);
  cartable_test_iterate (300);
  g_assert_cmpfloat (cartable_image_viewer_get_zoom (viewer), ==, zoomed);
  /* « 0 »: fitted again. */
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_0, 0);
  cartable_test_iterate (300);
  g_assert_cmpfloat (fabs (cartable_image_viewer_get_zoom (viewer) - fitted), <, 0.01);

  /* Left: the first image, at its own size (smaller than the window);
   * there is nothing before it. */
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_Left, 0);
  cartable_test_iterate (300);
  g_assert_cmpuint (cartable_image_viewer_get_index (viewer), ==, 0);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "photo.png");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "1 sur 2");
  g_assert_cmpfloat (cartable_image_viewer_get_zoom (viewer), ==, 1.0);
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_Left, 0);
  cartable_test_iterate (100);
  g_assert_cmpuint (cartable_image_viewer_get_index (viewer), ==, 0);
  cartable_test_shot (GTK_WIDGET (viewer), "image-viewer-first");

  /* Ctrl+S saves the image shown, through the list's chooser. */
  g_signal_connect (viewer, "save", G_CALLBACK (on_viewer_save), &saved);
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_s, GDK_CONTROL_MASK);
  g_assert_cmpuint (saved, ==, POS_PNG);
  g_assert_true (cartable_test_wait_for (chooser_shown, NULL, 10000));
  {
    GtkWindow *chooser = cartable_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);

    g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Enregistrer « photo.png » dans…");
    g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (viewer));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    cartable_test_iterate (300);
  }

  /* Escape closes it. */
  cartable_test_press_key (GTK_WINDOW (viewer), GDK_KEY_Escape, 0);
  g_assert_true (cartable_test_wait_for (cartable_test_window_gone,
                                         GSIZE_TO_POINTER (CARTABLE_TYPE_IMAGE_VIEWER), 5000));
}

/* GStreamer without its AAC decoders, as on a computer without
 * gstreamer1.0-libav: the row says so in a sentence, not a dead player. */
static void
test_missing_decoder (Fixture       *fixture,
                      gconstpointer  data)
{
  CartableAttachmentList *list = fixture->list;
  Player voice_note = { list, POS_M4A, 0 };
  GtkWidget *problem;
  GtkWidget *button;

  gtk_widget_activate (find_action_button (GTK_WIDGET (list), "attachment.play", POS_M4A));
  g_assert_true (cartable_test_wait_for (stream_failed, &voice_note, 20000));
  {
    const GError *error = gtk_media_stream_get_error (cartable_attachment_list_get_stream (list, POS_M4A));

    g_test_message ("GStreamer said (%s %d): %s", g_quark_to_string (error->domain), error->code, error->message);
  }
  cartable_test_iterate (200);

  problem = find_label_containing (GTK_WIDGET (list), "Cet enregistrement est dans un format que cet ordinateur "
                                                     "ne sait pas encore lire.");
  g_assert_nonnull (problem);
  g_assert_true (gtk_widget_get_mapped (problem));
  button = find_action_button (GTK_WIDGET (list), "attachment.play", POS_M4A);
  g_assert_false (gtk_widget_get_sensitive (button));
  /* The WAV next to it still plays. */
  g_assert_nonnull (find_action_button (GTK_WIDGET (list), "attachment.play", POS_WAV));
  g_assert_true (gtk_widget_get_sensitive (find_action_button (GTK_WIDGET (list), "attachment.play", POS_WAV)));
  cartable_test_save_display_screenshot ("attachments-missing-decoder");
}

#define MISSING_DECODER_CHILD "CARTABLE_TEST_MISSING_DECODER"

/* The same test program again, with GStreamer told to leave every AAC
 * decoder out (read by gst_init(), which runs when the first recording is
 * played): the run of /cartable/attachments/missing-decoder in it must pass. */
static void
test_missing_decoder_in_child (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_path, "-p", "/cartable/attachments/missing-decoder", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (self_path);
  envp = g_environ_setenv (envp, MISSING_DECODER_CHILD, "1", TRUE);
  envp = g_environ_setenv (envp, "GST_PLUGIN_FEATURE_RANK",
                           "avdec_aac:NONE,avdec_aac_fixed:NONE,avdec_aac_latm:NONE,faad:NONE,fdkaacdec:NONE",
                           TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("child:\n%s", output);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* It ran the test, and the test passed. */
  g_assert_nonnull (strstr (output, "ok 1 /cartable/attachments/missing-decoder"));
  g_assert_null (strstr (output, "not ok"));
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init (&argc, &argv);
  g_mime_init ();
  install_default_applications ();

  g_test_add ("/cartable/attachments/preview-play", Fixture, NULL,
              fixture_set_up, test_preview_and_play, fixture_tear_down);
  g_test_add ("/cartable/attachments/viewer", Fixture, NULL,
              fixture_set_up, test_viewer, fixture_tear_down);
  g_test_add ("/cartable/attachments/save", Fixture, NULL,
              fixture_set_up, test_save, fixture_tear_down);
  g_test_add ("/cartable/attachments/open", Fixture, NULL,
              fixture_set_up, test_open, fixture_tear_down);
  /* Run in a second process, where GStreamer lacks the decoders. */
  if (g_getenv (MISSING_DECODER_CHILD) != NULL)
    g_test_add ("/cartable/attachments/missing-decoder", Fixture, NULL,
                fixture_set_up, test_missing_decoder, fixture_tear_down);
  else
    g_test_add_func ("/cartable/attachments/missing-decoder", test_missing_decoder_in_child);

  return g_test_run ();
}

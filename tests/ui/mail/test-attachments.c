/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-attachments"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <math.h>
#include <string.h>
#include <utime.h>

#include "cartable-engine.h"
#include "cartable-paths.h"
#include "cartable-test-ui.h"
#include "mail/cartable-attachment-list.h"

/*
 * The attachment list of a real multipart message made here with GMime: a
 * PNG drawn with GdkPixbuf previews at its size, a WAV tone plays through
 * GTK's GStreamer player (no sound card here: autoaudiosink falls back to a
 * fake sink that still follows the clock), and a shell script or a program
 * disguised as text is only opened after a warning, which the test refuses.
 */

#define PNG_WIDTH    64
#define PNG_HEIGHT   48
#define WAV_RATE     8000
#define WAV_SECONDS  3

/* Positions in the message's attachments (the body is not one). */
enum {
  POS_PNG,
  POS_WAV,
  POS_SCRIPT,
  POS_DISGUISED,
  POS_PDF,
};

static GBytes *
make_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, PNG_WIDTH, PNG_HEIGHT);
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
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) wav = make_wav ();
  g_autoptr(GBytes) script = g_bytes_new_static ("#!/bin/sh\necho bonjour\n", 23);
  static const guint8 elf[64] = { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1 };
  g_autoptr(GBytes) disguised = g_bytes_new_static (elf, sizeof elf);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n%%EOF\n", 15);
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
  GtkMediaStream *stream = cartable_attachment_list_get_stream (player->list, POS_WAV);

  if (stream == NULL || !gtk_media_stream_get_playing (stream))
    return FALSE;
  g_assert_null (gtk_media_stream_get_error (stream));
  return gtk_media_stream_get_timestamp (stream) > player->timestamp;
}

static gboolean
paused (gpointer user_data)
{
  GtkMediaStream *stream = cartable_attachment_list_get_stream (user_data, POS_WAV);

  return stream != NULL && !gtk_media_stream_get_playing (stream);
}

static gboolean
dialog_shown (gpointer user_data)
{
  return cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
dialog_gone (gpointer user_data)
{
  return cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL;
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

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             char            **out)
{
  g_free (*out);
  *out = g_strdup (response);
}

static void
refuse_warning_for (CartableAttachmentList *list,
                    guint                   position,
                    const char             *name,
                    const char             *screenshot)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *response = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "attachment.open", "u", position));
  g_assert_true (cartable_test_wait_for (dialog_shown, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (cartable_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  heading = g_strdup_printf ("Ouvrir « %s » ?", name);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "programme ou un script"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "open"), ==, "_Ouvrir quand même");
  if (screenshot != NULL)
    {
      cartable_test_iterate (300);
      cartable_test_save_display_screenshot (screenshot);
    }

  /* Refused (Escape or the close button give the « cancel » response):
   * nothing is written for another program to open. */
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), &response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpstr (response, ==, "cancel");
  g_assert_true (cartable_test_wait_for (dialog_gone, NULL, 5000));
  cartable_test_iterate (200);
  g_assert_cmpuint (count_cache_files ("open", name), ==, 0);
}

/* ------------------------------------------------------------ test */

static void
test_attachments (void)
{
  g_autoptr(CartableMessage) message = make_message ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  CartableAttachmentList *list = CARTABLE_ATTACHMENT_LIST (cartable_attachment_list_new ());
  Player player = { list, 0 };
  GtkWidget *picture;
  GdkTexture *texture;
  GtkMediaStream *stream;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *stale_dir = NULL;
  guint checked = 0;

  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &list);
  gtk_window_set_title (GTK_WINDOW (window), "Pièces jointes");
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (list));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scrolled);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpuint (g_list_model_get_n_items (cartable_message_get_attachments (message)), ==, POS_PDF + 1);
  cartable_attachment_list_set_message (list, message);
  g_assert_true (cartable_attachment_list_get_message (list) == message);
  g_assert_cmpuint (cartable_attachment_list_get_n_shown (list), ==, POS_PDF + 1);

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
  for (GtkWidget *w = cartable_test_find_descendant (GTK_WIDGET (list), GTK_TYPE_LIST_BOX, "boxed-list");
       w != NULL; w = NULL)
    {
      GtkWidget *label;

      for (GtkWidget *row = gtk_widget_get_first_child (w); row; row = gtk_widget_get_next_sibling (row))
        {
          label = cartable_test_find_descendant (row, GTK_TYPE_LABEL, NULL);
          g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (label)));
        }
    }
  g_test_message ("rows:\n%s", text->str);
  g_assert_nonnull (strstr (text->str, "photo.png"));
  g_assert_nonnull (strstr (text->str, "message-vocal.wav"));
  g_assert_nonnull (strstr (text->str, "installer.sh"));

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
  g_test_message ("playing at %" G_GINT64_FORMAT " µs of %" G_GINT64_FORMAT " µs",
                  gtk_media_stream_get_timestamp (stream), gtk_media_stream_get_duration (stream));
  player.timestamp = gtk_media_stream_get_timestamp (stream);
  g_assert_true (cartable_test_wait_for (playing_and_advancing, &player, 5000));
  g_assert_cmpint (gtk_media_stream_get_duration (stream), >=, (WAV_SECONDS - 1) * G_USEC_PER_SEC);
  /* Played from a private copy under its safe name. */
  g_assert_cmpuint (count_cache_files ("play", "message-vocal.wav"), ==, 1);
  g_assert_false (g_file_test (stale_dir, G_FILE_TEST_EXISTS));
  cartable_test_iterate (200);
  cartable_test_save_screenshot (window, "attachments");

  /* Every control has a name, the player's included. */
  check_accessible_names (GTK_WIDGET (list), &checked);
  g_test_message ("%u controls named", checked);
  g_assert_cmpuint (checked, >=, 12);

  /* The same action pauses. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "attachment.play", "u", POS_WAV));
  g_assert_true (cartable_test_wait_for (paused, list, 5000));

  /* Programs and scripts are opened only after a warning: refused here. */
  refuse_warning_for (list, POS_SCRIPT, "installer.sh", "attachments-warning");
  refuse_warning_for (list, POS_DISGUISED, "notes.txt", NULL);

  /* Another message: the private copy of the recording is gone. */
  cartable_attachment_list_set_message (list, NULL);
  g_assert_cmpuint (cartable_attachment_list_get_n_shown (list), ==, 0);
  g_assert_cmpuint (count_cache_files ("play", "message-vocal.wav"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  cartable_test_iterate (100);
  g_assert_null (list);
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init (&argc, &argv);
  g_mime_init ();

  g_test_add_func ("/cartable/attachments/preview-play-warn", test_attachments);

  return g_test_run ();
}

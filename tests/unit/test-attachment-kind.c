/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "mail/cartable-attachment-kind.h"
#include "cartable-test.h"

static void
test_kind (void)
{
  g_assert_cmpint (cartable_attachment_kind_from ("image/png", "photo.png"), ==, CARTABLE_ATTACHMENT_KIND_IMAGE);
  g_assert_cmpint (cartable_attachment_kind_from ("IMAGE/JPEG; name=x.jpg", NULL), ==, CARTABLE_ATTACHMENT_KIND_IMAGE);
  g_assert_cmpint (cartable_attachment_kind_from ("image/webp", "a"), ==, CARTABLE_ATTACHMENT_KIND_IMAGE);
  g_assert_cmpint (cartable_attachment_kind_from ("image/gif", "a.gif"), ==, CARTABLE_ATTACHMENT_KIND_IMAGE);
  /* SVG can reference other files: never previewed. */
  g_assert_cmpint (cartable_attachment_kind_from ("image/svg+xml", "logo.svg"), ==, CARTABLE_ATTACHMENT_KIND_OTHER);
  g_assert_cmpint (cartable_attachment_kind_from ("audio/wav", "message-vocal.wav"), ==, CARTABLE_ATTACHMENT_KIND_AUDIO);
  g_assert_cmpint (cartable_attachment_kind_from ("audio/ogg", NULL), ==, CARTABLE_ATTACHMENT_KIND_AUDIO);
  g_assert_cmpint (cartable_attachment_kind_from ("audio/mp4", "note.m4a"), ==, CARTABLE_ATTACHMENT_KIND_AUDIO);
  g_assert_cmpint (cartable_attachment_kind_from ("audio/opus", "note.opus"), ==, CARTABLE_ATTACHMENT_KIND_AUDIO);
  /* Generic types: the extension decides. */
  g_assert_cmpint (cartable_attachment_kind_from ("application/octet-stream", "note.M4A"), ==, CARTABLE_ATTACHMENT_KIND_AUDIO);
  g_assert_cmpint (cartable_attachment_kind_from ("application/octet-stream", "scan.JPG"), ==, CARTABLE_ATTACHMENT_KIND_IMAGE);
  g_assert_cmpint (cartable_attachment_kind_from (NULL, "voice.mp3"), ==, CARTABLE_ATTACHMENT_KIND_AUDIO);
  g_assert_cmpint (cartable_attachment_kind_from (NULL, NULL), ==, CARTABLE_ATTACHMENT_KIND_OTHER);
  /* A precise type is believed over the name. */
  g_assert_cmpint (cartable_attachment_kind_from ("application/pdf", "photo.png"), ==, CARTABLE_ATTACHMENT_KIND_OTHER);
  g_assert_cmpint (cartable_attachment_kind_from ("text/plain", "notes.txt"), ==, CARTABLE_ATTACHMENT_KIND_OTHER);
}

/* Voice notes as phones send them, and lists of streams that are not. */
static void
test_voice_notes (void)
{
  static const struct {
    const char *type;
    const char *name;
  } recordings[] = {
    { "audio/mp4", "Mémo vocal.m4a" },           /* iPhone, Mail */
    { "audio/x-m4a", "Nouvel enregistrement.m4a" },
    { "audio/m4a", "note.m4a" },
    { "audio/aac", "note.aac" },
    { "audio/ogg; codecs=opus", "PTT-20240312-WA0001.opus" },
    { "audio/ogg", "note.ogg" },
    { "audio/mpeg", "note.mp3" },
    { "audio/3gpp", "Voice 001.3gp" },           /* Android recorders */
    { "audio/amr", "Voice 002.amr" },
    { "AUDIO/X-WAV", "dictée.wav" },
    { "application/octet-stream", "Voice 003.3ga" },
    { "application/octet-stream", "note.AMR" },
    { NULL, "Mémo vocal.m4a" },
  };
  static const struct {
    const char *type;
    const char *name;
  } playlists[] = {
    { "audio/x-mpegurl", "radio.m3u" },
    { "audio/mpegurl", "radio.m3u8" },
    { "audio/x-scpls", "radio.pls" },
    { "audio/x-ms-asx", "radio.asx" },
    { "audio/x-pn-realaudio", "radio.ram" },
    { "audio/mpeg", "radio.m3u" },               /* a type that lies */
    { "application/octet-stream", "radio.pls" },
    { "application/vnd.apple.mpegurl", "cours.m3u8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (recordings); i++)
    {
      g_test_message ("recording: %s %s", recordings[i].type, recordings[i].name);
      g_assert_cmpint (cartable_attachment_kind_from (recordings[i].type, recordings[i].name), ==,
                       CARTABLE_ATTACHMENT_KIND_AUDIO);
      g_assert_false (cartable_attachment_kind_is_executable (recordings[i].type, recordings[i].name));
      g_assert_cmpstr (cartable_attachment_kind_icon_name (recordings[i].type, recordings[i].name), ==,
                       "audio-x-generic-symbolic");
    }
  for (guint i = 0; i < G_N_ELEMENTS (playlists); i++)
    {
      g_test_message ("playlist: %s %s", playlists[i].type, playlists[i].name);
      g_assert_cmpint (cartable_attachment_kind_from (playlists[i].type, playlists[i].name), ==,
                       CARTABLE_ATTACHMENT_KIND_OTHER);
    }
  /* A video is not played in the list, even a phone's. */
  g_assert_cmpint (cartable_attachment_kind_from ("video/3gpp", "video.3gp"), ==, CARTABLE_ATTACHMENT_KIND_OTHER);
  g_assert_cmpint (cartable_attachment_kind_from ("video/mp4", "film.mp4"), ==, CARTABLE_ATTACHMENT_KIND_OTHER);
}

/* What is handed to GStreamer, which goes by the bytes: recordings yes,
 * playlists (text listing addresses to fetch) never, whatever their name. */
static void
test_playable_content (void)
{
  static const char * const playlists[] = {
    "#EXTM3U\n#EXTINF:-1,Radio\nhttp://127.0.0.1:8080/flux.mp3\n",
    "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttps://example.org/seg0.ts\n",
    "[playlist]\nFile1=http://example.org/flux\nNumberOfEntries=1\n",
    "<asx version=\"3.0\"><entry><ref href=\"http://example.org/flux\"/></entry></asx>\n",
    "<?xml version=\"1.0\"?>\n<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\"><trackList><track>"
    "<location>http://example.org/a.mp3</location></track></trackList></playlist>\n",
    "<smil><body><audio src=\"http://example.org/a.mp3\"/></body></smil>\n",
    "http://example.org/a.mp3\n",
    "rtsp://example.org/flux\n",
  };
  static const guint8 wav[] = { 'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ',
                                16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0,
                                'd', 'a', 't', 'a', 0, 0, 0, 0 };
  static const guint8 ogg[] = { 'O', 'g', 'g', 'S', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0, 0, 0, 0,
                                0, 0, 0, 0, 0, 1, 0x13, 'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, 1 };
  static const guint8 mp3[] = { 'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0 };
  g_autofree char *m4a_path = g_test_build_filename (G_TEST_DIST, "data", "media", "message-vocal.m4a", NULL);
  g_autofree char *m4a = NULL;
  gsize m4a_length = 0;

  for (guint i = 0; i < G_N_ELEMENTS (playlists); i++)
    {
      g_test_message ("playlist: %s", playlists[i]);
      g_assert_false (cartable_attachment_kind_is_playable_content ((const guint8 *) playlists[i],
                                                                    strlen (playlists[i])));
    }
  g_assert_false (cartable_attachment_kind_is_playable_content (NULL, 0));
  g_assert_false (cartable_attachment_kind_is_playable_content ((const guint8 *) "", 0));

  g_assert_true (cartable_attachment_kind_is_playable_content (wav, sizeof wav));
  g_assert_true (cartable_attachment_kind_is_playable_content (ogg, sizeof ogg));
  g_assert_true (cartable_attachment_kind_is_playable_content (mp3, sizeof mp3));
  g_assert_true (g_file_get_contents (m4a_path, &m4a, &m4a_length, NULL));
  g_assert_true (cartable_attachment_kind_is_playable_content ((const guint8 *) m4a, m4a_length));
}

/* GStreamer's errors, as GTK's media stream hands them over, become
 * sentences in French saying what to do. */
static void
test_media_problem (void)
{
  GQuark core = g_quark_from_static_string ("gst-core-error-quark");
  GQuark stream = g_quark_from_static_string ("gst-stream-error-quark");
  GQuark resource = g_quark_from_static_string ("gst-resource-error-quark");
  g_autoptr(GError) missing_plugin = g_error_new_literal (core, 12, "Your GStreamer installation is missing a plug-in.");
  g_autoptr(GError) codec = g_error_new_literal (stream, 6, "No decoder available for type 'audio/mpeg'.");
  g_autoptr(GError) decode = g_error_new_literal (stream, 7, "Could not decode stream.");
  g_autoptr(GError) type = g_error_new_literal (stream, 4, "Could not determine type of stream.");
  g_autoptr(GError) read = g_error_new_literal (resource, 3, "Could not open resource for reading.");
  g_autoptr(GError) other = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_FAILED, "?");
  const char *format_sentence = cartable_attachment_kind_media_problem (missing_plugin);

  g_assert_cmpstr (format_sentence, ==,
                   "Cet enregistrement est dans un format que cet ordinateur ne sait pas encore lire. "
                   "Enregistrez-le pour l’écouter avec un autre programme, ou demandez à l’assistance "
                   "informatique de votre établissement d’installer les codecs audio (gstreamer1.0-libav).");
  g_assert_cmpstr (cartable_attachment_kind_media_problem (codec), ==, format_sentence);
  g_assert_nonnull (strstr (cartable_attachment_kind_media_problem (decode), "abîmé"));
  g_assert_nonnull (strstr (cartable_attachment_kind_media_problem (type), "abîmé"));
  g_assert_nonnull (strstr (cartable_attachment_kind_media_problem (read), "copie"));
  g_assert_nonnull (strstr (cartable_attachment_kind_media_problem (other), "Enregistrez-le"));
  /* As GTK 4.8 hands them over: GstPlayer's domain and one code, the
   * element's path, GStreamer's sentence in the user's language, then its
   * debug text (seen with an AAC note and no AAC decoder, with random bytes
   * named .m4a, and with an MP4 whose boxes were overwritten). */
  {
    GQuark player = g_quark_from_static_string ("gst-play-error-quark");
    g_autoptr(GError) wrapped_missing = g_error_new_literal (
      player, 0,
      "Error from element /GstPlayBin:playbin/GstURIDecodeBin:uridecodebin0: Il manque un greffon dans "
      "votre installation de GStreamer.\n../gst/playback/gsturidecodebin.c(1049): no_more_pads_full (): "
      "/GstPlayBin:playbin/GstURIDecodeBin:uridecodebin0:\nno suitable plugins found:\nMissing decoder: "
      "MPEG-4 AAC (audio/mpeg, mpegversion=(int)4)\n");
    g_autoptr(GError) wrapped_garbage = g_error_new_literal (
      player, 0,
      "Error from element /GstPlayBin:playbin/GstURIDecodeBin:uridecodebin0/GstDecodeBin:decodebin0/"
      "GstTypeFindElement:typefind: Impossible de déterminer le type du flux.\n"
      "../plugins/elements/gsttypefindelement.c(1186): gst_type_find_element_loop ()");
    g_autoptr(GError) wrapped_broken = g_error_new_literal (
      player, 0,
      "Error from element /GstPlayBin:playbin/GstURIDecodeBin:uridecodebin0/GstDecodeBin:decodebin0/"
      "GstQTDemux:qtdemux0: Ce fichier ne contient aucun flux exploitable.\n"
      "../gst/isomp4/qtdemux.c(509): gst_qtdemux_post_no_playable_stream_error (): no known streams found");

    g_assert_cmpstr (cartable_attachment_kind_media_problem (wrapped_missing), ==, format_sentence);
    g_assert_nonnull (strstr (cartable_attachment_kind_media_problem (wrapped_garbage), "abîmé"));
    g_assert_nonnull (strstr (cartable_attachment_kind_media_problem (wrapped_broken), "abîmé"));
  }
  /* Never GStreamer's English. */
  g_assert_null (strstr (cartable_attachment_kind_media_problem (codec), "decoder"));
}

static void
test_executable_by_extension (void)
{
  const char *risky[] = {
    "install.sh", "lanceur.desktop", "facture.pdf.exe", "FACTURE.EXE", "setup.msi", "macro.vbs", "run.bat",
    "run.cmd", "script.ps1", "app.jar", "appli.apk", "outil.py", "page.js", "raccourci.lnk", "x.scr",
    "paquet.deb", "logiciel.AppImage", "trailing.exe.", "trailing.exe  ", "dir/evil.sh", "dir\\evil.bat",
    NULL
  };
  const char *harmless[] = {
    "cours.pdf", "photo.png", "notes.txt", "tableur.ods", "rapport.docx", "archive.zip", "sh", "exe",
    "shell.sh.txt", ".bashrc-notes", NULL
  };

  for (guint i = 0; risky[i] != NULL; i++)
    {
      g_test_message ("risky: %s", risky[i]);
      g_assert_true (cartable_attachment_kind_is_executable ("application/octet-stream", risky[i]));
      /* Whatever the type claims. */
      g_assert_true (cartable_attachment_kind_is_executable ("application/pdf", risky[i]));
    }
  for (guint i = 0; harmless[i] != NULL; i++)
    {
      g_test_message ("harmless: %s", harmless[i]);
      g_assert_false (cartable_attachment_kind_is_executable ("application/octet-stream", harmless[i]));
    }
}

static void
test_executable_by_type (void)
{
  const char *risky[] = {
    "application/x-executable", "application/x-msdownload", "application/x-ms-dos-executable",
    "application/x-desktop", "application/x-shellscript", "text/x-sh", "application/javascript",
    "text/javascript", "application/java-archive", "application/vnd.android.package-archive",
    "text/x-python", "application/x-msi", "application/x-pie-executable", "application/x-sharedlib",
    "APPLICATION/X-SHELLSCRIPT; charset=utf-8", "application/x-vbscript", "text/x-script.perl", NULL
  };
  const char *harmless[] = {
    "application/pdf", "image/png", "text/plain", "text/html", "audio/wav", "application/zip",
    "application/postscript", "application/vnd.oasis.opendocument.text", NULL
  };

  for (guint i = 0; risky[i] != NULL; i++)
    {
      g_test_message ("risky: %s", risky[i]);
      /* Whatever the name claims. */
      g_assert_true (cartable_attachment_kind_is_executable (risky[i], "photo.png"));
      g_assert_true (cartable_attachment_kind_is_executable (risky[i], NULL));
    }
  for (guint i = 0; harmless[i] != NULL; i++)
    {
      g_test_message ("harmless: %s", harmless[i]);
      g_assert_false (cartable_attachment_kind_is_executable (harmless[i], "document"));
    }
  g_assert_false (cartable_attachment_kind_is_executable (NULL, NULL));
}

static void
test_sniff (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0x01, 0x40, 0, 0, 0, 0xF0, 8, 6, 0, 0, 0
  };
  static const guint8 gif[] = { 'G', 'I', 'F', '8', '9', 'a', 0x10, 0x00, 0x20, 0x00, 0 };
  /* SOI, an APP0 segment, then SOF0 with height 480 and width 640. */
  static const guint8 jpeg[] = {
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03
  };
  static const guint8 webp_lossless[] = {
    'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0, 0, 0, 0,
    0x2F, 0x63, 0x40, 0x1F, 0x00, 0, 0, 0, 0, 0
  };
  static const char svg[] = "<svg xmlns='http://www.w3.org/2000/svg'><image href='http://x/'/></svg>";
  guint width = 0, height = 0;

  g_assert_cmpstr (cartable_attachment_kind_sniff_image (png, sizeof png, &width, &height), ==, "image/png");
  g_assert_cmpuint (width, ==, 320);
  g_assert_cmpuint (height, ==, 240);
  g_assert_cmpstr (cartable_attachment_kind_sniff_image (gif, sizeof gif, &width, &height), ==, "image/gif");
  g_assert_cmpuint (width, ==, 16);
  g_assert_cmpuint (height, ==, 32);
  g_assert_cmpstr (cartable_attachment_kind_sniff_image (jpeg, sizeof jpeg, &width, &height), ==, "image/jpeg");
  g_assert_cmpuint (width, ==, 640);
  g_assert_cmpuint (height, ==, 480);
  g_assert_cmpstr (cartable_attachment_kind_sniff_image (webp_lossless, sizeof webp_lossless, &width, &height), ==,
                   "image/webp");
  g_assert_cmpuint (width, ==, 100);
  g_assert_cmpuint (height, ==, 126);
  /* Not decoded: vector images, truncated headers, nothing. */
  g_assert_null (cartable_attachment_kind_sniff_image ((const guint8 *) svg, strlen (svg), &width, &height));
  g_assert_null (cartable_attachment_kind_sniff_image (png, 20, &width, &height));
  g_assert_null (cartable_attachment_kind_sniff_image (jpeg, 8, &width, &height));
  g_assert_null (cartable_attachment_kind_sniff_image (NULL, 0, &width, &height));
}

static void
test_icons (void)
{
  g_assert_cmpstr (cartable_attachment_kind_icon_name ("application/x-shellscript", "a.sh"), ==,
                   "application-x-executable-symbolic");
  g_assert_cmpstr (cartable_attachment_kind_icon_name ("image/png", "a.png"), ==, "image-x-generic-symbolic");
  g_assert_cmpstr (cartable_attachment_kind_icon_name ("audio/wav", "a.wav"), ==, "audio-x-generic-symbolic");
  g_assert_cmpstr (cartable_attachment_kind_icon_name ("application/pdf", "a.pdf"), ==, "x-office-document-symbolic");
  g_assert_cmpstr (cartable_attachment_kind_icon_name (NULL, NULL), ==, "mail-attachment-symbolic");
}

/* A recording's card says what it is and how long, in French. */
static void
test_recording_title (void)
{
  g_autofree char *unknown = cartable_attachment_kind_recording_title (0);
  g_autofree char *note = cartable_attachment_kind_recording_title (42 * G_USEC_PER_SEC + 900000);
  g_autofree char *long_note = cartable_attachment_kind_recording_title (G_GINT64_CONSTANT (15) * 60 * G_USEC_PER_SEC);
  g_autofree char *lecture = cartable_attachment_kind_recording_title (G_GINT64_CONSTANT (3723) * G_USEC_PER_SEC);
  g_autofree char *position = cartable_attachment_kind_format_duration (-5);

  g_assert_cmpstr (unknown, ==, "Message vocal");
  g_assert_cmpstr (note, ==, "Message vocal (0:42)");
  g_assert_cmpstr (long_note, ==, "Message vocal (15:00)");
  g_assert_cmpstr (lecture, ==, "Enregistrement (1:02:03)");
  g_assert_cmpstr (position, ==, "0:00");
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_init (&argc, &argv);

  g_test_add_func ("/cartable/attachment-kind/kind", test_kind);
  g_test_add_func ("/cartable/attachment-kind/voice-notes", test_voice_notes);
  g_test_add_func ("/cartable/attachment-kind/media-problem", test_media_problem);
  g_test_add_func ("/cartable/attachment-kind/playable-content", test_playable_content);
  g_test_add_func ("/cartable/attachment-kind/executable-by-extension", test_executable_by_extension);
  g_test_add_func ("/cartable/attachment-kind/executable-by-type", test_executable_by_type);
  g_test_add_func ("/cartable/attachment-kind/sniff-image", test_sniff);
  g_test_add_func ("/cartable/attachment-kind/icons", test_icons);
  g_test_add_func ("/cartable/attachment-kind/recording-title", test_recording_title);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mail/cartable-attachment-kind.h"

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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cartable/attachment-kind/kind", test_kind);
  g_test_add_func ("/cartable/attachment-kind/executable-by-extension", test_executable_by_extension);
  g_test_add_func ("/cartable/attachment-kind/executable-by-type", test_executable_by_type);
  g_test_add_func ("/cartable/attachment-kind/sniff-image", test_sniff);
  g_test_add_func ("/cartable/attachment-kind/icons", test_icons);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cartable-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-message");

/* ------------------------------------------------------------------ safe names */

static void
assert_safe (const char *name)
{
  g_assert_nonnull (name);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpuint (strlen (name), >, 0);
  g_assert_cmpuint (strlen (name), <=, 200);
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, '\\'));
  g_assert_cmpint (name[0], !=, '.');
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_cmpint (g_unichar_type (c), !=, G_UNICODE_FORMAT);
    }
}

CARTABLE_TEST ("safe-filename", test_safe_filename)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "compte rendu.pdf", "compte rendu.pdf" },
    { "../../etc/passwd", "passwd" },
    { "..\\..\\Windows\\System32\\evil.dll", "evil.dll" },
    { "/etc/shadow", "shadow" },
    { "C:\\boot.ini", "boot.ini" },
    { "dossier/", "attachment" },
    { "..", "attachment" },
    { ".", "attachment" },
    { "", "attachment" },
    { "   ", "attachment" },
    { ".bashrc", "bashrc" },
    { "...hidden.txt", "hidden.txt" },
    { "facture\xe2\x80\xae" "fdp.exe", "facturefdp.exe" },          /* RLO */
    { "photo\xe2\x81\xa6" "gpj.exe", "photogpj.exe" },              /* LRI */
    { "zero\xe2\x80\x8bwidth.txt", "zerowidth.txt" },               /* ZWSP */
    { "a\x01" "b\nc\td.txt", "abcd.txt" },
    { "con:aux?*.txt", "con_aux__.txt" },
    { "nom avec espaces.  ", "nom avec espaces" },
    { "rapport.pdf.", "rapport.pdf" },
    { "e\xcc\x81" "cole.pdf", "\xc3\xa9" "cole.pdf" },              /* NFC */
    { "\xef\xbb\xbf" "bom.txt", "bom.txt" },                         /* BOM is a format char */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = cartable_mail_safe_filename (cases[i].in);

      g_assert_cmpstr (safe, ==, cases[i].out);
      assert_safe (safe);
    }

  {
    g_autofree char *safe = cartable_mail_safe_filename (NULL);
    g_assert_cmpstr (safe, ==, "attachment");
  }
  {
    g_autofree char *invalid = cartable_mail_safe_filename ("\xff\xfe\x80.txt");
    assert_safe (invalid);
    g_assert_true (g_str_has_suffix (invalid, ".txt"));
  }
  {
    g_autofree char *long_name = g_strnfill (300, 'a');
    g_autofree char *with_ext = g_strconcat (long_name, ".pdf", NULL);
    g_autofree char *safe = cartable_mail_safe_filename (with_ext);

    assert_safe (safe);
    g_assert_true (g_str_has_suffix (safe, ".pdf"));
  }
  {
    GString *s = g_string_new (NULL);
    g_autofree char *safe = NULL;

    for (int i = 0; i < 150; i++)
      g_string_append (s, "\xc3\xa9");
    g_string_append (s, ".txt");
    safe = cartable_mail_safe_filename (s->str);
    assert_safe (safe);
    g_assert_true (g_str_has_suffix (safe, ".txt"));
    g_string_free (s, TRUE);
  }
}

CARTABLE_TEST ("numbered-filename", test_numbered_filename)
{
  const struct
  {
    const char *name;
    guint       number;
    const char *numbered;
  } cases[] = {
    { "rapport.pdf", 1, "rapport.pdf" },
    { "rapport.pdf", 2, "rapport (2).pdf" },
    { "LISEZMOI", 3, "LISEZMOI (3)" },
    { "archive.tar.gz", 2, "archive.tar (2).gz" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *numbered = cartable_mail_numbered_filename (cases[i].name, cases[i].number);

      g_assert_cmpstr (numbered, ==, cases[i].numbered);
    }
}

CARTABLE_TEST ("save-in-directory", test_save_in_directory)
{
  g_autofree char *root = g_dir_make_tmp ("cartable-save-XXXXXX", NULL);
  g_autofree char *outside = g_build_filename (root, "outside.txt", NULL);
  g_autofree char *inner = g_build_filename (root, "inner", NULL);
  g_autofree char *link = g_build_filename (inner, "lien.txt", NULL);
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("contenu", 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GFile) third = NULL;
  g_autofree char *outside_contents = NULL;

  g_assert_cmpint (g_mkdir (inner, 0700), ==, 0);
  dir = g_file_new_for_path (inner);
  g_assert_true (g_file_set_contents (outside, "original", -1, NULL));
  g_assert_cmpint (symlink (outside, link), ==, 0);

  first = cartable_mail_save_in_directory (dir, "../../outside.txt", data, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_has_parent (first, dir));
  g_assert_cmpstr (g_file_peek_path (first) + strlen (inner), ==, "/outside.txt");

  second = cartable_mail_save_in_directory (dir, "outside.txt", data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_peek_path (second) + strlen (inner), ==, "/outside (2).txt");

  /* A planted link is neither followed nor replaced. */
  third = cartable_mail_save_in_directory (dir, "lien.txt", data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_peek_path (third) + strlen (inner), ==, "/lien (2).txt");
  g_assert_true (g_file_get_contents (outside, &outside_contents, NULL, NULL));
  g_assert_cmpstr (outside_contents, ==, "original");
}

/* ------------------------------------------------------------------ search folding */

CARTABLE_TEST ("search-normalize", test_normalize)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Élève  ÉTÉ", "eleve ete" },
    { "Œuvre", "oeuvre" },
    { "l’école", "l'ecole" },
    { "  Réunion\tdes\ndélégués ", "reunion des delegues" },
    { "ﬁchier", "fichier" },          /* ligature, NFKD */
    { "Straße", "strasse" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = cartable_mail_search_normalize (cases[i].in);

      g_assert_cmpstr (n, ==, cases[i].out);
    }

  g_assert_true (cartable_mail_search_contains ("Réunion des délégués élèves", "ELEVES"));
  g_assert_true (cartable_mail_search_contains ("ELEVE en retard", "élève"));
  g_assert_false (cartable_mail_search_contains ("Élevage de phasmes", "eleve"));
  g_assert_false (cartable_mail_search_contains (NULL, "x"));
}

/* ------------------------------------------------------------------ parsing */

static CartableMessage *
parse_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "mail", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;
  CartableMessage *message;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (contents, length);
  message = cartable_message_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static void
assert_message_sane (CartableMessage *message)
{
  GListModel *attachments = cartable_message_get_attachments (message);

  if (cartable_message_get_subject (message))
    g_assert_true (g_utf8_validate (cartable_message_get_subject (message), -1, NULL));
  if (cartable_message_get_from (message))
    g_assert_true (g_utf8_validate (cartable_message_get_from (message), -1, NULL));
  if (cartable_message_get_text_body (message))
    g_assert_true (g_utf8_validate (cartable_message_get_text_body (message), -1, NULL));
  if (cartable_message_get_html_body (message))
    g_assert_true (g_utf8_validate (cartable_message_get_html_body (message), -1, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(CartableAttachment) a = g_list_model_get_item (attachments, i);

      assert_safe (cartable_attachment_get_safe_filename (a));
      g_assert_nonnull (cartable_attachment_get_mime_type (a));
    }
}

CARTABLE_TEST ("parse-full", test_parse_full)
{
  g_autoptr(CartableMessage) message = parse_file ("reunion-cid-hostile.eml");
  GListModel *attachments = cartable_message_get_attachments (message);
  CartableAttachment *logo;
  g_autoptr(CartableAttachment) pdf = NULL;
  g_autoptr(CartableAttachment) evil = NULL;
  g_autoptr(CartableAttachment) rlo = NULL;

  assert_message_sane (message);
  g_assert_cmpstr (cartable_message_get_subject (message), ==, "Réunion des élèves");
  g_assert_nonnull (strstr (cartable_message_get_from (message), "Hélène Dupré"));
  g_assert_nonnull (strstr (cartable_message_get_to (message), "marie.durand@ac-normandie.fr"));
  g_assert_cmpstr (cartable_message_get_message_id (message), ==, "reunion-1@ac-normandie.fr");
  g_assert_cmpstr (cartable_message_get_in_reply_to (message), ==, "convocation@ac-normandie.fr");
  g_assert_nonnull (cartable_message_get_date (message));
  g_assert_cmpint (g_date_time_get_year (cartable_message_get_date (message)), ==, 2026);

  /* Latin-1 text converted, UTF-8 HTML kept. */
  g_assert_nonnull (strstr (cartable_message_get_text_body (message), "La réunion des élèves"));
  g_assert_nonnull (strstr (cartable_message_get_html_body (message), "<b>jeudi</b>"));

  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 4);

  logo = cartable_message_find_content_id (message, "cid:logo@ac");
  g_assert_nonnull (logo);
  g_assert_true (cartable_attachment_get_is_inline (logo));
  g_assert_cmpstr (cartable_attachment_get_mime_type (logo), ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (cartable_attachment_get_data (logo), NULL), 4, "\x89PNG", 4);
  g_assert_cmpuint (cartable_attachment_get_size (logo), ==, 70);

  pdf = g_list_model_get_item (attachments, 1);
  g_assert_false (cartable_attachment_get_is_inline (pdf));
  g_assert_cmpstr (cartable_attachment_get_filename (pdf), ==, "compte rendu réunion.pdf");
  g_assert_cmpstr (cartable_attachment_get_mime_type (pdf), ==, "application/pdf");
  g_assert_cmpmem (g_bytes_get_data (cartable_attachment_get_data (pdf), NULL), 8, "%PDF-1.4", 8);

  evil = g_list_model_get_item (attachments, 2);
  g_assert_cmpstr (cartable_attachment_get_filename (evil), ==, "../../../../etc/cron.d/evil");
  g_assert_cmpstr (cartable_attachment_get_safe_filename (evil), ==, "evil");

  rlo = g_list_model_get_item (attachments, 3);
  g_assert_cmpstr (cartable_attachment_get_safe_filename (rlo), ==, "facturefdp.exe");
}

CARTABLE_TEST ("parse-bad-charset", test_parse_bad_charset)
{
  g_autoptr(CartableMessage) message = parse_file ("bad-charset.eml");

  assert_message_sane (message);
  g_assert_null (cartable_message_get_date (message));
  /* Unknown charset: the bytes are read as Windows-1252. */
  g_assert_nonnull (strstr (cartable_message_get_text_body (message), "Les élèves absents"));
}

CARTABLE_TEST ("parse-broken", test_parse_broken)
{
  g_autoptr(CartableMessage) message = parse_file ("broken-mime.eml");

  assert_message_sane (message);
  g_assert_cmpstr (cartable_message_get_subject (message), ==, "MIME cassé");
}

CARTABLE_TEST ("parse-deep-and-huge", test_parse_deep_and_huge)
{
  GString *s = g_string_new ("From: a@b.c\r\nSubject: ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartableMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  const guint depth = 2000;

  /* A 1 MB subject… */
  for (guint i = 0; i < 1024 * 1024 / 8; i++)
    g_string_append (s, "Bonjour ");
  g_string_append (s, "\r\nMIME-Version: 1.0\r\n");
  /* …over 2,000 nested multiparts. */
  for (guint i = 0; i < depth; i++)
    g_string_append_printf (s, "Content-Type: multipart/mixed; boundary=\"b%u\"\r\n\r\n--b%u\r\n", i, i);
  g_string_append (s, "Content-Type: text/plain\r\n\r\nau fond\r\n");
  for (guint i = depth; i > 0; i--)
    g_string_append_printf (s, "--b%u--\r\n", i - 1);

  bytes = g_string_free_to_bytes (s);
  message = cartable_message_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  assert_message_sane (message);
  g_assert_cmpuint (strlen (cartable_message_get_subject (message)), >=, 1024 * 1024 - 16);
}

CARTABLE_TEST ("parse-mutations", test_parse_mutations)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "mail",
                                                 "reunion-cid-hostile.eml", NULL);
  g_autofree char *original = NULL;
  gsize length = 0;
  GRand *rand = g_rand_new_with_seed (20261129);

  g_assert_true (g_file_get_contents (path, &original, &length, NULL));

  for (guint round = 0; round < 500; round++)
    {
      char *copy = g_memdup2 (original, length);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(CartableMessage) message = NULL;
      guint flips = g_rand_int_range (rand, 1, 40);

      for (guint i = 0; i < flips; i++)
        copy[g_rand_int_range (rand, 0, (gint32) length)] = (char) g_rand_int_range (rand, 0, 256);

      bytes = g_bytes_new_take (copy, g_rand_int_range (rand, (gint32) length / 2, (gint32) length + 1));
      message = cartable_message_new_from_bytes (bytes, NULL);
      if (message != NULL)
        assert_message_sane (message);
    }

  g_rand_free (rand);
}

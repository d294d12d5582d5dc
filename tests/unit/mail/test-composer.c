/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "mail/cartable-composer.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("composer");

static GMimeMessage *
parse_bytes (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, size);
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

  g_assert_nonnull (message);
  return message;
}

static GMimeMessage *
parse_string (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  return parse_bytes (bytes);
}

/* Builds, serialises and parses back: what the recipient gets. */
static GMimeMessage *
round_trip (CartableComposer *composer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMimeMessage) built = cartable_composer_build (composer, &error);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (built);
  bytes = cartable_composer_serialize (built);
  return parse_bytes (bytes);
}

static const char original_text[] =
  "From: Marie Durand <marie.durand@ac-normandie.fr>\n"
  "To: Paul Martin <paul.martin@ac-normandie.fr>, moi@ac-normandie.fr\n"
  "Cc: =?utf-8?q?H=C3=A9l=C3=A8ne_Petit?= <helene.petit@ac-normandie.fr>, Paul.Martin@ac-normandie.fr\n"
  "Subject: =?utf-8?q?Sortie_scolaire_=C3=A0_Rouen?=\n"
  "Date: Tue, 3 Mar 2026 14:05:00 +0100\n"
  "Message-ID: <m2@ac-normandie.fr>\n"
  "References: <root@ac-normandie.fr> <m1@ac-normandie.fr>\n"
  "In-Reply-To: <m1@ac-normandie.fr>\n"
  "MIME-Version: 1.0\n"
  "Content-Type: multipart/mixed; boundary=\"b\"\n"
  "\n"
  "--b\n"
  "Content-Type: text/plain; charset=utf-8\n"
  "Content-Transfer-Encoding: 8bit\n"
  "\n"
  "Bonjour,\n"
  "\n"
  "> déjà cité\n"
  "Les élèves partent à 8 h.\n"
  "--b\n"
  "Content-Type: application/pdf; name=\"autorisation.pdf\"\n"
  "Content-Disposition: attachment; filename=\"autorisation.pdf\"\n"
  "Content-Transfer-Encoding: base64\n"
  "\n"
  "JVBERi0xLjQK\n"
  "--b--\n";

CARTABLE_TEST ("reply-subject", test_reply_subject)
{
  static const CartableTestTextCase cases[] = {
    { "Sortie", "RE : Sortie" },
    { "RE: Sortie", "RE : Sortie" },
    { "Re: Sortie", "RE : Sortie" },
    { "RE : Sortie", "RE : Sortie" },
    { "re:re: RE : Sortie", "RE : Sortie" },
    { "AW: Sortie", "RE : Sortie" },
    { "TR: Sortie", "RE : Sortie" },
    { "Fwd: Re: Sortie", "RE : Sortie" },
    { "Re[2]: Sortie", "RE : Sortie" },
    { "Réunion", "RE : Réunion" },
    { "Rendez-vous: mardi", "RE : Rendez-vous: mardi" },
    { "", "RE : " },
    { NULL, "RE : " },
  };

  cartable_test_assert_text_cases (cartable_composer_make_reply_subject, cases, G_N_ELEMENTS (cases));
}

CARTABLE_TEST ("forward-subject", test_forward_subject)
{
  static const CartableTestTextCase cases[] = {
    { "Sortie", "TR : Sortie" },
    { "TR: Sortie", "TR : Sortie" },
    { "TR : RE : Sortie", "TR : Sortie" },
    { "Fwd: Sortie", "TR : Sortie" },
    { "FW: Sortie", "TR : Sortie" },
    { "Trombinoscope", "TR : Trombinoscope" },
  };

  cartable_test_assert_text_cases (cartable_composer_make_forward_subject, cases, G_N_ELEMENTS (cases));
}

CARTABLE_TEST ("quote", test_quote)
{
  g_autofree char *a = cartable_composer_quote_text ("Bonjour,\n\nà demain\n");
  g_autofree char *b = cartable_composer_quote_text ("> ancien\r\nnouveau");
  g_autofree char *c = cartable_composer_quote_text ("");

  g_assert_cmpstr (a, ==, "> Bonjour,\n>\n> à demain\n");
  g_assert_cmpstr (b, ==, ">> ancien\n> nouveau\n");
  g_assert_cmpstr (c, ==, "");
}

CARTABLE_TEST ("attribution", test_attribution)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GDateTime) date = g_date_time_new (tz, 2026, 3, 3, 14, 5, 0);
  g_autofree char *line = cartable_composer_format_attribution (date, "Marie Durand");

  /* TZ is Europe/Paris in this test: 14:05 +01:00 is 14:05 local. */
  g_assert_cmpstr (line, ==, "Le mardi 3 mars 2026 à 14:05, Marie Durand a écrit :");
}

CARTABLE_TEST ("reply", test_reply)
{
  g_autoptr(GMimeMessage) original = parse_string (original_text);
  g_autoptr(CartableComposer) composer = cartable_composer_new_reply (original, "moi@ac-normandie.fr", FALSE);
  g_autofree char *to = cartable_composer_dup_recipients (composer, GMIME_ADDRESS_TYPE_TO);
  g_autofree char *cc = cartable_composer_dup_recipients (composer, GMIME_ADDRESS_TYPE_CC);
  g_autoptr(GMimeMessage) sent = NULL;
  const char *body;

  g_assert_cmpstr (to, ==, "Marie Durand <marie.durand@ac-normandie.fr>");
  g_assert_cmpstr (cc, ==, "");
  g_assert_cmpstr (cartable_composer_get_subject (composer), ==, "RE : Sortie scolaire à Rouen");
  g_assert_cmpstr (cartable_composer_get_in_reply_to (composer), ==, "<m2@ac-normandie.fr>");
  g_assert_cmpstr (cartable_composer_get_references (composer), ==,
                   "<root@ac-normandie.fr> <m1@ac-normandie.fr> <m2@ac-normandie.fr>");

  body = cartable_composer_get_body (composer);
  g_assert_true (g_str_has_prefix (body, "\n\nLe mardi 3 mars 2026 à 14:05, Marie Durand a écrit :\n"));
  g_assert_nonnull (strstr (body, "> Bonjour,\n>\n>> déjà cité\n> Les élèves partent à 8 h.\n"));
  /* The original's attachment is not sent back with a reply. */
  g_assert_cmpuint (cartable_composer_get_n_attachments (composer), ==, 0);

  cartable_composer_set_from (composer, "Moi", "moi@ac-normandie.fr");
  sent = round_trip (composer);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (sent), "In-Reply-To"), ==, "<m2@ac-normandie.fr>");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (sent), "References"), ==,
                   "<root@ac-normandie.fr> <m1@ac-normandie.fr> <m2@ac-normandie.fr>");
  g_assert_cmpstr (g_mime_message_get_subject (sent), ==, "RE : Sortie scolaire à Rouen");
}

CARTABLE_TEST ("reply-all", test_reply_all)
{
  g_autoptr(GMimeMessage) original = parse_string (original_text);
  g_autoptr(CartableComposer) composer = cartable_composer_new_reply (original, "MOI@ac-normandie.fr", TRUE);
  g_autofree char *to = cartable_composer_dup_recipients (composer, GMIME_ADDRESS_TYPE_TO);
  g_autofree char *cc = cartable_composer_dup_recipients (composer, GMIME_ADDRESS_TYPE_CC);

  g_assert_cmpstr (to, ==, "Marie Durand <marie.durand@ac-normandie.fr>");
  /* Without the account's own address, and Paul only once. */
  g_assert_cmpstr (cc, ==, "Paul Martin <paul.martin@ac-normandie.fr>, Hélène Petit <helene.petit@ac-normandie.fr>");
}

CARTABLE_TEST ("reply-to-header", test_reply_to_header)
{
  g_autoptr(GMimeMessage) original = parse_string ("From: liste@ac-normandie.fr\n"
                                                   "Reply-To: secretariat@ac-normandie.fr\n"
                                                   "To: moi@ac-normandie.fr\n"
                                                   "Subject: Info\n\ntexte\n");
  g_autoptr(CartableComposer) composer = cartable_composer_new_reply (original, "moi@ac-normandie.fr", FALSE);
  g_autofree char *to = cartable_composer_dup_recipients (composer, GMIME_ADDRESS_TYPE_TO);

  g_assert_cmpstr (to, ==, "secretariat@ac-normandie.fr");
  /* No Message-ID in the original: no threading headers. */
  g_assert_null (cartable_composer_get_in_reply_to (composer));
}

CARTABLE_TEST ("forward", test_forward)
{
  g_autoptr(GMimeMessage) original = parse_string (original_text);
  g_autoptr(CartableComposer) composer = cartable_composer_new_forward (original);
  g_autoptr(GMimeMessage) sent = NULL;
  const char *body = cartable_composer_get_body (composer);
  GMimeObject *attachment;

  g_assert_cmpstr (cartable_composer_get_subject (composer), ==, "TR : Sortie scolaire à Rouen");
  g_assert_nonnull (strstr (body, "-------- Message transféré --------\n"
                                  "Sujet : Sortie scolaire à Rouen\n"
                                  "Date : mardi 3 mars 2026 14:05\n"
                                  "De : Marie Durand <marie.durand@ac-normandie.fr>\n"));
  g_assert_nonnull (strstr (body, "À : Paul Martin <paul.martin@ac-normandie.fr>, moi@ac-normandie.fr\n"));
  g_assert_nonnull (strstr (body, "Cc : Hélène Petit <helene.petit@ac-normandie.fr>"));
  g_assert_nonnull (strstr (body, "\n\nBonjour,\n\n> déjà cité\nLes élèves partent à 8 h."));
  g_assert_null (cartable_composer_get_in_reply_to (composer));
  g_assert_cmpuint (cartable_composer_get_n_attachments (composer), ==, 1);

  cartable_composer_set_from (composer, NULL, "moi@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "jean.dupont@ac-normandie.fr");
  sent = round_trip (composer);
  g_assert_true (GMIME_IS_MULTIPART (g_mime_message_get_mime_part (sent)));
  attachment = g_mime_multipart_get_part (GMIME_MULTIPART (g_mime_message_get_mime_part (sent)), 1);
  g_assert_cmpstr (g_mime_part_get_filename (GMIME_PART (attachment)), ==, "autorisation.pdf");
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (attachment), "application", "pdf"));
}

static GBytes *
part_bytes (GMimeObject *part)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;

  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (GMIME_PART (part)), stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static GBytes *
random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int_range (0, 256);
  return g_bytes_new_take (data, size);
}

CARTABLE_TEST ("structure", test_structure)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) sent = NULL;
  static const guint8 png_header[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autoptr(GBytes) png = g_bytes_new_static (png_header, sizeof png_header);
  g_autoptr(GBytes) audio = random_bytes (100000);
  g_autoptr(GBytes) crlf = g_bytes_new_static ("a\r\nb\nc\r", 7);
  g_autoptr(GBytes) got = NULL;
  g_autofree char *html = NULL;
  GMimeObject *root, *alternative, *related, *part;
  const char *cid;

  cartable_composer_set_from (composer, "Élodie Bénard", "elodie.benard@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "Marie Durand <marie.durand@ac-normandie.fr>");
  cartable_composer_set_subject (composer, "Photos");
  cartable_composer_set_body (composer, "Voici la photo.");
  cid = cartable_composer_add_inline_image (composer, "logo.png", NULL, png);
  html = g_strdup_printf ("<p>Voici la photo.</p><img src=\"cid:%s\">", cid);
  cartable_composer_set_html_body (composer, html);
  cartable_composer_add_attachment (composer, "enregistrement.ogg", "audio/ogg", audio);
  cartable_composer_add_attachment (composer, "notes.txt", NULL, crlf);

  sent = round_trip (composer);
  root = g_mime_message_get_mime_part (sent);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (root), "multipart", "mixed"));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (root)), ==, 3);

  alternative = g_mime_multipart_get_part (GMIME_MULTIPART (root), 0);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (alternative), "multipart", "alternative"));
  part = g_mime_multipart_get_part (GMIME_MULTIPART (alternative), 0);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (part), "text", "plain"));
  related = g_mime_multipart_get_part (GMIME_MULTIPART (alternative), 1);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (related), "multipart", "related"));
  part = g_mime_multipart_get_part (GMIME_MULTIPART (related), 0);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (part), "text", "html"));
  part = g_mime_multipart_get_part (GMIME_MULTIPART (related), 1);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (part), "image", "png"));
  g_assert_cmpstr (g_mime_part_get_content_id (GMIME_PART (part)), ==, cid);
  g_assert_false (g_mime_part_is_attachment (GMIME_PART (part)));
  got = part_bytes (part);
  g_assert_true (g_bytes_equal (got, png));
  g_clear_pointer (&got, g_bytes_unref);

  part = g_mime_multipart_get_part (GMIME_MULTIPART (root), 1);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (part), "audio", "ogg"));
  g_assert_true (g_mime_part_is_attachment (GMIME_PART (part)));
  g_assert_cmpstr (g_mime_part_get_filename (GMIME_PART (part)), ==, "enregistrement.ogg");
  got = part_bytes (part);
  g_assert_true (g_bytes_equal (got, audio));
  g_clear_pointer (&got, g_bytes_unref);

  /* A text attachment keeps its exact bytes, line ends included. */
  part = g_mime_multipart_get_part (GMIME_MULTIPART (root), 2);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (part), "text", "plain"));
  g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (part)), ==, GMIME_CONTENT_ENCODING_BASE64);
  got = part_bytes (part);
  g_assert_true (g_bytes_equal (got, crlf));
}

CARTABLE_TEST ("plain-only", test_plain_only)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) sent = NULL;

  cartable_composer_set_from (composer, NULL, "moi@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_BCC, "cache@ac-normandie.fr");
  cartable_composer_set_body (composer, "court");
  sent = round_trip (composer);
  g_assert_true (GMIME_IS_TEXT_PART (g_mime_message_get_mime_part (sent)));
}

CARTABLE_TEST ("mime-types", test_mime_types)
{
  static const struct { const char *name, *type; } cases[] = {
    { "photo.png", "image/png" },
    { "photo.JPG", "image/jpeg" },
    { "son.wav", "audio/x-wav" },
    { "son.ogg", "audio/ogg" },
    { "cours.pdf", "application/pdf" },
    { "sans-extension", "application/octet-stream" },
  };
  g_autoptr(GBytes) nothing = g_bytes_new_static ("\x01\x02\x03\xff", 4);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = cartable_composer_guess_mime_type (cases[i].name, nothing);

      if (g_str_equal (cases[i].type, "audio/x-wav"))
        g_assert_true (g_str_equal (type, "audio/x-wav") || g_str_equal (type, "audio/wav") ||
                       g_str_equal (type, "audio/vnd.wave"));
      else
        g_assert_cmpstr (type, ==, cases[i].type);
    }
}

CARTABLE_TEST ("headers", test_headers)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) built = NULL;
  g_autoptr(GMimeMessage) sent = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 3, 13, 5, 0);
  InternetAddressList *list;
  g_autofree char *raw = NULL;
  const char *message_id;

  cartable_composer_set_from (composer, "Élodie Bénard", "elodie.benard@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "Marie Durand <marie.durand@ac-normandie.fr>");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_CC, "paul.martin@ac-normandie.fr, \"Hélène Petit\" <helene.petit@ac-normandie.fr>");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_BCC, "direction@ac-normandie.fr");
  cartable_composer_set_subject (composer, "Conseil de classe : élèves de 3ᵉ — ordre du jour");
  cartable_composer_set_body (composer, "Chères et chers collègues,\nvoici l’ordre du jour.\n");
  cartable_composer_set_date (composer, date);

  message_id = cartable_composer_get_message_id (composer);
  g_assert_true (g_str_has_suffix (message_id, "@ac-normandie.fr"));
  g_assert_null (strchr (message_id, '<'));

  built = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  bytes = cartable_composer_serialize (built);
  raw = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Headers are 7-bit on the wire; the text part says UTF-8. */
  for (const char *p = raw; *p != '\0' && !(p[0] == '\n' && p[1] == '\n'); p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);
  g_assert_nonnull (strstr (raw, "charset=utf-8"));
  g_assert_null (strstr (raw, "iso-8859-1"));

  sent = parse_bytes (bytes);
  g_assert_cmpstr (g_mime_message_get_message_id (sent), ==, message_id);
  g_assert_cmpstr (g_mime_message_get_subject (sent), ==, "Conseil de classe : élèves de 3ᵉ — ordre du jour");
  g_assert_true (g_date_time_equal (g_mime_message_get_date (sent), date));
  list = g_mime_message_get_from (sent);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (list, 0)), ==, "Élodie Bénard");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_cc (sent)), ==, 2);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (g_mime_message_get_cc (sent), 1)),
                   ==, "Hélène Petit");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_bcc (sent)), ==, 1);
  {
    g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (g_mime_message_get_mime_part (sent)));
    g_assert_cmpstr (text, ==, "Chères et chers collègues,\nvoici l’ordre du jour.\n");
  }

  /* The same composer keeps its Message-ID (drafts, then sending). */
  {
    g_autoptr(GMimeMessage) again = cartable_composer_build_draft (composer);
    g_assert_cmpstr (g_mime_message_get_message_id (again), ==, message_id);
  }
}

CARTABLE_TEST ("errors", test_errors)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GError) error = NULL;
  GMimeMessage *message;

  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "marie.durand@ac-normandie.fr");
  message = cartable_composer_build (composer, &error);
  g_assert_null (message);
  g_assert_error (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_NO_SENDER);
  g_clear_error (&error);

  cartable_composer_set_from (composer, NULL, "moi@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "");
  message = cartable_composer_build (composer, &error);
  g_assert_null (message);
  g_assert_error (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_NO_RECIPIENT);
  g_clear_error (&error);

  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "marie.durand");
  message = cartable_composer_build (composer, &error);
  g_assert_null (message);
  g_assert_error (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);

  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_CC, "<<<");
  message = cartable_composer_build (composer, &error);
  g_assert_null (message);
  g_assert_error (error, CARTABLE_COMPOSER_ERROR, CARTABLE_COMPOSER_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);

  /* Once corrected, the message builds. */
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "marie.durand@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_CC, NULL);
  message = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_object_unref (message);
}

static void
changed_cb (CartableComposer *composer,
            guint            *count)
{
  (*count)++;
}

CARTABLE_TEST ("changed-and-reload", test_changed_and_reload)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(CartableComposer) reloaded = NULL;
  g_autoptr(GMimeMessage) draft = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autofree char *to = NULL;
  guint count = 0;

  g_signal_connect (composer, "changed", G_CALLBACK (changed_cb), &count);
  cartable_composer_set_from (composer, "Moi", "moi@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "a@ac-normandie.fr, b@ac-normandie.fr");
  cartable_composer_set_subject (composer, "Brouillon élèves");
  cartable_composer_set_subject (composer, "Brouillon élèves");
  cartable_composer_set_body (composer, "À finir");
  cartable_composer_add_attachment (composer, "cours.pdf", NULL, data);
  g_assert_cmpuint (count, ==, 5);

  draft = cartable_composer_build_draft (composer);
  bytes = cartable_composer_serialize (draft);
  parsed = parse_bytes (bytes);
  reloaded = cartable_composer_new_from_message (parsed);
  to = cartable_composer_dup_recipients (reloaded, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpstr (to, ==, "a@ac-normandie.fr, b@ac-normandie.fr");
  g_assert_cmpstr (cartable_composer_get_subject (reloaded), ==, "Brouillon élèves");
  g_assert_cmpstr (cartable_composer_get_body (reloaded), ==, "À finir");
  g_assert_cmpstr (cartable_composer_get_from_address (reloaded), ==, "moi@ac-normandie.fr");
  g_assert_cmpstr (cartable_composer_get_message_id (reloaded), ==, cartable_composer_get_message_id (composer));
  g_assert_cmpuint (cartable_composer_get_n_attachments (reloaded), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* French, and Paris time, as the academy's users have them. */
  g_setenv ("TZ", "Europe/Paris", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  cartable_test_init (&argc, &argv);
  return cartable_test_run ();
}

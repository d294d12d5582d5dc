/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "mail/cartable-composer-format.h"
#include "mail/cartable-outbox.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("composer-format");

CARTABLE_TEST ("html-inline", test_html_inline)
{
  const char *text = "Bonjour <équipe> & tous";
  CartableComposerSpan spans[] = {
    { 0, 7, CARTABLE_COMPOSER_STYLE_BOLD, NULL },
    { 3, 7, CARTABLE_COMPOSER_STYLE_ITALIC, NULL },
    { strlen ("Bonjour <"), strlen ("Bonjour <équipe"), CARTABLE_COMPOSER_STYLE_UNDERLINE, NULL },
  };
  g_autofree char *html = cartable_composer_format_html (text, spans, G_N_ELEMENTS (spans));

  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (html, "<body><b>Bon</b><b><i>jour</i></b> &lt;<u>équipe</u>&gt; &amp; tous</body>"));
}

CARTABLE_TEST ("html-lines-and-lists", test_html_lines_and_lists)
{
  const char *text = "À faire :\n• cahier\n• stylo\nMerci\n\nMarie";
  gsize first = strlen ("À faire :\n");
  gsize last = strlen ("À faire :\n• cahier\n• stylo");
  CartableComposerSpan spans[] = {
    { first, last, CARTABLE_COMPOSER_STYLE_BULLET, NULL },
  };
  g_autofree char *html = cartable_composer_format_html (text, spans, G_N_ELEMENTS (spans));

  g_assert_nonnull (strstr (html, "<body>À faire :<ul><li>cahier</li><li>stylo</li></ul>Merci<br>\n<br>\nMarie</body>"));
}

CARTABLE_TEST ("html-links", test_html_links)
{
  const char *text = "voir le site et ici";
  CartableComposerSpan spans[] = {
    { 5, 12, CARTABLE_COMPOSER_STYLE_LINK, "https://www.ac-normandie.fr/?a=1&b=\"2\"" },
    { 16, 19, CARTABLE_COMPOSER_STYLE_LINK, "javascript:alert(1)" },
  };
  g_autofree char *html = cartable_composer_format_html (text, spans, G_N_ELEMENTS (spans));
  g_autofree char *plain = cartable_composer_format_plain_text (text, spans, G_N_ELEMENTS (spans));

  g_assert_nonnull (strstr (html, "voir <a href=\"https://www.ac-normandie.fr/?a=1&amp;b=&quot;2&quot;\">le site</a> et ici"));
  g_assert_null (strstr (html, "javascript"));
  g_assert_cmpstr (plain, ==, "voir le site <https://www.ac-normandie.fr/?a=1&b=\"2\"> et ici");

  cartable_test_assert_predicate (cartable_composer_link_is_safe,
                                  (const char *[]) { "mailto:marie.durand@ac-normandie.fr", "http://exemple.fr", NULL },
                                  (const char *[]) { "javascript:alert(1)", "file:///etc/passwd", "https://exemple.fr/a b",
                                                     "exemple.fr", "mailto:", NULL });
}

CARTABLE_TEST ("plain-text-mailto", test_plain_text_mailto)
{
  const char *text = "écrire à marie.durand@ac-normandie.fr";
  gsize start = strlen ("écrire à ");
  CartableComposerSpan spans[] = {
    { start, strlen (text), CARTABLE_COMPOSER_STYLE_LINK, "mailto:marie.durand@ac-normandie.fr" },
  };
  g_autofree char *plain = cartable_composer_format_plain_text (text, spans, G_N_ELEMENTS (spans));

  g_assert_cmpstr (plain, ==, text);
}

CARTABLE_TEST ("sizes", test_sizes)
{
  g_autofree char *a = cartable_composer_format_size (850);
  g_autofree char *b = cartable_composer_format_size (12345);
  g_autofree char *c = cartable_composer_format_size (1234567);
  g_autofree char *ok = cartable_composer_format_size_warning (7 * 1000 * 1000, 10 * 1000 * 1000);
  g_autofree char *too_big = cartable_composer_format_size_warning (8 * 1000 * 1000, 10 * 1000 * 1000);
  g_autofree char *default_limit = cartable_composer_format_size_warning (8 * 1000 * 1000, 0);
  g_autofree char *small_limit = cartable_composer_format_size_warning (100 * 1000, 100 * 1000);

  g_assert_cmpstr (a, ==, "850 octets");
  g_assert_cmpstr (b, ==, "12 ko");
  g_assert_cmpstr (c, ==, "1,2 Mo");

  /* Base64 makes 57 bytes into 78. */
  g_assert_cmpuint (cartable_composer_encoded_size (57), ==, 78);
  g_assert_cmpuint (cartable_composer_encoded_size (58), ==, 156);
  g_assert_cmpuint (cartable_composer_encoded_size (0), ==, 0);

  g_assert_null (ok);
  g_assert_nonnull (too_big);
  g_assert_nonnull (strstr (too_big, "10,0 Mo"));
  g_assert_nonnull (strstr (too_big, "10,9 Mo"));
  g_assert_nonnull (strstr (too_big, "refusé"));
  g_assert_cmpstr (default_limit, ==, too_big);
  g_assert_nonnull (small_limit);
}

CARTABLE_TEST ("send-at", test_send_at)
{
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 16, 30);
  g_autoptr(GDateTime) tomorrow = cartable_composer_tomorrow_at (now, 7, 30);
  g_autoptr(GDateTime) tonight = cartable_test_paris_time (2026, 3, 12, 18, 5);
  g_autoptr(GDateTime) later = cartable_test_paris_time (2026, 3, 20, 9, 0);
  g_autoptr(GDateTime) next_year = cartable_test_paris_time (2027, 1, 4, 8, 0);
  g_autoptr(GDateTime) new_year_eve = cartable_test_paris_time (2026, 12, 31, 22, 0);
  g_autoptr(GDateTime) new_year = cartable_composer_tomorrow_at (new_year_eve, 7, 30);
  g_autofree char *a = cartable_composer_format_send_at (tomorrow, now);
  g_autofree char *b = cartable_composer_format_send_at (tonight, now);
  g_autofree char *c = cartable_composer_format_send_at (later, now);
  g_autofree char *d = cartable_composer_format_send_at (next_year, now);
  g_autofree char *e = cartable_composer_format_send_at (new_year, new_year_eve);
  g_autofree char *saved = cartable_composer_format_draft_saved (tonight);

  g_assert_cmpint (g_date_time_get_day_of_month (tomorrow), ==, 13);
  g_assert_cmpint (g_date_time_get_hour (tomorrow), ==, 7);
  g_assert_cmpint (g_date_time_get_year (new_year), ==, 2027);
  g_assert_cmpstr (a, ==, "demain à 7 h 30");
  g_assert_cmpstr (b, ==, "aujourd’hui à 18 h 05");
  g_assert_cmpstr (c, ==, "le 20 mars à 9 h 00");
  g_assert_cmpstr (d, ==, "le 04/01/2027 à 8 h 00");
  g_assert_cmpstr (e, ==, "demain à 7 h 30");
  g_assert_cmpstr (saved, ==, "Brouillon enregistré à 18:05");
}

CARTABLE_TEST ("addresses", test_addresses)
{
  g_autofree char *bad = cartable_composer_check_addresses ("marie.durand@ac-normandie.fr, jean.martin@ac");
  g_autofree char *bad2 = cartable_composer_check_addresses ("Marie <marie.durand@ac-normandie.fr");
  g_autofree char *bad3 = cartable_composer_check_addresses ("marie durand@ac-normandie.fr");

  g_assert_null (cartable_composer_check_addresses (""));
  g_assert_null (cartable_composer_check_addresses (NULL));
  g_assert_null (cartable_composer_check_addresses ("marie.durand@ac-normandie.fr"));
  g_assert_null (cartable_composer_check_addresses (" marie.durand@ac-normandie.fr ; jean.martin@ac-normandie.fr, "));
  g_assert_null (cartable_composer_check_addresses ("\"Durand, Marie\" <marie.durand@ac-normandie.fr>, Jean <j@x.fr>"));

  g_assert_nonnull (bad);
  g_assert_nonnull (strstr (bad, "« jean.martin@ac » n’est pas une adresse valide"));
  g_assert_nonnull (bad2);
  g_assert_nonnull (bad3);
  g_assert_nonnull (cartable_composer_check_addresses ("@ac-normandie.fr"));
  g_assert_nonnull (cartable_composer_check_addresses ("a@@b.fr"));
  g_assert_nonnull (cartable_composer_check_addresses ("a@b..fr"));
}

CARTABLE_TEST ("outbox-item", test_outbox_item)
{
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 16, 30);
  g_autoptr(GDateTime) tomorrow = cartable_composer_tomorrow_at (now, 7, 30);
  g_autofree char *scheduled = cartable_composer_describe_outbox_item (CARTABLE_OUTBOX_STATE_QUEUED,
                                                                       g_date_time_to_unix (tomorrow), 0, NULL, now);
  g_autofree char *due = cartable_composer_describe_outbox_item (CARTABLE_OUTBOX_STATE_QUEUED,
                                                                 g_date_time_to_unix (now) - 1, 0, NULL, now);
  g_autofree char *retrying = cartable_composer_describe_outbox_item (CARTABLE_OUTBOX_STATE_QUEUED, 0, 3,
                                                                      "Le serveur ne répond pas.", now);
  g_autofree char *uncertain = cartable_composer_describe_outbox_item (CARTABLE_OUTBOX_STATE_UNCERTAIN, 0, 0, NULL, now);
  g_autofree char *failed = cartable_composer_describe_outbox_item (CARTABLE_OUTBOX_STATE_FAILED, 0, 0,
                                                                    "550 boîte inconnue", now);

  g_assert_cmpstr (scheduled, ==, "Part demain à 7 h 30");
  g_assert_cmpstr (due, ==, "Part dans un instant");
  g_assert_cmpstr (retrying, ==, "En attente du serveur, 3 essais : Le serveur ne répond pas.");
  g_assert_true (g_str_has_prefix (uncertain, "Ce message a peut-être déjà été envoyé"));
  g_assert_cmpstr (failed, ==, "Le serveur a refusé ce message : 550 boîte inconnue");
}

CARTABLE_TEST ("signed-body", test_signed_body)
{
  struct { const char *body; const char *signature; const char *out; } cases[] = {
    /* A new message: room to write, then the signature. */
    { "", "Marie Durand\nCollège Jean-Moulin", "\n\n-- \nMarie Durand\nCollège Jean-Moulin\n" },
    { NULL, "M. D.", "\n\n-- \nM. D.\n" },
    /* A reply: the signature above the quote. */
    { "\n\nLe 3 mars, Paul a écrit :\n> Bonjour\n", "M. D.",
      "\n\n-- \nM. D.\n\nLe 3 mars, Paul a écrit :\n> Bonjour\n" },
    /* No signature: the body as it was. */
    { "\n\n> Bonjour\n", NULL, "\n\n> Bonjour\n" },
    { "Texte", "", "Texte" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = cartable_composer_format_signed_body (cases[i].body, cases[i].signature);
      g_assert_cmpstr (body, ==, cases[i].out);
    }
}

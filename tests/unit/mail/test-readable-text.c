/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cartable-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("readable-text");

/* A message body as text for a screen reader: words in reading order,
 * links kept with their targets, nothing that runs. */

/* The text of link @index of @readable. */
static char *
dup_link_text (CartableReadableText *readable,
               guint                 index)
{
  const char *text = cartable_readable_text_get_text (readable);
  guint start, end;
  const char *from, *to;

  cartable_readable_text_get_link (readable, index, &start, &end);
  g_assert_cmpuint (start, <, end);
  g_assert_cmpuint (end, <=, g_utf8_strlen (text, -1));
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (text, end);
  return g_strndup (from, to - from);
}

CARTABLE_TEST ("paragraphs-and-entities", test_paragraphs_and_entities)
{
  g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html (
    "<!DOCTYPE html><html><head><title>Titre</title><meta charset=\"utf-8\">"
    "<style>p { color: red; }</style></head><body>"
    "<p>Bonjour&nbsp;Marie,</p>\n<p>C&apos;est   l&#233;ger &amp; <b>clair</b>&#x21;<br>"
    "Deuxi&egrave;me ligne &laquo;&#8239;ici&#8239;&raquo;</p>"
    "<!-- <p>commentaire</p> --><h2>Suite</h2><div>Fin &unknown; &#0; a&lt;b</div></body></html>");

  g_assert_cmpstr (cartable_readable_text_get_text (readable), ==,
                   "Bonjour\u00a0Marie,\n\n"
                   "C'est léger & clair!\n"
                   "Deuxième ligne «\u202fici\u202f»\n\n"
                   "Suite\n\n"
                   "Fin &unknown; &#0; a<b");
  g_assert_cmpuint (cartable_readable_text_get_n_links (readable), ==, 0);
}

CARTABLE_TEST ("scripts-dropped", test_scripts_dropped)
{
  g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html (
    "<p>Avant<script type=\"text/javascript\">document.write('<p>piège</p>')</script>"
    "<SCRIPT>alert(1)</SCRIPT> après</p><iframe src=\"https://a.fr/\">cadre</iframe>"
    "<object data=\"x.swf\">objet</object><svg><text>dessin</text></svg>"
    "<a href=\"javascript:alert(2)\">pas un lien</a> <a href=\"file:///etc/passwd\">local</a>"
    "<img src=\"https://a.fr/pixel.png\" onerror=\"alert(3)\">");
  const char *text = cartable_readable_text_get_text (readable);

  g_assert_cmpstr (text, ==, "Avant après\n\npas un lien local");
  g_assert_null (strstr (text, "alert"));
  g_assert_null (strstr (text, "piège"));
  /* Only the web and mail addresses are links. */
  g_assert_cmpuint (cartable_readable_text_get_n_links (readable), ==, 0);
}

CARTABLE_TEST ("links", test_links)
{
  g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html (
    "<p>Voir <a href=\"https://www.ac-normandie.fr/rentree?a=1&amp;b=2\">le site de l&#8217;acad&eacute;mie</a>"
    " ou <A HREF='mailto:secretariat@ac-normandie.fr'>écrire</A>.</p>"
    "<p><a href=\" https://exemple.fr/image \"><img src=\"cid:logo\"></a></p>"
    "<p><a href=https://exemple.fr/sans-guillemets>court</a></p>");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;

  g_assert_cmpstr (cartable_readable_text_get_text (readable), ==,
                   "Voir le site de l’académie ou écrire.\n\n"
                   "https://exemple.fr/image\n\n"
                   "court");
  g_assert_cmpuint (cartable_readable_text_get_n_links (readable), ==, 4);
  first = dup_link_text (readable, 0);
  g_assert_cmpstr (first, ==, "le site de l’académie");
  g_assert_cmpstr (cartable_readable_text_get_link (readable, 0, NULL, NULL), ==,
                   "https://www.ac-normandie.fr/rentree?a=1&b=2");
  second = dup_link_text (readable, 1);
  g_assert_cmpstr (second, ==, "écrire");
  g_assert_cmpstr (cartable_readable_text_get_link (readable, 1, NULL, NULL), ==,
                   "mailto:secretariat@ac-normandie.fr");
  /* A link made of an image without words is read by its address. */
  third = dup_link_text (readable, 2);
  g_assert_cmpstr (third, ==, "https://exemple.fr/image");
  fourth = dup_link_text (readable, 3);
  g_assert_cmpstr (fourth, ==, "court");
  g_assert_cmpstr (cartable_readable_text_get_link (readable, 3, NULL, NULL), ==,
                   "https://exemple.fr/sans-guillemets");
}

CARTABLE_TEST ("lists", test_lists)
{
  g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html (
    "<p>Ordre du jour :</p><ol><li>Accueil</li><li>Budget<ul><li>Sorties</li><li>Manuels</li></ul></li>"
    "<li>Questions</li></ol><ol start=\"4\"><li>Suite</li></ol><ul><li></li><li>Seul</li></ul><p>Fin</p>");

  g_assert_cmpstr (cartable_readable_text_get_text (readable), ==,
                   "Ordre du jour :\n\n"
                   "1. Accueil\n"
                   "2. Budget\n"
                   "  • Sorties\n"
                   "  • Manuels\n"
                   "3. Questions\n\n"
                   "4. Suite\n\n"
                   "• Seul\n\n"
                   "Fin");
}

CARTABLE_TEST ("quotes", test_quotes)
{
  g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html (
    "<div>Oui, d'accord.</div><div>Le 3 mars, Paul a écrit :</div>"
    "<blockquote type=\"cite\"><p>Tu viens jeudi ?</p><blockquote>Et toi ?</blockquote>"
    "<p>Réponds <a href=\"https://exemple.fr/\">ici</a></p></blockquote><p>Marie</p>");
  g_autofree char *link = NULL;

  g_assert_cmpstr (cartable_readable_text_get_text (readable), ==,
                   "Oui, d'accord.\n"
                   "Le 3 mars, Paul a écrit :\n\n"
                   "> Tu viens jeudi ?\n\n"
                   "> > Et toi ?\n\n"
                   "> Réponds ici\n\n"
                   "Marie");
  /* The quote marks do not move the links. */
  link = dup_link_text (readable, 0);
  g_assert_cmpstr (link, ==, "ici");
}

CARTABLE_TEST ("pre-and-tables", test_pre_and_tables)
{
  g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html (
    "<pre>ligne  1\n\tligne 2</pre><table><tr><th>Nom</th><th>Salle</th></tr>"
    "<tr><td>Durand</td><td>B12</td></tr></table><p>Photo : <img alt=\"Le collège\" src=\"cid:x\"></p>");

  g_assert_cmpstr (cartable_readable_text_get_text (readable), ==,
                   "ligne  1\n ligne 2\n\n"
                   "Nom Salle\n"
                   "Durand B12\n\n"
                   "Photo : Le collège");
}

CARTABLE_TEST ("broken-markup", test_broken_markup)
{
  static const char * const cases[] = {
    "<p>Sans fin <a href=\"https://exemple.fr/",
    "<p>Balise <b",
    "<script>jamais fermé",
    "<!-- jamais fermé",
    "a < b et c > d &",
    "\xff\xfe<p>octets\x80 invalides</p>",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html (cases[i]);

      g_assert_true (g_utf8_validate (cartable_readable_text_get_text (readable), -1, NULL));
    }

  {
    g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_html ("a < b et c > d &");

    g_assert_cmpstr (cartable_readable_text_get_text (readable), ==, "a < b et c > d &");
  }
}

CARTABLE_TEST ("plain-text", test_plain_text)
{
  g_autoptr(CartableReadableText) readable = cartable_readable_text_new_from_plain (
    "Bonjour,\r\n\r\nLe programme : https://exemple.fr/programme.pdf.\r\n"
    "Écrire à mailto:vie-scolaire@ac-normandie.fr ou voir (https://ac-normandie.fr/a?b=c).\r\n"
    "Pas un lien : xhttps://non.fr et https://\n\n");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_cmpstr (cartable_readable_text_get_text (readable), ==,
                   "Bonjour,\n\nLe programme : https://exemple.fr/programme.pdf.\n"
                   "Écrire à mailto:vie-scolaire@ac-normandie.fr ou voir (https://ac-normandie.fr/a?b=c).\n"
                   "Pas un lien : xhttps://non.fr et https://");
  g_assert_cmpuint (cartable_readable_text_get_n_links (readable), ==, 3);
  first = dup_link_text (readable, 0);
  g_assert_cmpstr (first, ==, "https://exemple.fr/programme.pdf");
  second = dup_link_text (readable, 1);
  g_assert_cmpstr (second, ==, "mailto:vie-scolaire@ac-normandie.fr");
  third = dup_link_text (readable, 2);
  g_assert_cmpstr (third, ==, "https://ac-normandie.fr/a?b=c");
  g_assert_cmpstr (cartable_readable_text_get_link (readable, 2, NULL, NULL), ==,
                   "https://ac-normandie.fr/a?b=c");
}

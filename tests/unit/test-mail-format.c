/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-format.h"
#include "cartable-test.h"

static void
test_date_today_yesterday_this_year (void)
{
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 16, 30);
  g_autoptr(GDateTime) today = cartable_test_paris_time (2026, 3, 12, 14, 5);
  g_autoptr(GDateTime) midnight = cartable_test_paris_time (2026, 3, 12, 0, 0);
  g_autoptr(GDateTime) yesterday = cartable_test_paris_time (2026, 3, 11, 23, 59);
  g_autoptr(GDateTime) march = cartable_test_paris_time (2026, 3, 2, 8, 0);
  g_autoptr(GDateTime) last_year = cartable_test_paris_time (2025, 12, 31, 10, 0);
  g_autofree char *a = cartable_mail_format_date (today, now);
  g_autofree char *b = cartable_mail_format_date (midnight, now);
  g_autofree char *c = cartable_mail_format_date (yesterday, now);
  g_autofree char *d = cartable_mail_format_date (march, now);
  g_autofree char *e = cartable_mail_format_date (last_year, now);

  g_assert_cmpstr (a, ==, "14:05");
  g_assert_cmpstr (b, ==, "00:00");
  g_assert_cmpstr (c, ==, "hier");
  g_assert_cmpstr (d, ==, "2 mars");
  g_assert_cmpstr (e, ==, "31/12/2025");
}

static void
test_date_other_time_zone (void)
{
  /* Sent at 23:30 UTC on the 11th: already the 12th in Paris. */
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 9, 0);
  g_autoptr(GDateTime) sent = g_date_time_new_utc (2026, 3, 11, 23, 30, 0);
  g_autofree char *text = cartable_mail_format_date (sent, now);

  g_assert_cmpstr (text, ==, "00:30");
}

static void
test_date_future_is_full (void)
{
  /* A clock far off on the sender's side: show the whole date, not "10:00". */
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 9, 0);
  g_autoptr(GDateTime) future = cartable_test_paris_time (2026, 8, 1, 10, 0);
  g_autofree char *text = cartable_mail_format_date (future, now);

  g_assert_cmpstr (text, ==, "01/08/2026");
}

static void
test_full_date (void)
{
  /* A day of one digit: one space before it, not the two of strftime's %e. */
  g_autoptr(GDateTime) sunday = cartable_test_paris_time (2026, 11, 8, 9, 5);
  g_autoptr(GDateTime) friday = cartable_test_paris_time (2026, 3, 13, 14, 5);
  g_autofree char *a = cartable_mail_format_full_date (sunday);
  g_autofree char *b = cartable_mail_format_full_date (friday);
  g_autofree char *c = cartable_mail_format_full_date (NULL);

  g_assert_cmpstr (a, ==, "dimanche 8 novembre 2026, 09:05");
  g_assert_cmpstr (b, ==, "vendredi 13 mars 2026, 14:05");
  g_assert_cmpstr (c, ==, "(sans date)");
}

static void
test_text_escaped_and_linked (void)
{
  g_autofree char *html = cartable_mail_format_text_as_html (
    "Voir https://www.ac-normandie.fr/a?b=1&c=2. <script>x</script> mailto:vie.scolaire@ac-normandie.fr,"
    " et javascript:alert(1) ou http://");

  g_assert_nonnull (strstr (html, "<a href=\"https://www.ac-normandie.fr/a?b=1&amp;c=2\">"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;x&lt;/script&gt;"));
  g_assert_null (strstr (html, "<script>"));
  g_assert_nonnull (strstr (html, "<a href=\"mailto:vie.scolaire@ac-normandie.fr\">"));
  /* Only web and mail addresses become links. */
  g_assert_null (strstr (html, "href=\"javascript"));
  /* A bare scheme is not a link. */
  g_assert_null (strstr (html, "href=\"http://\""));
  /* Punctuation after an address stays outside it. */
  g_assert_nonnull (strstr (html, "c=2</a>."));
}

static void
test_text_quotes_cannot_break_out (void)
{
  g_autofree char *html = cartable_mail_format_text_as_html ("https://a.fr/\"onmouseover=\"x");

  g_assert_null (strstr (html, "\"onmouseover"));
}

/* How many times @needle occurs in @haystack. */
static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

static void
test_text_short_quote (void)
{
  g_autofree char *html = cartable_mail_format_text_as_html ("Bonjour,\n"
                                                             "Le 3 mars, Paul a écrit :\n"
                                                             "> La réunion est jeudi.\n"
                                                             ">\n"
                                                             "> Paul\n"
                                                             "D'accord.");

  /* Three quoted lines: a quote, open, without its ">"; the text around
   * stays text, with no line break next to the quote's box. */
  g_assert_cmpuint (count (html, "<blockquote type=\"cite\">"), ==, 1);
  g_assert_null (strstr (html, "<details"));
  g_assert_nonnull (strstr (html, "Paul a écrit :<blockquote type=\"cite\">La réunion est jeudi.\n\nPaul</blockquote>D&apos;accord."));
  g_assert_null (strstr (html, "&gt;"));
}

static void
test_text_long_quote_folded (void)
{
  g_autofree char *html = cartable_mail_format_text_as_html ("Merci !\n"
                                                             "> un\n> deux\n> trois\n> quatre\n> cinq");

  g_assert_nonnull (strstr (html, "Merci !<details class=\"quote\"><summary>"));
  /* Closed until opened: no "open" attribute. */
  g_assert_null (strstr (html, "<details class=\"quote\" open"));
  g_assert_nonnull (strstr (html, "Afficher la citation (5 lignes)"));
  g_assert_nonnull (strstr (html, "Masquer la citation"));
  g_assert_nonnull (strstr (html, "<blockquote type=\"cite\">un\ndeux\ntrois\nquatre\ncinq</blockquote></details>"));
  /* Shown or hidden by the style alone: the view runs no script. */
  g_assert_nonnull (strstr (html, "details:not([open]) > summary .hide"));
}

static void
test_text_nested_quotes (void)
{
  g_autofree char *html = cartable_mail_format_text_as_html ("Oui.\n"
                                                             "> Et pour jeudi ?\n"
                                                             "> > Réunion mardi.\n"
                                                             ">> Salle 12.\n"
                                                             "> > > Qui vient ?\n"
                                                             "> Merci");

  /* Five quoted lines: folded, with a quote of depth 2 and one of depth 3
   * inside, which are not folded again. */
  g_assert_cmpuint (count (html, "<details"), ==, 1);
  g_assert_cmpuint (count (html, "<blockquote"), ==, 3);
  g_assert_nonnull (strstr (html, "<blockquote type=\"cite\">Et pour jeudi ?<blockquote type=\"cite\">"
                                  "Réunion mardi.\nSalle 12.<blockquote type=\"cite\">Qui vient ?"
                                  "</blockquote></blockquote>Merci</blockquote></details>"));
}

static void
test_text_quote_escaped (void)
{
  g_autofree char *html = cartable_mail_format_text_as_html ("> <script>alert(1)</script>\n"
                                                             "> </blockquote><img src=x onerror=y>\n"
                                                             "> voir https://a.fr/x?a=1&b=2.\n"
                                                             "&gt; pas une citation");

  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_cmpuint (count (html, "</blockquote>"), ==, 1);
  g_assert_nonnull (strstr (html, "&lt;/blockquote&gt;"));
  g_assert_nonnull (strstr (html, "<a href=\"https://a.fr/x?a=1&amp;b=2\">"));
  /* An escaped ">" in the text is text. */
  g_assert_nonnull (strstr (html, "</blockquote>&amp;gt; pas une citation"));
}

static void
test_html_cite_folded (void)
{
  g_autofree char *thunderbird = cartable_mail_format_fold_html_quotes (
    "<p>Oui.</p><div>Le 3 mars, Paul a écrit :</div>"
    "<BLOCKQUOTE TYPE=\"cite\">Jeudi ?<blockquote type=cite>Mardi.</blockquote></BLOCKQUOTE><p>Fin</p>");
  g_autofree char *gmail = cartable_mail_format_fold_html_quotes (
    "<div dir=\"ltr\">Oui</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">Paul a écrit :</div>"
    "<blockquote class=\"gmail_quote\" style=\"margin:0\">Jeudi ?</blockquote></div>");
  g_autofree char *outlook = cartable_mail_format_fold_html_quotes (
    "<html><body><div>Oui</div><hr><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>De :</b> Paul</div>"
    "<div>Jeudi ?</div></body></html>");
  g_autofree char *plain = cartable_mail_format_fold_html_quotes ("<blockquote>Un poème</blockquote>");
  g_autofree char *unclosed = cartable_mail_format_fold_html_quotes ("<blockquote type=\"cite\">Jeudi ?");

  /* The outer quote folded whole, the inner one left inside it. */
  g_assert_nonnull (strstr (thunderbird, "écrit :</div><details class=\"cartable-quote\"><summary>"));
  g_assert_nonnull (strstr (thunderbird, "Mardi.</blockquote></BLOCKQUOTE></details><p>Fin</p>"));
  g_assert_cmpuint (count (thunderbird, "<details"), ==, 1);
  g_assert_nonnull (strstr (thunderbird, "Afficher la citation"));

  g_assert_nonnull (strstr (gmail, "</div><details class=\"cartable-quote\"><summary>"));
  g_assert_nonnull (strstr (gmail, "Jeudi ?</blockquote></details></div>"));

  g_assert_nonnull (strstr (outlook, "<hr><details class=\"cartable-quote\"><summary>"));
  g_assert_nonnull (strstr (outlook, "<div>Jeudi ?</div></details></body></html>"));

  /* A blockquote that quotes no message, or one never closed: unchanged. */
  g_assert_cmpstr (plain, ==, "<blockquote>Un poème</blockquote>");
  g_assert_cmpstr (unclosed, ==, "<blockquote type=\"cite\">Jeudi ?");
}

static void
test_snippet (void)
{
  g_autofree char *a = cartable_mail_format_snippet ("Bonjour Marie,\r\n\n  la  sortie\test confirmée.\n"
                                                     "> Et la sortie ?\n-- \nPaul Martin", 200);
  g_autofree char *b = cartable_mail_format_snippet ("Une phrase assez longue pour être coupée", 20);
  g_autofree char *c = cartable_mail_format_snippet (NULL, 20);
  g_autofree char *d = cartable_mail_format_snippet ("> tout est cité", 20);

  /* No quote, no signature, one space between words and lines. */
  g_assert_cmpstr (a, ==, "Bonjour Marie, la sortie est confirmée.");
  /* Cut at a word. */
  g_assert_cmpstr (b, ==, "Une phrase assez…");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "");
}

static void
test_html_to_text (void)
{
  g_autofree char *text = cartable_mail_format_html_to_text (
    "<html><head><title>Titre</title><style>p { color: red; }</style></head><body>"
    "<p>Bonjour&nbsp;Marie,</p><p>C&apos;est l&#233;ger &amp; <b>clair</b>&#x21;</p>"
    "<script>alert(1)</script><blockquote type=\"cite\">cité<blockquote>encore</blockquote>aussi</blockquote>"
    "<p>Fin &unknown; &#0;</p></body></html>");
  g_autofree char *snippet = cartable_mail_format_snippet (text, 200);

  g_assert_cmpstr (snippet, ==, "Bonjour Marie, C'est léger & clair ! Fin &unknown; &#0;");
  g_assert_null (strstr (text, "Titre"));
  g_assert_null (strstr (text, "color"));
  g_assert_null (strstr (text, "alert"));
  g_assert_null (strstr (text, "cité"));
  g_assert_null (strstr (text, "aussi"));
}

static void
test_remote_content_detection (void)
{
  g_assert_true (cartable_mail_html_has_remote_content ("<img src=\"https://a.fr/x.png\">"));
  g_assert_true (cartable_mail_html_has_remote_content ("<IMG SRC='HTTP://a.fr/x.png'>"));
  g_assert_true (cartable_mail_html_has_remote_content ("<img src=//a.fr/x.png>"));
  g_assert_true (cartable_mail_html_has_remote_content ("<div style=\"background:url( 'http://a.fr/b' )\">"));
  g_assert_true (cartable_mail_html_has_remote_content ("<style>@import \"https://a.fr/c.css\";</style>"));
  g_assert_true (cartable_mail_html_has_remote_content ("<link rel=stylesheet href=\"https://a.fr/c.css\">"));
  g_assert_true (cartable_mail_html_has_remote_content ("<img srcset=\"https://a.fr/1.png 1x\">"));

  g_assert_false (cartable_mail_html_has_remote_content ("<a href=\"https://a.fr/\">lien</a>"));
  g_assert_false (cartable_mail_html_has_remote_content ("<img src=\"cid:logo@a\">"));
  g_assert_false (cartable_mail_html_has_remote_content ("<p>https://a.fr/ en texte</p>"));
}

static void
test_wrap_puts_policy_first (void)
{
  g_autofree char *blocked = cartable_mail_wrap_html ("<html><head><meta http-equiv=\"Content-Security-Policy\" "
                                                      "content=\"default-src *\"></head></html>", FALSE, FALSE);
  g_autofree char *allowed = cartable_mail_wrap_html ("<p>x</p>", TRUE, FALSE);

  /* Ours comes first; a second policy can only restrict further. */
  g_assert_true (g_str_has_prefix (blocked, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
  g_assert_null (strstr (blocked, "http:"));
  g_assert_nonnull (strstr (allowed, "img-src cid: data: http: https:"));
  g_assert_null (strstr (allowed, "script-src"));
  /* The body lines up with the header, away from the window's edge. */
  g_assert_nonnull (strstr (allowed, "body { margin: 10px 18px 18px 18px; }"));
  g_assert_true (strstr (allowed, "body { margin") < strstr (allowed, "<p>x</p>"));
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_init (&argc, &argv);

  g_test_add_func ("/cartable/mail-format/date-today-yesterday-this-year", test_date_today_yesterday_this_year);
  g_test_add_func ("/cartable/mail-format/date-other-time-zone", test_date_other_time_zone);
  g_test_add_func ("/cartable/mail-format/date-future-is-full", test_date_future_is_full);
  g_test_add_func ("/cartable/mail-format/full-date", test_full_date);
  g_test_add_func ("/cartable/mail-format/text-short-quote", test_text_short_quote);
  g_test_add_func ("/cartable/mail-format/text-long-quote-folded", test_text_long_quote_folded);
  g_test_add_func ("/cartable/mail-format/text-nested-quotes", test_text_nested_quotes);
  g_test_add_func ("/cartable/mail-format/text-quote-escaped", test_text_quote_escaped);
  g_test_add_func ("/cartable/mail-format/html-cite-folded", test_html_cite_folded);
  g_test_add_func ("/cartable/mail-format/snippet", test_snippet);
  g_test_add_func ("/cartable/mail-format/html-to-text", test_html_to_text);
  g_test_add_func ("/cartable/mail-format/text-escaped-and-linked", test_text_escaped_and_linked);
  g_test_add_func ("/cartable/mail-format/text-quotes-cannot-break-out", test_text_quotes_cannot_break_out);
  g_test_add_func ("/cartable/mail-format/remote-content-detection", test_remote_content_detection);
  g_test_add_func ("/cartable/mail-format/wrap-puts-policy-first", test_wrap_puts_policy_first);

  return g_test_run ();
}

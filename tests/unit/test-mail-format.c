/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-format.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-format");

CARTABLE_TEST ("date-today-yesterday-this-year", test_date_today_yesterday_this_year)
{
  const struct
  {
    int         year, month, day, hour, minute;
    const char *shown;
  } cases[] = {
    { 2026, 3, 12, 14, 5, "14:05" },
    { 2026, 3, 12, 0, 0, "00:00" },
    { 2026, 3, 11, 23, 59, "hier" },
    { 2026, 3, 2, 8, 0, "2 mars" },
    { 2025, 12, 31, 10, 0, "31/12/2025" },
  };
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 16, 30);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) date = cartable_test_paris_time (cases[i].year, cases[i].month, cases[i].day,
                                                            cases[i].hour, cases[i].minute);
      g_autofree char *shown = cartable_mail_format_date (date, now);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

CARTABLE_TEST ("date-other-time-zone", test_date_other_time_zone)
{
  /* Sent at 23:30 UTC on the 11th: already the 12th in Paris. */
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 9, 0);
  g_autoptr(GDateTime) sent = g_date_time_new_utc (2026, 3, 11, 23, 30, 0);
  g_autofree char *text = cartable_mail_format_date (sent, now);

  g_assert_cmpstr (text, ==, "00:30");
}

CARTABLE_TEST ("date-future-is-full", test_date_future_is_full)
{
  /* A clock far off on the sender's side: show the whole date, not "10:00". */
  g_autoptr(GDateTime) now = cartable_test_paris_time (2026, 3, 12, 9, 0);
  g_autoptr(GDateTime) future = cartable_test_paris_time (2026, 8, 1, 10, 0);
  g_autofree char *text = cartable_mail_format_date (future, now);

  g_assert_cmpstr (text, ==, "01/08/2026");
}

CARTABLE_TEST ("full-date", test_full_date)
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

CARTABLE_TEST ("text-escaped-and-linked", test_text_escaped_and_linked)
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

CARTABLE_TEST ("text-quotes-cannot-break-out", test_text_quotes_cannot_break_out)
{
  g_autofree char *html = cartable_mail_format_text_as_html ("https://a.fr/\"onmouseover=\"x");

  g_assert_null (strstr (html, "\"onmouseover"));
}

CARTABLE_TEST ("remote-content-detection", test_remote_content_detection)
{
  const char *remote[] = {
    "<img src=\"https://a.fr/x.png\">",
    "<IMG SRC='HTTP://a.fr/x.png'>",
    "<img src=//a.fr/x.png>",
    "<div style=\"background:url( 'http://a.fr/b' )\">",
    "<style>@import \"https://a.fr/c.css\";</style>",
    "<link rel=stylesheet href=\"https://a.fr/c.css\">",
    "<img srcset=\"https://a.fr/1.png 1x\">",
    NULL
  };
  const char *local[] = {
    "<a href=\"https://a.fr/\">lien</a>",
    "<img src=\"cid:logo@a\">",
    "<p>https://a.fr/ en texte</p>",
    NULL
  };

  cartable_test_assert_predicate (cartable_mail_html_has_remote_content, remote, local);
}

CARTABLE_TEST ("wrap-puts-policy-first", test_wrap_puts_policy_first)
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

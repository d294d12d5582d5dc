/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-mail-format.h"

/*
 * Plain functions that decide what the mail view shows. They need no
 * display, so unit tests check them directly.
 */

/**
 * cartable_mail_format_date:
 * @date: when the message was sent
 * @now: the current time, in the same time zone
 *
 * The date of a message as the message list shows it, in the French style:
 * the time for today ("14:05"), "hier" for yesterday, the day and month
 * within the year ("12 mars"), the full date otherwise ("12/03/2024").
 *
 * Returns: (transfer full): the text
 */
char *
cartable_mail_format_date (GDateTime *date,
                           GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local_now = g_date_time_to_timezone (now, g_date_time_get_timezone (now));
  local = g_date_time_to_timezone (date, g_date_time_get_timezone (now));
  today = g_date_time_new (g_date_time_get_timezone (now),
                           g_date_time_get_year (local_now),
                           g_date_time_get_month (local_now),
                           g_date_time_get_day_of_month (local_now),
                           0, 0, 0);
  yesterday = g_date_time_add_days (today, -1);

  if (g_date_time_compare (local, today) >= 0 && g_date_time_difference (local, local_now) <= G_TIME_SPAN_DAY)
    /* Translators: a message list time for today, as in "14:05". */
    return g_date_time_format (local, _("%H:%M"));

  if (g_date_time_compare (local, yesterday) >= 0 && g_date_time_compare (local, today) < 0)
    return g_strdup (_("yesterday"));

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) &&
      g_date_time_compare (local, local_now) <= 0)
    {
      static const char *months[] = {
        N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
        N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
      };
      int month = g_date_time_get_month (local);
      g_autofree char *month_name = g_utf8_strdown (_(months[month - 1]), -1);

      /* Translators: a message list date this year: day of month, then the
       * month's name, as in "12 mars". */
      return g_strdup_printf (_("%d %s"), g_date_time_get_day_of_month (local), month_name);
    }

  /* Translators: a message list date in another year, as in "12/03/2024". */
  return g_date_time_format (local, _("%d/%m/%Y"));
}

/**
 * cartable_mail_format_full_date:
 * @date: (nullable): when the message was sent, in the time zone to show
 *
 * The date of a message as its header block shows it, in full ("vendredi
 * 13 mars 2026, 14:05"), without the padding space strftime puts before a
 * day of one digit.
 *
 * Returns: (transfer full): the text, "(no date)" without a date
 */
char *
cartable_mail_format_full_date (GDateTime *date)
{
  g_autofree char *text = NULL;
  GString *out;

  if (date == NULL)
    return g_strdup (_("(no date)"));

  /* Translators: a message's full date, strftime format, e.g. "vendredi 13 mars 2026, 14:05". */
  text = g_date_time_format (date, _("%A %e %B %Y, %H:%M"));
  if (text == NULL)
    return g_strdup (_("(no date)"));

  /* GLib's %e pads a day of one digit with a figure space (U+2007), which
   * reads as a double space: "dimanche  8 novembre". One space it is. */
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == 0x2007)
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static gboolean
is_url_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) || strchr ("-._~:/?#[]@!$&'*+,;=%", (int) c) != NULL;
  return g_unichar_isalnum (c);
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (out, escaped);
}

/**
 * cartable_mail_format_text_as_html:
 * @text: the plain-text body of a message
 *
 * Turns a plain-text body into HTML for the view: every character escaped,
 * line breaks kept, and http(s) and mailto addresses made into links (a
 * trailing punctuation mark is left out of the link, as people write
 * "voir https://exemple.fr.").
 *
 * Returns: (transfer full): an HTML fragment
 */
char *
cartable_mail_format_text_as_html (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new ("<style>pre.plain { white-space: pre-wrap; overflow-wrap: anywhere; "
                      "font-family: sans-serif; font-size: 11pt; margin: 0; }</style>"
                      "<pre class=\"plain\">");
  p = text;

  while (*p != '\0')
    {
      const char *start = NULL;

      if (g_ascii_strncasecmp (p, "https://", 8) == 0 || g_ascii_strncasecmp (p, "http://", 7) == 0 ||
          g_ascii_strncasecmp (p, "mailto:", 7) == 0)
        start = p;

      if (start != NULL && (start == text || !g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (text, start)))))
        {
          const char *end = start;
          g_autofree char *url = NULL;

          while (*end != '\0' && is_url_char (g_utf8_get_char (end)))
            end = g_utf8_next_char (end);
          while (end > start && strchr (".,;:!?)]'", end[-1]) != NULL)
            end--;

          url = g_strndup (start, end - start);
          if (strlen (url) > strlen ("https://"))
            {
              g_autofree char *escaped_url = g_markup_escape_text (url, -1);

              g_string_append_printf (out, "<a href=\"%s\">%s</a>", escaped_url, escaped_url);
              p = end;
              continue;
            }
        }

      {
        const char *next = g_utf8_next_char (p);
        append_escaped (out, p, next - p);
        p = next;
      }
    }

  g_string_append (out, "</pre>");
  return g_string_free (out, FALSE);
}

/**
 * cartable_mail_html_has_remote_content:
 * @html: an HTML body
 *
 * Whether @html refers to anything on the network other than links: images,
 * style sheets, fonts, media, frames. Used only to offer the "show remote
 * content" bar; the view blocks such loads whatever this says.
 */
gboolean
cartable_mail_html_has_remote_content (const char *html)
{
  static gsize initialized = 0;
  static GRegex *regex = NULL;

  g_return_val_if_fail (html != NULL, FALSE);

  if (g_once_init_enter (&initialized))
    {
      GRegex *compiled = g_regex_new ("(?:\\b(?:src|srcset|background|poster|data|xlink:href|action)\\s*=\\s*[\"']?\\s*"
                                      "|url\\(\\s*[\"']?\\s*|@import\\s+[\"']?\\s*"
                                      "|<(?:link|image|use|feimage)\\b[^>]*\\bhref\\s*=\\s*[\"']?\\s*)"
                                      "(?:https?:)?//",
                                      G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      regex = compiled;
      g_once_init_leave (&initialized, 1);
    }

  return g_regex_match (regex, html, 0, NULL);
}

/**
 * cartable_mail_wrap_html:
 * @html: a message's HTML body, or a fragment made by
 *   cartable_mail_format_text_as_html()
 * @allow_remote: whether the user allowed remote content for this message
 * @plain_text: whether @html was made from a plain-text body, whose
 *   colours may then follow the dark style (an HTML message keeps the
 *   colours its author chose)
 *
 * Puts a Content-Security-Policy in front of the message's HTML. The meta
 * element comes first, so it applies before anything in the message is
 * parsed: no script, no frame, no object, no form target, and images,
 * fonts and media only from `cid:` and `data:` — unless the user allowed
 * remote content, which then opens images, styles, fonts and media over
 * http(s), never scripts.
 *
 * Returns: (transfer full): the document to load
 */
char *
cartable_mail_wrap_html (const char *html,
                         gboolean    allow_remote,
                         gboolean    plain_text)
{
  const char *policy;

  g_return_val_if_fail (html != NULL, NULL);

  if (allow_remote)
    policy = "default-src 'none'; img-src cid: data: http: https:; style-src 'unsafe-inline' http: https:; "
             "font-src cid: data: http: https:; media-src cid: data: http: https:; form-action 'none'; "
             "frame-src 'none'; base-uri 'none'";
  else
    policy = "default-src 'none'; img-src cid: data:; style-src 'unsafe-inline'; font-src cid: data:; "
             "media-src cid: data:; form-action 'none'; frame-src 'none'; base-uri 'none'";

  /* The text lines up with the header above it (18 px in the panes) and
   * keeps clear of the window's edge; the message's own styles come later
   * and may say otherwise. */
  return g_strdup_printf ("<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">"
                          "<meta name=\"color-scheme\" content=\"%s\">"
                          "<style>body { margin: 10px 18px 18px 18px; }</style>"
                          "%s",
                          policy, plain_text ? "light dark" : "light", html);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-mail-format.h"

/* Quotes are discreet, whatever the colours: a grey rule on their left,
 * their text a little faded; a folded one shows its summary only. */
#define QUOTE_STYLE \
  "blockquote { margin: 6px 0; padding: 0 0 0 10px; border-left: 3px solid rgba(128, 128, 128, 0.55); " \
  "opacity: 0.8; }" \
  "details.quote, details.cartable-quote { margin: 6px 0; }" \
  "details > summary { cursor: pointer; font-family: sans-serif; font-size: 10pt; opacity: 0.75; " \
  "white-space: normal; }" \
  "details[open] > summary .show, details:not([open]) > summary .hide { display: none; }"

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

/* Appends @text (@length bytes) escaped, with its http(s) and mailto
 * addresses made into links (a trailing punctuation mark is left out of the
 * link, as people write "voir https://exemple.fr."). */
static void
append_linkified (GString    *out,
                  const char *text,
                  gsize       length)
{
  const char *p = text;
  const char *limit = text + length;

  while (p < limit)
    {
      const char *start = NULL;

      gsize left = limit - p;

      if ((left >= 8 && g_ascii_strncasecmp (p, "https://", 8) == 0) ||
          (left >= 7 && (g_ascii_strncasecmp (p, "http://", 7) == 0 || g_ascii_strncasecmp (p, "mailto:", 7) == 0)))
        start = p;

      if (start != NULL && (start == text || !g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (text, start)))))
        {
          const char *end = start;
          g_autofree char *url = NULL;

          while (end < limit && is_url_char (g_utf8_get_char (end)))
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
}

/* One line of a plain-text body, without its line break. */
typedef struct
{
  const char *start;
  gsize       length;
} Line;

/* How many ">" open @line ("> > x" and ">> x" are both 2); with
 * @strip, moves @line past the first one and the space after it. */
static guint
quote_depth (Line     *line,
             gboolean  strip)
{
  const char *p = line->start;
  const char *end = line->start + line->length;
  guint depth = 0;

  while (p < end && *p == '>')
    {
      depth++;
      p++;
      if (strip)
        break;
      while (p < end && *p == ' ' && p + 1 < end && p[1] == '>')
        p++;
    }
  if (strip && depth > 0)
    {
      if (p < end && *p == ' ')
        p++;
      line->length -= p - line->start;
      line->start = p;
    }
  return depth;
}

static void append_lines (GString *out,
                          Line    *lines,
                          guint    n_lines,
                          guint    level);

/* A run of quoted lines, one ">" taken off each: a blockquote, and at
 * the top level, when it is long, inside a closed <details> whose summary
 * opens it — no script needed. */
static void
append_quote (GString *out,
              Line    *lines,
              guint    n_lines,
              guint    level)
{
  gboolean collapsible = level == 0 && n_lines > CARTABLE_MAIL_QUOTE_SHOWN_LINES;

  for (guint i = 0; i < n_lines; i++)
    quote_depth (&lines[i], TRUE);

  if (collapsible)
    {
      g_autofree char *show = NULL;
      g_autofree char *show_escaped = NULL;
      g_autofree char *hide_escaped = g_markup_escape_text (_("Hide quoted text"), -1);

      show = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show quoted text (%u line)",
                                           "Show quoted text (%u lines)", n_lines), n_lines);
      show_escaped = g_markup_escape_text (show, -1);
      g_string_append_printf (out, "<details class=\"quote\"><summary><span class=\"show\">%s</span>"
                                   "<span class=\"hide\">%s</span></summary>",
                              show_escaped, hide_escaped);
    }
  g_string_append (out, "<blockquote type=\"cite\">");
  append_lines (out, lines, n_lines, level + 1);
  g_string_append (out, "</blockquote>");
  if (collapsible)
    g_string_append (out, "</details>");
}

/* Text lines as they are, quoted runs as quotes; no line break next to a
 * quote, whose box already starts a line. */
static void
append_lines (GString *out,
              Line    *lines,
              guint    n_lines,
              guint    level)
{
  guint i = 0;

  while (i < n_lines)
    {
      guint j = i;

      if (quote_depth (&lines[i], FALSE) > 0)
        {
          while (j < n_lines && quote_depth (&lines[j], FALSE) > 0)
            j++;
          append_quote (out, lines + i, j - i, level);
        }
      else
        {
          while (j < n_lines && quote_depth (&lines[j], FALSE) == 0)
            {
              if (j > i)
                g_string_append_c (out, '\n');
              append_linkified (out, lines[j].start, lines[j].length);
              j++;
            }
        }
      i = j;
    }
}

/**
 * cartable_mail_format_text_as_html:
 * @text: the plain-text body of a message
 *
 * Turns a plain-text body into HTML for the view: every character escaped,
 * line breaks kept, http(s) and mailto addresses made into links (a
 * trailing punctuation mark is left out of the link), and the lines quoted
 * with ">" shown as quotes, nested as they are. A quote of more than
 * %CARTABLE_MAIL_QUOTE_SHOWN_LINES lines is folded under a summary that
 * opens it; the view needs no script for that.
 *
 * Returns: (transfer full): an HTML fragment
 */
char *
cartable_mail_format_text_as_html (const char *text)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  for (p = text;;)
    {
      const char *eol = strchr (p, '\n');
      Line line = { p, eol != NULL ? (gsize) (eol - p) : strlen (p) };

      if (line.length > 0 && line.start[line.length - 1] == '\r')
        line.length--;
      g_array_append_val (lines, line);
      if (eol == NULL)
        break;
      p = eol + 1;
    }

  out = g_string_new ("<style>"
                      "div.plain { white-space: pre-wrap; overflow-wrap: anywhere; "
                      "font-family: sans-serif; font-size: 11pt; margin: 0; }"
                      QUOTE_STYLE
                      "</style><div class=\"plain\">");
  append_lines (out, (Line *) lines->data, lines->len, 0);
  g_string_append (out, "</div>");
  return g_string_free (out, FALSE);
}

/* Whether the start tag at @tag (just after "<blockquote") marks a quote
 * of the message answered: Apple Mail and Thunderbird's type="cite",
 * Gmail's class="gmail_quote". */
static gboolean
is_cite_tag (const char *tag)
{
  const char *close = strchr (tag, '>');
  g_autofree char *attributes = NULL;

  if (close == NULL)
    return FALSE;
  attributes = g_ascii_strdown (tag, close - tag);
  return strstr (attributes, "type=\"cite\"") != NULL || strstr (attributes, "type=cite") != NULL ||
         strstr (attributes, "type='cite'") != NULL || strstr (attributes, "gmail_quote") != NULL;
}

static gboolean
is_tag (const char *p,
        const char *name)
{
  gsize length = strlen (name);

  return g_ascii_strncasecmp (p, name, length) == 0 &&
         (p[length] == '>' || p[length] == '/' || g_ascii_isspace (p[length]));
}

/* The "<" of the "</blockquote>" that closes the one opened at @open, or
 * NULL when the message never closes it. */
static const char *
find_blockquote_end (const char *open)
{
  guint depth = 0;

  for (const char *p = open; (p = strchr (p, '<')) != NULL; p++)
    {
      if (is_tag (p, "<blockquote"))
        depth++;
      else if (is_tag (p, "</blockquote") && --depth == 0)
        return p;
    }
  return NULL;
}

static void
append_summary_open (GString *out)
{
  g_autofree char *show = g_markup_escape_text (_("Show quoted text"), -1);
  g_autofree char *hide = g_markup_escape_text (_("Hide quoted text"), -1);

  g_string_append_printf (out, "<details class=\"cartable-quote\"><summary><span class=\"show\">%s</span>"
                               "<span class=\"hide\">%s</span></summary>",
                          show, hide);
}

/**
 * cartable_mail_format_fold_html_quotes:
 * @html: a message's HTML body
 *
 * Folds the quotes of the message answered under a closed `<details>`
 * whose summary opens them: a top-level `<blockquote type="cite">`
 * (Thunderbird, Apple Mail) or of class `gmail_quote`, and what follows
 * Outlook's `divRplyFwdMsg` reply header. Only our own fixed markup is
 * added, at tag boundaries; a quote the message never closes is left as it
 * is. Nothing of the message is removed or rewritten.
 *
 * Returns: (transfer full): the HTML to show
 */
char *
cartable_mail_format_fold_html_quotes (const char *html)
{
  GString *out;
  const char *p = html;
  const char *outlook;
  gboolean folded = FALSE;

  g_return_val_if_fail (html != NULL, NULL);

  out = g_string_sized_new (strlen (html) + 256);
  outlook = strstr (html, "id=\"divRplyFwdMsg\"");
  while (outlook != NULL && outlook > html && *outlook != '<')
    outlook--;
  if (outlook != NULL && !is_tag (outlook, "<div"))
    outlook = NULL;

  while (TRUE)
    {
      const char *found = NULL;
      const char *found_end = NULL;
      const char *after;

      for (const char *q = p; (q = strchr (q, '<')) != NULL && (outlook == NULL || q < outlook); q++)
        {
          const char *end;

          if (!is_tag (q, "<blockquote"))
            continue;
          end = find_blockquote_end (q);
          if (end == NULL)
            break;   /* never closed: the rest is left as it is */
          if (is_cite_tag (q))
            {
              found = q;
              found_end = end;
              break;
            }
          q = end;   /* a quote inside another blockquote is not on top */
        }
      if (found == NULL || (after = strchr (found_end, '>')) == NULL)
        break;
      after++;
      if (outlook != NULL && after > outlook)
        break;

      g_string_append_len (out, p, found - p);
      append_summary_open (out);
      g_string_append_len (out, found, after - found);
      g_string_append (out, "</details>");
      folded = TRUE;
      p = after;
    }

  if (outlook != NULL && outlook >= p)
    {
      const char *body_end = NULL;

      for (const char *q = outlook; (q = strchr (q, '<')) != NULL; q++)
        if (is_tag (q, "</body"))
          body_end = q;
      g_string_append_len (out, p, outlook - p);
      append_summary_open (out);
      if (body_end != NULL)
        {
          g_string_append_len (out, outlook, body_end - outlook);
          g_string_append (out, "</details>");
          g_string_append (out, body_end);
        }
      else
        {
          g_string_append (out, outlook);
          g_string_append (out, "</details>");
        }
      folded = TRUE;
    }
  else
    g_string_append (out, p);

  if (folded)
    g_string_prepend (out, "<style>" QUOTE_STYLE "</style>");
  return g_string_free (out, FALSE);
}

/**
 * cartable_mail_format_snippet:
 * @text: (nullable): the plain-text body of a message
 * @max_chars: how many characters at most
 *
 * The first words of a message, as a folded card of a conversation shows
 * them: quoted lines and the signature left out, blank space collapsed,
 * cut at a word with "…" when longer than @max_chars.
 *
 * Returns: (transfer full): the text, empty when there is none
 */
char *
cartable_mail_format_snippet (const char *text,
                              guint       max_chars)
{
  g_auto(GStrv) lines = NULL;
  GString *out;
  guint n_chars = 0;
  gboolean cut = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && !cut; i++)
    {
      const char *line = lines[i];

      if (line[0] == '>')
        continue;
      if (g_str_has_prefix (line, "-- "))
        break;
      for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isspace (c))
            continue;
          if (n_chars >= max_chars)
            {
              cut = TRUE;
              break;
            }
          /* One space between words, across lines too. */
          if (out->len > 0 && p > line && g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (line, p))))
            {
              g_string_append_c (out, ' ');
              n_chars++;
            }
          else if (out->len > 0 && p == line)
            {
              g_string_append_c (out, ' ');
              n_chars++;
            }
          g_string_append_unichar (out, c);
          n_chars++;
        }
    }

  if (cut)
    {
      /* Back to the end of the last whole word. */
      char *space = strrchr (out->str, ' ');

      if (space != NULL && space > out->str)
        g_string_truncate (out, space - out->str);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

/* The element whose content a snippet skips that starts at @p, if any:
 * what is not text (styles, scripts, the head) and quotes. */
static const char *
skipped_element (const char *p)
{
  static const char * const names[] = { "style", "script", "head", "title", "blockquote" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize length = strlen (names[i]);

      if (p[0] == '<' && g_ascii_strncasecmp (p + 1, names[i], length) == 0 &&
          (p[1 + length] == '>' || g_ascii_isspace (p[1 + length])))
        return names[i];
    }
  return NULL;
}

/* Appends the character of the entity at @p ("&amp;", "&#233;"…) and
 * returns what follows it, or NULL when @p starts no entity we know. */
static const char *
append_entity (GString    *out,
               const char *p)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", " " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_ascii_strncasecmp (p, named[i].name, strlen (named[i].name)) == 0)
      {
        g_string_append (out, named[i].text);
        return p + strlen (named[i].name);
      }

  if (p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      char *end = NULL;
      guint64 c = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

      if (end != NULL && *end == ';' && end > p + (hex ? 3 : 2) && c > 0 && g_unichar_validate ((gunichar) c))
        {
          g_string_append_unichar (out, (gunichar) c);
          return end + 1;
        }
    }
  return NULL;
}

/**
 * cartable_mail_format_html_to_text:
 * @html: a message's HTML body
 *
 * The text of @html for a snippet: tags taken out (a tag separates words),
 * styles, scripts, the head and quotes left out, common entities decoded.
 * Not for display as HTML: the result is plain text.
 *
 * Returns: (transfer full): the text
 */
char *
cartable_mail_format_html_to_text (const char *html)
{
  GString *out;
  const char *p = html;

  g_return_val_if_fail (html != NULL, NULL);

  out = g_string_sized_new (strlen (html) / 2);
  while (*p != '\0')
    {
      const char *skipped = skipped_element (p);

      if (skipped != NULL)
        {
          g_autofree char *close = g_strconcat ("</", skipped, NULL);
          const char *q = NULL;

          /* Past its end tag; a quote past the one that closes it. */
          if (g_str_equal (skipped, "blockquote"))
            q = find_blockquote_end (p);
          else
            for (q = p + 1; (q = strchr (q, '<')) != NULL && !is_tag (q, close); q++)
              ;
          if (q == NULL || (p = strchr (q, '>')) == NULL)
            break;
          p++;
          g_string_append_c (out, ' ');
        }
      else if (*p == '<')
        {
          const char *end = strchr (p, '>');

          if (end == NULL)
            break;
          g_string_append_c (out, ' ');
          p = end + 1;
        }
      else if (*p == '&')
        {
          const char *next = append_entity (out, p);

          if (next == NULL)
            g_string_append_c (out, *p++);
          else
            p = next;
        }
      else
        g_string_append_c (out, *p++);
    }

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

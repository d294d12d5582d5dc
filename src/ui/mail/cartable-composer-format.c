/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-composer-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-composer-format.h"
#include "mail/cartable-outbox.h"

/*
 * Plain functions that decide what the composer shows and sends: the HTML
 * and plain-text bodies made from the formatted text, the attachment size
 * warning, the time of a scheduled message, the address hints. They need no
 * display, so unit tests check them directly.
 */

/* ------------------------------------------------------------ bodies */

/**
 * cartable_composer_link_is_safe:
 * @href: a link target typed by the user
 *
 * Returns: whether @href may become a link: http, https or mailto only
 */
gboolean
cartable_composer_link_is_safe (const char *href)
{
  g_autofree char *scheme = NULL;

  if (href == NULL || *href == '\0')
    return FALSE;
  for (const char *p = href; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

  scheme = g_uri_parse_scheme (href);
  if (scheme == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    return strlen (href) > strlen ("mailto:");
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return g_uri_is_valid (href, G_URI_FLAGS_NONE, NULL);
  return FALSE;
}

static CartableComposerStyle
style_at (const CartableComposerSpan  *spans,
          guint                        n_spans,
          gsize                        offset,
          const char                 **href)
{
  CartableComposerStyle style = 0;

  *href = NULL;
  for (guint i = 0; i < n_spans; i++)
    if (spans[i].start <= offset && offset < spans[i].end)
      {
        CartableComposerStyle s = spans[i].style & ~CARTABLE_COMPOSER_STYLE_BULLET;

        if ((s & CARTABLE_COMPOSER_STYLE_LINK) != 0)
          {
            if (!cartable_composer_link_is_safe (spans[i].href))
              s &= ~CARTABLE_COMPOSER_STYLE_LINK;
            else
              *href = spans[i].href;
          }
        style |= s;
      }

  return style;
}

static gboolean
line_is_bullet (const CartableComposerSpan *spans,
                guint                       n_spans,
                gsize                       line_start,
                gsize                       line_end)
{
  for (guint i = 0; i < n_spans; i++)
    if ((spans[i].style & CARTABLE_COMPOSER_STYLE_BULLET) != 0 &&
        spans[i].start <= line_end && spans[i].end > line_start)
      return TRUE;
  return FALSE;
}

static void
open_style (GString               *out,
            CartableComposerStyle  style,
            const char            *href)
{
  if (style & CARTABLE_COMPOSER_STYLE_LINK)
    {
      g_autofree char *escaped = g_markup_escape_text (href, -1);
      g_string_append_printf (out, "<a href=\"%s\">", escaped);
    }
  if (style & CARTABLE_COMPOSER_STYLE_BOLD)
    g_string_append (out, "<b>");
  if (style & CARTABLE_COMPOSER_STYLE_ITALIC)
    g_string_append (out, "<i>");
  if (style & CARTABLE_COMPOSER_STYLE_UNDERLINE)
    g_string_append (out, "<u>");
}

static void
close_style (GString               *out,
             CartableComposerStyle  style)
{
  if (style & CARTABLE_COMPOSER_STYLE_UNDERLINE)
    g_string_append (out, "</u>");
  if (style & CARTABLE_COMPOSER_STYLE_ITALIC)
    g_string_append (out, "</i>");
  if (style & CARTABLE_COMPOSER_STYLE_BOLD)
    g_string_append (out, "</b>");
  if (style & CARTABLE_COMPOSER_STYLE_LINK)
    g_string_append (out, "</a>");
}

/* One line's text, with its inline styles, escaped. */
static void
append_line (GString                    *out,
             const char                 *text,
             gsize                       start,
             gsize                       end,
             const CartableComposerSpan *spans,
             guint                       n_spans)
{
  gsize offset = start;

  while (offset < end)
    {
      const char *href = NULL;
      const char *next_href = NULL;
      CartableComposerStyle style = style_at (spans, n_spans, offset, &href);
      gsize stop = offset;
      g_autofree char *escaped = NULL;

      /* Extend the run while the style (and link) stays the same. */
      do
        {
          stop = g_utf8_next_char (text + stop) - text;
          if (stop >= end)
            break;
        }
      while (style_at (spans, n_spans, stop, &next_href) == style && g_strcmp0 (next_href, href) == 0);
      if (stop > end)
        stop = end;

      escaped = g_markup_escape_text (text + offset, stop - offset);
      open_style (out, style, href);
      g_string_append (out, escaped);
      close_style (out, style);
      offset = stop;
    }
}

/**
 * cartable_composer_format_html:
 * @text: the body as typed, in UTF-8
 * @spans: (array length=n_spans): its formatting
 * @n_spans: how many
 *
 * The HTML alternative of a message: every character escaped, bold, italic,
 * underline and links (http, https and mailto only) as tags, consecutive
 * list items in one <ul> (without the bullet the editor shows), other line
 * breaks as <br>.
 *
 * Returns: (transfer full): a complete HTML document
 */
char *
cartable_composer_format_html (const char                 *text,
                               const CartableComposerSpan *spans,
                               guint                       n_spans)
{
  GString *out;
  gsize length;
  gsize line_start = 0;
  gboolean in_list = FALSE;
  gboolean first_line = TRUE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (spans != NULL || n_spans == 0, NULL);

  length = strlen (text);
  out = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>");

  while (line_start <= length)
    {
      const char *newline = memchr (text + line_start, '\n', length - line_start);
      gsize line_end = newline ? (gsize) (newline - text) : length;
      gboolean bullet = line_is_bullet (spans, n_spans, line_start, line_end);

      if (bullet)
        {
          gsize content = line_start;

          if (!in_list)
            g_string_append (out, "<ul>");
          in_list = TRUE;
          if (g_str_has_prefix (text + line_start, CARTABLE_COMPOSER_BULLET))
            content += strlen (CARTABLE_COMPOSER_BULLET);
          g_string_append (out, "<li>");
          append_line (out, text, MIN (content, line_end), line_end, spans, n_spans);
          g_string_append (out, "</li>");
        }
      else
        {
          if (in_list)
            g_string_append (out, "</ul>");
          else if (!first_line)
            g_string_append (out, "<br>\n");
          in_list = FALSE;
          append_line (out, text, line_start, line_end, spans, n_spans);
        }

      first_line = FALSE;
      if (newline == NULL)
        break;
      line_start = line_end + 1;
    }

  if (in_list)
    g_string_append (out, "</ul>");
  g_string_append (out, "</body></html>\n");
  return g_string_free (out, FALSE);
}

/**
 * cartable_composer_format_plain_text:
 *
 * The plain-text alternative: the text as typed, each link's target after
 * its text in angle brackets when the text does not already show it.
 *
 * Returns: (transfer full): the text
 */
char *
cartable_composer_format_plain_text (const char                 *text,
                                     const CartableComposerSpan *spans,
                                     guint                       n_spans)
{
  GString *out;
  gsize length;
  gsize offset = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (spans != NULL || n_spans == 0, NULL);

  length = strlen (text);
  out = g_string_new (NULL);
  while (offset < length)
    {
      const char *href = NULL;
      gsize next = g_utf8_next_char (text + offset) - text;
      const char *next_href = NULL;

      style_at (spans, n_spans, offset, &href);
      g_string_append_len (out, text + offset, next - offset);
      if (href != NULL)
        {
          if (next < length)
            style_at (spans, n_spans, next, &next_href);
          if (g_strcmp0 (next_href, href) != 0)
            {
              /* The end of this link's text. */
              gsize start = offset;
              g_autofree char *shown = NULL;
              const char *bare = href;

              while (start > 0)
                {
                  const char *prev_href = NULL;
                  gsize prev = g_utf8_prev_char (text + start) - text;

                  style_at (spans, n_spans, prev, &prev_href);
                  if (g_strcmp0 (prev_href, href) != 0)
                    break;
                  start = prev;
                }
              shown = g_strndup (text + start, next - start);
              if (g_str_has_prefix (bare, "mailto:"))
                bare += strlen ("mailto:");
              if (g_strcmp0 (shown, href) != 0 && g_strcmp0 (shown, bare) != 0)
                g_string_append_printf (out, " <%s>", href);
            }
        }
      offset = next;
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ sizes */

/**
 * cartable_composer_format_size:
 *
 * A size as people read it: "850 octets", "12 ko", "1,2 Mo".
 *
 * Returns: (transfer full): the text
 */
char *
cartable_composer_format_size (guint64 bytes)
{
  if (bytes < 1000)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", (gulong) bytes), (guint) bytes);
  if (bytes < 1000 * 1000)
    /* Translators: a size in kilobytes, as in "12 kB". */
    return g_strdup_printf (_("%.0f kB"), bytes / 1000.0);
  /* Translators: a size in megabytes, as in "1.2 MB". */
  return g_strdup_printf (_("%.1f MB"), bytes / (1000.0 * 1000.0));
}

/**
 * cartable_composer_encoded_size:
 *
 * Returns: how many bytes @bytes of attachment take in a message: base64,
 *   76 characters and a line break for every 57 bytes
 */
guint64
cartable_composer_encoded_size (guint64 bytes)
{
  return (bytes + 56) / 57 * 78;
}

/**
 * cartable_composer_format_size_warning:
 * @total: the attachments' total size, in bytes
 * @limit: the largest message the academy's server accepts (0: the default)
 *
 * Returns: (transfer full) (nullable): a warning when the attachments,
 *   once encoded, make the message larger than @limit, else %NULL
 */
char *
cartable_composer_format_size_warning (guint64 total,
                                       guint64 limit)
{
  g_autofree char *total_text = NULL;
  g_autofree char *limit_text = NULL;

  if (limit == 0)
    limit = CARTABLE_COMPOSER_DEFAULT_MAX_MESSAGE_SIZE;
  if (cartable_composer_encoded_size (total) <= limit)
    return NULL;

  total_text = cartable_composer_format_size (cartable_composer_encoded_size (total));
  limit_text = cartable_composer_format_size (limit);
  return g_strdup_printf (_("The attachments make this message %s, more than the %s the academy’s mail server "
                            "accepts: it will be refused. Remove some, or share them through a link."),
                          total_text, limit_text);
}

/* ------------------------------------------------------------ times */

/**
 * cartable_composer_tomorrow_at:
 *
 * Returns: (transfer full): tomorrow at @hour:@minute in @now's time zone
 */
GDateTime *
cartable_composer_tomorrow_at (GDateTime *now,
                               int        hour,
                               int        minute)
{
  g_autoptr(GDateTime) tomorrow = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  tomorrow = g_date_time_add_days (now, 1);
  return g_date_time_new (g_date_time_get_timezone (now),
                          g_date_time_get_year (tomorrow),
                          g_date_time_get_month (tomorrow),
                          g_date_time_get_day_of_month (tomorrow),
                          hour, minute, 0);
}

static char *
format_clock (GDateTime *when)
{
  /* Translators: a time of day, hours then minutes, as in "7:30"
   * (French: "7 h 30"). */
  return g_strdup_printf (_("%d:%02d"), g_date_time_get_hour (when), g_date_time_get_minute (when));
}

/**
 * cartable_composer_format_send_at:
 * @when: when a message will leave
 * @now: the current time, in the time zone to show
 *
 * "aujourd’hui à 14 h 05", "demain à 7 h 30", "le 12 mars à 7 h 30",
 * "le 12/03/2027 à 7 h 30".
 *
 * Returns: (transfer full): the text
 */
char *
cartable_composer_format_send_at (GDateTime *when,
                                  GDateTime *now)
{
  static const char *months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *month = NULL;
  int days;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_timezone (when, g_date_time_get_timezone (now));
  clock = format_clock (local);
  tomorrow = g_date_time_add_days (now, 1);

  days = -1;
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    days = 0;
  else if (g_date_time_get_year (local) == g_date_time_get_year (tomorrow) &&
           g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (tomorrow))
    days = 1;

  if (days == 0)
    /* Translators: when a scheduled message leaves, as in "today at 14:05". */
    return g_strdup_printf (_("today at %s"), clock);
  if (days == 1)
    /* Translators: when a scheduled message leaves, as in "tomorrow at 7:30". */
    return g_strdup_printf (_("tomorrow at %s"), clock);

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    {
      month = g_utf8_strdown (_(months[g_date_time_get_month (local) - 1]), -1);
      /* Translators: when a scheduled message leaves: day, month, time, as
       * in "on 12 March at 7:30". */
      return g_strdup_printf (_("on %d %s at %s"), g_date_time_get_day_of_month (local), month, clock);
    }

  /* Translators: when a scheduled message leaves in another year: the
   * date, then the time, as in "on 12/03/2027 at 7:30". */
  return g_strdup_printf (_("on %02d/%02d/%d at %s"), g_date_time_get_day_of_month (local),
                          g_date_time_get_month (local), g_date_time_get_year (local), clock);
}

/**
 * cartable_composer_format_draft_saved:
 *
 * Returns: (transfer full): "Brouillon enregistré à 14:05"
 */
char *
cartable_composer_format_draft_saved (GDateTime *when)
{
  g_autofree char *time = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  time = g_date_time_format (when, "%H:%M");
  return g_strdup_printf (_("Draft saved at %s"), time);
}

/* ------------------------------------------------------------ addresses */

static gboolean
address_is_valid (const char *address)
{
  const char *at = strchr (address, '@');
  const char *domain;

  if (at == NULL || at == address || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = address; p < at; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>()[]\\,;:\"", *p) != NULL)
      return FALSE;

  domain = at + 1;
  if (*domain == '\0' || strchr (domain, '.') == NULL || *domain == '.' || g_str_has_suffix (domain, ".") ||
      strstr (domain, "..") != NULL)
    return FALSE;
  for (const char *p = domain; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '.' || (guchar) *p >= 0x80))
      return FALSE;

  return TRUE;
}

/* The address of one recipient as typed: "Marie <m@x.fr>" or "m@x.fr". */
static char *
extract_address (const char *piece)
{
  const char *open = strrchr (piece, '<');

  if (open != NULL)
    {
      const char *close = strchr (open, '>');

      if (close == NULL || close[1] != '\0')
        return NULL;
      return g_strndup (open + 1, close - open - 1);
    }

  return g_strdup (piece);
}

/**
 * cartable_composer_check_addresses:
 * @text: a recipient field as typed, addresses separated by commas or
 *   semicolons, each possibly with a name ("Marie Durand <m@x.fr>")
 *
 * Returns: (transfer full) (nullable): %NULL when every address is valid
 *   (or the field is empty), else a sentence naming the first wrong one
 */
char *
cartable_composer_check_addresses (const char *text)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  GString *piece = g_string_new (NULL);
  gboolean quoted = FALSE;

  if (text == NULL)
    return NULL;

  for (const char *p = text; ; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      if (*p == '\0' || (!quoted && (*p == ',' || *p == ';')))
        {
          g_ptr_array_add (pieces, g_strstrip (g_string_free (piece, FALSE)));
          if (*p == '\0')
            break;
          piece = g_string_new (NULL);
          continue;
        }
      g_string_append_c (piece, *p);
    }

  for (guint i = 0; i < pieces->len; i++)
    {
      const char *typed = g_ptr_array_index (pieces, i);
      g_autofree char *address = NULL;

      if (*typed == '\0')
        continue;
      address = extract_address (typed);
      if (address == NULL || !address_is_valid (g_strstrip (address)))
        /* Translators: shown under a recipient field while typing. */
        return g_strdup_printf (_("“%s” is not a valid address. Write it like firstname.lastname@ac-normandie.fr "
                                  "and separate addresses with commas."), typed);
    }

  return NULL;
}

/* ------------------------------------------------------------ outbox */

/**
 * cartable_composer_describe_outbox_item:
 * @state: its #CartableOutboxState
 * @send_at: when it leaves (Unix time; 0: as soon as possible)
 * @attempts: how many times the server could not be reached
 * @last_error: (nullable): the last error, in words
 * @now: the current time, in the time zone to show
 *
 * Returns: (transfer full): one sentence on where a waiting message stands
 */
char *
cartable_composer_describe_outbox_item (int         state,
                                        gint64      send_at,
                                        guint       attempts,
                                        const char *last_error,
                                        GDateTime  *now)
{
  g_return_val_if_fail (now != NULL, NULL);

  switch (state)
    {
    case CARTABLE_OUTBOX_STATE_QUEUED:
      if (attempts > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Waiting for the server, %u attempt: %s",
                                             "Waiting for the server, %u attempts: %s", attempts),
                                attempts, last_error ? last_error : _("no answer"));
      if (send_at > g_date_time_to_unix (now))
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (send_at);
          g_autofree char *at = cartable_composer_format_send_at (when, now);

          /* Translators: %s is "tomorrow at 7:30" and the like. */
          return g_strdup_printf (_("Leaves %s"), at);
        }
      return g_strdup (_("Leaves in a moment"));
    case CARTABLE_OUTBOX_STATE_SENDING:
      return g_strdup (_("Being sent…"));
    case CARTABLE_OUTBOX_STATE_SENT:
      return g_strdup (_("Sent"));
    case CARTABLE_OUTBOX_STATE_UNCERTAIN:
      return g_strdup (_("This message may already have been sent: the connection was cut while it was leaving. "
                         "Resend it only if its recipients did not receive it."));
    case CARTABLE_OUTBOX_STATE_FAILED:
    default:
      return g_strdup_printf (_("The server refused this message: %s"), last_error ? last_error : _("no reason given"));
    }
}

char *
cartable_composer_format_signed_body (const char *body,
                                      const char *signature)
{
  const char *rest;

  if (body == NULL)
    body = "";
  if (signature == NULL || *signature == '\0')
    return g_strdup (body);

  /* Room to write first, then the signature, then what is quoted. */
  rest = body;
  while (*rest == '\n')
    rest++;
  if (*rest == '\0')
    return g_strdup_printf ("\n\n-- \n%s\n", signature);
  return g_strdup_printf ("\n\n-- \n%s\n\n%s", signature, rest);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-readable-text"

#include "config.h"

#include <string.h>

#include "cartable-readable-text.h"

/*
 * A message's HTML read as text, for the screen reader's text mode: the
 * words in reading order, paragraphs and line breaks kept, list items with
 * a bullet or their number, quoted lines opened with "> ", images by their
 * alternative text, and the links with their targets. Nothing is fetched,
 * run or rendered: scripts, styles, frames and embedded objects are dropped
 * with their content, and the result is plain text, never markup.
 */

typedef struct
{
  guint  start;
  guint  end;
  char  *uri;
} Link;

struct _CartableReadableText
{
  char   *text;
  GArray *links;   /* Link */
};

static void
clear_link (gpointer data)
{
  Link *link = data;

  g_free (link->uri);
}

static CartableReadableText *
readable_text_new (void)
{
  CartableReadableText *self = g_new0 (CartableReadableText, 1);

  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_array_set_clear_func (self->links, clear_link);
  return self;
}

void
cartable_readable_text_free (CartableReadableText *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_array_unref (self->links);
  g_free (self);
}

const char *
cartable_readable_text_get_text (const CartableReadableText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

guint
cartable_readable_text_get_n_links (const CartableReadableText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->links->len;
}

/**
 * cartable_readable_text_get_link:
 * @index: the link's number, from 0 in reading order
 * @start: (out) (optional): the offset of its text's first character
 * @end: (out) (optional): the offset after its text's last character
 *
 * Returns: the link's target
 */
const char *
cartable_readable_text_get_link (const CartableReadableText *self,
                                 guint                       index,
                                 guint                      *start,
                                 guint                      *end)
{
  const Link *link;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->links->len, NULL);

  link = &g_array_index (self->links, Link, index);
  if (start != NULL)
    *start = link->start;
  if (end != NULL)
    *end = link->end;
  return link->uri;
}

/* Whether @uri may be offered as a link: the web and mail addresses,
 * nothing that runs or reads local files. */
static gboolean
is_followable (const char *uri)
{
  return g_ascii_strncasecmp (uri, "https://", 8) == 0 || g_ascii_strncasecmp (uri, "http://", 7) == 0 ||
         g_ascii_strncasecmp (uri, "mailto:", 7) == 0;
}

/* ------------------------------------------------------------ the writer */

typedef struct
{
  GString              *out;
  guint                 n_chars;
  CartableReadableText *result;

  guint                 breaks;          /* line breaks owed before the next text (at most 2) */
  gboolean              space;           /* a space owed before the next text */
  guint                 quote_depth;
  guint                 pre_depth;
  GArray               *lists;           /* int: -1 for bullets, else the last number given */
  char                 *marker;          /* a list item's bullet or number, owed */

  gboolean              in_link;
  int                   link_start;      /* -1 until the link's first character */
  char                 *link_uri;
} Writer;

static void
owe_breaks (Writer *w,
            guint   breaks)
{
  w->breaks = MAX (w->breaks, breaks);
}

/* Pays what is owed (line breaks, the quote marks and a list marker at a
 * line's start, a space) before the character about to be written. */
static void
pay_owed (Writer *w)
{
  gboolean line_start = w->out->len == 0 || w->out->str[w->out->len - 1] == '\n';

  if (w->out->len > 0 && w->breaks > 0)
    {
      for (guint i = 0; i < w->breaks; i++)
        g_string_append_c (w->out, '\n');
      w->n_chars += w->breaks;
      line_start = TRUE;
    }
  w->breaks = 0;

  if (line_start)
    {
      for (guint i = 0; i < w->quote_depth; i++)
        g_string_append (w->out, "> ");
      w->n_chars += 2 * w->quote_depth;
      if (w->marker != NULL)
        {
          g_string_append (w->out, w->marker);
          w->n_chars += g_utf8_strlen (w->marker, -1);
          g_clear_pointer (&w->marker, g_free);
        }
    }
  else if (w->space)
    {
      g_string_append_c (w->out, ' ');
      w->n_chars++;
    }
  w->space = FALSE;

  if (w->in_link && w->link_start < 0)
    w->link_start = w->n_chars;
}

static void
write_char (Writer   *w,
            gunichar  c)
{
  /* Controls are not text (a tab and a line break only in preformatted
   * text, where they are handled before). */
  if (g_unichar_iscntrl (c) || c == 0x200B || c == 0x00AD || c == 0xFEFF)
    return;

  pay_owed (w);
  g_string_append_unichar (w->out, c);
  w->n_chars++;
}

/* Text as it comes: white space collapsed, except in preformatted text. */
static void
write_text (Writer     *w,
            const char *text,
            gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (w->pre_depth > 0)
        {
          if (c == '\r')
            continue;
          if (c == '\n')
            {
              if (w->out->len > 0 && w->breaks < 2)
                w->breaks++;
              continue;
            }
          if (c == '\t')
            c = ' ';
          if (c == ' ')
            {
              pay_owed (w);
              g_string_append_c (w->out, ' ');
              w->n_chars++;
              continue;
            }
        }
      else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          w->space = TRUE;
          continue;
        }
      write_char (w, c);
    }
}

/* ------------------------------------------------------------ entities */

static const struct
{
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "shy", 0x00AD }, { "thinsp", 0x2009 }, { "ensp", 0x2002 }, { "emsp", 0x2003 },
  { "eacute", 0x00E9 }, { "Eacute", 0x00C9 }, { "egrave", 0x00E8 }, { "Egrave", 0x00C8 },
  { "ecirc", 0x00EA }, { "Ecirc", 0x00CA }, { "euml", 0x00EB }, { "agrave", 0x00E0 },
  { "Agrave", 0x00C0 }, { "acirc", 0x00E2 }, { "Acirc", 0x00C2 }, { "auml", 0x00E4 },
  { "ccedil", 0x00E7 }, { "Ccedil", 0x00C7 }, { "icirc", 0x00EE }, { "iuml", 0x00EF },
  { "ocirc", 0x00F4 }, { "Ocirc", 0x00D4 }, { "ouml", 0x00F6 }, { "ugrave", 0x00F9 },
  { "ucirc", 0x00FB }, { "uuml", 0x00FC }, { "yuml", 0x00FF }, { "oelig", 0x0153 },
  { "OElig", 0x0152 }, { "aelig", 0x00E6 }, { "laquo", 0x00AB }, { "raquo", 0x00BB },
  { "hellip", 0x2026 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
  { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bull", 0x2022 },
  { "middot", 0x00B7 }, { "euro", 0x20AC }, { "copy", 0x00A9 }, { "reg", 0x00AE },
  { "trade", 0x2122 }, { "deg", 0x00B0 }, { "times", 0x00D7 }, { "sect", 0x00A7 },
};

/* The character of the entity at @p ("&amp;", "&#233;", "&#xE9;"), and in
 * @next what follows it; 0 when @p starts no entity known. */
static gunichar
read_entity (const char  *p,
             const char  *end,
             const char **next)
{
  const char *semicolon;
  gsize length;

  g_assert (*p == '&');

  semicolon = memchr (p, ';', MIN ((gsize) (end - p), 12));
  if (semicolon == NULL)
    return 0;
  length = semicolon - (p + 1);

  if (length >= 2 && p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *digits = p + (hex ? 3 : 2);
      guint64 c = 0;

      if (digits == semicolon)
        return 0;
      for (const char *d = digits; d < semicolon; d++)
        {
          if (hex ? !g_ascii_isxdigit (*d) : !g_ascii_isdigit (*d))
            return 0;
          c = c * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*d) : g_ascii_digit_value (*d));
          if (c > 0x10FFFF)
            return 0;
        }
      if (c == 0 || !g_unichar_validate ((gunichar) c))
        return 0;
      *next = semicolon + 1;
      return (gunichar) c;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == length && strncmp (p + 1, entities[i].name, length) == 0)
      {
        *next = semicolon + 1;
        return entities[i].c;
      }
  return 0;
}

/* @text with its entities decoded, for attribute values. */
static char *
decode_entities (const char *text,
                 gsize       length)
{
  GString *out = g_string_sized_new (length);
  const char *end = text + length;

  for (const char *p = text; p < end;)
    {
      const char *next = NULL;
      gunichar c = *p == '&' ? read_entity (p, end, &next) : 0;

      if (c != 0)
        {
          g_string_append_unichar (out, c);
          p = next;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ tags */

typedef struct
{
  char       name[16];   /* lower case, cut */
  gboolean   closing;
  char      *href;
  char      *alt;
  int        start;      /* an ordered list's "start", or -1 */
} Tag;

static void
clear_tag (Tag *tag)
{
  g_clear_pointer (&tag->href, g_free);
  g_clear_pointer (&tag->alt, g_free);
}

/* Reads the tag at @p ('<' then a letter, or "</" then a letter) into
 * @tag; returns what follows its '>', or @end when it never closes. */
static const char *
read_tag (const char *p,
          const char *end,
          Tag        *tag)
{
  guint n = 0;

  memset (tag, 0, sizeof *tag);
  tag->start = -1;
  p++;
  if (*p == '/')
    {
      tag->closing = TRUE;
      p++;
    }
  while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == ':'))
    {
      if (n < sizeof tag->name - 1)
        tag->name[n++] = g_ascii_tolower (*p);
      p++;
    }

  while (p < end && *p != '>')
    {
      const char *name = p;
      gsize name_length;
      const char *value = NULL;
      gsize value_length = 0;

      if (g_ascii_isspace (*p) || *p == '/')
        {
          p++;
          continue;
        }
      while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      name_length = p - name;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              const char *close = memchr (p + 1, *p, end - (p + 1));

              value = p + 1;
              value_length = (close != NULL ? close : end) - value;
              p = close != NULL ? close + 1 : end;
            }
          else
            {
              value = p;
              while (p < end && !g_ascii_isspace (*p) && *p != '>')
                p++;
              value_length = p - value;
            }
        }
      if (value == NULL || name_length == 0)
        continue;

      if (name_length == 4 && g_ascii_strncasecmp (name, "href", 4) == 0 && tag->href == NULL)
        {
          g_autofree char *decoded = decode_entities (value, value_length);
          tag->href = g_strdup (g_strstrip (decoded));
        }
      else if (name_length == 3 && g_ascii_strncasecmp (name, "alt", 3) == 0 && tag->alt == NULL)
        tag->alt = decode_entities (value, value_length);
      else if (name_length == 5 && g_ascii_strncasecmp (name, "start", 5) == 0)
        {
          g_autofree char *number = g_strndup (value, value_length);
          gint64 start = g_ascii_strtoll (number, NULL, 10);

          tag->start = (int) CLAMP (start, 0, 100000);
        }
    }
  return p < end ? p + 1 : end;
}

static gboolean
is_one_of (const char         *name,
           const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Elements dropped with everything in them: nothing of them is text to read. */
static const char * const dropped[] = {
  "script", "style", "title", "template", "iframe", "frame", "frameset", "object", "embed",
  "applet", "svg", "math", "noembed", "noframes", "audio", "video", "canvas", "select", NULL
};

/* Paragraphs: a blank line before and after. */
static const char * const paragraphs[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr", "dl",
  "address", "figure", "fieldset", NULL
};

/* Blocks: a line of their own. */
static const char * const blocks[] = {
  "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "nav", "main",
  "aside", "center", "form", "caption", "figcaption", "details", "summary", "body", "tbody",
  "thead", "tfoot", "ul", "ol", "option", "legend", NULL
};

static void
end_link (Writer *w)
{
  Link link;

  if (!w->in_link)
    return;
  w->in_link = FALSE;

  /* A link without text (an image without words): its address is read. */
  if (w->link_start < 0)
    {
      w->in_link = TRUE;
      write_text (w, w->link_uri, -1);
      w->in_link = FALSE;
    }
  if (w->link_start >= 0 && w->n_chars > (guint) w->link_start)
    {
      link.start = w->link_start;
      link.end = w->n_chars;
      link.uri = g_steal_pointer (&w->link_uri);
      g_array_append_val (w->result->links, link);
    }
  g_clear_pointer (&w->link_uri, g_free);
}

static void
open_list_item (Writer *w)
{
  guint depth = w->lists->len;
  int *number;
  GString *marker = g_string_new (NULL);

  owe_breaks (w, 1);
  for (guint i = 1; i < depth; i++)
    g_string_append (marker, "  ");
  if (depth == 0)
    g_string_append (marker, "• ");
  else
    {
      number = &g_array_index (w->lists, int, depth - 1);
      if (*number < 0)
        g_string_append (marker, "• ");
      else
        g_string_append_printf (marker, "%d. ", ++*number);
    }
  g_free (w->marker);
  w->marker = g_string_free (marker, FALSE);
}

static void
handle_tag (Writer    *w,
            const Tag *tag)
{
  const char *name = tag->name;

  if (strcmp (name, "br") == 0)
    {
      if (w->out->len > 0 && w->breaks < 2)
        w->breaks++;
      w->space = FALSE;
      return;
    }

  if (strcmp (name, "a") == 0)
    {
      end_link (w);
      if (!tag->closing && tag->href != NULL && is_followable (tag->href))
        {
          w->in_link = TRUE;
          w->link_start = -1;
          w->link_uri = g_strdup (tag->href);
        }
      return;
    }

  if (strcmp (name, "img") == 0)
    {
      if (tag->alt != NULL && *tag->alt != '\0')
        {
          w->space = TRUE;
          write_text (w, tag->alt, -1);
          w->space = TRUE;
        }
      return;
    }

  if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    {
      w->space = TRUE;
      return;
    }

  if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0 || strcmp (name, "menu") == 0)
    {
      if (!tag->closing)
        {
          int first = strcmp (name, "ol") == 0 ? (tag->start >= 0 ? tag->start - 1 : 0) : -1;

          g_array_append_val (w->lists, first);
        }
      else if (w->lists->len > 0)
        g_array_set_size (w->lists, w->lists->len - 1);
      owe_breaks (w, w->lists->len == 0 ? 2 : 1);
      g_clear_pointer (&w->marker, g_free);
      return;
    }

  if (strcmp (name, "li") == 0)
    {
      if (!tag->closing)
        open_list_item (w);
      else
        {
          owe_breaks (w, 1);
          g_clear_pointer (&w->marker, g_free);
        }
      return;
    }

  if (strcmp (name, "blockquote") == 0)
    {
      owe_breaks (w, 2);
      if (!tag->closing)
        w->quote_depth++;
      else if (w->quote_depth > 0)
        w->quote_depth--;
      return;
    }

  if (strcmp (name, "pre") == 0)
    {
      owe_breaks (w, 2);
      if (!tag->closing)
        w->pre_depth++;
      else if (w->pre_depth > 0)
        w->pre_depth--;
      return;
    }

  if (is_one_of (name, paragraphs))
    owe_breaks (w, 2);
  else if (is_one_of (name, blocks))
    owe_breaks (w, 1);
}

/* Past the end tag of @name (no nesting: what is dropped is not read). */
static const char *
skip_element (const char *p,
              const char *end,
              const char *name)
{
  gsize length = strlen (name);

  for (; p < end; p++)
    {
      if (p[0] == '<' && p[1] == '/' && (gsize) (end - p) > length + 2 &&
          g_ascii_strncasecmp (p + 2, name, length) == 0 &&
          !g_ascii_isalnum (p[2 + length]))
        {
          const char *close = memchr (p, '>', end - p);

          return close != NULL ? close + 1 : end;
        }
    }
  return end;
}

/* Past a comment, a doctype, a processing instruction or a CDATA section. */
static const char *
skip_markup_declaration (const char *p,
                         const char *end)
{
  const char *close;

  if (end - p >= 4 && strncmp (p, "<!--", 4) == 0)
    {
      close = g_strstr_len (p + 4, end - (p + 4), "-->");
      return close != NULL ? close + 3 : end;
    }
  if (end - p >= 9 && strncmp (p, "<![CDATA[", 9) == 0)
    {
      close = g_strstr_len (p + 9, end - (p + 9), "]]>");
      return close != NULL ? close + 3 : end;
    }
  close = memchr (p, '>', end - p);
  return close != NULL ? close + 1 : end;
}

static char *
finish_text (Writer *w)
{
  GString *out = w->out;

  /* No space at the end of a line, nothing at the end of the text. */
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&w->out), FALSE);
}

/**
 * cartable_readable_text_new_from_html:
 * @html: a message's HTML body
 *
 * Returns: (transfer full): the text of @html and its links
 */
CartableReadableText *
cartable_readable_text_new_from_html (const char *html)
{
  CartableReadableText *self;
  Writer w = { 0, };
  g_autofree char *valid = NULL;
  const char *p, *end;

  g_return_val_if_fail (html != NULL, NULL);

  valid = g_utf8_make_valid (html, -1);
  self = readable_text_new ();
  w.out = g_string_sized_new (strlen (valid) / 2);
  w.result = self;
  w.lists = g_array_new (FALSE, FALSE, sizeof (int));
  w.link_start = -1;

  p = valid;
  end = valid + strlen (valid);
  while (p < end)
    {
      if (*p == '<' && p + 1 < end && (p[1] == '!' || p[1] == '?'))
        p = skip_markup_declaration (p, end);
      else if (*p == '<' && p + 1 < end &&
               (g_ascii_isalpha (p[1]) || (p[1] == '/' && p + 2 < end && g_ascii_isalpha (p[2]))))
        {
          Tag tag;

          p = read_tag (p, end, &tag);
          if (!tag.closing && is_one_of (tag.name, dropped))
            {
              p = skip_element (p, end, tag.name);
              w.space = TRUE;
            }
          else
            handle_tag (&w, &tag);
          clear_tag (&tag);
        }
      else if (*p == '&')
        {
          const char *next = NULL;
          gunichar c = read_entity (p, end, &next);

          if (c != 0)
            {
              char utf8[7] = { 0, };

              g_unichar_to_utf8 (c, utf8);
              write_text (&w, utf8, -1);
              p = next;
            }
          else
            write_text (&w, p++, 1);
        }
      else
        {
          const char *next = p + 1;

          while (next < end && *next != '<' && *next != '&')
            next++;
          write_text (&w, p, next - p);
          p = next;
        }
    }
  end_link (&w);

  self->text = finish_text (&w);
  g_array_unref (w.lists);
  g_free (w.marker);
  g_free (w.link_uri);
  return self;
}

/* ------------------------------------------------------------ plain text */

static gboolean
is_url_char (gunichar c)
{
  return c > ' ' && c != 0x7F && c != '<' && c != '>' && c != '"' && !g_unichar_isspace (c);
}

/**
 * cartable_readable_text_new_from_plain:
 * @text: a message's plain-text body
 *
 * Returns: (transfer full): @text, its line ends made "\n", with its http,
 *   https and mailto addresses as links (a closing punctuation mark left
 *   out of the link, as people write "voir https://exemple.fr.")
 */
CartableReadableText *
cartable_readable_text_new_from_plain (const char *text)
{
  CartableReadableText *self;
  g_autofree char *valid = NULL;
  GString *out;
  guint n_chars = 0;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  text = valid;
  self = readable_text_new ();
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gboolean starts_link = (g_ascii_strncasecmp (p, "https://", 8) == 0 ||
                              g_ascii_strncasecmp (p, "http://", 7) == 0 ||
                              g_ascii_strncasecmp (p, "mailto:", 7) == 0) &&
                             (p == text || !g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (text, p))));

      if (starts_link)
        {
          const char *link_end = p;
          Link link;

          while (*link_end != '\0' && is_url_char (g_utf8_get_char (link_end)))
            link_end = g_utf8_next_char (link_end);
          while (link_end > p && strchr (".,;:!?)]'", link_end[-1]) != NULL)
            link_end--;
          if (link_end - p > 8)
            {
              link.uri = g_strndup (p, link_end - p);
              link.start = n_chars;
              g_string_append_len (out, p, link_end - p);
              n_chars += g_utf8_strlen (p, link_end - p);
              link.end = n_chars;
              g_array_append_val (self->links, link);
              p = link_end;
              continue;
            }
        }

      if (*p == '\r')
        {
          p++;
          if (*p != '\n')
            {
              g_string_append_c (out, '\n');
              n_chars++;
            }
          continue;
        }

      {
        const char *next = g_utf8_next_char (p);

        g_string_append_len (out, p, next - p);
        n_chars++;
        p = next;
      }
    }

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  self->text = g_string_free (out, FALSE);
  return self;
}

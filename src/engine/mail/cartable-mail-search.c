/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-mail-session.h"
#include "cartable-mail-search-private.h"
#include "cartable-message-list-private.h"
#include "cartable-message-private.h"

char *
cartable_mail_search_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) stripped = NULL;
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_new (NULL);
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK || type == G_UNICODE_FORMAT)
        continue;
      /* Letters that do not decompose but that French readers equate. */
      switch (c)
        {
        case 0x0153: g_string_append (stripped, "oe"); continue;   /* œ */
        case 0x0152: g_string_append (stripped, "OE"); continue;   /* Œ */
        case 0x00E6: g_string_append (stripped, "ae"); continue;   /* æ */
        case 0x00C6: g_string_append (stripped, "AE"); continue;   /* Æ */
        case 0x00DF: g_string_append (stripped, "ss"); continue;   /* ß */
        case 0x2019: case 0x2018: case 0x02BC: c = '\''; break;    /* ’ ‘ ʼ */
        default: break;
        }
      g_string_append_unichar (stripped, c);
    }

  folded = g_utf8_casefold (stripped->str, stripped->len);

  out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
cartable_mail_search_contains (const char *haystack,
                               const char *needle)
{
  g_autofree char *h = cartable_mail_search_normalize (haystack);
  g_autofree char *n = cartable_mail_search_normalize (needle);

  return strstr (h, n) != NULL;
}

char *
cartable_mail_search_dup_spelling (const char *text,
                                   const char *words)
{
  g_autofree char *needle = cartable_mail_search_normalize (words);
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) sources = NULL;   /* per byte of folded: offset of its character in text */
  const char *found;
  gsize first, last, end;

  if (text == NULL || *needle == '\0' || !g_utf8_validate (text, -1, NULL))
    return NULL;

  /* The text folded character by character, each folded byte knowing the
   * character it came from. */
  folded = g_string_new (NULL);
  sources = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gsize offset = (gsize) (p - text);
      gunichar c = g_utf8_get_char (p);
      char one[8] = { 0 };
      g_autofree char *f = NULL;

      if (g_unichar_isspace (c))
        {
          if (folded->len > 0 && folded->str[folded->len - 1] != ' ')
            {
              g_string_append_c (folded, ' ');
              g_array_append_val (sources, offset);
            }
          continue;
        }
      g_unichar_to_utf8 (c, one);
      f = cartable_mail_search_normalize (one);
      for (const char *b = f; *b; b++)
        {
          g_string_append_c (folded, *b);
          g_array_append_val (sources, offset);
        }
    }

  found = strstr (folded->str, needle);
  if (found == NULL)
    return NULL;
  first = g_array_index (sources, gsize, found - folded->str);
  last = g_array_index (sources, gsize, (found - folded->str) + strlen (needle) - 1);
  end = (gsize) (g_utf8_next_char (text + last) - text);
  return g_strndup (text + first, end - first);
}

/* ------------------------------------------------------------------ query */

struct _CartableSearchQuery
{
  gatomicrefcount  ref_count;
  GStrv            words;     /* normalized */
  char            *from;
  char            *to;
  char            *subject;
  GStrv            body;      /* normalized words, all to be found */
  gint64           after;
  gint64           before;
  gboolean         has_attachment;
  gboolean         unread_only;
};

G_DEFINE_BOXED_TYPE (CartableSearchQuery, cartable_search_query,
                     cartable_search_query_ref, cartable_search_query_unref)

CartableSearchQuery *
cartable_search_query_new (void)
{
  CartableSearchQuery *self = g_new0 (CartableSearchQuery, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

CartableSearchQuery *
cartable_search_query_ref (CartableSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cartable_search_query_unref (CartableSearchQuery *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_strfreev (self->words);
      g_free (self->from);
      g_free (self->to);
      g_free (self->subject);
      g_strfreev (self->body);
      g_free (self);
    }
}

static char *
normalized_or_null (const char *text)
{
  g_autofree char *n = cartable_mail_search_normalize (text);

  return *n ? g_steal_pointer (&n) : NULL;
}

void
cartable_search_query_set_text (CartableSearchQuery *self,
                                const char          *text)
{
  g_autofree char *n = NULL;

  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->words, g_strfreev);
  n = normalized_or_null (text);
  if (n != NULL)
    self->words = g_strsplit (n, " ", -1);
}

void
cartable_search_query_set_from (CartableSearchQuery *self,
                                const char          *from)
{
  g_return_if_fail (self != NULL);
  g_free (self->from);
  self->from = normalized_or_null (from);
}

void
cartable_search_query_set_to (CartableSearchQuery *self,
                              const char          *to)
{
  g_return_if_fail (self != NULL);
  g_free (self->to);
  self->to = normalized_or_null (to);
}

void
cartable_search_query_set_subject (CartableSearchQuery *self,
                                   const char          *subject)
{
  g_return_if_fail (self != NULL);
  g_free (self->subject);
  self->subject = normalized_or_null (subject);
}

void
cartable_search_query_set_body (CartableSearchQuery *self,
                                const char          *body)
{
  g_autofree char *n = NULL;

  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->body, g_strfreev);
  n = normalized_or_null (body);
  if (n != NULL)
    self->body = g_strsplit (n, " ", -1);
}

void
cartable_search_query_set_date_range (CartableSearchQuery *self,
                                      gint64               after,
                                      gint64               before)
{
  g_return_if_fail (self != NULL);
  self->after = after;
  self->before = before;
}

void
cartable_search_query_set_has_attachment (CartableSearchQuery *self,
                                          gboolean             has_attachment)
{
  g_return_if_fail (self != NULL);
  self->has_attachment = has_attachment;
}

void
cartable_search_query_set_unread_only (CartableSearchQuery *self,
                                       gboolean             unread_only)
{
  g_return_if_fail (self != NULL);
  self->unread_only = unread_only;
}

gboolean
cartable_search_query_get_has_body (CartableSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->body != NULL;
}

static gboolean
field_contains (const char *field,
                const char *normalized_needle)
{
  g_autofree char *h = cartable_mail_search_normalize (field);

  return strstr (h, normalized_needle) != NULL;
}

gboolean
cartable_search_query_matches_info (CartableSearchQuery *self,
                                    CamelMessageInfo    *info)
{
  guint32 flags;
  gint64 date;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CAMEL_IS_MESSAGE_INFO (info), FALSE);

  flags = camel_message_info_get_flags (info);
  if (self->unread_only && (flags & CAMEL_MESSAGE_SEEN))
    return FALSE;
  if (self->has_attachment && !(flags & CAMEL_MESSAGE_ATTACHMENTS))
    return FALSE;

  date = camel_message_info_get_date_sent (info);
  if (date <= 0)
    date = camel_message_info_get_date_received (info);
  if (self->after > 0 && date < self->after)
    return FALSE;
  if (self->before > 0 && date > self->before)
    return FALSE;

  camel_message_info_property_lock (info);
  if (self->from != NULL && !field_contains (camel_message_info_get_from (info), self->from))
    ok = FALSE;
  if (ok && self->to != NULL &&
      !field_contains (camel_message_info_get_to (info), self->to) &&
      !field_contains (camel_message_info_get_cc (info), self->to))
    ok = FALSE;
  if (ok && self->subject != NULL && !field_contains (camel_message_info_get_subject (info), self->subject))
    ok = FALSE;
  if (ok && self->words != NULL)
    {
      g_autofree char *all = g_strjoin ("\n",
                                        camel_message_info_get_subject (info) ? camel_message_info_get_subject (info) : "",
                                        camel_message_info_get_from (info) ? camel_message_info_get_from (info) : "",
                                        camel_message_info_get_to (info) ? camel_message_info_get_to (info) : "",
                                        camel_message_info_get_cc (info) ? camel_message_info_get_cc (info) : "",
                                        NULL);
      g_autofree char *h = cartable_mail_search_normalize (all);

      for (guint i = 0; ok && self->words[i] != NULL; i++)
        if (strstr (h, self->words[i]) == NULL)
          ok = FALSE;
    }
  camel_message_info_property_unlock (info);

  return ok;
}

/* ------------------------------------------------------------------ server pre-filter */

/* A server without a full-text plugin (Dovecot as most academies run it)
 * ignores case but not accents in IMAP SEARCH BODY. So the server is asked
 * for every accented spelling of one window of the folded query: any body
 * that matches the query once folded contains one of them, and the
 * candidates are then checked here with the full folding. Each spelling
 * costs the server a pass over the folder's bodies, so the window is the
 * longest one with few spellings. */
#define MAX_SPELLINGS          5    /* a window with one accented letter */
#define MAX_SPELLINGS_SHORT    25   /* when that leaves fewer than 3 letters */
#define SHORT_WINDOW           3

/* Spellings of a folded letter (the server ignores case): the letter first. */
static const char *const *
letter_spellings (gunichar c)
{
  static const char *const a[] = { "a", "à", "â", "ä", NULL };
  static const char *const e[] = { "e", "é", "è", "ê", "ë", NULL };
  static const char *const i[] = { "i", "î", "ï", NULL };
  static const char *const o[] = { "o", "ô", "ö", NULL };
  static const char *const u[] = { "u", "ù", "û", "ü", NULL };
  static const char *const cc[] = { "c", "ç", NULL };
  static const char *const y[] = { "y", "ÿ", NULL };
  static const char *const apostrophe[] = { "'", "’", "‘", "ʼ", NULL };

  switch (c)
    {
    case 'a': return a;
    case 'e': return e;
    case 'i': return i;
    case 'o': return o;
    case 'u': return u;
    case 'c': return cc;
    case 'y': return y;
    case '\'': return apostrophe;
    default: return NULL;
    }
}

/* Two folded letters that may be one in the text. */
static const char *
pair_spelling (gunichar first,
               gunichar second)
{
  if (first == 'o' && second == 'e')
    return "œ";
  if (first == 'a' && second == 'e')
    return "æ";
  if (first == 's' && second == 's')
    return "ß";
  return NULL;
}

/* Number of spellings of @chars[from, to), capped at @cap + 1. */
static guint
count_spellings (const gunichar *chars,
                 guint           from,
                 guint           to,
                 guint           cap)
{
  g_autofree guint *after = g_new0 (guint, to - from + 2);

  /* after[k]: spellings of chars[from + k, to). */
  after[to - from] = 1;
  for (guint k = to - from; k-- > 0;)
    {
      const char *const *one = letter_spellings (chars[from + k]);
      guint64 n = (guint64) (one != NULL ? g_strv_length ((char **) one) : 1) * after[k + 1];

      if (from + k + 1 < to && pair_spelling (chars[from + k], chars[from + k + 1]) != NULL)
        n += after[k + 2];
      after[k] = (guint) MIN (n, (guint64) cap + 1);
    }

  return after[0];
}

static void
add_spellings (GPtrArray      *out,
               GString        *prefix,
               const gunichar *chars,
               guint           pos,
               guint           to)
{
  const char *const *one;
  const char *pair;
  gsize len = prefix->len;

  if (pos == to)
    {
      g_ptr_array_add (out, g_strndup (prefix->str, prefix->len));
      return;
    }

  one = letter_spellings (chars[pos]);
  if (one == NULL)
    {
      g_string_append_unichar (prefix, chars[pos]);
      add_spellings (out, prefix, chars, pos + 1, to);
      g_string_truncate (prefix, len);
    }
  else
    for (guint k = 0; one[k] != NULL; k++)
      {
        g_string_append (prefix, one[k]);
        add_spellings (out, prefix, chars, pos + 1, to);
        g_string_truncate (prefix, len);
      }

  pair = pos + 1 < to ? pair_spelling (chars[pos], chars[pos + 1]) : NULL;
  if (pair != NULL)
    {
      g_string_append (prefix, pair);
      add_spellings (out, prefix, chars, pos + 2, to);
      g_string_truncate (prefix, len);
    }
}

/* Characters that the search expression or the server would read as more
 * than a letter: a window never spans them. */
static gboolean
breaks_window (gunichar c)
{
  return c == '"' || c == '\\' || g_unichar_isspace (c) || g_unichar_iscntrl (c);
}

/* The spellings of the best window of @words, or NULL. */
static GPtrArray *
server_spellings (GStrv words)
{
  guint best_len = 0;
  guint best_count = 0;
  const char *best_word = NULL;
  guint best_from = 0;
  g_autofree gunichar *chars = NULL;
  g_autoptr(GString) prefix = NULL;
  GPtrArray *out;

  if (words == NULL)
    return NULL;

  for (guint pass = 0; pass < 2 && best_len < SHORT_WINDOW; pass++)
    {
      guint cap = pass == 0 ? MAX_SPELLINGS : MAX_SPELLINGS_SHORT;

      for (guint w = 0; words[w] != NULL; w++)
        {
          glong n = 0;
          g_autofree gunichar *c = g_utf8_to_ucs4_fast (words[w], -1, &n);

          for (guint from = 0; from < (guint) n; from++)
            for (guint to = from + 1; to <= (guint) n && !breaks_window (c[to - 1]); to++)
              {
                guint count;

                /* A window never cuts « œ » (and « æ », « ß ») in two: the
                 * text would not hold its half. */
                if (from > 0 && pair_spelling (c[from - 1], c[from]) != NULL)
                  break;
                if (to < (guint) n && pair_spelling (c[to - 1], c[to]) != NULL)
                  continue;

                count = count_spellings (c, from, to, cap);
                if (count > cap)
                  break;
                if (to - from > best_len || (to - from == best_len && count < best_count))
                  {
                    best_len = to - from;
                    best_count = count;
                    best_word = words[w];
                    best_from = from;
                  }
              }
        }
    }

  if (best_word == NULL)
    return NULL;

  chars = g_utf8_to_ucs4_fast (best_word, -1, NULL);
  prefix = g_string_new (NULL);
  out = g_ptr_array_new_with_free_func (g_free);
  add_spellings (out, prefix, chars, best_from, best_from + best_len);

  return out;
}

char *
cartable_search_query_to_sexp (CartableSearchQuery *self)
{
  g_autoptr(GPtrArray) spellings = NULL;
  g_autoptr(GString) sexp = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  spellings = server_spellings (self->body);
  if (spellings == NULL)
    return NULL;

  sexp = g_string_new ("(or");
  for (guint i = 0; i < spellings->len; i++)
    {
      g_string_append (sexp, " (body-contains ");
      camel_sexp_encode_string (sexp, spellings->pdata[i]);
      g_string_append_c (sexp, ')');
    }
  g_string_append_c (sexp, ')');

  return g_string_free (g_steal_pointer (&sexp), FALSE);
}

/* ------------------------------------------------------------------ list filter */

static gboolean
query_filter (CamelMessageInfo *info,
              gpointer          user_data)
{
  return cartable_search_query_matches_info (user_data, info);
}

void
cartable_message_list_set_query (CartableMessageList *list,
                                 CartableSearchQuery *query)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST (list));

  if (query == NULL)
    cartable_message_list_set_filter (list, NULL, NULL, NULL);
  else
    cartable_message_list_set_filter (list, query_filter, cartable_search_query_ref (query),
                                      (GDestroyNotify) cartable_search_query_unref);
}

/* ------------------------------------------------------------------ search */

/* Appends @html's text to @out: tags dropped (with the content of style and
 * script elements), character references decoded. Named references of
 * accented letters become their base letter (folding drops the accent
 * anyway); other unknown ones are kept as written. */
static void
append_html_text (GString    *out,
                  const char *html)
{
  const char *p = html;

  while (*p)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          const char *closing = NULL;

          if (end == NULL)
            break;
          if (g_ascii_strncasecmp (p, "<style", 6) == 0)
            closing = "</style";
          else if (g_ascii_strncasecmp (p, "<script", 7) == 0)
            closing = "</script";
          if (closing != NULL)
            {
              const char *q = end;

              while ((q = strchr (q, '<')) != NULL && g_ascii_strncasecmp (q, closing, strlen (closing)) != 0)
                q++;
              if (q == NULL)
                break;
              end = strchr (q, '>');
              if (end == NULL)
                break;
            }
          g_string_append_c (out, ' ');
          p = end + 1;
        }
      else if (*p == '&')
        {
          const char *semi = strchr (p, ';');
          gsize len = semi != NULL ? (gsize) (semi - p - 1) : 0;
          g_autofree char *name = NULL;

          if (semi == NULL || len == 0 || len > 10)
            {
              g_string_append_c (out, *p++);
              continue;
            }
          name = g_strndup (p + 1, len);
          if (name[0] == '#')
            {
              gunichar c = name[1] == 'x' || name[1] == 'X'
                ? (gunichar) g_ascii_strtoull (name + 2, NULL, 16)
                : (gunichar) g_ascii_strtoull (name + 1, NULL, 10);

              if (c != 0 && g_unichar_validate (c))
                g_string_append_unichar (out, c);
            }
          else if (g_str_equal (name, "amp"))
            g_string_append_c (out, '&');
          else if (g_str_equal (name, "lt"))
            g_string_append_c (out, '<');
          else if (g_str_equal (name, "gt"))
            g_string_append_c (out, '>');
          else if (g_str_equal (name, "quot"))
            g_string_append_c (out, '"');
          else if (g_str_equal (name, "apos") || g_str_equal (name, "rsquo") || g_str_equal (name, "lsquo"))
            g_string_append_c (out, '\'');
          else if (g_str_equal (name, "nbsp"))
            g_string_append_c (out, ' ');
          else if (g_ascii_strcasecmp (name, "oelig") == 0 || g_ascii_strcasecmp (name, "aelig") == 0)
            g_string_append_len (out, name, 2);
          else if (g_str_equal (name, "szlig"))
            g_string_append (out, "ss");
          else if (g_ascii_isalpha (name[0]) &&
                   (g_str_equal (name + 1, "acute") || g_str_equal (name + 1, "grave") ||
                    g_str_equal (name + 1, "circ") || g_str_equal (name + 1, "uml") ||
                    g_str_equal (name + 1, "cedil") || g_str_equal (name + 1, "tilde") ||
                    g_str_equal (name + 1, "ring")))
            g_string_append_c (out, name[0]);
          else
            {
              g_string_append_c (out, *p++);
              continue;
            }
          p = semi + 1;
        }
      else
        g_string_append_c (out, *p++);
    }
}

/* Whether the text and HTML bodies of @message hold every word of @words
 * (folded) once folded. */
static gboolean
message_body_matches (CamelMimeMessage *message,
                      GStrv             words,
                      GCancellable     *cancellable)
{
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(CartableMessage) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *folded = NULL;

  out = g_memory_output_stream_new_resizable ();
  if (camel_data_wrapper_write_to_output_stream_sync (CAMEL_DATA_WRAPPER (message), out,
                                                      cancellable, NULL) < 0 ||
      !g_output_stream_close (out, cancellable, NULL))
    return FALSE;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  parsed = cartable_message_new_from_bytes (bytes, NULL);
  if (parsed == NULL)
    return FALSE;

  text = g_string_new (cartable_message_get_text_body (parsed));
  if (cartable_message_get_html_body (parsed) != NULL)
    {
      g_string_append_c (text, '\n');
      append_html_text (text, cartable_message_get_html_body (parsed));
    }
  folded = cartable_mail_search_normalize (text->str);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (folded, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* The uids the server reports for @query's pre-filter, or NULL with @error.
 * One Camel search per spelling (Camel would send them one after the other
 * anyway): cancellation is seen between them, and an error ends the search
 * at once (Camel's IMAP search, given several terms of which more than one
 * fails, sets its error twice). */
static GHashTable *
server_candidates (CamelFolder          *folder,
                   CartableSearchQuery  *query,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(GPtrArray) spellings = server_spellings (query->body);
  g_autoptr(GHashTable) candidates = NULL;

  candidates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; spellings != NULL && i < spellings->len; i++)
    {
      g_autoptr(GString) sexp = g_string_new ("(body-contains ");
      g_autoptr(GError) local_error = NULL;
      GPtrArray *found;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      camel_sexp_encode_string (sexp, spellings->pdata[i]);
      g_string_append_c (sexp, ')');
      found = camel_folder_search_by_expression (folder, sexp->str, cancellable, &local_error);
      if (local_error != NULL)
        {
          if (found != NULL)
            camel_folder_search_free (folder, found);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      for (guint k = 0; found != NULL && k < found->len; k++)
        g_hash_table_add (candidates, g_strdup (found->pdata[k]));
      if (found != NULL)
        camel_folder_search_free (folder, found);
    }

  return g_steal_pointer (&candidates);
}

static gboolean
store_is_online (CamelFolder *folder)
{
  CamelStore *store = camel_folder_get_parent_store (folder);

  return CAMEL_IS_OFFLINE_STORE (store) &&
         camel_offline_store_get_online (CAMEL_OFFLINE_STORE (store));
}

/* At most as many as the connections Camel keeps to the server. */
#define BODY_WORKERS 3

enum { BODY_NO_MATCH, BODY_MATCHES, BODY_NOT_SEARCHED };

typedef struct
{
  CamelFolder  *folder;
  GStrv         words;
  GHashTable   *candidates;   /* NULL: offline, the cache only */
  GPtrArray    *uids;
  gint         *verdicts;     /* one per uid */
  gint          next;
  GCancellable *cancellable;
} BodyCheck;

/* Takes the next uid until none is left, and says whether its body matches. */
static gpointer
body_check_worker (gpointer data)
{
  BodyCheck *check = data;
  gint i;

  while ((i = g_atomic_int_add (&check->next, 1)) < (gint) check->uids->len &&
         !g_cancellable_is_cancelled (check->cancellable))
    {
      const char *uid = check->uids->pdata[i];
      g_autoptr(CamelMimeMessage) message = NULL;

      if (check->candidates != NULL && !g_hash_table_contains (check->candidates, uid))
        {
          check->verdicts[i] = BODY_NO_MATCH;
          continue;
        }

      message = camel_folder_get_message_cached (check->folder, uid, check->cancellable);
      if (message == NULL && check->candidates != NULL)
        {
          g_autoptr(GError) fetch_error = NULL;

          /* Online: fetched through the cache, which keeps it for the
           * next search and for reading offline. */
          message = camel_folder_get_message_sync (check->folder, uid, check->cancellable, &fetch_error);
          if (message == NULL && !g_error_matches (fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_debug ("body search: message %s not fetched: %s", uid,
                     fetch_error != NULL ? fetch_error->message : "?");
        }

      if (message == NULL)
        check->verdicts[i] = BODY_NOT_SEARCHED;
      else if (message_body_matches (message, check->words, check->cancellable))
        check->verdicts[i] = BODY_MATCHES;
      else
        check->verdicts[i] = BODY_NO_MATCH;
    }

  return NULL;
}

GPtrArray *
cartable_mail_search_sync_full (CamelFolder          *folder,
                                CartableSearchQuery  *query,
                                gboolean             *complete,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  gboolean searched_all = TRUE;
  GPtrArray *out;
  GPtrArray *uids;

  g_return_val_if_fail (CAMEL_IS_FOLDER (folder), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* Headers: instant, over Camel's summary. */
  matching = g_ptr_array_new_with_free_func (g_free);
  uids = camel_folder_get_uids (folder);
  for (guint i = 0; i < uids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[i]);

      if (info != NULL && !(camel_message_info_get_flags (info) & CAMEL_MESSAGE_DELETED) &&
          cartable_search_query_matches_info (query, info))
        g_ptr_array_add (matching, g_strdup (uids->pdata[i]));
    }
  camel_folder_free_uids (folder, uids);

  if (query->body != NULL && matching->len > 0 && store_is_online (folder))
    {
      g_autoptr(GError) server_error = NULL;

      candidates = server_candidates (folder, query, cancellable, &server_error);
      if (candidates == NULL)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          /* The server could not be asked: the cached bodies only. */
          g_debug ("body search on the server failed: %s", server_error->message);
        }
    }

  /* Bodies: fetching is mostly waiting for the server, and Camel keeps a
   * few connections, so several workers check them at once. */
  if (query->body == NULL)
    out = g_steal_pointer (&matching);
  else
    {
      BodyCheck check = { folder, query->body, candidates, matching, NULL, 0, cancellable };
      guint n_workers = MIN (BODY_WORKERS, matching->len);
      g_autofree GThread **workers = g_new0 (GThread *, n_workers + 1);

      check.verdicts = g_new0 (gint, matching->len);
      for (guint i = 0; i + 1 < n_workers; i++)
        workers[i] = g_thread_new ("cartable-search", body_check_worker, &check);
      body_check_worker (&check);
      for (guint i = 0; i + 1 < n_workers; i++)
        g_thread_join (workers[i]);

      out = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < matching->len; i++)
        if (check.verdicts[i] == BODY_MATCHES)
          g_ptr_array_add (out, g_strdup (matching->pdata[i]));
        else if (check.verdicts[i] == BODY_NOT_SEARCHED)
          searched_all = FALSE;
      g_free (check.verdicts);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_ptr_array_unref (out);
      return NULL;
    }

  if (complete != NULL)
    *complete = searched_all;

  return out;
}

GPtrArray *
cartable_mail_search_sync (CamelFolder          *folder,
                           CartableSearchQuery  *query,
                           GCancellable         *cancellable,
                           GError              **error)
{
  return cartable_mail_search_sync_full (folder, query, NULL, cancellable, error);
}

typedef struct
{
  CamelFolder         *folder;
  CartableSearchQuery *query;
  gboolean             complete;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *d = data;

  g_clear_object (&d->folder);
  cartable_search_query_unref (d->query);
  g_free (d);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *d = task_data;
  GError *error = NULL;
  GPtrArray *uids;

  uids = cartable_mail_search_sync_full (d->folder, d->query, &d->complete, cancellable, &error);
  if (uids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, uids, (GDestroyNotify) g_ptr_array_unref);
}

void
cartable_mail_search_async (CamelFolder         *folder,
                            CartableSearchQuery *query,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *d;

  g_return_if_fail (CAMEL_IS_FOLDER (folder));
  g_return_if_fail (query != NULL);

  d = g_new0 (SearchData, 1);
  d->folder = g_object_ref (folder);
  d->query = cartable_search_query_ref (query);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_search_async);
  g_task_set_task_data (task, d, search_data_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
cartable_mail_search_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
cartable_mail_search_finish_full (GAsyncResult  *result,
                                  gboolean      *complete,
                                  GError       **error)
{
  GPtrArray *uids;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  uids = g_task_propagate_pointer (G_TASK (result), error);
  if (uids != NULL && complete != NULL)
    *complete = ((SearchData *) g_task_get_task_data (G_TASK (result)))->complete;

  return uids;
}

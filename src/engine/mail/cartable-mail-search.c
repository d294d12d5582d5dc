/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-mail-session.h"
#include "cartable-mail-search.h"
#include "cartable-message.h"

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

/* ------------------------------------------------------------------ query */

struct _CartableSearchQuery
{
  gatomicrefcount  ref_count;
  GStrv            words;     /* normalized */
  char            *from;
  char            *to;
  char            *subject;
  char            *body;      /* as typed */
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
      g_free (self->body);
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
  g_return_if_fail (self != NULL);
  g_free (self->body);
  self->body = body != NULL && *body ? g_utf8_make_valid (body, -1) : NULL;
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

char *
cartable_search_query_to_sexp (CartableSearchQuery *self)
{
  g_autoptr(GString) encoded = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->body == NULL)
    return NULL;

  encoded = g_string_new (NULL);
  camel_sexp_encode_string (encoded, self->body);

  return g_strdup_printf ("(match-all (body-contains %s))", encoded->str);
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

/* Whether the body of @uid, if Camel's offline cache holds it, contains
 * @needle (already folded). Never goes to the network. */
static gboolean
cached_body_contains (CamelFolder  *folder,
                      const char   *uid,
                      const char   *needle,
                      GCancellable *cancellable)
{
  g_autoptr(CamelMimeMessage) cached = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(CartableMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *folded = NULL;

  cached = camel_folder_get_message_cached (folder, uid, cancellable);
  if (cached == NULL)
    return FALSE;

  out = g_memory_output_stream_new_resizable ();
  if (camel_data_wrapper_write_to_output_stream_sync (CAMEL_DATA_WRAPPER (cached), out,
                                                      cancellable, NULL) < 0 ||
      !g_output_stream_close (out, cancellable, NULL))
    return FALSE;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  message = cartable_message_new_from_bytes (bytes, NULL);
  if (message == NULL)
    return FALSE;

  text = g_string_new (cartable_message_get_text_body (message));
  if (cartable_message_get_html_body (message) != NULL)
    {
      g_string_append_c (text, '\n');
      append_html_text (text, cartable_message_get_html_body (message));
    }
  folded = cartable_mail_search_normalize (text->str);

  return strstr (folded, needle) != NULL;
}

GPtrArray *
cartable_mail_search_sync (CamelFolder          *folder,
                           CartableSearchQuery  *query,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autoptr(GHashTable) body_matches = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *body_needle = NULL;
  GPtrArray *out;
  GPtrArray *uids;

  g_return_val_if_fail (CAMEL_IS_FOLDER (folder), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->body != NULL)
    {
      g_autofree char *sexp = cartable_search_query_to_sexp (query);
      GPtrArray *found;

      /* Camel sends this to the server when online and searches the
       * cached messages otherwise. */
      found = camel_folder_search_by_expression (folder, sexp, cancellable, &local_error);
      if (local_error != NULL)
        {
          if (found != NULL)
            camel_folder_search_free (folder, found);
          g_propagate_error (error, cartable_mail_error_from_camel (local_error));
          return NULL;
        }

      body_matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; found != NULL && i < found->len; i++)
        g_hash_table_add (body_matches, g_strdup (found->pdata[i]));
      if (found != NULL)
        camel_folder_search_free (folder, found);
    }

  if (query->body != NULL)
    body_needle = cartable_mail_search_normalize (query->body);

  out = g_ptr_array_new_with_free_func (g_free);
  uids = camel_folder_get_uids (folder);
  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      info = camel_folder_get_message_info (folder, uids->pdata[i]);
      if (info == NULL || (camel_message_info_get_flags (info) & CAMEL_MESSAGE_DELETED) ||
          !cartable_search_query_matches_info (query, info))
        continue;

      /* The body: what Camel found (the server's exact-accent matches when
       * online), or a cached body matching once folded. */
      if (body_matches != NULL && !g_hash_table_contains (body_matches, uids->pdata[i]) &&
          !cached_body_contains (folder, uids->pdata[i], body_needle, cancellable))
        continue;

      g_ptr_array_add (out, g_strdup (uids->pdata[i]));
    }
  camel_folder_free_uids (folder, uids);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_ptr_array_unref (out);
      return NULL;
    }

  return out;
}

typedef struct
{
  CamelFolder         *folder;
  CartableSearchQuery *query;
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

  uids = cartable_mail_search_sync (d->folder, d->query, cancellable, &error);
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

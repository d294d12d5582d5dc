/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cartable-mail-actions-private.h"
#include "cartable-mail-error.h"
#include "cartable-message-list-private.h"

/* ------------------------------------------------------------------ summary */

struct _CartableMessageSummary
{
  GObject      parent_instance;

  const char  *uid;           /* camel pstrings */
  const char  *thread_root;
  char        *subject;
  char        *from;
  char        *to;
  char        *cc;
  gint64       date;
  guint32      flags;
  guint32      size;
  guint        thread_count;
  char        *folder_name;   /* set by a search over several folders */

  /* The list that handed this summary out and keeps it up to date (not
   * owned; cleared when the list goes first). */
  CartableMessageList *list;
};

static void message_list_forget (CartableMessageList    *list,
                                 CartableMessageSummary *summary);

G_DEFINE_FINAL_TYPE (CartableMessageSummary, cartable_message_summary, G_TYPE_OBJECT)

enum {
  SUMMARY_PROP_0,
  SUMMARY_PROP_UID,
  SUMMARY_PROP_SUBJECT,
  SUMMARY_PROP_FROM,
  SUMMARY_PROP_DATE,
  SUMMARY_PROP_SEEN,
  SUMMARY_PROP_FLAGGED,
  SUMMARY_PROP_HAS_ATTACHMENT,
  SUMMARY_PROP_THREAD_COUNT,
  SUMMARY_N_PROPS
};

static GParamSpec *summary_properties[SUMMARY_N_PROPS];

static void
cartable_message_summary_finalize (GObject *object)
{
  CartableMessageSummary *self = CARTABLE_MESSAGE_SUMMARY (object);

  if (self->list != NULL)
    message_list_forget (self->list, self);
  camel_pstring_free (self->uid);
  camel_pstring_free (self->thread_root);
  g_free (self->subject);
  g_free (self->from);
  g_free (self->to);
  g_free (self->cc);
  g_free (self->folder_name);

  G_OBJECT_CLASS (cartable_message_summary_parent_class)->finalize (object);
}

static void
cartable_message_summary_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableMessageSummary *self = CARTABLE_MESSAGE_SUMMARY (object);

  switch (prop_id)
    {
    case SUMMARY_PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case SUMMARY_PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case SUMMARY_PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    case SUMMARY_PROP_DATE:
      g_value_set_int64 (value, self->date);
      break;
    case SUMMARY_PROP_SEEN:
      g_value_set_boolean (value, cartable_message_summary_get_seen (self));
      break;
    case SUMMARY_PROP_FLAGGED:
      g_value_set_boolean (value, cartable_message_summary_get_flagged (self));
      break;
    case SUMMARY_PROP_HAS_ATTACHMENT:
      g_value_set_boolean (value, cartable_message_summary_get_has_attachment (self));
      break;
    case SUMMARY_PROP_THREAD_COUNT:
      g_value_set_uint (value, self->thread_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_summary_class_init (CartableMessageSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cartable_message_summary_finalize;
  object_class->get_property = cartable_message_summary_get_property;

  summary_properties[SUMMARY_PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_DATE] =
    g_param_spec_int64 ("date", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_SEEN] =
    g_param_spec_boolean ("seen", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_FLAGGED] =
    g_param_spec_boolean ("flagged", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_HAS_ATTACHMENT] =
    g_param_spec_boolean ("has-attachment", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_THREAD_COUNT] =
    g_param_spec_uint ("thread-count", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, SUMMARY_N_PROPS, summary_properties);
}

static void
cartable_message_summary_init (CartableMessageSummary *self)
{
  self->thread_count = 1;
}

static gint64
info_date (CamelMessageInfo *info)
{
  gint64 date = camel_message_info_get_date_sent (info);

  return date > 0 ? date : camel_message_info_get_date_received (info);
}

CartableMessageSummary *
cartable_message_summary_new_from_info (CamelMessageInfo *info)
{
  CartableMessageSummary *self;

  g_return_val_if_fail (CAMEL_IS_MESSAGE_INFO (info), NULL);

  self = g_object_new (CARTABLE_TYPE_MESSAGE_SUMMARY, NULL);
  camel_message_info_property_lock (info);
  self->uid = camel_pstring_strdup (camel_message_info_get_uid (info));
  self->thread_root = camel_pstring_strdup (self->uid);
  self->subject = g_strdup (camel_message_info_get_subject (info));
  self->from = g_strdup (camel_message_info_get_from (info));
  self->to = g_strdup (camel_message_info_get_to (info));
  self->cc = g_strdup (camel_message_info_get_cc (info));
  self->date = info_date (info);
  self->flags = camel_message_info_get_flags (info);
  self->size = camel_message_info_get_size (info);
  camel_message_info_property_unlock (info);

  return self;
}

/* Brings @self up to date with @info in place (a flag changed, headers
 * arrived), notifying what changed. */
void
_cartable_message_summary_refresh (CartableMessageSummary *self,
                                   CamelMessageInfo       *info)
{
  GObject *object = G_OBJECT (self);
  gboolean subject_changed, from_changed;
  guint32 old_flags = self->flags;
  guint32 flags;

  camel_message_info_property_lock (info);
  flags = camel_message_info_get_flags (info);
  subject_changed = g_strcmp0 (self->subject, camel_message_info_get_subject (info)) != 0;
  if (subject_changed)
    {
      g_free (self->subject);
      self->subject = g_strdup (camel_message_info_get_subject (info));
    }
  from_changed = g_strcmp0 (self->from, camel_message_info_get_from (info)) != 0;
  if (from_changed)
    {
      g_free (self->from);
      self->from = g_strdup (camel_message_info_get_from (info));
    }
  if (g_strcmp0 (self->to, camel_message_info_get_to (info)) != 0)
    {
      g_free (self->to);
      self->to = g_strdup (camel_message_info_get_to (info));
    }
  if (g_strcmp0 (self->cc, camel_message_info_get_cc (info)) != 0)
    {
      g_free (self->cc);
      self->cc = g_strdup (camel_message_info_get_cc (info));
    }
  self->size = camel_message_info_get_size (info);
  camel_message_info_property_unlock (info);

  self->flags = flags;

  g_object_freeze_notify (object);
  if (subject_changed)
    g_object_notify_by_pspec (object, summary_properties[SUMMARY_PROP_SUBJECT]);
  if (from_changed)
    g_object_notify_by_pspec (object, summary_properties[SUMMARY_PROP_FROM]);
  if ((old_flags ^ flags) & CAMEL_MESSAGE_SEEN)
    g_object_notify_by_pspec (object, summary_properties[SUMMARY_PROP_SEEN]);
  if ((old_flags ^ flags) & CAMEL_MESSAGE_FLAGGED)
    g_object_notify_by_pspec (object, summary_properties[SUMMARY_PROP_FLAGGED]);
  if ((old_flags ^ flags) & CAMEL_MESSAGE_ATTACHMENTS)
    g_object_notify_by_pspec (object, summary_properties[SUMMARY_PROP_HAS_ATTACHMENT]);
  g_object_thaw_notify (object);
}

#define SUMMARY_GETTER(type, field, fallback) \
  type \
  cartable_message_summary_get_##field (CartableMessageSummary *self) \
  { \
    g_return_val_if_fail (CARTABLE_IS_MESSAGE_SUMMARY (self), fallback); \
    return self->field; \
  }

SUMMARY_GETTER (const char *, uid, NULL)
SUMMARY_GETTER (const char *, subject, NULL)
SUMMARY_GETTER (const char *, from, NULL)
SUMMARY_GETTER (const char *, to, NULL)
SUMMARY_GETTER (const char *, cc, NULL)
SUMMARY_GETTER (gint64, date, 0)
SUMMARY_GETTER (guint32, flags, 0)
SUMMARY_GETTER (guint32, size, 0)
SUMMARY_GETTER (guint, thread_count, 1)
SUMMARY_GETTER (const char *, thread_root, NULL)
SUMMARY_GETTER (const char *, folder_name, NULL)

#undef SUMMARY_GETTER

void
_cartable_message_summary_set_folder_name (CartableMessageSummary *self,
                                           const char             *folder_name)
{
  g_assert (CARTABLE_IS_MESSAGE_SUMMARY (self));

  g_free (self->folder_name);
  self->folder_name = g_strdup (folder_name);
}

gboolean
cartable_message_summary_get_seen (CartableMessageSummary *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_SUMMARY (self), FALSE);
  return (self->flags & CAMEL_MESSAGE_SEEN) != 0;
}

gboolean
cartable_message_summary_get_flagged (CartableMessageSummary *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_SUMMARY (self), FALSE);
  return (self->flags & CAMEL_MESSAGE_FLAGGED) != 0;
}

gboolean
cartable_message_summary_get_answered (CartableMessageSummary *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_SUMMARY (self), FALSE);
  return (self->flags & CAMEL_MESSAGE_ANSWERED) != 0;
}

gboolean
cartable_message_summary_get_has_attachment (CartableMessageSummary *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_SUMMARY (self), FALSE);
  return (self->flags & CAMEL_MESSAGE_ATTACHMENTS) != 0;
}

/* ------------------------------------------------------------------ rows */

typedef struct
{
  const char *uid;           /* camel pstring */
  const char *root;          /* camel pstring: oldest message of the conversation */
  gint64      date;
  guint       thread_count;
  guint       set;           /* conversation index, for dup_thread_uids */
  gboolean    extra;         /* shown for the matches only (see set_matches) */
} Row;

typedef struct
{
  GArray     *rows;          /* Row, display order */
  GHashTable *positions;     /* uid (pstring) → position + 1 */
  GArray     *members;       /* per conversation: GPtrArray of uids (threaded only) */
  GHashTable *hidden;        /* uids (pstrings) of the conversations' members
                              * without a row of their own (threaded only) */
} Index;

static void
row_clear (gpointer data)
{
  Row *row = data;

  camel_pstring_free (row->uid);
  camel_pstring_free (row->root);
}

static void
index_free (Index *index)
{
  if (index == NULL)
    return;
  g_clear_pointer (&index->rows, g_array_unref);
  g_clear_pointer (&index->positions, g_hash_table_unref);
  g_clear_pointer (&index->members, g_array_unref);
  g_clear_pointer (&index->hidden, g_hash_table_unref);
  g_free (index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Index, index_free)

static void
members_clear (gpointer data)
{
  g_clear_pointer ((GPtrArray **) data, g_ptr_array_unref);
}

static Index *
index_new (void)
{
  Index *index = g_new0 (Index, 1);

  index->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_array_set_clear_func (index->rows, row_clear);
  index->positions = g_hash_table_new (g_direct_hash, g_direct_equal);
  index->members = g_array_new (FALSE, TRUE, sizeof (GPtrArray *));
  g_array_set_clear_func (index->members, members_clear);
  index->hidden = g_hash_table_new (g_direct_hash, g_direct_equal);
  return index;
}

typedef struct
{
  const char *uid;
  gint64      date;
  guint64     message_id;
  GArray     *references;
  guint       parent;       /* union-find */
  gboolean    extra;
} Entry;

static guint
find_set (Entry *entries,
          guint  i)
{
  while (entries[i].parent != i)
    {
      entries[i].parent = entries[entries[i].parent].parent;
      i = entries[i].parent;
    }
  return i;
}

static void
union_sets (Entry *entries,
            guint  a,
            guint  b)
{
  guint ra = find_set (entries, a);
  guint rb = find_set (entries, b);

  if (ra != rb)
    entries[MAX (ra, rb)].parent = MIN (ra, rb);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *ra = a;
  const Row *rb = b;
  guint64 ua, ub;

  /* What a body search added comes below what the filter showed at once:
   * the rows already there do not move when it arrives. */
  if (ra->extra != rb->extra)
    return ra->extra ? 1 : -1;
  if (ra->date != rb->date)
    return ra->date > rb->date ? -1 : 1;

  /* Same date: the later arrival (higher IMAP uid) first. */
  ua = g_ascii_strtoull (ra->uid, NULL, 10);
  ub = g_ascii_strtoull (rb->uid, NULL, 10);
  if (ua != ub)
    return ua > ub ? -1 : 1;
  return strcmp (ra->uid, rb->uid);
}

/* Older first; the same date: the earlier arrival (lower IMAP uid). */
static int
compare_entries_by_age (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const Entry *entries = user_data;
  const Entry *ea = &entries[*(const guint *) a];
  const Entry *eb = &entries[*(const guint *) b];
  guint64 ua, ub;

  if (ea->date != eb->date)
    return ea->date < eb->date ? -1 : 1;
  ua = g_ascii_strtoull (ea->uid, NULL, 10);
  ub = g_ascii_strtoull (eb->uid, NULL, 10);
  if (ua != ub)
    return ua < ub ? -1 : 1;
  return strcmp (ea->uid, eb->uid);
}

typedef struct
{
  CartableMessageFilterFunc func;
  gpointer                  data;
  GDestroyNotify            destroy;
  gatomicrefcount           ref_count;
} Filter;

static Filter *
filter_ref (Filter *filter)
{
  if (filter != NULL)
    g_atomic_ref_count_inc (&filter->ref_count);
  return filter;
}

static void
filter_unref (Filter *filter)
{
  if (filter != NULL && g_atomic_ref_count_dec (&filter->ref_count))
    {
      if (filter->destroy != NULL)
        filter->destroy (filter->data);
      g_free (filter);
    }
}

/* Runs in a worker thread: reads Camel's summary only. */
static Index *
build_index (CamelFolder *folder,
             gboolean     threaded,
             Filter      *filter,
             GHashTable  *matches)
{
  CamelFolderSummary *summary = camel_folder_get_folder_summary (folder);
  g_autoptr(GHashTable) by_message_id = NULL;
  GPtrArray *uids;
  Entry *entries;
  guint n = 0;
  Index *index = index_new ();
  g_autofree guint *set_count = NULL;
  g_autofree guint *set_newest = NULL;
  g_autofree guint *set_oldest = NULL;
  g_autofree guint *set_number = NULL;
  g_autoptr(GHashTable) pending_moves = _cartable_mail_dup_pending_moves (folder);

  if (summary != NULL)
    camel_folder_summary_prepare_fetch_all (summary, NULL);

  uids = camel_folder_get_uids (folder);
  entries = g_new0 (Entry, uids->len);
  by_message_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[i]);
      gboolean extra;
      Entry *e;

      if (info == NULL || g_hash_table_contains (pending_moves, uids->pdata[i]))
        continue;
      if (camel_message_info_get_flags (info) & CAMEL_MESSAGE_DELETED)
        continue;
      extra = filter != NULL && !filter->func (info, filter->data);
      if (extra && (matches == NULL || !g_hash_table_contains (matches, uids->pdata[i])))
        continue;

      e = &entries[n];
      e->extra = extra;
      e->uid = camel_pstring_strdup (uids->pdata[i]);
      e->date = info_date (info);
      e->parent = n;
      if (threaded)
        {
          e->message_id = camel_message_info_get_message_id (info);
          e->references = camel_message_info_dup_references (info);
          if (e->message_id != 0 && !g_hash_table_contains (by_message_id, &e->message_id))
            g_hash_table_insert (by_message_id, &e->message_id, GUINT_TO_POINTER (n + 1));
        }
      n++;
    }
  camel_folder_free_uids (folder, uids);

  if (threaded)
    {
      for (guint i = 0; i < n; i++)
        {
          GArray *refs = entries[i].references;

          for (guint r = 0; refs != NULL && r < refs->len; r++)
            {
              guint64 id = g_array_index (refs, guint64, r);
              guint j = GPOINTER_TO_UINT (g_hash_table_lookup (by_message_id, &id));

              if (j != 0)
                union_sets (entries, i, j - 1);
            }
        }
    }

  set_count = g_new0 (guint, MAX (n, 1));
  set_newest = g_new0 (guint, MAX (n, 1));
  set_oldest = g_new0 (guint, MAX (n, 1));
  set_number = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint s = find_set (entries, i);

      if (set_count[s] == 0)
        set_newest[s] = set_oldest[s] = i;
      else
        {
          if (entries[i].date >= entries[set_newest[s]].date)
            set_newest[s] = i;
          if (entries[i].date < entries[set_oldest[s]].date)
            set_oldest[s] = i;
        }
      set_count[s]++;
    }

  for (guint i = 0; i < n; i++)
    {
      guint s = find_set (entries, i);
      Row row = { 0 };

      if (threaded && set_newest[s] != i)
        continue;

      row.uid = camel_pstring_strdup (entries[i].uid);
      row.root = camel_pstring_strdup (entries[threaded ? set_oldest[s] : i].uid);
      row.date = entries[i].date;
      row.thread_count = threaded ? set_count[s] : 1;
      row.set = s;
      row.extra = entries[i].extra;
      g_array_append_val (index->rows, row);
    }

  g_array_sort (index->rows, compare_rows);
  for (guint i = 0; i < index->rows->len; i++)
    {
      Row *row = &g_array_index (index->rows, Row, i);

      g_hash_table_insert (index->positions, (gpointer) row->uid, GUINT_TO_POINTER (i + 1));
    }

  if (threaded)
    {
      /* Members of each conversation, by row, for dup_thread_uids. */
      for (guint i = 0; i < n; i++)
        set_number[i] = G_MAXUINT;
      g_array_set_size (index->members, index->rows->len);
      for (guint i = 0; i < index->rows->len; i++)
        {
          Row *row = &g_array_index (index->rows, Row, i);

          set_number[row->set] = i;
          g_array_index (index->members, GPtrArray *, i) =
            g_ptr_array_new_with_free_func ((GDestroyNotify) camel_pstring_free);
        }
      g_autofree guint *order = g_new (guint, MAX (n, 1));

      /* Oldest first, the order a conversation is read in. */
      for (guint i = 0; i < n; i++)
        order[i] = i;
      g_qsort_with_data (order, n, sizeof (guint), compare_entries_by_age, entries);
      for (guint k = 0; k < n; k++)
        {
          guint i = order[k];
          guint r = set_number[find_set (entries, i)];

          if (r != G_MAXUINT)
            {
              const char *uid = camel_pstring_strdup (entries[i].uid);

              g_ptr_array_add (g_array_index (index->members, GPtrArray *, r), (gpointer) uid);
              /* Owned by the members array, which lives as long. */
              if (!g_hash_table_contains (index->positions, uid))
                g_hash_table_add (index->hidden, (gpointer) uid);
            }
        }
    }

  for (guint i = 0; i < n; i++)
    {
      camel_pstring_free (entries[i].uid);
      g_clear_pointer (&entries[i].references, g_array_unref);
    }
  g_free (entries);

  return index;
}

/* ------------------------------------------------------------------ list */

struct _CartableMessageList
{
  GObject        parent_instance;

  CamelFolder   *folder;
  GObject       *folder_object;   /* see _cartable_message_list_set_folder_object */
  GMainContext  *context;
  Index         *index;
  Filter        *filter;
  GHashTable    *matches;    /* uids kept whatever the filter says, or NULL */
  gboolean       threaded;

  GCancellable  *cancellable;
  gboolean       rebuilding;
  gboolean       rebuild_again;
  gboolean       settling;   /* a synchronisation runs (see settle_folder) */
  gboolean       settle_again;
  GHashTable    *pending_changed;  /* uids changed while a rebuild ran */
  GHashTable    *live;       /* uid (pstring) → the CartableMessageSummary
                              * handed out for it and still alive (not owned) */
  gulong         changed_handler;

  double         progress;
  int            loading;    /* loads and rebuilds running */
};

static void cartable_message_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableMessageList, cartable_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cartable_message_list_list_model_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_THREADED,
  PROP_PROGRESS,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_NEW_MAIL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
cartable_message_list_get_item_type (GListModel *model)
{
  return CARTABLE_TYPE_MESSAGE_SUMMARY;
}

static guint
cartable_message_list_get_n_items (GListModel *model)
{
  CartableMessageList *self = CARTABLE_MESSAGE_LIST (model);

  return self->index != NULL ? self->index->rows->len : 0;
}

/* What the row adds to a summary: its conversation and its date. */
static void
summary_set_row (CartableMessageSummary *summary,
                 const Row              *row)
{
  if (summary->thread_root != row->root)
    {
      camel_pstring_free (summary->thread_root);
      summary->thread_root = camel_pstring_strdup (row->root);
    }
  if (summary->thread_count != row->thread_count)
    {
      summary->thread_count = row->thread_count;
      g_object_notify_by_pspec (G_OBJECT (summary), summary_properties[SUMMARY_PROP_THREAD_COUNT]);
    }
  if (summary->date != row->date)
    {
      summary->date = row->date;
      g_object_notify_by_pspec (G_OBJECT (summary), summary_properties[SUMMARY_PROP_DATE]);
    }
}

static gpointer
cartable_message_list_get_item (GListModel *model,
                                guint       position)
{
  CartableMessageList *self = CARTABLE_MESSAGE_LIST (model);
  g_autoptr(CamelMessageInfo) info = NULL;
  CartableMessageSummary *summary;
  Row *row;

  if (self->index == NULL || position >= self->index->rows->len)
    return NULL;

  row = &g_array_index (self->index->rows, Row, position);
  info = camel_folder_get_message_info (self->folder, row->uid);
  if (info == NULL)
    {
      /* Gone from the summary before the list caught up: an empty row. */
      summary = g_object_new (CARTABLE_TYPE_MESSAGE_SUMMARY, NULL);
      summary->uid = camel_pstring_strdup (row->uid);
      summary->thread_root = camel_pstring_strdup (row->root);
      summary->flags = CAMEL_MESSAGE_SEEN;
      return summary;
    }

  /* The row's summary still alive (a view shows it): the same object,
   * which flag changes update in place, rather than a copy. */
  summary = g_hash_table_lookup (self->live, row->uid);
  if (summary != NULL)
    {
      g_object_ref (summary);
      _cartable_message_summary_refresh (summary, info);
      summary_set_row (summary, row);
      return summary;
    }

  summary = cartable_message_summary_new_from_info (info);
  camel_pstring_free (summary->thread_root);
  summary->thread_root = camel_pstring_strdup (row->root);
  summary->thread_count = row->thread_count;
  summary->date = row->date;
  summary->list = self;
  g_hash_table_insert (self->live, (gpointer) summary->uid, summary);
  return summary;
}

static void
message_list_forget (CartableMessageList    *list,
                     CartableMessageSummary *summary)
{
  if (g_hash_table_lookup (list->live, summary->uid) == summary)
    g_hash_table_remove (list->live, summary->uid);
}

static void
cartable_message_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cartable_message_list_get_item_type;
  iface->get_n_items = cartable_message_list_get_n_items;
  iface->get_item = cartable_message_list_get_item;
}

/* Replaces the index and tells the views what moved: the common head and
 * tail stay, the middle is replaced (new mail lands at the head); rows whose
 * message changed in place are refreshed one by one. */
static void
apply_index (CartableMessageList *self,
             Index               *fresh,
             GHashTable          *changed_uids)
{
  Index *old = self->index;
  guint old_len = old != NULL ? old->rows->len : 0;
  guint new_len = fresh->rows->len;
  guint head = 0, tail = 0;

  while (head < old_len && head < new_len &&
         g_array_index (old->rows, Row, head).uid == g_array_index (fresh->rows, Row, head).uid &&
         g_array_index (old->rows, Row, head).thread_count == g_array_index (fresh->rows, Row, head).thread_count)
    head++;
  while (tail < old_len - head && tail < new_len - head &&
         g_array_index (old->rows, Row, old_len - 1 - tail).uid ==
           g_array_index (fresh->rows, Row, new_len - 1 - tail).uid &&
         g_array_index (old->rows, Row, old_len - 1 - tail).thread_count ==
           g_array_index (fresh->rows, Row, new_len - 1 - tail).thread_count)
    tail++;

  self->index = fresh;

  if (old_len - head - tail > 0 || new_len - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old_len - head - tail, new_len - head - tail);

  if (changed_uids != NULL)
    {
      GHashTableIter iter;
      gpointer uid;

      g_hash_table_iter_init (&iter, changed_uids);
      while (g_hash_table_iter_next (&iter, &uid, NULL))
        {
          guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (fresh->positions, uid));

          if (pos != 0 && (pos - 1 < head || pos - 1 >= new_len - tail))
            g_list_model_items_changed (G_LIST_MODEL (self), pos - 1, 1, 1);
        }
    }

  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  index_free (old);
}

typedef struct
{
  CamelFolder  *folder;
  GWeakRef      list;       /* workers only hold the list weakly */
  gboolean      threaded;
  Filter       *filter;
  GHashTable   *matches;
  gboolean      from_server;
  GMainContext *context;    /* the list's */
} BuildData;

static gboolean
unref_folder_cb (gpointer folder)
{
  g_object_unref (folder);
  return G_SOURCE_REMOVE;
}

/* A worker drops its task, and so this, in its own thread, maybe after
 * the list's owner closed the mail session (the command line tool does as
 * soon as its list is loaded): the folder is let go in the list's context,
 * where the rest of the session ends. */
static void
build_data_free (gpointer data)
{
  BuildData *d = data;

  if (d->folder != NULL && d->context != NULL && !g_main_context_is_owner (d->context))
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_callback (source, unref_folder_cb, g_steal_pointer (&d->folder), NULL);
      g_source_attach (source, d->context);
    }
  g_clear_object (&d->folder);
  g_weak_ref_clear (&d->list);
  filter_unref (d->filter);
  g_clear_pointer (&d->matches, g_hash_table_unref);
  g_clear_pointer (&d->context, g_main_context_unref);
  g_free (d);
}

static BuildData *
build_data_new (CartableMessageList *self)
{
  BuildData *d = g_new0 (BuildData, 1);

  d->folder = g_object_ref (self->folder);
  g_weak_ref_init (&d->list, self);
  d->threaded = self->threaded;
  d->filter = filter_ref (self->filter);
  d->matches = self->matches != NULL ? g_hash_table_ref (self->matches) : NULL;
  d->context = g_main_context_ref (self->context);
  return d;
}

/* Camel marks each message it adds to a summary (first synchronisation,
 * new mail through IDLE) as changed locally until the folder is
 * synchronised, and its IMAP provider ignores the server's flag updates
 * for such messages: a \Seen or \Flagged set by another client would only
 * show after the next synchronisation. Synchronising sends only what
 * really differs from the server and clears that mark. Worker thread. */
static void
settle_folder (CamelFolder  *folder,
               GCancellable *cancellable)
{
  CamelStore *store = camel_folder_get_parent_store (folder);
  g_autoptr(GError) error = NULL;

  if (!CAMEL_IS_OFFLINE_STORE (store) ||
      !camel_offline_store_get_online (CAMEL_OFFLINE_STORE (store)))
    return;
  if (!camel_folder_synchronize_sync (folder, FALSE, cancellable, &error))
    g_debug ("cannot synchronise %s: %s", camel_folder_get_full_name (folder), error->message);
}

static void
settle_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BuildData *d = task_data;

  settle_folder (d->folder, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void start_settle (CartableMessageList *self);

static void
settle_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BuildData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(CartableMessageList) self = g_weak_ref_get (&d->list);

  if (self == NULL)
    return;
  self->settling = FALSE;
  if (self->settle_again)
    start_settle (self);
}

/* One synchronisation at a time; another one follows if asked meanwhile. */
static void
start_settle (CartableMessageList *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->settling)
    {
      self->settle_again = TRUE;
      return;
    }
  self->settling = TRUE;
  self->settle_again = FALSE;

  task = g_task_new (NULL, self->cancellable, settle_done_cb, NULL);
  g_task_set_source_tag (task, start_settle);
  g_task_set_task_data (task, build_data_new (self), build_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, settle_thread);
}

static void start_rebuild (CartableMessageList *self);

static void
change_loading (CartableMessageList *self,
                int                  delta)
{
  gboolean was = self->loading > 0;

  self->loading += delta;
  if (was != (self->loading > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
pending_changed_free (GHashTable *table)
{
  GHashTableIter iter;
  gpointer uid;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &uid, NULL))
    camel_pstring_free (uid);
  g_hash_table_unref (table);
}

static void
rebuild_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BuildData *d = task_data;

  g_task_return_pointer (task, build_index (d->folder, d->threaded, d->filter, d->matches),
                         (GDestroyNotify) index_free);
}

static void
rebuild_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BuildData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(CartableMessageList) self = g_weak_ref_get (&d->list);
  GHashTable *changed;
  Index *index;

  index = g_task_propagate_pointer (G_TASK (result), NULL);
  if (self == NULL)
    {
      if (index != NULL)
        index_free (index);
      return;
    }
  self->rebuilding = FALSE;
  change_loading (self, -1);
  if (index == NULL)
    return;

  /* Settings changed while building: that result is stale. */
  if (d->threaded != self->threaded || d->filter != self->filter || d->matches != self->matches)
    {
      index_free (index);
      self->rebuild_again = TRUE;
    }
  else
    {
      changed = g_steal_pointer (&self->pending_changed);
      self->pending_changed = g_hash_table_new (g_direct_hash, g_direct_equal);
      apply_index (self, index, changed);
      pending_changed_free (changed);
    }

  if (self->rebuild_again)
    start_rebuild (self);
}

static void
start_rebuild (CartableMessageList *self)
{
  g_autoptr(GTask) task = NULL;
  BuildData *d;

  /* Disposed while a load ran (its task holds the list): no folder to
   * build from any more. */
  if (self->folder == NULL)
    return;
  if (self->rebuilding)
    {
      self->rebuild_again = TRUE;
      return;
    }
  self->rebuilding = TRUE;
  self->rebuild_again = FALSE;
  change_loading (self, +1);

  d = build_data_new (self);

  /* No strong reference: the list may go while this runs, and must then
   * be disposed of in the main context, not in the worker. */
  task = g_task_new (NULL, self->cancellable, rebuild_done_cb, NULL);
  g_task_set_source_tag (task, start_rebuild);
  g_task_set_task_data (task, d, build_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, rebuild_thread);
}

/* Whether one of @uids carries Camel's "changed locally" mark while the
 * store is online (see settle_folder). */
static gboolean
needs_settle (CamelFolder *folder,
              GPtrArray   *uids)
{
  CamelStore *store = camel_folder_get_parent_store (folder);

  if (uids == NULL || !CAMEL_IS_OFFLINE_STORE (store) ||
      !camel_offline_store_get_online (CAMEL_OFFLINE_STORE (store)))
    return FALSE;

  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[i]);

      if (info != NULL && camel_message_info_get_folder_flagged (info))
        return TRUE;
    }
  return FALSE;
}

/* A change that only touches flags of messages the index holds (none
 * added or removed, none deleted or moved away offline, no filter that
 * may look at flags) leaves every row where it is: the summaries handed
 * out are updated in place, which keeps the views' selection and focus,
 * and the index is not rebuilt. FALSE when it must be. */
static gboolean
update_in_place (CartableMessageList   *self,
                 CamelFolderChangeInfo *changes)
{
  GPtrArray *added = camel_folder_change_info_get_added_uids (changes);
  GPtrArray *removed = camel_folder_change_info_get_removed_uids (changes);
  GPtrArray *changed = camel_folder_change_info_get_changed_uids (changes);
  g_autoptr(GHashTable) pending_moves = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  if (self->index == NULL || self->filter != NULL)
    return FALSE;
  if ((added != NULL && added->len > 0) || (removed != NULL && removed->len > 0) ||
      changed == NULL || changed->len == 0)
    return FALSE;

  pending_moves = _cartable_mail_dup_pending_moves (self->folder);
  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < changed->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (self->folder, changed->pdata[i]);
      const char *uid;
      guint pos;

      if (info == NULL || (camel_message_info_get_flags (info) & CAMEL_MESSAGE_DELETED) ||
          g_hash_table_contains (pending_moves, changed->pdata[i]))
        return FALSE;
      /* A message of the summary: its uid is in Camel's string pool. */
      uid = camel_pstring_peek (changed->pdata[i]);

      pos = GPOINTER_TO_UINT (g_hash_table_lookup (self->index->positions, uid));
      if (pos != 0)
        {
          /* The date orders the rows. */
          if (info_date (info) != g_array_index (self->index->rows, Row, pos - 1).date)
            return FALSE;
          g_ptr_array_add (shown, g_steal_pointer (&info));
        }
      else if (!g_hash_table_contains (self->index->hidden, uid))
        return FALSE;   /* e.g. no longer deleted: it comes back */
      /* else inside a conversation shown by its newest message: no row changes. */
    }

  for (guint i = 0; i < shown->len; i++)
    {
      CamelMessageInfo *info = shown->pdata[i];
      CartableMessageSummary *summary;

      summary = g_hash_table_lookup (self->live, camel_pstring_peek (camel_message_info_get_uid (info)));
      if (summary != NULL)
        {
          /* Kept alive while its notifications run. */
          g_object_ref (summary);
          _cartable_message_summary_refresh (summary, info);
          g_object_unref (summary);
        }
    }
  return TRUE;
}

static void
folder_changed_cb (CamelFolder           *folder,
                   CamelFolderChangeInfo *changes,
                   CartableMessageList   *self)
{
  GPtrArray *added = camel_folder_change_info_get_added_uids (changes);
  GPtrArray *changed = camel_folder_change_info_get_changed_uids (changes);
  const char *newest_uid = NULL;
  gint64 newest_date = G_MININT64;
  guint unseen = 0;
  gboolean in_place = update_in_place (self, changes);

  for (guint i = 0; !in_place && changed != NULL && i < changed->len; i++)
    {
      const char *uid = camel_pstring_strdup (changed->pdata[i]);

      if (g_hash_table_contains (self->pending_changed, uid))
        camel_pstring_free (uid);
      else
        g_hash_table_add (self->pending_changed, (gpointer) uid);
    }

  for (guint i = 0; added != NULL && i < added->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, added->pdata[i]);

      if (info != NULL && !(camel_message_info_get_flags (info) & (CAMEL_MESSAGE_SEEN | CAMEL_MESSAGE_DELETED)))
        {
          unseen++;
          if (info_date (info) >= newest_date)
            {
              newest_date = info_date (info);
              newest_uid = added->pdata[i];
            }
        }
    }

  if (!in_place)
    start_rebuild (self);
  if (needs_settle (folder, added) || needs_settle (folder, changed))
    start_settle (self);

  if (unseen > 0)
    g_signal_emit (self, signals[SIGNAL_NEW_MAIL], 0, unseen, newest_uid);
}

static void
cartable_message_list_dispose (GObject *object)
{
  CartableMessageList *self = CARTABLE_MESSAGE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->folder != NULL)
    g_clear_signal_handler (&self->changed_handler, self->folder);
  g_clear_object (&self->folder);
  g_clear_object (&self->folder_object);

  G_OBJECT_CLASS (cartable_message_list_parent_class)->dispose (object);
}

static void
cartable_message_list_finalize (GObject *object)
{
  CartableMessageList *self = CARTABLE_MESSAGE_LIST (object);
  GHashTableIter iter;
  gpointer summary;

  /* The summaries still out there outlive the list. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &summary))
    ((CartableMessageSummary *) summary)->list = NULL;
  g_clear_pointer (&self->live, g_hash_table_unref);

  g_clear_pointer (&self->index, index_free);
  g_clear_pointer (&self->filter, filter_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_clear_pointer (&self->pending_changed, pending_changed_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (cartable_message_list_parent_class)->finalize (object);
}

static void
cartable_message_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CartableMessageList *self = CARTABLE_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_THREADED:
      g_value_set_boolean (value, self->threaded);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading > 0);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, cartable_message_list_get_n_items (G_LIST_MODEL (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CartableMessageList *self = CARTABLE_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;
    case PROP_THREADED:
      cartable_message_list_set_threaded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_list_constructed (GObject *object)
{
  CartableMessageList *self = CARTABLE_MESSAGE_LIST (object);

  G_OBJECT_CLASS (cartable_message_list_parent_class)->constructed (object);

  g_assert (CAMEL_IS_FOLDER (self->folder));
  self->changed_handler = g_signal_connect (self->folder, "changed",
                                            G_CALLBACK (folder_changed_cb), self);
}

static void
cartable_message_list_class_init (CartableMessageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_message_list_constructed;
  object_class->dispose = cartable_message_list_dispose;
  object_class->finalize = cartable_message_list_finalize;
  object_class->get_property = cartable_message_list_get_property;
  object_class->set_property = cartable_message_list_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, CAMEL_TYPE_FOLDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THREADED] =
    g_param_spec_boolean ("threaded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableMessageList::new-mail:
   * @count: how many unread messages arrived
   * @uid: the newest of them
   *
   * Emitted when unread messages arrive in the folder (for notifications).
   */
  signals[SIGNAL_NEW_MAIL] =
    g_signal_new ("new-mail",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
cartable_message_list_init (CartableMessageList *self)
{
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->pending_changed = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->live = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->progress = -1.0;
}

CartableMessageList *
cartable_message_list_new (CamelFolder *folder)
{
  g_return_val_if_fail (CAMEL_IS_FOLDER (folder), NULL);

  return g_object_new (CARTABLE_TYPE_MESSAGE_LIST, "folder", folder, NULL);
}

CamelFolder *
cartable_message_list_get_camel_folder (CartableMessageList *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), NULL);

  return self->folder;
}

GObject *
_cartable_message_list_get_folder_object (CartableMessageList *self)
{
  g_assert (CARTABLE_IS_MESSAGE_LIST (self));

  return self->folder_object;
}

void
_cartable_message_list_set_folder_object (CartableMessageList *self,
                                          GObject             *folder_object)
{
  g_assert (CARTABLE_IS_MESSAGE_LIST (self));

  g_set_object (&self->folder_object, folder_object);
}

gboolean
cartable_message_list_get_threaded (CartableMessageList *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), FALSE);

  return self->threaded;
}

void
cartable_message_list_set_threaded (CartableMessageList *self,
                                    gboolean             threaded)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST (self));

  threaded = !!threaded;
  if (self->threaded == threaded)
    return;

  self->threaded = threaded;
  if (self->index != NULL)
    start_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREADED]);
}

void
cartable_message_list_set_filter (CartableMessageList       *self,
                                  CartableMessageFilterFunc  func,
                                  gpointer                   user_data,
                                  GDestroyNotify             destroy)
{
  Filter *filter = NULL;

  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST (self));

  if (func != NULL)
    {
      filter = g_new0 (Filter, 1);
      g_atomic_ref_count_init (&filter->ref_count);
      filter->func = func;
      filter->data = user_data;
      filter->destroy = destroy;
    }
  else if (destroy != NULL)
    destroy (user_data);

  g_clear_pointer (&self->filter, filter_unref);
  self->filter = filter;
  if (self->index != NULL)
    start_rebuild (self);
}

void
cartable_message_list_set_matches (CartableMessageList *self,
                                   GPtrArray           *uids)
{
  GHashTable *matches = NULL;

  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST (self));

  if (uids == NULL && self->matches == NULL)
    return;

  /* A new set each time, never changed afterwards: a rebuild running in a
   * worker reads the one it was given. */
  if (uids != NULL)
    {
      matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < uids->len; i++)
        g_hash_table_add (matches, g_strdup (uids->pdata[i]));
    }

  g_clear_pointer (&self->matches, g_hash_table_unref);
  self->matches = matches;
  if (self->index != NULL)
    start_rebuild (self);
}

double
cartable_message_list_get_progress (CartableMessageList *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), -1.0);

  return self->progress;
}

gboolean
cartable_message_list_get_loading (CartableMessageList *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), FALSE);

  return self->loading > 0;
}

int
cartable_message_list_find (CartableMessageList *self,
                            const char          *uid)
{
  const char *key;
  guint pos;

  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), -1);
  g_return_val_if_fail (uid != NULL, -1);

  if (self->index == NULL)
    return -1;

  key = camel_pstring_strdup (uid);
  pos = GPOINTER_TO_UINT (g_hash_table_lookup (self->index->positions, key));
  camel_pstring_free (key);

  return (int) pos - 1;
}

GPtrArray *
cartable_message_list_dup_thread_uids (CartableMessageList *self,
                                       guint                position)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), out);

  if (self->index == NULL || position >= self->index->rows->len)
    return out;

  if (self->threaded && position < self->index->members->len)
    {
      GPtrArray *members = g_array_index (self->index->members, GPtrArray *, position);

      for (guint i = 0; i < members->len; i++)
        g_ptr_array_add (out, g_strdup (members->pdata[i]));
    }
  else
    g_ptr_array_add (out, g_strdup (g_array_index (self->index->rows, Row, position).uid));

  return out;
}

GPtrArray *
cartable_message_list_dup_thread_summaries (CartableMessageList *self,
                                            guint                position)
{
  g_autoptr(GPtrArray) uids = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), out);

  uids = cartable_message_list_dup_thread_uids (self, position);
  for (guint i = 0; i < uids->len; i++)
    {
      const char *uid = uids->pdata[i];
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (self->folder, uid);
      CartableMessageSummary *summary;

      /* Gone from the folder since the list was built: left out. */
      if (info == NULL)
        continue;

      summary = g_hash_table_lookup (self->live, camel_pstring_peek (uid));
      if (summary != NULL)
        {
          g_object_ref (summary);
          _cartable_message_summary_refresh (summary, info);
        }
      else
        summary = cartable_message_summary_new_from_info (info);
      g_ptr_array_add (out, summary);
    }

  return out;
}

/* ------------------------------------------------------------------ load
 *
 * The worker runs a task of its own that holds the list weakly, as the
 * rebuilds do: a thread-pool worker drops its reference to its task after
 * reporting, sometimes after the main context has finished with it, and a
 * task whose source were the list could then dispose of the list in the
 * worker, while the main context still hands it the folder's changes. The
 * task the caller sees lives in the main context only. */

typedef struct
{
  GTask  *worker;   /* its BuildData says which list */
  double  progress;
} ProgressData;

static gboolean
set_progress_cb (gpointer data)
{
  ProgressData *p = data;
  BuildData *d = g_task_get_task_data (p->worker);
  g_autoptr(CartableMessageList) self = g_weak_ref_get (&d->list);

  if (self != NULL && self->progress != p->progress)
    {
      self->progress = p->progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  g_object_unref (p->worker);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
post_progress (GTask  *worker,
               double  progress)
{
  BuildData *d = g_task_get_task_data (worker);
  ProgressData *p = g_new0 (ProgressData, 1);

  p->worker = g_object_ref (worker);
  p->progress = progress;
  g_main_context_invoke (d->context, set_progress_cb, p);
}

static void
operation_status_cb (CamelOperation *operation,
                     const char     *what,
                     int             percent,
                     GTask          *worker)
{
  if (percent >= 0)
    post_progress (worker, CLAMP (percent, 0, 100) / 100.0);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BuildData *d = task_data;
  g_autoptr(GError) error = NULL;
  CamelStore *store = camel_folder_get_parent_store (d->folder);

  if (d->from_server && CAMEL_IS_OFFLINE_STORE (store) &&
      camel_offline_store_get_online (CAMEL_OFFLINE_STORE (store)))
    {
      g_autoptr(GCancellable) operation = camel_operation_new_proxy (cancellable);
      gulong handler;

      /* Camel reports the status in the main context: the handler keeps
       * the task for as long as it may still run. */
      handler = g_signal_connect_data (operation, "status", G_CALLBACK (operation_status_cb),
                                       g_object_ref (task), (GClosureNotify) g_object_unref, 0);
      post_progress (task, 0.0);
      camel_folder_refresh_info_sync (d->folder, operation, &error);
      g_signal_handler_disconnect (operation, handler);
      post_progress (task, -1.0);

      if (error != NULL)
        {
          g_task_return_error (task, cartable_mail_error_from_camel (error));
          return;
        }
      settle_folder (d->folder, cancellable);
    }

  g_task_return_pointer (task, build_index (d->folder, d->threaded, d->filter, d->matches),
                         (GDestroyNotify) index_free);
}

/* Main context: hands the worker's result to the caller's task. */
static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  Index *index;

  index = g_task_propagate_pointer (G_TASK (result), &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) index_free);
}

void
cartable_message_list_load_async (CartableMessageList *self,
                                  gboolean             from_server,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  BuildData *d;

  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = build_data_new (self);
  d->from_server = from_server;

  change_loading (self, +1);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_message_list_load_async);
  /* What the load was asked with, for load_finish. */
  g_task_set_task_data (task, build_data_new (self), build_data_free);

  worker = g_task_new (NULL, cancellable, load_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, cartable_message_list_load_async);
  g_task_set_task_data (worker, d, build_data_free);
  g_task_run_in_thread (worker, load_thread);
}

gboolean
cartable_message_list_load_finish (CartableMessageList  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  BuildData *d;
  Index *index;

  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  change_loading (self, -1);

  d = g_task_get_task_data (G_TASK (result));
  index = g_task_propagate_pointer (G_TASK (result), error);
  if (index == NULL)
    return FALSE;

  if (d->threaded != self->threaded || d->filter != self->filter || d->matches != self->matches)
    {
      index_free (index);
      start_rebuild (self);
      return TRUE;
    }

  apply_index (self, index, NULL);
  return TRUE;
}

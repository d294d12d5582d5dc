/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-search"

#include "config.h"

#include "cartable-folder-tree-private.h"
#include "cartable-mail-search-private.h"
#include "cartable-mail-search-results.h"
#include "cartable-message-list-private.h"

struct _CartableSearchResults
{
  GObject             parent_instance;

  CartableFolderTree *tree;
  GPtrArray          *items;      /* CartableMessageSummary, display order */
  GHashTable         *keys;       /* "folder\nuid" → the item (not owned) */
  GHashTable         *followed;   /* full name → Followed: the folders whose changes are followed */
  GCancellable       *cancellable;
  guint               generation; /* bumped by each search and clear */
  gboolean            searching;
};

static void cartable_search_results_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableSearchResults, cartable_search_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cartable_search_results_list_model_init))

enum {
  PROP_0,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_key (const char *folder_name,
         const char *uid)
{
  return g_strconcat (folder_name, "\n", uid, NULL);
}

static char *
dup_summary_key (CartableMessageSummary *summary)
{
  return dup_key (cartable_message_summary_get_folder_name (summary), cartable_message_summary_get_uid (summary));
}

/* ------------------------------------------------------------ model */

static GType
cartable_search_results_get_item_type (GListModel *model)
{
  return CARTABLE_TYPE_MESSAGE_SUMMARY;
}

static guint
cartable_search_results_get_n_items (GListModel *model)
{
  return CARTABLE_SEARCH_RESULTS (model)->items->len;
}

static gpointer
cartable_search_results_get_item (GListModel *model,
                                  guint       position)
{
  CartableSearchResults *self = CARTABLE_SEARCH_RESULTS (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cartable_search_results_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cartable_search_results_get_item_type;
  iface->get_n_items = cartable_search_results_get_n_items;
  iface->get_item = cartable_search_results_get_item;
}

static void
remove_at (CartableSearchResults *self,
           guint                  position)
{
  g_autofree char *key = dup_summary_key (g_ptr_array_index (self->items, position));

  g_hash_table_remove (self->keys, key);
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* ------------------------------------------------------------ following the folders */

static void
folder_changed_cb (CamelFolder           *folder,
                   CamelFolderChangeInfo *changes,
                   CartableSearchResults *self)
{
  GPtrArray *removed = camel_folder_change_info_get_removed_uids (changes);
  GPtrArray *changed = camel_folder_change_info_get_changed_uids (changes);
  const char *folder_name = camel_folder_get_full_name (folder);

  for (guint i = 0; removed != NULL && i < removed->len; i++)
    {
      int position = cartable_search_results_find (self, folder_name, removed->pdata[i]);

      if (position >= 0)
        remove_at (self, position);
    }

  for (guint i = 0; changed != NULL && i < changed->len; i++)
    {
      int position = cartable_search_results_find (self, folder_name, changed->pdata[i]);
      g_autoptr(CamelMessageInfo) info = NULL;

      if (position < 0)
        continue;
      info = camel_folder_get_message_info (folder, changed->pdata[i]);
      if (info == NULL || (camel_message_info_get_flags (info) & CAMEL_MESSAGE_DELETED))
        remove_at (self, position);
      else
        _cartable_message_summary_refresh (g_ptr_array_index (self->items, position), info);
    }
}

typedef struct
{
  CamelFolder *folder;
  gulong       changed_id;
} Followed;

static void
followed_free (gpointer data)
{
  Followed *followed = data;

  g_signal_handler_disconnect (followed->folder, followed->changed_id);
  g_object_unref (followed->folder);
  g_free (followed);
}

static void
follow_folder (CartableSearchResults *self,
               CamelFolder           *folder)
{
  const char *name = camel_folder_get_full_name (folder);
  Followed *followed;

  if (g_hash_table_contains (self->followed, name))
    return;
  followed = g_new0 (Followed, 1);
  followed->folder = g_object_ref (folder);
  followed->changed_id = g_signal_connect (folder, "changed", G_CALLBACK (folder_changed_cb), self);
  g_hash_table_insert (self->followed, g_strdup (name), followed);
}

/* ------------------------------------------------------------ search */

typedef struct
{
  CamelStore          *store;
  GStrv                folder_names;
  CartableSearchQuery *headers;
  CartableSearchQuery *body;
  GMainContext        *context;
  GWeakRef             results;
  guint                generation;
  gboolean             complete;
} SearchJob;

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_clear_object (&job->store);
  g_strfreev (job->folder_names);
  g_clear_pointer (&job->headers, cartable_search_query_unref);
  g_clear_pointer (&job->body, cartable_search_query_unref);
  g_main_context_unref (job->context);
  g_weak_ref_clear (&job->results);
  g_free (job);
}

/* Rows found, handed from the worker to the results' thread. */
typedef struct
{
  GTask     *worker;    /* its job says which results */
  guint      generation;
  GPtrArray *summaries;
  GPtrArray *folders;   /* CamelFolder to follow */
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_object_unref (batch->worker);
  g_ptr_array_unref (batch->summaries);
  g_ptr_array_unref (batch->folders);
  g_free (batch);
}

static gboolean
deliver_cb (gpointer data)
{
  Batch *batch = data;
  SearchJob *job = g_task_get_task_data (batch->worker);
  g_autoptr(CartableSearchResults) self = g_weak_ref_get (&job->results);
  guint position;
  guint added = 0;

  /* Gone, or a newer search or a clear came first. */
  if (self == NULL || batch->generation != self->generation)
    return G_SOURCE_REMOVE;

  position = self->items->len;
  for (guint i = 0; i < batch->folders->len; i++)
    follow_folder (self, batch->folders->pdata[i]);
  for (guint i = 0; i < batch->summaries->len; i++)
    {
      CartableMessageSummary *summary = batch->summaries->pdata[i];
      char *key = dup_summary_key (summary);

      if (g_hash_table_contains (self->keys, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_insert (self->keys, key, summary);
      g_ptr_array_add (self->items, g_object_ref (summary));
      added++;
    }
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  return G_SOURCE_REMOVE;
}

static void
deliver (GTask     *task,
         SearchJob *job,
         GPtrArray *summaries,
         GPtrArray *folders)
{
  Batch *batch = g_new0 (Batch, 1);
  g_autoptr(GSource) source = NULL;

  batch->worker = g_object_ref (task);
  batch->generation = job->generation;
  batch->summaries = g_ptr_array_ref (summaries);
  batch->folders = folders != NULL ? g_ptr_array_ref (folders) : g_ptr_array_new ();

  /* Always through the results' context, never run here (as
   * g_main_context_invoke would when it finds the context free), and in
   * order with the task's own answer, which comes the same way. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, batch, batch_free);
  g_source_set_static_name (source, "[cartable] search results");
  g_source_attach (source, job->context);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 da = cartable_message_summary_get_date (*(CartableMessageSummary **) a);
  gint64 db = cartable_message_summary_get_date (*(CartableMessageSummary **) b);

  return da > db ? -1 : da < db ? 1 : 0;
}

static CartableMessageSummary *
new_hit (CamelFolder      *folder,
         CamelMessageInfo *info)
{
  CartableMessageSummary *summary = cartable_message_summary_new_from_info (info);

  _cartable_message_summary_set_folder_name (summary, camel_folder_get_full_name (folder));
  return summary;
}

/* Opens @name, its headers brought up to date when online; NULL when it
 * cannot be opened. */
static CamelFolder *
open_folder (SearchJob    *job,
             const char   *name,
             gboolean      online,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) folder = NULL;

  folder = camel_store_get_folder_sync (job->store, name, 0, cancellable, &error);
  if (folder == NULL)
    {
      g_debug ("search: folder %s not opened: %s", name, error != NULL ? error->message : "?");
      return NULL;
    }
  /* A folder never opened has no headers in the cache yet. */
  if (online && !camel_folder_refresh_info_sync (folder, cancellable, &error))
    {
      g_debug ("search: folder %s not refreshed: %s", name, error != NULL ? error->message : "?");
      job->complete = FALSE;
    }
  return g_steal_pointer (&folder);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean online = CAMEL_IS_OFFLINE_STORE (job->store) &&
                    camel_offline_store_get_online (CAMEL_OFFLINE_STORE (job->store));
  GError *error = NULL;

  /* The headers of every folder first: one batch, newest first. */
  for (guint f = 0; job->folder_names[f] != NULL; f++)
    {
      CamelFolder *folder;
      GPtrArray *uids;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      folder = open_folder (job, job->folder_names[f], online, cancellable);
      if (folder == NULL)
        {
          job->complete = FALSE;
          continue;
        }
      g_ptr_array_add (folders, folder);

      uids = camel_folder_get_uids (folder);
      for (guint i = 0; job->headers != NULL && i < uids->len; i++)
        {
          g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[i]);

          if (info != NULL && !(camel_message_info_get_flags (info) & CAMEL_MESSAGE_DELETED) &&
              cartable_search_query_matches_info (job->headers, info))
            {
              g_hash_table_add (found, dup_key (job->folder_names[f], uids->pdata[i]));
              g_ptr_array_add (hits, new_hit (folder, info));
            }
        }
      camel_folder_free_uids (folder, uids);
    }
  g_ptr_array_sort (hits, compare_newest_first);
  deliver (task, job, hits, folders);

  /* Then the text, folder by folder, each folder's matches newest first
   * below what is shown. */
  for (guint f = 0; job->body != NULL && f < folders->len; f++)
    {
      CamelFolder *folder = folders->pdata[f];
      g_autoptr(GPtrArray) uids = NULL;
      g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
      gboolean folder_complete = TRUE;

      uids = cartable_mail_search_sync_full (folder, job->body, &folder_complete, cancellable, &error);
      if (uids == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, error);
              return;
            }
          g_debug ("search: text of %s not searched: %s", camel_folder_get_full_name (folder), error->message);
          g_clear_error (&error);
          job->complete = FALSE;
          continue;
        }
      if (!folder_complete)
        job->complete = FALSE;

      for (guint i = 0; i < uids->len; i++)
        {
          g_autofree char *key = dup_key (camel_folder_get_full_name (folder), uids->pdata[i]);
          g_autoptr(CamelMessageInfo) info = NULL;

          if (g_hash_table_contains (found, key))
            continue;
          info = camel_folder_get_message_info (folder, uids->pdata[i]);
          if (info != NULL)
            g_ptr_array_add (more, new_hit (folder, info));
        }
      g_ptr_array_sort (more, compare_newest_first);
      if (more->len > 0)
        deliver (task, job, more, NULL);
    }

  g_task_return_boolean (task, TRUE);
}

static void
set_searching (CartableSearchResults *self,
               gboolean               searching)
{
  if (self->searching == searching)
    return;
  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
empty (CartableSearchResults *self)
{
  guint len = self->items->len;

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->keys);
  g_hash_table_remove_all (self->followed);
  g_ptr_array_set_size (self->items, 0);
  if (len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, len, 0);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartableSearchResults *self = g_task_get_source_object (task);
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (job->generation == self->generation)
    set_searching (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    {
      g_task_set_task_data (task, GINT_TO_POINTER (job->complete), NULL);
      g_task_return_boolean (task, TRUE);
    }
}

void
cartable_search_results_search_async (CartableSearchResults *self,
                                      CartableSearchQuery   *headers,
                                      CartableSearchQuery   *body,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  SearchJob *job;

  g_return_if_fail (CARTABLE_IS_SEARCH_RESULTS (self));
  g_return_if_fail (headers != NULL);

  empty (self);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(CartableFolderItem) item = g_list_model_get_item (G_LIST_MODEL (self->tree), i);

      if (cartable_folder_item_get_selectable (item))
        g_strv_builder_add (names, cartable_folder_item_get_full_name (item));
    }

  job = g_new0 (SearchJob, 1);
  job->store = g_object_ref (cartable_folder_tree_get_store (self->tree));
  job->folder_names = g_strv_builder_end (names);
  job->headers = cartable_search_query_ref (headers);
  job->body = body != NULL ? cartable_search_query_ref (body) : NULL;
  job->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&job->results, self);
  job->generation = self->generation;
  job->complete = TRUE;

  /* The outer task answers the caller; the inner one runs the worker and
   * keeps the job, which its batches refer to. Only the outer one holds
   * the results: a thread-pool worker drops its reference to its task
   * after reporting, sometimes after the main context has finished with
   * it, and would then dispose of results it held in the worker, while
   * the main context still hands them the folders' changes. */
  outer = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (outer, cartable_search_results_search_async);
  inner = g_task_new (NULL, self->cancellable, search_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, search_thread);
  g_task_set_task_data (inner, job, search_job_free);
  set_searching (self, TRUE);
  g_task_run_in_thread (inner, search_thread);
}

gboolean
cartable_search_results_search_finish (CartableSearchResults  *self,
                                       GAsyncResult           *result,
                                       gboolean               *complete,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (complete != NULL)
    *complete = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

gboolean
cartable_search_results_get_searching (CartableSearchResults *self)
{
  g_return_val_if_fail (CARTABLE_IS_SEARCH_RESULTS (self), FALSE);
  return self->searching;
}

void
cartable_search_results_clear (CartableSearchResults *self)
{
  g_return_if_fail (CARTABLE_IS_SEARCH_RESULTS (self));

  empty (self);
  set_searching (self, FALSE);
}

int
cartable_search_results_find (CartableSearchResults *self,
                              const char            *folder_name,
                              const char            *uid)
{
  g_autofree char *key = NULL;
  gpointer item;
  guint position;

  g_return_val_if_fail (CARTABLE_IS_SEARCH_RESULTS (self), -1);
  g_return_val_if_fail (folder_name != NULL && uid != NULL, -1);

  key = dup_key (folder_name, uid);
  item = g_hash_table_lookup (self->keys, key);
  if (item == NULL || !g_ptr_array_find (self->items, item, &position))
    return -1;
  return (int) position;
}

CartableFolderTree *
cartable_search_results_get_tree (CartableSearchResults *self)
{
  g_return_val_if_fail (CARTABLE_IS_SEARCH_RESULTS (self), NULL);
  return self->tree;
}

/* ------------------------------------------------------------ object */

CartableSearchResults *
cartable_search_results_new (CartableFolderTree *tree)
{
  CartableSearchResults *self;

  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (tree), NULL);

  self = g_object_new (CARTABLE_TYPE_SEARCH_RESULTS, NULL);
  self->tree = g_object_ref (tree);
  return self;
}

static void
cartable_search_results_dispose (GObject *object)
{
  CartableSearchResults *self = CARTABLE_SEARCH_RESULTS (object);

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->followed);

  G_OBJECT_CLASS (cartable_search_results_parent_class)->dispose (object);
}

static void
cartable_search_results_finalize (GObject *object)
{
  CartableSearchResults *self = CARTABLE_SEARCH_RESULTS (object);

  g_clear_object (&self->tree);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->keys);
  g_hash_table_unref (self->followed);

  G_OBJECT_CLASS (cartable_search_results_parent_class)->finalize (object);
}

static void
cartable_search_results_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CartableSearchResults *self = CARTABLE_SEARCH_RESULTS (object);

  switch (prop_id)
    {
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_search_results_class_init (CartableSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_search_results_dispose;
  object_class->finalize = cartable_search_results_finalize;
  object_class->get_property = cartable_search_results_get_property;

  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_search_results_init (CartableSearchResults *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->followed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, followed_free);
}

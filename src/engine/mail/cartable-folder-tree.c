/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-folder-tree-private.h"
#include "cartable-mail-actions-private.h"
#include "cartable-mail-session-private.h"

/* ------------------------------------------------------------------ item */

struct _CartableFolderItem
{
  GObject             parent_instance;

  char               *full_name;
  char               *display_name;
  CartableFolderRole  role;
  guint               depth;
  int                 unread;
  int                 total;
  gboolean            subscribed;
  gboolean            selectable;
};

G_DEFINE_FINAL_TYPE (CartableFolderItem, cartable_folder_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_FULL_NAME,
  ITEM_PROP_DISPLAY_NAME,
  ITEM_PROP_ROLE,
  ITEM_PROP_DEPTH,
  ITEM_PROP_UNREAD,
  ITEM_PROP_TOTAL,
  ITEM_PROP_SUBSCRIBED,
  ITEM_PROP_SELECTABLE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
cartable_folder_item_finalize (GObject *object)
{
  CartableFolderItem *self = CARTABLE_FOLDER_ITEM (object);

  g_free (self->full_name);
  g_free (self->display_name);

  G_OBJECT_CLASS (cartable_folder_item_parent_class)->finalize (object);
}

static void
cartable_folder_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableFolderItem *self = CARTABLE_FOLDER_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case ITEM_PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case ITEM_PROP_ROLE:
      g_value_set_int (value, self->role);
      break;
    case ITEM_PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    case ITEM_PROP_UNREAD:
      g_value_set_int (value, self->unread);
      break;
    case ITEM_PROP_TOTAL:
      g_value_set_int (value, self->total);
      break;
    case ITEM_PROP_SUBSCRIBED:
      g_value_set_boolean (value, self->subscribed);
      break;
    case ITEM_PROP_SELECTABLE:
      g_value_set_boolean (value, self->selectable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_folder_item_class_init (CartableFolderItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cartable_folder_item_finalize;
  object_class->get_property = cartable_folder_item_get_property;

  item_properties[ITEM_PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL, 0, G_MAXINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_UNREAD] =
    g_param_spec_int ("unread", NULL, NULL, -1, G_MAXINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_TOTAL] =
    g_param_spec_int ("total", NULL, NULL, -1, G_MAXINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_SUBSCRIBED] =
    g_param_spec_boolean ("subscribed", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_SELECTABLE] =
    g_param_spec_boolean ("selectable", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
cartable_folder_item_init (CartableFolderItem *self)
{
  self->selectable = TRUE;
}

#define ITEM_GETTER(type, field, fallback) \
  type \
  cartable_folder_item_get_##field (CartableFolderItem *self) \
  { \
    g_return_val_if_fail (CARTABLE_IS_FOLDER_ITEM (self), fallback); \
    return self->field; \
  }

ITEM_GETTER (const char *, full_name, NULL)
ITEM_GETTER (const char *, display_name, NULL)
ITEM_GETTER (CartableFolderRole, role, CARTABLE_FOLDER_ROLE_NONE)
ITEM_GETTER (guint, depth, 0)
ITEM_GETTER (int, unread, 0)
ITEM_GETTER (int, total, 0)
ITEM_GETTER (gboolean, subscribed, FALSE)
ITEM_GETTER (gboolean, selectable, FALSE)

#undef ITEM_GETTER

static void
item_set_counts (CartableFolderItem *self,
                 int                 unread,
                 int                 total)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->unread != unread)
    {
      self->unread = unread;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_UNREAD]);
    }
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Copies what changed from @from into @self (same full name). */
static void
item_update_from (CartableFolderItem *self,
                  CartableFolderItem *from)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->display_name, from->display_name) != 0)
    {
      g_free (self->display_name);
      self->display_name = g_strdup (from->display_name);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_DISPLAY_NAME]);
    }
  if (self->role != from->role)
    {
      self->role = from->role;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_ROLE]);
    }
  if (self->subscribed != from->subscribed)
    {
      self->subscribed = from->subscribed;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_SUBSCRIBED]);
    }
  if (self->selectable != from->selectable)
    {
      self->selectable = from->selectable;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_SELECTABLE]);
    }
  /* Counts from an unopened folder's info are only known when >= 0. */
  if (from->unread >= 0 && from->total >= 0)
    item_set_counts (self, from->unread, from->total);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------ tree */

struct _CartableFolderTree
{
  GObject       parent_instance;

  CamelStore   *store;
  GMainContext *context;
  GPtrArray    *items;            /* CartableFolderItem, display order */
  GHashTable   *opened;           /* full name → CamelFolder (watched for counts) */
  GCancellable *cancellable;
  guint         refresh_source;
  gulong        store_handlers[7];
};

static void cartable_folder_tree_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableFolderTree, cartable_folder_tree, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cartable_folder_tree_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cartable_folder_tree_get_item_type (GListModel *model)
{
  return CARTABLE_TYPE_FOLDER_ITEM;
}

static guint
cartable_folder_tree_get_n_items (GListModel *model)
{
  return CARTABLE_FOLDER_TREE (model)->items->len;
}

static gpointer
cartable_folder_tree_get_item (GListModel *model,
                               guint       position)
{
  CartableFolderTree *self = CARTABLE_FOLDER_TREE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cartable_folder_tree_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cartable_folder_tree_get_item_type;
  iface->get_n_items = cartable_folder_tree_get_n_items;
  iface->get_item = cartable_folder_tree_get_item;
}

static int
role_rank (CartableFolderRole role)
{
  switch (role)
    {
    case CARTABLE_FOLDER_ROLE_INBOX: return 0;
    case CARTABLE_FOLDER_ROLE_DRAFTS: return 1;
    case CARTABLE_FOLDER_ROLE_SENT: return 2;
    case CARTABLE_FOLDER_ROLE_OUTBOX: return 3;
    case CARTABLE_FOLDER_ROLE_ARCHIVE: return 4;
    case CARTABLE_FOLDER_ROLE_JUNK: return 5;
    case CARTABLE_FOLDER_ROLE_TRASH: return 6;
    case CARTABLE_FOLDER_ROLE_NONE:
    default:
      return 100;
    }
}

static int
compare_siblings (gconstpointer a,
                  gconstpointer b)
{
  CamelFolderInfo *fa = *(CamelFolderInfo **) a;
  CamelFolderInfo *fb = *(CamelFolderInfo **) b;
  int ra = role_rank (cartable_folder_role_from_info (fa->full_name, fa->flags));
  int rb = role_rank (cartable_folder_role_from_info (fb->full_name, fb->flags));
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  if (ra != rb)
    return ra - rb;

  ka = g_utf8_collate_key (fa->display_name ? fa->display_name : fa->full_name, -1);
  kb = g_utf8_collate_key (fb->display_name ? fb->display_name : fb->full_name, -1);
  return strcmp (ka, kb);
}

static void
flatten_info (CamelFolderInfo *first,
              guint            depth,
              GPtrArray       *out)
{
  g_autoptr(GPtrArray) siblings = g_ptr_array_new ();

  for (CamelFolderInfo *fi = first; fi != NULL; fi = fi->next)
    if (!(fi->flags & CAMEL_FOLDER_VIRTUAL) && !g_str_has_prefix (fi->full_name, ".#evolution"))
      g_ptr_array_add (siblings, fi);

  g_ptr_array_sort (siblings, compare_siblings);

  for (guint i = 0; i < siblings->len; i++)
    {
      CamelFolderInfo *fi = g_ptr_array_index (siblings, i);
      CartableFolderItem *item = g_object_new (CARTABLE_TYPE_FOLDER_ITEM, NULL);
      const char *role_name;

      item->full_name = g_strdup (fi->full_name);
      item->role = depth == 0 || (fi->flags & CAMEL_FOLDER_TYPE_MASK) != 0
                     ? cartable_folder_role_from_info (fi->full_name, fi->flags)
                     : CARTABLE_FOLDER_ROLE_NONE;
      role_name = cartable_folder_role_get_display_name (item->role);
      item->display_name = g_strdup (role_name != NULL ? role_name
                                     : fi->display_name != NULL ? fi->display_name
                                     : fi->full_name);
      item->depth = depth;
      item->unread = fi->unread;
      item->total = fi->total;
      item->subscribed = (fi->flags & CAMEL_FOLDER_SUBSCRIBED) != 0;
      item->selectable = (fi->flags & CAMEL_FOLDER_NOSELECT) == 0;
      g_ptr_array_add (out, item);

      if (fi->child != NULL)
        flatten_info (fi->child, depth + 1, out);
    }
}

static void
apply_items (CartableFolderTree *self,
             GPtrArray          *fresh)
{
  guint old_len = self->items->len;
  gboolean same = old_len == fresh->len;

  for (guint i = 0; same && i < fresh->len; i++)
    {
      CartableFolderItem *a = g_ptr_array_index (self->items, i);
      CartableFolderItem *b = g_ptr_array_index (fresh, i);

      same = g_str_equal (a->full_name, b->full_name) && a->depth == b->depth;
    }

  if (same)
    {
      for (guint i = 0; i < fresh->len; i++)
        {
          CartableFolderItem *item = g_ptr_array_index (self->items, i);
          gboolean was_subscribed = item->subscribed;

          item_update_from (item, g_ptr_array_index (fresh, i));
          /* Lists of the subscribed folders change with it. */
          if (item->subscribed != was_subscribed)
            g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        }
      return;
    }

  /* Keep the objects of folders that stay, so bindings survive. */
  for (guint i = 0; i < fresh->len; i++)
    {
      CartableFolderItem *b = g_ptr_array_index (fresh, i);

      for (guint j = 0; j < self->items->len; j++)
        {
          CartableFolderItem *a = g_ptr_array_index (self->items, j);

          if (a != NULL && g_str_equal (a->full_name, b->full_name) && a->depth == b->depth)
            {
              item_update_from (a, b);
              g_ptr_array_index (fresh, i) = g_object_ref (a);
              g_object_unref (b);
              break;
            }
        }
    }

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (fresh);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, fresh->len);
}

static void
update_counts_for_folder (CartableFolderTree *self,
                          CamelFolder        *folder)
{
  CartableFolderItem *item = cartable_folder_tree_find (self, camel_folder_get_full_name (folder));

  if (item != NULL)
    item_set_counts (item,
                     (int) camel_folder_get_unread_message_count (folder),
                     (int) camel_folder_get_message_count (folder));
}

static void
folder_changed_cb (CamelFolder           *folder,
                   CamelFolderChangeInfo *changes,
                   CartableFolderTree    *self)
{
  update_counts_for_folder (self, folder);
}

static void
watch_folder (CartableFolderTree *self,
              CamelFolder        *folder)
{
  const char *full_name = camel_folder_get_full_name (folder);

  if (self->opened == NULL || g_hash_table_contains (self->opened, full_name))
    return;

  g_signal_connect_object (folder, "changed", G_CALLBACK (folder_changed_cb), self, 0);
  g_hash_table_insert (self->opened, g_strdup (full_name), g_object_ref (folder));
  update_counts_for_folder (self, folder);
}

/* Folders opened before this tree existed are watched too. */
static void
watch_opened_folders (CartableFolderTree *self)
{
  g_autoptr(GPtrArray) folders = camel_store_dup_opened_folders (self->store);

  for (guint i = 0; folders != NULL && i < folders->len; i++)
    watch_folder (self, g_ptr_array_index (folders, i));
}

typedef struct
{
  GWeakRef     tree;
  CamelFolder *folder;
} OpenedData;

static gboolean
folder_opened_idle_cb (gpointer data)
{
  OpenedData *d = data;
  g_autoptr(CartableFolderTree) self = g_weak_ref_get (&d->tree);

  if (self != NULL)
    watch_folder (self, d->folder);

  g_weak_ref_clear (&d->tree);
  g_object_unref (d->folder);
  g_free (d);
  return G_SOURCE_REMOVE;
}

static void
folder_opened_cb (CamelStore         *store,
                  CamelFolder        *folder,
                  CartableFolderTree *self)
{
  OpenedData *d = g_new0 (OpenedData, 1);

  /* Camel may emit this from a worker thread: move to our context. */
  g_weak_ref_init (&d->tree, self);
  d->folder = g_object_ref (folder);
  g_main_context_invoke (self->context, folder_opened_idle_cb, d);
}

static void start_internal_refresh (CartableFolderTree *self);

static gboolean
scheduled_refresh_cb (gpointer data)
{
  CartableFolderTree *self = data;

  self->refresh_source = 0;
  start_internal_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (CartableFolderTree *self)
{
  if (self->refresh_source == 0)
    {
      GSource *source = g_timeout_source_new (50);

      g_source_set_callback (source, scheduled_refresh_cb, self, NULL);
      g_source_set_name (source, "[cartable] folder tree refresh");
      self->refresh_source = g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static void
store_folder_info_changed_cb (CamelStore         *store,
                              gpointer            info_or_name,
                              CartableFolderTree *self)
{
  schedule_refresh (self);
}

static void
store_folder_renamed_cb (CamelStore         *store,
                         const char         *old_name,
                         CamelFolderInfo    *info,
                         CartableFolderTree *self)
{
  if (self->opened != NULL)
    g_hash_table_remove (self->opened, old_name);
  schedule_refresh (self);
}

static void
cartable_folder_tree_dispose (GObject *object)
{
  CartableFolderTree *self = CARTABLE_FOLDER_TREE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->store_handlers); i++)
        g_clear_signal_handler (&self->store_handlers[i], self->store);
    }
  if (self->opened != NULL)
    {
      GHashTableIter iter;
      gpointer folder;

      g_hash_table_iter_init (&iter, self->opened);
      while (g_hash_table_iter_next (&iter, NULL, &folder))
        g_signal_handlers_disconnect_by_data (folder, self);
      g_clear_pointer (&self->opened, g_hash_table_unref);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cartable_folder_tree_parent_class)->dispose (object);
}

static void
cartable_folder_tree_finalize (GObject *object)
{
  CartableFolderTree *self = CARTABLE_FOLDER_TREE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (cartable_folder_tree_parent_class)->finalize (object);
}

static void
cartable_folder_tree_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableFolderTree *self = CARTABLE_FOLDER_TREE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_folder_tree_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CartableFolderTree *self = CARTABLE_FOLDER_TREE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_folder_tree_constructed (GObject *object)
{
  CartableFolderTree *self = CARTABLE_FOLDER_TREE (object);

  G_OBJECT_CLASS (cartable_folder_tree_parent_class)->constructed (object);

  g_assert (CAMEL_IS_STORE (self->store));

  self->store_handlers[0] = g_signal_connect (self->store, "folder-created",
                                              G_CALLBACK (store_folder_info_changed_cb), self);
  self->store_handlers[1] = g_signal_connect (self->store, "folder-deleted",
                                              G_CALLBACK (store_folder_info_changed_cb), self);
  self->store_handlers[2] = g_signal_connect (self->store, "folder-renamed",
                                              G_CALLBACK (store_folder_renamed_cb), self);
  self->store_handlers[3] = g_signal_connect (self->store, "folder-info-stale",
                                              G_CALLBACK (store_folder_info_changed_cb), self);
  self->store_handlers[4] = g_signal_connect (self->store, "folder-opened",
                                              G_CALLBACK (folder_opened_cb), self);
  if (CAMEL_IS_SUBSCRIBABLE (self->store))
    {
      self->store_handlers[5] = g_signal_connect (self->store, "folder-subscribed",
                                                  G_CALLBACK (store_folder_info_changed_cb), self);
      self->store_handlers[6] = g_signal_connect (self->store, "folder-unsubscribed",
                                                  G_CALLBACK (store_folder_info_changed_cb), self);
    }
}

static void
cartable_folder_tree_class_init (CartableFolderTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_folder_tree_constructed;
  object_class->dispose = cartable_folder_tree_dispose;
  object_class->finalize = cartable_folder_tree_finalize;
  object_class->get_property = cartable_folder_tree_get_property;
  object_class->set_property = cartable_folder_tree_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CAMEL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_folder_tree_init (CartableFolderTree *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->opened = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
}

CartableFolderTree *
cartable_folder_tree_new (CamelStore *store)
{
  g_return_val_if_fail (CAMEL_IS_STORE (store), NULL);

  return g_object_new (CARTABLE_TYPE_FOLDER_TREE, "store", store, NULL);
}

CamelStore *
cartable_folder_tree_get_store (CartableFolderTree *self)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), NULL);

  return self->store;
}

CartableFolderTree *
cartable_folder_tree_new_for_account (CartableMailSession *session,
                                      const char          *account_id)
{
  CamelStore *store;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (session), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  store = cartable_mail_session_get_store (session, account_id);
  g_return_val_if_fail (store != NULL, NULL);

  return cartable_folder_tree_new (store);
}

CartableFolderItem *
cartable_folder_tree_find (CartableFolderTree *self,
                           const char         *full_name)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), NULL);
  g_return_val_if_fail (full_name != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      CartableFolderItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->full_name, full_name))
        return item;
    }

  return NULL;
}

CartableFolderItem *
cartable_folder_tree_find_role (CartableFolderTree *self,
                                CartableFolderRole  role)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      CartableFolderItem *item = g_ptr_array_index (self->items, i);

      if (item->role == role)
        return item;
    }

  return NULL;
}

/* ------------------------------------------------------------------ refresh */

typedef struct
{
  CamelStore *store;
  GWeakRef    tree;
  gboolean    from_server;
} RefreshData;

static void
refresh_data_free (gpointer data)
{
  RefreshData *d = data;

  g_clear_object (&d->store);
  g_weak_ref_clear (&d->tree);
  g_free (d);
}

static RefreshData *
refresh_data_new (CartableFolderTree *self,
                  gboolean            from_server)
{
  RefreshData *d = g_new0 (RefreshData, 1);

  d->store = g_object_ref (self->store);
  g_weak_ref_init (&d->tree, self);
  d->from_server = from_server;
  return d;
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *d = task_data;
  CamelStoreGetFolderInfoFlags flags = CAMEL_STORE_FOLDER_INFO_RECURSIVE;
  g_autoptr(CartableStoreState) state = _cartable_mail_session_ref_store_state (d->store);
  g_autoptr(GError) error = NULL;
  CamelFolderInfo *info;
  GPtrArray *items;

  if (d->from_server && camel_offline_store_get_online (CAMEL_OFFLINE_STORE (d->store)))
    flags |= CAMEL_STORE_FOLDER_INFO_REFRESH;

  _cartable_store_state_lock_folders (state);
  info = camel_store_get_folder_info_sync (d->store, NULL, flags, cancellable, &error);
  /* IMAPX answers a refresh from what it knew, and learns the server's
   * list in the same call: the second reading has folders deleted
   * elsewhere gone. */
  if (info != NULL && (flags & CAMEL_STORE_FOLDER_INFO_REFRESH) != 0)
    {
      CamelFolderInfo *again = camel_store_get_folder_info_sync (d->store, NULL,
                                                                 flags & ~CAMEL_STORE_FOLDER_INFO_REFRESH,
                                                                 cancellable, NULL);

      /* Failing, the first reading stands. */
      if (again != NULL)
        {
          camel_folder_info_free (info);
          info = again;
        }
    }
  _cartable_store_state_unlock_folders (state);
  if (error != NULL)
    {
      g_task_return_error (task, cartable_mail_error_from_camel (error));
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  flatten_info (info, 0, items);
  camel_folder_info_free (info);

  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

/* The work of the tree's _async calls runs in a worker on a task of its
 * own, which holds the tree weakly at most: a thread-pool worker drops its
 * reference to its task after reporting, sometimes after the main context
 * has finished with it, and a task whose source were the tree could then
 * dispose of the tree in the worker while the main context still hands it
 * the store's signals. The task the caller sees lives in the main context
 * only. */
static void
refresh_forward_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *items;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

void
cartable_folder_tree_refresh_async (CartableFolderTree  *self,
                                    gboolean             from_server,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_folder_tree_refresh_async);

  worker = g_task_new (NULL, cancellable, refresh_forward_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, cartable_folder_tree_refresh_async);
  g_task_set_task_data (worker, refresh_data_new (self, from_server), refresh_data_free);
  g_task_run_in_thread (worker, refresh_thread);
}

static void
apply_refresh (CartableFolderTree *self,
               GPtrArray          *items)
{
  GHashTableIter iter;
  gpointer folder;

  if (self->store == NULL)
    return;

  apply_items (self, items);
  watch_opened_folders (self);
  /* Opened folders know better than the cached folder info. */
  g_hash_table_iter_init (&iter, self->opened);
  while (g_hash_table_iter_next (&iter, NULL, &folder))
    update_counts_for_folder (self, folder);
}

static void
internal_refresh_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  RefreshData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(CartableFolderTree) self = g_weak_ref_get (&d->tree);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Folder list refresh failed: %s", error->message);
      return;
    }

  if (self != NULL)
    apply_refresh (self, items);
}

/* Refreshes after store signals; holds the tree weakly so that the tree is
 * never disposed of in the worker. */
static void
start_internal_refresh (CartableFolderTree *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, internal_refresh_done_cb, NULL);

  g_task_set_source_tag (task, start_internal_refresh);
  g_task_set_task_data (task, refresh_data_new (self, FALSE), refresh_data_free);
  g_task_run_in_thread (task, refresh_thread);
}

gboolean
cartable_folder_tree_refresh_finish (CartableFolderTree  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  items = g_task_propagate_pointer (G_TASK (result), error);
  if (items == NULL)
    return FALSE;

  apply_refresh (self, items);
  return TRUE;
}

/* ------------------------------------------------------------------ operations */

typedef enum
{
  OP_CREATE,
  OP_RENAME,
  OP_DELETE,
  OP_SUBSCRIBE,
  OP_UNSUBSCRIBE,
  OP_EMPTY,
} FolderOp;

typedef struct
{
  FolderOp    op;
  CamelStore *store;
  char       *full_name;   /* parent for OP_CREATE */
  char       *name;        /* new name for OP_CREATE, OP_RENAME */
} OpData;

static void
op_data_free (gpointer data)
{
  OpData *d = data;

  g_clear_object (&d->store);
  g_free (d->full_name);
  g_free (d->name);
  g_free (d);
}

static gboolean
check_folder_name (const char  *name,
                   GError     **error)
{
  if (name == NULL || *name == '\0' || strchr (name, '/') != NULL ||
      !g_utf8_validate (name, -1, NULL) || g_str_equal (name, ".") || g_str_equal (name, ".."))
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                   _("This folder name is not allowed"));
      return FALSE;
    }

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                     _("This folder name is not allowed"));
        return FALSE;
      }

  return TRUE;
}

static void
folder_op_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OpData *d = task_data;
  CamelStore *store = d->store;
  g_autoptr(CartableStoreState) state = _cartable_mail_session_ref_store_state (store);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  char *result_name = NULL;

  _cartable_store_state_lock_folders (state);
  switch (d->op)
    {
    case OP_CREATE:
      {
        CamelFolderInfo *info = camel_store_create_folder_sync (store, d->full_name, d->name,
                                                                cancellable, &error);
        if (info != NULL)
          {
            /* imapx names the new folder by its last part alone. */
            result_name = d->full_name != NULL && *d->full_name != '\0'
              ? g_strdup_printf ("%s/%s", d->full_name, d->name)
              : g_strdup (d->name);
            camel_folder_info_free (info);
            if (CAMEL_IS_SUBSCRIBABLE (store))
              camel_subscribable_subscribe_folder_sync (CAMEL_SUBSCRIBABLE (store),
                                                        result_name, cancellable, NULL);
            ok = TRUE;
          }
      }
      break;

    case OP_RENAME:
      {
        const char *slash = strrchr (d->full_name, '/');
        g_autofree char *new_full = slash != NULL
          ? g_strdup_printf ("%.*s/%s", (int) (slash - d->full_name), d->full_name, d->name)
          : g_strdup (d->name);

        ok = camel_store_rename_folder_sync (store, d->full_name, new_full, cancellable, &error);
        /* A subscription keeps its name on the server (RFC 3501): it
         * follows the folder, which the user sees and renamed. */
        if (ok && CAMEL_IS_SUBSCRIBABLE (store))
          {
            camel_subscribable_unsubscribe_folder_sync (CAMEL_SUBSCRIBABLE (store), d->full_name,
                                                        cancellable, NULL);
            camel_subscribable_subscribe_folder_sync (CAMEL_SUBSCRIBABLE (store), new_full,
                                                      cancellable, NULL);
          }
      }
      break;

    case OP_DELETE:
      if (CAMEL_IS_SUBSCRIBABLE (store))
        camel_subscribable_unsubscribe_folder_sync (CAMEL_SUBSCRIBABLE (store),
                                                    d->full_name, cancellable, NULL);
      ok = camel_store_delete_folder_sync (store, d->full_name, cancellable, &error);
      break;

    case OP_SUBSCRIBE:
    case OP_UNSUBSCRIBE:
      if (!CAMEL_IS_SUBSCRIBABLE (store))
        {
          g_set_error (&error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED,
                       _("This account does not support subscriptions"));
          break;
        }
      ok = d->op == OP_SUBSCRIBE
        ? camel_subscribable_subscribe_folder_sync (CAMEL_SUBSCRIBABLE (store),
                                                    d->full_name, cancellable, &error)
        : camel_subscribable_unsubscribe_folder_sync (CAMEL_SUBSCRIBABLE (store),
                                                      d->full_name, cancellable, &error);
      /* The cached folder info keeps an unsubscribed folder's flag: read
       * the list again, so the refresh that follows sees the change. */
      if (ok)
        {
          CamelFolderInfo *info = camel_store_get_folder_info_sync (store, NULL,
                                                                    CAMEL_STORE_FOLDER_INFO_RECURSIVE |
                                                                    CAMEL_STORE_FOLDER_INFO_REFRESH,
                                                                    cancellable, NULL);
          if (info != NULL)
            camel_folder_info_free (info);
        }
      break;

    case OP_EMPTY:
      {
        g_autoptr(CamelFolder) folder = camel_store_get_folder_sync (store, d->full_name, 0,
                                                                     cancellable, &error);

        ok = folder != NULL && _cartable_mail_empty_folder_sync (folder, cancellable, &error);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  _cartable_store_state_unlock_folders (state);

  if (!ok)
    {
      g_task_return_error (task, error != NULL ? cartable_mail_error_from_camel (error)
                                               : g_error_new_literal (CARTABLE_MAIL_ERROR,
                                                                      CARTABLE_MAIL_ERROR_FAILED,
                                                                      _("The folder operation failed")));
      return;
    }

  if (d->op == OP_CREATE)
    g_task_return_pointer (task, result_name, g_free);
  else
    g_task_return_boolean (task, TRUE);
}

/* Main context: hands the worker's answer to the caller's task (see
 * refresh_forward_cb). */
static void
op_forward_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpData *d = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (d->op == OP_CREATE)
    {
      char *full_name = g_task_propagate_pointer (G_TASK (result), &error);

      if (full_name != NULL)
        g_task_return_pointer (task, full_name, g_free);
      else
        g_task_return_error (task, error);
    }
  else if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_folder_op (CartableFolderTree  *self,
               FolderOp             op,
               const char          *full_name,
               const char          *name,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  OpData *d;

  g_task_set_source_tag (task, source_tag);

  if ((op == OP_CREATE || op == OP_RENAME) && !check_folder_name (name, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* imapx cannot find a parent that only holds other folders (\Noselect)
   * and would make the folder at the top level instead. */
  if (op == OP_CREATE && full_name != NULL && *full_name != '\0')
    {
      CartableFolderItem *parent = cartable_folder_tree_find (self, full_name);

      if (parent != NULL && !cartable_folder_item_get_selectable (parent))
        {
          g_task_return_new_error (task, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                                   _("No folder can be made inside “%s”"), full_name);
          return;
        }
    }

  d = g_new0 (OpData, 1);
  d->op = op;
  d->store = g_object_ref (self->store);
  d->full_name = g_strdup (full_name);
  d->name = g_strdup (name);

  worker = g_task_new (NULL, cancellable, op_forward_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, source_tag);
  g_task_set_task_data (worker, d, op_data_free);
  g_task_run_in_thread (worker, folder_op_thread);
}

void
cartable_folder_tree_create_async (CartableFolderTree  *self,
                                   const char          *parent_full_name,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (self));

  run_folder_op (self, OP_CREATE, parent_full_name, name, cartable_folder_tree_create_async,
                 cancellable, callback, user_data);
}

char *
cartable_folder_tree_create_finish (CartableFolderTree  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cartable_folder_tree_rename_async (CartableFolderTree  *self,
                                   const char          *full_name,
                                   const char          *new_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (self));
  g_return_if_fail (full_name != NULL);

  run_folder_op (self, OP_RENAME, full_name, new_name, cartable_folder_tree_rename_async,
                 cancellable, callback, user_data);
}

gboolean
cartable_folder_tree_rename_finish (CartableFolderTree  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cartable_folder_tree_delete_async (CartableFolderTree  *self,
                                   const char          *full_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (self));
  g_return_if_fail (full_name != NULL);

  run_folder_op (self, OP_DELETE, full_name, NULL, cartable_folder_tree_delete_async,
                 cancellable, callback, user_data);
}

gboolean
cartable_folder_tree_delete_finish (CartableFolderTree  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cartable_folder_tree_empty_async (CartableFolderTree  *self,
                                  const char          *full_name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (self));
  g_return_if_fail (full_name != NULL);

  run_folder_op (self, OP_EMPTY, full_name, NULL, cartable_folder_tree_empty_async,
                 cancellable, callback, user_data);
}

gboolean
cartable_folder_tree_empty_finish (CartableFolderTree  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
trash_emptied_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (cartable_mail_empty_trash_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cartable_folder_tree_empty_trash_async (CartableFolderTree  *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_folder_tree_empty_trash_async);
  cartable_mail_empty_trash_async (self->store, cancellable, trash_emptied_cb, task);
}

gboolean
cartable_folder_tree_empty_trash_finish (CartableFolderTree  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cartable_folder_tree_subscribe_async (CartableFolderTree  *self,
                                      const char          *full_name,
                                      gboolean             subscribe,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (self));
  g_return_if_fail (full_name != NULL);

  run_folder_op (self, subscribe ? OP_SUBSCRIBE : OP_UNSUBSCRIBE, full_name, NULL,
                 cartable_folder_tree_subscribe_async, cancellable, callback, user_data);
}

gboolean
cartable_folder_tree_subscribe_finish (CartableFolderTree  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

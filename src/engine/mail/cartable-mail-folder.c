/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-folder"

#include "config.h"

#include "cartable-folder-tree-private.h"
#include "cartable-mail-actions-private.h"
#include "cartable-mail-folder-private.h"
#include "cartable-mail-search-private.h"
#include "cartable-message-list-private.h"
#include "cartable-message-private.h"

struct _CartableMailFolder
{
  GObject      parent_instance;

  CamelFolder *folder;
};

G_DEFINE_FINAL_TYPE (CartableMailFolder, cartable_mail_folder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FULL_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cartable_mail_folder_finalize (GObject *object)
{
  CartableMailFolder *self = CARTABLE_MAIL_FOLDER (object);

  g_clear_object (&self->folder);

  G_OBJECT_CLASS (cartable_mail_folder_parent_class)->finalize (object);
}

static void
cartable_mail_folder_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableMailFolder *self = CARTABLE_MAIL_FOLDER (object);

  switch (prop_id)
    {
    case PROP_FULL_NAME:
      g_value_set_string (value, cartable_mail_folder_get_full_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_folder_class_init (CartableMailFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cartable_mail_folder_finalize;
  object_class->get_property = cartable_mail_folder_get_property;

  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_mail_folder_init (CartableMailFolder *self)
{
}

/* ------------------------------------------------------------ open */

static void
folder_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) folder = NULL;
  CartableMailFolder *self;

  folder = cartable_mail_open_folder_finish (result, &error);
  if (folder == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self = _cartable_mail_folder_new (folder);
  g_task_return_pointer (task, self, g_object_unref);
}

CartableMailFolder *
_cartable_mail_folder_new (CamelFolder *folder)
{
  CartableMailFolder *self;

  g_assert (CAMEL_IS_FOLDER (folder));

  self = g_object_new (CARTABLE_TYPE_MAIL_FOLDER, NULL);
  self->folder = g_object_ref (folder);
  return self;
}

CamelFolder *
_cartable_mail_folder_get_camel_folder (CartableMailFolder *self)
{
  g_assert (CARTABLE_IS_MAIL_FOLDER (self));

  return self->folder;
}

void
cartable_mail_folder_open_async (CartableFolderTree  *tree,
                                 const char          *full_name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTABLE_IS_FOLDER_TREE (tree));
  g_return_if_fail (full_name != NULL);

  task = g_task_new (tree, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_folder_open_async);
  cartable_mail_open_folder_async (cartable_folder_tree_get_store (tree), full_name, cancellable,
                                   folder_opened_cb, g_steal_pointer (&task));
}

CartableMailFolder *
cartable_mail_folder_open_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cartable_mail_folder_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
cartable_mail_folder_get_full_name (CartableMailFolder *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_FOLDER (self), NULL);
  return camel_folder_get_full_name (self->folder);
}

guint
cartable_mail_folder_get_unread_count (CartableMailFolder *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_FOLDER (self), 0);
  return camel_folder_get_unread_message_count (self->folder);
}

CartableMessageList *
cartable_mail_folder_new_message_list (CartableMailFolder *self)
{
  CartableMessageList *list;

  g_return_val_if_fail (CARTABLE_IS_MAIL_FOLDER (self), NULL);

  list = cartable_message_list_new (self->folder);
  _cartable_message_list_set_folder_object (list, G_OBJECT (self));
  return list;
}

CartableMailFolder *
cartable_message_list_get_folder (CartableMessageList *list)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST (list), NULL);

  /* A list the engine made over a Camel folder gets its folder object on
   * first demand. */
  if (_cartable_message_list_get_folder_object (list) == NULL)
    {
      g_autoptr(CartableMailFolder) made = NULL;

      made = _cartable_mail_folder_new (cartable_message_list_get_camel_folder (list));
      _cartable_message_list_set_folder_object (list, G_OBJECT (made));
    }
  return CARTABLE_MAIL_FOLDER (_cartable_message_list_get_folder_object (list));
}

CartableMessageSummary *
cartable_mail_folder_dup_summary (CartableMailFolder *self,
                                  const char         *uid)
{
  g_autoptr(CamelMessageInfo) info = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_FOLDER (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  info = camel_folder_get_message_info (self->folder, uid);
  return info != NULL ? cartable_message_summary_new_from_info (info) : NULL;
}

/* ------------------------------------------------------------ operations */

/* Each operation hands the work to the engine's folder functions and
 * answers on a task of its own, whose source is this folder. */
static GTask *
new_task (CartableMailFolder  *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static void
message_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CartableMessage *message = cartable_message_load_finish (result, &error);

  if (message == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, message, g_object_unref);
}

void
cartable_mail_folder_load_message_async (CartableMailFolder  *self,
                                         const char          *uid,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_MAIL_FOLDER (self));
  g_return_if_fail (uid != NULL);

  cartable_message_load_async (self->folder, uid, cancellable, message_loaded_cb,
                               new_task (self, cartable_mail_folder_load_message_async,
                                         cancellable, callback, user_data));
}

CartableMessage *
cartable_mail_folder_load_message_finish (CartableMailFolder  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The search answers the uids; whether the bodies could all be searched
 * travels as the task's data. */
static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean complete = TRUE;
  GPtrArray *uids = cartable_mail_search_finish_full (result, &complete, &error);

  if (uids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, GINT_TO_POINTER (complete), NULL);
  g_task_return_pointer (task, uids, (GDestroyNotify) g_ptr_array_unref);
}

void
cartable_mail_folder_search_async (CartableMailFolder  *self,
                                   CartableSearchQuery *query,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_MAIL_FOLDER (self));
  g_return_if_fail (query != NULL);

  cartable_mail_search_async (self->folder, query, cancellable, searched_cb,
                              new_task (self, cartable_mail_folder_search_async,
                                        cancellable, callback, user_data));
}

GPtrArray *
cartable_mail_folder_search_finish (CartableMailFolder  *self,
                                    GAsyncResult        *result,
                                    gboolean            *complete,
                                    GError             **error)
{
  GPtrArray *uids;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  uids = g_task_propagate_pointer (G_TASK (result), error);
  if (uids != NULL && complete != NULL)
    *complete = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return uids;
}

typedef gboolean (*FinishFunc) (GAsyncResult *result,
                                GError      **error);

/* The engine functions that answer with a boolean: their finish function
 * travels as the task's data. */
static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FinishFunc finish = (FinishFunc) g_task_get_task_data (task);
  GError *error = NULL;

  if (finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static GTask *
new_boolean_task (CartableMailFolder  *self,
                  gpointer             source_tag,
                  FinishFunc           finish,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = new_task (self, source_tag, cancellable, callback, user_data);

  g_task_set_task_data (task, (gpointer) finish, NULL);
  return task;
}

void
cartable_mail_folder_apply_async (CartableMailFolder  *self,
                                  const char * const  *uids,
                                  CartableMailAction   action,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_MAIL_FOLDER (self));
  g_return_if_fail (uids != NULL);

  cartable_mail_apply_async (self->folder, uids, action, cancellable, done_cb,
                             new_boolean_task (self, cartable_mail_folder_apply_async, cartable_mail_apply_finish,
                                               cancellable, callback, user_data));
}

gboolean
cartable_mail_folder_apply_finish (CartableMailFolder  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cartable_mail_folder_transfer_async (CartableMailFolder  *self,
                                     const char * const  *uids,
                                     const char          *destination,
                                     gboolean             move,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_MAIL_FOLDER (self));
  g_return_if_fail (uids != NULL && destination != NULL);

  cartable_mail_transfer_async (self->folder, uids, destination, move, cancellable, done_cb,
                                new_boolean_task (self, cartable_mail_folder_transfer_async,
                                                  cartable_mail_transfer_finish,
                                                  cancellable, callback, user_data));
}

gboolean
cartable_mail_folder_transfer_finish (CartableMailFolder  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GArray *
cartable_mail_folder_dup_message_ids (CartableMailFolder *self,
                                      const char * const *uids)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_FOLDER (self), NULL);
  g_return_val_if_fail (uids != NULL, NULL);

  return cartable_mail_actions_dup_message_ids (self->folder, uids);
}

void
cartable_mail_folder_move_back_async (CartableMailFolder  *self,
                                      const char          *moved_to,
                                      GArray              *message_ids,
                                      const char          *moved_from,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_MAIL_FOLDER (self));
  g_return_if_fail (moved_to != NULL && message_ids != NULL && moved_from != NULL);

  cartable_mail_actions_move_back_async (camel_folder_get_parent_store (self->folder), moved_to, message_ids,
                                         moved_from, cancellable, done_cb,
                                         new_boolean_task (self, cartable_mail_folder_move_back_async,
                                                           cartable_mail_actions_move_back_finish,
                                                           cancellable, callback, user_data));
}

gboolean
cartable_mail_folder_move_back_finish (CartableMailFolder  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-mail-actions-private.h"
#include "cartable-mail-session-private.h"

/* ------------------------------------------------------------------ offline moves
 *
 * The journal itself is kept by the store's state (cartable-store-state.c). */

GHashTable *
_cartable_mail_dup_pending_moves (CamelFolder *folder)
{
  CamelStore *store = camel_folder_get_parent_store (folder);
  g_autoptr(CartableStoreState) state = NULL;

  if (store == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  state = _cartable_mail_session_ref_store_state (store);
  return _cartable_store_state_dup_pending_moves (state, camel_folder_get_full_name (folder));
}

static gboolean
journal_add_moves (CamelFolder         *folder,
                   const char * const  *uids,
                   const char          *destination,
                   GError             **error)
{
  g_autoptr(CartableStoreState) state =
    _cartable_mail_session_ref_store_state (camel_folder_get_parent_store (folder));

  return _cartable_store_state_add_moves (state, folder, uids, destination, error);
}

static gboolean
store_is_online (CamelStore *store)
{
  return CAMEL_IS_OFFLINE_STORE (store) &&
         camel_offline_store_get_online (CAMEL_OFFLINE_STORE (store)) &&
         camel_service_get_connection_status (CAMEL_SERVICE (store)) == CAMEL_SERVICE_CONNECTED;
}

static gboolean
is_connectivity_error (const GError *error)
{
  return error != NULL &&
         (error->domain == G_IO_ERROR ||
          error->domain == G_RESOLVER_ERROR ||
          g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE) ||
          g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_NOT_CONNECTED)) &&
         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------ folders */

static void
open_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CamelStore *store = source_object;
  g_autoptr(GError) error = NULL;
  CamelFolder *folder;

  folder = camel_store_get_folder_sync (store, task_data, 0, cancellable, &error);
  if (folder == NULL && g_error_matches (error, CAMEL_STORE_ERROR, CAMEL_STORE_ERROR_NO_FOLDER) &&
      store_is_online (store))
    {
      CamelFolderInfo *info;

      g_autoptr(CartableStoreState) state = _cartable_mail_session_ref_store_state (store);

      /* Perhaps made by another client since the last listing. */
      g_clear_error (&error);
      _cartable_store_state_lock_folders (state);
      info = camel_store_get_folder_info_sync (store, NULL,
                                               CAMEL_STORE_FOLDER_INFO_RECURSIVE |
                                               CAMEL_STORE_FOLDER_INFO_REFRESH,
                                               cancellable, NULL);
      _cartable_store_state_unlock_folders (state);
      if (info != NULL)
        camel_folder_info_free (info);
      folder = camel_store_get_folder_sync (store, task_data, 0, cancellable, &error);
    }
  if (folder == NULL)
    g_task_return_error (task, error != NULL ? cartable_mail_error_from_camel (error)
                                             : g_error_new_literal (CARTABLE_MAIL_ERROR,
                                                                    CARTABLE_MAIL_ERROR_NOT_FOUND,
                                                                    _("This folder does not exist")));
  else
    g_task_return_pointer (task, folder, g_object_unref);
}

void
cartable_mail_open_folder_async (CamelStore          *store,
                                 const char          *full_name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAMEL_IS_STORE (store));
  g_return_if_fail (full_name != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_open_folder_async);
  g_task_set_task_data (task, g_strdup (full_name), g_free);
  g_task_run_in_thread (task, open_folder_thread);
}

CamelFolder *
cartable_mail_open_folder_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static CamelFolderInfo *
find_role_in (CamelFolderInfo    *fi,
              CartableFolderRole  role,
              gboolean            by_flags_only,
              guint               depth)
{
  for (; fi != NULL; fi = fi->next)
    {
      CamelFolderInfo *found;

      /* Camel's virtual Trash and Junk (".#evolution/…") only flag
       * messages: moving there would delete them. */
      if ((fi->flags & CAMEL_FOLDER_VIRTUAL) || g_str_has_prefix (fi->full_name, ".#evolution"))
        continue;

      if (by_flags_only)
        {
          if ((fi->flags & CAMEL_FOLDER_TYPE_MASK) != 0 &&
              cartable_folder_role_from_info (NULL, fi->flags) == role)
            return fi;
        }
      else if (depth == 0 && cartable_folder_role_from_info (fi->full_name, 0) == role)
        return fi;

      found = find_role_in (fi->child, role, by_flags_only, depth + 1);
      if (found != NULL)
        return found;
    }

  return NULL;
}

char *
cartable_mail_find_role_sync (CamelStore          *store,
                              CartableFolderRole   role,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autoptr(CartableStoreState) state = NULL;
  g_autoptr(GError) local_error = NULL;
  CamelFolderInfo *info;
  CamelFolderInfo *found;
  char *full_name = NULL;

  g_return_val_if_fail (CAMEL_IS_STORE (store), NULL);

  if (role == CARTABLE_FOLDER_ROLE_INBOX)
    return g_strdup ("INBOX");

  state = _cartable_mail_session_ref_store_state (store);
  _cartable_store_state_lock_folders (state);
  info = camel_store_get_folder_info_sync (store, NULL, CAMEL_STORE_FOLDER_INFO_RECURSIVE,
                                           cancellable, &local_error);
  _cartable_store_state_unlock_folders (state);
  if (local_error != NULL)
    {
      g_propagate_error (error, cartable_mail_error_from_camel (local_error));
      return NULL;
    }

  /* Special-use wins over names. */
  found = find_role_in (info, role, TRUE, 0);
  if (found == NULL)
    found = find_role_in (info, role, FALSE, 0);
  if (found != NULL)
    full_name = g_strdup (found->full_name);
  camel_folder_info_free (info);

  if (full_name == NULL)
    g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NOT_FOUND,
                 _("This account has no such special folder"));

  return full_name;
}

/* ------------------------------------------------------------------ transfers */

gboolean
cartable_mail_transfer_sync (CamelFolder         *folder,
                             const char * const  *uids,
                             const char          *destination,
                             gboolean             move,
                             GCancellable        *cancellable,
                             GError             **error)
{
  CamelStore *store;
  g_autoptr(CamelFolder) to = NULL;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CAMEL_IS_FOLDER (folder), FALSE);
  g_return_val_if_fail (uids != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (uids[0] == NULL || g_str_equal (destination, camel_folder_get_full_name (folder)))
    return TRUE;

  store = camel_folder_get_parent_store (folder);

  if (!store_is_online (store))
    {
      if (!move)
        {
          g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE,
                       _("Copying messages needs a connection to the server"));
          return FALSE;
        }
      return journal_add_moves (folder, uids, destination, error);
    }

  to = camel_store_get_folder_sync (store, destination, 0, cancellable, &local_error);
  if (to == NULL)
    {
      g_propagate_error (error, local_error != NULL ? cartable_mail_error_from_camel (local_error)
                                                    : g_error_new_literal (CARTABLE_MAIL_ERROR,
                                                                           CARTABLE_MAIL_ERROR_NOT_FOUND,
                                                                           _("This folder does not exist")));
      return FALSE;
    }

  array = g_ptr_array_new ();
  for (guint i = 0; uids[i] != NULL; i++)
    g_ptr_array_add (array, (gpointer) uids[i]);

  if (!camel_folder_transfer_messages_to_sync (folder, array, to, move, NULL, cancellable, &local_error))
    {
      if (move && is_connectivity_error (local_error))
        return journal_add_moves (folder, uids, destination, error);
      g_propagate_error (error, cartable_mail_error_from_camel (local_error));
      return FALSE;
    }

  if (move)
    camel_folder_synchronize_sync (folder, TRUE, cancellable, NULL);
  /* So that the destination's list and counts show them at once. */
  camel_folder_refresh_info_sync (to, cancellable, NULL);

  return TRUE;
}

typedef struct
{
  CamelFolder        *folder;
  GStrv               uids;
  char               *destination;
  gboolean            move;
  CartableMailAction  action;
} ActionData;

static void
action_data_free (gpointer data)
{
  ActionData *d = data;

  g_clear_object (&d->folder);
  g_strfreev (d->uids);
  g_free (d->destination);
  g_free (d);
}

static void
transfer_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ActionData *d = task_data;
  GError *error = NULL;

  if (cartable_mail_transfer_sync (d->folder, (const char * const *) d->uids, d->destination,
                                   d->move, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cartable_mail_transfer_async (CamelFolder         *folder,
                              const char * const  *uids,
                              const char          *destination,
                              gboolean             move,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ActionData *d;

  g_return_if_fail (CAMEL_IS_FOLDER (folder));
  g_return_if_fail (uids != NULL);
  g_return_if_fail (destination != NULL);

  d = g_new0 (ActionData, 1);
  d->folder = g_object_ref (folder);
  d->uids = g_strdupv ((char **) uids);
  d->destination = g_strdup (destination);
  d->move = move;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_transfer_async);
  g_task_set_task_data (task, d, action_data_free);
  g_task_run_in_thread (task, transfer_thread);
}

gboolean
cartable_mail_transfer_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ actions */

static gboolean
set_flags (CamelFolder         *folder,
           const char * const  *uids,
           guint32              mask,
           guint32              set,
           GCancellable        *cancellable,
           GError             **error)
{
  CamelStore *store = camel_folder_get_parent_store (folder);
  g_autoptr(GError) local_error = NULL;

  camel_folder_freeze (folder);
  for (guint i = 0; uids[i] != NULL; i++)
    camel_folder_set_message_flags (folder, uids[i], mask, set);
  camel_folder_thaw (folder);

  /* Online: push now. Offline, or if the push fails for want of network,
   * the change stays in the summary and goes out on reconnection. */
  if (!camel_folder_synchronize_sync (folder, FALSE, cancellable, &local_error) &&
      store_is_online (store) && !is_connectivity_error (local_error))
    {
      g_propagate_error (error, cartable_mail_error_from_camel (local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
in_role_folder (CamelFolder        *folder,
                CartableFolderRole  role,
                const char         *role_full_name)
{
  return role_full_name != NULL && g_str_equal (camel_folder_get_full_name (folder), role_full_name);
}

gboolean
cartable_mail_apply_sync (CamelFolder         *folder,
                          const char * const  *uids,
                          CartableMailAction   action,
                          GCancellable        *cancellable,
                          GError             **error)
{
  CamelStore *store;
  g_autofree char *target = NULL;
  CartableFolderRole role;

  g_return_val_if_fail (CAMEL_IS_FOLDER (folder), FALSE);
  g_return_val_if_fail (uids != NULL, FALSE);

  store = camel_folder_get_parent_store (folder);

  switch (action)
    {
    case CARTABLE_MAIL_ACTION_MARK_READ:
      return set_flags (folder, uids, CAMEL_MESSAGE_SEEN, CAMEL_MESSAGE_SEEN, cancellable, error);
    case CARTABLE_MAIL_ACTION_MARK_UNREAD:
      return set_flags (folder, uids, CAMEL_MESSAGE_SEEN, 0, cancellable, error);
    case CARTABLE_MAIL_ACTION_FLAG:
      return set_flags (folder, uids, CAMEL_MESSAGE_FLAGGED, CAMEL_MESSAGE_FLAGGED, cancellable, error);
    case CARTABLE_MAIL_ACTION_UNFLAG:
      return set_flags (folder, uids, CAMEL_MESSAGE_FLAGGED, 0, cancellable, error);
    case CARTABLE_MAIL_ACTION_DELETE:
      role = CARTABLE_FOLDER_ROLE_TRASH;
      break;
    case CARTABLE_MAIL_ACTION_ARCHIVE:
      role = CARTABLE_FOLDER_ROLE_ARCHIVE;
      break;
    case CARTABLE_MAIL_ACTION_JUNK:
      role = CARTABLE_FOLDER_ROLE_JUNK;
      break;
    case CARTABLE_MAIL_ACTION_NOT_JUNK:
      role = CARTABLE_FOLDER_ROLE_INBOX;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  target = cartable_mail_find_role_sync (store, role, cancellable, error);
  if (target == NULL)
    return FALSE;

  if (action == CARTABLE_MAIL_ACTION_DELETE && in_role_folder (folder, role, target))
    {
      /* Already in the Trash: delete for good. */
      g_autoptr(GError) local_error = NULL;

      if (!store_is_online (store))
        {
          g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE,
                       _("Deleting for good needs a connection to the server"));
          return FALSE;
        }
      if (!set_flags (folder, uids, CAMEL_MESSAGE_DELETED, CAMEL_MESSAGE_DELETED, cancellable, error))
        return FALSE;
      if (!camel_folder_expunge_sync (folder, cancellable, &local_error))
        {
          g_propagate_error (error, cartable_mail_error_from_camel (local_error));
          return FALSE;
        }
      return TRUE;
    }

  if (action == CARTABLE_MAIL_ACTION_JUNK || action == CARTABLE_MAIL_ACTION_NOT_JUNK)
    {
      /* Tell the server's filter too (the $Junk / $NotJunk keywords). */
      guint32 set = action == CARTABLE_MAIL_ACTION_JUNK ? CAMEL_MESSAGE_JUNK : CAMEL_MESSAGE_NOTJUNK;

      set_flags (folder, uids, CAMEL_MESSAGE_JUNK | CAMEL_MESSAGE_NOTJUNK, set, cancellable, NULL);
    }

  return cartable_mail_transfer_sync (folder, uids, target, TRUE, cancellable, error);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ActionData *d = task_data;
  GError *error = NULL;

  if (cartable_mail_apply_sync (d->folder, (const char * const *) d->uids, d->action,
                                cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cartable_mail_apply_async (CamelFolder         *folder,
                           const char * const  *uids,
                           CartableMailAction   action,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ActionData *d;

  g_return_if_fail (CAMEL_IS_FOLDER (folder));
  g_return_if_fail (uids != NULL);

  d = g_new0 (ActionData, 1);
  d->folder = g_object_ref (folder);
  d->uids = g_strdupv ((char **) uids);
  d->action = action;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_apply_async);
  g_task_set_task_data (task, d, action_data_free);
  g_task_run_in_thread (task, apply_thread);
}

gboolean
cartable_mail_apply_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
empty_trash_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CamelStore *store = source_object;
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) trash = NULL;
  g_autofree char *full_name = NULL;

  full_name = cartable_mail_find_role_sync (store, CARTABLE_FOLDER_ROLE_TRASH, cancellable, &error);
  if (full_name == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  trash = camel_store_get_folder_sync (store, full_name, 0, cancellable, &error);
  if (trash == NULL || !_cartable_mail_empty_folder_sync (trash, cancellable, &error))
    {
      g_task_return_error (task, cartable_mail_error_from_camel (error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

gboolean
_cartable_mail_empty_folder_sync (CamelFolder   *folder,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  GPtrArray *uids;

  g_assert (CAMEL_IS_FOLDER (folder));

  if (!camel_folder_refresh_info_sync (folder, cancellable, error))
    return FALSE;

  uids = camel_folder_get_uids (folder);
  camel_folder_freeze (folder);
  for (guint i = 0; i < uids->len; i++)
    camel_folder_set_message_flags (folder, uids->pdata[i], CAMEL_MESSAGE_DELETED, CAMEL_MESSAGE_DELETED);
  camel_folder_thaw (folder);
  camel_folder_free_uids (folder, uids);

  return camel_folder_synchronize_sync (folder, TRUE, cancellable, error);
}

void
cartable_mail_empty_trash_async (CamelStore          *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAMEL_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_empty_trash_async);
  g_task_run_in_thread (task, empty_trash_thread);
}

gboolean
cartable_mail_empty_trash_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Undoing a move ---------------------------------------------------------- */

/*
 * A move gives the messages new uids in their new folder: « Annuler » finds
 * them there by their Message-ID (the summary's hash of it), taken before
 * the move, and moves them back.
 */

/* The flags a move to the Junk folder changes, which « Annuler » restores. */
#define UNDO_FLAGS (CAMEL_MESSAGE_JUNK | CAMEL_MESSAGE_NOTJUNK)

/**
 * cartable_mail_actions_dup_message_ids:
 *
 * Returns: (transfer full) (element-type CartableMovedMessage): the
 *   Message-ID hashes of @uids in @folder's summary and their junk flags
 *   (no I/O)
 */
GArray *
cartable_mail_actions_dup_message_ids (CamelFolder        *folder,
                                       const char * const *uids)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (CartableMovedMessage));

  g_return_val_if_fail (CAMEL_IS_FOLDER (folder), ids);

  for (guint i = 0; uids != NULL && uids[i] != NULL; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids[i]);
      CartableMovedMessage moved = { 0 };

      if (info == NULL)
        continue;
      moved.message_id = camel_message_info_get_message_id (info);
      moved.flags = camel_message_info_get_flags (info) & UNDO_FLAGS;
      if (moved.message_id != 0)
        g_array_append_val (ids, moved);
    }
  return ids;
}

typedef struct
{
  CamelStore *store;
  char       *folder_name;
  char       *destination;
  GArray     *ids;
} MoveBack;

static void
move_back_free (gpointer user_data)
{
  MoveBack *data = user_data;

  g_object_unref (data->store);
  g_free (data->folder_name);
  g_free (data->destination);
  g_array_unref (data->ids);
  g_free (data);
}

static void
move_back_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  MoveBack *data = task_data;
  g_autoptr(CamelFolder) folder = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *all;
  gboolean flags_changed = FALSE;
  GError *error = NULL;

  folder = camel_store_get_folder_sync (data->store, data->folder_name, 0, cancellable, &error);
  if (folder == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The moved messages' headers; offline, what the cache holds. */
  camel_folder_refresh_info_sync (folder, cancellable, NULL);

  /* Each message found gets back the junk flags it had before, before it
   * moves: a move keeps the flags it carries. */
  all = camel_folder_get_uids (folder);
  camel_folder_freeze (folder);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      const char *uid = g_ptr_array_index (all, i);
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uid);
      guint64 id = info != NULL ? camel_message_info_get_message_id (info) : 0;

      for (guint j = 0; id != 0 && j < data->ids->len; j++)
        {
          const CartableMovedMessage *moved = &g_array_index (data->ids, CartableMovedMessage, j);

          if (moved->message_id != id)
            continue;
          g_ptr_array_add (found, g_strdup (uid));
          if ((camel_message_info_get_flags (info) & UNDO_FLAGS) != moved->flags)
            {
              camel_folder_set_message_flags (folder, uid, UNDO_FLAGS, moved->flags);
              flags_changed = TRUE;
            }
          break;
        }
    }
  camel_folder_thaw (folder);
  if (all != NULL)
    camel_folder_free_uids (folder, all);

  if (found->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The moved messages are no longer in that folder."));
      return;
    }
  /* Offline, the flags wait in the summary with the move. */
  if (flags_changed)
    camel_folder_synchronize_sync (folder, FALSE, cancellable, NULL);
  g_ptr_array_add (found, NULL);
  if (!cartable_mail_transfer_sync (folder, (const char * const *) found->pdata, data->destination, TRUE,
                                    cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Moves the messages of @message_ids from @folder_name back to @destination. */
void
cartable_mail_actions_move_back_async (CamelStore          *store,
                                          const char          *folder_name,
                                          GArray              *message_ids,
                                          const char          *destination,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MoveBack *data;

  g_return_if_fail (CAMEL_IS_STORE (store));
  g_return_if_fail (folder_name != NULL && destination != NULL && message_ids != NULL);

  data = g_new0 (MoveBack, 1);
  data->store = g_object_ref (store);
  data->folder_name = g_strdup (folder_name);
  data->destination = g_strdup (destination);
  data->ids = g_array_ref (message_ids);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_actions_move_back_async);
  g_task_set_task_data (task, data, move_back_free);
  g_task_run_in_thread (task, move_back_thread);
}

gboolean
cartable_mail_actions_move_back_finish (GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

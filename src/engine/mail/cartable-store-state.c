/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gstdio.h>

#include "cartable-mail-error.h"
#include "cartable-store-state-private.h"

/*
 * Camel's IMAP provider keeps flag changes made offline in its summary and
 * pushes them on reconnection, but it cannot move or copy offline. Moves
 * made offline go into a small journal per store (a key file in the store's
 * data folder), the moved messages are hidden from their folder's list, and
 * the journal is replayed once the store is back online.
 */

struct _CartableStoreState
{
  GObject    parent_instance;

  GRecMutex  folders_lock;
  GMutex     journal_lock;
  char      *data_dir;
  char      *journal_path;
};

G_DEFINE_FINAL_TYPE (CartableStoreState, cartable_store_state, G_TYPE_OBJECT)

static void
cartable_store_state_finalize (GObject *object)
{
  CartableStoreState *self = CARTABLE_STORE_STATE (object);

  g_rec_mutex_clear (&self->folders_lock);
  g_mutex_clear (&self->journal_lock);
  g_free (self->data_dir);
  g_free (self->journal_path);

  G_OBJECT_CLASS (cartable_store_state_parent_class)->finalize (object);
}

static void
cartable_store_state_class_init (CartableStoreStateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cartable_store_state_finalize;
}

static void
cartable_store_state_init (CartableStoreState *self)
{
  g_rec_mutex_init (&self->folders_lock);
  g_mutex_init (&self->journal_lock);
}

CartableStoreState *
_cartable_store_state_new (CamelStore *store)
{
  CartableStoreState *self;

  g_assert (CAMEL_IS_STORE (store));

  self = g_object_new (CARTABLE_TYPE_STORE_STATE, NULL);
  self->data_dir = g_strdup (camel_service_get_user_data_dir (CAMEL_SERVICE (store)));
  self->journal_path = g_build_filename (self->data_dir, "cartable-offline-moves.ini", NULL);
  return self;
}

void
_cartable_store_state_lock_folders (CartableStoreState *self)
{
  g_assert (CARTABLE_IS_STORE_STATE (self));
  g_rec_mutex_lock (&self->folders_lock);
}

void
_cartable_store_state_unlock_folders (CartableStoreState *self)
{
  g_assert (CARTABLE_IS_STORE_STATE (self));
  g_rec_mutex_unlock (&self->folders_lock);
}

/* ------------------------------------------------------------------ journal */

/* Called with journal_lock held. */
static GKeyFile *
journal_load (CartableStoreState *self)
{
  GKeyFile *journal = g_key_file_new ();

  g_key_file_load_from_file (journal, self->journal_path, G_KEY_FILE_NONE, NULL);
  return journal;
}

/* Called with journal_lock held. */
static gboolean
journal_save (CartableStoreState  *self,
              GKeyFile            *journal,
              GError             **error)
{
  gsize n_groups = 0;
  g_auto(GStrv) groups = g_key_file_get_groups (journal, &n_groups);

  if (n_groups == 0)
    {
      g_unlink (self->journal_path);
      return TRUE;
    }

  g_mkdir_with_parents (self->data_dir, 0700);
  return g_key_file_save_to_file (journal, self->journal_path, error);
}

static char *
journal_group (const char *source,
               const char *uid)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", source, uid);

  /* Folder names may hold anything a group name may not. */
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
}

GHashTable *
_cartable_store_state_dup_pending_moves (CartableStoreState *self,
                                         const char         *folder_name)
{
  GHashTable *uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GKeyFile) journal = NULL;
  g_auto(GStrv) groups = NULL;

  g_assert (CARTABLE_IS_STORE_STATE (self));

  if (!g_file_test (self->journal_path, G_FILE_TEST_EXISTS))
    return uids;

  g_mutex_lock (&self->journal_lock);
  journal = journal_load (self);
  groups = g_key_file_get_groups (journal, NULL);
  g_mutex_unlock (&self->journal_lock);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *source = g_key_file_get_string (journal, groups[i], "source", NULL);

      if (g_strcmp0 (source, folder_name) == 0)
        g_hash_table_add (uids, g_key_file_get_string (journal, groups[i], "uid", NULL));
    }

  return uids;
}

gboolean
_cartable_store_state_add_moves (CartableStoreState  *self,
                                 CamelFolder         *folder,
                                 const char * const  *uids,
                                 const char          *destination,
                                 GError             **error)
{
  g_autoptr(GKeyFile) journal = NULL;
  const char *source = camel_folder_get_full_name (folder);
  gboolean ok;

  g_assert (CARTABLE_IS_STORE_STATE (self));

  g_mutex_lock (&self->journal_lock);
  journal = journal_load (self);
  for (guint i = 0; uids[i] != NULL; i++)
    {
      g_autofree char *group = journal_group (source, uids[i]);

      g_key_file_set_string (journal, group, "source", source);
      g_key_file_set_string (journal, group, "uid", uids[i]);
      g_key_file_set_string (journal, group, "destination", destination);
      g_key_file_set_int64 (journal, group, "time", g_get_real_time () / G_USEC_PER_SEC);
    }
  ok = journal_save (self, journal, error);
  g_mutex_unlock (&self->journal_lock);

  if (ok)
    {
      /* Let the lists hide them now. */
      CamelFolderChangeInfo *changes = camel_folder_change_info_new ();

      for (guint i = 0; uids[i] != NULL; i++)
        camel_folder_change_info_remove_uid (changes, uids[i]);
      camel_folder_changed (folder, changes);
      camel_folder_change_info_free (changes);
    }

  return ok;
}

static void
journal_forget (CartableStoreState *self,
                const char         *group)
{
  g_autoptr(GKeyFile) current = NULL;

  g_mutex_lock (&self->journal_lock);
  current = journal_load (self);
  g_key_file_remove_group (current, group, NULL);
  journal_save (self, current, NULL);
  g_mutex_unlock (&self->journal_lock);
}

gboolean
_cartable_store_state_replay_sync (CartableStoreState  *self,
                                   CamelStore          *store,
                                   GCancellable        *cancellable,
                                   GError             **error)
{
  g_autoptr(GKeyFile) journal = NULL;
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert (CARTABLE_IS_STORE_STATE (self));
  g_assert (CAMEL_IS_STORE (store));

  /* Flags first: Camel kept them in its summaries. */
  if (!camel_store_synchronize_sync (store, FALSE, cancellable, &local_error))
    {
      g_propagate_error (error, cartable_mail_error_from_camel (local_error));
      return FALSE;
    }

  g_mutex_lock (&self->journal_lock);
  journal = journal_load (self);
  g_mutex_unlock (&self->journal_lock);
  groups = g_key_file_get_groups (journal, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *source = g_key_file_get_string (journal, groups[i], "source", NULL);
      g_autofree char *uid = g_key_file_get_string (journal, groups[i], "uid", NULL);
      g_autofree char *destination = g_key_file_get_string (journal, groups[i], "destination", NULL);
      g_autoptr(CamelFolder) from = NULL;
      g_autoptr(CamelFolder) to = NULL;
      g_autoptr(CamelMessageInfo) info = NULL;
      g_autoptr(GPtrArray) uids = NULL;
      gboolean done = FALSE;

      if (source == NULL || uid == NULL || destination == NULL)
        done = TRUE;
      else
        {
          from = camel_store_get_folder_sync (store, source, 0, cancellable, &local_error);
          if (from != NULL)
            to = camel_store_get_folder_sync (store, destination, 0, cancellable, &local_error);
          if (from == NULL || to == NULL)
            {
              /* The folder went away meanwhile: nothing left to move. */
              done = g_error_matches (local_error, CAMEL_STORE_ERROR, CAMEL_STORE_ERROR_NO_FOLDER);
              if (!done)
                {
                  g_propagate_error (error, cartable_mail_error_from_camel (local_error));
                  return FALSE;
                }
              g_clear_error (&local_error);
            }
          else
            {
              info = camel_folder_get_message_info (from, uid);
              if (info == NULL)
                done = TRUE;   /* moved or deleted by someone else */
              else
                {
                  uids = g_ptr_array_new ();
                  g_ptr_array_add (uids, uid);
                  if (!camel_folder_transfer_messages_to_sync (from, uids, to, TRUE, NULL,
                                                               cancellable, &local_error))
                    {
                      g_propagate_error (error, cartable_mail_error_from_camel (local_error));
                      return FALSE;
                    }
                  camel_folder_synchronize_sync (from, TRUE, cancellable, NULL);
                  camel_folder_refresh_info_sync (to, cancellable, NULL);
                  done = TRUE;
                }
            }
        }

      if (done)
        journal_forget (self, groups[i]);
    }

  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cartable-outbox-util-private.h"

/*
 * Writing files that must survive a power cut: the content is fsynced
 * before the rename (G_FILE_SET_CONTENTS_DURABLE), then the folder is
 * fsynced so that the rename itself is on disk.
 */

gboolean
cartable_outbox_util_sync_dir (const char *dir,
                               GError    **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write to the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

gboolean
cartable_outbox_util_write_durable (const char  *path,
                                    const char  *contents,
                                    gssize       length,
                                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_set_contents_full (path, contents, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return FALSE;

  return cartable_outbox_util_sync_dir (dir, error);
}

gboolean
cartable_outbox_util_remove_durable (const char  *path,
                                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return cartable_outbox_util_sync_dir (dir, error);
}

CamelMimeMessage *
cartable_outbox_util_parse_message (GBytes        *bytes,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autoptr(CamelMimeMessage) message = camel_mime_message_new ();
  g_autoptr(CamelStream) stream = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  stream = camel_stream_mem_new_with_buffer ((const char *) data, size);
  if (!camel_data_wrapper_construct_from_stream_sync (CAMEL_DATA_WRAPPER (message), stream,
                                                      cancellable, error))
    return NULL;

  return g_steal_pointer (&message);
}

static CamelFolderInfo *
find_folder_info (CamelFolderInfo *info,
                  guint32          folder_type,
                  const char      *name)
{
  for (; info != NULL; info = info->next)
    {
      CamelFolderInfo *found;

      if (folder_type != 0 && (info->flags & CAMEL_FOLDER_TYPE_MASK) == folder_type)
        return info;
      if (name != NULL && g_ascii_strcasecmp (info->full_name, name) == 0)
        return info;
      found = find_folder_info (info->child, folder_type, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The folder with a special-use role (Sent, Drafts), else the one named
 * @fallback_name, created if need be. Call in a worker thread. */
CamelFolder *
cartable_outbox_util_get_special_folder (CamelStore    *store,
                                         guint32        folder_type,
                                         const char    *fallback_name,
                                         GCancellable  *cancellable,
                                         GError       **error)
{
  CamelFolderInfo *tree;
  CamelFolderInfo *found;
  g_autofree char *full_name = NULL;

  tree = camel_store_get_folder_info_sync (store, NULL,
                                           CAMEL_STORE_FOLDER_INFO_RECURSIVE,
                                           cancellable, error);
  if (tree == NULL && error != NULL && *error != NULL)
    return NULL;

  found = find_folder_info (tree, folder_type, NULL);
  if (found == NULL)
    found = find_folder_info (tree, 0, fallback_name);
  full_name = g_strdup (found != NULL ? found->full_name : fallback_name);
  camel_folder_info_free (tree);

  return camel_store_get_folder_sync (store, full_name,
                                      found != NULL ? 0 : CAMEL_STORE_FOLDER_CREATE,
                                      cancellable, error);
}

/* The UIDs of the messages of @folder whose Message-ID is @message_id
 * (without angle brackets), after a refresh: compared through the summary's
 * Message-ID hash, which every folder keeps (a header search would only see
 * the headers the summary stores). Free with g_ptr_array_unref(). Call in
 * a worker thread. */
GPtrArray *
cartable_outbox_util_find_message_id (CamelFolder   *folder,
                                      const char    *message_id,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *found;
  GPtrArray *uids;
  guint64 hash;

  if (!camel_folder_refresh_info_sync (folder, cancellable, &local_error) &&
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  hash = camel_folder_search_util_hash_message_id (message_id, FALSE);
  found = g_ptr_array_new_with_free_func (g_free);
  uids = camel_folder_get_uids (folder);
  for (guint i = 0; uids != NULL && i < uids->len; i++)
    {
      const char *uid = g_ptr_array_index (uids, i);
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uid);

      if (info != NULL && camel_message_info_get_message_id (info) == hash)
        g_ptr_array_add (found, g_strdup (uid));
    }
  if (uids != NULL)
    camel_folder_free_uids (folder, uids);

  return found;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cartable-gmime-autoptr.h"
#include "cartable-outbox-store.h"
#include "cartable-outbox-util-private.h"
#include "core/cartable-paths.h"

/*
 * Both files of a message are written durably (fsync of the file, rename,
 * fsync of the folder), the message first: a state file is only ever
 * beside a complete message. Removal goes the other way, the message
 * first, so that a lone state file (an interrupted removal) is dropped at
 * the next load.
 */

#define STATE_GROUP "message"

void
cartable_outbox_record_clear (CartableOutboxRecord *record)
{
  g_clear_pointer (&record->id, g_free);
  g_clear_pointer (&record->message_id, g_free);
  g_clear_pointer (&record->subject, g_free);
  g_clear_pointer (&record->recipients, g_free);
  g_clear_pointer (&record->last_error, g_free);
}

void
cartable_outbox_record_copy (CartableOutboxRecord       *dest,
                             const CartableOutboxRecord *src)
{
  *dest = *src;
  dest->id = g_strdup (src->id);
  dest->message_id = g_strdup (src->message_id);
  dest->subject = g_strdup (src->subject);
  dest->recipients = g_strdup (src->recipients);
  dest->last_error = g_strdup (src->last_error);
}

void
cartable_outbox_record_free (CartableOutboxRecord *record)
{
  if (record == NULL)
    return;
  cartable_outbox_record_clear (record);
  g_free (record);
}

gboolean
cartable_outbox_state_from_string (const char          *name,
                                   CartableOutboxState *state)
{
  for (CartableOutboxState s = CARTABLE_OUTBOX_STATE_QUEUED; s <= CARTABLE_OUTBOX_STATE_FAILED; s++)
    if (g_strcmp0 (name, cartable_outbox_state_to_string (s)) == 0)
      {
        *state = s;
        return TRUE;
      }

  return FALSE;
}

char *
cartable_outbox_store_path (const char *dir,
                            const char *id,
                            const char *extension)
{
  g_autofree char *name = g_strconcat (id, extension, NULL);
  return g_build_filename (dir, name, NULL);
}

/**
 * cartable_outbox_store_open:
 * @out_dir: (out): the outbox folder, created if missing
 * @out_lock_fd: (out): the lock held while the outbox is open; close it to
 *   let another process open the outbox
 *
 * Two processes sending from one outbox could send a message twice: the
 * first to open it owns it until it closes it (or dies).
 */
gboolean
cartable_outbox_store_open (const char  *account_id,
                            char       **out_dir,
                            int         *out_lock_fd,
                            GError     **error)
{
  g_autofree char *account_dir = cartable_paths_get_account_dir ("data", account_id);
  g_autofree char *dir = NULL;
  g_autofree char *lock_path = NULL;
  int lock_fd;

  if (account_dir == NULL)
    {
      g_set_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                   _("“%s” cannot be an account name."), account_id);
      return FALSE;
    }
  dir = g_build_filename (account_dir, "outbox", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the outbox folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  lock_path = g_build_filename (account_dir, "outbox.lock", NULL);
  lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0 || flock (lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (lock_fd >= 0)
        close (lock_fd);
      if (saved_errno == EWOULDBLOCK)
        g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_BUSY,
                             _("The outbox of this account is in use by another Cartable window or command."));
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Could not create the outbox folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  *out_dir = g_steal_pointer (&dir);
  *out_lock_fd = lock_fd;
  return TRUE;
}

gboolean
cartable_outbox_store_write_state (const char                  *dir,
                                   const CartableOutboxRecord  *data,
                                   GError                     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *contents = NULL;
  g_autofree char *path = cartable_outbox_store_path (dir, data->id, ".state");
  gsize length;

  g_key_file_set_string (key_file, STATE_GROUP, "state", cartable_outbox_state_to_string (data->state));
  g_key_file_set_string (key_file, STATE_GROUP, "message-id", data->message_id ? data->message_id : "");
  g_key_file_set_string (key_file, STATE_GROUP, "subject", data->subject ? data->subject : "");
  g_key_file_set_string (key_file, STATE_GROUP, "recipients", data->recipients ? data->recipients : "");
  g_key_file_set_int64 (key_file, STATE_GROUP, "created", data->created);
  g_key_file_set_int64 (key_file, STATE_GROUP, "send-at", data->send_at);
  g_key_file_set_uint64 (key_file, STATE_GROUP, "attempts", data->attempts);
  if (data->last_error != NULL)
    g_key_file_set_string (key_file, STATE_GROUP, "last-error", data->last_error);

  contents = g_key_file_to_data (key_file, &length, NULL);
  return cartable_outbox_util_write_durable (path, contents, length, error);
}

gboolean
cartable_outbox_store_read_state (const char            *dir,
                                  const char            *id,
                                  CartableOutboxRecord  *data,
                                  GError               **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = cartable_outbox_store_path (dir, id, ".state");
  g_autofree char *state = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, error))
    return FALSE;

  state = g_key_file_get_string (key_file, STATE_GROUP, "state", NULL);
  if (!cartable_outbox_state_from_string (state, &data->state))
    {
      g_set_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                   _("The outbox file %s is damaged."), path);
      return FALSE;
    }
  data->id = g_strdup (id);
  data->message_id = g_key_file_get_string (key_file, STATE_GROUP, "message-id", NULL);
  data->subject = g_key_file_get_string (key_file, STATE_GROUP, "subject", NULL);
  data->recipients = g_key_file_get_string (key_file, STATE_GROUP, "recipients", NULL);
  data->created = g_key_file_get_int64 (key_file, STATE_GROUP, "created", NULL);
  data->send_at = g_key_file_get_int64 (key_file, STATE_GROUP, "send-at", NULL);
  data->attempts = g_key_file_get_uint64 (key_file, STATE_GROUP, "attempts", NULL);
  data->last_error = g_key_file_get_string (key_file, STATE_GROUP, "last-error", NULL);

  return TRUE;
}

/* An .eml without state is a queue() that did not return: it was never
 * sent, so it is queued, with what its headers tell. */
static void
record_from_lone_message (const char           *eml,
                          const char           *id,
                          CartableOutboxRecord *data)
{
  g_autofree char *contents = NULL;
  gsize length;

  data->id = g_strdup (id);
  data->state = CARTABLE_OUTBOX_STATE_QUEUED;
  data->created = g_get_real_time () / G_USEC_PER_SEC;
  if (g_file_get_contents (eml, &contents, &length, NULL))
    {
      g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (contents, length);
      g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
      g_autoptr(GMimeMessage) message = g_mime_parser_construct_message (parser, NULL);

      if (message != NULL)
        {
          data->message_id = g_strdup (g_mime_message_get_message_id (message));
          data->subject = g_strdup (g_mime_message_get_subject (message));
        }
    }
}

/**
 * cartable_outbox_store_load:
 *
 * Reads the folder, repairing what a crash left. A message caught
 * "sending" becomes "uncertain", on disk first. A state without .eml is a
 * message whose removal was interrupted: it is dropped. The temporary file
 * of an interrupted write is removed.
 *
 * Returns: (transfer full) (element-type CartableOutboxRecord): the
 *   records, in no particular order, or %NULL
 */
GPtrArray *
cartable_outbox_store_load (const char  *dir,
                            GError     **error)
{
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *name;

  folder = g_dir_open (dir, 0, error);
  if (folder == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_outbox_record_free);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *eml = NULL;
      g_autofree char *state = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CartableOutboxRecord) record = NULL;

      if (g_str_has_suffix (name, ".eml"))
        {
          id = g_strndup (name, strlen (name) - 4);
          state = cartable_outbox_store_path (dir, id, ".state");
          if (g_file_test (state, G_FILE_TEST_EXISTS))
            continue;   /* seen with its .state */
          g_clear_pointer (&state, g_free);
        }
      else if (g_str_has_suffix (name, ".state"))
        id = g_strndup (name, strlen (name) - 6);
      else
        {
          /* The temporary file of a write that a crash interrupted: what
           * it held was never promised to anyone. */
          if (strstr (name, ".eml.") != NULL || strstr (name, ".state.") != NULL)
            {
              g_autofree char *path = g_build_filename (dir, name, NULL);

              g_unlink (path);
            }
          continue;
        }

      if (!cartable_paths_is_safe_component (id))
        continue;

      eml = cartable_outbox_store_path (dir, id, ".eml");
      state = cartable_outbox_store_path (dir, id, ".state");
      record = g_new0 (CartableOutboxRecord, 1);

      if (!g_file_test (state, G_FILE_TEST_EXISTS))
        {
          record_from_lone_message (eml, id, record);
          if (!cartable_outbox_store_write_state (dir, record, &local_error))
            g_warning ("%s", local_error->message);
        }
      else if (!cartable_outbox_store_read_state (dir, id, record, &local_error))
        {
          g_warning ("%s", local_error->message);
          continue;
        }
      else if (!g_file_test (eml, G_FILE_TEST_EXISTS))
        {
          if (!cartable_outbox_util_remove_durable (state, &local_error))
            g_warning ("%s", local_error->message);
          continue;
        }

      if (record->state == CARTABLE_OUTBOX_STATE_SENDING)
        {
          record->state = CARTABLE_OUTBOX_STATE_UNCERTAIN;
          g_free (record->last_error);
          record->last_error = g_strdup (_("Cartable stopped while this message was being sent."));
          if (!cartable_outbox_store_write_state (dir, record, error))
            return NULL;
        }

      g_ptr_array_add (records, g_steal_pointer (&record));
    }

  return g_steal_pointer (&records);
}

/* Writes the message, then its state, both durably. */
gboolean
cartable_outbox_store_write_new (const char                  *dir,
                                 const CartableOutboxRecord  *data,
                                 GBytes                      *message,
                                 GError                     **error)
{
  g_autofree char *eml = cartable_outbox_store_path (dir, data->id, ".eml");
  gsize size;
  const char *contents = g_bytes_get_data (message, &size);

  if (!cartable_outbox_util_write_durable (eml, contents, size, error))
    return FALSE;
  if (!cartable_outbox_store_write_state (dir, data, error))
    {
      g_unlink (eml);
      return FALSE;
    }

  return TRUE;
}

GBytes *
cartable_outbox_store_read_message (const char  *dir,
                                    const char  *id,
                                    GError     **error)
{
  g_autofree char *eml = cartable_outbox_store_path (dir, id, ".eml");
  g_autoptr(GFile) file = g_file_new_for_path (eml);

  return g_file_load_bytes (file, NULL, NULL, error);
}

gboolean
cartable_outbox_store_remove (const char  *dir,
                              const char  *id,
                              GError     **error)
{
  g_autofree char *eml = cartable_outbox_store_path (dir, id, ".eml");
  g_autofree char *state = cartable_outbox_store_path (dir, id, ".state");

  /* The message first: a lone state file is dropped at the next load. */
  return cartable_outbox_util_remove_durable (eml, error) &&
         cartable_outbox_util_remove_durable (state, error);
}

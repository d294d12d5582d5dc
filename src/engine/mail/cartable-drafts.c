/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-drafts"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cartable-drafts.h"
#include "cartable-mail-session-private.h"
#include "cartable-outbox-util-private.h"
#include "core/cartable-paths.h"

/*
 * Drafts: a few seconds after the last change to a message being written
 * (debounced), it is saved durably in the account's data dir (ID.eml and
 * ID.meta), then appended to the server's Drafts folder, where it replaces
 * the previous copy (found by its Message-ID, which a composer keeps).
 *
 * ID.meta records when the local copy was saved and which version the
 * server holds. A draft left on disk by a run that ended without closing
 * it (a crash) is offered back if it is newer than the server's copy; one
 * the server holds in its latest version is simply found in Drafts.
 *
 * Several processes may share the drafts folder (the application and
 * cartable-cli, two windows): each draft has a lock, ID.lock (flock), held
 * by the process that has it open for writing, from track() or restore()
 * to untrack() or discard(), and by every save under way. Another process
 * neither offers back, restores, nor removes a locked draft. The kernel
 * drops the lock of a process that dies, so a crashed writer's draft is
 * offered back at the next start as before.
 */

#define META_GROUP "draft"

/* ------------------------------------------------------------------ info */

struct _CartableDraftInfo
{
  GObject  parent_instance;
  char    *id;
  char    *subject;
  char    *recipients;
  gint64   saved_at;
};

G_DEFINE_TYPE (CartableDraftInfo, cartable_draft_info, G_TYPE_OBJECT)

static void
cartable_draft_info_finalize (GObject *object)
{
  CartableDraftInfo *self = CARTABLE_DRAFT_INFO (object);

  g_free (self->id);
  g_free (self->subject);
  g_free (self->recipients);
  G_OBJECT_CLASS (cartable_draft_info_parent_class)->finalize (object);
}

static void
cartable_draft_info_class_init (CartableDraftInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cartable_draft_info_finalize;
}

static void
cartable_draft_info_init (CartableDraftInfo *self)
{
}

const char *
cartable_draft_info_get_id (CartableDraftInfo *self)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFT_INFO (self), NULL);
  return self->id;
}

const char *
cartable_draft_info_get_subject (CartableDraftInfo *self)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFT_INFO (self), NULL);
  return self->subject;
}

const char *
cartable_draft_info_get_recipients (CartableDraftInfo *self)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFT_INFO (self), NULL);
  return self->recipients;
}

/**
 * cartable_draft_info_get_saved_at:
 *
 * Returns: when the local copy was saved (microseconds since the epoch)
 */
gint64
cartable_draft_info_get_saved_at (CartableDraftInfo *self)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFT_INFO (self), 0);
  return self->saved_at;
}

/* ------------------------------------------------------------------ locks */

/* A draft's lock: an open ID.lock with flock held; reference-counted (the
 * tracked composer, its saves and its discard share it), any thread. */
typedef struct
{
  int   fd;
  char *path;
} DraftLock;

static void
draft_lock_clear (gpointer data)
{
  DraftLock *lock = data;

  if (lock->fd >= 0)
    close (lock->fd);   /* drops the flock */
  g_free (lock->path);
}

static DraftLock *
draft_lock_ref (DraftLock *lock)
{
  return g_atomic_rc_box_acquire (lock);
}

static void
draft_lock_unref (DraftLock *lock)
{
  g_atomic_rc_box_release_full (lock, draft_lock_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftLock, draft_lock_unref)

/* Takes the lock of draft @id without waiting: %G_IO_ERROR_BUSY if a live
 * process (or another CartableDrafts of this one) has it. */
static DraftLock *
draft_lock_take (const char  *dir,
                 const char  *id,
                 GError     **error)
{
  g_autofree char *name = g_strconcat (id, ".lock", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      struct stat held, named;
      DraftLock *lock;
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

      if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          if (fd >= 0)
            close (fd);
          if (saved_errno == EWOULDBLOCK)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                                 _("This draft is open in another Cartable window or command."));
          else
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                         _("Could not lock the draft %s: %s"), path, g_strerror (saved_errno));
          return NULL;
        }

      /* The previous holder removes the file with the draft: if it did so
       * between our open and our flock, this file is no lock any more. */
      if (fstat (fd, &held) == 0 && g_stat (path, &named) == 0 &&
          held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        {
          lock = g_atomic_rc_box_new0 (DraftLock);
          lock->fd = fd;
          lock->path = g_steal_pointer (&path);
          return lock;
        }
      close (fd);
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("This draft is open in another Cartable window or command."));
  return NULL;
}

/* The draft is gone: so is its lock file (the lock is still held). */
static void
draft_lock_remove_file (DraftLock *lock)
{
  if (lock != NULL)
    g_unlink (lock->path);
}

/* ------------------------------------------------------------------ drafts */

typedef struct
{
  CartableDrafts   *drafts;     /* unowned */
  CartableComposer *composer;
  DraftLock        *lock;       /* nullable */
  char             *id;
  gulong            handler;
  guint             timeout_id;
  gboolean          saving;
  gboolean          dirty;
} Tracked;

struct _CartableDrafts
{
  GObject              parent_instance;

  CartableMailSession *session;
  char                *account_id;
  char                *dir;
  guint                delay_ms;
  char                *last_error;
  GHashTable          *tracked;       /* CartableComposer* → Tracked* */
  GListStore          *restorable;
  GCancellable        *cancellable;
  /* Saves and discards run in threads; io_lock orders them, and a save
   * that comes after the discard of its draft does nothing. */
  GMutex               io_lock;
  GMutex               discarded_lock;
  GHashTable          *discarded;
};

static void cartable_drafts_initable_iface_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (CartableDrafts, cartable_drafts, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, cartable_drafts_initable_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ACCOUNT_ID,
  PROP_DELAY,
  PROP_LAST_ERROR,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_save (CartableDrafts *self, Tracked *tracked);

static char *
draft_path (const char *dir,
            const char *id,
            const char *extension)
{
  g_autofree char *name = g_strconcat (id, extension, NULL);
  return g_build_filename (dir, name, NULL);
}

static void
tracked_free (gpointer data)
{
  Tracked *tracked = data;

  g_clear_handle_id (&tracked->timeout_id, g_source_remove);
  g_clear_signal_handler (&tracked->handler, tracked->composer);
  g_clear_object (&tracked->composer);
  g_clear_pointer (&tracked->lock, draft_lock_unref);
  g_free (tracked->id);
  g_free (tracked);
}

static void
cartable_drafts_dispose (GObject *object)
{
  CartableDrafts *self = CARTABLE_DRAFTS (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->tracked);

  G_OBJECT_CLASS (cartable_drafts_parent_class)->dispose (object);
}

static void
cartable_drafts_finalize (GObject *object)
{
  CartableDrafts *self = CARTABLE_DRAFTS (object);

  g_clear_object (&self->session);
  g_free (self->account_id);
  g_free (self->dir);
  g_free (self->last_error);
  g_hash_table_unref (self->tracked);
  g_clear_object (&self->restorable);
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->io_lock);
  g_mutex_clear (&self->discarded_lock);
  g_hash_table_unref (self->discarded);

  G_OBJECT_CLASS (cartable_drafts_parent_class)->finalize (object);
}

static void
cartable_drafts_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CartableDrafts *self = CARTABLE_DRAFTS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay_ms);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_drafts_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CartableDrafts *self = CARTABLE_DRAFTS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_dup_string (value);
      break;
    case PROP_DELAY:
      cartable_drafts_set_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_drafts_class_init (CartableDraftsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_drafts_dispose;
  object_class->finalize = cartable_drafts_finalize;
  object_class->get_property = cartable_drafts_get_property;
  object_class->set_property = cartable_drafts_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARTABLE_TYPE_MAIL_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, 600000, CARTABLE_DRAFTS_DEFAULT_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableDrafts::saved:
   * @draft_id: the draft
   * @on_server: %FALSE once saved on disk, %TRUE once the server has it too
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
cartable_drafts_init (CartableDrafts *self)
{
  self->delay_ms = CARTABLE_DRAFTS_DEFAULT_DELAY_MS;
  self->tracked = g_hash_table_new_full (NULL, NULL, NULL, tracked_free);
  self->restorable = g_list_store_new (CARTABLE_TYPE_DRAFT_INFO);
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->io_lock);
  g_mutex_init (&self->discarded_lock);
  self->discarded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
is_discarded (CartableDrafts *self,
              const char     *id)
{
  gboolean discarded;

  g_mutex_lock (&self->discarded_lock);
  discarded = g_hash_table_contains (self->discarded, id);
  g_mutex_unlock (&self->discarded_lock);

  return discarded;
}

/* Reads the drafts folder: drafts newer than the server's copy are offered
 * back; those the server holds as they are need no local copy any more. */
static gboolean
cartable_drafts_initable_init (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CartableDrafts *self = CARTABLE_DRAFTS (initable);
  g_autofree char *account_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self->session == NULL || self->account_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The drafts need a session and an account."));
      return FALSE;
    }

  account_dir = cartable_paths_get_account_dir ("data", self->account_id);
  if (account_dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be an account name."), self->account_id);
      return FALSE;
    }
  self->dir = g_build_filename (account_dir, "drafts", NULL);
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the drafts folder %s: %s"), self->dir, g_strerror (saved_errno));
      return FALSE;
    }

  dir = g_dir_open (self->dir, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GKeyFile) meta = g_key_file_new ();
      g_autofree char *id = NULL;
      g_autofree char *meta_path = NULL;
      g_autofree char *eml_path = NULL;
      CartableDraftInfo *info;
      gint64 saved_at, server_saved_at;

      g_autoptr(DraftLock) lock = NULL;
      g_autoptr(GError) lock_error = NULL;

      if (g_str_has_suffix (name, ".lock"))
        {
          /* The lock of a draft that is gone (a crash between removing the
           * draft and its lock), unless someone holds it. */
          id = g_strndup (name, strlen (name) - 5);
          meta_path = draft_path (self->dir, id, ".meta");
          if (cartable_paths_is_safe_component (id) && !g_file_test (meta_path, G_FILE_TEST_EXISTS) &&
              (lock = draft_lock_take (self->dir, id, NULL)) != NULL &&
              !g_file_test (meta_path, G_FILE_TEST_EXISTS))
            draft_lock_remove_file (lock);
          continue;
        }

      if (!g_str_has_suffix (name, ".meta"))
        {
          /* Temporary files of interrupted writes. */
          if (strstr (name, ".eml.") != NULL || strstr (name, ".meta.") != NULL)
            {
              g_autofree char *path = g_build_filename (self->dir, name, NULL);
              g_unlink (path);
            }
          continue;
        }

      id = g_strndup (name, strlen (name) - 5);
      if (!cartable_paths_is_safe_component (id))
        continue;

      /* Being written by a live process: its business, not ours. */
      lock = draft_lock_take (self->dir, id, &lock_error);
      if (lock == NULL)
        {
          g_debug ("Draft %s left alone: %s", id, lock_error->message);
          continue;
        }

      meta_path = draft_path (self->dir, id, ".meta");
      eml_path = draft_path (self->dir, id, ".eml");
      if (!g_key_file_load_from_file (meta, meta_path, G_KEY_FILE_NONE, NULL) ||
          !g_file_test (eml_path, G_FILE_TEST_EXISTS))
        continue;

      saved_at = g_key_file_get_int64 (meta, META_GROUP, "saved-at", NULL);
      server_saved_at = g_key_file_get_int64 (meta, META_GROUP, "server-saved-at", NULL);
      if (server_saved_at >= saved_at)
        {
          g_unlink (eml_path);
          g_unlink (meta_path);
          draft_lock_remove_file (lock);
          continue;
        }

      info = g_object_new (CARTABLE_TYPE_DRAFT_INFO, NULL);
      info->id = g_steal_pointer (&id);
      info->subject = g_key_file_get_string (meta, META_GROUP, "subject", NULL);
      info->recipients = g_key_file_get_string (meta, META_GROUP, "recipients", NULL);
      info->saved_at = saved_at;
      g_list_store_append (self->restorable, info);
      g_object_unref (info);
    }

  return TRUE;
}

static void
cartable_drafts_initable_iface_init (GInitableIface *iface)
{
  iface->init = cartable_drafts_initable_init;
}

/**
 * cartable_drafts_new:
 * @session: the mail session holding the account
 * @account_id: the account
 *
 * Opens the account's drafts folder and finds the drafts to offer back.
 *
 * Returns: (transfer full): the drafts, or %NULL
 */
CartableDrafts *
cartable_drafts_new (CartableMailSession *session,
                     const char          *account_id,
                     GError             **error)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (session), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  return g_initable_new (CARTABLE_TYPE_DRAFTS, NULL, error,
                         "session", session,
                         "account-id", account_id,
                         NULL);
}

void
cartable_drafts_set_delay (CartableDrafts *self,
                           guint           delay_ms)
{
  g_return_if_fail (CARTABLE_IS_DRAFTS (self));

  if (self->delay_ms == delay_ms)
    return;
  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

guint
cartable_drafts_get_delay (CartableDrafts *self)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), 0);
  return self->delay_ms;
}

const char *
cartable_drafts_get_last_error (CartableDrafts *self)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), NULL);
  return self->last_error;
}

static void
set_last_error (CartableDrafts *self,
                const char     *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* ------------------------------------------------------------------ saving */

typedef struct
{
  CartableDrafts      *drafts;
  CartableMailSession *session;
  char                *account_id;
  char                *dir;
  char                *id;
  char                *message_id;
  char                *subject;
  char                *recipients;
  GBytes              *bytes;
  gint64               saved_at;
  gboolean             local_done;
  GMainContext        *context;
  DraftLock           *lock;       /* held until the save is over */
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->drafts);
  g_clear_object (&save->session);
  g_free (save->account_id);
  g_free (save->dir);
  g_free (save->id);
  g_free (save->message_id);
  g_free (save->subject);
  g_free (save->recipients);
  g_bytes_unref (save->bytes);
  g_main_context_unref (save->context);
  g_clear_pointer (&save->lock, draft_lock_unref);
  g_free (save);
}

static gboolean
write_meta (SaveData  *save,
            gint64     server_saved_at,
            GError   **error)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autofree char *path = draft_path (save->dir, save->id, ".meta");
  g_autofree char *contents = NULL;
  gsize length;

  g_key_file_set_string (meta, META_GROUP, "message-id", save->message_id ? save->message_id : "");
  g_key_file_set_string (meta, META_GROUP, "subject", save->subject ? save->subject : "");
  g_key_file_set_string (meta, META_GROUP, "recipients", save->recipients ? save->recipients : "");
  g_key_file_set_int64 (meta, META_GROUP, "saved-at", save->saved_at);
  g_key_file_set_int64 (meta, META_GROUP, "server-saved-at", server_saved_at);
  contents = g_key_file_to_data (meta, &length, NULL);

  return cartable_outbox_util_write_durable (path, contents, length, error);
}

static gint64
read_server_saved_at (const char *dir,
                      const char *id)
{
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autofree char *path = draft_path (dir, id, ".meta");

  if (!g_key_file_load_from_file (meta, path, G_KEY_FILE_NONE, NULL))
    return 0;
  return g_key_file_get_int64 (meta, META_GROUP, "server-saved-at", NULL);
}

typedef struct
{
  CartableDrafts *drafts;
  char           *id;
} SavedNotice;

static gboolean
emit_local_saved_cb (gpointer data)
{
  SavedNotice *notice = data;

  g_signal_emit (notice->drafts, signals[SAVED], 0, notice->id, FALSE);
  return G_SOURCE_REMOVE;
}

static void
saved_notice_free (gpointer data)
{
  SavedNotice *notice = data;

  g_object_unref (notice->drafts);
  g_free (notice->id);
  g_free (notice);
}

/* Deletes every copy of @message_id in @folder but @keep_uid. */
static gboolean
delete_other_copies (CamelFolder   *folder,
                     const char    *message_id,
                     const char    *keep_uid,
                     GCancellable  *cancellable,
                     GError       **error)
{
  GPtrArray *uids = cartable_outbox_util_find_message_id (folder, message_id, cancellable, error);
  guint n_deleted = 0;

  if (uids == NULL)
    return FALSE;

  for (guint i = 0; i < uids->len; i++)
    {
      const char *uid = g_ptr_array_index (uids, i);

      if (g_strcmp0 (uid, keep_uid) == 0)
        continue;
      camel_folder_set_message_flags (folder, uid, CAMEL_MESSAGE_DELETED, CAMEL_MESSAGE_DELETED);
      n_deleted++;
    }
  g_ptr_array_unref (uids);

  if (n_deleted == 0)
    return TRUE;
  return camel_folder_synchronize_sync (folder, TRUE, cancellable, error);
}

static CamelFolder *
open_drafts_folder (CartableMailSession  *session,
                    const char           *account_id,
                    GCancellable         *cancellable,
                    GError              **error)
{
  CamelStore *store = cartable_mail_session_get_store (session, account_id);

  if (store == NULL)
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT, _("Unknown account"));
      return NULL;
    }
  if (!cartable_mail_session_connect_store_sync (session, account_id, cancellable, error))
    return NULL;

  return cartable_outbox_util_get_special_folder (store, CAMEL_FOLDER_TYPE_DRAFTS, "Drafts", cancellable, error);
}

static void save_thread_locked (GTask *task, SaveData *save, GCancellable *cancellable);

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;

  g_mutex_lock (&save->drafts->io_lock);
  if (is_discarded (save->drafts, save->id))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "discarded");
  else
    save_thread_locked (task, save, cancellable);
  g_mutex_unlock (&save->drafts->io_lock);
}

static void
save_thread_locked (GTask        *task,
                    SaveData     *save,
                    GCancellable *cancellable)
{
  g_autofree char *eml = draft_path (save->dir, save->id, ".eml");
  g_autoptr(CamelFolder) folder = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(CamelMessageInfo) info = NULL;
  g_autofree char *uid = NULL;
  GError *error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (save->bytes, &size);
  SavedNotice *notice;

  /* First on disk: that is what survives a crash. */
  if (!cartable_outbox_util_write_durable (eml, data, size, &error) ||
      !write_meta (save, read_server_saved_at (save->dir, save->id), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  save->local_done = TRUE;
  notice = g_new0 (SavedNotice, 1);
  notice->drafts = g_object_ref (save->drafts);
  notice->id = g_strdup (save->id);
  g_main_context_invoke_full (save->context, G_PRIORITY_DEFAULT, emit_local_saved_cb, notice, saved_notice_free);

  /* Then on the server, replacing the previous copy. */
  folder = open_drafts_folder (save->session, save->account_id, cancellable, &error);
  if (folder == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  message = cartable_outbox_util_parse_message (save->bytes, cancellable, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  info = camel_message_info_new (NULL);
  camel_message_info_set_flags (info, CAMEL_MESSAGE_DRAFT | CAMEL_MESSAGE_SEEN,
                                CAMEL_MESSAGE_DRAFT | CAMEL_MESSAGE_SEEN);
  if (!camel_folder_append_message_sync (folder, message, info, &uid, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (save->message_id != NULL && uid != NULL &&
      !delete_other_copies (folder, save->message_id, uid, cancellable, &error))
    {
      /* The new copy is there; an old one lingers. Not worth failing for. */
      g_debug ("Could not remove the previous copy of draft %s: %s", save->id, error->message);
      g_clear_error (&error);
    }

  if (!write_meta (save, save->saved_at, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static Tracked *
find_tracked_by_id (CartableDrafts *self,
                    const char     *id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tracked);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((Tracked *) value)->id, id) == 0)
      return value;

  return NULL;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CartableDrafts *self = CARTABLE_DRAFTS (source);
  SaveData *save = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Tracked *tracked;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_last_error (self, NULL);
      g_signal_emit (self, signals[SAVED], 0, save->id, TRUE);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GError) mapped = cartable_mail_error_from_camel (error);

      g_debug ("Draft %s: %s", save->id, mapped->message);
      set_last_error (self, mapped->message);
    }

  tracked = find_tracked_by_id (self, save->id);
  if (tracked == NULL)
    return;
  tracked->saving = FALSE;
  if (tracked->dirty)
    start_save (self, tracked);
}

static void
start_save (CartableDrafts *self,
            Tracked        *tracked)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  SaveData *save;

  g_clear_handle_id (&tracked->timeout_id, g_source_remove);
  if (tracked->saving)
    {
      tracked->dirty = TRUE;
      return;
    }
  tracked->dirty = FALSE;
  tracked->saving = TRUE;

  message = cartable_composer_build_draft (tracked->composer);
  save = g_new0 (SaveData, 1);
  save->drafts = g_object_ref (self);
  save->session = g_object_ref (self->session);
  save->account_id = g_strdup (self->account_id);
  save->dir = g_strdup (self->dir);
  save->id = g_strdup (tracked->id);
  save->message_id = g_strdup (g_mime_message_get_message_id (message));
  save->subject = g_strdup (cartable_composer_get_subject (tracked->composer));
  save->recipients = cartable_composer_dup_recipients (tracked->composer, GMIME_ADDRESS_TYPE_TO);
  save->bytes = cartable_composer_serialize (message);
  save->saved_at = g_get_real_time ();
  save->context = g_main_context_ref_thread_default ();
  save->lock = tracked->lock != NULL ? draft_lock_ref (tracked->lock) : NULL;

  task = g_task_new (self, self->cancellable, save_done_cb, NULL);
  g_task_set_source_tag (task, start_save);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  Tracked *tracked = user_data;

  tracked->timeout_id = 0;
  start_save (tracked->drafts, tracked);
  return G_SOURCE_REMOVE;
}

static void
composer_changed_cb (CartableComposer *composer,
                     Tracked          *tracked)
{
  /* Debounce: the delay starts again at each change. */
  g_clear_handle_id (&tracked->timeout_id, g_source_remove);
  tracked->timeout_id = g_timeout_add (tracked->drafts->delay_ms, save_timeout_cb, tracked);
}

/* Takes @lock (nullable). */
static const char *
track_with_id (CartableDrafts   *self,
               CartableComposer *composer,
               const char       *id,
               DraftLock        *lock)
{
  Tracked *tracked = g_hash_table_lookup (self->tracked, composer);

  if (tracked != NULL)
    {
      g_clear_pointer (&lock, draft_lock_unref);
      return tracked->id;
    }

  tracked = g_new0 (Tracked, 1);
  tracked->drafts = self;
  tracked->composer = g_object_ref (composer);
  tracked->lock = lock;
  tracked->id = g_strdup (id);
  tracked->handler = g_signal_connect (composer, "changed", G_CALLBACK (composer_changed_cb), tracked);
  g_hash_table_insert (self->tracked, composer, tracked);

  return tracked->id;
}

/**
 * cartable_drafts_track:
 * @self: a #CartableDrafts
 * @composer: a message being written
 *
 * Saves @composer as a draft a few seconds (#CartableDrafts:delay) after
 * each change, until cartable_drafts_untrack().
 *
 * Returns: the draft's id
 */
const char *
cartable_drafts_track (CartableDrafts   *self,
                       CartableComposer *composer)
{
  g_autofree char *uuid = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  DraftLock *lock;

  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (composer), NULL);

  if (g_hash_table_contains (self->tracked, composer))
    return cartable_drafts_get_draft_id (self, composer);

  uuid = g_uuid_string_random ();
  id = g_strdup_printf ("%" G_GINT64_FORMAT "-%.8s", g_get_real_time () / G_USEC_PER_SEC, uuid);
  /* A new id: nobody else can hold it. Without a lock (the folder cannot
   * be written) the saves fail and say why. */
  lock = draft_lock_take (self->dir, id, &error);
  if (lock == NULL)
    set_last_error (self, error->message);
  return track_with_id (self, composer, id, lock);
}

const char *
cartable_drafts_get_draft_id (CartableDrafts   *self,
                              CartableComposer *composer)
{
  Tracked *tracked;

  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), NULL);

  tracked = g_hash_table_lookup (self->tracked, composer);
  return tracked != NULL ? tracked->id : NULL;
}

/**
 * cartable_drafts_save_now:
 *
 * Saves without waiting for the delay (the editor is closed, the user
 * pressed Ctrl+S).
 */
void
cartable_drafts_save_now (CartableDrafts   *self,
                          CartableComposer *composer)
{
  Tracked *tracked;

  g_return_if_fail (CARTABLE_IS_DRAFTS (self));

  tracked = g_hash_table_lookup (self->tracked, composer);
  g_return_if_fail (tracked != NULL);
  start_save (self, tracked);
}

/**
 * cartable_drafts_untrack:
 *
 * Stops saving @composer. A change still waiting for its delay is saved
 * first.
 */
void
cartable_drafts_untrack (CartableDrafts   *self,
                         CartableComposer *composer)
{
  Tracked *tracked;

  g_return_if_fail (CARTABLE_IS_DRAFTS (self));

  tracked = g_hash_table_lookup (self->tracked, composer);
  if (tracked == NULL)
    return;
  if (tracked->timeout_id != 0)
    start_save (self, tracked);
  g_hash_table_remove (self->tracked, composer);
}

/**
 * cartable_drafts_get_restorable:
 *
 * Returns: (transfer none): a #GListModel of #CartableDraftInfo: drafts an
 *   earlier run left that are newer than the server's copy
 */
GListModel *
cartable_drafts_get_restorable (CartableDrafts *self)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), NULL);
  return G_LIST_MODEL (self->restorable);
}

/**
 * cartable_drafts_restore:
 *
 * Opens a draft offered back, to go on writing it; it is tracked again
 * under the same id, and its next save replaces the server's copy.
 *
 * Returns: (transfer full): the composer, or %NULL
 */
CartableComposer *
cartable_drafts_restore (CartableDrafts  *self,
                         const char      *draft_id,
                         GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(DraftLock) lock = NULL;
  CartableComposer *composer;
  gsize length;
  guint n;

  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (draft_id != NULL, NULL);

  if (!cartable_paths_is_safe_component (draft_id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no draft “%s”."), draft_id);
      return NULL;
    }
  /* Not while it is open, here or in another process. */
  if (find_tracked_by_id (self, draft_id) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("This draft is already open."));
      return NULL;
    }
  lock = draft_lock_take (self->dir, draft_id, error);
  if (lock == NULL)
    return NULL;
  path = draft_path (self->dir, draft_id, ".eml");
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  stream = g_mime_stream_mem_new_with_buffer (contents, length);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The draft “%s” is damaged."), draft_id);
      return NULL;
    }

  composer = cartable_composer_new_from_message (message);
  track_with_id (self, composer, draft_id, g_steal_pointer (&lock));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->restorable));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableDraftInfo) info = g_list_model_get_item (G_LIST_MODEL (self->restorable), i);

      if (g_strcmp0 (info->id, draft_id) == 0)
        {
          g_list_store_remove (self->restorable, i);
          break;
        }
    }

  return composer;
}

/* The composer tracked here whose message has @message_id, or NULL. */
static Tracked *
find_tracked_by_message_id (CartableDrafts *self,
                            const char     *message_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tracked);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (cartable_composer_get_message_id (((Tracked *) value)->composer), message_id) == 0)
      return value;

  return NULL;
}

/**
 * cartable_drafts_resume:
 * @self: a #CartableDrafts
 * @draft: a draft as the server's Drafts folder holds it
 *
 * Opens a draft of the server again, to go on writing it: a composer with
 * its recipients, subject, texts and attachments, tracked under a new id
 * and keeping the draft's Message-ID, so that its next save replaces the
 * server's copy and sending it (cartable_drafts_discard_async()) removes
 * that copy. A draft without a Message-ID gets one: its old copy stays.
 *
 * Returns: (transfer full): the composer, or %NULL with
 *   %G_IO_ERROR_BUSY when that draft is already being written here
 */
CartableComposer *
cartable_drafts_resume (CartableDrafts  *self,
                        GMimeMessage    *draft,
                        GError         **error)
{
  g_autoptr(CartableComposer) composer = NULL;
  const char *message_id;

  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (GMIME_IS_MESSAGE (draft), NULL);

  message_id = g_mime_message_get_message_id (draft);
  if (message_id != NULL && find_tracked_by_message_id (self, message_id) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("This draft is already open."));
      return NULL;
    }

  composer = cartable_composer_new_from_message (draft);
  cartable_drafts_track (self, composer);
  return g_steal_pointer (&composer);
}

/* ------------------------------------------------------------------ discarding */

typedef struct
{
  CartableDrafts      *drafts;
  CartableMailSession *session;
  char                *account_id;
  char                *dir;
  char                *id;
  char                *message_id;
  DraftLock           *lock;
} DiscardData;

static void
discard_data_free (gpointer data)
{
  DiscardData *discard = data;

  g_clear_object (&discard->drafts);
  g_clear_object (&discard->session);
  g_free (discard->account_id);
  g_free (discard->dir);
  g_free (discard->id);
  g_free (discard->message_id);
  g_clear_pointer (&discard->lock, draft_lock_unref);
  g_free (discard);
}

static void discard_thread_locked (GTask *task, DiscardData *discard, GCancellable *cancellable);

static void
discard_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DiscardData *discard = task_data;

  g_mutex_lock (&discard->drafts->io_lock);
  discard_thread_locked (task, discard, cancellable);
  g_mutex_unlock (&discard->drafts->io_lock);
}

static void
discard_thread_locked (GTask        *task,
                       DiscardData  *discard,
                       GCancellable *cancellable)
{
  g_autofree char *eml = draft_path (discard->dir, discard->id, ".eml");
  g_autofree char *meta_path = draft_path (discard->dir, discard->id, ".meta");
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autoptr(CamelFolder) folder = NULL;
  GError *error = NULL;

  if (discard->message_id == NULL && g_key_file_load_from_file (meta, meta_path, G_KEY_FILE_NONE, NULL))
    discard->message_id = g_key_file_get_string (meta, META_GROUP, "message-id", NULL);

  /* The server's copy first: a local copy left by a failure here still
   * lets the user discard again. */
  if (discard->message_id != NULL && *discard->message_id != '\0')
    {
      folder = open_drafts_folder (discard->session, discard->account_id, cancellable, &error);
      if (folder == NULL ||
          !delete_other_copies (folder, discard->message_id, NULL, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (!cartable_outbox_util_remove_durable (eml, &error) ||
      !cartable_outbox_util_remove_durable (meta_path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  draft_lock_remove_file (discard->lock);

  g_task_return_boolean (task, TRUE);
}

/**
 * cartable_drafts_discard_async:
 * @self: a #CartableDrafts
 * @draft_id: the draft
 *
 * Removes a draft, locally and from the server's Drafts folder: the
 * message was sent, or the user threw it away. Stops tracking its composer.
 */
void
cartable_drafts_discard_async (CartableDrafts      *self,
                               const char          *draft_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DraftLock) lock = NULL;
  DiscardData *discard;
  Tracked *tracked;

  g_return_if_fail (CARTABLE_IS_DRAFTS (self));
  g_return_if_fail (draft_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_drafts_discard_async);

  if (!cartable_paths_is_safe_component (draft_id))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is no draft “%s”."), draft_id);
      return;
    }

  /* Ours if this process has it open, else only if no one else has. */
  tracked = find_tracked_by_id (self, draft_id);
  if (tracked != NULL && tracked->lock != NULL)
    lock = draft_lock_ref (tracked->lock);
  else
    {
      GError *error = NULL;

      lock = draft_lock_take (self->dir, draft_id, &error);
      if (lock == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_mutex_lock (&self->discarded_lock);
  g_hash_table_add (self->discarded, g_strdup (draft_id));
  g_mutex_unlock (&self->discarded_lock);

  discard = g_new0 (DiscardData, 1);
  discard->drafts = g_object_ref (self);
  discard->session = g_object_ref (self->session);
  discard->account_id = g_strdup (self->account_id);
  discard->dir = g_strdup (self->dir);
  discard->id = g_strdup (draft_id);
  discard->lock = g_steal_pointer (&lock);

  if (tracked != NULL)
    {
      discard->message_id = g_strdup (cartable_composer_get_message_id (tracked->composer));
      g_hash_table_remove (self->tracked, tracked->composer);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->restorable)); i++)
    {
      g_autoptr(CartableDraftInfo) info = g_list_model_get_item (G_LIST_MODEL (self->restorable), i);

      if (g_strcmp0 (info->id, draft_id) == 0)
        {
          g_list_store_remove (self->restorable, i);
          break;
        }
    }

  g_task_set_task_data (task, discard, discard_data_free);
  g_task_run_in_thread (task, discard_thread);
}

gboolean
cartable_drafts_discard_finish (CartableDrafts  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (CARTABLE_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

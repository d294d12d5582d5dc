/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-account-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cartable-account-store.h"
#include "cartable-credentials.h"
#include "core/cartable-paths.h"

/*
 * The list of accounts, kept in a key file under the user's config dir.
 * Only non-secret settings go there; the file is small and read once at
 * start-up, before the first window is shown, so it is read synchronously.
 * Writes go through g_file_set_contents(), which replaces the file
 * atomically and syncs it to disk.
 */

#define GROUP_PREFIX "account "

struct _CartableAccountStore
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *accounts;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableAccountStore, cartable_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (cartable-account-store-error-quark, cartable_account_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cartable_account_store_get_item_type (GListModel *model)
{
  return CARTABLE_TYPE_ACCOUNT;
}

static guint
cartable_account_store_get_n_items (GListModel *model)
{
  CartableAccountStore *self = CARTABLE_ACCOUNT_STORE (model);

  return self->accounts->len;
}

static gpointer
cartable_account_store_get_item (GListModel *model,
                                 guint       position)
{
  CartableAccountStore *self = CARTABLE_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cartable_account_store_get_item_type;
  iface->get_n_items = cartable_account_store_get_n_items;
  iface->get_item = cartable_account_store_get_item;
}

static void
cartable_account_store_finalize (GObject *object)
{
  CartableAccountStore *self = (CartableAccountStore *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);

  G_OBJECT_CLASS (cartable_account_store_parent_class)->finalize (object);
}

static void
cartable_account_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CartableAccountStore *self = CARTABLE_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->accounts->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_store_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CartableAccountStore *self = CARTABLE_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_store_constructed (GObject *object)
{
  CartableAccountStore *self = CARTABLE_ACCOUNT_STORE (object);

  G_OBJECT_CLASS (cartable_account_store_parent_class)->constructed (object);

  if (self->path == NULL)
    {
      g_autofree char *dir = cartable_paths_get_config_dir ();
      self->path = g_build_filename (dir, "accounts.ini", NULL);
    }
}

static void
cartable_account_store_class_init (CartableAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_account_store_constructed;
  object_class->finalize = cartable_account_store_finalize;
  object_class->get_property = cartable_account_store_get_property;
  object_class->set_property = cartable_account_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_account_store_init (CartableAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cartable_account_store_new:
 * @path: (nullable): the key file, or %NULL for the default one in the
 *   user's config dir
 *
 * Returns: (transfer full): a new, empty store; call
 *   cartable_account_store_load() to read the file
 */
CartableAccountStore *
cartable_account_store_new (const char *path)
{
  return g_object_new (CARTABLE_TYPE_ACCOUNT_STORE, "path", path, NULL);
}

const char *
cartable_account_store_get_path (CartableAccountStore *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (self), NULL);
  return self->path;
}

static void
replace_all (CartableAccountStore *self,
             GPtrArray            *accounts)
{
  guint removed = self->accounts->len;

  g_ptr_array_unref (self->accounts);
  self->accounts = g_ptr_array_ref (accounts);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, accounts->len);
  if (removed != accounts->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static char *
dup_key (GKeyFile   *key_file,
         const char *group,
         const char *key)
{
  g_autofree char *value = g_key_file_get_string (key_file, group, key, NULL);

  if (value == NULL || *value == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

/**
 * cartable_account_store_load:
 *
 * Reads the key file. A missing file is an empty list, not an error. Groups
 * without an identifier or with an id that cannot be a folder name are
 * skipped with a warning in the log, so one damaged entry does not hide the
 * others.
 */
gboolean
cartable_account_store_load (CartableAccountStore  *self,
                             GError               **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (self), FALSE);

  if (!g_key_file_load_from_file (key_file, self->path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          replace_all (self, accounts);
          return TRUE;
        }

      g_set_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_INVALID,
                   _("The list of accounts could not be read (%s)."), local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *id;
      g_autofree char *identifier = NULL;
      g_autofree char *email = NULL;
      g_autofree char *display_name = NULL;
      g_autofree char *academy_id = NULL;
      g_autofree char *profile_path = NULL;
      g_autofree char *signature = NULL;
      CartableAccount *account;

      if (!g_str_has_prefix (groups[i], GROUP_PREFIX))
        continue;

      id = groups[i] + strlen (GROUP_PREFIX);
      identifier = dup_key (key_file, groups[i], "identifier");
      if (!cartable_paths_is_safe_component (id) || identifier == NULL)
        {
          g_warning ("Skipping damaged account entry “%s” in %s", groups[i], self->path);
          continue;
        }

      email = dup_key (key_file, groups[i], "email");
      display_name = dup_key (key_file, groups[i], "display-name");
      academy_id = dup_key (key_file, groups[i], "academy");
      profile_path = dup_key (key_file, groups[i], "profile");
      signature = dup_key (key_file, groups[i], "signature");

      account = cartable_account_new (id, identifier, email);
      cartable_account_set_display_name (account, display_name);
      cartable_account_set_academy_id (account, academy_id);
      cartable_account_set_profile_path (account, profile_path);
      cartable_account_set_signature (account, signature);
      g_ptr_array_add (accounts, account);
    }

  replace_all (self, accounts);
  return TRUE;
}

static void
set_optional (GKeyFile   *key_file,
              const char *group,
              const char *key,
              const char *value)
{
  if (value != NULL && *value != '\0')
    g_key_file_set_string (key_file, group, key, value);
}

/**
 * cartable_account_store_save:
 *
 * Writes every account to the key file atomically (mode 0600: the file holds
 * no secret, but it names the user's accounts).
 */
gboolean
cartable_account_store_save (CartableAccountStore  *self,
                             GError               **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (self), FALSE);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      CartableAccount *account = g_ptr_array_index (self->accounts, i);
      g_autofree char *group = g_strconcat (GROUP_PREFIX, cartable_account_get_id (account), NULL);

      g_key_file_set_string (key_file, group, "identifier", cartable_account_get_identifier (account));
      set_optional (key_file, group, "email", cartable_account_get_email (account));
      set_optional (key_file, group, "academy", cartable_account_get_academy_id (account));
      set_optional (key_file, group, "profile", cartable_account_get_profile_path (account));
      set_optional (key_file, group, "signature", cartable_account_get_signature (account));
      /* The getter falls back to the address; only a name the user gave is stored. */
      if (g_strcmp0 (cartable_account_get_display_name (account), cartable_account_get_email (account)) != 0 &&
          g_strcmp0 (cartable_account_get_display_name (account), cartable_account_get_identifier (account)) != 0)
        g_key_file_set_string (key_file, group, "display-name", cartable_account_get_display_name (account));
    }

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The folder %s could not be created (%s)."), dir, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_key_file_to_data (key_file, &length, NULL);
  return g_file_set_contents_full (self->path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

CartableAccount *
cartable_account_store_lookup (CartableAccountStore *self,
                               const char           *id)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      CartableAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (cartable_account_get_id (account), id))
        return account;
    }

  return NULL;
}

/**
 * cartable_account_store_add:
 *
 * Adds @account and saves the list. On failure the list is left as it was.
 */
gboolean
cartable_account_store_add (CartableAccountStore  *self,
                            CartableAccount       *account,
                            GError               **error)
{
  const char *id;

  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (account), FALSE);

  id = cartable_account_get_id (account);
  if (!cartable_paths_is_safe_component (id))
    {
      g_set_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_INVALID,
                   _("“%s” cannot be used to name an account."), id);
      return FALSE;
    }

  if (cartable_account_store_lookup (self, id) != NULL)
    {
      g_set_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_EXISTS,
                   _("The account %s is already set up."), cartable_account_get_display_name (account));
      return FALSE;
    }

  g_ptr_array_add (self->accounts, g_object_ref (account));
  if (!cartable_account_store_save (self, error))
    {
      g_ptr_array_remove_index (self->accounts, self->accounts->len - 1);
      return FALSE;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), self->accounts->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/**
 * cartable_account_store_remove:
 *
 * Removes the account with @id from the list and saves it. Its cache and
 * secrets are removed by the caller (they belong to other services).
 */
gboolean
cartable_account_store_remove (CartableAccountStore  *self,
                               const char            *id,
                               GError               **error)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      CartableAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (cartable_account_get_id (account), id))
        {
          g_autoptr(CartableAccount) removed = g_ptr_array_steal_index (self->accounts, i);

          if (!cartable_account_store_save (self, error))
            {
              g_ptr_array_insert (self->accounts, i, g_steal_pointer (&removed));
              return FALSE;
            }

          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
          return TRUE;
        }
    }

  g_set_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_NOT_FOUND,
               _("No account named %s is set up."), id);
  return FALSE;
}

static gboolean
delete_tree (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Never follow symbolic links out of the account's folder. */
  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (enumerator != NULL)
    {
      for (;;)
        {
          GFileInfo *info = NULL;
          GFile *child = NULL;

          if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
            return FALSE;
          if (info == NULL)
            break;

          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            {
              if (!delete_tree (child, cancellable, error))
                return FALSE;
            }
          else if (!g_file_delete (child, cancellable, error))
            return FALSE;
        }
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_error (&local_error);
  if (!g_file_delete (file, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
delete_folders_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *id = task_data;
  static const char *kinds[] = { "config", "data", "cache" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = cartable_paths_get_account_dir (kinds[i], id);
      g_autoptr(GFile) file = NULL;
      GError *error = NULL;

      if (path == NULL)
        continue;

      file = g_file_new_for_path (path);
      if (!delete_tree (file, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
delete_secrets_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!cartable_credentials_clear_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
delete_folders_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  cartable_credentials_clear_async (g_task_get_task_data (task), NULL, g_task_get_cancellable (task),
                                    delete_secrets_cb, g_object_ref (task));
}

void
cartable_account_store_delete_account_async (CartableAccountStore *self,
                                             const char           *id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) folders = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARTABLE_IS_ACCOUNT_STORE (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_account_store_delete_account_async);
  g_task_set_task_data (task, g_strdup (id), g_free);

  /* Settings first: once the account is out of the list, nothing uses its
   * folders or secrets any more. */
  if (!cartable_account_store_remove (self, id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  folders = g_task_new (self, cancellable, delete_folders_cb, g_steal_pointer (&task));
  g_task_set_task_data (folders, g_strdup (id), g_free);
  g_task_run_in_thread (folders, delete_folders_thread);
}

gboolean
cartable_account_store_delete_account_finish (CartableAccountStore  *self,
                                              GAsyncResult          *result,
                                              GError               **error)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

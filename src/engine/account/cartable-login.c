/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-login"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cartable-credentials.h"
#include "cartable-login.h"
#include "core/cartable-paths.h"
#include "academy/cartable-server-check.h"
#include "directory/cartable-directory-lookup.h"

/*
 * Signing in, as one asynchronous operation for the interface and the CLI:
 * IMAP proves the password, the portal tells whether it is temporary, and
 * only then is anything saved (the password in the keyring, the account in
 * the store). A temporary password saves nothing: the caller must route to
 * the forced change first.
 */

CartableLoginResult *
cartable_login_result_copy (const CartableLoginResult *result)
{
  CartableLoginResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (CartableLoginResult, 1);
  copy->account = result->account != NULL ? g_object_ref (result->account) : NULL;
  copy->portal_account = result->portal_account != NULL ? cartable_portal_account_copy (result->portal_account) : NULL;
  copy->must_change_password = result->must_change_password;
  return copy;
}

void
cartable_login_result_free (CartableLoginResult *result)
{
  if (result == NULL)
    return;

  g_clear_object (&result->account);
  g_clear_pointer (&result->portal_account, cartable_portal_account_free);
  g_free (result);
}

G_DEFINE_BOXED_TYPE (CartableLoginResult, cartable_login_result,
                     cartable_login_result_copy, cartable_login_result_free)

typedef struct
{
  CartableAcademyProfile *profile;
  CartableAccountStore   *store;
  CartablePortal         *portal;
  char                   *identifier;
  char                   *password;
  char                   *new_password;
  CartableLoginResult    *result;
  char                   *account_id;
  char                   *email;        /* the address typed instead of the identifier */
} LoginData;

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->profile);
  g_clear_object (&data->store);
  g_free (data->email);
  g_clear_object (&data->portal);
  g_free (data->identifier);
  wipe_free (data->password);
  wipe_free (data->new_password);
  g_clear_pointer (&data->result, cartable_login_result_free);
  g_free (data->account_id);
  g_free (data);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartablePortalAccount *status = data->result->portal_account;
  g_autoptr(CartableAccount) account = NULL;
  CartableAccount *existing = NULL;

  if (!cartable_credentials_store_finish (result, &error))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The password could not be saved in the keyring (%s)."), error->message);
      return;
    }

  if (data->store != NULL)
    existing = cartable_account_store_lookup (data->store, data->account_id);

  if (existing != NULL)
    account = g_object_ref (existing);
  else
    {
      g_autofree char *email = NULL;

      if (status != NULL && status->email != NULL)
        email = g_strdup (status->email);
      else if (data->email != NULL)
        email = g_strdup (data->email);
      else if (strchr (data->identifier, '@') != NULL)
        email = g_strdup (data->identifier);

      account = cartable_account_new (data->account_id,
                                      status != NULL && status->identifier != NULL ? status->identifier
                                                                                   : data->identifier,
                                      email);
    }

  if (status != NULL && status->display_name != NULL)
    cartable_account_set_display_name (account, status->display_name);
  cartable_account_set_academy_id (account, cartable_academy_profile_get_id (data->profile));
  cartable_account_set_profile_path (account, cartable_academy_profile_get_path (data->profile));

  if (data->store != NULL)
    {
      gboolean saved = existing != NULL ? cartable_account_store_save (data->store, &error)
                                        : cartable_account_store_add (data->store, account, &error);

      if (!saved)
        {
          /* Leave no orphan secret behind an account that was not saved. */
          if (existing == NULL)
            cartable_credentials_clear_async (data->account_id, NULL, NULL, NULL, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  data->result->account = g_steal_pointer (&account);
  g_task_return_pointer (task, g_steal_pointer (&data->result), (GDestroyNotify) cartable_login_result_free);
}

static void
save_account (GTask *task)
{
  LoginData *data = g_task_get_task_data (task);
  CartablePortalAccount *status = data->result->portal_account;
  const char *identifier = status != NULL && status->identifier != NULL ? status->identifier : data->identifier;

  data->account_id = g_ascii_strdown (identifier, -1);
  g_strstrip (data->account_id);
  if (!cartable_paths_is_safe_component (data->account_id))
    {
      g_task_return_new_error (task, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_INVALID,
                               _("“%s” cannot be used to name an account."), identifier);
      return;
    }

  /* Without a store this is a check only: nothing is saved, not even the password. */
  if (data->store == NULL)
    {
      g_autoptr(CartableAccount) account = NULL;

      account = cartable_account_new (data->account_id, identifier,
                                      status != NULL && status->email != NULL ? status->email : data->email);
      if (status != NULL && status->display_name != NULL)
        cartable_account_set_display_name (account, status->display_name);
      cartable_account_set_academy_id (account, cartable_academy_profile_get_id (data->profile));
      cartable_account_set_profile_path (account, cartable_academy_profile_get_path (data->profile));
      data->result->account = g_steal_pointer (&account);
      g_task_return_pointer (task, g_steal_pointer (&data->result), (GDestroyNotify) cartable_login_result_free);
      return;
    }

  cartable_credentials_store_async (data->account_id, NULL, data->password,
                                    status != NULL && status->email != NULL ? status->email : identifier,
                                    g_task_get_cancellable (task), store_cb, g_object_ref (task));
}

static void
account_status_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartablePortalAccount *status;

  status = cartable_portal_get_account_finish (CARTABLE_PORTAL (source), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->result->portal_account = status;
  if (status->must_change_password)
    {
      data->result->must_change_password = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&data->result), (GDestroyNotify) cartable_login_result_free);
      return;
    }

  save_account (task);
}

static void
imap_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableCheckRow) row = NULL;

  row = cartable_server_check_finish (result, &error);
  if (row == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (row->error != NULL)
    {
      g_task_return_error (task, g_error_copy (row->error));
      return;
    }

  if (row->auth != CARTABLE_CHECK_STATUS_OK)
    {
      g_task_return_new_error (task, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_PROTOCOL,
                               _("The mail server did not check the password."));
      return;
    }

  if (data->portal == NULL)
    {
      save_account (task);
      return;
    }

  cartable_portal_get_account_async (data->portal, data->identifier, data->password,
                                     g_task_get_cancellable (task), account_status_cb, g_object_ref (task));
}

static void start_login (GTask *task);

static void
identifier_found_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *identifier = cartable_directory_find_identifier_finish (result, &error);

  if (identifier == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->email = g_steal_pointer (&data->identifier);
  data->identifier = identifier;
  start_login (task);
}

/* The address where the academy's servers want the identifier: the
 * directory says whose address it is. */
static gboolean
needs_identifier (LoginData *data)
{
  const CartableServer *imap = cartable_academy_profile_get_server (data->profile, CARTABLE_SERVER_KIND_IMAP);

  return strchr (data->identifier, '@') != NULL && data->email == NULL &&
         imap->username != NULL && strstr (imap->username, "%EMAILADDRESS%") == NULL &&
         cartable_academy_profile_get_server (data->profile, CARTABLE_SERVER_KIND_LDAP) != NULL;
}

static void
start_login (GTask *task)
{
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *username = NULL;
  const char *email = strchr (data->identifier, '@') != NULL ? data->identifier : NULL;
  const CartableServer *imap;

  if (needs_identifier (data))
    {
      cartable_directory_find_identifier_async (data->profile, data->identifier, g_task_get_cancellable (task),
                                                identifier_found_cb, g_object_ref (task));
      return;
    }

  imap = cartable_academy_profile_get_server (data->profile, CARTABLE_SERVER_KIND_IMAP);
  database = cartable_academy_profile_create_tls_database (data->profile, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->portal == NULL && cartable_academy_profile_get_portal_url (data->profile) != NULL)
    {
      data->portal = cartable_portal_new_for_profile (data->profile, &error);
      if (data->portal == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  username = cartable_academy_profile_dup_username (data->profile, CARTABLE_SERVER_KIND_IMAP,
                                                    email != NULL ? NULL : data->identifier, email);
  if (username == NULL || *username == '\0')
    {
      g_free (username);
      username = g_strdup (data->identifier);
    }

  cartable_server_check_async (imap, database, username, data->password, g_task_get_cancellable (task),
                               imap_checked_cb, g_object_ref (task));
}

static GTask *
new_login_task (CartableAcademyProfile *profile,
                CartableAccountStore   *store,
                const char             *identifier,
                const char             *password,
                GCancellable           *cancellable,
                GAsyncReadyCallback     callback,
                gpointer                user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  LoginData *data = g_new0 (LoginData, 1);

  g_task_set_source_tag (task, cartable_login_async);

  data->profile = g_object_ref (profile);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  data->identifier = g_strstrip (g_strdup (identifier));
  data->password = g_strdup (password);
  data->result = g_new0 (CartableLoginResult, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  return task;
}

void
cartable_login_async (CartableAcademyProfile *profile,
                      CartableAccountStore   *store,
                      const char             *identifier,
                      const char             *password,
                      GCancellable           *cancellable,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTABLE_IS_ACADEMY_PROFILE (profile));
  g_return_if_fail (store == NULL || CARTABLE_IS_ACCOUNT_STORE (store));
  g_return_if_fail (identifier != NULL);
  g_return_if_fail (password != NULL);

  task = new_login_task (profile, store, identifier, password, cancellable, callback, user_data);
  start_login (task);
}

CartableLoginResult *
cartable_login_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cartable_login_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
password_changed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartablePortalAccount) status = NULL;

  status = cartable_portal_change_password_finish (CARTABLE_PORTAL (source), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* From here on, the new password is the password. */
  wipe_free (data->password);
  data->password = g_steal_pointer (&data->new_password);
  start_login (task);
}

void
cartable_login_change_password_async (CartableAcademyProfile *profile,
                                      CartableAccountStore   *store,
                                      const char             *identifier,
                                      const char             *current_password,
                                      const char             *new_password,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LoginData *data;

  g_return_if_fail (CARTABLE_IS_ACADEMY_PROFILE (profile));
  g_return_if_fail (store == NULL || CARTABLE_IS_ACCOUNT_STORE (store));
  g_return_if_fail (identifier != NULL);
  g_return_if_fail (current_password != NULL);
  g_return_if_fail (new_password != NULL);

  task = new_login_task (profile, store, identifier, current_password, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->new_password = g_strdup (new_password);

  data->portal = cartable_portal_new_for_profile (profile, &error);
  if (data->portal == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cartable_portal_change_password_async (data->portal, data->identifier, current_password, new_password,
                                         cancellable, password_changed_cb, g_object_ref (task));
}

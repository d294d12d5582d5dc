/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-credentials.h"

/*
 * Passwords in the keyring, through libsecret's asynchronous password API.
 * Nothing here ever writes a password anywhere else, nor logs one.
 */

const SecretSchema *
cartable_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    CARTABLE_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static const char *
service_or_shared (const char *service)
{
  return service != NULL ? service : CARTABLE_CREDENTIALS_SERVICE_SHARED;
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cartable_credentials_store_async (const char          *account_id,
                                  const char          *service,
                                  const char          *password,
                                  const char          *label,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *full_label = NULL;

  g_return_if_fail (account_id != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_credentials_store_async);

  /* Translators: the label of a password in the keyring; %s is an e-mail address or identifier. */
  full_label = g_strdup_printf (_("Academic messaging password for %s"), label != NULL ? label : account_id);

  secret_password_store (cartable_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, full_label, password,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "account", account_id,
                         "service", service_or_shared (service),
                         NULL);
}

gboolean
cartable_credentials_store_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char    *account_id;
  char    *service;
  gboolean tried_shared;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_free (data->account_id);
  g_free (data->service);
  g_free (data);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (password == NULL && !data->tried_shared)
    {
      data->tried_shared = TRUE;
      secret_password_lookup (cartable_credentials_get_schema (), g_task_get_cancellable (task),
                              lookup_cb, g_object_ref (task),
                              "account", data->account_id,
                              "service", CARTABLE_CREDENTIALS_SERVICE_SHARED,
                              NULL);
      return;
    }

  g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
cartable_credentials_lookup_async (const char          *account_id,
                                   const char          *service,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupData *data;

  g_return_if_fail (account_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_credentials_lookup_async);

  data = g_new0 (LookupData, 1);
  data->account_id = g_strdup (account_id);
  data->service = g_strdup (service_or_shared (service));
  data->tried_shared = g_str_equal (data->service, CARTABLE_CREDENTIALS_SERVICE_SHARED);
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);

  secret_password_lookup (cartable_credentials_get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "account", data->account_id,
                          "service", data->service,
                          NULL);
}

char *
cartable_credentials_lookup_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cartable_credentials_clear_async (const char          *account_id,
                                  const char          *service,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (account_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_credentials_clear_async);

  /* Without a service, match every item of the account. */
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (gpointer) "account", (gpointer) account_id);
  if (service != NULL)
    g_hash_table_insert (attributes, (gpointer) "service", (gpointer) service);

  secret_password_clearv (cartable_credentials_get_schema (), attributes, cancellable, clear_cb,
                          g_steal_pointer (&task));
}

gboolean
cartable_credentials_clear_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-academy-autoconfig"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cartable-academy-profile.h"

/*
 * Autoconfig discovery: the two well-known HTTPS locations of a domain's
 * autoconfig file, tried in order. HTTPS only, certificates checked (the
 * system store, or the database a test passes), answers capped at the
 * profile size limit, and the profile parsed with the same hostile-input
 * rules as any other. Redirects are not followed.
 */

#define DISCOVERY_TIMEOUT_SECONDS 15

typedef struct
{
  SoupSession  *session;
  SoupMessage  *message;
  GByteArray   *buffer;
  GPtrArray    *urls;
  guint         next;
  GError       *last_error;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_clear_object (&discovery->session);
  g_clear_object (&discovery->message);
  g_clear_pointer (&discovery->buffer, g_byte_array_unref);
  g_clear_pointer (&discovery->urls, g_ptr_array_unref);
  g_clear_error (&discovery->last_error);
  g_free (discovery);
}

static void try_next (GTask *task);

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return FALSE;
}

static void
finish_fetch (GTask *task)
{
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartableAcademyProfile *profile;

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (discovery->message)))
    {
      try_next (task);
      return;
    }

  profile = cartable_academy_profile_new_from_data ((const char *) discovery->buffer->data, discovery->buffer->len,
                                                    NULL, &error);
  if (profile == NULL)
    {
      g_clear_error (&discovery->last_error);
      discovery->last_error = g_steal_pointer (&error);
      try_next (task);
      return;
    }

  g_task_return_pointer (task, profile, g_object_unref);
  g_object_unref (task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (bytes == NULL)
    {
      g_clear_error (&discovery->last_error);
      discovery->last_error = g_steal_pointer (&error);
      try_next (task);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      finish_fetch (task);
      return;
    }

  g_byte_array_append (discovery->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* One byte over the limit is enough to know the profile is too large. */
  if (discovery->buffer->len > CARTABLE_ACADEMY_PROFILE_MAX_SIZE)
    {
      finish_fetch (task);
      return;
    }

  g_input_stream_read_bytes_async (G_INPUT_STREAM (source), CARTABLE_ACADEMY_PROFILE_MAX_SIZE + 1 - discovery->buffer->len,
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task), read_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (stream == NULL)
    {
      g_clear_error (&discovery->last_error);
      discovery->last_error = g_steal_pointer (&error);
      try_next (task);
      return;
    }

  g_input_stream_read_bytes_async (stream, CARTABLE_ACADEMY_PROFILE_MAX_SIZE + 1, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
try_next (GTask *task)
{
  Discovery *discovery = g_task_get_task_data (task);
  SoupMessage *message;

  if (discovery->next >= discovery->urls->len)
    {
      if (discovery->last_error != NULL && discovery->last_error->domain == CARTABLE_ACADEMY_PROFILE_ERROR)
        g_task_return_error (task, g_steal_pointer (&discovery->last_error));
      else
        g_task_return_new_error (task, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND,
                                 _("No academy profile was found for this address (%s)."),
                                 discovery->last_error != NULL ? discovery->last_error->message
                                                               : _("the servers have none"));
      g_object_unref (task);
      return;
    }

  message = soup_message_new ("GET", g_ptr_array_index (discovery->urls, discovery->next++));
  if (message == NULL)
    {
      try_next (task);
      return;
    }

  g_clear_object (&discovery->message);
  discovery->message = message;
  g_byte_array_set_size (discovery->buffer, 0);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/xml, text/xml");
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
  /* A redirect could lead to plain HTTP and a forged profile: not followed. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  soup_session_send_async (discovery->session, message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), sent_cb, task);
}

static void
discover (const char          *email,
          const char          *base_url,
          GTlsDatabase        *database,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *escaped = NULL;
  Discovery *discovery;
  const char *at;
  const char *domain;

  g_task_set_source_tag (task, cartable_academy_profile_discover_async);

  at = strrchr (email, '@');
  domain = at != NULL ? at + 1 : NULL;
  if (domain == NULL || *domain == '\0' || strchr (domain, '/') != NULL || strchr (domain, '?') != NULL ||
      strchr (domain, '#') != NULL || strchr (domain, ':') != NULL || strchr (domain, '@') != NULL)
    {
      g_task_return_new_error (task, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND,
                               _("“%s” is not an e-mail address."), email);
      return;
    }

  if (base_url != NULL && !g_str_has_prefix (base_url, "https://"))
    {
      g_task_return_new_error (task, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE,
                               _("Academy profiles are only looked up over HTTPS."));
      return;
    }

  discovery = g_new0 (Discovery, 1);
  discovery->session = soup_session_new_with_options ("timeout", DISCOVERY_TIMEOUT_SECONDS, NULL);
  if (database != NULL)
    soup_session_set_tls_database (discovery->session, database);
  discovery->urls = g_ptr_array_new_with_free_func (g_free);
  discovery->buffer = g_byte_array_new ();
  escaped = g_uri_escape_string (email, NULL, FALSE);

  if (base_url != NULL)
    {
      const char *slash = g_str_has_suffix (base_url, "/") ? "" : "/";

      g_ptr_array_add (discovery->urls, g_strdup_printf ("%s%smail/config-v1.1.xml?emailaddress=%s",
                                                         base_url, slash, escaped));
      g_ptr_array_add (discovery->urls, g_strdup_printf ("%s%s.well-known/autoconfig/mail/config-v1.1.xml",
                                                         base_url, slash));
    }
  else
    {
      g_ptr_array_add (discovery->urls, g_strdup_printf ("https://autoconfig.%s/mail/config-v1.1.xml?emailaddress=%s",
                                                         domain, escaped));
      g_ptr_array_add (discovery->urls, g_strdup_printf ("https://%s/.well-known/autoconfig/mail/config-v1.1.xml",
                                                         domain));
    }

  g_task_set_task_data (task, discovery, (GDestroyNotify) discovery_free);
  try_next (g_steal_pointer (&task));
}

void
cartable_academy_profile_discover_async (const char          *email,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (email != NULL);

  discover (email, NULL, NULL, cancellable, callback, user_data);
}

void
cartable_academy_profile_discover_at_async (const char          *email,
                                            const char          *base_url,
                                            GTlsDatabase        *database,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (email != NULL);
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  discover (email, base_url, database, cancellable, callback, user_data);
}

CartableAcademyProfile *
cartable_academy_profile_discover_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-portal"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cartable-portal-private.h"
#include "core/cartable-tls.h"

/*
 * Client of the academy portal, API version 1 (docs/portal-api.md).
 *
 * Every call builds one SoupMessage, reads the answer with a size cap,
 * parses it as JSON and turns it into a typed result or a
 * CARTABLE_PORTAL_ERROR whose private data carries the machine fields
 * (the reading itself is in cartable-portal-json.c, the types in
 * cartable-portal-types.c).
 * Certificates are checked by the session's TLS database; a certificate
 * problem is never accepted, only recorded so the error can say what it is.
 */

#define DEFAULT_TIMEOUT_SECONDS 30
#define MAX_RESPONSE_SIZE       (1024 * 1024)
#define READ_CHUNK              (64 * 1024)

/* -------------------------------------------------------------------- object */

struct _CartablePortal
{
  GObject       parent_instance;

  char         *base_url;
  GUri         *base_uri;
  GTlsDatabase *database;
  guint         timeout;
  SoupSession  *session;
};

G_DEFINE_FINAL_TYPE (CartablePortal, cartable_portal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TLS_DATABASE,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cartable_portal_dispose (GObject *object)
{
  CartablePortal *self = CARTABLE_PORTAL (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (cartable_portal_parent_class)->dispose (object);
}

static void
cartable_portal_finalize (GObject *object)
{
  CartablePortal *self = CARTABLE_PORTAL (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);

  G_OBJECT_CLASS (cartable_portal_parent_class)->finalize (object);
}

static void
cartable_portal_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CartablePortal *self = CARTABLE_PORTAL (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_portal_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CartablePortal *self = CARTABLE_PORTAL (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);

        if (url != NULL && !g_str_has_suffix (url, "/"))
          self->base_url = g_strconcat (url, "/", NULL);
        else
          self->base_url = g_strdup (url);
      }
      break;
    case PROP_TLS_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_TIMEOUT:
      cartable_portal_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_portal_constructed (GObject *object)
{
  CartablePortal *self = CARTABLE_PORTAL (object);

  G_OBJECT_CLASS (cartable_portal_parent_class)->constructed (object);

  if (self->base_url != NULL)
    self->base_uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
}

static void
cartable_portal_class_init (CartablePortalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_portal_constructed;
  object_class->dispose = cartable_portal_dispose;
  object_class->finalize = cartable_portal_finalize;
  object_class->get_property = cartable_portal_get_property;
  object_class->set_property = cartable_portal_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_portal_init (CartablePortal *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
}

CartablePortal *
cartable_portal_new (const char   *base_url,
                     GTlsDatabase *database)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (database == NULL || G_IS_TLS_DATABASE (database), NULL);

  return g_object_new (CARTABLE_TYPE_PORTAL, "base-url", base_url, "tls-database", database, NULL);
}

CartablePortal *
cartable_portal_new_for_profile (CartableAcademyProfile  *profile,
                                 GError                 **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  const char *url;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (profile), NULL);

  url = cartable_academy_profile_get_portal_url (profile);
  if (url == NULL)
    {
      g_set_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_NOT_FOUND,
                   _("The profile of %s names no account portal."), cartable_academy_profile_get_name (profile));
      return NULL;
    }

  database = cartable_academy_profile_create_tls_database (profile, error);
  if (database == NULL)
    return NULL;

  return cartable_portal_new (url, database);
}

const char *
cartable_portal_get_base_url (CartablePortal *self)
{
  g_return_val_if_fail (CARTABLE_IS_PORTAL (self), NULL);
  return self->base_url;
}

guint
cartable_portal_get_timeout (CartablePortal *self)
{
  g_return_val_if_fail (CARTABLE_IS_PORTAL (self), 0);
  return self->timeout;
}

void
cartable_portal_set_timeout (CartablePortal *self,
                             guint           seconds)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

static SoupSession *
ensure_session (CartablePortal *self)
{
  if (self->session == NULL)
    {
      g_autofree char *user_agent = g_strdup_printf ("Cartable/%s", PACKAGE_VERSION);

      self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                     "idle-timeout", 60,
                                                     "user-agent", user_agent,
                                                     "max-conns-per-host", 4,
                                                     NULL);
      if (self->database != NULL)
        soup_session_set_tls_database (self->session, self->database);
    }

  return self->session;
}

static gboolean
is_loopback_uri (GUri *uri)
{
  CartableServer server = { 0 };

  server.hostname = (char *) g_uri_get_host (uri);
  return server.hostname != NULL && cartable_server_is_loopback (&server);
}

/* ------------------------------------------------------------------ requests */

typedef struct
{
  SoupMessage             *message;
  GInputStream            *stream;
  GByteArray              *buffer;
  CartablePortalParseFunc  parse;
  GDestroyNotify        free_result;
  GTlsCertificateFlags  tls_errors;
  gboolean              tls_failed;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_free (request);
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Request *request = user_data;

  /* Never accept: record the problem so the error can name it. */
  request->tls_errors = errors;
  request->tls_failed = TRUE;
  return FALSE;
}

static GError *
error_from_transport (Request *request,
                      GError  *error)
{
  GError *result;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (request->tls_failed || error->domain == G_TLS_ERROR)
    {
      g_autofree char *problems = NULL;
      GTlsCertificateFlags flags = request->tls_errors;

      if (flags == 0)
        flags = soup_message_get_tls_peer_certificate_errors (request->message);
      if (request->tls_failed || flags != 0 || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          problems = cartable_tls_describe_errors (flags);
          result = g_error_new (CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_CERTIFICATE,
                                _("The portal’s certificate is not trusted: %s."), problems);
          _cartable_portal_error_private (result)->tls_errors = flags != 0 ? flags : G_TLS_CERTIFICATE_GENERIC_ERROR;
          return result;
        }

      return g_error_new (CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_NETWORK,
                          _("The secure connection to the portal failed (%s)."), error->message);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_TIMEOUT,
                                _("The portal did not answer in time."));

  return g_error_new (CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_NETWORK,
                      _("The portal could not be reached (%s)."), error->message);
}

static void
finish_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root = NULL;
  gpointer result;

  if (request->buffer->len > 0 &&
      json_parser_load_from_data (parser, (const char *) request->buffer->data, request->buffer->len, NULL))
    root = json_parser_get_root (parser);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *retry_after =
        soup_message_headers_get_one (soup_message_get_response_headers (request->message), "Retry-After");

      g_task_return_error (task, _cartable_portal_json_error_from_response (status, root, retry_after));
      return;
    }

  if (root == NULL)
    {
      g_task_return_new_error (task, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE,
                               _("The portal sent an answer Cartable does not understand."));
      return;
    }

  result = request->parse (root, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, request->free_result);
}

static void read_chunk (GTask *task);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error_from_transport (request, error));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      finish_request (task);
      return;
    }

  if (request->buffer->len + g_bytes_get_size (bytes) > MAX_RESPONSE_SIZE)
    {
      g_task_return_new_error (task, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE,
                               _("The portal sent an answer that is too large."));
      return;
    }

  g_byte_array_append (request->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  read_chunk (g_steal_pointer (&task));
}

static void
read_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, error_from_transport (request, error));
      return;
    }

  read_chunk (g_steal_pointer (&task));
}

static void
send_request (CartablePortal      *self,
              const char          *method,
              const char          *path,
              GBytes              *body,
              const char          *identifier,
              const char          *password,
              CartablePortalParseFunc parse,
              GDestroyNotify       free_result,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;
  SoupMessageHeaders *headers;

  g_task_set_source_tag (task, source_tag);

  if (self->base_uri == NULL)
    {
      g_task_return_new_error (task, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_NETWORK,
                               _("The portal address “%s” is not valid."), self->base_url);
      return;
    }

  /* HTTPS only; plain HTTP is tolerated on loopback (nothing leaves the machine). */
  if (g_ascii_strcasecmp (g_uri_get_scheme (self->base_uri), "https") != 0 &&
      !(g_ascii_strcasecmp (g_uri_get_scheme (self->base_uri), "http") == 0 && is_loopback_uri (self->base_uri)))
    {
      g_task_return_new_error (task, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_CERTIFICATE,
                               _("The portal address “%s” is not a secure (https) address."), self->base_url);
      return;
    }

  uri = g_uri_parse_relative (self->base_uri, path, G_URI_FLAGS_NONE, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_NETWORK,
                               _("The portal address “%s” is not valid."), self->base_url);
      return;
    }

  request = g_new0 (Request, 1);
  request->message = soup_message_new_from_uri (method, uri);
  request->buffer = g_byte_array_new ();
  request->parse = parse;
  request->free_result = free_result;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json", body);

  if (identifier != NULL && password != NULL)
    {
      g_autofree char *credentials = g_strdup_printf ("%s:%s", identifier, password);
      g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      explicit_bzero (credentials, strlen (credentials));
      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (value, strlen (value));
    }

  g_signal_connect (request->message, "accept-certificate", G_CALLBACK (accept_certificate_cb), request);

  soup_session_send_async (ensure_session (self), request->message, G_PRIORITY_DEFAULT,
                           cancellable, send_cb, g_steal_pointer (&task));
}

static gpointer
finish_typed (CartablePortal  *self,
              GAsyncResult    *result,
              gpointer         source_tag,
              GError         **error)
{
  g_return_val_if_fail (CARTABLE_IS_PORTAL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ----------------------------------------------------------------- endpoints */

void
cartable_portal_get_info_async (CartablePortal      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));

  send_request (self, "GET", "", NULL, NULL, NULL, _cartable_portal_json_parse_info, (GDestroyNotify) cartable_portal_info_free,
                cartable_portal_get_info_async, cancellable, callback, user_data);
}

CartablePortalInfo *
cartable_portal_get_info_finish (CartablePortal  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  return finish_typed (self, result, cartable_portal_get_info_async, error);
}

void
cartable_portal_activate_async (CartablePortal      *self,
                                const char          *identifier,
                                const char          *code,
                                const char          *birth_date,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (identifier != NULL && code != NULL && birth_date != NULL && password != NULL);

  json_builder_begin_object (builder);
  _cartable_portal_json_add_string (builder, "identifier", identifier);
  _cartable_portal_json_add_string (builder, "code", code);
  _cartable_portal_json_add_string (builder, "birth_date", birth_date);
  _cartable_portal_json_add_string (builder, "password", password);
  json_builder_end_object (builder);
  body = _cartable_portal_json_build_body (builder);

  send_request (self, "POST", "activation", body, NULL, NULL, _cartable_portal_json_parse_account,
                (GDestroyNotify) cartable_portal_account_free,
                cartable_portal_activate_async, cancellable, callback, user_data);
}

CartablePortalAccount *
cartable_portal_activate_finish (CartablePortal  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  return finish_typed (self, result, cartable_portal_activate_async, error);
}

void
cartable_portal_get_terms_async (CartablePortal      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));

  send_request (self, "GET", "terms", NULL, NULL, NULL, _cartable_portal_json_parse_terms, (GDestroyNotify) cartable_portal_terms_free,
                cartable_portal_get_terms_async, cancellable, callback, user_data);
}

CartablePortalTerms *
cartable_portal_get_terms_finish (CartablePortal  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return finish_typed (self, result, cartable_portal_get_terms_async, error);
}

void
cartable_portal_activate_other_academy_async (CartablePortal      *self,
                                              const char          *numen,
                                              const char          *birth_date,
                                              gboolean             terms_accepted,
                                              const char          *terms_version,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (numen != NULL && birth_date != NULL && password != NULL);

  json_builder_begin_object (builder);
  _cartable_portal_json_add_string (builder, "numen", numen);
  _cartable_portal_json_add_string (builder, "birth_date", birth_date);
  json_builder_set_member_name (builder, "terms_accepted");
  json_builder_add_boolean_value (builder, terms_accepted);
  _cartable_portal_json_add_string (builder, "terms_version", terms_version);
  _cartable_portal_json_add_string (builder, "password", password);
  json_builder_end_object (builder);
  body = _cartable_portal_json_build_body (builder);

  send_request (self, "POST", "activation/other-academy", body, NULL, NULL, _cartable_portal_json_parse_account,
                (GDestroyNotify) cartable_portal_account_free,
                cartable_portal_activate_other_academy_async, cancellable, callback, user_data);
}

CartablePortalAccount *
cartable_portal_activate_other_academy_finish (CartablePortal  *self,
                                               GAsyncResult    *result,
                                               GError         **error)
{
  return finish_typed (self, result, cartable_portal_activate_other_academy_async, error);
}

void
cartable_portal_get_password_policy_async (CartablePortal      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));

  send_request (self, "GET", "password-policy", NULL, NULL, NULL, _cartable_portal_json_parse_policy,
                (GDestroyNotify) cartable_password_policy_free,
                cartable_portal_get_password_policy_async, cancellable, callback, user_data);
}

CartablePasswordPolicy *
cartable_portal_get_password_policy_finish (CartablePortal  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  return finish_typed (self, result, cartable_portal_get_password_policy_async, error);
}

void
cartable_portal_get_account_async (CartablePortal      *self,
                                   const char          *identifier,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (identifier != NULL && password != NULL);

  send_request (self, "GET", "account", NULL, identifier, password, _cartable_portal_json_parse_account,
                (GDestroyNotify) cartable_portal_account_free,
                cartable_portal_get_account_async, cancellable, callback, user_data);
}

CartablePortalAccount *
cartable_portal_get_account_finish (CartablePortal  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return finish_typed (self, result, cartable_portal_get_account_async, error);
}

void
cartable_portal_change_password_async (CartablePortal      *self,
                                       const char          *identifier,
                                       const char          *current_password,
                                       const char          *new_password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (identifier != NULL && current_password != NULL && new_password != NULL);

  json_builder_begin_object (builder);
  _cartable_portal_json_add_string (builder, "current_password", current_password);
  _cartable_portal_json_add_string (builder, "new_password", new_password);
  json_builder_end_object (builder);
  body = _cartable_portal_json_build_body (builder);

  send_request (self, "POST", "account/password", body, identifier, current_password, _cartable_portal_json_parse_account,
                (GDestroyNotify) cartable_portal_account_free,
                cartable_portal_change_password_async, cancellable, callback, user_data);
}

CartablePortalAccount *
cartable_portal_change_password_finish (CartablePortal  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return finish_typed (self, result, cartable_portal_change_password_async, error);
}

void
cartable_portal_recover_async (CartablePortal      *self,
                               const char          *identifier,
                               const char          *numen,
                               const char          *birth_date,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (identifier != NULL && numen != NULL && birth_date != NULL);

  json_builder_begin_object (builder);
  _cartable_portal_json_add_string (builder, "identifier", identifier);
  _cartable_portal_json_add_string (builder, "numen", numen);
  _cartable_portal_json_add_string (builder, "birth_date", birth_date);
  json_builder_end_object (builder);
  body = _cartable_portal_json_build_body (builder);

  send_request (self, "POST", "recovery", body, NULL, NULL, _cartable_portal_json_parse_recovery,
                (GDestroyNotify) cartable_portal_recovery_free,
                cartable_portal_recover_async, cancellable, callback, user_data);
}

CartablePortalRecovery *
cartable_portal_recover_finish (CartablePortal  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return finish_typed (self, result, cartable_portal_recover_async, error);
}

void
cartable_portal_list_services_async (CartablePortal      *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));

  send_request (self, "GET", "public/services", NULL, NULL, NULL, _cartable_portal_json_parse_services,
                (GDestroyNotify) g_ptr_array_unref,
                cartable_portal_list_services_async, cancellable, callback, user_data);
}

GPtrArray *
cartable_portal_list_services_finish (CartablePortal  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return finish_typed (self, result, cartable_portal_list_services_async, error);
}

void
cartable_portal_contact_async (CartablePortal      *self,
                               const char          *name,
                               const char          *email,
                               const char          *service,
                               const char          *subject,
                               const char          *message,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (name != NULL && email != NULL && service != NULL && subject != NULL && message != NULL);

  json_builder_begin_object (builder);
  _cartable_portal_json_add_string (builder, "name", name);
  _cartable_portal_json_add_string (builder, "email", email);
  _cartable_portal_json_add_string (builder, "service", service);
  _cartable_portal_json_add_string (builder, "subject", subject);
  _cartable_portal_json_add_string (builder, "message", message);
  json_builder_end_object (builder);
  body = _cartable_portal_json_build_body (builder);

  send_request (self, "POST", "public/contact", body, NULL, NULL, _cartable_portal_json_parse_ticket,
                (GDestroyNotify) cartable_portal_ticket_free,
                cartable_portal_contact_async, cancellable, callback, user_data);
}

CartablePortalTicket *
cartable_portal_contact_finish (CartablePortal  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return finish_typed (self, result, cartable_portal_contact_async, error);
}

void
cartable_portal_request_async (CartablePortal      *self,
                               const char          *method,
                               const char          *path,
                               GBytes              *body,
                               const char          *identifier,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));
  g_return_if_fail (method != NULL && path != NULL);

  send_request (self, method, path, body, identifier, password, _cartable_portal_json_parse_raw, (GDestroyNotify) json_node_unref,
                cartable_portal_request_async, cancellable, callback, user_data);
}

JsonNode *
cartable_portal_request_finish (CartablePortal  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return finish_typed (self, result, cartable_portal_request_async, error);
}

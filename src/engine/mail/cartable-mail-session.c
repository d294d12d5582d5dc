/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "core/cartable-paths.h"
#include "cartable-mail-session-private.h"
#include "cartable-store-state-private.h"

/* How long a connection waits for someone to answer a certificate question
 * before treating it as refused. */
#define TRUST_ANSWER_TIMEOUT_US (10 * 60 * G_TIME_SPAN_SECOND)

/* ------------------------------------------------------------------ config */

struct _CartableMailAccountConfig
{
  gatomicrefcount       ref_count;
  char                 *account_id;
  char                 *identifier;
  char                 *email;
  char                 *display_name;
  char                 *imap_host;
  guint16               imap_port;
  CartableMailSecurity  imap_security;
  char                 *smtp_host;
  guint16               smtp_port;
  CartableMailSecurity  smtp_security;
  char                 *ca_file;
};

G_DEFINE_BOXED_TYPE (CartableMailAccountConfig, cartable_mail_account_config,
                     cartable_mail_account_config_ref, cartable_mail_account_config_unref)

CartableMailAccountConfig *
cartable_mail_account_config_new (const char *account_id,
                                  const char *identifier,
                                  const char *email)
{
  CartableMailAccountConfig *self;

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (identifier != NULL, NULL);

  self = g_new0 (CartableMailAccountConfig, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->account_id = g_strdup (account_id);
  self->identifier = g_strdup (identifier);
  self->email = g_strdup (email);
  self->imap_port = 993;
  self->imap_security = CARTABLE_MAIL_SECURITY_TLS;
  self->smtp_port = 587;
  self->smtp_security = CARTABLE_MAIL_SECURITY_STARTTLS;

  return self;
}

CartableMailAccountConfig *
cartable_mail_account_config_copy (const CartableMailAccountConfig *self)
{
  CartableMailAccountConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cartable_mail_account_config_new (self->account_id, self->identifier, self->email);
  copy->display_name = g_strdup (self->display_name);
  copy->imap_host = g_strdup (self->imap_host);
  copy->imap_port = self->imap_port;
  copy->imap_security = self->imap_security;
  copy->smtp_host = g_strdup (self->smtp_host);
  copy->smtp_port = self->smtp_port;
  copy->smtp_security = self->smtp_security;
  copy->ca_file = g_strdup (self->ca_file);

  return copy;
}

CartableMailAccountConfig *
cartable_mail_account_config_ref (CartableMailAccountConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cartable_mail_account_config_unref (CartableMailAccountConfig *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->account_id);
      g_free (self->identifier);
      g_free (self->email);
      g_free (self->display_name);
      g_free (self->imap_host);
      g_free (self->smtp_host);
      g_free (self->ca_file);
      g_free (self);
    }
}

#define CONFIG_GETTER(type, field, fallback) \
  type \
  cartable_mail_account_config_get_##field (const CartableMailAccountConfig *self) \
  { \
    g_return_val_if_fail (self != NULL, fallback); \
    return self->field; \
  }

CONFIG_GETTER (const char *, account_id, NULL)
CONFIG_GETTER (const char *, identifier, NULL)
CONFIG_GETTER (const char *, email, NULL)
CONFIG_GETTER (const char *, display_name, NULL)
CONFIG_GETTER (const char *, imap_host, NULL)
CONFIG_GETTER (guint16, imap_port, 0)
CONFIG_GETTER (CartableMailSecurity, imap_security, CARTABLE_MAIL_SECURITY_TLS)
CONFIG_GETTER (const char *, smtp_host, NULL)
CONFIG_GETTER (guint16, smtp_port, 0)
CONFIG_GETTER (CartableMailSecurity, smtp_security, CARTABLE_MAIL_SECURITY_TLS)
CONFIG_GETTER (const char *, ca_file, NULL)

#undef CONFIG_GETTER

void
cartable_mail_account_config_set_display_name (CartableMailAccountConfig *self,
                                               const char                *display_name)
{
  g_return_if_fail (self != NULL);

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
}

void
cartable_mail_account_config_set_imap (CartableMailAccountConfig *self,
                                       const char                *host,
                                       guint16                    port,
                                       CartableMailSecurity       security)
{
  g_return_if_fail (self != NULL);

  g_free (self->imap_host);
  self->imap_host = g_strdup (host);
  self->imap_port = port;
  self->imap_security = security;
}

void
cartable_mail_account_config_set_smtp (CartableMailAccountConfig *self,
                                       const char                *host,
                                       guint16                    port,
                                       CartableMailSecurity       security)
{
  g_return_if_fail (self != NULL);

  g_free (self->smtp_host);
  self->smtp_host = g_strdup (host);
  self->smtp_port = port;
  self->smtp_security = security;
}

void
cartable_mail_account_config_set_ca_file (CartableMailAccountConfig *self,
                                          const char                *ca_file)
{
  g_return_if_fail (self != NULL);

  g_free (self->ca_file);
  self->ca_file = g_strdup (ca_file);
}

gboolean
cartable_mail_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* ------------------------------------------------------------------ certificate request */

struct _CartableCertificateRequest
{
  GObject               parent_instance;

  char                 *account_id;
  char                 *host;
  char                 *subject;
  char                 *issuer;
  char                 *fingerprint;
  GTlsCertificateFlags  errors;
  GTlsCertificate      *certificate;

  GMutex                mutex;
  GCond                 cond;
  gboolean              answered;
  gboolean              accepted;
};

G_DEFINE_FINAL_TYPE (CartableCertificateRequest, cartable_certificate_request, G_TYPE_OBJECT)

static void
cartable_certificate_request_finalize (GObject *object)
{
  CartableCertificateRequest *self = CARTABLE_CERTIFICATE_REQUEST (object);

  g_free (self->account_id);
  g_free (self->host);
  g_free (self->subject);
  g_free (self->issuer);
  g_free (self->fingerprint);
  g_clear_object (&self->certificate);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (cartable_certificate_request_parent_class)->finalize (object);
}

static void
cartable_certificate_request_class_init (CartableCertificateRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cartable_certificate_request_finalize;
}

static void
cartable_certificate_request_init (CartableCertificateRequest *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

static char *
compute_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GString) out = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return g_strdup ("");

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &len);

  out = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define REQUEST_GETTER(type, field, fallback) \
  type \
  cartable_certificate_request_get_##field (CartableCertificateRequest *self) \
  { \
    g_return_val_if_fail (CARTABLE_IS_CERTIFICATE_REQUEST (self), fallback); \
    return self->field; \
  }

REQUEST_GETTER (const char *, account_id, NULL)
REQUEST_GETTER (const char *, host, NULL)
REQUEST_GETTER (const char *, subject, NULL)
REQUEST_GETTER (const char *, issuer, NULL)
REQUEST_GETTER (const char *, fingerprint, NULL)
REQUEST_GETTER (GTlsCertificateFlags, errors, 0)
REQUEST_GETTER (GTlsCertificate *, certificate, NULL)

#undef REQUEST_GETTER

void
cartable_certificate_request_answer (CartableCertificateRequest *self,
                                     gboolean                    accept)
{
  g_return_if_fail (CARTABLE_IS_CERTIFICATE_REQUEST (self));

  g_mutex_lock (&self->mutex);
  if (!self->answered)
    {
      self->answered = TRUE;
      self->accepted = accept;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->mutex);
}

/* ------------------------------------------------------------------ session */

typedef struct
{
  CartableMailAccountConfig *config;
  CamelService              *store;
  CamelService              *transport;
  CartableStoreState        *store_state;
} AccountEntry;

struct _CartableMailSession
{
  CamelSession              parent_instance;

  GMutex                    lock;          /* accounts, refused */
  GHashTable               *accounts;      /* account id → AccountEntry */
  GHashTable               *refused;       /* "host fingerprint" of refused certificates */

  CartableMailPasswordFunc  password_func;
  gpointer                  password_data;
  GDestroyNotify            password_destroy;
};

G_DEFINE_FINAL_TYPE (CartableMailSession, cartable_mail_session, CAMEL_TYPE_SESSION)

enum {
  SIGNAL_CERTIFICATE_REQUEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
account_entry_free (gpointer data)
{
  AccountEntry *entry = data;

  cartable_mail_account_config_unref (entry->config);
  g_clear_object (&entry->store);
  g_clear_object (&entry->transport);
  g_clear_object (&entry->store_state);
  g_free (entry);
}

static char *
dup_account_id_for_service (CartableMailSession *self,
                            CamelService        *service)
{
  GHashTableIter iter;
  gpointer key, value;
  char *account_id = NULL;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AccountEntry *entry = value;

      if (entry->store == service || entry->transport == service)
        {
          account_id = g_strdup (key);
          break;
        }
    }
  g_mutex_unlock (&self->lock);

  return account_id;
}

static CartableMailAccountConfig *
ref_config_for_service (CartableMailSession *self,
                        CamelService        *service)
{
  g_autofree char *account_id = dup_account_id_for_service (self, service);
  CartableMailAccountConfig *config = NULL;
  AccountEntry *entry;

  if (account_id == NULL)
    return NULL;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->accounts, account_id);
  if (entry != NULL)
    config = cartable_mail_account_config_ref (entry->config);
  g_mutex_unlock (&self->lock);

  return config;
}

static gboolean
cartable_mail_session_authenticate_sync (CamelSession  *session,
                                         CamelService  *service,
                                         const char    *mechanism,
                                         GCancellable  *cancellable,
                                         GError       **error)
{
  CartableMailSession *self = CARTABLE_MAIL_SESSION (session);
  g_autofree char *account_id = dup_account_id_for_service (self, service);
  char *password = NULL;
  CamelAuthenticationResult result;
  GError *local_error = NULL;

  if (account_id != NULL && self->password_func != NULL)
    password = self->password_func (account_id, self->password_data);

  if (password == NULL || *password == '\0')
    {
      g_free (password);
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_PASSWORD,
                   _("No password is known for this account"));
      return FALSE;
    }

  camel_service_set_password (service, password);
  memset (password, 0, strlen (password));
  g_free (password);

  /* One attempt only: Camel's default handler asks again and again. */
  result = camel_service_authenticate_sync (service, mechanism, cancellable, &local_error);
  camel_service_set_password (service, NULL);

  switch (result)
    {
    case CAMEL_AUTHENTICATION_ACCEPTED:
      g_clear_error (&local_error);
      return TRUE;

    case CAMEL_AUTHENTICATION_REJECTED:
      g_clear_error (&local_error);
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH,
                   _("The server refused the identifier or the password"));
      return FALSE;

    case CAMEL_AUTHENTICATION_ERROR:
    default:
      /* Only a rejection is a refused password. Camel also says "cannot
       * authenticate" when the attempt did not happen: no answer the
       * server could give, or a connection opened beside another that
       * took the store's login slot ("No IMAPx connection object
       * provided", the greeting read and no LOGIN sent). That is a
       * moment to try again, not a question for the user. */
      if (g_error_matches (local_error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_CANT_AUTHENTICATE))
        {
          g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED,
                       _("The server could not check the password: %s"), local_error->message);
          g_clear_error (&local_error);
        }
      else if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH,
                     _("Authentication failed"));
      return FALSE;
    }
}

static gboolean
verify_with_ca_file (const char      *ca_file,
                     GTlsCertificate *certificate,
                     const char      *host)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;

  if (ca_file == NULL || *ca_file == '\0' || host == NULL)
    return FALSE;

  database = g_tls_file_database_new (ca_file, &error);
  if (database == NULL)
    {
      g_message ("Cannot read the CA file %s: %s", ca_file, error->message);
      return FALSE;
    }

  identity = g_network_address_new (host, 0);
  flags = g_tls_database_verify_chain (database, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                       NULL, &error);
  if (error != NULL)
    return FALSE;

  return flags == 0;
}

static gboolean
emit_certificate_request_cb (gpointer data)
{
  CartableCertificateRequest *request = data;
  CartableMailSession *self = g_object_get_data (G_OBJECT (request), "cartable-session");
  gboolean handled = FALSE;

  g_signal_emit (self, signals[SIGNAL_CERTIFICATE_REQUEST], 0, request, &handled);
  if (!handled)
    cartable_certificate_request_answer (request, FALSE);

  return G_SOURCE_REMOVE;
}

static CamelCertTrust
cartable_mail_session_trust_prompt (CamelSession         *session,
                                    CamelService         *service,
                                    GTlsCertificate      *certificate,
                                    GTlsCertificateFlags  errors)
{
  CartableMailSession *self = CARTABLE_MAIL_SESSION (session);
  g_autoptr(CartableMailAccountConfig) config = ref_config_for_service (self, service);
  g_autoptr(CamelSettings) settings = camel_service_ref_settings (service);
  g_autoptr(CartableCertificateRequest) request = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autofree char *host = NULL;
  g_autofree char *refused_key = NULL;
  g_autofree char *fingerprint = NULL;
  gint64 deadline;
  gboolean accepted;
  gboolean refused;

  if (config == NULL || !CAMEL_IS_NETWORK_SETTINGS (settings))
    return CAMEL_CERT_TRUST_NEVER;

  if (errors & G_TLS_CERTIFICATE_REVOKED)
    return CAMEL_CERT_TRUST_NEVER;

  host = camel_network_settings_dup_host (CAMEL_NETWORK_SETTINGS (settings));

  /* The academy's own CA (from its profile) vouches for it: no question. */
  if (verify_with_ca_file (config->ca_file, certificate, host))
    return CAMEL_CERT_TRUST_TEMPORARY;

  fingerprint = compute_fingerprint (certificate);
  refused_key = g_strdup_printf ("%s %s", host, fingerprint);

  g_mutex_lock (&self->lock);
  refused = g_hash_table_contains (self->refused, refused_key);
  g_mutex_unlock (&self->lock);
  if (refused)
    return CAMEL_CERT_TRUST_NEVER;

  request = g_object_new (CARTABLE_TYPE_CERTIFICATE_REQUEST, NULL);
  request->account_id = g_strdup (config->account_id);
  request->host = g_strdup (host);
  request->fingerprint = g_steal_pointer (&fingerprint);
  request->errors = errors;
  request->certificate = g_object_ref (certificate);
  g_object_get (certificate,
                "subject-name", &request->subject,
                "issuer-name", &request->issuer,
                NULL);
  g_object_set_data_full (G_OBJECT (request), "cartable-session",
                          g_object_ref (self), g_object_unref);

  context = camel_session_ref_main_context (session);
  if (g_main_context_is_owner (context))
    emit_certificate_request_cb (request);
  else
    g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, emit_certificate_request_cb,
                                g_object_ref (request), g_object_unref);

  deadline = g_get_monotonic_time () + TRUST_ANSWER_TIMEOUT_US;
  g_mutex_lock (&request->mutex);
  while (!request->answered)
    {
      if (!g_cond_wait_until (&request->cond, &request->mutex, deadline))
        break;
    }
  accepted = request->answered && request->accepted;
  request->answered = TRUE;
  g_mutex_unlock (&request->mutex);

  /* The session's data outlives the request: break the cycle. */
  g_object_set_data (G_OBJECT (request), "cartable-session", NULL);

  if (!accepted)
    {
      g_mutex_lock (&self->lock);
      g_hash_table_add (self->refused, g_steal_pointer (&refused_key));
      g_mutex_unlock (&self->lock);
      return CAMEL_CERT_TRUST_NEVER;
    }

  return CAMEL_CERT_TRUST_TEMPORARY;
}

static CamelFilterDriver *
cartable_mail_session_get_filter_driver (CamelSession  *session,
                                         const char    *type,
                                         CamelFolder   *for_folder,
                                         GError       **error)
{
  /* No client-side filters (the academy filters with Sieve); an empty
   * driver keeps Camel's INBOX refresh quiet. */
  return camel_filter_driver_new (session);
}

static char *
cartable_mail_session_get_password (CamelSession  *session,
                                    CamelService  *service,
                                    const char    *prompt,
                                    const char    *item,
                                    guint32        flags,
                                    GError       **error)
{
  CartableMailSession *self = CARTABLE_MAIL_SESSION (session);
  g_autofree char *account_id = dup_account_id_for_service (self, service);
  char *password = NULL;

  if (account_id != NULL && self->password_func != NULL && !(flags & CAMEL_SESSION_PASSWORD_REPROMPT))
    password = self->password_func (account_id, self->password_data);

  if (password == NULL)
    g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_PASSWORD,
                 _("No password is known for this account"));

  return password;
}

static gboolean
cartable_mail_session_forget_password (CamelSession  *session,
                                       CamelService  *service,
                                       const char    *item,
                                       GError       **error)
{
  /* Passwords live in the keyring, owned by the account layer. */
  return TRUE;
}

static void
cartable_mail_session_finalize (GObject *object)
{
  CartableMailSession *self = CARTABLE_MAIL_SESSION (object);

  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  if (self->password_destroy != NULL)
    self->password_destroy (self->password_data);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cartable_mail_session_parent_class)->finalize (object);
}

static void
cartable_mail_session_dispose (GObject *object)
{
  CartableMailSession *self = CARTABLE_MAIL_SESSION (object);
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&self->lock);
  if (self->accounts != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->accounts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          AccountEntry *entry = value;

          if (entry->store != NULL)
            g_ptr_array_add (services, g_object_ref (entry->store));
          if (entry->transport != NULL)
            g_ptr_array_add (services, g_object_ref (entry->transport));
        }
      g_hash_table_remove_all (self->accounts);
    }
  g_mutex_unlock (&self->lock);

  /* Stop the services' own threads (IDLE, connection manager) before the
   * session they call back into goes away. */
  for (guint i = 0; i < services->len; i++)
    {
      CamelService *service = g_ptr_array_index (services, i);

      camel_service_disconnect_sync (service, FALSE, NULL, NULL);
      camel_session_remove_service (CAMEL_SESSION (self), service);
    }

  G_OBJECT_CLASS (cartable_mail_session_parent_class)->dispose (object);
}

static void
cartable_mail_session_class_init (CartableMailSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CamelSessionClass *session_class = CAMEL_SESSION_CLASS (klass);

  object_class->dispose = cartable_mail_session_dispose;
  object_class->finalize = cartable_mail_session_finalize;

  session_class->authenticate_sync = cartable_mail_session_authenticate_sync;
  session_class->trust_prompt = cartable_mail_session_trust_prompt;
  session_class->get_filter_driver = cartable_mail_session_get_filter_driver;
  session_class->get_password = cartable_mail_session_get_password;
  session_class->forget_password = cartable_mail_session_forget_password;

  /**
   * CartableMailSession::certificate-request:
   * @request: the #CartableCertificateRequest to answer
   *
   * Emitted on the session's main context when a server presents a
   * certificate that neither the system nor the account's CA vouches for.
   * Return %TRUE to take the request and answer it (now or later);
   * otherwise it is refused.
   */
  signals[SIGNAL_CERTIFICATE_REQUEST] =
    g_signal_new ("certificate-request",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1, CARTABLE_TYPE_CERTIFICATE_REQUEST);
}

static void
cartable_mail_session_init (CartableMailSession *self)
{
  g_mutex_init (&self->lock);
  self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, account_entry_free);
  self->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
init_camel_once (const char *data_dir)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *certdb_dir = g_build_filename (data_dir, "certificates", NULL);

      g_autofree char *certdb_file = g_build_filename (certdb_dir, "session-trust.db", NULL);
      g_autoptr(CamelCertDB) certdb = NULL;

      g_mkdir_with_parents (certdb_dir, 0700);
      camel_init (certdb_dir, FALSE);
      camel_provider_init ();

      /* Camel remembers every trust decision in its certificate database,
       * even "temporary" ones, and would accept those silently next time.
       * Decisions last one run only: the CA file is checked again each
       * run, and whatever the user accepted is asked again. */
      g_unlink (certdb_file);
      certdb = camel_certdb_new ();
      camel_certdb_set_filename (certdb, certdb_file);
      camel_certdb_set_default (certdb);
      g_once_init_leave (&initialized, 1);
    }
}

CartableMailSession *
cartable_mail_session_new (const char *data_dir,
                           const char *cache_dir)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  g_mkdir_with_parents (data_dir, 0700);
  g_mkdir_with_parents (cache_dir, 0700);
  init_camel_once (data_dir);

  return g_object_new (CARTABLE_TYPE_MAIL_SESSION,
                       "user-data-dir", data_dir,
                       "user-cache-dir", cache_dir,
                       "online", TRUE,
                       NULL);
}

void
cartable_mail_session_set_password_func (CartableMailSession      *self,
                                         CartableMailPasswordFunc  func,
                                         gpointer                  user_data,
                                         GDestroyNotify            destroy)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SESSION (self));

  if (self->password_destroy != NULL)
    self->password_destroy (self->password_data);

  self->password_func = func;
  self->password_data = user_data;
  self->password_destroy = destroy;
}

static CamelNetworkSecurityMethod
security_to_camel (CartableMailSecurity security)
{
  switch (security)
    {
    case CARTABLE_MAIL_SECURITY_TLS:
      return CAMEL_NETWORK_SECURITY_METHOD_SSL_ON_ALTERNATE_PORT;
    case CARTABLE_MAIL_SECURITY_STARTTLS:
      return CAMEL_NETWORK_SECURITY_METHOD_STARTTLS_ON_STANDARD_PORT;
    case CARTABLE_MAIL_SECURITY_NONE:
    default:
      return CAMEL_NETWORK_SECURITY_METHOD_NONE;
    }
}

static gboolean
check_server (const char            *what,
              const char            *host,
              guint16                port,
              CartableMailSecurity   security,
              GError               **error)
{
  if (host == NULL || *host == '\0' || port == 0)
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                   /* Translators: %s is IMAP or SMTP */
                   _("The %s server of this account is not configured"), what);
      return FALSE;
    }

  if (security == CARTABLE_MAIL_SECURITY_NONE && !cartable_mail_host_is_loopback (host))
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INSECURE,
                   /* Translators: the first %s is IMAP or SMTP, the second a host name */
                   _("Refusing to talk to the %s server %s without encryption"), what, host);
      return FALSE;
    }

  return TRUE;
}

static void
configure_service (CamelService         *service,
                   const char           *host,
                   guint16               port,
                   const char           *user,
                   CartableMailSecurity  security,
                   const char           *auth_mechanism)
{
  g_autoptr(CamelSettings) settings = camel_service_ref_settings (service);

  g_object_set (settings,
                "host", host,
                "port", (guint) port,
                "user", user,
                "security-method", security_to_camel (security),
                "auth-mechanism", auth_mechanism,
                NULL);
}

gboolean
cartable_mail_session_add_account (CartableMailSession        *self,
                                   CartableMailAccountConfig  *config,
                                   GError                    **error)
{
  g_autoptr(CamelService) store = NULL;
  g_autoptr(CamelService) transport = NULL;
  g_autoptr(CamelSettings) settings = NULL;
  g_autofree char *store_uid = NULL;
  g_autofree char *transport_uid = NULL;
  AccountEntry *entry;
  gboolean exists;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cartable_paths_is_safe_component (config->account_id))
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                   _("Invalid account identifier"));
      return FALSE;
    }

  if (!check_server ("IMAP", config->imap_host, config->imap_port, config->imap_security, error))
    return FALSE;
  if (config->smtp_host != NULL &&
      !check_server ("SMTP", config->smtp_host, config->smtp_port, config->smtp_security, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  exists = g_hash_table_contains (self->accounts, config->account_id);
  g_mutex_unlock (&self->lock);
  if (exists)
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_EXISTS,
                   _("This account is already open"));
      return FALSE;
    }

  store_uid = g_strconcat (config->account_id, "-imap", NULL);
  store = camel_session_add_service (CAMEL_SESSION (self), store_uid, "imapx",
                                     CAMEL_PROVIDER_STORE, error);
  if (store == NULL)
    return FALSE;

  configure_service (store, config->imap_host, config->imap_port, config->identifier,
                     config->imap_security, NULL);
  settings = camel_service_ref_settings (store);
  g_object_set (settings,
                "use-idle", TRUE,
                "use-qresync", TRUE,
                "concurrent-connections", 3,
                "filter-inbox", FALSE,
                NULL);
  camel_service_set_display_name (store, config->email ? config->email : config->identifier);

  if (config->smtp_host != NULL)
    {
      transport_uid = g_strconcat (config->account_id, "-smtp", NULL);
      transport = camel_session_add_service (CAMEL_SESSION (self), transport_uid, "smtp",
                                             CAMEL_PROVIDER_TRANSPORT, error);
      if (transport == NULL)
        {
          camel_session_remove_service (CAMEL_SESSION (self), store);
          return FALSE;
        }
      configure_service (transport, config->smtp_host, config->smtp_port, config->identifier,
                         config->smtp_security, "PLAIN");
    }

  entry = g_new0 (AccountEntry, 1);
  entry->config = cartable_mail_account_config_ref (config);
  entry->store_state = _cartable_store_state_new (CAMEL_STORE (store));
  entry->store = g_steal_pointer (&store);
  entry->transport = g_steal_pointer (&transport);

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->accounts, g_strdup (config->account_id), entry);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

void
cartable_mail_session_remove_account (CartableMailSession *self,
                                      const char          *account_id)
{
  AccountEntry *entry;
  g_autoptr(CamelService) store = NULL;
  g_autoptr(CamelService) transport = NULL;

  g_return_if_fail (CARTABLE_IS_MAIL_SESSION (self));
  g_return_if_fail (account_id != NULL);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->accounts, account_id);
  if (entry != NULL)
    {
      store = g_steal_pointer (&entry->store);
      transport = g_steal_pointer (&entry->transport);
      g_hash_table_remove (self->accounts, account_id);
    }
  g_mutex_unlock (&self->lock);

  if (store != NULL)
    camel_session_remove_service (CAMEL_SESSION (self), store);
  if (transport != NULL)
    camel_session_remove_service (CAMEL_SESSION (self), transport);
}

CartableMailAccountConfig *
cartable_mail_session_get_account_config (CartableMailSession *self,
                                          const char          *account_id)
{
  AccountEntry *entry;
  CartableMailAccountConfig *config = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->accounts, account_id);
  if (entry != NULL)
    config = entry->config;
  g_mutex_unlock (&self->lock);

  return config;
}

CamelStore *
cartable_mail_session_get_store (CartableMailSession *self,
                                 const char          *account_id)
{
  AccountEntry *entry;
  CamelService *store = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->accounts, account_id);
  if (entry != NULL)
    store = entry->store;
  g_mutex_unlock (&self->lock);

  return store != NULL ? CAMEL_STORE (store) : NULL;
}

CamelTransport *
cartable_mail_session_get_transport (CartableMailSession *self,
                                     const char          *account_id)
{
  AccountEntry *entry;
  CamelService *transport = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->accounts, account_id);
  if (entry != NULL)
    transport = entry->transport;
  g_mutex_unlock (&self->lock);

  return transport != NULL ? CAMEL_TRANSPORT (transport) : NULL;
}

const char *
cartable_mail_session_get_account_id_for_service (CartableMailSession *self,
                                                  CamelService        *service)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *account_id = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), NULL);
  g_return_val_if_fail (CAMEL_IS_SERVICE (service), NULL);

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AccountEntry *entry = value;

      if (entry->store == service || entry->transport == service)
        {
          account_id = key;
          break;
        }
    }
  g_mutex_unlock (&self->lock);

  return account_id;
}

/**
 * _cartable_mail_session_ref_store_state:
 *
 * Returns: (transfer full): what the engine keeps for @store, never %NULL
 */
CartableStoreState *
_cartable_mail_session_ref_store_state (CamelStore *store)
{
  g_autoptr(CamelSession) session = NULL;
  CartableStoreState *state = NULL;

  g_assert (CAMEL_IS_STORE (store));

  session = camel_service_ref_session (CAMEL_SERVICE (store));
  if (CARTABLE_IS_MAIL_SESSION (session))
    {
      CartableMailSession *self = CARTABLE_MAIL_SESSION (session);
      GHashTableIter iter;
      gpointer value;

      g_mutex_lock (&self->lock);
      g_hash_table_iter_init (&iter, self->accounts);
      while (state == NULL && g_hash_table_iter_next (&iter, NULL, &value))
        {
          AccountEntry *entry = value;

          if (entry->store == CAMEL_SERVICE (store))
            state = g_object_ref (entry->store_state);
        }
      g_mutex_unlock (&self->lock);
    }

  /* A store whose account was removed while work on it was in flight:
   * nothing else shares its lock any more. */
  if (state == NULL)
    state = _cartable_store_state_new (store);

  return state;
}

static gboolean
connect_service_sync (CartableMailSession  *self,
                      CamelService         *service,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  if (CAMEL_IS_OFFLINE_STORE (service) &&
      !camel_offline_store_set_online_sync (CAMEL_OFFLINE_STORE (service), TRUE,
                                            cancellable, &local_error))
    {
      g_propagate_error (error, cartable_mail_error_from_camel (local_error));
      return FALSE;
    }

  if (!camel_service_connect_sync (service, cancellable, &local_error))
    {
      g_propagate_error (error, cartable_mail_error_from_camel (local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
cartable_mail_session_connect_store_sync (CartableMailSession  *self,
                                          const char           *account_id,
                                          GCancellable         *cancellable,
                                          GError              **error)
{
  CamelStore *store;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  store = cartable_mail_session_get_store (self, account_id);
  if (store == NULL)
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT,
                   _("Unknown account"));
      return FALSE;
    }

  return connect_service_sync (self, CAMEL_SERVICE (store), cancellable, error);
}

gboolean
cartable_mail_session_connect_transport_sync (CartableMailSession  *self,
                                              const char           *account_id,
                                              GCancellable         *cancellable,
                                              GError              **error)
{
  CamelTransport *transport;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  transport = cartable_mail_session_get_transport (self, account_id);
  if (transport == NULL)
    {
      g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT,
                   _("Unknown account"));
      return FALSE;
    }

  return connect_service_sync (self, CAMEL_SERVICE (transport), cancellable, error);
}

typedef struct
{
  char     *account_id;
  gboolean  online;
} SetOnlineData;

static void
set_online_data_free (gpointer data)
{
  SetOnlineData *d = data;

  g_free (d->account_id);
  g_free (d);
}

static void
set_online_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CartableMailSession *self = source_object;
  SetOnlineData *d = task_data;
  g_autoptr(GError) error = NULL;
  CamelStore *store;

  store = cartable_mail_session_get_store (self, d->account_id);
  if (store == NULL)
    {
      g_task_return_new_error (task, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT,
                               _("Unknown account"));
      return;
    }

  if (d->online)
    {
      g_autoptr(CartableStoreState) state = _cartable_mail_session_ref_store_state (store);

      if (!connect_service_sync (self, CAMEL_SERVICE (store), cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* What was done offline goes out first. */
      if (!_cartable_store_state_replay_sync (state, store, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (!camel_offline_store_set_online_sync (CAMEL_OFFLINE_STORE (store), FALSE,
                                                 cancellable, &error) &&
           camel_offline_store_get_online (CAMEL_OFFLINE_STORE (store)))
    {
      /* Going offline fails only if it could not even stop: a dead server
       * merely prevents the last synchronisation, which is fine. */
      g_task_return_error (task, cartable_mail_error_from_camel (error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
cartable_mail_session_set_online_async (CartableMailSession *self,
                                        const char          *account_id,
                                        gboolean             online,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SetOnlineData *d;

  g_return_if_fail (CARTABLE_IS_MAIL_SESSION (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = g_new0 (SetOnlineData, 1);
  d->account_id = g_strdup (account_id);
  d->online = online;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_session_set_online_async);
  g_task_set_task_data (task, d, set_online_data_free);
  g_task_run_in_thread (task, set_online_thread);
}

gboolean
cartable_mail_session_set_online_finish (CartableMailSession  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

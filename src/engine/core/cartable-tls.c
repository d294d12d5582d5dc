/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-tls"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-tls.h"

/*
 * Trust for academy servers: the system's certificate authorities, plus the
 * academy's own CA when its profile names one (the loopback academy signs
 * everything with a CA made at start; some academies use a private CA).
 *
 * GTlsDatabase is subclassed so that a chain is accepted when *either* the
 * system database *or* a file database holding only the academy CA
 * validates it. Both sub-databases do the full check (signature, expiry,
 * identity), so nothing gets weaker: the academy CA is merely one more
 * anchor. When neither validates, the smaller set of problems is returned
 * and the TLS connection fails with them.
 */

#define CARTABLE_TYPE_TLS_DATABASE (cartable_tls_database_get_type ())
G_DECLARE_FINAL_TYPE (CartableTlsDatabase, cartable_tls_database, CARTABLE, TLS_DATABASE, GTlsDatabase)

struct _CartableTlsDatabase
{
  GTlsDatabase  parent_instance;

  GTlsDatabase *system;
  GTlsDatabase *extra;
};

G_DEFINE_FINAL_TYPE (CartableTlsDatabase, cartable_tls_database, G_TYPE_TLS_DATABASE)

static guint
count_flags (GTlsCertificateFlags flags)
{
  guint n = 0;

  for (guint bit = 0; bit < 32; bit++)
    if (flags & (1u << bit))
      n++;

  return n;
}

static GTlsCertificateFlags
cartable_tls_database_verify_chain (GTlsDatabase             *database,
                                    GTlsCertificate          *chain,
                                    const char               *purpose,
                                    GSocketConnectable       *identity,
                                    GTlsInteraction          *interaction,
                                    GTlsDatabaseVerifyFlags   flags,
                                    GCancellable             *cancellable,
                                    GError                  **error)
{
  CartableTlsDatabase *self = CARTABLE_TLS_DATABASE (database);
  GTlsCertificateFlags system_errors = G_TLS_CERTIFICATE_GENERIC_ERROR;
  GTlsCertificateFlags extra_errors;
  g_autoptr(GError) local_error = NULL;

  if (self->system != NULL)
    {
      system_errors = g_tls_database_verify_chain (self->system, chain, purpose, identity,
                                                   interaction, flags, cancellable, &local_error);
      if (local_error != NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return G_TLS_CERTIFICATE_GENERIC_ERROR;
            }
          g_clear_error (&local_error);
          system_errors = G_TLS_CERTIFICATE_GENERIC_ERROR;
        }
      if (system_errors == 0)
        return 0;
    }

  if (self->extra == NULL)
    return system_errors;

  extra_errors = g_tls_database_verify_chain (self->extra, chain, purpose, identity,
                                              interaction, flags, cancellable, error);
  if (extra_errors == 0)
    return 0;

  /* Report the problems of the database that came closest. */
  if (self->system == NULL || count_flags (extra_errors) < count_flags (system_errors))
    return extra_errors;
  if (error != NULL && *error != NULL)
    g_clear_error (error);
  return system_errors;
}

typedef struct
{
  GTlsCertificate         *chain;
  char                    *purpose;
  GSocketConnectable      *identity;
  GTlsInteraction         *interaction;
  GTlsDatabaseVerifyFlags  flags;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_clear_object (&data->chain);
  g_clear_pointer (&data->purpose, g_free);
  g_clear_object (&data->identity);
  g_clear_object (&data->interaction);
  g_free (data);
}

static void
verify_chain_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  VerifyData *data = task_data;
  GError *error = NULL;
  GTlsCertificateFlags result;

  result = cartable_tls_database_verify_chain (source_object, data->chain, data->purpose,
                                               data->identity, data->interaction, data->flags,
                                               cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, result);
}

static void
cartable_tls_database_verify_chain_async (GTlsDatabase            *database,
                                          GTlsCertificate         *chain,
                                          const char              *purpose,
                                          GSocketConnectable      *identity,
                                          GTlsInteraction         *interaction,
                                          GTlsDatabaseVerifyFlags  flags,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (database, cancellable, callback, user_data);
  VerifyData *data = g_new0 (VerifyData, 1);

  data->chain = g_object_ref (chain);
  data->purpose = g_strdup (purpose);
  data->identity = identity != NULL ? g_object_ref (identity) : NULL;
  data->interaction = interaction != NULL ? g_object_ref (interaction) : NULL;
  data->flags = flags;

  g_task_set_source_tag (task, cartable_tls_database_verify_chain_async);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_run_in_thread (task, verify_chain_thread);
}

static GTlsCertificateFlags
cartable_tls_database_verify_chain_finish (GTlsDatabase  *database,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  GError *local_error = NULL;
  gssize value = g_task_propagate_int (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return G_TLS_CERTIFICATE_GENERIC_ERROR;
    }

  return (GTlsCertificateFlags) value;
}

static GTlsCertificate *
cartable_tls_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                                 GTlsCertificate          *certificate,
                                                 GTlsInteraction          *interaction,
                                                 GTlsDatabaseLookupFlags   flags,
                                                 GCancellable             *cancellable,
                                                 GError                  **error)
{
  CartableTlsDatabase *self = CARTABLE_TLS_DATABASE (database);
  GTlsCertificate *issuer = NULL;

  if (self->extra != NULL)
    issuer = g_tls_database_lookup_certificate_issuer (self->extra, certificate, interaction,
                                                       flags, cancellable, NULL);
  if (issuer == NULL && self->system != NULL)
    issuer = g_tls_database_lookup_certificate_issuer (self->system, certificate, interaction,
                                                       flags, cancellable, error);
  return issuer;
}

static void
cartable_tls_database_finalize (GObject *object)
{
  CartableTlsDatabase *self = CARTABLE_TLS_DATABASE (object);

  g_clear_object (&self->system);
  g_clear_object (&self->extra);

  G_OBJECT_CLASS (cartable_tls_database_parent_class)->finalize (object);
}

static void
cartable_tls_database_class_init (CartableTlsDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = cartable_tls_database_finalize;
  database_class->verify_chain = cartable_tls_database_verify_chain;
  database_class->verify_chain_async = cartable_tls_database_verify_chain_async;
  database_class->verify_chain_finish = cartable_tls_database_verify_chain_finish;
  database_class->lookup_certificate_issuer = cartable_tls_database_lookup_certificate_issuer;
}

static void
cartable_tls_database_init (CartableTlsDatabase *self)
{
}

GTlsDatabase *
cartable_tls_database_new (const char  *ca_file,
                           GError     **error)
{
  g_autoptr(GTlsDatabase) extra = NULL;
  CartableTlsDatabase *self;
  GTlsBackend *backend = g_tls_backend_get_default ();

  if (ca_file == NULL)
    return g_tls_backend_get_default_database (backend);

  extra = g_tls_file_database_new (ca_file, error);
  if (extra == NULL)
    return NULL;

  self = g_object_new (CARTABLE_TYPE_TLS_DATABASE, NULL);
  self->system = g_tls_backend_get_default_database (backend);
  self->extra = g_steal_pointer (&extra);

  return G_TLS_DATABASE (self);
}

char *
cartable_tls_describe_errors (GTlsCertificateFlags errors)
{
  static const struct {
    GTlsCertificateFlags flag;
    const char *text;
  } descriptions[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it is not signed by a known certificate authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was issued for another server name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses insecure cryptography") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("it could not be verified") },
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      if ((errors & descriptions[i].flag) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, _(descriptions[i].text));
    }

  if (out->len == 0)
    g_string_append (out, _("it could not be verified"));

  return g_string_free (out, FALSE);
}

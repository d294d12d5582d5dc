/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "cartable-test-account.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("login");

/*
 * Signing in against the loopback academy (Dovecot for the password, the
 * portal for the account status), the forced change of a temporary
 * password, the typed errors (bad credentials, unreachable server,
 * untrusted certificate, locked account), the server check, account
 * deletion, and cartable-cli (activate, login, check) — with a check that
 * no file under the config, data and cache folders holds a password, and
 * that `check` names IMAP when Dovecot is down.
 */

#define NEW_PASSWORD "Une phrase de passe 2024"

static AccountTestAcademy *academy;
static GAsyncResult *result;

#define WAIT() cartable_test_wait_result (&result, 0)
#define CB cartable_test_result_cb, &result

static CartableLoginResult *
login (CartableAcademyProfile  *profile,
       CartableAccountStore    *store,
       const char              *identifier,
       const char              *password,
       GError                 **error)
{
  g_clear_object (&result);
  cartable_login_async (profile, store, identifier, password, NULL, CB);
  return cartable_login_finish (WAIT (), error);
}

static char *
stored_password (const char *account_id)
{
  g_autoptr(GError) error = NULL;
  char *secret;
  char *copy;

  g_clear_object (&result);
  cartable_credentials_lookup_async (account_id, CARTABLE_CREDENTIALS_SERVICE_IMAP, NULL, CB);
  secret = cartable_credentials_lookup_finish (WAIT (), &error);
  g_assert_no_error (error);
  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

/* Every regular file under @dir; returns how many were read. */
static guint
assert_no_file_contains (const char *dir,
                         const char *secret)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (listing == NULL)
    return 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n_files += assert_no_file_contains (path, secret);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          if (memmem (contents, length, secret, strlen (secret)) != NULL)
            g_error ("%s contains a password", path);
          n_files++;
        }
    }

  return n_files;
}

static void
assert_password_nowhere_on_disk (const char *secret)
{
  guint n_files = 0;

  n_files += assert_no_file_contains (g_get_user_config_dir (), secret);
  n_files += assert_no_file_contains (g_get_user_data_dir (), secret);
  n_files += assert_no_file_contains (g_get_user_cache_dir (), secret);
  /* At least the account list was there to be read. */
  g_assert_cmpuint (n_files, >=, 1);
}

/* Runs cartable-cli with @args (NULL-terminated), @input on its standard
 * input; *@out (if not NULL) receives what it wrote on both outputs. */
static int
run_cli_args (const char         *input,
              char              **out,
              const char * const *args)
{
  /* The helpdesk reads French. */
  static const char * const french[] = { "LC_ALL=fr_FR.UTF-8", "LANGUAGE=fr", NULL };
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int status = cartable_test_run_cli (args, french, input, &stdout_text, &stderr_text);

  g_test_message ("cartable-cli %s:\n%s%s", args[0], stdout_text, stderr_text);
  if (out != NULL)
    *out = g_strconcat (stdout_text, stderr_text, NULL);
  return status;
}
/* run_cli (input, out, "command", arguments…, NULL) */
#define run_cli(input, out, ...) run_cli_args (input, out, (const char * const[]) { __VA_ARGS__ })

/* ------------------------------------------------------------------ login */

CARTABLE_TEST ("login", test_login)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(CartableAccountStore) reloaded = cartable_account_store_new (NULL);
  g_autoptr(CartableLoginResult) first = NULL;
  g_autoptr(CartableLoginResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  const char *password = cartable_test_stack_account (academy->stack, "mdurand", "password");
  CartableAccount *account;

  first = login (academy->profile, store, "mdurand", password, &error);
  g_assert_no_error (error);
  g_assert_false (first->must_change_password);
  g_assert_nonnull (first->portal_account);
  account = first->account;
  g_assert_cmpstr (cartable_account_get_id (account), ==, "mdurand");
  g_assert_cmpstr (cartable_account_get_identifier (account), ==, "mdurand");
  g_assert_cmpstr (cartable_account_get_email (account), ==, "marie.durand@ac-normandie.fr");
  g_assert_cmpstr (cartable_account_get_display_name (account), ==, "Marie Durand");
  g_assert_cmpstr (cartable_account_get_academy_id (account), ==, "normandie");
  g_assert_cmpstr (cartable_account_get_profile_path (account), ==, academy->profile_path);
  g_assert_true (cartable_account_store_lookup (store, "mdurand") == account);

  secret = stored_password ("mdurand");
  g_assert_cmpstr (secret, ==, password);

  /* Saved: another store reads it back. */
  g_assert_true (cartable_account_store_load (reloaded, &error));
  g_assert_nonnull (cartable_account_store_lookup (reloaded, "mdurand"));

  /* Signing in again keeps one account. */
  again = login (academy->profile, store, "MDurand", password, &error);
  g_assert_no_error (error);
  g_assert_true (again->account == account);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  assert_password_nowhere_on_disk (password);
}

CARTABLE_TEST ("starttls", test_login_starttls)
{
  g_autofree char *imaps = g_strdup_printf ("<port>%s</port>\n      <socketType>SSL</socketType>",
                                            cartable_test_stack_env (academy->stack, "ACADEMY_IMAPS_PORT"));
  g_autofree char *starttls = g_strdup_printf ("<port>%s</port>\n      <socketType>STARTTLS</socketType>",
                                               cartable_test_stack_env (academy->stack, "ACADEMY_IMAP_PORT"));
  g_autofree char *path = account_test_academy_profile_variant (academy, "starttls.xml", imaps, starttls);
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartableLoginResult) login_result = NULL;
  g_autoptr(GError) error = NULL;

  profile = cartable_academy_profile_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_IMAP)->socket_type, ==,
                   CARTABLE_SOCKET_TYPE_STARTTLS);

  /* Without a store: a check only. */
  login_result = login (profile, NULL, "tlefebvre", cartable_test_stack_account (academy->stack, "tlefebvre", "password"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (login_result->account);
}

CARTABLE_TEST ("errors", test_login_errors)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableAcademyProfile) unreachable = NULL;
  g_autoptr(CartableAcademyProfile) untrusted = NULL;
  g_autofree char *imaps = g_strdup_printf ("<port>%s</port>", cartable_test_stack_env (academy->stack, "ACADEMY_IMAPS_PORT"));
  char *secret;

  g_assert_true (cartable_account_store_load (store, &error));

  /* Bad credentials, from IMAP. */
  g_assert_null (login (academy->profile, store, "tlefebvre", "Pas le bon mot de passe 1", &error));
  g_assert_error (error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_AUTHENTICATION);
  g_clear_error (&error);
  g_assert_null (cartable_account_store_lookup (store, "tlefebvre"));
  secret = stored_password ("tlefebvre");
  g_assert_null (secret);

  /* Unreachable: nothing listens on the port (base + 9 is never used). */
  g_autofree char *closed_port = g_strdup_printf ("<port>%u</port>", cartable_test_stack_port (academy->stack, "ACADEMY_PORT_BASE") + 9);
  g_autofree char *unreachable_path = account_test_academy_profile_variant (academy, "unreachable.xml", imaps, closed_port);
  unreachable = cartable_academy_profile_new_from_file (unreachable_path, &error);
  g_assert_no_error (error);
  g_assert_null (login (unreachable, store, "mdurand", cartable_test_stack_account (academy->stack, "mdurand", "password"), &error));
  g_assert_error (error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_UNREACHABLE);
  g_clear_error (&error);

  /* Untrusted certificate: the same academy without its CA. */
  g_autofree char *untrusted_path = account_test_academy_profile_variant (academy, "untrusted.xml",
                                                                          "<cartable:ca-certificate file=\"ca.pem\"/>", "");
  untrusted = cartable_academy_profile_new_from_file (untrusted_path, &error);
  g_assert_no_error (error);
  g_assert_null (cartable_academy_profile_get_ca_file (untrusted));
  g_assert_null (login (untrusted, store, "mdurand", cartable_test_stack_account (academy->stack, "mdurand", "password"), &error));
  g_assert_error (error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_CERTIFICATE);
  g_clear_error (&error);

  /* Locked account: IMAP still takes the password, the portal says the
   * account is locked, with the waiting time; nothing is saved. */
  g_assert_null (login (academy->profile, store, "hmercier", cartable_test_stack_account (academy->stack, "hmercier", "password"), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), >, 0);
  g_clear_error (&error);
  secret = stored_password ("hmercier");
  g_assert_null (secret);
  g_assert_null (cartable_account_store_lookup (store, "hmercier"));

  /* Cancelled. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_clear_object (&result);
    cartable_login_async (academy->profile, store, "mdurand", cartable_test_stack_account (academy->stack, "mdurand", "password"), cancellable, CB);
    g_cancellable_cancel (cancellable);
    g_assert_null (cartable_login_finish (WAIT (), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

CARTABLE_TEST ("cli-temporary", test_cli_temporary)
{
  g_autofree char *temporary = g_strconcat (cartable_test_stack_account (academy->stack, "sroux", "password"), "\n", NULL);
  g_autofree char *out = NULL;

  /* Exit status 3: the password must be changed first, and nothing is set up. */
  g_assert_cmpint (run_cli (temporary, &out, "login", "--academy-profile", academy->profile_path,
                            "--identifier", "sroux", NULL), ==, 3);
  g_assert_nonnull (strstr (out, "provisoire"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, "accounts", NULL), ==, 0);
  g_assert_null (strstr (out, "sroux"));
}

CARTABLE_TEST ("temporary-password", test_temporary_password)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(CartableLoginResult) first = NULL;
  g_autoptr(CartableLoginResult) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  const char *temporary = cartable_test_stack_account (academy->stack, "sroux", "password");
  const char *chosen = "Ma nouvelle phrase 2025";

  g_assert_true (cartable_account_store_load (store, &error));

  /* The temporary password is right, but nothing is saved until it is changed. */
  first = login (academy->profile, store, "sroux", temporary, &error);
  g_assert_no_error (error);
  g_assert_true (first->must_change_password);
  g_assert_null (first->account);
  g_assert_true (first->portal_account->must_change_password);
  g_assert_null (cartable_account_store_lookup (store, "sroux"));
  secret = stored_password ("sroux");
  g_assert_null (secret);

  /* A new password that breaks the policy: the rules come back. */
  g_clear_object (&result);
  cartable_login_change_password_async (academy->profile, store, "sroux", temporary, "sroux", NULL, CB);
  g_assert_null (cartable_login_finish (WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY);
  g_assert_true (g_strv_contains (cartable_portal_error_get_violated_rules (error), "min_length"));
  g_assert_true (g_strv_contains (cartable_portal_error_get_violated_rules (error), "not_identifier"));
  g_clear_error (&error);
  g_assert_null (cartable_account_store_lookup (store, "sroux"));

  g_clear_object (&result);
  cartable_login_change_password_async (academy->profile, store, "sroux", temporary, chosen, NULL, CB);
  changed = cartable_login_finish (WAIT (), &error);
  g_assert_no_error (error);
  g_assert_false (changed->must_change_password);
  g_assert_nonnull (changed->account);
  g_assert_nonnull (cartable_account_store_lookup (store, "sroux"));
  secret = stored_password ("sroux");
  g_assert_cmpstr (secret, ==, chosen);

  /* IMAP now takes the new password only. */
  g_assert_null (login (academy->profile, NULL, "sroux", temporary, &error));
  g_assert_error (error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_AUTHENTICATION);
  g_clear_error (&error);

  assert_password_nowhere_on_disk (temporary);
  assert_password_nowhere_on_disk (chosen);
}

CARTABLE_TEST ("activate-then-login", test_activate_then_login)
{
  g_autoptr(CartablePortal) portal = NULL;
  g_autoptr(CartablePortalAccount) activated = NULL;
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(CartableLoginResult) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  portal = cartable_portal_new_for_profile (academy->profile, &error);
  g_assert_no_error (error);

  g_clear_object (&result);
  cartable_portal_activate_async (portal, "cmoreau", cartable_test_stack_account (academy->stack, "cmoreau", "code"), cartable_test_stack_account (academy->stack, "cmoreau", "birth_date"),
                                  NEW_PASSWORD, NULL, CB);
  activated = cartable_portal_activate_finish (portal, WAIT (), &error);
  g_assert_no_error (error);

  g_assert_true (cartable_account_store_load (store, &error));
  signed_in = login (academy->profile, store, activated->identifier, NEW_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cartable_account_get_email (signed_in->account), ==, "camille.moreau@ac-normandie.fr");

  assert_password_nowhere_on_disk (NEW_PASSWORD);
}

CARTABLE_TEST ("delete-account", test_delete_account)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = cartable_paths_get_account_dir ("cache", "cmoreau");
  g_autofree char *file = g_build_filename (cache, "folders.db", NULL);
  g_autofree char *secret = NULL;

  g_assert_true (cartable_account_store_load (store, &error));
  g_assert_nonnull (cartable_account_store_lookup (store, "cmoreau"));
  g_assert_cmpint (g_mkdir_with_parents (cache, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));

  g_clear_object (&result);
  cartable_account_store_delete_account_async (store, "cmoreau", NULL, CB);
  g_assert_true (cartable_account_store_delete_account_finish (store, WAIT (), &error));
  g_assert_no_error (error);
  g_assert_null (cartable_account_store_lookup (store, "cmoreau"));
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  secret = stored_password ("cmoreau");
  g_assert_null (secret);
}

/* ------------------------------------------------------------- the check */

CARTABLE_TEST ("profile-check", test_profile_check)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) untrusted_rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *untrusted_path = NULL;
  g_autoptr(CartableAcademyProfile) untrusted = NULL;
  g_autofree char *table = NULL;

  g_clear_object (&result);
  cartable_profile_check_async (academy->profile, "mdurand", "marie.durand@ac-normandie.fr",
                                cartable_test_stack_account (academy->stack, "mdurand", "password"), NULL, CB);
  rows = cartable_profile_check_finish (WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 7);

  for (guint i = 0; i < rows->len; i++)
    {
      CartableCheckRow *row = g_ptr_array_index (rows, i);

      g_test_message ("%s: %u ms", cartable_server_kind_to_string (row->kind), row->elapsed_ms);
      g_assert_no_error (row->error);
      g_assert_true (cartable_check_row_is_ok (row));
      g_assert_cmpint (row->resolve, ==, CARTABLE_CHECK_STATUS_OK);
      g_assert_cmpint (row->connect, ==, CARTABLE_CHECK_STATUS_OK);
      g_assert_cmpint (row->tls, ==, CARTABLE_CHECK_STATUS_OK);
      g_assert_cmpint (row->auth, ==, CARTABLE_CHECK_STATUS_OK);
      g_assert_cmpstr (row->address, ==, "127.0.0.1");
      g_assert_nonnull (strstr (row->certificate_issuer, "Academy test CA"));
      g_assert_nonnull (row->certificate_expiry);
    }

  table = cartable_check_format_table (rows);
  g_assert_nonnull (strstr (table, "IMAP"));
  g_assert_nonnull (strstr (table, "LDAP"));

  /* Without the academy CA, every TLS step fails on the certificate, and says why. */
  untrusted_path = account_test_academy_profile_variant (academy, "untrusted-check.xml",
                                                         "<cartable:ca-certificate file=\"ca.pem\"/>", "");
  untrusted = cartable_academy_profile_new_from_file (untrusted_path, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  cartable_profile_check_async (untrusted, NULL, NULL, NULL, NULL, CB);
  untrusted_rows = cartable_profile_check_finish (WAIT (), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < untrusted_rows->len; i++)
    {
      CartableCheckRow *row = g_ptr_array_index (untrusted_rows, i);

      g_assert_false (cartable_check_row_is_ok (row));
      g_assert_cmpint (row->connect, ==, CARTABLE_CHECK_STATUS_OK);
      g_assert_cmpint (row->tls, ==, CARTABLE_CHECK_STATUS_FAILED);
      g_assert_cmpint (row->auth, ==, CARTABLE_CHECK_STATUS_NOT_RUN);
      g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_CERTIFICATE);
      g_assert_true (row->tls_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
      /* The helpdesk still sees who issued it. */
      g_assert_nonnull (row->certificate_issuer);
    }
}

/* A TLS server with the academy's own certificate, reached under a name the
 * certificate does not carry: the identity check must fail. */
static gboolean
tls_greeter_cb (GThreadedSocketService *service,
                GSocketConnection      *connection,
                GObject                *source_object,
                gpointer                user_data)
{
  g_autoptr(GIOStream) tls = NULL;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), user_data, NULL);
  if (tls != NULL && g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL))
    g_output_stream_write_all (g_io_stream_get_output_stream (tls), "* OK ready\r\n", 12, NULL, NULL, NULL);
  return TRUE;
}

CARTABLE_TEST ("certificate-identity", test_certificate_identity)
{
  g_autofree char *cert = g_build_filename (academy->dir, "tls", "server.pem", NULL);
  g_autofree char *key = g_build_filename (academy->dir, "tls", "server.key", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GInetAddress) other_loopback = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (other_loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableCheckRow) row = NULL;
  CartableServer server = { 0 };

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  service = g_threaded_socket_service_new (2);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (tls_greeter_cb), certificate);
  g_socket_service_start (service);

  database = cartable_academy_profile_create_tls_database (academy->profile, &error);
  g_assert_no_error (error);

  server.kind = CARTABLE_SERVER_KIND_IMAP;
  server.hostname = (char *) "127.0.0.2";
  server.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server.socket_type = CARTABLE_SOCKET_TYPE_TLS;

  g_clear_object (&result);
  cartable_server_check_async (&server, database, "mdurand", cartable_test_stack_account (academy->stack, "mdurand", "password"), NULL, CB);
  row = cartable_server_check_finish (WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->connect, ==, CARTABLE_CHECK_STATUS_OK);
  g_assert_cmpint (row->tls, ==, CARTABLE_CHECK_STATUS_FAILED);
  g_assert_cmpint (row->auth, ==, CARTABLE_CHECK_STATUS_NOT_RUN);
  g_assert_true (row->tls_errors & G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_assert_false (row->tls_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (row->certificate_issuer, "Academy test CA"));

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

/* ------------------------------------------------------------- autoconfig */

typedef struct
{
  char  *profile;     /* served at the well-known path */
  char  *first;       /* served at the autoconfig path, or NULL for 404 */
  guint  hits;
  char  *query_address;
} AutoconfigSite;

static void
autoconfig_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  AutoconfigSite *site = user_data;
  const char *body = NULL;

  site->hits++;
  if (g_str_equal (path, "/mail/config-v1.1.xml"))
    {
      g_free (site->query_address);
      site->query_address = g_strdup (query != NULL ? g_hash_table_lookup (query, "emailaddress") : NULL);
      body = site->first;
    }
  else if (g_str_equal (path, "/.well-known/autoconfig/mail/config-v1.1.xml"))
    body = site->profile;

  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/xml", SOUP_MEMORY_COPY, body, strlen (body));
}

static CartableAcademyProfile *
discover_at (const char    *base_url,
             GTlsDatabase  *database,
             GError       **error)
{
  g_clear_object (&result);
  cartable_academy_profile_discover_at_async ("marie.durand@ac-normandie.fr", base_url, database, NULL, CB);
  return cartable_academy_profile_discover_finish (WAIT (), error);
}

CARTABLE_TEST ("autoconfig", test_autoconfig)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *hostile = NULL;
  GString *network_profile;
  AutoconfigSite site = { 0 };

  /* A profile served over the network cannot name a local CA file. */
  g_assert_true (g_file_get_contents (academy->profile_path, &contents, NULL, NULL));
  network_profile = g_string_new (contents);
  g_string_replace (network_profile, "<cartable:ca-certificate file=\"ca.pem\"/>", "", 1);
  site.profile = g_string_free (network_profile, FALSE);

  g_autoptr(SoupServer) server = account_test_academy_https_server (academy, autoconfig_handler, &site, &base_url);
  g_assert_true (g_str_has_prefix (base_url, "https://127.0.0.1:"));

  g_autoptr(GTlsDatabase) database = cartable_academy_profile_create_tls_database (academy->profile, &error);
  g_assert_no_error (error);

  /* The first location answers 404, the well-known one has the profile. */
  g_autoptr(CartableAcademyProfile) found = discover_at (base_url, database, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cartable_academy_profile_get_id (found), ==, "normandie");
  g_assert_true (cartable_academy_profile_has_domain (found, "ac-normandie.fr"));
  g_assert_cmpuint (site.hits, ==, 2);
  g_assert_cmpstr (site.query_address, ==, "marie.durand@ac-normandie.fr");
  g_clear_object (&found);

  /* The first location wins when it answers. */
  site.first = g_strdup (site.profile);
  site.hits = 0;
  found = discover_at (base_url, database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (site.hits, ==, 1);
  g_clear_object (&found);

  /* Hostile answers are refused like any hostile profile. */
  g_autofree char *hostile_path = g_test_build_filename (G_TEST_DIST, "data", "profiles", "billion-laughs.xml", NULL);
  g_assert_true (g_file_get_contents (hostile_path, &hostile, NULL, NULL));
  g_free (site.first);
  site.first = NULL;
  g_free (site.profile);
  site.profile = g_strdup (hostile);
  g_assert_null (discover_at (base_url, database, &error));
  g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED);
  g_clear_error (&error);

  /* An endless answer is cut at the size limit and refused. */
  g_free (site.profile);
  site.profile = g_strnfill (4 * CARTABLE_ACADEMY_PROFILE_MAX_SIZE, ' ');
  g_assert_null (discover_at (base_url, database, &error));
  g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "262145"));
  g_clear_error (&error);

  /* Nothing at either location. */
  g_clear_pointer (&site.profile, g_free);
  g_assert_null (discover_at (base_url, database, &error));
  g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A server whose certificate is not trusted is not believed. */
  site.profile = g_strdup (contents);
  site.hits = 0;
  g_assert_null (discover_at (base_url, NULL, &error));
  g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND);
  g_assert_cmpuint (site.hits, ==, 0);
  g_clear_error (&error);

  /* Plain HTTP is refused before any request. */
  g_assert_null (discover_at ("http://127.0.0.1:1/", database, &error));
  g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE);
  g_clear_error (&error);

  /* Not an address. */
  g_clear_object (&result);
  cartable_academy_profile_discover_async ("pas-une-adresse", NULL, CB);
  g_assert_null (cartable_academy_profile_discover_finish (WAIT (), &error));
  g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND);

  soup_server_disconnect (server);
  g_free (site.profile);
  g_free (site.first);
  g_free (site.query_address);
}

/* -------------------------------------------------------------------- CLI */

CARTABLE_TEST ("cli-activate-login-check", test_cli_activate_login_check)
{
  g_autofree char *birth = account_test_academy_french_date (cartable_test_stack_account (academy->stack, "lgirard", "birth_date"));
  g_autofree char *input = g_strconcat (NEW_PASSWORD, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *accounts = NULL;
  g_autofree char *other_birth = account_test_academy_french_date (cartable_test_stack_account (academy->stack, "pgarnier", "birth_date"));

  /* A wrong code: the attempts left are said, in French. */
  g_assert_cmpint (run_cli (input, &out, "activate", "--academy-profile", academy->profile_path,
                            "--ina", "lgirard", "--code", "ZZZZ-ZZZZ", "--birth-date", birth, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "Il vous reste 4 essais"));
  g_clear_pointer (&out, g_free);

  /* The password never goes on the command line: it comes from standard input. */
  g_assert_cmpint (run_cli (input, &out, "activate", "--academy-profile", academy->profile_path,
                            "--ina", "lgirard", "--code", cartable_test_stack_account (academy->stack, "lgirard", "code"), "--birth-date", birth, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "lucas.girard@ac-normandie.fr"));
  g_clear_pointer (&out, g_free);

  /* Other academy: without --accept-terms the terms are shown and the portal refuses. */
  g_assert_cmpint (run_cli (input, &out, "activate", "--academy-profile", academy->profile_path,
                            "--numen", cartable_test_stack_account (academy->stack, "pgarnier", "numen"), "--birth-date", other_birth, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "Charte"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (input, &out, "activate", "--academy-profile", academy->profile_path,
                            "--numen", cartable_test_stack_account (academy->stack, "pgarnier", "numen"), "--birth-date", other_birth, "--accept-terms",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (out, "pgarnier"));
  g_clear_pointer (&out, g_free);

  /* Usage errors. */
  g_assert_cmpint (run_cli (input, NULL, "activate", "--academy-profile", academy->profile_path,
                            "--ina", "lgirard", NULL), ==, 2);
  g_assert_cmpint (run_cli (input, NULL, "activate", "--academy-profile", academy->profile_path,
                            "--ina", "lgirard", "--code", "X", "--birth-date", "31/02/1980", NULL), ==, 2);

  g_assert_cmpint (run_cli (input, &out, "login", "--academy-profile", academy->profile_path,
                            "--identifier", "lgirard", NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (NULL, &out, "accounts", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "lgirard"));
  g_clear_pointer (&out, g_free);

  /* The check of a set-up account takes its password from the keyring. */
  g_assert_cmpint (run_cli (NULL, &out, "check", "--account", "lgirard", NULL), ==, 0);
  g_assert_cmpuint (cartable_test_count_substrings (out, "joignable\n"), ==, 7);
  g_clear_pointer (&out, g_free);

  assert_password_nowhere_on_disk (NEW_PASSWORD);
}

/* Last in the file, so last to run: it stops Dovecot. */
CARTABLE_TEST ("cli-check-dovecot-down", test_cli_check_and_dovecot_down)
{
  g_autofree char *input = g_strconcat (cartable_test_stack_account (academy->stack, "mdurand", "password"), "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *imap_line = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli (input, &out, "check", "--academy-profile", academy->profile_path,
                            "--identifier", "mdurand", NULL), ==, 0);
  /* French headings, every server reachable. */
  g_assert_nonnull (strstr (out, "Authentification"));
  g_assert_cmpuint (cartable_test_count_substrings (out, "joignable\n"), ==, 7);
  g_assert_null (strstr (out, "PROBLÈME"));
  g_assert_nonnull (strstr (out, "Tous les serveurs sont joignables."));
  g_clear_pointer (&out, g_free);

  /* Stop Dovecot (IMAP and ManageSieve): the check fails and names IMAP. */
  account_test_academy_kill (academy, "dovecot", cartable_test_stack_port (academy->stack, "ACADEMY_IMAPS_PORT"));

  g_assert_cmpint (run_cli (input, &out, "check", "--academy-profile", academy->profile_path,
                            "--identifier", "mdurand", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "Problème avec IMAP"));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "IMAP "))
      imap_line = g_strdup (lines[i]);
  g_assert_nonnull (imap_line);
  g_assert_nonnull (strstr (imap_line, "ÉCHEC"));
  g_assert_nonnull (strstr (imap_line, "PROBLÈME"));
  /* The portal, DAV and the directory are still fine. */
  g_assert_cmpuint (cartable_test_count_substrings (out, "joignable\n"), >=, 4);
}

int
main (int   argc,
      char *argv[])
{
  return account_test_main (&argc, &argv, NULL, &academy, &result);
}

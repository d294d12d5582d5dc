/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <string.h>

#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-session");

static MailTestAcademy *academy;

static gboolean
connect_store (CartableMailSession *session,
               const char          *account_id,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_mail_session_set_online_async (session, account_id, TRUE, NULL,
                                          cartable_test_result_cb, &result);
  return cartable_mail_session_set_online_finish (session, cartable_test_wait_result (&result, 0), error);
}

CARTABLE_TEST ("connect-tls", test_connect_tls)
{
  g_autoptr(CartableMailSession) session = mail_test_session_new (academy, "mdurand",
                                                                  CARTABLE_MAIL_SECURITY_TLS);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (connect_store (session, "mdurand", &error));
  g_assert_no_error (error);
  g_test_message ("IMAPS connect + login: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (camel_service_get_connection_status (CAMEL_SERVICE (cartable_mail_session_get_store (session, "mdurand"))),
                   ==, CAMEL_SERVICE_CONNECTED);
}

CARTABLE_TEST ("connect-starttls", test_connect_starttls)
{
  g_autoptr(CartableMailSession) session = mail_test_session_new (academy, "tlefebvre",
                                                                  CARTABLE_MAIL_SECURITY_STARTTLS);
  g_autoptr(GError) error = NULL;
  CamelStore *store = cartable_mail_session_get_store (session, "tlefebvre");
  g_autoptr(CamelFolderInfo) info = NULL;

  g_assert_true (connect_store (session, "tlefebvre", &error));
  g_assert_no_error (error);

  /* Proves the login went through: the folder list needs it. */
  info = camel_store_get_folder_info_sync (store, NULL, CAMEL_STORE_FOLDER_INFO_RECURSIVE,
                                           NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
}

static char *
wrong_password_cb (const char *account_id,
                   gpointer    user_data)
{
  (*(guint *) user_data)++;
  return g_strdup ("not-the-password");
}

CARTABLE_TEST ("wrong-password", test_wrong_password)
{
  g_autoptr(CartableMailSession) session = mail_test_session_new (academy, "mdurand",
                                                                  CARTABLE_MAIL_SECURITY_TLS);
  g_autoptr(GError) error = NULL;
  guint asked = 0;
  gint64 start = g_get_monotonic_time ();

  cartable_mail_session_set_password_func (session, wrong_password_cb, &asked, NULL);
  g_assert_false (connect_store (session, "mdurand", &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH);
  /* One question, one attempt: no loop. */
  g_assert_cmpuint (asked, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_TIME_SPAN_SECOND);
}

typedef struct
{
  guint     count;
  gboolean  accept;
  char     *subject;
  char     *fingerprint;
  GTlsCertificateFlags errors;
} TrustState;

static gboolean
certificate_request_cb (CartableMailSession        *session,
                        CartableCertificateRequest *request,
                        TrustState                 *state)
{
  state->count++;
  g_free (state->subject);
  g_free (state->fingerprint);
  state->subject = g_strdup (cartable_certificate_request_get_subject (request));
  state->fingerprint = g_strdup (cartable_certificate_request_get_fingerprint (request));
  state->errors = cartable_certificate_request_get_errors (request);
  g_assert_cmpstr (cartable_certificate_request_get_account_id (request), ==, "mdurand");
  g_assert_cmpstr (cartable_certificate_request_get_host (request), ==, "127.0.0.1");
  g_assert_nonnull (cartable_certificate_request_get_issuer (request));
  g_assert_nonnull (cartable_certificate_request_get_certificate (request));
  cartable_certificate_request_answer (request, state->accept);
  return TRUE;
}

static CartableMailSession *
session_without_ca (void)
{
  CartableMailSession *session = mail_test_session_new (academy, "mdurand", CARTABLE_MAIL_SECURITY_TLS);

  /* Forget what earlier tests decided about this certificate. */
  camel_certdb_clear (camel_certdb_get_default ());

  cartable_mail_account_config_set_ca_file (cartable_mail_session_get_account_config (session, "mdurand"),
                                            NULL);
  return session;
}

CARTABLE_TEST ("certificate-refused", test_certificate_refused)
{
  g_autoptr(CartableMailSession) session = session_without_ca ();
  g_autoptr(GError) error = NULL;
  TrustState state = { 0, FALSE };

  g_signal_connect (session, "certificate-request", G_CALLBACK (certificate_request_cb), &state);
  g_assert_false (connect_store (session, "mdurand", &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_CERTIFICATE);
  g_assert_cmpuint (state.count, ==, 1);
  g_assert_nonnull (strstr (state.subject, "CN=localhost"));
  g_assert_cmpuint (strlen (state.fingerprint), ==, 32 * 3 - 1);
  g_assert_true (state.errors & G_TLS_CERTIFICATE_UNKNOWN_CA);

  /* A refusal is final: no second question, no connection. */
  g_clear_error (&error);
  g_assert_false (connect_store (session, "mdurand", &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_CERTIFICATE);
  g_assert_cmpuint (state.count, ==, 1);

  g_free (state.subject);
  g_free (state.fingerprint);
}

CARTABLE_TEST ("certificate-no-handler", test_certificate_no_handler)
{
  g_autoptr(CartableMailSession) session = session_without_ca ();
  g_autoptr(GError) error = NULL;

  g_assert_false (connect_store (session, "mdurand", &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_CERTIFICATE);
}

CARTABLE_TEST ("certificate-accepted", test_certificate_accepted)
{
  g_autoptr(CartableMailSession) session = session_without_ca ();
  g_autoptr(GError) error = NULL;
  TrustState state = { 0, TRUE };

  g_signal_connect (session, "certificate-request", G_CALLBACK (certificate_request_cb), &state);
  g_assert_true (connect_store (session, "mdurand", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.count, ==, 1);

  g_free (state.subject);
  g_free (state.fingerprint);
}

CARTABLE_TEST ("plaintext-refused", test_plaintext_refused)
{
  g_autoptr(CartableMailSession) session = cartable_mail_session_new (g_get_user_data_dir (), g_get_user_cache_dir ());
  g_autoptr(CartableMailAccountConfig) config = cartable_mail_account_config_new ("x", "x", "x@example.org");
  g_autoptr(GError) error = NULL;

  cartable_mail_account_config_set_imap (config, "imap.example.org", 143, CARTABLE_MAIL_SECURITY_NONE);
  g_assert_false (cartable_mail_session_add_account (session, config, &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INSECURE);
  g_assert_null (cartable_mail_session_get_store (session, "x"));

  /* Loopback is allowed without TLS (tests, local bridges). */
  g_clear_error (&error);
  cartable_mail_account_config_set_imap (config, "127.0.0.1", 143, CARTABLE_MAIL_SECURITY_NONE);
  g_assert_true (cartable_mail_session_add_account (session, config, &error));
  g_assert_no_error (error);
}

/* A real IMAP server on a socket that never offers STARTTLS. */
typedef struct
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  guint16          port;
  gint             logins;   /* LOGIN or AUTHENTICATE received (atomic) */
  gint             starttls;
} FakeServer;

static gpointer
fake_server_thread (gpointer data)
{
  FakeServer *server = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GDataInputStream) in = NULL;
      GOutputStream *out;
      char *line;

      connection = g_socket_listener_accept (server->listener, NULL, server->cancellable, NULL);
      if (connection == NULL)
        return NULL;

      in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
      g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
      out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
      g_output_stream_write_all (out, "* OK IMAP4rev1 fake server ready\r\n", 34, NULL, NULL, NULL);

      while ((line = g_data_input_stream_read_line (in, NULL, server->cancellable, NULL)) != NULL)
        {
          g_auto(GStrv) words = g_strsplit (line, " ", 3);
          g_autofree char *reply = NULL;
          const char *command = words[0] && words[1] ? words[1] : "";

          if (g_ascii_strcasecmp (command, "CAPABILITY") == 0)
            reply = g_strdup_printf ("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n%s OK done\r\n", words[0]);
          else if (g_ascii_strcasecmp (command, "LOGIN") == 0 ||
                   g_ascii_strcasecmp (command, "AUTHENTICATE") == 0)
            {
              g_atomic_int_inc (&server->logins);
              reply = g_strdup_printf ("%s NO no\r\n", words[0]);
            }
          else if (g_ascii_strcasecmp (command, "STARTTLS") == 0)
            {
              g_atomic_int_inc (&server->starttls);
              reply = g_strdup_printf ("%s BAD not supported\r\n", words[0]);
            }
          else if (g_ascii_strcasecmp (command, "LOGOUT") == 0)
            reply = g_strdup_printf ("* BYE\r\n%s OK bye\r\n", words[0]);
          else
            reply = g_strdup_printf ("%s BAD unknown\r\n", words[0] ? words[0] : "*");
          g_free (line);
          g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
        }
    }
}

CARTABLE_TEST ("starttls-not-offered", test_starttls_not_offered)
{
  FakeServer server = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(CartableMailSession) session = NULL;
  g_autoptr(CartableMailAccountConfig) config = NULL;
  GThread *thread;

  server.listener = g_socket_listener_new ();
  server.cancellable = g_cancellable_new ();
  g_assert_true (g_socket_listener_add_address (server.listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  server.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  thread = g_thread_new ("fake-imap", fake_server_thread, &server);

  session = mail_test_session_new (academy, "mdurand", CARTABLE_MAIL_SECURITY_STARTTLS);
  config = cartable_mail_account_config_copy (cartable_mail_session_get_account_config (session, "mdurand"));
  cartable_mail_session_remove_account (session, "mdurand");
  cartable_mail_account_config_set_imap (config, "127.0.0.1", server.port,
                                         CARTABLE_MAIL_SECURITY_STARTTLS);
  g_assert_true (cartable_mail_session_add_account (session, config, &error));

  g_assert_false (connect_store (session, "mdurand", &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_TLS);
  g_test_message ("refused: %s", error->message);
  /* The password never went out in clear. */
  g_assert_cmpint (g_atomic_int_get (&server.logins), ==, 0);

  g_clear_object (&session);
  g_cancellable_cancel (server.cancellable);
  g_thread_join (thread);
  g_socket_listener_close (server.listener);
  g_object_unref (server.listener);
  g_object_unref (server.cancellable);
}

int
main (int   argc,
      char *argv[])
{
  return mail_test_main (&argc, &argv, FALSE, &academy);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cartable-engine.h"
#include "cartable-test-wait.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("server-check");

/*
 * The server check against misbehaving servers that real ones do not
 * imitate: small scripted socket servers on loopback that greet with
 * garbage, refuse or strip STARTTLS (the password must then never be
 * sent), send endless lines, hang up, or only know IMAP LOGIN. The real
 * servers are checked in the integration suite.
 */

typedef const char *(*RespondFunc) (const char *line);

typedef struct
{
  GSocketService *service;
  guint16         port;
  const char     *greeting;
  RespondFunc     respond;
  GMutex          lock;
  GString        *received;
  int             active;   /* connections being served, atomic */
} FakeServer;

static void
serve (FakeServer        *fake,
       GSocketConnection *connection)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));

  g_socket_set_timeout (g_socket_connection_get_socket (connection), 5);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);

  if (fake->greeting != NULL &&
      !g_output_stream_write_all (out, fake->greeting, strlen (fake->greeting), NULL, NULL, NULL))
    return;

  /* An empty greeting means: hang up at once. */
  if (fake->greeting != NULL && *fake->greeting == '\0')
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
      const char *reply;

      if (line == NULL)
        break;
      g_strchomp (line);

      g_mutex_lock (&fake->lock);
      g_string_append (fake->received, line);
      g_string_append_c (fake->received, '\n');
      g_mutex_unlock (&fake->lock);

      reply = fake->respond != NULL ? fake->respond (line) : NULL;
      if (reply == NULL || !g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL))
        break;
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

/* Runs in a worker thread of the service; fake_server_free() waits for it. */
static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  FakeServer *fake = user_data;

  serve (fake, connection);
  g_atomic_int_dec_and_test (&fake->active);
  return TRUE;
}

/* Runs in the main thread when a connection is accepted, before a worker
 * takes it: counting here leaves no window where a connection is unseen. */
static gboolean
count_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source_object,
                   gpointer           user_data)
{
  FakeServer *fake = user_data;

  g_atomic_int_inc (&fake->active);
  return FALSE;
}

static FakeServer *
fake_server_new (const char  *greeting,
                 RespondFunc  respond)
{
  FakeServer *fake = g_new0 (FakeServer, 1);
  g_autoptr(GError) error = NULL;

  fake->greeting = greeting;
  fake->respond = respond;
  fake->received = g_string_new (NULL);
  g_mutex_init (&fake->lock);
  fake->service = g_threaded_socket_service_new (4);
  fake->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (fake->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (fake->service, "run", G_CALLBACK (run_cb), fake);
  g_signal_connect (fake->service, "incoming", G_CALLBACK (count_incoming_cb), fake);
  g_socket_service_start (fake->service);
  return fake;
}

static char *
fake_server_received (FakeServer *fake)
{
  char *copy;

  g_mutex_lock (&fake->lock);
  copy = g_strdup (fake->received->str);
  g_mutex_unlock (&fake->lock);
  return copy;
}

static void
fake_server_free (FakeServer *fake)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_socket_service_stop (fake->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fake->service));
  /* A worker may still be finishing its conversation: it uses fake. */
  while (g_atomic_int_get (&fake->active) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (g_atomic_int_get (&fake->active), ==, 0);
  g_clear_object (&fake->service);
  g_string_free (fake->received, TRUE);
  g_mutex_clear (&fake->lock);
  g_free (fake);
}

static CartableCheckRow *
check (CartableServerKind  kind,
       CartableSocketType  socket_type,
       guint16             port,
       const char         *username,
       const char         *password)
{
  CartableServer server = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CartableCheckRow *row;

  server.kind = kind;
  server.hostname = (char *) "127.0.0.1";
  server.port = port;
  server.socket_type = socket_type;
  server.base = (char *) "ou=people,dc=ac-normandie,dc=fr";

  cartable_server_check_async (&server, NULL, username, password, NULL, cartable_test_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  row = cartable_server_check_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_cmpint (row->resolve, ==, CARTABLE_CHECK_STATUS_OK);
  return row;
}

#define PASSWORD "Secret-Ne-Pas-Envoyer-2024"

CARTABLE_TEST ("garbage-greeting", test_garbage_greeting)
{
  FakeServer *fake = fake_server_new ("HTTP/1.1 400 Bad Request\r\n\r\n", NULL);
  g_autoptr(CartableCheckRow) row = check (CARTABLE_SERVER_KIND_IMAP, CARTABLE_SOCKET_TYPE_PLAIN, fake->port,
                                           "mdurand", PASSWORD);

  g_assert_cmpint (row->connect, ==, CARTABLE_CHECK_STATUS_OK);
  g_assert_cmpint (row->tls, ==, CARTABLE_CHECK_STATUS_NOT_RUN);
  g_assert_cmpint (row->auth, ==, CARTABLE_CHECK_STATUS_NOT_RUN);
  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_PROTOCOL);
  g_assert_false (cartable_check_row_is_ok (row));
  fake_server_free (fake);
}

static const char *
refuse_starttls (const char *line)
{
  if (g_str_has_suffix (line, "STARTTLS"))
    return "a1 BAD STARTTLS not available\r\n";
  return "a9 BAD what\r\n";
}

CARTABLE_TEST ("imap-starttls-refused", test_imap_starttls_refused)
{
  FakeServer *fake = fake_server_new ("* OK IMAP ready\r\n", refuse_starttls);
  g_autoptr(CartableCheckRow) row = check (CARTABLE_SERVER_KIND_IMAP, CARTABLE_SOCKET_TYPE_STARTTLS, fake->port,
                                           "mdurand", PASSWORD);
  g_autofree char *received = NULL;

  g_assert_cmpint (row->tls, ==, CARTABLE_CHECK_STATUS_FAILED);
  g_assert_cmpint (row->auth, ==, CARTABLE_CHECK_STATUS_NOT_RUN);
  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_TLS);
  received = fake_server_received (fake);
  g_assert_null (strstr (received, "AUTHENTICATE"));
  g_assert_null (strstr (received, "LOGIN"));
  fake_server_free (fake);
}

static const char *
strip_starttls (const char *line)
{
  if (g_ascii_strncasecmp (line, "EHLO", 4) == 0)
    return "250-mail.example.org\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN\r\n";
  if (g_ascii_strncasecmp (line, "AUTH", 4) == 0)
    return "235 2.7.0 Authentication successful\r\n";
  return "250 OK\r\n";
}

CARTABLE_TEST ("smtp-starttls-stripped", test_smtp_starttls_stripped)
{
  FakeServer *fake = fake_server_new ("220 mail.example.org ESMTP\r\n", strip_starttls);
  g_autoptr(CartableCheckRow) row = check (CARTABLE_SERVER_KIND_SMTP, CARTABLE_SOCKET_TYPE_STARTTLS, fake->port,
                                           "mdurand", PASSWORD);
  g_autofree char *received = NULL;
  g_autofree char *encoded = NULL;

  /* A downgrade: the password must not go out in clear. */
  g_assert_cmpint (row->tls, ==, CARTABLE_CHECK_STATUS_FAILED);
  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_TLS);
  received = fake_server_received (fake);
  g_assert_nonnull (strstr (received, "EHLO"));
  g_assert_null (strstr (received, "AUTH"));
  g_assert_null (strstr (received, PASSWORD));
  fake_server_free (fake);
}

CARTABLE_TEST ("overlong-line", test_overlong_line)
{
  g_autofree char *endless = g_strnfill (100000, 'A');
  FakeServer *fake = fake_server_new (endless, NULL);
  g_autoptr(CartableCheckRow) row = check (CARTABLE_SERVER_KIND_IMAP, CARTABLE_SOCKET_TYPE_PLAIN, fake->port,
                                           NULL, NULL);

  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_PROTOCOL);
  fake_server_free (fake);
}

CARTABLE_TEST ("hang-up", test_hang_up)
{
  FakeServer *fake = fake_server_new ("", NULL);
  g_autoptr(CartableCheckRow) row = NULL;

  row = check (CARTABLE_SERVER_KIND_SIEVE, CARTABLE_SOCKET_TYPE_PLAIN, fake->port, NULL, NULL);
  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_PROTOCOL);
  fake_server_free (fake);
}

CARTABLE_TEST ("not-ldap", test_not_ldap)
{
  FakeServer *fake = fake_server_new ("SSH-2.0-OpenSSH_9.2\r\n", NULL);
  g_autoptr(CartableCheckRow) row = check (CARTABLE_SERVER_KIND_LDAP, CARTABLE_SOCKET_TYPE_STARTTLS, fake->port,
                                           NULL, NULL);

  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_PROTOCOL);
  g_assert_cmpint (row->tls, !=, CARTABLE_CHECK_STATUS_OK);
  fake_server_free (fake);
}

static const char *
login_only (const char *line)
{
  if (g_str_has_prefix (line, "a2 AUTHENTICATE"))
    return "a2 NO [CANNOT] Unsupported authentication mechanism\r\n";
  if (g_str_has_prefix (line, "a3 LOGIN \"mdurand\" \"pa\\\"ss\\\\word\""))
    return "a3 OK Logged in\r\n";
  if (g_str_has_prefix (line, "a3 LOGIN"))
    return "a3 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n";
  if (g_str_has_prefix (line, "a4 LOGOUT"))
    return NULL;
  return "* BAD\r\n";
}

CARTABLE_TEST ("imap-login-fallback", test_imap_login_fallback)
{
  FakeServer *fake = fake_server_new ("* OK [CAPABILITY IMAP4rev1] ready\r\n", login_only);
  g_autoptr(CartableCheckRow) ok = NULL;
  g_autoptr(CartableCheckRow) refused = NULL;

  /* Quotes and backslashes are escaped. */
  ok = check (CARTABLE_SERVER_KIND_IMAP, CARTABLE_SOCKET_TYPE_PLAIN, fake->port, "mdurand", "pa\"ss\\word");
  g_assert_no_error (ok->error);
  g_assert_cmpint (ok->auth, ==, CARTABLE_CHECK_STATUS_OK);

  refused = check (CARTABLE_SERVER_KIND_IMAP, CARTABLE_SOCKET_TYPE_PLAIN, fake->port, "mdurand", "wrong");
  g_assert_error (refused->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_AUTHENTICATION);
  g_assert_cmpint (refused->auth, ==, CARTABLE_CHECK_STATUS_FAILED);
  fake_server_free (fake);
}

CARTABLE_TEST ("connection-refused", test_connection_refused)
{
  FakeServer *fake = fake_server_new (NULL, NULL);
  guint16 port = fake->port;
  g_autoptr(CartableCheckRow) row = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *table = NULL;

  fake_server_free (fake);
  row = check (CARTABLE_SERVER_KIND_IMAP, CARTABLE_SOCKET_TYPE_TLS, port, "mdurand", PASSWORD);
  g_assert_cmpint (row->connect, ==, CARTABLE_CHECK_STATUS_FAILED);
  g_assert_cmpint (row->tls, ==, CARTABLE_CHECK_STATUS_NOT_RUN);
  g_assert_error (row->error, CARTABLE_SERVER_ERROR, CARTABLE_SERVER_ERROR_UNREACHABLE);

  /* The table names the server and the problem. */
  rows = g_ptr_array_new ();
  g_ptr_array_add (rows, row);
  table = cartable_check_format_table (rows);
  g_assert_nonnull (strstr (table, "IMAP"));
  g_assert_nonnull (strstr (table, "PROBLEM"));
  g_assert_nonnull (strstr (table, row->error->message));
}

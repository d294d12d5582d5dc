/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-server-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cartable-server-check.h"
#include "core/cartable-tls.h"

/*
 * Step-by-step checks of an academy's servers, for the login and for the
 * helpdesk's `cartable-cli check`: name resolution, TCP, TLS (implicit or
 * STARTTLS) with the certificate's details, then authentication spoken at
 * protocol level (IMAP, SMTP, ManageSieve, LDAP) or over HTTPS (DAV,
 * portal, with libsoup). Each check runs in a worker thread with blocking
 * GIO calls bounded by a socket timeout; a failure ends the check and is
 * recorded in the row. Passwords are only ever written to the encrypted
 * connection, never logged.
 */

#define STEP_TIMEOUT_SECONDS 10
#define MAX_LINE             8192
#define MAX_LINES            256

G_DEFINE_QUARK (cartable-server-error-quark, cartable_server_error)

/* ------------------------------------------------------------------ rows */

CartableCheckRow *
cartable_check_row_copy (const CartableCheckRow *row)
{
  CartableCheckRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_memdup2 (row, sizeof *row);
  copy->hostname = g_strdup (row->hostname);
  copy->address = g_strdup (row->address);
  copy->certificate_subject = g_strdup (row->certificate_subject);
  copy->certificate_issuer = g_strdup (row->certificate_issuer);
  copy->certificate_expiry = row->certificate_expiry ? g_date_time_ref (row->certificate_expiry) : NULL;
  copy->error = row->error ? g_error_copy (row->error) : NULL;
  return copy;
}

void
cartable_check_row_free (CartableCheckRow *row)
{
  if (row == NULL)
    return;

  g_free (row->hostname);
  g_free (row->address);
  g_free (row->certificate_subject);
  g_free (row->certificate_issuer);
  g_clear_pointer (&row->certificate_expiry, g_date_time_unref);
  g_clear_error (&row->error);
  g_free (row);
}

G_DEFINE_BOXED_TYPE (CartableCheckRow, cartable_check_row, cartable_check_row_copy, cartable_check_row_free)

gboolean
cartable_check_row_is_ok (const CartableCheckRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);

  return row->resolve != CARTABLE_CHECK_STATUS_FAILED && row->connect != CARTABLE_CHECK_STATUS_FAILED &&
         row->tls != CARTABLE_CHECK_STATUS_FAILED && row->auth != CARTABLE_CHECK_STATUS_FAILED &&
         row->error == NULL;
}

/* ----------------------------------------------------------- connections */

typedef struct
{
  const CartableServer *server;
  GTlsDatabase         *database;
  const char           *username;
  const char           *password;
  GCancellable         *cancellable;
  CartableCheckRow     *row;

  GSocketConnection    *tcp;
  GIOStream            *stream;     /* tcp, or the TLS connection over it */
  GBufferedInputStream *in;
  GTlsCertificateFlags  tls_errors;
  gboolean              tls_rejected;
} Check;

static void
check_clear_streams (Check *check)
{
  g_clear_object (&check->in);
  if (check->stream != NULL)
    g_io_stream_close (check->stream, NULL, NULL);
  g_clear_object (&check->stream);
  if (check->tcp != NULL)
    g_io_stream_close (G_IO_STREAM (check->tcp), NULL, NULL);
  g_clear_object (&check->tcp);
}

static gboolean
fail (Check        *check,
      int           code,
      const char   *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Check        *check,
      int           code,
      const char   *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (check->row->error == NULL)
    check->row->error = g_error_new_literal (CARTABLE_SERVER_ERROR, code, message);
  return FALSE;
}

static gboolean
fail_io (Check        *check,
         GError       *error,
         const char   *what)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (check->row->error == NULL)
        check->row->error = g_error_copy (error);
      return FALSE;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return fail (check, CARTABLE_SERVER_ERROR_TIMEOUT,
                 _("The server stopped answering during %s."), what);

  return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The connection broke during %s (%s)."),
               what, error->message);
}

static void
set_stream (Check     *check,
            GIOStream *stream)
{
  g_clear_object (&check->in);
  if (check->stream != stream)
    {
      g_clear_object (&check->stream);
      check->stream = g_object_ref (stream);
    }
  check->in = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new (g_io_stream_get_input_stream (stream)));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (check->in), FALSE);
}

/* Reads one line (without CRLF), at most MAX_LINE bytes. */
static char *
read_line (Check       *check,
           const char  *what)
{
  GString *line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      int c = g_buffered_input_stream_read_byte (check->in, check->cancellable, &error);

      if (c < 0)
        {
          if (error != NULL)
            fail_io (check, error, what);
          else
            fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server closed the connection during %s."), what);
          g_string_free (line, TRUE);
          return NULL;
        }

      if (c == '\n')
        break;

      if (line->len >= MAX_LINE)
        {
          fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server sent an overlong line during %s."), what);
          g_string_free (line, TRUE);
          return NULL;
        }

      g_string_append_c (line, (char) c);
    }

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  return g_string_free (line, FALSE);
}

static gboolean
write_all (Check       *check,
           const void  *data,
           gsize        length,
           const char  *what)
{
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all (g_io_stream_get_output_stream (check->stream), data, length, NULL,
                                  check->cancellable, &error))
    return fail_io (check, error, what);

  return TRUE;
}

static gboolean
write_line (Check       *check,
            const char  *line,
            const char  *what)
{
  g_autofree char *with_crlf = g_strconcat (line, "\r\n", NULL);
  gboolean ok = write_all (check, with_crlf, strlen (with_crlf), what);

  explicit_bzero (with_crlf, strlen (with_crlf));
  return ok;
}

static char *
sasl_plain (const char *username,
            const char *password)
{
  gsize ulen = strlen (username);
  gsize plen = strlen (password);
  g_autofree guchar *raw = g_malloc (ulen + plen + 2);
  char *encoded;

  raw[0] = '\0';
  memcpy (raw + 1, username, ulen);
  raw[1 + ulen] = '\0';
  memcpy (raw + 2 + ulen, password, plen);
  encoded = g_base64_encode (raw, ulen + plen + 2);
  explicit_bzero (raw, ulen + plen + 2);
  return encoded;
}

static char *
strip_hostname (const char *hostname)
{
  gsize len = strlen (hostname);

  if (len > 2 && hostname[0] == '[' && hostname[len - 1] == ']')
    return g_strndup (hostname + 1, len - 2);
  return g_strdup (hostname);
}

static gboolean
step_resolve (Check           *check,
              GInetAddress   **address_out)
{
  g_autofree char *host = strip_hostname (check->server->hostname);
  g_autoptr(GInetAddress) literal = g_inet_address_new_from_string (host);
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  GList *addresses;

  if (literal != NULL)
    {
      check->row->resolve = CARTABLE_CHECK_STATUS_OK;
      check->row->address = g_inet_address_to_string (literal);
      *address_out = g_steal_pointer (&literal);
      return TRUE;
    }

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, host, check->cancellable, &error);
  if (addresses == NULL)
    {
      check->row->resolve = CARTABLE_CHECK_STATUS_FAILED;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return fail_io (check, error, "");
      return fail (check, CARTABLE_SERVER_ERROR_RESOLVE, _("The name %s does not resolve (%s)."),
                   host, error->message);
    }

  check->row->resolve = CARTABLE_CHECK_STATUS_OK;
  *address_out = g_object_ref (addresses->data);
  check->row->address = g_inet_address_to_string (*address_out);
  g_resolver_free_addresses (addresses);
  return TRUE;
}

static gboolean
step_connect (Check        *check,
              GInetAddress *address)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, check->server->port);
  g_autoptr(GError) error = NULL;

  g_socket_client_set_timeout (client, STEP_TIMEOUT_SECONDS);
  check->tcp = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (socket_address), check->cancellable, &error);
  if (check->tcp == NULL)
    {
      check->row->connect = CARTABLE_CHECK_STATUS_FAILED;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return fail_io (check, error, "");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return fail (check, CARTABLE_SERVER_ERROR_TIMEOUT, _("No answer from %s port %u."),
                     check->row->address, check->server->port);
      return fail (check, CARTABLE_SERVER_ERROR_UNREACHABLE, _("The connection to %s port %u failed (%s)."),
                   check->row->address, check->server->port, error->message);
    }

  check->row->connect = CARTABLE_CHECK_STATUS_OK;
  set_stream (check, G_IO_STREAM (check->tcp));
  return TRUE;
}

static void
record_certificate (Check           *check,
                    GTlsCertificate *certificate)
{
  if (certificate == NULL)
    return;

  g_clear_pointer (&check->row->certificate_subject, g_free);
  g_clear_pointer (&check->row->certificate_issuer, g_free);
  g_clear_pointer (&check->row->certificate_expiry, g_date_time_unref);
  check->row->certificate_subject = g_tls_certificate_get_subject_name (certificate);
  check->row->certificate_issuer = g_tls_certificate_get_issuer_name (certificate);
  check->row->certificate_expiry = g_tls_certificate_get_not_valid_after (certificate);
}

static gboolean
accept_certificate_cb (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Check *check = user_data;

  /* Never accepted: only recorded, so the helpdesk sees what is wrong. */
  check->tls_errors = errors;
  check->tls_rejected = TRUE;
  record_certificate (check, certificate);
  return FALSE;
}

static gboolean
step_tls (Check *check)
{
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = strip_hostname (check->server->hostname);

  identity = g_network_address_new (host, check->server->port);
  tls = g_tls_client_connection_new (G_IO_STREAM (check->tcp), identity, &error);
  if (tls == NULL)
    {
      check->row->tls = CARTABLE_CHECK_STATUS_FAILED;
      return fail (check, CARTABLE_SERVER_ERROR_TLS, _("TLS is not available (%s)."), error->message);
    }

  if (check->database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), check->database);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_certificate_cb), check);

  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), check->cancellable, &error))
    {
      check->row->tls = CARTABLE_CHECK_STATUS_FAILED;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return fail_io (check, error, "");
      if (check->tls_rejected || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          g_autofree char *problems = NULL;

          if (check->tls_errors == 0)
            check->tls_errors = G_TLS_CERTIFICATE_GENERIC_ERROR;
          check->row->tls_errors = check->tls_errors;
          problems = cartable_tls_describe_errors (check->tls_errors);
          return fail (check, CARTABLE_SERVER_ERROR_CERTIFICATE,
                       _("The server’s certificate is not trusted: %s."), problems);
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return fail (check, CARTABLE_SERVER_ERROR_TIMEOUT, _("The secure connection timed out."));
      return fail (check, CARTABLE_SERVER_ERROR_TLS, _("The secure connection failed (%s)."), error->message);
    }

  record_certificate (check, g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (tls)));
  check->row->tls_errors = 0;
  check->row->tls = CARTABLE_CHECK_STATUS_OK;
  set_stream (check, tls);
  return TRUE;
}

/* Whether to try signing in: never over an unencrypted connection to
 * another machine, whatever the caller asks. */
static gboolean
have_credentials (Check *check)
{
  if (check->username == NULL || *check->username == '\0' || check->password == NULL)
    return FALSE;

  if (check->row->tls != CARTABLE_CHECK_STATUS_OK && !cartable_server_is_loopback (check->server))
    {
      check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
      fail (check, CARTABLE_SERVER_ERROR_TLS,
            _("The connection is not encrypted: Cartable does not send the password."));
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ IMAP */

/* Reads until the tagged answer; returns it (NULL on failure). */
static char *
imap_read_tagged (Check      *check,
                  const char *tag,
                  const char *what)
{
  g_autofree char *prefix = g_strconcat (tag, " ", NULL);

  for (guint i = 0; i < MAX_LINES; i++)
    {
      char *line = read_line (check, what);

      if (line == NULL)
        return NULL;
      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }

  fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server sent too many lines during %s."), what);
  return NULL;
}

static gboolean
imap_ok (const char *tagged,
         const char *tag)
{
  return g_ascii_strncasecmp (tagged + strlen (tag) + 1, "OK", 2) == 0;
}

static gboolean
imap_append_quoted (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' || *p == '\n')
        return FALSE;
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return TRUE;
}

static gboolean
check_imap (Check *check)
{
  g_autofree char *greeting = NULL;

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_TLS && !step_tls (check))
    return FALSE;

  greeting = read_line (check, _("the greeting"));
  if (greeting == NULL)
    return FALSE;
  if (!g_str_has_prefix (greeting, "* OK") && !g_str_has_prefix (greeting, "* PREAUTH"))
    return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("This is not an IMAP server (it said “%.60s”)."), greeting);

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_STARTTLS)
    {
      g_autofree char *answer = NULL;

      if (!write_line (check, "a1 STARTTLS", "STARTTLS"))
        return FALSE;
      answer = imap_read_tagged (check, "a1", "STARTTLS");
      if (answer == NULL)
        return FALSE;
      if (!imap_ok (answer, "a1"))
        {
          check->row->tls = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_TLS, _("The server refused STARTTLS."));
        }
      if (!step_tls (check))
        return FALSE;
    }

  if (have_credentials (check))
    {
      g_autofree char *plain = sasl_plain (check->username, check->password);
      g_autofree char *continuation = NULL;
      g_autofree char *answer = NULL;

      if (!write_line (check, "a2 AUTHENTICATE PLAIN", _("authentication")))
        return FALSE;
      continuation = read_line (check, _("authentication"));
      if (continuation == NULL)
        return FALSE;
      if (g_str_has_prefix (continuation, "a2 "))
        {
          /* No SASL PLAIN: fall back to LOGIN with quoted strings, when the
           * identifier and password can be quoted (no CR, LF or NUL). */
          g_autoptr(GString) command = g_string_new ("a3 LOGIN ");

          if (!imap_append_quoted (command, check->username) || g_string_append_c (command, ' ') == NULL ||
              !imap_append_quoted (command, check->password))
            {
              explicit_bzero (command->str, command->len);
              check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
              return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL,
                           _("The server does not accept password authentication (it said “%.60s”)."),
                           continuation);
            }
          explicit_bzero (plain, strlen (plain));
          if (!write_line (check, command->str, _("authentication")))
            {
              explicit_bzero (command->str, command->len);
              return FALSE;
            }
          explicit_bzero (command->str, command->len);
          answer = imap_read_tagged (check, "a3", _("authentication"));
          if (answer == NULL)
            return FALSE;
          if (!imap_ok (answer, "a3"))
            {
              check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
              return fail (check, CARTABLE_SERVER_ERROR_AUTHENTICATION,
                           _("The server refused the identifier or the password."));
            }
          check->row->auth = CARTABLE_CHECK_STATUS_OK;
          write_line (check, "a4 LOGOUT", "LOGOUT");
          return TRUE;
        }
      if (!g_str_has_prefix (continuation, "+"))
        {
          check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL,
                       _("The server does not accept password authentication (it said “%.60s”)."), continuation);
        }
      if (!write_line (check, plain, _("authentication")))
        return FALSE;
      explicit_bzero (plain, strlen (plain));
      answer = imap_read_tagged (check, "a2", _("authentication"));
      if (answer == NULL)
        return FALSE;
      if (!imap_ok (answer, "a2"))
        {
          check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_AUTHENTICATION,
                       _("The server refused the identifier or the password."));
        }
      check->row->auth = CARTABLE_CHECK_STATUS_OK;
    }

  write_line (check, "a3 LOGOUT", "LOGOUT");
  return TRUE;
}

/* ------------------------------------------------------------------ SMTP */

/* Reads a (possibly multi-line) reply; returns its code, 0 on failure. */
static guint
smtp_read_reply (Check        *check,
                 const char   *what,
                 GPtrArray    *lines)
{
  for (guint i = 0; i < MAX_LINES; i++)
    {
      g_autofree char *line = read_line (check, what);
      guint64 code;
      g_autofree char *digits = NULL;

      if (line == NULL)
        return 0;
      if (strlen (line) < 3)
        {
          fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("This is not an SMTP server."));
          return 0;
        }

      digits = g_strndup (line, 3);
      if (!g_ascii_string_to_unsigned (digits, 10, 100, 599, &code, NULL))
        {
          fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("This is not an SMTP server (it said “%.60s”)."), line);
          return 0;
        }
      if (lines != NULL)
        g_ptr_array_add (lines, g_strdup (line + MIN (strlen (line), 4)));
      if (line[3] != '-')
        return (guint) code;
    }

  fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server sent too many lines during %s."), what);
  return 0;
}

static gboolean
smtp_ehlo (Check     *check,
           GPtrArray *capabilities)
{
  guint code;

  if (!write_line (check, "EHLO cartable.localdomain", "EHLO"))
    return FALSE;
  code = smtp_read_reply (check, "EHLO", capabilities);
  if (code == 0)
    return FALSE;
  if (code != 250)
    return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server refused EHLO (%u)."), code);
  return TRUE;
}

static gboolean
has_capability (GPtrArray  *capabilities,
                const char *name)
{
  for (guint i = 0; i < capabilities->len; i++)
    {
      const char *line = g_ptr_array_index (capabilities, i);
      gsize len = strlen (name);

      if (g_ascii_strncasecmp (line, name, len) == 0 && (line[len] == '\0' || line[len] == ' ' || line[len] == '='))
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_smtp (Check *check)
{
  g_autoptr(GPtrArray) capabilities = g_ptr_array_new_with_free_func (g_free);
  guint code;

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_TLS && !step_tls (check))
    return FALSE;

  code = smtp_read_reply (check, _("the greeting"), NULL);
  if (code == 0)
    return FALSE;
  if (code != 220)
    return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The SMTP server is not accepting connections (%u)."), code);

  if (!smtp_ehlo (check, capabilities))
    return FALSE;

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_STARTTLS)
    {
      if (!has_capability (capabilities, "STARTTLS"))
        {
          check->row->tls = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_TLS, _("The server does not offer STARTTLS."));
        }
      if (!write_line (check, "STARTTLS", "STARTTLS"))
        return FALSE;
      code = smtp_read_reply (check, "STARTTLS", NULL);
      if (code == 0)
        return FALSE;
      if (code != 220)
        {
          check->row->tls = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_TLS, _("The server refused STARTTLS (%u)."), code);
        }
      if (!step_tls (check))
        return FALSE;

      g_ptr_array_set_size (capabilities, 0);
      if (!smtp_ehlo (check, capabilities))
        return FALSE;
    }

  if (have_credentials (check))
    {
      g_autofree char *plain = sasl_plain (check->username, check->password);
      g_autofree char *command = g_strconcat ("AUTH PLAIN ", plain, NULL);

      explicit_bzero (plain, strlen (plain));
      if (!write_line (check, command, _("authentication")))
        return FALSE;
      explicit_bzero (command, strlen (command));
      code = smtp_read_reply (check, _("authentication"), NULL);
      if (code == 0)
        return FALSE;
      if (code != 235)
        {
          check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
          if (code == 535 || code == 534 || code == 530)
            return fail (check, CARTABLE_SERVER_ERROR_AUTHENTICATION,
                         _("The server refused the identifier or the password."));
          return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL,
                       _("The server could not check the password (%u)."), code);
        }
      check->row->auth = CARTABLE_CHECK_STATUS_OK;
    }

  write_line (check, "QUIT", "QUIT");
  return TRUE;
}

/* ------------------------------------------------------------- ManageSieve */

/* Reads lines until OK / NO / BYE; returns TRUE for OK. */
static gboolean
sieve_read_response (Check      *check,
                     const char *what,
                     gboolean   *ok)
{
  for (guint i = 0; i < MAX_LINES; i++)
    {
      g_autofree char *line = read_line (check, what);

      if (line == NULL)
        return FALSE;
      if (g_ascii_strncasecmp (line, "OK", 2) == 0)
        {
          *ok = TRUE;
          return TRUE;
        }
      if (g_ascii_strncasecmp (line, "NO", 2) == 0 || g_ascii_strncasecmp (line, "BYE", 3) == 0)
        {
          *ok = FALSE;
          return TRUE;
        }
    }

  return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server sent too many lines during %s."), what);
}

static gboolean
check_sieve (Check *check)
{
  gboolean ok = FALSE;

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_TLS && !step_tls (check))
    return FALSE;

  if (!sieve_read_response (check, _("the greeting"), &ok))
    return FALSE;
  if (!ok)
    return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The Sieve server is not accepting connections."));

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_STARTTLS)
    {
      if (!write_line (check, "STARTTLS", "STARTTLS") || !sieve_read_response (check, "STARTTLS", &ok))
        return FALSE;
      if (!ok)
        {
          check->row->tls = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_TLS, _("The server refused STARTTLS."));
        }
      if (!step_tls (check))
        return FALSE;
      /* The server repeats its capabilities after the upgrade. */
      if (!sieve_read_response (check, "STARTTLS", &ok))
        return FALSE;
    }

  if (have_credentials (check))
    {
      g_autofree char *plain = sasl_plain (check->username, check->password);
      g_autofree char *command = g_strdup_printf ("AUTHENTICATE \"PLAIN\" \"%s\"", plain);

      explicit_bzero (plain, strlen (plain));
      if (!write_line (check, command, _("authentication")))
        return FALSE;
      explicit_bzero (command, strlen (command));
      if (!sieve_read_response (check, _("authentication"), &ok))
        return FALSE;
      if (!ok)
        {
          check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_AUTHENTICATION,
                       _("The server refused the identifier or the password."));
        }
      check->row->auth = CARTABLE_CHECK_STATUS_OK;
    }

  write_line (check, "LOGOUT", "LOGOUT");
  return TRUE;
}

/* ------------------------------------------------------------------ LDAP */

/* Just enough BER for two LDAPv3 requests and their results. */

static void
ber_append_length (GByteArray *out,
                   gsize       length)
{
  if (length < 0x80)
    {
      guint8 b = (guint8) length;
      g_byte_array_append (out, &b, 1);
    }
  else
    {
      guint8 bytes[5];
      guint n = 0;

      for (gsize l = length; l > 0; l >>= 8)
        bytes[n++] = (guint8) (l & 0xff);
      {
        guint8 head = 0x80 | n;
        g_byte_array_append (out, &head, 1);
      }
      while (n > 0)
        g_byte_array_append (out, &bytes[--n], 1);
    }
}

static void
ber_append (GByteArray   *out,
            guint8        tag,
            const guint8 *data,
            gsize         length)
{
  g_byte_array_append (out, &tag, 1);
  ber_append_length (out, length);
  if (length > 0)
    g_byte_array_append (out, data, length);
}

static GByteArray *
ldap_message (guint8      message_id,
              GByteArray *operation)
{
  g_autoptr(GByteArray) content = g_byte_array_new ();
  GByteArray *message = g_byte_array_new ();

  ber_append (content, 0x02, &message_id, 1);
  g_byte_array_append (content, operation->data, operation->len);
  ber_append (message, 0x30, content->data, content->len);
  return message;
}

static gboolean
read_exact (Check       *check,
            guint8      *buffer,
            gsize        length,
            const char  *what)
{
  g_autoptr(GError) error = NULL;
  gsize read = 0;

  if (!g_input_stream_read_all (G_INPUT_STREAM (check->in), buffer, length, &read, check->cancellable, &error))
    return fail_io (check, error, what);
  if (read != length)
    return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server closed the connection during %s."), what);
  return TRUE;
}

/* Reads one LDAPMessage and returns its resultCode (-1 on failure). */
static int
ldap_read_result (Check      *check,
                  const char *what)
{
  guint8 head[2];
  gsize length;
  g_autofree guint8 *body = NULL;
  gsize pos = 0;

  if (!read_exact (check, head, 2, what))
    return -1;
  if (head[0] != 0x30)
    {
      fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("This is not an LDAP server."));
      return -1;
    }

  if (head[1] & 0x80)
    {
      guint n = head[1] & 0x7f;
      guint8 bytes[4];

      if (n == 0 || n > 4 || !read_exact (check, bytes, n, what))
        {
          fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("This is not an LDAP server."));
          return -1;
        }
      length = 0;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | bytes[i];
    }
  else
    length = head[1];

  if (length < 8 || length > 65536)
    {
      fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("This is not an LDAP server."));
      return -1;
    }

  body = g_malloc (length);
  if (!read_exact (check, body, length, what))
    return -1;

  /* messageID INTEGER */
  if (body[pos++] != 0x02 || body[pos] > 4 || pos + 1 + body[pos] >= length)
    goto bad;
  pos += 1 + body[pos];

  /* protocolOp [APPLICATION n] with a short or long length */
  pos++;
  if (pos >= length)
    goto bad;
  if (body[pos] & 0x80)
    pos += 1 + (body[pos] & 0x7f);
  else
    pos++;

  /* resultCode ENUMERATED */
  if (pos + 2 >= length || body[pos] != 0x0a || body[pos + 1] != 1)
    goto bad;
  return body[pos + 2];

bad:
  fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("This is not an LDAP server."));
  return -1;
}

static gboolean
check_ldap (Check *check)
{
  int result;

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_TLS && !step_tls (check))
    return FALSE;

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_STARTTLS)
    {
      static const char oid[] = "1.3.6.1.4.1.1466.20037";
      g_autoptr(GByteArray) operation = g_byte_array_new ();
      g_autoptr(GByteArray) content = g_byte_array_new ();
      g_autoptr(GByteArray) message = NULL;

      ber_append (content, 0x80, (const guint8 *) oid, strlen (oid));
      ber_append (operation, 0x77, content->data, content->len);
      message = ldap_message (1, operation);

      if (!write_all (check, message->data, message->len, "StartTLS"))
        return FALSE;
      result = ldap_read_result (check, "StartTLS");
      if (result < 0)
        return FALSE;
      if (result != 0)
        {
          check->row->tls = CARTABLE_CHECK_STATUS_FAILED;
          return fail (check, CARTABLE_SERVER_ERROR_TLS, _("The directory refused StartTLS (code %d)."), result);
        }
      if (!step_tls (check))
        return FALSE;
    }

  if (have_credentials (check))
    {
      g_autoptr(GByteArray) operation = g_byte_array_new ();
      g_autoptr(GByteArray) content = g_byte_array_new ();
      g_autoptr(GByteArray) message = NULL;
      g_autofree char *dn = NULL;
      guint8 version = 3;

      /* The academy's directory names people uid=IDENTIFIER under its base. */
      if (strchr (check->username, '=') != NULL)
        dn = g_strdup (check->username);
      else if (check->server->base != NULL)
        dn = g_strdup_printf ("uid=%s,%s", check->username, check->server->base);
      else
        dn = g_strdup (check->username);

      ber_append (content, 0x02, &version, 1);
      ber_append (content, 0x04, (const guint8 *) dn, strlen (dn));
      ber_append (content, 0x80, (const guint8 *) check->password, strlen (check->password));
      ber_append (operation, 0x60, content->data, content->len);
      explicit_bzero (content->data, content->len);
      message = ldap_message (2, operation);
      explicit_bzero (operation->data, operation->len);

      if (!write_all (check, message->data, message->len, _("authentication")))
        return FALSE;
      explicit_bzero (message->data, message->len);
      result = ldap_read_result (check, _("authentication"));
      if (result < 0)
        return FALSE;
      if (result != 0)
        {
          check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
          if (result == 49)
            return fail (check, CARTABLE_SERVER_ERROR_AUTHENTICATION,
                         _("The server refused the identifier or the password."));
          return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The directory refused the sign-in (code %d)."),
                       result);
        }
      check->row->auth = CARTABLE_CHECK_STATUS_OK;
    }

  /* unbindRequest */
  {
    g_autoptr(GByteArray) operation = g_byte_array_new ();
    g_autoptr(GByteArray) message = NULL;

    ber_append (operation, 0x42, NULL, 0);
    message = ldap_message (3, operation);
    write_all (check, message->data, message->len, "unbind");
  }

  return TRUE;
}

/* ------------------------------------------------------------------ HTTPS */

static gboolean
http_accept_certificate_cb (SoupMessage          *message,
                            GTlsCertificate      *certificate,
                            GTlsCertificateFlags  errors,
                            gpointer              user_data)
{
  return FALSE;
}

static gboolean
check_http (Check *check)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *authorization = NULL;
  guint status;

  if (check->server->socket_type == CARTABLE_SOCKET_TYPE_TLS && !step_tls (check))
    return FALSE;

  /* TCP and TLS are proven; the rest goes through libsoup. */
  check_clear_streams (check);

  if (!have_credentials (check))
    return TRUE;

  if (check->server->kind == CARTABLE_SERVER_KIND_PORTAL)
    url = g_strconcat (check->server->url, g_str_has_suffix (check->server->url, "/") ? "" : "/", "account", NULL);
  else
    url = g_strdup (check->server->url);

  session = soup_session_new_with_options ("timeout", STEP_TIMEOUT_SECONDS, NULL);
  if (check->database != NULL)
    soup_session_set_tls_database (session, check->database);

  if (check->server->kind == CARTABLE_SERVER_KIND_PORTAL)
    message = soup_message_new ("GET", url);
  else
    {
      static const char propfind[] =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        "<propfind xmlns=\"DAV:\"><prop><current-user-principal/></prop></propfind>";
      g_autoptr(GBytes) request_body = g_bytes_new_static (propfind, sizeof propfind - 1);

      message = soup_message_new ("PROPFIND", url);
      if (message != NULL)
        {
          soup_message_headers_replace (soup_message_get_request_headers (message), "Depth", "0");
          soup_message_set_request_body_from_bytes (message, "application/xml; charset=utf-8", request_body);
        }
    }

  if (message == NULL)
    return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The address %s is not valid."), url);

  credentials = g_strdup_printf ("%s:%s", check->username, check->password);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  authorization = g_strconcat ("Basic ", encoded, NULL);
  explicit_bzero (credentials, strlen (credentials));
  explicit_bzero (encoded, strlen (encoded));
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  explicit_bzero (authorization, strlen (authorization));
  g_signal_connect (message, "accept-certificate", G_CALLBACK (http_accept_certificate_cb), NULL);

  body = soup_session_send_and_read (session, message, check->cancellable, &error);
  if (body == NULL)
    return fail_io (check, error, _("authentication"));

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
      return fail (check, CARTABLE_SERVER_ERROR_AUTHENTICATION,
                   _("The server refused the identifier or the password."));
    }
  if (status == 423)
    {
      check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
      return fail (check, CARTABLE_SERVER_ERROR_AUTHENTICATION,
                   _("The account is locked after too many failed attempts."));
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      check->row->auth = CARTABLE_CHECK_STATUS_FAILED;
      return fail (check, CARTABLE_SERVER_ERROR_PROTOCOL, _("The server answered HTTP %u to %s."), status, url);
    }

  check->row->auth = CARTABLE_CHECK_STATUS_OK;
  return TRUE;
}

/* ------------------------------------------------------------------ driver */

typedef struct
{
  CartableServer *server;
  GTlsDatabase   *database;
  char           *username;
  char           *password;
} CheckData;

static void
check_data_free (CheckData *data)
{
  cartable_server_free (data->server);
  g_clear_object (&data->database);
  g_free (data->username);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(GInetAddress) address = NULL;
  gint64 start = g_get_monotonic_time ();
  Check check = { 0 };

  check.server = data->server;
  check.database = data->database;
  check.username = data->username;
  check.password = data->password;
  check.cancellable = cancellable;
  check.row = g_new0 (CartableCheckRow, 1);
  check.row->kind = data->server->kind;
  check.row->hostname = g_strdup (data->server->hostname);
  check.row->port = data->server->port;
  check.row->socket_type = data->server->socket_type;

  if (step_resolve (&check, &address) && step_connect (&check, address))
    {
      switch (data->server->kind)
        {
        case CARTABLE_SERVER_KIND_IMAP:
          check_imap (&check);
          break;
        case CARTABLE_SERVER_KIND_SMTP:
          check_smtp (&check);
          break;
        case CARTABLE_SERVER_KIND_SIEVE:
          check_sieve (&check);
          break;
        case CARTABLE_SERVER_KIND_LDAP:
          check_ldap (&check);
          break;
        case CARTABLE_SERVER_KIND_CALDAV:
        case CARTABLE_SERVER_KIND_CARDDAV:
        case CARTABLE_SERVER_KIND_PORTAL:
        default:
          check_http (&check);
          break;
        }
    }

  check_clear_streams (&check);
  check.row->elapsed_ms = (guint) ((g_get_monotonic_time () - start) / 1000);

  if (g_error_matches (check.row->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (check.row->error));
      cartable_check_row_free (check.row);
      return;
    }

  g_task_return_pointer (task, check.row, (GDestroyNotify) cartable_check_row_free);
}

void
cartable_server_check_async (const CartableServer *server,
                             GTlsDatabase         *database,
                             const char           *username,
                             const char           *password,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (server != NULL);
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_server_check_async);

  data = g_new0 (CheckData, 1);
  data->server = cartable_server_copy (server);
  data->database = database != NULL ? g_object_ref (database) : NULL;
  data->username = g_strdup (username);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  g_task_run_in_thread (task, check_thread);
}

CartableCheckRow *
cartable_server_check_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --------------------------------------------------------- whole profiles */

typedef struct
{
  GPtrArray *rows;       /* CartableCheckRow, NULL until done */
  guint      pending;
  GError    *error;
} ProfileCheck;

static void
profile_check_free (ProfileCheck *data)
{
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct
{
  GTask *task;
  guint  index;
} RowSlot;

static void
row_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RowSlot *slot = user_data;
  g_autoptr(GTask) task = slot->task;
  ProfileCheck *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartableCheckRow *row;

  row = cartable_server_check_finish (result, &error);
  if (row != NULL)
    g_ptr_array_index (data->rows, slot->index) = row;
  else if (data->error == NULL)
    data->error = g_steal_pointer (&error);
  g_free (slot);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->rows), (GDestroyNotify) g_ptr_array_unref);
}

void
cartable_profile_check_async (CartableAcademyProfile *profile,
                              const char             *identifier,
                              const char             *email,
                              const char             *password,
                              GCancellable           *cancellable,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  ProfileCheck *data;

  g_return_if_fail (CARTABLE_IS_ACADEMY_PROFILE (profile));

  task = g_task_new (profile, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_profile_check_async);

  database = cartable_academy_profile_create_tls_database (profile, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  servers = cartable_academy_profile_get_servers (profile);
  data = g_new0 (ProfileCheck, 1);
  data->rows = g_ptr_array_new_full (servers->len, (GDestroyNotify) cartable_check_row_free);
  g_ptr_array_set_size (data->rows, servers->len);
  data->pending = servers->len;
  g_task_set_task_data (task, data, (GDestroyNotify) profile_check_free);

  if (servers->len == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->rows), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  for (guint i = 0; i < servers->len; i++)
    {
      const CartableServer *server = g_ptr_array_index (servers, i);
      g_autofree char *username = NULL;
      RowSlot *slot = g_new0 (RowSlot, 1);

      if (identifier != NULL || email != NULL)
        {
          if (server->username != NULL)
            username = cartable_academy_profile_expand (profile, server->username, identifier, email);
          else
            username = g_strdup (identifier != NULL ? identifier : email);
        }

      slot->task = g_object_ref (task);
      slot->index = i;

      /* DAV URLs may carry placeholders too (…/%EMAILADDRESS%/). */
      if (server->url != NULL && strchr (server->url, '%') != NULL)
        {
          g_autoptr(CartableServer) expanded = cartable_server_copy (server);

          g_free (expanded->url);
          expanded->url = cartable_academy_profile_expand (profile, server->url, identifier, email);
          cartable_server_check_async (expanded, database, username, password, cancellable, row_done_cb, slot);
          continue;
        }

      cartable_server_check_async (server, database, username, password, cancellable, row_done_cb, slot);
    }
}

GPtrArray *
cartable_profile_check_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ table */

static const char *
status_text (CartableCheckStatus status)
{
  switch (status)
    {
    case CARTABLE_CHECK_STATUS_OK:
      return _("OK");
    case CARTABLE_CHECK_STATUS_FAILED:
      return _("FAILED");
    case CARTABLE_CHECK_STATUS_NOT_RUN:
    default:
      return "—";
    }
}

static const char *
security_text (CartableSocketType type)
{
  switch (type)
    {
    case CARTABLE_SOCKET_TYPE_TLS:
      return "TLS";
    case CARTABLE_SOCKET_TYPE_STARTTLS:
      return "STARTTLS";
    case CARTABLE_SOCKET_TYPE_PLAIN:
    default:
      return _("none");
    }
}

static void
append_cell (GString    *out,
             const char *text,
             guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = len; i < (glong) width + 2; i++)
    g_string_append_c (out, ' ');
}

char *
cartable_check_format_table (GPtrArray *rows)
{
  enum { N_COLUMNS = 8 };
  const char *headings[N_COLUMNS] = {
    _("Service"), _("Server"), _("Security"), _("Name"), _("Connection"),
    _("TLS and certificate"), _("Sign-in"), _("Verdict"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint widths[N_COLUMNS] = { 0 };
  GString *out = g_string_new (NULL);
  guint n_failed = 0;

  g_return_val_if_fail (rows != NULL, NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = g_utf8_strlen (headings[c], -1);

  for (guint r = 0; r < rows->len; r++)
    {
      const CartableCheckRow *row = g_ptr_array_index (rows, r);
      gboolean ok = cartable_check_row_is_ok (row);

      g_ptr_array_add (cells, g_strdup (cartable_server_kind_to_string (row->kind)));
      g_ptr_array_add (cells, g_strdup_printf ("%s:%u", row->hostname, row->port));
      g_ptr_array_add (cells, g_strdup (security_text (row->socket_type)));
      g_ptr_array_add (cells, g_strdup (status_text (row->resolve)));
      g_ptr_array_add (cells, g_strdup (status_text (row->connect)));
      g_ptr_array_add (cells, g_strdup (status_text (row->tls)));
      g_ptr_array_add (cells, g_strdup (status_text (row->auth)));
      g_ptr_array_add (cells, g_strdup (ok ? _("reachable") : _("PROBLEM")));
      if (!ok)
        n_failed++;

      for (guint c = 0; c < N_COLUMNS; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (g_ptr_array_index (cells, r * N_COLUMNS + c), -1));
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    append_cell (out, headings[c], c + 1 < N_COLUMNS ? widths[c] : 0);
  g_strchomp (out->str);
  out->len = strlen (out->str);
  g_string_append_c (out, '\n');

  for (guint r = 0; r < rows->len; r++)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        append_cell (out, g_ptr_array_index (cells, r * N_COLUMNS + c), c + 1 < N_COLUMNS ? widths[c] : 0);
      g_strchomp (out->str);
      out->len = strlen (out->str);
      g_string_append_c (out, '\n');
    }

  /* The certificates, for whoever must renew or install one. */
  for (guint r = 0, n = 0; r < rows->len; r++)
    {
      const CartableCheckRow *row = g_ptr_array_index (rows, r);
      g_autofree char *expiry = NULL;

      if (row->certificate_issuer == NULL && row->certificate_expiry == NULL)
        continue;
      if (row->certificate_expiry != NULL)
        expiry = g_date_time_format (row->certificate_expiry, "%Y-%m-%d");

      if (n++ == 0)
        g_string_append_c (out, '\n');
      /* Translators: %s: service; %s: certificate issuer; %s: expiry date (YYYY-MM-DD). */
      g_string_append_printf (out, _("%s certificate: issued by %s, valid until %s"),
                              cartable_server_kind_to_string (row->kind),
                              row->certificate_issuer != NULL ? row->certificate_issuer : "?",
                              expiry != NULL ? expiry : "?");
      g_string_append_c (out, '\n');
    }

  if (n_failed > 0)
    {
      g_string_append_c (out, '\n');
      for (guint r = 0; r < rows->len; r++)
        {
          const CartableCheckRow *row = g_ptr_array_index (rows, r);

          if (cartable_check_row_is_ok (row))
            continue;
          /* Translators: %s: service (IMAP…); %s:%u: server and port; %s: what went wrong. */
          g_string_append_printf (out, _("Problem with %s (%s:%u): %s\n"),
                                  cartable_server_kind_to_string (row->kind), row->hostname, row->port,
                                  row->error != NULL ? row->error->message : _("unknown error"));
        }
    }

  return g_string_free (out, FALSE);
}

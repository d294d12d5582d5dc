/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-outbox-probe-private.h"

/*
 * Why this exists. Camel's SMTP transport (evolution-data-server 3.46,
 * camel-smtp-transport.c, smtp_set_error()) turns every refusal of the
 * server, temporary or final, into CAMEL_ERROR_GENERIC. Its message is the
 * command that failed ("RCPT TO <…> failed: ", translated by Camel)
 * followed by the server's text with the reply code cut off: the three
 * digits always, and the enhanced status code ("4.3.0") too when the server
 * announced ENHANCEDSTATUSCODES, as Postfix and most servers do. Only a
 * reply without any text becomes a fixed (translated) sentence per code.
 * Nothing in the GError tells 4xx from 5xx, and guessing from the server's
 * words would not be robust.
 *
 * So, after a refusal, the outbox asks the server again and reads the code
 * itself: a second connection to the same server through Camel's own
 * connection, TLS and SASL code (the session's certificate decisions and
 * password), replaying EHLO, STARTTLS, AUTH, MAIL FROM, each RCPT TO and
 * the DATA command, then closing. No message data is ever written: after
 * DATA's 354 the connection is closed, and a transaction whose data did not
 * end with <CRLF>.<CRLF> is not delivered (RFC 5321, 4.1.1.4). The code of
 * the first command the server refuses is the answer; 0 when it accepts
 * them all (the refusal came after the data, or has gone).
 */

#define MAX_REPLY_LINES 100

typedef struct
{
  GIOStream        *stream;
  GDataInputStream *input;
} Conversation;

static void
conversation_set_stream (Conversation *conversation,
                         GIOStream    *stream)
{
  g_clear_object (&conversation->input);
  g_clear_object (&conversation->stream);

  conversation->stream = stream;
  conversation->input = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  /* After STARTTLS the TLS layer reads the same socket. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (conversation->input), FALSE);
  g_data_input_stream_set_newline_type (conversation->input, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
}

static void
conversation_clear (Conversation *conversation)
{
  g_clear_object (&conversation->input);
  if (conversation->stream != NULL)
    g_io_stream_close (conversation->stream, NULL, NULL);
  g_clear_object (&conversation->stream);
}

/* Reads one reply, of one or more lines. Returns its code, or -1. */
static int
read_reply (Conversation  *conversation,
            char         **out_text,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < MAX_REPLY_LINES; i++)
    {
      g_autofree char *line = NULL;
      GError *local_error = NULL;
      gsize length = 0;

      line = g_data_input_stream_read_line (conversation->input, &length, cancellable, &local_error);
      if (line == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                 _("The server closed the connection."));
          return -1;
        }

      if (length < 3 || !g_ascii_isdigit (line[0]) || !g_ascii_isdigit (line[1]) ||
          !g_ascii_isdigit (line[2]) || (length > 3 && line[3] != ' ' && line[3] != '-'))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The server sent a reply that is not SMTP."));
          return -1;
        }

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);

      if (length == 3 || line[3] == ' ')
        {
          if (out_text != NULL)
            *out_text = g_string_free (g_steal_pointer (&text), FALSE);
          return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        }
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The server sent a reply that is not SMTP."));
  return -1;
}

static int
command (Conversation  *conversation,
         const char    *line,
         char         **out_text,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *with_end = NULL;
  GOutputStream *output = g_io_stream_get_output_stream (conversation->stream);

  /* One command per line: an address must not smuggle in another. */
  if (strpbrk (line, "\r\n") != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("An address of the message cannot be written in an SMTP command."));
      return -1;
    }
  with_end = g_strconcat (line, "\r\n", NULL);

  if (!g_output_stream_write_all (output, with_end, strlen (with_end), NULL, cancellable, error) ||
      !g_output_stream_flush (output, cancellable, error))
    return -1;

  return read_reply (conversation, out_text, cancellable, error);
}

/* Whether a line of the EHLO reply ("250-STARTTLS") names @keyword. */
static gboolean
ehlo_has (const char *ehlo,
          const char *keyword)
{
  g_auto(GStrv) lines = g_strsplit (ehlo != NULL ? ehlo : "", "\n", -1);
  gsize length = strlen (keyword);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *token = strlen (lines[i]) > 4 ? lines[i] + 4 : "";

      if (g_ascii_strncasecmp (token, keyword, length) == 0 &&
          (token[length] == '\0' || token[length] == ' ' || token[length] == '='))
        return TRUE;
    }

  return FALSE;
}

static char *
dup_helo_name (GIOStream *stream)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *address = NULL;

  if (G_IS_SOCKET_CONNECTION (stream))
    local = g_socket_connection_get_local_address (G_SOCKET_CONNECTION (stream), NULL);
  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    return g_strdup ("localhost");

  address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  if (g_socket_address_get_family (local) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[IPv6:%s]", address);
  return g_strdup_printf ("[%s]", address);
}

static gboolean
sasl_exchange (Conversation  *conversation,
               CamelService  *service,
               const char    *mechanism,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CamelSasl) sasl = camel_sasl_new ("smtp", mechanism, service);
  g_autofree char *initial = NULL;
  g_autofree char *line = NULL;
  g_autofree char *reply = NULL;
  GError *local_error = NULL;
  int code;

  if (sasl == NULL)
    {
      g_set_error (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_CANT_AUTHENTICATE,
                   _("No support for %s authentication"), mechanism);
      return FALSE;
    }

  initial = camel_sasl_challenge_base64_sync (sasl, NULL, cancellable, &local_error);
  if (initial == NULL && local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  line = initial != NULL ? g_strdup_printf ("AUTH %s %s", mechanism, initial)
    : g_strdup_printf ("AUTH %s", mechanism);

  code = command (conversation, line, &reply, cancellable, error);
  for (guint i = 0; code == 334 && i < 10; i++)
    {
      g_autofree char *response = NULL;
      const char *challenge = strlen (reply) > 4 ? reply + 4 : "";

      response = camel_sasl_challenge_base64_sync (sasl, challenge, cancellable, error);
      if (response == NULL)
        {
          g_clear_pointer (&reply, g_free);
          command (conversation, "*", NULL, cancellable, NULL);
          return FALSE;
        }
      g_clear_pointer (&reply, g_free);
      code = command (conversation, response, &reply, cancellable, error);
    }

  if (code < 0)
    return FALSE;
  if (code != 235)
    {
      g_set_error (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_CANT_AUTHENTICATE,
                   _("The server refused the authentication: %s"), reply);
      return FALSE;
    }

  return TRUE;
}

static gboolean
authenticate (Conversation  *conversation,
              CamelService  *service,
              const char    *mechanism,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CamelSession) session = camel_service_ref_session (service);
  char *password;
  gboolean ok;

  if (session == NULL)
    {
      g_set_error_literal (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE,
                           _("The mail session is gone."));
      return FALSE;
    }

  /* The session answers from its own store, it never shows a prompt. */
  password = camel_session_get_password (session, service, "", "password", 0, error);
  if (password == NULL)
    return FALSE;

  /* Camel's SASL mechanisms read it from the service, as the session's
   * own authentication does; it is cleared again right after. */
  camel_service_set_password (service, password);
  memset (password, 0, strlen (password));
  g_free (password);
  ok = sasl_exchange (conversation, service, mechanism, cancellable, error);
  camel_service_set_password (service, NULL);

  return ok;
}

/**
 * cartable_outbox_probe_reply_code:
 * @transport: the SMTP transport that was refused (its settings are used;
 *   its own connection is not touched)
 * @from: (nullable): the envelope sender; %NULL to ask only about the
 *   greeting, EHLO, STARTTLS and AUTH
 * @recipients: (nullable): the envelope recipients
 * @out_reply: (out) (optional): the refusing reply on one line, code
 *   included ("451 4.3.0 …")
 * @error: why the server could not be asked
 *
 * Replays the envelope on a new connection up to the DATA command, without
 * any message data. Worker thread only (blocking).
 *
 * Returns: the code of the first refused command (4xx or 5xx), 0 if the
 *   server accepted everything, -1 if it could not be asked
 */
int
cartable_outbox_probe_reply_code (CamelTransport      *transport,
                                  const char          *from,
                                  const char * const  *recipients,
                                  char               **out_reply,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  CamelService *service;
  g_autoptr(CamelSettings) settings = NULL;
  g_autofree char *mechanism = NULL;
  g_autofree char *helo = NULL;
  g_autofree char *ehlo_line = NULL;
  g_autofree char *ehlo = NULL;
  g_autofree char *reply = NULL;
  CamelNetworkSecurityMethod method;
  Conversation conversation = { NULL, NULL };
  GIOStream *stream;
  int code = -1;

  g_return_val_if_fail (CAMEL_IS_TRANSPORT (transport), -1);
  g_return_val_if_fail (CAMEL_IS_NETWORK_SERVICE (transport), -1);
  g_return_val_if_fail (from == NULL || recipients != NULL, -1);

  service = CAMEL_SERVICE (transport);
  settings = camel_service_ref_settings (service);
  method = camel_network_settings_get_security_method (CAMEL_NETWORK_SETTINGS (settings));
  mechanism = camel_network_settings_dup_auth_mechanism (CAMEL_NETWORK_SETTINGS (settings));

  stream = camel_network_service_connect_sync (CAMEL_NETWORK_SERVICE (service), cancellable, error);
  if (stream == NULL)
    return -1;
  helo = dup_helo_name (stream);
  ehlo_line = g_strdup_printf ("EHLO %s", helo);
  conversation_set_stream (&conversation, stream);

  code = read_reply (&conversation, &reply, cancellable, error);
  if (code != 220)
    goto out;
  g_clear_pointer (&reply, g_free);

  code = command (&conversation, ehlo_line, &ehlo, cancellable, error);
  if (code >= 500)
    {
      /* An old server: HELO, as Camel falls back to. */
      g_autofree char *helo_line = g_strdup_printf ("HELO %s", helo);

      g_clear_pointer (&ehlo, g_free);
      code = command (&conversation, helo_line, &ehlo, cancellable, error);
    }
  if (code != 250)
    {
      reply = g_steal_pointer (&ehlo);
      goto out;
    }

  if (method == CAMEL_NETWORK_SECURITY_METHOD_STARTTLS_ON_STANDARD_PORT)
    {
      GIOStream *tls;

      /* Never in clear what the account says goes encrypted. */
      if (!ehlo_has (ehlo, "STARTTLS"))
        {
          g_set_error_literal (error, CAMEL_ERROR, CAMEL_ERROR_GENERIC, _("STARTTLS not supported"));
          code = -1;
          goto out;
        }
      code = command (&conversation, "STARTTLS", &reply, cancellable, error);
      if (code != 220)
        goto out;
      g_clear_pointer (&reply, g_free);

      tls = camel_network_service_starttls (CAMEL_NETWORK_SERVICE (service), conversation.stream, error);
      if (tls == NULL)
        {
          code = -1;
          goto out;
        }
      conversation_set_stream (&conversation, tls);

      g_clear_pointer (&ehlo, g_free);
      code = command (&conversation, ehlo_line, &ehlo, cancellable, error);
      if (code != 250)
        {
          reply = g_steal_pointer (&ehlo);
          goto out;
        }
    }

  if (mechanism != NULL && *mechanism != '\0' && ehlo_has (ehlo, "AUTH") &&
      !authenticate (&conversation, service, mechanism, cancellable, error))
    {
      code = -1;
      goto out;
    }

  if (from == NULL)
    {
      /* Only the greeting and the log-in were asked about. */
      command (&conversation, "QUIT", NULL, cancellable, NULL);
      code = 0;
      goto out;
    }

  {
    g_autofree char *line = g_strdup_printf ("MAIL FROM:<%s>", from);

    code = command (&conversation, line, &reply, cancellable, error);
    if (code != 250)
      goto out;
    g_clear_pointer (&reply, g_free);
  }

  for (guint i = 0; recipients[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("RCPT TO:<%s>", recipients[i]);

      code = command (&conversation, line, &reply, cancellable, error);
      if (code != 250 && code != 251)
        goto out;
      g_clear_pointer (&reply, g_free);
    }

  /* After 354 the connection is closed without a byte of data. */
  code = command (&conversation, "DATA", &reply, cancellable, error);
  if (code == 354)
    {
      g_clear_pointer (&reply, g_free);
      code = 0;
    }

out:
  if (code >= 0 && code < 400)
    {
      /* Accepted, or an answer that refuses nothing. */
      g_clear_pointer (&reply, g_free);
      code = 0;
    }
  if (code > 0 && out_reply != NULL && reply != NULL)
    {
      /* One line: "451 4.3.0 text", continuation lines joined. */
      g_auto(GStrv) lines = g_strsplit (reply, "\n", -1);
      GString *flat = g_string_new (NULL);

      g_string_append_printf (flat, "%d", code);
      for (guint i = 0; lines[i] != NULL; i++)
        if (strlen (lines[i]) > 4)
          g_string_append_printf (flat, " %s", lines[i] + 4);
      *out_reply = g_string_free (flat, FALSE);
    }
  conversation_clear (&conversation);

  return code;
}

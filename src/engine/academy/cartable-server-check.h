/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-academy-profile.h"

G_BEGIN_DECLS

#define CARTABLE_SERVER_ERROR (cartable_server_error_quark ())

/**
 * CartableServerError:
 * @CARTABLE_SERVER_ERROR_RESOLVE: the host name does not resolve
 * @CARTABLE_SERVER_ERROR_UNREACHABLE: no TCP connection (refused, timed out)
 * @CARTABLE_SERVER_ERROR_TLS: the TLS handshake or STARTTLS upgrade failed
 * @CARTABLE_SERVER_ERROR_CERTIFICATE: the certificate is not trusted (see
 *   #CartableCheckRow.tls_errors)
 * @CARTABLE_SERVER_ERROR_AUTHENTICATION: the server refused the identifier
 *   or password
 * @CARTABLE_SERVER_ERROR_PROTOCOL: the server answered something unexpected
 *   (or does not offer what the profile says, e.g. no STARTTLS)
 * @CARTABLE_SERVER_ERROR_TIMEOUT: the server stopped answering
 *
 * Errors of the protocol-level checks (login and `cartable-cli check`).
 */
typedef enum
{
  CARTABLE_SERVER_ERROR_RESOLVE,
  CARTABLE_SERVER_ERROR_UNREACHABLE,
  CARTABLE_SERVER_ERROR_TLS,
  CARTABLE_SERVER_ERROR_CERTIFICATE,
  CARTABLE_SERVER_ERROR_AUTHENTICATION,
  CARTABLE_SERVER_ERROR_PROTOCOL,
  CARTABLE_SERVER_ERROR_TIMEOUT,
} CartableServerError;

GQuark cartable_server_error_quark (void);

/**
 * CartableCheckStatus:
 * @CARTABLE_CHECK_STATUS_NOT_RUN: not tried (an earlier step failed, or
 *   nothing to do, e.g. no password given)
 * @CARTABLE_CHECK_STATUS_OK: succeeded
 * @CARTABLE_CHECK_STATUS_FAILED: failed
 */
typedef enum
{
  CARTABLE_CHECK_STATUS_NOT_RUN,
  CARTABLE_CHECK_STATUS_OK,
  CARTABLE_CHECK_STATUS_FAILED,
} CartableCheckStatus;

/**
 * CartableCheckRow:
 * @kind: the server's kind
 * @hostname: as in the profile
 * @port: as in the profile
 * @socket_type: as in the profile
 * @address: (nullable): the address the name resolved to
 * @resolve: name resolution
 * @connect: TCP connection
 * @tls: TLS (handshake, certificate); NOT_RUN for plain loopback servers
 * @auth: authentication; NOT_RUN without a password
 * @certificate_subject: (nullable): the server certificate's subject
 * @certificate_issuer: (nullable): its issuer
 * @certificate_expiry: (nullable): its expiry
 * @tls_errors: what is wrong with the certificate (0 if nothing)
 * @error: (nullable): the first failure (a #CARTABLE_SERVER_ERROR)
 * @elapsed_ms: how long the whole check took
 *
 * One line of the diagnostic table.
 */
typedef struct
{
  CartableServerKind    kind;
  char                 *hostname;
  guint16               port;
  CartableSocketType    socket_type;
  char                 *address;
  CartableCheckStatus   resolve;
  CartableCheckStatus   connect;
  CartableCheckStatus   tls;
  CartableCheckStatus   auth;
  char                 *certificate_subject;
  char                 *certificate_issuer;
  GDateTime            *certificate_expiry;
  GTlsCertificateFlags  tls_errors;
  GError               *error;
  guint                 elapsed_ms;
} CartableCheckRow;

#define CARTABLE_TYPE_CHECK_ROW (cartable_check_row_get_type ())

GType             cartable_check_row_get_type (void) G_GNUC_CONST;
CartableCheckRow *cartable_check_row_copy     (const CartableCheckRow *row);
void              cartable_check_row_free     (CartableCheckRow       *row);
/* Whether every step that ran succeeded. */
gboolean          cartable_check_row_is_ok    (const CartableCheckRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableCheckRow, cartable_check_row_free)

/**
 * cartable_server_check_async:
 * @server: the server to check
 * @database: (nullable): TLS trust (system store when %NULL)
 * @username: (nullable): the login; authentication is skipped when
 *   @username or @password is %NULL
 * @password: (nullable): the password
 *
 * Checks one server step by step: name resolution, TCP connection, TLS
 * (implicit, or STARTTLS/StartTLS as the server's socket type says) with
 * the certificate's issuer, expiry and host name, then authentication at
 * protocol level: IMAP `LOGIN`, SMTP `EHLO` + `AUTH PLAIN`, LDAP simple
 * bind, Sieve `AUTHENTICATE "PLAIN"`, HTTPS `PROPFIND` (DAV) or
 * `GET account` (portal) with Basic authentication. Each network step has
 * a 10 s timeout. The finish function always returns a row (the failure
 * is in the row); it fails only when cancelled.
 */
void              cartable_server_check_async   (const CartableServer   *server,
                                                 GTlsDatabase           *database,
                                                 const char             *username,
                                                 const char             *password,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
CartableCheckRow *cartable_server_check_finish  (GAsyncResult           *result,
                                                 GError                **error);

/**
 * cartable_profile_check_async:
 * @identifier: (nullable): the academic identifier; without it (or without
 *   @password) authentication is not tried
 *
 * Checks every server of the profile (cartable_academy_profile_get_servers())
 * in parallel; the finish function returns the rows in the profile's order,
 * (element-type CartableCheckRow).
 */
void              cartable_profile_check_async  (CartableAcademyProfile *profile,
                                                 const char             *identifier,
                                                 const char             *email,
                                                 const char             *password,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray        *cartable_profile_check_finish (GAsyncResult           *result,
                                                 GError                **error);

/**
 * cartable_check_format_table:
 * @rows: (element-type CartableCheckRow): the rows
 *
 * The diagnostic table a helpdesk reads, with translated (French) column
 * headings and verdicts, one line per server, followed by one line per
 * failed server explaining the problem.
 *
 * Returns: (transfer full): the table, ending with a newline
 */
char             *cartable_check_format_table   (GPtrArray              *rows);

G_END_DECLS

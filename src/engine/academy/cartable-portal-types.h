/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the academy portal answers (docs/portal-api.md): its errors and the
 * results of its calls, as plain boxed types. The client is
 * cartable-portal.h. */

/* ------------------------------------------------------------------ errors */

#define CARTABLE_PORTAL_ERROR (cartable_portal_error_quark ())

/**
 * CartablePortalError:
 * @CARTABLE_PORTAL_ERROR_FAILED: an error code this client does not know
 * @CARTABLE_PORTAL_ERROR_NETWORK: the portal could not be reached (name
 *   resolution, connection refused, connection lost)
 * @CARTABLE_PORTAL_ERROR_TIMEOUT: the portal did not answer in time
 * @CARTABLE_PORTAL_ERROR_CERTIFICATE: the portal's certificate is not
 *   trusted; cartable_portal_error_get_tls_errors() says why
 * @CARTABLE_PORTAL_ERROR_INVALID_RESPONSE: the answer is not what the API
 *   documents (not JSON, missing members)
 * @CARTABLE_PORTAL_ERROR_MALFORMED_JSON: `malformed_json`
 * @CARTABLE_PORTAL_ERROR_INVALID_REQUEST: `invalid_request` (see
 *   cartable_portal_error_get_fields())
 * @CARTABLE_PORTAL_ERROR_NOT_FOUND: `not_found`
 * @CARTABLE_PORTAL_ERROR_METHOD_NOT_ALLOWED: `method_not_allowed`
 * @CARTABLE_PORTAL_ERROR_BODY_TOO_LARGE: `body_too_large`
 * @CARTABLE_PORTAL_ERROR_RATE_LIMITED: `rate_limited` (retry after)
 * @CARTABLE_PORTAL_ERROR_INTERNAL: `internal_error`
 * @CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT: `unknown_account`
 * @CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED: `account_locked` (retry after)
 * @CARTABLE_PORTAL_ERROR_INVALID_CODE: `invalid_code` (attempts left)
 * @CARTABLE_PORTAL_ERROR_CODE_ALREADY_USED: `code_already_used`
 * @CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH: `identity_mismatch` (attempts left)
 * @CARTABLE_PORTAL_ERROR_CODE_EXPIRED: `code_expired`
 * @CARTABLE_PORTAL_ERROR_PASSWORD_POLICY: `password_policy` (violations)
 * @CARTABLE_PORTAL_ERROR_ALREADY_ACTIVE: `already_active`
 * @CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED: `terms_not_accepted`
 * @CARTABLE_PORTAL_ERROR_UNAUTHORIZED: `unauthorized` (attempts left when
 *   the password was wrong)
 * @CARTABLE_PORTAL_ERROR_INVALID_CURRENT_PASSWORD: `invalid_current_password`
 *   (attempts left)
 * @CARTABLE_PORTAL_ERROR_UNKNOWN_SERVICE: `unknown_service`
 *
 * One code per documented portal error (docs/portal-api.md), plus transport
 * failures. The #GError message is an English sentence (translated with
 * gettext); the portal's own French sentence, the HTTP status and the
 * machine fields travel with the error and are read with the
 * cartable_portal_error_get_*() functions below. They survive g_error_copy()
 * (the domain is an extended error domain, see G_DEFINE_EXTENDED_ERROR).
 */
typedef enum
{
  CARTABLE_PORTAL_ERROR_FAILED,
  CARTABLE_PORTAL_ERROR_NETWORK,
  CARTABLE_PORTAL_ERROR_TIMEOUT,
  CARTABLE_PORTAL_ERROR_CERTIFICATE,
  CARTABLE_PORTAL_ERROR_INVALID_RESPONSE,
  CARTABLE_PORTAL_ERROR_MALFORMED_JSON,
  CARTABLE_PORTAL_ERROR_INVALID_REQUEST,
  CARTABLE_PORTAL_ERROR_NOT_FOUND,
  CARTABLE_PORTAL_ERROR_METHOD_NOT_ALLOWED,
  CARTABLE_PORTAL_ERROR_BODY_TOO_LARGE,
  CARTABLE_PORTAL_ERROR_RATE_LIMITED,
  CARTABLE_PORTAL_ERROR_INTERNAL,
  CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT,
  CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED,
  CARTABLE_PORTAL_ERROR_INVALID_CODE,
  CARTABLE_PORTAL_ERROR_CODE_ALREADY_USED,
  CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH,
  CARTABLE_PORTAL_ERROR_CODE_EXPIRED,
  CARTABLE_PORTAL_ERROR_PASSWORD_POLICY,
  CARTABLE_PORTAL_ERROR_ALREADY_ACTIVE,
  CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED,
  CARTABLE_PORTAL_ERROR_UNAUTHORIZED,
  CARTABLE_PORTAL_ERROR_INVALID_CURRENT_PASSWORD,
  CARTABLE_PORTAL_ERROR_UNKNOWN_SERVICE,
} CartablePortalError;

GQuark               cartable_portal_error_quark                (void);
/* The portal's `code` string for @code (e.g. "invalid_code"), NULL for transport errors. */
const char          *cartable_portal_error_code_to_string       (CartablePortalError  code);
/* The #CartablePortalError for a portal `code` string (FAILED if unknown). */
CartablePortalError  cartable_portal_error_code_from_string     (const char          *code);

/* The accessors accept any #GError and return the "absent" value for errors of other domains. */
/* `attempts_left`, or -1 when the portal did not send it. */
int                  cartable_portal_error_get_attempts_left    (const GError        *error);
/* `retry_after` (or the Retry-After header) in seconds, or -1. */
int                  cartable_portal_error_get_retry_after      (const GError        *error);
/* (nullable) (transfer none): the rules of `violations` (e.g. "min_length"), NULL-terminated. */
const char * const  *cartable_portal_error_get_violated_rules   (const GError        *error);
/* (nullable) (transfer none): the French messages of `violations`, same order as the rules. */
const char * const  *cartable_portal_error_get_violation_messages (const GError      *error);
/* (nullable) (transfer none): `fields` of `invalid_request`. */
const char * const  *cartable_portal_error_get_fields           (const GError        *error);
/* (nullable): the portal's French `message`, ready to be shown. */
const char          *cartable_portal_error_get_portal_message   (const GError        *error);
/* (nullable): the portal's `code` as sent (useful for FAILED). */
const char          *cartable_portal_error_get_portal_code      (const GError        *error);
/* The HTTP status, 0 for transport errors. */
guint                cartable_portal_error_get_http_status      (const GError        *error);
/* For %CARTABLE_PORTAL_ERROR_CERTIFICATE: what is wrong with the certificate. */
GTlsCertificateFlags cartable_portal_error_get_tls_errors       (const GError        *error);

/* ------------------------------------------------------------ result types */

/**
 * CartablePortalSchool:
 * @uai: the school's UAI code ("0760090B")
 * @name: its name
 * @city: its city
 */
typedef struct
{
  char *uai;
  char *name;
  char *city;
} CartablePortalSchool;

/**
 * CartablePortalAccount:
 * @identifier: the login ("mdurand")
 * @email: the academic address
 * @display_name: "Marie Durand"
 * @state: "active" or "awaiting_activation"
 * @origin: (nullable): "academy" or "other-academy" (only from `GET account`)
 * @must_change_password: a temporary password must be changed before anything else
 * @recovery_pending: a recovery code waits to be used
 * @password_changed_at: (nullable): when the password was last set
 * @school: (nullable): the school
 *
 * The account object of `activation`, `activation/other-academy`,
 * `GET account` and `account/password`.
 */
typedef struct
{
  char                 *identifier;
  char                 *email;
  char                 *display_name;
  char                 *state;
  char                 *origin;
  gboolean              must_change_password;
  gboolean              recovery_pending;
  GDateTime            *password_changed_at;
  CartablePortalSchool *school;
} CartablePortalAccount;

/**
 * CartablePortalInfo:
 * The portal description (`GET` on the base URL).
 */
typedef struct
{
  char *api;
  int   version;
  char *academy_id;
  char *academy_name;
  char *academy_domain;
  char *terms_version;
} CartablePortalInfo;

/**
 * CartablePortalTerms:
 * @text: plain text, paragraphs separated by an empty line
 */
typedef struct
{
  char *version;
  char *title;
  char *text;
} CartablePortalTerms;

/**
 * CartablePasswordRule:
 * @rule: machine name ("min_length", "character_classes", "not_identifier",
 *   "differs_from_current", "max_length")
 * @description: the portal's French description
 */
typedef struct
{
  char *rule;
  char *description;
} CartablePasswordRule;

/**
 * CartablePasswordPolicy:
 * @classes: NULL-terminated class names ("lowercase", "uppercase", "digit", "symbol")
 * @rules: (element-type CartablePasswordRule): the published rules
 */
typedef struct
{
  guint       min_length;
  guint       max_length;
  guint       min_classes;
  GStrv       classes;
  GPtrArray  *rules;
} CartablePasswordPolicy;

/**
 * CartablePortalRecovery:
 * @delivery: "school_secretariat"
 * @school: (nullable): where the letter goes
 * @code_expires_at: (nullable): when the new code expires
 */
typedef struct
{
  char                 *delivery;
  CartablePortalSchool *school;
  GDateTime            *code_expires_at;
} CartablePortalRecovery;

/**
 * CartablePortalService:
 * A service of the public space.
 */
typedef struct
{
  char *id;
  char *name;
  char *description;
} CartablePortalService;

/**
 * CartablePortalTicket:
 * The answer to the public contact form.
 */
typedef struct
{
  char      *ticket;
  char      *service;
  GDateTime *received_at;
} CartablePortalTicket;

#define CARTABLE_TYPE_PORTAL_SCHOOL    (cartable_portal_school_get_type ())
#define CARTABLE_TYPE_PORTAL_ACCOUNT   (cartable_portal_account_get_type ())
#define CARTABLE_TYPE_PORTAL_INFO      (cartable_portal_info_get_type ())
#define CARTABLE_TYPE_PORTAL_TERMS     (cartable_portal_terms_get_type ())
#define CARTABLE_TYPE_PASSWORD_RULE    (cartable_password_rule_get_type ())
#define CARTABLE_TYPE_PASSWORD_POLICY  (cartable_password_policy_get_type ())
#define CARTABLE_TYPE_PORTAL_RECOVERY  (cartable_portal_recovery_get_type ())
#define CARTABLE_TYPE_PORTAL_SERVICE   (cartable_portal_service_get_type ())
#define CARTABLE_TYPE_PORTAL_TICKET    (cartable_portal_ticket_get_type ())

GType                   cartable_portal_school_get_type   (void) G_GNUC_CONST;
CartablePortalSchool   *cartable_portal_school_copy       (const CartablePortalSchool   *school);
void                    cartable_portal_school_free       (CartablePortalSchool         *school);
GType                   cartable_portal_account_get_type  (void) G_GNUC_CONST;
CartablePortalAccount  *cartable_portal_account_copy      (const CartablePortalAccount  *account);
void                    cartable_portal_account_free      (CartablePortalAccount        *account);
GType                   cartable_portal_info_get_type     (void) G_GNUC_CONST;
CartablePortalInfo     *cartable_portal_info_copy         (const CartablePortalInfo     *info);
void                    cartable_portal_info_free         (CartablePortalInfo           *info);
GType                   cartable_portal_terms_get_type    (void) G_GNUC_CONST;
CartablePortalTerms    *cartable_portal_terms_copy        (const CartablePortalTerms    *terms);
void                    cartable_portal_terms_free        (CartablePortalTerms          *terms);
GType                   cartable_password_rule_get_type   (void) G_GNUC_CONST;
CartablePasswordRule   *cartable_password_rule_copy       (const CartablePasswordRule   *rule);
void                    cartable_password_rule_free       (CartablePasswordRule         *rule);
GType                   cartable_password_policy_get_type (void) G_GNUC_CONST;
CartablePasswordPolicy *cartable_password_policy_copy     (const CartablePasswordPolicy *policy);
void                    cartable_password_policy_free     (CartablePasswordPolicy       *policy);
GType                   cartable_portal_recovery_get_type (void) G_GNUC_CONST;
CartablePortalRecovery *cartable_portal_recovery_copy     (const CartablePortalRecovery *recovery);
void                    cartable_portal_recovery_free     (CartablePortalRecovery       *recovery);
GType                   cartable_portal_service_get_type  (void) G_GNUC_CONST;
CartablePortalService  *cartable_portal_service_copy      (const CartablePortalService  *service);
void                    cartable_portal_service_free      (CartablePortalService        *service);
GType                   cartable_portal_ticket_get_type   (void) G_GNUC_CONST;
CartablePortalTicket   *cartable_portal_ticket_copy       (const CartablePortalTicket   *ticket);
void                    cartable_portal_ticket_free       (CartablePortalTicket         *ticket);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePortalSchool, cartable_portal_school_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePortalAccount, cartable_portal_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePortalInfo, cartable_portal_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePortalTerms, cartable_portal_terms_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePasswordRule, cartable_password_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePasswordPolicy, cartable_password_policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePortalRecovery, cartable_portal_recovery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePortalService, cartable_portal_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartablePortalTicket, cartable_portal_ticket_free)

G_END_DECLS

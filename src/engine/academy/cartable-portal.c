/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-portal"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cartable-portal.h"
#include "core/cartable-tls.h"

/*
 * Client of the academy portal, API version 1 (docs/portal-api.md).
 *
 * Every call builds one SoupMessage, reads the answer with a size cap,
 * parses it as JSON and turns it into a typed result or a
 * CARTABLE_PORTAL_ERROR whose private data carries the machine fields.
 * Certificates are checked by the session's TLS database; a certificate
 * problem is never accepted, only recorded so the error can say what it is.
 */

#define DEFAULT_TIMEOUT_SECONDS 30
#define MAX_RESPONSE_SIZE       (1024 * 1024)
#define READ_CHUNK              (64 * 1024)

/* -------------------------------------------------------------------- errors */

typedef struct
{
  int                   attempts_left;
  int                   retry_after;
  GStrv                 violated_rules;
  GStrv                 violation_messages;
  GStrv                 fields;
  char                 *portal_message;
  char                 *portal_code;
  guint                 http_status;
  GTlsCertificateFlags  tls_errors;
} CartablePortalErrorPrivate;

static void
cartable_portal_error_private_init (CartablePortalErrorPrivate *priv)
{
  priv->attempts_left = -1;
  priv->retry_after = -1;
}

static void
cartable_portal_error_private_copy (const CartablePortalErrorPrivate *src,
                                    CartablePortalErrorPrivate       *dest)
{
  dest->attempts_left = src->attempts_left;
  dest->retry_after = src->retry_after;
  dest->violated_rules = g_strdupv (src->violated_rules);
  dest->violation_messages = g_strdupv (src->violation_messages);
  dest->fields = g_strdupv (src->fields);
  dest->portal_message = g_strdup (src->portal_message);
  dest->portal_code = g_strdup (src->portal_code);
  dest->http_status = src->http_status;
  dest->tls_errors = src->tls_errors;
}

static void
cartable_portal_error_private_clear (CartablePortalErrorPrivate *priv)
{
  g_clear_pointer (&priv->violated_rules, g_strfreev);
  g_clear_pointer (&priv->violation_messages, g_strfreev);
  g_clear_pointer (&priv->fields, g_strfreev);
  g_clear_pointer (&priv->portal_message, g_free);
  g_clear_pointer (&priv->portal_code, g_free);
}

G_DEFINE_EXTENDED_ERROR (CartablePortalError, cartable_portal_error)

static const struct {
  CartablePortalError  code;
  const char          *name;
} error_codes[] = {
  { CARTABLE_PORTAL_ERROR_MALFORMED_JSON, "malformed_json" },
  { CARTABLE_PORTAL_ERROR_INVALID_REQUEST, "invalid_request" },
  { CARTABLE_PORTAL_ERROR_NOT_FOUND, "not_found" },
  { CARTABLE_PORTAL_ERROR_METHOD_NOT_ALLOWED, "method_not_allowed" },
  { CARTABLE_PORTAL_ERROR_BODY_TOO_LARGE, "body_too_large" },
  { CARTABLE_PORTAL_ERROR_RATE_LIMITED, "rate_limited" },
  { CARTABLE_PORTAL_ERROR_INTERNAL, "internal_error" },
  { CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, "unknown_account" },
  { CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, "account_locked" },
  { CARTABLE_PORTAL_ERROR_INVALID_CODE, "invalid_code" },
  { CARTABLE_PORTAL_ERROR_CODE_ALREADY_USED, "code_already_used" },
  { CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, "identity_mismatch" },
  { CARTABLE_PORTAL_ERROR_CODE_EXPIRED, "code_expired" },
  { CARTABLE_PORTAL_ERROR_PASSWORD_POLICY, "password_policy" },
  { CARTABLE_PORTAL_ERROR_ALREADY_ACTIVE, "already_active" },
  { CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED, "terms_not_accepted" },
  { CARTABLE_PORTAL_ERROR_UNAUTHORIZED, "unauthorized" },
  { CARTABLE_PORTAL_ERROR_INVALID_CURRENT_PASSWORD, "invalid_current_password" },
  { CARTABLE_PORTAL_ERROR_UNKNOWN_SERVICE, "unknown_service" },
};

const char *
cartable_portal_error_code_to_string (CartablePortalError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    if (error_codes[i].code == code)
      return error_codes[i].name;

  return NULL;
}

CartablePortalError
cartable_portal_error_code_from_string (const char *code)
{
  if (code != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
      if (g_str_equal (error_codes[i].name, code))
        return error_codes[i].code;

  return CARTABLE_PORTAL_ERROR_FAILED;
}

static const CartablePortalErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != CARTABLE_PORTAL_ERROR)
    return NULL;
  return cartable_portal_error_get_private (error);
}

int
cartable_portal_error_get_attempts_left (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->attempts_left : -1;
}

int
cartable_portal_error_get_retry_after (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->retry_after : -1;
}

const char * const *
cartable_portal_error_get_violated_rules (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? (const char * const *) priv->violated_rules : NULL;
}

const char * const *
cartable_portal_error_get_violation_messages (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? (const char * const *) priv->violation_messages : NULL;
}

const char * const *
cartable_portal_error_get_fields (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? (const char * const *) priv->fields : NULL;
}

const char *
cartable_portal_error_get_portal_message (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->portal_message : NULL;
}

const char *
cartable_portal_error_get_portal_code (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->portal_code : NULL;
}

guint
cartable_portal_error_get_http_status (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->http_status : 0;
}

GTlsCertificateFlags
cartable_portal_error_get_tls_errors (const GError *error)
{
  const CartablePortalErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->tls_errors : 0;
}

static const char *
describe_code (CartablePortalError code)
{
  switch (code)
    {
    case CARTABLE_PORTAL_ERROR_MALFORMED_JSON:
      return _("The portal could not read the request.");
    case CARTABLE_PORTAL_ERROR_INVALID_REQUEST:
      return _("A field of the request is missing or invalid.");
    case CARTABLE_PORTAL_ERROR_NOT_FOUND:
      return _("The portal does not offer this service.");
    case CARTABLE_PORTAL_ERROR_METHOD_NOT_ALLOWED:
      return _("The portal does not accept this kind of request here.");
    case CARTABLE_PORTAL_ERROR_BODY_TOO_LARGE:
      return _("The request sent to the portal is too large.");
    case CARTABLE_PORTAL_ERROR_RATE_LIMITED:
      return _("Too many requests were sent to the portal from this network.");
    case CARTABLE_PORTAL_ERROR_INTERNAL:
      return _("The portal could not save the change; nothing was changed.");
    case CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT:
      return _("No account matches this identifier.");
    case CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED:
      return _("The account is locked after too many failed attempts.");
    case CARTABLE_PORTAL_ERROR_INVALID_CODE:
      return _("The activation code is wrong.");
    case CARTABLE_PORTAL_ERROR_CODE_ALREADY_USED:
      return _("This activation code has already been used.");
    case CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH:
      return _("The date of birth or NUMEN does not match the account.");
    case CARTABLE_PORTAL_ERROR_CODE_EXPIRED:
      return _("The activation code has expired.");
    case CARTABLE_PORTAL_ERROR_PASSWORD_POLICY:
      return _("The password does not follow the academy’s rules.");
    case CARTABLE_PORTAL_ERROR_ALREADY_ACTIVE:
      return _("The account is already active.");
    case CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED:
      return _("The terms of use were not accepted.");
    case CARTABLE_PORTAL_ERROR_UNAUTHORIZED:
      return _("The identifier or password is wrong.");
    case CARTABLE_PORTAL_ERROR_INVALID_CURRENT_PASSWORD:
      return _("The current password is wrong.");
    case CARTABLE_PORTAL_ERROR_UNKNOWN_SERVICE:
      return _("The academy has no such service.");
    case CARTABLE_PORTAL_ERROR_FAILED:
    case CARTABLE_PORTAL_ERROR_NETWORK:
    case CARTABLE_PORTAL_ERROR_TIMEOUT:
    case CARTABLE_PORTAL_ERROR_CERTIFICATE:
    case CARTABLE_PORTAL_ERROR_INVALID_RESPONSE:
    default:
      return _("The portal refused the request.");
    }
}

static GError *
new_error (CartablePortalError   code,
           const char           *message)
{
  return g_error_new_literal (CARTABLE_PORTAL_ERROR, code, message);
}

static CartablePortalErrorPrivate *
error_private (GError *error)
{
  return cartable_portal_error_get_private (error);
}

/* --------------------------------------------------------------- boxed types */

CartablePortalSchool *
cartable_portal_school_copy (const CartablePortalSchool *school)
{
  CartablePortalSchool *copy;

  g_return_val_if_fail (school != NULL, NULL);

  copy = g_new0 (CartablePortalSchool, 1);
  copy->uai = g_strdup (school->uai);
  copy->name = g_strdup (school->name);
  copy->city = g_strdup (school->city);
  return copy;
}

void
cartable_portal_school_free (CartablePortalSchool *school)
{
  if (school == NULL)
    return;
  g_free (school->uai);
  g_free (school->name);
  g_free (school->city);
  g_free (school);
}

G_DEFINE_BOXED_TYPE (CartablePortalSchool, cartable_portal_school,
                     cartable_portal_school_copy, cartable_portal_school_free)

CartablePortalAccount *
cartable_portal_account_copy (const CartablePortalAccount *account)
{
  CartablePortalAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = g_new0 (CartablePortalAccount, 1);
  copy->identifier = g_strdup (account->identifier);
  copy->email = g_strdup (account->email);
  copy->display_name = g_strdup (account->display_name);
  copy->state = g_strdup (account->state);
  copy->origin = g_strdup (account->origin);
  copy->must_change_password = account->must_change_password;
  copy->recovery_pending = account->recovery_pending;
  copy->password_changed_at = account->password_changed_at ? g_date_time_ref (account->password_changed_at) : NULL;
  copy->school = account->school ? cartable_portal_school_copy (account->school) : NULL;
  return copy;
}

void
cartable_portal_account_free (CartablePortalAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->identifier);
  g_free (account->email);
  g_free (account->display_name);
  g_free (account->state);
  g_free (account->origin);
  g_clear_pointer (&account->password_changed_at, g_date_time_unref);
  cartable_portal_school_free (account->school);
  g_free (account);
}

G_DEFINE_BOXED_TYPE (CartablePortalAccount, cartable_portal_account,
                     cartable_portal_account_copy, cartable_portal_account_free)

CartablePortalInfo *
cartable_portal_info_copy (const CartablePortalInfo *info)
{
  CartablePortalInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (CartablePortalInfo, 1);
  copy->api = g_strdup (info->api);
  copy->version = info->version;
  copy->academy_id = g_strdup (info->academy_id);
  copy->academy_name = g_strdup (info->academy_name);
  copy->academy_domain = g_strdup (info->academy_domain);
  copy->terms_version = g_strdup (info->terms_version);
  return copy;
}

void
cartable_portal_info_free (CartablePortalInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->api);
  g_free (info->academy_id);
  g_free (info->academy_name);
  g_free (info->academy_domain);
  g_free (info->terms_version);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (CartablePortalInfo, cartable_portal_info,
                     cartable_portal_info_copy, cartable_portal_info_free)

CartablePortalTerms *
cartable_portal_terms_copy (const CartablePortalTerms *terms)
{
  CartablePortalTerms *copy;

  g_return_val_if_fail (terms != NULL, NULL);

  copy = g_new0 (CartablePortalTerms, 1);
  copy->version = g_strdup (terms->version);
  copy->title = g_strdup (terms->title);
  copy->text = g_strdup (terms->text);
  return copy;
}

void
cartable_portal_terms_free (CartablePortalTerms *terms)
{
  if (terms == NULL)
    return;
  g_free (terms->version);
  g_free (terms->title);
  g_free (terms->text);
  g_free (terms);
}

G_DEFINE_BOXED_TYPE (CartablePortalTerms, cartable_portal_terms,
                     cartable_portal_terms_copy, cartable_portal_terms_free)

CartablePasswordRule *
cartable_password_rule_copy (const CartablePasswordRule *rule)
{
  CartablePasswordRule *copy;

  g_return_val_if_fail (rule != NULL, NULL);

  copy = g_new0 (CartablePasswordRule, 1);
  copy->rule = g_strdup (rule->rule);
  copy->description = g_strdup (rule->description);
  return copy;
}

void
cartable_password_rule_free (CartablePasswordRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->rule);
  g_free (rule->description);
  g_free (rule);
}

G_DEFINE_BOXED_TYPE (CartablePasswordRule, cartable_password_rule,
                     cartable_password_rule_copy, cartable_password_rule_free)

CartablePasswordPolicy *
cartable_password_policy_copy (const CartablePasswordPolicy *policy)
{
  CartablePasswordPolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = g_new0 (CartablePasswordPolicy, 1);
  copy->min_length = policy->min_length;
  copy->max_length = policy->max_length;
  copy->min_classes = policy->min_classes;
  copy->classes = g_strdupv (policy->classes);
  copy->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_password_rule_free);
  for (guint i = 0; policy->rules != NULL && i < policy->rules->len; i++)
    g_ptr_array_add (copy->rules, cartable_password_rule_copy (g_ptr_array_index (policy->rules, i)));
  return copy;
}

void
cartable_password_policy_free (CartablePasswordPolicy *policy)
{
  if (policy == NULL)
    return;
  g_strfreev (policy->classes);
  g_clear_pointer (&policy->rules, g_ptr_array_unref);
  g_free (policy);
}

G_DEFINE_BOXED_TYPE (CartablePasswordPolicy, cartable_password_policy,
                     cartable_password_policy_copy, cartable_password_policy_free)

CartablePortalRecovery *
cartable_portal_recovery_copy (const CartablePortalRecovery *recovery)
{
  CartablePortalRecovery *copy;

  g_return_val_if_fail (recovery != NULL, NULL);

  copy = g_new0 (CartablePortalRecovery, 1);
  copy->delivery = g_strdup (recovery->delivery);
  copy->school = recovery->school ? cartable_portal_school_copy (recovery->school) : NULL;
  copy->code_expires_at = recovery->code_expires_at ? g_date_time_ref (recovery->code_expires_at) : NULL;
  return copy;
}

void
cartable_portal_recovery_free (CartablePortalRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_free (recovery->delivery);
  cartable_portal_school_free (recovery->school);
  g_clear_pointer (&recovery->code_expires_at, g_date_time_unref);
  g_free (recovery);
}

G_DEFINE_BOXED_TYPE (CartablePortalRecovery, cartable_portal_recovery,
                     cartable_portal_recovery_copy, cartable_portal_recovery_free)

CartablePortalService *
cartable_portal_service_copy (const CartablePortalService *service)
{
  CartablePortalService *copy;

  g_return_val_if_fail (service != NULL, NULL);

  copy = g_new0 (CartablePortalService, 1);
  copy->id = g_strdup (service->id);
  copy->name = g_strdup (service->name);
  copy->description = g_strdup (service->description);
  return copy;
}

void
cartable_portal_service_free (CartablePortalService *service)
{
  if (service == NULL)
    return;
  g_free (service->id);
  g_free (service->name);
  g_free (service->description);
  g_free (service);
}

G_DEFINE_BOXED_TYPE (CartablePortalService, cartable_portal_service,
                     cartable_portal_service_copy, cartable_portal_service_free)

CartablePortalTicket *
cartable_portal_ticket_copy (const CartablePortalTicket *ticket)
{
  CartablePortalTicket *copy;

  g_return_val_if_fail (ticket != NULL, NULL);

  copy = g_new0 (CartablePortalTicket, 1);
  copy->ticket = g_strdup (ticket->ticket);
  copy->service = g_strdup (ticket->service);
  copy->received_at = ticket->received_at ? g_date_time_ref (ticket->received_at) : NULL;
  return copy;
}

void
cartable_portal_ticket_free (CartablePortalTicket *ticket)
{
  if (ticket == NULL)
    return;
  g_free (ticket->ticket);
  g_free (ticket->service);
  g_clear_pointer (&ticket->received_at, g_date_time_unref);
  g_free (ticket);
}

G_DEFINE_BOXED_TYPE (CartablePortalTicket, cartable_portal_ticket,
                     cartable_portal_ticket_copy, cartable_portal_ticket_free)

/* ------------------------------------------------------------- JSON reading */

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static gboolean
get_int_member (JsonObject *object,
                const char *name,
                gint64     *value)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return FALSE;

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_bool_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return FALSE;

  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static GDateTime *
get_time_member (JsonObject *object,
                 const char *name)
{
  g_autofree char *text = dup_string_member (object, name);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static CartablePortalSchool *
parse_school (JsonObject *object)
{
  CartablePortalSchool *school;

  if (object == NULL)
    return NULL;

  school = g_new0 (CartablePortalSchool, 1);
  school->uai = dup_string_member (object, "uai");
  school->name = dup_string_member (object, "name");
  school->city = dup_string_member (object, "city");
  return school;
}

typedef gpointer (*ParseFunc) (JsonNode  *root,
                               GError   **error);

static gboolean
invalid_response (GError **error)
{
  g_set_error_literal (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE,
                       _("The portal sent an answer Cartable does not understand."));
  return FALSE;
}

static gpointer
parse_account (JsonNode  *root,
               GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePortalAccount) account = NULL;

  if (object == NULL)
    return invalid_response (error), NULL;

  account = g_new0 (CartablePortalAccount, 1);
  account->identifier = dup_string_member (object, "identifier");
  account->email = dup_string_member (object, "email");
  account->display_name = dup_string_member (object, "display_name");
  account->state = dup_string_member (object, "state");
  account->origin = dup_string_member (object, "origin");
  account->must_change_password = get_bool_member (object, "must_change_password");
  account->recovery_pending = get_bool_member (object, "recovery_pending");
  account->password_changed_at = get_time_member (object, "password_changed_at");
  account->school = parse_school (get_object_member (object, "school"));

  if (account->identifier == NULL || account->state == NULL)
    return invalid_response (error), NULL;

  return g_steal_pointer (&account);
}

static gpointer
parse_info (JsonNode  *root,
            GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *academy;
  g_autoptr(CartablePortalInfo) info = NULL;
  gint64 version = 0;

  if (object == NULL)
    return invalid_response (error), NULL;

  info = g_new0 (CartablePortalInfo, 1);
  info->api = dup_string_member (object, "api");
  if (get_int_member (object, "version", &version))
    info->version = (int) CLAMP (version, 0, G_MAXINT);
  academy = get_object_member (object, "academy");
  info->academy_id = dup_string_member (academy, "id");
  info->academy_name = dup_string_member (academy, "name");
  info->academy_domain = dup_string_member (academy, "domain");
  info->terms_version = dup_string_member (object, "terms_version");

  if (info->version != 1)
    return invalid_response (error), NULL;

  return g_steal_pointer (&info);
}

static gpointer
parse_terms (JsonNode  *root,
             GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePortalTerms) terms = NULL;

  if (object == NULL)
    return invalid_response (error), NULL;

  terms = g_new0 (CartablePortalTerms, 1);
  terms->version = dup_string_member (object, "version");
  terms->title = dup_string_member (object, "title");
  terms->text = dup_string_member (object, "text");

  if (terms->version == NULL || terms->text == NULL)
    return invalid_response (error), NULL;

  return g_steal_pointer (&terms);
}

static gpointer
parse_policy (JsonNode  *root,
              GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePasswordPolicy) policy = NULL;
  g_autoptr(GStrvBuilder) classes = g_strv_builder_new ();
  JsonArray *array;
  gint64 value;

  if (object == NULL)
    return invalid_response (error), NULL;

  policy = g_new0 (CartablePasswordPolicy, 1);
  policy->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_password_rule_free);
  if (get_int_member (object, "min_length", &value))
    policy->min_length = (guint) CLAMP (value, 0, G_MAXUINT16);
  if (get_int_member (object, "max_length", &value))
    policy->max_length = (guint) CLAMP (value, 0, G_MAXUINT16);
  if (get_int_member (object, "min_classes", &value))
    policy->min_classes = (guint) CLAMP (value, 0, 16);

  array = get_array_member (object, "classes");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (classes, json_node_get_string (node));
    }
  policy->classes = g_strv_builder_end (classes);

  array = get_array_member (object, "rules");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CartablePasswordRule *rule;

      if (item == NULL)
        continue;
      rule = g_new0 (CartablePasswordRule, 1);
      rule->rule = dup_string_member (item, "rule");
      rule->description = dup_string_member (item, "description");
      if (rule->rule == NULL)
        {
          cartable_password_rule_free (rule);
          continue;
        }
      g_ptr_array_add (policy->rules, rule);
    }

  return g_steal_pointer (&policy);
}

static gpointer
parse_recovery (JsonNode  *root,
                GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  CartablePortalRecovery *recovery;

  if (object == NULL)
    return invalid_response (error), NULL;

  recovery = g_new0 (CartablePortalRecovery, 1);
  recovery->delivery = dup_string_member (object, "delivery");
  recovery->school = parse_school (get_object_member (object, "school"));
  recovery->code_expires_at = get_time_member (object, "code_expires_at");
  return recovery;
}

static gpointer
parse_services (JsonNode  *root,
                GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(GPtrArray) services = NULL;
  JsonArray *array = get_array_member (object, "services");

  if (array == NULL)
    return invalid_response (error), NULL;

  services = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_portal_service_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CartablePortalService *service;

      if (item == NULL)
        continue;
      service = g_new0 (CartablePortalService, 1);
      service->id = dup_string_member (item, "id");
      service->name = dup_string_member (item, "name");
      service->description = dup_string_member (item, "description");
      if (service->id == NULL || service->name == NULL)
        {
          cartable_portal_service_free (service);
          continue;
        }
      g_ptr_array_add (services, service);
    }

  return g_steal_pointer (&services);
}

static gpointer
parse_ticket (JsonNode  *root,
              GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePortalTicket) ticket = NULL;

  if (object == NULL)
    return invalid_response (error), NULL;

  ticket = g_new0 (CartablePortalTicket, 1);
  ticket->ticket = dup_string_member (object, "ticket");
  ticket->service = dup_string_member (object, "service");
  ticket->received_at = get_time_member (object, "received_at");
  if (ticket->ticket == NULL)
    return invalid_response (error), NULL;

  return g_steal_pointer (&ticket);
}

static gpointer
parse_raw (JsonNode  *root,
           GError   **error)
{
  return json_node_copy (root);
}

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
  SoupMessage          *message;
  GInputStream         *stream;
  GByteArray           *buffer;
  ParseFunc             parse;
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
          error_private (result)->tls_errors = flags != 0 ? flags : G_TLS_CERTIFICATE_GENERIC_ERROR;
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

static GError *
error_from_response (Request    *request,
                     guint       status,
                     JsonNode   *root)
{
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *error_object = get_object_member (object, "error");
  g_autofree char *code_name = dup_string_member (error_object, "code");
  CartablePortalErrorPrivate *priv;
  CartablePortalError code;
  GError *error;
  JsonArray *array;
  gint64 value;

  if (error_object == NULL || code_name == NULL)
    {
      error = g_error_new (CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE,
                           _("The portal answered with an unexpected error (HTTP %u)."), status);
      error_private (error)->http_status = status;
      return error;
    }

  code = cartable_portal_error_code_from_string (code_name);
  error = new_error (code, describe_code (code));
  priv = error_private (error);
  priv->http_status = status;
  priv->portal_code = g_steal_pointer (&code_name);
  priv->portal_message = dup_string_member (error_object, "message");

  if (get_int_member (error_object, "attempts_left", &value))
    priv->attempts_left = (int) CLAMP (value, 0, G_MAXINT);
  if (get_int_member (error_object, "retry_after", &value))
    priv->retry_after = (int) CLAMP (value, 0, G_MAXINT);
  else
    {
      const char *header = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                                         "Retry-After");
      guint64 seconds;

      if (header != NULL && g_ascii_string_to_unsigned (header, 10, 0, G_MAXINT, &seconds, NULL))
        priv->retry_after = (int) seconds;
    }

  array = get_array_member (error_object, "violations");
  if (array != NULL)
    {
      g_autoptr(GStrvBuilder) rules = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) messages = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          g_autofree char *rule = dup_string_member (item, "rule");
          g_autofree char *message = dup_string_member (item, "message");

          if (rule == NULL)
            continue;
          g_strv_builder_add (rules, rule);
          g_strv_builder_add (messages, message != NULL ? message : "");
        }

      priv->violated_rules = g_strv_builder_end (rules);
      priv->violation_messages = g_strv_builder_end (messages);
    }

  array = get_array_member (error_object, "fields");
  if (array != NULL)
    {
      g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (fields, json_node_get_string (node));
        }
      priv->fields = g_strv_builder_end (fields);
    }

  return error;
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
      g_task_return_error (task, error_from_response (request, status, root));
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
              ParseFunc            parse,
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

static GBytes *
build_body (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_with_free_func (data, length, (GDestroyNotify) g_free, data);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* ----------------------------------------------------------------- endpoints */

void
cartable_portal_get_info_async (CartablePortal      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CARTABLE_IS_PORTAL (self));

  send_request (self, "GET", "", NULL, NULL, NULL, parse_info, (GDestroyNotify) cartable_portal_info_free,
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
  add_string (builder, "identifier", identifier);
  add_string (builder, "code", code);
  add_string (builder, "birth_date", birth_date);
  add_string (builder, "password", password);
  json_builder_end_object (builder);
  body = build_body (builder);

  send_request (self, "POST", "activation", body, NULL, NULL, parse_account,
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

  send_request (self, "GET", "terms", NULL, NULL, NULL, parse_terms, (GDestroyNotify) cartable_portal_terms_free,
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
  add_string (builder, "numen", numen);
  add_string (builder, "birth_date", birth_date);
  json_builder_set_member_name (builder, "terms_accepted");
  json_builder_add_boolean_value (builder, terms_accepted);
  add_string (builder, "terms_version", terms_version);
  add_string (builder, "password", password);
  json_builder_end_object (builder);
  body = build_body (builder);

  send_request (self, "POST", "activation/other-academy", body, NULL, NULL, parse_account,
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

  send_request (self, "GET", "password-policy", NULL, NULL, NULL, parse_policy,
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

  send_request (self, "GET", "account", NULL, identifier, password, parse_account,
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
  add_string (builder, "current_password", current_password);
  add_string (builder, "new_password", new_password);
  json_builder_end_object (builder);
  body = build_body (builder);

  send_request (self, "POST", "account/password", body, identifier, current_password, parse_account,
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
  add_string (builder, "identifier", identifier);
  add_string (builder, "numen", numen);
  add_string (builder, "birth_date", birth_date);
  json_builder_end_object (builder);
  body = build_body (builder);

  send_request (self, "POST", "recovery", body, NULL, NULL, parse_recovery,
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

  send_request (self, "GET", "public/services", NULL, NULL, NULL, parse_services,
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
  add_string (builder, "name", name);
  add_string (builder, "email", email);
  add_string (builder, "service", service);
  add_string (builder, "subject", subject);
  add_string (builder, "message", message);
  json_builder_end_object (builder);
  body = build_body (builder);

  send_request (self, "POST", "public/contact", body, NULL, NULL, parse_ticket,
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

  send_request (self, method, path, body, identifier, password, parse_raw, (GDestroyNotify) json_node_unref,
                cartable_portal_request_async, cancellable, callback, user_data);
}

JsonNode *
cartable_portal_request_finish (CartablePortal  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return finish_typed (self, result, cartable_portal_request_async, error);
}

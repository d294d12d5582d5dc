/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-portal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-portal-private.h"

/* The portal's error domain, whose private data carries the machine fields
 * of an error answer, and the boxed result types. */

/* -------------------------------------------------------------------- errors */


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

const char *
_cartable_portal_error_describe_code (CartablePortalError code)
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

CartablePortalErrorPrivate *
_cartable_portal_error_private (GError *error)
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

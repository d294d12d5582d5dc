/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-onboarding"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-engine.h"
#include "cartable-onboarding-errors.h"
#include "cartable-onboarding-field.h"

/*
 * Turns the errors of the portal and of the login into French sentences
 * that say what happened and what to do next. Plain functions: the unit
 * tests check them without a display.
 */

guint
cartable_onboarding_minutes_from_seconds (int seconds)
{
  if (seconds <= 0)
    return 1;
  return (guint) ((seconds + 59) / 60);
}

static char *
attempts_sentence (const GError *error)
{
  int left = cartable_portal_error_get_attempts_left (error);

  if (left < 0)
    return g_strdup ("");
  if (left == 0)
    return g_strdup (_("Your account is now locked for a while."));

  return g_strdup_printf (ngettext ("%d attempt left before your account is locked for a while.",
                                    "%d attempts left before your account is locked for a while.",
                                    left),
                          left);
}

static char *
wait_sentence (const GError *error)
{
  int seconds = cartable_portal_error_get_retry_after (error);
  guint minutes;

  if (seconds < 0)
    return g_strdup (_("Wait a few minutes, then try again."));

  minutes = cartable_onboarding_minutes_from_seconds (seconds);
  if (minutes > 90)
    {
      guint hours = (minutes + 59) / 60;

      return g_strdup_printf (ngettext ("Wait %u hour, then try again.",
                                        "Wait %u hours, then try again.",
                                        hours),
                              hours);
    }
  return g_strdup_printf (ngettext ("Wait %u minute, then try again.",
                                    "Wait %u minutes, then try again.",
                                    minutes),
                          minutes);
}

static const char *
field_name (const char *field)
{
  static const struct { const char *field; const char *name; } names[] = {
    { "identifier", N_("identifier") },
    { "code", N_("activation code") },
    { "birth_date", N_("date of birth") },
    { "password", N_("new password") },
    { "new_password", N_("new password") },
    { "current_password", N_("current password") },
    { "numen", N_("NUMEN") },
    { "terms_accepted", N_("acceptance of the terms") },
    { "terms_version", N_("acceptance of the terms") },
    { "name", N_("name") },
    { "email", N_("e-mail address") },
    { "service", N_("service") },
    { "subject", N_("subject") },
    { "message", N_("message") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (field, names[i].field))
      return _(names[i].name);

  return field;
}

static char *
join_sentences (const char *first,
                const char *second)
{
  if (second == NULL || *second == '\0')
    return g_strdup (first);
  return g_strconcat (first, " ", second, NULL);
}

static char *
describe_portal_error (const GError           *error,
                       CartableOnboardingFlow  flow)
{
  g_autofree char *attempts = attempts_sentence (error);
  g_autofree char *wait = NULL;

  switch ((CartablePortalError) error->code)
    {
    case CARTABLE_PORTAL_ERROR_NETWORK:
      return g_strdup (_("The academy portal cannot be reached. Check that this computer is connected to the Internet, then try again."));

    case CARTABLE_PORTAL_ERROR_TIMEOUT:
      return g_strdup (_("The academy portal did not answer in time. Try again in a moment."));

    case CARTABLE_PORTAL_ERROR_CERTIFICATE:
      {
        GTlsCertificateFlags flags = cartable_portal_error_get_tls_errors (error);
        g_autofree char *why = NULL;

        if (flags == 0)
          return g_strdup (_("The identity of the academy portal could not be verified. For your safety Cartable stops here: contact your academy’s IT assistance."));
        why = cartable_tls_describe_errors (flags);
        return g_strdup_printf (_("The identity of the academy portal could not be verified (%s). For your safety Cartable stops here: contact your academy’s IT assistance."),
                                why);
      }

    case CARTABLE_PORTAL_ERROR_RATE_LIMITED:
      wait = wait_sentence (error);
      return join_sentences (_("Too many requests came from this network."), wait);

    case CARTABLE_PORTAL_ERROR_INTERNAL:
      return g_strdup (_("The academy portal could not save the change, and nothing was changed. Try again later."));

    case CARTABLE_PORTAL_ERROR_INVALID_REQUEST:
      {
        const char * const *fields = cartable_portal_error_get_fields (error);
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
          {
            const char *name = field_name (fields[i]);

            if (strstr (list->str, name) != NULL)
              continue;
            if (list->len > 0)
              g_string_append (list, ", ");
            g_string_append (list, name);
          }

        if (list->len == 0)
          return g_strdup (_("The portal refused the form. Check each field, then try again."));
        return g_strdup_printf (_("The portal refused these fields: %s. Check them, then try again."), list->str);
      }

    case CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT:
      if (flow == CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY)
        return g_strdup (_("No account from another academy has this NUMEN. Check your NUMEN (it is on your pay slip); if it is right, your new academy has not created your account yet: contact your school’s secretariat."));
      return g_strdup (_("No account has this identifier. Check it on the letter from your school (for example mdurand)."));

    case CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED:
      wait = wait_sentence (error);
      return join_sentences (_("Your account is locked after too many failed attempts."), wait);

    case CARTABLE_PORTAL_ERROR_INVALID_CODE:
      return join_sentences (_("The activation code is not right. Check it on your letter: letters and digits, for example K7QF-9XTA."),
                             attempts);

    case CARTABLE_PORTAL_ERROR_CODE_ALREADY_USED:
      return g_strdup (_("This activation code has already been used. If you have no password yet, choose “I lost my code” to get a new one."));

    case CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH:
      if (flow == CARTABLE_ONBOARDING_FLOW_RECOVERY)
        return join_sentences (_("The NUMEN or the date of birth does not match this account. Check both."), attempts);
      return join_sentences (_("The date of birth does not match this account. Check it: day, month, then year (DD/MM/YYYY)."),
                             attempts);

    case CARTABLE_PORTAL_ERROR_CODE_EXPIRED:
      return g_strdup (_("This activation code has expired. Choose “I lost my code”: a new one will be sent to your school."));

    case CARTABLE_PORTAL_ERROR_PASSWORD_POLICY:
      {
        const char * const *messages = cartable_portal_error_get_violation_messages (error);
        g_autofree char *rules = NULL;

        if (messages == NULL || messages[0] == NULL)
          return g_strdup (_("The new password does not follow the academy’s rules. Choose another one."));
        rules = g_strjoinv (" ", (char **) messages);
        return g_strdup_printf (_("The new password does not follow these rules of the academy: %s Choose another one."),
                                rules);
      }

    case CARTABLE_PORTAL_ERROR_ALREADY_ACTIVE:
      return g_strdup (_("This account is already active. Sign in with your identifier and password; if you lost your password, choose “I lost my code”."));

    case CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED:
      return g_strdup (_("The terms of use must be accepted to activate the account. Read them, tick the box, then try again."));

    case CARTABLE_PORTAL_ERROR_UNAUTHORIZED:
      return join_sentences (_("The identifier or the password is not right. Check them (mind the capital letters)."), attempts);

    case CARTABLE_PORTAL_ERROR_INVALID_CURRENT_PASSWORD:
      return join_sentences (_("The current password is not right. Type the password you signed in with."), attempts);

    case CARTABLE_PORTAL_ERROR_UNKNOWN_SERVICE:
      return g_strdup (_("This service no longer takes messages. Choose another service in the list."));

    case CARTABLE_PORTAL_ERROR_FAILED:
    case CARTABLE_PORTAL_ERROR_INVALID_RESPONSE:
    case CARTABLE_PORTAL_ERROR_MALFORMED_JSON:
    case CARTABLE_PORTAL_ERROR_NOT_FOUND:
    case CARTABLE_PORTAL_ERROR_METHOD_NOT_ALLOWED:
    case CARTABLE_PORTAL_ERROR_BODY_TOO_LARGE:
    default:
      {
        const char *portal_message = cartable_portal_error_get_portal_message (error);

        /* The portal's own French sentence is better than nothing. */
        if (portal_message != NULL && *portal_message != '\0')
          return g_strdup (portal_message);
        return g_strdup (_("The academy portal gave an answer Cartable does not understand. Try again later; if it goes on, contact your academy’s IT assistance."));
      }
    }
}

static char *
describe_server_error (const GError *error)
{
  switch ((CartableServerError) error->code)
    {
    case CARTABLE_SERVER_ERROR_RESOLVE:
    case CARTABLE_SERVER_ERROR_UNREACHABLE:
      return g_strdup (_("The academy’s mail server cannot be reached. Check that this computer is connected to the Internet, then try again."));
    case CARTABLE_SERVER_ERROR_TLS:
    case CARTABLE_SERVER_ERROR_CERTIFICATE:
      return g_strdup (_("The identity of the academy’s mail server could not be verified. For your safety Cartable stops here: contact your academy’s IT assistance."));
    case CARTABLE_SERVER_ERROR_AUTHENTICATION:
      return g_strdup (_("The identifier or the password is not right. Check them (mind the capital letters), then try again."));
    case CARTABLE_SERVER_ERROR_TIMEOUT:
      return g_strdup (_("The academy’s mail server did not answer in time. Try again in a moment."));
    case CARTABLE_SERVER_ERROR_PROTOCOL:
    default:
      return g_strdup (_("The academy’s mail server gave an unexpected answer. Try again later; if it goes on, contact your academy’s IT assistance."));
    }
}

/* Signing in with an address: the directory could not say whose it is. */
static char *
describe_directory_error (const GError *error)
{
  switch ((CartableDirectoryError) error->code)
    {
    case CARTABLE_DIRECTORY_ERROR_NOT_FOUND:
      return g_strdup (_("No account of the academy has this address. Check it, or sign in with your identifier (INA), as written on your letter."));
    case CARTABLE_DIRECTORY_ERROR_AMBIGUOUS:
      return g_strdup (_("Several accounts share this address: sign in with your identifier (INA), as written on your letter."));
    case CARTABLE_DIRECTORY_ERROR_CERTIFICATE:
      return g_strdup (_("The identity of the academic directory could not be verified, so Cartable did not ask it whose address this is. Sign in with your identifier (INA)."));
    case CARTABLE_DIRECTORY_ERROR_UNAVAILABLE:
    case CARTABLE_DIRECTORY_ERROR_UNREACHABLE:
    case CARTABLE_DIRECTORY_ERROR_FAILED:
    default:
      return g_strdup (_("The academic directory could not say whose address this is. Sign in with your identifier (INA), as written on your letter."));
    }
}

/**
 * cartable_onboarding_describe_error:
 * @error: an error of the portal, the login or the profile
 * @flow: the form the error comes from
 *
 * Returns: (transfer full): a sentence for the user, saying what happened
 *   and what to do (attempts left, minutes to wait, broken rules)
 */
char *
cartable_onboarding_describe_error (const GError           *error,
                                    CartableOnboardingFlow  flow)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CARTABLE_PORTAL_ERROR)
    return describe_portal_error (error, flow);
  if (error->domain == CARTABLE_SERVER_ERROR)
    return describe_server_error (error);
  if (error->domain == CARTABLE_DIRECTORY_ERROR)
    return describe_directory_error (error);
  if (error->domain == CARTABLE_ACADEMY_PROFILE_ERROR)
    return g_strdup_printf (_("The academy’s settings cannot be used: %s. Choose another academy, or contact its IT assistance."),
                            error->message);
  if (error->domain == CARTABLE_ACCOUNT_STORE_ERROR && error->code == CARTABLE_ACCOUNT_STORE_ERROR_EXISTS)
    return g_strdup (_("This account is already set up in Cartable."));

  return g_strdup_printf (_("Something went wrong: %s. Try again; if it goes on, contact your academy’s IT assistance."),
                          error->message);
}

int
cartable_onboarding_error_field (const GError           *error,
                                 CartableOnboardingFlow  flow)
{
  g_return_val_if_fail (error != NULL, -1);

  if (error->domain == CARTABLE_SERVER_ERROR)
    return error->code == CARTABLE_SERVER_ERROR_AUTHENTICATION ? CARTABLE_ONBOARDING_FIELD_PASSWORD : -1;
  if (error->domain == CARTABLE_DIRECTORY_ERROR)
    return error->code == CARTABLE_DIRECTORY_ERROR_NOT_FOUND || error->code == CARTABLE_DIRECTORY_ERROR_AMBIGUOUS
           ? CARTABLE_ONBOARDING_FIELD_IDENTIFIER : -1;
  if (error->domain != CARTABLE_PORTAL_ERROR)
    return -1;

  switch ((CartablePortalError) error->code)
    {
    case CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT:
      return flow == CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY ? CARTABLE_ONBOARDING_FIELD_NUMEN
                                                            : CARTABLE_ONBOARDING_FIELD_IDENTIFIER;
    case CARTABLE_PORTAL_ERROR_ALREADY_ACTIVE:
      return CARTABLE_ONBOARDING_FIELD_IDENTIFIER;
    case CARTABLE_PORTAL_ERROR_INVALID_CODE:
    case CARTABLE_PORTAL_ERROR_CODE_ALREADY_USED:
    case CARTABLE_PORTAL_ERROR_CODE_EXPIRED:
      return CARTABLE_ONBOARDING_FIELD_CODE;
    case CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH:
      return flow == CARTABLE_ONBOARDING_FLOW_RECOVERY ? CARTABLE_ONBOARDING_FIELD_NUMEN
                                                       : CARTABLE_ONBOARDING_FIELD_BIRTH_DATE;
    case CARTABLE_PORTAL_ERROR_PASSWORD_POLICY:
      return CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD;
    case CARTABLE_PORTAL_ERROR_UNAUTHORIZED:
    case CARTABLE_PORTAL_ERROR_INVALID_CURRENT_PASSWORD:
      return CARTABLE_ONBOARDING_FIELD_PASSWORD;
    default:
      return -1;
    }
}

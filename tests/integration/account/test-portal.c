/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cartable-test-account.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("portal");

/*
 * CartablePortal against the reference portal of a loopback academy: every
 * endpoint of docs/portal-api.md, and every documented error with its
 * machine fields (attempts left, retry after, violations, fields). The lock
 * time is 3 s so that a lock can be waited out; the rate limit is high here
 * and low on a second instance for the rate-limit case.
 */

#define NEW_PASSWORD "Une phrase de passe 2024"

static AccountTestAcademy *academy;
static CartablePortal *portal;

static GAsyncResult *result;

#define WAIT() cartable_test_wait_result (&result, 0)
#define CB cartable_test_result_cb, &result

static void
assert_portal_error (const GError *error,
                     int           code,
                     guint         status)
{
  g_assert_error (error, CARTABLE_PORTAL_ERROR, code);
  g_assert_cmpuint (cartable_portal_error_get_http_status (error), ==, status);
  g_assert_cmpstr (cartable_portal_error_get_portal_code (error), ==, cartable_portal_error_code_to_string (code));
  g_assert_nonnull (cartable_portal_error_get_portal_message (error));
  g_assert_true (g_utf8_validate (cartable_portal_error_get_portal_message (error), -1, NULL));
}

static CartablePortalAccount *
activate (const char  *identifier,
          const char  *code,
          const char  *birth,
          const char  *password,
          GError     **error)
{
  g_clear_object (&result);
  cartable_portal_activate_async (portal, identifier, code, birth, password, NULL, CB);
  return cartable_portal_activate_finish (portal, WAIT (), error);
}

static CartablePortalAccount *
activate_other (const char  *numen,
                const char  *birth,
                gboolean     accepted,
                const char  *version,
                const char  *password,
                GError     **error)
{
  g_clear_object (&result);
  cartable_portal_activate_other_academy_async (portal, numen, birth, accepted, version, password, NULL, CB);
  return cartable_portal_activate_other_academy_finish (portal, WAIT (), error);
}

static CartablePortalAccount *
get_account (CartablePortal  *client,
             const char      *identifier,
             const char      *password,
             GError         **error)
{
  g_clear_object (&result);
  cartable_portal_get_account_async (client, identifier, password, NULL, CB);
  return cartable_portal_get_account_finish (client, WAIT (), error);
}

static JsonNode *
raw (const char  *method,
     const char  *path,
     const char  *body,
     gssize       length,
     const char  *identifier,
     const char  *password,
     GError     **error)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length) : NULL;

  g_clear_object (&result);
  cartable_portal_request_async (portal, method, path, bytes, identifier, password, NULL, CB);
  return cartable_portal_request_finish (portal, WAIT (), error);
}

/* ---------------------------------------------------------------- public */

CARTABLE_TEST ("info-terms-policy", test_info_terms_policy)
{
  g_autoptr(CartablePortalInfo) info = NULL;
  g_autoptr(CartablePortalTerms) terms = NULL;
  g_autoptr(CartablePasswordPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_rule = FALSE;

  g_clear_object (&result);
  cartable_portal_get_info_async (portal, NULL, CB);
  info = cartable_portal_get_info_finish (portal, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->api, ==, "academy-portal");
  g_assert_cmpint (info->version, ==, 1);
  g_assert_cmpstr (info->academy_id, ==, "normandie");
  g_assert_cmpstr (info->academy_domain, ==, "ac-normandie.fr");
  g_assert_nonnull (info->terms_version);

  g_clear_object (&result);
  cartable_portal_get_terms_async (portal, NULL, CB);
  terms = cartable_portal_get_terms_finish (portal, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (terms->version, ==, info->terms_version);
  g_assert_nonnull (terms->title);
  g_assert_nonnull (strstr (terms->text, "\n\n"));

  g_clear_object (&result);
  cartable_portal_get_password_policy_async (portal, NULL, CB);
  policy = cartable_portal_get_password_policy_finish (portal, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (policy->min_length, ==, 12);
  g_assert_cmpuint (policy->max_length, ==, 128);
  g_assert_cmpuint (policy->min_classes, ==, 3);
  g_assert_cmpuint (g_strv_length (policy->classes), ==, 4);
  g_assert_cmpuint (policy->rules->len, ==, 5);
  for (guint i = 0; i < policy->rules->len; i++)
    {
      CartablePasswordRule *rule = g_ptr_array_index (policy->rules, i);

      g_assert_nonnull (rule->description);
      has_rule |= g_str_equal (rule->rule, "differs_from_current");
    }
  g_assert_true (has_rule);
}

CARTABLE_TEST ("public-contact", test_public_contact)
{
  g_autoptr(GError) error = NULL;
  gboolean has_examens = FALSE;

  g_clear_object (&result);
  cartable_portal_list_services_async (portal, NULL, CB);
  g_autoptr(GPtrArray) services = cartable_portal_list_services_finish (portal, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, >=, 2);
  for (guint i = 0; i < services->len; i++)
    {
      CartablePortalService *service = g_ptr_array_index (services, i);

      g_assert_nonnull (service->name);
      has_examens |= g_str_equal (service->id, "examens");
    }
  g_assert_true (has_examens);

  g_clear_object (&result);
  cartable_portal_contact_async (portal, "Jeanne Martin", "jeanne.martin@example.org", "examens",
                                 "Relevé de notes du baccalauréat", "Bonjour, je cherche mon relevé de 2019.",
                                 NULL, CB);
  g_autoptr(CartablePortalTicket) ticket = cartable_portal_contact_finish (portal, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ticket->ticket, "NOR-"));
  g_assert_cmpstr (ticket->service, ==, "examens");
  g_assert_nonnull (ticket->received_at);

  /* The service receives it, with the ticket number. */
  g_autofree char *header = g_strdup_printf ("X-Academy-Ticket: %s", ticket->ticket);
  g_autofree char *mail = account_test_academy_wait_for_mail (academy, "examens@ac-normandie.fr", header);
  g_assert_nonnull (strstr (mail, "jeanne.martin@example.org"));

  g_clear_object (&result);
  cartable_portal_contact_async (portal, "Jeanne Martin", "jeanne.martin@example.org", "examens",
                                 "Deuxième demande", "Bonjour.", NULL, CB);
  g_autoptr(CartablePortalTicket) second = cartable_portal_contact_finish (portal, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->ticket, >, ticket->ticket);

  /* unknown_service */
  g_clear_object (&result);
  cartable_portal_contact_async (portal, "Jeanne Martin", "jeanne.martin@example.org", "cantine",
                                 "Menu", "Bonjour.", NULL, CB);
  g_assert_null (cartable_portal_contact_finish (portal, WAIT (), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNKNOWN_SERVICE, 422);
  g_clear_error (&error);

  /* invalid_request, with the fields named */
  g_clear_object (&result);
  cartable_portal_contact_async (portal, "Jeanne Martin", "pas-une-adresse", "examens", "", "Bonjour.", NULL, CB);
  g_assert_null (cartable_portal_contact_finish (portal, WAIT (), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_INVALID_REQUEST, 400);
  g_assert_true (g_strv_contains (cartable_portal_error_get_fields (error), "email"));
  g_assert_true (g_strv_contains (cartable_portal_error_get_fields (error), "subject"));
}

/* ------------------------------------------------------------ activation */

CARTABLE_TEST ("activation", test_activation)
{
  g_autoptr(CartablePortalAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *code = cartable_test_stack_account (academy->stack, "cmoreau", "code");
  const char *birth = cartable_test_stack_account (academy->stack, "cmoreau", "birth_date");
  g_autofree char *sloppy_code = NULL;

  /* password_policy lists every broken rule and does not consume the code. */
  account = activate ("cmoreau", code, birth, "court", &error);
  g_assert_null (account);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY, 422);
  g_assert_true (g_strv_contains (cartable_portal_error_get_violated_rules (error), "min_length"));
  g_assert_true (g_strv_contains (cartable_portal_error_get_violated_rules (error), "character_classes"));
  g_assert_cmpuint (g_strv_length ((GStrv) cartable_portal_error_get_violation_messages (error)), ==,
                    g_strv_length ((GStrv) cartable_portal_error_get_violated_rules (error)));
  g_clear_error (&error);

  account = activate ("cmoreau", "Cmoreau-2024-mot", birth, "Cmoreau est mon nom 2024", &error);
  g_assert_null (account);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_INVALID_CODE, 403);
  g_clear_error (&error);

  /* The code is compared ignoring case, spaces and dashes. */
  sloppy_code = g_ascii_strdown (code, -1);
  g_strdelimit (sloppy_code, "-", ' ');
  account = activate (" CMoreau ", sloppy_code, birth, NEW_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->identifier, ==, "cmoreau");
  g_assert_cmpstr (account->email, ==, "camille.moreau@ac-normandie.fr");
  g_assert_cmpstr (account->display_name, ==, "Camille Moreau");
  g_assert_cmpstr (account->state, ==, "active");
  g_assert_false (account->must_change_password);
  g_clear_pointer (&account, cartable_portal_account_free);

  /* code_already_used */
  account = activate ("cmoreau", code, birth, NEW_PASSWORD, &error);
  g_assert_null (account);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_CODE_ALREADY_USED, 409);
  g_clear_error (&error);

  /* The new password works for the account status. */
  account = get_account (portal, "cmoreau", NEW_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->state, ==, "active");
  g_assert_cmpstr (account->origin, ==, "academy");
}

CARTABLE_TEST ("activation-errors", test_activation_errors)
{
  g_autoptr(GError) error = NULL;
  const char *code = cartable_test_stack_account (academy->stack, "lgirard", "code");
  const char *birth = cartable_test_stack_account (academy->stack, "lgirard", "birth_date");

  /* unknown_account */
  g_assert_null (activate ("personne", "AAAA-AAAA", "1980-01-01", NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, 404);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, -1);
  g_clear_error (&error);

  /* invalid_code, attempts left */
  g_assert_null (activate ("lgirard", "ZZZZ-ZZZZ", birth, NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_INVALID_CODE, 403);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 4);
  g_clear_error (&error);

  /* identity_mismatch, attempts left */
  g_assert_null (activate ("lgirard", code, "1950-01-01", NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, 403);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 3);
  g_clear_error (&error);

  /* code_expired */
  g_assert_null (activate ("rdupont", cartable_test_stack_account (academy->stack, "rdupont", "code"), cartable_test_stack_account (academy->stack, "rdupont", "birth_date"), NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_CODE_EXPIRED, 410);
  g_clear_error (&error);

  /* account_locked, with the waiting time */
  g_assert_null (activate ("hmercier", "AAAA-AAAA", cartable_test_stack_account (academy->stack, "hmercier", "birth_date"), NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, 423);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), >, 0);
  g_clear_error (&error);

  /* A success resets the counter. */
  {
    g_autoptr(CartablePortalAccount) account = activate ("lgirard", code, birth, NEW_PASSWORD, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (account->state, ==, "active");
  }
}

CARTABLE_TEST ("lock-and-unlock", test_lock_and_unlock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartablePortalAccount) account = NULL;
  const char *code = cartable_test_stack_account (academy->stack, "nbonnet", "code");
  const char *birth = cartable_test_stack_account (academy->stack, "nbonnet", "birth_date");
  int retry = -1;

  for (int attempt = 1; attempt <= 5; attempt++)
    {
      g_assert_null (activate ("nbonnet", "ZZZZ-ZZZZ", birth, NEW_PASSWORD, &error));
      if (attempt < 5)
        {
          assert_portal_error (error, CARTABLE_PORTAL_ERROR_INVALID_CODE, 403);
          g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 5 - attempt);
        }
      else
        {
          /* The attempt that reaches the limit already answers account_locked. */
          assert_portal_error (error, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, 423);
          retry = cartable_portal_error_get_retry_after (error);
        }
      g_clear_error (&error);
    }

  g_assert_cmpint (retry, >, 0);
  g_assert_cmpint (retry, <=, 3);

  /* Even the right secrets are refused while locked… */
  g_assert_null (activate ("nbonnet", code, birth, NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, 423);
  g_clear_error (&error);

  /* …and accepted once the lock has passed. */
  g_usleep ((retry + 1) * G_USEC_PER_SEC);
  account = activate ("nbonnet", code, birth, NEW_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->identifier, ==, "nbonnet");
}

CARTABLE_TEST ("other-academy", test_other_academy)
{
  g_autoptr(CartablePortalTerms) terms = NULL;
  g_autoptr(CartablePortalAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *numen = cartable_test_stack_account (academy->stack, "elambert", "numen");
  const char *birth = cartable_test_stack_account (academy->stack, "elambert", "birth_date");

  g_clear_object (&result);
  cartable_portal_get_terms_async (portal, NULL, CB);
  terms = cartable_portal_get_terms_finish (portal, WAIT (), &error);
  g_assert_no_error (error);

  /* unknown_account */
  g_assert_null (activate_other ("10P0000000AAA", birth, TRUE, terms->version, NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, 404);
  g_clear_error (&error);

  /* identity_mismatch, until the account locks (account_locked); the end of the lock resets the count */
  for (int attempt = 1; attempt <= 5; attempt++)
    {
      g_assert_null (activate_other (numen, "1950-01-01", TRUE, terms->version, NEW_PASSWORD, &error));
      if (attempt < 5)
        {
          assert_portal_error (error, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, 403);
          g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 5 - attempt);
        }
      else
        {
          int retry;

          assert_portal_error (error, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, 423);
          retry = cartable_portal_error_get_retry_after (error);
          g_assert_cmpint (retry, >, 0);
          g_usleep ((retry + 1) * G_USEC_PER_SEC);
        }
      g_clear_error (&error);
    }

  g_assert_null (activate_other (numen, "1950-01-01", TRUE, terms->version, NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, 403);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 4);
  g_clear_error (&error);

  /* terms_not_accepted: not ticked, or an old version */
  g_assert_null (activate_other (numen, birth, FALSE, terms->version, NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED, 422);
  g_clear_error (&error);
  g_assert_null (activate_other (numen, birth, TRUE, "1999-01", NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED, 422);
  g_clear_error (&error);

  /* password_policy: not_identifier */
  g_assert_null (activate_other (numen, birth, TRUE, terms->version, "ELAMBERT-elambert-2024", &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY, 422);
  g_assert_true (g_strv_contains (cartable_portal_error_get_violated_rules (error), "not_identifier"));
  g_clear_error (&error);

  /* success: the identifier to use from now on comes back */
  account = activate_other (g_ascii_strdown (numen, -1), birth, TRUE, terms->version, NEW_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->identifier, ==, "elambert");
  g_assert_cmpstr (account->state, ==, "active");
  g_clear_pointer (&account, cartable_portal_account_free);

  /* already_active */
  g_assert_null (activate_other (numen, birth, TRUE, terms->version, NEW_PASSWORD, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_ALREADY_ACTIVE, 409);
  g_clear_error (&error);

  account = get_account (portal, "elambert", NEW_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->origin, ==, "other-academy");
}

/* ----------------------------------------------------- account, password */

CARTABLE_TEST ("account-status", test_account_status)
{
  g_autoptr(CartablePortalAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = get_account (portal, "mdurand", cartable_test_stack_account (academy->stack, "mdurand", "password"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->identifier, ==, "mdurand");
  g_assert_cmpstr (account->email, ==, "marie.durand@ac-normandie.fr");
  g_assert_false (account->must_change_password);
  g_assert_false (account->recovery_pending);
  g_assert_nonnull (account->school);
  g_assert_cmpstr (account->school->uai, ==, cartable_test_stack_account (academy->stack, "mdurand", "school"));
  g_assert_nonnull (account->school->name);
  g_clear_pointer (&account, cartable_portal_account_free);

  account = get_account (portal, "sroux", cartable_test_stack_account (academy->stack, "sroux", "password"), &error);
  g_assert_no_error (error);
  g_assert_true (account->must_change_password);
  g_clear_pointer (&account, cartable_portal_account_free);

  /* unauthorized: wrong password (attempts left), unknown identifier */
  g_assert_null (get_account (portal, "tlefebvre", "Mauvais mot de passe 1", &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNAUTHORIZED, 401);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 4);
  g_clear_error (&error);

  g_assert_null (get_account (portal, "personne", "Mauvais mot de passe 1", &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);

  /* account_locked */
  g_assert_null (get_account (portal, "hmercier", cartable_test_stack_account (academy->stack, "hmercier", "password"), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, 423);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), >, 0);
  g_clear_error (&error);

  /* A success resets tlefebvre's counter. */
  account = get_account (portal, "tlefebvre", cartable_test_stack_account (academy->stack, "tlefebvre", "password"), &error);
  g_assert_no_error (error);
}

CARTABLE_TEST ("change-password", test_change_password)
{
  g_autoptr(CartablePortalAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *current = cartable_test_stack_account (academy->stack, "tlefebvre", "password");
  const char *next = "Nouvelle phrase secrète 2025";

  /* password_policy with differs_from_current */
  g_clear_object (&result);
  cartable_portal_change_password_async (portal, "tlefebvre", current, current, NULL, CB);
  g_assert_null (cartable_portal_change_password_finish (portal, WAIT (), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY, 422);
  g_assert_true (g_strv_contains (cartable_portal_error_get_violated_rules (error), "differs_from_current"));
  g_clear_error (&error);

  /* invalid_current_password: Basic is right, the body's current password is not */
  node = raw ("POST", "account/password",
              "{\"current_password\": \"Pas le bon 2024!\", \"new_password\": \"Nouvelle phrase secrète 2025\"}", -1,
              "tlefebvre", current, &error);
  g_assert_null (node);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_INVALID_CURRENT_PASSWORD, 403);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 4);
  g_clear_error (&error);

  /* unauthorized: a wrong current password fails Basic authentication first */
  g_clear_object (&result);
  cartable_portal_change_password_async (portal, "tlefebvre", "Pas le bon 2024!", next, NULL, CB);
  g_assert_null (cartable_portal_change_password_finish (portal, WAIT (), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNAUTHORIZED, 401);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 3);
  g_clear_error (&error);

  /* account_locked */
  g_clear_object (&result);
  cartable_portal_change_password_async (portal, "hmercier", cartable_test_stack_account (academy->stack, "hmercier", "password"), next, NULL, CB);
  g_assert_null (cartable_portal_change_password_finish (portal, WAIT (), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, 423);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), >, 0);
  g_clear_error (&error);

  g_clear_object (&result);
  cartable_portal_change_password_async (portal, "tlefebvre", current, next, NULL, CB);
  account = cartable_portal_change_password_finish (portal, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_false (account->must_change_password);
  g_assert_nonnull (account->password_changed_at);
  g_clear_pointer (&account, cartable_portal_account_free);

  /* The old password no longer works, the new one does. */
  g_assert_null (get_account (portal, "tlefebvre", current, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNAUTHORIZED, 401);
  g_clear_error (&error);
  account = get_account (portal, "tlefebvre", next, &error);
  g_assert_no_error (error);
}

/* --------------------------------------------------------------- recovery */

static CartablePortalRecovery *
recover (const char  *identifier,
         const char  *numen,
         const char  *birth,
         GError     **error)
{
  g_clear_object (&result);
  cartable_portal_recover_async (portal, identifier, numen, birth, NULL, CB);
  return cartable_portal_recover_finish (portal, WAIT (), error);
}

CARTABLE_TEST ("recovery", test_recovery)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mailbox = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  const char *old_code = cartable_test_stack_account (academy->stack, "afournier", "code");
  const char *numen = cartable_test_stack_account (academy->stack, "afournier", "numen");
  const char *birth = cartable_test_stack_account (academy->stack, "afournier", "birth_date");

  /* unknown_account, identity_mismatch, account_locked */
  g_assert_null (recover ("personne", numen, birth, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_UNKNOWN_ACCOUNT, 404);
  g_clear_error (&error);

  g_assert_null (recover ("afournier", "10P0000000AAA", birth, &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_IDENTITY_MISMATCH, 403);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 4);
  g_clear_error (&error);

  g_assert_null (recover ("hmercier", cartable_test_stack_account (academy->stack, "hmercier", "numen"), cartable_test_stack_account (academy->stack, "hmercier", "birth_date"), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_ACCOUNT_LOCKED, 423);
  g_clear_error (&error);

  g_autoptr(CartablePortalRecovery) recovery = recover ("afournier", numen, birth, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (recovery->delivery, ==, "school_secretariat");
  g_assert_nonnull (recovery->school);
  g_assert_cmpstr (recovery->school->uai, ==, cartable_test_stack_account (academy->stack, "afournier", "school"));
  g_assert_nonnull (recovery->code_expires_at);

  /* The "letter" arrives at the school's secretariat. */
  {
    g_autofree char *uai = g_ascii_strdown (recovery->school->uai, -1);
    mailbox = g_strdup_printf ("ce.%s@ac-normandie.fr", uai);
  }
  g_autofree char *mail = account_test_academy_wait_for_mail (academy, mailbox, "afournier");
  g_autoptr(GRegex) regex = g_regex_new ("Code d'activation : ([A-Z0-9]{4}-[A-Z0-9]{4})", 0, 0, NULL);
  g_assert_true (g_regex_match (regex, mail, 0, &match));
  g_autofree char *new_code = g_match_info_fetch (match, 1);
  g_assert_cmpstr (new_code, !=, old_code);

  /* The old code is void; the new one activates. */
  g_assert_null (activate ("afournier", old_code, birth, NEW_PASSWORD, &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_autoptr(CartablePortalAccount) account = activate ("afournier", new_code, birth, NEW_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->state, ==, "active");
}

CARTABLE_TEST ("internal-error", test_internal_error)
{
  g_autofree char *maildir = NULL;
  g_autofree char *hidden = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uai = g_ascii_strdown (cartable_test_stack_account (academy->stack, "pgarnier", "school"), -1);
  g_autofree char *mailbox = g_strdup_printf ("ce.%s@ac-normandie.fr", uai);

  /* No secretariat mailbox to deliver the letter to: the portal says so and changes nothing. */
  maildir = g_build_filename (academy->dir, "mail", mailbox, "Maildir", NULL);
  hidden = g_strconcat (maildir, ".hidden", NULL);
  g_assert_cmpint (g_rename (maildir, hidden), ==, 0);
  g_assert_null (recover ("pgarnier", cartable_test_stack_account (academy->stack, "pgarnier", "numen"), cartable_test_stack_account (academy->stack, "pgarnier", "birth_date"), &error));
  g_assert_cmpint (g_rename (hidden, maildir), ==, 0);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_INTERNAL, 500);
}

/* ------------------------------------------------------------- transport */

CARTABLE_TEST ("protocol-errors", test_protocol_errors)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;
  JsonNode *node;

  node = raw ("POST", "activation", "{\"identifier\": \"mdurand\", ", -1, NULL, NULL, &error);
  g_assert_null (node);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_MALFORMED_JSON, 400);
  g_clear_error (&error);

  node = raw ("POST", "activation", "[1, 2, 3]", -1, NULL, NULL, &error);
  g_assert_null (node);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_MALFORMED_JSON, 400);
  g_clear_error (&error);

  node = raw ("POST", "activation", "{\"identifier\": \"mdurand\", \"code\": 42}", -1, NULL, NULL, &error);
  g_assert_null (node);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_INVALID_REQUEST, 400);
  g_assert_true (g_strv_contains (cartable_portal_error_get_fields (error), "code"));
  g_assert_true (g_strv_contains (cartable_portal_error_get_fields (error), "birth_date"));
  g_assert_true (g_strv_contains (cartable_portal_error_get_fields (error), "password"));
  g_clear_error (&error);

  node = raw ("GET", "no-such-endpoint", NULL, 0, NULL, NULL, &error);
  g_assert_null (node);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_NOT_FOUND, 404);
  g_clear_error (&error);

  node = raw ("DELETE", "activation", NULL, 0, NULL, NULL, &error);
  g_assert_null (node);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_METHOD_NOT_ALLOWED, 405);
  g_clear_error (&error);

  big = g_strnfill (20 * 1024, 'x');
  memcpy (big, "{\"a\":\"", 6);
  node = raw ("POST", "activation", big, -1, NULL, NULL, &error);
  g_assert_null (node);
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_BODY_TOO_LARGE, 413);
  g_clear_error (&error);

  /* The low-level call returns the JSON of a success. */
  node = raw ("GET", "", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  json_node_unref (node);
}

CARTABLE_TEST ("untrusted-certificate", test_untrusted_certificate)
{
  /* Without the academy's CA, the system store does not know the portal's issuer. */
  g_autoptr(CartablePortal) untrusting = cartable_portal_new (cartable_academy_profile_get_portal_url (academy->profile),
                                                              NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartablePortalInfo) info = NULL;

  g_clear_object (&result);
  cartable_portal_get_info_async (untrusting, NULL, CB);
  info = cartable_portal_get_info_finish (untrusting, WAIT (), &error);
  g_assert_null (info);
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_CERTIFICATE);
  g_assert_true (cartable_portal_error_get_tls_errors (error) & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_cmpuint (cartable_portal_error_get_http_status (error), ==, 0);
}

CARTABLE_TEST ("unreachable", test_unreachable)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartablePortal) silent = NULL;
  g_autoptr(CartablePortal) closed = NULL;
  g_autoptr(GTlsDatabase) database = cartable_academy_profile_create_tls_database (academy->profile, NULL);
  g_autofree char *url = NULL;
  gint64 start;
  guint16 port;

  /* A server that accepts connections and never answers: the timeout fires. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                 &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  url = g_strdup_printf ("https://127.0.0.1:%u/api/v1/", port);
  silent = cartable_portal_new (url, database);
  cartable_portal_set_timeout (silent, 1);

  start = g_get_monotonic_time ();
  g_clear_object (&result);
  cartable_portal_get_info_async (silent, NULL, CB);
  g_assert_null (cartable_portal_get_info_finish (silent, WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Nobody listening at all. */
  g_socket_listener_close (listener);
  closed = cartable_portal_new (url, database);
  g_clear_object (&result);
  cartable_portal_get_info_async (closed, NULL, CB);
  g_assert_null (cartable_portal_get_info_finish (closed, WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_NETWORK);
}

CARTABLE_TEST ("cancel", test_cancel)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_clear_object (&result);
  cartable_portal_get_terms_async (portal, cancellable, CB);
  g_cancellable_cancel (cancellable);
  g_assert_null (cartable_portal_get_terms_finish (portal, WAIT (), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
misbehaving_handler (SoupServer        *server,
                     SoupServerMessage *message,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  const char *type = "application/json";
  g_autofree char *body = NULL;
  guint status = 200;

  if (g_str_has_suffix (path, "/api/v1/"))
    body = g_strdup ("this is not JSON");
  else if (g_str_has_suffix (path, "/terms"))
    body = g_strdup ("{\"version\": 3}");
  else if (g_str_has_suffix (path, "/public/services"))
    {
      body = g_strnfill (2 * 1024 * 1024, ' ');
      body[0] = '[';
    }
  else if (g_str_has_suffix (path, "/account"))
    {
      status = 503;
      type = "text/html";
      body = g_strdup ("<html><body>Service Unavailable</body></html>");
    }
  else if (g_str_has_suffix (path, "/activation"))
    {
      status = 403;
      body = g_strdup ("{\"error\": {\"code\": \"brand_new_code\", \"message\": \"Un cas nouveau.\", "
                       "\"attempts_left\": \"many\", \"violations\": [1, {\"rule\": null}]}}");
    }
  else if (g_str_has_suffix (path, "/password-policy"))
    body = g_strdup ("{\"min_length\": \"twelve\", \"classes\": [1, \"digit\"], \"rules\": [1, {\"rule\": null}, "
                     "{\"rule\": \"min_length\"}]}");
  else
    {
      status = 404;
      body = g_strdup ("{}");
    }

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, body, strlen (body));
}

CARTABLE_TEST ("misbehaving-portal", test_misbehaving_portal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  g_autoptr(SoupServer) server = account_test_academy_https_server (academy, misbehaving_handler, NULL, &base);
  g_autofree char *url = g_strconcat (base, "api/v1/", NULL);
  g_autoptr(GTlsDatabase) database = cartable_academy_profile_create_tls_database (academy->profile, &error);
  g_assert_no_error (error);
  g_autoptr(CartablePortal) client = cartable_portal_new (url, database);

  g_clear_object (&result);
  cartable_portal_get_info_async (client, NULL, CB);
  g_assert_null (cartable_portal_get_info_finish (client, WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_clear_object (&result);
  cartable_portal_get_terms_async (client, NULL, CB);
  g_assert_null (cartable_portal_get_terms_finish (client, WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* An answer larger than any the API sends is cut short. */
  g_clear_object (&result);
  cartable_portal_list_services_async (client, NULL, CB);
  g_assert_null (cartable_portal_list_services_finish (client, WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_clear_object (&result);
  cartable_portal_get_account_async (client, "mdurand", "x", NULL, CB);
  g_assert_null (cartable_portal_get_account_finish (client, WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (cartable_portal_error_get_http_status (error), ==, 503);
  g_clear_error (&error);

  /* An error code this client does not know: FAILED, with what the portal said; ill-typed fields ignored. */
  g_clear_object (&result);
  cartable_portal_activate_async (client, "mdurand", "AAAA-AAAA", "1980-01-01", "x", NULL, CB);
  g_assert_null (cartable_portal_activate_finish (client, WAIT (), &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_FAILED);
  g_assert_cmpstr (cartable_portal_error_get_portal_code (error), ==, "brand_new_code");
  g_assert_cmpstr (cartable_portal_error_get_portal_message (error), ==, "Un cas nouveau.");
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, -1);
  g_assert_cmpuint (g_strv_length ((GStrv) cartable_portal_error_get_violated_rules (error)), ==, 0);
  g_clear_error (&error);

  g_clear_object (&result);
  cartable_portal_get_password_policy_async (client, NULL, CB);
  g_autoptr(CartablePasswordPolicy) policy = cartable_portal_get_password_policy_finish (client, WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (policy->min_length, ==, 0);
  g_assert_cmpstrv (policy->classes, ((const char *[]) { "digit", NULL }));
  g_assert_cmpuint (policy->rules->len, ==, 1);

  soup_server_disconnect (server);
}

CARTABLE_TEST ("rate-limited", test_rate_limited)
{
  const char *env[] = { "ACADEMY_RATE_LIMIT=3/60", NULL };
  AccountTestAcademy *limited = account_test_academy_start (env);
  g_autoptr(CartablePortal) client = NULL;
  g_autoptr(GError) error = NULL;

  client = cartable_portal_new_for_profile (limited->profile, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CartablePortalTerms) terms = NULL;

      g_clear_object (&result);
      cartable_portal_get_terms_async (client, NULL, CB);
      terms = cartable_portal_get_terms_finish (client, WAIT (), &error);
      g_assert_no_error (error);
    }

  g_clear_object (&result);
  cartable_portal_get_terms_async (client, NULL, CB);
  g_assert_null (cartable_portal_get_terms_finish (client, WAIT (), &error));
  assert_portal_error (error, CARTABLE_PORTAL_ERROR_RATE_LIMITED, 429);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), >, 0);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), <=, 60);

  g_clear_object (&client);
  account_test_academy_stop (limited);
}

int
main (int   argc,
      char *argv[])
{
  const char *env[] = { "ACADEMY_LOCK_SECONDS=3", "ACADEMY_RATE_LIMIT=10000/60", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  cartable_engine_init ();

  academy = account_test_academy_start (env);
  portal = cartable_portal_new_for_profile (academy->profile, &error);
  g_assert_no_error (error);

  status = cartable_test_run ();

  g_clear_object (&result);
  g_clear_object (&portal);
  account_test_academy_stop (academy);
  return status;
}

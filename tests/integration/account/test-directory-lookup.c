/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cartable-test-account.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("directory-lookup");

/*
 * Whose address is this: the academy's directory (slapd of the loopback
 * academy, StartTLS, the academy's CA) gives the identifier, and signing
 * in with the address instead of the identifier sets up the same account.
 * The address is escaped in the search filter; a directory whose
 * certificate cannot be verified is not asked.
 */

static AccountTestAcademy *academy;
static GAsyncResult *result;

#define WAIT() cartable_test_wait_result (&result, 0)
#define CB cartable_test_result_cb, &result

static char *
find_identifier (CartableAcademyProfile  *profile,
                 const char              *email,
                 GError                 **error)
{
  g_clear_object (&result);
  cartable_directory_find_identifier_async (profile, email, NULL, CB);
  return cartable_directory_find_identifier_finish (WAIT (), error);
}

CARTABLE_TEST ("escape", test_escape)
{
  g_autofree char *plain = cartable_directory_escape_filter_value ("marie.durand@ac-normandie.fr");
  g_autofree char *hostile = cartable_directory_escape_filter_value ("*)(uid=*))(|(mail=\\");

  g_assert_cmpstr (plain, ==, "marie.durand@ac-normandie.fr");
  g_assert_cmpstr (hostile, ==, "\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28mail=\\5c");
}

CARTABLE_TEST ("find", test_find)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *identifier = NULL;
  g_autofree char *shouted = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *wildcard = NULL;

  identifier = find_identifier (academy->profile, "marie.durand@ac-normandie.fr", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (identifier, ==, "mdurand");

  /* Addresses are compared without regard to case, spaces around ignored. */
  shouted = find_identifier (academy->profile, "  Marie.DURAND@AC-Normandie.fr ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shouted, ==, "mdurand");

  unknown = find_identifier (academy->profile, "personne@ac-normandie.fr", &error);
  g_assert_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_NOT_FOUND);
  g_assert_null (unknown);
  g_assert_nonnull (strstr (error->message, "personne@ac-normandie.fr"));
  g_clear_error (&error);

  /* Unescaped, « * » would match everyone (several people: ambiguous). */
  wildcard = find_identifier (academy->profile, "*@ac-normandie.fr", &error);
  g_assert_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_NOT_FOUND);
  g_assert_null (wildcard);
}

CARTABLE_TEST ("untrusted", test_untrusted)
{
  g_autofree char *path = account_test_academy_profile_variant (academy, "untrusted-directory.xml",
                                                                 "<cartable:ca-certificate file=\"ca.pem\"/>", "");
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *identifier = NULL;

  profile = cartable_academy_profile_new_from_file (path, &error);
  g_assert_no_error (error);
  identifier = find_identifier (profile, "marie.durand@ac-normandie.fr", &error);
  g_assert_null (identifier);
  g_test_message ("without the academy's CA: %s", error->message);
  g_assert_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_CERTIFICATE);
}

/* The address typed at sign-in: the same account as with the identifier. */
CARTABLE_TEST ("login-with-address", test_login_with_address)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(CartableLoginResult) login = NULL;
  g_autoptr(CartableLoginResult) unknown = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = cartable_test_stack_account (academy->stack, "mdurand", "password");

  g_clear_object (&result);
  cartable_login_async (academy->profile, store, "Marie.Durand@ac-normandie.fr", password, NULL, CB);
  login = cartable_login_finish (WAIT (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cartable_account_get_id (login->account), ==, "mdurand");
  g_assert_cmpstr (cartable_account_get_identifier (login->account), ==, "mdurand");
  g_assert_cmpstr (cartable_account_get_email (login->account), ==, "marie.durand@ac-normandie.fr");
  g_assert_true (cartable_account_store_lookup (store, "mdurand") == login->account);

  g_clear_object (&result);
  cartable_login_async (academy->profile, store, "inconnu@ac-normandie.fr", password, NULL, CB);
  unknown = cartable_login_finish (WAIT (), &error);
  g_assert_null (unknown);
  g_assert_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  return account_test_main (&argc, &argv, NULL, &academy, &result);
}

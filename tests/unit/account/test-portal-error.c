/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-engine.h"
#include "cartable-test-wait.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("portal-error");

/*
 * The portal error domain: every documented code maps both ways, and the
 * accessors answer "absent" for other errors. (Errors carrying real
 * machine fields are checked against the reference portal in the
 * integration suite.)
 */

static const char *documented[] = {
  "malformed_json", "invalid_request", "not_found", "method_not_allowed", "body_too_large",
  "rate_limited", "internal_error", "unknown_account", "account_locked", "invalid_code",
  "code_already_used", "identity_mismatch", "code_expired", "password_policy", "already_active",
  "terms_not_accepted", "unauthorized", "invalid_current_password", "unknown_service",
};

CARTABLE_TEST ("codes", test_codes)
{
  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      CartablePortalError code = cartable_portal_error_code_from_string (documented[i]);

      g_assert_cmpint (code, !=, CARTABLE_PORTAL_ERROR_FAILED);
      g_assert_cmpstr (cartable_portal_error_code_to_string (code), ==, documented[i]);
      for (guint j = 0; j < i; j++)
        g_assert_cmpint (code, !=, cartable_portal_error_code_from_string (documented[j]));
    }

  g_assert_cmpint (cartable_portal_error_code_from_string ("something_new"), ==, CARTABLE_PORTAL_ERROR_FAILED);
  g_assert_cmpint (cartable_portal_error_code_from_string (NULL), ==, CARTABLE_PORTAL_ERROR_FAILED);
  g_assert_null (cartable_portal_error_code_to_string (CARTABLE_PORTAL_ERROR_NETWORK));
}

CARTABLE_TEST ("foreign-errors", test_foreign_errors)
{
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_autoptr(GError) portal = g_error_new_literal (CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_NETWORK, "y");
  g_autoptr(GError) copy = NULL;

  g_assert_cmpint (cartable_portal_error_get_attempts_left (io), ==, -1);
  g_assert_cmpint (cartable_portal_error_get_retry_after (io), ==, -1);
  g_assert_null (cartable_portal_error_get_violated_rules (io));
  g_assert_null (cartable_portal_error_get_fields (io));
  g_assert_null (cartable_portal_error_get_portal_message (io));
  g_assert_cmpuint (cartable_portal_error_get_http_status (io), ==, 0);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (NULL), ==, -1);

  /* An error of the domain made elsewhere starts with the absent values, and copies keep them. */
  g_assert_cmpint (cartable_portal_error_get_attempts_left (portal), ==, -1);
  copy = g_error_copy (portal);
  g_assert_cmpint (cartable_portal_error_get_retry_after (copy), ==, -1);
  g_assert_cmpint (cartable_portal_error_get_tls_errors (copy), ==, 0);
}

CARTABLE_TEST ("insecure-base-url", test_insecure_base_url)
{
  g_autoptr(CartablePortal) portal = cartable_portal_new ("http://portal.example.org/api/v1", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartablePortalInfo) info = NULL;

  g_assert_cmpstr (cartable_portal_get_base_url (portal), ==, "http://portal.example.org/api/v1/");
  g_assert_cmpuint (cartable_portal_get_timeout (portal), ==, 30);

  /* Plain HTTP off loopback is refused before anything goes on the network. */
  cartable_portal_get_info_async (portal, NULL, cartable_test_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  info = cartable_portal_get_info_finish (portal, result, &error);
  g_assert_null (info);
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_CERTIFICATE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "cartable-engine.h"
#include "cartable-test-wait.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("credentials");

/*
 * Passwords in the keyring (libsecret's file backend, set up by test-env):
 * store, per-service lookup with fallback to the shared password, clear;
 * and deleting an account removes its settings, folders and secrets while
 * another account keeps its own.
 */

static void
store_password (const char *account,
                const char *service,
                const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_credentials_store_async (account, service, password, NULL, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_credentials_store_finish (cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);
}

static char *
lookup_password (const char *account,
                 const char *service)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  cartable_credentials_lookup_async (account, service, NULL, cartable_test_result_cb, &result);
  password = cartable_credentials_lookup_finish (cartable_test_wait_result (&result, 0), &error);
  g_assert_no_error (error);
  return password;
}

static void
clear_passwords (const char *account,
                 const char *service)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_credentials_clear_async (account, service, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_credentials_clear_finish (cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);
}

static void
assert_password (const char *account,
                 const char *service,
                 const char *expected)
{
  char *password = lookup_password (account, service);

  g_assert_cmpstr (password, ==, expected);
  secret_password_free (password);
}

CARTABLE_TEST ("store-lookup-clear", test_store_lookup_clear)
{
  g_assert_cmpstr (cartable_credentials_get_schema ()->name, ==, "io.github.cartable.Cartable.Password");

  assert_password ("mdurand", NULL, NULL);

  store_password ("mdurand", NULL, "Une phrase de passe 2024 é");
  assert_password ("mdurand", NULL, "Une phrase de passe 2024 é");
  /* Every service falls back to the shared password. */
  assert_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_IMAP, "Une phrase de passe 2024 é");
  assert_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_LDAP, "Une phrase de passe 2024 é");

  /* A service-specific password wins for that service only. */
  store_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_DAV, "dav-only-secret");
  assert_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_DAV, "dav-only-secret");
  assert_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_IMAP, "Une phrase de passe 2024 é");

  /* Replacing keeps one item. */
  store_password ("mdurand", NULL, "Nouveau mot de passe 2025");
  assert_password ("mdurand", NULL, "Nouveau mot de passe 2025");

  /* Another account is separate. */
  store_password ("cmoreau", NULL, "Autre secret 2024!");
  assert_password ("cmoreau", CARTABLE_CREDENTIALS_SERVICE_DAV, "Autre secret 2024!");

  clear_passwords ("mdurand", CARTABLE_CREDENTIALS_SERVICE_DAV);
  assert_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_DAV, "Nouveau mot de passe 2025");

  clear_passwords ("mdurand", NULL);
  assert_password ("mdurand", NULL, NULL);
  assert_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_DAV, NULL);
  assert_password ("cmoreau", NULL, "Autre secret 2024!");

  /* Clearing nothing is fine. */
  clear_passwords ("nobody", NULL);
  clear_passwords ("cmoreau", NULL);
}

static void
make_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, "cached", -1, &error);
  g_assert_no_error (error);
}

CARTABLE_TEST ("delete-account", test_delete_account)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(CartableAccount) marie = cartable_account_new ("mdurand", "mdurand", "marie.durand@ac-normandie.fr");
  g_autoptr(CartableAccount) camille = cartable_account_new ("cmoreau", "cmoreau", "camille.moreau@ac-normandie.fr");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableAccountStore) reloaded = NULL;
  const char *kinds[] = { "config", "data", "cache" };
  g_autofree char *outside = NULL;
  g_autofree char *link = NULL;

  g_assert_true (cartable_account_store_add (store, marie, &error));
  g_assert_true (cartable_account_store_add (store, camille, &error));
  g_assert_no_error (error);
  store_password ("mdurand", NULL, "Mot de passe de Marie 1");
  store_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_PORTAL, "Mot de passe de Marie 2");
  store_password ("cmoreau", NULL, "Mot de passe de Camille");

  /* A file outside the account, reachable through a symbolic link inside it:
   * deleting the account must not follow the link. */
  outside = g_build_filename (g_get_tmp_dir (), "outside-precious.txt", NULL);
  g_file_set_contents (outside, "precious", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *dir = cartable_paths_get_account_dir (kinds[i], "mdurand");
      g_autofree char *other = cartable_paths_get_account_dir (kinds[i], "cmoreau");

      make_file (dir, "imap/INBOX/cmeta");
      make_file (dir, "folders.db");
      make_file (other, "folders.db");
      if (i == 2)
        {
          link = g_build_filename (dir, "link-out", NULL);
          g_assert_cmpint (symlink (outside, link), ==, 0);
        }
    }

  cartable_account_store_delete_account_async (store, "mdurand", NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_account_store_delete_account_finish (store, cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);

  g_assert_null (cartable_account_store_lookup (store, "mdurand"));
  g_assert_nonnull (cartable_account_store_lookup (store, "cmoreau"));
  reloaded = cartable_account_store_new (NULL);
  g_assert_true (cartable_account_store_load (reloaded, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
  g_assert_null (cartable_account_store_lookup (reloaded, "mdurand"));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *dir = cartable_paths_get_account_dir (kinds[i], "mdurand");
      g_autofree char *other = cartable_paths_get_account_dir (kinds[i], "cmoreau");
      g_autofree char *other_file = g_build_filename (other, "folders.db", NULL);

      g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (other_file, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));

  assert_password ("mdurand", NULL, NULL);
  assert_password ("mdurand", CARTABLE_CREDENTIALS_SERVICE_PORTAL, NULL);
  assert_password ("cmoreau", NULL, "Mot de passe de Camille");

  /* Deleting an unknown account is an error that changes nothing. */
  g_clear_object (&result);
  cartable_account_store_delete_account_async (store, "mdurand", NULL, cartable_test_result_cb, &result);
  g_assert_false (cartable_account_store_delete_account_finish (store, cartable_test_wait_result (&result, 0), &error));
  g_assert_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (cartable_account_store_lookup (store, "cmoreau"));
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_init (&argc, &argv);
  cartable_test_require_test_env ();
  return cartable_test_run ();
}

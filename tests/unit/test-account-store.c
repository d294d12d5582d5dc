/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cartable-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("account-store");

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("account-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "accounts.ini", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *sub = g_path_get_dirname (fixture->path);

  g_remove (fixture->path);
  g_rmdir (sub);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

CARTABLE_TEST_FIXTURE ("missing-file-is-empty", Fixture, fixture_set_up, test_missing_file_is_empty, fixture_tear_down)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_true (cartable_account_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

CARTABLE_TEST_FIXTURE ("add-save-reload", Fixture, fixture_set_up, test_add_save_reload, fixture_tear_down)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (fixture->path);
  g_autoptr(CartableAccountStore) again = cartable_account_store_new (fixture->path);
  g_autoptr(CartableAccount) account = cartable_account_new ("mdurand", "mdurand",
                                                             "marie.durand@ac-normandie.fr");
  g_autoptr(CartableAccount) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint n_changes = 0;

  g_signal_connect (store, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);

  cartable_account_set_academy_id (account, "normandie");
  cartable_account_set_display_name (account, "Marie Durand (collège)");
  g_assert_true (cartable_account_store_add (store, account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* The file names the user's accounts: only they may read it. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (cartable_account_store_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cartable_account_get_id (loaded), ==, "mdurand");
  g_assert_cmpstr (cartable_account_get_identifier (loaded), ==, "mdurand");
  g_assert_cmpstr (cartable_account_get_email (loaded), ==, "marie.durand@ac-normandie.fr");
  g_assert_cmpstr (cartable_account_get_academy_id (loaded), ==, "normandie");
  g_assert_cmpstr (cartable_account_get_display_name (loaded), ==, "Marie Durand (collège)");
}

/* A signature of several lines survives the key file; none is no key. */
CARTABLE_TEST_FIXTURE ("signature", Fixture, fixture_set_up, test_signature, fixture_tear_down)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (fixture->path);
  g_autoptr(CartableAccountStore) again = cartable_account_store_new (fixture->path);
  g_autoptr(CartableAccount) account = cartable_account_new ("mdurand", "mdurand",
                                                             "marie.durand@ac-normandie.fr");
  g_autoptr(CartableAccount) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *signature = "Marie Durand\nProfesseure de lettres — collège Jean-Moulin\n\t« Bonne journée »";

  g_assert_null (cartable_account_get_signature (account));
  g_assert_true (cartable_account_store_add (store, account, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, &error));
  g_assert_null (strstr (contents, "signature"));
  g_clear_pointer (&contents, g_free);

  cartable_account_set_signature (account, signature);
  g_assert_cmpstr (cartable_account_get_signature (account), ==, signature);
  g_assert_true (cartable_account_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (cartable_account_store_load (again, &error));
  g_assert_no_error (error);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cartable_account_get_signature (loaded), ==, signature);
  g_clear_object (&loaded);

  /* Emptied: gone from the file. */
  cartable_account_set_signature (account, "");
  g_assert_null (cartable_account_get_signature (account));
  g_assert_true (cartable_account_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, &error));
  g_assert_null (strstr (contents, "signature"));
  g_assert_true (cartable_account_store_load (again, &error));
  g_assert_no_error (error);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_null (cartable_account_get_signature (loaded));
}

CARTABLE_TEST_FIXTURE ("duplicate-and-unsafe-ids", Fixture, fixture_set_up, test_duplicate_and_unsafe_ids, fixture_tear_down)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (fixture->path);
  g_autoptr(CartableAccount) first = cartable_account_new ("a1", "jmartin", NULL);
  g_autoptr(CartableAccount) twin = cartable_account_new ("a1", "jmartin", NULL);
  g_autoptr(CartableAccount) escape = cartable_account_new ("../a1", "jmartin", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cartable_account_store_add (store, first, &error));
  g_assert_no_error (error);

  g_assert_false (cartable_account_store_add (store, twin, &error));
  g_assert_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_false (cartable_account_store_add (store, escape, &error));
  g_assert_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  /* Without a display name the address, then the identifier, stands in. */
  g_assert_cmpstr (cartable_account_get_display_name (first), ==, "jmartin");
}

CARTABLE_TEST_FIXTURE ("remove", Fixture, fixture_set_up, test_remove, fixture_tear_down)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (fixture->path);
  g_autoptr(CartableAccountStore) again = cartable_account_store_new (fixture->path);
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "un", "deux", "trois" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CartableAccount) account = cartable_account_new (ids[i], ids[i], NULL);
      g_assert_true (cartable_account_store_add (store, account, &error));
      g_assert_no_error (error);
    }

  g_assert_true (cartable_account_store_remove (store, "deux", &error));
  g_assert_no_error (error);
  g_assert_null (cartable_account_store_lookup (store, "deux"));

  g_assert_false (cartable_account_store_remove (store, "deux", &error));
  g_assert_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (cartable_account_store_load (again, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  g_assert_nonnull (cartable_account_store_lookup (again, "un"));
  g_assert_nonnull (cartable_account_store_lookup (again, "trois"));
}

CARTABLE_TEST_FIXTURE ("damaged-file", Fixture, fixture_set_up, test_damaged_file, fixture_tear_down)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* Not a key file at all: a clear error, nothing loaded. */
  g_assert_true (g_file_set_contents (fixture->path, "\x01\x02 not [a key file", -1, NULL));
  g_assert_false (cartable_account_store_load (store, &error));
  g_assert_error (error, CARTABLE_ACCOUNT_STORE_ERROR, CARTABLE_ACCOUNT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* One good entry among damaged ones: the good one survives. */
  g_assert_true (g_file_set_contents (fixture->path,
                                      "[account ok]\nidentifier=pbernard\n"
                                      "[account ../../escape]\nidentifier=x\n"
                                      "[account noid]\nemail=a@b.fr\n"
                                      "[other]\nkey=value\n",
                                      -1, NULL));
  g_test_expect_message ("cartable-account-store", G_LOG_LEVEL_WARNING, "*Skipping damaged account*");
  g_test_expect_message ("cartable-account-store", G_LOG_LEVEL_WARNING, "*Skipping damaged account*");
  g_assert_true (cartable_account_store_load (store, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_nonnull (cartable_account_store_lookup (store, "ok"));
}

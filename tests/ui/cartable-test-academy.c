/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <unistd.h>

#include "cartable-engine.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"

/*
 * The loopback academy for the ui tests, run by the academy-stack script
 * (ACADEMY_STACK) in a temporary folder, and an account set up against it
 * the way a finished sign-in leaves it.
 */

static char *academy_dir;
static char *academy_profile;
static JsonNode *academy_accounts;

void
cartable_test_academy_run (const char * const *args)
{
  const char *script = g_getenv ("ACADEMY_STACK");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);

  g_assert_nonnull (script);
  g_ptr_array_add (argv, (gpointer) script);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    g_error ("cannot run %s: %s", script, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("academy-stack %s failed: %s\n%s", args[0], error->message, err);
}

/* Stops the stack when this program ends, however it ends: a child waits
 * for a pipe that only the kernel closes at our exit. */
static void
spawn_watchdog (void)
{
  const char *script = g_getenv ("ACADEMY_STACK");
  int fds[2];
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      char c;

      close (fds[1]);
      setsid ();
      while (read (fds[0], &c, 1) < 0 && errno == EINTR)
        ;
      setenv ("LC_ALL", "C", 1);
      execl (script, script, "stop", "--dir", academy_dir, (char *) NULL);
      _exit (127);
    }
  close (fds[0]);
  fcntl (fds[1], F_SETFD, FD_CLOEXEC);
}

/* Starts the academy in a new folder under TMPDIR; with @seed_user, seeds
 * @seed_count messages in that user's mailbox. */
void
cartable_test_academy_start (const char *seed_user,
                             guint       seed_count)
{
  const char *tmp = g_getenv ("TMPDIR");

  g_assert_null (academy_dir);
  academy_dir = g_build_filename (tmp ? tmp : g_get_tmp_dir (), "academy-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (academy_dir));
  cartable_test_academy_run ((const char *[]) { "start", "--dir", academy_dir, NULL });
  spawn_watchdog ();
  if (seed_user != NULL)
    {
      g_autofree char *count = g_strdup_printf ("%u", seed_count);

      cartable_test_academy_run ((const char *[]) { "seed-mail", "--dir", academy_dir, "--user", seed_user,
                                                    "--count", count, NULL });
    }

  academy_profile = g_build_filename (academy_dir, "academy.xml", NULL);
}

const char *
cartable_test_academy_get_dir (void)
{
  g_assert_nonnull (academy_dir);
  return academy_dir;
}

const char *
cartable_test_academy_get_profile (void)
{
  g_assert_nonnull (academy_profile);
  return academy_profile;
}

/* A field of a demo account, from the academy's accounts.json. */
const char *
cartable_test_academy_field (const char *identifier,
                             const char *field)
{
  JsonArray *accounts;

  if (academy_accounts == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *json_path = g_build_filename (cartable_test_academy_get_dir (), "accounts.json", NULL);

      g_assert_true (json_parser_load_from_file (parser, json_path, &error));
      g_assert_no_error (error);
      academy_accounts = json_node_copy (json_parser_get_root (parser));
    }

  accounts = json_object_get_array_member (json_node_get_object (academy_accounts), "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (account, "identifier", ""), identifier) == 0)
        return json_object_get_string_member_with_default (account, field, NULL);
    }

  g_error ("no demo account %s", identifier);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

/* What a finished sign-in leaves: the password in the keyring, the account
 * with its academy profile in the store. A NULL @password is the demo
 * account's own. */
void
cartable_test_academy_add_account (CartableApplication *app,
                                   const char          *identifier,
                                   const char          *password)
{
  CartableAccountStore *store = cartable_application_get_account_store (app);
  g_autoptr(CartableAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (password == NULL)
    password = cartable_test_academy_field (identifier, "password");

  cartable_credentials_store_async (identifier, NULL, password, cartable_test_academy_field (identifier, "email"),
                                    NULL, result_cb, &result);
  g_assert_true (cartable_test_wait_for (have_result, &result, 10000));
  g_assert_true (cartable_credentials_store_finish (result, &error));
  g_assert_no_error (error);

  account = cartable_account_new (identifier, identifier, cartable_test_academy_field (identifier, "email"));
  cartable_account_set_display_name (account, cartable_test_academy_field (identifier, "display_name"));
  cartable_account_set_profile_path (account, cartable_test_academy_get_profile ());
  g_assert_true (cartable_account_store_add (store, account, &error));
  g_assert_no_error (error);
}

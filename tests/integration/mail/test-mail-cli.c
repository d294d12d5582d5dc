/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <string.h>

#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-cli");

/* cartable-cli's read side, run as a script would run it. */
static MailTestAcademy *academy;

/* Runs cartable-cli with @args (NULL-terminated) for mdurand with the
 * academy's profile and @password in CARTABLE_PASSWORD (NULL: no
 * password, none in the environment either); *@out receives its output. */
static int
run_cli_args (const char         *password,
              char              **out,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *password_env = g_strconcat ("CARTABLE_PASSWORD=", password, NULL);
  const char *env[] = { password_env, NULL };
  g_autofree char *err = NULL;
  int status;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--academy-profile");
  g_ptr_array_add (argv, (gpointer) academy->profile);
  g_ptr_array_add (argv, (gpointer) "--identifier");
  g_ptr_array_add (argv, (gpointer) "mdurand");
  g_ptr_array_add (argv, NULL);

  status = cartable_test_run_cli ((const char * const *) argv->pdata, env, NULL, out, &err);
  if (err != NULL && *err)
    g_test_message ("stderr: %s", err);
  return status;
}
/* run_cli (password, out, "command", arguments…, NULL) */
#define run_cli(password, out, ...) run_cli_args (password, out, (const char * const[]) { __VA_ARGS__ })

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; p && *p; p++)
    n += *p == '\n';
  return n;
}

CARTABLE_TEST ("read-side", test_cli_read_side)
{
  g_autofree char *password = mail_test_academy_password (academy, "mdurand");
  g_autofree char *out = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "cli-saved", NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *uid = NULL;
  int status;

  /* sync reports the folder and its size. */
  status = run_cli (password, &out, "sync", NULL);
  g_assert_cmpint (status, ==, 0);
  g_test_message ("%s", out);
  g_assert_true (g_str_has_prefix (out, "INBOX: "));
  g_clear_pointer (&out, g_free);

  /* folders: the special ones first, subfolders indented. */
  status = run_cli (password, &out, "folders", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Inbox\t"));
  g_assert_nonnull (strstr (out, "\n  Voyage scolaire\t"));
  g_clear_pointer (&out, g_free);

  /* list: at most -n lines, newest first. */
  status = run_cli (password, &out, "list", "-n", "7", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 7);
  g_clear_pointer (&out, g_free);

  /* search for messages with attachments, then read one and save them. */
  status = run_cli (password, &out, "search", "--attachment", "vocal", NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  fields = g_strsplit (lines[0], "\t", -1);
  uid = g_strdup (fields[0]);
  g_assert_nonnull (strstr (lines[0], "@"));
  g_clear_pointer (&out, g_free);

  g_mkdir_with_parents (dir, 0700);
  status = run_cli (password, &out, "read", uid, "--save-attachments", dir, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Subject: "));
  g_assert_nonnull (strstr (out, "audio/"));
  g_assert_nonnull (strstr (out, dir));
  g_clear_pointer (&out, g_free);

  /* Offline: still listed and readable from the cache. */
  mail_test_academy_stop_imap (academy);
  status = run_cli (NULL, &out, "read", uid, "--offline", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "audio/"));
  g_clear_pointer (&out, g_free);
  status = run_cli (NULL, &out, "list", "--offline", "-n", "3", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 3);
  g_clear_pointer (&out, g_free);

  /* Unreachable server: its own exit status. */
  status = run_cli (password, &out, "list", NULL);
  g_assert_cmpint (status, ==, 5);
  g_clear_pointer (&out, g_free);
  mail_test_academy_start_imap (academy);

  /* Wrong password: a clean refusal, exit status 3. */
  status = run_cli ("not-the-password", &out, "list", NULL);
  g_assert_cmpint (status, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  academy = mail_test_init (&argc, &argv, FALSE);
  cartable_test_stack_seed_mail (academy->stack, "mdurand", 400, NULL);

  return mail_test_finish (academy, NULL, cartable_test_run ());
}

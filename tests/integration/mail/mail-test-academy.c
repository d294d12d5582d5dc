/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mail-test-academy.h"

static const char *
stack_script (void)
{
  const char *script = g_getenv ("ACADEMY_STACK");

  g_assert_nonnull (script);
  return script;
}

static void
run_checked (const char * const *argv,
             char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s", argv[0], argv[1] ? argv[1] : "", error->message, err);
}

static guint16
read_port (GHashTable *env,
           const char *name)
{
  const char *value = g_hash_table_lookup (env, name);

  g_assert_nonnull (value);
  return (guint16) g_ascii_strtoull (value, NULL, 10);
}

/* The watchdog: a child that waits for the end of this program (the pipe
 * closes when it exits or aborts) and then stops the stack. */
static void
spawn_watchdog (const char *dir)
{
  const char *script = stack_script ();
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
      while (read (fds[0], &c, 1) != 0 && errno == EINTR)
        ;
      execl (script, script, "stop", "--dir", dir, (char *) NULL);
      _exit (127);
    }
  close (fds[0]);
  /* Keep the write end open for the program's lifetime; not inherited. */
  fcntl (fds[1], F_SETFD, FD_CLOEXEC);
}

MailTestAcademy *
mail_test_academy_start (void)
{
  MailTestAcademy *academy = g_new0 (MailTestAcademy, 1);
  g_autoptr(GHashTable) env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *env_path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *tmp = g_getenv ("TMPDIR");

  academy->dir = g_build_filename (tmp ? tmp : g_get_tmp_dir (), "academy-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (academy->dir));

  {
    const char *argv[] = { stack_script (), "start", "--dir", academy->dir, NULL };
    g_autofree char *out = NULL;

    run_checked (argv, &out);
  }
  spawn_watchdog (academy->dir);

  env_path = g_build_filename (academy->dir, "env", NULL);
  g_assert_true (g_file_get_contents (env_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (lines[i][0] == '#' || eq == NULL || strncmp (lines[i], "ACADEMY_", 8) != 0)
        continue;
      *eq = '\0';
      g_hash_table_insert (env, g_strdup (lines[i]), g_shell_unquote (eq + 1, NULL));
    }

  academy->imaps_port = read_port (env, "ACADEMY_IMAPS_PORT");
  academy->imap_port = read_port (env, "ACADEMY_IMAP_PORT");
  academy->submission_port = read_port (env, "ACADEMY_SUBMISSION_PORT");
  academy->ca_file = g_strdup (g_hash_table_lookup (env, "ACADEMY_CA"));
  academy->profile = g_strdup (g_hash_table_lookup (env, "ACADEMY_PROFILE"));
  g_assert_nonnull (academy->ca_file);

  return academy;
}

void
mail_test_academy_stop (MailTestAcademy *academy)
{
  const char *argv[] = { stack_script (), "stop", "--dir", academy->dir, NULL };
  g_autofree char *out = NULL;

  run_checked (argv, &out);
  g_free (academy->dir);
  g_free (academy->ca_file);
  g_free (academy->profile);
  g_free (academy);
}

char *
mail_test_academy_password (MailTestAcademy *academy,
                            const char      *identifier)
{
  g_autofree char *path = g_build_filename (academy->dir, "accounts.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_regex_split_simple ("\\s{2,}", lines[i], 0, 0);

      if (g_strv_length (fields) >= 3 && g_str_equal (fields[0], identifier))
        return g_strdup (fields[2]);
    }

  return NULL;
}

void
mail_test_academy_seed_mail (MailTestAcademy *academy,
                             const char      *identifier,
                             guint            count,
                             const char      *folder)
{
  g_autofree char *n = g_strdup_printf ("%u", count);
  const char *argv[] = { stack_script (), "seed-mail", "--dir", academy->dir,
                         "--user", identifier, "--count", n,
                         folder ? "--folder" : NULL, folder, NULL };
  g_autofree char *out = NULL;

  run_checked (argv, &out);
}

char *
mail_test_academy_python (MailTestAcademy *academy,
                          const char      *identifier,
                          const char      *script)
{
  g_autofree char *password = mail_test_academy_password (academy, identifier);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *imaps = g_strdup_printf ("%u", academy->imaps_port);
  g_autofree char *submission = g_strdup_printf ("%u", academy->submission_port);
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "/usr/bin/python3", "-c", script, NULL };

  envp = g_environ_setenv (envp, "MAIL_USER", identifier, TRUE);
  envp = g_environ_setenv (envp, "MAIL_PASSWORD", password, TRUE);
  envp = g_environ_setenv (envp, "ACADEMY_IMAPS_PORT", imaps, TRUE);
  envp = g_environ_setenv (envp, "ACADEMY_SUBMISSION_PORT", submission, TRUE);
  envp = g_environ_setenv (envp, "ACADEMY_CA", academy->ca_file, TRUE);

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("cannot run python3: %s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("python3 failed: %s\n%s", error->message, err);

  return out;
}

void
mail_test_academy_stop_imap (MailTestAcademy *academy)
{
  g_autofree char *script = g_strdup_printf (
    "sid=$(cat '%s/run/dovecot.pid') && "
    "pids=$(ps -e -o pid=,sid= | awk -v s=\"$sid\" '$2 == s { print $1 }') && "
    "kill -TERM $pids; "
    "for i in $(seq 1 200); do "
    "  [ -z \"$(ps -e -o pid=,sid=,stat= | awk -v s=\"$sid\" '$2 == s && $3 !~ /^Z/')\" ] && exit 0; "
    "  sleep 0.02; "
    "done; exit 1", academy->dir);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };

  run_checked (argv, NULL);
}

void
mail_test_academy_start_imap (MailTestAcademy *academy)
{
  g_autofree char *script = g_strdup_printf (
    "cd '%1$s' && setsid /usr/sbin/dovecot -F -c '%1$s/dovecot/dovecot.conf' "
    "</dev/null >>'%1$s/log/dovecot.out' 2>&1 & echo $! >'%1$s/run/dovecot.pid'; "
    "for i in $(seq 1 300); do "
    "  ss -Hltn 'sport = :%2$u' | grep -q . && exit 0; sleep 0.02; "
    "done; exit 1", academy->dir, academy->imaps_port);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };

  run_checked (argv, NULL);
}

static char *
password_cb (const char *account_id,
             gpointer    user_data)
{
  return mail_test_academy_password (user_data, account_id);
}

CartableMailSession *
mail_test_session_new (MailTestAcademy      *academy,
                       const char           *identifier,
                       CartableMailSecurity  imap_security)
{
  g_autoptr(CartableMailAccountConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "cartable-mail", NULL);
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *email = NULL;
  CartableMailSession *session;
  static guint counter;

  data_dir = g_strdup_printf ("%s/%u/data", root, counter);
  cache_dir = g_strdup_printf ("%s/%u/cache", root, counter++);
  session = cartable_mail_session_new (data_dir, cache_dir);
  cartable_mail_session_set_password_func (session, password_cb, academy, NULL);

  email = g_strdup_printf ("%s@ac-normandie.fr", identifier);
  config = cartable_mail_account_config_new (identifier, identifier, email);
  cartable_mail_account_config_set_imap (config, "127.0.0.1",
                                         imap_security == CARTABLE_MAIL_SECURITY_TLS
                                           ? academy->imaps_port : academy->imap_port,
                                         imap_security);
  cartable_mail_account_config_set_smtp (config, "127.0.0.1", academy->submission_port,
                                         CARTABLE_MAIL_SECURITY_STARTTLS);
  cartable_mail_account_config_set_ca_file (config, academy->ca_file);
  g_assert_true (cartable_mail_session_add_account (session, config, &error));
  g_assert_no_error (error);

  return session;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
mail_test_wait_for (gboolean *flag,
                    guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

void
mail_test_result_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
mail_test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cartable-test-stack.h"

static const char *
stack_script (void)
{
  const char *script = g_getenv ("ACADEMY_STACK");

  if (script == NULL)
    g_error ("ACADEMY_STACK is not set: run this test through meson");
  return script;
}

/* On a failed assertion (SIGABRT), a crash or a timeout (SIGTERM), stop the
 * instances right away, before test-env removes their folder: only
 * async-signal-safe calls (fork, execv, waitpid). */
#define MAX_INSTANCES 4
static char *stop_argv[MAX_INSTANCES][5];
static volatile sig_atomic_t n_instances;

static void
stop_all_on_signal (int signum)
{
  for (int i = 0; i < n_instances; i++)
    {
      pid_t pid;

      if (stop_argv[i][0] == NULL)
        continue;
      pid = fork ();
      if (pid == 0)
        {
          execv (stop_argv[i][0], stop_argv[i]);
          _exit (127);
        }
      if (pid > 0)
        waitpid (pid, NULL, 0);
    }

  signal (signum, SIG_DFL);
  raise (signum);
}

static void
register_instance (const char *dir)
{
  static gboolean handlers_installed = FALSE;
  int slot = n_instances;

  g_assert_cmpint (slot, <, MAX_INSTANCES);
  stop_argv[slot][0] = g_strdup (stack_script ());
  stop_argv[slot][1] = g_strdup ("stop");
  stop_argv[slot][2] = g_strdup ("--dir");
  stop_argv[slot][3] = g_strdup (dir);
  stop_argv[slot][4] = NULL;
  n_instances = slot + 1;

  if (!handlers_installed)
    {
      int signals[] = { SIGABRT, SIGTERM, SIGINT, SIGSEGV, SIGBUS };

      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        signal (signals[i], stop_all_on_signal);
      handlers_installed = TRUE;
    }
}

static void
unregister_instance (const char *dir)
{
  for (int i = 0; i < n_instances; i++)
    if (stop_argv[i][3] != NULL && g_str_equal (stop_argv[i][3], dir))
      {
        /* Keep the strings: a signal may be reading them; only disarm. */
        stop_argv[i][0] = NULL;
      }
}

/* A child that waits for this program to end (its end of the pipe closes,
 * whether the program exits or is killed outright), then stops the
 * instance: the last resort when no signal handler could run. */
static GPid
start_watchdog (const char *dir)
{
  int fds[2];
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);

  if (pid == 0)
    {
      char byte;

      close (fds[1]);
      setsid ();
      signal (SIGINT, SIG_IGN);
      signal (SIGTERM, SIG_IGN);
      while (read (fds[0], &byte, 1) > 0)
        ;
      setenv ("LC_ALL", "C", 1);
      execl (stack_script (), stack_script (), "stop", "--dir", dir, (char *) NULL);
      _exit (127);
    }

  close (fds[0]);
  /* The write end stays open, unused, for the life of this program, and
   * is not inherited by the programs it runs. */
  fcntl (fds[1], F_SETFD, FD_CLOEXEC);
  return pid;
}

static GHashTable *
read_env (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');
      g_autofree char *value = NULL;

      if (lines[i][0] == '#' || g_str_has_prefix (lines[i], "export") || eq == NULL)
        continue;

      value = g_shell_unquote (eq + 1, NULL);
      if (value == NULL)
        value = g_strdup (eq + 1);
      g_hash_table_insert (env, g_strndup (lines[i], eq - lines[i]), g_steal_pointer (&value));
    }

  return env;
}

static void
spawn_checked (const char * const *argv,
               char              **envp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s\n%s", argv[0], argv[1] ? argv[1] : "", error->message, out, err);
}

/* The env file, the profile and the accounts of the instance in stack->dir. */
static void
load_instance (CartableTestStack *stack)
{
  g_autofree char *env_path = g_build_filename (stack->dir, "env", NULL);
  g_autofree char *json_path = g_build_filename (stack->dir, "accounts.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  stack->env = read_env (env_path);
  stack->profile_path = g_build_filename (stack->dir, "academy.xml", NULL);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  stack->accounts = json_node_copy (json_parser_get_root (parser));
}

CartableTestStack *
cartable_test_stack_start (const char * const *extra_env)
{
  CartableTestStack *stack = g_new0 (CartableTestStack, 1);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);

  stack->dir = g_build_filename (g_get_tmp_dir (), "academy-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (stack->dir));

  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra_env[i], "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  stack->watchdog = start_watchdog (stack->dir);
  register_instance (stack->dir);
  spawn_checked ((const char *[]) { stack_script (), "start", "--dir", stack->dir, NULL }, envp);

  load_instance (stack);
  /* Listening is not yet accepting logins (see start_imap). */
  cartable_test_stack_wait_imap_login (stack);

  return stack;
}

CartableTestStack *
cartable_test_stack_open (const char *dir)
{
  CartableTestStack *stack = g_new0 (CartableTestStack, 1);

  stack->dir = g_strdup (dir);
  load_instance (stack);
  return stack;
}

void
cartable_test_stack_stop (CartableTestStack *stack)
{
  /* An instance opened from another program's folder is theirs to stop. */
  if (stack->watchdog != 0)
    {
      unregister_instance (stack->dir);
      cartable_test_stack_run (stack, (const char *[]) { "stop", NULL });

      /* The watchdog is no longer needed. */
      kill (stack->watchdog, SIGKILL);
      waitpid (stack->watchdog, NULL, 0);
    }

  g_clear_pointer (&stack->env, g_hash_table_unref);
  g_clear_pointer (&stack->accounts, json_node_unref);
  g_free (stack->profile_path);
  g_free (stack->dir);
  g_free (stack);
}

void
cartable_test_stack_script_run (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);

  g_ptr_array_add (argv, (gpointer) stack_script ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  spawn_checked ((const char * const *) argv->pdata, envp);
}

void
cartable_test_stack_run (CartableTestStack  *stack,
                         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_assert_nonnull (args[0]);
  g_ptr_array_add (argv, (gpointer) args[0]);
  g_ptr_array_add (argv, (gpointer) "--dir");
  g_ptr_array_add (argv, stack->dir);
  for (guint i = 1; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  cartable_test_stack_script_run ((const char * const *) argv->pdata);
}

const char *
cartable_test_stack_env (CartableTestStack *stack,
                         const char        *key)
{
  const char *value = g_hash_table_lookup (stack->env, key);

  if (value == NULL)
    g_error ("no %s in the academy's env file", key);
  return value;
}

guint
cartable_test_stack_port (CartableTestStack *stack,
                          const char        *key)
{
  return (guint) g_ascii_strtoull (cartable_test_stack_env (stack, key), NULL, 10);
}

const char *
cartable_test_stack_account (CartableTestStack *stack,
                             const char        *identifier,
                             const char        *member)
{
  JsonArray *accounts = json_object_get_array_member (json_node_get_object (stack->accounts), "accounts");

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (account, "identifier", ""), identifier) == 0)
        return json_object_get_string_member_with_default (account, member, NULL);
    }

  g_error ("no demo account %s in accounts.json", identifier);
  return NULL;
}

void
cartable_test_stack_seed_mail (CartableTestStack *stack,
                               const char        *identifier,
                               guint              count,
                               const char        *folder)
{
  g_autofree char *n = g_strdup_printf ("%u", count);

  cartable_test_stack_run (stack, (const char *[]) { "seed-mail", "--user", identifier, "--count", n,
                                                     folder ? "--folder" : NULL, folder, NULL });
}

void
cartable_test_run_shell (const char *script)
{
  spawn_checked ((const char *[]) { "/bin/sh", "-c", script, NULL }, NULL);
}

char *
cartable_test_stack_python_args (CartableTestStack  *stack,
                                 const char         *identifier,
                                 const char         *script,
                                 const char * const *args,
                                 int                *exit_status)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, stack->env);
  while (g_hash_table_iter_next (&iter, &key, &value))
    envp = g_environ_setenv (envp, key, value, TRUE);
  envp = g_environ_setenv (envp, "MAIL_USER", identifier, TRUE);
  envp = g_environ_setenv (envp, "MAIL_PASSWORD", cartable_test_stack_account (stack, identifier, "password"), TRUE);

  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) script);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    g_error ("cannot run python3: %s", error->message);
  if (exit_status != NULL && WIFEXITED (status))
    *exit_status = WEXITSTATUS (status);
  else if (!g_spawn_check_wait_status (status, &error))
    g_error ("python3 failed: %s\n%s%s", error->message, out, err);
  if (err != NULL && *err != '\0')
    g_test_message ("python3: %s", err);

  return out;
}

char *
cartable_test_stack_python (CartableTestStack *stack,
                            const char        *identifier,
                            const char        *script)
{
  return cartable_test_stack_python_args (stack, identifier, script, NULL, NULL);
}

void
cartable_test_stack_stop_imap (CartableTestStack *stack)
{
  g_autofree char *script = g_strdup_printf (
    "sid=$(cat '%s/run/dovecot.pid') && "
    "pids=$(ps -e -o pid=,sid= | awk -v s=\"$sid\" '$2 == s { print $1 }') && "
    "kill -TERM $pids; "
    "for i in $(seq 1 500); do "
    "  [ -z \"$(ps -e -o pid=,sid=,stat= | awk -v s=\"$sid\" '$2 == s && $3 !~ /^Z/')\" ] && exit 0; "
    "  sleep 0.02; "
    "done; exit 1", stack->dir);

  cartable_test_run_shell (script);
}

void
cartable_test_stack_start_imap (CartableTestStack *stack)
{
  g_autofree char *script = g_strdup_printf (
    "cd '%1$s' && setsid /usr/sbin/dovecot -F -c '%1$s/dovecot/dovecot.conf' "
    "</dev/null >>'%1$s/log/dovecot.out' 2>&1 & echo $! >'%1$s/run/dovecot.pid'",
    stack->dir);

  cartable_test_run_shell (script);
  cartable_test_stack_wait_imap_login (stack);
}

/* Any answer but OK (a refused connection, a temporary failure) means
 * "not yet"; the deadline turns the last one into the test's failure. */
static const char wait_login_script[] =
  "import imaplib, os, ssl, sys, time\n"
  "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
  "end = time.monotonic() + 20\n"
  "while True:\n"
  "  try:\n"
  "    with imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx, timeout=5) as m:\n"
  "      m.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
  "    break\n"
  "  except (OSError, imaplib.IMAP4.error) as e:\n"
  "    if time.monotonic() > end:\n"
  "      sys.exit('no IMAP login within 20 s: %s' % e)\n"
  "    time.sleep(0.05)\n";

void
cartable_test_stack_wait_imap_login (CartableTestStack *stack)
{
  JsonArray *accounts = json_object_get_array_member (json_node_get_object (stack->accounts), "accounts");
  g_autofree char *out = NULL;

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      const char *identifier = json_object_get_string_member_with_default (account, "identifier", NULL);
      const char *password = json_object_get_string_member_with_default (account, "password", NULL);

      if (identifier != NULL && password != NULL && *password != '\0')
        {
          out = cartable_test_stack_python (stack, identifier, wait_login_script);
          return;
        }
    }

  g_error ("no demo account with a password in accounts.json");
}

void
cartable_test_stack_count_messages (CartableTestStack  *stack,
                                    const char         *identifier,
                                    const char * const *mailboxes,
                                    guint              *counts)
{
  static const char script[] =
    "import imaplib, os, ssl, sys\n"
    "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "m = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx)\n"
    "m.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "for box in sys.argv[1:]:\n"
    "    typ, data = m.status('\"%s\"' % box, '(MESSAGES)')\n"
    "    assert typ == 'OK', data\n"
    "    print(data[0].decode().rsplit('MESSAGES ', 1)[1].rstrip(')'))\n"
    "m.logout()\n";
  g_autofree char *out = cartable_test_stack_python_args (stack, identifier, script, mailboxes, NULL);
  g_auto(GStrv) lines = g_strsplit (g_strstrip (out), "\n", -1);
  guint n = g_strv_length ((GStrv) mailboxes);

  g_assert_cmpuint (g_strv_length (lines), ==, n);
  for (guint i = 0; i < n; i++)
    counts[i] = (guint) g_ascii_strtoull (lines[i], NULL, 10);
}

gboolean
cartable_test_port_listens (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

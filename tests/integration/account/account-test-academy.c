/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "account-test-academy.h"

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
      execl (stack_script (), stack_script (), "stop", "--dir", dir, (char *) NULL);
      _exit (127);
    }

  close (fds[0]);
  /* The write end stays open, unused, for the life of this program. */
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

      value = g_strdup (eq + 1);
      if (value[0] == '\'' && strlen (value) >= 2)
        {
          value[strlen (value) - 1] = '\0';
          memmove (value, value + 1, strlen (value));
        }
      g_hash_table_insert (env, g_strndup (lines[i], eq - lines[i]), g_steal_pointer (&value));
    }

  return env;
}

AccountTestAcademy *
account_test_academy_start (const char * const *extra_env)
{
  AccountTestAcademy *academy = g_new0 (AccountTestAcademy, 1);
  g_autofree char *template = g_build_filename (g_get_tmp_dir (), "academy-XXXXXX", NULL);
  g_autofree char *env_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { stack_script (), "start", "--dir", NULL, NULL };
  int status = 0;

  academy->dir = g_mkdtemp (g_steal_pointer (&template));
  g_assert_nonnull (academy->dir);
  argv[3] = academy->dir;

  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra_env[i], "=", 2);
      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  academy->watchdog = start_watchdog (academy->dir);
  register_instance (academy->dir);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("academy-stack start failed:\n%s\n%s", out, err);

  env_path = g_build_filename (academy->dir, "env", NULL);
  academy->env = read_env (env_path);
  academy->profile_path = g_build_filename (academy->dir, "academy.xml", NULL);
  academy->profile = cartable_academy_profile_new_from_file (academy->profile_path, &error);
  g_assert_no_error (error);

  json_path = g_build_filename (academy->dir, "accounts.json", NULL);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  academy->accounts = json_node_copy (json_parser_get_root (parser));

  return academy;
}

void
account_test_academy_stop (AccountTestAcademy *academy)
{
  const char *argv[] = { stack_script (), "stop", "--dir", academy->dir, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  unregister_instance (academy->dir);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* The watchdog is no longer needed. */
  kill (academy->watchdog, SIGKILL);
  waitpid (academy->watchdog, NULL, 0);

  g_clear_object (&academy->profile);
  g_clear_pointer (&academy->env, g_hash_table_unref);
  g_clear_pointer (&academy->accounts, json_node_unref);
  g_free (academy->profile_path);
  g_free (academy->dir);
  g_free (academy);
}

const char *
account_test_academy_env (AccountTestAcademy *academy,
                          const char         *key)
{
  const char *value = g_hash_table_lookup (academy->env, key);

  g_assert_nonnull (value);
  return value;
}

guint
account_test_academy_port (AccountTestAcademy *academy,
                           const char         *key)
{
  return (guint) g_ascii_strtoull (account_test_academy_env (academy, key), NULL, 10);
}

const char *
account_test_academy_account (AccountTestAcademy *academy,
                              const char         *identifier,
                              const char         *member)
{
  JsonArray *accounts = json_object_get_array_member (json_node_get_object (academy->accounts), "accounts");

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_str_equal (json_object_get_string_member (account, "identifier"), identifier))
        return json_object_get_string_member_with_default (account, member, NULL);
    }

  g_error ("no account %s in accounts.json", identifier);
  return NULL;
}

char *
account_test_academy_french_date (const char *iso)
{
  g_assert_cmpuint (strlen (iso), ==, 10);
  return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

char *
account_test_academy_profile_variant (AccountTestAcademy *academy,
                                      const char         *name,
                                      const char         *from,
                                      const char         *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (academy->dir, name, NULL);

  g_file_get_contents (academy->profile_path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

char *
account_test_academy_wait_for_mail (AccountTestAcademy *academy,
                                    const char         *mailbox,
                                    const char         *needle)
{
  g_autofree char *new_dir = g_build_filename (academy->dir, "mail", mailbox, "Maildir", "new", NULL);

  for (guint tries = 0; tries < 200; tries++)
    {
      g_autoptr(GDir) dir = g_dir_open (new_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (new_dir, name, NULL);
          g_autofree char *contents = NULL;

          if (g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL)
            return g_steal_pointer (&contents);
        }
      g_usleep (50 * 1000);
    }

  g_error ("no message containing “%s” arrived in %s", needle, mailbox);
  return NULL;
}

static gboolean
port_listens (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

void
account_test_academy_kill (AccountTestAcademy *academy,
                           const char         *service,
                           guint               port)
{
  g_autofree char *pid_path = g_strdup_printf ("%s/run/%s.pid", academy->dir, service);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  pid_t pid;

  g_file_get_contents (pid_path, &contents, NULL, &error);
  g_assert_no_error (error);
  pid = (pid_t) g_ascii_strtoll (contents, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  g_assert_cmpint (kill (pid, SIGTERM), ==, 0);

  for (guint tries = 0; tries < 200 && port_listens (port); tries++)
    g_usleep (50 * 1000);
  g_assert_false (port_listens (port));
}

GAsyncResult *
account_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

void
account_test_store_result_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

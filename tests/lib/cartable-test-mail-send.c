/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <string.h>

#include "cartable-test-mail-send.h"
#include "cartable-test.h"

CartableMailSession *
mailsend_test_session_new (MailTestAcademy *academy,
                           const char      *identifier,
                           const char      *email)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "cartable", "mail", NULL);
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "cartable", "mail", NULL);

  return mail_test_session_new_full (academy, identifier, email, CARTABLE_MAIL_SECURITY_TLS, data_dir, cache_dir);
}

void
mailsend_test_stop_postfix (MailTestAcademy *academy)
{
  /* The stack runs the Postfix master in its own session (run/postfix.pid
   * holds the session id): stop every process of that session. */
  g_autofree char *script = g_strdup_printf (
    "sid=$(cat '%1$s/run/postfix.pid') && "
    "pids=$(ps -e -o pid=,sid= | awk -v s=\"$sid\" '$2 == s { print $1 }') && "
    "kill -TERM $pids; "
    "for i in $(seq 1 250); do "
    "  [ -z \"$(ps -e -o pid=,sid=,stat= | awk -v s=\"$sid\" '$2 == s && $3 !~ /^Z/')\" ] && "
    "  ! ss -Hltn 'sport = :%2$u' | grep -q . && exit 0; "
    "  sleep 0.02; "
    "done; exit 1", academy->dir, academy->submission_port);

  cartable_test_run_shell (script);
}

void
mailsend_test_start_postfix (MailTestAcademy *academy)
{
  g_autofree char *script = g_strdup_printf (
    "cd '%1$s' && setsid /usr/lib/postfix/sbin/master -c '%1$s/postfix/etc' -d "
    "</dev/null >>'%1$s/log/postfix.out' 2>&1 & echo $! >'%1$s/run/postfix.pid'; "
    "for i in $(seq 1 500); do "
    "  ss -Hltn 'sport = :%2$u' | grep -q . && exit 0; sleep 0.02; "
    "done; exit 1", academy->dir, academy->submission_port);

  cartable_test_run_shell (script);
}

void
mailsend_test_set_fault (MailTestAcademy *academy,
                         const char      *map,
                         const char      *address,
                         const char      *reply)
{
  g_autofree char *path = g_build_filename (academy->dir, "postfix", "etc", map, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GString) updated = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean data = g_strcmp0 (map, "data_faults") == 0;

  g_assert_true (data || g_strcmp0 (map, "recipient_faults") == 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *prefix = g_strconcat (address, " ", NULL);

      if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], prefix))
        g_string_append_printf (updated, "%s\n", lines[i]);
    }
  if (reply != NULL)
    g_string_append_printf (updated, "%s %s\n", address, reply);
  g_assert_true (g_file_set_contents (path, updated->str, -1, &error));

  /* Postfix waits ~2 s on files younger than a second. */
  script = g_strdup_printf ("touch -d '-2 minutes' '%1$s' && /usr/sbin/postfix -c '%2$s/postfix/etc' reload",
                            path, academy->dir);
  cartable_test_run_shell (script);

  /* Reloaded when a new conversation gets the expected answer, as
   * "mdurand": to RCPT TO @address, or at the end of a short message to
   * itself (which, once the fault is gone, arrives in its INBOX). */
  g_clear_pointer (&script, g_free);
  script = g_strdup_printf (
    "import os, smtplib, ssl, time\n"
    "context = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "me = 'marie.durand@ac-normandie.fr'\n"
    "for attempt in range(250):\n"
    "    smtp = smtplib.SMTP('127.0.0.1', int(os.environ['ACADEMY_SUBMISSION_PORT']))\n"
    "    smtp.starttls(context=context)\n"
    "    smtp.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "    if %d:\n"
    "        try:\n"
    "            smtp.sendmail(me, [me], 'From: ' + me + '\\r\\nSubject: reload\\r\\n\\r\\nreload\\r\\n')\n"
    "            code = 250\n"
    "        except smtplib.SMTPDataError as e:\n"
    "            code = e.smtp_code\n"
    "    else:\n"
    "        smtp.mail(me)\n"
    "        code = smtp.rcpt('%s')[0]\n"
    "    smtp.quit()\n"
    "    if str(code)[0] == '%c':\n"
    "        print('ready')\n"
    "        break\n"
    "    time.sleep(0.02)\n",
    data, address, reply != NULL ? reply[0] : '2');
  out = cartable_test_stack_python (academy->stack, "mdurand", script);
  g_assert_cmpstr (out, ==, "ready\n");
}

guint
mailsend_test_count (MailTestAcademy *academy,
                     const char      *identifier,
                     const char      *folder,
                     const char      *message_id)
{
  return mailsend_test_count_header (academy, identifier, folder, "Message-ID", message_id);
}

guint
mailsend_test_count_header (MailTestAcademy *academy,
                            const char      *identifier,
                            const char      *folder,
                            const char      *header,
                            const char      *value)
{
  g_autofree char *quoted = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  GString *literal = g_string_new ("'");

  /* The value goes as a Python string literal of escaped code points. */
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_printf (literal, "\\U%08x", g_utf8_get_char (p));
  g_string_append_c (literal, '\'');
  quoted = g_string_free (literal, FALSE);

  script = g_strdup_printf (
    "import imaplib, os, ssl\n"
    "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "m = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx)\n"
    "m.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "typ, _ = m.select('%s', readonly=True)\n"
    "if typ != 'OK':\n"
    "    print(0)\n"
    "else:\n"
    "    m.literal = %s.encode('utf-8')\n"
    "    typ, data = m.search('UTF-8', 'HEADER', '%s')\n"
    "    print(len(data[0].split()))\n"
    "m.logout()\n", folder, quoted, header);
  out = cartable_test_stack_python (academy->stack, identifier, script);

  return (guint) g_ascii_strtoull (out, NULL, 10);
}

guint
mailsend_test_wait_count (MailTestAcademy *academy,
                          const char      *identifier,
                          const char      *folder,
                          const char      *message_id,
                          guint            expected,
                          guint            timeout_ms)
{
  return mailsend_test_wait_count_header (academy, identifier, folder, "Message-ID", message_id,
                                          expected, timeout_ms);
}

guint
mailsend_test_wait_count_header (MailTestAcademy *academy,
                                 const char      *identifier,
                                 const char      *folder,
                                 const char      *header,
                                 const char      *value,
                                 guint            expected,
                                 guint            timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * (gint64) 1000;
  guint count;

  for (;;)
    {
      count = mailsend_test_count_header (academy, identifier, folder, header, value);
      if (count >= expected || g_get_monotonic_time () > deadline)
        return count;
      g_usleep (100 * 1000);
    }
}

static GSubprocessLauncher *
make_launcher (MailTestAcademy *academy,
               const char      *identifier)
{
  g_autofree char *password = mail_test_academy_password (academy, identifier);
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_assert_nonnull (password);
  g_subprocess_launcher_setenv (launcher, "CARTABLE_PASSWORD", password, TRUE);
  /* cartable-cli speaks French, as its users do. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "fr_FR.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "fr", TRUE);
  return launcher;
}

/* @arguments (the command first) with the account's options after the
 * command, NULL-terminated. */
static GPtrArray *
make_argv (MailTestAcademy    *academy,
           const char         *identifier,
           const char * const *arguments)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) arguments[0]);
  g_ptr_array_add (argv, (gpointer) "--academy-profile");
  g_ptr_array_add (argv, (gpointer) academy->profile);
  g_ptr_array_add (argv, (gpointer) "--identifier");
  g_ptr_array_add (argv, (gpointer) identifier);
  g_ptr_array_add (argv, (gpointer) "--email");
  g_ptr_array_add (argv, (gpointer) cartable_test_stack_account (academy->stack, identifier, "email"));
  for (guint i = 1; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

int
mailsend_test_run_cli (MailTestAcademy    *academy,
                       const char         *identifier,
                       char              **out_stdout,
                       char              **out_stderr,
                       const char * const *arguments)
{
  g_autoptr(GPtrArray) argv = make_argv (academy, identifier, arguments);
  g_autofree char *password = mail_test_academy_password (academy, identifier);
  g_autofree char *password_env = g_strconcat ("CARTABLE_PASSWORD=", password, NULL);
  /* cartable-cli speaks French, as its users do. */
  const char *env[] = { password_env, "LC_ALL=fr_FR.UTF-8", "LANGUAGE=fr", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (password);
  status = cartable_test_run_cli ((const char * const *) argv->pdata, env, NULL, &out, &err);
  g_test_message ("cartable-cli %s → %d\n%s%s", arguments[0], status, out, err);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return status;
}

GSubprocess *
mailsend_test_spawn_cli (MailTestAcademy    *academy,
                         const char         *identifier,
                         const char         *stdin_path,
                         const char         *stderr_path,
                         const char * const *arguments)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (academy, identifier);
  g_autoptr(GPtrArray) argv = make_argv (academy, identifier, arguments);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (g_getenv ("CARTABLE_CLI"));
  g_ptr_array_insert (argv, 0, (gpointer) g_getenv ("CARTABLE_CLI"));

  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  if (stderr_path != NULL)
    g_subprocess_launcher_set_stderr_file_path (launcher, stderr_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

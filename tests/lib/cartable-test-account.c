/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cartable-test-account.h"
#include "cartable-test.h"

AccountTestAcademy *
account_test_academy_start (const char * const *extra_env)
{
  AccountTestAcademy *academy = g_new0 (AccountTestAcademy, 1);
  g_autoptr(GError) error = NULL;

  academy->stack = cartable_test_stack_start (extra_env);
  academy->dir = academy->stack->dir;
  academy->profile_path = academy->stack->profile_path;
  academy->profile = cartable_academy_profile_new_from_file (academy->profile_path, &error);
  g_assert_no_error (error);

  return academy;
}

void
account_test_academy_stop (AccountTestAcademy *academy)
{
  cartable_test_stack_stop (academy->stack);
  g_clear_object (&academy->profile);
  g_free (academy);
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

  for (guint tries = 0; tries < 200 && cartable_test_port_listens (port); tries++)
    g_usleep (50 * 1000);
  g_assert_false (cartable_test_port_listens (port));
}

SoupServer *
account_test_academy_https_server (AccountTestAcademy *academy,
                                   SoupServerCallback  handler,
                                   gpointer            user_data,
                                   char              **base_url)
{
  g_autofree char *cert = g_build_filename (academy->dir, "tls", "server.pem", NULL);
  g_autofree char *key = g_build_filename (academy->dir, "tls", "server.key", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  SoupServer *server;

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, handler, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

int
account_test_main (int                 *argc,
                   char              ***argv,
                   const char * const  *extra_env,
                   AccountTestAcademy **academy,
                   GAsyncResult       **result)
{
  int status;

  g_test_init (argc, argv, NULL);
  cartable_test_tolerate_camel_races ();
  cartable_engine_init ();
  cartable_test_require_test_env ();

  *academy = account_test_academy_start (extra_env);
  status = cartable_test_run ();

  g_clear_object (result);
  account_test_academy_stop (*academy);
  return status;
}

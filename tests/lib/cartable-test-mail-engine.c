/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <locale.h>

#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

MailTestAcademy *
mail_test_academy_start (void)
{
  MailTestAcademy *academy = g_new0 (MailTestAcademy, 1);

  academy->stack = cartable_test_stack_start (NULL);
  academy->dir = academy->stack->dir;
  academy->imaps_port = cartable_test_stack_port (academy->stack, "ACADEMY_IMAPS_PORT");
  academy->imap_port = cartable_test_stack_port (academy->stack, "ACADEMY_IMAP_PORT");
  academy->submission_port = cartable_test_stack_port (academy->stack, "ACADEMY_SUBMISSION_PORT");
  academy->ca_file = cartable_test_stack_env (academy->stack, "ACADEMY_CA");
  academy->profile = cartable_test_stack_env (academy->stack, "ACADEMY_PROFILE");

  return academy;
}

void
mail_test_academy_stop (MailTestAcademy *academy)
{
  cartable_test_stack_stop (academy->stack);
  g_free (academy);
}

char *
mail_test_academy_password (MailTestAcademy *academy,
                            const char      *identifier)
{
  return g_strdup (cartable_test_stack_account (academy->stack, identifier, "password"));
}

void
mail_test_academy_stop_imap (MailTestAcademy *academy)
{
  cartable_test_stack_stop_imap (academy->stack);
}

void
mail_test_academy_start_imap (MailTestAcademy *academy)
{
  cartable_test_stack_start_imap (academy->stack);
}

CartableAccount *
mail_test_add_account (MailTestAcademy      *academy,
                       CartableAccountStore *store,
                       const char           *identifier)
{
  g_autofree char *email = g_strdup_printf ("%s@ac-normandie.fr", identifier);
  g_autoptr(CartableAccount) account = cartable_account_new (identifier, identifier, email);
  g_autoptr(GError) error = NULL;

  cartable_account_set_profile_path (account, academy->profile);
  g_assert_true (cartable_account_store_add (store, account, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&account);
}

CartableAccountStore *
mail_test_account_store_new (MailTestAcademy *academy,
                             const char      *identifier)
{
  g_autofree char *password = mail_test_academy_password (academy, identifier);
  g_autofree char *email = g_strdup_printf ("%s@ac-normandie.fr", identifier);
  static guint n_stores;
  g_autofree char *name = g_strdup_printf ("cartable-test-accounts-%u", n_stores++);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), name, NULL);
  g_autoptr(CartableAccountStore) store = NULL;
  g_autoptr(CartableAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_credentials_store_async (identifier, NULL, password, email, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_credentials_store_finish (cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  store = cartable_account_store_new (path);
  account = mail_test_add_account (academy, store, identifier);
  return g_steal_pointer (&store);
}

CartableMailSession *
mail_test_session_new_full (MailTestAcademy      *academy,
                            const char           *identifier,
                            const char           *email,
                            CartableMailSecurity  imap_security,
                            const char           *data_dir,
                            const char           *cache_dir)
{
  g_autoptr(CartableMailAccountConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  CartableMailSession *session = cartable_mail_session_new (data_dir, cache_dir);

  cartable_mail_session_set_password_func (session, mail_test_password_cb, academy, NULL);
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

CartableMailSession *
mail_test_session_new (MailTestAcademy      *academy,
                       const char           *identifier,
                       CartableMailSecurity  imap_security)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "cartable-mail", NULL);
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *email = g_strdup_printf ("%s@ac-normandie.fr", identifier);
  static guint counter;

  data_dir = g_strdup_printf ("%s/%u/data", root, counter);
  cache_dir = g_strdup_printf ("%s/%u/cache", root, counter++);
  return mail_test_session_new_full (academy, identifier, email, imap_security, data_dir, cache_dir);
}

CartableMailSession *
mail_test_session_online (MailTestAcademy *academy,
                          const char      *identifier)
{
  CartableMailSession *session = mail_test_session_new (academy, identifier, CARTABLE_MAIL_SECURITY_TLS);
  g_autoptr(GError) error = NULL;

  if (!mail_test_set_online (session, identifier, TRUE, &error))
    g_error ("cannot connect: %s", error->message);
  return session;
}

void
mail_test_drain (CartableMessageList *list)
{
  g_assert_true (MAIL_TEST_WAIT_FOR (!cartable_message_list_get_loading (list), 60000));
}

CamelFolder *
mail_test_open_folder (CamelStore *store,
                       const char *full_name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CamelFolder *folder;

  cartable_mail_open_folder_async (store, full_name, NULL, cartable_test_result_cb, &result);
  folder = cartable_mail_open_folder_finish (cartable_test_wait_result (&result, 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (folder);
  return folder;
}

CartableMessageList *
mail_test_inbox_list (CartableMailSession *session,
                      const char          *identifier,
                      CamelFolder        **inbox)
{
  g_assert (inbox != NULL && *inbox == NULL);
  *inbox = mail_test_open_folder (cartable_mail_session_get_store (session, identifier), "INBOX");
  return cartable_message_list_new (*inbox);
}

void
mail_test_load_list (CartableMessageList *list,
                     gboolean             from_server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_message_list_load_async (list, from_server, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_message_list_load_finish (list, cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);
}

void
mail_test_apply (CamelFolder        *folder,
                 const char         *uid,
                 CartableMailAction  action)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *uids[] = { uid, NULL };

  cartable_mail_apply_async (folder, uids, action, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_mail_apply_finish (cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);
}

gboolean
mail_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

GBytes *
mail_test_random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int_range (0, 256);
  return g_bytes_new_take (data, size);
}

void
mail_test_run_for (guint ms)
{
  gboolean never = FALSE;

  cartable_test_wait_flag (&never, ms);
}

char *
mail_test_password_cb (const char *account_id,
                       gpointer    user_data)
{
  return mail_test_academy_password (user_data, account_id);
}

char *
mail_test_imap_python (MailTestAcademy *academy,
                       const char      *identifier,
                       const char      *body)
{
  g_autofree char *script = g_strconcat (MAIL_TEST_IMAP_PRELUDE, body, NULL);

  return cartable_test_stack_python (academy->stack, identifier, script);
}

char *
mail_test_server_flags (MailTestAcademy *academy,
                        const char      *identifier,
                        const char      *uid,
                        const char      *change)
{
  g_auto(GStrv) words = change != NULL ? g_strsplit (change, " ", 2) : NULL;
  g_autofree char *store = words != NULL ? g_strdup_printf ("M.uid('STORE', '%s', '%s', r'%s')\n",
                                                            uid, words[0], words[1]) : NULL;
  g_autofree char *script = g_strdup_printf ("M.select('INBOX')\n%sprint(M.uid('FETCH', '%s', '(FLAGS)')[1])\n",
                                             store != NULL ? store : "", uid);

  return mail_test_imap_python (academy, identifier, script);
}

void
mail_test_refresh_tree (CartableFolderTree *tree)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_folder_tree_refresh_async (tree, TRUE, NULL, cartable_test_result_cb, &result);
  cartable_test_assert_finish_ok (tree, (CartableTestFinish) cartable_folder_tree_refresh_finish, &result);
}

gboolean
mail_test_set_online (CartableMailSession *s,
                      const char          *account_id,
                      gboolean             online,
                      GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_mail_session_set_online_async (s, account_id, online, NULL, cartable_test_result_cb, &result);
  return cartable_mail_session_set_online_finish (s, cartable_test_wait_result (&result, 0), error);
}

MailTestAcademy *
mail_test_init (int      *argc,
                char   ***argv,
                gboolean  sending)
{
  if (sending)
    {
      g_setenv ("LANGUAGE", "fr", TRUE);
      setlocale (LC_ALL, "fr_FR.UTF-8");
    }
  g_test_init (argc, argv, NULL);
  cartable_test_tolerate_camel_races ();
  cartable_engine_init ();
  if (sending)
    g_mime_init ();

  return mail_test_academy_start ();
}

int
mail_test_finish (MailTestAcademy      *academy,
                  CartableMailSession **session,
                  int                   status)
{
  if (session != NULL)
    {
      gboolean done = FALSE;

      cartable_test_wait_flag (&done, 500);
      g_clear_object (session);
    }
  mail_test_academy_stop (academy);
  return status;
}

int
mail_test_main (int               *argc,
                char            ***argv,
                gboolean           sending,
                MailTestAcademy  **academy)
{
  *academy = mail_test_init (argc, argv, sending);
  return mail_test_finish (*academy, NULL, cartable_test_run ());
}

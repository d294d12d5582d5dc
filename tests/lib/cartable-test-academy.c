/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include "cartable-engine.h"
#include "cartable-test.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "cartable-test-wait.h"

static CartableTestStack *academy;

void
cartable_test_academy_run (const char * const *args)
{
  cartable_test_stack_script_run (args);
}

void
cartable_test_academy_start (const char *seed_user,
                             guint       seed_count)
{
  g_assert_null (academy);
  academy = cartable_test_stack_start (NULL);
  if (seed_user != NULL)
    cartable_test_stack_seed_mail (academy, seed_user, seed_count, NULL);
}

void
cartable_test_academy_stop (void)
{
  g_assert_nonnull (academy);
  g_clear_pointer (&academy, cartable_test_stack_stop);
}

int
cartable_test_academy_finish (CartableApplication **app,
                              int                   status)
{
  if (*app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (*app), "quit", NULL);
  g_clear_object (app);
  if (academy != NULL)
    cartable_test_academy_stop ();
  return status;
}

int
cartable_test_academy_main (int                  *argc,
                            char               ***argv,
                            const char           *identifier,
                            guint                 seed_count,
                            void                (*prepare) (void),
                            CartableApplication **app)
{
  cartable_test_ui_init_academy (argc, argv, identifier, seed_count);
  if (prepare != NULL)
    prepare ();
  *app = cartable_test_app_new_with_account (identifier);

  return cartable_test_academy_finish (app, cartable_test_run ());
}

static void
saved_locally_cb (CartableDrafts *drafts,
                  const char     *draft_id,
                  gboolean        on_server,
                  gboolean       *saved)
{
  *saved |= !on_server;
}

static gboolean
drafts_failed (gpointer drafts)
{
  return cartable_drafts_get_last_error (drafts) != NULL;
}

void
cartable_test_academy_leave_local_draft (CartableMailSession *session,
                                         const char          *identifier,
                                         CartableComposer    *composer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableDrafts) drafts = cartable_drafts_new (session, identifier, &error);
  gboolean saved = FALSE;

  g_assert_no_error (error);
  cartable_drafts_track (drafts, composer);
  g_signal_connect (drafts, "saved", G_CALLBACK (saved_locally_cb), &saved);
  cartable_drafts_save_now (drafts, composer);
  g_assert_true (cartable_test_wait_flag (&saved, 10000));
  g_assert_true (cartable_test_wait_for (drafts_failed, drafts, 10000));
  cartable_drafts_untrack (drafts, composer);
}

void
cartable_test_academy_run_script (const char *identifier,
                                  const char *script)
{
  int status = -1;
  g_autofree char *out = cartable_test_academy_python (identifier, script, NULL, &status);

  g_assert_cmpint (status, ==, 0);
}

guint
cartable_test_academy_search_count (const char *identifier,
                                    const char *mailbox,
                                    const char *criteria)
{
  g_autofree char *body = g_strdup_printf ("m.select('%s', readonly=True)\n"
                                           "typ, data = m.search(%s)\n"
                                           "print(len(data[0].split()))\n", mailbox, criteria);
  g_autofree char *out = cartable_test_academy_imap (identifier, body);

  return (guint) g_ascii_strtoull (out, NULL, 10);
}

guint
cartable_test_academy_count (const char *identifier,
                             const char *mailbox)
{
  const char *boxes[] = { mailbox, NULL };
  guint count = 0;

  cartable_test_stack_count_messages (cartable_test_academy_get_stack (), identifier, boxes, &count);
  return count;
}

static gint64
mailbox_count (gconstpointer identifier,
               gconstpointer mailbox)
{
  return cartable_test_academy_count (identifier, mailbox);
}

gboolean
cartable_test_academy_wait_count (const char *identifier,
                                  const char *mailbox,
                                  guint       expected,
                                  guint       timeout_ms)
{
  return cartable_test_wait_value (mailbox_count, identifier, mailbox, expected, 300, timeout_ms);
}

void
cartable_test_ui_init_academy (int         *argc,
                               char      ***argv,
                               const char  *seed_user,
                               guint        seed_count)
{
  cartable_test_ui_init (argc, argv);
  /* Without a window manager the window never gets focus-out events: a
   * blinking cursor would then warn that it missed one. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  cartable_test_academy_start (seed_user, seed_count);
}

CartableApplication *
cartable_test_app_new (void)
{
  CartableApplication *app = cartable_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

CartableApplication *
cartable_test_app_new_with_account (const char *identifier)
{
  CartableApplication *app = cartable_test_app_new ();

  cartable_test_academy_add_account (app, identifier, NULL);
  return app;
}

CartableTestStack *
cartable_test_academy_get_stack (void)
{
  g_assert_nonnull (academy);
  return academy;
}

const char *
cartable_test_academy_get_dir (void)
{
  return cartable_test_academy_get_stack ()->dir;
}

const char *
cartable_test_academy_get_profile (void)
{
  return cartable_test_academy_get_stack ()->profile_path;
}

const char *
cartable_test_academy_env (const char *key)
{
  return cartable_test_stack_env (cartable_test_academy_get_stack (), key);
}

guint
cartable_test_academy_port (const char *key)
{
  return cartable_test_stack_port (cartable_test_academy_get_stack (), key);
}

const char *
cartable_test_academy_field (const char *identifier,
                             const char *field)
{
  return cartable_test_stack_account (cartable_test_academy_get_stack (), identifier, field);
}

char *
cartable_test_academy_python (const char         *identifier,
                              const char         *script,
                              const char * const *args,
                              int                *exit_status)
{
  return cartable_test_stack_python_args (cartable_test_academy_get_stack (), identifier, script, args, exit_status);
}

char *
cartable_test_academy_imap (const char *identifier,
                            const char *body)
{
  g_autofree char *script = g_strconcat (CARTABLE_TEST_IMAP_LOGIN, body, "m.logout()\n", NULL);

  return cartable_test_academy_python (identifier, script, NULL, NULL);
}

static void
add_account (CartableApplication *app,
             const char          *identifier,
             const char          *password,
             const char          *profile)
{
  CartableAccountStore *store = cartable_application_get_account_store (app);
  g_autoptr(CartableAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (password == NULL)
    password = cartable_test_academy_field (identifier, "password");

  cartable_credentials_store_async (identifier, NULL, password, cartable_test_academy_field (identifier, "email"),
                                    NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_test_wait_for (cartable_test_have_result, &result, 10000));
  g_assert_true (cartable_credentials_store_finish (result, &error));
  g_assert_no_error (error);

  account = cartable_account_new (identifier, identifier, cartable_test_academy_field (identifier, "email"));
  cartable_account_set_display_name (account, cartable_test_academy_field (identifier, "display_name"));
  cartable_account_set_profile_path (account, profile);
  g_assert_true (cartable_account_store_add (store, account, &error));
  g_assert_no_error (error);
}

void
cartable_test_academy_add_account (CartableApplication *app,
                                   const char          *identifier,
                                   const char          *password)
{
  add_account (app, identifier, password, cartable_test_academy_get_profile ());
}

void
cartable_test_academy_add_account_with_profile (CartableApplication *app,
                                                const char          *identifier,
                                                const char          *profile)
{
  add_account (app, identifier, NULL, profile);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("sessions");

/*
 * CartableSessions against the loopback academy: every account of the
 * store gets a session that goes online with its folder tree, owns a
 * running outbox and its drafts, and after its server went away is tried
 * again with back-off and comes back online once the server answers.
 */

#define USER "mdurand"

static MailTestAcademy *academy;

typedef struct
{
  CartableAccountStore *store;
  CartableSessions     *sessions;
} Fixture;

static gboolean
session_ready (CartableAccountSession *session)
{
  CartableFolderTree *tree = cartable_account_session_get_folder_tree (session);

  return cartable_account_session_get_online (session) && tree != NULL &&
         cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_INBOX) != NULL;
}

static void
session_notify_cb (CartableAccountSession *session,
                   GParamSpec             *pspec,
                   gboolean               *ready)
{
  *ready = session_ready (session);
}

typedef struct
{
  CartableAccountSession *session;
  gboolean                ready;
} ReadyWait;

/* The Inbox appears when the folder tree is refreshed, which the mail
 * accounts tell. */
static void
account_changed_cb (CartableMailAccounts *accounts,
                    const char           *account_id,
                    ReadyWait            *wait)
{
  wait->ready = session_ready (wait->session);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = mail_test_account_store_new (academy, USER);
  /* No monitor: the loopback academy needs no network. */
  fixture->sessions = cartable_sessions_new (fixture->store, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->sessions);
  g_clear_object (&fixture->store);
}

static CartableAccountSession *
wait_ready (Fixture *fixture)
{
  CartableMailAccounts *accounts = cartable_sessions_get_mail_accounts (fixture->sessions);
  ReadyWait wait = { cartable_sessions_lookup (fixture->sessions, USER), FALSE };
  gulong handler;

  g_assert_nonnull (wait.session);
  wait.ready = session_ready (wait.session);
  handler = g_signal_connect (accounts, "account-changed", G_CALLBACK (account_changed_cb), &wait);
  g_assert_true (cartable_test_wait_flag (&wait.ready, 30000));
  g_signal_handler_disconnect (accounts, handler);
  return wait.session;
}

CARTABLE_TEST_FIXTURE ("online", Fixture, fixture_set_up, test_online, fixture_tear_down)
{
  GListModel *model = G_LIST_MODEL (fixture->sessions);
  CartableAccountSession *session = wait_ready (fixture);
  g_autoptr(CartableAccountSession) first = NULL;
  g_autoptr(CartableAccount) other = NULL;
  guint changes = 0;

  g_assert_true (g_list_model_get_item_type (model) == CARTABLE_TYPE_ACCOUNT_SESSION);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  first = g_list_model_get_item (model, 0);
  g_assert_true (first == session);
  g_assert_cmpstr (cartable_account_session_get_account_id (session), ==, USER);
  g_assert_null (cartable_sessions_lookup (fixture->sessions, "personne"));

  /* The views keep reading the same state through the mail accounts. */
  g_assert_true (cartable_mail_accounts_get_folder_tree (cartable_sessions_get_mail_accounts (fixture->sessions), USER) ==
                 cartable_account_session_get_folder_tree (session));
  g_assert_true (cartable_mail_accounts_get_online (cartable_sessions_get_mail_accounts (fixture->sessions), USER));
  g_assert_null (cartable_account_session_get_error (session));
  g_assert_cmpint (cartable_account_session_get_link (session), ==, CARTABLE_ACCOUNT_LINK_ONLINE);
  g_assert_cmpuint (cartable_account_session_get_retry_delay (session), ==, 0);

  /* Its outbox sends without anyone asking; its drafts are there. */
  g_assert_nonnull (cartable_account_session_get_outbox (session));
  g_assert_true (cartable_outbox_get_running (cartable_account_session_get_outbox (session)));
  g_assert_nonnull (cartable_account_session_get_drafts (session));
  g_assert_cmpuint (cartable_account_session_get_n_unsent_drafts (session), ==, 0);

  /* The sessions follow the store. */
  g_signal_connect (model, "items-changed", G_CALLBACK (cartable_test_count_items_changed_cb), &changes);
  other = mail_test_add_account (academy, fixture->store, "tlefebvre");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_nonnull (cartable_sessions_lookup (fixture->sessions, "tlefebvre"));
  g_assert_true (cartable_sessions_lookup (fixture->sessions, USER) == session);
  g_assert_true (cartable_account_store_remove (fixture->store, "tlefebvre", NULL));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_null (cartable_sessions_lookup (fixture->sessions, "tlefebvre"));
  g_signal_handlers_disconnect_by_data (model, &changes);
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  cartable_mail_accounts_refresh_inbox_finish (CARTABLE_MAIL_ACCOUNTS (source), result, NULL);
  *done = TRUE;
}

/* The server goes away: the session goes offline, plans an attempt after
 * the first delay, and once the server is back a reconnection (what
 * « Réessayer » does) brings it online and forgets the plan. */
CARTABLE_TEST_FIXTURE ("reconnect", Fixture, fixture_set_up, test_reconnect, fixture_tear_down)
{
  CartableAccountSession *session = wait_ready (fixture);
  CartableMailAccounts *accounts = cartable_sessions_get_mail_accounts (fixture->sessions);
  gboolean done = FALSE;
  gboolean ready;
  gulong handler;

  mail_test_academy_stop_imap (academy);
  cartable_mail_accounts_refresh_inbox_async (accounts, USER, NULL, refresh_done_cb, &done);
  g_assert_true (cartable_test_wait_flag (&done, 30000));

  g_assert_false (cartable_account_session_get_online (session));
  g_assert_nonnull (cartable_account_session_get_error (session));
  g_assert_cmpint (cartable_account_session_get_link (session), ==, CARTABLE_ACCOUNT_LINK_UNREACHABLE);
  g_assert_cmpuint (cartable_account_session_get_retry_delay (session), ==,
                    CARTABLE_ACCOUNT_SESSION_RETRY_FIRST_DELAY);

  mail_test_academy_start_imap (academy);
  ready = FALSE;
  handler = g_signal_connect (session, "notify", G_CALLBACK (session_notify_cb), &ready);
  cartable_account_session_reconnect (session);
  g_assert_true (cartable_test_wait_flag (&ready, 30000));
  g_signal_handler_disconnect (session, handler);

  g_assert_null (cartable_account_session_get_error (session));
  g_assert_cmpuint (cartable_account_session_get_retry_delay (session), ==, 0);
  g_assert_true (cartable_outbox_get_running (cartable_account_session_get_outbox (session)));
}

static void
count_signal_cb (CartableAccountSession *session,
                 guint                  *count)
{
  (*count)++;
}

/* A password the server refuses is a question for the user, asked once:
 * no automatic attempt is planned. */
CARTABLE_TEST_FIXTURE ("password-refused", Fixture, fixture_set_up, test_password_refused, fixture_tear_down)
{
  g_autofree char *email = g_strdup_printf ("%s@ac-normandie.fr", USER);
  CartableAccountSession *session = wait_ready (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint refused = 0;
  gboolean done = FALSE;

  g_signal_connect (session, "password-refused", G_CALLBACK (count_signal_cb), &refused);

  cartable_credentials_store_async (USER, NULL, "pas-le-bon", email, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_credentials_store_finish (cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);

  /* Offline first, as after a lost server, then the wrong password. */
  mail_test_academy_stop_imap (academy);
  cartable_mail_accounts_refresh_inbox_async (cartable_sessions_get_mail_accounts (fixture->sessions), USER, NULL,
                                              refresh_done_cb, &done);
  g_assert_true (cartable_test_wait_flag (&done, 30000));
  mail_test_academy_start_imap (academy);
  cartable_account_session_reconnect (session);
  while (refused == 0 && cartable_account_session_get_link (session) != CARTABLE_ACCOUNT_LINK_REFUSED)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (refused, ==, 1);
  g_assert_cmpint (cartable_account_session_get_link (session), ==, CARTABLE_ACCOUNT_LINK_REFUSED);
  g_assert_cmpuint (cartable_account_session_get_retry_delay (session), ==, 0);
  g_signal_handlers_disconnect_by_data (session, &refused);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  cartable_test_tolerate_camel_races ();
  cartable_engine_init ();

  academy = mail_test_academy_start ();

  ret = cartable_test_run ();
  mail_test_academy_stop (academy);
  return ret;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <string.h>

#include "cartable-test-mail-engine.h"
#include "mail/cartable-mail-accounts.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-accounts");

/*
 * CartableMailAccounts against the loopback academy: an account of the
 * store, set up from the academy profile with its password in the keyring,
 * goes online; asking it to refresh its Inbox brings a message delivered
 * meanwhile into the folder; an unknown account is refused by name; a
 * server that goes away takes the account offline until it reconnects.
 */

#define USER "mdurand"

static MailTestAcademy *academy;

static gboolean
account_ready (CartableMailAccounts *accounts)
{
  CartableFolderTree *tree = cartable_mail_accounts_get_folder_tree (accounts, USER);

  return cartable_mail_accounts_get_online (accounts, USER) && tree != NULL &&
         cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_INBOX) != NULL;
}

static void
account_changed_cb (CartableMailAccounts *accounts,
                    const char           *account_id,
                    gboolean             *ready)
{
  *ready = account_ready (accounts);
}

static CartableMailAccounts *
accounts_new (void)
{
  g_autoptr(CartableAccountStore) store = mail_test_account_store_new (academy, USER);
  CartableMailAccounts *accounts;
  gboolean ready = FALSE;

  accounts = cartable_mail_accounts_new (store);
  g_signal_connect (accounts, "account-changed", G_CALLBACK (account_changed_cb), &ready);
  ready = account_ready (accounts);
  g_assert_true (cartable_test_wait_flag (&ready, 30000));
  g_signal_handlers_disconnect_by_data (accounts, &ready);

  return accounts;
}

static gboolean
refresh_inbox (CartableMailAccounts  *accounts,
               const char            *account_id,
               GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_mail_accounts_refresh_inbox_async (accounts, account_id, NULL, cartable_test_result_cb, &result);
  return cartable_mail_accounts_refresh_inbox_finish (accounts, cartable_test_wait_result (&result, 0), error);
}

CARTABLE_TEST ("refresh-inbox", test_refresh_inbox)
{
  g_autoptr(CartableMailAccounts) accounts = accounts_new ();
  CartableFolderTree *tree = cartable_mail_accounts_get_folder_tree (accounts, USER);
  CartableFolderItem *inbox = cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_INBOX);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CamelFolder) folder = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  /* The folder as a list would hold it: opened from the cache, refreshed. */
  cartable_mail_open_folder_async (cartable_folder_tree_get_store (tree), cartable_folder_item_get_full_name (inbox),
                                   NULL, cartable_test_result_cb, &result);
  folder = cartable_mail_open_folder_finish (cartable_test_wait_result (&result, 0), &error);
  g_assert_no_error (error);
  g_assert_true (refresh_inbox (accounts, USER, &error));
  g_assert_no_error (error);
  before = camel_folder_get_message_count (folder);

  /* Delivered by another connection: the refresh brings it. */
  cartable_test_stack_seed_mail (academy->stack, USER, 2, "INBOX");
  g_assert_true (refresh_inbox (accounts, USER, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (camel_folder_get_message_count (folder), ==, before + 2);
}

CARTABLE_TEST ("refresh-unknown-account", test_refresh_unknown_account)
{
  g_autoptr(CartableMailAccounts) accounts = accounts_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh_inbox (accounts, "personne", &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT);
  g_assert_nonnull (strstr (error->message, "personne"));
}

static void
count_changed_cb (CartableMailAccounts *accounts,
                  const char           *account_id,
                  guint                *count)
{
  (*count)++;
}

static void
settled_cb (CartableMailAccounts *accounts,
            const char           *account_id,
            gboolean             *settled)
{
  *settled = cartable_mail_accounts_get_online (accounts, USER) ||
             cartable_mail_accounts_get_error (accounts, USER) != NULL;
}

/* Reconnects until the account is online, as its session does after a
 * failure that is not a refusal (Camel may fail a connection it opens
 * beside another one); a refused password fails the test: the server
 * never refused it. */
static gboolean
reconnect_until_online (CartableMailAccounts *accounts)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      gboolean settled = FALSE;
      const GError *reason;
      gulong handler = g_signal_connect (accounts, "account-changed", G_CALLBACK (settled_cb), &settled);

      cartable_mail_accounts_reconnect (accounts, USER);
      g_assert_true (cartable_test_wait_flag (&settled, 30000));
      g_signal_handler_disconnect (accounts, handler);
      if (cartable_mail_accounts_get_online (accounts, USER))
        return TRUE;

      reason = cartable_mail_accounts_get_error (accounts, USER);
      g_assert_false (g_error_matches (reason, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH));
      g_test_message ("reconnecting again after: %s", reason->message);
    }

  return FALSE;
}

/* The server goes away after the account came online: the next refresh
 * fails, the account is offline with the reason, and reconnecting once the
 * server is back brings it online again. */
CARTABLE_TEST ("server-lost", test_server_lost)
{
  g_autoptr(CartableMailAccounts) accounts = accounts_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  const GError *reason;
  gboolean refreshed;
  guint changes = 0;

  g_assert_true (cartable_mail_accounts_get_online (accounts, USER));
  g_signal_connect (accounts, "account-changed", G_CALLBACK (count_changed_cb), &changes);

  /* A refusal is not a lost server. */
  refused = g_error_new_literal (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH, "refused");
  cartable_mail_accounts_note_error (accounts, USER, refused);
  g_assert_true (cartable_mail_accounts_get_online (accounts, USER));
  g_assert_cmpuint (changes, ==, 0);

  mail_test_academy_stop_imap (academy);
  g_assert_false (refresh_inbox (accounts, USER, &error));
  g_assert_nonnull (error);
  g_assert_false (cartable_mail_accounts_get_online (accounts, USER));
  g_assert_cmpuint (changes, >=, 1);
  reason = cartable_mail_accounts_get_error (accounts, USER);
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason->message, ==, error->message);

  /* Offline now: asked again, the refresh says so without a server. */
  g_clear_error (&error);
  g_assert_false (refresh_inbox (accounts, USER, &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE);

  mail_test_academy_start_imap (academy);
  g_assert_true (reconnect_until_online (accounts));
  g_assert_null (cartable_mail_accounts_get_error (accounts, USER));
  g_clear_error (&error);
  refreshed = refresh_inbox (accounts, USER, &error);
  g_assert_no_error (error);
  g_assert_true (refreshed);
}

int
main (int   argc,
      char *argv[])
{
  return mail_test_main (&argc, &argv, FALSE, &academy);
}

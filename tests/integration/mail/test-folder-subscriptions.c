/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cartable-folder-tree-private.h"
#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("folder-subscriptions");

/* Folder subscriptions against the loopback academy's Dovecot: the tree
 * lists every folder and says which ones are subscribed; subscribing and
 * unsubscribing through the tree changes the server's list of subscribed
 * folders (LSUB) and the items once the folders are read again. */

#define USER "mdurand"

static MailTestAcademy *academy;
static CartableMailSession *session;

static void
subscribe (CartableFolderTree *tree,
           const char         *full_name,
           gboolean            subscribed)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_folder_tree_subscribe_async (tree, full_name, subscribed, NULL, cartable_test_result_cb, &result);
  cartable_test_assert_finish_ok (tree, (CartableTestFinish) cartable_folder_tree_subscribe_finish, &result);
}

/* Whether the server lists @name among the subscribed folders. */
static gboolean
server_subscribed (const char *name)
{
  g_autofree char *out = mail_test_imap_python (academy, USER,
                                                "for line in M.lsub()[1]:\n"
                                                "    if line: print(line.decode())\n");
  g_autofree char *quoted = g_strdup_printf (" \"%s\"", name);
  g_autofree char *bare = g_strdup_printf (" %s", name);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (g_strstrip (lines[i]), quoted) || g_str_has_suffix (lines[i], bare))
      return TRUE;
  return FALSE;
}

CARTABLE_TEST ("subscribe", test_subscriptions)
{
  CamelStore *store = cartable_mail_session_get_store (session, USER);
  g_autoptr(CartableFolderTree) tree = cartable_folder_tree_new (store);
  g_autofree char *out = NULL;
  g_autoptr(CamelFolder) opened = NULL;
  CartableFolderItem *item;

  /* Made elsewhere without subscribing to it: listed, not subscribed. */
  out = mail_test_imap_python (academy, USER, "assert M.create('\"Archives 2025\"')[0] == 'OK'\n");
  g_assert_false (server_subscribed ("Archives 2025"));
  mail_test_refresh_tree (tree);
  item = cartable_folder_tree_find (tree, "Archives 2025");
  g_assert_nonnull (item);
  g_assert_false (cartable_folder_item_get_subscribed (item));
  /* The special-use folders are (Dovecot subscribes them). */
  g_assert_true (cartable_folder_item_get_subscribed (cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_TRASH)));
  g_assert_true (cartable_folder_item_get_subscribed (cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_DRAFTS)));

  /* Subscribed through the tree: the server says so, and so does the item. */
  subscribe (tree, "Archives 2025", TRUE);
  g_assert_true (server_subscribed ("Archives 2025"));
  mail_test_refresh_tree (tree);
  item = cartable_folder_tree_find (tree, "Archives 2025");
  g_assert_nonnull (item);
  g_assert_true (cartable_folder_item_get_subscribed (item));

  /* Unsubscribed while open: still a folder of the account, no longer
   * subscribed. */
  opened = mail_test_open_folder (store, "Archives 2025");
  subscribe (tree, "Archives 2025", FALSE);
  g_assert_false (server_subscribed ("Archives 2025"));
  mail_test_refresh_tree (tree);
  item = cartable_folder_tree_find (tree, "Archives 2025");
  g_assert_nonnull (item);
  g_assert_false (cartable_folder_item_get_subscribed (item));
}

int
main (int   argc,
      char *argv[])
{
  academy = mail_test_init (&argc, &argv, FALSE);
  session = mail_test_session_online (academy, USER);

  return mail_test_finish (academy, &session, cartable_test_run ());
}

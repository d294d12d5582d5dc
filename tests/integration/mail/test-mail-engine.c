/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cartable-mail-folder.h"
#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-engine");

/* Everything here runs against one academy; mdurand holds a few hundred
 * seeded messages over several folders, tlefebvre a 10,000-message INBOX. */
static MailTestAcademy *academy;
static CartableMailSession *session;   /* mdurand */

/* Runs the main context until @cond holds; fails the test after @ms. */
#define WAIT_UNTIL(cond, ms) g_assert_true (MAIL_TEST_WAIT_FOR (cond, ms))

/* ------------------------------------------------------------------ sync */

CARTABLE_TEST ("sync-10000", test_sync_10000)
{
  g_autoptr(CartableMailSession) big = mail_test_session_new (academy, "tlefebvre", CARTABLE_MAIL_SECURITY_TLS);
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = NULL;
  CamelStore *store = cartable_mail_session_get_store (big, "tlefebvre");
  guint progress_updates = 0;
  gint64 start, connected, synced;
  gint64 previous = G_MAXINT64;
  guint total = 0;

  start = g_get_monotonic_time ();
  g_assert_true (mail_test_set_online (big, "tlefebvre", TRUE, &error));
  g_assert_no_error (error);
  connected = g_get_monotonic_time ();

  inbox = mail_test_open_folder (store, "INBOX");
  list = cartable_message_list_new (inbox);
  g_signal_connect (list, "notify::progress", G_CALLBACK (cartable_test_count_notify_cb), &progress_updates);
  mail_test_load_list (list, TRUE);
  synced = g_get_monotonic_time ();

  g_test_message ("10,000 messages: connect %.0f ms, first sync + list %.2f s, %u progress updates",
                  (connected - start) / 1000.0, (synced - connected) / 1e6, progress_updates);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10000);
  g_assert_cmpuint (progress_updates, >=, 2);
  g_assert_cmpfloat (cartable_message_list_get_progress (list), ==, -1.0);

  /* Newest first. */
  for (guint i = 0; i < 10000; i += 37)
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (cartable_message_summary_get_subject (summary));
      g_assert_cmpint (cartable_message_summary_get_date (summary), <=, previous);
      previous = cartable_message_summary_get_date (summary);
    }

  /* Conversations: fewer rows, same messages. */
  cartable_message_list_set_threaded (list, TRUE);
  mail_test_drain (list);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      total += cartable_message_summary_get_thread_count (summary);
    }
  g_test_message ("%u conversations", g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, 10000);
  g_assert_cmpuint (total, ==, 10000);

  /* Cached resync: a second session over the same cache is fast. */
  start = g_get_monotonic_time ();
  mail_test_load_list (list, TRUE);
  g_test_message ("cached resync of 10,000: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  mail_test_drain (list);

  /* Workers drop their last references just after reporting: let them,
   * before this session and its store go. */
  {
    gboolean done = FALSE;

    g_clear_object (&list);
    cartable_test_wait_flag (&done, 300);
  }
}

/* ------------------------------------------------------------------ folders */

CARTABLE_TEST ("folders", test_folders)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  g_autoptr(CartableFolderTree) tree = cartable_folder_tree_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *out = NULL;
  CartableFolderItem *item;
  CartableFolderItem *first;

  mail_test_refresh_tree (tree);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tree)), >=, 8);

  first = g_list_model_get_item (G_LIST_MODEL (tree), 0);
  g_assert_cmpint (cartable_folder_item_get_role (first), ==, CARTABLE_FOLDER_ROLE_INBOX);
  g_assert_cmpstr (cartable_folder_item_get_display_name (first), ==,
                   cartable_folder_role_get_display_name (CARTABLE_FOLDER_ROLE_INBOX));
  g_object_unref (first);

  for (CartableFolderRole role = CARTABLE_FOLDER_ROLE_DRAFTS; role <= CARTABLE_FOLDER_ROLE_TRASH; role++)
    {
      item = cartable_folder_tree_find_role (tree, role);
      g_assert_nonnull (item);
      g_assert_cmpuint (cartable_folder_item_get_depth (item), ==, 0);
    }

  item = cartable_folder_tree_find (tree, "Projets/Voyage scolaire");
  g_assert_nonnull (item);
  g_assert_cmpuint (cartable_folder_item_get_depth (item), ==, 1);
  g_assert_cmpstr (cartable_folder_item_get_display_name (item), ==, "Voyage scolaire");
  g_assert_cmpint (cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_NONE) != NULL, ==, TRUE);

  /* Made by another client: appears after a refresh. */
  g_free (mail_test_imap_python (academy, "mdurand", "M.create('\"Classe de 6e\"'); M.subscribe('\"Classe de 6e\"')\n"));
  g_assert_null (cartable_folder_tree_find (tree, "Classe de 6e"));
  mail_test_refresh_tree (tree);
  g_assert_nonnull (cartable_folder_tree_find (tree, "Classe de 6e"));

  /* Made by Cartable: seen by the other client. */
  cartable_folder_tree_create_async (tree, NULL, "Conseils", NULL, cartable_test_result_cb, &result);
  created = cartable_folder_tree_create_finish (tree, cartable_test_wait_result (&result, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created, ==, "Conseils");
  g_clear_object (&result);

  cartable_folder_tree_rename_async (tree, "Conseils", "Conseils 2026", NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_folder_tree_rename_finish (tree, cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  out = mail_test_imap_python (academy, "mdurand", "print(M.list()[1])\n");
  g_assert_nonnull (strstr (out, "Conseils 2026"));
  g_clear_pointer (&out, g_free);

  /* The tree follows the store's signals by itself. */
  WAIT_UNTIL (!(cartable_folder_tree_find (tree, "Conseils 2026") == NULL), 30000);

  cartable_folder_tree_delete_async (tree, "Conseils 2026", NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_folder_tree_delete_finish (tree, cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  out = mail_test_imap_python (academy, "mdurand", "print(M.list()[1])\n");
  g_assert_null (strstr (out, "Conseils 2026"));

  /* A hostile name is refused before reaching the server. */
  cartable_folder_tree_create_async (tree, NULL, "../x", NULL, cartable_test_result_cb, &result);
  g_assert_null (cartable_folder_tree_create_finish (tree, cartable_test_wait_result (&result, 0), &error));
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID);
}

/* ------------------------------------------------------------------ flags and moves */

static char *
first_uid_with (CartableMessageList *list,
                gboolean             seen)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (cartable_message_summary_get_seen (summary) == seen)
        return g_strdup (cartable_message_summary_get_uid (summary));
    }
  return NULL;
}

CARTABLE_TEST ("flags-both-ways", test_flags_both_ways)
{
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autofree char *uid = NULL;
  g_autofree char *seen_uid = NULL;
  g_autofree char *out = NULL;
  int position;

  mail_test_load_list (list, TRUE);
  uid = first_uid_with (list, FALSE);
  g_assert_nonnull (uid);

  /* Cartable → server. */
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_MARK_READ);
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_FLAG);
  out = mail_test_server_flags (academy, "mdurand", uid, NULL);
  g_assert_nonnull (strstr (out, "\\\\Seen"));
  g_assert_nonnull (strstr (out, "\\\\Flagged"));
  g_clear_pointer (&out, g_free);

  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_UNFLAG);
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_MARK_UNREAD);
  out = mail_test_server_flags (academy, "mdurand", uid, NULL);
  g_assert_null (strstr (out, "\\\\Seen"));
  g_assert_null (strstr (out, "\\\\Flagged"));
  g_clear_pointer (&out, g_free);

  /* Server (another client) → Cartable. */
  g_free (mail_test_server_flags (academy, "mdurand", uid, "+FLAGS (\\Flagged \\Seen)"));
  mail_test_load_list (list, TRUE);
  position = cartable_message_list_find (list, uid);
  g_assert_cmpint (position, >=, 0);
  {
    g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), position);

    g_assert_true (cartable_message_summary_get_flagged (summary));
    g_assert_true (cartable_message_summary_get_seen (summary));
  }
  seen_uid = g_strdup (uid);
  (void) seen_uid;
  mail_test_drain (list);
}

static gboolean
message_id_in (const char *identifier,
               const char *folder,
               const char *message_id)
{
  g_autofree char *script = g_strdup_printf (
    "M.select('\"%s\"')\n"
    "typ, data = M.uid('SEARCH', None, 'HEADER', 'Message-ID', '%s')\n"
    "print('FOUND' if data[0].split() else 'NONE')\n", folder, message_id);
  g_autofree char *out = mail_test_imap_python (academy, identifier, script);

  return strstr (out, "FOUND") != NULL;
}

CARTABLE_TEST ("moves-both-ways", test_moves_both_ways)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *uids[2] = { NULL, NULL };
  guint before;

  mail_test_load_list (list, TRUE);
  before = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_autofree char *uid = g_strdup (cartable_message_summary_get_uid (summary));
  g_autoptr(CartableMessage) message = cartable_message_load_sync (inbox, uid, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *message_id = g_strdup (cartable_message_get_message_id (message));
  g_assert_nonnull (message_id);

  /* Cartable archives; the other client sees it moved. */
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_ARCHIVE);
  g_assert_true (message_id_in ("mdurand", "Archive", message_id));
  g_assert_false (message_id_in ("mdurand", "INBOX", message_id));
  WAIT_UNTIL (!(g_list_model_get_n_items (G_LIST_MODEL (list)) != before - 1), 30000);
  g_assert_cmpint (cartable_message_list_find (list, uid), ==, -1);

  /* Copy into a subfolder keeps the original. */
  {
    g_autoptr(CamelFolder) archive = mail_test_open_folder (store, "Archive");
    g_autoptr(GPtrArray) found = NULL;
    g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();

    camel_folder_refresh_info_sync (archive, NULL, NULL);
    cartable_search_query_set_subject (query, cartable_message_get_subject (message));
    found = cartable_mail_search_sync (archive, query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, >=, 1);
    /* Subjects repeat: pick ours by its Message-ID. */
    for (guint i = 0; i < found->len && uids[0] == NULL; i++)
      {
        g_autoptr(CartableMessage) m = cartable_message_load_sync (archive, found->pdata[i], NULL, &error);

        g_assert_no_error (error);
        if (g_strcmp0 (cartable_message_get_message_id (m), message_id) == 0)
          uids[0] = found->pdata[i];
      }
    g_assert_nonnull (uids[0]);
    cartable_mail_transfer_async (archive, uids, "Projets/Voyage scolaire", FALSE, NULL,
                                  cartable_test_result_cb, &result);
    g_assert_true (cartable_mail_transfer_finish (cartable_test_wait_result (&result, 0), &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_true (message_id_in ("mdurand", "Projets/Voyage scolaire", message_id));
    g_assert_true (message_id_in ("mdurand", "Archive", message_id));
  }

  /* Delete goes to the Trash; junk to Junk. */
  {
    g_autoptr(CartableMessageSummary) s = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(CartableMessage) m = cartable_message_load_sync (inbox, cartable_message_summary_get_uid (s), NULL, &error);
    g_autoptr(CartableMessageSummary) s2 = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_autoptr(CartableMessage) m2 = cartable_message_load_sync (inbox, cartable_message_summary_get_uid (s2), NULL, &error);
    g_autofree char *uid2 = g_strdup (cartable_message_summary_get_uid (s2));

    mail_test_apply (inbox, cartable_message_summary_get_uid (s), CARTABLE_MAIL_ACTION_DELETE);
    g_assert_true (message_id_in ("mdurand", "Trash", cartable_message_get_message_id (m)));
    g_assert_false (message_id_in ("mdurand", "INBOX", cartable_message_get_message_id (m)));
    mail_test_apply (inbox, uid2, CARTABLE_MAIL_ACTION_JUNK);
    g_assert_true (message_id_in ("mdurand", "Junk", cartable_message_get_message_id (m2)));

    /* Emptying the Trash deletes for good. */
    cartable_mail_empty_trash_async (store, NULL, cartable_test_result_cb, &result);
    g_assert_true (cartable_mail_empty_trash_finish (cartable_test_wait_result (&result, 0), &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_false (message_id_in ("mdurand", "Trash", cartable_message_get_message_id (m)));
  }

  /* The other client moves a message out of INBOX: Cartable's list follows. */
  {
    g_autoptr(CartableMessageSummary) s = g_list_model_get_item (G_LIST_MODEL (list), 5);
    g_autofree char *moved = g_strdup (cartable_message_summary_get_uid (s));

    script = g_strdup_printf ("M.select('INBOX')\nprint(M.uid('MOVE', '%s', 'Archive'))\n", moved);
    g_free (mail_test_imap_python (academy, "mdurand", script));
    mail_test_load_list (list, TRUE);
    g_assert_cmpint (cartable_message_list_find (list, moved), ==, -1);
  }
  mail_test_drain (list);
}

/* ------------------------------------------------------------------ message */

CARTABLE_TEST ("message-parsing", test_message_parsing)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  g_autoptr(CamelFolder) inbox = mail_test_open_folder (store, "INBOX");
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autoptr(GPtrArray) with_attachments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "saved", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) directory = NULL;
  gboolean saw_png = FALSE, saw_wav = FALSE, saw_html = FALSE;
  guint checked = 0;

  g_mkdir_with_parents (dir, 0700);
  camel_folder_refresh_info_sync (inbox, NULL, NULL);
  cartable_search_query_set_has_attachment (query, TRUE);
  with_attachments = cartable_mail_search_sync (inbox, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (with_attachments->len, >, 0);

  for (guint i = 0; i < with_attachments->len && (!saw_png || !saw_wav); i++)
    {
      g_autoptr(CartableMessage) message = cartable_message_load_sync (inbox, with_attachments->pdata[i], NULL, &error);
      GListModel *attachments;

      g_assert_no_error (error);
      attachments = cartable_message_get_attachments (message);
      g_assert_cmpuint (g_list_model_get_n_items (attachments), >, 0);
      g_assert_true (cartable_message_get_text_body (message) != NULL ||
                     cartable_message_get_html_body (message) != NULL);
      g_assert_true (g_utf8_validate (cartable_message_get_subject (message), -1, NULL));

      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(CartableAttachment) attachment = g_list_model_get_item (attachments, j);
          GBytes *data = cartable_attachment_get_data (attachment);
          const guint8 *bytes = g_bytes_get_data (data, NULL);
          const char *type = cartable_attachment_get_mime_type (attachment);
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(GFile) saved = NULL;
          g_autoptr(GFile) saved_again = NULL;
          g_autofree char *contents = NULL;
          gsize length = 0;

          g_assert_nonnull (cartable_attachment_get_safe_filename (attachment));
          if (g_str_equal (type, "image/png"))
            {
              g_assert_cmpmem (bytes, 4, "\x89PNG", 4);
              saw_png = TRUE;
            }
          else if (g_str_has_prefix (type, "audio/"))
            {
              g_assert_cmpmem (bytes, 4, "RIFF", 4);
              saw_wav = TRUE;
            }
          else
            continue;

          /* Saved byte for byte, never over an existing file. */
          {
            g_autofree char *name = g_strdup_printf ("%u", checked);

            g_clear_object (&directory);
            directory = g_file_get_child (root, name);
            g_assert_true (g_file_make_directory (directory, NULL, NULL));
          }
          cartable_attachment_save_async (attachment, directory, NULL, cartable_test_result_cb, &result);
          saved = cartable_attachment_save_finish (attachment, cartable_test_wait_result (&result, 0), &error);
          g_assert_no_error (error);
          g_clear_object (&result);
          cartable_attachment_save_async (attachment, directory, NULL, cartable_test_result_cb, &result);
          saved_again = cartable_attachment_save_finish (attachment, cartable_test_wait_result (&result, 0), &error);
          g_assert_no_error (error);
          g_assert_false (g_file_equal (saved, saved_again));
          g_assert_true (g_file_has_parent (saved, directory));
          g_assert_true (g_file_has_parent (saved_again, directory));
          g_assert_nonnull (strstr (g_file_peek_path (saved_again), " (2)"));
          g_assert_true (g_file_load_contents (saved, NULL, &contents, &length, NULL, &error));
          g_assert_cmpmem (contents, length, bytes, g_bytes_get_size (data));
          checked++;
        }
    }
  g_assert_true (saw_png);
  g_assert_true (saw_wav);
  g_assert_cmpuint (checked, >=, 2);

  /* A newsletter: HTML body in UTF-8 with its accents. */
  {
    g_autoptr(CartableSearchQuery) q = cartable_search_query_new ();
    g_autoptr(GPtrArray) uids = NULL;

    cartable_search_query_set_has_attachment (q, FALSE);
    uids = cartable_mail_search_sync (inbox, q, NULL, &error);
    for (guint i = 0; i < uids->len && !saw_html; i++)
      {
        g_autoptr(CartableMessage) message = cartable_message_load_sync (inbox, uids->pdata[i], NULL, &error);

        g_assert_no_error (error);
        if (cartable_message_get_html_body (message) != NULL)
          {
            const char *html = cartable_message_get_html_body (message);

            g_assert_true (g_utf8_validate (html, -1, NULL));
            g_assert_nonnull (strstr (html, "<"));
            saw_html = TRUE;
          }
        else
          {
            g_assert_nonnull (cartable_message_get_text_body (message));
            g_assert_true (g_utf8_validate (cartable_message_get_text_body (message), -1, NULL));
          }
      }
    g_assert_true (saw_html);
  }
}

/* ------------------------------------------------------------------ search */

CARTABLE_TEST ("search-accents", test_search_accents)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  g_autoptr(CamelFolder) folder = NULL;
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autoptr(GError) error = NULL;

  /* Six messages into a folder of their own, by another client. */
  g_free (mail_test_imap_python (academy, "mdurand",
    "M.create('Recherche')\n"
    "M.subscribe('Recherche')\n"
    "def put(subject, sender, body):\n"
    "    msg = email.message.EmailMessage()\n"
    "    msg['From'] = sender\n"
    "    msg['To'] = 'marie.durand@ac-normandie.fr'\n"
    "    msg['Subject'] = subject\n"
    "    msg['Date'] = email.utils.formatdate()\n"
    "    msg.set_content(body)\n"
    "    M.append('Recherche', None, None, msg.as_bytes())\n"
    "put('Élève absent lundi', 'Hélène Dupré <helene.dupre@ac-normandie.fr>', 'Bonjour')\n"
    "put('ELEVE en retard', 'Vie scolaire <vie.scolaire@ac-normandie.fr>', 'Bonjour')\n"
    "put('Réunion des délégués élèves', 'CPE <cpe@ac-normandie.fr>', 'Bonjour')\n"
    "put('Élevage de phasmes au CDI', 'CDI <cdi@ac-normandie.fr>', 'Bonjour')\n"
    "put('Sortie', 'Hélène Dupré <helene.dupre@ac-normandie.fr>', 'Le compte rendu du conseil pédagogique est prêt.')\n"
    "put('Menu', 'Cantine <cantine@ac-normandie.fr>', 'Frites')\n"));

  folder = mail_test_open_folder (store, "Recherche");
  g_autoptr(CartableMessageList) list = cartable_message_list_new (folder);
  mail_test_load_list (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);

  /* Instant, over cached headers: "eleve" finds élève, ÉLEVE, élèves, not élevage. */
  cartable_search_query_set_text (query, "eleve");
  cartable_message_list_set_query (list, query);
  WAIT_UNTIL (!(g_list_model_get_n_items (G_LIST_MODEL (list)) == 6), 30000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CartableMessageSummary) s = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (cartable_mail_search_contains (cartable_message_summary_get_subject (s), "élève"));
      g_assert_null (strstr (cartable_message_summary_get_subject (s), "phasmes"));
    }

  /* By sender, accent-insensitive. */
  g_clear_pointer (&query, cartable_search_query_unref);
  query = cartable_search_query_new ();
  cartable_search_query_set_from (query, "HELENE dupre");
  g_autoptr(GPtrArray) found = cartable_mail_search_sync (folder, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Body, on the server. */
  g_clear_pointer (&query, cartable_search_query_unref);
  query = cartable_search_query_new ();
  cartable_search_query_set_body (query, "compte rendu");
  found = cartable_mail_search_sync (folder, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* The list shows the header matches plus what the body search found
   * (« Sortie », whose headers say nothing of a report), then the header
   * matches alone again once the body matches are dropped. */
  cartable_message_list_set_matches (list, found);
  WAIT_UNTIL (!(g_list_model_get_n_items (G_LIST_MODEL (list)) == 3), 30000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpint (cartable_message_list_find (list, found->pdata[0]), >=, 0);
  cartable_message_list_set_matches (list, NULL);
  WAIT_UNTIL (!(g_list_model_get_n_items (G_LIST_MODEL (list)) == 4), 30000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpint (cartable_message_list_find (list, found->pdata[0]), ==, -1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Body and sender together: nothing else. */
  cartable_search_query_set_from (query, "cantine");
  found = cartable_mail_search_sync (folder, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Unread only: mark one read. */
  cartable_message_list_set_query (list, NULL);
  WAIT_UNTIL (!(g_list_model_get_n_items (G_LIST_MODEL (list)) != 6), 30000);
  {
    g_autoptr(CartableMessageSummary) s = g_list_model_get_item (G_LIST_MODEL (list), 0);

    mail_test_apply (folder, cartable_message_summary_get_uid (s), CARTABLE_MAIL_ACTION_MARK_READ);
  }
  g_clear_pointer (&query, cartable_search_query_unref);
  query = cartable_search_query_new ();
  cartable_search_query_set_unread_only (query, TRUE);
  found = cartable_mail_search_sync (folder, query, NULL, &error);
  g_assert_cmpuint (found->len, ==, 5);
  mail_test_drain (list);
}

/* ------------------------------------------------------------------ live */

typedef struct
{
  gboolean arrived;
  guint    count;
  char    *uid;
} NewMail;

static void
new_mail_cb (CartableMessageList *list,
             guint                count,
             const char          *uid,
             NewMail             *state)
{
  state->arrived = TRUE;
  state->count = count;
  g_free (state->uid);
  state->uid = g_strdup (uid);
}

/* ------------------------------------------------------------------ in place */

/* Lets what the folder queued (change notifications, a rebuild) arrive. */
static void
settle_for (guint ms)
{
  gboolean never = FALSE;

  cartable_test_wait_flag (&never, ms);
}

CARTABLE_TEST ("flags-in-place", test_flags_in_place)
{
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autoptr(CartableMessageSummary) before = NULL;
  g_autoptr(CartableMessageSummary) after = NULL;
  g_autofree char *uid = NULL;
  guint changes = 0, loading = 0, seen = 0, flagged = 0;
  guint n;
  int position;

  mail_test_load_list (list, TRUE);
  mail_test_drain (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 3);
  {
    g_autoptr(CartableMessageSummary) third = g_list_model_get_item (G_LIST_MODEL (list), 2);

    uid = g_strdup (cartable_message_summary_get_uid (third));
  }
  /* An unread, unflagged message to start from. */
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_MARK_UNREAD);
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_UNFLAG);
  settle_for (500);
  mail_test_drain (list);
  position = cartable_message_list_find (list, uid);
  g_assert_cmpint (position, ==, 2);
  before = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_false (cartable_message_summary_get_seen (before));
  g_assert_false (cartable_message_summary_get_flagged (before));

  g_signal_connect (list, "items-changed", G_CALLBACK (cartable_test_count_items_changed_cb), &changes);
  g_signal_connect (list, "notify::loading", G_CALLBACK (cartable_test_count_notify_cb), &loading);
  g_signal_connect (before, "notify::seen", G_CALLBACK (cartable_test_count_notify_cb), &seen);
  g_signal_connect (before, "notify::flagged", G_CALLBACK (cartable_test_count_notify_cb), &flagged);

  /* Read: the row's object changes in place, no row is replaced, nothing
   * is rebuilt. */
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_MARK_READ);
  WAIT_UNTIL (seen > 0, 30000);
  g_assert_true (cartable_message_summary_get_seen (before));
  after = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_true (after == before);
  g_clear_object (&after);

  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_FLAG);
  WAIT_UNTIL (flagged > 0, 30000);
  g_assert_true (cartable_message_summary_get_flagged (before));
  settle_for (1500);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (loading, ==, 0);
  g_assert_cmpint (cartable_message_list_find (list, uid), ==, position);
  after = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_true (after == before);
  g_assert_true (cartable_message_summary_get_seen (after));
  g_assert_true (cartable_message_summary_get_flagged (after));
  g_clear_object (&after);

  /* Deleted: the row goes. */
  camel_folder_set_message_flags (inbox, uid, CAMEL_MESSAGE_DELETED, CAMEL_MESSAGE_DELETED);
  WAIT_UNTIL (cartable_message_list_find (list, uid) == -1, 30000);
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - 1);
  mail_test_drain (list);

  /* No longer deleted: it comes back, where it was. */
  changes = 0;
  camel_folder_set_message_flags (inbox, uid, CAMEL_MESSAGE_DELETED, 0);
  WAIT_UNTIL (cartable_message_list_find (list, uid) == position, 30000);
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  mail_test_drain (list);

  /* New mail (another client files a message, IDLE brings it): a new row. */
  changes = 0;
  g_free (mail_test_imap_python (academy, "mdurand",
    "msg = email.message.EmailMessage()\n"
    "msg['From'] = 'thomas.lefebvre@ac-normandie.fr'\n"
    "msg['To'] = 'marie.durand@ac-normandie.fr'\n"
    "msg['Subject'] = 'Rangé par un autre client'\n"
    "msg['Date'] = email.utils.formatdate()\n"
    "msg['Message-ID'] = email.utils.make_msgid()\n"
    "msg.set_content('Une ligne de plus dans la liste.')\n"
    "M.append('INBOX', '', imaplib.Time2Internaldate(time.time()), msg.as_bytes())\n"));
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (list)) == n + 1, 30000);
  g_assert_cmpuint (changes, >, 0);
  {
    g_autoptr(CartableMessageSummary) top = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (cartable_message_summary_get_subject (top), ==, "Rangé par un autre client");
  }
  /* The read one still shows read and flagged, one row further down. */
  g_assert_cmpint (cartable_message_list_find (list, uid), ==, position + 1);
  after = g_list_model_get_item (G_LIST_MODEL (list), position + 1);
  g_assert_true (cartable_message_summary_get_seen (after));
  g_assert_true (cartable_message_summary_get_flagged (after));

  g_signal_handlers_disconnect_by_data (before, &seen);
  g_signal_handlers_disconnect_by_data (before, &flagged);
  g_signal_handlers_disconnect_by_data (list, &changes);
  g_signal_handlers_disconnect_by_data (list, &loading);
  mail_test_drain (list);
}

/* In conversations, a message inside one (not its row) changes no row. */
CARTABLE_TEST ("flags-in-place-threaded", test_flags_in_place_threaded)
{
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autofree char *member = NULL;
  g_autofree char *row_uid = NULL;
  guint changes = 0, loading = 0;
  guint n;
  int position = -1;

  cartable_message_list_set_threaded (list, TRUE);
  mail_test_load_list (list, TRUE);
  mail_test_drain (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n && member == NULL; i++)
    {
      g_autoptr(CartableMessageSummary) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GPtrArray) uids = NULL;

      if (cartable_message_summary_get_thread_count (row) < 2)
        continue;
      uids = cartable_message_list_dup_thread_uids (list, i);
      for (guint j = 0; j < uids->len && member == NULL; j++)
        if (g_strcmp0 (uids->pdata[j], cartable_message_summary_get_uid (row)) != 0)
          {
            member = g_strdup (uids->pdata[j]);
            row_uid = g_strdup (cartable_message_summary_get_uid (row));
            position = (int) i;
          }
    }
  g_assert_nonnull (member);
  g_test_message ("conversation at row %d, member %s", position, member);
  g_assert_cmpint (cartable_message_list_find (list, member), ==, -1);

  g_signal_connect (list, "items-changed", G_CALLBACK (cartable_test_count_items_changed_cb), &changes);
  g_signal_connect (list, "notify::loading", G_CALLBACK (cartable_test_count_notify_cb), &loading);
  mail_test_apply (inbox, member, CARTABLE_MAIL_ACTION_FLAG);
  mail_test_apply (inbox, member, CARTABLE_MAIL_ACTION_UNFLAG);
  settle_for (1500);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (loading, ==, 0);
  g_assert_cmpint (cartable_message_list_find (list, row_uid), ==, position);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  /* Deleted inside the conversation: the row's count follows. */
  {
    g_autoptr(CartableMessageSummary) row = g_list_model_get_item (G_LIST_MODEL (list), position);
    guint count = cartable_message_summary_get_thread_count (row);

    camel_folder_set_message_flags (inbox, member, CAMEL_MESSAGE_DELETED, CAMEL_MESSAGE_DELETED);
    WAIT_UNTIL (changes > 0 && !cartable_message_list_get_loading (list), 30000);
    g_clear_object (&row);
    row = g_list_model_get_item (G_LIST_MODEL (list), cartable_message_list_find (list, row_uid));
    g_assert_cmpuint (cartable_message_summary_get_thread_count (row), <, count);

    changes = 0;
    camel_folder_set_message_flags (inbox, member, CAMEL_MESSAGE_DELETED, 0);
    WAIT_UNTIL (changes > 0 && !cartable_message_list_get_loading (list), 30000);
    g_clear_object (&row);
    row = g_list_model_get_item (G_LIST_MODEL (list), cartable_message_list_find (list, row_uid));
    g_assert_cmpuint (cartable_message_summary_get_thread_count (row), ==, count);
  }

  g_signal_handlers_disconnect_by_data (list, &changes);
  g_signal_handlers_disconnect_by_data (list, &loading);
  mail_test_drain (list);
}

/* A conversation's messages, oldest first, the row's own (the newest)
 * last, as uids and as summaries. */
CARTABLE_TEST ("thread-members", test_thread_members)
{
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  guint conversations = 0;
  guint n;

  cartable_message_list_set_threaded (list, TRUE);
  mail_test_load_list (list, TRUE);
  mail_test_drain (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableMessageSummary) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GPtrArray) uids = cartable_message_list_dup_thread_uids (list, i);
      g_autoptr(GPtrArray) summaries = cartable_message_list_dup_thread_summaries (list, i);
      guint count = cartable_message_summary_get_thread_count (row);
      CartableMessageSummary *last;

      g_assert_cmpuint (uids->len, ==, count);
      g_assert_cmpuint (summaries->len, ==, count);
      for (guint j = 0; j < count; j++)
        {
          CartableMessageSummary *member = summaries->pdata[j];

          g_assert_cmpstr (cartable_message_summary_get_uid (member), ==, uids->pdata[j]);
          if (j > 0)
            g_assert_cmpint (cartable_message_summary_get_date (summaries->pdata[j - 1]), <=,
                             cartable_message_summary_get_date (member));
        }
      /* The row's own message is the newest: the last one, and the very
       * object the row shows. */
      last = summaries->pdata[count - 1];
      g_assert_true (last == row);
      if (count > 1)
        conversations++;
    }
  g_test_message ("%u conversations of several messages", conversations);
  g_assert_cmpuint (conversations, >, 0);

  /* Past the end: nothing. Not threaded: the row's message alone. */
  {
    g_autoptr(GPtrArray) none = cartable_message_list_dup_thread_summaries (list, n);

    g_assert_cmpuint (none->len, ==, 0);
  }
  cartable_message_list_set_threaded (list, FALSE);
  mail_test_drain (list);
  {
    g_autoptr(CartableMessageSummary) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(GPtrArray) alone = cartable_message_list_dup_thread_summaries (list, 0);

    g_assert_cmpuint (alone->len, ==, 1);
    g_assert_cmpstr (cartable_message_summary_get_uid (alone->pdata[0]), ==,
                     cartable_message_summary_get_uid (first));
  }
  mail_test_drain (list);
}

typedef CartableTestRelease Released;

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Released *released = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cartable_message_list_load_finish (CARTABLE_MESSAGE_LIST (source), result,
                                                    &error));
  g_assert_no_error (error);
  released->done = TRUE;
}

/* A list let go while it loads lives until its load is over, then goes in
 * the main context: there, not in the worker that loaded it, the folder's
 * changes reach it, and its disposal cancels what it still runs. */
CARTABLE_TEST ("released-in-main-context", test_released_in_main_context)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  g_autoptr(CamelFolder) inbox = mail_test_open_folder (store, "INBOX");
  GThread *main_thread = g_thread_self ();

  /* Which of the two lets go last is a race, lost by the worker often
   * enough on a busy machine; many rounds make it show. */
  for (guint i = 0; i < 200; i++)
    {
      CartableMessageList *list = cartable_message_list_new (inbox);
      Released released = { FALSE, NULL, FALSE };

      cartable_test_watch_release (G_OBJECT (list), &released);
      cartable_message_list_load_async (list, FALSE, NULL, list_loaded_cb, &released);
      g_object_unref (list);
      g_assert_false (released.gone);

      WAIT_UNTIL (released.gone, 30000);
      g_assert_true (released.done);
      if (released.thread != main_thread)
        g_test_message ("round %u: the list went in a worker thread", i);
      g_assert_true (released.thread == main_thread);
    }
}

static void
tree_refreshed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Released *released = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cartable_folder_tree_refresh_finish (CARTABLE_FOLDER_TREE (source), result,
                                                      &error));
  g_assert_no_error (error);
  released->done = TRUE;
}

/* The same for a folder tree let go while it reads the folders: the
 * store's signals reach it in the main context. */
CARTABLE_TEST ("tree-released-in-main-context", test_tree_released_in_main_context)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  GThread *main_thread = g_thread_self ();

  for (guint i = 0; i < 200; i++)
    {
      CartableFolderTree *tree = cartable_folder_tree_new (store);
      Released released = { FALSE, NULL, FALSE };

      cartable_test_watch_release (G_OBJECT (tree), &released);
      cartable_folder_tree_refresh_async (tree, FALSE, NULL, tree_refreshed_cb, &released);
      g_object_unref (tree);
      g_assert_false (released.gone);

      WAIT_UNTIL (released.gone, 30000);
      g_assert_true (released.done);
      if (released.thread != main_thread)
        g_test_message ("round %u: the tree went in a worker thread", i);
      g_assert_true (released.thread == main_thread);
    }
}

/* Disposed while it loads, by a holder that keeps it: the load comes back
 * stale (the list was switched to conversations meanwhile) and starts no
 * rebuild on a list without a folder. */
CARTABLE_TEST ("disposed-while-loading", test_disposed_while_loading)
{
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_message_list_load_async (list, TRUE, NULL, cartable_test_result_cb, &result);
  cartable_message_list_set_threaded (list, TRUE);
  g_object_run_dispose (G_OBJECT (list));
  g_assert_null (cartable_message_list_get_camel_folder (list));

  g_assert_true (cartable_message_list_load_finish (list, cartable_test_wait_result (&result, 0),
                                                    &error));
  g_assert_no_error (error);
  g_assert_false (cartable_message_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

CARTABLE_TEST ("new-mail-live", test_new_mail_live)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autoptr(CartableFolderTree) tree = cartable_folder_tree_new (store);
  NewMail state = { FALSE, 0, NULL };
  guint before;
  guint unread_before;
  gint64 sent;

  mail_test_load_list (list, TRUE);
  mail_test_refresh_tree (tree);
  before = g_list_model_get_n_items (G_LIST_MODEL (list));
  unread_before = camel_folder_get_unread_message_count (inbox);
  g_signal_connect (list, "new-mail", G_CALLBACK (new_mail_cb), &state);

  /* Let the IDLE command go out before the delivery. */
  g_usleep (300 * 1000);
  g_free (cartable_test_stack_python (academy->stack, "tlefebvre",
    "import smtplib, ssl, os, email.message, email.utils\n"
    "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "msg = email.message.EmailMessage()\n"
    "msg['From'] = 'thomas.lefebvre@ac-normandie.fr'\n"
    "msg['To'] = 'marie.durand@ac-normandie.fr'\n"
    "msg['Subject'] = 'Nouveau message en direct'\n"
    "msg['Date'] = email.utils.formatdate()\n"
    "msg['Message-ID'] = email.utils.make_msgid()\n"
    "msg.set_content('Arrivé pendant que la liste était ouverte.')\n"
    "s = smtplib.SMTP('127.0.0.1', int(os.environ['ACADEMY_SUBMISSION_PORT']))\n"
    "s.starttls(context=ctx)\n"
    "s.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "s.send_message(msg)\n"
    "s.quit()\n"));
  sent = g_get_monotonic_time ();

  /* No refresh asked: IDLE brings it. */
  g_assert_true (cartable_test_wait_flag (&state.arrived, 30000));
  g_test_message ("new-mail signal %.0f ms after the SMTP send", (g_get_monotonic_time () - sent) / 1000.0);
  g_assert_cmpuint (state.count, ==, 1);
  WAIT_UNTIL (!(g_list_model_get_n_items (G_LIST_MODEL (list)) != before + 1), 30000);
  {
    g_autoptr(CartableMessageSummary) top = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (cartable_message_summary_get_uid (top), ==, state.uid);
    g_assert_cmpstr (cartable_message_summary_get_subject (top), ==, "Nouveau message en direct");
    g_assert_false (cartable_message_summary_get_seen (top));
  }
  /* The folder's unread count follows. */
  WAIT_UNTIL (cartable_folder_item_get_unread (cartable_folder_tree_find (tree, "INBOX")) == (int) unread_before + 1, 30000);

  g_free (state.uid);
  mail_test_drain (list);
}

/* ------------------------------------------------------------------ offline */

CARTABLE_TEST ("offline-read-and-replay", test_offline_read_and_replay)
{
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autoptr(GError) error = NULL;
  g_autofree char *read_uid = NULL;
  g_autofree char *moved_uid = NULL;
  guint before;

  mail_test_load_list (list, TRUE);
  before = g_list_model_get_n_items (G_LIST_MODEL (list));
  {
    g_autoptr(CartableMessageSummary) a = g_list_model_get_item (G_LIST_MODEL (list), 2);
    g_autoptr(CartableMessageSummary) b = g_list_model_get_item (G_LIST_MODEL (list), 4);

    read_uid = g_strdup (cartable_message_summary_get_uid (a));
    moved_uid = g_strdup (cartable_message_summary_get_uid (b));
  }
  /* Read while online: now in the cache. */
  g_autoptr(CartableMessage) cached = cartable_message_load_sync (inbox, read_uid, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(CartableMessage) moved_message = cartable_message_load_sync (inbox, moved_uid, NULL, &error);
  g_assert_no_error (error);

  /* The network goes away. */
  mail_test_academy_stop_imap (academy);
  g_assert_true (mail_test_set_online (session, "mdurand", FALSE, &error));
  g_assert_no_error (error);

  /* Reading from the cache. */
  g_autoptr(CartableMessage) offline = cartable_message_load_sync (inbox, read_uid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cartable_message_get_subject (offline), ==, cartable_message_get_subject (cached));
  g_assert_cmpstr (cartable_message_get_text_body (offline), ==, cartable_message_get_text_body (cached));
  mail_test_load_list (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before);

  /* Changes made offline. */
  mail_test_apply (inbox, read_uid, CARTABLE_MAIL_ACTION_FLAG);
  mail_test_apply (inbox, read_uid, CARTABLE_MAIL_ACTION_MARK_READ);
  mail_test_apply (inbox, moved_uid, CARTABLE_MAIL_ACTION_ARCHIVE);
  WAIT_UNTIL (!(cartable_message_list_find (list, moved_uid) != -1), 30000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before - 1);

  /* Back online: replayed. */
  mail_test_academy_start_imap (academy);
  g_assert_true (mail_test_set_online (session, "mdurand", TRUE, &error));
  g_assert_no_error (error);

  g_autofree char *out = mail_test_server_flags (academy, "mdurand", read_uid, NULL);
  g_assert_nonnull (strstr (out, "\\\\Flagged"));
  g_assert_nonnull (strstr (out, "\\\\Seen"));
  g_assert_true (message_id_in ("mdurand", "Archive", cartable_message_get_message_id (moved_message)));
  g_assert_false (message_id_in ("mdurand", "INBOX", cartable_message_get_message_id (moved_message)));

  mail_test_load_list (list, TRUE);
  g_assert_cmpint (cartable_message_list_find (list, moved_uid), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before - 1);
  mail_test_drain (list);
}

/* The folder object the interface uses: opened through the account's
 * folder tree, listed, a message loaded and marked read, as the server
 * then says. */
CARTABLE_TEST ("mail-folder", test_mail_folder)
{
  g_autoptr(CartableFolderTree) tree = cartable_folder_tree_new_for_account (session, "mdurand");
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GAsyncResult) applied = NULL;
  g_autoptr(GError) error = NULL;
  const char *uids[2] = { NULL, NULL };
  guint unread;

  cartable_mail_folder_open_async (tree, "INBOX", NULL, cartable_test_result_cb, &opened);
  g_autoptr(CartableMailFolder) folder = cartable_mail_folder_open_finish (cartable_test_wait_result (&opened, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cartable_mail_folder_get_full_name (folder), ==, "INBOX");

  g_autoptr(CartableMessageList) list = cartable_mail_folder_new_message_list (folder);
  g_assert_true (cartable_message_list_get_folder (list) == folder);
  mail_test_load_list (list, TRUE);
  g_autofree char *uid = first_uid_with (list, FALSE);
  g_assert_nonnull (uid);
  unread = cartable_mail_folder_get_unread_count (folder);
  g_assert_cmpuint (unread, >, 0);

  cartable_mail_folder_load_message_async (folder, uid, NULL, cartable_test_result_cb, &loaded);
  g_autoptr(CartableMessage) message = cartable_mail_folder_load_message_finish (folder, cartable_test_wait_result (&loaded, 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_cmpstr (cartable_message_get_uid (message), ==, uid);

  uids[0] = uid;
  cartable_mail_folder_apply_async (folder, uids, CARTABLE_MAIL_ACTION_MARK_READ, NULL,
                                    cartable_test_result_cb, &applied);
  g_assert_true (cartable_mail_folder_apply_finish (folder, cartable_test_wait_result (&applied, 0), &error));
  g_assert_no_error (error);
  g_autofree char *out = mail_test_server_flags (academy, "mdurand", uid, NULL);
  g_assert_nonnull (strstr (out, "\\\\Seen"));
  g_assert_cmpuint (cartable_mail_folder_get_unread_count (folder), ==, unread - 1);

  /* A row from the cached headers, and a search through the folder: the
   * message's subject finds it. */
  {
    g_autoptr(CartableMessageSummary) row = cartable_mail_folder_dup_summary (folder, uid);
    g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
    g_autoptr(GAsyncResult) searched = NULL;
    g_autoptr(GPtrArray) found = NULL;
    gboolean complete = FALSE;

    g_assert_nonnull (row);
    g_assert_cmpstr (cartable_message_summary_get_uid (row), ==, uid);
    g_assert_true (cartable_message_summary_get_seen (row));
    g_assert_nonnull (cartable_message_get_subject (message));
    g_assert_cmpstr (cartable_message_summary_get_subject (row), ==, cartable_message_get_subject (message));
    g_assert_null (cartable_mail_folder_dup_summary (folder, "999999999"));

    cartable_search_query_set_subject (query, cartable_message_get_subject (message));
    cartable_mail_folder_search_async (folder, query, NULL, cartable_test_result_cb, &searched);
    found = cartable_mail_folder_search_finish (folder, cartable_test_wait_result (&searched, 0),
                                                &complete, &error);
    g_assert_no_error (error);
    g_assert_nonnull (found);
    g_assert_true (complete);
    g_assert_true (g_ptr_array_find_with_equal_func (found, uid, g_str_equal, NULL));
  }

  /* Deleted to the Trash, then gone for good once the tree empties it. */
  {
    g_autoptr(GAsyncResult) deleted = NULL;
    g_autoptr(GAsyncResult) emptied = NULL;
    const char *message_id = cartable_message_get_message_id (message);

    g_assert_nonnull (message_id);
    cartable_mail_folder_apply_async (folder, uids, CARTABLE_MAIL_ACTION_DELETE, NULL,
                                      cartable_test_result_cb, &deleted);
    g_assert_true (cartable_mail_folder_apply_finish (folder, cartable_test_wait_result (&deleted, 0), &error));
    g_assert_no_error (error);
    g_assert_true (message_id_in ("mdurand", "Trash", message_id));

    cartable_folder_tree_empty_trash_async (tree, NULL, cartable_test_result_cb, &emptied);
    g_assert_true (cartable_folder_tree_empty_trash_finish (tree, cartable_test_wait_result (&emptied, 0), &error));
    g_assert_no_error (error);
    g_assert_false (message_id_in ("mdurand", "Trash", message_id));
    g_assert_false (message_id_in ("mdurand", "INBOX", message_id));
  }
  mail_test_drain (list);
}

int
main (int   argc,
      char *argv[])
{
  academy = mail_test_init (&argc, &argv, FALSE);
  cartable_test_stack_seed_mail (academy->stack, "mdurand", 300, NULL);
  cartable_test_stack_seed_mail (academy->stack, "tlefebvre", 10000, "INBOX");

  session = mail_test_session_online (academy, "mdurand");

  return mail_test_finish (academy, &session, cartable_test_run ());
}

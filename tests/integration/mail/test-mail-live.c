/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <string.h>

#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-live");

/* Flag changes made by another client while a list is open, and
 * accent-insensitive body search, against one loopback academy. */
static MailTestAcademy *academy;
static CartableMailSession *session;   /* mdurand */

/* The list's current view of @uid's flags (-1 when absent). */
static int
list_flags (CartableMessageList *list,
            const char          *uid)
{
  g_autoptr(CartableMessageSummary) summary = NULL;
  int position = cartable_message_list_find (list, uid);

  if (position < 0)
    return -1;
  summary = g_list_model_get_item (G_LIST_MODEL (list), position);
  return (int) cartable_message_summary_get_flags (summary);
}

typedef struct
{
  CartableMessageList *list;
  const char          *uid;
  guint                rows_changed;   /* items-changed covering @uid's row */
  guint                seen_notified;  /* notify::seen of the row's object */
  guint                flagged_notified;
} Watch;

static void
seen_notify_cb (GObject    *object,
                GParamSpec *pspec,
                Watch      *watch)
{
  watch->seen_notified++;
}

static void
flagged_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   Watch      *watch)
{
  watch->flagged_notified++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  int row = cartable_message_list_find (watch->list, watch->uid);

  if (row >= 0 && (guint) row >= position && (guint) row < position + added)
    watch->rows_changed++;
}

#define HAS(flags, bit) ((flags) >= 0 && ((guint) (flags) & (bit)) != 0)

/* ------------------------------------------------------------------ live flags */

CARTABLE_TEST ("flags-live", test_flags_live)
{
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = mail_test_inbox_list (session, "mdurand", &inbox);
  g_autofree char *uid = NULL;
  g_autofree char *out = NULL;
  Watch watch = { list, NULL, 0, 0, 0 };
  g_autoptr(CartableMessageSummary) row = NULL;
  gulong handler;
  gint64 start;
  int flags;

  mail_test_load_list (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 3);
  {
    g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), 2);

    uid = g_strdup (cartable_message_summary_get_uid (summary));
  }
  flags = list_flags (list, uid);
  g_assert_false (HAS (flags, CAMEL_MESSAGE_SEEN));
  g_assert_false (HAS (flags, CAMEL_MESSAGE_FLAGGED));
  watch.uid = uid;
  handler = g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  /* What a view shows of the row: its object, changed in place. */
  row = g_list_model_get_item (G_LIST_MODEL (list), cartable_message_list_find (list, uid));
  g_signal_connect (row, "notify::seen", G_CALLBACK (seen_notify_cb), &watch);
  g_signal_connect (row, "notify::flagged", G_CALLBACK (flagged_notify_cb), &watch);

  /* Let the IDLE command go out, then another client flags the message. */
  g_usleep (500 * 1000);
  g_free (mail_test_server_flags (academy, "mdurand", uid, "+FLAGS (\\Seen \\Flagged)"));
  start = g_get_monotonic_time ();

  /* No load asked: the open list follows, and tells the row's object
   * (notified first: reading the row refreshes it too). */
  g_assert_true (MAIL_TEST_WAIT_FOR (watch.seen_notified > 0 && watch.flagged_notified > 0 &&
                           cartable_message_summary_get_seen (row) &&
                           cartable_message_summary_get_flagged (row) &&
                           HAS (list_flags (list, uid), CAMEL_MESSAGE_SEEN) &&
                           HAS (list_flags (list, uid), CAMEL_MESSAGE_FLAGGED), 20000));
  g_test_message ("\\Seen \\Flagged set by another client shown %.0f ms later",
                  (g_get_monotonic_time () - start) / 1000.0);

  /* And cleared again. */
  g_free (mail_test_server_flags (academy, "mdurand", uid, "-FLAGS (\\Seen \\Flagged)"));
  start = g_get_monotonic_time ();
  g_assert_true (MAIL_TEST_WAIT_FOR (!HAS (list_flags (list, uid), CAMEL_MESSAGE_SEEN) &&
                           !HAS (list_flags (list, uid), CAMEL_MESSAGE_FLAGGED), 20000));
  g_test_message ("flags cleared by another client shown %.0f ms later",
                  (g_get_monotonic_time () - start) / 1000.0);

  /* The other way: a flag set by Cartable is seen by the other client. */
  mail_test_apply (inbox, uid, CARTABLE_MAIL_ACTION_FLAG);
  out = mail_test_server_flags (academy, "mdurand", uid, NULL);
  g_assert_nonnull (strstr (out, "\\\\Flagged"));
  g_assert_null (strstr (out, "\\\\Seen"));

  /* A message arriving while the list is open, then read elsewhere. */
  {
    g_autofree char *new_uid = NULL;
    guint before = g_list_model_get_n_items (G_LIST_MODEL (list));

    g_free (mail_test_imap_python (academy, "mdurand",
      "msg = email.message.EmailMessage()\n"
      "msg['From'] = 'thomas.lefebvre@ac-normandie.fr'\n"
      "msg['To'] = 'marie.durand@ac-normandie.fr'\n"
      "msg['Subject'] = 'Arrive puis lu ailleurs'\n"
      "msg['Date'] = email.utils.formatdate()\n"
      "msg.set_content('Bonjour')\n"
      "M.append('INBOX', None, None, msg.as_bytes())\n"));
    g_assert_true (MAIL_TEST_WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (list)) == before + 1, 20000));
    {
      g_autoptr(CartableMessageSummary) top = g_list_model_get_item (G_LIST_MODEL (list), 0);

      g_assert_cmpstr (cartable_message_summary_get_subject (top), ==, "Arrive puis lu ailleurs");
      g_assert_false (cartable_message_summary_get_seen (top));
      new_uid = g_strdup (cartable_message_summary_get_uid (top));
    }
    g_usleep (500 * 1000);
    g_free (mail_test_server_flags (academy, "mdurand", new_uid, "+FLAGS (\\Seen)"));
    start = g_get_monotonic_time ();
    g_assert_true (MAIL_TEST_WAIT_FOR (HAS (list_flags (list, new_uid), CAMEL_MESSAGE_SEEN), 20000));
    g_test_message ("new message read by another client shown %.0f ms later",
                    (g_get_monotonic_time () - start) / 1000.0);
  }

  g_signal_handler_disconnect (list, handler);
  g_signal_handlers_disconnect_by_data (row, &watch);
  mail_test_drain (list);
}

/* ------------------------------------------------------------------ body search */

static GPtrArray *
search_body (CamelFolder *folder,
             const char  *text)
{
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  cartable_search_query_set_body (query, text);
  found = cartable_mail_search_sync (folder, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static char *
uid_with_subject (CartableMessageList *list,
                  const char          *subject)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CartableMessageSummary) s = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (cartable_message_summary_get_subject (s), subject) == 0)
        return g_strdup (cartable_message_summary_get_uid (s));
    }
  return NULL;
}

CARTABLE_TEST ("body-search-accents", test_body_search_accents)
{
  CamelStore *store = cartable_mail_session_get_store (session, "mdurand");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *subjects[] = { "Conseil de classe", "Lettre", "Absence", "Cantine", "Pas encore lu" };

  /* Messages whose subjects and senders say nothing of pupils. */
  g_free (mail_test_imap_python (academy, "mdurand",
    "M.create('Corps')\n"
    "M.subscribe('Corps')\n"
    "def put(subject, body, subtype='plain', charset='utf-8'):\n"
    "    msg = email.message.EmailMessage()\n"
    "    msg['From'] = 'Secrétariat <secretariat@ac-normandie.fr>'\n"
    "    msg['To'] = 'marie.durand@ac-normandie.fr'\n"
    "    msg['Subject'] = subject\n"
    "    msg['Date'] = email.utils.formatdate()\n"
    "    msg.set_content(body, subtype=subtype, charset=charset, cte='quoted-printable')\n"
    "    M.append('Corps', None, None, msg.as_bytes())\n"
    "put('Conseil de classe', 'Bonjour,\\nL\\u2019élève Martin sera présent jeudi.\\n')\n"
    "put('Lettre', '<p>Le dossier de l&#39;<b>ÉLÈVE</b> est complet.</p>', 'html')\n"
    "put('Absence', 'Absence signalée pour une élève de 4e.', 'plain', 'iso-8859-1')\n"
    "put('Cantine', 'Menu : élevage local, légumes du jardin.\\n')\n"
    "put('Pas encore lu', 'Un élève de 3e attend une réponse.\\n')\n"));

  g_autoptr(CamelFolder) folder = mail_test_open_folder (store, "Corps");
  g_autoptr(CartableMessageList) list = cartable_message_list_new (folder);
  mail_test_load_list (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (subjects));
  g_autofree char *plain_uid = uid_with_subject (list, "Conseil de classe");
  g_autofree char *html_uid = uid_with_subject (list, "Lettre");
  g_autofree char *latin1_uid = uid_with_subject (list, "Absence");
  g_autofree char *other_uid = uid_with_subject (list, "Cantine");
  g_autofree char *uncached_uid = uid_with_subject (list, "Pas encore lu");
  g_assert_nonnull (plain_uid);
  g_assert_nonnull (html_uid);
  g_assert_nonnull (latin1_uid);
  g_assert_nonnull (other_uid);
  g_assert_nonnull (uncached_uid);

  /* Bodies read once (now in the offline cache), except the last one. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *uid = uid_with_subject (list, subjects[i]);
      g_autoptr(CartableMessage) message = cartable_message_load_sync (folder, uid, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (message);
    }

  /* Online: accents and case aside, cached or not (the server finds the
   * candidates, each is checked here; the uncached one is fetched). */
  for (guint q = 0; q < 3; q++)
    {
      const char *text = (const char *[]) { "eleve", "ELEVE", "Élève" }[q];

      found = search_body (folder, text);
      g_test_message ("body search for \"%s\": %u found", text, found->len);
      g_assert_true (g_ptr_array_find_with_equal_func (found, plain_uid, g_str_equal, NULL));
      g_assert_true (g_ptr_array_find_with_equal_func (found, html_uid, g_str_equal, NULL));
      g_assert_true (g_ptr_array_find_with_equal_func (found, latin1_uid, g_str_equal, NULL));
      g_assert_false (g_ptr_array_find_with_equal_func (found, other_uid, g_str_equal, NULL));
      g_assert_true (g_ptr_array_find_with_equal_func (found, uncached_uid, g_str_equal, NULL));
      g_assert_cmpuint (found->len, ==, 4);
      g_clear_pointer (&found, g_ptr_array_unref);
    }

  /* A word that is nowhere. */
  found = search_body (folder, "electeur");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Offline: the cached bodies only, still accent-insensitive; the
   * online search has cached the one that was not. */
  g_assert_true (mail_test_set_online (session, "mdurand", FALSE, &error));
  g_assert_no_error (error);
  found = search_body (folder, "eleve");
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_true (g_ptr_array_find_with_equal_func (found, uncached_uid, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (found, plain_uid, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (found, html_uid, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (found, latin1_uid, g_str_equal, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_true (mail_test_set_online (session, "mdurand", TRUE, &error));
  g_assert_no_error (error);

  mail_test_drain (list);
}

int
main (int   argc,
      char *argv[])
{
  academy = mail_test_init (&argc, &argv, FALSE);
  cartable_test_stack_seed_mail (academy->stack, "mdurand", 20, "INBOX");
  /* Every seeded message unread and unflagged. */
  g_free (mail_test_imap_python (academy, "mdurand",
                       "M.select('INBOX')\n"
                       "M.store('1:*', '-FLAGS', '(\\\\Seen \\\\Flagged)')\n"));

  session = mail_test_session_online (academy, "mdurand");

  return mail_test_finish (academy, &session, cartable_test_run ());
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <string.h>

#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-search");

/* Body search against the loopback academy's Dovecot, which has no full-text
 * plugin: it ignores case but matches accents exactly. Cartable must still
 * find « élève » with "eleve" (and the other way round) in bodies that are
 * not in its offline cache. */
static MailTestAcademy *academy;
static CartableMailSession *session;   /* mdurand */

/* The same eight messages go into each folder; the subject is their key. */
static const char *const folders[] = { "Corps1", "Corps2", "Corps3", "Corps4", NULL };

#define FILL_FOLDERS \
  "def put(folder, subject, body, html=None):\n" \
  "    msg = email.message.EmailMessage()\n" \
  "    msg['From'] = 'Vie scolaire <vie.scolaire@ac-normandie.fr>'\n" \
  "    msg['To'] = 'marie.durand@ac-normandie.fr'\n" \
  "    msg['Subject'] = subject\n" \
  "    msg['Date'] = email.utils.formatdate()\n" \
  "    msg['Message-ID'] = email.utils.make_msgid()\n" \
  "    msg.set_content(body)\n" \
  "    if html is not None:\n" \
  "        msg.add_alternative(html, subtype='html')\n" \
  "    M.append(folder, None, None, msg.as_bytes())\n" \
  "for f in sys.argv[1:]:\n" \
  "    M.create(f)\n" \
  "    M.subscribe(f)\n" \
  "    put(f, 'accent', \"L'élève est absent ce matin.\")\n" \
  "    put(f, 'sans accent', 'Un eleve de 4e B attend au CDI.')\n" \
  "    put(f, 'majuscules', 'RAPPEL AUX ÉLÈVES : CARTE DE CANTINE.')\n" \
  "    put(f, 'html', 'Voir la version HTML.', '<p>Le délégué des <b>élèves</b> sera présent.</p>')\n" \
  "    put(f, 'Conseil des élèves', 'Ordre du jour joint.')\n" \
  "    put(f, 'elevage', \"L'élevage de phasmes continue au CDI.\")\n" \
  "    put(f, 'rien', 'Rien à signaler.')\n" \
  "    put(f, 'ligature', 'Merci de tout cœur.')\n" \
  "M.create('Classes/4eB')\n" \
  "M.subscribe('Classes/4eB')\n" \
  "put('Classes/4eB', 'Sortie', 'Les élèves de 4e B visitent le port.')\n"

static gboolean
set_online (gboolean   online,
            GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_mail_session_set_online_async (session, "mdurand", online, NULL, cartable_test_result_cb, &result);
  return cartable_mail_session_set_online_finish (session, cartable_test_wait_result (&result, 0), error);
}

static CamelFolder *
open_folder (const char *full_name)
{
  return mail_test_open_folder (cartable_mail_session_get_store (session, "mdurand"), full_name);
}

/* Opens @full_name with its headers fetched from the server, and checks that
 * none of its bodies is in the offline cache yet. */
static CamelFolder *
open_uncached (const char *full_name)
{
  g_autoptr(CamelFolder) folder = open_folder (full_name);
  g_autoptr(GError) error = NULL;
  GPtrArray *uids;

  g_assert_true (camel_folder_refresh_info_sync (folder, NULL, &error));
  g_assert_no_error (error);
  uids = camel_folder_get_uids (folder);
  g_assert_cmpuint (uids->len, ==, 8);
  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(CamelMimeMessage) cached = camel_folder_get_message_cached (folder, uids->pdata[i], NULL);

      g_assert_null (cached);
    }
  camel_folder_free_uids (folder, uids);

  return g_steal_pointer (&folder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The subjects of the messages whose body matches @text, sorted and joined
 * with « | ». *incomplete tells whether some bodies could not be searched. */
static char *
search_body (CamelFolder *folder,
             const char  *text,
             gboolean    *incomplete)
{
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean searched_all = FALSE;

  cartable_search_query_set_body (query, text);
  cartable_mail_search_async (folder, query, NULL, cartable_test_result_cb, &result);
  uids = cartable_mail_search_finish_full (cartable_test_wait_result (&result, 0), &searched_all, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uids);
  if (incomplete != NULL)
    *incomplete = !searched_all;

  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[i]);

      g_assert_nonnull (info);
      g_ptr_array_add (subjects, g_strdup (camel_message_info_get_subject (info)));
    }
  g_ptr_array_sort (subjects, compare_strings);
  g_ptr_array_add (subjects, NULL);

  return g_strjoinv ("|", (char **) subjects->pdata);
}

#define STUDENTS "accent|html|majuscules|sans accent"

CARTABLE_TEST ("uncached-plain-query", test_uncached_plain_query)
{
  g_autoptr(CamelFolder) folder = open_uncached ("Corps1");
  g_autofree char *found = NULL;
  gboolean incomplete = TRUE;

  /* « élève », « ÉLÈVES », HTML and "eleve" alike; not « élevage », not
   * the subject « Conseil des élèves » whose body does not have it. */
  found = search_body (folder, "eleve", &incomplete);
  g_assert_cmpstr (found, ==, STUDENTS);
  g_assert_false (incomplete);
}

CARTABLE_TEST ("uncached-capitals-query", test_uncached_capitals_query)
{
  g_autoptr(CamelFolder) folder = open_uncached ("Corps2");
  g_autofree char *found = NULL;

  found = search_body (folder, "ÉLÈVE", NULL);
  g_assert_cmpstr (found, ==, STUDENTS);
}

CARTABLE_TEST ("uncached-accented-query", test_uncached_accented_query)
{
  g_autoptr(CamelFolder) folder = open_uncached ("Corps3");
  g_autofree char *found = NULL;

  found = search_body (folder, "élève", NULL);
  g_assert_cmpstr (found, ==, STUDENTS);

  /* Nothing where neither is. */
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "délégation", NULL);
  g_assert_cmpstr (found, ==, "");

  /* Several words, each folded; and a word of the HTML part only. */
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "cantine CARTE", NULL);
  g_assert_cmpstr (found, ==, "majuscules");
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "DELEGUE", NULL);
  g_assert_cmpstr (found, ==, "html");

  /* « œ » in the text, "oe" in the query, and the other way round. */
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "COEUR", NULL);
  g_assert_cmpstr (found, ==, "ligature");
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "cœur", NULL);
  g_assert_cmpstr (found, ==, "ligature");

  /* A word of a subject only is no body match. */
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "ordre du jour", NULL);
  g_assert_cmpstr (found, ==, "Conseil des élèves");
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "conseil", NULL);
  g_assert_cmpstr (found, ==, "");
}

CARTABLE_TEST ("offline-cached-only", test_offline_cached_only)
{
  g_autoptr(CamelFolder) folder = open_uncached ("Corps4");
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  gboolean incomplete = FALSE;
  GPtrArray *uids;
  guint read = 0;

  /* Read two messages while online: « accent » and « rien ». */
  uids = camel_folder_get_uids (folder);
  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[i]);
      const char *subject = camel_message_info_get_subject (info);

      if (g_str_equal (subject, "accent") || g_str_equal (subject, "rien"))
        {
          g_autoptr(CartableMessage) message = cartable_message_load_sync (folder, uids->pdata[i], NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (message);
          read++;
        }
    }
  camel_folder_free_uids (folder, uids);
  g_assert_cmpuint (read, ==, 2);

  g_assert_true (set_online (FALSE, &error));
  g_assert_no_error (error);

  /* Only the cached « accent » is found, and the search says it could not
   * look everywhere. */
  found = search_body (folder, "ELEVE", &incomplete);
  g_assert_cmpstr (found, ==, "accent");
  g_assert_true (incomplete);

  g_assert_true (set_online (TRUE, &error));
  g_assert_no_error (error);

  /* Back online, everything again. */
  g_clear_pointer (&found, g_free);
  found = search_body (folder, "ELEVE", &incomplete);
  g_assert_cmpstr (found, ==, STUDENTS);
  g_assert_false (incomplete);
}

CARTABLE_TEST ("server-spellings", test_server_spellings)
{
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autofree char *sexp = NULL;

  /* No body, no server search. */
  sexp = cartable_search_query_to_sexp (query);
  g_assert_null (sexp);

  /* "eleve": the window « lev » in its five spellings. */
  cartable_search_query_set_body (query, "L’ÉLÈVE");
  sexp = cartable_search_query_to_sexp (query);
  g_assert_cmpuint (cartable_test_count_substrings (sexp, "(body-contains"), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const char *const spellings[] = { "\"lev\"", "\"lév\"", "\"lèv\"", "\"lêv\"", "\"lëv\"" };

      g_assert_nonnull (strstr (sexp, spellings[i]));
    }

  /* The longest window with few spellings, never across a quote. */
  g_clear_pointer (&sexp, g_free);
  cartable_search_query_set_body (query, "dit \"bonjour\" ");
  sexp = cartable_search_query_to_sexp (query);
  g_assert_cmpuint (cartable_test_count_substrings (sexp, "(body-contains"), ==, 3);
  g_assert_nonnull (strstr (sexp, "\"bonj\""));
  g_assert_nonnull (strstr (sexp, "\"bônj\""));
}

/* What the message view marks: the words as the text writes them. */
CARTABLE_TEST ("spelling", test_spelling)
{
  const struct { const char *text, *words, *expected; } cases[] = {
    { "Nous visiterons l'Écluse jeudi.", "ecluse", "Écluse" },
    { "RAPPEL AUX ÉLÈVES", "eleves", "ÉLÈVES" },
    { "Merci de tout cœur.", "coeur", "cœur" },
    { "la  carte   de cantine", "CARTE DE", "carte   de" },
    { "Rien à signaler.", "ecluse", NULL },
    { "texte", "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *spelling = cartable_mail_search_dup_spelling (cases[i].text, cases[i].words);

      g_assert_cmpstr (spelling, ==, cases[i].expected);
    }
}

CARTABLE_TEST ("cancelled", test_cancelled)
{
  g_autoptr(CamelFolder) folder = open_folder ("Corps1");
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  /* Cancelled while it asks the server: an error, no partial result. */
  cartable_search_query_set_body (query, "phasmes");
  cartable_mail_search_async (folder, query, cancellable, cartable_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  uids = cartable_mail_search_finish (cartable_test_wait_result (&result, 0), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (uids);

  /* The next search works. */
  found = search_body (folder, "phasmes", NULL);
  g_assert_cmpstr (found, ==, "elevage");
}

/* ------------------------------------------------------------ every folder */

typedef struct
{
  guint    n_items;
  guint    n_batches;
  guint    first_batch;
  gboolean only_appended;
} Arrivals;

static void
results_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Arrivals   *arrivals)
{
  /* Rows shown never move: each change adds at the end. */
  if (removed != 0 || position != arrivals->n_items)
    arrivals->only_appended = FALSE;
  arrivals->n_items += added;
  arrivals->n_items -= removed;
  if (arrivals->n_batches++ == 0)
    arrivals->first_batch = added;
}

static CartableFolderTree *
new_tree (void)
{
  g_autoptr(CartableFolderTree) tree = cartable_folder_tree_new (cartable_mail_session_get_store (session, "mdurand"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_folder_tree_refresh_async (tree, TRUE, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_folder_tree_refresh_finish (tree, cartable_test_wait_result (&result, 0), &error));
  g_assert_no_error (error);
  return g_steal_pointer (&tree);
}

/* « élèves » in the subjects of the four folders, then "eleve" in the
 * text of four messages of each and in the one of a subfolder whose parent
 * holds no mail (and cannot be opened): every hit knows its folder, the
 * subjects come first and nothing already there moves. */
CARTABLE_TEST ("all-folders", test_all_folders)
{
  g_autoptr(CartableFolderTree) tree = new_tree ();
  g_autoptr(CartableSearchResults) results = cartable_search_results_new (tree);
  g_autoptr(CartableSearchQuery) headers = cartable_search_query_new ();
  g_autoptr(CartableSearchQuery) body = cartable_search_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) subject_folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Arrivals arrivals = { 0, 0, 0, TRUE };
  gboolean complete = FALSE;
  guint n;

  g_assert_nonnull (cartable_folder_tree_find (tree, "Classes/4eB"));
  g_assert_nonnull (cartable_folder_tree_find (tree, "Classes"));
  g_assert_false (cartable_folder_item_get_selectable (cartable_folder_tree_find (tree, "Classes")));

  cartable_search_query_set_text (headers, "ELEVES");
  cartable_search_query_set_body (body, "eleve");
  g_signal_connect (results, "items-changed", G_CALLBACK (results_changed_cb), &arrivals);
  cartable_search_results_search_async (results, headers, body, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_search_results_get_searching (results));
  g_assert_true (cartable_search_results_search_finish (results, cartable_test_wait_result (&result, 0), &complete, &error));
  g_assert_no_error (error);
  g_assert_false (cartable_search_results_get_searching (results));
  g_assert_true (complete);

  n = g_list_model_get_n_items (G_LIST_MODEL (results));
  g_assert_cmpuint (n, ==, 4 + 4 * 4 + 1);
  g_assert_cmpuint (arrivals.n_items, ==, n);
  g_assert_true (arrivals.only_appended);
  g_assert_cmpuint (arrivals.first_batch, ==, 4);
  g_assert_cmpuint (arrivals.n_batches, >, 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableMessageSummary) hit = g_list_model_get_item (G_LIST_MODEL (results), i);
      const char *folder = cartable_message_summary_get_folder_name (hit);
      const char *subject = cartable_message_summary_get_subject (hit);

      g_assert_nonnull (folder);
      g_assert_cmpint (cartable_search_results_find (results, folder, cartable_message_summary_get_uid (hit)), ==, i);
      /* The subjects first, one per folder. */
      if (i < 4)
        g_assert_cmpstr (subject, ==, "Conseil des élèves");
      else
        g_assert_true (strstr (STUDENTS "|Sortie", subject) != NULL);
      g_hash_table_add (subject_folders, g_strdup_printf ("%s/%s", folder, subject));
    }
  g_assert_cmpuint (g_hash_table_size (subject_folders), ==, n);
  g_assert_true (g_hash_table_contains (subject_folders, "Classes/4eB/Sortie"));
  g_assert_true (g_hash_table_contains (subject_folders, "Corps3/html"));

  /* A hit follows its message: read elsewhere, it says so. */
  {
    g_autoptr(CartableMessageSummary) hit = g_list_model_get_item (G_LIST_MODEL (results), 0);
    g_autoptr(CamelFolder) folder = open_folder (cartable_message_summary_get_folder_name (hit));

    g_assert_false (cartable_message_summary_get_seen (hit));
    camel_folder_set_message_flags (folder, cartable_message_summary_get_uid (hit), CAMEL_MESSAGE_SEEN, CAMEL_MESSAGE_SEEN);
    g_assert_true (MAIL_TEST_WAIT_FOR (cartable_message_summary_get_seen (hit), 10000));
    g_assert_cmpint (cartable_search_results_find (results, cartable_message_summary_get_folder_name (hit),
                                                   cartable_message_summary_get_uid (hit)), ==, 0);
  }

  /* A search again replaces the results; clearing empties them. */
  g_clear_object (&result);
  cartable_search_query_set_text (headers, "phasmes");
  cartable_search_query_set_body (body, "phasmes");
  cartable_search_results_search_async (results, headers, body, NULL, cartable_test_result_cb, &result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);
  g_assert_true (cartable_search_results_search_finish (results, cartable_test_wait_result (&result, 0), NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 4);
  cartable_search_results_clear (results);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);

  /* Cancelled: an error, and the search is over. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_clear_object (&result);
    cartable_search_results_search_async (results, headers, NULL, cancellable, cartable_test_result_cb, &result);
    g_cancellable_cancel (cancellable);
    g_assert_false (cartable_search_results_search_finish (results, cartable_test_wait_result (&result, 0), NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (cartable_search_results_get_searching (results));
  }
}

typedef CartableTestRelease Released;

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Released *released = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cartable_search_results_search_finish (CARTABLE_SEARCH_RESULTS (source), result,
                                                        NULL, &error));
  g_assert_no_error (error);
  released->done = TRUE;
}

/* Results let go while they search live until the search is over, then go
 * in the main context: there, not in the worker that searched, the
 * folders' changes reach them. */
CARTABLE_TEST ("released-in-main-context", test_released_in_main_context)
{
  g_autoptr(CartableFolderTree) tree = new_tree ();
  g_autoptr(CartableSearchQuery) headers = cartable_search_query_new ();
  GThread *main_thread = g_thread_self ();

  cartable_search_query_set_text (headers, "phasmes");
  /* Which of the two lets go last is a race, lost by the worker often
   * enough on a busy machine; many rounds make it show. */
  for (guint i = 0; i < 100; i++)
    {
      CartableSearchResults *results = cartable_search_results_new (tree);
      Released released = { FALSE, NULL, FALSE };

      cartable_test_watch_release (G_OBJECT (results), &released);
      cartable_search_results_search_async (results, headers, NULL, NULL, searched_cb, &released);
      g_object_unref (results);
      g_assert_false (released.gone);

      g_assert_true (MAIL_TEST_WAIT_FOR (released.gone, 30000));
      g_assert_true (released.done);
      if (released.thread != main_thread)
        g_test_message ("round %u: the results went in a worker thread", i);
      g_assert_true (released.thread == main_thread);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) script = g_string_new (MAIL_TEST_IMAP_PRELUDE FILL_FOLDERS);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *fill = NULL;
  academy = mail_test_init (&argc, &argv, FALSE);
  g_string_append (names, "import sys\nsys.argv[1:] = [");
  for (guint i = 0; folders[i] != NULL; i++)
    g_string_append_printf (names, "'%s', ", folders[i]);
  g_string_append (names, "]\n");
  g_string_prepend (script, names->str);
  fill = cartable_test_stack_python (academy->stack, "mdurand", script->str);

  session = mail_test_session_new (academy, "mdurand", CARTABLE_MAIL_SECURITY_TLS);
  if (!set_online (TRUE, &error))
    g_error ("cannot connect: %s", error->message);

  return mail_test_finish (academy, &session, cartable_test_run ());
}

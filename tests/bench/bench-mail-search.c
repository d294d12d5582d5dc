/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-bench"

#include "config.h"

#include "cartable-test-mail-engine.h"

/*
 * Body search over a large INBOX (BENCH_MESSAGES, default 10,000) on the
 * loopback academy's Dovecot (no full-text plugin). Each query gets a new
 * session with an empty cache: cold (no body in the offline cache), then
 * warm (its candidates now cached), then offline over that cache. Prints
 * one line per measure.
 */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
search (CamelFolder *folder,
        const char  *label,
        const char  *body)
{
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sexp = NULL;
  gboolean complete = FALSE;
  gint64 start;

  cartable_search_query_set_body (query, body);
  sexp = cartable_search_query_to_sexp (query);
  start = g_get_monotonic_time ();
  cartable_mail_search_async (folder, query, NULL, cartable_test_result_cb, &result);
  uids = cartable_mail_search_finish_full (cartable_test_wait_result (&result, 0), &complete, &error);
  if (uids == NULL)
    g_error ("search: %s", error->message);
  g_print ("%-8s « %s »: %u found%s in %.2f s — server asked %s\n", label, body, uids->len,
           complete ? "" : " (some bodies not searched)", seconds_since (start), sexp);
}

static void
set_online (CartableMailSession *session,
            gboolean             online)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_mail_session_set_online_async (session, "tlefebvre", online, NULL, cartable_test_result_cb, &result);
  if (!cartable_mail_session_set_online_finish (session, cartable_test_wait_result (&result, 0), &error))
    g_error ("online: %s", error->message);
}

static CamelFolder *
open_inbox (CartableMailSession *session)
{
  g_autoptr(GError) error = NULL;
  CamelFolder *inbox;
  gint64 start;

  set_online (session, TRUE);
  inbox = mail_test_open_folder (cartable_mail_session_get_store (session, "tlefebvre"), "INBOX");
  start = g_get_monotonic_time ();
  if (!camel_folder_refresh_info_sync (inbox, NULL, &error))
    g_error ("refresh: %s", error->message);
  g_print ("new session, headers of %u messages: %.2f s\n", camel_folder_get_message_count (inbox),
           seconds_since (start));

  return inbox;
}

int
main (int   argc,
      char *argv[])
{
  const char *count_env = g_getenv ("BENCH_MESSAGES");
  guint count = count_env != NULL ? (guint) g_ascii_strtoull (count_env, NULL, 10) : 10000;
  const char *const queries[] = { "eleve", "videoprojecteur", "Hébert", "pique-nique digue", "zzzz", NULL };
  MailTestAcademy *academy;

  cartable_engine_init ();

  academy = mail_test_academy_start ();
  cartable_test_stack_seed_mail (academy->stack, "tlefebvre", count, "INBOX");

  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autoptr(CartableMailSession) session = mail_test_session_new (academy, "tlefebvre",
                                                                      CARTABLE_MAIL_SECURITY_TLS);
      g_autoptr(CamelFolder) inbox = open_inbox (session);

      search (inbox, "cold", queries[i]);
      search (inbox, "warm", queries[i]);
      set_online (session, FALSE);
      search (inbox, "offline", queries[i]);

      g_clear_object (&inbox);
      {
        gboolean done = FALSE;

        cartable_test_wait_flag (&done, 300);
      }
    }

  mail_test_academy_stop (academy);

  return 0;
}

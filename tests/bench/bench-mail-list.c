/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-bench"

#include "config.h"

#include <string.h>

#include "cartable-test-mail-engine.h"
#include "cartable-test.h"

/*
 * The message list over a large INBOX (BENCH_MESSAGES, default 100,000):
 * first synchronisation, cached reload, threading, random row access, and
 * the memory the process holds. Prints one line per measure.
 */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
load (CartableMessageList *list,
      gboolean             from_server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_message_list_load_async (list, from_server, NULL, cartable_test_result_cb, &result);
  if (!cartable_message_list_load_finish (list, cartable_test_wait_result (&result, 0), &error))
    g_error ("load: %s", error->message);
  while (cartable_message_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  const char *count_env = g_getenv ("BENCH_MESSAGES");
  guint count = count_env != NULL ? (guint) g_ascii_strtoull (count_env, NULL, 10) : 100000;
  g_autoptr(CartableMailSession) session = NULL;
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CartableMessageList) list = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MailTestAcademy *academy;
  GRand *rand = g_rand_new_with_seed (42);
  long rss_before, rss_after;
  gint64 start;
  guint n;

  cartable_engine_init ();

  academy = mail_test_academy_start ();
  start = g_get_monotonic_time ();
  cartable_test_stack_seed_mail (academy->stack, "tlefebvre", count, "INBOX");
  g_print ("seed %u messages: %.2f s\n", count, seconds_since (start));

  session = mail_test_session_new (academy, "tlefebvre", CARTABLE_MAIL_SECURITY_TLS);
  start = g_get_monotonic_time ();
  cartable_mail_session_set_online_async (session, "tlefebvre", TRUE, NULL, cartable_test_result_cb, &result);
  if (!cartable_mail_session_set_online_finish (session, cartable_test_wait_result (&result, 0), &error))
    g_error ("connect: %s", error->message);
  g_print ("connect: %.0f ms\n", seconds_since (start) * 1000);

  inbox = mail_test_open_folder (cartable_mail_session_get_store (session, "tlefebvre"), "INBOX");

  rss_before = cartable_test_rss_kib ();
  list = cartable_message_list_new (inbox);
  start = g_get_monotonic_time ();
  load (list, TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  rss_after = cartable_test_rss_kib ();
  g_print ("first sync + list of %u: %.2f s, RSS %+ld MiB (total %ld MiB)\n",
           n, seconds_since (start), (rss_after - rss_before) / 1024, rss_after / 1024);

  start = g_get_monotonic_time ();
  load (list, TRUE);
  g_print ("cached resync + list: %.2f s\n", seconds_since (start));

  start = g_get_monotonic_time ();
  load (list, FALSE);
  g_print ("list from cache only: %.2f s\n", seconds_since (start));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(CartableMessageSummary) summary =
        g_list_model_get_item (G_LIST_MODEL (list), g_rand_int_range (rand, 0, (gint32) n));

      g_assert_nonnull (cartable_message_summary_get_uid (summary));
    }
  g_print ("10,000 random rows: %.1f us each\n", seconds_since (start) * 1e6 / 10000);

  start = g_get_monotonic_time ();
  cartable_message_list_set_threaded (list, TRUE);
  while (cartable_message_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_print ("threading: %.2f s, %u conversations\n", seconds_since (start),
           g_list_model_get_n_items (G_LIST_MODEL (list)));

  g_clear_object (&list);
  g_clear_object (&inbox);
  {
    gint64 end = g_get_monotonic_time () + 300 * 1000;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_clear_object (&session);
  mail_test_academy_stop (academy);
  g_rand_free (rand);

  return 0;
}

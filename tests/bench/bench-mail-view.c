/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-row.h"
#include "cartable-test.h"

/*
 * The full version's message list over a large Inbox (BENCH_MESSAGES,
 * default 100,000), in the real application against the loopback academy:
 * how long until the first rows show, the memory the list takes, then the
 * frame times while the list scrolls from top to bottom and back, scrolls
 * slowly, and is walked with Down and Page_Down. Each step is driven by
 * the frame clock (one step per frame); frame times are the intervals
 * between the frame clock's frame times, work times what the application
 * spends in a frame (from its tick to the end of painting). Prints one
 * line per measure.
 */

#define USER "mdurand"

/* ------------------------------------------------------------ helpers */

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Runs the main loop until @condition holds, checking after every event;
 * aborts after @timeout_s. */
static void
run_until (CartableTestCondition  condition,
           gpointer               user_data,
           guint                  timeout_s,
           const char            *what)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      if (!g_main_context_pending (NULL))
        g_usleep (500);
    }
}

typedef struct
{
  CartableMainView *view;
  GtkListBox       *folders;
  GtkListView      *list;
  GtkAdjustment    *vadjustment;
  guint             n_items_seen;
  gint64            stable_since;
  GListModel       *previous_model;
} Bench;

static GListModel *
list_model (Bench *bench)
{
  return G_LIST_MODEL (gtk_list_view_get_model (bench->list));
}

/* A row widget of the list is on screen with its text. */
static gboolean
rows_shown (gpointer user_data)
{
  Bench *bench = user_data;
  GListModel *model = list_model (bench);
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (bench->list), GTK_TYPE_STACK);

  if (model == NULL || g_list_model_get_n_items (model) == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "list") != 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (bench->list)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (bench->list)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *grid = gtk_widget_get_first_child (child);

      if (gtk_widget_get_mapped (child) && grid != NULL && gtk_widget_get_height (grid) > 0 &&
          CARTABLE_IS_MESSAGE_ROW (grid))
        return TRUE;
    }
  return FALSE;
}

/* The list has stopped growing for three seconds and the view shows no
 * progress any more. */
static gboolean
list_settled (gpointer user_data)
{
  Bench *bench = user_data;
  GListModel *model = list_model (bench);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GtkWidget *spinner = cartable_test_find_descendant (GTK_WIDGET (bench->view), GTK_TYPE_SPINNER, NULL);

  if (n != bench->n_items_seen || (spinner != NULL && gtk_spinner_get_spinning (GTK_SPINNER (spinner))))
    {
      bench->n_items_seen = n;
      bench->stable_since = g_get_monotonic_time ();
      return FALSE;
    }
  return n > 0 && g_get_monotonic_time () - bench->stable_since > 3 * G_USEC_PER_SEC;
}

static GtkListBoxRow *
find_folder_row (GtkListBox *folders,
                 const char *full_name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (folders)); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), "full-name"), full_name) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static gboolean
folder_listed (gpointer user_data)
{
  Bench *bench = user_data;

  return find_folder_row (bench->folders, "Sent") != NULL && find_folder_row (bench->folders, "INBOX") != NULL;
}

/* Another folder's list (or its empty page) shows. */
static gboolean
other_list_shown (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (bench->list), GTK_TYPE_STACK);
  GListModel *model = list_model (bench);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "loading") != 0 &&
         model != NULL && model != bench->previous_model;
}

/* ------------------------------------------------------------ frames */

typedef enum
{
  STEP_SCROLL_FAST,   /* top to bottom, then back, in 600 frames each way */
  STEP_SCROLL_SLOW,   /* 60 px a frame, like a wheel or a flick */
  STEP_KEY_DOWN,
  STEP_KEY_PAGE_DOWN,
} StepKind;

typedef struct
{
  Bench     *bench;
  StepKind   kind;
  guint      n_steps;
  guint      step;
  guint      frame;
  double     from;
  double     to;
  gint64     last_frame_time;
  gint64     tick_start;
  GArray    *intervals;   /* double, ms */
  GArray    *work;        /* double, ms */
  guint      n_items_changed;
  gboolean   done;
} Run;

static void
press_key (GtkWindow   *window,
           GtkListView *list,
           guint        keyval)
{
  /* A row rebuilt under the focus (marked read) takes the focus with it
   * until the view puts it back: the keyboard user's next key lands on
   * the list again. */
  if (cartable_test_dispatch_key (window, keyval, 0))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (list));
  if (!cartable_test_dispatch_key (window, keyval, 0))
    g_error ("no widget handles key %s", gdk_keyval_name (keyval));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Run *run = user_data;
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  run->tick_start = g_get_monotonic_time ();
  if (run->last_frame_time != 0)
    {
      double interval = (frame_time - run->last_frame_time) / 1000.0;
      g_array_append_val (run->intervals, interval);
    }
  run->last_frame_time = frame_time;

  if (run->step >= run->n_steps)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  switch (run->kind)
    {
    case STEP_SCROLL_FAST:
    case STEP_SCROLL_SLOW:
      gtk_adjustment_set_value (run->bench->vadjustment,
                                run->from + (run->to - run->from) * (run->step + 1) / run->n_steps);
      break;
    /* A held key repeats about 30 times a second: a key every other frame. */
    case STEP_KEY_DOWN:
      if (run->frame++ % 2 == 1)
        return G_SOURCE_CONTINUE;
      press_key (GTK_WINDOW (gtk_widget_get_root (widget)), run->bench->list, GDK_KEY_Down);
      break;
    case STEP_KEY_PAGE_DOWN:
      if (run->frame++ % 2 == 1)
        return G_SOURCE_CONTINUE;
      press_key (GTK_WINDOW (gtk_widget_get_root (widget)), run->bench->list, GDK_KEY_Page_Down);
      break;
    default:
      g_assert_not_reached ();
    }
  run->step++;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  if (run->tick_start != 0)
    {
      double work = (g_get_monotonic_time () - run->tick_start) / 1000.0;
      g_array_append_val (run->work, work);
      run->tick_start = 0;
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Run        *run)
{
  run->n_items_changed++;
}

static gboolean
run_done (gpointer user_data)
{
  return ((Run *) user_data)->done;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
print_stats (const char *name,
             const char *what,
             GArray     *values)
{
  guint over_16 = 0;
  guint over_33 = 0;
  guint n = values->len;

  if (n == 0)
    {
      g_print ("%s %s: no frames\n", name, what);
      return;
    }
  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (values, double, i);

      over_16 += v > 16.7;
      over_33 += v > 33.4;
    }
  g_print ("%s %s: %u frames, median %.1f ms, 95th %.1f ms, worst %.1f ms, over 16.7 ms: %u, over 33 ms: %u\n",
           name, what, n, g_array_index (values, double, n / 2), g_array_index (values, double, MIN (n - 1, n * 95 / 100)),
           g_array_index (values, double, n - 1), over_16, over_33);
}

static void
measure (Bench      *bench,
         const char *name,
         StepKind    kind,
         guint       n_steps,
         double      from,
         double      to)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->list));
  Run run = { 0 };
  gulong paint_handler;
  gulong items_handler;
  gint64 start = g_get_monotonic_time ();

  run.bench = bench;
  run.kind = kind;
  run.n_steps = n_steps;
  run.from = from;
  run.to = to;
  run.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  run.work = g_array_new (FALSE, FALSE, sizeof (double));

  paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
  items_handler = g_signal_connect (list_model (bench), "items-changed", G_CALLBACK (items_changed_cb), &run);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench->list), tick_cb, &run, NULL);
  run_until (run_done, &run, 600, name);
  g_signal_handler_disconnect (clock, paint_handler);
  g_signal_handler_disconnect (list_model (bench), items_handler);

  g_print ("%s: %u steps in %.1f s, model changes during the run: %u\n", name, n_steps, ms_since (start) / 1000,
           run.n_items_changed);
  print_stats (name, "frame intervals", run.intervals);
  print_stats (name, "work per frame", run.work);

  g_array_unref (run.intervals);
  g_array_unref (run.work);
}

/* ------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  const char *count_env = g_getenv ("BENCH_MESSAGES");
  guint count = count_env != NULL ? (guint) g_ascii_strtoull (count_env, NULL, 10) : 100000;
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  g_autoptr(CartableApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *scrolled;
  Bench bench = { 0 };
  long rss_before, rss_after;
  gint64 start;
  double upper;

  cartable_test_ui_init (&argc, &argv);

  start = g_get_monotonic_time ();
  cartable_test_academy_start (NULL, 0);
  g_print ("academy start: %.0f ms\n", ms_since (start));
  start = g_get_monotonic_time ();
  cartable_test_academy_run ((const char *[]) { "seed-mail", "--dir", cartable_test_academy_get_dir (),
                                                "--user", USER, "--count", count_text, NULL });
  g_print ("seed %u messages: %.1f s\n", count, ms_since (start) / 1000);

  app = cartable_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  cartable_test_academy_add_account (app, USER, NULL);

  /* The first time: connect, list the folders, receive every header. */
  rss_before = cartable_test_rss_kib ();
  start = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (app));
  run_until (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 30, "the window");
  window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  gtk_window_set_default_size (window, 1200, 780);
  bench.view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  bench.folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (bench.view), GTK_TYPE_LIST_BOX,
                                                               "navigation-sidebar"));
  bench.list = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (bench.view), GTK_TYPE_LIST_VIEW, NULL));
  g_assert_nonnull (bench.folders);
  g_assert_nonnull (bench.list);

  run_until (rows_shown, &bench, 1200, "the first rows");
  g_print ("window opened to first rows of the Inbox (connect + first sync): %.2f s\n", ms_since (start) / 1000);
  run_until (list_settled, &bench, 1200, "the whole list");
  rss_after = cartable_test_rss_kib ();
  g_print ("whole list loaded: %.2f s (including 3 s of settling), %u rows\n", ms_since (start) / 1000 - 3,
           g_list_model_get_n_items (list_model (&bench)));
  g_print ("RSS before the window: %ld MiB, with the list loaded: %ld MiB (%+ld MiB)\n",
           rss_before / 1024, rss_after / 1024, (rss_after - rss_before) / 1024);

  /* Another folder, then the Inbox again: from the cache and a resync. */
  run_until (folder_listed, &bench, 60, "the Sent folder");
  bench.previous_model = g_object_ref (list_model (&bench));
  start = g_get_monotonic_time ();
  gtk_widget_activate (GTK_WIDGET (find_folder_row (bench.folders, "Sent")));
  run_until (other_list_shown, &bench, 300, "the Sent folder's list");
  g_print ("Sent selected to its list shown: %.0f ms\n", ms_since (start));
  g_clear_object (&bench.previous_model);
  cartable_test_iterate (1000);
  rss_before = cartable_test_rss_kib ();
  start = g_get_monotonic_time ();
  gtk_widget_activate (GTK_WIDGET (find_folder_row (bench.folders, "INBOX")));
  run_until (rows_shown, &bench, 600, "the Inbox's rows again");
  g_print ("Inbox selected again to first rows: %.0f ms\n", ms_since (start));
  bench.n_items_seen = 0;
  run_until (list_settled, &bench, 600, "the whole list again");
  rss_after = cartable_test_rss_kib ();
  g_print ("Inbox selected again to whole list: %.2f s, %u rows; RSS %ld MiB before, %ld MiB after (%+ld MiB)\n",
           ms_since (start) / 1000 - 3, g_list_model_get_n_items (list_model (&bench)),
           rss_before / 1024, rss_after / 1024, (rss_after - rss_before) / 1024);

  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (bench.list), GTK_TYPE_SCROLLED_WINDOW);
  bench.vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  cartable_test_iterate (500);
  upper = gtk_adjustment_get_upper (bench.vadjustment) - gtk_adjustment_get_page_size (bench.vadjustment);
  g_print ("list: %.0f px high, %.0f px shown\n", gtk_adjustment_get_upper (bench.vadjustment),
           gtk_adjustment_get_page_size (bench.vadjustment));

  measure (&bench, "scroll top to bottom", STEP_SCROLL_FAST, 600, 0, upper);
  measure (&bench, "scroll bottom to top", STEP_SCROLL_FAST, 600, upper, 0);
  measure (&bench, "slow scroll, 60 px a frame", STEP_SCROLL_SLOW, 600, upper / 2, upper / 2 + 600 * 60);

  /* The keyboard, from the first row. */
  gtk_adjustment_set_value (bench.vadjustment, 0);
  cartable_test_iterate (300);
  gtk_widget_grab_focus (GTK_WIDGET (bench.list));
  cartable_test_iterate (300);
  measure (&bench, "Down, 30 keys a second", STEP_KEY_DOWN, 300, 0, 0);
  measure (&bench, "Page_Down, 30 keys a second", STEP_KEY_PAGE_DOWN, 100, 0, 0);

  g_object_ref (window);
  gtk_window_destroy (window);
  cartable_test_iterate (200);
  g_object_unref (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_clear_object (&app);
  cartable_test_academy_run ((const char *[]) { "stop", "--dir", cartable_test_academy_get_dir (), NULL });

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include "cartable-test-wait.h"

static gboolean
timeout_reached_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
cartable_test_iterate (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_reached_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
cartable_test_wait_for (CartableTestCondition condition,
                        gpointer              user_data,
                        guint                 timeout_ms)
{
  return cartable_test_poll (condition, user_data, 0, timeout_ms);
}

/* With @interval_ms 0, the loop turns without blocking and the condition
 * is asked again after a millisecond. */
gboolean
cartable_test_poll (CartableTestCondition condition,
                    gpointer              user_data,
                    guint                 interval_ms,
                    guint                 timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (interval_ms > 0)
        {
          cartable_test_iterate (interval_ms);
          continue;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

gboolean
cartable_test_wait_flag (gboolean *flag,
                         guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_reached_cb, &timed_out);

  /* Blocking iterations: the flag is set by a callback of this context,
   * so no busy loop is needed. */
  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

void
cartable_test_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
cartable_test_have_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

GAsyncResult *
cartable_test_wait_result (GAsyncResult **slot,
                           guint          timeout_ms)
{
  if (timeout_ms == 0)
    {
      while (*slot == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (!cartable_test_wait_for (cartable_test_have_result, slot, timeout_ms))
    g_error ("no answer to an asynchronous call in %u ms", timeout_ms);

  return *slot;
}

void
cartable_test_assert_finish_ok (gpointer             source,
                                CartableTestFinish   finish,
                                GAsyncResult       **slot)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (finish (source, cartable_test_wait_result (slot, 0), &error));
  g_assert_no_error (error);
}

typedef struct
{
  CartableTestValue value;
  gconstpointer     subject;
  gconstpointer     detail;
  gint64            expected;
} ValueQuery;

static gboolean
value_reached (gpointer user_data)
{
  ValueQuery *query = user_data;

  return query->value (query->subject, query->detail) == query->expected;
}

gboolean
cartable_test_wait_value (CartableTestValue value,
                          gconstpointer     subject,
                          gconstpointer     detail,
                          gint64            expected,
                          guint             interval_ms,
                          guint             timeout_ms)
{
  ValueQuery query = { value, subject, detail, expected };

  return cartable_test_poll (value_reached, &query, interval_ms, timeout_ms);
}

static gint64
boolean_property (gconstpointer object,
                  gconstpointer property)
{
  gboolean value = FALSE;

  g_object_get ((gpointer) object, property, &value, NULL);
  return value != FALSE;
}

gboolean
cartable_test_wait_boolean (gpointer    object,
                            const char *property,
                            gboolean    value,
                            guint       timeout_ms)
{
  g_assert (G_IS_OBJECT (object));
  return cartable_test_wait_value (boolean_property, object, property, value != FALSE, 0, timeout_ms);
}

gboolean
cartable_test_flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

void
cartable_test_count_items_changed_cb (GListModel *model,
                                      guint       position,
                                      guint       removed,
                                      guint       added,
                                      guint      *count)
{
  (*count)++;
}

void
cartable_test_count_notify_cb (GObject    *object,
                               GParamSpec *pspec,
                               guint      *count)
{
  (*count)++;
}

static void
released_cb (gpointer  data,
             GObject  *where_the_object_was)
{
  CartableTestRelease *release = data;

  release->gone = TRUE;
  release->thread = g_thread_self ();
}

void
cartable_test_watch_release (GObject             *object,
                             CartableTestRelease *release)
{
  g_assert (G_IS_OBJECT (object));
  g_object_weak_ref (object, released_cb, release);
}

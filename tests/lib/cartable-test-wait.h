/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Waiting in tests: see cartable-test.h for the library as a whole. */

typedef gboolean (*CartableTestCondition) (gpointer user_data);

/* Runs the main loop for a while, so timers fire, frames get drawn and
 * transitions end. */
void          cartable_test_iterate          (guint                   milliseconds);
/* Runs the main loop until @condition holds (TRUE) or @timeout_ms passes
 * (FALSE): callers assert on the answer, so a timeout names their line. */
gboolean      cartable_test_wait_for         (CartableTestCondition   condition,
                                              gpointer                user_data,
                                              guint                   timeout_ms);
/* The same for a condition slow to answer (it asks a server or a child
 * process): asks it every @interval_ms, running the main loop between. */
gboolean      cartable_test_poll             (CartableTestCondition   condition,
                                              gpointer                user_data,
                                              guint                   interval_ms,
                                              guint                   timeout_ms);
/* A value a test waits for: a number, a count, or a boolean (0 or 1),
 * read from @subject and @detail (an object and a property name, an
 * account and a mailbox…). */
typedef gint64 (*CartableTestValue) (gconstpointer subject,
                                     gconstpointer detail);
/* Runs the main loop until @value (@subject, @detail) is @expected (TRUE)
 * or @timeout_ms passes (FALSE); asks at every turn of the loop, or every
 * @interval_ms for a value slow to read (0: every turn). */
gboolean      cartable_test_wait_value       (CartableTestValue       value,
                                              gconstpointer           subject,
                                              gconstpointer           detail,
                                              gint64                  expected,
                                              guint                   interval_ms,
                                              guint                   timeout_ms);
/* The same for a flag a callback sets. */
gboolean      cartable_test_wait_flag        (gboolean               *flag,
                                              guint                   timeout_ms);

/* An _async call's callback: @user_data is a GAsyncResult ** that receives
 * a reference to the result. */
void          cartable_test_result_cb        (GObject                *source,
                                              GAsyncResult           *result,
                                              gpointer                user_data);
/* A condition for cartable_test_wait_for(): *(GAsyncResult **) is set. */
gboolean      cartable_test_have_result      (gpointer                user_data);
/* Runs the main loop until *@slot is set (by cartable_test_result_cb) and
 * returns it; fails the test after @timeout_ms (0: no limit but the
 * test's own). */
GAsyncResult *cartable_test_wait_result      (GAsyncResult          **slot,
                                              guint                   timeout_ms);

/* The _finish function of an _async call that answers TRUE or FALSE
 * with an error, for cartable_test_assert_finish_ok(). */
typedef gboolean (*CartableTestFinish) (gpointer       source,
                                        GAsyncResult  *result,
                                        GError       **error);

/* Waits for the result an _async call puts in *@slot (through
 * cartable_test_result_cb), hands it to @finish on @source and asserts
 * the call succeeded: TRUE and no error. */
void          cartable_test_assert_finish_ok (gpointer                source,
                                              CartableTestFinish      finish,
                                              GAsyncResult          **slot);

/* Runs the main loop until the boolean property @property of @object is
 * @value (TRUE) or @timeout_ms passes (FALSE). */
gboolean      cartable_test_wait_boolean     (gpointer                object,
                                              const char             *property,
                                              gboolean                value,
                                              guint                   timeout_ms);

/* Signal handlers that count emissions in a guint (@count): for
 * GListModel::items-changed and GObject::notify. */
void          cartable_test_count_items_changed_cb (GListModel          *model,
                                                    guint                position,
                                                    guint                removed,
                                                    guint                added,
                                                    guint               *count);
void          cartable_test_count_notify_cb  (GObject                *object,
                                              GParamSpec             *pspec,
                                              guint                  *count);

/* A condition: *(gboolean *) @user_data is TRUE. */
gboolean      cartable_test_flag_set         (gpointer                user_data);

/* Whether and in which thread an object was finalized, and whether what
 * the test waited for from it is done: cartable_test_watch_release(). */
typedef struct
{
  gboolean  gone;
  GThread  *thread;
  gboolean  done;
} CartableTestRelease;

/* Sets @release's gone and thread when @object is finalized. */
void          cartable_test_watch_release    (GObject                *object,
                                              CartableTestRelease    *release);

G_END_DECLS

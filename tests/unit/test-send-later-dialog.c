/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cartable-engine.h"
#include "mail/cartable-send-later-dialog.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("send-later-dialog");

/* The day chosen keeps its date only: the time comes from the hour and minute fields. */
CARTABLE_TEST ("time", test_time)
{
  g_autoptr(GDateTime) late = g_date_time_new_local (2026, 12, 8, 23, 59, 10);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (2026, 12, 8, 0, 0, 0);
  g_autoptr(GDateTime) expected = g_date_time_new_local (2026, 12, 8, 7, 30, 0);
  g_autoptr(GDateTime) evening = g_date_time_new_local (2027, 1, 1, 18, 5, 0);

  g_assert_cmpint (cartable_send_later_time (late, 7, 30), ==, g_date_time_to_unix (expected));
  g_assert_cmpint (cartable_send_later_time (midnight, 7, 30), ==, g_date_time_to_unix (expected));
  g_assert_cmpint (cartable_send_later_time (midnight, 0, 0), ==, g_date_time_to_unix (midnight));
  g_assert_cmpint (cartable_send_later_time (evening, 18, 5), ==, g_date_time_to_unix (evening));
}

/* A time already past, even by a second, cannot be chosen; it says why in French. */
CARTABLE_TEST ("problem", test_problem)
{
  gint64 now = 1796545800; /* a Tuesday morning in December 2026 */

  g_assert_cmpstr (cartable_send_later_problem (now - 3600, now), ==,
                   "Cette heure est déjà passée : choisissez-en une plus tardive.");
  g_assert_nonnull (cartable_send_later_problem (now, now));
  g_assert_null (cartable_send_later_problem (now + 1, now));
  g_assert_null (cartable_send_later_problem (now + 24 * 3600, now));
}

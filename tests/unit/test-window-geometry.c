/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shell/cartable-window-geometry.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("window-geometry");

CARTABLE_TEST ("unset-gives-default", test_unset_gives_default)
{
  int w, h;

  cartable_window_geometry_sanitize (-1, -1, &w, &h);
  g_assert_cmpint (w, ==, CARTABLE_WINDOW_DEFAULT_WIDTH);
  g_assert_cmpint (h, ==, CARTABLE_WINDOW_DEFAULT_HEIGHT);

  cartable_window_geometry_sanitize (800, 0, &w, &h);
  g_assert_cmpint (w, ==, CARTABLE_WINDOW_DEFAULT_WIDTH);
  g_assert_cmpint (h, ==, CARTABLE_WINDOW_DEFAULT_HEIGHT);
}

CARTABLE_TEST ("absurd-gives-default", test_absurd_gives_default)
{
  int w, h;

  cartable_window_geometry_sanitize (100000, 700, &w, &h);
  g_assert_cmpint (w, ==, CARTABLE_WINDOW_DEFAULT_WIDTH);
  g_assert_cmpint (h, ==, CARTABLE_WINDOW_DEFAULT_HEIGHT);
}

CARTABLE_TEST ("small-is-raised", test_small_is_raised)
{
  int w, h;

  cartable_window_geometry_sanitize (120, 90, &w, &h);
  g_assert_cmpint (w, ==, CARTABLE_WINDOW_MIN_WIDTH);
  g_assert_cmpint (h, ==, CARTABLE_WINDOW_MIN_HEIGHT);
}

CARTABLE_TEST ("reasonable-is-kept", test_reasonable_is_kept)
{
  int w, h;

  cartable_window_geometry_sanitize (1366, 705, &w, &h);
  g_assert_cmpint (w, ==, 1366);
  g_assert_cmpint (h, ==, 705);

  cartable_window_geometry_sanitize (CARTABLE_WINDOW_MIN_WIDTH, CARTABLE_WINDOW_MIN_HEIGHT, &w, &h);
  g_assert_cmpint (w, ==, CARTABLE_WINDOW_MIN_WIDTH);
  g_assert_cmpint (h, ==, CARTABLE_WINDOW_MIN_HEIGHT);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-test-contrast.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("contrast");

/*
 * The contrast the ui suite asks of every text, checked against values
 * WCAG's own examples and common checkers give.
 */

CARTABLE_TEST ("luminance-ends", test_luminance_ends)
{
  g_assert_cmpfloat_with_epsilon (cartable_test_relative_luminance (0, 0, 0), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cartable_test_relative_luminance (1, 1, 1), 1.0, 1e-9);
  /* Green weighs most, blue least. */
  g_assert_cmpfloat_with_epsilon (cartable_test_relative_luminance (1, 0, 0), 0.2126, 1e-9);
  g_assert_cmpfloat_with_epsilon (cartable_test_relative_luminance (0, 1, 0), 0.7152, 1e-9);
  g_assert_cmpfloat_with_epsilon (cartable_test_relative_luminance (0, 0, 1), 0.0722, 1e-9);
  /* sRGB is not linear: mid-grey is about a fifth of white's light. */
  g_assert_cmpfloat_with_epsilon (cartable_test_relative_luminance (0.5, 0.5, 0.5), 0.2140, 1e-3);
}

CARTABLE_TEST ("ratio-ends", test_ratio_ends)
{
  g_assert_cmpfloat_with_epsilon (cartable_test_contrast_rgb (0x000000, 0xffffff), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cartable_test_contrast_rgb (0xffffff, 0x000000), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cartable_test_contrast_rgb (0x3584e4, 0x3584e4), 1.0, 1e-9);
}

CARTABLE_TEST ("known-pairs", test_known_pairs)
{
  /* #767676 is the lightest grey that passes on white; #777777 fails. */
  g_assert_cmpfloat (cartable_test_contrast_rgb (0x767676, 0xffffff), >=, CARTABLE_TEST_MIN_TEXT_CONTRAST);
  g_assert_cmpfloat (cartable_test_contrast_rgb (0x777777, 0xffffff), <, CARTABLE_TEST_MIN_TEXT_CONTRAST);
  g_assert_cmpfloat_with_epsilon (cartable_test_contrast_rgb (0x767676, 0xffffff), 4.54, 0.01);
  /* Adwaita's dimmed text (black at 0.8 × 0.55 on #fafafa gives #8c8c8c):
   * the 3.2:1 the RGAA audit found. */
  g_assert_cmpfloat_with_epsilon (cartable_test_contrast_rgb (0x8c8c8c, 0xfafafa), 3.22, 0.01);
  /* White on Adwaita's default blue buttons, and on a darker blue. */
  g_assert_cmpfloat_with_epsilon (cartable_test_contrast_rgb (0xffffff, 0x3584e4), 3.76, 0.05);
  g_assert_cmpfloat (cartable_test_contrast_rgb (0xffffff, 0x1c71d8), >=, CARTABLE_TEST_MIN_TEXT_CONTRAST);
}

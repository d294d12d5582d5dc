/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test-contrast"

#include "config.h"

#include <math.h>

#include "cartable-test-contrast.h"

/* One sRGB component back to linear light (WCAG 2's definition of
 * relative luminance, with its 0.03928 threshold). */
static double
linearize (double component)
{
  g_assert (component >= 0.0 && component <= 1.0);

  if (component <= 0.03928)
    return component / 12.92;
  return pow ((component + 0.055) / 1.055, 2.4);
}

double
cartable_test_relative_luminance (double red,
                                  double green,
                                  double blue)
{
  return 0.2126 * linearize (red) + 0.7152 * linearize (green) + 0.0722 * linearize (blue);
}

double
cartable_test_contrast_ratio (double luminance_a,
                              double luminance_b)
{
  double lighter = MAX (luminance_a, luminance_b);
  double darker = MIN (luminance_a, luminance_b);

  return (lighter + 0.05) / (darker + 0.05);
}

static double
luminance_of_rgb (guint32 rgb)
{
  return cartable_test_relative_luminance (((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                                           (rgb & 0xff) / 255.0);
}

double
cartable_test_contrast_rgb (guint32 rgb_a,
                            guint32 rgb_b)
{
  return cartable_test_contrast_ratio (luminance_of_rgb (rgb_a), luminance_of_rgb (rgb_b));
}

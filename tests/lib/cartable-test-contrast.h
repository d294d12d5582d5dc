/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The test library, GLib part: contrast of text against its background as
 * WCAG 2 (and so the RGAA, criterion 3.2) measures it. Colours are sRGB
 * components from 0 to 1, opaque (compose any transparency first).
 */

/* The relative luminance of an sRGB colour: 0 for black, 1 for white. */
double cartable_test_relative_luminance (double red,
                                         double green,
                                         double blue);
/* (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: from 1 (same
 * luminance) to 21 (black on white), whatever the order of the two. */
double cartable_test_contrast_ratio     (double luminance_a,
                                         double luminance_b);
/* The ratio between two 8-bit sRGB colours (0xRRGGBB). */
double cartable_test_contrast_rgb       (guint32 rgb_a,
                                         guint32 rgb_b);

/* The ratio WCAG asks of normal text (level AA). */
#define CARTABLE_TEST_MIN_TEXT_CONTRAST 4.5

G_END_DECLS

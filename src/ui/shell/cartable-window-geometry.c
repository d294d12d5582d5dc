/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-window-geometry"

#include "config.h"

#include "cartable-window-geometry.h"

/* Larger than any screen a school has; a bigger value is a damaged setting. */
#define MAX_DIMENSION 16384

/**
 * cartable_window_geometry_sanitize:
 * @width: the stored width, or a value <= 0 when none was stored
 * @height: the stored height, likewise
 * @out_width: (out): the width to open the window with
 * @out_height: (out): the height to open the window with
 *
 * Turns the size remembered in GSettings into one that is safe to restore:
 * unset or absurd values give the default size, and a size below the
 * narrowest layout the window supports is raised to it.
 */
void
cartable_window_geometry_sanitize (int  width,
                                   int  height,
                                   int *out_width,
                                   int *out_height)
{
  g_assert (out_width != NULL);
  g_assert (out_height != NULL);

  if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION)
    {
      *out_width = CARTABLE_WINDOW_DEFAULT_WIDTH;
      *out_height = CARTABLE_WINDOW_DEFAULT_HEIGHT;
      return;
    }

  *out_width = MAX (width, CARTABLE_WINDOW_MIN_WIDTH);
  *out_height = MAX (height, CARTABLE_WINDOW_MIN_HEIGHT);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARTABLE_WINDOW_MIN_WIDTH      360
#define CARTABLE_WINDOW_MIN_HEIGHT     480
#define CARTABLE_WINDOW_DEFAULT_WIDTH  1100
#define CARTABLE_WINDOW_DEFAULT_HEIGHT 720

void cartable_window_geometry_sanitize (int  width,
                                        int  height,
                                        int *out_width,
                                        int *out_height);

G_END_DECLS

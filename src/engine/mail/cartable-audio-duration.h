/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cartable_audio_duration (const guint8 *data,
                                  gsize         length,
                                  gint64       *duration_us);

G_END_DECLS

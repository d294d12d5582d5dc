/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARTABLE_MINUTES_PER_DAY (24 * 60)

/* Whether @minute (minutes since midnight, 0–1439) lies within the quiet
 * hours from @start (included) to @end (excluded), both minutes since
 * midnight; the range may cross midnight (20:00 → 07:00). Equal start and
 * end mean no quiet hours at all; so does @enabled FALSE. Pure function. */
gboolean  cartable_quiet_hours_contains    (gboolean   enabled,
                                            int        start,
                                            int        end,
                                            int        minute);
/* The same for @now in the local time zone. */
gboolean  cartable_quiet_hours_contains_time (gboolean   enabled,
                                              int        start,
                                              int        end,
                                              GDateTime *now);
/* "07:30" for 450. */
char     *cartable_quiet_hours_format      (int        minutes);
/* 450 for "07:30", "7:30", "7h30", "7 h 30" or "7"; -1 when not a time. */
int       cartable_quiet_hours_parse       (const char *text);

G_END_DECLS

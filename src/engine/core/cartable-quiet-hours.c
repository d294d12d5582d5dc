/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-quiet-hours"

#include "config.h"

#include "cartable-quiet-hours.h"

/*
 * Quiet hours: the part of the day when new mail makes no sound and shows
 * no notification. Times are minutes since midnight, as GSettings keeps
 * them.
 */

static int
wrap_minute (int minute)
{
  minute %= CARTABLE_MINUTES_PER_DAY;
  if (minute < 0)
    minute += CARTABLE_MINUTES_PER_DAY;
  return minute;
}

gboolean
cartable_quiet_hours_contains (gboolean enabled,
                               int      start,
                               int      end,
                               int      minute)
{
  if (!enabled)
    return FALSE;

  start = wrap_minute (start);
  end = wrap_minute (end);
  minute = wrap_minute (minute);

  if (start == end)
    return FALSE;
  if (start < end)
    return minute >= start && minute < end;
  /* Across midnight: the evening part or the morning part. */
  return minute >= start || minute < end;
}

gboolean
cartable_quiet_hours_contains_time (gboolean   enabled,
                                    int        start,
                                    int        end,
                                    GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (now != NULL, FALSE);

  local = g_date_time_to_local (now);
  return cartable_quiet_hours_contains (enabled, start, end,
                                        g_date_time_get_hour (local) * 60 +
                                        g_date_time_get_minute (local));
}

char *
cartable_quiet_hours_format (int minutes)
{
  minutes = wrap_minute (minutes);
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

int
cartable_quiet_hours_parse (const char *text)
{
  int hours = 0, minutes = 0, digits = 0;
  const char *p = text;

  g_return_val_if_fail (text != NULL, -1);

  while (g_ascii_isspace (*p))
    p++;
  for (; g_ascii_isdigit (*p); p++, digits++)
    hours = hours * 10 + (*p - '0');
  if (digits == 0 || digits > 2 || hours > 23)
    return -1;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == ':' || *p == 'h' || *p == 'H')
    {
      p++;
      while (g_ascii_isspace (*p))
        p++;
      digits = 0;
      for (; g_ascii_isdigit (*p); p++, digits++)
        minutes = minutes * 10 + (*p - '0');
      if (digits > 2 || minutes > 59)
        return -1;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return -1;

  return hours * 60 + minutes;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-notifier.h"
#include "core/cartable-quiet-hours.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("quiet-hours");

#define AT(h, m) ((h) * 60 + (m))

CARTABLE_TEST ("same-day", test_same_day)
{
  /* 12:00 → 14:00: start included, end excluded. */
  g_assert_false (cartable_quiet_hours_contains (TRUE, AT (12, 0), AT (14, 0), AT (11, 59)));
  g_assert_true (cartable_quiet_hours_contains (TRUE, AT (12, 0), AT (14, 0), AT (12, 0)));
  g_assert_true (cartable_quiet_hours_contains (TRUE, AT (12, 0), AT (14, 0), AT (13, 59)));
  g_assert_false (cartable_quiet_hours_contains (TRUE, AT (12, 0), AT (14, 0), AT (14, 0)));
  g_assert_false (cartable_quiet_hours_contains (TRUE, AT (12, 0), AT (14, 0), AT (0, 0)));
}

CARTABLE_TEST ("across-midnight", test_across_midnight)
{
  /* 20:00 → 07:00, the defaults. */
  g_assert_false (cartable_quiet_hours_contains (TRUE, 1200, 420, AT (19, 59)));
  g_assert_true (cartable_quiet_hours_contains (TRUE, 1200, 420, AT (20, 0)));
  g_assert_true (cartable_quiet_hours_contains (TRUE, 1200, 420, AT (23, 59)));
  g_assert_true (cartable_quiet_hours_contains (TRUE, 1200, 420, AT (0, 0)));
  g_assert_true (cartable_quiet_hours_contains (TRUE, 1200, 420, AT (6, 59)));
  g_assert_false (cartable_quiet_hours_contains (TRUE, 1200, 420, AT (7, 0)));
  g_assert_false (cartable_quiet_hours_contains (TRUE, 1200, 420, AT (12, 0)));
  /* Ending at midnight exactly. */
  g_assert_true (cartable_quiet_hours_contains (TRUE, AT (22, 0), 0, AT (23, 30)));
  g_assert_false (cartable_quiet_hours_contains (TRUE, AT (22, 0), 0, AT (0, 0)));
}

CARTABLE_TEST ("equal-and-disabled", test_equal_and_disabled)
{
  /* Equal start and end: no quiet hours, at any minute. */
  for (int minute = 0; minute < CARTABLE_MINUTES_PER_DAY; minute += 7)
    g_assert_false (cartable_quiet_hours_contains (TRUE, AT (8, 0), AT (8, 0), minute));
  g_assert_false (cartable_quiet_hours_contains (TRUE, AT (8, 0), AT (8, 0), AT (8, 0)));
  /* Switched off: never quiet. */
  for (int minute = 0; minute < CARTABLE_MINUTES_PER_DAY; minute += 7)
    g_assert_false (cartable_quiet_hours_contains (FALSE, 1200, 420, minute));
  /* Out-of-range values wrap around the day. */
  g_assert_true (cartable_quiet_hours_contains (TRUE, 1200, 420, CARTABLE_MINUTES_PER_DAY + 30));
  g_assert_true (cartable_quiet_hours_contains (TRUE, 1200, 420, -30));
}

CARTABLE_TEST ("date-time", test_date_time)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) night = g_date_time_new (zone, 2026, 3, 13, 23, 15, 0);
  g_autoptr(GDateTime) noon = g_date_time_new (zone, 2026, 3, 13, 12, 0, 0);

  g_assert_true (cartable_quiet_hours_contains_time (TRUE, 1200, 420, night));
  g_assert_false (cartable_quiet_hours_contains_time (TRUE, 1200, 420, noon));
  g_assert_false (cartable_quiet_hours_contains_time (FALSE, 1200, 420, night));
}

CARTABLE_TEST ("format-parse", test_format_parse)
{
  g_autofree char *evening = cartable_quiet_hours_format (1200);
  g_autofree char *morning = cartable_quiet_hours_format (450);

  g_assert_cmpstr (evening, ==, "20:00");
  g_assert_cmpstr (morning, ==, "07:30");
  g_assert_cmpint (cartable_quiet_hours_parse ("07:30"), ==, 450);
  g_assert_cmpint (cartable_quiet_hours_parse ("7:30"), ==, 450);
  g_assert_cmpint (cartable_quiet_hours_parse ("7h30"), ==, 450);
  g_assert_cmpint (cartable_quiet_hours_parse (" 7 h 30 "), ==, 450);
  g_assert_cmpint (cartable_quiet_hours_parse ("20"), ==, 1200);
  g_assert_cmpint (cartable_quiet_hours_parse ("20h"), ==, 1200);
  g_assert_cmpint (cartable_quiet_hours_parse ("0:00"), ==, 0);
  g_assert_cmpint (cartable_quiet_hours_parse ("23:59"), ==, 1439);
  g_assert_cmpint (cartable_quiet_hours_parse ("24:00"), ==, -1);
  g_assert_cmpint (cartable_quiet_hours_parse ("7:60"), ==, -1);
  g_assert_cmpint (cartable_quiet_hours_parse ("sept heures"), ==, -1);
  g_assert_cmpint (cartable_quiet_hours_parse (""), ==, -1);
  g_assert_cmpint (cartable_quiet_hours_parse ("7:30 du soir"), ==, -1);
}

CARTABLE_TEST ("notification-text", test_notification_text)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  cartable_mail_notifier_describe (1, "Marie Durand", "Conseil de classe", &title, &body);
  g_assert_cmpstr (title, ==, "Nouveau courriel de Marie Durand");
  g_assert_cmpstr (body, ==, "Conseil de classe");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  cartable_mail_notifier_describe (3, "Marie Durand", "Conseil de classe", &title, &body);
  g_assert_cmpstr (title, ==, "3 nouveaux courriels");
  g_assert_cmpstr (body, ==, "Le dernier de Marie Durand : Conseil de classe");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  cartable_mail_notifier_describe (1, NULL, "", &title, &body);
  g_assert_cmpstr (title, ==, "Nouveau courriel d’un expéditeur inconnu");
  g_assert_cmpstr (body, ==, "(sans objet)");
}

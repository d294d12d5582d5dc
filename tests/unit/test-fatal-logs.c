/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-engine.h"
#include "cartable-test.h"

/*
 * The test library's log writer: any warning or critical ends the run,
 * structured or not, except the ones it names (Camel's failure without an
 * error). Each case runs in a subprocess, which must die or live.
 */

CARTABLE_TEST_PROGRAM ("fatal-logs");

CARTABLE_TEST ("warning-ends-the-run", test_warning_ends_the_run)
{
  if (g_test_subprocess ())
    {
      g_log_structured ("Gtk", G_LOG_LEVEL_WARNING, "MESSAGE", "an unexpected warning");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
}

CARTABLE_TEST ("critical-ends-the-run", test_critical_ends_the_run)
{
  if (g_test_subprocess ())
    {
      g_return_if_fail (g_test_subprocess () == FALSE);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
}

CARTABLE_TEST ("named-warning-tolerated", test_named_warning_tolerated)
{
  if (g_test_subprocess ())
    {
      g_log ("camel", G_LOG_LEVEL_WARNING,
             "CamelIMAPXStore::get_folder_info_sync() reported failure without setting its GError");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

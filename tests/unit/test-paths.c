/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("paths");

CARTABLE_TEST ("dirs-follow-xdg", test_dirs_follow_xdg)
{
  g_autofree char *config = cartable_paths_get_config_dir ();
  g_autofree char *data = cartable_paths_get_data_dir ();
  g_autofree char *cache = cartable_paths_get_cache_dir ();
  g_autofree char *expected_config = g_build_filename (g_get_user_config_dir (), "cartable", NULL);
  g_autofree char *expected_data = g_build_filename (g_get_user_data_dir (), "cartable", NULL);
  g_autofree char *expected_cache = g_build_filename (g_get_user_cache_dir (), "cartable", NULL);

  g_assert_cmpstr (config, ==, expected_config);
  g_assert_cmpstr (data, ==, expected_data);
  g_assert_cmpstr (cache, ==, expected_cache);
}

CARTABLE_TEST ("safe-component", test_safe_component)
{
  const char *safe[] = { "a", "mdurand", "compte 1", "élève", ".cache", "a..b" };
  const char *unsafe[] = { "", ".", "..", "a/b", "../x", "a\\b", "tab\there", "nl\n", "\x7f" };

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    g_assert_true (cartable_paths_is_safe_component (safe[i]));
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    g_assert_false (cartable_paths_is_safe_component (unsafe[i]));
  g_assert_false (cartable_paths_is_safe_component (NULL));
  /* Not UTF-8. */
  g_assert_false (cartable_paths_is_safe_component ("\xff\xfe"));
}

CARTABLE_TEST ("account-dir", test_account_dir)
{
  g_autofree char *config = cartable_paths_get_config_dir ();
  g_autofree char *expected = g_build_filename (config, "accounts", "mdurand", NULL);
  g_autofree char *dir = cartable_paths_get_account_dir ("config", "mdurand");
  g_autofree char *escape = cartable_paths_get_account_dir ("cache", "../../etc");

  g_assert_cmpstr (dir, ==, expected);
  g_assert_null (escape);
}

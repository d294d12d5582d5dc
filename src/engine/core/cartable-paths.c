/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-paths"

#include "config.h"

#include <string.h>

#include "cartable-paths.h"

/*
 * Where Cartable keeps its files. Every function returns a newly allocated
 * path under the XDG base directories, so tests that point XDG_* at a temp
 * dir get an isolated profile.
 */

char *
cartable_paths_get_config_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), PACKAGE_NAME, NULL);
}

char *
cartable_paths_get_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, NULL);
}

char *
cartable_paths_get_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, NULL);
}

/**
 * cartable_paths_is_safe_component:
 * @name: a single path component
 *
 * Whether @name can be used as one component of a path without leaving its
 * parent folder: not empty, not `.` or `..`, no separator, no control
 * character.
 *
 * Returns: %TRUE if @name is safe
 */
gboolean
cartable_paths_is_safe_component (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '\\' || g_ascii_iscntrl (*p))
        return FALSE;
    }

  return g_utf8_validate (name, -1, NULL);
}

/**
 * cartable_paths_get_account_dir:
 * @kind: "config", "data" or "cache"
 * @account_id: the account's identifier
 *
 * The folder that holds one account's files of the given kind.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL if @account_id
 *   cannot be a folder name
 */
char *
cartable_paths_get_account_dir (const char *kind,
                                const char *account_id)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (kind != NULL, NULL);

  if (!cartable_paths_is_safe_component (account_id))
    return NULL;

  if (g_str_equal (kind, "config"))
    base = cartable_paths_get_config_dir ();
  else if (g_str_equal (kind, "data"))
    base = cartable_paths_get_data_dir ();
  else if (g_str_equal (kind, "cache"))
    base = cartable_paths_get_cache_dir ();
  else
    g_return_val_if_reached (NULL);

  return g_build_filename (base, "accounts", account_id, NULL);
}

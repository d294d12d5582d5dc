/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-engine.h"

/**
 * cartable_engine_init:
 *
 * Binds the engine's message catalogue. Safe to call more than once. The
 * catalogue folder can be overridden with CARTABLE_LOCALEDIR so that an
 * uninstalled build (tests, the demo) speaks French too.
 */
void
cartable_engine_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *localedir = g_getenv ("CARTABLE_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialized, 1);
    }
}

const char *
cartable_engine_get_version (void)
{
  return PACKAGE_VERSION;
}

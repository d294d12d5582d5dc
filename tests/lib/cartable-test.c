/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cartable-engine.h"
#include "cartable-test.h"

void
cartable_test_init (int    *argc,
                    char ***argv)
{
  setlocale (LC_ALL, "");
  cartable_engine_init ();
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);
}

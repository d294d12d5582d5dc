/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "shell/cartable-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CartableApplication) app = NULL;

  setlocale (LC_ALL, "");
  cartable_engine_init ();
  textdomain (GETTEXT_PACKAGE);

  app = cartable_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

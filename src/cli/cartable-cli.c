/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cartable-cli.h"

/*
 * cartable-cli: the engine without a window, for scripts, the helpdesk and
 * benchmarks. Each command lives in its own file and registers itself in
 * the table below.
 */

static int
command_version (int    argc,
                 char **argv)
{
  g_print ("%s %s\n", PACKAGE_NAME, cartable_engine_get_version ());
  return EXIT_SUCCESS;
}

static int
command_accounts (int    argc,
                  char **argv)
{
  g_autoptr(CartableAccountStore) store = cartable_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n_accounts;

  if (argc > 1)
    {
      g_printerr (_("The command “%s” takes no argument.\n"), argv[0]);
      return 2;
    }

  if (!cartable_account_store_load (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  n_accounts = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n_accounts == 0)
    {
      g_print ("%s\n", _("No account is set up."));
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_print ("%s\t%s\t%s\n",
               cartable_account_get_id (account),
               cartable_account_get_identifier (account),
               cartable_account_get_email (account) != NULL ? cartable_account_get_email (account) : "");
    }

  return EXIT_SUCCESS;
}

static const CartableCliCommand general_commands[] = {
  { "accounts", command_accounts, NULL, N_("List the accounts set up on this computer") },
  { "version", command_version, NULL, N_("Show the version") },
  { NULL }
};

static const CartableCliCommand *command_tables[] = {
  cartable_cli_account_commands,
  cartable_cli_mail_commands,
  general_commands,
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: cartable-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CartableCliCommand *command = command_tables[t]; command->name != NULL; command++)
      fprintf (stream, "  %-12s %s\n", command->name, _(command->summary));
}

static const CartableCliCommand *
find_command (const char *name)
{
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CartableCliCommand *command = command_tables[t]; command->name != NULL; command++)
      if (g_str_equal (command->name, name))
        return command;

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const CartableCliCommand *command;

  setlocale (LC_ALL, "");
  cartable_engine_init ();
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "help") || g_str_equal (argv[1], "--help") ||
      g_str_equal (argv[1], "-h"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : EXIT_SUCCESS;
    }

  if (g_str_equal (argv[1], "--version"))
    return command_version (argc - 1, argv + 1);

  command = find_command (argv[1]);
  if (command != NULL)
    return command->run (argc - 1, argv + 1);

  g_printerr (_("Unknown command “%s”.\n"), argv[1]);
  print_usage (stderr);
  return 2;
}

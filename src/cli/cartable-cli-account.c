/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-cli-account"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "cartable-cli.h"
#include "account/cartable-account-validate.h"

/*
 * Account commands of cartable-cli: activate (both flows), login, check,
 * recover, change-password and contact. Passwords are read from standard
 * input (without echo on a terminal), never from the command line, and
 * never printed.
 *
 * Exit status: 0 success, 1 failure, 2 usage error, 3 the password is
 * temporary and must be changed (login).
 */

#define EXIT_USAGE 2
#define EXIT_MUST_CHANGE_PASSWORD 3
#define MAX_SECRET_LENGTH 1024

/* ----------------------------------------------------------------- helpers */

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

typedef char CartableSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableSecret, wipe_free)

/* One line of standard input, without echo when it is a terminal. */
static char *
read_secret (const char *prompt)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[MAX_SECRET_LENGTH + 2];
  char *line;
  gsize len;

  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      else
        tty = FALSE;
    }

  line = fgets (buffer, sizeof buffer, stdin);

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fprintf (stderr, "\n");
    }

  if (line == NULL)
    return NULL;

  len = strlen (buffer);
  if (len > 0 && buffer[len - 1] == '\n')
    buffer[--len] = '\0';
  if (len > 0 && buffer[len - 1] == '\r')
    buffer[--len] = '\0';

  line = g_strdup (buffer);
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s\n\n%s", message, help);
  return EXIT_USAGE;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  if (*argc > 1)
    {
      g_printerr (_("Unexpected argument “%s”.\n"), (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}

/* Prints an error the way a user can act on it: the sentence, and what the
 * portal said (its own French sentence, attempts left, waiting time,
 * broken rules, fields). */
static void
print_error (const GError *error)
{
  const char *portal_message = cartable_portal_error_get_portal_message (error);
  const char * const *messages = cartable_portal_error_get_violation_messages (error);
  const char * const *fields = cartable_portal_error_get_fields (error);
  int attempts = cartable_portal_error_get_attempts_left (error);
  int retry = cartable_portal_error_get_retry_after (error);

  g_printerr ("%s\n", error->message);
  if (portal_message != NULL && g_strcmp0 (portal_message, error->message) != 0)
    g_printerr ("  %s\n", portal_message);
  for (guint i = 0; messages != NULL && messages[i] != NULL; i++)
    g_printerr ("  – %s\n", messages[i]);
  if (fields != NULL && fields[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) fields);
      g_printerr (_("  Fields: %s\n"), joined);
    }
  if (attempts >= 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %d attempt left before the account is locked.\n",
                             "  %d attempts left before the account is locked.\n", attempts), attempts);
  if (retry >= 0)
    g_printerr (_("  Try again in %d min %02d s.\n"), retry / 60, retry % 60);
}

typedef struct
{
  char *profile_path;
  char *academy;
} ProfileOptions;

static void
add_profile_options (GOptionContext *context,
                     ProfileOptions *options)
{
  GOptionEntry entries[] = {
    { "academy-profile", 0, 0, G_OPTION_ARG_FILENAME, &options->profile_path,
      N_("Use this academy profile"), N_("FILE") },
    { "academy", 0, 0, G_OPTION_ARG_STRING, &options->academy,
      N_("Use this shipped academy (default: normandie)"), N_("ID") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("academy", _("Academy"), _("Which academy to talk to"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
}

static void
clear_profile_options (ProfileOptions *options)
{
  g_clear_pointer (&options->profile_path, g_free);
  g_clear_pointer (&options->academy, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProfileOptions, clear_profile_options)

static CartableAcademyProfile *
load_profile (ProfileOptions *options,
              const char     *fallback_path,
              const char     *fallback_academy)
{
  g_autoptr(GError) error = NULL;
  const char *path = options->profile_path != NULL ? options->profile_path : fallback_path;
  const char *id = options->academy != NULL ? options->academy : fallback_academy;
  g_autoptr(CartableAcademyCatalogue) catalogue = NULL;
  CartableAcademyProfile *profile;

  if (path != NULL && options->academy == NULL)
    {
      profile = cartable_academy_profile_new_from_file (path, &error);
      if (profile == NULL)
        g_printerr ("%s\n", error->message);
      return profile;
    }

  catalogue = cartable_academy_catalogue_new ();
  if (!cartable_academy_catalogue_load (catalogue, &error))
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }

  profile = cartable_academy_catalogue_lookup (catalogue, id != NULL ? id : "normandie");
  if (profile == NULL)
    {
      g_printerr (_("Cartable has no profile for the academy “%s”; give one with --academy-profile.\n"),
                  id != NULL ? id : "normandie");
      return NULL;
    }

  return g_object_ref (profile);
}

static CartablePortal *
open_portal (CartableAcademyProfile *profile)
{
  g_autoptr(GError) error = NULL;
  CartablePortal *portal = cartable_portal_new_for_profile (profile, &error);

  if (portal == NULL)
    print_error (error);
  return portal;
}

static void
print_account (const CartablePortalAccount *account)
{
  g_print (_("Identifier: %s\n"), account->identifier);
  if (account->email != NULL)
    g_print (_("Address: %s\n"), account->email);
  if (account->display_name != NULL)
    g_print (_("Name: %s\n"), account->display_name);
}

static char *
parse_birth_date (const char *text)
{
  g_autofree char *iso = NULL;
  g_autofree char *problem = NULL;

  if (cartable_validate_birth_date (text, NULL, &iso, &problem) != CARTABLE_VALIDITY_VALID)
    {
      g_printerr (_("The date of birth “%s” is not valid: %s\n"), text,
                  problem != NULL ? problem : _("write it DD/MM/YYYY"));
      return NULL;
    }

  return g_steal_pointer (&iso);
}

/* -------------------------------------------------------------- activate */

static int
command_activate (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(ProfileOptions) profile_options = { 0 };
  g_autofree char *ina = NULL;
  g_autofree char *code = NULL;
  g_autofree char *numen = NULL;
  g_autofree char *birth = NULL;
  gboolean accept_terms = FALSE;
  GOptionEntry entries[] = {
    { "ina", 0, 0, G_OPTION_ARG_STRING, &ina, N_("Your identifier (INA), e.g. mdurand"), N_("ID") },
    { "identifier", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &ina, NULL, NULL },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The one-time activation code from your letter"), N_("CODE") },
    { "numen", 0, 0, G_OPTION_ARG_STRING, &numen, N_("Your NUMEN (staff from another academy)"), N_("NUMEN") },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &birth, N_("Your date of birth"), N_("DD/MM/YYYY") },
    { "accept-terms", 0, 0, G_OPTION_ARG_NONE, &accept_terms, N_("Accept the academy’s terms of use"), NULL },
    { NULL }
  };
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartablePortal) portal = NULL;
  g_autoptr(CartablePortalAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableSecret) password = NULL;
  g_autofree char *iso = NULL;

  g_option_context_set_summary (context, _("Activate your account and choose its password (read from standard input).\n"
                                           "Either --ina, --code and --birth-date, or --numen, --birth-date and --accept-terms."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_profile_options (context, &profile_options);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;

  if (birth == NULL)
    return usage_error (context, _("Give your date of birth with --birth-date."));
  if ((numen != NULL) == (ina != NULL || code != NULL))
    return usage_error (context, _("Give either --ina and --code, or --numen."));
  if (numen == NULL && (ina == NULL || code == NULL))
    return usage_error (context, _("Give both --ina and --code."));

  iso = parse_birth_date (birth);
  if (iso == NULL)
    return EXIT_USAGE;

  profile = load_profile (&profile_options, NULL, NULL);
  if (profile == NULL)
    return EXIT_FAILURE;
  portal = open_portal (profile);
  if (portal == NULL)
    return EXIT_FAILURE;

  password = read_secret (_("New password: "));
  if (password == NULL || *password == '\0')
    {
      g_printerr ("%s\n", _("No password was given on standard input."));
      return EXIT_USAGE;
    }

  if (numen != NULL)
    {
      g_autoptr(CartablePortalTerms) terms = NULL;
      g_autoptr(GAsyncResult) terms_result = NULL;

      cartable_portal_get_terms_async (portal, NULL, store_result_cb, &terms_result);
      terms = cartable_portal_get_terms_finish (portal, wait_for (&terms_result), &error);
      if (terms == NULL)
        {
          print_error (error);
          return EXIT_FAILURE;
        }

      if (!accept_terms)
        {
          g_print ("%s\n\n%s\n\n", terms->title != NULL ? terms->title : "", terms->text);
          g_printerr ("%s\n", _("Read the terms above, then run the command again with --accept-terms."));
        }

      cartable_portal_activate_other_academy_async (portal, numen, iso, accept_terms, terms->version, password,
                                                    NULL, store_result_cb, &result);
      account = cartable_portal_activate_other_academy_finish (portal, wait_for (&result), &error);
    }
  else
    {
      cartable_portal_activate_async (portal, ina, code, iso, password, NULL, store_result_cb, &result);
      account = cartable_portal_activate_finish (portal, wait_for (&result), &error);
    }

  if (account == NULL)
    {
      print_error (error);
      return EXIT_FAILURE;
    }

  g_print ("%s\n", _("Your account is active. Sign in with your identifier and the password you chose."));
  print_account (account);
  return EXIT_SUCCESS;
}

/* ----------------------------------------------------------------- login */

static int
command_login (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(ProfileOptions) profile_options = { 0 };
  g_autofree char *identifier = NULL;
  GOptionEntry entries[] = {
    { "identifier", 0, 0, G_OPTION_ARG_STRING, &identifier, N_("Your identifier, e.g. mdurand"), N_("ID") },
    { NULL }
  };
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartableAccountStore) store = NULL;
  g_autoptr(CartableLoginResult) login = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableSecret) password = NULL;

  g_option_context_set_summary (context, _("Sign in and set the account up on this computer (password read from standard input)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_profile_options (context, &profile_options);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (identifier == NULL)
    return usage_error (context, _("Give your identifier with --identifier."));

  profile = load_profile (&profile_options, NULL, NULL);
  if (profile == NULL)
    return EXIT_FAILURE;

  store = cartable_account_store_new (NULL);
  if (!cartable_account_store_load (store, &error))
    {
      print_error (error);
      return EXIT_FAILURE;
    }

  password = read_secret (_("Password: "));
  if (password == NULL || *password == '\0')
    {
      g_printerr ("%s\n", _("No password was given on standard input."));
      return EXIT_USAGE;
    }

  cartable_login_async (profile, store, identifier, password, NULL, store_result_cb, &result);
  login = cartable_login_finish (wait_for (&result), &error);
  if (login == NULL)
    {
      print_error (error);
      return EXIT_FAILURE;
    }

  if (login->must_change_password)
    {
      g_printerr ("%s\n", _("Your password is temporary: choose a new one with “cartable-cli change-password” "
                            "before anything else."));
      return EXIT_MUST_CHANGE_PASSWORD;
    }

  g_print (_("Signed in: the account %s is set up on this computer.\n"),
           cartable_account_get_display_name (login->account));
  return EXIT_SUCCESS;
}

/* --------------------------------------------------------- change-password */

static int
command_change_password (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(ProfileOptions) profile_options = { 0 };
  g_autofree char *identifier = NULL;
  GOptionEntry entries[] = {
    { "identifier", 0, 0, G_OPTION_ARG_STRING, &identifier, N_("Your identifier, e.g. mdurand"), N_("ID") },
    { NULL }
  };
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartableAccountStore) store = NULL;
  g_autoptr(CartableLoginResult) login = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableSecret) current = NULL;
  g_autoptr(CartableSecret) new_password = NULL;

  g_option_context_set_summary (context, _("Change your password, then sign in with the new one. Standard input gives "
                                           "the current password on its first line and the new one on the second."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_profile_options (context, &profile_options);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (identifier == NULL)
    return usage_error (context, _("Give your identifier with --identifier."));

  profile = load_profile (&profile_options, NULL, NULL);
  if (profile == NULL)
    return EXIT_FAILURE;

  store = cartable_account_store_new (NULL);
  if (!cartable_account_store_load (store, &error))
    {
      print_error (error);
      return EXIT_FAILURE;
    }

  current = read_secret (_("Current password: "));
  new_password = read_secret (_("New password: "));
  if (current == NULL || new_password == NULL || *current == '\0' || *new_password == '\0')
    {
      g_printerr ("%s\n", _("Give the current and the new password on standard input, one per line."));
      return EXIT_USAGE;
    }

  cartable_login_change_password_async (profile, store, identifier, current, new_password, NULL,
                                        store_result_cb, &result);
  login = cartable_login_finish (wait_for (&result), &error);
  if (login == NULL)
    {
      print_error (error);
      return EXIT_FAILURE;
    }

  g_print ("%s\n", _("Your password is changed."));
  if (login->account != NULL)
    g_print (_("Signed in: the account %s is set up on this computer.\n"),
             cartable_account_get_display_name (login->account));
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------- recover */

static int
command_recover (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(ProfileOptions) profile_options = { 0 };
  g_autofree char *identifier = NULL;
  g_autofree char *numen = NULL;
  g_autofree char *birth = NULL;
  GOptionEntry entries[] = {
    { "identifier", 0, 0, G_OPTION_ARG_STRING, &identifier, N_("Your identifier, e.g. mdurand"), N_("ID") },
    { "numen", 0, 0, G_OPTION_ARG_STRING, &numen, N_("Your NUMEN"), N_("NUMEN") },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &birth, N_("Your date of birth"), N_("DD/MM/YYYY") },
    { NULL }
  };
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartablePortal) portal = NULL;
  g_autoptr(CartablePortalRecovery) recovery = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  g_option_context_set_summary (context, _("Ask for a new activation code after losing yours."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_profile_options (context, &profile_options);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (identifier == NULL || numen == NULL || birth == NULL)
    return usage_error (context, _("Give --identifier, --numen and --birth-date."));

  iso = parse_birth_date (birth);
  if (iso == NULL)
    return EXIT_USAGE;

  profile = load_profile (&profile_options, NULL, NULL);
  if (profile == NULL)
    return EXIT_FAILURE;
  portal = open_portal (profile);
  if (portal == NULL)
    return EXIT_FAILURE;

  cartable_portal_recover_async (portal, identifier, numen, iso, NULL, store_result_cb, &result);
  recovery = cartable_portal_recover_finish (portal, wait_for (&result), &error);
  if (recovery == NULL)
    {
      print_error (error);
      return EXIT_FAILURE;
    }

  if (recovery->school != NULL && recovery->school->name != NULL)
    g_print (_("A new activation code has been sent to the secretariat of %s; ask them for it.\n"),
             recovery->school->name);
  else
    g_print ("%s\n", _("A new activation code has been sent to your school’s secretariat; ask them for it."));
  if (recovery->code_expires_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (recovery->code_expires_at);
      g_autofree char *date = g_date_time_format (local, "%d/%m/%Y");

      g_print (_("The code is valid until %s.\n"), date);
    }
  return EXIT_SUCCESS;
}

/* ---------------------------------------------------------------- contact */

static int
command_contact (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(ProfileOptions) profile_options = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *service = NULL;
  g_autofree char *subject = NULL;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "list-services", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the services you can write to"), NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Your name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Your e-mail address, for the answer"), N_("ADDRESS") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service, N_("The service to write to"), N_("ID") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartablePortal) portal = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Write to the academy without an account (the message is read from standard input)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_profile_options (context, &profile_options);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (!list && (name == NULL || email == NULL || service == NULL || subject == NULL))
    return usage_error (context, _("Give --name, --email, --service and --subject, or --list-services."));

  profile = load_profile (&profile_options, NULL, NULL);
  if (profile == NULL)
    return EXIT_FAILURE;
  portal = open_portal (profile);
  if (portal == NULL)
    return EXIT_FAILURE;

  if (list)
    {
      g_autoptr(GPtrArray) services = NULL;

      cartable_portal_list_services_async (portal, NULL, store_result_cb, &result);
      services = cartable_portal_list_services_finish (portal, wait_for (&result), &error);
      if (services == NULL)
        {
          print_error (error);
          return EXIT_FAILURE;
        }
      for (guint i = 0; i < services->len; i++)
        {
          CartablePortalService *item = g_ptr_array_index (services, i);
          g_print ("%s\t%s\n", item->id, item->name);
        }
      return EXIT_SUCCESS;
    }
  else
    {
      g_autoptr(GString) message = g_string_new (NULL);
      g_autoptr(CartablePortalTicket) ticket = NULL;
      char buffer[4096];
      gsize n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0 && message->len < 64 * 1024)
        g_string_append_len (message, buffer, n);

      cartable_portal_contact_async (portal, name, email, service, subject, g_strstrip (message->str), NULL,
                                     store_result_cb, &result);
      ticket = cartable_portal_contact_finish (portal, wait_for (&result), &error);
      if (ticket == NULL)
        {
          print_error (error);
          return EXIT_FAILURE;
        }

      g_print (_("Your message was delivered. Ticket number: %s\n"), ticket->ticket);
      return EXIT_SUCCESS;
    }
}

/* ------------------------------------------------------------------ check */

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
command_check (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(ProfileOptions) profile_options = { 0 };
  g_autofree char *account_id = NULL;
  g_autofree char *identifier = NULL;
  gboolean no_password = FALSE;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_id,
      N_("Check the servers of this account (password from the keyring)"), N_("ID") },
    { "identifier", 0, 0, G_OPTION_ARG_STRING, &identifier,
      N_("Check with this identifier (password read from standard input)"), N_("ID") },
    { "no-password", 0, 0, G_OPTION_ARG_NONE, &no_password,
      N_("Do not try to sign in, only reach the servers"), NULL },
    { NULL }
  };
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartableAccountStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableSecret) password = NULL;
  g_autofree char *table = NULL;
  const char *email = NULL;
  CartableAccount *account = NULL;
  gboolean all_ok = TRUE;

  g_option_context_set_summary (context, _("Test each server of an account or academy: name, connection, "
                                           "certificate and sign-in. Exits with 1 if a server fails."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_profile_options (context, &profile_options);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (account_id != NULL && identifier != NULL)
    return usage_error (context, _("Give --account or --identifier, not both."));

  if (account_id != NULL)
    {
      store = cartable_account_store_new (NULL);
      if (!cartable_account_store_load (store, &error))
        {
          print_error (error);
          return EXIT_FAILURE;
        }
      account = cartable_account_store_lookup (store, account_id);
      if (account == NULL)
        {
          g_printerr (_("No account named %s is set up.\n"), account_id);
          return EXIT_FAILURE;
        }
      identifier = g_strdup (cartable_account_get_identifier (account));
      email = cartable_account_get_email (account);
    }

  profile = load_profile (&profile_options,
                          account != NULL ? cartable_account_get_profile_path (account) : NULL,
                          account != NULL ? cartable_account_get_academy_id (account) : NULL);
  if (profile == NULL)
    return EXIT_FAILURE;

  if (!no_password && account != NULL)
    {
      char *stored;

      cartable_credentials_lookup_async (cartable_account_get_id (account), NULL, NULL, lookup_cb, &result);
      stored = cartable_credentials_lookup_finish (wait_for (&result), &error);
      g_clear_object (&result);
      /* libsecret's own allocation: copy it, then free it its way. */
      password = g_strdup (stored);
      secret_password_free (stored);
      if (error != NULL)
        {
          print_error (error);
          return EXIT_FAILURE;
        }
      if (password == NULL)
        g_printerr ("%s\n", _("No password is saved for this account: sign-in is not tested."));
    }
  else if (!no_password && identifier != NULL)
    {
      password = read_secret (_("Password: "));
      if (password != NULL && *password == '\0')
        g_clear_pointer (&password, wipe_free);
    }

  g_print (_("Checking the servers of %s…\n\n"), cartable_academy_profile_get_name (profile));

  cartable_profile_check_async (profile, identifier, email, password, NULL, store_result_cb, &result);
  rows = cartable_profile_check_finish (wait_for (&result), &error);
  if (rows == NULL)
    {
      print_error (error);
      return EXIT_FAILURE;
    }

  table = cartable_check_format_table (rows);
  g_print ("%s", table);

  for (guint i = 0; i < rows->len; i++)
    all_ok &= cartable_check_row_is_ok (g_ptr_array_index (rows, i));

  g_print ("\n%s\n", all_ok ? _("Every server is reachable.") : _("At least one server has a problem (see above)."));
  return all_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

const CartableCliCommand cartable_cli_account_commands[] = {
  { "activate", command_activate, NULL, N_("Activate your account (with your code, or your NUMEN)") },
  { "login", command_login, NULL, N_("Sign in and set the account up on this computer") },
  { "change-password", command_change_password, NULL, N_("Change your password") },
  { "recover", command_recover, NULL, N_("Ask for a new activation code") },
  { "contact", command_contact, NULL, N_("Write to the academy without an account") },
  { "check", command_check, NULL, N_("Test the servers of an account or academy") },
  { NULL }
};

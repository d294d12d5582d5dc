/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-cli-send"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cartable-cli-send.h"
#include "academy/cartable-academy-profile.h"
#include "mail/cartable-composer.h"
#include "mail/cartable-mail-session.h"
#include "mail/cartable-outbox.h"

/*
 * cartable-cli send / outbox: queue a message in the account's outbox and
 * run the outbox worker until nothing due is left or the server cannot be
 * reached.
 *
 * Exit status: 0 sent (or scheduled); 1 error (the message, if queued,
 * stays in the outbox); 2 bad usage; 75 (CARTABLE_CLI_EXIT_QUEUED) the
 * server did not answer: the message waits in the outbox.
 */

typedef struct
{
  char *profile;
  char *identifier;
  char *email;
  char *name;
  gboolean password_stdin;
} AccountOptions;

static void
account_options_clear (AccountOptions *options)
{
  g_free (options->profile);
  g_free (options->identifier);
  g_free (options->email);
  g_free (options->name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountOptions, account_options_clear)

static GOptionEntry *
account_option_entries (AccountOptions *options)
{
  GOptionEntry entries[] = {
    { "academy-profile", 0, 0, G_OPTION_ARG_FILENAME, &options->profile,
      N_("The academy profile"), N_("FILE") },
    { "identifier", 0, 0, G_OPTION_ARG_STRING, &options->identifier,
      N_("The academic identifier (login)"), N_("ID") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &options->email,
      N_("The account’s e-mail address (the sender)"), N_("ADDRESS") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &options->name,
      N_("The sender’s name"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &options->password_stdin,
      N_("Read the password from the first line of standard input (else from CARTABLE_PASSWORD)"), NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

static char *
password_cb (const char *account_id,
             gpointer    user_data)
{
  return g_strdup (user_data);
}

static CartableMailSecurity
security_from_socket (CartableSocketType type)
{
  switch (type)
    {
    case CARTABLE_SOCKET_TYPE_TLS:
      return CARTABLE_MAIL_SECURITY_TLS;
    case CARTABLE_SOCKET_TYPE_STARTTLS:
      return CARTABLE_MAIL_SECURITY_STARTTLS;
    case CARTABLE_SOCKET_TYPE_PLAIN:
    default:
      return CARTABLE_MAIL_SECURITY_NONE;
    }
}

static char *
read_password_line (void)
{
  char buffer[1024];
  gsize len;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';
  return g_strdup (buffer);
}

/* The session with one account, from the profile, and its outbox. */
static CartableOutbox *
open_outbox (AccountOptions       *options,
             CartableMailSession **out_session,
             GError              **error)
{
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartableMailAccountConfig) config = NULL;
  g_autoptr(CartableMailSession) session = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *password = NULL;
  g_autofree char *imap_user = NULL;
  const CartableServer *imap;
  const CartableServer *smtp;
  CartableOutbox *outbox;

  if (options->profile == NULL || options->identifier == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give --academy-profile and --identifier."));
      return NULL;
    }

  profile = cartable_academy_profile_new_from_file (options->profile, error);
  if (profile == NULL)
    return NULL;

  imap = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_IMAP);
  smtp = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_SMTP);
  if (imap == NULL || smtp == NULL)
    {
      g_set_error_literal (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID,
                           _("The academy profile names no mail servers."));
      return NULL;
    }

  if (options->password_stdin)
    password = read_password_line ();
  else
    password = g_strdup (g_getenv ("CARTABLE_PASSWORD"));

  data_dir = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "mail", NULL);
  cache_dir = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, "mail", NULL);
  session = cartable_mail_session_new (data_dir, cache_dir);
  if (password != NULL)
    cartable_mail_session_set_password_func (session, password_cb, g_steal_pointer (&password), g_free);

  imap_user = cartable_academy_profile_dup_username (profile, CARTABLE_SERVER_KIND_IMAP,
                                                     options->identifier, options->email);
  config = cartable_mail_account_config_new (options->identifier, imap_user,
                                             options->email != NULL ? options->email : "");
  if (options->name != NULL)
    cartable_mail_account_config_set_display_name (config, options->name);
  cartable_mail_account_config_set_imap (config, imap->hostname, imap->port, security_from_socket (imap->socket_type));
  cartable_mail_account_config_set_smtp (config, smtp->hostname, smtp->port, security_from_socket (smtp->socket_type));
  if (cartable_academy_profile_get_ca_file (profile) != NULL)
    cartable_mail_account_config_set_ca_file (config, cartable_academy_profile_get_ca_file (profile));
  if (!cartable_mail_session_add_account (session, config, error))
    return NULL;

  outbox = cartable_outbox_new (session, options->identifier, error);
  if (outbox == NULL)
    return NULL;

  *out_session = g_steal_pointer (&session);
  return outbox;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the worker until nothing due is left. Returns the exit status. */
static int
flush_outbox (CartableOutbox *outbox,
              gboolean        quiet_success)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sent = 0;

  cartable_outbox_flush_async (outbox, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!cartable_outbox_flush_finish (outbox, result, &n_sent, &error))
    {
      if (g_error_matches (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_UNREACHABLE))
        {
          g_print ("%s\n", _("Message placed in the outbox; it will leave as soon as the server answers."));
          g_printerr ("%s\n", error->message);
          return CARTABLE_CLI_EXIT_QUEUED;
        }
      g_printerr (_("The messages could not be sent: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (!quiet_success)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u message sent.\n", "%u messages sent.\n", n_sent), n_sent);
  return EXIT_SUCCESS;
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) date = NULL;

  if (unix_time <= 0)
    return g_strdup ("-");
  date = g_date_time_new_from_unix_local (unix_time);
  return g_date_time_format (date, "%Y-%m-%d %H:%M:%S");
}

static int
report_item (CartableOutbox     *outbox,
             const char         *id)
{
  CartableOutboxItem *item = cartable_outbox_lookup (outbox, id);

  if (item == NULL)
    {
      g_print ("%s\n", _("Message sent."));
      return EXIT_SUCCESS;
    }

  switch (cartable_outbox_item_get_state (item))
    {
    case CARTABLE_OUTBOX_STATE_SENT:
      g_print ("%s\n", _("Message sent."));
      return EXIT_SUCCESS;
    case CARTABLE_OUTBOX_STATE_QUEUED:
      {
        g_autofree char *when = format_time (cartable_outbox_item_get_send_at (item));

        if (cartable_outbox_item_get_send_at (item) > g_get_real_time () / G_USEC_PER_SEC)
          {
            g_print (_("Message scheduled for %s (outbox id %s).\n"), when, id);
            return EXIT_SUCCESS;
          }
        g_print ("%s\n", _("Message placed in the outbox; it will leave as soon as the server answers."));
        return CARTABLE_CLI_EXIT_QUEUED;
      }
    case CARTABLE_OUTBOX_STATE_SENDING:
    case CARTABLE_OUTBOX_STATE_UNCERTAIN:
    case CARTABLE_OUTBOX_STATE_FAILED:
    default:
      g_printerr ("%s", cartable_outbox_state_describe (cartable_outbox_item_get_state (item)));
      if (cartable_outbox_item_get_last_error (item) != NULL)
        g_printerr (" (%s)", cartable_outbox_item_get_last_error (item));
      g_printerr ("\n");
      return EXIT_FAILURE;
    }
}

static GMimeMessage *
read_message_from_stdin (GError **error)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_file_new (stdin);
  g_autoptr(GMimeParser) parser = NULL;
  GMimeMessage *message;

  g_mime_stream_file_set_owner (GMIME_STREAM_FILE (stream), FALSE);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  if (message == NULL)
    g_set_error_literal (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID,
                         _("Standard input does not hold a message."));
  return message;
}

static gboolean
parse_send_time (const char *at,
                 gint64      delay,
                 gint64     *send_at,
                 GError    **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  *send_at = delay > 0 ? now + delay : 0;
  if (at != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (at, local);

      if (date == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a date and time such as 2026-03-03T14:05:00."), at);
          return FALSE;
        }
      *send_at = g_date_time_to_unix (date);
    }

  return TRUE;
}

int
cartable_cli_send (int    argc,
                   char **argv)
{
  g_auto(AccountOptions) account = { 0 };
  g_auto(GStrv) to = NULL;
  g_auto(GStrv) cc = NULL;
  g_auto(GStrv) bcc = NULL;
  g_auto(GStrv) attachments = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *html_file = NULL;
  g_autofree char *at = NULL;
  gint64 delay = 0;
  gint64 send_at = 0;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &to, N_("A recipient (repeat for more)"), N_("ADDRESS") },
    { "cc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cc, N_("A recipient in copy"), N_("ADDRESS") },
    { "bcc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bcc, N_("A hidden recipient"), N_("ADDRESS") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("The text of the message"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Read the text of the message from a file"), N_("FILE") },
    { "html-file", 0, 0, G_OPTION_ARG_FILENAME, &html_file, N_("An HTML version of the text"), N_("FILE") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attachments, N_("Attach a file (repeat for more)"), N_("PATH") },
    { "delay", 0, 0, G_OPTION_ARG_INT64, &delay, N_("Wait this many seconds before sending (time to undo)"), N_("SECONDS") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Send at this date and time"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree GOptionEntry *account_entries = account_option_entries (&account);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(CartableMailSession) session = NULL;
  g_autoptr(CartableOutbox) outbox = NULL;
  CartableOutboxItem *item;
  g_autofree char *id = NULL;
  int status;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Sends a message through the outbox: from the options, or a whole message "
                                  "read from standard input when no --to is given."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 sent or scheduled; 1 error; 2 bad usage; "
                                      "75 the server did not answer and the message waits in the outbox. "
                                      "A message held back with --delay or --at waits in the outbox: it leaves "
                                      "with the application, or with “cartable-cli outbox --flush” once its time "
                                      "has come."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, account_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_send_time (at, delay, &send_at, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (_("Unexpected argument “%s”.\n"), argv[1]);
      return 2;
    }

  g_mime_init ();
  if (to == NULL && cc == NULL && bcc == NULL)
    {
      if (account.password_stdin)
        {
          g_printerr ("%s\n", _("A message on standard input needs the password in CARTABLE_PASSWORD."));
          return 2;
        }
      message = read_message_from_stdin (&error);
      if (message != NULL && account.email == NULL)
        {
          InternetAddressList *from = g_mime_message_get_from (message);

          if (from != NULL && internet_address_list_length (from) > 0 &&
              INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (from, 0)))
            account.email = g_strdup (internet_address_mailbox_get_addr (
              INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (from, 0))));
        }
    }
  else
    {
      g_autoptr(CartableComposer) composer = cartable_composer_new ();
      static const GMimeAddressType types[] = { GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC, GMIME_ADDRESS_TYPE_BCC };
      char **lists[] = { to, cc, bcc };

      cartable_composer_set_from (composer, account.name, account.email);
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        if (lists[i] != NULL)
          {
            g_autofree char *joined = g_strjoinv (", ", lists[i]);
            cartable_composer_set_recipients (composer, types[i], joined);
          }
      cartable_composer_set_subject (composer, subject != NULL ? subject : "");
      if (body_file != NULL)
        {
          g_free (body);
          body = NULL;
          if (!g_file_get_contents (body_file, &body, NULL, &error))
            goto failed;
        }
      if (body != NULL && !g_utf8_validate (body, -1, NULL))
        {
          g_set_error_literal (&error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                               _("The text of the message is not UTF-8."));
          goto failed;
        }
      cartable_composer_set_body (composer, body != NULL ? body : "");
      if (html_file != NULL)
        {
          g_autofree char *html = NULL;

          if (!g_file_get_contents (html_file, &html, NULL, &error))
            goto failed;
          cartable_composer_set_html_body (composer, html);
        }
      for (guint i = 0; attachments != NULL && attachments[i] != NULL; i++)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (attachments[i]);

          if (!cartable_composer_add_attachment_file (composer, file, NULL, &error))
            goto failed;
        }
      message = cartable_composer_build (composer, &error);
    }
  if (message == NULL)
    goto failed;

  outbox = open_outbox (&account, &session, &error);
  if (outbox == NULL)
    goto failed;

  item = cartable_outbox_queue (outbox, message, send_at, &error);
  if (item == NULL)
    goto failed;
  id = g_strdup (cartable_outbox_item_get_id (item));
  g_printerr (_("Queued as %s.\n"), id);

  if (send_at > g_get_real_time () / G_USEC_PER_SEC)
    return report_item (outbox, id);

  status = flush_outbox (outbox, TRUE);
  if (status != EXIT_SUCCESS)
    return status;
  return report_item (outbox, id);

failed:
  g_printerr (_("The message could not be sent: %s\n"), error->message);
  return EXIT_FAILURE;
}

int
cartable_cli_outbox (int    argc,
                     char **argv)
{
  g_auto(AccountOptions) account = { 0 };
  gboolean flush = FALSE;
  g_autofree char *discard = NULL;
  g_autofree char *resend = NULL;
  GOptionEntry entries[] = {
    { "flush", 0, 0, G_OPTION_ARG_NONE, &flush, N_("Send now what is due"), NULL },
    { "discard", 0, 0, G_OPTION_ARG_STRING, &discard, N_("Remove a message that has not left"), N_("ID") },
    { "resend", 0, 0, G_OPTION_ARG_STRING, &resend, N_("Queue again an uncertain or refused message"), N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree GOptionEntry *account_entries = account_option_entries (&account);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailSession) session = NULL;
  g_autoptr(CartableOutbox) outbox = NULL;
  GListModel *items;
  int status = EXIT_SUCCESS;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Lists the outbox: id, state, time to send, subject, recipients. "
                                  "A message whose sending was interrupted is “uncertain”: it may already "
                                  "have been sent and is never resent without --resend."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 done; 1 error; 2 bad usage; "
                                      "75 the server did not answer and the messages wait in the outbox."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, account_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (_("Unexpected argument “%s”.\n"), argv[1]);
      return 2;
    }

  g_mime_init ();
  outbox = open_outbox (&account, &session, &error);
  if (outbox == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (discard != NULL && !cartable_outbox_cancel (outbox, discard, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (resend != NULL && !cartable_outbox_resend (outbox, resend, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (flush || resend != NULL)
    status = flush_outbox (outbox, FALSE);

  items = cartable_outbox_get_items (outbox);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (items, i);
      g_autofree char *when = format_time (cartable_outbox_item_get_send_at (item));
      CartableOutboxState state = cartable_outbox_item_get_state (item);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n",
               cartable_outbox_item_get_id (item),
               cartable_outbox_state_to_string (state),
               when,
               cartable_outbox_item_get_subject (item) ? cartable_outbox_item_get_subject (item) : "",
               cartable_outbox_item_get_recipients (item) ? cartable_outbox_item_get_recipients (item) : "",
               cartable_outbox_state_describe (state));
    }

  return status;
}

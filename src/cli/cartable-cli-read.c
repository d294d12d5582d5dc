/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-cli-mail"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "academy/cartable-academy-profile.h"
#include "account/cartable-credentials.h"
#include "cartable-cli-read.h"

/*
 * The read side of the mail engine on the command line: sync, folders,
 * list, read, search. The account comes either from an academy profile and
 * an identifier (--academy-profile FILE --identifier ID; the password from
 * standard input with --password-stdin, else from CARTABLE_PASSWORD), or
 * from an account set up on this computer (--account ID; the password from
 * the keyring, else CARTABLE_PASSWORD). --offline works from the cache.
 *
 * Exit status: 0 success, 1 error, 2 bad usage, 3 authentication refused,
 * 4 certificate or TLS refused, 5 server unreachable.
 */

enum {
  EXIT_AUTH = 3,
  EXIT_TLS = 4,
  EXIT_UNREACHABLE = 5,
};

typedef struct
{
  char     *profile;
  char     *identifier;
  char     *email;
  char     *account;
  char     *folder;
  gboolean  password_stdin;
  gboolean  offline;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->profile);
  g_free (options->identifier);
  g_free (options->email);
  g_free (options->account);
  g_free (options->folder);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
add_account_entries (GOptionContext *context,
                     Options        *options)
{
  GOptionEntry entries[] = {
    { "academy-profile", 0, 0, G_OPTION_ARG_FILENAME, &options->profile,
      N_("The academy profile"), N_("FILE") },
    { "identifier", 0, 0, G_OPTION_ARG_STRING, &options->identifier,
      N_("The academic identifier (login)"), N_("ID") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &options->email,
      N_("The account’s e-mail address"), N_("ADDRESS") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &options->account,
      N_("An account set up on this computer, instead of a profile"), N_("ID") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &options->password_stdin,
      N_("Read the password from the first line of standard input (else from CARTABLE_PASSWORD)"), NULL },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &options->offline,
      N_("Work from the local copy, without connecting"), NULL },
    { "folder", 'f', 0, G_OPTION_ARG_STRING, &options->folder,
      N_("The folder (default: INBOX)"), N_("FOLDER") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("account", _("Account options:"),
                                            _("Show the account options"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
}

static int
exit_status_for (const GError *error)
{
  if (g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH) ||
      g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_PASSWORD))
    return EXIT_AUTH;
  if (g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_CERTIFICATE) ||
      g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_TLS) ||
      g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INSECURE))
    return EXIT_TLS;
  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
      cartable_mail_error_is_unavailable (error))
    return EXIT_UNREACHABLE;
  return EXIT_FAILURE;
}

static int
fail (const GError *error)
{
  g_printerr ("cartable-cli: %s\n", error->message);
  return exit_status_for (error);
}

/* ------------------------------------------------------------------ running async calls */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* ------------------------------------------------------------------ session */

static char *
password_cb (const char *account_id,
             gpointer    user_data)
{
  return g_strdup (user_data);
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

typedef struct
{
  CartableMailSession *session;
  char                *account_id;
} Context;

static void
context_clear (Context *ctx)
{
  g_clear_object (&ctx->session);
  g_free (ctx->account_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

static gboolean
open_context (Options  *options,
              Context  *ctx,
              GError  **error)
{
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartableMailAccountConfig) config = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *password = NULL;
  g_autofree char *imap_user = NULL;
  g_autofree char *profile_path = NULL;
  g_autofree char *identifier = NULL;
  g_autofree char *email = NULL;
  const CartableServer *imap;
  const CartableServer *smtp;

  if (options->account != NULL)
    {
      g_autoptr(CartableAccountStore) accounts = cartable_account_store_new (NULL);
      CartableAccount *account;

      if (!cartable_account_store_load (accounts, error))
        return FALSE;
      account = cartable_account_store_lookup (accounts, options->account);
      if (account == NULL || cartable_account_get_profile_path (account) == NULL)
        {
          g_set_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT,
                       _("No account “%s” with an academy profile is set up."), options->account);
          return FALSE;
        }
      profile_path = g_strdup (cartable_account_get_profile_path (account));
      identifier = g_strdup (cartable_account_get_identifier (account));
      email = g_strdup (cartable_account_get_email (account));

      if (!options->offline)
        {
          g_autoptr(GAsyncResult) result = NULL;
          char *secret;

          cartable_credentials_lookup_async (options->account, NULL, NULL, result_cb, &result);
          secret = cartable_credentials_lookup_finish (wait_result (&result), NULL);
          if (secret != NULL)
            {
              password = g_strdup (secret);
              secret_password_free (secret);
            }
        }
    }
  else if (options->profile != NULL && options->identifier != NULL)
    {
      profile_path = g_strdup (options->profile);
      identifier = g_strdup (options->identifier);
      email = g_strdup (options->email);
    }
  else
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give --academy-profile and --identifier, or --account."));
      return FALSE;
    }

  profile = cartable_academy_profile_new_from_file (profile_path, error);
  if (profile == NULL)
    return FALSE;

  imap = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_IMAP);
  smtp = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_SMTP);
  if (imap == NULL)
    {
      g_set_error_literal (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID,
                           _("The academy profile names no mail servers."));
      return FALSE;
    }

  if (password == NULL && !options->offline)
    {
      if (options->password_stdin)
        password = read_password_line ();
      else
        password = g_strdup (g_getenv ("CARTABLE_PASSWORD"));
    }

  data_dir = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "mail", NULL);
  cache_dir = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, "mail", NULL);
  ctx->session = cartable_mail_session_new (data_dir, cache_dir);
  if (password != NULL)
    cartable_mail_session_set_password_func (ctx->session, password_cb, g_steal_pointer (&password), g_free);

  imap_user = cartable_academy_profile_dup_username (profile, CARTABLE_SERVER_KIND_IMAP, identifier, email);
  config = cartable_mail_account_config_new (identifier, imap_user, email != NULL ? email : "");
  cartable_mail_account_config_set_imap (config, imap->hostname, imap->port,
                                         security_from_socket (imap->socket_type));
  if (smtp != NULL)
    cartable_mail_account_config_set_smtp (config, smtp->hostname, smtp->port,
                                           security_from_socket (smtp->socket_type));
  if (cartable_academy_profile_get_ca_file (profile) != NULL)
    cartable_mail_account_config_set_ca_file (config, cartable_academy_profile_get_ca_file (profile));
  if (!cartable_mail_session_add_account (ctx->session, config, error))
    return FALSE;

  ctx->account_id = g_strdup (identifier);

  if (!options->offline)
    {
      g_autoptr(GAsyncResult) result = NULL;

      cartable_mail_session_set_online_async (ctx->session, identifier, TRUE, NULL, result_cb, &result);
      if (!cartable_mail_session_set_online_finish (ctx->session, wait_result (&result), error))
        return FALSE;
    }
  else
    {
      g_autoptr(GAsyncResult) result = NULL;

      cartable_mail_session_set_online_async (ctx->session, identifier, FALSE, NULL, result_cb, &result);
      if (!cartable_mail_session_set_online_finish (ctx->session, wait_result (&result), error))
        return FALSE;
    }

  return TRUE;
}

static CartableMailFolder *
open_folder (Context     *ctx,
             const char  *full_name,
             GError     **error)
{
  g_autoptr(CartableFolderTree) tree = cartable_folder_tree_new_for_account (ctx->session, ctx->account_id);
  g_autoptr(GAsyncResult) result = NULL;

  cartable_mail_folder_open_async (tree, full_name != NULL ? full_name : "INBOX", NULL,
                                   result_cb, &result);
  return cartable_mail_folder_open_finish (wait_result (&result), error);
}

static gboolean
load_list (CartableMessageList  *list,
           gboolean              from_server,
           GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_message_list_load_async (list, from_server, NULL, result_cb, &result);
  return cartable_message_list_load_finish (list, wait_result (&result), error);
}

/* Lets background work end before the session goes. */
static void
settle (CartableMessageList *list)
{
  while (list != NULL && cartable_message_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GOptionContext *
new_option_context (const char *parameter,
                    const char *summary,
                    Options    *options)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  add_account_entries (context, options);
  return context;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("cartable-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (unix_time);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("—");
}

static void
print_summary (CartableMessageSummary *summary)
{
  g_autofree char *date = format_date (cartable_message_summary_get_date (summary));
  guint count = cartable_message_summary_get_thread_count (summary);
  g_autofree char *thread = count > 1 ? g_strdup_printf (" (%u)", count) : g_strdup ("");

  g_print ("%s\t%s\t%c%c%c\t%s\t%s%s\n",
           cartable_message_summary_get_uid (summary),
           date,
           cartable_message_summary_get_seen (summary) ? ' ' : 'N',
           cartable_message_summary_get_flagged (summary) ? '!' : ' ',
           cartable_message_summary_get_has_attachment (summary) ? '@' : ' ',
           cartable_message_summary_get_from (summary) ? cartable_message_summary_get_from (summary) : "",
           cartable_message_summary_get_subject (summary) ? cartable_message_summary_get_subject (summary) : "",
           thread);
}

/* ------------------------------------------------------------------ sync */

static void
progress_cb (CartableMessageList *list,
             GParamSpec          *pspec,
             const char          *folder)
{
  double progress = cartable_message_list_get_progress (list);

  if (progress >= 0)
    {
      g_printerr ("\r");
      /* Translators: %s is a folder, %d a percentage */
      g_printerr (_("Synchronising %s… %d %%"), folder, (int) (progress * 100 + 0.5));
    }
}

int
cartable_cli_sync (int    argc,
                   char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Context) ctx = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailFolder) folder = NULL;
  g_autoptr(CartableMessageList) list = NULL;
  g_autoptr(CartableFolderTree) tree = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CartableFolderItem *item;
  const char *full_name;
  gint64 start;

  context = new_option_context (NULL, _("Synchronise a folder with the server, showing progress."), &options);
  if (!parse_options (context, &argc, &argv))
    return 2;
  if (options.offline)
    {
      g_printerr ("cartable-cli: %s\n", _("sync needs the network: --offline makes no sense here."));
      return 2;
    }

  start = g_get_monotonic_time ();
  if (!open_context (&options, &ctx, &error))
    return fail (error);

  full_name = options.folder != NULL ? options.folder : "INBOX";
  folder = open_folder (&ctx, full_name, &error);
  if (folder == NULL)
    return fail (error);

  list = cartable_mail_folder_new_message_list (folder);
  g_signal_connect (list, "notify::progress", G_CALLBACK (progress_cb), (gpointer) full_name);
  if (!load_list (list, TRUE, &error))
    {
      g_printerr ("\n");
      return fail (error);
    }
  g_printerr ("\r\033[K");

  tree = cartable_folder_tree_new_for_account (ctx.session, ctx.account_id);
  cartable_folder_tree_refresh_async (tree, TRUE, NULL, result_cb, &result);
  if (!cartable_folder_tree_refresh_finish (tree, wait_result (&result), &error))
    return fail (error);

  item = cartable_folder_tree_find (tree, full_name);
  g_print (_("%s: %u messages, %d unread, synchronised in %.2f s\n"),
           full_name,
           g_list_model_get_n_items (G_LIST_MODEL (list)),
           item != NULL ? cartable_folder_item_get_unread (item) : (int) cartable_mail_folder_get_unread_count (folder),
           (g_get_monotonic_time () - start) / 1e6);

  settle (list);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ folders */

int
cartable_cli_folders (int    argc,
                      char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Context) ctx = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableFolderTree) tree = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  context = new_option_context (NULL, _("List the folders with their unread and total counts."), &options);
  if (!parse_options (context, &argc, &argv))
    return 2;
  if (!open_context (&options, &ctx, &error))
    return fail (error);

  tree = cartable_folder_tree_new_for_account (ctx.session, ctx.account_id);
  cartable_folder_tree_refresh_async (tree, !options.offline, NULL, result_cb, &result);
  if (!cartable_folder_tree_refresh_finish (tree, wait_result (&result), &error))
    return fail (error);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
    {
      g_autoptr(CartableFolderItem) item = g_list_model_get_item (G_LIST_MODEL (tree), i);
      g_autofree char *indent = g_strnfill (2 * cartable_folder_item_get_depth (item), ' ');
      int unread = cartable_folder_item_get_unread (item);
      int total = cartable_folder_item_get_total (item);

      g_print ("%s%s\t%d\t%d\t%s\n", indent, cartable_folder_item_get_display_name (item),
               MAX (unread, 0), MAX (total, 0), cartable_folder_item_get_full_name (item));
    }

  settle (NULL);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ list */

static int
print_list (CartableMessageList *list,
            int                  limit)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n && (limit <= 0 || i < (guint) limit); i++)
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      print_summary (summary);
    }
  return EXIT_SUCCESS;
}

int
cartable_cli_list (int    argc,
                   char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Context) ctx = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailFolder) folder = NULL;
  g_autoptr(CartableMessageList) list = NULL;
  gboolean threads = FALSE;
  gboolean unread = FALSE;
  int limit = 50;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N messages (0: all)"), N_("N") },
    { "threads", 0, 0, G_OPTION_ARG_NONE, &threads, N_("One line per conversation"), NULL },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Unread messages only"), NULL },
    { NULL }
  };

  context = new_option_context (NULL, _("List a folder’s messages, newest first: uid, date, flags (N unread, ! flagged, @ attachment), sender, subject."), &options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return 2;
  if (!open_context (&options, &ctx, &error))
    return fail (error);

  folder = open_folder (&ctx, options.folder, &error);
  if (folder == NULL)
    return fail (error);

  list = cartable_mail_folder_new_message_list (folder);
  cartable_message_list_set_threaded (list, threads);
  if (unread)
    {
      g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();

      cartable_search_query_set_unread_only (query, TRUE);
      cartable_message_list_set_query (list, query);
    }
  if (!load_list (list, !options.offline, &error))
    return fail (error);

  print_list (list, limit);
  settle (list);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ read */

int
cartable_cli_read (int    argc,
                   char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Context) ctx = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailFolder) folder = NULL;
  g_autoptr(CartableMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *save_dir = NULL;
  gboolean html = FALSE;
  gboolean mark_read = FALSE;
  GListModel *attachments;
  GOptionEntry entries[] = {
    { "html", 0, 0, G_OPTION_ARG_NONE, &html, N_("Print the HTML body instead of the text"), NULL },
    { "save-attachments", 0, 0, G_OPTION_ARG_FILENAME, &save_dir,
      N_("Save the attachments into this folder (never over an existing file)"), N_("FOLDER") },
    { "mark-read", 0, 0, G_OPTION_ARG_NONE, &mark_read, N_("Mark the message as read"), NULL },
    { NULL }
  };

  context = new_option_context (_("UID"), _("Show one message: headers, body and attachments."), &options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      g_printerr ("cartable-cli: %s\n", _("Give the uid of one message (see “list”)."));
      return 2;
    }
  if (!open_context (&options, &ctx, &error))
    return fail (error);

  folder = open_folder (&ctx, options.folder, &error);
  if (folder == NULL)
    return fail (error);

  cartable_mail_folder_load_message_async (folder, argv[1], NULL, result_cb, &result);
  message = cartable_mail_folder_load_message_finish (folder, wait_result (&result), &error);
  if (message == NULL)
    return fail (error);

  g_print ("%s %s\n", _("From:"), cartable_message_get_from (message) ? cartable_message_get_from (message) : "");
  g_print ("%s %s\n", _("To:"), cartable_message_get_to (message) ? cartable_message_get_to (message) : "");
  if (cartable_message_get_cc (message))
    g_print ("%s %s\n", _("Cc:"), cartable_message_get_cc (message));
  if (cartable_message_get_date (message))
    {
      g_autofree char *date = g_date_time_format (cartable_message_get_date (message), "%Y-%m-%d %H:%M %z");

      g_print ("%s %s\n", _("Date:"), date);
    }
  g_print ("%s %s\n\n", _("Subject:"), cartable_message_get_subject (message) ? cartable_message_get_subject (message) : "");

  if (html && cartable_message_get_html_body (message))
    g_print ("%s\n", cartable_message_get_html_body (message));
  else if (cartable_message_get_text_body (message))
    g_print ("%s\n", cartable_message_get_text_body (message));
  else if (cartable_message_get_html_body (message))
    g_print ("%s\n", _("(This message has only an HTML body: use --html.)"));

  attachments = cartable_message_get_attachments (message);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(CartableAttachment) attachment = g_list_model_get_item (attachments, i);
      g_autofree char *size = g_format_size (cartable_attachment_get_size (attachment));

      g_print ("%s %s (%s, %s)%s\n", _("Attachment:"),
               cartable_attachment_get_safe_filename (attachment),
               cartable_attachment_get_mime_type (attachment), size,
               cartable_attachment_get_is_inline (attachment) ? _(" — inline") : "");

      if (save_dir != NULL)
        {
          g_autoptr(GFile) dir = g_file_new_for_commandline_arg (save_dir);
          g_autoptr(GAsyncResult) saved_result = NULL;
          g_autoptr(GFile) saved = NULL;

          cartable_attachment_save_async (attachment, dir, NULL, result_cb, &saved_result);
          saved = cartable_attachment_save_finish (attachment, wait_result (&saved_result), &error);
          if (saved == NULL)
            return fail (error);
          g_print ("  → %s\n", g_file_peek_path (saved));
        }
    }

  if (mark_read)
    {
      const char *uids[] = { argv[1], NULL };
      g_autoptr(GAsyncResult) mark_result = NULL;

      cartable_mail_folder_apply_async (folder, uids, CARTABLE_MAIL_ACTION_MARK_READ, NULL,
                                        result_cb, &mark_result);
      if (!cartable_mail_folder_apply_finish (folder, wait_result (&mark_result), &error))
        return fail (error);
    }

  settle (NULL);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ search */

/* Newest first, like the list. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 date_a = cartable_message_summary_get_date (*(CartableMessageSummary * const *) a);
  gint64 date_b = cartable_message_summary_get_date (*(CartableMessageSummary * const *) b);

  return (date_a < date_b) - (date_a > date_b);
}

static gint64
parse_day (const char  *text,
           gboolean     end_of_day,
           GError     **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (text == NULL)
    return 0;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (dt = g_date_time_new (tz, y, m, d, end_of_day ? 23 : 0, end_of_day ? 59 : 0, end_of_day ? 59 : 0)) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date like 2026-11-29."), text);
      return -1;
    }
  return g_date_time_to_unix (dt);
}

int
cartable_cli_search (int    argc,
                     char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Context) ctx = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailFolder) folder = NULL;
  g_autoptr(CartableSearchQuery) query = cartable_search_query_new ();
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *from = NULL, *to = NULL, *subject = NULL, *body = NULL, *after = NULL, *before = NULL;
  g_autofree char *text = NULL;
  gboolean attachment = FALSE, unread = FALSE, complete = TRUE;
  gint64 after_time = 0, before_time = 0;
  g_autoptr(GPtrArray) rows = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Sender contains"), N_("TEXT") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Recipient (To or Cc) contains"), N_("TEXT") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("Subject contains"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("Body contains (searched on the server when online)"), N_("TEXT") },
    { "after", 0, 0, G_OPTION_ARG_STRING, &after, N_("On or after this day"), N_("YYYY-MM-DD") },
    { "before", 0, 0, G_OPTION_ARG_STRING, &before, N_("On or before this day"), N_("YYYY-MM-DD") },
    { "attachment", 0, 0, G_OPTION_ARG_NONE, &attachment, N_("With attachments only"), NULL },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Unread messages only"), NULL },
    { NULL }
  };

  context = new_option_context (_("[WORD…]"), _("Search a folder; words match the sender, recipients and subject, ignoring case and accents."), &options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return 2;

  after_time = parse_day (after, FALSE, &error);
  if (after_time >= 0)
    before_time = parse_day (before, TRUE, &error);
  if (error != NULL)
    {
      g_printerr ("cartable-cli: %s\n", error->message);
      return 2;
    }

  if (argc > 1)
    text = g_strjoinv (" ", argv + 1);
  cartable_search_query_set_text (query, text);
  cartable_search_query_set_from (query, from);
  cartable_search_query_set_to (query, to);
  cartable_search_query_set_subject (query, subject);
  cartable_search_query_set_body (query, body);
  cartable_search_query_set_date_range (query, after_time, before_time);
  cartable_search_query_set_has_attachment (query, attachment);
  cartable_search_query_set_unread_only (query, unread);

  if (!open_context (&options, &ctx, &error))
    return fail (error);
  folder = open_folder (&ctx, options.folder, &error);
  if (folder == NULL)
    return fail (error);

  if (!options.offline)
    {
      g_autoptr(CartableMessageList) list = cartable_mail_folder_new_message_list (folder);

      /* Bring the cached headers up to date first. */
      if (!load_list (list, TRUE, &error))
        return fail (error);
      settle (list);
    }

  cartable_mail_folder_search_async (folder, query, NULL, result_cb, &result);
  uids = cartable_mail_folder_search_finish (folder, wait_result (&result), &complete, &error);
  if (uids == NULL)
    return fail (error);
  if (!complete)
    g_printerr ("%s\n", _("Some messages could not have their text searched: they are not on this "
                          "computer and the server could not be asked. Search again once connected."));

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < uids->len; i++)
    {
      CartableMessageSummary *summary = cartable_mail_folder_dup_summary (folder, uids->pdata[i]);

      if (summary != NULL)
        g_ptr_array_add (rows, summary);
    }
  g_ptr_array_sort (rows, compare_newest_first);
  for (guint i = 0; i < rows->len; i++)
    print_summary (rows->pdata[i]);

  settle (NULL);
  return rows->len > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

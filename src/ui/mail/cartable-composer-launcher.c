/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-composer-launcher"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-composer-launcher.h"
#include "shell/cartable-toast.h"
#include "mail/cartable-address-completion.h"
#include "mail/cartable-composer-format.h"
#include "mail/cartable-conversation.h"
#include "mail/cartable-folder-tree.h"
#include "mail/cartable-gmime-autoptr.h"
#include "mail/cartable-mail-actions.h"
#include "mail/cartable-mail-folder.h"
#include "mail/cartable-message-list.h"
#include "mail/cartable-mail-controller.h"
#include "mail/cartable-outbox-view.h"

/*
 * The composer windows opened for new messages, replies and forwards, and
 * for drafts an earlier run left unsent. The outbox and the drafts they
 * write to belong to the account's session.
 */

/**
 * cartable_composer_launcher_find_sessions:
 * @widget: a widget of a window
 *
 * Returns: (transfer none) (nullable): the sessions the window of @widget
 *   was given (its "sessions" property)
 */
CartableSessions *
cartable_composer_launcher_find_sessions (GtkWidget *widget)
{
  g_autoptr(CartableSessions) sessions = NULL;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (root == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (root), "sessions") == NULL)
    return NULL;
  g_object_get (root, "sessions", &sessions, NULL);
  /* The window keeps its sessions as long as it lives. */
  return sessions;
}

/**
 * cartable_composer_launcher_dup_outboxes:
 *
 * Returns: (transfer full): a #GListModel of the #CartableOutbox of every
 *   account set up, in the accounts' order
 */
GListModel *
cartable_composer_launcher_dup_outboxes (CartableSessions *sessions)
{
  GListStore *outboxes = g_list_store_new (CARTABLE_TYPE_OUTBOX);

  g_return_val_if_fail (CARTABLE_IS_SESSIONS (sessions), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sessions)); i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (G_LIST_MODEL (sessions), i);
      CartableOutbox *outbox = cartable_account_session_get_outbox (session);

      if (outbox != NULL)
        g_list_store_append (outboxes, outbox);
    }
  return G_LIST_MODEL (outboxes);
}

/* The session of @account_id with its outbox, or NULL with @error set. */
static CartableAccountSession *
lookup_writable (CartableSessions  *sessions,
                 const char        *account_id,
                 GError           **error)
{
  CartableAccountSession *session = cartable_sessions_lookup (sessions, account_id);

  if (session == NULL || cartable_account_session_get_outbox (session) == NULL)
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT,
                           _("There is no account to send from."));
      return NULL;
    }
  return session;
}

/* The account a reply comes from: the one the original was sent to, else
 * the first. */
static CartableAccount *
choose_account (CartableSessions *sessions,
                CartableMessage  *original)
{
  GListModel *store = G_LIST_MODEL (cartable_sessions_get_store (sessions));
  g_autofree char *recipients = NULL;

  if (g_list_model_get_n_items (store) == 0)
    return NULL;

  if (original != NULL)
    {
      g_autofree char *joined = g_strjoin (",", cartable_message_get_to (original) ?: "",
                                           cartable_message_get_cc (original) ?: "", NULL);

      recipients = g_ascii_strdown (joined, -1);
      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        {
          g_autoptr(CartableAccount) account = g_list_model_get_item (store, i);
          g_autofree char *email = g_ascii_strdown (cartable_account_get_email (account), -1);

          if (strstr (recipients, email) != NULL)
            return g_steal_pointer (&account);
        }
    }

  return g_list_model_get_item (store, 0);
}

/* ------------------------------------------------------------ known addresses */

/* The newest messages of a folder read for addresses: enough for the people
 * one writes to, little work with a large folder. */
#define KNOWN_ADDRESSES_MAX_MESSAGES 2000

typedef struct
{
  GWeakRef             window;
  CartableMessageList *list;
} KnownAddressesData;

static void
known_addresses_data_free (KnownAddressesData *data)
{
  g_weak_ref_clear (&data->window);
  g_clear_object (&data->list);
  g_free (data);
}

static void
known_list_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  KnownAddressesData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableComposerWindow) window = NULL;

  if (!cartable_message_list_load_finish (CARTABLE_MESSAGE_LIST (source), result, &error))
    g_debug ("known addresses: %s", error->message);
  else if ((window = g_weak_ref_get (&data->window)) != NULL)
    {
      g_autoptr(GHashTable) table = cartable_address_completion_table_new ();
      guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (data->list)), KNOWN_ADDRESSES_MAX_MESSAGES);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (data->list), i);

          cartable_address_completion_add (table, cartable_message_summary_get_from (summary));
          cartable_address_completion_add (table, cartable_message_summary_get_to (summary));
          cartable_address_completion_add (table, cartable_message_summary_get_cc (summary));
        }
      cartable_composer_window_add_known_addresses (window, table);
    }
  known_addresses_data_free (data);
}

static void
known_folder_opened_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  KnownAddressesData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailFolder) folder = cartable_mail_folder_open_finish (result, &error);

  if (folder == NULL)
    {
      g_debug ("known addresses: %s", error->message);
      known_addresses_data_free (data);
      return;
    }
  data->list = cartable_mail_folder_new_message_list (folder);
  cartable_message_list_set_threaded (data->list, FALSE);
  /* The cached headers only: nothing is asked of the server. */
  cartable_message_list_load_async (data->list, FALSE, NULL, known_list_loaded_cb, data);
}

/* Offers in @window's address fields the senders and recipients of the
 * account's Inbox and Sent folders, as cached. */
static void
gather_known_addresses (CartableAccountSession *session,
                        CartableComposerWindow *window)
{
  CartableFolderTree *tree = cartable_account_session_get_folder_tree (session);
  CartableFolderRole roles[] = { CARTABLE_FOLDER_ROLE_INBOX, CARTABLE_FOLDER_ROLE_SENT };

  if (tree == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      CartableFolderItem *item = cartable_folder_tree_find_role (tree, roles[i]);
      KnownAddressesData *data;

      if (item == NULL)
        continue;
      data = g_new0 (KnownAddressesData, 1);
      g_weak_ref_init (&data->window, window);
      cartable_mail_folder_open_async (tree, cartable_folder_item_get_full_name (item),
                                       NULL, known_folder_opened_cb, data);
    }
}

static guint64
get_max_message_size (CartableAccount *account)
{
  const char *path = cartable_account_get_profile_path (account);
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return 0;
  profile = cartable_academy_profile_new_from_file (path, &error);
  if (profile == NULL)
    return 0;
  return cartable_academy_profile_get_max_message_size (profile);
}

static GMimeMessage *
parse_message (CartableMessage *message)
{
  GBytes *raw = cartable_message_get_raw (message);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;

  if (raw == NULL)
    return NULL;
  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  parser = g_mime_parser_new_with_stream (stream);
  return g_mime_parser_construct_message (parser, NULL);
}

/* A composer window on @composer, writing to @session's outbox and drafts. */
static CartableComposerWindow *
present_composer (CartableAccountSession *session,
                  GtkWindow              *parent,
                  CartableComposer       *composer)
{
  CartableComposerWindow *window;

  window = cartable_composer_window_new (parent, composer, cartable_account_session_get_outbox (session),
                                         cartable_account_session_get_drafts (session),
                                         get_max_message_size (cartable_account_session_get_account (session)));
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gather_known_addresses (session, window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/**
 * cartable_composer_launcher_compose:
 * @parent: (nullable): the main window
 * @kind: new message, reply, reply to all, forward
 * @original: (nullable): the message answered or forwarded
 *
 * Opens a composer window from the right account.
 *
 * Returns: (transfer none) (nullable): the window, shown; %NULL with
 *   @error set when there is no account or its outbox cannot be opened
 */
CartableComposerWindow *
cartable_composer_launcher_compose (CartableSessions     *sessions,
                                    GtkWindow            *parent,
                                    CartableComposeKind   kind,
                                    CartableMessage      *original,
                                    GError              **error)
{
  g_autoptr(CartableAccount) account = NULL;
  g_autoptr(CartableComposer) composer = NULL;
  g_autoptr(GMimeMessage) mime = NULL;
  CartableAccountSession *session;

  g_return_val_if_fail (CARTABLE_IS_SESSIONS (sessions), NULL);
  g_return_val_if_fail (kind == CARTABLE_COMPOSE_NEW || CARTABLE_IS_MESSAGE (original), NULL);

  account = choose_account (sessions, kind == CARTABLE_COMPOSE_NEW ? NULL : original);
  if (account == NULL)
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT, _("There is no account to send from."));
      return NULL;
    }
  session = lookup_writable (sessions, cartable_account_get_id (account), error);
  if (session == NULL)
    return NULL;

  if (kind != CARTABLE_COMPOSE_NEW)
    {
      mime = parse_message (original);
      if (mime == NULL)
        {
          g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID, _("The message could not be read."));
          return NULL;
        }
    }

  switch (kind)
    {
    case CARTABLE_COMPOSE_NEW:
      composer = cartable_composer_new ();
      break;
    case CARTABLE_COMPOSE_REPLY:
    case CARTABLE_COMPOSE_REPLY_ALL:
      composer = cartable_composer_new_reply (mime, cartable_account_get_email (account), kind == CARTABLE_COMPOSE_REPLY_ALL);
      break;
    case CARTABLE_COMPOSE_FORWARD:
    default:
      composer = cartable_composer_new_forward (mime);
      break;
    }
  cartable_composer_set_from (composer, cartable_account_get_display_name (account), cartable_account_get_email (account));
  if (cartable_account_get_signature (account) != NULL)
    {
      g_autofree char *body = cartable_composer_format_signed_body (cartable_composer_get_body (composer),
                                                                    cartable_account_get_signature (account));

      cartable_composer_set_body (composer, body);
    }

  return present_composer (session, parent, composer);
}

/* The drafts of @account_id's session (in *@session), or NULL with @error. */
static CartableDrafts *
lookup_drafts (CartableSessions        *sessions,
               const char              *account_id,
               CartableAccountSession **session,
               GError                 **error)
{
  CartableDrafts *drafts;

  *session = lookup_writable (sessions, account_id, error);
  if (*session == NULL)
    return NULL;
  drafts = cartable_account_session_get_drafts (*session);
  if (drafts == NULL)
    g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT, _("There is no account to send from."));
  return drafts;
}

/**
 * cartable_composer_launcher_open_draft:
 * @parent: (nullable): the main window
 * @account_id: the account the draft belongs to
 * @draft_id: a draft of cartable_drafts_get_restorable()
 *
 * Opens a composer on a draft an earlier run left unsent, and saves it at
 * once on the server too, so that it is not offered again.
 *
 * Returns: (transfer none): the composer window, or %NULL with @error set
 */
CartableComposerWindow *
cartable_composer_launcher_open_draft (CartableSessions  *sessions,
                                       GtkWindow         *parent,
                                       const char        *account_id,
                                       const char        *draft_id,
                                       GError           **error)
{
  g_autoptr(CartableComposer) composer = NULL;
  CartableAccountSession *session;
  CartableDrafts *drafts;

  g_return_val_if_fail (CARTABLE_IS_SESSIONS (sessions), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (draft_id != NULL, NULL);

  drafts = lookup_drafts (sessions, account_id, &session, error);
  if (drafts == NULL)
    return NULL;
  composer = cartable_drafts_restore (drafts, draft_id, error);
  if (composer == NULL)
    return NULL;
  cartable_drafts_save_now (drafts, composer);

  return present_composer (session, parent, composer);
}

/**
 * cartable_composer_launcher_resume_draft:
 * @parent: (nullable): the main window
 * @account_id: the account whose Drafts folder holds @draft
 * @draft: a message of that folder
 *
 * « Reprendre »: opens a composer on a draft of the server, with its
 * recipients, subject, text and attachments. Saving it again replaces
 * that draft; sending it removes it.
 *
 * Returns: (transfer none): the composer window, or %NULL with @error set
 */
CartableComposerWindow *
cartable_composer_launcher_resume_draft (CartableSessions  *sessions,
                                         GtkWindow         *parent,
                                         const char        *account_id,
                                         CartableMessage   *draft,
                                         GError           **error)
{
  g_autoptr(CartableComposer) composer = NULL;
  g_autoptr(GMimeMessage) mime = NULL;
  CartableAccountSession *session;
  CartableDrafts *drafts;

  g_return_val_if_fail (CARTABLE_IS_SESSIONS (sessions), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (CARTABLE_IS_MESSAGE (draft), NULL);

  drafts = lookup_drafts (sessions, account_id, &session, error);
  if (drafts == NULL)
    return NULL;
  mime = parse_message (draft);
  if (mime == NULL)
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID, _("The message could not be read."));
      return NULL;
    }
  composer = cartable_drafts_resume (drafts, mime, error);
  if (composer == NULL)
    return NULL;

  return present_composer (session, parent, composer);
}

/**
 * cartable_composer_launcher_show_outbox:
 * @parent: (nullable): the window the outbox belongs to
 *
 * Shows the messages waiting in the outbox of every account.
 */
void
cartable_composer_launcher_show_outbox (CartableSessions *sessions,
                                        GtkWindow        *parent)
{
  g_autoptr(GListModel) outboxes = NULL;

  g_return_if_fail (CARTABLE_IS_SESSIONS (sessions));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  outboxes = cartable_composer_launcher_dup_outboxes (sessions);
  gtk_window_present (GTK_WINDOW (cartable_outbox_view_new (parent, outboxes)));
}

/* ------------------------------------------------------------ the main view */

static void
show_toast (GtkWidget  *view,
            const char *text)
{
  cartable_toast_show (view, adw_toast_new (text));
}

/* A composer for the message open in @view; with @resume, that message is
 * a draft written on (« Reprendre »), and @kind does not count. */
static void
compose (GtkWidget           *view,
         CartableComposeKind  kind,
         gboolean             resume)
{
  CartableSessions *sessions = cartable_composer_launcher_find_sessions (view);
  g_autoptr(CartableMailController) controller = NULL;
  CartableConversationCard *card;
  CartableMessage *message;
  GtkRoot *root = gtk_widget_get_root (view);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (sessions == NULL)
    return;
  /* The message of the conversation's card holding the keyboard, else
   * the message open, which the view's controller knows. */
  g_object_get (view, "controller", &controller, NULL);
  /* A draft is resumed from the message open (drafts are not threaded). */
  card = resume ? NULL : cartable_conversation_find_focused_card (view);
  message = card != NULL ? cartable_conversation_card_get_message (card) : NULL;
  if (message == NULL && controller != NULL)
    message = cartable_mail_controller_get_message (controller);
  if (resume && (message == NULL || !cartable_mail_controller_get_message_is_draft (controller)))
    {
      show_toast (view, _("Only a draft can be resumed: open it in the Drafts folder."));
      return;
    }
  if (kind != CARTABLE_COMPOSE_NEW && message == NULL)
    {
      show_toast (view, _("Choose a message first."));
      return;
    }

  if (resume &&
      cartable_composer_launcher_resume_draft (sessions, parent, cartable_mail_controller_get_account_id (controller),
                                               message, &error) == NULL)
    text = g_strdup_printf (_("Cannot resume the draft: %s"), error->message);
  else if (!resume && cartable_composer_launcher_compose (sessions, parent, kind, message, &error) == NULL)
    text = g_strdup_printf (_("Cannot write a message: %s"), error->message);
  if (text != NULL)
    show_toast (view, text);
}

static void
new_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_NEW, FALSE);
}

static void
reply_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_REPLY, FALSE);
}

static void
reply_all_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_REPLY_ALL, FALSE);
}

static void
forward_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_FORWARD, FALSE);
}

/* « Reprendre »: the draft open in the view, in a composer. */
static void
resume_draft_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_REPLY, TRUE);
}

static void
outbox_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWidget *view = user_data;
  CartableSessions *sessions = cartable_composer_launcher_find_sessions (view);
  GtkRoot *root = gtk_widget_get_root (view);

  if (sessions != NULL)
    cartable_composer_launcher_show_outbox (sessions, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static const GActionEntry compose_entries[] = {
  { "new", new_action, NULL, NULL, NULL, { 0 } },
  { "reply", reply_action, NULL, NULL, NULL, { 0 } },
  { "reply-all", reply_all_action, NULL, NULL, NULL, { 0 } },
  { "forward", forward_action, NULL, NULL, NULL, { 0 } },
  { "resume-draft", resume_draft_action, NULL, NULL, NULL, { 0 } },
  { "outbox", outbox_action, NULL, NULL, NULL, { 0 } },
};

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action)));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * cartable_composer_launcher_install:
 * @main_view: the full mail view (any widget with a `controller` property:
 *   the #CartableMailController whose message a reply answers)
 *
 * Gives the main view the "compose." actions (new, reply, reply-all,
 * forward, resume-draft, outbox) with their shortcuts (Ctrl+N, Ctrl+R,
 * Ctrl+Shift+R, Ctrl+L, Ctrl+E) and puts « Écrire » and « Boîte d’envoi » buttons at the start of
 * the message list's header bar.
 */
void
cartable_composer_launcher_install (GtkWidget *main_view)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkEventController *controller;
  GtkWidget *header;

  g_return_if_fail (GTK_IS_WIDGET (main_view));

  g_action_map_add_action_entries (G_ACTION_MAP (group), compose_entries, G_N_ELEMENTS (compose_entries), main_view);
  gtk_widget_insert_action_group (main_view, "compose", G_ACTION_GROUP (group));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_n, GDK_CONTROL_MASK, "compose.new");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_r, GDK_CONTROL_MASK, "compose.reply");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "compose.reply-all");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_l, GDK_CONTROL_MASK, "compose.forward");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_e, GDK_CONTROL_MASK, "compose.resume-draft");
  gtk_widget_add_controller (main_view, controller);

  /* The header bar of the message list's pane: on screen in every width. */
  header = NULL;
  {
    GtkWidget *list = find_widget (main_view, GTK_TYPE_LIST_VIEW);

    for (GtkWidget *pane = list; pane != NULL && header == NULL; pane = gtk_widget_get_parent (pane))
      header = find_widget (pane, ADW_TYPE_HEADER_BAR);
  }
  if (header == NULL)
    header = find_widget (main_view, ADW_TYPE_HEADER_BAR);
  if (header != NULL)
    {
      GtkWidget *outbox = gtk_button_new_from_icon_name ("mail-send-symbolic");
      GtkWidget *write = gtk_button_new_from_icon_name ("mail-message-new-symbolic");

      gtk_actionable_set_action_name (GTK_ACTIONABLE (write), "compose.new");
      gtk_widget_set_tooltip_text (write, _("Write a Message (Ctrl+N)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (write), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Write a message"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (outbox), "compose.outbox");
      gtk_widget_set_tooltip_text (outbox, _("Outbox"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (outbox), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outbox"), -1);
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), write);
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), outbox);
    }
}

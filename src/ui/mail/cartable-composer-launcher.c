/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-composer-launcher"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-composer-launcher.h"
#include "shell/cartable-toast.h"
#include "mail/cartable-address-completion.h"
#include "mail/cartable-composer-format.h"
#include "mail/cartable-folder-tree.h"
#include "mail/cartable-gmime-autoptr.h"
#include "mail/cartable-mail-actions.h"
#include "mail/cartable-message-list.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-outbox-view.h"

/*
 * What writing needs from the accounts: per account, its outbox (started
 * as soon as the account is online, so that messages scheduled in an
 * earlier run leave on time) and its drafts; and the composer windows
 * opened for new messages, replies and forwards. One launcher per
 * CartableMailAccounts, kept on it.
 */

struct _CartableComposerLauncher
{
  GObject               parent_instance;

  CartableMailAccounts *accounts;   /* not owned: the launcher lives on it */
  GHashTable           *offered;    /* account ids whose unsent drafts were offered */
  GHashTable           *outboxes;   /* account id → CartableOutbox */
  GHashTable           *drafts;     /* account id → CartableDrafts */
};

G_DEFINE_FINAL_TYPE (CartableComposerLauncher, cartable_composer_launcher, G_TYPE_OBJECT)

static void
cartable_composer_launcher_finalize (GObject *object)
{
  CartableComposerLauncher *self = CARTABLE_COMPOSER_LAUNCHER (object);
  GHashTableIter iter;
  gpointer outbox;

  g_hash_table_iter_init (&iter, self->outboxes);
  while (g_hash_table_iter_next (&iter, NULL, &outbox))
    cartable_outbox_set_running (outbox, FALSE);
  g_clear_pointer (&self->outboxes, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->offered, g_hash_table_unref);

  G_OBJECT_CLASS (cartable_composer_launcher_parent_class)->finalize (object);
}

static void
cartable_composer_launcher_class_init (CartableComposerLauncherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cartable_composer_launcher_finalize;
}

static void
cartable_composer_launcher_init (CartableComposerLauncher *self)
{
  self->outboxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
account_changed_cb (CartableMailAccounts     *accounts,
                    const char               *account_id,
                    CartableComposerLauncher *self)
{
  g_autoptr(GError) error = NULL;

  if (g_hash_table_contains (self->outboxes, account_id) ||
      !cartable_mail_accounts_get_online (accounts, account_id))
    return;
  if (cartable_composer_launcher_get_outbox (self, account_id, &error) == NULL)
    g_warning ("outbox of %s: %s", account_id, error->message);
}

/**
 * cartable_composer_launcher_get_for_accounts:
 *
 * Returns: (transfer none): the launcher of @accounts, made on first call
 */
CartableComposerLauncher *
cartable_composer_launcher_get_for_accounts (CartableMailAccounts *accounts)
{
  CartableComposerLauncher *self;

  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (accounts), NULL);

  self = g_object_get_data (G_OBJECT (accounts), "cartable-composer-launcher");
  if (self != NULL)
    return self;

  self = g_object_new (CARTABLE_TYPE_COMPOSER_LAUNCHER, NULL);
  self->accounts = accounts;
  g_object_set_data_full (G_OBJECT (accounts), "cartable-composer-launcher", self, g_object_unref);
  g_signal_connect_object (accounts, "account-changed", G_CALLBACK (account_changed_cb), self, 0);

  /* Accounts already online. */
  {
    GListModel *store = G_LIST_MODEL (cartable_mail_accounts_get_store (accounts));

    for (guint i = 0; i < g_list_model_get_n_items (store); i++)
      {
        g_autoptr(CartableAccount) account = g_list_model_get_item (store, i);
        account_changed_cb (accounts, cartable_account_get_id (account), self);
      }
  }
  return self;
}

/* ------------------------------------------------------------ refusals */

static GListModel *
dup_outboxes (CartableComposerLauncher *self)
{
  GListStore *outboxes = g_list_store_new (CARTABLE_TYPE_OUTBOX);
  GListModel *store = G_LIST_MODEL (cartable_mail_accounts_get_store (self->accounts));

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (store, i);
      CartableOutbox *outbox = g_hash_table_lookup (self->outboxes, cartable_account_get_id (account));

      if (outbox != NULL)
        g_list_store_append (outboxes, outbox);
    }
  return G_LIST_MODEL (outboxes);
}

static void
show_outbox_cb (AdwToast                 *toast,
                CartableComposerLauncher *self)
{
  GtkWindow *parent = g_object_get_data (G_OBJECT (toast), "window");
  g_autoptr(GListModel) outboxes = dup_outboxes (self);

  gtk_window_present (GTK_WINDOW (cartable_outbox_view_new (parent, outboxes)));
}

/* A message the server refused, or that may have left: the user must
 * know, wherever they are in the application. */
static void
item_state_cb (CartableOutboxItem       *item,
               GParamSpec               *pspec,
               CartableComposerLauncher *self)
{
  CartableOutboxState state = cartable_outbox_item_get_state (item);
  GtkApplication *application = GTK_APPLICATION (g_application_get_default ());
  GtkWindow *window = application ? gtk_application_get_active_window (application) : NULL;
  const char *subject = cartable_outbox_item_get_subject (item);
  g_autofree char *title = NULL;
  AdwToastOverlay *overlay;
  AdwToast *toast;

  if (state != CARTABLE_OUTBOX_STATE_FAILED && state != CARTABLE_OUTBOX_STATE_UNCERTAIN)
    return;
  overlay = window != NULL ? cartable_toast_find_overlay (GTK_WIDGET (window)) : NULL;
  if (overlay == NULL)
    return;
  /* The outbox opens over the window that shows the toast (a composer's
   * parent, not the composer). */
  window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (overlay)));

  if (subject == NULL || *subject == '\0')
    subject = _("(no subject)");
  if (state == CARTABLE_OUTBOX_STATE_FAILED)
    title = g_strdup_printf (_("The server refused “%s”"), subject);
  else
    title = g_strdup_printf (_("“%s” may already have been sent"), subject);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Outbox"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  g_object_set_data (G_OBJECT (toast), "window", window);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_outbox_cb), self, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
items_changed_cb (GListModel               *items,
                  guint                     position,
                  guint                     removed,
                  guint                     added,
                  CartableComposerLauncher *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (items, i);

      g_signal_connect_object (item, "notify::state", G_CALLBACK (item_state_cb), self, 0);
    }
}

/**
 * cartable_composer_launcher_get_outbox:
 *
 * Returns: (transfer none) (nullable): the running outbox of @account_id
 */
CartableOutbox *
cartable_composer_launcher_get_outbox (CartableComposerLauncher  *self,
                                       const char                *account_id,
                                       GError                   **error)
{
  CartableOutbox *outbox;

  g_return_val_if_fail (CARTABLE_IS_COMPOSER_LAUNCHER (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  outbox = g_hash_table_lookup (self->outboxes, account_id);
  if (outbox != NULL)
    return outbox;

  outbox = cartable_outbox_new (cartable_mail_accounts_get_session (self->accounts), account_id, error);
  if (outbox == NULL)
    return NULL;
  g_hash_table_insert (self->outboxes, g_strdup (account_id), outbox);
  g_signal_connect_object (cartable_outbox_get_items (outbox), "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  items_changed_cb (cartable_outbox_get_items (outbox), 0, 0, g_list_model_get_n_items (cartable_outbox_get_items (outbox)),
                    self);
  cartable_outbox_set_running (outbox, TRUE);
  return outbox;
}

static CartableDrafts *
get_drafts (CartableComposerLauncher *self,
            const char               *account_id)
{
  CartableDrafts *drafts = g_hash_table_lookup (self->drafts, account_id);
  g_autoptr(GError) error = NULL;

  if (drafts != NULL)
    return drafts;

  drafts = cartable_drafts_new (cartable_mail_accounts_get_session (self->accounts), account_id, &error);
  if (drafts == NULL)
    {
      /* Writing still works; only the automatic saving is missing. */
      g_warning ("drafts of %s: %s", account_id, error->message);
      return NULL;
    }
  g_hash_table_insert (self->drafts, g_strdup (account_id), drafts);
  return drafts;
}

/* The account a reply comes from: the one the original was sent to, else
 * the first. */
static CartableAccount *
choose_account (CartableComposerLauncher *self,
                CartableMessage          *original)
{
  GListModel *store = G_LIST_MODEL (cartable_mail_accounts_get_store (self->accounts));
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
  g_autoptr(CamelFolder) folder = cartable_mail_open_folder_finish (result, &error);

  if (folder == NULL)
    {
      g_debug ("known addresses: %s", error->message);
      known_addresses_data_free (data);
      return;
    }
  data->list = cartable_message_list_new (folder);
  cartable_message_list_set_threaded (data->list, FALSE);
  /* The cached headers only: nothing is asked of the server. */
  cartable_message_list_load_async (data->list, FALSE, NULL, known_list_loaded_cb, data);
}

/* Offers in @window's address fields the senders and recipients of the
 * account's Inbox and Sent folders, as cached. */
static void
gather_known_addresses (CartableComposerLauncher *self,
                        const char               *account_id,
                        CartableComposerWindow   *window)
{
  CartableFolderTree *tree = cartable_mail_accounts_get_folder_tree (self->accounts, account_id);
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
      cartable_mail_open_folder_async (cartable_folder_tree_get_store (tree),
                                       cartable_folder_item_get_full_name (item),
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
cartable_composer_launcher_compose (CartableComposerLauncher  *self,
                                    GtkWindow                 *parent,
                                    CartableComposeKind        kind,
                                    CartableMessage           *original,
                                    GError                   **error)
{
  g_autoptr(CartableAccount) account = NULL;
  g_autoptr(CartableComposer) composer = NULL;
  g_autoptr(GMimeMessage) mime = NULL;
  CartableComposerWindow *window;
  CartableOutbox *outbox;
  const char *account_id;

  g_return_val_if_fail (CARTABLE_IS_COMPOSER_LAUNCHER (self), NULL);
  g_return_val_if_fail (kind == CARTABLE_COMPOSE_NEW || CARTABLE_IS_MESSAGE (original), NULL);

  account = choose_account (self, kind == CARTABLE_COMPOSE_NEW ? NULL : original);
  if (account == NULL)
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT, _("There is no account to send from."));
      return NULL;
    }
  account_id = cartable_account_get_id (account);
  outbox = cartable_composer_launcher_get_outbox (self, account_id, error);
  if (outbox == NULL)
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

  window = cartable_composer_window_new (parent, composer, outbox, get_drafts (self, account_id),
                                         get_max_message_size (account));
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gather_known_addresses (self, account_id, window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
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
cartable_composer_launcher_open_draft (CartableComposerLauncher *self,
                                       GtkWindow                *parent,
                                       const char               *account_id,
                                       const char               *draft_id,
                                       GError                  **error)
{
  GListModel *store;
  g_autoptr(CartableAccount) account = NULL;
  g_autoptr(CartableComposer) composer = NULL;
  CartableComposerWindow *window;
  CartableOutbox *outbox;
  CartableDrafts *drafts;

  g_return_val_if_fail (CARTABLE_IS_COMPOSER_LAUNCHER (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (draft_id != NULL, NULL);

  store = G_LIST_MODEL (cartable_mail_accounts_get_store (self->accounts));
  for (guint i = 0; i < g_list_model_get_n_items (store) && account == NULL; i++)
    {
      g_autoptr(CartableAccount) candidate = g_list_model_get_item (store, i);

      if (g_strcmp0 (cartable_account_get_id (candidate), account_id) == 0)
        account = g_steal_pointer (&candidate);
    }
  drafts = get_drafts (self, account_id);
  if (account == NULL || drafts == NULL)
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT, _("There is no account to send from."));
      return NULL;
    }
  outbox = cartable_composer_launcher_get_outbox (self, account_id, error);
  if (outbox == NULL)
    return NULL;
  composer = cartable_drafts_restore (drafts, draft_id, error);
  if (composer == NULL)
    return NULL;
  cartable_drafts_save_now (drafts, composer);

  window = cartable_composer_window_new (parent, composer, outbox, drafts, get_max_message_size (account));
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gather_known_addresses (self, account_id, window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* ------------------------------------------------------------ the main view */

static void
show_toast (GtkWidget  *view,
            const char *text)
{
  cartable_toast_show (view, adw_toast_new (text));
}

static void
compose (GtkWidget           *view,
         CartableComposeKind  kind)
{
  CartableMailAccounts *accounts = cartable_main_view_get_mail_accounts (CARTABLE_MAIN_VIEW (view));
  CartableMessage *message = cartable_main_view_get_message (CARTABLE_MAIN_VIEW (view));
  GtkRoot *root = gtk_widget_get_root (view);
  g_autoptr(GError) error = NULL;

  if (accounts == NULL)
    return;
  if (kind != CARTABLE_COMPOSE_NEW && message == NULL)
    {
      show_toast (view, _("Choose a message first."));
      return;
    }

  if (cartable_composer_launcher_compose (cartable_composer_launcher_get_for_accounts (accounts),
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          kind, message, &error) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot write a message: %s"), error->message);
      show_toast (view, text);
    }
}

static void
new_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_NEW);
}

static void
reply_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_REPLY);
}

static void
reply_all_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_REPLY_ALL);
}

static void
forward_action (GSimpleAction *action, GVariant *parameter, gpointer view)
{
  compose (view, CARTABLE_COMPOSE_FORWARD);
}

static void
outbox_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkWidget *view = user_data;
  CartableMailAccounts *accounts = cartable_main_view_get_mail_accounts (CARTABLE_MAIN_VIEW (view));
  CartableComposerLauncher *self;
  GListModel *store;
  g_autoptr(GListModel) outboxes = NULL;
  GtkRoot *root = gtk_widget_get_root (view);
  GtkWidget *window;

  if (accounts == NULL)
    return;
  self = cartable_composer_launcher_get_for_accounts (accounts);
  store = G_LIST_MODEL (cartable_mail_accounts_get_store (accounts));
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (store, i);
      g_autoptr(GError) error = NULL;

      if (cartable_composer_launcher_get_outbox (self, cartable_account_get_id (account), &error) == NULL)
        g_warning ("outbox of %s: %s", cartable_account_get_id (account), error->message);
    }

  outboxes = dup_outboxes (self);
  window = cartable_outbox_view_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, outboxes);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry compose_entries[] = {
  { "new", new_action, NULL, NULL, NULL, { 0 } },
  { "reply", reply_action, NULL, NULL, NULL, { 0 } },
  { "reply-all", reply_all_action, NULL, NULL, NULL, { 0 } },
  { "forward", forward_action, NULL, NULL, NULL, { 0 } },
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

/* « N brouillons non envoyés ont été retrouvés — Ouvrir » */

typedef struct
{
  CartableComposerLauncher *launcher;  /* lives as long as the accounts */
  GWeakRef                  view;
  char                     *account_id;
} OfferData;

static void
offer_data_free (gpointer  data,
                 GClosure *closure)
{
  OfferData *offer = data;

  g_weak_ref_clear (&offer->view);
  g_free (offer->account_id);
  g_free (offer);
}

static void
add_toast (GtkWidget *view,
           AdwToast  *toast)
{
  cartable_toast_show (view, toast);
}

static void
open_drafts_clicked_cb (AdwToast  *toast,
                        OfferData *offer)
{
  g_autoptr(GtkWidget) view = g_weak_ref_get (&offer->view);
  CartableDrafts *drafts = get_drafts (offer->launcher, offer->account_id);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GListModel *restorable;
  GtkRoot *root;

  if (view == NULL || drafts == NULL)
    return;
  root = gtk_widget_get_root (view);

  /* Restoring takes a draft off the list: the ids first. */
  restorable = cartable_drafts_get_restorable (drafts);
  for (guint i = 0; i < g_list_model_get_n_items (restorable); i++)
    {
      g_autoptr(CartableDraftInfo) info = g_list_model_get_item (restorable, i);

      g_ptr_array_add (ids, g_strdup (cartable_draft_info_get_id (info)));
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (cartable_composer_launcher_open_draft (offer->launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 offer->account_id, g_ptr_array_index (ids, i), &error) == NULL)
        {
          g_debug ("draft %s: %s", (const char *) g_ptr_array_index (ids, i), error->message);
          add_toast (view, adw_toast_new (_("The unsent draft could not be opened.")));
        }
    }
}

/* Offers once per account the drafts an earlier run left unsent. */
static void
offer_drafts (CartableComposerLauncher *self,
              GtkWidget                *view)
{
  GListModel *store = G_LIST_MODEL (cartable_mail_accounts_get_store (self->accounts));

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (store, i);
      const char *account_id = cartable_account_get_id (account);
      g_autofree char *title = NULL;
      CartableDrafts *drafts;
      OfferData *offer;
      AdwToast *toast;
      guint n;

      if (g_hash_table_contains (self->offered, account_id))
        continue;
      g_hash_table_add (self->offered, g_strdup (account_id));
      drafts = get_drafts (self, account_id);
      n = drafts != NULL ? g_list_model_get_n_items (cartable_drafts_get_restorable (drafts)) : 0;
      if (n == 0)
        continue;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unsent draft was found", "%u unsent drafts were found", n), n);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_timeout (toast, 20);
      offer = g_new0 (OfferData, 1);
      offer->launcher = self;
      g_weak_ref_init (&offer->view, view);
      offer->account_id = g_strdup (account_id);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_drafts_clicked_cb), offer, offer_data_free, 0);
      add_toast (view, toast);
    }
}

static void
view_mapped_cb (GtkWidget *view)
{
  CartableMailAccounts *accounts = cartable_main_view_get_mail_accounts (CARTABLE_MAIN_VIEW (view));

  /* Start the outboxes once the accounts are there, and offer back what
   * an earlier run left unsent. */
  if (accounts != NULL)
    offer_drafts (cartable_composer_launcher_get_for_accounts (accounts), view);
}

/**
 * cartable_composer_launcher_install:
 * @main_view: the #CartableMainView
 *
 * Gives the main view the "compose." actions (new, reply, reply-all,
 * forward, outbox) with their shortcuts (Ctrl+N, Ctrl+R, Ctrl+Shift+R,
 * Ctrl+L) and puts « Écrire » and « Boîte d’envoi » buttons at the start of
 * the message list's header bar.
 */
void
cartable_composer_launcher_install (GtkWidget *main_view)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkEventController *controller;
  GtkWidget *header;

  g_return_if_fail (CARTABLE_IS_MAIN_VIEW (main_view));

  g_action_map_add_action_entries (G_ACTION_MAP (group), compose_entries, G_N_ELEMENTS (compose_entries), main_view);
  gtk_widget_insert_action_group (main_view, "compose", G_ACTION_GROUP (group));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_n, GDK_CONTROL_MASK, "compose.new");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_r, GDK_CONTROL_MASK, "compose.reply");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "compose.reply-all");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_l, GDK_CONTROL_MASK, "compose.forward");
  gtk_widget_add_controller (main_view, controller);

  g_signal_connect (main_view, "map", G_CALLBACK (view_mapped_cb), NULL);

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

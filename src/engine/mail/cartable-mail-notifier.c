/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-mail-notifier.h"
#include "core/cartable-quiet-hours.h"
#include "mail/cartable-folder-tree-private.h"
#include "mail/cartable-mail-actions-private.h"
#include "mail/cartable-mail-address.h"
#include "mail/cartable-message-list-private.h"

/*
 * New-mail notifications. The engine's message list of each account's
 * Inbox says when unread messages arrive (IDLE, or the refresh the engine
 * is asked for every few minutes); this object turns that into a
 * GNotification.
 */

#define REFRESH_SECONDS (5 * 60)

typedef struct
{
  CartableMailNotifier *notifier;   /* unowned: the notifier owns the watch */
  char                 *account_id;
  GCancellable         *cancellable;
  CartableFolderTree   *tree;
  gboolean              opening;
  CartableMessageList  *list;       /* over the Inbox, once open */
  gboolean              online;
  gboolean              settling;   /* the first synchronisation is running */
  gboolean              refreshing;
} Watch;

struct _CartableMailNotifier
{
  GObject               parent_instance;

  GApplication         *application;   /* weak */
  CartableMailAccounts *accounts;
  GSettings            *settings;
  GHashTable           *watches;       /* account id → Watch */
  guint                 refresh_id;
  gboolean              focused;       /* a window of the application has the focus */
};

G_DEFINE_FINAL_TYPE (CartableMailNotifier, cartable_mail_notifier, G_TYPE_OBJECT)

static void refresh_watch (Watch *watch);

/* What an asynchronous call gets: the watch, unless it is gone (its
 * cancellable is cancelled before it is freed). */
typedef struct
{
  GCancellable *cancellable;
  Watch        *watch;
} WatchRef;

static WatchRef *
watch_ref_new (Watch *watch)
{
  WatchRef *ref = g_new0 (WatchRef, 1);

  ref->cancellable = g_object_ref (watch->cancellable);
  ref->watch = watch;
  return ref;
}

static Watch *
watch_ref_free (WatchRef *ref)
{
  Watch *watch = g_cancellable_is_cancelled (ref->cancellable) ? NULL : ref->watch;

  g_object_unref (ref->cancellable);
  g_free (ref);
  return watch;
}

void
cartable_mail_notifier_describe (guint        count,
                                 const char  *sender,
                                 const char  *subject,
                                 char       **title,
                                 char       **body)
{
  g_return_if_fail (title != NULL && body != NULL);

  gboolean known = sender != NULL && *sender != '\0';

  if (subject == NULL || *subject == '\0')
    subject = _("(no subject)");

  if (count <= 1)
    {
      *title = known ? g_strdup_printf (_("New mail from %s"), sender)
                     : g_strdup (_("New mail from an unknown sender"));
      *body = g_strdup (subject);
    }
  else
    {
      *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new message", "%u new messages", count), count);
      /* Translators: the newest of several new messages, "Latest from Marie Durand: Réunion". */
      *body = known ? g_strdup_printf (_("Latest from %s: %s"), sender, subject) : g_strdup (subject);
    }
}

gboolean
cartable_mail_notifier_may_notify (CartableMailNotifier *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_NOTIFIER (self), FALSE);

  now = g_date_time_new_now_local ();
  if (cartable_quiet_hours_contains_time (g_settings_get_boolean (self->settings, "quiet-hours-enabled"),
                                          g_settings_get_int (self->settings, "quiet-hours-start"),
                                          g_settings_get_int (self->settings, "quiet-hours-end"),
                                          now))
    return FALSE;

  /* The user is looking at Cartable: the list shows the message already. */
  return !self->focused;
}

/**
 * cartable_mail_notifier_set_focused:
 * @focused: whether a window of the application has the focus
 *
 * Told by the application's windows: while one has the focus, new mail is
 * not announced.
 */
void
cartable_mail_notifier_set_focused (CartableMailNotifier *self,
                                    gboolean              focused)
{
  g_return_if_fail (CARTABLE_IS_MAIL_NOTIFIER (self));
  self->focused = !!focused;
}

/* The name a notification gives the sender: the first mailbox's display
 * name, else its address. */
static char *
dup_sender_name (const char *addresses)
{
  g_autoptr(GPtrArray) mailboxes = NULL;
  CartableMailAddress *first;

  if (addresses == NULL || *addresses == '\0')
    return NULL;
  mailboxes = cartable_mail_address_parse_list (addresses);
  if (mailboxes->len == 0)
    return g_strdup (addresses);
  first = g_ptr_array_index (mailboxes, 0);
  return g_strdup (*first->name != '\0' ? first->name : *first->address != '\0' ? first->address : addresses);
}

gboolean
cartable_mail_notifier_is_watching (CartableMailNotifier *self,
                                    const char           *account_id)
{
  Watch *watch;

  g_return_val_if_fail (CARTABLE_IS_MAIL_NOTIFIER (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  watch = g_hash_table_lookup (self->watches, account_id);
  return watch != NULL && watch->list != NULL && !watch->settling;
}

static void
new_mail_cb (CartableMessageList *list,
             guint                count,
             const char          *uid,
             gpointer             user_data)
{
  Watch *watch = user_data;
  CartableMailNotifier *self = watch->notifier;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(CamelMessageInfo) info = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  const char *subject = NULL;
  CamelFolder *folder = cartable_message_list_get_camel_folder (list);

  if (watch->settling || self->application == NULL ||
      !g_application_get_is_registered (self->application) ||
      !cartable_mail_notifier_may_notify (self))
    {
      g_debug ("%u new message(s) in %s not announced", count, watch->account_id);
      return;
    }

  if (uid != NULL)
    info = camel_folder_get_message_info (folder, uid);
  if (info != NULL)
    {
      sender = dup_sender_name (camel_message_info_get_from (info));
      subject = camel_message_info_get_subject (info);
    }

  cartable_mail_notifier_describe (count, sender, subject, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "email.arrived");
  /* Clicking it shows the newest message in the window. */
  if (uid != NULL)
    g_notification_set_default_action_and_target (notification, "app.show-message", "(sss)",
                                                  watch->account_id,
                                                  camel_folder_get_full_name (folder), uid);
  id = g_strconcat ("new-mail-", watch->account_id, NULL);
  g_application_send_notification (self->application, id, notification);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Watch *watch = watch_ref_free (user_data);
  gboolean done;

  done = cartable_mail_accounts_refresh_inbox_finish (CARTABLE_MAIL_ACCOUNTS (source), result, &error);
  if (watch == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!done)
    g_debug ("Inbox refresh of %s failed: %s", watch->account_id, error->message);

  watch->refreshing = FALSE;
  /* What this first synchronisation brought was not news. */
  watch->settling = FALSE;
}

/* The server is asked by the engine; what it brings reaches the list over
 * the Inbox, which says "new-mail". */
static void
refresh_watch (Watch *watch)
{
  if (watch->list == NULL || watch->refreshing)
    return;

  if (!watch->online)
    {
      watch->settling = FALSE;
      return;
    }

  watch->refreshing = TRUE;
  cartable_mail_accounts_refresh_inbox_async (watch->notifier->accounts, watch->account_id, watch->cancellable,
                                              refreshed_cb, watch_ref_new (watch));
}

static void
folder_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) folder = NULL;
  Watch *watch = watch_ref_free (user_data);

  folder = cartable_mail_open_folder_finish (result, &error);
  if (watch == NULL)
    return;
  watch->opening = FALSE;
  if (folder == NULL)
    {
      /* Tried again when the folder list or the account changes. */
      g_debug ("No Inbox to watch yet: %s", error->message);
      return;
    }

  watch->list = cartable_message_list_new (folder);
  g_signal_connect (watch->list, "new-mail", G_CALLBACK (new_mail_cb), watch);
  refresh_watch (watch);
}

/* Opens the Inbox once the folder list names it. */
static void
try_open (Watch *watch)
{
  CartableFolderItem *inbox;

  if (watch->list != NULL || watch->opening)
    return;

  inbox = cartable_folder_tree_find_role (watch->tree, CARTABLE_FOLDER_ROLE_INBOX);
  if (inbox == NULL)
    return;

  watch->opening = TRUE;
  cartable_mail_open_folder_async (cartable_folder_tree_get_store (watch->tree),
                                   cartable_folder_item_get_full_name (inbox),
                                   watch->cancellable, folder_opened_cb, watch_ref_new (watch));
}

static void
tree_changed_cb (GListModel *tree,
                 guint       position,
                 guint       removed,
                 guint       added,
                 gpointer    user_data)
{
  try_open (user_data);
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_cancellable_cancel (watch->cancellable);
  g_signal_handlers_disconnect_by_data (watch->tree, watch);
  g_clear_object (&watch->tree);
  if (watch->list != NULL)
    g_signal_handlers_disconnect_by_data (watch->list, watch);
  g_clear_object (&watch->list);
  g_clear_object (&watch->cancellable);
  g_free (watch->account_id);
  g_free (watch);
}

static void
account_changed_cb (CartableMailAccounts *accounts,
                    const char           *account_id,
                    CartableMailNotifier *self)
{
  CartableFolderTree *tree = cartable_mail_accounts_get_folder_tree (accounts, account_id);
  gboolean online = cartable_mail_accounts_get_online (accounts, account_id);
  Watch *watch;

  watch = g_hash_table_lookup (self->watches, account_id);
  if (tree == NULL || (watch != NULL && watch->tree != tree))
    {
      g_hash_table_remove (self->watches, account_id);
      watch = NULL;
      if (tree == NULL)
        return;
    }

  if (watch != NULL)
    {
      /* Back online: what the next synchronisation brings arrived while
       * offline, and is not announced either. */
      if (online && !watch->online)
        {
          watch->online = TRUE;
          watch->settling = TRUE;
          refresh_watch (watch);
        }
      watch->online = online;
      try_open (watch);
      return;
    }

  watch = g_new0 (Watch, 1);
  watch->notifier = self;
  watch->account_id = g_strdup (account_id);
  watch->cancellable = g_cancellable_new ();
  watch->online = online;
  watch->settling = TRUE;
  watch->tree = g_object_ref (tree);
  g_hash_table_insert (self->watches, watch->account_id, watch);
  g_signal_connect (tree, "items-changed", G_CALLBACK (tree_changed_cb), watch);
  try_open (watch);
}

static gboolean
refresh_all_cb (gpointer user_data)
{
  CartableMailNotifier *self = user_data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    refresh_watch (value);

  return G_SOURCE_CONTINUE;
}

static void
cartable_mail_notifier_dispose (GObject *object)
{
  CartableMailNotifier *self = CARTABLE_MAIL_NOTIFIER (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (cartable_mail_notifier_parent_class)->dispose (object);
}

static void
cartable_mail_notifier_class_init (CartableMailNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_mail_notifier_dispose;
}

static void
cartable_mail_notifier_init (CartableMailNotifier *self)
{
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, watch_free);
}

CartableMailNotifier *
cartable_mail_notifier_new (GApplication         *application,
                            CartableMailAccounts *accounts,
                            GSettings            *settings)
{
  CartableMailNotifier *self;
  CartableAccountStore *store;
  guint n;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (accounts), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CARTABLE_TYPE_MAIL_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->accounts = g_object_ref (accounts);
  self->settings = g_object_ref (settings);

  g_signal_connect (accounts, "account-changed", G_CALLBACK (account_changed_cb), self);
  /* Accounts set up before the notifier existed. */
  store = cartable_mail_accounts_get_store (accounts);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);

      account_changed_cb (accounts, cartable_account_get_id (account), self);
    }

  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_all_cb, self);

  return self;
}

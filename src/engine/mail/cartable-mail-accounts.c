/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "cartable-folder-tree-private.h"
#include "cartable-mail-accounts.h"
#include "cartable-mail-session-private.h"
#include "core/cartable-paths.h"
#include "academy/cartable-academy-profile.h"
#include "account/cartable-credentials.h"

/* Reference-counted: pending operations hold one; owner is cleared when
 * the account leaves the session, and late callbacks then do nothing. */
typedef struct
{
  CartableMailAccounts *owner;      /* unowned, NULL once removed */
  char                 *account_id;
  CartableFolderTree   *tree;
  GCancellable         *cancellable;
  GError               *error;
  gboolean              online;
  guint                 going_offline;    /* offline transitions in flight */
  gboolean              reconnect_after;  /* asked while one was in flight */
} AccountState;

struct _CartableMailAccounts
{
  GObject               parent_instance;

  CartableAccountStore *store;
  CartableMailSession  *session;
  GHashTable           *accounts;   /* account id → AccountState */
};

G_DEFINE_FINAL_TYPE (CartableMailAccounts, cartable_mail_accounts, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACCOUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
account_state_clear (gpointer data)
{
  AccountState *state = data;

  g_clear_object (&state->cancellable);
  g_clear_object (&state->tree);
  g_clear_error (&state->error);
  g_free (state->account_id);
}

static AccountState *
account_state_ref (AccountState *state)
{
  return g_atomic_rc_box_acquire (state);
}

static void
account_state_unref (AccountState *state)
{
  g_atomic_rc_box_release_full (state, account_state_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AccountState, account_state_unref)

/* The hash table's destroy function: the account leaves. */
static void
account_state_detach (gpointer data)
{
  AccountState *state = data;

  state->owner = NULL;
  g_cancellable_cancel (state->cancellable);
  account_state_unref (state);
}

static void
emit_changed (AccountState *state)
{
  g_signal_emit (state->owner, signals[ACCOUNT_CHANGED], 0, state->account_id);
}

static void
set_state_error (AccountState *state,
                 const GError *error)
{
  g_clear_error (&state->error);
  if (error != NULL)
    state->error = g_error_copy (error);
}

/* Called from Camel's worker threads: a blocking keyring lookup, the
 * account's IMAP password first, else the shared one. */
static char *
lookup_password_cb (const char *account_id,
                    gpointer    user_data)
{
  const char *services[] = { CARTABLE_CREDENTIALS_SERVICE_IMAP, CARTABLE_CREDENTIALS_SERVICE_SHARED };

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autoptr(GError) error = NULL;
      char *secret;

      secret = secret_password_lookup_sync (cartable_credentials_get_schema (), NULL, &error,
                                            "account", account_id,
                                            "service", services[i],
                                            NULL);
      if (error != NULL)
        g_message ("Keyring lookup for %s failed: %s", account_id, error->message);
      if (secret != NULL)
        {
          char *password = g_strdup (secret);

          secret_password_free (secret);
          return password;
        }
    }

  return NULL;
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

CartableMailAccountConfig *
cartable_mail_accounts_build_config (CartableAccount  *account,
                                     GError          **error)
{
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(CartableMailAccountConfig) config = NULL;
  g_autofree char *imap_user = NULL;
  const char *profile_path;
  const CartableServer *imap;
  const CartableServer *smtp;
  const char *email;

  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile_path = cartable_account_get_profile_path (account);
  if (profile_path == NULL || *profile_path == '\0')
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                           _("The account has no academy profile."));
      return NULL;
    }

  profile = cartable_academy_profile_new_from_file (profile_path, error);
  if (profile == NULL)
    return NULL;

  imap = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_IMAP);
  smtp = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_SMTP);
  if (imap == NULL || smtp == NULL)
    {
      g_set_error_literal (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID,
                           _("The academy profile names no mail servers."));
      return NULL;
    }

  email = cartable_account_get_email (account);
  imap_user = cartable_academy_profile_dup_username (profile, CARTABLE_SERVER_KIND_IMAP,
                                                     cartable_account_get_identifier (account), email);
  config = cartable_mail_account_config_new (cartable_account_get_id (account), imap_user,
                                             email != NULL ? email : "");
  if (cartable_account_get_display_name (account) != NULL)
    cartable_mail_account_config_set_display_name (config, cartable_account_get_display_name (account));
  cartable_mail_account_config_set_imap (config, imap->hostname, imap->port,
                                         security_from_socket (imap->socket_type));
  cartable_mail_account_config_set_smtp (config, smtp->hostname, smtp->port,
                                         security_from_socket (smtp->socket_type));
  if (cartable_academy_profile_get_ca_file (profile) != NULL)
    cartable_mail_account_config_set_ca_file (config, cartable_academy_profile_get_ca_file (profile));

  return g_steal_pointer (&config);
}

static void
tree_refreshed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AccountState) state = user_data;

  if (!cartable_folder_tree_refresh_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    {
      if (state->owner == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_state_error (state, error);
    }
  if (state->owner != NULL)
    emit_changed (state);
}

static void
online_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AccountState) state = user_data;
  gboolean done;

  done = cartable_mail_session_set_online_finish (CARTABLE_MAIL_SESSION (source), result, &error);
  if (state->owner == NULL)
    return;
  if (!done)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Account %s stays offline: %s", state->account_id, error->message);
      set_state_error (state, error);
      state->online = FALSE;
      emit_changed (state);
      return;
    }

  set_state_error (state, NULL);
  state->online = TRUE;
  emit_changed (state);
  cartable_folder_tree_refresh_async (state->tree, TRUE, state->cancellable, tree_refreshed_cb,
                                      account_state_ref (state));
}

static void
add_account (CartableMailAccounts *self,
             CartableAccount      *account)
{
  g_autoptr(CartableMailAccountConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  AccountState *state;

  state = g_atomic_rc_box_new0 (AccountState);
  state->owner = self;
  state->account_id = g_strdup (cartable_account_get_id (account));
  state->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->accounts, state->account_id, state);

  config = cartable_mail_accounts_build_config (account, &error);
  if (config == NULL || !cartable_mail_session_add_account (self->session, config, &error))
    {
      g_message ("Account %s cannot be set up: %s", state->account_id, error->message);
      set_state_error (state, error);
      emit_changed (state);
      return;
    }

  state->tree = cartable_folder_tree_new (cartable_mail_session_get_store (self->session, state->account_id));
  emit_changed (state);

  /* The cached folders at once, then the server's. */
  cartable_folder_tree_refresh_async (state->tree, FALSE, state->cancellable, tree_refreshed_cb,
                                      account_state_ref (state));
  cartable_mail_session_set_online_async (self->session, state->account_id, TRUE, state->cancellable,
                                          online_cb, account_state_ref (state));
}

static void
go_online (AccountState *state)
{
  cartable_mail_session_set_online_async (state->owner->session, state->account_id, TRUE, state->cancellable,
                                          online_cb, account_state_ref (state));
}

/**
 * cartable_mail_accounts_reconnect:
 * @account_id: an account of the store
 *
 * Tries to bring @account_id online again, reading its password from the
 * keyring anew: after the user typed a password the server had refused,
 * or when the network came back.
 */
void
cartable_mail_accounts_reconnect (CartableMailAccounts *self,
                                  const char           *account_id)
{
  AccountState *state;

  g_return_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self));
  g_return_if_fail (account_id != NULL);

  state = g_hash_table_lookup (self->accounts, account_id);
  if (state == NULL || state->tree == NULL || state->online)
    return;

  set_state_error (state, NULL);
  emit_changed (state);
  /* Going offline after a lost server may still be under way: Camel runs
   * both transitions at once and they end in either order, which left the
   * store offline (or its first commands cancelled) after "online". */
  if (state->going_offline > 0)
    {
      state->reconnect_after = TRUE;
      return;
    }
  go_online (state);
}

/* Whether @error says the server could not be reached (network gone,
 * server stopped, connection dropped), as opposed to a refusal. */
static gboolean
is_unreachable_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE) ||
         g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_NOT_CONNECTED) ||
         g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE);
}

static void
offline_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AccountState) state = user_data;

  /* Camel may fail to say goodbye to a server that is gone: it is offline
   * all the same. */
  if (!cartable_mail_session_set_online_finish (CARTABLE_MAIL_SESSION (source), result, &error))
    g_debug ("Going offline: %s", error->message);

  state->going_offline--;
  if (state->going_offline == 0 && state->reconnect_after && state->owner != NULL)
    {
      state->reconnect_after = FALSE;
      go_online (state);
    }
}

void
cartable_mail_accounts_note_error (CartableMailAccounts *self,
                                   const char           *account_id,
                                   const GError         *error)
{
  AccountState *state;

  g_return_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (error != NULL);

  state = g_hash_table_lookup (self->accounts, account_id);
  if (state == NULL || !state->online || !is_unreachable_error (error))
    return;

  g_message ("Account %s lost its server: %s", account_id, error->message);
  state->online = FALSE;
  set_state_error (state, error);
  emit_changed (state);
  /* Camel believes it is still connected: offline, so that reconnecting
   * really connects again. */
  state->going_offline++;
  cartable_mail_session_set_online_async (self->session, state->account_id, FALSE, NULL,
                                          offline_cb, account_state_ref (state));
}

static void
sync_with_store (CartableMailAccounts *self)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GListModel *model = G_LIST_MODEL (self->store);
  GHashTableIter iter;
  gpointer key;
  guint n = g_list_model_get_n_items (model);

  g_hash_table_iter_init (&iter, self->accounts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (cartable_account_store_lookup (self->store, key) == NULL)
      g_ptr_array_add (gone, g_strdup (key));

  for (guint i = 0; i < gone->len; i++)
    {
      const char *account_id = g_ptr_array_index (gone, i);

      g_hash_table_remove (self->accounts, account_id);
      cartable_mail_session_remove_account (self->session, account_id);
      g_signal_emit (self, signals[ACCOUNT_CHANGED], 0, account_id);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (model, i);

      if (!g_hash_table_contains (self->accounts, cartable_account_get_id (account)))
        add_account (self, account);
    }
}

static void
store_items_changed_cb (GListModel           *model,
                        guint                 position,
                        guint                 removed,
                        guint                 added,
                        CartableMailAccounts *self)
{
  sync_with_store (self);
}

static void
cartable_mail_accounts_constructed (GObject *object)
{
  CartableMailAccounts *self = CARTABLE_MAIL_ACCOUNTS (object);
  g_autofree char *data_root = cartable_paths_get_data_dir ();
  g_autofree char *cache_root = cartable_paths_get_cache_dir ();
  g_autofree char *data_dir = g_build_filename (data_root, "mail", NULL);
  g_autofree char *cache_dir = g_build_filename (cache_root, "mail", NULL);

  G_OBJECT_CLASS (cartable_mail_accounts_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_ACCOUNT_STORE (self->store));

  self->session = cartable_mail_session_new (data_dir, cache_dir);
  cartable_mail_session_set_password_func (self->session, lookup_password_cb, NULL, NULL);

  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (store_items_changed_cb), self, 0);
}

static void
cartable_mail_accounts_dispose (GObject *object)
{
  CartableMailAccounts *self = CARTABLE_MAIL_ACCOUNTS (object);

  if (self->accounts != NULL)
    g_hash_table_remove_all (self->accounts);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cartable_mail_accounts_parent_class)->dispose (object);
}

static void
cartable_mail_accounts_finalize (GObject *object)
{
  CartableMailAccounts *self = CARTABLE_MAIL_ACCOUNTS (object);

  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cartable_mail_accounts_parent_class)->finalize (object);
}

static void
cartable_mail_accounts_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CartableMailAccounts *self = CARTABLE_MAIL_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_accounts_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CartableMailAccounts *self = CARTABLE_MAIL_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_accounts_class_init (CartableMailAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_mail_accounts_constructed;
  object_class->dispose = cartable_mail_accounts_dispose;
  object_class->finalize = cartable_mail_accounts_finalize;
  object_class->get_property = cartable_mail_accounts_get_property;
  object_class->set_property = cartable_mail_accounts_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARTABLE_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableMailAccounts::account-changed:
   * @account_id: the account
   *
   * The account was added, removed, got its folder tree, went online or
   * met an error.
   */
  signals[ACCOUNT_CHANGED] =
    g_signal_new ("account-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cartable_mail_accounts_init (CartableMailAccounts *self)
{
  self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          account_state_detach);
}

/**
 * cartable_mail_accounts_new:
 *
 * Sets up every account of @store (asynchronously: listen to
 * ::account-changed) and follows the store from then on.
 */
CartableMailAccounts *
cartable_mail_accounts_new (CartableAccountStore *store)
{
  CartableMailAccounts *self;

  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (store), NULL);

  self = g_object_new (CARTABLE_TYPE_MAIL_ACCOUNTS, "store", store, NULL);
  sync_with_store (self);
  return self;
}

CartableAccountStore *
cartable_mail_accounts_get_store (CartableMailAccounts *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self), NULL);
  return self->store;
}

CartableMailSession *
cartable_mail_accounts_get_session (CartableMailAccounts *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self), NULL);
  return self->session;
}

static AccountState *
lookup_state (CartableMailAccounts *self,
              const char           *account_id)
{
  return account_id != NULL ? g_hash_table_lookup (self->accounts, account_id) : NULL;
}

CartableFolderTree *
cartable_mail_accounts_get_folder_tree (CartableMailAccounts *self,
                                        const char           *account_id)
{
  AccountState *state;

  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self), NULL);

  state = lookup_state (self, account_id);
  return state != NULL ? state->tree : NULL;
}

const GError *
cartable_mail_accounts_get_error (CartableMailAccounts *self,
                                  const char           *account_id)
{
  AccountState *state;

  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self), NULL);

  state = lookup_state (self, account_id);
  return state != NULL ? state->error : NULL;
}

gboolean
cartable_mail_accounts_get_online (CartableMailAccounts *self,
                                   const char           *account_id)
{
  AccountState *state;

  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self), FALSE);

  state = lookup_state (self, account_id);
  return state != NULL && state->online;
}

/* ------------------------------------------------------------ Inbox refresh */

typedef struct
{
  CamelStore *store;
  char       *full_name;
  char       *account_id;
} RefreshData;

static void
refresh_data_free (gpointer data)
{
  RefreshData *d = data;

  g_clear_object (&d->store);
  g_free (d->full_name);
  g_free (d->account_id);
  g_free (d);
}

static void
refresh_inbox_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  RefreshData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) folder = NULL;

  /* Camel keeps the folders it opened: this finds the one the lists use. */
  folder = camel_store_get_folder_sync (d->store, d->full_name, 0, cancellable, &error);
  if (folder == NULL || !camel_folder_refresh_info_sync (folder, cancellable, &error))
    {
      g_task_return_error (task, cartable_mail_error_from_camel (error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
refresh_inbox_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CartableMailAccounts *self = CARTABLE_MAIL_ACCOUNTS (source);
  g_autoptr(GTask) task = user_data;
  RefreshData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      cartable_mail_accounts_note_error (self, d->account_id, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * cartable_mail_accounts_refresh_inbox_async:
 * @account_id: the account whose Inbox is asked for news
 *
 * Asks the server what arrived in the Inbox of @account_id (the lists and
 * models over that folder then see it as Camel reports it). Fails with
 * %CARTABLE_MAIL_ERROR_NO_ACCOUNT for an account not set up,
 * %CARTABLE_MAIL_ERROR_OFFLINE while it is offline, and
 * %CARTABLE_MAIL_ERROR_NOT_FOUND while its folders do not name an Inbox.
 */
void
cartable_mail_accounts_refresh_inbox_async (CartableMailAccounts *self,
                                            const char           *account_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  AccountState *state;
  CartableFolderItem *inbox;
  RefreshData *d;

  g_return_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_mail_accounts_refresh_inbox_async);

  state = lookup_state (self, account_id);
  if (state == NULL || state->tree == NULL)
    {
      g_task_return_new_error (task, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_ACCOUNT,
                               _("The account “%s” is not set up"), account_id);
      return;
    }
  if (!state->online)
    {
      g_task_return_new_error (task, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE,
                               _("The account “%s” is offline"), account_id);
      return;
    }
  inbox = cartable_folder_tree_find_role (state->tree, CARTABLE_FOLDER_ROLE_INBOX);
  if (inbox == NULL)
    {
      g_task_return_new_error (task, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NOT_FOUND,
                               _("The account “%s” has no Inbox yet"), account_id);
      return;
    }

  d = g_new0 (RefreshData, 1);
  d->store = g_object_ref (cartable_folder_tree_get_store (state->tree));
  d->full_name = g_strdup (cartable_folder_item_get_full_name (inbox));
  d->account_id = g_strdup (account_id);
  /* The refresh runs in a task of its own, so that a server found gone
   * takes the account offline before the caller hears of it. */
  worker = g_task_new (self, cancellable, refresh_inbox_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, refresh_inbox_thread);
  g_task_set_task_data (worker, d, refresh_data_free);
  g_task_run_in_thread (worker, refresh_inbox_thread);
}

gboolean
cartable_mail_accounts_refresh_inbox_finish (CartableMailAccounts  *self,
                                             GAsyncResult          *result,
                                             GError               **error)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cartable_mail_accounts_refresh_inbox_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

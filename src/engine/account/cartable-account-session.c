/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-account-session"

#include "config.h"

#include "cartable-account-session.h"

struct _CartableAccountSession
{
  GObject               parent_instance;

  CartableAccount      *account;
  CartableMailAccounts *mail_accounts;
  GNetworkMonitor      *network_monitor;

  CartableFolderTree   *tree;
  gboolean              online;
  GError               *error;
  CartableOutbox       *outbox;
  CartableDrafts       *drafts;

  guint                 retry_source;
  guint                 retry_delay;   /* seconds until the next automatic attempt */

  /* Certificate questions nobody could ask yet (no window): they wait. */
  GPtrArray            *pending_certificates;
};

G_DEFINE_FINAL_TYPE (CartableAccountSession, cartable_account_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_MAIL_ACCOUNTS,
  PROP_NETWORK_MONITOR,
  PROP_FOLDER_TREE,
  PROP_ONLINE,
  PROP_ERROR,
  PROP_OUTBOX,
  PROP_DRAFTS,
  PROP_N_UNSENT_DRAFTS,
  PROP_RETRY_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PASSWORD_REFUSED,
  CERTIFICATE_REQUEST,
  OUTBOX_PROBLEM,
  MESSAGE_SENT,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * cartable_account_link_classify:
 * @online: whether the engine has the account online
 * @error: (nullable): the account's last error
 *
 * A refused password, an untrusted certificate or unusable settings are
 * questions for the user, not a missing network. Any other failure means
 * the server was not reached.
 */
CartableAccountLink
cartable_account_link_classify (gboolean      online,
                                const GError *error)
{
  if (online)
    return CARTABLE_ACCOUNT_LINK_ONLINE;
  if (error == NULL)
    return CARTABLE_ACCOUNT_LINK_CONNECTING;

  if (error->domain == CARTABLE_MAIL_ERROR)
    {
      switch ((CartableMailError) error->code)
        {
        case CARTABLE_MAIL_ERROR_AUTH:
        case CARTABLE_MAIL_ERROR_NO_PASSWORD:
        case CARTABLE_MAIL_ERROR_CERTIFICATE:
        case CARTABLE_MAIL_ERROR_TLS:
        case CARTABLE_MAIL_ERROR_INSECURE:
        case CARTABLE_MAIL_ERROR_INVALID:
        case CARTABLE_MAIL_ERROR_NO_ACCOUNT:
          return CARTABLE_ACCOUNT_LINK_REFUSED;
        default:
          break;
        }
    }

  return CARTABLE_ACCOUNT_LINK_UNREACHABLE;
}

static gboolean
is_password_refusal (const GError *error)
{
  return g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH) ||
         g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_PASSWORD);
}

static gboolean
same_error (const GError *a,
            const GError *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->domain == b->domain && a->code == b->code && g_strcmp0 (a->message, b->message) == 0;
}

/* ------------------------------------------------------------ the outbox */

/* A message the server refused, or that may have left: the user must know,
 * whichever window is open. */
static void
item_state_cb (CartableOutboxItem     *item,
               GParamSpec             *pspec,
               CartableAccountSession *self)
{
  CartableOutboxState state = cartable_outbox_item_get_state (item);

  if (state == CARTABLE_OUTBOX_STATE_FAILED || state == CARTABLE_OUTBOX_STATE_UNCERTAIN)
    g_signal_emit (self, signals[OUTBOX_PROBLEM], 0, item);
}

static void
outbox_items_changed_cb (GListModel             *items,
                         guint                   position,
                         guint                   removed,
                         guint                   added,
                         CartableAccountSession *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CartableOutboxItem) item = g_list_model_get_item (items, i);

      g_signal_connect_object (item, "notify::state", G_CALLBACK (item_state_cb), self, 0);
    }
}

static void
restorable_changed_cb (GListModel             *restorable,
                       guint                   position,
                       guint                   removed,
                       guint                   added,
                       CartableAccountSession *self)
{
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSENT_DRAFTS]);
}

static void
outbox_message_sent_cb (CartableOutbox         *outbox,
                        CartableOutboxItem     *item,
                        CartableAccountSession *self)
{
  g_signal_emit (self, signals[MESSAGE_SENT], 0, item);
}

/* The outbox and the drafts need the account in the mail session, which
 * it is once it has a folder tree. */
static void
open_mail_services (CartableAccountSession *self)
{
  CartableMailSession *session = cartable_mail_accounts_get_session (self->mail_accounts);
  const char *account_id = cartable_account_get_id (self->account);
  g_autoptr(GError) error = NULL;

  if (self->outbox == NULL)
    {
      GListModel *items;

      self->outbox = cartable_outbox_new (session, account_id, &error);
      if (self->outbox == NULL)
        {
          /* Another Cartable (a second instance, the command line) may
           * hold it: tried again at the account's next change. */
          g_message ("No outbox for %s: %s", account_id, error->message);
          g_clear_error (&error);
        }
      else
        {
          items = cartable_outbox_get_items (self->outbox);
          g_signal_connect_object (items, "items-changed", G_CALLBACK (outbox_items_changed_cb), self, 0);
          g_signal_connect_object (self->outbox, "message-sent", G_CALLBACK (outbox_message_sent_cb), self, 0);
          outbox_items_changed_cb (items, 0, 0, g_list_model_get_n_items (items), self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
        }
    }

  if (self->drafts == NULL)
    {
      self->drafts = cartable_drafts_new (session, account_id, &error);
      if (self->drafts == NULL)
        {
          /* Writing still works; only the automatic saving is missing. */
          g_message ("No drafts for %s: %s", account_id, error->message);
        }
      else
        {
          g_signal_connect_object (cartable_drafts_get_restorable (self->drafts), "items-changed",
                                   G_CALLBACK (restorable_changed_cb), self, 0);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFTS]);
          if (cartable_account_session_get_n_unsent_drafts (self) > 0)
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSENT_DRAFTS]);
        }
    }
}

/* ------------------------------------------------------------ reconnection */

static void
set_retry_delay (CartableAccountSession *self,
                 guint                   delay)
{
  if (self->retry_delay == delay)
    return;
  self->retry_delay = delay;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

static gboolean
network_available (CartableAccountSession *self)
{
  return self->network_monitor == NULL || g_network_monitor_get_network_available (self->network_monitor);
}

static void update_retry (CartableAccountSession *self);

static gboolean
retry_timeout_cb (gpointer user_data)
{
  CartableAccountSession *self = user_data;

  self->retry_source = 0;
  set_retry_delay (self, MIN (self->retry_delay * 2, CARTABLE_ACCOUNT_SESSION_RETRY_MAX_DELAY));
  cartable_mail_accounts_reconnect (self->mail_accounts, cartable_account_get_id (self->account));
  return G_SOURCE_REMOVE;
}

/* A server that could not be reached is tried again after retry_delay,
 * which doubles at each attempt until it answers. */
static void
update_retry (CartableAccountSession *self)
{
  CartableAccountLink link = cartable_account_session_get_link (self);

  if (link == CARTABLE_ACCOUNT_LINK_ONLINE)
    {
      gboolean planned = self->retry_source != 0;

      g_clear_handle_id (&self->retry_source, g_source_remove);
      set_retry_delay (self, CARTABLE_ACCOUNT_SESSION_RETRY_FIRST_DELAY);
      if (planned)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
    }
  else if (link == CARTABLE_ACCOUNT_LINK_UNREACHABLE && self->retry_source == 0 && network_available (self))
    {
      self->retry_source = g_timeout_add_seconds (self->retry_delay, retry_timeout_cb, self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
    }
  else if (link == CARTABLE_ACCOUNT_LINK_REFUSED && self->retry_source != 0)
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
    }
}

static void
network_changed_cb (GNetworkMonitor        *monitor,
                    GParamSpec             *pspec,
                    CartableAccountSession *self)
{
  /* The network is back: no need to wait for the next attempt. */
  if (g_network_monitor_get_network_available (monitor) &&
      cartable_account_session_get_link (self) == CARTABLE_ACCOUNT_LINK_UNREACHABLE)
    cartable_account_session_reconnect (self);
}

/**
 * cartable_account_session_reconnect:
 *
 * Tries to reach the account's servers now (the user asked, or typed the
 * password the server had refused), reading the password from the keyring
 * anew; the automatic attempts start again from their first delay.
 */
void
cartable_account_session_reconnect (CartableAccountSession *self)
{
  g_return_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self));

  g_clear_handle_id (&self->retry_source, g_source_remove);
  set_retry_delay (self, CARTABLE_ACCOUNT_SESSION_RETRY_FIRST_DELAY);
  cartable_mail_accounts_reconnect (self->mail_accounts, cartable_account_get_id (self->account));
}

/**
 * cartable_account_session_note_error:
 * @error: why an operation on the account's servers failed
 *
 * A server that can no longer be reached takes the account offline
 * (::changed), and the automatic attempts begin; other failures change
 * nothing.
 */
void
cartable_account_session_note_error (CartableAccountSession *self,
                                     const GError           *error)
{
  g_return_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (error != NULL);

  cartable_mail_accounts_note_error (self->mail_accounts, cartable_account_get_id (self->account), error);
}

/* ------------------------------------------------------------ following the mail side */

static void
mail_account_changed_cb (CartableMailAccounts   *accounts,
                         const char             *account_id,
                         CartableAccountSession *self)
{
  CartableFolderTree *tree;
  const GError *error;
  gboolean online;
  gboolean refused;

  if (g_strcmp0 (account_id, cartable_account_get_id (self->account)) != 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  tree = cartable_mail_accounts_get_folder_tree (accounts, account_id);
  if (g_set_object (&self->tree, tree))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER_TREE]);
  if (self->tree != NULL)
    open_mail_services (self);

  online = cartable_mail_accounts_get_online (accounts, account_id);
  if (online != self->online)
    {
      self->online = online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
  /* Mail scheduled in an earlier run leaves at its time from now on. */
  if (online && self->outbox != NULL)
    cartable_outbox_set_running (self->outbox, TRUE);

  error = cartable_mail_accounts_get_error (accounts, account_id);
  refused = FALSE;
  if (!same_error (error, self->error))
    {
      refused = is_password_refusal (error) && !is_password_refusal (self->error);
      g_clear_error (&self->error);
      if (error != NULL)
        self->error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  update_retry (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
  if (refused)
    g_signal_emit (self, signals[PASSWORD_REFUSED], 0);
}

static gboolean
certificate_request_cb (CartableMailSession        *session,
                        CartableCertificateRequest *request,
                        CartableAccountSession     *self)
{
  gboolean handled = FALSE;

  if (g_strcmp0 (cartable_certificate_request_get_account_id (request),
                 cartable_account_get_id (self->account)) != 0)
    return FALSE;

  g_signal_emit (self, signals[CERTIFICATE_REQUEST], 0, request, &handled);
  if (handled)
    return TRUE;

  /* Taken, to be asked when a window can: refusing it because no window
   * was open yet would be final. */
  g_ptr_array_add (self->pending_certificates, g_object_ref (request));
  return TRUE;
}

/**
 * cartable_account_session_ask_pending:
 *
 * Asks again, through ::certificate-request, the certificate questions
 * that came while nobody could answer them (a window just opened). Those
 * still unanswered keep waiting.
 */
void
cartable_account_session_ask_pending (CartableAccountSession *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self));

  pending = g_steal_pointer (&self->pending_certificates);
  self->pending_certificates = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pending->len; i++)
    {
      CartableCertificateRequest *request = g_ptr_array_index (pending, i);
      gboolean handled = FALSE;

      g_signal_emit (self, signals[CERTIFICATE_REQUEST], 0, request, &handled);
      if (!handled)
        g_ptr_array_add (self->pending_certificates, g_object_ref (request));
    }
}

/* ------------------------------------------------------------ GObject */

static void
cartable_account_session_constructed (GObject *object)
{
  CartableAccountSession *self = CARTABLE_ACCOUNT_SESSION (object);

  G_OBJECT_CLASS (cartable_account_session_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_ACCOUNT (self->account));
  g_assert (CARTABLE_IS_MAIL_ACCOUNTS (self->mail_accounts));

  self->retry_delay = CARTABLE_ACCOUNT_SESSION_RETRY_FIRST_DELAY;
  g_signal_connect_object (self->mail_accounts, "account-changed",
                           G_CALLBACK (mail_account_changed_cb), self, 0);
  g_signal_connect_object (cartable_mail_accounts_get_session (self->mail_accounts), "certificate-request",
                           G_CALLBACK (certificate_request_cb), self, 0);
  if (self->network_monitor != NULL)
    g_signal_connect_object (self->network_monitor, "notify::network-available",
                             G_CALLBACK (network_changed_cb), self, 0);

  mail_account_changed_cb (self->mail_accounts, cartable_account_get_id (self->account), self);
}

static void
cartable_account_session_dispose (GObject *object)
{
  CartableAccountSession *self = CARTABLE_ACCOUNT_SESSION (object);

  g_clear_handle_id (&self->retry_source, g_source_remove);
  /* Nobody will answer them now. */
  if (self->pending_certificates != NULL)
    {
      for (guint i = 0; i < self->pending_certificates->len; i++)
        cartable_certificate_request_answer (g_ptr_array_index (self->pending_certificates, i), FALSE);
      g_ptr_array_set_size (self->pending_certificates, 0);
    }
  if (self->outbox != NULL)
    cartable_outbox_set_running (self->outbox, FALSE);
  g_clear_object (&self->outbox);
  g_clear_object (&self->drafts);
  g_clear_object (&self->tree);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->mail_accounts);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (cartable_account_session_parent_class)->dispose (object);
}

static void
cartable_account_session_finalize (GObject *object)
{
  CartableAccountSession *self = CARTABLE_ACCOUNT_SESSION (object);

  g_clear_error (&self->error);
  g_clear_pointer (&self->pending_certificates, g_ptr_array_unref);

  G_OBJECT_CLASS (cartable_account_session_parent_class)->finalize (object);
}

static void
cartable_account_session_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableAccountSession *self = CARTABLE_ACCOUNT_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_MAIL_ACCOUNTS:
      g_value_set_object (value, self->mail_accounts);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->network_monitor);
      break;
    case PROP_FOLDER_TREE:
      g_value_set_object (value, self->tree);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_DRAFTS:
      g_value_set_object (value, self->drafts);
      break;
    case PROP_N_UNSENT_DRAFTS:
      g_value_set_uint (value, cartable_account_session_get_n_unsent_drafts (self));
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, cartable_account_session_get_retry_delay (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_session_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartableAccountSession *self = CARTABLE_ACCOUNT_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_MAIL_ACCOUNTS:
      self->mail_accounts = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->network_monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_session_class_init (CartableAccountSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_account_session_constructed;
  object_class->dispose = cartable_account_session_dispose;
  object_class->finalize = cartable_account_session_finalize;
  object_class->get_property = cartable_account_session_get_property;
  object_class->set_property = cartable_account_session_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CARTABLE_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAIL_ACCOUNTS] =
    g_param_spec_object ("mail-accounts", NULL, NULL, CARTABLE_TYPE_MAIL_ACCOUNTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER_TREE] =
    g_param_spec_object ("folder-tree", NULL, NULL, CARTABLE_TYPE_FOLDER_TREE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, CARTABLE_TYPE_OUTBOX,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFTS] =
    g_param_spec_object ("drafts", NULL, NULL, CARTABLE_TYPE_DRAFTS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_UNSENT_DRAFTS] =
    g_param_spec_uint ("n-unsent-drafts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableAccountSession::password-refused:
   *
   * The server refused the password in the keyring (or there was none):
   * the user must type it, then cartable_account_session_reconnect().
   */
  signals[PASSWORD_REFUSED] =
    g_signal_new ("password-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CartableAccountSession::certificate-request:
   * @request: the #CartableCertificateRequest of one of this account's servers
   *
   * As CartableMailSession::certificate-request, for this account only:
   * return %TRUE to take the request and answer it.
   */
  signals[CERTIFICATE_REQUEST] =
    g_signal_new ("certificate-request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, CARTABLE_TYPE_CERTIFICATE_REQUEST);

  /**
   * CartableAccountSession::outbox-problem:
   * @item: the #CartableOutboxItem the server refused, or that may have left
   */
  signals[OUTBOX_PROBLEM] =
    g_signal_new ("outbox-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CARTABLE_TYPE_OUTBOX_ITEM);

  /**
   * CartableAccountSession::message-sent:
   * @item: the #CartableOutboxItem the server has just accepted
   *
   * Emitted whatever sent it (a composer, a time scheduled in an earlier
   * run, the outbox after a reconnection): windows confirm it.
   */
  signals[MESSAGE_SENT] =
    g_signal_new ("message-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CARTABLE_TYPE_OUTBOX_ITEM);

  /**
   * CartableAccountSession::changed:
   *
   * The account's mail state was read anew: it was set up, went online or
   * offline, failed, or its folder list was read again from the server.
   * Emitted after the properties' notifications.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cartable_account_session_init (CartableAccountSession *self)
{
  self->pending_certificates = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cartable_account_session_new:
 * @account: the account
 * @mail_accounts: the mail side of the application's accounts, @account among them
 * @network_monitor: (nullable): tells when the network comes back
 */
CartableAccountSession *
cartable_account_session_new (CartableAccount      *account,
                              CartableMailAccounts *mail_accounts,
                              GNetworkMonitor      *network_monitor)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (CARTABLE_IS_MAIL_ACCOUNTS (mail_accounts), NULL);
  g_return_val_if_fail (network_monitor == NULL || G_IS_NETWORK_MONITOR (network_monitor), NULL);

  return g_object_new (CARTABLE_TYPE_ACCOUNT_SESSION,
                       "account", account,
                       "mail-accounts", mail_accounts,
                       "network-monitor", network_monitor,
                       NULL);
}

CartableAccount *
cartable_account_session_get_account (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), NULL);
  return self->account;
}

const char *
cartable_account_session_get_account_id (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), NULL);
  return cartable_account_get_id (self->account);
}

/**
 * cartable_account_session_get_folder_tree:
 *
 * Returns: (transfer none) (nullable): the folders, NULL while the account
 *   is not (or cannot be) set up
 */
CartableFolderTree *
cartable_account_session_get_folder_tree (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), NULL);
  return self->tree;
}

gboolean
cartable_account_session_get_online (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), FALSE);
  return self->online;
}

/**
 * cartable_account_session_get_error:
 *
 * Returns: (nullable): the last error (profile, connection), or NULL
 */
const GError *
cartable_account_session_get_error (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), NULL);
  return self->error;
}

CartableAccountLink
cartable_account_session_get_link (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), CARTABLE_ACCOUNT_LINK_CONNECTING);
  return cartable_account_link_classify (self->online, self->error);
}

gboolean
cartable_account_session_get_password_refused (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), FALSE);
  return !self->online && is_password_refusal (self->error);
}

/**
 * cartable_account_session_get_outbox:
 *
 * Returns: (transfer none) (nullable): the outbox, once the account is set up
 */
CartableOutbox *
cartable_account_session_get_outbox (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), NULL);
  return self->outbox;
}

/**
 * cartable_account_session_get_drafts:
 *
 * Returns: (transfer none) (nullable): the drafts, once the account is set up
 */
CartableDrafts *
cartable_account_session_get_drafts (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), NULL);
  return self->drafts;
}

/**
 * cartable_account_session_get_n_unsent_drafts:
 *
 * Returns: how many drafts an earlier run left unsent (to offer back)
 */
guint
cartable_account_session_get_n_unsent_drafts (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), 0);

  if (self->drafts == NULL)
    return 0;
  return g_list_model_get_n_items (cartable_drafts_get_restorable (self->drafts));
}

guint
cartable_account_session_get_retry_delay (CartableAccountSession *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (self), 0);
  return self->retry_source != 0 ? self->retry_delay : 0;
}

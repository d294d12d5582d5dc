/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-sessions"

#include "config.h"

#include "cartable-sessions.h"

struct _CartableSessions
{
  GObject               parent_instance;

  CartableAccountStore *store;
  GNetworkMonitor      *network_monitor;
  /* The shared Camel session and every account's mail state. */
  CartableMailAccounts *mail_accounts;
  GPtrArray            *sessions;   /* CartableAccountSession, in the store's order */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableSessions, cartable_sessions, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_NETWORK_MONITOR,
  PROP_MAIL_ACCOUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return CARTABLE_TYPE_ACCOUNT_SESSION;
}

static guint
get_n_items (GListModel *model)
{
  return CARTABLE_SESSIONS (model)->sessions->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CartableSessions *self = CARTABLE_SESSIONS (model);

  if (position >= self->sessions->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sessions, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static CartableAccountSession *
find_session (CartableSessions *self,
              const char       *account_id,
              guint            *position)
{
  for (guint i = 0; i < self->sessions->len; i++)
    {
      CartableAccountSession *session = g_ptr_array_index (self->sessions, i);

      if (g_strcmp0 (cartable_account_session_get_account_id (session), account_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return session;
        }
    }
  return NULL;
}

/* The sessions are rebuilt in the store's order; the mail accounts follow
 * the store on their own, just after. */
static void
store_items_changed_cb (GListModel       *store,
                        guint             position,
                        guint             removed,
                        guint             added,
                        CartableSessions *self)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (store);
  guint old_n = self->sessions->len;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (store, i);
      CartableAccountSession *session = find_session (self, cartable_account_get_id (account), NULL);

      if (session != NULL && cartable_account_session_get_account (session) == account)
        g_ptr_array_add (sessions, g_object_ref (session));
      else
        g_ptr_array_add (sessions, cartable_account_session_new (account, self->mail_accounts,
                                                                 self->network_monitor));
    }

  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = g_steal_pointer (&sessions);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n);
}

static void
cartable_sessions_constructed (GObject *object)
{
  CartableSessions *self = CARTABLE_SESSIONS (object);

  G_OBJECT_CLASS (cartable_sessions_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_ACCOUNT_STORE (self->store));

  /* Connected before the mail accounts follow the store: a removed
   * account's session stops its outbox before its mail services go. */
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (store_items_changed_cb), self, 0);
  self->mail_accounts = cartable_mail_accounts_new (self->store);
  store_items_changed_cb (G_LIST_MODEL (self->store), 0, 0, 0, self);
}

static void
cartable_sessions_dispose (GObject *object)
{
  CartableSessions *self = CARTABLE_SESSIONS (object);

  if (self->sessions != NULL)
    g_ptr_array_set_size (self->sessions, 0);
  g_clear_object (&self->mail_accounts);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cartable_sessions_parent_class)->dispose (object);
}

static void
cartable_sessions_finalize (GObject *object)
{
  CartableSessions *self = CARTABLE_SESSIONS (object);

  g_clear_pointer (&self->sessions, g_ptr_array_unref);

  G_OBJECT_CLASS (cartable_sessions_parent_class)->finalize (object);
}

static void
cartable_sessions_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CartableSessions *self = CARTABLE_SESSIONS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->network_monitor);
      break;
    case PROP_MAIL_ACCOUNTS:
      g_value_set_object (value, self->mail_accounts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_sessions_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CartableSessions *self = CARTABLE_SESSIONS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->network_monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_sessions_class_init (CartableSessionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_sessions_constructed;
  object_class->dispose = cartable_sessions_dispose;
  object_class->finalize = cartable_sessions_finalize;
  object_class->get_property = cartable_sessions_get_property;
  object_class->set_property = cartable_sessions_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARTABLE_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAIL_ACCOUNTS] =
    g_param_spec_object ("mail-accounts", NULL, NULL, CARTABLE_TYPE_MAIL_ACCOUNTS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_sessions_init (CartableSessions *self)
{
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cartable_sessions_new:
 * @store: the user's accounts
 * @network_monitor: (nullable): tells the sessions when the network comes back
 *
 * Sets up a session for every account of @store (each goes online
 * asynchronously) and follows the store from then on.
 */
CartableSessions *
cartable_sessions_new (CartableAccountStore *store,
                       GNetworkMonitor      *network_monitor)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (store), NULL);
  g_return_val_if_fail (network_monitor == NULL || G_IS_NETWORK_MONITOR (network_monitor), NULL);

  return g_object_new (CARTABLE_TYPE_SESSIONS,
                       "store", store,
                       "network-monitor", network_monitor,
                       NULL);
}

CartableAccountStore *
cartable_sessions_get_store (CartableSessions *self)
{
  g_return_val_if_fail (CARTABLE_IS_SESSIONS (self), NULL);
  return self->store;
}

/**
 * cartable_sessions_get_mail_accounts:
 *
 * Returns: (transfer none): the mail side of every account, for the mail views
 */
CartableMailAccounts *
cartable_sessions_get_mail_accounts (CartableSessions *self)
{
  g_return_val_if_fail (CARTABLE_IS_SESSIONS (self), NULL);
  return self->mail_accounts;
}

/**
 * cartable_sessions_lookup:
 *
 * Returns: (transfer none) (nullable): the session of @account_id
 */
CartableAccountSession *
cartable_sessions_lookup (CartableSessions *self,
                          const char       *account_id)
{
  g_return_val_if_fail (CARTABLE_IS_SESSIONS (self), NULL);
  return account_id != NULL ? find_session (self, account_id, NULL) : NULL;
}

void
cartable_sessions_reconnect (CartableSessions *self)
{
  g_return_if_fail (CARTABLE_IS_SESSIONS (self));

  for (guint i = 0; i < self->sessions->len; i++)
    {
      CartableAccountSession *session = g_ptr_array_index (self->sessions, i);

      if (cartable_account_session_get_link (session) == CARTABLE_ACCOUNT_LINK_UNREACHABLE)
        cartable_account_session_reconnect (session);
    }
}

void
cartable_sessions_ask_pending (CartableSessions *self)
{
  g_return_if_fail (CARTABLE_IS_SESSIONS (self));

  for (guint i = 0; i < self->sessions->len; i++)
    cartable_account_session_ask_pending (g_ptr_array_index (self->sessions, i));
}

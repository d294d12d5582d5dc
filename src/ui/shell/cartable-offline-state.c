/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-offline-state"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-offline-state.h"
#include "mail/cartable-mail-session.h"

/**
 * cartable_offline_classify_account:
 * @online: whether the engine has the account online
 * @error: (nullable): the account's last error
 *
 * A refused password, an untrusted certificate or unusable settings have
 * their own messages (the sidebar, the password toast): they do not make
 * the window offline. The sessions classify the same way when they plan
 * their next attempt.
 */
CartableAccountLink
cartable_offline_classify_account (gboolean      online,
                                   const GError *error)
{
  return cartable_account_link_classify (online, error);
}

/**
 * cartable_offline_state_compute:
 * @network_available: what the network monitor says
 * @links: (array length=n_links): every account's link
 * @previous: the state shown until now
 *
 * One server that answers is enough to be online, whatever the network
 * monitor says (a loopback or local server needs no route). While accounts
 * try again after being offline, the window stays offline: the bar does
 * not blink off and on at each attempt.
 */
CartableOfflineState
cartable_offline_state_compute (gboolean                   network_available,
                                const CartableAccountLink *links,
                                guint                      n_links,
                                CartableOfflineState       previous)
{
  guint n_connecting = 0;
  guint n_unreachable = 0;

  g_return_val_if_fail (links != NULL || n_links == 0, CARTABLE_OFFLINE_STATE_NONE);

  for (guint i = 0; i < n_links; i++)
    {
      switch (links[i])
        {
        case CARTABLE_ACCOUNT_LINK_ONLINE:
          return CARTABLE_OFFLINE_STATE_NONE;
        case CARTABLE_ACCOUNT_LINK_CONNECTING:
          n_connecting++;
          break;
        case CARTABLE_ACCOUNT_LINK_UNREACHABLE:
          n_unreachable++;
          break;
        case CARTABLE_ACCOUNT_LINK_REFUSED:
        default:
          break;
        }
    }

  if (n_links == 0)
    return CARTABLE_OFFLINE_STATE_NONE;
  if (!network_available && n_connecting + n_unreachable > 0)
    return CARTABLE_OFFLINE_STATE_NO_NETWORK;
  if (n_unreachable > 0)
    return CARTABLE_OFFLINE_STATE_UNREACHABLE;
  if (n_connecting > 0 && previous != CARTABLE_OFFLINE_STATE_NONE)
    return CARTABLE_OFFLINE_STATE_UNREACHABLE;

  return CARTABLE_OFFLINE_STATE_NONE;
}

/**
 * cartable_offline_state_describe:
 *
 * Returns: (transfer full) (nullable): what happens and what still works,
 *   or %NULL when there is nothing to say
 */
char *
cartable_offline_state_describe (CartableOfflineState state)
{
  switch (state)
    {
    case CARTABLE_OFFLINE_STATE_NO_NETWORK:
      return g_strdup (_("Offline — you can read the mail already received; messages you write will leave "
                         "when the network returns."));
    case CARTABLE_OFFLINE_STATE_UNREACHABLE:
      return g_strdup (_("Offline: the mail server does not answer — you can read the mail already received; "
                         "messages you write will leave when it answers again."));
    case CARTABLE_OFFLINE_STATE_NONE:
    default:
      return NULL;
    }
}

/**
 * cartable_offline_state_describe_waiting:
 * @n_waiting: messages waiting in the outboxes
 *
 * Returns: (transfer full) (nullable): how many messages wait, or %NULL
 *   when none does
 */
char *
cartable_offline_state_describe_waiting (guint n_waiting)
{
  if (n_waiting == 0)
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message waits in the outbox.",
                                       "%u messages wait in the outbox.", n_waiting),
                          n_waiting);
}

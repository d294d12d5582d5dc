/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "account/cartable-account-session.h"
#include "account/cartable-account-store.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_SESSIONS (cartable_sessions_get_type ())

/* The application's sessions: a GListModel of CartableAccountSession, one
 * per account of the store, in the store's order, following it as
 * accounts are added or removed. Made once by the application and given
 * to each window. */
G_DECLARE_FINAL_TYPE (CartableSessions, cartable_sessions, CARTABLE, SESSIONS, GObject)

CartableSessions       *cartable_sessions_new               (CartableAccountStore *store,
                                                             GNetworkMonitor      *network_monitor);
CartableAccountStore   *cartable_sessions_get_store         (CartableSessions     *self);
CartableMailAccounts   *cartable_sessions_get_mail_accounts (CartableSessions     *self);
CartableAccountSession *cartable_sessions_lookup            (CartableSessions     *self,
                                                             const char           *account_id);
/* Tries every account whose server could not be reached again, now. */
void                    cartable_sessions_reconnect         (CartableSessions     *self);
/* Asks the questions that waited for a window (a window opened). */
void                    cartable_sessions_ask_pending       (CartableSessions     *self);

G_END_DECLS

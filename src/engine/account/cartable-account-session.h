/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "account/cartable-account.h"
#include "mail/cartable-mail-accounts.h"
#include "mail/cartable-drafts.h"
#include "mail/cartable-outbox.h"

G_BEGIN_DECLS

/* Where one account stands with its mail server. */
typedef enum
{
  CARTABLE_ACCOUNT_LINK_CONNECTING,   /* no answer yet */
  CARTABLE_ACCOUNT_LINK_ONLINE,
  CARTABLE_ACCOUNT_LINK_UNREACHABLE,  /* the server could not be reached */
  CARTABLE_ACCOUNT_LINK_REFUSED,      /* reached, but password, certificate or settings refused */
} CartableAccountLink;

CartableAccountLink cartable_account_link_classify (gboolean      online,
                                                    const GError *error);

/* Servers that do not answer are tried again, less and less often. */
#define CARTABLE_ACCOUNT_SESSION_RETRY_FIRST_DELAY 15
#define CARTABLE_ACCOUNT_SESSION_RETRY_MAX_DELAY   300

#define CARTABLE_TYPE_ACCOUNT_SESSION (cartable_account_session_get_type ())

/* Everything one account runs while the application runs, with or without
 * a window: its mail (folder tree, online state, last error), its outbox
 * (sending as soon as the account is online, so that mail scheduled in an
 * earlier run leaves on time) and its drafts, and the reconnection with
 * back-off when its server cannot be reached. What the user must answer
 * is emitted as signals (::password-refused, ::certificate-request,
 * ::outbox-problem); the windows ask.
 *
 * The account's agenda, address book and directory (evolution-data-server
 * clients) will be held here too, next to its mail. */
G_DECLARE_FINAL_TYPE (CartableAccountSession, cartable_account_session, CARTABLE, ACCOUNT_SESSION, GObject)

CartableAccountSession *cartable_account_session_new           (CartableAccount        *account,
                                                                CartableMailAccounts   *mail_accounts,
                                                                GNetworkMonitor        *network_monitor);
CartableAccount        *cartable_account_session_get_account   (CartableAccountSession *self);
const char             *cartable_account_session_get_account_id (CartableAccountSession *self);
CartableFolderTree     *cartable_account_session_get_folder_tree (CartableAccountSession *self);
gboolean                cartable_account_session_get_online    (CartableAccountSession *self);
const GError           *cartable_account_session_get_error     (CartableAccountSession *self);
CartableAccountLink     cartable_account_session_get_link      (CartableAccountSession *self);
/* Whether the server refused the saved password (or none was saved): the
 * question ::password-refused asked is still open. */
gboolean                cartable_account_session_get_password_refused (CartableAccountSession *self);
CartableOutbox         *cartable_account_session_get_outbox    (CartableAccountSession *self);
CartableDrafts         *cartable_account_session_get_drafts    (CartableAccountSession *self);
guint                   cartable_account_session_get_n_unsent_drafts (CartableAccountSession *self);
/* Seconds until the next automatic attempt while the server cannot be
 * reached, 0 when none is planned. */
guint                   cartable_account_session_get_retry_delay (CartableAccountSession *self);
void                    cartable_account_session_reconnect     (CartableAccountSession *self);
/* Tells that an operation on the account's servers failed with @error:
 * when it says the server can no longer be reached, the account goes
 * offline until it is reconnected. */
void                    cartable_account_session_note_error    (CartableAccountSession *self,
                                                                const GError           *error);
void                    cartable_account_session_ask_pending   (CartableAccountSession *self);

G_END_DECLS

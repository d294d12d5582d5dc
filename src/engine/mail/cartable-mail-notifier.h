/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mail/cartable-mail-accounts.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIL_NOTIFIER (cartable_mail_notifier_get_type ())

/* Watches the Inbox of every account of @accounts and sends a notification
 * through @application when new unread mail arrives, unless the current
 * time is within the quiet hours of @settings (quiet-hours-enabled,
 * quiet-hours-start, quiet-hours-end) or a window of the application has
 * the focus (cartable_mail_notifier_set_focused()); clicking it activates app.show-message ("(sss)": account id,
 * folder full name, uid). Mail found by the first synchronisation of an Inbox (what
 * arrived while Cartable was closed, or a whole new account) is not
 * announced. */
G_DECLARE_FINAL_TYPE (CartableMailNotifier, cartable_mail_notifier, CARTABLE, MAIL_NOTIFIER, GObject)

CartableMailNotifier *cartable_mail_notifier_new      (GApplication         *application,
                                                       CartableMailAccounts *accounts,
                                                       GSettings            *settings);
/* Whether the Inbox of @account_id is watched, its first synchronisation
 * done: mail arriving from now on is announced. */
gboolean              cartable_mail_notifier_is_watching (CartableMailNotifier *self,
                                                          const char           *account_id);
/* Whether a notification would be sent now (quiet hours and focus). */
gboolean              cartable_mail_notifier_may_notify (CartableMailNotifier *self);
void                  cartable_mail_notifier_set_focused (CartableMailNotifier *self,
                                                          gboolean              focused);

/* The notification's title and body for @count new messages, the newest
 * from @sender (a display name) about @subject. Pure function. */
void                  cartable_mail_notifier_describe (guint                 count,
                                                       const char           *sender,
                                                       const char           *subject,
                                                       char                **title,
                                                       char                **body);

G_END_DECLS

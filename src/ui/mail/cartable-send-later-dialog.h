/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_SEND_LATER_DIALOG (cartable_send_later_dialog_get_type ())

/* The composer's « Send Later » question: a day and a time, tomorrow at
 * 7:30 at first; « schedule » is enabled only for a time still to come. */
G_DECLARE_FINAL_TYPE (CartableSendLaterDialog, cartable_send_later_dialog, CARTABLE, SEND_LATER_DIALOG,
                      AdwMessageDialog)

GtkWidget  *cartable_send_later_dialog_new         (GtkWindow               *parent);
/* The chosen time, in seconds since the epoch. */
gint64      cartable_send_later_dialog_get_send_at (CartableSendLaterDialog *self);

/* Plain functions. The local time of @hour:@minute on @day's date. */
gint64      cartable_send_later_time               (GDateTime               *day,
                                                    int                      hour,
                                                    int                      minute);
/* Why @send_at cannot be chosen at @now, or NULL when it can. */
const char *cartable_send_later_problem            (gint64                   send_at,
                                                    gint64                   now);

G_END_DECLS

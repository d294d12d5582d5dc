/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_BACKGROUND_DIALOG (cartable_background_dialog_get_type ())

/* Asked once, the first time the window is closed while messages wait in
 * the outbox: keep running in the background (« background », and start
 * with the session if « autostart » is checked), « quit », or « cancel »
 * (the window stays open). */
G_DECLARE_FINAL_TYPE (CartableBackgroundDialog, cartable_background_dialog, CARTABLE, BACKGROUND_DIALOG,
                      AdwMessageDialog)

GtkWidget  *cartable_background_dialog_new           (GtkWindow                *parent,
                                                      guint                     n_waiting);
gboolean    cartable_background_dialog_get_autostart (CartableBackgroundDialog *self);

/* Plain functions: the sentence about @n_waiting messages of the outbox,
 * in the question above and in the warning before quitting. */
char       *cartable_background_dialog_body          (guint                     n_waiting);
char       *cartable_background_quit_warning         (guint                     n_waiting);

G_END_DECLS

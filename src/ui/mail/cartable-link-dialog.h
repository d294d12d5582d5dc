/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_LINK_DIALOG (cartable_link_dialog_get_type ())

/* The composer's « Insert a Link » question: one address field; « insert »
 * is enabled only for an address safe to put in a message. */
G_DECLARE_FINAL_TYPE (CartableLinkDialog, cartable_link_dialog, CARTABLE, LINK_DIALOG, AdwMessageDialog)

GtkWidget  *cartable_link_dialog_new             (GtkWindow          *parent);
/* The address typed, completed (https://, mailto:), or NULL when unsafe. */
const char *cartable_link_dialog_get_href        (CartableLinkDialog *self);

/* Plain function: what a typed address stands for — « www.x.fr » is
 * https://www.x.fr, « a@b.fr » is mailto:a@b.fr. */
char       *cartable_link_dialog_normalise_href  (const char         *typed);

G_END_DECLS

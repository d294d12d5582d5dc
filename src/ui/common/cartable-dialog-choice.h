/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Presents @dialog, its extra child focused, and completes with the
 * response it gets: the close response when it is closed without one, when
 * the window it is transient for is destroyed (the dialog goes too) or when
 * @cancellable is cancelled (the same). libadwaita 1.2 has no
 * adw_message_dialog_choose (). @dialog is the source object of the result,
 * so the callback reads the form's values from its properties. */
void        cartable_dialog_choose_async  (AdwMessageDialog    *dialog,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The response id; never NULL. */
char       *cartable_dialog_choose_finish (AdwMessageDialog    *dialog,
                                           GAsyncResult        *result);

G_END_DECLS

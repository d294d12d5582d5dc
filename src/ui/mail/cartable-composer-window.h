/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-composer.h"
#include "mail/cartable-drafts.h"
#include "mail/cartable-outbox.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_COMPOSER_WINDOW (cartable_composer_window_get_type ())

G_DECLARE_FINAL_TYPE (CartableComposerWindow, cartable_composer_window, CARTABLE, COMPOSER_WINDOW, AdwWindow)

CartableComposerWindow *cartable_composer_window_new          (GtkWindow              *parent,
                                                               CartableComposer       *composer,
                                                               CartableOutbox         *outbox,
                                                               CartableDrafts         *drafts,
                                                               guint64                 max_message_size);
CartableComposer       *cartable_composer_window_get_composer (CartableComposerWindow *self);
GtkTextBuffer          *cartable_composer_window_get_buffer   (CartableComposerWindow *self);
void                    cartable_composer_window_add_known_addresses (CartableComposerWindow *self,
                                                                      GHashTable             *addresses);
gboolean                cartable_composer_window_add_file     (CartableComposerWindow *self,
                                                               GFile                  *file,
                                                               GError                **error);

G_END_DECLS

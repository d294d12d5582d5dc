/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_TEXT_MODE (cartable_text_mode_get_type ())

/* Whether messages are read as plain text rather than in the web view:
 * the user's choice (GSettings « message-text-mode ») once made, until
 * then whether a screen reader runs. */
G_DECLARE_FINAL_TYPE (CartableTextMode, cartable_text_mode, CARTABLE, TEXT_MODE, GObject)

CartableTextMode *cartable_text_mode_new               (void);
gboolean          cartable_text_mode_get_active        (CartableTextMode *self);
void              cartable_text_mode_set_active        (CartableTextMode *self,
                                                        gboolean          active);

/* The decision itself: the user's @choice when @chosen, else
 * @screen_reader. */
gboolean          cartable_text_mode_decide            (gboolean          chosen,
                                                        gboolean          choice,
                                                        gboolean          screen_reader);

G_END_DECLS

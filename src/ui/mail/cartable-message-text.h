/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mail/cartable-message.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MESSAGE_TEXT (cartable_message_text_get_type ())

/* A message's body as plain text in a read-only text view with a caret,
 * which screen readers read line by line, its links marked in the text
 * and listed after it as buttons; the reading pane's text mode. */
G_DECLARE_FINAL_TYPE (CartableMessageText, cartable_message_text, CARTABLE, MESSAGE_TEXT, GtkWidget)

CartableMessageText *cartable_message_text_new            (void);
void                 cartable_message_text_set_message    (CartableMessageText *self,
                                                           CartableMessage     *message);
void                 cartable_message_text_set_large      (CartableMessageText *self,
                                                           gboolean             large);
GtkTextView         *cartable_message_text_get_text_view  (CartableMessageText *self);
/* The links listed after the text, in reading order. */
guint                cartable_message_text_get_n_links    (CartableMessageText *self);
GtkWidget           *cartable_message_text_get_link_button (CartableMessageText *self,
                                                            guint                index);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cartable-attachment-list.h"
#include "cartable-conversation.h"
#include "cartable-html-view.h"
#include "cartable-message-header.h"
#include "cartable-message-text.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MESSAGE_PANE (cartable_message_pane_get_type ())

/* A message as read in both versions: its header (with the remote-content
 * bar), its locked-down body and its attachments; large in the simple
 * version. */
G_DECLARE_FINAL_TYPE (CartableMessagePane, cartable_message_pane, CARTABLE, MESSAGE_PANE, GtkWidget)

CartableMessage       *cartable_message_pane_get_message         (CartableMessagePane *self);
void                   cartable_message_pane_set_message         (CartableMessagePane *self,
                                                                  CartableMessage     *message);
gboolean               cartable_message_pane_get_large           (CartableMessagePane *self);
void                   cartable_message_pane_set_large           (CartableMessagePane *self,
                                                                  gboolean             large);
gboolean               cartable_message_pane_get_draft           (CartableMessagePane *self);
void                   cartable_message_pane_set_draft           (CartableMessagePane *self,
                                                                  gboolean             draft);
CartableMessageHeader *cartable_message_pane_get_header          (CartableMessagePane *self);
CartableHtmlView      *cartable_message_pane_get_html_view       (CartableMessagePane *self);
CartableConversation  *cartable_message_pane_get_conversation    (CartableMessagePane *self);
/* Whether the body is shown as plain text (see CartableTextMode). */
gboolean               cartable_message_pane_get_text_mode       (CartableMessagePane *self);
void                   cartable_message_pane_set_text_mode       (CartableMessagePane *self,
                                                                  gboolean             text_mode);
CartableMessageText   *cartable_message_pane_get_message_text    (CartableMessagePane *self);
/* The body shown, web view or text view: where the keyboard reads. */
GtkWidget             *cartable_message_pane_get_body            (CartableMessagePane *self);

G_END_DECLS

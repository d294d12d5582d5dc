/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mail/cartable-message.h"
#include "mail/cartable-message-list.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_CONVERSATION_CARD (cartable_conversation_card_get_type ())

/* One earlier message of a conversation: folded to one line (sender, first
 * words, date) or unfolded with its header and body. The body's web view
 * is made the first time the card unfolds. */
G_DECLARE_FINAL_TYPE (CartableConversationCard, cartable_conversation_card, CARTABLE, CONVERSATION_CARD, GtkWidget)

CartableConversationCard *cartable_conversation_card_new          (CartableMessageSummary   *summary,
                                                                   gboolean                  expanded);
CartableMessageSummary   *cartable_conversation_card_get_summary  (CartableConversationCard *self);
CartableMessage          *cartable_conversation_card_get_message  (CartableConversationCard *self);
void                      cartable_conversation_card_set_message  (CartableConversationCard *self,
                                                                   CartableMessage          *message);
gboolean                  cartable_conversation_card_get_expanded (CartableConversationCard *self);
void                      cartable_conversation_card_set_expanded (CartableConversationCard *self,
                                                                   gboolean                  expanded);
void                      cartable_conversation_card_set_large    (CartableConversationCard *self,
                                                                   gboolean                  large);
gboolean                  cartable_conversation_card_get_large    (CartableConversationCard *self);
/* The web view of the body, or NULL while the card has never unfolded. */
GtkWidget                *cartable_conversation_card_get_html_view (CartableConversationCard *self);

G_END_DECLS

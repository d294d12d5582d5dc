/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mail/cartable-mail-folder.h"
#include "cartable-conversation-card.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_CONVERSATION (cartable_conversation_get_type ())

/* The earlier messages of the conversation whose last message the pane
 * shows, oldest first, one card each: the unread ones unfolded (and
 * marked read), the others folded to one line. Hidden when there are
 * none. */
G_DECLARE_FINAL_TYPE (CartableConversation, cartable_conversation, CARTABLE, CONVERSATION, GtkWidget)

void                      cartable_conversation_show         (CartableConversation *self,
                                                              CartableMailFolder   *folder,
                                                              GPtrArray            *summaries);
void                      cartable_conversation_clear        (CartableConversation *self);
void                      cartable_conversation_set_large    (CartableConversation *self,
                                                              gboolean              large);
guint                     cartable_conversation_get_n_cards  (CartableConversation *self);
CartableConversationCard *cartable_conversation_get_card     (CartableConversation *self,
                                                              guint                 index);
void                      cartable_conversation_remove_card  (CartableConversation     *self,
                                                              CartableConversationCard *card);
/* The card holding the keyboard focus in @widget's window, or NULL: the
 * message a reply or a delete then acts on. */
CartableConversationCard *cartable_conversation_find_focused_card (GtkWidget *widget);

G_END_DECLS

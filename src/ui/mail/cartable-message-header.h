/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mail/cartable-html-view.h"
#include "mail/cartable-message.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MESSAGE_HEADER (cartable_message_header_get_type ())

/* The header block of the message read, for the full and the simple
 * version: its rows (from, to, cc, date, subject) and the bar that offers
 * to show the remote content the body view blocked, once or always for
 * this sender. */
G_DECLARE_FINAL_TYPE (CartableMessageHeader, cartable_message_header, CARTABLE, MESSAGE_HEADER, GtkBox)

CartableMessageHeader *cartable_message_header_new                (void);
CartableMessage       *cartable_message_header_get_message        (CartableMessageHeader *self);
void                   cartable_message_header_set_message        (CartableMessageHeader *self,
                                                                   CartableMessage       *message);
CartableHtmlView      *cartable_message_header_get_html_view      (CartableMessageHeader *self);
void                   cartable_message_header_set_html_view      (CartableMessageHeader *self,
                                                                   CartableHtmlView      *html_view);
gboolean               cartable_message_header_get_large          (CartableMessageHeader *self);
void                   cartable_message_header_set_large          (CartableMessageHeader *self,
                                                                   gboolean               large);
gboolean               cartable_message_header_get_show_recipients (CartableMessageHeader *self);
void                   cartable_message_header_set_show_recipients (CartableMessageHeader *self,
                                                                    gboolean               show_recipients);
gboolean               cartable_message_header_get_remote_blocked (CartableMessageHeader *self);
gboolean               cartable_message_header_can_allow_remote_content (CartableMessageHeader *self,
                                                                         gboolean               always);
void                   cartable_message_header_allow_remote_content (CartableMessageHeader *self,
                                                                     gboolean               always);

G_END_DECLS

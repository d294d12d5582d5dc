/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mail/cartable-message.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_ATTACHMENT_LIST (cartable_attachment_list_get_type ())

G_DECLARE_FINAL_TYPE (CartableAttachmentList, cartable_attachment_list, CARTABLE, ATTACHMENT_LIST, AdwBin)

GtkWidget       *cartable_attachment_list_new          (void);
CartableMessage *cartable_attachment_list_get_message  (CartableAttachmentList *self);
/* Lists the attachments of @message (inline parts shown in the body are
 * left out); NULL empties the list. */
void             cartable_attachment_list_set_message  (CartableAttachmentList *self,
                                                        CartableMessage        *message);
/* How many attachments are listed. */
guint            cartable_attachment_list_get_n_shown  (CartableAttachmentList *self);
/* The player of the audio attachment at @position in the message's
 * attachments, once play was pressed; NULL before. */
GtkMediaStream  *cartable_attachment_list_get_stream   (CartableAttachmentList *self,
                                                        guint                   position);
/* The preview of the image attachment at @position, once decoded; NULL
 * before or when it cannot be previewed. */
GdkTexture      *cartable_attachment_list_get_preview  (CartableAttachmentList *self,
                                                        guint                   position);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-message-list.h"

G_BEGIN_DECLS

/* For the engine's files: lists and rows made from Camel's folder and
 * summary. */

CartableMessageSummary *cartable_message_summary_new_from_info  (CamelMessageInfo    *info);
/* Brings a summary up to date with @info in place, notifying what changed. */
void                    _cartable_message_summary_refresh        (CartableMessageSummary *self,
                                                                  CamelMessageInfo       *info);
void                    _cartable_message_summary_set_folder_name (CartableMessageSummary *self,
                                                                   const char             *folder_name);

typedef gboolean (*CartableMessageFilterFunc) (CamelMessageInfo *info,
                                               gpointer          user_data);

CartableMessageList    *cartable_message_list_new               (CamelFolder         *folder);
CamelFolder            *cartable_message_list_get_camel_folder  (CartableMessageList *self);
/* Keeps only the messages @func accepts (called from a worker thread, over
 * cached headers); NULL shows all. */
void                    cartable_message_list_set_filter        (CartableMessageList *self,
                                                                 CartableMessageFilterFunc func,
                                                                 gpointer             user_data,
                                                                 GDestroyNotify       destroy);
/* The CartableMailFolder the list belongs to, kept here as a plain object so
 * that the list needs nothing of the folder object above it (which makes
 * it, see cartable_message_list_get_folder()). */
GObject                *_cartable_message_list_get_folder_object (CartableMessageList *self);
void                    _cartable_message_list_set_folder_object (CartableMessageList *self,
                                                                  GObject             *folder_object);

G_END_DECLS

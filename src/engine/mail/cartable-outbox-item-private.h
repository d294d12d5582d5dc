/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-outbox-item.h"
#include "cartable-outbox-store.h"

G_BEGIN_DECLS

/* Shared by the outbox files: an item is the main-thread face of a record. */
struct _CartableOutboxItem
{
  GObject              parent_instance;
  CartableOutboxRecord data;
};

CartableOutboxItem *_cartable_outbox_item_new_take (CartableOutboxRecord       *record);
void                _cartable_outbox_item_update   (CartableOutboxItem         *self,
                                                    const CartableOutboxRecord *record);

G_END_DECLS

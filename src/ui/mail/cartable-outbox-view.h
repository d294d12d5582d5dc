/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-outbox.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_OUTBOX_VIEW (cartable_outbox_view_get_type ())

G_DECLARE_FINAL_TYPE (CartableOutboxView, cartable_outbox_view, CARTABLE, OUTBOX_VIEW, AdwWindow)

GtkWidget *cartable_outbox_view_new (GtkWindow  *parent,
                                     GListModel *outboxes);

G_END_DECLS

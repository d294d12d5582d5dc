/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

void cartable_account_removal_ask (GtkWindow            *parent,
                                   CartableAccountStore *store,
                                   const char           *account_id);

G_END_DECLS

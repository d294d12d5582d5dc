/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-mail-session.h"
#include "cartable-store-state-private.h"

G_BEGIN_DECLS

/* For the engine's mail files: the per-store state the session keeps for
 * each account. */
CartableStoreState *_cartable_mail_session_ref_store_state (CamelStore *store);

G_END_DECLS

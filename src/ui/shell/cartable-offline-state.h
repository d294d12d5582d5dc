/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "account/cartable-account-session.h"

G_BEGIN_DECLS

/* What the window says about the connection as a whole. */
typedef enum
{
  CARTABLE_OFFLINE_STATE_NONE,        /* some server answers, or none has been tried yet */
  CARTABLE_OFFLINE_STATE_NO_NETWORK,  /* the computer has no network */
  CARTABLE_OFFLINE_STATE_UNREACHABLE, /* a network, but no mail server answers */
} CartableOfflineState;

CartableAccountLink  cartable_offline_classify_account (gboolean                   online,
                                                        const GError              *error);
CartableOfflineState cartable_offline_state_compute    (gboolean                   network_available,
                                                        const CartableAccountLink *links,
                                                        guint                      n_links,
                                                        CartableOfflineState       previous);
char                *cartable_offline_state_describe   (CartableOfflineState       state);
char                *cartable_offline_state_describe_waiting (guint                n_waiting);

G_END_DECLS

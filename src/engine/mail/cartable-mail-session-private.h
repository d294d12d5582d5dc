/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-mail-session.h"
#include "cartable-store-state-private.h"

G_BEGIN_DECLS

/* For the engine's files: the session as the CamelSession it is (see
 * cartable-mail-session.h for why the type is declared by hand). */
typedef struct
{
  CamelSessionClass parent_class;
} CartableMailSessionClass;

/* Transfer none; NULL for an unknown account. */
CamelStore          *cartable_mail_session_get_store          (CartableMailSession       *self,
                                                               const char                *account_id);
CamelTransport      *cartable_mail_session_get_transport      (CartableMailSession       *self,
                                                               const char                *account_id);
/* The account owning @service (a store or transport of this session), or NULL. */
const char          *cartable_mail_session_get_account_id_for_service (CartableMailSession *self,
                                                                       CamelService        *service);

/* The per-store state the session keeps for each account. */
CartableStoreState *_cartable_mail_session_ref_store_state (CamelStore *store);

G_END_DECLS

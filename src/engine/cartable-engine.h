/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/cartable-interface-mode.h"
#include "core/cartable-paths.h"
#include "account/cartable-account.h"
#include "account/cartable-account-store.h"
#include "academy/cartable-academy-profile.h"
#include "academy/cartable-academy-catalogue.h"
#include "core/cartable-tls.h"
#include "account/cartable-credentials.h"
#include "academy/cartable-portal.h"
#include "academy/cartable-server-check.h"
#include "account/cartable-login.h"
#include "directory/cartable-directory-lookup.h"
#include "account/cartable-sessions.h"
#include "mail/cartable-mail-session.h"
#include "mail/cartable-folder-tree.h"
#include "mail/cartable-message-list.h"
#include "mail/cartable-message.h"
#include "mail/cartable-mail-actions.h"
#include "mail/cartable-mail-search.h"
#include "mail/cartable-mail-search-results.h"
#include "mail/cartable-mail-folder.h"
#include "mail/cartable-composer.h"
#include "mail/cartable-outbox.h"
#include "mail/cartable-drafts.h"
#include "mail/cartable-readable-text.h"

G_BEGIN_DECLS

void        cartable_engine_init          (void);
const char *cartable_engine_get_version   (void);

G_END_DECLS

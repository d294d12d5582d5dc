/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-message.h"
#include "mail/cartable-composer-window.h"

G_BEGIN_DECLS

typedef enum
{
  CARTABLE_COMPOSE_NEW,
  CARTABLE_COMPOSE_REPLY,
  CARTABLE_COMPOSE_REPLY_ALL,
  CARTABLE_COMPOSE_FORWARD,
} CartableComposeKind;

/* Composer windows write to the outbox and drafts of an account's
 * session. */
CartableSessions       *cartable_composer_launcher_find_sessions (GtkWidget           *widget);
GListModel             *cartable_composer_launcher_dup_outboxes  (CartableSessions    *sessions);
CartableComposerWindow *cartable_composer_launcher_compose       (CartableSessions    *sessions,
                                                                  GtkWindow           *parent,
                                                                  CartableComposeKind  kind,
                                                                  CartableMessage     *original,
                                                                  GError             **error);
CartableComposerWindow *cartable_composer_launcher_open_draft    (CartableSessions    *sessions,
                                                                  GtkWindow           *parent,
                                                                  const char          *account_id,
                                                                  const char          *draft_id,
                                                                  GError             **error);
CartableComposerWindow *cartable_composer_launcher_resume_draft  (CartableSessions    *sessions,
                                                                  GtkWindow           *parent,
                                                                  const char          *account_id,
                                                                  CartableMessage     *draft,
                                                                  GError             **error);
void                    cartable_composer_launcher_show_outbox   (CartableSessions    *sessions,
                                                                  GtkWindow           *parent);
void                    cartable_composer_launcher_install       (GtkWidget           *main_view);

G_END_DECLS

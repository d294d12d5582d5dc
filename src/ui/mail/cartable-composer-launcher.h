/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-accounts.h"
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

#define CARTABLE_TYPE_COMPOSER_LAUNCHER (cartable_composer_launcher_get_type ())

G_DECLARE_FINAL_TYPE (CartableComposerLauncher, cartable_composer_launcher, CARTABLE, COMPOSER_LAUNCHER, GObject)

CartableComposerLauncher *cartable_composer_launcher_get_for_accounts (CartableMailAccounts     *accounts);
CartableOutbox           *cartable_composer_launcher_get_outbox       (CartableComposerLauncher *self,
                                                                       const char               *account_id,
                                                                       GError                  **error);
CartableComposerWindow   *cartable_composer_launcher_compose          (CartableComposerLauncher *self,
                                                                       GtkWindow                *parent,
                                                                       CartableComposeKind       kind,
                                                                       CartableMessage          *original,
                                                                       GError                  **error);
CartableComposerWindow   *cartable_composer_launcher_open_draft        (CartableComposerLauncher *self,
                                                                       GtkWindow                *parent,
                                                                       const char               *account_id,
                                                                       const char               *draft_id,
                                                                       GError                  **error);
void                      cartable_composer_launcher_install          (GtkWidget                *main_view);

G_END_DECLS

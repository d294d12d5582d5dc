/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_PROMPTS (cartable_prompts_get_type ())

/* What the sessions ask the user, asked in one window: a refused password
 * (a toast whose button activates "account.reenter-password", then the
 * password dialog), a server certificate that could not be checked, a
 * message the server refused or that may have left, and the drafts an
 * earlier run left unsent; and the news that a message was sent. Owned by
 * the window. */
G_DECLARE_FINAL_TYPE (CartablePrompts, cartable_prompts, CARTABLE, PROMPTS, GObject)

CartablePrompts *cartable_prompts_new           (GtkWindow        *window,
                                                 AdwToastOverlay  *overlay,
                                                 CartableSessions *sessions);
void             cartable_prompts_ask_password  (CartablePrompts  *self,
                                                 const char       *account_id);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  cartable_onboarding_academy_matches (const char         *name,
                                               const char * const *domains,
                                               const char         *query);
char     *cartable_onboarding_activated_text  (const char         *identifier,
                                               const char         *email);
char     *cartable_onboarding_recovery_text   (const char         *school_name,
                                               const char         *school_city,
                                               GDateTime          *code_expires_at);
char     *cartable_onboarding_ticket_text     (const char         *ticket,
                                               const char         *email);

G_END_DECLS

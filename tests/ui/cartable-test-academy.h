/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "shell/cartable-application.h"

G_BEGIN_DECLS

void        cartable_test_academy_start       (const char           *seed_user,
                                               guint                 seed_count);
void        cartable_test_academy_run         (const char * const   *args);
const char *cartable_test_academy_get_dir     (void);
const char *cartable_test_academy_get_profile (void);
const char *cartable_test_academy_field       (const char           *identifier,
                                               const char           *field);
void        cartable_test_academy_add_account (CartableApplication  *app,
                                               const char           *identifier,
                                               const char           *password);

G_END_DECLS

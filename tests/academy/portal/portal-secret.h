/* SPDX-License-Identifier: GPL-3.0-or-later */
/* portal-secret.h: password hashes, secret comparison, codes and the password policy. */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PORTAL_POLICY_MIN_LENGTH  12
#define PORTAL_POLICY_MAX_LENGTH  128
#define PORTAL_POLICY_MIN_CLASSES 3

void       portal_secret_init           (int         cost);
gboolean   portal_secret_equal          (const char *a,
                                         const char *b);
char      *portal_password_hash         (const char *password,
                                         int         cost);
gboolean   portal_password_verify       (const char *password,
                                         const char *hash);
void       portal_password_burn_time    (const char *password);
char      *portal_code_new              (void);
char      *portal_code_digest           (const char *code);
char      *portal_normalize_token       (const char *text);
JsonNode  *portal_policy_describe       (void);
JsonArray *portal_policy_check          (const char *password,
                                         const char *identifier,
                                         const char *current_hash);

G_END_DECLS

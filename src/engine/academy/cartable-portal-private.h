/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cartable-portal.h"

G_BEGIN_DECLS

/* Shared by the portal's files: cartable-portal-types.c (errors, result
 * types), cartable-portal-json.c (reading and building the JSON) and
 * cartable-portal.c (the client). */

/* What an error of CARTABLE_PORTAL_ERROR carries besides its message. */
typedef struct
{
  int                   attempts_left;
  int                   retry_after;
  GStrv                 violated_rules;
  GStrv                 violation_messages;
  GStrv                 fields;
  char                 *portal_message;
  char                 *portal_code;
  guint                 http_status;
  GTlsCertificateFlags  tls_errors;
} CartablePortalErrorPrivate;

CartablePortalErrorPrivate *_cartable_portal_error_private        (GError              *error);
const char                 *_cartable_portal_error_describe_code  (CartablePortalError  code);

/* Reads a successful answer; NULL with CARTABLE_PORTAL_ERROR_INVALID_RESPONSE
 * when it is not what the API documents. */
typedef gpointer (*CartablePortalParseFunc) (JsonNode  *root,
                                             GError   **error);

gpointer _cartable_portal_json_parse_account   (JsonNode  *root,
                                                GError   **error);
gpointer _cartable_portal_json_parse_info      (JsonNode  *root,
                                                GError   **error);
gpointer _cartable_portal_json_parse_terms     (JsonNode  *root,
                                                GError   **error);
gpointer _cartable_portal_json_parse_policy    (JsonNode  *root,
                                                GError   **error);
gpointer _cartable_portal_json_parse_recovery  (JsonNode  *root,
                                                GError   **error);
gpointer _cartable_portal_json_parse_services  (JsonNode  *root,
                                                GError   **error);
gpointer _cartable_portal_json_parse_ticket    (JsonNode  *root,
                                                GError   **error);
gpointer _cartable_portal_json_parse_raw       (JsonNode  *root,
                                                GError   **error);

GError  *_cartable_portal_json_error_from_response (guint        status,
                                                    JsonNode    *root,
                                                    const char  *retry_after);

GBytes  *_cartable_portal_json_build_body      (JsonBuilder *builder);
void     _cartable_portal_json_add_string      (JsonBuilder *builder,
                                                const char  *name,
                                                const char  *value);

G_END_DECLS

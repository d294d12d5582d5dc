/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-portal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-portal-private.h"

/* The portal's JSON, without the network: answers read into the result
 * types and errors, request bodies built. Members of the wrong type count
 * as absent, so that a hostile answer cannot crash the reader. */

/* ------------------------------------------------------------- JSON reading */

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static gboolean
get_int_member (JsonObject *object,
                const char *name,
                gint64     *value)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return FALSE;

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_bool_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return FALSE;

  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static GDateTime *
get_time_member (JsonObject *object,
                 const char *name)
{
  g_autofree char *text = dup_string_member (object, name);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static CartablePortalSchool *
parse_school (JsonObject *object)
{
  CartablePortalSchool *school;

  if (object == NULL)
    return NULL;

  school = g_new0 (CartablePortalSchool, 1);
  school->uai = dup_string_member (object, "uai");
  school->name = dup_string_member (object, "name");
  school->city = dup_string_member (object, "city");
  return school;
}

static gboolean
invalid_response (GError **error)
{
  g_set_error_literal (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE,
                       _("The portal sent an answer Cartable does not understand."));
  return FALSE;
}

gpointer
_cartable_portal_json_parse_account (JsonNode  *root,
                                     GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePortalAccount) account = NULL;

  if (object == NULL)
    return invalid_response (error), NULL;

  account = g_new0 (CartablePortalAccount, 1);
  account->identifier = dup_string_member (object, "identifier");
  account->email = dup_string_member (object, "email");
  account->display_name = dup_string_member (object, "display_name");
  account->state = dup_string_member (object, "state");
  account->origin = dup_string_member (object, "origin");
  account->must_change_password = get_bool_member (object, "must_change_password");
  account->recovery_pending = get_bool_member (object, "recovery_pending");
  account->password_changed_at = get_time_member (object, "password_changed_at");
  account->school = parse_school (get_object_member (object, "school"));

  if (account->identifier == NULL || account->state == NULL)
    return invalid_response (error), NULL;

  return g_steal_pointer (&account);
}

gpointer
_cartable_portal_json_parse_info (JsonNode  *root,
                                  GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *academy;
  g_autoptr(CartablePortalInfo) info = NULL;
  gint64 version = 0;

  if (object == NULL)
    return invalid_response (error), NULL;

  info = g_new0 (CartablePortalInfo, 1);
  info->api = dup_string_member (object, "api");
  if (get_int_member (object, "version", &version))
    info->version = (int) CLAMP (version, 0, G_MAXINT);
  academy = get_object_member (object, "academy");
  info->academy_id = dup_string_member (academy, "id");
  info->academy_name = dup_string_member (academy, "name");
  info->academy_domain = dup_string_member (academy, "domain");
  info->terms_version = dup_string_member (object, "terms_version");

  if (info->version != 1)
    return invalid_response (error), NULL;

  return g_steal_pointer (&info);
}

gpointer
_cartable_portal_json_parse_terms (JsonNode  *root,
                                   GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePortalTerms) terms = NULL;

  if (object == NULL)
    return invalid_response (error), NULL;

  terms = g_new0 (CartablePortalTerms, 1);
  terms->version = dup_string_member (object, "version");
  terms->title = dup_string_member (object, "title");
  terms->text = dup_string_member (object, "text");

  if (terms->version == NULL || terms->text == NULL)
    return invalid_response (error), NULL;

  return g_steal_pointer (&terms);
}

gpointer
_cartable_portal_json_parse_policy (JsonNode  *root,
                                    GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePasswordPolicy) policy = NULL;
  g_autoptr(GStrvBuilder) classes = g_strv_builder_new ();
  JsonArray *array;
  gint64 value;

  if (object == NULL)
    return invalid_response (error), NULL;

  policy = g_new0 (CartablePasswordPolicy, 1);
  policy->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_password_rule_free);
  if (get_int_member (object, "min_length", &value))
    policy->min_length = (guint) CLAMP (value, 0, G_MAXUINT16);
  if (get_int_member (object, "max_length", &value))
    policy->max_length = (guint) CLAMP (value, 0, G_MAXUINT16);
  if (get_int_member (object, "min_classes", &value))
    policy->min_classes = (guint) CLAMP (value, 0, 16);

  array = get_array_member (object, "classes");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (classes, json_node_get_string (node));
    }
  policy->classes = g_strv_builder_end (classes);

  array = get_array_member (object, "rules");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CartablePasswordRule *rule;

      if (item == NULL)
        continue;
      rule = g_new0 (CartablePasswordRule, 1);
      rule->rule = dup_string_member (item, "rule");
      rule->description = dup_string_member (item, "description");
      if (rule->rule == NULL)
        {
          cartable_password_rule_free (rule);
          continue;
        }
      g_ptr_array_add (policy->rules, rule);
    }

  return g_steal_pointer (&policy);
}

gpointer
_cartable_portal_json_parse_recovery (JsonNode  *root,
                                      GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  CartablePortalRecovery *recovery;

  if (object == NULL)
    return invalid_response (error), NULL;

  recovery = g_new0 (CartablePortalRecovery, 1);
  recovery->delivery = dup_string_member (object, "delivery");
  recovery->school = parse_school (get_object_member (object, "school"));
  recovery->code_expires_at = get_time_member (object, "code_expires_at");
  return recovery;
}

gpointer
_cartable_portal_json_parse_services (JsonNode  *root,
                                      GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(GPtrArray) services = NULL;
  JsonArray *array = get_array_member (object, "services");

  if (array == NULL)
    return invalid_response (error), NULL;

  services = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_portal_service_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CartablePortalService *service;

      if (item == NULL)
        continue;
      service = g_new0 (CartablePortalService, 1);
      service->id = dup_string_member (item, "id");
      service->name = dup_string_member (item, "name");
      service->description = dup_string_member (item, "description");
      if (service->id == NULL || service->name == NULL)
        {
          cartable_portal_service_free (service);
          continue;
        }
      g_ptr_array_add (services, service);
    }

  return g_steal_pointer (&services);
}

gpointer
_cartable_portal_json_parse_ticket (JsonNode  *root,
                                    GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(CartablePortalTicket) ticket = NULL;

  if (object == NULL)
    return invalid_response (error), NULL;

  ticket = g_new0 (CartablePortalTicket, 1);
  ticket->ticket = dup_string_member (object, "ticket");
  ticket->service = dup_string_member (object, "service");
  ticket->received_at = get_time_member (object, "received_at");
  if (ticket->ticket == NULL)
    return invalid_response (error), NULL;

  return g_steal_pointer (&ticket);
}

gpointer
_cartable_portal_json_parse_raw (JsonNode  *root,
                                 GError   **error)
{
  return json_node_copy (root);
}

/**
 * _cartable_portal_json_error_from_response:
 * @status: the HTTP status of the answer
 * @root: (nullable): its JSON body, if it was JSON
 * @retry_after: (nullable): its Retry-After header
 *
 * Returns: (transfer full): the error the portal's answer means
 */
GError *
_cartable_portal_json_error_from_response (guint       status,
                                           JsonNode   *root,
                                           const char *retry_after)
{
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *error_object = get_object_member (object, "error");
  g_autofree char *code_name = dup_string_member (error_object, "code");
  CartablePortalErrorPrivate *priv;
  CartablePortalError code;
  GError *error;
  JsonArray *array;
  gint64 value;

  if (error_object == NULL || code_name == NULL)
    {
      error = g_error_new (CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE,
                           _("The portal answered with an unexpected error (HTTP %u)."), status);
      _cartable_portal_error_private (error)->http_status = status;
      return error;
    }

  code = cartable_portal_error_code_from_string (code_name);
  error = g_error_new_literal (CARTABLE_PORTAL_ERROR, code, _cartable_portal_error_describe_code (code));
  priv = _cartable_portal_error_private (error);
  priv->http_status = status;
  priv->portal_code = g_steal_pointer (&code_name);
  priv->portal_message = dup_string_member (error_object, "message");

  if (get_int_member (error_object, "attempts_left", &value))
    priv->attempts_left = (int) CLAMP (value, 0, G_MAXINT);
  if (get_int_member (error_object, "retry_after", &value))
    priv->retry_after = (int) CLAMP (value, 0, G_MAXINT);
  else
    {
      guint64 seconds;

      if (retry_after != NULL && g_ascii_string_to_unsigned (retry_after, 10, 0, G_MAXINT, &seconds, NULL))
        priv->retry_after = (int) seconds;
    }

  array = get_array_member (error_object, "violations");
  if (array != NULL)
    {
      g_autoptr(GStrvBuilder) rules = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) messages = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          g_autofree char *rule = dup_string_member (item, "rule");
          g_autofree char *message = dup_string_member (item, "message");

          if (rule == NULL)
            continue;
          g_strv_builder_add (rules, rule);
          g_strv_builder_add (messages, message != NULL ? message : "");
        }

      priv->violated_rules = g_strv_builder_end (rules);
      priv->violation_messages = g_strv_builder_end (messages);
    }

  array = get_array_member (error_object, "fields");
  if (array != NULL)
    {
      g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (fields, json_node_get_string (node));
        }
      priv->fields = g_strv_builder_end (fields);
    }

  return error;
}

/* ------------------------------------------------------------- JSON writing */

GBytes *
_cartable_portal_json_build_body (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_with_free_func (data, length, (GDestroyNotify) g_free, data);
}

void
_cartable_portal_json_add_string (JsonBuilder *builder,
                                  const char  *name,
                                  const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

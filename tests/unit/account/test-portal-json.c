/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-engine.h"
#include "academy/cartable-portal-private.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("portal-json");

/*
 * The portal's JSON without the network: answers given as fixed strings
 * are read into the result types and errors, a member of the wrong type
 * counts as absent, and a request body reads back as it was built. (The
 * same answers from the reference portal are checked in the integration
 * suite.)
 */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

CARTABLE_TEST ("account", test_account)
{
  g_autoptr(JsonNode) root = parse_json (
    "{ \"identifier\": \"mdurand\", \"email\": \"marie.durand@ac-normandie.fr\","
    "  \"display_name\": \"Marie Durand\", \"state\": \"active\", \"origin\": 7,"
    "  \"must_change_password\": true, \"recovery_pending\": \"yes\","
    "  \"password_changed_at\": \"2026-09-01T08:30:00Z\","
    "  \"school\": { \"uai\": \"0760001A\", \"name\": \"Collège Jean Moulin\", \"city\": \"Rouen\" } }");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartablePortalAccount) account = _cartable_portal_json_parse_account (root, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->identifier, ==, "mdurand");
  g_assert_cmpstr (account->email, ==, "marie.durand@ac-normandie.fr");
  g_assert_cmpstr (account->display_name, ==, "Marie Durand");
  g_assert_cmpstr (account->state, ==, "active");
  /* Wrong types count as absent. */
  g_assert_null (account->origin);
  g_assert_true (account->must_change_password);
  g_assert_false (account->recovery_pending);
  g_assert_nonnull (account->password_changed_at);
  g_assert_cmpint (g_date_time_get_year (account->password_changed_at), ==, 2026);
  g_assert_cmpint (g_date_time_get_hour (account->password_changed_at), ==, 8);
  g_assert_nonnull (account->school);
  g_assert_cmpstr (account->school->uai, ==, "0760001A");
  g_assert_cmpstr (account->school->name, ==, "Collège Jean Moulin");
  g_assert_cmpstr (account->school->city, ==, "Rouen");
}

CARTABLE_TEST ("not-an-object", test_not_an_object)
{
  g_autoptr(JsonNode) array = parse_json ("[ { \"identifier\": \"mdurand\" } ]");
  g_autoptr(JsonNode) ticket = parse_json ("{ \"service\": \"dane\" }");
  g_autoptr(GError) error = NULL;

  g_assert_null (_cartable_portal_json_parse_account (array, &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_null (_cartable_portal_json_parse_services (array, &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* A ticket without its number is no receipt. */
  g_assert_null (_cartable_portal_json_parse_ticket (ticket, &error));
  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
}

CARTABLE_TEST ("policy", test_policy)
{
  g_autoptr(JsonNode) root = parse_json (
    "{ \"min_length\": 12, \"max_length\": 999999, \"min_classes\": 3,"
    "  \"classes\": [ \"lower\", \"upper\", 4, \"digit\" ],"
    "  \"rules\": [ { \"rule\": \"no_identifier\", \"description\": \"Pas d’identifiant\" },"
    "               { \"description\": \"sans nom\" }, \"texte\" ] }");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartablePasswordPolicy) policy = _cartable_portal_json_parse_policy (root, &error);
  const char * const classes[] = { "lower", "upper", "digit", NULL };
  CartablePasswordRule *rule;

  g_assert_no_error (error);
  g_assert_cmpuint (policy->min_length, ==, 12);
  g_assert_cmpuint (policy->max_length, ==, G_MAXUINT16);
  g_assert_cmpuint (policy->min_classes, ==, 3);
  g_assert_true (g_strv_equal ((const char * const *) policy->classes, classes));
  g_assert_cmpuint (policy->rules->len, ==, 1);
  rule = g_ptr_array_index (policy->rules, 0);
  g_assert_cmpstr (rule->rule, ==, "no_identifier");
  g_assert_cmpstr (rule->description, ==, "Pas d’identifiant");
}

CARTABLE_TEST ("services", test_services)
{
  g_autoptr(JsonNode) root = parse_json (
    "{ \"services\": [ { \"id\": \"dane\", \"name\": \"DANE\", \"description\": \"Numérique\" },"
    "                  { \"id\": \"rh\" }, { \"name\": \"Sans id\" },"
    "                  { \"id\": \"dsden76\", \"name\": \"DSDEN 76\" } ] }");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = _cartable_portal_json_parse_services (root, &error);
  CartablePortalService *service;

  g_assert_no_error (error);
  g_assert_cmpuint (services->len, ==, 2);
  service = g_ptr_array_index (services, 0);
  g_assert_cmpstr (service->id, ==, "dane");
  g_assert_cmpstr (service->description, ==, "Numérique");
  service = g_ptr_array_index (services, 1);
  g_assert_cmpstr (service->id, ==, "dsden76");
  g_assert_null (service->description);
}

CARTABLE_TEST ("error-answer", test_error_answer)
{
  g_autoptr(JsonNode) root = parse_json (
    "{ \"error\": { \"code\": \"password_policy\", \"message\": \"Mot de passe refusé\","
    "  \"attempts_left\": 2,"
    "  \"violations\": [ { \"rule\": \"min_length\", \"message\": \"Trop court\" },"
    "                    { \"message\": \"sans règle\" }, { \"rule\": \"no_identifier\" } ],"
    "  \"fields\": [ \"password\", 3, \"identifier\" ] } }");
  g_autoptr(GError) error = _cartable_portal_json_error_from_response (422, root, "60");
  const char * const rules[] = { "min_length", "no_identifier", NULL };
  const char * const messages[] = { "Trop court", "", NULL };
  const char * const fields[] = { "password", "identifier", NULL };

  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY);
  g_assert_cmpstr (error->message, ==, _cartable_portal_error_describe_code (CARTABLE_PORTAL_ERROR_PASSWORD_POLICY));
  g_assert_cmpuint (cartable_portal_error_get_http_status (error), ==, 422);
  g_assert_cmpstr (cartable_portal_error_get_portal_code (error), ==, "password_policy");
  g_assert_cmpstr (cartable_portal_error_get_portal_message (error), ==, "Mot de passe refusé");
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, 2);
  /* No retry_after member: the header answers. */
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), ==, 60);
  g_assert_true (g_strv_equal (cartable_portal_error_get_violated_rules (error), rules));
  g_assert_true (g_strv_equal (cartable_portal_error_get_violation_messages (error), messages));
  g_assert_true (g_strv_equal (cartable_portal_error_get_fields (error), fields));
}

CARTABLE_TEST ("error-retry-member-wins", test_error_retry_member_wins)
{
  g_autoptr(JsonNode) root = parse_json (
    "{ \"error\": { \"code\": \"rate_limited\", \"retry_after\": 30 } }");
  g_autoptr(GError) error = _cartable_portal_json_error_from_response (429, root, "90");

  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_RATE_LIMITED);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error), ==, 30);
  g_assert_cmpint (cartable_portal_error_get_attempts_left (error), ==, -1);
  g_assert_null (cartable_portal_error_get_violated_rules (error));
}

CARTABLE_TEST ("error-not-documented", test_error_not_documented)
{
  g_autoptr(JsonNode) html = json_node_init_string (json_node_alloc (), "<html>502</html>");
  g_autoptr(JsonNode) unknown = parse_json ("{ \"error\": { \"code\": \"maintenance\" } }");
  g_autoptr(GError) error = _cartable_portal_json_error_from_response (502, NULL, NULL);
  g_autoptr(GError) error_html = _cartable_portal_json_error_from_response (502, html, "abc");
  g_autoptr(GError) error_unknown = _cartable_portal_json_error_from_response (503, unknown, NULL);

  g_assert_error (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (cartable_portal_error_get_http_status (error), ==, 502);
  g_assert_error (error_html, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (cartable_portal_error_get_retry_after (error_html), ==, -1);
  /* A code this client does not know is kept for the helpdesk. */
  g_assert_error (error_unknown, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_FAILED);
  g_assert_cmpstr (cartable_portal_error_get_portal_code (error_unknown), ==, "maintenance");
}

CARTABLE_TEST ("body", test_body)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_builder_begin_object (builder);
  _cartable_portal_json_add_string (builder, "identifier", "mdurand");
  _cartable_portal_json_add_string (builder, "numen", NULL);
  _cartable_portal_json_add_string (builder, "message", "« Bonjour » \"cité\"\n");
  json_builder_end_object (builder);
  body = _cartable_portal_json_build_body (builder);

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "identifier"), ==, "mdurand");
  g_assert_cmpstr (json_object_get_string_member (object, "numen"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, "« Bonjour » \"cité\"\n");
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* academy-portal.c: the reference academy portal (docs/portal-api.md), for tests and the demo. */

#define G_LOG_DOMAIN "academy-portal"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "portal-secret.h"
#include "portal-store.h"

#define API_PREFIX     "/api/v1"
#define MAX_BODY_SIZE  (16 * 1024)

typedef struct
{
  gint64 window_start;
  guint  count;
} RateEntry;

typedef struct
{
  PortalStore *store;
  GHashTable  *rates;        /* client address → RateEntry */
  FILE        *log;

  int          code_lifetime;
  int          lock_seconds;
  int          max_attempts;
  int          rate_count;
  int          rate_window;
  int          bcrypt_cost;
} Portal;

typedef enum
{
  ROUTE_PUBLIC,
  ROUTE_BASIC_AUTH,
} RouteAuth;

typedef void (*RouteHandler) (Portal            *portal,
                              SoupServerMessage *msg,
                              JsonObject        *account);

typedef struct
{
  const char   *path;
  const char   *method;
  RouteAuth     auth;
  gboolean      has_body;
  RouteHandler  handler;
} Route;

/* ------------------------------------------------------------------ helpers */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
format_timestamp (gint64 unix_time)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
send_json (SoupServerMessage *msg,
           guint              status,
           JsonNode          *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  char *data;
  gsize length;

  json_generator_set_root (gen, node);
  data = json_generator_to_data (gen, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    data, length);
}

static void
send_object (SoupServerMessage *msg,
             guint              status,
             JsonObject        *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  send_json (msg, status, node);
}

/* Sends the error object of the API. @attempts_left and @retry_after are left
 * out when negative; @violations and @fields when NULL (they are consumed). */
static void
send_error_full (SoupServerMessage *msg,
                 guint              status,
                 const char        *code,
                 const char        *message,
                 int                attempts_left,
                 gint64             retry_after,
                 JsonArray         *violations,
                 GPtrArray         *fields)
{
  g_autoptr (JsonObject) error = json_object_new ();
  g_autoptr (JsonObject) root = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  if (attempts_left >= 0)
    json_object_set_int_member (error, "attempts_left", attempts_left);
  if (retry_after >= 0)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

      json_object_set_int_member (error, "retry_after", retry_after);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                    value);
    }
  if (violations != NULL)
    json_object_set_array_member (error, "violations", violations);
  if (fields != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < fields->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (fields, i));
      json_object_set_array_member (error, "fields", array);
    }
  json_object_set_object_member (root, "error", json_object_ref (error));

  send_object (msg, status, root);
}

static void
send_error (SoupServerMessage *msg,
            guint              status,
            const char        *code,
            const char        *message)
{
  send_error_full (msg, status, code, message, -1, -1, NULL, NULL);
}

static void
send_internal_error (SoupServerMessage *msg,
                     const GError      *error)
{
  g_message ("Internal error: %s", error ? error->message : "unknown");
  send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error",
              "Le portail n'a pas pu enregistrer la demande. Aucune modification n'a été faite ; "
              "réessayez plus tard.");
}

static const char *
account_string (JsonObject *account,
                const char *member)
{
  return json_object_get_string_member_with_default (account, member, NULL);
}

static JsonObject *
school_object (Portal     *portal,
               JsonObject *account)
{
  JsonObject *school = portal_store_find_school (portal->store, account_string (account, "school"));
  JsonObject *out = json_object_new ();

  if (school == NULL)
    return out;
  json_object_set_string_member (out, "uai", account_string (school, "uai"));
  json_object_set_string_member (out, "name", account_string (school, "name"));
  json_object_set_string_member (out, "city", account_string (school, "city"));

  return out;
}

static JsonObject *
account_status_object (Portal     *portal,
                       JsonObject *account,
                       gboolean    full)
{
  JsonObject *out = json_object_new ();
  gint64 changed = json_object_get_int_member_with_default (account, "password_changed_at", 0);

  json_object_set_string_member (out, "identifier", account_string (account, "identifier"));
  json_object_set_string_member (out, "email", account_string (account, "email"));
  json_object_set_string_member (out, "display_name", account_string (account, "display_name"));
  json_object_set_string_member (out, "state", account_string (account, "state"));
  json_object_set_boolean_member (out, "must_change_password",
                                  json_object_get_boolean_member_with_default (account,
                                                                               "must_change_password",
                                                                               FALSE));
  if (!full)
    return out;

  json_object_set_string_member (out, "origin", account_string (account, "origin"));
  if (changed > 0)
    {
      g_autofree char *ts = format_timestamp (changed);

      json_object_set_string_member (out, "password_changed_at", ts);
    }
  else
    {
      json_object_set_null_member (out, "password_changed_at");
    }
  json_object_set_boolean_member (out, "recovery_pending",
                                  json_object_get_boolean_member_with_default (account,
                                                                               "recovery_pending",
                                                                               FALSE));
  json_object_set_object_member (out, "school", school_object (portal, account));

  return out;
}

static gboolean
save_state (Portal            *portal,
            SoupServerMessage *msg)
{
  g_autoptr (GError) error = NULL;

  if (portal_store_save (portal->store, &error))
    return TRUE;
  if (msg != NULL)
    send_internal_error (msg, error);
  else
    g_message ("Could not save the state: %s", error->message);

  return FALSE;
}

/* ------------------------------------------------------------------ locks and attempts */

/* Answers account_locked and returns TRUE if @account is locked; a lock that
 * has run out is lifted (and the failure counter reset) on the way. */
static gboolean
reject_if_locked (Portal            *portal,
                  SoupServerMessage *msg,
                  JsonObject        *account)
{
  gint64 until = json_object_get_int_member_with_default (account, "locked_until", 0);
  gint64 now = now_seconds ();

  if (until > now)
    {
      send_error_full (msg, 423, "account_locked",
                       "Ce compte est verrouillé après plusieurs essais infructueux. "
                       "Réessayez plus tard.",
                       -1, until - now, NULL, NULL);
      return TRUE;
    }
  if (until != 0)
    {
      json_object_set_int_member (account, "locked_until", 0);
      json_object_set_int_member (account, "failed_attempts", 0);
      save_state (portal, NULL);
    }

  return FALSE;
}

/* Counts a failed attempt. Answers account_locked if it reaches the limit,
 * else the given error with attempts_left. */
static void
fail_attempt (Portal            *portal,
              SoupServerMessage *msg,
              JsonObject        *account,
              guint              status,
              const char        *code,
              const char        *message)
{
  gint64 failures = json_object_get_int_member_with_default (account, "failed_attempts", 0) + 1;

  json_object_set_int_member (account, "failed_attempts", failures);
  if (failures >= portal->max_attempts)
    {
      json_object_set_int_member (account, "locked_until", now_seconds () + portal->lock_seconds);
      if (!save_state (portal, msg))
        return;
      send_error_full (msg, 423, "account_locked",
                       "Trop d'essais infructueux : ce compte est verrouillé. Réessayez plus tard.",
                       -1, portal->lock_seconds, NULL, NULL);
      return;
    }
  if (!save_state (portal, msg))
    return;

  {
    int left = portal->max_attempts - (int) failures;
    g_autofree char *full = g_strdup_printf ("%s Il vous reste %d %s.", message, left,
                                             left > 1 ? "essais" : "essai");

    if (status == SOUP_STATUS_UNAUTHORIZED)
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Basic realm=\"Academie\", charset=\"UTF-8\"");
    send_error_full (msg, status, code, full, left, -1, NULL, NULL);
  }
}

static void
reset_attempts (JsonObject *account)
{
  json_object_set_int_member (account, "failed_attempts", 0);
  json_object_set_int_member (account, "locked_until", 0);
}

/* ------------------------------------------------------------------ request bodies */

/* Reads a required string member: trimmed, 1 to @max_chars characters, no
 * control characters unless @multiline. Adds @name to @invalid otherwise. */
static char *
take_string (JsonObject *body,
             const char *name,
             glong       max_chars,
             gboolean    multiline,
             GPtrArray  *invalid)
{
  JsonNode *node = json_object_get_member (body, name);
  const char *value;
  g_autofree char *copy = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    goto invalid;
  value = json_node_get_string (node);
  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0' || g_utf8_strlen (copy, -1) > max_chars)
    goto invalid;
  for (const char *p = copy; *p; p++)
    {
      if ((guchar) *p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' || *p == '\t')))
        goto invalid;
      if ((guchar) *p == 0x7f)
        goto invalid;
    }

  return g_steal_pointer (&copy);

invalid:
  g_ptr_array_add (invalid, (gpointer) name);
  return NULL;
}

/* Like take_string, but keeps the value as given (passwords may start or end with a space). */
static char *
take_password (JsonObject *body,
               const char *name,
               GPtrArray  *invalid)
{
  JsonNode *node = json_object_get_member (body, name);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_ptr_array_add (invalid, (gpointer) name);
      return NULL;
    }
  value = json_node_get_string (node);
  if (*value == '\0' || strlen (value) > 1024)
    {
      g_ptr_array_add (invalid, (gpointer) name);
      return NULL;
    }

  return g_strdup (value);
}

static char *
take_birth_date (JsonObject *body,
                 GPtrArray  *invalid)
{
  g_autofree char *value = take_string (body, "birth_date", 10, FALSE, invalid);
  guint y, m, d;
  char tail;

  if (value == NULL)
    return NULL;
  if (strlen (value) != 10 || value[4] != '-' || value[7] != '-' ||
      sscanf (value, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      g_ptr_array_add (invalid, (gpointer) "birth_date");
      return NULL;
    }

  return g_steal_pointer (&value);
}

static gboolean
plausible_email (const char *email)
{
  const char *at = strchr (email, '@');
  const char *dot;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strlen (email) > 254)
    return FALSE;
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == '<' || *p == '>' || *p == ',' || *p == '"')
      return FALSE;

  return TRUE;
}

static gboolean
reject_invalid (SoupServerMessage *msg,
                GPtrArray         *invalid)
{
  if (invalid->len == 0)
    return FALSE;
  send_error_full (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                   "La demande est incomplète ou contient des champs invalides.", -1, -1, NULL,
                   invalid);
  return TRUE;
}

static gboolean
reject_policy (SoupServerMessage *msg,
               JsonArray         *violations)
{
  if (json_array_get_length (violations) == 0)
    return FALSE;
  send_error_full (msg, 422, "password_policy",
                   "Le mot de passe ne respecte pas la politique de l'académie.", -1, -1,
                   json_array_ref (violations), NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ mail */

static const char *const day_names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static char *
rfc5322_date (void)
{
  g_autoptr (GDateTime) dt = g_date_time_new_now_utc ();

  return g_strdup_printf ("%s, %d %s %d %02d:%02d:%02d +0000",
                          day_names[g_date_time_get_day_of_week (dt) - 1],
                          g_date_time_get_day_of_month (dt),
                          month_names[g_date_time_get_month (dt) - 1],
                          g_date_time_get_year (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt));
}

/* RFC 2047 encoded words for a header value, split on character boundaries. */
static char *
encode_header (const char *text)
{
  GString *out;
  gboolean ascii = TRUE;
  const char *p = text;

  for (const char *q = text; *q; q++)
    if ((guchar) *q >= 0x80)
      ascii = FALSE;
  if (ascii)
    return g_strdup (text);

  out = g_string_new (NULL);
  while (*p)
    {
      const char *start = p;
      g_autofree char *b64 = NULL;

      while (*p && p - start < 42)
        p = g_utf8_next_char (p);
      b64 = g_base64_encode ((const guchar *) start, p - start);
      if (out->len > 0)
        g_string_append (out, "\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", b64);
    }

  return g_string_free (out, FALSE);
}

static char *
build_mail (Portal     *portal,
            const char *to,
            const char *reply_to_name,
            const char *reply_to,
            const char *subject,
            const char *extra_headers,
            const char *body)
{
  JsonObject *academy = portal_store_get_academy (portal->store);
  const char *noreply = account_string (academy, "noreply");
  const char *domain = account_string (academy, "domain");
  g_autofree char *date = rfc5322_date ();
  g_autofree char *from_name = encode_header ("Portail académique");
  g_autofree char *enc_subject = encode_header (subject);
  g_autofree char *id = portal_code_new ();
  GString *mail = g_string_new (NULL);

  g_string_append_printf (mail, "From: %s <%s>\n", from_name, noreply);
  g_string_append_printf (mail, "To: %s\n", to);
  if (reply_to != NULL)
    {
      g_autofree char *enc_name = encode_header (reply_to_name);

      g_string_append_printf (mail, "Reply-To: %s <%s>\n", enc_name, reply_to);
    }
  g_string_append_printf (mail, "Subject: %s\n", enc_subject);
  g_string_append_printf (mail, "Date: %s\n", date);
  g_string_append_printf (mail, "Message-ID: <portal.%" G_GINT64_FORMAT ".%s@%s>\n",
                          g_get_real_time (), id, domain);
  if (extra_headers != NULL)
    g_string_append (mail, extra_headers);
  g_string_append (mail, "Auto-Submitted: auto-generated\n"
                         "MIME-Version: 1.0\n"
                         "Content-Type: text/plain; charset=UTF-8\n"
                         "Content-Transfer-Encoding: 8bit\n\n");
  for (const char *p = body; *p; p++)
    if (*p != '\r')
      g_string_append_c (mail, *p);
  if (mail->str[mail->len - 1] != '\n')
    g_string_append_c (mail, '\n');

  return g_string_free (mail, FALSE);
}

/* ------------------------------------------------------------------ endpoints */

static void
handle_index (Portal            *portal,
              SoupServerMessage *msg,
              JsonObject        *account)
{
  JsonObject *academy = portal_store_get_academy (portal->store);
  g_autoptr (JsonObject) root = json_object_new ();
  JsonObject *a = json_object_new ();

  json_object_set_string_member (root, "api", "academy-portal");
  json_object_set_int_member (root, "version", 1);
  json_object_set_string_member (a, "id", account_string (academy, "id"));
  json_object_set_string_member (a, "name", account_string (academy, "name"));
  json_object_set_string_member (a, "domain", account_string (academy, "domain"));
  json_object_set_object_member (root, "academy", a);
  json_object_set_string_member (root, "terms_version",
                                 portal_store_get_terms_version (portal->store));
  send_object (msg, SOUP_STATUS_OK, root);
}

static const char terms_text[] =
  "La présente charte définit les conditions d'utilisation des services numériques mis à "
  "disposition des personnels par l'académie de Normandie : messagerie, agenda, carnet "
  "d'adresses, annuaire et applications académiques.\n\n"
  "Les identifiants sont personnels. Vous ne les communiquez à personne, pas même à "
  "l'assistance, qui ne vous les demandera jamais. Vous signalez sans délai toute utilisation "
  "que vous n'avez pas faite.\n\n"
  "La messagerie académique est réservée à un usage professionnel. Les messages restent soumis "
  "au secret professionnel et au devoir de réserve ; les données personnelles des élèves et de "
  "leurs familles n'y circulent que lorsque c'est nécessaire.\n\n"
  "L'annuaire académique ne sert qu'aux échanges professionnels. Toute extraction à d'autres "
  "fins est interdite.\n\n"
  "L'académie conserve les journaux de connexion pendant un an, conformément à la "
  "réglementation, et peut suspendre un compte en cas d'usage contraire à la présente charte.";

static void
handle_terms (Portal            *portal,
              SoupServerMessage *msg,
              JsonObject        *account)
{
  g_autoptr (JsonObject) root = json_object_new ();

  json_object_set_string_member (root, "version", portal_store_get_terms_version (portal->store));
  json_object_set_string_member (root, "title",
                                 "Charte d'utilisation des services numériques de l'académie");
  json_object_set_string_member (root, "text", terms_text);
  send_object (msg, SOUP_STATUS_OK, root);
}

static void
handle_policy (Portal            *portal,
               SoupServerMessage *msg,
               JsonObject        *account)
{
  g_autoptr (JsonNode) node = portal_policy_describe ();

  send_json (msg, SOUP_STATUS_OK, node);
}

static void
handle_services (Portal            *portal,
                 SoupServerMessage *msg,
                 JsonObject        *account)
{
  JsonArray *services = portal_store_get_services (portal->store);
  g_autoptr (JsonObject) root = json_object_new ();
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *s = json_array_get_object_element (services, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "id", account_string (s, "id"));
      json_object_set_string_member (o, "name", account_string (s, "name"));
      json_object_set_string_member (o, "description", account_string (s, "description"));
      json_array_add_object_element (out, o);
    }
  json_object_set_array_member (root, "services", out);
  send_object (msg, SOUP_STATUS_OK, root);
}

static JsonObject *
parse_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (data == NULL || length == 0 || memchr (data, '\0', length) != NULL ||
      !g_utf8_validate (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL))
    goto malformed;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto malformed;

  return json_object_ref (json_node_get_object (root));

malformed:
  send_error (msg, SOUP_STATUS_BAD_REQUEST, "malformed_json",
              "Le corps de la demande n'est pas un objet JSON valide.");
  return NULL;
}

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  soup_server_message_unpause (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

/* Dovecot looks at its passwd-file at most once a second: a lookup earlier
 * in the second of the change may have left it with the old hash. Holding
 * the answer until the next second starts makes "200" mean "works now". */
static void
hold_until_next_second (SoupServerMessage *msg)
{
  gint64 now = g_get_real_time ();
  guint delay_ms = (guint) ((G_USEC_PER_SEC - now % G_USEC_PER_SEC) / 1000) + 20;

  soup_server_message_pause (msg);
  g_timeout_add (delay_ms, unpause_cb, g_object_ref (msg));
}

/* Sets the password of @account (already checked) and saves; answers on failure. */
static gboolean
set_password (Portal            *portal,
              SoupServerMessage *msg,
              JsonObject        *account,
              const char        *password)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = portal_password_hash (password, portal->bcrypt_cost);

  if (hash == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "bcrypt failed");
      send_internal_error (msg, error);
      return FALSE;
    }
  if (!portal_store_provision (portal->store, account, hash, &error))
    {
      send_internal_error (msg, error);
      return FALSE;
    }
  json_object_set_int_member (account, "password_changed_at", now_seconds ());
  json_object_set_boolean_member (account, "must_change_password", FALSE);
  reset_attempts (account);
  if (!save_state (portal, msg))
    return FALSE;
  hold_until_next_second (msg);

  return TRUE;
}

static void
handle_activation (Portal            *portal,
                   SoupServerMessage *msg,
                   JsonObject        *unused)
{
  g_autoptr (JsonObject) body = parse_body (msg);
  g_autoptr (GPtrArray) invalid = g_ptr_array_new ();
  g_autofree char *identifier = NULL;
  g_autofree char *code = NULL;
  g_autofree char *birth_date = NULL;
  g_autofree char *password = NULL;
  g_autofree char *digest = NULL;
  g_autoptr (JsonArray) violations = NULL;
  JsonObject *account;
  const char *code_state;

  if (body == NULL)
    return;
  identifier = take_string (body, "identifier", 64, FALSE, invalid);
  code = take_string (body, "code", 64, FALSE, invalid);
  birth_date = take_birth_date (body, invalid);
  password = take_password (body, "password", invalid);
  if (reject_invalid (msg, invalid))
    return;

  account = portal_store_find_account (portal->store, identifier);
  if (account == NULL)
    {
      send_error (msg, SOUP_STATUS_NOT_FOUND, "unknown_account",
                  "Aucun compte ne correspond à cet identifiant.");
      return;
    }
  if (reject_if_locked (portal, msg, account))
    return;

  digest = portal_code_digest (code);
  code_state = json_object_get_string_member_with_default (account, "code_state", "none");
  if (strcmp (code_state, "none") == 0 ||
      !portal_secret_equal (digest, account_string (account, "code_sha256")))
    {
      fail_attempt (portal, msg, account, SOUP_STATUS_FORBIDDEN, "invalid_code",
                    "Le code d'activation est incorrect.");
      return;
    }
  if (strcmp (code_state, "used") == 0)
    {
      send_error (msg, SOUP_STATUS_CONFLICT, "code_already_used",
                  "Ce code d'activation a déjà été utilisé.");
      return;
    }
  if (!portal_secret_equal (birth_date, account_string (account, "birth_date")))
    {
      fail_attempt (portal, msg, account, SOUP_STATUS_FORBIDDEN, "identity_mismatch",
                    "La date de naissance ne correspond pas à ce compte.");
      return;
    }
  if (json_object_get_int_member_with_default (account, "code_expires_at", 0) <= now_seconds ())
    {
      send_error (msg, SOUP_STATUS_GONE, "code_expired",
                  "Ce code d'activation a expiré. Demandez-en un nouveau.");
      return;
    }
  violations = portal_policy_check (password, identifier, account_string (account, "password_hash"));
  if (reject_policy (msg, violations))
    return;

  if (!set_password (portal, msg, account, password))
    return;
  json_object_set_string_member (account, "code_state", "used");
  json_object_set_string_member (account, "state", "active");
  json_object_set_boolean_member (account, "recovery_pending", FALSE);
  if (!save_state (portal, msg))
    return;

  send_object (msg, SOUP_STATUS_OK, account_status_object (portal, account, FALSE));
}

static void
handle_activation_other (Portal            *portal,
                         SoupServerMessage *msg,
                         JsonObject        *unused)
{
  g_autoptr (JsonObject) body = parse_body (msg);
  g_autoptr (GPtrArray) invalid = g_ptr_array_new ();
  g_autofree char *numen = NULL;
  g_autofree char *normal_numen = NULL;
  g_autofree char *birth_date = NULL;
  g_autofree char *terms_version = NULL;
  g_autofree char *password = NULL;
  g_autoptr (JsonArray) violations = NULL;
  JsonNode *accepted;
  JsonObject *account;

  if (body == NULL)
    return;
  numen = take_string (body, "numen", 32, FALSE, invalid);
  birth_date = take_birth_date (body, invalid);
  accepted = json_object_get_member (body, "terms_accepted");
  if (accepted == NULL || !JSON_NODE_HOLDS_VALUE (accepted) ||
      json_node_get_value_type (accepted) != G_TYPE_BOOLEAN)
    g_ptr_array_add (invalid, (gpointer) "terms_accepted");
  terms_version = take_string (body, "terms_version", 64, FALSE, invalid);
  password = take_password (body, "password", invalid);
  if (reject_invalid (msg, invalid))
    return;

  normal_numen = portal_normalize_token (numen);
  account = portal_store_find_by_numen (portal->store, normal_numen);
  if (account == NULL)
    {
      send_error (msg, SOUP_STATUS_NOT_FOUND, "unknown_account",
                  "Aucun compte venant d'une autre académie ne correspond à ce NUMEN.");
      return;
    }
  if (reject_if_locked (portal, msg, account))
    return;
  if (g_strcmp0 (account_string (account, "state"), "active") == 0)
    {
      send_error (msg, SOUP_STATUS_CONFLICT, "already_active",
                  "Ce compte est déjà activé. En cas de perte du mot de passe, demandez un "
                  "nouveau code.");
      return;
    }
  if (!portal_secret_equal (birth_date, account_string (account, "birth_date")))
    {
      fail_attempt (portal, msg, account, SOUP_STATUS_FORBIDDEN, "identity_mismatch",
                    "La date de naissance ne correspond pas à ce compte.");
      return;
    }
  if (!json_node_get_boolean (accepted) ||
      strcmp (terms_version, portal_store_get_terms_version (portal->store)) != 0)
    {
      send_error (msg, 422, "terms_not_accepted",
                  "Vous devez accepter la version en vigueur de la charte d'utilisation.");
      return;
    }
  violations = portal_policy_check (password, account_string (account, "identifier"), NULL);
  if (reject_policy (msg, violations))
    return;

  if (!set_password (portal, msg, account, password))
    return;
  json_object_set_string_member (account, "state", "active");
  json_object_set_string_member (account, "terms_accepted_version", terms_version);
  if (!save_state (portal, msg))
    return;

  send_object (msg, SOUP_STATUS_OK, account_status_object (portal, account, FALSE));
}

static void
handle_account (Portal            *portal,
                SoupServerMessage *msg,
                JsonObject        *account)
{
  send_object (msg, SOUP_STATUS_OK, account_status_object (portal, account, TRUE));
}

static void
handle_password (Portal            *portal,
                 SoupServerMessage *msg,
                 JsonObject        *account)
{
  g_autoptr (JsonObject) body = parse_body (msg);
  g_autoptr (GPtrArray) invalid = g_ptr_array_new ();
  g_autofree char *current = NULL;
  g_autofree char *new_password = NULL;
  g_autoptr (JsonArray) violations = NULL;

  if (body == NULL)
    return;
  current = take_password (body, "current_password", invalid);
  new_password = take_password (body, "new_password", invalid);
  if (reject_invalid (msg, invalid))
    return;

  if (!portal_password_verify (current, account_string (account, "password_hash")))
    {
      fail_attempt (portal, msg, account, SOUP_STATUS_FORBIDDEN, "invalid_current_password",
                    "Le mot de passe actuel est incorrect.");
      return;
    }
  violations = portal_policy_check (new_password, account_string (account, "identifier"),
                                    account_string (account, "password_hash"));
  if (reject_policy (msg, violations))
    return;
  if (!set_password (portal, msg, account, new_password))
    return;

  send_object (msg, SOUP_STATUS_OK, account_status_object (portal, account, TRUE));
}

static void
handle_recovery (Portal            *portal,
                 SoupServerMessage *msg,
                 JsonObject        *unused)
{
  g_autoptr (JsonObject) body = parse_body (msg);
  g_autoptr (GPtrArray) invalid = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *identifier = NULL;
  g_autofree char *numen = NULL;
  g_autofree char *normal_numen = NULL;
  g_autofree char *normal_account_numen = NULL;
  g_autofree char *birth_date = NULL;
  g_autofree char *code = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *mail = NULL;
  JsonObject *account, *school, *reply;
  gboolean numen_ok, birth_ok;
  gint64 expires_at;

  if (body == NULL)
    return;
  identifier = take_string (body, "identifier", 64, FALSE, invalid);
  numen = take_string (body, "numen", 32, FALSE, invalid);
  birth_date = take_birth_date (body, invalid);
  if (reject_invalid (msg, invalid))
    return;

  account = portal_store_find_account (portal->store, identifier);
  if (account == NULL)
    {
      send_error (msg, SOUP_STATUS_NOT_FOUND, "unknown_account",
                  "Aucun compte ne correspond à cet identifiant.");
      return;
    }
  if (reject_if_locked (portal, msg, account))
    return;

  normal_numen = portal_normalize_token (numen);
  normal_account_numen = portal_normalize_token (account_string (account, "numen"));
  numen_ok = portal_secret_equal (normal_numen, normal_account_numen) && *normal_account_numen;
  birth_ok = portal_secret_equal (birth_date, account_string (account, "birth_date"));
  if (!numen_ok || !birth_ok)
    {
      fail_attempt (portal, msg, account, SOUP_STATUS_FORBIDDEN, "identity_mismatch",
                    "Le NUMEN ou la date de naissance ne correspond pas à ce compte.");
      return;
    }
  school = portal_store_find_school (portal->store, account_string (account, "school"));
  if (school == NULL || account_string (school, "secretariat") == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no secretariat for the school");
      send_internal_error (msg, error);
      return;
    }

  code = portal_code_new ();
  digest = portal_code_digest (code);
  expires_at = now_seconds () + portal->code_lifetime;
  expires = format_timestamp (expires_at);
  subject = g_strdup_printf ("Nouveau code d'activation pour %s (%s)",
                             account_string (account, "display_name"),
                             account_string (account, "identifier"));
  text = g_strdup_printf (
    "Bonjour,\n\n"
    "%s (identifiant %s) a demandé un nouveau code d'activation pour son compte "
    "académique. Merci de lui remettre ce code en main propre, après avoir vérifié son "
    "identité :\n\n"
    "    Code d'activation : %s\n"
    "    Valable jusqu'au : %s (UTC)\n\n"
    "Le code s'utilise une seule fois, sur le portail académique ou dans Cartable, avec "
    "l'identifiant et la date de naissance.\n\n"
    "-- \nPortail académique — Académie de Normandie\n",
    account_string (account, "display_name"), account_string (account, "identifier"), code,
    expires);
  headers = g_strdup_printf ("X-Academy-Identifier: %s\n", account_string (account, "identifier"));
  mail = build_mail (portal, account_string (school, "secretariat"), NULL, NULL, subject, headers,
                     text);
  if (!portal_store_deliver (portal->store, account_string (school, "secretariat"), mail, &error))
    {
      send_internal_error (msg, error);
      return;
    }

  json_object_set_string_member (account, "code_sha256", digest);
  json_object_set_string_member (account, "code_state", "pending");
  json_object_set_int_member (account, "code_expires_at", expires_at);
  json_object_set_boolean_member (account, "recovery_pending", TRUE);
  reset_attempts (account);
  if (!save_state (portal, msg))
    return;

  reply = json_object_new ();
  json_object_set_string_member (reply, "delivery", "school_secretariat");
  json_object_set_object_member (reply, "school", school_object (portal, account));
  json_object_set_string_member (reply, "code_expires_at", expires);
  send_object (msg, SOUP_STATUS_ACCEPTED, reply);
  json_object_unref (reply);
}

static void
handle_contact (Portal            *portal,
                SoupServerMessage *msg,
                JsonObject        *unused)
{
  g_autoptr (JsonObject) body = parse_body (msg);
  g_autoptr (GPtrArray) invalid = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_now_utc ();
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *message = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *day = NULL;
  g_autofree char *full_subject = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *text = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *received = NULL;
  g_autoptr (JsonObject) reply = json_object_new ();
  JsonObject *academy = portal_store_get_academy (portal->store);
  JsonObject *service;

  if (body == NULL)
    return;
  name = take_string (body, "name", 100, FALSE, invalid);
  email = take_string (body, "email", 254, FALSE, invalid);
  if (email != NULL && !plausible_email (email))
    g_ptr_array_add (invalid, (gpointer) "email");
  service_id = take_string (body, "service", 64, FALSE, invalid);
  subject = take_string (body, "subject", 200, FALSE, invalid);
  message = take_string (body, "message", 5000, TRUE, invalid);
  if (reject_invalid (msg, invalid))
    return;

  service = portal_store_find_service (portal->store, service_id);
  if (service == NULL)
    {
      send_error (msg, 422, "unknown_service", "Ce service n'existe pas.");
      return;
    }

  day = g_date_time_format (today, "%Y%m%d");
  ticket = g_strdup_printf ("%s-%s-%05" G_GINT64_FORMAT, account_string (academy, "ticket_prefix"),
                            day, portal_store_take_ticket_number (portal->store));
  full_subject = g_strdup_printf ("[%s] %s", ticket, subject);
  headers = g_strdup_printf ("X-Academy-Ticket: %s\n", ticket);
  text = g_strdup_printf ("Message reçu par le formulaire de contact de l'espace public.\n\n"
                          "Ticket : %s\nService : %s\nNom : %s\nAdresse : %s\nObjet : %s\n\n"
                          "%s\n",
                          ticket, account_string (service, "name"), name, email, subject, message);
  mail = build_mail (portal, account_string (service, "email"), name, email, full_subject, headers,
                     text);
  if (!portal_store_deliver (portal->store, account_string (service, "email"), mail, &error))
    {
      send_internal_error (msg, error);
      return;
    }
  if (!save_state (portal, msg))
    return;

  received = format_timestamp (now_seconds ());
  json_object_set_string_member (reply, "ticket", ticket);
  json_object_set_string_member (reply, "service", account_string (service, "id"));
  json_object_set_string_member (reply, "received_at", received);
  send_object (msg, SOUP_STATUS_CREATED, reply);
}

static const Route routes[] = {
  { "", "GET", ROUTE_PUBLIC, FALSE, handle_index },
  { "activation", "POST", ROUTE_PUBLIC, TRUE, handle_activation },
  { "terms", "GET", ROUTE_PUBLIC, FALSE, handle_terms },
  { "activation/other-academy", "POST", ROUTE_PUBLIC, TRUE, handle_activation_other },
  { "password-policy", "GET", ROUTE_PUBLIC, FALSE, handle_policy },
  { "account", "GET", ROUTE_BASIC_AUTH, FALSE, handle_account },
  { "account/password", "POST", ROUTE_BASIC_AUTH, TRUE, handle_password },
  { "recovery", "POST", ROUTE_PUBLIC, TRUE, handle_recovery },
  { "public/services", "GET", ROUTE_PUBLIC, FALSE, handle_services },
  { "public/contact", "POST", ROUTE_PUBLIC, TRUE, handle_contact },
};

/* ------------------------------------------------------------------ dispatch */

static void
send_unauthorized (SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                "Basic realm=\"Academie\", charset=\"UTF-8\"");
  send_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
              "Identifiant ou mot de passe incorrect.");
}

/* Basic authentication; returns the account or answers and returns NULL. */
static JsonObject *
authenticate (Portal            *portal,
              SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *credentials = NULL;
  gsize length = 0;
  char *colon;
  JsonObject *account;

  if (header == NULL || g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    {
      send_unauthorized (msg);
      return NULL;
    }
  decoded = g_base64_decode (header + 6, &length);
  credentials = g_strndup ((const char *) decoded, length);
  colon = strchr (credentials, ':');
  if (colon == NULL || strlen (credentials) != length || !g_utf8_validate (credentials, -1, NULL))
    {
      send_unauthorized (msg);
      return NULL;
    }
  *colon = '\0';

  account = portal_store_find_account (portal->store, credentials);
  if (account == NULL)
    {
      portal_password_burn_time (colon + 1);
      send_unauthorized (msg);
      return NULL;
    }
  if (reject_if_locked (portal, msg, account))
    return NULL;
  if (account_string (account, "password_hash") == NULL)
    {
      portal_password_burn_time (colon + 1);
      send_unauthorized (msg);
      return NULL;
    }
  if (!portal_password_verify (colon + 1, account_string (account, "password_hash")))
    {
      fail_attempt (portal, msg, account, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                    "Identifiant ou mot de passe incorrect.");
      return NULL;
    }
  if (json_object_get_int_member_with_default (account, "failed_attempts", 0) != 0)
    {
      reset_attempts (account);
      if (!save_state (portal, msg))
        return NULL;
    }

  return account;
}

/* Fixed window per client address. */
static gboolean
reject_if_rate_limited (Portal            *portal,
                        SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);
  gint64 now = now_seconds ();
  RateEntry *entry;

  if (host == NULL)
    host = "";
  entry = g_hash_table_lookup (portal->rates, host);
  if (entry == NULL)
    {
      entry = g_new0 (RateEntry, 1);
      g_hash_table_insert (portal->rates, g_strdup (host), entry);
    }
  if (now - entry->window_start >= portal->rate_window)
    {
      entry->window_start = now;
      entry->count = 0;
    }
  entry->count++;
  if (entry->count > (guint) portal->rate_count)
    {
      send_error_full (msg, 429, "rate_limited",
                       "Trop de demandes depuis votre adresse. Réessayez dans quelques instants.",
                       -1, MAX (1, entry->window_start + portal->rate_window - now), NULL, NULL);
      return TRUE;
    }

  return FALSE;
}

static void
log_request (Portal            *portal,
             SoupServerMessage *msg,
             const char        *path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *ts = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *safe_path = g_uri_escape_string (path, "/", FALSE);

  if (portal->log == NULL)
    return;
  fprintf (portal->log, "%s %s %s %s %u\n", ts,
           soup_server_message_get_remote_host (msg) ? soup_server_message_get_remote_host (msg) : "-",
           soup_server_message_get_method (msg), safe_path,
           soup_server_message_get_status (msg));
  fflush (portal->log);
}

static void
handle_api (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Portal *portal = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *sub;
  const Route *match = NULL;
  g_autoptr (GString) allow = g_string_new (NULL);
  JsonObject *account = NULL;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "no-store");

  if (reject_if_rate_limited (portal, msg))
    goto out;

  sub = path + strlen (API_PREFIX);
  if (*sub == '/')
    sub++;
  if (g_str_has_suffix (sub, "/") && *sub != '\0')
    {
      /* "activation/" is "activation". */
      g_autofree char *trimmed = g_strndup (sub, strlen (sub) - 1);

      for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
        if (strcmp (routes[i].path, trimmed) == 0)
          sub = routes[i].path;
    }
  if (strncmp (path, API_PREFIX, strlen (API_PREFIX)) != 0 ||
      (path[strlen (API_PREFIX)] != '\0' && path[strlen (API_PREFIX)] != '/'))
    sub = NULL;

  for (gsize i = 0; sub != NULL && i < G_N_ELEMENTS (routes); i++)
    {
      if (strcmp (routes[i].path, sub) != 0)
        continue;
      if (allow->len > 0)
        g_string_append (allow, ", ");
      g_string_append (allow, routes[i].method);
      if (strcmp (routes[i].method, method) == 0)
        match = &routes[i];
    }
  if (match == NULL && allow->len > 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    allow->str);
      send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                  "Cette méthode n'est pas permise pour cette adresse.");
      goto out;
    }
  if (match == NULL)
    {
      send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "Cette adresse n'existe pas.");
      goto out;
    }
  if (soup_server_message_get_request_body (msg)->length > MAX_BODY_SIZE)
    {
      send_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                  "La demande est trop volumineuse.");
      goto out;
    }
  if (match->auth == ROUTE_BASIC_AUTH)
    {
      account = authenticate (portal, msg);
      if (account == NULL)
        goto out;
    }

  match->handler (portal, msg, account);

out:
  log_request (portal, msg, path);
}

/* Refuses an announced oversized body before reading it. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Portal *portal = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > MAX_BODY_SIZE)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                    "close");
      send_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                  "La demande est trop volumineuse.");
      log_request (portal, msg, path);
    }
}

static void
handle_other (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "Cette adresse n'existe pas.");
  log_request (user_data, msg, path);
}

/* ------------------------------------------------------------------ main */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
log_handler_cb (const char     *log_domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
  Portal *portal = user_data;
  FILE *out = portal->log ? portal->log : stderr;

  if ((level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) && g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return;

  fprintf (out, "%s: %s\n", log_domain ? log_domain : "", message);
  fflush (out);
}

int
main (int   argc,
      char *argv[])
{
  Portal portal = { 0 };
  int port = 0;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *ldap_url = NULL;
  g_autofree char *ldap_dn = NULL;
  g_autofree char *ldap_pw_file = NULL;
  g_autofree char *ldap_base = NULL;
  g_autofree char *log_path = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "HTTPS port on 127.0.0.1", "N" },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, "TLS certificate (PEM)", "FILE" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key, "TLS private key (PEM)", "FILE" },
    { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir, "Instance folder", "DIR" },
    { "code-lifetime", 0, 0, G_OPTION_ARG_INT, &portal.code_lifetime,
      "Lifetime of recovery codes in seconds", "S" },
    { "lock-seconds", 0, 0, G_OPTION_ARG_INT, &portal.lock_seconds, "Lock duration in seconds", "S" },
    { "max-attempts", 0, 0, G_OPTION_ARG_INT, &portal.max_attempts,
      "Failed attempts before the lock", "N" },
    { "rate-limit", 0, 0, G_OPTION_ARG_STRING, &rate, "Requests per window per address", "N/S" },
    { "bcrypt-cost", 0, 0, G_OPTION_ARG_INT, &portal.bcrypt_cost, "bcrypt cost of new hashes", "N" },
    { "ldap-url", 0, 0, G_OPTION_ARG_STRING, &ldap_url, "Directory to provision", "URL" },
    { "ldap-admin-dn", 0, 0, G_OPTION_ARG_STRING, &ldap_dn, "Directory administrator", "DN" },
    { "ldap-password-file", 0, 0, G_OPTION_ARG_FILENAME, &ldap_pw_file,
      "File holding the administrator's password", "FILE" },
    { "ldap-base", 0, 0, G_OPTION_ARG_STRING, &ldap_base, "Base of the people entries", "DN" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  portal.code_lifetime = 30 * 24 * 3600;
  portal.lock_seconds = 900;
  portal.max_attempts = 5;
  portal.bcrypt_cost = 10;

  context = g_option_context_new ("— reference academy portal");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("academy-portal: %s\n", error->message);
      return 2;
    }
  if (port <= 0 || cert == NULL || key == NULL || state_dir == NULL)
    {
      g_printerr ("academy-portal: --port, --cert, --key and --state-dir are required\n");
      return 2;
    }
  portal.rate_count = 60;
  portal.rate_window = 60;
  if (rate != NULL && (sscanf (rate, "%d/%d", &portal.rate_count, &portal.rate_window) != 2 ||
                       portal.rate_count < 1 || portal.rate_window < 1))
    {
      g_printerr ("academy-portal: --rate-limit takes N/SECONDS\n");
      return 2;
    }
  if (portal.bcrypt_cost < 4 || portal.bcrypt_cost > 31 || portal.max_attempts < 1 ||
      portal.code_lifetime < 1 || portal.lock_seconds < 1)
    {
      g_printerr ("academy-portal: invalid option value\n");
      return 2;
    }

  log_path = g_build_filename (state_dir, "log", "portal.log", NULL);
  portal.log = fopen (log_path, "a");
  g_log_set_default_handler (log_handler_cb, &portal);

  portal.store = portal_store_load (state_dir, &error);
  if (portal.store == NULL)
    {
      g_printerr ("academy-portal: %s\n", error->message);
      return 1;
    }
  if (ldap_url != NULL)
    portal_store_set_ldap (portal.store, ldap_url, ldap_dn, ldap_pw_file, ldap_base);
  portal_secret_init (portal.bcrypt_cost);
  portal.rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  if (certificate == NULL)
    {
      g_printerr ("academy-portal: %s\n", error->message);
      return 1;
    }
  server = soup_server_new ("tls-certificate", certificate, "server-header", "academy-portal ",
                            NULL);
  soup_server_add_early_handler (server, API_PREFIX, early_cb, &portal, NULL);
  soup_server_add_handler (server, API_PREFIX, handle_api, &portal, NULL);
  soup_server_add_handler (server, NULL, handle_other, &portal, NULL);
  if (!soup_server_listen_local (server, port,
                                 SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("academy-portal: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  soup_server_disconnect (server);
  g_hash_table_unref (portal.rates);
  portal_store_free (portal.store);
  if (portal.log != NULL)
    fclose (portal.log);

  return 0;
}

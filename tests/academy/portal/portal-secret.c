/* SPDX-License-Identifier: GPL-3.0-or-later */
/* portal-secret.c: password hashes, secret comparison, codes and the password policy. */

#define G_LOG_DOMAIN "academy-portal"

#include <crypt.h>
#include <string.h>
#include <sys/random.h>

#include "portal-secret.h"

/* A hash of a random password at the configured cost, verified against when
 * the account is unknown so that the answer takes as long as for a known one. */
static char *dummy_hash;

void
portal_secret_init (int cost)
{
  g_autofree char *random_password = portal_code_new ();

  g_clear_pointer (&dummy_hash, g_free);
  dummy_hash = portal_password_hash (random_password, cost);
  if (dummy_hash == NULL)
    g_error ("bcrypt is not available in libcrypt");
}

/* Compares two secrets in time independent of where they differ: both are
 * reduced to SHA-256 digests first, then every byte is compared. */
gboolean
portal_secret_equal (const char *a,
                     const char *b)
{
  guint8 da[32], db[32];
  gsize la = sizeof da, lb = sizeof db;
  g_autoptr (GChecksum) ca = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GChecksum) cb = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 diff = 0;

  g_checksum_update (ca, (const guchar *) (a ? a : ""), -1);
  g_checksum_update (cb, (const guchar *) (b ? b : ""), -1);
  g_checksum_get_digest (ca, da, &la);
  g_checksum_get_digest (cb, db, &lb);
  for (gsize i = 0; i < sizeof da; i++)
    diff |= da[i] ^ db[i];

  return diff == 0 && a != NULL && b != NULL;
}

char *
portal_password_hash (const char *password,
                      int         cost)
{
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *out;

  g_return_val_if_fail (password != NULL, NULL);

  if (crypt_gensalt_rn ("$2b$", cost, NULL, 0, setting, sizeof setting) == NULL)
    return NULL;
  out = crypt_r (password, setting, data);
  if (out == NULL || out[0] == '*')
    return NULL;

  return g_strdup (out);
}

gboolean
portal_password_verify (const char *password,
                        const char *hash)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *out;

  if (password == NULL || hash == NULL || hash[0] != '$')
    {
      portal_password_burn_time (password);
      return FALSE;
    }
  out = crypt_r (password, hash, data);
  if (out == NULL || out[0] == '*')
    return FALSE;

  return portal_secret_equal (out, hash);
}

void
portal_password_burn_time (const char *password)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);

  g_assert (dummy_hash != NULL);
  crypt_r (password ? password : "", dummy_hash, data);
}

/* Eight characters without the ambiguous 0/O, 1/I: XXXX-XXXX. */
char *
portal_code_new (void)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  guint8 raw[8];
  GString *code = g_string_new (NULL);

  if (getrandom (raw, sizeof raw, 0) != sizeof raw)
    g_error ("getrandom failed");
  for (gsize i = 0; i < sizeof raw; i++)
    {
      if (i == 4)
        g_string_append_c (code, '-');
      g_string_append_c (code, alphabet[raw[i] % (sizeof alphabet - 1)]);
    }

  return g_string_free (code, FALSE);
}

/* Upper case, alphanumerics only: "k7qf 9xta" and "K7QF-9XTA" are the same. */
char *
portal_normalize_token (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));

  return g_string_free (out, FALSE);
}

char *
portal_code_digest (const char *code)
{
  g_autofree char *normal = portal_normalize_token (code);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, normal, -1);
}

typedef struct
{
  const char *rule;
  const char *description;
} PolicyRule;

static const PolicyRule rules[] = {
  { "min_length", "Au moins 12 caractères." },
  { "max_length", "Au plus 128 caractères." },
  { "character_classes",
    "Au moins 3 types de caractères parmi : minuscules, majuscules, chiffres, symboles." },
  { "not_identifier", "Ne pas contenir votre identifiant." },
  { "differs_from_current", "Être différent du mot de passe actuel." },
};

JsonNode *
portal_policy_describe (void)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min_length");
  json_builder_add_int_value (b, PORTAL_POLICY_MIN_LENGTH);
  json_builder_set_member_name (b, "max_length");
  json_builder_add_int_value (b, PORTAL_POLICY_MAX_LENGTH);
  json_builder_set_member_name (b, "min_classes");
  json_builder_add_int_value (b, PORTAL_POLICY_MIN_CLASSES);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "lowercase");
  json_builder_add_string_value (b, "uppercase");
  json_builder_add_string_value (b, "digit");
  json_builder_add_string_value (b, "symbol");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, rules[i].rule);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, rules[i].description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
add_violation (JsonArray  *violations,
               const char *rule)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if (strcmp (rules[i].rule, rule) == 0)
        {
          JsonObject *v = json_object_new ();

          json_object_set_string_member (v, "rule", rule);
          json_object_set_string_member (v, "message", rules[i].description);
          json_array_add_object_element (violations, v);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Returns the broken rules (an empty array when the password is fine).
 * @current_hash, if not NULL, is the hash the new password must differ from. */
JsonArray *
portal_policy_check (const char *password,
                     const char *identifier,
                     const char *current_hash)
{
  JsonArray *violations = json_array_new ();
  glong length = g_utf8_strlen (password, -1);
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, symbol = FALSE;
  int classes;

  for (const char *p = password; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        digit = TRUE;
      else if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c) || g_unichar_istitle (c))
        upper = TRUE;
      else
        symbol = TRUE;
    }
  classes = lower + upper + digit + symbol;

  if (length < PORTAL_POLICY_MIN_LENGTH)
    add_violation (violations, "min_length");
  if (length > PORTAL_POLICY_MAX_LENGTH)
    add_violation (violations, "max_length");
  if (classes < PORTAL_POLICY_MIN_CLASSES)
    add_violation (violations, "character_classes");
  if (identifier != NULL && strlen (identifier) >= 3)
    {
      g_autofree char *folded_pw = g_utf8_casefold (password, -1);
      g_autofree char *folded_id = g_utf8_casefold (identifier, -1);

      if (strstr (folded_pw, folded_id) != NULL)
        add_violation (violations, "not_identifier");
    }
  if (current_hash != NULL && portal_password_verify (password, current_hash))
    add_violation (violations, "differs_from_current");

  return violations;
}

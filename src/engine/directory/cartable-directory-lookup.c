/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-directory-lookup"

#include "config.h"

#include <glib/gi18n.h>
#include <ldap.h>
#include <string.h>

#include "cartable-directory-lookup.h"

/*
 * Who has this academic address: the identifier (`uid`) of the one entry
 * of the academy's directory whose `mail` it is. Sign-in uses it so that
 * staff may type the address they know instead of their identifier.
 *
 * OpenLDAP's client runs in a worker thread (its calls block), with
 * timeouts so that a silent server does not hold the sign-in: StartTLS or
 * LDAPS as the profile says, the certificate checked against the profile's
 * CA or the system's, an anonymous search (the directory is readable by
 * everyone in the academy, as its webmail's).
 */

#define TIMEOUT_SECONDS 10

G_DEFINE_QUARK (cartable-directory-error-quark, cartable_directory_error)

char *
cartable_directory_escape_filter_value (const char *value)
{
  GString *escaped;

  g_return_val_if_fail (value != NULL, NULL);

  escaped = g_string_sized_new (strlen (value));
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '*' || *p == '(' || *p == ')' || *p == '\\')
        g_string_append_printf (escaped, "\\%02x", (guchar) *p);
      else
        g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

typedef struct
{
  char *url;
  char *base;
  char *ca_file;
  char *email;
  gboolean starttls;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->url);
  g_free (lookup->base);
  g_free (lookup->ca_file);
  g_free (lookup->email);
  g_free (lookup);
}

static GError *
error_from_ldap (int         code,
                 const char *what)
{
  g_debug ("directory %s: %s (%d)", what, ldap_err2string (code), code);
  if (code == LDAP_SERVER_DOWN || code == LDAP_TIMEOUT || code == LDAP_CONNECT_ERROR)
    return g_error_new (CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_UNREACHABLE,
                        _("The academic directory cannot be reached."));
  return g_error_new (CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_FAILED,
                      _("The academic directory refused the search (%s)."), ldap_err2string (code));
}

static char *
find_identifier (Lookup  *lookup,
                 GError **error)
{
  LDAP *ld = NULL;
  LDAPMessage *answer = NULL;
  g_autofree char *escaped = cartable_directory_escape_filter_value (lookup->email);
  g_autofree char *filter = g_strdup_printf ("(&(objectClass=inetOrgPerson)(mail=%s))", escaped);
  char *attributes[] = { (char *) "uid", NULL };
  struct timeval timeout = { TIMEOUT_SECONDS, 0 };
  int version = LDAP_VERSION3;
  int demand = LDAP_OPT_X_TLS_DEMAND;
  int zero = 0;
  int code, count;
  char *identifier = NULL;

  code = ldap_initialize (&ld, lookup->url);
  if (code != LDAP_SUCCESS)
    {
      g_propagate_error (error, error_from_ldap (code, "address"));
      return NULL;
    }
  ldap_set_option (ld, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option (ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  ldap_set_option (ld, LDAP_OPT_TIMEOUT, &timeout);
  ldap_set_option (ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  /* A certificate that cannot be verified ends the lookup. */
  ldap_set_option (ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
  if (lookup->ca_file != NULL)
    ldap_set_option (ld, LDAP_OPT_X_TLS_CACERTFILE, lookup->ca_file);
  ldap_set_option (ld, LDAP_OPT_X_TLS_NEWCTX, &zero);

  if (lookup->starttls)
    {
      code = ldap_start_tls_s (ld, NULL, NULL);
      if (code != LDAP_SUCCESS)
        {
          if (code == LDAP_CONNECT_ERROR)
            g_set_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_CERTIFICATE,
                         _("The academic directory's certificate could not be verified."));
          else
            g_propagate_error (error, error_from_ldap (code, "StartTLS"));
          goto out;
        }
    }

  code = ldap_search_ext_s (ld, lookup->base, LDAP_SCOPE_SUBTREE, filter, attributes, 0,
                            NULL, NULL, &timeout, 2, &answer);
  if (code != LDAP_SUCCESS && code != LDAP_SIZELIMIT_EXCEEDED)
    {
      g_propagate_error (error, error_from_ldap (code, "search"));
      goto out;
    }

  count = ldap_count_entries (ld, answer);
  if (count == 0)
    {
      g_set_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_NOT_FOUND,
                   _("No one in the academic directory has the address %s."), lookup->email);
      goto out;
    }
  if (count > 1 || code == LDAP_SIZELIMIT_EXCEEDED)
    {
      g_set_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_AMBIGUOUS,
                   _("Several people in the academic directory share the address %s."), lookup->email);
      goto out;
    }

  {
    struct berval **values = ldap_get_values_len (ld, ldap_first_entry (ld, answer), "uid");

    if (values != NULL && values[0] != NULL && values[0]->bv_len > 0 &&
        g_utf8_validate (values[0]->bv_val, values[0]->bv_len, NULL) &&
        memchr (values[0]->bv_val, '\0', values[0]->bv_len) == NULL)
      identifier = g_strndup (values[0]->bv_val, values[0]->bv_len);
    else
      g_set_error (error, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_FAILED,
                   _("The academic directory gives no identifier for %s."), lookup->email);
    ldap_value_free_len (values);
  }

out:
  if (answer != NULL)
    ldap_msgfree (answer);
  ldap_unbind_ext_s (ld, NULL, NULL);
  return identifier;
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *identifier = find_identifier (task_data, &error);

  if (identifier == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, identifier, g_free);
}

/**
 * cartable_directory_find_identifier_async:
 * @profile: the academy, whose directory is asked
 * @email: an academic address
 *
 * Finds the identifier of the person whose address is @email. Errors are
 * #CARTABLE_DIRECTORY_ERROR, with a sentence for the user.
 */
void
cartable_directory_find_identifier_async (CartableAcademyProfile *profile,
                                          const char             *email,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  const CartableServer *directory;
  Lookup *lookup;

  g_return_if_fail (CARTABLE_IS_ACADEMY_PROFILE (profile));
  g_return_if_fail (email != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_directory_find_identifier_async);

  directory = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_LDAP);
  if (directory == NULL || directory->url == NULL || directory->base == NULL)
    {
      g_task_return_new_error (task, CARTABLE_DIRECTORY_ERROR, CARTABLE_DIRECTORY_ERROR_UNAVAILABLE,
                               _("Your academy has no directory to find the identifier of an address."));
      return;
    }

  lookup = g_new0 (Lookup, 1);
  /* TLS from the first byte needs the ldaps scheme for OpenLDAP. */
  if (directory->socket_type == CARTABLE_SOCKET_TYPE_TLS && g_str_has_prefix (directory->url, "ldap://"))
    lookup->url = g_strconcat ("ldaps://", directory->url + strlen ("ldap://"), NULL);
  else
    lookup->url = g_strdup (directory->url);
  lookup->base = g_strdup (directory->base);
  lookup->ca_file = g_strdup (cartable_academy_profile_get_ca_file (profile));
  lookup->email = g_strstrip (g_strdup (email));
  lookup->starttls = directory->socket_type == CARTABLE_SOCKET_TYPE_STARTTLS;
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  g_task_run_in_thread (task, find_thread);
}

/**
 * cartable_directory_find_identifier_finish:
 *
 * Returns: (transfer full): the identifier, or %NULL with @error set
 */
char *
cartable_directory_find_identifier_finish (GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cartable_directory_find_identifier_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

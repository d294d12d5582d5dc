/* SPDX-License-Identifier: GPL-3.0-or-later */
/* portal-store.c: the portal's accounts, kept in a JSON file of the instance folder,
 * and what a password change provisions: Dovecot, Radicale, slapd. */

#define G_LOG_DOMAIN "academy-portal"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include "portal-store.h"
#include "portal-secret.h"

struct _PortalStore
{
  char     *dir;
  char     *state_path;
  JsonNode *root;

  char     *ldap_url;
  char     *ldap_admin_dn;
  char     *ldap_password_file;
  char     *ldap_people_base;

  guint     delivery_counter;
};

void
portal_store_free (PortalStore *store)
{
  if (store == NULL)
    return;
  g_free (store->dir);
  g_free (store->state_path);
  g_clear_pointer (&store->root, json_node_unref);
  g_free (store->ldap_url);
  g_free (store->ldap_admin_dn);
  g_free (store->ldap_password_file);
  g_free (store->ldap_people_base);
  g_free (store);
}

PortalStore *
portal_store_load (const char  *instance_dir,
                   GError     **error)
{
  g_autoptr (PortalStore) store = g_new0 (PortalStore, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_return_val_if_fail (instance_dir != NULL, NULL);

  store->dir = g_strdup (instance_dir);
  store->state_path = g_build_filename (instance_dir, "portal", "state.json", NULL);
  if (!json_parser_load_from_file (parser, store->state_path, error))
    return NULL;
  store->root = json_parser_steal_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (store->root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a JSON object",
                   store->state_path);
      return NULL;
    }
  root = json_node_get_object (store->root);
  if (!json_object_has_member (root, "accounts") || !json_object_has_member (root, "academy"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no accounts or academy",
                   store->state_path);
      return NULL;
    }

  return g_steal_pointer (&store);
}

void
portal_store_set_ldap (PortalStore *store,
                       const char  *url,
                       const char  *admin_dn,
                       const char  *password_file,
                       const char  *people_base)
{
  g_return_if_fail (store != NULL);

  g_free (store->ldap_url);
  store->ldap_url = g_strdup (url);
  g_free (store->ldap_admin_dn);
  store->ldap_admin_dn = g_strdup (admin_dn);
  g_free (store->ldap_password_file);
  store->ldap_password_file = g_strdup (password_file);
  g_free (store->ldap_people_base);
  store->ldap_people_base = g_strdup (people_base);
}

gboolean
portal_store_save (PortalStore  *store,
                   GError      **error)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (store != NULL, FALSE);

  json_generator_set_root (gen, store->root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 1);
  data = json_generator_to_data (gen, &length);

  return g_file_set_contents_full (store->state_path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static JsonObject *
get_root (PortalStore *store)
{
  return json_node_get_object (store->root);
}

JsonObject *
portal_store_get_academy (PortalStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);

  return json_object_get_object_member (get_root (store), "academy");
}

const char *
portal_store_get_terms_version (PortalStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);

  return json_object_get_string_member_with_default (get_root (store), "terms_version", "");
}

JsonArray *
portal_store_get_services (PortalStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);

  return json_object_get_array_member (get_root (store), "services");
}

static JsonObject *
find_in_array (PortalStore *store,
               const char  *array_name,
               const char  *member,
               const char  *value)
{
  JsonArray *array = json_object_get_array_member (get_root (store), array_name);
  guint n = array ? json_array_get_length (array) : 0;

  if (value == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *v = json_object_get_string_member_with_default (item, member, NULL);

      if (v != NULL && g_ascii_strcasecmp (v, value) == 0)
        return item;
    }

  return NULL;
}

JsonObject *
portal_store_find_account (PortalStore *store,
                           const char  *identifier)
{
  g_return_val_if_fail (store != NULL, NULL);

  return find_in_array (store, "accounts", "identifier", identifier);
}

JsonObject *
portal_store_find_by_numen (PortalStore *store,
                            const char  *numen)
{
  JsonArray *array;
  guint n;

  g_return_val_if_fail (store != NULL, NULL);

  array = json_object_get_array_member (get_root (store), "accounts");
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *v = json_object_get_string_member_with_default (item, "numen", NULL);
      const char *origin = json_object_get_string_member_with_default (item, "origin", "");
      g_autofree char *normal = v ? portal_normalize_token (v) : NULL;

      if (normal != NULL && strcmp (origin, "other-academy") == 0 && strcmp (normal, numen) == 0)
        return item;
    }

  return NULL;
}

JsonObject *
portal_store_find_school (PortalStore *store,
                          const char  *uai)
{
  g_return_val_if_fail (store != NULL, NULL);

  return find_in_array (store, "schools", "uai", uai);
}

JsonObject *
portal_store_find_service (PortalStore *store,
                           const char  *id)
{
  g_return_val_if_fail (store != NULL, NULL);

  return find_in_array (store, "services", "id", id);
}

gint64
portal_store_take_ticket_number (PortalStore *store)
{
  JsonObject *root;
  gint64 n;

  g_return_val_if_fail (store != NULL, 0);

  root = get_root (store);
  n = json_object_get_int_member_with_default (root, "next_ticket", 1);
  json_object_set_int_member (root, "next_ticket", n + 1);

  return n;
}

/* Replaces @path atomically. Dovecot notices a changed passwd-file by its
 * mtime (in seconds) and size; a new hash has the same size, so the mtime
 * must move forward at every write, even twice in a second. */
static gboolean
replace_file (const char  *path,
              GString     *contents,
              GError     **error)
{
  struct stat st;
  gint64 previous = stat (path, &st) == 0 ? (gint64) st.st_mtime : 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  struct timespec times[2] = { { 0 } };

  if (!g_file_set_contents_full (path, contents->str, contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  times[0].tv_sec = times[1].tv_sec = MAX (now, previous + 1);
  if (utimensat (AT_FDCWD, path, times, 0) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/* Rewrites Dovecot's passwd-file and Radicale's htpasswd from the accounts;
 * @account's hash is taken as @new_hash. Both files are replaced atomically. */
static gboolean
write_password_files (PortalStore  *store,
                      JsonObject   *account,
                      const char   *new_hash,
                      GError      **error)
{
  JsonArray *accounts = json_object_get_array_member (get_root (store), "accounts");
  guint n = json_array_get_length (accounts);
  g_autoptr (GString) passwd = g_string_new (NULL);
  g_autoptr (GString) htpasswd = g_string_new (NULL);
  g_autofree char *passwd_path = g_build_filename (store->dir, "dovecot", "passwd", NULL);
  g_autofree char *htpasswd_path = g_build_filename (store->dir, "radicale", "htpasswd", NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *a = json_array_get_object_element (accounts, i);
      const char *id = json_object_get_string_member_with_default (a, "identifier", "");
      const char *email = json_object_get_string_member_with_default (a, "email", "");
      const char *hash = a == account ? new_hash
                                      : json_object_get_string_member_with_default (a, "password_hash", NULL);

      if (hash == NULL || *hash == '\0')
        continue;
      g_string_append_printf (passwd, "%s:{CRYPT}%s::::::user=%s\n", id, hash, email);
      g_string_append_printf (passwd, "%s:{CRYPT}%s::::::\n", email, hash);
      if (json_object_get_boolean_member_with_default (a, "dav", FALSE))
        g_string_append_printf (htpasswd, "%s:%s\n", id, hash);
    }

  return replace_file (passwd_path, passwd, error) && replace_file (htpasswd_path, htpasswd, error);
}

static gboolean
write_ldap_password (PortalStore  *store,
                     const char   *identifier,
                     const char   *new_hash,
                     GError      **error)
{
  g_autoptr (GSubprocess) proc = NULL;
  g_autofree char *ldif = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (store->ldap_url == NULL)
    return TRUE;

  ldif = g_strdup_printf ("dn: uid=%s,%s\nchangetype: modify\nreplace: userPassword\n"
                          "userPassword: {CRYPT}%s\n",
                          identifier, store->ldap_people_base, new_hash);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                             G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           error, "ldapmodify", "-x", "-H", store->ldap_url, "-D",
                           store->ldap_admin_dn, "-y", store->ldap_password_file, NULL);
  if (proc == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (proc, ldif, NULL, &out, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "ldapmodify failed: %s",
                   err ? g_strstrip (err) : "");
      return FALSE;
    }

  return TRUE;
}

/* Provisions @new_hash for @account into the directory, then the mail and DAV
 * password files, then stores it in the state. */
gboolean
portal_store_provision (PortalStore  *store,
                        JsonObject   *account,
                        const char   *new_hash,
                        GError      **error)
{
  const char *id;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (new_hash != NULL, FALSE);

  id = json_object_get_string_member (account, "identifier");
  if (json_object_get_boolean_member_with_default (account, "ldap", FALSE) &&
      !write_ldap_password (store, id, new_hash, error))
    return FALSE;
  if (!write_password_files (store, account, new_hash, error))
    return FALSE;
  json_object_set_string_member (account, "password_hash", new_hash);

  return TRUE;
}

/* Drops @message into the Maildir of @address, as a delivery agent would:
 * written under tmp/, then renamed into new/. */
gboolean
portal_store_deliver (PortalStore  *store,
                      const char   *address,
                      const char   *message,
                      GError      **error)
{
  g_autofree char *maildir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *lower = NULL;
  struct stat st;
  gsize length = strlen (message);
  gint64 now = g_get_real_time ();
  int fd;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (address != NULL && strchr (address, '/') == NULL, FALSE);

  lower = g_ascii_strdown (address, -1);
  maildir = g_build_filename (store->dir, "mail", lower, "Maildir", NULL);
  if (stat (maildir, &st) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no mailbox for %s", address);
      return FALSE;
    }
  name = g_strdup_printf ("%" G_GINT64_FORMAT ".M%06dP%dQ%u.academy-portal,S=%" G_GSIZE_FORMAT,
                          now / G_USEC_PER_SEC, (int) (now % G_USEC_PER_SEC), (int) getpid (),
                          ++store->delivery_counter, length);
  tmp_path = g_build_filename (maildir, "tmp", name, NULL);
  new_path = g_build_filename (maildir, "new", name, NULL);

  fd = open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", tmp_path,
                   g_strerror (errno));
      return FALSE;
    }
  /* The mail server reads and moves it as the mailbox's owner. */
  if (fchown (fd, st.st_uid, st.st_gid) != 0 ||
      write (fd, message, length) != (gssize) length ||
      fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", tmp_path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (rename (tmp_path, new_path) != 0)
    {
      int saved = errno;

      unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", new_path,
                   g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

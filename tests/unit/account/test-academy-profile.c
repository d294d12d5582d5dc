/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cartable-engine.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("academy-profile");

/*
 * Academy profiles: the loopback academy's format and the shipped profiles
 * parse into what they say; every file of the hostile corpus
 * (tests/data/profiles) and a few generated monsters fail with the right
 * error code and a message, without a crash, a warning or a network access.
 */

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "profiles", name, NULL);
}

static char *
academies_dir (void)
{
  const char *root = g_getenv ("CARTABLE_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "academies", NULL);
}

/* The profile academy-stack writes, with its CA next to it. */
static const char loopback_profile[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<clientConfig version=\"1.1\" xmlns:cartable=\"https://cartable.github.io/ns/academy/1.0\">\n"
  "  <emailProvider id=\"ac-normandie.fr\">\n"
  "    <domain>ac-normandie.fr</domain>\n"
  "    <displayName>Académie de Normandie</displayName>\n"
  "    <displayShortName>Normandie</displayShortName>\n"
  "    <incomingServer type=\"imap\">\n"
  "      <hostname>127.0.0.1</hostname><port>20000</port><socketType>SSL</socketType>\n"
  "      <username>%ACADEMY_ID%</username><authentication>password-cleartext</authentication>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"imap\">\n"
  "      <hostname>127.0.0.1</hostname><port>20001</port><socketType>STARTTLS</socketType>\n"
  "      <username>%ACADEMY_ID%</username><authentication>password-cleartext</authentication>\n"
  "    </incomingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>127.0.0.1</hostname><port>20002</port><socketType>STARTTLS</socketType>\n"
  "      <username>%ACADEMY_ID%</username><authentication>password-cleartext</authentication>\n"
  "    </outgoingServer>\n"
  "  </emailProvider>\n"
  "  <addressBook type=\"carddav\"><username>%ACADEMY_ID%</username><authentication>http-basic</authentication>\n"
  "    <serverURL>https://127.0.0.1:20004/</serverURL></addressBook>\n"
  "  <calendar type=\"caldav\"><username>%ACADEMY_ID%</username><authentication>http-basic</authentication>\n"
  "    <serverURL>https://127.0.0.1:20004/</serverURL></calendar>\n"
  "  <cartable:academy id=\"normandie\" version=\"1\">\n"
  "    <cartable:name>Académie de Normandie</cartable:name>\n"
  "    <cartable:portal url=\"https://127.0.0.1:20006/api/v1/\"/>\n"
  "    <cartable:directory url=\"ldap://127.0.0.1:20005/\" base=\"ou=people,dc=ac-normandie,dc=fr\" security=\"starttls\"/>\n"
  "    <cartable:ca-certificate file=\"ca.pem\"/>\n"
  "    <cartable:sieve hostname=\"127.0.0.1\" port=\"20003\" socketType=\"STARTTLS\"/>\n"
  "    <cartable:limits max-message-size=\"26214400\"/>\n"
  "    <cartable:devices>\n"
  "      <cartable:guide device=\"iphone\" title=\"iPhone\">Réglages › Mail.\n\nDeux paragraphes.</cartable:guide>\n"
  "      <cartable:guide device=\"pc\" title=\"Ordinateur\">Thunderbird.</cartable:guide>\n"
  "    </cartable:devices>\n"
  "  </cartable:academy>\n"
  "</clientConfig>\n";

CARTABLE_TEST ("loopback-format", test_loopback_format)
{
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) incoming = NULL;
  g_autoptr(GPtrArray) guides = NULL;
  const CartableServer *server;
  CartableDeviceGuide *guide;

  profile = cartable_academy_profile_new_from_data (loopback_profile, -1, "/instance", &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);

  g_assert_cmpstr (cartable_academy_profile_get_id (profile), ==, "normandie");
  g_assert_cmpstr (cartable_academy_profile_get_name (profile), ==, "Académie de Normandie");
  g_assert_cmpstr (cartable_academy_profile_get_short_name (profile), ==, "Normandie");
  g_assert_cmpstrv (cartable_academy_profile_get_domains (profile), ((const char *[]) { "ac-normandie.fr", NULL }));
  g_assert_true (cartable_academy_profile_has_domain (profile, "AC-Normandie.FR"));
  g_assert_false (cartable_academy_profile_has_domain (profile, "ac-rouen.fr"));
  g_assert_cmpstr (cartable_academy_profile_get_portal_url (profile), ==, "https://127.0.0.1:20006/api/v1/");
  g_assert_cmpstr (cartable_academy_profile_get_ca_file (profile), ==, "/instance/ca.pem");
  g_assert_cmpuint (cartable_academy_profile_get_max_message_size (profile), ==, 26214400);
  g_assert_null (cartable_academy_profile_get_path (profile));

  /* One per kind, in check order; the first IMAP server is the preferred one. */
  servers = cartable_academy_profile_get_servers (profile);
  g_assert_cmpuint (servers->len, ==, 7);
  g_assert_cmpint (((CartableServer *) servers->pdata[0])->kind, ==, CARTABLE_SERVER_KIND_IMAP);
  g_assert_cmpint (((CartableServer *) servers->pdata[1])->kind, ==, CARTABLE_SERVER_KIND_SMTP);
  g_assert_cmpint (((CartableServer *) servers->pdata[2])->kind, ==, CARTABLE_SERVER_KIND_CALDAV);
  g_assert_cmpint (((CartableServer *) servers->pdata[3])->kind, ==, CARTABLE_SERVER_KIND_CARDDAV);
  g_assert_cmpint (((CartableServer *) servers->pdata[4])->kind, ==, CARTABLE_SERVER_KIND_LDAP);
  g_assert_cmpint (((CartableServer *) servers->pdata[5])->kind, ==, CARTABLE_SERVER_KIND_PORTAL);
  g_assert_cmpint (((CartableServer *) servers->pdata[6])->kind, ==, CARTABLE_SERVER_KIND_SIEVE);

  incoming = cartable_academy_profile_get_incoming_servers (profile);
  g_assert_cmpuint (incoming->len, ==, 2);
  g_assert_cmpint (((CartableServer *) incoming->pdata[1])->socket_type, ==, CARTABLE_SOCKET_TYPE_STARTTLS);
  g_assert_cmpuint (((CartableServer *) incoming->pdata[1])->port, ==, 20001);

  server = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_IMAP);
  g_assert_cmpstr (server->hostname, ==, "127.0.0.1");
  g_assert_cmpuint (server->port, ==, 20000);
  g_assert_cmpint (server->socket_type, ==, CARTABLE_SOCKET_TYPE_TLS);
  g_assert_cmpstr (server->username, ==, "%ACADEMY_ID%");
  g_assert_cmpstr (server->authentication, ==, "password-cleartext");
  g_assert_true (cartable_server_is_loopback (server));

  server = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_SMTP);
  g_assert_cmpuint (server->port, ==, 20002);
  g_assert_cmpint (server->socket_type, ==, CARTABLE_SOCKET_TYPE_STARTTLS);

  server = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_CALDAV);
  g_assert_cmpstr (server->url, ==, "https://127.0.0.1:20004/");
  g_assert_cmpuint (server->port, ==, 20004);
  g_assert_cmpint (server->socket_type, ==, CARTABLE_SOCKET_TYPE_TLS);

  server = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_LDAP);
  g_assert_cmpstr (server->hostname, ==, "127.0.0.1");
  g_assert_cmpuint (server->port, ==, 20005);
  g_assert_cmpint (server->socket_type, ==, CARTABLE_SOCKET_TYPE_STARTTLS);
  g_assert_cmpstr (server->base, ==, "ou=people,dc=ac-normandie,dc=fr");

  server = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_SIEVE);
  g_assert_cmpuint (server->port, ==, 20003);
  g_assert_cmpint (server->socket_type, ==, CARTABLE_SOCKET_TYPE_STARTTLS);

  guides = cartable_academy_profile_get_device_guides (profile);
  g_assert_cmpuint (guides->len, ==, 2);
  guide = guides->pdata[0];
  g_assert_cmpstr (guide->device, ==, "iphone");
  g_assert_cmpstr (guide->title, ==, "iPhone");
  g_assert_cmpstr (guide->text, ==, "Réglages › Mail.\n\nDeux paragraphes.");
}

CARTABLE_TEST ("expand", test_expand)
{
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *username = NULL;

  profile = cartable_academy_profile_new_from_data (loopback_profile, -1, "/instance", &error);
  g_assert_no_error (error);

  expanded = cartable_academy_profile_expand (profile, "%ACADEMY_ID%|%EMAILADDRESS%|%EMAILLOCALPART%|%EMAILDOMAIN%|%UNKNOWN%|%",
                                              "mdurand", "marie.durand@ac-normandie.fr");
  g_assert_cmpstr (expanded, ==, "mdurand|marie.durand@ac-normandie.fr|marie.durand|ac-normandie.fr|%UNKNOWN%|%");
  g_clear_pointer (&expanded, g_free);

  /* Unknown values become empty, never the raw placeholder. */
  expanded = cartable_academy_profile_expand (profile, "u=%ACADEMY_ID%;e=%EMAILADDRESS%", NULL, NULL);
  g_assert_cmpstr (expanded, ==, "u=;e=");

  username = cartable_academy_profile_dup_username (profile, CARTABLE_SERVER_KIND_SMTP, "mdurand", NULL);
  g_assert_cmpstr (username, ==, "mdurand");
}

CARTABLE_TEST ("plain-autoconfig", test_plain_autoconfig)
{
  static const char plain[] =
    "<clientConfig version=\"1.1\"><emailProvider id=\"Example.ORG\">"
    "<domain>example.org</domain><domain>Example.NET</domain>"
    "<incomingServer type=\"pop3\"><hostname>pop.example.org</hostname><port>995</port><socketType>SSL</socketType></incomingServer>"
    "<incomingServer type=\"imap\"><hostname>imap.example.org</hostname><port>993</port><socketType>SSL</socketType>"
    "<username>%EMAILADDRESS%</username><authentication>OAuth2</authentication><authentication>password-cleartext</authentication></incomingServer>"
    "<outgoingServer type=\"smtp\"><hostname>smtp.example.org</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>"
    "<addressBook type=\"carddav\"><serverURL>https://dav.example.org/card/%EMAILADDRESS%/</serverURL></addressBook>"
    "<unknownElement>ignored</unknownElement>"
    "</emailProvider></clientConfig>";
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autofree char *username = NULL;
  const CartableServer *server;

  profile = cartable_academy_profile_new_from_data (plain, -1, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cartable_academy_profile_get_id (profile), ==, "example-org");
  g_assert_cmpstr (cartable_academy_profile_get_name (profile), ==, "example.org");
  g_assert_cmpstrv (cartable_academy_profile_get_domains (profile),
                    ((const char *[]) { "example.org", "example.net", NULL }));
  g_assert_null (cartable_academy_profile_get_portal_url (profile));
  g_assert_null (cartable_academy_profile_get_ca_file (profile));

  server = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_IMAP);
  g_assert_cmpstr (server->hostname, ==, "imap.example.org");
  g_assert_cmpstr (server->authentication, ==, "OAuth2");
  g_assert_false (cartable_server_is_loopback (server));
  g_assert_null (cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_PORTAL));
  g_assert_null (cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_LDAP));

  servers = cartable_academy_profile_get_servers (profile);
  g_assert_cmpuint (servers->len, ==, 3);

  username = cartable_academy_profile_dup_username (profile, CARTABLE_SERVER_KIND_IMAP, "jdoe", "j.doe@example.org");
  g_assert_cmpstr (username, ==, "j.doe@example.org");

  /* Placeholders in URLs are kept for later expansion. */
  server = cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_CARDDAV);
  g_assert_cmpstr (server->url, ==, "https://dav.example.org/card/%EMAILADDRESS%/");
  g_assert_cmpstr (server->hostname, ==, "dav.example.org");
  {
    g_autofree char *url = cartable_academy_profile_expand (profile, server->url, "jdoe", "j.doe@example.org");
    g_assert_cmpstr (url, ==, "https://dav.example.org/card/j.doe@example.org/");
  }
}

CARTABLE_TEST ("valid-corpus", test_valid_corpus)
{
  static const char *names[] = { "valid-loopback-plain.xml", "valid-ipv6.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = corpus_path (names[i]);
      g_autoptr(CartableAcademyProfile) profile = NULL;
      g_autoptr(GError) error = NULL;

      profile = cartable_academy_profile_new_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_suffix (cartable_academy_profile_get_path (profile), names[i]));
      g_assert_true (cartable_server_is_loopback (cartable_academy_profile_get_server (profile, CARTABLE_SERVER_KIND_IMAP)));
    }
}

typedef struct
{
  const char *name;
  int         code;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "billion-laughs.xml", CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED },
  { "external-entity.xml", CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED },
  { "external-dtd.xml", CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED },
  { "undeclared-entity.xml", CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED },
  { "truncated.xml", CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED },
  { "empty.xml", CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED },
  { "not-xml.xml", CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED },
  { "xinclude.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "wrong-root.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "wrong-namespace-root.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "no-provider.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "two-providers.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "no-domain.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-domain.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "no-imap.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "no-smtp.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-port-zero.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-port-huge.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-port-text.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-port-negative.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-port-missing.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-socket-type.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-hostname-space.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-hostname-slash.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-hostname-empty.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-ldap-scheme.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-portal-userinfo.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-portal-ftp.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-url-placeholder-host.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-ca-absolute.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-ca-dotdot.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-academy-id.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "bad-limit.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "control-chars.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "guide-without-device.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INVALID },
  { "insecure-imap-remote.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE },
  { "insecure-portal-http.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE },
  { "insecure-dav-http.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE },
  { "insecure-ldap-none.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE },
  { "insecure-sieve-plain.xml", CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE },
  { "does-not-exist.xml", CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND },
};

CARTABLE_TEST ("hostile-corpus", test_hostile_corpus)
{
  g_autofree char *dir = corpus_path (NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n_files = 0;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = corpus_path (hostile_cases[i].name);
      g_autoptr(CartableAcademyProfile) profile = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", hostile_cases[i].name);
      profile = cartable_academy_profile_new_from_file (path, &error);
      g_assert_null (profile);
      g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, hostile_cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* The message names the file so a helpdesk knows which one. */
      g_assert_nonnull (strstr (error->message, hostile_cases[i].name));
      /* A local file is never quoted back (no XXE). */
      g_assert_null (strstr (error->message, "root:"));
    }

  /* Every file of the corpus is covered by a case above. */
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      gboolean found = g_str_has_prefix (name, "valid-");

      for (guint i = 0; i < G_N_ELEMENTS (hostile_cases) && !found; i++)
        found = g_str_equal (hostile_cases[i].name, name);
      if (!found)
        g_error ("corpus file %s has no expected result", name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (hostile_cases) - 1 + 2);
}

static void
expect_data_error (const char *data,
                   gssize      length,
                   int         code)
{
  g_autoptr(CartableAcademyProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = cartable_academy_profile_new_from_data (data, length, NULL, &error);
  g_assert_null (profile);
  g_assert_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, code);
}

CARTABLE_TEST ("generated-monsters", test_generated_monsters)
{
  GString *text;
  char with_nul[] = "<clientConfig>\0<emailProvider/></clientConfig>";
  gint64 start = g_get_monotonic_time ();

  /* Just above the size limit, made of a valid profile padded with a comment. */
  text = g_string_new (loopback_profile);
  g_string_append (text, "<!--");
  while (text->len <= CARTABLE_ACADEMY_PROFILE_MAX_SIZE)
    g_string_append (text, "padding padding padding padding ");
  g_string_append (text, "-->");
  expect_data_error (text->str, text->len, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED);
  g_string_free (text, TRUE);

  /* Deep nesting. */
  text = g_string_new ("<clientConfig><emailProvider id=\"x\">");
  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "<a>");
  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "</a>");
  g_string_append (text, "</emailProvider></clientConfig>");
  expect_data_error (text->str, text->len, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED);
  g_string_free (text, TRUE);

  /* Too many servers. */
  text = g_string_new ("<clientConfig><emailProvider id=\"x\"><domain>x.fr</domain>");
  for (guint i = 0; i < 100; i++)
    g_string_append (text, "<incomingServer type=\"imap\"><hostname>imap.x.fr</hostname><port>993</port>"
                           "<socketType>SSL</socketType></incomingServer>");
  g_string_append (text, "</emailProvider></clientConfig>");
  expect_data_error (text->str, text->len, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID);
  g_string_free (text, TRUE);

  /* A very long host name and a very long text. */
  text = g_string_new ("<clientConfig><emailProvider id=\"x\"><domain>x.fr</domain>"
                       "<incomingServer type=\"imap\"><hostname>");
  for (guint i = 0; i < 300; i++)
    g_string_append (text, "a");
  g_string_append (text, ".fr</hostname><port>993</port><socketType>SSL</socketType></incomingServer>"
                         "</emailProvider></clientConfig>");
  expect_data_error (text->str, text->len, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID);
  g_string_free (text, TRUE);

  /* Binary data and invalid UTF-8. */
  expect_data_error (with_nul, sizeof with_nul - 1, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED);
  expect_data_error ("<clientConfig>\xff\xfe</clientConfig>", -1, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED);
  expect_data_error ("", 0, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED);

  /* A relative CA file without a folder to resolve it against. */
  expect_data_error (loopback_profile, -1, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID);

  /* None of this may take long (no entity expansion, no network). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* Every truncation and a byte flip at many positions of a valid profile:
 * either a profile or an error, never a crash or a warning. */
CARTABLE_TEST ("mutations", test_mutations)
{
  gsize length = strlen (loopback_profile);
  g_autofree char *copy = g_malloc (length + 1);
  guint n_ok = 0, n_errors = 0;

  for (gsize cut = 0; cut < length; cut += 7)
    {
      g_autoptr(CartableAcademyProfile) profile = NULL;
      g_autoptr(GError) error = NULL;

      profile = cartable_academy_profile_new_from_data (loopback_profile, cut, "/instance", &error);
      g_assert_true ((profile == NULL) != (error == NULL));
      profile != NULL ? n_ok++ : n_errors++;
    }

  for (gsize pos = 0; pos < length; pos += 3)
    {
      g_autoptr(CartableAcademyProfile) profile = NULL;
      g_autoptr(GError) error = NULL;

      memcpy (copy, loopback_profile, length + 1);
      copy[pos] = (char) (copy[pos] ^ 0x5a);
      profile = cartable_academy_profile_new_from_data (copy, length, "/instance", &error);
      g_assert_true ((profile == NULL) != (error == NULL));
      profile != NULL ? n_ok++ : n_errors++;
    }

  g_assert_cmpuint (n_errors, >, 0);
  g_test_message ("%u mutations parsed, %u refused", n_ok, n_errors);
}

CARTABLE_TEST ("shipped", test_shipped_profiles)
{
  g_autofree char *dir = academies_dir ();
  g_autoptr(CartableAcademyCatalogue) catalogue = cartable_academy_catalogue_new_for_dir (dir);
  g_autoptr(CartableAcademyProfile) first = NULL;
  g_autoptr(GError) error = NULL;
  CartableAcademyProfile *normandie;
  CartableAcademyProfile *versailles;
  g_autoptr(GPtrArray) servers = NULL;

  g_assert_true (cartable_academy_catalogue_load (catalogue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalogue)), >=, 2);

  first = g_list_model_get_item (G_LIST_MODEL (catalogue), 0);
  g_assert_cmpstr (cartable_academy_profile_get_id (first), ==, "normandie");

  normandie = cartable_academy_catalogue_lookup (catalogue, "normandie");
  g_assert_true (normandie == first);
  g_assert_cmpstr (cartable_academy_profile_get_name (normandie), ==, "Académie de Normandie");
  g_assert_nonnull (cartable_academy_profile_get_portal_url (normandie));
  g_assert_true (g_str_has_prefix (cartable_academy_profile_get_portal_url (normandie), "https://"));

  /* Shipped profiles never send anything in clear. */
  servers = cartable_academy_profile_get_servers (normandie);
  for (guint i = 0; i < servers->len; i++)
    g_assert_cmpint (((CartableServer *) servers->pdata[i])->socket_type, !=, CARTABLE_SOCKET_TYPE_PLAIN);

  versailles = cartable_academy_catalogue_lookup (catalogue, "versailles");
  g_assert_nonnull (versailles);
  g_assert_true (cartable_academy_catalogue_lookup_by_domain (catalogue, "marie.durand@AC-NORMANDIE.fr") == normandie);
  g_assert_true (cartable_academy_catalogue_lookup_by_domain (catalogue, "ac-versailles.fr") == versailles);
  g_assert_null (cartable_academy_catalogue_lookup_by_domain (catalogue, "someone@example.org"));
  g_assert_null (cartable_academy_catalogue_lookup (catalogue, "atlantis"));

  /* The shipped files say honestly what is a guess. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalogue)); i++)
    {
      g_autoptr(CartableAcademyProfile) profile = g_list_model_get_item (G_LIST_MODEL (catalogue), i);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (cartable_academy_profile_get_path (profile), &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "UNCONFIRMED GUESS"));
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_signals)
{
  (*n_signals)++;
}

CARTABLE_TEST ("catalogue-override", test_catalogue_override)
{
  g_autofree char *dir = academies_dir ();
  g_autoptr(CartableAcademyCatalogue) catalogue = NULL;
  g_autoptr(CartableAcademyProfile) loopback = NULL;
  g_autoptr(CartableAcademyProfile) first = NULL;
  g_autoptr(CartableAcademyProfile) second = NULL;
  g_autoptr(CartableAcademyProfile) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = corpus_path ("valid-ipv6.xml");
  guint n_items, n_signals = 0;

  g_setenv ("CARTABLE_ACADEMIES_DIR", dir, TRUE);
  catalogue = cartable_academy_catalogue_new ();
  g_assert_cmpstr (cartable_academy_catalogue_get_dir (catalogue), ==, dir);
  g_assert_true (cartable_academy_catalogue_load (catalogue, &error));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (catalogue));
  g_signal_connect (catalogue, "items-changed", G_CALLBACK (items_changed_cb), &n_signals);

  /* --academy-profile: the loopback Normandie replaces the shipped one, and stays first. */
  loopback = cartable_academy_profile_new_from_data (loopback_profile, -1, "/instance", &error);
  g_assert_no_error (error);
  cartable_academy_catalogue_add (catalogue, loopback);
  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalogue)), ==, n_items);
  g_assert_true (cartable_academy_catalogue_lookup (catalogue, "normandie") == loopback);
  first = g_list_model_get_item (G_LIST_MODEL (catalogue), 0);
  g_assert_true (first == loopback);

  /* Another academy added later ranks first. */
  other = cartable_academy_profile_new_from_file (other_path, &error);
  g_assert_no_error (error);
  cartable_academy_catalogue_add (catalogue, other);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalogue)), ==, n_items + 1);
  second = g_list_model_get_item (G_LIST_MODEL (catalogue), 1);
  g_assert_true (second == loopback);

  /* Reloading keeps what was added. */
  g_assert_true (cartable_academy_catalogue_load (catalogue, &error));
  g_assert_true (cartable_academy_catalogue_lookup (catalogue, "normandie") == loopback);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalogue)), ==, n_items + 1);

  g_unsetenv ("CARTABLE_ACADEMIES_DIR");
}

CARTABLE_TEST ("catalogue-damaged-folder", test_catalogue_damaged_folder)
{
  g_autofree char *corpus = corpus_path (NULL);
  g_autoptr(CartableAcademyCatalogue) catalogue = cartable_academy_catalogue_new_for_dir (corpus);
  g_autoptr(CartableAcademyCatalogue) missing = cartable_academy_catalogue_new_for_dir ("/nonexistent/academies");
  g_autoptr(GError) error = NULL;

  /* A folder full of hostile files loads only the valid ones. */
  g_assert_true (cartable_academy_catalogue_load (catalogue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalogue)), ==, 1);

  g_assert_true (cartable_academy_catalogue_load (missing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (missing)), ==, 0);
}

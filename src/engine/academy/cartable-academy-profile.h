/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CARTABLE_ACADEMY_PROFILE_NAMESPACE:
 *
 * The XML namespace of the Cartable extensions to Thunderbird's autoconfig
 * format (see docs/academy-profile.md).
 */
#define CARTABLE_ACADEMY_PROFILE_NAMESPACE "https://cartable.github.io/ns/academy/1.0"

/**
 * CARTABLE_ACADEMY_PROFILE_MAX_SIZE:
 *
 * Profiles larger than this many bytes are refused without being parsed.
 */
#define CARTABLE_ACADEMY_PROFILE_MAX_SIZE (256 * 1024)

#define CARTABLE_ACADEMY_PROFILE_ERROR (cartable_academy_profile_error_quark ())

/**
 * CartableAcademyProfileError:
 * @CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED: the file is not well-formed XML,
 *   is too large, or uses a forbidden construct (DTD, entities)
 * @CARTABLE_ACADEMY_PROFILE_ERROR_INVALID: the XML is well-formed but is not
 *   a usable profile (missing element, bad port, unknown socket type…)
 * @CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE: a server that is not on loopback
 *   would be reached without TLS
 * @CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND: no profile was found (file
 *   missing, or autoconfig found nothing for a domain)
 *
 * Errors of the profile parser and of autoconfig discovery.
 */
typedef enum
{
  CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
  CARTABLE_ACADEMY_PROFILE_ERROR_INVALID,
  CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE,
  CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND,
} CartableAcademyProfileError;

/**
 * CartableServerKind:
 * @CARTABLE_SERVER_KIND_IMAP: the mail store
 * @CARTABLE_SERVER_KIND_SMTP: mail submission
 * @CARTABLE_SERVER_KIND_CALDAV: the agenda
 * @CARTABLE_SERVER_KIND_CARDDAV: the address book
 * @CARTABLE_SERVER_KIND_LDAP: the academic directory
 * @CARTABLE_SERVER_KIND_PORTAL: the account portal (HTTPS + JSON)
 * @CARTABLE_SERVER_KIND_SIEVE: ManageSieve (filters, out-of-office)
 */
typedef enum
{
  CARTABLE_SERVER_KIND_IMAP,
  CARTABLE_SERVER_KIND_SMTP,
  CARTABLE_SERVER_KIND_CALDAV,
  CARTABLE_SERVER_KIND_CARDDAV,
  CARTABLE_SERVER_KIND_LDAP,
  CARTABLE_SERVER_KIND_PORTAL,
  CARTABLE_SERVER_KIND_SIEVE,
} CartableServerKind;

/**
 * CartableSocketType:
 * @CARTABLE_SOCKET_TYPE_PLAIN: no TLS at all (only accepted on loopback)
 * @CARTABLE_SOCKET_TYPE_STARTTLS: plain connection upgraded with STARTTLS
 *   (StartTLS for LDAP); the upgrade is mandatory
 * @CARTABLE_SOCKET_TYPE_TLS: TLS from the first byte ("SSL" in autoconfig,
 *   https:// and ldaps:// URLs)
 */
typedef enum
{
  CARTABLE_SOCKET_TYPE_PLAIN,
  CARTABLE_SOCKET_TYPE_STARTTLS,
  CARTABLE_SOCKET_TYPE_TLS,
} CartableSocketType;

/**
 * CartableServer:
 * @kind: what the server is for
 * @hostname: host name or address literal
 * @port: TCP port (never 0)
 * @socket_type: how TLS is used
 * @username: (nullable): the login template, with placeholders still in it
 *   (expand it with cartable_academy_profile_expand())
 * @authentication: (nullable): autoconfig authentication method
 *   (`password-cleartext`, `http-basic`, …)
 * @url: (nullable): the full URL for URL-based services (CalDAV, CardDAV,
 *   LDAP, the portal)
 * @base: (nullable): the LDAP search base
 *
 * One server of an academy profile. The hostname/port/socket type are always
 * filled, also for URL-based services (derived from the URL).
 */
typedef struct
{
  CartableServerKind  kind;
  char               *hostname;
  guint16             port;
  CartableSocketType  socket_type;
  char               *username;
  char               *authentication;
  char               *url;
  char               *base;
} CartableServer;

#define CARTABLE_TYPE_SERVER (cartable_server_get_type ())

GType           cartable_server_get_type          (void) G_GNUC_CONST;
CartableServer *cartable_server_copy              (const CartableServer *server);
void            cartable_server_free              (CartableServer       *server);
const char     *cartable_server_kind_to_string    (CartableServerKind    kind);
gboolean        cartable_server_is_loopback       (const CartableServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableServer, cartable_server_free)

/**
 * CartableDeviceGuide:
 * @device: machine name of the device (`iphone`, `android`, `pc`…)
 * @title: its display title
 * @text: the set-up instructions, plain text
 *
 * A device set-up guide from the profile.
 */
typedef struct
{
  char *device;
  char *title;
  char *text;
} CartableDeviceGuide;

#define CARTABLE_TYPE_DEVICE_GUIDE (cartable_device_guide_get_type ())

GType                cartable_device_guide_get_type (void) G_GNUC_CONST;
CartableDeviceGuide *cartable_device_guide_copy     (const CartableDeviceGuide *guide);
void                 cartable_device_guide_free     (CartableDeviceGuide       *guide);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableDeviceGuide, cartable_device_guide_free)

#define CARTABLE_TYPE_ACADEMY_PROFILE (cartable_academy_profile_get_type ())

G_DECLARE_FINAL_TYPE (CartableAcademyProfile, cartable_academy_profile, CARTABLE, ACADEMY_PROFILE, GObject)

GQuark                  cartable_academy_profile_error_quark         (void);

/**
 * cartable_academy_profile_new_from_file:
 * @path: an academy profile (autoconfig XML + Cartable namespace)
 * @error: return location for a #CARTABLE_ACADEMY_PROFILE_ERROR
 *
 * Parses a profile. The file must be at most
 * %CARTABLE_ACADEMY_PROFILE_MAX_SIZE bytes; DTDs, entities and network
 * access are refused. The CA certificate it names is resolved relative to
 * the file's folder. Every remote (non-loopback) server must use TLS.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
CartableAcademyProfile *cartable_academy_profile_new_from_file       (const char              *path,
                                                                      GError                 **error);
/**
 * cartable_academy_profile_new_from_data:
 * @data: the XML text
 * @length: its length, or -1 if nul-terminated
 * @base_dir: (nullable): folder against which a relative CA file is
 *   resolved (a profile without a folder cannot name a relative CA file)
 * @error: return location for a #CARTABLE_ACADEMY_PROFILE_ERROR
 *
 * Same as cartable_academy_profile_new_from_file() on a buffer (autoconfig
 * discovery uses it).
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
CartableAcademyProfile *cartable_academy_profile_new_from_data       (const char              *data,
                                                                      gssize                   length,
                                                                      const char              *base_dir,
                                                                      GError                 **error);

/* The academy id (`<cartable:academy id=…>`, else the emailProvider id). */
const char             *cartable_academy_profile_get_id              (CartableAcademyProfile  *self);
/* Display name (`<cartable:name>`, else `<displayName>`), e.g. "Académie de Normandie". */
const char             *cartable_academy_profile_get_name            (CartableAcademyProfile  *self);
/* `<displayShortName>`, else the name. */
const char             *cartable_academy_profile_get_short_name      (CartableAcademyProfile  *self);
/* The e-mail domains (`<domain>`), never empty. */
const char * const     *cartable_academy_profile_get_domains         (CartableAcademyProfile  *self);
/* (nullable) The file it was read from. */
const char             *cartable_academy_profile_get_path            (CartableAcademyProfile  *self);
/* (nullable) The portal base URL, ending in '/'. */
const char             *cartable_academy_profile_get_portal_url      (CartableAcademyProfile  *self);
/* (nullable) Absolute path of the extra CA certificate to trust. */
const char             *cartable_academy_profile_get_ca_file         (CartableAcademyProfile  *self);
/* 0 when the profile sets no limit. */
guint64                 cartable_academy_profile_get_max_message_size (CartableAcademyProfile *self);
/* Case-insensitive match of @domain against the profile's domains. */
gboolean                cartable_academy_profile_has_domain          (CartableAcademyProfile  *self,
                                                                      const char              *domain);

/**
 * cartable_academy_profile_get_servers:
 *
 * Every server of the profile, one per kind, in the order a diagnostic
 * checks them: IMAP, SMTP, CalDAV, CardDAV, LDAP, portal, Sieve (absent
 * kinds are skipped). For IMAP the preferred server (the first one listed).
 *
 * Returns: (transfer container) (element-type CartableServer): the servers
 */
GPtrArray              *cartable_academy_profile_get_servers         (CartableAcademyProfile  *self);
/* Returns: (transfer container) (element-type CartableServer): every IMAP server, preferred first. */
GPtrArray              *cartable_academy_profile_get_incoming_servers (CartableAcademyProfile *self);
/* Returns: (nullable) (transfer none): the (preferred) server of @kind, or %NULL. */
const CartableServer   *cartable_academy_profile_get_server          (CartableAcademyProfile  *self,
                                                                      CartableServerKind       kind);
/* Returns: (transfer container) (element-type CartableDeviceGuide): the device guides. */
GPtrArray              *cartable_academy_profile_get_device_guides   (CartableAcademyProfile  *self);

/**
 * cartable_academy_profile_expand:
 * @template_: a string with `%ACADEMY_ID%`, `%EMAILADDRESS%`,
 *   `%EMAILLOCALPART%` placeholders
 * @identifier: (nullable): the academic identifier (login), e.g. "mdurand"
 * @email: (nullable): the e-mail address
 *
 * Returns: (transfer full): @template_ with the placeholders replaced (a
 *   placeholder whose value is unknown is replaced by an empty string)
 */
char                   *cartable_academy_profile_expand              (CartableAcademyProfile  *self,
                                                                      const char              *template_,
                                                                      const char              *identifier,
                                                                      const char              *email);
/* The expanded login for the server of @kind (the identifier when the profile gives none). */
char                   *cartable_academy_profile_dup_username        (CartableAcademyProfile  *self,
                                                                      CartableServerKind       kind,
                                                                      const char              *identifier,
                                                                      const char              *email);

/**
 * cartable_academy_profile_create_tls_database:
 *
 * A TLS database that trusts the system's certificate authorities and, in
 * addition, the profile's CA certificate if it names one (see
 * cartable_tls_database_new()).
 *
 * Returns: (transfer full): the database, or %NULL if the CA file cannot be read
 */
GTlsDatabase           *cartable_academy_profile_create_tls_database (CartableAcademyProfile  *self,
                                                                      GError                 **error);

/**
 * cartable_academy_profile_discover_async:
 * @email: an e-mail address
 *
 * Looks the profile of @email's domain up with autoconfig over HTTPS:
 * `https://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=EMAIL`, then
 * `https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml`, each with a
 * 15 s timeout, certificates checked against the system store. Fails with
 * %CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND when neither answers a profile.
 */
void                    cartable_academy_profile_discover_async      (const char              *email,
                                                                      GCancellable            *cancellable,
                                                                      GAsyncReadyCallback      callback,
                                                                      gpointer                 user_data);
CartableAcademyProfile *cartable_academy_profile_discover_finish     (GAsyncResult            *result,
                                                                      GError                 **error);
/**
 * cartable_academy_profile_discover_at_async:
 * @base_url: an `https://` URL standing for the domain's web server: the
 *   two autoconfig paths are looked up under it (for tests against a
 *   loopback server; production code uses the variant without it)
 * @database: (nullable): the TLS database to check the server with
 *
 * Finish with cartable_academy_profile_discover_finish().
 */
void                    cartable_academy_profile_discover_at_async   (const char              *email,
                                                                      const char              *base_url,
                                                                      GTlsDatabase            *database,
                                                                      GCancellable            *cancellable,
                                                                      GAsyncReadyCallback      callback,
                                                                      gpointer                 user_data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-academy-profile"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cartable-academy-profile.h"
#include "core/cartable-tls.h"

/*
 * An academy profile: Thunderbird's autoconfig XML (clientConfig 1.1) plus
 * the Cartable namespace (docs/academy-profile.md). Profiles come from the
 * package, from the command line and from the network (autoconfig), so the
 * parser treats every file as hostile: bounded size, no DTD (hence no
 * entity, internal or external), no network access, bounded counts and
 * lengths, every port and URL checked, and servers off loopback must use
 * TLS. Anything wrong is a GError, never a crash or a warning.
 */

#define MAX_TEXT_LENGTH    (16 * 1024)
#define MAX_SHORT_LENGTH   1024
#define MAX_HOSTNAME       253
#define MAX_SERVERS        16
#define MAX_DOMAINS        64
#define MAX_GUIDES         32

struct _CartableAcademyProfile
{
  GObject     parent_instance;

  char       *path;
  char       *id;
  char       *name;
  char       *short_name;
  GStrv       domains;
  char       *portal_url;
  char       *ca_file;
  guint64     max_message_size;

  GPtrArray  *incoming;   /* CartableServer, IMAP, preferred first */
  GPtrArray  *servers;    /* CartableServer, one per kind, check order */
  GPtrArray  *guides;     /* CartableDeviceGuide */
};

G_DEFINE_FINAL_TYPE (CartableAcademyProfile, cartable_academy_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (cartable-academy-profile-error-quark, cartable_academy_profile_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --------------------------------------------------------------- boxed types */

CartableServer *
cartable_server_copy (const CartableServer *server)
{
  CartableServer *copy;

  g_return_val_if_fail (server != NULL, NULL);

  copy = g_new0 (CartableServer, 1);
  copy->kind = server->kind;
  copy->hostname = g_strdup (server->hostname);
  copy->port = server->port;
  copy->socket_type = server->socket_type;
  copy->username = g_strdup (server->username);
  copy->authentication = g_strdup (server->authentication);
  copy->url = g_strdup (server->url);
  copy->base = g_strdup (server->base);
  return copy;
}

void
cartable_server_free (CartableServer *server)
{
  if (server == NULL)
    return;

  g_free (server->hostname);
  g_free (server->username);
  g_free (server->authentication);
  g_free (server->url);
  g_free (server->base);
  g_free (server);
}

G_DEFINE_BOXED_TYPE (CartableServer, cartable_server, cartable_server_copy, cartable_server_free)

/**
 * cartable_server_kind_to_string:
 *
 * Returns: the protocol name of @kind as helpdesks say it ("IMAP", "SMTP",
 *   "CalDAV", "CardDAV", "LDAP", "Portail"/"Portal", "Sieve")
 */
const char *
cartable_server_kind_to_string (CartableServerKind kind)
{
  switch (kind)
    {
    case CARTABLE_SERVER_KIND_IMAP:
      return "IMAP";
    case CARTABLE_SERVER_KIND_SMTP:
      return "SMTP";
    case CARTABLE_SERVER_KIND_CALDAV:
      return "CalDAV";
    case CARTABLE_SERVER_KIND_CARDDAV:
      return "CardDAV";
    case CARTABLE_SERVER_KIND_LDAP:
      return "LDAP";
    case CARTABLE_SERVER_KIND_PORTAL:
      return _("Portal");
    case CARTABLE_SERVER_KIND_SIEVE:
      return "Sieve";
    default:
      g_return_val_if_reached ("?");
    }
}

static gboolean
is_loopback_host (const char *hostname)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (hostname == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (hostname, "localhost") == 0 ||
      g_str_has_suffix (hostname, ".localhost"))
    return TRUE;

  len = strlen (hostname);
  if (len > 2 && hostname[0] == '[' && hostname[len - 1] == ']')
    bare = g_strndup (hostname + 1, len - 2);
  else
    bare = g_strdup (hostname);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * cartable_server_is_loopback:
 *
 * Returns: whether the server is on this machine (localhost, 127.0.0.0/8, ::1)
 */
gboolean
cartable_server_is_loopback (const CartableServer *server)
{
  g_return_val_if_fail (server != NULL, FALSE);
  return is_loopback_host (server->hostname);
}

CartableDeviceGuide *
cartable_device_guide_copy (const CartableDeviceGuide *guide)
{
  CartableDeviceGuide *copy;

  g_return_val_if_fail (guide != NULL, NULL);

  copy = g_new0 (CartableDeviceGuide, 1);
  copy->device = g_strdup (guide->device);
  copy->title = g_strdup (guide->title);
  copy->text = g_strdup (guide->text);
  return copy;
}

void
cartable_device_guide_free (CartableDeviceGuide *guide)
{
  if (guide == NULL)
    return;

  g_free (guide->device);
  g_free (guide->title);
  g_free (guide->text);
  g_free (guide);
}

G_DEFINE_BOXED_TYPE (CartableDeviceGuide, cartable_device_guide,
                     cartable_device_guide_copy, cartable_device_guide_free)

/* -------------------------------------------------------------------- GObject */

static void
cartable_academy_profile_finalize (GObject *object)
{
  CartableAcademyProfile *self = (CartableAcademyProfile *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->short_name, g_free);
  g_clear_pointer (&self->domains, g_strfreev);
  g_clear_pointer (&self->portal_url, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->incoming, g_ptr_array_unref);
  g_clear_pointer (&self->servers, g_ptr_array_unref);
  g_clear_pointer (&self->guides, g_ptr_array_unref);

  G_OBJECT_CLASS (cartable_academy_profile_parent_class)->finalize (object);
}

static void
cartable_academy_profile_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableAcademyProfile *self = CARTABLE_ACADEMY_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_academy_profile_class_init (CartableAcademyProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cartable_academy_profile_finalize;
  object_class->get_property = cartable_academy_profile_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_academy_profile_init (CartableAcademyProfile *self)
{
  self->incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_server_free);
  self->servers = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_server_free);
  self->guides = g_ptr_array_new_with_free_func ((GDestroyNotify) cartable_device_guide_free);
}

/* --------------------------------------------------------------------- parser */

static gboolean
is_autoconfig (xmlNode    *node,
               const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
         xmlStrcmp (node->name, (const xmlChar *) name) == 0;
}

static gboolean
is_cartable (xmlNode    *node,
             const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL &&
         xmlStrcmp (node->ns->href, (const xmlChar *) CARTABLE_ACADEMY_PROFILE_NAMESPACE) == 0 &&
         xmlStrcmp (node->name, (const xmlChar *) name) == 0;
}

/* The trimmed text of an element, checked to be valid UTF-8 without control
 * characters (except newlines and tabs in long texts) and bounded. */
static char *
dup_text (xmlNode     *node,
          gsize        max_length,
          gboolean     multiline,
          GError     **error)
{
  g_autofree xmlChar *raw = xmlNodeGetContent (node);
  g_autofree char *text = NULL;

  text = g_strdup (raw != NULL ? (const char *) raw : "");
  g_strstrip (text);

  if (strlen (text) > max_length)
    {
      g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID,
                   _("The element <%s> of the academy profile is too long."), (const char *) node->name);
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) && !(multiline && (*p == '\n' || *p == '\t')))
      {
        g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID,
                     _("The element <%s> of the academy profile contains control characters."),
                     (const char *) node->name);
        return NULL;
      }

  return g_steal_pointer (&text);
}

static char *
dup_attribute (xmlNode    *node,
               const char *name)
{
  g_autofree xmlChar *raw = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *value;

  if (raw == NULL)
    return NULL;

  value = g_strstrip (g_strdup ((const char *) raw));
  if (*value == '\0' || strlen (value) > MAX_SHORT_LENGTH)
    {
      g_free (value);
      return NULL;
    }

  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      {
        g_free (value);
        return NULL;
      }

  return value;
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, CARTABLE_ACADEMY_PROFILE_ERROR,
                       CARTABLE_ACADEMY_PROFILE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_valid_hostname (const char *hostname)
{
  gsize len = strlen (hostname);

  if (len == 0 || len > MAX_HOSTNAME)
    return FALSE;

  if (hostname[0] == '[')
    {
      g_autofree char *bare = NULL;
      g_autoptr(GInetAddress) address = NULL;

      if (len < 3 || hostname[len - 1] != ']')
        return FALSE;
      bare = g_strndup (hostname + 1, len - 2);
      address = g_inet_address_new_from_string (bare);
      return address != NULL;
    }

  if (strchr (hostname, ':') != NULL)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (hostname);
      return address != NULL;
    }

  if (hostname[0] == '-' || hostname[0] == '.')
    return FALSE;

  for (const char *p = hostname; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
      return FALSE;

  return strstr (hostname, "..") == NULL;
}

static gboolean
parse_port (const char  *text,
            guint16     *port)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    return FALSE;

  *port = (guint16) value;
  return TRUE;
}

static const char *
kind_label (CartableServerKind kind)
{
  return cartable_server_kind_to_string (kind);
}

static gboolean
check_secure (const CartableServer  *server,
              GError               **error)
{
  if (server->socket_type == CARTABLE_SOCKET_TYPE_PLAIN && !cartable_server_is_loopback (server))
    {
      g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INSECURE,
                   _("The academy profile sends passwords to the %s server %s without encryption; "
                     "Cartable refuses it."),
                   kind_label (server->kind), server->hostname);
      return FALSE;
    }

  return TRUE;
}

/* <incomingServer>/<outgoingServer>: hostname, port, socketType, username, authentication. */
static CartableServer *
parse_mail_server (xmlNode            *node,
                   CartableServerKind  kind,
                   GError            **error)
{
  g_autoptr(CartableServer) server = g_new0 (CartableServer, 1);
  g_autofree char *port = NULL;
  g_autofree char *socket_type = NULL;

  server->kind = kind;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      char **field = NULL;

      if (is_autoconfig (child, "hostname"))
        field = &server->hostname;
      else if (is_autoconfig (child, "port"))
        field = &port;
      else if (is_autoconfig (child, "socketType"))
        field = &socket_type;
      else if (is_autoconfig (child, "username"))
        field = &server->username;
      else if (is_autoconfig (child, "authentication"))
        {
          /* Several methods may be listed; the first one is preferred. */
          if (server->authentication != NULL)
            continue;
          field = &server->authentication;
        }
      else
        continue;

      g_free (*field);
      *field = dup_text (child, MAX_SHORT_LENGTH, FALSE, error);
      if (*field == NULL)
        return NULL;
    }

  if (server->hostname == NULL || !is_valid_hostname (server->hostname))
    {
      invalid (error, _("A %s server of the academy profile has no valid host name."), kind_label (kind));
      return NULL;
    }

  if (!parse_port (port, &server->port))
    {
      invalid (error, _("The %s server %s of the academy profile has no valid port (“%s”)."),
               kind_label (kind), server->hostname, port != NULL ? port : "");
      return NULL;
    }

  if (socket_type == NULL)
    {
      invalid (error, _("The %s server %s of the academy profile does not say how to use TLS."),
               kind_label (kind), server->hostname);
      return NULL;
    }
  else if (g_ascii_strcasecmp (socket_type, "SSL") == 0 || g_ascii_strcasecmp (socket_type, "TLS") == 0)
    server->socket_type = CARTABLE_SOCKET_TYPE_TLS;
  else if (g_ascii_strcasecmp (socket_type, "STARTTLS") == 0)
    server->socket_type = CARTABLE_SOCKET_TYPE_STARTTLS;
  else if (g_ascii_strcasecmp (socket_type, "plain") == 0)
    server->socket_type = CARTABLE_SOCKET_TYPE_PLAIN;
  else
    {
      invalid (error, _("The %s server %s of the academy profile has an unknown socket type “%s”."),
               kind_label (kind), server->hostname, socket_type);
      return NULL;
    }

  if (!check_secure (server, error))
    return NULL;

  return g_steal_pointer (&server);
}

#define PLACEHOLDER_PROBE "x-cartable-placeholder"

static const char *placeholders[] = { "%ACADEMY_ID%", "%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%" };

/* Fills hostname/port/socket type from an https:// (or loopback http://) URL. */
static CartableServer *
server_from_url (CartableServerKind   kind,
                 const char          *url,
                 GError             **error)
{
  g_autoptr(CartableServer) server = g_new0 (CartableServer, 1);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  int port;

  server->kind = kind;

  if (url == NULL)
    {
      invalid (error, _("The %s server of the academy profile has no URL."), kind_label (kind));
      return NULL;
    }

  /* Placeholders (…/%EMAILADDRESS%/) are not valid URL syntax: check the
   * URL with a stand-in value; they are expanded when the URL is used. */
  {
    g_autoptr(GString) probe = g_string_new (url);

    for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
      g_string_replace (probe, placeholders[i], PLACEHOLDER_PROBE, 0);
    uri = g_uri_parse (probe->str, G_URI_FLAGS_NONE, NULL);
  }
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL)
    {
      invalid (error, _("The %s URL of the academy profile is not valid (“%s”)."), kind_label (kind), url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  /* The host itself must be known now. */
  if (strstr (host, PLACEHOLDER_PROBE) != NULL)
    {
      invalid (error, _("The %s URL of the academy profile has an invalid host name (“%s”)."), kind_label (kind), url);
      return NULL;
    }
  port = g_uri_get_port (uri);

  if (kind == CARTABLE_SERVER_KIND_LDAP)
    {
      if (g_ascii_strcasecmp (scheme, "ldaps") == 0)
        {
          server->socket_type = CARTABLE_SOCKET_TYPE_TLS;
          server->port = port > 0 ? port : 636;
        }
      else if (g_ascii_strcasecmp (scheme, "ldap") == 0)
        {
          /* The caller sets STARTTLS from the security attribute. */
          server->socket_type = CARTABLE_SOCKET_TYPE_PLAIN;
          server->port = port > 0 ? port : 389;
        }
      else
        {
          invalid (error, _("The directory URL of the academy profile must start with ldap:// or ldaps:// (“%s”)."),
                   url);
          return NULL;
        }
    }
  else
    {
      if (g_ascii_strcasecmp (scheme, "https") == 0)
        {
          server->socket_type = CARTABLE_SOCKET_TYPE_TLS;
          server->port = port > 0 ? port : 443;
        }
      else if (g_ascii_strcasecmp (scheme, "http") == 0)
        {
          server->socket_type = CARTABLE_SOCKET_TYPE_PLAIN;
          server->port = port > 0 ? port : 80;
        }
      else
        {
          invalid (error, _("The %s URL of the academy profile must start with https:// (“%s”)."),
                   kind_label (kind), url);
          return NULL;
        }
    }

  if (port > 65535 || port == 0)
    {
      invalid (error, _("The %s URL of the academy profile has an invalid port (“%s”)."), kind_label (kind), url);
      return NULL;
    }

  /* GUri gives IPv6 literals without brackets. */
  if (strchr (host, ':') != NULL)
    server->hostname = g_strdup_printf ("[%s]", host);
  else
    server->hostname = g_strdup (host);

  if (!is_valid_hostname (server->hostname))
    {
      invalid (error, _("The %s URL of the academy profile has an invalid host name (“%s”)."),
               kind_label (kind), url);
      return NULL;
    }

  server->url = g_strdup (url);
  return g_steal_pointer (&server);
}

/* <addressBook>/<calendar>: username, authentication, serverURL. */
static CartableServer *
parse_dav_server (xmlNode            *node,
                  CartableServerKind  kind,
                  GError            **error)
{
  g_autofree char *url = NULL;
  g_autofree char *username = NULL;
  g_autofree char *authentication = NULL;
  CartableServer *server;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      char **field = NULL;

      if (is_autoconfig (child, "serverURL"))
        field = &url;
      else if (is_autoconfig (child, "username"))
        field = &username;
      else if (is_autoconfig (child, "authentication"))
        field = &authentication;
      else
        continue;

      g_free (*field);
      *field = dup_text (child, MAX_SHORT_LENGTH, FALSE, error);
      if (*field == NULL)
        return NULL;
    }

  server = server_from_url (kind, url, error);
  if (server == NULL)
    return NULL;

  server->username = g_steal_pointer (&username);
  server->authentication = g_steal_pointer (&authentication);

  if (!check_secure (server, error))
    {
      cartable_server_free (server);
      return NULL;
    }

  return server;
}

static gboolean
is_safe_relative_path (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || *path == '\0' || g_path_is_absolute (path))
    return FALSE;

  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], "..") || strchr (parts[i], '\\') != NULL)
      return FALSE;

  return TRUE;
}

typedef struct
{
  char          *provider_id;
  char          *display_name;
  GPtrArray     *domains;
  CartableServer *smtp;
  CartableServer *caldav;
  CartableServer *carddav;
  CartableServer *ldap;
  CartableServer *portal;
  CartableServer *sieve;
} ParseState;

static void
parse_state_clear (ParseState *state)
{
  g_clear_pointer (&state->provider_id, g_free);
  g_clear_pointer (&state->display_name, g_free);
  g_clear_pointer (&state->domains, g_ptr_array_unref);
  g_clear_pointer (&state->smtp, cartable_server_free);
  g_clear_pointer (&state->caldav, cartable_server_free);
  g_clear_pointer (&state->carddav, cartable_server_free);
  g_clear_pointer (&state->ldap, cartable_server_free);
  g_clear_pointer (&state->portal, cartable_server_free);
  g_clear_pointer (&state->sieve, cartable_server_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParseState, parse_state_clear)

static gboolean
replace_server (CartableServer **slot,
                CartableServer  *server)
{
  if (server == NULL)
    return FALSE;

  /* The first one listed is preferred; later ones are alternatives we do not use. */
  if (*slot == NULL)
    *slot = server;
  else
    cartable_server_free (server);
  return TRUE;
}

static gboolean
parse_dav_element (xmlNode     *node,
                   ParseState  *state,
                   GError     **error)
{
  g_autofree char *type = dup_attribute (node, "type");

  if (is_autoconfig (node, "addressBook"))
    {
      if (type != NULL && g_ascii_strcasecmp (type, "carddav") != 0)
        return TRUE;
      return replace_server (&state->carddav, parse_dav_server (node, CARTABLE_SERVER_KIND_CARDDAV, error));
    }

  if (type != NULL && g_ascii_strcasecmp (type, "caldav") != 0)
    return TRUE;
  return replace_server (&state->caldav, parse_dav_server (node, CARTABLE_SERVER_KIND_CALDAV, error));
}

static gboolean
parse_email_provider (CartableAcademyProfile  *self,
                      xmlNode                 *provider,
                      ParseState              *state,
                      GError                 **error)
{
  state->provider_id = dup_attribute (provider, "id");

  for (xmlNode *node = provider->children; node != NULL; node = node->next)
    {
      if (is_autoconfig (node, "domain"))
        {
          char *domain = dup_text (node, MAX_HOSTNAME, FALSE, error);

          if (domain == NULL)
            return FALSE;
          if (!is_valid_hostname (domain) || strchr (domain, '.') == NULL)
            {
              invalid (error, _("The academy profile names an invalid mail domain (“%s”)."), domain);
              g_free (domain);
              return FALSE;
            }
          if (state->domains->len >= MAX_DOMAINS)
            {
              g_free (domain);
              return invalid (error, _("The academy profile lists too many mail domains."));
            }
          g_ptr_array_add (state->domains, g_ascii_strdown (domain, -1));
          g_free (domain);
        }
      else if (is_autoconfig (node, "displayName") && self->name == NULL)
        {
          self->name = dup_text (node, MAX_SHORT_LENGTH, FALSE, error);
          if (self->name == NULL)
            return FALSE;
        }
      else if (is_autoconfig (node, "displayShortName") && self->short_name == NULL)
        {
          self->short_name = dup_text (node, MAX_SHORT_LENGTH, FALSE, error);
          if (self->short_name == NULL)
            return FALSE;
        }
      else if (is_autoconfig (node, "incomingServer"))
        {
          g_autofree char *type = dup_attribute (node, "type");
          CartableServer *server;

          /* POP3 and others: Cartable speaks IMAP only. */
          if (type == NULL || g_ascii_strcasecmp (type, "imap") != 0)
            continue;
          if (self->incoming->len >= MAX_SERVERS)
            return invalid (error, _("The academy profile lists too many servers."));

          server = parse_mail_server (node, CARTABLE_SERVER_KIND_IMAP, error);
          if (server == NULL)
            return FALSE;
          g_ptr_array_add (self->incoming, server);
        }
      else if (is_autoconfig (node, "outgoingServer"))
        {
          g_autofree char *type = dup_attribute (node, "type");

          if (type == NULL || g_ascii_strcasecmp (type, "smtp") != 0)
            continue;
          if (!replace_server (&state->smtp, parse_mail_server (node, CARTABLE_SERVER_KIND_SMTP, error)))
            return FALSE;
        }
      else if (is_autoconfig (node, "addressBook") || is_autoconfig (node, "calendar"))
        {
          if (!parse_dav_element (node, state, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_academy (CartableAcademyProfile  *self,
               xmlNode                 *academy,
               const char              *base_dir,
               ParseState              *state,
               GError                 **error)
{
  g_autofree char *id = dup_attribute (academy, "id");

  if (id != NULL)
    {
      if (!g_str_is_ascii (id) || strspn (id, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen (id))
        return invalid (error, _("The academy id “%s” is not valid (lower-case letters, digits, - and _ only)."),
                        id);
      g_free (self->id);
      self->id = g_steal_pointer (&id);
    }

  for (xmlNode *node = academy->children; node != NULL; node = node->next)
    {
      if (is_cartable (node, "name"))
        {
          char *name = dup_text (node, MAX_SHORT_LENGTH, FALSE, error);

          if (name == NULL)
            return FALSE;
          g_free (self->name);
          self->name = name;
        }
      else if (is_cartable (node, "portal") && state->portal == NULL)
        {
          g_autofree char *url = dup_attribute (node, "url");

          state->portal = server_from_url (CARTABLE_SERVER_KIND_PORTAL, url, error);
          if (state->portal == NULL || !check_secure (state->portal, error))
            return FALSE;
          if (!g_str_has_suffix (url, "/"))
            {
              g_free (state->portal->url);
              state->portal->url = g_strconcat (url, "/", NULL);
            }
        }
      else if (is_cartable (node, "directory") && state->ldap == NULL)
        {
          g_autofree char *url = dup_attribute (node, "url");
          g_autofree char *security = dup_attribute (node, "security");

          state->ldap = server_from_url (CARTABLE_SERVER_KIND_LDAP, url, error);
          if (state->ldap == NULL)
            return FALSE;

          if (state->ldap->socket_type == CARTABLE_SOCKET_TYPE_PLAIN)
            {
              if (security == NULL || g_ascii_strcasecmp (security, "starttls") == 0)
                state->ldap->socket_type = CARTABLE_SOCKET_TYPE_STARTTLS;
              else if (g_ascii_strcasecmp (security, "none") != 0 && g_ascii_strcasecmp (security, "plain") != 0)
                return invalid (error, _("The directory of the academy profile has an unknown security “%s”."),
                                security);
            }
          else if (security != NULL && g_ascii_strcasecmp (security, "starttls") == 0)
            return invalid (error, _("The directory of the academy profile cannot use StartTLS with ldaps://."));

          state->ldap->base = dup_attribute (node, "base");
          if (!check_secure (state->ldap, error))
            return FALSE;
        }
      else if (is_cartable (node, "ca-certificate"))
        {
          g_autofree char *file = dup_attribute (node, "file");

          if (!is_safe_relative_path (file))
            return invalid (error, _("The CA certificate of the academy profile must be a file next to the profile."));
          if (base_dir == NULL)
            return invalid (error, _("This academy profile names a CA certificate but was not read from a folder."));

          g_free (self->ca_file);
          self->ca_file = g_build_filename (base_dir, file, NULL);
        }
      else if (is_cartable (node, "sieve") && state->sieve == NULL)
        {
          g_autoptr(CartableServer) server = g_new0 (CartableServer, 1);
          g_autofree char *port = dup_attribute (node, "port");
          g_autofree char *socket_type = dup_attribute (node, "socketType");

          server->kind = CARTABLE_SERVER_KIND_SIEVE;
          server->hostname = dup_attribute (node, "hostname");
          if (server->hostname == NULL || !is_valid_hostname (server->hostname))
            return invalid (error, _("The Sieve server of the academy profile has no valid host name."));
          if (!parse_port (port, &server->port))
            return invalid (error, _("The Sieve server of the academy profile has no valid port."));
          if (socket_type == NULL || g_ascii_strcasecmp (socket_type, "STARTTLS") == 0)
            server->socket_type = CARTABLE_SOCKET_TYPE_STARTTLS;
          else if (g_ascii_strcasecmp (socket_type, "SSL") == 0)
            server->socket_type = CARTABLE_SOCKET_TYPE_TLS;
          else if (g_ascii_strcasecmp (socket_type, "plain") == 0)
            server->socket_type = CARTABLE_SOCKET_TYPE_PLAIN;
          else
            return invalid (error, _("The Sieve server of the academy profile has an unknown socket type “%s”."),
                            socket_type);
          if (!check_secure (server, error))
            return FALSE;
          state->sieve = g_steal_pointer (&server);
        }
      else if (is_cartable (node, "limits"))
        {
          g_autofree char *size = dup_attribute (node, "max-message-size");

          if (size != NULL &&
              !g_ascii_string_to_unsigned (size, 10, 0, G_MAXUINT32, &self->max_message_size, NULL))
            return invalid (error, _("The message size limit of the academy profile is not a number (“%s”)."),
                            size);
        }
      else if (is_cartable (node, "devices"))
        {
          for (xmlNode *guide = node->children; guide != NULL; guide = guide->next)
            {
              g_autoptr(CartableDeviceGuide) item = NULL;

              if (!is_cartable (guide, "guide"))
                continue;
              if (self->guides->len >= MAX_GUIDES)
                return invalid (error, _("The academy profile lists too many device guides."));

              item = g_new0 (CartableDeviceGuide, 1);
              item->device = dup_attribute (guide, "device");
              item->title = dup_attribute (guide, "title");
              item->text = dup_text (guide, MAX_TEXT_LENGTH, TRUE, error);
              if (item->text == NULL)
                return FALSE;
              if (item->device == NULL)
                return invalid (error, _("A device guide of the academy profile does not name its device."));
              if (item->title == NULL)
                item->title = g_strdup (item->device);
              g_ptr_array_add (self->guides, g_steal_pointer (&item));
            }
        }
    }

  return TRUE;
}

static gboolean
parse_document (CartableAcademyProfile  *self,
                xmlDoc                  *doc,
                const char              *base_dir,
                GError                 **error)
{
  g_auto(ParseState) state = { 0 };
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *provider = NULL;

  if (root == NULL || !is_autoconfig (root, "clientConfig"))
    return invalid (error, _("This file is not an academy profile (its root element is not <clientConfig>)."));

  state.domains = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (is_autoconfig (node, "emailProvider"))
        {
          if (provider != NULL)
            return invalid (error, _("The academy profile has more than one <emailProvider>."));
          provider = node;
          if (!parse_email_provider (self, node, &state, error))
            return FALSE;
        }
      else if (is_autoconfig (node, "addressBook") || is_autoconfig (node, "calendar"))
        {
          if (!parse_dav_element (node, &state, error))
            return FALSE;
        }
    }

  if (provider == NULL)
    return invalid (error, _("The academy profile has no <emailProvider>."));

  /* The Cartable part is optional: a plain autoconfig file is a profile too. */
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    if (is_cartable (node, "academy"))
      {
        if (!parse_academy (self, node, base_dir, &state, error))
          return FALSE;
        break;
      }

  if (state.domains->len == 0)
    return invalid (error, _("The academy profile names no mail domain."));
  if (self->incoming->len == 0)
    return invalid (error, _("The academy profile has no IMAP server."));
  if (state.smtp == NULL)
    return invalid (error, _("The academy profile has no SMTP server."));

  if (self->id == NULL)
    {
      const char *source = state.provider_id != NULL ? state.provider_id : g_ptr_array_index (state.domains, 0);
      self->id = g_ascii_strdown (source, -1);
      for (char *p = self->id; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          *p = '-';
    }
  if (self->name == NULL)
    self->name = g_strdup (state.display_name != NULL ? state.display_name : g_ptr_array_index (state.domains, 0));
  if (self->short_name == NULL)
    self->short_name = g_strdup (self->name);

  g_ptr_array_add (state.domains, NULL);
  self->domains = (GStrv) g_ptr_array_steal (state.domains, NULL);

  g_ptr_array_add (self->servers, cartable_server_copy (g_ptr_array_index (self->incoming, 0)));
  g_ptr_array_add (self->servers, g_steal_pointer (&state.smtp));
  if (state.caldav != NULL)
    g_ptr_array_add (self->servers, g_steal_pointer (&state.caldav));
  if (state.carddav != NULL)
    g_ptr_array_add (self->servers, g_steal_pointer (&state.carddav));
  if (state.ldap != NULL)
    g_ptr_array_add (self->servers, g_steal_pointer (&state.ldap));
  if (state.portal != NULL)
    {
      self->portal_url = g_strdup (state.portal->url);
      g_ptr_array_add (self->servers, g_steal_pointer (&state.portal));
    }
  if (state.sieve != NULL)
    g_ptr_array_add (self->servers, g_steal_pointer (&state.sieve));

  return TRUE;
}

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

CartableAcademyProfile *
cartable_academy_profile_new_from_data (const char  *data,
                                        gssize       length,
                                        const char  *base_dir,
                                        GError     **error)
{
  g_autoptr(CartableAcademyProfile) self = NULL;
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gsize size;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;

  if (size > CARTABLE_ACADEMY_PROFILE_MAX_SIZE)
    {
      g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
                   _("The academy profile is too large (%lu bytes; at most %d)."),
                   (gulong) size, CARTABLE_ACADEMY_PROFILE_MAX_SIZE);
      return NULL;
    }

  if (size == 0)
    {
      g_set_error_literal (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
                           _("The academy profile is empty."));
      return NULL;
    }

  /* A document type declaration is the only way to declare entities;
   * refusing it before libxml2 sees the text rules out entity expansion
   * attacks (billion laughs, external entities) whatever the library does. */
  if (g_strstr_len (data, size, "<!DOCTYPE") != NULL || g_strstr_len (data, size, "<!ENTITY") != NULL ||
      memchr (data, '\0', size) != NULL)
    {
      g_set_error_literal (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
                           _("The academy profile contains a document type declaration or binary data, "
                             "which are not allowed."));
      return NULL;
    }

  ensure_libxml ();

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
                           _("The academy profile could not be read."));
      return NULL;
    }

  doc = xmlCtxtReadMemory (ctxt, data, (int) size, "academy.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (doc == NULL || !ctxt->wellFormed || doc->intSubset != NULL || doc->extSubset != NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (ctxt);
      g_autofree char *detail = NULL;

      if (xml_error != NULL && xml_error->message != NULL)
        detail = g_strstrip (g_strdup (xml_error->message));

      if (detail != NULL && g_utf8_validate (detail, -1, NULL))
        g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
                     _("The academy profile is not valid XML (line %d: %s)."),
                     xml_error->line, detail);
      else
        g_set_error_literal (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
                             _("The academy profile is not valid XML."));

      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }

  self = g_object_new (CARTABLE_TYPE_ACADEMY_PROFILE, NULL);
  ok = parse_document (self, doc, base_dir, error);

  xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);

  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

CartableAcademyProfile *
cartable_academy_profile_new_from_file (const char  *path,
                                        GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *absolute = NULL;
  CartableAcademyProfile *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      int code = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                 ? CARTABLE_ACADEMY_PROFILE_ERROR_NOT_FOUND
                 : CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED;

      g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, code,
                   _("The academy profile %s could not be read (%s)."), path, local_error->message);
      return NULL;
    }

  /* Read one byte more than allowed, to tell "too large" without reading
   * an endless file. */
  bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), CARTABLE_ACADEMY_PROFILE_MAX_SIZE + 1,
                                     NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_MALFORMED,
                   _("The academy profile %s could not be read (%s)."), path, local_error->message);
      return NULL;
    }

  dir = g_path_get_dirname (absolute);
  self = cartable_academy_profile_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                 dir, &local_error);
  if (self == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  self->path = g_steal_pointer (&absolute);
  return self;
}

/* ------------------------------------------------------------------ accessors */

const char *
cartable_academy_profile_get_id (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return self->id;
}

const char *
cartable_academy_profile_get_name (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return self->name;
}

const char *
cartable_academy_profile_get_short_name (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return self->short_name;
}

const char * const *
cartable_academy_profile_get_domains (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return (const char * const *) self->domains;
}

const char *
cartable_academy_profile_get_path (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return self->path;
}

const char *
cartable_academy_profile_get_portal_url (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return self->portal_url;
}

const char *
cartable_academy_profile_get_ca_file (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return self->ca_file;
}

guint64
cartable_academy_profile_get_max_message_size (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), 0);
  return self->max_message_size;
}

gboolean
cartable_academy_profile_has_domain (CartableAcademyProfile *self,
                                     const char             *domain)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), FALSE);
  g_return_val_if_fail (domain != NULL, FALSE);

  for (guint i = 0; self->domains[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->domains[i], domain) == 0)
      return TRUE;

  return FALSE;
}

static GPtrArray *
copy_servers (GPtrArray *servers)
{
  GPtrArray *copy = g_ptr_array_new_full (servers->len, (GDestroyNotify) cartable_server_free);

  for (guint i = 0; i < servers->len; i++)
    g_ptr_array_add (copy, cartable_server_copy (g_ptr_array_index (servers, i)));

  return copy;
}

GPtrArray *
cartable_academy_profile_get_servers (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return copy_servers (self->servers);
}

GPtrArray *
cartable_academy_profile_get_incoming_servers (CartableAcademyProfile *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  return copy_servers (self->incoming);
}

const CartableServer *
cartable_academy_profile_get_server (CartableAcademyProfile *self,
                                     CartableServerKind      kind)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);

  for (guint i = 0; i < self->servers->len; i++)
    {
      const CartableServer *server = g_ptr_array_index (self->servers, i);

      if (server->kind == kind)
        return server;
    }

  return NULL;
}

GPtrArray *
cartable_academy_profile_get_device_guides (CartableAcademyProfile *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);

  copy = g_ptr_array_new_full (self->guides->len, (GDestroyNotify) cartable_device_guide_free);
  for (guint i = 0; i < self->guides->len; i++)
    g_ptr_array_add (copy, cartable_device_guide_copy (g_ptr_array_index (self->guides, i)));

  return copy;
}

char *
cartable_academy_profile_expand (CartableAcademyProfile *self,
                                 const char             *template_,
                                 const char             *identifier,
                                 const char             *email)
{
  GString *out;
  const char *at = NULL;
  g_autofree char *local_part = NULL;
  const char *domain = NULL;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);
  g_return_val_if_fail (template_ != NULL, NULL);

  if (email != NULL)
    at = strrchr (email, '@');
  if (at != NULL)
    {
      local_part = g_strndup (email, at - email);
      domain = at + 1;
    }
  else if (email != NULL)
    local_part = g_strdup (email);

  out = g_string_new (NULL);
  for (const char *p = template_; *p != '\0';)
    {
      const char **names = placeholders;
      const char *values[] = { identifier, email, local_part, domain };
      gboolean replaced = FALSE;

      if (*p == '%')
        for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
          if (g_str_has_prefix (p, names[i]))
            {
              if (values[i] != NULL)
                g_string_append (out, values[i]);
              p += strlen (names[i]);
              replaced = TRUE;
              break;
            }

      if (!replaced)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

char *
cartable_academy_profile_dup_username (CartableAcademyProfile *self,
                                       CartableServerKind      kind,
                                       const char             *identifier,
                                       const char             *email)
{
  const CartableServer *server;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);

  server = cartable_academy_profile_get_server (self, kind);
  if (server == NULL || server->username == NULL)
    return g_strdup (identifier != NULL ? identifier : email);

  return cartable_academy_profile_expand (self, server->username, identifier, email);
}

GTlsDatabase *
cartable_academy_profile_create_tls_database (CartableAcademyProfile  *self,
                                              GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsDatabase *database;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_PROFILE (self), NULL);

  database = cartable_tls_database_new (self->ca_file, &local_error);
  if (database == NULL)
    g_set_error (error, CARTABLE_ACADEMY_PROFILE_ERROR, CARTABLE_ACADEMY_PROFILE_ERROR_INVALID,
                 _("The CA certificate of the academy profile (%s) could not be read: %s"),
                 self->ca_file, local_error->message);

  return database;
}

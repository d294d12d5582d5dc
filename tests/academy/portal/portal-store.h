/* SPDX-License-Identifier: GPL-3.0-or-later */
/* portal-store.h: the portal's accounts, kept in a JSON file of the instance folder,
 * and what a password change provisions: Dovecot, Radicale, slapd. */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PortalStore PortalStore;

PortalStore *portal_store_load               (const char  *instance_dir,
                                              GError     **error);
void         portal_store_free               (PortalStore *store);
void         portal_store_set_ldap           (PortalStore *store,
                                              const char  *url,
                                              const char  *admin_dn,
                                              const char  *password_file,
                                              const char  *people_base);
gboolean     portal_store_save               (PortalStore *store,
                                              GError     **error);
JsonObject  *portal_store_get_academy        (PortalStore *store);
const char  *portal_store_get_terms_version  (PortalStore *store);
JsonArray   *portal_store_get_services       (PortalStore *store);
JsonObject  *portal_store_find_account       (PortalStore *store,
                                              const char  *identifier);
JsonObject  *portal_store_find_by_numen      (PortalStore *store,
                                              const char  *numen);
JsonObject  *portal_store_find_school        (PortalStore *store,
                                              const char  *uai);
JsonObject  *portal_store_find_service       (PortalStore *store,
                                              const char  *id);
gint64       portal_store_take_ticket_number (PortalStore *store);
gboolean     portal_store_provision          (PortalStore *store,
                                              JsonObject  *account,
                                              const char  *new_hash,
                                              GError     **error);
gboolean     portal_store_deliver            (PortalStore *store,
                                              const char  *address,
                                              const char  *message,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortalStore, portal_store_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cartable-academy-profile.h"
#include "cartable-portal-types.h"

G_BEGIN_DECLS

/* Checking a password locally against the policy, and parsing what users
 * type (JJ/MM/AAAA dates, NUMEN, codes), is in cartable-account-validate.h. */

/* ------------------------------------------------------------------ client */

#define CARTABLE_TYPE_PORTAL (cartable_portal_get_type ())

/**
 * CartablePortal:
 *
 * Client of the academy portal API version 1 (docs/portal-api.md) on
 * libsoup 3. Every call is asynchronous and cancellable, has a timeout (the
 * #CartablePortal:timeout property, 30 s by default), speaks HTTPS only
 * (http:// is accepted for loopback hosts only) and checks the portal's
 * certificate against the given #GTlsDatabase (the system store plus the
 * profile's CA). Errors are #CARTABLE_PORTAL_ERROR errors. Passwords are
 * sent only in request bodies and Basic authentication, never logged.
 */
G_DECLARE_FINAL_TYPE (CartablePortal, cartable_portal, CARTABLE, PORTAL, GObject)

/* Returns: (transfer full): a client for @base_url (ends with '/'), checking
 * certificates with @database (%NULL: the system store only). */
CartablePortal *cartable_portal_new                (const char              *base_url,
                                                    GTlsDatabase            *database);
/* Returns: (transfer full) (nullable): a client for the profile's portal, trusting its CA;
 * %NULL with an error if the profile names no portal or its CA cannot be read. */
CartablePortal *cartable_portal_new_for_profile    (CartableAcademyProfile  *profile,
                                                    GError                 **error);
const char     *cartable_portal_get_base_url       (CartablePortal          *self);
guint           cartable_portal_get_timeout        (CartablePortal          *self);
void            cartable_portal_set_timeout        (CartablePortal          *self,
                                                    guint                    seconds);

/* GET (base URL) */
void                    cartable_portal_get_info_async             (CartablePortal *self,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePortalInfo     *cartable_portal_get_info_finish            (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* POST activation. @birth_date is "AAAA-MM-JJ". */
void                    cartable_portal_activate_async             (CartablePortal *self,
                                                                    const char *identifier,
                                                                    const char *code,
                                                                    const char *birth_date,
                                                                    const char *password,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePortalAccount  *cartable_portal_activate_finish            (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* GET terms */
void                    cartable_portal_get_terms_async            (CartablePortal *self,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePortalTerms    *cartable_portal_get_terms_finish           (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* POST activation/other-academy. @terms_version: the version of the terms the user read. */
void                    cartable_portal_activate_other_academy_async  (CartablePortal *self,
                                                                       const char *numen,
                                                                       const char *birth_date,
                                                                       gboolean terms_accepted,
                                                                       const char *terms_version,
                                                                       const char *password,
                                                                       GCancellable *cancellable,
                                                                       GAsyncReadyCallback callback,
                                                                       gpointer user_data);
CartablePortalAccount  *cartable_portal_activate_other_academy_finish (CartablePortal *self,
                                                                       GAsyncResult *result,
                                                                       GError **error);

/* GET password-policy */
void                    cartable_portal_get_password_policy_async  (CartablePortal *self,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePasswordPolicy *cartable_portal_get_password_policy_finish (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* GET account (Basic authentication with @identifier and @password) */
void                    cartable_portal_get_account_async          (CartablePortal *self,
                                                                    const char *identifier,
                                                                    const char *password,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePortalAccount  *cartable_portal_get_account_finish         (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* POST account/password (Basic authentication with the current password) */
void                    cartable_portal_change_password_async      (CartablePortal *self,
                                                                    const char *identifier,
                                                                    const char *current_password,
                                                                    const char *new_password,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePortalAccount  *cartable_portal_change_password_finish     (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* POST recovery. @birth_date is "AAAA-MM-JJ". */
void                    cartable_portal_recover_async              (CartablePortal *self,
                                                                    const char *identifier,
                                                                    const char *numen,
                                                                    const char *birth_date,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePortalRecovery *cartable_portal_recover_finish             (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* GET public/services. Finish returns (element-type CartablePortalService). */
void                    cartable_portal_list_services_async        (CartablePortal *self,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
GPtrArray              *cartable_portal_list_services_finish       (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/* POST public/contact */
void                    cartable_portal_contact_async              (CartablePortal *self,
                                                                    const char *name,
                                                                    const char *email,
                                                                    const char *service,
                                                                    const char *subject,
                                                                    const char *message,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
CartablePortalTicket   *cartable_portal_contact_finish             (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

/**
 * cartable_portal_request_async:
 * @method: "GET", "POST", …
 * @path: relative to the base URL
 * @body: (nullable): raw request body (sent as application/json)
 * @identifier: (nullable): Basic authentication user
 * @password: (nullable): Basic authentication password
 *
 * Low-level request, with the same transport and error mapping as the
 * typed calls; the finish function returns the parsed JSON answer of a
 * successful (2xx) request. For tests and diagnostics.
 */
void                    cartable_portal_request_async              (CartablePortal *self,
                                                                    const char *method,
                                                                    const char *path,
                                                                    GBytes *body,
                                                                    const char *identifier,
                                                                    const char *password,
                                                                    GCancellable *cancellable,
                                                                    GAsyncReadyCallback callback,
                                                                    gpointer user_data);
JsonNode               *cartable_portal_request_finish             (CartablePortal *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-mail-error.h"

G_BEGIN_DECLS

typedef enum
{
  CARTABLE_MAIL_SECURITY_TLS,        /* implicit TLS (IMAPS 993, SMTPS 465) */
  CARTABLE_MAIL_SECURITY_STARTTLS,   /* STARTTLS, refused if the server does not offer it */
  CARTABLE_MAIL_SECURITY_NONE,       /* plaintext: loopback hosts only */
} CartableMailSecurity;

/* CartableMailAccountConfig: plain, reference-counted data describing one
 * account's servers. Not thread-safe to modify once given to a session. */
typedef struct _CartableMailAccountConfig CartableMailAccountConfig;

#define CARTABLE_TYPE_MAIL_ACCOUNT_CONFIG (cartable_mail_account_config_get_type ())

GType                      cartable_mail_account_config_get_type          (void) G_GNUC_CONST;
CartableMailAccountConfig *cartable_mail_account_config_new               (const char                *account_id,
                                                                           const char                *identifier,
                                                                           const char                *email);
CartableMailAccountConfig *cartable_mail_account_config_ref               (CartableMailAccountConfig *self);
void                       cartable_mail_account_config_unref             (CartableMailAccountConfig *self);
CartableMailAccountConfig *cartable_mail_account_config_copy              (const CartableMailAccountConfig *self);

const char                *cartable_mail_account_config_get_account_id    (const CartableMailAccountConfig *self);
const char                *cartable_mail_account_config_get_identifier    (const CartableMailAccountConfig *self);
const char                *cartable_mail_account_config_get_email         (const CartableMailAccountConfig *self);
const char                *cartable_mail_account_config_get_display_name  (const CartableMailAccountConfig *self);
void                       cartable_mail_account_config_set_display_name  (CartableMailAccountConfig *self,
                                                                           const char                *display_name);
void                       cartable_mail_account_config_set_imap          (CartableMailAccountConfig *self,
                                                                           const char                *host,
                                                                           guint16                    port,
                                                                           CartableMailSecurity       security);
const char                *cartable_mail_account_config_get_imap_host     (const CartableMailAccountConfig *self);
guint16                    cartable_mail_account_config_get_imap_port     (const CartableMailAccountConfig *self);
CartableMailSecurity       cartable_mail_account_config_get_imap_security (const CartableMailAccountConfig *self);
void                       cartable_mail_account_config_set_smtp          (CartableMailAccountConfig *self,
                                                                           const char                *host,
                                                                           guint16                    port,
                                                                           CartableMailSecurity       security);
const char                *cartable_mail_account_config_get_smtp_host     (const CartableMailAccountConfig *self);
guint16                    cartable_mail_account_config_get_smtp_port     (const CartableMailAccountConfig *self);
CartableMailSecurity       cartable_mail_account_config_get_smtp_security (const CartableMailAccountConfig *self);
/* A PEM file of CA certificates to trust in addition to the system store
 * (the academy profile's CA), or NULL. */
void                       cartable_mail_account_config_set_ca_file       (CartableMailAccountConfig *self,
                                                                           const char                *ca_file);
const char                *cartable_mail_account_config_get_ca_file       (const CartableMailAccountConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableMailAccountConfig, cartable_mail_account_config_unref)

gboolean                   cartable_mail_host_is_loopback                 (const char                *host);

/* CartableCertificateRequest: a certificate that neither the system store
 * nor the account's CA file vouches for. Emitted on the session's main
 * context with CartableMailSession::certificate-request; whoever handles it
 * answers once, at any time, with cartable_certificate_request_answer(). A
 * refusal is final for that certificate; no handler means refusal. */
#define CARTABLE_TYPE_CERTIFICATE_REQUEST (cartable_certificate_request_get_type ())

G_DECLARE_FINAL_TYPE (CartableCertificateRequest, cartable_certificate_request, CARTABLE, CERTIFICATE_REQUEST, GObject)

const char           *cartable_certificate_request_get_account_id  (CartableCertificateRequest *self);
const char           *cartable_certificate_request_get_host        (CartableCertificateRequest *self);
const char           *cartable_certificate_request_get_subject     (CartableCertificateRequest *self);
const char           *cartable_certificate_request_get_issuer      (CartableCertificateRequest *self);
/* SHA-256 of the DER certificate, upper-case hex pairs joined by ':'. */
const char           *cartable_certificate_request_get_fingerprint (CartableCertificateRequest *self);
GTlsCertificateFlags  cartable_certificate_request_get_errors      (CartableCertificateRequest *self);
GTlsCertificate      *cartable_certificate_request_get_certificate (CartableCertificateRequest *self);
void                  cartable_certificate_request_answer          (CartableCertificateRequest *self,
                                                                    gboolean                    accept);

/* Returns a newly allocated password for @account_id, or NULL (then
 * authentication fails with CARTABLE_MAIL_ERROR_NO_PASSWORD). Called from a
 * worker thread: it may block (e.g. a synchronous libsecret lookup) and must
 * be thread-safe. */
typedef char *(*CartableMailPasswordFunc) (const char *account_id,
                                           gpointer    user_data);

#define CARTABLE_TYPE_MAIL_SESSION (cartable_mail_session_get_type ())

/* The session holding every account's mail store and transport. It is a
 * CamelSession, which only the engine may know: here the type is opaque (a
 * GObject to its users, with its cast, its check and g_autoptr), and
 * cartable-mail-session-private.h gives the engine its class structure and
 * the functions that hand out Camel objects. G_DECLARE_FINAL_TYPE cannot be
 * split over two headers, hence the declarations written out. */
typedef struct _CartableMailSession CartableMailSession;

GType cartable_mail_session_get_type (void) G_GNUC_CONST;

#define CARTABLE_MAIL_SESSION(obj) \
  (G_TYPE_CHECK_INSTANCE_CAST ((obj), CARTABLE_TYPE_MAIL_SESSION, CartableMailSession))
#define CARTABLE_IS_MAIL_SESSION(obj) \
  (G_TYPE_CHECK_INSTANCE_TYPE ((obj), CARTABLE_TYPE_MAIL_SESSION))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableMailSession, g_object_unref)

/* Initialises Camel (once per process) on first call. */
CartableMailSession *cartable_mail_session_new                (const char                *data_dir,
                                                               const char                *cache_dir);
void                 cartable_mail_session_set_password_func  (CartableMailSession       *self,
                                                               CartableMailPasswordFunc   func,
                                                               gpointer                   user_data,
                                                               GDestroyNotify             destroy);
gboolean             cartable_mail_session_add_account        (CartableMailSession       *self,
                                                               CartableMailAccountConfig *config,
                                                               GError                   **error);
void                 cartable_mail_session_remove_account     (CartableMailSession       *self,
                                                               const char                *account_id);
CartableMailAccountConfig *
                     cartable_mail_session_get_account_config (CartableMailSession       *self,
                                                               const char                *account_id);
/* Puts the account's store online and connects it (TRUE), or synchronises
 * it for offline use and disconnects (FALSE). */
void                 cartable_mail_session_set_online_async   (CartableMailSession       *self,
                                                               const char                *account_id,
                                                               gboolean                   online,
                                                               GCancellable              *cancellable,
                                                               GAsyncReadyCallback        callback,
                                                               gpointer                   user_data);
gboolean             cartable_mail_session_set_online_finish  (CartableMailSession       *self,
                                                               GAsyncResult              *result,
                                                               GError                   **error);
/* Blocking variants for worker threads (and the CLI's workers). */
gboolean             cartable_mail_session_connect_store_sync (CartableMailSession       *self,
                                                               const char                *account_id,
                                                               GCancellable              *cancellable,
                                                               GError                   **error);
gboolean             cartable_mail_session_connect_transport_sync (CartableMailSession   *self,
                                                                   const char            *account_id,
                                                                   GCancellable          *cancellable,
                                                                   GError               **error);

G_END_DECLS

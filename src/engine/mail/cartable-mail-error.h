/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors of the mail engine. Camel's own errors pass through unchanged when
 * no more precise code applies. */
#define CARTABLE_MAIL_ERROR (cartable_mail_error_quark ())

typedef enum
{
  CARTABLE_MAIL_ERROR_FAILED,
  CARTABLE_MAIL_ERROR_INVALID,       /* bad configuration or argument */
  CARTABLE_MAIL_ERROR_NO_ACCOUNT,    /* unknown account id */
  CARTABLE_MAIL_ERROR_INSECURE,      /* plaintext to a non-loopback host refused */
  CARTABLE_MAIL_ERROR_TLS,           /* TLS could not be set up (e.g. STARTTLS not offered) */
  CARTABLE_MAIL_ERROR_CERTIFICATE,   /* the server's certificate was not trusted */
  CARTABLE_MAIL_ERROR_AUTH,          /* the server refused the identifier or password */
  CARTABLE_MAIL_ERROR_NO_PASSWORD,   /* no password available for the account */
  CARTABLE_MAIL_ERROR_OFFLINE,       /* needs the network and the account is offline */
  CARTABLE_MAIL_ERROR_NOT_FOUND,     /* folder or message not found */
  CARTABLE_MAIL_ERROR_EXISTS,        /* folder or file already exists */
} CartableMailError;

GQuark  cartable_mail_error_quark       (void);

/* Turns a Camel error into the engine's domain where a precise code exists
 * (authentication, certificate, TLS, offline); otherwise returns it as is. */
GError *cartable_mail_error_from_camel  (const GError *error);

/* Whether @error is Camel's "service unavailable", which passes through
 * unchanged: the server could not be reached. */
gboolean cartable_mail_error_is_unavailable (const GError *error);

G_END_DECLS

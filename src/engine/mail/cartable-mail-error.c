/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail"

#include "config.h"

#include <camel/camel.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "cartable-mail-error.h"

/* The bottom of the mail engine: every other mail file reports in this
 * domain, and none of them is needed to do so. */

G_DEFINE_QUARK (cartable-mail-error-quark, cartable_mail_error)

GError *
cartable_mail_error_from_camel (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CARTABLE_MAIL_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_CANT_AUTHENTICATE))
    return g_error_new (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH,
                        _("The server refused the identifier or the password"));

  if (error->domain == G_TLS_ERROR)
    {
      if (error->code == G_TLS_ERROR_BAD_CERTIFICATE)
        return g_error_new (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_CERTIFICATE,
                            _("The server’s certificate is not trusted"));
      return g_error_new (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_TLS,
                          _("A secure connection to the server could not be established: %s"),
                          error->message);
    }

  /* imapx and smtp report a missing STARTTLS as a generic error whose
   * (translated) message always names the command. */
  if ((error->domain == CAMEL_ERROR || error->domain == CAMEL_SERVICE_ERROR) &&
      error->message != NULL && strstr (error->message, "STARTTLS") != NULL)
    return g_error_new (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_TLS,
                        _("The server does not offer encryption (STARTTLS); the connection was refused"));

  if (g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE) &&
      error->message != NULL && strstr (error->message, "online") != NULL)
    return g_error_new (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE,
                        _("This needs a connection to the server"));

  return g_error_copy (error);
}

gboolean
cartable_mail_error_is_unavailable (const GError *error)
{
  return g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_CERTIFICATE_DIALOG (cartable_certificate_dialog_get_type ())

/* Asks whether to trust a server certificate that could not be checked,
 * showing its problems and fingerprint; answers the request once, with
 * the user's choice (closing it refuses). */
G_DECLARE_FINAL_TYPE (CartableCertificateDialog, cartable_certificate_dialog, CARTABLE, CERTIFICATE_DIALOG,
                      AdwMessageDialog)

CartableCertificateDialog  *cartable_certificate_dialog_new         (GtkWindow                  *parent,
                                                                     CartableCertificateRequest *request);
CartableCertificateRequest *cartable_certificate_dialog_get_request (CartableCertificateDialog  *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * cartable_tls_database_new:
 * @ca_file: (nullable): a PEM file with one or more CA certificates
 * @error: return location for an error
 *
 * A #GTlsDatabase that accepts a chain when either the system's default
 * database or the certificates of @ca_file validate it (identity and
 * expiry are still checked). Without @ca_file, the system database itself.
 * Nothing is ever accepted silently: a chain that neither validates keeps
 * its #GTlsCertificateFlags, which callers surface as an error.
 *
 * Returns: (transfer full): the database, or %NULL if @ca_file cannot be read
 */
GTlsDatabase *cartable_tls_database_new              (const char           *ca_file,
                                                      GError              **error);

/**
 * cartable_tls_describe_errors:
 * @errors: certificate problems
 *
 * Returns: (transfer full): a short English (translatable) description of
 *   the problems, e.g. "the certificate has expired", joined by "; "
 */
char         *cartable_tls_describe_errors           (GTlsCertificateFlags  errors);

G_END_DECLS

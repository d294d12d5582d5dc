/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-server-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cartable-server-check.h"

G_DEFINE_QUARK (cartable-server-error-quark, cartable_server_error)

CartableCheckRow *
cartable_check_row_copy (const CartableCheckRow *row)
{
  CartableCheckRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_memdup2 (row, sizeof *row);
  copy->hostname = g_strdup (row->hostname);
  copy->address = g_strdup (row->address);
  copy->certificate_subject = g_strdup (row->certificate_subject);
  copy->certificate_issuer = g_strdup (row->certificate_issuer);
  copy->certificate_expiry = row->certificate_expiry ? g_date_time_ref (row->certificate_expiry) : NULL;
  copy->error = row->error ? g_error_copy (row->error) : NULL;
  return copy;
}

void
cartable_check_row_free (CartableCheckRow *row)
{
  if (row == NULL)
    return;

  g_free (row->hostname);
  g_free (row->address);
  g_free (row->certificate_subject);
  g_free (row->certificate_issuer);
  g_clear_pointer (&row->certificate_expiry, g_date_time_unref);
  g_clear_error (&row->error);
  g_free (row);
}

G_DEFINE_BOXED_TYPE (CartableCheckRow, cartable_check_row, cartable_check_row_copy, cartable_check_row_free)

gboolean
cartable_check_row_is_ok (const CartableCheckRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);

  return row->resolve != CARTABLE_CHECK_STATUS_FAILED && row->connect != CARTABLE_CHECK_STATUS_FAILED &&
         row->tls != CARTABLE_CHECK_STATUS_FAILED && row->auth != CARTABLE_CHECK_STATUS_FAILED &&
         row->error == NULL;
}

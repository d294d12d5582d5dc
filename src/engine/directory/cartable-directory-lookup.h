/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "academy/cartable-academy-profile.h"

G_BEGIN_DECLS

#define CARTABLE_DIRECTORY_ERROR (cartable_directory_error_quark ())

/**
 * CartableDirectoryError:
 * @CARTABLE_DIRECTORY_ERROR_UNAVAILABLE: the profile names no directory
 * @CARTABLE_DIRECTORY_ERROR_UNREACHABLE: the directory did not answer
 * @CARTABLE_DIRECTORY_ERROR_CERTIFICATE: its certificate could not be verified
 * @CARTABLE_DIRECTORY_ERROR_NOT_FOUND: nobody has that address
 * @CARTABLE_DIRECTORY_ERROR_AMBIGUOUS: several people have that address
 * @CARTABLE_DIRECTORY_ERROR_FAILED: any other refusal
 */
typedef enum
{
  CARTABLE_DIRECTORY_ERROR_UNAVAILABLE,
  CARTABLE_DIRECTORY_ERROR_UNREACHABLE,
  CARTABLE_DIRECTORY_ERROR_CERTIFICATE,
  CARTABLE_DIRECTORY_ERROR_NOT_FOUND,
  CARTABLE_DIRECTORY_ERROR_AMBIGUOUS,
  CARTABLE_DIRECTORY_ERROR_FAILED,
} CartableDirectoryError;

GQuark  cartable_directory_error_quark           (void);

/* RFC 4515: @value with the filter's special characters escaped. */
char   *cartable_directory_escape_filter_value   (const char              *value);

void    cartable_directory_find_identifier_async (CartableAcademyProfile  *profile,
                                                  const char              *email,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
char   *cartable_directory_find_identifier_finish (GAsyncResult           *result,
                                                   GError                **error);

G_END_DECLS

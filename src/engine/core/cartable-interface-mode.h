/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CartableInterfaceMode:
 * @CARTABLE_INTERFACE_MODE_SIMPLE: one column: receive, read, write, send
 * @CARTABLE_INTERFACE_MODE_FULL: folders, search, agenda, contacts, directory, devices
 *
 * The two versions of the interface a user can choose between.
 */
typedef enum
{
  CARTABLE_INTERFACE_MODE_SIMPLE,
  CARTABLE_INTERFACE_MODE_FULL,
} CartableInterfaceMode;

#define CARTABLE_TYPE_INTERFACE_MODE (cartable_interface_mode_get_type ())

GType                  cartable_interface_mode_get_type      (void) G_GNUC_CONST;
const char            *cartable_interface_mode_to_string     (CartableInterfaceMode  mode);
gboolean               cartable_interface_mode_from_string   (const char            *nick,
                                                              CartableInterfaceMode *mode);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-primary-menu"

#include "config.h"

#include "cartable-primary-menu.h"

/**
 * cartable_primary_menu_new:
 *
 * The main menu shown by every page's header bar, so its entries are the
 * same wherever the user is.
 *
 * Returns: (transfer full): the menu model
 */
GMenuModel *
cartable_primary_menu_new (void)
{
  g_autoptr(GtkBuilder) builder = NULL;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/ui/cartable-primary-menu.ui");
  return g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
}

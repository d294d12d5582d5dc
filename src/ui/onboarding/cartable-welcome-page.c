/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-welcome-page.h"
#include "common/cartable-primary-menu.h"

/* What the window shows while no account is set up. */
struct _CartableWelcomePage
{
  AdwBin          parent_instance;

  AdwStatusPage  *status_page;
  GtkMenuButton  *menu_button;
};

G_DEFINE_FINAL_TYPE (CartableWelcomePage, cartable_welcome_page, ADW_TYPE_BIN)

static void
cartable_welcome_page_class_init (CartableWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* AdwBin unparents its child when disposed: no template disposal here. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CartableWelcomePage, menu_button);
}

static void
cartable_welcome_page_init (CartableWelcomePage *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  menu = cartable_primary_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
}

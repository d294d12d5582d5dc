/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-main-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-main-view.h"
#include "common/cartable-primary-menu.h"

/*
 * The window's content once an account exists: a sidebar with the accounts
 * (and, as they land, their folders, the agenda, contacts, directory and
 * devices) beside the content. The leaflet folds into one column in a
 * narrow window.
 */
struct _CartableMainView
{
  AdwBin                parent_instance;

  CartableAccountStore *account_store;

  AdwLeaflet           *leaflet;
  GtkListBox           *account_list;
  GtkMenuButton        *menu_button;
};

G_DEFINE_FINAL_TYPE (CartableMainView, cartable_main_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  CartableAccount *account = CARTABLE_ACCOUNT (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cartable_account_get_display_name (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cartable_account_get_identifier (account));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "mail-unread-symbolic");

  return row;
}

static void
cartable_main_view_dispose (GObject *object)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (object);

  /* AdwBin unparents its child itself: no template disposal here. */
  g_clear_object (&self->account_store);

  G_OBJECT_CLASS (cartable_main_view_parent_class)->dispose (object);
}

static void
cartable_main_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_STORE:
      g_value_set_object (value, self->account_store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_main_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_STORE:
      cartable_main_view_set_account_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_main_view_class_init (CartableMainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_main_view_dispose;
  object_class->get_property = cartable_main_view_get_property;
  object_class->set_property = cartable_main_view_set_property;

  properties[PROP_ACCOUNT_STORE] =
    g_param_spec_object ("account-store", NULL, NULL, CARTABLE_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-main-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, account_list);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, menu_button);
}

static void
cartable_main_view_init (CartableMainView *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  menu = cartable_primary_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, menu);
}

CartableAccountStore *
cartable_main_view_get_account_store (CartableMainView *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIN_VIEW (self), NULL);
  return self->account_store;
}

void
cartable_main_view_set_account_store (CartableMainView     *self,
                                      CartableAccountStore *store)
{
  g_return_if_fail (CARTABLE_IS_MAIN_VIEW (self));
  g_return_if_fail (store == NULL || CARTABLE_IS_ACCOUNT_STORE (store));

  if (!g_set_object (&self->account_store, store))
    return;

  gtk_list_box_bind_model (self->account_list, G_LIST_MODEL (store),
                           store != NULL ? create_account_row : NULL, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_STORE]);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-preferences-window.h"
#include "cartable-account-group.h"
#include "cartable-account-removal.h"
#include "cartable-time-chooser.h"

/*
 * The preferences. Each setting is an application action made with
 * g_settings_create_action(), so rows only name the action and its target:
 * the same setting can be changed from here, the keyboard or a test.
 */
struct _CartablePreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkWidget           *quiet_start_row;
  GtkWidget           *quiet_end_row;
  GtkWidget           *autostart_row;
  CartableTimeChooser *quiet_start;
  CartableTimeChooser *quiet_end;

  /* « Comptes »: a signature per account, written to the accounts file
   * shortly after the last change. */
  CartableAccountStore *account_store;
  guint                 save_id;
};

G_DEFINE_FINAL_TYPE (CartablePreferencesWindow, cartable_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
save_accounts (CartablePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->account_store != NULL && !cartable_account_store_save (self->account_store, &error))
    g_warning ("The signature could not be saved: %s", error->message);
}

static gboolean
save_accounts_cb (gpointer user_data)
{
  CartablePreferencesWindow *self = user_data;

  self->save_id = 0;
  save_accounts (self);
  return G_SOURCE_REMOVE;
}

static void
signature_changed_cb (CartableAccount           *account,
                      GParamSpec                *pspec,
                      CartablePreferencesWindow *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (500, save_accounts_cb, self);
}

static void
remove_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CartablePreferencesWindow *self = CARTABLE_PREFERENCES_WINDOW (widget);

  cartable_account_removal_ask (GTK_WINDOW (self), self->account_store, g_variant_get_string (parameter, NULL));
}

/* A page « Comptes »: per account, its signature and a way to remove it. */
static void
add_accounts_page (CartablePreferencesWindow *self)
{
  GListModel *accounts = G_LIST_MODEL (self->account_store);
  AdwPreferencesPage *page;

  if (g_list_model_get_n_items (accounts) == 0)
    return;

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Accounts"));
  adw_preferences_page_set_name (page, "accounts");
  adw_preferences_page_set_icon_name (page, "system-users-symbolic");
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CartableAccount) account = g_list_model_get_item (accounts, i);

      g_signal_connect_object (account, "notify::signature", G_CALLBACK (signature_changed_cb), self, 0);
      adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (cartable_account_group_new (account)));
    }
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

static void
cartable_preferences_window_dispose (GObject *object)
{
  CartablePreferencesWindow *self = CARTABLE_PREFERENCES_WINDOW (object);

  if (self->save_id != 0)
    save_accounts (self);
  g_clear_object (&self->account_store);

  gtk_widget_dispose_template (GTK_WIDGET (object), CARTABLE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (cartable_preferences_window_parent_class)->dispose (object);
}

static void
cartable_preferences_window_class_init (CartablePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_preferences_window_dispose;

  g_type_ensure (CARTABLE_TYPE_TIME_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartablePreferencesWindow, quiet_start_row);
  gtk_widget_class_bind_template_child (widget_class, CartablePreferencesWindow, quiet_end_row);
  gtk_widget_class_bind_template_child (widget_class, CartablePreferencesWindow, quiet_start);
  gtk_widget_class_bind_template_child (widget_class, CartablePreferencesWindow, quiet_end);
  gtk_widget_class_bind_template_child (widget_class, CartablePreferencesWindow, autostart_row);
  gtk_widget_class_install_action (widget_class, "prefs.remove-account", "s", remove_account_action);
}

static void
cartable_preferences_window_init (CartablePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartablePreferencesWindow *
cartable_preferences_window_new (GtkApplication       *application,
                                 GtkWindow            *parent,
                                 GSettings            *settings,
                                 CartableAccountStore *account_store)
{
  CartablePreferencesWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (account_store), NULL);

  self = g_object_new (CARTABLE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", application,
                       NULL);

  /* Times are no actions: they are bound to their keys directly. */
  g_settings_bind (settings, "quiet-hours-start", self->quiet_start, "minutes", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "quiet-hours-end", self->quiet_end, "minutes", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "quiet-hours-enabled", self->quiet_start_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "quiet-hours-enabled", self->quiet_end_row, "sensitive", G_SETTINGS_BIND_GET);
  /* Starting with the session is starting in the background. */
  g_settings_bind (settings, "run-in-background", self->autostart_row, "sensitive", G_SETTINGS_BIND_GET);

  self->account_store = g_object_ref (account_store);
  add_accounts_page (self);

  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-window.h"
#include "common/cartable-window-geometry.h"
#include "mail/cartable-main-view.h"
#include "onboarding/cartable-welcome-page.h"
#include "simple/cartable-simple-view.h"

struct _CartableWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  CartableAccountStore *account_store;
  CartableMailAccounts *mail_accounts;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  CartableWelcomePage  *welcome_page;
  CartableMainView     *main_view;
  CartableSimpleView   *simple_view;
};

G_DEFINE_FINAL_TYPE (CartableWindow, cartable_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT_STORE,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CartableWindow *
cartable_window_new (CartableApplication *application)
{
  CartableWindow *self;

  g_return_val_if_fail (CARTABLE_IS_APPLICATION (application), NULL);

  self = g_object_new (CARTABLE_TYPE_WINDOW,
                       "application", application,
                       "settings", cartable_application_get_settings (application),
                       "account-store", cartable_application_get_account_store (application),
                       NULL);
  /* The onboarding lists the academy of --academy-profile first. */
  cartable_welcome_page_setup (self->welcome_page, self->settings, self->account_store,
                               cartable_application_get_academy_profile (application));
  return self;
}

/* Switching version keeps the user where they were: the account, the
 * folder and the message open go from one view to the other. */
static void
hand_over (CartableWindow *self,
           const char     *from,
           const char     *to)
{
  if (g_strcmp0 (from, "main") == 0 && g_strcmp0 (to, "simple") == 0)
    {
      CartableMessage *message = cartable_main_view_get_message (self->main_view);

      cartable_simple_view_show_message (self->simple_view,
                                         cartable_main_view_get_account_id (self->main_view),
                                         cartable_main_view_get_folder_name (self->main_view),
                                         message != NULL ? cartable_message_get_uid (message) : NULL);
    }
  else if (g_strcmp0 (from, "simple") == 0 && g_strcmp0 (to, "main") == 0)
    {
      cartable_main_view_show_message (self->main_view,
                                       cartable_simple_view_get_account_id (self->simple_view),
                                       cartable_simple_view_get_folder_name (self->simple_view),
                                       cartable_simple_view_get_message_uid (self->simple_view));
    }
}

static void
update_visible_page (CartableWindow *self)
{
  guint n_accounts = g_list_model_get_n_items (G_LIST_MODEL (self->account_store));
  g_autofree char *mode = g_settings_get_string (self->settings, "interface-mode");
  const char *page = n_accounts == 0 ? "welcome" : g_strcmp0 (mode, "simple") == 0 ? "simple" : "main";
  const char *current = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (current, page) == 0)
    return;

  hand_over (self, current, page);
  gtk_stack_set_visible_child_name (self->stack, page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

static void
accounts_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     CartableWindow *self)
{
  update_visible_page (self);
}

static void
interface_mode_changed_cb (GSettings      *settings,
                           const char     *key,
                           CartableWindow *self)
{
  update_visible_page (self);
}

static void
restore_geometry (CartableWindow *self)
{
  int width, height;

  cartable_window_geometry_sanitize (g_settings_get_int (self->settings, "window-width"),
                                     g_settings_get_int (self->settings, "window-height"),
                                     &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_geometry (CartableWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  /* A maximized window keeps the size it will go back to. */
  g_settings_delay (self->settings);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
cartable_window_close_request (GtkWindow *window)
{
  save_geometry (CARTABLE_WINDOW (window));

  return GTK_WINDOW_CLASS (cartable_window_parent_class)->close_request (window);
}

static void
cartable_window_constructed (GObject *object)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  G_OBJECT_CLASS (cartable_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (CARTABLE_IS_ACCOUNT_STORE (self->account_store));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_geometry (self);

  /* One mail session per window, shared by the views that show mail. */
  self->mail_accounts = cartable_mail_accounts_new (self->account_store);
  cartable_main_view_set_mail_accounts (self->main_view, self->mail_accounts);
  cartable_simple_view_set_mail_accounts (self->simple_view, self->mail_accounts);
  g_signal_connect_object (self->settings, "changed::interface-mode",
                           G_CALLBACK (interface_mode_changed_cb), self, 0);
  g_signal_connect_object (self->account_store, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, 0);
  update_visible_page (self);
}

static void
cartable_window_dispose (GObject *object)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_WINDOW);

  g_clear_object (&self->mail_accounts);
  g_clear_object (&self->settings);
  g_clear_object (&self->account_store);

  G_OBJECT_CLASS (cartable_window_parent_class)->dispose (object);
}

static void
cartable_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ACCOUNT_STORE:
      g_value_set_object (value, self->account_store);
      break;
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, cartable_window_get_visible_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_STORE:
      self->account_store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_window_class_init (CartableWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cartable_window_constructed;
  object_class->dispose = cartable_window_dispose;
  object_class->get_property = cartable_window_get_property;
  object_class->set_property = cartable_window_set_property;

  window_class->close_request = cartable_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_STORE] =
    g_param_spec_object ("account-store", NULL, NULL, CARTABLE_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARTABLE_TYPE_WELCOME_PAGE);
  g_type_ensure (CARTABLE_TYPE_MAIN_VIEW);
  g_type_ensure (CARTABLE_TYPE_SIMPLE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, main_view);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, simple_view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
cartable_window_init (CartableWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cartable_window_get_visible_page:
 *
 * Returns: "welcome" when no account is set up, otherwise "simple" or
 *   "main" after the interface-mode setting
 */
const char *
cartable_window_get_visible_page (CartableWindow *self)
{
  g_return_val_if_fail (CARTABLE_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cartable_window_get_mail_accounts:
 *
 * Returns: (transfer none): the mail side of the accounts this window shows
 */
CartableMailAccounts *
cartable_window_get_mail_accounts (CartableWindow *self)
{
  g_return_val_if_fail (CARTABLE_IS_WINDOW (self), NULL);
  return self->mail_accounts;
}

/**
 * cartable_window_show_message:
 *
 * Shows @uid of @folder_name of @account_id in the version of the interface
 * on display (a new-mail notification was clicked).
 */
void
cartable_window_show_message (CartableWindow *self,
                              const char     *account_id,
                              const char     *folder_name,
                              const char     *uid)
{
  const char *page;

  g_return_if_fail (CARTABLE_IS_WINDOW (self));

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "simple") == 0)
    cartable_simple_view_show_message (self->simple_view, account_id, folder_name, uid);
  else if (g_strcmp0 (page, "main") == 0)
    cartable_main_view_show_message (self->main_view, account_id, folder_name, uid);
}

void
cartable_window_add_toast (CartableWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (CARTABLE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

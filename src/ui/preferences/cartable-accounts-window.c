/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-accounts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-accounts-window.h"

/*
 * The accounts set up on this computer, and the way to remove one (after
 * a refused configuration, a change of academy, a shared computer). The
 * store does the work: settings, cached mail and passwords go; the window
 * returns to the welcome page by itself when none is left.
 */
struct _CartableAccountsWindow
{
  AdwWindow             parent_instance;

  CartableAccountStore *store;

  AdwToastOverlay      *toast_overlay;
  GtkListBox           *account_list;
};

G_DEFINE_FINAL_TYPE (CartableAccountsWindow, cartable_accounts_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  CartableAccount *account = CARTABLE_ACCOUNT (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove;
  g_autofree char *remove_name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cartable_account_get_display_name (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cartable_account_get_identifier (account));

  remove = gtk_button_new_with_mnemonic (_("_Remove…"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "accounts.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", cartable_account_get_id (account));
  remove_name = g_strdup_printf (_("Remove the account %s"), cartable_account_get_display_name (account));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
account_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CartableAccountsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_account_store_delete_account_finish (CARTABLE_ACCOUNT_STORE (source), result, &error))
    {
      g_autofree char *title = g_strdup_printf (_("The account could not be removed completely (%s). Try again."),
                                                error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    gtk_window_close (GTK_WINDOW (self));
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The account was removed.")));
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  CartableAccountsWindow *self = CARTABLE_ACCOUNTS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const char *account_id = user_data;

  if (!g_str_equal (response, "remove"))
    return;

  cartable_account_store_delete_account_async (self->store, account_id, NULL, account_deleted_cb,
                                               g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CartableAccountsWindow *self = CARTABLE_ACCOUNTS_WINDOW (widget);
  const char *account_id = g_variant_get_string (parameter, NULL);
  CartableAccount *account = cartable_account_store_lookup (self->store, account_id);
  GtkWidget *dialog;

  if (account == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove This Account?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The mail of %s saved on this computer, its drafts and messages "
                                    "waiting to be sent, and its password will be erased. Your mail stays "
                                    "on the academy’s server."),
                                  cartable_account_get_display_name (account));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A destructive answer is never the default one. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), g_strdup (account_id),
                         (GClosureNotify) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cartable_accounts_window_constructed (GObject *object)
{
  CartableAccountsWindow *self = CARTABLE_ACCOUNTS_WINDOW (object);

  G_OBJECT_CLASS (cartable_accounts_window_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_ACCOUNT_STORE (self->store));
  gtk_list_box_bind_model (self->account_list, G_LIST_MODEL (self->store), create_account_row, NULL, NULL);
}

static void
cartable_accounts_window_dispose (GObject *object)
{
  CartableAccountsWindow *self = CARTABLE_ACCOUNTS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_ACCOUNTS_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cartable_accounts_window_parent_class)->dispose (object);
}

static void
cartable_accounts_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableAccountsWindow *self = CARTABLE_ACCOUNTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_accounts_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartableAccountsWindow *self = CARTABLE_ACCOUNTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_accounts_window_class_init (CartableAccountsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_accounts_window_constructed;
  object_class->dispose = cartable_accounts_window_dispose;
  object_class->get_property = cartable_accounts_window_get_property;
  object_class->set_property = cartable_accounts_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARTABLE_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-accounts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableAccountsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CartableAccountsWindow, account_list);

  gtk_widget_class_install_action (widget_class, "accounts.remove", "s", remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cartable_accounts_window_init (CartableAccountsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartableAccountsWindow *
cartable_accounts_window_new (GtkWindow            *parent,
                              CartableAccountStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (store), NULL);

  return g_object_new (CARTABLE_TYPE_ACCOUNTS_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

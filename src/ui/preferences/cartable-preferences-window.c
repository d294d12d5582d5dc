/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-preferences-window.h"
#include "cartable-account-removal.h"
#include "shell/cartable-application.h"
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
signature_changed_cb (GtkTextBuffer             *buffer,
                      CartablePreferencesWindow *self)
{
  CartableAccount *account = g_object_get_data (G_OBJECT (buffer), "account");
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  cartable_account_set_signature (account, text);
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
      g_autofree char *accessible = NULL;
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *label = gtk_label_new (_("Signature"));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      adw_preferences_group_set_title (group, cartable_account_get_display_name (account));
      adw_preferences_group_set_description (group, cartable_account_get_email (account));
      {
        GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove…"));
        g_autofree char *remove_name = g_strdup_printf (_("Remove the account %s"),
                                                        cartable_account_get_display_name (account));

        gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (remove, "destructive-action");
        gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "prefs.remove-account");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", cartable_account_get_id (account));
        gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
        adw_preferences_group_set_header_suffix (group, remove);
      }
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
      gtk_widget_set_size_request (view, -1, 90);
      /* TRANSLATORS: the accessible name of an account's signature field. */
      accessible = g_strdup_printf (_("Signature of %s"), cartable_account_get_email (account));
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Added under new messages and above the quote of replies."), -1);
      gtk_text_buffer_set_text (buffer, cartable_account_get_signature (account) ?: "", -1);
      g_object_set_data_full (G_OBJECT (buffer), "account", g_object_ref (account), g_object_unref);
      g_signal_connect (buffer, "changed", G_CALLBACK (signature_changed_cb), self);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), frame);
      adw_preferences_group_add (group, box);
      adw_preferences_page_add (page, group);
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
  gtk_widget_class_install_action (widget_class, "prefs.remove-account", "s", remove_account_action);
}

static void
cartable_preferences_window_init (CartablePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartablePreferencesWindow *
cartable_preferences_window_new (GtkWindow *parent)
{
  GApplication *default_application = g_application_get_default ();
  GtkApplication *application = parent != NULL ? gtk_window_get_application (parent)
                                : GTK_IS_APPLICATION (default_application) ? GTK_APPLICATION (default_application)
                                : NULL;
  CartablePreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (CARTABLE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", application,
                       NULL);

  /* Times are no actions: they are bound to their keys directly. */
  if (CARTABLE_IS_APPLICATION (application))
    {
      GSettings *settings = cartable_application_get_settings (CARTABLE_APPLICATION (application));

      g_settings_bind (settings, "quiet-hours-start", self->quiet_start, "minutes", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "quiet-hours-end", self->quiet_end, "minutes", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "quiet-hours-enabled", self->quiet_start_row, "sensitive", G_SETTINGS_BIND_GET);
      g_settings_bind (settings, "quiet-hours-enabled", self->quiet_end_row, "sensitive", G_SETTINGS_BIND_GET);

      self->account_store = g_object_ref (cartable_application_get_account_store (CARTABLE_APPLICATION (application)));
      add_accounts_page (self);
    }

  return self;
}

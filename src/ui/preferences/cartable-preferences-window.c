/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-preferences-window.h"
#include "cartable-application.h"
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
};

G_DEFINE_FINAL_TYPE (CartablePreferencesWindow, cartable_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
cartable_preferences_window_dispose (GObject *object)
{
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
    }

  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-preferences-window.h"

/*
 * The preferences. Each setting is an application action made with
 * g_settings_create_action(), so rows only name the action and its target:
 * the same setting can be changed from here, the keyboard or a test.
 */
struct _CartablePreferencesWindow
{
  AdwPreferencesWindow parent_instance;
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-preferences-window.ui");
}

static void
cartable_preferences_window_init (CartablePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartablePreferencesWindow *
cartable_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARTABLE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

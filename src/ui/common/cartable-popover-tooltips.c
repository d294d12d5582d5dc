/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-popover-tooltips"

#include "config.h"

#include "cartable-popover-tooltips.h"

/*
 * A menu button's tooltip, still shown when its menu opens (the pointer
 * is on the button, or the focus came from the keyboard), covers the
 * menu's first item. While a popover is open, the widget it points at
 * shows no tooltip; it gets it back when the popover closes. One hook for
 * every popover of the application: menu buttons, context menus,
 * suggestion lists.
 */

#define QUIETED_KEY "cartable-popover-tooltips-quieted"

/* @user_data: non-%NULL for "map", %NULL for "unmap" */
static gboolean
popover_hook (GSignalInvocationHint *hint,
              guint                  n_values,
              const GValue          *values,
              gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);
  gboolean mapped = user_data != NULL;
  GtkWidget *parent;

  if (!GTK_IS_POPOVER (object))
    return TRUE;
  parent = gtk_widget_get_parent (GTK_WIDGET (object));
  if (parent == NULL)
    return TRUE;

  /* Only tooltips this hook turned off are turned on again. */
  if (mapped && gtk_widget_get_has_tooltip (parent))
    {
      g_object_set_data (G_OBJECT (parent), QUIETED_KEY, GINT_TO_POINTER (TRUE));
      gtk_widget_set_has_tooltip (parent, FALSE);
    }
  else if (!mapped && g_object_get_data (G_OBJECT (parent), QUIETED_KEY) != NULL)
    {
      g_object_set_data (G_OBJECT (parent), QUIETED_KEY, NULL);
      gtk_widget_set_has_tooltip (parent, TRUE);
    }
  return TRUE;
}

/**
 * cartable_popover_tooltips_install:
 *
 * From now on, no tooltip covers an open popover. Call once, after
 * gtk_init (); later calls do nothing.
 */
void
cartable_popover_tooltips_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  popover_hook, GINT_TO_POINTER (TRUE), NULL);
      g_signal_add_emission_hook (g_signal_lookup ("unmap", GTK_TYPE_WIDGET), 0,
                                  popover_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

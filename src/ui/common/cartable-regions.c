/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-regions"

#include "config.h"

#include "cartable-regions.h"

/*
 * A screen-reader user moves by regions, then inside one: a list of 200
 * messages is one Tab stop, not 200, and a message body or a text being
 * written never keeps the focus for good. Views mark their regions; the
 * window's keys (installed once) walk the marked widgets that are on
 * screen, in the order of the widget tree.
 */

static GQuark
region_quark (void)
{
  return g_quark_from_static_string ("cartable-region-flags");
}

void
cartable_region_mark (GtkWidget           *widget,
                      CartableRegionFlags  flags)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_qdata (G_OBJECT (widget), region_quark (), GUINT_TO_POINTER (flags));
}

CartableRegionFlags
cartable_region_get_flags (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (widget), region_quark ()));
}

/* The focus of @window, unless it sits in a popover or a menu: their keys
 * are their own. */
static GtkWidget *
get_window_focus (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == NULL || gtk_widget_get_native (focus) != GTK_NATIVE (window))
    return NULL;
  return focus;
}

/* The innermost widget around @widget (itself included) marked with @flag. */
static GtkWidget *
find_marked_ancestor (GtkWidget           *widget,
                      CartableRegionFlags  flag)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (cartable_region_get_flags (w) & flag)
      return w;
  return NULL;
}

/* The regions on screen under @widget, in tree order; *@before counts
 * those met before @focus. */
static void
collect_stops (GtkWidget *widget,
               GtkWidget *focus,
               GPtrArray *stops,
               guint     *before)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) || GTK_IS_NATIVE (widget))
    return;
  if (widget == focus)
    *before = stops->len;
  if (cartable_region_get_flags (widget) & CARTABLE_REGION_STOP)
    g_ptr_array_add (stops, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_stops (child, focus, stops, before);
}

gboolean
cartable_regions_cycle (GtkWindow *window,
                        gboolean   forward)
{
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  GtkWidget *focus;
  GtkWidget *current;
  guint before = 0;
  guint start;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  focus = get_window_focus (window);
  current = focus != NULL ? find_marked_ancestor (focus, CARTABLE_REGION_STOP) : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window)); child;
       child = gtk_widget_get_next_sibling (child))
    collect_stops (child, focus, stops, &before);
  if (stops->len == 0)
    return FALSE;

  if (current != NULL && g_ptr_array_find (stops, current, &start))
    start = forward ? start + 1 : start + stops->len - 1;
  else if (focus != NULL)
    /* Between regions: the next one after the focus, or the one before. */
    start = forward ? before : before + stops->len - 1;
  else
    start = forward ? 0 : stops->len - 1;

  /* A region with nothing to focus (an empty folder, a header without
   * buttons) is passed. */
  for (guint i = 0; i < stops->len; i++)
    {
      guint index = (forward ? start + i : start + stops->len - i) % stops->len;
      GtkWidget *region = g_ptr_array_index (stops, index);

      if (region == current)
        continue;
      if (gtk_widget_child_focus (region, GTK_DIR_TAB_FORWARD))
        return TRUE;
    }
  return FALSE;
}

gboolean
cartable_regions_leave (GtkWindow        *window,
                        GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  g_autoptr(GtkWidget) old_focus = NULL;
  GtkWidget *focus;
  gboolean could_focus;
  gboolean moved;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  old_focus = g_object_ref (gtk_root_get_focus (GTK_ROOT (window)) ?: widget);
  /* GTK's own Tab walk, with @widget and all under it out of it for once. */
  could_focus = gtk_widget_get_can_focus (widget);
  gtk_widget_set_can_focus (widget, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (window), direction);
  gtk_widget_set_can_focus (widget, could_focus);

  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (moved && focus != NULL && focus != widget && !gtk_widget_is_ancestor (focus, widget))
    return TRUE;

  /* Nothing else to go to: the focus stays, never lost. */
  if (gtk_root_get_focus (GTK_ROOT (window)) != old_focus)
    gtk_widget_grab_focus (old_focus);
  return FALSE;
}

static gboolean
cycle_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  return cartable_regions_cycle (GTK_WINDOW (widget), g_variant_get_boolean (args));
}

/* Tab, Shift+Tab: over a long list or a message body in one step. */
static gboolean
tab_cb (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  GtkWidget *focus = get_window_focus (GTK_WINDOW (widget));
  GtkWidget *one_stop = focus != NULL ? find_marked_ancestor (focus, CARTABLE_REGION_ONE_STOP) : NULL;

  if (one_stop == NULL)
    return FALSE;
  cartable_regions_leave (GTK_WINDOW (widget), one_stop, g_variant_get_boolean (args) ? GTK_DIR_TAB_FORWARD
                                                                                        : GTK_DIR_TAB_BACKWARD);
  return TRUE;
}

/* Ctrl+Tab, Ctrl+Shift+Tab: out of whatever has the focus, a text body
 * where Tab types a tab included. */
static gboolean
leave_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  GtkWidget *focus = get_window_focus (GTK_WINDOW (widget));
  GtkWidget *one_stop;

  if (focus == NULL)
    return FALSE;
  one_stop = find_marked_ancestor (focus, CARTABLE_REGION_ONE_STOP);
  cartable_regions_leave (GTK_WINDOW (widget), one_stop != NULL ? one_stop : focus,
                          g_variant_get_boolean (args) ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD);
  return TRUE;
}

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         GdkModifierType        modifiers,
         GtkShortcutFunc        callback,
         gboolean               forward)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (callback, NULL, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (forward));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
cartable_regions_install (GtkWindow *window)
{
  GtkEventController *controller;
  GtkShortcutController *keys;

  g_return_if_fail (GTK_IS_WINDOW (window));

  controller = gtk_shortcut_controller_new ();
  keys = GTK_SHORTCUT_CONTROLLER (controller);
  gtk_event_controller_set_name (controller, "cartable-regions");
  /* Before the widgets: a list would walk its rows, a web view or a text
   * view would keep Tab. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);

  add_key (keys, GDK_KEY_F6, 0, cycle_cb, TRUE);
  add_key (keys, GDK_KEY_F6, GDK_SHIFT_MASK, cycle_cb, FALSE);

  add_key (keys, GDK_KEY_Tab, 0, tab_cb, TRUE);
  add_key (keys, GDK_KEY_KP_Tab, 0, tab_cb, TRUE);
  add_key (keys, GDK_KEY_Tab, GDK_SHIFT_MASK, tab_cb, FALSE);
  add_key (keys, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, tab_cb, FALSE);
  add_key (keys, GDK_KEY_KP_Tab, GDK_SHIFT_MASK, tab_cb, FALSE);

  add_key (keys, GDK_KEY_Tab, GDK_CONTROL_MASK, leave_cb, TRUE);
  add_key (keys, GDK_KEY_KP_Tab, GDK_CONTROL_MASK, leave_cb, TRUE);
  add_key (keys, GDK_KEY_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK, leave_cb, FALSE);
  add_key (keys, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK, leave_cb, FALSE);
  add_key (keys, GDK_KEY_KP_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK, leave_cb, FALSE);

  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

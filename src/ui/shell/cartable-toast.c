/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-toast"

#include "config.h"

#include "cartable-toast.h"

#include "common/cartable-accessible-names.h"
#include "common/cartable-announcer.h"

/* Toasts go to the overlay nearest to the widget that has something to say,
 * so that a view, a dialog or a composer never needs to know which window
 * holds it. */

static AdwToastOverlay *
find_ancestor_overlay (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (ADW_IS_TOAST_OVERLAY (widget))
      return ADW_TOAST_OVERLAY (widget);

  return NULL;
}

/* Breadth first, so that a window's own overlay wins over the ones its
 * views keep inside; hidden pages are skipped. */
static AdwToastOverlay *
find_outermost_overlay (GtkWidget *root)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, root);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);

      if (ADW_IS_TOAST_OVERLAY (widget))
        return ADW_TOAST_OVERLAY (widget);

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_visible (child) && gtk_widget_get_child_visible (child))
          g_queue_push_tail (queue, child);
    }

  return NULL;
}

/**
 * cartable_toast_find_overlay:
 * @from: the widget that has something to say, or its window
 *
 * Looks for the overlay a toast about @from belongs to: the nearest one
 * around @from, else the outermost one of @from's window (or of the
 * widgets @from belongs to, when they are in no window yet), else the one
 * of the window it was opened from (a dialog, a composer).
 *
 * Returns: (transfer none) (nullable): that overlay, or %NULL if @from is
 *   in no window that has one
 */
AdwToastOverlay *
cartable_toast_find_overlay (GtkWidget *from)
{
  AdwToastOverlay *overlay;
  GtkWidget *top = from;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);

  overlay = find_ancestor_overlay (from);
  if (overlay != NULL)
    return overlay;

  /* The top of a widget not (yet) in a window is searched as a window would be. */
  while (gtk_widget_get_parent (top) != NULL)
    top = gtk_widget_get_parent (top);
  overlay = find_outermost_overlay (top);
  if (overlay != NULL || !GTK_IS_WINDOW (top))
    return overlay;

  for (GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (top));
       parent != NULL;
       parent = gtk_window_get_transient_for (parent))
    {
      overlay = find_outermost_overlay (GTK_WIDGET (parent));
      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

/**
 * cartable_toast_show:
 * @from: the widget that has something to say, or its window
 * @toast: (transfer full): what it says
 *
 * Shows @toast in the overlay cartable_toast_find_overlay() finds for
 * @from; without one, @toast is dropped.
 *
 * Returns: whether @toast is shown
 */
gboolean
cartable_toast_show (GtkWidget *from,
                     AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (from), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = cartable_toast_find_overlay (from);
  if (overlay == NULL)
    {
      g_debug ("No overlay to show “%s”", adw_toast_get_title (toast));
      g_object_unref (toast);
      return FALSE;
    }

  cartable_toast_add (overlay, toast);
  return TRUE;
}

/**
 * cartable_toast_add:
 * @overlay: where @toast shows
 * @toast: (transfer full): what it says
 *
 * Shows @toast in @overlay, and has a screen reader say it (a toast is not
 * read by itself): its title and its button.
 */
void
cartable_toast_add (AdwToastOverlay *overlay,
                    AdwToast        *toast)
{
  g_autofree char *title = NULL;
  g_autofree char *spoken = NULL;
  const char *button;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* The title is markup. */
  if (!pango_parse_markup (adw_toast_get_title (toast), -1, 0, NULL, &title, NULL, NULL))
    title = g_strdup (adw_toast_get_title (toast));
  button = adw_toast_get_button_label (toast);
  if (button != NULL)
    {
      g_autofree char *plain = cartable_accessible_strip_mnemonic (button);

      spoken = g_strdup_printf ("%s — %s", title, plain);
    }
  adw_toast_overlay_add_toast (overlay, toast);
  cartable_announce (GTK_WIDGET (overlay), spoken != NULL ? spoken : title);
}

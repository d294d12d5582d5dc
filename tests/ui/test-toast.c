/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-test-ui.h"
#include "shell/cartable-toast.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("toast");

/*
 * Which overlay a toast goes to: the nearest around the widget, else its
 * window's own, else the one of the window it was opened from.
 */

CARTABLE_TEST ("nearest-overlay", test_nearest_overlay)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwToastOverlay *outer = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  AdwToastOverlay *inner = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *in_view = gtk_button_new ();
  GtkWidget *beside = gtk_button_new ();

  adw_toast_overlay_set_child (inner, in_view);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (inner));
  gtk_box_append (GTK_BOX (box), beside);
  adw_toast_overlay_set_child (outer, box);
  gtk_window_set_child (window, GTK_WIDGET (outer));

  /* A view's own overlay first; the window's for what is outside any view
   * and for the window itself. */
  g_assert_true (cartable_toast_find_overlay (in_view) == inner);
  g_assert_true (cartable_toast_find_overlay (beside) == outer);
  g_assert_true (cartable_toast_find_overlay (GTK_WIDGET (window)) == outer);

  gtk_window_destroy (window);
}

CARTABLE_TEST ("hidden-page", test_hidden_page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  AdwToastOverlay *hidden = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  AdwToastOverlay *shown = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* The page on screen holds its overlay deeper than the hidden one. */
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (shown));
  gtk_stack_add_named (stack, GTK_WIDGET (hidden), "hidden");
  gtk_stack_add_named (stack, page, "shown");
  gtk_stack_set_visible_child_name (stack, "shown");
  gtk_window_set_child (window, GTK_WIDGET (stack));

  /* A toast goes where it can be seen. */
  g_assert_true (cartable_toast_find_overlay (GTK_WIDGET (window)) == shown);
  gtk_stack_set_visible_child_name (stack, "hidden");
  g_assert_true (cartable_toast_find_overlay (GTK_WIDGET (window)) == hidden);

  gtk_window_destroy (window);
}

CARTABLE_TEST ("transient-parent", test_transient_parent)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog = GTK_WINDOW (gtk_window_new ());
  GtkWindow *lonely = GTK_WINDOW (gtk_window_new ());
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  GtkWidget *entry = gtk_entry_new ();
  AdwToast *toast = adw_toast_new ("Enregistré");

  gtk_window_set_child (window, GTK_WIDGET (overlay));
  gtk_window_set_child (dialog, entry);
  gtk_window_set_transient_for (dialog, window);

  /* A dialog without an overlay of its own speaks through its parent. */
  g_assert_true (cartable_toast_find_overlay (entry) == overlay);
  g_assert_true (cartable_toast_find_overlay (GTK_WIDGET (dialog)) == overlay);

  /* A window with none and no parent: the toast is dropped, not leaked. */
  g_assert_null (cartable_toast_find_overlay (GTK_WIDGET (lonely)));
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &toast);
  g_assert_false (cartable_toast_show (GTK_WIDGET (lonely), toast));
  g_assert_null (toast);

  /* Shown in the parent's overlay: dismissing it from there works. */
  toast = adw_toast_new ("Enregistré");
  adw_toast_set_timeout (toast, 0);
  g_object_ref (toast);
  g_assert_true (cartable_toast_show (entry, toast));
  adw_toast_dismiss (toast);
  g_object_unref (toast);

  gtk_window_destroy (lonely);
  gtk_window_destroy (dialog);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_ui_main (&argc, &argv);
}

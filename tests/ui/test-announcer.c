/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-test-a11y.h"
#include "cartable-test-ui.h"
#include "common/cartable-announcer.h"
#include "shell/cartable-toast.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("announcer");

/*
 * What a screen reader hears of what is said without the focus moving: the
 * window's announcer, and toasts through it. Heard on the accessibility
 * bus, by a listener in another process.
 */

static GtkWindow *
window_with_announcer (AdwToastOverlay **overlay)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (*overlay, gtk_label_new ("Contenu"));
  gtk_box_append (GTK_BOX (box), cartable_announcer_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*overlay));
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, 400, 300);
  gtk_window_present (window);
  g_assert_true (cartable_test_wait_for (cartable_test_widget_drawn, window, 5000));
  return window;
}

CARTABLE_TEST ("said", test_said)
{
  AdwToastOverlay *overlay;
  GtkWindow *window = window_with_announcer (&overlay);
  g_autoptr(CartableTestA11yListener) listener = cartable_test_a11y_listen ();

  g_assert_true (cartable_announce (gtk_widget_get_first_child (GTK_WIDGET (overlay)),
                                    "Le mot de passe est incorrect."));
  cartable_test_a11y_assert_spoken (listener, "Le mot de passe est incorrect.", 10000);
  /* Said again: heard again. */
  g_assert_true (cartable_announce (GTK_WIDGET (window), "Deuxième annonce."));
  cartable_test_a11y_assert_spoken (listener, "Deuxième annonce.", 10000);
  /* It takes no room on screen. */
  cartable_test_a11y_check_screen ("announcer-window");

  gtk_window_destroy (window);
}

CARTABLE_TEST ("toast", test_toast)
{
  AdwToastOverlay *overlay;
  GtkWindow *window = window_with_announcer (&overlay);
  g_autoptr(CartableTestA11yListener) listener = cartable_test_a11y_listen ();
  AdwToast *toast = adw_toast_new ("1 message mis à la corbeille");

  adw_toast_set_button_label (toast, "_Annuler");
  g_assert_true (cartable_toast_show (GTK_WIDGET (overlay), toast));
  cartable_test_a11y_assert_spoken (listener, "1 message mis à la corbeille — Annuler", 10000);

  gtk_window_destroy (window);
}

CARTABLE_TEST ("nowhere", test_nowhere)
{
  GtkWidget *alone = gtk_label_new ("Seul");

  /* No window, no announcer: nothing said, nothing broken. */
  g_object_ref_sink (alone);
  g_assert_false (cartable_announce (alone, "Personne ne l’entend."));
  g_object_unref (alone);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_ui_main (&argc, &argv);
}

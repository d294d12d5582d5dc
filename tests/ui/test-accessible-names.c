/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-test-a11y.h"
#include "cartable-test-ui.h"
#include "common/cartable-accessible-names.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("accessible-names");

/*
 * The names a screen reader reads, as GTK 4.8 would give them and as
 * src/ui/common/cartable-accessible-names.c mends them once shown: read
 * back through the accessibility bus.
 */

CARTABLE_TEST ("strip-mnemonic", test_strip_mnemonic)
{
  g_autofree char *plain = cartable_accessible_strip_mnemonic ("Se _connecter");
  g_autofree char *doubled = cartable_accessible_strip_mnemonic ("a__b _c");

  g_assert_cmpstr (plain, ==, "Se connecter");
  g_assert_cmpstr (doubled, ==, "a_b c");
}

static void
assert_named (GPtrArray  *tree,
              const char *role,
              const char *name)
{
  for (guint i = 0; i < tree->len; i++)
    {
      const CartableTestA11yNode *node = g_ptr_array_index (tree, i);

      if (g_str_equal (node->role, role) && g_str_equal (node->name, name))
        return;
    }
  g_error ("no %s named exactly « %s » on screen", role, name);
}

CARTABLE_TEST ("mended-when-shown", test_mended_when_shown)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *mnemonic = gtk_button_new_with_mnemonic ("_Commencer");
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-find-symbolic");
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *check = gtk_check_button_new_with_mnemonic ("J’accepte la _charte");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *entry = adw_entry_row_new ();
  g_autoptr(GPtrArray) tree = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  cartable_accessible_names_install ();
  gtk_widget_set_tooltip_text (icon, "Rechercher");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "_Heures calmes");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  /* Named as Cartable's fields are: by the code and by libadwaita. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), "Identifiant");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Identifiant", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, "Réglages", -1);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  gtk_box_append (GTK_BOX (box), mnemonic);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), close);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), list);
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  g_assert_true (cartable_test_wait_for (cartable_test_widget_drawn, window, 5000));

  tree = cartable_test_a11y_read_tree ();
  assert_named (tree, "push button", "Commencer");
  assert_named (tree, "push button", "Rechercher");
  assert_named (tree, "push button", "Fermer");
  assert_named (tree, "check box", "J’accepte la charte");
  /* GTK 4.8 gives a switch the check box role. */
  assert_named (tree, "check box", "Heures calmes");
  assert_named (tree, "text", "Identifiant");
  problems = cartable_test_a11y_problems (tree);
  g_assert_cmpuint (problems->len, ==, 0);

  /* A label changed while shown is mended again. */
  gtk_button_set_label (GTK_BUTTON (mnemonic), "_Continuer");
  g_clear_pointer (&tree, g_ptr_array_unref);
  tree = cartable_test_a11y_read_tree ();
  assert_named (tree, "push button", "Continuer");

  gtk_window_destroy (window);
}

CARTABLE_TEST ("problems-found", test_problems_found)
{
  /* What the check of every screen finds: it can fail. */
  g_assert_true (cartable_test_a11y_name_doubled ("Identifiant Identifiant"));
  g_assert_true (cartable_test_a11y_name_doubled ("Mot de passe Mot de passe"));
  g_assert_false (cartable_test_a11y_name_doubled ("Identifiant"));
  g_assert_false (cartable_test_a11y_name_doubled ("Nous nous"));
  g_assert_false (cartable_test_a11y_name_doubled ("Mot de passe oublié"));
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_ui_main (&argc, &argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-accessible-names"

#include "config.h"

#include "cartable-accessible-names.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/*
 * GTK 4.8 says a widget's accessible name as its label property followed
 * by the names of the widgets that label it (its mnemonic labels). Widgets
 * that have both are read twice: a button gets its label property from
 * its raw label (« _Commencer ») and its mnemonic label from the label
 * inside (« Commencer »), so a reader says « _Commencer Commencer »; a
 * field Cartable names is also labelled by its title (« Identifiant
 * Identifiant »). A check button's name keeps its underscore. Later GTK
 * versions compute names as ARIA does (the labelling widgets win); this
 * does the same, for every widget of the application as it is shown:
 *
 * - a button whose label property is GTK's copy of its label loses that
 *   property: the label inside names it, without the underscore;
 * - any other widget named by Cartable keeps that name and loses the
 *   relation to its mnemonic labels;
 * - a check button with a mnemonic is named by its label without the
 *   underscore;
 * - the check button or switch of a row is named by the row's title;
 * - a button that shows only an icon and has no name is named by its
 *   tooltip, or by what its icon means (GTK 4.8 names it by the type of
 *   its image, « GtkImage »: the password rows' « Afficher le texte », a
 *   toast's close button, a calendar's arrows).
 *
 * A button's label or tooltip can change while it is shown (« Se
 * connecter » and its spinner; « Afficher le texte », « Masquer le
 * texte »): the fix is made again when it does.
 */

#define WATCHED_KEY "cartable-accessible-names-watched"
/* Set on an icon button this file named after its tooltip. */
#define FROM_TOOLTIP_KEY "cartable-accessible-names-from-tooltip"

char *
cartable_accessible_strip_mnemonic (const char *label)
{
  GString *plain;

  g_return_val_if_fail (label != NULL, NULL);

  plain = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* Whether @widget's label property holds exactly @text. */
static gboolean
label_property_is (GtkWidget  *widget,
                   const char *text)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  return mismatch == NULL;
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* What an icon button says when it has neither tooltip nor name: a
 * toast's close button, a calendar's arrows (month, then year). */
static const char *
name_of_icon (GtkWidget *button)
{
  const char *icon_name = gtk_button_get_icon_name (GTK_BUTTON (button));
  GtkWidget *calendar = gtk_widget_get_ancestor (button, GTK_TYPE_CALENDAR);

  if (calendar != NULL)
    {
      const char *names[] = { _("Previous month"), _("Next month"), _("Previous year"), _("Next year") };
      g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
      guint index;

      collect_buttons (calendar, buttons);
      if (g_ptr_array_find (buttons, button, &index) && index < G_N_ELEMENTS (names))
        return names[index];
    }
  if (g_strcmp0 (icon_name, "window-close-symbolic") == 0)
    return _("Close");
  return NULL;
}

static void
name_icon_button (GtkWidget *button)
{
  gboolean from_tooltip = g_object_get_data (G_OBJECT (button), FROM_TOOLTIP_KEY) != NULL;
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip == NULL)
    tooltip = name_of_icon (button);

  if (tooltip == NULL || (!from_tooltip && gtk_test_accessible_has_property (
                            GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL)))
    return;
  g_object_set_data (G_OBJECT (button), FROM_TOOLTIP_KEY, GINT_TO_POINTER (TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The check button or switch of a row, without a name of its own, is
 * named by the row's title (GTK 4.8 does not follow a labelled-by relation
 * to the row: it reads « GtkSwitch »). */
static gboolean
name_by_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  g_autofree char *title = NULL;

  if (row == NULL || adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) != widget ||
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) == NULL)
    return FALSE;
  title = adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row))
          ? cartable_accessible_strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)))
          : g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  return TRUE;
}

static void
fix_name (GtkWidget *widget)
{
  g_autoptr (GList) mnemonic_labels = NULL;

  if (name_by_row (widget))
    return;

  if (GTK_IS_CHECK_BUTTON (widget))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

      if (label != NULL && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
          label_property_is (widget, label))
        {
          g_autofree char *plain = cartable_accessible_strip_mnemonic (label);

          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          plain, -1);
        }
      return;
    }

  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    {
      name_icon_button (widget);
      return;
    }

  mnemonic_labels = gtk_widget_list_mnemonic_labels (widget);
  if (mnemonic_labels == NULL ||
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      label_property_is (widget, gtk_button_get_label (GTK_BUTTON (widget))))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
label_changed_cb (GtkWidget  *widget,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  fix_name (widget);
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  fix_name (widget);
  if ((GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)) &&
      g_object_get_data (G_OBJECT (widget), WATCHED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (widget), WATCHED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect_after (widget, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect_after (widget, "notify::tooltip-text", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect_after (widget, "notify::icon-name", G_CALLBACK (label_changed_cb), NULL);
    }
  return TRUE;
}

/**
 * cartable_accessible_names_install:
 *
 * From now on, every widget of the application is named once when it is
 * shown. Call once, after gtk_init (); later calls do nothing.
 */
void
cartable_accessible_names_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

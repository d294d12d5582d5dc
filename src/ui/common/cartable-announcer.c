/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-announcer"

#include "config.h"

#include "cartable-announcer.h"

/*
 * What a screen reader must say without the focus moving there: a toast
 * (« Message envoyé — Annuler », « Choisissez d'abord un message », a
 * deletion), a refused password. GTK 4.8 and libadwaita 1.2 have no
 * announcement API (GTK 4.14 has gtk_accessible_announce ()), and a toast
 * is an unnamed group to the accessibility bus. An announcer is an alert
 * that takes no room on screen: to say something, it is named with it and
 * added to the tree again, which the bus reports as an alert shown (an
 * object added with the alert role) and as the alert's name changed. One
 * sits in each window; cartable_announce () finds it.
 */

struct _CartableAnnouncer
{
  GtkWidget  parent_instance;
};

G_DEFINE_FINAL_TYPE (CartableAnnouncer, cartable_announcer, GTK_TYPE_WIDGET)

static void
cartable_announcer_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = 0;
}

static void
cartable_announcer_class_init (CartableAnnouncerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = cartable_announcer_measure;
  gtk_widget_class_set_css_name (widget_class, "announcer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
cartable_announcer_init (CartableAnnouncer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cartable_announcer_new (void)
{
  return g_object_new (CARTABLE_TYPE_ANNOUNCER, NULL);
}

/**
 * cartable_announcer_say:
 * @text: what a screen reader says, a sentence the window also shows
 */
void
cartable_announcer_say (CartableAnnouncer *self,
                        const char        *text)
{
  g_return_if_fail (CARTABLE_IS_ANNOUNCER (self));
  g_return_if_fail (text != NULL);

  /* GTK 4.8 puts a widget on the bus only once something asked for it or
   * its platform state changed: without that, nothing it does is sent.
   * Being focusable for a moment is such a change. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  /* Out of the tree, named, and back: "an alert appears" to the bus. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static CartableAnnouncer *
find_in (GtkWidget *widget)
{
  if (CARTABLE_IS_ANNOUNCER (widget))
    return CARTABLE_ANNOUNCER (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CartableAnnouncer *found = find_in (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * cartable_announce:
 * @from: the widget that has something to say
 * @text: what it says
 *
 * Says @text through the announcer of @from's window, or of the window it
 * was opened from.
 *
 * Returns: whether an announcer was found
 */
gboolean
cartable_announce (GtkWidget  *from,
                   const char *text)
{
  GtkWidget *top = from;

  g_return_val_if_fail (GTK_IS_WIDGET (from), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  while (gtk_widget_get_parent (top) != NULL)
    top = gtk_widget_get_parent (top);
  for (GtkWidget *window = top; window != NULL;
       window = GTK_IS_WINDOW (window) ? (GtkWidget *) gtk_window_get_transient_for (GTK_WINDOW (window)) : NULL)
    {
      CartableAnnouncer *announcer = find_in (window);

      if (announcer != NULL)
        {
          cartable_announcer_say (announcer, text);
          return TRUE;
        }
    }
  g_debug ("No announcer to say “%s”", text);
  return FALSE;
}

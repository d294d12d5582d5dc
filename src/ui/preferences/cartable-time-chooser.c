/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-time-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-time-chooser.h"
#include "core/cartable-quiet-hours.h"

struct _CartableTimeChooser
{
  AdwBin         parent_instance;

  GtkSpinButton *spin;
  char          *title;
};

G_DEFINE_FINAL_TYPE (CartableTimeChooser, cartable_time_chooser, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MINUTES,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
output_cb (GtkSpinButton       *spin,
           CartableTimeChooser *self)
{
  g_autofree char *text = cartable_quiet_hours_format ((int) gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  return TRUE;
}

static int
input_cb (GtkSpinButton       *spin,
          double              *new_value,
          CartableTimeChooser *self)
{
  int minutes = cartable_quiet_hours_parse (gtk_editable_get_text (GTK_EDITABLE (spin)));

  if (minutes < 0)
    return GTK_INPUT_ERROR;
  *new_value = minutes;
  return TRUE;
}

static void
value_changed_cb (GtkSpinButton       *spin,
                  CartableTimeChooser *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
}

static void
cartable_time_chooser_finalize (GObject *object)
{
  CartableTimeChooser *self = CARTABLE_TIME_CHOOSER (object);

  g_free (self->title);

  G_OBJECT_CLASS (cartable_time_chooser_parent_class)->finalize (object);
}

static void
cartable_time_chooser_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CartableTimeChooser *self = CARTABLE_TIME_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_MINUTES:
      g_value_set_int (value, cartable_time_chooser_get_minutes (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_time_chooser_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CartableTimeChooser *self = CARTABLE_TIME_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_MINUTES:
      cartable_time_chooser_set_minutes (self, g_value_get_int (value));
      break;
    case PROP_TITLE:
      cartable_time_chooser_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_time_chooser_class_init (CartableTimeChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cartable_time_chooser_finalize;
  object_class->get_property = cartable_time_chooser_get_property;
  object_class->set_property = cartable_time_chooser_set_property;

  properties[PROP_MINUTES] =
    g_param_spec_int ("minutes", NULL, NULL, 0, CARTABLE_MINUTES_PER_DAY - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_time_chooser_init (CartableTimeChooser *self)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, CARTABLE_MINUTES_PER_DAY - 1, 15, 60, 0);

  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));
  gtk_spin_button_set_wrap (self->spin, TRUE);
  gtk_spin_button_set_numeric (self->spin, FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), 5);
  gtk_widget_set_valign (GTK_WIDGET (self->spin), GTK_ALIGN_CENTER);
  g_signal_connect (self->spin, "output", G_CALLBACK (output_cb), self);
  g_signal_connect (self->spin, "input", G_CALLBACK (input_cb), self);
  g_signal_connect (self->spin, "value-changed", G_CALLBACK (value_changed_cb), self);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->spin));
  output_cb (self->spin, self);
}

GtkWidget *
cartable_time_chooser_new (void)
{
  return g_object_new (CARTABLE_TYPE_TIME_CHOOSER, NULL);
}

int
cartable_time_chooser_get_minutes (CartableTimeChooser *self)
{
  g_return_val_if_fail (CARTABLE_IS_TIME_CHOOSER (self), 0);

  return (int) gtk_spin_button_get_value (self->spin);
}

void
cartable_time_chooser_set_minutes (CartableTimeChooser *self,
                                   int                  minutes)
{
  g_return_if_fail (CARTABLE_IS_TIME_CHOOSER (self));
  g_return_if_fail (minutes >= 0 && minutes < CARTABLE_MINUTES_PER_DAY);

  /* value-changed notifies, only on a real change. */
  gtk_spin_button_set_value (self->spin, minutes);
}

void
cartable_time_chooser_set_title (CartableTimeChooser *self,
                                 const char          *title)
{
  g_return_if_fail (CARTABLE_IS_TIME_CHOOSER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spin), title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

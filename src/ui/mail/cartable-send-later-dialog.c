/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-send-later-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mail/cartable-composer-format.h"
#include "cartable-send-later-dialog.h"

/* The time offered first: tomorrow, early, before the school day. */
#define FIRST_HOUR   7
#define FIRST_MINUTE 30

struct _CartableSendLaterDialog
{
  AdwMessageDialog  parent_instance;

  gint64            send_at;

  GtkCalendar      *calendar;
  GtkSpinButton    *hour;
  GtkSpinButton    *minute;
  GtkLabel         *problem;
};

G_DEFINE_FINAL_TYPE (CartableSendLaterDialog, cartable_send_later_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_SEND_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gint64
cartable_send_later_time (GDateTime *day,
                          int        hour,
                          int        minute)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (day != NULL, 0);
  g_return_val_if_fail (hour >= 0 && hour < 24 && minute >= 0 && minute < 60, 0);

  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
  return g_date_time_to_unix (when);
}

const char *
cartable_send_later_problem (gint64 send_at,
                             gint64 now)
{
  if (send_at <= now)
    return _("That time has already passed: choose a later one.");
  return NULL;
}

/* The day and time shown, read again after any change (a spin button
 * commits what is typed in it on Enter and when it loses the keyboard, as
 * when a response button is clicked). */
static void
time_changed_cb (CartableSendLaterDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  gint64 send_at = cartable_send_later_time (day, gtk_spin_button_get_value_as_int (self->hour),
                                             gtk_spin_button_get_value_as_int (self->minute));
  const char *problem = cartable_send_later_problem (send_at, g_get_real_time () / G_USEC_PER_SEC);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "schedule", problem == NULL);
  gtk_label_set_text (self->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), problem != NULL);

  if (send_at == self->send_at)
    return;
  self->send_at = send_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_AT]);
}

static void
cartable_send_later_dialog_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CartableSendLaterDialog *self = CARTABLE_SEND_LATER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SEND_AT:
      g_value_set_int64 (value, self->send_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_send_later_dialog_class_init (CartableSendLaterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cartable_send_later_dialog_get_property;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cartable/Cartable/ui/cartable-send-later-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableSendLaterDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, CartableSendLaterDialog, hour);
  gtk_widget_class_bind_template_child (widget_class, CartableSendLaterDialog, minute);
  gtk_widget_class_bind_template_child (widget_class, CartableSendLaterDialog, problem);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);

  properties[PROP_SEND_AT] = g_param_spec_int64 ("send-at", NULL, NULL, 0, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_send_later_dialog_init (CartableSendLaterDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = cartable_composer_tomorrow_at (now, FIRST_HOUR, FIRST_MINUTE);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_calendar_select_day (self->calendar, tomorrow);
  gtk_spin_button_set_value (self->hour, FIRST_HOUR);
  gtk_spin_button_set_value (self->minute, FIRST_MINUTE);
  time_changed_cb (self);
}

GtkWidget *
cartable_send_later_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARTABLE_TYPE_SEND_LATER_DIALOG, "transient-for", parent, NULL);
}

gint64
cartable_send_later_dialog_get_send_at (CartableSendLaterDialog *self)
{
  g_return_val_if_fail (CARTABLE_IS_SEND_LATER_DIALOG (self), 0);

  return self->send_at;
}

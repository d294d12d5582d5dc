/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-background-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-background-dialog.h"

struct _CartableBackgroundDialog
{
  AdwMessageDialog  parent_instance;

  GtkCheckButton   *autostart;
};

G_DEFINE_FINAL_TYPE (CartableBackgroundDialog, cartable_background_dialog, ADW_TYPE_MESSAGE_DIALOG)

char *
cartable_background_dialog_body (guint n_waiting)
{
  g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u message waits in the outbox.",
                                                           "%u messages wait in the outbox.",
                                                           n_waiting),
                                              n_waiting);

  return g_strconcat (waiting, " ",
                      _("Cartable can keep running in the background once its window is closed: "
                        "scheduled messages then leave on time and unsent ones are tried again. "
                        "If the computer is off at that time, they leave as soon as Cartable starts "
                        "again. You can change this choice in the preferences."),
                      NULL);
}

char *
cartable_background_quit_warning (guint n_waiting)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u message still waits in the outbox. It will not leave until "
                                       "Cartable is started again.",
                                       "%u messages still wait in the outbox. They will not leave until "
                                       "Cartable is started again.",
                                       n_waiting),
                          n_waiting);
}

static void
cartable_background_dialog_class_init (CartableBackgroundDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-background-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableBackgroundDialog, autostart);
}

static void
cartable_background_dialog_init (CartableBackgroundDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cartable_background_dialog_new (GtkWindow *parent,
                                guint      n_waiting)
{
  g_autofree char *body = cartable_background_dialog_body (n_waiting);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARTABLE_TYPE_BACKGROUND_DIALOG,
                       "transient-for", parent,
                       "body", body,
                       NULL);
}

gboolean
cartable_background_dialog_get_autostart (CartableBackgroundDialog *self)
{
  g_return_val_if_fail (CARTABLE_IS_BACKGROUND_DIALOG (self), FALSE);
  return gtk_check_button_get_active (self->autostart);
}

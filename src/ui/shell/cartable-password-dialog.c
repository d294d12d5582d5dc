/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-password-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-password-dialog.h"

struct _CartablePasswordDialog
{
  AdwMessageDialog  parent_instance;

  CartableAccount  *account;
  gboolean          answered;

  GtkEditable      *entry;
};

G_DEFINE_FINAL_TYPE (CartablePasswordDialog, cartable_password_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_changed_cb (GtkEditable            *entry,
                  CartablePasswordDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "connect",
                                           *gtk_editable_get_text (entry) != '\0');
}

static void
response_cb (CartablePasswordDialog *self,
             const char             *response)
{
  g_autofree char *password = NULL;

  /* GTK 4.8 still signals a focused text field while its window is being
   * destroyed: take the focus away before the dialog closes. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);

  /* Enter in the field and the default response may both answer. */
  if (self->answered || !g_str_equal (response, "connect") || *gtk_editable_get_text (self->entry) == '\0')
    return;

  self->answered = TRUE;
  password = g_strdup (gtk_editable_get_text (self->entry));
  gtk_editable_set_text (self->entry, "");
  g_signal_emit (self, signals[SUBMITTED], 0, password);
  memset (password, 0, strlen (password));
}

static void
cartable_password_dialog_constructed (GObject *object)
{
  CartablePasswordDialog *self = CARTABLE_PASSWORD_DIALOG (object);

  G_OBJECT_CLASS (cartable_password_dialog_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_ACCOUNT (self->account));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("The mail server refused the password saved for %s. Type your current "
                                    "password: it replaces the saved one."),
                                  cartable_account_get_display_name (self->account));
}

static void
cartable_password_dialog_dispose (GObject *object)
{
  CartablePasswordDialog *self = CARTABLE_PASSWORD_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_PASSWORD_DIALOG);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (cartable_password_dialog_parent_class)->dispose (object);
}

static void
cartable_password_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartablePasswordDialog *self = CARTABLE_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_password_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartablePasswordDialog *self = CARTABLE_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_password_dialog_class_init (CartablePasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_password_dialog_constructed;
  object_class->dispose = cartable_password_dialog_dispose;
  object_class->get_property = cartable_password_dialog_get_property;
  object_class->set_property = cartable_password_dialog_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CARTABLE_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartablePasswordDialog::submitted:
   * @password: what the user typed (not empty)
   */
  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CartablePasswordDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
cartable_password_dialog_init (CartablePasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartablePasswordDialog *
cartable_password_dialog_new (GtkWindow       *parent,
                              CartableAccount *account)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (account), NULL);

  return g_object_new (CARTABLE_TYPE_PASSWORD_DIALOG,
                       "transient-for", parent,
                       "account", account,
                       NULL);
}

CartableAccount *
cartable_password_dialog_get_account (CartablePasswordDialog *self)
{
  g_return_val_if_fail (CARTABLE_IS_PASSWORD_DIALOG (self), NULL);
  return self->account;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-account-group"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-account-group.h"

struct _CartableAccountGroup
{
  AdwPreferencesGroup parent_instance;

  CartableAccount *account;

  GtkWidget       *remove_button;
  GtkWidget       *signature_view;
};

enum
{
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CartableAccountGroup, cartable_account_group, ADW_TYPE_PREFERENCES_GROUP)

static void
signature_changed_cb (GtkTextBuffer        *buffer,
                      CartableAccountGroup *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  cartable_account_set_signature (self->account, text);
}

static void
cartable_account_group_constructed (GObject *object)
{
  CartableAccountGroup *self = CARTABLE_ACCOUNT_GROUP (object);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->signature_view));
  const char *name = cartable_account_get_display_name (self->account);
  const char *email = cartable_account_get_email (self->account);
  g_autofree char *remove_name = NULL;
  g_autofree char *signature_name = NULL;

  G_OBJECT_CLASS (cartable_account_group_parent_class)->constructed (object);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), email);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s",
                                    cartable_account_get_id (self->account));
  remove_name = g_strdup_printf (_("Remove the account %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);

  /* TRANSLATORS: the accessible name of an account's signature field. */
  signature_name = g_strdup_printf (_("Signature of %s"), email);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->signature_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, signature_name, -1);

  gtk_text_buffer_set_text (buffer, cartable_account_get_signature (self->account) ?: "", -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (signature_changed_cb), self, 0);
}

static void
cartable_account_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARTABLE_TYPE_ACCOUNT_GROUP);

  G_OBJECT_CLASS (cartable_account_group_parent_class)->dispose (object);
}

static void
cartable_account_group_finalize (GObject *object)
{
  CartableAccountGroup *self = CARTABLE_ACCOUNT_GROUP (object);

  g_clear_object (&self->account);

  G_OBJECT_CLASS (cartable_account_group_parent_class)->finalize (object);
}

static void
cartable_account_group_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CartableAccountGroup *self = CARTABLE_ACCOUNT_GROUP (object);

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
cartable_account_group_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CartableAccountGroup *self = CARTABLE_ACCOUNT_GROUP (object);

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
cartable_account_group_class_init (CartableAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_account_group_constructed;
  object_class->dispose = cartable_account_group_dispose;
  object_class->finalize = cartable_account_group_finalize;
  object_class->get_property = cartable_account_group_get_property;
  object_class->set_property = cartable_account_group_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         CARTABLE_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-account-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableAccountGroup, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CartableAccountGroup, signature_view);
}

static void
cartable_account_group_init (CartableAccountGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cartable_account_group_new (CartableAccount *account)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (account), NULL);

  return g_object_new (CARTABLE_TYPE_ACCOUNT_GROUP, "account", account, NULL);
}

CartableAccount *
cartable_account_group_get_account (CartableAccountGroup *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_GROUP (self), NULL);

  return self->account;
}

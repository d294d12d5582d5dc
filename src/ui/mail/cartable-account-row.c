/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-account-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-account-row.h"
#include "cartable-mail-display.h"

struct _CartableAccountRow
{
  GtkListBoxRow           parent_instance;

  CartableAccountSession *session;

  GtkLabel               *title_label;
  GtkLabel               *subtitle_label;
  GtkLabel               *status_label;
};

G_DEFINE_FINAL_TYPE (CartableAccountRow, cartable_account_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The account's name, address and link, as the session tells them now. */
static void
session_changed_cb (CartableAccountSession *session,
                    CartableAccountRow     *self)
{
  CartableAccount *account = cartable_account_session_get_account (session);
  const GError *error = cartable_account_session_get_error (session);
  const char *title = cartable_account_get_display_name (account);
  const char *email = cartable_account_get_email (account);
  GtkWidget *status = GTK_WIDGET (self->status_label);
  g_autofree char *accessible = NULL;

  if (title == NULL || *title == '\0')
    title = cartable_account_get_identifier (account);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, email != NULL ? email : cartable_account_get_identifier (account));

  gtk_widget_remove_css_class (status, "warning");
  gtk_widget_remove_css_class (status, "dim-label");
  if (error != NULL)
    {
      g_autofree char *sentence = cartable_mail_display_account_error (error);

      gtk_label_set_label (self->status_label, sentence);
      gtk_label_set_wrap (self->status_label, TRUE);
      gtk_widget_add_css_class (status, "warning");
      gtk_widget_set_visible (status, TRUE);
      accessible = g_strdup_printf (_("Account %s, offline: %s"), title, sentence);
    }
  else if (!cartable_account_session_get_online (session))
    {
      gtk_label_set_label (self->status_label, _("Connecting…"));
      gtk_label_set_wrap (self->status_label, FALSE);
      gtk_widget_add_css_class (status, "dim-label");
      gtk_widget_set_visible (status, TRUE);
      accessible = g_strdup_printf (_("Account %s, connecting"), title);
    }
  else
    {
      gtk_widget_set_visible (status, FALSE);
      accessible = g_strdup_printf (_("Account %s"), title);
    }
  /* Named only while it says something, for whoever looks for it. */
  gtk_widget_set_name (status, gtk_widget_get_visible (status) ? "account-status" : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
cartable_account_row_constructed (GObject *object)
{
  CartableAccountRow *self = CARTABLE_ACCOUNT_ROW (object);

  G_OBJECT_CLASS (cartable_account_row_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_ACCOUNT_SESSION (self->session));
  g_signal_connect_object (self->session, "changed", G_CALLBACK (session_changed_cb), self, 0);
  session_changed_cb (self->session, self);
}

static void
cartable_account_row_dispose (GObject *object)
{
  CartableAccountRow *self = CARTABLE_ACCOUNT_ROW (object);

  /* The row unparents its child itself: no template disposal here. */
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cartable_account_row_parent_class)->dispose (object);
}

static void
cartable_account_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableAccountRow *self = CARTABLE_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CartableAccountRow *self = CARTABLE_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_row_class_init (CartableAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_account_row_constructed;
  object_class->dispose = cartable_account_row_dispose;
  object_class->get_property = cartable_account_row_get_property;
  object_class->set_property = cartable_account_row_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARTABLE_TYPE_ACCOUNT_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-account-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableAccountRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CartableAccountRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CartableAccountRow, status_label);
}

static void
cartable_account_row_init (CartableAccountRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cartable_account_row_new (CartableAccountSession *session)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (session), NULL);

  return g_object_new (CARTABLE_TYPE_ACCOUNT_ROW, "session", session, NULL);
}

CartableAccountSession *
cartable_account_row_get_session (CartableAccountRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_ROW (self), NULL);
  return self->session;
}

const char *
cartable_account_row_get_account_id (CartableAccountRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_ROW (self), NULL);
  return cartable_account_session_get_account_id (self->session);
}

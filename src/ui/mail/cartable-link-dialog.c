/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-link-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mail/cartable-composer-format.h"
#include "cartable-link-dialog.h"

struct _CartableLinkDialog
{
  AdwMessageDialog  parent_instance;

  char             *href;         /* NULL while the address is not safe */

  GtkEntry         *entry;
};

G_DEFINE_FINAL_TYPE (CartableLinkDialog, cartable_link_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_HREF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
cartable_link_dialog_normalise_href (const char *typed)
{
  g_autofree char *stripped = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (typed != NULL, NULL);

  stripped = g_strstrip (g_strdup (typed));
  scheme = g_uri_parse_scheme (stripped);
  if (scheme == NULL && strchr (stripped, '@') != NULL && strchr (stripped, '/') == NULL)
    return g_strconcat ("mailto:", stripped, NULL);
  if (scheme == NULL && *stripped != '\0')
    return g_strconcat ("https://", stripped, NULL);
  return g_steal_pointer (&stripped);
}

static void
address_changed_cb (GtkEditable        *entry,
                    CartableLinkDialog *self)
{
  g_autofree char *href = cartable_link_dialog_normalise_href (gtk_editable_get_text (entry));

  if (!cartable_composer_link_is_safe (href))
    g_clear_pointer (&href, g_free);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "insert", href != NULL);
  if (g_strcmp0 (href, self->href) == 0)
    return;
  g_free (self->href);
  self->href = g_steal_pointer (&href);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HREF]);
}

static void
cartable_link_dialog_finalize (GObject *object)
{
  CartableLinkDialog *self = CARTABLE_LINK_DIALOG (object);

  g_free (self->href);

  G_OBJECT_CLASS (cartable_link_dialog_parent_class)->finalize (object);
}

static void
cartable_link_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableLinkDialog *self = CARTABLE_LINK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_HREF:
      g_value_set_string (value, self->href);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_link_dialog_class_init (CartableLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cartable_link_dialog_finalize;
  object_class->get_property = cartable_link_dialog_get_property;

  properties[PROP_HREF] = g_param_spec_string ("href", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cartable/Cartable/ui/cartable-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableLinkDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
}

static void
cartable_link_dialog_init (CartableLinkDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cartable_link_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARTABLE_TYPE_LINK_DIALOG, "transient-for", parent, NULL);
}

const char *
cartable_link_dialog_get_href (CartableLinkDialog *self)
{
  g_return_val_if_fail (CARTABLE_IS_LINK_DIALOG (self), NULL);

  return self->href;
}

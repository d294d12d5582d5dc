/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-folder-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-folder-row.h"

struct _CartableFolderRow
{
  GtkListBoxRow           parent_instance;

  CartableAccountSession *session;
  CartableFolderItem     *item;

  GtkWidget              *box;
  GtkImage               *icon;
  GtkLabel               *name_label;
  GtkLabel               *unread_label;
};

G_DEFINE_FINAL_TYPE (CartableFolderRow, cartable_folder_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
cartable_folder_row_icon_name (CartableFolderRole role)
{
  switch (role)
    {
    case CARTABLE_FOLDER_ROLE_INBOX:
      return "mail-unread-symbolic";
    case CARTABLE_FOLDER_ROLE_DRAFTS:
      return "document-edit-symbolic";
    case CARTABLE_FOLDER_ROLE_SENT:
      return "mail-send-symbolic";
    case CARTABLE_FOLDER_ROLE_ARCHIVE:
      return "folder-documents-symbolic";
    case CARTABLE_FOLDER_ROLE_JUNK:
      return "mail-mark-junk-symbolic";
    case CARTABLE_FOLDER_ROLE_TRASH:
      return "user-trash-symbolic";
    case CARTABLE_FOLDER_ROLE_OUTBOX:
      return "mail-send-symbolic";
    case CARTABLE_FOLDER_ROLE_NONE:
    default:
      return "folder-symbolic";
    }
}

char *
cartable_folder_row_dup_accessible_name (const char *display_name,
                                         int         unread)
{
  g_return_val_if_fail (display_name != NULL, NULL);

  if (unread > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d unread", "%s, %d unread", unread),
                            display_name, unread);
  return g_strdup (display_name);
}

/* The name a screen reader says, with the unread count the eye sees. */
static void
item_changed_cb (CartableFolderItem *item,
                 GParamSpec         *pspec,
                 CartableFolderRow  *self)
{
  int unread = cartable_folder_item_get_unread (item);
  g_autofree char *count = unread > 0 ? g_strdup_printf ("%d", unread) : NULL;
  g_autofree char *name = cartable_folder_row_dup_accessible_name (cartable_folder_item_get_display_name (item),
                                                                   unread);

  gtk_label_set_label (self->name_label, cartable_folder_item_get_display_name (item));
  gtk_label_set_label (self->unread_label, count != NULL ? count : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), count != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
cartable_folder_row_constructed (GObject *object)
{
  CartableFolderRow *self = CARTABLE_FOLDER_ROW (object);

  G_OBJECT_CLASS (cartable_folder_row_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_ACCOUNT_SESSION (self->session));
  g_assert (CARTABLE_IS_FOLDER_ITEM (self->item));

  gtk_widget_set_margin_start (self->box, 4 + 12 * (int) cartable_folder_item_get_depth (self->item));
  gtk_image_set_from_icon_name (self->icon, cartable_folder_row_icon_name (cartable_folder_item_get_role (self->item)));
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), cartable_folder_item_get_selectable (self->item));
  g_signal_connect_object (self->item, "notify::unread", G_CALLBACK (item_changed_cb), self, 0);
  g_signal_connect_object (self->item, "notify::display-name", G_CALLBACK (item_changed_cb), self, 0);
  item_changed_cb (self->item, NULL, self);
}

static void
cartable_folder_row_dispose (GObject *object)
{
  CartableFolderRow *self = CARTABLE_FOLDER_ROW (object);

  /* The row unparents its child itself: no template disposal here. */
  g_clear_object (&self->item);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cartable_folder_row_parent_class)->dispose (object);
}

static void
cartable_folder_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CartableFolderRow *self = CARTABLE_FOLDER_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_folder_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CartableFolderRow *self = CARTABLE_FOLDER_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_folder_row_class_init (CartableFolderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_folder_row_constructed;
  object_class->dispose = cartable_folder_row_dispose;
  object_class->get_property = cartable_folder_row_get_property;
  object_class->set_property = cartable_folder_row_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CARTABLE_TYPE_ACCOUNT_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, CARTABLE_TYPE_FOLDER_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-folder-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableFolderRow, box);
  gtk_widget_class_bind_template_child (widget_class, CartableFolderRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CartableFolderRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CartableFolderRow, unread_label);
}

static void
cartable_folder_row_init (CartableFolderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cartable_folder_row_new (CartableAccountSession *session,
                         CartableFolderItem     *item)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (CARTABLE_IS_FOLDER_ITEM (item), NULL);

  return g_object_new (CARTABLE_TYPE_FOLDER_ROW, "session", session, "item", item, NULL);
}

CartableAccountSession *
cartable_folder_row_get_session (CartableFolderRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_ROW (self), NULL);
  return self->session;
}

CartableFolderItem *
cartable_folder_row_get_item (CartableFolderRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_ROW (self), NULL);
  return self->item;
}

const char *
cartable_folder_row_get_account_id (CartableFolderRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_ROW (self), NULL);
  return cartable_account_session_get_account_id (self->session);
}

const char *
cartable_folder_row_get_full_name (CartableFolderRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_ROW (self), NULL);
  return cartable_folder_item_get_full_name (self->item);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-folder-name-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-folder-names.h"
#include "cartable-folder-name-dialog.h"

struct _CartableFolderNameDialog
{
  AdwMessageDialog  parent_instance;

  char             *folder;        /* renamed, or where the new one goes */
  char             *current_name;  /* NULL for a new folder */
  char            **siblings;
  char             *new_name;      /* kept: the field goes with the dialog */
  gboolean          typed;         /* the field was not left empty from the start */
  gboolean          valid;

  GtkEntry         *entry;
  GtkLabel         *problem;
};

G_DEFINE_FINAL_TYPE (CartableFolderNameDialog, cartable_folder_name_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_CURRENT_NAME,
  PROP_SIBLINGS,
  PROP_NEW_NAME,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
answer (CartableFolderNameDialog *self)
{
  return self->current_name != NULL ? "rename" : "create";
}

/* The name typed, checked as it is typed. */
static void
name_changed_cb (GtkEditable              *entry,
                 CartableFolderNameDialog *self)
{
  const char *text = gtk_editable_get_text (entry);
  const char * const *siblings = (const char * const *) self->siblings;
  CartableFolderNameCheck check = cartable_folder_name_check (text, siblings, self->current_name);
  g_autofree char *problem = cartable_folder_name_problem (text, siblings, self->current_name);
  gboolean valid = check == CARTABLE_FOLDER_NAME_VALID;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), answer (self), valid);

  /* An empty field at first says nothing: the greyed button is enough. */
  if (check == CARTABLE_FOLDER_NAME_EMPTY && !self->typed)
    g_clear_pointer (&problem, g_free);
  if (*text != '\0')
    self->typed = TRUE;

  gtk_label_set_text (self->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : "", -1);

  g_free (self->new_name);
  self->new_name = g_strstrip (g_strdup (text));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_NAME]);
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

/* Enter in the field: the dialog's answer when the name is good, else why not. */
static void
name_activate_cb (GtkEntry                 *entry,
                  CartableFolderNameDialog *self)
{
  if (!self->valid)
    {
      self->typed = TRUE;
      name_changed_cb (GTK_EDITABLE (entry), self);
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), answer (self));
  gtk_window_close (GTK_WINDOW (self));
}

static void
cartable_folder_name_dialog_constructed (GObject *object)
{
  CartableFolderNameDialog *self = CARTABLE_FOLDER_NAME_DIALOG (object);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  G_OBJECT_CLASS (cartable_folder_name_dialog_parent_class)->constructed (object);

  if (self->current_name != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Rename “%s”"), self->folder);

      adw_message_dialog_set_heading (dialog, heading);
      adw_message_dialog_set_body (dialog, _("Its messages and sub-folders stay inside it."));
      adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
      gtk_widget_set_name (GTK_WIDGET (self), "folder-rename");
    }
  else
    {
      adw_message_dialog_set_heading (dialog, _("New Folder"));
      if (self->folder != NULL)
        adw_message_dialog_format_body (dialog, _("The new folder goes inside “%s”."), self->folder);
      else
        adw_message_dialog_set_body (dialog, _("The new folder goes at the top level of the account."));
      adw_message_dialog_add_response (dialog, "create", _("C_reate"));
      gtk_widget_set_name (GTK_WIDGET (self), "folder-new");
    }
  adw_message_dialog_set_response_appearance (dialog, answer (self), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, answer (self));

  if (self->current_name != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), self->current_name);
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
    }
  name_changed_cb (GTK_EDITABLE (self->entry), self);
}

static void
cartable_folder_name_dialog_finalize (GObject *object)
{
  CartableFolderNameDialog *self = CARTABLE_FOLDER_NAME_DIALOG (object);

  g_free (self->folder);
  g_free (self->current_name);
  g_strfreev (self->siblings);
  g_free (self->new_name);

  G_OBJECT_CLASS (cartable_folder_name_dialog_parent_class)->finalize (object);
}

static void
cartable_folder_name_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  CartableFolderNameDialog *self = CARTABLE_FOLDER_NAME_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_CURRENT_NAME:
      g_value_set_string (value, self->current_name);
      break;
    case PROP_SIBLINGS:
      g_value_set_boxed (value, self->siblings);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_NEW_NAME:
      g_value_take_string (value, cartable_folder_name_dialog_dup_new_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_folder_name_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  CartableFolderNameDialog *self = CARTABLE_FOLDER_NAME_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_string (value);
      break;
    case PROP_CURRENT_NAME:
      self->current_name = g_value_dup_string (value);
      break;
    case PROP_SIBLINGS:
      self->siblings = g_value_dup_boxed (value);
      break;
    case PROP_NEW_NAME:
      cartable_folder_name_dialog_set_new_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_folder_name_dialog_class_init (CartableFolderNameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_folder_name_dialog_constructed;
  object_class->finalize = cartable_folder_name_dialog_finalize;
  object_class->get_property = cartable_folder_name_dialog_get_property;
  object_class->set_property = cartable_folder_name_dialog_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_NAME] =
    g_param_spec_string ("current-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIBLINGS] =
    g_param_spec_boxed ("siblings", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEW_NAME] =
    g_param_spec_string ("new-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cartable/Cartable/ui/cartable-folder-name-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableFolderNameDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, CartableFolderNameDialog, problem);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activate_cb);
}

static void
cartable_folder_name_dialog_init (CartableFolderNameDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Room to type past the limit, so that the sentence says why. */
  gtk_entry_set_max_length (self->entry, CARTABLE_FOLDER_NAME_MAX_CHARS + 20);
}

GtkWidget *
cartable_folder_name_dialog_new_create (GtkWindow          *parent,
                                        const char         *parent_display_name,
                                        const char * const *siblings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARTABLE_TYPE_FOLDER_NAME_DIALOG, "transient-for", parent, "folder", parent_display_name,
                       "siblings", siblings, NULL);
}

GtkWidget *
cartable_folder_name_dialog_new_rename (GtkWindow          *parent,
                                        const char         *display_name,
                                        const char         *current_name,
                                        const char * const *siblings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (current_name != NULL, NULL);

  return g_object_new (CARTABLE_TYPE_FOLDER_NAME_DIALOG, "transient-for", parent, "folder", display_name,
                       "current-name", current_name, "siblings", siblings, NULL);
}

char *
cartable_folder_name_dialog_dup_new_name (CartableFolderNameDialog *self)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_NAME_DIALOG (self), NULL);

  return g_strdup (self->new_name);
}

void
cartable_folder_name_dialog_set_new_name (CartableFolderNameDialog *self,
                                      const char               *name)
{
  g_return_if_fail (CARTABLE_IS_FOLDER_NAME_DIALOG (self));

  /* The field's "changed" notifies, only when the text differs. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), name != NULL ? name : "");
}

gboolean
cartable_folder_name_dialog_get_valid (CartableFolderNameDialog *self)
{
  g_return_val_if_fail (CARTABLE_IS_FOLDER_NAME_DIALOG (self), FALSE);

  return self->valid;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-message-row.h"
#include "cartable-mail-display.h"
#include "cartable-mail-format.h"

struct _CartableMessageRow
{
  GtkWidget               parent_instance;

  CartableMessageSummary *summary;
  gboolean                large;
  CartableFolderRole      folder_role;
  char                   *folder_label;
  char                   *sentence;    /* what a screen reader says of the row */

  GtkBoxLayout           *layout;
  GtkBox                 *top;
  GtkLabel               *sender;
  GtkLabel               *count;
  GtkImage               *attachment;
  GtkImage               *flag;
  GtkLabel               *date;
  GtkLabel               *subject;
  GtkBox                 *folder_box;
  GtkLabel               *folder;
};

G_DEFINE_FINAL_TYPE (CartableMessageRow, cartable_message_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_LARGE,
  PROP_FOLDER_ROLE,
  PROP_FOLDER_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
in_sent_mail (CartableMessageRow *self)
{
  return self->folder_role == CARTABLE_FOLDER_ROLE_SENT;
}

/* Who the row names: the sender, or in the simple version's sent mail
 * « À : » and the recipients. */
static char *
dup_person (CartableMessageRow *self)
{
  const char *from = cartable_message_summary_get_from (self->summary);
  const char *to = cartable_message_summary_get_to (self->summary);
  g_autofree char *recipients = NULL;

  if (!self->large)
    return cartable_mail_display_row_name (self->folder_role, from, to);
  if (!in_sent_mail (self))
    return cartable_mail_display_sender (from);

  recipients = cartable_mail_display_sender (to);
  /* Translators: a sent message's row, e.g. "À : Marie Durand". */
  return g_strdup_printf (_("To: %s"), recipients);
}

/* The marks of an unread row: bold in the full version, bold and in colour
 * (the style sheet's .simple-row.unread) in the simple one. */
static void
show_unread (CartableMessageRow *self,
             gboolean            unread)
{
  g_autoptr(PangoAttrList) attributes = NULL;

  if (self->large)
    {
      /* The subject is what the message is about: as readable as the
       * sender, read or not. */
      if (unread)
        gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
      return;
    }

  if (unread)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    }
  gtk_label_set_attributes (self->sender, attributes);
  gtk_label_set_attributes (self->subject, attributes);
}

/* In a list view the keyboard and the screen reader land on the list's
 * own item widget, the row's parent, not on the row: GTK 4.8 has no way
 * to name it (gtk_list_item_set_accessible_label () came with 4.12), so
 * the row names its parent with its own sentence. */
static void
label_list_item (CartableMessageRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent == NULL || self->sentence == NULL ||
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) != GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, self->sentence, -1);
}

static void
show_summary (CartableMessageRow *self)
{
  g_autofree char *person = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *count_text = NULL;
  const char *subject;
  gboolean unread, attachment, flagged;
  CartableRowMarks marks;
  guint count;

  if (self->summary == NULL)
    return;

  person = dup_person (self);
  subject = cartable_mail_display_subject (cartable_message_summary_get_subject (self->summary));
  /* What one sent oneself is never news. */
  unread = !cartable_message_summary_get_seen (self->summary) && !(self->large && in_sent_mail (self));
  attachment = cartable_message_summary_get_has_attachment (self->summary);
  flagged = !self->large && cartable_message_summary_get_flagged (self->summary);
  count = self->large ? 1 : cartable_message_summary_get_thread_count (self->summary);

  if (cartable_message_summary_get_date (self->summary) > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (cartable_message_summary_get_date (self->summary));
      g_autoptr(GDateTime) date = g_date_time_to_local (utc);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date_text = cartable_mail_format_date (date, now);
    }
  if (count > 1)
    count_text = g_strdup_printf ("(%u)", count);

  gtk_label_set_text (self->sender, person);
  gtk_label_set_text (self->subject, subject);
  gtk_label_set_text (self->date, date_text != NULL ? date_text : "");
  gtk_label_set_text (self->count, count_text != NULL ? count_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->attachment), attachment);
  gtk_widget_set_visible (GTK_WIDGET (self->flag), flagged);
  gtk_label_set_text (self->folder, self->folder_label != NULL ? self->folder_label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->folder_box), self->folder_label != NULL);
  show_unread (self, unread);

  marks = (unread ? CARTABLE_ROW_MARK_UNREAD : 0) |
          (attachment ? CARTABLE_ROW_MARK_ATTACHMENT : 0) |
          (flagged ? CARTABLE_ROW_MARK_FLAGGED : 0) |
          (cartable_message_summary_get_answered (self->summary) ? CARTABLE_ROW_MARK_ANSWERED : 0) |
          (self->folder_role == CARTABLE_FOLDER_ROLE_DRAFTS ? CARTABLE_ROW_MARK_DRAFT : 0);
  g_free (self->sentence);
  self->sentence = cartable_mail_display_row_sentence (marks, person, subject, date_text, count,
                                                       self->folder_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->sentence, -1);
  label_list_item (self);
}

/* The list changes a summary in place when it is read or flagged. */
static void
summary_changed_cb (CartableMessageSummary *summary,
                    GParamSpec             *pspec,
                    CartableMessageRow     *self)
{
  show_summary (self);
}

static void
parent_changed_cb (CartableMessageRow *self,
                   GParamSpec         *pspec,
                   gpointer            user_data)
{
  label_list_item (self);
}

/* The full version's dense rows or the simple version's large ones. */
static void
show_size (CartableMessageRow *self)
{
  int margin = self->large ? 0 : 12;

  gtk_widget_set_margin_start (GTK_WIDGET (self), margin);
  gtk_widget_set_margin_end (GTK_WIDGET (self), margin);
  gtk_widget_set_margin_top (GTK_WIDGET (self), self->large ? 0 : 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), self->large ? 0 : 8);
  gtk_box_layout_set_spacing (self->layout, self->large ? 4 : 2);
  gtk_box_set_spacing (self->top, self->large ? 8 : 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self->sender), self->large);
  gtk_widget_set_visible (GTK_WIDGET (self->count), !self->large);

  if (self->large)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "simple-row");
      gtk_widget_add_css_class (GTK_WIDGET (self->sender), "simple-sender");
      gtk_widget_add_css_class (GTK_WIDGET (self->subject), "simple-subject");
      gtk_widget_remove_css_class (GTK_WIDGET (self->date), "caption");
      gtk_label_set_attributes (self->sender, NULL);
      gtk_label_set_attributes (self->subject, NULL);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "simple-row");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
      gtk_widget_remove_css_class (GTK_WIDGET (self->sender), "simple-sender");
      gtk_widget_remove_css_class (GTK_WIDGET (self->subject), "simple-subject");
      gtk_widget_add_css_class (GTK_WIDGET (self->date), "caption");
    }
  show_summary (self);
}

void
cartable_message_row_set_summary (CartableMessageRow     *self,
                                  CartableMessageSummary *summary)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_ROW (self));
  g_return_if_fail (summary == NULL || CARTABLE_IS_MESSAGE_SUMMARY (summary));

  if (self->summary == summary)
    return;

  if (self->summary != NULL)
    g_signal_handlers_disconnect_by_data (self->summary, self);
  g_set_object (&self->summary, summary);
  if (summary != NULL)
    {
      g_signal_connect (summary, "notify::seen", G_CALLBACK (summary_changed_cb), self);
      g_signal_connect (summary, "notify::flagged", G_CALLBACK (summary_changed_cb), self);
    }
  show_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

CartableMessageSummary *
cartable_message_row_get_summary (CartableMessageRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_ROW (self), NULL);
  return self->summary;
}

void
cartable_message_row_set_large (CartableMessageRow *self,
                                gboolean            large)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_ROW (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  show_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}

gboolean
cartable_message_row_get_large (CartableMessageRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_ROW (self), FALSE);
  return self->large;
}

void
cartable_message_row_set_folder_role (CartableMessageRow *self,
                                      CartableFolderRole  role)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_ROW (self));

  if (self->folder_role == role)
    return;

  self->folder_role = role;
  show_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER_ROLE]);
}

/* The folder of a search result over several folders, shown under its
 * subject; NULL in a folder's own list. */
void
cartable_message_row_set_folder_label (CartableMessageRow *self,
                                       const char         *label)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_ROW (self));

  if (g_strcmp0 (self->folder_label, label) == 0)
    return;

  g_free (self->folder_label);
  self->folder_label = g_strdup (label);
  show_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER_LABEL]);
}

const char *
cartable_message_row_get_folder_label (CartableMessageRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_ROW (self), NULL);
  return self->folder_label;
}

CartableFolderRole
cartable_message_row_get_folder_role (CartableMessageRow *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_ROW (self), CARTABLE_FOLDER_ROLE_NONE);
  return self->folder_role;
}

static void
cartable_message_row_dispose (GObject *object)
{
  CartableMessageRow *self = CARTABLE_MESSAGE_ROW (object);

  if (self->summary != NULL)
    g_signal_handlers_disconnect_by_data (self->summary, self);
  g_clear_object (&self->summary);
  g_clear_pointer (&self->folder_label, g_free);
  g_clear_pointer (&self->sentence, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_MESSAGE_ROW);

  G_OBJECT_CLASS (cartable_message_row_parent_class)->dispose (object);
}

static void
cartable_message_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableMessageRow *self = CARTABLE_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;
    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;
    case PROP_FOLDER_ROLE:
      g_value_set_uint (value, self->folder_role);
      break;
    case PROP_FOLDER_LABEL:
      g_value_set_string (value, self->folder_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CartableMessageRow *self = CARTABLE_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      cartable_message_row_set_summary (self, g_value_get_object (value));
      break;
    case PROP_LARGE:
      cartable_message_row_set_large (self, g_value_get_boolean (value));
      break;
    case PROP_FOLDER_ROLE:
      cartable_message_row_set_folder_role (self, g_value_get_uint (value));
      break;
    case PROP_FOLDER_LABEL:
      cartable_message_row_set_folder_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_row_class_init (CartableMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_message_row_dispose;
  object_class->get_property = cartable_message_row_get_property;
  object_class->set_property = cartable_message_row_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, CARTABLE_TYPE_MESSAGE_SUMMARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A CartableFolderRole. */
  properties[PROP_FOLDER_ROLE] =
    g_param_spec_uint ("folder-role", NULL, NULL, 0, G_MAXUINT, CARTABLE_FOLDER_ROLE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER_LABEL] =
    g_param_spec_string ("folder-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, layout);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, top);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, sender);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, count);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, attachment);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, flag);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, date);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, subject);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, folder_box);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageRow, folder);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cartable_message_row_init (CartableMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
  show_size (self);
}

GtkWidget *
cartable_message_row_new (gboolean large)
{
  return g_object_new (CARTABLE_TYPE_MESSAGE_ROW, "large", large, NULL);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, cartable_message_row_new (GPOINTER_TO_INT (user_data)));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  cartable_message_row_set_summary (CARTABLE_MESSAGE_ROW (gtk_list_item_get_child (item)),
                                    gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  cartable_message_row_set_summary (CARTABLE_MESSAGE_ROW (gtk_list_item_get_child (item)), NULL);
}

GtkListItemFactory *
cartable_message_row_factory_new (gboolean large)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), GINT_TO_POINTER (!!large));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  return factory;
}

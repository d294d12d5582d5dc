/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-message-text"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-message-text.h"
#include "cartable-link-opener.h"
#include "mail/cartable-readable-text.h"

/*
 * The text mode of the reading pane. GTK 4.8 gives a screen reader the
 * text of a GtkTextView (the web view's content never reaches it), but no
 * hyperlink of any widget: so each link is said in the text itself,
 * « le site (lien 1) », opens with Enter or a click where it stands, and
 * is listed again after the text as a link button, which the reader
 * announces as a link with its address.
 */

struct _CartableMessageText
{
  GtkWidget    parent_instance;

  gboolean     large;

  GtkTextView *text_view;
  GtkWidget   *links_box;
  GtkWidget   *links_list;

  GtkTextTag  *large_tag;
  GtkTextTag  *link_tag;
};

G_DEFINE_FINAL_TYPE (CartableMessageText, cartable_message_text, GTK_TYPE_WIDGET)

/* The data of a link's own tag. */
#define LINK_URI "cartable-link-uri"
#define LINK_LABEL "cartable-link-label"

static void
open_link (CartableMessageText *self,
           const char          *uri,
           const char          *label)
{
  cartable_link_opener_open (GTK_WIDGET (self), uri, label);
}

/* The link whose text holds @iter, if any. */
static GtkTextTag *
find_link_tag (GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    if (g_object_get_data (l->data, LINK_URI) != NULL)
      return l->data;
  return NULL;
}

static gboolean
activate_link_at (CartableMessageText *self,
                  GtkTextIter         *iter)
{
  GtkTextTag *tag = find_link_tag (iter);

  if (tag == NULL)
    return FALSE;
  open_link (self, g_object_get_data (G_OBJECT (tag), LINK_URI), g_object_get_data (G_OBJECT (tag), LINK_LABEL));
  return TRUE;
}

/* Enter on a link opens it, the caret on its text or just after it;
 * elsewhere Enter goes on to the widgets around. */
static gboolean
open_link_at_caret (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CartableMessageText *self = CARTABLE_MESSAGE_TEXT (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (!gtk_widget_has_focus (GTK_WIDGET (self->text_view)))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (activate_link_at (self, &iter))
    return TRUE;
  return gtk_text_iter_backward_char (&iter) && activate_link_at (self, &iter);
}

/* A click on a link opens it, unless it ended a selection. */
static void
released_cb (GtkGestureClick     *gesture,
             int                  n_press,
             double               x,
             double               y,
             CartableMessageText *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  int buffer_x, buffer_y;

  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &buffer_x, &buffer_y);
  if (gtk_text_view_get_iter_at_location (self->text_view, &iter, buffer_x, buffer_y))
    activate_link_at (self, &iter);
}

static gboolean
link_button_activated_cb (GtkLinkButton       *button,
                          CartableMessageText *self)
{
  open_link (self, gtk_link_button_get_uri (button), g_object_get_data (G_OBJECT (button), LINK_LABEL));
  return TRUE;
}

static void
clear_links (CartableMessageText *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->links_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->links_list), child);
  gtk_widget_set_visible (self->links_box, FALSE);
}

static void
add_link_button (CartableMessageText *self,
                 guint                number,
                 const char          *uri,
                 const char          *label)
{
  g_autofree char *text = g_strdup_printf ("%u. %s", number, label);
  GtkWidget *button = gtk_link_button_new_with_label (uri, text);
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
    }
  gtk_widget_set_halign (button, GTK_ALIGN_FILL);
  g_object_set_data_full (G_OBJECT (button), LINK_LABEL, g_strdup (label), g_free);
  /* The reader says the link's words, then where it leads. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, uri,
                                  -1);
  g_signal_connect (button, "activate-link", G_CALLBACK (link_button_activated_cb), self);
  gtk_box_append (GTK_BOX (self->links_list), button);
}

static void
show_readable (CartableMessageText  *self,
               CartableReadableText *readable)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = cartable_readable_text_get_text (readable);
  const char *written = text;
  GtkTextIter end, start;

  gtk_text_buffer_set_text (buffer, "", -1);
  clear_links (self);

  for (guint i = 0; i < cartable_readable_text_get_n_links (readable); i++)
    {
      guint link_start, link_end;
      const char *uri = cartable_readable_text_get_link (readable, i, &link_start, &link_end);
      const char *from = g_utf8_offset_to_pointer (text, link_start);
      const char *to = g_utf8_offset_to_pointer (text, link_end);
      g_autofree char *label = g_strndup (from, to - from);
      /* Translators: after a link's words in a message read as text, its
       * number in the list of links after the text. */
      g_autofree char *marker = g_strdup_printf (_(" (link %u)"), i + 1);
      GtkTextTag *tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);

      g_object_set_data_full (G_OBJECT (tag), LINK_URI, g_strdup (uri), g_free);
      g_object_set_data_full (G_OBJECT (tag), LINK_LABEL, g_strdup (label), g_free);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, written, from - written);
      gtk_text_buffer_insert_with_tags (buffer, &end, label, -1, tag, self->link_tag, NULL);
      gtk_text_buffer_insert_with_tags (buffer, &end, marker, -1, tag, NULL);
      written = to;
      add_link_button (self, i + 1, uri, label);
    }
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, written, -1);
  if (*text == '\0')
    gtk_text_buffer_set_text (buffer, _("This message has no text."), -1);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  if (self->large)
    gtk_text_buffer_apply_tag (buffer, self->large_tag, &start, &end);
  /* Read from the start. */
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_set_visible (self->links_box, cartable_readable_text_get_n_links (readable) > 0);
}

static void
collect_link_tag (GtkTextTag *tag,
                  gpointer    user_data)
{
  GPtrArray *tags = user_data;

  if (g_object_get_data (G_OBJECT (tag), LINK_URI) != NULL)
    g_ptr_array_add (tags, tag);
}

/* The tags of the links of the text shown before: unnamed, kept by the
 * table until removed. */
static void
drop_link_tags (CartableMessageText *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view));
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  gtk_text_tag_table_foreach (table, collect_link_tag, tags);
  for (guint i = 0; i < tags->len; i++)
    gtk_text_tag_table_remove (table, tags->pdata[i]);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * cartable_message_text_set_message:
 * @message: (nullable): the message to show
 *
 * Shows @message's plain-text body, else the text of its HTML body.
 */
void
cartable_message_text_set_message (CartableMessageText *self,
                                   CartableMessage     *message)
{
  g_autoptr(CartableReadableText) readable = NULL;
  const char *text = NULL;
  const char *html = NULL;

  g_return_if_fail (CARTABLE_IS_MESSAGE_TEXT (self));
  g_return_if_fail (message == NULL || CARTABLE_IS_MESSAGE (message));

  if (message != NULL)
    {
      text = cartable_message_get_text_body (message);
      html = cartable_message_get_html_body (message);
    }

  /* The author's own text when there is one; what the HTML says else. */
  if (!is_blank (text))
    readable = cartable_readable_text_new_from_plain (text);
  else if (html != NULL)
    readable = cartable_readable_text_new_from_html (html);
  else
    readable = cartable_readable_text_new_from_plain ("");

  drop_link_tags (self);
  show_readable (self, readable);
}

void
cartable_message_text_set_large (CartableMessageText *self,
                                 gboolean             large)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (CARTABLE_IS_MESSAGE_TEXT (self));

  large = !!large;
  if (self->large == large)
    return;
  self->large = large;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  if (large)
    gtk_text_buffer_apply_tag (buffer, self->large_tag, &start, &end);
  else
    gtk_text_buffer_remove_tag (buffer, self->large_tag, &start, &end);
}

/**
 * cartable_message_text_get_text_view:
 *
 * Returns: (transfer none): the text view, which takes the keyboard
 */
GtkTextView *
cartable_message_text_get_text_view (CartableMessageText *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_TEXT (self), NULL);
  return self->text_view;
}

guint
cartable_message_text_get_n_links (CartableMessageText *self)
{
  guint n = 0;

  g_return_val_if_fail (CARTABLE_IS_MESSAGE_TEXT (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->links_list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/**
 * cartable_message_text_get_link_button:
 * @index: the link's number, from 0
 *
 * Returns: (transfer none) (nullable): the button of link @index after the text
 */
GtkWidget *
cartable_message_text_get_link_button (CartableMessageText *self,
                                       guint                index)
{
  GtkWidget *child;

  g_return_val_if_fail (CARTABLE_IS_MESSAGE_TEXT (self), NULL);

  for (child = gtk_widget_get_first_child (self->links_list); child != NULL && index > 0;
       child = gtk_widget_get_next_sibling (child))
    index--;
  return child;
}

static void
cartable_message_text_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CARTABLE_TYPE_MESSAGE_TEXT);
  /* The scrolled window around the text is not a bound child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cartable_message_text_parent_class)->dispose (object);
}

static void
cartable_message_text_class_init (CartableMessageTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_message_text_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-message-text.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMessageText, text_view);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageText, links_box);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageText, links_list);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, open_link_at_caret, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, open_link_at_caret, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, open_link_at_caret, NULL);
}

static void
cartable_message_text_init (CartableMessageText *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->link_tag = gtk_text_buffer_create_tag (buffer, "link", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  /* The simple version's text as large as its buttons. */
  self->large_tag = gtk_text_buffer_create_tag (buffer, "large", "scale", 1.2, NULL);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
}

CartableMessageText *
cartable_message_text_new (void)
{
  return g_object_new (CARTABLE_TYPE_MESSAGE_TEXT, NULL);
}

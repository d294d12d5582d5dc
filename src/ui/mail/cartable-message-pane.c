/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-message-pane"

#include "config.h"

#include "cartable-message-pane.h"
#include "cartable-text-mode.h"

struct _CartableMessagePane
{
  GtkWidget               parent_instance;

  CartableMessage        *message;
  gboolean                large;
  gboolean                draft;
  CartableTextMode       *text_mode;

  GtkBoxLayout           *layout;
  CartableConversation   *conversation;
  CartableMessageHeader  *header;
  GtkWidget              *reply_bar;
  GtkWidget              *resume_button;
  GtkWidget              *reply_button;
  GtkWidget              *reply_all_button;
  GtkWidget              *forward_button;
  GtkWidget              *header_separator;
  GtkWidget              *body_frame;
  GtkWidget              *body_box;
  CartableHtmlView       *html_view;
  CartableMessageText    *message_text;
  GtkRevealer            *attachments_revealer;
  GtkWidget              *attachments_separator;
  GtkScrolledWindow      *attachments_scroller;
  CartableAttachmentList *attachment_list;
};

G_DEFINE_FINAL_TYPE (CartableMessagePane, cartable_message_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_LARGE,
  PROP_DRAFT,
  PROP_TEXT_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The full version's pane runs edge to edge with separators; the simple
 * version's spaces its parts, its body framed, its text larger. */
static void
show_size (CartableMessagePane *self)
{
  /* The attachment cards keep their list's inset (and their shadow, which
   * a scroller would clip at its edge): the simple version's header and
   * framed body take the same inset, so that all three line up. */
  int inset = self->large ? 12 : 0;

  gtk_box_layout_set_spacing (self->layout, self->large ? 12 : 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->header), inset);
  gtk_widget_set_margin_end (GTK_WIDGET (self->header), inset);
  gtk_widget_set_margin_start (self->body_frame, inset);
  gtk_widget_set_margin_end (self->body_frame, inset);
  /* The simple version's text as large as its buttons. */
  cartable_html_view_set_text_scale (self->html_view, self->large ? 1.2 : 1.0);
  cartable_message_text_set_large (self->message_text, self->large);
  cartable_message_header_set_large (self->header, self->large);
  gtk_widget_set_visible (self->reply_bar, !self->large);
  gtk_widget_set_visible (self->header_separator, !self->large);
  gtk_widget_set_visible (self->attachments_separator, !self->large);
  gtk_scrolled_window_set_max_content_height (self->attachments_scroller, self->large ? 220 : 280);
  gtk_revealer_set_transition_type (self->attachments_revealer,
                                    self->large ? GTK_REVEALER_TRANSITION_TYPE_NONE
                                                : GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  if (self->large)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->header), "simple-headers");
      gtk_widget_remove_css_class (self->body_frame, "message-body-edge");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->header), "simple-headers");
      gtk_widget_add_css_class (self->body_frame, "message-body-edge");
    }
}

void
cartable_message_pane_set_message (CartableMessagePane *self,
                                   CartableMessage     *message)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_PANE (self));
  g_return_if_fail (message == NULL || CARTABLE_IS_MESSAGE (message));

  g_set_object (&self->message, message);
  /* Set again even when the same: the header and the body show it afresh
   * (remote content blocked again). */
  cartable_message_header_set_message (self->header, message);
  if (cartable_text_mode_get_active (self->text_mode))
    cartable_message_text_set_message (self->message_text, message);
  /* Saved, opened, previewed or played: cartable-attachment-list.c. */
  cartable_attachment_list_set_message (self->attachment_list, message);
  gtk_revealer_set_reveal_child (self->attachments_revealer,
                                 message != NULL && cartable_attachment_list_get_n_shown (self->attachment_list) > 0);
  /* Not revealed, it would still take the large pane's spacing. */
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_revealer),
                          !self->large || gtk_revealer_get_reveal_child (self->attachments_revealer));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

CartableMessage *
cartable_message_pane_get_message (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), NULL);
  return self->message;
}

void
cartable_message_pane_set_large (CartableMessagePane *self,
                                 gboolean             large)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_PANE (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  show_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}

gboolean
cartable_message_pane_get_large (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), FALSE);
  return self->large;
}

/**
 * cartable_message_pane_set_draft:
 * @draft: whether the message shown is a draft of the Drafts folder
 *
 * A draft is offered « Reprendre » instead of the replies.
 */
void
cartable_message_pane_set_draft (CartableMessagePane *self,
                                 gboolean             draft)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_PANE (self));

  draft = !!draft;
  if (self->draft == draft)
    return;

  self->draft = draft;
  gtk_widget_set_visible (self->resume_button, draft);
  gtk_widget_set_visible (self->reply_button, !draft);
  gtk_widget_set_visible (self->reply_all_button, !draft);
  gtk_widget_set_visible (self->forward_button, !draft);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

gboolean
cartable_message_pane_get_draft (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), FALSE);
  return self->draft;
}

CartableMessageHeader *
cartable_message_pane_get_header (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), NULL);
  return self->header;
}

CartableHtmlView *
cartable_message_pane_get_html_view (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), NULL);
  return self->html_view;
}

/**
 * cartable_message_pane_get_conversation:
 *
 * Returns: (transfer none): the earlier messages of the conversation shown
 *   above the message, hidden until the view gives it some
 */
CartableConversation *
cartable_message_pane_get_conversation (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), NULL);
  return self->conversation;
}

/* The text is made only when it is read: most people read in the web view. */
static void
show_body (CartableMessagePane *self)
{
  gboolean text_mode = cartable_text_mode_get_active (self->text_mode);
  GtkWidget *focus = NULL;
  gboolean had_focus;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    focus = gtk_root_get_focus (root);
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, self->body_box);

  if (text_mode)
    cartable_message_text_set_message (self->message_text, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_text), text_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->html_view), !text_mode);
  /* The keyboard stays on the body, in its other form. */
  if (had_focus)
    gtk_widget_grab_focus (cartable_message_pane_get_body (self));
}

static void
text_mode_changed_cb (CartableTextMode    *text_mode,
                      GParamSpec          *pspec,
                      CartableMessagePane *self)
{
  show_body (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_MODE]);
}

gboolean
cartable_message_pane_get_text_mode (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), FALSE);
  return cartable_text_mode_get_active (self->text_mode);
}

/**
 * cartable_message_pane_set_text_mode:
 * @text_mode: whether to show messages as plain text
 *
 * The user's choice, kept in the settings and shared by every pane.
 */
void
cartable_message_pane_set_text_mode (CartableMessagePane *self,
                                     gboolean             text_mode)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_PANE (self));
  cartable_text_mode_set_active (self->text_mode, text_mode);
}

CartableMessageText *
cartable_message_pane_get_message_text (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), NULL);
  return self->message_text;
}

/**
 * cartable_message_pane_get_body:
 *
 * Returns: (transfer none): the widget that takes the keyboard in the body
 *   shown: the web view, or the text view of the text mode
 */
GtkWidget *
cartable_message_pane_get_body (CartableMessagePane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_PANE (self), NULL);

  if (cartable_text_mode_get_active (self->text_mode))
    return GTK_WIDGET (cartable_message_text_get_text_view (self->message_text));
  return cartable_html_view_get_web_view (self->html_view);
}

static void
cartable_message_pane_dispose (GObject *object)
{
  CartableMessagePane *self = CARTABLE_MESSAGE_PANE (object);

  if (self->text_mode != NULL)
    g_signal_handlers_disconnect_by_data (self->text_mode, self);
  g_clear_object (&self->text_mode);
  g_clear_object (&self->message);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_MESSAGE_PANE);

  G_OBJECT_CLASS (cartable_message_pane_parent_class)->dispose (object);
}

static void
cartable_message_pane_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CartableMessagePane *self = CARTABLE_MESSAGE_PANE (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;
    case PROP_DRAFT:
      g_value_set_boolean (value, self->draft);
      break;
    case PROP_TEXT_MODE:
      g_value_set_boolean (value, cartable_text_mode_get_active (self->text_mode));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_pane_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CartableMessagePane *self = CARTABLE_MESSAGE_PANE (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      cartable_message_pane_set_message (self, g_value_get_object (value));
      break;
    case PROP_LARGE:
      cartable_message_pane_set_large (self, g_value_get_boolean (value));
      break;
    case PROP_DRAFT:
      cartable_message_pane_set_draft (self, g_value_get_boolean (value));
      break;
    case PROP_TEXT_MODE:
      cartable_message_pane_set_text_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_pane_class_init (CartableMessagePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_message_pane_dispose;
  object_class->get_property = cartable_message_pane_get_property;
  object_class->set_property = cartable_message_pane_set_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, CARTABLE_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
    g_param_spec_boolean ("draft", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TEXT_MODE] =
    g_param_spec_boolean ("text-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARTABLE_TYPE_HTML_VIEW);
  g_type_ensure (CARTABLE_TYPE_MESSAGE_TEXT);
  g_type_ensure (CARTABLE_TYPE_CONVERSATION);
  g_type_ensure (CARTABLE_TYPE_MESSAGE_HEADER);
  g_type_ensure (CARTABLE_TYPE_ATTACHMENT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-message-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, layout);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, conversation);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, header);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, reply_bar);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, resume_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, reply_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, reply_all_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, forward_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, header_separator);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, body_frame);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, body_box);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, html_view);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, message_text);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, attachments_revealer);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, attachments_separator);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, attachments_scroller);
  gtk_widget_class_bind_template_child (widget_class, CartableMessagePane, attachment_list);
}

static void
cartable_message_pane_init (CartableMessagePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* On while a screen reader runs, until the user chooses. */
  self->text_mode = cartable_text_mode_new ();
  g_signal_connect (self->text_mode, "notify::active", G_CALLBACK (text_mode_changed_cb), self);
  show_size (self);
  show_body (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-conversation-card"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-conversation-card.h"
#include "cartable-html-view.h"
#include "cartable-mail-display.h"
#include "cartable-mail-format.h"
#include "cartable-message-header.h"

/* How many characters of the message a folded card shows. */
#define SNIPPET_CHARS 160

struct _CartableConversationCard
{
  GtkWidget               parent_instance;

  CartableMessageSummary *summary;
  CartableMessage        *message;
  gboolean                expanded;
  gboolean                large;       /* the simple version's larger text */

  GtkButton              *summary_button;
  GtkLabel               *sender_label;
  GtkLabel               *snippet_label;
  GtkLabel               *date_label;
  GtkWidget              *body_box;
  CartableMessageHeader  *header;
  GtkFrame               *body_frame;
  CartableHtmlView       *html_view;   /* made on the first unfolding */
};

G_DEFINE_FINAL_TYPE (CartableConversationCard, cartable_conversation_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_MESSAGE,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_summary (CartableConversationCard *self)
{
  g_autofree char *sender = cartable_mail_display_sender (cartable_message_summary_get_from (self->summary));
  g_autofree char *date = NULL;
  g_autofree char *snippet = NULL;
  g_autofree char *accessible = NULL;
  gboolean unread = !cartable_message_summary_get_seen (self->summary);

  if (cartable_message_summary_get_date (self->summary) > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (cartable_message_summary_get_date (self->summary));
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = cartable_mail_format_date (local, now);
    }
  if (self->message != NULL && cartable_message_get_text_body (self->message) != NULL)
    snippet = cartable_mail_format_snippet (cartable_message_get_text_body (self->message), SNIPPET_CHARS);
  else if (self->message != NULL && cartable_message_get_html_body (self->message) != NULL)
    {
      g_autofree char *text = cartable_mail_format_html_to_text (cartable_message_get_html_body (self->message));

      snippet = cartable_mail_format_snippet (text, SNIPPET_CHARS);
    }

  gtk_label_set_text (self->sender_label, sender);
  gtk_label_set_text (self->date_label, date != NULL ? date : "");
  /* Unfolded, the header below says it all: the line keeps who and when. */
  gtk_label_set_text (self->snippet_label, snippet != NULL && !self->expanded ? snippet : "");
  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self->sender_label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sender_label), "heading");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_button),
                               self->expanded ? _("Fold this message") : _("Show this message"));
  /* Translators: a message of a conversation, for screen readers: the
   * sender, then the date. */
  accessible = g_strdup_printf (_("Message from %s, %s"), sender, date != NULL ? date : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->summary_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, self->expanded, -1);
}

/* The header and the body, once unfolded with its message at hand: the
 * web view is made then, not before (each costs a web process's work). */
static void
show_body (CartableConversationCard *self)
{
  gboolean shown = self->expanded && self->message != NULL;

  gtk_widget_set_visible (self->body_box, shown);
  if (!shown)
    return;

  if (self->html_view == NULL)
    {
      self->html_view = cartable_html_view_new ();
      cartable_html_view_set_text_scale (self->html_view, self->large ? 1.2 : 1.0);
      gtk_frame_set_child (self->body_frame, GTK_WIDGET (self->html_view));
      cartable_message_header_set_html_view (self->header, self->html_view);
    }
  if (cartable_message_header_get_message (self->header) != self->message)
    cartable_message_header_set_message (self->header, self->message);
}

CartableMessageSummary *
cartable_conversation_card_get_summary (CartableConversationCard *self)
{
  g_return_val_if_fail (CARTABLE_IS_CONVERSATION_CARD (self), NULL);
  return self->summary;
}

CartableMessage *
cartable_conversation_card_get_message (CartableConversationCard *self)
{
  g_return_val_if_fail (CARTABLE_IS_CONVERSATION_CARD (self), NULL);
  return self->message;
}

void
cartable_conversation_card_set_message (CartableConversationCard *self,
                                        CartableMessage          *message)
{
  g_return_if_fail (CARTABLE_IS_CONVERSATION_CARD (self));
  g_return_if_fail (message == NULL || CARTABLE_IS_MESSAGE (message));

  if (!g_set_object (&self->message, message))
    return;
  show_summary (self);
  show_body (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

gboolean
cartable_conversation_card_get_expanded (CartableConversationCard *self)
{
  g_return_val_if_fail (CARTABLE_IS_CONVERSATION_CARD (self), FALSE);
  return self->expanded;
}

void
cartable_conversation_card_set_expanded (CartableConversationCard *self,
                                         gboolean                  expanded)
{
  g_return_if_fail (CARTABLE_IS_CONVERSATION_CARD (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;
  if (expanded)
    gtk_widget_add_css_class (GTK_WIDGET (self), "expanded");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "expanded");
  show_summary (self);
  show_body (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/* The simple version's card: its line, header and text as large as the
 * message below it. */
void
cartable_conversation_card_set_large (CartableConversationCard *self,
                                      gboolean                  large)
{
  g_return_if_fail (CARTABLE_IS_CONVERSATION_CARD (self));

  self->large = !!large;
  if (self->large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");
  cartable_message_header_set_large (self->header, self->large);
  if (self->html_view != NULL)
    cartable_html_view_set_text_scale (self->html_view, self->large ? 1.2 : 1.0);
}

gboolean
cartable_conversation_card_get_large (CartableConversationCard *self)
{
  g_return_val_if_fail (CARTABLE_IS_CONVERSATION_CARD (self), FALSE);
  return self->large;
}

GtkWidget *
cartable_conversation_card_get_html_view (CartableConversationCard *self)
{
  g_return_val_if_fail (CARTABLE_IS_CONVERSATION_CARD (self), NULL);
  return self->html_view != NULL ? GTK_WIDGET (self->html_view) : NULL;
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CartableConversationCard *self = CARTABLE_CONVERSATION_CARD (widget);

  cartable_conversation_card_set_expanded (self, !self->expanded);
}

static void
cartable_conversation_card_dispose (GObject *object)
{
  CartableConversationCard *self = CARTABLE_CONVERSATION_CARD (object);

  if (self->header != NULL)
    cartable_message_header_set_html_view (self->header, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_CONVERSATION_CARD);
  self->html_view = NULL;
  g_clear_object (&self->message);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (cartable_conversation_card_parent_class)->dispose (object);
}

static void
cartable_conversation_card_constructed (GObject *object)
{
  CartableConversationCard *self = CARTABLE_CONVERSATION_CARD (object);

  G_OBJECT_CLASS (cartable_conversation_card_parent_class)->constructed (object);

  g_assert (self->summary != NULL);
  show_summary (self);
}

static void
cartable_conversation_card_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CartableConversationCard *self = CARTABLE_CONVERSATION_CARD (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_conversation_card_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CartableConversationCard *self = CARTABLE_CONVERSATION_CARD (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      self->summary = g_value_dup_object (value);
      break;
    case PROP_MESSAGE:
      cartable_conversation_card_set_message (self, g_value_get_object (value));
      break;
    case PROP_EXPANDED:
      cartable_conversation_card_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_conversation_card_class_init (CartableConversationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_conversation_card_dispose;
  object_class->constructed = cartable_conversation_card_constructed;
  object_class->get_property = cartable_conversation_card_get_property;
  object_class->set_property = cartable_conversation_card_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, CARTABLE_TYPE_MESSAGE_SUMMARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, CARTABLE_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "card.toggle", NULL, toggle_action);

  g_type_ensure (CARTABLE_TYPE_MESSAGE_HEADER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-conversation-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableConversationCard, summary_button);
  gtk_widget_class_bind_template_child (widget_class, CartableConversationCard, sender_label);
  gtk_widget_class_bind_template_child (widget_class, CartableConversationCard, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, CartableConversationCard, date_label);
  gtk_widget_class_bind_template_child (widget_class, CartableConversationCard, body_box);
  gtk_widget_class_bind_template_child (widget_class, CartableConversationCard, header);
  gtk_widget_class_bind_template_child (widget_class, CartableConversationCard, body_frame);
  gtk_widget_class_set_css_name (widget_class, "conversationcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cartable_conversation_card_init (CartableConversationCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartableConversationCard *
cartable_conversation_card_new (CartableMessageSummary *summary,
                                gboolean                expanded)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_SUMMARY (summary), NULL);

  return g_object_new (CARTABLE_TYPE_CONVERSATION_CARD, "summary", summary, "expanded", expanded, NULL);
}

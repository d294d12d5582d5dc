/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-message-header"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-message-header.h"
#include "cartable-link-opener.h"
#include "cartable-mail-display.h"
#include "cartable-mail-format.h"
#include "common/cartable-remote-senders.h"
#include "mail/cartable-mail-search.h"

/*
 * The header block of the message read, shared by the full version
 * (compact: the subject as a title above From, To, Cc and Date) and the
 * simple one (large: From, the recipient in the sent mail, Subject and
 * Date in bigger rows). Setting the message also loads it into the body
 * view, with its remote content shown only for the senders the user chose;
 * the bar below the rows offers it for this message or for this sender
 * from now on. A link clicked in the body is opened from here too, after
 * its real target is shown when the text says another.
 */
struct _CartableMessageHeader
{
  GtkBox            parent_instance;

  CartableMessage  *message;
  CartableHtmlView *html_view;
  GSettings        *settings;   /* remote-content-senders; NULL without the schema (widget tests) */
  gboolean          large;
  gboolean          show_recipients;
  gboolean          remote_blocked;

  GtkWidget        *header_block;
  GtkLabel         *subject_label;
  GtkGrid          *header_grid;
  GtkInfoBar       *remote_bar;
};

G_DEFINE_FINAL_TYPE (CartableMessageHeader, cartable_message_header, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_HTML_VIEW,
  PROP_LARGE,
  PROP_SHOW_RECIPIENTS,
  PROP_REMOTE_BLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ rows */

static void
add_row (CartableMessageHeader *self,
         int                    row,
         const char            *name,
         const char            *value,
         gboolean               important)
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (name_label), 1);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  /* At most three lines, so a long list of recipients never pushes the
   * body out of the window; the full text is in the tooltip. */
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (value_label), 3);
  gtk_widget_set_tooltip_text (value_label, value);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  if (important)
    gtk_widget_add_css_class (value_label, "heading");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL, -1);
  /* Named after its row, for whoever looks for it (tests). */
  gtk_widget_set_name (value_label, name);
  gtk_grid_attach (self->header_grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (self->header_grid, value_label, 1, row, 1, 1);
}

/* The words searched, marked in the subject as the body view marks them
 * (its highlight), accents and case aside. */
static void
mark_subject (CartableMessageHeader *self)
{
  const char *subject = gtk_label_get_text (self->subject_label);
  const char *words = self->html_view != NULL ? cartable_html_view_get_highlight (self->html_view) : NULL;
  g_autofree char *spelling = words != NULL ? cartable_mail_search_dup_spelling (subject, words) : NULL;
  g_autoptr(PangoAttrList) marks = NULL;

  if (spelling != NULL)
    {
      PangoAttribute *mark = pango_attr_background_new (0xf8f8, 0xe4e4, 0x5c5c);

      mark->start_index = (guint) (strstr (subject, spelling) - subject);
      mark->end_index = mark->start_index + (guint) strlen (spelling);
      marks = pango_attr_list_new ();
      pango_attr_list_insert (marks, mark);
    }
  gtk_label_set_attributes (self->subject_label, marks);
}

static void
html_view_highlight_cb (CartableHtmlView      *view,
                        GParamSpec            *pspec,
                        CartableMessageHeader *self)
{
  mark_subject (self);
}

static void
update_rows (CartableMessageHeader *self)
{
  CartableMessage *message = self->message;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  const char *subject;
  const char *cc;
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->header_grid))) != NULL)
    gtk_grid_remove (self->header_grid, child);

  if (message == NULL)
    {
      gtk_label_set_text (self->subject_label, "");
      return;
    }

  if (cartable_message_get_date (message) != NULL)
    local = g_date_time_to_local (cartable_message_get_date (message));
  date = cartable_mail_format_full_date (local);
  subject = cartable_mail_display_subject (cartable_message_get_subject (message));
  cc = cartable_message_get_cc (message);

  gtk_label_set_text (self->subject_label, subject);
  mark_subject (self);
  gtk_widget_set_visible (GTK_WIDGET (self->subject_label), !self->large);

  add_row (self, row++, _("From"), cartable_message_get_from (message) ?: "", self->large);
  if (self->show_recipients)
    add_row (self, row++, _("To"), cartable_message_get_to (message) ?: "", self->large);
  /* The simple version keeps to who the message went to. */
  if (self->show_recipients && !self->large && cc != NULL && *cc != '\0')
    add_row (self, row++, _("Cc"), cc, FALSE);
  if (self->large)
    add_row (self, row++, _("Subject"), subject, TRUE);
  add_row (self, row++, _("Date"), date, FALSE);
}

static void
update_look (CartableMessageHeader *self)
{
  int side = self->large ? 0 : 18;
  int top = self->large ? 0 : 12;

  gtk_widget_set_margin_start (self->header_block, side);
  gtk_widget_set_margin_end (self->header_block, side);
  gtk_widget_set_margin_top (self->header_block, top);
  gtk_widget_set_margin_bottom (self->header_block, top);
  gtk_box_set_spacing (GTK_BOX (self), self->large ? 12 : 0);
  gtk_grid_set_row_spacing (self->header_grid, self->large ? 6 : 2);
  if (self->large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");
}

/* ------------------------------------------------------------ remote content */

static void
update_remote (CartableMessageHeader *self)
{
  gboolean blocked = self->message != NULL && self->html_view != NULL &&
                     cartable_html_view_get_has_remote_content (self->html_view) &&
                     !cartable_html_view_get_remote_allowed (self->html_view);

  gtk_info_bar_set_revealed (self->remote_bar, blocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message-header.show-remote-content", blocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message-header.always-show-remote-content",
                                 blocked && self->settings != NULL);

  if (self->remote_blocked == blocked)
    return;
  self->remote_blocked = blocked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_BLOCKED]);
}

static void
html_view_remote_cb (CartableHtmlView      *view,
                     GParamSpec            *pspec,
                     CartableMessageHeader *self)
{
  update_remote (self);
}

/* The bar's buttons: once, or always for this sender. */
static void
link_activated_cb (CartableHtmlView      *view,
                   const char            *uri,
                   const char            *label,
                   CartableMessageHeader *self)
{
  cartable_link_opener_open (GTK_WIDGET (self), uri, label);
}

static void
show_remote_content_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  cartable_message_header_allow_remote_content (CARTABLE_MESSAGE_HEADER (widget),
                                                g_str_equal (action_name,
                                                             "message-header.always-show-remote-content"));
}

/* ------------------------------------------------------------ object */

static void
cartable_message_header_dispose (GObject *object)
{
  CartableMessageHeader *self = CARTABLE_MESSAGE_HEADER (object);

  cartable_message_header_set_html_view (self, NULL);
  g_clear_object (&self->message);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_MESSAGE_HEADER);

  G_OBJECT_CLASS (cartable_message_header_parent_class)->dispose (object);
}

static void
cartable_message_header_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CartableMessageHeader *self = CARTABLE_MESSAGE_HEADER (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    case PROP_HTML_VIEW:
      g_value_set_object (value, self->html_view);
      break;
    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;
    case PROP_SHOW_RECIPIENTS:
      g_value_set_boolean (value, self->show_recipients);
      break;
    case PROP_REMOTE_BLOCKED:
      g_value_set_boolean (value, self->remote_blocked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_header_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CartableMessageHeader *self = CARTABLE_MESSAGE_HEADER (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      cartable_message_header_set_message (self, g_value_get_object (value));
      break;
    case PROP_HTML_VIEW:
      cartable_message_header_set_html_view (self, g_value_get_object (value));
      break;
    case PROP_LARGE:
      cartable_message_header_set_large (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_RECIPIENTS:
      cartable_message_header_set_show_recipients (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_header_class_init (CartableMessageHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_message_header_dispose;
  object_class->get_property = cartable_message_header_get_property;
  object_class->set_property = cartable_message_header_set_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, CARTABLE_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The view that shows the body, and blocks its remote content. */
  properties[PROP_HTML_VIEW] =
    g_param_spec_object ("html-view", NULL, NULL, CARTABLE_TYPE_HTML_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The simple version's look: the subject as a row, bigger rows. */
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the recipients have rows. */
  properties[PROP_SHOW_RECIPIENTS] =
    g_param_spec_boolean ("show-recipients", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The body has remote content, blocked: the bar is shown. */
  properties[PROP_REMOTE_BLOCKED] =
    g_param_spec_boolean ("remote-blocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-message-header.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMessageHeader, header_block);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageHeader, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageHeader, header_grid);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageHeader, remote_bar);

  gtk_widget_class_install_action (widget_class, "message-header.show-remote-content", NULL,
                                   show_remote_content_action);
  gtk_widget_class_install_action (widget_class, "message-header.always-show-remote-content", NULL,
                                   show_remote_content_action);
}

static void
cartable_message_header_init (CartableMessageHeader *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->show_recipients = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The senders whose remote content is always shown, shared by both
   * versions (no schema in widget tests without the application). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "remote-content-senders"))
    self->settings = g_settings_new_full (schema, NULL, NULL);

  update_look (self);
  update_remote (self);
}

CartableMessageHeader *
cartable_message_header_new (void)
{
  return g_object_new (CARTABLE_TYPE_MESSAGE_HEADER, NULL);
}

CartableMessage *
cartable_message_header_get_message (CartableMessageHeader *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_HEADER (self), NULL);
  return self->message;
}

/**
 * cartable_message_header_set_message:
 * @message: (nullable): the message read
 *
 * Shows the header rows of @message and loads it into the body view, its
 * remote content blocked unless the user chose always to show it for its
 * sender.
 */
void
cartable_message_header_set_message (CartableMessageHeader *self,
                                     CartableMessage       *message)
{
  gboolean changed;

  g_return_if_fail (CARTABLE_IS_MESSAGE_HEADER (self));
  g_return_if_fail (message == NULL || CARTABLE_IS_MESSAGE (message));

  /* The same message again (opened anew) is loaded anew: what was allowed
   * once is blocked again. */
  changed = g_set_object (&self->message, message);
  update_rows (self);

  gtk_info_bar_set_revealed (self->remote_bar, FALSE);
  if (message != NULL && self->html_view != NULL)
    cartable_html_view_load_message (self->html_view, message,
                                     cartable_remote_senders_allows (self->settings,
                                                                     cartable_message_get_from (message)));
  update_remote (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

CartableHtmlView *
cartable_message_header_get_html_view (CartableMessageHeader *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_HEADER (self), NULL);
  return self->html_view;
}

void
cartable_message_header_set_html_view (CartableMessageHeader *self,
                                       CartableHtmlView      *html_view)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_HEADER (self));
  g_return_if_fail (html_view == NULL || CARTABLE_IS_HTML_VIEW (html_view));

  if (self->html_view == html_view)
    return;

  if (self->html_view != NULL)
    g_signal_handlers_disconnect_by_data (self->html_view, self);
  g_set_object (&self->html_view, html_view);
  if (html_view != NULL)
    {
      g_signal_connect (html_view, "notify::has-remote-content", G_CALLBACK (html_view_remote_cb), self);
      g_signal_connect (html_view, "notify::remote-allowed", G_CALLBACK (html_view_remote_cb), self);
      g_signal_connect (html_view, "link-activated", G_CALLBACK (link_activated_cb), self);
      g_signal_connect (html_view, "notify::highlight", G_CALLBACK (html_view_highlight_cb), self);
    }
  update_remote (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTML_VIEW]);
}

gboolean
cartable_message_header_get_large (CartableMessageHeader *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_HEADER (self), FALSE);
  return self->large;
}

void
cartable_message_header_set_large (CartableMessageHeader *self,
                                   gboolean               large)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_HEADER (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  update_look (self);
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}

gboolean
cartable_message_header_get_show_recipients (CartableMessageHeader *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_HEADER (self), FALSE);
  return self->show_recipients;
}

void
cartable_message_header_set_show_recipients (CartableMessageHeader *self,
                                             gboolean               show_recipients)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_HEADER (self));

  show_recipients = !!show_recipients;
  if (self->show_recipients == show_recipients)
    return;

  self->show_recipients = show_recipients;
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_RECIPIENTS]);
}

/* Whether the body's remote content is blocked (and the bar shown). */
gboolean
cartable_message_header_get_remote_blocked (CartableMessageHeader *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_HEADER (self), FALSE);
  return self->remote_blocked;
}

/* Whether the remote content can be shown now, and, with @always, be
 * remembered for the sender. */
gboolean
cartable_message_header_can_allow_remote_content (CartableMessageHeader *self,
                                                  gboolean               always)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_HEADER (self), FALSE);
  return self->remote_blocked && (!always || self->settings != NULL);
}

/**
 * cartable_message_header_allow_remote_content:
 * @always: remember the sender: its next messages show their remote
 *   content without asking, in both versions
 *
 * Shows the blocked remote content of the message read.
 */
void
cartable_message_header_allow_remote_content (CartableMessageHeader *self,
                                              gboolean               always)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_HEADER (self));

  if (self->html_view == NULL || self->message == NULL)
    return;

  if (always)
    {
      g_auto(GStrv) senders = NULL;
      g_auto(GStrv) updated = NULL;

      if (self->settings == NULL)
        return;
      senders = g_settings_get_strv (self->settings, "remote-content-senders");
      updated = cartable_remote_senders_add ((const char * const *) senders,
                                             cartable_message_get_from (self->message));
      g_settings_set_strv (self->settings, "remote-content-senders", (const char * const *) updated);
    }

  cartable_html_view_allow_remote_content (self->html_view);
  update_remote (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-composer-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "common/cartable-announcer.h"
#include "cartable-composer-window.h"
#include "shell/cartable-toast.h"
#include "mail/cartable-address-completion.h"
#include "common/cartable-dialog-choice.h"
#include "common/cartable-regions.h"
#include "mail/cartable-composer-format.h"
#include "mail/cartable-link-dialog.h"
#include "mail/cartable-send-later-dialog.h"

/*
 * The composer: a window over a CartableComposer model. Every edit is
 * copied into the model (which CartableDrafts saves a few seconds later);
 * sending builds the message, queues it in the outbox with the undo delay
 * (or a chosen time) and hides the window while the main window shows
 * « Message envoyé — Annuler »: « Annuler » takes the message back out of
 * the outbox and shows the same window again, as it was.
 *
 * The body is a GtkTextView whose tags are the formatting: "bold",
 * "italic", "underline", "bullet" (whole lines starting with "• ") and one
 * "link-N" tag per link, carrying its target. When sending they become the
 * HTML alternative and the plain text (cartable-composer-format.c).
 */

typedef struct
{
  char    *name;    /* NULL: carried over from the original (a forward) */
  guint64  size;
} Attachment;

static void
attachment_free (gpointer data)
{
  Attachment *attachment = data;

  g_free (attachment->name);
  g_free (attachment);
}

struct _CartableComposerWindow
{
  AdwWindow           parent_instance;

  GtkLabel           *from_label;
  GtkEntry           *to_entry;
  GtkEntry           *cc_entry;
  GtkEntry           *bcc_entry;
  GtkEntry           *subject_entry;
  GtkTextView        *body_view;
  GtkListBox         *attachment_list;
  GtkWidget          *fields;    /* regions for F6, with the body and the list */
  GtkWidget          *toolbar;
  GtkLabel           *size_warning;
  GtkLabel           *draft_label;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  AdwSplitButton     *send_button;

  CartableComposer   *composer;
  CartableOutbox     *outbox;
  CartableDrafts     *drafts;
  GtkTextBuffer      *buffer;
  guint64             max_message_size;

  GSimpleActionGroup *actions;
  GPtrArray          *attachments;
  GHashTable         *known_addresses;  /* completion of To, Cc, Bcc */
  guint               typing_style;
  guint               n_links;
  gboolean            loading;
  gboolean            dirty;
  gboolean            edited;   /* the user changed something since it opened */
  gboolean            tracking;
  GCancellable       *close_question;

  /* While the toast offers to undo the sending. */
  char               *queued_id;
  gboolean            undone;
};

G_DEFINE_FINAL_TYPE (CartableComposerWindow, cartable_composer_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_COMPOSER,
  PROP_OUTBOX,
  PROP_DRAFTS,
  PROP_BUFFER,
  PROP_MAX_MESSAGE_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char            *action;
  const char            *tag;
  CartableComposerStyle  style;
} inline_styles[] = {
  { "bold", "bold", CARTABLE_COMPOSER_STYLE_BOLD },
  { "italic", "italic", CARTABLE_COMPOSER_STYLE_ITALIC },
  { "underline", "underline", CARTABLE_COMPOSER_STYLE_UNDERLINE },
};

/* ------------------------------------------------------------ the model */

typedef struct
{
  GArray    *spans;
  GPtrArray *hrefs;
  char      *text;
  GtkTextBuffer *buffer;
} SpanCollector;

static void
collect_tag (GtkTextTag *tag,
             gpointer    user_data)
{
  SpanCollector *collector = user_data;
  g_autofree char *name = NULL;
  CartableComposerStyle style = 0;
  const char *href = NULL;
  GtkTextIter iter;

  g_object_get (tag, "name", &name, NULL);
  if (name == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (inline_styles); i++)
    if (strcmp (name, inline_styles[i].tag) == 0)
      style = inline_styles[i].style;
  if (strcmp (name, "bullet") == 0)
    style = CARTABLE_COMPOSER_STYLE_BULLET;
  if (g_str_has_prefix (name, "link-"))
    {
      style = CARTABLE_COMPOSER_STYLE_LINK;
      href = g_object_get_data (G_OBJECT (tag), "href");
    }
  if (style == 0)
    return;

  gtk_text_buffer_get_start_iter (collector->buffer, &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    return;

  do
    {
      CartableComposerSpan span = { 0, 0, style, href };
      int start = gtk_text_iter_get_offset (&iter);
      int end;

      if (!gtk_text_iter_has_tag (&iter, tag))
        continue;
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      end = gtk_text_iter_get_offset (&iter);
      span.start = g_utf8_offset_to_pointer (collector->text, start) - collector->text;
      span.end = g_utf8_offset_to_pointer (collector->text, end) - collector->text;
      g_array_append_val (collector->spans, span);
    }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
}

static gboolean
get_plain_text_mode (CartableComposerWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self->actions), "plain-text");

  return state != NULL && g_variant_get_boolean (state);
}

/* Copies what the window shows into the model. */
static void
sync_model (CartableComposerWindow *self)
{
  SpanCollector collector = { 0, };
  GtkTextIter start, end;
  g_autofree char *plain = NULL;

  if (self->loading)
    return;

  cartable_composer_set_recipients (self->composer, GMIME_ADDRESS_TYPE_TO, gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
  cartable_composer_set_recipients (self->composer, GMIME_ADDRESS_TYPE_CC, gtk_editable_get_text (GTK_EDITABLE (self->cc_entry)));
  cartable_composer_set_recipients (self->composer, GMIME_ADDRESS_TYPE_BCC, gtk_editable_get_text (GTK_EDITABLE (self->bcc_entry)));
  cartable_composer_set_subject (self->composer, gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  collector.text = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
  collector.buffer = self->buffer;
  collector.spans = g_array_new (FALSE, FALSE, sizeof (CartableComposerSpan));

  if (get_plain_text_mode (self))
    {
      cartable_composer_set_body (self->composer, collector.text);
      cartable_composer_set_html_body (self->composer, NULL);
    }
  else
    {
      g_autofree char *html = NULL;
      gboolean formatted;

      gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (self->buffer), collect_tag, &collector);
      formatted = collector.spans->len > 0;
      plain = cartable_composer_format_plain_text (collector.text, (CartableComposerSpan *) (gpointer) collector.spans->data,
                                                   collector.spans->len);
      cartable_composer_set_body (self->composer, plain);
      /* Unformatted text goes as plain text only. */
      if (formatted)
        html = cartable_composer_format_html (collector.text, (CartableComposerSpan *) (gpointer) collector.spans->data,
                                              collector.spans->len);
      cartable_composer_set_html_body (self->composer, html);
    }

  g_array_unref (collector.spans);
  g_free (collector.text);
}

static void
changed_cb (CartableComposerWindow *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  self->edited = TRUE;
  sync_model (self);
}

static void show_error (CartableComposerWindow *self,
                        const char             *text);

/* A field with a wrong address turns red with a warning icon whose tooltip
 * (and accessible description) says what is wrong: nothing appears under
 * it, so the form does not jump. */
static void
mark_addresses (GtkEntry   *entry,
                const char *problem)
{
  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, "dialog-warning-symbolic");
      gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
check_addresses (GtkEntry *entry)
{
  g_autofree char *problem = cartable_composer_check_addresses (gtk_editable_get_text (GTK_EDITABLE (entry)));

  mark_addresses (entry, problem);
}

/* Addresses are checked when the field is left (or on sending), not while
 * the first word is being typed. */
static void
address_field_left_cb (GtkEventControllerFocus *controller,
                       CartableComposerWindow  *self)
{
  check_addresses (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
recipients_changed_cb (GtkEntry               *entry,
                       CartableComposerWindow *self)
{
  /* A field marked wrong says so until it is right, and no longer. */
  if (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"))
    check_addresses (entry);
  /* The sentence of a refused sending is out of date. */
  show_error (self, NULL);
  changed_cb (self);
}

static void
show_error (CartableComposerWindow *self,
            const char             *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}

/* ------------------------------------------------------------ attachments */

static void
update_size_warning (CartableComposerWindow *self)
{
  guint64 total = 0;
  g_autofree char *warning = NULL;

  for (guint i = 0; i < self->attachments->len; i++)
    total += ((Attachment *) g_ptr_array_index (self->attachments, i))->size;
  warning = cartable_composer_format_size_warning (total, self->max_message_size);
  gtk_label_set_text (self->size_warning, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->size_warning), warning != NULL);
}

static void rebuild_attachment_rows (CartableComposerWindow *self);

static void
remove_attachment_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CartableComposerWindow *self = user_data;
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->attachments->len)
    return;
  cartable_composer_remove_attachment (self->composer, index);
  g_ptr_array_remove_index (self->attachments, index);
  self->dirty = TRUE;
  self->edited = TRUE;
  rebuild_attachment_rows (self);
  gtk_widget_grab_focus (self->attachments->len > 0 ? GTK_WIDGET (self->attachment_list) : GTK_WIDGET (self->body_view));
}

static void
rebuild_attachment_rows (CartableComposerWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attachment_list))) != NULL)
    gtk_list_box_remove (self->attachment_list, child);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);
      const char *name = attachment->name ? attachment->name : _("Attachment of the original message");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove %s"), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (attachment->name != NULL)
        {
          g_autofree char *size = cartable_composer_format_size (attachment->size);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
        }
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "mail-attachment-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "composer.remove-attachment");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_list_box_append (self->attachment_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attachment_list), self->attachments->len > 0);
  update_size_warning (self);
}

/**
 * cartable_composer_window_add_file:
 * @file: a file to attach
 *
 * Attaches @file (read now, byte for byte) and lists it.
 *
 * Returns: %TRUE, or %FALSE with @error set when it cannot be read
 */
gboolean
cartable_composer_window_add_file (CartableComposerWindow  *self,
                                   GFile                   *file,
                                   GError                 **error)
{
  g_autoptr(GFileInfo) info = NULL;
  Attachment *attachment;

  g_return_val_if_fail (CARTABLE_IS_COMPOSER_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder: only files can be attached."),
                   g_file_info_get_display_name (info));
      return FALSE;
    }
  if (!cartable_composer_add_attachment_file (self->composer, file, NULL, error))
    return FALSE;

  attachment = g_new0 (Attachment, 1);
  attachment->name = g_strdup (g_file_info_get_display_name (info));
  attachment->size = g_file_info_get_size (info);
  g_ptr_array_add (self->attachments, attachment);
  self->dirty = TRUE;
  self->edited = TRUE;
  rebuild_attachment_rows (self);
  return TRUE;
}

static void
add_files (CartableComposerWindow *self,
           GSList                 *files)
{
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      if (!cartable_composer_window_add_file (self, l->data, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The file could not be attached: %s"), error->message);
          show_error (self, text);
        }
    }
}

static void
chooser_response_cb (GtkNativeDialog        *chooser,
                     int                     response,
                     CartableComposerWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      add_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
attach_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CartableComposerWindow *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget          *target,
         const GValue           *value,
         double                  x,
         double                  y,
         CartableComposerWindow *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      add_files (self, gdk_file_list_get_files (g_value_get_boxed (value)));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      GSList one = { g_value_get_object (value), NULL };

      add_files (self, &one);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ formatting */

static GtkTextTag *
lookup_tag (CartableComposerWindow *self,
            const char             *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer), name);
}

static void
ensure_tags (CartableComposerWindow *self)
{
  if (lookup_tag (self, "bold") != NULL)
    return;
  gtk_text_buffer_create_tag (self->buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (self->buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (self->buffer, "underline", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (self->buffer, "bullet", "left-margin", 28, "pixels-below-lines", 2, NULL);
}

/* Sets the toggle buttons after the text at the cursor, without changing
 * the text. */
static void
update_style_states (CartableComposerWindow *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  self->typing_style = 0;
  for (guint i = 0; i < G_N_ELEMENTS (inline_styles); i++)
    {
      GtkTextIter before = iter;
      GtkTextTag *tag = lookup_tag (self, inline_styles[i].tag);
      gboolean on;
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), inline_styles[i].action);

      /* The style of the text just typed continues. */
      if (!gtk_text_iter_is_start (&before))
        gtk_text_iter_backward_char (&before);
      on = gtk_text_iter_has_tag (&before, tag);
      if (on)
        self->typing_style |= inline_styles[i].style;
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (on));
    }
}

static void
mark_set_cb (GtkTextBuffer          *buffer,
             const GtkTextIter      *location,
             GtkTextMark            *mark,
             CartableComposerWindow *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    update_style_states (self);
}

static void
insert_text_after_cb (GtkTextBuffer          *buffer,
                      GtkTextIter            *location,
                      const char             *text,
                      int                     length,
                      CartableComposerWindow *self)
{
  int end_offset = gtk_text_iter_get_offset (location);
  int start_offset = end_offset - (int) g_utf8_strlen (text, length);
  GtkTextIter start, end, line;

  if (self->loading)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset);
  for (guint i = 0; i < G_N_ELEMENTS (inline_styles); i++)
    if (self->typing_style & inline_styles[i].style)
      gtk_text_buffer_apply_tag (buffer, lookup_tag (self, inline_styles[i].tag), &start, &end);

  /* Text typed in a list item belongs to it. */
  line = start;
  gtk_text_iter_set_line_offset (&line, 0);
  if (gtk_text_iter_has_tag (&line, lookup_tag (self, "bullet")) && strchr (text, '\n') == NULL)
    gtk_text_buffer_apply_tag (buffer, lookup_tag (self, "bullet"), &start, &end);

  gtk_text_buffer_get_iter_at_offset (buffer, location, end_offset);
}

static void
change_style_state (GSimpleAction *action,
                    GVariant      *state,
                    gpointer       user_data)
{
  CartableComposerWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  gboolean on = g_variant_get_boolean (state);
  GtkTextIter start, end;

  g_simple_action_set_state (action, state);
  for (guint i = 0; i < G_N_ELEMENTS (inline_styles); i++)
    {
      if (strcmp (name, inline_styles[i].action) != 0)
        continue;

      if (on)
        self->typing_style |= inline_styles[i].style;
      else
        self->typing_style &= ~inline_styles[i].style;

      if (gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
        {
          if (on)
            gtk_text_buffer_apply_tag (self->buffer, lookup_tag (self, inline_styles[i].tag), &start, &end);
          else
            gtk_text_buffer_remove_tag (self->buffer, lookup_tag (self, inline_styles[i].tag), &start, &end);
          changed_cb (self);
        }
    }
}

static gboolean
line_is_bullet (CartableComposerWindow *self,
                GtkTextIter            *line_start)
{
  GtkTextIter end = *line_start;
  g_autofree char *prefix = NULL;

  gtk_text_iter_forward_chars (&end, g_utf8_strlen (CARTABLE_COMPOSER_BULLET, -1));
  prefix = gtk_text_iter_get_text (line_start, &end);
  return g_strcmp0 (prefix, CARTABLE_COMPOSER_BULLET) == 0 &&
         gtk_text_iter_has_tag (line_start, lookup_tag (self, "bullet"));
}

static void
set_line_bullet (CartableComposerWindow *self,
                 int                     line,
                 gboolean                bullet)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (self->buffer, &start, line);
  if (line_is_bullet (self, &start) == bullet)
    return;

  if (bullet)
    {
      gtk_text_buffer_insert (self->buffer, &start, CARTABLE_COMPOSER_BULLET, -1);
      gtk_text_buffer_get_iter_at_line (self->buffer, &start, line);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_apply_tag (self->buffer, lookup_tag (self, "bullet"), &start, &end);
    }
  else
    {
      end = start;
      gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_remove_tag (self->buffer, lookup_tag (self, "bullet"), &start, &end);
      gtk_text_buffer_get_iter_at_line (self->buffer, &start, line);
      end = start;
      gtk_text_iter_forward_chars (&end, g_utf8_strlen (CARTABLE_COMPOSER_BULLET, -1));
      gtk_text_buffer_delete (self->buffer, &start, &end);
    }
}

static void
bullets_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CartableComposerWindow *self = user_data;
  GtkTextIter start, end;
  int first, last;
  gboolean bullet;

  gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  gtk_text_buffer_get_iter_at_line (self->buffer, &start, first);
  bullet = !line_is_bullet (self, &start);

  gtk_text_buffer_begin_user_action (self->buffer);
  for (int line = first; line <= last; line++)
    set_line_bullet (self, line, bullet);
  gtk_text_buffer_end_user_action (self->buffer);
  changed_cb (self);
}

/* Enter in a list item starts the next one; in an empty item, ends the list. */
static gboolean
body_key_pressed_cb (GtkEventControllerKey  *controller,
                     guint                   keyval,
                     guint                   keycode,
                     GdkModifierType         state,
                     CartableComposerWindow *self)
{
  GtkTextIter cursor, line_start, line_end;
  g_autofree char *line = NULL;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  line_start = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);
  if (!line_is_bullet (self, &line_start))
    return FALSE;

  line_end = line_start;
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  line = gtk_text_iter_get_text (&line_start, &line_end);

  gtk_text_buffer_begin_user_action (self->buffer);
  if (g_strcmp0 (line, CARTABLE_COMPOSER_BULLET) == 0)
    set_line_bullet (self, gtk_text_iter_get_line (&cursor), FALSE);
  else
    {
      int next_line = gtk_text_iter_get_line (&cursor) + 1;

      gtk_text_buffer_insert_at_cursor (self->buffer, "\n", 1);
      set_line_bullet (self, next_line, TRUE);
    }
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_view_scroll_mark_onscreen (self->body_view, gtk_text_buffer_get_insert (self->buffer));
  changed_cb (self);
  return TRUE;
}

static void
link_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CartableComposerWindow) self = user_data;
  CartableLinkDialog *dialog = CARTABLE_LINK_DIALOG (source);
  g_autofree char *response = cartable_dialog_choose_finish (ADW_MESSAGE_DIALOG (dialog), result);
  const char *href = cartable_link_dialog_get_href (dialog);
  g_autofree char *name = NULL;
  GtkTextTag *tag;
  GtkTextIter start, end;

  if (g_strcmp0 (response, "insert") != 0 || href == NULL)
    return;

  name = g_strdup_printf ("link-%u", ++self->n_links);
  tag = gtk_text_buffer_create_tag (self->buffer, name, "underline", PANGO_UNDERLINE_SINGLE,
                                    "foreground", "#1c71d8", NULL);
  g_object_set_data_full (G_OBJECT (tag), "href", g_strdup (href), g_free);

  gtk_text_buffer_begin_user_action (self->buffer);
  if (gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    gtk_text_buffer_apply_tag (self->buffer, tag, &start, &end);
  else
    {
      const char *shown = g_str_has_prefix (href, "mailto:") ? href + strlen ("mailto:") : href;

      gtk_text_buffer_insert_with_tags (self->buffer, &start, shown, -1, tag, NULL);
    }
  gtk_text_buffer_end_user_action (self->buffer);
  changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
link_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CartableComposerWindow *self = user_data;

  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (cartable_link_dialog_new (GTK_WINDOW (self))), NULL,
                                link_chosen_cb, g_object_ref (self));
}

static void
change_plain_text_state (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  CartableComposerWindow *self = user_data;
  gboolean plain = g_variant_get_boolean (state);
  static const char *formatting[] = { "bold", "italic", "underline", "bullets", "link" };

  g_simple_action_set_state (action, state);
  for (guint i = 0; i < G_N_ELEMENTS (formatting); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), formatting[i])),
                                 !plain);
  if (plain)
    {
      GtkTextIter start, end;

      /* Plain text shows what will be sent: no formatting. */
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_all_tags (self->buffer, &start, &end);
      self->typing_style = 0;
      update_style_states (self);
    }
  changed_cb (self);
}

/* ------------------------------------------------------------ drafts */

static void
draft_saved_cb (CartableDrafts         *drafts,
                const char             *draft_id,
                gboolean                on_server,
                CartableComposerWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;

  if (g_strcmp0 (draft_id, cartable_drafts_get_draft_id (drafts, self->composer)) != 0)
    return;
  text = cartable_composer_format_draft_saved (now);
  gtk_label_set_text (self->draft_label, text);
}

static void
start_tracking (CartableComposerWindow *self)
{
  if (self->drafts == NULL || self->tracking)
    return;
  cartable_drafts_track (self->drafts, self->composer);
  self->tracking = TRUE;
}

static void
stop_tracking (CartableComposerWindow *self,
               gboolean                discard)
{
  const char *draft_id;

  if (self->drafts == NULL || !self->tracking)
    return;

  draft_id = cartable_drafts_get_draft_id (self->drafts, self->composer);
  if (discard && draft_id != NULL)
    cartable_drafts_discard_async (self->drafts, draft_id, NULL, NULL, NULL);
  else if (!discard && self->dirty)
    cartable_drafts_save_now (self->drafts, self->composer);
  cartable_drafts_untrack (self->drafts, self->composer);
  self->tracking = FALSE;
}

/* ------------------------------------------------------------ sending */

static void
undo_clicked_cb (AdwToast               *toast,
                 CartableComposerWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->queued_id == NULL)
    return;

  if (!cartable_outbox_cancel (self->outbox, self->queued_id, &error))
    {
      /* Too late: the server has it, or is receiving it right now. */
      AdwToast *late = adw_toast_new (_("Too late: the message has already left."));

      g_debug ("cannot cancel %s: %s", self->queued_id, error->message);
      if (parent != NULL)
        cartable_toast_show (GTK_WIDGET (parent), late);
      else
        g_object_unref (late);
      return;
    }

  self->undone = TRUE;
  g_clear_pointer (&self->queued_id, g_free);
  start_tracking (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
toast_dismissed_cb (AdwToast               *toast,
                    CartableComposerWindow *self)
{
  if (self->undone)
    {
      self->undone = FALSE;
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
parent_destroyed_cb (CartableComposerWindow *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_destroy (GTK_WINDOW (self));
}

static char *
check_recipients (CartableComposerWindow *self,
                  GtkWidget             **wrong)
{
  GtkEntry *entries[] = { self->to_entry, self->cc_entry, self->bcc_entry };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entries[i]));
      char *hint = cartable_composer_check_addresses (text);

      if (hint != NULL)
        {
          *wrong = GTK_WIDGET (entries[i]);
          return hint;
        }
      if (strpbrk (text, "@") != NULL)
        any = TRUE;
    }

  if (!any)
    {
      *wrong = GTK_WIDGET (self->to_entry);
      return g_strdup (_("Add at least one recipient in “To”."));
    }
  return NULL;
}

static void
send_message (CartableComposerWindow *self,
              gint64                  send_at)
{
  g_autoptr(GMimeMessage) message = NULL;
  CartableOutboxItem *item;   /* the outbox's */
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *title = NULL;
  GtkWidget *wrong = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean now = send_at == 0;
  AdwToast *toast;

  if (self->queued_id != NULL)
    return;

  hint = check_recipients (self, &wrong);
  if (hint != NULL)
    {
      mark_addresses (GTK_ENTRY (wrong), hint);
      show_error (self, hint);
      gtk_widget_grab_focus (wrong);
      return;
    }

  sync_model (self);
  message = cartable_composer_build (self->composer, &error);
  if (message == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The message could not be prepared: %s"), error->message);
      show_error (self, text);
      return;
    }

  if (now)
    send_at = g_get_real_time () / G_USEC_PER_SEC + CARTABLE_DEFAULT_UNDO_DELAY_SECONDS;
  item = cartable_outbox_queue (self->outbox, message, send_at, &error);
  if (item == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The message could not be put in the outbox: %s"), error->message);
      show_error (self, text);
      return;
    }

  show_error (self, NULL);
  self->queued_id = g_strdup (cartable_outbox_item_get_id (item));
  stop_tracking (self, TRUE);
  self->dirty = FALSE;

  /* Not « sent » yet: the session says so once the server has it. */
  if (now)
    title = g_strdup_printf (_("Sending in %d s…"), CARTABLE_DEFAULT_UNDO_DELAY_SECONDS);
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (send_at);
      g_autoptr(GDateTime) current = g_date_time_new_now_local ();
      g_autofree char *at = cartable_composer_format_send_at (when, current);

      /* Translators: %s is "tomorrow at 7:30" and the like. */
      title = g_strdup_printf (_("Message scheduled for %s"), at);
    }

  if (parent == NULL || cartable_toast_find_overlay (GTK_WIDGET (parent)) == NULL)
    {
      g_clear_pointer (&self->queued_id, g_free);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (now)
    adw_toast_set_timeout (toast, CARTABLE_DEFAULT_UNDO_DELAY_SECONDS);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  cartable_toast_show (GTK_WIDGET (parent), toast);
}

static void
send_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  send_message (user_data, 0);
}

static void
send_tomorrow_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = cartable_composer_tomorrow_at (now, 7, 30);

  send_message (user_data, g_date_time_to_unix (when));
}

static void
send_later_chosen_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CartableComposerWindow) self = user_data;
  CartableSendLaterDialog *dialog = CARTABLE_SEND_LATER_DIALOG (source);
  g_autofree char *response = cartable_dialog_choose_finish (ADW_MESSAGE_DIALOG (dialog), result);
  gint64 send_at = cartable_send_later_dialog_get_send_at (dialog);
  const char *problem;

  if (g_strcmp0 (response, "schedule") != 0)
    return;

  /* The time may have passed while the dialog stayed open. */
  problem = cartable_send_later_problem (send_at, g_get_real_time () / G_USEC_PER_SEC);
  if (problem != NULL)
    {
      show_error (self, problem);
      return;
    }
  send_message (self, send_at);
}

static void
send_later_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CartableComposerWindow *self = user_data;

  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (cartable_send_later_dialog_new (GTK_WINDOW (self))), NULL,
                                send_later_chosen_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ loading */

static void
load_model (CartableComposerWindow *self,
            gboolean                with_body)
{
  const char *name = cartable_composer_get_from_name (self->composer);
  const char *address = cartable_composer_get_from_address (self->composer);
  g_autofree char *to = cartable_composer_dup_recipients (self->composer, GMIME_ADDRESS_TYPE_TO);
  g_autofree char *cc = cartable_composer_dup_recipients (self->composer, GMIME_ADDRESS_TYPE_CC);
  g_autofree char *bcc = cartable_composer_dup_recipients (self->composer, GMIME_ADDRESS_TYPE_BCC);
  g_autofree char *from = NULL;
  guint n_attachments = cartable_composer_get_n_attachments (self->composer);

  self->loading = TRUE;
  if (name != NULL && *name != '\0')
    from = g_strdup_printf ("%s <%s>", name, address ? address : "");
  else
    from = g_strdup (address ? address : "");
  gtk_label_set_text (self->from_label, from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to ? to : "");
  gtk_editable_set_text (GTK_EDITABLE (self->cc_entry), cc ? cc : "");
  gtk_editable_set_text (GTK_EDITABLE (self->bcc_entry), bcc ? bcc : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), cartable_composer_get_subject (self->composer) ?: "");
  if (with_body)
    {
      const char *body = cartable_composer_get_body (self->composer);
      GtkTextIter start;

      gtk_text_buffer_set_text (self->buffer, body ? body : "", -1);
      /* A reply starts above the quote. */
      gtk_text_buffer_get_start_iter (self->buffer, &start);
      gtk_text_buffer_place_cursor (self->buffer, &start);
    }

  /* Attachments already in the model (a forward, a draft). */
  for (guint i = self->attachments->len; i < n_attachments; i++)
    {
      Attachment *attachment = g_new0 (Attachment, 1);

      attachment->name = g_strdup (cartable_composer_get_attachment_filename (self->composer, i));
      attachment->size = cartable_composer_get_attachment_size (self->composer, i);
      g_ptr_array_add (self->attachments, attachment);
    }
  self->loading = FALSE;

  check_addresses (self->to_entry);
  check_addresses (self->cc_entry);
  check_addresses (self->bcc_entry);
  rebuild_attachment_rows (self);
}

static void
update_title (CartableComposerWindow *self)
{
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));

  gtk_window_set_title (GTK_WINDOW (self), subject && *subject ? subject : _("New Message"));
}

static gboolean
close_request_cb (CartableComposerWindow *self)
{
  if (self->queued_id == NULL)
    stop_tracking (self, FALSE);
  return FALSE;
}

static void
cartable_composer_window_constructed (GObject *object)
{
  CartableComposerWindow *self = CARTABLE_COMPOSER_WINDOW (object);
  gboolean with_body = self->buffer == NULL;

  G_OBJECT_CLASS (cartable_composer_window_parent_class)->constructed (object);

  g_assert (self->composer != NULL && self->outbox != NULL);

  if (self->buffer == NULL)
    self->buffer = gtk_text_buffer_new (NULL);
  gtk_text_view_set_buffer (self->body_view, self->buffer);
  ensure_tags (self);
  /* Links already in a buffer handed back (an undone send). */
  while (TRUE)
    {
      g_autofree char *name = g_strdup_printf ("link-%u", self->n_links + 1);
      if (lookup_tag (self, name) == NULL)
        break;
      self->n_links++;
    }

  load_model (self, with_body);
  update_title (self);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (mark_set_cb), self, 0);
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (insert_text_after_cb), self, G_CONNECT_AFTER);
  g_signal_connect_swapped (self->subject_entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->subject_entry, "changed", G_CALLBACK (update_title), self);
  g_signal_connect (self->to_entry, "changed", G_CALLBACK (recipients_changed_cb), self);
  g_signal_connect (self->cc_entry, "changed", G_CALLBACK (recipients_changed_cb), self);
  g_signal_connect (self->bcc_entry, "changed", G_CALLBACK (recipients_changed_cb), self);
  {
    GtkEntry *entries[] = { self->to_entry, self->cc_entry, self->bcc_entry };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect (focus, "leave", G_CALLBACK (address_field_left_cb), self);
        gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
      }
  }

  if (self->drafts != NULL)
    g_signal_connect_object (self->drafts, "saved", G_CALLBACK (draft_saved_cb), self, 0);
  start_tracking (self);

  /* A new message starts on "To", a reply in its text. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->to_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->to_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
cartable_composer_window_dispose (GObject *object)
{
  CartableComposerWindow *self = CARTABLE_COMPOSER_WINDOW (object);

  if (self->queued_id == NULL)
    stop_tracking (self, FALSE);
  g_cancellable_cancel (self->close_question);
  g_clear_object (&self->close_question);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "composer", NULL);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (cartable_composer_window_parent_class)->dispose (object);
}

static void
cartable_composer_window_finalize (GObject *object)
{
  CartableComposerWindow *self = CARTABLE_COMPOSER_WINDOW (object);

  g_clear_object (&self->composer);
  g_clear_object (&self->outbox);
  g_clear_object (&self->drafts);
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->known_addresses, g_hash_table_unref);
  g_free (self->queued_id);

  G_OBJECT_CLASS (cartable_composer_window_parent_class)->finalize (object);
}

static void
cartable_composer_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableComposerWindow *self = CARTABLE_COMPOSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPOSER:
      g_value_set_object (value, self->composer);
      break;
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_DRAFTS:
      g_value_set_object (value, self->drafts);
      break;
    case PROP_BUFFER:
      g_value_set_object (value, self->buffer);
      break;
    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, self->max_message_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_composer_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartableComposerWindow *self = CARTABLE_COMPOSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPOSER:
      self->composer = g_value_dup_object (value);
      break;
    case PROP_OUTBOX:
      self->outbox = g_value_dup_object (value);
      break;
    case PROP_DRAFTS:
      self->drafts = g_value_dup_object (value);
      break;
    case PROP_BUFFER:
      self->buffer = g_value_dup_object (value);
      break;
    case PROP_MAX_MESSAGE_SIZE:
      self->max_message_size = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_composer_window_class_init (CartableComposerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_composer_window_constructed;
  object_class->dispose = cartable_composer_window_dispose;
  object_class->finalize = cartable_composer_window_finalize;
  object_class->get_property = cartable_composer_window_get_property;
  object_class->set_property = cartable_composer_window_set_property;

  properties[PROP_COMPOSER] =
    g_param_spec_object ("composer", NULL, NULL, CARTABLE_TYPE_COMPOSER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, CARTABLE_TYPE_OUTBOX,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFTS] =
    g_param_spec_object ("drafts", NULL, NULL, CARTABLE_TYPE_DRAFTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUFFER] =
    g_param_spec_object ("buffer", NULL, NULL, GTK_TYPE_TEXT_BUFFER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_MESSAGE_SIZE] =
    g_param_spec_uint64 ("max-message-size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARTABLE_TYPE_ANNOUNCER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cartable/Cartable/ui/cartable-composer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, from_label);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, cc_entry);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, bcc_entry);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, body_view);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, attachment_list);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, fields);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, size_warning);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, draft_label);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CartableComposerWindow, send_button);
}

static const GActionEntry action_entries[] = {
  { "send", send_action, NULL, NULL, NULL, { 0 } },
  { "send-tomorrow", send_tomorrow_action, NULL, NULL, NULL, { 0 } },
  { "send-later", send_later_action, NULL, NULL, NULL, { 0 } },
  { "attach", attach_action, NULL, NULL, NULL, { 0 } },
  { "remove-attachment", remove_attachment_action, "u", NULL, NULL, { 0 } },
  { "bold", NULL, NULL, "false", change_style_state, { 0 } },
  { "italic", NULL, NULL, "false", change_style_state, { 0 } },
  { "underline", NULL, NULL, "false", change_style_state, { 0 } },
  { "bullets", bullets_action, NULL, NULL, NULL, { 0 } },
  { "link", link_action, NULL, NULL, NULL, { 0 } },
  { "plain-text", NULL, NULL, "false", change_plain_text_state, { 0 } },
};

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action)));
}

static void
close_answered_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartableComposerWindow) self = user_data;
  g_autofree char *response = cartable_dialog_choose_finish (ADW_MESSAGE_DIALOG (source), result);

  g_clear_object (&self->close_question);
  if (g_strcmp0 (response, "discard") == 0)
    {
      stop_tracking (self, TRUE);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "close") == 0)
    gtk_window_close (GTK_WINDOW (self));
}

/* A message with something written in it is not closed by a stray key:
 * keep writing, close it (kept in the drafts) or delete it. */
static void
ask_close (CartableComposerWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->close_question != NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Close this message?"),
                                                       self->drafts != NULL
                                                       ? _("It is kept in the drafts: you can finish it later.")
                                                       : _("What you wrote will be lost.")));
  adw_message_dialog_add_response (dialog, "keep", _("_Keep Writing"));
  adw_message_dialog_add_response (dialog, "discard", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  if (self->drafts != NULL)
    {
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "close");
    }
  else
    adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");

  self->close_question = g_cancellable_new ();
  cartable_dialog_choose_async (dialog, self->close_question, close_answered_cb, g_object_ref (self));
}

/* Escape closes the address suggestions when they are shown; otherwise it
 * closes an untouched message and asks about one with content. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  CartableComposerWindow *self = CARTABLE_COMPOSER_WINDOW (widget);
  GtkEntry *entries[] = { self->to_entry, self->cc_entry, self->bcc_entry };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (cartable_address_completion_popdown (entries[i]))
      return TRUE;

  if (!self->edited)
    return gtk_widget_activate_action (widget, "window.close", NULL);
  ask_close (self);
  return TRUE;
}

static void
cartable_composer_window_init (CartableComposerWindow *self)
{
  GtkEventController *controller;
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The split button's arrow has only a tooltip: give it a name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->send_button)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Send later"), -1);

  /* F6 from the header to the fields, the toolbar, the text and the
   * attachments; Ctrl+Tab leaves the text, where Tab types a tab. */
  cartable_regions_install (GTK_WINDOW (self));
  cartable_region_mark (gtk_widget_get_ancestor (GTK_WIDGET (self->send_button), ADW_TYPE_HEADER_BAR),
                        CARTABLE_REGION_STOP);
  cartable_region_mark (self->fields, CARTABLE_REGION_STOP);
  cartable_region_mark (self->toolbar, CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->body_view), CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->attachment_list), CARTABLE_REGION_STOP | CARTABLE_REGION_ONE_STOP);

  self->attachments = g_ptr_array_new_with_free_func (attachment_free);

  self->known_addresses = cartable_address_completion_table_new ();
  cartable_address_completion_attach (self->to_entry, self->known_addresses);
  cartable_address_completion_attach (self->cc_entry, self->known_addresses);
  cartable_address_completion_attach (self->bcc_entry, self->known_addresses);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries, G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "composer", G_ACTION_GROUP (self->actions));

  /* Before the text view: Ctrl+Enter sends, Ctrl+B/I/U format. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Return, GDK_CONTROL_MASK, "composer.send");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "composer.send");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_b, GDK_CONTROL_MASK, "composer.bold");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_i, GDK_CONTROL_MASK, "composer.italic");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_u, GDK_CONTROL_MASK, "composer.underline");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_k, GDK_CONTROL_MASK, "composer.link");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (body_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), controller);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

/**
 * cartable_composer_window_new:
 * @parent: (nullable): the main window, which shows the « Annuler » toast
 * @composer: the message (new, reply, forward, draft)
 * @outbox: the sending account's outbox
 * @drafts: (nullable): the account's drafts, saved as the user types
 * @max_message_size: the academy's limit in bytes (0: the default)
 *
 * Returns: (transfer full): a new composer window, not yet shown
 */
CartableComposerWindow *
cartable_composer_window_new (GtkWindow        *parent,
                              CartableComposer *composer,
                              CartableOutbox   *outbox,
                              CartableDrafts   *drafts,
                              guint64           max_message_size)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARTABLE_IS_COMPOSER (composer), NULL);
  g_return_val_if_fail (CARTABLE_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (drafts == NULL || CARTABLE_IS_DRAFTS (drafts), NULL);

  return g_object_new (CARTABLE_TYPE_COMPOSER_WINDOW,
                       "transient-for", parent,
                       "composer", composer,
                       "outbox", outbox,
                       "drafts", drafts,
                       "max-message-size", max_message_size,
                       NULL);
}

CartableComposer *
cartable_composer_window_get_composer (CartableComposerWindow *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER_WINDOW (self), NULL);
  return self->composer;
}

/**
 * cartable_composer_window_add_known_addresses:
 * @addresses: (element-type utf8 utf8): lower-cased address → "Name <address>"
 *
 * Offers @addresses in the completion of To, Cc and Bcc.
 */
void
cartable_composer_window_add_known_addresses (CartableComposerWindow *self,
                                              GHashTable             *addresses)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (CARTABLE_IS_COMPOSER_WINDOW (self));
  g_return_if_fail (addresses != NULL);

  g_hash_table_iter_init (&iter, addresses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *known = g_hash_table_lookup (self->known_addresses, key);

      /* One with a name wins over a bare address. */
      if (known == NULL || strchr (known, '<') == NULL)
        g_hash_table_replace (self->known_addresses, g_strdup (key), g_strdup (value));
    }
  cartable_address_completion_refresh (self->to_entry, self->known_addresses);
  cartable_address_completion_refresh (self->cc_entry, self->known_addresses);
  cartable_address_completion_refresh (self->bcc_entry, self->known_addresses);
}

GtkTextBuffer *
cartable_composer_window_get_buffer (CartableComposerWindow *self)
{
  g_return_val_if_fail (CARTABLE_IS_COMPOSER_WINDOW (self), NULL);
  return self->buffer;
}

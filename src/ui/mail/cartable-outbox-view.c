/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-outbox-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-outbox-view.h"
#include "mail/cartable-composer-format.h"

/*
 * The messages waiting in the outboxes: during the undo delay, until their
 * chosen time, while the server cannot be reached, and those that need the
 * user (uncertain, refused). Each can be cancelled; uncertain and refused
 * ones can be resent. The list follows the outboxes and is redrawn once a
 * second while something in it changed (the times are relative).
 */

struct _CartableOutboxView
{
  AdwWindow   parent_instance;

  GtkStack   *stack;
  GtkListBox *list;

  GListModel *outboxes;
  char       *shown;     /* what the rows show, to redraw only on change */
  guint       tick_id;
};

G_DEFINE_FINAL_TYPE (CartableOutboxView, cartable_outbox_view, ADW_TYPE_WINDOW)

static void rebuild (CartableOutboxView *self);

typedef struct
{
  CartableOutbox *outbox;
  char           *id;
  gboolean        resend;
} RowAction;

static void
row_action_free (gpointer data,
                 GClosure *closure)
{
  RowAction *action = data;

  g_object_unref (action->outbox);
  g_free (action->id);
  g_free (action);
}

static void
row_action_cb (GtkButton *button,
               RowAction *action)
{
  CartableOutboxView *self = CARTABLE_OUTBOX_VIEW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (action->resend)
    done = cartable_outbox_resend (action->outbox, action->id, &error);
  else
    done = cartable_outbox_cancel (action->outbox, action->id, &error);

  if (!done)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           action->resend ? _("Cannot Resend") : _("Cannot Cancel"),
                                                           error->message));
      if (g_error_matches (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_BUSY))
        adw_message_dialog_set_body (dialog, _("The message is leaving right now."));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

/* A message the server refused for now waits for the outbox's next try:
 * say when, and the server's words. */
static char *
describe_item (CartableOutbox     *outbox,
               CartableOutboxItem *item,
               GDateTime          *now)
{
  CartableOutboxState state = cartable_outbox_item_get_state (item);
  const char *last_error = cartable_outbox_item_get_last_error (item);
  gint64 retry_at = cartable_outbox_get_retry_at (outbox);

  if (state == CARTABLE_OUTBOX_STATE_QUEUED && last_error != NULL &&
      retry_at > g_date_time_to_unix (now) && retry_at >= cartable_outbox_item_get_send_at (item))
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (retry_at);
      g_autofree char *at = cartable_composer_format_send_at (when, now);

      /* Translators: the first %s is "today at 14:05" and the like, the
       * second what the mail server answered (in its own language). */
      return g_strdup_printf (_("The server cannot take this message for now; next try %s. Its answer: %s"),
                              at, last_error);
    }

  return cartable_composer_describe_outbox_item (state, cartable_outbox_item_get_send_at (item),
                                                 cartable_outbox_item_get_attempts (item), last_error, now);
}

static GtkWidget *
make_button (const char         *label,
             const char         *accessible,
             CartableOutbox     *outbox,
             CartableOutboxItem *item,
             gboolean            resend)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  RowAction *action = g_new0 (RowAction, 1);

  action->outbox = g_object_ref (outbox);
  action->id = g_strdup (cartable_outbox_item_get_id (item));
  action->resend = resend;
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (row_action_cb), action, row_action_free, 0);
  return button;
}

static void
add_row (CartableOutboxView *self,
         CartableOutbox     *outbox,
         CartableOutboxItem *item,
         GDateTime          *now)
{
  CartableOutboxState state = cartable_outbox_item_get_state (item);
  const char *subject = cartable_outbox_item_get_subject (item);
  g_autofree char *status = describe_item (outbox, item, now);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();

  title = g_strdup (subject && *subject ? subject : _("(no subject)"));
  /* Translators: the recipients of a waiting message, then where it stands. */
  subtitle = g_strdup_printf (_("To %s\n%s"), cartable_outbox_item_get_recipients (item) ?: "", status);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  if (state == CARTABLE_OUTBOX_STATE_UNCERTAIN || state == CARTABLE_OUTBOX_STATE_FAILED)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");

  if (state == CARTABLE_OUTBOX_STATE_QUEUED)
    {
      g_autofree char *name = g_strdup_printf (_("Cancel sending “%s”"), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_button (_("_Cancel"), name, outbox, item, FALSE));
    }
  else if (state == CARTABLE_OUTBOX_STATE_UNCERTAIN || state == CARTABLE_OUTBOX_STATE_FAILED)
    {
      g_autofree char *resend = g_strdup_printf (_("Resend “%s”"), title);
      g_autofree char *discard = g_strdup_printf (_("Delete “%s”"), title);
      GtkWidget *button = make_button (_("_Resend"), resend, outbox, item, TRUE);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = make_button (_("_Delete"), discard, outbox, item, FALSE);
      gtk_widget_add_css_class (button, "destructive-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  /* Named by its title already (libadwaita relates them). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  gtk_list_box_append (self->list, row);
}

static char *
describe_all (CartableOutboxView *self,
              GDateTime          *now)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; self->outboxes && i < g_list_model_get_n_items (self->outboxes); i++)
    {
      g_autoptr(CartableOutbox) outbox = g_list_model_get_item (self->outboxes, i);
      GListModel *items = cartable_outbox_get_items (outbox);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(CartableOutboxItem) item = g_list_model_get_item (items, j);
          g_autofree char *status = NULL;

          if (cartable_outbox_item_get_state (item) == CARTABLE_OUTBOX_STATE_SENT)
            continue;
          status = describe_item (outbox, item, now);
          g_string_append_printf (text, "%s\t%s\n", cartable_outbox_item_get_id (item), status);
        }
    }
  return g_string_free (text, FALSE);
}

static void
rebuild (CartableOutboxView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *shown = describe_all (self, now);
  GtkWidget *child;
  gboolean had_focus;

  if (g_strcmp0 (shown, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&shown);

  had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self->list)) != NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; self->outboxes && i < g_list_model_get_n_items (self->outboxes); i++)
    {
      g_autoptr(CartableOutbox) outbox = g_list_model_get_item (self->outboxes, i);
      GListModel *items = cartable_outbox_get_items (outbox);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(CartableOutboxItem) item = g_list_model_get_item (items, j);

          if (cartable_outbox_item_get_state (item) != CARTABLE_OUTBOX_STATE_SENT)
            add_row (self, outbox, item, now);
        }
    }

  gtk_stack_set_visible_child_name (self->stack, *self->shown != '\0' ? "list" : "empty");
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

static gboolean
tick_cb (gpointer user_data)
{
  rebuild (user_data);
  return G_SOURCE_CONTINUE;
}

static void
cartable_outbox_view_dispose (GObject *object)
{
  CartableOutboxView *self = CARTABLE_OUTBOX_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  G_OBJECT_CLASS (cartable_outbox_view_parent_class)->dispose (object);
}

static void
cartable_outbox_view_finalize (GObject *object)
{
  CartableOutboxView *self = CARTABLE_OUTBOX_VIEW (object);

  g_clear_object (&self->outboxes);
  g_free (self->shown);
  G_OBJECT_CLASS (cartable_outbox_view_parent_class)->finalize (object);
}

static void
cartable_outbox_view_class_init (CartableOutboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_outbox_view_dispose;
  object_class->finalize = cartable_outbox_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cartable/Cartable/ui/cartable-outbox-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableOutboxView, stack);
  gtk_widget_class_bind_template_child (widget_class, CartableOutboxView, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cartable_outbox_view_init (CartableOutboxView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cartable_outbox_view_new:
 * @parent: (nullable): the main window
 * @outboxes: a #GListModel of #CartableOutbox, one per account
 *
 * Returns: (transfer full): the outbox window, not yet shown
 */
GtkWidget *
cartable_outbox_view_new (GtkWindow  *parent,
                          GListModel *outboxes)
{
  CartableOutboxView *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (outboxes), NULL);

  self = g_object_new (CARTABLE_TYPE_OUTBOX_VIEW, "transient-for", parent, NULL);
  self->outboxes = g_object_ref (outboxes);
  for (guint i = 0; i < g_list_model_get_n_items (outboxes); i++)
    {
      g_autoptr(CartableOutbox) outbox = g_list_model_get_item (outboxes, i);

      g_signal_connect_object (cartable_outbox_get_items (outbox), "items-changed", G_CALLBACK (rebuild), self,
                               G_CONNECT_SWAPPED);
    }
  rebuild (self);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  return GTK_WIDGET (self);
}

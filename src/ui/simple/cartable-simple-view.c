/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-simple-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-simple-view.h"
#include "shell/cartable-window.h"
#include "shell/cartable-primary-menu.h"
#include "mail/cartable-attachment-list.h"
#include "mail/cartable-composer-launcher.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-mail-display.h"
#include "mail/cartable-mail-format.h"
#include "mail/cartable-message-header.h"
#include "mail/cartable-row-watch.h"

/*
 * The simple version: one column. The received mail (or, on the switch,
 * the sent mail) of the account in large rows; a row opens the message in
 * the same column, with a back button. Same engine and same locked-down
 * body view as the full version.
 */
struct _CartableSimpleView
{
  AdwBin                parent_instance;

  CartableMailAccounts *mail_accounts;
  CartableFolderTree   *tree;           /* of account_id, watched */

  char                 *account_id;
  char                 *box;            /* "inbox" or "sent" */

  /* The folder listed. */
  char                 *folder_name;
  CartableMessageList  *message_list;   /* holds the folder */
  GtkSingleSelection   *selection;
  GCancellable         *folder_cancellable;
  gboolean              list_from_server;

  /* The message open: its uid as soon as it is asked for, the message
   * once loaded. */
  char                 *message_folder;
  char                 *message_uid;
  CartableMessage      *message;
  GCancellable         *message_cancellable;
  guint                 focus_idle;

  GtkStack             *stack;
  AdwWindowTitle       *list_title;
  GtkMenuButton        *menu_button;
  GtkWidget            *write_button;
  GtkWidget            *back_button;
  GtkLabel             *status_label;
  GtkStack             *list_stack;
  GtkSpinner           *list_spinner;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *list_error;
  GtkListView          *message_list_view;
  AdwWindowTitle       *message_title;
  GtkStack             *message_stack;
  GtkSpinner           *message_spinner;
  AdwStatusPage        *message_error;
  CartableMessageHeader *message_header;
  CartableHtmlView     *html_view;
  GtkWidget            *attachments_scroller;
  CartableAttachmentList *attachment_list;
  GtkWidget            *reply_button;
};

G_DEFINE_FINAL_TYPE (CartableSimpleView, cartable_simple_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BOX,
  PROP_ACCOUNT_ID,
  PROP_FOLDER_NAME,
  PROP_MESSAGE_UID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_box      (CartableSimpleView *self);
static void update_actions  (CartableSimpleView *self);
static void open_message    (CartableSimpleView *self,
                             const char         *folder_name,
                             const char         *uid,
                             gboolean            mark_read);

/* ------------------------------------------------------------ helpers */

static gboolean
in_sent_box (CartableSimpleView *self)
{
  return g_strcmp0 (self->box, "sent") == 0;
}

static CamelStore *
get_store (CartableSimpleView *self)
{
  return self->tree != NULL ? cartable_folder_tree_get_store (self->tree) : NULL;
}

/* The keyboard follows the page shown: the body of the message read
 * (arrows and Page Down scroll it), the back button while it loads, else
 * the list. Only while the view is on screen: never steal the focus from
 * the full version. */
static void
focus_page (CartableSimpleView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "message") != 0)
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self->message_list_view)))
        gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view));
      else
        gtk_widget_grab_focus (self->write_button);
    }
  else if (self->message == NULL ||
           g_strcmp0 (gtk_stack_get_visible_child_name (self->message_stack), "message") != 0 ||
           !gtk_widget_grab_focus (cartable_html_view_get_web_view (self->html_view)))
    gtk_widget_grab_focus (self->back_button);
}

/* ------------------------------------------------------------ status */

/* One sentence when the account cannot reach its mail: above the list,
 * or in its place when there is nothing to list. */
static void
update_status (CartableSimpleView *self)
{
  const GError *error = NULL;
  g_autofree char *sentence = NULL;

  if (self->mail_accounts != NULL && self->account_id != NULL)
    {
      error = cartable_mail_accounts_get_error (self->mail_accounts, self->account_id);
      if (error != NULL)
        sentence = cartable_mail_display_account_error (error);
      else if (!cartable_mail_accounts_get_online (self->mail_accounts, self->account_id))
        sentence = g_strdup (_("Connecting to your mail… The messages already received are shown meanwhile."));
    }

  /* No folder to show, and an error: the sentence takes the list's place. */
  if (error != NULL && self->message_list == NULL)
    {
      adw_status_page_set_description (self->list_error, sentence);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      gtk_spinner_set_spinning (self->list_spinner, FALSE);
      g_clear_pointer (&sentence, g_free);
    }

  gtk_label_set_text (self->status_label, sentence != NULL ? sentence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), sentence != NULL);
  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }

}

/* ------------------------------------------------------------ message */

static void
show_message (CartableSimpleView *self)
{
  CartableMessage *message = self->message;

  adw_window_title_set_title (self->message_title,
                              cartable_mail_display_subject (cartable_message_get_subject (message)));
  /* In the sent mail, who it went to matters. The rows, the remote-content
   * bar and the body: cartable-message-header.c. */
  cartable_message_header_set_show_recipients (self->message_header, in_sent_box (self));
  cartable_message_header_set_message (self->message_header, message);

  /* Saved, opened, previewed or played as in the full version. */
  cartable_attachment_list_set_message (self->attachment_list, message);
  gtk_widget_set_visible (self->attachments_scroller,
                          cartable_attachment_list_get_n_shown (self->attachment_list) > 0);

  gtk_stack_set_visible_child_name (self->message_stack, "message");
  gtk_spinner_set_spinning (self->message_spinner, FALSE);
  focus_page (self);
  update_actions (self);
}

static void
mark_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cartable_mail_apply_finish (result, &error))
    g_message ("Marking a message read failed: %s", error->message);
}

static void
message_failed (CartableSimpleView *self,
                const GError       *error)
{
  g_message ("Loading a message failed: %s", error->message);
  if (self->account_id != NULL)
    cartable_mail_accounts_note_error (self->mail_accounts, self->account_id, error);
  adw_status_page_set_description (self->message_error,
                                   _("The message could not be downloaded. Check your connection, "
                                     "go back and open it again."));
  gtk_stack_set_visible_child_name (self->message_stack, "error");
  gtk_spinner_set_spinning (self->message_spinner, FALSE);
}

static void
message_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CartableSimpleView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMessage) message = NULL;

  message = cartable_message_load_finish (result, &error);
  if (message == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message_failed (self, error);
      return;
    }

  g_set_object (&self->message, message);
  show_message (self);
}

/* Marks the message asked for read (when it was unread) and loads it. */
static void
load_message (CartableSimpleView *self,
              CamelFolder        *folder,
              gboolean            mark_read)
{
  if (mark_read)
    {
      const char *uids[] = { self->message_uid, NULL };

      cartable_mail_apply_async (folder, uids, CARTABLE_MAIL_ACTION_MARK_READ, NULL, mark_read_cb, NULL);
    }
  cartable_message_load_async (folder, self->message_uid, self->message_cancellable, message_loaded_cb, self);
}

typedef struct
{
  CartableSimpleView *self;
  gboolean            mark_read;
} FolderForMessage;

static void
message_folder_opened_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  FolderForMessage *data = user_data;
  CartableSimpleView *self = data->self;
  gboolean mark_read = data->mark_read;
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) folder = NULL;

  g_free (data);
  folder = cartable_mail_open_folder_finish (result, &error);
  if (folder == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message_failed (self, error);
      return;
    }

  load_message (self, folder, mark_read);
}

/* Opens @uid of @folder_name in the message page. */
static void
open_message (CartableSimpleView *self,
              const char         *folder_name,
              const char         *uid,
              gboolean            mark_read)
{
  CamelStore *store = get_store (self);
  FolderForMessage *data;

  g_assert (folder_name != NULL && uid != NULL);

  if (store == NULL)
    return;

  g_cancellable_cancel (self->message_cancellable);
  g_clear_object (&self->message_cancellable);
  g_clear_object (&self->message);
  g_free (self->message_folder);
  self->message_folder = g_strdup (folder_name);
  g_free (self->message_uid);
  self->message_uid = g_strdup (uid);

  self->message_cancellable = g_cancellable_new ();
  adw_window_title_set_title (self->message_title, "");
  gtk_stack_set_visible_child_name (self->message_stack, "loading");
  gtk_spinner_set_spinning (self->message_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "message");

  /* The listed folder is at hand; another one (a message handed over
   * from the full version) is opened first, from Camel's cache. */
  if (self->message_list != NULL && g_strcmp0 (folder_name, self->folder_name) == 0)
    load_message (self, cartable_message_list_get_folder (self->message_list), mark_read);
  else
    {
      data = g_new0 (FolderForMessage, 1);
      data->self = self;
      data->mark_read = mark_read;
      cartable_mail_open_folder_async (store, folder_name, self->message_cancellable,
                                       message_folder_opened_cb, data);
    }

  update_actions (self);
  focus_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_UID]);
}

/* Puts the keyboard back on the list once it is shown again. */
static gboolean
focus_list_cb (gpointer user_data)
{
  CartableSimpleView *self = user_data;

  self->focus_idle = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->message_list_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view));
  else if (gtk_widget_get_mapped (self->write_button))
    gtk_widget_grab_focus (self->write_button);
  return G_SOURCE_REMOVE;
}

static void
close_message (CartableSimpleView *self)
{
  g_cancellable_cancel (self->message_cancellable);
  g_clear_object (&self->message_cancellable);
  g_clear_object (&self->message);
  g_clear_pointer (&self->message_folder, g_free);
  cartable_message_header_set_message (self->message_header, NULL);
  cartable_attachment_list_set_message (self->attachment_list, NULL);
  gtk_spinner_set_spinning (self->message_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (self->message_uid != NULL)
    {
      g_clear_pointer (&self->message_uid, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_UID]);
    }
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  self->focus_idle = g_idle_add (focus_list_cb, self);
  update_actions (self);
}

static void
row_activated_cb (GtkListView        *list_view,
                  guint               position,
                  CartableSimpleView *self)
{
  g_autoptr(CartableMessageSummary) summary = NULL;

  if (self->message_list == NULL)
    return;
  summary = g_list_model_get_item (G_LIST_MODEL (self->message_list), position);
  if (summary == NULL)
    return;

  open_message (self, self->folder_name, cartable_message_summary_get_uid (summary),
                !cartable_message_summary_get_seen (summary));
}

/* ------------------------------------------------------------ rows */

typedef struct
{
  GtkLabel *sender;
  GtkImage *attachment;
  GtkLabel *date;
  GtkLabel *subject;
} RowWidgets;

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RowWidgets *widgets = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (box, "simple-row");

  widgets->sender = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (widgets->sender, 0);
  gtk_label_set_ellipsize (widgets->sender, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (widgets->sender), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (widgets->sender), "simple-sender");
  widgets->attachment = GTK_IMAGE (gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (widgets->attachment), _("Has attachments"));
  widgets->date = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (widgets->date), "dim-label");
  widgets->subject = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (widgets->subject, 0);
  gtk_label_set_ellipsize (widgets->subject, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (widgets->subject), "simple-subject");

  gtk_box_append (GTK_BOX (top), GTK_WIDGET (widgets->sender));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (widgets->attachment));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (widgets->date));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (widgets->subject));

  g_object_set_data_full (G_OBJECT (box), "simple-row-widgets", widgets, g_free);
  gtk_list_item_set_child (item, box);
}

static void
show_row (CartableSimpleView *self,
          GtkListItem        *item)
{
  CartableMessageSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *widgets = g_object_get_data (G_OBJECT (box), "simple-row-widgets");
  gboolean sent = in_sent_box (self);
  g_autofree char *person = NULL;
  g_autofree char *who = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *subject = cartable_mail_display_subject (cartable_message_summary_get_subject (summary));
  gboolean unread = !sent && !cartable_message_summary_get_seen (summary);
  gboolean attachment = cartable_message_summary_get_has_attachment (summary);

  /* In the sent mail, who it went to matters. */
  if (sent)
    {
      g_autofree char *to = cartable_mail_display_sender (cartable_message_summary_get_to (summary));
      /* Translators: a sent message's row, e.g. "À : Marie Durand". */
      who = g_strdup_printf (_("To: %s"), to);
    }
  else
    who = cartable_mail_display_sender (cartable_message_summary_get_from (summary));

  if (cartable_message_summary_get_date (summary) > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (cartable_message_summary_get_date (summary));
      g_autoptr(GDateTime) date = g_date_time_to_local (utc);

      date_text = cartable_mail_format_date (date, now);
    }

  /* The row's message, for whoever walks the rows (tests, accessibility tools). */
  g_object_set_data_full (G_OBJECT (box), "simple-row-summary", g_object_ref (summary), g_object_unref);
  gtk_label_set_text (widgets->sender, who);
  gtk_label_set_text (widgets->subject, subject);
  gtk_label_set_text (widgets->date, date_text != NULL ? date_text : "");
  gtk_widget_set_visible (GTK_WIDGET (widgets->attachment), attachment);
  if (unread)
    {
      gtk_widget_add_css_class (box, "unread");
      gtk_widget_remove_css_class (GTK_WIDGET (widgets->subject), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (box, "unread");
      gtk_widget_add_css_class (GTK_WIDGET (widgets->subject), "dim-label");
    }

  /* One sentence for screen readers: who, what, when, and the marks. */
  accessible = g_strdup_printf ("%s%s, %s, %s%s",
                                unread ? _("Unread, ") : "",
                                who, subject,
                                date_text != NULL ? date_text : "",
                                attachment ? _(", with attachments") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
refresh_row_cb (GtkListItem *item,
                gpointer     user_data)
{
  show_row (user_data, item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CartableSimpleView       *self)
{
  show_row (self, item);
  cartable_row_watch (item, refresh_row_cb, self);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CartableSimpleView       *self)
{
  cartable_row_unwatch (item);
}

/* ------------------------------------------------------------ folder */

static void
update_list_page (CartableSimpleView *self)
{
  gboolean loading;

  if (self->message_list == NULL)
    return;

  loading = cartable_message_list_get_loading (self->message_list);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->message_list)) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      adw_status_page_set_description (self->empty_page,
                                       in_sent_box (self) ? _("You have not sent any message yet.")
                                                          : _("You have not received any message yet."));
      gtk_stack_set_visible_child_name (self->list_stack, loading ? "loading" : "empty");
    }
  gtk_spinner_set_spinning (self->list_spinner, loading);
}

static void
list_items_changed_cb (GListModel         *model,
                       guint               position,
                       guint               removed,
                       guint               added,
                       CartableSimpleView *self)
{
  update_list_page (self);
}

static void
list_loading_cb (CartableMessageList *list,
                 GParamSpec          *pspec,
                 CartableSimpleView  *self)
{
  update_list_page (self);
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CartableSimpleView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_message_list_load_finish (CARTABLE_MESSAGE_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Loading the folder failed: %s", error->message);
      if (self->account_id != NULL)
        cartable_mail_accounts_note_error (self->mail_accounts, self->account_id, error);
      if (g_list_model_get_n_items (G_LIST_MODEL (source)) == 0)
        {
          adw_status_page_set_description (self->list_error,
                                           _("The messages could not be received. Check your connection."));
          gtk_stack_set_visible_child_name (self->list_stack, "error");
          return;
        }
    }

  update_list_page (self);
}

static void
clear_folder (CartableSimpleView *self)
{
  g_cancellable_cancel (self->folder_cancellable);
  g_clear_object (&self->folder_cancellable);

  if (self->message_list != NULL)
    g_signal_handlers_disconnect_by_data (self->message_list, self);
  gtk_list_view_set_model (self->message_list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->message_list);
  g_clear_pointer (&self->folder_name, g_free);
  self->list_from_server = FALSE;
}

static void
folder_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CartableSimpleView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelFolder) folder = NULL;

  folder = cartable_mail_open_folder_finish (result, &error);
  if (folder == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Opening the folder failed: %s", error->message);
      if (self->account_id != NULL)
        cartable_mail_accounts_note_error (self->mail_accounts, self->account_id, error);
      adw_status_page_set_description (self->list_error,
                                       _("The mail could not be opened. Check your connection."));
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  self->message_list = cartable_message_list_new (folder);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->message_list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->message_list, "items-changed", G_CALLBACK (list_items_changed_cb), self);
  g_signal_connect (self->message_list, "notify::loading", G_CALLBACK (list_loading_cb), self);
  gtk_list_view_set_model (self->message_list_view, GTK_SELECTION_MODEL (self->selection));

  self->list_from_server = cartable_mail_accounts_get_online (self->mail_accounts, self->account_id);
  cartable_message_list_load_async (self->message_list, self->list_from_server,
                                    self->folder_cancellable, list_loaded_cb, self);
}

/* Lists the folder of the box chosen, once the account's folders are known. */
static void
update_box (CartableSimpleView *self)
{
  CartableFolderRole role = in_sent_box (self) ? CARTABLE_FOLDER_ROLE_SENT : CARTABLE_FOLDER_ROLE_INBOX;
  CartableFolderItem *item;
  const char *full_name;

  adw_window_title_set_title (self->list_title, in_sent_box (self) ? _("Sent Mail") : _("Received Mail"));

  if (self->tree == NULL)
    {
      clear_folder (self);
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      gtk_spinner_set_spinning (self->list_spinner, TRUE);
      update_status (self);
      return;
    }

  item = cartable_folder_tree_find_role (self->tree, role);
  /* Connecting: wait, rather than show the empty cache first. */
  if (item == NULL ||
      (self->folder_name == NULL && !cartable_mail_accounts_get_online (self->mail_accounts, self->account_id) &&
       cartable_mail_accounts_get_error (self->mail_accounts, self->account_id) == NULL))
    {
      if (item == NULL)
        clear_folder (self);
      if (self->message_list == NULL)
        {
          gtk_stack_set_visible_child_name (self->list_stack, "loading");
          gtk_spinner_set_spinning (self->list_spinner, TRUE);
        }
      update_status (self);
      return;
    }

  full_name = cartable_folder_item_get_full_name (item);
  if (g_strcmp0 (full_name, self->folder_name) != 0)
    {
      clear_folder (self);
      self->folder_name = g_strdup (full_name);
      self->folder_cancellable = g_cancellable_new ();
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      gtk_spinner_set_spinning (self->list_spinner, TRUE);
      cartable_mail_open_folder_async (cartable_folder_tree_get_store (self->tree), full_name,
                                       self->folder_cancellable, folder_opened_cb, self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER_NAME]);
    }
  else if (self->message_list != NULL && !self->list_from_server &&
           cartable_mail_accounts_get_online (self->mail_accounts, self->account_id))
    {
      /* Read from the cache while connecting: now from the server. */
      self->list_from_server = TRUE;
      cartable_message_list_load_async (self->message_list, TRUE, self->folder_cancellable,
                                        list_loaded_cb, self);
    }

  update_status (self);
}

static void
tree_items_changed_cb (GListModel         *model,
                       guint               position,
                       guint               removed,
                       guint               added,
                       CartableSimpleView *self)
{
  update_box (self);
}

static void
set_tree (CartableSimpleView *self,
          CartableFolderTree *tree)
{
  if (self->tree == tree)
    return;

  if (self->tree != NULL)
    g_signal_handlers_disconnect_by_data (self->tree, self);
  g_set_object (&self->tree, tree);
  if (tree != NULL)
    g_signal_connect (tree, "items-changed", G_CALLBACK (tree_items_changed_cb), self);
}

/* The account shown: the one handed over, else the first of the store. */
static void
choose_account (CartableSimpleView *self)
{
  CartableAccountStore *store;
  g_autoptr(CartableAccount) first = NULL;

  if (self->mail_accounts == NULL)
    {
      set_tree (self, NULL);
      return;
    }

  store = cartable_mail_accounts_get_store (self->mail_accounts);
  if (self->account_id == NULL || cartable_account_store_lookup (store, self->account_id) == NULL)
    {
      g_clear_pointer (&self->account_id, g_free);
      clear_folder (self);
      if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
        {
          first = g_list_model_get_item (G_LIST_MODEL (store), 0);
          self->account_id = g_strdup (cartable_account_get_id (first));
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
    }

  set_tree (self, self->account_id != NULL
                  ? cartable_mail_accounts_get_folder_tree (self->mail_accounts, self->account_id)
                  : NULL);
}

static void
account_changed_cb (CartableMailAccounts *accounts,
                    const char           *account_id,
                    CartableSimpleView   *self)
{
  choose_account (self);
  update_box (self);
}

/* ------------------------------------------------------------ actions */

static void
update_actions (CartableSimpleView *self)
{
  gboolean reading = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "message") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.back", reading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.write", self->mail_accounts != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.reply", reading && self->message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.show-remote-content",
                                 reading && self->message != NULL &&
                                 cartable_message_header_can_allow_remote_content (self->message_header, FALSE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.always-show-remote-content",
                                 reading && self->message != NULL &&
                                 cartable_message_header_can_allow_remote_content (self->message_header, TRUE));
}

/* Writing and replying: the same composer as the full version. */
static void
compose (CartableSimpleView  *self,
         CartableComposeKind  kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;

  if (self->mail_accounts == NULL || (kind != CARTABLE_COMPOSE_NEW && self->message == NULL))
    return;

  if (cartable_composer_launcher_find_sessions (GTK_WIDGET (self)) != NULL &&
      cartable_composer_launcher_compose (cartable_composer_launcher_find_sessions (GTK_WIDGET (self)),
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          kind, self->message, &error) == NULL &&
      CARTABLE_IS_WINDOW (root))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot write a message: %s"), error->message);
      cartable_window_add_toast (CARTABLE_WINDOW (root), adw_toast_new (text));
    }
}

static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  compose (CARTABLE_SIMPLE_VIEW (widget), CARTABLE_COMPOSE_NEW);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  compose (CARTABLE_SIMPLE_VIEW (widget), CARTABLE_COMPOSE_REPLY);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  close_message (CARTABLE_SIMPLE_VIEW (widget));
}

/* simple.show-remote-content and simple.always-show-remote-content, as in
 * the full version: cartable-message-header.c. */
static void
show_remote_content_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (widget);

  if (self->message != NULL)
    cartable_message_header_allow_remote_content (self->message_header,
                                                  g_str_equal (action_name, "simple.always-show-remote-content"));
}

static void
remote_blocked_cb (CartableMessageHeader *header,
                   GParamSpec            *pspec,
                   CartableSimpleView    *self)
{
  update_actions (self);
}

/* ------------------------------------------------------------ object */

static void
cartable_simple_view_dispose (GObject *object)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (object);

  g_clear_handle_id (&self->focus_idle, g_source_remove);
  g_cancellable_cancel (self->message_cancellable);
  g_clear_object (&self->message_cancellable);
  g_clear_object (&self->message);
  clear_folder (self);
  set_tree (self, NULL);
  if (self->mail_accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->mail_accounts, self);
  g_clear_object (&self->mail_accounts);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->message_folder, g_free);
  g_clear_pointer (&self->message_uid, g_free);
  g_clear_pointer (&self->box, g_free);

  /* AdwBin unparents its child itself: no template disposal here. */
  G_OBJECT_CLASS (cartable_simple_view_parent_class)->dispose (object);
}

static void
cartable_simple_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BOX:
      g_value_set_string (value, self->box);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_FOLDER_NAME:
      g_value_set_string (value, cartable_simple_view_get_folder_name (self));
      break;
    case PROP_MESSAGE_UID:
      g_value_set_string (value, self->message_uid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_box (CartableSimpleView *self,
         const char         *box)
{
  if (g_strcmp0 (box, "sent") != 0)
    box = "inbox";
  if (g_strcmp0 (self->box, box) == 0)
    return;

  g_free (self->box);
  self->box = g_strdup (box);
  update_box (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOX]);
}

static void
cartable_simple_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_BOX:
      set_box (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Shown (at start, or when the user switches to this version): the
 * keyboard comes along. */
static void
cartable_simple_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cartable_simple_view_parent_class)->map (widget);

  focus_page (CARTABLE_SIMPLE_VIEW (widget));
}

static void
cartable_simple_view_class_init (CartableSimpleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_simple_view_dispose;
  object_class->get_property = cartable_simple_view_get_property;
  object_class->set_property = cartable_simple_view_set_property;
  widget_class->map = cartable_simple_view_map;

  /* "inbox" or "sent": the mail listed. */
  properties[PROP_BOX] =
    g_param_spec_string ("box", NULL, NULL, "inbox",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER_NAME] =
    g_param_spec_string ("folder-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE_UID] =
    g_param_spec_string ("message-uid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARTABLE_TYPE_HTML_VIEW);
  g_type_ensure (CARTABLE_TYPE_MESSAGE_HEADER);
  g_type_ensure (CARTABLE_TYPE_ATTACHMENT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-simple-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, stack);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, list_title);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, write_button);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, back_button);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, list_error);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, message_list_view);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, message_title);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, message_stack);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, message_spinner);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, message_error);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, message_header);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, html_view);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, attachments_scroller);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, attachment_list);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, reply_button);

  gtk_widget_class_install_property_action (widget_class, "simple.box", "box");
  gtk_widget_class_install_action (widget_class, "simple.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "simple.write", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "simple.reply", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "simple.show-remote-content", NULL, show_remote_content_action);
  gtk_widget_class_install_action (widget_class, "simple.always-show-remote-content", NULL,
                                   show_remote_content_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "simple.write", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "simple.reply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "simple.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "simple.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "simple.back", NULL);
}

static void
cartable_simple_view_init (CartableSimpleView *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->box = g_strdup ("inbox");
  gtk_widget_init_template (GTK_WIDGET (self));

  menu = cartable_primary_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, menu);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->message_list_view, factory);
  g_signal_connect (self->message_list_view, "activate", G_CALLBACK (row_activated_cb), self);

  g_signal_connect (self->message_header, "notify::remote-blocked", G_CALLBACK (remote_blocked_cb), self);

  gtk_stack_set_visible_child_name (self->list_stack, "loading");
  update_actions (self);
}

/**
 * cartable_simple_view_set_mail_accounts:
 * @accounts: (nullable): the mail side of the window's accounts, shared
 *   with the window's other views
 */
void
cartable_simple_view_set_mail_accounts (CartableSimpleView   *self,
                                        CartableMailAccounts *accounts)
{
  g_return_if_fail (CARTABLE_IS_SIMPLE_VIEW (self));
  g_return_if_fail (accounts == NULL || CARTABLE_IS_MAIL_ACCOUNTS (accounts));

  if (self->mail_accounts == accounts)
    return;

  if (self->mail_accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->mail_accounts, self);
  g_set_object (&self->mail_accounts, accounts);
  if (accounts != NULL)
    g_signal_connect (accounts, "account-changed", G_CALLBACK (account_changed_cb), self);

  close_message (self);
  clear_folder (self);
  g_clear_pointer (&self->account_id, g_free);
  choose_account (self);
  update_box (self);
  update_actions (self);
}

CartableMailAccounts *
cartable_simple_view_get_mail_accounts (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return self->mail_accounts;
}

const char *
cartable_simple_view_get_account_id (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return self->account_id;
}

/* The folder of the message open, else the folder listed. */
const char *
cartable_simple_view_get_folder_name (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return self->message_uid != NULL ? self->message_folder : self->folder_name;
}

const char *
cartable_simple_view_get_message_uid (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return self->message_uid;
}

CartableMessage *
cartable_simple_view_get_message (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return self->message;
}

void
cartable_simple_view_show_message (CartableSimpleView *self,
                                   const char         *account_id,
                                   const char         *folder_name,
                                   const char         *uid)
{
  CartableFolderItem *item = NULL;

  g_return_if_fail (CARTABLE_IS_SIMPLE_VIEW (self));

  if (self->mail_accounts == NULL || account_id == NULL ||
      cartable_account_store_lookup (cartable_mail_accounts_get_store (self->mail_accounts), account_id) == NULL)
    return;

  if (g_strcmp0 (self->account_id, account_id) != 0)
    {
      close_message (self);
      clear_folder (self);
      g_free (self->account_id);
      self->account_id = g_strdup (account_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
      choose_account (self);
    }

  if (self->tree != NULL && folder_name != NULL)
    item = cartable_folder_tree_find (self->tree, folder_name);
  set_box (self, item != NULL && cartable_folder_item_get_role (item) == CARTABLE_FOLDER_ROLE_SENT
                 ? "sent" : "inbox");
  update_box (self);

  if (uid != NULL && folder_name != NULL)
    {
      if (g_strcmp0 (self->message_uid, uid) != 0 || g_strcmp0 (self->message_folder, folder_name) != 0)
        open_message (self, folder_name, uid, FALSE);
    }
  else if (self->message_uid != NULL)
    close_message (self);
}

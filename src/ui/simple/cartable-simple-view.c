/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-simple-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-simple-view.h"
#include "common/cartable-regions.h"
#include "shell/cartable-toast.h"
#include "shell/cartable-primary-menu.h"
#include "mail/cartable-composer-launcher.h"
#include "mail/cartable-conversation.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-mail-controller.h"
#include "mail/cartable-mail-display.h"
#include "mail/cartable-mail-format.h"
#include "mail/cartable-message-header.h"
#include "mail/cartable-message-pane.h"
#include "mail/cartable-message-row.h"

/*
 * The simple version: one column. The received mail (or, on the switch,
 * the sent mail) of the account in large rows, one per conversation; a row
 * opens the conversation in the same column, with a back button: its last
 * message, and above it the earlier ones as the full version shows them,
 * the unread ones unfolded. Same engine and same locked-down body view as
 * the full version.
 */
struct _CartableSimpleView
{
  CartableMailView      parent_instance;

  /* The account, the folder listed and the message open. */
  CartableMailController *controller;  /* the parent's */
  CartableFolderTree   *tree;           /* of the account, watched */

  char                 *box;            /* "inbox" or "sent" */
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
  CartableMessagePane  *reader;
  CartableMessageHeader *message_header;  /* the reader's */
  GtkWidget            *reply_button;
  GtkWidget            *resume_button;
};

G_DEFINE_FINAL_TYPE (CartableSimpleView, cartable_simple_view, CARTABLE_TYPE_MAIL_VIEW)

enum {
  PROP_0,
  PROP_BOX,
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
  else if (cartable_mail_controller_get_message (self->controller) == NULL ||
           g_strcmp0 (gtk_stack_get_visible_child_name (self->message_stack), "message") != 0 ||
           !gtk_widget_grab_focus (cartable_message_pane_get_body (self->reader)))
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

  if (cartable_mail_controller_get_account_id (self->controller) != NULL)
    {
      error = cartable_mail_controller_get_error (self->controller);
      if (error != NULL)
        sentence = cartable_mail_display_account_error (error);
      else if (!cartable_mail_controller_get_online (self->controller))
        sentence = g_strdup (_("Connecting to your mail… The messages already received are shown meanwhile."));
    }

  /* No folder to show, and an error: the sentence takes the list's place. */
  if (error != NULL && cartable_mail_controller_get_message_list (self->controller) == NULL)
    {
      cartable_mail_view_show_error (self->list_error, sentence);
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

/* Above a conversation's last message, its earlier ones. */
static void
show_conversation (CartableSimpleView *self)
{
  CartableConversation *conversation = cartable_message_pane_get_conversation (self->reader);
  g_autoptr(GPtrArray) earlier = cartable_mail_controller_dup_earlier_messages (self->controller);

  if (earlier != NULL)
    cartable_conversation_show (conversation, cartable_mail_controller_get_folder (self->controller), earlier);
  else
    cartable_conversation_clear (conversation);
}

static void
show_message (CartableSimpleView *self)
{
  CartableMessage *message = cartable_mail_controller_get_message (self->controller);

  adw_window_title_set_title (self->message_title,
                              cartable_mail_display_subject (cartable_message_get_subject (message)));
  /* In the sent mail and in a draft, who it goes to matters. */
  cartable_message_header_set_show_recipients (self->message_header,
                                               in_sent_box (self) ||
                                               cartable_mail_controller_get_message_is_draft (self->controller));
  cartable_message_pane_set_message (self->reader, message);
  show_conversation (self);
  gtk_widget_set_visible (self->resume_button, cartable_mail_controller_get_message_is_draft (self->controller));
  gtk_widget_set_visible (self->reply_button, !gtk_widget_get_visible (self->resume_button));

  gtk_stack_set_visible_child_name (self->message_stack, "message");
  gtk_spinner_set_spinning (self->message_spinner, FALSE);
  focus_page (self);
  update_actions (self);
}

static void
message_failed (CartableMailView *view,
                const GError     *error)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (view);

  /* The error page is shown (cartable_mail_view_set_error_pages ()). */
  gtk_spinner_set_spinning (self->message_spinner, FALSE);
}

static void
message_loaded (CartableMailView *view)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (view);

  show_message (self);
}

/* Opens @uid of @folder_name in the message page. */
static void
open_message (CartableSimpleView *self,
              const char         *folder_name,
              const char         *uid,
              gboolean            mark_read)
{
  g_assert (folder_name != NULL && uid != NULL);

  if (self->tree == NULL)
    return;

  adw_window_title_set_title (self->message_title, "");
  gtk_stack_set_visible_child_name (self->message_stack, "loading");
  gtk_spinner_set_spinning (self->message_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "message");
  cartable_mail_controller_load_message (self->controller, folder_name, uid, mark_read);

  update_actions (self);
  focus_page (self);
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
  cartable_mail_controller_close_message (self->controller);
  cartable_message_pane_set_message (self->reader, NULL);
  cartable_conversation_clear (cartable_message_pane_get_conversation (self->reader));
  gtk_spinner_set_spinning (self->message_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "list");
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

  if (cartable_mail_controller_get_message_list (self->controller) == NULL)
    return;
  summary = g_list_model_get_item (G_LIST_MODEL (cartable_mail_controller_get_message_list (self->controller)),
                                   position);
  if (summary == NULL)
    return;

  open_message (self, cartable_mail_controller_get_folder_name (self->controller),
                cartable_message_summary_get_uid (summary),
                !cartable_message_summary_get_seen (summary));
}

/* ------------------------------------------------------------ rows */

/* In the sent mail, who it went to matters. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CartableSimpleView       *self)
{
  cartable_message_row_set_folder_role (CARTABLE_MESSAGE_ROW (gtk_list_item_get_child (item)),
                                        in_sent_box (self) ? CARTABLE_FOLDER_ROLE_SENT : CARTABLE_FOLDER_ROLE_INBOX);
}

/* ------------------------------------------------------------ folder */

static void
update_list_page (CartableSimpleView *self)
{
  gboolean loading;

  if (cartable_mail_controller_get_message_list (self->controller) == NULL)
    return;

  loading = cartable_message_list_get_loading (cartable_mail_controller_get_message_list (self->controller));
  if (g_list_model_get_n_items (G_LIST_MODEL (cartable_mail_controller_get_message_list (self->controller))) > 0)
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
list_changed (CartableMailView *view,
              gboolean         items)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (view);

  update_list_page (self);
}

static void
list_loaded (CartableMailView *view,
             const GError     *error)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (view);

  if (error != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (cartable_mail_controller_get_message_list (self->controller))) == 0)
    {
      cartable_mail_view_show_error (self->list_error,
                                     _("The messages could not be received. Check your connection."));
      return;
    }

  update_list_page (self);
}

/* A new list: the view shows it; none: the view shows nothing. */
static void
selection_cb (CartableMailController *controller,
              GParamSpec             *pspec,
              CartableSimpleView     *self)
{
  gtk_list_view_set_model (self->message_list_view, cartable_mail_controller_get_selection (controller));
}

static void
clear_folder (CartableSimpleView *self)
{
  cartable_mail_controller_close_folder (self->controller);
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
      (cartable_mail_controller_get_folder_name (self->controller) == NULL &&
       !cartable_mail_controller_get_online (self->controller) &&
       cartable_mail_controller_get_error (self->controller) == NULL))
    {
      if (item == NULL)
        clear_folder (self);
      if (cartable_mail_controller_get_message_list (self->controller) == NULL)
        {
          gtk_stack_set_visible_child_name (self->list_stack, "loading");
          gtk_spinner_set_spinning (self->list_spinner, TRUE);
        }
      update_status (self);
      return;
    }

  full_name = cartable_folder_item_get_full_name (item);
  if (cartable_mail_controller_open_folder (self->controller, cartable_mail_controller_get_account_id (self->controller),
                                            full_name))
    {
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      gtk_spinner_set_spinning (self->list_spinner, TRUE);
    }
  else
    cartable_mail_controller_refresh (self->controller);

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

/* The account shown: the one handed over, else the first one. */
static void
choose_account (CartableSimpleView *self)
{
  CartableSessions *sessions = cartable_mail_controller_get_sessions (self->controller);
  g_autoptr(CartableAccountSession) first = NULL;

  if (sessions == NULL)
    {
      set_tree (self, NULL);
      return;
    }

  if (cartable_mail_controller_get_session (self->controller) == NULL)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (sessions)) > 0)
        first = g_list_model_get_item (G_LIST_MODEL (sessions), 0);
      cartable_mail_controller_set_account_id (self->controller,
                                               first != NULL ? cartable_account_session_get_account_id (first) : NULL);
    }

  set_tree (self, cartable_mail_controller_get_folder_tree (self->controller));
}

static void
account_changed (CartableMailView *view,
                 const char       *account_id)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (view);

  choose_account (self);
  update_box (self);
}

/* Other accounts: the first one is shown. */
static void
sessions_changed (CartableMailView *view)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (view);

  close_message (self);
  choose_account (self);
  update_box (self);
  update_actions (self);
}

/* ------------------------------------------------------------ actions */

static void
update_actions (CartableSimpleView *self)
{
  gboolean reading = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "message") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.back", reading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.write",
                                 cartable_mail_controller_get_sessions (self->controller) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.reply",
                                 reading && cartable_mail_controller_get_message (self->controller) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simple.resume-draft",
                                 reading && cartable_mail_controller_get_message (self->controller) != NULL &&
                                 cartable_mail_controller_get_message_is_draft (self->controller));
}

/* Writing and replying: the same composer as the full version. */
/* With @resume, the draft open is written on (« Reprendre ») and @kind
 * does not count. */
static void
compose (CartableSimpleView  *self,
         CartableComposeKind  kind,
         gboolean             resume)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  CartableSessions *sessions = cartable_composer_launcher_find_sessions (GTK_WIDGET (self));
  CartableMessage *message = cartable_mail_controller_get_message (self->controller);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (sessions == NULL || (kind != CARTABLE_COMPOSE_NEW && message == NULL) ||
      (resume && !cartable_mail_controller_get_message_is_draft (self->controller)))
    return;

  if (resume &&
      cartable_composer_launcher_resume_draft (sessions, parent, cartable_mail_controller_get_account_id (self->controller),
                                               message, &error) == NULL)
    text = g_strdup_printf (_("Cannot resume the draft: %s"), error->message);
  else if (!resume && cartable_composer_launcher_compose (sessions, parent, kind, message, &error) == NULL)
    text = g_strdup_printf (_("Cannot write a message: %s"), error->message);
  if (text != NULL)
    cartable_toast_show (GTK_WIDGET (self), adw_toast_new (text));
}

/* « Reprendre »: the draft open, in the composer. */
static void
resume_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  compose (CARTABLE_SIMPLE_VIEW (widget), CARTABLE_COMPOSE_REPLY, TRUE);
}

/* simple.write and simple.reply. */
static void
write_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  compose (CARTABLE_SIMPLE_VIEW (widget),
           g_str_equal (action_name, "simple.reply") ? CARTABLE_COMPOSE_REPLY : CARTABLE_COMPOSE_NEW, FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  close_message (CARTABLE_SIMPLE_VIEW (widget));
}

/* ------------------------------------------------------------ object */

static void
cartable_simple_view_dispose (GObject *object)
{
  CartableSimpleView *self = CARTABLE_SIMPLE_VIEW (object);

  g_clear_handle_id (&self->focus_idle, g_source_remove);
  set_tree (self, NULL);
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  self->controller = NULL;  /* the parent's, released there */
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

  /* One message at a time, one row per conversation. */
  cartable_mail_view_class_set_pipeline (CARTABLE_MAIL_VIEW_CLASS (klass), FALSE, TRUE, list_changed, list_loaded,
                                         NULL, message_failed, message_loaded, account_changed, sessions_changed);

  /* "inbox" or "sent": the mail listed. */
  properties[PROP_BOX] =
    g_param_spec_string ("box", NULL, NULL, "inbox",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, reader);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, reply_button);
  gtk_widget_class_bind_template_child (widget_class, CartableSimpleView, resume_button);

  gtk_widget_class_install_property_action (widget_class, "simple.box", "box");
  gtk_widget_class_install_action (widget_class, "simple.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "simple.write", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "simple.reply", NULL, write_action);
  gtk_widget_class_install_action (widget_class, "simple.resume-draft", NULL, resume_draft_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "simple.write", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "simple.reply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "simple.resume-draft", NULL);
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

  self->controller = cartable_mail_view_get_controller (CARTABLE_MAIL_VIEW (self));
  cartable_mail_view_set_error_pages (CARTABLE_MAIL_VIEW (self), self->list_error,
                                      N_("The mail could not be opened. Check your connection."), self->message_error,
                                      N_("The message could not be downloaded. Check your connection, "
                                         "go back and open it again."));
  g_signal_connect (self->controller, "notify::selection", G_CALLBACK (selection_cb), self);

  menu = cartable_primary_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, menu);

  factory = cartable_message_row_factory_new (TRUE);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->message_list_view, factory);
  g_signal_connect (self->message_list_view, "activate", G_CALLBACK (row_activated_cb), self);

  self->message_header = cartable_message_pane_get_header (self->reader);
  cartable_conversation_set_large (cartable_message_pane_get_conversation (self->reader), TRUE);

  /* F6 between the headers, the list and the message; Tab passes over the
   * list and the body of the message in one step. */
  cartable_region_mark (gtk_widget_get_ancestor (GTK_WIDGET (self->menu_button), ADW_TYPE_HEADER_BAR),
                        CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->list_stack), CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->message_list_view), CARTABLE_REGION_ONE_STOP);
  cartable_region_mark (gtk_widget_get_ancestor (self->back_button, ADW_TYPE_HEADER_BAR), CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->reader), CARTABLE_REGION_STOP);
  cartable_region_mark (cartable_html_view_get_web_view (cartable_message_pane_get_html_view (self->reader)),
                        CARTABLE_REGION_ONE_STOP);

  gtk_stack_set_visible_child_name (self->list_stack, "loading");
  update_actions (self);
}

const char *
cartable_simple_view_get_account_id (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return cartable_mail_controller_get_account_id (self->controller);
}

/* The folder of the message open, else the folder listed. */
const char *
cartable_simple_view_get_folder_name (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return cartable_mail_controller_get_message_uid (self->controller) != NULL
         ? cartable_mail_controller_get_message_folder (self->controller)
         : cartable_mail_controller_get_folder_name (self->controller);
}

const char *
cartable_simple_view_get_message_uid (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return cartable_mail_controller_get_message_uid (self->controller);
}

CartableMessage *
cartable_simple_view_get_message (CartableSimpleView *self)
{
  g_return_val_if_fail (CARTABLE_IS_SIMPLE_VIEW (self), NULL);
  return cartable_mail_controller_get_message (self->controller);
}

void
cartable_simple_view_show_message (CartableSimpleView *self,
                                   const char         *account_id,
                                   const char         *folder_name,
                                   const char         *uid)
{
  CartableFolderItem *item = NULL;

  g_return_if_fail (CARTABLE_IS_SIMPLE_VIEW (self));

  if (cartable_mail_controller_lookup_session (self->controller, account_id) == NULL)
    return;

  if (g_strcmp0 (cartable_mail_controller_get_account_id (self->controller), account_id) != 0)
    {
      close_message (self);
      cartable_mail_controller_set_account_id (self->controller, account_id);
      choose_account (self);
    }

  if (self->tree != NULL && folder_name != NULL)
    item = cartable_folder_tree_find (self->tree, folder_name);
  set_box (self, item != NULL && cartable_folder_item_get_role (item) == CARTABLE_FOLDER_ROLE_SENT
                 ? "sent" : "inbox");
  update_box (self);

  if (uid != NULL && folder_name != NULL)
    {
      if (g_strcmp0 (cartable_mail_controller_get_message_uid (self->controller), uid) != 0 ||
          g_strcmp0 (cartable_mail_controller_get_message_folder (self->controller), folder_name) != 0)
        open_message (self, folder_name, uid, FALSE);
    }
  else if (cartable_mail_controller_get_message_uid (self->controller) != NULL)
    close_message (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-main-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-toast.h"
#include "cartable-main-view.h"
#include "cartable-composer-launcher.h"
#include "cartable-folder-dialogs.h"
#include "cartable-html-view.h"
#include "cartable-mail-controller.h"
#include "cartable-mail-display.h"
#include "cartable-mail-format.h"
#include "cartable-mail-search-bar.h"
#include "cartable-mail-sidebar.h"
#include "cartable-message-actions.h"
#include "cartable-message-header.h"
#include "cartable-message-list-pane.h"
#include "cartable-message-pane.h"
#include "cartable-message-row.h"
#include "common/cartable-regions.h"
#include "shell/cartable-primary-menu.h"
#include "shell/cartable-section.h"
#include "mail/cartable-mail-search.h"

/* How long the selection rests before its message loads: longer than a
 * held key's repeat, short enough not to be seen after a click. */
#define SELECTION_SETTLE_MS 100

/*
 * The window's content once an account exists, in three panes: the
 * accounts with their folders, the message list of the chosen folder, and
 * the chosen message. The leaflet folds into one pane at a time in a narrow
 * window.
 */
struct _CartableMainView
{
  CartableMailView      parent_instance;

  /* The account, the folder shown (several messages selected at once:
   * cartable-message-actions.c) and the message shown. */
  CartableMailController *controller;  /* the parent's */
  CartableFolderRole    folder_role;
  guint                 focus_idle;
  guint                 focus_tries;
  char                 *pending_uid;      /* handed over, shown once the list is loaded */
  guint                 load_timeout;     /* the selection settling before its message loads */
  char                 *settle_uid;       /* the message selected last, loaded once it rests */
  char                 *settle_folder;    /* and its folder */
  gboolean              settle_seen;
  /* A search over every folder: its results stand for the folder's list. */
  CartableSearchResults *results;
  GtkSelectionModel    *results_selection;

  AdwToastOverlay      *toast_overlay;
  AdwToast             *undo_toast;   /* weak: the toast whose « Annuler » is the last command's */
  AdwLeaflet           *leaflet;
  CartableMailSidebar  *sidebar;
  CartableMessageListPane *list_pane;
  GtkWidget            *message_pane;
  GtkToggleButton      *search_button;   /* the list pane's */
  CartableMailSearchBar *search_bar;   /* the list pane's */
  gboolean              focus_list_when_shown;  /* the search closed with the keyboard in it */
  gboolean              focus_list_when_listed; /* shown with the focus nowhere: the list takes it */
  gboolean              focus_message_when_shown; /* opened with Enter: the keyboard goes to read it */
  GtkListView          *message_list_view;   /* the list pane's */
  GtkStack             *message_stack;
  AdwStatusPage        *message_error;
  CartableMessagePane  *reader;
  AdwStatusPage        *multi_status;
  AdwStatusPage        *none_status;
};

static void cartable_main_view_section_init (CartableSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableMainView, cartable_main_view, CARTABLE_TYPE_MAIL_VIEW,
                               G_IMPLEMENT_INTERFACE (CARTABLE_TYPE_SECTION, cartable_main_view_section_init))

static void update_actions  (CartableMainView *self);
static void apply_search    (CartableMainView *self);

/* ------------------------------------------------------------ strings */

static void
show_toast (CartableMainView *self,
            const char       *text)
{
  cartable_toast_add (self->toast_overlay, adw_toast_new (text));
}

/* One toast with « Annuler » at a time: the last command is the one it
 * takes back, and its toast is not queued behind an older one. */
static void
add_undo_toast (CartableMainView *self,
                AdwToast         *toast)
{
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_set_weak_pointer (&self->undo_toast, toast);
  cartable_toast_add (self->toast_overlay, toast);
}

/* Deleted, archived, marked as junk: said, with « Annuler » (Ctrl+Z). */
static void
notice_cb (CartableMailController *controller,
           const char             *text,
           gboolean                undoable,
           CartableMainView       *self)
{
  AdwToast *toast = adw_toast_new (text);

  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "mail.undo");
      add_undo_toast (self, toast);
      return;
    }
  cartable_toast_add (self->toast_overlay, toast);
}

static CartableSessions *
get_sessions (CartableMainView *self)
{
  return cartable_mail_controller_get_sessions (self->controller);
}

static CartableAccountSession *
lookup_session (CartableMainView *self,
                const char       *account_id)
{
  return cartable_mail_controller_lookup_session (self->controller, account_id);
}

/* The folders of @account_id, or NULL while it is not set up. */
static CartableFolderTree *
lookup_tree (CartableMainView *self,
             const char       *account_id)
{
  CartableAccountSession *session = lookup_session (self, account_id);

  return session != NULL ? cartable_account_session_get_folder_tree (session) : NULL;
}

static const char *
get_account_id (CartableMainView *self)
{
  return cartable_mail_controller_get_account_id (self->controller);
}

static const char *
get_folder_name (CartableMainView *self)
{
  return cartable_mail_controller_get_folder_name (self->controller);
}

static CartableMessageList *
get_list (CartableMainView *self)
{
  return cartable_mail_controller_get_message_list (self->controller);
}

/* The selection of the folder's list. */
static GtkSelectionModel *
get_list_selection (CartableMainView *self)
{
  return cartable_mail_controller_get_selection (self->controller);
}

/* The selection of what the list view shows: the folder's list, or the
 * results of a search over every folder. */
static GtkSelectionModel *
get_selection (CartableMainView *self)
{
  return self->results_selection != NULL ? self->results_selection : get_list_selection (self);
}

static CartableMessage *
get_message (CartableMainView *self)
{
  return cartable_mail_controller_get_message (self->controller);
}

/* ------------------------------------------------------------ message */

/* How @message's text writes @words, or NULL. */
static char *
dup_body_spelling (CartableMessage *message,
                   const char      *words)
{
  char *spelling = cartable_mail_search_dup_spelling (cartable_message_get_text_body (message), words);

  return spelling != NULL ? spelling : cartable_mail_search_dup_spelling (cartable_message_get_html_body (message), words);
}

/* The words searched, marked in the message shown: as its text writes
 * them (« écluse » for "ecluse"); words found apart, the longest of them;
 * else as typed. */
static void
highlight_search (CartableMainView *self)
{
  CartableHtmlView *html = cartable_message_pane_get_html_view (self->reader);
  g_autofree char *words = cartable_mail_search_bar_dup_words (self->search_bar);
  g_autofree char *spelling = NULL;
  CartableMessage *message = get_message (self);

  if (words != NULL && message != NULL)
    spelling = dup_body_spelling (message, words);
  if (spelling == NULL && words != NULL && message != NULL && strchr (words, ' ') != NULL)
    {
      g_auto(GStrv) each = g_strsplit (words, " ", -1);
      const char *longest = "";

      for (guint i = 0; each[i] != NULL; i++)
        if (strlen (each[i]) > strlen (longest))
          longest = each[i];
      spelling = dup_body_spelling (message, longest);
    }
  cartable_html_view_set_highlight (html, spelling != NULL ? spelling : words);
}

/* Above a conversation's last message, the pane shows its earlier ones. */
static void
show_conversation (CartableMainView *self)
{
  CartableConversation *conversation = cartable_message_pane_get_conversation (self->reader);
  g_autoptr(GPtrArray) earlier = cartable_mail_controller_dup_earlier_messages (self->controller);

  if (earlier == NULL)
    cartable_conversation_clear (conversation);
  else
    cartable_conversation_show (conversation, cartable_mail_controller_get_folder (self->controller), earlier);
}

static void
show_message (CartableMainView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->message_stack))) ||
                       self->focus_message_when_shown;

  /* The header, the remote-content bar, the body and the attachments. */
  cartable_message_pane_set_message (self->reader, get_message (self));
  cartable_message_pane_set_draft (self->reader, cartable_mail_controller_get_message_is_draft (self->controller));
  highlight_search (self);
  show_conversation (self);
  /* A stack hands the keyboard it held to the new page's first control,
   * the selectable subject, which then shows all selected: the body takes
   * it instead, where arrows and Page Down scroll. */
  self->focus_message_when_shown = FALSE;
  if (had_focus && root != NULL)
    gtk_root_set_focus (root, NULL);
  gtk_stack_set_visible_child_name (self->message_stack, "message");
  if (had_focus)
    gtk_widget_grab_focus (cartable_message_pane_get_body (self->reader));
  update_actions (self);
}

static void
message_loaded (CartableMailView *view)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (view);

  show_message (self);
}

static CartableMessageSummary *
dup_selected_summary (CartableMainView *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (get_selection (self) == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (get_selection (self));
  if (gtk_bitset_is_empty (selected))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (get_selection (self)), gtk_bitset_get_minimum (selected));
}

/* The selection has rested: its message is fetched and marked read. The
 * message chosen is kept, not read back from the selection, which a
 * rebuilding list may have emptied meanwhile. */
static gboolean
load_selected_cb (gpointer user_data)
{
  CartableMainView *self = user_data;
  g_autofree char *uid = g_steal_pointer (&self->settle_uid);

  self->load_timeout = 0;
  if (uid == NULL || cartable_message_actions_count (get_selection (self)) > 1)
    return G_SOURCE_REMOVE;

  cartable_mail_controller_load_message (self->controller,
                                         self->settle_folder != NULL ? self->settle_folder : get_folder_name (self),
                                         uid, !self->settle_seen);
  return G_SOURCE_REMOVE;
}

/* The folder of @summary: its own for a search result, else the one listed. */
static const char *
get_summary_folder (CartableMainView       *self,
                    CartableMessageSummary *summary)
{
  const char *folder = cartable_message_summary_get_folder_name (summary);

  return folder != NULL ? folder : get_folder_name (self);
}

static void
follow_selection (CartableMainView *self)
{
  GtkSelectionModel *selection = get_selection (self);
  g_autoptr(CartableMessageSummary) summary = dup_selected_summary (self);
  guint count = cartable_message_actions_count (selection);

  /* Several messages: say how many; the actions apply to all of them. */
  if (count > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message selected",
                                                             "%u messages selected", count), count);
      adw_status_page_set_title (self->multi_status, title);
      gtk_stack_set_visible_child_name (self->message_stack, "multiple");
      update_actions (self);
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->message_stack), "multiple") == 0)
    gtk_stack_set_visible_child_name (self->message_stack, get_message (self) != NULL ? "message" : "none");

  if (summary == NULL)
    {
      /* The same message may only have moved in the list: what is shown
       * or about to load stays. */
      if (get_message (self) == NULL)
        gtk_stack_set_visible_child_name (self->message_stack, "none");
      update_actions (self);
      return;
    }

  if (get_message (self) != NULL &&
      g_strcmp0 (cartable_message_get_uid (get_message (self)), cartable_message_summary_get_uid (summary)) == 0 &&
      g_strcmp0 (cartable_mail_controller_get_message_folder (self->controller), get_summary_folder (self, summary)) == 0)
    {
      g_clear_handle_id (&self->load_timeout, g_source_remove);
      g_clear_pointer (&self->settle_uid, g_free);
      update_actions (self);
      return;
    }

  /* Loaded once the selection rests: walking down the list with a held
   * key neither fetches nor marks read every message it passes. */
  cartable_mail_controller_close_message (self->controller);
  g_free (self->settle_uid);
  self->settle_uid = g_strdup (cartable_message_summary_get_uid (summary));
  g_free (self->settle_folder);
  self->settle_folder = g_strdup (get_summary_folder (self, summary));
  self->settle_seen = cartable_message_summary_get_seen (summary);
  g_clear_handle_id (&self->load_timeout, g_source_remove);
  self->load_timeout = g_timeout_add (SELECTION_SETTLE_MS, load_selected_cb, self);
  update_actions (self);
}

static void
selection_changed_cb (CartableMailController *controller,
                      guint                   position,
                      guint                   n_items,
                      CartableMainView       *self)
{
  if (self->results_selection == NULL)
    follow_selection (self);
}

static void
results_selection_changed_cb (GtkSelectionModel *selection,
                              guint              position,
                              guint              n_items,
                              CartableMainView  *self)
{
  follow_selection (self);
}

static void
message_activated_cb (GtkListView      *list_view,
                      guint             position,
                      CartableMainView *self)
{
  g_autoptr(CartableMessageSummary) summary = NULL;
  CartableMessage *message = get_message (self);

  if (get_selection (self) != NULL)
    summary = g_list_model_get_item (G_LIST_MODEL (get_selection (self)), position);

  adw_leaflet_set_visible_child (self->leaflet, self->message_pane);
  /* Enter opens the message to read it: the keyboard goes to its text, now
   * or once it is loaded. */
  if (summary != NULL && message != NULL &&
      g_strcmp0 (cartable_message_get_uid (message), cartable_message_summary_get_uid (summary)) == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->message_stack), "message") == 0)
    gtk_widget_grab_focus (cartable_html_view_get_web_view (cartable_message_pane_get_html_view (self->reader)));
  else
    self->focus_message_when_shown = TRUE;
}

/* ------------------------------------------------------------ list rows */

static GdkContentProvider *drag_prepare_cb (GtkDragSource    *source,
                                            double            x,
                                            double            y,
                                            CartableMainView *self);

/* The row itself under the pointer, rather than the text it carries. */
static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *grid = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (grid);

  gtk_drag_source_set_icon (source, paintable, 12, 12);
}

/* Dragged to a folder of the sidebar: the selected messages move there. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CartableMainView         *self)
{
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), NULL);
  gtk_widget_add_controller (gtk_list_item_get_child (item), GTK_EVENT_CONTROLLER (drag));
}

/* In Sent, Drafts and the Outbox, a row names the recipients. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CartableMainView         *self)
{
  CartableMessageRow *row = CARTABLE_MESSAGE_ROW (gtk_list_item_get_child (item));
  CartableMessageSummary *summary = gtk_list_item_get_item (item);
  const char *folder = cartable_message_summary_get_folder_name (summary);
  CartableFolderTree *tree = cartable_mail_controller_get_folder_tree (self->controller);
  CartableFolderItem *found = folder != NULL && tree != NULL ? cartable_folder_tree_find (tree, folder) : NULL;

  cartable_message_row_set_folder_role (row, self->folder_role);
  /* A search over every folder: each row says where its message is. */
  cartable_message_row_set_folder_label (row, found != NULL ? cartable_folder_item_get_display_name (found) : folder);
}

/* The position of @row in the list, or GTK_INVALID_LIST_POSITION. */
static guint
get_row_position (CartableMainView *self,
                  GtkWidget        *row)
{
  CartableMessageSummary *summary = cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (row));
  int position;

  if (summary != NULL && self->results != NULL)
    position = cartable_search_results_find (self->results, get_summary_folder (self, summary),
                                             cartable_message_summary_get_uid (summary));
  else if (summary == NULL || get_list (self) == NULL)
    return GTK_INVALID_LIST_POSITION;
  else
    position = cartable_message_list_find (get_list (self), cartable_message_summary_get_uid (summary));
  return position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION;
}

/* ------------------------------------------------------------ folder */

static void
update_list_page (CartableMainView *self)
{
  gboolean loading;
  double progress;
  guint n_shown;

  if (get_list (self) == NULL)
    return;

  loading = cartable_message_list_get_loading (get_list (self));
  progress = cartable_message_list_get_progress (get_list (self));
  n_shown = g_list_model_get_n_items (self->results != NULL ? G_LIST_MODEL (self->results) : G_LIST_MODEL (get_list (self)));
  /* The folder's list, whole underneath, is not what the results wait for. */
  if (self->results != NULL)
    loading = FALSE;

  /* The first synchronisation of a big folder takes a while: say how far. */
  if (loading && progress >= 0)
    {
      /* Translators: the folder's synchronisation progress, e.g. "Réception… 45 %". */
      g_autofree char *subtitle = g_strdup_printf (_("Receiving… %d %%"), (int) (progress * 100));
      cartable_message_list_pane_set_subtitle (self->list_pane, subtitle);
    }
  else if (self->results != NULL)
    /* The results come from every folder, not the one in the title. */
    cartable_message_list_pane_set_subtitle (self->list_pane, C_("search scope", "All Folders"));
  else
    cartable_message_list_pane_set_subtitle (self->list_pane, loading ? _("Receiving…") : NULL);

  if (n_shown > 0)
    {
      cartable_message_list_pane_show_page (self->list_pane, "list");
      if (self->focus_list_when_listed)
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
          GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

          /* Unless the user went somewhere else meanwhile. */
          self->focus_list_when_listed = FALSE;
          if (focus == NULL || !gtk_widget_get_mapped (focus) ||
              gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar)))
            gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view));
        }
      if (self->focus_list_when_shown)
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

          self->focus_list_when_shown = FALSE;
          if (root != NULL && gtk_root_get_focus (root) == GTK_WIDGET (self->search_button))
            gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view));
        }
    }
  else if (cartable_mail_search_bar_get_active (self->search_bar) && loading)
    {
      /* The filtered list is being rebuilt: what it shows stays until then
       * (no « Réception du courrier… » flashing at each word typed). */
    }
  else if (cartable_mail_search_bar_get_active (self->search_bar))
    {
      g_autofree char *searched = cartable_mail_search_bar_dup_description (self->search_bar);
      g_autofree char *description = NULL;

      if (cartable_mail_search_bar_get_searching (self->search_bar))
        /* Translators: %s is what is searched, e.g. « « sortie », non lus ». */
        description = g_strdup_printf (_("Nothing yet for %s. Searching the text of the messages…"), searched);
      else if (self->results != NULL)
        /* Translators: %s is what is searched, e.g. « « sortie », non lus ». */
        description = g_strdup_printf (_("Nothing matches %s in any folder."), searched);
      else
        /* Translators: %s is what is searched, e.g. « « sortie », non lus ». */
        description = g_strdup_printf (_("Nothing matches %s in this folder."), searched);
      cartable_message_list_pane_show_no_results (self->list_pane, description);
    }
  else
    cartable_message_list_pane_show_page (self->list_pane, loading ? "loading" : "empty");
  cartable_message_list_pane_set_loading (self->list_pane, loading);
}

/* The widget of a rebuilt row is made at the next layout: try until the
 * focus sits in the window again, for a few frames at most. */
static gboolean
restore_list_focus_cb (gpointer user_data)
{
  CartableMainView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (root == NULL || get_selection (self) == NULL || self->focus_tries++ >= 20 ||
      (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (root))))
    {
      self->focus_idle = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view));
  return G_SOURCE_CONTINUE;
}

static void
list_changed (CartableMailView *view,
              gboolean         items)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (view);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* A changed row (read, flagged) gets a new widget: when the keyboard
   * focus was on the old one, put it back on the list, on the selected
   * message, so arrow keys keep working. */
  if (items && focus != NULL && self->focus_idle == 0 &&
      (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->message_list_view)) ||
       !gtk_widget_is_ancestor (focus, GTK_WIDGET (root))))
    {
      self->focus_tries = 0;
      self->focus_idle = g_timeout_add (20, restore_list_focus_cb, self);
    }

  update_list_page (self);
  /* Messages gone from the list (deleted, archived, moved) leave the
   * selection without a word from it: the commands follow the list too. */
  if (items)
    update_actions (self);
}

/* The list pane says with its own illustration that the folder is empty,
 * loading or missing: the message pane's placeholder then keeps its words
 * and leaves out a second picture beside it. */
static void
list_page_cb (CartableMessageListPane *pane,
              GParamSpec              *pspec,
              CartableMainView        *self)
{
  gboolean listed = g_strcmp0 (cartable_message_list_pane_get_page (pane), "list") == 0;

  adw_status_page_set_icon_name (self->none_status, listed ? "mail-unread-symbolic" : NULL);
}

/* Shown (after the sign-in, at start, from the simple version): the
 * keyboard starts on the messages, the selected one or the first, never
 * on nothing. Until the list is there, on the folders. */
static void
mapped_cb (CartableMainView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = gtk_root_get_focus (root);

  if (focus != NULL && gtk_widget_get_mapped (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self->message_list_view)) &&
      gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view)))
    return;
  self->focus_list_when_listed = TRUE;
  if (!gtk_widget_child_focus (GTK_WIDGET (self->sidebar), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

/* The message handed over by the simple version, once its folder is listed. */
static void
show_pending_message (CartableMainView *self)
{
  g_autofree char *uid = NULL;
  int position;

  if (self->pending_uid == NULL || get_list (self) == NULL)
    return;

  uid = g_steal_pointer (&self->pending_uid);
  adw_leaflet_set_visible_child (self->leaflet, self->message_pane);
  position = cartable_message_list_find (get_list (self), uid);
  if (position >= 0)
    {
      gtk_selection_model_select_item (get_list_selection (self), position, TRUE);
      return;
    }

  /* Inside a conversation, not a row of its own: shown all the same. */
  cartable_mail_controller_load_message (self->controller, get_folder_name (self), uid, FALSE);
}

static void
list_loaded (CartableMailView *view,
             const GError     *error)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (view);

  if (error != NULL)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (get_list (self))) == 0)
        {
          cartable_message_list_pane_show_error (self->list_pane,
                                             _("The messages could not be received. Check your connection."));
          return;
        }
      show_toast (self, _("The folder could not be brought up to date. Check your connection."));
    }

  update_list_page (self);
  show_pending_message (self);
}

static void
clear_folder (CartableMainView *self)
{
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  g_clear_handle_id (&self->load_timeout, g_source_remove);
  g_clear_pointer (&self->settle_uid, g_free);
  g_clear_pointer (&self->settle_folder, g_free);
  cartable_mail_search_bar_set_message_list (self->search_bar, NULL);
  cartable_mail_controller_close_message (self->controller);
  cartable_mail_controller_close_folder (self->controller);
  g_clear_pointer (&self->pending_uid, g_free);
  self->focus_list_when_shown = FALSE;
  self->focus_message_when_shown = FALSE;
  gtk_stack_set_visible_child_name (self->message_stack, "none");
  cartable_mail_sidebar_set_selected (self->sidebar, NULL, NULL);
}

/* A folder's list, while it loads; or none. */
static void
message_list_cb (CartableMailController *controller,
                 GParamSpec             *pspec,
                 CartableMainView       *self)
{
  if (self->results_selection == NULL)
    gtk_list_view_set_model (self->message_list_view, get_list_selection (self));
  apply_search (self);
  if (get_list (self) == NULL)
    return;

  cartable_message_list_pane_show_page (self->list_pane, "loading");
  cartable_message_list_pane_set_loading (self->list_pane, TRUE);
}

static void
open_folder (CartableMainView *self,
             const char       *account_id,
             const char       *full_name)
{
  CartableFolderTree *tree = lookup_tree (self, account_id);
  CartableFolderItem *item;
  const char *title;

  if (tree == NULL)
    return;
  if (g_strcmp0 (get_account_id (self), account_id) == 0 && g_strcmp0 (get_folder_name (self), full_name) == 0)
    return;

  clear_folder (self);

  item = cartable_folder_tree_find (tree, full_name);
  if (item != NULL)
    {
      self->folder_role = cartable_folder_item_get_role (item);
      title = cartable_folder_item_get_display_name (item);
    }
  else if (g_ascii_strcasecmp (full_name, "INBOX") == 0)
    {
      /* The folder list is not loaded yet (a notification was clicked at
       * start-up): INBOX is the Inbox on every IMAP server. */
      self->folder_role = CARTABLE_FOLDER_ROLE_INBOX;
      title = cartable_folder_role_get_display_name (CARTABLE_FOLDER_ROLE_INBOX);
    }
  else
    {
      self->folder_role = CARTABLE_FOLDER_ROLE_NONE;
      title = full_name;
    }
  cartable_message_list_pane_set_title (self->list_pane, title);
  cartable_message_list_pane_set_subtitle (self->list_pane, NULL);

  cartable_message_list_pane_show_page (self->list_pane, "loading");
  cartable_message_list_pane_set_loading (self->list_pane, TRUE);
  cartable_mail_controller_open_folder (self->controller, account_id, full_name);
  cartable_mail_sidebar_set_selected (self->sidebar, account_id, full_name);
  update_actions (self);
}

/* ------------------------------------------------------------ sidebar */

static void
sidebar_folder_selected_cb (CartableMailSidebar *sidebar,
                            const char          *account_id,
                            const char          *full_name,
                            CartableMainView    *self)
{
  open_folder (self, account_id, full_name);
}

static void
sidebar_folder_activated_cb (CartableMailSidebar *sidebar,
                             const char          *account_id,
                             const char          *full_name,
                             CartableMainView    *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The user chose: the focus is theirs from now on. */
  self->focus_list_when_listed = FALSE;
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
  /* Folded, the folders are off screen: the keyboard follows to the list. */
  if (adw_leaflet_get_folded (self->leaflet) && root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->list_pane), GTK_DIR_TAB_FORWARD);
}

static gboolean move_uids    (CartableMainView   *self,
                              const char * const *uids,
                              const char         *destination);
static gboolean move_results (CartableMainView   *self,
                              const char         *destination);

/* What a drag of search results over every folder names as their folder:
 * each has its own, and the drop moves the results selected. */
#define RESULTS_DRAG_FOLDER ""

/* Messages dragged from the list onto a folder move there. */
static gboolean
sidebar_messages_dropped_cb (CartableMailSidebar *sidebar,
                             const char          *target_account,
                             const char          *target_folder,
                             const char          *data,
                             CartableMainView    *self)
{
  g_autofree char *account_id = NULL;
  g_autofree char *folder_name = NULL;
  g_auto(GStrv) uids = NULL;

  if (!cartable_message_actions_decode_drag (data, &account_id, &folder_name, &uids))
    return FALSE;
  /* Only between folders of the account shown. */
  if (g_strcmp0 (account_id, get_account_id (self)) != 0 || g_strcmp0 (account_id, target_account) != 0)
    return FALSE;

  if (g_str_equal (folder_name, RESULTS_DRAG_FOLDER))
    return self->results_selection != NULL && move_results (self, target_folder);
  if (g_strcmp0 (folder_name, get_folder_name (self)) != 0 || self->results_selection != NULL)
    return FALSE;
  return move_uids (self, (const char * const *) uids, target_folder);
}

static void
account_changed (CartableMailView *view,
                 const char       *account_id)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (view);

  /* The account shown left: forget its folder. */
  if (get_account_id (self) != NULL && lookup_session (self, get_account_id (self)) == NULL)
    {
      clear_folder (self);
      cartable_mail_controller_set_account_id (self->controller, NULL);
      cartable_message_list_pane_show_page (self->list_pane, "none");
    }

  /* The folder shown was read from the cache while connecting: now from the server. */
  if (g_strcmp0 (get_account_id (self), account_id) == 0)
    cartable_mail_controller_refresh (self->controller);
}

/* The accounts shown are those of other sessions. */
static void
sessions_changed (CartableMailView *view)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (view);
  CartableSessions *sessions = get_sessions (self);

  clear_folder (self);
  /* Accounts set up before the view followed them. */
  for (guint i = 0; sessions != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (sessions)); i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (G_LIST_MODEL (sessions), i);

      account_changed (view, cartable_account_session_get_account_id (session));
    }
  cartable_mail_sidebar_set_sessions (self->sidebar, sessions);
}

/* ------------------------------------------------------------ actions */

static void
update_actions (CartableMainView *self)
{
  g_autoptr(CartableMessageSummary) summary = dup_selected_summary (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.mark-read", summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.mark-unread", summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.delete", summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.archive", summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.junk", summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.flag", summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.move-to", summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.context-menu", summary != NULL);
}

/* ------------------------------------------------------------ moves */

/*
 * A move to one folder, from the folder listed or from the folders of the
 * search results (dragged onto a folder, or « Déplacer vers »): said in one
 * toast whose « Annuler » takes every message back where it was.
 */
typedef struct
{
  CartableMainView *self;          /* while the moves run */
  CartableMainView *view;          /* weak, once the toast holds this */
  char             *destination;
  char             *folder_label;
  guint             count;         /* messages moved */
  guint             pending;       /* folders still opening or moving, and the caller's hold */
  gboolean          failed;
  GPtrArray        *parts;         /* MovePart */
} MoveData;

/* The messages of one folder in a move, and for « Annuler » their
 * Message-IDs (a move gives them new uids). */
typedef struct
{
  MoveData           *move;        /* not a reference: the move holds its parts */
  CartableMailFolder *folder;
  char               *source;
  GArray             *message_ids;
  guint               count;
  gboolean            moved;
} MovePart;

static void
move_part_free (MovePart *part)
{
  g_clear_object (&part->folder);
  g_free (part->source);
  g_clear_pointer (&part->message_ids, g_array_unref);
  g_free (part);
}

static void
move_data_free (MoveData *data)
{
  g_clear_object (&data->self);
  g_clear_weak_pointer (&data->view);
  g_free (data->destination);
  g_free (data->folder_label);
  g_ptr_array_unref (data->parts);
  g_free (data);
}

/* A move to @destination of the account shown, or NULL when it has no
 * such folder. The caller holds it until every folder is started:
 * move_release(). */
static MoveData *
move_new (CartableMainView *self,
          const char       *destination)
{
  CartableFolderTree *tree = cartable_mail_controller_get_folder_tree (self->controller);
  CartableFolderItem *item = tree != NULL && destination != NULL ? cartable_folder_tree_find (tree, destination) : NULL;
  MoveData *data;

  if (item == NULL)
    return NULL;
  data = g_new0 (MoveData, 1);
  data->self = g_object_ref (self);
  data->destination = g_strdup (destination);
  data->folder_label = g_strdup (cartable_folder_item_get_display_name (item));
  data->pending = 1;
  data->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) move_part_free);
  return data;
}

static void
moved_back_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CartableMainView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_mail_folder_move_back_finish (CARTABLE_MAIL_FOLDER (source), result, &error))
    {
      g_message ("Moving messages back failed: %s", error->message);
      if (self != NULL)
        show_toast (self, _("The messages could not be moved back. Check your connection and try again."));
    }
}

/* « Annuler »: each folder's messages go back to it. */
static void
undo_move_cb (AdwToast *toast,
              MoveData *data)
{
  for (guint i = 0; i < data->parts->len; i++)
    {
      MovePart *part = g_ptr_array_index (data->parts, i);

      if (part->moved && part->message_ids->len > 0)
        cartable_mail_folder_move_back_async (part->folder, data->destination, part->message_ids, part->source,
                                              NULL, moved_back_cb,
                                              data->view != NULL ? g_object_ref (data->view) : NULL);
    }
}

/* Every folder is done: the toast says how many moved, with « Annuler ». */
static void
move_release (MoveData *data)
{
  CartableMainView *self = data->self;
  g_autofree char *text = NULL;
  gboolean undoable = FALSE;
  AdwToast *toast;

  if (--data->pending > 0)
    return;

  if (data->failed)
    show_toast (self, _("The messages could not be moved. Check your connection and try again."));
  if (data->count == 0)
    {
      move_data_free (data);
      return;
    }

  for (guint i = 0; i < data->parts->len; i++)
    {
      MovePart *part = g_ptr_array_index (data->parts, i);

      undoable |= part->moved && part->message_ids->len > 0;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message moved to %s", "%u messages moved to %s",
                                       data->count),
                          data->count, data->folder_label);
  toast = adw_toast_new (text);
  if (!undoable)
    {
      cartable_toast_add (self->toast_overlay, toast);
      move_data_free (data);
      return;
    }

  /* The toast lives in the view: it holds no reference to it. */
  g_set_weak_pointer (&data->view, self);
  data->self = NULL;
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_move_cb), data,
                         (GClosureNotify) (void (*) (void)) move_data_free, 0);
  add_undo_toast (self, toast);
  g_object_unref (self);
}

static void
moved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MovePart *part = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_mail_folder_transfer_finish (CARTABLE_MAIL_FOLDER (source), result, &error))
    {
      g_message ("Moving messages failed: %s", error->message);
      part->move->failed = TRUE;
    }
  else
    {
      part->moved = TRUE;
      part->move->count += part->count;
    }
  move_release (part->move);
}

/* @uids of @folder (@source) join the move. */
static void
move_add_folder (MoveData           *data,
                 CartableMailFolder *folder,
                 const char         *source,
                 const char * const *uids)
{
  MovePart *part;

  if (uids == NULL || uids[0] == NULL || g_strcmp0 (source, data->destination) == 0)
    return;

  part = g_new0 (MovePart, 1);
  part->move = data;
  part->folder = g_object_ref (folder);
  part->source = g_strdup (source);
  part->count = g_strv_length ((char **) uids);
  part->message_ids = cartable_mail_folder_dup_message_ids (folder, uids);
  g_ptr_array_add (data->parts, part);
  data->pending++;
  cartable_mail_folder_transfer_async (folder, uids, data->destination, TRUE, NULL, moved_cb, part);
}

/* ------------------------------------------------------------ actions on search results */

/* What to do with the selected results of one folder, once it is open:
 * @action, or joining @move. */
typedef struct
{
  CartableMainView   *self;
  char               *folder_name;
  GStrv               uids;
  CartableMailAction  action;
  MoveData           *move;   /* nullable */
} ResultsWork;

static void
results_work_free (ResultsWork *work)
{
  g_object_unref (work->self);
  g_free (work->folder_name);
  g_strfreev (work->uids);
  g_free (work);
}

static void
results_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CartableMainView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_mail_folder_apply_finish (CARTABLE_MAIL_FOLDER (source), result, &error))
    {
      g_message ("Acting on search results failed: %s", error->message);
      show_toast (self, _("The messages could not be changed. Check your connection and try again."));
    }
}

static void
results_folder_opened_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  ResultsWork *work = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailFolder) folder = cartable_mail_folder_open_finish (result, &error);
  const char * const *uids = (const char * const *) work->uids;

  if (folder == NULL)
    g_message ("Opening a folder of the search results failed: %s", error->message);
  if (work->move != NULL)
    {
      if (folder != NULL)
        move_add_folder (work->move, folder, work->folder_name, uids);
      else
        work->move->failed = TRUE;
      move_release (work->move);
    }
  else if (folder != NULL)
    cartable_mail_folder_apply_async (folder, uids, work->action, NULL, results_done_cb, g_object_ref (work->self));
  else
    show_toast (work->self, _("The messages could not be changed. Check your connection and try again."));
  results_work_free (work);
}

/* Applies @action to the selected results, each in its own folder, or,
 * with @move, moves them (those already in its destination stay). */
static void
act_on_results (CartableMainView   *self,
                CartableMailAction  action,
                MoveData           *move)
{
  CartableFolderTree *tree = cartable_mail_controller_get_folder_tree (self->controller);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->results_selection);
  g_autoptr(GHashTable) by_folder = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_strv_builder_unref);
  GHashTableIter iter;
  gpointer folder, builder;
  GtkBitsetIter bits;
  guint position;

  if (tree == NULL)
    return;
  for (gboolean more = gtk_bitset_iter_init_first (&bits, selected, &position); more;
       more = gtk_bitset_iter_next (&bits, &position))
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->results_selection), position);
      const char *name = get_summary_folder (self, summary);
      GStrvBuilder *uids = g_hash_table_lookup (by_folder, name);

      /* Already there. */
      if (move != NULL && g_strcmp0 (name, move->destination) == 0)
        continue;
      if (uids == NULL)
        {
          uids = g_strv_builder_new ();
          g_hash_table_insert (by_folder, g_strdup (name), uids);
        }
      g_strv_builder_add (uids, cartable_message_summary_get_uid (summary));
    }

  g_hash_table_iter_init (&iter, by_folder);
  while (g_hash_table_iter_next (&iter, &folder, &builder))
    {
      ResultsWork *work = g_new0 (ResultsWork, 1);

      work->self = g_object_ref (self);
      work->folder_name = g_strdup (folder);
      work->uids = g_strv_builder_end (builder);
      work->action = action;
      work->move = move;
      if (move != NULL)
        move->pending++;
      cartable_mail_folder_open_async (tree, folder, NULL, results_folder_opened_cb, work);
    }
}

/* A card of the conversation holding the keyboard: @action is for its
 * message alone, whose card goes when @action takes the message away. */
static gboolean
apply_to_focused_card (CartableMainView   *self,
                       CartableMailAction  action,
                       gboolean            removes)
{
  CartableConversationCard *card = cartable_conversation_find_focused_card (GTK_WIDGET (self));
  const char *uids[] = { NULL, NULL };

  if (card == NULL)
    return FALSE;

  uids[0] = cartable_message_summary_get_uid (cartable_conversation_card_get_summary (card));
  cartable_mail_controller_apply (self->controller, uids, action);
  if (removes)
    cartable_conversation_remove_card (cartable_message_pane_get_conversation (self->reader), card);
  return TRUE;
}

static void
apply_to_selection (CartableMainView   *self,
                    CartableMailAction  action)
{
  g_autoptr(GPtrArray) uids = NULL;

  if (apply_to_focused_card (self, action, FALSE))
    return;
  if (self->results_selection != NULL)
    {
      act_on_results (self, action, NULL);
      return;
    }
  uids = cartable_message_actions_dup_uids (get_selection (self), get_list (self));
  if (uids == NULL)
    return;
  cartable_mail_controller_apply (self->controller, (const char * const *) uids->pdata, action);
}

static void
mark_read_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  apply_to_selection (CARTABLE_MAIN_VIEW (widget), CARTABLE_MAIL_ACTION_MARK_READ);
}

static void
mark_unread_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  apply_to_selection (CARTABLE_MAIN_VIEW (widget), CARTABLE_MAIL_ACTION_MARK_UNREAD);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (widget);

  if (apply_to_focused_card (self, CARTABLE_MAIL_ACTION_DELETE, TRUE))
    return;
  apply_to_selection (self, CARTABLE_MAIL_ACTION_DELETE);
  cartable_mail_controller_close_message (self->controller);
  gtk_stack_set_visible_child_name (self->message_stack, "none");
}

/* Archive, junk: the messages leave the folder, as with delete. */
static void
remove_selection (CartableMainView   *self,
                  CartableMailAction  action)
{
  if (apply_to_focused_card (self, action, TRUE))
    return;
  apply_to_selection (self, action);
  cartable_mail_controller_close_message (self->controller);
  gtk_stack_set_visible_child_name (self->message_stack, "none");
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  remove_selection (CARTABLE_MAIN_VIEW (widget), CARTABLE_MAIL_ACTION_ARCHIVE);
}

static void
junk_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  remove_selection (CARTABLE_MAIN_VIEW (widget), CARTABLE_MAIL_ACTION_JUNK);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cartable_mail_controller_undo (CARTABLE_MAIN_VIEW (widget)->controller);
}

/* Flags the selected messages, or unflags them when the first one is. */
static void
flag_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (widget);
  g_autoptr(CartableMessageSummary) summary = dup_selected_summary (self);

  if (summary == NULL)
    return;
  apply_to_selection (self, cartable_message_summary_get_flagged (summary) ? CARTABLE_MAIL_ACTION_UNFLAG
                                                                           : CARTABLE_MAIL_ACTION_FLAG);
}

/* The messages shown leave: no message shown, none about to load. */
static void
forget_message (CartableMainView *self)
{
  g_clear_handle_id (&self->load_timeout, g_source_remove);
  g_clear_pointer (&self->settle_uid, g_free);
  cartable_mail_controller_close_message (self->controller);
  gtk_stack_set_visible_child_name (self->message_stack, "none");
}

/* Moves @uids of the folder listed to @destination. */
static gboolean
move_uids (CartableMainView   *self,
           const char * const *uids,
           const char         *destination)
{
  CartableMailFolder *folder = cartable_mail_controller_get_folder (self->controller);
  MoveData *data;

  if (folder == NULL || uids == NULL || uids[0] == NULL || g_strcmp0 (destination, get_folder_name (self)) == 0)
    return FALSE;
  data = move_new (self, destination);
  if (data == NULL)
    return FALSE;

  move_add_folder (data, folder, get_folder_name (self), uids);
  move_release (data);
  forget_message (self);
  return TRUE;
}

/* Moves the selected search results, each from its own folder, to
 * @destination. */
static gboolean
move_results (CartableMainView *self,
              const char       *destination)
{
  MoveData *data = move_new (self, destination);

  if (data == NULL)
    return FALSE;
  act_on_results (self, CARTABLE_MAIL_ACTION_MARK_READ, data);
  move_release (data);
  forget_message (self);
  return TRUE;
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (widget);
  g_autoptr(GPtrArray) uids = NULL;

  if (self->results_selection != NULL)
    {
      move_results (self, g_variant_get_string (parameter, NULL));
      return;
    }
  uids = cartable_message_actions_dup_uids (get_selection (self), get_list (self));
  if (uids != NULL)
    move_uids (self, (const char * const *) uids->pdata, g_variant_get_string (parameter, NULL));
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource    *source,
                 double            x,
                 double            y,
                 CartableMainView *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GPtrArray) uids = NULL;
  g_autofree char *text = NULL;
  guint position;

  if (get_selection (self) == NULL || get_account_id (self) == NULL ||
      (get_folder_name (self) == NULL && self->results_selection == NULL))
    return NULL;
  position = get_row_position (self, row);
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  /* A row outside the selection is dragged alone. */
  if (!gtk_selection_model_is_selected (get_selection (self), position))
    gtk_selection_model_select_item (get_selection (self), position, TRUE);

  if (self->results_selection != NULL)
    {
      /* Each result in its own folder: the drop moves the selection. */
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (get_selection (self)), position);
      const char *uid[] = { cartable_message_summary_get_uid (summary), NULL };

      text = cartable_message_actions_encode_drag (get_account_id (self), RESULTS_DRAG_FOLDER, uid);
      return gdk_content_provider_new_typed (G_TYPE_STRING, text);
    }
  uids = cartable_message_actions_dup_uids (get_selection (self), get_list (self));
  if (uids == NULL)
    return NULL;
  text = cartable_message_actions_encode_drag (get_account_id (self), get_folder_name (self),
                                               (const char * const *) uids->pdata);
  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
popup_context_menu (CartableMainView *self,
                    GtkWidget        *anchor,
                    double            x,
                    double            y)
{
  g_autoptr(CartableMessageSummary) summary = dup_selected_summary (self);
  g_autoptr(GMenuModel) menu = NULL;
  CartableFolderTree *tree = NULL;

  if (summary == NULL)
    return;
  tree = lookup_tree (self, get_account_id (self));
  menu = cartable_message_actions_menu_new (tree, get_summary_folder (self, summary),
                                            cartable_message_summary_get_flagged (summary));
  cartable_message_list_pane_popup_menu (self->list_pane, menu, anchor, x, y);
}

/* The row widget (ours) at or around @widget, or NULL. */
static GtkWidget *
find_row (GtkWidget *widget,
          GtkWidget *list)
{
  for (GtkWidget *w = widget; w != NULL && w != list; w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (CARTABLE_IS_MESSAGE_ROW (w))
        return w;
      if (child != NULL && CARTABLE_IS_MESSAGE_ROW (child))
        return child;
    }
  return NULL;
}

/* A row clicked outside the selection becomes the selection. */
static void
select_row (CartableMainView *self,
            GtkWidget        *row)
{
  guint position = get_row_position (self, row);

  if (position != GTK_INVALID_LIST_POSITION &&
      !gtk_selection_model_is_selected (get_selection (self), position))
    gtk_selection_model_select_item (get_selection (self), position, TRUE);
}

static void
list_right_click_cb (GtkGestureClick  *gesture,
                     int               n_press,
                     double            x,
                     double            y,
                     CartableMainView *self)
{
  GtkWidget *list = GTK_WIDGET (self->message_list_view);
  GtkWidget *row = find_row (gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT), list);

  if (row == NULL || get_selection (self) == NULL)
    return;
  select_row (self, row);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* The list's own row took the press first and marked itself pressed;
   * claimed here, it never sees the release: without this it would keep
   * that look beside the next message chosen. */
  for (GtkWidget *w = row; w != NULL && w != list; w = gtk_widget_get_parent (w))
    gtk_widget_unset_state_flags (w, GTK_STATE_FLAG_ACTIVE);
  popup_context_menu (self, list, x, y);
}

/* The Menu key, Shift+F10: the menu of the focused row. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *list = GTK_WIDGET (self->message_list_view);
  GtkWidget *row = NULL;

  if (get_selection (self) == NULL)
    return;
  if (root != NULL && gtk_root_get_focus (root) != NULL)
    row = find_row (gtk_root_get_focus (root), list);
  if (row != NULL)
    {
      select_row (self, row);
      popup_context_menu (self, row, 24, gtk_widget_get_height (row) / 2.0);
    }
  else
    popup_context_menu (self, list, 24, 24);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Ctrl+F: the search bar opens with the focus in it. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_pane));
  cartable_mail_search_bar_focus (self->search_bar);
}

/* mail.show-folder « (account id, folder full name) »: that folder listed
 * and selected in the sidebar. */
static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *account_id;
  const char *full_name;

  g_variant_get (parameter, "(&s&s)", &account_id, &full_name);
  cartable_main_view_show_message (CARTABLE_MAIN_VIEW (widget), account_id, full_name, NULL);
}

/* The search bar (cartable-mail-search-bar.c) filters the folder's list. */
static void
apply_search (CartableMainView *self)
{
  cartable_mail_search_bar_set_folder_tree (self->search_bar, cartable_mail_controller_get_folder_tree (self->controller));
  cartable_mail_search_bar_set_message_list (self->search_bar, get_list (self));
}

static void
results_changed_cb (GListModel       *model,
                    guint             position,
                    guint             removed,
                    guint             added,
                    CartableMainView *self)
{
  update_list_page (self);
  update_actions (self);
}

/* A search over every folder: its results in the list view, in place of
 * the folder's list, and back. */
static void
search_results_cb (CartableMailSearchBar *bar,
                   GParamSpec            *pspec,
                   CartableMainView      *self)
{
  CartableSearchResults *results = cartable_mail_search_bar_get_results (bar);

  if (results == self->results)
    return;
  if (self->results != NULL)
    g_signal_handlers_disconnect_by_data (self->results, self);
  if (self->results_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->results_selection, self);
  g_clear_object (&self->results_selection);
  g_set_object (&self->results, results);
  if (results != NULL)
    {
      self->results_selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (results))));
      g_signal_connect (self->results_selection, "selection-changed", G_CALLBACK (results_selection_changed_cb), self);
      g_signal_connect (results, "items-changed", G_CALLBACK (results_changed_cb), self);
    }
  gtk_list_view_set_model (self->message_list_view, get_selection (self));
  update_list_page (self);
  update_actions (self);
}

static void
search_state_cb (CartableMailSearchBar *bar,
                 GParamSpec            *pspec,
                 CartableMainView      *self)
{
  update_list_page (self);
  highlight_search (self);
}

/* The search closed (Escape, the button) with the keyboard in it: back to
 * the list, not lost in a hidden field (on the button while the whole list
 * comes back after « Aucun message trouvé »). */
static void
search_mode_cb (CartableMailSearchBar *bar,
                GParamSpec            *pspec,
                CartableMainView      *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->focus_list_when_shown = FALSE;
  if (root == NULL || cartable_mail_search_bar_get_search_mode (bar))
    return;
  if ((focus == NULL || !gtk_widget_get_mapped (focus) || gtk_widget_is_ancestor (focus, GTK_WIDGET (bar))) &&
      !gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_button));
      self->focus_list_when_shown = TRUE;
    }
}

/* Down in the search field: into the results, on the selected message or
 * the first one. */
static void
search_move_to_results_cb (CartableMailSearchBar *bar,
                           CartableMainView      *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (get_selection (self) == NULL || g_list_model_get_n_items (G_LIST_MODEL (get_selection (self))) == 0)
    return;

  selected = gtk_selection_model_get_selection (get_selection (self));
  if (gtk_bitset_is_empty (selected))
    gtk_selection_model_select_item (get_selection (self), 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view));
}

/* ------------------------------------------------------------ object */

static void
cartable_main_view_dispose (GObject *object)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (object);

  if (self->controller != NULL)
    {
      clear_folder (self);
      g_signal_handlers_disconnect_by_data (self->controller, self);
      self->controller = NULL;  /* the parent's, released there */
    }
  if (self->results != NULL)
    g_signal_handlers_disconnect_by_data (self->results, self);
  if (self->results_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->results_selection, self);
  g_clear_object (&self->results_selection);
  g_clear_object (&self->results);
  g_clear_pointer (&self->pending_uid, g_free);
  g_clear_weak_pointer (&self->undo_toast);

  /* AdwBin unparents its child itself: no template disposal here. */
  G_OBJECT_CLASS (cartable_main_view_parent_class)->dispose (object);
}

static void
cartable_main_view_class_init (CartableMainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Several messages selected at once, in threads. */
  cartable_mail_view_class_set_pipeline (CARTABLE_MAIL_VIEW_CLASS (klass), TRUE, TRUE, list_changed, list_loaded,
                                         NULL, NULL, message_loaded, account_changed, sessions_changed);
  object_class->dispose = cartable_main_view_dispose;

  g_type_ensure (CARTABLE_TYPE_MAIL_SEARCH_BAR);
  g_type_ensure (CARTABLE_TYPE_MAIL_SIDEBAR);
  g_type_ensure (CARTABLE_TYPE_MESSAGE_LIST_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-main-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, message_pane);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, message_stack);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, message_error);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, reader);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, multi_status);
  gtk_widget_class_bind_template_child (widget_class, CartableMainView, none_status);

  gtk_widget_class_install_action (widget_class, "mail.mark-read", NULL, mark_read_action);
  gtk_widget_class_install_action (widget_class, "mail.mark-unread", NULL, mark_unread_action);
  gtk_widget_class_install_action (widget_class, "mail.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "mail.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "mail.junk", NULL, junk_action);
  gtk_widget_class_install_action (widget_class, "mail.flag", NULL, flag_action);
  gtk_widget_class_install_action (widget_class, "mail.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "mail.move-to", "s", move_to_action);
  gtk_widget_class_install_action (widget_class, "mail.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "mail.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "mail.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "mail.show-folder", "(ss)", show_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "mail.search", NULL);
  /* New, rename, delete a folder, empty the Trash: cartable-folder-dialogs.c. */
  cartable_folder_actions_install (widget_class);

  /* The menus show the last one: Delete, not the keypad's. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "mail.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "mail.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "mail.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mail.mark-unread", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mail.mark-read", NULL);
}

static void
cartable_main_view_init (CartableMainView *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->search_button = cartable_message_list_pane_get_search_button (self->list_pane);
  self->search_bar = cartable_message_list_pane_get_search_bar (self->list_pane);
  self->message_list_view = cartable_message_list_pane_get_list_view (self->list_pane);
  cartable_mail_view_set_error_pages (CARTABLE_MAIL_VIEW (self),
                                      cartable_message_list_pane_get_error_page (self->list_pane),
                                      N_("The folder could not be opened. Check your connection."),
                                      self->message_error,
                                      N_("The message could not be downloaded. Check your connection "
                                         "and choose it again."));

  self->controller = cartable_mail_view_get_controller (CARTABLE_MAIL_VIEW (self));
  g_signal_connect (self->controller, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self->controller, "notice", G_CALLBACK (notice_cb), self);
  g_signal_connect (self->controller, "notify::message-list", G_CALLBACK (message_list_cb), self);

  menu = cartable_primary_menu_new ();
  cartable_mail_sidebar_set_menu_model (self->sidebar, menu);

  factory = cartable_message_row_factory_new (FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->message_list_view, factory);
  gtk_list_view_set_single_click_activate (self->message_list_view, FALSE);
  g_signal_connect (self->message_list_view, "activate", G_CALLBACK (message_activated_cb), self);

  /* The list's own keys (A archive, J junk, S flag, Menu and Shift+F10 for
   * the context menu) and its right click: cartable-message-actions.c. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    GtkGesture *click = gtk_gesture_click_new ();
    static const struct { guint key; GdkModifierType mods; const char *action; } list_keys[] = {
      { GDK_KEY_a, 0, "mail.archive" },
      { GDK_KEY_j, 0, "mail.junk" },
      { GDK_KEY_s, 0, "mail.flag" },
      { GDK_KEY_Menu, 0, "mail.context-menu" },
      { GDK_KEY_F10, GDK_SHIFT_MASK, "mail.context-menu" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (list_keys); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (list_keys[i].key, list_keys[i].mods),
                                                              gtk_named_action_new (list_keys[i].action)));
    gtk_widget_add_controller (GTK_WIDGET (self->message_list_view), keys);

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (list_right_click_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->message_list_view), GTK_EVENT_CONTROLLER (click));
  }

  /* The message pane's header and the message for F6; Tab passes over the
   * body of the message (links and text are read with the arrows). */
  cartable_region_mark (gtk_widget_get_first_child (self->message_pane), CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->message_stack), CARTABLE_REGION_STOP);
  cartable_region_mark (cartable_html_view_get_web_view (cartable_message_pane_get_html_view (self->reader)),
                        CARTABLE_REGION_ONE_STOP);

  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  g_signal_connect (self->list_pane, "notify::page", G_CALLBACK (list_page_cb), self);
  list_page_cb (self->list_pane, NULL, self);
  g_signal_connect (self->sidebar, "folder-selected", G_CALLBACK (sidebar_folder_selected_cb), self);
  g_signal_connect (self->sidebar, "folder-activated", G_CALLBACK (sidebar_folder_activated_cb), self);
  g_signal_connect (self->sidebar, "messages-dropped", G_CALLBACK (sidebar_messages_dropped_cb), self);
  g_signal_connect (self->search_bar, "notify::active", G_CALLBACK (search_state_cb), self);
  g_signal_connect (self->search_bar, "notify::searching", G_CALLBACK (search_state_cb), self);
  g_signal_connect (self->search_bar, "move-to-results", G_CALLBACK (search_move_to_results_cb), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_cb), self);
  g_signal_connect (self->search_bar, "notify::results", G_CALLBACK (search_results_cb), self);

  /* Writing (composer): « Écrire » and « Boîte d’envoi » buttons, the
   * compose.* actions and their shortcuts (cartable-composer-launcher.c). */
  cartable_composer_launcher_install (GTK_WIDGET (self));

  update_actions (self);
}

/* The message shown, or NULL. */
CartableMessage *
cartable_main_view_get_message (CartableMainView *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIN_VIEW (self), NULL);
  return get_message (self);
}

/* The account and folder shown, or NULL. */
const char *
cartable_main_view_get_account_id (CartableMainView *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIN_VIEW (self), NULL);
  return get_account_id (self);
}

const char *
cartable_main_view_get_folder_name (CartableMainView *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIN_VIEW (self), NULL);
  return get_folder_name (self);
}

/**
 * cartable_main_view_show_message:
 * @uid: (nullable): the message to open, or %NULL for the folder alone
 *
 * Takes the user where another view left them: @folder_name of
 * @account_id listed and, with @uid, that message open.
 */
void
cartable_main_view_show_message (CartableMainView *self,
                                 const char       *account_id,
                                 const char       *folder_name,
                                 const char       *uid)
{
  g_return_if_fail (CARTABLE_IS_MAIN_VIEW (self));

  if (folder_name == NULL || lookup_tree (self, account_id) == NULL)
    return;

  if (g_strcmp0 (get_account_id (self), account_id) != 0 || g_strcmp0 (get_folder_name (self), folder_name) != 0 ||
      get_list (self) == NULL)
    {
      open_folder (self, account_id, folder_name);
      g_free (self->pending_uid);
      self->pending_uid = g_strdup (uid);
      return;
    }

  g_free (self->pending_uid);
  self->pending_uid = g_strdup (uid);
  show_pending_message (self);
}

/* The « Courrier » section of the full version --------------------------- */

static const char *
cartable_main_view_get_title (CartableSection *section)
{
  return C_("section", "Mail");
}

static const char *
cartable_main_view_get_icon_name (CartableSection *section)
{
  return "mail-unread-symbolic";
}

static void
cartable_main_view_set_switcher (CartableSection      *section,
                                 AdwViewSwitcherTitle *switcher)
{
  CartableMainView *self = CARTABLE_MAIN_VIEW (section);
  GtkWidget *header = gtk_widget_get_first_child (self->message_pane);

  /* The message pane's header spans most of a wide window. Folded, the
   * view shows one pane at a time: the window's bar at the bottom takes
   * the switcher over. */
  g_assert (ADW_IS_HEADER_BAR (header));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (switcher));
  g_object_bind_property (self->leaflet, "folded", switcher, "view-switcher-enabled",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
cartable_main_view_section_init (CartableSectionInterface *iface)
{
  iface->get_title = cartable_main_view_get_title;
  iface->get_icon_name = cartable_main_view_get_icon_name;
  iface->set_switcher = cartable_main_view_set_switcher;
}

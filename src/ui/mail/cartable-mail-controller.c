/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-mail-controller.h"

/* What « Annuler » takes back: messages that left @source for @destination
 * (Trash, Archive, Junk), found again there by their Message-IDs. */
typedef struct
{
  CartableMailFolder *folder;
  char               *source;
  char               *destination;
  GArray             *message_ids;
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->folder);
  g_free (undo->source);
  g_free (undo->destination);
  g_clear_pointer (&undo->message_ids, g_array_unref);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undo, undo_free)

struct _CartableMailController
{
  GObject               parent_instance;

  gboolean              multiple;   /* several messages selected at once */
  gboolean              threaded;   /* one row per conversation */
  CartableSessions     *sessions;
  GPtrArray            *watched;    /* the CartableAccountSession followed */
  char                 *account_id;

  /* The folder listed. */
  char                 *folder_name;
  CartableMailFolder   *folder;
  CartableMessageList  *message_list;
  GtkSelectionModel    *selection;
  GCancellable         *folder_cancellable;
  gboolean              list_from_server;  /* the list was synchronised with the server */

  /* The message open: its place as soon as it is asked for, the message
   * once loaded. */
  char                 *message_folder;
  char                 *message_uid;
  CartableMessage      *message;
  GCancellable         *message_cancellable;
  guint                 message_generation;   /* bumped when the message asked for changes */

  Undo                 *undo;   /* the last removal, while it can be undone */
};

G_DEFINE_FINAL_TYPE (CartableMailController, cartable_mail_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MULTIPLE,
  PROP_THREADED,
  PROP_SESSIONS,
  PROP_ACCOUNT_ID,
  PROP_FOLDER_NAME,
  PROP_MESSAGE_LIST,
  PROP_SELECTION,
  PROP_MESSAGE_UID,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LIST_CHANGED,
  LIST_LOADED,
  FOLDER_FAILED,
  MESSAGE_FAILED,
  SELECTION_CHANGED,
  ACCOUNT_CHANGED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ helpers */

static void
note_error (CartableMailController *self,
            const char             *what,
            const GError           *error)
{
  CartableAccountSession *session = cartable_mail_controller_get_session (self);

  g_message ("%s failed: %s", what, error->message);
  if (session != NULL)
    cartable_account_session_note_error (session, error);
}

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cartable_mail_folder_apply_finish (CARTABLE_MAIL_FOLDER (source), result, &error))
    g_message ("Marking a message failed: %s", error->message);
}

static void
apply_to_folder (CartableMailFolder *folder,
                 const char * const *uids,
                 CartableMailAction  action)
{
  cartable_mail_folder_apply_async (folder, uids, action, NULL, applied_cb, NULL);
}

/* ------------------------------------------------------------ message */

/* A message fetch in flight is never cancelled: Camel's IMAP connection
 * warns, and loses track of the answer, when the body it asked for arrives
 * after its job was cancelled. A fetch that was superseded ends normally
 * and its message is dropped. */
typedef struct
{
  GWeakRef controller;
  guint    generation;
} MessageLoad;

static void
message_load_free (MessageLoad *load)
{
  g_weak_ref_clear (&load->controller);
  g_free (load);
}

static void
message_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MessageLoad *load = user_data;
  g_autoptr(CartableMailController) self = g_weak_ref_get (&load->controller);
  gboolean current = self != NULL && load->generation == self->message_generation;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMessage) message = NULL;

  message_load_free (load);
  message = cartable_mail_folder_load_message_finish (CARTABLE_MAIL_FOLDER (source), result, &error);
  if (!current)
    return;
  if (message == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      note_error (self, "Loading a message", error);
      g_signal_emit (self, signals[MESSAGE_FAILED], 0, error);
      return;
    }

  if (g_set_object (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
load_from (CartableMailController *self,
           CartableMailFolder     *folder,
           gboolean                mark_read)
{
  MessageLoad *load = g_new0 (MessageLoad, 1);

  g_weak_ref_init (&load->controller, self);
  load->generation = self->message_generation;
  /* The load first, then the flag, in the order the server is asked. */
  cartable_mail_folder_load_message_async (folder, self->message_uid, NULL, message_loaded_cb, load);
  if (mark_read)
    {
      const char *uids[] = { self->message_uid, NULL };

      apply_to_folder (folder, uids, CARTABLE_MAIL_ACTION_MARK_READ);
    }
}

typedef struct
{
  CartableMailController *self;
  gboolean                mark_read;
} MessageFolder;

static void
message_folder_opened_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  MessageFolder *data = user_data;
  CartableMailController *self = data->self;
  gboolean mark_read = data->mark_read;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartableMailFolder) folder = NULL;

  g_free (data);
  folder = cartable_mail_folder_open_finish (result, &error);
  if (folder == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      note_error (self, "Loading a message", error);
      g_signal_emit (self, signals[MESSAGE_FAILED], 0, error);
      return;
    }

  load_from (self, folder, mark_read);
}

void
cartable_mail_controller_load_message (CartableMailController *self,
                                       const char             *folder_name,
                                       const char             *uid,
                                       gboolean                mark_read)
{
  CartableFolderTree *tree;
  MessageFolder *data;

  g_return_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self));
  g_return_if_fail (folder_name != NULL && uid != NULL);

  cartable_mail_controller_close_message (self);
  self->message_folder = g_strdup (folder_name);
  self->message_uid = g_strdup (uid);
  self->message_cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_UID]);

  /* The listed folder is at hand; another one (a message handed over by
   * the other version) is opened first, from the offline cache. */
  if (self->folder != NULL && g_strcmp0 (folder_name, self->folder_name) == 0)
    {
      load_from (self, self->folder, mark_read);
      return;
    }

  tree = cartable_mail_controller_get_folder_tree (self);
  if (tree == NULL)
    return;
  data = g_new0 (MessageFolder, 1);
  data->self = self;
  data->mark_read = mark_read;
  cartable_mail_folder_open_async (tree, folder_name, self->message_cancellable,
                                   message_folder_opened_cb, data);
}

void
cartable_mail_controller_close_message (CartableMailController *self)
{
  g_return_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self));

  g_cancellable_cancel (self->message_cancellable);
  g_clear_object (&self->message_cancellable);
  self->message_generation++;
  g_clear_pointer (&self->message_folder, g_free);
  if (self->message_uid != NULL)
    {
      g_clear_pointer (&self->message_uid, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_UID]);
    }
  if (self->message != NULL)
    {
      g_clear_object (&self->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

/* ------------------------------------------------------------ folder */

static void
list_items_changed_cb (GListModel             *model,
                       guint                   position,
                       guint                   removed,
                       guint                   added,
                       CartableMailController *self)
{
  g_signal_emit (self, signals[LIST_CHANGED], 0, TRUE);
}

static void
list_loading_cb (CartableMessageList    *list,
                 GParamSpec             *pspec,
                 CartableMailController *self)
{
  g_signal_emit (self, signals[LIST_CHANGED], 0, FALSE);
}

static void
selection_changed_cb (GtkSelectionModel      *selection,
                      guint                   position,
                      guint                   n_items,
                      CartableMailController *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0, position, n_items);
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CartableMailController *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_message_list_load_finish (CARTABLE_MESSAGE_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      note_error (self, "Loading the folder", error);
    }

  g_signal_emit (self, signals[LIST_LOADED], 0, error);
}

static void
load_list (CartableMailController *self)
{
  self->list_from_server = cartable_mail_controller_get_online (self);
  cartable_message_list_load_async (self->message_list, self->list_from_server,
                                    self->folder_cancellable, list_loaded_cb, self);
}

static GtkSelectionModel *
new_selection (CartableMailController *self)
{
  GListModel *model = g_object_ref (G_LIST_MODEL (self->message_list));
  GtkSingleSelection *single;

  if (self->multiple)
    return GTK_SELECTION_MODEL (gtk_multi_selection_new (model));

  single = gtk_single_selection_new (model);
  gtk_single_selection_set_autoselect (single, FALSE);
  gtk_single_selection_set_can_unselect (single, TRUE);
  gtk_single_selection_set_selected (single, GTK_INVALID_LIST_POSITION);
  return GTK_SELECTION_MODEL (single);
}

static void
folder_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CartableMailController *self = user_data;
  g_autoptr(GError) error = NULL;

  self->folder = cartable_mail_folder_open_finish (result, &error);
  if (self->folder == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      note_error (self, "Opening the folder", error);
      g_signal_emit (self, signals[FOLDER_FAILED], 0, error);
      return;
    }

  self->message_list = cartable_mail_folder_new_message_list (self->folder);
  if (self->threaded)
    cartable_message_list_set_threaded (self->message_list, TRUE);
  self->selection = new_selection (self);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self->message_list, "items-changed", G_CALLBACK (list_items_changed_cb), self);
  g_signal_connect (self->message_list, "notify::loading", G_CALLBACK (list_loading_cb), self);
  g_signal_connect (self->message_list, "notify::progress", G_CALLBACK (list_loading_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_LIST]);

  load_list (self);
}

gboolean
cartable_mail_controller_open_folder (CartableMailController *self,
                                      const char             *account_id,
                                      const char             *full_name)
{
  CartableFolderTree *tree;

  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), FALSE);
  g_return_val_if_fail (account_id != NULL && full_name != NULL, FALSE);

  if (g_strcmp0 (self->account_id, account_id) == 0 && g_strcmp0 (self->folder_name, full_name) == 0 &&
      self->folder_cancellable != NULL)
    return FALSE;

  cartable_mail_controller_set_account_id (self, account_id);
  tree = cartable_mail_controller_get_folder_tree (self);
  if (tree == NULL)
    return FALSE;

  cartable_mail_controller_close_folder (self);
  self->folder_name = g_strdup (full_name);
  self->folder_cancellable = g_cancellable_new ();
  cartable_mail_folder_open_async (tree, full_name, self->folder_cancellable, folder_opened_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER_NAME]);
  return TRUE;
}

void
cartable_mail_controller_close_folder (CartableMailController *self)
{
  gboolean had_list;

  g_return_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self));

  g_cancellable_cancel (self->folder_cancellable);
  g_clear_object (&self->folder_cancellable);

  had_list = self->message_list != NULL;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->message_list != NULL)
    g_signal_handlers_disconnect_by_data (self->message_list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->message_list);
  g_clear_object (&self->folder);
  self->list_from_server = FALSE;
  if (had_list)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_LIST]);
    }
  if (self->folder_name != NULL)
    {
      g_clear_pointer (&self->folder_name, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER_NAME]);
    }
}

void
cartable_mail_controller_refresh (CartableMailController *self)
{
  g_return_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self));

  if (self->message_list != NULL && !self->list_from_server && cartable_mail_controller_get_online (self))
    load_list (self);
}

/**
 * cartable_mail_controller_dup_earlier_messages:
 *
 * Returns: (transfer full) (element-type CartableMessageSummary) (nullable):
 *   the other messages of the conversation of the message open, oldest
 *   first, when it is a row of the folder listed; %NULL otherwise
 */
GPtrArray *
cartable_mail_controller_dup_earlier_messages (CartableMailController *self)
{
  GPtrArray *earlier;
  const char *uid;
  int position;

  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);

  if (self->message == NULL || self->message_list == NULL || self->folder == NULL ||
      g_strcmp0 (self->message_folder, self->folder_name) != 0)
    return NULL;
  uid = cartable_message_get_uid (self->message);
  position = uid != NULL ? cartable_message_list_find (self->message_list, uid) : -1;
  if (position < 0)
    return NULL;

  earlier = cartable_message_list_dup_thread_summaries (self->message_list, position);
  for (guint i = earlier->len; i > 0; i--)
    if (g_strcmp0 (cartable_message_summary_get_uid (earlier->pdata[i - 1]), uid) == 0)
      g_ptr_array_remove_index (earlier, i - 1);
  return earlier;
}

/* The sentence said once @count messages were removed by @action. */
static char *
format_removed (CartableMailAction action,
                guint              count)
{
  switch (action)
    {
    case CARTABLE_MAIL_ACTION_DELETE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message moved to the Trash",
                                           "%u messages moved to the Trash", count), count);
    case CARTABLE_MAIL_ACTION_ARCHIVE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message archived", "%u messages archived", count),
                              count);
    case CARTABLE_MAIL_ACTION_JUNK:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message marked as junk",
                                           "%u messages marked as junk", count), count);
    }
}

typedef struct
{
  GWeakRef            controller;
  CartableMailAction  action;
  guint               count;
  Undo               *undo;   /* nullable */
} Removal;

static void
removal_free (Removal *removal)
{
  g_weak_ref_clear (&removal->controller);
  g_clear_pointer (&removal->undo, undo_free);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removal, removal_free)

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  g_autoptr(CartableMailController) self = g_weak_ref_get (&removal->controller);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean undoable;

  if (!cartable_mail_folder_apply_finish (CARTABLE_MAIL_FOLDER (source), result, &error))
    {
      g_message ("Removing messages failed: %s", error->message);
      return;
    }
  if (self == NULL)
    return;

  undoable = removal->undo != NULL;
  g_clear_pointer (&self->undo, undo_free);
  self->undo = g_steal_pointer (&removal->undo);
  text = format_removed (removal->action, removal->count);
  g_signal_emit (self, signals[NOTICE], 0, text, undoable);
}

/* What « Annuler » needs, before the messages leave @uids's folder; NULL
 * when they would leave for good (deleted from the Trash) or nowhere. */
static Undo *
prepare_undo (CartableMailController *self,
              const char * const     *uids,
              CartableMailAction      action)
{
  CartableFolderTree *tree = cartable_mail_controller_get_folder_tree (self);
  CartableFolderRole role = action == CARTABLE_MAIL_ACTION_DELETE    ? CARTABLE_FOLDER_ROLE_TRASH
                            : action == CARTABLE_MAIL_ACTION_ARCHIVE ? CARTABLE_FOLDER_ROLE_ARCHIVE
                                                                     : CARTABLE_FOLDER_ROLE_JUNK;
  CartableFolderItem *item = tree != NULL ? cartable_folder_tree_find_role (tree, role) : NULL;
  Undo *undo;

  if (item == NULL || g_strcmp0 (cartable_folder_item_get_full_name (item), self->folder_name) == 0)
    return NULL;

  undo = g_new0 (Undo, 1);
  undo->folder = g_object_ref (self->folder);
  undo->source = g_strdup (self->folder_name);
  undo->destination = g_strdup (cartable_folder_item_get_full_name (item));
  undo->message_ids = cartable_mail_folder_dup_message_ids (self->folder, uids);
  if (undo->message_ids->len == 0)
    g_clear_pointer (&undo, undo_free);
  return undo;
}

void
cartable_mail_controller_apply (CartableMailController *self,
                                const char * const     *uids,
                                CartableMailAction      action)
{
  Removal *removal;

  g_return_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self));
  g_return_if_fail (uids != NULL);

  if (self->folder == NULL)
    return;
  if (action != CARTABLE_MAIL_ACTION_DELETE && action != CARTABLE_MAIL_ACTION_ARCHIVE &&
      action != CARTABLE_MAIL_ACTION_JUNK)
    {
      apply_to_folder (self->folder, uids, action);
      return;
    }

  /* Delete, archive, junk: said in a toast that can take them back. */
  removal = g_new0 (Removal, 1);
  g_weak_ref_init (&removal->controller, self);
  removal->action = action;
  removal->count = g_strv_length ((char **) uids);
  removal->undo = prepare_undo (self, uids, action);
  cartable_mail_folder_apply_async (self->folder, uids, action, NULL, removed_cb, removal);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CartableMailController) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_mail_folder_move_back_finish (CARTABLE_MAIL_FOLDER (source), result, &error))
    {
      g_message ("Moving messages back failed: %s", error->message);
      g_signal_emit (self, signals[NOTICE], 0,
                     _("The messages could not be moved back. Check your connection and try again."), FALSE);
    }
}

/**
 * cartable_mail_controller_undo:
 *
 * Takes the messages last deleted, archived or marked as junk back to the
 * folder they left.
 *
 * Returns: %FALSE when there is nothing to undo
 */
gboolean
cartable_mail_controller_undo (CartableMailController *self)
{
  g_autoptr(Undo) undo = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), FALSE);

  undo = g_steal_pointer (&self->undo);
  if (undo == NULL)
    return FALSE;
  cartable_mail_folder_move_back_async (undo->folder, undo->destination, undo->message_ids, undo->source, NULL,
                                        undone_cb, g_object_ref (self));
  return TRUE;
}

gboolean
cartable_mail_controller_get_can_undo (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), FALSE);
  return self->undo != NULL;
}

/* ------------------------------------------------------------ account */

void
cartable_mail_controller_set_account_id (CartableMailController *self,
                                         const char             *account_id)
{
  g_return_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;

  cartable_mail_controller_close_message (self);
  cartable_mail_controller_close_folder (self);
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

CartableAccountSession *
cartable_mail_controller_lookup_session (CartableMailController *self,
                                         const char             *account_id)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);

  if (self->sessions == NULL || account_id == NULL)
    return NULL;
  return cartable_sessions_lookup (self->sessions, account_id);
}

CartableAccountSession *
cartable_mail_controller_get_session (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return cartable_mail_controller_lookup_session (self, self->account_id);
}

gboolean
cartable_mail_controller_get_online (CartableMailController *self)
{
  CartableAccountSession *session;

  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), FALSE);

  session = cartable_mail_controller_get_session (self);
  return session != NULL && cartable_account_session_get_online (session);
}

/* Why the account cannot reach its mail, or NULL. */
const GError *
cartable_mail_controller_get_error (CartableMailController *self)
{
  CartableAccountSession *session;

  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);

  session = cartable_mail_controller_get_session (self);
  return session != NULL ? cartable_account_session_get_error (session) : NULL;
}

CartableFolderTree *
cartable_mail_controller_get_folder_tree (CartableMailController *self)
{
  CartableAccountSession *session;

  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);

  session = cartable_mail_controller_get_session (self);
  return session != NULL ? cartable_account_session_get_folder_tree (session) : NULL;
}

/* Relayed, so that a view follows its accounts through its controller alone. */
static void
session_changed_cb (CartableAccountSession *session,
                    CartableMailController *self)
{
  g_signal_emit (self, signals[ACCOUNT_CHANGED], 0, cartable_account_session_get_account_id (session));
}

static void
unwatch_sessions (CartableMailController *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

/* The sessions of accounts that left are said changed too: the views
 * forget what they showed of them. */
static void
sessions_items_changed_cb (GListModel             *sessions,
                           guint                   position,
                           guint                   removed,
                           guint                   added,
                           CartableMailController *self)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->watched->len; i++)
    {
      const char *account_id = cartable_account_session_get_account_id (g_ptr_array_index (self->watched, i));

      if (cartable_sessions_lookup (self->sessions, account_id) == NULL)
        g_ptr_array_add (gone, g_strdup (account_id));
    }

  unwatch_sessions (self);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      CartableAccountSession *session = g_list_model_get_item (sessions, i);

      g_ptr_array_add (self->watched, session);
      g_signal_connect (session, "changed", G_CALLBACK (session_changed_cb), self);
    }

  for (guint i = 0; i < gone->len; i++)
    g_signal_emit (self, signals[ACCOUNT_CHANGED], 0, g_ptr_array_index (gone, i));
}

void
cartable_mail_controller_set_sessions (CartableMailController *self,
                                       CartableSessions       *sessions)
{
  g_return_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self));
  g_return_if_fail (sessions == NULL || CARTABLE_IS_SESSIONS (sessions));

  if (self->sessions == sessions)
    return;

  cartable_mail_controller_set_account_id (self, NULL);
  unwatch_sessions (self);
  if (self->sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->sessions, self);
  g_set_object (&self->sessions, sessions);
  if (sessions != NULL)
    {
      g_signal_connect (sessions, "items-changed", G_CALLBACK (sessions_items_changed_cb), self);
      sessions_items_changed_cb (G_LIST_MODEL (sessions), 0, 0, 0, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS]);
}

/* ------------------------------------------------------------ getters */

CartableSessions *
cartable_mail_controller_get_sessions (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->sessions;
}

const char *
cartable_mail_controller_get_account_id (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->account_id;
}

const char *
cartable_mail_controller_get_folder_name (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->folder_name;
}

CartableMailFolder *
cartable_mail_controller_get_folder (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->folder;
}

CartableMessageList *
cartable_mail_controller_get_message_list (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->message_list;
}

GtkSelectionModel *
cartable_mail_controller_get_selection (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->selection;
}

const char *
cartable_mail_controller_get_message_folder (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->message_folder;
}

const char *
cartable_mail_controller_get_message_uid (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->message_uid;
}

/* The message open comes from the account's Drafts folder: it is resumed,
 * not answered. */
gboolean
cartable_mail_controller_get_message_is_draft (CartableMailController *self)
{
  CartableFolderTree *tree;
  CartableFolderItem *item;

  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), FALSE);

  tree = cartable_mail_controller_get_folder_tree (self);
  if (tree == NULL || self->message_folder == NULL)
    return FALSE;
  item = cartable_folder_tree_find (tree, self->message_folder);
  return item != NULL && cartable_folder_item_get_role (item) == CARTABLE_FOLDER_ROLE_DRAFTS;
}

CartableMessage *
cartable_mail_controller_get_message (CartableMailController *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_CONTROLLER (self), NULL);
  return self->message;
}

/* ------------------------------------------------------------ object */

static void
cartable_mail_controller_dispose (GObject *object)
{
  CartableMailController *self = CARTABLE_MAIL_CONTROLLER (object);

  g_cancellable_cancel (self->message_cancellable);
  g_clear_object (&self->message_cancellable);
  g_clear_object (&self->message);
  g_clear_pointer (&self->message_folder, g_free);
  g_clear_pointer (&self->message_uid, g_free);
  g_cancellable_cancel (self->folder_cancellable);
  g_clear_object (&self->folder_cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->message_list != NULL)
    g_signal_handlers_disconnect_by_data (self->message_list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->message_list);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->folder_name, g_free);
  g_clear_pointer (&self->account_id, g_free);
  if (self->watched != NULL)
    unwatch_sessions (self);
  if (self->sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->sessions, self);
  g_clear_object (&self->sessions);

  G_OBJECT_CLASS (cartable_mail_controller_parent_class)->dispose (object);
}

static void
cartable_mail_controller_finalize (GObject *object)
{
  CartableMailController *self = CARTABLE_MAIL_CONTROLLER (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->undo, undo_free);

  G_OBJECT_CLASS (cartable_mail_controller_parent_class)->finalize (object);
}

static void
cartable_mail_controller_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableMailController *self = CARTABLE_MAIL_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_MULTIPLE:
      g_value_set_boolean (value, self->multiple);
      break;
    case PROP_THREADED:
      g_value_set_boolean (value, self->threaded);
      break;
    case PROP_SESSIONS:
      g_value_set_object (value, self->sessions);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_FOLDER_NAME:
      g_value_set_string (value, self->folder_name);
      break;
    case PROP_MESSAGE_LIST:
      g_value_set_object (value, self->message_list);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_MESSAGE_UID:
      g_value_set_string (value, self->message_uid);
      break;
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_controller_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartableMailController *self = CARTABLE_MAIL_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_MULTIPLE:
      self->multiple = g_value_get_boolean (value);
      break;
    case PROP_THREADED:
      self->threaded = g_value_get_boolean (value);
      break;
    case PROP_SESSIONS:
      cartable_mail_controller_set_sessions (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_controller_class_init (CartableMailControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_mail_controller_dispose;
  object_class->finalize = cartable_mail_controller_finalize;
  object_class->get_property = cartable_mail_controller_get_property;
  object_class->set_property = cartable_mail_controller_set_property;

  properties[PROP_MULTIPLE] =
    g_param_spec_boolean ("multiple", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THREADED] =
    g_param_spec_boolean ("threaded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSIONS] =
    g_param_spec_object ("sessions", NULL, NULL, CARTABLE_TYPE_SESSIONS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER_NAME] =
    g_param_spec_string ("folder-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE_LIST] =
    g_param_spec_object ("message-list", NULL, NULL, CARTABLE_TYPE_MESSAGE_LIST,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, GTK_TYPE_SELECTION_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE_UID] =
    g_param_spec_string ("message-uid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, CARTABLE_TYPE_MESSAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list's rows or its loading state changed (@items: the rows). */
  signals[LIST_CHANGED] =
    g_signal_new ("list-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* A load of the list ended, with its error if it failed (not when cancelled). */
  signals[LIST_LOADED] =
    g_signal_new ("list-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[FOLDER_FAILED] =
    g_signal_new ("folder-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[MESSAGE_FAILED] =
    g_signal_new ("message-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* The selection model's own signal, followed across folders. */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* @account_id was added, changed state (its session's ::changed) or left. */
  signals[ACCOUNT_CHANGED] =
    g_signal_new ("account-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A sentence for the user (@text), about messages deleted, archived or
   * marked as junk; @undoable: cartable_mail_controller_undo() takes
   * them back. */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
cartable_mail_controller_init (CartableMailController *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
}

CartableMailController *
cartable_mail_controller_new (gboolean multiple,
                              gboolean threaded)
{
  return g_object_new (CARTABLE_TYPE_MAIL_CONTROLLER, "multiple", multiple, "threaded", threaded, NULL);
}

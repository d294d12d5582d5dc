/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-folder-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-toast.h"
#include "common/cartable-dialog-choice.h"
#include "mail/cartable-folder-name-dialog.h"
#include "cartable-folder-dialogs.h"
#include "cartable-mail-controller.h"

/*
 * The folder commands of the sidebar: a new folder, a rename, a deletion
 * and emptying the Trash, each an action of the main view with its dialog.
 * The sentences the dialogs show come from plain functions
 * (cartable-folder-names.c).
 */

/* ------------------------------------------------------------ the work */

typedef struct
{
  GtkWidget         *view;        /* owned */
  CartableFolderOp   op;
  CartableFolderRole role;        /* of the folder emptied */
  char              *account_id;
  char              *full_name;   /* the folder; the parent (or NULL) for a new one */
  char              *display_name;
  char              *new_name;
} FolderOpData;

static void
folder_op_data_free (gpointer user_data)
{
  FolderOpData *data = user_data;

  g_clear_object (&data->view);
  g_free (data->account_id);
  g_free (data->full_name);
  g_free (data->display_name);
  g_free (data->new_name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FolderOpData, folder_op_data_free)

/* The view's mail pipeline: the accounts, and the folder it lists. */
static CartableMailController *
get_controller (GtkWidget *view)
{
  g_autoptr(CartableMailController) controller = NULL;

  g_object_get (view, "controller", &controller, NULL);
  return controller;  /* still held by the view */
}

static CartableFolderTree *
lookup_tree (GtkWidget  *view,
             const char *account_id)
{
  CartableAccountSession *session = cartable_mail_controller_lookup_session (get_controller (view), account_id);

  return session != NULL ? cartable_account_session_get_folder_tree (session) : NULL;
}

static GtkWindow *
view_window (GtkWidget *view)
{
  GtkRoot *root = gtk_widget_get_root (view);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (GtkWidget  *view,
            const char *text)
{
  GtkWidget *overlay = adw_bin_get_child (ADW_BIN (view));

  if (ADW_IS_TOAST_OVERLAY (overlay))
    cartable_toast_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
show_error (GtkWidget  *view,
            const char *heading,
            const char *body)
{
  GtkWindow *window = view_window (view);
  GtkWidget *dialog;

  if (window == NULL)
    {
      g_message ("%s: %s", heading, body);
      return;
    }

  dialog = adw_message_dialog_new (window, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_set_name (dialog, "folder-error");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_op_error (FolderOpData *data,
               const GError *error)
{
  g_autofree char *heading = cartable_folder_error_heading (data->op, data->display_name);
  g_autofree char *body = cartable_folder_error_sentence (data->op, data->display_name, error);

  g_message ("Folder operation on %s failed: %s", data->display_name, error->message);
  show_error (data->view, heading, body);
}

static gboolean
account_online (GtkWidget  *view,
                const char *account_id)
{
  CartableAccountSession *session = cartable_mail_controller_lookup_session (get_controller (view), account_id);

  return session != NULL && cartable_account_session_get_online (session);
}

/* Whether the view shows @full_name of @account_id or one of its sub-folders. */
static gboolean
shows_folder (GtkWidget  *view,
              const char *account_id,
              const char *full_name)
{
  const char *shown_account = cartable_mail_controller_get_account_id (get_controller (view));
  const char *shown = cartable_mail_controller_get_folder_name (get_controller (view));
  gsize len = strlen (full_name);

  return g_strcmp0 (shown_account, account_id) == 0 && shown != NULL && g_str_has_prefix (shown, full_name) &&
         (shown[len] == '\0' || shown[len] == '/');
}

static void
show_inbox (GtkWidget          *view,
            const char         *account_id,
            CartableFolderTree *tree)
{
  CartableFolderItem *inbox = cartable_folder_tree_find_role (tree, CARTABLE_FOLDER_ROLE_INBOX);

  gtk_widget_activate_action (view, "mail.show-folder", "(ss)", account_id,
                              inbox != NULL ? cartable_folder_item_get_full_name (inbox) : "INBOX");
}

/* Shows @full_name of @account_id once the tree lists it. */
static void
select_after_refresh_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autoptr(GError) error = NULL;
  const char *shown;
  const char *target = NULL;
  g_autofree char *renamed_shown = NULL;

  if (!cartable_folder_tree_refresh_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    g_message ("Refreshing the folders failed: %s", error->message);

  shown = cartable_mail_controller_get_folder_name (get_controller (data->view));

  switch (data->op)
    {
    case CARTABLE_FOLDER_OP_CREATE:
      target = data->new_name;
      break;
    case CARTABLE_FOLDER_OP_RENAME:
      /* The selection follows the folder, or one of its sub-folders. */
      if (shows_folder (data->view, data->account_id, data->full_name))
        {
          g_autofree char *parent = cartable_folder_dup_parent_name (data->full_name);
          g_autofree char *renamed = parent != NULL ? g_strdup_printf ("%s/%s", parent, data->new_name)
                                                    : g_strdup (data->new_name);

          renamed_shown = g_strconcat (renamed, shown + strlen (data->full_name), NULL);
          target = renamed_shown;
        }
      break;
    case CARTABLE_FOLDER_OP_DELETE:
      /* The folder shown went away: the Inbox instead. */
      if (shows_folder (data->view, data->account_id, data->full_name))
        show_inbox (data->view, data->account_id, CARTABLE_FOLDER_TREE (source));
      break;
    case CARTABLE_FOLDER_OP_EMPTY:
    default:
      break;
    }

  if (target != NULL)
    gtk_widget_activate_action (data->view, "mail.show-folder", "(ss)", data->account_id, target);
}

static void
refresh_then_select (FolderOpData *data)
{
  CartableFolderTree *tree = lookup_tree (data->view, data->account_id);

  if (tree == NULL)
    {
      folder_op_data_free (data);
      return;
    }
  cartable_folder_tree_refresh_async (tree, FALSE, NULL, select_after_refresh_cb, data);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_name = NULL;

  full_name = cartable_folder_tree_create_finish (CARTABLE_FOLDER_TREE (source), result, &error);
  if (full_name == NULL)
    {
      show_op_error (data, error);
      /* Another computer may have made it: the list shows it then. */
      cartable_folder_tree_refresh_async (CARTABLE_FOLDER_TREE (source), TRUE, NULL, NULL, NULL);
      return;
    }

  g_free (data->new_name);
  data->new_name = g_steal_pointer (&full_name);
  refresh_then_select (g_steal_pointer (&data));
}

static void
renamed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_folder_tree_rename_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    {
      show_op_error (data, error);
      cartable_folder_tree_refresh_async (CARTABLE_FOLDER_TREE (source), TRUE, NULL, NULL, NULL);
      return;
    }
  refresh_then_select (g_steal_pointer (&data));
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_folder_tree_delete_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    {
      show_op_error (data, error);
      cartable_folder_tree_refresh_async (CARTABLE_FOLDER_TREE (source), TRUE, NULL, NULL, NULL);
      return;
    }
  refresh_then_select (g_steal_pointer (&data));
}

static void
emptied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_folder_tree_empty_trash_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    {
      show_op_error (data, error);
      return;
    }
  show_toast (data->view, _("The Trash was emptied"));
}

static void
junk_emptied_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_folder_tree_empty_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    {
      show_op_error (data, error);
      return;
    }
  show_toast (data->view, _("The Junk folder was emptied"));
}

/* ------------------------------------------------------------ the dialogs */

static void
name_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  CartableFolderNameDialog *dialog = CARTABLE_FOLDER_NAME_DIALOG (source);
  g_autofree char *response = cartable_dialog_choose_finish (ADW_MESSAGE_DIALOG (dialog), result);
  CartableFolderTree *tree;
  FolderOpData *work;

  if (g_strcmp0 (response, "create") != 0 && g_strcmp0 (response, "rename") != 0)
    return;
  if (!cartable_folder_name_dialog_get_valid (dialog))
    return;
  tree = lookup_tree (data->view, data->account_id);
  if (tree == NULL)
    return;

  data->new_name = cartable_folder_name_dialog_dup_new_name (dialog);
  work = g_steal_pointer (&data);
  if (work->op == CARTABLE_FOLDER_OP_CREATE)
    {
      g_free (work->display_name);
      work->display_name = g_strdup (work->new_name);
      cartable_folder_tree_create_async (tree, work->full_name, work->new_name, NULL, created_cb, work);
    }
  else
    cartable_folder_tree_rename_async (tree, work->full_name, work->new_name, NULL, renamed_cb, work);
}

static void
present_name_dialog (GtkWidget        *view,
                     CartableFolderOp  op,
                     const char       *account_id,
                     const char       *full_name,
                     const char       *display_name)
{
  CartableFolderTree *tree = lookup_tree (view, account_id);
  GtkWindow *window = view_window (view);
  FolderOpData *data;
  g_auto(GStrv) siblings = NULL;
  GtkWidget *dialog;

  if (tree == NULL || window == NULL)
    return;

  data = g_new0 (FolderOpData, 1);
  data->view = g_object_ref (view);
  data->op = op;
  data->account_id = g_strdup (account_id);
  data->full_name = full_name != NULL && *full_name != '\0' ? g_strdup (full_name) : NULL;
  data->display_name = g_strdup (display_name);

  if (op == CARTABLE_FOLDER_OP_CREATE)
    {
      siblings = cartable_folder_dup_sibling_names (tree, data->full_name, NULL);
      dialog = cartable_folder_name_dialog_new_create (window, data->full_name != NULL ? display_name : NULL,
                                                       (const char * const *) siblings);
    }
  else
    {
      g_autofree char *parent = cartable_folder_dup_parent_name (full_name);

      siblings = cartable_folder_dup_sibling_names (tree, parent, full_name);
      dialog = cartable_folder_name_dialog_new_rename (window, display_name, cartable_folder_leaf_name (full_name),
                                                       (const char * const *) siblings);
    }

  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (dialog), NULL, name_chosen_cb, data);
}

static void
confirmed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autofree char *response = cartable_dialog_choose_finish (ADW_MESSAGE_DIALOG (source), result);
  CartableFolderTree *tree;
  FolderOpData *work;

  if (g_strcmp0 (response, "delete") != 0 && g_strcmp0 (response, "empty") != 0)
    return;
  tree = lookup_tree (data->view, data->account_id);
  if (tree == NULL)
    return;

  work = g_steal_pointer (&data);
  if (work->op == CARTABLE_FOLDER_OP_DELETE)
    {
      /* Leave the folder first: its list stops reading it. */
      if (shows_folder (work->view, work->account_id, work->full_name))
        show_inbox (work->view, work->account_id, tree);
      cartable_folder_tree_delete_async (tree, work->full_name, NULL, deleted_cb, work);
    }
  else if (work->role == CARTABLE_FOLDER_ROLE_JUNK)
    cartable_folder_tree_empty_async (tree, work->full_name, NULL, junk_emptied_cb, work);
  else
    cartable_folder_tree_empty_trash_async (tree, NULL, emptied_cb, work);
}

static void
present_confirm_dialog (GtkWidget          *view,
                        CartableFolderOp    op,
                        const char         *account_id,
                        CartableFolderItem *item)
{
  GtkWindow *window = view_window (view);
  const char *display_name = cartable_folder_item_get_display_name (item);
  FolderOpData *data;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *response;

  if (window == NULL)
    return;

  data = g_new0 (FolderOpData, 1);
  data->view = g_object_ref (view);
  data->op = op;
  data->account_id = g_strdup (account_id);
  data->full_name = g_strdup (cartable_folder_item_get_full_name (item));
  data->display_name = g_strdup (display_name);
  data->role = cartable_folder_item_get_role (item);

  if (op == CARTABLE_FOLDER_OP_DELETE)
    {
      heading = g_strdup_printf (_("Delete “%s”?"), display_name);
      body = cartable_folder_delete_body (display_name, cartable_folder_item_get_total (item), FALSE);
      response = "delete";
    }
  else
    {
      heading = g_strdup (data->role == CARTABLE_FOLDER_ROLE_JUNK ? _("Empty the Junk Folder?")
                                                                  : _("Empty the Trash?"));
      body = cartable_folder_empty_body (cartable_folder_item_get_role (item), cartable_folder_item_get_total (item));
      response = "empty";
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body));
  gtk_widget_set_name (GTK_WIDGET (dialog), op == CARTABLE_FOLDER_OP_DELETE ? "folder-delete" : "folder-empty");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, response,
                                   op == CARTABLE_FOLDER_OP_DELETE ? _("_Delete") : _("_Empty"));
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  /* Enter must not destroy: the safe answer is the default. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  cartable_dialog_choose_async (dialog, NULL, confirmed_cb, data);
}

/* ------------------------------------------------------------ actions */

/* The counts the confirmation gives are asked of the server first: another
 * computer may have filled the folder since the list was read. */
static void
counted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FolderOpData) data = user_data;
  g_autoptr(GError) error = NULL;
  CartableFolderItem *item;

  if (!cartable_folder_tree_refresh_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    g_message ("Counting the messages of %s failed: %s", data->full_name, error->message);

  item = cartable_folder_tree_find (CARTABLE_FOLDER_TREE (source), data->full_name);
  if (item != NULL)
    present_confirm_dialog (data->view, data->op, data->account_id, item);
}

static void
count_then_confirm (GtkWidget        *view,
                    CartableFolderOp  op,
                    const char       *account_id,
                    const char       *full_name)
{
  FolderOpData *data = g_new0 (FolderOpData, 1);

  data->view = g_object_ref (view);
  data->op = op;
  data->account_id = g_strdup (account_id);
  data->full_name = g_strdup (full_name);
  cartable_folder_tree_refresh_async (lookup_tree (view, account_id), TRUE, NULL, counted_cb, data);
}

static gboolean
has_children (CartableFolderTree *tree,
              const char         *full_name)
{
  g_autofree char *prefix = g_strconcat (full_name, "/", NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableFolderItem) item = g_list_model_get_item (G_LIST_MODEL (tree), i);

      if (g_str_has_prefix (cartable_folder_item_get_full_name (item), prefix))
        return TRUE;
    }
  return FALSE;
}

/* The folder an action names, or NULL (after saying why, when it is the
 * user's to know). */
static CartableFolderItem *
action_target (GtkWidget   *view,
               GVariant    *parameter,
               const char **account_id,
               const char **full_name)
{
  CartableFolderTree *tree;

  g_variant_get (parameter, "(&s&s)", account_id, full_name);
  tree = lookup_tree (view, *account_id);
  if (tree == NULL)
    return NULL;
  if (!account_online (view, *account_id))
    {
      show_error (view, _("Not Connected"),
                  _("Folders are changed on the mail server, which cannot be reached right now. "
                    "Check your connection, then try again."));
      return NULL;
    }
  if (**full_name == '\0')
    return NULL;
  return cartable_folder_tree_find (tree, *full_name);
}

static void
folder_new_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *account_id;
  const char *full_name;
  CartableFolderItem *item = action_target (widget, parameter, &account_id, &full_name);

  if (item == NULL && *full_name != '\0')
    return;
  if (!account_online (widget, account_id))
    return;
  if (item != NULL && !cartable_folder_item_get_selectable (item))
    {
      g_autofree char *text = g_strdup_printf (_("No folder can be made inside “%s”."),
                                               cartable_folder_item_get_display_name (item));
      show_toast (widget, text);
      return;
    }
  present_name_dialog (widget, CARTABLE_FOLDER_OP_CREATE, account_id, full_name,
                       item != NULL ? cartable_folder_item_get_display_name (item) : NULL);
}

static void
folder_rename_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *account_id;
  const char *full_name;
  CartableFolderItem *item = action_target (widget, parameter, &account_id, &full_name);

  if (item == NULL)
    return;
  if (cartable_folder_role_is_special (cartable_folder_item_get_role (item)))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is a special folder: it cannot be renamed."),
                                               cartable_folder_item_get_display_name (item));
      show_toast (widget, text);
      return;
    }
  if (!cartable_folder_item_get_selectable (item))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” only holds other folders: it cannot be renamed."),
                                               cartable_folder_item_get_display_name (item));
      show_toast (widget, text);
      return;
    }
  present_name_dialog (widget, CARTABLE_FOLDER_OP_RENAME, account_id, full_name,
                       cartable_folder_item_get_display_name (item));
}

static void
folder_delete_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *account_id;
  const char *full_name;
  CartableFolderItem *item = action_target (widget, parameter, &account_id, &full_name);

  if (item == NULL)
    return;
  if (cartable_folder_role_is_special (cartable_folder_item_get_role (item)))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is a special folder: it cannot be deleted."),
                                               cartable_folder_item_get_display_name (item));
      show_toast (widget, text);
      return;
    }
  if (has_children (lookup_tree (widget, account_id), full_name))
    {
      g_autofree char *body = cartable_folder_delete_body (cartable_folder_item_get_display_name (item), 0, TRUE);

      show_error (widget, _("Folder Not Deleted"), body);
      return;
    }
  count_then_confirm (widget, CARTABLE_FOLDER_OP_DELETE, account_id, full_name);
}

static void
empty_trash_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *account_id;
  const char *full_name;
  CartableFolderItem *item = action_target (widget, parameter, &account_id, &full_name);

  if (item == NULL || cartable_folder_item_get_role (item) != CARTABLE_FOLDER_ROLE_TRASH)
    return;
  count_then_confirm (widget, CARTABLE_FOLDER_OP_EMPTY, account_id, full_name);
}

static void
empty_junk_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *account_id;
  const char *full_name;
  CartableFolderItem *item = action_target (widget, parameter, &account_id, &full_name);

  if (item == NULL || cartable_folder_item_get_role (item) != CARTABLE_FOLDER_ROLE_JUNK)
    return;
  count_then_confirm (widget, CARTABLE_FOLDER_OP_EMPTY, account_id, full_name);
}

/* ------------------------------------------------------------ subscriptions */

typedef struct
{
  GtkWidget *view;
  char      *display_name;
  gboolean   subscribe;
} SubscribeData;

static void
subscriptions_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cartable_folder_tree_refresh_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    g_message ("Reading the folders again failed: %s", error->message);
}

static void
subscribed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SubscribeData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cartable_folder_tree_subscribe_finish (CARTABLE_FOLDER_TREE (source), result, &error))
    {
      g_message ("Changing a subscription failed: %s", error->message);
      text = g_strdup_printf (data->subscribe ? _("Could not subscribe to “%s”. Check your connection and try again.")
                                              : _("Could not unsubscribe from “%s”. Check your connection and try again."),
                              data->display_name);
    }
  else
    {
      /* The folder lists follow at once. */
      cartable_folder_tree_refresh_async (CARTABLE_FOLDER_TREE (source), FALSE, NULL, subscriptions_read_cb, NULL);
      text = g_strdup_printf (data->subscribe ? _("Subscribed to “%s”") : _("Unsubscribed from “%s”"),
                              data->display_name);
    }
  show_toast (data->view, text);
  g_object_unref (data->view);
  g_free (data->display_name);
  g_free (data);
}

/* mail.folder-subscribe and mail.folder-unsubscribe: the sidebar lists
 * the subscribed folders (all of them on demand). */
static void
folder_subscribe_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *account_id;
  const char *full_name;
  CartableFolderItem *item = action_target (widget, parameter, &account_id, &full_name);
  SubscribeData *data;

  if (item == NULL)
    return;
  data = g_new0 (SubscribeData, 1);
  data->view = g_object_ref (widget);
  data->display_name = g_strdup (cartable_folder_item_get_display_name (item));
  data->subscribe = g_str_equal (action_name, "mail.folder-subscribe");
  cartable_folder_tree_subscribe_async (lookup_tree (widget, account_id), full_name, data->subscribe, NULL,
                                        subscribed_cb, data);
}

/* ------------------------------------------------------------ the menu */

/**
 * cartable_folder_menu_new:
 * @item: (nullable): the folder, or %NULL for the top level of the account
 *
 * Returns: (transfer full): the folder commands offered for @item
 */
GMenuModel *
cartable_folder_menu_new (const char         *account_id,
                          CartableFolderItem *item)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  const char *full_name = item != NULL ? cartable_folder_item_get_full_name (item) : "";
  CartableFolderRole role = item != NULL ? cartable_folder_item_get_role (item) : CARTABLE_FOLDER_ROLE_NONE;
  GVariant *target = g_variant_new ("(ss)", account_id, full_name);

  g_variant_ref_sink (target);
  /* Not inside a folder that only holds others: the server's library
   * cannot (cartable-folder-tree.c). */
  if (role != CARTABLE_FOLDER_ROLE_OUTBOX && (item == NULL || cartable_folder_item_get_selectable (item)))
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (_("_New Folder…"), NULL);

      g_menu_item_set_action_and_target_value (entry, "mail.folder-new", target);
      g_menu_append_item (section, entry);
    }
  if (item != NULL && !cartable_folder_role_is_special (role))
    {
      g_autoptr(GMenuItem) rename = g_menu_item_new (_("Re_name…"), NULL);
      g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete…"), NULL);

      /* A folder that only holds others is no mailbox the server renames. */
      if (cartable_folder_item_get_selectable (item))
        {
          g_menu_item_set_action_and_target_value (rename, "mail.folder-rename", target);
          g_menu_item_set_attribute (rename, "accel", "s", "F2");
          g_menu_append_item (section, rename);
        }
      g_menu_item_set_action_and_target_value (delete, "mail.folder-delete", target);
      g_menu_append_item (section, delete);
    }
  if (item != NULL && cartable_folder_item_get_role (item) == CARTABLE_FOLDER_ROLE_NONE)
    {
      gboolean subscribed = cartable_folder_item_get_subscribed (item);
      g_autoptr(GMenuItem) entry = g_menu_item_new (subscribed ? _("_Unsubscribe") : _("_Subscribe"), NULL);

      g_menu_item_set_action_and_target_value (entry, subscribed ? "mail.folder-unsubscribe" : "mail.folder-subscribe",
                                               target);
      g_menu_append_item (section, entry);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  if (role == CARTABLE_FOLDER_ROLE_TRASH || role == CARTABLE_FOLDER_ROLE_JUNK)
    {
      g_autoptr(GMenuItem) empty = g_menu_item_new (role == CARTABLE_FOLDER_ROLE_TRASH ? _("_Empty the Trash…")
                                                                                      : _("_Empty the Junk Folder…"),
                                                    NULL);
      GMenu *danger = g_menu_new ();

      g_menu_item_set_action_and_target_value (empty, role == CARTABLE_FOLDER_ROLE_TRASH ? "mail.empty-trash"
                                                                                         : "mail.empty-junk",
                                               target);
      g_menu_append_item (danger, empty);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
      g_object_unref (danger);
    }

  g_variant_unref (target);
  return G_MENU_MODEL (menu);
}

/* Ctrl+Shift+N: a folder at the top level of the account shown. */
static gboolean
new_folder_key_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  const char *account_id = cartable_mail_controller_get_account_id (get_controller (widget));

  if (account_id == NULL)
    return FALSE;
  return gtk_widget_activate_action (widget, "mail.folder-new", "(ss)", account_id, "");
}

void
cartable_folder_actions_install (GtkWidgetClass *widget_class)
{
  g_return_if_fail (g_object_class_find_property (G_OBJECT_CLASS (widget_class), "controller") != NULL);

  gtk_widget_class_install_action (widget_class, "mail.folder-new", "(ss)", folder_new_action);
  gtk_widget_class_install_action (widget_class, "mail.folder-rename", "(ss)", folder_rename_action);
  gtk_widget_class_install_action (widget_class, "mail.folder-delete", "(ss)", folder_delete_action);
  gtk_widget_class_install_action (widget_class, "mail.empty-trash", "(ss)", empty_trash_action);
  gtk_widget_class_install_action (widget_class, "mail.empty-junk", "(ss)", empty_junk_action);
  gtk_widget_class_install_action (widget_class, "mail.folder-subscribe", "(ss)", folder_subscribe_action);
  gtk_widget_class_install_action (widget_class, "mail.folder-unsubscribe", "(ss)", folder_subscribe_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, new_folder_key_cb, NULL);
}

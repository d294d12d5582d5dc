/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-message-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-message-actions.h"

/*
 * What the message list does to several messages at once: the uids of the
 * selected rows (whole conversations), the context menu naming the
 * "mail." and "compose." actions, and the text a dragged selection carries
 * to a folder of the sidebar.
 */

#define DRAG_PREFIX "x-cartable-messages\n"

/**
 * cartable_message_actions_menu_new:
 * @tree: (nullable): the folders of the account shown, for « Déplacer vers »
 * @current_folder: (nullable): the folder shown, left out of « Déplacer vers »
 * @flagged: whether the messages are flagged already
 *
 * Returns: (transfer full): the context menu of the selected messages
 */
GMenuModel *
cartable_message_actions_menu_new (CartableFolderTree *tree,
                                   const char         *current_folder,
                                   gboolean            flagged)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) compose = g_menu_new ();
  g_autoptr(GMenu) marks = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) folders = g_menu_new ();

  g_menu_append (compose, _("_Reply"), "compose.reply");
  g_menu_append (compose, _("Reply to _All"), "compose.reply-all");
  g_menu_append (compose, _("_Forward"), "compose.forward");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (compose));

  g_menu_append (marks, _("Mark as _Read"), "mail.mark-read");
  g_menu_append (marks, _("Mark as _Unread"), "mail.mark-unread");
  g_menu_append (marks, flagged ? _("_Unflag") : _("_Flag"), "mail.flag");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (marks));

  g_menu_append (moves, _("_Archive"), "mail.archive");
  g_menu_append (moves, _("_Junk"), "mail.junk");
  g_menu_append (moves, _("_Delete"), "mail.delete");

  if (tree != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (tree));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CartableFolderItem) item = g_list_model_get_item (G_LIST_MODEL (tree), i);
          const char *full_name = cartable_folder_item_get_full_name (item);
          g_autoptr(GMenuItem) entry = NULL;

          if (!cartable_folder_item_get_selectable (item) || g_strcmp0 (full_name, current_folder) == 0 ||
              cartable_folder_item_get_role (item) == CARTABLE_FOLDER_ROLE_OUTBOX)
            continue;
          entry = g_menu_item_new (cartable_folder_item_get_display_name (item), NULL);
          g_menu_item_set_action_and_target_value (entry, "mail.move-to", g_variant_new_string (full_name));
          g_menu_append_item (folders, entry);
        }
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (folders)) > 0)
    g_menu_append_submenu (moves, _("_Move To"), G_MENU_MODEL (folders));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));

  return G_MENU_MODEL (menu);
}

/* The number of selected rows. */
guint
cartable_message_actions_count (GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (selection == NULL)
    return 0;
  selected = gtk_selection_model_get_selection (selection);
  return (guint) gtk_bitset_get_size (selected);
}

/**
 * cartable_message_actions_dup_uids:
 *
 * Returns: (transfer full) (element-type utf8): the uids of the selected
 *   rows, every message of a conversation, NULL-terminated; or %NULL when
 *   nothing is selected
 */
GPtrArray *
cartable_message_actions_dup_uids (GtkSelectionModel   *selection,
                                   CartableMessageList *list)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (selection == NULL || GTK_IS_SELECTION_MODEL (selection), NULL);

  if (selection == NULL || list == NULL)
    return NULL;

  uids = g_ptr_array_new_with_free_func (g_free);
  selected = gtk_selection_model_get_selection (selection);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GPtrArray) thread = cartable_message_list_dup_thread_uids (list, position);

      for (guint i = 0; thread != NULL && i < thread->len; i++)
        g_ptr_array_add (uids, g_strdup (g_ptr_array_index (thread, i)));
    }

  if (uids->len == 0)
    return NULL;
  g_ptr_array_add (uids, NULL);
  return g_steal_pointer (&uids);
}

/* The text a dragged selection carries: private, one field a line. */
char *
cartable_message_actions_encode_drag (const char         *account_id,
                                      const char         *folder_name,
                                      const char * const *uids)
{
  GString *text;

  g_return_val_if_fail (account_id != NULL && folder_name != NULL && uids != NULL, NULL);

  text = g_string_new (DRAG_PREFIX);
  g_string_append_printf (text, "%s\n%s", account_id, folder_name);
  for (guint i = 0; uids[i] != NULL; i++)
    g_string_append_printf (text, "\n%s", uids[i]);
  return g_string_free (text, FALSE);
}

gboolean
cartable_message_actions_decode_drag (const char   *text,
                                      char        **account_id,
                                      char        **folder_name,
                                      char       ***uids)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  if (text == NULL || !g_str_has_prefix (text, DRAG_PREFIX))
    return FALSE;

  lines = g_strsplit (text + strlen (DRAG_PREFIX), "\n", -1);
  n = g_strv_length (lines);
  if (n < 3)
    return FALSE;

  *account_id = g_strdup (lines[0]);
  *folder_name = g_strdup (lines[1]);
  *uids = g_strdupv (lines + 2);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-address-completion"

#include "config.h"

#include <string.h>

#include "cartable-address-completion.h"
#include "mail/cartable-mail-address.h"
#include "mail/cartable-mail-search.h"

GHashTable *
cartable_address_completion_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
cartable_address_completion_add (GHashTable *table,
                                 const char *addresses)
{
  g_autoptr(GPtrArray) mailboxes = NULL;

  g_return_if_fail (table != NULL);

  if (addresses == NULL || *addresses == '\0')
    return;

  mailboxes = cartable_mail_address_parse_list (addresses);
  for (guint i = 0; i < mailboxes->len; i++)
    {
      CartableMailAddress *mailbox = g_ptr_array_index (mailboxes, i);
      g_autofree char *key = NULL;
      gboolean named;

      if (strchr (mailbox->address, '@') == NULL)
        continue;

      key = g_utf8_strdown (mailbox->address, -1);
      named = *mailbox->name != '\0';
      if (!named && g_hash_table_contains (table, key))
        continue;
      g_hash_table_replace (table, g_steal_pointer (&key),
                            cartable_mail_address_format (mailbox->name, mailbox->address));
    }
}

const char *
cartable_address_completion_token (const char *text)
{
  const char *comma;

  g_return_val_if_fail (text != NULL, NULL);

  comma = strrchr (text, ',');
  if (comma != NULL)
    text = comma + 1;
  while (g_ascii_isspace (*text))
    text++;
  return text;
}

gboolean
cartable_address_completion_matches (const char *candidate,
                                     const char *text)
{
  const char *token;

  g_return_val_if_fail (candidate != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  token = cartable_address_completion_token (text);
  if (*token == '\0')
    return FALSE;

  /* Already written in full: nothing to complete. */
  {
    const char *open = strrchr (candidate, '<');
    g_autofree char *address = NULL;

    if (open != NULL)
      address = g_strndup (open + 1, strcspn (open + 1, ">"));
    else
      address = g_strdup (candidate);
    if (g_ascii_strcasecmp (token, address) == 0 || strcmp (token, candidate) == 0)
      return FALSE;
  }

  return cartable_mail_search_contains (candidate, token);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cartable_address_completion_match (GHashTable *table,
                                   const char *text)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (table != NULL, found);

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (cartable_address_completion_matches (value, text))
      g_ptr_array_add (found, g_strdup (value));
  g_ptr_array_sort (found, compare_strings);
  return found;
}

char *
cartable_address_completion_apply (const char *text,
                                   const char *choice)
{
  const char *token;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (choice != NULL, NULL);

  token = cartable_address_completion_token (text);
  if (token == text)
    return g_strdup_printf ("%s, ", choice);
  /* Keeps what was typed before, with one space after its comma. */
  {
    g_autofree char *before = g_strndup (text, token - text);

    g_strchomp (before);
    return g_strdup_printf ("%s %s, ", before, choice);
  }
}

/* ------------------------------------------------------------ the popup */

static gboolean
match_func (GtkEntryCompletion *completion,
            const char         *key,
            GtkTreeIter        *iter,
            gpointer            user_data)
{
  GtkEntry *entry = user_data;
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *candidate = NULL;

  gtk_tree_model_get (model, iter, 0, &candidate, -1);
  return candidate != NULL &&
         cartable_address_completion_matches (candidate, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Picking a row with the pointer gives the focus back to the entry once the
 * list is gone, which selects the whole text: the next key would erase the
 * recipients. The cursor goes back after them once that has happened. */
static gboolean
put_cursor_at_end_cb (gpointer user_data)
{
  GtkEditable *entry = user_data;

  gtk_editable_set_position (entry, -1);
  return G_SOURCE_REMOVE;
}

static gboolean
match_selected_cb (GtkEntryCompletion *completion,
                   GtkTreeModel       *model,
                   GtkTreeIter        *iter,
                   gpointer            user_data)
{
  GtkEntry *entry = user_data;
  g_autofree char *candidate = NULL;
  g_autofree char *text = NULL;

  gtk_tree_model_get (model, iter, 0, &candidate, -1);
  if (candidate == NULL)
    return FALSE;
  text = cartable_address_completion_apply (gtk_editable_get_text (GTK_EDITABLE (entry)), candidate);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  gtk_entry_grab_focus_without_selecting (entry);
  g_idle_add_full (G_PRIORITY_LOW, put_cursor_at_end_cb, g_object_ref (entry), g_object_unref);
  return TRUE;
}

void
cartable_address_completion_refresh (GtkEntry   *entry,
                                     GHashTable *table)
{
  GtkEntryCompletion *completion;
  GtkListStore *store;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (table != NULL);

  completion = gtk_entry_get_completion (entry);
  if (completion == NULL)
    return;

  store = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));
  gtk_list_store_clear (store);
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_list_store_insert_with_values (store, NULL, -1, 0, value, -1);
}

void
cartable_address_completion_attach (GtkEntry   *entry,
                                    GHashTable *table)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;
  g_autoptr(GtkListStore) store = NULL;

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (table != NULL);

  store = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_tree_sortable_set_sort_column_id (GTK_TREE_SORTABLE (store), 0, GTK_SORT_ASCENDING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_completion_set_popup_completion (completion, TRUE);
  gtk_entry_completion_set_popup_single_match (completion, TRUE);
  gtk_entry_completion_set_match_func (completion, match_func, entry, NULL);
  g_signal_connect (completion, "match-selected", G_CALLBACK (match_selected_cb), entry);
  gtk_entry_set_completion (entry, completion);

  cartable_address_completion_refresh (entry, table);
}

gboolean
cartable_address_completion_popdown (GtkEntry *entry)
{
  g_return_val_if_fail (GTK_IS_ENTRY (entry), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (entry)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_mapped (child))
      {
        gtk_popover_popdown (GTK_POPOVER (child));
        return TRUE;
      }
  return FALSE;
}

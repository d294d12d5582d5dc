/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-conversation"

#include "config.h"

#include "cartable-conversation.h"

struct _CartableConversation
{
  GtkWidget           parent_instance;

  CartableMailFolder *folder;
  GCancellable       *cancellable;   /* the loads of the conversation shown */
  gboolean            large;         /* in the simple version */

  GtkScrolledWindow  *scroller;
  GtkBox             *cards;
};

G_DEFINE_FINAL_TYPE (CartableConversation, cartable_conversation, GTK_TYPE_WIDGET)

typedef struct
{
  GWeakRef card;
  gboolean mark_read;
} CardLoad;

static void
marked_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Not marked (offline cache full, folder gone): the message stays
   * unread, which the list shows; nothing to tell. */
  if (!cartable_mail_folder_apply_finish (CARTABLE_MAIL_FOLDER (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Marking a message of a conversation read: %s", error->message);
}

static void
message_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CardLoad *load = user_data;
  g_autoptr(CartableConversationCard) card = g_weak_ref_get (&load->card);
  g_autoptr(CartableMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean mark_read = load->mark_read;

  g_weak_ref_clear (&load->card);
  g_free (load);

  message = cartable_mail_folder_load_message_finish (CARTABLE_MAIL_FOLDER (source), result, &error);
  if (message == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Loading a message of a conversation: %s", error->message);
      return;
    }
  if (card == NULL)
    return;

  cartable_conversation_card_set_message (card, message);
  if (mark_read)
    {
      const char *uids[] = { cartable_message_get_uid (message), NULL };

      cartable_mail_folder_apply_async (CARTABLE_MAIL_FOLDER (source), uids, CARTABLE_MAIL_ACTION_MARK_READ,
                                        NULL, marked_read_cb, NULL);
    }
}

/**
 * cartable_conversation_clear:
 *
 * Drops the cards and the loads still running.
 */
void
cartable_conversation_clear (CartableConversation *self)
{
  GtkWidget *child;

  g_return_if_fail (CARTABLE_IS_CONVERSATION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->folder);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_box_remove (self->cards, child);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * cartable_conversation_show:
 * @folder: the folder of the messages
 * @summaries: (element-type CartableMessageSummary) (nullable): the earlier
 *   messages of the conversation, oldest first, without the one the pane
 *   shows
 *
 * Shows a card for each of @summaries, the unread ones unfolded, and loads
 * their messages; an unread one is marked read once loaded, as the message
 * the pane shows is.
 */
void
cartable_conversation_show (CartableConversation *self,
                            CartableMailFolder   *folder,
                            GPtrArray            *summaries)
{
  g_return_if_fail (CARTABLE_IS_CONVERSATION (self));
  g_return_if_fail (CARTABLE_IS_MAIL_FOLDER (folder));

  cartable_conversation_clear (self);
  if (summaries == NULL || summaries->len == 0)
    return;

  self->folder = g_object_ref (folder);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < summaries->len; i++)
    {
      CartableMessageSummary *summary = summaries->pdata[i];
      gboolean unread = !cartable_message_summary_get_seen (summary);
      CartableConversationCard *card = cartable_conversation_card_new (summary, unread);
      CardLoad *load = g_new0 (CardLoad, 1);

      cartable_conversation_card_set_large (card, self->large);

      gtk_box_append (self->cards, GTK_WIDGET (card));
      g_weak_ref_init (&load->card, card);
      load->mark_read = unread;
      cartable_mail_folder_load_message_async (folder, cartable_message_summary_get_uid (summary),
                                               self->cancellable, message_loaded_cb, load);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

/**
 * cartable_conversation_set_large:
 *
 * The simple version's conversation: its cards' text as large as the
 * message the pane shows.
 */
void
cartable_conversation_set_large (CartableConversation *self,
                                 gboolean              large)
{
  g_return_if_fail (CARTABLE_IS_CONVERSATION (self));

  self->large = !!large;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cartable_conversation_card_set_large (CARTABLE_CONVERSATION_CARD (child), self->large);
}

guint
cartable_conversation_get_n_cards (CartableConversation *self)
{
  guint n = 0;

  g_return_val_if_fail (CARTABLE_IS_CONVERSATION (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/**
 * cartable_conversation_get_card:
 *
 * Returns: (transfer none) (nullable): the card at @index, oldest first
 */
CartableConversationCard *
cartable_conversation_get_card (CartableConversation *self,
                                guint                 index)
{
  GtkWidget *child;

  g_return_val_if_fail (CARTABLE_IS_CONVERSATION (self), NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->cards)); child != NULL && index > 0;
       child = gtk_widget_get_next_sibling (child))
    index--;
  return child != NULL ? CARTABLE_CONVERSATION_CARD (child) : NULL;
}

/**
 * cartable_conversation_remove_card:
 *
 * Takes @card away (its message was deleted or moved); the conversation
 * hides when no card is left.
 */
void
cartable_conversation_remove_card (CartableConversation     *self,
                                   CartableConversationCard *card)
{
  g_return_if_fail (CARTABLE_IS_CONVERSATION (self));
  g_return_if_fail (CARTABLE_IS_CONVERSATION_CARD (card));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (card)) == GTK_WIDGET (self->cards));

  gtk_box_remove (self->cards, GTK_WIDGET (card));
  if (gtk_widget_get_first_child (GTK_WIDGET (self->cards)) == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

CartableConversationCard *
cartable_conversation_find_focused_card (GtkWidget *widget)
{
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *card;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  card = focus != NULL ? gtk_widget_get_ancestor (focus, CARTABLE_TYPE_CONVERSATION_CARD) : NULL;
  return card != NULL && gtk_widget_get_mapped (card) ? CARTABLE_CONVERSATION_CARD (card) : NULL;
}

static void
cartable_conversation_dispose (GObject *object)
{
  CartableConversation *self = CARTABLE_CONVERSATION (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->folder);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_CONVERSATION);
  /* The separator has no name in the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cartable_conversation_parent_class)->dispose (object);
}

static void
cartable_conversation_class_init (CartableConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_conversation_dispose;

  g_type_ensure (CARTABLE_TYPE_CONVERSATION_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-conversation.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableConversation, scroller);
  gtk_widget_class_bind_template_child (widget_class, CartableConversation, cards);
  gtk_widget_class_set_css_name (widget_class, "conversation");
}

static void
cartable_conversation_init (CartableConversation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-dialog-choice"

#include "config.h"

#include "cartable-dialog-choice.h"

static void
complete (GTask      *task,
          const char *response)
{
  AdwMessageDialog *dialog = g_task_get_source_object (task);
  GtkWindow *parent = g_task_get_task_data (task);

  /* Answered once: the handlers go before the callback may close the dialog. */
  g_signal_handlers_disconnect_by_data (dialog, task);
  if (parent != NULL)
    g_signal_handlers_disconnect_by_data (parent, task);
  if (g_task_get_cancellable (task) != NULL)
    g_signal_handlers_disconnect_by_data (g_task_get_cancellable (task), task);
  g_task_return_pointer (task, g_strdup (response), g_free);
  g_object_unref (task);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  complete (task, response);
}

/* No answer will come: the close response, and the dialog goes. */
static void
close_unanswered (GTask *task)
{
  g_autoptr(AdwMessageDialog) dialog = g_object_ref (g_task_get_source_object (task));

  complete (task, adw_message_dialog_get_close_response (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The window it asks for is destroyed (gtk_window_destroy () unrealizes it;
 * it is disposed only at its last reference, which the task holds). */
static void
parent_unrealize_cb (GtkWindow *parent,
                     GTask     *task)
{
  close_unanswered (task);
}

static void
cancelled_cb (GCancellable *cancellable,
              GTask        *task)
{
  close_unanswered (task);
}

void
cartable_dialog_choose_async (AdwMessageDialog    *dialog,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  GtkWidget *extra;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (dialog, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_dialog_choose_async);
  /* The answer is the dialog's, even when cancelled: no error to return. */
  g_task_set_check_cancellable (task, FALSE);

  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), task);
  /* Held until the task is done, so that the dialog, which the task holds,
   * never outlives the window it is transient for. */
  if (gtk_window_get_transient_for (GTK_WINDOW (dialog)) != NULL)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

      g_task_set_task_data (task, g_object_ref (parent), g_object_unref);
      g_signal_connect (parent, "unrealize", G_CALLBACK (parent_unrealize_cb), task);
    }
  if (cancellable != NULL)
    g_signal_connect (cancellable, "cancelled", G_CALLBACK (cancelled_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The form's first field takes the keyboard, not the first button. */
  extra = adw_message_dialog_get_extra_child (dialog);
  if (extra != NULL)
    gtk_widget_child_focus (extra, GTK_DIR_TAB_FORWARD);
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    cancelled_cb (cancellable, task);
}

char *
cartable_dialog_choose_finish (AdwMessageDialog *dialog,
                               GAsyncResult     *result)
{
  g_return_val_if_fail (g_task_is_valid (result, dialog), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cartable_dialog_choose_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "common/cartable-dialog-choice.h"
#include "mail/cartable-folder-name-dialog.h"
#include "mail/cartable-link-dialog.h"
#include "cartable-test-ui.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("dialog-choice");

/* The form dialogs answered through cartable_dialog_choose_async(): one
 * answer each, whether given, closed, destroyed with the window or cancelled. */

typedef struct
{
  guint  n_answers;
  char  *response;
  char  *value;       /* the dialog's value, read in the callback */
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->response, g_free);
  g_clear_pointer (&answer->value, g_free);
}

static void
chosen_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Answer *answer = user_data;

  answer->n_answers++;
  g_free (answer->response);
  answer->response = cartable_dialog_choose_finish (ADW_MESSAGE_DIALOG (source), result);
  g_free (answer->value);
  if (CARTABLE_IS_LINK_DIALOG (source))
    answer->value = g_strdup (cartable_link_dialog_get_href (CARTABLE_LINK_DIALOG (source)));
  else if (CARTABLE_IS_FOLDER_NAME_DIALOG (source))
    answer->value = cartable_folder_name_dialog_dup_new_name (CARTABLE_FOLDER_NAME_DIALOG (source));
}

static gboolean
answered (gpointer user_data)
{
  return ((Answer *) user_data)->n_answers > 0;
}

static gboolean
mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static GtkWindow *
parent_new (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());

  gtk_window_present (parent);
  g_assert_true (cartable_test_wait_for (mapped, parent, 5000));
  return parent;
}

static GtkEditable *
field_of (GtkWidget *dialog)
{
  GtkWidget *entry = cartable_test_find_descendant (dialog, GTK_TYPE_ENTRY, NULL);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

CARTABLE_TEST ("link-answer", test_link_answer)
{
  GtkWindow *parent = parent_new ();
  GtkWidget *dialog = cartable_link_dialog_new (parent);
  Answer answer = { 0 };
  GtkEditable *entry = field_of (dialog);

  g_object_ref (dialog);
  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (dialog), NULL, chosen_cb, &answer);
  g_assert_true (cartable_test_wait_for (mapped, dialog, 5000));
  /* The field has the keyboard, not the first button. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), GTK_WIDGET (entry)));

  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "insert"));
  gtk_editable_set_text (entry, "  marie.durand@ac-normandie.fr ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "insert"));
  g_assert_cmpstr (cartable_link_dialog_get_href (CARTABLE_LINK_DIALOG (dialog)), ==,
                   "mailto:marie.durand@ac-normandie.fr");
  gtk_editable_set_text (entry, "javascript:alert(1)");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "insert"));
  g_assert_null (cartable_link_dialog_get_href (CARTABLE_LINK_DIALOG (dialog)));
  gtk_editable_set_text (entry, "www.ac-normandie.fr");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "insert");
  g_assert_true (cartable_test_wait_for (answered, &answer, 5000));
  g_assert_cmpstr (answer.response, ==, "insert");
  g_assert_cmpstr (answer.value, ==, "https://www.ac-normandie.fr");

  /* Closing after the answer gives no second one. */
  gtk_window_close (GTK_WINDOW (dialog));
  cartable_test_iterate (100);
  g_assert_cmpuint (answer.n_answers, ==, 1);

  answer_clear (&answer);
  g_assert_finalize_object (dialog);
  gtk_window_destroy (parent);
}

CARTABLE_TEST ("folder-name-enter", test_folder_name_enter)
{
  const char * const siblings[] = { "Réunions", "Corbeille", "Trash", NULL };
  GtkWindow *parent = parent_new ();
  GtkWidget *dialog = cartable_folder_name_dialog_new_rename (parent, "Conseils", "Conseils", siblings);
  Answer answer = { 0 };
  GtkEditable *entry = field_of (dialog);
  GtkWidget *problem = cartable_test_find_descendant (dialog, GTK_TYPE_LABEL, "error");

  g_object_ref (dialog);
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "folder-rename");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "rename");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (dialog), NULL, chosen_cb, &answer);
  g_assert_true (cartable_test_wait_for (mapped, dialog, 5000));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Conseils");
  g_assert_false (cartable_folder_name_dialog_get_valid (CARTABLE_FOLDER_NAME_DIALOG (dialog)));

  /* Enter on a name taken (case and accents aside) says why and answers nothing. */
  gtk_editable_set_text (entry, "CORBEILLE");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename"));
  g_assert_nonnull (problem);
  g_assert_true (gtk_widget_get_visible (problem));
  g_signal_emit_by_name (entry, "activate");
  cartable_test_iterate (100);
  g_assert_cmpuint (answer.n_answers, ==, 0);
  g_assert_true (gtk_widget_get_visible (dialog));

  /* Enter on a good one answers and closes. */
  gtk_editable_set_text (entry, "  Conseils de classe  ");
  g_assert_true (cartable_folder_name_dialog_get_valid (CARTABLE_FOLDER_NAME_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_visible (problem));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (cartable_test_wait_for (answered, &answer, 5000));
  g_assert_cmpstr (answer.response, ==, "rename");
  g_assert_cmpstr (answer.value, ==, "Conseils de classe");
  cartable_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (answer.n_answers, ==, 1);

  answer_clear (&answer);
  g_assert_finalize_object (dialog);
  gtk_window_destroy (parent);
}

/* Escape, the window's end and a cancelled wait all answer « cancel », once. */
CARTABLE_TEST ("close-destroy-cancel", test_close_destroy_cancel)
{
  GtkWindow *parent = parent_new ();
  GtkWidget *dialog = cartable_folder_name_dialog_new_create (parent, NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Answer answer = { 0 };

  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (dialog), NULL, chosen_cb, &answer);
  g_assert_true (cartable_test_wait_for (mapped, dialog, 5000));
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "folder-new");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (cartable_test_wait_for (answered, &answer, 5000));
  g_assert_cmpstr (answer.response, ==, "cancel");
  answer_clear (&answer);
  answer.n_answers = 0;

  dialog = cartable_link_dialog_new (parent);
  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (dialog), NULL, chosen_cb, &answer);
  g_assert_true (cartable_test_wait_for (mapped, dialog, 5000));
  gtk_window_destroy (parent);
  g_assert_true (cartable_test_wait_for (answered, &answer, 5000));
  g_assert_cmpstr (answer.response, ==, "cancel");
  g_assert_null (answer.value);
  answer_clear (&answer);
  answer.n_answers = 0;

  parent = parent_new ();
  dialog = cartable_link_dialog_new (parent);
  g_object_ref (dialog);
  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (dialog), cancellable, chosen_cb, &answer);
  g_assert_true (cartable_test_wait_for (mapped, dialog, 5000));
  g_cancellable_cancel (cancellable);
  g_assert_true (cartable_test_wait_for (answered, &answer, 5000));
  g_assert_cmpstr (answer.response, ==, "cancel");
  cartable_test_iterate (100);
  g_assert_cmpuint (answer.n_answers, ==, 1);
  answer_clear (&answer);
  g_assert_finalize_object (dialog);
  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_ui_main (&argc, &argv);
}

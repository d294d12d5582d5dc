/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-mail-search-bar.h"
#include "mail/cartable-message-header.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-row.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-search-all");

/*
 * The search of the full version over every folder, in the real application
 * against the loopback academy, at 1366×768. « écluse » is in the subject of
 * a message of the Inbox (three days old) and of one in Archives (ten days
 * old), and only in the text of a newer message of the Inbox and of one in
 * the folder « Sorties ».
 *
 * This folder: the subject's match shows at once; chosen before the text
 * search ends, it stays first and chosen when the newer text match arrives,
 * which comes below it. Every folder (« Dans tous les dossiers »): the two
 * subjects first, newest first, then the texts; every row names its folder,
 * nothing already shown moves, and the count says « 4 messages trouvés ».
 * The message of « Sorties » opens from its folder with « Écluse » marked in
 * its text; deleted, it leaves « Sorties » on the server and the results;
 * the one of Archives, dragged from the results onto « Sorties », goes
 * there and comes back with « Annuler »; searched again (the deleted one
 * found in the Trash) and moved with the menu, it goes to « Sorties » with
 * a toast that offers « Annuler » too.
 * A subject's match is marked in the header. Words found nowhere: « Aucun
 * message trouvé ». Screenshots mail-search-all-folders (-subject, -narrow,
 * -dragged).
 */

#define USER "mdurand"
#define INBOX_SUBJECT "Visite de l’écluse"
#define INBOX_TEXT_SUBJECT "Jeudi matin"
#define ARCHIVE_SUBJECT "Écluse : autorisation signée"
#define OUTING_SUBJECT "Sortie au port"

static CartableApplication *the_app;

static void
append_messages (void)
{
  g_free (cartable_test_academy_imap (USER, CARTABLE_TEST_IMAP_PUT
                                      "m.create('Sorties')\n"
                                      "m.subscribe('Sorties')\n"
                                      "put('INBOX', '" INBOX_SUBJECT "', 'Rendez-vous à 9 h devant le collège.', None, 3)\n"
                                      "put('INBOX', '" INBOX_TEXT_SUBJECT "', \"Nous passerons par l'écluse de Tancarville.\", None, 0.01)\n"
                                      "put('Archive', '" ARCHIVE_SUBJECT "', 'Le document signé est joint.', None, 10)\n"
                                      "put('Sorties', '" OUTING_SUBJECT "', \"Les élèves verront l'Écluse François Ier.\", None, 1)\n"));
}

typedef struct
{
  GtkWindow             *window;
  CartableTestSearch     w;
  GtkLabel              *count_label;
  /* The results' arrivals. */
  guint                  n_items;
  gboolean               only_appended;
  const char            *subject;   /* what message_shown() waits for */
} Ui;

static GListModel *
shown_model (Ui *ui)
{
  GtkSelectionModel *model = gtk_list_view_get_model (ui->w.messages);

  return model != NULL ? gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model)) : NULL;
}

static char *
dup_subject (Ui   *ui,
             guint position)
{
  g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (shown_model (ui), position);

  return summary != NULL ? g_strdup (cartable_message_summary_get_subject (summary)) : NULL;
}

static gboolean
inbox_listed (gpointer user_data)
{
  Ui *ui = user_data;
  GListModel *model = shown_model (ui);

  return model != NULL && CARTABLE_IS_MESSAGE_LIST (model) &&
         !cartable_message_list_get_loading (CARTABLE_MESSAGE_LIST (model)) &&
         g_list_model_get_n_items (model) >= 2;
}

static gboolean
search_over (gpointer user_data)
{
  Ui *ui = user_data;

  return !cartable_mail_search_bar_get_searching (ui->w.bar) &&
         (!CARTABLE_IS_MESSAGE_LIST (shown_model (ui)) ||
          !cartable_message_list_get_loading (CARTABLE_MESSAGE_LIST (shown_model (ui))));
}

static gboolean
has_one_row (gpointer user_data)
{
  Ui *ui = user_data;

  return g_list_model_get_n_items (shown_model (ui)) == 1 &&
         !cartable_message_list_get_loading (CARTABLE_MESSAGE_LIST (shown_model (ui)));
}

static gboolean
message_shown (gpointer user_data)
{
  Ui *ui = user_data;
  CartableMessage *message = cartable_main_view_get_message (ui->w.view);

  return message != NULL && g_strcmp0 (cartable_message_get_subject (message), ui->subject) == 0 &&
         !cartable_html_view_get_loading (ui->w.html);
}

static gboolean
highlighted (gpointer user_data)
{
  Ui *ui = user_data;

  return cartable_html_view_get_highlight_count (ui->w.html) > 0;
}

static void
results_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Ui         *ui)
{
  if (removed != 0 || position != ui->n_items)
    ui->only_appended = FALSE;
  ui->n_items = ui->n_items + added - removed;
}

/* The label under the field that counts what was found. */
static gboolean
is_count_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric") &&
         gtk_widget_has_css_class (widget, "caption");
}

static gboolean
is_control (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_label_of (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
         gtk_widget_get_mapped (widget);
}

static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  data)
{
  return CARTABLE_IS_MESSAGE_ROW (widget) && gtk_widget_get_mapped (widget) &&
         cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (widget)) != NULL &&
         g_strcmp0 (cartable_message_summary_get_subject (cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (widget))),
                    data) == 0;
}

static void
type_words (Ui         *ui,
            const char *words)
{
  cartable_test_press_key (ui->window, GDK_KEY_f, GDK_CONTROL_MASK);
  gtk_editable_set_text (ui->w.entry, words);
}

CARTABLE_TEST ("ui", test_search_all)
{
  Ui ui = { 0 };
  GtkToggleButton *all_button;
  GtkSelectionModel *selection;
  GListModel *results;
  g_autofree char *first = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  ui.window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (ui.window, 1366, 768);
  cartable_test_iterate (600);

  cartable_test_find_search (ui.window, &ui.w);
  ui.count_label = GTK_LABEL (cartable_test_find_widget (GTK_WIDGET (ui.w.bar), is_count_label, NULL));
  all_button = GTK_TOGGLE_BUTTON (cartable_test_find_widget (GTK_WIDGET (ui.w.bar), cartable_test_is_toggle, "Dans tous les dossiers"));
  g_assert_nonnull (all_button);
  g_assert_true (cartable_test_wait_for (inbox_listed, &ui, 60000));
  cartable_test_iterate (500);

  /* This folder: the subject's match at once, chosen before the text is
   * searched; the newer text match comes below it, and the chosen one
   * stays chosen, in place. */
  type_words (&ui, "ecluse");
  g_assert_cmpstr (cartable_mail_search_bar_get_scope (ui.w.bar), ==, "folder");
  g_assert_false (gtk_toggle_button_get_active (all_button));
  g_assert_true (cartable_test_wait_for (has_one_row, &ui, 10000));
  first = dup_subject (&ui, 0);
  g_assert_cmpstr (first, ==, INBOX_SUBJECT);
  selection = gtk_list_view_get_model (ui.w.messages);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_signal_emit_by_name (ui.w.entry, "activate");
  g_assert_true (cartable_test_wait_for (search_over, &ui, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (&ui)), ==, 2);
  g_clear_pointer (&first, g_free);
  first = dup_subject (&ui, 0);
  g_assert_cmpstr (first, ==, INBOX_SUBJECT);
  {
    g_autofree char *second = dup_subject (&ui, 1);

    g_assert_cmpstr (second, ==, INBOX_TEXT_SUBJECT);
  }
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_cmpstr (gtk_label_get_label (ui.count_label), ==, "2 messages trouvés");

  /* Every folder, chosen with the keyboard's toggle. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (all_button)));
  cartable_test_press_key (ui.window, GDK_KEY_space, 0);
  /* A button pressed with the keyboard clicks a moment later. */
  cartable_test_iterate (400);
  g_assert_cmpstr (cartable_mail_search_bar_get_scope (ui.w.bar), ==, "all");
  g_assert_true (gtk_toggle_button_get_active (all_button));
  results = G_LIST_MODEL (cartable_mail_search_bar_get_results (ui.w.bar));
  g_assert_true (CARTABLE_IS_SEARCH_RESULTS (results));
  g_assert_true (shown_model (&ui) == results);
  ui.only_appended = TRUE;
  ui.n_items = g_list_model_get_n_items (results);
  g_signal_connect (results, "items-changed", G_CALLBACK (results_changed_cb), &ui);
  g_signal_emit_by_name (ui.w.entry, "activate");
  g_assert_true (cartable_search_results_get_searching (CARTABLE_SEARCH_RESULTS (results)));
  g_assert_true (cartable_test_wait_for (search_over, &ui, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 4);
  g_assert_true (ui.only_appended);
  {
    const char *const expected[] = { INBOX_SUBJECT, ARCHIVE_SUBJECT, INBOX_TEXT_SUBJECT, OUTING_SUBJECT };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autofree char *subject = dup_subject (&ui, i);
        g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (results, i);

        g_assert_cmpstr (subject, ==, expected[i]);
        g_assert_nonnull (cartable_message_summary_get_folder_name (summary));
        if (g_str_equal (subject, OUTING_SUBJECT))
          position = i;
      }
  }
  g_assert_cmpstr (gtk_label_get_label (ui.count_label), ==, "4 messages trouvés");
  /* Every control of the bar has a name for screen readers. */
  {
    guint checked = 0;

    cartable_test_check_accessible_names (GTK_WIDGET (ui.w.bar), is_control, &checked);
    g_assert_cmpuint (checked, >=, 4);
  }

  /* Each row names its folder. */
  cartable_test_iterate (300);
  {
    GtkWidget *row = cartable_test_find_widget (GTK_WIDGET (ui.w.messages), is_row, OUTING_SUBJECT);

    g_assert_nonnull (row);
    g_assert_cmpstr (cartable_message_row_get_folder_label (CARTABLE_MESSAGE_ROW (row)), ==, "Sorties");
    g_assert_true (cartable_test_shows_text (row, "Sorties"));
  }

  /* A subject's match: marked in the header. */
  gtk_selection_model_select_item (gtk_list_view_get_model (ui.w.messages), 1, TRUE);
  ui.subject = ARCHIVE_SUBJECT;
  g_assert_true (cartable_test_wait_for (message_shown, &ui, 30000));
  {
    GtkWidget *header = cartable_test_find_descendant (GTK_WIDGET (ui.w.view), CARTABLE_TYPE_MESSAGE_HEADER, NULL);
    GtkWidget *subject = cartable_test_find_widget (header, is_label_of, ARCHIVE_SUBJECT);

    g_assert_nonnull (subject);
    g_assert_nonnull (gtk_label_get_attributes (GTK_LABEL (subject)));
  }
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (ui.window), "mail-search-all-folders-subject");

  /* The message of « Sorties » opens from its folder, « Écluse » marked. */
  gtk_selection_model_select_item (gtk_list_view_get_model (ui.w.messages), position, TRUE);
  ui.subject = OUTING_SUBJECT;
  g_assert_true (cartable_test_wait_for (message_shown, &ui, 30000));
  g_assert_true (cartable_test_wait_for (highlighted, &ui, 10000));
  g_assert_cmpstr (cartable_html_view_get_highlight (ui.w.html), ==, "Écluse");
  cartable_test_iterate (500);
  cartable_test_shot (GTK_WIDGET (ui.window), "mail-search-all-folders");
  /* No match in this subject: nothing marked there. */
  {
    GtkWidget *header = cartable_test_find_descendant (GTK_WIDGET (ui.w.view), CARTABLE_TYPE_MESSAGE_HEADER, NULL);

    g_assert_null (gtk_label_get_attributes (GTK_LABEL (cartable_test_find_widget (header, is_label_of, OUTING_SUBJECT))));
  }

  /* Narrow: one pane at a time, the row's folder still said. */
  gtk_window_set_default_size (ui.window, 600, 768);
  cartable_test_iterate (600);
  cartable_test_shot (GTK_WIDGET (ui.window), "mail-search-all-folders-narrow");
  gtk_window_set_default_size (ui.window, 1366, 768);
  cartable_test_iterate (300);

  /* Deleted, it leaves its folder on the server, and the results. */
  g_assert_cmpuint (cartable_test_academy_count (USER, "Sorties"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.w.view), "mail.delete", NULL));
  g_assert_true (cartable_test_academy_wait_count (USER, "Sorties", 0, 30000));
  g_assert_true (cartable_test_wait_for_text (GTK_WIDGET (ui.w.bar), "3 messages trouvés", CARTABLE_TEST_TEXT_DEFAULT, 30000));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);
  g_assert_cmpuint (cartable_test_academy_count (USER, "INBOX"), >=, 2);

  /* Dragged from the results onto « Sorties »: it leaves its own folder
   * (Archives), as a row of a folder's list does, and « Annuler » on the
   * toast brings it back there. */
  {
    GtkListBox *folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (ui.w.view), GTK_TYPE_LIST_BOX,
                                                                       "navigation-sidebar"));
    GtkWidget *row = cartable_test_find_widget (GTK_WIDGET (ui.w.messages), is_row, ARCHIVE_SUBJECT);
    GtkWidget *undo;

    g_assert_nonnull (row);
    gtk_selection_model_unselect_all (gtk_list_view_get_model (ui.w.messages));
    g_assert_true (cartable_test_drag_to_folder (row, folders, "Sorties"));
    g_assert_true (cartable_test_academy_wait_count (USER, "Sorties", 1, 30000));
    g_assert_true (cartable_test_academy_wait_count (USER, "Archive", 0, 30000));
    g_assert_true (cartable_test_wait_for_text (GTK_WIDGET (ui.w.view), "1 message déplacé vers Sorties",
                                                CARTABLE_TEST_TEXT_DEFAULT, 10000));
    /* libadwaita 1.2: not too soon after the toast came. */
    cartable_test_iterate (600);
    cartable_test_shot (GTK_WIDGET (ui.window), "mail-search-all-folders-dragged");
    undo = cartable_test_find_button (GTK_WIDGET (ui.w.view), "_Annuler");
    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    g_assert_true (cartable_test_academy_wait_count (USER, "Archive", 1, 30000));
    g_assert_true (cartable_test_academy_wait_count (USER, "Sorties", 0, 30000));
    g_test_message ("dragged from the results, and back on « Annuler »");
  }
  /* Searched again: found in Archives once more, and the deleted one in
   * the Trash. */
  gtk_editable_set_text (ui.w.entry, "écluse");
  g_signal_emit_by_name (ui.w.entry, "activate");
  g_assert_true (cartable_test_wait_for (search_over, &ui, 60000));
  g_assert_true (cartable_test_wait_for_text (GTK_WIDGET (ui.w.bar), "4 messages trouvés", CARTABLE_TEST_TEXT_DEFAULT, 30000));

  /* Moved from the results: from its own folder (Archives) to « Sorties »,
   * said in a toast with « Annuler ». */
  {
    g_autofree char *subject = dup_subject (&ui, 1);

    g_assert_cmpstr (subject, ==, ARCHIVE_SUBJECT);
  }
  gtk_selection_model_select_item (gtk_list_view_get_model (ui.w.messages), 1, TRUE);
  cartable_test_iterate (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.w.view), "mail.move-to", "s", "Sorties"));
  g_assert_true (cartable_test_academy_wait_count (USER, "Sorties", 1, 30000));
  g_assert_true (cartable_test_academy_wait_count (USER, "Archive", 0, 30000));
  g_assert_true (cartable_test_wait_for_text (GTK_WIDGET (ui.w.bar), "3 messages trouvés", CARTABLE_TEST_TEXT_DEFAULT, 30000));
  g_assert_true (cartable_test_wait_for_text (GTK_WIDGET (ui.w.view), "1 message déplacé vers Sorties",
                                              CARTABLE_TEST_TEXT_DEFAULT, 10000));
  g_assert_nonnull (cartable_test_find_button (GTK_WIDGET (ui.w.view), "_Annuler"));

  /* Words found nowhere. */
  gtk_editable_set_text (ui.w.entry, "hippopotame");
  g_signal_emit_by_name (ui.w.entry, "activate");
  g_assert_true (cartable_test_wait_for (search_over, &ui, 60000));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_cmpstr (gtk_label_get_label (ui.count_label), ==, "Aucun message trouvé");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui.w.list_stack), ==, "no-results");

  /* Back to this folder: its own list again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.w.bar), "search.scope", "s", "folder"));
  g_assert_null (cartable_mail_search_bar_get_results (ui.w.bar));
  g_assert_true (CARTABLE_IS_MESSAGE_LIST (shown_model (&ui)));

  cartable_test_close_window (GTK_WINDOW (ui.window), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 0, append_messages, &the_app);
}

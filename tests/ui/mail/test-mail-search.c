/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <webkit/webkit.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "mail/cartable-html-view.h"
#include "mail/cartable-mail-accounts.h"
#include "mail/cartable-mail-search-bar.h"
#include "mail/cartable-mail-session.h"
#include "mail/cartable-main-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-search-ui");

/*
 * The search bar of the full version, in the real application, against the
 * loopback academy. Three messages speak of « l'écluse » in their text only
 * (not in their subject): one unread, one read, one read of two years ago;
 * none is in the offline cache. Ctrl+F and "ecluse" finds the three once the
 * text is searched on the server; « Cette année » drops the old one, « Non
 * lus » the read one; Down goes to the results and shows it; words found
 * nowhere show « Aucun message trouvé » with what was searched; Escape closes
 * the bar, gives the whole folder back and the keyboard to the list.
 * Offline, the three (downloaded by the first search) are found again, a
 * word only in a message never downloaded is not, and the line under the bar
 * says why; back online the server finds that word. Screenshots
 * mail-search-text, mail-search-filters and mail-search-offline.
 */

#define USER "mdurand"
#define UNREAD_SUBJECT "Sortie de fin d’année"
#define READ_SUBJECT "Rappel du mardi"
#define CDI_SUBJECT "Projet du CDI"
#define OLD_SUBJECT "Merci"
#define OFFLINE_SENTENCE "Hors connexion : seuls les messages déjà téléchargés ont été fouillés."

static CartableApplication *the_app;

/* ------------------------------------------------------------ the server */

/* Puts the two messages in the Inbox, as another client would. */
static void
append_messages (void)
{
  g_free (cartable_test_academy_imap (USER, CARTABLE_TEST_IMAP_PUT
                                      "put('INBOX', '" UNREAD_SUBJECT "', \"Nous visiterons l'écluse de Tancarville jeudi matin.\")\n"
                                      "put('INBOX', '" READ_SUBJECT "', \"L'accès à l'écluse est fermé le lundi.\", '(\\\\Seen)')\n"
                                      "put('INBOX', '" OLD_SUBJECT "', \"Visite de l'écluse : merci aux accompagnateurs.\", '(\\\\Seen)', 800)\n"
                                      "put('INBOX', '" CDI_SUBJECT "', \"L'élevage de phasmes continue en salle 12.\")\n"));
}

/* ------------------------------------------------------------ the window */

typedef struct
{
  GtkWindow             *window;
  CartableTestSearch     w;
  GtkLabel              *status_label;
  GtkRevealer           *status_revealer;
  guint                  total;     /* rows of the whole Inbox */
  const char            *expected;  /* the subjects list_is() waits for */
} Ui;

static CartableMessageList *
message_list (Ui *ui)
{
  GtkSelectionModel *model = gtk_list_view_get_model (ui->w.messages);

  return model != NULL ? CARTABLE_MESSAGE_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model))) : NULL;
}

static guint
n_rows (Ui *ui)
{
  CartableMessageList *list = message_list (ui);

  return list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The subjects of the rows, sorted, joined with « | ». */
static char *
dup_subjects (Ui *ui)
{
  CartableMessageList *list = message_list (ui);
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CartableMessageSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (subjects, g_strdup (cartable_message_summary_get_subject (summary)));
    }
  g_ptr_array_sort (subjects, compare_strings);
  g_ptr_array_add (subjects, NULL);
  return g_strjoinv ("|", (char **) subjects->pdata);
}

static gboolean
inbox_listed (gpointer user_data)
{
  Ui *ui = user_data;
  CartableMessageList *list = message_list (ui);

  return list != NULL && !cartable_message_list_get_loading (list) && n_rows (ui) > 2 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (ui->w.list_stack), "list") == 0;
}

/* The text search is over and the list shows exactly the messages
 * expected. */
static gboolean
list_is (gpointer user_data)
{
  Ui *ui = user_data;
  g_autofree char *subjects = NULL;

  if (cartable_mail_search_bar_get_searching (ui->w.bar) || cartable_message_list_get_loading (message_list (ui)))
    return FALSE;
  subjects = dup_subjects (ui);
  return g_strcmp0 (subjects, ui->expected) == 0;
}

/* Waits (a minute at most) for the list to show exactly @subjects. */
static gboolean
wait_for_list (Ui         *ui,
               const char *subjects)
{
  ui->expected = subjects;
  return cartable_test_wait_for (list_is, ui, 60000);
}

static gboolean
whole_folder (gpointer user_data)
{
  Ui *ui = user_data;

  return !cartable_message_list_get_loading (message_list (ui)) && n_rows (ui) == ui->total;
}

static gboolean
message_shown (gpointer user_data)
{
  Ui *ui = user_data;
  GtkWidget *html = cartable_test_find_descendant (GTK_WIDGET (ui->w.message_stack), CARTABLE_TYPE_HTML_VIEW, NULL);

  return g_strcmp0 (gtk_stack_get_visible_child_name (ui->w.message_stack), "message") == 0 &&
         !cartable_html_view_get_loading (CARTABLE_HTML_VIEW (html));
}

static gboolean
focus_in_list (gpointer user_data)
{
  Ui *ui = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (ui->window));

  return focus != NULL && (focus == GTK_WIDGET (ui->w.messages) || gtk_widget_is_ancestor (focus, GTK_WIDGET (ui->w.messages)));
}

static gboolean
focus_in_entry (Ui *ui)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (ui->window));

  return focus != NULL && (focus == GTK_WIDGET (ui->w.entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (ui->w.entry)));
}

/* Ctrl+F, the words, Enter. */
static void
search_for (Ui         *ui,
            const char *words)
{
  cartable_test_press_key (ui->window, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (cartable_mail_search_bar_get_search_mode (ui->w.bar));
  g_assert_true (focus_in_entry (ui));
  gtk_editable_set_text (ui->w.entry, words);
  g_signal_emit_by_name (ui->w.entry, "activate");

  /* Searching the text shows it under the bar. */
  g_assert_true (cartable_mail_search_bar_get_searching (ui->w.bar));
  g_assert_true (gtk_revealer_get_reveal_child (ui->status_revealer));
  g_assert_cmpstr (gtk_label_get_label (ui->status_label), ==, "Recherche dans le texte des messages…");
}

static void
set_online (gboolean online)
{
  CartableMailAccounts *accounts = cartable_sessions_get_mail_accounts (cartable_application_get_sessions (the_app));
  CartableMailSession *session = cartable_mail_accounts_get_session (accounts);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cartable_mail_session_set_online_async (session, USER, online, NULL, cartable_test_result_cb, &result);
  g_assert_true (cartable_test_wait_for (cartable_test_have_result, &result, 30000));
  g_assert_true (cartable_mail_session_set_online_finish (session, result, &error));
  g_assert_no_error (error);
}

/* Nothing found, the text search over, and the offline sentence. */
static gboolean
nothing_found_offline (gpointer user_data)
{
  Ui *ui = user_data;

  return !cartable_mail_search_bar_get_searching (ui->w.bar) &&
         !cartable_message_list_get_loading (message_list (ui)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (ui->w.list_stack), "no-results") == 0 &&
         gtk_revealer_get_reveal_child (ui->status_revealer) &&
         g_strcmp0 (gtk_label_get_label (ui->status_label), OFFLINE_SENTENCE) == 0;
}

static gboolean
nothing_found (gpointer user_data)
{
  Ui *ui = user_data;

  return !cartable_mail_search_bar_get_searching (ui->w.bar) &&
         !cartable_message_list_get_loading (message_list (ui)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (ui->w.list_stack), "no-results") == 0;
}

/* The revealer under the bar (not the search bar's own, around the field). */
static gboolean
is_revealer_outside (GtkWidget     *widget,
                     gconstpointer  entry)
{
  return GTK_IS_REVEALER (widget) && !gtk_widget_is_ancestor ((GtkWidget *) entry, widget);
}

static GtkRevealer *
find_status_revealer (GtkWidget *root,
                      GtkWidget *entry)
{
  return GTK_REVEALER (cartable_test_find_widget (root, is_revealer_outside, entry));
}

/* The header bar's search button. */
static gboolean
is_search_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "system-search-symbolic") == 0;
}

static GtkToggleButton *
find_search_button (GtkWidget *root)
{
  return GTK_TOGGLE_BUTTON (cartable_test_find_widget (root, is_search_button, NULL));
}

CARTABLE_TEST ("ui", test_search)
{
  Ui ui = { 0 };

  ui.window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (ui.window, 1200, 700);
  cartable_test_iterate (600);

  cartable_test_find_search (ui.window, &ui.w);
  ui.status_revealer = find_status_revealer (GTK_WIDGET (ui.w.bar), GTK_WIDGET (ui.w.entry));
  ui.status_label = GTK_LABEL (cartable_test_find_descendant (GTK_WIDGET (ui.status_revealer), GTK_TYPE_LABEL, NULL));
  g_assert_true (cartable_test_wait_for (inbox_listed, &ui, 60000));
  cartable_test_iterate (500);
  ui.total = n_rows (&ui);
  g_test_message ("Inbox: %u rows", ui.total);

  /* Neither subject says « écluse »: typed without its accent, the words
   * find nothing in the headers, then both messages in their text. */
  gtk_widget_grab_focus (GTK_WIDGET (ui.w.messages));
  search_for (&ui, "ecluse");
  {
    gint64 start = g_get_monotonic_time ();

    g_assert_true (wait_for_list (&ui, OLD_SUBJECT "|" READ_SUBJECT "|" UNREAD_SUBJECT));
    /* Printed, not asserted: speed belongs to the benchmarks. */
    g_test_message ("online text search, Enter to rows listed: %" G_GINT64_FORMAT " ms",
                    (g_get_monotonic_time () - start) / 1000);
  }
  g_assert_false (gtk_revealer_get_reveal_child (ui.status_revealer));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui.w.list_stack), ==, "list");

  /* « Cette année »: the one of two years ago goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.w.bar), "search.period", "s", "year"));
  cartable_test_iterate (50);
  g_assert_true (wait_for_list (&ui, READ_SUBJECT "|" UNREAD_SUBJECT));

  /* « Non lus »: the read one goes; the filter button says two are on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.w.bar), "search.unread-only", NULL));
  {
    GtkMenuButton *filters = GTK_MENU_BUTTON (cartable_test_find_descendant (GTK_WIDGET (ui.w.bar), GTK_TYPE_MENU_BUTTON, NULL));

    cartable_test_iterate (50);
    g_assert_true (wait_for_list (&ui, UNREAD_SUBJECT));
    g_assert_cmpstr (gtk_menu_button_get_label (filters), ==, "Filtres (2)");

    /* The menu, as the keyboard (Tab, Space) or a click opens it. */
    gtk_menu_button_popup (filters);
    cartable_test_iterate (500);
    cartable_test_save_display_screenshot ("mail-search-filters");
    gtk_menu_button_popdown (filters);
    cartable_test_iterate (200);
    gtk_widget_grab_focus (GTK_WIDGET (ui.w.entry));
  }

  cartable_test_iterate (300);
  cartable_test_save_display_screenshot ("mail-search-text");

  /* Down from the field: the keyboard in the results, the message shown. */
  g_assert_true (focus_in_entry (&ui));
  cartable_test_press_key (ui.window, GDK_KEY_Down, 0);
  g_assert_true (cartable_test_wait_for (focus_in_list, &ui, 2000));
  g_assert_true (cartable_test_wait_for (message_shown, &ui, 20000));

  /* Words found nowhere: the status page says what was searched. */
  cartable_test_press_key (ui.window, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (focus_in_entry (&ui));
  gtk_editable_set_text (ui.w.entry, "hippopotame");
  g_assert_true (cartable_test_wait_for (nothing_found, &ui, 60000));
  {
    AdwStatusPage *page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (ui.w.list_stack));

    g_assert_cmpstr (adw_status_page_get_title (page), ==, "Aucun message trouvé");
    g_assert_nonnull (strstr (adw_status_page_get_description (page), "« hippopotame », non lus, cette année"));
  }

  /* Escape in the field: the bar closes, filters off, the whole folder. */
  g_assert_true (focus_in_entry (&ui));
  cartable_test_press_key (ui.window, GDK_KEY_Escape, 0);
  g_assert_false (cartable_mail_search_bar_get_search_mode (ui.w.bar));
  g_assert_false (cartable_mail_search_bar_get_active (ui.w.bar));
  g_assert_cmpstr (gtk_editable_get_text (ui.w.entry), ==, "");
  g_assert_true (cartable_test_wait_for (whole_folder, &ui, 30000));
  g_assert_true (cartable_test_wait_for (focus_in_list, &ui, 2000));

  g_assert_false (gtk_toggle_button_get_active (find_search_button (GTK_WIDGET (ui.w.view))));

  /* Offline, the three messages whose text the search above downloaded are
   * found again, and the line under the bar says the others could not be
   * searched. */
  set_online (FALSE);
  cartable_test_iterate (500);
  gtk_widget_grab_focus (GTK_WIDGET (ui.w.messages));
  search_for (&ui, "ECLUSE");
  {
    gint64 start = g_get_monotonic_time ();

    g_assert_true (wait_for_list (&ui, OLD_SUBJECT "|" READ_SUBJECT "|" UNREAD_SUBJECT));
    g_test_message ("offline text search, Enter to rows listed: %" G_GINT64_FORMAT " ms",
                    (g_get_monotonic_time () - start) / 1000);
  }
  g_assert_true (gtk_revealer_get_reveal_child (ui.status_revealer));
  g_assert_cmpstr (gtk_label_get_label (ui.status_label), ==, OFFLINE_SENTENCE);
  cartable_test_iterate (500);
  cartable_test_save_display_screenshot ("mail-search-offline");

  /* A word only in a message never downloaded: not found offline, and the
   * sentence says why... */
  gtk_editable_set_text (ui.w.entry, "phasmes");
  g_assert_true (cartable_test_wait_for (nothing_found_offline, &ui, 60000));

  /* ...while online the server finds it. */
  set_online (TRUE);
  cartable_test_iterate (500);
  gtk_editable_set_text (ui.w.entry, "");
  cartable_test_iterate (300);
  gtk_editable_set_text (ui.w.entry, "PHASMES");
  g_assert_true (wait_for_list (&ui, CDI_SUBJECT));
  g_assert_false (gtk_revealer_get_reveal_child (ui.status_revealer));

  cartable_test_close_window (GTK_WINDOW (ui.window), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 30, append_messages, &the_app);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-account-row.h"
#include "mail/cartable-folder-row.h"
#include "mail/cartable-message-list-pane.h"
#include "mail/cartable-main-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("folder-actions");

/*
 * The sidebar's folder commands in the real application against the
 * loopback academy, each checked on the IMAP server: « Conseils de classe »
 * made through mail.folder-new (a name with « / » refused first, with its
 * sentence), renamed « Conseils de classe 2026 » through F2 and the rename
 * dialog, deleted through mail.folder-delete; the Inbox's menu has no
 * « Supprimer » and the action refuses it; a sub-folder of « Voyage
 * scolaire » made from its right-click menu, none offered in « Projets »
 * (\Noselect); the server's refusal of a folder made
 * meanwhile elsewhere, in French; the Trash and the Junk folder emptied
 * from their menus after messages were moved there; Ctrl+Shift+N.
 * Screenshots folder-rename-dialog, folder-new-refused and
 * folder-context-menu.
 */

#define USER "mdurand"

static CartableApplication *the_app;

/* ------------------------------------------------------------ the server */

/* Whether the server lists a mailbox named exactly @name. */
static gboolean
server_lists (const char *name)
{
  g_autofree char *out = cartable_test_academy_imap (USER, "for line in m.list()[1]:\n"
                                   "    s = line.decode()\n"
                                   "    q = re.search(r'\"((?:[^\"\\\\]|\\\\.)*)\"$', s)\n"
                                   "    print(q.group(1) if q else s.rsplit(' ', 1)[1])\n");
  g_auto(GStrv) names = g_strsplit (g_strstrip (out), "\n", -1);

  return g_strv_contains ((const char * const *) names, name);
}

/* For cartable_test_wait_value(): whether the server lists the mailbox
 * @name. */
static gint64
listed (gconstpointer name,
        gconstpointer unused)
{
  return server_lists (name);
}

/* ------------------------------------------------------------ the window */

/* The sidebar row of the folder @full_name. */
static GtkListBoxRow *
folder_row (GtkListBox *folders,
            const char *full_name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (folders)); row; row = gtk_widget_get_next_sibling (row))
    if (CARTABLE_IS_FOLDER_ROW (row) && g_strcmp0 (cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (row)), full_name) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

typedef struct
{
  CartableMainView *view;
  GtkListBox       *folders;
  const char       *full_name;
  const char       *label;
} Shown;

/* @full_name is the folder shown, its row selected and labelled @label. */
static gboolean
folder_shown (gpointer user_data)
{
  Shown *shown = user_data;
  GtkListBoxRow *row = folder_row (shown->folders, shown->full_name);

  return g_strcmp0 (cartable_main_view_get_folder_name (shown->view), shown->full_name) == 0 &&
         row != NULL && gtk_list_box_row_is_selected (row) &&
         (shown->label == NULL || cartable_test_shows_text (GTK_WIDGET (row), shown->label));
}

/* The folder's list is read (or found empty), not loading any more. */
static gboolean
list_settled (gpointer user_data)
{
  Shown *shown = user_data;
  GtkWidget *list = cartable_test_find_descendant (GTK_WIDGET (shown->view), GTK_TYPE_LIST_VIEW, NULL);
  GtkWidget *stack = gtk_widget_get_ancestor (list, GTK_TYPE_STACK);
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (stack));

  return folder_shown (shown) && (g_strcmp0 (page, "list") == 0 || g_strcmp0 (page, "empty") == 0);
}

static gboolean
toast_says_junk_emptied (gpointer user_data)
{
  return cartable_test_shows_text (user_data, "Le dossier Indésirables a été vidé");
}

static gboolean
toast_says_emptied (gpointer user_data)
{
  return cartable_test_shows_text (user_data, "La corbeille a été vidée");
}

static gboolean
row_gone (gpointer user_data)
{
  Shown *shown = user_data;

  return folder_row (shown->folders, shown->full_name) == NULL;
}

/* The open dialog named @name (folder-new, folder-rename…), or NULL. */
static AdwMessageDialog *
find_dialog (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_open (gpointer user_data)
{
  AdwMessageDialog *dialog = find_dialog (user_data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_closed (gpointer user_data)
{
  return find_dialog (user_data) == NULL;
}

static gboolean
row_drawn (gpointer user_data)
{
  GtkWidget *row = user_data;

  return gtk_widget_get_mapped (row) && gtk_widget_get_width (row) > 0;
}

static GtkListBoxRow *account_row (GtkListBox *folders);

/* A right click on the row of @full_name (NULL: the account's), as the
 * sidebar's gesture receives it, once the row is on screen: the sidebar
 * is rebuilt whenever the folders change. */
static void
right_click (GtkListBox *folders,
             const char *full_name)
{
  GtkGestureClick *click = cartable_test_find_right_click (GTK_WIDGET (folders));
  GtkListBoxRow *row;
  graphene_point_t point;

  cartable_test_iterate (300);
  row = full_name != NULL ? folder_row (folders, full_name) : account_row (folders);
  g_assert_nonnull (row);
  g_assert_true (cartable_test_wait_for (row_drawn, row, 5000));

  g_assert_nonnull (click);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (folders), &GRAPHENE_POINT_INIT (30, 8), &point));
  g_signal_emit_by_name (click, "pressed", 1, (double) point.x, (double) point.y);
}

/* The menu entry labelled @label, clicked. */
static void
click_menu_entry (GtkWidget  *menu,
                  const char *label)
{
  GtkWidget *found = NULL;
  GtkWidget *stack[64];
  guint n = 0;

  stack[n++] = menu;
  while (n > 0 && found == NULL)
    {
      GtkWidget *widget = stack[--n];

      if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") == 0 && cartable_test_shows_text (widget, label))
        found = widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child && n < G_N_ELEMENTS (stack);
           child = gtk_widget_get_next_sibling (child))
        stack[n++] = child;
    }
  g_assert_nonnull (found);
  g_signal_emit_by_name (found, "clicked");
}

/* The account's row (the one above its folders). */
static GtkListBoxRow *
account_row (GtkListBox *folders)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (folders)); row; row = gtk_widget_get_next_sibling (row))
    if (CARTABLE_IS_ACCOUNT_ROW (row))
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static gboolean
row_listed (gpointer user_data)
{
  Shown *shown = user_data;

  return folder_row (shown->folders, shown->full_name) != NULL;
}

/* Types @text into the dialog's name field. */
static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *entry = cartable_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static gboolean
inbox_shown (gpointer user_data)
{
  Shown *shown = user_data;

  return cartable_main_view_get_account_id (shown->view) != NULL && folder_shown (shown);
}

/* ------------------------------------------------------------ the test */

CARTABLE_TEST ("new-rename-delete-empty", test_folders)
{
  GtkWindow *window;
  CartableMainView *view;
  GtkListBox *folders;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  GtkWidget *problem;
  g_autofree char *account_id = NULL;
  Shown inbox = { 0 };
  Shown shown = { 0 };

  g_assert_false (server_lists ("Conseils de classe"));

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (window, 1100, 700);
  cartable_test_iterate (500);

  view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "navigation-sidebar"));
  inbox = (Shown) { view, folders, "INBOX", NULL };
  g_assert_true (cartable_test_wait_for (inbox_shown, &inbox, 60000));
  /* A copy: the view's own changes with each folder opened. */
  account_id = g_strdup (cartable_main_view_get_account_id (view));
  g_assert_nonnull (account_id);
  cartable_test_iterate (500);

  /* A new folder at the top level, through the action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.folder-new", "(ss)", account_id, ""));
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-new", 5000));
  dialog = find_dialog ("folder-new");
  entry = dialog_entry (dialog);
  problem = cartable_test_find_named (GTK_WIDGET (dialog), "folder-name-problem");
  g_assert_nonnull (problem);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_assert_false (gtk_widget_get_visible (problem));

  /* « / » is refused with its sentence, and Enter does nothing. */
  gtk_editable_set_text (entry, "Conseils/2026");
  cartable_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "Un nom de dossier ne peut pas contenir « / » : ce caractère sépare un dossier de ses sous-dossiers.");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_signal_emit_by_name (entry, "activate");
  cartable_test_iterate (300);
  g_assert_true (find_dialog ("folder-new") == dialog);
  g_assert_false (server_lists ("Conseils/2026"));
  g_assert_false (server_lists ("Conseils"));

  /* A sibling's name is taken, case aside, and a special folder's as shown. */
  gtk_editable_set_text (entry, "réunions");
  cartable_test_iterate (50);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "Un dossier nommé « réunions » existe déjà à cet endroit. Choisissez un autre nom.");
  cartable_test_iterate (300);
  cartable_test_save_display_screenshot ("folder-new-refused");
  gtk_editable_set_text (entry, "corbeille");
  cartable_test_iterate (50);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "existe déjà"));

  gtk_editable_set_text (entry, "Conseils de classe");
  cartable_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-new", 5000));
  {
    g_assert_true (cartable_test_wait_value (listed, "Conseils de classe", NULL, TRUE, 200, 30000));
  }
  /* The new folder is listed and selected. */
  shown = (Shown) { view, folders, "Conseils de classe", "Conseils de classe" };
  g_assert_true (cartable_test_wait_for (folder_shown, &shown, 20000));
  g_assert_true (cartable_test_wait_for (list_settled, &shown, 20000));
  g_test_message ("« Conseils de classe » made on the server and shown");

  /* F2 on its row: the rename dialog, with the name to replace. */
  gtk_widget_grab_focus (GTK_WIDGET (folder_row (folders, "Conseils de classe")));
  cartable_test_iterate (50);
  cartable_test_press_key (window, GDK_KEY_F2, 0);
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-rename", 5000));
  dialog = find_dialog ("folder-rename");
  entry = dialog_entry (dialog);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Conseils de classe");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (entry, "Conseils de classe 2026");
  cartable_test_iterate (50);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  cartable_test_iterate (500);
  cartable_test_save_display_screenshot ("folder-rename-dialog");
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "_Renommer"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-rename", 5000));
  g_assert_true (cartable_test_wait_value (listed, "Conseils de classe 2026", NULL, TRUE, 200, 30000));
  g_assert_true (cartable_test_wait_value (listed, "Conseils de classe", NULL, FALSE, 200, 30000));
  /* The selection followed. */
  shown = (Shown) { view, folders, "Conseils de classe 2026", "Conseils de classe 2026" };
  g_assert_true (cartable_test_wait_for (folder_shown, &shown, 20000));
  g_assert_true (cartable_test_wait_for (list_settled, &shown, 20000));
  g_test_message ("renamed « Conseils de classe 2026 » on the server, still shown");

  /* Deleted after a confirmation that says it is empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.folder-delete", "(ss)", account_id,
                                             "Conseils de classe 2026"));
  if (!cartable_test_wait_for (dialog_open, (gpointer) "folder-delete", 5000))
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
          g_autoptr(GString) text = g_string_new (NULL);

          cartable_test_collect_text (GTK_WIDGET (w), text, CARTABLE_TEST_TEXT_DEFAULT);
          g_test_message ("window %s %s visible %d: %s", G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (GTK_WIDGET (w)),
                          gtk_widget_get_visible (GTK_WIDGET (w)), ADW_IS_MESSAGE_DIALOG (w) ? text->str : "");
        }
      g_error ("no delete dialog");
    }
  dialog = find_dialog ("folder-delete");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Supprimer « Conseils de classe 2026 » ?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Le dossier « Conseils de classe 2026 » est vide. Il sera supprimé du serveur. "
                   "Cette action est irréversible.");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "_Supprimer"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-delete", 5000));
  {
    g_assert_true (cartable_test_wait_value (listed, "Conseils de classe 2026", NULL, FALSE, 200, 30000));
  }
  g_assert_true (cartable_test_wait_for (row_gone, &shown, 20000));
  /* The selection moved to the Inbox. */
  g_assert_true (cartable_test_wait_for (folder_shown, &inbox, 20000));
  g_test_message ("deleted on the server, the Inbox shown");

  /* The Inbox: no « Supprimer » in its menu, and the action refuses. */
  gtk_widget_grab_focus (GTK_WIDGET (folder_row (folders, "INBOX")));
  cartable_test_iterate (50);
  cartable_test_press_key (window, GDK_KEY_Menu, 0);
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
  {
    GtkWidget *menu = cartable_test_find_open_menu (GTK_WIDGET (view));

    g_assert_cmpstr (gtk_widget_get_name (menu), ==, "folder-menu");
    g_assert_true (cartable_test_shows_text (menu, "Nouveau dossier…"));
    g_assert_false (cartable_test_shows_text (menu, "Supprimer"));
    g_assert_false (cartable_test_shows_text (menu, "Renommer"));
    gtk_popover_popdown (GTK_POPOVER (menu));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.folder-delete", "(ss)", account_id, "INBOX"));
  cartable_test_iterate (500);
  g_assert_null (find_dialog ("folder-delete"));
  g_assert_true (cartable_test_shows_text (GTK_WIDGET (view), "ne peut pas être supprimé"));
  g_assert_true (server_lists ("INBOX"));
  /* F2 on it does not rename it either. */
  gtk_widget_grab_focus (GTK_WIDGET (folder_row (folders, "INBOX")));
  cartable_test_press_key (window, GDK_KEY_F2, 0);
  cartable_test_iterate (300);
  g_assert_null (find_dialog ("folder-rename"));

  /* The account row's menu: a folder at the top level, nothing else. */
  right_click (folders, NULL);
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
  {
    GtkWidget *menu = cartable_test_find_open_menu (GTK_WIDGET (view));

    g_assert_true (cartable_test_shows_text (menu, "Nouveau dossier…"));
    g_assert_false (cartable_test_shows_text (menu, "Supprimer"));
    gtk_popover_popdown (GTK_POPOVER (menu));
    cartable_test_iterate (200);
  }

  /* « Projets » only holds folders (\Noselect): nothing can be made inside,
   * and it is no mailbox to rename; deleting it asks to empty it first. */
  right_click (folders, "Projets");
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
  {
    GtkWidget *menu = cartable_test_find_open_menu (GTK_WIDGET (view));

    g_assert_false (cartable_test_shows_text (menu, "Renommer"));
    g_assert_true (cartable_test_shows_text (menu, "Supprimer…"));
    g_assert_false (cartable_test_shows_text (menu, "Nouveau dossier"));
    g_assert_false (cartable_test_shows_text (menu, "Vider"));
    gtk_popover_popdown (GTK_POPOVER (menu));
    cartable_test_iterate (200);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.folder-delete", "(ss)", account_id, "Projets"));
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-error", 5000));
  dialog = find_dialog ("folder-error");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Dossier non supprimé");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "« Projets » contient des sous-dossiers. Supprimez-les ou déplacez-les d’abord, "
                   "puis supprimez ce dossier.");
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "_Fermer"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-error", 5000));
  g_assert_true (server_lists ("Projets/Voyage scolaire"));

  /* A sub-folder of « Projets/Voyage scolaire » from its menu. */
  right_click (folders, "Projets/Voyage scolaire");
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
  {
    GtkWidget *menu = cartable_test_find_open_menu (GTK_WIDGET (view));

    g_assert_true (cartable_test_shows_text (menu, "Renommer…"));
    g_assert_true (cartable_test_shows_text (menu, "Supprimer…"));
    g_assert_false (cartable_test_shows_text (menu, "Vider"));
    click_menu_entry (menu, "Nouveau dossier…");
  }
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-new", 5000));
  dialog = find_dialog ("folder-new");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Le nouveau dossier sera créé dans « Voyage scolaire ».");
  entry = dialog_entry (dialog);
  gtk_editable_set_text (entry, "Comptes rendus");
  cartable_test_iterate (50);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "C_réer"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-new", 5000));
  {
    g_assert_true (cartable_test_wait_value (listed, "Projets/Voyage scolaire/Comptes rendus", NULL, TRUE, 200, 30000));
  }
  shown = (Shown) { view, folders, "Projets/Voyage scolaire/Comptes rendus", "Comptes rendus" };
  g_assert_true (cartable_test_wait_for (folder_shown, &shown, 20000));
  g_assert_true (cartable_test_wait_for (list_settled, &shown, 20000));
  g_test_message ("« Projets/Voyage scolaire/Comptes rendus » made from the menu and shown");

  /* Made meanwhile from another computer: the server's refusal, in French. */
  {
    g_autofree char *out = cartable_test_academy_imap (USER, "assert m.create('Parents')[0] == 'OK'\n"
                                     "assert m.subscribe('Parents')[0] == 'OK'\n");
  }
  g_assert_null (folder_row (folders, "Parents"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.folder-new", "(ss)", account_id, ""));
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-new", 5000));
  dialog = find_dialog ("folder-new");
  gtk_editable_set_text (dialog_entry (dialog), "Parents");
  cartable_test_iterate (50);
  g_signal_emit_by_name (dialog_entry (dialog), "activate");
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-error", 30000));
  dialog = find_dialog ("folder-error");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Le dossier « Parents » n’a pas pu être créé");
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "existe déjà sur le serveur"));
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "_Fermer"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-error", 5000));
  /* And the list now shows it. */
  shown = (Shown) { view, folders, "Parents", NULL };
  g_assert_true (cartable_test_wait_for (row_listed, &shown, 20000));

  /* The Trash: a message moved there on the server, then emptied. */
  {
    g_autofree char *out = cartable_test_academy_imap (USER, "m.select('INBOX')\n"
                                     "typ, data = m.uid('SEARCH', None, 'ALL')\n"
                                     "uid = data[0].split()[0]\n"
                                     "assert m.uid('MOVE', uid, 'Trash')[0] == 'OK'\n"
                                     "print(uid.decode())\n");
    g_test_message ("message %s moved to Trash on the server", g_strstrip (out));
  }
  g_assert_cmpuint (cartable_test_academy_count (USER, "Trash"), >=, 1);
  right_click (folders, "Trash");
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
  {
    GtkWidget *menu = cartable_test_find_open_menu (GTK_WIDGET (view));

    g_assert_false (cartable_test_shows_text (menu, "Supprimer"));
    cartable_test_iterate (300);
    cartable_test_save_display_screenshot ("folder-context-menu");
    click_menu_entry (menu, "Vider la corbeille…");
  }
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-empty", 10000));
  dialog = find_dialog ("folder-empty");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Vider la corbeille ?");
  /* The count is the server's, though the message went there behind the app's back. */
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "La corbeille contient 1 message : il sera supprimé définitivement. Cette action est irréversible.");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "empty"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "_Vider"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-empty", 5000));
  g_assert_true (cartable_test_academy_wait_count (USER, "Trash", 0, 30000));
  g_assert_true (cartable_test_wait_for (toast_says_emptied, view, 10000));
  g_test_message ("Trash emptied on the server");

  /* The Junk folder likewise, from its own menu. */
  {
    g_autofree char *out = cartable_test_academy_imap (USER, "m.select('INBOX')\n"
                                     "typ, data = m.uid('SEARCH', None, 'ALL')\n"
                                     "for uid in data[0].split()[:2]:\n"
                                     "    assert m.uid('MOVE', uid, 'Junk')[0] == 'OK'\n");
  }
  g_assert_cmpuint (cartable_test_academy_count (USER, "Junk"), ==, 2);
  right_click (folders, "Junk");
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, view, 5000));
  {
    GtkWidget *menu = cartable_test_find_open_menu (GTK_WIDGET (view));

    g_assert_false (cartable_test_shows_text (menu, "Supprimer"));
    g_assert_false (cartable_test_shows_text (menu, "Vider la corbeille"));
    click_menu_entry (menu, "Vider le dossier Indésirables…");
  }
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-empty", 10000));
  dialog = find_dialog ("folder-empty");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Vider le dossier Indésirables ?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Le dossier Indésirables contient 2 messages : ils seront supprimés définitivement. "
                   "Cette action est irréversible.");
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "_Vider"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-empty", 5000));
  g_assert_true (cartable_test_academy_wait_count (USER, "Junk", 0, 30000));
  g_assert_true (cartable_test_wait_for (toast_says_junk_emptied, view, 10000));
  g_test_message ("Junk emptied on the server");

  /* Ctrl+Shift+N from the sidebar: a folder at the top level. */
  gtk_widget_grab_focus (GTK_WIDGET (folder_row (folders, "INBOX")));
  cartable_test_iterate (50);
  cartable_test_press_key (window, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (cartable_test_wait_for (dialog_open, (gpointer) "folder-new", 5000));
  dialog = find_dialog ("folder-new");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Le nouveau dossier sera créé au premier niveau du compte.");
  g_signal_emit_by_name (cartable_test_find_button (GTK_WIDGET (dialog), "_Annuler"), "clicked");
  g_assert_true (cartable_test_wait_for (dialog_closed, (gpointer) "folder-new", 5000));

  cartable_test_close_window (GTK_WINDOW (window), FALSE);
}

static gboolean
list_pane_failed (gpointer user_data)
{
  return g_strcmp0 (cartable_message_list_pane_get_page (user_data), "error") == 0;
}

/* Folders made or removed on the server while Cartable runs (from
 * webmail, another computer) come and go in the sidebar at the next
 * refresh of the account's folders, without the view being rebuilt.
 * Screenshots sidebar-server-folder (1366×768) and
 * sidebar-server-folder-narrow. */
CARTABLE_TEST ("server-folders", test_server_folders)
{
  CartableAccountSession *session;
  CartableFolderTree *tree;
  GtkWindow *window;
  CartableMainView *view;
  GtkListBox *folders;
  Shown inbox = { 0 };
  Shown made = { 0 };
  g_autofree char *created = NULL;
  g_autofree char *deleted = NULL;

  window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  gtk_window_set_default_size (window, 1366, 768);
  view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "navigation-sidebar"));
  inbox = (Shown) { view, folders, "INBOX", NULL };
  g_assert_true (cartable_test_wait_for (inbox_shown, &inbox, 60000));
  session = cartable_sessions_lookup (cartable_application_get_sessions (the_app), USER);
  tree = cartable_account_session_get_folder_tree (session);
  g_assert_nonnull (tree);

  made = (Shown) { view, folders, "Sorties scolaires", "Sorties scolaires" };
  g_assert_null (folder_row (folders, made.full_name));

  /* Made on the server: listed once the folders are read again. */
  /* Subscribed, as webmail does with the folders it makes: the sidebar
   * lists the subscribed folders. */
  created = cartable_test_academy_imap (USER, "typ, data = m.create('\"Sorties scolaires\"')\n"
                      "assert typ == 'OK', data\n"
                      "typ, data = m.subscribe('\"Sorties scolaires\"')\n"
                      "assert typ == 'OK', data\n");
  g_assert_true (server_lists ("Sorties scolaires"));
  cartable_test_iterate (300);
  g_assert_null (folder_row (folders, made.full_name));
  cartable_folder_tree_refresh_async (tree, TRUE, NULL, NULL, NULL);
  g_assert_true (cartable_test_wait_for (row_listed, &made, 20000));
  g_assert_true (cartable_test_shows_text (GTK_WIDGET (folder_row (folders, made.full_name)), "Sorties scolaires"));
  /* The folder shown stays shown and selected. */
  g_assert_true (folder_shown (&inbox));
  cartable_test_iterate (300);
  cartable_test_shot (GTK_WIDGET (window), "sidebar-server-folder");
  /* An address is read in full in the sidebar, a long one on two lines:
   * a cut address is another address. */
  {
    const char *long_address = "anne-sophie.delacroix-lemonnier@ac-normandie.fr";
    GtkWidget *row = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_ACCOUNT_ROW, NULL);
    GtkLabel *address = NULL;
    g_autofree char *kept = NULL;

    g_assert_nonnull (row);
    for (GtkWidget *w = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))); w;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_LABEL (w) && strchr (gtk_label_get_text (GTK_LABEL (w)), '@') != NULL)
        address = GTK_LABEL (w);
    g_assert_nonnull (address);
    kept = g_strdup (gtk_label_get_text (address));
    gtk_label_set_text (address, long_address);
    cartable_test_iterate (200);
    g_assert_cmpint (gtk_widget_get_width (row), <, 400);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (address)));
    cartable_test_shot (GTK_WIDGET (window), "sidebar-long-address");
    gtk_label_set_text (address, kept);
  }

  gtk_window_set_default_size (window, 400, 768);
  cartable_test_iterate (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.back", NULL));
  cartable_test_iterate (600);
  cartable_test_shot (GTK_WIDGET (window), "sidebar-server-folder-narrow");
  gtk_window_set_default_size (window, 1366, 768);

  /* Removed on the server: gone at the next reading. */
  deleted = cartable_test_academy_imap (USER, "typ, data = m.delete('\"Sorties scolaires\"')\n"
                      "assert typ == 'OK', data\n");
  g_assert_false (server_lists ("Sorties scolaires"));
  cartable_folder_tree_refresh_async (tree, TRUE, NULL, NULL, NULL);
  g_assert_true (cartable_test_wait_for (row_gone, &made, 20000));
  g_assert_nonnull (folder_row (folders, "INBOX"));

  /* A folder the server does not have (a stale link): the list pane says
   * it could not be opened, in its place. */
  {
    CartableMessageListPane *pane = CARTABLE_MESSAGE_LIST_PANE (
      cartable_test_find_descendant (GTK_WIDGET (view), CARTABLE_TYPE_MESSAGE_LIST_PANE, NULL));
    g_autofree char *account_id = g_strdup (cartable_main_view_get_account_id (view));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.show-folder", "(ss)", account_id,
                                               "Sorties scolaires"));
    g_assert_true (cartable_test_wait_for (list_pane_failed, pane, 20000));
    g_assert_cmpstr (adw_status_page_get_description (cartable_message_list_pane_get_error_page (pane)), ==,
                     "Le dossier n’a pas pu être ouvert. Vérifiez votre connexion.");
    cartable_test_iterate (300);
    cartable_test_shot (GTK_WIDGET (window), "folder-open-failed");
  }

  cartable_test_close_window (GTK_WINDOW (window), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 5, NULL, &the_app);
}

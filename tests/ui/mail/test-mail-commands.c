/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-academy.h"
#include "cartable-test-mail.h"
#include "cartable-test-a11y.h"
#include "cartable-test-ui.h"
#include "mail/cartable-composer-window.h"
#include "mail/cartable-folder-row.h"
#include "mail/cartable-mail-sidebar.h"
#include "mail/cartable-main-view.h"
#include "mail/cartable-message-pane.h"
#include "simple/cartable-simple-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-commands");

/*
 * Commands on messages in the real application against the loopback
 * academy, checked on the IMAP server: a draft of « Brouillons » offers
 * « Reprendre » (Ctrl+E), which opens it in the composer with its
 * recipients, subject, text and attachment; saved again it replaces the
 * old draft, sent it leaves none. Deleting, archiving and marking as junk
 * say so in a toast whose « Annuler » puts the message back in the Inbox.
 * The sidebar's « ⋮ » menu button offers the folder commands of the folder
 * selected, lists every folder on demand, and subscribes to a folder or
 * unsubscribes from it (checked with LSUB); « Afficher tous les dossiers »
 * is kept for the next window. Marked as junk, a message carries the Junk
 * keyword on the server; « Annuler » brings it back without. Screenshots
 * draft-resume, draft-resumed-composer, undo-delete-toast,
 * sidebar-folder-menu, sidebar-all-folders and sidebar-all-folders-kept.
 */

#define USER "mdurand"

static CartableApplication *the_app;

/* The number of messages of @mailbox whose subject holds @words. */
static guint
count_subject (const char *mailbox,
               const char *words)
{
  g_autofree char *criteria = g_strdup_printf ("None, 'SUBJECT', '\"%s\"'", words);

  return cartable_test_academy_search_count (USER, mailbox, criteria);
}

/* count_subject() for cartable_test_wait_value(). */
static gint64
subject_count (gconstpointer mailbox,
               gconstpointer words)
{
  return count_subject (mailbox, words);
}

typedef struct
{
  CartableMainView  *view;
  CartableTestPanes  panes;
} Mail;

static gboolean
account_shown (gpointer view)
{
  return cartable_main_view_get_account_id (view) != NULL;
}

static void
open_mail (Mail *mail)
{
  GtkWindow *window = cartable_test_activate_main_window (G_APPLICATION (the_app));
  GtkWidget *html;

  gtk_window_set_default_size (window, 1366, 768);
  cartable_test_iterate (300);
  mail->view = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL));
  mail->panes.folders = GTK_LIST_BOX (cartable_test_find_descendant (GTK_WIDGET (mail->view), GTK_TYPE_LIST_BOX,
                                                                     "navigation-sidebar"));
  mail->panes.messages = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (mail->view), GTK_TYPE_LIST_VIEW, NULL));
  html = cartable_test_find_descendant (GTK_WIDGET (mail->view), CARTABLE_TYPE_HTML_VIEW, NULL);
  mail->panes.message_stack = GTK_STACK (gtk_widget_get_ancestor (html, GTK_TYPE_STACK));
  /* The window opens on the folder an earlier test left it on: the Inbox,
   * as the user would click it. */
  g_assert_true (cartable_test_wait_for (account_shown, mail->view, 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mail->view), "mail.show-folder", "(ss)",
                                             cartable_main_view_get_account_id (mail->view), "INBOX"));
  g_assert_true (cartable_test_wait_for (cartable_test_panes_inbox_listed, &mail->panes, 60000));
  cartable_test_iterate (500);
}

/* ------------------------------------------------------------ Reprendre */

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* Whether the button of @action under @root is shown. */
static gboolean
offers (GtkWidget  *root,
        const char *action)
{
  GtkWidget *button = cartable_test_find_widget (root, is_button_for_action, action);

  g_assert_nonnull (button);
  return gtk_widget_is_visible (button);
}

static gboolean
pane_offers_resume (gpointer user_data)
{
  return cartable_message_pane_get_draft (user_data);
}

/* A draft with an attachment in « Brouillons », as another computer (or an
 * earlier run) left it; returns its uid. */
static char *
append_draft (const char *subject,
              const char *message_id)
{
  g_autofree char *body = NULL;
  char *uid;

  body = g_strdup_printf ("import email.message\n"
                          "msg = email.message.EmailMessage()\n"
                          "msg['From'] = 'Marie Durand <mdurand@ac-normandie.fr>'\n"
                          "msg['To'] = 'Thomas Lefebvre <thomas.lefebvre@ac-normandie.fr>'\n"
                          "msg['Subject'] = '%s'\n"
                          "msg['Message-ID'] = '<%s>'\n"
                          "msg.set_content('Depart a 8 h devant le college.\\n')\n"
                          "msg.add_attachment(b'%%PDF-1.4\\n%%autorisation\\n', maintype='application', subtype='pdf',"
                          " filename='autorisation.pdf')\n"
                          "typ, data = m.append('Drafts', '(\\\\Draft)', None, msg.as_bytes())\n"
                          "assert typ == 'OK', data\n"
                          "print(re.search(rb'APPENDUID \\d+ (\\d+)', data[0]).group(1).decode())\n", subject, message_id);
  uid = cartable_test_academy_imap (USER, body);
  return g_strstrip (uid);
}

CARTABLE_TEST ("resume-draft", test_resume_draft)
{
  Mail mail = { 0 };
  GtkWindow *window;
  CartableMessagePane *pane;
  CartableComposerWindow *composer_window;
  CartableComposer *composer;
  g_autofree char *uid = NULL;
  g_autofree char *to = NULL;
  g_autofree char *account_id = NULL;
  CartableTestShownMessage shown;
  GtkWidget *subject_entry = NULL;
  /* The draft on screen goes from the server twice, when saved again and
   * when sent: see cartable_test_tolerate_stale_ancestor_check (). */
  cartable_test_tolerate_stale_ancestor_check ();

  uid = append_draft ("Sortie au musee", "reprendre-1@ac-normandie.fr");
  g_assert_cmpuint (count_subject ("Drafts", "Sortie au musee"), ==, 1);

  open_mail (&mail);
  window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (mail.view)));
  account_id = g_strdup (cartable_main_view_get_account_id (mail.view));
  pane = CARTABLE_MESSAGE_PANE (cartable_test_find_descendant (GTK_WIDGET (mail.view), CARTABLE_TYPE_MESSAGE_PANE, NULL));

  /* A message of the Inbox is answered, not resumed. */
  gtk_selection_model_select_item (gtk_list_view_get_model (mail.panes.messages), 0, TRUE);
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &mail.panes, 20000));
  g_assert_false (cartable_message_pane_get_draft (pane));
  g_assert_true (offers (GTK_WIDGET (pane), "compose.reply"));
  g_assert_false (offers (GTK_WIDGET (pane), "compose.resume-draft"));

  /* The draft, shown from « Brouillons »: « Reprendre » instead. */
  cartable_main_view_show_message (mail.view, account_id, "Drafts", uid);
  shown = (CartableTestShownMessage) { mail.view, uid };
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &shown, 20000));
  g_assert_true (cartable_test_wait_for (pane_offers_resume, pane, 20000));
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &mail.panes, 20000));
  g_assert_true (offers (GTK_WIDGET (pane), "compose.resume-draft"));
  g_assert_false (offers (GTK_WIDGET (pane), "compose.reply"));
  g_assert_true (cartable_test_shows_text (GTK_WIDGET (pane), "Reprendre"));
  cartable_test_iterate (500);
  cartable_test_shot (GTK_WIDGET (window), "draft-resume");
  /* In a narrow window too. */
  gtk_window_set_default_size (window, 400, 768);
  cartable_test_iterate (600);
  g_assert_true (offers (GTK_WIDGET (pane), "compose.resume-draft"));
  cartable_test_shot (GTK_WIDGET (window), "draft-resume-narrow");
  gtk_window_set_default_size (window, 1366, 768);
  cartable_test_iterate (300);

  /* Ctrl+E: the composer, with all the draft holds. */
  gtk_widget_grab_focus (GTK_WIDGET (mail.panes.messages));
  cartable_test_press_key (window, GDK_KEY_e, GDK_CONTROL_MASK);
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW),
                                         5000));
  composer_window = CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  composer = cartable_composer_window_get_composer (composer_window);
  to = cartable_composer_dup_recipients (composer, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpstr (to, ==, "Thomas Lefebvre <thomas.lefebvre@ac-normandie.fr>");
  g_assert_cmpstr (cartable_composer_get_subject (composer), ==, "Sortie au musee");
  g_assert_nonnull (strstr (cartable_composer_get_body (composer), "Depart a 8 h devant le college."));
  g_assert_cmpuint (cartable_composer_get_n_attachments (composer), ==, 1);
  g_assert_cmpstr (cartable_composer_get_message_id (composer), ==, "reprendre-1@ac-normandie.fr");
  g_assert_true (cartable_test_shows_text (GTK_WIDGET (composer_window), "autorisation.pdf"));
  {
    GtkWidget *stack[256];
    guint n = 0;

    stack[n++] = GTK_WIDGET (composer_window);
    while (n > 0 && subject_entry == NULL)
      {
        GtkWidget *widget = stack[--n];

        if (GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), "Sortie au musee") == 0)
          subject_entry = widget;
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child && n < G_N_ELEMENTS (stack);
             child = gtk_widget_get_next_sibling (child))
          stack[n++] = child;
      }
  }
  g_assert_nonnull (subject_entry);
  cartable_test_iterate (500);
  cartable_test_shot (GTK_WIDGET (composer_window), "draft-resumed-composer");

  /* Saved again: the new version replaces the old one in « Brouillons ». */
  gtk_editable_set_text (GTK_EDITABLE (subject_entry), "Sortie au musee modifiee");
  g_assert_true (cartable_test_wait_value (subject_count, "Drafts", "Sortie au musee modifiee", 1, 300, 30000));
  g_assert_true (cartable_test_wait_value (subject_count, "Drafts", "Sortie au musee", 1, 300, 30000));
  g_test_message ("the resumed draft replaced the old one on the server");

  /* Sent: no draft left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer_window), "composer.send", NULL));
  g_assert_true (cartable_test_wait_value (subject_count, "Drafts", "Sortie au musee", 0, 300, 30000));
  g_test_message ("sent: « Brouillons » holds no copy");
  cartable_test_iterate (600);

  cartable_test_close_window (window, FALSE);
}

/* ------------------------------------------------------------ Annuler */

static gboolean
toast_says (gpointer user_data)
{
  const char **what = user_data;

  return cartable_test_shows_text (GTK_WIDGET (what[0]), what[1]);
}

/* The FLAGS of the message of @mailbox whose Message-ID is @message_id,
 * in lower case, as keywords are compared ("" when it is not there). */
static char *
dup_server_flags (const char *mailbox,
                  const char *message_id)
{
  g_autofree char *body = g_strdup_printf ("m.select('%s', readonly=True)\n"
                                           "typ, data = m.search(None, 'HEADER', 'Message-ID', '\"%s\"')\n"
                                           "for n in data[0].split():\n"
                                           "    typ, f = m.fetch(n, '(FLAGS)')\n"
                                           "    print(re.search(r'FLAGS \\(([^)]*)\\)', f[0].decode()).group(1) + ';')\n",
                                           mailbox, message_id);

  g_autofree char *out = cartable_test_academy_imap (USER, body);

  return g_ascii_strdown (g_strstrip (out), -1);
}

static void
check_undo (Mail       *mail,
            const char *action,
            const char *mailbox,
            const char *sentence,
            const char *shot)
{
  GtkSelectionModel *model = gtk_list_view_get_model (mail->panes.messages);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (mail->view)));
  guint inbox = cartable_test_academy_count (USER, "INBOX");
  guint other = cartable_test_academy_count (USER, mailbox);
  const char *said[] = { (const char *) mail->view, sentence };
  GtkWidget *undo;

  g_autofree char *message_id = NULL;
  g_autofree char *flags = NULL;
  g_autofree char *spoken = NULL;
  g_autoptr(CartableTestA11yListener) listener = NULL;

  gtk_selection_model_select_item (model, 0, TRUE);
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &mail->panes, 20000));
  message_id = g_strdup (cartable_message_get_message_id (cartable_main_view_get_message (mail->view)));
  g_assert_nonnull (message_id);
  listener = cartable_test_a11y_listen ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mail->view), action, NULL));
  g_assert_true (cartable_test_academy_wait_count (USER, mailbox, other + 1, 30000));
  g_assert_true (cartable_test_academy_wait_count (USER, "INBOX", inbox - 1, 30000));
  /* Marked as junk, the server's filter is told (the Junk keyword). */
  flags = dup_server_flags (mailbox, message_id);
  g_test_message ("%s: flags in %s: %s", action, mailbox, flags);
  g_assert_cmpstr (flags, !=, "");
  g_assert_true ((strstr (flags, "junk") != NULL) == g_str_equal (action, "mail.junk"));
  g_clear_pointer (&flags, g_free);
  g_assert_true (cartable_test_wait_for (toast_says, said, 10000));
  /* Said to a screen reader too, with the way back. */
  spoken = g_strdup_printf ("%s — Annuler", sentence);
  cartable_test_a11y_assert_spoken (listener, spoken, 10000);
  /* libadwaita 1.2: not too soon after the toast came. */
  cartable_test_iterate (600);
  if (shot != NULL)
    cartable_test_shot (GTK_WIDGET (window), shot);

  undo = cartable_test_find_button (GTK_WIDGET (mail->view), "_Annuler");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (cartable_test_academy_wait_count (USER, mailbox, other, 30000));
  g_assert_true (cartable_test_academy_wait_count (USER, "INBOX", inbox, 30000));
  /* Back as it was: no junk keyword left on it. */
  flags = dup_server_flags ("INBOX", message_id);
  g_test_message ("%s undone: flags in the Inbox: %s", action, flags);
  g_assert_cmpstr (flags, !=, "");
  g_assert_null (strstr (flags, "junk"));
  g_test_message ("%s undone on the server", action);
  cartable_test_iterate (600);
}

CARTABLE_TEST ("undo-remove", test_undo_remove)
{
  Mail mail = { 0 };

  open_mail (&mail);
  check_undo (&mail, "mail.delete", "Trash", "1 message mis à la corbeille", "undo-delete-toast");
  check_undo (&mail, "mail.archive", "Archive", "1 message archivé", NULL);
  check_undo (&mail, "mail.junk", "Junk", "1 message signalé comme indésirable", NULL);

  cartable_test_close_window (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (mail.view))), FALSE);
}

/* ------------------------------------------------------------ the folder menu */

static gboolean
server_subscribed (const char *name)
{
  g_autofree char *out = cartable_test_academy_imap (USER, "for line in m.lsub()[1]:\n"
                                   "    if line: print(line.decode())\n");
  g_autofree char *quoted = g_strdup_printf (" \"%s\"", name);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (g_strstrip (lines[i]), quoted))
      return TRUE;
  return FALSE;
}

static gboolean
subscribed_cb (gpointer name)
{
  return server_subscribed (name);
}

static gboolean
unsubscribed_cb (gpointer name)
{
  return !server_subscribed (name);
}

typedef struct
{
  GtkListBox *folders;
  const char *full_name;
} Row;

static GtkWidget *
folder_row (GtkListBox *folders,
            const char *full_name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (folders)); row; row = gtk_widget_get_next_sibling (row))
    if (CARTABLE_IS_FOLDER_ROW (row) &&
        g_strcmp0 (cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (row)), full_name) == 0)
      return row;
  return NULL;
}

static gboolean
row_listed (gpointer user_data)
{
  Row *row = user_data;

  return folder_row (row->folders, row->full_name) != NULL;
}

static gboolean
row_unlisted (gpointer user_data)
{
  return !row_listed (user_data);
}

static gboolean
row_selected (gpointer user_data)
{
  Row *row = user_data;
  GtkWidget *widget = folder_row (row->folders, row->full_name);

  return widget != NULL && gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (widget));
}

/* Whether the account's folder tree holds @full_name (1) or not (0). */
static gint64
tree_holds (gconstpointer session,
            gconstpointer full_name)
{
  return cartable_folder_tree_find (cartable_account_session_get_folder_tree ((CartableAccountSession *) session),
                                    full_name) != NULL;
}

static gboolean
wait_tree_has (CartableAccountSession *session,
               const char             *full_name)
{
  return cartable_test_wait_value (tree_holds, session, full_name, TRUE, 0, 20000);
}

/* Opens the header's « ⋮ » menu; returns its text. */
static char *
open_folder_menu (GtkWidget *sidebar)
{
  GtkWidget *button = cartable_test_find_named (sidebar, "folder-menu-button");
  GtkWidget *menu;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (cartable_test_wait_for (cartable_test_menu_open, sidebar, 5000));
  menu = cartable_test_find_open_menu (sidebar);
  return cartable_test_dup_text (menu, CARTABLE_TEST_TEXT_DEFAULT);
}

static void
close_folder_menu (GtkWidget *sidebar)
{
  gtk_popover_popdown (GTK_POPOVER (cartable_test_find_open_menu (sidebar)));
  cartable_test_iterate (200);
}

CARTABLE_TEST ("folder-menu", test_folder_menu)
{
  Mail mail = { 0 };
  GtkWindow *window;
  GtkWidget *sidebar;
  GtkWidget *button;
  CartableAccountSession *session;
  g_autofree char *account_id = NULL;
  g_autofree char *out = NULL;
  Row archives;

  out = cartable_test_academy_imap (USER, "assert m.create('\"Archives 2025\"')[0] == 'OK'\n");
  g_assert_false (server_subscribed ("Archives 2025"));

  open_mail (&mail);
  window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (mail.view)));
  sidebar = cartable_test_find_descendant (GTK_WIDGET (mail.view), CARTABLE_TYPE_MAIL_SIDEBAR, NULL);
  account_id = g_strdup (cartable_main_view_get_account_id (mail.view));
  session = cartable_sessions_lookup (cartable_application_get_sessions (the_app), USER);
  archives = (Row) { mail.panes.folders, "Archives 2025" };

  /* Read again from the server: the tree has it, the sidebar does not list it. */
  cartable_folder_tree_refresh_async (cartable_account_session_get_folder_tree (session), TRUE, NULL, NULL, NULL);
  g_assert_true (wait_tree_has (session, "Archives 2025"));
  cartable_test_iterate (300);
  g_assert_null (folder_row (mail.panes.folders, "Archives 2025"));
  g_assert_nonnull (folder_row (mail.panes.folders, "Projets/Voyage scolaire"));

  /* The menu button: named, and the selected folder's commands. */
  button = cartable_test_find_named (sidebar, "folder-menu-button");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Actions sur le dossier");
  {
    g_autofree char *text = open_folder_menu (sidebar);

    g_test_message ("Inbox menu:\n%s", text);
    g_assert_nonnull (strstr (text, "Nouveau dossier…"));
    g_assert_nonnull (strstr (text, "Afficher tous les dossiers"));
    g_assert_null (strstr (text, "Supprimer"));
    g_assert_null (strstr (text, "abonner"));
    cartable_test_iterate (300);
    cartable_test_save_display_screenshot ("sidebar-folder-menu");
    close_folder_menu (sidebar);
  }

  /* Every folder, on demand. */
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.show-all-folders", NULL));
  g_assert_true (cartable_test_wait_for (row_listed, &archives, 5000));

  /* Its menu offers to subscribe. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mail.view), "mail.show-folder", "(ss)", account_id,
                                             "Archives 2025"));
  g_assert_true (cartable_test_wait_for (row_selected, &archives, 10000));
  {
    g_autofree char *text = open_folder_menu (sidebar);

    g_test_message ("Archives 2025 menu:\n%s", text);
    g_assert_nonnull (strstr (text, "Renommer…"));
    g_assert_nonnull (strstr (text, "Supprimer…"));
    g_assert_nonnull (strstr (text, "S’abonner"));
    cartable_test_iterate (300);
    cartable_test_shot (GTK_WIDGET (window), "sidebar-all-folders");
    close_folder_menu (sidebar);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mail.view), "mail.folder-subscribe", "(ss)", account_id,
                                             "Archives 2025"));
  g_assert_true (cartable_test_poll (subscribed_cb, (gpointer) "Archives 2025", 300, 30000));
  g_test_message ("subscribed on the server");

  /* Subscribed: listed without « Afficher tous les dossiers ». */
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.show-all-folders", NULL));
  cartable_test_iterate (500);
  g_assert_true (row_listed (&archives));
  {
    g_autofree char *text = open_folder_menu (sidebar);

    g_assert_nonnull (strstr (text, "Se désabonner"));
    close_folder_menu (sidebar);
  }

  /* Unsubscribed: gone from the sidebar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mail.view), "mail.folder-unsubscribe", "(ss)", account_id,
                                             "Archives 2025"));
  g_assert_true (cartable_test_poll (unsubscribed_cb, (gpointer) "Archives 2025", 300, 30000));
  g_assert_true (cartable_test_wait_for (row_unlisted, &archives, 10000));
  g_test_message ("unsubscribed on the server, no longer listed");

  cartable_test_close_window (window, FALSE);
}

/* « Afficher tous les dossiers » is kept: a new window lists every folder
 * too, until it is unticked. */
CARTABLE_TEST ("show-all-folders-kept", test_show_all_folders_kept)
{
  GSettings *settings = cartable_application_get_settings (the_app);
  Mail mail = { 0 };
  GtkWidget *sidebar;
  CartableAccountSession *session;
  g_autofree char *out = NULL;
  gboolean show_all = FALSE;
  Row old;

  out = cartable_test_academy_imap (USER, "assert m.create('\"Projets 2023\"')[0] == 'OK'\n");
  open_mail (&mail);
  session = cartable_sessions_lookup (cartable_application_get_sessions (the_app), USER);
  cartable_folder_tree_refresh_async (cartable_account_session_get_folder_tree (session), TRUE, NULL, NULL, NULL);
  g_assert_true (wait_tree_has (session, "Projets 2023"));
  old = (Row) { mail.panes.folders, "Projets 2023" };
  cartable_test_iterate (300);
  g_assert_false (row_listed (&old));
  g_assert_false (g_settings_get_boolean (settings, "show-all-folders"));

  sidebar = cartable_test_find_descendant (GTK_WIDGET (mail.view), CARTABLE_TYPE_MAIL_SIDEBAR, NULL);
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.show-all-folders", NULL));
  g_assert_true (cartable_test_wait_for (row_listed, &old, 5000));
  g_assert_true (g_settings_get_boolean (settings, "show-all-folders"));
  cartable_test_close_window (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (mail.view))), FALSE);

  /* A new window: every folder still listed. */
  open_mail (&mail);
  sidebar = cartable_test_find_descendant (GTK_WIDGET (mail.view), CARTABLE_TYPE_MAIL_SIDEBAR, NULL);
  g_object_get (sidebar, "show-all-folders", &show_all, NULL);
  g_assert_true (show_all);
  old.folders = mail.panes.folders;
  g_assert_true (cartable_test_wait_for (row_listed, &old, 5000));
  {
    g_autofree char *text = open_folder_menu (sidebar);

    g_test_message ("menu in the new window:\n%s", text);
    g_assert_nonnull (strstr (text, "Afficher tous les dossiers"));
    cartable_test_iterate (300);
    cartable_test_save_display_screenshot ("sidebar-all-folders-kept");
    close_folder_menu (sidebar);
  }

  /* Unticked: the subscribed folders alone, and so in the next window. */
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.show-all-folders", NULL));
  g_assert_true (cartable_test_wait_for (row_unlisted, &old, 5000));
  g_assert_false (g_settings_get_boolean (settings, "show-all-folders"));
  cartable_test_close_window (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (mail.view))), FALSE);
}

/* ------------------------------------------------------------ Reprendre, simple */

/* Whether the simple version shows the message @uid and offers « Reprendre » (1). */
static gint64
simple_offers_resume (gconstpointer view,
                      gconstpointer uid)
{
  CartableSimpleView *simple = (CartableSimpleView *) view;

  return g_strcmp0 (cartable_simple_view_get_message_uid (simple), uid) == 0 &&
         cartable_simple_view_get_message (simple) != NULL &&
         offers (GTK_WIDGET (simple), "simple.resume-draft");
}

/* The simple version shows a draft (handed over from the full one, or a
 * notification) with « Reprendre » in place of « Répondre ». */
CARTABLE_TEST ("resume-draft-simple", test_resume_draft_simple)
{
  GSettings *settings = cartable_application_get_settings (the_app);
  GtkWindow *window;
  CartableComposerWindow *composer_window;
  CartableSimpleView *simple;
  Mail mail = { 0 };
  CartableTestShownMessage full_shown;
  g_autofree char *account_id = NULL;
  g_autofree char *uid = append_draft ("Conseil de classe", "reprendre-2@ac-normandie.fr");
  guint checked = 0;

  /* Opened in the full version, then the simple one is chosen: it keeps
   * the message open. */
  open_mail (&mail);
  window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (mail.view)));
  account_id = g_strdup (cartable_main_view_get_account_id (mail.view));
  cartable_main_view_show_message (mail.view, account_id, "Drafts", uid);
  full_shown = (CartableTestShownMessage) { mail.view, uid };
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &full_shown, 20000));
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &mail.panes, 20000));
  g_settings_set_string (settings, "interface-mode", "simple");
  cartable_test_iterate (500);
  simple = CARTABLE_SIMPLE_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_SIMPLE_VIEW, NULL));
  g_assert_nonnull (simple);
  g_assert_true (cartable_test_wait_value (simple_offers_resume, simple, uid, TRUE, 0, 20000));
  g_assert_false (offers (GTK_WIDGET (simple), "simple.reply"));
  g_assert_true (cartable_test_shows_text (GTK_WIDGET (simple), "thomas.lefebvre@ac-normandie.fr"));
  cartable_test_check_accessible_name (cartable_test_find_widget (GTK_WIDGET (simple), is_button_for_action,
                                                                  "simple.resume-draft"), &checked);
  g_assert_true (cartable_test_html_view_shows (CARTABLE_HTML_VIEW (cartable_test_find_descendant (
                                                   GTK_WIDGET (simple), CARTABLE_TYPE_HTML_VIEW, NULL)),
                                                 "college"));
  cartable_test_iterate (500);
  cartable_test_shot (GTK_WIDGET (window), "simple-draft-resume");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (simple), "simple.resume-draft", NULL));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW),
                                         5000));
  composer_window = CARTABLE_COMPOSER_WINDOW (cartable_test_find_window (CARTABLE_TYPE_COMPOSER_WINDOW));
  g_assert_cmpstr (cartable_composer_get_subject (cartable_composer_window_get_composer (composer_window)), ==,
                   "Conseil de classe");
  g_assert_cmpuint (cartable_composer_get_n_attachments (cartable_composer_window_get_composer (composer_window)), ==, 1);
  cartable_test_close_window (GTK_WINDOW (composer_window), FALSE);
  g_assert_true (cartable_test_wait_for (cartable_test_window_gone, GSIZE_TO_POINTER (CARTABLE_TYPE_COMPOSER_WINDOW),
                                         5000));
  /* Closed unchanged: the draft stays, once. */
  g_assert_cmpuint (count_subject ("Drafts", "Conseil de classe"), ==, 1);

  g_settings_set_string (settings, "interface-mode", "full");
  cartable_test_iterate (300);
  cartable_test_close_window (window, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  return cartable_test_academy_main (&argc, &argv, USER, 60, NULL, &the_app);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <X11/XKBlib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>
#include <gdk/x11/gdkx.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "cartable-test-a11y.h"
#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-mail-view.h"
#include "onboarding/cartable-password-checklist.h"
#include "onboarding/cartable-welcome-page.h"

/*
 * Every onboarding flow, driven the way a keyboard user does: Tab moves the
 * focus (gtk_widget_child_focus, what the Tab binding calls), text is typed
 * into the focused field, Enter activates the focused widget, Escape goes
 * back. Against the real portal and Dovecot of the loopback academy, in
 * French, ending in the main window; a screenshot of each page.
 */

/* ------------------------------------------------------------ the academy */

static const char *
demo_field (const char *identifier,
            const char *field)
{
  const char *value = cartable_test_academy_field (identifier, field);

  g_assert_nonnull (value);
  return value;
}

/* The demo files give dates as YYYY-MM-DD; people type DD/MM/YYYY. */
static char *
french_birth_date (const char *identifier)
{
  g_auto(GStrv) parts = g_strsplit (demo_field (identifier, "birth_date"), "-", 3);

  return g_strdup_printf ("%s/%s/%s", parts[2], parts[1], parts[0]);
}

/* The code of the latest "letter" the portal sent to a school secretariat
 * for @identifier: a mail in the secretariat's Maildir. */
static char *
read_code_from_secretariat (const char *identifier)
{
  g_autofree char *mail_root = g_build_filename (cartable_test_academy_get_dir (), "mail", NULL);
  g_autoptr(GDir) boxes = g_dir_open (mail_root, 0, NULL);
  g_autofree char *header = g_strdup_printf ("X-Academy-Identifier: %s", identifier);
  g_autoptr(GRegex) regex = g_regex_new ("Code d'activation : ([A-Z0-9]{4}-[A-Z0-9]{4})", 0, 0, NULL);
  g_autofree char *latest_name = NULL;
  char *code = NULL;
  const char *box;

  g_assert_nonnull (boxes);
  while ((box = g_dir_read_name (boxes)) != NULL)
    {
      g_autofree char *new_dir = g_build_filename (mail_root, box, "Maildir", "new", NULL);
      g_autoptr(GDir) mails = g_dir_open (new_dir, 0, NULL);
      const char *name;

      while (mails != NULL && (name = g_dir_read_name (mails)) != NULL)
        {
          g_autofree char *path = g_build_filename (new_dir, name, NULL);
          g_autofree char *contents = NULL;
          g_autoptr(GMatchInfo) match = NULL;

          if (!g_file_get_contents (path, &contents, NULL, NULL) || strstr (contents, header) == NULL)
            continue;
          if (g_regex_match (regex, contents, 0, &match) &&
              (latest_name == NULL || strcmp (name, latest_name) > 0))
            {
              g_free (code);
              code = g_match_info_fetch (match, 1);
              g_free (latest_name);
              latest_name = g_strdup (name);
            }
        }
    }

  g_assert_nonnull (code);
  return code;
}

/* --------------------------------------------------------- the keyboard */

static CartableApplication *the_app;
static CartableWindow *the_window;

static GtkWidget *
focus_widget (void)
{
  return gtk_root_get_focus (GTK_ROOT (the_window));
}

static void
press_tab (void)
{
  cartable_test_press_key (GTK_WINDOW (the_window), GDK_KEY_Tab, 0);
  cartable_test_iterate (5);
}

/* Tabs until the focus is in @target; fails if it never gets there. */
static void
tab_to (GtkWidget *target)
{
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus = focus_widget ();

      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return;
      press_tab ();
    }

  g_error ("Tab never reaches %s", G_OBJECT_TYPE_NAME (target));
}

/* Typing into the focused field: it must be editable. */
static void
type_text (const char *text)
{
  GtkWidget *focus = focus_widget ();

  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), text);
  cartable_test_iterate (5);
}

/* Enter on the focused widget: an entry emits activate, a button or a
 * row is activated. */
static void
press_enter (void)
{
  GtkWidget *focus = focus_widget ();

  g_assert_nonnull (focus);
  if (GTK_IS_TEXT (focus))
    g_signal_emit_by_name (focus, "activate");
  else
    g_assert_true (gtk_widget_activate (focus));
  cartable_test_iterate (5);
}

/* Escape: a search entry's own binding (stop-search) first, else the
 * page's key binding. */
static void
press_escape (void)
{
  GtkWidget *focus = focus_widget ();
  GtkWidget *search = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) : NULL;

  if (search != NULL)
    {
      g_signal_emit_by_name (search, "stop-search");
      cartable_test_iterate (5);
      return;
    }

  gtk_widget_activate_action (focus != NULL ? focus : GTK_WIDGET (the_window), "onboarding.back", NULL);
  cartable_test_iterate (5);
}

static void wait_for_step (const char *step);
static const char *current_step (void);

/* Escape until the first page, as a user backing out does. */
static void
escape_to_welcome (void)
{
  for (guint i = 0; i < 5 && g_strcmp0 (current_step (), "welcome") != 0; i++)
    {
      press_escape ();
      cartable_test_iterate (300);
    }
  wait_for_step ("welcome");
}

/* ---------------------------------------------------------- the widgets */

static CartableWelcomePage *
welcome_page (void)
{
  return CARTABLE_WELCOME_PAGE (cartable_test_welcome_page (GTK_WINDOW (the_window)));
}

static const char *
current_step (void)
{
  return cartable_welcome_page_get_visible_step (welcome_page ());
}

static GtkWidget *
visible_step_widget (void)
{
  return cartable_test_welcome_step (GTK_WINDOW (the_window));
}

typedef struct
{
  const char *step;
} StepQuery;

static const char *form_error (void);

static const char *
shown_error (void)
{
  GtkWidget *stack = cartable_test_find_descendant (GTK_WIDGET (welcome_page ()), GTK_TYPE_STACK, NULL);
  GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (stack));
  const char *error = cartable_test_find_descendant (page, GTK_TYPE_LABEL, "onboarding-error") ? form_error () : NULL;

  return error != NULL ? error : "";
}

static gboolean
step_reached (gpointer user_data)
{
  StepQuery *query = user_data;
  CartableWelcomePage *page = welcome_page ();

  return g_strcmp0 (cartable_welcome_page_get_visible_step (page), query->step) == 0 &&
         !cartable_welcome_page_get_busy (page);
}

static void
wait_for_step (const char *step)
{
  StepQuery query = { step };

  if (!cartable_test_wait_for (step_reached, &query, 20000))
    g_error ("step %s not reached, still at %s (busy %d); error shown: “%s”", step,
             cartable_welcome_page_get_visible_step (welcome_page ()),
             cartable_welcome_page_get_busy (welcome_page ()), shown_error ());
  cartable_test_iterate (350);
  /* Each step opens with the keyboard on it, never on nothing. */
  cartable_test_assert_focus_in (GTK_WINDOW (the_window), visible_step_widget ());
}

static gboolean
not_busy (gpointer user_data)
{
  return !cartable_welcome_page_get_busy (welcome_page ());
}

static void
wait_until_idle (void)
{
  g_assert_true (cartable_test_wait_for (not_busy, NULL, 20000));
  cartable_test_iterate (200);
  /* The portal answered: the keyboard is on the form, not lost with the
   * button that was insensitive meanwhile. */
  cartable_test_assert_focus_in (GTK_WINDOW (the_window), visible_step_widget ());
}

static GtkWidget *row_on_step (const char *title);

/* After a refusal the keyboard is on the field to correct. */
static void
assert_focus_on_row (const char *title)
{
  cartable_test_assert_focus_in (GTK_WINDOW (the_window), row_on_step (title));
}

/* The entry row titled @title on the visible step (titles are the French
 * labels the user sees, with their mnemonic underline). */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         cartable_test_reads_as (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return cartable_test_find_widget (root, is_row_titled, title);
}

static GtkWidget *
row_on_step (const char *title)
{
  GtkWidget *row = find_row (visible_step_widget (), title);

  if (row == NULL)
    g_error ("no row “%s” on step %s", title, cartable_welcome_page_get_visible_step (welcome_page ()));
  return row;
}

static void
fill (const char *title,
      const char *text)
{
  tab_to (row_on_step (title));
  type_text (text);
}

static GtkWidget *
button_on_step (const char *label)
{
  return cartable_test_on_welcome_step (GTK_WINDOW (the_window), cartable_test_is_button_reading, label);
}

static void
press_button (const char *label)
{
  GtkWidget *button = button_on_step (label);

  g_assert_true (gtk_widget_get_sensitive (button));
  tab_to (button);
  press_enter ();
}

/* The error sentence shown at the top of the visible form. */
static const char *
form_error (void)
{
  GtkWidget *label = cartable_test_find_descendant (visible_step_widget (), GTK_TYPE_LABEL, "onboarding-error");
  GtkWidget *revealer;

  g_assert_nonnull (label);
  revealer = gtk_widget_get_parent (label);
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The box of a field: its row, its hint, and for a password the Caps Lock
 * warning. */
static GtkWidget *
field_of_row (GtkWidget *row)
{
  return gtk_widget_get_parent (gtk_widget_get_parent (row));
}

static const char *
field_hint (const char *title)
{
  GtkWidget *box = field_of_row (row_on_step (title));
  GtkWidget *hint = cartable_test_find_descendant (box, GTK_TYPE_LABEL, "field-hint");

  g_assert_nonnull (hint);
  return gtk_label_get_text (GTK_LABEL (hint));
}

static gboolean
window_draws_something (void)
{
  GtkWidget *widget = GTK_WIDGET (the_window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL;
}

static void
shot (const char *name)
{
  cartable_test_iterate (300);
  /* Right after a page change the window may not have drawn its first
   * frame yet; give it a moment rather than save an empty picture. */
  for (guint i = 0; i < 20 && !window_draws_something (); i++)
    cartable_test_iterate (100);
  cartable_test_save_screenshot (GTK_WIDGET (the_window), name);
}

/* ---------------------------------------------------------- the journey */

static void
open_window (void)
{
  if (the_window == NULL)
    {
      g_application_activate (G_APPLICATION (the_app));
      g_assert_true (cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
      the_window = CARTABLE_WINDOW (cartable_test_find_window (CARTABLE_TYPE_WINDOW));
      gtk_window_set_default_size (GTK_WINDOW (the_window), 720, 760);
      cartable_test_iterate (400);
    }
  g_assert_cmpstr (cartable_window_get_visible_page (the_window), ==, "welcome");
}

/* Welcome → academy (searched by name) → the five choices. */
static void
reach_choices (gboolean screenshots)
{
  GtkWidget *search;

  open_window ();
  g_assert_cmpstr (cartable_welcome_page_get_visible_step (welcome_page ()), ==, "welcome");
  if (screenshots)
    shot ("onboarding-01-welcome");

  /* The start button has the focus from the first frame: Enter starts. */
  g_assert_true (focus_widget () == button_on_step ("Commencer"));
  press_enter ();
  wait_for_step ("academy");

  /* The search field has the focus; the academy of --academy-profile comes first. */
  search = focus_widget ();
  g_assert_true (GTK_IS_TEXT (search) || GTK_IS_SEARCH_ENTRY (search));
  type_text ("normandie");
  cartable_test_iterate (300);
  if (screenshots)
    shot ("onboarding-02-academy");
  press_enter ();
  wait_for_step ("choice");
  /* The first choice has the focus. */
  g_assert_true (gtk_widget_is_ancestor (focus_widget (), row_on_step ("J’ai mes identifiants")) ||
                 focus_widget () == row_on_step ("J’ai mes identifiants"));
  if (screenshots)
    shot ("onboarding-03-choice");
}

static void
choose (const char *row_title,
        const char *step)
{
  GtkWidget *row = row_on_step (row_title);

  tab_to (row);
  press_enter ();
  wait_for_step (step);
}

/* The mail, in the version chosen: "main" (full) or "simple". */
static gboolean
main_page_shown (gpointer user_data)
{
  const char *page = cartable_window_get_visible_page (the_window);

  return g_strcmp0 (page, "main") == 0 || g_strcmp0 (page, "simple") == 0;
}

/* The mail view on screen: the full or the simple version. */
static gboolean
is_mail_view_shown (GtkWidget     *widget,
                    gconstpointer  data)
{
  return CARTABLE_IS_MAIL_VIEW (widget) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
shown_mail_view (void)
{
  GtkWidget *view = cartable_test_find_widget (GTK_WIDGET (the_window), is_mail_view_shown, NULL);

  g_assert_nonnull (view);
  return view;
}

/* A condition: the keyboard is on the mail shown (its list of messages,
 * or while that is empty, another of its controls). */
static gboolean
focus_on_mail (gpointer user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (the_window));

  return focus != NULL && gtk_widget_get_mapped (focus) && gtk_widget_is_ancestor (focus, shown_mail_view ());
}

/* After a sign-in, nothing typed is left in any field for the next person. */
static void
assert_fields_empty (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    assert_fields_empty (child);
}

/* Ends a flow in the main window, then removes the account so the next
 * flow starts from the welcome page again. */
static void
expect_main_window (const char *identifier,
                    const char *screenshot)
{
  CartableAccountStore *store = cartable_application_get_account_store (the_app);
  g_autoptr(GError) error = NULL;

  if (!cartable_test_wait_for (main_page_shown, NULL, 30000))
    g_error ("the main window did not show; step %s, error “%s”",
             cartable_welcome_page_get_visible_step (welcome_page ()), form_error () ? form_error () : "");
  g_assert_nonnull (cartable_account_store_lookup (store, identifier));
  shot (screenshot);
  /* The keyboard follows to the mail: never left on the welcome page gone. */
  if (!cartable_test_wait_for (focus_on_mail, NULL, 10000))
    cartable_test_assert_focus_in (GTK_WINDOW (the_window), shown_mail_view ());

  assert_fields_empty (GTK_WIDGET (welcome_page ()));

  g_assert_true (cartable_account_store_remove (store, identifier, &error));
  g_assert_no_error (error);
  cartable_test_iterate (300);
  g_assert_cmpstr (cartable_window_get_visible_page (the_window), ==, "welcome");
  g_assert_cmpstr (cartable_welcome_page_get_visible_step (welcome_page ()), ==, "welcome");
}

/* -------------------------------------------------------------- the tests */

static void
test_back_with_escape (void)
{
  reach_choices (TRUE);

  choose ("J’ai mes identifiants", "login");
  press_escape ();
  wait_for_step ("choice");
  press_escape ();
  wait_for_step ("academy");
  /* In the search field, the first Escape empties it, the second goes back. */
  press_escape ();
  g_assert_cmpstr (cartable_welcome_page_get_visible_step (welcome_page ()), ==, "academy");
  press_escape ();
  wait_for_step ("welcome");
}

static guint
count_academies (char **first_title)
{
  GtkWidget *list = cartable_test_find_descendant (visible_step_widget (), GTK_TYPE_LIST_BOX, "boxed-list");
  guint n = 0;

  *first_title = NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_child_visible (row) && gtk_widget_get_visible (row))
      {
        if (n++ == 0)
          *first_title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      }
  return n;
}

/* The academies are searched by name or domain, Normandie first. */
static void
test_academy_search (void)
{
  g_autofree char *first = NULL;

  open_window ();
  press_enter ();
  wait_for_step ("academy");

  g_assert_cmpuint (count_academies (&first), >=, 2);
  g_assert_true (g_str_has_prefix (first, "Académie de Normandie"));
  g_clear_pointer (&first, g_free);

  type_text ("versa");
  cartable_test_iterate (400); /* the search waits for a pause in typing */
  g_assert_cmpuint (count_academies (&first), ==, 1);
  g_assert_nonnull (strstr (first, "Versailles"));
  g_clear_pointer (&first, g_free);

  type_text ("ac-normandie.fr");
  cartable_test_iterate (400); /* the search waits for a pause in typing */
  g_assert_cmpuint (count_academies (&first), ==, 1);
  g_clear_pointer (&first, g_free);

  /* Without the accent, as people type it. */
  type_text ("academie de normandie");
  cartable_test_iterate (400); /* the search waits for a pause in typing */
  g_assert_cmpuint (count_academies (&first), ==, 1);
  g_assert_true (g_str_has_prefix (first, "Académie de Normandie"));
  g_clear_pointer (&first, g_free);

  /* Nothing found: a sentence says so and what to try, no empty list. */
  type_text ("Atlantide");
  cartable_test_iterate (400); /* the search waits for a pause in typing */
  g_assert_cmpuint (count_academies (&first), ==, 0);
  g_assert_false (gtk_widget_get_visible (cartable_test_find_descendant (visible_step_widget (), GTK_TYPE_LIST_BOX,
                                                                         "boxed-list")));
  {
    g_autofree char *shown = cartable_test_dup_text (visible_step_widget (), CARTABLE_TEST_TEXT_PRUNE_HIDDEN);

    g_assert_nonnull (strstr (shown, "Aucune académie ne porte ce nom. Vérifiez l’orthographe, ou tapez la fin "
                                     "de votre adresse académique, comme ac-normandie.fr."));
  }
  shot ("onboarding-04-academy-none");

  /* Escape empties the search, then goes back. */
  press_escape ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focus_widget ())), ==, "");
  press_escape ();
  wait_for_step ("welcome");
}

static void
test_contact (void)
{
  GtkWidget *view;
  const char *ticket;
  GtkWidget *combo;

  reach_choices (FALSE);
  choose ("Contacter l’académie sans compte", "contact");

  /* The services come from the portal. */
  combo = row_on_step ("Service");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (combo))), >=, 2);
  tab_to (combo);

  fill ("Votre nom", "Jeanne Martin");
  fill ("Votre adresse de courriel", "jeanne.martin@example");
  g_assert_cmpstr (field_hint ("Votre adresse de courriel"), ==,
                   "Saisissez une adresse comme jeanne.martin@example.org.");
  fill ("Votre adresse de courriel", "jeanne martin@example.org");
  g_assert_true (gtk_widget_has_css_class (row_on_step ("Votre adresse de courriel"), "error"));
  /* Said in full colour, not dimmed: dimmed red is too pale to read. */
  {
    GtkWidget *hint = cartable_test_find_descendant (field_of_row (row_on_step ("Votre adresse de courriel")),
                                                     GTK_TYPE_LABEL, "field-hint");

    g_assert_true (gtk_widget_has_css_class (hint, "error"));
    g_assert_false (gtk_widget_has_css_class (hint, "dim-label"));
  }
  g_assert_false (gtk_widget_get_sensitive (button_on_step ("Envoyer")));
  fill ("Votre adresse de courriel", "jeanne.martin@example.org");
  fill ("Objet", "Relevé de notes du baccalauréat");

  view = cartable_test_find_descendant (visible_step_widget (), GTK_TYPE_TEXT_VIEW, "contact-message");
  tab_to (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "Bonjour,\nje souhaite obtenir un duplicata de mon relevé de notes.\nMerci.", -1);
  shot ("onboarding-20-contact");

  /* From the message, Tab goes on to the button. */
  press_button ("Envoyer");
  wait_for_step ("contact-done");
  ticket = gtk_label_get_text (GTK_LABEL (cartable_test_find_descendant (visible_step_widget (), GTK_TYPE_LABEL,
                                                                         "onboarding-highlight")));
  g_assert_nonnull (ticket);
  g_assert_true (g_regex_match_simple ("^NOR-[0-9]{8}-[0-9]{5}$", ticket, 0, 0));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (
                      cartable_test_find_descendant (visible_step_widget (), ADW_TYPE_STATUS_PAGE, NULL))), ticket));
  shot ("onboarding-21-contact-done");

  /* Back to the choices, by keyboard. */
  press_enter ();
  wait_for_step ("choice");
  escape_to_welcome ();
}

static void
test_lost_code (void)
{
  g_autofree char *birth = french_birth_date ("lgirard");
  const char *description;

  reach_choices (FALSE);
  choose ("J’ai perdu mon code", "lost");

  fill ("Identifiant (INA)", "lgirard");
  fill ("NUMEN", "15P506");
  g_assert_cmpstr (field_hint ("NUMEN"), ==, "Un NUMEN compte 13 caractères, par exemple 14E0712345ABC.");
  g_assert_false (gtk_widget_get_sensitive (button_on_step ("Demander un nouveau code")));
  fill ("NUMEN", demo_field ("lgirard", "numen"));

  /* A wrong date of birth: the portal's answer, in a sentence with the attempts left. */
  fill ("Date de naissance", "31/02/1980");
  g_assert_true (gtk_widget_has_css_class (row_on_step ("Date de naissance"), "error"));
  g_assert_cmpstr (field_hint ("Date de naissance"), ==,
                   "Cette date n’existe pas dans le calendrier : vérifiez le jour et le mois.");
  fill ("Date de naissance", "01/01/1980");
  press_enter ();
  wait_until_idle ();
  g_assert_nonnull (form_error ());
  g_assert_nonnull (strstr (form_error (), "Le NUMEN ou la date de naissance ne correspond pas"));
  assert_focus_on_row ("NUMEN");
  g_assert_nonnull (strstr (form_error (), "Il vous reste 4 essais"));
  shot ("onboarding-30-lost-error");

  fill ("Date de naissance", birth);
  shot ("onboarding-31-lost");
  press_enter ();
  wait_for_step ("lost-done");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (
                  cartable_test_find_descendant (visible_step_widget (), ADW_TYPE_STATUS_PAGE, NULL)));
  g_assert_nonnull (strstr (description, "secrétariat"));
  g_assert_nonnull (strstr (description, "J’active mon compte"));
  shot ("onboarding-32-lost-done");

  press_enter ();
  wait_for_step ("choice");
  escape_to_welcome ();
}

static guint
count_passed (void)
{
  CartablePasswordChecklist *checklist =
    CARTABLE_PASSWORD_CHECKLIST (cartable_test_find_descendant (visible_step_widget (),
                                                                CARTABLE_TYPE_PASSWORD_CHECKLIST, NULL));

  return cartable_password_checklist_get_n_passed (checklist);
}

static guint
count_rules (void)
{
  CartablePasswordChecklist *checklist =
    CARTABLE_PASSWORD_CHECKLIST (cartable_test_find_descendant (visible_step_widget (),
                                                                CARTABLE_TYPE_PASSWORD_CHECKLIST, NULL));

  return cartable_password_checklist_get_n_rules (checklist);
}

/* Whether the checklist lists @rule. */
static gboolean
rule_shown (const char *rule)
{
  GtkWidget *checklist = cartable_test_find_descendant (visible_step_widget (),
                                                        CARTABLE_TYPE_PASSWORD_CHECKLIST, NULL);

  for (GtkWidget *line = gtk_widget_get_first_child (checklist); line; line = gtk_widget_get_next_sibling (line))
    if (g_strcmp0 (gtk_widget_get_name (line), rule) == 0)
      return gtk_widget_get_visible (line);
  return FALSE;
}

/* Whether the checklist line of @rule is ticked green. */
static gboolean
rule_met (const char *rule)
{
  GtkWidget *checklist = cartable_test_find_descendant (visible_step_widget (),
                                                        CARTABLE_TYPE_PASSWORD_CHECKLIST, NULL);

  for (GtkWidget *line = gtk_widget_get_first_child (checklist); line; line = gtk_widget_get_next_sibling (line))
    if (g_strcmp0 (gtk_widget_get_name (line), rule) == 0)
      return gtk_widget_has_css_class (line, "success");

  g_error ("no rule %s in the checklist", rule);
}

/* Other academy, then the choice of the version (asked once), then the main window. */
static void
test_other_academy (void)
{
  g_autofree char *birth = french_birth_date ("elambert");
  GSettings *settings = cartable_application_get_settings (the_app);
  GtkWidget *check;
  const char *description;

  g_assert_false (g_settings_get_boolean (settings, "interface-mode-chosen"));

  reach_choices (FALSE);
  choose ("Je viens d’une autre académie", "other");

  fill ("NUMEN", demo_field ("elambert", "numen"));
  fill ("Date de naissance", birth);
  fill ("Nouveau mot de passe", "court");
  g_assert_false (gtk_widget_get_sensitive (button_on_step ("Activer")));

  /* The terms are the portal's; not accepting them keeps the form closed. */
  check = cartable_test_find_descendant (visible_step_widget (), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  fill ("Nouveau mot de passe", "Une phrase de passe 2024");
  g_assert_false (gtk_widget_get_sensitive (button_on_step ("Activer")));
  tab_to (check);
  press_enter ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_get_sensitive (button_on_step ("Activer")));
  shot ("onboarding-40-other-academy");

  press_button ("Activer");
  wait_for_step ("activated");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (
                  cartable_test_find_descendant (visible_step_widget (), ADW_TYPE_STATUS_PAGE, NULL)));
  g_assert_nonnull (strstr (description, "elambert"));
  /* The account is active: no way back to the form. */
  press_escape ();
  g_assert_cmpstr (current_step (), ==, "activated");
  shot ("onboarding-41-activated");

  press_enter ();
  wait_for_step ("mode");
  shot ("onboarding-42-mode");

  /* Simple version, with the keyboard. */
  tab_to (find_row (visible_step_widget (), "Version simple"));
  press_enter ();
  press_button ("Continuer");
  expect_main_window ("elambert", "onboarding-43-main-after-other-academy");

  g_assert_true (g_settings_get_boolean (settings, "interface-mode-chosen"));
  {
    g_autofree char *mode = g_settings_get_string (settings, "interface-mode");
    g_assert_cmpstr (mode, ==, "simple");
  }
}

static void
test_activate (void)
{
  CartableTestA11yListener *listener = NULL;
  g_autofree char *birth = french_birth_date ("cmoreau");
  const char *code = demo_field ("cmoreau", "code");
  g_autofree char *lower_code = g_ascii_strdown (code, -1);
  guint before;

  reach_choices (FALSE);
  choose ("J’active mon compte", "activate");

  fill ("Identifiant (INA)", "cmoreau");
  /* A wrong code: the portal's error, with the attempts left. */
  fill ("Code d’activation", "AAAA-BBBB");
  fill ("Date de naissance", birth);
  fill ("Nouveau mot de passe", "cmoreau");
  g_assert_false (rule_met ("min_length"));
  g_assert_false (rule_met ("character_classes"));
  g_assert_false (rule_met ("not_identifier"));
  /* Only rules that apply: no current password at activation, and the
   * upper limit only once it is reached. */
  g_assert_false (rule_shown ("differs_from_current"));
  g_assert_false (rule_shown ("max_length"));
  fill ("Nouveau mot de passe", "Une phrase");
  before = count_passed ();
  g_assert_cmpuint (before, >=, 1);
  g_assert_false (gtk_widget_get_sensitive (button_on_step ("Activer")));
  shot ("onboarding-50-activate-policy");
  fill ("Nouveau mot de passe", "Une phrase de passe 2024");
  g_assert_cmpuint (count_passed (), >, before);
  g_assert_true (rule_met ("min_length"));
  g_assert_true (rule_met ("character_classes"));
  g_assert_true (rule_met ("not_identifier"));
  g_assert_true (gtk_widget_get_sensitive (button_on_step ("Activer")));

  listener = cartable_test_a11y_listen ();
  press_enter ();
  wait_until_idle ();
  g_assert_nonnull (form_error ());
  g_assert_nonnull (strstr (form_error (), "Le code d’activation est incorrect"));
  /* A screen reader says it as it appears. */
  cartable_test_a11y_assert_spoken (listener, "Le code d’activation est incorrect", 10000);
  g_clear_pointer (&listener, cartable_test_a11y_listener_free);
  assert_focus_on_row ("Code d’activation");
  g_assert_nonnull (strstr (form_error (), "Il vous reste 4 essais"));
  /* Read out by screen readers as it appears. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (cartable_test_find_descendant (
                     visible_step_widget (), GTK_TYPE_LABEL, "onboarding-error"))), ==, GTK_ACCESSIBLE_ROLE_ALERT);
  shot ("onboarding-51-activate-error");

  /* The right code, typed in lower case without its dash. */
  {
    g_autoptr(GString) compact = g_string_new (lower_code);
    g_string_replace (compact, "-", "", 0);
    fill ("Code d’activation", compact->str);
  }
  fill ("Nouveau mot de passe", "Une phrase de passe 2024");
  press_enter ();
  wait_for_step ("activated");
  shot ("onboarding-52-activated");

  /* The version was chosen before: straight to the main window. */
  press_enter ();
  expect_main_window ("cmoreau", "onboarding-53-main-after-activation");
}

/* A member of staff with a password asks for a new code, gets it from the
 * school secretariat, and activates with it: the portal refuses the
 * current password again (a rule the client cannot check), then accepts a
 * new one. */
static void
test_recovered_code (void)
{
  g_autofree char *birth = french_birth_date ("tlefebvre");
  const char *current = demo_field ("tlefebvre", "password");
  g_autofree char *code = NULL;

  reach_choices (FALSE);
  choose ("J’ai perdu mon code", "lost");
  fill ("Identifiant (INA)", "tlefebvre");
  fill ("NUMEN", demo_field ("tlefebvre", "numen"));
  fill ("Date de naissance", birth);
  press_enter ();
  wait_for_step ("lost-done");

  code = read_code_from_secretariat ("tlefebvre");
  press_enter ();
  wait_for_step ("choice");
  choose ("J’active mon compte", "activate");
  fill ("Identifiant (INA)", "tlefebvre");
  fill ("Code d’activation", code);
  fill ("Date de naissance", birth);
  fill ("Nouveau mot de passe", current);
  g_assert_true (gtk_widget_get_sensitive (button_on_step ("Activer")));
  press_enter ();
  wait_until_idle ();
  g_assert_nonnull (form_error ());
  g_test_message ("policy: %s", form_error ());
  g_assert_nonnull (strstr (form_error (), "ne respecte pas ces règles"));
  g_assert_nonnull (strstr (form_error (), "Être différent du mot de passe actuel."));
  assert_focus_on_row ("Nouveau mot de passe");
  g_assert_cmpstr (cartable_welcome_page_get_visible_step (welcome_page ()), ==, "activate");
  /* The refused rule is crossed out in the checklist too. */
  {
    GtkWidget *checklist = cartable_test_find_descendant (visible_step_widget (),
                                                          CARTABLE_TYPE_PASSWORD_CHECKLIST, NULL);
    GtkWidget *line = gtk_widget_get_first_child (checklist);

    while (line != NULL && g_strcmp0 (gtk_widget_get_name (line), "differs_from_current") != 0)
      line = gtk_widget_get_next_sibling (line);
    g_assert_nonnull (line);
    g_assert_true (gtk_widget_has_css_class (line, "error"));
  }
  shot ("onboarding-55-activate-policy-error");

  /* The code was not used up by the refusal. */
  fill ("Nouveau mot de passe", "Les falaises d'Etretat 2025");
  press_enter ();
  wait_for_step ("activated");
  press_enter ();
  expect_main_window ("tlefebvre", "onboarding-56-main-after-recovery");
}

static void
test_forced_password_change (void)
{
  const char *temporary = demo_field ("sroux", "password");
  GSettings *settings = cartable_application_get_settings (the_app);
  guint rules;

  /* As on a computer where nobody chose a version yet: asked after the change. */
  g_settings_set_boolean (settings, "interface-mode-chosen", FALSE);

  reach_choices (FALSE);
  choose ("J’ai mes identifiants", "login");
  fill ("Identifiant ou adresse", "sroux");
  fill ("Mot de passe", temporary);
  press_enter ();
  wait_for_step ("change-password");

  /* Nowhere else to go until it is done: not back, not the main window. */
  g_assert_cmpstr (cartable_window_get_visible_page (the_window), ==, "welcome");
  press_escape ();
  cartable_test_iterate (200);
  g_assert_cmpstr (cartable_welcome_page_get_visible_step (welcome_page ()), ==, "change-password");
  g_assert_null (cartable_account_store_lookup (cartable_application_get_account_store (the_app), "sroux"));

  /* The same password again breaks "differs from current". */
  g_assert_true (rule_shown ("differs_from_current"));
  rules = count_rules ();
  fill ("Nouveau mot de passe", temporary);
  g_assert_false (rule_met ("differs_from_current"));
  g_assert_cmpuint (count_passed (), <, rules);
  g_assert_false (gtk_widget_get_sensitive (button_on_step ("Changer le mot de passe")));
  shot ("onboarding-60-change-password");

  fill ("Nouveau mot de passe", "Le bocage normand 2025");
  g_assert_cmpuint (count_passed (), ==, rules);
  press_enter ();
  wait_for_step ("mode");
  g_assert_null (cartable_account_store_lookup (cartable_application_get_account_store (the_app), "sroux"));
  press_escape ();
  g_assert_cmpstr (current_step (), ==, "mode");

  /* Full version, with the keyboard. */
  tab_to (find_row (visible_step_widget (), "Version complète"));
  press_enter ();
  press_button ("Continuer");
  expect_main_window ("sroux", "onboarding-61-main-after-change");
  g_assert_true (g_settings_get_boolean (settings, "interface-mode-chosen"));
  {
    g_autofree char *mode = g_settings_get_string (settings, "interface-mode");
    g_assert_cmpstr (mode, ==, "full");
  }
}

/* Caps Lock, locked on the X server as a keyboard does. */
static void
set_caps_lock (gboolean on)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (the_window)));

  g_assert_true (XkbLockModifiers (xdisplay, XkbUseCoreKbd, LockMask, on ? LockMask : 0));
  XSync (xdisplay, False);
}

static void
test_login (void)
{
  CartableTestA11yListener *listener = NULL;
  const char *password = demo_field ("mdurand", "password");
  GtkRevealer *caps;
  graphene_rect_t idle, busy;

  reach_choices (FALSE);
  choose ("J’ai mes identifiants", "login");
  /* Each form opens on its first field. */
  g_assert_true (gtk_widget_is_ancestor (focus_widget (), row_on_step ("Identifiant ou adresse")));

  /* Caps Lock on: the password field warns; off: the warning goes. */
  caps = GTK_REVEALER (cartable_test_find_descendant (field_of_row (row_on_step ("Mot de passe")),
                                                      GTK_TYPE_REVEALER, "caps-lock-warning"));
  g_assert_nonnull (caps);
  g_assert_false (gtk_revealer_get_reveal_child (caps));
  set_caps_lock (TRUE);
  g_assert_true (cartable_test_wait_boolean (caps, "reveal-child", TRUE, 5000));
  shot ("onboarding-13-login-caps-lock");
  set_caps_lock (FALSE);
  g_assert_true (cartable_test_wait_boolean (caps, "reveal-child", FALSE, 5000));

  /* A locked account: how long to wait, in minutes. */
  fill ("Identifiant ou adresse", "hmercier");
  fill ("Mot de passe", demo_field ("hmercier", "password"));
  press_enter ();
  wait_until_idle ();
  g_assert_nonnull (form_error ());
  g_test_message ("locked: %s", form_error ());
  g_assert_nonnull (strstr (form_error (), "verrouillé"));
  /* Nothing typed is wrong: the keyboard goes back to the first field. */
  assert_focus_on_row ("Identifiant ou adresse");
  g_assert_true (g_regex_match_simple ("Patientez [0-9]+ (minutes?|heures?), puis réessayez", form_error (), 0, 0));
  shot ("onboarding-10-login-locked");

  /* A wrong password: shown, and said by a screen reader. */
  fill ("Identifiant ou adresse", "mdurand");
  fill ("Mot de passe", "Pas-le-bon-2024");
  listener = cartable_test_a11y_listen ();
  press_enter ();
  wait_until_idle ();
  g_assert_nonnull (form_error ());
  g_assert_nonnull (strstr (form_error (), "mot de passe est incorrect"));
  assert_focus_on_row ("Mot de passe");
  cartable_test_a11y_assert_spoken (listener, "mot de passe est incorrect", 10000);
  g_clear_pointer (&listener, cartable_test_a11y_listener_free);

  /* « Mot de passe oublié ? » leads to a new code, with the identifier typed. */
  press_button ("Mot de passe oublié ?");
  wait_for_step ("lost");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_on_step ("Identifiant (INA)"))), ==, "mdurand");
  shot ("onboarding-14-login-forgot");
  press_escape ();
  wait_for_step ("login");

  /* The academic address instead of the identifier: unknown to the
   * directory, it says so and what to type; hers, the directory gives her
   * identifier. */
  fill ("Identifiant ou adresse", "personne@ac-normandie.fr");
  fill ("Mot de passe", password);
  press_enter ();
  wait_until_idle ();
  g_assert_nonnull (form_error ());
  g_test_message ("unknown address: %s", form_error ());
  g_assert_nonnull (strstr (form_error (), "Aucun compte de l’académie n’a cette adresse"));
  g_assert_nonnull (strstr (form_error (), "identifiant (INA)"));
  assert_focus_on_row ("Identifiant ou adresse");
  shot ("onboarding-15-login-unknown-address");

  fill ("Identifiant ou adresse", "marie.durand@ac-normandie.fr");
  fill ("Mot de passe", password);
  shot ("onboarding-11-login");
  /* The button is centred, and stays where it is when its spinner turns. */
  g_assert_true (gtk_widget_compute_bounds (button_on_step ("Se connecter"), visible_step_widget (), &idle));
  g_assert_cmpfloat (fabs (idle.origin.x + idle.size.width / 2 - gtk_widget_get_width (visible_step_widget ()) / 2.0),
                     <=, 1.0);
  press_enter ();
  g_assert_true (gtk_widget_compute_bounds (button_on_step ("Se connecter"), visible_step_widget (), &busy));
  g_assert_cmpfloat (busy.origin.x, ==, idle.origin.x);
  /* While the servers answer: a spinner, and a form that cannot be changed. */
  g_assert_true (cartable_welcome_page_get_busy (welcome_page ()));
  g_assert_false (gtk_widget_get_sensitive (button_on_step ("Se connecter")));
  g_assert_false (gtk_widget_is_sensitive (row_on_step ("Mot de passe")));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (cartable_test_find_descendant (visible_step_widget (),
                                                                                       GTK_TYPE_SPINNER, NULL))) ||
                 gtk_spinner_get_spinning (GTK_SPINNER (gtk_widget_get_last_child (
                   gtk_widget_get_parent (button_on_step ("Se connecter"))))));
  expect_main_window ("mdurand", "onboarding-12-main-after-login");
}

/* Every control a keyboard user can reach has an accessible name: a label
 * property, a labelled-by relation, or a button's own label. */
static void
check_accessible_names (GtkWidget *widget,
                        guint     *checked)
{
  gboolean interactive = GTK_IS_EDITABLE (widget) || GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
                         GTK_IS_TEXT_VIEW (widget) || GTK_IS_MENU_BUTTON (widget) ||
                         (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));

  if (interactive && gtk_widget_get_visible (widget) && gtk_widget_get_focusable (widget))
    {
      gboolean named = cartable_test_accessible_named (widget);

      if (!named && GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
        named = TRUE;
      /* The text inside an entry row is named by the row. */
      if (!named && GTK_IS_TEXT (widget))
        {
          GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
          GtkWidget *search = gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_ENTRY);

          named = (row != NULL && gtk_test_accessible_has_property (GTK_ACCESSIBLE (row),
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL)) ||
                  (search != NULL && gtk_test_accessible_has_property (GTK_ACCESSIBLE (search),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL));
        }
      /* Internal buttons of libadwaita rows (the password peek) name themselves. */
      if (!named && gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW) != NULL &&
          gtk_widget_get_tooltip_text (widget) != NULL)
        named = TRUE;

      if (!named)
        g_error ("%s (%s) in step has no accessible name", G_OBJECT_TYPE_NAME (widget),
                 gtk_widget_get_name (widget));
      (*checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_accessible_names (child, checked);
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *keys)
{
  /* Menus have their own mnemonics, active only while open. */
  if (GTK_IS_POPOVER (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      strchr (gtk_label_get_label (GTK_LABEL (widget)), '_') != NULL)
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      GtkWidget *target = gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
      const char *other;

      /* A button's own label needs no target: it activates its button. */
      if (target == NULL && gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) == NULL &&
          gtk_widget_get_ancestor (widget, GTK_TYPE_CHECK_BUTTON) == NULL)
        g_error ("“%s” has a mnemonic but no widget to focus", gtk_label_get_label (GTK_LABEL (widget)));

      other = g_hash_table_lookup (keys, GUINT_TO_POINTER (keyval));
      /* libadwaita rows keep a second copy of their title for a11y. */
      if (other != NULL && g_strcmp0 (other, gtk_label_get_label (GTK_LABEL (widget))) != 0)
        g_error ("“%s” and “%s” share the mnemonic %s", other, gtk_label_get_label (GTK_LABEL (widget)),
                 gdk_keyval_name (keyval));
      g_hash_table_insert (keys, GUINT_TO_POINTER (keyval), (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, keys);
}

static void
check_mnemonics (GtkWidget *page)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);

  collect_mnemonics (page, keys);
}

static void
test_accessible_names (void)
{
  GtkWidget *stack;
  guint checked = 0;

  open_window ();
  stack = cartable_test_find_descendant (GTK_WIDGET (welcome_page ()), GTK_TYPE_STACK, NULL);

  /* Every step, not only the visible one. */
  for (GtkWidget *page = gtk_widget_get_first_child (stack); page; page = gtk_widget_get_next_sibling (page))
    check_accessible_names (page, &checked);

  g_test_message ("%u controls checked", checked);
  /* Alt + the underlined letter reaches each field; no two on one step share a letter. */
  for (GtkWidget *page = gtk_widget_get_first_child (stack); page; page = gtk_widget_get_next_sibling (page))
    check_mnemonics (page);
  g_assert_cmpuint (checked, >=, 40);
}

/* After every flow, closing the window frees it: no request or handler of
 * the onboarding keeps it alive. */
static void
test_window_finalizes (void)
{
  CartableWindow *window;

  open_window ();
  window = g_steal_pointer (&the_window);
  cartable_test_close_window (GTK_WINDOW (window), TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) profile = NULL;
  g_autoptr(GError) error = NULL;
  /* Plenty of requests from one address in a short while. */
  g_setenv ("ACADEMY_RATE_LIMIT", "1000/60", TRUE);
  cartable_test_ui_init (&argc, &argv);
  /* Without a window manager the window never gets focus-out events: a
   * blinking cursor would then warn that it missed one. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  cartable_test_academy_start (NULL, 0);

  the_app = cartable_application_new ();
  profile = g_file_new_for_path (cartable_test_academy_get_profile ());
  cartable_application_set_academy_profile (the_app, profile);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/cartable/onboarding/accessible-names", test_accessible_names);
  g_test_add_func ("/cartable/onboarding/back-with-escape", test_back_with_escape);
  g_test_add_func ("/cartable/onboarding/academy-search", test_academy_search);
  g_test_add_func ("/cartable/onboarding/contact", test_contact);
  g_test_add_func ("/cartable/onboarding/lost-code", test_lost_code);
  g_test_add_func ("/cartable/onboarding/other-academy", test_other_academy);
  g_test_add_func ("/cartable/onboarding/activate", test_activate);
  g_test_add_func ("/cartable/onboarding/recovered-code", test_recovered_code);
  g_test_add_func ("/cartable/onboarding/forced-password-change", test_forced_password_change);
  g_test_add_func ("/cartable/onboarding/login", test_login);
  g_test_add_func ("/cartable/onboarding/window-finalizes", test_window_finalizes);

  return cartable_test_academy_finish (&the_app, g_test_run ());
}

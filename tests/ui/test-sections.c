/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cartable-test-academy.h"
#include "cartable-test-ui.h"
#include "mail/cartable-main-view.h"
#include "shell/cartable-application.h"
#include "shell/cartable-section.h"
#include "shell/cartable-window.h"
#include "simple/cartable-simple-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("sections");

/*
 * The shell of the full version: its sections in a view stack, the switcher
 * between them in a section's header when the window is wide, in a bar at
 * the bottom when it is narrow; the simple version shows none of it.
 */

/* A second section, as the next issues will add, so that the switcher has
 * something to switch to: it counts what the window tells it. */

#define TEST_TYPE_SECTION (test_section_get_type ())
G_DECLARE_FINAL_TYPE (TestSection, test_section, TEST, SECTION, AdwBin)

struct _TestSection
{
  AdwBin        parent_instance;
  AdwHeaderBar *header;
  guint         n_activated;
  guint         n_left;
};

static void test_section_iface_init (CartableSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSection, test_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CARTABLE_TYPE_SECTION, test_section_iface_init))

static const char *
test_section_get_title (CartableSection *section)
{
  return "Essai";
}

static const char *
test_section_get_icon_name (CartableSection *section)
{
  return "starred-symbolic";
}

static void
test_section_set_switcher (CartableSection      *section,
                           AdwViewSwitcherTitle *switcher)
{
  adw_header_bar_set_title_widget (TEST_SECTION (section)->header, GTK_WIDGET (switcher));
}

static void
test_section_activate (CartableSection *section)
{
  TEST_SECTION (section)->n_activated++;
}

static void
test_section_leave (CartableSection *section)
{
  TEST_SECTION (section)->n_left++;
}

static void
test_section_iface_init (CartableSectionInterface *iface)
{
  iface->get_title = test_section_get_title;
  iface->get_icon_name = test_section_get_icon_name;
  iface->set_switcher = test_section_set_switcher;
  iface->activate = test_section_activate;
  iface->leave = test_section_leave;
}

static void
test_section_class_init (TestSectionClass *klass)
{
}

static void
test_section_init (TestSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  self->header = ADW_HEADER_BAR (adw_header_bar_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "starred-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Essai");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->header));
  gtk_box_append (GTK_BOX (box), status);
  adw_bin_set_child (ADW_BIN (self), box);
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  CartableApplication *app;
  CartableWindow      *window;
  AdwViewStack        *sections;
  AdwViewSwitcherBar  *bar;
  CartableMainView    *mail;
} Shell;

static CartableApplication *the_app;

static gboolean
window_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

/* A window of the full (or simple) version with one account set up. */
static void
shell_open (Shell                 *shell,
            CartableInterfaceMode  mode,
            int                    width)
{
  g_autoptr(CartableAccount) account = cartable_account_new ("mdurand", "mdurand",
                                                             "marie.durand@ac-normandie.fr");
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  /* One application for the whole program, as in real life. */
  if (the_app == NULL)
    {
      the_app = cartable_application_new ();
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }
  shell->app = the_app;
  settings = cartable_application_get_settings (shell->app);
  g_settings_set_enum (settings, "interface-mode", mode);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 720);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  if (cartable_account_store_lookup (cartable_application_get_account_store (shell->app), "mdurand") == NULL)
    g_assert_true (cartable_account_store_add (cartable_application_get_account_store (shell->app),
                                               account, &error));
  g_assert_no_error (error);

  shell->window = cartable_window_new (GTK_APPLICATION (shell->app), settings,
                                      cartable_application_get_account_store (shell->app),
                                      cartable_application_get_sessions (shell->app), NULL);
  gtk_window_present (GTK_WINDOW (shell->window));
  g_assert_true (cartable_test_wait_for (window_mapped, shell->window, 10000));
  cartable_test_iterate (400);

  shell->sections = ADW_VIEW_STACK (cartable_test_find_descendant (GTK_WIDGET (shell->window),
                                                                   ADW_TYPE_VIEW_STACK, NULL));
  shell->bar = ADW_VIEW_SWITCHER_BAR (cartable_test_find_descendant (GTK_WIDGET (shell->window),
                                                                     ADW_TYPE_VIEW_SWITCHER_BAR, NULL));
  shell->mail = CARTABLE_MAIN_VIEW (cartable_test_find_descendant (GTK_WIDGET (shell->window),
                                                                   CARTABLE_TYPE_MAIN_VIEW, NULL));
  g_assert_nonnull (shell->sections);
  g_assert_nonnull (shell->bar);
  g_assert_nonnull (shell->mail);
}

static void
shell_close (Shell *shell)
{
  CartableAccountStore *store = cartable_application_get_account_store (shell->app);
  g_autoptr(GError) error = NULL;
  CartableMainView *mail = shell->mail;

  g_object_add_weak_pointer (G_OBJECT (mail), (gpointer *) &mail);

  /* Nothing keeps the window alive once closed: the sections it was given
   * and their switchers go with it. */
  g_object_ref (shell->window);
  gtk_window_destroy (GTK_WINDOW (shell->window));
  cartable_test_iterate (100);
  g_assert_finalize_object (shell->window);
  g_assert_null (mail);
  g_assert_true (cartable_account_store_remove (store, "mdurand", &error));
  g_assert_no_error (error);
}

static void
set_width (Shell *shell,
           int    width)
{
  gtk_window_set_default_size (GTK_WINDOW (shell->window), width, 720);
  gtk_widget_queue_resize (GTK_WIDGET (shell->window));
  cartable_test_iterate (600);
}

/* The switcher the window handed to @section, in its header. */
static AdwViewSwitcherTitle *
switcher_of (GtkWidget *section)
{
  GtkWidget *switcher = cartable_test_find_descendant (section, ADW_TYPE_VIEW_SWITCHER_TITLE, NULL);

  g_assert_nonnull (switcher);
  g_assert_nonnull (gtk_widget_get_ancestor (switcher, ADW_TYPE_HEADER_BAR));
  return ADW_VIEW_SWITCHER_TITLE (switcher);
}

static gboolean
bar_shown (gpointer user_data)
{
  return gtk_widget_get_height (user_data) > 0;
}

static gboolean
bar_hidden (gpointer user_data)
{
  return gtk_widget_get_height (user_data) == 0;
}

/* Mapped is not enough: a squeezer keeps its children mapped but draws
 * only the one it chose. */
static gboolean
on_screen (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  for (GtkWidget *child = widget, *parent = gtk_widget_get_parent (widget);
       parent != NULL;
       child = parent, parent = gtk_widget_get_parent (parent))
    if (ADW_IS_SQUEEZER (parent) && adw_squeezer_get_visible_child (ADW_SQUEEZER (parent)) != child)
      return FALSE;

  return TRUE;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

/* The button of AdwViewSwitcher (a toggle button labelled with its page)
 * for the section titled @title, if one is on screen under @switcher. */
static GtkWidget *
find_button (GtkWidget  *switcher,
             const char *title)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, switcher);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);

      if (GTK_IS_TOGGLE_BUTTON (widget) && on_screen (widget) && shows_label (widget, title))
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }

  return NULL;
}

/* Chooses a section the way a user does: its button in the switcher. */
static void
click_section (GtkWidget  *switcher,
               const char *title)
{
  GtkWidget *button = find_button (switcher, title);

  g_assert_nonnull (button);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  cartable_test_iterate (200);
}

CARTABLE_TEST ("mail", test_mail_section)
{
  Shell shell = { NULL };
  AdwViewStackPage *page;
  AdwViewSwitcherTitle *switcher;

  shell_open (&shell, CARTABLE_INTERFACE_MODE_FULL, 1280);
  g_assert_cmpstr (cartable_window_get_visible_page (shell.window), ==, "main");

  /* « Courrier » is the only section, and the one on screen. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (adw_view_stack_get_pages (shell.sections))), ==, 1);
  g_assert_true (adw_view_stack_get_visible_child (shell.sections) == GTK_WIDGET (shell.mail));
  g_assert_true (CARTABLE_IS_SECTION (shell.mail));
  page = adw_view_stack_get_page (shell.sections, GTK_WIDGET (shell.mail));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, "Courrier");
  g_assert_cmpstr (adw_view_stack_page_get_icon_name (page), ==, "mail-unread-symbolic");

  /* Its switcher works over the window's sections; alone, it switches to
   * nothing and shows no button, in the header nor at the bottom. */
  switcher = switcher_of (GTK_WIDGET (shell.mail));
  g_assert_true (adw_view_switcher_title_get_stack (switcher) == shell.sections);
  g_assert_true (adw_view_switcher_title_get_title_visible (switcher));
  g_assert_true (cartable_test_wait_for (bar_hidden, shell.bar, 2000));
  g_assert_null (find_button (GTK_WIDGET (shell.window), "Courrier"));

  set_width (&shell, 400);
  g_assert_true (cartable_test_wait_for (bar_hidden, shell.bar, 2000));

  shell_close (&shell);
}

CARTABLE_TEST ("switcher-wide-and-narrow", test_switcher_wide_and_narrow)
{
  Shell shell = { NULL };
  TestSection *other = g_object_new (TEST_TYPE_SECTION, NULL);
  AdwViewSwitcherTitle *mail_switcher;

  shell_open (&shell, CARTABLE_INTERFACE_MODE_FULL, 1280);
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  cartable_window_add_section (shell.window, CARTABLE_SECTION (other));
  cartable_test_iterate (400);

  /* Each section shows the switcher in its own header. */
  mail_switcher = switcher_of (GTK_WIDGET (shell.mail));
  g_assert_true (adw_view_switcher_title_get_stack (switcher_of (GTK_WIDGET (other))) == shell.sections);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (mail_switcher), GTK_ACCESSIBLE_PROPERTY_LABEL, "Rubriques");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (shell.bar), GTK_ACCESSIBLE_PROPERTY_LABEL, "Rubriques");

  /* Wide: the switcher sits in the mail section's header, no bar. */
  g_assert_false (adw_view_switcher_title_get_title_visible (mail_switcher));
  g_assert_true (cartable_test_wait_for (bar_hidden, shell.bar, 2000));
  g_assert_true (adw_view_stack_get_visible_child (shell.sections) == GTK_WIDGET (shell.mail));
  cartable_test_save_screenshot (GTK_WIDGET (shell.window), "sections-wide");

  /* Through it, the other section and back to « Courrier ». */
  click_section (GTK_WIDGET (mail_switcher), "Essai");
  g_assert_true (adw_view_stack_get_visible_child (shell.sections) == GTK_WIDGET (other));
  g_assert_cmpuint (other->n_activated, ==, 1);
  click_section (GTK_WIDGET (switcher_of (GTK_WIDGET (other))), "Courrier");
  g_assert_true (adw_view_stack_get_visible_child (shell.sections) == GTK_WIDGET (shell.mail));
  g_assert_cmpuint (other->n_left, ==, 1);

  /* Narrow: the mail view shows one pane at a time and the switcher moves
   * to the bar at the bottom of the window. */
  set_width (&shell, 400);
  g_assert_null (find_button (GTK_WIDGET (mail_switcher), "Essai"));
  g_assert_true (cartable_test_wait_for (bar_shown, shell.bar, 2000));
  cartable_test_iterate (300);
  cartable_test_save_screenshot (GTK_WIDGET (shell.window), "sections-narrow");

  click_section (GTK_WIDGET (shell.bar), "Essai");
  g_assert_true (adw_view_stack_get_visible_child (shell.sections) == GTK_WIDGET (other));
  g_assert_cmpuint (other->n_activated, ==, 2);
  click_section (GTK_WIDGET (shell.bar), "Courrier");
  g_assert_true (adw_view_stack_get_visible_child (shell.sections) == GTK_WIDGET (shell.mail));

  /* Wide again: back in the header. */
  set_width (&shell, 1280);
  g_assert_false (adw_view_switcher_title_get_title_visible (mail_switcher));
  g_assert_true (cartable_test_wait_for (bar_hidden, shell.bar, 2000));

  shell_close (&shell);
  g_assert_null (other);
}

CARTABLE_TEST ("simple-version", test_simple_version)
{
  Shell shell = { NULL };
  GtkWidget *simple;

  shell_open (&shell, CARTABLE_INTERFACE_MODE_SIMPLE, 1280);
  g_assert_cmpstr (cartable_window_get_visible_page (shell.window), ==, "simple");

  /* The simple version is mail only: no section, no switcher on screen. */
  simple = cartable_test_find_descendant (GTK_WIDGET (shell.window), CARTABLE_TYPE_SIMPLE_VIEW, NULL);
  g_assert_nonnull (simple);
  g_assert_true (gtk_widget_get_mapped (simple));
  g_assert_false (CARTABLE_IS_SECTION (simple));
  g_assert_null (cartable_test_find_descendant (simple, ADW_TYPE_VIEW_SWITCHER_TITLE, NULL));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (shell.bar)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (switcher_of (GTK_WIDGET (shell.mail)))));

  /* Switching to the full version shows « Courrier » again. */
  g_settings_set_enum (cartable_application_get_settings (shell.app), "interface-mode",
                       CARTABLE_INTERFACE_MODE_FULL);
  cartable_test_iterate (400);
  g_assert_cmpstr (cartable_window_get_visible_page (shell.window), ==, "main");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (shell.mail)));

  shell_close (&shell);
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init (&argc, &argv);
  return cartable_test_academy_finish (&the_app, cartable_test_run ());
}

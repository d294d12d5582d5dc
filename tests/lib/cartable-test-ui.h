/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cartable-test-wait.h"

G_BEGIN_DECLS

/*
 * The test library (tests/lib), GTK part, for ui tests and the ui
 * benchmark: they run the real application in the test process, under the
 * Xvfb display that tests/test-env starts, and drive it by actions and key
 * events. It adds to the GLib part (cartable-test.h, cartable-test-wait.h,
 * cartable-test-stack.h): finding windows and widgets, the text a widget
 * tree shows, screenshots and key dispatch. The loopback academy of a ui
 * program and its accounts: cartable-test-academy.h.
 */

/* What cartable_test_collect_text() reads: by default every visible label,
 * even under a hidden parent. */
typedef enum
{
  CARTABLE_TEST_TEXT_DEFAULT       = 0,
  /* …and whose child-visible flag is set (a stack's other pages are not). */
  CARTABLE_TEST_TEXT_CHILD_VISIBLE = 1 << 0,
  /* Stops at a hidden widget: nothing under it is read. */
  CARTABLE_TEST_TEXT_PRUNE_HIDDEN  = 1 << 1,
} CartableTestTextFlags;

void       cartable_test_ui_init             (int                    *argc,
                                              char                 ***argv);
/* The whole run of a ui test program without the academy:
 * cartable_test_ui_init(), then the program's tests (CARTABLE_TEST() in
 * cartable-test.h); returns g_test_run()'s status. */
int        cartable_test_ui_main             (int                    *argc,
                                              char                 ***argv);
GtkWindow *cartable_test_find_window         (GType                   type);
/* A condition: a window of the GType GSIZE_TO_POINTER(@type) is mapped. */
gboolean   cartable_test_window_shown        (gpointer                type);
/* Conditions: a window of that GType exists (mapped or not); none does. */
gboolean   cartable_test_window_open         (gpointer                type);
gboolean   cartable_test_window_gone         (gpointer                type);
/* The window of @type once it is mapped, or NULL after @timeout_ms. */
GtkWindow *cartable_test_wait_for_window     (GType                   type,
                                              guint                   timeout_ms);
/* The application's main window once mapped; fails the test after 10 s. */
GtkWindow *cartable_test_wait_for_main_window (void);
/* Activates @app and returns its main window once mapped; fails the test
 * after 10 s. */
GtkWindow *cartable_test_activate_main_window (GApplication          *app);
/* Whether @widget is the one looked for (@data: what the caller passed). */
typedef gboolean (*CartableTestWidgetMatch) (GtkWidget     *widget,
                                             gconstpointer  data);
/* Whether @text, its mnemonic underscores left out, reads @plain. */
gboolean   cartable_test_reads_as            (const char             *text,
                                              const char             *plain);
/* A match: a button (not a menu button) whose label reads @label. */
gboolean   cartable_test_is_button_reading   (GtkWidget              *widget,
                                              gconstpointer           label);
/* The welcome page of @window, the widget of its visible step, and the
 * widget under that step that @match accepts: fails the test, naming the
 * step and @words, when there is none. */
GtkWidget *cartable_test_welcome_page        (GtkWindow              *window);
GtkWidget *cartable_test_welcome_step        (GtkWindow              *window);
GtkWidget *cartable_test_on_welcome_step     (GtkWindow              *window,
                                              CartableTestWidgetMatch match,
                                              const char             *words);
/* Activates that widget, which must be sensitive, as a click would. */
void       cartable_test_click_on_welcome_step (GtkWindow              *window,
                                                CartableTestWidgetMatch match,
                                                const char             *words);
/* The first widget under @root (itself included, depth first) that @match
 * accepts, or NULL. */
GtkWidget *cartable_test_find_widget         (GtkWidget              *root,
                                              CartableTestWidgetMatch match,
                                              gconstpointer           data);
/* Appends to @found every widget of @type under @root (itself included),
 * depth first. */
void       cartable_test_find_all            (GtkWidget              *root,
                                              GType                   type,
                                              GPtrArray              *found);
GtkWidget *cartable_test_find_descendant     (GtkWidget              *root,
                                              GType                   type,
                                              const char             *css_name_or_null);
/* A CartableTestWidgetMatch: a toggle button whose label, or icon name,
 * is @label_or_icon. */
gboolean   cartable_test_is_toggle           (GtkWidget              *widget,
                                              gconstpointer           label_or_icon);
/* The first mapped button under @root whose label is @label. */
GtkWidget *cartable_test_find_button         (GtkWidget              *root,
                                              const char             *label);
/* Appends the text of the labels under @root to @text, one a line. */
void       cartable_test_collect_text        (GtkWidget              *root,
                                              GString                *text,
                                              CartableTestTextFlags   flags);
char      *cartable_test_dup_text            (GtkWidget              *root,
                                              CartableTestTextFlags   flags);
/* The click gesture of @widget that answers the secondary (right) button,
 * still held by @widget; NULL if it has none. */
GtkGestureClick *cartable_test_find_right_click (GtkWidget           *widget);
/* Whether the text of the labels under @root (read as by default) holds
 * @words. */
gboolean   cartable_test_shows_text          (GtkWidget              *root,
                                              const char             *words);
/* Runs the main loop until the text under @root (read with @flags) holds
 * @words (TRUE) or @timeout_ms passes (FALSE). */
gboolean   cartable_test_wait_for_text       (GtkWidget              *root,
                                              const char             *words,
                                              CartableTestTextFlags   flags,
                                              guint                   timeout_ms);
/* A condition: @widget is mapped and draws a frame. */
gboolean   cartable_test_widget_drawn        (gpointer                widget);
/* A condition: the focus is inside @window. */
gboolean   cartable_test_focus_in_window     (gpointer                window);
/* Whether assistive technologies get a name for @widget: a label property,
 * a labelled-by relation or a button's own label (needs GTK_A11Y=test). */
gboolean   cartable_test_accessible_named    (GtkWidget              *widget);
/* Fails the test, naming @widget and its tooltip, unless it has an
 * accessible name; counts it in *@checked. */
void       cartable_test_check_accessible_name (GtkWidget            *widget,
                                                guint                *checked);
/* cartable_test_check_accessible_name() on each widget under @root
 * (itself included) that @interactive accepts (NULL its data), going
 * down only into visible widgets whose child-visible flag is set. */
void       cartable_test_check_accessible_names (GtkWidget             *root,
                                                 CartableTestWidgetMatch interactive,
                                                 guint                 *checked);
void       cartable_test_save_screenshot     (GtkWidget              *widget,
                                              const char             *name);
/* cartable_test_save_screenshot() once @widget has drawn a frame (not
 * mid-resize); fails the test if it draws none within 5 s. */
void       cartable_test_shot                (GtkWidget              *widget,
                                              const char             *name);
void       cartable_test_save_display_screenshot (const char         *name);
/* Runs the first shortcut bound to @keyval with @modifiers, as GTK's key
 * dispatch does: the capture-phase shortcuts from @window down to the
 * focus, then the others from the focus up to @window; FALSE if nothing
 * handles it. */
gboolean   cartable_test_dispatch_key        (GtkWindow              *window,
                                              guint                   keyval,
                                              GdkModifierType         modifiers);
/* Waits (1 s at most) for the focus to be in @window, dispatches the key
 * as above, then lets the window react (20 ms); fails the test, naming the
 * focus chain, when nothing handles the key. */
void       cartable_test_press_key           (GtkWindow              *window,
                                              guint                   keyval,
                                              GdkModifierType         modifiers);

/* The first widget under @root (itself included) whose name is @name. */
GtkWidget *cartable_test_find_named          (GtkWidget              *root,
                                              const char             *name);
/* The first event controller of @widget of @type (held by the widget), or NULL. */
gpointer   cartable_test_find_controller     (GtkWidget              *widget,
                                              GType                   type);
/* The visible popover menu under @root, and a condition: it is mapped. */
GtkWidget *cartable_test_find_open_menu      (GtkWidget              *root);
gboolean   cartable_test_menu_open           (gpointer                root);
/* The keyboard in the open @menu: the focus moves item by item (as the
 * arrow keys do) to the item reading @label, mnemonic left out, which is
 * then activated (as Enter does; a submenu opens in place). Fails the
 * test when no item on screen reads @label. */
void       cartable_test_menu_choose         (GtkWidget              *menu,
                                              const char             *label);
/* Fails the test, naming where the focus is, unless the focus of @window
 * is on a widget on screen inside @region. */
void       cartable_test_assert_focus_in     (GtkWindow              *window,
                                              GtkWidget              *region);
/* Closes @window by its window.close action and lets it go; with
 * @assert_finalized, fails the test if anything still holds it. */
void       cartable_test_close_window        (GtkWindow              *window,
                                              gboolean                assert_finalized);

G_END_DECLS

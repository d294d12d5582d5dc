/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <webkit/webkit.h>

#include "cartable-engine.h"
#include "cartable-test.h"
#include "cartable-test-ui.h"

#include "cartable-test-a11y.h"
#include "shell/cartable-window.h"
#include "onboarding/cartable-welcome-page.h"

/*
 * Helpers for ui tests: they run the real application in the test process,
 * under the Xvfb display that tests/test-env starts, and drive it by
 * actions and key events.
 */

void
cartable_test_ui_init (int    *argc,
                       char ***argv)
{
  cartable_test_init (argc, argv);
  /* g_test_init() names the program by its full path; WebKit builds folder
   * names from it. */
  {
    g_autofree char *base = g_path_get_basename ((*argv)[0]);
    g_set_prgname (base);
  }
  gtk_init ();
  adw_init ();
}

GtkWindow *
cartable_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

GtkWidget *
cartable_test_find_widget (GtkWidget               *root,
                           CartableTestWidgetMatch  match,
                           gconstpointer            data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cartable_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GType       type;
  const char *css_class;
} DescendantQuery;

static gboolean
is_descendant_looked_for (GtkWidget     *widget,
                          gconstpointer  data)
{
  const DescendantQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         (query->css_class == NULL || gtk_widget_has_css_class (widget, query->css_class));
}

void
cartable_test_find_all (GtkWidget *root,
                        GType      type,
                        GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    cartable_test_find_all (child, type, found);
}

GtkWidget *
cartable_test_find_descendant (GtkWidget  *root,
                               GType       type,
                               const char *css_class)
{
  DescendantQuery query = { type, css_class };

  return cartable_test_find_widget (root, is_descendant_looked_for, &query);
}

/**
 * cartable_test_save_screenshot:
 *
 * Renders @widget (normally a window) with its own renderer and saves it as
 * NAME.png in the folder named by CARTABLE_TEST_ARTIFACTS, for a person to
 * look at.
 */
void
cartable_test_save_screenshot (GtkWidget  *widget,
                               const char *name)
{
  const char *dir = g_getenv ("CARTABLE_TEST_ARTIFACTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  file_name = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  /* Every screen a person looks at is also read as a screen reader would. */
  if (cartable_test_a11y_on_bus ())
    cartable_test_a11y_check_screen (name);
}

/* The web views on screen under @widget. */
static void
collect_web_views (GtkWidget *widget,
                   GPtrArray *web_views)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (WEBKIT_IS_WEB_VIEW (widget))
    {
      if (gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0)
        g_ptr_array_add (web_views, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_web_views (child, web_views);
}

/* Whether GTK holds a frame of @web_view with something drawn in it (more
 * than one colour): WebKit paints some frames after its load is finished,
 * and until then the view is blank on screen. */
static gboolean
web_view_painted (GtkWidget *web_view)
{
  int width = gtk_widget_get_width (web_view);
  int height = gtk_widget_get_height (web_view);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  GskRenderer *renderer;

  if (webkit_web_view_is_loading (WEBKIT_WEB_VIEW (web_view)) || width <= 0 || height <= 0)
    return FALSE;

  paintable = gtk_widget_paintable_new (web_view);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (web_view));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);

  for (gsize i = 1; i < (gsize) width * height; i++)
    if (pixels[i] != pixels[0])
      return TRUE;

  return FALSE;
}

/* The web views on screen in any window. A page of a stack that is being
 * left stays mapped until its transition ends: ask again each time. */
static GPtrArray *
find_web_views (void)
{
  GPtrArray *web_views = g_ptr_array_new ();
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      collect_web_views (window, web_views);
    }

  return web_views;
}

static gboolean
web_views_painted (gpointer user_data)
{
  g_autoptr(GPtrArray) web_views = find_web_views ();

  for (guint i = 0; i < web_views->len; i++)
    if (!web_view_painted (g_ptr_array_index (web_views, i)))
      return FALSE;

  return TRUE;
}

typedef struct
{
  GdkFrameClock *clock;
  gint64         until;
} FrameWait;

static gboolean
frames_drawn (gpointer user_data)
{
  FrameWait *wait = user_data;

  return gdk_frame_clock_get_frame_counter (wait->clock) >= wait->until;
}

/* Waits, for a while at most, until every web view on screen has painted
 * its page, then for the windows to draw a few frames with it, so that
 * what reaches the X server holds the message and not a blank view. */
static void
wait_for_web_views (const char *name)
{
  g_autoptr(GPtrArray) web_views = find_web_views ();

  if (web_views->len == 0)
    return;

  if (!cartable_test_wait_for (web_views_painted, NULL, 15000))
    g_test_message ("screenshot %s: a web view was still blank after 15 s", name);

  /* A few frames of each window drawn with the painted view. */
  g_clear_pointer (&web_views, g_ptr_array_unref);
  web_views = find_web_views ();
  for (guint i = 0; i < web_views->len; i++)
    {
      GtkWidget *web_view = g_ptr_array_index (web_views, i);
      GdkFrameClock *clock = gtk_widget_get_frame_clock (web_view);
      FrameWait wait;

      if (clock == NULL)
        continue;
      wait.clock = clock;
      for (guint frame = 0; frame < 3; frame++)
        {
          gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_root (web_view)));
          wait.until = gdk_frame_clock_get_frame_counter (clock) + 1;
          cartable_test_wait_for (frames_drawn, &wait, 1000);
        }
    }
}

/**
 * cartable_test_save_display_screenshot:
 *
 * Saves the whole Xvfb screen as NAME.png, the way a person would see it.
 * Use it where a widget draws outside GTK's own rendering (the WebKit view):
 * it waits until the web views on screen have painted their page.
 */
void
cartable_test_save_display_screenshot (const char *name)
{
  const char *dir = g_getenv ("CARTABLE_TEST_ARTIFACTS");
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, file_name, NULL);
  argv[3] = path;

  wait_for_web_views (name);
  /* Let the last frame reach the X server first. */
  cartable_test_iterate (300);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("screenshot: %s", path);
}

/* Whether @trigger is @keyval with @modifiers (or one of its alternatives is). */
static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers);
  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;
}

/* Runs the first shortcut of @widget's controllers in @phase (capture, or
 * the others) bound to @keyval with @modifiers. */
static gboolean
dispatch_key_on (GtkWidget       *widget,
                 gboolean         capture,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE) != capture)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (trigger_matches (trigger, keyval, modifiers) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
cartable_test_dispatch_key (GtkWindow       *window,
                            guint            keyval,
                            GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (window)); widget; widget = gtk_widget_get_parent (widget))
    g_ptr_array_add (chain, widget);
  /* As GTK propagates a key: the capture phase from the window down to
   * the focus, then the focus and its parents up to the window. */
  for (guint i = chain->len; i > 0; i--)
    if (dispatch_key_on (g_ptr_array_index (chain, i - 1), TRUE, keyval, modifiers))
      return TRUE;
  for (guint i = 0; i < chain->len; i++)
    if (dispatch_key_on (g_ptr_array_index (chain, i), FALSE, keyval, modifiers))
      return TRUE;
  return FALSE;
}

gboolean
cartable_test_window_shown (gpointer type)
{
  GtkWindow *window = cartable_test_find_window (GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

gboolean
cartable_test_window_open (gpointer type)
{
  return cartable_test_find_window (GPOINTER_TO_SIZE (type)) != NULL;
}

gboolean
cartable_test_window_gone (gpointer type)
{
  return cartable_test_find_window (GPOINTER_TO_SIZE (type)) == NULL;
}

GtkWindow *
cartable_test_wait_for_window (GType type,
                               guint timeout_ms)
{
  if (!cartable_test_wait_for (cartable_test_window_shown, GSIZE_TO_POINTER (type), timeout_ms))
    return NULL;
  return cartable_test_find_window (type);
}

GtkWindow *
cartable_test_wait_for_main_window (void)
{
  GtkWindow *window = cartable_test_wait_for_window (CARTABLE_TYPE_WINDOW, 10000);

  if (window == NULL)
    g_error ("the main window was not shown within 10 s");
  return window;
}

void
cartable_test_collect_text (GtkWidget            *root,
                            GString              *text,
                            CartableTestTextFlags flags)
{
  gboolean shown = gtk_widget_get_visible (root) &&
                   (!(flags & CARTABLE_TEST_TEXT_CHILD_VISIBLE) || gtk_widget_get_child_visible (root));

  if (!shown && (flags & CARTABLE_TEST_TEXT_PRUNE_HIDDEN))
    return;
  if (shown && GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    cartable_test_collect_text (child, text, flags);
}

char *
cartable_test_dup_text (GtkWidget            *root,
                        CartableTestTextFlags flags)
{
  GString *text = g_string_new (NULL);

  cartable_test_collect_text (root, text, flags);
  return g_string_free (text, FALSE);
}

int
cartable_test_ui_main (int    *argc,
                       char ***argv)
{
  cartable_test_ui_init (argc, argv);
  return cartable_test_run ();
}

void
cartable_test_check_accessible_names (GtkWidget               *root,
                                      CartableTestWidgetMatch  interactive,
                                      guint                   *checked)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return;

  if (interactive (root, NULL))
    cartable_test_check_accessible_name (root, checked);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    cartable_test_check_accessible_names (child, interactive, checked);
}

GtkWindow *
cartable_test_activate_main_window (GApplication *app)
{
  g_assert (G_IS_APPLICATION (app));

  g_application_activate (app);
  return cartable_test_wait_for_main_window ();
}

GtkGestureClick *
cartable_test_find_right_click (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        return GTK_GESTURE_CLICK (controller);
    }
  return NULL;
}

gboolean
cartable_test_shows_text (GtkWidget  *root,
                          const char *words)
{
  g_autofree char *text = cartable_test_dup_text (root, CARTABLE_TEST_TEXT_DEFAULT);

  return strstr (text, words) != NULL;
}

/* Where cartable_test_wait_for_text() reads. */
typedef struct
{
  GtkWidget             *root;
  CartableTestTextFlags  flags;
} TextScope;

static gint64
text_contains (gconstpointer scope,
               gconstpointer words)
{
  const TextScope *where = scope;
  g_autofree char *text = cartable_test_dup_text (where->root, where->flags);

  return strstr (text, words) != NULL;
}

gboolean
cartable_test_wait_for_text (GtkWidget             *root,
                             const char            *words,
                             CartableTestTextFlags  flags,
                             guint                  timeout_ms)
{
  TextScope scope = { root, flags };

  g_assert (GTK_IS_WIDGET (root));
  return cartable_test_wait_value (text_contains, &scope, words, TRUE, 0, timeout_ms);
}

gboolean
cartable_test_widget_drawn (gpointer user_data)
{
  GtkWidget *widget = user_data;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 0)
    return FALSE;
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL;
}

void
cartable_test_shot (GtkWidget  *widget,
                    const char *name)
{
  if (!cartable_test_wait_for (cartable_test_widget_drawn, widget, 5000))
    g_error ("%s drew no frame within 5 s for the screenshot %s", G_OBJECT_TYPE_NAME (widget), name);
  cartable_test_save_screenshot (widget, name);
}

gboolean
cartable_test_focus_in_window (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (window));
}

void
cartable_test_press_key (GtkWindow       *window,
                         guint            keyval,
                         GdkModifierType  modifiers)
{
  GtkWidget *focus;

  /* A row rebuilt under the focus (read, flagged) takes the focus with it
   * until the view puts it back, within a few frames. */
  if (!cartable_test_wait_for (cartable_test_focus_in_window, window, 1000))
    g_error ("the focus did not come back to the window within 1 s");

  if (cartable_test_dispatch_key (window, keyval, modifiers))
    {
      cartable_test_iterate (20);
      return;
    }

  focus = gtk_root_get_focus (GTK_ROOT (window));
  for (GtkWidget *w = focus; w; w = gtk_widget_get_parent (w))
    g_test_message ("focus chain: %s mapped %d", G_OBJECT_TYPE_NAME (w), gtk_widget_get_mapped (w));
  g_error ("no widget handles key %s (focus on %s)", gdk_keyval_name (keyval),
           focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
}

static gboolean
is_mapped_button_labelled (GtkWidget     *widget,
                           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
cartable_test_is_toggle (GtkWidget     *widget,
                         gconstpointer  label_or_icon)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label_or_icon) == 0 ||
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), label_or_icon) == 0);
}

GtkWidget *
cartable_test_find_button (GtkWidget  *root,
                           const char *label)
{
  return cartable_test_find_widget (root, is_mapped_button_labelled, label);
}

gboolean
cartable_test_accessible_named (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
cartable_test_find_named (GtkWidget  *root,
                          const char *name)
{
  return cartable_test_find_widget (root, is_named, name);
}

gpointer
cartable_test_find_controller (GtkWidget *widget,
                               GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;  /* still held by the widget */
    }
  return NULL;
}

GtkWidget *
cartable_test_find_open_menu (GtkWidget *root)
{
  if (GTK_IS_POPOVER_MENU (root) && gtk_widget_get_visible (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cartable_test_find_open_menu (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
cartable_test_menu_open (gpointer user_data)
{
  GtkWidget *menu = cartable_test_find_open_menu (user_data);

  return menu != NULL && gtk_widget_get_mapped (menu);
}

void
cartable_test_close_window (GtkWindow *window,
                            gboolean   assert_finalized)
{
  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  cartable_test_iterate (200);
  if (assert_finalized)
    g_assert_finalize_object (window);
  else
    g_object_unref (window);
}

void
cartable_test_check_accessible_name (GtkWidget *widget,
                                     guint     *checked)
{
  if (!cartable_test_accessible_named (widget))
    g_error ("%s (%s) has no accessible name", G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_tooltip_text (widget) ?: "no tooltip");
  (*checked)++;
}

GtkWidget *
cartable_test_welcome_page (GtkWindow *window)
{
  return cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_WELCOME_PAGE, NULL);
}

GtkWidget *
cartable_test_welcome_step (GtkWindow *window)
{
  GtkWidget *stack = cartable_test_find_descendant (cartable_test_welcome_page (window), GTK_TYPE_STACK, NULL);

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

GtkWidget *
cartable_test_on_welcome_step (GtkWindow              *window,
                               CartableTestWidgetMatch match,
                               const char             *words)
{
  GtkWidget *widget = cartable_test_find_widget (cartable_test_welcome_step (window), match, words);

  if (widget == NULL)
    g_error ("nothing reads “%s” on step %s", words,
             cartable_welcome_page_get_visible_step (CARTABLE_WELCOME_PAGE (cartable_test_welcome_page (window))));
  return widget;
}

void
cartable_test_click_on_welcome_step (GtkWindow              *window,
                                     CartableTestWidgetMatch match,
                                     const char             *words)
{
  GtkWidget *widget = cartable_test_on_welcome_step (window, match, words);

  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_activate (widget));
  cartable_test_iterate (20);
}

gboolean
cartable_test_reads_as (const char *text,
                        const char *plain)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "_", -1);
  joined = g_strjoinv ("", parts);
  return g_strcmp0 (joined, plain) == 0;
}

gboolean
cartable_test_is_button_reading (GtkWidget     *widget,
                                 gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget) &&
         cartable_test_reads_as (gtk_button_get_label (GTK_BUTTON (widget)), label);
}

/* The item of an open menu whose label reads @label: the focusable widget
 * around that label. */
static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  label)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         cartable_test_reads_as (gtk_label_get_label (GTK_LABEL (widget)), label);
}

static GtkWidget *
find_menu_item (GtkWidget  *menu,
                const char *label)
{
  GtkWidget *text = cartable_test_find_widget (menu, is_label_reading, label);

  for (GtkWidget *w = text; w != NULL && w != menu; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_focusable (w))
      return w;
  return NULL;
}

typedef struct
{
  GtkWidget  *menu;
  const char *label;
} MenuItemQuery;

static gboolean
menu_item_shown (gpointer user_data)
{
  MenuItemQuery *query = user_data;

  return find_menu_item (query->menu, query->label) != NULL;
}

void
cartable_test_menu_choose (GtkWidget  *menu,
                           const char *label)
{
  MenuItemQuery query = { menu, label };
  GtkRoot *root = gtk_widget_get_root (menu);
  GtkWidget *item;
  GtkDirectionType direction = GTK_DIR_DOWN;

  /* A submenu slides in. */
  if (!cartable_test_wait_for (menu_item_shown, &query, 3000))
    g_error ("no item reads “%s” in the menu", label);
  item = find_menu_item (menu, label);

  for (guint i = 0; i < 60 && gtk_root_get_focus (root) != item; i++)
    {
      /* Down to the last item, then up. */
      if (!gtk_widget_child_focus (menu, direction))
        direction = GTK_DIR_UP;
      cartable_test_iterate (10);
    }
  if (gtk_root_get_focus (root) != item)
    g_error ("the arrow keys never reach “%s” in the menu", label);
  g_assert_true (gtk_widget_activate (item));
  cartable_test_iterate (100);
}

void
cartable_test_assert_focus_in (GtkWindow *window,
                               GtkWidget *region)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus != NULL && gtk_widget_get_mapped (focus) && (focus == region || gtk_widget_is_ancestor (focus, region)))
    return;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    g_test_message ("focus chain: %s (%s) mapped %d", G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (w),
                    gtk_widget_get_mapped (w));
  g_error ("the focus is on %s, not in %s (%s)", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
           G_OBJECT_TYPE_NAME (region), gtk_widget_get_name (region));
}

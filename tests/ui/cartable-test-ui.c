/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cartable-engine.h"
#include "cartable-test-ui.h"

/*
 * Helpers for ui tests: they run the real application in the test process,
 * under the Xvfb display that tests/test-env starts, and drive it by
 * actions and key events.
 */

void
cartable_test_ui_init (int    *argc,
                       char ***argv)
{
  setlocale (LC_ALL, "");
  cartable_engine_init ();
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
  /* g_test_init() names the program by its full path; WebKit builds folder
   * names from it. */
  {
    g_autofree char *base = g_path_get_basename ((*argv)[0]);
    g_set_prgname (base);
  }
  gtk_init ();
  adw_init ();
}

static gboolean
timeout_reached_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for a while, so frames get drawn and transitions end. */
void
cartable_test_iterate (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_reached_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
cartable_test_wait_for (CartableTestCondition condition,
                        gpointer              user_data,
                        guint                 timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
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
cartable_test_find_descendant (GtkWidget  *root,
                               GType       type,
                               const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cartable_test_find_descendant (child, type, css_class);
      if (found != NULL)
        return found;
    }

  return NULL;
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
}

/**
 * cartable_test_save_display_screenshot:
 *
 * Saves the whole Xvfb screen as NAME.png, the way a person would see it.
 * Use it where a widget draws outside GTK's own rendering (the WebKit view).
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

  /* Let the last frame reach the X server first. */
  cartable_test_iterate (300);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("screenshot: %s", path);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shell/cartable-application.h"
#include "shell/cartable-window.h"
#include "onboarding/cartable-welcome-page.h"
#include "preferences/cartable-preferences-window.h"
#include "simple/cartable-simple-view.h"
#include "mail/cartable-folder-row.h"
#include "mail/cartable-message-row.h"
#include "cartable-test-academy.h"
#include "cartable-test-contrast.h"
#include "cartable-test-mail.h"
#include "cartable-test-ui.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("contrast");

/*
 * Contrast and size (RGAA 3.2 and 10.4): every text on the main screens
 * (welcome and sign-in, the full mail view with a message open, the simple
 * version, the preferences) stands out from what is behind it by 4.5:1 or
 * more, in the light, dark and high-contrast styles, at normal and at 150 %
 * text size. Screenshots of each screen in each style are left for a
 * person to look at.
 *
 * How a text's contrast is measured: each label on screen shows a full
 * block (U+2588) instead of its text, and the window is rendered twice
 * with its own renderer, the blocks drawn and then made transparent; the
 * pixel at the middle of the first block is the text's colour as the eye
 * gets it (its colour, the opacity of the label and of every parent, what
 * covers it), the same pixel without the block is what is behind it.
 */

#define USER "mdurand"

static CartableApplication *the_app;
static GSettings *a11y_settings;
static int normal_dpi;

/* ------------------------------------------------------------ the looks */

typedef struct
{
  const char *name;
  gboolean    dark;
  gboolean    high_contrast;
  double      text_scale;
} Look;

static const Look looks[] = {
  { "light", FALSE, FALSE, 1.0 },
  { "dark", TRUE, FALSE, 1.0 },
  { "hc", FALSE, TRUE, 1.0 },
  { "hc-dark", TRUE, TRUE, 1.0 },
  { "large", FALSE, FALSE, 1.5 },
  { "large-dark", TRUE, FALSE, 1.5 },
  { "large-hc", FALSE, TRUE, 1.5 },
};

static gboolean
look_applied (gpointer user_data)
{
  const Look *look = user_data;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return adw_style_manager_get_dark (manager) == look->dark &&
         adw_style_manager_get_high_contrast (manager) == look->high_contrast;
}

/* The desktop's settings as a user sets them: the style through
 * libadwaita's style manager and the GNOME high-contrast key, the text
 * size through the font resolution (what « Large Text » changes). */
static void
apply_look (const Look *look)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      look->dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_boolean (a11y_settings, "high-contrast", look->high_contrast);
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (normal_dpi * look->text_scale), NULL);
  if (!cartable_test_wait_for (look_applied, (gpointer) look, 5000))
    g_error ("the style %s was not applied (dark %d, high contrast %d)", look->name,
             adw_style_manager_get_dark (adw_style_manager_get_default ()),
             adw_style_manager_get_high_contrast (adw_style_manager_get_default ()));
  /* Restyled, laid out again, transitions over. */
  cartable_test_iterate (700);
}

/* ------------------------------------------------------------ measuring */

typedef struct
{
  GtkLabel      *label;
  char          *text;
  gboolean       use_markup;
  gboolean       use_underline;
  PangoAttrList *attributes;
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_pointer (&probe->text, g_free);
  g_clear_pointer (&probe->attributes, pango_attr_list_unref);
  g_clear_object (&probe->label);
  g_free (probe);
}

/* The labels a user sees in @native: mapped (so visible, on the visible
 * page of their stacks), with some text, and enabled (WCAG does not ask
 * contrast of a disabled control). Popovers and dialogs are natives of
 * their own: measured on their own. */
static void
collect_labels (GtkWidget *widget,
                GtkNative *native,
                GPtrArray *probes)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_NATIVE (widget) && widget != GTK_WIDGET (native))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_is_sensitive (widget) && gtk_widget_get_width (widget) > 0)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

      if (text[0] != '\0')
        {
          Probe *probe = g_new0 (Probe, 1);
          PangoAttrList *attributes = gtk_label_get_attributes (GTK_LABEL (widget));

          probe->label = g_object_ref (GTK_LABEL (widget));
          probe->text = g_strdup (gtk_label_get_label (GTK_LABEL (widget)));
          probe->use_markup = gtk_label_get_use_markup (GTK_LABEL (widget));
          probe->use_underline = gtk_label_get_use_underline (GTK_LABEL (widget));
          probe->attributes = attributes != NULL ? pango_attr_list_ref (attributes) : NULL;
          g_ptr_array_add (probes, probe);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, native, probes);
}

/* The window as its renderer draws it, in 8-bit BGRA (premultiplied,
 * opaque inside the window). */
static guchar *
render_pixels (GtkWidget *widget,
               int       *width,
               int       *height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, *width);
  pixels = g_malloc ((gsize) *width * *height * 4);
  gdk_texture_download (texture, pixels, (gsize) *width * 4);
  return pixels;
}

/* The two renders of a measure, for a person checking the probes:
 * with CARTABLE_TEST_CONTRAST_PROBES set. */
static void
save_pixels (const guchar *pixels,
             int           width,
             int           height,
             const char   *where,
             const char   *kind)
{
  g_autoptr(GBytes) bytes = g_bytes_new (pixels, (gsize) width * height * 4);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                                          (gsize) width * 4);
  g_autofree char *name = g_strdup_printf ("contrast-probe-%s-%s.png", where, kind);
  g_autofree char *path = NULL;

  g_strdelimit (name, " ,", '-');
  path = g_build_filename (g_getenv ("CARTABLE_TEST_ARTIFACTS"), name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static guint32
pixel_at (const guchar *pixels,
          int           width,
          int           x,
          int           y)
{
  const guchar *p = pixels + ((gsize) y * width + x) * 4;

  /* Cairo's ARGB32 in memory on a little-endian machine: B, G, R, A. */
  return (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

/* @probe's label on screen, in @native's coordinates; FALSE when some
 * parent that clips (a scrolled list, the window) hides part of it or all:
 * a row half scrolled away is read once scrolled. */
static gboolean
locate_label (Probe                 *probe,
              GtkNative             *native,
              cairo_rectangle_int_t *area)
{
  graphene_rect_t visible;
  graphene_rect_t whole;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (probe->label), GTK_WIDGET (native), &whole))
    return FALSE;
  visible = whole;
  for (GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (probe->label));
       parent != NULL && parent != GTK_WIDGET (native); parent = gtk_widget_get_parent (parent))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_overflow (parent) != GTK_OVERFLOW_HIDDEN && !GTK_IS_SCROLLED_WINDOW (parent) &&
          !GTK_IS_VIEWPORT (parent))
        continue;
      if (!gtk_widget_compute_bounds (parent, GTK_WIDGET (native), &bounds) ||
          !graphene_rect_intersection (&visible, &bounds, &visible))
        return FALSE;
    }
  if (!graphene_rect_intersection (&visible,
                                   &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (native)),
                                                        gtk_widget_get_height (GTK_WIDGET (native))),
                                   &visible))
    return FALSE;

  if (visible.size.width < whole.size.width - 0.5 || visible.size.height < whole.size.height - 0.5)
    return FALSE;

  area->x = (int) ceilf (visible.origin.x);
  area->y = (int) ceilf (visible.origin.y);
  area->width = (int) floorf (visible.origin.x + visible.size.width) - area->x;
  area->height = (int) floorf (visible.origin.y + visible.size.height) - area->y;
  return area->width > 0 && area->height > 0;
}

/* Where Pango says @probe's block is (its middle, in @native's
 * coordinates). Close, not always exact: a few pixels off for some
 * labels on GTK 4.8. */
static void
predict_block (Probe     *probe,
               GtkNative *native,
               int        index,
               int       *x,
               int       *y)
{
  PangoLayout *layout = gtk_label_get_layout (probe->label);
  PangoRectangle rect;
  graphene_point_t point;
  int offset_x, offset_y;

  pango_layout_index_to_pos (layout, index, &rect);
  gtk_label_get_layout_offsets (probe->label, &offset_x, &offset_y);
  g_assert_true (gtk_widget_compute_point (
    GTK_WIDGET (probe->label), GTK_WIDGET (native),
    &GRAPHENE_POINT_INIT (offset_x + (rect.x + rect.width / 2.0) / PANGO_SCALE,
                          offset_y + (rect.y + rect.height / 2.0) / PANGO_SCALE),
    &point));
  *x = (int) point.x;
  *y = (int) point.y;
}

static gboolean
differs (const guchar                *with_text,
         const guchar                *without_text,
         int                          width,
         const cairo_rectangle_int_t *area,
         int                          x,
         int                          y)
{
  return x >= area->x && y >= area->y && x < area->x + area->width && y < area->y + area->height &&
         pixel_at (with_text, width, x, y) != pixel_at (without_text, width, x, y);
}

/* The middle of the block in @area: from the differing pixel nearest to
 * where Pango puts it, the box of the differing pixels connected to it
 * (the block is solid, so its middle is the text's full colour whatever
 * the antialiasing does at its edges; an overlay scroll bar that fades in
 * or out between the two renders is not connected to it). FALSE if
 * nothing differs: the text does not show at all. */
static gboolean
find_block (const guchar                *with_text,
            const guchar                *without_text,
            int                          width,
            const cairo_rectangle_int_t *area,
            int                         *x,
            int                         *y)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  g_autofree guchar *seen = g_malloc0 ((gsize) area->width * area->height);
  int seed_x = -1, seed_y = -1;
  int left = G_MAXINT, top = G_MAXINT, right = -1, bottom = -1;
  int reach = MAX (area->width, area->height);

  for (int r = 0; r <= reach && seed_x < 0; r++)
    for (int j = *y - r; j <= *y + r && seed_x < 0; j++)
      for (int i = *x - r; i <= *x + r; i++)
        if ((ABS (j - *y) == r || ABS (i - *x) == r) && differs (with_text, without_text, width, area, i, j))
          {
            seed_x = i;
            seed_y = j;
            break;
          }
  if (seed_x < 0)
    return FALSE;

  g_array_append_val (stack, ((int[2]) { seed_x, seed_y }));
  seen[(seed_y - area->y) * area->width + seed_x - area->x] = 1;
  while (stack->len > 0)
    {
      int *point = &g_array_index (stack, int, (stack->len - 1) * 2);
      int i = point[0], j = point[1];
      static const int steps[4][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };

      g_array_set_size (stack, stack->len - 1);
      left = MIN (left, i);
      right = MAX (right, i);
      top = MIN (top, j);
      bottom = MAX (bottom, j);
      for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
        {
          int ni = i + steps[k][0], nj = j + steps[k][1];

          if (differs (with_text, without_text, width, area, ni, nj) &&
              !seen[(nj - area->y) * area->width + ni - area->x])
            {
              seen[(nj - area->y) * area->width + ni - area->x] = 1;
              g_array_append_val (stack, ((int[2]) { ni, nj }));
            }
        }
    }
  *x = (left + right) / 2;
  *y = (top + bottom) / 2;
  return TRUE;
}

static char *
dup_classes (GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);

  return g_strdup_printf ("%s%s%s", gtk_widget_get_css_name (widget), joined[0] != '\0' ? "." : "", joined);
}

/* Two blocks, at the start and the end of the label: what covers either
 * end of a text (a scroll bar over a date) is seen. */
#define PROBE_TEXT "\u2588 \u2588"
#define PROBE_LAST_BLOCK 4

/* The label's own attributes (its weight, its size), without lines: a
 * link's underline would join the two blocks. */
static PangoAttrList *
dup_probe_attributes (Probe *probe)
{
  PangoAttrList *attributes = probe->attributes != NULL ? pango_attr_list_copy (probe->attributes)
                                                        : pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_underline_new (PANGO_UNDERLINE_NONE));
  pango_attr_list_insert (attributes, pango_attr_strikethrough_new (FALSE));
  return attributes;
}

/* Measures every text of @native (a window), appending each one under
 * 4.5:1 to @failures; returns how many were measured. */
static guint
measure (GtkNative  *native,
         const char *where,
         GString    *failures)
{
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify) probe_free);
  g_autofree guchar *with_text = NULL;
  g_autofree guchar *without_text = NULL;
  int width, height, width2, height2;
  guint measured = 0, off_screen = 0;
  double lowest = 21.0;

  collect_labels (GTK_WIDGET (native), native, probes);
  g_assert_cmpuint (probes->len, >, 0);

  for (guint i = 0; i < probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (probes, i);
      g_autoptr(PangoAttrList) attributes = dup_probe_attributes (probe);

      gtk_label_set_use_markup (probe->label, FALSE);
      gtk_label_set_use_underline (probe->label, FALSE);
      gtk_label_set_label (probe->label, PROBE_TEXT);
      gtk_label_set_attributes (probe->label, attributes);
    }
  cartable_test_iterate (400);
  with_text = render_pixels (GTK_WIDGET (native), &width, &height);

  /* The blocks drawn transparent: the same layout, nothing else changed. */
  for (guint i = 0; i < probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (probes, i);
      g_autoptr(PangoAttrList) attributes = dup_probe_attributes (probe);

      /* Alpha 0 means "unset" to Pango: 1 is the least there is. */
      pango_attr_list_insert (attributes, pango_attr_foreground_alpha_new (1));
      gtk_label_set_attributes (probe->label, attributes);
    }
  cartable_test_iterate (400);
  without_text = render_pixels (GTK_WIDGET (native), &width2, &height2);
  g_assert_cmpint (width, ==, width2);
  g_assert_cmpint (height, ==, height2);
  if (g_getenv ("CARTABLE_TEST_CONTRAST_PROBES") != NULL)
    {
      save_pixels (with_text, width, height, where, "blocks");
      save_pixels (without_text, width, height, where, "behind");
    }

  for (guint i = 0; i < probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (probes, i);
      cairo_rectangle_int_t area;
      guint32 fg, bg;
      double ratio;
      int x = 0, y = 0;

      if (!locate_label (probe, native, &area))
        {
          off_screen++;
          continue;
        }
      ratio = 21.0;
      fg = bg = 0;
      for (int end = 0; end < 2; end++)
        {
          int bx, by;
          guint32 block_fg, block_bg;
          double block_ratio;

          predict_block (probe, native, end == 0 ? 0 : PROBE_LAST_BLOCK, &bx, &by);
          if (!find_block (with_text, without_text, width, &area, &bx, &by))
            {
              ratio = 1.0;
              x = bx;
              y = by;
              fg = bg = pixel_at (with_text, width, CLAMP (bx, 0, width - 1), CLAMP (by, 0, height - 1));
              break;
            }
          block_fg = pixel_at (with_text, width, bx, by);
          block_bg = pixel_at (without_text, width, bx, by);
          block_ratio = cartable_test_contrast_rgb (block_fg, block_bg);
          if (block_ratio < ratio)
            {
              ratio = block_ratio;
              fg = block_fg;
              bg = block_bg;
              x = bx;
              y = by;
            }
        }
      lowest = MIN (lowest, ratio);
      measured++;
      if (ratio < CARTABLE_TEST_MIN_TEXT_CONTRAST)
        {
          g_autofree char *classes = dup_classes (GTK_WIDGET (probe->label));
          g_autofree char *parent = dup_classes (gtk_widget_get_parent (GTK_WIDGET (probe->label)));

          g_string_append_printf (failures, "%s: “%s” (%s in %s) at %d,%d: #%06x on #%06x, %.2f:1\n", where,
                                  probe->text, classes, parent, x, y, fg, bg, ratio);
        }
    }

  for (guint i = 0; i < probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (probes, i);

      gtk_label_set_attributes (probe->label, probe->attributes);
      gtk_label_set_label (probe->label, probe->text);
      gtk_label_set_use_underline (probe->label, probe->use_underline);
      gtk_label_set_use_markup (probe->label, probe->use_markup);
    }
  cartable_test_iterate (300);

  g_test_message ("%s: %u texts measured (%u off screen), lowest %.2f:1", where, measured, off_screen, lowest);
  return measured;
}

/* The list whose scroll bar is shown, in each look, as when the pointer
 * is over it: at its widest, over the list's rows. */
static GtkWidget *scrolled_list;

static void
show_scroll_bar (GtkWidget *list)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *bar = gtk_scrolled_window_get_vscrollbar (scrolled);

  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  g_assert_true (gtk_scrolled_window_get_overlay_scrolling (scrolled));
  /* The lists hold more than a screen (main()): there is a bar. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_widget_add_css_class (bar, "hovering");
  gtk_widget_set_visible (bar, TRUE);
  gtk_widget_set_opacity (bar, 1.0);
  cartable_test_iterate (300);
  if (!gtk_widget_get_mapped (bar))
    g_error ("the scroll bar of %s is not shown (%.0f of %.0f)", G_OBJECT_TYPE_NAME (list),
             gtk_adjustment_get_page_size (adjustment), gtk_adjustment_get_upper (adjustment));
  g_assert_cmpint (gtk_widget_get_width (bar), >=, 14);
}

/* In each look: measures @native, then saves its screenshot as
 * contrast-@screen-LOOK. */
/* What else a screen checks in each look. */
typedef void (*LookCheck) (const char *where,
                           GString    *failures);
static LookCheck look_check;

static void
measure_in_every_look (GtkWidget  *widget,
                       const char *screen,
                       GString    *failures)
{
  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s, %s", screen, looks[i].name);
      g_autofree char *shot = g_strdup_printf ("contrast-%s-%s", screen, looks[i].name);

      apply_look (&looks[i]);
      if (scrolled_list != NULL)
        show_scroll_bar (scrolled_list);
      cartable_test_shot (widget, shot);
      g_assert_cmpuint (measure (GTK_NATIVE (widget), where, failures), >=, 3);
      if (look_check != NULL)
        look_check (where, failures);
    }
  apply_look (&looks[0]);
}

static void
assert_no_failure (GString *failures)
{
  if (failures->len > 0)
    g_error ("texts under %.1f:1:\n%s", CARTABLE_TEST_MIN_TEXT_CONTRAST, failures->str);
}

/* ------------------------------------------------------------ screens */

static CartableWindow *
open_window (void)
{
  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (cartable_test_wait_for (cartable_test_window_shown,
                                         GSIZE_TO_POINTER (CARTABLE_TYPE_WINDOW), 10000));
  return CARTABLE_WINDOW (cartable_test_find_window (CARTABLE_TYPE_WINDOW));
}

/* A condition: the main window shows the page @user_data. */
static gboolean
page_shown (gpointer user_data)
{
  GtkWindow *window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);

  return window != NULL && g_strcmp0 (cartable_window_get_visible_page (CARTABLE_WINDOW (window)), user_data) == 0;
}

static gboolean
rows_listed (gpointer user_data)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (user_data));

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

static gboolean
step_shown (gpointer user_data)
{
  const char *step = user_data;
  GtkWindow *window = cartable_test_find_window (CARTABLE_TYPE_WINDOW);
  GtkWidget *page = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_WELCOME_PAGE, NULL);

  return g_strcmp0 (cartable_welcome_page_get_visible_step (CARTABLE_WELCOME_PAGE (page)), step) == 0;
}

static void
show_step (GtkWidget  *page,
           const char *step)
{
  g_assert_true (gtk_widget_activate_action (page, "onboarding.choose", "s", step));
  g_assert_true (cartable_test_wait_for (step_shown, (gpointer) step, 5000));
  cartable_test_iterate (500);
}

/* The editable rows of the visible step, in order. */
static void
collect_editables (GtkWidget *widget,
                   GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (ADW_IS_ENTRY_ROW (widget) || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_ENTRY (widget))
    {
      g_ptr_array_add (found, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_editables (child, found);
}

static gboolean
form_error_shown (gpointer user_data)
{
  GtkWidget *label = cartable_test_find_descendant (user_data, GTK_TYPE_LABEL, "onboarding-error");

  return label != NULL && gtk_widget_get_mapped (label) &&
         gtk_widget_get_child_visible (gtk_widget_get_parent (label)) &&
         gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (label)));
}

CARTABLE_TEST ("welcome", test_welcome)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  CartableWindow *window = open_window ();
  GtkWidget *page = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_WELCOME_PAGE, NULL);
  g_autoptr(GPtrArray) editables = g_ptr_array_new ();
  GtkWidget *focus;
  GtkWidget *step;

  g_assert_cmpstr (cartable_window_get_visible_page (window), ==, "welcome");
  cartable_test_iterate (500);
  measure_in_every_look (GTK_WIDGET (window), "welcome", failures);

  /* The academy, searched by name, then the choices. */
  g_assert_true (gtk_widget_activate_action (page, "onboarding.start", NULL));
  g_assert_true (cartable_test_wait_for (step_shown, (gpointer) "academy", 5000));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "normandie");
  cartable_test_iterate (500);
  measure_in_every_look (GTK_WIDGET (window), "academy", failures);
  g_signal_emit_by_name (focus, "activate");
  g_assert_true (cartable_test_wait_for (step_shown, (gpointer) "choice", 5000));
  cartable_test_iterate (500);
  measure_in_every_look (GTK_WIDGET (window), "choice", failures);

  /* Signing in, refused: the hints under the fields and the sentence that
   * says why. */
  show_step (page, "login");
  step = cartable_test_welcome_step (GTK_WINDOW (window));
  collect_editables (step, editables);
  g_assert_cmpuint (editables->len, >=, 2);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (editables, 0)), USER);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (editables, 1)), "not-the-password");
  cartable_test_iterate (200);
  g_assert_true (gtk_widget_activate_action (page, "onboarding.submit", NULL));
  if (!cartable_test_wait_for (form_error_shown, step, 30000))
    {
      cartable_test_shot (GTK_WIDGET (window), "contrast-sign-in-failed");
      g_error ("no error shown after a wrong password");
    }
  measure_in_every_look (GTK_WIDGET (window), "sign-in", failures);

  /* Activation: the rules a new password must meet. */
  show_step (page, "activate");
  measure_in_every_look (GTK_WIDGET (window), "activate", failures);

  assert_no_failure (failures);
}

/* The folder sidebar, at any text size: names whole (the window has
 * room), unread counts in sight. */
static GtkWidget *sidebar_list;

static void
check_sidebar (const char *where,
               GString    *failures)
{
  graphene_rect_t sidebar;
  guint counts = 0;

  g_assert_true (gtk_widget_compute_bounds (sidebar_list, sidebar_list, &sidebar));
  for (GtkWidget *row = gtk_widget_get_first_child (sidebar_list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      GtkLabel *name, *count;
      graphene_rect_t bounds;

      if (!CARTABLE_IS_FOLDER_ROW (row))
        continue;
      cartable_test_find_all (row, GTK_TYPE_LABEL, labels);
      g_assert_cmpuint (labels->len, ==, 2);
      name = g_ptr_array_index (labels, 0);
      count = g_ptr_array_index (labels, 1);
      if (pango_layout_is_ellipsized (gtk_label_get_layout (name)))
        g_string_append_printf (failures, "%s: the folder name “%s” is cut\n", where,
                                gtk_label_get_text (name));
      if (!gtk_widget_get_visible (GTK_WIDGET (count)))
        continue;
      counts++;
      if (!gtk_widget_get_mapped (GTK_WIDGET (count)) || gtk_widget_get_width (GTK_WIDGET (count)) <= 0 ||
          !gtk_widget_compute_bounds (GTK_WIDGET (count), sidebar_list, &bounds) ||
          bounds.origin.x + bounds.size.width > sidebar.size.width + 0.5)
        g_string_append_printf (failures, "%s: the unread count of “%s” is hidden\n", where,
                                gtk_label_get_text (name));
    }
  /* The Inbox has unread mail (main()): its count is there to check. */
  g_assert_cmpuint (counts, >=, 1);
}

/* The full version's main view in @window, and its three panes. */
static CartableMainView *
find_panes (CartableWindow    *window,
            CartableTestPanes *panes)
{
  GtkWidget *view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_MAIN_VIEW, NULL);
  GtkWidget *html = cartable_test_find_descendant (view, CARTABLE_TYPE_HTML_VIEW, NULL);

  panes->folders = GTK_LIST_BOX (cartable_test_find_descendant (view, GTK_TYPE_LIST_BOX, "navigation-sidebar"));
  panes->messages = GTK_LIST_VIEW (cartable_test_find_descendant (view, GTK_TYPE_LIST_VIEW, NULL));
  panes->message_stack = GTK_STACK (gtk_widget_get_ancestor (html, GTK_TYPE_STACK));
  return CARTABLE_MAIN_VIEW (view);
}

/* The account, set up as a finished sign-in leaves it (once: the welcome
 * test runs without it). */
static void
add_account (void)
{
  static gboolean added;

  if (added)
    return;
  g_settings_set_boolean (cartable_application_get_settings (the_app), "interface-mode-chosen", TRUE);
  cartable_test_academy_add_account (the_app, USER, NULL);
  added = TRUE;
}

CARTABLE_TEST ("mail", test_mail)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  CartableWindow *window;
  CartableMainView *view;
  CartableTestPanes panes;

  add_account ();
  window = open_window ();
  /* Three panes at 150 % text too (a smaller window folds them). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 900);
  if (!cartable_test_wait_for (page_shown, (gpointer) "main", 20000))
    g_error ("the mail did not show: page %s", cartable_window_get_visible_page (window));
  view = find_panes (window, &panes);
  if (!cartable_test_wait_for (cartable_test_panes_inbox_listed, &panes, 60000))
    {
      g_autofree char *text = cartable_test_dup_text (GTK_WIDGET (view), CARTABLE_TEST_TEXT_CHILD_VISIBLE);

      cartable_test_shot (GTK_WIDGET (window), "contrast-mail-failed");
      g_error ("no Inbox listed; the view reads:\n%s", text);
    }

  gtk_widget_grab_focus (GTK_WIDGET (panes.messages));
  cartable_test_iterate (50);
  cartable_test_press_key (GTK_WINDOW (window), GDK_KEY_Down, 0);
  g_assert_true (cartable_test_wait_for (cartable_test_panes_message_shown, &panes, 20000));
  cartable_test_iterate (1000);
  scrolled_list = GTK_WIDGET (panes.messages);
  sidebar_list = GTK_WIDGET (panes.folders);
  look_check = check_sidebar;
  measure_in_every_look (GTK_WIDGET (window), "mail", failures);
  look_check = NULL;
  scrolled_list = NULL;

  assert_no_failure (failures);
}

/* The row of @list showing @uid, on screen whole; NULL if none is. */
static GtkWidget *
visible_row (GtkListView *list,
             const char  *uid)
{
  graphene_rect_t view;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (list), GTK_WIDGET (list), &view));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      CartableMessageSummary *summary;
      graphene_rect_t bounds;

      if (!CARTABLE_IS_MESSAGE_ROW (row) || !gtk_widget_get_mapped (child) ||
          !gtk_widget_get_child_visible (child))
        continue;
      summary = cartable_message_row_get_summary (CARTABLE_MESSAGE_ROW (row));
      if (summary == NULL || g_strcmp0 (cartable_message_summary_get_uid (summary), uid) != 0)
        continue;
      if (gtk_widget_compute_bounds (child, GTK_WIDGET (list), &bounds) &&
          bounds.origin.y >= view.origin.y - 0.5 &&
          bounds.origin.y + bounds.size.height <= view.origin.y + view.size.height + 0.5)
        return child;
    }
  return NULL;
}

static gboolean
list_at_top (gpointer user_data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (user_data);

  return gtk_adjustment_get_value (adjustment) < 0.5;
}

/* The message list opens at its top, or where its selected message is,
 * never where an earlier list was scrolled to. */
CARTABLE_TEST ("list-position", test_list_position)
{
  CartableWindow *window;
  CartableMainView *view;
  CartableTestPanes panes;
  GtkAdjustment *adjustment;
  GtkListBoxRow *inbox, *sent;
  g_autoptr(CartableMessageSummary) far = NULL;
  const char *account, *inbox_name, *sent_name;
  CartableTestShownMessage shown;

  add_account ();
  window = open_window ();
  g_assert_true (cartable_test_wait_for (page_shown, (gpointer) "main", 20000));
  view = find_panes (window, &panes);
  g_assert_true (cartable_test_wait_for (cartable_test_panes_inbox_listed, &panes, 60000));
  inbox = cartable_test_find_folder_row (panes.folders, "Boîte de réception");
  sent = cartable_test_find_folder_row (panes.folders, "Envoyés");
  g_assert_nonnull (sent);
  account = cartable_folder_row_get_account_id (CARTABLE_FOLDER_ROW (inbox));
  inbox_name = cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (inbox));
  sent_name = cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (sent));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (panes.messages));

  /* Scrolled to the end, another folder, back: the Inbox opens at its top. */
  cartable_test_iterate (500);
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  cartable_test_iterate (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.show-folder", "(ss)", account, sent_name));
  cartable_test_iterate (1500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.show-folder", "(ss)", account, inbox_name));
  g_assert_true (cartable_test_wait_for (cartable_test_panes_inbox_listed, &panes, 30000));
  cartable_test_iterate (1000);
  if (!list_at_top (panes.messages))
    {
      cartable_test_shot (GTK_WIDGET (window), "list-position-top-failed");
      g_error ("the Inbox opened scrolled to %.0f", gtk_adjustment_get_value (adjustment));
    }

  /* A message far down the list, opened from elsewhere (a notification):
   * its row is in sight. */
  far = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (panes.messages)),
                               g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (panes.messages))) - 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "mail.show-folder", "(ss)", account, sent_name));
  cartable_test_iterate (1500);
  cartable_main_view_show_message (view, account, inbox_name, cartable_message_summary_get_uid (far));
  shown.view = view;
  shown.uid = cartable_message_summary_get_uid (far);
  g_assert_true (cartable_test_wait_for (cartable_test_main_view_shows_uid, &shown, 30000));
  cartable_test_iterate (1000);
  if (visible_row (panes.messages, cartable_message_summary_get_uid (far)) == NULL)
    {
      cartable_test_shot (GTK_WIDGET (window), "list-position-selected-failed");
      g_error ("the selected message's row is not in sight (list scrolled to %.0f of %.0f)",
               gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment));
    }
}

CARTABLE_TEST ("simple", test_simple)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  CartableWindow *window;
  GtkListView *list;

  add_account ();
  window = open_window ();

  g_settings_set_string (cartable_application_get_settings (the_app), "interface-mode", "simple");
  if (!cartable_test_wait_for (page_shown, (gpointer) "simple", 10000))
    g_error ("the simple version did not show: page %s", cartable_window_get_visible_page (window));
  list = GTK_LIST_VIEW (cartable_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, "simple-list"));
  g_assert_nonnull (list);
  g_assert_true (cartable_test_wait_for (rows_listed, list, 30000));
  cartable_test_iterate (1000);

  /* The message the full version had open, read in the simple version;
   * then back to the list. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (list)))
    {
      GtkWidget *view = cartable_test_find_descendant (GTK_WIDGET (window), CARTABLE_TYPE_SIMPLE_VIEW, NULL);

      measure_in_every_look (GTK_WIDGET (window), "simple-message", failures);
      g_assert_true (gtk_widget_activate_action (view, "simple.back", NULL));
      cartable_test_iterate (1000);
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (list)))
    {
      g_autofree char *text = cartable_test_dup_text (GTK_WIDGET (window), CARTABLE_TEST_TEXT_PRUNE_HIDDEN |
                                                                            CARTABLE_TEST_TEXT_CHILD_VISIBLE);

      cartable_test_shot (GTK_WIDGET (window), "contrast-simple-failed");
      g_error ("the simple version's list is not shown; the window reads:\n%s", text);
    }
  scrolled_list = GTK_WIDGET (list);
  measure_in_every_look (GTK_WIDGET (window), "simple", failures);
  scrolled_list = NULL;

  g_settings_set_string (cartable_application_get_settings (the_app), "interface-mode", "full");
  cartable_test_iterate (500);
  assert_no_failure (failures);
}

CARTABLE_TEST ("preferences", test_preferences)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  GtkWindow *preferences;

  add_account ();
  open_window ();
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "preferences", NULL);
  preferences = cartable_test_wait_for_window (CARTABLE_TYPE_PREFERENCES_WINDOW, 10000);
  g_assert_nonnull (preferences);
  cartable_test_iterate (500);
  measure_in_every_look (GTK_WIDGET (preferences), "preferences", failures);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "accounts");
  cartable_test_iterate (500);
  measure_in_every_look (GTK_WIDGET (preferences), "preferences-accounts", failures);
  gtk_window_destroy (preferences);

  assert_no_failure (failures);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) profile = NULL;
  g_autoptr(GError) error = NULL;

  cartable_test_ui_init_academy (&argc, &argv, USER, 80);
  /* A few unread messages, for the Inbox's count. */
  g_free (cartable_test_academy_imap (USER, "m.select('INBOX')\n"
                                            "typ, data = m.store('1:5', '-FLAGS', '\\\\Seen')\n"
                                            "assert typ == 'OK', data\n"));
  a11y_settings = g_settings_new ("org.gnome.desktop.a11y.interface");
  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &normal_dpi, NULL);
  if (normal_dpi <= 0)
    normal_dpi = 96 * 1024;

  the_app = cartable_application_new ();
  profile = g_file_new_for_path (cartable_test_academy_get_profile ());
  cartable_application_set_academy_profile (the_app, profile);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

  return cartable_test_academy_finish (&the_app, cartable_test_run ());
}

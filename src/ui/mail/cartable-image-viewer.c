/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-image-viewer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cartable-image-viewer.h"
#include "cartable-zoom-picture.h"

/*
 * A message's images, one at a time, in a window of their own: fitted to
 * the window, or zoomed (25 % to 800 %); previous and next among the
 * message's images; saved through the attachment list ("save" signal),
 * which owns the attachments and the safe names.
 */

typedef struct
{
  GBytes *data;   /* decoded when shown: one full-size image in memory */
  char   *name;
  guint   id;
} Image;

struct _CartableImageViewer
{
  AdwWindow            parent_instance;

  GArray              *images;
  guint                index;

  AdwWindowTitle      *title;
  GtkScrolledWindow   *scroller;
  CartableZoomPicture *picture;
  GtkButton           *zoom_button;
  GtkWidget           *previous_button;
  GtkWidget           *next_button;
};

enum {
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CartableImageViewer, cartable_image_viewer, ADW_TYPE_WINDOW)

static const double zoom_steps[] = { 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0 };

double
cartable_image_viewer_step_zoom (double scale,
                                 int    direction)
{
  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
        if (zoom_steps[i] > scale + 0.001)
          return zoom_steps[i];
      return zoom_steps[G_N_ELEMENTS (zoom_steps) - 1];
    }
  for (guint i = G_N_ELEMENTS (zoom_steps); i-- > 0;)
    if (zoom_steps[i] < scale - 0.001)
      return zoom_steps[i];
  return zoom_steps[0];
}

static void
clear_image (Image *image)
{
  g_clear_pointer (&image->data, g_bytes_unref);
  g_clear_pointer (&image->name, g_free);
}

static void
update_zoom_label (CartableImageViewer *self)
{
  double scale = cartable_zoom_picture_get_scale (self->picture);
  /* Translators: the zoom of an image, "150 %". */
  g_autofree char *label = g_strdup_printf (_("%d %%"), (int) round (scale * 100));
  g_autofree char *accessible = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in",
                                 scale < zoom_steps[G_N_ELEMENTS (zoom_steps) - 1] - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", scale > zoom_steps[0] + 0.001);
  if (g_strcmp0 (gtk_button_get_label (self->zoom_button), label) == 0)
    return;
  gtk_button_set_label (self->zoom_button, label);
  /* Translators: the zoom button's spoken name, "Zoom 150 %, fit to the window". */
  accessible = g_strdup_printf (_("Zoom %s, fit to the window"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
set_zoom (CartableImageViewer *self,
          double               zoom)
{
  GtkPolicyType policy = zoom > 0 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER;

  /* Fitted, the picture is given the window's space; zoomed, it scrolls. */
  gtk_scrolled_window_set_policy (self->scroller, policy, policy);
  cartable_zoom_picture_set_zoom (self->picture, zoom);
  update_zoom_label (self);
}

static void
show_current (CartableImageViewer *self)
{
  Image *image;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *position = NULL;
  g_autofree char *description = NULL;

  if (self->images->len == 0)
    return;
  image = &g_array_index (self->images, Image, self->index);
  /* The attachment list showed a preview, so the format was checked and
   * the size is bounded; decoding takes a fraction of a second. */
  texture = gdk_texture_new_from_bytes (image->data, &error);
  if (texture == NULL)
    {
      g_debug ("Cannot show %s: %s", image->name, error->message);
      return;
    }

  cartable_zoom_picture_set_texture (self->picture, texture);
  adw_window_title_set_title (self->title, image->name);
  /* Translators: which image of the message, "2 sur 3". */
  position = g_strdup_printf (_("%u of %u"), self->index + 1, self->images->len);
  adw_window_title_set_subtitle (self->title, self->images->len > 1 ? position : NULL);
  gtk_window_set_title (GTK_WINDOW (self), image->name);
  /* Translators: an image's spoken description, "photo.png, 1024 × 768 pixels". */
  description = g_strdup_printf (_("%s, %d × %d pixels"), image->name,
                                 gdk_texture_get_width (texture), gdk_texture_get_height (texture));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  /* At the first or last image, the button just used is disabled: the
   * focus goes to the other one rather than nowhere. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
    gboolean on_arrows = focus == self->previous_button || focus == self->next_button;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->index > 0);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < self->images->len);
    if (on_arrows && !gtk_widget_is_sensitive (focus))
      gtk_widget_grab_focus (gtk_widget_is_sensitive (self->next_button) ? self->next_button
                             : gtk_widget_is_sensitive (self->previous_button) ? self->previous_button
                             : GTK_WIDGET (self->zoom_button));
  }
  /* Each image opens fitted. */
  set_zoom (self, 0);
}

/* ------------------------------------------------------------ actions */

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CartableImageViewer *self = CARTABLE_IMAGE_VIEWER (widget);

  if (g_str_equal (action_name, "viewer.next") && self->index + 1 < self->images->len)
    cartable_image_viewer_show_image (self, self->index + 1);
  else if (g_str_equal (action_name, "viewer.previous") && self->index > 0)
    cartable_image_viewer_show_image (self, self->index - 1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableImageViewer *self = CARTABLE_IMAGE_VIEWER (widget);
  double scale = cartable_zoom_picture_get_scale (self->picture);

  if (g_str_equal (action_name, "viewer.zoom-fit"))
    set_zoom (self, 0);
  else if (g_str_equal (action_name, "viewer.zoom-original"))
    set_zoom (self, 1.0);
  else
    set_zoom (self, cartable_image_viewer_step_zoom (scale, g_str_equal (action_name, "viewer.zoom-in") ? 1 : -1));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableImageViewer *self = CARTABLE_IMAGE_VIEWER (widget);

  if (self->images->len > 0)
    g_signal_emit (self, signals[SAVE], 0, g_array_index (self->images, Image, self->index).id);
}

/* ------------------------------------------------------------ object */

static void
picture_resized_cb (GObject             *picture,
                    GParamSpec          *pspec,
                    CartableImageViewer *self)
{
  update_zoom_label (self);
}

/* Fitted, the scale shown follows the window's size: checked each frame,
 * after layout (changing the label while allocating would lay out again). */
static gboolean
follow_scale_cb (GtkWidget     *picture,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  update_zoom_label (CARTABLE_IMAGE_VIEWER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
cartable_image_viewer_finalize (GObject *object)
{
  CartableImageViewer *self = CARTABLE_IMAGE_VIEWER (object);

  g_array_unref (self->images);

  G_OBJECT_CLASS (cartable_image_viewer_parent_class)->finalize (object);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *action,
              GdkModifierType        modifiers,
              guint                  first_key,
              ...)
{
  va_list keys;

  va_start (keys, first_key);
  for (guint key = first_key; key != 0; key = va_arg (keys, guint))
    gtk_shortcut_controller_add_shortcut (controller,
                                          gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                            gtk_named_action_new (action)));
  va_end (keys);
}

/* Before the scrolled window, which would take the arrows and Page keys
 * to scroll. */
static void
add_shortcuts (CartableImageViewer *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (shortcuts, "viewer.previous", 0, GDK_KEY_Left, GDK_KEY_Page_Up, GDK_KEY_BackSpace, 0);
  add_shortcut (shortcuts, "viewer.next", 0, GDK_KEY_Right, GDK_KEY_Page_Down, 0);
  add_shortcut (shortcuts, "viewer.zoom-in", 0, GDK_KEY_plus, GDK_KEY_equal, GDK_KEY_KP_Add, 0);
  add_shortcut (shortcuts, "viewer.zoom-in", GDK_CONTROL_MASK, GDK_KEY_plus, GDK_KEY_equal, GDK_KEY_KP_Add, 0);
  add_shortcut (shortcuts, "viewer.zoom-out", 0, GDK_KEY_minus, GDK_KEY_KP_Subtract, 0);
  add_shortcut (shortcuts, "viewer.zoom-out", GDK_CONTROL_MASK, GDK_KEY_minus, GDK_KEY_KP_Subtract, 0);
  add_shortcut (shortcuts, "viewer.zoom-fit", 0, GDK_KEY_0, GDK_KEY_KP_0, 0);
  add_shortcut (shortcuts, "viewer.zoom-fit", GDK_CONTROL_MASK, GDK_KEY_0, GDK_KEY_KP_0, 0);
  add_shortcut (shortcuts, "viewer.zoom-original", 0, GDK_KEY_1, GDK_KEY_KP_1, 0);
  add_shortcut (shortcuts, "viewer.save", GDK_CONTROL_MASK, GDK_KEY_s, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
cartable_image_viewer_class_init (CartableImageViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cartable_image_viewer_finalize;

  /**
   * CartableImageViewer::save:
   * @id: the id the image was added with
   *
   * The user asked to save the image shown.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (CARTABLE_TYPE_ZOOM_PICTURE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-image-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableImageViewer, title);
  gtk_widget_class_bind_template_child (widget_class, CartableImageViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, CartableImageViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, CartableImageViewer, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, CartableImageViewer, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CartableImageViewer, next_button);

  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
cartable_image_viewer_init (CartableImageViewer *self)
{
  self->images = g_array_new (FALSE, TRUE, sizeof (Image));
  g_array_set_clear_func (self->images, (GDestroyNotify) clear_image);
  gtk_widget_init_template (GTK_WIDGET (self));
  add_shortcuts (self);
  g_signal_connect_object (self->picture, "notify::zoom", G_CALLBACK (picture_resized_cb), self, 0);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->picture), follow_scale_cb, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", FALSE);
}

CartableImageViewer *
cartable_image_viewer_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CARTABLE_TYPE_IMAGE_VIEWER,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

/**
 * cartable_image_viewer_add_image:
 * @data: the image file's bytes, of a format and size already checked
 * @id: what the "save" signal gives back for this image
 */
void
cartable_image_viewer_add_image (CartableImageViewer *self,
                                 GBytes              *data,
                                 const char          *name,
                                 guint                id)
{
  Image image = { NULL, NULL, id };

  g_return_if_fail (CARTABLE_IS_IMAGE_VIEWER (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (name != NULL);

  image.data = g_bytes_ref (data);
  image.name = g_strdup (name);
  g_array_append_val (self->images, image);
  if (self->images->len == 1)
    show_current (self);
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < self->images->len);
}

void
cartable_image_viewer_show_image (CartableImageViewer *self,
                                  guint                index)
{
  g_return_if_fail (CARTABLE_IS_IMAGE_VIEWER (self));
  g_return_if_fail (index < self->images->len);

  self->index = index;
  show_current (self);
}

guint
cartable_image_viewer_get_index (CartableImageViewer *self)
{
  g_return_val_if_fail (CARTABLE_IS_IMAGE_VIEWER (self), 0);
  return self->index;
}

/**
 * cartable_image_viewer_get_zoom:
 *
 * Returns: the scale the image is shown at now (fitted or zoomed)
 */
double
cartable_image_viewer_get_zoom (CartableImageViewer *self)
{
  g_return_val_if_fail (CARTABLE_IS_IMAGE_VIEWER (self), 1.0);
  return cartable_zoom_picture_get_scale (self->picture);
}

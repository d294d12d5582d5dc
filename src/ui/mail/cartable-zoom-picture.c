/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-zoom-picture"

#include "config.h"

#include "cartable-zoom-picture.h"

/*
 * An image at a chosen zoom, or fitted to the space it is given (zoom 0).
 * GtkPicture only shrinks or fits; a viewer also needs "exactly 200 %",
 * larger than the window, inside a scrolled window.
 */

struct _CartableZoomPicture
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  double      zoom;   /* 0: fit */
};

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CartableZoomPicture, cartable_zoom_picture, GTK_TYPE_WIDGET)

static void
cartable_zoom_picture_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  CartableZoomPicture *self = CARTABLE_ZOOM_PICTURE (widget);
  int size = 0;

  if (self->texture != NULL)
    size = orientation == GTK_ORIENTATION_HORIZONTAL ? gdk_texture_get_width (self->texture)
                                                      : gdk_texture_get_height (self->texture);
  /* Fitted, it takes what it is given; zoomed, exactly its size. */
  *minimum = self->zoom > 0 ? (int) (size * self->zoom + 0.5) : 0;
  *natural = self->zoom > 0 ? *minimum : size;
}

/* The scale the image is drawn at in @width × @height. */
static double
scale_for (CartableZoomPicture *self,
           int                  width,
           int                  height)
{
  int texture_width, texture_height;

  if (self->texture == NULL)
    return 1.0;
  if (self->zoom > 0)
    return self->zoom;
  texture_width = gdk_texture_get_width (self->texture);
  texture_height = gdk_texture_get_height (self->texture);
  /* Fitted: smaller if it must, never blown up past its own size. */
  return MIN (1.0, MIN ((double) width / texture_width, (double) height / texture_height));
}

static void
cartable_zoom_picture_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  CartableZoomPicture *self = CARTABLE_ZOOM_PICTURE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale, drawn_width, drawn_height;

  if (self->texture == NULL)
    return;
  scale = scale_for (self, width, height);
  drawn_width = gdk_texture_get_width (self->texture) * scale;
  drawn_height = gdk_texture_get_height (self->texture) * scale;
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((width - drawn_width) / 2, (height - drawn_height) / 2,
                                                    drawn_width, drawn_height));
}

static void
cartable_zoom_picture_dispose (GObject *object)
{
  CartableZoomPicture *self = CARTABLE_ZOOM_PICTURE (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (cartable_zoom_picture_parent_class)->dispose (object);
}

static void
cartable_zoom_picture_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CartableZoomPicture *self = CARTABLE_ZOOM_PICTURE (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_zoom_picture_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CartableZoomPicture *self = CARTABLE_ZOOM_PICTURE (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      cartable_zoom_picture_set_texture (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      cartable_zoom_picture_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_zoom_picture_class_init (CartableZoomPictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_zoom_picture_dispose;
  object_class->get_property = cartable_zoom_picture_get_property;
  object_class->set_property = cartable_zoom_picture_set_property;
  widget_class->measure = cartable_zoom_picture_measure;
  widget_class->snapshot = cartable_zoom_picture_snapshot;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.0, 16.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cartable_zoom_picture_init (CartableZoomPicture *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
cartable_zoom_picture_new (void)
{
  return g_object_new (CARTABLE_TYPE_ZOOM_PICTURE, NULL);
}

void
cartable_zoom_picture_set_texture (CartableZoomPicture *self,
                                   GdkTexture          *texture)
{
  g_return_if_fail (CARTABLE_IS_ZOOM_PICTURE (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (!g_set_object (&self->texture, texture))
    return;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

GdkTexture *
cartable_zoom_picture_get_texture (CartableZoomPicture *self)
{
  g_return_val_if_fail (CARTABLE_IS_ZOOM_PICTURE (self), NULL);
  return self->texture;
}

/**
 * cartable_zoom_picture_set_zoom:
 * @zoom: 1.0 for the image's own size, 0 to fit it in the space given
 */
void
cartable_zoom_picture_set_zoom (CartableZoomPicture *self,
                                double               zoom)
{
  g_return_if_fail (CARTABLE_IS_ZOOM_PICTURE (self));
  g_return_if_fail (zoom >= 0);

  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
cartable_zoom_picture_get_zoom (CartableZoomPicture *self)
{
  g_return_val_if_fail (CARTABLE_IS_ZOOM_PICTURE (self), 0);
  return self->zoom;
}

/**
 * cartable_zoom_picture_get_scale:
 *
 * Returns: the scale the image is drawn at now, fitted or zoomed
 */
double
cartable_zoom_picture_get_scale (CartableZoomPicture *self)
{
  g_return_val_if_fail (CARTABLE_IS_ZOOM_PICTURE (self), 1.0);
  return scale_for (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

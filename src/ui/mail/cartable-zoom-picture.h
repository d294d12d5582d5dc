/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_ZOOM_PICTURE (cartable_zoom_picture_get_type ())
G_DECLARE_FINAL_TYPE (CartableZoomPicture, cartable_zoom_picture, CARTABLE, ZOOM_PICTURE, GtkWidget)

GtkWidget  *cartable_zoom_picture_new         (void);
void        cartable_zoom_picture_set_texture (CartableZoomPicture *self,
                                               GdkTexture          *texture);
GdkTexture *cartable_zoom_picture_get_texture (CartableZoomPicture *self);
void        cartable_zoom_picture_set_zoom    (CartableZoomPicture *self,
                                               double               zoom);
double      cartable_zoom_picture_get_zoom    (CartableZoomPicture *self);
double      cartable_zoom_picture_get_scale   (CartableZoomPicture *self);

G_END_DECLS

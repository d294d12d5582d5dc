/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_IMAGE_VIEWER (cartable_image_viewer_get_type ())
G_DECLARE_FINAL_TYPE (CartableImageViewer, cartable_image_viewer, CARTABLE, IMAGE_VIEWER, AdwWindow)

CartableImageViewer *cartable_image_viewer_new        (GtkWindow           *parent);
void                 cartable_image_viewer_add_image  (CartableImageViewer *self,
                                                       GBytes              *data,
                                                       const char          *name,
                                                       guint                id);
void                 cartable_image_viewer_show_image (CartableImageViewer *self,
                                                       guint                index);
guint                cartable_image_viewer_get_index  (CartableImageViewer *self);
double               cartable_image_viewer_get_zoom   (CartableImageViewer *self);

/* The zoom one step in (@direction > 0) or out from @scale: 25 % … 800 %. */
double               cartable_image_viewer_step_zoom  (double               scale,
                                                       int                  direction);

G_END_DECLS

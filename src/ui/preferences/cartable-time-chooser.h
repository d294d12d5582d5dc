/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_TIME_CHOOSER (cartable_time_chooser_get_type ())

/* A time of day ("07:30") typed or stepped by a quarter of an hour, kept as
 * minutes since midnight (the form GSettings stores). */
G_DECLARE_FINAL_TYPE (CartableTimeChooser, cartable_time_chooser, CARTABLE, TIME_CHOOSER, AdwBin)

GtkWidget *cartable_time_chooser_new         (void);
int        cartable_time_chooser_get_minutes (CartableTimeChooser *self);
void       cartable_time_chooser_set_minutes (CartableTimeChooser *self,
                                              int                  minutes);
/* The accessible name of the chooser ("Début"…). */
void       cartable_time_chooser_set_title   (CartableTimeChooser *self,
                                              const char          *title);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * The regions of a window for the keyboard: F6 and Shift+F6 go from one
 * region (a header bar, the folders, the message list, the message) to the
 * next; Tab and Shift+Tab pass over a long list or a message body as one
 * stop, arrows move inside it; Ctrl+Tab and Ctrl+Shift+Tab leave any
 * widget, a text body included (where Tab types a tab).
 */
typedef enum
{
  /* F6 and Shift+F6 land here. */
  CARTABLE_REGION_STOP     = 1 << 0,
  /* Tab and Shift+Tab pass over it: arrows move inside. */
  CARTABLE_REGION_ONE_STOP = 1 << 1,
} CartableRegionFlags;

void     cartable_region_mark        (GtkWidget           *widget,
                                      CartableRegionFlags  flags);
CartableRegionFlags cartable_region_get_flags (GtkWidget  *widget);
/* Gives @window the keys above, before its widgets see them. */
void     cartable_regions_install    (GtkWindow           *window);
/* F6 (@forward) or Shift+F6: the focus into the next region on screen,
 * where it last was in it or on its first control. FALSE when there is no
 * other region to go to. */
gboolean cartable_regions_cycle      (GtkWindow           *window,
                                      gboolean             forward);
/* The focus out of @widget, to the next control after it (or before it)
 * in the window's Tab order; FALSE, the focus left where it was, when
 * there is none. */
gboolean cartable_regions_leave      (GtkWindow           *window,
                                      GtkWidget           *widget,
                                      GtkDirectionType     direction);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-row-watch"

#include "config.h"

#include "cartable-row-watch.h"

#define WATCH_KEY "cartable-row-watch"

typedef struct
{
  GtkListItem            *item;      /* unowned: the watch lives on it */
  GObject                *summary;
  gulong                  seen_handler;
  gulong                  flagged_handler;
  CartableRowRefreshFunc  refresh;
  gpointer                user_data;
} RowWatch;

static void
row_watch_free (gpointer data)
{
  RowWatch *watch = data;

  g_clear_signal_handler (&watch->seen_handler, watch->summary);
  g_clear_signal_handler (&watch->flagged_handler, watch->summary);
  g_clear_object (&watch->summary);
  g_free (watch);
}

static void
summary_notify_cb (GObject    *summary,
                   GParamSpec *pspec,
                   RowWatch   *watch)
{
  watch->refresh (watch->item, watch->user_data);
}

void
cartable_row_watch (GtkListItem            *item,
                    CartableRowRefreshFunc  refresh,
                    gpointer                user_data)
{
  RowWatch *watch;

  g_return_if_fail (GTK_IS_LIST_ITEM (item));
  g_return_if_fail (refresh != NULL);

  if (gtk_list_item_get_item (item) == NULL)
    return;

  watch = g_new0 (RowWatch, 1);
  watch->item = item;
  watch->summary = g_object_ref (gtk_list_item_get_item (item));
  watch->refresh = refresh;
  watch->user_data = user_data;
  watch->seen_handler = g_signal_connect (watch->summary, "notify::seen", G_CALLBACK (summary_notify_cb), watch);
  watch->flagged_handler = g_signal_connect (watch->summary, "notify::flagged", G_CALLBACK (summary_notify_cb), watch);

  /* Replaces (and frees) any watch of a previous binding. */
  g_object_set_data_full (G_OBJECT (item), WATCH_KEY, watch, row_watch_free);
}

void
cartable_row_unwatch (GtkListItem *item)
{
  g_return_if_fail (GTK_IS_LIST_ITEM (item));

  g_object_set_data (G_OBJECT (item), WATCH_KEY, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Running without a window and starting with the session. Sandboxed, the
 * XDG background portal grants both (and writes the autostart entry
 * itself); otherwise Cartable writes or removes its own XDG autostart file.
 */

/* The command line Cartable is started with at login. */
#define CARTABLE_BACKGROUND_OPTION "--background"

/* Whether the background portal is what decides (a sandbox, and libportal
 * built in). */
gboolean  cartable_background_uses_portal       (void);
/* Where the autostart file of this application lives:
 * $XDG_CONFIG_HOME/autostart/<application id>.desktop. */
char     *cartable_background_autostart_path    (void);
/* The text of that file, starting @program with CARTABLE_BACKGROUND_OPTION. */
char     *cartable_background_autostart_entry   (const char    *program);

/* Asks to keep running without a window and, with @autostart, to start
 * with the session; without @autostart, what started it at login is
 * removed. @parent (nullable) is the window a portal dialog belongs to. */
void      cartable_background_request_async     (GtkWindow          *parent,
                                                 gboolean            autostart,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean  cartable_background_request_finish    (GAsyncResult       *result,
                                                 GError            **error);

G_END_DECLS

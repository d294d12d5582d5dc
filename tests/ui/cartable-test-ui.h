/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*CartableTestCondition) (gpointer user_data);

void       cartable_test_ui_init             (int                    *argc,
                                              char                 ***argv);
void       cartable_test_iterate             (guint                   milliseconds);
gboolean   cartable_test_wait_for            (CartableTestCondition   condition,
                                              gpointer                user_data,
                                              guint                   timeout_ms);
GtkWindow *cartable_test_find_window         (GType                   type);
GtkWidget *cartable_test_find_descendant     (GtkWidget              *root,
                                              GType                   type,
                                              const char             *css_name_or_null);
void       cartable_test_save_screenshot     (GtkWidget              *widget,
                                              const char             *name);
void       cartable_test_save_display_screenshot (const char         *name);
/* Runs the first shortcut bound to @keyval with @modifiers from the focus
 * up to @window, as GTK's key dispatch does; FALSE if nothing handles it. */
gboolean   cartable_test_dispatch_key        (GtkWindow              *window,
                                              guint                   keyval,
                                              GdkModifierType         modifiers);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-link-opener"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cartable-link-opener.h"
#include "cartable-mail-display.h"

static void
link_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "open") == 0)
    gtk_show_uri (parent, g_object_get_data (G_OBJECT (dialog), "uri"), GDK_CURRENT_TIME);
}

/**
 * cartable_link_opener_open:
 * @from: the widget showing the message
 * @uri: the link's real target
 * @label: (nullable): the link's text
 *
 * What every message view does with a clicked link: it opens in the
 * browser, after showing its real target when its text claims another one.
 */
void
cartable_link_opener_open (GtkWidget  *from,
                           const char *uri,
                           const char *label)
{
  GtkRoot *root = gtk_widget_get_root (from);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (uri != NULL);

  if (!GTK_IS_WINDOW (root))
    return;

  if (!cartable_mail_display_link_misleads (uri, label))
    {
      gtk_show_uri (GTK_WINDOW (root), uri, GDK_CURRENT_TIME);
      return;
    }

  body = g_strdup_printf (_("The link reads:\n%s\n\nbut leads to:\n%s\n\n"
                            "Open it only if you trust this address."), label, uri);
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Open This Link?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Link"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "uri", g_strdup (uri), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (link_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

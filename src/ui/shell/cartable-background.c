/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-background"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#if HAVE_LIBPORTAL
#include <libportal/portal.h>
#include <libportal-gtk4/portal-gtk4.h>
#endif

#include "cartable-background.h"

gboolean
cartable_background_uses_portal (void)
{
#if HAVE_LIBPORTAL
  return xdp_portal_running_under_sandbox ();
#else
  return FALSE;
#endif
}

char *
cartable_background_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

char *
cartable_background_autostart_entry (const char *program)
{
  g_return_val_if_fail (program != NULL, NULL);

  /* No window at login: Cartable only sends what is due and announces new
   * mail until the user opens it. */
  return g_strdup_printf ("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Cartable\n"
                          "Comment=Sends scheduled mail and announces new mail\n"
                          "Exec=%s " CARTABLE_BACKGROUND_OPTION "\n"
                          "Icon=" APPLICATION_ID "\n"
                          "Terminal=false\n"
                          "NoDisplay=true\n"
                          "X-GNOME-Autostart-enabled=true\n",
                          program);
}

static void
file_replaced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
file_deleted_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* Nothing to remove is what was wanted. */
  if (!g_file_delete_finish (G_FILE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_task_return_error (task, error);
  else
    {
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
    }
}

static void
update_autostart_file (GTask    *task,
                       gboolean  autostart)
{
  g_autofree char *path = cartable_background_autostart_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = NULL;
  GBytes *contents;

  if (!autostart)
    {
      g_file_delete_async (file, G_PRIORITY_DEFAULT, g_task_get_cancellable (task), file_deleted_cb,
                           g_object_ref (task));
      return;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return;
    }

  {
    char *entry = cartable_background_autostart_entry (BINDIR "/cartable");

    contents = g_bytes_new_take (entry, strlen (entry));
  }
  g_file_replace_contents_bytes_async (file, contents, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), file_replaced_cb,
                                       g_object_ref (task));
  g_bytes_unref (contents);
}

#if HAVE_LIBPORTAL
static void
portal_answered_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
ask_portal (GTask     *task,
            GtkWindow *parent,
            gboolean   autostart)
{
  g_autoptr(XdpPortal) portal = xdp_portal_new ();
  g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);
  XdpParent *xdp_parent = parent != NULL ? xdp_parent_new_gtk (parent) : NULL;
  g_autofree char *reason = g_strdup (_("Send scheduled messages and announce new mail while the window is closed"));

  g_ptr_array_add (command, g_strdup ("cartable"));
  g_ptr_array_add (command, g_strdup (CARTABLE_BACKGROUND_OPTION));
  g_task_set_task_data (task, g_object_ref (portal), g_object_unref);
  xdp_portal_request_background (portal, xdp_parent, reason, command,
                                 autostart ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 g_task_get_cancellable (task), portal_answered_cb, g_object_ref (task));
  g_clear_pointer (&xdp_parent, xdp_parent_free);
}
#endif

void
cartable_background_request_async (GtkWindow          *parent,
                                   gboolean            autostart,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cartable_background_request_async);

#if HAVE_LIBPORTAL
  if (cartable_background_uses_portal ())
    {
      ask_portal (task, parent, autostart);
      return;
    }
#endif
  update_autostart_file (task, autostart);
}

gboolean
cartable_background_request_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cartable_background_request_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-attachment-list"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "shell/cartable-toast.h"
#include "cartable-attachment-list.h"
#include "cartable-attachment-kind.h"
#include "cartable-image-viewer.h"
#include "core/cartable-paths.h"
#include "mail/cartable-audio-duration.h"

/*
 * The attachments of one message, one row each: an icon, the name, the size,
 * « Enregistrer » and « Ouvrir »; a preview under an image, a player under
 * a recording. Every command is an action taking the attachment's position
 * in the message, so the keyboard, the buttons and tests reach the same code.
 */

/* Previews are decoded only under these bounds (a small file can announce
 * a huge picture), and shown at most this large. */
#define MAX_PREVIEW_BYTES   (40 * 1024 * 1024)
#define MAX_PREVIEW_PIXELS  (24 * 1000 * 1000)
#define MAX_PREVIEW_SIDE    12000
#define MAX_KEPT_SIDE       800
#define SHOWN_WIDTH         240
#define SHOWN_HEIGHT        160

typedef struct
{
  CartableAttachmentList *self;        /* unowned: the list owns the item */
  CartableAttachment     *attachment;
  guint                   position;
  CartableAttachmentKind  kind;
  GtkPicture             *preview;
  GtkWidget              *preview_button; /* opens the viewer */
  GdkTexture             *texture;
  /* A recording. */
  GtkButton              *play_button;
  GtkScale               *scale;
  GtkLabel               *time_label;
  GtkLabel               *problem_label;
  const char             *problem;      /* why it was not played, if refused */
  GtkMediaStream         *stream;
  GFile                  *media_file;
  GFile                  *media_dir;
  gboolean                preparing;
  gint64                  known_duration; /* read from its headers, 0 if unknown */
} Item;

struct _CartableAttachmentList
{
  AdwBin           parent_instance;

  CartableMessage *message;
  GPtrArray       *items;
  GCancellable    *cancellable;
  guint            generation;

  GtkListBox      *list_box;
};

G_DEFINE_FINAL_TYPE (CartableAttachmentList, cartable_attachment_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_N_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ helpers */

static void
show_toast (CartableAttachmentList *self,
            const char             *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    cartable_toast_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_message ("%s", text);
}

#define PRIVATE_DIR_LIFETIME (24 * 3600)

/* Copies left by an earlier run (a file another program opened, a player
 * that never stopped): removed after a day. Only plain files inside the
 * folders this list makes are touched. */
static void
prune_private_dirs (const char *parent)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (parent, name, NULL);
      g_autoptr(GDir) inner = NULL;
      const char *file;
      GStatBuf st;

      if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode) || now - st.st_mtime < PRIVATE_DIR_LIFETIME)
        continue;

      inner = g_dir_open (path, 0, NULL);
      while (inner != NULL && (file = g_dir_read_name (inner)) != NULL)
        {
          g_autofree char *file_path = g_build_filename (path, file, NULL);

          if (g_lstat (file_path, &st) == 0 && !S_ISDIR (st.st_mode))
            g_unlink (file_path);
        }
      g_rmdir (path);
    }
}

/* A new private folder (0700) inside Cartable's cache, for a file that
 * another program or the media player reads. */
static GFile *
make_private_dir (const char  *purpose,
                  GError     **error)
{
  g_autofree char *cache = cartable_paths_get_cache_dir ();
  g_autofree char *parent = g_build_filename (cache, purpose, NULL);
  g_autofree char *template = g_build_filename (parent, "XXXXXX", NULL);

  prune_private_dirs (parent);
  if (g_mkdir_with_parents (parent, 0700) != 0 || g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s", g_strerror (saved));
      return NULL;
    }

  return g_file_new_for_path (template);
}

/* The copy another program or the player reads is read-only: an editor
 * then says so instead of saving changes into a folder that is emptied, and
 * no execute bit is ever set, whatever the attachment is. */
static void
make_read_only (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL && g_chmod (path, 0400) != 0)
    g_debug ("Could not make %s read-only: %s", path, g_strerror (errno));
}

static void
delete_file_and_dir (GFile *file,
                     GFile *dir)
{
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      g_unlink (path);
    }
  if (dir != NULL)
    {
      g_autofree char *path = g_file_get_path (dir);
      g_rmdir (path);
    }
}

static Item *
find_item (CartableAttachmentList *self,
           guint                   position)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->position == position)
        return item;
    }

  return NULL;
}

static void
stop_stream (Item *item)
{
  if (item->stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (item->stream, item);
      gtk_media_stream_pause (item->stream);
      g_clear_object (&item->stream);
    }
  delete_file_and_dir (item->media_file, item->media_dir);
  g_clear_object (&item->media_file);
  g_clear_object (&item->media_dir);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  stop_stream (item);
  g_clear_object (&item->texture);
  g_clear_object (&item->attachment);
  g_free (item);
}

/* ------------------------------------------------------------ preview */

typedef struct
{
  CartableAttachmentList *self;
  guint                   generation;
  guint                   position;
  GFile                  *dir;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_object_unref (pending->self);
  g_clear_object (&pending->dir);
  g_free (pending);
}

static Pending *
pending_new (CartableAttachmentList *self,
             guint                   position)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->generation = self->generation;
  pending->position = position;
  return pending;
}

/* The item this answer is for, unless the list shows another message now. */
static Item *
pending_item (Pending *pending)
{
  if (pending->generation != pending->self->generation)
    return NULL;
  return find_item (pending->self, pending->position);
}

/* Big pictures are kept scaled down: the preview is small. */
static GdkTexture *
shrink_texture (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  double scale = MIN ((double) MAX_KEPT_SIDE / width, (double) MAX_KEPT_SIDE / height);
  int new_width = MAX (1, (int) (width * scale));
  int new_height = MAX (1, (int) (height * scale));
  g_autofree guchar *pixels = NULL;
  cairo_surface_t *source;
  cairo_surface_t *target;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *result;
  gsize stride = (gsize) width * 4;

  if (scale >= 1.0)
    return g_object_ref (texture);

  pixels = g_malloc ((gsize) height * stride);
  gdk_texture_download (texture, pixels, stride);
  source = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, width, height, stride);
  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, new_width, new_height);
  cr = cairo_create (target);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);

  bytes = g_bytes_new (cairo_image_surface_get_data (target),
                       (gsize) cairo_image_surface_get_stride (target) * new_height);
  result = gdk_memory_texture_new (new_width, new_height, GDK_MEMORY_DEFAULT, bytes,
                                   cairo_image_surface_get_stride (target));
  g_bytes_unref (bytes);
  cairo_surface_destroy (target);
  cairo_surface_destroy (source);

  return result;
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GBytes *data = task_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  /* gdk_texture_new_from_bytes() is thread-safe; the format was checked
   * from the header first, so no loader for any other format (SVG…) runs. */
  texture = gdk_texture_new_from_bytes (data, &error);
  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, shrink_texture (texture), g_object_unref);
}

static void
preview_decoded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Item *item;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  item = pending_item (pending);
  if (item != NULL && texture != NULL)
    {
      int width = gdk_texture_get_width (texture);
      int height = gdk_texture_get_height (texture);
      double scale = MIN (1.0, MIN ((double) SHOWN_WIDTH / width, (double) SHOWN_HEIGHT / height));

      g_set_object (&item->texture, texture);
      gtk_picture_set_paintable (item->preview, GDK_PAINTABLE (texture));
      gtk_widget_set_size_request (GTK_WIDGET (item->preview),
                                   MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
      gtk_widget_set_visible (item->preview_button, TRUE);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No preview: %s", error->message);

  pending_free (pending);
}

static void
start_preview (CartableAttachmentList *self,
               Item                   *item)
{
  GBytes *data = cartable_attachment_get_data (item->attachment);
  g_autoptr(GTask) task = NULL;
  const guint8 *bytes;
  gsize length = 0;
  guint width = 0, height = 0;

  if (data == NULL)
    return;
  bytes = g_bytes_get_data (data, &length);
  if (length > MAX_PREVIEW_BYTES ||
      cartable_attachment_kind_sniff_image (bytes, length, &width, &height) == NULL ||
      width > MAX_PREVIEW_SIDE || height > MAX_PREVIEW_SIDE ||
      (guint64) width * height > MAX_PREVIEW_PIXELS)
    return;

  task = g_task_new (NULL, self->cancellable, preview_decoded_cb, pending_new (self, item->position));
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, decode_thread);
}

/* ------------------------------------------------------------ player */

static void
update_player (Item *item)
{
  const char *name = cartable_attachment_get_safe_filename (item->attachment);
  GtkMediaStream *stream = item->stream;
  gboolean playing = stream != NULL && gtk_media_stream_get_playing (stream);
  g_autofree char *label = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *total = NULL;
  g_autofree char *time = NULL;
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (item->scale));
  gint64 duration = stream != NULL && gtk_media_stream_get_duration (stream) > 0
                    ? gtk_media_stream_get_duration (stream)
                    : item->known_duration;
  gint64 timestamp = stream != NULL ? gtk_media_stream_get_timestamp (stream) : 0;

  gtk_button_set_icon_name (item->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  label = playing ? g_strdup_printf (_("Pause “%s”"), name) : g_strdup_printf (_("Play “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (item->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (item->play_button), label);
  gtk_widget_set_sensitive (GTK_WIDGET (item->play_button), !item->preparing);

  /* Not a silent, dead player: the row says why and what to do. */
  if (item->problem != NULL || (stream != NULL && gtk_media_stream_get_error (stream) != NULL))
    {
      gtk_label_set_text (item->problem_label,
                          item->problem != NULL
                          ? item->problem
                          : cartable_attachment_kind_media_problem (gtk_media_stream_get_error (stream)));
      gtk_widget_set_visible (GTK_WIDGET (item->problem_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (item->scale), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (item->time_label), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (item->play_button), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (item->problem_label), FALSE);

  /* Until the length is known the bar is drawn empty, not left out. */
  gtk_adjustment_configure (adjustment,
                            (double) timestamp / G_USEC_PER_SEC,
                            0.0, duration > 0 ? (double) duration / G_USEC_PER_SEC : 1.0,
                            1.0, 5.0, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (item->scale), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (item->time_label), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (item->scale),
                            stream != NULL && gtk_media_stream_is_seekable (stream));

  elapsed = cartable_attachment_kind_format_duration (timestamp);
  total = duration > 0 ? cartable_attachment_kind_format_duration (duration) : g_strdup ("–:––");
  /* Translators: time played and length of a recording, "0:03 / 0:10". */
  time = g_strdup_printf (_("%s / %s"), elapsed, total);
  gtk_label_set_text (item->time_label, time);
  gtk_widget_set_tooltip_text (GTK_WIDGET (item->time_label), NULL);
}

static void
stream_notify_cb (GObject    *stream,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  Item *item = user_data;

  if (gtk_media_stream_get_error (GTK_MEDIA_STREAM (stream)) != NULL &&
      g_str_equal (pspec->name, "error"))
    {
      const GError *error = gtk_media_stream_get_error (GTK_MEDIA_STREAM (stream));
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be played"),
                                               cartable_attachment_get_safe_filename (item->attachment));

      /* GStreamer's own words are for the logs; the row explains. */
      g_debug ("Cannot play %s: %s (%s %d)", cartable_attachment_get_safe_filename (item->attachment),
               error->message, g_quark_to_string (error->domain), error->code);
      show_toast (item->self, text);
    }
  update_player (item);
}

static void
media_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) dir = NULL;
  Item *item;

  dir = g_steal_pointer (&pending->dir);
  file = cartable_attachment_save_finish (CARTABLE_ATTACHMENT (source), result, &error);
  item = pending_item (pending);

  if (item == NULL)
    {
      /* The list moved on: nothing plays it any more. */
      delete_file_and_dir (file, dir);
      pending_free (pending);
      return;
    }

  item->preparing = FALSE;
  if (file == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be played: %s"),
                                               cartable_attachment_get_safe_filename (item->attachment),
                                               error->message);
      delete_file_and_dir (NULL, dir);
      show_toast (item->self, text);
      update_player (item);
      pending_free (pending);
      return;
    }

  make_read_only (file);
  item->media_dir = g_steal_pointer (&dir);
  item->media_file = g_object_ref (file);
  item->stream = gtk_media_file_new_for_file (file);
  g_signal_connect (item->stream, "notify", G_CALLBACK (stream_notify_cb), item);
  gtk_media_stream_play (item->stream);
  update_player (item);
  pending_free (pending);
}

static void
toggle_playing (CartableAttachmentList *self,
                Item                   *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;

  if (item->preparing || item->problem != NULL)
    return;

  if (item->stream != NULL)
    {
      if (gtk_media_stream_get_playing (item->stream))
        gtk_media_stream_pause (item->stream);
      else
        {
          if (gtk_media_stream_get_ended (item->stream))
            gtk_media_stream_seek (item->stream, 0);
          gtk_media_stream_play (item->stream);
        }
      update_player (item);
      return;
    }

  /* GStreamer goes by the bytes, not by the name or the type: a playlist
   * named .mp3 would make it fetch the addresses it lists. */
  {
    GBytes *data = cartable_attachment_get_data (item->attachment);
    gsize length = 0;
    const guint8 *bytes = data != NULL ? g_bytes_get_data (data, &length) : NULL;

    if (!cartable_attachment_kind_is_playable_content (bytes, length))
      {
        item->problem = cartable_attachment_kind_not_a_recording ();
        update_player (item);
        return;
      }
  }

  /* GTK's GStreamer player reads files, not streams: the recording goes to
   * a private folder of the cache under its safe name, deleted when the
   * list shows another message. */
  dir = make_private_dir ("play", &error);
  if (dir == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be played: %s"),
                                               cartable_attachment_get_safe_filename (item->attachment),
                                               error->message);
      show_toast (self, text);
      return;
    }

  item->preparing = TRUE;
  update_player (item);
  {
    Pending *pending = pending_new (self, item->position);

    pending->dir = g_object_ref (dir);
    cartable_attachment_save_async (item->attachment, dir, self->cancellable,
                                    media_saved_cb, pending);
  }
}

/* ------------------------------------------------------------ open */

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CartableAttachmentList) self = user_data;
  g_autoptr(GError) error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The attachment could not be opened: %s"),
                                               error->message);
      show_toast (self, text);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
saved_for_open_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartableAttachmentList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  file = cartable_attachment_save_finish (CARTABLE_ATTACHMENT (source), result, &error);
  if (file == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The attachment could not be opened: %s"), error->message);
      show_toast (self, text);
      return;
    }

  make_read_only (file);
  uri = g_file_get_uri (file);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                     NULL, shown_cb, g_object_ref (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
open_attachment (CartableAttachmentList *self,
                 CartableAttachment     *attachment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;

  /* Another program reads the file: it goes to a private folder of the
   * cache, under its safe name, never beside the user's documents. */
  dir = make_private_dir ("open", &error);
  if (dir == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The attachment could not be opened: %s"),
                                               error->message);
      show_toast (self, text);
      return;
    }

  cartable_attachment_save_async (attachment, dir, NULL, saved_for_open_cb, g_object_ref (self));
}

/* The type the content itself announces, whatever the message says. */
static char *
sniff_mime_type (CartableAttachment *attachment)
{
  GBytes *data = cartable_attachment_get_data (attachment);
  g_autofree char *content_type = NULL;
  const guint8 *bytes;
  gsize length = 0;

  if (data == NULL)
    return NULL;
  bytes = g_bytes_get_data (data, &length);
  content_type = g_content_type_guess (NULL, bytes, MIN (length, 4096), NULL);
  return g_content_type_get_mime_type (content_type);
}

static gboolean
is_executable (CartableAttachment *attachment)
{
  g_autofree char *sniffed = sniff_mime_type (attachment);

  return cartable_attachment_kind_is_executable (cartable_attachment_get_mime_type (attachment),
                                                 cartable_attachment_get_filename (attachment)) ||
         cartable_attachment_kind_is_executable (cartable_attachment_get_mime_type (attachment),
                                                 cartable_attachment_get_safe_filename (attachment)) ||
         cartable_attachment_kind_is_executable (sniffed, NULL);
}

static void
warning_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  CartableAttachmentList *self = user_data;
  CartableAttachment *attachment = g_object_get_data (G_OBJECT (dialog), "attachment");

  if (g_strcmp0 (response, "open") == 0)
    open_attachment (self, attachment);
}

static void
ask_before_opening (CartableAttachmentList *self,
                    CartableAttachment     *attachment)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf (_("Open “%s”?"), cartable_attachment_get_safe_filename (attachment));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("This file is a program or a script. Opening it may run it on "
                                     "this computer, with access to your files and your mail. Open it "
                                     "only if you expected it and trust its sender; when in doubt, ask "
                                     "them or your school’s IT support."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "attachment", g_object_ref (attachment), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (warning_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ save */

static void
attachment_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CartableAttachmentList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;

  file = cartable_attachment_save_finish (CARTABLE_ATTACHMENT (source), result, &error);
  if (file == NULL)
    text = g_strdup_printf (_("The attachment could not be saved: %s"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      text = g_strdup_printf (_("Saved as “%s”"), name);
    }
  show_toast (self, text);
}

static void
save_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  CartableAttachmentList *self = user_data;
  CartableAttachment *attachment = g_object_get_data (G_OBJECT (chooser), "attachment");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) directory = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (directory != NULL)
        cartable_attachment_save_async (attachment, directory, NULL, attachment_saved_cb,
                                        g_object_ref (self));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/* @parent: the window the chooser is for, or %NULL for the list's own */
static void
save_attachment (CartableAttachmentList *self,
                 CartableAttachment     *attachment,
                 GtkWindow              *parent)
{
  GtkRoot *root = parent != NULL ? GTK_ROOT (parent) : gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;

  /* The user picks a folder; the engine makes a safe, new name inside it. */
  title = g_strdup_printf (_("Save “%s” in…"), cartable_attachment_get_safe_filename (attachment));
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "attachment", g_object_ref (attachment), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------ actions */

static Item *
item_for_parameter (CartableAttachmentList *self,
                    GVariant               *parameter)
{
  return find_item (self, g_variant_get_uint32 (parameter));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (widget);
  Item *item = item_for_parameter (self, parameter);

  if (item != NULL)
    save_attachment (self, item->attachment, NULL);
}

static void
viewer_save_cb (CartableImageViewer    *viewer,
                guint                   position,
                CartableAttachmentList *self)
{
  Item *item = find_item (self, position);

  if (item != NULL)
    save_attachment (self, item->attachment, GTK_WINDOW (viewer));
}

/* The message's images, in a window of their own, from the one clicked. */
static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (widget);
  Item *clicked = item_for_parameter (self, parameter);
  GtkRoot *root = gtk_widget_get_root (widget);
  CartableImageViewer *viewer;
  guint shown = 0, index = 0;

  if (clicked == NULL || clicked->texture == NULL)
    return;

  viewer = cartable_image_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->texture == NULL)
        continue;
      if (item == clicked)
        index = shown;
      cartable_image_viewer_add_image (viewer, cartable_attachment_get_data (item->attachment),
                                       cartable_attachment_get_safe_filename (item->attachment),
                                       item->position);
      shown++;
    }
  cartable_image_viewer_show_image (viewer, index);
  g_signal_connect_object (viewer, "save", G_CALLBACK (viewer_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (widget);
  Item *item = item_for_parameter (self, parameter);

  if (item == NULL)
    return;

  if (is_executable (item->attachment))
    ask_before_opening (self, item->attachment);
  else
    open_attachment (self, item->attachment);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (widget);
  Item *item = item_for_parameter (self, parameter);

  if (item != NULL && item->kind == CARTABLE_ATTACHMENT_KIND_AUDIO)
    toggle_playing (self, item);
}

/* ------------------------------------------------------------ rows */

static gboolean
seek_cb (GtkRange      *range,
         GtkScrollType  scroll,
         double         value,
         gpointer       user_data)
{
  Item *item = user_data;

  if (item->stream != NULL && gtk_media_stream_is_seekable (item->stream))
    gtk_media_stream_seek (item->stream, (gint64) (MAX (value, 0.0) * G_USEC_PER_SEC));
  return FALSE;
}

static GtkWidget *
make_button (const char *mnemonic,
             const char *action,
             guint       position,
             const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (position));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (button, label);
  return button;
}

static GtkWidget *
make_player (Item *item)
{
  const char *name = cartable_attachment_get_safe_filename (item->attachment);
  g_autofree char *scale_label = g_strdup_printf (_("Position in “%s”"), name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.0, 1.0, 1.0);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *problem = gtk_label_new (NULL);

  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "attachment.play");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (item->position));

  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_sensitive (scale, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, scale_label, -1);
  g_signal_connect (scale, "change-value", G_CALLBACK (seek_cb), item);

  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "dim-label");

  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_set_hexpand (problem, TRUE);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);

  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), scale);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), problem);

  item->play_button = GTK_BUTTON (button);
  item->scale = GTK_SCALE (scale);
  item->time_label = GTK_LABEL (time);
  item->problem_label = GTK_LABEL (problem);
  update_player (item);
  return box;
}

static GtkWidget *
make_row (CartableAttachmentList *self,
          Item                   *item)
{
  CartableAttachment *attachment = item->attachment;
  const char *name = cartable_attachment_get_safe_filename (attachment);
  const char *mime_type = cartable_attachment_get_mime_type (attachment);
  g_autofree char *size = g_format_size (cartable_attachment_get_size (attachment));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (is_executable (attachment)
                                                  ? "application-x-executable-symbolic"
                                                  : cartable_attachment_kind_icon_name (mime_type, name));
  GtkWidget *name_label;
  GtkWidget *size_label;
  g_autofree char *save_label = g_strdup_printf (_("Save “%s”"), name);
  g_autofree char *open_label = g_strdup_printf (_("Open “%s”"), name);

  if (item->kind == CARTABLE_ATTACHMENT_KIND_AUDIO)
    {
      /* « Message vocal (0:42) » over its file's name and size: its
       * length known before it plays. */
      GBytes *data = cartable_attachment_get_data (attachment);
      g_autofree char *title = NULL;
      g_autofree char *details = NULL;
      gsize length = 0;
      const guint8 *bytes = data != NULL ? g_bytes_get_data (data, &length) : NULL;

      if (bytes == NULL || !cartable_audio_duration (bytes, length, &item->known_duration))
        item->known_duration = 0;
      title = cartable_attachment_kind_recording_title (item->known_duration);
      /* Translators: a recording's file name and size, "message.m4a · 7 Ko". */
      details = g_strdup_printf (_("%s · %s"), name, size);
      name_label = gtk_label_new (title);
      size_label = gtk_label_new (details);
    }
  else
    {
      name_label = gtk_label_new (name);
      size_label = gtk_label_new (size);
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* The row takes the focus on its way to its buttons: it is read as what
   * its labels say (« photo.jpg, 2,1 Mo »). */
  {
    g_autofree char *spoken = g_strdup_printf ("%s, %s", gtk_label_get_text (GTK_LABEL (name_label)),
                                               gtk_label_get_text (GTK_LABEL (size_label)));

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (name_label, name);
  gtk_label_set_xalign (GTK_LABEL (size_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (size_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (size_label, "caption");
  gtk_widget_add_css_class (size_label, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), name_label);
  gtk_box_append (GTK_BOX (labels), size_label);

  gtk_box_append (GTK_BOX (line), icon);
  gtk_box_append (GTK_BOX (line), labels);
  gtk_box_append (GTK_BOX (line), make_button (_("_Save"), "attachment.save", item->position, save_label));
  gtk_box_append (GTK_BOX (line), make_button (_("_Open"), "attachment.open", item->position, open_label));
  gtk_box_append (GTK_BOX (box), line);

  if (item->kind == CARTABLE_ATTACHMENT_KIND_IMAGE)
    {
      g_autofree char *alternative = g_strdup_printf (_("Preview of “%s”"), name);

      g_autofree char *view_label = g_strdup_printf (_("View “%s”"), name);

      item->preview = GTK_PICTURE (gtk_picture_new ());
      gtk_picture_set_can_shrink (item->preview, TRUE);
      gtk_picture_set_alternative_text (item->preview, alternative);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item->preview),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, alternative, -1);
      gtk_widget_add_css_class (GTK_WIDGET (item->preview), "card");
      /* A click (or Enter) on the preview opens the image viewer. */
      item->preview_button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (item->preview_button), GTK_WIDGET (item->preview));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (item->preview_button), "attachment.view");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (item->preview_button), "u", item->position);
      gtk_widget_set_tooltip_text (item->preview_button, view_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item->preview_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, view_label, -1);
      gtk_widget_set_halign (item->preview_button, GTK_ALIGN_START);
      gtk_widget_set_visible (item->preview_button, FALSE);
      gtk_widget_add_css_class (item->preview_button, "flat");
      gtk_widget_add_css_class (item->preview_button, "attachment-preview");
      gtk_box_append (GTK_BOX (box), item->preview_button);
      start_preview (self, item);
    }
  else if (item->kind == CARTABLE_ATTACHMENT_KIND_AUDIO)
    gtk_box_append (GTK_BOX (box), make_player (item));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
clear_rows (CartableAttachmentList *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->scale != NULL)
        g_signal_handlers_disconnect_by_data (item->scale, item);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  /* After the rows: their signal handlers point at the items. */
  g_clear_pointer (&self->items, g_ptr_array_unref);
}

static void
rebuild (CartableAttachmentList *self)
{
  GListModel *attachments;
  guint n;

  clear_rows (self);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->cancellable = g_cancellable_new ();

  if (self->message == NULL)
    return;

  attachments = cartable_message_get_attachments (self->message);
  n = g_list_model_get_n_items (attachments);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableAttachment) attachment = g_list_model_get_item (attachments, i);
      Item *item;

      if (cartable_attachment_get_is_inline (attachment))
        continue;

      item = g_new0 (Item, 1);
      item->self = self;
      item->attachment = g_object_ref (attachment);
      item->position = i;
      item->kind = cartable_attachment_kind_from (cartable_attachment_get_mime_type (attachment),
                                                  cartable_attachment_get_safe_filename (attachment));
      g_ptr_array_add (self->items, item);
      gtk_list_box_append (self->list_box, make_row (self, item));
    }
}

/* ------------------------------------------------------------ object */

/* Nothing plays out of sight (another folder, the composer…). */
static void
cartable_attachment_list_unmap (GtkWidget *widget)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (widget);

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->stream != NULL && gtk_media_stream_get_playing (item->stream))
        gtk_media_stream_pause (item->stream);
    }

  GTK_WIDGET_CLASS (cartable_attachment_list_parent_class)->unmap (widget);
}

static void
cartable_attachment_list_dispose (GObject *object)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (object);

  if (self->list_box != NULL)
    clear_rows (self);
  g_clear_object (&self->message);

  /* AdwBin unparents its child (the template's list) itself. */

  G_OBJECT_CLASS (cartable_attachment_list_parent_class)->dispose (object);
}

static void
cartable_attachment_list_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, cartable_attachment_list_get_n_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_attachment_list_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartableAttachmentList *self = CARTABLE_ATTACHMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      cartable_attachment_list_set_message (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_attachment_list_class_init (CartableAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_attachment_list_dispose;
  object_class->get_property = cartable_attachment_list_get_property;
  object_class->set_property = cartable_attachment_list_set_property;
  widget_class->unmap = cartable_attachment_list_unmap;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, CARTABLE_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-attachment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableAttachmentList, list_box);

  gtk_widget_class_install_action (widget_class, "attachment.save", "u", save_action);
  gtk_widget_class_install_action (widget_class, "attachment.open", "u", open_action);
  gtk_widget_class_install_action (widget_class, "attachment.play", "u", play_action);
  gtk_widget_class_install_action (widget_class, "attachment.view", "u", view_action);
}

static void
cartable_attachment_list_init (CartableAttachmentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
cartable_attachment_list_new (void)
{
  return g_object_new (CARTABLE_TYPE_ATTACHMENT_LIST, NULL);
}

CartableMessage *
cartable_attachment_list_get_message (CartableAttachmentList *self)
{
  g_return_val_if_fail (CARTABLE_IS_ATTACHMENT_LIST (self), NULL);

  return self->message;
}

void
cartable_attachment_list_set_message (CartableAttachmentList *self,
                                      CartableMessage        *message)
{
  guint before;

  g_return_if_fail (CARTABLE_IS_ATTACHMENT_LIST (self));
  g_return_if_fail (message == NULL || CARTABLE_IS_MESSAGE (message));

  if (self->message == message)
    return;

  before = cartable_attachment_list_get_n_shown (self);
  g_set_object (&self->message, message);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  if (before != cartable_attachment_list_get_n_shown (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

guint
cartable_attachment_list_get_n_shown (CartableAttachmentList *self)
{
  g_return_val_if_fail (CARTABLE_IS_ATTACHMENT_LIST (self), 0);

  return self->items != NULL ? self->items->len : 0;
}

GtkMediaStream *
cartable_attachment_list_get_stream (CartableAttachmentList *self,
                                     guint                   position)
{
  Item *item;

  g_return_val_if_fail (CARTABLE_IS_ATTACHMENT_LIST (self), NULL);

  item = find_item (self, position);
  return item != NULL ? item->stream : NULL;
}

GdkTexture *
cartable_attachment_list_get_preview (CartableAttachmentList *self,
                                      guint                   position)
{
  Item *item;

  g_return_val_if_fail (CARTABLE_IS_ATTACHMENT_LIST (self), NULL);

  item = find_item (self, position);
  return item != NULL ? item->texture : NULL;
}

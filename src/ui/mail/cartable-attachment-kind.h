/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CARTABLE_ATTACHMENT_KIND_OTHER,
  CARTABLE_ATTACHMENT_KIND_IMAGE,
  CARTABLE_ATTACHMENT_KIND_AUDIO,
} CartableAttachmentKind;

/* What the attachment list shows for a part, from its declared MIME type and
 * its file name (either may be NULL). Pure function. */
CartableAttachmentKind cartable_attachment_kind_from          (const char   *mime_type,
                                                               const char   *filename);
/* Whether opening a part could run code: a program, an installer, a script
 * or a launcher, by MIME type OR by extension (the sender chooses both, so
 * either one is enough to warn). Pure function. */
gboolean               cartable_attachment_kind_is_executable (const char   *mime_type,
                                                               const char   *filename);
/* The raster format the first bytes of @data announce ("image/png",
 * "image/jpeg", "image/gif", "image/webp" or "image/bmp") with its size in
 * pixels read from the header, or NULL when @data is none of those (SVG and
 * every other format are never decoded for a preview). Pure function. */
const char            *cartable_attachment_kind_sniff_image   (const guint8 *data,
                                                               gsize         length,
                                                               guint        *width,
                                                               guint        *height);
/* A sentence for the user, translated, saying why a recording does not
 * play and what to do, from the error of GTK's media stream (GStreamer's
 * error domains: a missing decoder, a damaged file, an unreadable copy).
 * Pure function. */
const char            *cartable_attachment_kind_media_problem (const GError *error);
/* Whether @data may be handed to the media player: not empty, and not
 * text, which every playlist format is (M3U, HLS, PLS, ASX, XSPF, SMIL):
 * GStreamer goes by the bytes and would fetch the addresses a playlist
 * lists. Pure function. */
gboolean               cartable_attachment_kind_is_playable_content (const guint8 *data,
                                                                     gsize         length);
/* The sentence shown when a recording is refused or cannot be decoded. */
const char            *cartable_attachment_kind_not_a_recording (void);
/* An icon name for a MIME type: image, audio, video, text, archive,
 * executable or a generic one. */
const char            *cartable_attachment_kind_icon_name     (const char   *mime_type,
                                                               const char   *filename);
/* "0:42", "1:02:03": a recording's length or position. */
char                  *cartable_attachment_kind_format_duration (gint64      usec);
/* What a recording's card is titled: « Message vocal (0:42) » for a voice
 * note, « Enregistrement (1:02:03) » for a long one; @usec <= 0 when its
 * length is unknown. */
char                  *cartable_attachment_kind_recording_title (gint64      usec);

G_END_DECLS

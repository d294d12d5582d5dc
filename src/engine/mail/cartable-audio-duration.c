/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-audio-duration"

#include "config.h"

#include <string.h>

#include "cartable-audio-duration.h"

/*
 * The length of a voice message, read from its container's own headers so
 * that a row can say « Message vocal, 0:42 » before anything plays (GTK's
 * player knows the length only once it has opened the file). The formats
 * are those phones and computers record in: MP4/M4A/3GP (iPhone, Android),
 * Ogg Opus and Vorbis, WAV, MP3, AMR and FLAC. The bytes come from a
 * stranger: every read is bounds-checked, and a file that does not say its
 * length is "unknown", never a guess from garbage.
 */

#define MAX_DURATION_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

typedef struct
{
  const guint8 *data;
  gsize         length;
} Bytes;

static gboolean
has_bytes (const Bytes *bytes,
           gsize        offset,
           gsize        count)
{
  return offset <= bytes->length && count <= bytes->length - offset;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint64
read_be64 (const guint8 *p)
{
  return ((guint64) read_be32 (p) << 32) | read_be32 (p + 4);
}

static guint32
read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static guint64
read_le64 (const guint8 *p)
{
  return ((guint64) read_le32 (p + 4) << 32) | read_le32 (p);
}

static guint16
read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

/* units / rate seconds, in microseconds; FALSE when it is no length. */
static gboolean
set_duration (guint64  units,
              guint64  rate,
              gint64  *duration_us)
{
  gint64 us;

  if (rate == 0 || units == 0 || units / rate > MAX_DURATION_US / G_USEC_PER_SEC)
    return FALSE;
  us = (gint64) (units / rate) * G_USEC_PER_SEC + (gint64) ((units % rate) * G_USEC_PER_SEC / rate);
  if (us <= 0 || us > MAX_DURATION_US)
    return FALSE;
  *duration_us = us;
  return TRUE;
}

/* ------------------------------------------------------------ WAV */

static gboolean
wav_duration (const Bytes *bytes,
              gint64      *duration_us)
{
  guint32 byte_rate = 0;
  gsize offset = 12;

  if (!has_bytes (bytes, 0, 12) || memcmp (bytes->data, "RIFF", 4) != 0 ||
      memcmp (bytes->data + 8, "WAVE", 4) != 0)
    return FALSE;

  while (has_bytes (bytes, offset, 8))
    {
      const guint8 *chunk = bytes->data + offset;
      guint32 size = read_le32 (chunk + 4);

      if (memcmp (chunk, "fmt ", 4) == 0 && has_bytes (bytes, offset + 8, 16))
        byte_rate = read_le32 (chunk + 8 + 8);
      else if (memcmp (chunk, "data", 4) == 0)
        {
          /* A recording cut short, or streamed with a placeholder size:
           * what is there. */
          gsize there = bytes->length - offset - 8;

          return set_duration (MIN ((gsize) size, there), byte_rate, duration_us);
        }
      if (size > bytes->length - offset - 8)
        break;
      offset += 8 + (gsize) size + (size & 1);
    }
  return FALSE;
}

/* ------------------------------------------------------------ MP4 */

/* The box named @type among the boxes from @start to @end, as [*body, *body_end). */
static gboolean
find_box (const Bytes *bytes,
          gsize        start,
          gsize        end,
          const char  *type,
          gsize       *body,
          gsize       *body_end)
{
  gsize offset = start;

  while (offset < end && has_bytes (bytes, offset, 8) && end - offset >= 8)
    {
      const guint8 *box = bytes->data + offset;
      guint64 size = read_be32 (box);
      gsize header = 8;

      if (size == 1)
        {
          if (!has_bytes (bytes, offset, 16))
            return FALSE;
          size = read_be64 (box + 8);
          header = 16;
        }
      else if (size == 0)
        size = end - offset;
      if (size < header || size > end - offset)
        return FALSE;
      if (memcmp (box + 4, type, 4) == 0)
        {
          *body = offset + header;
          *body_end = offset + (gsize) size;
          return TRUE;
        }
      offset += (gsize) size;
    }
  return FALSE;
}

static gboolean
mp4_duration (const Bytes *bytes,
              gint64      *duration_us)
{
  gsize moov, moov_end, mvhd, mvhd_end;
  guint64 timescale, duration;
  const guint8 *p;

  if (!has_bytes (bytes, 0, 8) || memcmp (bytes->data + 4, "ftyp", 4) != 0)
    return FALSE;
  if (!find_box (bytes, 0, bytes->length, "moov", &moov, &moov_end) ||
      !find_box (bytes, moov, moov_end, "mvhd", &mvhd, &mvhd_end) ||
      !has_bytes (bytes, mvhd, 4))
    return FALSE;

  p = bytes->data + mvhd;
  if (p[0] == 1)
    {
      if (mvhd_end - mvhd < 4 + 8 + 8 + 4 + 8)
        return FALSE;
      timescale = read_be32 (p + 20);
      duration = read_be64 (p + 24);
    }
  else
    {
      if (mvhd_end - mvhd < 4 + 4 + 4 + 4 + 4)
        return FALSE;
      timescale = read_be32 (p + 12);
      duration = read_be32 (p + 16);
      if (duration == G_MAXUINT32)
        return FALSE;
    }
  if (duration == G_MAXUINT64)
    return FALSE;
  return set_duration (duration, timescale, duration_us);
}

/* ------------------------------------------------------------ Ogg */

static gboolean
ogg_duration (const Bytes *bytes,
              gint64      *duration_us)
{
  const guint8 *page = bytes->data;
  guint32 serial, rate;
  guint64 pre_skip = 0;
  gsize segments, body;

  if (!has_bytes (bytes, 0, 27) || memcmp (page, "OggS", 4) != 0)
    return FALSE;
  serial = read_le32 (page + 14);
  segments = page[26];
  body = 27 + segments;
  if (!has_bytes (bytes, body, 19))
    return FALSE;

  if (memcmp (page + body, "OpusHead", 8) == 0)
    {
      /* Opus counts at 48 kHz whatever the input's rate. */
      pre_skip = read_le16 (page + body + 10);
      rate = 48000;
    }
  else if (memcmp (page + body, "\001vorbis", 7) == 0 && has_bytes (bytes, body, 16))
    rate = read_le32 (page + body + 12);
  else
    return FALSE;

  /* The last page of that stream carries the position of its last sample. */
  for (gsize offset = bytes->length - 27 + 1; offset-- > 0;)
    {
      const guint8 *last = bytes->data + offset;
      guint64 granule;

      if (memcmp (last, "OggS", 4) != 0 || read_le32 (last + 14) != serial)
        continue;
      granule = read_le64 (last + 6);
      if (granule == G_MAXUINT64)
        continue;
      return granule > pre_skip && set_duration (granule - pre_skip, rate, duration_us);
    }
  return FALSE;
}

/* ------------------------------------------------------------ MP3 */

typedef struct
{
  guint bitrate;      /* bits per second */
  guint sample_rate;
  guint samples;      /* per frame */
  guint side_info;    /* bytes after the header */
  gsize frame_length;
} Mp3Frame;

static gboolean
parse_mp3_header (const guint8 *p,
                  Mp3Frame     *frame)
{
  static const guint mpeg1_rates[] = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 };
  static const guint mpeg2_rates[] = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 };
  static const guint sample_rates[3][3] = {
    { 44100, 48000, 32000 },  /* MPEG 1 */
    { 22050, 24000, 16000 },  /* MPEG 2 */
    { 11025, 12000, 8000 },   /* MPEG 2.5 */
  };
  guint version_bits = (p[1] >> 3) & 3;
  guint layer_bits = (p[1] >> 1) & 3;
  guint bitrate_index = p[2] >> 4;
  guint rate_index = (p[2] >> 2) & 3;
  gboolean padding = (p[2] >> 1) & 1;
  gboolean mono = (p[3] >> 6) == 3;
  gboolean mpeg1 = version_bits == 3;
  guint version = mpeg1 ? 0 : version_bits == 2 ? 1 : 2;

  /* Layer III only: what recorders write. */
  if (p[0] != 0xff || (p[1] & 0xe0) != 0xe0 || version_bits == 1 || layer_bits != 1 ||
      bitrate_index == 0 || bitrate_index == 15 || rate_index == 3)
    return FALSE;

  frame->bitrate = (mpeg1 ? mpeg1_rates : mpeg2_rates)[bitrate_index] * 1000;
  frame->sample_rate = sample_rates[version][rate_index];
  frame->samples = mpeg1 ? 1152 : 576;
  frame->side_info = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
  frame->frame_length = (gsize) (frame->samples / 8) * frame->bitrate / frame->sample_rate + padding;
  return frame->frame_length > 4;
}

static gboolean
mp3_duration (const Bytes *bytes,
              gint64      *duration_us)
{
  gsize offset = 0, end = bytes->length;
  Mp3Frame frame, next;
  const guint8 *p;

  /* ID3v2 tags before the audio, ID3v1 after it. */
  if (has_bytes (bytes, 0, 10) && memcmp (bytes->data, "ID3", 3) == 0)
    {
      const guint8 *tag = bytes->data;
      gsize size = ((gsize) (tag[6] & 0x7f) << 21) | ((tag[7] & 0x7f) << 14) | ((tag[8] & 0x7f) << 7) | (tag[9] & 0x7f);

      offset = 10 + size + ((tag[5] & 0x10) ? 10 : 0);
    }
  if (end >= 128 && memcmp (bytes->data + end - 128, "TAG", 3) == 0)
    end -= 128;
  if (!has_bytes (bytes, offset, 4) || offset + 4 > end || !parse_mp3_header (bytes->data + offset, &frame))
    return FALSE;
  p = bytes->data + offset;

  /* A variable bit rate file counts its frames in its first one. */
  if (has_bytes (bytes, offset + 4 + frame.side_info, 16))
    {
      const guint8 *xing = p + 4 + frame.side_info;

      if ((memcmp (xing, "Xing", 4) == 0 || memcmp (xing, "Info", 4) == 0) && (read_be32 (xing + 4) & 1))
        return set_duration ((guint64) read_be32 (xing + 8) * frame.samples, frame.sample_rate, duration_us);
    }
  if (has_bytes (bytes, offset + 4 + 32, 18) && memcmp (p + 4 + 32, "VBRI", 4) == 0)
    return set_duration ((guint64) read_be32 (p + 4 + 32 + 14) * frame.samples, frame.sample_rate, duration_us);

  /* Otherwise a constant rate, once a second frame confirms the first is
   * one (0xFFE… also occurs by chance). */
  if (!has_bytes (bytes, offset + frame.frame_length, 4) ||
      !parse_mp3_header (p + frame.frame_length, &next) || next.bitrate != frame.bitrate)
    return FALSE;
  return set_duration ((guint64) (end - offset) * 8, frame.bitrate, duration_us);
}

/* ------------------------------------------------------------ AMR */

static gboolean
amr_duration (const Bytes *bytes,
              gint64      *duration_us)
{
  /* Bytes after each frame's header byte, by frame type (RFC 4867). */
  static const guint8 narrow[16] = { 12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0 };
  static const guint8 wide[16] = { 17, 23, 32, 36, 40, 46, 50, 58, 60, 5, 0, 0, 0, 0, 0, 0 };
  const guint8 *sizes;
  gsize offset;
  guint64 frames = 0;

  if (has_bytes (bytes, 0, 9) && memcmp (bytes->data, "#!AMR-WB\n", 9) == 0)
    {
      sizes = wide;
      offset = 9;
    }
  else if (has_bytes (bytes, 0, 6) && memcmp (bytes->data, "#!AMR\n", 6) == 0)
    {
      sizes = narrow;
      offset = 6;
    }
  else
    return FALSE;

  while (offset < bytes->length)
    {
      guint type = (bytes->data[offset] >> 3) & 0x0f;

      offset += 1 + sizes[type];
      frames++;
    }
  /* 20 ms a frame. */
  return set_duration (frames, 50, duration_us);
}

/* ------------------------------------------------------------ FLAC */

static gboolean
flac_duration (const Bytes *bytes,
               gint64      *duration_us)
{
  const guint8 *info;
  guint32 rate;
  guint64 samples;

  if (!has_bytes (bytes, 0, 8 + 18) || memcmp (bytes->data, "fLaC", 4) != 0 || (bytes->data[4] & 0x7f) != 0)
    return FALSE;
  info = bytes->data + 8;
  rate = ((guint32) info[10] << 12) | ((guint32) info[11] << 4) | (info[12] >> 4);
  samples = ((guint64) (info[13] & 0x0f) << 32) | read_be32 (info + 14);
  return set_duration (samples, rate, duration_us);
}

/**
 * cartable_audio_duration:
 * @data: (array length=length): a recording's bytes
 * @length: how many
 * @duration_us: (out): its length in microseconds, when known
 *
 * Reads a recording's length from its container's headers, without
 * decoding it.
 *
 * Returns: %TRUE if the format is known and says its length
 */
gboolean
cartable_audio_duration (const guint8 *data,
                         gsize         length,
                         gint64       *duration_us)
{
  Bytes bytes = { data, length };
  gint64 found = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (duration_us != NULL, FALSE);

  if (wav_duration (&bytes, &found) || mp4_duration (&bytes, &found) || ogg_duration (&bytes, &found) ||
      amr_duration (&bytes, &found) || flac_duration (&bytes, &found) || mp3_duration (&bytes, &found))
    {
      *duration_us = found;
      return TRUE;
    }
  return FALSE;
}

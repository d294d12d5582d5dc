/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mail/cartable-audio-duration.h"

/*
 * A voice message's length read from its headers: the recording the
 * attachment tests play (AAC in MP4, as phones send it), and the other
 * containers built here byte by byte, whole, cut short and garbled.
 */

static void
put_le16 (GByteArray *array,
          guint16     value)
{
  guint8 bytes[] = { value & 0xff, value >> 8 };

  g_byte_array_append (array, bytes, sizeof bytes);
}

static void
put_le32 (GByteArray *array,
          guint32     value)
{
  guint8 bytes[] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (array, bytes, sizeof bytes);
}

static void
put_be32 (GByteArray *array,
          guint32     value)
{
  guint8 bytes[] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (array, bytes, sizeof bytes);
}

static void
put_text (GByteArray *array,
          const char *text)
{
  g_byte_array_append (array, (const guint8 *) text, strlen (text));
}

static void
put_zeros (GByteArray *array,
           gsize       count)
{
  g_byte_array_set_size (array, array->len + count);
  memset (array->data + array->len - count, 0, count);
}

static gint64
duration_of (GByteArray *array)
{
  gint64 duration = -1;

  if (!cartable_audio_duration (array->data, array->len, &duration))
    return -1;
  return duration;
}

/* No prefix of a good file, and no byte flipped in it, reads out of bounds
 * or gives a length of zero or less (the ASan build of this test checks the
 * first half). */
static void
assert_robust (GByteArray *array)
{
  g_autoptr(GByteArray) copy = g_byte_array_new ();
  gint64 duration;

  for (gsize n = 0; n < array->len; n++)
    {
      g_autofree guint8 *prefix = g_memdup2 (array->data, n);

      duration = 0;
      if (cartable_audio_duration (prefix, n, &duration))
        g_assert_cmpint (duration, >, 0);
    }
  g_byte_array_append (copy, array->data, array->len);
  for (gsize i = 0; i < MIN (copy->len, 512); i++)
    {
      copy->data[i] ^= 0xa5;
      duration = 0;
      if (cartable_audio_duration (copy->data, copy->len, &duration))
        g_assert_cmpint (duration, >, 0);
      copy->data[i] ^= 0xa5;
    }
}

static GByteArray *
make_wav (guint32 rate,
          guint32 data_bytes,
          guint32 claimed_bytes)
{
  GByteArray *wav = g_byte_array_new ();

  put_text (wav, "RIFF");
  put_le32 (wav, 36 + claimed_bytes);
  put_text (wav, "WAVE");
  put_text (wav, "fmt ");
  put_le32 (wav, 16);
  put_le16 (wav, 1);          /* PCM */
  put_le16 (wav, 1);          /* mono */
  put_le32 (wav, rate);
  put_le32 (wav, rate * 2);   /* 16 bits */
  put_le16 (wav, 2);
  put_le16 (wav, 16);
  put_text (wav, "LIST");     /* a chunk to step over */
  put_le32 (wav, 5);
  put_text (wav, "INFOx");
  put_zeros (wav, 1);         /* its pad byte */
  put_text (wav, "data");
  put_le32 (wav, claimed_bytes);
  put_zeros (wav, data_bytes);
  return wav;
}

static void
test_wav (void)
{
  g_autoptr(GByteArray) half = make_wav (16000, 16000, 16000);
  g_autoptr(GByteArray) cut = make_wav (8000, 8000, 0xffffffff);

  g_assert_cmpint (duration_of (half), ==, G_USEC_PER_SEC / 2);
  /* A recording stopped abruptly: the length of what is there. */
  g_assert_cmpint (duration_of (cut), ==, G_USEC_PER_SEC / 2);
  assert_robust (half);
}

static void
test_mp4 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "media", "message-vocal.m4a", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 duration = 0;
  g_autoptr(GByteArray) file = g_byte_array_new ();

  /* Two seconds of AAC, plus the encoder's priming. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (cartable_audio_duration ((const guint8 *) contents, length, &duration));
  g_assert_cmpint (duration, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (duration, <, 2 * G_USEC_PER_SEC + G_USEC_PER_SEC / 5);

  g_byte_array_append (file, (const guint8 *) contents, length);
  assert_robust (file);
}

static GByteArray *
make_ogg_page (guint64     granule,
               guint32     serial,
               const char *body,
               gsize       body_length)
{
  GByteArray *page = g_byte_array_new ();

  put_text (page, "OggS");
  put_zeros (page, 2);
  put_le32 (page, granule & 0xffffffff);
  put_le32 (page, granule >> 32);
  put_le32 (page, serial);
  put_le32 (page, 0);         /* sequence */
  put_le32 (page, 0);         /* checksum: not checked */
  g_byte_array_append (page, (const guint8[]) { 1, (guint8) body_length }, 2);
  g_byte_array_append (page, (const guint8 *) body, body_length);
  return page;
}

static void
test_ogg (void)
{
  static const char opus_head[19] = "OpusHead\001\001\070\001\200\273\000\000\000\000\000";
  static const char vorbis_head[30] = "\001vorbis\000\000\000\000\001\100\037\000\000";
  g_autoptr(GByteArray) opus = make_ogg_page (0, 7, opus_head, sizeof opus_head);
  g_autoptr(GByteArray) vorbis = make_ogg_page (0, 9, vorbis_head, sizeof vorbis_head);
  g_autoptr(GByteArray) last = NULL;
  g_autoptr(GByteArray) other = NULL;

  /* Opus: 3 s at 48 kHz after a pre-skip of 312 (0x0138) samples; a page
   * of another stream after it does not count. */
  last = make_ogg_page (3 * 48000 + 312, 7, "audio", 5);
  g_byte_array_append (opus, last->data, last->len);
  other = make_ogg_page (10 * 48000, 8, "other", 5);
  g_byte_array_append (opus, other->data, other->len);
  g_assert_cmpint (duration_of (opus), ==, 3 * G_USEC_PER_SEC);
  assert_robust (opus);

  /* Vorbis at 8 kHz (0x1f40): 1.5 s. */
  g_clear_pointer (&last, g_byte_array_unref);
  last = make_ogg_page (12000, 9, "audio", 5);
  g_byte_array_append (vorbis, last->data, last->len);
  g_assert_cmpint (duration_of (vorbis), ==, 3 * G_USEC_PER_SEC / 2);
}

/* MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo: 417-byte frames. */
static void
put_mp3_frame (GByteArray *array)
{
  g_byte_array_append (array, (const guint8[]) { 0xff, 0xfb, 0x90, 0x00 }, 4);
  put_zeros (array, 417 - 4);
}

static void
test_mp3 (void)
{
  g_autoptr(GByteArray) cbr = g_byte_array_new ();
  g_autoptr(GByteArray) vbr = g_byte_array_new ();
  g_autoptr(GByteArray) lone = g_byte_array_new ();

  /* An ID3v2 tag first (10 + 20 bytes), then 100 frames. */
  put_text (cbr, "ID3");
  g_byte_array_append (cbr, (const guint8[]) { 4, 0, 0, 0, 0, 0, 20 }, 7);
  put_zeros (cbr, 20);
  for (int i = 0; i < 100; i++)
    put_mp3_frame (cbr);
  /* 41,700 bytes at 128 kbit/s. */
  g_assert_cmpint (duration_of (cbr), ==, G_GINT64_CONSTANT (41700) * 8 * G_USEC_PER_SEC / 128000);

  /* A Xing header counting 200 frames of 1152 samples at 44.1 kHz. */
  put_mp3_frame (vbr);
  memcpy (vbr->data + 4 + 32, "Xing\000\000\000\001\000\000\000\310", 12);
  put_mp3_frame (vbr);
  g_assert_cmpint (duration_of (vbr), ==, G_GINT64_CONSTANT (200) * 1152 * G_USEC_PER_SEC / 44100);
  assert_robust (vbr);

  /* One frame-like header alone is no evidence of MP3. */
  put_mp3_frame (lone);
  g_assert_cmpint (duration_of (lone), ==, -1);
}

static void
test_amr_flac (void)
{
  g_autoptr(GByteArray) amr = g_byte_array_new ();
  g_autoptr(GByteArray) flac = g_byte_array_new ();

  /* 150 frames of 12.2 kbit/s (type 7, 31 bytes): 3 s. */
  put_text (amr, "#!AMR\n");
  for (int i = 0; i < 150; i++)
    {
      g_byte_array_append (amr, (const guint8[]) { 7 << 3 | 4 }, 1);
      put_zeros (amr, 31);
    }
  g_assert_cmpint (duration_of (amr), ==, 3 * G_USEC_PER_SEC);
  assert_robust (amr);

  /* STREAMINFO: 16 kHz (0x03e80 in 20 bits), 32,000 samples: 2 s. */
  put_text (flac, "fLaC");
  g_byte_array_append (flac, (const guint8[]) { 0x80, 0, 0, 34 }, 4);
  put_zeros (flac, 10);
  g_byte_array_append (flac, (const guint8[]) { 0x03, 0xe8, 0x00, 0x00 }, 4);
  put_be32 (flac, 32000);
  put_zeros (flac, 16);
  g_assert_cmpint (duration_of (flac), ==, 2 * G_USEC_PER_SEC);
  assert_robust (flac);
}

static void
test_not_recordings (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autoptr(GByteArray) text = g_byte_array_new ();
  gint64 duration = 42;

  put_text (text, "Bonjour, voici le compte rendu de la réunion.\n");
  g_assert_cmpint (duration_of (text), ==, -1);
  g_assert_false (cartable_audio_duration (png, sizeof png, &duration));
  g_assert_false (cartable_audio_duration (NULL, 0, &duration));
  g_assert_cmpint (duration, ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cartable/audio-duration/wav", test_wav);
  g_test_add_func ("/cartable/audio-duration/mp4", test_mp4);
  g_test_add_func ("/cartable/audio-duration/ogg", test_ogg);
  g_test_add_func ("/cartable/audio-duration/mp3", test_mp3);
  g_test_add_func ("/cartable/audio-duration/amr-flac", test_amr_flac);
  g_test_add_func ("/cartable/audio-duration/not-recordings", test_not_recordings);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <stdlib.h>

#include "cartable-test-mail-send.h"
#include "mail/cartable-drafts.h"

/* A message being written, as the editor would hold it, in a process the
 * drafts test can kill. Usage: mailsend-drafts-helper ACADEMY_DIR CA
 * IMAPS_PORT SUBMISSION_PORT SUBJECT BODY. Prints "id MESSAGE-ID DRAFT-ID",
 * then "local" and "server" as saves complete; each line read on standard
 * input becomes the new body. */

static CartableComposer *composer;

static void
saved_cb (CartableDrafts *drafts,
          const char     *id,
          gboolean        on_server,
          gpointer        user_data)
{
  printf ("%s\n", on_server ? "server" : "local");
  fflush (stdout);
}

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);

  if (line == NULL)
    exit (0);
  cartable_composer_set_body (composer, line);
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (source), G_PRIORITY_DEFAULT, NULL, line_cb, NULL);
}

int
main (int   argc,
      char *argv[])
{
  MailTestAcademy academy = { 0 };
  g_autoptr(CartableMailSession) session = NULL;
  g_autoptr(CartableDrafts) drafts = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  if (argc != 7)
    return 2;

  cartable_engine_init ();
  g_mime_init ();

  academy.stack = cartable_test_stack_open (argv[1]);
  academy.dir = argv[1];
  academy.ca_file = argv[2];
  academy.imaps_port = (guint16) atoi (argv[3]);
  academy.submission_port = (guint16) atoi (argv[4]);

  session = mailsend_test_session_new (&academy, "mdurand", "marie.durand@ac-normandie.fr");
  drafts = cartable_drafts_new (session, "mdurand", &error);
  if (drafts == NULL)
    g_error ("%s", error->message);
  cartable_drafts_set_delay (drafts, 200);
  g_signal_connect (drafts, "saved", G_CALLBACK (saved_cb), NULL);

  composer = cartable_composer_new ();
  cartable_composer_set_from (composer, "Marie Durand", "marie.durand@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "thomas.lefebvre@ac-normandie.fr");
  id = cartable_drafts_track (drafts, composer);
  printf ("id %s %s\n", cartable_composer_get_message_id (composer), id);
  fflush (stdout);
  cartable_composer_set_subject (composer, argv[5]);
  cartable_composer_set_body (composer, argv[6]);

  in = g_unix_input_stream_new (0, FALSE);
  lines = g_data_input_stream_new (in);
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, line_cb, NULL);

  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cartable-test-mail-send.h"
#include "mail/cartable-composer.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("send-crash");

/* cartable-cli send against the loopback academy: with Postfix stopped the
 * message waits and leaves exactly once after the restart; and the sender
 * killed with SIGKILL at random points of a send neither loses a message
 * nor sends one twice. */

#define SENDER "mdurand"
#define SENDER_EMAIL "marie.durand@ac-normandie.fr"
#define RECIPIENT "tlefebvre"
#define RECIPIENT_EMAIL "thomas.lefebvre@ac-normandie.fr"

static MailTestAcademy *academy;

static char *
outbox_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "cartable", "accounts", SENDER, "outbox", NULL);
}

static guint
count_outbox_files (void)
{
  g_autofree char *dir = outbox_dir ();

  return cartable_test_count_files (dir);
}

CARTABLE_TEST ("postfix-stopped", test_postfix_stopped)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *subject = g_strdup_printf ("Conseil pédagogique %u", g_random_int ());
  int status;

  mailsend_test_stop_postfix (academy);

  status = mailsend_test_run_cli (academy, SENDER, &out, &err,
                                  (const char *[]) { "send", "--to", RECIPIENT_EMAIL, "--subject", subject,
                                                     "--body", "Réunion jeudi à 17 h en salle des professeurs.",
                                                     NULL });
  g_assert_cmpint (status, ==, 75);
  g_assert_cmpstr (out, ==, "Message placé dans la boîte d’envoi ; il partira dès que le serveur répondra.\n");
  g_assert_cmpuint (count_outbox_files (), ==, 2);
  g_clear_pointer (&out, g_free);

  /* Listed, waiting. */
  status = mailsend_test_run_cli (academy, SENDER, &out, NULL,
                                  (const char *[]) { "outbox", NULL });
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\tqueued\t"));
  g_assert_nonnull (strstr (out, subject));
  g_clear_pointer (&out, g_free);

  /* Still down: a flush says so, with the same code. */
  status = mailsend_test_run_cli (academy, SENDER, NULL, NULL,
                                  (const char *[]) { "outbox", "--flush", NULL });
  g_assert_cmpint (status, ==, 75);

  mailsend_test_start_postfix (academy);

  status = mailsend_test_run_cli (academy, SENDER, &out, NULL,
                                  (const char *[]) { "outbox", "--flush", NULL });
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "1 message envoyé.\n"));
  g_assert_cmpuint (mailsend_test_wait_count_header (academy, RECIPIENT, "INBOX", "Subject", subject, 1, 5000), ==, 1);

  /* Flushing again sends nothing more. */
  status = mailsend_test_run_cli (academy, SENDER, NULL, NULL,
                                  (const char *[]) { "outbox", "--flush", NULL });
  g_assert_cmpint (status, ==, 0);
  g_usleep (500 * 1000);
  g_assert_cmpuint (mailsend_test_count_header (academy, RECIPIENT, "INBOX", "Subject", subject), ==, 1);
  g_assert_cmpuint (mailsend_test_count_header (academy, SENDER, "Sent", "Subject", subject), ==, 1);
  g_assert_cmpuint (count_outbox_files (), ==, 0);
}

typedef enum
{
  FOUND_NOTHING,
  FOUND_ORPHAN,     /* an .eml without state: queue() was interrupted */
  FOUND_QUEUED,
  FOUND_SENDING,
  FOUND_SENT,
  FOUND_OTHER,
  N_FOUND
} Found;

static const char * const found_names[] = { "nothing", "orphan", "queued", "sending", "sent", "other" };

/* What the killed sender left for this message in the outbox folder. */
static Found
inspect_outbox (const char  *message_id,
                char       **out_id)
{
  g_autofree char *dir = outbox_dir ();
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (!g_str_has_suffix (name, ".eml") ||
          !g_file_get_contents (path, &contents, NULL, NULL) ||
          strstr (contents, message_id) == NULL)
        continue;

      *out_id = g_strndup (name, strlen (name) - 4);
      {
        g_autofree char *state_path = g_strdup_printf ("%s/%s.state", dir, *out_id);
        g_autoptr(GKeyFile) state = g_key_file_new ();
        g_autofree char *value = NULL;

        if (!g_key_file_load_from_file (state, state_path, G_KEY_FILE_NONE, NULL))
          return FOUND_ORPHAN;
        value = g_key_file_get_string (state, "message", "state", NULL);
        if (g_strcmp0 (value, "queued") == 0)
          return FOUND_QUEUED;
        if (g_strcmp0 (value, "sending") == 0)
          return FOUND_SENDING;
        if (g_strcmp0 (value, "sent") == 0)
          return FOUND_SENT;
        return FOUND_OTHER;
      }
    }

  return FOUND_NOTHING;
}

/* A 2 MB message, so that the SMTP data phase lasts long enough to be hit. */
static char *
write_message (GBytes  *attachment,
               char   **out_message_id)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd;

  cartable_composer_set_from (composer, "Marie Durand", SENDER_EMAIL);
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, RECIPIENT_EMAIL);
  cartable_composer_set_subject (composer, "Bulletins du trimestre");
  cartable_composer_set_body (composer, "Les bulletins sont en pièce jointe.\n");
  cartable_composer_add_attachment (composer, "bulletins.pdf", "application/pdf", attachment);
  message = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  bytes = cartable_composer_serialize (message);

  fd = g_file_open_tmp ("crash-XXXXXX.eml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  *out_message_id = g_strdup (cartable_composer_get_message_id (composer));

  return g_steal_pointer (&path);
}

static gboolean
was_accepted (const char *stderr_path)
{
  g_autofree char *contents = NULL;

  g_file_get_contents (stderr_path, &contents, NULL, NULL);
  return contents != NULL &&
         (strstr (contents, "Queued as") != NULL || strstr (contents, "sous l’identifiant") != NULL);
}

CARTABLE_TEST ("sigkill", test_sigkill)
{
  g_autoptr(GBytes) attachment = mail_test_random_bytes (2 * 1024 * 1024);
  const char *runs_env = g_getenv ("CARTABLE_CRASH_RUNS");
  guint n_runs = runs_env != NULL ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : 24;
  guint tally[N_FOUND] = { 0 };
  guint n_delivered = 0;
  gint64 duration = 0;
  const char * const send_args[] = { "send", NULL };

  /* How long an undisturbed send takes, to spread the kills over it. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *message_id = NULL;
      g_autofree char *path = write_message (attachment, &message_id);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      process = mailsend_test_spawn_cli (academy, SENDER, path, NULL, send_args);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      if (!g_subprocess_get_if_exited (process))
        g_error ("an undisturbed cartable-cli send ended with signal %d",
                 g_subprocess_get_term_sig (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
      duration = MAX (duration, g_get_monotonic_time () - start);
      g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);
      g_unlink (path);
    }
  g_test_message ("an undisturbed send takes %" G_GINT64_FORMAT " ms", duration / 1000);

  for (guint run = 0; run < n_runs; run++)
    {
      g_autofree char *message_id = NULL;
      g_autofree char *path = write_message (attachment, &message_id);
      g_autofree char *stderr_path = g_strconcat (path, ".err", NULL);
      g_autofree char *id = NULL;
      g_autofree char *listing = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      /* Stratified: one random point in each slice of the send's duration. */
      gint64 kill_at = (duration * run + g_random_int_range (0, (gint32) MIN (duration, G_MAXINT32))) / n_runs;
      gboolean accepted;
      guint before, after, in_sent;
      Found found;
      int status;

      process = mailsend_test_spawn_cli (academy, SENDER, path, stderr_path, send_args);
      g_usleep (kill_at);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

      accepted = was_accepted (stderr_path);
      found = inspect_outbox (message_id, &id);
      tally[found]++;
      /* Deliveries already made (give LMTP a moment). */
      g_usleep (300 * 1000);
      before = mailsend_test_count (academy, RECIPIENT, "INBOX", message_id);
      g_test_message ("run %u: killed at %" G_GINT64_FORMAT " ms, %s, accepted %d, delivered %u",
                      run, kill_at / 1000, found_names[found], accepted, before);
      g_assert_cmpuint (before, <=, 1);

      /* The next start: what waits goes, what is uncertain stays. */
      status = mailsend_test_run_cli (academy, SENDER, &listing, NULL, (const char *[]) { "outbox", "--flush", NULL });
      g_assert_cmpint (status, ==, 0);

      switch (found)
        {
        case FOUND_SENDING:
          /* Maybe taken by the server, maybe not: never resent by itself. */
          g_assert_nonnull (strstr (listing, id));
          g_assert_nonnull (strstr (listing, "\tuncertain\t"));
          g_assert_nonnull (strstr (listing, "Ce message a peut-être déjà été envoyé"));
          g_usleep (500 * 1000);
          after = mailsend_test_count (academy, RECIPIENT, "INBOX", message_id);
          g_assert_cmpuint (after, ==, before);
          /* The user discards it. */
          status = mailsend_test_run_cli (academy, SENDER, NULL, NULL,
                                          (const char *[]) { "outbox", "--discard", id, NULL });
          g_assert_cmpint (status, ==, 0);
          break;

        case FOUND_ORPHAN:
        case FOUND_QUEUED:
          /* Never handed to the server: sent now, once. */
          g_assert_cmpuint (before, ==, 0);
          after = mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000);
          g_assert_cmpuint (after, ==, 1);
          break;

        case FOUND_SENT:
          /* Accepted by the server: only filed in Sent now. */
          g_assert_cmpuint (before, ==, 1);
          after = before;
          break;

        case FOUND_NOTHING:
          /* Either killed before the message was safely queued (then
           * "send" had not succeeded and nothing left), or after it was
           * sent, filed and removed. */
          after = before;
          if (accepted)
            g_assert_cmpuint (before, ==, 1);
          else
            g_assert_cmpuint (before, ==, 0);
          break;

        case FOUND_OTHER:
        case N_FOUND:
        default:
          g_assert_not_reached ();
        }

      /* Never twice, and never resent later. */
      g_usleep (300 * 1000);
      after = mailsend_test_count (academy, RECIPIENT, "INBOX", message_id);
      g_assert_cmpuint (after, <=, 1);
      in_sent = mailsend_test_count (academy, SENDER, "Sent", message_id);
      g_assert_cmpuint (in_sent, <=, after);
      n_delivered += after;
      g_assert_cmpuint (count_outbox_files (), ==, 0);

      g_unlink (path);
      g_unlink (stderr_path);
    }

  g_test_message ("%u runs: %u killed before queueing or after the end, %u orphan, %u queued, "
                  "%u sending (uncertain), %u sent; %u delivered",
                  n_runs, tally[FOUND_NOTHING], tally[FOUND_ORPHAN], tally[FOUND_QUEUED],
                  tally[FOUND_SENDING], tally[FOUND_SENT], n_delivered);
  g_assert_cmpuint (n_runs, >=, 20);
}

int
main (int   argc,
      char *argv[])
{
  return mail_test_main (&argc, &argv, TRUE, &academy);
}

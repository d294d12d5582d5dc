/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cartable-test-mail-send.h"
#include "mail/cartable-drafts.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("drafts");

/* Drafts against the loopback academy's Dovecot: saved once after a burst
 * of changes, on disk and in Drafts where each save replaces the last; a
 * draft written while the server was away survives a SIGKILL and is
 * offered back; while its writer lives, another process (or another drafts
 * object) neither offers it back, nor takes it, nor removes it; a draft
 * read back from the server is resumed with all it holds, its next save
 * replaces the server's copy and sending it removes that copy. */

#define SENDER "mdurand"
#define SENDER_EMAIL "marie.durand@ac-normandie.fr"

static MailTestAcademy *academy;

typedef struct
{
  guint n_local;
  guint n_server;
} Saves;

static void
saved_cb (CartableDrafts *drafts,
          const char     *id,
          gboolean        on_server,
          Saves          *saves)
{
  if (on_server)
    saves->n_server++;
  else
    saves->n_local++;
}

static void
wait_server_saves (Saves *saves,
                   guint  n)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (saves->n_server < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
count_drafts_with_body (const char *message_id,
                        const char *text)
{
  g_autofree char *script = g_strdup_printf (
    "import imaplib, os, ssl\n"
    "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "m = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx)\n"
    "m.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "m.select('Drafts', readonly=True)\n"
    "typ, data = m.search(None, 'HEADER', 'Message-ID', '%s', 'BODY', '%s', 'DRAFT')\n"
    "print(len(data[0].split()))\n"
    "m.logout()\n", message_id, text);
  g_autofree char *out = cartable_test_stack_python (academy->stack, SENDER, script);

  return (guint) g_ascii_strtoull (out, NULL, 10);
}

/* The drafts' files (ID.eml, ID.meta), locks apart. */
static guint
count_local_files (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cartable", "accounts", SENDER, "drafts", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (!g_str_has_suffix (name, ".lock"))
      n++;
  return n;
}

static gboolean
lock_file_exists (const char *id)
{
  g_autofree char *name = g_strconcat (id, ".lock", NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "cartable", "accounts", SENDER, "drafts",
                                            name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
discard (CartableDrafts *drafts,
         const char     *id)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_drafts_discard_async (drafts, id, NULL, cartable_test_result_cb, &result);
  cartable_test_assert_finish_ok (drafts, (CartableTestFinish) cartable_drafts_discard_finish, &result);
}

CARTABLE_TEST ("autosave", test_autosave)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableDrafts) drafts = NULL;
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  Saves saves = { 0 };
  const char *message_id;

  drafts = cartable_drafts_new (session, SENDER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cartable_drafts_get_delay (drafts), ==, CARTABLE_DRAFTS_DEFAULT_DELAY_MS);
  cartable_drafts_set_delay (drafts, 600);
  g_signal_connect (drafts, "saved", G_CALLBACK (saved_cb), &saves);

  cartable_composer_set_from (composer, "Marie Durand", SENDER_EMAIL);
  id = g_strdup (cartable_drafts_track (drafts, composer));
  message_id = cartable_composer_get_message_id (composer);

  /* A burst of typing: nothing is saved until it stops. */
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "thomas.lefebvre@ac-normandie.fr");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *body = g_strdup_printf ("Compte rendu du conseil, version%u", i);

      cartable_composer_set_subject (composer, "Compte rendu");
      cartable_composer_set_body (composer, body);
      mail_test_run_for (150);
      g_assert_cmpuint (saves.n_local, ==, 0);
    }
  wait_server_saves (&saves, 1);
  g_assert_cmpuint (saves.n_local, ==, 1);
  g_assert_cmpuint (count_local_files (), ==, 2);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 1);
  g_assert_cmpuint (count_drafts_with_body (message_id, "version5"), ==, 1);

  /* Another change: the server's copy is replaced, not added to. */
  cartable_composer_set_body (composer, "Compte rendu définitif");
  wait_server_saves (&saves, 2);
  g_assert_cmpuint (saves.n_local, ==, 2);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 1);
  g_assert_cmpuint (count_drafts_with_body (message_id, "finitif"), ==, 1);

  /* Another drafts object (a second window) while this one writes: it
   * neither offers the draft back nor removes its local copy. */
  {
    g_autoptr(CartableDrafts) again = cartable_drafts_new (session, SENDER, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cartable_drafts_get_restorable (again)), ==, 0);
    g_assert_cmpuint (count_local_files (), ==, 2);
    g_assert_null (cartable_drafts_restore (again, id, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
  }
  g_assert_true (lock_file_exists (id));

  /* Closed, then opened by the next start: nothing to offer back, the
   * server is up to date, and the local copy goes. */
  cartable_drafts_untrack (drafts, composer);
  {
    g_autoptr(CartableDrafts) again = cartable_drafts_new (session, SENDER, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cartable_drafts_get_restorable (again)), ==, 0);
    g_assert_cmpuint (count_local_files (), ==, 0);
    g_assert_false (lock_file_exists (id));
  }
  /* Writing goes on under a new draft id (same Message-ID). */
  g_free (id);
  id = g_strdup (cartable_drafts_track (drafts, composer));

  /* Sent or thrown away, even while a save is under way: gone from both
   * places, and the save does not bring it back. */
  cartable_composer_set_body (composer, "Dernier mot");
  cartable_drafts_save_now (drafts, composer);
  discard (drafts, id);
  mail_test_run_for (1500);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 0);
  g_assert_cmpuint (count_local_files (), ==, 0);
  g_assert_null (cartable_drafts_get_draft_id (drafts, composer));
}

static char *
read_line (GDataInputStream *lines)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

static void
wait_line (GDataInputStream *lines,
           const char       *expected)
{
  for (;;)
    {
      g_autofree char *line = read_line (lines);

      if (g_str_equal (line, expected))
        return;
    }
}

CARTABLE_TEST ("crash", test_crash)
{
  g_autoptr(GError) error = NULL;
  const char *helper_path = g_getenv ("MAILSEND_DRAFTS_HELPER");
  g_autofree char *imaps = g_strdup_printf ("%u", academy->imaps_port);
  g_autofree char *submission = g_strdup_printf ("%u", academy->submission_port);
  GOutputStream *in;
  Saves saves = { 0 };
  const char *message_id;
  const char *id;

  g_assert_nonnull (helper_path);
  g_autoptr(GSubprocess) helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                    helper_path, academy->dir, academy->ca_file, imaps, submission,
                                                    "Voyage à Étretat", "Première version", NULL);
  g_assert_no_error (error);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (helper));
  in = g_subprocess_get_stdin_pipe (helper);

  g_autofree char *first = read_line (lines);
  g_auto(GStrv) fields = g_strsplit (first, " ", 3);
  g_assert_cmpstr (fields[0], ==, "id");
  message_id = fields[1];
  id = fields[2];

  /* Saved on disk and on the server. */
  wait_line (lines, "local");
  wait_line (lines, "server");
  g_assert_cmpuint (count_drafts_with_body (message_id, "Premi"), ==, 1);

  /* The server goes away; the writer goes on; the local save still works. */
  mail_test_academy_stop_imap (academy);
  g_assert_true (g_output_stream_write_all (in, "Deuxième version, écrite hors connexion\n", strlen ("Deuxième version, écrite hors connexion\n"), NULL, NULL, &error));
  g_assert_no_error (error);
  wait_line (lines, "local");

  /* Still written by a live process: this one neither offers it back,
   * nor opens it, nor removes it, though it is newer than the server's. */
  {
    g_autoptr(CartableMailSession) other_session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
    g_autoptr(CartableDrafts) other = cartable_drafts_new (other_session, SENDER, &error);
    g_autoptr(CartableComposer) taken = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cartable_drafts_get_restorable (other)), ==, 0);
    taken = cartable_drafts_restore (other, id, &error);
    g_assert_null (taken);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
    cartable_drafts_discard_async (other, id, NULL, cartable_test_result_cb, &result);
    g_assert_false (cartable_drafts_discard_finish (other, cartable_test_wait_result (&result, 0), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
    g_assert_cmpuint (count_local_files (), ==, 2);
  }

  /* The writer goes on saving. */
  g_assert_true (g_output_stream_write_all (in, "Deuxième version, reprise hors connexion\n", strlen ("Deuxième version, reprise hors connexion\n"), NULL, NULL, &error));
  g_assert_no_error (error);
  wait_line (lines, "local");

  /* Killed without warning. */
  g_subprocess_force_exit (helper);
  g_subprocess_wait (helper, NULL, &error);
  g_assert_no_error (error);
  mail_test_academy_start_imap (academy);

  /* The next start offers it back: newer than the server's copy. */
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableDrafts) drafts = cartable_drafts_new (session, SENDER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_drafts_get_restorable (drafts)), ==, 1);
  g_autoptr(CartableDraftInfo) info = g_list_model_get_item (cartable_drafts_get_restorable (drafts), 0);
  g_assert_cmpstr (cartable_draft_info_get_id (info), ==, id);
  g_assert_cmpstr (cartable_draft_info_get_subject (info), ==, "Voyage à Étretat");
  g_assert_cmpstr (cartable_draft_info_get_recipients (info), ==, "thomas.lefebvre@ac-normandie.fr");

  g_autoptr(CartableComposer) composer = cartable_drafts_restore (drafts, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cartable_composer_get_body (composer), ==, "Deuxième version, reprise hors connexion");
  g_assert_cmpstr (cartable_composer_get_subject (composer), ==, "Voyage à Étretat");
  g_assert_cmpstr (cartable_composer_get_message_id (composer), ==, message_id);
  g_assert_cmpstr (cartable_drafts_get_draft_id (drafts, composer), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_drafts_get_restorable (drafts)), ==, 0);

  /* Writing on: the server's old copy is replaced by the restored one. */
  cartable_drafts_set_delay (drafts, 200);
  g_signal_connect (drafts, "saved", G_CALLBACK (saved_cb), &saves);
  cartable_composer_set_body (composer, "Troisième version, après le retour");
  wait_server_saves (&saves, 1);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 1);
  g_assert_cmpuint (count_drafts_with_body (message_id, "Troisi"), ==, 1);

  discard (drafts, id);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 0);
  g_assert_cmpuint (count_local_files (), ==, 0);
}

/* The server's copy of the draft @message_id, parsed. */
static GMimeMessage *
fetch_server_draft (const char *message_id)
{
  g_autofree char *script = g_strdup_printf (
    "import base64, imaplib, os, ssl\n"
    "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "m = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx)\n"
    "m.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "m.select('Drafts', readonly=True)\n"
    "typ, data = m.search(None, 'ALL')\n"
    "for n in data[0].split():\n"
    "    typ, data = m.fetch(n, '(RFC822)')\n"
    "    if b'%s' in data[0][1]:\n"
    "        break\n"
    "print(base64.b64encode(data[0][1]).decode())\n"
    "m.logout()\n", message_id);
  g_autofree char *out = cartable_test_stack_python (academy->stack, SENDER, script);
  gsize length = 0;
  g_autofree guchar *raw = g_base64_decode (g_strstrip (out), &length);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer ((const char *) raw, length);
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

  g_assert_nonnull (message);
  return message;
}

/* A draft written in an earlier window, closed, then resumed from the
 * server's Drafts folder (« Reprendre »). */
CARTABLE_TEST ("resume", test_resume)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) draft = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n%autorisation\n", 23);
  g_autoptr(GError) error = NULL;
  Saves saves = { 0 };

  g_autoptr(CartableDrafts) drafts = cartable_drafts_new (session, SENDER, &error);
  g_assert_no_error (error);
  cartable_drafts_set_delay (drafts, 600);
  g_signal_connect (drafts, "saved", G_CALLBACK (saved_cb), &saves);

  cartable_composer_set_from (composer, "Marie Durand", SENDER_EMAIL);
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "Thomas Lefebvre <thomas.lefebvre@ac-normandie.fr>");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_CC, "vie.scolaire@ac-normandie.fr");
  cartable_composer_set_subject (composer, "Sortie au musée");
  cartable_composer_set_body (composer, "Départ à 8 h devant le collège.");
  cartable_composer_add_attachment (composer, "autorisation.pdf", "application/pdf", pdf);
  g_autofree char *message_id = g_strdup (cartable_composer_get_message_id (composer));
  cartable_drafts_track (drafts, composer);
  cartable_drafts_save_now (drafts, composer);
  wait_server_saves (&saves, 1);
  /* The first window is closed: the draft is only on the server now. */
  cartable_drafts_untrack (drafts, composer);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 1);

  draft = fetch_server_draft (message_id);
  g_autoptr(CartableComposer) resumed = cartable_drafts_resume (drafts, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resumed);
  g_autofree char *to = cartable_composer_dup_recipients (resumed, GMIME_ADDRESS_TYPE_TO);
  g_autofree char *cc = cartable_composer_dup_recipients (resumed, GMIME_ADDRESS_TYPE_CC);
  g_assert_cmpstr (to, ==, "Thomas Lefebvre <thomas.lefebvre@ac-normandie.fr>");
  g_assert_cmpstr (cc, ==, "vie.scolaire@ac-normandie.fr");
  g_assert_cmpstr (cartable_composer_get_subject (resumed), ==, "Sortie au musée");
  g_assert_cmpstr (cartable_composer_get_body (resumed), ==, "Départ à 8 h devant le collège.");
  g_assert_cmpstr (cartable_composer_get_from_address (resumed), ==, SENDER_EMAIL);
  g_assert_cmpuint (cartable_composer_get_n_attachments (resumed), ==, 1);
  g_assert_cmpstr (cartable_composer_get_message_id (resumed), ==, message_id);
  g_assert_nonnull (cartable_drafts_get_draft_id (drafts, resumed));

  /* Not twice at once. */
  g_assert_null (cartable_drafts_resume (drafts, draft, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  /* Saved again: the server holds the new text, once. */
  cartable_composer_set_body (resumed, "Départ à 8h30 devant le collège.");
  wait_server_saves (&saves, 2);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 1);
  g_assert_cmpuint (count_drafts_with_body (message_id, "8h30"), ==, 1);
  g_assert_cmpuint (mailsend_test_count_header (academy, SENDER, "Drafts", "Subject", "Sortie au mus"), ==, 1);

  /* Sent: no copy left in Drafts, nor on disk. */
  g_autofree char *resumed_id = g_strdup (cartable_drafts_get_draft_id (drafts, resumed));
  discard (drafts, resumed_id);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Drafts", message_id), ==, 0);
  g_assert_null (cartable_drafts_get_draft_id (drafts, resumed));
  g_assert_false (lock_file_exists (resumed_id));
}

int
main (int   argc,
      char *argv[])
{
  return mail_test_main (&argc, &argv, TRUE, &academy);
}

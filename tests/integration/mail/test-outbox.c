/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cartable-test-mail-send.h"
#include "mail/cartable-composer.h"
#include "mail/cartable-message.h"
#include "mail/cartable-outbox.h"
#include "mail/cartable-outbox-util-private.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("outbox");

/* The outbox against the loopback academy's Postfix and Dovecot: what is
 * sent arrives once, byte for byte; undo, scheduling, an unreachable
 * server and an interrupted sending behave as promised. */

#define SENDER "mdurand"
#define SENDER_EMAIL "marie.durand@ac-normandie.fr"
#define RECIPIENT "tlefebvre"
#define RECIPIENT_EMAIL "thomas.lefebvre@ac-normandie.fr"

static MailTestAcademy *academy;

/* A short WAV: RIFF header and random 16-bit samples. */
static GBytes *
make_wav (guint n_samples)
{
  gsize size = 44 + n_samples * 2;
  guint8 *data = g_malloc0 (size);
  guint32 v;

  memcpy (data, "RIFF", 4);
  v = GUINT32_TO_LE (size - 8); memcpy (data + 4, &v, 4);
  memcpy (data + 8, "WAVEfmt ", 8);
  v = GUINT32_TO_LE (16); memcpy (data + 16, &v, 4);
  data[20] = 1; data[22] = 1;                       /* PCM, mono */
  v = GUINT32_TO_LE (8000); memcpy (data + 24, &v, 4);
  v = GUINT32_TO_LE (16000); memcpy (data + 28, &v, 4);
  data[32] = 2; data[34] = 16;
  memcpy (data + 36, "data", 4);
  v = GUINT32_TO_LE (n_samples * 2); memcpy (data + 40, &v, 4);
  for (gsize i = 44; i < size; i++)
    data[i] = g_random_int_range (0, 256);

  return g_bytes_new_take (data, size);
}

static GMimeMessage *
make_message (const char *subject,
              char      **out_message_id)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GError) error = NULL;
  GMimeMessage *message;

  cartable_composer_set_from (composer, "Marie Durand", SENDER_EMAIL);
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, "Thomas Lefebvre <" RECIPIENT_EMAIL ">");
  cartable_composer_set_subject (composer, subject);
  cartable_composer_set_body (composer, "Bonjour Thomas,\nles élèves de 4ᵉ B partent à 8 h.\n");
  message = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  *out_message_id = g_strdup (cartable_composer_get_message_id (composer));

  return message;
}

static void
flush (CartableOutbox *outbox,
       guint          *out_n_sent,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cartable_outbox_flush_async (outbox, NULL, cartable_test_result_cb, &result);
  cartable_outbox_flush_finish (outbox, cartable_test_wait_result (&result, 0), out_n_sent, error);
}

static guint
count_outbox_files (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cartable", "accounts", SENDER, "outbox", NULL);

  return cartable_test_count_files (dir);
}

typedef struct
{
  CartableMailSession *session;
  char                *message_id;
} LoadData;

/* Worker thread: the message as the recipient's Cartable reads it. */
static void
load_received_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  LoadData *load = task_data;
  CamelStore *store = cartable_mail_session_get_store (load->session, RECIPIENT);
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(GError) error = NULL;
  CartableMessage *message;
  GPtrArray *uids;

  g_assert_true (cartable_mail_session_connect_store_sync (load->session, RECIPIENT, NULL, &error));
  g_assert_no_error (error);
  inbox = camel_store_get_folder_sync (store, "INBOX", 0, NULL, &error);
  g_assert_no_error (error);
  uids = cartable_outbox_util_find_message_id (inbox, load->message_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uids->len, ==, 1);
  message = cartable_message_load_sync (inbox, g_ptr_array_index (uids, 0), NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (uids);

  g_task_return_pointer (task, message, g_object_unref);
}

static void
check_saved_by_cartable (const char *message_id,
                         GBytes     *image,
                         GBytes     *audio)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, RECIPIENT, RECIPIENT_EMAIL);
  g_autoptr(CartableMessage) message = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = g_dir_make_tmp ("saved-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  LoadData load = { session, (char *) message_id };
  GListModel *attachments;
  GBytes *expected[] = { image, audio };
  const char *names[] = { "photo de classe.png", "chorale élèves.wav" };

  task = g_task_new (NULL, NULL, cartable_test_result_cb, &result);
  g_task_set_task_data (task, &load, NULL);
  g_task_run_in_thread (task, load_received_thread);
  message = g_task_propagate_pointer (G_TASK (cartable_test_wait_result (&result, 0)), &error);
  g_assert_no_error (error);

  attachments = cartable_message_get_attachments (message);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CartableAttachment) attachment = g_list_model_get_item (attachments, i);
      g_autoptr(GAsyncResult) saved = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *basename = NULL;

      cartable_attachment_save_async (attachment, dir, NULL, cartable_test_result_cb, &saved);
      file = cartable_attachment_save_finish (attachment, cartable_test_wait_result (&saved, 0), &error);
      g_assert_no_error (error);
      basename = g_file_get_basename (file);
      g_assert_cmpstr (basename, ==, names[i]);
      bytes = g_file_load_bytes (file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, expected[i]));
      g_file_delete (file, NULL, NULL);
    }
  g_rmdir (dir_path);
}

CARTABLE_TEST ("attachments", test_attachments)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GBytes) image = mail_test_random_bytes (150 * 1024);
  g_autoptr(GBytes) audio = make_wav (120000);
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *image_sum = NULL;
  g_autofree char *audio_sum = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *image_path = NULL;
  g_autoptr(GFile) image_file = NULL;
  const char *message_id;
  guint n_sent = 0;

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);

  /* The image goes by file (MIME type from its name), the audio as data. */
  image_path = g_build_filename (g_get_tmp_dir (), "photo de classe.png", NULL);
  g_assert_true (g_file_set_contents (image_path, g_bytes_get_data (image, NULL), g_bytes_get_size (image), NULL));
  image_file = g_file_new_for_path (image_path);

  cartable_composer_set_from (composer, "Marie Durand", SENDER_EMAIL);
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, RECIPIENT_EMAIL);
  cartable_composer_set_subject (composer, "Photo et enregistrement — sortie à Étretat");
  cartable_composer_set_body (composer, "Ci-joint la photo et l’enregistrement.\n");
  g_assert_true (cartable_composer_add_attachment_file (composer, image_file, NULL, &error));
  g_assert_no_error (error);
  cartable_composer_add_attachment (composer, "chorale élèves.wav", NULL, audio);
  message = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  message_id = cartable_composer_get_message_id (composer);

  g_assert_nonnull (cartable_outbox_queue (outbox, message, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 1);
  g_assert_cmpuint (count_outbox_files (), ==, 2);

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  /* Sent, filed in Sent, and gone from the outbox (files included). */
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 0);
  g_assert_cmpuint (count_outbox_files (), ==, 0);
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Sent", message_id), ==, 1);

  /* What the recipient's mailbox holds, attachment by attachment. */
  script = g_strdup_printf (
    "import email, email.policy, hashlib, imaplib, os, ssl\n"
    "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n"
    "m = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx)\n"
    "m.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
    "m.select('INBOX', readonly=True)\n"
    "typ, data = m.search(None, 'HEADER', 'Message-ID', '%s')\n"
    "typ, msg = m.fetch(data[0].split()[0], '(RFC822)')\n"
    "parsed = email.message_from_bytes(msg[0][1], policy=email.policy.default)\n"
    "for part in parsed.iter_attachments():\n"
    "    print(part.get_filename(), part.get_content_type(), hashlib.sha256(part.get_payload(decode=True)).hexdigest(), sep='|')\n"
    "m.logout()\n", message_id);
  out = cartable_test_stack_python (academy->stack, RECIPIENT, script);

  image_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image);
  audio_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, audio);
  expected = g_strdup_printf ("photo de classe.png|image/png|%s\nchorale élèves.wav|audio/x-wav|%s\n",
                              image_sum, audio_sum);
  g_assert_cmpstr (out, ==, expected);

  /* And as the recipient's Cartable saves them. */
  g_clear_object (&outbox);
  g_clear_object (&session);
  check_saved_by_cartable (message_id, image, audio);

  g_unlink (image_path);
}

CARTABLE_TEST ("undo", test_undo)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  CartableOutboxItem *item;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_autoptr(CartableOutbox) outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  cartable_outbox_set_running (outbox, TRUE);

  g_autoptr(GMimeMessage) message = make_message ("Annulé avant l’envoi", &message_id);
  item = cartable_outbox_queue (outbox, message, now + 3, &error);
  g_assert_no_error (error);
  g_autofree char *id = g_strdup (cartable_outbox_item_get_id (item));
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);

  /* Within the delay: the worker holds it, the user takes it back. */
  mail_test_run_for (1000);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_true (cartable_outbox_cancel (outbox, id, &error));
  g_assert_no_error (error);
  g_assert_null (cartable_outbox_lookup (outbox, id));
  g_assert_cmpuint (count_outbox_files (), ==, 0);

  /* Well past the delay, nothing has left. */
  mail_test_run_for (4000);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 0);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Sent", message_id), ==, 0);

  /* A message that is gone cannot be cancelled twice. */
  g_assert_false (cartable_outbox_cancel (outbox, id, &error));
  g_assert_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_NOT_FOUND);
}

static void
sent_cb (CartableOutbox     *outbox,
         CartableOutboxItem *item,
         gint64             *sent_at)
{
  *sent_at = g_get_real_time ();
}

CARTABLE_TEST ("scheduled", test_scheduled)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  gint64 send_at = g_get_real_time () / G_USEC_PER_SEC + 4;
  gint64 sent_at = 0;
  gboolean sent = FALSE;

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  g_signal_connect (outbox, "message-sent", G_CALLBACK (sent_cb), &sent_at);
  cartable_outbox_set_running (outbox, TRUE);

  message = make_message ("Programmé", &message_id);
  g_assert_nonnull (cartable_outbox_queue (outbox, message, send_at, &error));
  g_assert_no_error (error);

  mail_test_run_for (1500);
  g_assert_cmpint (sent_at, ==, 0);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 0);

  while (sent_at == 0)
    {
      g_assert_cmpint (g_get_real_time (), <, (send_at + 10) * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, TRUE);
    }
  /* Not before its time, and soon after it. */
  g_assert_cmpint (sent_at, >=, send_at * G_USEC_PER_SEC);
  g_assert_cmpint (sent_at, <, (send_at + 3) * G_USEC_PER_SEC);
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);

  /* Filed in Sent and removed from the outbox. */
  while (g_list_model_get_n_items (cartable_outbox_get_items (outbox)) > 0)
    cartable_test_wait_flag (&sent, 100);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Sent", message_id), ==, 1);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gboolean   *flag)
{
  *flag = TRUE;
}

CARTABLE_TEST ("unreachable", test_unreachable)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *id = NULL;
  CartableOutboxItem *item;
  gboolean retry_set = FALSE;
  gint64 first_retry;
  guint n_sent = 0;

  mailsend_test_stop_postfix (academy);

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  g_signal_connect (outbox, "notify::retry-at", G_CALLBACK (notify_cb), &retry_set);
  cartable_outbox_set_running (outbox, TRUE);

  message = make_message ("Serveur arrêté", &message_id);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  id = g_strdup (cartable_outbox_item_get_id (item));

  /* The worker tries, fails, and waits before the next try. */
  g_assert_true (cartable_test_wait_flag (&retry_set, 10000));
  first_retry = cartable_outbox_get_retry_at (outbox);
  g_assert_cmpint (first_retry, >, g_get_real_time () / G_USEC_PER_SEC - 1);
  g_assert_nonnull (cartable_outbox_get_last_error (outbox));
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 1);

  /* Longer waits after each failure. */
  retry_set = FALSE;
  g_assert_true (cartable_test_wait_flag (&retry_set, 10000));
  g_assert_cmpint (cartable_outbox_get_retry_at (outbox) - g_get_real_time () / G_USEC_PER_SEC, >=, 3);

  /* A flush says why. */
  flush (outbox, &n_sent, &error);
  g_assert_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (n_sent, ==, 0);

  /* One process at a time owns an outbox. */
  {
    g_autoptr(CartableOutbox) second = cartable_outbox_new (session, SENDER, &error);

    g_assert_null (second);
    g_assert_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_BUSY);
    g_clear_error (&error);
  }

  /* The application quits; the message stays on disk. */
  g_clear_object (&outbox);
  g_assert_cmpuint (count_outbox_files (), ==, 2);

  mailsend_test_start_postfix (academy);

  /* Next start: found queued, sent once. */
  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  item = cartable_outbox_lookup (outbox, id);
  g_assert_nonnull (item);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  mail_test_run_for (500);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 1);
  g_assert_cmpuint (count_outbox_files (), ==, 0);
}

/* A crash while "sending": the next start cannot know whether the server
 * took the message, so it must not send it again by itself. */
CARTABLE_TEST ("uncertain", test_uncertain)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *message_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *state_path = NULL;
  CartableOutboxItem *item;
  guint n_sent = 0;

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  message = make_message ("Envoi interrompu", &message_id);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  id = g_strdup (cartable_outbox_item_get_id (item));
  g_clear_object (&outbox);

  /* What a process killed in the middle of the SMTP exchange leaves. */
  state_path = g_strdup_printf ("%s/cartable/accounts/%s/outbox/%s.state", g_get_user_data_dir (), SENDER, id);
  g_assert_true (g_key_file_load_from_file (state, state_path, G_KEY_FILE_KEEP_COMMENTS, NULL));
  g_assert_cmpstr (g_key_file_get_string (state, "message", "state", NULL), ==, "queued");
  g_key_file_set_string (state, "message", "state", "sending");
  g_assert_true (g_key_file_save_to_file (state, state_path, NULL));

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  item = cartable_outbox_lookup (outbox, id);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_UNCERTAIN);
  g_assert_cmpstr (cartable_outbox_state_describe (CARTABLE_OUTBOX_STATE_UNCERTAIN), ==,
                   "Ce message a peut-être déjà été envoyé");
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 0);

  /* Neither the worker nor a flush sends it. */
  cartable_outbox_set_running (outbox, TRUE);
  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  mail_test_run_for (1000);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 0);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_UNCERTAIN);

  /* Still uncertain after another restart (recorded on disk). */
  g_clear_object (&outbox);
  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  item = cartable_outbox_lookup (outbox, id);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_UNCERTAIN);

  /* The user decides to send it again. */
  g_assert_true (cartable_outbox_resend (outbox, id, &error));
  g_assert_no_error (error);
  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);
}

/* The server refuses a recipient: refused, kept for the user, not retried. */
CARTABLE_TEST ("refused", test_refused)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  CartableOutboxItem *item;
  guint n_sent = 0;

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);

  /* Postfix refuses a sender address that is not the account's. */
  cartable_composer_set_from (composer, NULL, "usurpateur@ac-normandie.fr");
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, RECIPIENT_EMAIL);
  cartable_composer_set_subject (composer, "Refusé");
  message = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  id = g_strdup (cartable_outbox_item_get_id (item));

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_FAILED);
  g_assert_nonnull (cartable_outbox_item_get_last_error (item));
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", cartable_composer_get_message_id (composer)), ==, 0);

  g_assert_true (cartable_outbox_cancel (outbox, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 0);
}

static char *
wrong_password_cb (const char *account_id,
                   gpointer    user_data)
{
  return g_strdup ("pas-le-bon-mot-de-passe");
}

/* The server refuses the password: the message waits, nothing is lost,
 * and the error says why. */
CARTABLE_TEST ("wrong-password", test_wrong_password)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  CartableOutboxItem *item;
  guint n_sent = 0;

  cartable_mail_session_set_password_func (session, wrong_password_cb, NULL, NULL);
  g_autoptr(CartableOutbox) outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);

  g_autoptr(GMimeMessage) message = make_message ("Mot de passe refusé", &message_id);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  g_autofree char *id = g_strdup (cartable_outbox_item_get_id (item));

  flush (outbox, &n_sent, &error);
  g_assert_error (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (cartable_outbox_item_get_attempts (item), ==, 0);
  g_assert_nonnull (cartable_outbox_get_last_error (outbox));
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 0);

  g_assert_true (cartable_outbox_cancel (outbox, id, &error));
  g_assert_no_error (error);
}

/* A crash after the copy reached Sent but before the outbox knew: the
 * next start finds the message "sent" and must not file a second copy. */
CARTABLE_TEST ("sent-filed-once", test_sent_filed_once)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *message_id = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cartable", "accounts", SENDER, "outbox", NULL);
  g_autofree char *eml = g_build_filename (dir, "1-leftover.eml", NULL);
  g_autofree char *state_path = g_build_filename (dir, "1-leftover.state", NULL);
  CartableOutboxItem *item;
  guint n_sent = 0;

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  message = make_message ("Classé une seule fois", &message_id);
  bytes = cartable_composer_serialize (message);
  g_assert_nonnull (cartable_outbox_queue (outbox, message, 0, &error));
  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Sent", message_id), ==, 1);
  g_clear_object (&outbox);

  /* What such a crash leaves. */
  g_assert_true (g_file_set_contents (eml, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_key_file_set_string (state, "message", "state", "sent");
  g_key_file_set_string (state, "message", "message-id", message_id);
  g_assert_true (g_key_file_save_to_file (state, state_path, NULL));

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  item = cartable_outbox_lookup (outbox, "1-leftover");
  g_assert_nonnull (item);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_SENT);
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 0);

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 0);
  g_assert_cmpuint (count_outbox_files (), ==, 0);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Sent", message_id), ==, 1);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 1);
}

static GMimeMessage *
make_message_to (const char  *to,
                 const char  *subject,
                 char       **out_message_id)
{
  g_autoptr(CartableComposer) composer = cartable_composer_new ();
  g_autoptr(GError) error = NULL;
  GMimeMessage *message;

  cartable_composer_set_from (composer, "Marie Durand", SENDER_EMAIL);
  cartable_composer_set_recipients (composer, GMIME_ADDRESS_TYPE_TO, to);
  cartable_composer_set_subject (composer, subject);
  cartable_composer_set_body (composer, "Bonjour,\nla réunion parents-professeurs est jeudi.\n");
  message = cartable_composer_build (composer, &error);
  g_assert_no_error (error);
  *out_message_id = g_strdup (cartable_composer_get_message_id (composer));

  return message;
}

static void
flag_cb (gpointer  instance,
         gpointer  arg,
         gboolean *flag)
{
  *flag = TRUE;
}

/* Postfix answers 451 to RCPT TO (the academy lists the address): refused
 * for now, so the message stays queued with the server's reason, waits for
 * the back-off, and is not "failed" — even after a restart. */
CARTABLE_TEST ("refused-for-now", test_refused_for_now)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *id = NULL;
  CartableOutboxItem *item;
  guint n_sent = 0;

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  message = make_message_to ("indisponible@ac-normandie.fr", "Boîte occupée", &message_id);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  id = g_strdup (cartable_outbox_item_get_id (item));

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (cartable_outbox_item_get_attempts (item), ==, 1);
  /* The server's own words, code included (Camel drops the code). */
  g_assert_true (g_str_has_prefix (cartable_outbox_item_get_last_error (item), "451 4.3.0 "));
  g_assert_nonnull (strstr (cartable_outbox_item_get_last_error (item), "Mailbox busy, try again later"));
  g_assert_cmpint (cartable_outbox_get_retry_at (outbox), >=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_nonnull (strstr (cartable_outbox_get_last_error (outbox), "Mailbox busy"));
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 1);

  /* Refused again: still waiting, never failed. */
  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (cartable_outbox_item_get_attempts (item), ==, 2);

  /* The reason is on disk. */
  g_clear_object (&outbox);
  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  item = cartable_outbox_lookup (outbox, id);
  g_assert_nonnull (item);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_nonnull (strstr (cartable_outbox_item_get_last_error (item), "Mailbox busy"));

  g_assert_true (cartable_outbox_cancel (outbox, id, &error));
  g_assert_no_error (error);
}

/* 550 for one address, 554 for a domain the academy does not relay to:
 * refused for good, so "failed" at once; one refusal does not stop the
 * next message of the round. */
CARTABLE_TEST ("refused-for-good", test_refused_for_good)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *third_id = NULL;
  CartableOutboxItem *refused, *elsewhere, *good;
  guint n_sent = 0;

  g_autoptr(CartableOutbox) outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  g_autoptr(GMimeMessage) first = make_message_to ("refuse@ac-normandie.fr", "Adresse refusée", &first_id);
  g_autoptr(GMimeMessage) second = make_message_to ("quelqu.un@example.org", "Hors académie", &second_id);
  g_autoptr(GMimeMessage) third = make_message_to (RECIPIENT_EMAIL, "Après deux refus", &third_id);
  refused = cartable_outbox_queue (outbox, first, 0, &error);
  g_assert_no_error (error);
  elsewhere = cartable_outbox_queue (outbox, second, 0, &error);
  g_assert_no_error (error);
  good = cartable_outbox_queue (outbox, third, 0, &error);
  g_assert_no_error (error);
  g_object_ref (good);

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpint (cartable_outbox_item_get_state (refused), ==, CARTABLE_OUTBOX_STATE_FAILED);
  g_assert_true (g_str_has_prefix (cartable_outbox_item_get_last_error (refused), "550 5.1.1 "));
  g_assert_nonnull (strstr (cartable_outbox_item_get_last_error (refused), "Mailbox refused for good"));
  g_assert_cmpint (cartable_outbox_item_get_state (elsewhere), ==, CARTABLE_OUTBOX_STATE_FAILED);
  g_assert_true (g_str_has_prefix (cartable_outbox_item_get_last_error (elsewhere), "554 5.7.1 "));
  g_assert_nonnull (strstr (cartable_outbox_item_get_last_error (elsewhere), "Relay access denied"));
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 0);
  /* Nothing waits for a retry. */
  g_assert_cmpint (cartable_outbox_get_retry_at (outbox), ==, 0);
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", third_id, 1, 5000), ==, 1);
  g_object_unref (good);

  g_assert_true (cartable_outbox_cancel (outbox, cartable_outbox_item_get_id (refused), &error));
  g_assert_true (cartable_outbox_cancel (outbox, cartable_outbox_item_get_id (elsewhere), &error));
  g_assert_no_error (error);
}

/* The recipient is greylisted (450 to RCPT TO), then no longer: the
 * worker tries again by itself after its back-off, and the message
 * arrives exactly once, with one copy in Sent. */
CARTABLE_TEST ("retried-then-delivered", test_retried_then_delivered)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  CartableOutboxItem *item;
  gboolean retry_set = FALSE;
  gboolean sent = FALSE;

  mailsend_test_set_fault (academy, "recipient_faults", RECIPIENT_EMAIL, "450 4.2.1 Greylisted, come back later");

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  g_signal_connect (outbox, "notify::retry-at", G_CALLBACK (notify_cb), &retry_set);
  g_signal_connect (outbox, "message-sent", G_CALLBACK (flag_cb), &sent);
  cartable_outbox_set_running (outbox, TRUE);

  message = make_message ("Liste grise", &message_id);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  g_object_ref (item);

  g_assert_true (cartable_test_wait_flag (&retry_set, 15000));
  g_assert_false (sent);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_true (g_str_has_prefix (cartable_outbox_item_get_last_error (item), "450 4.2.1 "));
  g_assert_nonnull (strstr (cartable_outbox_item_get_last_error (item), "Greylisted"));
  g_assert_cmpint (cartable_outbox_get_retry_at (outbox), >, 0);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 0);

  mailsend_test_set_fault (academy, "recipient_faults", RECIPIENT_EMAIL, NULL);

  /* No flush: the worker's own next try. */
  g_assert_true (cartable_test_wait_flag (&sent, 30000));
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);
  g_assert_cmpuint (mailsend_test_wait_count (academy, SENDER, "Sent", message_id, 1, 5000), ==, 1);
  mail_test_run_for (1000);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 1);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Sent", message_id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cartable_outbox_get_items (outbox)), ==, 0);
  g_object_unref (item);
}

/* Postfix answers 451 after the data (end-of-data restriction): the server
 * has answered, so it did not take the message — queued, not uncertain,
 * not failed; sent once when the fault is gone. */
CARTABLE_TEST ("refused-after-data", test_refused_after_data)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  CartableOutboxItem *item;
  guint n_sent = 0;

  mailsend_test_set_fault (academy, "data_faults", SENDER_EMAIL, "451 4.3.0 Queue file write error, try later");

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  message = make_message ("Refus après les données", &message_id);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  g_object_ref (item);

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_nonnull (strstr (cartable_outbox_item_get_last_error (item), "Queue file write error"));
  g_assert_cmpint (cartable_outbox_get_retry_at (outbox), >, 0);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 0);

  mailsend_test_set_fault (academy, "data_faults", SENDER_EMAIL, NULL);

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);
  mail_test_run_for (500);
  g_assert_cmpuint (mailsend_test_count (academy, RECIPIENT, "INBOX", message_id), ==, 1);
  g_assert_cmpuint (mailsend_test_count (academy, SENDER, "Sent", message_id), ==, 1);
  g_object_unref (item);
}

/* A server that greets every connection with one reply and hangs up: a
 * 421 at the greeting, which Postfix cannot be made to answer on demand. */
typedef struct
{
  GSocketService *service;
  const char     *reply;
  guint           n_connections;
} GreetingServer;

static gboolean
greeting_incoming_cb (GSocketService    *service,
                      GSocketConnection *connection,
                      GObject           *source,
                      GreetingServer    *server)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, server->reply, strlen (server->reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  server->n_connections++;
  return TRUE;
}

/* Postfix is stopped and its port answers "421" at once: the server is
 * there but cannot serve now. The message stays queued, the worker waits,
 * and a flush says the server could not be reached; once Postfix is back
 * it leaves once. */
CARTABLE_TEST ("greeting-refused-for-now", test_greeting_refused_for_now)
{
  g_autoptr(CartableMailSession) session = mailsend_test_session_new (academy, SENDER, SENDER_EMAIL);
  g_autoptr(CartableOutbox) outbox = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message_id = NULL;
  GreetingServer server = { NULL, "421 4.3.2 Too many connections, try again later\r\n", 0 };
  CartableOutboxItem *item;
  guint n_sent = 0;

  outbox = cartable_outbox_new (session, SENDER, &error);
  g_assert_no_error (error);
  message = make_message ("Serveur saturé", &message_id);
  item = cartable_outbox_queue (outbox, message, 0, &error);
  g_assert_no_error (error);
  g_object_ref (item);

  mailsend_test_stop_postfix (academy);
  server.service = g_socket_service_new ();
  g_socket_listener_add_inet_port (G_SOCKET_LISTENER (server.service), academy->submission_port, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server.service, "incoming", G_CALLBACK (greeting_incoming_cb), &server);
  g_socket_service_start (server.service);

  flush (outbox, &n_sent, &error);
  g_assert_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (n_sent, ==, 0);
  /* Camel's connection, then the one that read the code. */
  g_assert_cmpuint (server.n_connections, ==, 2);
  g_assert_cmpint (cartable_outbox_item_get_state (item), ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (cartable_outbox_get_retry_at (outbox), >=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_nonnull (strstr (cartable_outbox_get_last_error (outbox), "Too many connections"));
  g_assert_cmpuint (cartable_outbox_get_n_pending (outbox), ==, 1);

  g_socket_service_stop (server.service);
  g_socket_listener_close (G_SOCKET_LISTENER (server.service));
  g_clear_object (&server.service);
  mailsend_test_start_postfix (academy);

  flush (outbox, &n_sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 1);
  g_assert_cmpuint (mailsend_test_wait_count (academy, RECIPIENT, "INBOX", message_id, 1, 5000), ==, 1);
  g_object_unref (item);
}

int
main (int   argc,
      char *argv[])
{
  return mail_test_main (&argc, &argv, TRUE, &academy);
}

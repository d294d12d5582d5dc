/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "cartable-engine.h"
#include "mail/cartable-outbox-store.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("outbox-store");

/* The outbox's files, without a server: what is written is read back, and
 * what a crash leaves is repaired as the outbox promises. */

#define MESSAGE \
  "From: Marie Durand <marie.durand@ac-normandie.fr>\r\n" \
  "To: Paul Martin <paul.martin@ac-normandie.fr>\r\n" \
  "Subject: Conseil de classe\r\n" \
  "Message-ID: <conseil-1@ac-normandie.fr>\r\n" \
  "\r\n" \
  "Bonjour.\r\n"

typedef struct
{
  char *dir;
  int   lock_fd;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cartable_outbox_store_open ("mdurand", &fixture->dir, &fixture->lock_fd, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->dir, G_FILE_TEST_IS_DIR));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = cartable_outbox_store_load (fixture->dir, NULL);

  /* Each case leaves an empty folder for the next one. */
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CartableOutboxRecord *record = g_ptr_array_index (records, i);

      g_assert_true (cartable_outbox_store_remove (fixture->dir, record->id, NULL));
    }
  close (fixture->lock_fd);
  g_free (fixture->dir);
}

static void
fill_record (CartableOutboxRecord *record,
             const char           *id,
             CartableOutboxState   state)
{
  record->id = g_strdup (id);
  record->message_id = g_strdup ("<conseil-1@ac-normandie.fr>");
  record->subject = g_strdup ("Conseil de classe");
  record->recipients = g_strdup ("Paul Martin <paul.martin@ac-normandie.fr>");
  record->state = state;
  record->created = 1700000000;
  record->send_at = 1700000600;
  record->attempts = 2;
  record->last_error = g_strdup ("451 4.3.0 Réessayez plus tard");
}

static void
assert_same_record (const CartableOutboxRecord *a,
                    const CartableOutboxRecord *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->message_id, ==, b->message_id);
  g_assert_cmpstr (a->subject, ==, b->subject);
  g_assert_cmpstr (a->recipients, ==, b->recipients);
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpint (a->created, ==, b->created);
  g_assert_cmpint (a->send_at, ==, b->send_at);
  g_assert_cmpuint (a->attempts, ==, b->attempts);
  g_assert_cmpstr (a->last_error, ==, b->last_error);
}

CARTABLE_TEST_FIXTURE ("round-trip", Fixture, fixture_set_up, test_round_trip, fixture_tear_down)
{
  g_auto(CartableOutboxRecord) written = { 0 };
  g_auto(CartableOutboxRecord) read = { 0 };
  g_autoptr(GBytes) message = g_bytes_new_static (MESSAGE, strlen (MESSAGE));
  g_autoptr(GBytes) message_read = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  fill_record (&written, "1700000000-abcdef12", CARTABLE_OUTBOX_STATE_FAILED);
  g_assert_true (cartable_outbox_store_write_new (fixture->dir, &written, message, &error));
  g_assert_no_error (error);

  g_assert_true (cartable_outbox_store_read_state (fixture->dir, written.id, &read, &error));
  g_assert_no_error (error);
  assert_same_record (&written, &read);

  message_read = cartable_outbox_store_read_message (fixture->dir, written.id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (message, message_read));

  records = cartable_outbox_store_load (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  assert_same_record (&written, g_ptr_array_index (records, 0));

  g_assert_true (cartable_outbox_store_remove (fixture->dir, written.id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = cartable_outbox_store_load (fixture->dir, &error);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_null (cartable_outbox_store_read_message (fixture->dir, written.id, NULL));
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
remove_file (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
}

static gboolean
file_exists (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static CartableOutboxRecord *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    {
      CartableOutboxRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->id, id) == 0)
        return record;
    }
  return NULL;
}

CARTABLE_TEST_FIXTURE ("crash-repair", Fixture, fixture_set_up, test_crash_repair, fixture_tear_down)
{
  g_auto(CartableOutboxRecord) sending = { 0 };
  g_auto(CartableOutboxRecord) orphan = { 0 };
  g_auto(CartableOutboxRecord) on_disk = { 0 };
  g_autoptr(GBytes) message = g_bytes_new_static (MESSAGE, strlen (MESSAGE));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  CartableOutboxRecord *record;

  /* Caught while the server had it: never resent without the user. */
  fill_record (&sending, "1-sending", CARTABLE_OUTBOX_STATE_SENDING);
  g_clear_pointer (&sending.last_error, g_free);
  g_assert_true (cartable_outbox_store_write_new (fixture->dir, &sending, message, NULL));
  /* A queue() that stopped between the message and its state. */
  write_file (fixture->dir, "2-lone.eml", MESSAGE);
  /* A removal that stopped between the message and its state. */
  fill_record (&orphan, "3-orphan", CARTABLE_OUTBOX_STATE_SENT);
  g_assert_true (cartable_outbox_store_write_state (fixture->dir, &orphan, NULL));
  /* A write that stopped before its rename. */
  write_file (fixture->dir, "4-half.eml.Xy12Z9", "From: nob");
  /* Something that is not the outbox's. */
  write_file (fixture->dir, "notes.txt", "à garder");

  records = cartable_outbox_store_load (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  record = find_record (records, "1-sending");
  g_assert_nonnull (record);
  g_assert_cmpint (record->state, ==, CARTABLE_OUTBOX_STATE_UNCERTAIN);
  g_assert_nonnull (record->last_error);
  g_assert_true (cartable_outbox_store_read_state (fixture->dir, "1-sending", &on_disk, NULL));
  g_assert_cmpint (on_disk.state, ==, CARTABLE_OUTBOX_STATE_UNCERTAIN);

  record = find_record (records, "2-lone");
  g_assert_nonnull (record);
  g_assert_cmpint (record->state, ==, CARTABLE_OUTBOX_STATE_QUEUED);
  g_assert_cmpstr (record->message_id, ==, "conseil-1@ac-normandie.fr");
  g_assert_cmpstr (record->subject, ==, "Conseil de classe");
  g_assert_true (file_exists (fixture->dir, "2-lone.state"));

  g_assert_false (file_exists (fixture->dir, "3-orphan.state"));
  g_assert_false (file_exists (fixture->dir, "4-half.eml.Xy12Z9"));
  g_assert_true (file_exists (fixture->dir, "notes.txt"));
  remove_file (fixture->dir, "notes.txt");
}

CARTABLE_TEST_FIXTURE ("damaged-state", Fixture, fixture_set_up, test_damaged_state, fixture_tear_down)
{
  g_auto(CartableOutboxRecord) record = { 0 };
  g_autoptr(GError) error = NULL;

  write_file (fixture->dir, "5-bad.state", "[message]\nstate=lost\n");
  g_assert_false (cartable_outbox_store_read_state (fixture->dir, "5-bad", &record, &error));
  g_assert_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID);
  remove_file (fixture->dir, "5-bad.state");
}

CARTABLE_TEST_FIXTURE ("one-owner", Fixture, fixture_set_up, test_one_owner, fixture_tear_down)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  int lock_fd = -1;

  g_assert_false (cartable_outbox_store_open ("mdurand", &dir, &lock_fd, &error));
  g_assert_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_BUSY);
  g_assert_null (dir);
  g_clear_error (&error);

  g_assert_false (cartable_outbox_store_open ("../etc", &dir, &lock_fd, &error));
  g_assert_error (error, CARTABLE_OUTBOX_ERROR, CARTABLE_OUTBOX_ERROR_INVALID);
}

CARTABLE_TEST ("state-names", test_state_names)
{
  for (CartableOutboxState state = CARTABLE_OUTBOX_STATE_QUEUED; state <= CARTABLE_OUTBOX_STATE_FAILED; state++)
    {
      CartableOutboxState parsed = -1;

      g_assert_true (cartable_outbox_state_from_string (cartable_outbox_state_to_string (state), &parsed));
      g_assert_cmpint (parsed, ==, state);
    }
  g_assert_false (cartable_outbox_state_from_string ("lost", &(CartableOutboxState) { 0 }));
  g_assert_false (cartable_outbox_state_from_string (NULL, &(CartableOutboxState) { 0 }));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-engine.h"
/* The mail tests reach into the engine: its Camel stores and folders. */
#include "mail/cartable-folder-tree-private.h"
#include "mail/cartable-mail-actions-private.h"
#include "mail/cartable-mail-folder-private.h"
#include "mail/cartable-mail-search-private.h"
#include "mail/cartable-mail-session-private.h"
#include "mail/cartable-message-list-private.h"
#include "mail/cartable-message-private.h"
#include "cartable-test-stack.h"
#include "cartable-test-wait.h"

G_BEGIN_DECLS

/* The mail tests' view of the loopback academy (cartable-test-stack.h):
 * its mail ports and certificate, and mail sessions against it. */
typedef struct
{
  CartableTestStack *stack;
  const char        *dir;
  const char        *ca_file;
  const char        *profile;
  guint16            imaps_port;
  guint16            imap_port;
  guint16            submission_port;
} MailTestAcademy;

MailTestAcademy *mail_test_academy_start          (void);
void             mail_test_academy_stop           (MailTestAcademy *academy);
/* Password of a demo account. */
char            *mail_test_academy_password       (MailTestAcademy *academy,
                                                   const char      *identifier);
/* Stops Dovecot (the IMAP server) only, and starts it again. */
void             mail_test_academy_stop_imap      (MailTestAcademy *academy);
void             mail_test_academy_start_imap     (MailTestAcademy *academy);

/* Adds @identifier's account, with the academy's profile, to @store. */
CartableAccount *mail_test_add_account            (MailTestAcademy      *academy,
                                                   CartableAccountStore *store,
                                                   const char           *identifier);
/* What a finished sign-in leaves: @identifier's password in the keyring
 * and its account in a new store file under the user's config folder. */
CartableAccountStore *mail_test_account_store_new (MailTestAcademy      *academy,
                                                   const char           *identifier);

/* A session for @identifier with a password function answering from
 * accounts.json, the account id being @identifier. */
CartableMailSession *mail_test_session_new        (MailTestAcademy *academy,
                                                   const char      *identifier,
                                                   CartableMailSecurity imap_security);

/* mail_test_session_new() over TLS, taken online; fails the test if
 * the account cannot connect. */
CartableMailSession *mail_test_session_online     (MailTestAcademy *academy,
                                                   const char      *identifier);

/* The same with its sender address, its IMAP security and its folders. */
CartableMailSession *mail_test_session_new_full   (MailTestAcademy     *academy,
                                                   const char          *identifier,
                                                   const char          *email,
                                                   CartableMailSecurity imap_security,
                                                   const char          *data_dir,
                                                   const char          *cache_dir);

/* What the mail engine tests do again and again: open a folder, load a
 * list, apply an action, each failing the test on an error. */
CamelFolder     *mail_test_open_folder            (CamelStore          *store,
                                                   const char          *full_name);
void             mail_test_load_list              (CartableMessageList *list,
                                                   gboolean             from_server);
/* A new message list of @identifier's INBOX in @session (not loaded);
 * *@inbox receives the folder. */
CartableMessageList *mail_test_inbox_list         (CartableMailSession *session,
                                                   const char          *identifier,
                                                   CamelFolder        **inbox);
void             mail_test_apply                  (CamelFolder         *folder,
                                                   const char          *uid,
                                                   CartableMailAction   action);
/* The flags of the message @uid of @identifier's INBOX as another IMAP
 * client sees them (imaplib's answer, where a flag reads "\\\\Seen"),
 * after that client changed them by @change ("+FLAGS (\\Seen)",
 * "-FLAGS (\\Seen \\Flagged)"…) unless it is NULL. */
char            *mail_test_server_flags           (MailTestAcademy     *academy,
                                                   const char          *identifier,
                                                   const char          *uid,
                                                   const char          *change);
/* Lets background rebuilds of @list end (60 s at most) before the list
 * (and its folder) go. */
void             mail_test_drain                  (CartableMessageList *list);
/* @size random bytes (an attachment). */
GBytes          *mail_test_random_bytes           (gsize                size);
/* Runs the main context for @ms. */
void             mail_test_run_for                (guint                ms);
/* A password function answering from accounts.json (@user_data: the
 * MailTestAcademy). */
char            *mail_test_password_cb            (const char          *account_id,
                                                   gpointer             user_data);

/* The start of a python3 script for mail_test_imap_python(): an IMAP
 * connection `M`, logged in as MAIL_USER. */
#define MAIL_TEST_IMAP_PRELUDE \
  "import imaplib, ssl, os, sys, time, email, email.message, email.utils\n" \
  "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n" \
  "M = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx)\n" \
  "M.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"
/* Runs MAIL_TEST_IMAP_PRELUDE then @body as @identifier; its output. */
char            *mail_test_imap_python            (MailTestAcademy     *academy,
                                                   const char          *identifier,
                                                   const char          *body);

/* Reads @tree's folders again from the server; fails the test on an error. */
void             mail_test_refresh_tree           (CartableFolderTree  *tree);

/* A source that wakes the main context every 50 ms, for MAIL_TEST_WAIT_FOR. */
gboolean         mail_test_tick_cb                (gpointer             data);
/* Runs the main context until @cond holds or @ms pass; the value of @cond. */
#define MAIL_TEST_WAIT_FOR(cond, ms) \
  ({ \
    gint64 wait_end_ = g_get_monotonic_time () + (gint64) (ms) * 1000; \
    guint wait_tick_ = g_timeout_add (50, mail_test_tick_cb, NULL); \
    while (!(cond) && g_get_monotonic_time () < wait_end_) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (wait_tick_); \
    (cond); \
  })

/* Takes @account_id of @session online (or offline) and waits. */
gboolean         mail_test_set_online             (CartableMailSession *s,
                                                   const char          *account_id,
                                                   gboolean             online,
                                                   GError             **error);

/* The start of a mail test program: g_test_init(), the engine, and an
 * academy; for the sending tests (@sending), French messages (the locale
 * is not exported: the academy's scripts need the C one) and GMime. */
MailTestAcademy *mail_test_init                   (int                 *argc,
                                                   char              ***argv,
                                                   gboolean             sending);
/* The whole run of a mail test program whose tests need only the
 * academy: mail_test_init() into *@academy, the program's tests
 * (CARTABLE_TEST() in cartable-test.h), then mail_test_finish(). */
int              mail_test_main                   (int                 *argc,
                                                   char              ***argv,
                                                   gboolean             sending,
                                                   MailTestAcademy    **academy);
/* Its end: lets the last scheduled work of *@session (if any) end before
 * dropping it, stops @academy and returns @status. */
int              mail_test_finish                 (MailTestAcademy     *academy,
                                                   CartableMailSession **session,
                                                   int                  status);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cartable-engine.h"
#include "cartable-test-stack.h"
#include "shell/cartable-application.h"

G_BEGIN_DECLS

/*
 * The loopback academy of a ui test program (one per program, on
 * cartable-test-stack.h), and an account set up against it the way a
 * finished sign-in leaves it.
 */

/* cartable_test_ui_init(), no blinking cursor (no window manager sends
 * focus-out events), then cartable_test_academy_start(). */
void               cartable_test_ui_init_academy     (int                  *argc,
                                                      char               ***argv,
                                                      const char           *seed_user,
                                                      guint                 seed_count);
/* A new application, registered on the session bus. */
CartableApplication *cartable_test_app_new           (void);
/* The same, with the demo account @identifier set up. */
CartableApplication *cartable_test_app_new_with_account (const char *identifier);
/* Starts the academy; with @seed_user, seeds @seed_count messages in that
 * user's inbox. */
void               cartable_test_academy_start       (const char           *seed_user,
                                                      guint                 seed_count);
/* Stops it (the end of the program does too, on any failure). */
void               cartable_test_academy_stop        (void);
/* The end of a ui test program: quits and drops *@app, stops the academy
 * if it runs, and returns @status (g_test_run()'s). */
int                cartable_test_academy_finish      (CartableApplication **app,
                                                      int                   status);
/* The whole run of a ui test program with the academy and one demo
 * account: cartable_test_ui_init_academy() (@identifier's inbox seeded
 * with @seed_count messages), @prepare (NULL: none) while no application
 * runs yet, a new application in *@app with the account @identifier, then
 * the program's tests (CARTABLE_TEST() in cartable-test.h). Returns what
 * cartable_test_academy_finish() returns. */
int                cartable_test_academy_main        (int                  *argc,
                                                      char               ***argv,
                                                      const char           *identifier,
                                                      guint                 seed_count,
                                                      void                (*prepare) (void),
                                                      CartableApplication **app);
/* What an earlier run that stopped before reaching the server leaves:
 * @composer saved as a draft of @identifier on disk only, by @session (a
 * session of that run, which does not know the account and so cannot
 * send it on). Returns once the draft is on disk and the server copy has
 * failed. */
void               cartable_test_academy_leave_local_draft (CartableMailSession *session,
                                                            const char          *identifier,
                                                            CartableComposer    *composer);
/* Runs academy-stack with @args as they are ("--dir" included). */
void               cartable_test_academy_run         (const char * const   *args);
CartableTestStack *cartable_test_academy_get_stack   (void);
const char        *cartable_test_academy_get_dir     (void);
const char        *cartable_test_academy_get_profile (void);
/* A value of the academy's env file (ACADEMY_CA, ACADEMY_IMAPS_PORT…). */
const char        *cartable_test_academy_env         (const char           *key);
guint              cartable_test_academy_port        (const char           *key);
/* The start of a python3 script for cartable_test_academy_python(): an
 * IMAP connection `m`, logged in as MAIL_USER. */
#define CARTABLE_TEST_IMAP_LOGIN \
  "import imaplib, os, re, ssl, sys\n" \
  "ctx = ssl.create_default_context(cafile=os.environ['ACADEMY_CA'])\n" \
  "ctx.check_hostname = False\n" \
  "m = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['ACADEMY_IMAPS_PORT']), ssl_context=ctx)\n" \
  "m.login(os.environ['MAIL_USER'], os.environ['MAIL_PASSWORD'])\n"

/* After CARTABLE_TEST_IMAP_LOGIN: put (folder, subject, body, flags,
 * days_ago) appends a text message of the school's direction to Marie
 * Durand, dated @days_ago days ago, with @flags (an IMAP flag list or None). */
#define CARTABLE_TEST_IMAP_PUT \
  "import time, email.message, email.utils\n" \
  "def put(folder, subject, body, flags=None, days_ago=0):\n" \
  "    msg = email.message.EmailMessage()\n" \
  "    msg['From'] = 'Direction <direction@ac-normandie.fr>'\n" \
  "    msg['To'] = 'marie.durand@ac-normandie.fr'\n" \
  "    msg['Subject'] = subject\n" \
  "    msg['Date'] = email.utils.formatdate(time.time() - days_ago * 86400, localtime=True)\n" \
  "    msg['Message-ID'] = email.utils.make_msgid()\n" \
  "    msg.set_content(body)\n" \
  "    typ, data = m.append(folder, flags, None, msg.as_bytes())\n" \
  "    assert typ == 'OK', data\n"

/* cartable_test_stack_python_args() on this academy: ACADEMY_IMAPS_PORT,
 * ACADEMY_CA, MAIL_USER, MAIL_PASSWORD… in os.environ. */
/* Runs @body after CARTABLE_TEST_IMAP_LOGIN as @identifier, then logs
 * out; returns what it printed. */
char              *cartable_test_academy_imap        (const char           *identifier,
                                                      const char           *body);
char              *cartable_test_academy_python      (const char           *identifier,
                                                      const char           *script,
                                                      const char * const   *args,
                                                      int                  *exit_status);
/* cartable_test_academy_python() that must succeed: fails the test
 * otherwise. */
void               cartable_test_academy_run_script (const char           *identifier,
                                                      const char           *script);
/* How many messages of @identifier's @mailbox the IMAP search finds;
 * @criteria: the arguments of imaplib's search, in Python ("None,
 * 'SUBJECT', '\"words\"'"). */
guint              cartable_test_academy_search_count (const char          *identifier,
                                                       const char          *mailbox,
                                                       const char          *criteria);
/* The number of messages in @identifier's @mailbox, as the IMAP server
 * says. */
guint              cartable_test_academy_count       (const char           *identifier,
                                                      const char           *mailbox);
/* Asks the server every 300 ms until @mailbox holds @expected messages;
 * FALSE after @timeout_ms. */
gboolean           cartable_test_academy_wait_count  (const char           *identifier,
                                                      const char           *mailbox,
                                                      guint                 expected,
                                                      guint                 timeout_ms);
/* A member of a demo account in accounts.json. */
const char        *cartable_test_academy_field       (const char           *identifier,
                                                      const char           *field);
/* What a finished sign-in leaves: @identifier's password (NULL: the demo
 * account's own) in the keyring, its account in @app's store with the
 * academy's profile. */
void               cartable_test_academy_add_account (CartableApplication  *app,
                                                      const char           *identifier,
                                                      const char           *password);
/* The same with the demo account's password and another profile (a path). */
void               cartable_test_academy_add_account_with_profile (CartableApplication *app,
                                                                   const char          *identifier,
                                                                   const char          *profile);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-test-mail-engine.h"

G_BEGIN_DECLS

/* Helpers of the sending tests (outbox, crash, drafts). */

/* A session for @identifier whose sender address is its real one
 * (Postfix refuses any other), the account id being @identifier. */
CartableMailSession *mailsend_test_session_new     (MailTestAcademy *academy,
                                                    const char      *identifier,
                                                    const char      *email);
/* Stops Postfix (submission) only, and starts it again on the same port. */
void                 mailsend_test_stop_postfix    (MailTestAcademy *academy);
void                 mailsend_test_start_postfix   (MailTestAcademy *academy);
/* Makes Postfix answer @reply ("451 4.3.0 text"; NULL: no fault) to RCPT
 * TO @address ("recipient_faults"), or to the end of the data of messages
 * from @address ("data_faults"), reloads it and waits until it does. */
void                 mailsend_test_set_fault       (MailTestAcademy *academy,
                                                    const char      *map,
                                                    const char      *address,
                                                    const char      *reply);
/* How many messages of @folder of @identifier carry @message_id (without
 * angle brackets), counted over IMAP by python3 imaplib. */
guint                mailsend_test_count           (MailTestAcademy *academy,
                                                    const char      *identifier,
                                                    const char      *folder,
                                                    const char      *message_id);
guint                mailsend_test_count_header    (MailTestAcademy *academy,
                                                    const char      *identifier,
                                                    const char      *folder,
                                                    const char      *header,
                                                    const char      *value);
/* Polls mailsend_test_count() until it reaches @expected or @timeout_ms
 * passes; returns the last count. */
guint                mailsend_test_wait_count      (MailTestAcademy *academy,
                                                    const char      *identifier,
                                                    const char      *folder,
                                                    const char      *message_id,
                                                    guint            expected,
                                                    guint            timeout_ms);
guint                mailsend_test_wait_count_header (MailTestAcademy *academy,
                                                      const char      *identifier,
                                                      const char      *folder,
                                                      const char      *header,
                                                      const char      *value,
                                                      guint            expected,
                                                      guint            timeout_ms);
/* Runs cartable-cli (path in CARTABLE_CLI) with @arguments (the command
 * first, NULL-terminated) for @identifier: the academy's profile, the
 * account's address, its password in CARTABLE_PASSWORD, in French.
 * Returns the exit status. */
int                  mailsend_test_run_cli         (MailTestAcademy    *academy,
                                                    const char         *identifier,
                                                    char              **out_stdout,
                                                    char              **out_stderr,
                                                    const char * const *arguments);
/* The same started in the background, its standard input read from
 * @stdin_path and its errors written to @stderr_path (each may be NULL). */
GSubprocess         *mailsend_test_spawn_cli       (MailTestAcademy    *academy,
                                                    const char         *identifier,
                                                    const char         *stdin_path,
                                                    const char         *stderr_path,
                                                    const char * const *arguments);

G_END_DECLS

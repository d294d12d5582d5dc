/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-engine.h"
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
void             mail_test_academy_seed_mail      (MailTestAcademy *academy,
                                                   const char      *identifier,
                                                   guint            count,
                                                   const char      *folder);
/* cartable_test_stack_python() for this academy. */
char            *mail_test_academy_python         (MailTestAcademy *academy,
                                                   const char      *identifier,
                                                   const char      *script);
/* Stops Dovecot (the IMAP server) only, and starts it again. */
void             mail_test_academy_stop_imap      (MailTestAcademy *academy);
void             mail_test_academy_start_imap     (MailTestAcademy *academy);

/* A session for @identifier with a password function answering from
 * accounts.json, the account id being @identifier. */
CartableMailSession *mail_test_session_new        (MailTestAcademy *academy,
                                                   const char      *identifier,
                                                   CartableMailSecurity imap_security);

G_END_DECLS

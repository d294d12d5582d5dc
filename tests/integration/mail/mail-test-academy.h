/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-engine.h"

G_BEGIN_DECLS

/* One loopback academy for a test program: started in a temporary folder,
 * stopped when the program ends, even when it aborts on a failed assertion
 * (a watchdog process waits for the program's end). */
typedef struct
{
  char       *dir;
  char       *ca_file;
  char       *profile;
  guint16     imaps_port;
  guint16     imap_port;
  guint16     submission_port;
} MailTestAcademy;

MailTestAcademy *mail_test_academy_start          (void);
void             mail_test_academy_stop           (MailTestAcademy *academy);
/* Password of a demo account (accounts.txt), or NULL. */
char            *mail_test_academy_password       (MailTestAcademy *academy,
                                                   const char      *identifier);
void             mail_test_academy_seed_mail      (MailTestAcademy *academy,
                                                   const char      *identifier,
                                                   guint            count,
                                                   const char      *folder);
/* Runs a python3 script with the academy's environment (ACADEMY_* variables,
 * plus MAIL_USER and MAIL_PASSWORD) and returns its standard output;
 * fails the test if it exits with an error. */
char            *mail_test_academy_python         (MailTestAcademy *academy,
                                                   const char      *identifier,
                                                   const char      *script);
/* Stops Dovecot (the IMAP server) only, and starts it again. */
void             mail_test_academy_stop_imap      (MailTestAcademy *academy);
void             mail_test_academy_start_imap     (MailTestAcademy *academy);

/* A session for @identifier with a password function answering from
 * accounts.txt, the account id being @identifier. */
CartableMailSession *mail_test_session_new        (MailTestAcademy *academy,
                                                   const char      *identifier,
                                                   CartableMailSecurity imap_security);

/* Runs the default main context until *flag is TRUE or @timeout_ms passes. */
gboolean         mail_test_wait_for               (gboolean        *flag,
                                                   guint            timeout_ms);
/* Runs the main context until @result is set; helper for _async calls. */
GAsyncResult    *mail_test_wait_result            (GAsyncResult   **result);
void             mail_test_result_cb              (GObject         *source,
                                                   GAsyncResult    *result,
                                                   gpointer         user_data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cartable-engine.h"
#include "cartable-test-stack.h"
#include "cartable-test-wait.h"

G_BEGIN_DECLS

/* The account tests' view of the loopback academy (cartable-test-stack.h):
 * its parsed profile, accounts, mailboxes and daemons. */
typedef struct
{
  CartableTestStack      *stack;
  const char             *dir;
  const char             *profile_path;
  CartableAcademyProfile *profile;
} AccountTestAcademy;

/* The whole run of an account test program, which must run inside
 * tests/test-env's world: the test start (Camel's own races tolerated),
 * an academy in *@academy started with @extra_env, the program's tests
 * (CARTABLE_TEST() in cartable-test.h), then *@result (the program's last
 * _async answer, if any) dropped and the academy stopped. */
int                 account_test_main                 (int                 *argc,
                                                       char              ***argv,
                                                       const char * const  *extra_env,
                                                       AccountTestAcademy **academy,
                                                       GAsyncResult       **result);
/* @extra_env: NULL-terminated KEY=VALUE pairs for academy-stack (lock time, rate limit…). */
AccountTestAcademy *account_test_academy_start        (const char * const *extra_env);
void                account_test_academy_stop         (AccountTestAcademy *academy);
/* "1985-03-14" → "14/03/1985" */
char               *account_test_academy_french_date  (const char         *iso);
/* Writes a copy of the instance's profile with @from replaced by @to (once), next to it. */
char               *account_test_academy_profile_variant (AccountTestAcademy *academy,
                                                          const char         *name,
                                                          const char         *from,
                                                          const char         *to);
/* Waits (up to 10 s) for a message in the Maildir of @mailbox whose text contains @needle; returns its text. */
char               *account_test_academy_wait_for_mail (AccountTestAcademy *academy,
                                                        const char         *mailbox,
                                                        const char         *needle);
/* Kills one daemon of the instance (e.g. "dovecot") and waits until @port stops listening. */
void                account_test_academy_kill          (AccountTestAcademy *academy,
                                                        const char         *service,
                                                        guint               port);

/* An HTTPS server on loopback with the academy's certificate, its
 * requests handled by @handler; *@base_url receives its address. */
SoupServer         *account_test_academy_https_server  (AccountTestAcademy *academy,
                                                        SoupServerCallback  handler,
                                                        gpointer            user_data,
                                                        char              **base_url);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * One instance of the loopback academy (the academy-stack script named by
 * ACADEMY_STACK, see tests/academy/README.md), for integration and ui
 * tests: started in a new folder under TMPDIR on a free port base, and
 * stopped when the program ends, however it ends (signal handlers for an
 * abort or a timeout, and a watchdog child for the rest: it waits for a
 * pipe only the kernel closes at our exit).
 */
typedef struct
{
  char       *dir;
  char       *profile_path;  /* academy.xml */
  GHashTable *env;           /* the instance's env file: ACADEMY_* */
  JsonNode   *accounts;      /* accounts.json */
  GPid        watchdog;
} CartableTestStack;

/* @extra_env: NULL-terminated KEY=VALUE pairs for academy-stack (lock
 * time, rate limit…), or NULL. */
CartableTestStack *cartable_test_stack_start     (const char * const *extra_env);
/* The instance another program started in @dir (its helper processes);
 * cartable_test_stack_stop() only frees it. */
CartableTestStack *cartable_test_stack_open      (const char         *dir);
void               cartable_test_stack_stop      (CartableTestStack  *stack);
/* Runs academy-stack with @args (NULL-terminated; "--dir DIR" is added
 * after the command, args[0]); fails the test if it fails. */
void               cartable_test_stack_run       (CartableTestStack  *stack,
                                                  const char * const *args);
/* Runs academy-stack with @args as they are (NULL-terminated). */
void               cartable_test_stack_script_run (const char * const *args);
/* A value of the env file; fails the test if it is missing. */
const char        *cartable_test_stack_env       (CartableTestStack  *stack,
                                                  const char         *key);
guint              cartable_test_stack_port      (CartableTestStack  *stack,
                                                  const char         *key);
/* A member of a demo account in accounts.json ("password", "email",
 * "display_name", "code"…), or NULL; fails the test for an unknown account. */
const char        *cartable_test_stack_account   (CartableTestStack  *stack,
                                                  const char         *identifier,
                                                  const char         *member);
/* Seeds @count messages in @identifier's @folder (NULL: the inbox). */
void               cartable_test_stack_seed_mail (CartableTestStack  *stack,
                                                  const char         *identifier,
                                                  guint               count,
                                                  const char         *folder);
/* Runs a python3 script with the academy's environment (the ACADEMY_*
 * variables of its env file, plus MAIL_USER and MAIL_PASSWORD of
 * @identifier) and returns its standard output; fails the test if it
 * exits with an error. */
char              *cartable_test_stack_python    (CartableTestStack  *stack,
                                                  const char         *identifier,
                                                  const char         *script);
/* The same with @args (NULL-terminated, or NULL) as sys.argv[1:]; with
 * @exit_status, a script that exits with an error is not a failure: its
 * status is stored there. */
char              *cartable_test_stack_python_args (CartableTestStack  *stack,
                                                    const char         *identifier,
                                                    const char         *script,
                                                    const char * const *args,
                                                    int                *exit_status);
/* How many messages each of @mailboxes (NULL-terminated) of @identifier
 * holds, as the IMAP server says (STATUS), in @counts. */
void               cartable_test_stack_count_messages (CartableTestStack  *stack,
                                                       const char         *identifier,
                                                       const char * const *mailboxes,
                                                       guint              *counts);
/* Stops Dovecot (the IMAP server) only: every process of the session it
 * was started in, waiting until they are gone. */
void               cartable_test_stack_stop_imap (CartableTestStack  *stack);
/* Starts it again with its configuration, in its own session, its pid
 * where academy-stack's stop looks for it, and returns once a real login
 * succeeds: Dovecot listens before its authentication service is ready
 * and meanwhile answers a login with a temporary failure. */
void               cartable_test_stack_start_imap (CartableTestStack *stack);
/* Returns once a demo account can log in over IMAPS (20 s at most). */
void               cartable_test_stack_wait_imap_login (CartableTestStack *stack);
/* Runs a shell script, failing the test if it fails. */
void               cartable_test_run_shell       (const char         *script);

/* Whether something accepts connections on 127.0.0.1:@port (one
 * connection is made; for a port that should have closed). */
gboolean           cartable_test_port_listens    (guint               port);

G_END_DECLS

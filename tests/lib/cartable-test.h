/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The test library (tests/lib), GLib part: what unit, integration and ui
 * tests share. It mirrors src/: no GTK here, so the engine's tests link it
 * without a display.
 *
 *  - cartable-test.h: the start of every test program;
 *  - cartable-test-wait.h: run the default main context until a condition
 *    holds or a time passes, and collect the result of an _async call;
 *  - cartable-test-stack.h: one loopback academy (tests/academy/academy-stack)
 *    per test program, stopped however the program ends.
 *
 * The GTK part (cartable-test-ui.h, cartable-test-academy.h) adds the
 * application, widget lookups, screenshots and key dispatch.
 */

/*
 * A program's tests are registered where they are defined, not listed in
 * a main():
 *
 *   CARTABLE_TEST_PROGRAM ("paths");
 *   ...
 *   CARTABLE_TEST ("account-dir", test_account_dir)
 *   {
 *     ...
 *   }
 *
 * defines static void test_account_dir (void) and registers it as
 * /cartable/paths/account-dir. One program, one unit: every path of a
 * program starts with /cartable/<unit>/. The tests run in the order they
 * stand in the file. A unit program has no main() of its own: the
 * library's (cartable-test-main.c) calls cartable_test_init() and
 * cartable_test_run(). A program that prepares something first (an
 * academy, a session) keeps its main() and calls cartable_test_run() in it.
 */
#define CARTABLE_TEST_PROGRAM(unit)                                             \
  static void __attribute__ ((constructor))                                      \
  cartable_test_program_register (void)                                          \
  {                                                                              \
    cartable_test_set_unit (unit);                                               \
  }                                                                              \
  G_STATIC_ASSERT (sizeof (unit) > 1)

#define CARTABLE_TEST(name, func)                                               \
  static void func (void);                                                       \
  static void __attribute__ ((constructor))                                      \
  G_PASTE (cartable_test_register_, func) (void)                                 \
  {                                                                              \
    cartable_test_register (__LINE__, name, 0, NULL,                             \
                            (GTestFixtureFunc) (void (*) (void)) func, NULL);    \
  }                                                                              \
  static void func (void)

/* A test with a fixture, as g_test_add(): defines
 * static void @func (Fixture *fixture, gconstpointer user_data), run
 * between @set_up and @tear_down. */
#define CARTABLE_TEST_FIXTURE(name, Fixture, set_up, func, tear_down)           \
  static void func (Fixture *fixture, gconstpointer user_data);                  \
  static void __attribute__ ((constructor))                                      \
  G_PASTE (cartable_test_register_, func) (void)                                 \
  {                                                                              \
    void (*checked[]) (Fixture *, gconstpointer) = { set_up, func, tear_down };  \
    cartable_test_register (__LINE__, name, sizeof (Fixture),                    \
                            (GTestFixtureFunc) checked[0],                       \
                            (GTestFixtureFunc) checked[1],                       \
                            (GTestFixtureFunc) checked[2]);                      \
  }                                                                              \
  static void func (Fixture *fixture, gconstpointer user_data)

/* What the macros above call, before main(). */
void cartable_test_set_unit (const char       *unit);
void cartable_test_register (int               line,
                             const char       *name,
                             gsize             fixture_size,
                             GTestFixtureFunc  set_up,
                             GTestFixtureFunc  func,
                             GTestFixtureFunc  tear_down);
/* Adds the registered tests (g_test_add_vtable()), in the order of their
 * lines, then g_test_run(). Call it after g_test_init() (which the init
 * functions of this library call). */
int  cartable_test_run      (void);

/* The locale of the environment (the tests of French words run with
 * LANG=fr_FR.UTF-8), the engine, the project's translations, GMime, then
 * g_test_init(). */
void cartable_test_init (int    *argc,
                         char ***argv);
/* Ends the program unless it runs in tests/test-env's world of its own
 * (throw-away keyring, HOME and folders): for tests that store passwords
 * or delete accounts. */
void cartable_test_require_test_env (void);
/* Called by the init functions of this library after g_test_init(): the
 * warnings Camel prints for its own failures without an error are not
 * fatal (see cartable-test.c); every other warning stays fatal. */
void cartable_test_tolerate_camel_races (void);
void cartable_test_tolerate_stale_ancestor_check (void);

/* A time of the academy's clock (Europe/Paris), for formatting tests. */
GDateTime *cartable_test_paris_time (int     year,
                                     int     month,
                                     int     day,
                                     int     hour,
                                     int     minute);

/* How many times @needle occurs in @haystack (overlapping ones too). */
guint      cartable_test_count_substrings (const char *haystack,
                                           const char *needle);
/* How many entries @dir holds (0 when it does not exist). */
guint      cartable_test_count_files      (const char *dir);
/* Runs cartable-cli (the program CARTABLE_CLI names) with @args
 * (NULL-terminated, the command first), @env (NULL-terminated "KEY=VALUE"
 * to set, "KEY=" to unset, or NULL) and @input on its standard input
 * (NULL: none); what it wrote goes to @out_stdout and @out_stderr (each
 * may be NULL). Returns its exit status; fails the test if it cannot run
 * or ends by a signal. */
int        cartable_test_run_cli          (const char * const *args,
                                           const char * const *env,
                                           const char         *input,
                                           char              **out_stdout,
                                           char              **out_stderr);
/* A function of the code under test from a text to a new text, and a
 * table of what it must give. */
typedef char *(*CartableTestTextFunc) (const char *text);
typedef struct
{
  const char *in;
  const char *out;
} CartableTestTextCase;
/* Asserts that @func gives each case's out for its in (NULL-safe). */
void       cartable_test_assert_text_cases (CartableTestTextFunc        func,
                                            const CartableTestTextCase *cases,
                                            gsize                       n_cases);

/* A yes-or-no question of the code under test about a text. */
typedef gboolean (*CartableTestTextPredicate) (const char *text);
/* Asserts that @predicate holds for each text of @holds and not for any
 * of @fails (both NULL-terminated); a failure names the text. */
void       cartable_test_assert_predicate (CartableTestTextPredicate  predicate,
                                           const char * const        *holds,
                                           const char * const        *fails);

/* Asserts that @text contains each of @words (NULL-terminated); a
 * failure names the missing words and shows the text. */
void       cartable_test_assert_contains_all (const char         *text,
                                              const char * const *words);

/* The memory this process holds (VmRSS), in KiB; -1 if unknown. */
long       cartable_test_rss_kib          (void);

G_END_DECLS

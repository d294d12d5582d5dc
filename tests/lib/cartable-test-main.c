/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include "cartable-test.h"

/* The main() of every unit test program: the tests are registered next to
 * their functions (CARTABLE_TEST() in cartable-test.h). */
int
main (int   argc,
      char *argv[])
{
  cartable_test_init (&argc, &argv);
  return cartable_test_run ();
}

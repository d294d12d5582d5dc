/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mail/cartable-composer-format.h"
#include "mail/cartable-link-dialog.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("link-dialog");

/* What the link dialog makes of an address typed, and whether it may be inserted. */
CARTABLE_TEST ("normalise", test_normalise)
{
  static const CartableTestTextCase typed[] = {
    { "www.ac-normandie.fr", "https://www.ac-normandie.fr" },
    { "  www.ac-normandie.fr/vie-scolaire  ", "https://www.ac-normandie.fr/vie-scolaire" },
    { "marie.durand@ac-normandie.fr", "mailto:marie.durand@ac-normandie.fr" },
    { "mailto:marie.durand@ac-normandie.fr", "mailto:marie.durand@ac-normandie.fr" },
    { "http://college.example.fr", "http://college.example.fr" },
    /* An @ in a path is a web page, not an address. */
    { "exemple.fr/@equipe", "https://exemple.fr/@equipe" },
    { "javascript:alert(1)", "javascript:alert(1)" },
    { "file:///etc/passwd", "file:///etc/passwd" },
    { "mailto:", "mailto:" },
    { "ac normandie.fr", "https://ac normandie.fr" },
    { "", "" },
    { "   ", "" },
  };
  /* What the dialog gives for each above. */
  const char *safe[] = {
    "https://www.ac-normandie.fr", "https://www.ac-normandie.fr/vie-scolaire",
    "mailto:marie.durand@ac-normandie.fr", "http://college.example.fr", "https://exemple.fr/@equipe", NULL
  };
  const char *unsafe[] = {
    "javascript:alert(1)", "file:///etc/passwd", "mailto:", "https://ac normandie.fr", "", NULL
  };

  cartable_test_assert_text_cases (cartable_link_dialog_normalise_href, typed, G_N_ELEMENTS (typed));
  cartable_test_assert_predicate (cartable_composer_link_is_safe, safe, unsafe);
}

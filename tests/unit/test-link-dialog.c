/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mail/cartable-composer-format.h"
#include "mail/cartable-link-dialog.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("link-dialog");

/* What the link dialog makes of an address typed, and whether it may be inserted. */
CARTABLE_TEST ("normalise", test_normalise)
{
  struct { const char *typed; const char *href; gboolean safe; } cases[] = {
    { "www.ac-normandie.fr", "https://www.ac-normandie.fr", TRUE },
    { "  www.ac-normandie.fr/vie-scolaire  ", "https://www.ac-normandie.fr/vie-scolaire", TRUE },
    { "marie.durand@ac-normandie.fr", "mailto:marie.durand@ac-normandie.fr", TRUE },
    { "mailto:marie.durand@ac-normandie.fr", "mailto:marie.durand@ac-normandie.fr", TRUE },
    { "http://college.example.fr", "http://college.example.fr", TRUE },
    /* An @ in a path is a web page, not an address. */
    { "exemple.fr/@equipe", "https://exemple.fr/@equipe", TRUE },
    { "javascript:alert(1)", "javascript:alert(1)", FALSE },
    { "file:///etc/passwd", "file:///etc/passwd", FALSE },
    { "mailto:", "mailto:", FALSE },
    { "ac normandie.fr", "https://ac normandie.fr", FALSE },
    { "", "", FALSE },
    { "   ", "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *href = cartable_link_dialog_normalise_href (cases[i].typed);

      g_test_message ("typed « %s »", cases[i].typed);
      g_assert_cmpstr (href, ==, cases[i].href);
      g_assert_cmpint (cartable_composer_link_is_safe (href), ==, cases[i].safe);
    }
}

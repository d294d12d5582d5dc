/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cartable-engine.h"
#include "mail/cartable-folder-role-private.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("folder-role");

/* What a folder is for: the server's special-use flag first, else a
 * well-known name, which only counts at the top level. */

CARTABLE_TEST ("special-use-wins", test_special_use_wins)
{
  g_assert_cmpint (cartable_folder_role_from_info ("Divers", CAMEL_FOLDER_TYPE_SENT), ==,
                   CARTABLE_FOLDER_ROLE_SENT);
  g_assert_cmpint (cartable_folder_role_from_info ("Corbeille", CAMEL_FOLDER_TYPE_JUNK), ==,
                   CARTABLE_FOLDER_ROLE_JUNK);
  g_assert_cmpint (cartable_folder_role_from_info (NULL, CAMEL_FOLDER_TYPE_ARCHIVE), ==,
                   CARTABLE_FOLDER_ROLE_ARCHIVE);
  /* Other flags beside the type do not hide it. */
  g_assert_cmpint (cartable_folder_role_from_info ("x", CAMEL_FOLDER_TYPE_TRASH | CAMEL_FOLDER_SUBSCRIBED), ==,
                   CARTABLE_FOLDER_ROLE_TRASH);
}

CARTABLE_TEST ("names", test_names)
{
  static const struct { const char *name; CartableFolderRole role; } cases[] = {
    { "INBOX", CARTABLE_FOLDER_ROLE_INBOX },
    { "inbox", CARTABLE_FOLDER_ROLE_INBOX },
    { "Brouillons", CARTABLE_FOLDER_ROLE_DRAFTS },
    { "Envoyés", CARTABLE_FOLDER_ROLE_SENT },
    { "Sent Messages", CARTABLE_FOLDER_ROLE_SENT },
    { "Archives", CARTABLE_FOLDER_ROLE_ARCHIVE },
    { "Spam", CARTABLE_FOLDER_ROLE_JUNK },
    { "Indésirables", CARTABLE_FOLDER_ROLE_JUNK },
    { "Corbeille", CARTABLE_FOLDER_ROLE_TRASH },
    /* Below the top level, or spelt otherwise, a name is only a name. */
    { "Classe/Corbeille", CARTABLE_FOLDER_ROLE_NONE },
    { "corbeille", CARTABLE_FOLDER_ROLE_NONE },
    { "Conseils de classe", CARTABLE_FOLDER_ROLE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (cartable_folder_role_from_info (cases[i].name, 0), ==, cases[i].role);
  g_assert_cmpint (cartable_folder_role_from_info (NULL, 0), ==, CARTABLE_FOLDER_ROLE_NONE);
}

CARTABLE_TEST ("display-names", test_display_names)
{
  g_assert_null (cartable_folder_role_get_display_name (CARTABLE_FOLDER_ROLE_NONE));
  for (CartableFolderRole role = CARTABLE_FOLDER_ROLE_INBOX; role <= CARTABLE_FOLDER_ROLE_OUTBOX; role++)
    {
      const char *name = cartable_folder_role_get_display_name (role);

      g_assert_nonnull (name);
      for (CartableFolderRole other = CARTABLE_FOLDER_ROLE_INBOX; other < role; other++)
        g_assert_cmpstr (name, !=, cartable_folder_role_get_display_name (other));
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "mail/cartable-folder-dialogs.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("folder-names");

/* The folder dialogs' sentences, from plain functions, in French. */

static const char * const siblings[] = { "Conseils de classe", "Trash", "Corbeille", "Élèves", NULL };

CARTABLE_TEST ("check", test_check)
{
  struct { const char *name; const char *current; CartableFolderNameCheck check; } cases[] = {
    { "Réunions", NULL, CARTABLE_FOLDER_NAME_VALID },
    { "  Réunions  ", NULL, CARTABLE_FOLDER_NAME_VALID },
    { "Conseils de classe 2026", NULL, CARTABLE_FOLDER_NAME_VALID },
    { "", NULL, CARTABLE_FOLDER_NAME_EMPTY },
    { "   ", NULL, CARTABLE_FOLDER_NAME_EMPTY },
    { "Conseils/2026", NULL, CARTABLE_FOLDER_NAME_SEPARATOR },
    { "/", NULL, CARTABLE_FOLDER_NAME_SEPARATOR },
    { ".cache", NULL, CARTABLE_FOLDER_NAME_DOT },
    { "Ligne\nsuivante", NULL, CARTABLE_FOLDER_NAME_CONTROL },
    { "Tab\tulation", NULL, CARTABLE_FOLDER_NAME_CONTROL },
    { "Conseils de classe", NULL, CARTABLE_FOLDER_NAME_EXISTS },
    { "conseils DE CLASSE", NULL, CARTABLE_FOLDER_NAME_EXISTS },
    { "corbeille", NULL, CARTABLE_FOLDER_NAME_EXISTS },
    { "ÉLÈVES", NULL, CARTABLE_FOLDER_NAME_EXISTS },
    /* A rename: its own name is no clash, and unchanged is not an answer. */
    { "Réunions", "Réunions", CARTABLE_FOLDER_NAME_UNCHANGED },
    { "réunions", "Réunions", CARTABLE_FOLDER_NAME_VALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("name « %s »", cases[i].name);
      g_assert_cmpint (cartable_folder_name_check (cases[i].name, siblings, cases[i].current), ==, cases[i].check);
    }

  /* No siblings at all. */
  g_assert_cmpint (cartable_folder_name_check ("Conseils de classe", NULL, NULL), ==, CARTABLE_FOLDER_NAME_VALID);
}

CARTABLE_TEST ("length", test_length)
{
  g_autoptr(GString) name = g_string_new (NULL);

  /* Characters, not bytes: 80 accented letters are fine, 81 are not. */
  for (guint i = 0; i < CARTABLE_FOLDER_NAME_MAX_CHARS; i++)
    g_string_append (name, "é");
  g_assert_cmpint (cartable_folder_name_check (name->str, NULL, NULL), ==, CARTABLE_FOLDER_NAME_VALID);
  g_string_append (name, "e");
  g_assert_cmpint (cartable_folder_name_check (name->str, NULL, NULL), ==, CARTABLE_FOLDER_NAME_TOO_LONG);

  {
    g_autofree char *problem = cartable_folder_name_problem (name->str, NULL, NULL);
    g_assert_cmpstr (problem, ==, "Ce nom est trop long : 80 caractères au plus.");
  }
}

CARTABLE_TEST ("problem", test_problem)
{
  struct { const char *name; const char *current; const char *sentence; } cases[] = {
    { "Réunions", NULL, NULL },
    { "Réunions", "Réunions", NULL },
    { "", NULL, "Saisissez un nom pour le dossier." },
    { "Conseils/2026", NULL,
      "Un nom de dossier ne peut pas contenir « / » : ce caractère sépare un dossier de ses sous-dossiers." },
    { ".cache", NULL, "Un nom de dossier ne peut pas commencer par un point." },
    { "a\nb", NULL, "Un nom de dossier ne peut pas contenir de tabulation ni de retour à la ligne." },
    { " conseils de classe ", NULL,
      "Un dossier nommé « conseils de classe » existe déjà à cet endroit. Choisissez un autre nom." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = cartable_folder_name_problem (cases[i].name, siblings, cases[i].current);
      g_assert_cmpstr (problem, ==, cases[i].sentence);
    }
}

CARTABLE_TEST ("parent", test_parent)
{
  g_autofree char *top = cartable_folder_dup_parent_name ("Conseils de classe");
  g_autofree char *sub = cartable_folder_dup_parent_name ("Classes/6e B/Conseils");

  g_assert_null (top);
  g_assert_cmpstr (sub, ==, "Classes/6e B");
}

CARTABLE_TEST ("confirmations", test_confirmations)
{
  g_autofree char *many = cartable_folder_delete_body ("Projets", 12, FALSE);
  g_autofree char *one = cartable_folder_delete_body ("Projets", 1, FALSE);
  g_autofree char *none = cartable_folder_delete_body ("Projets", 0, FALSE);
  g_autofree char *unknown = cartable_folder_delete_body ("Projets", -1, FALSE);
  g_autofree char *parent = cartable_folder_delete_body ("Projets", 3, TRUE);
  g_autofree char *trash = cartable_folder_empty_body (CARTABLE_FOLDER_ROLE_TRASH, 3);
  g_autofree char *trash_one = cartable_folder_empty_body (CARTABLE_FOLDER_ROLE_TRASH, 1);
  g_autofree char *trash_empty = cartable_folder_empty_body (CARTABLE_FOLDER_ROLE_TRASH, 0);

  g_assert_cmpstr (many, ==, "Le dossier « Projets » sera supprimé définitivement avec son contenu : 12 messages. "
                             "Cette action est irréversible.");
  g_assert_cmpstr (one, ==, "Le dossier « Projets » sera supprimé définitivement avec son contenu : 1 message. "
                            "Cette action est irréversible.");
  g_assert_cmpstr (none, ==, "Le dossier « Projets » est vide. Il sera supprimé du serveur. "
                             "Cette action est irréversible.");
  g_assert_cmpstr (unknown, ==, "Le dossier « Projets » sera supprimé définitivement avec tous ses messages. "
                                "Cette action est irréversible.");
  g_assert_cmpstr (parent, ==, "« Projets » contient des sous-dossiers. Supprimez-les ou déplacez-les d’abord, "
                               "puis supprimez ce dossier.");
  g_assert_cmpstr (trash, ==, "La corbeille contient 3 messages : ils seront supprimés définitivement. "
                              "Cette action est irréversible.");
  g_assert_cmpstr (trash_one, ==, "La corbeille contient 1 message : il sera supprimé définitivement. "
                                  "Cette action est irréversible.");
  g_assert_cmpstr (trash_empty, ==, "La corbeille est déjà vide.");
}

CARTABLE_TEST ("errors", test_errors)
{
  struct { GQuark domain; int code; const char *message; const char *part; } cases[] = {
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE, "offline", "ne peut pas être joint" },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused", "ne peut pas être joint" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH, "auth", "identifiant ou votre mot de passe" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED, "NO [ALREADYEXISTS] Mailbox already exists",
      "existe déjà sur le serveur" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED, "NO [NONEXISTENT] Mailbox doesn't exist",
      "n’existe plus sur le serveur" },
    /* As imapx hands Dovecot's answers over: the code dropped, the text kept. */
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED,
      "Erreur lors de la création du dossier: Mailbox already exists (0.001 + 0.000 + 0.001 secs).",
      "existe déjà sur le serveur" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED, "Mailbox doesn't exist: Projets", "n’existe plus sur le serveur" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID, "bad name", "n’accepte pas ce nom" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED, "NO [OVERQUOTA] Quota exceeded", "une limite du serveur" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_FAILED, "Something odd", "« Something odd »" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, cases[i].message);
      g_autofree char *sentence = cartable_folder_error_sentence (CARTABLE_FOLDER_OP_CREATE, "Projets", error);

      g_test_message ("%s", sentence);
      g_assert_nonnull (strstr (sentence, cases[i].part));
      /* What to do, not only what happened. */
      g_assert_true (g_str_has_suffix (sentence, "."));
    }

  {
    g_autofree char *create = cartable_folder_error_heading (CARTABLE_FOLDER_OP_CREATE, "Projets");
    g_autofree char *rename = cartable_folder_error_heading (CARTABLE_FOLDER_OP_RENAME, "Projets");
    g_autofree char *delete = cartable_folder_error_heading (CARTABLE_FOLDER_OP_DELETE, "Projets");
    g_autofree char *empty = cartable_folder_error_heading (CARTABLE_FOLDER_OP_EMPTY, "Corbeille");

    g_assert_cmpstr (create, ==, "Le dossier « Projets » n’a pas pu être créé");
    g_assert_cmpstr (rename, ==, "Le dossier « Projets » n’a pas pu être renommé");
    g_assert_cmpstr (delete, ==, "Le dossier « Projets » n’a pas pu être supprimé");
    g_assert_cmpstr (empty, ==, "« Corbeille » n’a pas pu être vidé");
  }
}

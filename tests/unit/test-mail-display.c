/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "mail/cartable-mail-display.h"
#include "mail/cartable-mail-search-bar.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("mail-display");

/* What the mail window shows, from plain functions, in French. */

CARTABLE_TEST ("sender", test_sender)
{
  static const CartableTestTextCase cases[] = {
    { "Marie Durand <marie.durand@ac-normandie.fr>", "Marie Durand" },
    { "\"Durand, Marie\" <marie.durand@ac-normandie.fr>", "Durand, Marie" },
    { "=?UTF-8?Q?H=C3=A9l=C3=A8ne_L=C3=A9vesque?= <h.levesque@ac-normandie.fr>", "Hélène Lévesque" },
    { "<secretariat@ac-normandie.fr>", "secretariat@ac-normandie.fr" },
    { "secretariat@ac-normandie.fr, autre@ac-normandie.fr", "secretariat@ac-normandie.fr" },
    { "", "(sans expéditeur)" },
    { NULL, "(sans expéditeur)" },
  };

  cartable_test_assert_text_cases (cartable_mail_display_sender, cases, G_N_ELEMENTS (cases));
}

CARTABLE_TEST ("subject", test_subject)
{
  g_assert_cmpstr (cartable_mail_display_subject ("Conseil de classe"), ==, "Conseil de classe");
  g_assert_cmpstr (cartable_mail_display_subject (""), ==, "(sans objet)");
  g_assert_cmpstr (cartable_mail_display_subject (NULL), ==, "(sans objet)");
}

CARTABLE_TEST ("row-name", test_row_name)
{
  const char *from = "Paul Martin <paul.martin@ac-normandie.fr>";
  const char *to = "Marie Durand <marie.durand@ac-normandie.fr>";
  struct { CartableFolderRole role; const char *to; const char *out; } cases[] = {
    { CARTABLE_FOLDER_ROLE_INBOX, to, "Paul Martin" },
    { CARTABLE_FOLDER_ROLE_NONE, to, "Paul Martin" },
    { CARTABLE_FOLDER_ROLE_ARCHIVE, to, "Paul Martin" },
    { CARTABLE_FOLDER_ROLE_SENT, to, "À : Marie Durand" },
    { CARTABLE_FOLDER_ROLE_DRAFTS, to, "À : Marie Durand" },
    { CARTABLE_FOLDER_ROLE_OUTBOX, to, "À : Marie Durand" },
    { CARTABLE_FOLDER_ROLE_SENT, "Marie Durand <marie.durand@ac-normandie.fr>, secretariat@ac-normandie.fr",
      "À : Marie Durand, secretariat@ac-normandie.fr" },
    { CARTABLE_FOLDER_ROLE_SENT, "=?UTF-8?Q?H=C3=A9l=C3=A8ne_L=C3=A9vesque?= <h.levesque@ac-normandie.fr>",
      "À : Hélène Lévesque" },
    { CARTABLE_FOLDER_ROLE_SENT, "", "(sans destinataire)" },
    { CARTABLE_FOLDER_ROLE_DRAFTS, NULL, "(sans destinataire)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = cartable_mail_display_row_name (cases[i].role, from, cases[i].to);
      g_assert_cmpstr (shown, ==, cases[i].out);
    }
}

CARTABLE_TEST ("account-error", test_account_error)
{
  struct { GQuark domain; int code; const char *part; } cases[] = {
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH, "refusé le mot de passe" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_PASSWORD, "« Saisir le mot de passe »" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_CERTIFICATE, "certificat" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_TLS, "connexion sécurisée" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID, "Retirez le compte (Préférences, Comptes)" },
    { CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE, "injoignable" },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Vérifiez votre connexion" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "detail");
      g_autofree char *sentence = cartable_mail_display_account_error (error);

      g_assert_nonnull (strstr (sentence, cases[i].part));
      /* A sentence: capital first, full stop last. */
      g_assert_true (g_unichar_isupper (g_utf8_get_char (sentence)));
      g_assert_true (g_str_has_suffix (sentence, "."));
    }
}

CARTABLE_TEST ("link-misleads", test_link_misleads)
{
  struct { const char *uri; const char *label; gboolean misleads; } cases[] = {
    /* The text is the target, give or take case, spaces and a final slash. */
    { "https://www.ac-normandie.fr/", "https://www.ac-normandie.fr", FALSE },
    { "https://www.ac-normandie.fr", " HTTPS://www.ac-normandie.fr/ ", FALSE },
    { "mailto:marie.durand@ac-normandie.fr", "marie.durand@ac-normandie.fr", FALSE },
    /* No text to compare (an image link). */
    { "https://www.ac-normandie.fr/", NULL, FALSE },
    { "https://www.ac-normandie.fr/", "  ", FALSE },
    /* Another address shown than reached: the classic phishing link. */
    { "https://ac-normandie.fr.example.net/login", "https://www.ac-normandie.fr/login", TRUE },
    { "http://203.0.113.7/", "www.ac-normandie.fr", TRUE },
    { "mailto:pirate@example.net", "marie.durand@ac-normandie.fr", TRUE },
    /* Words as text: the target is shown too. */
    { "https://www.ac-normandie.fr/actualites", "Lire la suite", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (cartable_mail_display_link_misleads (cases[i].uri, cases[i].label), ==, cases[i].misleads);
}

/* The search bar's count of what was found, in French, plural included. */
CARTABLE_TEST ("search-count", test_search_count)
{
  g_autofree char *none = cartable_mail_search_bar_format_count (0, FALSE);
  g_autofree char *one = cartable_mail_search_bar_format_count (1, FALSE);
  g_autofree char *many = cartable_mail_search_bar_format_count (12, TRUE);
  g_autofree char *waiting = cartable_mail_search_bar_format_count (0, TRUE);

  g_assert_cmpstr (none, ==, "Aucun message trouvé");
  g_assert_cmpstr (one, ==, "1 message trouvé");
  g_assert_cmpstr (many, ==, "12 messages trouvés");
  /* Nothing yet while the search runs: no « aucun » that would be wrong a
   * moment later. */
  g_assert_null (waiting);
}


/* What a screen reader says of a message list row: the state first, then
 * what the row shows, the marks in words. */
CARTABLE_TEST ("row-sentence", test_row_sentence)
{
  struct {
    CartableRowMarks  marks;
    const char       *person;
    const char       *subject;
    const char       *date;
    guint             n_messages;
    const char       *folder;
    const char       *out;
  } cases[] = {
    { CARTABLE_ROW_MARK_UNREAD | CARTABLE_ROW_MARK_ATTACHMENT, "Anaïs Meyer", "Réunion de jeudi", "hier", 1, NULL,
      "Non lu, Anaïs Meyer, Réunion de jeudi, hier, avec pièces jointes" },
    { CARTABLE_ROW_MARK_NONE, "Paul Martin", "Sortie au musée", "14:05", 6, NULL,
      "Paul Martin, Sortie au musée, 14:05, 6 messages" },
    { CARTABLE_ROW_MARK_UNREAD | CARTABLE_ROW_MARK_FLAGGED | CARTABLE_ROW_MARK_ANSWERED, "Paul Martin", "Bulletins",
      "3 mars", 2, "Archives/2025",
      "Non lu, suivi, répondu, Paul Martin, Bulletins, 3 mars, 2 messages, dans Archives/2025" },
    { CARTABLE_ROW_MARK_DRAFT, "À : Marie Durand", "", NULL, 1, NULL,
      "Brouillon, À : Marie Durand, (sans objet)" },
    { CARTABLE_ROW_MARK_FLAGGED, "", NULL, "", 0, "",
      "Suivi, (sans expéditeur), (sans objet)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sentence = cartable_mail_display_row_sentence (cases[i].marks, cases[i].person,
                                                                      cases[i].subject, cases[i].date,
                                                                      cases[i].n_messages, cases[i].folder);

      g_assert_cmpstr (sentence, ==, cases[i].out);
    }
}

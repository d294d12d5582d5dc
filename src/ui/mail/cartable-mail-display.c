/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-display"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-mail-display.h"
#include "mail/cartable-mail-address.h"
#include "mail/cartable-mail-session.h"

char *
cartable_mail_display_sender (const char *addresses)
{
  g_autoptr(GPtrArray) mailboxes = NULL;

  if (addresses == NULL || *addresses == '\0')
    return g_strdup (_("(no sender)"));

  mailboxes = cartable_mail_address_parse_list (addresses);
  if (mailboxes->len > 0)
    {
      CartableMailAddress *first = g_ptr_array_index (mailboxes, 0);

      if (*first->name != '\0')
        return g_strdup (first->name);
      if (*first->address != '\0')
        return g_strdup (first->address);
    }

  return g_strdup (addresses);
}

/**
 * cartable_mail_display_row_sentence:
 *
 * « Non lu, suivi, Anaïs Meyer, Réunion de jeudi, hier, avec pièces
 * jointes, 6 messages »: what the row shows, in the order it is seen, the
 * marks said in words.
 *
 * Returns: (transfer full): the sentence
 */
char *
cartable_mail_display_row_sentence (CartableRowMarks  marks,
                                    const char       *person,
                                    const char       *subject,
                                    const char       *date,
                                    guint             n_messages,
                                    const char       *folder)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  g_autofree char *state = NULL;

  if (marks & CARTABLE_ROW_MARK_DRAFT)
    g_ptr_array_add (states, (gpointer) C_("message row", "draft"));
  if (marks & CARTABLE_ROW_MARK_UNREAD)
    g_ptr_array_add (states, (gpointer) C_("message row", "unread"));
  if (marks & CARTABLE_ROW_MARK_FLAGGED)
    g_ptr_array_add (states, (gpointer) C_("message row", "flagged"));
  if (marks & CARTABLE_ROW_MARK_ANSWERED)
    g_ptr_array_add (states, (gpointer) C_("message row", "answered"));
  g_ptr_array_add (states, NULL);
  state = g_strjoinv (", ", (char **) states->pdata);
  if (*state != '\0')
    {
      /* The sentence starts with a capital. */
      gunichar first = g_unichar_totitle (g_utf8_get_char (state));
      char capital[7] = { 0, };

      g_unichar_to_utf8 (first, capital);
      g_ptr_array_add (parts, g_strconcat (capital, g_utf8_next_char (state), NULL));
    }

  g_ptr_array_add (parts, g_strdup (person != NULL && *person != '\0' ? person : _("(no sender)")));
  g_ptr_array_add (parts, g_strdup (cartable_mail_display_subject (subject)));
  if (date != NULL && *date != '\0')
    g_ptr_array_add (parts, g_strdup (date));
  if (marks & CARTABLE_ROW_MARK_ATTACHMENT)
    g_ptr_array_add (parts, g_strdup (C_("message row", "with attachments")));
  if (n_messages > 1)
    /* Translators: the size of a conversation in a row's sentence for screen readers. */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages",
                                                          n_messages), n_messages));
  if (folder != NULL && *folder != '\0')
    /* Translators: in a row's sentence for screen readers, the folder of a search result. */
    g_ptr_array_add (parts, g_strdup_printf (C_("message row", "in %s"), folder));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

/* The subject a message shows: its own, or "(no subject)". */
const char *
cartable_mail_display_subject (const char *subject)
{
  return subject != NULL && *subject != '\0' ? subject : _("(no subject)");
}

char *
cartable_mail_display_row_name (CartableFolderRole  role,
                                const char         *from,
                                const char         *to)
{
  g_autoptr(GPtrArray) mailboxes = NULL;
  g_autoptr(GString) names = NULL;

  if (role != CARTABLE_FOLDER_ROLE_SENT &&
      role != CARTABLE_FOLDER_ROLE_DRAFTS &&
      role != CARTABLE_FOLDER_ROLE_OUTBOX)
    return cartable_mail_display_sender (from);

  if (to == NULL || *to == '\0')
    return g_strdup (_("(no recipient)"));

  names = g_string_new (NULL);
  mailboxes = cartable_mail_address_parse_list (to);
  for (guint i = 0; i < mailboxes->len; i++)
    {
      CartableMailAddress *mailbox = g_ptr_array_index (mailboxes, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, *mailbox->name != '\0' ? mailbox->name : mailbox->address);
    }
  if (names->len == 0)
    g_string_append (names, to);

  /* TRANSLATORS: a row of the Sent folder: who the message went to. */
  return g_strdup_printf (_("To: %s"), names->str);
}

char *
cartable_mail_display_account_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CARTABLE_MAIL_ERROR)
    {
      switch ((CartableMailError) error->code)
        {
        case CARTABLE_MAIL_ERROR_AUTH:
        case CARTABLE_MAIL_ERROR_NO_PASSWORD:
          return g_strdup (_("The mail server refused the saved password. Choose “Enter the Password” in the message at the bottom of the window to type it again."));
        case CARTABLE_MAIL_ERROR_CERTIFICATE:
          return g_strdup (_("The mail server’s certificate was refused: the connection was not made. Mail already received can still be read."));
        case CARTABLE_MAIL_ERROR_TLS:
        case CARTABLE_MAIL_ERROR_INSECURE:
          return g_strdup (_("No secure connection could be made to the mail server. Mail already received can still be read."));
        case CARTABLE_MAIL_ERROR_INVALID:
          return g_strdup_printf (_("The account’s settings cannot be used. %s Remove the account (Preferences, Accounts) and set it up again."),
                                  error->message);
        default:
          break;
        }
    }

  return g_strdup (_("The mail server cannot be reached. Check your connection; mail already received can still be read."));
}

/* Lower-case, without "mailto:" and a final slash: how a person compares. */
static char *
normalize_target (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *lower = g_utf8_strdown (stripped, -1);
  gsize len;

  if (g_str_has_prefix (lower, "mailto:"))
    memmove (lower, lower + strlen ("mailto:"), strlen (lower) - strlen ("mailto:") + 1);
  len = strlen (lower);
  if (len > 0 && lower[len - 1] == '/')
    lower[len - 1] = '\0';
  return lower;
}

gboolean
cartable_mail_display_link_misleads (const char *uri,
                                     const char *label)
{
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (uri != NULL, TRUE);

  /* An image or an empty link shows no target: nothing to compare. */
  if (label == NULL)
    return FALSE;
  text = normalize_target (label);
  if (*text == '\0')
    return FALSE;

  target = normalize_target (uri);
  return g_strcmp0 (target, text) != 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-onboarding-texts"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-onboarding-texts.h"
#include "mail/cartable-mail-search.h"

/*
 * The texts the onboarding computes from what the portal answered: plain
 * functions, so that they are tested without a display.
 */

/**
 * cartable_onboarding_academy_matches:
 * @name: the academy's name
 * @domains: (nullable): its mail domains
 * @query: (nullable): what is typed in the search field
 *
 * Returns: whether the academy is listed for @query: an empty query lists
 *   every academy; otherwise its name contains @query, regardless of case
 *   and accents, or one of its domains does.
 */
gboolean
cartable_onboarding_academy_matches (const char         *name,
                                     const char * const *domains,
                                     const char         *query)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (query == NULL || *query == '\0')
    return TRUE;

  /* Folded as the mail search folds: « academie » finds « Académie ». */
  if (cartable_mail_search_contains (name, query))
    return TRUE;

  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    if (cartable_mail_search_contains (domains[i], query))
      return TRUE;

  return FALSE;
}

/**
 * cartable_onboarding_activated_text:
 *
 * Returns: (transfer full): what an activated account is told
 */
char *
cartable_onboarding_activated_text (const char *identifier,
                                    const char *email)
{
  g_return_val_if_fail (identifier != NULL, NULL);
  g_return_val_if_fail (email != NULL, NULL);

  return g_strdup_printf (_("Your identifier is %s and your address %s. Keep your identifier: you will sign in with it on every device."),
                          identifier, email);
}

/**
 * cartable_onboarding_recovery_text:
 * @school_name: (nullable): the school whose secretariat receives the letter
 * @school_city: (nullable): its city
 * @code_expires_at: (nullable): when the new code stops working
 *
 * Returns: (transfer full): where the new activation code goes, and until
 *   when it can be typed
 */
char *
cartable_onboarding_recovery_text (const char *school_name,
                                   const char *school_city,
                                   GDateTime  *code_expires_at)
{
  g_autofree char *where = NULL;
  g_autofree char *expiry = NULL;

  if (school_name != NULL)
    where = g_strdup_printf (_("A letter with your new activation code is on its way to your school’s secretariat: %s, %s. Ask the secretariat for it."),
                             school_name, school_city != NULL ? school_city : "");
  else
    where = g_strdup (_("A letter with your new activation code is on its way to the secretariat of your school. Ask the secretariat for it."));

  if (code_expires_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (code_expires_at);
      g_autofree char *date = g_date_time_format (local, "%d/%m/%Y");

      expiry = g_strdup_printf (_("Then choose “I am activating my account” and type the new code before %s. Your old code no longer works."),
                                date);
    }
  else
    expiry = g_strdup (_("Then choose “I am activating my account” and type the new code. Your old code no longer works."));

  return g_strconcat (where, "\n\n", expiry, NULL);
}

/**
 * cartable_onboarding_ticket_text:
 *
 * Returns: (transfer full): what someone who wrote to the academy is told
 */
char *
cartable_onboarding_ticket_text (const char *ticket,
                                 const char *email)
{
  g_return_val_if_fail (ticket != NULL, NULL);
  g_return_val_if_fail (email != NULL, NULL);

  return g_strdup_printf (_("Your ticket number is %s. Keep it: quote it if you write again. The service will answer you at %s."),
                          ticket, email);
}

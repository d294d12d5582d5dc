/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-message-list.h"

G_BEGIN_DECLS

/* Folds @text for matching: NFKD, combining marks removed, case folded,
 * whitespace runs collapsed: "Élève  ÉTÉ" → "eleve ete". Pure function. */
char     *cartable_mail_search_normalize     (const char *text);
/* Whether @haystack contains @needle once both are folded as above. */
gboolean  cartable_mail_search_contains      (const char *haystack,
                                              const char *needle);

/* The first part of @text that matches @words once both are folded, as
 * @text writes it ("ecluse" in "L'Écluse" → "Écluse"), or NULL. */
char     *cartable_mail_search_dup_spelling  (const char *text,
                                              const char *words);

typedef struct _CartableSearchQuery CartableSearchQuery;

#define CARTABLE_TYPE_SEARCH_QUERY (cartable_search_query_get_type ())

GType                cartable_search_query_get_type        (void) G_GNUC_CONST;
CartableSearchQuery *cartable_search_query_new             (void);
CartableSearchQuery *cartable_search_query_ref             (CartableSearchQuery *self);
void                 cartable_search_query_unref           (CartableSearchQuery *self);
/* Words to find in the sender, recipients or subject (every word must match). */
void                 cartable_search_query_set_text        (CartableSearchQuery *self,
                                                            const char          *text);
void                 cartable_search_query_set_from        (CartableSearchQuery *self,
                                                            const char          *from);
/* To or Cc. */
void                 cartable_search_query_set_to          (CartableSearchQuery *self,
                                                            const char          *to);
void                 cartable_search_query_set_subject     (CartableSearchQuery *self,
                                                            const char          *subject);
/* Words that must all be in the text or HTML body, accents and case aside.
 * Online, the server finds the candidates (see _to_sexp) and each is checked
 * here, fetched through Camel's cache; offline, the cached bodies only. */
void                 cartable_search_query_set_body        (CartableSearchQuery *self,
                                                            const char          *body);
/* Unix times, inclusive; 0 for no bound. */
void                 cartable_search_query_set_date_range  (CartableSearchQuery *self,
                                                            gint64               after,
                                                            gint64               before);
void                 cartable_search_query_set_has_attachment (CartableSearchQuery *self,
                                                               gboolean             has_attachment);
void                 cartable_search_query_set_unread_only (CartableSearchQuery *self,
                                                            gboolean             unread_only);
gboolean             cartable_search_query_get_has_body    (CartableSearchQuery *self);
/* The server search for the candidates of the body part, as a Camel
 * expression: every accented spelling of one window of the folded words
 * (e.g. « lev », « lév », « lèv »… for "eleve"), or NULL without body.
 * The search runs its terms one by one. */
char                *cartable_search_query_to_sexp         (CartableSearchQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableSearchQuery, cartable_search_query_unref)

/* Restricts @list to @query's header criteria, instantly (NULL: all). */
void       cartable_message_list_set_query        (CartableMessageList *list,
                                                   CartableSearchQuery *query);

/* Searching a folder: cartable_mail_folder_search_async(). */

G_END_DECLS

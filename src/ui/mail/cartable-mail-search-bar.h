/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mail/cartable-folder-tree.h"
#include "mail/cartable-mail-search-results.h"
#include "mail/cartable-message-list.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIL_SEARCH_BAR (cartable_mail_search_bar_get_type ())

/* The search bar over a folder's message list: the words typed filter the
 * list at once over the cached headers, then, after a short pause or
 * Enter, the text of the messages is searched too (on the server when
 * online, in the downloaded messages otherwise) and its matches join the
 * list. Filters (unread, with attachment, period) and the scope (this
 * folder, every folder of the account) as search.* actions. Over every
 * folder, the results (cartable_mail_search_bar_get_results) stand for the
 * list while words or filters are on. */
G_DECLARE_FINAL_TYPE (CartableMailSearchBar, cartable_mail_search_bar, CARTABLE, MAIL_SEARCH_BAR, AdwBin)

GtkWidget           *cartable_mail_search_bar_new              (void);
/* The list searched (its folder is searched for the text), or NULL. */
void                 cartable_mail_search_bar_set_message_list (CartableMailSearchBar *self,
                                                                CartableMessageList   *list);
CartableMessageList *cartable_mail_search_bar_get_message_list (CartableMailSearchBar *self);
gboolean             cartable_mail_search_bar_get_search_mode  (CartableMailSearchBar *self);
void                 cartable_mail_search_bar_set_search_mode  (CartableMailSearchBar *self,
                                                                gboolean               search_mode);
/* Whether words or filters restrict the list. */
gboolean             cartable_mail_search_bar_get_active       (CartableMailSearchBar *self);
/* Whether the text of the messages is being searched. */
gboolean             cartable_mail_search_bar_get_searching    (CartableMailSearchBar *self);
/* What is searched, for the user: « sortie », non lus, ce mois-ci. */
char                *cartable_mail_search_bar_dup_description  (CartableMailSearchBar *self);
/* "folder" or "all" (every folder of @tree's account). */
const char          *cartable_mail_search_bar_get_scope        (CartableMailSearchBar *self);
void                 cartable_mail_search_bar_set_scope        (CartableMailSearchBar *self,
                                                                const char            *scope);
/* The folders searched when the scope is "all". */
void                 cartable_mail_search_bar_set_folder_tree  (CartableMailSearchBar *self,
                                                                CartableFolderTree    *tree);
/* The results over every folder while they stand for the list, or NULL. */
CartableSearchResults *cartable_mail_search_bar_get_results    (CartableMailSearchBar *self);
/* The hit count under the field: « 12 messages trouvés », « Aucun message
 * trouvé », or NULL while nothing is found yet but the search runs. */
char                *cartable_mail_search_bar_format_count     (guint                  n_found,
                                                                gboolean               searching);
/* The words searched while the search is on, or NULL. */
char                *cartable_mail_search_bar_dup_words        (CartableMailSearchBar *self);
/* Puts the keyboard in the search field. */
void                 cartable_mail_search_bar_focus            (CartableMailSearchBar *self);

G_END_DECLS

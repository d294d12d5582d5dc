/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------ summary */

#define CARTABLE_TYPE_MESSAGE_SUMMARY (cartable_message_summary_get_type ())

/* A light copy of one message's cached headers and flags, made on demand
 * when a list row is asked for. While it is alive the list hands out the
 * same object for that message and changes it in place when only flags
 * change (notify::seen, notify::flagged): rows follow those notifications
 * instead of being replaced. */
G_DECLARE_FINAL_TYPE (CartableMessageSummary, cartable_message_summary, CARTABLE, MESSAGE_SUMMARY, GObject)

const char   *cartable_message_summary_get_uid            (CartableMessageSummary *self);
const char   *cartable_message_summary_get_subject        (CartableMessageSummary *self);
const char   *cartable_message_summary_get_from           (CartableMessageSummary *self);
const char   *cartable_message_summary_get_to             (CartableMessageSummary *self);
const char   *cartable_message_summary_get_cc             (CartableMessageSummary *self);
/* Unix time: the Date header, else the server's reception date. */
gint64        cartable_message_summary_get_date           (CartableMessageSummary *self);
guint32       cartable_message_summary_get_flags          (CartableMessageSummary *self);
gboolean      cartable_message_summary_get_seen           (CartableMessageSummary *self);
gboolean      cartable_message_summary_get_flagged        (CartableMessageSummary *self);
gboolean      cartable_message_summary_get_answered       (CartableMessageSummary *self);
gboolean      cartable_message_summary_get_has_attachment (CartableMessageSummary *self);
guint32       cartable_message_summary_get_size           (CartableMessageSummary *self);
/* Messages in this row's conversation (1 when not threaded). */
guint         cartable_message_summary_get_thread_count   (CartableMessageSummary *self);
/* The uid of the conversation's first message. */
const char   *cartable_message_summary_get_thread_root    (CartableMessageSummary *self);
/* The folder of a search result over several folders (full name), NULL
 * in a folder's own list. */
const char   *cartable_message_summary_get_folder_name    (CartableMessageSummary *self);

/* ------------------------------------------------------------------ list */

#define CARTABLE_TYPE_MESSAGE_LIST (cartable_message_list_get_type ())

/* A GListModel of CartableMessageSummary over one folder, newest first,
 * optionally one row per conversation. Holds one small record per message;
 * row objects are made only when asked for. Follows the folder live (new
 * mail through IDLE, flag changes, removals). */
G_DECLARE_FINAL_TYPE (CartableMessageList, cartable_message_list, CARTABLE, MESSAGE_LIST, GObject)

/* A list is made by cartable_mail_folder_new_message_list(); its folder is
 * cartable_message_list_get_folder() (declared with CartableMailFolder). */

gboolean             cartable_message_list_get_threaded  (CartableMessageList  *self);
void                 cartable_message_list_set_threaded  (CartableMessageList  *self,
                                                          gboolean              threaded);
/* Keeps, besides the messages the filter accepts, those whose uid is in
 * @uids (strings, copied), e.g. what a body search found
 * (cartable_mail_folder_search_async); NULL for none. Without a filter every
 * message shows anyway. Those kept for @uids only come after the filter's,
 * newest first among themselves: the rows shown before stay in place. */
void                 cartable_message_list_set_matches   (CartableMessageList  *self,
                                                          GPtrArray            *uids);
/* Fraction 0–1 of the running synchronisation, -1 when idle. */
double               cartable_message_list_get_progress  (CartableMessageList  *self);
gboolean             cartable_message_list_get_loading   (CartableMessageList  *self);
/* Position of @uid's row, or -1. */
int                  cartable_message_list_find          (CartableMessageList  *self,
                                                          const char           *uid);
/* All uids of the conversation shown at @position (just one when not
 * threaded), oldest first: the row's own message, the newest, comes last. */
GPtrArray           *cartable_message_list_dup_thread_uids (CartableMessageList *self,
                                                            guint                position);
/* The same messages as CartableMessageSummary objects (sender, date, read
 * or not), oldest first; those gone from the folder meanwhile are left
 * out. */
GPtrArray           *cartable_message_list_dup_thread_summaries (CartableMessageList *self,
                                                                 guint                position);

/* Synchronises the folder with the server when @from_server and online
 * (progress reported), then builds the list from the cache. */
void                 cartable_message_list_load_async    (CartableMessageList  *self,
                                                          gboolean              from_server,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             cartable_message_list_load_finish   (CartableMessageList  *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS

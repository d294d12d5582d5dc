/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-composer.h"
#include "cartable-mail-session.h"

G_BEGIN_DECLS

#define CARTABLE_DRAFTS_DEFAULT_DELAY_MS 3000

/* A draft left on disk by an earlier run that the server does not have in
 * its latest version: offered back to the user. */
#define CARTABLE_TYPE_DRAFT_INFO (cartable_draft_info_get_type ())

G_DECLARE_FINAL_TYPE (CartableDraftInfo, cartable_draft_info, CARTABLE, DRAFT_INFO, GObject)

const char *cartable_draft_info_get_id         (CartableDraftInfo *self);
const char *cartable_draft_info_get_subject    (CartableDraftInfo *self);
const char *cartable_draft_info_get_recipients (CartableDraftInfo *self);
gint64      cartable_draft_info_get_saved_at   (CartableDraftInfo *self);

#define CARTABLE_TYPE_DRAFTS (cartable_drafts_get_type ())

G_DECLARE_FINAL_TYPE (CartableDrafts, cartable_drafts, CARTABLE, DRAFTS, GObject)

CartableDrafts    *cartable_drafts_new              (CartableMailSession *session,
                                                     const char          *account_id,
                                                     GError             **error);
void               cartable_drafts_set_delay        (CartableDrafts      *self,
                                                     guint                delay_ms);
guint              cartable_drafts_get_delay        (CartableDrafts      *self);
const char        *cartable_drafts_get_last_error   (CartableDrafts      *self);

const char        *cartable_drafts_track            (CartableDrafts      *self,
                                                     CartableComposer    *composer);
void               cartable_drafts_untrack          (CartableDrafts      *self,
                                                     CartableComposer    *composer);
const char        *cartable_drafts_get_draft_id     (CartableDrafts      *self,
                                                     CartableComposer    *composer);
void               cartable_drafts_save_now         (CartableDrafts      *self,
                                                     CartableComposer    *composer);

GListModel        *cartable_drafts_get_restorable   (CartableDrafts      *self);
CartableComposer  *cartable_drafts_restore          (CartableDrafts      *self,
                                                     const char          *draft_id,
                                                     GError             **error);
CartableComposer  *cartable_drafts_resume           (CartableDrafts      *self,
                                                     GMimeMessage        *draft,
                                                     GError             **error);

void               cartable_drafts_discard_async    (CartableDrafts      *self,
                                                     const char          *draft_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean           cartable_drafts_discard_finish   (CartableDrafts      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS

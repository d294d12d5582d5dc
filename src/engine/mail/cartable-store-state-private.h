/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

G_BEGIN_DECLS

/* What the engine keeps per mail store (engine-private): the lock of its
 * folder list and the journal of the moves made offline. The session owns
 * one per account (_cartable_mail_session_ref_store_state()); callers keep
 * a reference while they use it, so that a lock taken is the lock released
 * even if the account goes away meanwhile. */
#define CARTABLE_TYPE_STORE_STATE (cartable_store_state_get_type ())

G_DECLARE_FINAL_TYPE (CartableStoreState, cartable_store_state, CARTABLE, STORE_STATE, GObject)

CartableStoreState *_cartable_store_state_new                 (CamelStore          *store);

/* Serialises the folder-list operations made on the store (listing,
 * create, rename, delete): Camel's IMAP provider trips over a folder
 * deleted while another thread lists. Recursive. */
void                _cartable_store_state_lock_folders        (CartableStoreState  *self);
void                _cartable_store_state_unlock_folders      (CartableStoreState  *self);

/* Moves made offline: recorded, hidden from the lists of their folder, and
 * replayed once the store is back online. */
gboolean            _cartable_store_state_add_moves           (CartableStoreState  *self,
                                                               CamelFolder         *folder,
                                                               const char * const  *uids,
                                                               const char          *destination,
                                                               GError             **error);
GHashTable         *_cartable_store_state_dup_pending_moves   (CartableStoreState  *self,
                                                               const char          *folder_name);
/* Pushes what was done offline (flags kept by Camel, then the journal's
 * moves) to the server. Blocking; safe to call any time. */
gboolean            _cartable_store_state_replay_sync         (CartableStoreState  *self,
                                                               CamelStore          *store,
                                                               GCancellable        *cancellable,
                                                               GError             **error);

G_END_DECLS

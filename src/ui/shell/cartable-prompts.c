/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-prompts"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shell/cartable-toast.h"
#include "cartable-prompts.h"
#include "cartable-certificate-dialog.h"
#include "cartable-password-dialog.h"
#include "mail/cartable-composer-launcher.h"

struct _CartablePrompts
{
  GObject           parent_instance;

  GtkWindow        *window;    /* weak: the window owns the prompts */
  AdwToastOverlay  *overlay;   /* weak */
  CartableSessions *sessions;
  GPtrArray        *watched;   /* CartableAccountSession */

  GHashTable       *password_toasts;   /* account id → AdwToast */
  GHashTable       *offered;           /* account ids whose unsent drafts were offered */
};

G_DEFINE_FINAL_TYPE (CartablePrompts, cartable_prompts, G_TYPE_OBJECT)

static void
add_toast (CartablePrompts *self,
           AdwToast        *toast)
{
  if (self->overlay != NULL)
    cartable_toast_add (self->overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* ------------------------------------------------------------ refused password */

static void
password_toast_dismissed_cb (AdwToast        *toast,
                             CartablePrompts *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->password_toasts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == toast)
      g_hash_table_iter_remove (&iter);
}

static void
offer_password (CartablePrompts        *self,
                CartableAccountSession *session)
{
  const char *account_id = cartable_account_session_get_account_id (session);
  CartableAccount *account = cartable_account_session_get_account (session);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_hash_table_contains (self->password_toasts, account_id))
    return;

  title = g_strdup_printf (_("The password of %s was refused."), cartable_account_get_display_name (account));
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Enter the Password"));
  adw_toast_set_action_name (toast, "account.reenter-password");
  adw_toast_set_action_target_value (toast, g_variant_new_string (account_id));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (password_toast_dismissed_cb), self, 0);
  g_hash_table_insert (self->password_toasts, g_strdup (account_id), toast);
  add_toast (self, toast);
}

static void
password_refused_cb (CartableAccountSession *session,
                     CartablePrompts        *self)
{
  offer_password (self, session);
}

static void
online_changed_cb (CartableAccountSession *session,
                   GParamSpec             *pspec,
                   CartablePrompts        *self)
{
  AdwToast *toast = g_hash_table_lookup (self->password_toasts, cartable_account_session_get_account_id (session));

  if (toast != NULL && cartable_account_session_get_online (session))
    adw_toast_dismiss (toast);
}

typedef struct
{
  GWeakRef  prompts;
  char     *account_id;
  char     *password;
} PasswordChange;

static void
password_change_free (PasswordChange *change)
{
  g_weak_ref_clear (&change->prompts);
  g_free (change->account_id);
  if (change->password != NULL)
    memset (change->password, 0, strlen (change->password));
  g_free (change->password);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasswordChange, password_change_free)

static void
imap_password_stored_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(PasswordChange) change = user_data;
  g_autoptr(CartablePrompts) self = g_weak_ref_get (&change->prompts);
  g_autoptr(GError) error = NULL;
  CartableAccountSession *session;

  if (!cartable_credentials_store_finish (result, &error))
    {
      g_message ("Could not store the password of %s: %s", change->account_id, error->message);
      if (self != NULL)
        add_toast (self, adw_toast_new (_("The password could not be saved in the keyring. Try again.")));
      return;
    }

  session = self != NULL ? cartable_sessions_lookup (self->sessions, change->account_id) : NULL;
  if (session != NULL)
    cartable_account_session_reconnect (session);
}

static void
shared_password_stored_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PasswordChange) change = user_data;
  g_autoptr(GError) error = NULL;
  PasswordChange *next;

  if (!cartable_credentials_store_finish (result, &error))
    g_message ("Could not store the shared password of %s: %s", change->account_id, error->message);

  /* The mail password is looked up before the shared one: replace it too. */
  next = g_steal_pointer (&change);
  cartable_credentials_store_async (next->account_id, CARTABLE_CREDENTIALS_SERVICE_IMAP, next->password,
                                    NULL, NULL, imap_password_stored_cb, next);
}

static void
password_submitted_cb (CartablePasswordDialog *dialog,
                       const char             *password,
                       CartablePrompts        *self)
{
  PasswordChange *change = g_new0 (PasswordChange, 1);

  g_weak_ref_init (&change->prompts, self);
  change->account_id = g_strdup (cartable_account_get_id (cartable_password_dialog_get_account (dialog)));
  change->password = g_strdup (password);
  cartable_credentials_store_async (change->account_id, NULL, change->password, NULL, NULL,
                                    shared_password_stored_cb, change);
}

/**
 * cartable_prompts_ask_password:
 * @account_id: an account whose server refused its password
 *
 * Asks the password of @account_id; what the user types replaces the saved
 * one and the account connects again.
 */
void
cartable_prompts_ask_password (CartablePrompts *self,
                               const char      *account_id)
{
  CartableAccountSession *session;
  CartablePasswordDialog *dialog;
  AdwToast *toast;

  g_return_if_fail (CARTABLE_IS_PROMPTS (self));
  g_return_if_fail (account_id != NULL);

  session = cartable_sessions_lookup (self->sessions, account_id);
  if (session == NULL)
    return;
  toast = g_hash_table_lookup (self->password_toasts, account_id);
  if (toast != NULL)
    adw_toast_dismiss (toast);

  dialog = cartable_password_dialog_new (self->window, cartable_account_session_get_account (session));
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (password_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ the outbox */

static void
show_outbox_cb (AdwToast        *toast,
                CartablePrompts *self)
{
  cartable_composer_launcher_show_outbox (self->sessions, self->window);
}

/* A message the server refused, or that may have left: the user must know. */
static void
outbox_problem_cb (CartableAccountSession *session,
                   CartableOutboxItem     *item,
                   CartablePrompts        *self)
{
  const char *subject = cartable_outbox_item_get_subject (item);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (subject == NULL || *subject == '\0')
    subject = _("(no subject)");
  if (cartable_outbox_item_get_state (item) == CARTABLE_OUTBOX_STATE_FAILED)
    title = g_strdup_printf (_("The server refused “%s”"), subject);
  else
    title = g_strdup_printf (_("“%s” may already have been sent"), subject);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Outbox"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_outbox_cb), self, 0);
  add_toast (self, toast);
}

/* The confirmation that the server took a message: the toast of the
 * composer only said it would leave. */
static void
message_sent_cb (CartableAccountSession *session,
                 CartableOutboxItem     *item,
                 CartablePrompts        *self)
{
  const char *subject = cartable_outbox_item_get_subject (item);
  g_autofree char *title = NULL;

  if (subject == NULL || *subject == '\0')
    subject = _("(no subject)");
  title = g_strdup_printf (_("“%s” was sent"), subject);
  add_toast (self, adw_toast_new (title));
}

/* ------------------------------------------------------------ unsent drafts */

/* « N brouillons non envoyés ont été retrouvés — Ouvrir » */

typedef struct
{
  GWeakRef  prompts;
  char     *account_id;
} OfferData;

static void
offer_data_free (gpointer  data,
                 GClosure *closure)
{
  OfferData *offer = data;

  g_weak_ref_clear (&offer->prompts);
  g_free (offer->account_id);
  g_free (offer);
}

static void
open_drafts_clicked_cb (AdwToast  *toast,
                        OfferData *offer)
{
  g_autoptr(CartablePrompts) self = g_weak_ref_get (&offer->prompts);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  CartableAccountSession *session;
  GListModel *restorable;

  session = self != NULL ? cartable_sessions_lookup (self->sessions, offer->account_id) : NULL;
  if (session == NULL || cartable_account_session_get_drafts (session) == NULL)
    return;

  /* Restoring takes a draft off the list: the ids first. */
  restorable = cartable_drafts_get_restorable (cartable_account_session_get_drafts (session));
  for (guint i = 0; i < g_list_model_get_n_items (restorable); i++)
    {
      g_autoptr(CartableDraftInfo) info = g_list_model_get_item (restorable, i);

      g_ptr_array_add (ids, g_strdup (cartable_draft_info_get_id (info)));
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (cartable_composer_launcher_open_draft (self->sessions, self->window, offer->account_id,
                                                 g_ptr_array_index (ids, i), &error) == NULL)
        {
          g_debug ("draft %s: %s", (const char *) g_ptr_array_index (ids, i), error->message);
          add_toast (self, adw_toast_new (_("The unsent draft could not be opened.")));
        }
    }
}

/* Offers once per account the drafts an earlier run left unsent. */
static void
offer_drafts (CartablePrompts        *self,
              CartableAccountSession *session)
{
  const char *account_id = cartable_account_session_get_account_id (session);
  guint n = cartable_account_session_get_n_unsent_drafts (session);
  g_autofree char *title = NULL;
  OfferData *offer;
  AdwToast *toast;

  if (n == 0 || g_hash_table_contains (self->offered, account_id))
    return;
  g_hash_table_add (self->offered, g_strdup (account_id));

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unsent draft was found", "%u unsent drafts were found", n), n);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 20);
  offer = g_new0 (OfferData, 1);
  g_weak_ref_init (&offer->prompts, self);
  offer->account_id = g_strdup (account_id);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_drafts_clicked_cb), offer, offer_data_free, 0);
  add_toast (self, toast);
}

static void
unsent_drafts_changed_cb (CartableAccountSession *session,
                          GParamSpec             *pspec,
                          CartablePrompts        *self)
{
  offer_drafts (self, session);
}

/* ------------------------------------------------------------ certificates */

/* Asked in this window, whichever section is on screen; without a window
 * the session keeps the question until one can ask it. */
static gboolean
certificate_request_cb (CartableAccountSession     *session,
                        CartableCertificateRequest *request,
                        CartablePrompts            *self)
{
  CartableCertificateDialog *dialog;

  if (self->window == NULL)
    return FALSE;

  dialog = cartable_certificate_dialog_new (self->window, request);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ------------------------------------------------------------ following the sessions */

static void
unwatch_all (CartablePrompts *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
sessions_changed_cb (GListModel      *sessions,
                     guint            position,
                     guint            removed,
                     guint            added,
                     CartablePrompts *self)
{
  unwatch_all (self);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      CartableAccountSession *session = g_list_model_get_item (sessions, i);

      g_ptr_array_add (self->watched, session);
      g_signal_connect (session, "password-refused", G_CALLBACK (password_refused_cb), self);
      g_signal_connect (session, "notify::online", G_CALLBACK (online_changed_cb), self);
      g_signal_connect (session, "outbox-problem", G_CALLBACK (outbox_problem_cb), self);
      g_signal_connect (session, "message-sent", G_CALLBACK (message_sent_cb), self);
      g_signal_connect (session, "notify::n-unsent-drafts", G_CALLBACK (unsent_drafts_changed_cb), self);
      g_signal_connect (session, "certificate-request", G_CALLBACK (certificate_request_cb), self);

      /* Questions asked before this window was there. */
      if (cartable_account_session_get_password_refused (session))
        offer_password (self, session);
      offer_drafts (self, session);
    }
}

static void
cartable_prompts_dispose (GObject *object)
{
  CartablePrompts *self = CARTABLE_PROMPTS (object);

  if (self->watched != NULL)
    unwatch_all (self);
  if (self->sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->sessions, self);
  g_clear_object (&self->sessions);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->overlay);

  G_OBJECT_CLASS (cartable_prompts_parent_class)->dispose (object);
}

static void
cartable_prompts_finalize (GObject *object)
{
  CartablePrompts *self = CARTABLE_PROMPTS (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->password_toasts, g_hash_table_unref);
  g_clear_pointer (&self->offered, g_hash_table_unref);

  G_OBJECT_CLASS (cartable_prompts_parent_class)->finalize (object);
}

static void
cartable_prompts_class_init (CartablePromptsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_prompts_dispose;
  object_class->finalize = cartable_prompts_finalize;
}

static void
cartable_prompts_init (CartablePrompts *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->password_toasts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * cartable_prompts_new:
 * @window: the window questions are asked over
 * @overlay: where its toasts go
 * @sessions: whose questions are asked
 */
CartablePrompts *
cartable_prompts_new (GtkWindow        *window,
                      AdwToastOverlay  *overlay,
                      CartableSessions *sessions)
{
  CartablePrompts *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (CARTABLE_IS_SESSIONS (sessions), NULL);

  self = g_object_new (CARTABLE_TYPE_PROMPTS, NULL);
  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->overlay, overlay);
  self->sessions = g_object_ref (sessions);
  g_signal_connect (sessions, "items-changed", G_CALLBACK (sessions_changed_cb), self);
  sessions_changed_cb (G_LIST_MODEL (sessions), 0, 0, 0, self);
  return self;
}

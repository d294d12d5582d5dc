/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-account-removal"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-account-removal.h"

/*
 * Removing an account (after settings that cannot be used, a change of
 * academy, a shared computer): asked first, then the store erases the
 * account's settings, cached mail, outbox and drafts, and passwords. The
 * main window goes back to the welcome page by itself when none is left.
 */

typedef struct
{
  GtkWindow            *parent;   /* weak */
  CartableAccountStore *store;
  char                 *account_id;
} Removal;

static void
removal_free (Removal *removal)
{
  g_clear_weak_pointer (&removal->parent);
  g_clear_object (&removal->store);
  g_free (removal->account_id);
  g_free (removal);
}

static void
account_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Removal *removal = user_data;
  g_autoptr(GError) error = NULL;

  if (!cartable_account_store_delete_account_finish (CARTABLE_ACCOUNT_STORE (source), result, &error))
    {
      if (removal->parent != NULL)
        {
          GtkWidget *dialog = adw_message_dialog_new (removal->parent, _("The Account Was Not Removed"), NULL);

          adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                          _("Part of the account could not be erased (%s). Try again."),
                                          error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  else if (removal->parent != NULL)
    {
      /* What the window showed of the account is gone with it. */
      gtk_window_close (removal->parent);
    }

  removal_free (removal);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Removal *removal = user_data;

  if (!g_str_equal (response, "remove"))
    {
      removal_free (removal);
      return;
    }

  cartable_account_store_delete_account_async (removal->store, removal->account_id, NULL,
                                               account_deleted_cb, removal);
}

/**
 * cartable_account_removal_ask:
 * @parent: the window asking; it is closed once the account is removed
 * @store: the account store
 * @account_id: the account to remove
 *
 * Asks whether to remove the account (Cancel is the default answer), then
 * removes it.
 */
void
cartable_account_removal_ask (GtkWindow            *parent,
                              CartableAccountStore *store,
                              const char           *account_id)
{
  CartableAccount *account;
  GtkWidget *dialog;
  Removal *removal;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (CARTABLE_IS_ACCOUNT_STORE (store));
  g_return_if_fail (account_id != NULL);

  account = cartable_account_store_lookup (store, account_id);
  if (account == NULL)
    return;

  dialog = adw_message_dialog_new (parent, _("Remove This Account?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The mail of %s saved on this computer, its messages waiting to be "
                                    "sent and its password will be erased from this computer. Its mail and "
                                    "its drafts stay on the academy’s server."),
                                  cartable_account_get_display_name (account));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A destructive answer is never the default one. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  removal = g_new0 (Removal, 1);
  g_set_weak_pointer (&removal->parent, parent);
  removal->store = g_object_ref (store);
  removal->account_id = g_strdup (account_id);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), removal);
  gtk_window_present (GTK_WINDOW (dialog));
}

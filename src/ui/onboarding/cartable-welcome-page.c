/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-welcome-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-onboarding-texts.h"
#include "cartable-welcome-page-private.h"
#include "shell/cartable-primary-menu.h"

/*
 * What the window shows while no account is set up: the onboarding flow.
 *
 *   welcome → academy → choice → login | activate | other | lost | contact
 *   activate, other → activated → (mode) → signed in
 *   login → (change-password) → (mode) → signed in
 *   lost → lost-done        contact → contact-done
 *
 * "Signed in" means cartable_login_async() added the account to the store:
 * the window then shows its main page by itself. The account is only added
 * once a temporary password is replaced and the interface version chosen,
 * so the window cannot go anywhere else before.
 *
 * The steps are laid out in the template; this file holds the flow between
 * them and the requests to the portal, cartable-welcome-page-forms.c what
 * the forms do as the user types.
 */

G_DEFINE_FINAL_TYPE (CartableWelcomePage, cartable_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VISIBLE_STEP,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void finish_sign_in (CartableWelcomePage *self);

/* ------------------------------------------------------------ navigation */

static CartableWelcomeForm *
visible_form (CartableWelcomePage *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  for (guint i = 0; i < self->forms->len; i++)
    {
      CartableWelcomeForm *form = g_ptr_array_index (self->forms, i);

      if (page == GTK_WIDGET (form->step))
        return form;
    }
  return NULL;
}

/* What Enter activates on @page. */
static GtkWidget *
default_widget_of (CartableWelcomePage *self,
                   GtkWidget           *page)
{
  if (CARTABLE_IS_ONBOARDING_STEP (page))
    return cartable_onboarding_step_get_submit_button (CARTABLE_ONBOARDING_STEP (page));
  if (page == self->welcome_box)
    return self->start_button;
  if (page == self->activated_box)
    return self->activated_button;
  if (page == self->lost_done_box)
    return self->lost_done_button;
  if (page == self->contact_done_box)
    return self->contact_done_button;
  return NULL;
}

static void
focus_first_field (CartableWelcomePage *self,
                   GtkWidget           *page)
{
  CartableWelcomeForm *form = _cartable_welcome_page_form_for_widget (self, page);
  GtkWidget *first = NULL;

  /* The first field to fill, else the page's main control, never the
   * back button. */
  if (form != NULL)
    {
      for (guint i = 0; i < form->fields->len; i++)
        {
          CartableOnboardingField *field = g_ptr_array_index (form->fields, i);

          if (cartable_onboarding_field_get_validity (field) != CARTABLE_VALIDITY_VALID)
            {
              gtk_widget_grab_focus (GTK_WIDGET (field));
              return;
            }
        }
    }
  else if (CARTABLE_IS_ONBOARDING_STEP (page))
    first = cartable_onboarding_step_get_first_focus (CARTABLE_ONBOARDING_STEP (page));

  if (first == NULL)
    first = default_widget_of (self, page);
  if (first != NULL && gtk_widget_grab_focus (first))
    return;

  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
show_step (CartableWelcomePage *self,
           const char          *name,
           gboolean             remember)
{
  GtkWidget *page;
  const char *current = gtk_stack_get_visible_child_name (self->stack);

  if (remember && current != NULL && g_strcmp0 (current, name) != 0)
    g_ptr_array_add (self->history, g_strdup (current));

  gtk_stack_set_visible_child_name (self->stack, name);
  page = gtk_stack_get_child_by_name (self->stack, name);
  _cartable_welcome_page_update_actions (self);

  /* Keyboard users land on the first field of each page. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root))
        gtk_window_set_default_widget (GTK_WINDOW (root), default_widget_of (self, page));
      focus_first_field (self, page);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_STEP]);
}

static void
go_back (CartableWelcomePage *self)
{
  const char *current = gtk_stack_get_visible_child_name (self->stack);
  g_autofree char *previous = NULL;

  /* The forced password change has no way back, nor what follows a change
   * already made (an activated account, the version choice); and nothing
   * leaves a page while a request runs. */
  if (self->busy || self->history->len == 0 ||
      g_strcmp0 (current, "change-password") == 0 ||
      g_strcmp0 (current, "activated") == 0 ||
      g_strcmp0 (current, "mode") == 0)
    return;

  previous = g_strdup (g_ptr_array_index (self->history, self->history->len - 1));
  g_ptr_array_remove_index (self->history, self->history->len - 1);
  show_step (self, previous, FALSE);
}

/**
 * _cartable_welcome_page_update_actions:
 *
 * Enables what can be done now: nothing while a request runs, and sending
 * the visible form once it is complete.
 */
void
_cartable_welcome_page_update_actions (CartableWelcomePage *self)
{
  CartableWelcomeForm *form = visible_form (self);
  GtkWidget *incomplete;
  gboolean complete = form != NULL && form->fields != NULL &&
                      _cartable_welcome_page_form_is_complete (self, form, &incomplete);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.back", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.submit", complete && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.choose-version", !self->busy);
}

void
_cartable_welcome_page_set_busy (CartableWelcomePage *self,
                                 gboolean             busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  _cartable_welcome_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
wipe_pending (CartableWelcomePage *self)
{
  if (self->pending_password != NULL)
    memset (self->pending_password, 0, strlen (self->pending_password));
  g_clear_pointer (&self->pending_password, g_free);
  g_clear_pointer (&self->pending_identifier, g_free);
}

static void
set_pending (CartableWelcomePage *self,
             const char          *identifier,
             const char          *password)
{
  wipe_pending (self);
  self->pending_identifier = g_strdup (identifier);
  self->pending_password = g_strdup (password);
}

/* ------------------------------------------------------------- caps lock */

static void
caps_lock_changed_cb (GdkDevice           *keyboard,
                      GParamSpec          *pspec,
                      CartableWelcomePage *self)
{
  _cartable_welcome_page_set_caps_lock (self, gdk_device_get_caps_lock_state (keyboard));
}

static gboolean
focus_start_cb (gpointer user_data)
{
  CartableWelcomePage *self = user_data;

  self->focus_idle = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0)
    gtk_widget_grab_focus (self->start_button);
  return G_SOURCE_REMOVE;
}

static void
cartable_welcome_page_map (GtkWidget *widget)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);

  GTK_WIDGET_CLASS (cartable_welcome_page_parent_class)->map (widget);

  /* Enter starts. After the window's own stack has moved the focus to
   * its first focusable widget (the menu), put it on the start button:
   * before the frames of the window's crossfade, which on a busy machine
   * would hold back an idle of the default idle priority. */
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add_full (G_PRIORITY_DEFAULT, focus_start_cb, self, NULL);
}

static void
cartable_welcome_page_realize (GtkWidget *widget)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);
  GdkSeat *seat;

  GTK_WIDGET_CLASS (cartable_welcome_page_parent_class)->realize (widget);

  seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  if (seat != NULL && self->keyboard == NULL)
    {
      self->keyboard = gdk_seat_get_keyboard (seat);
      if (self->keyboard != NULL)
        {
          g_object_ref (self->keyboard);
          g_signal_connect_object (self->keyboard, "notify::caps-lock-state",
                                   G_CALLBACK (caps_lock_changed_cb), self, 0);
          caps_lock_changed_cb (self->keyboard, NULL, self);
        }
    }
}

/* ---------------------------------------------------------- portal data */

static void
policy_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CartableWelcomePage) self = user_data;
  g_autoptr(CartablePasswordPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  policy = cartable_portal_get_password_policy_finish (CARTABLE_PORTAL (source), result, &error);
  if (policy == NULL)
    {
      /* The documented policy stands in; the portal checks again anyway. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Password policy: %s", error->message);
      return;
    }

  g_clear_pointer (&self->policy, cartable_password_policy_free);
  self->policy = g_steal_pointer (&policy);

  for (guint i = 0; i < self->forms->len; i++)
    {
      CartableWelcomeForm *form = g_ptr_array_index (self->forms, i);

      if (form->checklist != NULL)
        {
          cartable_password_checklist_set_policy (form->checklist, self->policy);
          _cartable_welcome_page_update_form (self, form);
        }
    }
}

static void
terms_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CartableWelcomePage) self = user_data;
  g_autoptr(CartablePortalTerms) terms = NULL;
  g_autoptr(GError) error = NULL;

  terms = cartable_portal_get_terms_finish (CARTABLE_PORTAL (source), result, &error);
  if (terms == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cartable_welcome_page_show_form_gerror (&self->other, error);
      return;
    }

  g_clear_pointer (&self->terms, cartable_portal_terms_free);
  self->terms = g_steal_pointer (&terms);
  gtk_label_set_text (self->terms_title, self->terms->title);
  gtk_label_set_text (self->terms_text, self->terms->text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->other.terms_check), TRUE);
  _cartable_welcome_page_update_form (self, &self->other);
}

static void
services_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartableWelcomePage) self = user_data;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  services = cartable_portal_list_services_finish (CARTABLE_PORTAL (source), result, &error);
  if (services == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cartable_welcome_page_show_form_gerror (&self->contact, error);
      return;
    }

  g_clear_pointer (&self->services, g_ptr_array_unref);
  self->services = g_steal_pointer (&services);

  for (guint i = 0; i < self->services->len; i++)
    {
      CartablePortalService *service = g_ptr_array_index (self->services, i);
      g_strv_builder_add (builder, service->name);
    }
  names = g_strv_builder_end (builder);
  gtk_string_list_splice (self->service_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->service_names)),
                          (const char * const *) names);
  adw_combo_row_set_selected (self->contact.service_row, 0);
  _cartable_welcome_page_update_form (self, &self->contact);
}

static void
select_academy (CartableWelcomePage    *self,
                CartableAcademyProfile *profile)
{
  g_autoptr(GError) error = NULL;

  /* Same academy again: what was loaded still holds. */
  if (self->profile == profile && self->portal != NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->profile, profile);
  g_clear_object (&self->portal);
  g_clear_pointer (&self->terms, cartable_portal_terms_free);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  gtk_check_button_set_active (self->other.terms_check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->other.terms_check), FALSE);
  gtk_label_set_text (self->terms_title, _("Terms of use"));
  gtk_label_set_text (self->terms_text, _("Loading the terms of use…"));

  cartable_onboarding_step_set_title (self->choice_step, cartable_academy_profile_get_name (profile));

  self->portal = cartable_portal_new_for_profile (profile, &error);
  if (self->portal == NULL)
    {
      g_warning ("Academy %s has no usable portal: %s", cartable_academy_profile_get_id (profile),
                 error->message);
      return;
    }

  /* The policy, terms and services load while the user chooses. */
  cartable_portal_get_password_policy_async (self->portal, self->cancellable, policy_ready_cb,
                                             g_object_ref (self));
  cartable_portal_get_terms_async (self->portal, self->cancellable, terms_ready_cb, g_object_ref (self));
  cartable_portal_list_services_async (self->portal, self->cancellable, services_ready_cb,
                                       g_object_ref (self));
}

/* -------------------------------------------------------------- sign in */

static void
end_busy (CartableWelcomePage *self)
{
  CartableWelcomeForm *form = visible_form (self);

  if (form != NULL)
    _cartable_welcome_page_form_set_busy (self, form, FALSE);
  _cartable_welcome_page_set_busy (self, FALSE);
  cartable_onboarding_step_set_busy (self->mode_step, FALSE);
}

static gboolean
interface_mode_chosen (CartableWelcomePage *self)
{
  return g_settings_get_boolean (self->settings, "interface-mode-chosen");
}

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CartableWelcomePage) self = user_data;
  g_autoptr(CartableLoginResult) login = NULL;
  g_autoptr(GError) error = NULL;
  CartableWelcomeForm *form = visible_form (self);

  login = cartable_login_finish (result, &error);
  end_busy (self);

  if (login == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (form != NULL)
        {
          _cartable_welcome_page_show_form_gerror (form, error);
          _cartable_welcome_page_focus_form_error (form, error);
        }
      else
        {
          /* On the version choice: a check-only login went first. */
          g_autofree char *message = cartable_onboarding_describe_error (error, CARTABLE_ONBOARDING_FLOW_LOGIN);

          cartable_onboarding_step_show_error (self->mode_step, message);
        }
      return;
    }

  if (login->must_change_password)
    {
      _cartable_welcome_page_clear_form (self, &self->change, FALSE);
      cartable_onboarding_field_set_text (self->change.current_password, self->pending_password);
      _cartable_welcome_page_update_form (self, &self->change);
      show_step (self, "change-password", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->change.new_password));
      return;
    }

  /* In the store: the window shows its main page now. (A check without a
   * store also returns the account, not saved anywhere.) */
  if (login->account != NULL &&
      cartable_account_store_lookup (self->store, cartable_account_get_id (login->account)) != NULL)
    {
      wipe_pending (self);
      return;
    }

  finish_sign_in (self);
}

static void
run_login (CartableWelcomePage *self,
           gboolean             add_to_store)
{
  CartableWelcomeForm *form = visible_form (self);

  if (form != NULL)
    _cartable_welcome_page_form_set_busy (self, form, TRUE);
  else
    _cartable_welcome_page_set_busy (self, TRUE);

  cartable_login_async (self->profile, add_to_store ? self->store : NULL,
                        self->pending_identifier, self->pending_password,
                        self->cancellable, login_done_cb, g_object_ref (self));
}

static void
finish_sign_in (CartableWelcomePage *self)
{
  if (!interface_mode_chosen (self))
    {
      cartable_onboarding_step_show_error (self->mode_step, NULL);
      show_step (self, "mode", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->mode_simple));
      return;
    }

  run_login (self, TRUE);
}

static void
submit_login (CartableWelcomePage *self,
              CartableWelcomeForm *form)
{
  g_autofree char *identifier = cartable_onboarding_field_dup_value (form->identifier);

  set_pending (self, identifier, cartable_onboarding_field_get_text (form->current_password));
  run_login (self, interface_mode_chosen (self));
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CartableWelcomePage *self = user_data;

  /* The new password is the one to sign in with from now on. */
  g_free (self->pending_password);
  self->pending_password = g_strdup (cartable_onboarding_field_get_text (self->change.new_password));
  login_done_cb (source, result, user_data);
}

static void
submit_change_password (CartableWelcomePage *self,
                        CartableWelcomeForm *form)
{
  _cartable_welcome_page_form_set_busy (self, form, TRUE);
  cartable_login_change_password_async (self->profile, interface_mode_chosen (self) ? self->store : NULL,
                                        self->pending_identifier,
                                        cartable_onboarding_field_get_text (form->current_password),
                                        cartable_onboarding_field_get_text (form->new_password),
                                        self->cancellable, change_done_cb, g_object_ref (self));
}

/* What the user must keep (an identifier, a ticket number), large and
 * selectable so that it can be copied. */
static void
set_highlight (GtkLabel   *highlight,
               const char *text)
{
  gtk_label_set_text (highlight, text);
  gtk_widget_set_visible (GTK_WIDGET (highlight), text != NULL);
}

static void
show_activated (CartableWelcomePage   *self,
                CartablePortalAccount *account)
{
  g_autofree char *description = cartable_onboarding_activated_text (account->identifier, account->email);

  adw_status_page_set_description (self->activated_status, description);
  set_highlight (self->activated_highlight, account->identifier);
  show_step (self, "activated", TRUE);
}

static void
activate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CartableWelcomePage) self = user_data;
  g_autoptr(CartablePortalAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  CartableWelcomeForm *form = visible_form (self);

  if (form == &self->other)
    account = cartable_portal_activate_other_academy_finish (CARTABLE_PORTAL (source), result, &error);
  else
    account = cartable_portal_activate_finish (CARTABLE_PORTAL (source), result, &error);

  if (form != NULL)
    _cartable_welcome_page_form_set_busy (self, form, FALSE);

  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && form != NULL)
        {
          _cartable_welcome_page_show_form_gerror (form, error);
          _cartable_welcome_page_focus_form_error (form, error);
        }
      return;
    }

  set_pending (self, account->identifier, cartable_onboarding_field_get_text (form->new_password));
  _cartable_welcome_page_clear_form (self, form, FALSE);
  show_activated (self, account);
}

static void
submit_activate (CartableWelcomePage *self,
                 CartableWelcomeForm *form)
{
  g_autofree char *identifier = cartable_onboarding_field_dup_value (form->identifier);
  g_autofree char *code = _cartable_welcome_page_form_value (form, CARTABLE_ONBOARDING_FIELD_CODE);
  g_autofree char *birth_date = _cartable_welcome_page_form_value (form, CARTABLE_ONBOARDING_FIELD_BIRTH_DATE);

  _cartable_welcome_page_form_set_busy (self, form, TRUE);
  cartable_portal_activate_async (self->portal, identifier, code, birth_date,
                                  cartable_onboarding_field_get_text (form->new_password),
                                  self->cancellable, activate_done_cb, g_object_ref (self));
}

static void
submit_other (CartableWelcomePage *self,
              CartableWelcomeForm *form)
{
  g_autofree char *numen = _cartable_welcome_page_form_value (form, CARTABLE_ONBOARDING_FIELD_NUMEN);
  g_autofree char *birth_date = _cartable_welcome_page_form_value (form, CARTABLE_ONBOARDING_FIELD_BIRTH_DATE);

  _cartable_welcome_page_form_set_busy (self, form, TRUE);
  cartable_portal_activate_other_academy_async (self->portal, numen, birth_date,
                                                gtk_check_button_get_active (form->terms_check),
                                                self->terms != NULL ? self->terms->version : "",
                                                cartable_onboarding_field_get_text (form->new_password),
                                                self->cancellable, activate_done_cb, g_object_ref (self));
}

static void
recover_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CartableWelcomePage) self = user_data;
  g_autoptr(CartablePortalRecovery) recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  CartableWelcomeForm *form = &self->lost;

  recovery = cartable_portal_recover_finish (CARTABLE_PORTAL (source), result, &error);
  _cartable_welcome_page_form_set_busy (self, form, FALSE);

  if (recovery == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _cartable_welcome_page_show_form_gerror (form, error);
          _cartable_welcome_page_focus_form_error (form, error);
        }
      return;
    }

  description = cartable_onboarding_recovery_text (recovery->school != NULL ? recovery->school->name : NULL,
                                                   recovery->school != NULL ? recovery->school->city : NULL,
                                                   recovery->code_expires_at);
  adw_status_page_set_description (self->lost_done_status, description);
  show_step (self, "lost-done", TRUE);
}

static void
submit_lost (CartableWelcomePage *self,
             CartableWelcomeForm *form)
{
  g_autofree char *identifier = cartable_onboarding_field_dup_value (form->identifier);
  g_autofree char *numen = _cartable_welcome_page_form_value (form, CARTABLE_ONBOARDING_FIELD_NUMEN);
  g_autofree char *birth_date = _cartable_welcome_page_form_value (form, CARTABLE_ONBOARDING_FIELD_BIRTH_DATE);

  _cartable_welcome_page_form_set_busy (self, form, TRUE);
  cartable_portal_recover_async (self->portal, identifier, numen, birth_date, self->cancellable,
                                 recover_done_cb, g_object_ref (self));
}

static void
contact_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CartableWelcomePage) self = user_data;
  g_autoptr(CartablePortalTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *email = cartable_onboarding_field_dup_value (self->contact_email);
  CartableWelcomeForm *form = &self->contact;

  ticket = cartable_portal_contact_finish (CARTABLE_PORTAL (source), result, &error);
  _cartable_welcome_page_form_set_busy (self, form, FALSE);

  if (ticket == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _cartable_welcome_page_show_form_gerror (form, error);
          _cartable_welcome_page_focus_form_error (form, error);
        }
      return;
    }

  description = cartable_onboarding_ticket_text (ticket->ticket, email);
  adw_status_page_set_description (self->contact_done_status, description);
  set_highlight (self->contact_done_highlight, ticket->ticket);

  /* A new message starts from a blank form. */
  cartable_onboarding_field_set_text (self->contact_subject, "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (form->message_view), "", -1);

  show_step (self, "contact-done", TRUE);
}

static void
submit_contact (CartableWelcomePage *self,
                CartableWelcomeForm *form)
{
  g_autofree char *email = cartable_onboarding_field_dup_value (self->contact_email);
  g_autofree char *name = cartable_onboarding_field_dup_value (self->contact_name);
  g_autofree char *subject = cartable_onboarding_field_dup_value (self->contact_subject);
  g_autofree char *message = NULL;
  CartablePortalService *service;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (form->message_view);
  GtkTextIter start, end;
  guint selected = adw_combo_row_get_selected (form->service_row);

  g_return_if_fail (self->services != NULL && selected < self->services->len);
  service = g_ptr_array_index (self->services, selected);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  message = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  _cartable_welcome_page_form_set_busy (self, form, TRUE);
  cartable_portal_contact_async (self->portal, name, email, service->id, subject, message,
                                 self->cancellable, contact_done_cb, g_object_ref (self));
}

/* ----------------------------------------------------------- the academies */

/* The rows are the catalogue's academies, in its order. */
static CartableAcademyProfile *
academy_of_row (CartableWelcomePage *self,
                GtkListBoxRow       *row)
{
  return g_list_model_get_item (G_LIST_MODEL (self->catalogue), gtk_list_box_row_get_index (row));
}

static void
academy_row_activated_cb (GtkListBox          *list,
                          GtkListBoxRow       *row,
                          CartableWelcomePage *self)
{
  g_autoptr(CartableAcademyProfile) profile = academy_of_row (self, row);

  g_assert (CARTABLE_IS_ACADEMY_PROFILE (profile));
  select_academy (self, profile);
  show_step (self, "choice", TRUE);
}

static gboolean
academy_filter (GtkListBoxRow *row,
                gpointer       user_data)
{
  CartableWelcomePage *self = user_data;
  g_autoptr(CartableAcademyProfile) profile = academy_of_row (self, row);

  return cartable_onboarding_academy_matches (cartable_academy_profile_get_name (profile),
                                              cartable_academy_profile_get_domains (profile),
                                              gtk_editable_get_text (GTK_EDITABLE (self->academy_search)));
}

static GtkListBoxRow *
first_visible_academy (CartableWelcomePage *self)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->academy_list, i);

      if (row == NULL)
        return NULL;
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)) && academy_filter (row, self))
        return row;
    }
}

/* GTK 4.8 shows a list's placeholder only when it has no rows at all, not
 * when its filter hides them all: the sentence is a label of its own. */
static void
academy_search_changed_cb (GtkSearchEntry      *entry,
                           CartableWelcomePage *self)
{
  gboolean none;

  gtk_list_box_invalidate_filter (self->academy_list);
  none = first_visible_academy (self) == NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->academy_list), !none);
  gtk_widget_set_visible (self->academy_none, none);
}

static void
academy_search_activate_cb (GtkSearchEntry      *entry,
                            CartableWelcomePage *self)
{
  GtkListBoxRow *row = first_visible_academy (self);

  if (row != NULL)
    academy_row_activated_cb (self->academy_list, row, self);
}

static void
academy_search_stop_cb (GtkSearchEntry      *entry,
                        CartableWelcomePage *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    go_back (self);
}

/* A row for each academy of the catalogue, in its order: the row's index
 * is the academy's position (academy_of_row ()). */
static GtkWidget *
create_academy_row (CartableAcademyProfile *profile)
{
  GtkWidget *row = adw_action_row_new ();
  const char * const *domains = cartable_academy_profile_get_domains (profile);
  GtkWidget *chevron = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cartable_academy_profile_get_name (profile));
  if (domains != NULL && domains[0] != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), domains[0]);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chevron);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cartable_academy_profile_get_name (profile),
                                  -1);
  return row;
}

/* --------------------------------------------------------------- actions */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->academy_search), "");
  show_step (self, "academy", TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->academy_search));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go_back (CARTABLE_WELCOME_PAGE (widget));
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);

  g_ptr_array_set_size (self->history, 0);
  g_ptr_array_add (self->history, g_strdup ("welcome"));
  g_ptr_array_add (self->history, g_strdup ("academy"));
  show_step (self, "choice", FALSE);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, target);
  CartableWelcomeForm *form = _cartable_welcome_page_form_for_widget (self, page);

  g_return_if_fail (page != NULL);

  if (form != NULL)
    {
      _cartable_welcome_page_show_form_error (form, NULL);
      _cartable_welcome_page_update_form (self, form);
    }
  show_step (self, target, TRUE);
}

/* A forgotten password is recovered as a lost code is: a new activation
 * code, then a new password. The identifier typed comes along. */
static void
forgot_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);
  CartableWelcomeForm *login = _cartable_welcome_page_form_for_widget (self, gtk_stack_get_child_by_name (self->stack, "login"));
  CartableWelcomeForm *lost = _cartable_welcome_page_form_for_widget (self, gtk_stack_get_child_by_name (self->stack, "lost"));
  CartableOnboardingField *from = _cartable_welcome_page_form_field (login, CARTABLE_ONBOARDING_FIELD_IDENTIFIER);
  CartableOnboardingField *to = _cartable_welcome_page_form_field (lost, CARTABLE_ONBOARDING_FIELD_IDENTIFIER);

  g_assert (from != NULL && to != NULL);
  cartable_onboarding_field_set_text (to, cartable_onboarding_field_get_text (from));
  gtk_widget_activate_action (widget, "onboarding.choose", "s", "lost");
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);
  CartableWelcomeForm *form = visible_form (self);

  if (form != NULL)
    _cartable_welcome_page_submit_form (self, form);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  finish_sign_in (CARTABLE_WELCOME_PAGE (widget));
}

static void
choose_version_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (widget);

  if (self->busy)
    return;

  g_settings_set_enum (self->settings, "interface-mode",
                       gtk_check_button_get_active (self->mode_simple) ? CARTABLE_INTERFACE_MODE_SIMPLE
                                                                       : CARTABLE_INTERFACE_MODE_FULL);
  g_settings_set_boolean (self->settings, "interface-mode-chosen", TRUE);

  cartable_onboarding_step_show_error (self->mode_step, NULL);
  cartable_onboarding_step_set_busy (self->mode_step, TRUE);
  run_login (self, TRUE);
}

/* ------------------------------------------------------------- lifecycle */

static void
load_catalogue (CartableWelcomePage *self,
                GFile               *academy_profile)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  self->catalogue = cartable_academy_catalogue_new ();
  if (!cartable_academy_catalogue_load (self->catalogue, &error))
    {
      g_warning ("Shipped academies: %s", error->message);
      g_clear_error (&error);
    }

  if (academy_profile != NULL)
    {
      g_autofree char *path = g_file_get_path (academy_profile);
      g_autoptr(CartableAcademyProfile) profile = NULL;

      if (path != NULL)
        profile = cartable_academy_profile_new_from_file (path, &error);
      if (profile != NULL)
        cartable_academy_catalogue_add (self->catalogue, profile);
      else
        g_warning ("Academy profile %s: %s", path ? path : "?", error ? error->message : "not a local file");
    }

  /* Rows made by hand rather than bound: a bound list box ignores its filter. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->academy_list))) != NULL)
    gtk_list_box_remove (self->academy_list, child);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->catalogue)); i++)
    {
      g_autoptr(CartableAcademyProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->catalogue), i);

      gtk_list_box_append (self->academy_list, create_academy_row (profile));
    }
}

static void
reset_flow (CartableWelcomePage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->profile);
  g_clear_object (&self->portal);

  wipe_pending (self);
  _cartable_welcome_page_set_busy (self, FALSE);
  for (guint i = 0; i < self->forms->len; i++)
    {
      CartableWelcomeForm *form = g_ptr_array_index (self->forms, i);

      gtk_widget_set_sensitive (form->body, TRUE);
      cartable_onboarding_step_set_busy (form->step, FALSE);
      /* The next person at this computer finds empty forms. */
      _cartable_welcome_page_clear_form (self, form, TRUE);
    }
  end_busy (self);
  g_ptr_array_set_size (self->history, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->academy_search), "");
  gtk_stack_set_visible_child_full (self->stack, "welcome", GTK_STACK_TRANSITION_TYPE_NONE);
  _cartable_welcome_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_STEP]);
}

static void
accounts_changed_cb (GListModel          *model,
                     guint                position,
                     guint                removed,
                     guint                added,
                     CartableWelcomePage *self)
{
  /* Once an account is set up the window leaves this page; if it comes
   * back (the last account removed), it starts afresh, with no password
   * left in any field. */
  if (g_list_model_get_n_items (model) > 0)
    reset_flow (self);
}

/**
 * cartable_welcome_page_setup:
 * @settings: the application settings (interface-mode, interface-mode-chosen)
 * @store: the account store a successful sign-in adds to
 * @academy_profile: (nullable): the profile given with --academy-profile,
 *   listed first
 *
 * Gives the page what it works with; the window calls it once.
 */
void
cartable_welcome_page_setup (CartableWelcomePage  *self,
                             GSettings            *settings,
                             CartableAccountStore *store,
                             GFile                *academy_profile)
{
  g_return_if_fail (CARTABLE_IS_WELCOME_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (CARTABLE_IS_ACCOUNT_STORE (store));
  g_return_if_fail (academy_profile == NULL || G_IS_FILE (academy_profile));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "items-changed", G_CALLBACK (accounts_changed_cb), self, 0);
  load_catalogue (self, academy_profile);

  gtk_check_button_set_active (g_settings_get_enum (settings, "interface-mode") == CARTABLE_INTERFACE_MODE_SIMPLE
                                 ? self->mode_simple : self->mode_full,
                               TRUE);
}

const char *
cartable_welcome_page_get_visible_step (CartableWelcomePage *self)
{
  g_return_val_if_fail (CARTABLE_IS_WELCOME_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
cartable_welcome_page_get_busy (CartableWelcomePage *self)
{
  g_return_val_if_fail (CARTABLE_IS_WELCOME_PAGE (self), FALSE);
  return self->busy;
}

static void
cartable_welcome_page_dispose (GObject *object)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  wipe_pending (self);

  G_OBJECT_CLASS (cartable_welcome_page_parent_class)->dispose (object);
}

static void
cartable_welcome_page_finalize (GObject *object)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->profile);
  g_clear_object (&self->portal);
  g_clear_object (&self->keyboard);
  g_clear_pointer (&self->policy, cartable_password_policy_free);
  g_clear_pointer (&self->terms, cartable_portal_terms_free);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  for (guint i = 0; self->forms != NULL && i < self->forms->len; i++)
    g_clear_pointer (&((CartableWelcomeForm *) g_ptr_array_index (self->forms, i))->fields, g_ptr_array_unref);
  g_clear_pointer (&self->forms, g_ptr_array_unref);

  G_OBJECT_CLASS (cartable_welcome_page_parent_class)->finalize (object);
}

static void
cartable_welcome_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CartableWelcomePage *self = CARTABLE_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_STEP:
      g_value_set_string (value, cartable_welcome_page_get_visible_step (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, CartableWelcomePage, name)
#define BIND_FORM_CHILD(id, member) \
  gtk_widget_class_bind_template_child_full (widget_class, id, FALSE, G_STRUCT_OFFSET (CartableWelcomePage, member))

static void
cartable_welcome_page_class_init (CartableWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_welcome_page_dispose;
  object_class->finalize = cartable_welcome_page_finalize;
  object_class->get_property = cartable_welcome_page_get_property;
  widget_class->realize = cartable_welcome_page_realize;
  widget_class->map = cartable_welcome_page_map;

  properties[PROP_VISIBLE_STEP] =
    g_param_spec_string ("visible-step", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARTABLE_TYPE_ONBOARDING_FIELD);
  g_type_ensure (CARTABLE_TYPE_ONBOARDING_STEP);
  g_type_ensure (CARTABLE_TYPE_PASSWORD_CHECKLIST);

  /* AdwBin unparents its child when disposed: no template disposal here. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-welcome-page.ui");
  BIND_CHILD (stack);
  BIND_CHILD (status_page);
  BIND_CHILD (menu_button);
  BIND_CHILD (start_button);
  BIND_CHILD (welcome_box);
  BIND_CHILD (academy_search);
  BIND_CHILD (academy_none);
  BIND_CHILD (academy_list);
  BIND_CHILD (choice_step);
  BIND_CHILD (terms_title);
  BIND_CHILD (terms_text);
  BIND_CHILD (service_names);
  BIND_CHILD (contact_name);
  BIND_CHILD (contact_email);
  BIND_CHILD (contact_subject);
  BIND_CHILD (mode_step);
  BIND_CHILD (mode_simple);
  BIND_CHILD (mode_full);
  BIND_CHILD (activated_box);
  BIND_CHILD (activated_status);
  BIND_CHILD (activated_highlight);
  BIND_CHILD (activated_button);
  BIND_CHILD (lost_done_box);
  BIND_CHILD (lost_done_status);
  BIND_CHILD (lost_done_button);
  BIND_CHILD (contact_done_box);
  BIND_CHILD (contact_done_status);
  BIND_CHILD (contact_done_highlight);
  BIND_CHILD (contact_done_button);
  BIND_FORM_CHILD ("login_step", login.step);
  BIND_FORM_CHILD ("login_body", login.body);
  BIND_FORM_CHILD ("activate_step", activate.step);
  BIND_FORM_CHILD ("activate_body", activate.body);
  BIND_FORM_CHILD ("other_step", other.step);
  BIND_FORM_CHILD ("other_body", other.body);
  BIND_FORM_CHILD ("other_terms_check", other.terms_check);
  BIND_FORM_CHILD ("lost_step", lost.step);
  BIND_FORM_CHILD ("lost_body", lost.body);
  BIND_FORM_CHILD ("contact_step", contact.step);
  BIND_FORM_CHILD ("contact_body", contact.body);
  BIND_FORM_CHILD ("contact_service", contact.service_row);
  BIND_FORM_CHILD ("contact_message", contact.message_view);
  BIND_FORM_CHILD ("contact_message_hint", contact.message_hint);
  BIND_FORM_CHILD ("change_step", change.step);
  BIND_FORM_CHILD ("change_body", change.body);

  gtk_widget_class_bind_template_callback (widget_class, academy_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, academy_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, academy_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, academy_search_stop_cb);
  _cartable_welcome_page_class_init_forms (widget_class);

  gtk_widget_class_install_action (widget_class, "onboarding.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "onboarding.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "onboarding.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "onboarding.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "onboarding.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "onboarding.forgot-password", NULL, forgot_password_action);
  gtk_widget_class_install_action (widget_class, "onboarding.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "onboarding.choose-version", NULL, choose_version_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "onboarding.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "onboarding.back", NULL);
}

static void
cartable_welcome_page_init (CartableWelcomePage *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->forms = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  menu = cartable_primary_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
  gtk_list_box_set_filter_func (self->academy_list, academy_filter, self, NULL);

  _cartable_welcome_page_init_form (self, &self->login, CARTABLE_ONBOARDING_FLOW_LOGIN, submit_login);
  _cartable_welcome_page_init_form (self, &self->activate, CARTABLE_ONBOARDING_FLOW_ACTIVATE, submit_activate);
  _cartable_welcome_page_init_form (self, &self->other, CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY, submit_other);
  _cartable_welcome_page_init_form (self, &self->lost, CARTABLE_ONBOARDING_FLOW_RECOVERY, submit_lost);
  _cartable_welcome_page_init_form (self, &self->contact, CARTABLE_ONBOARDING_FLOW_CONTACT, submit_contact);
  _cartable_welcome_page_init_form (self, &self->change, CARTABLE_ONBOARDING_FLOW_CHANGE_PASSWORD,
                                    submit_change_password);
  for (guint i = 0; i < self->forms->len; i++)
    _cartable_welcome_page_update_form (self, g_ptr_array_index (self->forms, i));
}

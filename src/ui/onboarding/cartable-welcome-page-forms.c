/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-account-validate.h"
#include "cartable-welcome-page-private.h"

/*
 * The forms of the onboarding: what is typed is checked as it is typed,
 * the submit action is enabled once everything is right, Enter moves on to
 * the next field to fill, and the error sentence of a refused request
 * shows at the top of the form.
 */

#define MESSAGE_MAX_CHARS 5000

static void
collect_fields (GtkWidget *widget,
                GPtrArray *fields)
{
  if (CARTABLE_IS_ONBOARDING_FIELD (widget))
    {
      g_ptr_array_add (fields, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_fields (child, fields);
}

static GtkWidget *
find_checklist (GtkWidget *widget)
{
  if (CARTABLE_IS_PASSWORD_CHECKLIST (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_checklist (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * _cartable_welcome_page_init_form:
 *
 * Makes @form, whose step and body the template bound, work: its fields
 * are those of its body.
 */
void
_cartable_welcome_page_init_form (CartableWelcomePage       *self,
                                  CartableWelcomeForm       *form,
                                  CartableOnboardingFlow     flow,
                                  CartableWelcomeSubmitFunc  submit)
{
  g_assert (CARTABLE_IS_ONBOARDING_STEP (form->step));
  g_assert (GTK_IS_WIDGET (form->body));

  form->flow = flow;
  form->submit = submit;
  form->fields = g_ptr_array_new ();
  collect_fields (form->body, form->fields);
  form->identifier = _cartable_welcome_page_form_field (form, CARTABLE_ONBOARDING_FIELD_IDENTIFIER);
  form->current_password = _cartable_welcome_page_form_field (form, CARTABLE_ONBOARDING_FIELD_PASSWORD);
  form->new_password = _cartable_welcome_page_form_field (form, CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD);
  form->checklist = (CartablePasswordChecklist *) find_checklist (form->body);
  /* The documented policy until the portal's own arrives. */
  if (form->checklist != NULL)
    {
      cartable_password_checklist_set_with_current (form->checklist, form->current_password != NULL);
      cartable_password_checklist_set_policy (form->checklist, self->policy);
    }

  g_ptr_array_add (self->forms, form);
}

/**
 * _cartable_welcome_page_form_field:
 *
 * Returns: (nullable): the first field of @kind in @form
 */
CartableOnboardingField *
_cartable_welcome_page_form_field (CartableWelcomeForm         *form,
                                   CartableOnboardingFieldKind  kind)
{
  for (guint i = 0; i < form->fields->len; i++)
    {
      CartableOnboardingField *field = g_ptr_array_index (form->fields, i);

      if (cartable_onboarding_field_get_kind (field) == kind)
        return field;
    }
  return NULL;
}

/**
 * _cartable_welcome_page_form_value:
 *
 * Returns: (transfer full) (nullable): the value of the first field of
 *   @kind in @form, as the portal wants it
 */
char *
_cartable_welcome_page_form_value (CartableWelcomeForm         *form,
                                   CartableOnboardingFieldKind  kind)
{
  CartableOnboardingField *field = _cartable_welcome_page_form_field (form, kind);

  g_assert (field != NULL);
  return cartable_onboarding_field_dup_value (field);
}

/**
 * _cartable_welcome_page_form_for_widget:
 *
 * Returns: (nullable): the form @widget is in, or is the step of
 */
CartableWelcomeForm *
_cartable_welcome_page_form_for_widget (CartableWelcomePage *self,
                                        GtkWidget           *widget)
{
  for (guint i = 0; widget != NULL && i < self->forms->len; i++)
    {
      CartableWelcomeForm *form = g_ptr_array_index (self->forms, i);

      if (widget == GTK_WIDGET (form->step) || gtk_widget_is_ancestor (widget, GTK_WIDGET (form->step)))
        return form;
    }
  return NULL;
}

void
_cartable_welcome_page_show_form_error (CartableWelcomeForm *form,
                                        const char          *message)
{
  cartable_onboarding_step_show_error (form->step, message);
}

/* The sentence for @error at the top of @form, and the refused password
 * rules crossed out in its checklist. */
void
_cartable_welcome_page_show_form_gerror (CartableWelcomeForm *form,
                                         const GError        *error)
{
  g_autofree char *message = cartable_onboarding_describe_error (error, form->flow);

  _cartable_welcome_page_show_form_error (form, message);
  if (form->checklist != NULL && g_error_matches (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY))
    cartable_password_checklist_mark_violations (form->checklist, cartable_portal_error_get_violated_rules (error));
}

/* After a refusal: the keyboard on the field the error is about (the
 * wrong password, the wrong code), else on the first field, never on
 * nothing — the button pressed was insensitive while the portal answered. */
void
_cartable_welcome_page_focus_form_error (CartableWelcomeForm *form,
                                         const GError        *error)
{
  int kind = cartable_onboarding_error_field (error, form->flow);
  CartableOnboardingField *field = kind >= 0 ? _cartable_welcome_page_form_field (form, kind) : NULL;

  if (g_error_matches (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_TERMS_NOT_ACCEPTED) &&
      form->terms_check != NULL && gtk_widget_grab_focus (GTK_WIDGET (form->terms_check)))
    return;
  if (field == NULL && form->fields->len > 0)
    field = g_ptr_array_index (form->fields, 0);
  if (field != NULL && gtk_widget_grab_focus (GTK_WIDGET (field)))
    return;
  gtk_widget_child_focus (GTK_WIDGET (form->step), GTK_DIR_TAB_FORWARD);
}

/* A new password is checked against each rule of the checklist, which
 * depends on the identifier and the current password too. */
static CartableValidity
validate_new_password (CartableWelcomePage      *self,
                       CartableWelcomeForm      *form,
                       CartableOnboardingField  *field,
                       char                    **problem)
{
  const char *text = cartable_onboarding_field_get_text (field);
  const char *identifier = form->identifier != NULL ? cartable_onboarding_field_get_text (form->identifier)
                           : self->pending_identifier;
  const char *current = form->current_password != NULL ? cartable_onboarding_field_get_text (form->current_password)
                        : NULL;
  gboolean ok;

  *problem = NULL;
  if (form->checklist == NULL)
    return *text == '\0' ? CARTABLE_VALIDITY_EMPTY : CARTABLE_VALIDITY_VALID;
  ok = cartable_password_checklist_update (form->checklist, text, identifier, current);
  if (*text == '\0')
    return CARTABLE_VALIDITY_EMPTY;
  if (!ok)
    *problem = g_strdup (_("Follow each rule below: they turn green one by one."));
  return ok ? CARTABLE_VALIDITY_VALID : CARTABLE_VALIDITY_INCOMPLETE;
}

static char *
dup_message (CartableWelcomeForm *form)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (form->message_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * _cartable_welcome_page_form_is_complete:
 * @first_incomplete: (out): the widget to fill first
 *
 * Returns: whether @form can be sent
 */
gboolean
_cartable_welcome_page_form_is_complete (CartableWelcomePage  *self,
                                         CartableWelcomeForm  *form,
                                         GtkWidget           **first_incomplete)
{
  *first_incomplete = NULL;

  for (guint i = 0; i < form->fields->len; i++)
    {
      CartableOnboardingField *field = g_ptr_array_index (form->fields, i);

      if (cartable_onboarding_field_get_validity (field) != CARTABLE_VALIDITY_VALID)
        {
          *first_incomplete = GTK_WIDGET (field);
          return FALSE;
        }
    }

  if (form->terms_check != NULL && !gtk_check_button_get_active (form->terms_check))
    {
      *first_incomplete = GTK_WIDGET (form->terms_check);
      return FALSE;
    }

  if (form->message_view != NULL)
    {
      g_autofree char *text = dup_message (form);

      if (cartable_validate_required_text (text, MESSAGE_MAX_CHARS, NULL) != CARTABLE_VALIDITY_VALID)
        {
          *first_incomplete = GTK_WIDGET (form->message_view);
          return FALSE;
        }
    }

  if (form->service_row != NULL &&
      adw_combo_row_get_selected (form->service_row) == GTK_INVALID_LIST_POSITION)
    return FALSE;

  return TRUE;
}

/**
 * _cartable_welcome_page_update_form:
 *
 * Checks every field of @form again and shows the outcome.
 */
void
_cartable_welcome_page_update_form (CartableWelcomePage *self,
                                    CartableWelcomeForm *form)
{
  for (guint i = 0; i < form->fields->len; i++)
    {
      CartableOnboardingField *field = g_ptr_array_index (form->fields, i);
      g_autofree char *problem = NULL;
      CartableValidity validity;

      if (field == form->new_password)
        validity = validate_new_password (self, form, field, &problem);
      else
        validity = cartable_onboarding_field_validate (field, &problem);
      cartable_onboarding_field_show_validity (field, validity, problem);
    }

  _cartable_welcome_page_update_actions (self);
}

/**
 * _cartable_welcome_page_submit_form:
 *
 * Sends @form if it is complete; otherwise puts the focus where something
 * is missing.
 */
void
_cartable_welcome_page_submit_form (CartableWelcomePage *self,
                                    CartableWelcomeForm *form)
{
  GtkWidget *incomplete;

  if (self->busy)
    return;

  _cartable_welcome_page_update_form (self, form);
  if (!_cartable_welcome_page_form_is_complete (self, form, &incomplete))
    {
      if (incomplete != NULL)
        gtk_widget_grab_focus (incomplete);
      return;
    }

  /* A profile without a portal still allows signing in, nothing else. */
  if (self->portal == NULL && form->flow != CARTABLE_ONBOARDING_FLOW_LOGIN &&
      form->flow != CARTABLE_ONBOARDING_FLOW_CHANGE_PASSWORD)
    {
      _cartable_welcome_page_show_form_error (form, _("This academy’s settings name no account portal, so this cannot be done from Cartable. Contact the academy’s IT assistance."));
      return;
    }

  _cartable_welcome_page_show_form_error (form, NULL);
  form->submit (self, form);
}

void
_cartable_welcome_page_form_set_busy (CartableWelcomePage *self,
                                      CartableWelcomeForm *form,
                                      gboolean             busy)
{
  _cartable_welcome_page_set_busy (self, busy);
  gtk_widget_set_sensitive (form->body, !busy);
  cartable_onboarding_step_set_busy (form->step, busy);
  if (!busy)
    _cartable_welcome_page_update_form (self, form);
}

/**
 * _cartable_welcome_page_clear_form:
 * @everything: %FALSE to empty only the passwords
 */
void
_cartable_welcome_page_clear_form (CartableWelcomePage *self,
                                   CartableWelcomeForm *form,
                                   gboolean             everything)
{
  for (guint i = 0; i < form->fields->len; i++)
    {
      CartableOnboardingField *field = g_ptr_array_index (form->fields, i);
      CartableOnboardingFieldKind kind = cartable_onboarding_field_get_kind (field);

      /* Passwords are never kept in a page left behind. */
      if (everything || kind == CARTABLE_ONBOARDING_FIELD_PASSWORD || kind == CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD)
        cartable_onboarding_field_set_text (field, "");
    }
  if (everything && form->terms_check != NULL)
    gtk_check_button_set_active (form->terms_check, FALSE);
  if (everything && form->message_view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (form->message_view), "", -1);
  _cartable_welcome_page_show_form_error (form, NULL);
  _cartable_welcome_page_update_form (self, form);
}

void
_cartable_welcome_page_set_caps_lock (CartableWelcomePage *self,
                                      gboolean             on)
{
  for (guint i = 0; i < self->forms->len; i++)
    {
      CartableWelcomeForm *form = g_ptr_array_index (self->forms, i);

      for (guint j = 0; j < form->fields->len; j++)
        cartable_onboarding_field_set_caps_lock (g_ptr_array_index (form->fields, j), on);
    }
}

/* ---------------------------------------------------------- the signals */

static void
field_changed_cb (CartableOnboardingField *field,
                  CartableWelcomePage     *self)
{
  CartableWelcomeForm *form = _cartable_welcome_page_form_for_widget (self, GTK_WIDGET (field));

  /* Before the form is set up, while the template is built. */
  if (form == NULL)
    return;
  /* The checklist depends on the identifier and current password too. */
  _cartable_welcome_page_update_form (self, form);
}

static void
field_activated_cb (CartableOnboardingField *field,
                    CartableWelcomePage     *self)
{
  CartableWelcomeForm *form = _cartable_welcome_page_form_for_widget (self, GTK_WIDGET (field));
  guint index;

  g_assert (form != NULL);

  /* Enter moves on to the next field, and sends the form from the last. */
  if (g_ptr_array_find (form->fields, field, &index) && index + 1 < form->fields->len &&
      cartable_onboarding_field_get_validity (field) == CARTABLE_VALIDITY_VALID)
    {
      CartableOnboardingField *next = g_ptr_array_index (form->fields, index + 1);

      if (cartable_onboarding_field_get_validity (next) != CARTABLE_VALIDITY_VALID)
        {
          gtk_widget_grab_focus (GTK_WIDGET (next));
          return;
        }
    }

  _cartable_welcome_page_submit_form (self, form);
}

static void
terms_toggled_cb (GtkCheckButton      *check,
                  CartableWelcomePage *self)
{
  if (self->other.fields != NULL)
    _cartable_welcome_page_update_form (self, &self->other);
}

static void
message_changed_cb (GtkTextBuffer       *buffer,
                    CartableWelcomePage *self)
{
  CartableWelcomeForm *form = &self->contact;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;

  if (form->fields == NULL)
    return;

  text = dup_message (form);
  if (cartable_validate_required_text (text, MESSAGE_MAX_CHARS, &problem) == CARTABLE_VALIDITY_INVALID)
    {
      gtk_label_set_text (form->message_hint, problem);
      gtk_widget_add_css_class (GTK_WIDGET (form->message_hint), "error");
    }
  else
    {
      gtk_label_set_text (form->message_hint, _("Say what you need in a few sentences; up to 5,000 characters."));
      gtk_widget_remove_css_class (GTK_WIDGET (form->message_hint), "error");
    }
  _cartable_welcome_page_update_form (self, form);
}

static void
service_selected_cb (AdwComboRow         *row,
                     GParamSpec          *pspec,
                     CartableWelcomePage *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->services != NULL && selected < self->services->len)
    {
      CartablePortalService *service = g_ptr_array_index (self->services, selected);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), service->description);
    }
  if (self->contact.fields != NULL)
    _cartable_welcome_page_update_form (self, &self->contact);
}

static gboolean
message_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        CartableWelcomePage   *self)
{
  /* Tab leaves the message (a text view would insert it); Ctrl+Enter sends. */
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
      GtkRoot *root = gtk_widget_get_root (view);

      return gtk_widget_child_focus (GTK_WIDGET (root),
                                     (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
    }
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      _cartable_welcome_page_submit_form (self, &self->contact);
      return TRUE;
    }
  return FALSE;
}

void
_cartable_welcome_page_class_init_forms (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, terms_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, service_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_key_pressed_cb);
}

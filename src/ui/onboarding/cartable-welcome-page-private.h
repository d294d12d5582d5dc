/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cartable-onboarding-errors.h"
#include "cartable-onboarding-field.h"
#include "cartable-onboarding-step.h"
#include "cartable-password-checklist.h"
#include "cartable-welcome-page.h"

G_BEGIN_DECLS

typedef struct _CartableWelcomeForm CartableWelcomeForm;

typedef void (*CartableWelcomeSubmitFunc) (CartableWelcomePage *self,
                                           CartableWelcomeForm *form);

/* A step that sends what is typed to the portal. Its widgets come from the
 * template; the fields are found in its body, in the order of the page. */
struct _CartableWelcomeForm
{
  CartableOnboardingStep     *step;
  GtkWidget                  *body;
  CartableOnboardingFlow      flow;
  CartableWelcomeSubmitFunc   submit;
  GPtrArray                  *fields;
  CartableOnboardingField    *identifier;
  CartableOnboardingField    *current_password;
  CartableOnboardingField    *new_password;
  CartablePasswordChecklist  *checklist;
  GtkCheckButton             *terms_check;
  GtkTextView                *message_view;
  GtkLabel                   *message_hint;
  AdwComboRow                *service_row;
};

struct _CartableWelcomePage
{
  AdwBin                    parent_instance;

  GSettings                *settings;
  CartableAccountStore     *store;
  CartableAcademyCatalogue *catalogue;
  CartableAcademyProfile   *profile;
  CartablePortal           *portal;
  CartablePasswordPolicy   *policy;
  CartablePortalTerms      *terms;
  GPtrArray                *services;
  GCancellable             *cancellable;
  GdkDevice                *keyboard;

  /* The account being signed in, until it is in the store. */
  char                     *pending_identifier;
  char                     *pending_password;

  GPtrArray                *history;
  GPtrArray                *forms;
  gboolean                  busy;
  guint                     focus_idle;

  CartableWelcomeForm       login;
  CartableWelcomeForm       activate;
  CartableWelcomeForm       other;
  CartableWelcomeForm       lost;
  CartableWelcomeForm       contact;
  CartableWelcomeForm       change;

  /* Template */
  GtkStack                 *stack;
  AdwStatusPage            *status_page;
  GtkMenuButton            *menu_button;
  GtkWidget                *start_button;
  GtkWidget                *welcome_box;
  GtkSearchEntry           *academy_search;
  GtkListBox               *academy_list;
  GtkWidget                *academy_none;
  CartableOnboardingStep   *choice_step;
  GtkLabel                 *terms_title;
  GtkLabel                 *terms_text;
  GtkStringList            *service_names;
  CartableOnboardingField  *contact_name;
  CartableOnboardingField  *contact_email;
  CartableOnboardingField  *contact_subject;
  CartableOnboardingStep   *mode_step;
  GtkCheckButton           *mode_simple;
  GtkCheckButton           *mode_full;
  GtkWidget                *activated_box;
  AdwStatusPage            *activated_status;
  GtkLabel                 *activated_highlight;
  GtkWidget                *activated_button;
  GtkWidget                *lost_done_box;
  AdwStatusPage            *lost_done_status;
  GtkWidget                *lost_done_button;
  GtkWidget                *contact_done_box;
  AdwStatusPage            *contact_done_status;
  GtkLabel                 *contact_done_highlight;
  GtkWidget                *contact_done_button;
};

/* cartable-welcome-page.c */
void                 _cartable_welcome_page_set_busy           (CartableWelcomePage *self,
                                                                gboolean             busy);
void                 _cartable_welcome_page_update_actions     (CartableWelcomePage *self);

/* cartable-welcome-page-forms.c */
void                 _cartable_welcome_page_class_init_forms   (GtkWidgetClass      *widget_class);
void                 _cartable_welcome_page_init_form          (CartableWelcomePage *self,
                                                                CartableWelcomeForm *form,
                                                                CartableOnboardingFlow flow,
                                                                CartableWelcomeSubmitFunc submit);
CartableWelcomeForm *_cartable_welcome_page_form_for_widget    (CartableWelcomePage *self,
                                                                GtkWidget           *widget);
CartableOnboardingField *_cartable_welcome_page_form_field     (CartableWelcomeForm *form,
                                                                CartableOnboardingFieldKind kind);
char                *_cartable_welcome_page_form_value         (CartableWelcomeForm *form,
                                                                CartableOnboardingFieldKind kind);
gboolean             _cartable_welcome_page_form_is_complete   (CartableWelcomePage *self,
                                                                CartableWelcomeForm *form,
                                                                GtkWidget          **first_incomplete);
void                 _cartable_welcome_page_update_form        (CartableWelcomePage *self,
                                                                CartableWelcomeForm *form);
void                 _cartable_welcome_page_submit_form        (CartableWelcomePage *self,
                                                                CartableWelcomeForm *form);
void                 _cartable_welcome_page_focus_form_error   (CartableWelcomeForm *form,
                                                                const GError        *error);
void                 _cartable_welcome_page_form_set_busy      (CartableWelcomePage *self,
                                                                CartableWelcomeForm *form,
                                                                gboolean             busy);
void                 _cartable_welcome_page_show_form_error    (CartableWelcomeForm *form,
                                                                const char          *message);
void                 _cartable_welcome_page_show_form_gerror   (CartableWelcomeForm *form,
                                                                const GError        *error);
void                 _cartable_welcome_page_clear_form         (CartableWelcomePage *self,
                                                                CartableWelcomeForm *form,
                                                                gboolean             everything);
void                 _cartable_welcome_page_set_caps_lock      (CartableWelcomePage *self,
                                                                gboolean             on);

G_END_DECLS

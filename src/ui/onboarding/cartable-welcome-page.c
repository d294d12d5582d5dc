/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-welcome-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-account-validate.h"
#include "cartable-onboarding-errors.h"
#include "cartable-password-checklist.h"
#include "cartable-welcome-page.h"
#include "common/cartable-primary-menu.h"

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
 */

typedef enum
{
  FIELD_IDENTIFIER,
  FIELD_PASSWORD,
  FIELD_NEW_PASSWORD,
  FIELD_CODE,
  FIELD_BIRTH_DATE,
  FIELD_NUMEN,
  FIELD_EMAIL,
  FIELD_TEXT,
} FieldKind;

typedef struct _Form Form;

typedef struct
{
  Form             *form;
  FieldKind         kind;
  GtkWidget        *row;
  GtkLabel         *hint;
  GtkRevealer      *caps_warning;
  char             *help;
  guint             max_chars;
  CartableValidity  validity;
} Field;

typedef void (*FormSubmitFunc) (Form *form);

struct _Form
{
  CartableWelcomePage        *self;
  const char                 *name;
  CartableOnboardingFlow      flow;
  GtkWidget                  *body;
  GtkRevealer                *error_revealer;
  GtkLabel                   *error_label;
  GtkButton                  *submit;
  GtkSpinner                 *spinner;
  GPtrArray                  *fields;
  CartablePasswordChecklist  *checklist;
  Field                      *identifier;
  Field                      *current_password;
  Field                      *new_password;
  GtkCheckButton             *terms_check;
  GtkTextView                *message_view;
  GtkLabel                   *message_hint;
  AdwComboRow                *service_row;
  FormSubmitFunc              submit_func;
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
  GPtrArray                *caps_warnings;
  gboolean                  busy;
  guint                     focus_idle;

  /* Template */
  GtkStack                 *stack;
  AdwStatusPage            *status_page;
  GtkMenuButton            *menu_button;
  GtkWidget                *start_button;

  /* Built in code */
  GtkSearchEntry           *academy_search;
  GtkListBox               *academy_list;
  AdwWindowTitle           *choice_title;
  GtkWidget                *choice_back;
  Form                     *login_form;
  Form                     *activate_form;
  Form                     *other_form;
  Form                     *lost_form;
  Form                     *contact_form;
  Form                     *change_form;
  GtkLabel                 *terms_title;
  GtkLabel                 *terms_text;
  GtkStringList            *service_names;
  AdwStatusPage            *activated_status;
  AdwStatusPage            *lost_done_status;
  AdwStatusPage            *contact_done_status;
  GtkCheckButton           *mode_simple;
  GtkCheckButton           *mode_full;
  GtkButton                *mode_continue;
  GtkSpinner               *mode_spinner;
  GtkRevealer              *mode_error_revealer;
  GtkLabel                 *mode_error_label;
};

G_DEFINE_FINAL_TYPE (CartableWelcomePage, cartable_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VISIBLE_STEP,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_form (Form *form);
static void finish_sign_in (CartableWelcomePage *self);

/* ------------------------------------------------------------ navigation */

static void
focus_first_field (CartableWelcomePage *self,
                   GtkWidget           *page)
{
  Form *form = g_object_get_data (G_OBJECT (page), "form");
  GtkWidget *first = g_object_get_data (G_OBJECT (page), "first-focus");

  /* The first field to fill, else the page's main control, never the
   * back button. */
  if (form != NULL)
    {
      for (guint i = 0; i < form->fields->len; i++)
        {
          Field *field = g_ptr_array_index (form->fields, i);

          if (field->validity != CARTABLE_VALIDITY_VALID)
            {
              gtk_widget_grab_focus (field->row);
              return;
            }
        }
      first = GTK_WIDGET (form->submit);
    }

  if (first == NULL)
    first = g_object_get_data (G_OBJECT (page), "default-widget");
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

  /* Keyboard users land on the first field of each page. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkWidget *default_widget = g_object_get_data (G_OBJECT (page), "default-widget");
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root))
        gtk_window_set_default_widget (GTK_WINDOW (root), default_widget);
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

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go_back (CARTABLE_WELCOME_PAGE (widget));
}

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
set_busy (CartableWelcomePage *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.back", !busy);
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

/* ------------------------------------------------------------ page shells */

static GtkWidget *
make_page (CartableWelcomePage *self,
           const char          *name,
           const char          *title,
           gboolean             with_back,
           GtkWidget          **content)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *window_title = adw_window_title_new (title, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = cartable_primary_menu_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  gtk_widget_add_css_class (header, "flat");

  if (with_back)
    {
      GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

      gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "onboarding.back");
      gtk_widget_set_tooltip_text (back, _("Back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (back),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"),
                                      -1);
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
      g_object_set_data (G_OBJECT (page), "back-button", back);
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_menu_button_set_primary (GTK_MENU_BUTTON (menu_button), TRUE);
  gtk_widget_set_tooltip_text (menu_button, _("Main Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"),
                                  -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu_button);

  gtk_box_append (GTK_BOX (page), header);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (page), scrolled);

  g_object_set_data (G_OBJECT (page), "window-title", window_title);
  gtk_stack_add_titled (self->stack, page, name, title);
  *content = box;
  return page;
}

static GtkWidget *
make_intro (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "body");
  return label;
}

static GtkWidget *
make_pill_button (const char *label,
                  GtkSpinner **spinner_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *spacer = gtk_spinner_new ();

  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 6);
  /* A spinner on each side keeps the button centred while one turns. */
  gtk_widget_set_opacity (spacer, 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Please wait"),
                                  -1);
  gtk_box_append (GTK_BOX (box), spacer);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), spinner);
  g_object_set_data (G_OBJECT (button), "container", box);
  *spinner_out = GTK_SPINNER (spinner);
  return button;
}

/* ------------------------------------------------------------------ forms */

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->help);
  g_free (field);
}

static void
form_free (gpointer data)
{
  Form *form = data;

  g_ptr_array_unref (form->fields);
  g_free (form);
}

static char *
dup_field_text (Field *field)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row)));
}

static const char *
field_text (Field *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (field->row));
}

static void
show_form_error (Form       *form,
                 const char *message);

/* The sentence for @error at the top of @form, and the refused password
 * rules crossed out in its checklist. */
static void
show_form_gerror (Form         *form,
                  const GError *error)
{
  g_autofree char *message = cartable_onboarding_describe_error (error, form->flow);

  show_form_error (form, message);
  if (form->checklist != NULL && g_error_matches (error, CARTABLE_PORTAL_ERROR, CARTABLE_PORTAL_ERROR_PASSWORD_POLICY))
    cartable_password_checklist_mark_violations (form->checklist, cartable_portal_error_get_violated_rules (error));
}

static void
show_form_error (Form       *form,
                 const char *message)
{
  gtk_label_set_text (form->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (form->error_revealer, message != NULL);
}

static CartableValidity
validate_field (Field  *field,
                char  **problem)
{
  const char *text = field_text (field);
  Form *form = field->form;

  switch (field->kind)
    {
    case FIELD_IDENTIFIER:
      return cartable_validate_identifier (text, NULL, problem);
    case FIELD_CODE:
      return cartable_validate_activation_code (text, NULL, problem);
    case FIELD_BIRTH_DATE:
      return cartable_validate_birth_date (text, NULL, NULL, problem);
    case FIELD_NUMEN:
      return cartable_validate_numen (text, NULL, problem);
    case FIELD_EMAIL:
      return cartable_validate_email (text, NULL, problem);
    case FIELD_TEXT:
      return cartable_validate_required_text (text, field->max_chars, problem);
    case FIELD_PASSWORD:
      *problem = NULL;
      return *text == '\0' ? CARTABLE_VALIDITY_EMPTY : CARTABLE_VALIDITY_VALID;
    case FIELD_NEW_PASSWORD:
      {
        const char *identifier = form->identifier != NULL ? field_text (form->identifier)
                                 : form->self->pending_identifier;
        const char *current = form->current_password != NULL ? field_text (form->current_password) : NULL;
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
    default:
      g_assert_not_reached ();
    }
}

static void
update_field (Field *field)
{
  g_autofree char *problem = NULL;

  field->validity = validate_field (field, &problem);

  gtk_widget_remove_css_class (field->row, "error");
  gtk_widget_remove_css_class (GTK_WIDGET (field->hint), "error");

  switch (field->validity)
    {
    case CARTABLE_VALIDITY_INVALID:
      gtk_widget_add_css_class (field->row, "error");
      gtk_widget_add_css_class (GTK_WIDGET (field->hint), "error");
      gtk_label_set_text (field->hint, problem);
      break;
    case CARTABLE_VALIDITY_INCOMPLETE:
      gtk_label_set_text (field->hint, problem != NULL ? problem : field->help);
      break;
    case CARTABLE_VALIDITY_EMPTY:
    case CARTABLE_VALIDITY_VALID:
    default:
      gtk_label_set_text (field->hint, field->help);
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (field->hint),
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (field->row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               field->validity == CARTABLE_VALIDITY_INVALID ? GTK_ACCESSIBLE_INVALID_TRUE
                                                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static gboolean
form_is_complete (Form   *form,
                  Field **first_incomplete)
{
  *first_incomplete = NULL;

  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *field = g_ptr_array_index (form->fields, i);

      if (field->validity != CARTABLE_VALIDITY_VALID)
        {
          *first_incomplete = field;
          return FALSE;
        }
    }

  if (form->terms_check != NULL && !gtk_check_button_get_active (form->terms_check))
    return FALSE;

  if (form->message_view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (form->message_view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (cartable_validate_required_text (text, 5000, NULL) != CARTABLE_VALIDITY_VALID)
        return FALSE;
    }

  if (form->service_row != NULL &&
      adw_combo_row_get_selected (form->service_row) == GTK_INVALID_LIST_POSITION)
    return FALSE;

  return TRUE;
}

static void
update_form (Form *form)
{
  Field *incomplete;

  for (guint i = 0; i < form->fields->len; i++)
    update_field (g_ptr_array_index (form->fields, i));

  gtk_widget_set_sensitive (GTK_WIDGET (form->submit),
                            form_is_complete (form, &incomplete) && !form->self->busy);
}

static void
field_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  /* The checklist depends on the identifier and current password too. */
  update_form (field->form);
}

static void
submit_form (Form *form)
{
  Field *incomplete;

  if (form->self->busy)
    return;

  update_form (form);
  if (!form_is_complete (form, &incomplete))
    {
      if (incomplete != NULL)
        gtk_widget_grab_focus (incomplete->row);
      else if (form->terms_check != NULL && !gtk_check_button_get_active (form->terms_check))
        gtk_widget_grab_focus (GTK_WIDGET (form->terms_check));
      else if (form->message_view != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (form->message_view));
      return;
    }

  /* A profile without a portal still allows signing in, nothing else. */
  if (form->self->portal == NULL && form->flow != CARTABLE_ONBOARDING_FLOW_LOGIN &&
      form->flow != CARTABLE_ONBOARDING_FLOW_CHANGE_PASSWORD)
    {
      show_form_error (form, _("This academy’s settings name no account portal, so this cannot be done from Cartable. Contact the academy’s IT assistance."));
      return;
    }

  show_form_error (form, NULL);
  form->submit_func (form);
}

static void
field_activated_cb (AdwEntryRow *row,
                    Field       *field)
{
  Form *form = field->form;
  guint index;

  /* Enter moves on to the next field, and sends the form from the last. */
  if (g_ptr_array_find (form->fields, field, &index) && index + 1 < form->fields->len &&
      field->validity == CARTABLE_VALIDITY_VALID)
    {
      Field *next = g_ptr_array_index (form->fields, index + 1);

      if (next->validity != CARTABLE_VALIDITY_VALID)
        {
          gtk_widget_grab_focus (next->row);
          return;
        }
    }

  submit_form (form);
}

static void
submit_clicked_cb (GtkButton *button,
                   Form      *form)
{
  submit_form (form);
}

static void
form_set_busy (Form     *form,
               gboolean  busy)
{
  set_busy (form->self, busy);
  gtk_widget_set_sensitive (form->body, !busy);
  gtk_spinner_set_spinning (form->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (form->spinner), busy);
  if (busy)
    gtk_widget_set_sensitive (GTK_WIDGET (form->submit), FALSE);
  else
    update_form (form);
}

static Form *
make_form (CartableWelcomePage     *self,
           const char              *name,
           const char              *title,
           const char              *intro,
           const char              *submit_label,
           CartableOnboardingFlow   flow,
           gboolean                 with_back,
           FormSubmitFunc           submit_func)
{
  Form *form = g_new0 (Form, 1);
  GtkWidget *content;
  GtkWidget *page;
  GtkWidget *error_label;
  GtkWidget *submit;

  form->self = self;
  form->name = name;
  form->flow = flow;
  form->fields = g_ptr_array_new_with_free_func (field_free);
  form->submit_func = submit_func;
  g_ptr_array_add (self->forms, form);

  page = make_page (self, name, title, with_back, &content);
  gtk_box_append (GTK_BOX (content), make_intro (intro));

  /* An alert: screen readers say it as soon as it appears. */
  error_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0.0);
  gtk_widget_add_css_class (error_label, "onboarding-error");
  form->error_label = GTK_LABEL (error_label);
  form->error_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (form->error_revealer, error_label);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (form->error_revealer));

  form->body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (content), form->body);

  submit = make_pill_button (submit_label, &form->spinner);
  gtk_widget_set_visible (GTK_WIDGET (form->spinner), FALSE);
  form->submit = GTK_BUTTON (submit);
  g_signal_connect (submit, "clicked", G_CALLBACK (submit_clicked_cb), form);
  gtk_box_append (GTK_BOX (content), g_object_get_data (G_OBJECT (submit), "container"));

  g_object_set_data (G_OBJECT (page), "default-widget", submit);
  g_object_set_data (G_OBJECT (page), "form", form);
  return form;
}

static GtkWidget *
make_hint_label (const char *text)
{
  GtkWidget *hint = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0);
  gtk_widget_set_margin_start (hint, 12);
  gtk_widget_set_margin_end (hint, 12);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "field-hint");
  return hint;
}

static Field *
add_field (Form       *form,
           FieldKind   kind,
           const char *title,
           const char *help,
           guint       max_chars)
{
  Field *field = g_new0 (Field, 1);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *plain_title = NULL;
  gboolean password = kind == FIELD_PASSWORD || kind == FIELD_NEW_PASSWORD;
  GtkEditable *delegate;

  field->form = form;
  field->kind = kind;
  field->help = g_strdup (help);
  field->max_chars = max_chars;
  field->row = password ? adw_password_entry_row_new () : adw_entry_row_new ();
  field->hint = GTK_LABEL (make_hint_label (help));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (field->row), TRUE);

  /* The accessible name is the title without its mnemonic underline, on the
   * row and on the text inside it, which is what takes the focus. */
  plain_title = g_strdup (title);
  {
    char *src = plain_title, *dst = plain_title;
    for (; *src != '\0'; src++)
      if (*src != '_')
        *dst++ = *src;
    *dst = '\0';
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain_title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, help,
                                  -1);
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (field->row));
  if (delegate != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, plain_title,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, help,
                                    -1);

  if (kind == FIELD_NUMEN || kind == FIELD_CODE)
    gtk_editable_set_max_width_chars (GTK_EDITABLE (field->row), 16);
  if (kind == FIELD_BIRTH_DATE || kind == FIELD_NUMEN || kind == FIELD_CODE)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->row), GTK_INPUT_PURPOSE_FREE_FORM);
  if (kind == FIELD_EMAIL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->row), GTK_INPUT_PURPOSE_EMAIL);
  if (kind == FIELD_IDENTIFIER || kind == FIELD_NUMEN || kind == FIELD_CODE || kind == FIELD_EMAIL)
    adw_entry_row_set_input_hints (ADW_ENTRY_ROW (field->row), GTK_INPUT_HINT_NO_SPELLCHECK);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), field->row);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (field->hint));

  if (password)
    {
      GtkWidget *warning = gtk_label_new (_("Caps Lock is on."));

      gtk_widget_add_css_class (warning, "caption");
      gtk_widget_add_css_class (warning, "warning");
      gtk_label_set_xalign (GTK_LABEL (warning), 0.0);
      gtk_widget_set_margin_start (warning, 12);
      field->caps_warning = GTK_REVEALER (gtk_revealer_new ());
      gtk_widget_add_css_class (GTK_WIDGET (field->caps_warning), "caps-lock-warning");
      gtk_revealer_set_child (field->caps_warning, warning);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (field->caps_warning));
      g_ptr_array_add (form->self->caps_warnings, field->caps_warning);
    }

  gtk_box_append (GTK_BOX (form->body), box);

  g_signal_connect (field->row, "changed", G_CALLBACK (field_changed_cb), field);
  g_signal_connect (field->row, "entry-activated", G_CALLBACK (field_activated_cb), field);
  g_object_set_data (G_OBJECT (field->row), "field-kind", GINT_TO_POINTER (kind + 1));

  g_ptr_array_add (form->fields, field);
  if (kind == FIELD_IDENTIFIER && form->identifier == NULL)
    form->identifier = field;
  return field;
}

static Field *
add_new_password (Form *form)
{
  Field *field = add_field (form, FIELD_NEW_PASSWORD, _("_New password"),
                            _("The password you will use for mail, agenda and contacts."), 0);
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (field->hint));
  GtkWidget *checklist = cartable_password_checklist_new ();

  gtk_widget_set_margin_start (checklist, 12);
  gtk_box_append (GTK_BOX (box), checklist);
  form->checklist = CARTABLE_PASSWORD_CHECKLIST (checklist);
  form->new_password = field;
  /* The documented policy until the portal's own arrives. */
  cartable_password_checklist_set_policy (form->checklist, form->self->policy);
  return field;
}

static void
clear_form (Form     *form,
            gboolean  everything)
{
  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *field = g_ptr_array_index (form->fields, i);

      /* Passwords are never kept in a page left behind. */
      if (everything || field->kind == FIELD_PASSWORD || field->kind == FIELD_NEW_PASSWORD)
        gtk_editable_set_text (GTK_EDITABLE (field->row), "");
    }
  if (everything && form->terms_check != NULL)
    gtk_check_button_set_active (form->terms_check, FALSE);
  if (everything && form->message_view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (form->message_view), "", -1);
  show_form_error (form, NULL);
  update_form (form);
}

static void
reset_form (Form *form)
{
  clear_form (form, FALSE);
}

/* ------------------------------------------------------------- caps lock */

static void
caps_lock_changed_cb (GdkDevice           *keyboard,
                      GParamSpec          *pspec,
                      CartableWelcomePage *self)
{
  gboolean on = gdk_device_get_caps_lock_state (keyboard);

  for (guint i = 0; i < self->caps_warnings->len; i++)
    gtk_revealer_set_reveal_child (g_ptr_array_index (self->caps_warnings, i), on);
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
   * its first focusable widget (the menu), put it on the start button. */
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add (focus_start_cb, self);
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
      Form *form = g_ptr_array_index (self->forms, i);

      if (form->checklist != NULL)
        {
          cartable_password_checklist_set_policy (form->checklist, self->policy);
          update_form (form);
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_autofree char *message = cartable_onboarding_describe_error (error, CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY);
      show_form_error (self->other_form, message);
      return;
    }

  g_clear_pointer (&self->terms, cartable_portal_terms_free);
  self->terms = g_steal_pointer (&terms);
  gtk_label_set_text (self->terms_title, self->terms->title);
  gtk_label_set_text (self->terms_text, self->terms->text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->other_form->terms_check), TRUE);
  update_form (self->other_form);
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_autofree char *message = cartable_onboarding_describe_error (error, CARTABLE_ONBOARDING_FLOW_CONTACT);
      show_form_error (self->contact_form, message);
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
  adw_combo_row_set_selected (self->contact_form->service_row, 0);
  update_form (self->contact_form);
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
  gtk_check_button_set_active (self->other_form->terms_check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->other_form->terms_check), FALSE);
  gtk_label_set_text (self->terms_title, _("Terms of use"));
  gtk_label_set_text (self->terms_text, _("Loading the terms of use…"));

  adw_window_title_set_title (self->choice_title, cartable_academy_profile_get_name (profile));

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

static Form *
visible_form (CartableWelcomePage *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  return g_object_get_data (G_OBJECT (page), "form");
}

static void
show_error_on_visible_page (CartableWelcomePage    *self,
                            const GError           *error,
                            CartableOnboardingFlow  flow)
{
  g_autofree char *message = cartable_onboarding_describe_error (error, flow);
  Form *form = visible_form (self);

  if (form != NULL)
    {
      show_form_gerror (form, error);
      return;
    }

  gtk_label_set_text (self->mode_error_label, message);
  gtk_revealer_set_reveal_child (self->mode_error_revealer, TRUE);
}

static void
end_busy (CartableWelcomePage *self)
{
  Form *form = visible_form (self);

  if (form != NULL)
    form_set_busy (form, FALSE);
  set_busy (self, FALSE);
  gtk_spinner_set_spinning (self->mode_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_continue), TRUE);
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
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  CartableOnboardingFlow flow = g_strcmp0 (step, "change-password") == 0
                                ? CARTABLE_ONBOARDING_FLOW_CHANGE_PASSWORD : CARTABLE_ONBOARDING_FLOW_LOGIN;

  login = cartable_login_finish (result, &error);
  end_busy (self);

  if (login == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_on_visible_page (self, error, flow);
      return;
    }

  if (login->must_change_password)
    {
      reset_form (self->change_form);
      gtk_editable_set_text (GTK_EDITABLE (self->change_form->current_password->row), self->pending_password);
      update_form (self->change_form);
      show_step (self, "change-password", TRUE);
      gtk_widget_grab_focus (self->change_form->new_password->row);
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
  Form *form = visible_form (self);

  if (form != NULL)
    form_set_busy (form, TRUE);
  else
    set_busy (self, TRUE);

  cartable_login_async (self->profile, add_to_store ? self->store : NULL,
                        self->pending_identifier, self->pending_password,
                        self->cancellable, login_done_cb, g_object_ref (self));
}

static void
finish_sign_in (CartableWelcomePage *self)
{
  if (!interface_mode_chosen (self))
    {
      gtk_revealer_set_reveal_child (self->mode_error_revealer, FALSE);
      show_step (self, "mode", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->mode_simple));
      return;
    }

  run_login (self, TRUE);
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

static void
submit_login (Form *form)
{
  CartableWelcomePage *self = form->self;
  g_autofree char *identifier = NULL;

  cartable_validate_identifier (field_text (form->identifier), &identifier, NULL);
  set_pending (self, identifier, field_text (g_ptr_array_index (form->fields, 1)));
  run_login (self, interface_mode_chosen (self));
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CartableWelcomePage *self = user_data;

  /* The new password is the one to sign in with from now on. */
  if (self->change_form->new_password != NULL)
    {
      g_free (self->pending_password);
      self->pending_password = g_strdup (field_text (self->change_form->new_password));
    }
  login_done_cb (source, result, user_data);
}

static void
submit_change_password (Form *form)
{
  CartableWelcomePage *self = form->self;

  form_set_busy (form, TRUE);
  cartable_login_change_password_async (self->profile, interface_mode_chosen (self) ? self->store : NULL,
                                        self->pending_identifier,
                                        field_text (form->current_password),
                                        field_text (form->new_password),
                                        self->cancellable, change_done_cb, g_object_ref (self));
}

static void
set_highlight (AdwStatusPage *status,
               const char    *text)
{
  GtkWidget *highlight = g_object_get_data (G_OBJECT (status), "highlight");

  gtk_label_set_text (GTK_LABEL (highlight), text);
  gtk_widget_set_visible (highlight, text != NULL);
}

static void
show_activated (CartableWelcomePage   *self,
                CartablePortalAccount *account)
{
  g_autofree char *description = NULL;

  description = g_strdup_printf (_("Your identifier is %s and your address %s. Keep your identifier: you will sign in with it on every device."),
                                 account->identifier, account->email);
  adw_status_page_set_description (self->activated_status, description);
  set_highlight (self->activated_status, account->identifier);
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
  Form *form = visible_form (self);
  gboolean other = form == self->other_form;

  if (other)
    account = cartable_portal_activate_other_academy_finish (CARTABLE_PORTAL (source), result, &error);
  else
    account = cartable_portal_activate_finish (CARTABLE_PORTAL (source), result, &error);

  if (form != NULL)
    form_set_busy (form, FALSE);

  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && form != NULL)
        show_form_gerror (form, error);
      return;
    }

  set_pending (self, account->identifier, field_text (form->new_password));
  reset_form (form);
  show_activated (self, account);
}

static void
submit_activate (Form *form)
{
  CartableWelcomePage *self = form->self;
  g_autofree char *identifier = NULL;
  g_autofree char *code = NULL;
  g_autofree char *birth_date = NULL;

  cartable_validate_identifier (field_text (form->identifier), &identifier, NULL);
  cartable_validate_activation_code (field_text (g_ptr_array_index (form->fields, 1)), &code, NULL);
  cartable_validate_birth_date (field_text (g_ptr_array_index (form->fields, 2)), NULL, &birth_date, NULL);

  form_set_busy (form, TRUE);
  cartable_portal_activate_async (self->portal, identifier, code, birth_date, field_text (form->new_password),
                                  self->cancellable, activate_done_cb, g_object_ref (self));
}

static void
submit_other (Form *form)
{
  CartableWelcomePage *self = form->self;
  g_autofree char *numen = NULL;
  g_autofree char *birth_date = NULL;

  cartable_validate_numen (field_text (g_ptr_array_index (form->fields, 0)), &numen, NULL);
  cartable_validate_birth_date (field_text (g_ptr_array_index (form->fields, 1)), NULL, &birth_date, NULL);

  form_set_busy (form, TRUE);
  cartable_portal_activate_other_academy_async (self->portal, numen, birth_date,
                                                gtk_check_button_get_active (form->terms_check),
                                                self->terms != NULL ? self->terms->version : "",
                                                field_text (form->new_password),
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
  g_autofree char *expiry = NULL;
  g_autofree char *where = NULL;
  Form *form = self->lost_form;

  recovery = cartable_portal_recover_finish (CARTABLE_PORTAL (source), result, &error);
  form_set_busy (form, FALSE);

  if (recovery == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = cartable_onboarding_describe_error (error, form->flow);
          show_form_error (form, message);
        }
      return;
    }

  if (recovery->school != NULL)
    where = g_strdup_printf (_("A letter with your new activation code is on its way to your school’s secretariat: %s, %s. Ask the secretariat for it."),
                             recovery->school->name, recovery->school->city);
  else
    where = g_strdup (_("A letter with your new activation code is on its way to the secretariat of your school. Ask the secretariat for it."));

  if (recovery->code_expires_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (recovery->code_expires_at);
      g_autofree char *date = g_date_time_format (local, "%d/%m/%Y");

      expiry = g_strdup_printf (_("Then choose “I am activating my account” and type the new code before %s. Your old code no longer works."),
                                date);
    }
  else
    expiry = g_strdup (_("Then choose “I am activating my account” and type the new code. Your old code no longer works."));

  description = g_strconcat (where, "\n\n", expiry, NULL);
  adw_status_page_set_description (self->lost_done_status, description);
  show_step (self, "lost-done", TRUE);
}

static void
submit_lost (Form *form)
{
  CartableWelcomePage *self = form->self;
  g_autofree char *identifier = NULL;
  g_autofree char *numen = NULL;
  g_autofree char *birth_date = NULL;

  cartable_validate_identifier (field_text (form->identifier), &identifier, NULL);
  cartable_validate_numen (field_text (g_ptr_array_index (form->fields, 1)), &numen, NULL);
  cartable_validate_birth_date (field_text (g_ptr_array_index (form->fields, 2)), NULL, &birth_date, NULL);

  form_set_busy (form, TRUE);
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
  Form *form = self->contact_form;
  g_autofree char *email = NULL;

  ticket = cartable_portal_contact_finish (CARTABLE_PORTAL (source), result, &error);
  form_set_busy (form, FALSE);

  if (ticket == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = cartable_onboarding_describe_error (error, form->flow);
          show_form_error (form, message);
        }
      return;
    }

  cartable_validate_email (field_text (g_ptr_array_index (form->fields, 1)), &email, NULL);
  description = g_strdup_printf (_("Your ticket number is %s. Keep it: quote it if you write again. The service will answer you at %s."),
                                 ticket->ticket, email);
  adw_status_page_set_description (self->contact_done_status, description);
  set_highlight (self->contact_done_status, ticket->ticket);
  g_object_set_data_full (G_OBJECT (self->contact_done_status), "ticket", g_strdup (ticket->ticket), g_free);

  /* A new message starts from a blank form. */
  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *field = g_ptr_array_index (form->fields, i);
      if (field->kind == FIELD_TEXT && i == 2)
        gtk_editable_set_text (GTK_EDITABLE (field->row), "");
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (form->message_view), "", -1);

  show_step (self, "contact-done", TRUE);
}

static void
submit_contact (Form *form)
{
  CartableWelcomePage *self = form->self;
  g_autofree char *email = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subject = NULL;
  CartablePortalService *service;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (form->message_view);
  GtkTextIter start, end;
  guint selected = adw_combo_row_get_selected (form->service_row);

  g_return_if_fail (self->services != NULL && selected < self->services->len);
  service = g_ptr_array_index (self->services, selected);

  name = g_strstrip (dup_field_text (g_ptr_array_index (form->fields, 0)));
  cartable_validate_email (field_text (g_ptr_array_index (form->fields, 1)), &email, NULL);
  subject = g_strstrip (dup_field_text (g_ptr_array_index (form->fields, 2)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  message = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  form_set_busy (form, TRUE);
  cartable_portal_contact_async (self->portal, name, email, service->id, subject, message,
                                 self->cancellable, contact_done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ the pages */

static void
academy_row_activated_cb (GtkListBox          *list,
                          GtkListBoxRow       *row,
                          CartableWelcomePage *self)
{
  CartableAcademyProfile *profile = g_object_get_data (G_OBJECT (row), "profile");

  g_assert (CARTABLE_IS_ACADEMY_PROFILE (profile));
  select_academy (self, profile);
  show_step (self, "choice", TRUE);
}

static gboolean
academy_filter (GtkListBoxRow *row,
                gpointer       user_data)
{
  CartableWelcomePage *self = user_data;
  CartableAcademyProfile *profile = g_object_get_data (G_OBJECT (row), "profile");
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->academy_search));
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  const char * const *domains;

  if (query == NULL || *query == '\0')
    return TRUE;

  needle = g_utf8_casefold (query, -1);
  {
    g_autofree char *normalized = g_utf8_normalize (needle, -1, G_NORMALIZE_ALL);
    g_free (needle);
    needle = g_steal_pointer (&normalized);
  }
  name = g_utf8_casefold (cartable_academy_profile_get_name (profile), -1);
  {
    g_autofree char *normalized = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
    g_free (name);
    name = g_steal_pointer (&normalized);
  }
  if (strstr (name, needle) != NULL)
    return TRUE;

  domains = cartable_academy_profile_get_domains (profile);
  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    if (strstr (domains[i], needle) != NULL)
      return TRUE;

  return FALSE;
}

static void
academy_search_changed_cb (GtkSearchEntry      *entry,
                           CartableWelcomePage *self)
{
  gtk_list_box_invalidate_filter (self->academy_list);
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

static GtkWidget *
create_academy_row (gpointer item,
                    gpointer user_data)
{
  CartableAcademyProfile *profile = item;
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
  g_object_set_data_full (G_OBJECT (row), "profile", g_object_ref (profile), g_object_unref);
  return row;
}

static void
build_academy_page (CartableWelcomePage *self)
{
  GtkWidget *content;
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *label;
  GtkWidget *page;

  page = make_page (self, "academy", _("Your Academy"), TRUE, &content);
  g_object_set_data (G_OBJECT (page), "first-focus", search);

  label = gtk_label_new_with_mnemonic (_("Which academy do you work for, or want to write to? Type its name to _search for it."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), search);
  gtk_box_append (GTK_BOX (content), label);

  g_object_set (search, "placeholder-text", _("Name of the academy"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search academies"),
                                  -1);
  gtk_box_append (GTK_BOX (content), search);
  self->academy_search = GTK_SEARCH_ENTRY (search);
  g_signal_connect (search, "search-changed", G_CALLBACK (academy_search_changed_cb), self);
  g_signal_connect (search, "activate", G_CALLBACK (academy_search_activate_cb), self);
  g_signal_connect (search, "stop-search", G_CALLBACK (academy_search_stop_cb), self);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Academies"),
                                  -1);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), academy_filter, self, NULL);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), make_intro (_("No academy has this name.")));
  g_signal_connect (list, "row-activated", G_CALLBACK (academy_row_activated_cb), self);
  gtk_box_append (GTK_BOX (content), list);
  self->academy_list = GTK_LIST_BOX (list);
}

static void
choice_row_activated_cb (GtkListBox          *list,
                         GtkListBoxRow       *row,
                         CartableWelcomePage *self)
{
  const char *target = g_object_get_data (G_OBJECT (row), "target");
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, target);
  Form *form = g_object_get_data (G_OBJECT (page), "form");

  if (form != NULL)
    {
      show_form_error (form, NULL);
      update_form (form);
    }
  show_step (self, target, TRUE);
}

static void
build_choice_page (CartableWelcomePage *self)
{
  static const struct {
    const char *target;
    const char *icon;
    const char *title;
    const char *subtitle;
  } choices[] = {
    { "login", "avatar-default-symbolic", N_("I _have my identifiers"),
      N_("Sign in with your identifier and your password.") },
    { "activate", "mail-unread-symbolic", N_("I am _activating my account"),
      N_("With the activation code your school gave you on paper.") },
    { "other", "send-to-symbolic", N_("I come from an_other academy"),
      N_("With your NUMEN and your date of birth, no code needed.") },
    { "lost", "dialog-question-symbolic", N_("I _lost my code"),
      N_("A new activation code will be sent to your school’s secretariat.") },
    { "contact", "mail-send-symbolic", N_("_Contact the academy without an account"),
      N_("For parents, companies and other administrations.") },
  };
  GtkWidget *content;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *page;

  page = make_page (self, "choice", _("Your Academy"), TRUE, &content);
  self->choice_title = g_object_get_data (G_OBJECT (page), "window-title");
  gtk_box_append (GTK_BOX (content), make_intro (_("What would you like to do?")));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What would you like to do?"),
                                  -1);
  g_signal_connect (list, "row-activated", G_CALLBACK (choice_row_activated_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *chevron = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *plain = NULL;
      g_auto(GStrv) parts = g_strsplit (_(choices[i].title), "_", -1);

      plain = g_strjoinv ("", parts);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(choices[i].title));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(choices[i].subtitle));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), choices[i].icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chevron);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(choices[i].subtitle),
                                      -1);
      g_object_set_data (G_OBJECT (row), "target", (gpointer) choices[i].target);
      gtk_widget_set_name (row, choices[i].target);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      if (i == 0)
        g_object_set_data (G_OBJECT (page), "first-focus", row);
    }

  gtk_box_append (GTK_BOX (content), list);
}

static void
terms_toggled_cb (GtkCheckButton *check,
                  Form           *form)
{
  update_form (form);
}

static void
message_changed_cb (GtkTextBuffer *buffer,
                    Form          *form)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (cartable_validate_required_text (text, 5000, &problem) == CARTABLE_VALIDITY_INVALID)
    {
      gtk_label_set_text (form->message_hint, problem);
      gtk_widget_add_css_class (GTK_WIDGET (form->message_hint), "error");
    }
  else
    {
      gtk_label_set_text (form->message_hint, _("Say what you need in a few sentences; up to 5,000 characters."));
      gtk_widget_remove_css_class (GTK_WIDGET (form->message_hint), "error");
    }
  update_form (form);
}

static void
service_selected_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     Form        *form)
{
  CartableWelcomePage *self = form->self;
  guint selected = adw_combo_row_get_selected (row);

  if (self->services != NULL && selected < self->services->len)
    {
      CartablePortalService *service = g_ptr_array_index (self->services, selected);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), service->description);
    }
  update_form (form);
}

static gboolean
message_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        Form                  *form)
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
      submit_form (form);
      return TRUE;
    }
  return FALSE;
}

static void
build_forms (CartableWelcomePage *self)
{
  Form *form;
  GtkWidget *box, *label, *frame, *scrolled, *view, *check, *list, *combo, *hint;
  GtkEventController *keys;

  /* I have my identifiers */
  form = make_form (self, "login", _("Sign In"),
                    _("Type the identifier and the password of your academic account."),
                    _("_Sign In"), CARTABLE_ONBOARDING_FLOW_LOGIN, TRUE, submit_login);
  add_field (form, FIELD_IDENTIFIER, _("_Identifier"),
             _("Usually your first initial and your name, for example mdurand."), 0);
  add_field (form, FIELD_PASSWORD, _("_Password"),
             _("The password of your academic mail."), 0);
  self->login_form = form;

  /* I am activating my account */
  form = make_form (self, "activate", _("Activate Your Account"),
                    _("Your school gave you a letter with your identifier and a one-time activation code."),
                    _("_Activate"), CARTABLE_ONBOARDING_FLOW_ACTIVATE, TRUE, submit_activate);
  add_field (form, FIELD_IDENTIFIER, _("_Identifier"),
             _("As written on the letter, for example mdurand."), 0);
  add_field (form, FIELD_CODE, _("Activation _code"),
             _("Eight letters and digits, as on the letter, for example K7QF-9XTA."), 0);
  add_field (form, FIELD_BIRTH_DATE, _("Date of _birth"),
             _("Day, month and year: DD/MM/YYYY, for example 02/11/1986."), 0);
  add_new_password (form);
  self->activate_form = form;

  /* I come from another academy */
  form = make_form (self, "other", _("Arriving from Another Academy"),
                    _("Staff who join the academy from another one activate their account with their NUMEN."),
                    _("_Activate"), CARTABLE_ONBOARDING_FLOW_OTHER_ACADEMY, TRUE, submit_other);
  add_field (form, FIELD_NUMEN, _("NU_MEN"),
             _("13 characters, on your pay slip: for example 14E0712345ABC."), 0);
  add_field (form, FIELD_BIRTH_DATE, _("Date of _birth"),
             _("Day, month and year: DD/MM/YYYY, for example 02/11/1986."), 0);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (_("Terms of use"));
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  self->terms_title = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), label);
  frame = gtk_frame_new (NULL);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  label = gtk_label_new (_("Loading the terms of use…"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Selectable, so that keyboard users can reach and scroll the terms. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 10);
  self->terms_text = GTK_LABEL (label);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (box), frame);
  check = gtk_check_button_new_with_mnemonic (_("I have read and I _accept the terms of use"));
  /* Nothing to accept until the portal has sent the terms. */
  gtk_widget_set_sensitive (check, FALSE);
  form->terms_check = GTK_CHECK_BUTTON (check);
  g_signal_connect (check, "toggled", G_CALLBACK (terms_toggled_cb), form);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (form->body), box);
  add_new_password (form);
  self->other_form = form;

  /* I lost my code */
  form = make_form (self, "lost", _("Lost Code"),
                    _("Prove who you are: the academy then sends a new activation code to your school’s secretariat, by letter."),
                    _("_Ask for a New Code"), CARTABLE_ONBOARDING_FLOW_RECOVERY, TRUE, submit_lost);
  add_field (form, FIELD_IDENTIFIER, _("_Identifier"),
             _("As written on the letter from your school, for example mdurand."), 0);
  add_field (form, FIELD_NUMEN, _("NU_MEN"),
             _("13 characters, on your pay slip: for example 14E0712345ABC."), 0);
  add_field (form, FIELD_BIRTH_DATE, _("Date of _birth"),
             _("Day, month and year: DD/MM/YYYY, for example 02/11/1986."), 0);
  self->lost_form = form;

  /* Contact the academy without an account */
  form = make_form (self, "contact", _("Contact the Academy"),
                    _("Write to a service of the academy. You need no account; the answer comes to your e-mail address."),
                    _("_Send"), CARTABLE_ONBOARDING_FLOW_CONTACT, TRUE, submit_contact);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->service_names = gtk_string_list_new (NULL);
  combo = adw_combo_row_new ();
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (self->service_names));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Se_rvice"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (combo), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (combo),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Service"),
                                  -1);
  form->service_row = ADW_COMBO_ROW (combo);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (service_selected_cb), form);
  gtk_list_box_append (GTK_LIST_BOX (list), combo);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), make_hint_label (_("The service of the academy your message is for.")));
  gtk_box_append (GTK_BOX (form->body), box);
  add_field (form, FIELD_TEXT, _("Your _name"), _("First name and surname."), 100);
  add_field (form, FIELD_EMAIL, _("Your _e-mail address"), _("The service answers you there."), 0);
  add_field (form, FIELD_TEXT, _("Su_bject"), _("What your message is about, in a few words."), 200);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Message"));
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_box_append (GTK_BOX (box), label);
  frame = gtk_frame_new (NULL);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 140);
  gtk_widget_add_css_class (view, "contact-message");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message"),
                                  -1);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (message_key_pressed_cb), form);
  gtk_widget_add_controller (view, keys);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), frame);
  hint = make_hint_label (_("Say what you need in a few sentences; up to 5,000 characters."));
  form->message_hint = GTK_LABEL (hint);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (form->body), box);
  form->message_view = GTK_TEXT_VIEW (view);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (message_changed_cb), form);
  self->contact_form = form;

  /* The forced password change: no way back. */
  form = make_form (self, "change-password", _("Choose Your Password"),
                    _("Your password is temporary: choose your own password now. Cartable opens your mail as soon as it is done."),
                    _("_Change Password"), CARTABLE_ONBOARDING_FLOW_CHANGE_PASSWORD, FALSE,
                    submit_change_password);
  form->current_password = add_field (form, FIELD_PASSWORD, _("_Temporary password"),
                                      _("The password you just signed in with."), 0);
  add_new_password (form);
  self->change_form = form;
}

static GtkWidget *
make_done_page (CartableWelcomePage  *self,
                const char           *name,
                const char           *icon,
                const char           *title,
                const char           *button_label,
                const char           *action,
                AdwStatusPage       **status_out)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_bin_new ());
  gtk_widget_add_css_class (header, "flat");
  gtk_box_append (GTK_BOX (page), header);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
    /* What the user must keep (an identifier, a ticket number), large and
     * selectable so that it can be copied. */
    GtkWidget *highlight = gtk_label_new (NULL);

    gtk_label_set_selectable (GTK_LABEL (highlight), TRUE);
    gtk_widget_add_css_class (highlight, "title-2");
    gtk_widget_add_css_class (highlight, "onboarding-highlight");
    gtk_widget_set_visible (highlight, FALSE);
    gtk_box_append (GTK_BOX (box), highlight);
    gtk_box_append (GTK_BOX (box), button);
    adw_status_page_set_child (ADW_STATUS_PAGE (status), box);
    g_object_set_data (G_OBJECT (status), "highlight", highlight);
  }
  gtk_box_append (GTK_BOX (page), status);

  g_object_set_data (G_OBJECT (page), "default-widget", button);
  gtk_stack_add_titled (self->stack, page, name, title);
  *status_out = ADW_STATUS_PAGE (status);
  return page;
}

static void
continue_after_activation (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  finish_sign_in (CARTABLE_WELCOME_PAGE (widget));
}

static void
mode_continue_cb (GtkButton           *button,
                  CartableWelcomePage *self)
{
  if (self->busy)
    return;

  g_settings_set_enum (self->settings, "interface-mode",
                       gtk_check_button_get_active (self->mode_simple) ? CARTABLE_INTERFACE_MODE_SIMPLE
                                                                       : CARTABLE_INTERFACE_MODE_FULL);
  g_settings_set_boolean (self->settings, "interface-mode-chosen", TRUE);

  gtk_revealer_set_reveal_child (self->mode_error_revealer, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_continue), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_spinner), TRUE);
  gtk_spinner_set_spinning (self->mode_spinner, TRUE);
  run_login (self, TRUE);
}

static GtkWidget *
make_mode_row (const char      *title,
               const char      *subtitle,
               GtkCheckButton **check_out,
               GtkCheckButton  *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_auto(GStrv) parts = g_strsplit (title, "_", -1);
  g_autofree char *plain = g_strjoinv ("", parts);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  -1);
  *check_out = GTK_CHECK_BUTTON (check);
  return row;
}

static void
build_mode_page (CartableWelcomePage *self)
{
  GtkWidget *content;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *page;
  GtkWidget *error_label;
  GtkWidget *button;

  page = make_page (self, "mode", _("Choose Your Version"), FALSE, &content);
  gtk_box_append (GTK_BOX (content),
                  make_intro (_("Cartable comes in two versions. You can change your mind at any time in the preferences.")));

  /* An alert: screen readers say it as soon as it appears. */
  error_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0.0);
  gtk_widget_add_css_class (error_label, "onboarding-error");
  self->mode_error_label = GTK_LABEL (error_label);
  self->mode_error_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->mode_error_revealer, error_label);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->mode_error_revealer));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose Your Version"),
                                  -1);
  gtk_list_box_append (GTK_LIST_BOX (list),
                       make_mode_row (_("_Simple version"),
                                      _("Receive, read, write and send mail, with large buttons and nothing else."),
                                      &self->mode_simple, NULL));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       make_mode_row (_("_Full version"),
                                      _("Mail with folders and search, plus the agenda, contacts, the academic directory and device set-up."),
                                      &self->mode_full, self->mode_simple));
  gtk_box_append (GTK_BOX (content), list);

  button = make_pill_button (_("C_ontinue"), &self->mode_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_spinner), FALSE);
  self->mode_continue = GTK_BUTTON (button);
  g_signal_connect (button, "clicked", G_CALLBACK (mode_continue_cb), self);
  gtk_box_append (GTK_BOX (content), g_object_get_data (G_OBJECT (button), "container"));
  g_object_set_data (G_OBJECT (page), "default-widget", button);
}

/* ------------------------------------------------------------- lifecycle */

static void
load_catalogue (CartableWelcomePage *self,
                GFile               *academy_profile)
{
  g_autoptr(GError) error = NULL;
  CartableAcademyProfile *preferred = NULL;
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
        {
          cartable_academy_catalogue_add (self->catalogue, profile);
          preferred = profile;
        }
      else
        g_warning ("Academy profile %s: %s", path ? path : "?", error ? error->message : "not a local file");
    }

  /* Rows made by hand rather than bound: a bound list box ignores its filter. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->academy_list))) != NULL)
    gtk_list_box_remove (self->academy_list, child);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->catalogue)); i++)
    {
      g_autoptr(CartableAcademyProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->catalogue), i);

      gtk_list_box_append (self->academy_list, create_academy_row (profile, self));
    }
  (void) preferred;
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
  set_busy (self, FALSE);
  for (guint i = 0; i < self->forms->len; i++)
    {
      Form *form = g_ptr_array_index (self->forms, i);

      gtk_widget_set_sensitive (form->body, TRUE);
      gtk_spinner_set_spinning (form->spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (form->spinner), FALSE);
      /* The next person at this computer finds empty forms. */
      clear_form (form, TRUE);
    }
  end_busy (self);
  g_ptr_array_set_size (self->history, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->academy_search), "");
  gtk_stack_set_visible_child_full (self->stack, "welcome", GTK_STACK_TRANSITION_TYPE_NONE);
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
  g_clear_object (&self->service_names);
  g_clear_pointer (&self->policy, cartable_password_policy_free);
  g_clear_pointer (&self->terms, cartable_portal_terms_free);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->forms, g_ptr_array_unref);
  g_clear_pointer (&self->caps_warnings, g_ptr_array_unref);

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

  /* AdwBin unparents its child when disposed: no template disposal here. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CartableWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CartableWelcomePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CartableWelcomePage, start_button);

  gtk_widget_class_install_action (widget_class, "onboarding.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "onboarding.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "onboarding.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "onboarding.continue", NULL, continue_after_activation);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "onboarding.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "onboarding.back", NULL);
}

static void
cartable_welcome_page_init (CartableWelcomePage *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  GtkWidget *start_page;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->forms = g_ptr_array_new_with_free_func (form_free);
  self->caps_warnings = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  menu = cartable_primary_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
  start_page = gtk_stack_get_child_by_name (self->stack, "welcome");
  g_object_set_data (G_OBJECT (start_page), "default-widget", self->start_button);

  build_academy_page (self);
  build_choice_page (self);
  build_forms (self);
  build_mode_page (self);
  make_done_page (self, "activated", "emblem-ok-symbolic", _("Your Account Is Active"), _("C_ontinue"),
                  "onboarding.continue", &self->activated_status);
  make_done_page (self, "lost-done", "mail-send-symbolic", _("A New Code Is on Its Way"),
                  _("_Back to the Start"), "onboarding.restart", &self->lost_done_status);
  make_done_page (self, "contact-done", "mail-send-symbolic", _("Your Message Has Been Sent"),
                  _("_Back to the Start"), "onboarding.restart", &self->contact_done_status);
}

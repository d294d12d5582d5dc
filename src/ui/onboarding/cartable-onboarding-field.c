/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-onboarding-field"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "common/cartable-accessible-names.h"
#include "cartable-onboarding-field.h"
#include "cartable-onboarding-texts.h"

/*
 * One field of an onboarding form: its row, the hint under it (the help, or
 * what is wrong with what is typed), and for a password the Caps Lock
 * warning. A new password's checklist is added as a child, below.
 */

struct _CartableOnboardingField
{
  GtkBox                       parent_instance;

  CartableOnboardingFieldKind  kind;
  char                        *title;
  char                        *help;
  guint                        max_chars;
  gboolean                     accepts_email;  /* an identifier field that also takes an address */
  CartableValidity             validity;

  GtkWidget                   *row;

  /* Template */
  GtkListBox                  *list;
  GtkLabel                    *hint;
  GtkRevealer                 *caps_warning;
};

G_DEFINE_ENUM_TYPE (CartableOnboardingFieldKind, cartable_onboarding_field_kind,
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_IDENTIFIER, "identifier"),
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_PASSWORD, "password"),
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD, "new-password"),
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_CODE, "code"),
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_BIRTH_DATE, "birth-date"),
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_NUMEN, "numen"),
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_EMAIL, "email"),
                    G_DEFINE_ENUM_VALUE (CARTABLE_ONBOARDING_FIELD_TEXT, "text"))

G_DEFINE_FINAL_TYPE (CartableOnboardingField, cartable_onboarding_field, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_HELP,
  PROP_MAX_CHARS,
  PROP_ACCEPTS_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_password (CartableOnboardingField *self)
{
  return self->kind == CARTABLE_ONBOARDING_FIELD_PASSWORD ||
         self->kind == CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD;
}

static void
row_changed_cb (GtkEditable             *editable,
                CartableOnboardingField *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
row_activated_cb (AdwEntryRow             *row,
                  CartableOnboardingField *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

/* The row depends on the kind, known only once constructed: a password
 * row hides what is typed. */
static void
add_row (CartableOnboardingField *self)
{
  g_autofree char *plain_title = cartable_accessible_strip_mnemonic (self->title);
  GtkEditable *delegate;

  self->row = is_password (self) ? adw_password_entry_row_new () : adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), self->title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->row), TRUE);

  /* The accessible name is the title without its mnemonic underline, on the
   * row and on the text inside it, which is what takes the focus. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain_title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->help,
                                  -1);
  /* The boxed list around the row is read too: by the field's name, not
   * by its type (« GtkListBox »). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  plain_title, -1);
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->row));
  if (delegate != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, plain_title,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->help,
                                    -1);

  switch (self->kind)
    {
    case CARTABLE_ONBOARDING_FIELD_NUMEN:
    case CARTABLE_ONBOARDING_FIELD_CODE:
      gtk_editable_set_max_width_chars (GTK_EDITABLE (self->row), 16);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->row), GTK_INPUT_PURPOSE_FREE_FORM);
      adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self->row), GTK_INPUT_HINT_NO_SPELLCHECK);
      break;
    case CARTABLE_ONBOARDING_FIELD_BIRTH_DATE:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->row), GTK_INPUT_PURPOSE_FREE_FORM);
      break;
    case CARTABLE_ONBOARDING_FIELD_EMAIL:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->row), GTK_INPUT_PURPOSE_EMAIL);
      adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self->row), GTK_INPUT_HINT_NO_SPELLCHECK);
      break;
    case CARTABLE_ONBOARDING_FIELD_IDENTIFIER:
      adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self->row), GTK_INPUT_HINT_NO_SPELLCHECK);
      break;
    case CARTABLE_ONBOARDING_FIELD_PASSWORD:
    case CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD:
    case CARTABLE_ONBOARDING_FIELD_TEXT:
    default:
      break;
    }

  gtk_list_box_append (self->list, self->row);
  g_signal_connect_object (self->row, "changed", G_CALLBACK (row_changed_cb), self, 0);
  g_signal_connect_object (self->row, "entry-activated", G_CALLBACK (row_activated_cb), self, 0);
}

static void
cartable_onboarding_field_constructed (GObject *object)
{
  CartableOnboardingField *self = CARTABLE_ONBOARDING_FIELD (object);

  G_OBJECT_CLASS (cartable_onboarding_field_parent_class)->constructed (object);

  add_row (self);
  gtk_label_set_text (self->hint, self->help);
  gtk_widget_set_visible (GTK_WIDGET (self->caps_warning), is_password (self));
}

static gboolean
cartable_onboarding_field_grab_focus (GtkWidget *widget)
{
  CartableOnboardingField *self = CARTABLE_ONBOARDING_FIELD (widget);

  return gtk_widget_grab_focus (self->row);
}

static void
cartable_onboarding_field_finalize (GObject *object)
{
  CartableOnboardingField *self = CARTABLE_ONBOARDING_FIELD (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->help, g_free);

  G_OBJECT_CLASS (cartable_onboarding_field_parent_class)->finalize (object);
}

static void
cartable_onboarding_field_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CartableOnboardingField *self = CARTABLE_ONBOARDING_FIELD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_HELP:
      g_value_set_string (value, self->help);
      break;
    case PROP_MAX_CHARS:
      g_value_set_uint (value, self->max_chars);
      break;
    case PROP_ACCEPTS_EMAIL:
      g_value_set_boolean (value, self->accepts_email);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_onboarding_field_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CartableOnboardingField *self = CARTABLE_ONBOARDING_FIELD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;
    case PROP_HELP:
      g_free (self->help);
      self->help = g_value_dup_string (value);
      break;
    case PROP_MAX_CHARS:
      self->max_chars = g_value_get_uint (value);
      break;
    case PROP_ACCEPTS_EMAIL:
      self->accepts_email = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_onboarding_field_class_init (CartableOnboardingFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_onboarding_field_constructed;
  object_class->finalize = cartable_onboarding_field_finalize;
  object_class->get_property = cartable_onboarding_field_get_property;
  object_class->set_property = cartable_onboarding_field_set_property;
  widget_class->grab_focus = cartable_onboarding_field_grab_focus;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CARTABLE_TYPE_ONBOARDING_FIELD_KIND, CARTABLE_ONBOARDING_FIELD_TEXT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELP] =
    g_param_spec_string ("help", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_CHARS] =
    g_param_spec_uint ("max-chars", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Signing in takes the identifier or the academic address (the
   * directory gives the identifier); activation wants the identifier. */
  properties[PROP_ACCEPTS_EMAIL] =
    g_param_spec_boolean ("accepts-email", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableOnboardingField::changed:
   *
   * The text of the row changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CartableOnboardingField::activated:
   *
   * Enter was pressed in the row.
   */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-onboarding-field.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingField, list);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingField, hint);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingField, caps_warning);
}

static void
cartable_onboarding_field_init (CartableOnboardingField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartableOnboardingFieldKind
cartable_onboarding_field_get_kind (CartableOnboardingField *self)
{
  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self), CARTABLE_ONBOARDING_FIELD_TEXT);
  return self->kind;
}

/**
 * cartable_onboarding_field_get_row:
 *
 * Returns: (transfer none): the entry row, an #AdwEntryRow
 */
GtkWidget *
cartable_onboarding_field_get_row (CartableOnboardingField *self)
{
  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self), NULL);
  return self->row;
}

const char *
cartable_onboarding_field_get_text (CartableOnboardingField *self)
{
  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->row));
}

void
cartable_onboarding_field_set_text (CartableOnboardingField *self,
                                    const char              *text)
{
  g_return_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self));
  gtk_editable_set_text (GTK_EDITABLE (self->row), text != NULL ? text : "");
}

/**
 * cartable_onboarding_field_get_validity:
 *
 * Returns: the validity last shown by
 *   cartable_onboarding_field_show_validity()
 */
CartableValidity
cartable_onboarding_field_get_validity (CartableOnboardingField *self)
{
  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self), CARTABLE_VALIDITY_EMPTY);
  return self->validity;
}

/* Checks the text for the field's kind, and gives it as the portal wants
 * it. A new password is only checked for being there: its rules are the
 * checklist's. */
static CartableValidity
check_text (CartableOnboardingField  *self,
            char                    **value,
            char                    **problem)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->row));

  switch (self->kind)
    {
    case CARTABLE_ONBOARDING_FIELD_IDENTIFIER:
      if (self->accepts_email && strchr (text, '@') != NULL)
        return cartable_validate_email (text, value, problem);
      return cartable_validate_identifier (text, value, problem);
    case CARTABLE_ONBOARDING_FIELD_CODE:
      return cartable_validate_activation_code (text, value, problem);
    case CARTABLE_ONBOARDING_FIELD_BIRTH_DATE:
      return cartable_validate_birth_date (text, NULL, value, problem);
    case CARTABLE_ONBOARDING_FIELD_NUMEN:
      return cartable_validate_numen (text, value, problem);
    case CARTABLE_ONBOARDING_FIELD_EMAIL:
      return cartable_validate_email (text, value, problem);
    case CARTABLE_ONBOARDING_FIELD_TEXT:
      if (value != NULL)
        *value = g_strstrip (g_strdup (text));
      return cartable_validate_required_text (text, self->max_chars, problem);
    case CARTABLE_ONBOARDING_FIELD_PASSWORD:
    case CARTABLE_ONBOARDING_FIELD_NEW_PASSWORD:
      if (value != NULL)
        *value = g_strdup (text);
      if (problem != NULL)
        *problem = NULL;
      return *text == '\0' ? CARTABLE_VALIDITY_EMPTY : CARTABLE_VALIDITY_VALID;
    default:
      g_assert_not_reached ();
    }
}

/**
 * cartable_onboarding_field_validate:
 * @problem: (out) (transfer full) (optional): what is wrong, in a sentence
 *
 * Checks the text for the field's kind. A new password is only checked for
 * being there: its rules are the checklist's.
 */
CartableValidity
cartable_onboarding_field_validate (CartableOnboardingField  *self,
                                    char                    **problem)
{
  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self), CARTABLE_VALIDITY_EMPTY);

  return check_text (self, NULL, problem);
}

/**
 * cartable_onboarding_field_dup_value:
 *
 * Returns: (transfer full) (nullable): what is typed as the portal wants
 *   it (a date as YYYY-MM-DD, a code in capitals, a text without spaces
 *   around it), or %NULL if it is not valid
 */
char *
cartable_onboarding_field_dup_value (CartableOnboardingField *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self), NULL);

  if (check_text (self, &value, NULL) != CARTABLE_VALIDITY_VALID)
    return NULL;
  return g_steal_pointer (&value);
}

/**
 * cartable_onboarding_field_show_validity:
 * @problem: (nullable): what is wrong, shown instead of the help
 *
 * Shows @validity: an invalid text turns the row red with @problem under
 * it, for screen readers too.
 */
void
cartable_onboarding_field_show_validity (CartableOnboardingField *self,
                                         CartableValidity         validity,
                                         const char              *problem)
{
  g_return_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self));

  self->validity = validity;

  gtk_widget_remove_css_class (self->row, "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");

  switch (validity)
    {
    case CARTABLE_VALIDITY_INVALID:
      /* A problem is read in full colour: dimmed red is too pale to read. */
      gtk_widget_add_css_class (self->row, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint), "error");
      gtk_label_set_text (self->hint, problem);
      break;
    case CARTABLE_VALIDITY_INCOMPLETE:
      gtk_label_set_text (self->hint, problem != NULL ? problem : self->help);
      break;
    case CARTABLE_VALIDITY_EMPTY:
    case CARTABLE_VALIDITY_VALID:
    default:
      gtk_label_set_text (self->hint, self->help);
      break;
    }

  /* On the row and on the text inside it, which has the focus: landing
   * there, a reader says the problem. */
  for (GtkWidget *target = self->row; target != NULL;
       target = target == self->row ? GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->row))) : NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (self->hint),
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (target),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   validity == CARTABLE_VALIDITY_INVALID ? GTK_ACCESSIBLE_INVALID_TRUE
                                                                         : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

/**
 * cartable_onboarding_field_set_caps_lock:
 *
 * Warns under a password field while Caps Lock is on.
 */
void
cartable_onboarding_field_set_caps_lock (CartableOnboardingField *self,
                                         gboolean                 on)
{
  g_return_if_fail (CARTABLE_IS_ONBOARDING_FIELD (self));
  gtk_revealer_set_reveal_child (self->caps_warning, on && is_password (self));
}

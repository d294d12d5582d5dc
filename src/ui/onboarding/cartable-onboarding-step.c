/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-onboarding-step"

#include "config.h"

#include <glib/gi18n.h>

#include "common/cartable-announcer.h"
#include "cartable-onboarding-step.h"
#include "shell/cartable-primary-menu.h"

/*
 * The frame of an onboarding step: a header bar (Back, the step's title,
 * the main menu) over a scrolled, clamped column. The children given in a
 * .ui file go into the column. A step with a submit label is a form: an
 * error sentence under its intro and a pill button, with a spinner, at the
 * bottom.
 */

struct _CartableOnboardingStep
{
  GtkBox         parent_instance;

  GtkWidget     *first_focus;

  /* Template */
  AdwWindowTitle *window_title;
  GtkWidget      *back_button;
  GtkMenuButton  *menu_button;
  GtkBox         *content;
  GtkLabel       *intro;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkWidget      *submit_box;
  GtkButton      *submit_button;
  GtkSpinner     *spinner;
};

static void cartable_onboarding_step_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableOnboardingStep, cartable_onboarding_step, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, cartable_onboarding_step_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CAN_GO_BACK,
  PROP_INTRO,
  PROP_SUBMIT_LABEL,
  PROP_SUBMIT_ACTION,
  PROP_FIRST_FOCUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cartable_onboarding_step_add_child (GtkBuildable *buildable,
                                    GtkBuilder   *builder,
                                    GObject      *child,
                                    const char   *type)
{
  CartableOnboardingStep *self = CARTABLE_ONBOARDING_STEP (buildable);

  /* The step's own template is built before its content box is bound. */
  if (self->content != NULL && GTK_IS_WIDGET (child) && type == NULL)
    gtk_box_insert_child_after (self->content, GTK_WIDGET (child),
                                gtk_widget_get_prev_sibling (self->submit_box));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
cartable_onboarding_step_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = cartable_onboarding_step_add_child;
}

static void
set_intro (CartableOnboardingStep *self,
           const char             *intro)
{
  gtk_label_set_text (self->intro, intro != NULL ? intro : "");
  gtk_widget_set_visible (GTK_WIDGET (self->intro), intro != NULL && *intro != '\0');
}

static void
set_submit_label (CartableOnboardingStep *self,
                  const char             *label)
{
  gboolean form = label != NULL && *label != '\0';

  gtk_button_set_label (self->submit_button, form ? label : NULL);
  /* Hidden itself, not only in its box: a button without a label has no
   * accessible name. */
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), form);
  gtk_widget_set_visible (self->submit_box, form);
  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), form);
}

static void
cartable_onboarding_step_dispose (GObject *object)
{
  CartableOnboardingStep *self = CARTABLE_ONBOARDING_STEP (object);

  g_clear_weak_pointer (&self->first_focus);

  G_OBJECT_CLASS (cartable_onboarding_step_parent_class)->dispose (object);
}

static void
cartable_onboarding_step_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableOnboardingStep *self = CARTABLE_ONBOARDING_STEP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, adw_window_title_get_title (self->window_title));
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, gtk_widget_get_visible (self->back_button));
      break;
    case PROP_INTRO:
      g_value_set_string (value, gtk_label_get_text (self->intro));
      break;
    case PROP_SUBMIT_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->submit_button));
      break;
    case PROP_SUBMIT_ACTION:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->submit_button)));
      break;
    case PROP_FIRST_FOCUS:
      g_value_set_object (value, self->first_focus);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_onboarding_step_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartableOnboardingStep *self = CARTABLE_ONBOARDING_STEP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      cartable_onboarding_step_set_title (self, g_value_get_string (value));
      break;
    case PROP_CAN_GO_BACK:
      if (gtk_widget_get_visible (self->back_button) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (self->back_button, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_INTRO:
      set_intro (self, g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SUBMIT_LABEL:
      set_submit_label (self, g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SUBMIT_ACTION:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->submit_button), g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_FIRST_FOCUS:
      if (g_set_weak_pointer (&self->first_focus, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_onboarding_step_class_init (CartableOnboardingStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_onboarding_step_dispose;
  object_class->get_property = cartable_onboarding_step_get_property;
  object_class->set_property = cartable_onboarding_step_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTRO] =
    g_param_spec_string ("intro", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBMIT_LABEL] =
    g_param_spec_string ("submit-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBMIT_ACTION] =
    g_param_spec_string ("submit-action", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_FOCUS] =
    g_param_spec_object ("first-focus", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/cartable-onboarding-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, window_title);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, back_button);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, content);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, intro);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, error_label);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, submit_box);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, submit_button);
  gtk_widget_class_bind_template_child (widget_class, CartableOnboardingStep, spinner);
}

static void
cartable_onboarding_step_init (CartableOnboardingStep *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  menu = cartable_primary_menu_new ();
  gtk_menu_button_set_menu_model (self->menu_button, menu);
}

void
cartable_onboarding_step_set_title (CartableOnboardingStep *self,
                                    const char             *title)
{
  g_return_if_fail (CARTABLE_IS_ONBOARDING_STEP (self));

  if (g_strcmp0 (adw_window_title_get_title (self->window_title), title) == 0)
    return;
  adw_window_title_set_title (self->window_title, title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * cartable_onboarding_step_get_first_focus:
 *
 * Returns: (transfer none) (nullable): the widget keyboard users land on
 *   when the step has no field to fill
 */
GtkWidget *
cartable_onboarding_step_get_first_focus (CartableOnboardingStep *self)
{
  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_STEP (self), NULL);
  return self->first_focus;
}

/**
 * cartable_onboarding_step_get_submit_button:
 *
 * Returns: (transfer none) (nullable): the pill button of a form, its
 *   window's default widget; %NULL on a step that is no form
 */
GtkWidget *
cartable_onboarding_step_get_submit_button (CartableOnboardingStep *self)
{
  g_return_val_if_fail (CARTABLE_IS_ONBOARDING_STEP (self), NULL);

  if (!gtk_widget_get_visible (self->submit_box))
    return NULL;
  return GTK_WIDGET (self->submit_button);
}

/**
 * cartable_onboarding_step_show_error:
 * @message: (nullable): the sentence to show, %NULL to hide it
 */
void
cartable_onboarding_step_show_error (CartableOnboardingStep *self,
                                     const char             *message)
{
  g_return_if_fail (CARTABLE_IS_ONBOARDING_STEP (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  /* A revealed label is not news to the accessibility bus on GTK 4.8. */
  if (message != NULL)
    cartable_announce (GTK_WIDGET (self), message);
}

/**
 * cartable_onboarding_step_set_busy:
 *
 * Turns the spinner next to the submit button while a request runs.
 */
void
cartable_onboarding_step_set_busy (CartableOnboardingStep *self,
                                   gboolean                busy)
{
  g_return_if_fail (CARTABLE_IS_ONBOARDING_STEP (self));

  /* Always there, shown or not, so that the button stays centred and does
   * not move when the spinner turns. */
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_opacity (GTK_WIDGET (self->spinner), busy ? 1.0 : 0.0);
}

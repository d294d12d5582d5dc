/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-password-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-account-validate.h"
#include "cartable-password-checklist.h"

/*
 * The rules of the password policy the portal publishes, one line each,
 * ticked in green as the typed password keeps them.
 */
struct _CartablePasswordChecklist
{
  GtkBox                 parent_instance;

  CartablePasswordRules  rules;
  GPtrArray             *names;   /* rule names, one per line */
  GPtrArray             *lines;   /* GtkBox per rule */
  guint                  n_passed;
  guint                  n_shown;   /* lines of the rules that apply */
  gboolean               with_current;
};

G_DEFINE_FINAL_TYPE (CartablePasswordChecklist, cartable_password_checklist, GTK_TYPE_BOX)

static void
cartable_password_checklist_finalize (GObject *object)
{
  CartablePasswordChecklist *self = CARTABLE_PASSWORD_CHECKLIST (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (cartable_password_checklist_parent_class)->finalize (object);
}

static void
cartable_password_checklist_class_init (CartablePasswordChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cartable_password_checklist_finalize;
  gtk_widget_class_set_css_name (widget_class, "passwordchecklist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
cartable_password_checklist_init (CartablePasswordChecklist *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->lines = g_ptr_array_new ();
  /* A reader announces the list by name, then reads each rule. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Password rules"), -1);
}

GtkWidget *
cartable_password_checklist_new (void)
{
  return g_object_new (CARTABLE_TYPE_PASSWORD_CHECKLIST, NULL);
}

/* Only the rules that say something here are listed: "differs from the
 * current password" where there is one (not at activation), and the
 * upper length limit only once it is reached. */
static gboolean
rule_applies (CartablePasswordChecklist *self,
              const char                *name,
              CartableRuleResult         result)
{
  if (g_str_equal (name, "differs_from_current"))
    return self->with_current;
  if (g_str_equal (name, "max_length"))
    return result == CARTABLE_RULE_FAILED;
  return TRUE;
}

static void
set_line_state (GtkWidget          *line,
                CartableRuleResult  result,
                gboolean            empty)
{
  GtkImage *icon = GTK_IMAGE (gtk_widget_get_first_child (line));
  const char *icon_name;
  const char *state_text;

  gtk_widget_remove_css_class (line, "success");
  gtk_widget_remove_css_class (line, "dim-label");
  gtk_widget_remove_css_class (line, "error");

  if (empty || result == CARTABLE_RULE_UNCHECKED)
    {
      icon_name = "radio-symbolic";
      /* Translators: read by screen readers after a password rule. */
      state_text = result == CARTABLE_RULE_UNCHECKED && !empty ? _("checked by the portal") : _("not met yet");
      gtk_widget_add_css_class (line, "dim-label");
    }
  else if (result == CARTABLE_RULE_PASSED)
    {
      icon_name = "object-select-symbolic";
      state_text = _("met");
      gtk_widget_add_css_class (line, "success");
    }
  else if (g_strcmp0 (gtk_widget_get_name (line), "min_length") == 0 ||
           g_strcmp0 (gtk_widget_get_name (line), "character_classes") == 0)
    {
      /* Rules met by typing on: not an error while the user types. */
      icon_name = "radio-symbolic";
      state_text = _("not met yet");
    }
  else
    {
      /* Rules broken by what is typed: say so plainly. */
      icon_name = "window-close-symbolic";
      state_text = _("not met");
      gtk_widget_add_css_class (line, "error");
    }

  gtk_image_set_from_icon_name (icon, icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (line),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state_text,
                                  -1);
}

static void
add_line (CartablePasswordChecklist *self,
          const char                *rule,
          const char                *description)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (description);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), icon);
  gtk_box_append (GTK_BOX (line), label);
  gtk_widget_set_name (line, rule);
  gtk_accessible_update_property (GTK_ACCESSIBLE (line),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_box_append (GTK_BOX (self), line);

  g_ptr_array_add (self->names, g_strdup (rule));
  g_ptr_array_add (self->lines, line);
  set_line_state (line, CARTABLE_RULE_FAILED, TRUE);
  gtk_widget_set_visible (line, rule_applies (self, rule, CARTABLE_RULE_PASSED));
}

/**
 * cartable_password_checklist_set_policy:
 * @policy: (nullable): the portal's published policy; %NULL for the policy
 *   documented in the portal API, until the portal's own arrives
 *
 * Shows one line per rule, with the portal's own description.
 */
void
cartable_password_checklist_set_policy (CartablePasswordChecklist    *self,
                                        const CartablePasswordPolicy *policy)
{
  GtkWidget *child;

  g_return_if_fail (CARTABLE_IS_PASSWORD_CHECKLIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  g_ptr_array_set_size (self->names, 0);
  g_ptr_array_set_size (self->lines, 0);
  self->n_passed = 0;

  if (policy == NULL)
    {
      self->rules.min_length = 12;
      self->rules.max_length = 128;
      self->rules.min_classes = 3;
      self->rules.classes = CARTABLE_PASSWORD_CLASS_LOWERCASE | CARTABLE_PASSWORD_CLASS_UPPERCASE |
                            CARTABLE_PASSWORD_CLASS_DIGIT | CARTABLE_PASSWORD_CLASS_SYMBOL;
      add_line (self, "min_length", _("At least 12 characters."));
      add_line (self, "character_classes",
                _("At least 3 kinds of characters among lower case, upper case, digits and symbols."));
      add_line (self, "not_identifier", _("Does not contain your identifier."));
      add_line (self, "differs_from_current", _("Differs from your current password."));
      return;
    }

  self->rules.min_length = policy->min_length;
  self->rules.max_length = policy->max_length;
  self->rules.min_classes = policy->min_classes;
  self->rules.classes = cartable_password_classes_from_names ((const char * const *) policy->classes);

  for (guint i = 0; policy->rules != NULL && i < policy->rules->len; i++)
    {
      const CartablePasswordRule *rule = g_ptr_array_index (policy->rules, i);

      add_line (self, rule->rule, rule->description);
    }
}

/**
 * cartable_password_checklist_update:
 * @password: what is typed in the new password field
 * @identifier: (nullable): the identifier, for `not_identifier`
 * @current_password: (nullable): the current password, for `differs_from_current`
 *
 * Returns: %TRUE when no rule that the client can check is broken
 */
gboolean
cartable_password_checklist_update (CartablePasswordChecklist *self,
                                    const char                *password,
                                    const char                *identifier,
                                    const char                *current_password)
{
  gboolean ok = TRUE;
  gboolean empty;

  g_return_val_if_fail (CARTABLE_IS_PASSWORD_CHECKLIST (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  empty = *password == '\0';
  self->n_passed = 0;
  self->n_shown = 0;

  for (guint i = 0; i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);
      GtkWidget *line = g_ptr_array_index (self->lines, i);
      CartableRuleResult result = cartable_password_check_rule (&self->rules, name, password, identifier,
                                                                current_password);
      gboolean shown = rule_applies (self, name, result);

      if (result == CARTABLE_RULE_FAILED)
        ok = FALSE;
      gtk_widget_set_visible (line, shown);
      if (!shown)
        continue;
      self->n_shown++;
      if (result == CARTABLE_RULE_PASSED && !empty)
        self->n_passed++;
      set_line_state (line, result, empty);
    }

  return ok && !empty;
}

guint
cartable_password_checklist_get_n_passed (CartablePasswordChecklist *self)
{
  g_return_val_if_fail (CARTABLE_IS_PASSWORD_CHECKLIST (self), 0);
  return self->n_passed;
}

guint
cartable_password_checklist_get_n_rules (CartablePasswordChecklist *self)
{
  g_return_val_if_fail (CARTABLE_IS_PASSWORD_CHECKLIST (self), 0);
  return self->n_shown;
}

/**
 * cartable_password_checklist_mark_violations:
 * @rules: (nullable): rule names the portal said were broken
 *
 * Shows the rules the portal refused as broken, including those the client
 * cannot check itself, until the password changes.
 */
void
cartable_password_checklist_mark_violations (CartablePasswordChecklist *self,
                                             const char * const        *rules)
{
  g_return_if_fail (CARTABLE_IS_PASSWORD_CHECKLIST (self));

  for (guint i = 0; rules != NULL && rules[i] != NULL; i++)
    for (guint j = 0; j < self->names->len; j++)
      if (g_str_equal (rules[i], g_ptr_array_index (self->names, j)))
        {
          GtkWidget *line = g_ptr_array_index (self->lines, j);

          gtk_widget_remove_css_class (line, "success");
          gtk_widget_remove_css_class (line, "dim-label");
          gtk_widget_add_css_class (line, "error");
          gtk_image_set_from_icon_name (GTK_IMAGE (gtk_widget_get_first_child (line)), "window-close-symbolic");
          gtk_accessible_update_property (GTK_ACCESSIBLE (line),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("not met"),
                                          -1);
        }
}

/**
 * cartable_password_checklist_set_with_current:
 * @with_current: whether the form asks for the current password
 *
 * Where it does not (activation), "differs from the current password" is
 * not listed. Call before cartable_password_checklist_set_policy().
 */
void
cartable_password_checklist_set_with_current (CartablePasswordChecklist *self,
                                              gboolean                   with_current)
{
  g_return_if_fail (CARTABLE_IS_PASSWORD_CHECKLIST (self));

  self->with_current = with_current;
}

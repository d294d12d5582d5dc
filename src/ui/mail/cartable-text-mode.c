/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-text-mode"

#include "config.h"

#include <gio/gio.h>

#include "cartable-text-mode.h"

#define TEXT_MODE_KEY "message-text-mode"
#define A11Y_SCHEMA "org.gnome.desktop.a11y.applications"
#define SCREEN_READER_KEY "screen-reader-enabled"

struct _CartableTextMode
{
  GObject    parent_instance;

  GSettings *settings;       /* Cartable's; NULL without its schema (widget tests) */
  GSettings *a11y_settings;  /* the desktop's; NULL without its schema */
  gboolean   chosen;         /* without Cartable's schema: the choice in memory */
  gboolean   choice;
  gboolean   active;
};

G_DEFINE_FINAL_TYPE (CartableTextMode, cartable_text_mode, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
cartable_text_mode_decide (gboolean chosen,
                           gboolean choice,
                           gboolean screen_reader)
{
  return chosen ? choice : screen_reader;
}

static void
update_active (CartableTextMode *self)
{
  gboolean chosen = self->chosen;
  gboolean choice = self->choice;
  gboolean screen_reader = FALSE;
  gboolean active;

  if (self->settings != NULL)
    {
      g_autoptr(GVariant) user_value = g_settings_get_user_value (self->settings, TEXT_MODE_KEY);

      chosen = user_value != NULL;
      choice = chosen && g_variant_get_boolean (user_value);
    }
  if (self->a11y_settings != NULL)
    screen_reader = g_settings_get_boolean (self->a11y_settings, SCREEN_READER_KEY);

  active = cartable_text_mode_decide (chosen, choice, screen_reader);
  if (active == self->active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
settings_changed_cb (GSettings        *settings,
                     const char       *key,
                     CartableTextMode *self)
{
  update_active (self);
}

gboolean
cartable_text_mode_get_active (CartableTextMode *self)
{
  g_return_val_if_fail (CARTABLE_IS_TEXT_MODE (self), FALSE);
  return self->active;
}

/**
 * cartable_text_mode_set_active:
 *
 * The user's choice, kept from then on whatever a screen reader does.
 */
void
cartable_text_mode_set_active (CartableTextMode *self,
                               gboolean          active)
{
  g_return_if_fail (CARTABLE_IS_TEXT_MODE (self));

  active = !!active;
  self->chosen = TRUE;
  self->choice = active;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, TEXT_MODE_KEY, active);
  update_active (self);
}

/* A schema only where it is installed: looking a missing one up by name
 * would abort. */
static GSettings *
new_settings_if_installed (const char *schema_id,
                           const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, schema_id, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
cartable_text_mode_dispose (GObject *object)
{
  CartableTextMode *self = CARTABLE_TEXT_MODE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->a11y_settings != NULL)
    g_signal_handlers_disconnect_by_data (self->a11y_settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->a11y_settings);

  G_OBJECT_CLASS (cartable_text_mode_parent_class)->dispose (object);
}

static void
cartable_text_mode_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CartableTextMode *self = CARTABLE_TEXT_MODE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_text_mode_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CartableTextMode *self = CARTABLE_TEXT_MODE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      cartable_text_mode_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_text_mode_class_init (CartableTextModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_text_mode_dispose;
  object_class->get_property = cartable_text_mode_get_property;
  object_class->set_property = cartable_text_mode_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_text_mode_init (CartableTextMode *self)
{
  self->settings = new_settings_if_installed (APPLICATION_ID, TEXT_MODE_KEY);
  self->a11y_settings = new_settings_if_installed (A11Y_SCHEMA, SCREEN_READER_KEY);
  if (self->settings != NULL)
    g_signal_connect (self->settings, "changed::" TEXT_MODE_KEY, G_CALLBACK (settings_changed_cb), self);
  if (self->a11y_settings != NULL)
    g_signal_connect (self->a11y_settings, "changed::" SCREEN_READER_KEY, G_CALLBACK (settings_changed_cb), self);
  update_active (self);
}

CartableTextMode *
cartable_text_mode_new (void)
{
  return g_object_new (CARTABLE_TYPE_TEXT_MODE, NULL);
}

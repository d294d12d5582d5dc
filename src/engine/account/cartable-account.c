/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-account"

#include "config.h"

#include "cartable-account.h"

/*
 * The non-secret description of one academy account. Passwords never live
 * here: they are in the keyring (see cartable-credentials).
 */
struct _CartableAccount
{
  GObject parent_instance;

  char *id;
  char *identifier;
  char *email;
  char *display_name;
  char *academy_id;
  char *profile_path;
  char *signature;
};

G_DEFINE_FINAL_TYPE (CartableAccount, cartable_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_IDENTIFIER,
  PROP_EMAIL,
  PROP_DISPLAY_NAME,
  PROP_ACADEMY_ID,
  PROP_PROFILE_PATH,
  PROP_SIGNATURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cartable_account_finalize (GObject *object)
{
  CartableAccount *self = (CartableAccount *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->identifier, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->academy_id, g_free);
  g_clear_pointer (&self->profile_path, g_free);
  g_clear_pointer (&self->signature, g_free);

  G_OBJECT_CLASS (cartable_account_parent_class)->finalize (object);
}

static void
cartable_account_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CartableAccount *self = CARTABLE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_IDENTIFIER:
      g_value_set_string (value, self->identifier);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, cartable_account_get_display_name (self));
      break;
    case PROP_ACADEMY_ID:
      g_value_set_string (value, self->academy_id);
      break;
    case PROP_PROFILE_PATH:
      g_value_set_string (value, self->profile_path);
      break;
    case PROP_SIGNATURE:
      g_value_set_string (value, self->signature);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CartableAccount *self = CARTABLE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_IDENTIFIER:
      self->identifier = g_value_dup_string (value);
      break;
    case PROP_EMAIL:
      self->email = g_value_dup_string (value);
      break;
    case PROP_DISPLAY_NAME:
      cartable_account_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_ACADEMY_ID:
      cartable_account_set_academy_id (self, g_value_get_string (value));
      break;
    case PROP_PROFILE_PATH:
      cartable_account_set_profile_path (self, g_value_get_string (value));
      break;
    case PROP_SIGNATURE:
      cartable_account_set_signature (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_account_class_init (CartableAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cartable_account_finalize;
  object_class->get_property = cartable_account_get_property;
  object_class->set_property = cartable_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDENTIFIER] =
    g_param_spec_string ("identifier", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACADEMY_ID] =
    g_param_spec_string ("academy-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_PATH] =
    g_param_spec_string ("profile-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Added under new messages and above the quote of replies. */
  properties[PROP_SIGNATURE] =
    g_param_spec_string ("signature", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_account_init (CartableAccount *self)
{
}

CartableAccount *
cartable_account_new (const char *id,
                      const char *identifier,
                      const char *email)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (identifier != NULL, NULL);

  return g_object_new (CARTABLE_TYPE_ACCOUNT,
                       "id", id,
                       "identifier", identifier,
                       "email", email,
                       NULL);
}

const char *
cartable_account_get_id (CartableAccount *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (self), NULL);
  return self->id;
}

const char *
cartable_account_get_identifier (CartableAccount *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (self), NULL);
  return self->identifier;
}

const char *
cartable_account_get_email (CartableAccount *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (self), NULL);
  return self->email;
}

/**
 * cartable_account_get_display_name:
 *
 * Returns: the name the user gave, else the e-mail address, else the identifier
 */
const char *
cartable_account_get_display_name (CartableAccount *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (self), NULL);

  if (self->display_name != NULL && *self->display_name != '\0')
    return self->display_name;
  if (self->email != NULL && *self->email != '\0')
    return self->email;
  return self->identifier;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
cartable_account_set_display_name (CartableAccount *self,
                                   const char      *display_name)
{
  g_return_if_fail (CARTABLE_IS_ACCOUNT (self));

  if (replace_string (&self->display_name, display_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
cartable_account_get_academy_id (CartableAccount *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (self), NULL);
  return self->academy_id;
}

void
cartable_account_set_academy_id (CartableAccount *self,
                                 const char      *academy_id)
{
  g_return_if_fail (CARTABLE_IS_ACCOUNT (self));

  if (replace_string (&self->academy_id, academy_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACADEMY_ID]);
}

const char *
cartable_account_get_profile_path (CartableAccount *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (self), NULL);
  return self->profile_path;
}

void
cartable_account_set_profile_path (CartableAccount *self,
                                   const char      *profile_path)
{
  g_return_if_fail (CARTABLE_IS_ACCOUNT (self));

  if (replace_string (&self->profile_path, profile_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE_PATH]);
}

const char *
cartable_account_get_signature (CartableAccount *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT (self), NULL);
  return self->signature;
}

void
cartable_account_set_signature (CartableAccount *self,
                                const char      *signature)
{
  g_return_if_fail (CARTABLE_IS_ACCOUNT (self));

  if (signature != NULL && *signature == '\0')
    signature = NULL;
  if (replace_string (&self->signature, signature))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURE]);
}

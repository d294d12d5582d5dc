/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-academy-catalogue"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cartable-academy-catalogue.h"

/*
 * The academies Cartable ships profiles for, plus the ones given at run
 * time. Normandie comes first (it is the academy Cartable is made for),
 * then profiles added at run time, then the rest by name.
 */

#define FIRST_ACADEMY "normandie"

struct _CartableAcademyCatalogue
{
  GObject    parent_instance;

  char      *dir;
  GPtrArray *profiles;   /* CartableAcademyProfile */
  GPtrArray *added;      /* ids added at run time, most recent last */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartableAcademyCatalogue, cartable_academy_catalogue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DIR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cartable_academy_catalogue_get_item_type (GListModel *model)
{
  return CARTABLE_TYPE_ACADEMY_PROFILE;
}

static guint
cartable_academy_catalogue_get_n_items (GListModel *model)
{
  return CARTABLE_ACADEMY_CATALOGUE (model)->profiles->len;
}

static gpointer
cartable_academy_catalogue_get_item (GListModel *model,
                                     guint       position)
{
  CartableAcademyCatalogue *self = CARTABLE_ACADEMY_CATALOGUE (model);

  if (position >= self->profiles->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->profiles, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cartable_academy_catalogue_get_item_type;
  iface->get_n_items = cartable_academy_catalogue_get_n_items;
  iface->get_item = cartable_academy_catalogue_get_item;
}

static void
cartable_academy_catalogue_finalize (GObject *object)
{
  CartableAcademyCatalogue *self = (CartableAcademyCatalogue *) object;

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->added, g_ptr_array_unref);

  G_OBJECT_CLASS (cartable_academy_catalogue_parent_class)->finalize (object);
}

static void
cartable_academy_catalogue_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CartableAcademyCatalogue *self = CARTABLE_ACADEMY_CATALOGUE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->profiles->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_academy_catalogue_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CartableAcademyCatalogue *self = CARTABLE_ACADEMY_CATALOGUE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_academy_catalogue_constructed (GObject *object)
{
  CartableAcademyCatalogue *self = CARTABLE_ACADEMY_CATALOGUE (object);

  G_OBJECT_CLASS (cartable_academy_catalogue_parent_class)->constructed (object);

  if (self->dir == NULL)
    {
      const char *env = g_getenv ("CARTABLE_ACADEMIES_DIR");

      if (env != NULL && *env != '\0')
        self->dir = g_strdup (env);
      else
        self->dir = g_build_filename (PKGDATADIR, "academies", NULL);
    }
}

static void
cartable_academy_catalogue_class_init (CartableAcademyCatalogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cartable_academy_catalogue_constructed;
  object_class->finalize = cartable_academy_catalogue_finalize;
  object_class->get_property = cartable_academy_catalogue_get_property;
  object_class->set_property = cartable_academy_catalogue_set_property;

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_academy_catalogue_init (CartableAcademyCatalogue *self)
{
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
  self->added = g_ptr_array_new_with_free_func (g_free);
}

CartableAcademyCatalogue *
cartable_academy_catalogue_new (void)
{
  return g_object_new (CARTABLE_TYPE_ACADEMY_CATALOGUE, NULL);
}

CartableAcademyCatalogue *
cartable_academy_catalogue_new_for_dir (const char *dir)
{
  g_return_val_if_fail (dir != NULL, NULL);
  return g_object_new (CARTABLE_TYPE_ACADEMY_CATALOGUE, "dir", dir, NULL);
}

const char *
cartable_academy_catalogue_get_dir (CartableAcademyCatalogue *self)
{
  g_return_val_if_fail (CARTABLE_IS_ACADEMY_CATALOGUE (self), NULL);
  return self->dir;
}

static int
rank (CartableAcademyCatalogue *self,
      CartableAcademyProfile   *profile)
{
  const char *id = cartable_academy_profile_get_id (profile);

  for (guint i = 0; i < self->added->len; i++)
    if (g_str_equal (g_ptr_array_index (self->added, i), id))
      return (int) i - (int) self->added->len - 1;

  return g_str_equal (id, FIRST_ACADEMY) ? 0 : 1;
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  CartableAcademyCatalogue *self = user_data;
  CartableAcademyProfile *pa = *(CartableAcademyProfile **) a;
  CartableAcademyProfile *pb = *(CartableAcademyProfile **) b;
  int ra = rank (self, pa);
  int rb = rank (self, pb);
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  if (ra != rb)
    return ra < rb ? -1 : 1;

  ka = g_utf8_collate_key (cartable_academy_profile_get_name (pa), -1);
  kb = g_utf8_collate_key (cartable_academy_profile_get_name (pb), -1);
  return strcmp (ka, kb);
}

static void
sort_and_notify (CartableAcademyCatalogue *self,
                 guint                     old_len)
{
  g_ptr_array_sort_with_data (self->profiles, compare_profiles, self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->profiles->len);
  if (old_len != self->profiles->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static int
find_index (CartableAcademyCatalogue *self,
            const char               *id)
{
  for (guint i = 0; i < self->profiles->len; i++)
    if (g_str_equal (cartable_academy_profile_get_id (g_ptr_array_index (self->profiles, i)), id))
      return (int) i;

  return -1;
}

gboolean
cartable_academy_catalogue_load (CartableAcademyCatalogue  *self,
                                 GError                   **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint old_len;
  const char *name;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_CATALOGUE (self), FALSE);

  old_len = self->profiles->len;

  /* Keep what was added at run time; reread the folder. */
  for (guint i = self->profiles->len; i > 0; i--)
    {
      CartableAcademyProfile *profile = g_ptr_array_index (self->profiles, i - 1);
      gboolean added = FALSE;

      for (guint j = 0; j < self->added->len; j++)
        if (g_str_equal (g_ptr_array_index (self->added, j), cartable_academy_profile_get_id (profile)))
          added = TRUE;
      if (!added)
        g_ptr_array_remove_index (self->profiles, i - 1);
    }

  dir = g_dir_open (self->dir, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          sort_and_notify (self, old_len);
          return TRUE;
        }

      sort_and_notify (self, old_len);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));

  /* A stable order, so that of two files with the same id the same one wins. */
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (self->dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(CartableAcademyProfile) profile = NULL;
      g_autoptr(GError) profile_error = NULL;

      profile = cartable_academy_profile_new_from_file (path, &profile_error);
      if (profile == NULL)
        {
          g_message ("Skipping academy profile: %s", profile_error->message);
          continue;
        }

      if (find_index (self, cartable_academy_profile_get_id (profile)) >= 0)
        continue;

      g_ptr_array_add (self->profiles, g_steal_pointer (&profile));
    }

  sort_and_notify (self, old_len);
  return TRUE;
}

void
cartable_academy_catalogue_add (CartableAcademyCatalogue *self,
                                CartableAcademyProfile   *profile)
{
  const char *id;
  guint old_len;
  int index;

  g_return_if_fail (CARTABLE_IS_ACADEMY_CATALOGUE (self));
  g_return_if_fail (CARTABLE_IS_ACADEMY_PROFILE (profile));

  old_len = self->profiles->len;
  id = cartable_academy_profile_get_id (profile);
  index = find_index (self, id);
  if (index >= 0)
    g_ptr_array_remove_index (self->profiles, index);
  g_ptr_array_add (self->profiles, g_object_ref (profile));

  for (guint i = 0; i < self->added->len; i++)
    if (g_str_equal (g_ptr_array_index (self->added, i), id))
      {
        g_ptr_array_remove_index (self->added, i);
        break;
      }
  /* The latest addition ranks first. */
  g_ptr_array_insert (self->added, 0, g_strdup (id));

  sort_and_notify (self, old_len);
}

CartableAcademyProfile *
cartable_academy_catalogue_lookup (CartableAcademyCatalogue *self,
                                   const char               *id)
{
  int index;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_CATALOGUE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  index = find_index (self, id);
  return index >= 0 ? g_ptr_array_index (self->profiles, index) : NULL;
}

CartableAcademyProfile *
cartable_academy_catalogue_lookup_by_domain (CartableAcademyCatalogue *self,
                                             const char               *domain_or_email)
{
  const char *at;
  const char *domain;

  g_return_val_if_fail (CARTABLE_IS_ACADEMY_CATALOGUE (self), NULL);
  g_return_val_if_fail (domain_or_email != NULL, NULL);

  at = strrchr (domain_or_email, '@');
  domain = at != NULL ? at + 1 : domain_or_email;

  for (guint i = 0; i < self->profiles->len; i++)
    {
      CartableAcademyProfile *profile = g_ptr_array_index (self->profiles, i);

      if (cartable_academy_profile_has_domain (profile, domain))
        return profile;
    }

  return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cartable-academy-profile.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_ACADEMY_CATALOGUE (cartable_academy_catalogue_get_type ())

/**
 * CartableAcademyCatalogue:
 *
 * The academies Cartable knows, as a #GListModel of #CartableAcademyProfile:
 * the profiles shipped in `PKGDATADIR/academies/` (files ending in `.xml`) (the environment
 * variable `CARTABLE_ACADEMIES_DIR` names another folder, for uninstalled
 * runs and tests), plus profiles added at run time (`--academy-profile`).
 * Sorted with Normandie first, then by name. A shipped file that does not
 * parse is skipped with a warning in the log (never fatal).
 */
G_DECLARE_FINAL_TYPE (CartableAcademyCatalogue, cartable_academy_catalogue, CARTABLE, ACADEMY_CATALOGUE, GObject)

/* Returns: (transfer full): an empty catalogue for the default folder. */
CartableAcademyCatalogue *cartable_academy_catalogue_new              (void);
/* Returns: (transfer full): an empty catalogue reading @dir instead. */
CartableAcademyCatalogue *cartable_academy_catalogue_new_for_dir      (const char               *dir);
/* The folder it reads. */
const char               *cartable_academy_catalogue_get_dir          (CartableAcademyCatalogue *self);
/* Reads every `*.xml` of the folder (synchronous: a few small files, read once at start-up).
 * A missing folder gives an empty catalogue; returns FALSE only if the folder cannot be listed. */
gboolean                  cartable_academy_catalogue_load             (CartableAcademyCatalogue *self,
                                                                       GError                  **error);
/* Adds @profile, replacing a profile with the same id (a profile given with
 * --academy-profile overrides the shipped one); the added profile sorts first. */
void                      cartable_academy_catalogue_add              (CartableAcademyCatalogue *self,
                                                                       CartableAcademyProfile   *profile);
/* Returns: (transfer none) (nullable): the profile with @id. */
CartableAcademyProfile   *cartable_academy_catalogue_lookup           (CartableAcademyCatalogue *self,
                                                                       const char               *id);
/* Returns: (transfer none) (nullable): the profile serving @domain (or the domain of an address). */
CartableAcademyProfile   *cartable_academy_catalogue_lookup_by_domain (CartableAcademyCatalogue *self,
                                                                       const char               *domain_or_email);

G_END_DECLS

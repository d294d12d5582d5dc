/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-section"

#include "config.h"

#include "cartable-section.h"

G_DEFINE_INTERFACE (CartableSection, cartable_section, GTK_TYPE_WIDGET)

static void
cartable_section_default_init (CartableSectionInterface *iface)
{
}

/**
 * cartable_section_get_title:
 *
 * Returns: the translated name of @self, as the view switcher shows it
 */
const char *
cartable_section_get_title (CartableSection *self)
{
  g_return_val_if_fail (CARTABLE_IS_SECTION (self), NULL);
  g_return_val_if_fail (CARTABLE_SECTION_GET_IFACE (self)->get_title != NULL, NULL);

  return CARTABLE_SECTION_GET_IFACE (self)->get_title (self);
}

/**
 * cartable_section_get_icon_name:
 *
 * Returns: the symbolic icon of @self in the view switcher
 */
const char *
cartable_section_get_icon_name (CartableSection *self)
{
  g_return_val_if_fail (CARTABLE_IS_SECTION (self), NULL);
  g_return_val_if_fail (CARTABLE_SECTION_GET_IFACE (self)->get_icon_name != NULL, NULL);

  return CARTABLE_SECTION_GET_IFACE (self)->get_icon_name (self);
}

/**
 * cartable_section_set_switcher:
 * @switcher: (transfer none): the window's switcher between sections, made
 *   for @self alone
 *
 * Asks @self to show @switcher as the title of the header bar that spans
 * most of it.
 */
void
cartable_section_set_switcher (CartableSection      *self,
                               AdwViewSwitcherTitle *switcher)
{
  g_return_if_fail (CARTABLE_IS_SECTION (self));
  g_return_if_fail (ADW_IS_VIEW_SWITCHER_TITLE (switcher));
  g_return_if_fail (CARTABLE_SECTION_GET_IFACE (self)->set_switcher != NULL);

  CARTABLE_SECTION_GET_IFACE (self)->set_switcher (self, switcher);
}

/**
 * cartable_section_activate:
 *
 * Tells @self it is now the section on screen.
 */
void
cartable_section_activate (CartableSection *self)
{
  g_return_if_fail (CARTABLE_IS_SECTION (self));

  if (CARTABLE_SECTION_GET_IFACE (self)->activate != NULL)
    CARTABLE_SECTION_GET_IFACE (self)->activate (self);
}

/**
 * cartable_section_leave:
 *
 * Tells @self another section (or the other version) took its place.
 */
void
cartable_section_leave (CartableSection *self)
{
  g_return_if_fail (CARTABLE_IS_SECTION (self));

  if (CARTABLE_SECTION_GET_IFACE (self)->leave != NULL)
    CARTABLE_SECTION_GET_IFACE (self)->leave (self);
}

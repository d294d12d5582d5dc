/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARTABLE_TYPE_SECTION (cartable_section_get_type ())

G_DECLARE_INTERFACE (CartableSection, cartable_section, CARTABLE, SECTION, GtkWidget)

/**
 * CartableSectionInterface:
 * @get_title: the name of the section in the view switcher, translated
 * @get_icon_name: its symbolic icon
 * @set_switcher: places the window's view switcher in one of the section's
 *   header bars; the section turns the switcher's #AdwViewSwitcherTitle:view-switcher-enabled
 *   off while it shows one pane at a time, so that the window shows its bar
 *   at the bottom instead
 * @activate: the section comes on screen (optional)
 * @leave: the section goes off screen (optional)
 *
 * What the window needs from one of the full version's sections (mail, and
 * later agenda, contacts, directory): it shows them in a view stack without
 * knowing what they hold.
 */
struct _CartableSectionInterface
{
  GTypeInterface parent_iface;

  const char * (*get_title)     (CartableSection      *self);
  const char * (*get_icon_name) (CartableSection      *self);
  void         (*set_switcher)  (CartableSection      *self,
                                 AdwViewSwitcherTitle *switcher);
  void         (*activate)      (CartableSection      *self);
  void         (*leave)         (CartableSection      *self);
};

const char *cartable_section_get_title     (CartableSection      *self);
const char *cartable_section_get_icon_name (CartableSection      *self);
void        cartable_section_set_switcher  (CartableSection      *self,
                                            AdwViewSwitcherTitle *switcher);
void        cartable_section_activate      (CartableSection      *self);
void        cartable_section_leave         (CartableSection      *self);

G_END_DECLS

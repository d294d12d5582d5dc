/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The test library's screen reader: what the program under test shows on
 * the accessibility bus (AT-SPI), read by a probe in another process
 * (tests/lib/cartable-a11y-probe.c) as Orca reads it. Programs that use it
 * run with GTK_A11Y unset ('a11y': 'atspi' in tests/ui/meson.build), which
 * also checks each screenshot's screen (cartable_test_a11y_check_screen()).
 */

typedef struct
{
  int    id;
  int    parent;        /* -1 for the application */
  int    depth;
  char  *role;          /* AT-SPI's role name: "push button", "label"… */
  char  *name;
  char  *description;
  char  *text;          /* NULL when the object has no text interface */
  GStrv  states;        /* "focusable", "focused", "checked"… */
} CartableTestA11yNode;

/* The showing accessible tree of this process; elements are
 * CartableTestA11yNode, parents before children, index == id. */
GPtrArray  *cartable_test_a11y_read_tree        (void);
gboolean    cartable_test_a11y_node_has_state   (const CartableTestA11yNode *node,
                                                 const char                 *state);
/* The node of @role (NULL: any) whose name contains @name, or NULL. */
const CartableTestA11yNode *
            cartable_test_a11y_find             (GPtrArray                  *tree,
                                                 const char                 *role,
                                                 const char                 *name);
/* Whether a reader can read @words somewhere: a name, a description or a
 * text interface that holds them. */
gboolean    cartable_test_a11y_readable         (GPtrArray                  *tree,
                                                 const char                 *words);
/* What is wrong on this screen for a screen-reader user, one sentence per
 * problem: a control (focusable or with an action) without a name, a name
 * said twice (« Identifiant Identifiant »), a mnemonic underscore read out. */
GPtrArray  *cartable_test_a11y_problems         (GPtrArray                  *tree);
/* Whether @name is one text said twice. */
gboolean    cartable_test_a11y_name_doubled     (const char                 *name);
/* Reads the tree, saves it as @screen.a11y.txt beside the screenshots and
 * fails the test on any problem. */
void        cartable_test_a11y_check_screen     (const char                 *screen);
/* Whether this program runs on the accessibility bus ('a11y': 'atspi'). */
gboolean    cartable_test_a11y_on_bus           (void);

/* Events a reader hears, from cartable_test_a11y_listen() until freed. */
typedef struct _CartableTestA11yListener CartableTestA11yListener;

CartableTestA11yListener *
            cartable_test_a11y_listen           (void);
/* Waits up to @timeout_ms for an event a reader speaks (an alert shown, a
 * focus change, the name of the focused object changed) that says @words;
 * fails the test otherwise, listing what was heard. */
void        cartable_test_a11y_assert_spoken    (CartableTestA11yListener   *listener,
                                                 const char                 *words,
                                                 guint                       timeout_ms);
/* Whether something said @words, without waiting. */
gboolean    cartable_test_a11y_heard            (CartableTestA11yListener   *listener,
                                                 const char                 *words);
void        cartable_test_a11y_listener_free    (CartableTestA11yListener   *listener);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartableTestA11yListener, cartable_test_a11y_listener_free)

G_END_DECLS

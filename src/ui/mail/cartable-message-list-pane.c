/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-message-list-pane"

#include "config.h"

#include <adwaita.h>

#include "cartable-message-list-pane.h"
#include "cartable-mail-view.h"
#include "common/cartable-regions.h"

struct _CartableMessageListPane
{
  GtkWidget              parent_instance;

  gboolean               folded;
  char                  *title;
  char                  *subtitle;

  GtkToggleButton       *search_button;
  CartableMailSearchBar *search_bar;
  AdwStatusPage         *search_status;
  GtkStack              *list_stack;
  GtkSpinner            *list_spinner;
  AdwStatusPage         *list_error;
  GtkListView           *message_list_view;
  GtkPopoverMenu        *context_menu;
  guint                  focus_idle;   /* the context menu closed: the keyboard back on the list */

  /* The list's model, followed to keep its selected message in sight. */
  GtkSelectionModel     *watched_model;
};

G_DEFINE_FINAL_TYPE (CartableMessageListPane, cartable_message_list_pane, GTK_TYPE_WIDGET)

static void context_menu_closed_cb (CartableMessageListPane *self);

enum {
  PROP_0,
  PROP_FOLDED,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
cartable_message_list_pane_dispose (GObject *object)
{
  CartableMessageListPane *self = CARTABLE_MESSAGE_LIST_PANE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->focus_idle, g_source_remove);
  if (self->watched_model != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_model, self);
  g_clear_object (&self->watched_model);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_MESSAGE_LIST_PANE);
  /* The header is not bound: unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cartable_message_list_pane_parent_class)->dispose (object);
}

static void
cartable_message_list_pane_finalize (GObject *object)
{
  CartableMessageListPane *self = CARTABLE_MESSAGE_LIST_PANE (object);

  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (cartable_message_list_pane_parent_class)->finalize (object);
}

static void
cartable_message_list_pane_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CartableMessageListPane *self = CARTABLE_MESSAGE_LIST_PANE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_PAGE:
      g_value_set_string (value, gtk_stack_get_visible_child_name (self->list_stack));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_list_pane_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CartableMessageListPane *self = CARTABLE_MESSAGE_LIST_PANE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TITLE:
      cartable_message_list_pane_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      cartable_message_list_pane_set_subtitle (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_message_list_pane_class_init (CartableMessageListPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_message_list_pane_dispose;
  object_class->finalize = cartable_message_list_pane_finalize;
  object_class->get_property = cartable_message_list_pane_get_property;
  object_class->set_property = cartable_message_list_pane_set_property;

  /* One pane at a time: the header carries the way back and the window's buttons. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the pane shows: "list", or the page that stands for it (empty
   * folder, loading, no results, error, no folder). */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARTABLE_TYPE_MAIL_SEARCH_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-message-list-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, search_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, search_status);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, list_error);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, message_list_view);
  gtk_widget_class_bind_template_child (widget_class, CartableMessageListPane, context_menu);
}

static void
page_changed_cb (GtkStack                *stack,
                 GParamSpec              *pspec,
                 CartableMessageListPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* A message selected by the program (opened from a notification, kept
 * across a refresh) is scrolled into sight, as one chosen with the keys
 * is: GTK 4.8's list does not follow its selection. Only a single
 * selection: a range chosen with the pointer stays where it is. */
static void
selection_changed_cb (GtkSelectionModel       *model,
                      guint                    position,
                      guint                    n_items,
                      CartableMessageListPane *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  if (gtk_bitset_get_size (selected) != 1)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->message_list_view), "list.scroll-to-item", "u",
                              gtk_bitset_get_minimum (selected));
}

/* A new list opens on its selected message, if it has one. */
static void
model_changed_cb (GtkListView             *list_view,
                  GParamSpec              *pspec,
                  CartableMessageListPane *self)
{
  GtkSelectionModel *model = gtk_list_view_get_model (list_view);

  if (model == self->watched_model)
    return;
  if (self->watched_model != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_model, self);
  g_set_object (&self->watched_model, model);
  if (model == NULL)
    return;
  g_signal_connect (model, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  selection_changed_cb (model, 0, 0, self);
}

static void
cartable_message_list_pane_init (CartableMessageListPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->list_stack, "notify::visible-child-name", G_CALLBACK (page_changed_cb), self, 0);
  g_signal_connect_object (self->message_list_view, "notify::model", G_CALLBACK (model_changed_cb), self, 0);

  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* F6 stops at the header and at the list; Tab passes over the messages
   * in one step, the arrows go through them. */
  cartable_region_mark (gtk_widget_get_first_child (GTK_WIDGET (self)), CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->list_stack), CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->message_list_view), CARTABLE_REGION_ONE_STOP);

  g_signal_connect_swapped (self->context_menu, "closed", G_CALLBACK (context_menu_closed_cb), self);
}

/* A command of the context menu ran (or it was closed): the keyboard
 * goes back to the row acted on — the list moves it to the next row when
 * that one leaves — and is never left in the closed menu. */
static gboolean
restore_focus_cb (gpointer user_data)
{
  CartableMessageListPane *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->focus_idle = 0;
  if (root != NULL && (focus == NULL || !gtk_widget_get_mapped (focus) ||
                       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->context_menu))) &&
      !gtk_widget_grab_focus (GTK_WIDGET (self->message_list_view)))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
context_menu_closed_cb (CartableMessageListPane *self)
{
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add (restore_focus_cb, self);
}

GtkListView *
cartable_message_list_pane_get_list_view (CartableMessageListPane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self), NULL);
  return self->message_list_view;
}

CartableMailSearchBar *
cartable_message_list_pane_get_search_bar (CartableMessageListPane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self), NULL);
  return self->search_bar;
}

/**
 * cartable_message_list_pane_popup_menu:
 * @menu: the commands offered
 * @anchor: the widget @x, @y are relative to (a row, the list)
 *
 * Opens the list's context menu with @menu, pointing at @x, @y of @anchor.
 */
void
cartable_message_list_pane_popup_menu (CartableMessageListPane *self,
                                       GMenuModel              *menu,
                                       GtkWidget               *anchor,
                                       double                   x,
                                       double                   y)
{
  graphene_point_t point;

  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self));
  g_return_if_fail (G_IS_MENU_MODEL (menu));
  g_return_if_fail (GTK_IS_WIDGET (anchor));

  gtk_popover_menu_set_menu_model (self->context_menu, menu);
  if (!gtk_widget_compute_point (anchor, GTK_WIDGET (self), &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT ((float) x, (float) y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

GtkToggleButton *
cartable_message_list_pane_get_search_button (CartableMessageListPane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self), NULL);
  return self->search_button;
}

void
cartable_message_list_pane_set_title (CartableMessageListPane *self,
                                      const char              *title)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
cartable_message_list_pane_set_subtitle (CartableMessageListPane *self,
                                         const char              *subtitle)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self));

  if (set_string (&self->subtitle, subtitle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
cartable_message_list_pane_get_page (CartableMessageListPane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self), NULL);
  return gtk_stack_get_visible_child_name (self->list_stack);
}

void
cartable_message_list_pane_show_page (CartableMessageListPane *self,
                                      const char              *page)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self));
  g_return_if_fail (page != NULL);

  gtk_stack_set_visible_child_name (self->list_stack, page);
}

AdwStatusPage *
cartable_message_list_pane_get_error_page (CartableMessageListPane *self)
{
  g_return_val_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self), NULL);
  return self->list_error;
}

void
cartable_message_list_pane_show_error (CartableMessageListPane *self,
                                       const char              *description)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self));

  cartable_mail_view_show_error (self->list_error, description);
}

void
cartable_message_list_pane_show_no_results (CartableMessageListPane *self,
                                            const char              *description)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self));

  adw_status_page_set_description (self->search_status, description);
  gtk_stack_set_visible_child_name (self->list_stack, "no-results");
}

void
cartable_message_list_pane_set_loading (CartableMessageListPane *self,
                                        gboolean                 loading)
{
  g_return_if_fail (CARTABLE_IS_MESSAGE_LIST_PANE (self));

  gtk_spinner_set_spinning (self->list_spinner, loading);
}

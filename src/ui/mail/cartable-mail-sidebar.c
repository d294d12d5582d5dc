/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-mail-sidebar.h"
#include "cartable-account-row.h"
#include "cartable-folder-dialogs.h"
#include "cartable-folder-row.h"
#include "common/cartable-regions.h"

struct _CartableMailSidebar
{
  GtkWidget         parent_instance;

  CartableSessions *sessions;
  GPtrArray        *watched;        /* sessions and folder trees followed */
  gboolean          folded;
  char             *selected_account;
  char             *selected_folder;
  gboolean          show_all_folders;
  GSettings        *settings;       /* show-all-folders; NULL without the schema (widget tests) */

  GtkMenuButton    *menu_button;
  GtkMenuButton    *folder_menu_button;
  GtkListBox       *folder_list;
  GtkPopoverMenu   *folder_menu;
  guint             focus_idle;     /* the folder menu closed: the keyboard back on the folders */
};

G_DEFINE_FINAL_TYPE (CartableMailSidebar, cartable_mail_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSIONS,
  PROP_FOLDED,
  PROP_SHOW_ALL_FOLDERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FOLDER_SELECTED,
  FOLDER_ACTIVATED,
  MESSAGES_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (CartableMailSidebar *self);

/* ------------------------------------------------------------ rows */

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         CartableMailSidebar *self)
{
  CartableFolderRow *row = CARTABLE_FOLDER_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  gboolean handled = FALSE;

  g_signal_emit (self, signals[MESSAGES_DROPPED], 0, cartable_folder_row_get_account_id (row),
                 cartable_folder_row_get_full_name (row), g_value_get_string (value), &handled);
  return handled;
}

static GtkWidget *
create_folder_row (CartableMailSidebar    *self,
                   CartableAccountSession *session,
                   CartableFolderItem     *item)
{
  GtkWidget *row = cartable_folder_row_new (session, item);
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  /* Listed with every folder: an unsubscribed one looks it. */
  if (!cartable_folder_item_get_subscribed (item) && cartable_folder_item_get_role (item) == CARTABLE_FOLDER_ROLE_NONE)
    gtk_widget_add_css_class (row, "dim-label");

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  return row;
}

/* The row of the folder shown, or NULL. */
static GtkListBoxRow *
find_shown_row (CartableMailSidebar *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->folder_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CARTABLE_IS_FOLDER_ROW (row) &&
        g_strcmp0 (cartable_folder_row_get_account_id (CARTABLE_FOLDER_ROW (row)), self->selected_account) == 0 &&
        g_strcmp0 (cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (row)), self->selected_folder) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

/* The folder shown is the one selected: no other row may look like it. */
static void
select_shown_row (CartableMailSidebar *self)
{
  GtkListBoxRow *row = find_shown_row (self);

  if (row != NULL)
    gtk_list_box_select_row (self->folder_list, row);
  else
    gtk_list_box_unselect_all (self->folder_list);
}

/* A folder opens when its row is activated (Enter, Space, a click), not
 * when it is selected: the arrow keys go through the folders without
 * opening each of them, as a screen-reader user reads the list. */
static void
row_activated_cb (GtkListBox          *list,
                  GtkListBoxRow       *row,
                  CartableMailSidebar *self)
{
  g_autofree char *account_id = NULL;
  g_autofree char *full_name = NULL;

  if (!CARTABLE_IS_FOLDER_ROW (row))
    return;
  account_id = g_strdup (cartable_folder_row_get_account_id (CARTABLE_FOLDER_ROW (row)));
  full_name = g_strdup (cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (row)));
  g_signal_emit (self, signals[FOLDER_SELECTED], 0, account_id, full_name);
  g_signal_emit (self, signals[FOLDER_ACTIVATED], 0, account_id, full_name);
}

/* Leaving the list with the arrows elsewhere than on the folder shown:
 * the selection goes back to it. */
static void
folder_list_focus_left_cb (GtkEventControllerFocus *controller,
                           CartableMailSidebar     *self)
{
  select_shown_row (self);
}

/* ------------------------------------------------------------ following the sessions */

static void
tree_items_changed_cb (GListModel          *tree,
                       guint                position,
                       guint                removed,
                       guint                added,
                       CartableMailSidebar *self)
{
  rebuild (self);
}

static void
session_changed_cb (CartableAccountSession *session,
                    CartableMailSidebar    *self)
{
  rebuild (self);
}

static void
watch (CartableMailSidebar *self,
       gpointer             object)
{
  if (g_ptr_array_find (self->watched, object, NULL))
    return;

  g_ptr_array_add (self->watched, g_object_ref (object));
  if (CARTABLE_IS_ACCOUNT_SESSION (object))
    /* After the views' own handlers: the folder they show is known first. */
    g_signal_connect_after (object, "changed", G_CALLBACK (session_changed_cb), self);
  else
    g_signal_connect (object, "items-changed", G_CALLBACK (tree_items_changed_cb), self);
}

static void
unwatch_all (CartableMailSidebar *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
sessions_items_changed_cb (GListModel          *sessions,
                           guint                position,
                           guint                removed,
                           guint                added,
                           CartableMailSidebar *self)
{
  /* Sessions that left, and their trees, are no longer followed. */
  unwatch_all (self);
  rebuild (self);
}

static void
clear_rows (CartableMailSidebar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->folder_list))) != NULL)
    gtk_list_box_remove (self->folder_list, child);
}

static gboolean
row_is (CartableFolderRow *row,
        const char        *account_id,
        const char        *full_name)
{
  return g_strcmp0 (cartable_folder_row_get_account_id (row), account_id) == 0 &&
         g_strcmp0 (cartable_folder_row_get_full_name (row), full_name) == 0;
}

static void
rebuild (CartableMailSidebar *self)
{
  GListModel *sessions;
  gboolean first_inbox_ready = FALSE;
  GtkListBoxRow *to_select = NULL;
  GtkListBoxRow *first_inbox = NULL;

  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *focus_account = NULL;
  g_autofree char *focus_folder = NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->folder_list));
  GtkListBoxRow *to_focus = NULL;

  /* The rows are made anew: the focus comes back to the same folder. */
  if (had_focus)
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, CARTABLE_TYPE_FOLDER_ROW);

      if (row != NULL)
        {
          focus_account = g_strdup (cartable_folder_row_get_account_id (CARTABLE_FOLDER_ROW (row)));
          focus_folder = g_strdup (cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (row)));
        }
    }

  clear_rows (self);
  if (self->sessions == NULL)
    return;

  sessions = G_LIST_MODEL (self->sessions);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (sessions, i);
      CartableFolderTree *tree = cartable_account_session_get_folder_tree (session);
      g_autofree gboolean *listed = NULL;

      watch (self, session);
      gtk_list_box_append (self->folder_list, cartable_account_row_new (session));
      if (tree == NULL)
        continue;

      watch (self, tree);
      listed = cartable_folder_dup_listed (G_LIST_MODEL (tree), self->show_all_folders);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (tree)); j++)
        {
          g_autoptr(CartableFolderItem) item = g_list_model_get_item (G_LIST_MODEL (tree), j);
          GtkWidget *row;

          if (!listed[j])
            continue;
          row = create_folder_row (self, session, item);

          gtk_list_box_append (self->folder_list, row);
          if (row_is (CARTABLE_FOLDER_ROW (row), self->selected_account, self->selected_folder))
            to_select = GTK_LIST_BOX_ROW (row);
          if (focus_folder != NULL && row_is (CARTABLE_FOLDER_ROW (row), focus_account, focus_folder))
            to_focus = GTK_LIST_BOX_ROW (row);
          if (first_inbox == NULL && cartable_folder_item_get_role (item) == CARTABLE_FOLDER_ROLE_INBOX)
            {
              first_inbox = GTK_LIST_BOX_ROW (row);
              /* Connecting: wait, rather than show the empty cache first. */
              first_inbox_ready = cartable_account_session_get_online (session) ||
                                  cartable_account_session_get_error (session) != NULL;
            }
        }
    }

  if (to_select != NULL)
    gtk_list_box_select_row (self->folder_list, to_select);
  if (had_focus && to_focus == NULL)
    to_focus = to_select;
  if (to_focus != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (to_focus));
  else if (had_focus)
    gtk_widget_child_focus (GTK_WIDGET (self->folder_list), GTK_DIR_TAB_FORWARD);

  /* Open the first Inbox by itself, as the user expects. */
  if (to_select == NULL && self->selected_folder == NULL && first_inbox != NULL && first_inbox_ready)
    {
      gtk_list_box_select_row (self->folder_list, first_inbox);
      g_signal_emit (self, signals[FOLDER_SELECTED], 0,
                     cartable_folder_row_get_account_id (CARTABLE_FOLDER_ROW (first_inbox)),
                     cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (first_inbox)));
    }
}

/* ------------------------------------------------------------ the folder menu */

/* The folder commands of @row, and the choice of the folders listed. */
static GMenuModel *
new_row_menu (GtkListBoxRow *row)
{
  GMenuModel *model = NULL;
  g_autoptr(GMenu) view = NULL;

  if (CARTABLE_IS_FOLDER_ROW (row))
    model = cartable_folder_menu_new (cartable_folder_row_get_account_id (CARTABLE_FOLDER_ROW (row)),
                                      cartable_folder_row_get_item (CARTABLE_FOLDER_ROW (row)));
  else if (CARTABLE_IS_ACCOUNT_ROW (row) &&
           cartable_account_session_get_folder_tree (cartable_account_row_get_session (CARTABLE_ACCOUNT_ROW (row))) != NULL)
    model = cartable_folder_menu_new (cartable_account_row_get_account_id (CARTABLE_ACCOUNT_ROW (row)), NULL);
  if (model == NULL)
    return NULL;

  view = g_menu_new ();
  g_menu_append (view, _("Show _All Folders"), "sidebar.show-all-folders");
  g_menu_append_section (G_MENU (model), NULL, G_MENU_MODEL (view));
  return model;
}

/* The header's menu button: the commands of the folder selected, else of
 * the first account. */
static void
create_folder_popup_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  CartableMailSidebar *self = user_data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->folder_list);
  g_autoptr(GMenuModel) model = NULL;

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->folder_list, 0);
  model = row != NULL ? new_row_menu (row) : NULL;
  gtk_menu_button_set_menu_model (button, model);
}

static void
popup_folder_menu (CartableMailSidebar *self,
                   GtkListBoxRow       *row,
                   double               x,
                   double               y)
{
  g_autoptr(GMenuModel) model = NULL;
  graphene_point_t point;

  model = new_row_menu (row);
  if (model == NULL || g_menu_model_get_n_items (model) == 0)
    return;

  gtk_popover_menu_set_menu_model (self->folder_menu, model);
  if (!gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self), &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT ((float) x, (float) y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->folder_menu), &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->folder_menu));
}

static GtkListBoxRow *
row_at (CartableMailSidebar *self,
        double               x,
        double               y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->folder_list), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, GTK_TYPE_LIST_BOX_ROW) : NULL;

  return row != NULL ? GTK_LIST_BOX_ROW (row) : NULL;
}

static void
popup_at (CartableMailSidebar *self,
          double               x,
          double               y,
          GtkGesture          *gesture)
{
  GtkListBoxRow *row = row_at (self, x, y);
  graphene_point_t point;

  if (row == NULL)
    return;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->folder_list), GTK_WIDGET (row),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT (24.f, 12.f);
  popup_folder_menu (self, row, point.x, point.y);
}

static void
right_click_cb (GtkGestureClick     *gesture,
                int                  n_press,
                double               x,
                double               y,
                CartableMailSidebar *self)
{
  popup_at (self, x, y, GTK_GESTURE (gesture));
}

static void
long_press_cb (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               CartableMailSidebar *self)
{
  popup_at (self, x, y, GTK_GESTURE (gesture));
}

/* The row the keyboard is on, else the selected one. */
static GtkListBoxRow *
focused_row (CartableMailSidebar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->folder_list)))
    row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL)
    row = GTK_WIDGET (gtk_list_box_get_selected_row (self->folder_list));
  return row != NULL ? GTK_LIST_BOX_ROW (row) : NULL;
}

static gboolean
menu_key_cb (GtkWidget *list,
             GVariant  *args,
             gpointer   user_data)
{
  CartableMailSidebar *self = user_data;
  GtkListBoxRow *row = focused_row (self);

  if (row == NULL)
    return FALSE;
  popup_folder_menu (self, row, 24, gtk_widget_get_height (GTK_WIDGET (row)) / 2.0);
  return TRUE;
}

static gboolean
rename_key_cb (GtkWidget *list,
               GVariant  *args,
               gpointer   user_data)
{
  CartableMailSidebar *self = user_data;
  GtkListBoxRow *row = focused_row (self);

  if (!CARTABLE_IS_FOLDER_ROW (row))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "mail.folder-rename", "(ss)",
                                     cartable_folder_row_get_account_id (CARTABLE_FOLDER_ROW (row)),
                                     cartable_folder_row_get_full_name (CARTABLE_FOLDER_ROW (row)));
}

/* A folder command ran (or the menu was closed): the keyboard goes back
 * to the folders, never left in the closed menu. */
static gboolean
restore_focus_cb (gpointer user_data)
{
  CartableMailSidebar *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->focus_idle = 0;
  if (root != NULL && (focus == NULL || !gtk_widget_get_mapped (focus) ||
                       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->folder_menu))))
    gtk_widget_child_focus (GTK_WIDGET (self->folder_list), GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
folder_menu_closed_cb (CartableMailSidebar *self)
{
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add (restore_focus_cb, self);
}

static void
add_menu_controllers (CartableMailSidebar *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();
  const struct {
    guint           key;
    GdkModifierType mods;
    GtkShortcutFunc func;
  } shortcuts[] = {
    { GDK_KEY_F2, 0, rename_key_cb },
    { GDK_KEY_Menu, 0, menu_key_cb },
    { GDK_KEY_F10, GDK_SHIFT_MASK, menu_key_cb },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (shortcuts[i].key, shortcuts[i].mods),
                                                            gtk_callback_action_new (shortcuts[i].func, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->folder_list), keys);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (right_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->folder_list), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->folder_list), GTK_EVENT_CONTROLLER (press));

  g_signal_connect_swapped (self->folder_menu, "closed", G_CALLBACK (folder_menu_closed_cb), self);
}

/* ------------------------------------------------------------ object */

static void
cartable_mail_sidebar_dispose (GObject *object)
{
  CartableMailSidebar *self = CARTABLE_MAIL_SIDEBAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->focus_idle, g_source_remove);
  if (self->watched != NULL)
    unwatch_all (self);
  if (self->sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->sessions, self);
  g_clear_object (&self->sessions);
  if (self->settings != NULL)
    g_settings_unbind (self, "show-all-folders");
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_MAIL_SIDEBAR);
  /* The header and the scrolled list are not bound: unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cartable_mail_sidebar_parent_class)->dispose (object);
}

static void
cartable_mail_sidebar_finalize (GObject *object)
{
  CartableMailSidebar *self = CARTABLE_MAIL_SIDEBAR (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_free (self->selected_account);
  g_free (self->selected_folder);

  G_OBJECT_CLASS (cartable_mail_sidebar_parent_class)->finalize (object);
}

static void
cartable_mail_sidebar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CartableMailSidebar *self = CARTABLE_MAIL_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SESSIONS:
      g_value_set_object (value, self->sessions);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_SHOW_ALL_FOLDERS:
      g_value_set_boolean (value, self->show_all_folders);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_sidebar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CartableMailSidebar *self = CARTABLE_MAIL_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SESSIONS:
      cartable_mail_sidebar_set_sessions (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_ALL_FOLDERS:
      if (self->show_all_folders != g_value_get_boolean (value))
        {
          self->show_all_folders = g_value_get_boolean (value);
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_sidebar_class_init (CartableMailSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_mail_sidebar_dispose;
  object_class->finalize = cartable_mail_sidebar_finalize;
  object_class->get_property = cartable_mail_sidebar_get_property;
  object_class->set_property = cartable_mail_sidebar_set_property;

  properties[PROP_SESSIONS] =
    g_param_spec_object ("sessions", NULL, NULL, CARTABLE_TYPE_SESSIONS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The window shows one pane at a time: the header carries the window's buttons. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Every folder of the accounts, not only the subscribed ones. */
  properties[PROP_SHOW_ALL_FOLDERS] =
    g_param_spec_boolean ("show-all-folders", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableMailSidebar::folder-selected:
   * @account_id: the account
   * @full_name: the folder the user chose
   */
  signals[FOLDER_SELECTED] =
    g_signal_new ("folder-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* A folder row was activated (Enter, a click): its list is wanted. */
  signals[FOLDER_ACTIVATED] =
    g_signal_new ("folder-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * CartableMailSidebar::messages-dropped:
   * @account_id: the account of the folder dropped on
   * @full_name: the folder dropped on
   * @data: what was dragged (cartable_message_actions_decode_drag())
   *
   * Returns: %TRUE when the messages moved there
   */
  signals[MESSAGES_DROPPED] =
    g_signal_new ("messages-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_first_wins, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-mail-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMailSidebar, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSidebar, folder_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSidebar, folder_list);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSidebar, folder_menu);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_property_action (widget_class, "sidebar.show-all-folders", "show-all-folders");
}

/* « Afficher tous les dossiers » is kept from one window to the next. */
static void
bind_settings (CartableMailSidebar *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "show-all-folders"))
    return;
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "show-all-folders", self, "show-all-folders", G_SETTINGS_BIND_DEFAULT);
}

static void
cartable_mail_sidebar_init (CartableMailSidebar *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  bind_settings (self);
  add_menu_controllers (self);

  /* F6 stops at the header and at the folders; Tab passes over the folders
   * in one step, the arrows go through them. */
  cartable_region_mark (gtk_widget_get_first_child (GTK_WIDGET (self)), CARTABLE_REGION_STOP);
  cartable_region_mark (GTK_WIDGET (self->folder_list), CARTABLE_REGION_STOP | CARTABLE_REGION_ONE_STOP);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (folder_list_focus_left_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->folder_list), focus);
  }
  gtk_menu_button_set_create_popup_func (self->folder_menu_button, create_folder_popup_cb, self, NULL);
}

CartableSessions *
cartable_mail_sidebar_get_sessions (CartableMailSidebar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SIDEBAR (self), NULL);
  return self->sessions;
}

void
cartable_mail_sidebar_set_sessions (CartableMailSidebar *self,
                                    CartableSessions    *sessions)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SIDEBAR (self));
  g_return_if_fail (sessions == NULL || CARTABLE_IS_SESSIONS (sessions));

  if (self->sessions == sessions)
    return;

  unwatch_all (self);
  if (self->sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->sessions, self);
  g_set_object (&self->sessions, sessions);
  if (sessions != NULL)
    g_signal_connect (sessions, "items-changed", G_CALLBACK (sessions_items_changed_cb), self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS]);
}

void
cartable_mail_sidebar_set_menu_model (CartableMailSidebar *self,
                                      GMenuModel          *menu)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SIDEBAR (self));
  g_return_if_fail (menu == NULL || G_IS_MENU_MODEL (menu));

  gtk_menu_button_set_menu_model (self->menu_button, menu);
}

void
cartable_mail_sidebar_set_selected (CartableMailSidebar *self,
                                    const char          *account_id,
                                    const char          *full_name)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SIDEBAR (self));

  g_free (self->selected_account);
  self->selected_account = g_strdup (account_id);
  g_free (self->selected_folder);
  self->selected_folder = g_strdup (full_name);

  /* A folder without a row (none, or not listed yet): no other row may
   * look like the one shown. */
  select_shown_row (self);
}

const char *
cartable_mail_sidebar_get_selected_account (CartableMailSidebar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SIDEBAR (self), NULL);
  return self->selected_account;
}

const char *
cartable_mail_sidebar_get_selected_folder (CartableMailSidebar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SIDEBAR (self), NULL);
  return self->selected_folder;
}

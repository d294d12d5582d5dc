/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-window.h"
#include "common/cartable-accessible-names.h"
#include "common/cartable-announcer.h"
#include "common/cartable-popover-tooltips.h"
#include "common/cartable-regions.h"
#include "cartable-offline-state.h"
#include "cartable-section.h"
#include "cartable-prompts.h"
#include "cartable-window-geometry.h"
#include "mail/cartable-main-view.h"
#include "onboarding/cartable-welcome-page.h"
#include "simple/cartable-simple-view.h"

struct _CartableWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  CartableAccountStore *account_store;
  CartableSessions     *sessions;
  CartablePrompts      *prompts;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  CartableWelcomePage  *welcome_page;
  CartableSimpleView   *simple_view;

  /* The full version: one page of @sections per section */
  AdwViewStack         *sections;
  AdwViewSwitcherBar   *switcher_bar;
  GHashTable           *switchers;   /* CartableSection → its AdwViewSwitcherTitle, both owned */
  CartableSection      *active_section;   /* unowned: the one on screen, if any */
  /* The mail section, which hands the message open over to the simple version */
  CartableMainView     *main_view;

  /* The connection of the whole window */
  GtkRevealer          *offline_revealer;
  GtkLabel             *offline_label;
  GtkLabel             *offline_waiting_label;
  GNetworkMonitor      *network_monitor;
  CartableOfflineState  offline_state;
  GHashTable           *watched_outboxes;   /* CartableOutbox set, unowned */
};

G_DEFINE_FINAL_TYPE (CartableWindow, cartable_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT_STORE,
  PROP_SESSIONS,
  PROP_VISIBLE_PAGE,
  PROP_OFFLINE_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CartableWindow *
cartable_window_new (GtkApplication       *application,
                     GSettings            *settings,
                     CartableAccountStore *account_store,
                     CartableSessions     *sessions,
                     GFile                *academy_profile)
{
  CartableWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (CARTABLE_IS_ACCOUNT_STORE (account_store), NULL);
  g_return_val_if_fail (CARTABLE_IS_SESSIONS (sessions), NULL);
  g_return_val_if_fail (academy_profile == NULL || G_IS_FILE (academy_profile), NULL);

  self = g_object_new (CARTABLE_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "account-store", account_store,
                       "sessions", sessions,
                       NULL);
  /* The onboarding lists the academy of --academy-profile first. */
  cartable_welcome_page_setup (self->welcome_page, self->settings, self->account_store, academy_profile);
  return self;
}

/* Switching version keeps the user where they were: the account, the
 * folder and the message open go from one view to the other. */
static void
hand_over (CartableWindow *self,
           const char     *from,
           const char     *to)
{
  if (g_strcmp0 (from, "main") == 0 && g_strcmp0 (to, "simple") == 0)
    {
      CartableMessage *message = cartable_main_view_get_message (self->main_view);

      cartable_simple_view_show_message (self->simple_view,
                                         cartable_main_view_get_account_id (self->main_view),
                                         cartable_main_view_get_folder_name (self->main_view),
                                         message != NULL ? cartable_message_get_uid (message) : NULL);
    }
  else if (g_strcmp0 (from, "simple") == 0 && g_strcmp0 (to, "main") == 0)
    {
      adw_view_stack_set_visible_child (self->sections, GTK_WIDGET (self->main_view));
      cartable_main_view_show_message (self->main_view,
                                       cartable_simple_view_get_account_id (self->simple_view),
                                       cartable_simple_view_get_folder_name (self->simple_view),
                                       cartable_simple_view_get_message_uid (self->simple_view));
    }
}

/* Sections ----------------------------------------------------------------- */

/* The bar at the bottom shows when the section on screen cannot show the
 * switcher in its header, as libadwaita's view switcher title tells; a
 * section that turned the switcher off (its header is off screen while it
 * shows another pane) gets the bar at once, before any new allocation. */
static void
update_switcher_bar (CartableWindow *self)
{
  AdwViewSwitcherTitle *switcher = NULL;

  if (self->active_section != NULL)
    switcher = g_hash_table_lookup (self->switchers, self->active_section);
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    switcher != NULL &&
                                    (adw_view_switcher_title_get_title_visible (switcher) ||
                                     !adw_view_switcher_title_get_view_switcher_enabled (switcher)));
}

static void
switcher_changed_cb (AdwViewSwitcherTitle *switcher,
                     GParamSpec           *pspec,
                     CartableWindow       *self)
{
  update_switcher_bar (self);
}

/* The section on screen: the visible one of the full version, none under
 * the simple version or the welcome page. */
static void
update_active_section (CartableWindow *self)
{
  CartableSection *section = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0)
    section = CARTABLE_SECTION (adw_view_stack_get_visible_child (self->sections));

  if (section != self->active_section)
    {
      CartableSection *left = self->active_section;

      self->active_section = section;
      if (left != NULL)
        cartable_section_leave (left);
      if (section != NULL)
        cartable_section_activate (section);
    }
  update_switcher_bar (self);
}

static void
visible_section_changed_cb (AdwViewStack   *sections,
                            GParamSpec     *pspec,
                            CartableWindow *self)
{
  update_active_section (self);
}

/**
 * cartable_window_add_section:
 * @section: (transfer none): a section not shown yet
 *
 * Adds @section to the full version, after the ones already there; the
 * window gives it a switcher between all sections for its header.
 */
void
cartable_window_add_section (CartableWindow  *self,
                             CartableSection *section)
{
  AdwViewSwitcherTitle *switcher;
  AdwViewStackPage *page;

  g_return_if_fail (CARTABLE_IS_WINDOW (self));
  g_return_if_fail (CARTABLE_IS_SECTION (section));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (section)) == NULL);

  page = adw_view_stack_add_titled (self->sections, GTK_WIDGET (section), NULL,
                                    cartable_section_get_title (section));
  adw_view_stack_page_set_icon_name (page, cartable_section_get_icon_name (section));

  /* Titled by the section's own header: an empty title where the window
   * is too narrow for the switcher. */
  switcher = ADW_VIEW_SWITCHER_TITLE (adw_view_switcher_title_new ());
  adw_view_switcher_title_set_stack (switcher, self->sections);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sections"), -1);
  g_signal_connect_object (switcher, "notify::title-visible",
                           G_CALLBACK (switcher_changed_cb), self, 0);
  g_signal_connect_object (switcher, "notify::view-switcher-enabled",
                           G_CALLBACK (switcher_changed_cb), self, 0);
  g_hash_table_insert (self->switchers, g_object_ref (section), g_object_ref_sink (switcher));
  cartable_section_set_switcher (section, switcher);

  update_active_section (self);
}

static void
update_visible_page (CartableWindow *self)
{
  guint n_accounts = g_list_model_get_n_items (G_LIST_MODEL (self->account_store));
  CartableInterfaceMode mode = g_settings_get_enum (self->settings, "interface-mode");
  const char *page = n_accounts == 0 ? "welcome" : mode == CARTABLE_INTERFACE_MODE_SIMPLE ? "simple" : "main";
  const char *current = gtk_stack_get_visible_child_name (self->stack);

  /* The main menu offers the other version, never the one on screen,
   * and neither before an account is set up. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.use-full-version", g_str_equal (page, "simple"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.use-simple-version", g_str_equal (page, "main"));

  if (g_strcmp0 (current, page) == 0)
    return;

  hand_over (self, current, page);
  gtk_stack_set_visible_child_name (self->stack, page);
  update_active_section (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

static void
accounts_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     CartableWindow *self)
{
  update_visible_page (self);
}

static void
interface_mode_changed_cb (GSettings      *settings,
                           const char     *key,
                           CartableWindow *self)
{
  update_visible_page (self);
}

static void
use_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CartableWindow *self = CARTABLE_WINDOW (widget);
  CartableInterfaceMode mode = g_str_equal (action_name, "win.use-full-version")
                               ? CARTABLE_INTERFACE_MODE_FULL
                               : CARTABLE_INTERFACE_MODE_SIMPLE;

  /* interface_mode_changed_cb () shows the chosen version. */
  g_settings_set_enum (self->settings, "interface-mode", mode);
}

static void
restore_geometry (CartableWindow *self)
{
  int width, height;

  cartable_window_geometry_sanitize (g_settings_get_int (self->settings, "window-width"),
                                     g_settings_get_int (self->settings, "window-height"),
                                     &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_geometry (CartableWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  /* A maximized window keeps the size it will go back to. */
  g_settings_delay (self->settings);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
cartable_window_close_request (GtkWindow *window)
{
  save_geometry (CARTABLE_WINDOW (window));

  return GTK_WINDOW_CLASS (cartable_window_parent_class)->close_request (window);
}

/* Asking again for a password the server refused: the prompts ask. */
static void
reenter_password_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CartableWindow *self = CARTABLE_WINDOW (widget);

  cartable_prompts_ask_password (self->prompts, g_variant_get_string (parameter, NULL));
}

/* The connection of the whole window ------------------------------------ */

static void update_offline_state (CartableWindow *self);

static void
outbox_pending_changed_cb (CartableOutbox *outbox,
                           GParamSpec     *pspec,
                           CartableWindow *self)
{
  update_offline_state (self);
}

/* Messages written while offline wait in the outboxes: they are counted
 * only when there is something to say about the connection. */
static guint
count_waiting (CartableWindow *self)
{
  GListModel *sessions = G_LIST_MODEL (self->sessions);
  guint n_waiting = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (sessions, i);
      CartableOutbox *outbox = cartable_account_session_get_outbox (session);

      if (outbox == NULL)
        continue;
      if (g_hash_table_add (self->watched_outboxes, outbox))
        g_signal_connect_object (outbox, "notify::n-pending", G_CALLBACK (outbox_pending_changed_cb), self, 0);
      n_waiting += cartable_outbox_get_n_pending (outbox);
    }

  return n_waiting;
}

static void
update_offline_state (CartableWindow *self)
{
  g_autofree CartableAccountLink *links = NULL;
  gboolean connecting = FALSE;
  CartableOfflineState state;
  GListModel *sessions;
  guint n_accounts;
  gboolean network;

  /* Late notifications while the window is being disposed. */
  if (self->sessions == NULL || self->network_monitor == NULL || self->offline_revealer == NULL)
    return;

  sessions = G_LIST_MODEL (self->sessions);
  n_accounts = g_list_model_get_n_items (sessions);
  links = g_new0 (CartableAccountLink, MAX (n_accounts, 1));
  network = g_network_monitor_get_network_available (self->network_monitor);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (sessions, i);

      links[i] = cartable_account_session_get_link (session);
      connecting |= links[i] == CARTABLE_ACCOUNT_LINK_CONNECTING;
    }
  state = cartable_offline_state_compute (network, links, n_accounts, self->offline_state);

  if (state != CARTABLE_OFFLINE_STATE_NONE)
    {
      g_autofree char *sentence = cartable_offline_state_describe (state);
      g_autofree char *waiting = cartable_offline_state_describe_waiting (count_waiting (self));

      gtk_label_set_text (self->offline_label, sentence);
      gtk_label_set_text (self->offline_waiting_label, waiting != NULL ? waiting : "");
      gtk_widget_set_visible (GTK_WIDGET (self->offline_waiting_label), waiting != NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_revealer_get_child (self->offline_revealer)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence, -1);
      /* An attempt under way: the button waits for its answer. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect", !connecting);
    }
  gtk_revealer_set_reveal_child (self->offline_revealer, state != CARTABLE_OFFLINE_STATE_NONE);

  if (state != self->offline_state)
    {
      self->offline_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_STATE]);
    }
}

static void
offline_session_changed_cb (CartableAccountSession *session,
                            CartableWindow         *self)
{
  update_offline_state (self);
}

/* The bar follows every account's link. */
static void
offline_sessions_changed_cb (GListModel     *sessions,
                             guint           position,
                             guint           removed,
                             guint           added,
                             CartableWindow *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (sessions, i);

      /* A session kept across a change of the list is announced again. */
      g_signal_handlers_disconnect_by_func (session, offline_session_changed_cb, self);
      g_signal_connect_object (session, "changed", G_CALLBACK (offline_session_changed_cb), self, 0);
    }
  update_offline_state (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    GParamSpec      *pspec,
                    CartableWindow  *self)
{
  /* The sessions try again on their own when the network comes back. */
  update_offline_state (self);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CartableWindow *self = CARTABLE_WINDOW (widget);

  cartable_sessions_reconnect (self->sessions);
  update_offline_state (self);
}

/* Questions that came before this window could ask them. */
static void
window_mapped_cb (CartableWindow *self)
{
  cartable_sessions_ask_pending (self->sessions);
}

static void
cartable_window_constructed (GObject *object)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  G_OBJECT_CLASS (cartable_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (CARTABLE_IS_ACCOUNT_STORE (self->account_store));
  g_assert (CARTABLE_IS_SESSIONS (self->sessions));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_geometry (self);

  /* The application's sessions, shared by the views that show mail. */
  self->prompts = cartable_prompts_new (GTK_WINDOW (self), self->toast_overlay, self->sessions);
  cartable_mail_view_set_sessions (CARTABLE_MAIL_VIEW (self->main_view), self->sessions);
  cartable_mail_view_set_sessions (CARTABLE_MAIL_VIEW (self->simple_view), self->sessions);
  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), NULL);
  g_signal_connect_object (self->sessions, "items-changed",
                           G_CALLBACK (offline_sessions_changed_cb), self, 0);
  offline_sessions_changed_cb (G_LIST_MODEL (self->sessions), 0, 0,
                               g_list_model_get_n_items (G_LIST_MODEL (self->sessions)), self);
  self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network_monitor, "notify::network-available",
                           G_CALLBACK (network_changed_cb), self, 0);
  g_signal_connect_object (self->settings, "changed::interface-mode",
                           G_CALLBACK (interface_mode_changed_cb), self, 0);
  g_signal_connect_object (self->account_store, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, 0);
  update_visible_page (self);
  update_offline_state (self);
}

static void
cartable_window_dispose (GObject *object)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  if (self->sections != NULL)
    g_signal_handlers_disconnect_by_data (self->sections, self);
  self->active_section = NULL;
  if (self->switchers != NULL)
    {
      GHashTableIter iter;
      gpointer switcher;

      /* Each section's switcher holds the stack that holds the section. */
      g_hash_table_iter_init (&iter, self->switchers);
      while (g_hash_table_iter_next (&iter, NULL, &switcher))
        adw_view_switcher_title_set_stack (switcher, NULL);
      g_clear_pointer (&self->switchers, g_hash_table_unref);
    }
  self->main_view = NULL;
  g_clear_object (&self->prompts);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_WINDOW);

  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);
  g_clear_pointer (&self->watched_outboxes, g_hash_table_unref);

  if (self->sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->sessions, self);
  g_clear_object (&self->sessions);
  g_clear_object (&self->settings);
  g_clear_object (&self->account_store);

  G_OBJECT_CLASS (cartable_window_parent_class)->dispose (object);
}

static void
cartable_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ACCOUNT_STORE:
      g_value_set_object (value, self->account_store);
      break;
    case PROP_SESSIONS:
      g_value_set_object (value, self->sessions);
      break;
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, cartable_window_get_visible_page (self));
      break;
    case PROP_OFFLINE_STATE:
      g_value_set_int (value, self->offline_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CartableWindow *self = CARTABLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_STORE:
      self->account_store = g_value_dup_object (value);
      break;
    case PROP_SESSIONS:
      self->sessions = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_window_class_init (CartableWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cartable_window_constructed;
  object_class->dispose = cartable_window_dispose;
  object_class->get_property = cartable_window_get_property;
  object_class->set_property = cartable_window_set_property;

  window_class->close_request = cartable_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_STORE] =
    g_param_spec_object ("account-store", NULL, NULL, CARTABLE_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSIONS] =
    g_param_spec_object ("sessions", NULL, NULL, CARTABLE_TYPE_SESSIONS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A CartableOfflineState */
  properties[PROP_OFFLINE_STATE] =
    g_param_spec_int ("offline-state", NULL, NULL,
                      CARTABLE_OFFLINE_STATE_NONE, CARTABLE_OFFLINE_STATE_UNREACHABLE, CARTABLE_OFFLINE_STATE_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  cartable_popover_tooltips_install ();
  cartable_accessible_names_install ();
  g_type_ensure (CARTABLE_TYPE_ANNOUNCER);
  g_type_ensure (CARTABLE_TYPE_WELCOME_PAGE);
  g_type_ensure (CARTABLE_TYPE_SIMPLE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, sections);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, simple_view);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, CartableWindow, offline_waiting_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "account.reenter-password", "s", reenter_password_action);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "win.use-full-version", NULL, use_version_action);
  gtk_widget_class_install_action (widget_class, "win.use-simple-version", NULL, use_version_action);
}

static void
cartable_window_init (CartableWindow *self)
{
  self->watched_outboxes = g_hash_table_new (NULL, NULL);
  self->switchers = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* F6 between regions, Tab over lists, Ctrl+Tab out of a text. */
  cartable_regions_install (GTK_WINDOW (self));

  g_signal_connect_object (self->sections, "notify::visible-child",
                           G_CALLBACK (visible_section_changed_cb), self, 0);
  /* Mail is the first section; agenda, contacts and the directory will follow. */
  self->main_view = g_object_new (CARTABLE_TYPE_MAIN_VIEW, NULL);
  cartable_window_add_section (self, CARTABLE_SECTION (self->main_view));
}

/**
 * cartable_window_get_visible_page:
 *
 * Returns: "welcome" when no account is set up, otherwise "simple" or
 *   "main" after the interface-mode setting
 */
const char *
cartable_window_get_visible_page (CartableWindow *self)
{
  g_return_val_if_fail (CARTABLE_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cartable_window_show_message:
 *
 * Shows @uid of @folder_name of @account_id in the version of the interface
 * on display (a new-mail notification was clicked).
 */
void
cartable_window_show_message (CartableWindow *self,
                              const char     *account_id,
                              const char     *folder_name,
                              const char     *uid)
{
  const char *page;

  g_return_if_fail (CARTABLE_IS_WINDOW (self));

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "simple") == 0)
    cartable_simple_view_show_message (self->simple_view, account_id, folder_name, uid);
  else if (g_strcmp0 (page, "main") == 0)
    {
      adw_view_stack_set_visible_child (self->sections, GTK_WIDGET (self->main_view));
      cartable_main_view_show_message (self->main_view, account_id, folder_name, uid);
    }
}

/**
 * cartable_window_get_offline_state:
 *
 * Returns: what the window says about the connection to the mail servers
 */
CartableOfflineState
cartable_window_get_offline_state (CartableWindow *self)
{
  g_return_val_if_fail (CARTABLE_IS_WINDOW (self), CARTABLE_OFFLINE_STATE_NONE);
  return self->offline_state;
}

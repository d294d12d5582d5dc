/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-application.h"
#include "cartable-window.h"
#include "preferences/cartable-preferences-window.h"

struct _CartableApplication
{
  AdwApplication        parent_instance;

  GSettings            *settings;
  CartableAccountStore *account_store;
  CartableSessions     *sessions;
  CartableMailNotifier *notifier;
  GFile                *academy_profile;
};

G_DEFINE_FINAL_TYPE (CartableApplication, cartable_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT_STORE,
  PROP_ACADEMY_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "academy-profile", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the academy profile in FILE instead of the ones shipped"), N_("FILE") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

CartableApplication *
cartable_application_new (void)
{
  return g_object_new (CARTABLE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

/* New mail is not announced while the user looks at one of the windows. */
static void
update_focus (CartableApplication *self)
{
  gboolean focused = FALSE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    focused |= gtk_window_is_active (l->data);
  if (self->notifier != NULL)
    cartable_mail_notifier_set_focused (self->notifier, focused);
}

static void
window_active_cb (GtkWindow           *window,
                  GParamSpec          *pspec,
                  CartableApplication *self)
{
  update_focus (self);
}

static void
cartable_application_window_added (GtkApplication *application,
                                   GtkWindow      *window)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);

  GTK_APPLICATION_CLASS (cartable_application_parent_class)->window_added (application, window);
  g_signal_connect_object (window, "notify::is-active", G_CALLBACK (window_active_cb), self, 0);
  update_focus (self);
}

static void
cartable_application_window_removed (GtkApplication *application,
                                     GtkWindow      *window)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);

  g_signal_handlers_disconnect_by_func (window, window_active_cb, self);
  GTK_APPLICATION_CLASS (cartable_application_parent_class)->window_removed (application, window);
  update_focus (self);
}

static GtkWindow *
get_or_create_window (CartableApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (cartable_window_new (GTK_APPLICATION (self), self->settings, self->account_store,
                                                 self->sessions, self->academy_profile));

  return window;
}

static void
cartable_application_activate (GApplication *application)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);

  gtk_window_present (get_or_create_window (self));
}

static int
cartable_application_handle_local_options (GApplication *application,
                                           GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return G_APPLICATION_CLASS (cartable_application_parent_class)->handle_local_options (application,
                                                                                         options);
}

static int
cartable_application_command_line (GApplication            *application,
                                   GApplicationCommandLine *command_line)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *profile_arg = NULL;

  /* Resolve the path against the caller's folder: with a single instance,
   * the primary process may run somewhere else. */
  if (g_variant_dict_lookup (options, "academy-profile", "^ay", &profile_arg))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                              profile_arg);
      cartable_application_set_academy_profile (self, file);
    }

  g_application_activate (application);
  return EXIT_SUCCESS;
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  CartableApplication *self = CARTABLE_APPLICATION (user_data);
  static const char *developers[] = {
    "Les développeurs de Cartable",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Cartable"),
                        "developer-name", _("The Cartable developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Mail for the staff of French education academies."),
                        "website", "https://github.com/cartable/cartable",
                        "issue-url", "https://github.com/cartable/cartable/issues",
                        "copyright", "© 2026 Les développeurs de Cartable",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CartableApplication *self = CARTABLE_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CartablePreferencesWindow *preferences;

  preferences = cartable_preferences_window_new (GTK_APPLICATION (self), parent,
                                                 self->settings, self->account_store);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
show_shortcuts (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CartableApplication *self = CARTABLE_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/ui/cartable-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (shortcuts);
}

static void
quit_application (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GApplication *application = G_APPLICATION (user_data);
  GList *windows;

  /* Close the windows rather than stop the loop under them, so that each
   * saves its state and is disposed of normally. */
  windows = gtk_application_get_windows (GTK_APPLICATION (application));
  while (windows != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = gtk_application_get_windows (GTK_APPLICATION (application));
    }

  g_application_quit (application);
}

/* A new-mail notification was clicked: its message, in the window. */
static void
show_message (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CartableApplication *self = CARTABLE_APPLICATION (user_data);
  GtkWindow *window = get_or_create_window (self);
  const char *account_id, *folder_name, *uid;

  g_variant_get (parameter, "(&s&s&s)", &account_id, &folder_name, &uid);
  gtk_window_present (window);
  cartable_window_show_message (CARTABLE_WINDOW (window), account_id, folder_name, uid);
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "preferences", show_preferences },
  { "shortcuts", show_shortcuts },
  { "quit", quit_application },
  { "show-message", show_message, "(sss)" },
};

static void
cartable_application_startup (GApplication *application)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);
  g_autoptr(GAction) interface_mode = NULL;
  g_autoptr(GError) error = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (cartable_application_parent_class)->startup (application);

  g_set_application_name (_("Cartable"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  interface_mode = g_settings_create_action (self->settings, "interface-mode");
  g_action_map_add_action (G_ACTION_MAP (self), interface_mode);
  {
    g_autoptr(GAction) quiet_hours = g_settings_create_action (self->settings, "quiet-hours-enabled");
    g_action_map_add_action (G_ACTION_MAP (self), quiet_hours);
  }

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);

  if (!cartable_account_store_load (self->account_store, &error))
    g_warning ("%s", error->message);

  /* The accounts run from now until the application quits, with or
   * without a window: scheduled mail leaves, new mail is announced. */
  self->sessions = cartable_sessions_new (self->account_store, g_network_monitor_get_default ());
  self->notifier = cartable_mail_notifier_new (G_APPLICATION (self),
                                               cartable_sessions_get_mail_accounts (self->sessions),
                                               self->settings);
}

static void
cartable_application_shutdown (GApplication *application)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);

  g_clear_object (&self->notifier);
  g_clear_object (&self->sessions);

  G_APPLICATION_CLASS (cartable_application_parent_class)->shutdown (application);
}

static void
cartable_application_dispose (GObject *object)
{
  CartableApplication *self = CARTABLE_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->sessions);
  g_clear_object (&self->account_store);
  g_clear_object (&self->settings);
  g_clear_object (&self->academy_profile);

  G_OBJECT_CLASS (cartable_application_parent_class)->dispose (object);
}

static void
cartable_application_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CartableApplication *self = CARTABLE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ACCOUNT_STORE:
      g_value_set_object (value, self->account_store);
      break;
    case PROP_ACADEMY_PROFILE:
      g_value_set_object (value, self->academy_profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_application_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CartableApplication *self = CARTABLE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_ACADEMY_PROFILE:
      cartable_application_set_academy_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_application_class_init (CartableApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = cartable_application_dispose;
  object_class->get_property = cartable_application_get_property;
  object_class->set_property = cartable_application_set_property;

  app_class->activate = cartable_application_activate;
  app_class->startup = cartable_application_startup;
  app_class->shutdown = cartable_application_shutdown;
  app_class->command_line = cartable_application_command_line;
  app_class->handle_local_options = cartable_application_handle_local_options;

  gtk_app_class->window_added = cartable_application_window_added;
  gtk_app_class->window_removed = cartable_application_window_removed;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_STORE] =
    g_param_spec_object ("account-store", NULL, NULL, CARTABLE_TYPE_ACCOUNT_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACADEMY_PROFILE] =
    g_param_spec_object ("academy-profile", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_application_init (CartableApplication *self)
{
  /* The schema id is the application id, so a development build installed
   * beside a stable one keeps its own settings. */
  self->settings = g_settings_new (APPLICATION_ID);
  self->account_store = cartable_account_store_new (NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The mail of your academy."));
}

GSettings *
cartable_application_get_settings (CartableApplication *self)
{
  g_return_val_if_fail (CARTABLE_IS_APPLICATION (self), NULL);
  return self->settings;
}

CartableAccountStore *
cartable_application_get_account_store (CartableApplication *self)
{
  g_return_val_if_fail (CARTABLE_IS_APPLICATION (self), NULL);
  return self->account_store;
}

/**
 * cartable_application_get_sessions:
 *
 * Returns: (transfer none) (nullable): the sessions of the accounts, from
 *   start-up until shutdown
 */
CartableSessions *
cartable_application_get_sessions (CartableApplication *self)
{
  g_return_val_if_fail (CARTABLE_IS_APPLICATION (self), NULL);
  return self->sessions;
}

/**
 * cartable_application_get_mail_notifier:
 *
 * Returns: (transfer none) (nullable): what announces new mail, from
 *   start-up until shutdown
 */
CartableMailNotifier *
cartable_application_get_mail_notifier (CartableApplication *self)
{
  g_return_val_if_fail (CARTABLE_IS_APPLICATION (self), NULL);
  return self->notifier;
}

GFile *
cartable_application_get_academy_profile (CartableApplication *self)
{
  g_return_val_if_fail (CARTABLE_IS_APPLICATION (self), NULL);
  return self->academy_profile;
}

void
cartable_application_set_academy_profile (CartableApplication *self,
                                          GFile               *file)
{
  g_return_if_fail (CARTABLE_IS_APPLICATION (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (g_set_object (&self->academy_profile, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACADEMY_PROFILE]);
}

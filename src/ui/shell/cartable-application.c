/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-application.h"
#include "cartable-background.h"
#include "cartable-background-dialog.h"
#include "cartable-window.h"
#include "common/cartable-dialog-choice.h"
#include "mail/cartable-text-mode.h"
#include "preferences/cartable-preferences-window.h"

struct _CartableApplication
{
  AdwApplication        parent_instance;

  GSettings            *settings;
  CartableAccountStore *account_store;
  CartableSessions     *sessions;
  CartableMailNotifier *notifier;
  CartableTextMode     *text_mode;
  GFile                *academy_profile;
  GCancellable         *cancellable;

  /* g_application_hold() taken while no window is open, so that the
   * sessions keep sending and receiving. */
  gboolean              in_background;
  gboolean              quitting;
  /* The question about running in the background is on screen. */
  gboolean              asking;
};

G_DEFINE_FINAL_TYPE (CartableApplication, cartable_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT_STORE,
  PROP_ACADEMY_PROFILE,
  PROP_IN_BACKGROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "academy-profile", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the academy profile in FILE instead of the ones shipped"), N_("FILE") },
  { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window: send scheduled mail and announce new mail in the background"), NULL },
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

/* How many messages wait in the outboxes of all the accounts. */
static guint
count_waiting_mail (CartableApplication *self)
{
  GListModel *sessions = G_LIST_MODEL (self->sessions);
  guint waiting = 0;

  for (guint i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(CartableAccountSession) session = g_list_model_get_item (sessions, i);
      CartableOutbox *outbox = cartable_account_session_get_outbox (session);

      if (outbox != NULL)
        waiting += cartable_outbox_get_n_pending (outbox);
    }

  return waiting;
}

/* The application windows other than @except (NULL: all of them). */
static guint
count_windows (CartableApplication *self,
               GtkWindow           *except)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    n += l->data != except;
  return n;
}

/* Held while no window is open, an account is set up and the user wants
 * Cartable to keep running: the sessions then send scheduled mail, retry
 * the outbox and announce new mail. Released as soon as a window opens
 * (it holds the application itself) or when there is nothing left to do. */
static void
update_background (CartableApplication *self,
                   guint                n_windows)
{
  gboolean wanted = !self->quitting && n_windows == 0 && self->sessions != NULL &&
                    g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) > 0 &&
                    g_settings_get_boolean (self->settings, "run-in-background");

  if (wanted == self->in_background)
    return;

  self->in_background = wanted;
  if (wanted)
    g_application_hold (G_APPLICATION (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BACKGROUND]);
  if (!wanted)
    g_application_release (G_APPLICATION (self));
}

static void quit_now (CartableApplication *self);

typedef struct
{
  CartableApplication *self;
  GtkWindow           *window;
} BackgroundQuestion;

static void
background_question_free (BackgroundQuestion *question)
{
  g_object_unref (question->self);
  g_object_unref (question->window);
  g_free (question);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackgroundQuestion, background_question_free)

static void
background_chosen_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BackgroundQuestion) question = user_data;
  CartableApplication *self = question->self;
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (source);
  g_autofree char *response = cartable_dialog_choose_finish (dialog, result);

  self->asking = FALSE;
  if (g_str_equal (response, "background"))
    {
      g_settings_set_boolean (self->settings, "run-in-background", TRUE);
      g_settings_set_boolean (self->settings, "autostart",
                              cartable_background_dialog_get_autostart (CARTABLE_BACKGROUND_DIALOG (dialog)));
      g_settings_set_boolean (self->settings, "run-in-background-asked", TRUE);
      gtk_window_close (question->window);
    }
  else if (g_str_equal (response, "quit"))
    {
      g_settings_set_boolean (self->settings, "run-in-background", FALSE);
      g_settings_set_boolean (self->settings, "run-in-background-asked", TRUE);
      quit_now (self);
    }
}

/* The first time the last window is closed while mail waits, the user
 * says whether Cartable keeps running without it. */
static gboolean
window_close_request_cb (GtkWindow           *window,
                         CartableApplication *self)
{
  BackgroundQuestion *question;
  GtkWidget *dialog;
  guint waiting;

  /* Closed again while the question waits: the question answers. */
  if (self->asking)
    return TRUE;
  if (self->quitting ||
      g_settings_get_boolean (self->settings, "run-in-background-asked") ||
      !g_settings_get_boolean (self->settings, "run-in-background"))
    return FALSE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (l->data != window && CARTABLE_IS_WINDOW (l->data))
      return FALSE;

  waiting = count_waiting_mail (self);
  if (waiting == 0)
    return FALSE;

  self->asking = TRUE;
  question = g_new0 (BackgroundQuestion, 1);
  question->self = g_object_ref (self);
  question->window = g_object_ref (window);
  dialog = cartable_background_dialog_new (window, waiting);
  cartable_dialog_choose_async (ADW_MESSAGE_DIALOG (dialog), self->cancellable, background_chosen_cb, question);
  return TRUE;
}

static void
cartable_application_window_added (GtkApplication *application,
                                   GtkWindow      *window)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);

  GTK_APPLICATION_CLASS (cartable_application_parent_class)->window_added (application, window);
  g_signal_connect_object (window, "notify::is-active", G_CALLBACK (window_active_cb), self, 0);
  if (CARTABLE_IS_WINDOW (window))
    g_signal_connect_object (window, "close-request", G_CALLBACK (window_close_request_cb), self, 0);
  update_focus (self);
  update_background (self, count_windows (self, NULL));
}

static void
cartable_application_window_removed (GtkApplication *application,
                                     GtkWindow      *window)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);

  g_signal_handlers_disconnect_by_func (window, window_active_cb, self);
  g_signal_handlers_disconnect_by_func (window, window_close_request_cb, self);
  /* Held before the window lets go of the application, so that it never
   * runs out of reasons to live in between. */
  update_background (self, count_windows (self, window));
  GTK_APPLICATION_CLASS (cartable_application_parent_class)->window_removed (application, window);
  update_focus (self);
}

static void
sessions_changed_cb (GListModel          *sessions,
                     guint                position,
                     guint                removed,
                     guint                added,
                     CartableApplication *self)
{
  update_background (self, count_windows (self, NULL));
}

static void
background_requested_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cartable_background_request_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Starting with the session could not be changed: %s", error->message);
}

/* Tells the system what the user chose: the background portal when
 * sandboxed, the autostart file otherwise. */
static void
request_background (CartableApplication *self)
{
  gboolean autostart = g_settings_get_boolean (self->settings, "run-in-background") &&
                       g_settings_get_boolean (self->settings, "autostart");

  cartable_background_request_async (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     autostart, self->cancellable, background_requested_cb, NULL);
}

static void
background_settings_changed_cb (GSettings           *settings,
                                const char          *key,
                                CartableApplication *self)
{
  /* Starting with the session means starting in the background. */
  if (g_str_equal (key, "run-in-background") && !g_settings_get_boolean (settings, key))
    g_settings_set_boolean (settings, "autostart", FALSE);

  request_background (self);
  update_background (self, count_windows (self, NULL));
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

  /* Started with the session: no window, only what the sessions do. With
   * no account, or running in the background turned off, it ends here. */
  if (g_variant_dict_contains (options, "background"))
    {
      update_background (self, count_windows (self, NULL));
      return EXIT_SUCCESS;
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
quit_now (CartableApplication *self)
{
  GApplication *application = G_APPLICATION (self);
  GList *windows;

  self->quitting = TRUE;
  update_background (self, 0);

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

static void
quit_confirmed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartableApplication) self = user_data;
  g_autofree char *response = cartable_dialog_choose_finish (ADW_MESSAGE_DIALOG (source), result);

  if (g_str_equal (response, "quit"))
    quit_now (self);
}

/* « Quit » really quits, even when Cartable runs in the background; it
 * warns first when messages still wait to leave. */
static void
quit_application (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CartableApplication *self = CARTABLE_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  guint waiting = count_waiting_mail (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (waiting == 0 || window == NULL)
    {
      quit_now (self);
      return;
    }

  body = cartable_background_quit_warning (waiting);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Quit Cartable?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "quit", _("_Quit Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  cartable_dialog_choose_async (dialog, self->cancellable, quit_confirmed_cb, g_object_ref (self));
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
  static const char *background_keys[] = { "run-in-background", "autostart" };

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
  for (guint i = 0; i < G_N_ELEMENTS (background_keys); i++)
    {
      g_autoptr(GAction) background = g_settings_create_action (self->settings, background_keys[i]);
      g_action_map_add_action (G_ACTION_MAP (self), background);
    }

  /* Messages as plain text for screen readers, in every window. */
  {
    static const char *text_mode_accels[] = { "<Control><Shift>t", NULL };
    g_autoptr(GPropertyAction) text_mode = NULL;

    self->text_mode = cartable_text_mode_new ();
    text_mode = g_property_action_new ("message-text-mode", self->text_mode, "active");
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (text_mode));
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.message-text-mode", text_mode_accels);
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

  g_signal_connect_object (self->sessions, "items-changed", G_CALLBACK (sessions_changed_cb), self, 0);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (background_settings_changed_cb), self, 0);
  g_signal_connect_object (self->settings, "changed::autostart",
                           G_CALLBACK (background_settings_changed_cb), self, 0);
  /* Sandboxed, running without a window needs the portal's leave. */
  if (cartable_background_uses_portal () && g_settings_get_boolean (self->settings, "run-in-background"))
    request_background (self);
}

static void
cartable_application_shutdown (GApplication *application)
{
  CartableApplication *self = CARTABLE_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  self->quitting = TRUE;
  update_background (self, 0);
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
  g_clear_object (&self->text_mode);
  g_clear_object (&self->academy_profile);
  g_clear_object (&self->cancellable);

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
    case PROP_IN_BACKGROUND:
      g_value_set_boolean (value, self->in_background);
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
  /* Whether it runs with no window, held for the sessions' sake. */
  properties[PROP_IN_BACKGROUND] =
    g_param_spec_boolean ("in-background", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cartable_application_init (CartableApplication *self)
{
  /* The schema id is the application id, so a development build installed
   * beside a stable one keeps its own settings. */
  self->settings = g_settings_new (APPLICATION_ID);
  self->account_store = cartable_account_store_new (NULL);
  self->cancellable = g_cancellable_new ();

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

gboolean
cartable_application_get_in_background (CartableApplication *self)
{
  g_return_val_if_fail (CARTABLE_IS_APPLICATION (self), FALSE);
  return self->in_background;
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

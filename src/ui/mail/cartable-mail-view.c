/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-mail-view.h"
#include "cartable-message-pane.h"

typedef struct
{
  CartableMailController *controller;
  gboolean                disposed;
  AdwStatusPage          *folder_error_page;    /* unowned: the view's template children */
  AdwStatusPage          *message_error_page;
  const char             *folder_error_text;    /* static, marked with N_() */
  const char             *message_error_text;
} CartableMailViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CartableMailView, cartable_mail_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTROLLER,
  PROP_SESSIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ controller */

/* The controller's signals and the class functions they call. */
static const struct {
  const char *signal;
  gsize       offset;
} class_functions[] = {
  { "list-changed", G_STRUCT_OFFSET (CartableMailViewClass, list_changed) },
  { "list-loaded", G_STRUCT_OFFSET (CartableMailViewClass, list_loaded) },
  { "folder-failed", G_STRUCT_OFFSET (CartableMailViewClass, folder_failed) },
  { "message-failed", G_STRUCT_OFFSET (CartableMailViewClass, message_failed) },
  { "account-changed", G_STRUCT_OFFSET (CartableMailViewClass, account_changed) },
};

static void
message_cb (CartableMailController *controller,
            GParamSpec             *pspec,
            CartableMailView       *self)
{
  /* Closing a message is the view's own doing: only a new one is said. */
  if (cartable_mail_controller_get_message (controller) != NULL &&
      CARTABLE_MAIL_VIEW_GET_CLASS (self)->message_loaded != NULL)
    CARTABLE_MAIL_VIEW_GET_CLASS (self)->message_loaded (self);
}

/* Said before the view's own class functions run (connected first). */
static void
folder_failed_cb (CartableMailController *controller,
                  const GError           *error,
                  CartableMailView       *self)
{
  CartableMailViewPrivate *priv = cartable_mail_view_get_instance_private (self);
  const char *text = priv->folder_error_text;

  if (priv->folder_error_page != NULL && text != NULL)
    cartable_mail_view_show_error (priv->folder_error_page, _(text));
}

static void
message_failed_cb (CartableMailController *controller,
                   const GError           *error,
                   CartableMailView       *self)
{
  CartableMailViewPrivate *priv = cartable_mail_view_get_instance_private (self);
  const char *text = priv->message_error_text;

  if (priv->message_error_page != NULL && text != NULL)
    cartable_mail_view_show_error (priv->message_error_page, _(text));
}

/* ------------------------------------------------------------ object */

static void
cartable_mail_view_dispose (GObject *object)
{
  CartableMailView *self = CARTABLE_MAIL_VIEW (object);
  CartableMailViewPrivate *priv = cartable_mail_view_get_instance_private (self);

  priv->disposed = TRUE;
  priv->folder_error_page = NULL;
  priv->message_error_page = NULL;
  if (priv->controller != NULL)
    g_signal_handlers_disconnect_by_data (priv->controller, self);
  g_clear_object (&priv->controller);

  G_OBJECT_CLASS (cartable_mail_view_parent_class)->dispose (object);
}

static void
cartable_mail_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, cartable_mail_view_get_controller (CARTABLE_MAIL_VIEW (object)));
      break;
    case PROP_SESSIONS:
      g_value_set_object (value, cartable_mail_view_get_sessions (CARTABLE_MAIL_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSIONS:
      cartable_mail_view_set_sessions (CARTABLE_MAIL_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_view_class_init (CartableMailViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cartable_mail_view_dispose;
  object_class->get_property = cartable_mail_view_get_property;
  object_class->set_property = cartable_mail_view_set_property;

  /* The mail pipeline, for the folder commands (cartable-folder-dialogs.c). */
  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, CARTABLE_TYPE_MAIL_CONTROLLER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSIONS] =
    g_param_spec_object ("sessions", NULL, NULL, CARTABLE_TYPE_SESSIONS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Both views' templates show a message pane. */
  g_type_ensure (CARTABLE_TYPE_MESSAGE_PANE);
}

static void
cartable_mail_view_init (CartableMailView *self)
{
}

/* Made on first use rather than in init: while this type's init runs, the
 * instance's class is still this one, without the view's options. */
static void
create_controller (CartableMailView *self)
{
  CartableMailViewPrivate *priv = cartable_mail_view_get_instance_private (self);
  CartableMailViewClass *klass = CARTABLE_MAIL_VIEW_GET_CLASS (self);

  priv->controller = cartable_mail_controller_new (klass->multiple, klass->threaded);
  g_signal_connect (priv->controller, "folder-failed", G_CALLBACK (folder_failed_cb), self);
  g_signal_connect (priv->controller, "message-failed", G_CALLBACK (message_failed_cb), self);
  /* Swapped: the view first, then the signal's arguments (the controller,
   * last, is not read). */
  for (guint i = 0; i < G_N_ELEMENTS (class_functions); i++)
    {
      GCallback function = G_STRUCT_MEMBER (GCallback, klass, class_functions[i].offset);

      if (function != NULL)
        g_signal_connect_swapped (priv->controller, class_functions[i].signal, function, self);
    }
  g_signal_connect (priv->controller, "notify::message", G_CALLBACK (message_cb), self);
}

CartableMailController *
cartable_mail_view_get_controller (CartableMailView *self)
{
  CartableMailViewPrivate *priv;

  g_return_val_if_fail (CARTABLE_IS_MAIL_VIEW (self), NULL);

  priv = cartable_mail_view_get_instance_private (self);
  if (priv->controller == NULL && !priv->disposed)
    create_controller (self);
  return priv->controller;
}

CartableSessions *
cartable_mail_view_get_sessions (CartableMailView *self)
{
  CartableMailController *controller;

  g_return_val_if_fail (CARTABLE_IS_MAIL_VIEW (self), NULL);

  controller = cartable_mail_view_get_controller (self);
  return controller != NULL ? cartable_mail_controller_get_sessions (controller) : NULL;
}

void
cartable_mail_view_set_sessions (CartableMailView *self,
                                 CartableSessions *sessions)
{
  CartableMailController *controller;

  g_return_if_fail (CARTABLE_IS_MAIL_VIEW (self));
  g_return_if_fail (sessions == NULL || CARTABLE_IS_SESSIONS (sessions));

  controller = cartable_mail_view_get_controller (self);
  if (controller == NULL || cartable_mail_controller_get_sessions (controller) == sessions)
    return;

  cartable_mail_controller_set_sessions (controller, sessions);
  if (CARTABLE_MAIL_VIEW_GET_CLASS (self)->sessions_changed != NULL)
    CARTABLE_MAIL_VIEW_GET_CLASS (self)->sessions_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS]);
}

void
cartable_mail_view_set_error_pages (CartableMailView *self,
                                    AdwStatusPage    *folder_page,
                                    const char       *folder_text,
                                    AdwStatusPage    *message_page,
                                    const char       *message_text)
{
  CartableMailViewPrivate *priv;

  g_return_if_fail (CARTABLE_IS_MAIL_VIEW (self));
  g_return_if_fail (folder_page == NULL || ADW_IS_STATUS_PAGE (folder_page));
  g_return_if_fail (message_page == NULL || ADW_IS_STATUS_PAGE (message_page));

  priv = cartable_mail_view_get_instance_private (self);
  priv->folder_error_page = folder_page;
  priv->folder_error_text = folder_text;
  priv->message_error_page = message_page;
  priv->message_error_text = message_text;
}

void
cartable_mail_view_show_error (AdwStatusPage *page,
                               const char    *description)
{
  GtkWidget *stack;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  stack = gtk_widget_get_parent (GTK_WIDGET (page));
  g_return_if_fail (GTK_IS_STACK (stack));

  adw_status_page_set_description (page, description);
  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (page));
}

void
cartable_mail_view_class_set_pipeline (CartableMailViewClass *klass,
                                       gboolean               multiple,
                                       gboolean               threaded,
                                       void (*list_changed)    (CartableMailView *, gboolean),
                                       void (*list_loaded)     (CartableMailView *, const GError *),
                                       void (*folder_failed)   (CartableMailView *, const GError *),
                                       void (*message_failed)  (CartableMailView *, const GError *),
                                       void (*message_loaded)  (CartableMailView *),
                                       void (*account_changed) (CartableMailView *, const char *),
                                       void (*sessions_changed) (CartableMailView *))
{
  g_return_if_fail (CARTABLE_IS_MAIL_VIEW_CLASS (klass));

  klass->multiple = multiple;
  klass->threaded = threaded;
  klass->list_changed = list_changed;
  klass->list_loaded = list_loaded;
  klass->folder_failed = folder_failed;
  klass->message_failed = message_failed;
  klass->message_loaded = message_loaded;
  klass->account_changed = account_changed;
  klass->sessions_changed = sessions_changed;
}

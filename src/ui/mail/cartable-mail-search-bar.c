/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-search-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "mail/cartable-mail-folder.h"
#include "cartable-mail-search-bar.h"

/* Words typed stay still this long before the text of the messages is
 * searched (Enter searches at once). */
#define TEXT_SEARCH_DELAY_MS 600

struct _CartableMailSearchBar
{
  AdwBin               parent_instance;

  CartableMessageList *message_list;
  GCancellable        *text_cancellable;
  guint                text_timeout;
  gboolean             searching;
  gboolean             active;
  char                *applied_text;  /* the words the list was last filtered with */

  /* Filters, as search.* property actions. */
  gboolean             unread_only;
  gboolean             has_attachment;
  char                *period;       /* "all", "week", "month", "year" */

  GtkSearchBar        *search_bar;
  GtkSearchEntry      *entry;
  GtkMenuButton       *filter_button;
  GtkRevealer         *status_revealer;
  GtkSpinner          *status_spinner;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (CartableMailSearchBar, cartable_mail_search_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MESSAGE_LIST,
  PROP_SEARCH_MODE_ENABLED,
  PROP_ACTIVE,
  PROP_SEARCHING,
  PROP_UNREAD_ONLY,
  PROP_HAS_ATTACHMENT,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_MOVE_TO_RESULTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ query */

static char *
dup_text (CartableMailSearchBar *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

/* The start of the chosen period, local time, or 0. */
static gint64
period_start (const char *period)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);
  int day = g_date_time_get_day_of_month (now);

  if (g_strcmp0 (period, "week") == 0)
    {
      g_autoptr(GDateTime) today = g_date_time_new_local (year, month, day, 0, 0, 0);

      /* The week starts on Monday. */
      start = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (now));
    }
  else if (g_strcmp0 (period, "month") == 0)
    start = g_date_time_new_local (year, month, 1, 0, 0, 0);
  else if (g_strcmp0 (period, "year") == 0)
    start = g_date_time_new_local (year, 1, 1, 0, 0, 0);

  return start != NULL ? g_date_time_to_unix (start) : 0;
}

static gboolean
has_filters (CartableMailSearchBar *self)
{
  return self->unread_only || self->has_attachment || g_strcmp0 (self->period, "all") != 0;
}

static CartableSearchQuery *
new_filter_query (CartableMailSearchBar *self)
{
  CartableSearchQuery *query = cartable_search_query_new ();
  gint64 after = period_start (self->period);

  if (self->unread_only)
    cartable_search_query_set_unread_only (query, TRUE);
  if (self->has_attachment)
    cartable_search_query_set_has_attachment (query, TRUE);
  if (after != 0)
    cartable_search_query_set_date_range (query, after, 0);
  return query;
}

static void
set_searching (CartableMailSearchBar *self,
               gboolean               searching)
{
  if (self->searching == searching)
    return;
  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
show_status (CartableMailSearchBar *self,
             const char            *text,
             gboolean               spinning)
{
  if (text != NULL)
    gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), spinning);
  gtk_spinner_set_spinning (self->status_spinner, spinning);
  gtk_revealer_set_reveal_child (self->status_revealer, text != NULL);
}

static void
cancel_text_search (CartableMailSearchBar *self)
{
  g_clear_handle_id (&self->text_timeout, g_source_remove);
  g_cancellable_cancel (self->text_cancellable);
  g_clear_object (&self->text_cancellable);
  set_searching (self, FALSE);
}

typedef struct
{
  CartableMailSearchBar *self;
  GCancellable          *cancellable;
} TextSearch;

static void
text_search_free (TextSearch *search)
{
  g_object_unref (search->self);
  g_object_unref (search->cancellable);
  g_free (search);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TextSearch, text_search_free)

static void
text_search_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TextSearch) search = user_data;
  CartableMailSearchBar *self = search->self;
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean complete = TRUE;

  uids = cartable_mail_folder_search_finish (CARTABLE_MAIL_FOLDER (source), result, &complete, &error);
  /* Another search (other words, other filters) replaced this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || search->cancellable != self->text_cancellable)
    return;

  g_clear_object (&self->text_cancellable);
  if (uids == NULL)
    {
      g_message ("Searching the text of the messages failed: %s", error->message);
      show_status (self, _("The text of the messages could not be searched: only their sender, recipients and subject were. Check your connection and try again."), FALSE);
    }
  else
    {
      if (self->message_list != NULL)
        cartable_message_list_set_matches (self->message_list, uids);
      if (!complete)
        show_status (self, _("Offline: only the messages already downloaded were searched."), FALSE);
      else
        show_status (self, NULL, FALSE);
    }
  set_searching (self, FALSE);
}

static void
start_text_search (CartableMailSearchBar *self)
{
  g_autoptr(CartableSearchQuery) query = NULL;
  g_autofree char *text = dup_text (self);
  TextSearch *search;

  cancel_text_search (self);
  if (self->message_list == NULL || *text == '\0' ||
      !gtk_search_bar_get_search_mode (self->search_bar))
    return;

  query = new_filter_query (self);
  cartable_search_query_set_body (query, text);
  self->text_cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  show_status (self, _("Searching the text of the messages…"), TRUE);
  search = g_new0 (TextSearch, 1);
  search->self = g_object_ref (self);
  search->cancellable = g_object_ref (self->text_cancellable);
  cartable_mail_folder_search_async (cartable_message_list_get_folder (self->message_list), query,
                                     self->text_cancellable, text_search_done_cb, search);
}

static gboolean
text_timeout_cb (gpointer user_data)
{
  CartableMailSearchBar *self = user_data;

  self->text_timeout = 0;
  start_text_search (self);
  return G_SOURCE_REMOVE;
}

/* The list at once over the headers; the text later. */
static void
apply (CartableMailSearchBar *self)
{
  g_autofree char *text = dup_text (self);
  g_autoptr(CartableSearchQuery) query = NULL;
  gboolean search_mode = gtk_search_bar_get_search_mode (self->search_bar);
  gboolean active;

  cancel_text_search (self);
  show_status (self, NULL, FALSE);
  g_free (self->applied_text);
  self->applied_text = g_strdup (text);

  active = search_mode && (*text != '\0' || has_filters (self));
  if (active)
    {
      query = new_filter_query (self);
      if (*text != '\0')
        cartable_search_query_set_text (query, text);
    }
  if (self->message_list != NULL)
    {
      cartable_message_list_set_matches (self->message_list, NULL);
      cartable_message_list_set_query (self->message_list, query);
    }

  if (active && *text != '\0' && self->message_list != NULL)
    self->text_timeout = g_timeout_add (TEXT_SEARCH_DELAY_MS, text_timeout_cb, self);

  if (self->active != active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
}

static void
update_filter_button (CartableMailSearchBar *self)
{
  guint count = (self->unread_only ? 1 : 0) + (self->has_attachment ? 1 : 0) +
                (g_strcmp0 (self->period, "all") != 0 ? 1 : 0);
  g_autofree char *label = NULL;

  if (count == 0)
    label = g_strdup (_("Filters"));
  else
    /* Translators: the filter button when some are on, e.g. « Filtres (2) ». */
    label = g_strdup_printf (_("Filters (%u)"), count);
  gtk_menu_button_set_label (self->filter_button, label);
  if (count > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static void
reset_filters (CartableMailSearchBar *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_set (self, "unread-only", FALSE, "has-attachment", FALSE, "period", "all", NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------ signals */

/* The field says so a moment after each change, and again after Enter
 * when it had not yet: only new words restart the search. */
static void
search_changed_cb (GtkSearchEntry        *entry,
                   CartableMailSearchBar *self)
{
  g_autofree char *text = dup_text (self);

  if (g_strcmp0 (text, self->applied_text) != 0)
    apply (self);
}

/* Enter: the headers and the text now, without waiting. */
static void
activate_cb (GtkSearchEntry        *entry,
             CartableMailSearchBar *self)
{
  g_autofree char *text = dup_text (self);

  if (g_strcmp0 (text, self->applied_text) != 0)
    apply (self);
  if (*text != '\0' && (self->text_timeout != 0 || self->text_cancellable == NULL))
    start_text_search (self);
}

static void
search_mode_cb (GtkSearchBar          *bar,
                GParamSpec            *pspec,
                CartableMailSearchBar *self)
{
  /* Closed (Escape, the button): the whole folder again. */
  if (!gtk_search_bar_get_search_mode (bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      reset_filters (self);
    }
  apply (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

/* Down in the field goes to the results. */
static gboolean
move_to_results_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_MOVE_TO_RESULTS], 0);
  return TRUE;
}

/* ------------------------------------------------------------ public */

GtkWidget *
cartable_mail_search_bar_new (void)
{
  return g_object_new (CARTABLE_TYPE_MAIL_SEARCH_BAR, NULL);
}

void
cartable_mail_search_bar_set_message_list (CartableMailSearchBar *self,
                                           CartableMessageList   *list)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self));
  g_return_if_fail (list == NULL || CARTABLE_IS_MESSAGE_LIST (list));

  if (self->message_list == list)
    return;
  cancel_text_search (self);
  g_set_object (&self->message_list, list);
  apply (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_LIST]);
}

CartableMessageList *
cartable_mail_search_bar_get_message_list (CartableMailSearchBar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), NULL);
  return self->message_list;
}

gboolean
cartable_mail_search_bar_get_search_mode (CartableMailSearchBar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
cartable_mail_search_bar_set_search_mode (CartableMailSearchBar *self,
                                          gboolean               search_mode)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self));
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

gboolean
cartable_mail_search_bar_get_active (CartableMailSearchBar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), FALSE);
  return self->active;
}

gboolean
cartable_mail_search_bar_get_searching (CartableMailSearchBar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), FALSE);
  return self->searching;
}

char *
cartable_mail_search_bar_dup_description (CartableMailSearchBar *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), NULL);

  text = dup_text (self);
  if (*text != '\0')
    /* Translators: the words searched, in quotes. */
    g_ptr_array_add (parts, g_strdup_printf (_("“%s”"), text));
  if (self->unread_only)
    g_ptr_array_add (parts, g_strdup (_("unread")));
  if (self->has_attachment)
    g_ptr_array_add (parts, g_strdup (_("with an attachment")));
  if (g_strcmp0 (self->period, "week") == 0)
    g_ptr_array_add (parts, g_strdup (_("this week")));
  else if (g_strcmp0 (self->period, "month") == 0)
    g_ptr_array_add (parts, g_strdup (_("this month")));
  else if (g_strcmp0 (self->period, "year") == 0)
    g_ptr_array_add (parts, g_strdup (_("this year")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

void
cartable_mail_search_bar_focus (CartableMailSearchBar *self)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* ------------------------------------------------------------ object */

static void
cartable_mail_search_bar_dispose (GObject *object)
{
  CartableMailSearchBar *self = CARTABLE_MAIL_SEARCH_BAR (object);

  cancel_text_search (self);
  g_clear_object (&self->message_list);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_MAIL_SEARCH_BAR);

  G_OBJECT_CLASS (cartable_mail_search_bar_parent_class)->dispose (object);
}

static void
cartable_mail_search_bar_finalize (GObject *object)
{
  CartableMailSearchBar *self = CARTABLE_MAIL_SEARCH_BAR (object);

  g_free (self->period);
  g_free (self->applied_text);

  G_OBJECT_CLASS (cartable_mail_search_bar_parent_class)->finalize (object);
}

static void
cartable_mail_search_bar_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CartableMailSearchBar *self = CARTABLE_MAIL_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_MESSAGE_LIST:
      g_value_set_object (value, self->message_list);
      break;
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    case PROP_UNREAD_ONLY:
      g_value_set_boolean (value, self->unread_only);
      break;
    case PROP_HAS_ATTACHMENT:
      g_value_set_boolean (value, self->has_attachment);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_filter_boolean (CartableMailSearchBar *self,
                    gboolean              *field,
                    gboolean               value,
                    guint                  prop)
{
  if (*field == value)
    return;
  *field = value;
  update_filter_button (self);
  apply (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
cartable_mail_search_bar_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CartableMailSearchBar *self = CARTABLE_MAIL_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_MESSAGE_LIST:
      cartable_mail_search_bar_set_message_list (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE_ENABLED:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;
    case PROP_UNREAD_ONLY:
      set_filter_boolean (self, &self->unread_only, g_value_get_boolean (value), PROP_UNREAD_ONLY);
      break;
    case PROP_HAS_ATTACHMENT:
      set_filter_boolean (self, &self->has_attachment, g_value_get_boolean (value), PROP_HAS_ATTACHMENT);
      break;
    case PROP_PERIOD:
      {
        const char *period = g_value_get_string (value);

        if (period == NULL || !g_strv_contains ((const char *const[]) { "all", "week", "month", "year", NULL }, period))
          period = "all";
        if (g_strcmp0 (self->period, period) == 0)
          break;
        g_free (self->period);
        self->period = g_strdup (period);
        update_filter_button (self);
        apply (self);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_mail_search_bar_class_init (CartableMailSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_mail_search_bar_dispose;
  object_class->finalize = cartable_mail_search_bar_finalize;
  object_class->get_property = cartable_mail_search_bar_get_property;
  object_class->set_property = cartable_mail_search_bar_set_property;

  properties[PROP_MESSAGE_LIST] =
    g_param_spec_object ("message-list", NULL, NULL, CARTABLE_TYPE_MESSAGE_LIST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREAD_ONLY] =
    g_param_spec_boolean ("unread-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_ATTACHMENT] =
    g_param_spec_boolean ("has-attachment", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Down in the search field: the keyboard goes to the list. */
  signals[SIGNAL_MOVE_TO_RESULTS] =
    g_signal_new ("move-to-results", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-mail-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CartableMailSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSearchBar, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSearchBar, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSearchBar, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, CartableMailSearchBar, status_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);

  gtk_widget_class_install_property_action (widget_class, "search.unread-only", "unread-only");
  gtk_widget_class_install_property_action (widget_class, "search.has-attachment", "has-attachment");
  gtk_widget_class_install_property_action (widget_class, "search.period", "period");
}

static void
cartable_mail_search_bar_init (CartableMailSearchBar *self)
{
  static const guint down_keys[] = { GDK_KEY_Down, GDK_KEY_KP_Down };
  GtkEventController *keys;

  self->period = g_strdup ("all");
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  update_filter_button (self);

  /* Before the field's own keys: a one-line field has no use for them. */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (down_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (down_keys[i], 0),
                                                            gtk_callback_action_new (move_to_results_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

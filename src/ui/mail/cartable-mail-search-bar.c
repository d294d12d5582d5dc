/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-mail-search-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "mail/cartable-mail-folder.h"
#include "mail/cartable-mail-search-results.h"
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
  char                *scope;        /* "folder" or "all" (every folder of the account) */

  /* The search over every folder, for the account's tree; shown while
   * the scope is "all" and words or filters are on. */
  CartableFolderTree  *folder_tree;
  CartableSearchResults *results;
  gboolean             showing_results;
  GListModel          *counted;      /* the rows counted: the list or the results */

  GtkSearchBar        *search_bar;
  GtkSearchEntry      *entry;
  GtkMenuButton       *filter_button;
  GtkRevealer         *status_revealer;
  GtkSpinner          *status_spinner;
  GtkLabel            *status_label;
  GtkLabel            *count_label;
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
  PROP_SCOPE,
  PROP_FOLDER_TREE,
  PROP_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_MOVE_TO_RESULTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_count (CartableMailSearchBar *self);

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
  update_count (self);
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

/* « 12 messages trouvés », « Aucun message trouvé »; NULL while nothing is
 * found yet but the search runs. */
char *
cartable_mail_search_bar_format_count (guint    n_found,
                                       gboolean searching)
{
  if (n_found == 0)
    return searching ? NULL : g_strdup (_("No message found"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message found", "%u messages found", n_found), n_found);
}

static void
update_count (CartableMailSearchBar *self)
{
  g_autofree char *text = NULL;

  if (self->active)
    text = cartable_mail_search_bar_format_count (self->counted != NULL ? g_list_model_get_n_items (self->counted) : 0,
                                                  self->searching);
  gtk_label_set_label (self->count_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), text != NULL);
}

static void
counted_changed_cb (GListModel            *model,
                    guint                  position,
                    guint                  removed,
                    guint                  added,
                    CartableMailSearchBar *self)
{
  update_count (self);
}

/* The rows counted follow what the list shows. */
static void
set_counted (CartableMailSearchBar *self,
             GListModel            *model)
{
  if (self->counted == model)
    return;
  if (self->counted != NULL)
    g_signal_handlers_disconnect_by_func (self->counted, counted_changed_cb, self);
  g_set_object (&self->counted, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (counted_changed_cb), self, 0);
}

static void
set_showing_results (CartableMailSearchBar *self,
                     gboolean               showing)
{
  if (showing && self->results == NULL)
    self->results = cartable_search_results_new (self->folder_tree);
  if (!showing && self->results != NULL)
    cartable_search_results_clear (self->results);
  set_counted (self, showing ? G_LIST_MODEL (self->results) : G_LIST_MODEL (self->message_list));
  if (self->showing_results == showing)
    return;
  self->showing_results = showing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
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

/* What the line under the bar says once the text was searched. */
static void
end_text_search (CartableMailSearchBar *self,
                 const GError          *error,
                 gboolean               complete)
{
  g_clear_object (&self->text_cancellable);
  if (error != NULL)
    {
      g_message ("Searching the text of the messages failed: %s", error->message);
      show_status (self, _("The text of the messages could not be searched: only their sender, recipients and subject were. Check your connection and try again."), FALSE);
    }
  else if (!complete)
    show_status (self, _("Offline: only the messages already downloaded were searched."), FALSE);
  else
    show_status (self, NULL, FALSE);
  set_searching (self, FALSE);
}

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

  if (uids != NULL && self->message_list != NULL)
    cartable_message_list_set_matches (self->message_list, uids);
  end_text_search (self, error, complete);
}

static void
all_search_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TextSearch) search = user_data;
  CartableMailSearchBar *self = search->self;
  g_autoptr(GError) error = NULL;
  gboolean complete = TRUE;

  cartable_search_results_search_finish (CARTABLE_SEARCH_RESULTS (source), result, &complete, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || search->cancellable != self->text_cancellable)
    return;

  end_text_search (self, error, complete);
}

static gboolean
scope_is_all (CartableMailSearchBar *self)
{
  return g_strcmp0 (self->scope, "all") == 0 && self->folder_tree != NULL;
}

/* Every folder: the headers, then the text, in one search whose rows
 * only join at the end. */
static void
start_all_search (CartableMailSearchBar *self,
                  const char            *text,
                  TextSearch            *search)
{
  g_autoptr(CartableSearchQuery) headers = new_filter_query (self);
  g_autoptr(CartableSearchQuery) body = NULL;

  if (*text != '\0')
    {
      cartable_search_query_set_text (headers, text);
      body = new_filter_query (self);
      cartable_search_query_set_body (body, text);
    }
  cartable_search_results_search_async (self->results, headers, body, self->text_cancellable,
                                        all_search_done_cb, search);
}

static void
start_text_search (CartableMailSearchBar *self)
{
  g_autoptr(CartableSearchQuery) query = NULL;
  g_autofree char *text = dup_text (self);
  TextSearch *search;

  cancel_text_search (self);
  if (!gtk_search_bar_get_search_mode (self->search_bar) || !self->active)
    return;
  if (!self->showing_results && (self->message_list == NULL || *text == '\0'))
    return;

  self->text_cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  show_status (self, self->showing_results ? _("Searching every folder…") : _("Searching the text of the messages…"), TRUE);
  search = g_new0 (TextSearch, 1);
  search->self = g_object_ref (self);
  search->cancellable = g_object_ref (self->text_cancellable);
  if (self->showing_results)
    {
      start_all_search (self, text, search);
      return;
    }

  query = new_filter_query (self);
  cartable_search_query_set_body (query, text);
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
  gboolean active, all;

  cancel_text_search (self);
  show_status (self, NULL, FALSE);
  g_free (self->applied_text);
  self->applied_text = g_strdup (text);

  active = search_mode && (*text != '\0' || has_filters (self));
  all = active && scope_is_all (self);
  /* Every folder: the folder's own list stays whole underneath. */
  if (active && !all)
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
  set_showing_results (self, all);

  if (all || (active && *text != '\0' && self->message_list != NULL))
    self->text_timeout = g_timeout_add (TEXT_SEARCH_DELAY_MS, text_timeout_cb, self);

  if (self->active != active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  update_count (self);
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
  if ((*text != '\0' || self->showing_results) && (self->text_timeout != 0 || self->text_cancellable == NULL))
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
  /* Searching every folder: another folder listed underneath changes
   * nothing of the results. */
  if (self->showing_results)
    {
      g_set_object (&self->message_list, list);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_LIST]);
      return;
    }
  cancel_text_search (self);
  g_set_object (&self->message_list, list);
  set_counted (self, NULL);
  apply (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_LIST]);
}

void
cartable_mail_search_bar_set_scope (CartableMailSearchBar *self,
                                    const char            *scope)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self));

  if (g_strcmp0 (scope, "all") != 0)
    scope = "folder";
  if (g_strcmp0 (self->scope, scope) == 0)
    return;
  g_free (self->scope);
  self->scope = g_strdup (scope);
  apply (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

const char *
cartable_mail_search_bar_get_scope (CartableMailSearchBar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), NULL);
  return self->scope;
}

void
cartable_mail_search_bar_set_folder_tree (CartableMailSearchBar *self,
                                          CartableFolderTree    *tree)
{
  g_return_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self));
  g_return_if_fail (tree == NULL || CARTABLE_IS_FOLDER_TREE (tree));

  if (self->folder_tree == tree)
    return;
  cancel_text_search (self);
  set_showing_results (self, FALSE);
  g_clear_object (&self->results);
  g_set_object (&self->folder_tree, tree);
  apply (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER_TREE]);
}

CartableSearchResults *
cartable_mail_search_bar_get_results (CartableMailSearchBar *self)
{
  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), NULL);
  return self->showing_results ? self->results : NULL;
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

char *
cartable_mail_search_bar_dup_words (CartableMailSearchBar *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CARTABLE_IS_MAIL_SEARCH_BAR (self), NULL);

  text = dup_text (self);
  return self->active && *text != '\0' ? g_steal_pointer (&text) : NULL;
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
  set_counted (self, NULL);
  g_clear_object (&self->message_list);
  g_clear_object (&self->results);
  g_clear_object (&self->folder_tree);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_MAIL_SEARCH_BAR);

  G_OBJECT_CLASS (cartable_mail_search_bar_parent_class)->dispose (object);
}

static void
cartable_mail_search_bar_finalize (GObject *object)
{
  CartableMailSearchBar *self = CARTABLE_MAIL_SEARCH_BAR (object);

  g_free (self->period);
  g_free (self->scope);
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
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_FOLDER_TREE:
      g_value_set_object (value, self->folder_tree);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, cartable_mail_search_bar_get_results (self));
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
    case PROP_SCOPE:
      cartable_mail_search_bar_set_scope (self, g_value_get_string (value));
      break;
    case PROP_FOLDER_TREE:
      cartable_mail_search_bar_set_folder_tree (self, g_value_get_object (value));
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
  /* "folder" or "all": the folder shown or every folder of its account. */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, "folder",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER_TREE] =
    g_param_spec_object ("folder-tree", NULL, NULL, CARTABLE_TYPE_FOLDER_TREE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The results over every folder while they stand for the list, or NULL. */
  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL, CARTABLE_TYPE_SEARCH_RESULTS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_bind_template_child (widget_class, CartableMailSearchBar, count_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);

  gtk_widget_class_install_property_action (widget_class, "search.unread-only", "unread-only");
  gtk_widget_class_install_property_action (widget_class, "search.has-attachment", "has-attachment");
  gtk_widget_class_install_property_action (widget_class, "search.period", "period");
  gtk_widget_class_install_property_action (widget_class, "search.scope", "scope");
}

static void
cartable_mail_search_bar_init (CartableMailSearchBar *self)
{
  static const guint down_keys[] = { GDK_KEY_Down, GDK_KEY_KP_Down };
  GtkEventController *keys;

  self->period = g_strdup ("all");
  self->scope = g_strdup ("folder");
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-html-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <webkit/webkit.h>

#include "cartable-html-view.h"
#include "cartable-mail-format.h"

/*
 * The body of a message, in a WebKit view that is locked down:
 *
 *  - JavaScript is off, and so are plugins, WebGL, storage and the page
 *    cache;
 *  - every http(s), ws(s), ftp and file load is blocked by a compiled
 *    content filter (decide-policy does not see sub-resource loads), and a
 *    Content-Security-Policy placed before the message's own HTML allows
 *    images, fonts and media only from cid: and data:;
 *  - cid: is served from the message's own parts by a URI scheme handler;
 *  - no navigation happens inside the view: a clicked link is handed to the
 *    window through the "link-activated" signal, with the link's text, so
 *    the window can show the real target before opening a browser;
 *  - the network session is ephemeral: nothing is written to disk.
 *
 * One view shows message after message (WebKit's first load is slow), so
 * the window keeps a single CartableHtmlView per reading pane. The view is
 * built in code rather than from a template because the web view needs its
 * content manager and network session at construction.
 */

#define FILTER_ID "cartable-block-remote"

/* Block everything, then let through only what a message may carry. */
static const char filter_rules[] =
  "["
  "{\"trigger\":{\"url-filter\":\".*\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^cid:\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
  "{\"trigger\":{\"url-filter\":\"^data:\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
  "{\"trigger\":{\"url-filter\":\"^about:\"},\"action\":{\"type\":\"ignore-previous-rules\"}}"
  "]";

/* Only what a user who allowed remote content may see: no other scheme. */
static const char remote_filter_rules[] =
  "["
  "{\"trigger\":{\"url-filter\":\".*\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^cid:\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
  "{\"trigger\":{\"url-filter\":\"^data:\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
  "{\"trigger\":{\"url-filter\":\"^about:\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
  "{\"trigger\":{\"url-filter\":\"^https?:\"},\"action\":{\"type\":\"ignore-previous-rules\"}}"
  "]";

struct _CartableHtmlView
{
  AdwBin                    parent_instance;

  WebKitWebView            *web_view;
  WebKitUserContentManager *content_manager;

  char                     *pending_document;
  char                     *document_source;
  gboolean                  document_is_text;
  gboolean                  has_remote_content;
  gboolean                  remote_allowed;
  gboolean                  filters_ready;
  gboolean                  loading;

  char                     *hovered_link_uri;
  char                     *hovered_link_label;

  CartableMessage          *message;   /* serves cid: when set */
  CartableCidResolver       cid_resolver;
  gpointer                  cid_resolver_data;
  GDestroyNotify            cid_resolver_destroy;

  GCancellable             *cancellable;

  /* The words searched, highlighted in each document shown. */
  char                     *highlight;
  guint                     highlight_count;
  gboolean                  document_requested;  /* asked of WebKit, not started yet */
};

G_DEFINE_FINAL_TYPE (CartableHtmlView, cartable_html_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HAS_REMOTE_CONTENT,
  PROP_REMOTE_ALLOWED,
  PROP_LOADING,
  PROP_HIGHLIGHT,
  PROP_HIGHLIGHT_COUNT,
  N_PROPS
};

enum {
  LINK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Process-wide: compiled once, kept for every view. */
static WebKitUserContentFilter *block_filter;
static WebKitUserContentFilter *remote_filter;
static WebKitNetworkSession *mail_session;

static void load_document (CartableHtmlView *self);

/* cid: ------------------------------------------------------------------ */

static void
cid_request_cb (WebKitURISchemeRequest *request,
                gpointer                user_data)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget *ancestor = web_view != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (web_view),
                                                                    CARTABLE_TYPE_HTML_VIEW)
                                         : NULL;
  CartableHtmlView *self = ancestor != NULL ? CARTABLE_HTML_VIEW (ancestor) : NULL;
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autofree char *content_id = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;

  if (self != NULL && path != NULL)
    content_id = g_uri_unescape_string (path, NULL);

  if (content_id != NULL && self->message != NULL)
    {
      CartableAttachment *part = cartable_message_find_content_id (self->message, content_id);

      if (part != NULL)
        {
          mime_type = g_strdup (cartable_attachment_get_mime_type (part));
          bytes = g_bytes_ref (cartable_attachment_get_data (part));
        }
    }
  else if (content_id != NULL && self->cid_resolver != NULL)
    {
      bytes = self->cid_resolver (content_id, &mime_type, self->cid_resolver_data);
    }

  if (bytes == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                     "This message has no such part");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  webkit_uri_scheme_request_finish (request, stream, g_bytes_get_size (bytes),
                                    mime_type != NULL ? mime_type : "application/octet-stream");
}

static void
ensure_web_context (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      WebKitWebContext *context = webkit_web_context_get_default ();
      webkit_web_context_register_uri_scheme (context, "cid", cid_request_cb, NULL, NULL);
      webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
      mail_session = webkit_network_session_new_ephemeral ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Content filters -------------------------------------------------------- */

typedef struct
{
  GPtrArray *waiting;   /* CartableHtmlView weak refs */
  gboolean   compiling;
  guint      n_pending;
} FilterState;

static FilterState filter_state;

static void
filters_ready (void)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&filter_state.waiting);

  filter_state.compiling = FALSE;

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GWeakRef *ref = g_ptr_array_index (waiting, i);
      g_autoptr(CartableHtmlView) view = g_weak_ref_get (ref);

      if (view != NULL)
        {
          view->filters_ready = TRUE;
          webkit_user_content_manager_add_filter (view->content_manager,
                                                  view->remote_allowed ? remote_filter : block_filter);
          load_document (view);
        }
      g_weak_ref_clear (ref);
      g_free (ref);
    }
}

static void
filter_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WebKitUserContentFilter **slot = user_data;
  g_autoptr(GError) error = NULL;

  *slot = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source),
                                                        result, &error);
  /* Without the filter the view must not show anything: failing to compile
   * constant rules is a programming error, not a user situation. */
  if (*slot == NULL)
    g_critical ("Could not compile the remote-content filter: %s", error->message);

  if (--filter_state.n_pending == 0)
    filters_ready ();
}

static void
request_filters (CartableHtmlView *self)
{
  GWeakRef *ref;

  if (block_filter != NULL && remote_filter != NULL)
    {
      self->filters_ready = TRUE;
      webkit_user_content_manager_add_filter (self->content_manager, block_filter);
      return;
    }

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  if (filter_state.waiting == NULL)
    filter_state.waiting = g_ptr_array_new ();
  g_ptr_array_add (filter_state.waiting, ref);

  if (!filter_state.compiling)
    {
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME,
                                                "content-filters", NULL);
      g_autoptr(WebKitUserContentFilterStore) store = webkit_user_content_filter_store_new (path);
      g_autoptr(GBytes) block_rules = g_bytes_new_static (filter_rules, strlen (filter_rules));
      g_autoptr(GBytes) remote_rules = g_bytes_new_static (remote_filter_rules,
                                                           strlen (remote_filter_rules));

      filter_state.compiling = TRUE;
      filter_state.n_pending = 2;
      webkit_user_content_filter_store_save (store, FILTER_ID, block_rules, NULL,
                                             filter_saved_cb, &block_filter);
      webkit_user_content_filter_store_save (store, FILTER_ID "-remote", remote_rules, NULL,
                                             filter_saved_cb, &remote_filter);
    }
}

/* Navigation ------------------------------------------------------------- */

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  CartableHtmlView         *self)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* Our own load of the document is the only navigation allowed. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_strcmp0 (uri, "about:blank") == 0 &&
      !webkit_navigation_action_is_user_gesture (action))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED &&
      uri != NULL && (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://") ||
                      g_str_has_prefix (uri, "mailto:")))
    {
      const char *label = NULL;

      if (g_strcmp0 (self->hovered_link_uri, uri) == 0)
        label = self->hovered_link_label;
      g_signal_emit (self, signals[LINK_ACTIVATED], 0, uri, label);
    }

  return TRUE;
}

static void
mouse_target_changed_cb (WebKitWebView       *web_view,
                         WebKitHitTestResult *hit,
                         guint                modifiers,
                         CartableHtmlView    *self)
{
  g_clear_pointer (&self->hovered_link_uri, g_free);
  g_clear_pointer (&self->hovered_link_label, g_free);

  if (webkit_hit_test_result_context_is_link (hit))
    {
      self->hovered_link_uri = g_strdup (webkit_hit_test_result_get_link_uri (hit));
      self->hovered_link_label = g_strdup (webkit_hit_test_result_get_link_label (hit));
    }
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit,
                 CartableHtmlView    *self)
{
  /* Keep copying; drop everything that would navigate, download or inspect. */
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (item);

      if (action != WEBKIT_CONTEXT_MENU_ACTION_COPY &&
          action != WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD &&
          action != WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL)
        webkit_context_menu_remove (menu, item);
    }
  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

/* ------------------------------------------------------------ highlight */

/* At most this many matches are marked in one message. */
#define MAX_HIGHLIGHTS 500

static void
set_highlight_count (CartableHtmlView *self,
                     guint             count)
{
  if (self->highlight_count == count)
    return;
  self->highlight_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_COUNT]);
}

static void
found_text_cb (WebKitFindController *controller,
               guint                 match_count,
               CartableHtmlView     *self)
{
  set_highlight_count (self, match_count);
}

static void
failed_to_find_text_cb (WebKitFindController *controller,
                        CartableHtmlView     *self)
{
  set_highlight_count (self, 0);
}

/* The find controller marks every match without any script in the page;
 * case aside, as the search is. */
static void
apply_highlight (CartableHtmlView *self)
{
  WebKitFindController *controller = webkit_web_view_get_find_controller (self->web_view);

  if (self->highlight == NULL)
    {
      webkit_find_controller_search_finish (controller);
      set_highlight_count (self, 0);
      return;
    }
  webkit_find_controller_search (controller, self->highlight,
                                 WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE | WEBKIT_FIND_OPTIONS_WRAP_AROUND,
                                 MAX_HIGHLIGHTS);
}

/**
 * cartable_html_view_set_highlight:
 * @text: (nullable): the words to mark, or %NULL
 *
 * Marks @text, case aside, in the document shown and in the next ones,
 * until it is set to %NULL.
 */
void
cartable_html_view_set_highlight (CartableHtmlView *self,
                                  const char       *text)
{
  g_return_if_fail (CARTABLE_IS_HTML_VIEW (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->highlight, text) == 0)
    return;
  g_free (self->highlight);
  self->highlight = g_strdup (text);
  /* A document on its way is searched once it is there: searched now,
   * the answer could come from either. */
  if (!cartable_html_view_get_loading (self) && !self->document_requested)
    apply_highlight (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

const char *
cartable_html_view_get_highlight (CartableHtmlView *self)
{
  g_return_val_if_fail (CARTABLE_IS_HTML_VIEW (self), NULL);
  return self->highlight;
}

/* How many matches of the highlighted words the document shown has. */
guint
cartable_html_view_get_highlight_count (CartableHtmlView *self)
{
  g_return_val_if_fail (CARTABLE_IS_HTML_VIEW (self), 0);
  return self->highlight_count;
}

static void
load_changed_cb (WebKitWebView    *web_view,
                 WebKitLoadEvent   event,
                 CartableHtmlView *self)
{
  gboolean loading = event != WEBKIT_LOAD_FINISHED;

  /* A new document: its own matches, once it is there. */
  self->document_requested = FALSE;
  if (event == WEBKIT_LOAD_STARTED)
    set_highlight_count (self, 0);
  if (!loading && self->highlight != NULL)
    apply_highlight (self);
  if (loading == self->loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
refuse_permission_cb (WebKitWebView           *web_view,
                      WebKitPermissionRequest *request,
                      CartableHtmlView        *self)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

/* Loading ---------------------------------------------------------------- */

static void
load_document (CartableHtmlView *self)
{
  g_autofree char *document = NULL;

  if (!self->filters_ready || self->pending_document == NULL)
    {
      /* Until the filter is in place nothing is loaded, not even a blank page. */
      return;
    }

  document = g_steal_pointer (&self->pending_document);
  self->document_requested = TRUE;
  webkit_web_view_load_html (self->web_view, document, NULL);
}

static void
set_document (CartableHtmlView *self,
              const char       *source,
              gboolean          is_text)
{
  g_autofree char *body = NULL;
  gboolean has_remote;

  if (self->document_source != source)
    {
      g_free (self->document_source);
      self->document_source = g_strdup (source);
    }
  self->document_is_text = is_text;

  has_remote = !is_text && cartable_mail_html_has_remote_content (source);
  if (has_remote != self->has_remote_content)
    {
      self->has_remote_content = has_remote;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_REMOTE_CONTENT]);
    }

  /* Quotes of the messages answered are shown folded, in both kinds. */
  if (is_text)
    body = cartable_mail_format_text_as_html (source);
  else
    body = cartable_mail_format_fold_html_quotes (source);

  g_free (self->pending_document);
  self->pending_document = cartable_mail_wrap_html (body, self->remote_allowed, is_text);
  load_document (self);
}

static void
set_remote_allowed (CartableHtmlView *self,
                    gboolean          allowed)
{
  if (self->remote_allowed == allowed)
    return;

  self->remote_allowed = allowed;
  if (self->filters_ready)
    {
      webkit_user_content_manager_remove_all_filters (self->content_manager);
      webkit_user_content_manager_add_filter (self->content_manager, allowed ? remote_filter : block_filter);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ALLOWED]);
}

/**
 * cartable_html_view_load_html:
 * @html: the HTML body of a message (one part; parts are never joined)
 *
 * Shows @html with remote content blocked. Loading a new message always
 * blocks remote content again.
 */
void
cartable_html_view_load_html (CartableHtmlView *self,
                              const char       *html)
{
  g_return_if_fail (CARTABLE_IS_HTML_VIEW (self));
  g_return_if_fail (html != NULL);

  g_clear_object (&self->message);
  set_remote_allowed (self, FALSE);
  set_document (self, html, FALSE);
}

/**
 * cartable_html_view_load_text:
 * @text: the plain-text body of a message
 *
 * Shows @text with its line breaks and with web and mail addresses as
 * links; its colours follow the dark style.
 */
void
cartable_html_view_load_text (CartableHtmlView *self,
                              const char       *text)
{
  g_return_if_fail (CARTABLE_IS_HTML_VIEW (self));
  g_return_if_fail (text != NULL);

  g_clear_object (&self->message);
  set_remote_allowed (self, FALSE);
  set_document (self, text, TRUE);
}

/**
 * cartable_html_view_load_message:
 * @message: a parsed message
 * @allow_remote: whether the user always allows this sender's remote content
 *
 * Shows @message's HTML body, else its plain text, with its `cid:` parts
 * served from @message itself.
 */
void
cartable_html_view_load_message (CartableHtmlView *self,
                                 CartableMessage  *message,
                                 gboolean          allow_remote)
{
  const char *html;
  const char *text;

  g_return_if_fail (CARTABLE_IS_HTML_VIEW (self));
  g_return_if_fail (CARTABLE_IS_MESSAGE (message));

  html = cartable_message_get_html_body (message);
  text = cartable_message_get_text_body (message);

  set_remote_allowed (self, FALSE);
  g_set_object (&self->message, message);
  if (html != NULL)
    {
      set_document (self, html, FALSE);
      if (allow_remote)
        cartable_html_view_allow_remote_content (self);
    }
  else
    {
      set_document (self, text != NULL ? text : "", TRUE);
    }
}

/**
 * cartable_html_view_allow_remote_content:
 *
 * Reloads the current message with its remote images, styles, fonts and
 * media allowed — never scripts, frames or forms.
 */
void
cartable_html_view_allow_remote_content (CartableHtmlView *self)
{
  g_return_if_fail (CARTABLE_IS_HTML_VIEW (self));

  if (self->remote_allowed || self->document_source == NULL)
    return;

  set_remote_allowed (self, TRUE);
  set_document (self, self->document_source, self->document_is_text);
}

gboolean
cartable_html_view_get_has_remote_content (CartableHtmlView *self)
{
  g_return_val_if_fail (CARTABLE_IS_HTML_VIEW (self), FALSE);
  return self->has_remote_content;
}

gboolean
cartable_html_view_get_remote_allowed (CartableHtmlView *self)
{
  g_return_val_if_fail (CARTABLE_IS_HTML_VIEW (self), FALSE);
  return self->remote_allowed;
}

/**
 * cartable_html_view_get_loading:
 *
 * Returns: %TRUE while a document is waiting for the filter or loading
 */
gboolean
cartable_html_view_get_loading (CartableHtmlView *self)
{
  g_return_val_if_fail (CARTABLE_IS_HTML_VIEW (self), FALSE);
  return self->loading || self->pending_document != NULL;
}

void
cartable_html_view_set_cid_resolver (CartableHtmlView    *self,
                                     CartableCidResolver  resolver,
                                     gpointer             user_data,
                                     GDestroyNotify       destroy)
{
  g_return_if_fail (CARTABLE_IS_HTML_VIEW (self));

  if (self->cid_resolver_destroy != NULL)
    self->cid_resolver_destroy (self->cid_resolver_data);

  self->cid_resolver = resolver;
  self->cid_resolver_data = user_data;
  self->cid_resolver_destroy = destroy;
}

/**
 * cartable_html_view_get_web_view:
 *
 * Returns: (transfer none): the web view, for tests and snapshots
 */
GtkWidget *
cartable_html_view_get_web_view (CartableHtmlView *self)
{
  g_return_val_if_fail (CARTABLE_IS_HTML_VIEW (self), NULL);
  return GTK_WIDGET (self->web_view);
}

/* GObject ---------------------------------------------------------------- */

static void
cartable_html_view_dispose (GObject *object)
{
  CartableHtmlView *self = CARTABLE_HTML_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cartable_html_view_set_cid_resolver (self, NULL, NULL, NULL);
  g_clear_object (&self->message);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->web_view = NULL;
  g_clear_object (&self->content_manager);

  G_OBJECT_CLASS (cartable_html_view_parent_class)->dispose (object);
}

static void
cartable_html_view_finalize (GObject *object)
{
  CartableHtmlView *self = CARTABLE_HTML_VIEW (object);

  g_clear_pointer (&self->pending_document, g_free);
  g_clear_pointer (&self->document_source, g_free);
  g_clear_pointer (&self->hovered_link_uri, g_free);
  g_clear_pointer (&self->hovered_link_label, g_free);
  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (cartable_html_view_parent_class)->finalize (object);
}

static void
cartable_html_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CartableHtmlView *self = CARTABLE_HTML_VIEW (object);

  switch (prop_id)
    {
    case PROP_HAS_REMOTE_CONTENT:
      g_value_set_boolean (value, self->has_remote_content);
      break;
    case PROP_REMOTE_ALLOWED:
      g_value_set_boolean (value, self->remote_allowed);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, cartable_html_view_get_loading (self));
      break;
    case PROP_HIGHLIGHT:
      g_value_set_string (value, self->highlight);
      break;
    case PROP_HIGHLIGHT_COUNT:
      g_value_set_uint (value, self->highlight_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_html_view_class_init (CartableHtmlViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cartable_html_view_dispose;
  object_class->finalize = cartable_html_view_finalize;
  object_class->get_property = cartable_html_view_get_property;

  properties[PROP_HAS_REMOTE_CONTENT] =
    g_param_spec_boolean ("has-remote-content", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_ALLOWED] =
    g_param_spec_boolean ("remote-allowed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHT] =
    g_param_spec_string ("highlight", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHT_COUNT] =
    g_param_spec_uint ("highlight-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartableHtmlView::link-activated:
   * @uri: the link's real target
   * @label: (nullable): the link's text, when known
   *
   * The user clicked a link. Nothing was opened: the receiver shows the
   * target when it differs from the text, then opens a browser.
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "htmlview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
cartable_html_view_init (CartableHtmlView *self)
{
  g_autoptr(WebKitSettings) settings = NULL;

  ensure_web_context ();

  self->cancellable = g_cancellable_new ();
  self->content_manager = webkit_user_content_manager_new ();

  settings = webkit_settings_new ();
  webkit_settings_set_enable_javascript (settings, FALSE);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_javascript_can_access_clipboard (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_media_stream (settings, FALSE);
  webkit_settings_set_enable_mediasource (settings, FALSE);
  webkit_settings_set_enable_encrypted_media (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_allow_file_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_universal_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_modal_dialogs (settings, FALSE);
  webkit_settings_set_media_playback_requires_user_gesture (settings, TRUE);
  webkit_settings_set_auto_load_images (settings, TRUE);
  webkit_settings_set_default_charset (settings, "utf-8");
  /* cartable_html_view_set_text_scale () enlarges the text, not the layout's images. */
  webkit_settings_set_zoom_text_only (settings, TRUE);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "settings", settings,
                                 "user-content-manager", self->content_manager,
                                 "network-session", mail_session,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  /* Screen readers get nothing of the page on GTK 4.8: the text mode
   * gives them the message. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message body"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("To read this message with a screen reader, press Shift+Ctrl+T: "
                                    "it is shown as text"),
                                  -1);

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self, 0);
  g_signal_connect_object (self->web_view, "mouse-target-changed",
                           G_CALLBACK (mouse_target_changed_cb), self, 0);
  g_signal_connect_object (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self, 0);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self, 0);
  g_signal_connect_object (self->web_view, "permission-request",
                           G_CALLBACK (refuse_permission_cb), self, 0);
  g_signal_connect_object (webkit_web_view_get_find_controller (self->web_view), "found-text",
                           G_CALLBACK (found_text_cb), self, 0);
  g_signal_connect_object (webkit_web_view_get_find_controller (self->web_view), "failed-to-find-text",
                           G_CALLBACK (failed_to_find_text_cb), self, 0);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->web_view));
  request_filters (self);
}

CartableHtmlView *
cartable_html_view_new (void)
{
  return g_object_new (CARTABLE_TYPE_HTML_VIEW, NULL);
}

/**
 * cartable_html_view_set_text_scale:
 * @scale: 1.0 for the text's own size; the simple version reads larger
 *
 * Scales the text of every message shown, images keeping their size.
 */
void
cartable_html_view_set_text_scale (CartableHtmlView *self,
                                   double            scale)
{
  g_return_if_fail (CARTABLE_IS_HTML_VIEW (self));
  g_return_if_fail (scale > 0);

  webkit_web_view_set_zoom_level (self->web_view, scale);
}

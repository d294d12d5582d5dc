/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>
#include <webkit/webkit.h>

#include "cartable-test-ui.h"
#include "mail/cartable-html-view.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("html-view");

/*
 * The message view against hostile mail: every message of the corpus in
 * tests/data/hostile-html is rendered by the real view, while a canary
 * HTTP server on loopback counts the requests that reach it. Not one may
 * arrive, and no script may run (each one tries to set the title to PWNED).
 * Two controls show that the canary and the title check do detect a load
 * and a script when the protections are off.
 */

typedef struct
{
  GSocketService *service;
  guint16         port;
  guint           hits;
  GPtrArray      *paths;
} Canary;

static Canary canary;

static gboolean
canary_incoming_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    gpointer           user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  static const char reply[] = "HTTP/1.0 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 0\r\n\r\n";
  char buffer[2048] = { 0 };
  gssize n;

  canary.hits++;
  n = g_input_stream_read (in, buffer, sizeof buffer - 1, NULL, NULL);
  if (n > 0)
    {
      char *line_end = strstr (buffer, "\r\n");
      if (line_end != NULL)
        *line_end = '\0';
      g_ptr_array_add (canary.paths, g_strdup (buffer));
    }
  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
canary_start (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  canary.paths = g_ptr_array_new_with_free_func (g_free);
  canary.service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (canary.service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  canary.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (canary.service, "incoming", G_CALLBACK (canary_incoming_cb), NULL);
  g_socket_service_start (canary.service);
}

static gboolean
view_idle (gpointer user_data)
{
  return !cartable_html_view_get_loading (CARTABLE_HTML_VIEW (user_data));
}

static GtkWindow *
new_window_with (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  return window;
}

static void
load_and_wait (CartableHtmlView *view,
               const char       *html)
{
  cartable_html_view_load_html (view, html);
  g_assert_true (cartable_test_wait_for (view_idle, view, 20000));
  /* Let sub-resource loads, refreshes and late timers have their chance. */
  cartable_test_iterate (150);
}

static char *
read_corpus_message (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", canary.port);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pieces = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  pieces = g_strsplit (contents, "CANARY", -1);
  return g_strjoinv (host, pieces);
}

static GPtrArray *
html_parts_of (const char *message_text)
{
  /* GMime 3.2 has no autoptr support. */
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (message_text, strlen (message_text));
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GMimeObject *body;

  g_assert_nonnull (message);
  body = g_mime_message_get_mime_part (message);

  if (GMIME_IS_TEXT_PART (body))
    {
      g_ptr_array_add (parts, g_mime_text_part_get_text (GMIME_TEXT_PART (body)));
    }
  else
    {
      GMimePartIter *iter = g_mime_part_iter_new (body);

      do
        {
          GMimeObject *current = g_mime_part_iter_get_current (iter);

          if (GMIME_IS_TEXT_PART (current) &&
              g_mime_content_type_is_type (g_mime_object_get_content_type (current), "text", "html"))
            g_ptr_array_add (parts, g_mime_text_part_get_text (GMIME_TEXT_PART (current)));
        }
      while (g_mime_part_iter_next (iter));
      g_mime_part_iter_free (iter);
    }

  g_object_unref (message);
  g_object_unref (parser);
  g_object_unref (stream);
  return parts;
}

static GBytes *
resolve_cid_cb (const char  *content_id,
                char       **mime_type,
                gpointer     user_data)
{
  GPtrArray *asked = user_data;
  /* A 1×1 transparent GIF. */
  static const guint8 gif[] = {
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
  };

  g_ptr_array_add (asked, g_strdup (content_id));
  if (!g_str_equal (content_id, "logo@cartable"))
    return NULL;

  *mime_type = g_strdup ("image/gif");
  return g_bytes_new_static (gif, sizeof gif);
}

static gboolean
resolver_asked (gpointer user_data)
{
  return ((GPtrArray *) user_data)->len > 0;
}

static gboolean
canary_hit_since (gpointer user_data)
{
  return canary.hits > GPOINTER_TO_UINT (user_data);
}

static gboolean
title_is_pwned (gpointer user_data)
{
  return g_strcmp0 (webkit_web_view_get_title (WEBKIT_WEB_VIEW (user_data)), "PWNED") == 0;
}

CARTABLE_TEST ("script-control", test_script_control)
{
  /* Control: a plain web view with scripts on does run the corpus' script,
   * so the title check above is able to fail. */
  WebKitWebView *plain = WEBKIT_WEB_VIEW (webkit_web_view_new ());
  GtkWindow *window = new_window_with (GTK_WIDGET (plain));

  webkit_web_view_load_html (plain, "<script>document.title='PWNED'</script>", NULL);
  g_assert_true (cartable_test_wait_for (title_is_pwned, plain, 20000));

  gtk_window_destroy (window);
}

CARTABLE_TEST ("hostile-corpus", test_hostile_corpus)
{
  CartableHtmlView *view = cartable_html_view_new ();
  GtkWindow *window = new_window_with (GTK_WIDGET (view));
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (cartable_html_view_get_web_view (view));
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "hostile-html", NULL);
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_parts = 0;

  handle = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >=, 50);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *text = read_corpus_message (path);
      g_autoptr(GPtrArray) parts = html_parts_of (text);

      g_assert_cmpuint (parts->len, >=, 1);
      for (guint j = 0; j < parts->len; j++)
        {
          load_and_wait (view, g_ptr_array_index (parts, j));
          n_parts++;

          if (canary.hits != 0 || g_strcmp0 (webkit_web_view_get_title (web_view), "PWNED") == 0)
            g_error ("%s let something through: %u request(s) (first: %s), title “%s”",
                     (char *) g_ptr_array_index (names, i), canary.hits,
                     canary.paths->len > 0 ? (char *) g_ptr_array_index (canary.paths, 0) : "none",
                     webkit_web_view_get_title (web_view));
        }

      if (g_str_equal (g_ptr_array_index (names, i), "efail-direct-exfiltration.eml"))
        cartable_test_save_display_screenshot ("html-view-hostile");
    }

  /* A late meta refresh would fire after its delay: wait past it. */
  cartable_test_iterate (1500);
  g_assert_cmpuint (canary.hits, ==, 0);
  g_test_message ("%u messages, %u HTML parts, 0 requests to the canary", names->len, n_parts);

  gtk_window_destroy (window);
}

CARTABLE_TEST ("navigation-refused", test_navigation_refused)
{
  CartableHtmlView *view = cartable_html_view_new ();
  GtkWindow *window = new_window_with (GTK_WIDGET (view));
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (cartable_html_view_get_web_view (view));
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/navigation", canary.port);

  load_and_wait (view, "<p>Bonjour</p>");
  /* Not even the program itself can make the view leave the message.
   * WebKit may open a connection ahead of a program-initiated load (the
   * message cannot start one: see the corpus, where not even a connection
   * is made), but no request is ever sent. */
  webkit_web_view_load_uri (web_view, uri);
  cartable_test_iterate (800);
  if (canary.paths->len != 0)
    g_error ("the view navigated: %s", (char *) g_ptr_array_index (canary.paths, 0));
  canary.hits = 0;

  gtk_window_destroy (window);
}

CARTABLE_TEST ("cid-served-from-message", test_cid_served_from_message)
{
  CartableHtmlView *view = cartable_html_view_new ();
  GtkWindow *window = new_window_with (GTK_WIDGET (view));
  g_autoptr(GPtrArray) asked = g_ptr_array_new_with_free_func (g_free);

  cartable_html_view_set_cid_resolver (view, resolve_cid_cb, g_ptr_array_ref (asked),
                                       (GDestroyNotify) g_ptr_array_unref);
  load_and_wait (view, "<p>Logo :</p><img src=\"cid:logo@cartable\" width=\"20\" height=\"20\">");
  /* The image is asked for after the page's own load, later on a busy machine. */
  cartable_test_wait_for (resolver_asked, asked, 10000);
  cartable_test_iterate (300);

  g_assert_cmpuint (asked->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (asked, 0), ==, "logo@cartable");
  g_assert_cmpuint (canary.hits, ==, 0);

  gtk_window_destroy (window);
}

CARTABLE_TEST ("remote-content-once", test_remote_content_once)
{
  CartableHtmlView *view = cartable_html_view_new ();
  GtkWindow *window = new_window_with (GTK_WIDGET (view));
  g_autofree char *html = g_strdup_printf ("<p>Lettre d’information</p>"
                                           "<img src=\"http://127.0.0.1:%u/control\">",
                                           canary.port);
  guint before = canary.hits;

  load_and_wait (view, html);
  g_assert_true (cartable_html_view_get_has_remote_content (view));
  g_assert_false (cartable_html_view_get_remote_allowed (view));
  g_assert_cmpuint (canary.hits, ==, before);

  /* Control: once the user allows it, the same image does reach the
   * canary — the corpus test above would have seen a leak. */
  cartable_html_view_allow_remote_content (view);
  g_assert_true (cartable_test_wait_for (view_idle, view, 20000));
  /* The image request may reach the canary after the view went idle on a
   * loaded machine: wait for it rather than for a fixed time. */
  cartable_test_wait_for (canary_hit_since, GUINT_TO_POINTER (before), 10000);
  cartable_test_iterate (300);
  g_assert_cmpuint (canary.hits, ==, before + 1);

  /* The next message is blocked again. */
  load_and_wait (view, html);
  g_assert_false (cartable_html_view_get_remote_allowed (view));
  g_assert_cmpuint (canary.hits, ==, before + 1);

  gtk_window_destroy (window);
  canary.hits = before;
  g_ptr_array_set_size (canary.paths, 0);
}

CARTABLE_TEST ("plain-text-links", test_plain_text_links)
{
  CartableHtmlView *view = cartable_html_view_new ();
  GtkWindow *window = new_window_with (GTK_WIDGET (view));

  cartable_html_view_load_text (view, "Bonjour,\n\nle conseil de classe est <mardi> à 17 h : "
                                      "https://www.ac-normandie.fr/conseil.\n\nMarie");
  g_assert_true (cartable_test_wait_for (view_idle, view, 20000));
  cartable_test_iterate (300);
  g_assert_false (cartable_html_view_get_has_remote_content (view));
  cartable_test_save_display_screenshot ("html-view-plain-text");

  gtk_window_destroy (window);
}

CARTABLE_TEST ("dark-style", test_dark_style)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  CartableHtmlView *view;
  GtkWindow *window;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  view = cartable_html_view_new ();
  window = new_window_with (GTK_WIDGET (view));

  /* Plain text follows the dark style; an HTML letter keeps its author's
   * colours (a white page), which stays readable in a dark window. */
  cartable_html_view_load_text (view, "Bonjour,\n\nla réunion parents-professeurs aura lieu jeudi.\n\nMarie");
  g_assert_true (cartable_test_wait_for (view_idle, view, 20000));
  /* The first page of a web process takes a while to be painted. */
  cartable_test_iterate (1500);
  cartable_test_save_display_screenshot ("html-view-dark-plain");
  load_and_wait (view, "<p style=\"color:#222\">Lettre d’information <b>de l’académie</b></p>");
  cartable_test_save_display_screenshot ("html-view-dark-html");
  g_assert_cmpuint (canary.hits, ==, 0);

  gtk_window_destroy (window);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  cartable_test_ui_init (&argc, &argv);
  g_mime_init ();
  canary_start ();

  return cartable_test_run ();
}

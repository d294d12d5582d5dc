/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "cartable-test"

#include "config.h"

#include "cartable-test-a11y.h"

#include <json-glib/json-glib.h>
#include <unistd.h>

#include "cartable-test-wait.h"

/* Roles that are read by what they hold rather than by a name of their
 * own, even when they can take the focus. */
static const char *const container_roles[] = {
  "application", "filler", "panel", "scroll pane", "viewport", "section", NULL,
};

/* Roles a user acts on or types into: a reader announces them by name.
 * (GTK 4.8 lists a widget's action groups as AT-SPI actions, so having
 * actions says nothing.) */
static const char *const control_roles[] = {
  "push button", "toggle button", "check box", "radio button", "menu item", "check menu item",
  "radio menu item", "link", "combo box", "text", "password text", "entry", "spin button",
  "slider", "list item", "page tab", "switch", "list", "list box", "tree", "table", NULL,
};

static const char *
probe_path (void)
{
  const char *path = g_getenv ("CARTABLE_A11Y_PROBE");

  if (path == NULL)
    g_error ("CARTABLE_A11Y_PROBE is not set: run the test through meson");
  return path;
}

/* The probe, asking about this process; without the tests' fatal
 * warnings, which are for the program under test. */
static GSubprocess *
spawn_probe (GSubprocessFlags   flags,
             const char        *mode,
             GError           **error)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());

  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  return g_subprocess_launcher_spawn (launcher, error, probe_path (), mode, pid, NULL);
}

gboolean
cartable_test_a11y_on_bus (void)
{
  const char *backend = g_getenv ("GTK_A11Y");

  return backend == NULL || g_str_equal (backend, "atspi");
}

static void
free_node (gpointer data)
{
  CartableTestA11yNode *node = data;

  g_free (node->role);
  g_free (node->name);
  g_free (node->description);
  g_free (node->text);
  g_strfreev (node->states);
  g_free (node);
}

static GStrv
read_strings (JsonObject *object,
              const char *member)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static CartableTestA11yNode *
parse_node (const char *line)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  CartableTestA11yNode *node;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, line, -1, &error))
    g_error ("the accessibility probe wrote something that is not JSON (%s): %s", error->message, line);
  object = json_node_get_object (json_parser_get_root (parser));
  node = g_new0 (CartableTestA11yNode, 1);
  node->id = json_object_get_int_member (object, "id");
  node->parent = json_object_get_int_member (object, "parent");
  node->depth = json_object_get_int_member (object, "depth");
  node->role = g_strdup (json_object_get_string_member (object, "role"));
  node->name = g_strdup (json_object_get_string_member (object, "name"));
  node->description = g_strdup (json_object_get_string_member (object, "description"));
  if (json_object_has_member (object, "text"))
    node->text = g_strdup (json_object_get_string_member (object, "text"));
  node->states = read_strings (object, "states");
  return node;
}

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GPtrArray *
cartable_test_a11y_read_tree (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) probe = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *tree;

  g_assert_true (cartable_test_a11y_on_bus ());
  probe = spawn_probe (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, "tree", &error);
  g_assert_no_error (error);
  /* The probe asks this process, whose main loop must answer. */
  g_subprocess_communicate_utf8_async (probe, NULL, NULL, communicate_cb, &result);
  cartable_test_wait_result (&result, 120000);
  if (!g_subprocess_communicate_utf8_finish (probe, result, &out, &err, &error))
    g_error ("the accessibility probe failed: %s", error->message);
  if (!g_subprocess_get_if_exited (probe) || g_subprocess_get_exit_status (probe) != 0)
    g_error ("the accessibility probe could not read the tree: %s", err);

  tree = g_ptr_array_new_with_free_func (free_node);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] != '\0')
        g_ptr_array_add (tree, parse_node (lines[i]));
    }
  g_assert_cmpuint (tree->len, >, 0);
  return tree;
}

gboolean
cartable_test_a11y_node_has_state (const CartableTestA11yNode *node,
                                   const char                 *state)
{
  return g_strv_contains ((const char *const *) node->states, state);
}

const CartableTestA11yNode *
cartable_test_a11y_find (GPtrArray  *tree,
                         const char *role,
                         const char *name)
{
  for (guint i = 0; i < tree->len; i++)
    {
      const CartableTestA11yNode *node = g_ptr_array_index (tree, i);

      if ((role == NULL || g_str_equal (node->role, role)) && strstr (node->name, name) != NULL)
        return node;
    }
  return NULL;
}

gboolean
cartable_test_a11y_readable (GPtrArray  *tree,
                             const char *words)
{
  for (guint i = 0; i < tree->len; i++)
    {
      const CartableTestA11yNode *node = g_ptr_array_index (tree, i);

      if (strstr (node->name, words) != NULL || strstr (node->description, words) != NULL ||
          (node->text != NULL && strstr (node->text, words) != NULL))
        return TRUE;
    }
  return FALSE;
}

gboolean
cartable_test_a11y_name_doubled (const char *name)
{
  g_auto (GStrv) split = g_strsplit_set (name, " \n\t", -1);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  guint half;

  for (guint i = 0; split[i] != NULL; i++)
    {
      if (*split[i] != '\0')
        g_ptr_array_add (words, split[i]);
    }
  if (words->len < 2 || words->len % 2 != 0)
    return FALSE;
  half = words->len / 2;
  for (guint i = 0; i < half; i++)
    {
      if (!g_str_equal (g_ptr_array_index (words, i), g_ptr_array_index (words, half + i)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
name_shows_mnemonic (const char *name)
{
  for (const char *p = strchr (name, '_'); p != NULL; p = strchr (p + 1, '_'))
    {
      gboolean word_start = p == name || g_ascii_isspace (p[-1]) || p[-1] == '\'';

      if (word_start && g_unichar_isalpha (g_utf8_get_char (p + 1)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_control (const CartableTestA11yNode *node)
{
  if (g_strv_contains (control_roles, node->role))
    return TRUE;
  if (g_strv_contains (container_roles, node->role) || g_str_equal (node->role, "label"))
    return FALSE;
  return cartable_test_a11y_node_has_state (node, "focusable");
}

/* GTK 4.8 names an unnamed widget by its type (« GtkListBox »): a reader
 * says that word. The test runs in the program, which knows its types. */
static gboolean
is_type_name (const char *name)
{
  return *name != '\0' && strchr (name, ' ') == NULL && g_type_from_name (name) != 0;
}

/* The path of roles and names from the window to @node, for a sentence
 * that says where a problem is. */
static char *
describe_place (GPtrArray                  *tree,
                const CartableTestA11yNode *node)
{
  g_autoptr (GString) place = g_string_new (NULL);

  for (const CartableTestA11yNode *up = node; up != NULL;
       up = up->parent >= 0 ? g_ptr_array_index (tree, up->parent) : NULL)
    {
      if (up != node && *up->name == '\0')
        continue;
      g_string_prepend (place, up == node ? "" : " > ");
      if (*up->name != '\0')
        {
          g_string_prepend (place, "»");
          g_string_prepend (place, up->name);
          g_string_prepend (place, " «");
        }
      g_string_prepend (place, up->role);
    }
  return g_string_free (g_steal_pointer (&place), FALSE);
}

/* Whether @node is inside a combo box: a reader reads a combo box as one
 * control, its name and the item chosen (the list that shows that item in
 * libadwaita's combo rows is not reached on its own). */
static gboolean
inside_combo_box (GPtrArray                  *tree,
                  const CartableTestA11yNode *node)
{
  for (int up = node->parent; up >= 0; up = ((CartableTestA11yNode *) g_ptr_array_index (tree, up))->parent)
    {
      if (g_str_equal (((CartableTestA11yNode *) g_ptr_array_index (tree, up))->role, "combo box"))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
cartable_test_a11y_problems (GPtrArray *tree)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tree->len; i++)
    {
      const CartableTestA11yNode *node = g_ptr_array_index (tree, i);
      g_autofree char *place = NULL;

      if (is_control (node) && (*node->name == '\0' || is_type_name (node->name)) &&
          !inside_combo_box (tree, node))
        {
          place = describe_place (tree, node);
          g_ptr_array_add (problems, g_strdup_printf ("control without a name: %s", place));
        }
      else if (cartable_test_a11y_name_doubled (node->name))
        {
          place = describe_place (tree, node);
          g_ptr_array_add (problems, g_strdup_printf ("name said twice: %s", place));
        }
      else if (name_shows_mnemonic (node->name))
        {
          place = describe_place (tree, node);
          g_ptr_array_add (problems, g_strdup_printf ("mnemonic underscore read out: %s", place));
        }
    }
  return problems;
}

static void
append_node (GString                    *dump,
             const CartableTestA11yNode *node)
{
  g_autofree char *states = g_strjoinv (",", node->states);

  for (int i = 0; i < node->depth; i++)
    g_string_append (dump, "  ");
  g_string_append_printf (dump, "%s «%s»", node->role, node->name);
  if (*node->description != '\0')
    g_string_append_printf (dump, " (%s)", node->description);
  if (*states != '\0')
    g_string_append_printf (dump, " [%s]", states);
  if (node->text != NULL && *node->text != '\0' && !g_str_equal (node->text, node->name))
    {
      g_autofree char *start = g_utf8_substring (node->text, 0, MIN (g_utf8_strlen (node->text, -1), 80));

      g_strdelimit (start, "\n", ' ');
      g_string_append_printf (dump, " text:«%s»", start);
    }
  g_string_append_c (dump, '\n');
}

void
cartable_test_a11y_check_screen (const char *screen)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GPtrArray) tree = cartable_test_a11y_read_tree ();
  g_autoptr (GPtrArray) problems = cartable_test_a11y_problems (tree);

  g_test_message ("accessibility: %u objects on screen read in %.0f ms", tree->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_autoptr (GString) dump = g_string_new (NULL);
  const char *dir = g_getenv ("CARTABLE_TEST_ARTIFACTS");

  for (guint i = 0; i < tree->len; i++)
    append_node (dump, g_ptr_array_index (tree, i));
  if (dir != NULL)
    {
      g_autofree char *file_name = g_strconcat (screen, ".a11y.txt", NULL);
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autoptr (GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_file_set_contents (path, dump->str, -1, &error);
      g_assert_no_error (error);
    }
  if (problems->len > 0)
    {
      g_autoptr (GString) all = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (all, "\n  %s", (char *) g_ptr_array_index (problems, i));
      g_error ("screen %s: %u accessibility problem(s):%s", screen, problems->len, all->str);
    }
}

/* Listening */

struct _CartableTestA11yListener
{
  GSubprocess      *probe;
  GDataInputStream *events_in;
  GCancellable     *cancellable;
  GPtrArray        *heard;       /* what a reader spoke, in order */
  GPtrArray        *events;      /* every event, as the probe wrote it */
  gboolean          ready;
  gboolean          ended;
};

static gboolean
is_alert (const char *role)
{
  return g_str_equal (role, "notification") || g_str_equal (role, "alert");
}

/* What a reader such as Orca speaks on @event, or NULL when it says nothing. */
static char *
spoken_text (JsonObject *event)
{
  const char *type = json_object_get_string_member (event, "type");
  gboolean on = json_object_get_int_member (event, "detail1") != 0;
  const char *role = json_object_get_string_member (event, "role");
  const char *name = json_object_get_string_member (event, "name");
  const char *description = json_object_get_string_member (event, "description");
  const char *speech = json_object_get_string_member (event, "speech");
  g_auto (GStrv) states = read_strings (event, "states");
  gboolean focused = g_strv_contains ((const char *const *) states, "focused");

  if (g_str_has_prefix (type, "object:state-changed:showing") && on && is_alert (role))
    return g_strdup (speech);
  if (g_str_has_prefix (type, "object:text-changed:insert") && is_alert (role))
    return g_strdup (speech);
  if (g_str_has_prefix (type, "object:state-changed:focused") && on)
    return g_strdup_printf ("%s %s", name, description);
  if ((g_str_has_prefix (type, "object:property-change:accessible-name") ||
       g_str_has_prefix (type, "object:property-change:accessible-description") ||
       g_str_has_prefix (type, "object:state-changed:invalid-entry")) &&
      (focused || is_alert (role)))
    return g_strdup_printf ("%s %s", name, description);
  if (g_str_has_prefix (type, "object:children-changed:add") &&
      json_object_has_member (event, "child_role") &&
      is_alert (json_object_get_string_member (event, "child_role")))
    return g_strdup (json_object_get_string_member (event, "child_speech"));
  if (g_str_has_prefix (type, "window:activate"))
    return g_strdup (name);
  return NULL;
}

static void read_event (CartableTestA11yListener *listener);

static void
read_event_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CartableTestA11yListener *listener = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                     result, NULL, &error);
  JsonObject *event;
  char *spoken;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      listener->ended = TRUE;
      return;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, line, -1, NULL))
    g_error ("the accessibility probe wrote something that is not JSON: %s", line);
  event = json_node_get_object (json_parser_get_root (parser));
  g_ptr_array_add (listener->events, g_strdup (line));
  if (json_object_has_member (event, "ready"))
    listener->ready = TRUE;
  else if ((spoken = spoken_text (event)) != NULL)
    {
      g_test_message ("a reader hears: %s", spoken);
      g_ptr_array_add (listener->heard, spoken);
    }
  read_event (listener);
}

static void
read_event (CartableTestA11yListener *listener)
{
  g_data_input_stream_read_line_async (listener->events_in, G_PRIORITY_DEFAULT,
                                       listener->cancellable, read_event_cb, listener);
}

static gboolean
listener_ready (gpointer data)
{
  CartableTestA11yListener *listener = data;

  return listener->ready || listener->ended;
}

CartableTestA11yListener *
cartable_test_a11y_listen (void)
{
  g_autoptr (GError) error = NULL;
  CartableTestA11yListener *listener = g_new0 (CartableTestA11yListener, 1);

  g_assert_true (cartable_test_a11y_on_bus ());
  listener->probe = spawn_probe (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, "listen",
                                 &error);
  g_assert_no_error (error);
  listener->events_in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (listener->probe));
  listener->cancellable = g_cancellable_new ();
  listener->heard = g_ptr_array_new_with_free_func (g_free);
  listener->events = g_ptr_array_new_with_free_func (g_free);
  read_event (listener);
  if (!cartable_test_wait_for (listener_ready, listener, 30000) || !listener->ready)
    {
      g_subprocess_wait (listener->probe, NULL, NULL);
      g_error ("the accessibility probe did not start listening (%s %d)",
               g_subprocess_get_if_signaled (listener->probe) ? "signal" : "exit",
               g_subprocess_get_if_signaled (listener->probe) ? g_subprocess_get_term_sig (listener->probe)
                                                              : g_subprocess_get_exit_status (listener->probe));
    }
  return listener;
}

gboolean
cartable_test_a11y_heard (CartableTestA11yListener *listener,
                          const char               *words)
{
  for (guint i = 0; i < listener->heard->len; i++)
    {
      if (strstr (g_ptr_array_index (listener->heard, i), words) != NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  CartableTestA11yListener *listener;
  const char               *words;
} HeardQuery;

static gboolean
words_heard (gpointer data)
{
  HeardQuery *query = data;

  return cartable_test_a11y_heard (query->listener, query->words);
}

void
cartable_test_a11y_assert_spoken (CartableTestA11yListener *listener,
                                  const char               *words,
                                  guint                     timeout_ms)
{
  HeardQuery query = { listener, words };

  if (!cartable_test_wait_for (words_heard, &query, timeout_ms))
    {
      g_autoptr (GString) all = g_string_new (NULL);

      for (guint i = 0; i < listener->heard->len; i++)
        g_string_append_printf (all, "\n  « %s »", (char *) g_ptr_array_index (listener->heard, i));
      /* What went by on the bus, for whoever reads the log. */
      for (guint i = listener->events->len > 20 ? listener->events->len - 20 : 0; i < listener->events->len; i++)
        g_test_message ("event: %s", (char *) g_ptr_array_index (listener->events, i));
      g_error ("a screen reader did not hear « %s »; it heard:%s", words,
               all->len > 0 ? all->str : " nothing");
    }
}

void
cartable_test_a11y_listener_free (CartableTestA11yListener *listener)
{
  g_cancellable_cancel (listener->cancellable);
  /* Closing its input ends the probe. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (listener->probe), NULL, NULL);
  g_subprocess_wait (listener->probe, NULL, NULL);
  g_object_unref (listener->events_in);
  g_object_unref (listener->cancellable);
  g_object_unref (listener->probe);
  g_ptr_array_unref (listener->heard);
  g_ptr_array_unref (listener->events);
  g_free (listener);
}

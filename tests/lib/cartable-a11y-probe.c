/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a screen reader sees of a running program, read through the
 * accessibility bus (AT-SPI) from another process, as Orca would: a test
 * cannot ask its own process, whose main loop has to answer the calls.
 *
 *   cartable-a11y-probe tree PID      the accessible tree of PID on screen,
 *                                     one JSON object per line
 *   cartable-a11y-probe listen PID    "ready", then one JSON object per
 *                                     event of PID a reader would hear
 *                                     about, until standard input closes
 *
 * Only what is on screen is read. A node: {"id", "parent", "depth", "role", "name", "description",
 * "states": [...], "text"} (no actions: GTK 4.8 lists a widget's action
 * groups there, which says nothing of what a user can do with it). An event: {"type",
 * "detail1", "role", "name", "description", "states", "speech"}, where
 * "speech" is the text of the source and of what it holds, as a reader
 * reads an alert; an object added adds "child_role" and "child_speech".
 */

#define G_LOG_DOMAIN "cartable-a11y-probe"

#include <atspi/atspi.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libatspi 2.46 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiText, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiEventListener, g_object_unref)

/* Text longer than this is cut: a message body is checked by its start. */
#define MAX_TEXT 4096
/* A tree deeper than this is a loop in what the toolkit reports. */
#define MAX_DEPTH 64

static const AtspiStateType reported_states[] = {
  ATSPI_STATE_FOCUSABLE, ATSPI_STATE_FOCUSED, ATSPI_STATE_SENSITIVE, ATSPI_STATE_SELECTABLE,
  ATSPI_STATE_SELECTED, ATSPI_STATE_CHECKABLE, ATSPI_STATE_CHECKED, ATSPI_STATE_EDITABLE,
  ATSPI_STATE_EXPANDABLE, ATSPI_STATE_EXPANDED, ATSPI_STATE_ACTIVE, ATSPI_STATE_INVALID_ENTRY,
  ATSPI_STATE_REQUIRED, ATSPI_STATE_MULTI_LINE, ATSPI_STATE_PRESSED, ATSPI_STATE_VISIBLE,
  ATSPI_STATE_SHOWING,
};

static void
print_object (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *line = NULL;

  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  printf ("%s\n", line);
  fflush (stdout);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static char *
read_text (AtspiAccessible *accessible)
{
  g_autoptr (AtspiText) text = atspi_accessible_get_text_iface (accessible);
  int count;

  if (text == NULL)
    return NULL;
  count = atspi_text_get_character_count (text, NULL);
  if (count <= 0)
    return g_strdup ("");
  return atspi_text_get_text (text, 0, MIN (count, MAX_TEXT), NULL);
}

static void
add_states (JsonBuilder     *builder,
            AtspiAccessible *accessible)
{
  g_autoptr (AtspiStateSet) states = atspi_accessible_get_state_set (accessible);

  json_builder_set_member_name (builder, "states");
  json_builder_begin_array (builder);
  for (gsize i = 0; states != NULL && i < G_N_ELEMENTS (reported_states); i++)
    {
      if (!atspi_state_set_contains (states, reported_states[i]))
        continue;
      g_autofree char *name = g_enum_to_string (ATSPI_TYPE_STATE_TYPE, reported_states[i]);
      /* "ATSPI_STATE_FOCUSABLE" → "focusable" */
      g_autofree char *plain = g_ascii_strdown (name + strlen ("ATSPI_STATE_"), -1);
      json_builder_add_string_value (builder, plain);
    }
  json_builder_end_array (builder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiComponent, g_object_unref)

/* GTK 4.8 marks no object but a window as showing, and lists the widgets
 * of a stack's hidden pages as any other: what is on screen is what has a
 * size (a widget that is not shown has none). */
static gboolean
is_on_screen (AtspiAccessible *accessible)
{
  g_autoptr (AtspiComponent) component = atspi_accessible_get_component_iface (accessible);
  g_autofree AtspiPoint *size = NULL;

  if (component == NULL)
    return TRUE;
  size = atspi_component_get_size (component, NULL);
  return size != NULL && size->x > 0 && size->y > 0;
}

static void
print_node (AtspiAccessible *accessible,
            int              id,
            int              parent,
            int              depth)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *role = atspi_accessible_get_role_name (accessible, NULL);
  g_autofree char *name = atspi_accessible_get_name (accessible, NULL);
  g_autofree char *description = atspi_accessible_get_description (accessible, NULL);
  g_autofree char *text = read_text (accessible);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "parent");
  json_builder_add_int_value (builder, parent);
  json_builder_set_member_name (builder, "depth");
  json_builder_add_int_value (builder, depth);
  add_string (builder, "role", role);
  add_string (builder, "name", name);
  add_string (builder, "description", description);
  add_states (builder, accessible);
  if (text != NULL)
    add_string (builder, "text", text);
  json_builder_end_object (builder);
  print_object (builder);
}

static void
walk (AtspiAccessible *accessible,
      int              parent,
      int              depth,
      int             *next_id)
{
  int id = (*next_id)++;
  int count;

  print_node (accessible, id, parent, depth);
  if (depth >= MAX_DEPTH)
    return;
  count = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < count; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL && is_on_screen (child))
        walk (child, id, depth + 1, next_id);
    }
}

static AtspiAccessible *
find_application (int pid)
{
  g_autoptr (AtspiAccessible) desktop = atspi_get_desktop (0);
  int count = atspi_accessible_get_child_count (desktop, NULL);

  for (int i = 0; i < count; i++)
    {
      g_autoptr (AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && (int) atspi_accessible_get_process_id (app, NULL) == pid)
        return g_steal_pointer (&app);
    }
  return NULL;
}

static AtspiAccessible *
wait_for_application (int pid)
{
  AtspiAccessible *app = NULL;

  /* The program may have asked for the bus a moment ago. */
  for (int tries = 0; app == NULL && tries < 50; tries++)
    {
      app = find_application (pid);
      if (app == NULL)
        g_usleep (100 * G_TIME_SPAN_MILLISECOND);
    }
  if (app == NULL)
    g_printerr ("cartable-a11y-probe: no application of process %d on the bus\n", pid);
  return app;
}

static int
print_tree (int pid)
{
  g_autoptr (AtspiAccessible) app = wait_for_application (pid);
  int next_id = 0;

  if (app == NULL)
    return 1;
  walk (app, -1, 0, &next_id);
  return 0;
}

/* What a reader says of an object that shows itself: its name, its
 * description, its text, and those of what it holds. */
static void
append_speech (GString         *speech,
               AtspiAccessible *accessible,
               int              depth)
{
  g_autofree char *name = atspi_accessible_get_name (accessible, NULL);
  g_autofree char *description = atspi_accessible_get_description (accessible, NULL);
  g_autofree char *text = read_text (accessible);
  const char *parts[] = { name, description, text };
  int count;

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] != NULL && *parts[i] != '\0' && strstr (speech->str, parts[i]) == NULL)
        g_string_append_printf (speech, "%s%s", speech->len > 0 ? " " : "", parts[i]);
    }
  if (depth >= 6)
    return;
  count = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < count; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL)
        append_speech (speech, child, depth + 1);
    }
}

/* Whether @accessible belongs to @app (the process id libatspi gives for
 * an event's source is not always the application's). */
static gboolean
belongs_to (AtspiAccessible *accessible,
            AtspiAccessible *app)
{
  g_autoptr (AtspiAccessible) its_app = atspi_accessible_get_application (accessible, NULL);

  return its_app == app;
}

static void
event_cb (AtspiEvent *event,
          void       *user_data)
{
  AtspiAccessible *app = user_data;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GString) speech = NULL;
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *child_role = NULL;
  g_autoptr (GString) child_speech = NULL;

  if (event->source == NULL || !belongs_to (event->source, app))
    {
      g_boxed_free (ATSPI_TYPE_EVENT, event);
      return;
    }

  builder = json_builder_new ();
  speech = g_string_new (NULL);
  role = atspi_accessible_get_role_name (event->source, NULL);
  name = atspi_accessible_get_name (event->source, NULL);
  description = atspi_accessible_get_description (event->source, NULL);
  append_speech (speech, event->source, 0);
  if (G_VALUE_HOLDS_STRING (&event->any_data) && g_value_get_string (&event->any_data) != NULL)
    g_string_append_printf (speech, " %s", g_value_get_string (&event->any_data));
  /* An object added: what it is and says. */
  if (G_VALUE_HOLDS_OBJECT (&event->any_data) && ATSPI_IS_ACCESSIBLE (g_value_get_object (&event->any_data)))
    {
      AtspiAccessible *child = g_value_get_object (&event->any_data);

      child_role = atspi_accessible_get_role_name (child, NULL);
      child_speech = g_string_new (NULL);
      append_speech (child_speech, child, 0);
    }

  json_builder_begin_object (builder);
  add_string (builder, "type", event->type);
  json_builder_set_member_name (builder, "detail1");
  json_builder_add_int_value (builder, event->detail1);
  add_string (builder, "role", role);
  add_string (builder, "name", name);
  add_string (builder, "description", description);
  add_states (builder, event->source);
  add_string (builder, "speech", speech->str);
  if (child_role != NULL)
    {
      add_string (builder, "child_role", child_role);
      add_string (builder, "child_speech", child_speech->str);
    }
  json_builder_end_object (builder);
  print_object (builder);
  g_boxed_free (ATSPI_TYPE_EVENT, event);
}

static gboolean
stdin_closed_cb (GIOChannel   *channel,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  char buffer[256];
  gsize got = 0;

  if ((condition & G_IO_IN) &&
      g_io_channel_read_chars (channel, buffer, sizeof buffer, &got, NULL) == G_IO_STATUS_NORMAL &&
      got > 0)
    return G_SOURCE_CONTINUE;
  atspi_event_quit ();
  return G_SOURCE_REMOVE;
}

static int
listen_events (int pid)
{
  /* What Orca listens to, for what it speaks without a key press. */
  static const char *const types[] = {
    "object:state-changed:showing", "object:state-changed:focused",
    "object:state-changed:invalid-entry", "object:state-changed:checked",
    "object:state-changed:selected", "object:property-change:accessible-name",
    "object:property-change:accessible-description", "object:text-changed:insert",
    "object:children-changed:add", "window:activate",
  };
  g_autoptr (AtspiAccessible) app = wait_for_application (pid);
  g_autoptr (AtspiEventListener) listener = NULL;
  g_autoptr (GIOChannel) input = g_io_channel_unix_new (0);

  if (app == NULL)
    return 1;
  listener = atspi_event_listener_new (event_cb, app, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!atspi_event_listener_register (listener, types[i], &error))
        {
          g_printerr ("cartable-a11y-probe: cannot listen to %s: %s\n", types[i], error->message);
          return 1;
        }
    }
  /* The listener's match rules go to the bus without an answer: a call
   * the bus answers comes after them, so events sent after "ready" are
   * ours. */
  atspi_accessible_get_process_id (app, NULL);
  g_io_channel_set_encoding (input, NULL, NULL);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, NULL);
  printf ("{\"ready\":true}\n");
  fflush (stdout);
  atspi_event_main ();
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int pid;
  int status;

  if (argc != 3 || (g_strcmp0 (argv[1], "tree") != 0 && g_strcmp0 (argv[1], "listen") != 0))
    {
      g_printerr ("usage: cartable-a11y-probe tree|listen PID\n");
      return 2;
    }
  pid = atoi (argv[2]);
  /* The tests make warnings fatal (G_DEBUG); libatspi warns, and goes on,
   * when it asks a program for its cache before the program has one. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  if (atspi_init () < 0)
    {
      g_printerr ("cartable-a11y-probe: the accessibility bus cannot be reached\n");
      return 1;
    }
  /* A test under load answers slowly; the default (800 ms) is too short. */
  atspi_set_timeout (20000, 30000);
  status = g_str_equal (argv[1], "tree") ? print_tree (pid) : listen_events (pid);
  atspi_exit ();
  return status;
}

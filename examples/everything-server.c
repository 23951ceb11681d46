/* everything-server.c: an MCP server exposing every feature mcp-glib has,
 * including the fixtures of the official conformance suite.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Run it from an MCP host as `mcp-everything-server` (stdio), or as a
 * network server:
 *
 *   mcp-everything-server --ws [HOST:]PORT    WebSocket clients at ws://HOST:PORT/
 *
 * HOST defaults to 127.0.0.1; with port 0 a free port is picked. The URL of
 * each listener is printed on standard error once it listens.
 */

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>

#include <mcp-glib/mcp-glib.h>

/* A 1×1 red PNG. */
static const char red_pixel_png[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

static GMainLoop *main_loop;
static int exit_status = EXIT_SUCCESS;

static GBytes *
decode (const char *base64)
{
  gsize length = 0;
  guchar *data = g_base64_decode (base64, &length);

  return g_bytes_new_take (data, length);
}

/* A short WAV file: 8 kHz mono 16-bit, 0.1 s of a 440 Hz tone. */
static GBytes *
make_wav (void)
{
  const guint32 rate = 8000;
  const guint32 samples = rate / 10;
  const guint32 data_size = samples * 2;
  GByteArray *wav = g_byte_array_sized_new (44 + data_size);
  guint32 u32;
  guint16 u16;

#define PUT(bytes, n) g_byte_array_append (wav, (const guint8 *) (bytes), (n))
#define PUT32(v) (u32 = GUINT32_TO_LE (v), PUT (&u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), PUT (&u16, 2))
  PUT ("RIFF", 4); PUT32 (36 + data_size); PUT ("WAVE", 4);
  PUT ("fmt ", 4); PUT32 (16); PUT16 (1); PUT16 (1); PUT32 (rate); PUT32 (rate * 2);
  PUT16 (2); PUT16 (16);
  PUT ("data", 4); PUT32 (data_size);
  for (guint32 i = 0; i < samples; i++)
    {
      gint16 sample = (gint16) (8000 * sin (2 * G_PI * 440 * i / rate));

      PUT16 ((guint16) sample);
    }
#undef PUT16
#undef PUT32
#undef PUT

  return g_byte_array_free_to_bytes (wav);
}

static McpTool *
new_tool (const char *name,
          const char *description,
          const char *input_schema)
{
  McpTool *tool = mcp_tool_new (name, description);
  g_autoptr(GError) error = NULL;

  if (input_schema != NULL && !mcp_tool_set_input_schema_json (tool, input_schema, &error))
    g_error ("Bad schema for %s: %s", name, error->message);

  return tool;
}

/* Tools --------------------------------------------------------------------- */

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_autofree char *text = g_strdup_printf ("Echo: %s",
                                           mcp_tool_call_get_string (call, "message", ""));

  mcp_tool_call_return_text (call, text);
}

static void
tool_add (McpServer   *server,
          McpToolCall *call,
          gpointer     user_data)
{
  gdouble sum = mcp_tool_call_get_double (call, "a", 0) + mcp_tool_call_get_double (call, "b", 0);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(JsonNode) structured = NULL;
  JsonObject *object = json_object_new ();

  /* 2 + 3 prints as "5", not "5.0". */
  if (sum == floor (sum) && fabs (sum) < 1e15)
    g_snprintf (buffer, sizeof buffer, "%.0f", sum);
  else
    g_ascii_dtostr (buffer, sizeof buffer, sum);

  result = mcp_tool_result_new_text (buffer);
  if (sum == floor (sum) && fabs (sum) < 1e15)
    json_object_set_int_member (object, "sum", (gint64) sum);
  else
    json_object_set_double_member (object, "sum", sum);
  structured = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  mcp_tool_result_set_structured_content (result, structured);
  mcp_tool_call_return_result (call, result);
}

static void
tool_simple_text (McpServer   *server,
                  McpToolCall *call,
                  gpointer     user_data)
{
  mcp_tool_call_return_text (call, "This is a simple text response for testing.");
}

static void
tool_image (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) png = decode (red_pixel_png);

  mcp_tool_result_add_image (result, png, "image/png");
  mcp_tool_call_return_result (call, result);
}

static void
tool_audio (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) wav = make_wav ();

  mcp_tool_result_add_audio (result, wav, "audio/wav");
  mcp_tool_call_return_result (call, result);
}

static void
tool_embedded_resource (McpServer   *server,
                        McpToolCall *call,
                        gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();

  mcp_tool_result_add_embedded_text (result, "test://embedded-resource", "text/plain",
                                     "This is an embedded resource content.");
  mcp_tool_call_return_result (call, result);
}

static void
tool_multiple_content_types (McpServer   *server,
                             McpToolCall *call,
                             gpointer     user_data)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(GBytes) png = decode (red_pixel_png);

  mcp_tool_result_add_text (result, "Multiple content types test:");
  mcp_tool_result_add_image (result, png, "image/png");
  mcp_tool_result_add_embedded_text (result, "test://mixed-content-resource", "application/json",
                                     "{\"test\":\"data\",\"value\":123}");
  mcp_tool_call_return_result (call, result);
}

static void
tool_error_handling (McpServer   *server,
                     McpToolCall *call,
                     gpointer     user_data)
{
  mcp_tool_call_return_error (call, "This tool intentionally returns an error for testing");
}

/* Steps run 50 ms apart on the main loop; the call is completed from a timer,
 * as any asynchronous handler would. */
typedef struct
{
  McpToolCall *call;
  guint        step;
  gulong       cancelled_id;
} Steps;

static void
steps_free (Steps *steps)
{
  if (steps->cancelled_id != 0)
    g_cancellable_disconnect (mcp_tool_call_get_cancellable (steps->call), steps->cancelled_id);
  g_clear_object (&steps->call);
  g_free (steps);
}

static gboolean
logging_step (gpointer user_data)
{
  Steps *steps = user_data;
  static const char * const messages[] = {
    "Tool execution started",
    "Tool processing data",
    "Tool execution completed",
  };
  g_autoptr(JsonNode) data = json_node_init_string (json_node_alloc (), messages[steps->step]);

  mcp_tool_call_log (steps->call, MCP_LOGGING_LEVEL_INFO, "everything-server", data);

  if (++steps->step < G_N_ELEMENTS (messages))
    return G_SOURCE_CONTINUE;

  mcp_tool_call_return_text (steps->call, "Tool with logging executed successfully");
  return G_SOURCE_REMOVE;
}

static void
tool_with_logging (McpServer   *server,
                   McpToolCall *call,
                   gpointer     user_data)
{
  Steps *steps = g_new0 (Steps, 1);

  steps->call = g_object_ref (call);
  logging_step (steps);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, logging_step, steps, (GDestroyNotify) steps_free);
}

static gboolean
progress_step (gpointer user_data)
{
  Steps *steps = user_data;

  if (mcp_tool_call_is_cancelled (steps->call))
    return G_SOURCE_REMOVE;

  mcp_tool_call_send_progress (steps->call, steps->step * 50, 100, NULL);

  if (++steps->step <= 2)
    return G_SOURCE_CONTINUE;

  mcp_tool_call_return_text (steps->call, "Tool with progress completed");
  return G_SOURCE_REMOVE;
}

static void
tool_with_progress (McpServer   *server,
                    McpToolCall *call,
                    gpointer     user_data)
{
  Steps *steps = g_new0 (Steps, 1);

  steps->call = g_object_ref (call);
  progress_step (steps);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, progress_step, steps, (GDestroyNotify) steps_free);
}

/* Answers after `ms` milliseconds, or never if the client cancels first:
 * for testing timeouts, cancellation and many calls in flight. */
typedef struct
{
  McpToolCall *call;
  guint        timeout_id;
  gulong       cancelled_id;
} Delay;

static void
delay_free (Delay *delay)
{
  if (delay->cancelled_id != 0)
    g_cancellable_disconnect (mcp_tool_call_get_cancellable (delay->call), delay->cancelled_id);
  g_clear_handle_id (&delay->timeout_id, g_source_remove);
  g_clear_object (&delay->call);
  g_free (delay);
}

static gboolean
delay_done (gpointer user_data)
{
  Delay *delay = user_data;

  delay->timeout_id = 0;
  mcp_tool_call_return_text (delay->call, "done");
  delay_free (delay);
  return G_SOURCE_REMOVE;
}

static gboolean
delay_cancelled_idle (gpointer user_data)
{
  delay_free (user_data);
  return G_SOURCE_REMOVE;
}

static void
delay_cancelled (GCancellable *cancellable,
                 gpointer      user_data)
{
  Delay *delay = user_data;

  /* Not from inside the cancelled handler: it holds the cancellable's lock. */
  g_clear_handle_id (&delay->timeout_id, g_source_remove);
  g_idle_add (delay_cancelled_idle, delay);
}

static void
tool_delay (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  gint64 ms = mcp_tool_call_get_int (call, "ms", 0);
  Delay *delay = g_new0 (Delay, 1);

  delay->call = g_object_ref (call);
  delay->timeout_id = g_timeout_add ((guint) CLAMP (ms, 0, 600000), delay_done, delay);
  delay->cancelled_id = g_cancellable_connect (mcp_tool_call_get_cancellable (call),
                                               G_CALLBACK (delay_cancelled), delay, NULL);
}

static void
register_tools (McpServer *server)
{
  static const struct {
    const char     *name;
    const char     *description;
    const char     *schema;
    McpToolHandler  handler;
  } tools[] = {
    { "echo", "Echoes back the message it is given",
      "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\","
      "\"description\":\"The message to echo\"}},\"required\":[\"message\"]}",
      tool_echo },
    { "add", "Adds two numbers",
      "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\",\"description\":\"First number\"},"
      "\"b\":{\"type\":\"number\",\"description\":\"Second number\"}},\"required\":[\"a\",\"b\"]}",
      tool_add },
    { "test_simple_text", "Returns a simple text response", NULL, tool_simple_text },
    { "test_image_content", "Returns an image (a 1x1 red pixel PNG)", NULL, tool_image },
    { "test_audio_content", "Returns a short WAV audio clip", NULL, tool_audio },
    { "test_embedded_resource", "Returns an embedded text resource", NULL,
      tool_embedded_resource },
    { "test_multiple_content_types", "Returns text, an image and an embedded resource", NULL,
      tool_multiple_content_types },
    { "test_tool_with_logging", "Sends three log messages while it runs", NULL,
      tool_with_logging },
    { "test_tool_with_progress", "Reports progress 0, 50 and 100 of 100 while it runs", NULL,
      tool_with_progress },
    { "test_error_handling", "Always fails with a tool error", NULL, tool_error_handling },
    { "delay", "Answers after the given number of milliseconds; can be cancelled",
      "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\",\"minimum\":0,"
      "\"maximum\":600000}},\"required\":[\"ms\"]}",
      tool_delay },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autoptr(McpTool) tool = new_tool (tools[i].name, tools[i].description, tools[i].schema);

      if (tools[i].handler == tool_add)
        mcp_tool_set_output_schema_json (tool,
                                         "{\"type\":\"object\",\"properties\":{\"sum\":{\"type\":\"number\"}},"
                                         "\"required\":[\"sum\"]}",
                                         NULL);
      if (tools[i].handler == tool_echo || tools[i].handler == tool_add)
        mcp_tool_set_hint (tool, "readOnlyHint", TRUE);

      mcp_server_add_tool (server, tool, tools[i].handler, NULL, NULL);
    }
}

/* Main ---------------------------------------------------------------------- */

static void
on_session_removed (McpServer        *server,
                    McpServerSession *session,
                    gpointer          user_data)
{
  /* A stdio server lives as long as its one client. */
  if (mcp_server_get_n_sessions (server) == 0)
    g_main_loop_quit (main_loop);
}

/* "[HOST:]PORT", "[::1]:PORT" → host (NULL for the default) and port. */
static gboolean
parse_listen_address (const char  *address,
                      char       **host,
                      guint       *port,
                      GError     **error)
{
  const char *colon = strrchr (address, ':');
  const char *port_text = colon != NULL ? colon + 1 : address;
  guint64 value = 0;

  *host = NULL;
  if (!g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT16, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Invalid address \"%s\": expected [HOST:]PORT", address);
      return FALSE;
    }

  if (colon != NULL && colon > address)
    {
      const char *start = address;
      const char *end = colon;

      if (*start == '[' && end[-1] == ']')
        {
          start++;
          end--;
        }
      *host = g_strndup (start, end - start);
    }

  *port = (guint) value;
  return TRUE;
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (main_loop);
  return G_SOURCE_CONTINUE;
}

static void
websocket_started_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McpWebSocketServerTransport *listener = MCP_WEBSOCKET_SERVER_TRANSPORT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (listener), result, &error))
    {
      g_printerr ("mcp-everything-server: %s\n", error->message);
      exit_status = EXIT_FAILURE;
      g_main_loop_quit (main_loop);
      return;
    }

  url = mcp_websocket_server_transport_dup_url (listener);
  g_printerr ("mcp-everything-server: listening on %s\n", url);
}

static McpWebSocketServerTransport *
start_websocket (McpServer   *server,
                 const char  *address,
                 GError     **error)
{
  g_autoptr(McpWebSocketServerTransport) listener = NULL;
  g_autofree char *host = NULL;
  guint port = 0;

  if (!parse_listen_address (address, &host, &port, error))
    return NULL;

  listener = mcp_websocket_server_transport_new (host, port);
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (listener));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (listener), NULL,
                                    websocket_started_cb, NULL);

  return g_steal_pointer (&listener);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpServer) server = NULL;
  g_autoptr(McpStdioTransport) stdio = NULL;
  g_autoptr(McpWebSocketServerTransport) websocket = NULL;
  g_autofree char *ws_address = NULL;
  gboolean use_stdio = FALSE;
  const GOptionEntry entries[] = {
    { "stdio", 0, 0, G_OPTION_ARG_NONE, &use_stdio,
      "Serve one client on standard input and output (the default)", NULL },
    { "ws", 0, 0, G_OPTION_ARG_STRING, &ws_address,
      "Serve WebSocket clients on [HOST:]PORT (HOST defaults to 127.0.0.1; port 0 picks one)",
      "[HOST:]PORT" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- an MCP server with every feature of mcp-glib");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  main_loop = g_main_loop_new (NULL, FALSE);
  server = mcp_server_new ("mcp-everything-server", MCP_VERSION_S);
  mcp_server_set_title (server, "mcp-glib everything server");
  mcp_server_set_instructions (server,
                               "Test server for mcp-glib. Every tool is safe to call; "
                               "the test_* tools are the official conformance fixtures.");
  register_tools (server);

  if (ws_address != NULL)
    {
      websocket = start_websocket (server, ws_address, &error);
      if (websocket == NULL)
        {
          g_printerr ("mcp-everything-server: %s\n", error->message);
          return 2;
        }
    }

  /* Network listeners serve until SIGINT or SIGTERM; stdio until its one
   * client goes. */
  g_unix_signal_add (SIGINT, on_quit_signal, NULL);
  g_unix_signal_add (SIGTERM, on_quit_signal, NULL);

  if (use_stdio || ws_address == NULL)
    {
      g_signal_connect (server, "session-removed", G_CALLBACK (on_session_removed), NULL);
      stdio = mcp_stdio_transport_new ();
      mcp_server_add_transport (server, MCP_TRANSPORT (stdio));
    }

  g_main_loop_run (main_loop);

  if (websocket != NULL)
    mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (websocket), NULL, NULL, NULL);

  g_clear_object (&server);
  g_clear_pointer (&main_loop, g_main_loop_unref);

  return exit_status;
}

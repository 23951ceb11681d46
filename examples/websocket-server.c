/* websocket-server.c: an MCP server over WebSocket, each connection a
 * session that the server can talk to at any time
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   websocket-server [PORT]     (or PORT from the environment; 8765 by default)
 *
 * Listens at ws://127.0.0.1:PORT/. Its tool
 * "countdown" counts down from n, one step a second, with a progress
 * notification for each, and can be cancelled; every connected client also
 * gets a log message each time a client comes or goes. Pings every 20 s
 * keep proxies from closing idle connections, and find dead peers.
 * SIGTERM or SIGINT stops taking connections and lets countdowns running
 * finish for up to 15 s.
 *
 * It prints its URL on stdout once it listens. Try it:
 *   mcp-cli ws://127.0.0.1:8765/ call countdown n=3
 */

#include <glib-unix.h>
#include <stdlib.h>

#include <mcp-glib/mcp-glib.h>

#define GRACE_PERIOD_MS (15 * 1000)

static GMainLoop *loop;
static int exit_status = EXIT_SUCCESS;

typedef struct
{
  McpToolCall *call;
  gint64       left;
  gint64       total;
} Countdown;

static gboolean
countdown_step (gpointer user_data)
{
  Countdown *countdown = user_data;

  if (mcp_tool_call_is_cancelled (countdown->call))
    return G_SOURCE_REMOVE;  /* the destroy notify drops the call: answered */

  countdown->left--;
  mcp_tool_call_send_progress (countdown->call, countdown->total - countdown->left,
                               countdown->total, NULL);
  if (countdown->left > 0)
    return G_SOURCE_CONTINUE;

  mcp_tool_call_return_text (countdown->call, "lift-off");
  return G_SOURCE_REMOVE;
}

static void
countdown_free (gpointer data)
{
  Countdown *countdown = data;

  g_object_unref (countdown->call);
  g_free (countdown);
}

static void
countdown (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  gint64 n = mcp_tool_call_get_int (call, "n", 3);
  Countdown *state;

  if (n < 1 || n > 60)
    {
      mcp_tool_call_return_error (call, "n must be between 1 and 60");
      return;
    }

  state = g_new0 (Countdown, 1);
  state->call = g_object_ref (call);
  state->left = state->total = n;
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, countdown_step, state, countdown_free);
}

/* Tells every session how many there are now. */
static void
announce (McpServer *server)
{
  g_autofree char *text = g_strdup_printf ("%u clients connected", mcp_server_get_n_sessions (server));
  g_autoptr(JsonNode) data = json_node_init_string (json_node_alloc (), text);

  mcp_server_log (server, MCP_LOGGING_LEVEL_INFO, "websocket-server", data);
}

static void
on_session_changed (McpServer        *server,
                    McpServerSession *session,
                    gpointer          user_data)
{
  announce (server);
}

static void
shutdown_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_server_shutdown_finish (MCP_SERVER (object), result, &error))
    {
      g_printerr ("websocket-server: %s\n", error->message);
      exit_status = EXIT_FAILURE;
    }
  g_main_loop_quit (loop);
}

static gboolean
on_signal (gpointer user_data)
{
  static gboolean stopping;

  if (!stopping)
    {
      stopping = TRUE;
      mcp_server_shutdown_async (user_data, GRACE_PERIOD_MS, NULL, shutdown_cb, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (object), result, &error))
    {
      g_printerr ("websocket-server: %s\n", error->message);
      exit_status = EXIT_FAILURE;
      g_main_loop_quit (loop);
      return;
    }

  url = mcp_websocket_server_transport_dup_url (MCP_WEBSOCKET_SERVER_TRANSPORT (object));
  g_print ("%s\n", url);
}

int
main (int   argc,
      char *argv[])
{
  const char *port_text = argc > 1 ? argv[1] : g_getenv ("PORT");
  guint64 port = 8765;
  g_autoptr(McpServer) server = mcp_server_new ("websocket-example", "1.0");
  g_autoptr(McpWebSocketServerTransport) ws = NULL;
  g_autoptr(McpTool) tool = mcp_tool_new ("countdown", "Counts down from n, a step a second");

  if (port_text != NULL && !g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT16, &port, NULL))
    {
      g_printerr ("Usage: websocket-server [PORT]\n");
      return EXIT_FAILURE;
    }

  g_assert (mcp_tool_set_input_schema_json (tool,
                                            "{\"type\":\"object\","
                                            "\"properties\":{\"n\":{\"type\":\"integer\","
                                            "\"minimum\":1,\"maximum\":60}}}", NULL));
  mcp_server_add_tool (server, tool, countdown, NULL, NULL);
  g_signal_connect (server, "session-added", G_CALLBACK (on_session_changed), NULL);
  g_signal_connect (server, "session-removed", G_CALLBACK (on_session_changed), NULL);

  ws = mcp_websocket_server_transport_new ("127.0.0.1", (guint) port);
  mcp_websocket_server_transport_set_keepalive_interval (ws, 20);
  mcp_websocket_server_transport_set_auth_token (ws, g_getenv ("MCP_AUTH_TOKEN"));
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (ws));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, server);
  g_unix_signal_add (SIGINT, on_signal, server);
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (ws), NULL, started_cb, NULL);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);

  return exit_status;
}

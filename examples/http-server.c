/* http-server.c: an MCP server over Streamable HTTP, set up as you would
 * run it in production
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   http-server [PORT]          (or PORT from the environment; 8080 by default)
 *
 * Serves both protocol eras (2025-11-25 sessions and stateless
 * 2026-07-28 requests) at http://127.0.0.1:PORT/mcp, with:
 *
 * - a bearer token when MCP_AUTH_TOKEN is set;
 * - a rate limit of 20 requests a second (burst 40) per client;
 * - metrics at /metrics (Prometheus text), and /health and /ready;
 * - a deadline of 30 s on every request;
 * - a graceful shutdown on SIGTERM or SIGINT: no new requests, those in
 *   flight get 10 s to finish.
 *
 * It prints its URL on stdout once it listens. Try it:
 *   mcp-cli http://127.0.0.1:8080/mcp call word_count text="to be or not to be"
 *   curl -s http://127.0.0.1:8080/metrics
 */

#include <glib-unix.h>
#include <stdlib.h>

#include <mcp-glib/mcp-glib.h>

#define GRACE_PERIOD_MS (10 * 1000)

static GMainLoop *loop;
static int exit_status = EXIT_SUCCESS;

/* word_count: how many words a text has, as text and structured content. */
static void
word_count (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  g_auto(GStrv) words = g_strsplit_set (mcp_tool_call_get_string (call, "text", ""), " \t\n", -1);
  g_autoptr(McpToolResult) result = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) structured = NULL;
  g_autofree char *text = NULL;
  guint count = 0;

  for (guint i = 0; words[i] != NULL; i++)
    count += words[i][0] != '\0';

  text = g_strdup_printf ("%u words", count);
  result = mcp_tool_result_new_text (text);
  json_object_set_int_member (object, "words", count);
  structured = json_node_init_object (json_node_alloc (), object);
  mcp_tool_result_set_structured_content (result, structured);
  mcp_tool_call_return_result (call, result);
}

static void
shutdown_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_server_shutdown_finish (MCP_SERVER (object), result, &error))
    {
      g_printerr ("http-server: %s\n", error->message);
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
      g_printerr ("http-server: draining (up to %d s)\n", GRACE_PERIOD_MS / 1000);
      mcp_server_shutdown_async (user_data, GRACE_PERIOD_MS, NULL, shutdown_cb, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McpServerTransport *http = MCP_SERVER_TRANSPORT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!mcp_server_transport_start_finish (http, result, &error))
    {
      g_printerr ("http-server: %s\n", error->message);
      exit_status = EXIT_FAILURE;
      g_main_loop_quit (loop);
      return;
    }

  url = mcp_http_server_transport_dup_url (MCP_HTTP_SERVER_TRANSPORT (http));
  g_print ("%s\n", url);
}

int
main (int   argc,
      char *argv[])
{
  const char *port_text = argc > 1 ? argv[1] : g_getenv ("PORT");
  guint64 port = 8080;
  g_autoptr(McpServer) server = mcp_server_new ("http-example", "1.0");
  g_autoptr(McpHttpServerTransport) http = mcp_http_server_transport_new ();
  g_autoptr(McpRateLimit) limit = mcp_rate_limit_new (20, 40, MCP_RATE_LIMIT_SCOPE_PRINCIPAL);
  g_autoptr(McpTool) tool = mcp_tool_new ("word_count", "Counts the words of a text");

  if (port_text != NULL && !g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT16, &port, NULL))
    {
      g_printerr ("Usage: http-server [PORT]\n");
      return EXIT_FAILURE;
    }

  g_assert (mcp_tool_set_input_schema_json (tool,
                                            "{\"type\":\"object\","
                                            "\"properties\":{\"text\":{\"type\":\"string\"}},"
                                            "\"required\":[\"text\"]}", NULL));
  mcp_tool_set_hint (tool, "readOnlyHint", TRUE);
  mcp_server_add_tool (server, tool, word_count, NULL, NULL);

  /* The operational side: limits, deadlines, metrics. */
  mcp_server_add_rate_limit (server, limit);
  mcp_server_set_request_timeout (server, 30 * 1000);
  mcp_server_set_metrics_enabled (server, TRUE);

  mcp_http_server_transport_set_port (http, (guint) port);
  mcp_http_server_transport_set_auth_token (http, g_getenv ("MCP_AUTH_TOKEN"));
  g_object_set (http, "serve-metrics", TRUE, NULL);
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (http));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, server);
  g_unix_signal_add (SIGINT, on_signal, server);
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, started_cb, NULL);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);

  return exit_status;
}

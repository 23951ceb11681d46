/* test-gjs-server.c: the C McpClient against an MCP server written in GJS
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs `gjs -m tests/gjs/server.js` over stdio; GI_TYPELIB_PATH and
 * LD_LIBRARY_PATH (set by meson) make it load this build's Mcp-1.0.
 */

#include "config.h"

#include "mcp-test-util.h"

/* The tests run on both eras (docs/eras.md): the fixture's data is the
 * requested protocol version, NULL (the default) to detect the era, which
 * is the modern one against an McpServer, or a legacy version to pin a
 * session with initialize. */
#define MODERN_VERSION "2026-07-28"

typedef struct
{
  McpStdioTransport *transport;
  McpClient         *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "gjs", "server.js", NULL);
  const char *argv[] = { MCP_TEST_GJS, "-m", script, NULL };
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->transport = mcp_stdio_transport_new_for_command (argv);
  f->client = mcp_client_new ("test-gjs-server", "1");
  mcp_client_set_requested_protocol_version (f->client, data);
  mcp_client_connect_async (f->client, MCP_TRANSPORT (f->transport), NULL,
                            mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_connect_finish (f->client, result, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process = mcp_stdio_transport_get_subprocess (f->transport);

  g_object_ref (process);
  mcp_client_disconnect_async (f->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_disconnect_finish (f->client, result, &error));
  g_assert_no_error (error);
  /* The GJS server quits its main loop when its only session ends. */
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_object_unref (process);
  g_clear_object (&result);
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->transport);
}

static McpToolResult *
call_tool (McpClient  *client,
           const char *name,
           const char *arguments)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse (arguments);
  g_autoptr(GError) error = NULL;
  McpToolResult *tool_result;

  mcp_client_call_tool_async (client, name, args, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tool_result);
  return tool_result;
}

static void
test_handshake_and_list (Fixture       *f,
                         gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (mcp_client_get_server_name (f->client), ==, "gjs-server");
  g_assert_cmpstr (mcp_client_get_protocol_version (f->client), ==,
                   data != NULL ? (const char *) data : MODERN_VERSION);
  g_assert_true (mcp_client_server_has_capability (f->client, "tools"));

  mcp_client_list_all_tools_async (f->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tools = mcp_client_list_all_tools_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 3);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 0)), ==, "reverse");
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 1)), ==, "count");
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 2)), ==, "divide");
}

static void
test_sync_tool (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(McpToolResult) result = call_tool (f->client, "reverse", "{\"text\":\"stressed\"}");
  g_autofree char *text = mcp_tool_result_dup_text (result);

  g_assert_false (mcp_tool_result_get_is_error (result));
  g_assert_cmpstr (text, ==, "desserts");
}

static void
on_progress (gdouble     progress,
             gdouble     total,
             const char *message,
             gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%g/%g:%s;", progress, total, message);
}

static void
test_async_tool_with_progress (Fixture       *f,
                               gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"n\":3}");
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *structured = NULL;

  mcp_client_call_tool_full_async (f->client, "count", args, MCP_REQUEST_FLAGS_PROGRESS, -1,
                                   on_progress, log, NULL, NULL,
                                   mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (f->client, result, &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "counted to 3");
  structured = mcp_message_to_data (mcp_tool_result_get_structured_content (tool_result), NULL);
  g_assert_cmpstr (structured, ==, "{\"count\":3}");
  g_assert_cmpstr (log->str, ==, "1/3:1 of 3;2/3:2 of 3;3/3:3 of 3;");
}

static void
test_error_result (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(McpToolResult) ok = call_tool (f->client, "divide", "{\"a\":1,\"b\":4}");
  g_autoptr(McpToolResult) failed = call_tool (f->client, "divide", "{\"a\":1,\"b\":0}");
  g_autofree char *ok_text = mcp_tool_result_dup_text (ok);
  g_autofree char *failed_text = mcp_tool_result_dup_text (failed);

  g_assert_false (mcp_tool_result_get_is_error (ok));
  g_assert_cmpstr (ok_text, ==, "0.25");
  g_assert_true (mcp_tool_result_get_is_error (failed));
  g_assert_cmpstr (failed_text, ==, "division by zero");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < 2; i++)
    {
      const char *era = i == 0 ? "legacy" : "modern";
      const char *version = i == 0 ? MCP_PROTOCOL_VERSION_LATEST : NULL;
      g_autofree char *handshake = g_strdup_printf ("/Mcp/Gjs/server/%s/handshake-and-list", era);
      g_autofree char *sync_tool = g_strdup_printf ("/Mcp/Gjs/server/%s/sync-tool", era);
      g_autofree char *progress = g_strdup_printf ("/Mcp/Gjs/server/%s/async-tool-with-progress",
                                                   era);
      g_autofree char *error_result = g_strdup_printf ("/Mcp/Gjs/server/%s/error-result", era);

      g_test_add (handshake, Fixture, version,
                  fixture_setup, test_handshake_and_list, fixture_teardown);
      g_test_add (sync_tool, Fixture, version,
                  fixture_setup, test_sync_tool, fixture_teardown);
      g_test_add (progress, Fixture, version,
                  fixture_setup, test_async_tool_with_progress, fixture_teardown);
      g_test_add (error_result, Fixture, version,
                  fixture_setup, test_error_result, fixture_teardown);
    }

  return g_test_run ();
}

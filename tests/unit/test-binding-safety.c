/* test-binding-safety.c: what the library does for code written through
 * GObject-introspection that gets things wrong
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-util.h"

/* A handler that neither completes the call nor keeps it, as a Python or
 * JavaScript handler that raised does once its wrapper is collected. */
static void
tool_drop (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
}

static void
test_dropped_call (void)
{
  McpTransport *client_transport = NULL;
  McpTransport *server_transport = NULL;
  g_autoptr(McpServer) server = mcp_server_new ("safety", "1");
  g_autoptr(McpClient) client = mcp_client_new ("safety-client", "1");
  g_autoptr(McpTool) tool = mcp_tool_new ("drop", "Drops its call");
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GAsyncResult *slot = NULL;

  mcp_test_transport_pair (&client_transport, &server_transport);
  mcp_server_add_tool (server, tool, tool_drop, NULL, NULL);
  mcp_server_add_transport (server, server_transport);
  mcp_client_connect_async (client, client_transport, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_clear_object (&result);

  mcp_client_call_tool_async (client, "drop", NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (mcp_tool_result_get_is_error (tool_result));
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "The tool failed without producing a result");
  g_clear_object (&result);

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_disconnect_finish (client, result, NULL));
  g_clear_object (&result);
  while (mcp_server_get_n_sessions (server) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (client_transport);
  g_object_unref (server_transport);
}

/* A transport type whose implementation lacks every virtual function, as a
 * binding's class that forgot some would. */
typedef struct { GObject parent_instance; } EmptyTransport;
typedef struct { GObjectClass parent_class; } EmptyTransportClass;

static GType empty_transport_get_type (void);

static void
empty_transport_iface_init (McpTransportInterface *iface)
{
}

G_DEFINE_TYPE_WITH_CODE (EmptyTransport, empty_transport, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (MCP_TYPE_TRANSPORT, empty_transport_iface_init))

static void
empty_transport_class_init (EmptyTransportClass *klass)
{
}

static void
empty_transport_init (EmptyTransport *self)
{
}

static void
test_missing_vfuncs (void)
{
  g_autoptr(GObject) transport = g_object_new (empty_transport_get_type (), NULL);
  g_autoptr(JsonNode) message = mcp_test_parse ("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");

  /* Criticals, not crashes. */
  g_test_expect_message ("Mcp", G_LOG_LEVEL_CRITICAL, "*get_state != NULL*");
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                   MCP_TRANSPORT_STATE_DISCONNECTED);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Mcp", G_LOG_LEVEL_CRITICAL, "*connect_async != NULL*");
  mcp_transport_connect_async (MCP_TRANSPORT (transport), NULL, NULL, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Mcp", G_LOG_LEVEL_CRITICAL, "*send_message_async != NULL*");
  mcp_transport_send_message_async (MCP_TRANSPORT (transport), message, NULL, NULL, NULL, NULL);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Bindings/dropped-tool-call", test_dropped_call);
  g_test_add_func ("/Mcp/Bindings/missing-transport-vfuncs", test_missing_vfuncs);

  return g_test_run ();
}

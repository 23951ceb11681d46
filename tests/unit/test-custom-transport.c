/* test-custom-transport.c: McpCustomTransport carrying a session
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-util.h"

/* Two custom transports joined through their send-message signals;
 * messages cross over from an idle, as they would over a real channel. */
typedef struct
{
  McpCustomTransport *from;
  McpCustomTransport *to;
  JsonNode           *message;
} Delivery;

static gboolean
deliver (gpointer user_data)
{
  Delivery *delivery = user_data;

  mcp_custom_transport_receive (delivery->to, delivery->message);
  g_object_unref (delivery->to);
  json_node_unref (delivery->message);
  g_free (delivery);
  return G_SOURCE_REMOVE;
}

static gboolean
on_send_message (McpCustomTransport *self,
                 JsonNode           *message,
                 JsonNode           *related_request_id,
                 McpCustomTransport *peer)
{
  Delivery *delivery = g_new0 (Delivery, 1);

  delivery->to = g_object_ref (peer);
  delivery->message = json_node_copy (message);
  g_idle_add (deliver, delivery);
  return TRUE;
}

typedef struct
{
  McpCustomTransport *client_end;
  McpCustomTransport *server_end;
  McpServer          *server;
  McpClient          *client;
} Pair;

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_return_text (call, mcp_tool_call_get_string (call, "message", ""));
}

static void
tool_hold (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  /* Never answered: for calls pending when the channel closes. */
  g_object_set_data_full (G_OBJECT (server), "held", g_object_ref (call), g_object_unref);
}

static void
pair_init (Pair *p)
{
  g_autoptr(McpTool) echo = mcp_tool_new ("echo", "Echoes");
  g_autoptr(McpTool) hold = mcp_tool_new ("hold", "Never answers");

  p->client_end = mcp_custom_transport_new ();
  p->server_end = mcp_custom_transport_new ();
  g_signal_connect_object (p->client_end, "send-message", G_CALLBACK (on_send_message),
                           p->server_end, 0);
  g_signal_connect_object (p->server_end, "send-message", G_CALLBACK (on_send_message),
                           p->client_end, 0);

  p->server = mcp_server_new ("custom-server", "1");
  mcp_server_add_tool (p->server, echo, tool_echo, NULL, NULL);
  mcp_server_add_tool (p->server, hold, tool_hold, NULL, NULL);
  mcp_server_add_transport (p->server, MCP_TRANSPORT (p->server_end));
  p->client = mcp_client_new ("custom-client", "1");
}

static void
pair_clear (Pair *p)
{
  while (mcp_server_get_n_sessions (p->server) > 0)
    g_main_context_iteration (NULL, TRUE);
  /* Deliveries still in flight hold their transport. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (p->client);
  g_assert_finalize_object (p->server);
  g_assert_finalize_object (p->client_end);
  g_assert_finalize_object (p->server_end);
}

static gboolean
connect_client (Pair    *p,
                GError **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_connect_async (p->client, MCP_TRANSPORT (p->client_end), NULL,
                            mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  return mcp_client_connect_finish (p->client, result, error);
}

static char *
call_echo (McpClient  *client,
           const char *text)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) args = json_node_alloc ();
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (object, "message", text);
  json_node_init_object (args, object);
  mcp_client_call_tool_async (client, "echo", args, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  return mcp_tool_result_dup_text (tool_result);
}

static void
disconnect_client (McpClient *client)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_disconnect_finish (client, result, NULL));
}

static void
count_cb (gpointer instance,
          guint   *counter)
{
  (*counter)++;
}

static void
count_error_cb (McpTransport *transport,
                const GError *error,
                guint        *counter)
{
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  (*counter)++;
}

static void
test_session (void)
{
  Pair p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint opening = 0;
  guint closing = 0;

  pair_init (&p);
  g_signal_connect (p.client_end, "opening", G_CALLBACK (count_cb), &opening);
  g_signal_connect (p.client_end, "closing", G_CALLBACK (count_cb), &closing);

  g_assert_true (connect_client (&p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (opening, ==, 1);
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (p.client_end)), ==,
                   MCP_TRANSPORT_STATE_CONNECTED);
  g_assert_cmpstr (mcp_client_get_server_name (p.client), ==, "custom-server");

  text = call_echo (p.client, "through the application");
  g_assert_cmpstr (text, ==, "through the application");

  disconnect_client (p.client);
  g_assert_cmpuint (closing, ==, 1);
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (p.client_end)), ==,
                   MCP_TRANSPORT_STATE_DISCONNECTED);

  /* The application closes the server's side too, as its channel ended. */
  mcp_custom_transport_close (p.server_end);
  pair_clear (&p);
}

static gboolean
open_later (gpointer user_data)
{
  mcp_custom_transport_set_connected (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_opening_later (McpCustomTransport *self,
                  gpointer            user_data)
{
  g_timeout_add (20, open_later, self);
}

static void
test_manual_connect (void)
{
  Pair p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  pair_init (&p);
  mcp_custom_transport_set_auto_connect (p.client_end, FALSE);
  g_assert_false (mcp_custom_transport_get_auto_connect (p.client_end));
  g_signal_connect (p.client_end, "opening", G_CALLBACK (on_opening_later), NULL);

  g_assert_true (connect_client (&p, &error));
  g_assert_no_error (error);
  text = call_echo (p.client, "later");
  g_assert_cmpstr (text, ==, "later");

  disconnect_client (p.client);
  mcp_custom_transport_close (p.server_end);
  pair_clear (&p);
}

static gboolean
fail_open (gpointer user_data)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                 "refused");

  mcp_custom_transport_fail (user_data, error);
  return G_SOURCE_REMOVE;
}

static void
on_opening_fail (McpCustomTransport *self,
                 gpointer            user_data)
{
  g_idle_add (fail_open, self);
}

static void
test_connect_fails (void)
{
  Pair p = { 0 };
  g_autoptr(GError) error = NULL;
  guint errors = 0;

  pair_init (&p);
  mcp_custom_transport_set_auto_connect (p.client_end, FALSE);
  g_signal_connect (p.client_end, "opening", G_CALLBACK (on_opening_fail), NULL);
  g_signal_connect (p.client_end, "error", G_CALLBACK (count_error_cb), &errors);

  g_assert_false (connect_client (&p, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (errors, ==, 1);
  g_assert_false (mcp_client_is_connected (p.client));

  mcp_custom_transport_close (p.server_end);
  pair_clear (&p);
}

static void
test_channel_closes (void)
{
  Pair p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) gone = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "gone");
  GAsyncResult *slot = NULL;
  guint closed = 0;

  pair_init (&p);
  g_assert_true (connect_client (&p, &error));
  g_signal_connect (p.client, "closed", G_CALLBACK (count_cb), &closed);

  mcp_client_call_tool_async (p.client, "hold", NULL, NULL, mcp_test_store_result_cb, &slot);
  mcp_test_spin (50);
  mcp_custom_transport_fail (p.client_end, gone);

  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (p.client, result, &error);
  g_assert_null (tool_result);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED);
  mcp_test_wait_count (&closed, 1, MCP_TEST_TIMEOUT_MS);
  g_assert_false (mcp_client_is_connected (p.client));

  g_object_set_data (G_OBJECT (p.server), "held", NULL);
  /* The result holds the client as its source object. */
  g_clear_object (&result);
  mcp_custom_transport_close (p.server_end);
  pair_clear (&p);
}

static gboolean
refuse (McpCustomTransport *self,
        JsonNode           *message,
        JsonNode           *related_request_id,
        gpointer            user_data)
{
  return FALSE;
}

static void
test_send_errors (void)
{
  g_autoptr(McpCustomTransport) transport = mcp_custom_transport_new ();
  g_autoptr(JsonNode) message = mcp_test_parse ("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  /* Not connected. */
  mcp_transport_send_message_async (MCP_TRANSPORT (transport), message, NULL, NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_false (mcp_transport_send_message_finish (MCP_TRANSPORT (transport), result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Connected, but nobody sends. */
  mcp_custom_transport_set_connected (transport);
  mcp_transport_send_message_async (MCP_TRANSPORT (transport), message, NULL, NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_false (mcp_transport_send_message_finish (MCP_TRANSPORT (transport), result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A handler that says it could not. */
  g_signal_connect (transport, "send-message", G_CALLBACK (refuse), NULL);
  mcp_transport_send_message_async (MCP_TRANSPORT (transport), message, NULL, NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_false (mcp_transport_send_message_finish (MCP_TRANSPORT (transport), result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_clear_object (&result);

  /* Received while disconnected: dropped, no signal. */
  mcp_custom_transport_close (transport);
  mcp_custom_transport_receive (transport, message);
}

static void
test_connect_cancelled (void)
{
  g_autoptr(McpCustomTransport) transport = mcp_custom_transport_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  mcp_custom_transport_set_auto_connect (transport, FALSE);
  mcp_transport_connect_async (MCP_TRANSPORT (transport), cancellable, mcp_test_store_result_cb, &slot);
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                   MCP_TRANSPORT_STATE_CONNECTING);
  g_cancellable_cancel (cancellable);
  result = mcp_test_wait_result (&slot);
  g_assert_false (mcp_transport_connect_finish (MCP_TRANSPORT (transport), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                   MCP_TRANSPORT_STATE_DISCONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/CustomTransport/session", test_session);
  g_test_add_func ("/Mcp/CustomTransport/manual-connect", test_manual_connect);
  g_test_add_func ("/Mcp/CustomTransport/connect-fails", test_connect_fails);
  g_test_add_func ("/Mcp/CustomTransport/connect-cancelled", test_connect_cancelled);
  g_test_add_func ("/Mcp/CustomTransport/channel-closes", test_channel_closes);
  g_test_add_func ("/Mcp/CustomTransport/send-errors", test_send_errors);

  return g_test_run ();
}

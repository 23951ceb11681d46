/* test-transport-state.c: what every transport does the same way — its
 * state, the checks on connect, send and disconnect, its _finish functions
 * and how a framed message becomes a signal
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-util.h"
#include "mcp-json-writer-private.h"
#include "mcp-stdio-transport-private.h"

/* Records notify::state and state-changed, each with the state the
 * transport reports while the handler runs. */
typedef struct
{
  GString *log;
  /* Called on entering this state, once. */
  McpTransportState  reenter_state;
  GAsyncResult      *reentered;
} Recorder;

static const char *
state_nick (McpTransportState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MCP_TYPE_TRANSPORT_STATE);

  return g_enum_get_value (klass, state)->value_nick;
}

static void
on_notify_state (McpTransport *transport,
                 GParamSpec   *pspec,
                 Recorder     *recorder)
{
  g_string_append_printf (recorder->log, "notify(%s) ",
                          state_nick (mcp_transport_get_state (transport)));
}

static void
on_state_changed (McpTransport      *transport,
                  McpTransportState  old_state,
                  McpTransportState  new_state,
                  Recorder          *recorder)
{
  g_string_append_printf (recorder->log, "%s>%s(%s) ",
                          state_nick (old_state), state_nick (new_state),
                          state_nick (mcp_transport_get_state (transport)));

  if (new_state == recorder->reenter_state)
    {
      recorder->reenter_state = (McpTransportState) -1;
      mcp_transport_disconnect_async (transport, NULL, mcp_test_store_result_cb,
                                      &recorder->reentered);
    }
}

static Recorder *
recorder_new (McpTransport *transport,
              gboolean      has_property)
{
  Recorder *recorder = g_new0 (Recorder, 1);

  recorder->log = g_string_new (NULL);
  recorder->reenter_state = (McpTransportState) -1;
  if (has_property)
    g_signal_connect (transport, "notify::state", G_CALLBACK (on_notify_state), recorder);
  g_signal_connect (transport, "state-changed", G_CALLBACK (on_state_changed), recorder);
  return recorder;
}

/* Returns the log so far and clears it. */
static char *
recorder_take (Recorder *recorder)
{
  char *text = g_strdup (recorder->log->str);

  g_string_truncate (recorder->log, 0);
  g_strchomp (text);
  return text;
}

static void
recorder_free (Recorder *recorder)
{
  g_clear_object (&recorder->reentered);
  g_string_free (recorder->log, TRUE);
  g_free (recorder);
}

static gboolean
connect_now (McpTransport  *transport,
             GError       **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_transport_connect_async (transport, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  return mcp_transport_connect_finish (transport, result, error);
}

static gboolean
disconnect_now (McpTransport  *transport,
                GError       **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_transport_disconnect_async (transport, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  return mcp_transport_disconnect_finish (transport, result, error);
}

static gboolean
send_now (McpTransport  *transport,
          GError       **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) message = mcp_test_parse ("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");

  mcp_transport_send_message_async (transport, message, NULL, NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  return mcp_transport_send_message_finish (transport, result, error);
}

/* The property is notified first, then state-changed; both see the new
 * state; a second connect fails and changes nothing; a disconnect of a
 * disconnected transport succeeds and changes nothing. */
static void
check_life_cycle (McpTransport *transport,
                  const char   *connect_log,
                  const char   *disconnect_log)
{
  Recorder *recorder = recorder_new (transport, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  g_assert_false (send_now (transport, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  g_assert_true (connect_now (transport, &error));
  g_assert_no_error (error);
  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, connect_log);
  g_clear_pointer (&log, g_free);

  g_assert_false (connect_now (transport, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, "");
  g_clear_pointer (&log, g_free);

  g_assert_true (disconnect_now (transport, &error));
  g_assert_no_error (error);
  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, disconnect_log);
  g_clear_pointer (&log, g_free);

  g_assert_true (disconnect_now (transport, &error));
  g_assert_no_error (error);
  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, "");

  g_assert_false (send_now (transport, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_NOT_CONNECTED);

  g_signal_handlers_disconnect_by_data (transport, recorder);
  recorder_free (recorder);
}

#define CONNECT_LOG \
  "notify(connecting) disconnected>connecting(connecting) " \
  "notify(connected) connecting>connected(connected)"
#define DISCONNECT_LOG \
  "notify(disconnecting) connected>disconnecting(disconnecting) " \
  "notify(disconnected) disconnecting>disconnected(disconnected)"

static void
test_stdio (void)
{
  g_autoptr(McpTransport) a = NULL;
  g_autoptr(McpTransport) b = NULL;

  mcp_test_transport_pair (&a, &b);
  check_life_cycle (a, CONNECT_LOG, DISCONNECT_LOG);
}

static void
test_http_client (void)
{
  /* Streamable HTTP connects without a request: nothing is sent to the
   * port, which nobody listens on. */
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new ("http://127.0.0.1:9/mcp");

  mcp_http_transport_set_mode (transport, MCP_HTTP_TRANSPORT_MODE_STREAMABLE);
  check_life_cycle (MCP_TRANSPORT (transport), CONNECT_LOG, DISCONNECT_LOG);
}

static void
test_custom (void)
{
  g_autoptr(McpCustomTransport) transport = mcp_custom_transport_new ();
  Recorder *recorder = recorder_new (MCP_TRANSPORT (transport), TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  g_assert_false (send_now (MCP_TRANSPORT (transport), &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  g_assert_true (connect_now (MCP_TRANSPORT (transport), &error));
  g_assert_no_error (error);
  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, CONNECT_LOG);
  g_clear_pointer (&log, g_free);

  /* Setting the state it already has changes nothing. */
  mcp_custom_transport_set_connected (transport);
  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, "");
  g_clear_pointer (&log, g_free);

  g_assert_true (disconnect_now (MCP_TRANSPORT (transport), &error));
  g_assert_no_error (error);
  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, DISCONNECT_LOG);

  g_signal_handlers_disconnect_by_data (transport, recorder);
  recorder_free (recorder);
}

/* A state-changed handler that disconnects while a disconnect is under way
 * is told so, and the first disconnect still completes. */
static void
test_disconnect_reentered (void)
{
  g_autoptr(McpTransport) a = NULL;
  g_autoptr(McpTransport) b = NULL;
  Recorder *recorder;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  mcp_test_transport_pair (&a, &b);
  g_assert_true (connect_now (a, &error));
  g_assert_no_error (error);

  recorder = recorder_new (a, TRUE);
  recorder->reenter_state = MCP_TRANSPORT_STATE_DISCONNECTING;
  g_assert_true (disconnect_now (a, &error));
  g_assert_no_error (error);

  g_assert_nonnull (recorder->reentered);
  g_assert_false (mcp_transport_disconnect_finish (a, recorder->reentered, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);

  log = recorder_take (recorder);
  g_assert_cmpstr (log, ==, DISCONNECT_LOG);
  g_assert_cmpint (mcp_transport_get_state (a), ==, MCP_TRANSPORT_STATE_DISCONNECTED);

  g_signal_handlers_disconnect_by_data (a, recorder);
  recorder_free (recorder);
}

/* A transport's _finish refuses a result that belongs to another object. */
static void
test_finish_checks_result (void)
{
  g_autoptr(McpTransport) a = NULL;
  g_autoptr(McpTransport) b = NULL;
  g_autoptr(McpCustomTransport) custom = mcp_custom_transport_new ();
  g_autoptr(McpHttpTransport) http = mcp_http_transport_new ("http://127.0.0.1:9/mcp");
  g_autoptr(McpWebSocketTransport) websocket = mcp_websocket_transport_new ("ws://127.0.0.1:9/mcp");
  McpTransport *others[] = { MCP_TRANSPORT (custom), MCP_TRANSPORT (http), MCP_TRANSPORT (websocket), NULL };
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_test_transport_pair (&a, &b);

  /* Not connected: the send fails at once, with a's task. */
  {
    g_autoptr(JsonNode) message = mcp_test_parse ("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");

    mcp_transport_send_message_async (a, message, NULL, NULL, mcp_test_store_result_cb, &slot);
  }
  result = mcp_test_wait_result (&slot);

  /* b is a stdio transport too; the others are the other kinds. */
  g_test_expect_message ("Mcp", G_LOG_LEVEL_CRITICAL, "*g_task_is_valid*");
  g_assert_false (mcp_transport_send_message_finish (b, result, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);

  for (guint i = 0; others[i] != NULL; i++)
    {
      g_test_expect_message ("Mcp", G_LOG_LEVEL_CRITICAL, "*g_task_is_valid*");
      g_assert_false (mcp_transport_connect_finish (others[i], result, &error));
      g_test_assert_expected_messages ();
      g_test_expect_message ("Mcp", G_LOG_LEVEL_CRITICAL, "*g_task_is_valid*");
      g_assert_false (mcp_transport_disconnect_finish (others[i], result, &error));
      g_test_assert_expected_messages ();
      g_test_expect_message ("Mcp", G_LOG_LEVEL_CRITICAL, "*g_task_is_valid*");
      g_assert_false (mcp_transport_send_message_finish (others[i], result, &error));
      g_test_assert_expected_messages ();
      g_assert_no_error (error);
    }

  /* The right object still gets its result. */
  g_assert_false (mcp_transport_send_message_finish (a, result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_NOT_CONNECTED);
}

static void
on_message (McpTransport *transport,
            JsonNode     *message,
            GPtrArray    *events)
{
  g_ptr_array_add (events, g_strdup_printf ("message %s",
                                            json_object_get_string_member (json_node_get_object (message),
                                                                           "method")));
}

static void
on_error (McpTransport *transport,
          GError       *error,
          GPtrArray    *events)
{
  g_ptr_array_add (events, g_strdup_printf ("error %s %d", g_quark_to_string (error->domain),
                                            error->code));
}

/* A framed message becomes message-received; text that is not JSON
 * becomes an error, and the transport keeps going. */
static void
test_receive_json (void)
{
  g_autoptr(GOutputStream) to_transport = NULL;
  g_autoptr(GInputStream) from_transport = NULL;
  g_autoptr(McpTransport) transport = mcp_test_transport_with_raw_peer (&to_transport,
                                                                        &from_transport);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_error = NULL;

  g_signal_connect (transport, "message-received", G_CALLBACK (on_message), events);
  g_signal_connect (transport, "error", G_CALLBACK (on_error), events);
  g_assert_true (connect_now (transport, &error));
  g_assert_no_error (error);

  mcp_test_write (to_transport, "{\"jsonrpc\":\"2.0\",\"method\":\"first\"}\n"
                                "{not json\n"
                                "{\"jsonrpc\":\"2.0\",\"method\":\"second\"}\n");
  mcp_test_wait_until (events->len >= 3);

  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (events, 0), ==, "message first");
  expected_error = g_strdup_printf ("error %s %d", g_quark_to_string (MCP_ERROR),
                                    MCP_ERROR_PARSE_ERROR);
  g_assert_cmpstr (g_ptr_array_index (events, 1), ==, expected_error);
  g_assert_cmpstr (g_ptr_array_index (events, 2), ==, "message second");
  g_assert_cmpint (mcp_transport_get_state (transport), ==, MCP_TRANSPORT_STATE_CONNECTED);

  g_signal_handlers_disconnect_by_data (transport, events);
  g_assert_true (disconnect_now (transport, &error));
  g_assert_no_error (error);
}

/* The reply stdio writes without building the message reads exactly as
 * the message mcp_message_new_response() builds, and keeps its place among
 * ordinary sends. */
static void
test_stdio_direct_response (void)
{
  const char *ids[] = { "0", "-7", "9007199254740993", "\"a\\\"b\\u00e9\\n\"", "\"\"" };
  const char *results[] = { NULL, "{}", "{\"content\":[{\"type\":\"text\",\"text\":\"x\\u0001\"}]}",
                            "{\"b\":1.5,\"a\":[true,false,null],\"c\":{\"d\":\"\\u2028\"}}", "[]", "3" };
  g_autoptr(GOutputStream) to_transport = NULL;
  g_autoptr(GInputStream) from_transport = NULL;
  g_autoptr(McpTransport) transport = mcp_test_transport_with_raw_peer (&to_transport,
                                                                        &from_transport);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) empty = mcp_test_parse ("{}");

  g_assert_true (MCP_IS_STDIO_TRANSPORT (transport));
  g_assert_true (connect_now (transport, &error));
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (results); j++)
      {
        g_autoptr(JsonNode) id = mcp_test_parse (ids[i]);
        g_autoptr(JsonNode) result = results[j] != NULL ? mcp_test_parse (results[j]) : NULL;
        g_autoptr(JsonNode) message = mcp_message_new_response (id, result);
        g_autoptr(JsonNode) ping = mcp_test_parse ("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
        g_autofree char *expected = _mcp_json_to_string (message, NULL);
        g_autofree char *line1 = NULL;
        g_autofree char *line2 = NULL;
        g_autofree char *line3 = NULL;

        g_autofree char *result_text = _mcp_json_to_string (result != NULL ? result : empty, NULL);
        g_autofree char *line4 = NULL;

        mcp_transport_send_message_async (transport, ping, NULL, NULL, NULL, NULL);
        _mcp_stdio_transport_send_response (MCP_STDIO_TRANSPORT (transport), id, result);
        mcp_transport_send_message_async (transport, message, id, NULL, NULL, NULL);
        _mcp_stdio_transport_send_response_text (MCP_STDIO_TRANSPORT (transport), id,
                                                 result_text, strlen (result_text));

        line1 = mcp_test_read_line (from_transport, MCP_TEST_TIMEOUT_MS);
        line2 = mcp_test_read_line (from_transport, MCP_TEST_TIMEOUT_MS);
        line3 = mcp_test_read_line (from_transport, MCP_TEST_TIMEOUT_MS);
        g_assert_cmpstr (line1, ==, "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
        g_assert_cmpstr (line2, ==, expected);
        g_assert_cmpstr (line3, ==, expected);
        line4 = mcp_test_read_line (from_transport, MCP_TEST_TIMEOUT_MS);
        g_assert_cmpstr (line4, ==, expected);
      }

  g_assert_true (disconnect_now (transport, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/TransportState/stdio", test_stdio);
  g_test_add_func ("/Mcp/TransportState/stdio-direct-response", test_stdio_direct_response);
  g_test_add_func ("/Mcp/TransportState/http-client", test_http_client);
  g_test_add_func ("/Mcp/TransportState/custom", test_custom);
  g_test_add_func ("/Mcp/TransportState/disconnect-reentered", test_disconnect_reentered);
  g_test_add_func ("/Mcp/TransportState/finish-checks-result", test_finish_checks_result);
  g_test_add_func ("/Mcp/TransportState/receive-json", test_receive_json);

  return g_test_run ();
}

/* test-websocket.c: McpWebSocketTransport and McpWebSocketServerTransport
 * over 127.0.0.1, against each other, raw libsoup peers, silent sockets and
 * a real mcp-everything-server subprocess.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "mcp-test-util.h"

/* Fixture: an in-process McpServer on a WebSocket listener ------------------ */

typedef struct
{
  McpServer                   *server;
  McpWebSocketServerTransport *listener;
  char                        *url;
} Fixture;

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_autofree char *text = g_strdup_printf ("Echo: %s",
                                           mcp_tool_call_get_string (call, "message", ""));

  mcp_tool_call_return_text (call, text);
}

static McpServer *
make_server (void)
{
  McpServer *server = mcp_server_new ("test-websocket", "1.0");
  g_autoptr(McpTool) tool = mcp_tool_new ("echo", "Echoes its message");

  mcp_server_add_tool (server, tool, tool_echo, NULL, NULL);
  return server;
}

static void
start_listener (McpWebSocketServerTransport *listener)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (listener), NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (listener), result,
                                                    &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = make_server ();
  f->listener = mcp_websocket_server_transport_new ("127.0.0.1", 0);
  mcp_server_add_server_transport (f->server, MCP_SERVER_TRANSPORT (f->listener));
}

static void
fixture_start (Fixture *f)
{
  start_listener (f->listener);
  f->url = mcp_websocket_server_transport_dup_url (f->listener);
  g_assert_nonnull (f->url);
  g_assert_true (g_str_has_prefix (f->url, "ws://127.0.0.1:") ||
                 g_str_has_prefix (f->url, "wss://127.0.0.1:"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (f->listener), NULL, NULL, NULL);
  mcp_test_spin (50);
  g_clear_object (&f->server);
  g_assert_finalize_object (g_steal_pointer (&f->listener));
  g_clear_pointer (&f->url, g_free);
}

/* Helpers ------------------------------------------------------------------ */

static McpClient *
connect_client (McpTransport *transport,
                GError      **error)
{
  g_autoptr(McpClient) client = mcp_client_new ("test-client", "1.0");
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_connect_async (client, transport, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  if (!mcp_client_connect_finish (client, result, error))
    return NULL;

  return g_steal_pointer (&client);
}

static char *
call_echo (McpClient  *client,
           const char *message)
{
  g_autoptr(JsonNode) arguments = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"message\":\"%s\"}", message);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  arguments = mcp_test_parse (json);
  mcp_client_call_tool_async (client, "echo", arguments, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);

  return mcp_tool_result_dup_text (tool_result);
}

/* A raw libsoup client, for what our own client would never send. */
typedef struct
{
  SoupWebsocketConnection *connection;
  GPtrArray               *messages;     /* char * */
  guint                    n_messages;
  gboolean                 closed;
} RawClient;

static void
raw_on_message (SoupWebsocketConnection *connection,
                gint                     type,
                GBytes                  *message,
                RawClient               *raw)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  g_ptr_array_add (raw->messages, g_strndup (data, length));
  raw->n_messages++;
}

static void
raw_on_closed (SoupWebsocketConnection *connection,
               RawClient               *raw)
{
  raw->closed = TRUE;
}

static RawClient *
raw_connect (const char          *url,
             const char          *origin,
             const char * const  *protocols,
             const char          *authorization,
             guint               *status,
             GError             **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  RawClient *raw;

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message),
                                  "Authorization", authorization);

  soup_session_websocket_connect_async (session, message, origin, (char **) protocols,
                                        G_PRIORITY_DEFAULT, NULL,
                                        mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  connection = soup_session_websocket_connect_finish (session, result, error);
  if (status != NULL)
    *status = soup_message_get_status (message);
  if (connection == NULL)
    return NULL;

  raw = g_new0 (RawClient, 1);
  raw->connection = g_steal_pointer (&connection);
  raw->messages = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (raw->connection, "message", G_CALLBACK (raw_on_message), raw);
  g_signal_connect (raw->connection, "closed", G_CALLBACK (raw_on_closed), raw);

  return raw;
}

static void
raw_free (RawClient *raw)
{
  g_signal_handlers_disconnect_by_data (raw->connection, raw);
  if (soup_websocket_connection_get_state (raw->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (raw->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&raw->connection);
  g_ptr_array_unref (raw->messages);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawClient, raw_free)

/* Sends @text and returns the next message, parsed. */
static JsonNode *
raw_exchange (RawClient  *raw,
              const char *text)
{
  guint before = raw->n_messages;

  soup_websocket_connection_send_text (raw->connection, text);
  mcp_test_wait_count (&raw->n_messages, before + 1, MCP_TEST_TIMEOUT_MS);

  return mcp_test_parse (g_ptr_array_index (raw->messages, before));
}

static const char ping_request[] = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";

static void
assert_ping_answered (RawClient *raw)
{
  g_autoptr(JsonNode) reply = raw_exchange (raw, ping_request);
  JsonObject *object = json_node_get_object (reply);

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 7);
  g_assert_true (json_object_has_member (object, "result"));
}

/* Our client and server ------------------------------------------------------ */

static void
test_basic (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(McpWebSocketTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  fixture_start (f);

  transport = mcp_websocket_transport_new (f->url);
  client = connect_client (MCP_TRANSPORT (transport), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_websocket_transport_get_protocol (transport), ==, "mcp");
  g_assert_cmpstr (mcp_client_get_server_name (client), ==, "test-websocket");

  text = call_echo (client, "hello over websocket");
  g_assert_cmpstr (text, ==, "Echo: hello over websocket");

  g_assert_cmpuint (mcp_websocket_server_transport_get_n_clients (f->listener), ==, 1);
  g_assert_cmpuint (mcp_server_get_n_sessions (f->server), ==, 1);
  g_assert_cmpuint (mcp_websocket_transport_get_bytes_sent (transport), >, 0);
  g_assert_cmpuint (mcp_websocket_transport_get_bytes_received (transport), >, 0);

  /* A clean disconnect: the server sees the client go. */
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &slot);
    result = mcp_test_wait_result (&slot);
    g_assert_true (mcp_client_disconnect_finish (client, result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (mcp_websocket_transport_get_close_code (transport), ==,
                    SOUP_WEBSOCKET_CLOSE_NORMAL);

  while (mcp_websocket_server_transport_get_n_clients (f->listener) > 0 ||
         mcp_server_get_n_sessions (f->server) > 0)
    mcp_test_spin (10);
}

typedef struct
{
  McpClient *client;
  guint      index;
  char      *text;
  GError    *error;
} Caller;

static void
many_call_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Caller *caller = user_data;
  g_autoptr(McpToolResult) tool_result = NULL;
  guint *done = g_object_get_data (object, "done-counter");

  tool_result = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &caller->error);
  if (tool_result != NULL)
    caller->text = mcp_tool_result_dup_text (tool_result);
  (*done)++;
}

static void
many_connect_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  guint *connected = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mcp_client_connect_finish (MCP_CLIENT (object), result, &error));
  g_assert_no_error (error);
  (*connected)++;
}

static void
wait_clients_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mcp_websocket_server_transport_wait_for_clients_finish (MCP_WEBSOCKET_SERVER_TRANSPORT (object),
                                                                         result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

#define N_CLIENTS 100

static void
test_many_clients (Fixture       *f,
                   gconstpointer  data)
{
  Caller callers[N_CLIENTS] = { { 0 } };
  McpTransport *transports[N_CLIENTS];
  guint connected = 0;
  guint done = 0;
  gboolean waited = FALSE;

  fixture_start (f);

  mcp_websocket_server_transport_wait_for_clients_async (f->listener, N_CLIENTS,
                                                         MCP_TEST_TIMEOUT_MS, NULL,
                                                         wait_clients_cb, &waited);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      callers[i].client = mcp_client_new ("many", "1.0");
      callers[i].index = i;
      transports[i] = MCP_TRANSPORT (mcp_websocket_transport_new (f->url));
      g_object_set_data (G_OBJECT (callers[i].client), "done-counter", &done);
      mcp_client_connect_async (callers[i].client, transports[i], NULL,
                                many_connect_cb, &connected);
    }
  mcp_test_wait_count (&connected, N_CLIENTS, MCP_TEST_TIMEOUT_MS);
  mcp_test_wait_flag (&waited, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpuint (mcp_websocket_server_transport_get_n_clients (f->listener), ==, N_CLIENTS);

  /* Every client asks at once; every one gets its own answer. */
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"message\":\"client-%u\"}", i);
      g_autoptr(JsonNode) arguments = mcp_test_parse (json);

      mcp_client_call_tool_async (callers[i].client, "echo", arguments, NULL,
                                  many_call_cb, &callers[i]);
    }
  mcp_test_wait_count (&done, N_CLIENTS, MCP_TEST_TIMEOUT_MS);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Echo: client-%u", i);

      g_assert_no_error (callers[i].error);
      g_assert_cmpstr (callers[i].text, ==, expected);
      g_free (callers[i].text);
      g_object_unref (callers[i].client);
      g_object_unref (transports[i]);
    }

  mcp_test_wait_until (!(mcp_websocket_server_transport_get_n_clients (f->listener) > 0));
}

static void
on_notification (McpClient  *client,
                 const char *method,
                 JsonNode   *params,
                 guint      *count)
{
  if (g_str_equal (method, "notifications/test/hello"))
    (*count)++;
}

static void
test_broadcast (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) transports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) params = mcp_test_parse ("{\"greeting\":\"hi\"}");
  guint count = 0;

  fixture_start (f);

  for (guint i = 0; i < 3; i++)
    {
      McpWebSocketTransport *transport = mcp_websocket_transport_new (f->url);
      g_autoptr(GError) error = NULL;
      McpClient *client = connect_client (MCP_TRANSPORT (transport), &error);

      g_assert_no_error (error);
      g_signal_connect (client, "notification", G_CALLBACK (on_notification), &count);
      g_ptr_array_add (clients, client);
      g_ptr_array_add (transports, transport);
    }

  g_assert_cmpuint (mcp_websocket_server_transport_broadcast (f->listener,
                                                              "notifications/test/hello",
                                                              params), ==, 3);
  mcp_test_wait_count (&count, 3, MCP_TEST_TIMEOUT_MS);
  mcp_test_spin (50);
  g_assert_cmpuint (count, ==, 3);
}

static void
test_wait_timeout (Fixture       *f,
                   gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (f);

  mcp_websocket_server_transport_wait_for_clients_async (f->listener, 1, 50, NULL,
                                                         mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_false (mcp_websocket_server_transport_wait_for_clients_finish (f->listener, result,
                                                                          &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TIMEOUT);
}

/* Bad frames ---------------------------------------------------------------- */

static void
test_oversized_frame (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RawClient) offender = NULL;
  g_autoptr(RawClient) bystander = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new ("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"p\":\"");
  g_autoptr(GString) fits = NULL;

  mcp_websocket_server_transport_set_max_message_size (f->listener, 4096);
  fixture_start (f);

  offender = raw_connect (f->url, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  bystander = raw_connect (f->url, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Just under the limit is fine. */
  fits = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"_meta\":{\"p\":\"");
  while (fits->len < 4000)
    g_string_append_c (fits, 'a');
  g_string_append (fits, "\"}}}");
  {
    g_autoptr(JsonNode) reply = raw_exchange (offender, fits->str);

    g_assert_true (json_object_has_member (json_node_get_object (reply), "result"));
  }

  while (big->len < 10000)
    g_string_append_c (big, 'x');
  g_string_append (big, "\"}}");
  soup_websocket_connection_send_text (offender->connection, big->str);

  mcp_test_wait_flag (&offender->closed, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpuint (soup_websocket_connection_get_close_code (offender->connection), ==,
                    SOUP_WEBSOCKET_CLOSE_TOO_BIG);

  /* Nobody else noticed. */
  g_assert_false (bystander->closed);
  assert_ping_answered (bystander);
  mcp_test_wait_until (!(mcp_websocket_server_transport_get_n_clients (f->listener) != 1));
}

static void
test_binary_frame (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RawClient) raw = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 payload[] = { 0x7b, 0x00, 0xff, 0x7d };

  fixture_start (f);

  raw = raw_connect (f->url, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  soup_websocket_connection_send_binary (raw->connection, payload, sizeof payload);
  mcp_test_wait_flag (&raw->closed, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpuint (soup_websocket_connection_get_close_code (raw->connection), ==,
                    SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA);
  g_assert_cmpuint (raw->n_messages, ==, 0);
}

static void
test_invalid_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RawClient) raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *object;

  fixture_start (f);

  raw = raw_connect (f->url, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  reply = raw_exchange (raw, "{\"jsonrpc\": \"2.0\", oops");
  object = json_node_get_object (reply);
  /* No id could be read: null or absent, as the schema version allows. */
  g_assert_true (!json_object_has_member (object, "id") ||
                 JSON_NODE_HOLDS_NULL (json_object_get_member (object, "id")));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "error"),
                                               "code"), ==, -32700);

  /* The connection stays and keeps serving. */
  g_assert_false (raw->closed);
  assert_ping_answered (raw);
}

/* Handshake checks ------------------------------------------------------------ */

static void
test_origin (Fixture       *f,
             gconstpointer  data)
{
  const char * const allowed[] = { "https://app.example", NULL };
  g_autoptr(GError) error = NULL;
  guint status = 0;

  fixture_start (f);

  /* A foreign browser origin is refused; loopback and no origin are fine. */
  g_assert_null (raw_connect (f->url, "http://evil.example", NULL, NULL, &status, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_FORBIDDEN);
  g_clear_error (&error);

  raw_free (raw_connect (f->url, "http://localhost:8080", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  raw_free (raw_connect (f->url, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* An allow-list adds to the loopback origins, as on HTTP. */
  mcp_websocket_server_transport_set_allowed_origins (f->listener, allowed);
  raw_free (raw_connect (f->url, "https://app.example", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  raw_free (raw_connect (f->url, "http://localhost:8080", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (raw_connect (f->url, "http://evil.example", NULL, NULL, &status, &error));
  g_assert_cmpuint (status, ==, SOUP_STATUS_FORBIDDEN);
  g_clear_error (&error);

  /* Our own client says what went wrong. */
  {
    g_autoptr(McpWebSocketTransport) transport = mcp_websocket_transport_new (f->url);
    g_autoptr(McpClient) client = NULL;

    mcp_websocket_transport_set_origin (transport, "http://evil.example");
    client = connect_client (MCP_TRANSPORT (transport), &error);
    g_assert_null (client);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_FORBIDDEN);
    g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                     MCP_TRANSPORT_STATE_DISCONNECTED);
  }
}

static void
test_auth_token (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint status = 0;

  mcp_websocket_server_transport_set_auth_token (f->listener, "s3cret-token");
  fixture_start (f);

  g_assert_null (raw_connect (f->url, NULL, NULL, NULL, &status, &error));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_null (raw_connect (f->url, NULL, NULL, "Bearer s3cret-tokeX", &status, &error));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_null (raw_connect (f->url, NULL, NULL, "Basic s3cret-token", &status, &error));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_clear_error (&error);

  {
    g_autoptr(McpWebSocketTransport) transport = mcp_websocket_transport_new (f->url);
    g_autoptr(McpClient) client = connect_client (MCP_TRANSPORT (transport), &error);

    g_assert_null (client);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
    g_clear_error (&error);
  }

  {
    g_autoptr(McpWebSocketTransport) transport = mcp_websocket_transport_new (f->url);
    g_autoptr(McpClient) client = NULL;
    g_autofree char *text = NULL;

    mcp_websocket_transport_set_auth_token (transport, "s3cret-token");
    client = connect_client (MCP_TRANSPORT (transport), &error);
    g_assert_no_error (error);
    text = call_echo (client, "authorized");
    g_assert_cmpstr (text, ==, "Echo: authorized");
  }
}

static void
test_subprotocols (Fixture       *f,
                   gconstpointer  data)
{
  const char * const v1[] = { "mcp-v1", NULL };
  const char * const both[] = { "mcp-v1", "mcp", NULL };
  const char * const unknown[] = { "graphql-ws", NULL };
  g_autoptr(GError) error = NULL;
  guint status = 0;
  RawClient *raw;

  fixture_start (f);

  raw = raw_connect (f->url, NULL, v1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_websocket_connection_get_protocol (raw->connection), ==, "mcp-v1");
  raw_free (raw);

  /* `mcp` wins when offered, whatever the client's order. */
  raw = raw_connect (f->url, NULL, both, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_websocket_connection_get_protocol (raw->connection), ==, "mcp");
  raw_free (raw);

  raw = raw_connect (f->url, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (soup_websocket_connection_get_protocol (raw->connection));
  assert_ping_answered (raw);
  raw_free (raw);

  g_assert_null (raw_connect (f->url, NULL, unknown, NULL, &status, &error));
  g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);
  g_clear_error (&error);

  /* Strict mode refuses a client that offers nothing. */
  mcp_websocket_server_transport_set_require_subprotocol (f->listener, TRUE);
  g_assert_null (raw_connect (f->url, NULL, NULL, NULL, &status, &error));
  g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);
  g_clear_error (&error);
  raw_free (raw_connect (f->url, NULL, v1, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Keepalive ------------------------------------------------------------------ */

/* Performs the handshake by hand and then never reads or answers again. */
static GSocketConnection *
silent_client (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GString) response = g_string_new (NULL);
  GInputStream *input;
  gint64 deadline;

  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1",
                                                g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);

  request = g_strdup_printf ("GET / HTTP/1.1\r\n"
                             "Host: 127.0.0.1:%d\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                             "Sec-WebSocket-Version: 13\r\n"
                             "Sec-WebSocket-Protocol: mcp\r\n"
                             "\r\n", g_uri_get_port (uri));
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  /* Read the 101 response up to its blank line, byte by byte, while the
   * server (in this thread) runs. */
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  deadline = g_get_monotonic_time () + (gint64) MCP_TEST_TIMEOUT_MS * 1000;
  while (!g_str_has_suffix (response->str, "\r\n\r\n") && response->len < 4096)
    {
      char c;
      gssize n;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (input),
                                                    &c, 1, NULL, &error);

      if (n == 1)
        {
          g_string_append_c (response, c);
          continue;
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      g_clear_error (&error);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (g_str_has_prefix (response->str, "HTTP/1.1 101"));

  return g_steal_pointer (&connection);
}

static void
on_peer_disconnected (McpServerTransport *listener,
                      McpTransport       *peer,
                      guint              *count)
{
  (*count)++;
}

static void
test_server_keepalive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSocketConnection) silent = NULL;
  g_autoptr(RawClient) lively = NULL;
  g_autoptr(GError) error = NULL;
  guint disconnected = 0;

  mcp_websocket_server_transport_set_keepalive_interval (f->listener, 1);
  mcp_websocket_server_transport_set_pong_timeout (f->listener, 1);
  g_signal_connect (f->listener, "peer-disconnected", G_CALLBACK (on_peer_disconnected),
                    &disconnected);
  fixture_start (f);

  silent = silent_client (f->url);
  lively = raw_connect (f->url, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  mcp_test_wait_until (!(mcp_websocket_server_transport_get_n_clients (f->listener) < 2));

  /* The silent one answers no ping and is dropped; the lively one (libsoup
   * answers pings for it) stays. */
  mcp_test_wait_count (&disconnected, 1, 10000);
  g_assert_cmpuint (mcp_websocket_server_transport_get_n_clients (f->listener), ==, 1);
  g_assert_false (lively->closed);
  assert_ping_answered (lively);

  g_signal_handlers_disconnect_by_data (f->listener, &disconnected);
}

/* TLS --------------------------------------------------------------------------- */

static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(McpWebSocketTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint wait_status = 0;

  if (openssl == NULL || !g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("openssl or a GIO TLS backend is missing");
      return;
    }

  if (!mcp_test_run_without_leak_check ())
    return;

  dir = g_dir_make_tmp ("mcp-test-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert_path = g_build_filename (dir, "cert.pem", NULL);
  key_path = g_build_filename (dir, "key.pem", NULL);

  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", key_path, "-out", cert_path, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);

  mcp_websocket_server_transport_set_tls_certificate (f->listener, certificate);
  fixture_start (f);
  g_assert_true (g_str_has_prefix (f->url, "wss://127.0.0.1:"));

  session = soup_session_new_with_options ("tls-database", database, NULL);
  transport = mcp_websocket_transport_new_with_session (f->url, session);
  client = connect_client (MCP_TRANSPORT (transport), &error);
  g_assert_no_error (error);
  text = call_echo (client, "over tls");
  g_assert_cmpstr (text, ==, "Echo: over tls");

  /* Without the certificate's authority the handshake fails. */
  {
    g_autoptr(McpWebSocketTransport) untrusting = mcp_websocket_transport_new (f->url);
    g_autoptr(McpClient) refused = connect_client (MCP_TRANSPORT (untrusting), &error);

    g_assert_null (refused);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
    g_clear_error (&error);
  }

  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

/* Against a real server process ------------------------------------------------ */

typedef struct
{
  GSubprocess *process;
  char        *url;
} ServerProcess;

static void
server_process_start (ServerProcess *server,
                      const char    *address)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *url;

  server->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                                      &error, path, "--ws", address, NULL);
  g_assert_no_error (error);

  line = mcp_test_read_line (g_subprocess_get_stderr_pipe (server->process), MCP_TEST_TIMEOUT_MS);
  g_assert_nonnull (line);
  url = strstr (line, "ws://");
  g_assert_nonnull (url);
  g_free (server->url);
  server->url = g_strdup (url);
}

static void
server_process_kill (ServerProcess *server)
{
  if (server->process == NULL)
    return;

  g_subprocess_send_signal (server->process, SIGCONT);
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

static void
server_process_clear (ServerProcess *server)
{
  server_process_kill (server);
  g_clear_pointer (&server->url, g_free);
}

static void
on_reconnecting (McpWebSocketTransport *transport,
                 guint                  attempt,
                 guint                  delay_ms,
                 GArray                *delays)
{
  g_assert_cmpuint (attempt, ==, delays->len + 1);
  g_array_append_val (delays, delay_ms);
}

static void
on_flag (GObject  *object,
         gboolean *flag)
{
  *flag = TRUE;
}

static void
test_reconnect (void)
{
  ServerProcess server = { 0 };
  g_autoptr(McpWebSocketTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GUri) uri = NULL;
  g_autofree char *address = NULL;
  g_autofree char *text = NULL;
  gboolean closed = FALSE;
  gboolean reconnected = FALSE;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) arguments = mcp_test_parse ("{\"ms\":60000}");

  server_process_start (&server, "127.0.0.1:0");
  uri = g_uri_parse (server.url, G_URI_FLAGS_NONE, NULL);
  address = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));

  transport = mcp_websocket_transport_new (server.url);
  mcp_websocket_transport_set_reconnect_max_attempts (transport, -1);
  mcp_websocket_transport_set_reconnect_initial_delay (transport, 100);
  mcp_websocket_transport_set_reconnect_max_delay (transport, 400);
  g_signal_connect (transport, "reconnecting", G_CALLBACK (on_reconnecting), delays);

  client = connect_client (MCP_TRANSPORT (transport), &error);
  g_assert_no_error (error);
  g_signal_connect (client, "closed", G_CALLBACK (on_flag), &closed);
  g_signal_connect (client, "reconnected", G_CALLBACK (on_flag), &reconnected);

  /* A call in flight when the server dies fails; it does not hang. */
  mcp_client_call_tool_async (client, "delay", arguments, NULL, mcp_test_store_result_cb, &slot);
  mcp_test_spin (100);
  server_process_kill (&server);

  result = mcp_test_wait_result (&slot);
  g_assert_null (mcp_client_call_tool_finish (client, result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED);
  g_clear_error (&error);
  mcp_test_wait_flag (&closed, MCP_TEST_TIMEOUT_MS);
  g_assert_false (mcp_client_is_connected (client));

  /* Attempts back off while nobody listens. */
  mcp_test_wait_until (!(delays->len < 4));
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                   MCP_TRANSPORT_STATE_CONNECTING);
  for (guint i = 0; i < delays->len; i++)
    {
      guint full = MIN (100u << i, 400u);
      guint delay = g_array_index (delays, guint, i);

      g_assert_cmpuint (delay, >=, full / 2);
      g_assert_cmpuint (delay, <=, full);
    }

  /* Calls meanwhile fail at once. */
  {
    g_autoptr(GAsyncResult) failed = NULL;

    mcp_client_ping_async (client, NULL, mcp_test_store_result_cb, &slot);
    failed = mcp_test_wait_result (&slot);
    g_assert_false (mcp_client_ping_finish (client, failed, &error));
    g_assert_error (error, MCP_ERROR, MCP_ERROR_NOT_CONNECTED);
    g_clear_error (&error);
  }

  /* The server comes back on the same port: the client reconnects and
   * initializes again by itself. */
  server_process_start (&server, address);
  mcp_test_wait_flag (&reconnected, MCP_TEST_TIMEOUT_MS);
  g_assert_true (mcp_client_is_connected (client));
  text = call_echo (client, "again");
  g_assert_cmpstr (text, ==, "Echo: again");

  server_process_clear (&server);
}

static void
test_client_keepalive (void)
{
  ServerProcess server = { 0 };
  g_autoptr(McpWebSocketTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gboolean closed = FALSE;

  server_process_start (&server, "127.0.0.1:0");

  transport = mcp_websocket_transport_new (server.url);
  mcp_websocket_transport_set_keepalive_interval (transport, 1);
  mcp_websocket_transport_set_pong_timeout (transport, 1);
  client = connect_client (MCP_TRANSPORT (transport), &error);
  g_assert_no_error (error);
  g_signal_connect (client, "closed", G_CALLBACK (on_flag), &closed);

  /* A stopped process keeps its socket open and answers nothing. */
  g_subprocess_send_signal (server.process, SIGSTOP);
  mcp_test_wait_flag (&closed, 10000);
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                   MCP_TRANSPORT_STATE_DISCONNECTED);
  g_assert_cmpuint (mcp_websocket_transport_get_close_code (transport), ==,
                    SOUP_WEBSOCKET_CLOSE_GOING_AWAY);

  server_process_clear (&server);
}

static void
on_first_error (McpTransport  *transport,
                GError        *error,
                char         **message)
{
  if (*message == NULL)
    *message = g_strdup (error->message);
}

/* A server that never reads: the client's queue inside libsoup is capped
 * by max-send-queue (issue #10), not by the client's memory. */
static void
test_client_send_queue (void)
{
  ServerProcess server = { 0 };
  g_autoptr(McpWebSocketTransport) transport = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) message = NULL;
  g_autofree char *padding = NULL;
  g_autofree char *json = NULL;
  g_autofree char *error_message = NULL;
  const gsize piece = 64 * 1024;
  const guint64 cap = 1024 * 1024;
  guint64 handed = 0;

  server_process_start (&server, "127.0.0.1:0");

  transport = mcp_websocket_transport_new (server.url);
  g_assert_cmpuint (mcp_websocket_transport_get_max_send_queue (transport), ==, 32 * 1024 * 1024);
  mcp_websocket_transport_set_max_send_queue (transport, cap);
  mcp_websocket_transport_set_keepalive_interval (transport, 0);
  mcp_websocket_transport_set_reconnect_max_attempts (transport, 0);
  g_signal_connect (transport, "error", G_CALLBACK (on_first_error), &error_message);

  mcp_transport_connect_async (MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_transport_connect_finish (MCP_TRANSPORT (transport), result, &error));
  g_assert_no_error (error);

  /* A stopped process keeps its socket open and reads nothing. */
  g_subprocess_send_signal (server.process, SIGSTOP);

  padding = g_strnfill (piece, 'x');
  json = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                          "\"params\":{\"data\":\"%s\"}}", padding);
  message = json_from_string (json, &error);
  g_assert_no_error (error);

  /* The kernel's buffers on both sides take some megabytes first; past
   * them, the queue reaches the cap and the connection is closed. */
  while (mcp_transport_get_state (MCP_TRANSPORT (transport)) == MCP_TRANSPORT_STATE_CONNECTED)
    {
      g_assert_cmpuint (handed, <, 256 * 1024 * 1024);
      mcp_transport_send_message_async (MCP_TRANSPORT (transport), message, NULL, NULL, NULL, NULL);
      handed += piece;
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                   MCP_TRANSPORT_STATE_DISCONNECTED);
  g_assert_cmpuint (mcp_websocket_transport_get_close_code (transport), ==,
                    SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_assert_nonnull (error_message);
  g_assert_nonnull (strstr (error_message, "stopped reading"));
  g_test_message ("closed after %" G_GUINT64_FORMAT " bytes handed", handed);

  server_process_clear (&server);
}

static void
test_connect_refused (void)
{
  g_autoptr(McpWebSocketTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  guint16 port;

  /* A port that was free a moment ago: nobody listens there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  {
    g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/", port);

    transport = mcp_websocket_transport_new (url);
  }
  client = connect_client (MCP_TRANSPORT (transport), &error);
  g_assert_null (client);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_clear_error (&error);

  g_clear_object (&transport);
  transport = mcp_websocket_transport_new ("http://127.0.0.1:1/");
  client = connect_client (MCP_TRANSPORT (transport), &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/WebSocket/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("basic", test_basic);
  ADD ("many-clients", test_many_clients);
  ADD ("broadcast", test_broadcast);
  ADD ("wait-for-clients-timeout", test_wait_timeout);
  ADD ("oversized-frame", test_oversized_frame);
  ADD ("binary-frame", test_binary_frame);
  ADD ("invalid-json", test_invalid_json);
  ADD ("origin", test_origin);
  ADD ("auth-token", test_auth_token);
  ADD ("subprotocols", test_subprotocols);
  ADD ("server-keepalive", test_server_keepalive);
  ADD ("tls", test_tls);
  g_test_add_func ("/Mcp/WebSocket/connect-refused", test_connect_refused);
  g_test_add_func ("/Mcp/WebSocket/reconnect", test_reconnect);
  g_test_add_func ("/Mcp/WebSocket/client-keepalive", test_client_keepalive);
  g_test_add_func ("/Mcp/WebSocket/client-send-queue", test_client_send_queue);

#undef ADD

  return g_test_run ();
}

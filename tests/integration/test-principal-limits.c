/* test-principal-limits.c: limits that follow the principal, not the
 * request: the session cap (max-sessions-per-principal and
 * McpAuthInfo:max-sessions), the idle timeout of a principal's sessions,
 * and a principal's rate limit, which holds across the new identity a JWT
 * provider makes for each request. The application sets them in
 * McpAuthProvider::authenticated. Over Streamable HTTP (both eras) and
 * WebSocket, with raw libsoup requests so that statuses are seen as sent.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

#define SECRET "principal-limits-test-secret-0123456789abcdef"

#define INITIALIZE \
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{" \
  "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}," \
  "\"clientInfo\":{\"name\":\"limits\",\"version\":\"1\"}}}"

#define PING "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"

typedef struct
{
  McpServer                   *server;
  McpJwtProvider              *jwt;
  McpHttpServerTransport      *http;
  McpWebSocketServerTransport *ws;
  char                        *http_url;
  char                        *ws_url;
  guint                        authenticated;
} Fixture;

/* The application: what it knows of each user. */
static void
on_authenticated (McpAuthProvider *provider,
                  McpAuthInfo     *info,
                  Fixture         *fixture)
{
  const char *who = mcp_auth_info_get_principal (info);

  fixture->authenticated++;
  if (g_strcmp0 (who, "metered") == 0)
    mcp_auth_info_set_rate_limit (info, 0.1, 2);
  else if (g_strcmp0 (who, "hasty") == 0)
    mcp_auth_info_set_session_idle_timeout (info, 300);
  else if (g_strcmp0 (who, "team") == 0)
    mcp_auth_info_set_max_sessions (info, 4);
}

static void
start (McpServerTransport *transport)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_server_transport_start_async (transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (transport, result, &error));
  g_assert_no_error (error);
}

static void
stop (McpServerTransport *transport)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_server_transport_stop_async (transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (transport, result, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) secret = g_bytes_new_static (SECRET, strlen (SECRET));
  guint port;

  fixture->server = mcp_server_new ("principal-limits", "1.0");
  fixture->jwt = mcp_jwt_provider_new_hs256 (secret);
  g_signal_connect (fixture->jwt, "authenticated", G_CALLBACK (on_authenticated), fixture);

  fixture->http = mcp_http_server_transport_new ();
  mcp_http_server_transport_set_auth_provider (fixture->http, MCP_AUTH_PROVIDER (fixture->jwt));
  g_object_set (fixture->http, "max-sessions-per-principal", 2, NULL);
  mcp_server_add_server_transport (fixture->server, MCP_SERVER_TRANSPORT (fixture->http));
  start (MCP_SERVER_TRANSPORT (fixture->http));
  fixture->http_url = mcp_http_server_transport_dup_url (fixture->http);

  fixture->ws = mcp_websocket_server_transport_new ("127.0.0.1", 0);
  mcp_websocket_server_transport_set_auth_provider (fixture->ws, MCP_AUTH_PROVIDER (fixture->jwt));
  g_object_set (fixture->ws, "max-sessions-per-principal", 2, NULL);
  mcp_server_add_server_transport (fixture->server, MCP_SERVER_TRANSPORT (fixture->ws));
  start (MCP_SERVER_TRANSPORT (fixture->ws));
  g_object_get (fixture->ws, "port", &port, NULL);
  fixture->ws_url = g_strdup_printf ("ws://127.0.0.1:%u/mcp", port);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  stop (MCP_SERVER_TRANSPORT (fixture->http));
  stop (MCP_SERVER_TRANSPORT (fixture->ws));
  mcp_test_spin (20);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->ws);
  g_clear_object (&fixture->jwt);
  g_free (fixture->http_url);
  g_free (fixture->ws_url);
}

/* A new token for @sub at each call, as a client that refreshes would
 * present: each makes a new identity of the same principal. */
static char *
token_for (const char *sub)
{
  static guint serial;
  g_autoptr(GBytes) key = g_bytes_new_static (SECRET, strlen (SECRET));
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *jti = g_strdup_printf ("token-%u", ++serial);

  json_object_set_string_member (claims, "sub", sub);
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_int_member (claims, "exp", g_get_real_time () / G_USEC_PER_SEC + 300);
  return mcp_jwt_create_hs256 (key, claims);
}

typedef struct
{
  guint  status;
  char  *session_id;
  char  *retry_after;
  char  *text;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_free (reply->session_id);
  g_free (reply->retry_after);
  g_free (reply->text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* One request as @sub (a fresh token), in @session_id if set. */
static void
send_as (Fixture    *fixture,
         const char *method,
         const char *sub,
         const char *session_id,
         const char *body,
         Reply      *reply)
{
  g_autoptr(SoupSession) soup = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, fixture->http_url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *token = token_for (sub);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (headers, "Accept", "application/json, text/event-stream");
  soup_message_headers_append (headers, "Authorization", authorization);
  if (session_id != NULL)
    {
      soup_message_headers_append (headers, "Mcp-Session-Id", session_id);
      soup_message_headers_append (headers, "MCP-Protocol-Version", "2025-11-25");
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  bytes = soup_session_send_and_read_finish (soup, result, &error);
  g_assert_no_error (error);

  reply->status = soup_message_get_status (msg);
  reply->session_id = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "Mcp-Session-Id"));
  reply->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                               "Retry-After"));
  reply->text = g_strndup (g_bytes_get_size (bytes) > 0 ? g_bytes_get_data (bytes, NULL) : "",
                           g_bytes_get_size (bytes));
}

/* Opens a session as @sub; returns its id, or NULL with the refusal in
 * @status. */
static char *
open_session (Fixture    *fixture,
              const char *sub,
              guint      *status)
{
  g_auto(Reply) reply = { 0 };

  send_as (fixture, SOUP_METHOD_POST, sub, NULL, INITIALIZE, &reply);
  *status = reply.status;
  if (reply.status != SOUP_STATUS_OK)
    {
      g_assert_null (reply.session_id);
      g_test_message ("refused: %u %s", reply.status, reply.text);
      if (reply.status == 429)
        {
          g_assert_nonnull (strstr (reply.text, "sessions"));
          g_assert_nonnull (strstr (reply.text, sub));
        }
      return NULL;
    }
  g_assert_nonnull (reply.session_id);
  return g_steal_pointer (&reply.session_id);
}

static guint
ping_in (Fixture    *fixture,
         const char *sub,
         const char *session_id)
{
  g_auto(Reply) reply = { 0 };

  send_as (fixture, SOUP_METHOD_POST, sub, session_id, PING, &reply);
  return reply.status;
}

/* Tests ---------------------------------------------------------------------------- */

/* Two sessions a principal by the transport's cap, four for the one the
 * application allows more; others are not affected, and a closed session
 * frees its place. */
static void
test_session_cap_http (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *a3 = NULL;
  g_autofree char *b1 = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) team = g_ptr_array_new_with_free_func (g_free);
  g_auto(Reply) closed = { 0 };
  guint status = 0;

  a1 = open_session (fixture, "alice", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  a2 = open_session (fixture, "alice", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  a3 = open_session (fixture, "alice", &status);
  g_assert_null (a3);
  g_assert_cmpuint (status, ==, 429);

  /* Another principal has places of its own. */
  b1 = open_session (fixture, "bob", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (ping_in (fixture, "alice", a1), ==, SOUP_STATUS_OK);

  /* Closing one frees its place. */
  send_as (fixture, SOUP_METHOD_DELETE, "alice", a2, NULL, &closed);
  g_assert_cmpuint (closed.status, ==, SOUP_STATUS_OK);
  mcp_test_spin (20);
  again = open_session (fixture, "alice", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  /* McpAuthInfo:max-sessions, set by the application, wins. */
  for (guint i = 0; i < 5; i++)
    {
      char *id = open_session (fixture, "team", &status);

      if (i < 4)
        g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
      else
        g_assert_cmpuint (status, ==, 429);
      if (id != NULL)
        g_ptr_array_add (team, id);
    }
  g_assert_cmpuint (team->len, ==, 4);
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (fixture->http), ==, 7);
}

/* The rate limit the application gives a principal holds across the new
 * identity each fresh token makes; other principals are not metered. */
static void
test_rate_limit_http (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *metered = NULL;
  g_autofree char *free_session = NULL;
  guint status = 0;
  guint refused = 0;

  /* Burst 2 at one request every 10 s: initialize and one ping. */
  metered = open_session (fixture, "metered", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (ping_in (fixture, "metered", metered), ==, SOUP_STATUS_OK);
  for (guint i = 0; i < 3; i++)
    {
      g_auto(Reply) reply = { 0 };

      send_as (fixture, SOUP_METHOD_POST, "metered", metered, PING, &reply);
      g_assert_cmpuint (reply.status, ==, 429);
      g_assert_nonnull (reply.retry_after);
      g_assert_cmpuint (g_ascii_strtoull (reply.retry_after, NULL, 10), >=, 1);
      g_assert_cmpuint (g_ascii_strtoull (reply.retry_after, NULL, 10), <=, 10);
      g_assert_nonnull (strstr (reply.text, "-32029"));
      g_assert_nonnull (strstr (reply.text, "metered"));
      refused++;
    }
  g_assert_cmpuint (refused, ==, 3);

  free_session = open_session (fixture, "carol", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (ping_in (fixture, "carol", free_session), ==, SOUP_STATUS_OK);
}

/* A principal's own idle timeout reaps its sessions; the others keep the
 * transport's. */
static void
test_idle_timeout_http (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *hasty = NULL;
  g_autofree char *patient = NULL;
  guint status = 0;

  hasty = open_session (fixture, "hasty", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  patient = open_session (fixture, "patient", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (fixture->http), ==, 2);

  mcp_test_wait_until (mcp_http_server_transport_get_n_sessions (fixture->http) == 1);
  g_assert_cmpuint (ping_in (fixture, "hasty", hasty), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (ping_in (fixture, "patient", patient), ==, SOUP_STATUS_OK);
}

typedef struct
{
  SoupSession             *soup;
  SoupMessage             *msg;
  SoupWebsocketConnection *connection;
} Socket;

static void
socket_clear (Socket *socket)
{
  if (socket->connection != NULL &&
      soup_websocket_connection_get_state (socket->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (socket->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&socket->connection);
  g_clear_object (&socket->msg);
  g_clear_object (&socket->soup);
}

/* A WebSocket handshake as @sub; returns the HTTP status it got. */
static guint
ws_connect (Fixture    *fixture,
            const char *sub,
            Socket     *socket)
{
  g_autofree char *token = token_for (sub);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *protocols[] = { "mcp", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  socket->soup = soup_session_new ();
  socket->msg = soup_message_new (SOUP_METHOD_GET, fixture->ws_url);
  soup_message_headers_append (soup_message_get_request_headers (socket->msg), "Authorization",
                               authorization);
  soup_session_websocket_connect_async (socket->soup, socket->msg, NULL, (char **) protocols,
                                        G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  socket->connection = soup_session_websocket_connect_finish (socket->soup, result, &error);
  if (socket->connection == NULL)
    g_assert_nonnull (error);
  return soup_message_get_status (socket->msg);
}

/* The cap counts a principal's WebSocket connections. */
static void
test_session_cap_websocket (Fixture       *fixture,
                            gconstpointer  data)
{
  Socket sockets[4] = { { 0 } };
  guint n_clients = 0;

  g_assert_cmpuint (ws_connect (fixture, "alice", &sockets[0]), ==, SOUP_STATUS_SWITCHING_PROTOCOLS);
  g_assert_cmpuint (ws_connect (fixture, "alice", &sockets[1]), ==, SOUP_STATUS_SWITCHING_PROTOCOLS);
  g_assert_cmpuint (ws_connect (fixture, "alice", &sockets[2]), ==, 429);
  g_assert_null (sockets[2].connection);
  g_assert_cmpuint (ws_connect (fixture, "bob", &sockets[3]), ==, SOUP_STATUS_SWITCHING_PROTOCOLS);
  g_object_get (fixture->ws, "n-clients", &n_clients, NULL);
  g_assert_cmpuint (n_clients, ==, 3);

  /* A closed one frees its place. */
  socket_clear (&sockets[0]);
  mcp_test_wait_until ((g_object_get (fixture->ws, "n-clients", &n_clients, NULL), n_clients == 2));
  socket_clear (&sockets[2]);
  g_assert_cmpuint (ws_connect (fixture, "alice", &sockets[2]), ==, SOUP_STATUS_SWITCHING_PROTOCOLS);

  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    socket_clear (&sockets[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/PrincipalLimits/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("session-cap/http", test_session_cap_http);
  ADD ("session-cap/websocket", test_session_cap_websocket);
  ADD ("rate-limit/http", test_rate_limit_http);
  ADD ("idle-timeout/http", test_idle_timeout_http);

#undef ADD

  return g_test_run ();
}

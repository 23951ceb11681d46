/* test-connection-pool.c: McpConnectionPool against in-process WebSocket
 * servers on 127.0.0.1 and a real mcp-everything-server subprocess.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mcp-test-util.h"

typedef struct
{
  McpServer                   *server;
  McpWebSocketServerTransport *listener;
  char                        *url;
  McpToolCall                 *held;     /* by the "hold" tool, never answered */
} TestServer;

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_autofree char *text = g_strdup_printf ("Echo: %s",
                                           mcp_tool_call_get_string (call, "message", ""));

  mcp_tool_call_return_text (call, text);
}

static void
tool_hold (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  TestServer *test_server = user_data;

  g_assert_null (test_server->held);
  test_server->held = g_object_ref (call);
}

static void
test_server_start_on (TestServer *server,
                      guint       port)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("echo", "Echoes its message");
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  server->server = mcp_server_new ("pool-test", "1.0");
  mcp_server_add_tool (server->server, tool, tool_echo, NULL, NULL);
  {
    g_autoptr(McpResource) resource = mcp_resource_new ("test://pool/text", "text");

    mcp_server_add_text_resource (server->server, resource, "pooled resource text");
  }
  server->listener = mcp_websocket_server_transport_new ("127.0.0.1", port);
  mcp_server_add_server_transport (server->server, MCP_SERVER_TRANSPORT (server->listener));

  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (server->listener), NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (server->listener),
                                                    result, &error));
  g_assert_no_error (error);
  server->url = mcp_websocket_server_transport_dup_url (server->listener);
}

static void
test_server_start (TestServer *server)
{
  test_server_start_on (server, 0);
}

static void
test_server_stop (TestServer *server)
{
  if (server->listener != NULL)
    mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (server->listener), NULL, NULL, NULL);
  mcp_test_spin (20);
  g_clear_object (&server->held);
  g_clear_object (&server->server);
  g_clear_object (&server->listener);
  g_clear_pointer (&server->url, g_free);
}

/* Each test that matters runs on both eras: @era NULL lets the pool's
 * clients detect it (the servers here speak 2026-07-28, so they get that),
 * "2025-11-25" pins legacy. */
#define LEGACY "2025-11-25"
#define MODERN "2026-07-28"

static McpConnectionPool *
pool_new (gconstpointer era)
{
  McpConnectionPool *pool = mcp_connection_pool_new ();

  mcp_connection_pool_set_protocol_version (pool, era);
  g_assert_cmpstr (mcp_connection_pool_get_protocol_version (pool), ==, era);
  return pool;
}

static gboolean
era_is_modern (gconstpointer era)
{
  return era == NULL || g_strcmp0 (era, MODERN) == 0;
}

/* What a pooled client to @url speaks. */
static char *
pool_dup_version (McpConnectionPool *pool,
                  const char        *url)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpClient) client = NULL;
  char *version;

  mcp_connection_pool_acquire_async (pool, url, NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  client = mcp_connection_pool_acquire_finish (pool, result, &error);
  g_assert_no_error (error);
  version = g_strdup (mcp_client_get_protocol_version (client));
  mcp_connection_pool_release (pool, client);
  return version;
}

static void
assert_era (McpConnectionPool *pool,
            const char        *url,
            gconstpointer      era)
{
  g_autofree char *version = pool_dup_version (pool, url);

  g_assert_cmpstr (version, ==, era_is_modern (era) ? MODERN : LEGACY);
}

static void
pool_free (McpConnectionPool *pool)
{
  gpointer weak = pool;
  gint64 deadline = g_get_monotonic_time () + MCP_TEST_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  mcp_connection_pool_clear (pool);
  g_object_add_weak_pointer (G_OBJECT (pool), &weak);
  g_object_unref (pool);

  /* A connect under way holds the pool until it has failed. */
  mcp_test_wait_until (!(weak != NULL && g_get_monotonic_time () < deadline));
  g_assert_null (weak);

  /* Let the closes reach the servers. */
  mcp_test_spin (20);
}

static char *
pool_echo (McpConnectionPool *pool,
           const char        *url,
           const char        *message,
           GError           **error)
{
  g_autofree char *json = g_strdup_printf ("{\"message\":\"%s\"}", message);
  g_autoptr(JsonNode) arguments = mcp_test_parse (json);
  g_autoptr(McpToolResult) tool_result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_connection_pool_call_tool_async (pool, url, "echo", arguments, NULL,
                                       mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_connection_pool_call_tool_finish (pool, result, error);
  if (tool_result == NULL)
    return NULL;

  return mcp_tool_result_dup_text (tool_result);
}

static guint64
stat (McpConnectionPool *pool,
      const char        *name)
{
  guint64 value = 0;

  g_object_get (pool, name, &value, NULL);
  return value;
}

/* Reuse ---------------------------------------------------------------------- */

#define N_CALLS 25

static void
test_sequential (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);

  test_server_start (&server);

  for (guint i = 0; i < N_CALLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = g_strdup_printf ("call %u", i);
      g_autofree char *expected = g_strdup_printf ("Echo: call %u", i);
      g_autofree char *text = pool_echo (pool, server.url, message, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, expected);
    }

  g_assert_cmpuint (stat (pool, "misses"), ==, 1);
  g_assert_cmpuint (stat (pool, "hits"), ==, N_CALLS - 1);
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 1);
  g_assert_cmpuint (stat (pool, "connections-reused"), ==, N_CALLS - 1);
  g_assert_cmpuint (stat (pool, "connection-errors"), ==, 0);
  g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 1);
  g_assert_cmpuint (mcp_websocket_server_transport_get_n_clients (server.listener), ==, 1);
  assert_era (pool, server.url, era);

  pool_free (pool);
  test_server_stop (&server);
}

typedef struct
{
  McpConnectionPool *pool;
  guint              done;
  guint              failed;
} Counter;

static void
concurrent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;

  tool_result = mcp_connection_pool_call_tool_finish (MCP_CONNECTION_POOL (object), result, &error);
  if (tool_result == NULL)
    counter->failed++;
  counter->done++;
}

static void
test_concurrent_first (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(JsonNode) arguments = mcp_test_parse ("{\"message\":\"together\"}");
  Counter counter = { pool, 0, 0 };

  test_server_start (&server);

  /* Twenty first calls at once share a single connect. */
  for (guint i = 0; i < 20; i++)
    mcp_connection_pool_call_tool_async (pool, server.url, "echo", arguments, NULL,
                                         concurrent_cb, &counter);
  mcp_test_wait_count (&counter.done, 20, MCP_TEST_TIMEOUT_MS);

  g_assert_cmpuint (counter.failed, ==, 0);
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 1);
  g_assert_cmpuint (stat (pool, "misses"), ==, 1);
  g_assert_cmpuint (stat (pool, "hits"), ==, 19);
  g_assert_cmpuint (mcp_websocket_server_transport_get_n_clients (server.listener), ==, 1);

  pool_free (pool);
  test_server_stop (&server);
}

static void
test_grows_under_load (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(JsonNode) arguments = mcp_test_parse ("{\"message\":\"load\"}");
  Counter counter = { pool, 0, 0 };

  g_object_set (pool, "max-connections", 3, NULL);
  test_server_start (&server);

  /* Rounds of concurrent calls: busy connections are shared at once and
   * the pool grows to its limit, never past it. */
  for (guint round = 0; round < 5; round++)
    {
      guint target = counter.done + 30;

      for (guint i = 0; i < 30; i++)
        mcp_connection_pool_call_tool_async (pool, server.url, "echo", arguments, NULL,
                                             concurrent_cb, &counter);
      mcp_test_wait_count (&counter.done, target, MCP_TEST_TIMEOUT_MS);
      g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), <=, 3);
    }

  g_assert_cmpuint (counter.failed, ==, 0);
  g_assert_cmpuint (stat (pool, "connections-created"), >=, 2);
  g_assert_cmpuint (stat (pool, "connections-created"), <=, 3);
  g_assert_cmpuint (stat (pool, "hits") + stat (pool, "misses"), ==, 150);

  pool_free (pool);
  test_server_stop (&server);
}

static void
test_two_urls (gconstpointer era)
{
  TestServer a = { 0 };
  TestServer b = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(McpConnectionPoolStats) stats = NULL;
  g_auto(GStrv) urls = NULL;
  g_autofree char *report = NULL;
  guint active = 99, idle = 99;

  test_server_start (&a);
  test_server_start (&b);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ta = pool_echo (pool, a.url, "a", &error);
      g_autofree char *tb = pool_echo (pool, b.url, "b", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (ta, ==, "Echo: a");
      g_assert_cmpstr (tb, ==, "Echo: b");
    }

  g_assert_cmpuint (stat (pool, "connections-created"), ==, 2);
  g_assert_cmpuint (stat (pool, "misses"), ==, 2);
  g_assert_cmpuint (stat (pool, "hits"), ==, 8);

  stats = mcp_connection_pool_get_stats (pool);
  urls = mcp_connection_pool_stats_dup_urls (stats);
  g_assert_cmpuint (g_strv_length (urls), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) urls, a.url));
  g_assert_true (g_strv_contains ((const char * const *) urls, b.url));
  g_assert_true (mcp_connection_pool_stats_get_url_counts (stats, a.url, &active, &idle));
  g_assert_cmpuint (active, ==, 0);
  g_assert_cmpuint (idle, ==, 1);
  g_assert_false (mcp_connection_pool_stats_get_url_counts (stats, "ws://127.0.0.1:1/", NULL, NULL));
  report = mcp_connection_pool_stats_to_string (stats);
  g_assert_nonnull (strstr (report, "connections created: 2"));

  /* remove() closes one URL's connections only. */
  g_assert_cmpuint (mcp_connection_pool_remove (pool, a.url), ==, 1);
  g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 1);
  mcp_test_wait_until (!(mcp_websocket_server_transport_get_n_clients (a.listener) > 0));
  g_assert_cmpuint (mcp_websocket_server_transport_get_n_clients (b.listener), ==, 1);

  pool_free (pool);
  test_server_stop (&a);
  test_server_stop (&b);
}

static void
test_active_counts (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpConnectionPoolStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint active = 0, idle = 0;

  test_server_start (&server);

  mcp_connection_pool_acquire_async (pool, server.url, NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  client = mcp_connection_pool_acquire_finish (pool, result, &error);
  g_assert_no_error (error);
  g_assert_true (mcp_client_is_connected (client));

  stats = mcp_connection_pool_get_stats (pool);
  mcp_connection_pool_stats_get_url_counts (stats, server.url, &active, &idle);
  g_assert_cmpuint (active, ==, 1);
  g_assert_cmpuint (idle, ==, 0);
  g_clear_pointer (&stats, mcp_connection_pool_stats_unref);

  mcp_connection_pool_release (pool, client);
  stats = mcp_connection_pool_get_stats (pool);
  mcp_connection_pool_stats_get_url_counts (stats, server.url, &active, &idle);
  g_assert_cmpuint (active, ==, 0);
  g_assert_cmpuint (idle, ==, 1);

  /* The task holds the pool, as any GTask holds its source object. */
  g_clear_object (&result);
  pool_free (pool);
  test_server_stop (&server);
}

static void
test_credentials (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  const char *tokens[] = { "alice", "bob", "alice", NULL, NULL };
  McpClient *clients[G_N_ELEMENTS (tokens)];

  test_server_start (&server);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      mcp_connection_pool_acquire_async (pool, server.url, tokens[i], NULL,
                                         mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      clients[i] = mcp_connection_pool_acquire_finish (pool, result, &error);
      g_assert_no_error (error);
      mcp_connection_pool_release (pool, clients[i]);
    }

  /* One connection per credential: alice, bob, none. */
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 3);
  g_assert_true (clients[0] == clients[2]);
  g_assert_true (clients[3] == clients[4]);
  g_assert_true (clients[0] != clients[1]);
  g_assert_true (clients[0] != clients[3]);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_object_unref (clients[i]);

  /* remove() takes every credential's connections to the URL. */
  g_assert_cmpuint (mcp_connection_pool_remove (pool, server.url), ==, 3);
  g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 0);

  pool_free (pool);
  test_server_stop (&server);
}

static void
test_pooling_disabled (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);

  g_object_set (pool, "max-connections", 0, NULL);
  test_server_start (&server);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = pool_echo (pool, server.url, "once", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "Echo: once");
      g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 0);
    }

  g_assert_cmpuint (stat (pool, "connections-created"), ==, 3);
  g_assert_cmpuint (stat (pool, "misses"), ==, 3);
  g_assert_cmpuint (stat (pool, "hits"), ==, 0);

  pool_free (pool);
  test_server_stop (&server);
}

/* Eviction ------------------------------------------------------------------- */

static void
test_idle_reaped (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_object_set (pool, "max-idle-time", 100, "cleanup-interval", 50, NULL);
  test_server_start (&server);

  text = pool_echo (pool, server.url, "short-lived", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 1);

  /* The periodic sweep closes it, and the server sees it go. */
  mcp_test_wait_until (!(mcp_connection_pool_get_n_connections (pool) > 0));
  g_assert_cmpuint (stat (pool, "connections-evicted"), ==, 1);
  mcp_test_wait_until (!(mcp_websocket_server_transport_get_n_clients (server.listener) > 0));

  pool_free (pool);
  test_server_stop (&server);
}

static void
test_dead_evicted (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  test_server_start (&server);

  first = pool_echo (pool, server.url, "before", &error);
  g_assert_no_error (error);

  /* The server drops the connection. */
  {
    g_autoptr(GPtrArray) peers = mcp_websocket_server_transport_get_clients (server.listener);

    g_assert_cmpuint (peers->len, ==, 1);
    mcp_transport_disconnect_async (g_ptr_array_index (peers, 0), NULL, NULL, NULL);
  }
  mcp_test_wait_until (!(mcp_connection_pool_get_n_connections (pool) > 0));
  g_assert_cmpuint (stat (pool, "connections-evicted"), ==, 1);

  /* The next call gets a fresh connection, never the dead one. */
  second = pool_echo (pool, server.url, "after", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "Echo: after");
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 2);
  g_assert_cmpuint (stat (pool, "misses"), ==, 2);

  pool_free (pool);
  test_server_stop (&server);
}

/* Over @option (--ws or --http) of a real mcp-everything-server: answered
 * keep-alives keep the connection, unanswered ones evict it. */
static void
keepalive_evicts_silent_over (gconstpointer  era,
                              const char    *option,
                              const char    *scheme)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  McpConnectionPool *pool = pool_new (era);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                              &error, path, option, "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  while (url == NULL)
    {
      g_autofree char *line = mcp_test_read_line (g_subprocess_get_stderr_pipe (process),
                                                  MCP_TEST_TIMEOUT_MS);
      const char *found;

      g_assert_nonnull (line);
      if ((found = strstr (line, scheme)) != NULL)
        url = g_strndup (found, strcspn (found, " "));
    }

  /* A generous ping timeout: a loaded machine must not look like a dead
   * server. */
  g_object_set (pool, "ping-interval", 100, "ping-timeout", 1500, NULL);
  text = pool_echo (pool, url, "ping me", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Echo: ping me");
  assert_era (pool, url, era);

  /* Answered pings keep it. */
  mcp_test_spin (400);
  g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 1);
  g_assert_cmpuint (stat (pool, "connections-evicted"), ==, 0);

  /* A stopped server answers nothing: the ping times out, out it goes. */
  g_subprocess_send_signal (process, SIGSTOP);
  for (guint i = 0; mcp_connection_pool_get_n_connections (pool) > 0; i++)
    {
      g_assert_cmpuint (i, <, MCP_TEST_TIMEOUT_MS / 20);
      mcp_test_spin (20);
    }
  g_assert_cmpuint (stat (pool, "connections-evicted"), ==, 1);

  pool_free (pool);
  g_subprocess_send_signal (process, SIGCONT);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
}

static void
test_keepalive_evicts_silent (gconstpointer era)
{
  keepalive_evicts_silent_over (era, "--ws", "ws://");
  keepalive_evicts_silent_over (era, "--http", "http://");
}

/* What the server sees of keep-alive: `ping` on legacy, `server/discover`
 * on 2026-07-28, counted as the server's peer transports (WebSocket and
 * Streamable HTTP) receive them. */
typedef struct
{
  guint pings;
  guint discovers;
} MethodCounts;

static void
count_method (MethodCounts *counts,
              JsonNode     *message)
{
  JsonObject *object = message != NULL && JSON_NODE_HOLDS_OBJECT (message)
                       ? json_node_get_object (message) : NULL;
  const char *method = object != NULL ? json_object_get_string_member_with_default (object, "method", NULL)
                                      : NULL;

  if (g_strcmp0 (method, "ping") == 0)
    counts->pings++;
  else if (g_strcmp0 (method, "server/discover") == 0)
    counts->discovers++;
}

static void
on_peer_message (McpTransport *peer,
                 JsonNode     *message,
                 MethodCounts *counts)
{
  count_method (counts, message);
}


static void
on_peer_connected (McpServerTransport *listener,
                   McpTransport       *peer,
                   MethodCounts       *counts)
{
  g_signal_connect (peer, "message-received", G_CALLBACK (on_peer_message), counts);
}

/* Keep-alive of one pooled connection to @url, counted by @counts as the
 * server receives it. */
static void
keepalive_method_over (gconstpointer  era,
                       const char    *url,
                       MethodCounts  *counts)
{
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint discovers_before;

  g_object_set (pool, "ping-interval", 50, "ping-timeout", 2000, NULL);
  text = pool_echo (pool, url, "hello", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Echo: hello");
  assert_era (pool, url, era);

  /* Era detection may have sent one discover already. */
  discovers_before = counts->discovers;
  g_assert_cmpuint (counts->pings, ==, 0);

  for (guint i = 0; counts->pings + counts->discovers - discovers_before < 3; i++)
    {
      g_assert_cmpuint (i, <, MCP_TEST_TIMEOUT_MS / 20);
      mcp_test_spin (20);
    }

  if (era_is_modern (era))
    {
      g_assert_cmpuint (counts->pings, ==, 0);
      g_assert_cmpuint (counts->discovers - discovers_before, >=, 3);
    }
  else
    {
      g_assert_cmpuint (counts->pings, >=, 3);
      g_assert_cmpuint (counts->discovers, ==, 0);
    }
  g_test_message ("keep-alive seen by the server at %s: %u ping, %u server/discover",
                  url, counts->pings, counts->discovers - discovers_before);

  /* Answered, so the connection stays. */
  g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 1);
  g_assert_cmpuint (stat (pool, "connections-evicted"), ==, 0);

  pool_free (pool);
}

static void
test_keepalive_method (gconstpointer era)
{
  TestServer server = { 0 };
  g_autoptr(McpHttpServerTransport) http = mcp_http_server_transport_new ();
  g_autofree char *http_url = NULL;
  MethodCounts ws_counts = { 0 };
  MethodCounts http_counts = { 0 };
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* One McpServer on WebSocket and Streamable HTTP. */
  test_server_start (&server);
  g_signal_connect (server.listener, "peer-connected", G_CALLBACK (on_peer_connected), &ws_counts);
  mcp_http_server_transport_set_host (http, "127.0.0.1");
  mcp_http_server_transport_set_port (http, 0);
  mcp_server_add_server_transport (server.server, MCP_SERVER_TRANSPORT (http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_assert_no_error (error);
  http_url = mcp_http_server_transport_dup_url (http);
  g_signal_connect (http, "peer-connected", G_CALLBACK (on_peer_connected), &http_counts);

  keepalive_method_over (era, server.url, &ws_counts);
  keepalive_method_over (era, http_url, &http_counts);

  g_signal_handlers_disconnect_by_data (http, &http_counts);
  g_signal_handlers_disconnect_by_data (server.listener, &ws_counts);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, NULL, NULL);
  test_server_stop (&server);
}

static void
test_connect_retry (void)
{
  McpConnectionPool *pool = mcp_connection_pool_new ();
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("ws://127.0.0.1:%u/", port);

  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_FIXED, "retry-delay", 10,
                "max-retries", 2, NULL);
  text = pool_echo (pool, url, "nobody home", &error);
  g_assert_null (text);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_assert_cmpuint (stat (pool, "connection-errors"), ==, 3);
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 0);
  g_clear_error (&error);

  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, NULL);
  text = pool_echo (pool, url, "nobody home", &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_assert_cmpuint (stat (pool, "connection-errors"), ==, 4);

  pool_free (pool);
}

/* Policy ---------------------------------------------------------------------- */

static void
assert_refused (McpConnectionPool *pool,
                const char        *url,
                const char        *rule)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strdup_printf ("rule '%s'", rule);

  g_assert_false (mcp_connection_pool_check_url (pool, url, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* The same refusal from a call, before any connect. */
  text = pool_echo (pool, url, "x", &error);
  g_assert_null (text);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED);
}

static void
test_url_policy (void)
{
  McpConnectionPool *pool = mcp_connection_pool_new ();
  const char * const only_wss[] = { "wss", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  assert_refused (pool, "not a url", "syntax");
  assert_refused (pool, "ftp://127.0.0.1/", "scheme");
  assert_refused (pool, "ws://user:secret@127.0.0.1:9/", "userinfo");
  assert_refused (pool, "ws://169.254.169.254/latest/meta-data", "metadata");
  assert_refused (pool, "http://[fe80::1]:8080/mcp", "link-local");
  assert_refused (pool, "ws://[::ffff:169.254.1.1]/", "link-local");
  assert_refused (pool, "http://metadata.google.internal/", "metadata");
  assert_refused (pool, "ws://0.0.0.0:9/", "unspecified");

  /* Loopback: allowed by default, refused without allow-localhost and
   * always in production mode. */
  g_assert_true (mcp_connection_pool_check_url (pool, "ws://127.0.0.1:9/", NULL));
  g_object_set (pool, "allow-localhost", FALSE, NULL);
  assert_refused (pool, "ws://127.0.0.1:9/", "localhost");
  assert_refused (pool, "ws://localhost:9/", "localhost");
  assert_refused (pool, "ws://[::1]:9/", "localhost");
  g_object_set (pool, "allow-localhost", TRUE, "production-mode", TRUE, NULL);
  assert_refused (pool, "ws://127.0.0.1:9/", "localhost");
  g_object_set (pool, "production-mode", FALSE, NULL);

  g_object_set (pool, "allowed-schemes", only_wss, NULL);
  assert_refused (pool, "ws://127.0.0.1:9/", "scheme");
  g_object_set (pool, "allowed-schemes", NULL, NULL);
  assert_refused (pool, "wss://127.0.0.1:9/", "scheme");

  /* Development only: everything but syntax goes. */
  g_object_set (pool, "skip-security-validation", TRUE, NULL);
  g_assert_true (mcp_connection_pool_check_url (pool, "ws://169.254.169.254/", NULL));
  assert_refused (pool, "not a url", "syntax");

  /* Nothing refused ever reached the network. */
  g_assert_cmpuint (stat (pool, "connection-errors"), ==, 0);
  g_assert_cmpuint (stat (pool, "misses"), ==, 0);

  normalized = mcp_connection_pool_normalize_url (pool, "WS://Example.COM:80", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "ws://example.com/");
  g_free (normalized);
  normalized = mcp_connection_pool_normalize_url (pool, "wss://example.com:8443/a?b=1#frag", &error);
  g_assert_cmpstr (normalized, ==, "wss://example.com:8443/a?b=1");

  pool_free (pool);
}

static void
test_http_url (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(McpHttpServerTransport) http = mcp_http_server_transport_new ();
  g_autofree char *http_url = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* One McpServer on WebSocket and Streamable HTTP; the pool reaches both. */
  test_server_start (&server);
  mcp_http_server_transport_set_host (http, "127.0.0.1");
  mcp_http_server_transport_set_port (http, 0);
  mcp_server_add_server_transport (server.server, MCP_SERVER_TRANSPORT (http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_assert_no_error (error);
  http_url = mcp_http_server_transport_dup_url (http);
  g_assert_true (g_str_has_prefix (http_url, "http://127.0.0.1:"));

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *over_http = pool_echo (pool, http_url, "http", &error);
      g_autofree char *over_ws = pool_echo (pool, server.url, "ws", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (over_http, ==, "Echo: http");
      g_assert_cmpstr (over_ws, ==, "Echo: ws");
    }
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 2);
  g_assert_cmpuint (stat (pool, "misses"), ==, 2);
  g_assert_cmpuint (stat (pool, "hits"), ==, 18);

  /* Without a factory for the scheme, the URL passes the policy and the
   * call says what is missing. */
  mcp_connection_pool_set_transport_factory (pool, "http", NULL, NULL, NULL);
  mcp_connection_pool_clear (pool);
  g_assert_null (pool_echo (pool, http_url, "x", &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);

  pool_free (pool);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, NULL, NULL);
  test_server_stop (&server);
}

static void
test_everything_server_http_and_ws (gconstpointer era)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *http_url = NULL;
  g_autofree char *ws_url = NULL;
  McpConnectionPool *pool = pool_new (era);

  /* One process, one McpServer, two listeners: each prints its URL. */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                              &error, path, "--http", "127.0.0.1:0", "--ws", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  while (http_url == NULL || ws_url == NULL)
    {
      g_autofree char *line = mcp_test_read_line (g_subprocess_get_stderr_pipe (process),
                                                  MCP_TEST_TIMEOUT_MS);
      const char *found;

      g_assert_nonnull (line);
      if ((found = strstr (line, "ws://")) != NULL)
        ws_url = g_strdup (found);
      else if ((found = strstr (line, "http://")) != NULL)
        http_url = g_strndup (found, strcspn (found, " "));
    }

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *a = pool_echo (pool, http_url, "over http", &error);
      g_autofree char *b = pool_echo (pool, ws_url, "over ws", &error);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (a, "over http"));
      g_assert_nonnull (strstr (b, "over ws"));
    }
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 2);

  pool_free (pool);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  /* A clean exit (and, under ASan, no leak on the way out). */
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* Metrics --------------------------------------------------------------------- */

static void
test_byte_counts (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(McpConnectionPoolStats) stats = NULL;
  g_autoptr(GPtrArray) peers = NULL;
  guint64 server_received = 0;
  guint64 server_sent = 0;

  test_server_start (&server);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = pool_echo (pool, server.url, "count my bytes", &error);

      g_assert_no_error (error);
    }
  mcp_test_spin (50);

  /* What the pool sent is what the server received, and back. */
  peers = mcp_websocket_server_transport_get_clients (server.listener);
  for (guint i = 0; i < peers->len; i++)
    {
      server_received += mcp_websocket_transport_get_bytes_received (g_ptr_array_index (peers, i));
      server_sent += mcp_websocket_transport_get_bytes_sent (g_ptr_array_index (peers, i));
    }

  stats = mcp_connection_pool_get_stats (pool);
  g_assert_cmpuint (server_received, >, 0);
  g_assert_cmpuint (mcp_connection_pool_stats_get_bytes_sent (stats), ==, server_received);
  g_assert_cmpuint (mcp_connection_pool_stats_get_bytes_received (stats), ==, server_sent);
  g_assert_cmpuint (stat (pool, "bytes-sent"), ==, server_received);

  /* Counts survive the connection's close. */
  mcp_connection_pool_clear (pool);
  g_assert_cmpuint (stat (pool, "bytes-sent"), ==, server_received);
  g_assert_cmpuint (stat (pool, "bytes-received"), ==, server_sent);

  pool_free (pool);
  test_server_stop (&server);
}

static void
test_list_tools_and_requests (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GPtrArray) contents = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;

  test_server_start (&server);

  mcp_connection_pool_list_tools_async (pool, server.url, NULL, mcp_test_store_result_cb, &slot);
  r1 = mcp_test_wait_result (&slot);
  tools = mcp_connection_pool_list_tools_finish (pool, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 1);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 0)), ==, "echo");

  /* The era's cheapest round trip: the 2026-07-28 era has no ping. */
  mcp_connection_pool_send_request_async (pool, server.url,
                                          era_is_modern (era) ? "server/discover" : "ping",
                                          NULL, NULL,
                                          mcp_test_store_result_cb, &slot);
  r2 = mcp_test_wait_result (&slot);
  reply = mcp_connection_pool_send_request_finish (pool, r2, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));

  mcp_connection_pool_read_resource_async (pool, server.url, "test://pool/text", NULL,
                                           mcp_test_store_result_cb, &slot);
  r3 = mcp_test_wait_result (&slot);
  contents = mcp_connection_pool_read_resource_finish (pool, r3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contents->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (g_ptr_array_index (contents, 0)),
                                                  "text"), ==, "pooled resource text");

  g_assert_cmpuint (stat (pool, "connections-created"), ==, 1);

  g_clear_object (&r1);
  g_clear_object (&r2);
  g_clear_object (&r3);
  pool_free (pool);
  test_server_stop (&server);
}

static void
test_cancel_waiter (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *text = NULL;

  test_server_start (&server);

  /* Cancelled while its connect is under way: answered at once, and the
   * connection still lands in the pool for the next caller. */
  mcp_connection_pool_acquire_async (pool, server.url, NULL, cancellable,
                                     mcp_test_store_result_cb, &slot);
  g_cancellable_cancel (cancellable);
  result = mcp_test_wait_result (&slot);
  g_assert_null (mcp_connection_pool_acquire_finish (pool, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  text = pool_echo (pool, server.url, "next", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 1);

  g_clear_object (&result);
  pool_free (pool);
  test_server_stop (&server);
}

/* A server restarted under a connected pool (issue #10) -------------------------- */

static void
test_server_restarted (gconstpointer era)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = pool_new (era);
  gpointer weak = pool;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint port;

  test_server_start (&server);
  {
    g_autoptr(McpTool) hold = mcp_tool_new ("hold", "Never answers");

    mcp_server_add_tool (server.server, hold, tool_hold, &server, NULL);
  }
  url = g_strdup (server.url);
  port = mcp_websocket_server_transport_get_port (server.listener);

  before = pool_echo (pool, url, "before", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, "Echo: before");

  /* A call is in flight when the server goes. */
  mcp_connection_pool_call_tool_async (pool, url, "hold", NULL, NULL,
                                       mcp_test_store_result_cb, &slot);
  mcp_test_wait_until (!(server.held == NULL));
  test_server_stop (&server);

  failed = mcp_test_wait_result (&slot);
  g_assert_null (mcp_connection_pool_call_tool_finish (pool, failed, &error));
  if (!g_error_matches (error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED))
    g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_clear_error (&error);
  mcp_test_wait_until (!(mcp_connection_pool_get_n_connections (pool) > 0));

  /* A new server on the same port: a new connection serves. */
  test_server_start_on (&server, port);
  g_assert_cmpstr (server.url, ==, url);
  after = pool_echo (pool, url, "after", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, "Echo: after");
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 2);
  g_assert_cmpuint (stat (pool, "connections-evicted"), ==, 1);

  /* The failed call's GAsyncResult holds the pool, as a GTask holds its
   * source object; nothing else does once the caller drops it. */
  mcp_connection_pool_clear (pool);
  g_object_add_weak_pointer (G_OBJECT (pool), &weak);
  g_object_unref (pool);
  mcp_test_spin (20);
  g_assert_nonnull (weak);
  g_clear_object (&failed);
  g_assert_null (weak);

  test_server_stop (&server);
}

/* A Streamable HTTP server restarted under a pooled client: on 2026-07-28
 * nothing is bound to a session, so the pooled client goes on as it is; on
 * legacy the new server knows nothing of the session, and the client
 * initializes again by itself. */
static McpServer *
http_server_start (guint                     port,
                   McpHttpServerTransport **out_http)
{
  McpServer *server = mcp_server_new ("pool-test", "1.0");
  g_autoptr(McpTool) tool = mcp_tool_new ("echo", "Echoes its message");
  McpHttpServerTransport *http = mcp_http_server_transport_new ();
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_server_add_tool (server, tool, tool_echo, NULL, NULL);
  mcp_http_server_transport_set_host (http, "127.0.0.1");
  mcp_http_server_transport_set_port (http, port);
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  g_assert_no_error (error);

  *out_http = http;
  return server;
}

static void
http_server_stop (McpServer              **server,
                  McpHttpServerTransport **http)
{
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (*http), NULL, NULL, NULL);
  mcp_test_spin (20);
  g_clear_object (server);
  g_clear_object (http);
}

static void
on_session_reinitialized (McpHttpTransport *transport,
                          const char       *session_id,
                          guint            *count)
{
  (*count)++;
}

static void
test_http_server_restarted (gconstpointer era)
{
  McpConnectionPool *pool = pool_new (era);
  McpHttpServerTransport *http = NULL;
  McpServer *server = http_server_start (0, &http);
  g_autofree char *url = mcp_http_server_transport_dup_url (http);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  guint port = (guint) g_uri_get_port (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(McpTransport) transport = NULL;
  guint reinitialized = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = pool_echo (pool, url, "before", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "Echo: before");
    }
  assert_era (pool, url, era);
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 1);

  /* The pooled client's transport says when it had to start a new session. */
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(McpClient) client = NULL;

    mcp_connection_pool_acquire_async (pool, url, NULL, NULL, mcp_test_store_result_cb, &slot);
    result = mcp_test_wait_result (&slot);
    client = mcp_connection_pool_acquire_finish (pool, result, &error);
    g_assert_no_error (error);
    transport = g_object_ref (mcp_client_get_transport (client));
    g_assert_true (MCP_IS_HTTP_TRANSPORT (transport));
    g_signal_connect (transport, "session-reinitialized",
                      G_CALLBACK (on_session_reinitialized), &reinitialized);
    mcp_connection_pool_release (pool, client);
  }

  /* A new server, no memory of the old one, on the same port. */
  http_server_stop (&server, &http);
  server = http_server_start (port, &http);
  {
    g_autofree char *again = mcp_http_server_transport_dup_url (http);

    g_assert_cmpstr (again, ==, url);
  }

  /* The first call after the restart is served, by the pooled client:
   * no new connection, nothing evicted. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = pool_echo (pool, url, "after", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "Echo: after");
    }
  g_assert_cmpuint (stat (pool, "connections-created"), ==, 1);
  g_assert_cmpuint (stat (pool, "connections-evicted"), ==, 0);
  g_assert_cmpuint (stat (pool, "connection-errors"), ==, 0);
  g_assert_cmpuint (mcp_connection_pool_get_n_connections (pool), ==, 1);
  assert_era (pool, url, era);

  /* Modern: nothing to re-initialize. Legacy: one new session, replayed by
   * the transport under the same pooled client. */
  g_assert_cmpuint (reinitialized, ==, era_is_modern (era) ? 0 : 1);

  g_signal_handlers_disconnect_by_data (transport, &reinitialized);
  pool_free (pool);
  http_server_stop (&server, &http);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_protocol_version (void)
{
  TestServer server = { 0 };
  McpConnectionPool *pool = mcp_connection_pool_new ();
  g_autofree char *version = NULL;
  guint notified = 0;

  test_server_start (&server);

  /* By default each client detects the era. */
  g_assert_null (mcp_connection_pool_get_protocol_version (pool));
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(McpClient) client = NULL;

    mcp_connection_pool_acquire_async (pool, server.url, NULL, NULL,
                                       mcp_test_store_result_cb, &slot);
    result = mcp_test_wait_result (&slot);
    client = mcp_connection_pool_acquire_finish (pool, result, &error);
    g_assert_no_error (error);
    g_assert_null (mcp_client_get_requested_protocol_version (client));
    g_assert_cmpstr (mcp_client_get_protocol_version (client), ==, MODERN);
    mcp_connection_pool_release (pool, client);
  }

  /* Pinning applies to new connections; open ones keep their era. */
  g_signal_connect (pool, "notify::protocol-version", G_CALLBACK (on_notify), &notified);
  g_object_set (pool, "protocol-version", LEGACY, NULL);
  g_object_set (pool, "protocol-version", LEGACY, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (pool, "protocol-version", &version, NULL);
  g_assert_cmpstr (version, ==, LEGACY);
  assert_era (pool, server.url, MODERN);

  mcp_connection_pool_clear (pool);
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(McpClient) client = NULL;

    mcp_connection_pool_acquire_async (pool, server.url, NULL, NULL,
                                       mcp_test_store_result_cb, &slot);
    result = mcp_test_wait_result (&slot);
    client = mcp_connection_pool_acquire_finish (pool, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mcp_client_get_requested_protocol_version (client), ==, LEGACY);
    g_assert_cmpstr (mcp_client_get_protocol_version (client), ==, LEGACY);
    mcp_connection_pool_release (pool, client);
  }

  mcp_connection_pool_set_protocol_version (pool, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (mcp_connection_pool_get_protocol_version (pool));

  g_signal_handlers_disconnect_by_data (pool, &notified);
  pool_free (pool);
  test_server_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; const char *version; } eras[] = {
    { "detected", NULL },          /* the servers here speak 2026-07-28 */
    { "modern", MODERN },
    { "legacy", LEGACY },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
#define ADD_ERA_TEST(leaf, func) \
      { \
        g_autofree char *path = g_strdup_printf ("/Mcp/ConnectionPool/%s/" leaf, eras[i].name); \
        g_test_add_data_func (path, eras[i].version, func); \
      }
      ADD_ERA_TEST ("sequential", test_sequential);
      ADD_ERA_TEST ("concurrent-first", test_concurrent_first);
      ADD_ERA_TEST ("grows-under-load", test_grows_under_load);
      ADD_ERA_TEST ("two-urls", test_two_urls);
      ADD_ERA_TEST ("active-counts", test_active_counts);
      ADD_ERA_TEST ("credentials", test_credentials);
      ADD_ERA_TEST ("pooling-disabled", test_pooling_disabled);
      ADD_ERA_TEST ("idle-reaped", test_idle_reaped);
      ADD_ERA_TEST ("dead-evicted", test_dead_evicted);
      ADD_ERA_TEST ("keepalive-evicts-silent", test_keepalive_evicts_silent);
      ADD_ERA_TEST ("http-url", test_http_url);
      ADD_ERA_TEST ("everything-server-http-and-ws", test_everything_server_http_and_ws);
      ADD_ERA_TEST ("byte-counts", test_byte_counts);
      ADD_ERA_TEST ("list-tools-and-requests", test_list_tools_and_requests);
      ADD_ERA_TEST ("cancel-waiter", test_cancel_waiter);
      ADD_ERA_TEST ("server-restarted", test_server_restarted);
      ADD_ERA_TEST ("keepalive-method", test_keepalive_method);
      ADD_ERA_TEST ("http-server-restarted", test_http_server_restarted);
#undef ADD_ERA_TEST
    }
  g_test_add_func ("/Mcp/ConnectionPool/connect-retry", test_connect_retry);
  g_test_add_func ("/Mcp/ConnectionPool/url-policy", test_url_policy);
  g_test_add_func ("/Mcp/ConnectionPool/protocol-version", test_protocol_version);

  return g_test_run ();
}

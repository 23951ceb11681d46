/* test-pool-services.c: McpService through McpConnectionPool, against
 * in-process WebSocket servers on 127.0.0.1: ejection and recovery,
 * weighted routing, failover rules, consistent hashing, routing by tool
 * and capability, key file and DNS SRV discovery (with a test resolver).
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-util.h"

#define N_SERVERS 3

typedef struct
{
  char                         label[8];
  McpServer                   *server;
  McpWebSocketServerTransport *listener;
  char                        *url;
  guint                        port;
  guint                        calls;      /* tool executions */
  gboolean                     drop;       /* "read"/"write" drop the connection */
  gboolean                     extra;      /* has the tool "only-here" and resources */
  GPtrArray                   *held;       /* calls never answered */
} TestServer;

static gboolean
stop_listener_cb (gpointer user_data)
{
  TestServer *server = user_data;

  if (server->listener != NULL)
    mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (server->listener), NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
tool_answer (McpServer   *mcp_server,
             McpToolCall *call,
             gpointer     user_data)
{
  TestServer *server = user_data;
  const char *name = mcp_tool_call_get_name (call);

  server->calls++;
  if (server->drop && (g_str_equal (name, "read") || g_str_equal (name, "write")))
    {
      /* It ran; the answer never comes: the connection goes. */
      g_ptr_array_add (server->held, g_object_ref (call));
      g_idle_add (stop_listener_cb, server);
      return;
    }

  mcp_tool_call_return_text (call, server->label);
}

static void
add_tool (TestServer *server,
          const char *name,
          gboolean    read_only)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, "Answers with the server's label");

  if (read_only)
    mcp_tool_set_hint (tool, "readOnlyHint", TRUE);
  mcp_server_add_tool (server->server, tool, tool_answer, server, NULL);
}

static void
test_server_start (TestServer *server)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  server->server = mcp_server_new (server->label, "1.0");
  add_tool (server, "whoami", TRUE);
  add_tool (server, "read", TRUE);
  add_tool (server, "write", FALSE);
  if (server->extra)
    {
      g_autoptr(McpResource) resource = mcp_resource_new ("test://services/text", "text");

      add_tool (server, "only-here", FALSE);
      mcp_server_add_text_resource (server->server, resource, server->label);
    }
  if (server->held == NULL)
    server->held = g_ptr_array_new_with_free_func (g_object_unref);

  server->listener = mcp_websocket_server_transport_new ("127.0.0.1", server->port);
  mcp_server_add_server_transport (server->server, MCP_SERVER_TRANSPORT (server->listener));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (server->listener), NULL,
                                    mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (server->listener),
                                                    result, &error));
  g_assert_no_error (error);
  g_free (server->url);
  server->url = mcp_websocket_server_transport_dup_url (server->listener);
  server->port = mcp_websocket_server_transport_get_port (server->listener);
}

static void
test_server_stop (TestServer *server)
{
  if (server->listener != NULL)
    mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (server->listener), NULL, NULL, NULL);
  mcp_test_spin (20);
  g_clear_object (&server->server);
  g_clear_object (&server->listener);
}

static void
test_server_free (TestServer *server)
{
  test_server_stop (server);
  g_clear_pointer (&server->held, g_ptr_array_unref);
  g_clear_pointer (&server->url, g_free);
}

typedef struct
{
  TestServer         servers[N_SERVERS];
  McpConnectionPool *pool;
  McpService        *service;
  guint              state_changes;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < N_SERVERS; i++)
    {
      g_snprintf (fixture->servers[i].label, sizeof fixture->servers[i].label, "s%u", i);
      fixture->servers[i].extra = i == N_SERVERS - 1;
      test_server_start (&fixture->servers[i]);
    }

  fixture->pool = mcp_connection_pool_new ();
  /* NULL: the clients detect the era (these servers speak 2026-07-28, and
   * health checks are server/discover); a version pins it (ping). */
  mcp_connection_pool_set_protocol_version (fixture->pool, data);
  /* The service fails over itself; a dead endpoint should fail at once. */
  g_object_set (fixture->pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE,
                "connection-timeout", 3000, NULL);
  fixture->service = mcp_service_new ("svc");
  g_object_set (fixture->service, "health-check-interval", 100, "failure-threshold", 2,
                "ejection-time", 300, "retry-delay", 10, NULL);
}

static void
on_state_changed (McpService         *service,
                  McpServiceEndpoint *endpoint,
                  Fixture            *fixture)
{
  fixture->state_changes++;
}

static void
fixture_add_endpoints (Fixture     *fixture,
                       const guint *weights)
{
  for (guint i = 0; i < N_SERVERS; i++)
    mcp_service_add_endpoint (fixture->service, fixture->servers[i].url,
                              weights != NULL ? weights[i] : 1);
  g_signal_connect (fixture->service, "endpoint-state-changed", G_CALLBACK (on_state_changed), fixture);
  mcp_connection_pool_add_service (fixture->pool, fixture->service);
  g_assert_true (mcp_connection_pool_lookup_service (fixture->pool, "svc") == fixture->service);
  g_assert_cmpuint (mcp_service_get_n_healthy (fixture->service), ==, N_SERVERS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer weak_pool = fixture->pool;
  gpointer weak_service = fixture->service;

  g_object_add_weak_pointer (G_OBJECT (fixture->pool), &weak_pool);
  g_object_add_weak_pointer (G_OBJECT (fixture->service), &weak_service);
  mcp_connection_pool_clear (fixture->pool);
  g_clear_object (&fixture->pool);
  g_clear_object (&fixture->service);

  /* Checks and connects under way hold them until they have ended. */
  mcp_test_wait_until (weak_pool == NULL && weak_service == NULL);

  for (guint i = 0; i < N_SERVERS; i++)
    test_server_free (&fixture->servers[i]);
}

/* Calls @tool on the service; returns the label of the server that
 * answered, or NULL with @error. */
static char *
call_service (Fixture         *fixture,
              const char      *tool,
              McpCallOptions  *options,
              GError         **error)
{
  g_autoptr(McpToolResult) tool_result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_connection_pool_call_tool_with_options_async (fixture->pool, "service:svc", tool, NULL,
                                                    options, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_connection_pool_call_tool_with_options_finish (fixture->pool, result, error);
  if (tool_result == NULL)
    return NULL;

  return mcp_tool_result_dup_text (tool_result);
}

static guint
server_index (const char *label)
{
  g_assert_nonnull (label);
  g_assert_true (label[0] == 's' && label[1] >= '0' && label[1] < '0' + N_SERVERS);
  return label[1] - '0';
}

static void
check_service (Fixture *fixture)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_service_check_async (fixture->service, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  mcp_service_check_finish (fixture->service, result, &error);
  g_assert_no_error (error);
}

/* Ejection and recovery ------------------------------------------------------ */

static void
test_eject_and_recover (Fixture       *fixture,
                        gconstpointer  data)
{
  TestServer *down = &fixture->servers[1];
  McpServiceEndpoint *endpoint;
  guint64 requests;
  guint served[N_SERVERS] = { 0 };

  fixture_add_endpoints (fixture, NULL);
  endpoint = mcp_service_lookup_endpoint (fixture->service, down->url);
  g_assert_nonnull (endpoint);

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = call_service (fixture, "whoami", NULL, &error);

      g_assert_no_error (error);
      served[server_index (label)]++;
    }
  for (guint i = 0; i < N_SERVERS; i++)
    g_assert_cmpuint (served[i], ==, 2);

  /* Down: every call still succeeds (whoami is read-only, and a refused
   * connect never reached anyone), and the endpoint goes out. */
  test_server_stop (down);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = call_service (fixture, "whoami", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (server_index (label), !=, 1);
    }
  mcp_test_wait_until (mcp_service_endpoint_get_state (endpoint) != MCP_ENDPOINT_STATE_HEALTHY);
  g_assert_cmpuint (mcp_service_get_n_healthy (fixture->service), ==, N_SERVERS - 1);
  g_assert_cmpuint (mcp_service_endpoint_get_ejections (endpoint), >=, 1);
  g_assert_cmpuint (fixture->state_changes, >=, 1);
  {
    g_auto(GStrv) healthy = mcp_service_dup_healthy_urls (fixture->service);

    g_assert_cmpuint (g_strv_length (healthy), ==, N_SERVERS - 1);
    g_assert_false (g_strv_contains ((const char * const *) healthy, down->url));
  }

  /* Ejected: it gets no requests of callers. */
  requests = mcp_service_endpoint_get_requests (endpoint);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = call_service (fixture, "whoami", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (server_index (label), !=, 1);
    }
  g_assert_cmpuint (mcp_service_endpoint_get_requests (endpoint), ==, requests);

  /* Back on its port: a probe brings it back, and it serves again. */
  test_server_start (down);
  mcp_test_wait_until (mcp_service_endpoint_is_healthy (endpoint));
  g_assert_cmpuint (mcp_service_get_n_healthy (fixture->service), ==, N_SERVERS);

  memset (served, 0, sizeof served);
  for (guint i = 0; i < 9; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = call_service (fixture, "whoami", NULL, &error);

      g_assert_no_error (error);
      served[server_index (label)]++;
    }
  g_assert_cmpuint (served[1], ==, 3);

  /* The pool's stats show the service. */
  {
    g_autoptr(McpConnectionPoolStats) stats = mcp_connection_pool_get_stats (fixture->pool);
    g_autofree char *text = mcp_connection_pool_stats_to_string (stats);

    g_assert_nonnull (strstr (text, "service svc (round-robin): 3 of 3 endpoints healthy"));
  }
}

/* Weighted routing ----------------------------------------------------------- */

#define N_WEIGHTED_CALLS 120

static void
test_weighted (Fixture       *fixture,
               gconstpointer  data)
{
  static const guint weights[N_SERVERS] = { 3, 2, 1 };
  guint total = 0;

  mcp_service_set_strategy (fixture->service, MCP_BALANCE_WEIGHTED);
  fixture_add_endpoints (fixture, weights);

  for (guint i = 0; i < N_WEIGHTED_CALLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = call_service (fixture, "whoami", NULL, &error);

      g_assert_no_error (error);
      server_index (label);
    }

  for (guint i = 0; i < N_SERVERS; i++)
    {
      gdouble expected = N_WEIGHTED_CALLS * weights[i] / 6.0;

      g_test_message ("%s: %u calls, %.0f expected", fixture->servers[i].label,
                      fixture->servers[i].calls, expected);
      g_assert_cmpfloat (fixture->servers[i].calls, >=, expected * 0.9);
      g_assert_cmpfloat (fixture->servers[i].calls, <=, expected * 1.1);
      total += fixture->servers[i].calls;
    }
  g_assert_cmpuint (total, ==, N_WEIGHTED_CALLS);
}

/* Least outstanding ---------------------------------------------------------- */

static void
test_least_outstanding (Fixture       *fixture,
                        gconstpointer  data)
{
  GAsyncResult *slots[6] = { NULL };

  mcp_service_set_strategy (fixture->service, MCP_BALANCE_LEAST_OUTSTANDING);
  fixture_add_endpoints (fixture, NULL);

  /* Six at once: two in flight at each. */
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    mcp_connection_pool_call_tool_async (fixture->pool, "service:svc", "whoami", NULL, NULL,
                                         mcp_test_store_result_cb, &slots[i]);
  for (guint i = 0; i < N_SERVERS; i++)
    g_assert_cmpuint (mcp_service_endpoint_get_outstanding (mcp_service_lookup_endpoint (fixture->service, fixture->servers[i].url)), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(GAsyncResult) result = mcp_test_wait_result (&slots[i]);
      g_autoptr(McpToolResult) tool_result = NULL;
      g_autoptr(GError) error = NULL;

      tool_result = mcp_connection_pool_call_tool_finish (fixture->pool, result, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_SERVERS; i++)
    g_assert_cmpuint (fixture->servers[i].calls, ==, 2);
}

/* Failover rules ------------------------------------------------------------- */

/* The first endpoint runs the call and drops the connection before it
 * answers: the call may have executed. */
static void
test_not_retried_when_unsafe (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  fixture->servers[0].drop = TRUE;
  fixture_add_endpoints (fixture, NULL);

  label = call_service (fixture, "write", NULL, &error);
  g_assert_null (label);
  g_assert_nonnull (error);
  g_test_message ("write failed as it should: %s", error->message);
  g_assert_false (mcp_error_is_retryable (error));
  g_assert_cmpuint (fixture->servers[0].calls, ==, 1);
  g_assert_cmpuint (fixture->servers[1].calls, ==, 0);
  g_assert_cmpuint (fixture->servers[2].calls, ==, 0);
}

static void
test_retried_when_read_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  fixture->servers[0].drop = TRUE;
  fixture_add_endpoints (fixture, NULL);

  /* readOnlyHint, learned from tools/list before the first call. */
  label = call_service (fixture, "read", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server_index (label), !=, 0);
  g_assert_cmpuint (fixture->servers[0].calls, ==, 1);
  g_assert_cmpuint (fixture->servers[1].calls + fixture->servers[2].calls, ==, 1);
}

static void
test_retried_when_caller_says (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(McpCallOptions) options = mcp_call_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  fixture->servers[0].drop = TRUE;
  fixture_add_endpoints (fixture, NULL);

  mcp_call_options_set_idempotent (options, TRUE);
  g_assert_true (mcp_call_options_get_idempotent (options));
  label = call_service (fixture, "write", options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server_index (label), !=, 0);
  g_assert_cmpuint (fixture->servers[0].calls, ==, 1);
}

/* Nothing listens: every attempt is refused, the error says so. */
static void
test_all_down (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_object_set (fixture->service, "max-attempts", 3, NULL);
  fixture_add_endpoints (fixture, NULL);
  for (guint i = 0; i < N_SERVERS; i++)
    test_server_stop (&fixture->servers[i]);

  label = call_service (fixture, "write", NULL, &error);
  g_assert_null (label);
  g_assert_nonnull (error);
  g_assert_true (mcp_error_is_retryable (error));
  for (guint i = 0; i < N_SERVERS; i++)
    g_assert_cmpuint (mcp_service_endpoint_get_requests (mcp_service_lookup_endpoint (fixture->service, fixture->servers[i].url)), ==, 1);
}

static void
test_error_is_retryable (void)
{
  g_autoptr(GError) refused = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused");
  g_autoptr(GError) url = g_error_new (MCP_ERROR, MCP_ERROR_URL_REFUSED, "policy");
  g_autoptr(GError) unavailable = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                                               "HTTP 503 Service Unavailable");
  g_autoptr(GError) bad_gateway = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT, "HTTP 502 Bad Gateway");
  g_autoptr(GError) closed = g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED, "closed");
  g_autoptr(GError) timeout = g_error_new (MCP_ERROR, MCP_ERROR_TIMEOUT, "timeout");
  g_autoptr(GError) peer = mcp_error_new_from_jsonrpc (-32602, "bad params", NULL);
  g_autoptr(GError) tls = g_error_new (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "bad cert");

  g_assert_true (mcp_error_is_retryable (refused));
  g_assert_true (mcp_error_is_retryable (url));
  g_assert_true (mcp_error_is_retryable (unavailable));
  g_assert_true (mcp_error_is_retryable (tls));
  g_assert_false (mcp_error_is_retryable (bad_gateway));
  g_assert_false (mcp_error_is_retryable (closed));
  g_assert_false (mcp_error_is_retryable (timeout));
  g_assert_false (mcp_error_is_retryable (peer));
}

/* Consistent hash ------------------------------------------------------------ */

#define N_KEYS 24

static void
test_consistent_hash (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(McpCallOptions) options = mcp_call_options_new ();
  guint owner[N_KEYS];
  guint used[N_SERVERS] = { 0 };
  guint n_used = 0;
  TestServer *down;

  mcp_service_set_strategy (fixture->service, MCP_BALANCE_CONSISTENT_HASH);
  fixture_add_endpoints (fixture, NULL);

  for (guint round = 0; round < 2; round++)
    for (guint k = 0; k < N_KEYS; k++)
      {
        g_autofree char *key = g_strdup_printf ("user-%u", k);
        g_autoptr(GError) error = NULL;
        g_autofree char *label = NULL;

        mcp_call_options_set_affinity_key (options, key);
        g_assert_cmpstr (mcp_call_options_get_affinity_key (options), ==, key);
        label = call_service (fixture, "whoami", options, &error);
        g_assert_no_error (error);
        if (round == 0)
          owner[k] = server_index (label);
        else
          g_assert_cmpuint (server_index (label), ==, owner[k]);
      }

  for (guint k = 0; k < N_KEYS; k++)
    if (used[owner[k]]++ == 0)
      n_used++;
  g_assert_cmpuint (n_used, >=, 2);

  /* One endpoint goes: only its keys move. */
  down = &fixture->servers[owner[0]];
  test_server_stop (down);
  mcp_service_check_async (fixture->service, NULL, NULL, NULL);
  mcp_test_wait_until (!mcp_service_endpoint_is_healthy (mcp_service_lookup_endpoint (fixture->service, down->url)));
  for (guint k = 0; k < N_KEYS; k++)
    {
      g_autofree char *key = g_strdup_printf ("user-%u", k);
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;

      mcp_call_options_set_affinity_key (options, key);
      label = call_service (fixture, "whoami", options, &error);
      g_assert_no_error (error);
      if (owner[k] != owner[0])
        g_assert_cmpuint (server_index (label), ==, owner[k]);
      else
        g_assert_cmpuint (server_index (label), !=, owner[k]);
    }
}

/* Routing by tool and capability --------------------------------------------- */

static void
test_by_tool_and_capability (Fixture       *fixture,
                             gconstpointer  data)
{
  McpServiceEndpoint *extra;
  g_autoptr(GPtrArray) found = NULL;

  fixture_add_endpoints (fixture, NULL);
  check_service (fixture);

  extra = mcp_service_lookup_endpoint (fixture->service, fixture->servers[2].url);
  g_assert_true (mcp_service_endpoint_get_tools_known (extra));
  g_assert_nonnull (mcp_service_endpoint_get_tool (extra, "only-here"));
  g_assert_cmpstr (mcp_service_endpoint_get_server_name (extra), ==, "s2");
  {
    g_auto(GStrv) names = mcp_service_endpoint_dup_tool_names (extra);

    g_assert_cmpuint (g_strv_length (names), ==, 4);
    g_assert_cmpstr (names[0], ==, "only-here");
  }

  found = mcp_service_find_endpoints (fixture->service, NULL, "only-here");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == extra);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = mcp_service_find_endpoints (fixture->service, "resources", NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (mcp_service_pick_endpoint (fixture->service, "resources", NULL, NULL) == extra);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = call_service (fixture, "only-here", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (label, ==, "s2");
    }

  for (guint i = 0; i < 3; i++)
    {
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) contents = NULL;
      g_autoptr(GError) error = NULL;

      mcp_connection_pool_read_resource_async (fixture->pool, "service:svc", "test://services/text",
                                               NULL, mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      contents = mcp_connection_pool_read_resource_finish (fixture->pool, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (contents->len, ==, 1);
    }

  /* No endpoint has it: refused before anything is sent. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *label = call_service (fixture, "nowhere", NULL, &error);

    g_assert_error (error, MCP_ERROR, MCP_ERROR_CAPABILITY_NOT_SUPPORTED);
    g_assert_true (mcp_error_is_retryable (error));
  }

  /* A service URL with no service. */
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    mcp_connection_pool_call_tool_async (fixture->pool, "service:missing", "whoami", NULL, NULL,
                                         mcp_test_store_result_cb, &slot);
    result = mcp_test_wait_result (&slot);
    g_assert_null (mcp_connection_pool_call_tool_finish (fixture->pool, result, &error));
    g_assert_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED);
  }

  /* Acquire through the service. */
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(McpClient) client = NULL;

    mcp_connection_pool_acquire_async (fixture->pool, "service:svc", NULL, NULL,
                                       mcp_test_store_result_cb, &slot);
    result = mcp_test_wait_result (&slot);
    client = mcp_connection_pool_acquire_finish (fixture->pool, result, &error);
    g_assert_no_error (error);
    g_assert_true (mcp_client_is_connected (client));
    mcp_connection_pool_release (fixture->pool, client);
  }
}

/* Discovery ------------------------------------------------------------------ */

static void
test_key_file (void)
{
  g_autoptr(McpConnectionPool) pool = mcp_connection_pool_new ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) endpoints = NULL;
  McpService *service;
  const char *text =
    "[app]\n"
    "other=1\n"
    "[service calc]\n"
    "endpoints=ws://127.0.0.1:1/;ws://127.0.0.1:2/;ws://127.0.0.1:3/\n"
    "weights=3;2;1\n"
    "priorities=0;0;5\n"
    "strategy=consistent-hash\n"
    "health-check-interval=0\n"
    "failure-threshold=4\n"
    "[service bad]\n"
    "endpoints=ws://127.0.0.1:4/\n"
    "strategy=random\n";

  g_assert_true (g_key_file_load_from_data (key_file, text, -1, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mcp_connection_pool_load_services (pool, key_file, &error), ==, 0);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);

  service = mcp_connection_pool_lookup_service (pool, "calc");
  g_assert_nonnull (service);
  g_assert_null (mcp_connection_pool_lookup_service (pool, "bad"));
  g_assert_cmpint (mcp_service_get_strategy (service), ==, MCP_BALANCE_CONSISTENT_HASH);
  endpoints = mcp_service_get_endpoints (service);
  g_assert_cmpuint (endpoints->len, ==, 3);
  g_assert_cmpuint (mcp_service_endpoint_get_weight (g_ptr_array_index (endpoints, 0)), ==, 3);
  g_assert_cmpuint (mcp_service_endpoint_get_priority (g_ptr_array_index (endpoints, 2)), ==, 5);
  {
    guint threshold = 0, interval = 1;

    g_object_get (service, "failure-threshold", &threshold, "health-check-interval", &interval, NULL);
    g_assert_cmpuint (threshold, ==, 4);
    g_assert_cmpuint (interval, ==, 0);
  }
  /* Priority 5 never serves while a priority-0 endpoint is healthy. */
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (mcp_service_endpoint_get_priority (mcp_service_pick_endpoint (service, NULL, NULL, NULL)), ==, 0);
}

/* A resolver that answers SRV lookups from a table and leaves the rest to
 * the real one. */
typedef struct
{
  GResolver  parent_instance;
  GResolver *real;
  char      *rrname;
  GList     *targets;   /* GSrvTarget */
  guint      lookups;
} TestResolver;

typedef struct
{
  GResolverClass parent_class;
} TestResolverClass;

static GType test_resolver_get_type (void);
G_DEFINE_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GList *
copy_targets (GList *targets)
{
  GList *copy = NULL;

  for (GList *l = targets; l != NULL; l = l->next)
    copy = g_list_prepend (copy, g_srv_target_copy (l->data));
  return g_list_reverse (copy);
}

static GList *
test_resolver_lookup_service (GResolver     *resolver,
                              const char    *rrname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  TestResolver *self = (TestResolver *) resolver;

  self->lookups++;
  if (g_strcmp0 (rrname, self->rrname) != 0)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No SRV for %s", rrname);
      return NULL;
    }
  return copy_targets (self->targets);
}

static void
test_resolver_lookup_service_async (GResolver           *resolver,
                                    const char          *rrname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *targets = test_resolver_lookup_service (resolver, rrname, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, targets, NULL);
}

static GList *
test_resolver_lookup_service_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return g_resolver_lookup_by_name (((TestResolver *) resolver)->real, hostname, cancellable, error);
}

static void
real_by_name_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, NULL);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (resolver, cancellable, callback, user_data);

  g_resolver_lookup_by_name_async (((TestResolver *) resolver)->real, hostname, cancellable,
                                   real_by_name_cb, task);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_finalize (GObject *object)
{
  TestResolver *self = (TestResolver *) object;

  g_clear_object (&self->real);
  g_free (self->rrname);
  g_list_free_full (self->targets, (GDestroyNotify) g_srv_target_free);

  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
  resolver_class->lookup_service = test_resolver_lookup_service;
  resolver_class->lookup_service_async = test_resolver_lookup_service_async;
  resolver_class->lookup_service_finish = test_resolver_lookup_service_finish;
  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

static void
test_srv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GResolver) real = g_resolver_get_default ();
  TestResolver *resolver = g_object_new (test_resolver_get_type (), NULL);
  static const guint16 priorities[N_SERVERS] = { 0, 0, 10 };
  static const guint16 weights[N_SERVERS] = { 3, 1, 5 };
  g_autoptr(GPtrArray) endpoints = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  resolver->real = g_object_ref (real);
  resolver->rrname = g_strdup ("_mcp._tcp.mcp.test");
  for (guint i = 0; i < N_SERVERS; i++)
    resolver->targets = g_list_append (resolver->targets,
                                       g_srv_target_new ("127.0.0.1", fixture->servers[i].port,
                                                         priorities[i], weights[i]));
  g_resolver_set_default (G_RESOLVER (resolver));

  mcp_service_set_strategy (fixture->service, MCP_BALANCE_WEIGHTED);
  mcp_connection_pool_add_service (fixture->pool, fixture->service);
  mcp_service_discover_srv_async (fixture->service, "mcp.test", "ws", "/", NULL,
                                  mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  n = mcp_service_discover_srv_finish (fixture->service, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, N_SERVERS);
  g_assert_cmpuint (resolver->lookups, ==, 1);

  endpoints = mcp_service_get_endpoints (fixture->service);
  g_assert_cmpuint (endpoints->len, ==, N_SERVERS);
  for (guint i = 0; i < N_SERVERS; i++)
    {
      McpServiceEndpoint *endpoint = mcp_service_lookup_endpoint (fixture->service,
                                                                  fixture->servers[i].url);

      g_assert_nonnull (endpoint);
      g_assert_cmpuint (mcp_service_endpoint_get_priority (endpoint), ==, priorities[i]);
      g_assert_cmpuint (mcp_service_endpoint_get_weight (endpoint), ==, weights[i]);
    }

  /* Priority 0 serves, 3:1; priority 10 only stands by. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GError) call_error = NULL;
      g_autofree char *label = call_service (fixture, "whoami", NULL, &call_error);

      g_assert_no_error (call_error);
    }
  g_assert_cmpuint (fixture->servers[0].calls, ==, 30);
  g_assert_cmpuint (fixture->servers[1].calls, ==, 10);
  g_assert_cmpuint (fixture->servers[2].calls, ==, 0);

  /* Both of priority 0 gone: the refused attempts fail over to the one
   * standing by. */
  test_server_stop (&fixture->servers[0]);
  test_server_stop (&fixture->servers[1]);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) call_error = NULL;
      g_autofree char *label = call_service (fixture, "write", NULL, &call_error);

      g_assert_no_error (call_error);
      g_assert_cmpstr (label, ==, "s2");
    }

  /* A domain with no records. */
  g_clear_object (&result);
  g_clear_error (&error);
  mcp_service_discover_srv_async (fixture->service, "nothing.test", NULL, NULL, NULL,
                                  mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_cmpuint (mcp_service_discover_srv_finish (fixture->service, result, &error), ==, 0);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);

  g_resolver_set_default (real);
  g_object_unref (resolver);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Mcp/PoolServices/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_LEGACY(path, func) \
  g_test_add ("/Mcp/PoolServices/legacy/" path, Fixture, "2025-11-25", fixture_set_up, func, \
              fixture_tear_down)

  ADD ("eject-and-recover", test_eject_and_recover);
  ADD ("weighted", test_weighted);
  ADD ("least-outstanding", test_least_outstanding);
  ADD ("not-retried-when-unsafe", test_not_retried_when_unsafe);
  ADD ("retried-when-read-only", test_retried_when_read_only);
  ADD ("retried-when-caller-says", test_retried_when_caller_says);
  ADD ("all-down", test_all_down);
  ADD ("consistent-hash", test_consistent_hash);
  ADD ("by-tool-and-capability", test_by_tool_and_capability);
  ADD ("srv", test_srv);
  ADD_LEGACY ("eject-and-recover", test_eject_and_recover);
  ADD_LEGACY ("not-retried-when-unsafe", test_not_retried_when_unsafe);
  ADD_LEGACY ("retried-when-read-only", test_retried_when_read_only);
  ADD_LEGACY ("by-tool-and-capability", test_by_tool_and_capability);
  g_test_add_func ("/Mcp/PoolServices/error-is-retryable", test_error_is_retryable);
  g_test_add_func ("/Mcp/PoolServices/key-file", test_key_file);

  return g_test_run ();
}

/* test-http.c: McpHttpTransport and McpHttpServerTransport over 127.0.0.1
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mcp-test-util.h"

/* Fixture: an McpServer on an HTTP server transport, 127.0.0.1, port 0. */

typedef struct
{
  McpServer              *server;
  McpHttpServerTransport *http;
  char                   *url;        /* .../mcp */
  char                   *sse_url;    /* .../sse */
  char                   *base;       /* http://127.0.0.1:PORT */
  guint                   opened;
  guint                   closed;
  guint                   cancelled_calls;
  guint                   stream_tools_done;
} Fixture;

typedef struct
{
  gboolean legacy;
} Params;

static const Params streamable = { FALSE };
static const Params legacy = { TRUE };

/* Tools ------------------------------------------------------------------------ */

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_autofree char *text = g_strdup_printf ("Echo: %s", mcp_tool_call_get_string (call, "message", ""));

  mcp_tool_call_return_text (call, text);
}

typedef struct
{
  McpToolCall *call;
  Fixture     *fixture;
  guint        step;
  guint        timeout_id;
  gulong       cancelled_id;
  gboolean     cut;
} Job;

static void
job_free (Job *job)
{
  if (job->cancelled_id != 0)
    g_cancellable_disconnect (mcp_tool_call_get_cancellable (job->call), job->cancelled_id);
  g_clear_handle_id (&job->timeout_id, g_source_remove);
  g_clear_object (&job->call);
  g_free (job);
}

static gboolean
delay_done (gpointer user_data)
{
  Job *job = user_data;

  job->timeout_id = 0;
  mcp_tool_call_return_text (job->call, "done");
  job_free (job);
  return G_SOURCE_REMOVE;
}

static gboolean
delay_cancelled_idle (gpointer user_data)
{
  Job *job = user_data;

  job->fixture->cancelled_calls++;
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
delay_cancelled (GCancellable *cancellable,
                 gpointer      user_data)
{
  Job *job = user_data;

  g_clear_handle_id (&job->timeout_id, g_source_remove);
  g_idle_add (delay_cancelled_idle, job);
}

static void
tool_delay (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  Job *job = g_new0 (Job, 1);

  job->fixture = user_data;
  job->call = g_object_ref (call);
  job->timeout_id = g_timeout_add ((guint) mcp_tool_call_get_int (call, "ms", 0), delay_done, job);
  job->cancelled_id = g_cancellable_connect (mcp_tool_call_get_cancellable (call),
                                             G_CALLBACK (delay_cancelled), job, NULL);
}

/* Progress 1..6 with a log message each; after step 3 the tool lets go of
 * its HTTP connection when "cut" is set: the rest must arrive on the resumed
 * stream. */
static gboolean
stream_step (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *text = NULL;

  job->step++;
  text = g_strdup_printf ("step %u", job->step);
  data = json_node_init_string (json_node_alloc (), text);
  mcp_tool_call_log (job->call, MCP_LOGGING_LEVEL_INFO, "test", data);
  mcp_tool_call_send_progress (job->call, job->step, 6, text);

  if (job->step == 3 && job->cut)
    g_assert_true (mcp_request_close_stream (mcp_tool_call_get_request (job->call)));

  if (job->step < 6)
    return G_SOURCE_CONTINUE;

  mcp_tool_call_return_text (job->call, "streamed");
  job->fixture->stream_tools_done++;
  job->timeout_id = 0;
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
tool_stream (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  Job *job = g_new0 (Job, 1);

  job->fixture = user_data;
  job->call = g_object_ref (call);
  job->cut = mcp_tool_call_get_boolean (call, "cut", FALSE);
  job->timeout_id = g_timeout_add (20, stream_step, job);
}

/* Asks the client something while it runs: a server → client request. */
static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(McpToolCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *text = NULL;

  reply = mcp_request_send_request_finish (MCP_REQUEST (object), result, &error);
  if (reply == NULL)
    {
      mcp_tool_call_return_error (call, error->message);
      return;
    }

  text = g_strdup_printf ("client said %s",
                          json_object_get_string_member (json_node_get_object (reply), "answer"));
  mcp_tool_call_return_text (call, text);
}

static void
tool_ask (McpServer   *server,
          McpToolCall *call,
          gpointer     user_data)
{
  g_autoptr(JsonNode) params = mcp_test_parse ("{\"question\":\"colour?\"}");

  mcp_request_send_request_async (mcp_tool_call_get_request (call), "test/ask", params, NULL,
                                  ask_cb, g_object_ref (call));
}

static void
add_tool (McpServer      *server,
          const char     *name,
          const char     *schema,
          McpToolHandler  handler,
          gpointer        data)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, "A test tool");

  if (schema != NULL)
    g_assert_true (mcp_tool_set_input_schema_json (tool, schema, NULL));
  mcp_server_add_tool (server, tool, handler, data, NULL);
}

static void
on_session_opened (McpHttpServerTransport *http,
                   const char             *id,
                   Fixture                *fixture)
{
  fixture->opened++;
}

static void
on_session_closed (McpHttpServerTransport *http,
                   const char             *id,
                   Fixture                *fixture)
{
  fixture->closed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = mcp_server_new ("test-http", "1.0");
  add_tool (fixture->server, "echo",
            "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}",
            tool_echo, fixture);
  add_tool (fixture->server, "delay",
            "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}}}",
            tool_delay, fixture);
  add_tool (fixture->server, "stream",
            "{\"type\":\"object\",\"properties\":{\"cut\":{\"type\":\"boolean\"}}}",
            tool_stream, fixture);
  add_tool (fixture->server, "ask", NULL, tool_ask, fixture);

  fixture->http = mcp_http_server_transport_new ();
  g_signal_connect (fixture->http, "session-opened", G_CALLBACK (on_session_opened), fixture);
  g_signal_connect (fixture->http, "session-closed", G_CALLBACK (on_session_closed), fixture);
  /* Short, so resumption tests run fast. */
  g_object_set (fixture->http, "retry-interval", 100, NULL);
  mcp_server_add_server_transport (fixture->server, MCP_SERVER_TRANSPORT (fixture->http));
}

static void
fixture_start (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *slash;

  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (fixture->http), NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (fixture->http),
                                                    result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mcp_http_server_transport_get_bound_port (fixture->http), >, 0);

  fixture->url = mcp_http_server_transport_dup_url (fixture->http);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:") ||
                 g_str_has_prefix (fixture->url, "https://127.0.0.1:"));
  fixture->base = g_strdup (fixture->url);
  slash = strrchr (fixture->base, '/');
  *slash = '\0';
  fixture->sse_url = g_strdup_printf ("%s/sse", fixture->base);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (fixture->http), NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (fixture->http), result, NULL));
  g_clear_object (&result);
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (fixture->http), ==, 0);

  /* Let the sessions' close idles run before the server goes. */
  mcp_test_spin (20);
  g_clear_object (&fixture->server);
  g_assert_finalize_object (fixture->http);
  g_free (fixture->url);
  g_free (fixture->sse_url);
  g_free (fixture->base);
}

/* Clients --------------------------------------------------------------------- */

static void
client_handle_ask (McpSession *session,
                   McpRequest *request,
                   gpointer    user_data)
{
  g_autoptr(JsonNode) result = mcp_test_parse ("{\"answer\":\"blue\"}");

  mcp_request_return_result (request, result);
}

static McpClient *
connect_client (Fixture           *fixture,
                McpHttpTransport  *transport,
                GError           **error)
{
  g_autoptr(McpClient) client = mcp_client_new ("test-client", "1.0");
  g_autoptr(GAsyncResult) result = NULL;

  /* This file covers Streamable HTTP sessions and legacy HTTP+SSE, the
   * handshake era; the 2026-07-28 binding is in test-modern-client.c and
   * test-modern-server.c. */
  mcp_client_set_requested_protocol_version (client, MCP_PROTOCOL_VERSION_2025_11_25);
  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL,
                            mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  if (!mcp_client_connect_finish (client, result, error))
    return NULL;

  mcp_session_set_request_handler (mcp_client_get_session (client), "test/ask",
                                   client_handle_ask, NULL, NULL);
  return g_steal_pointer (&client);
}

static McpHttpTransport *
new_transport (Fixture      *fixture,
               const Params *params)
{
  McpHttpTransport *transport;

  if (params != NULL && params->legacy)
    {
      transport = mcp_http_transport_new (fixture->sse_url);
      mcp_http_transport_set_mode (transport, MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE);
    }
  else
    transport = mcp_http_transport_new (fixture->url);

  mcp_http_transport_set_request_timeout (transport, 10000);
  return transport;
}

static void
disconnect_client (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_disconnect_finish (client, result, &error));
  g_assert_no_error (error);
}

static McpToolResult *
call_tool (McpClient   *client,
           const char  *name,
           const char  *arguments,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) args = arguments != NULL ? mcp_test_parse (arguments) : NULL;

  mcp_client_call_tool_async (client, name, args, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_call_tool_finish (client, result, error);
}

static void
assert_tool_text (McpClient  *client,
                  const char *name,
                  const char *arguments,
                  const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) result = call_tool (client, name, arguments, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_false (mcp_tool_result_get_is_error (result));
  text = mcp_tool_result_dup_text (result);
  g_assert_cmpstr (text, ==, expected);
}

/* Every feature, over both HTTP forms --------------------------------------------------- */

typedef struct
{
  GPtrArray *logs;
  GArray    *progress;
} Seen;

static void
on_log (McpClient       *client,
        McpLoggingLevel  level,
        const char      *logger,
        JsonNode        *data,
        Seen            *seen)
{
  g_ptr_array_add (seen->logs, g_strdup (json_node_get_string (data)));
}

static void
on_progress (gdouble     progress,
             gdouble     total,
             const char *message,
             gpointer    user_data)
{
  Seen *seen = user_data;

  g_array_append_val (seen->progress, progress);
}

static void
test_features (Fixture       *fixture,
               gconstpointer  data)
{
  const Params *params = data;
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(JsonNode) args = NULL;
  g_autofree char *text = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gdouble)) };

  fixture_start (fixture);
  transport = new_transport (fixture, params);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  g_assert_cmpstr (mcp_client_get_server_name (client), ==, "test-http");
  g_assert_cmpuint (fixture->opened, ==, 1);
  g_assert_cmpint (mcp_http_transport_get_active_mode (transport), ==,
                   params->legacy ? MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE : MCP_HTTP_TRANSPORT_MODE_STREAMABLE);
  if (!params->legacy)
    {
      g_assert_nonnull (mcp_http_transport_get_session_id (transport));
      g_assert_cmpuint (strlen (mcp_http_transport_get_session_id (transport)), ==, 32);
      g_assert_cmpstr (mcp_http_transport_get_protocol_version (transport), ==,
                       MCP_PROTOCOL_VERSION_LATEST);
    }

  /* tools/list */
  mcp_client_list_all_tools_async (client, NULL, mcp_test_store_result_cb, &result);
  tools = mcp_client_list_all_tools_finish (client, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 4);

  /* tools/call, ping */
  assert_tool_text (client, "echo", "{\"message\":\"hello\"}", "Echo: hello");
  mcp_client_ping_async (client, NULL, mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_ping_finish (client, mcp_test_wait_result (&result), &error));
  g_assert_no_error (error);

  /* logging level, then log messages and progress while a tool runs: all
   * of them before the result */
  mcp_client_set_logging_level_async (client, MCP_LOGGING_LEVEL_DEBUG, NULL,
                                      mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_set_logging_level_finish (client, mcp_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_signal_connect (client, "log-message", G_CALLBACK (on_log), &seen);

  args = mcp_test_parse ("{}");
  mcp_client_call_tool_full_async (client, "stream", args, MCP_REQUEST_FLAGS_PROGRESS, -1,
                                   on_progress, &seen, NULL, NULL,
                                   mcp_test_store_result_cb, &result);
  tool_result = mcp_client_call_tool_finish (client, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "streamed");
  g_assert_cmpuint (seen.progress->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (g_array_index (seen.progress, gdouble, i), ==, i + 1);
  if (!params->legacy)
    {
      /* Same stream as the result: nothing may be missing when it arrives. */
      g_assert_cmpuint (seen.logs->len, ==, 6);
    }
  else
    mcp_test_wait_count (&seen.logs->len, 6, 5000);
  g_assert_cmpstr (g_ptr_array_index (seen.logs, 5), ==, "step 6");

  /* A server → client request while a tool runs */
  assert_tool_text (client, "ask", NULL, "client said blue");

  /* Cancellation: the call fails at once; the server's handler sees it */
  cancellable = g_cancellable_new ();
  g_clear_pointer (&args, json_node_unref);
  args = mcp_test_parse ("{\"ms\":10000}");
  mcp_client_call_tool_async (client, "delay", args, cancellable, mcp_test_store_result_cb, &result);
  mcp_test_spin (100);
  g_cancellable_cancel (cancellable);
  g_assert_null (mcp_client_call_tool_finish (client, mcp_test_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  mcp_test_wait_count (&fixture->cancelled_calls, 1, 5000);

  /* The connection is fine afterwards */
  assert_tool_text (client, "echo", "{\"message\":\"again\"}", "Echo: again");

  disconnect_client (client);
  mcp_test_wait_count (&fixture->closed, 1, 5000);
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (fixture->http), ==, 0);

  g_ptr_array_unref (seen.logs);
  g_array_unref (seen.progress);
}

/* Many concurrent requests on one session, and many sessions ------------------------------ */

typedef struct
{
  McpClient *client;
  char      *expected;
  guint     *done;
  guint     *errors;
} Pending;

static void
concurrent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);

  if (tool_result == NULL)
    {
      g_printerr ("call failed: %s\n", error->message);
      (*pending->errors)++;
    }
  else
    {
      g_autofree char *text = mcp_tool_result_dup_text (tool_result);

      if (g_strcmp0 (text, pending->expected) != 0)
        {
          g_printerr ("misrouted: expected %s, got %s\n", pending->expected, text);
          (*pending->errors)++;
        }
    }

  (*pending->done)++;
  g_free (pending->expected);
  g_free (pending);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  guint *connected = user_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = mcp_client_connect_finish (MCP_CLIENT (object), result, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  (*connected)++;
}

static void
test_many_sessions (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint n_clients = 200;
  const guint calls_per_client = 3;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) transports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint connected = 0;
  guint done = 0;
  guint errors = 0;

  fixture_start (fixture);

  for (guint i = 0; i < n_clients; i++)
    {
      McpHttpTransport *transport = new_transport (fixture, NULL);
      McpClient *client = mcp_client_new ("many", "1.0");

      /* Sessions are what this counts: the handshake era. */
      mcp_client_set_requested_protocol_version (client, MCP_PROTOCOL_VERSION_2025_11_25);

      /* Keep the socket count down: requests and responses only. */
      mcp_http_transport_set_open_event_stream (transport, FALSE);
      g_ptr_array_add (transports, transport);
      g_ptr_array_add (clients, client);
      mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, connect_cb, &connected);
    }
  mcp_test_wait_count (&connected, n_clients, 60000);
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (fixture->http), ==, n_clients);

  for (guint i = 0; i < n_clients; i++)
    {
      const char *id = mcp_http_transport_get_session_id (g_ptr_array_index (transports, i));

      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
    }

  for (guint round = 0; round < calls_per_client; round++)
    for (guint i = 0; i < n_clients; i++)
      {
        Pending *pending = g_new0 (Pending, 1);
        g_autofree char *arguments = g_strdup_printf ("{\"message\":\"c%u-r%u\"}", i, round);
        g_autoptr(JsonNode) args = mcp_test_parse (arguments);

        pending->expected = g_strdup_printf ("Echo: c%u-r%u", i, round);
        pending->done = &done;
        pending->errors = &errors;
        mcp_client_call_tool_async (g_ptr_array_index (clients, i), "echo", args, NULL,
                                    concurrent_cb, pending);
      }

  mcp_test_wait_count (&done, n_clients * calls_per_client, 60000);
  g_assert_cmpuint (errors, ==, 0);

  for (guint i = 0; i < n_clients; i++)
    mcp_client_disconnect_async (g_ptr_array_index (clients, i), NULL, NULL, NULL);
  mcp_test_wait_count (&fixture->closed, n_clients, 30000);
}

static void
test_concurrent_requests (Fixture       *fixture,
                          gconstpointer  data)
{
  const Params *params = data;
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  guint done = 0;
  guint errors = 0;

  fixture_start (fixture);
  transport = new_transport (fixture, params);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 100; i++)
    {
      Pending *pending = g_new0 (Pending, 1);
      g_autofree char *arguments = g_strdup_printf ("{\"message\":\"m%u\"}", i);
      g_autoptr(JsonNode) args = mcp_test_parse (arguments);

      pending->expected = g_strdup_printf ("Echo: m%u", i);
      pending->done = &done;
      pending->errors = &errors;
      mcp_client_call_tool_async (client, "echo", args, NULL, concurrent_cb, pending);
    }

  mcp_test_wait_count (&done, 100, 30000);
  g_assert_cmpuint (errors, ==, 0);
  disconnect_client (client);
}

/* Sessions ending under the client ------------------------------------------------------ */

static void
on_reinitialized (McpHttpTransport *transport,
                  const char       *session_id,
                  guint            *count)
{
  (*count)++;
}

static void
test_session_deleted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_id = NULL;
  guint reinitialized = 0;

  fixture_start (fixture);
  transport = new_transport (fixture, NULL);
  g_signal_connect (transport, "session-reinitialized", G_CALLBACK (on_reinitialized), &reinitialized);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  assert_tool_text (client, "echo", "{\"message\":\"one\"}", "Echo: one");

  old_id = g_strdup (mcp_http_transport_get_session_id (transport));
  g_assert_true (mcp_http_server_transport_close_session (fixture->http, old_id));
  g_assert_false (mcp_http_server_transport_close_session (fixture->http, old_id));
  g_assert_cmpuint (fixture->closed, ==, 1);

  /* 404 → a new session, transparently, and the call goes through */
  assert_tool_text (client, "echo", "{\"message\":\"two\"}", "Echo: two");
  g_assert_cmpuint (reinitialized, ==, 1);
  g_assert_cmpuint (fixture->opened, ==, 2);
  g_assert_nonnull (mcp_http_transport_get_session_id (transport));
  g_assert_cmpstr (mcp_http_transport_get_session_id (transport), !=, old_id);
  g_assert_true (mcp_client_is_connected (client));

  disconnect_client (client);
}

static void
test_session_deleted_mid_call (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"ms\":5000}");
  g_autoptr(McpToolResult) tool_result = NULL;
  guint reinitialized = 0;

  fixture_start (fixture);
  transport = new_transport (fixture, NULL);
  g_signal_connect (transport, "session-reinitialized", G_CALLBACK (on_reinitialized), &reinitialized);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);

  mcp_client_call_tool_async (client, "delay", args, NULL, mcp_test_store_result_cb, &result);
  mcp_test_spin (100);
  mcp_http_server_transport_close_session (fixture->http, mcp_http_transport_get_session_id (transport));

  /* The call in flight fails with a clear error, nothing hangs... */
  tool_result = mcp_client_call_tool_finish (client, mcp_test_wait_result (&result), &error);
  g_assert_null (tool_result);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED);
  g_clear_error (&error);

  /* ... and the next one gets a new session. */
  assert_tool_text (client, "echo", "{\"message\":\"after\"}", "Echo: after");
  g_assert_cmpuint (reinitialized, ==, 1);
  disconnect_client (client);
}

static void
test_idle_reaping (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  guint reinitialized = 0;

  mcp_http_server_transport_set_session_idle_timeout (fixture->http, 300);
  fixture_start (fixture);
  transport = new_transport (fixture, NULL);
  mcp_http_transport_set_open_event_stream (transport, FALSE);
  g_signal_connect (transport, "session-reinitialized", G_CALLBACK (on_reinitialized), &reinitialized);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);

  /* A request in flight for longer than the idle timeout keeps its session:
   * a reaped session could not have answered. (Whether it is still there
   * afterwards is a race with the idle timer, which restarts now.) */
  assert_tool_text (client, "delay", "{\"ms\":900}", "done");
  g_assert_cmpuint (reinitialized, ==, 0);

  /* Nothing in flight: reaped. */
  mcp_test_wait_count (&fixture->closed, 1, 5000);
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (fixture->http), ==, 0);

  /* The client recovers with a new session. */
  assert_tool_text (client, "echo", "{\"message\":\"back\"}", "Echo: back");
  g_assert_cmpuint (reinitialized, ==, 1);
  disconnect_client (client);
}

/* Streams cut mid-response -------------------------------------------------------------- */

static void
test_stream_resumed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"cut\":true}");
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autofree char *text = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gdouble)) };

  fixture_start (fixture);
  transport = new_transport (fixture, NULL);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  g_signal_connect (client, "log-message", G_CALLBACK (on_log), &seen);

  mcp_client_call_tool_full_async (client, "stream", args, MCP_REQUEST_FLAGS_PROGRESS, -1,
                                   on_progress, &seen, NULL, NULL,
                                   mcp_test_store_result_cb, &result);
  tool_result = mcp_client_call_tool_finish (client, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "streamed");

  /* Every message once, in order, across the cut. */
  g_assert_cmpuint (seen.progress->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (g_array_index (seen.progress, gdouble, i), ==, i + 1);
  g_assert_cmpuint (seen.logs->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *expected = g_strdup_printf ("step %u", i + 1);

      g_assert_cmpstr (g_ptr_array_index (seen.logs, i), ==, expected);
    }

  disconnect_client (client);
  g_ptr_array_unref (seen.logs);
  g_array_unref (seen.progress);
}

/* Limits and security ---------------------------------------------------------------- */

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
} Raw;

static void
raw_clear (Raw *raw)
{
  g_clear_pointer (&raw->body, g_bytes_unref);
  g_clear_pointer (&raw->headers, soup_message_headers_unref);
}

/* One HTTP request; headers as "Name: value" strings, NULL-terminated. */
static Raw
raw_request (const char         *method,
             const char         *url,
             const char * const *headers,
             const char         *content_type,
             const char         *body,
             gsize               body_length)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Raw raw = { 0 };

  g_assert_nonnull (msg);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (headers[i], ": ", 2);

      soup_message_headers_replace (soup_message_get_request_headers (msg), parts[0], parts[1]);
    }

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    mcp_test_store_result_cb, &result);
  raw.body = soup_session_send_and_read_finish (session, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  raw.status = soup_message_get_status (msg);
  raw.headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return raw;
}

#define ACCEPT_BOTH "Accept: application/json, text/event-stream"
#define INITIALIZE "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}"

static Raw
raw_post (Fixture    *fixture,
          const char *extra_header,
          const char *content_type,
          const char *body)
{
  const char *headers[] = { ACCEPT_BOTH, extra_header, NULL };

  return raw_request ("POST", fixture->url, headers, content_type, body, strlen (body));
}

/* The JSON-RPC error code of a response body. */
static gint64
body_error_code (Raw *raw)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;
  g_autofree char *text = NULL;

  g_assert_nonnull (raw->body);
  text = g_strndup (g_bytes_get_data (raw->body, NULL), g_bytes_get_size (raw->body));
  node = mcp_test_parse (text);
  error = json_object_get_object_member (json_node_get_object (node), "error");
  g_assert_nonnull (error);
  return json_object_get_int_member (error, "code");
}

static char *
raw_initialize (Fixture *fixture)
{
  Raw raw = raw_post (fixture, NULL, "application/json", INITIALIZE);
  char *id;

  g_assert_cmpuint (raw.status, ==, 200);
  id = g_strdup (soup_message_headers_get_one (raw.headers, "Mcp-Session-Id"));
  g_assert_nonnull (id);
  raw_clear (&raw);
  return id;
}

/* A 2026-07-28 tools/call of echo with @size bytes of message, sent with
 * @accept_encoding (none when NULL) by a session that decodes nothing. */
static Raw
raw_echo_encoded (Fixture    *fixture,
                  gsize       size,
                  const char *accept_encoding)
{
  g_autofree char *message = g_strnfill (size, 'a');
  g_autofree char *body = g_strdup_printf (
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
    "\"arguments\":{\"message\":\"%s\"},\"_meta\":{"
    "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":{},"
    "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}}", message);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", fixture->url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Raw raw = { 0 };

  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  soup_message_headers_replace (headers, "Accept", "application/json, text/event-stream");
  soup_message_headers_replace (headers, "MCP-Protocol-Version", "2026-07-28");
  soup_message_headers_replace (headers, "Mcp-Method", "tools/call");
  soup_message_headers_replace (headers, "Mcp-Name", "echo");
  if (accept_encoding != NULL)
    soup_message_headers_replace (headers, "Accept-Encoding", accept_encoding);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    mcp_test_store_result_cb, &result);
  raw.body = soup_session_send_and_read_finish (session, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  raw.status = soup_message_get_status (msg);
  raw.headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return raw;
}

static char *
gunzip_text (GBytes *bytes)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) converted = g_converter_input_stream_new (input, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (output, converted, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
}

/* gzip: a large JSON answer is compressed when the client takes it, never
 * when it does not (absent, identity, q=0), never a small one, never with
 * compression-threshold 0; and McpClient reads it either way. */
static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *expected = g_strnfill (8000, 'a');
  g_autofree char *echo = g_strconcat ("Echo: ", expected, NULL);
  g_autofree char *arguments = g_strdup_printf ("{\"message\":\"%s\"}", expected);
  g_autoptr(McpClient) client = NULL;
  Raw raw;

  fixture_start (fixture);

  raw = raw_echo_encoded (fixture, 8000, "deflate, gzip;q=0.5");
  g_assert_cmpuint (raw.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (raw.headers, "Content-Encoding"), ==, "gzip");
  g_assert_nonnull (strstr (soup_message_headers_get_list (raw.headers, "Vary"), "Accept-Encoding"));
  g_assert_cmpuint (g_bytes_get_size (raw.body), <, 1000);
  {
    g_autofree char *text = gunzip_text (raw.body);

    g_assert_nonnull (strstr (text, echo));
    g_assert_nonnull (strstr (text, "\"id\":3"));
  }
  raw_clear (&raw);

  {
    static const char * const refusals[] = { NULL, "identity", "gzip;q=0, deflate", "br" };

    for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
      {
        raw = raw_echo_encoded (fixture, 8000, refusals[i]);
        g_assert_cmpuint (raw.status, ==, 200);
        g_assert_null (soup_message_headers_get_one (raw.headers, "Content-Encoding"));
        g_assert_cmpuint (g_bytes_get_size (raw.body), >, 8000);
        raw_clear (&raw);
      }
  }

  raw = raw_echo_encoded (fixture, 10, "gzip");
  g_assert_null (soup_message_headers_get_one (raw.headers, "Content-Encoding"));
  raw_clear (&raw);

  /* Our own client takes gzip, and reads it. */
  {
    g_autoptr(McpHttpTransport) transport = new_transport (fixture, &streamable);
    g_autoptr(GError) error = NULL;

    client = connect_client (fixture, transport, &error);
    g_assert_no_error (error);
  }
  assert_tool_text (client, "echo", arguments, echo);
  disconnect_client (client);

  g_object_set (fixture->http, "compression-threshold", 0, NULL);
  raw = raw_echo_encoded (fixture, 8000, "gzip");
  g_assert_null (soup_message_headers_get_one (raw.headers, "Content-Encoding"));
  raw_clear (&raw);
}

/* A server that stopped listening refuses the next request's connection:
 * it reached no server, so the error says it may go elsewhere. */
static void
test_refused_is_retryable (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) stopped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) result = NULL;

  fixture_start (fixture);
  transport = new_transport (fixture, &streamable);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  assert_tool_text (client, "echo", "{\"message\":\"hi\"}", "Echo: hi");

  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (fixture->http), NULL,
                                   mcp_test_store_result_cb, &stopped);
  stopped = mcp_test_wait_result (&stopped);
  mcp_test_spin (50);

  result = call_tool (client, "echo", "{\"message\":\"again\"}", &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("after the server stopped: %s", error->message);
  g_assert_true (mcp_error_is_retryable (error));
  disconnect_client (client);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *session_header = NULL;
  g_autofree char *id = NULL;
  g_autofree char *huge = NULL;
  Raw raw;

  mcp_http_server_transport_set_max_body_size (fixture->http, 64 * 1024);
  fixture_start (fixture);

  /* A refused initialize leaves no session behind */
  raw = raw_post (fixture, NULL, "application/json",
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
  g_assert_cmpuint (raw.status, ==, 200);
  g_assert_cmpint (body_error_code (&raw), ==, MCP_JSONRPC_INVALID_PARAMS);
  raw_clear (&raw);
  mcp_test_wait_count (&fixture->closed, 1, 5000);
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (fixture->http), ==, 0);

  id = raw_initialize (fixture);
  session_header = g_strdup_printf ("Mcp-Session-Id: %s", id);

  /* Not JSON: 400 with a parse error */
  raw = raw_post (fixture, session_header, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": 2, ");
  g_assert_cmpuint (raw.status, ==, 400);
  g_assert_cmpint (body_error_code (&raw), ==, MCP_JSONRPC_PARSE_ERROR);
  raw_clear (&raw);

  /* Nothing at all */
  raw = raw_post (fixture, session_header, "application/json", "");
  g_assert_cmpuint (raw.status, ==, 400);
  g_assert_cmpint (body_error_code (&raw), ==, MCP_JSONRPC_PARSE_ERROR);
  raw_clear (&raw);

  /* A batch: refused */
  raw = raw_post (fixture, session_header, "application/json",
                  "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");
  g_assert_cmpuint (raw.status, ==, 400);
  g_assert_cmpint (body_error_code (&raw), ==, MCP_JSONRPC_INVALID_REQUEST);
  raw_clear (&raw);

  /* Not a JSON-RPC message */
  raw = raw_post (fixture, session_header, "application/json", "{\"hello\":1}");
  g_assert_cmpuint (raw.status, ==, 400);
  g_assert_cmpint (body_error_code (&raw), ==, MCP_JSONRPC_INVALID_REQUEST);
  raw_clear (&raw);

  /* Wrong content type */
  raw = raw_post (fixture, session_header, "text/plain", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
  g_assert_cmpuint (raw.status, ==, 415);
  raw_clear (&raw);

  /* Too large */
  huge = g_strnfill (200 * 1024, ' ');
  raw = raw_post (fixture, session_header, "application/json", huge);
  g_assert_cmpuint (raw.status, ==, 413);
  raw_clear (&raw);

  /* Unknown session: 404; none at all: 400 */
  raw = raw_post (fixture, "Mcp-Session-Id: 0123456789abcdef0123456789abcdef", "application/json",
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
  g_assert_cmpuint (raw.status, ==, 404);
  raw_clear (&raw);
  raw = raw_post (fixture, NULL, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
  g_assert_cmpuint (raw.status, ==, 400);
  raw_clear (&raw);

  /* Unsupported MCP-Protocol-Version: 400; an older supported one is fine */
  {
    const char *headers[] = { ACCEPT_BOTH, session_header, "MCP-Protocol-Version: 1999-01-01", NULL };
    const char *ping = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}";

    raw = raw_request ("POST", fixture->url, headers, "application/json", ping, strlen (ping));
    g_assert_cmpuint (raw.status, ==, 400);
    raw_clear (&raw);
    headers[2] = "MCP-Protocol-Version: 2025-03-26";
    raw = raw_request ("POST", fixture->url, headers, "application/json", ping, strlen (ping));
    g_assert_cmpuint (raw.status, ==, 200);
    raw_clear (&raw);
  }

  /* Accept without text/event-stream: 406 */
  {
    const char *headers[] = { "Accept: application/json", session_header, NULL };
    const char *ping = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}";

    raw = raw_request ("POST", fixture->url, headers, "application/json", ping, strlen (ping));
    g_assert_cmpuint (raw.status, ==, 406);
    raw_clear (&raw);
  }

  /* A notification: 202, no body */
  raw = raw_post (fixture, session_header, "application/json",
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  g_assert_cmpuint (raw.status, ==, 202);
  g_assert_cmpuint (g_bytes_get_size (raw.body), ==, 0);
  raw_clear (&raw);

  /* The session survived all of it */
  raw = raw_post (fixture, session_header, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}");
  g_assert_cmpuint (raw.status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (raw.body, NULL), g_bytes_get_size (raw.body),
                   "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}", 36);
  raw_clear (&raw);

  /* Wrong method, wrong path */
  raw = raw_request ("PUT", fixture->url, NULL, NULL, NULL, 0);
  g_assert_cmpuint (raw.status, ==, 405);
  raw_clear (&raw);
  {
    g_autofree char *elsewhere = g_strdup_printf ("%s/elsewhere", fixture->base);

    raw = raw_request ("GET", elsewhere, NULL, NULL, NULL, 0);
    g_assert_cmpuint (raw.status, ==, 404);
    raw_clear (&raw);
  }

  /* DELETE ends the session: 404 afterwards */
  {
    const char *headers[] = { session_header, NULL };

    raw = raw_request ("DELETE", fixture->url, headers, NULL, NULL, 0);
    g_assert_cmpuint (raw.status, ==, 200);
    raw_clear (&raw);
    raw = raw_request ("DELETE", fixture->url, headers, NULL, NULL, 0);
    g_assert_cmpuint (raw.status, ==, 404);
    raw_clear (&raw);
  }
  mcp_test_wait_count (&fixture->closed, 2, 5000);
}

static void
test_body_cap_client (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) result = NULL;
  g_autofree char *big = NULL;
  g_autofree char *arguments = NULL;

  mcp_http_server_transport_set_max_body_size (fixture->http, 4096);
  fixture_start (fixture);
  transport = new_transport (fixture, NULL);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);

  big = g_strnfill (8192, 'x');
  arguments = g_strdup_printf ("{\"message\":\"%s\"}", big);
  result = call_tool (client, "echo", arguments, &error);
  g_assert_null (result);
  /* The server's JSON-RPC error about the body answers the call. */
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "larger than the limit"));
  g_clear_error (&error);

  /* Small ones still work. */
  assert_tool_text (client, "echo", "{\"message\":\"small\"}", "Echo: small");
  disconnect_client (client);
}

static void
test_session_cap (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(McpHttpTransport) t1 = NULL;
  g_autoptr(McpHttpTransport) t2 = NULL;
  g_autoptr(McpHttpTransport) t3 = NULL;
  g_autoptr(McpClient) c1 = NULL;
  g_autoptr(McpClient) c2 = NULL;
  g_autoptr(McpClient) c3 = NULL;
  g_autoptr(GError) error = NULL;
  Raw raw;

  mcp_http_server_transport_set_max_sessions (fixture->http, 2);
  fixture_start (fixture);

  t1 = new_transport (fixture, NULL);
  t2 = new_transport (fixture, NULL);
  t3 = new_transport (fixture, NULL);
  c1 = connect_client (fixture, t1, &error);
  g_assert_no_error (error);
  c2 = connect_client (fixture, t2, &error);
  g_assert_no_error (error);

  raw = raw_post (fixture, NULL, "application/json", INITIALIZE);
  g_assert_cmpuint (raw.status, ==, 503);
  raw_clear (&raw);
  c3 = connect_client (fixture, t3, &error);
  g_assert_null (c3);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Room again once one leaves. */
  disconnect_client (c1);
  mcp_test_wait_count (&fixture->closed, 1, 5000);
  g_clear_object (&t3);
  t3 = new_transport (fixture, NULL);
  c3 = connect_client (fixture, t3, &error);
  g_assert_no_error (error);
  assert_tool_text (c3, "echo", "{\"message\":\"third\"}", "Echo: third");
  disconnect_client (c2);
  disconnect_client (c3);
}

static void
test_origin_host (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *evil[] = { ACCEPT_BOTH, "Origin: http://evil.example.com", NULL };
  const char *evil_host[] = { ACCEPT_BOTH, "Host: evil.example.com", NULL };
  const char *null_origin[] = { ACCEPT_BOTH, "Origin: null", NULL };
  const char *listed[] = { ACCEPT_BOTH, "Origin: https://app.example.com", NULL };
  const char *const allowed[] = { "https://app.example.com", NULL };
  g_autofree char *local_origin = NULL;
  Raw raw;

  mcp_http_server_transport_set_allowed_origins (fixture->http, allowed);
  g_object_set (fixture->http, "cors", TRUE, NULL);
  fixture_start (fixture);

  raw = raw_request ("POST", fixture->url, evil, "application/json", INITIALIZE, strlen (INITIALIZE));
  g_assert_cmpuint (raw.status, ==, 403);
  raw_clear (&raw);
  raw = raw_request ("POST", fixture->url, evil_host, "application/json", INITIALIZE, strlen (INITIALIZE));
  g_assert_cmpuint (raw.status, ==, 403);
  raw_clear (&raw);
  raw = raw_request ("POST", fixture->url, null_origin, "application/json", INITIALIZE, strlen (INITIALIZE));
  g_assert_cmpuint (raw.status, ==, 403);
  raw_clear (&raw);
  raw = raw_request ("GET", fixture->sse_url, evil, NULL, NULL, 0);
  g_assert_cmpuint (raw.status, ==, 403);
  raw_clear (&raw);
  g_assert_cmpuint (fixture->opened, ==, 0);

  /* Loopback origins, listed ones and none at all are fine */
  local_origin = g_strdup_printf ("Origin: %s", fixture->base);
  {
    const char *local[] = { ACCEPT_BOTH, local_origin, NULL };

    raw = raw_request ("POST", fixture->url, local, "application/json", INITIALIZE, strlen (INITIALIZE));
    g_assert_cmpuint (raw.status, ==, 200);
    raw_clear (&raw);
  }
  raw = raw_request ("POST", fixture->url, listed, "application/json", INITIALIZE, strlen (INITIALIZE));
  g_assert_cmpuint (raw.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (raw.headers, "Access-Control-Allow-Origin"), ==,
                   "https://app.example.com");
  g_assert_nonnull (strstr (soup_message_headers_get_one (raw.headers, "Access-Control-Expose-Headers"),
                            "Mcp-Session-Id"));
  raw_clear (&raw);
  raw = raw_request ("OPTIONS", fixture->url, listed, NULL, NULL, 0);
  g_assert_cmpuint (raw.status, ==, 204);
  g_assert_nonnull (soup_message_headers_get_one (raw.headers, "Access-Control-Allow-Methods"));
  raw_clear (&raw);
  raw = raw_post (fixture, NULL, "application/json", INITIALIZE);
  g_assert_cmpuint (raw.status, ==, 200);
  raw_clear (&raw);
  g_assert_cmpuint (fixture->opened, ==, 3);
}

static void
test_auth_token (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *wrong[] = { ACCEPT_BOTH, "Authorization: Bearer guess", NULL };
  Raw raw;

  /* An empty token asks for none, as NULL does. */
  mcp_http_server_transport_set_auth_token (fixture->http, "");
  g_assert_null (mcp_http_server_transport_get_auth_token (fixture->http));

  mcp_http_server_transport_set_auth_token (fixture->http, "s3cret-t0ken");
  fixture_start (fixture);

  raw = raw_post (fixture, NULL, "application/json", INITIALIZE);
  g_assert_cmpuint (raw.status, ==, 401);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (raw.headers, "WWW-Authenticate"), "Bearer"));
  raw_clear (&raw);
  raw = raw_request ("POST", fixture->url, wrong, "application/json", INITIALIZE, strlen (INITIALIZE));
  g_assert_cmpuint (raw.status, ==, 401);
  g_assert_nonnull (strstr (soup_message_headers_get_one (raw.headers, "WWW-Authenticate"), "invalid_token"));
  raw_clear (&raw);
  raw = raw_request ("GET", fixture->sse_url, NULL, NULL, NULL, 0);
  g_assert_cmpuint (raw.status, ==, 401);
  raw_clear (&raw);

  /* A client without the token fails to connect with a clear error */
  transport = new_transport (fixture, NULL);
  mcp_http_transport_set_mode (transport, MCP_HTTP_TRANSPORT_MODE_STREAMABLE);
  client = connect_client (fixture, transport, &error);
  g_assert_null (client);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_clear_object (&transport);

  transport = new_transport (fixture, NULL);
  mcp_http_transport_set_auth_token (transport, "s3cret-t0ken");
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  assert_tool_text (client, "echo", "{\"message\":\"authorized\"}", "Echo: authorized");
  disconnect_client (client);
}

/* A client that sends half a request and stops must not hold anyone up. */
static void
test_slowloris (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *partial = NULL;
  GOutputStream *output;

  fixture_start (fixture);

  g_socket_client_connect_to_host_async (socket_client, "127.0.0.1",
                                         mcp_http_server_transport_get_bound_port (fixture->http),
                                         NULL, mcp_test_store_result_cb, &result);
  connection = g_socket_client_connect_to_host_finish (socket_client, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  partial = g_strdup_printf ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: 1000\r\n\r\n{\"jsonrpc\":");
  g_output_stream_write_all (output, partial, strlen (partial), NULL, NULL, &error);
  g_assert_no_error (error);

  transport = new_transport (fixture, NULL);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  assert_tool_text (client, "echo", "{\"message\":\"not blocked\"}", "Echo: not blocked");
  disconnect_client (client);
}

/* AUTO mode pointed at an HTTP+SSE endpoint: 405 on the POST, then the
 * legacy procedure. */
static void
test_auto_fallback (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture);
  transport = mcp_http_transport_new (fixture->sse_url);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mcp_http_transport_get_active_mode (transport), ==, MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE);
  assert_tool_text (client, "echo", "{\"message\":\"legacy\"}", "Echo: legacy");
  assert_tool_text (client, "ask", NULL, "client said blue");
  disconnect_client (client);
  /* The legacy session ends with its stream. */
  mcp_test_wait_count (&fixture->closed, 1, 5000);
}

/* The standalone GET stream carries server messages unrelated to requests. */
static void
on_tools_changed (McpClient *client,
                  guint     *count)
{
  (*count)++;
}

static void
test_standalone_stream (Fixture       *fixture,
                        gconstpointer  data)
{
  const Params *params = data;
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpTool) tool = NULL;
  guint changed = 0;

  fixture_start (fixture);
  transport = new_transport (fixture, params);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  g_signal_connect (client, "tools-changed", G_CALLBACK (on_tools_changed), &changed);

  if (!params->legacy)
    {
      mcp_test_wait_until (mcp_http_transport_is_listening (transport));
    }

  tool = mcp_tool_new ("late", "Registered while the client is connected");
  mcp_server_add_tool (fixture->server, tool, tool_echo, NULL, NULL);
  mcp_test_wait_count (&changed, 1, 5000);
  disconnect_client (client);
}

/* HTTPS with a certificate made for the test. */
static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpHttpTransport) untrusting = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpClient) refused = NULL;
  g_autoptr(GError) error = NULL;
  gint status = 0;

  if (openssl == NULL || !g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("needs openssl(1) and a GIO TLS backend (glib-networking)");
      return;
    }

  if (!mcp_test_run_without_leak_check ())
    return;

  dir = g_dir_make_tmp ("mcp-http-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert_path = g_build_filename (dir, "cert.pem", NULL);
  key_path = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                           "-keyout", key_path, "-out", cert_path, "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  mcp_http_server_transport_set_tls_certificate (fixture->http, certificate);
  fixture_start (fixture);
  g_assert_true (g_str_has_prefix (fixture->url, "https://127.0.0.1:"));

  /* A client that does not trust the certificate gets nowhere. */
  untrusting = mcp_http_transport_new (fixture->url);
  mcp_http_transport_set_mode (untrusting, MCP_HTTP_TRANSPORT_MODE_STREAMABLE);
  refused = connect_client (fixture, untrusting, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* One that does, through its own SoupSession. */
  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("tls-database", database, "timeout", 0, NULL);
  transport = mcp_http_transport_new_with_session (fixture->url, session);
  g_assert_true (mcp_http_transport_get_soup_session (transport) == session);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  assert_tool_text (client, "echo", "{\"message\":\"over TLS\"}", "Echo: over TLS");
  assert_tool_text (client, "stream", "{}", "streamed");
  disconnect_client (client);

  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

/* A client-side timeout on the HTTP request fails the call, not the client. */
static void
test_request_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) result = NULL;

  fixture_start (fixture);
  transport = new_transport (fixture, NULL);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);

  mcp_http_transport_set_request_timeout (transport, 200);
  result = call_tool (client, "delay", "{\"ms\":3000}", &error);
  g_assert_null (result);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TIMEOUT);
  g_clear_error (&error);

  mcp_http_transport_set_request_timeout (transport, 10000);
  assert_tool_text (client, "echo", "{\"message\":\"still here\"}", "Echo: still here");
  disconnect_client (client);
}

/* Custom headers reach the server on every request. */
static void
on_request_read (SoupServer        *server,
                 SoupServerMessage *msg,
                 guint             *count)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "X-Api-Key");

  if (g_strcmp0 (value, "k-123") == 0)
    (*count)++;
}

static void
test_custom_headers (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  guint with_header = 0;

  fixture_start (fixture);
  g_signal_connect (mcp_http_server_transport_get_soup_server (fixture->http), "request-read",
                    G_CALLBACK (on_request_read), &with_header);

  transport = new_transport (fixture, NULL);
  mcp_http_transport_set_open_event_stream (transport, FALSE);
  mcp_http_transport_set_header (transport, "X-Api-Key", "k-123");
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  assert_tool_text (client, "echo", "{\"message\":\"h\"}", "Echo: h");
  /* initialize, initialized, tools/call */
  g_assert_cmpuint (with_header, ==, 3);

  mcp_http_transport_set_header (transport, "X-Api-Key", NULL);
  assert_tool_text (client, "echo", "{\"message\":\"h\"}", "Echo: h");
  g_assert_cmpuint (with_header, ==, 3);
  disconnect_client (client);
}

/* An idle event stream gets SSE comments: proxies keep it, and a client
 * that vanished is noticed. */
static void
test_keep_alive (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *id = NULL;
  gint64 deadline;

  g_object_set (fixture->http, "keep-alive-interval", 50, NULL);
  fixture_start (fixture);
  id = raw_initialize (fixture);

  msg = soup_message_new ("GET", fixture->url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "text/event-stream");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Mcp-Session-Id", id);
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  stream = soup_session_send_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "text/event-stream");

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (strstr (seen->str, ": keep-alive\n\n") == NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GBytes) chunk = NULL;

      g_clear_object (&result);
      g_input_stream_read_bytes_async (stream, 256, G_PRIORITY_DEFAULT, NULL,
                                       mcp_test_store_result_cb, &result);
      result = mcp_test_wait_result (&result);
      chunk = g_input_stream_read_bytes_finish (stream, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (chunk), >, 0);
      g_string_append_len (seen, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
    }
  g_assert_nonnull (strstr (seen->str, ": keep-alive\n\n"));

  g_clear_object (&stream);
  g_assert_true (mcp_http_server_transport_close_session (fixture->http, id));
}

/* Our client against a server that misbehaves in every way we can think
 * of: each request fails cleanly, none hangs, the client goes on. */
static void
rogue_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const char *method;
  gint64 id;
  g_autofree char *reply = NULL;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      soup_server_message_set_status (msg, 405, NULL);
      return;
    }

  node = mcp_test_parse (body);
  object = json_node_get_object (node);
  method = json_object_get_string_member_with_default (object, "method", "");
  id = json_object_get_int_member_with_default (object, "id", -1);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Mcp-Session-Id", "rogue");
  soup_server_message_set_status (msg, 200, NULL);

  if (g_str_equal (method, "initialize"))
    reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":{\"protocolVersion\":"
                             "\"2025-06-18\",\"capabilities\":{},\"serverInfo\":{\"name\":\"rogue\",\"version\":\"0\"}}}", id);
  else if (id < 0)
    {
      soup_server_message_set_status (msg, 202, NULL);
      return;
    }
  else if (g_str_equal (method, "rogue/html"))
    {
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html>hi</html>", 15);
      return;
    }
  else if (g_str_equal (method, "rogue/array"))
    reply = g_strdup_printf ("[{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":{\"ok\":1}}]", id);
  else if (g_str_equal (method, "rogue/sse-garbage"))
    {
      soup_server_message_set_response (msg, "text/event-stream", SOUP_MEMORY_STATIC,
                                        "data: {not json\n\nevent: other\ndata: 1\n\n: comment\n\n", 47);
      return;
    }
  else if (g_str_equal (method, "rogue/sse-huge"))
    {
      g_autofree char *huge = g_strnfill (64 * 1024, 'x');

      reply = g_strdup_printf ("data: %s\n\n", huge);
      soup_server_message_set_response (msg, "text/event-stream", SOUP_MEMORY_COPY, reply, strlen (reply));
      return;
    }
  else if (g_str_equal (method, "rogue/500"))
    {
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "boom", 4);
      return;
    }
  else
    reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":{}}", id);

  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, reply, strlen (reply));
}

static JsonNode *
try_request (McpClient   *client,
             const char  *method,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_send_request_async (client, method, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_send_request_finish (client, result, error);
}

static void
test_rogue_server (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = mcp_client_new ("test", "1.0");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  const char *failing[] = { "rogue/html", "rogue/sse-garbage", "rogue/sse-huge" };

  soup_server_add_handler (server, NULL, rogue_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/mcp", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  transport = mcp_http_transport_new (url);
  mcp_http_transport_set_max_message_size (transport, 16 * 1024);
  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_http_transport_get_protocol_version (transport), ==, "2025-06-18");

  for (guint i = 0; i < G_N_ELEMENTS (failing); i++)
    {
      reply = try_request (client, failing[i], &error);
      g_assert_null (reply);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED);
      g_test_message ("%s: %s", failing[i], error->message);
      g_clear_error (&error);
    }

  reply = try_request (client, "rogue/500", &error);
  g_assert_null (reply);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "500"));
  g_clear_error (&error);

  /* A batch array holding our reply is still our reply. */
  reply = try_request (client, "rogue/array", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_clear_pointer (&reply, json_node_unref);

  reply = try_request (client, "ping", &error);
  g_assert_no_error (error);
  g_assert_true (mcp_client_is_connected (client));

  g_clear_object (&result);
  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_disconnect_finish (client, result, NULL));
}

/* McpHttpServerTransport:node-id prefixes the session ids it mints, for a
 * load balancer to route by; only safe names are taken. */
static void
test_node_id (Fixture       *fixture,
              gconstpointer  data)
{
  static const char *valid[] = { "node1", "a", "eu_west.3", "0123456789abcdef0123456789abcdef" };
  static const char *invalid[] = { "", "node-1", "node 1", "n/1", "n\xc3\xa9", "node1\n",
                                   "0123456789abcdef0123456789abcdefX" };
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *node_id = NULL;
  const char *id;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (mcp_http_server_transport_is_valid_node_id (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (mcp_http_server_transport_is_valid_node_id (invalid[i]));
  g_assert_false (mcp_http_server_transport_is_valid_node_id (NULL));

  g_assert_null (mcp_http_server_transport_get_node_id (fixture->http));
  mcp_http_server_transport_set_node_id (fixture->http, "replica_2");
  g_object_get (fixture->http, "node-id", &node_id, NULL);
  g_assert_cmpstr (node_id, ==, "replica_2");

  fixture_start (fixture);
  transport = new_transport (fixture, NULL);
  client = connect_client (fixture, transport, &error);
  g_assert_no_error (error);
  id = mcp_http_transport_get_session_id (transport);
  g_assert_true (g_str_has_prefix (id, "replica_2-"));
  g_assert_cmpuint (strlen (id), ==, strlen ("replica_2-") + 32);
  assert_tool_text (client, "echo", "{\"message\":\"one\"}", "Echo: one");

  /* Cleared: ids without a prefix again. */
  mcp_http_server_transport_set_node_id (fixture->http, NULL);
  g_assert_null (mcp_http_server_transport_get_node_id (fixture->http));
  g_assert_true (mcp_http_server_transport_close_session (fixture->http, id));
  assert_tool_text (client, "echo", "{\"message\":\"two\"}", "Echo: two");
  g_assert_cmpuint (strlen (mcp_http_transport_get_session_id (transport)), ==, 32);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/Mcp/Http/streamable/features", test_features, &streamable);
  ADD ("/Mcp/Http/legacy/features", test_features, &legacy);
  ADD ("/Mcp/Http/streamable/concurrent-requests", test_concurrent_requests, &streamable);
  ADD ("/Mcp/Http/legacy/concurrent-requests", test_concurrent_requests, &legacy);
  ADD ("/Mcp/Http/streamable/standalone-stream", test_standalone_stream, &streamable);
  ADD ("/Mcp/Http/legacy/standalone-stream", test_standalone_stream, &legacy);
  ADD ("/Mcp/Http/many-sessions", test_many_sessions, NULL);
  ADD ("/Mcp/Http/session-deleted", test_session_deleted, NULL);
  ADD ("/Mcp/Http/session-deleted-mid-call", test_session_deleted_mid_call, NULL);
  ADD ("/Mcp/Http/idle-reaping", test_idle_reaping, NULL);
  ADD ("/Mcp/Http/stream-resumed", test_stream_resumed, NULL);
  ADD ("/Mcp/Http/malformed", test_malformed, NULL);
  ADD ("/Mcp/Http/body-cap", test_body_cap_client, NULL);
  ADD ("/Mcp/Http/session-cap", test_session_cap, NULL);
  ADD ("/Mcp/Http/origin-host", test_origin_host, NULL);
  ADD ("/Mcp/Http/auth-token", test_auth_token, NULL);
  ADD ("/Mcp/Http/slowloris", test_slowloris, NULL);
  ADD ("/Mcp/Http/auto-fallback", test_auto_fallback, NULL);
  ADD ("/Mcp/Http/tls", test_tls, NULL);
  ADD ("/Mcp/Http/request-timeout", test_request_timeout, NULL);
  ADD ("/Mcp/Http/custom-headers", test_custom_headers, NULL);
  ADD ("/Mcp/Http/keep-alive", test_keep_alive, NULL);
  ADD ("/Mcp/Http/gzip", test_gzip, NULL);
  ADD ("/Mcp/Http/refused-is-retryable", test_refused_is_retryable, NULL);
  ADD ("/Mcp/Http/node-id", test_node_id, NULL);
  g_test_add_func ("/Mcp/Http/rogue-server", test_rogue_server);

  return g_test_run ();
}

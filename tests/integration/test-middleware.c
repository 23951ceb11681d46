/* test-middleware.c: the middleware chain of McpServer and its built-in
 * middlewares, over Streamable HTTP on 127.0.0.1: a middleware that
 * answers, one that fails a request, one that alters a result on its way
 * out, their order; a rate limit (429 with Retry-After on a plain JSON
 * answer, -32029 with retryAfter, the next window served); a tool's
 * circuit breaker (opens after N failures, fails fast, half-opens, closes
 * after successes), on both protocol eras; and the same over a stdio pipe,
 * where replies may be written without building them.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

typedef struct
{
  McpServer              *server;
  McpHttpServerTransport *http;
  char                   *url;
  McpClient              *client;
  guint                   flaky_calls;
  gboolean                flaky_fails;
  gboolean                slow_cancelled;
  gboolean                slow_answered;
  guint                   counter_runs;
  GString                *order;
} Fixture;

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_return_text (call, mcp_tool_call_get_string (call, "text", "echo"));
}

static void
tool_flaky (McpServer   *server,
            McpToolCall *call,
            gpointer     user_data)
{
  Fixture *fixture = user_data;

  fixture->flaky_calls++;
  if (fixture->flaky_fails)
    mcp_tool_call_return_error (call, "The weather service is down");
  else
    mcp_tool_call_return_text (call, "sunny");
}

typedef struct
{
  Fixture     *fixture;
  McpToolCall *call;
} Slow;

static void
slow_cancelled (GCancellable *cancellable,
                Fixture      *fixture)
{
  fixture->slow_cancelled = TRUE;
}

/* Answers after 600 ms whatever happened meanwhile, as a handler that does
 * not look at its cancellable would. */
static gboolean
slow_answer (gpointer user_data)
{
  Slow *slow = user_data;

  mcp_tool_call_return_text (slow->call, "late");
  slow->fixture->slow_answered = TRUE;
  g_object_unref (slow->call);
  g_free (slow);
  return G_SOURCE_REMOVE;
}

static void
tool_slow (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  Slow *slow = g_new0 (Slow, 1);

  slow->fixture = user_data;
  slow->call = g_object_ref (call);
  g_signal_connect (mcp_tool_call_get_cancellable (call), "cancelled", G_CALLBACK (slow_cancelled),
                    user_data);
  g_timeout_add (600, slow_answer, slow);
}

static void
tool_counter (McpServer   *server,
              McpToolCall *call,
              gpointer     user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *text = g_strdup_printf ("run %u", ++fixture->counter_runs);

  mcp_tool_call_return_text (call, text);
}

/* Returns the structured content its "mode" asks for. */
static void
tool_weather (McpServer   *server,
              McpToolCall *call,
              gpointer     user_data)
{
  const char *mode = mcp_tool_call_get_string (call, "text", "valid");
  g_autoptr(McpToolResult) result = mcp_tool_result_new ();
  g_autoptr(JsonNode) structured = NULL;

  mcp_tool_result_add_text (result, "the weather");
  if (g_str_equal (mode, "valid"))
    structured = mcp_test_parse ("{\"temp\":21.5}");
  else if (g_str_equal (mode, "invalid"))
    structured = mcp_test_parse ("{\"temp\":\"warm\"}");
  if (structured != NULL)
    mcp_tool_result_set_structured_content (result, structured);
  mcp_tool_call_return_result (call, result);
}

/* Says what trace context it was called with. */
static void
tool_traced (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  McpTraceContext *trace = mcp_request_get_trace_context (mcp_tool_call_get_request (call));
  g_autofree char *text = NULL;

  if (trace == NULL)
    {
      mcp_tool_call_return_text (call, "no trace");
      return;
    }
  text = g_strdup_printf ("%s %s %s %s", mcp_trace_context_get_trace_id (trace),
                          mcp_trace_context_get_parent_id (trace),
                          mcp_trace_context_get_tracestate (trace),
                          mcp_trace_context_get_baggage (trace));
  mcp_tool_call_return_text (call, text);
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(McpToolCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = mcp_request_send_request_finish (MCP_REQUEST (object), result, &error);

  if (reply == NULL)
    mcp_tool_call_return_error (call, error->message);
  else
    mcp_tool_call_return_text (call, json_object_get_string_member (json_node_get_object (reply),
                                                                    "seen"));
}

/* Asks the client (test/ask) and answers with what the client saw. */
static void
tool_traced_ask (McpServer   *server,
                 McpToolCall *call,
                 gpointer     user_data)
{
  mcp_request_send_request_async (mcp_tool_call_get_request (call), "test/ask", NULL, NULL, ask_cb,
                                  g_object_ref (call));
}

/* The client's side of test/ask: answers with the traceparent it got. */
static void
client_handle_ask (McpSession *session,
                   McpRequest *request,
                   gpointer    user_data)
{
  McpTraceContext *trace = mcp_request_get_trace_context (request);
  JsonObject *object = json_object_new ();
  g_autoptr(JsonNode) result = NULL;

  json_object_set_string_member (object, "seen",
                                 trace != NULL ? mcp_trace_context_get_traceparent (trace) : "none");
  result = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  mcp_request_return_result (request, result);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(McpTool) echo = mcp_tool_new ("echo", NULL);
  g_autoptr(McpTool) flaky = mcp_tool_new ("flaky", NULL);
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->order = g_string_new (NULL);
  fixture->server = mcp_server_new ("middleware-test", "1.0");
  mcp_server_add_tool (fixture->server, echo, tool_echo, fixture, NULL);
  mcp_server_add_tool (fixture->server, flaky, tool_flaky, fixture, NULL);
  {
    g_autoptr(McpTool) counter = mcp_tool_new ("counter", NULL);

    mcp_server_add_tool (fixture->server, counter, tool_counter, fixture, NULL);
  }
  {
    g_autoptr(McpTool) slow = mcp_tool_new ("slow", NULL);

    mcp_server_add_tool (fixture->server, slow, tool_slow, fixture, NULL);
  }
  {
    g_autoptr(McpTool) traced = mcp_tool_new ("traced", NULL);
    g_autoptr(McpTool) traced_ask = mcp_tool_new ("traced-ask", NULL);

    mcp_server_add_tool (fixture->server, traced, tool_traced, fixture, NULL);
    mcp_server_add_tool (fixture->server, traced_ask, tool_traced_ask, fixture, NULL);
  }
  {
    g_autoptr(McpTool) weather = mcp_tool_new ("weather", NULL);

    g_assert_true (mcp_tool_set_output_schema_json (weather,
                                                    "{\"type\":\"object\",\"properties\":"
                                                    "{\"temp\":{\"type\":\"number\"}},"
                                                    "\"required\":[\"temp\"]}", NULL));
    mcp_server_add_tool (fixture->server, weather, tool_weather, fixture, NULL);
  }

  fixture->http = mcp_http_server_transport_new ();
  mcp_server_add_server_transport (fixture->server, MCP_SERVER_TRANSPORT (fixture->http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (fixture->http), NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (fixture->http), result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  fixture->url = mcp_http_server_transport_dup_url (fixture->http);

  fixture->client = mcp_client_new ("middleware-client", "1.0");
  if (data != NULL && g_str_equal (data, "stdio"))
    {
      McpTransport *client_end = NULL;
      McpTransport *server_end = NULL;

      /* Stdio streams on a pipe pair, the 2025 era. */
      mcp_test_transport_pair (&client_end, &server_end);
      mcp_server_add_transport (fixture->server, server_end);
      mcp_client_set_requested_protocol_version (fixture->client, "2025-11-25");
      mcp_client_connect_async (fixture->client, client_end, NULL, mcp_test_store_result_cb, &result);
      g_object_unref (server_end);
      g_object_unref (client_end);
    }
  else
    {
      if (data != NULL)
        mcp_client_set_requested_protocol_version (fixture->client, data);
      transport = mcp_http_transport_new (fixture->url);
      mcp_client_connect_async (fixture->client, MCP_TRANSPORT (transport), NULL,
                                mcp_test_store_result_cb, &result);
    }
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_connect_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  mcp_session_set_request_handler (mcp_client_get_session (fixture->client), "test/ask",
                                   client_handle_ask, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) closed = NULL;
  g_autoptr(GAsyncResult) stopped = NULL;

  mcp_client_disconnect_async (fixture->client, NULL, mcp_test_store_result_cb, &closed);
  closed = mcp_test_wait_result (&closed);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (fixture->http), NULL,
                                   mcp_test_store_result_cb, &stopped);
  stopped = mcp_test_wait_result (&stopped);
  mcp_test_spin (20);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->http);
  g_free (fixture->url);
  g_string_free (fixture->order, TRUE);
}

/* Calls @tool; returns the text, or NULL with @error. */
static char *
call (Fixture     *fixture,
      const char  *tool,
      const char  *text,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(JsonNode) arguments = NULL;
  JsonArray *content;

  if (text != NULL)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "text", text);
      arguments = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
    }
  mcp_client_call_tool_async (fixture->client, tool, arguments, NULL, mcp_test_store_result_cb,
                              &result);
  result = mcp_test_wait_result (&result);
  answer = mcp_client_call_tool_finish (fixture->client, result, error);
  if (answer == NULL)
    return NULL;
  content = mcp_tool_result_get_content (answer);
  return g_strdup_printf ("%s%s", mcp_tool_result_get_is_error (answer) ? "error: " : "",
                          json_object_get_string_member (json_array_get_object_element (content, 0),
                                                         "text"));
}

/* The application's middlewares ----------------------------------------------------- */

static gboolean
first_middleware (McpServer        *server,
                  McpServerSession *session,
                  McpRequest       *request,
                  gpointer          user_data)
{
  Fixture *fixture = user_data;

  g_assert_true (MCP_IS_SERVER_SESSION (session));
  if (g_str_equal (mcp_request_get_method (request), "tools/call"))
    g_string_append (fixture->order, "1");
  return TRUE;
}

/* Answers `echo` of "secret" itself, and refuses "forbidden". */
static gboolean
answering_middleware (McpServer        *server,
                      McpServerSession *session,
                      McpRequest       *request,
                      gpointer          user_data)
{
  Fixture *fixture = user_data;
  JsonObject *params = json_node_get_object (mcp_request_get_params (request));
  JsonObject *arguments;
  const char *text;

  if (!g_str_equal (mcp_request_get_method (request), "tools/call"))
    return TRUE;
  g_string_append (fixture->order, "2");
  arguments = json_object_has_member (params, "arguments")
              ? json_object_get_object_member (params, "arguments") : NULL;
  text = arguments != NULL && json_object_has_member (arguments, "text")
         ? json_object_get_string_member (arguments, "text") : NULL;

  if (g_strcmp0 (text, "forbidden") == 0)
    {
      mcp_request_return_error (request, -32001, "Refused by policy", NULL);
      return FALSE;
    }
  if (g_strcmp0 (text, "secret") == 0)
    {
      g_autoptr(JsonNode) result = mcp_test_parse ("{\"content\":[{\"type\":\"text\","
                                                   "\"text\":\"answered by the middleware\"}]}");

      mcp_request_return_result (request, result);
      return FALSE;
    }
  return TRUE;
}

/* Upper-cases every text result on its way out. */
static void
shout (McpRequest *request,
       JsonNode   *reply,
       gpointer    user_data)
{
  JsonObject *result = json_object_get_object_member (json_node_get_object (reply), "result");
  JsonArray *content = result != NULL && json_object_has_member (result, "content")
                       ? json_object_get_array_member (result, "content") : NULL;

  for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
    {
      JsonObject *item = json_array_get_object_element (content, i);
      g_autofree char *upper = g_ascii_strup (json_object_get_string_member (item, "text"), -1);

      json_object_set_string_member (item, "text", upper);
    }
}

static gboolean
wrapping_middleware (McpServer        *server,
                     McpServerSession *session,
                     McpRequest       *request,
                     gpointer          user_data)
{
  Fixture *fixture = user_data;

  if (g_str_equal (mcp_request_get_method (request), "tools/call"))
    {
      g_string_append (fixture->order, "3");
      g_signal_connect (request, "replying", G_CALLBACK (shout), NULL);
    }
  return TRUE;
}

static void
test_chain (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *intercepted = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *after = NULL;
  guint wrapping;

  mcp_server_add_middleware (fixture->server, first_middleware, fixture, NULL);
  mcp_server_add_middleware (fixture->server, answering_middleware, fixture, NULL);
  wrapping = mcp_server_add_middleware (fixture->server, wrapping_middleware, fixture, NULL);

  plain = call (fixture, "echo", "hello", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "HELLO");
  g_assert_cmpstr (fixture->order->str, ==, "123");

  /* Answered by the second: the third never sees it. */
  intercepted = call (fixture, "echo", "secret", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (intercepted, ==, "answered by the middleware");
  g_assert_cmpstr (fixture->order->str, ==, "12312");

  refused = call (fixture, "echo", "forbidden", &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32001);
  g_assert_nonnull (strstr (error->message, "Refused by policy"));
  g_clear_error (&error);

  mcp_server_remove_middleware (fixture->server, wrapping);
  after = call (fixture, "echo", "quiet", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, "quiet");
}

/* Trace context, and the client's middlewares ------------------------------------- */

#define TRACEPARENT "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

/* Adds a trace context to every request the client sends. */
static JsonNode *
add_trace (McpClient  *client,
           const char *method,
           JsonObject *params,
           gpointer    user_data)
{
  g_autoptr(McpTraceContext) trace = mcp_trace_context_parse (TRACEPARENT, "congo=t61rcWkgMzE",
                                                            "userId=alice");
  JsonObject *meta = json_object_has_member (params, "_meta")
                     ? json_object_get_object_member (params, "_meta") : NULL;

  if (meta == NULL)
    {
      meta = json_object_new ();
      json_object_set_object_member (params, "_meta", meta);
    }
  mcp_trace_context_add_to_meta (trace, meta);
  (*(guint *) user_data)++;
  return NULL;
}

/* The trace context a client middleware puts in _meta reaches the
 * handler, and goes on with the request a tool sends the client on behalf
 * of its call (2025 era: there is a channel back). */
static void
test_trace_context (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *untraced = call (fixture, "traced", NULL, &error);
  g_autofree char *traced = NULL;
  guint seen = 0;
  guint id;

  g_assert_no_error (error);
  g_assert_cmpstr (untraced, ==, "no trace");

  id = mcp_client_add_middleware (fixture->client, add_trace, &seen, NULL);
  traced = call (fixture, "traced", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (traced, ==,
                   "4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 congo=t61rcWkgMzE userId=alice");
  g_assert_cmpuint (seen, ==, 1);

  if (g_strcmp0 (data, "2026-07-28") != 0)
    {
      g_autofree char *forwarded = call (fixture, "traced-ask", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (forwarded, ==, TRACEPARENT);
    }

  mcp_client_remove_middleware (fixture->client, id);
  {
    g_autofree char *again = call (fixture, "traced", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, "no trace");
  }
}

/* Answers tools/call of "local" itself, and fails "forbidden". */
static JsonNode *
answer_locally (McpClient  *client,
                const char *method,
                JsonObject *params,
                gpointer    user_data)
{
  const char *name = json_object_get_string_member_with_default (params, "name", "");

  if (g_str_equal (method, "tools/call") && g_str_equal (name, "local"))
    return mcp_test_parse ("{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"from the client\"}]}}");
  if (g_str_equal (method, "tools/call") && g_str_equal (name, "forbidden"))
    return mcp_test_parse ("{\"error\":{\"code\":-32042,\"message\":\"not from here\","
                           "\"data\":{\"why\":\"policy\"}}}");
  return NULL;
}

static void
test_client_middleware (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local = NULL;
  g_autofree char *forbidden = NULL;
  g_autofree char *echo = NULL;

  mcp_client_add_middleware (fixture->client, answer_locally, NULL, NULL);

  local = call (fixture, "local", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (local, ==, "from the client");

  forbidden = call (fixture, "forbidden", NULL, &error);
  g_assert_null (forbidden);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32042);
  g_assert_cmpstr (error->message, ==, "not from here");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mcp_error_get_data (error)),
                                                  "why"), ==, "policy");
  g_clear_error (&error);

  echo = call (fixture, "echo", "through", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (echo, ==, "through");
}

/* Rate limits -------------------------------------------------------------------- */

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(McpRateLimit) limit = mcp_rate_limit_new (4, 2, MCP_RATE_LIMIT_SCOPE_GLOBAL);
  g_autoptr(GError) error = NULL;
  guint served = 0;
  gboolean refused = FALSE;

  mcp_rate_limit_set_tool (limit, "echo");
  mcp_server_add_rate_limit (fixture->server, limit);

  /* Other tools are not counted. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = call (fixture, "flaky", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "sunny");
    }

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = call (fixture, "echo", "x", &error);

      if (text != NULL)
        {
          served++;
          continue;
        }
      g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32029);
      g_assert_nonnull (strstr (error->message, "retry after"));
      g_clear_error (&error);
      refused = TRUE;
    }
  g_assert_cmpuint (served, ==, 2);
  g_assert_true (refused);

  /* The next window is served. */
  mcp_test_spin (600);
  {
    g_autofree char *text = call (fixture, "echo", "again", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "again");
  }
}

/* POSTs a 2026-07-28 tools/call of echo to the fixture's server, from
 * @local_address (127.0.0.1 when NULL), and returns the HTTP status; the
 * body and the Retry-After header go to @text and @retry_after when given. */
static guint
raw_echo_post (Fixture     *fixture,
               const char  *local_address,
               char       **text,
               char       **retry_after)
{
  const char *body =
    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
    "\"arguments\":{\"text\":\"x\"},\"_meta\":{"
    "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":{},"
    "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}}";
  g_autoptr(GInetSocketAddress) local =
    G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string (local_address != NULL ? local_address
                                                                                         : "127.0.0.1",
                                                                  0));
  g_autoptr(SoupSession) soup = soup_session_new_with_options ("local-address", local, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, fixture->url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) request = g_bytes_new_static (body, strlen (body));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (headers, "Accept", "application/json, text/event-stream");
  soup_message_headers_append (headers, "MCP-Protocol-Version", "2026-07-28");
  soup_message_headers_append (headers, "Mcp-Method", "tools/call");
  soup_message_headers_append (headers, "Mcp-Name", "echo");
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  bytes = soup_session_send_and_read_finish (soup, result, &error);
  g_assert_no_error (error);
  if (retry_after != NULL)
    *retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                           "Retry-After"));
  if (text != NULL)
    *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (msg);
}

/* Over plain JSON, the refusal is a 429 with Retry-After. */
static void
test_rate_limit_http_status (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(McpRateLimit) limit = mcp_rate_limit_new (0.1, 1, MCP_RATE_LIMIT_SCOPE_GLOBAL);
  g_autofree char *retry_after = NULL;
  g_autofree char *text = NULL;

  mcp_server_add_rate_limit (fixture->server, limit);

  g_assert_cmpuint (raw_echo_post (fixture, NULL, NULL, NULL), ==, 200);
  g_assert_cmpuint (raw_echo_post (fixture, NULL, &text, &retry_after), ==, 429);
  g_assert_nonnull (retry_after);
  g_assert_cmpuint (g_ascii_strtoull (retry_after, NULL, 10), >=, 1);
  g_assert_cmpuint (g_ascii_strtoull (retry_after, NULL, 10), <=, 10);
  g_assert_nonnull (strstr (text, "-32029"));
  g_assert_nonnull (strstr (text, "retryAfter"));
}

static gboolean
record_address (McpServer        *server,
                McpServerSession *session,
                McpRequest       *request,
                gpointer          user_data)
{
  GPtrArray *addresses = user_data;

  g_ptr_array_add (addresses, g_strdup (mcp_server_session_get_remote_address (session)));
  return TRUE;
}

/* Without an identity, a per-principal limit counts each client address
 * on its own: 127.0.0.2 is served while 127.0.0.1 is over its limit. */
static void
test_rate_limit_per_address (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(McpRateLimit) limit = mcp_rate_limit_new (0.1, 1, MCP_RATE_LIMIT_SCOPE_PRINCIPAL);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);

  mcp_server_add_middleware (fixture->server, record_address, addresses, NULL);
  mcp_server_add_rate_limit (fixture->server, limit);

  g_assert_cmpuint (raw_echo_post (fixture, "127.0.0.1", NULL, NULL), ==, 200);
  g_assert_cmpuint (raw_echo_post (fixture, "127.0.0.1", NULL, NULL), ==, 429);
  g_assert_cmpuint (raw_echo_post (fixture, "127.0.0.2", NULL, NULL), ==, 200);
  g_assert_cmpuint (raw_echo_post (fixture, "127.0.0.2", NULL, NULL), ==, 429);

  g_assert_cmpuint (addresses->len, ==, 4);
  g_assert_cmpstr (addresses->pdata[0], ==, "127.0.0.1");
  g_assert_cmpstr (addresses->pdata[2], ==, "127.0.0.2");
}

/* Circuit breakers ------------------------------------------------------------------ */

/* Member @member of the metrics snapshot of @tool: an integer, or -1. */
static gint64
tool_metric (Fixture    *fixture,
             const char *tool,
             const char *member)
{
  g_autoptr(JsonNode) snapshot = mcp_server_dup_metrics (fixture->server);
  JsonObject *tools = json_object_get_object_member (json_node_get_object (snapshot), "tools");
  JsonObject *object = json_object_get_object_member (tools, tool);

  return object != NULL && json_object_has_member (object, member)
         ? json_object_get_int_member (object, member) : -1;
}

static void
on_state (McpCircuitBreaker *breaker,
          GParamSpec        *pspec,
          GString           *states)
{
  static const char letters[] = { 'C', 'O', 'H' };

  g_string_append_c (states, letters[mcp_circuit_breaker_get_state (breaker)]);
}

static void
test_circuit_breaker (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(McpCircuitBreaker) breaker = mcp_circuit_breaker_new (3, 300, 2);
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  mcp_server_set_metrics_enabled (fixture->server, TRUE);
  g_signal_connect (breaker, "notify::state", G_CALLBACK (on_state), states);
  mcp_server_add_circuit_breaker (fixture->server, "flaky", breaker);

  fixture->flaky_fails = TRUE;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = call (fixture, "flaky", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "error: The weather service is down");
    }
  g_assert_cmpint (mcp_circuit_breaker_get_state (breaker), ==, MCP_CIRCUIT_OPEN);
  g_assert_cmpuint (fixture->flaky_calls, ==, 3);

  /* Open: fails at once, without calling the tool; other tools go on. */
  {
    g_autofree char *text = call (fixture, "flaky", NULL, &error);
    g_autofree char *echo = NULL;

    g_assert_null (text);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "unavailable"));
    g_clear_error (&error);
    g_assert_cmpuint (fixture->flaky_calls, ==, 3);
    echo = call (fixture, "echo", "still here", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (echo, ==, "still here");
  }

  /* Half-open after the timeout: one failure opens it again. */
  mcp_test_spin (350);
  g_assert_cmpint (mcp_circuit_breaker_get_state (breaker), ==, MCP_CIRCUIT_HALF_OPEN);
  {
    g_autofree char *text = call (fixture, "flaky", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fixture->flaky_calls, ==, 4);
  }
  g_assert_cmpint (mcp_circuit_breaker_get_state (breaker), ==, MCP_CIRCUIT_OPEN);

  /* Then two successes on trial close it. */
  mcp_test_spin (350);
  fixture->flaky_fails = FALSE;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = call (fixture, "flaky", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "sunny");
    }
  g_assert_cmpint (mcp_circuit_breaker_get_state (breaker), ==, MCP_CIRCUIT_CLOSED);
  g_assert_cmpstr (states->str, ==, "OHOHC");

  /* The metrics count the one call refused at once, and show the state. */
  g_assert_cmpint (tool_metric (fixture, "flaky", "circuitRejected"), ==, 1);
  {
    g_autoptr(JsonNode) snapshot = mcp_server_dup_metrics (fixture->server);
    JsonObject *flaky = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (snapshot), "tools"), "flaky");
    g_autofree char *text = mcp_server_dup_metrics_text (fixture->server);

    g_assert_cmpstr (json_object_get_string_member (flaky, "circuit"), ==, "closed");
    g_assert_nonnull (strstr (text, "mcp_circuit_breaker_state{tool=\"flaky\",state=\"closed\"} 1\n"));
    g_assert_nonnull (strstr (text, "mcp_circuit_breaker_state{tool=\"flaky\",state=\"open\"} 0\n"));
    g_assert_nonnull (strstr (text, "mcp_circuit_breaker_rejected_total{tool=\"flaky\"} 1\n"));
  }
}

/* Structured output is checked against the tool's output schema before it
 * leaves: a violation becomes a tool error, never invalid output. */
static void
test_structured_output (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *valid = call (fixture, "weather", "valid", &error);
  g_autofree char *invalid = NULL;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (valid, ==, "the weather");

  invalid = call (fixture, "weather", "invalid", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (invalid, "error: Tool weather returned structured content that "
                                            "does not match its output schema"));

  missing = call (fixture, "weather", "none", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (missing, ==, "error: Tool weather has an output schema but returned no "
                                "structured content");
}

/* Past McpServer:request-timeout the client gets -32001 and the handler's
 * cancellable is cancelled; its late answer goes nowhere. */
static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *echo = NULL;

  mcp_server_set_request_timeout (fixture->server, 150);
  text = call (fixture, "slow", NULL, &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32001);
  g_assert_nonnull (strstr (error->message, "timed out"));
  g_assert_true (fixture->slow_cancelled);
  g_clear_error (&error);

  /* The late answer is dropped, and the session goes on. */
  mcp_test_wait_until (fixture->slow_answered);
  echo = call (fixture, "echo", "after", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (echo, ==, "after");
}

static char *
call_json (Fixture    *fixture,
           const char *tool,
           const char *arguments)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) answer = NULL;
  g_autoptr(JsonNode) node = mcp_test_parse (arguments);
  g_autoptr(GError) error = NULL;
  JsonArray *content;

  mcp_client_call_tool_async (fixture->client, tool, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  answer = mcp_client_call_tool_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  content = mcp_tool_result_get_content (answer);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (content, 0), "text"));
}

/* A cached tool runs once for equal arguments within its TTL (members in
 * any order), once more for other arguments or after the TTL; replacing
 * the tool drops its cache. */
static void
test_tool_cache (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;

  mcp_server_set_metrics_enabled (fixture->server, TRUE);
  g_assert_false (mcp_server_set_tool_cache (fixture->server, "no-such-tool", 1000, FALSE));
  g_assert_true (mcp_server_set_tool_cache (fixture->server, "counter", 400, FALSE));

  a = call_json (fixture, "counter", "{\"city\":\"Oslo\",\"units\":\"metric\"}");
  b = call_json (fixture, "counter", "{\"units\":\"metric\",\"city\":\"Oslo\"}");
  g_assert_cmpstr (a, ==, "run 1");
  g_assert_cmpstr (b, ==, "run 1");
  c = call_json (fixture, "counter", "{\"city\":\"Bergen\"}");
  g_assert_cmpstr (c, ==, "run 2");
  g_assert_cmpuint (fixture->counter_runs, ==, 2);

  mcp_test_spin (450);
  d = call_json (fixture, "counter", "{\"city\":\"Oslo\",\"units\":\"metric\"}");
  g_assert_cmpstr (d, ==, "run 3");
  g_assert_cmpint (tool_metric (fixture, "counter", "cacheHits"), ==, 1);
  g_assert_cmpint (tool_metric (fixture, "counter", "cacheMisses"), ==, 3);
  {
    g_autofree char *text = mcp_server_dup_metrics_text (fixture->server);

    g_assert_nonnull (strstr (text, "mcp_tool_cache_lookups_total{tool=\"counter\",result=\"hit\"} 1\n"));
    g_assert_nonnull (strstr (text, "mcp_tool_cache_lookups_total{tool=\"counter\",result=\"miss\"} 3\n"));
  }

  /* A new tool of the same name starts without a cache. */
  {
    g_autoptr(McpTool) counter = mcp_tool_new ("counter", NULL);

    mcp_server_add_tool (fixture->server, counter, tool_counter, fixture, NULL);
  }
  e = call_json (fixture, "counter", "{\"city\":\"Oslo\",\"units\":\"metric\"}");
  f = call_json (fixture, "counter", "{\"city\":\"Oslo\",\"units\":\"metric\"}");
  g_assert_cmpstr (e, ==, "run 4");
  g_assert_cmpstr (f, ==, "run 5");
}

static guint
get_metrics (const char *base,
             const char *token,
             char      **body)
{
  g_autofree char *url = g_strconcat (base, "/metrics", NULL);
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", value);
    }
  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  bytes = soup_session_send_and_read_finish (soup, result, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (msg);
}

/* /metrics: off unless asked for, 404 while the server counts nothing,
 * behind the endpoint's credentials; the JSON snapshot agrees. */
static void
test_metrics_endpoint (void)
{
  g_autoptr(McpServer) server = mcp_server_new ("metrics-test", "1.0");
  g_autoptr(McpHttpServerTransport) http = mcp_http_server_transport_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  g_autofree char *url = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;

  mcp_http_server_transport_set_auth_token (http, "s3cret");
  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (http), result, &error));
  url = mcp_http_server_transport_dup_url (http);
  base = g_strndup (url, strlen (url) - strlen ("/mcp"));

  g_assert_cmpuint (get_metrics (base, "s3cret", NULL), ==, 404);   /* not served */
  g_object_set (http, "serve-metrics", TRUE, NULL);
  g_assert_cmpuint (get_metrics (base, "s3cret", NULL), ==, 404);   /* not counted */
  g_assert_null (mcp_server_dup_metrics (server));
  mcp_server_set_metrics_enabled (server, TRUE);
  g_assert_cmpuint (get_metrics (base, NULL, NULL), ==, 401);
  g_assert_cmpuint (get_metrics (base, "wrong", NULL), ==, 401);
  g_assert_cmpuint (get_metrics (base, "s3cret", &text), ==, 200);
  g_assert_nonnull (strstr (text, "# TYPE mcp_requests_total counter\n"));
  g_assert_nonnull (strstr (text, "mcp_sessions 0\n"));
  /* At least the scrape's own connection is open while the text is made. */
  {
    const char *connections = strstr (text, "mcp_transport_connections{transport=\"http\"} ");

    g_assert_nonnull (connections);
    g_assert_cmpuint (g_ascii_strtoull (strchr (connections, '}') + 2, NULL, 10), >=, 1);
  }

  snapshot = mcp_server_dup_metrics (server);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (snapshot), "sessions"), ==, 0);
  g_assert_true (json_object_has_member (
    json_object_get_object_member (json_object_get_object_member (json_node_get_object (snapshot),
                                                                  "transports"), "http"),
    "connections"));

  g_clear_object (&result);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, mcp_test_store_result_cb,
                                   &result);
  result = mcp_test_wait_result (&result);
  mcp_test_spin (20);
}

/* The access log's records, as the writer saw them: "METHOD TOOL OUTCOME". */
static GPtrArray *access_records;

static GLogWriterOutput
access_writer (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  const char *method = NULL;
  const char *tool = NULL;
  const char *outcome = NULL;
  const char *duration = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MCP_METHOD"))
        method = fields[i].value;
      else if (g_str_equal (fields[i].key, "MCP_TOOL"))
        tool = fields[i].value;
      else if (g_str_equal (fields[i].key, "MCP_OUTCOME"))
        outcome = fields[i].value;
      else if (g_str_equal (fields[i].key, "MCP_DURATION_MS"))
        duration = fields[i].value;
    }

  if (method == NULL || access_records == NULL)
    return g_log_writer_default (level, fields, n_fields, user_data);

  g_assert_cmpint (level & G_LOG_LEVEL_MASK, ==, G_LOG_LEVEL_INFO);
  g_assert_nonnull (duration);
  g_assert_cmpfloat (g_ascii_strtod (duration, NULL), >=, 0);
  g_ptr_array_add (access_records, g_strdup_printf ("%s %s %s", method, tool, outcome));
  return G_LOG_WRITER_HANDLED;
}

static void
test_access_log (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *failed = NULL;

  access_records = g_ptr_array_new_with_free_func (g_free);
  g_object_set (fixture->server, "access-log", TRUE, NULL);
  ok = call (fixture, "echo", "logged", &error);
  g_assert_no_error (error);
  fixture->flaky_fails = TRUE;
  failed = call (fixture, "flaky", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (access_records->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (access_records, 0), ==, "tools/call echo ok");
  g_assert_cmpstr (g_ptr_array_index (access_records, 1), ==, "tools/call flaky tool_error");
  g_clear_pointer (&access_records, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  static const char *eras[] = { "2025-11-25", "2026-07-28", "stdio" };

  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (access_writer, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      g_autofree char *chain = g_strdup_printf ("/Mcp/Middleware/%s/chain", eras[i]);
      g_autofree char *rate = g_strdup_printf ("/Mcp/Middleware/%s/rate-limit", eras[i]);
      g_autofree char *breaker = g_strdup_printf ("/Mcp/Middleware/%s/circuit-breaker", eras[i]);
      g_autofree char *output = g_strdup_printf ("/Mcp/Middleware/%s/structured-output", eras[i]);
      g_autofree char *deadline = g_strdup_printf ("/Mcp/Middleware/%s/deadline", eras[i]);
      g_autofree char *cache = g_strdup_printf ("/Mcp/Middleware/%s/tool-cache", eras[i]);
      g_autofree char *trace = g_strdup_printf ("/Mcp/Middleware/%s/trace-context", eras[i]);
      g_autofree char *client = g_strdup_printf ("/Mcp/Middleware/%s/client-middleware", eras[i]);

      g_test_add (chain, Fixture, eras[i], fixture_set_up, test_chain, fixture_tear_down);
      g_test_add (rate, Fixture, eras[i], fixture_set_up, test_rate_limit, fixture_tear_down);
      g_test_add (breaker, Fixture, eras[i], fixture_set_up, test_circuit_breaker, fixture_tear_down);
      g_test_add (output, Fixture, eras[i], fixture_set_up, test_structured_output, fixture_tear_down);
      g_test_add (deadline, Fixture, eras[i], fixture_set_up, test_deadline, fixture_tear_down);
      g_test_add (cache, Fixture, eras[i], fixture_set_up, test_tool_cache, fixture_tear_down);
      g_test_add (trace, Fixture, eras[i], fixture_set_up, test_trace_context, fixture_tear_down);
      g_test_add (client, Fixture, eras[i], fixture_set_up, test_client_middleware,
                  fixture_tear_down);
    }
  g_test_add ("/Mcp/Middleware/rate-limit/http-status", Fixture, NULL, fixture_set_up,
              test_rate_limit_http_status, fixture_tear_down);
  g_test_add ("/Mcp/Middleware/rate-limit/per-address", Fixture, NULL, fixture_set_up,
              test_rate_limit_per_address, fixture_tear_down);
  g_test_add_func ("/Mcp/Middleware/metrics-endpoint", test_metrics_endpoint);
  g_test_add ("/Mcp/Middleware/access-log", Fixture, "2025-11-25", fixture_set_up, test_access_log,
              fixture_tear_down);

  return g_test_run ();
}

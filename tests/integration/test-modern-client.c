/* test-modern-client.c: McpClient on the 2026-07-28 era
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * McpClient against the mcp-everything-server over stdio, Streamable HTTP
 * and WebSocket: it detects the era without being told, or keeps to the
 * one it is pinned to; input rounds are answered through the application's
 * sampling, elicitation and roots handlers; log levels, subscriptions and
 * resource updates reach the application as signals. A scripted peer on a
 * pipe checks what goes on the wire: the envelope on every request, the
 * echoed requestState, the fallback to initialize on a legacy error or on
 * silence, and the result cache.
 */

#include <string.h>

#include <libsoup/soup.h>
#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

typedef enum {
  KIND_STDIO,
  KIND_HTTP,
  KIND_WEBSOCKET,
} Kind;

typedef struct
{
  Kind        kind;
  const char *requested;   /* NULL: detect */
  const char *expected;    /* the protocol version the client ends up with */
} Case;

typedef struct
{
  GSubprocess  *server;
  McpTransport *transport;
  McpClient    *client;
  guint         n_sampling;
  guint         n_elicitation;
  guint         n_roots;
  guint         n_logs;
  guint         n_updated;
  char         *updated_uri;
} Fixture;

/* Waits for the result and leaves it in *slot, which keeps it. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  *slot = mcp_test_wait_result (slot);
  return *slot;
}

/* Handlers: the same ones a legacy client would set. */

/* The model answers later, from the main loop. */
static gboolean
sample_later_cb (gpointer user_data)
{
  mcp_sampling_request_return_text (user_data, "test-model", "a model's answer");
  return G_SOURCE_REMOVE;
}

static void
on_sampling (McpClient          *client,
             McpSamplingRequest *request,
             gpointer            user_data)
{
  Fixture *f = user_data;

  f->n_sampling++;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, sample_later_cb, g_object_ref (request),
                      g_object_unref);
}

static void
on_elicitation (McpClient             *client,
                McpElicitationRequest *request,
                gpointer               user_data)
{
  Fixture *f = user_data;
  g_autoptr(JsonNode) content = mcp_test_parse ("{\"username\":\"ada\",\"email\":\"ada@example.org\"}");

  f->n_elicitation++;
  mcp_elicitation_request_return_accept (request, content);
}

static void
on_roots (McpClient       *client,
          McpRootsRequest *request,
          gpointer         user_data)
{
  Fixture *f = user_data;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);

  f->n_roots++;
  g_ptr_array_add (roots, mcp_root_new ("file:///srv/project", "Project"));
  mcp_roots_request_return_roots (request, roots);
}

static void
on_log (McpClient       *client,
        McpLoggingLevel  level,
        const char      *logger,
        JsonNode        *data,
        Fixture         *f)
{
  f->n_logs++;
}

static void
on_updated (McpClient  *client,
            const char *uri,
            Fixture    *f)
{
  f->n_updated++;
  g_free (f->updated_uri);
  f->updated_uri = g_strdup (uri);
}

/* The server prints where it listens on stderr. */
static char *
read_url (GSubprocess *server,
          const char  *scheme)
{
  GInputStream *err = g_subprocess_get_stderr_pipe (server);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *line = mcp_test_read_line (err, MCP_TEST_TIMEOUT_MS);
      const char *start = line != NULL ? strstr (line, scheme) : NULL;

      g_assert_nonnull (line);
      if (start != NULL && strstr (line, "listening on") != NULL)
        return g_strndup (start, strcspn (start, " \n"));
    }

  g_error ("mcp-everything-server never said where it listens");
  return NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const Case *c = data;
  g_autofree char *everything = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (c->kind == KIND_STDIO)
    {
      const char *argv[] = { everything, NULL };

      f->transport = MCP_TRANSPORT (mcp_stdio_transport_new_for_command (argv));
    }
  else
    {
      g_autofree char *url = NULL;

      f->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, everything,
                                    c->kind == KIND_HTTP ? "--http" : "--ws", "127.0.0.1:0",
                                    NULL);
      g_assert_no_error (error);
      url = read_url (f->server, c->kind == KIND_HTTP ? "http://" : "ws://");
      if (c->kind == KIND_HTTP)
        f->transport = MCP_TRANSPORT (mcp_http_transport_new (url));
      else
        f->transport = MCP_TRANSPORT (mcp_websocket_transport_new (url));
    }

  f->client = mcp_client_new ("modern-client-test", "1.0");
  mcp_client_set_requested_protocol_version (f->client, c->requested);
  mcp_client_set_sampling_handler (f->client, MCP_SAMPLING_FEATURES_NONE, on_sampling, f, NULL);
  mcp_client_set_elicitation_handler (f->client, MCP_ELICITATION_MODE_FORM, on_elicitation, f, NULL);
  mcp_client_set_roots_handler (f->client, on_roots, f, NULL);
  g_signal_connect (f->client, "log-message", G_CALLBACK (on_log), f);
  g_signal_connect (f->client, "resource-updated", G_CALLBACK (on_updated), f);

  mcp_client_connect_async (f->client, f->transport, NULL, mcp_test_store_result_cb, &result);
  mcp_client_connect_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (f->client, NULL, mcp_test_store_result_cb, &result);
  mcp_client_disconnect_finish (f->client, wait_result (&result), NULL);
  g_clear_object (&result);
  /* The subscription the client kept for resource updates ends, cancelled,
   * from the main loop. */
  mcp_test_spin (100);
  g_assert_finalize_object (f->client);
  g_clear_object (&f->transport);

  if (f->server != NULL)
    {
      g_subprocess_send_signal (f->server, SIGTERM);
      g_subprocess_wait (f->server, NULL, NULL);
      g_clear_object (&f->server);
    }
  g_free (f->updated_uri);
}

static char *
call_text (Fixture    *f,
           const char *name,
           const char *arguments)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? mcp_test_parse (arguments) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;

  mcp_client_call_tool_async (f->client, name, node, NULL, mcp_test_store_result_cb, &result);
  tool_result = mcp_client_call_tool_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  if (mcp_tool_result_get_is_error (tool_result))
    {
      g_autofree char *text = mcp_tool_result_dup_text (tool_result);

      g_error ("%s failed: %s", name, text);
    }
  return mcp_tool_result_dup_text (tool_result);
}

static McpTool *
find_tool (GPtrArray  *tools,
           const char *name)
{
  for (guint i = 0; i < tools->len; i++)
    if (g_str_equal (mcp_tool_get_name (g_ptr_array_index (tools, i)), name))
      return g_ptr_array_index (tools, i);
  return NULL;
}

/* Detection, pinning, the typed calls and the input rounds. */
static void
test_everything (Fixture       *f,
                 gconstpointer  data)
{
  const Case *c = data;
  gboolean modern = g_str_equal (c->expected, "2026-07-28");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GPtrArray) contents = NULL;
  g_autofree char *echo = NULL;
  g_autofree char *elicited = NULL;
  g_autofree char *sampled = NULL;
  g_autofree char *roots = NULL;
  McpTool *rich;
  JsonObject *schema;

  g_assert_cmpstr (mcp_client_get_protocol_version (f->client), ==, c->expected);
  g_assert_cmpstr (mcp_client_get_server_name (f->client), ==, "mcp-everything-server");
  g_assert_true (mcp_client_server_has_capability (f->client, "tools"));

  mcp_client_list_all_tools_async (f->client, NULL, mcp_test_store_result_cb, &result);
  tools = mcp_client_list_all_tools_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The schema as the server sent it: $schema and $defs stay. */
  rich = find_tool (tools, "json_schema_2020_12_tool");
  g_assert_nonnull (rich);
  schema = json_node_get_object (mcp_tool_get_input_schema (rich));
  g_assert_true (json_object_has_member (schema, "$schema"));
  g_assert_true (json_object_has_member (schema, "$defs"));

  echo = call_text (f, "echo", "{\"message\":\"hello\"}");
  g_assert_nonnull (strstr (echo, "hello"));

  /* On the modern era these are input rounds; on the legacy era, requests
   * from the server. Either way the same handlers answer, once each. */
  elicited = call_text (f, "test_elicitation", "{\"message\":\"Who are you?\"}");
  g_assert_nonnull (strstr (elicited, "action=accept"));
  g_assert_nonnull (strstr (elicited, "ada@example.org"));
  g_assert_cmpuint (f->n_elicitation, ==, 1);

  sampled = call_text (f, "test_sampling", "{\"prompt\":\"hi\"}");
  g_assert_cmpstr (sampled, ==, "LLM response: a model's answer");
  g_assert_cmpuint (f->n_sampling, ==, 1);

  roots = call_text (f, "list_roots", NULL);
  g_assert_cmpstr (roots, ==, "Roots: file:///srv/project");
  g_assert_cmpuint (f->n_roots, ==, 1);

  mcp_client_read_resource_async (f->client, "test://static-text", NULL,
                                  mcp_test_store_result_cb, &result);
  contents = mcp_client_read_resource_finish (f->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contents->len, ==, 1);
  g_clear_object (&result);

  /* ping exists on both eras for the application (server/discover on the
   * modern one). */
  mcp_client_ping_async (f->client, NULL, mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_ping_finish (f->client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A level set by the application reaches the server on both eras. */
  mcp_client_set_logging_level_async (f->client, MCP_LOGGING_LEVEL_DEBUG, NULL,
                                      mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_set_logging_level_finish (f->client, wait_result (&result),
                                                      &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_free (call_text (f, "test_tool_with_logging", NULL));
  mcp_test_wait_until (f->n_logs >= 3);

  /* Resource subscriptions: resources/subscribe, or a subscriptions/listen
   * the client keeps open for them. */
  mcp_client_subscribe_resource_async (f->client, "test://watched-resource", NULL,
                                       mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_subscribe_resource_finish (f->client, wait_result (&result),
                                                       &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  if (modern)
    mcp_test_spin (300);   /* the listen's acknowledgement */
  g_free (call_text (f, "notify_resource_updated", NULL));
  mcp_test_wait_until (f->n_updated >= 1);
  g_assert_cmpstr (f->updated_uri, ==, "test://watched-resource");
}

/* Past max-input-rounds a call fails, and says why. */
static void
test_max_rounds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"message\":\"Who are you?\"}");

  mcp_client_set_max_input_rounds (f->client, 0);
  mcp_client_call_tool_async (f->client, "test_elicitation", args, NULL,
                              mcp_test_store_result_cb, &result);
  tool_result = mcp_client_call_tool_finish (f->client, wait_result (&result), &error);
  g_assert_null (tool_result);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "max-input-rounds"));
  g_assert_cmpuint (f->n_elicitation, ==, 0);
}

/* Cancelling a modern call answers at once; the connection stays usable
 * (on HTTP the response is closed, and no notification is posted). */
static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"ms\":15000}");
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autofree char *echo = NULL;
  gint64 start = g_get_monotonic_time ();

  mcp_client_call_tool_async (f->client, "delay", args, cancellable, mcp_test_store_result_cb, &result);
  g_timeout_add (200, cancel_cb, cancellable);
  tool_result = mcp_client_call_tool_finish (f->client, wait_result (&result), &error);
  g_assert_null (tool_result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  echo = call_text (f, "echo", "{\"message\":\"still here\"}");
  g_assert_nonnull (strstr (echo, "still here"));
}

/* An explicit subscription: the acknowledgement, then the update, then a
 * cancel that ends it at once. */
static void
on_acknowledged (McpClient  *client,
                 const char *method,
                 JsonNode   *params,
                 gboolean   *acknowledged)
{
  *acknowledged = TRUE;
}

static void
test_listen (Fixture       *f,
             gconstpointer  data)
{
  const char *uris[] = { "test://watched-resource", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean acknowledged = FALSE;

  g_signal_connect (f->client, "notification::notifications/subscriptions/acknowledged",
                    G_CALLBACK (on_acknowledged), &acknowledged);
  mcp_client_listen_async (f->client, MCP_LISTEN_FLAGS_TOOLS | MCP_LISTEN_FLAGS_RESOURCES, uris,
                           cancellable, mcp_test_store_result_cb, &result);
  mcp_test_wait_flag (&acknowledged, MCP_TEST_TIMEOUT_MS);

  g_free (call_text (f, "notify_resource_updated", NULL));
  mcp_test_wait_until (f->n_updated >= 1);
  g_assert_cmpstr (f->updated_uri, ==, "test://watched-resource");
  g_assert_null (result);

  g_cancellable_cancel (cancellable);
  g_assert_false (mcp_client_listen_finish (f->client, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_signal_handlers_disconnect_by_data (f->client, &acknowledged);
}

/* A scripted peer ------------------------------------------------------------ */

typedef struct
{
  GOutputStream *to;
  GInputStream  *from;
  McpTransport  *transport;
  McpClient     *client;
} Peer;

static void
peer_setup (Peer          *p,
            gconstpointer  data)
{
  p->transport = mcp_test_transport_with_raw_peer (&p->to, &p->from);
  p->client = mcp_client_new ("scripted-test", "2.0");
  mcp_client_set_requested_protocol_version (p->client, NULL);
}

static void
peer_teardown (Peer          *p,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (p->client, NULL, mcp_test_store_result_cb, &result);
  mcp_client_disconnect_finish (p->client, wait_result (&result), NULL);
  g_clear_object (&result);
  g_assert_finalize_object (p->client);
  g_clear_object (&p->transport);
  g_clear_object (&p->to);
  g_clear_object (&p->from);
}

/* A line, or NULL when none comes within @timeout_ms. */
static char *
try_read_line (GInputStream *stream,
               guint         timeout_ms)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      char c;
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream),
                                                           &c, 1, NULL, &error);

      if (n == 1 && c == '\n')
        return g_string_free (g_steal_pointer (&line), FALSE);
      if (n == 1)
        {
          g_string_append_c (line, c);
          continue;
        }
      if (n == 0)
        return NULL;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_assert_cmpuint (line->len, ==, 0);
  return NULL;
}

/* The next message the client sent, parsed; a probe's cancellation (after
 * it timed out) is skipped. */
static JsonObject *
next_request (Peer *p)
{
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *line = mcp_test_read_line (p->from, MCP_TEST_TIMEOUT_MS);
      g_autoptr(JsonNode) node = mcp_test_parse (line);

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      if (g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                 "method", ""),
                     "notifications/cancelled") != 0)
        return json_object_ref (json_node_get_object (node));
    }
  g_error ("The client sent nothing but cancellations");
  return NULL;
}

static void
reply (Peer       *p,
       JsonObject *request,
       const char *result)
{
  g_autofree char *id = json_to_string (json_object_get_member (request, "id"), FALSE);
  g_autofree char *text = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}\n",
                                           id, result);

  mcp_test_write (p->to, text);
}

static void
reply_error (Peer       *p,
             JsonObject *request,
             gint        code)
{
  g_autofree char *id = json_to_string (json_object_get_member (request, "id"), FALSE);
  g_autofree char *text = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":"
                                           "{\"code\":%d,\"message\":\"no\"}}\n", id, code);

  mcp_test_write (p->to, text);
}

static JsonObject *
meta_of (JsonObject *request)
{
  JsonObject *params = json_object_get_object_member (request, "params");

  g_assert_nonnull (params);
  g_assert_true (json_object_has_member (params, "_meta"));
  return json_object_get_object_member (params, "_meta");
}

static void
assert_envelope (JsonObject *request,
                 const char *log_level)
{
  JsonObject *meta = meta_of (request);
  JsonObject *info;

  g_assert_cmpstr (json_object_get_string_member (meta, "io.modelcontextprotocol/protocolVersion"),
                   ==, "2026-07-28");
  g_assert_true (json_object_has_member (meta, "io.modelcontextprotocol/clientCapabilities"));
  info = json_object_get_object_member (meta, "io.modelcontextprotocol/clientInfo");
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "scripted-test");
  g_assert_cmpstr (json_object_get_string_member (info, "version"), ==, "2.0");
  g_assert_cmpstr (json_object_get_string_member_with_default (meta, "io.modelcontextprotocol/logLevel",
                                                               NULL), ==, log_level);
}

static const char discover_result[] =
  "{\"resultType\":\"complete\",\"supportedVersions\":[\"2026-07-28\"],"
  "\"capabilities\":{\"tools\":{},\"resources\":{}},\"instructions\":\"be kind\","
  "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"scripted\",\"version\":\"9\"}}}";

static void
peer_connect_modern (Peer *p)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) discover = NULL;

  mcp_client_connect_async (p->client, p->transport, NULL, mcp_test_store_result_cb, &result);
  discover = next_request (p);
  g_assert_cmpstr (json_object_get_string_member (discover, "method"), ==, "server/discover");
  assert_envelope (discover, NULL);
  reply (p, discover, discover_result);
  g_assert_true (mcp_client_connect_finish (p->client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_client_get_protocol_version (p->client), ==, "2026-07-28");
  g_assert_cmpstr (mcp_client_get_server_name (p->client), ==, "scripted");
  g_assert_cmpstr (mcp_client_get_instructions (p->client), ==, "be kind");
}

/* Answers later, as a dialog would. */
static gboolean
accept_later_cb (gpointer user_data)
{
  McpElicitationRequest *request = user_data;
  g_autoptr(JsonNode) content = mcp_test_parse ("{\"confirmed\":true}");

  mcp_elicitation_request_return_accept (request, content);
  return G_SOURCE_REMOVE;
}

static void
on_peer_elicitation (McpClient             *client,
                     McpElicitationRequest *request,
                     gpointer               user_data)
{
  guint *count = user_data;

  (*count)++;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, accept_later_cb, g_object_ref (request),
                      g_object_unref);
}

/* The envelope on every request, the echoed state, a new id per round, a
 * result without resultType taken as complete. */
static void
test_peer_envelope (Peer          *p,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) retry = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autofree char *text = NULL;
  JsonObject *params;
  JsonObject *responses;
  guint elicited = 0;

  mcp_client_set_elicitation_handler (p->client, MCP_ELICITATION_MODE_FORM, on_peer_elicitation,
                                      &elicited, NULL);
  peer_connect_modern (p);

  /* The capability follows the handler, on every request. */
  mcp_client_list_tools_async (p->client, NULL, NULL, mcp_test_store_result_cb, &result);
  list = next_request (p);
  g_assert_cmpstr (json_object_get_string_member (list, "method"), ==, "tools/list");
  assert_envelope (list, NULL);
  g_assert_true (json_object_has_member (json_object_get_object_member (meta_of (list),
                                                                        "io.modelcontextprotocol/clientCapabilities"),
                                         "elicitation"));
  reply (p, list, "{\"tools\":[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\","
                  "\"properties\":{\"p\":{\"$ref\":\"https://example.invalid/schema.json\"}}}}]}");
  tools = mcp_client_list_tools_finish (p->client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 1);
  g_clear_object (&result);

  mcp_client_set_logging_level_async (p->client, MCP_LOGGING_LEVEL_WARNING, NULL,
                                      mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_set_logging_level_finish (p->client, wait_result (&result),
                                                      &error));
  g_clear_object (&result);
  /* The era has no logging/setLevel: nothing went out. */
  g_assert_null (try_read_line (p->from, 200));

  mcp_client_call_tool_async (p->client, "t", NULL, NULL, mcp_test_store_result_cb, &result);
  first = next_request (p);
  assert_envelope (first, "warning");
  reply (p, first, "{\"resultType\":\"input_required\",\"requestState\":\"opaque-1\","
                   "\"inputRequests\":{\"confirm\":{\"method\":\"elicitation/create\","
                   "\"params\":{\"message\":\"Sure?\",\"requestedSchema\":{\"type\":\"object\","
                   "\"properties\":{\"confirmed\":{\"type\":\"boolean\"}}}}}}}");

  retry = next_request (p);
  assert_envelope (retry, "warning");
  g_assert_false (json_node_equal (json_object_get_member (first, "id"),
                                   json_object_get_member (retry, "id")));
  params = json_object_get_object_member (retry, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "name"), ==, "t");
  g_assert_cmpstr (json_object_get_string_member (params, "requestState"), ==, "opaque-1");
  responses = json_object_get_object_member (params, "inputResponses");
  g_assert_nonnull (responses);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (responses, "confirm"),
                                                  "action"), ==, "accept");
  g_assert_cmpuint (elicited, ==, 1);

  /* No resultType: complete. */
  reply (p, retry, "{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}");
  tool_result = mcp_client_call_tool_finish (p->client, wait_result (&result), &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "done");
}

/* The user takes too long: cancelling the call ends it at once, and the
 * request the handler holds says it was cancelled. */
static void
on_slow_elicitation (McpClient             *client,
                     McpElicitationRequest *request,
                     gpointer               user_data)
{
  McpElicitationRequest **held = user_data;

  *held = g_object_ref (request);
}

static void
test_peer_cancel_input (Peer          *p,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  McpElicitationRequest *held = NULL;

  mcp_client_set_elicitation_handler (p->client, MCP_ELICITATION_MODE_FORM, on_slow_elicitation,
                                      &held, NULL);
  peer_connect_modern (p);

  mcp_client_call_tool_async (p->client, "t", NULL, cancellable, mcp_test_store_result_cb, &result);
  first = next_request (p);
  reply (p, first, "{\"resultType\":\"input_required\",\"inputRequests\":{\"q\":"
                   "{\"method\":\"elicitation/create\",\"params\":{\"message\":\"?\","
                   "\"requestedSchema\":{\"type\":\"object\",\"properties\":{}}}}}}");
  mcp_test_wait_until (held != NULL);
  g_assert_false (mcp_elicitation_request_is_cancelled (held));

  g_cancellable_cancel (cancellable);
  g_assert_null (mcp_client_call_tool_finish (p->client, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (mcp_elicitation_request_is_cancelled (held));

  /* A late answer goes nowhere. */
  mcp_elicitation_request_return_decline (held);
  g_assert_null (try_read_line (p->from, 200));
  g_object_unref (held);
}

/* A server that knows no server/discover is a legacy one. */
static void
test_peer_fallback (Peer          *p,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) discover = NULL;
  g_autoptr(JsonObject) initialize = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) initialized = NULL;
  gboolean silent = GPOINTER_TO_INT (data);

  mcp_client_set_discovery_timeout (p->client, 300);
  mcp_client_connect_async (p->client, p->transport, NULL, mcp_test_store_result_cb, &result);
  discover = next_request (p);
  g_assert_cmpstr (json_object_get_string_member (discover, "method"), ==, "server/discover");
  if (!silent)
    reply_error (p, discover, -32601);

  initialize = next_request (p);
  g_assert_cmpstr (json_object_get_string_member (initialize, "method"), ==, "initialize");
  reply (p, initialize, "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                        "\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}");
  g_assert_true (mcp_client_connect_finish (p->client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (mcp_client_get_protocol_version (p->client), ==, "2025-11-25");
  initialized = next_request (p);
  g_assert_cmpstr (json_object_get_string_member (initialized, "method"), ==,
                   "notifications/initialized");

  /* Legacy requests carry no envelope. */
  mcp_client_list_tools_async (p->client, NULL, NULL, mcp_test_store_result_cb, &result);
  list = next_request (p);
  g_assert_true (!json_object_has_member (list, "params") ||
                 !json_object_has_member (json_object_get_object_member (list, "params"), "_meta"));
  reply (p, list, "{\"tools\":[]}");
  g_ptr_array_unref (mcp_client_list_tools_finish (p->client, wait_result (&result),
                                                   NULL, &error));
  g_assert_no_error (error);
}

/* A modern server that first refuses the version it then takes. */
static void
test_peer_version_retry (Peer          *p,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  mcp_client_connect_async (p->client, p->transport, NULL, mcp_test_store_result_cb, &result);
  first = next_request (p);
  id = json_to_string (json_object_get_member (first, "id"), FALSE);
  text = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32022,"
                          "\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":"
                          "[\"2026-07-28\"],\"requested\":\"2026-07-28\"}}}\n", id);
  mcp_test_write (p->to, text);
  second = next_request (p);
  g_assert_cmpstr (json_object_get_string_member (second, "method"), ==, "server/discover");
  assert_envelope (second, NULL);
  reply (p, second, discover_result);
  g_assert_true (mcp_client_connect_finish (p->client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_client_get_protocol_version (p->client), ==, "2026-07-28");
}

/* With cache-results, a list is answered from the cache for its ttlMs,
 * until a change notification makes it stale. */
static void
test_peer_cache (Peer          *p,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) uncached = NULL;

  mcp_client_set_cache_results (p->client, TRUE);
  peer_connect_modern (p);

  mcp_client_list_tools_async (p->client, NULL, NULL, mcp_test_store_result_cb, &result);
  list = next_request (p);
  reply (p, list, "{\"resultType\":\"complete\",\"ttlMs\":60000,\"cacheScope\":\"public\","
                  "\"tools\":[{\"name\":\"cached\",\"inputSchema\":{\"type\":\"object\"}}]}");
  tools = mcp_client_list_tools_finish (p->client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 1);
  g_clear_pointer (&tools, g_ptr_array_unref);
  g_clear_object (&result);

  /* Served from the cache: nothing on the wire. */
  mcp_client_list_tools_async (p->client, NULL, NULL, mcp_test_store_result_cb, &result);
  tools = mcp_client_list_tools_finish (p->client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 0)), ==, "cached");
  g_assert_null (try_read_line (p->from, 200));
  g_clear_pointer (&tools, g_ptr_array_unref);
  g_clear_object (&result);

  /* A result with ttlMs 0 is not kept. */
  mcp_client_list_prompts_async (p->client, NULL, NULL, mcp_test_store_result_cb, &result);
  uncached = next_request (p);
  reply (p, uncached, "{\"resultType\":\"complete\",\"ttlMs\":0,\"prompts\":[]}");
  g_ptr_array_unref (mcp_client_list_prompts_finish (p->client, wait_result (&result),
                                                     NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&uncached, json_object_unref);
  mcp_client_list_prompts_async (p->client, NULL, NULL, mcp_test_store_result_cb, &result);
  uncached = next_request (p);
  reply (p, uncached, "{\"resultType\":\"complete\",\"ttlMs\":0,\"prompts\":[]}");
  g_ptr_array_unref (mcp_client_list_prompts_finish (p->client, wait_result (&result),
                                                     NULL, &error));
  g_clear_object (&result);

  /* The list changed: asked again. */
  mcp_test_write (p->to, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\","
                         "\"params\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"1\"}}}\n");
  mcp_test_spin (100);
  mcp_client_list_tools_async (p->client, NULL, NULL, mcp_test_store_result_cb, &result);
  again = next_request (p);
  g_assert_cmpstr (json_object_get_string_member (again, "method"), ==, "tools/list");
  reply (p, again, "{\"resultType\":\"complete\",\"ttlMs\":0,\"tools\":[]}");
  tools = mcp_client_list_tools_finish (p->client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 0);
}

/* A scripted Streamable HTTP peer: a tool whose x-mcp-header changed under
 * the client. The call is refused with HeaderMismatch; the client lists
 * the tools again and retries with the new header. */
typedef struct
{
  guint  lists;
  guint  calls;
  char  *zone_header;     /* Mcp-Param-Zone of the last call */
  char  *region_header;   /* Mcp-Param-Region of the last call */
  char  *name_header;
  char  *session_header;
} Scripted;

static void
scripted_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Scripted *sc = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *id = NULL;
  g_autofree char *reply = NULL;
  const char *method;
  guint status = 200;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_server_message_set_status (msg, 405, NULL);
      return;
    }

  request = mcp_test_parse (g_bytes_get_data (bytes, NULL));
  method = json_object_get_string_member (json_node_get_object (request), "method");
  if (json_object_has_member (json_node_get_object (request), "id"))
    id = json_to_string (json_object_get_member (json_node_get_object (request), "id"), FALSE);

  if (g_str_equal (method, "server/discover"))
    reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"resultType\":\"complete\","
                             "\"supportedVersions\":[\"2026-07-28\"],\"capabilities\":{\"tools\":{}}}}", id);
  else if (g_str_equal (method, "tools/list"))
    reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"tools\":[{\"name\":\"where\","
                             "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"place\":"
                             "{\"type\":\"string\",\"x-mcp-header\":\"%s\"}}}},"
                             "{\"name\":\"bad\",\"inputSchema\":{\"type\":\"object\",\"properties\":"
                             "{\"n\":{\"type\":\"number\",\"x-mcp-header\":\"N\"}}}}]}}",
                             id, sc->lists++ == 0 ? "Region" : "Zone");
  else if (g_str_equal (method, "tools/call"))
    {
      sc->calls++;
      g_free (sc->zone_header);
      sc->zone_header = g_strdup (soup_message_headers_get_one (headers, "Mcp-Param-Zone"));
      g_free (sc->region_header);
      sc->region_header = g_strdup (soup_message_headers_get_one (headers, "Mcp-Param-Region"));
      g_free (sc->name_header);
      sc->name_header = g_strdup (soup_message_headers_get_one (headers, "Mcp-Name"));
      g_free (sc->session_header);
      sc->session_header = g_strdup (soup_message_headers_get_one (headers, "Mcp-Session-Id"));
      if (sc->zone_header == NULL)
        {
          status = 400;
          reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32020,"
                                   "\"message\":\"Header mismatch: Mcp-Param-Zone is missing\"}}", id);
        }
      else
        reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{\"content\":"
                                 "[{\"type\":\"text\",\"text\":\"here\"}]}}", id);
    }
  else
    {
      status = 400;
      reply = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"no\"}}");
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, reply, strlen (reply));
}

static void
test_header_mismatch (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(McpClient) client = mcp_client_new ("headers", "1.0");
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"place\":\"Zürich\"}");
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  GSList *uris;
  Scripted sc = { 0 };

  soup_server_add_handler (server, "/mcp", scripted_handler, &sc, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/mcp", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  transport = mcp_http_transport_new (url);
  mcp_client_set_requested_protocol_version (client, NULL);
  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_connect_finish (client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (mcp_client_get_protocol_version (client), ==, "2026-07-28");

  /* The tool with a header on a number is left out. */
  mcp_client_list_all_tools_async (client, NULL, mcp_test_store_result_cb, &result);
  tools = mcp_client_list_all_tools_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 1);
  g_assert_cmpstr (mcp_tool_get_name (g_ptr_array_index (tools, 0)), ==, "where");
  g_clear_object (&result);

  mcp_client_call_tool_async (client, "where", args, NULL, mcp_test_store_result_cb, &result);
  tool_result = mcp_client_call_tool_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "here");
  g_clear_object (&result);

  /* Refused with Region, listed again, accepted with Zone, base64 for the
   * non-ASCII value; no session on either. */
  g_assert_cmpuint (sc.calls, ==, 2);
  g_assert_cmpuint (sc.lists, ==, 2);
  g_assert_null (sc.region_header);
  g_assert_cmpstr (sc.zone_header, ==, "=?base64?WsO8cmljaA==?=");
  g_assert_cmpstr (sc.name_header, ==, "where");
  g_assert_null (sc.session_header);

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  mcp_client_disconnect_finish (client, wait_result (&result), NULL);
  g_clear_object (&result);
  g_free (sc.zone_header);
  g_free (sc.region_header);
  g_free (sc.name_header);
  g_free (sc.session_header);
}

/* An in-process server: list changes reach a listen on the modern era. */
static void
on_tools_changed (McpClient *client,
                  guint     *count)
{
  (*count)++;
}

static void
tool_noop (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_return_text (call, "ok");
}

static void
test_list_changed (void)
{
  g_autoptr(McpServer) server = mcp_server_new ("in-process", "1.0");
  g_autoptr(McpClient) client = mcp_client_new ("listener", "1.0");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpTool) tool = mcp_tool_new ("first", NULL);
  g_autoptr(McpTool) added = mcp_tool_new ("second", NULL);
  McpTransport *server_side;
  McpTransport *client_side;
  gboolean acknowledged = FALSE;
  guint changed = 0;

  mcp_server_add_tool (server, tool, tool_noop, NULL, NULL);
  mcp_test_transport_pair (&server_side, &client_side);
  mcp_server_add_transport (server, server_side);
  mcp_client_set_requested_protocol_version (client, "2026-07-28");
  mcp_client_connect_async (client, client_side, NULL, mcp_test_store_result_cb, &result);
  g_assert_true (mcp_client_connect_finish (client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (mcp_client_get_protocol_version (client), ==, "2026-07-28");

  g_signal_connect (client, "tools-changed", G_CALLBACK (on_tools_changed), &changed);
  g_signal_connect (client, "notification::notifications/subscriptions/acknowledged",
                    G_CALLBACK (on_acknowledged), &acknowledged);
  mcp_client_listen_async (client, MCP_LISTEN_FLAGS_TOOLS, NULL, cancellable,
                           mcp_test_store_result_cb, &result);
  mcp_test_wait_flag (&acknowledged, MCP_TEST_TIMEOUT_MS);

  mcp_server_add_tool (server, added, tool_noop, NULL, NULL);
  mcp_test_wait_until (changed >= 1);

  g_cancellable_cancel (cancellable);
  g_assert_false (mcp_client_listen_finish (client, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  mcp_client_disconnect_finish (client, wait_result (&result), NULL);
  g_object_unref (server_side);
  g_object_unref (client_side);
}

static const Case stdio_auto = { KIND_STDIO, NULL, "2026-07-28" };
static const Case stdio_legacy = { KIND_STDIO, "2025-11-25", "2025-11-25" };
static const Case stdio_modern = { KIND_STDIO, "2026-07-28", "2026-07-28" };
static const Case http_auto = { KIND_HTTP, NULL, "2026-07-28" };
static const Case http_legacy = { KIND_HTTP, "2025-11-25", "2025-11-25" };
static const Case ws_auto = { KIND_WEBSOCKET, NULL, "2026-07-28" };
static const Case ws_legacy = { KIND_WEBSOCKET, "2025-11-25", "2025-11-25" };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Mcp/ModernClient/stdio/detect", Fixture, &stdio_auto,
              fixture_setup, test_everything, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/stdio/pinned-legacy", Fixture, &stdio_legacy,
              fixture_setup, test_everything, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/stdio/pinned-modern", Fixture, &stdio_modern,
              fixture_setup, test_everything, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/stdio/max-input-rounds", Fixture, &stdio_auto,
              fixture_setup, test_max_rounds, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/stdio/listen", Fixture, &stdio_auto,
              fixture_setup, test_listen, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/http/detect", Fixture, &http_auto,
              fixture_setup, test_everything, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/http/pinned-legacy", Fixture, &http_legacy,
              fixture_setup, test_everything, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/http/listen", Fixture, &http_auto,
              fixture_setup, test_listen, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/http/cancel", Fixture, &http_auto,
              fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/stdio/cancel", Fixture, &stdio_auto,
              fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/websocket/detect", Fixture, &ws_auto,
              fixture_setup, test_everything, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/websocket/pinned-legacy", Fixture, &ws_legacy,
              fixture_setup, test_everything, fixture_teardown);
  g_test_add ("/Mcp/ModernClient/peer/envelope", Peer, NULL,
              peer_setup, test_peer_envelope, peer_teardown);
  g_test_add ("/Mcp/ModernClient/peer/cancel-input", Peer, NULL,
              peer_setup, test_peer_cancel_input, peer_teardown);
  g_test_add ("/Mcp/ModernClient/peer/fallback-on-error", Peer, GINT_TO_POINTER (FALSE),
              peer_setup, test_peer_fallback, peer_teardown);
  g_test_add ("/Mcp/ModernClient/peer/fallback-on-silence", Peer, GINT_TO_POINTER (TRUE),
              peer_setup, test_peer_fallback, peer_teardown);
  g_test_add ("/Mcp/ModernClient/peer/version-retry", Peer, NULL,
              peer_setup, test_peer_version_retry, peer_teardown);
  g_test_add ("/Mcp/ModernClient/peer/cache", Peer, NULL,
              peer_setup, test_peer_cache, peer_teardown);
  g_test_add_func ("/Mcp/ModernClient/in-process/list-changed", test_list_changed);
  g_test_add_func ("/Mcp/ModernClient/http/header-mismatch", test_header_mismatch);

  return g_test_run ();
}

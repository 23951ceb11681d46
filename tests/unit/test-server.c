/* test-server.c: McpServer driven by a raw JSON-RPC peer, and by McpClient
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-schema.h"
#include "mcp-test-util.h"
#include "mcp-handler-request-private.h"
#include "mcp-json-writer-private.h"

#define SPEC "2025-11-25"

typedef struct
{
  GOutputStream    *to;
  GInputStream     *from;
  McpTransport     *transport;
  McpServer        *server;
  McpServerSession *session;
} Raw;

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_return_text (call, mcp_tool_call_get_string (call, "message", "(none)"));
}

static void
tool_fail (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_return_error (call, "It did not work");
}

static void
tool_log (McpServer   *server,
          McpToolCall *call,
          gpointer     user_data)
{
  static const McpLoggingLevel levels[] = {
    MCP_LOGGING_LEVEL_DEBUG, MCP_LOGGING_LEVEL_INFO, MCP_LOGGING_LEVEL_WARNING,
    MCP_LOGGING_LEVEL_ERROR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr(JsonNode) data = json_node_init_string (json_node_alloc (),
                                                        mcp_logging_level_to_string (levels[i]));

      mcp_tool_call_log (call, levels[i], "test", data);
    }

  mcp_tool_call_return_text (call, "logged");
}

static McpToolCall *held_call;

static void
tool_hold (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_assert_null (held_call);
  held_call = g_object_ref (call);
}

static void
add_tool (McpServer      *server,
          const char     *name,
          const char     *schema,
          McpToolHandler  handler)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, "A test tool");

  if (schema != NULL)
    g_assert_true (mcp_tool_set_input_schema_json (tool, schema, NULL));
  mcp_server_add_tool (server, tool, handler, NULL, NULL);
}

static void
raw_setup (Raw           *r,
           gconstpointer  data)
{
  r->transport = mcp_test_transport_with_raw_peer (&r->to, &r->from);
  r->server = mcp_server_new ("test-server", "1.2.3");
  add_tool (r->server, "echo",
            "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}", tool_echo);
  add_tool (r->server, "fail", NULL, tool_fail);
  add_tool (r->server, "log", NULL, tool_log);
  add_tool (r->server, "hold", NULL, tool_hold);
  r->session = mcp_server_add_transport (r->server, r->transport);
}

static void
raw_teardown (Raw           *r,
              gconstpointer  data)
{
  g_clear_object (&held_call);
  g_output_stream_close (r->to, NULL, NULL);
  mcp_test_wait_until (!(mcp_server_get_n_sessions (r->server) > 0));
  g_assert_finalize_object (r->server);
  g_clear_object (&r->transport);
  g_clear_object (&r->to);
  g_clear_object (&r->from);
}

static JsonNode *
read_message (Raw *r)
{
  g_autofree char *line = mcp_test_read_line (r->from, MCP_TEST_TIMEOUT_MS);

  g_assert_nonnull (line);
  return mcp_test_parse (line);
}

static JsonNode *
exchange (Raw        *r,
          const char *line)
{
  mcp_test_write (r->to, line);
  mcp_test_write (r->to, "\n");
  return read_message (r);
}

static JsonObject *
result_of (JsonNode *reply)
{
  JsonObject *object = json_node_get_object (reply);

  if (!json_object_has_member (object, "result"))
    {
      g_autofree char *text = mcp_message_to_data (reply, NULL);

      g_error ("Expected a result, got %s", text);
    }

  return json_object_get_object_member (object, "result");
}

static gint64
error_code_of (JsonNode *reply)
{
  JsonObject *object = json_node_get_object (reply);

  g_assert_true (json_object_has_member (object, "error"));
  return json_object_get_int_member (json_object_get_object_member (object, "error"), "code");
}

static void
initialize (Raw        *r,
            const char *version)
{
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                                           "\"params\":{\"protocolVersion\":\"%s\",\"capabilities\":{},"
                                           "\"clientInfo\":{\"name\":\"raw\",\"version\":\"0\"}}}",
                                           version);
  g_autoptr(JsonNode) reply = exchange (r, line);

  result_of (reply);
  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
}

static void
test_versions (Raw           *r,
               gconstpointer  data)
{
  const char *requested = data;
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                                           "\"params\":{\"protocolVersion\":\"%s\",\"capabilities\":{},"
                                           "\"clientInfo\":{\"name\":\"raw\",\"version\":\"0\"}}}",
                                           requested);
  g_autoptr(JsonNode) reply = exchange (r, line);
  JsonObject *result = result_of (reply);
  const char *expected = mcp_protocol_version_is_supported (requested)
                         ? requested : MCP_PROTOCOL_VERSION_LATEST;
  JsonObject *info = json_object_get_object_member (result, "serverInfo");
  JsonObject *capabilities = json_object_get_object_member (result, "capabilities");

  g_assert_cmpstr (json_object_get_string_member (result, "protocolVersion"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "test-server");
  g_assert_cmpstr (json_object_get_string_member (info, "version"), ==, "1.2.3");
  g_assert_true (json_object_has_member (capabilities, "tools"));
  g_assert_true (json_object_has_member (capabilities, "logging"));
  /* Nothing is advertised that is not registered. */
  g_assert_false (json_object_has_member (capabilities, "resources"));
  g_assert_false (json_object_has_member (capabilities, "prompts"));
  g_assert_false (json_object_has_member (capabilities, "completions"));

  if (mcp_protocol_version_is_supported (requested))
    mcp_test_assert_valid (requested, "JSONRPCResponse", reply);

  g_assert_true (mcp_server_session_is_initialized (r->session));
  g_assert_cmpstr (mcp_server_session_get_protocol_version (r->session), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mcp_server_session_get_client_info (r->session)), "name"), ==, "raw");
}

static void
test_before_initialize (Raw           *r,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) list = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
  g_autoptr(JsonNode) call = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}");
  g_autoptr(JsonNode) ping = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
  g_autoptr(JsonNode) twice = NULL;

  g_assert_cmpint (error_code_of (list), ==, -32600);
  g_assert_cmpint (error_code_of (call), ==, -32600);
  g_assert_cmpuint (json_object_get_size (result_of (ping)), ==, 0);

  initialize (r, SPEC);
  twice = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" SPEC "\"}}");
  g_assert_cmpint (error_code_of (twice), ==, -32600);
}

static void
test_bad_initialize (Raw           *r,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) a = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
  g_autoptr(JsonNode) b = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":20251125}}");
  g_autoptr(JsonNode) c = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" SPEC "\",\"capabilities\":[]}}");

  g_assert_cmpint (error_code_of (a), ==, -32602);
  g_assert_cmpint (error_code_of (b), ==, -32602);
  g_assert_cmpint (error_code_of (c), ==, -32602);
  g_assert_false (mcp_server_session_is_initialized (r->session));
}

static void
test_tools_call (Raw           *r,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) ok = NULL;
  g_autoptr(JsonNode) no_args = NULL;
  g_autoptr(JsonNode) failed = NULL;
  JsonObject *result;

  initialize (r, SPEC);

  ok = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}");
  result = result_of (ok);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result, "content"), 0), "text"), ==, "hi");
  g_assert_false (json_object_has_member (result, "isError"));
  mcp_test_assert_valid (SPEC, "JSONRPCResponse", ok);
  mcp_test_assert_valid (SPEC, "CallToolResult", json_object_get_member (json_node_get_object (ok), "result"));

  /* Missing arguments count as {}. */
  no_args = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result_of (no_args), "content"), 0), "text"), ==, "(none)");

  /* A tool's failure is a result, not a JSON-RPC error. */
  failed = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"fail\",\"arguments\":{}}}");
  result = result_of (failed);
  g_assert_true (json_object_get_boolean_member (result, "isError"));
  mcp_test_assert_valid (SPEC, "CallToolResult", json_object_get_member (json_node_get_object (failed), "result"));
}

static void
test_bad_params (Raw           *r,
                 gconstpointer  data)
{
  static const char * const lines[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":42}}",
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":\"message=hi\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":[1]}}",
    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"no-such-tool\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\",\"params\":{\"cursor\":\"not-a-cursor\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"cursor\":42}}",
    "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"verbose\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"logging/setLevel\",\"params\":{}}",
  };

  initialize (r, SPEC);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(JsonNode) reply = exchange (r, lines[i]);

      g_test_message ("%s", lines[i]);
      g_assert_cmpint (error_code_of (reply), ==, -32602);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "id"), ==, i + 1);
      mcp_test_assert_valid (SPEC, "JSONRPCErrorResponse", reply);
    }
}

/* Nested anyOf whose alternatives all fail: 2^6 paths, a few hundred
 * evaluations. Within the default budget it is an ordinary invalid argument;
 * with no budget beyond the 16 per value, the check gives up and the call
 * fails with a JSON-RPC error, the handler never runs and the session goes on. */
static void
test_schema_budget (Raw           *r,
                    gconstpointer  data)
{
  static const char call[] =
    "{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\",\"params\":{\"name\":\"costly\",\"arguments\":{}}}";
  g_autoptr(GString) schema = g_string_new ("{\"type\":\"object\",\"$defs\":{");
  g_autofree char *first = g_strdup_printf (call, 1);
  g_autofree char *second = g_strdup_printf (call, 2);
  g_autoptr(JsonNode) invalid = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) after = NULL;
  guint budget = 0;
  JsonObject *error;

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (schema, "\"a%u\":{\"anyOf\":[{\"$ref\":\"#/$defs/a%u\"},{\"$ref\":\"#/$defs/a%u\"}]},",
                            i, i + 1, i + 1);
  g_string_append (schema, "\"a6\":false},\"$ref\":\"#/$defs/a0\"}");
  add_tool (r->server, "costly", schema->str, tool_echo);

  g_object_get (r->server, "schema-evaluation-budget", &budget, NULL);
  g_assert_cmpuint (budget, ==, MCP_SERVER_DEFAULT_SCHEMA_EVALUATION_BUDGET);

  initialize (r, SPEC);

  invalid = exchange (r, first);
  g_assert_true (json_object_get_boolean_member (result_of (invalid), "isError"));

  mcp_server_set_schema_evaluation_budget (r->server, 0);
  g_assert_cmpuint (mcp_server_get_schema_evaluation_budget (r->server), ==, 0);
  refused = exchange (r, second);
  g_assert_cmpint (error_code_of (refused), ==, -32603);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (refused), "id"), ==, 2);
  error = json_object_get_object_member (json_node_get_object (refused), "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "too costly"));
  mcp_test_assert_valid (SPEC, "JSONRPCErrorResponse", refused);

  after = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"still here\"}}}");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result_of (after), "content"), 0), "text"), ==, "still here");
}

static void
test_pagination (Raw           *r,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;
  guint pages = 0;

  for (guint i = 0; i < 23; i++)
    {
      g_autofree char *name = g_strdup_printf ("extra-%02u", i);

      add_tool (r->server, name, NULL, tool_echo);
    }
  mcp_server_set_page_size (r->server, 5);
  initialize (r, SPEC);

  do
    {
      g_autofree char *line = NULL;
      g_autoptr(JsonNode) reply = NULL;
      JsonObject *result;
      JsonArray *tools;

      if (cursor == NULL)
        line = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
      else
        line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"%s\"}}", cursor);

      reply = exchange (r, line);
      result = result_of (reply);
      mcp_test_assert_valid (SPEC, "ListToolsResult", json_object_get_member (json_node_get_object (reply), "result"));
      tools = json_object_get_array_member (result, "tools");
      g_assert_cmpuint (json_array_get_length (tools), <=, 5);
      for (guint i = 0; i < json_array_get_length (tools); i++)
        g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_array_get_object_element (tools, i), "name")));

      g_clear_pointer (&cursor, g_free);
      if (json_object_has_member (result, "nextCursor"))
        cursor = g_strdup (json_object_get_string_member (result, "nextCursor"));
      pages++;
    }
  while (cursor != NULL && pages < 100);

  g_assert_cmpuint (names->len, ==, 27);
  g_assert_cmpuint (pages, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "echo");
  g_assert_cmpstr (g_ptr_array_index (names, 26), ==, "extra-22");
}

static void
test_logging_level (Raw           *r,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) set = NULL;
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func (g_free);

  initialize (r, SPEC);

  set = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}");
  g_assert_cmpuint (json_object_get_size (result_of (set)), ==, 0);
  g_assert_cmpint (mcp_server_session_get_logging_level (r->session), ==, MCP_LOGGING_LEVEL_WARNING);

  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"log\"}}\n");
  for (;;)
    {
      g_autoptr(JsonNode) message = read_message (r);
      JsonObject *object = json_node_get_object (message);

      if (json_object_has_member (object, "id"))
        {
          result_of (message);
          break;
        }

      mcp_test_assert_valid (SPEC, "JSONRPCNotification", message);
      mcp_test_assert_valid (SPEC, "LoggingMessageNotification", message);
      g_ptr_array_add (levels, g_strdup (json_object_get_string_member (json_object_get_object_member (object, "params"), "level")));
    }

  /* Only warning and error pass a "warning" threshold. */
  g_assert_cmpuint (levels->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (levels, 0), ==, "warning");
  g_assert_cmpstr (g_ptr_array_index (levels, 1), ==, "error");
}

static void
test_cancel_call (Raw           *r,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) ping = NULL;

  initialize (r, SPEC);

  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}\n");
  mcp_test_wait_until (!(held_call == NULL));

  mcp_test_write (r->to, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"slow\",\"reason\":\"test\"}}\n");
  mcp_test_wait_until (!(!mcp_tool_call_is_cancelled (held_call)));

  /* The reply after cancellation is dropped: the next line is the ping's. */
  mcp_tool_call_return_text (held_call, "too late");
  ping = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ping), "id"), ==, "p");
}

static void
test_list_changed (Raw           *r,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) message = NULL;

  initialize (r, SPEC);

  /* Several changes in one go: one notification. */
  add_tool (r->server, "late-1", NULL, tool_echo);
  add_tool (r->server, "late-2", NULL, tool_echo);
  g_assert_true (mcp_server_remove_tool (r->server, "late-1"));
  g_assert_false (mcp_server_remove_tool (r->server, "never-there"));

  message = read_message (r);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (message), "method"), ==,
                   "notifications/tools/list_changed");
  mcp_test_assert_valid (SPEC, "ToolListChangedNotification", message);

  g_clear_pointer (&message, json_node_unref);
  message = exchange (r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (message), "id"), ==, 1);
}

/* McpClient against McpServer over crossed pipes ---------------------------- */

typedef struct
{
  McpTransport *client_transport;
  McpTransport *server_transport;
  McpServer    *server;
  McpClient    *client;
} Pair;

static void
pair_setup (Pair          *p,
            gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_test_transport_pair (&p->client_transport, &p->server_transport);
  p->server = mcp_server_new ("pair-server", "1");
  add_tool (p->server, "echo", NULL, tool_echo);
  add_tool (p->server, "log", NULL, tool_log);
  add_tool (p->server, "hold", NULL, tool_hold);
  mcp_server_add_transport (p->server, p->server_transport);

  p->client = mcp_client_new ("pair-client", "1");
  if (data != NULL)
    mcp_client_set_requested_protocol_version (p->client, data);
  mcp_client_connect_async (p->client, p->client_transport, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_connect_finish (p->client, result, &error));
  g_assert_no_error (error);
}

static void
pair_teardown (Pair          *p,
               gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_clear_object (&held_call);
  mcp_client_disconnect_async (p->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_disconnect_finish (p->client, result, NULL));
  /* The result holds the client as its source object. */
  g_clear_object (&result);
  mcp_test_wait_until (!(mcp_server_get_n_sessions (p->server) > 0));
  g_assert_finalize_object (p->client);
  g_assert_finalize_object (p->server);
  g_clear_object (&p->client_transport);
  g_clear_object (&p->server_transport);
}

static void
test_client_versions (Pair          *p,
                      gconstpointer  data)
{
  g_assert_cmpstr (mcp_client_get_protocol_version (p->client), ==, data);
  g_assert_cmpstr (mcp_client_get_server_name (p->client), ==, "pair-server");
  g_assert_true (mcp_client_server_has_capability (p->client, "tools"));
  g_assert_false (mcp_client_server_has_capability (p->client, "prompts"));
  g_assert_true (mcp_client_is_connected (p->client));
}

static void
test_client_tools (Pair          *p,
                   gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"message\":\"round trip\"}");
  g_autofree char *text = NULL;

  mcp_client_list_all_tools_async (p->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tools = mcp_client_list_all_tools_finish (p->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, 3);
  g_clear_object (&result);

  mcp_client_call_tool_async (p->client, "echo", args, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (p->client, result, &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "round trip");
  g_clear_object (&result);

  mcp_client_call_tool_async (p->client, "missing", NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_null (mcp_client_call_tool_finish (p->client, result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
}

static void
on_log_message (McpClient       *client,
                McpLoggingLevel  level,
                const char      *logger,
                JsonNode        *data,
                gpointer         user_data)
{
  guint *count = user_data;

  g_assert_cmpstr (logger, ==, "test");
  g_assert_cmpint (level, >=, MCP_LOGGING_LEVEL_ERROR);
  (*count)++;
}

static void
test_client_logging (Pair          *p,
                     gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  guint count = 0;

  g_signal_connect (p->client, "log-message", G_CALLBACK (on_log_message), &count);

  mcp_client_set_logging_level_async (p->client, MCP_LOGGING_LEVEL_ERROR, NULL,
                                      mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_set_logging_level_finish (p->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  mcp_client_call_tool_async (p->client, "log", NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_client_call_tool_finish (p->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_client_cancel (Pair          *p,
                    gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  mcp_client_call_tool_async (p->client, "hold", NULL, cancellable, mcp_test_store_result_cb, &slot);
  mcp_test_wait_until (!(held_call == NULL));

  g_cancellable_cancel (cancellable);
  result = mcp_test_wait_result (&slot);
  g_assert_null (mcp_client_call_tool_finish (p->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);

  /* The server side saw the cancellation; the client still works. */
  mcp_test_wait_until (!(!mcp_tool_call_is_cancelled (held_call)));
  mcp_client_ping_async (p->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_ping_finish (p->client, result, NULL));
}

static void
on_tools_changed (McpClient *client,
                  gpointer   user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
on_acknowledged (McpClient  *client,
                 const char *method,
                 JsonNode   *params,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_client_tools_changed (Pair          *p,
                           gconstpointer  data)
{
  guint count = 0;

  g_autoptr(GCancellable) listening = g_cancellable_new ();
  GAsyncResult *slot = NULL;
  gboolean modern = mcp_protocol_version_is_modern (mcp_client_get_protocol_version (p->client));
  guint acknowledged = 0;

  g_signal_connect (p->client, "tools-changed", G_CALLBACK (on_tools_changed), &count);
  /* A legacy session hears of changes unasked; a modern client listens,
   * until it cancels. */
  if (modern)
    {
      g_signal_connect (p->client, "notification::notifications/subscriptions/acknowledged",
                        G_CALLBACK (on_acknowledged), &acknowledged);
      mcp_client_listen_async (p->client, MCP_LISTEN_FLAGS_TOOLS, NULL, listening,
                               mcp_test_store_result_cb, &slot);
      mcp_test_wait_count (&acknowledged, 1, MCP_TEST_TIMEOUT_MS);
    }
  add_tool (p->server, "new-tool", NULL, tool_echo);
  mcp_test_wait_count (&count, 1, MCP_TEST_TIMEOUT_MS);

  if (modern)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_cancellable_cancel (listening);
      result = mcp_test_wait_result (&slot);
      g_assert_false (mcp_client_listen_finish (p->client, result, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

/* The result text stdio replies carry for mcp_tool_call_return_text() and
 * _return_error() is what the McpToolResult of the same text writes. */
static void
test_text_result_text (void)
{
  const char *texts[] = { "", "echo: hi", "quote \" backslash \\ nl \n tab \t",
                          "\x01\x1f control", "caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80", "</script>" };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    for (int is_error = 0; is_error <= 1; is_error++)
      {
        g_autoptr(McpToolResult) result = is_error ? mcp_tool_result_new_error (texts[i])
                                                   : mcp_tool_result_new_text (texts[i]);
        g_autoptr(JsonNode) node = mcp_tool_result_to_json (result);
        g_autofree char *expected = _mcp_json_to_string (node, NULL);
        g_autoptr(GString) text = g_string_new (NULL);

        _mcp_tool_call_write_text_result (text, texts[i], is_error);
        g_assert_cmpstr (text->str, ==, expected);
      }
}

int
main (int   argc,
      char *argv[])
{
  const char * const *versions = mcp_protocol_get_supported_versions ();

  g_test_init (&argc, &argv, NULL);

#define ADD_RAW(path, func, data) \
  g_test_add ("/Mcp/Server/" path, Raw, data, raw_setup, func, raw_teardown)
#define ADD_PAIR(path, func, data) \
  g_test_add ("/Mcp/Server/client/" path, Pair, data, pair_setup, func, pair_teardown)

  for (guint i = 0; versions[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/Server/initialize/%s", versions[i]);
      g_autofree char *client_path = g_strdup_printf ("/Mcp/Server/client/initialize/%s", versions[i]);

      g_test_add (path, Raw, versions[i], raw_setup, test_versions, raw_teardown);
      g_test_add (client_path, Pair, versions[i], pair_setup, test_client_versions, pair_teardown);
    }
  ADD_RAW ("initialize/unsupported", test_versions, "1999-01-01");
  ADD_RAW ("initialize/future", test_versions, "2099-12-31");
  ADD_RAW ("before-initialize", test_before_initialize, NULL);
  ADD_RAW ("bad-initialize", test_bad_initialize, NULL);
  ADD_RAW ("tools-call", test_tools_call, NULL);
  g_test_add_func ("/Mcp/Server/text-result-text", test_text_result_text);
  ADD_RAW ("bad-params", test_bad_params, NULL);
  ADD_RAW ("schema-budget", test_schema_budget, NULL);
  ADD_RAW ("pagination", test_pagination, NULL);
  ADD_RAW ("logging-level", test_logging_level, NULL);
  ADD_RAW ("cancel-call", test_cancel_call, NULL);
  ADD_RAW ("list-changed", test_list_changed, NULL);
  ADD_PAIR ("tools", test_client_tools, NULL);
  ADD_PAIR ("logging", test_client_logging, NULL);
  ADD_PAIR ("cancel", test_client_cancel, NULL);
  ADD_PAIR ("tools-changed", test_client_tools_changed, NULL);
  ADD_PAIR ("legacy/tools-changed", test_client_tools_changed, MCP_PROTOCOL_VERSION_2025_11_25);
  ADD_PAIR ("legacy/logging", test_client_logging, MCP_PROTOCOL_VERSION_2025_11_25);

  return g_test_run ();
}

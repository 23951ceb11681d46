/* test-modern-server.c: McpServer on the 2026-07-28 era, beside 2025-11-25
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A raw JSON-RPC peer drives an in-process McpServer over a stdio
 * transport, and a SoupSession drives it over Streamable HTTP on
 * 127.0.0.1: requests that carry the per-request envelope are served
 * statelessly, beside a legacy session on the same connection or
 * endpoint. What the server writes is checked against the revision's
 * schema.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "mcp-test-schema.h"
#include "mcp-test-util.h"

#define MODERN "2026-07-28"
#define LEGACY "2025-11-25"

/* The server ------------------------------------------------------------------- */

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  mcp_tool_call_return_text (call, mcp_tool_call_get_string (call, "message", "(none)"));
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

/* Asks for a name, then (a second round) for a colour; answers with both. */
typedef struct
{
  McpToolCall *call;
  char        *name;
} Ask;

static JsonNode *
form (const char *field)
{
  g_autofree char *json = g_strdup_printf ("{\"type\":\"object\",\"properties\":{\"%s\":"
                                           "{\"type\":\"string\"}},\"required\":[\"%s\"]}",
                                           field, field);

  return mcp_test_parse (json);
}

static char *
answer_of (GObject      *object,
           GAsyncResult *result,
           const char   *field)
{
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(GError) error = NULL;
  McpElicitationAction action;

  if (!mcp_tool_call_elicit_finish (MCP_TOOL_CALL (object), result, &action, &content, &error))
    return NULL;
  if (action != MCP_ELICITATION_ACTION_ACCEPT || content == NULL)
    return g_strdup ("(declined)");

  return g_strdup (json_object_get_string_member (json_node_get_object (content), field));
}

static void
colour_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Ask *ask = user_data;
  g_autofree char *colour = answer_of (object, result, "colour");

  if (colour != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s likes %s", ask->name, colour);

      mcp_tool_call_return_text (ask->call, text);
    }
  g_object_unref (ask->call);
  g_free (ask->name);
  g_free (ask);
}

static void
name_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Ask *ask = user_data;
  g_autoptr(JsonNode) schema = form ("colour");

  ask->name = answer_of (object, result, "name");
  if (ask->name == NULL)
    {
      /* The request waits for its input round: this run is over. */
      g_object_unref (ask->call);
      g_free (ask);
      return;
    }

  mcp_tool_call_elicit_async (ask->call, "Your favourite colour?", schema, NULL, colour_cb, ask);
}

static void
tool_ask (McpServer   *server,
          McpToolCall *call,
          gpointer     user_data)
{
  Ask *ask = g_new0 (Ask, 1);
  g_autoptr(JsonNode) schema = form ("name");

  ask->call = g_object_ref (call);
  mcp_tool_call_elicit_async (call, "Your name?", schema, NULL, name_cb, ask);
}

static void
sample_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  McpToolCall *call = user_data;
  g_autoptr(JsonNode) reply = mcp_tool_call_create_message_finish (MCP_TOOL_CALL (object), result,
                                                                  NULL);

  if (reply != NULL)
    mcp_tool_call_return_text (call, json_object_get_string_member (json_node_get_object (reply),
                                                                    "model"));
  g_object_unref (call);
}

static void
tool_sample (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  g_autoptr(JsonNode) messages = mcp_test_parse ("[{\"role\":\"user\",\"content\":"
                                                 "{\"type\":\"text\",\"text\":\"hi\"}}]");

  mcp_tool_call_create_message_async (call, messages, NULL, 10, NULL, NULL, sample_cb,
                                      g_object_ref (call));
}

/* Asks who (a key of its own) if the client can elicit, and for the roots
 * (the library's key) if it has roots; answers with what it got. */
typedef struct
{
  McpToolCall *call;
  guint        pending;
  gboolean     waiting;   /* for an input round: this run is over */
  GString     *text;
} Gather;

static void
gather_unref (Gather *gather)
{
  if (--gather->pending > 0)
    return;

  if (!gather->waiting)
    mcp_tool_call_return_text (gather->call, gather->text->str);
  g_string_free (gather->text, TRUE);
  g_object_unref (gather->call);
  g_free (gather);
}

static void
gather_who_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Gather *gather = user_data;
  g_autofree char *who = answer_of (object, result, "name");

  if (who == NULL)
    gather->waiting = TRUE;
  else
    g_string_append_printf (gather->text, " who=%s", who);
  gather_unref (gather);
}

static void
gather_roots_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Gather *gather = user_data;
  g_autoptr(GPtrArray) roots = mcp_tool_call_list_roots_finish (MCP_TOOL_CALL (object), result,
                                                                NULL);

  if (roots == NULL)
    gather->waiting = TRUE;
  else
    g_string_append_printf (gather->text, " roots=%u", roots->len);
  gather_unref (gather);
}

static void
tool_gather (McpServer   *server,
             McpToolCall *call,
             gpointer     user_data)
{
  Gather *gather = g_new0 (Gather, 1);

  gather->call = g_object_ref (call);
  gather->text = g_string_new ("got");
  gather->pending = 1;

  if (mcp_tool_call_client_has_capability (call, "elicitation"))
    {
      g_autoptr(JsonNode) schema = form ("name");

      gather->pending++;
      mcp_tool_call_set_next_input_key (call, "who");
      mcp_tool_call_elicit_async (call, "Who are you?", schema, NULL, gather_who_cb, gather);
    }
  if (mcp_tool_call_client_has_capability (call, "roots"))
    {
      gather->pending++;
      mcp_tool_call_list_roots_async (call, NULL, gather_roots_cb, gather);
    }

  gather_unref (gather);
}

static void
topic_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  McpPromptRequest *request = MCP_PROMPT_REQUEST (object);
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McpElicitationAction action;

  if (!mcp_prompt_request_elicit_finish (request, result, &action, &content, &error))
    return;

  text = g_strdup_printf ("Write about %s",
                          json_object_get_string_member (json_node_get_object (content), "topic"));
  mcp_prompt_request_return_text (request, text);
}

static void
prompt_brief (McpServer        *server,
              McpPromptRequest *request,
              gpointer          user_data)
{
  g_autoptr(JsonNode) schema = form ("topic");

  mcp_prompt_request_set_next_input_key (request, "topic");
  mcp_prompt_request_elicit_async (request, "Which topic?", schema, NULL, topic_cb, NULL);
}

/* A resource that is read only once the client's roots are known. */
static void
read_roots_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McpResourceRead *read = MCP_RESOURCE_READ (object);
  g_autoptr(GPtrArray) roots = mcp_resource_read_list_roots_finish (read, result, NULL);
  g_autofree char *text = NULL;

  if (roots == NULL)
    return;

  text = g_strdup_printf ("%u roots", roots->len);
  mcp_resource_read_return_text (read, "text/plain", text);
}

static void
read_scoped (McpServer       *server,
             McpResourceRead *read,
             gpointer         user_data)
{
  mcp_resource_read_set_next_input_key (read, "roots");
  mcp_resource_read_list_roots_async (read, NULL, read_roots_cb, NULL);
}

static void
add_tool (McpServer      *server,
          const char     *name,
          McpToolHandler  handler)
{
  g_autoptr(McpTool) tool = mcp_tool_new (name, "A test tool");

  mcp_server_add_tool (server, tool, handler, NULL, NULL);
}

static McpServer *
new_server (void)
{
  McpServer *server = mcp_server_new ("modern-test", "2.0");

  add_tool (server, "echo", tool_echo);
  add_tool (server, "log", tool_log);
  add_tool (server, "ask", tool_ask);
  add_tool (server, "sample", tool_sample);
  add_tool (server, "gather", tool_gather);
  {
    g_autoptr(McpTool) tool = mcp_tool_new ("region", "Its region travels in a header");

    g_assert_true (mcp_tool_set_input_schema_json (tool,
                                                   "{\"type\":\"object\",\"properties\":{"
                                                   "\"region\":{\"type\":\"string\","
                                                   "\"x-mcp-header\":\"Region\"},"
                                                   "\"count\":{\"type\":\"integer\","
                                                   "\"x-mcp-header\":\"Count\"}}}",
                                                   NULL));
    mcp_server_add_tool (server, tool, tool_echo, NULL, NULL);
  }
  {
    g_autoptr(McpResource) scoped = mcp_resource_new ("test://scoped", "scoped");

    mcp_server_add_resource (server, scoped, read_scoped, NULL, NULL);
  }
  {
    g_autoptr(McpPrompt) prompt = mcp_prompt_new ("brief", "Asks for its topic");

    mcp_server_add_prompt (server, prompt, prompt_brief, NULL, NULL);
  }
  {
    g_autoptr(McpResource) resource = mcp_resource_new ("test://hello", "hello");

    mcp_server_add_text_resource (server, resource, "Hello");
  }

  return server;
}

/* Over a stdio transport ---------------------------------------------------------- */

typedef struct
{
  GOutputStream *to;
  GInputStream  *from;
  McpTransport  *transport;
  McpServer     *server;
} Raw;

static void
raw_setup (Raw           *r,
           gconstpointer  data)
{
  r->transport = mcp_test_transport_with_raw_peer (&r->to, &r->from);
  r->server = new_server ();
  mcp_server_add_transport (r->server, r->transport);
}

static void
raw_teardown (Raw           *r,
              gconstpointer  data)
{
  g_output_stream_close (r->to, NULL, NULL);
  mcp_test_wait_until (!(mcp_server_get_n_sessions (r->server) > 0));
  g_assert_finalize_object (r->server);
  g_clear_object (&r->transport);
  g_clear_object (&r->to);
  g_clear_object (&r->from);
}

static char *
envelope (const char *capabilities,
          const char *log_level)
{
  return g_strdup_printf ("\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" MODERN "\","
                          "\"io.modelcontextprotocol/clientCapabilities\":%s,"
                          "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}"
                          "%s%s%s}",
                          capabilities, log_level != NULL ? ",\"io.modelcontextprotocol/logLevel\":\"" : "",
                          log_level != NULL ? log_level : "", log_level != NULL ? "\"" : "");
}

static void
raw_send (Raw        *r,
          const char *json)
{
  g_autofree char *line = g_strconcat (json, "\n", NULL);

  mcp_test_write (r->to, line);
}

static JsonNode *
raw_read (Raw *r)
{
  g_autofree char *line = mcp_test_read_line (r->from, MCP_TEST_TIMEOUT_MS);

  g_assert_nonnull (line);
  return mcp_test_parse (line);
}

/* Sends a request and reads until its response, collecting what came first. */
static JsonNode *
raw_call (Raw        *r,
          const char *json,
          GPtrArray  *before)
{
  g_autoptr(JsonNode) request = mcp_test_parse (json);
  JsonNode *id = json_object_get_member (json_node_get_object (request), "id");

  raw_send (r, json);
  for (guint i = 0; i < 100; i++)
    {
      JsonNode *message = raw_read (r);
      JsonObject *object = json_node_get_object (message);

      if (json_object_has_member (object, "id") && !json_object_has_member (object, "method") &&
          json_node_equal (json_object_get_member (object, "id"), id))
        return message;
      if (before != NULL)
        g_ptr_array_add (before, message);
      else
        json_node_unref (message);
    }

  g_assert_not_reached ();
}

static JsonObject *
result_of (JsonNode *response)
{
  JsonObject *object = json_node_get_object (response);

  if (!json_object_has_member (object, "result"))
    g_error ("expected a result: %s", json_to_string (response, FALSE));
  return json_object_get_object_member (object, "result");
}

static gint64
error_code (JsonNode *response)
{
  JsonObject *object = json_node_get_object (response);

  if (!json_object_has_member (object, "error"))
    g_error ("expected an error: %s", json_to_string (response, FALSE));
  return json_object_get_int_member (json_object_get_object_member (object, "error"), "code");
}

static void
assert_result_valid (JsonObject *result,
                     const char *definition)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);

  mcp_test_assert_valid (MODERN, definition, node);
}

static void
test_discover_and_lists (Raw           *r,
                         gconstpointer  data)
{
  g_autofree char *meta = envelope ("{}", NULL);
  g_autofree char *discover = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\","
                                               "\"params\":{%s}}", meta);
  g_autofree char *list = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\","
                                           "\"params\":{%s}}", meta);
  g_autofree char *read = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\","
                                           "\"params\":{\"uri\":\"test://hello\",%s}}", meta);
  g_autoptr(JsonNode) discovered = raw_call (r, discover, NULL);
  g_autoptr(JsonNode) listed = raw_call (r, list, NULL);
  g_autoptr(JsonNode) contents = raw_call (r, read, NULL);
  JsonObject *result = result_of (discovered);
  JsonObject *info;
  JsonArray *tools;

  assert_result_valid (result, "DiscoverResult");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (result,
                                                                                "supportedVersions"),
                                                  0), ==, MODERN);
  info = json_object_get_object_member (json_object_get_object_member (result, "_meta"),
                                        "io.modelcontextprotocol/serverInfo");
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "modern-test");
  g_assert_true (json_object_has_member (json_object_get_object_member (result, "capabilities"),
                                         "tools"));

  result = result_of (listed);
  assert_result_valid (result, "ListToolsResult");
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  g_assert_cmpint (json_object_get_int_member (result, "ttlMs"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "cacheScope"), ==, "public");
  /* In the order they were added, every time. */
  tools = json_object_get_array_member (result, "tools");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, 0), "name"),
                   ==, "echo");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, 3), "name"),
                   ==, "sample");

  result = result_of (contents);
  assert_result_valid (result, "ReadResourceResult");
  g_assert_cmpstr (json_object_get_string_member (result, "cacheScope"), ==, "private");
}

/* The server's default ttlMs, and a resource's own hints over it; what a
 * handler sets in its result wins over both. */
static void
test_cache_hints (Raw           *r,
                  gconstpointer  data)
{
  g_autoptr(McpResource) kept = mcp_resource_new ("test://kept", "kept");
  g_autofree char *meta = envelope ("{}", NULL);
  g_autofree char *list = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\","
                                           "\"params\":{%s}}", meta);
  g_autofree char *read_hello = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,"
                                                 "\"method\":\"resources/read\",\"params\":{"
                                                 "\"uri\":\"test://hello\",%s}}", meta);
  g_autofree char *read_kept = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":3,"
                                                "\"method\":\"resources/read\",\"params\":{"
                                                "\"uri\":\"test://kept\",%s}}", meta);
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) hello = NULL;
  g_autoptr(JsonNode) kept_read = NULL;
  JsonObject *result;
  gint64 ttl_ms;
  McpCacheScope scope;

  g_assert_false (mcp_resource_get_cache_hints (kept, &ttl_ms, &scope));
  mcp_resource_set_cache_hints (kept, 60000, MCP_CACHE_SCOPE_PUBLIC);
  g_assert_true (mcp_resource_get_cache_hints (kept, &ttl_ms, &scope));
  g_assert_cmpint (ttl_ms, ==, 60000);
  g_assert_cmpint (scope, ==, MCP_CACHE_SCOPE_PUBLIC);
  mcp_server_add_text_resource (r->server, kept, "kept text");
  mcp_server_set_cache_ttl (r->server, 5000);
  g_assert_cmpuint (mcp_server_get_cache_ttl (r->server), ==, 5000);

  listed = raw_call (r, list, NULL);
  result = result_of (listed);
  assert_result_valid (result, "ListToolsResult");
  g_assert_cmpint (json_object_get_int_member (result, "ttlMs"), ==, 5000);
  g_assert_cmpstr (json_object_get_string_member (result, "cacheScope"), ==, "public");

  hello = raw_call (r, read_hello, NULL);
  result = result_of (hello);
  g_assert_cmpint (json_object_get_int_member (result, "ttlMs"), ==, 5000);
  g_assert_cmpstr (json_object_get_string_member (result, "cacheScope"), ==, "private");

  kept_read = raw_call (r, read_kept, NULL);
  result = result_of (kept_read);
  assert_result_valid (result, "ReadResourceResult");
  g_assert_cmpint (json_object_get_int_member (result, "ttlMs"), ==, 60000);
  g_assert_cmpstr (json_object_get_string_member (result, "cacheScope"), ==, "public");
}

static void
test_errors (Raw           *r,
             gconstpointer  data)
{
  g_autofree char *meta = envelope ("{}", NULL);
  static const char * const removed[] = {
    "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe",
    "no/such/method",
  };
  g_autofree char *unsupported = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *no_caps = NULL;
  g_autofree char *not_found = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *error_data;

  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    {
      g_autofree char *call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"%s\","
                                               "\"params\":{%s}}", 10 + i, removed[i], meta);
      g_autoptr(JsonNode) answer = raw_call (r, call, NULL);

      g_assert_cmpint (error_code (answer), ==, -32601);
    }

  unsupported = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"tools/list\",\"params\":"
                                 "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1999-01-01\","
                                 "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
  reply = raw_call (r, unsupported, NULL);
  g_assert_cmpint (error_code (reply), ==, -32022);
  mcp_test_assert_valid (MODERN, "UnsupportedProtocolVersionError", reply);
  error_data = json_object_get_object_member (json_object_get_object_member (json_node_get_object (reply),
                                                                             "error"), "data");
  g_assert_cmpstr (json_object_get_string_member (error_data, "requested"), ==, "1999-01-01");
  g_clear_pointer (&reply, json_node_unref);

  /* An envelope without capabilities; server/discover without any. */
  missing = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/list\",\"params\":"
                      "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" MODERN "\"}}}");
  reply = raw_call (r, missing, NULL);
  g_assert_cmpint (error_code (reply), ==, -32602);
  g_clear_pointer (&reply, json_node_unref);
  no_caps = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"server/discover\",\"params\":{}}");
  reply = raw_call (r, no_caps, NULL);
  g_assert_cmpint (error_code (reply), ==, -32602);
  g_clear_pointer (&reply, json_node_unref);

  /* The era renumbered a missing resource. */
  not_found = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":23,\"method\":\"resources/read\","
                               "\"params\":{\"uri\":\"test://nowhere\",%s}}", meta);
  reply = raw_call (r, not_found, NULL);
  g_assert_cmpint (error_code (reply), ==, -32602);
}

static char *
ask_call (guint       id,
          const char *meta,
          const char *extra)
{
  return g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\",\"params\":"
                          "{\"name\":\"ask\",\"arguments\":{},%s%s}}", id, meta, extra);
}

static void
test_input_rounds (Raw           *r,
                   gconstpointer  data)
{
  g_autofree char *meta = envelope ("{\"elicitation\":{}}", NULL);
  g_autofree char *bare = envelope ("{}", NULL);
  g_autofree char *first = ask_call (1, meta, "");
  g_autoptr(JsonNode) round1 = raw_call (r, first, NULL);
  JsonObject *result = result_of (round1);
  JsonObject *asked;
  g_autofree char *state1 = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) round2 = NULL;
  g_autofree char *state2 = NULL;
  g_autofree char *third = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autofree char *foreign = NULL;
  g_autoptr(JsonNode) foreign_reply = NULL;
  g_autofree char *incapable = NULL;
  g_autoptr(JsonNode) missing = NULL;
  JsonObject *error;

  /* Round one: the name. */
  assert_result_valid (result, "InputRequiredResult");
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "input_required");
  g_assert_false (json_object_has_member (result, "ttlMs"));
  asked = json_object_get_object_member (result, "inputRequests");
  g_assert_cmpuint (json_object_get_size (asked), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (asked, "elicitation-1"),
                                                  "method"), ==, "elicitation/create");
  state1 = g_strdup (json_object_get_string_member (result, "requestState"));

  /* Round two: the retry answers the name; the colour is asked. */
  extra = g_strdup_printf (",\"requestState\":\"%s\",\"inputResponses\":{\"elicitation-1\":"
                           "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}},"
                           "\"unasked\":{\"action\":\"decline\"}}", state1);
  second = ask_call (2, meta, extra);
  round2 = raw_call (r, second, NULL);
  result = result_of (round2);
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "input_required");
  asked = json_object_get_object_member (result, "inputRequests");
  g_assert_true (json_object_has_member (asked, "elicitation-2"));
  g_assert_false (json_object_has_member (asked, "elicitation-1"));
  state2 = g_strdup (json_object_get_string_member (result, "requestState"));

  /* Round three: only the colour comes back; the name rides in the state. */
  g_free (extra);
  extra = g_strdup_printf (",\"requestState\":\"%s\",\"inputResponses\":{\"elicitation-2\":"
                           "{\"action\":\"accept\",\"content\":{\"colour\":\"green\"}}}", state2);
  third = ask_call (3, meta, extra);
  done = raw_call (r, third, NULL);
  result = result_of (done);
  assert_result_valid (result, "CallToolResult");
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result, "content"), 0), "text"),
                   ==, "Ada likes green");

  /* A state changed by the client, or one for other arguments. */
  g_free (extra);
  extra = g_strdup_printf (",\"requestState\":\"%.*sx\"", (int) strlen (state2) - 1, state2);
  tampered = ask_call (4, meta, extra);
  refused = raw_call (r, tampered, NULL);
  g_assert_cmpint (error_code (refused), ==, -32602);
  g_free (extra);
  extra = g_strdup_printf (",\"requestState\":\"%s\"", state2);
  foreign = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":"
                             "{\"name\":\"ask\",\"arguments\":{\"other\":1},%s%s}}", meta, extra);
  foreign_reply = raw_call (r, foreign, NULL);
  g_assert_cmpint (error_code (foreign_reply), ==, -32602);

  /* A client that did not declare elicitation for this request. */
  incapable = ask_call (6, bare, "");
  missing = raw_call (r, incapable, NULL);
  g_assert_cmpint (error_code (missing), ==, -32021);
  mcp_test_assert_valid (MODERN, "MissingRequiredClientCapabilityError", missing);
  error = json_object_get_object_member (json_node_get_object (missing), "error");
  g_assert_true (json_object_has_member (json_object_get_object_member (json_object_get_object_member (error, "data"),
                                                                         "requiredCapabilities"),
                                         "elicitation"));
}

/* A handler names its input requests, and asks only for what the client
 * declared for this request. */
static void
test_named_inputs (Raw           *r,
                   gconstpointer  data)
{
  g_autofree char *both = envelope ("{\"elicitation\":{},\"roots\":{}}", NULL);
  g_autofree char *roots_only = envelope ("{\"roots\":{}}", NULL);
  g_autofree char *none = envelope ("{}", NULL);
  g_autofree char *first = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                            "\"params\":{\"name\":\"gather\",%s}}", both);
  g_autoptr(JsonNode) round1 = raw_call (r, first, NULL);
  JsonObject *result = result_of (round1);
  JsonObject *asked = json_object_get_object_member (result, "inputRequests");
  g_autofree char *retry = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autofree char *narrow = NULL;
  g_autoptr(JsonNode) narrow_reply = NULL;
  g_autofree char *bare = NULL;
  g_autoptr(JsonNode) bare_reply = NULL;

  assert_result_valid (result, "InputRequiredResult");
  g_assert_cmpuint (json_object_get_size (asked), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (asked, "who"),
                                                  "method"), ==, "elicitation/create");
  /* The next request is unnamed: the library's own key. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (asked, "roots-1"),
                                                  "method"), ==, "roots/list");

  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                           "{\"name\":\"gather\",%s,\"requestState\":\"%s\",\"inputResponses\":{"
                           "\"who\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}},"
                           "\"roots-1\":{\"roots\":[{\"uri\":\"file:///a\"},{\"uri\":\"file:///b\"}]}}}}",
                           both, json_object_get_string_member (result, "requestState"));
  done = raw_call (r, retry, NULL);
  result = result_of (done);
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result, "content"), 0), "text"),
                   ==, "got who=Ada roots=2");

  /* Without elicitation for this request it asks only for the roots, and
   * is not refused with -32021. */
  narrow = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                            "\"params\":{\"name\":\"gather\",%s}}", roots_only);
  narrow_reply = raw_call (r, narrow, NULL);
  asked = json_object_get_object_member (result_of (narrow_reply), "inputRequests");
  g_assert_cmpuint (json_object_get_size (asked), ==, 1);
  g_assert_true (json_object_has_member (asked, "roots-1"));

  /* With neither, there is nothing to ask. */
  bare = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                          "\"params\":{\"name\":\"gather\",%s}}", none);
  bare_reply = raw_call (r, bare, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result_of (bare_reply), "content"), 0), "text"),
                   ==, "got");
}

/* prompts/get takes input rounds as tools/call does. */
static void
test_prompt_round (Raw           *r,
                   gconstpointer  data)
{
  g_autofree char *meta = envelope ("{\"elicitation\":{}}", NULL);
  g_autofree char *first = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\","
                                            "\"params\":{\"name\":\"brief\",%s}}", meta);
  g_autoptr(JsonNode) round1 = raw_call (r, first, NULL);
  JsonObject *result = result_of (round1);
  JsonObject *asked = json_object_get_object_member (result, "inputRequests");
  g_autofree char *retry = NULL;
  g_autoptr(JsonNode) done = NULL;
  JsonObject *message;

  assert_result_valid (result, "InputRequiredResult");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (asked, "topic"),
                                                  "method"), ==, "elicitation/create");

  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":"
                           "{\"name\":\"brief\",%s,\"requestState\":\"%s\",\"inputResponses\":{"
                           "\"topic\":{\"action\":\"accept\",\"content\":{\"topic\":\"owls\"}}}}}",
                           meta, json_object_get_string_member (result, "requestState"));
  done = raw_call (r, retry, NULL);
  result = result_of (done);
  assert_result_valid (result, "GetPromptResult");
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  message = json_array_get_object_element (json_object_get_array_member (result, "messages"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (message, "content"),
                                                  "text"), ==, "Write about owls");
}

/* And so does resources/read; its final result has the cache hints, the
 * interim one none. */
static void
test_resource_round (Raw           *r,
                     gconstpointer  data)
{
  g_autofree char *meta = envelope ("{\"roots\":{}}", NULL);
  g_autofree char *first = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\","
                                            "\"params\":{\"uri\":\"test://scoped\",%s}}", meta);
  g_autoptr(JsonNode) round1 = raw_call (r, first, NULL);
  JsonObject *result = result_of (round1);
  g_autofree char *retry = NULL;
  g_autoptr(JsonNode) done = NULL;
  JsonObject *contents;

  assert_result_valid (result, "InputRequiredResult");
  g_assert_false (json_object_has_member (result, "ttlMs"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (result, "inputRequests"),
                                                                                 "roots"), "method"),
                   ==, "roots/list");

  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":"
                           "{\"uri\":\"test://scoped\",%s,\"requestState\":\"%s\",\"inputResponses\":{"
                           "\"roots\":{\"roots\":[{\"uri\":\"file:///a\"}]}}}}",
                           meta, json_object_get_string_member (result, "requestState"));
  done = raw_call (r, retry, NULL);
  result = result_of (done);
  assert_result_valid (result, "ReadResourceResult");
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  g_assert_true (json_object_has_member (result, "ttlMs"));
  contents = json_array_get_object_element (json_object_get_array_member (result, "contents"), 0);
  g_assert_cmpstr (json_object_get_string_member (contents, "text"), ==, "1 roots");
}

static void
test_sampling_round (Raw           *r,
                     gconstpointer  data)
{
  g_autofree char *meta = envelope ("{\"sampling\":{}}", NULL);
  g_autofree char *call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                           "\"params\":{\"name\":\"sample\",%s}}", meta);
  g_autoptr(JsonNode) round1 = raw_call (r, call, NULL);
  JsonObject *result = result_of (round1);
  JsonObject *asked = json_object_get_object_member (result, "inputRequests");
  g_autofree char *retry = NULL;
  g_autoptr(JsonNode) done = NULL;

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (asked, "sampling-1"),
                                                  "method"), ==, "sampling/createMessage");
  retry = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                           "{\"name\":\"sample\",%s,\"requestState\":\"%s\",\"inputResponses\":"
                           "{\"sampling-1\":{\"role\":\"assistant\",\"model\":\"test-model\","
                           "\"content\":{\"type\":\"text\",\"text\":\"hello\"}}}}}",
                           meta, json_object_get_string_member (result, "requestState"));
  done = raw_call (r, retry, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result_of (done), "content"), 0), "text"),
                   ==, "test-model");
}

static guint
count_logs (GPtrArray *messages)
{
  guint n = 0;

  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (messages, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "method", ""),
                     "notifications/message") == 0)
        n++;
    }

  return n;
}

static void
test_log_level (Raw           *r,
                gconstpointer  data)
{
  g_autofree char *silent = envelope ("{}", NULL);
  g_autofree char *warning = envelope ("{}", "warning");
  g_autofree char *call1 = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                            "\"params\":{\"name\":\"log\",%s}}", silent);
  g_autofree char *call2 = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                                            "\"params\":{\"name\":\"log\",%s}}", warning);
  g_autoptr(GPtrArray) before1 = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) before2 = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(JsonNode) reply1 = raw_call (r, call1, before1);
  g_autoptr(JsonNode) reply2 = raw_call (r, call2, before2);

  /* None without a level; warning and error with "warning". */
  g_assert_cmpuint (count_logs (before1), ==, 0);
  g_assert_cmpuint (count_logs (before2), ==, 2);
}

static void
test_subscriptions (Raw           *r,
                    gconstpointer  data)
{
  g_autofree char *meta = envelope ("{}", NULL);
  g_autofree char *listen = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"sub\",\"method\":"
                                             "\"subscriptions/listen\",\"params\":{%s,\"notifications\":"
                                             "{\"toolsListChanged\":true,\"resourceSubscriptions\":"
                                             "[\"test://hello\"]}}}", meta);
  g_autofree char *cancel = g_strdup ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                                      "\"params\":{\"requestId\":\"sub\"}}");
  g_autofree char *list = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\","
                                           "\"params\":{%s}}", meta);
  g_autoptr(JsonNode) ack = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonNode) updated = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(McpTool) tool = mcp_tool_new ("late", "Added later");
  g_autoptr(McpTool) later = mcp_tool_new ("later", "Added after the cancel");
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonObject *params;

  raw_send (r, listen);
  ack = raw_read (r);
  mcp_test_assert_valid (MODERN, "SubscriptionsAcknowledgedNotification", ack);
  params = json_object_get_object_member (json_node_get_object (ack), "params");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (params, "_meta"),
                                                  "io.modelcontextprotocol/subscriptionId"), ==, "sub");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (params, "notifications"),
                                                 "toolsListChanged"));

  mcp_server_add_tool (r->server, tool, tool_echo, NULL, NULL);
  changed = raw_read (r);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (changed), "method"), ==,
                   "notifications/tools/list_changed");
  params = json_object_get_object_member (json_node_get_object (changed), "params");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (params, "_meta"),
                                                  "io.modelcontextprotocol/subscriptionId"), ==, "sub");

  mcp_server_notify_resource_updated (r->server, "test://hello");
  updated = raw_read (r);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (updated), "method"), ==,
                   "notifications/resources/updated");

  /* Cancelled: nothing more for it. */
  raw_send (r, cancel);
  mcp_test_spin (50);
  mcp_server_add_tool (r->server, later, tool_echo, NULL, NULL);
  mcp_test_spin (50);
  listed = raw_call (r, list, before);
  g_assert_cmpuint (before->len, ==, 0);
}

/* A legacy session on the same connection keeps its own state; modern
 * requests see none of it. */
static void
test_beside_legacy (Raw           *r,
                    gconstpointer  data)
{
  g_autofree char *meta = envelope ("{}", NULL);
  g_autoptr(JsonNode) initialized = NULL;
  g_autoptr(JsonNode) level = NULL;
  g_autoptr(JsonNode) legacy_list = NULL;
  g_autoptr(JsonNode) modern_log = NULL;
  g_autoptr(JsonNode) legacy_log = NULL;
  g_autoptr(GPtrArray) modern_before = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) legacy_before = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *modern_call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                                                  "\"params\":{\"name\":\"log\",%s}}", meta);
  JsonObject *result;

  initialized = raw_call (r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                             "{\"protocolVersion\":\"" LEGACY "\",\"capabilities\":{},"
                             "\"clientInfo\":{\"name\":\"legacy\",\"version\":\"1\"}}}", NULL);
  result = result_of (initialized);
  g_assert_cmpstr (json_object_get_string_member (result, "protocolVersion"), ==, LEGACY);
  g_assert_false (json_object_has_member (result, "resultType"));
  raw_send (r, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  level = raw_call (r, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\","
                       "\"params\":{\"level\":\"debug\"}}", NULL);
  (void) result_of (level);

  legacy_list = raw_call (r, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", NULL);
  g_assert_false (json_object_has_member (result_of (legacy_list), "resultType"));
  g_assert_false (json_object_has_member (result_of (legacy_list), "ttlMs"));

  /* The session's level does not reach a modern request... */
  modern_log = raw_call (r, modern_call, modern_before);
  g_assert_cmpuint (count_logs (modern_before), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (modern_log), "resultType"), ==, "complete");

  /* ...and the session still has it. */
  legacy_log = raw_call (r, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                            "\"params\":{\"name\":\"log\"}}", legacy_before);
  g_assert_cmpuint (count_logs (legacy_before), ==, 4);
  g_assert_false (json_object_has_member (result_of (legacy_log), "resultType"));
}

/* Two replicas that share the requestState secret: either takes the retry
 * of a request the other began; a replica with another key refuses it. */
static void
test_shared_secret (void)
{
  static const char secret[] = "0123456789abcdef0123456789abcdef-shared";
  g_autoptr(GBytes) bytes = g_bytes_new_static (secret, sizeof secret - 1);
  Raw one = { 0 }, two = { 0 }, other = { 0 };
  g_autofree char *meta = envelope ("{\"elicitation\":{}}", NULL);
  g_autofree char *first = ask_call (1, meta, "");
  g_autoptr(JsonNode) round1 = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *retry = NULL;
  g_autoptr(JsonNode) round2 = NULL;
  g_autoptr(JsonNode) refused = NULL;

  raw_setup (&one, NULL);
  raw_setup (&two, NULL);
  raw_setup (&other, NULL);
  mcp_server_set_request_state_secret (one.server, bytes);
  mcp_server_set_request_state_secret (two.server, bytes);
  g_assert_cmpuint (mcp_server_get_request_state_lifetime (one.server), ==, 600);
  g_assert_cmpuint (mcp_server_get_max_subscriptions (one.server), ==, 1024);

  round1 = raw_call (&one, first, NULL);
  extra = g_strdup_printf (",\"requestState\":\"%s\",\"inputResponses\":{\"elicitation-1\":"
                           "{\"action\":\"accept\",\"content\":{\"name\":\"Grace\"}}}",
                           json_object_get_string_member (result_of (round1), "requestState"));
  retry = ask_call (2, meta, extra);
  round2 = raw_call (&two, retry, NULL);
  g_assert_cmpstr (json_object_get_string_member (result_of (round2), "resultType"), ==,
                   "input_required");
  g_assert_true (json_object_has_member (json_object_get_object_member (result_of (round2),
                                                                        "inputRequests"),
                                         "elicitation-2"));
  refused = raw_call (&other, retry, NULL);
  g_assert_cmpint (error_code (refused), ==, -32602);

  raw_teardown (&one, NULL);
  raw_teardown (&two, NULL);
  raw_teardown (&other, NULL);
}

/* Over Streamable HTTP -------------------------------------------------------------- */

typedef struct
{
  McpServer              *server;
  McpHttpServerTransport *http;
  SoupSession            *soup;
  char                   *url;
} Http;

static void
http_setup (Http          *h,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  h->server = new_server ();
  h->http = mcp_http_server_transport_new ();
  mcp_server_add_server_transport (h->server, MCP_SERVER_TRANSPORT (h->http));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (h->http), NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (h->http), result, &error));
  h->url = mcp_http_server_transport_dup_url (h->http);
  h->soup = soup_session_new ();
}

static void
http_teardown (Http          *h,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_clear_object (&h->soup);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (h->http), NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (h->http), result, NULL));
  g_clear_object (&result);
  mcp_test_spin (20);
  g_clear_object (&h->server);
  g_assert_finalize_object (h->http);
  g_free (h->url);
}

typedef struct
{
  guint     status;
  char     *session_id;
  JsonNode *body;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_free (reply->session_id);
  g_clear_pointer (&reply->body, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static SoupMessage *
new_post (Http       *h,
          const char *body,
          const char *version,
          const char *method,
          const char *name)
{
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST, h->url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  soup_message_headers_append (headers, "Accept", "application/json, text/event-stream");
  if (version != NULL)
    soup_message_headers_append (headers, "MCP-Protocol-Version", version);
  if (method != NULL)
    soup_message_headers_append (headers, "Mcp-Method", method);
  if (name != NULL)
    soup_message_headers_append (headers, "Mcp-Name", name);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);

  return msg;
}

static void http_send (Http        *h,
                       SoupMessage *msg,
                       Reply       *reply);

/* A POST whose answer is one JSON body (or an SSE stream, read whole). */
static void
http_post (Http       *h,
           const char *body,
           const char *version,
           const char *method,
           const char *name,
           const char *session_id,
           Reply      *reply)
{
  g_autoptr(SoupMessage) msg = new_post (h, body, version, method, name);

  if (session_id != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg), "Mcp-Session-Id",
                                 session_id);
  http_send (h, msg, reply);
}

static void
http_send (Http        *h,
           SoupMessage *msg,
           Reply       *reply)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;
  g_autofree char *text = NULL;

  soup_session_send_and_read_async (h->soup, msg, G_PRIORITY_DEFAULT, NULL,
                                    mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  bytes = soup_session_send_and_read_finish (h->soup, result, &error);
  g_assert_no_error (error);

  reply->status = soup_message_get_status (msg);
  reply->session_id = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "Mcp-Session-Id"));
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  text = g_strndup (g_bytes_get_size (bytes) > 0 ? g_bytes_get_data (bytes, NULL) : "",
                    g_bytes_get_size (bytes));
  if (g_strcmp0 (type, "text/event-stream") == 0)
    {
      /* The last data line is the response. */
      char *last = g_strrstr (text, "data: ");

      g_assert_nonnull (last);
      last += strlen ("data: ");
      *strchr (last, '\n') = '\0';
      reply->body = mcp_test_parse (last);
    }
  else if (text[0] != '\0')
    reply->body = mcp_test_parse (text);
}

static void
test_http_modern (Http          *h,
                  gconstpointer  data)
{
  g_autofree char *meta = envelope ("{}", NULL);
  g_autofree char *call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                           "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":"
                                           "\"hi\"},%s}}", meta);
  g_autofree char *odd = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such\","
                                          "\"params\":{%s}}", meta);
  g_autofree char *old = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":"
                                   "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1999-01-01\","
                                   "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
  g_autofree char *bare = g_strdup ("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"server/discover\","
                                    "\"params\":{}}");
  g_auto(Reply) ok = { 0 };
  g_auto(Reply) wrong_name = { 0 };
  g_auto(Reply) no_name = { 0 };
  g_auto(Reply) wrong_method = { 0 };
  g_auto(Reply) wrong_version = { 0 };
  g_auto(Reply) unknown = { 0 };
  g_auto(Reply) unsupported = { 0 };
  g_auto(Reply) malformed = { 0 };
  g_auto(Reply) encoded = { 0 };

  http_post (h, call, MODERN, "tools/call", "echo", NULL, &ok);
  g_assert_cmpuint (ok.status, ==, 200);
  g_assert_null (ok.session_id);
  g_assert_cmpstr (json_object_get_string_member (result_of (ok.body), "resultType"), ==, "complete");
  /* The request's peer is gone with its response. */
  mcp_test_wait_until (mcp_http_server_transport_get_n_sessions (h->http) == 0);

  /* The mirrored headers must match the body. */
  http_post (h, call, MODERN, "tools/call", "other", NULL, &wrong_name);
  g_assert_cmpuint (wrong_name.status, ==, 400);
  g_assert_cmpint (error_code (wrong_name.body), ==, -32020);
  http_post (h, call, MODERN, "tools/call", NULL, NULL, &no_name);
  g_assert_cmpint (error_code (no_name.body), ==, -32020);
  http_post (h, call, MODERN, "tools/list", "echo", NULL, &wrong_method);
  g_assert_cmpint (error_code (wrong_method.body), ==, -32020);
  http_post (h, call, "1999-01-01", "tools/call", "echo", NULL, &wrong_version);
  g_assert_cmpuint (wrong_version.status, ==, 400);
  g_assert_cmpint (error_code (wrong_version.body), ==, -32020);
  /* The sentinel form of a name decodes before the comparison. */
  http_post (h, call, MODERN, "tools/call", "=?base64?ZWNobw==?=", NULL, &encoded);
  g_assert_cmpuint (encoded.status, ==, 200);

  http_post (h, odd, MODERN, "no/such", NULL, NULL, &unknown);
  g_assert_cmpuint (unknown.status, ==, 404);
  g_assert_cmpint (error_code (unknown.body), ==, -32601);
  http_post (h, old, "1999-01-01", "tools/list", NULL, NULL, &unsupported);
  g_assert_cmpuint (unsupported.status, ==, 400);
  g_assert_cmpint (error_code (unsupported.body), ==, -32022);
  http_post (h, bare, MODERN, "server/discover", NULL, NULL, &malformed);
  g_assert_cmpuint (malformed.status, ==, 400);
  g_assert_cmpint (error_code (malformed.body), ==, -32602);

  mcp_test_wait_until (mcp_http_server_transport_get_n_sessions (h->http) == 0);
}

/* A tools/call of @arguments with Mcp-Param headers ("Name: value" each). */
static void
region_post (Http              *h,
             const char        *arguments,
             const char *const *headers,
             Reply             *reply)
{
  g_autofree char *meta = envelope ("{}", NULL);
  g_autofree char *call = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                           "\"params\":{\"name\":\"region\",\"arguments\":%s,%s}}",
                                           arguments, meta);
  g_autoptr(SoupMessage) msg = new_post (h, call, MODERN, "tools/call", "region");

  for (guint i = 0; headers[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (headers[i], ": ", 2);

      soup_message_headers_append (soup_message_get_request_headers (msg), parts[0], parts[1]);
    }
  http_send (h, msg, reply);
}

/* The x-mcp-header parameters of a tool must come with matching
 * Mcp-Param headers (SEP-2243); the server knows which, the listener
 * checks them. */
static void
test_http_param_headers (Http          *h,
                         gconstpointer  data)
{
  static const struct {
    const char *arguments;
    const char *headers[3];
    guint       status;
  } cases[] = {
    { "{\"region\":\"eu\",\"count\":3}", { "Mcp-Param-Region: eu", "Mcp-Param-Count: 3", NULL }, 200 },
    /* Names without regard to case; values in the base64 sentinel. */
    { "{\"region\":\"eu\"}", { "mcp-param-region: =?base64?ZXU=?=", NULL }, 200 },
    /* An absent parameter needs no header; a literal stays literal. */
    { "{\"region\":\"ZXU=\"}", { "Mcp-Param-Region: ZXU=", NULL }, 200 },
    { "{}", { NULL }, 200 },
    { "{\"region\":\"eu\"}", { NULL }, 400 },
    { "{\"region\":\"eu\"}", { "Mcp-Param-Region: us", NULL }, 400 },
    { "{\"region\":\"eu\",\"count\":3}", { "Mcp-Param-Region: eu", "Mcp-Param-Count: 4", NULL }, 400 },
    { "{\"region\":\"eu\"}", { "Mcp-Param-Region: =?base64?ZXU?=", NULL }, 400 },
    { "{\"region\":\"eu\"}", { "Mcp-Param-Region: =?base64?Z!U=?=", NULL }, 400 },
    { "{}", { "Mcp-Param-Region: eu", NULL }, 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Reply) reply = { 0 };

      region_post (h, cases[i].arguments, cases[i].headers, &reply);
      g_test_message ("case %u: %s → %u", i, cases[i].arguments, reply.status);
      g_assert_cmpuint (reply.status, ==, cases[i].status);
      if (cases[i].status == 400)
        g_assert_cmpint (error_code (reply.body), ==, -32020);
      else
        g_assert_cmpstr (json_object_get_string_member (result_of (reply.body), "resultType"), ==,
                         "complete");
    }
}

/* One endpoint, a legacy session and modern requests at once: neither sees
 * the other's state. */
static void
test_http_beside_legacy (Http          *h,
                         gconstpointer  data)
{
  g_autofree char *meta = envelope ("{\"elicitation\":{}}", NULL);
  g_autofree char *ask = ask_call (7, meta, "");
  g_auto(Reply) initialized = { 0 };
  g_auto(Reply) notified = { 0 };
  g_auto(Reply) round = { 0 };
  g_auto(Reply) legacy_list = { 0 };
  g_auto(Reply) stray = { 0 };

  http_post (h, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                "{\"protocolVersion\":\"" LEGACY "\",\"capabilities\":{},"
                "\"clientInfo\":{\"name\":\"legacy\",\"version\":\"1\"}}}",
             NULL, NULL, NULL, NULL, &initialized);
  g_assert_cmpuint (initialized.status, ==, 200);
  g_assert_nonnull (initialized.session_id);
  http_post (h, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", LEGACY, NULL, NULL,
             initialized.session_id, &notified);
  g_assert_cmpuint (notified.status, ==, 202);

  /* A modern request with an input round, while the session is open. */
  http_post (h, ask, MODERN, "tools/call", "ask", NULL, &round);
  g_assert_cmpuint (round.status, ==, 200);
  g_assert_null (round.session_id);
  g_assert_cmpstr (json_object_get_string_member (result_of (round.body), "resultType"), ==,
                   "input_required");

  /* The session goes on as before. */
  http_post (h, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", LEGACY, NULL, NULL,
             initialized.session_id, &legacy_list);
  g_assert_cmpuint (legacy_list.status, ==, 200);
  g_assert_false (json_object_has_member (result_of (legacy_list.body), "resultType"));
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (h->http), ==, 1);

  /* A modern request that names the session is still not of it. */
  {
    g_autofree char *discover = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":"
                                                 "\"server/discover\",\"params\":{%s}}", meta);

    http_post (h, discover, MODERN, "server/discover", NULL, NULL, &stray);
    g_assert_cmpuint (stray.status, ==, 200);
    g_assert_null (stray.session_id);
  }
}

static void
test_http_subscription (Http          *h,
                        gconstpointer  data)
{
  g_autofree char *meta = envelope ("{}", NULL);
  g_autofree char *listen = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":"
                                             "\"subscriptions/listen\",\"params\":{%s,\"notifications\":"
                                             "{\"toolsListChanged\":true}}}", meta);
  g_autoptr(SoupMessage) msg = new_post (h, listen, MODERN, "subscriptions/listen", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpTool) tool = mcp_tool_new ("late", "Added later");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint seen = 0;

  soup_session_send_async (h->soup, msg, G_PRIORITY_DEFAULT, cancellable, mcp_test_store_result_cb,
                           &result);
  result = mcp_test_wait_result (&result);
  stream = soup_session_send_finish (h->soup, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "text/event-stream");
  lines = g_data_input_stream_new (stream);

  while (seen < 2)
    {
      g_autoptr(GAsyncResult) read = NULL;
      g_autofree char *line = NULL;
      g_autoptr(JsonNode) message = NULL;
      JsonObject *params;

      g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb,
                                           &read);
      read = mcp_test_wait_result (&read);
      line = g_data_input_stream_read_line_finish (lines, read, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (!g_str_has_prefix (line, "data: "))
        continue;

      message = mcp_test_parse (line + strlen ("data: "));
      params = json_object_get_object_member (json_node_get_object (message), "params");
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (params, "_meta"),
                                                   "io.modelcontextprotocol/subscriptionId"), ==, 11);
      if (seen++ == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (message), "method"),
                           ==, "notifications/subscriptions/acknowledged");
          mcp_server_add_tool (h->server, tool, tool_echo, NULL, NULL);
        }
      else
        g_assert_cmpstr (json_object_get_string_member (json_node_get_object (message), "method"),
                         ==, "notifications/tools/list_changed");
    }
  g_assert_cmpuint (mcp_http_server_transport_get_n_sessions (h->http), ==, 1);

  /* Closing the stream ends the subscription and its peer. */
  g_clear_object (&lines);
  g_input_stream_close (stream, NULL, NULL);
  g_clear_object (&stream);
  mcp_test_wait_until (mcp_http_server_transport_get_n_sessions (h->http) == 0);
}

/* Over WebSocket: one message per frame, as on stdio --------------------------- */

static void
store_message_cb (SoupWebsocketConnection *connection,
                  gint                     type,
                  GBytes                  *message,
                  gpointer                 user_data)
{
  GPtrArray *messages = user_data;
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));

  g_ptr_array_add (messages, mcp_test_parse (text));
}

static void
test_websocket (void)
{
  g_autoptr(McpServer) server = new_server ();
  g_autoptr(McpWebSocketServerTransport) ws = mcp_websocket_server_transport_new ("127.0.0.1", 0);
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *meta = envelope ("{\"elicitation\":{}}", NULL);
  g_autofree char *discover = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                                               "\"server/discover\",\"params\":{%s}}", meta);
  g_autofree char *ask = ask_call (2, meta, "");
  const char *protocols[] = { "mcp", NULL };
  JsonObject *result_object;

  mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (ws));
  mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (ws), NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (MCP_SERVER_TRANSPORT (ws), result, &error));
  g_clear_object (&result);
  url = mcp_websocket_server_transport_dup_url (ws);

  msg = soup_message_new (SOUP_METHOD_GET, url);
  soup_session_websocket_connect_async (soup, msg, NULL, (char **) protocols, G_PRIORITY_DEFAULT,
                                        NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  connection = soup_session_websocket_connect_finish (soup, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_signal_connect (connection, "message", G_CALLBACK (store_message_cb), messages);

  soup_websocket_connection_send_text (connection, discover);
  soup_websocket_connection_send_text (connection, ask);
  mcp_test_wait_until (messages->len >= 2);

  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *reply = json_node_get_object (g_ptr_array_index (messages, i));

      result_object = json_object_get_object_member (reply, "result");
      if (json_object_get_int_member (reply, "id") == 1)
        assert_result_valid (result_object, "DiscoverResult");
      else
        g_assert_cmpstr (json_object_get_string_member (result_object, "resultType"), ==,
                         "input_required");
    }

  soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  mcp_test_wait_until (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_CLOSED);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (ws), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (ws), result, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Mcp/Modern/stdio/discover-and-lists", Raw, NULL, raw_setup, test_discover_and_lists,
              raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/cache-hints", Raw, NULL, raw_setup, test_cache_hints, raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/errors", Raw, NULL, raw_setup, test_errors, raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/input-rounds", Raw, NULL, raw_setup, test_input_rounds,
              raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/named-inputs", Raw, NULL, raw_setup, test_named_inputs,
              raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/prompt-round", Raw, NULL, raw_setup, test_prompt_round,
              raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/resource-round", Raw, NULL, raw_setup, test_resource_round,
              raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/sampling-round", Raw, NULL, raw_setup, test_sampling_round,
              raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/log-level", Raw, NULL, raw_setup, test_log_level, raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/subscriptions", Raw, NULL, raw_setup, test_subscriptions,
              raw_teardown);
  g_test_add ("/Mcp/Modern/stdio/beside-legacy", Raw, NULL, raw_setup, test_beside_legacy,
              raw_teardown);
  g_test_add_func ("/Mcp/Modern/stdio/shared-secret", test_shared_secret);
  g_test_add ("/Mcp/Modern/http/requests", Http, NULL, http_setup, test_http_modern, http_teardown);
  g_test_add ("/Mcp/Modern/http/param-headers", Http, NULL, http_setup, test_http_param_headers,
              http_teardown);
  g_test_add ("/Mcp/Modern/http/beside-legacy", Http, NULL, http_setup, test_http_beside_legacy,
              http_teardown);
  g_test_add ("/Mcp/Modern/http/subscription", Http, NULL, http_setup, test_http_subscription,
              http_teardown);
  g_test_add_func ("/Mcp/Modern/websocket/requests", test_websocket);

  return g_test_run ();
}

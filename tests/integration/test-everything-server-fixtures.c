/* test-everything-server-fixtures.c: McpClient against the mcp-everything-server
 * program, fixture by fixture, with both directions checked against the
 * 2025-11-25 schema through a relay.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-proxy.h"
#include "mcp-test-util.h"
#include "mcp-test-wire.h"

typedef struct
{
  McpTestWire  *wire;
  McpTestProxy *proxy;
  McpClient    *client;
  guint         samplings;
  guint         elicitations;
  JsonNode     *last_schema;
  char         *completed;
  gboolean      got_complete;
  guint         logs;
  GPtrArray    *updated;
} Fixture;

static JsonNode *
parse (const char *json)
{
  return mcp_test_parse (json);
}

static void
handle_sampling (McpClient          *client,
                 McpSamplingRequest *request,
                 gpointer            user_data)
{
  Fixture *f = user_data;
  g_autoptr(JsonNode) result =
    parse ("{\"role\":\"assistant\",\"content\":{\"type\":\"text\","
           "\"text\":\"This is a test response from the client\"},"
           "\"model\":\"test-model\",\"stopReason\":\"endTurn\"}");

  f->samplings++;
  g_assert_cmpint (mcp_sampling_request_get_max_tokens (request), ==, 100);
  mcp_sampling_request_return_result (request, result);
}

static void
handle_elicitation (McpClient             *client,
                    McpElicitationRequest *request,
                    gpointer               user_data)
{
  Fixture *f = user_data;
  JsonNode *schema = mcp_elicitation_request_get_requested_schema (request);
  JsonObject *properties;
  g_autoptr(JsonNode) content = NULL;

  f->elicitations++;

  if (mcp_elicitation_request_get_mode (request) == MCP_ELICITATION_MODE_URL)
    {
      mcp_elicitation_request_return_accept (request, NULL);
      return;
    }

  g_clear_pointer (&f->last_schema, json_node_unref);
  f->last_schema = json_node_copy (schema);
  properties = json_object_get_object_member (json_node_get_object (schema), "properties");

  if (json_object_has_member (properties, "untitledSingle"))
    content = parse ("{\"untitledSingle\":\"option1\",\"titledSingle\":\"value1\","
                     "\"legacyEnum\":\"opt1\",\"untitledMulti\":[\"option1\",\"option2\"],"
                     "\"titledMulti\":[\"value1\",\"value2\"]}");
  else if (json_object_has_member (properties, "verified"))
    /* The user sets the score; everything else keeps its default. */
    content = parse ("{\"score\":88}");
  else if (json_object_has_member (properties, "context"))
    content = parse ("{\"context\":\"a legacy session\"}");
  else if (json_object_has_member (properties, "color"))
    content = parse ("{\"color\":\"green\"}");
  else if (json_object_has_member (properties, "name"))
    content = parse ("{\"name\":\"Bob\"}");
  else
    content = parse ("{\"username\":\"testuser\",\"email\":\"test@example.com\"}");

  mcp_elicitation_request_return_accept (request, content);
}

static void
on_log (McpClient       *client,
        McpLoggingLevel  level,
        const char      *logger,
        JsonNode        *data,
        Fixture         *f)
{
  f->logs++;
}

static void
on_updated (McpClient  *client,
            const char *uri,
            Fixture    *f)
{
  g_ptr_array_add (f->updated, g_strdup (uri));
}

static void
on_complete (McpClient  *client,
             const char *id,
             Fixture    *f)
{
  g_free (f->completed);
  f->completed = g_strdup (id);
  f->got_complete = TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *server = mcp_test_build_path ("examples/mcp-everything-server");
  const char *argv[] = { server, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);

  f->wire = mcp_test_wire_new ();
  f->updated = g_ptr_array_new_with_free_func (g_free);
  f->proxy = mcp_test_proxy_new (argv, f->wire);
  f->client = mcp_client_new ("everything-test", "1.0");

  mcp_client_set_sampling_handler (f->client, MCP_SAMPLING_FEATURES_NONE, handle_sampling, f, NULL);
  mcp_client_set_elicitation_handler (f->client, MCP_ELICITATION_MODE_FORM | MCP_ELICITATION_MODE_URL,
                                      handle_elicitation, f, NULL);
  g_ptr_array_add (roots, mcp_root_new ("file:///srv/project", "Project"));
  mcp_client_set_roots (f->client, roots);
  g_signal_connect (f->client, "log-message", G_CALLBACK (on_log), f);
  g_signal_connect (f->client, "resource-updated", G_CALLBACK (on_updated), f);
  g_signal_connect (f->client, "elicitation-complete", G_CALLBACK (on_complete), f);

  mcp_client_connect_async (f->client, mcp_test_proxy_get_client_transport (f->proxy), NULL,
                            mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_connect_finish (f->client, result, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (f->client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_disconnect_finish (f->client, result, NULL);
  g_clear_object (&result);

  /* A clean exit: no crash, and no leak report under the sanitizers */
  g_assert_cmpint (mcp_test_proxy_close (f->proxy), ==, 0);
  mcp_test_wire_assert_valid (f->wire);
  mcp_test_wire_free (f->wire);
  g_clear_pointer (&f->last_schema, json_node_unref);
  g_clear_pointer (&f->updated, g_ptr_array_unref);
  g_free (f->completed);
  g_assert_finalize_object (f->client);
}

static McpToolResult *
call_tool (Fixture     *f,
           const char  *name,
           const char  *arguments)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? parse (arguments) : NULL;
  g_autoptr(GError) error = NULL;
  McpToolResult *tool_result;

  mcp_client_call_tool_async (f->client, name, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (f->client, result, &error);
  g_assert_no_error (error);
  return tool_result;
}

static char *
call_text (Fixture    *f,
           const char *name,
           const char *arguments)
{
  g_autoptr(McpToolResult) result = call_tool (f, name, arguments);

  g_assert_false (mcp_tool_result_get_is_error (result));
  return mcp_tool_result_dup_text (result);
}

static JsonObject *
content_at (McpToolResult *result,
            guint          index)
{
  return json_array_get_object_element (mcp_tool_result_get_content (result), index);
}

static void
assert_base64 (const char *data)
{
  g_autofree guchar *decoded = NULL;
  gsize length = 0;

  g_assert_nonnull (data);
  g_assert_cmpuint (strlen (data) % 4, ==, 0);
  decoded = g_base64_decode (data, &length);
  g_assert_cmpuint (length, >, 0);
}

static void
test_tools (Fixture       *f,
            gconstpointer  data)
{
  static const char * const fixtures[] = {
    "test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource",
    "test_multiple_content_types", "test_tool_with_logging", "test_tool_with_progress",
    "test_error_handling", "test_sampling", "test_elicitation",
    "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums",
    "json_schema_2020_12_tool", "echo", "add", "delay",
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) params = NULL;
  g_autofree char *text = NULL;
  JsonObject *schema;
  JsonObject *resource;

  mcp_client_list_all_tools_async (f->client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tools = mcp_client_list_all_tools_finish (f->client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tools->len; i++)
    {
      McpTool *tool = g_ptr_array_index (tools, i);

      g_assert_nonnull (mcp_tool_get_description (tool));
      g_assert_cmpuint (strlen (mcp_tool_get_description (tool)), >, 0);
      g_hash_table_insert (by_name, (gpointer) mcp_tool_get_name (tool), tool);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    if (!g_hash_table_contains (by_name, fixtures[i]))
      g_error ("mcp-everything-server has no tool %s", fixtures[i]);
  g_clear_object (&result);

  schema = json_node_get_object (mcp_tool_get_input_schema (g_hash_table_lookup (by_name,
                                                                                 "json_schema_2020_12_tool")));
  g_assert_cmpstr (json_object_get_string_member (schema, "$schema"), ==,
                   "https://json-schema.org/draft/2020-12/schema");
  g_assert_true (json_object_has_member (json_object_get_object_member (schema, "$defs"), "address"));
  g_assert_false (json_object_get_boolean_member (schema, "additionalProperties"));
  g_assert_true (json_object_has_member (schema, "allOf"));
  g_assert_true (json_object_has_member (schema, "if"));
  g_assert_true (json_object_has_member (schema, "then"));
  g_assert_true (json_object_has_member (schema, "else"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (schema, "$defs"), "address"), "$anchor"),
                   ==, "addressDef");

  /* Sent without any arguments member, as the conformance client does */
  params = parse ("{\"name\":\"test_simple_text\"}");
  mcp_client_send_request_async (f->client, "tools/call", params, NULL,
                                 mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  reply = mcp_client_send_request_finish (f->client, result, &error);
  g_assert_no_error (error);
  tool_result = mcp_tool_result_new_from_json (reply, &error);
  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "This is a simple text response for testing.");
  g_clear_object (&tool_result);
  g_clear_pointer (&text, g_free);

  tool_result = call_tool (f, "test_image_content", "{}");
  g_assert_cmpstr (json_object_get_string_member (content_at (tool_result, 0), "type"), ==, "image");
  g_assert_cmpstr (json_object_get_string_member (content_at (tool_result, 0), "mimeType"), ==,
                   "image/png");
  assert_base64 (json_object_get_string_member (content_at (tool_result, 0), "data"));
  g_clear_object (&tool_result);

  tool_result = call_tool (f, "test_audio_content", "{}");
  g_assert_cmpstr (json_object_get_string_member (content_at (tool_result, 0), "type"), ==, "audio");
  g_assert_cmpstr (json_object_get_string_member (content_at (tool_result, 0), "mimeType"), ==,
                   "audio/wav");
  assert_base64 (json_object_get_string_member (content_at (tool_result, 0), "data"));
  g_clear_object (&tool_result);

  tool_result = call_tool (f, "test_embedded_resource", "{}");
  resource = json_object_get_object_member (content_at (tool_result, 0), "resource");
  g_assert_cmpstr (json_object_get_string_member (resource, "uri"), ==, "test://embedded-resource");
  g_assert_cmpstr (json_object_get_string_member (resource, "mimeType"), ==, "text/plain");
  g_assert_cmpstr (json_object_get_string_member (resource, "text"), ==,
                   "This is an embedded resource content.");
  g_clear_object (&tool_result);

  tool_result = call_tool (f, "test_multiple_content_types", "{}");
  g_assert_cmpuint (mcp_tool_result_get_n_content (tool_result), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (content_at (tool_result, 0), "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (content_at (tool_result, 1), "type"), ==, "image");
  g_assert_cmpstr (json_object_get_string_member (content_at (tool_result, 2), "type"), ==, "resource");
  g_clear_object (&tool_result);

  tool_result = call_tool (f, "test_error_handling", "{}");
  g_assert_true (mcp_tool_result_get_is_error (tool_result));
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "This tool intentionally returns an error for testing");
  g_clear_object (&tool_result);
  g_clear_pointer (&text, g_free);

  /* The input-round fixtures ask the same on a session, one request after
   * the other. */
  tool_result = call_tool (f, "test_input_required_result_multi_round", "{}");
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_cmpstr (text, ==, "Bob's favorite color is green");
  g_clear_object (&tool_result);
  g_clear_pointer (&text, g_free);

  /* Input validation in a real server: SEP-1303 */
  tool_result = call_tool (f, "json_schema_2020_12_tool",
                           "{\"name\":\"x\",\"address\":{\"street\":\"Main\",\"city\":\"Here\"},"
                           "\"contactMethod\":\"email\",\"email\":\"x@example.com\"}");
  g_assert_false (mcp_tool_result_get_is_error (tool_result));
  g_clear_object (&tool_result);

  /* The SEP-2106 keywords are enforced too: allOf/anyOf wants a phone or
   * an email, and if/then wants the phone of one who asks for calls. */
  tool_result = call_tool (f, "json_schema_2020_12_tool", "{\"name\":\"x\"}");
  g_assert_true (mcp_tool_result_get_is_error (tool_result));
  g_clear_object (&tool_result);

  tool_result = call_tool (f, "json_schema_2020_12_tool",
                           "{\"contactMethod\":\"phone\",\"email\":\"x@example.com\"}");
  g_assert_true (mcp_tool_result_get_is_error (tool_result));
  g_clear_object (&tool_result);

  tool_result = call_tool (f, "json_schema_2020_12_tool", "{\"name\":\"x\",\"email\":\"e\",\"extra\":1}");
  g_assert_true (mcp_tool_result_get_is_error (tool_result));
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_nonnull (strstr (text, "extra"));
  g_clear_object (&tool_result);
  g_clear_pointer (&text, g_free);

  tool_result = call_tool (f, "json_schema_2020_12_tool", "{\"email\":\"e\",\"address\":{\"city\":3}}");
  g_assert_true (mcp_tool_result_get_is_error (tool_result));
  text = mcp_tool_result_dup_text (tool_result);
  g_assert_nonnull (strstr (text, "/address/city"));
  g_clear_object (&tool_result);
  g_clear_pointer (&text, g_free);

  text = call_text (f, "echo", "{\"message\":\"hello\"}");
  g_assert_cmpstr (text, ==, "Echo: hello");
  g_clear_pointer (&text, g_free);
  text = call_text (f, "add", "{\"a\":2,\"b\":3}");
  g_assert_cmpstr (text, ==, "5");
}

static void
record_progress (gdouble     progress,
                 gdouble     total,
                 const char *message,
                 gpointer    user_data)
{
  GArray *values = user_data;

  g_array_append_val (values, progress);
  g_assert_cmpfloat (total, ==, 100);
}

static void
test_logging_and_progress (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  mcp_client_set_logging_level_async (f->client, MCP_LOGGING_LEVEL_DEBUG, NULL,
                                      mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_set_logging_level_finish (f->client, result, NULL));
  g_clear_object (&result);

  text = call_text (f, "test_tool_with_logging", "{}");
  g_assert_cmpstr (text, ==, "Tool with logging executed successfully");
  g_assert_cmpuint (f->logs, ==, 3);
  g_clear_pointer (&text, g_free);

  mcp_client_call_tool_full_async (f->client, "test_tool_with_progress", NULL,
                                   MCP_REQUEST_FLAGS_PROGRESS, -1,
                                   record_progress, values, NULL, NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpfloat (g_array_index (values, gdouble, 0), ==, 0);
  g_assert_cmpfloat (g_array_index (values, gdouble, 1), ==, 50);
  g_assert_cmpfloat (g_array_index (values, gdouble, 2), ==, 100);
}

static void
test_client_requests (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;
  JsonObject *properties;
  JsonObject *property;

  text = call_text (f, "test_sampling", "{\"prompt\":\"Test prompt for sampling\"}");
  g_assert_cmpstr (text, ==, "LLM response: This is a test response from the client");
  g_assert_cmpuint (f->samplings, ==, 1);
  g_clear_pointer (&text, g_free);

  text = call_text (f, "test_elicitation", "{\"message\":\"Please provide your information\"}");
  g_assert_cmpstr (text, ==, "User response: action=accept, content="
                             "{\"username\":\"testuser\",\"email\":\"test@example.com\"}");
  g_clear_pointer (&text, g_free);

  /* SEP-1034: every field has a default; the client fills in the ones the
   * user left */
  text = call_text (f, "test_elicitation_sep1034_defaults", "{}");
  g_assert_cmpstr (text, ==, "Elicitation completed: action=accept, content="
                             "{\"score\":88,\"name\":\"John Doe\",\"age\":30,"
                             "\"status\":\"active\",\"verified\":true}");
  properties = json_object_get_object_member (json_node_get_object (f->last_schema), "properties");
  property = json_object_get_object_member (properties, "score");
  g_assert_cmpfloat (json_object_get_double_member (property, "default"), ==, 95.5);
  g_clear_pointer (&text, g_free);

  /* SEP-1330: each enum kind keeps its shape */
  text = call_text (f, "test_elicitation_sep1330_enums", "{}");
  g_assert_true (g_str_has_prefix (text, "Elicitation completed: action=accept"));
  properties = json_object_get_object_member (json_node_get_object (f->last_schema), "properties");
  property = json_object_get_object_member (properties, "untitledSingle");
  g_assert_true (json_object_has_member (property, "enum"));
  g_assert_false (json_object_has_member (property, "oneOf"));
  property = json_object_get_object_member (properties, "titledSingle");
  g_assert_true (json_object_has_member (property, "oneOf"));
  g_assert_false (json_object_has_member (property, "enum"));
  property = json_object_get_object_member (properties, "legacyEnum");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (property, "enumNames")), ==,
                    json_array_get_length (json_object_get_array_member (property, "enum")));
  property = json_object_get_object_member (json_object_get_object_member (properties,
                                                                           "untitledMulti"), "items");
  g_assert_true (json_object_has_member (property, "enum"));
  property = json_object_get_object_member (json_object_get_object_member (properties,
                                                                           "titledMulti"), "items");
  g_assert_true (json_object_has_member (property, "anyOf"));
  g_clear_pointer (&text, g_free);

  text = call_text (f, "elicit_url", "{\"url\":\"https://example.com/sign-in\"}");
  g_assert_cmpstr (text, ==, "URL elicitation: action=accept");
  mcp_test_wait_flag (&f->got_complete, MCP_TEST_TIMEOUT_MS);
  g_assert_true (g_str_has_prefix (f->completed, "everything-"));
  g_assert_cmpuint (f->elicitations, ==, 4);
  g_clear_pointer (&text, g_free);

  text = call_text (f, "list_roots", NULL);
  g_assert_cmpstr (text, ==, "Roots: file:///srv/project");
}

static GPtrArray *
read_resource (Fixture     *f,
               const char  *uri,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_read_resource_async (f->client, uri, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_read_resource_finish (f->client, result, error);
}

static const char *
member (GPtrArray  *contents,
        const char *name)
{
  return json_object_get_string_member_with_default (
           json_node_get_object (g_ptr_array_index (contents, 0)), name, NULL);
}

static void
test_resources (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) values = NULL;

  mcp_client_list_all_resources_async (f->client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  resources = mcp_client_list_all_resources_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 3);
  g_clear_object (&result);

  mcp_client_list_all_resource_templates_async (f->client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  templates = mcp_client_list_all_resource_templates_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 1);
  g_assert_cmpstr (mcp_resource_template_get_uri_template (g_ptr_array_index (templates, 0)), ==,
                   "test://template/{id}/data");
  g_clear_object (&result);

  contents = read_resource (f, "test://static-text", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member (contents, "mimeType"), ==, "text/plain");
  g_assert_cmpstr (member (contents, "text"), ==, "This is the content of the static text resource.");
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (f, "test://static-binary", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member (contents, "mimeType"), ==, "image/png");
  assert_base64 (member (contents, "blob"));
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (f, "test://template/123/data", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member (contents, "uri"), ==, "test://template/123/data");
  g_assert_cmpstr (member (contents, "text"), ==,
                   "{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}");
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (f, "test://nothing-here", &error);
  g_assert_null (contents);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND);
  g_clear_error (&error);

  /* Subscribe, hear of an update, unsubscribe */
  mcp_client_subscribe_resource_async (f->client, "test://watched-resource", NULL,
                                       mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_subscribe_resource_finish (f->client, result, &error));
  g_clear_object (&result);

  text = call_text (f, "notify_resource_updated", NULL);
  mcp_test_wait_count (&f->updated->len, 1, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpstr (g_ptr_array_index (f->updated, 0), ==, "test://watched-resource");
  g_clear_pointer (&text, g_free);

  mcp_client_unsubscribe_resource_async (f->client, "test://watched-resource", NULL,
                                         mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_unsubscribe_resource_finish (f->client, result, &error));
  g_clear_object (&result);

  text = call_text (f, "notify_resource_updated", NULL);
  g_assert_cmpuint (f->updated->len, ==, 1);

  /* Completion of the template variable */
  mcp_client_complete_async (f->client, MCP_COMPLETION_REF_RESOURCE, "test://template/{id}/data",
                             "id", "1", NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  values = mcp_client_complete_finish (f->client, result, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (values, ((const char * const []) { "1", "123", NULL }));
}

static McpPromptResult *
get_prompt (Fixture     *f,
            const char  *name,
            const char  *arguments,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? parse (arguments) : NULL;

  mcp_client_get_prompt_async (f->client, name, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_get_prompt_finish (f->client, result, error);
}

static JsonObject *
message_content (McpPromptResult *result,
                 guint            index)
{
  return json_object_get_object_member (
           json_array_get_object_element (mcp_prompt_result_get_messages (result), index),
           "content");
}

static void
test_prompts (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(McpPromptResult) prompt = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;

  mcp_client_list_all_prompts_async (f->client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  prompts = mcp_client_list_all_prompts_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prompts->len, ==, 5);
  for (guint i = 0; i < prompts->len; i++)
    g_assert_nonnull (mcp_prompt_get_description (g_ptr_array_index (prompts, i)));
  g_clear_object (&result);

  prompt = get_prompt (f, "test_simple_prompt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (message_content (prompt, 0), "text"), ==,
                   "This is a simple prompt for testing.");
  g_clear_object (&prompt);

  prompt = get_prompt (f, "test_prompt_with_arguments",
                       "{\"arg1\":\"testValue1\",\"arg2\":\"testValue2\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (message_content (prompt, 0), "text"), ==,
                   "Prompt with arguments: arg1='testValue1', arg2='testValue2'");
  g_clear_object (&prompt);

  prompt = get_prompt (f, "test_prompt_with_embedded_resource",
                       "{\"resourceUri\":\"test://example-resource\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (message_content (prompt, 0), "type"), ==,
                   "resource");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (message_content (prompt, 0),
                                                                                 "resource"), "uri"),
                   ==, "test://example-resource");
  g_assert_cmpstr (json_object_get_string_member (message_content (prompt, 1), "type"), ==, "text");
  g_clear_object (&prompt);

  prompt = get_prompt (f, "test_prompt_with_image", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (message_content (prompt, 0), "type"), ==, "image");
  assert_base64 (json_object_get_string_member (message_content (prompt, 0), "data"));
  g_clear_object (&prompt);

  /* On a session the prompt's input is an elicitation request to the
   * client (on the 2026-07-28 era, an input round: test-modern-server). */
  prompt = get_prompt (f, "test_input_required_result_prompt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (message_content (prompt, 0), "text"), ==,
                   "Answer with this context in mind: a legacy session");
  g_clear_object (&prompt);

  prompt = get_prompt (f, "test_prompt_with_arguments", "{\"arg1\":\"only\"}", &error);
  g_assert_null (prompt);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  prompt = get_prompt (f, "no_such_prompt", NULL, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  mcp_client_complete_async (f->client, MCP_COMPLETION_REF_PROMPT, "test_prompt_with_arguments",
                             "arg1", "al", NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  values = mcp_client_complete_finish (f->client, result, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (values, ((const char * const []) { "alpha", "alpine", NULL }));
}

typedef struct
{
  guint done;
  guint correct;
} Concurrent;

static void
echo_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Concurrent *state = g_object_get_data (G_OBJECT (object), "state");
  g_autoptr(McpToolResult) tool_result = mcp_client_call_tool_finish (MCP_CLIENT (object), result,
                                                                      NULL);
  g_autofree char *text = tool_result != NULL ? mcp_tool_result_dup_text (tool_result) : NULL;
  g_autofree char *expected = g_strdup_printf ("Echo: message %u", GPOINTER_TO_UINT (user_data));

  state->done++;
  if (g_strcmp0 (text, expected) == 0)
    state->correct++;
}

static void
test_concurrency_and_cancel (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) long_delay = parse ("{\"ms\":600000}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;
  Concurrent state = { 0, };

  g_object_set_data (G_OBJECT (f->client), "state", &state);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"message\":\"message %u\"}", i);
      g_autoptr(JsonNode) arguments = parse (json);

      mcp_client_call_tool_async (f->client, "echo", arguments, NULL, echo_done,
                                  GUINT_TO_POINTER (i));
    }
  mcp_test_wait_count (&state.done, 50, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpuint (state.correct, ==, 50);

  mcp_client_call_tool_async (f->client, "delay", long_delay, cancellable,
                              mcp_test_store_result_cb, &result);
  mcp_test_spin (50);
  g_cancellable_cancel (cancellable);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (f->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);

  mcp_client_ping_async (f->client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_ping_finish (f->client, result, NULL));
  g_assert_cmpuint (mcp_test_wire_count_method (f->wire, FALSE, "notifications/cancelled"), ==, 1);
  g_assert_cmpuint (mcp_test_wire_count_answers (f->wire, TRUE, "tools/call"), ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/Mcp/EverythingServer/tools", test_tools);
  ADD ("/Mcp/EverythingServer/logging-and-progress", test_logging_and_progress);
  ADD ("/Mcp/EverythingServer/client-requests", test_client_requests);
  ADD ("/Mcp/EverythingServer/resources", test_resources);
  ADD ("/Mcp/EverythingServer/prompts", test_prompts);
  ADD ("/Mcp/EverythingServer/concurrency-and-cancel", test_concurrency_and_cancel);

#undef ADD

  return g_test_run ();
}

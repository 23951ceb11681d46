/* test-message.c: the protocol layer, no I/O
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-util.h"

static char *
to_string (JsonNode *node)
{
  return mcp_message_to_data (node, NULL);
}

static void
test_build_request (void)
{
  g_autoptr(JsonNode) id = json_node_init_int (json_node_alloc (), 7);
  g_autoptr(JsonNode) params = mcp_test_parse ("{\"name\":\"echo\"}");
  g_autoptr(JsonNode) message = mcp_message_new_request (id, "tools/call", params);
  g_autofree char *text = to_string (message);

  g_assert_cmpstr (text, ==,
                   "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}");
}

static void
test_build_notification (void)
{
  g_autoptr(JsonNode) message = mcp_message_new_notification ("notifications/initialized", NULL);
  g_autofree char *text = to_string (message);

  g_assert_cmpstr (text, ==, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
}

static void
test_build_response (void)
{
  g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (), "7");
  g_autoptr(JsonNode) message = mcp_message_new_response (id, NULL);
  g_autofree char *text = to_string (message);

  /* A string id stays a string; an absent result is an empty object. */
  g_assert_cmpstr (text, ==, "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{}}");
}

static void
test_build_error (void)
{
  g_autoptr(JsonNode) message = mcp_message_new_error (NULL, MCP_JSONRPC_PARSE_ERROR,
                                                       "Parse error", NULL);
  g_autofree char *text = to_string (message);

  g_assert_cmpstr (text, ==,
                   "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
}

static void
test_build_error_from_gerror (void)
{
  g_autoptr(GError) error = g_error_new_literal (MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "bad");
  g_autoptr(JsonNode) id = json_node_init_int (json_node_alloc (), 3);
  g_autoptr(JsonNode) message = mcp_message_new_error_from_gerror (id, error);
  g_autofree char *text = to_string (message);

  g_assert_cmpstr (text, ==,
                   "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"bad\"}}");
}

typedef struct
{
  const char     *json;
  McpMessageKind  kind;
  gboolean        has_id;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", MCP_MESSAGE_KIND_REQUEST, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\",\"params\":{}}", MCP_MESSAGE_KIND_REQUEST, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", MCP_MESSAGE_KIND_NOTIFICATION, FALSE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", MCP_MESSAGE_KIND_RESPONSE, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1,\"message\":\"x\"}}", MCP_MESSAGE_KIND_ERROR, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}", MCP_MESSAGE_KIND_ERROR, FALSE },
  /* The invalid ones, with the id when it can be read. */
  { "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "{\"id\":1,\"method\":\"ping\"}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", MCP_MESSAGE_KIND_INVALID, FALSE },
  { "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", MCP_MESSAGE_KIND_INVALID, FALSE },
  { "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}", MCP_MESSAGE_KIND_INVALID, FALSE },
  { "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", MCP_MESSAGE_KIND_INVALID, FALSE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":[1]}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":\"s\"}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"\"}}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"\"}}", MCP_MESSAGE_KIND_INVALID, TRUE },
  { "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", MCP_MESSAGE_KIND_INVALID, FALSE },
  { "42", MCP_MESSAGE_KIND_INVALID, FALSE },
  { "\"ping\"", MCP_MESSAGE_KIND_INVALID, FALSE },
  { "null", MCP_MESSAGE_KIND_INVALID, FALSE },
};

static void
test_parse_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autoptr(JsonNode) node = mcp_test_parse (parse_cases[i].json);
      g_autoptr(GError) error = NULL;
      JsonNode *id = NULL;
      const char *method = NULL;
      JsonNode *payload = NULL;
      McpMessageKind kind;

      kind = mcp_message_parse (node, &id, &method, &payload, &error);
      g_test_message ("%s", parse_cases[i].json);
      g_assert_cmpint (kind, ==, parse_cases[i].kind);
      g_assert_cmpint (id != NULL, ==, parse_cases[i].has_id);

      if (kind == MCP_MESSAGE_KIND_INVALID)
        {
          g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_REQUEST);
          g_assert_null (method);
          g_assert_null (payload);
        }
      else
        g_assert_no_error (error);

      if (kind == MCP_MESSAGE_KIND_REQUEST || kind == MCP_MESSAGE_KIND_NOTIFICATION)
        g_assert_nonnull (method);
    }
}

/* A request whose id is not valid is refused whole: nothing of it is
 * handed out but the error, so no caller can act on its method or params. */
static void
test_parse_invalid_is_empty (void)
{
  const char *cases[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"tools/call\",\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\",\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":true,\"result\":{}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = mcp_test_parse (cases[i]);
      g_autoptr(GError) error = NULL;
      JsonNode *id = (JsonNode *) node;
      const char *method = "stale";
      JsonNode *payload = (JsonNode *) node;

      g_test_message ("%s", cases[i]);
      g_assert_cmpint (mcp_message_parse (node, &id, &method, &payload, &error), ==,
                       MCP_MESSAGE_KIND_INVALID);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_REQUEST);
      g_assert_null (id);
      g_assert_null (method);
      g_assert_null (payload);
    }
}

static void
test_id_identity (void)
{
  g_autoptr(JsonNode) int_id = mcp_test_parse ("7");
  g_autoptr(JsonNode) str_id = mcp_test_parse ("\"7\"");
  g_autoptr(JsonNode) int_id2 = mcp_test_parse ("7");
  g_autofree char *k1 = mcp_message_id_to_key (int_id);
  g_autofree char *k2 = mcp_message_id_to_key (str_id);
  g_autofree char *k3 = mcp_message_id_to_key (int_id2);
  g_autoptr(JsonNode) float_id = mcp_test_parse ("7.5");
  g_autoptr(JsonNode) null_id = mcp_test_parse ("null");

  g_assert_false (mcp_message_id_equal (int_id, str_id));
  g_assert_true (mcp_message_id_equal (int_id, int_id2));
  g_assert_cmpstr (k1, !=, k2);
  g_assert_cmpstr (k1, ==, k3);
  g_assert_false (mcp_message_id_is_valid (float_id));
  g_assert_false (mcp_message_id_is_valid (null_id));
  g_assert_null (mcp_message_id_to_key (null_id));
}

/* Integer keys are written without printf; they must read as it would. */
static void
test_id_key_integers (void)
{
  const gint64 values[] = { 0, 1, -1, 9, 10, 42, -42, 1000000007,
                            G_MAXINT32, G_MININT32, G_MAXINT64, G_MININT64 };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonNode) id = json_node_init_int (json_node_alloc (), values[i]);
      g_autofree char *key = mcp_message_id_to_key (id);
      g_autofree char *expected = g_strdup_printf ("i:%" G_GINT64_FORMAT, values[i]);

      g_assert_cmpstr (key, ==, expected);
    }
}

static void
test_parse_bad_data (void)
{
  const char *bad[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"",
    "garbage",
    "{\"a\":}",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = mcp_message_from_data (bad[i], -1, &error);

      g_assert_null (node);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
    }
}

static void
test_parse_invalid_utf8 (void)
{
  const char data[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\xff\xfeng\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = mcp_message_from_data (data, sizeof data - 1, &error);

  g_assert_null (node);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
}

static void
test_parse_surrogates (void)
{
  static const char * const refused[] = {
    "{\"s\":\"\\ud800\"}",
    "{\"s\":\"x\\uDFFFy\"}",
    "{\"s\":\"\\ude00\\ud83d\"}",
    "{\"\\ud800\":1}",
    "[[{\"a\":[\"\\udbff\"]}]]",
  };
  static const struct {
    const char *json;
    const char *value;
  } accepted[] = {
    { "{\"s\":\"\\ud83d\\ude00\"}", "\xf0\x9f\x98\x80" },
    { "{\"s\":\"\\\\ud800\"}", "\\ud800" },
    { "{\"s\":\"\\u00e9\\uD7FF\\uE000\"}", "\xc3\xa9\xed\x9f\xbf\xee\x80\x80" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = mcp_message_from_data (refused[i], -1, &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (node);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = mcp_message_from_data (accepted[i].json, -1, &error);

      g_test_message ("%s", accepted[i].json);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "s"), ==,
                       accepted[i].value);
    }
}

static void
test_parse_deep_nesting (void)
{
  const gsize depth = 200000;
  g_autofree char *data = g_malloc (depth * 2 + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) ok = NULL;
  GString *fine = g_string_new (NULL);

  memset (data, '[', depth);
  memset (data + depth, ']', depth);
  data[depth * 2] = '\0';

  node = mcp_message_from_data (data, -1, &error);
  g_assert_null (node);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);

  /* Brackets inside strings do not count; legitimate depth parses. */
  g_string_append (fine, "{\"s\":\"[[[[[[[[[[[[[[[[[[[[\\\"[[[[\",\"a\":");
  for (guint i = 0; i < MCP_MESSAGE_MAX_DEPTH - 2; i++)
    g_string_append_c (fine, '[');
  for (guint i = 0; i < MCP_MESSAGE_MAX_DEPTH - 2; i++)
    g_string_append_c (fine, ']');
  g_string_append_c (fine, '}');
  g_clear_error (&error);
  ok = mcp_message_from_data (fine->str, fine->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_string_free (fine, TRUE);
}

static void
test_versions (void)
{
  const char * const *versions = mcp_protocol_get_supported_versions ();

  g_assert_cmpstr (versions[0], ==, MCP_PROTOCOL_VERSION_LATEST);
  g_assert_cmpuint (g_strv_length ((char **) versions), ==, 4);

  for (guint i = 0; versions[i] != NULL; i++)
    {
      g_assert_true (mcp_protocol_version_is_supported (versions[i]));
      g_assert_cmpstr (mcp_protocol_negotiate_version (versions[i]), ==, versions[i]);
    }

  g_assert_false (mcp_protocol_version_is_supported ("1999-01-01"));
  g_assert_cmpstr (mcp_protocol_negotiate_version ("1999-01-01"), ==, MCP_PROTOCOL_VERSION_LATEST);
  g_assert_cmpstr (mcp_protocol_negotiate_version ("2099-01-01"), ==, MCP_PROTOCOL_VERSION_LATEST);
  g_assert_cmpstr (mcp_protocol_negotiate_version (NULL), ==, MCP_PROTOCOL_VERSION_LATEST);
  g_assert_cmpint (mcp_protocol_version_compare ("2024-11-05", "2025-11-25"), <, 0);
}

static void
test_logging_levels (void)
{
  McpLoggingLevel level = MCP_LOGGING_LEVEL_DEBUG;

  for (McpLoggingLevel l = MCP_LOGGING_LEVEL_DEBUG; l <= MCP_LOGGING_LEVEL_EMERGENCY; l++)
    {
      g_assert_true (mcp_logging_level_from_string (mcp_logging_level_to_string (l), &level));
      g_assert_cmpint (level, ==, l);
    }

  g_assert_false (mcp_logging_level_from_string ("verbose", &level));
  g_assert_false (mcp_logging_level_from_string (NULL, &level));
  g_assert_cmpint (MCP_LOGGING_LEVEL_WARNING, <, MCP_LOGGING_LEVEL_ERROR);
}

static void
test_error_mapping (void)
{
  static const gint codes[] = { -32700, -32600, -32601, -32602, -32603, -32002, -32042 };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_cmpint (mcp_error_to_jsonrpc_code (mcp_error_from_jsonrpc_code (codes[i])), ==, codes[i]);

  g_assert_cmpint (mcp_error_from_jsonrpc_code (-32099), ==, MCP_ERROR_FAILED);
}

static void
test_error_keeps_wire_data (void)
{
  g_autoptr(JsonNode) data = mcp_test_parse ("{\"detail\":42}");
  g_autoptr(GError) error = mcp_error_new_from_jsonrpc (-32099, "custom", data);
  g_autoptr(GError) copy = g_error_copy (error);
  g_autoptr(GError) plain = g_error_new_literal (MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND, "x");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_error (error, MCP_ERROR, MCP_ERROR_FAILED);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, -32099);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (copy), ==, -32099);
  g_assert_true (json_node_equal (mcp_error_get_data (copy), data));
  g_assert_cmpint (mcp_error_get_jsonrpc_code (plain), ==, -32002);
  g_assert_null (mcp_error_get_data (plain));
  g_assert_cmpint (mcp_error_get_jsonrpc_code (other), ==, -32603);
}

/* Found by fuzz-message: a peer's code 0 came back as -32603. */
static void
test_error_keeps_code_zero (void)
{
  g_autoptr(GError) error = mcp_error_new_from_jsonrpc (0, "zero", NULL);
  g_autoptr(GError) copy = g_error_copy (error);
  g_autoptr(JsonNode) reply = mcp_message_new_error_from_gerror (NULL, error);
  JsonObject *object = json_object_get_object_member (json_node_get_object (reply), "error");

  g_assert_error (error, MCP_ERROR, MCP_ERROR_FAILED);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (error), ==, 0);
  g_assert_cmpint (mcp_error_get_jsonrpc_code (copy), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, 0);
}

static void
test_content_blocks (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(JsonNode) image = mcp_content_new_image (bytes, "image/png");
  g_autoptr(JsonNode) embedded = mcp_content_new_embedded_text ("test://x", "text/plain", "hi");
  g_autoptr(JsonNode) link = mcp_content_new_resource_link ("test://y", "y", NULL, NULL);
  g_autofree char *a = to_string (image);
  g_autofree char *b = to_string (embedded);
  g_autofree char *c = to_string (link);

  g_assert_cmpstr (a, ==, "{\"type\":\"image\",\"data\":\"iVBORw==\",\"mimeType\":\"image/png\"}");
  g_assert_cmpstr (b, ==,
                   "{\"type\":\"resource\",\"resource\":{\"uri\":\"test://x\",\"mimeType\":\"text/plain\",\"text\":\"hi\"}}");
  g_assert_cmpstr (c, ==, "{\"type\":\"resource_link\",\"uri\":\"test://y\",\"name\":\"y\"}");
}

static void
test_tool_result_roundtrip (void)
{
  g_autoptr(McpToolResult) result = mcp_tool_result_new_text ("one");
  g_autoptr(JsonNode) structured = mcp_test_parse ("{\"sum\":5}");
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(McpToolResult) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  mcp_tool_result_add_text (result, "two");
  mcp_tool_result_set_structured_content (result, structured);
  mcp_tool_result_set_is_error (result, TRUE);
  json = mcp_tool_result_to_json (result);

  parsed = mcp_tool_result_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mcp_tool_result_get_n_content (parsed), ==, 2);
  g_assert_true (mcp_tool_result_get_is_error (parsed));
  g_assert_true (json_node_equal (mcp_tool_result_get_structured_content (parsed), structured));
  text = mcp_tool_result_dup_text (parsed);
  g_assert_cmpstr (text, ==, "one\ntwo");
  g_assert_finalize_object (g_steal_pointer (&parsed));
}

static void
test_tool_json (void)
{
  g_autoptr(McpTool) tool = mcp_tool_new ("add", "Adds");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(McpTool) parsed = NULL;
  g_autoptr(McpTool) bare = mcp_tool_new ("bare", NULL);
  g_autoptr(JsonNode) bare_json = mcp_tool_to_json (bare);
  g_autofree char *bare_text = to_string (bare_json);
  g_autoptr(JsonNode) not_a_tool = mcp_test_parse ("{\"description\":\"x\"}");

  g_assert_true (mcp_tool_set_input_schema_json (tool,
                 "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}},\"required\":[\"a\"]}",
                 &error));
  g_assert_no_error (error);
  g_assert_false (mcp_tool_set_input_schema_json (tool, "[1]", &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  mcp_tool_set_hint (tool, "readOnlyHint", TRUE);
  mcp_tool_set_title (tool, "Add");

  json = mcp_tool_to_json (tool);
  parsed = mcp_tool_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_tool_get_name (parsed), ==, "add");
  g_assert_cmpstr (mcp_tool_get_title (parsed), ==, "Add");
  g_assert_true (json_node_equal (mcp_tool_get_input_schema (parsed),
                                  mcp_tool_get_input_schema (tool)));
  g_assert_true (json_node_equal (mcp_tool_get_annotations (parsed),
                                  mcp_tool_get_annotations (tool)));

  /* A tool with no schema still advertises an object schema. */
  g_assert_cmpstr (bare_text, ==, "{\"name\":\"bare\",\"inputSchema\":{\"type\":\"object\"}}");

  g_assert_null (mcp_tool_new_from_json (not_a_tool, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Message/build-request", test_build_request);
  g_test_add_func ("/Mcp/Message/build-notification", test_build_notification);
  g_test_add_func ("/Mcp/Message/build-response", test_build_response);
  g_test_add_func ("/Mcp/Message/build-error", test_build_error);
  g_test_add_func ("/Mcp/Message/build-error-from-gerror", test_build_error_from_gerror);
  g_test_add_func ("/Mcp/Message/parse-cases", test_parse_cases);
  g_test_add_func ("/Mcp/Message/parse-invalid-is-empty", test_parse_invalid_is_empty);
  g_test_add_func ("/Mcp/Message/id-identity", test_id_identity);
  g_test_add_func ("/Mcp/Message/id-key-integers", test_id_key_integers);
  g_test_add_func ("/Mcp/Message/parse-bad-data", test_parse_bad_data);
  g_test_add_func ("/Mcp/Message/parse-invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/Mcp/Message/parse-deep-nesting", test_parse_deep_nesting);
  g_test_add_func ("/Mcp/Message/parse-surrogates", test_parse_surrogates);
  g_test_add_func ("/Mcp/Protocol/versions", test_versions);
  g_test_add_func ("/Mcp/Protocol/logging-levels", test_logging_levels);
  g_test_add_func ("/Mcp/Error/mapping", test_error_mapping);
  g_test_add_func ("/Mcp/Error/keeps-wire-data", test_error_keeps_wire_data);
  g_test_add_func ("/Mcp/Error/keeps-code-zero", test_error_keeps_code_zero);
  g_test_add_func ("/Mcp/Content/blocks", test_content_blocks);
  g_test_add_func ("/Mcp/ToolResult/roundtrip", test_tool_result_roundtrip);
  g_test_add_func ("/Mcp/Tool/json", test_tool_json);

  return g_test_run ();
}

/* test-envelope.c: the per-request `_meta` envelope of the 2026-07-28 era
 * (src/protocol/mcp-envelope.c), checked against the revision's schema
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-envelope-private.h"
#include "mcp-test-schema.h"
#include "mcp-test-util.h"

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonNode) node = mcp_test_parse (json);

  return json_object_ref (json_node_get_object (node));
}

static void
test_versions (void)
{
  g_assert_true (_mcp_envelope_version_is_modern ("2026-07-28"));
  g_assert_false (_mcp_envelope_version_is_modern ("2025-11-25"));
  g_assert_false (_mcp_envelope_version_is_modern ("1900-01-01"));
  g_assert_false (_mcp_envelope_version_is_modern (NULL));
  g_assert_cmpstr (_mcp_envelope_modern_versions ()[0], ==, "2026-07-28");
}

static void
test_read (void)
{
  g_autoptr(JsonObject) params = object_from (
    "{\"name\":\"echo\",\"_meta\":{"
    "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":{\"sampling\":{}},"
    "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\",\"version\":\"1\"},"
    "\"io.modelcontextprotocol/logLevel\":\"warning\",\"progressToken\":3}}");
  g_autoptr(JsonObject) legacy = object_from ("{\"name\":\"echo\",\"_meta\":{\"progressToken\":3}}");
  g_autoptr(GError) error = NULL;
  McpEnvelope envelope;

  g_assert_true (_mcp_envelope_is_present (params));
  g_assert_false (_mcp_envelope_is_present (legacy));
  g_assert_false (_mcp_envelope_is_present (NULL));

  g_assert_true (_mcp_envelope_read (params, &envelope, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (envelope.protocol_version, ==, "2026-07-28");
  g_assert_true (json_object_has_member (envelope.client_capabilities, "sampling"));
  g_assert_cmpstr (json_object_get_string_member (envelope.client_info, "name"), ==, "c");
  g_assert_cmpstr (envelope.log_level, ==, "warning");
}

static void
test_malformed (void)
{
  static const char * const cases[] = {
    /* No _meta, or not an object. */
    "{}",
    "{\"_meta\":[]}",
    /* The version is not a string. */
    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":20260728,"
    "\"io.modelcontextprotocol/clientCapabilities\":{}}}",
    /* No capabilities, or not an object. */
    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}",
    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":true}}",
    /* A clientInfo without a version. */
    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":{},"
    "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\"}}}",
    /* A level that is not one. */
    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":{},"
    "\"io.modelcontextprotocol/logLevel\":\"loud\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) params = object_from (cases[i]);
      g_autoptr(GError) error = NULL;
      McpEnvelope envelope;

      g_assert_false (_mcp_envelope_read (params, &envelope, &error));
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    }
}

static void
test_request_meta (void)
{
  g_autoptr(JsonObject) capabilities = object_from ("{\"elicitation\":{\"form\":{}}}");
  g_autoptr(JsonObject) info = object_from ("{\"name\":\"client\",\"version\":\"2\"}");
  g_autoptr(JsonObject) meta = _mcp_envelope_new_request_meta ("2026-07-28", capabilities, info,
                                                               "debug");
  g_autoptr(JsonObject) request = object_from ("{\"jsonrpc\":\"2.0\",\"id\":1,"
                                               "\"method\":\"tools/list\",\"params\":{}}");
  g_autoptr(JsonObject) params_back = NULL;
  g_autoptr(GError) error = NULL;
  McpEnvelope envelope;

  json_object_set_object_member (json_object_get_object_member (request, "params"), "_meta",
                                 json_object_ref (meta));
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), request);

    mcp_test_assert_valid ("2026-07-28", "ListToolsRequest", node);
  }
  g_assert_true (_mcp_envelope_read (json_object_get_object_member (request, "params"), &envelope,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpstr (envelope.log_level, ==, "debug");
}

static void
test_stamp_result (void)
{
  g_autoptr(JsonObject) info = object_from ("{\"name\":\"server\",\"version\":\"3\"}");
  g_autoptr(JsonObject) result = object_from ("{\"tools\":[],\"ttlMs\":0,\"cacheScope\":\"public\","
                                              "\"_meta\":{\"com.example/x\":1}}");
  g_autoptr(JsonObject) typed = object_from ("{\"resultType\":\"input_required\","
                                             "\"requestState\":\"s\"}");
  g_autoptr(JsonObject) old = object_from ("{\"tools\":[]}");
  g_autoptr(JsonObject) odd = object_from ("{\"resultType\":7}");
  JsonObject *meta;

  _mcp_envelope_stamp_result (result, MCP_RESULT_TYPE_COMPLETE, info);
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "complete");
  meta = json_object_get_object_member (result, "_meta");
  g_assert_true (json_object_has_member (meta, "com.example/x"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (meta,
                                                                                MCP_META_SERVER_INFO),
                                                  "name"), ==, "server");
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);

    mcp_test_assert_valid ("2026-07-28", "ListToolsResult", node);
  }

  /* (The schema does require what was stamped.) */
  mcp_test_assert_invalid_json ("2026-07-28", "ListToolsResult",
                                "{\"tools\":[],\"ttlMs\":0,\"cacheScope\":\"public\"}");

  /* A handler's own resultType stays. */
  _mcp_envelope_stamp_result (typed, MCP_RESULT_TYPE_COMPLETE, NULL);
  g_assert_cmpstr (_mcp_envelope_result_type (typed), ==, "input_required");
  g_assert_false (json_object_has_member (typed, "_meta"));

  /* Reading: absent means complete; not a string means invalid. */
  g_assert_cmpstr (_mcp_envelope_result_type (old), ==, "complete");
  g_assert_null (_mcp_envelope_result_type (odd));
}

static void
test_error_data (void)
{
  static const char * const supported[] = { "2026-07-28", "2025-11-25", NULL };
  g_autoptr(JsonNode) data = _mcp_envelope_unsupported_version_data ("1900-01-01", supported);
  g_autoptr(JsonObject) required = object_from ("{\"sampling\":{}}");
  g_autoptr(JsonNode) missing = _mcp_envelope_missing_capabilities_data (required);
  g_autoptr(JsonObject) error = json_object_new ();
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list = json_object_get_array_member (json_node_get_object (data), "supported");

  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (data), "requested"), ==,
                   "1900-01-01");

  json_object_set_int_member (error, "code", MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION);
  json_object_set_string_member (error, "message", "Unsupported protocol version");
  json_object_set_member (error, "data", json_node_copy (data));
  json_object_set_string_member (response, "jsonrpc", "2.0");
  json_object_set_int_member (response, "id", 1);
  json_object_set_object_member (response, "error", json_object_ref (error));
  node = json_node_init_object (json_node_alloc (), response);
  mcp_test_assert_valid ("2026-07-28", "UnsupportedProtocolVersionError", node);

  json_object_set_int_member (error, "code", MCP_JSONRPC_MISSING_REQUIRED_CLIENT_CAPABILITY);
  json_object_set_member (error, "data", json_node_copy (missing));
  mcp_test_assert_valid ("2026-07-28", "MissingRequiredClientCapabilityError", node);
}

static void
test_capabilities (void)
{
  g_autoptr(JsonObject) declared = object_from ("{\"sampling\":{},\"elicitation\":{\"form\":{}}}");
  g_autoptr(JsonObject) base = object_from ("{\"elicitation\":{}}");
  g_autoptr(JsonObject) form = object_from ("{\"elicitation\":{\"form\":{}}}");
  g_autoptr(JsonObject) url = object_from ("{\"elicitation\":{\"url\":{}}}");
  g_autoptr(JsonObject) roots = object_from ("{\"roots\":{}}");
  g_autoptr(JsonObject) plain = object_from ("{\"elicitation\":{}}");

  g_assert_true (_mcp_envelope_has_capabilities (declared, base));
  g_assert_true (_mcp_envelope_has_capabilities (declared, form));
  g_assert_false (_mcp_envelope_has_capabilities (declared, url));
  g_assert_false (_mcp_envelope_has_capabilities (declared, roots));
  g_assert_false (_mcp_envelope_has_capabilities (NULL, roots));
  /* `elicitation: {}` declares the base form and says nothing finer. */
  g_assert_true (_mcp_envelope_has_capabilities (plain, form));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Envelope/versions", test_versions);
  g_test_add_func ("/Mcp/Envelope/read", test_read);
  g_test_add_func ("/Mcp/Envelope/malformed", test_malformed);
  g_test_add_func ("/Mcp/Envelope/request-meta", test_request_meta);
  g_test_add_func ("/Mcp/Envelope/stamp-result", test_stamp_result);
  g_test_add_func ("/Mcp/Envelope/error-data", test_error_data);
  g_test_add_func ("/Mcp/Envelope/capabilities", test_capabilities);

  return g_test_run ();
}

/* test-header-params.c: `x-mcp-header` annotations, header value encoding
 * and header/body matching of the 2026-07-28 HTTP binding
 * (src/protocol/mcp-header-params.c)
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-header-params-private.h"
#include "mcp-test-util.h"

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonNode) node = mcp_test_parse (json);

  return json_object_ref (json_node_get_object (node));
}

static void
test_schema (void)
{
  g_autoptr(JsonObject) schema = object_from (
    "{\"type\":\"object\",\"properties\":{"
    "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
    "\"query\":{\"type\":\"string\"},"
    "\"limits\":{\"type\":\"object\",\"properties\":{"
    "  \"rows\":{\"type\":\"integer\",\"x-mcp-header\":\"Max-Rows\"}}},"
    "\"dry\":{\"type\":\"boolean\",\"x-mcp-header\":\"Dry_Run\","
    "  \"default\":{\"x-mcp-header\":\"not-an-annotation\"}}}}");
  g_autoptr(JsonObject) arguments = object_from ("{\"region\":\"us-west1\",\"query\":\"q\","
                                                 "\"limits\":{\"rows\":42},\"dry\":null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) params = _mcp_header_params_from_schema (schema, &error);
  McpHeaderParam *param;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (params->len, ==, 3);
  param = g_ptr_array_index (params, 0);
  g_assert_cmpstr (param->header, ==, "Region");
  g_assert_cmpstr (param->path[0], ==, "region");
  text = _mcp_header_param_text (_mcp_header_param_lookup (param, arguments), &error);
  g_assert_cmpstr (text, ==, "us-west1");
  g_clear_pointer (&text, g_free);

  param = g_ptr_array_index (params, 1);
  g_assert_cmpstr (param->header, ==, "Max-Rows");
  g_assert_cmpstr (param->path[0], ==, "limits");
  g_assert_cmpstr (param->path[1], ==, "rows");
  text = _mcp_header_param_text (_mcp_header_param_lookup (param, arguments), &error);
  g_assert_cmpstr (text, ==, "42");

  /* null, or absent: no header. */
  param = g_ptr_array_index (params, 2);
  g_assert_null (_mcp_header_param_lookup (param, arguments));

  /* No schema, no annotations. */
  g_clear_pointer (&params, g_ptr_array_unref);
  params = _mcp_header_params_from_schema (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (params->len, ==, 0);
}

static void
test_schema_refused (void)
{
  static const char * const cases[] = {
    /* Not a token, empty, not a string. */
    "{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"Bad Name\"}}}",
    "{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"\"}}}",
    "{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":7}}}",
    "{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"A\\r\\nX: y\"}}}",
    /* Twice, without regard to case. */
    "{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"Name\"},"
    "\"b\":{\"type\":\"string\",\"x-mcp-header\":\"name\"}}}",
    /* Not a primitive, or a number. */
    "{\"properties\":{\"a\":{\"type\":\"number\",\"x-mcp-header\":\"A\"}}}",
    "{\"properties\":{\"a\":{\"type\":\"object\",\"x-mcp-header\":\"A\"}}}",
    "{\"properties\":{\"a\":{\"x-mcp-header\":\"A\"}}}",
    /* Not statically reachable. */
    "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"x-mcp-header\":\"A\"}}",
    "{\"properties\":{\"a\":{\"anyOf\":[{\"type\":\"string\",\"x-mcp-header\":\"A\"}]}}}",
    "{\"$defs\":{\"x\":{\"type\":\"string\",\"x-mcp-header\":\"A\"}},"
    "\"properties\":{\"a\":{\"$ref\":\"#/$defs/x\"}}}",
    "{\"if\":{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"A\"}}}}",
    /* On the root itself. */
    "{\"type\":\"string\",\"x-mcp-header\":\"A\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) schema = object_from (cases[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) params = _mcp_header_params_from_schema (schema, &error);

      if (params != NULL)
        g_error ("accepted: %s", cases[i]);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    }
}

static void
test_text (void)
{
  static const char * const refused[] = {
    "1.5", "9007199254740992", "1e300", "[1]", "{}", "null",
  };
  g_autoptr(JsonNode) t = mcp_test_parse ("true");
  g_autoptr(JsonNode) neg = mcp_test_parse ("-7");
  g_autoptr(JsonNode) whole = mcp_test_parse ("42.0");
  g_autofree char *a = _mcp_header_param_text (t, NULL);
  g_autofree char *b = _mcp_header_param_text (neg, NULL);
  g_autofree char *c = _mcp_header_param_text (whole, NULL);

  g_assert_cmpstr (a, ==, "true");
  g_assert_cmpstr (b, ==, "-7");
  g_assert_cmpstr (c, ==, "42");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonNode) value = mcp_test_parse (refused[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = _mcp_header_param_text (value, &error);

      g_assert_null (text);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    }
}

static void
test_encoding (void)
{
  /* The revision's own examples. */
  static const struct {
    const char *value;
    const char *encoded;
  } cases[] = {
    { "us-west1", "us-west1" },
    { "Hello, \xe4\xb8\x96\xe7\x95\x8c", "=?base64?SGVsbG8sIOS4lueVjA==?=" },
    { " padded ", "=?base64?IHBhZGRlZCA=?=" },
    { "line1\nline2", "=?base64?bGluZTEKbGluZTI=?=" },
    { "=?base64?literal?=", "=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *encoded = _mcp_header_value_encode (cases[i].value);
      g_autofree char *decoded = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (encoded, ==, cases[i].encoded);
      decoded = _mcp_header_value_decode (encoded, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (decoded, ==, cases[i].value);
    }
}

static void
test_decoding_refused (void)
{
  static const char * const cases[] = {
    "a\x01" "b",            /* a control character */
    "caf\xc3\xa9",          /* raw non-ASCII */
    "=?base64?not base64?=",
    "=?base64?SGVsbG8?=",   /* not a multiple of four */
    "=?base64?/w==?=",      /* 0xff: not UTF-8 */
    "=?base64?AA==?=",      /* a NUL */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *decoded = _mcp_header_value_decode (cases[i], &error);

      g_assert_null (decoded);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
    }
}

static void
test_matches (void)
{
  g_autoptr(JsonNode) s = mcp_test_parse ("\"us-west1\"");
  g_autoptr(JsonNode) i = mcp_test_parse ("42");
  g_autoptr(JsonNode) d = mcp_test_parse ("42.0");
  g_autoptr(JsonNode) b = mcp_test_parse ("false");
  g_autoptr(JsonNode) o = mcp_test_parse ("{}");

  g_assert_true (_mcp_header_value_matches ("us-west1", s));
  g_assert_false (_mcp_header_value_matches ("us-west2", s));
  g_assert_false (_mcp_header_value_matches ("US-WEST1", s));
  g_assert_true (_mcp_header_value_matches ("42", i));
  g_assert_true (_mcp_header_value_matches ("42.0", i));
  g_assert_true (_mcp_header_value_matches ("42", d));
  g_assert_false (_mcp_header_value_matches ("43", i));
  g_assert_false (_mcp_header_value_matches ("42abc", i));
  g_assert_false (_mcp_header_value_matches ("", i));
  g_assert_false (_mcp_header_value_matches ("nan", i));
  g_assert_false (_mcp_header_value_matches ("1e300", i));
  g_assert_true (_mcp_header_value_matches ("false", b));
  g_assert_false (_mcp_header_value_matches ("0", b));
  g_assert_false (_mcp_header_value_matches ("{}", o));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/HeaderParams/schema", test_schema);
  g_test_add_func ("/Mcp/HeaderParams/schema-refused", test_schema_refused);
  g_test_add_func ("/Mcp/HeaderParams/text", test_text);
  g_test_add_func ("/Mcp/HeaderParams/encoding", test_encoding);
  g_test_add_func ("/Mcp/HeaderParams/decoding-refused", test_decoding_refused);
  g_test_add_func ("/Mcp/HeaderParams/matches", test_matches);

  return g_test_run ();
}

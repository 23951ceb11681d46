/* test-json-codec.c: the wire JSON reader and writer
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Cases are named in the manner of the JSONTestSuite: y_ must be accepted,
 * n_ must be refused, i_ is left to implementations by RFC 8259 and the
 * table says what ours does (see mcp-json-reader-private.h).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-json-reader-private.h"
#include "mcp-message-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-test-util.h"

#define DEPTH MCP_MESSAGE_MAX_DEPTH

typedef struct
{
  const char *name;
  const char *text;
  gsize       length;
} Case;

#define C(name, text) { name, text, sizeof (text) - 1 }

static const Case accepted[] = {
  C ("y_object_empty", "{}"),
  C ("y_array_empty", "[]"),
  C ("y_array_empty_spaces", "[ \t\r\n]"),
  C ("y_object_spaces", " {\n\t\"a\" : 1 ,\r\n \"b\":[ ] } "),
  C ("y_object_empty_name", "{\"\":0}"),
  C ("y_object_many", "{\"a\":1,\"b\":2,\"c\":3,\"d\":{\"a\":1}}"),
  C ("y_array_nested", "[[[]],[{}],{\"a\":[[[]]]}]"),
  C ("y_array_heterogeneous", "[null,true,false,0,\"\",{},[]]"),
  C ("y_scalar_string", "\"x\""),
  C ("y_scalar_number", "-12"),
  C ("y_scalar_true", "true"),
  C ("y_scalar_false", "false"),
  C ("y_scalar_null", "null"),
  C ("y_number_zero", "0"),
  C ("y_number_minus_zero", "-0"),
  C ("y_number_minus_zero_fraction", "-0.0"),
  C ("y_number_fraction", "0.5"),
  C ("y_number_exponent", "1e5"),
  C ("y_number_capital_exponent", "1E5"),
  C ("y_number_exponent_plus", "1e+5"),
  C ("y_number_exponent_minus", "1e-5"),
  C ("y_number_exponent_leading_zero", "1e005"),
  C ("y_number_fraction_exponent", "-1.25e-3"),
  C ("y_number_int64_max", "9223372036854775807"),
  C ("y_number_int64_min", "-9223372036854775808"),
  C ("y_number_beyond_int64", "9223372036854775808"),
  C ("y_number_huge_integer", "123456789012345678901234567890"),
  C ("y_number_underflow", "1e-400"),
  C ("y_number_long_fraction", "0.1000000000000000055511151231257827021181583404541015625"),
  C ("y_number_max_double", "1.7976931348623157e308"),
  C ("y_number_min_subnormal", "5e-324"),
  C ("y_string_escapes", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""),
  C ("y_string_unicode_escape", "\"\\u00e9\\u4e2D\""),
  C ("y_string_surrogate_pair", "\"\\ud83d\\ude00\""),
  C ("y_string_surrogate_pair_upper", "\"\\uD834\\uDD1E\""),
  C ("y_string_u2028_raw", "\"\xe2\x80\xa8\""),
  C ("y_string_utf8_2", "\"\xc3\xa9\""),
  C ("y_string_utf8_3", "\"\xe4\xb8\xad\""),
  C ("y_string_utf8_4", "\"\xf0\x9f\x98\x80\""),
  C ("y_string_utf8_max", "\"\xf4\x8f\xbf\xbf\""),
  C ("y_string_utf8_before_surrogates", "\"\xed\x9f\xbf\""),
  C ("y_string_utf8_after_surrogates", "\"\xee\x80\x80\""),
  C ("y_string_noncharacter", "\"\xef\xbf\xbf\""),
  C ("y_string_del", "\"\x7f\""),
  C ("y_string_brackets", "\"[[[{{{\""),
  C ("y_string_comment_like", "\"/* not a comment */\""),
  C ("y_string_escaped_backslash_then_quote", "[\"\\\\\",\"x\"]"),
  C ("y_string_unicode_escape_of_quote", "\"\\u0022\""),
  C ("y_message_tools_call",
     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
     "{\"name\":\"echo\",\"arguments\":{\"message\":\"hello world\"}}}"),
};

static const Case refused[] = {
  C ("n_empty", ""),
  C ("n_only_space", "  \n"),
  C ("n_bom", "\xef\xbb\xbf{}"),
  C ("n_two_values", "{} {}"),
  C ("n_trailing_garbage", "[1]x"),
  C ("n_trailing_nul", "[1]\0"),
  C ("n_trailing_comma_array", "[1,]"),
  C ("n_trailing_comma_object", "{\"a\":1,}"),
  C ("n_leading_comma", "[,1]"),
  C ("n_double_comma", "[1,,2]"),
  C ("n_missing_comma", "[1 2]"),
  C ("n_missing_colon", "{\"a\" 1}"),
  C ("n_missing_value", "{\"a\":}"),
  C ("n_unclosed_array", "[1"),
  C ("n_unclosed_object", "{\"a\":1"),
  C ("n_unclosed_after_comma", "[1,"),
  C ("n_mismatched", "[}"),
  C ("n_extra_close", "[]]"),
  C ("n_name_not_string", "{1:1}"),
  C ("n_name_single_quoted", "{'a':1}"),
  C ("n_string_single_quoted", "['a']"),
  C ("n_comment_block", "[/* x */1]"),
  C ("n_comment_line", "[1// x\n]"),
  C ("n_comment_hash", "[1# x\n]"),
  C ("n_nan", "NaN"),
  C ("n_infinity", "[Infinity]"),
  C ("n_minus_infinity", "[-Infinity]"),
  C ("n_literal_case", "True"),
  C ("n_literal_truncated", "[tru]"),
  C ("n_literal_extended", "[nulll]"),
  C ("n_number_leading_zero", "01"),
  C ("n_number_minus_leading_zero", "-01"),
  C ("n_number_plus", "+1"),
  C ("n_number_minus_only", "[-]"),
  C ("n_number_leading_dot", "[.5]"),
  C ("n_number_trailing_dot", "[1.]"),
  C ("n_number_dot_exponent", "[1.e5]"),
  C ("n_number_exponent_empty", "[1e]"),
  C ("n_number_exponent_sign_only", "[1e+]"),
  C ("n_number_hex", "[0x10]"),
  C ("n_number_overflow", "1e400"),
  C ("n_number_negative_overflow", "-1e400"),
  C ("n_number_huge_digits",
     "1000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000000000000000000000000000000000000"),
  C ("n_string_unterminated", "\"abc"),
  C ("n_string_unterminated_escape", "\"abc\\"),
  C ("n_string_control_tab", "\"a\tb\""),
  C ("n_string_control_newline", "\"a\nb\""),
  C ("n_string_control_nul", "\"a\0b\""),
  C ("n_string_bad_escape", "\"\\x41\""),
  C ("n_string_escape_apostrophe", "\"\\'\""),
  C ("n_string_short_unicode_escape", "\"\\u12\""),
  C ("n_string_bad_hex", "\"\\u12G4\""),
  C ("n_string_lone_high_surrogate", "\"\\ud800\""),
  C ("n_string_lone_high_surrogate_then_text", "\"\\ud800abcdef\""),
  C ("n_string_lone_low_surrogate", "\"\\udc00\""),
  C ("n_string_reversed_pair", "\"\\udc00\\ud800\""),
  C ("n_string_high_then_high", "\"\\ud800\\ud800\""),
  C ("n_string_high_then_bmp", "\"\\ud800\\u0041\""),
  C ("n_string_utf8_continuation", "\"\x80\""),
  C ("n_string_utf8_truncated_2", "\"\xc3\""),
  C ("n_string_utf8_truncated_3", "\"\xe4\xb8\""),
  C ("n_string_utf8_truncated_at_end", "\"\xf0\x9f\x98"),
  C ("n_string_utf8_overlong_2", "\"\xc0\xaf\""),
  C ("n_string_utf8_overlong_c1", "\"\xc1\xbf\""),
  C ("n_string_utf8_overlong_3", "\"\xe0\x80\xaf\""),
  C ("n_string_utf8_overlong_4", "\"\xf0\x80\x80\xaf\""),
  C ("n_string_utf8_surrogate", "\"\xed\xa0\x80\""),
  C ("n_string_utf8_surrogate_pair_cesu", "\"\xed\xa0\xbd\xed\xb8\x80\""),
  C ("n_string_utf8_above_max", "\"\xf4\x90\x80\x80\""),
  C ("n_string_utf8_f5", "\"\xf5\x80\x80\x80\""),
  C ("n_string_utf8_ff", "\"\xff\""),
  C ("n_string_utf8_bad_second", "\"\xe4\x41\x41\""),
  C ("n_name_invalid_utf8", "{\"\xff\":1}"),
  C ("n_outside_string_utf8", "[\xc3\xa9]"),
  C ("n_space_nbsp", "[\xc2\xa0" "1]"),
  C ("n_space_form_feed", "[\f1]"),
  C ("n_space_vertical_tab", "[\v1]"),
  C ("n_duplicate_name", "{\"a\":1,\"a\":2}"),
  C ("n_duplicate_name_same_value", "{\"a\":1,\"a\":1}"),
  C ("n_duplicate_name_escaped", "{\"a\":1,\"\\u0061\":2}"),
  C ("n_duplicate_name_nested", "{\"x\":{\"b\":[],\"c\":0,\"b\":{}}}"),
  C ("n_duplicate_name_empty", "{\"\":1,\"\":2}"),
};

/* Implementation-defined by RFC 8259; what we decided. */
static const struct
{
  Case     c;
  gboolean accept;
} implementation_defined[] = {
  { C ("i_string_escaped_nul", "\"a\\u0000b\""), FALSE },
  { C ("i_string_noncharacter_escape", "\"\\uffff\""), TRUE },
  { C ("i_number_beyond_double_precision", "[1.00000000000000011102230246251565404236316680908203126]"), TRUE },
  { C ("i_number_huge_exponent_zero", "[0e99999999]"), TRUE },
  { C ("i_number_tiny_exponent", "[1e-99999999]"), TRUE },
  { C ("i_bom_inside_string", "\"\xef\xbb\xbf\""), TRUE },
  { C ("i_bom_only", "\xef\xbb\xbf"), FALSE },
};

static JsonNode *
read_text (const char  *text,
           gsize        length,
           GError     **error)
{
  return _mcp_json_read (text, length, DEPTH, G_MAXSIZE, error);
}

static JsonNode *
parse_text (const char  *text,
                     GError     **error)
{
  return read_text (text, strlen (text), error);
}

static void
assert_refused (const char *name,
                const char *text,
                gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = read_text (text, length, &error);

  if (node != NULL)
    g_error ("%s: accepted", name);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "Parse error"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_accept (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = read_text (accepted[i].text, accepted[i].length, &error);

      g_test_message ("%s", accepted[i].name);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

static void
test_refuse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i].name);
      assert_refused (refused[i].name, refused[i].text, refused[i].length);
    }
}

static void
test_implementation_defined (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (implementation_defined); i++)
    {
      const Case *c = &implementation_defined[i].c;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("%s", c->name);
      if (!implementation_defined[i].accept)
        {
          assert_refused (c->name, c->text, c->length);
          continue;
        }
      node = read_text (c->text, c->length, &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

/* The error says where and what, and never quotes the input. */
static void
test_error_messages (void)
{
  static const struct
  {
    const char *text;
    const char *expected;
  } cases[] = {
    { "{\"SECRET\":1,}", "Parse error at byte 12: expected a member name" },
    { "[1,2 SECRET]", "Parse error at byte 5: expected ',' or ']' after an array element" },
    { "{\"SECRET\":1,\"SECRET\":2}", "Parse error at byte 12: an object names the same member twice" },
    { "[\"SECRET\\u0000\"]", "Parse error at byte 8: \\u0000 is not accepted in strings" },
    { "\"SECRET\x01\"", "Parse error at byte 7: unescaped control character U+0001 in a string" },
    { "[01]", "Parse error at byte 2: a number has a leading zero" },
    { "[1e999]", "Parse error at byte 1: a number is too large for a double" },
    { "\"\\ud800\"", "Parse error at byte 1: a \\u escape is a high surrogate without a low one" },
    { "[\"\xff\"]", "Parse error at byte 2: invalid UTF-8" },
    { "\xef\xbb\xbf[]", "Parse error at byte 0: a byte order mark is not accepted" },
    { "[] SECRET", "Parse error at byte 3: unexpected data after the value" },
    { "[/*SECRET*/]", "Parse error at byte 1: expected a value" },
    { "{\"a\":1", "Parse error at byte 6: unexpected end of the message" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = read_text (cases[i].text, strlen (cases[i].text), &error);

      g_assert_null (node);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
      g_assert_cmpstr (error->message, ==, cases[i].expected);
      g_assert_null (strstr (error->message, "SECRET"));
    }
}

/* Strict comparison: same node types, same value types (an int is not a
 * double), same double bits, same member order. Iterative. */
static gboolean
trees_identical (JsonNode *a,
                 JsonNode *b)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  g_ptr_array_add (pending, a);
  g_ptr_array_add (pending, b);

  while (pending->len > 0)
    {
      JsonNode *y = g_ptr_array_steal_index (pending, pending->len - 1);
      JsonNode *x = g_ptr_array_steal_index (pending, pending->len - 1);

      if (JSON_NODE_TYPE (x) != JSON_NODE_TYPE (y))
        return FALSE;

      switch (JSON_NODE_TYPE (x))
        {
        case JSON_NODE_OBJECT:
          {
            JsonObject *ox = json_node_get_object (x);
            JsonObject *oy = json_node_get_object (y);
            JsonObjectIter ix, iy;
            const char *nx, *ny;
            JsonNode *mx, *my;

            if (json_object_get_size (ox) != json_object_get_size (oy))
              return FALSE;
            json_object_iter_init_ordered (&ix, ox);
            json_object_iter_init_ordered (&iy, oy);
            while (json_object_iter_next_ordered (&ix, &nx, &mx))
              {
                if (!json_object_iter_next_ordered (&iy, &ny, &my) || strcmp (nx, ny) != 0)
                  return FALSE;
                g_ptr_array_add (pending, mx);
                g_ptr_array_add (pending, my);
              }
          }
          break;

        case JSON_NODE_ARRAY:
          {
            JsonArray *ax = json_node_get_array (x);
            JsonArray *ay = json_node_get_array (y);

            if (json_array_get_length (ax) != json_array_get_length (ay))
              return FALSE;
            for (guint i = 0; i < json_array_get_length (ax); i++)
              {
                g_ptr_array_add (pending, json_array_get_element (ax, i));
                g_ptr_array_add (pending, json_array_get_element (ay, i));
              }
          }
          break;

        case JSON_NODE_VALUE:
          if (json_node_get_value_type (x) != json_node_get_value_type (y))
            return FALSE;
          switch (json_node_get_value_type (x))
            {
            case G_TYPE_INT64:
              if (json_node_get_int (x) != json_node_get_int (y))
                return FALSE;
              break;
            case G_TYPE_DOUBLE:
              {
                gdouble dx = json_node_get_double (x), dy = json_node_get_double (y);

                if (memcmp (&dx, &dy, sizeof dx) != 0)
                  return FALSE;
              }
              break;
            case G_TYPE_BOOLEAN:
              if (json_node_get_boolean (x) != json_node_get_boolean (y))
                return FALSE;
              break;
            case G_TYPE_STRING:
              if (g_strcmp0 (json_node_get_string (x), json_node_get_string (y)) != 0)
                return FALSE;
              break;
            default:
              return FALSE;
            }
          break;

        case JSON_NODE_NULL:
        default:
          break;
        }
    }

  return TRUE;
}

/* Valid documents both parsers must read alike: what json-glib did is what
 * the rest of the library (and the interop peers) were tested with. */
static const char * const corpus[] = {
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"isError\":false}}",
  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1.5,\"b\":-2}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":11,\"error\":{\"code\":-32601,\"message\":\"no\",\"data\":null}}",
  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"t\",\"progress\":0.25,\"total\":1}}",
  "[0,-0,1,-1,1.0,-1.0,0.5,1e5,1E-5,-2.5e+3,9223372036854775807,-9223372036854775808,3.14,0.1,1e-300,5e-324,1.7976931348623157e308,-0.0]",
  "[123456789,1234567890123,0.000001,1e21,1e22,1e23,4.35,2.675,1.0000000000000002,9007199254740993.0]",
  "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2d\\ud83d\\ude00\",\"t\":\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\"}",
  "{\"\":\"\",\"a\":{\"b\":{\"c\":{\"d\":[[[[]]]]}}},\"e\":[{},{\"f\":true},{\"g\":false},{\"h\":null}]}",
  " \t\r\n{ \"spaced\" : [ 1 , 2 , { \"x\" : \"y\" } ] } \n",
  "\"just a string\"",
  "42",
  "true",
  "null",
};

static void
test_cross_check (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autofree char *written = NULL;

      g_test_message ("%s", corpus[i]);
      g_assert_true (json_parser_load_from_data (parser, corpus[i], -1, &error));
      g_assert_no_error (error);
      ours = read_text (corpus[i], strlen (corpus[i]), &error);
      g_assert_no_error (error);
      g_assert_true (trees_identical (json_parser_get_root (parser), ours));

      /* and what we write reads back the same with both */
      written = _mcp_json_to_string (ours, NULL);
      again = read_text (written, strlen (written), &error);
      g_assert_no_error (error);
      g_assert_true (trees_identical (ours, again));
      g_assert_true (json_parser_load_from_data (parser, written, -1, &error));
      g_assert_true (trees_identical (json_parser_get_root (parser), ours));
    }
}

static void
assert_int (const char *text,
            gint64      expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = read_text (text, strlen (text), &error);

  g_test_message ("%s", text);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_double (const char *text,
               gdouble     expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = read_text (text, strlen (text), &error);
  gdouble got;

  g_test_message ("%s", text);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  got = json_node_get_double (node);
  g_assert_cmpmem (&got, sizeof got, &expected, sizeof expected);
}

static void
test_numbers (void)
{
  assert_int ("0", 0);
  assert_int ("-0", 0);
  assert_int ("7", 7);
  assert_int ("-42", -42);
  assert_int ("9223372036854775807", G_MAXINT64);
  assert_int ("-9223372036854775808", G_MININT64);
  assert_int ("1000000000000000000", G_GINT64_CONSTANT (1000000000000000000));

  /* beyond gint64: a double, never a wrapped integer as json-glib 1.6 made it */
  assert_double ("9223372036854775808", 9223372036854775808.0);
  assert_double ("-9223372036854775809", -9223372036854775809.0);
  assert_double ("18446744073709551616", 18446744073709551616.0);
  assert_double ("123456789012345678901234567890", 123456789012345678901234567890.0);

  assert_double ("1.0", 1.0);
  assert_double ("-0.0", -0.0);
  assert_double ("0e0", 0.0);
  assert_double ("-0e-5", -0.0);
  assert_double ("1e2", 100.0);
  assert_double ("1E+2", 100.0);
  assert_double ("25e-1", 2.5);
  assert_double ("0.1", 0.1);
  assert_double ("3.14", 3.14);
  assert_double ("-1.5", -1.5);
  assert_double ("1e22", 1e22);
  assert_double ("1e23", 1e23);
  assert_double ("9007199254740993.0", 9007199254740992.0);   /* ties to even */
  assert_double ("1e-300", 1e-300);
  assert_double ("5e-324", 5e-324);
  assert_double ("2.4703282292062328e-324", 5e-324);
  assert_double ("1.7976931348623157e308", 1.7976931348623157e308);
  assert_double ("1e-400", 0.0);
  assert_double ("-1e-400", -0.0);
  assert_double ("0.30000000000000004", 0.30000000000000004);
  assert_double ("123456789012345.678", 123456789012345.678);
  assert_double ("0.000000000000000000000000000001", 1e-30);
}

/* The fast path must agree with strtod: integers of up to 19 digits with
 * a fraction and a small exponent, from a fixed seed. */
static void
test_numbers_against_strtod (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      guint digits = g_rand_int_range (rand, 1, 20);
      guint fraction = g_rand_int_range (rand, 0, digits);
      GString *s = g_string_new (g_rand_boolean (rand) ? "-" : "");
      gdouble got, expected;

      g_string_append_c (s, '1' + g_rand_int_range (rand, 0, 9));
      for (guint d = 1; d < digits; d++)
        {
          if (d == digits - fraction)
            g_string_append_c (s, '.');
          g_string_append_c (s, '0' + g_rand_int_range (rand, 0, 10));
        }
      if (fraction == 0 || g_rand_boolean (rand))
        g_string_append_printf (s, "e%d", g_rand_int_range (rand, -30, 30));
      text = g_string_free (s, FALSE);

      node = read_text (text, strlen (text), &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
      got = json_node_get_double (node);
      expected = g_ascii_strtod (text, NULL);
      if (memcmp (&got, &expected, sizeof got) != 0)
        g_error ("%s: read %.17g, strtod says %.17g", text, got, expected);
    }
}

static char *
write_double (gdouble value)
{
  g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), value);

  return _mcp_json_to_string (node, NULL);
}

static void
assert_round_trip (gdouble value)
{
  g_autofree char *text = write_double (value);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = read_text (text, strlen (text), &error);
  gdouble got;

  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  got = json_node_get_double (node);
  if (memcmp (&got, &value, sizeof got) != 0)
    g_error ("%.17g written as %s reads back as %.17g", value, text, got);
}

static void
test_double_round_trip (void)
{
  static const gdouble values[] = {
    0.1, 3.14, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 0.0, 1.0, -1.0, 100.0,
    1e21, 1e22, 1e-7, 2.2250738585072014e-308, 2.225073858507201e-308, 0.30000000000000004,
    9007199254740993.0, 4.35, 2.675, 1.0 / 3.0, G_PI, G_E,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      assert_round_trip (values[i]);
      assert_round_trip (-values[i]);
    }

  /* any bit pattern that is a finite double */
  for (guint i = 0; i < 20000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      gdouble value;

      memcpy (&value, &bits, sizeof value);
      if (isfinite (value))
        assert_round_trip (value);
    }

  /* and ordinary magnitudes */
  for (guint i = 0; i < 20000; i++)
    assert_round_trip (g_rand_double_range (rand, -1e6, 1e6));
}

static void
test_write_numbers (void)
{
  static const struct
  {
    gdouble     value;
    const char *text;
  } doubles[] = {
    { 3.14, "3.14" },
    { 0.1, "0.1" },
    { 100.0, "100.0" },
    { 1.0, "1.0" },
    { -0.0, "-0.0" },
    { 0.0, "0.0" },
    { 1.5, "1.5" },
    { 1e21, "1e+21" },
    { 1e-7, "1e-07" },
    { 0.30000000000000004, "0.30000000000000004" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 5e-324, "4.94065645841247e-324" },
    { NAN, "null" },
    { INFINITY, "null" },
    { -INFINITY, "null" },
  };
  static const struct
  {
    gint64      value;
    const char *text;
  } ints[] = {
    { 0, "0" },
    { -1, "-1" },
    { 42, "42" },
    { G_MAXINT64, "9223372036854775807" },
    { G_MININT64, "-9223372036854775808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_autofree char *text = write_double (doubles[i].value);

      g_assert_cmpstr (text, ==, doubles[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), ints[i].value);
      g_autofree char *text = _mcp_json_to_string (node, NULL);

      g_assert_cmpstr (text, ==, ints[i].text);
    }
}

static void
test_write_strings (void)
{
  static const struct
  {
    const char *value;
    const char *text;
  } cases[] = {
    { "", "\"\"" },
    { "plain", "\"plain\"" },
    { "\"quoted\" back\\slash /", "\"\\\"quoted\\\" back\\\\slash /\"" },
    { "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"" },
    { "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"" },
    { "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"" },
    { "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "\"a\\u2028b\\u2029c\"" },
    /* not UTF-8: never on the wire as such */
    { "bad \xff byte", "\"bad \\ufffd byte\"" },
    { "overlong \xc0\xaf", "\"overlong \\ufffd\\ufffd\"" },
    { "surrogate \xed\xa0\x80", "\"surrogate \\ufffd\\ufffd\\ufffd\"" },
    { "cut \xe4\xb8", "\"cut \\ufffd\\ufffd\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), cases[i].value);
      g_autofree char *text = _mcp_json_to_string (node, NULL);
      g_autoptr(JsonNode) back = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (text, ==, cases[i].text);
      back = read_text (text, strlen (text), &error);
      g_assert_no_error (error);
      if (g_utf8_validate (cases[i].value, -1, NULL))
        g_assert_cmpstr (json_node_get_string (back), ==, cases[i].value);
    }
}

static void
test_write_containers (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) empty_object = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) empty_array = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);
  g_autofree char *text = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();
  GString *appended = g_string_new ("prefix ");

  /* insertion order, not hash order */
  json_object_set_int_member (object, "zeta", 1);
  json_object_set_string_member (object, "alpha", "a\"b");
  json_object_set_null_member (object, "mid");
  json_array_add_boolean_element (array, TRUE);
  json_array_add_boolean_element (array, FALSE);
  json_array_add_object_element (array, json_object_new ());
  json_array_add_array_element (array, json_array_new ());
  json_array_add_double_element (array, 2.5);
  json_object_set_array_member (object, "list", array);
  json_object_set_object_member (object, "k\ney", json_object_new ());
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  text = _mcp_json_to_string (node, NULL);
  g_assert_cmpstr (text, ==,
                   "{\"zeta\":1,\"alpha\":\"a\\\"b\",\"mid\":null,"
                   "\"list\":[true,false,{},[],2.5],\"k\\ney\":{}}");

  /* appends to what the caller has */
  _mcp_json_write (appended, node);
  g_assert_true (g_str_has_prefix (appended->str, "prefix {\"zeta\":1,"));
  g_assert_cmpuint (appended->len, ==, strlen ("prefix ") + strlen (text));
  g_string_free (appended, TRUE);

  /* nodes without a container */
  a = _mcp_json_to_string (empty_object, NULL);
  b = _mcp_json_to_string (empty_array, NULL);
  c = _mcp_json_to_string (null, NULL);
  g_assert_cmpstr (a, ==, "{}");
  g_assert_cmpstr (b, ==, "[]");
  g_assert_cmpstr (c, ==, "null");
}

/* The writer keeps its own stack: depth far beyond the reader's default. */
static void
test_write_deep (void)
{
  const guint deep = 5000;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *innermost = json_array_new ();
  gsize length;

  json_node_take_array (root, innermost);
  for (guint i = 1; i < deep; i++)
    {
      JsonArray *inner = json_array_new ();

      json_array_add_int_element (innermost, i);
      json_array_add_array_element (innermost, inner);
      innermost = inner;
    }

  text = _mcp_json_to_string (root, &length);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_true (g_str_has_prefix (text, "[1,[2,[3,"));
  g_assert_nonnull (strstr (text, ",[4999,[]]]"));
  g_assert_cmpuint (strspn (strstr (text, "[]") + 1, "]"), ==, deep);

  back = _mcp_json_read (text, length, DEPTH, G_MAXSIZE, &error);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
  g_assert_null (back);
  g_clear_error (&error);
  back = _mcp_json_read (text, length, deep, G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_assert_true (trees_identical (root, back));
}

static char *
nested (const char *prefix,
        gsize       depth,
        const char *open,
        const char *core,
        const char *close,
        const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (gsize i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, core);
  for (gsize i = 0; i < depth && close != NULL; i++)
    g_string_append (s, close);
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

/* json-glib 1.6 read the comment and the quote below, which the old depth
 * pre-scan did not understand: 200 000 '[' went on to its recursive parser
 * and crashed the process. */
static void
test_nesting_attack (void)
{
  static const char * const prefixes[] = {
    "",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":[/*\"*/",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":['\"',",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":[\"\\\"\",",
    "[{\"a\":",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *brackets = nested (prefixes[i], 200000, "[", "", NULL, "");
      g_autofree char *balanced = nested (prefixes[i], 200000, "[", "", "]", "}}");
      g_autofree char *objects = nested (prefixes[i], 200000, "{\"a\":", "", NULL, "");
      g_autofree char *mixed = nested (prefixes[i], 100000, "[{\"k\":", "", NULL, "");

      g_test_message ("prefix %u", i);
      assert_refused ("brackets", brackets, strlen (brackets));
      assert_refused ("balanced", balanced, strlen (balanced));
      assert_refused ("objects", objects, strlen (objects));
      assert_refused ("mixed", mixed, strlen (mixed));

      /* through the entry point every transport uses */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) node = _mcp_json_parse (brackets, strlen (brackets), &error);

        g_assert_null (node);
        g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
      }
    }
}

static void
test_depth_limit (void)
{
  static const struct
  {
    const char *open;
    const char *close;
  } kinds[] = {
    { "[", "]" },
    { "{\"a\":", "}" },
    { "[{\"a\":", "}]" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint per = k == 2 ? 2 : 1;       /* levels each repetition opens */

      for (guint limit = 1; limit <= DEPTH; limit = limit < 8 ? limit + 1 : limit * 2)
        {
          g_autofree char *at = NULL;
          g_autofree char *over = NULL;
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(GError) error = NULL;
          guint reps = limit / per;

          if (reps * per != limit)
            continue;
          /* exactly at the limit: read; one level more: refused */
          at = nested ("", reps, kinds[k].open, "0", kinds[k].close, "");
          node = _mcp_json_read (at, strlen (at), limit, G_MAXSIZE, &error);
          g_assert_no_error (error);
          g_assert_nonnull (node);
          g_clear_pointer (&node, json_node_unref);

          over = g_strconcat ("[", at, "]", NULL);
          node = _mcp_json_read (over, strlen (over), limit, G_MAXSIZE, &error);
          g_assert_null (node);
          g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
          g_assert_nonnull (strstr (error->message, "nesting deeper than"));
        }
    }

  /* the wire default */
  {
    g_autofree char *at = nested ("", DEPTH, "[", "", "]", "");
    g_autofree char *over = nested ("", DEPTH + 1, "[", "", "]", "");
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(GError) error = NULL;

    node = _mcp_json_parse (at, strlen (at), &error);
    g_assert_no_error (error);
    g_clear_pointer (&node, json_node_unref);
    node = _mcp_json_parse (over, strlen (over), &error);
    g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
  }

  /* scalars need no depth at all */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = _mcp_json_read ("1", 1, 0, G_MAXSIZE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (node);
  }
}

static void
test_size_limit (void)
{
  const char *text = "{\"a\":[1,2,3]}";
  gsize length = strlen (text);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = _mcp_json_read (text, length, DEPTH, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  node = _mcp_json_read (text, length, DEPTH, length - 1, &error);
  g_assert_null (node);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
  g_assert_nonnull (strstr (error->message, "limit"));
}

static void
test_strings (void)
{
  static const struct
  {
    const char *text;
    const char *value;
  } cases[] = {
    { "\"\"", "" },
    { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t" },
    { "\"\\u0041\\u00e9\\u4E2D\"", "A\xc3\xa9\xe4\xb8\xad" },
    { "\"\\u007f\\u0080\\u07ff\\u0800\\uffff\"", "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf" },
    { "\"\\ud800\\udc00\"", "\xf0\x90\x80\x80" },
    { "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },
    { "\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf" },
    { "\"x\\ud83d\\ude00y\\n\"", "x\xf0\x9f\x98\x80y\n" },
    { "\"\xf0\x9f\x98\x80 raw\"", "\xf0\x9f\x98\x80 raw" },
  };
  GString *long_plain = g_string_new ("\"");
  GString *long_escaped = g_string_new ("\"");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = read_text (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("%s", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpstr (json_node_get_string (node), ==, cases[i].value);
    }

  /* longer than the reader's stack buffers, with and without escapes */
  for (guint i = 0; i < 5000; i++)
    {
      g_string_append (long_plain, "abc\xc3\xa9");
      g_string_append (long_escaped, "a\\n\\u00e9");
    }
  g_string_append_c (long_plain, '"');
  g_string_append_c (long_escaped, '"');
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) plain = read_text (long_plain->str, long_plain->len, &error);
    g_autoptr(JsonNode) escaped = read_text (long_escaped->str, long_escaped->len, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (strlen (json_node_get_string (plain)), ==, 5000 * 5);
    g_assert_cmpuint (strlen (json_node_get_string (escaped)), ==, 5000 * 4);
    g_assert_true (g_str_has_prefix (json_node_get_string (escaped), "a\n\xc3\xa9" "a\n"));
  }
  g_string_free (long_plain, TRUE);
  g_string_free (long_escaped, TRUE);

  /* long member names too */
  {
    g_autofree char *name = g_strnfill (1000, 'n');
    g_autofree char *text = g_strdup_printf ("{\"%s\":1,\"%s2\":2}", name, name);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = read_text (text, strlen (text), &error);

    g_assert_no_error (error);
    g_assert_true (json_object_has_member (json_node_get_object (node), name));
  }
}

static void
test_duplicates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* the same name in different objects is fine */
  node = parse_text ("{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  /* names differing only after a NUL cannot occur: \u0000 is refused */
  node = parse_text ("{\"a\\u0000x\":1,\"a\\u0000y\":2}", &error);
  g_assert_null (node);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
  g_clear_error (&error);

  /* the message entry point refuses too */
  node = mcp_message_from_data ("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}", -1, &error);
  g_assert_null (node);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);
}

/* What the writer writes, the reader reads back identically, for trees of
 * random shape and content. */
static JsonNode *
random_tree (GRand *rand,
             guint  depth)
{
  switch (g_rand_int_range (rand, 0, depth < 6 ? 9 : 6))
    {
    case 0: return json_node_init_null (json_node_alloc ());
    case 1: return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    case 2: return json_node_init_int (json_node_alloc (), (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand)));
    case 3: return json_node_init_double (json_node_alloc (), g_rand_double_range (rand, -1e10, 1e10));
    case 4:
    case 5:
      {
        char s[16];
        guint n = g_rand_int_range (rand, 0, sizeof s);

        for (guint i = 0; i < n; i++)
          s[i] = (char) g_rand_int_range (rand, 1, 128);
        s[n] = '\0';
        return json_node_init_string (json_node_alloc (), s);
      }
    case 6:
    case 7:
      {
        JsonArray *array = json_array_new ();
        JsonNode *node = json_node_alloc ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, random_tree (rand, depth + 1));
        json_node_init_array (node, array);
        json_array_unref (array);
        return node;
      }
    default:
      {
        JsonObject *object = json_object_new ();
        JsonNode *node = json_node_alloc ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *name = g_strdup_printf ("m%u\"%u", i, g_rand_int (rand));

            json_object_set_member (object, name, random_tree (rand, depth + 1));
          }
        json_node_init_object (node, object);
        json_object_unref (object);
        return node;
      }
    }
}

static void
test_random_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(JsonNode) tree = random_tree (rand, 0);
      g_autoptr(JsonNode) back = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      gsize length;
      g_autofree char *text = _mcp_json_to_string (tree, &length);

      g_assert_cmpuint (length, ==, strlen (text));
      g_assert_true (g_utf8_validate (text, -1, NULL));
      back = read_text (text, length, &error);
      g_assert_no_error (error);
      g_assert_true (trees_identical (tree, back));
      /* json-glib reads our output the same way */
      g_assert_true (json_parser_load_from_data (parser, text, length, &error));
      g_assert_true (trees_identical (tree, json_parser_get_root (parser)));
    }
}

/* Differential: damaged documents. Whatever ours accepts, json-glib (which
 * is laxer) accepts too and reads the same; what ours accepts is valid
 * UTF-8; and nothing crashes either way. */
static void
test_differential (void)
{
  static const char * const pieces[] = {
    "[", "]", "{", "}", "\"", ",", ":", "\\", "\\u", "\\ud83d", "\\ude00", "0", "-", ".",
    "e", "1e308", "true", "null", " ", "\n", "/*", "'", "\xc3", "\xa9", "\xed\xa0\x80",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint accepted_count = 0;

  for (guint i = 0; i < 20000; i++)
    {
      const char *base = corpus[g_rand_int_range (rand, 0, G_N_ELEMENTS (corpus))];
      GString *text = g_string_new (base);
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 1, 4);

      for (guint m = 0; m < n; m++)
        {
          gsize at = text->len > 0 ? g_rand_int_range (rand, 0, text->len) : 0;

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              g_string_insert (text, at, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
              break;
            case 1:
              {
                gsize length = g_rand_int_range (rand, 1, 4);

                g_string_erase (text, at, MIN (text->len - at, length));
              }
              break;
            default:
              if (text->len > 0)
                text->str[at] = (char) g_rand_int_range (rand, 1, 256);
              break;
            }
        }

      ours = read_text (text->str, text->len, &error);
      if (ours != NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          gboolean long_digits = FALSE;
          guint run = 0;

          accepted_count++;
          g_assert_true (g_utf8_validate_len (text->str, text->len, NULL));
          /* json-glib wraps integers beyond gint64: no comparison there */
          for (gsize c = 0; c < text->len && !long_digits; c++)
            {
              run = g_ascii_isdigit (text->str[c]) ? run + 1 : 0;
              long_digits = run >= 19;
            }
          if (!long_digits)
            {
              if (!json_parser_load_from_data (parser, text->str, text->len, &error))
                g_error ("json-glib refused what we accepted: %s", error->message);
              if (!trees_identical (json_parser_get_root (parser), ours))
                {
                  g_autofree char *escaped = g_strescape (text->str, NULL);

                  g_error ("json-glib read a different tree from: %s", escaped);
                }
            }
        }
      else
        g_assert_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR);

      g_string_free (text, TRUE);
    }

  /* the damage leaves some documents valid, or nothing was compared */
  g_test_message ("%u of 20000 damaged documents were still valid", accepted_count);
  g_assert_cmpuint (accepted_count, >, 100);
}

/* The envelope reader and the full reader with mcp_message_parse() must
 * see every message alike; the envelope reader may only decline. */
static void
check_envelope (const char *text,
                gboolean    fast)
{
  McpJsonEnvelope envelope;
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GError) envelope_error = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *tree_id = NULL, *tree_payload = NULL;
  JsonNode *id = NULL, *payload = NULL;
  const char *tree_method = NULL, *method = NULL;
  McpMessageKind tree_kind, kind;
  gboolean read;

  read = _mcp_json_read_envelope (text, strlen (text), &envelope);
  if (read != fast)
    g_error ("envelope reader %s %s", read ? "read" : "declined", text);
  tree = _mcp_json_parse (text, strlen (text), &parse_error);
  if (!read)
    {
      g_assert_null (envelope.id);
      g_assert_null (envelope.params);
      return;
    }

  g_assert_no_error (parse_error);
  g_assert_nonnull (tree);
  kind = _mcp_message_classify (&envelope, &id, &method, &payload, &envelope_error);
  tree_kind = mcp_message_parse (tree, &tree_id, &tree_method, &tree_payload, &tree_error);
  g_assert_cmpint (kind, ==, tree_kind);
  g_assert_cmpstr (method, ==, tree_method);
  g_assert_true ((id == NULL) == (tree_id == NULL));
  if (id != NULL)
    g_assert_true (json_node_equal (id, tree_id));
  g_assert_true ((payload == NULL) == (tree_payload == NULL));
  if (payload != NULL)
    g_assert_true (json_node_equal (payload, tree_payload));
  if (tree_error != NULL)
    g_assert_error (envelope_error, tree_error->domain, tree_error->code);
  else
    g_assert_no_error (envelope_error);
  if (tree_error != NULL)
    g_assert_cmpstr (envelope_error->message, ==, tree_error->message);
  _mcp_json_envelope_clear (&envelope);
}

static void
test_envelope (void)
{
  static const char *read[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}",
    " {\"method\":\"ping\",\"id\":\"7\",\"jsonrpc\":\"2.0\"} \n",
    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":-9223372036854775808,\"result\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":1.5,\"message\":\"x\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":[]}",
    "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
    "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
    "{\"id\":1,\"method\":\"ping\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null,\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1.0,\"method\":\"ping\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1,2]}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"result\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1}}",
    "{\"jsonrpc\":\"2.0\",\"id\":true,\"result\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1}",
    "{\"jsonrpc\":\"2.0\"}",
    "{}",
    "{\"json\\u0072pc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a method name longer than the forty-eight bytes kept inline\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\u00e9\\ud83d\\ude00\",\"params\":{\"a\":{\"a\":{\"a\":[[[]]]}}}}",
  };
  static const char *declined[] = {
    "",
    "   ",
    "[]",
    "[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}]",
    "\"2.0\"",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"extra\":1}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"method\":\"ping\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":1,\"a\":2}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} x",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"",
    "{\"jsonrpc\":\"2.0\",\"id\":01,\"method\":\"ping\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\xff\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\\u0000\"}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":'x'}}",
    "{\"jsonrpc\":\"2.0\" /* c */,\"id\":1,\"method\":\"ping\"}",
    "\xEF\xBB\xBF{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
  };
  g_autoptr(GString) deep = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":");
  gsize prefix = deep->len;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (read); i++)
    check_envelope (read[i], TRUE);
  for (i = 0; i < G_N_ELEMENTS (declined); i++)
    check_envelope (declined[i], FALSE);

  /* The envelope is the first of MCP_MESSAGE_MAX_DEPTH levels. */
  for (i = 1; i < MCP_MESSAGE_MAX_DEPTH; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (i = 1; i < MCP_MESSAGE_MAX_DEPTH; i++)
    g_string_append_c (deep, '}');
  g_string_append_c (deep, '}');
  check_envelope (deep->str, TRUE);

  g_string_truncate (deep, prefix);
  for (i = 0; i < MCP_MESSAGE_MAX_DEPTH; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (i = 0; i < MCP_MESSAGE_MAX_DEPTH; i++)
    g_string_append_c (deep, '}');
  g_string_append_c (deep, '}');
  check_envelope (deep->str, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/JsonCodec/read/accept", test_accept);
  g_test_add_func ("/Mcp/JsonCodec/read/refuse", test_refuse);
  g_test_add_func ("/Mcp/JsonCodec/read/implementation-defined", test_implementation_defined);
  g_test_add_func ("/Mcp/JsonCodec/read/error-messages", test_error_messages);
  g_test_add_func ("/Mcp/JsonCodec/read/cross-check-json-glib", test_cross_check);
  g_test_add_func ("/Mcp/JsonCodec/read/numbers", test_numbers);
  g_test_add_func ("/Mcp/JsonCodec/read/numbers-against-strtod", test_numbers_against_strtod);
  g_test_add_func ("/Mcp/JsonCodec/read/strings", test_strings);
  g_test_add_func ("/Mcp/JsonCodec/read/duplicates", test_duplicates);
  g_test_add_func ("/Mcp/JsonCodec/read/nesting-attack", test_nesting_attack);
  g_test_add_func ("/Mcp/JsonCodec/read/depth-limit", test_depth_limit);
  g_test_add_func ("/Mcp/JsonCodec/read/size-limit", test_size_limit);
  g_test_add_func ("/Mcp/JsonCodec/read/differential-json-glib", test_differential);
  g_test_add_func ("/Mcp/JsonCodec/read/envelope", test_envelope);
  g_test_add_func ("/Mcp/JsonCodec/write/numbers", test_write_numbers);
  g_test_add_func ("/Mcp/JsonCodec/write/strings", test_write_strings);
  g_test_add_func ("/Mcp/JsonCodec/write/containers", test_write_containers);
  g_test_add_func ("/Mcp/JsonCodec/write/deep", test_write_deep);
  g_test_add_func ("/Mcp/JsonCodec/round-trip/doubles", test_double_round_trip);
  g_test_add_func ("/Mcp/JsonCodec/round-trip/random-trees", test_random_round_trip);

  return g_test_run ();
}

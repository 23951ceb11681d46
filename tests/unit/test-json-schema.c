/* test-json-schema.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-json-schema-private.h"
#include "mcp-test-schema.h"

/* One schema, one instance, the verdict, and for a rejection a piece of
 * text the message must contain.
 */
typedef struct
{
  const char *schema;
  const char *instance;
  gboolean    valid;
  const char *message;
} Case;

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static McpJsonSchema *
compile (const char *json)
{
  g_autoptr(JsonNode) node = parse (json);
  g_autoptr(GError) error = NULL;
  McpJsonSchema *schema = _mcp_json_schema_new (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schema);

  return schema;
}

static void
run_cases (const Case *cases,
           gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const Case *c = &cases[i];
      g_autoptr(McpJsonSchema) schema = compile (c->schema);
      g_autoptr(JsonNode) instance = parse (c->instance);
      g_autoptr(GError) error = NULL;
      gboolean valid;

      valid = _mcp_json_schema_validate (schema, instance, &error);

      if (valid != c->valid)
        {
          g_autofree char *msg = g_strdup_printf ("case %" G_GSIZE_FORMAT ": schema %s, instance %s: expected %s, got %s%s%s",
                                                  i, c->schema, c->instance,
                                                  c->valid ? "valid" : "invalid",
                                                  valid ? "valid" : "invalid",
                                                  error != NULL ? ": " : "",
                                                  error != NULL ? error->message : "");
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
          continue;
        }

      if (valid)
        {
          g_assert_no_error (error);
          continue;
        }

      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error->message);

      if (c->message != NULL && strstr (error->message, c->message) == NULL)
        {
          g_autofree char *msg = g_strdup_printf ("case %" G_GSIZE_FORMAT ": message “%s” does not contain “%s”",
                                                  i, error->message, c->message);
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
        }
    }
}

static void
assert_schema_error (const char *json,
                     const char *message)
{
  g_autoptr(JsonNode) node = parse (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJsonSchema) schema = _mcp_json_schema_new (node, &error);

  g_assert_null (schema);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);

  if (message != NULL && strstr (error->message, message) == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("schema %s: message “%s” does not contain “%s”",
                                              json, error->message, message);
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
}

/* Returns the message a rejection carries, for exact comparisons. */
static char *
validation_message (const char *schema_json,
                    const char *instance_json)
{
  g_autoptr(McpJsonSchema) schema = compile (schema_json);
  g_autoptr(JsonNode) instance = parse (instance_json);
  g_autoptr(GError) error = NULL;

  g_assert_false (_mcp_json_schema_validate (schema, instance, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);

  return g_strdup (error->message);
}

static void
test_type (void)
{
  static const Case cases[] = {
    { "{\"type\": \"string\"}", "\"x\"", TRUE },
    { "{\"type\": \"string\"}", "1", FALSE, "(root): expected string, got integer (type at #)" },
    { "{\"type\": \"integer\"}", "5", TRUE },
    { "{\"type\": \"integer\"}", "5.0", TRUE },
    { "{\"type\": \"integer\"}", "-0.0", TRUE },
    { "{\"type\": \"integer\"}", "1e2", TRUE },
    { "{\"type\": \"integer\"}", "5.5", FALSE, "expected integer, got number" },
    { "{\"type\": \"integer\"}", "\"5\"", FALSE, "expected integer, got string" },
    { "{\"type\": \"number\"}", "5", TRUE },
    { "{\"type\": \"number\"}", "5.25", TRUE },
    { "{\"type\": \"number\"}", "true", FALSE, "expected number, got boolean" },
    { "{\"type\": \"boolean\"}", "false", TRUE },
    { "{\"type\": \"boolean\"}", "0", FALSE },
    { "{\"type\": \"null\"}", "null", TRUE },
    { "{\"type\": \"null\"}", "0", FALSE, "expected null, got integer" },
    { "{\"type\": \"object\"}", "{}", TRUE },
    { "{\"type\": \"object\"}", "[]", FALSE, "expected object, got array" },
    { "{\"type\": \"array\"}", "[]", TRUE },
    { "{\"type\": \"array\"}", "{}", FALSE, "expected array, got object" },
    { "{\"type\": [\"string\", \"null\"]}", "null", TRUE },
    { "{\"type\": [\"string\", \"null\"]}", "\"a\"", TRUE },
    { "{\"type\": [\"string\", \"null\"]}", "1", FALSE, "expected string or null, got integer" },
    { "{\"type\": [\"object\", \"array\", \"boolean\"]}", "1", FALSE, "expected object, array or boolean, got integer" },
    { "{\"type\": [\"integer\", \"string\"]}", "2.0", TRUE },
    { "{}", "{\"anything\": [1, null]}", TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_properties (void)
{
  static const Case cases[] = {
    { "{\"properties\": {\"a\": {\"type\": \"string\"}}}", "{\"a\": \"x\"}", TRUE },
    { "{\"properties\": {\"a\": {\"type\": \"string\"}}}", "{}", TRUE },
    { "{\"properties\": {\"a\": {\"type\": \"string\"}}}", "{\"a\": 1}", FALSE, "/a: expected string, got integer (type at #/properties/a)" },
    /* properties only constrains objects */
    { "{\"properties\": {\"a\": {\"type\": \"string\"}}}", "[1]", TRUE },
    { "{\"properties\": {\"a/b\": {\"type\": \"string\"}}}", "{\"a/b\": 1}", FALSE, "/a~1b: expected string" },
    { "{\"properties\": {\"a~b\": {\"type\": \"string\"}}}", "{\"a~b\": 1}", FALSE, "/a~0b: expected string" },
    { "{\"required\": [\"a\", \"b\"]}", "{\"a\": 1, \"b\": 2}", TRUE },
    { "{\"required\": [\"a\", \"b\"]}", "{\"a\": 1}", FALSE, "(root): missing required property “b” (required at #)" },
    { "{\"required\": [\"a\"]}", "\"not an object\"", TRUE },
    { "{\"properties\": {\"a\": {}}, \"additionalProperties\": false}", "{\"a\": 1}", TRUE },
    { "{\"properties\": {\"a\": {}}, \"additionalProperties\": false}", "{\"a\": 1, \"b\": 2}", FALSE, "property “b” is not allowed (additionalProperties at #)" },
    { "{\"additionalProperties\": {\"type\": \"integer\"}}", "{\"a\": 1, \"b\": 2}", TRUE },
    { "{\"additionalProperties\": {\"type\": \"integer\"}}", "{\"a\": 1, \"b\": \"2\"}", FALSE, "/b: expected integer, got string (type at #/additionalProperties)" },
    { "{\"additionalProperties\": true}", "{\"a\": 1}", TRUE },
    { "{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}}, \"additionalProperties\": false}", "{\"x-a\": \"1\"}", TRUE },
    { "{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}}, \"additionalProperties\": false}", "{\"x-a\": 1}", FALSE, "/x-a: expected string" },
    { "{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}}, \"additionalProperties\": false}", "{\"y\": \"1\"}", FALSE, "property “y” is not allowed" },
    /* a member matching both properties and a pattern must satisfy both */
    { "{\"properties\": {\"xa\": {\"type\": \"string\"}}, \"patternProperties\": {\"a$\": {\"minLength\": 2}}}", "{\"xa\": \"q\"}", FALSE, "/xa: expected at least 2 characters" },
    { "{\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}}", "{\"abc\": 1}", TRUE },
    { "{\"propertyNames\": {\"pattern\": \"^[a-z]+$\"}}", "{\"aBc\": 1}", FALSE, "property name “aBc” is not allowed" },
    { "{\"propertyNames\": {\"maxLength\": 3}}", "{\"abcd\": 1}", FALSE, "propertyNames" },
    { "{\"propertyNames\": false}", "{}", TRUE },
    { "{\"propertyNames\": false}", "{\"a\": 1}", FALSE },
    { "{\"minProperties\": 1}", "{\"a\": 1}", TRUE },
    { "{\"minProperties\": 1}", "{}", FALSE, "expected at least 1 property, got 0" },
    { "{\"maxProperties\": 1}", "{\"a\": 1, \"b\": 2}", FALSE, "expected at most 1 property, got 2" },
    { "{\"maxProperties\": 1}", "{\"a\": 1}", TRUE },
    /* nested location */
    { "{\"properties\": {\"arguments\": {\"properties\": {\"count\": {\"type\": \"integer\"}}}}}",
      "{\"arguments\": {\"count\": \"three\"}}", FALSE,
      "/arguments/count: expected integer, got string (type at #/properties/arguments/properties/count)" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_dependencies (void)
{
  static const Case cases[] = {
    { "{\"dependentRequired\": {\"a\": [\"b\"]}}", "{\"a\": 1, \"b\": 2}", TRUE },
    { "{\"dependentRequired\": {\"a\": [\"b\"]}}", "{\"b\": 2}", TRUE },
    { "{\"dependentRequired\": {\"a\": [\"b\"]}}", "{\"a\": 1}", FALSE, "property “a” requires property “b”" },
    { "{\"dependentSchemas\": {\"a\": {\"required\": [\"c\"]}}}", "{\"a\": 1}", FALSE, "missing required property “c”" },
    { "{\"dependentSchemas\": {\"a\": {\"required\": [\"c\"]}}}", "{\"a\": 1, \"c\": 1}", TRUE },
    { "{\"dependencies\": {\"a\": [\"b\"], \"c\": {\"maxProperties\": 1}}}", "{\"a\": 1}", FALSE, "requires property “b”" },
    { "{\"dependencies\": {\"a\": [\"b\"], \"c\": {\"maxProperties\": 1}}}", "{\"c\": 1, \"d\": 2}", FALSE, "maxProperties" },
    { "{\"dependencies\": {\"a\": [\"b\"], \"c\": {\"maxProperties\": 1}}}", "{\"c\": 1}", TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_enum_const (void)
{
  static const Case cases[] = {
    { "{\"enum\": [\"a\", \"b\"]}", "\"a\"", TRUE },
    { "{\"enum\": [\"a\", \"b\"]}", "\"c\"", FALSE, "(root): expected one of \"a\", \"b\", got \"c\" (enum at #)" },
    { "{\"enum\": [1, \"1\"]}", "1.0", TRUE },
    { "{\"enum\": [null]}", "null", TRUE },
    { "{\"enum\": [null]}", "0", FALSE, "expected null, got 0" },
    { "{\"enum\": [[1, 2]]}", "[1, 2]", TRUE },
    { "{\"enum\": [[1, 2]]}", "[2, 1]", FALSE },
    { "{\"enum\": [false]}", "0", FALSE },
    { "{\"enum\": [0]}", "false", FALSE },
    { "{\"enum\": []}", "1", FALSE, "expected nothing" },
    { "{\"const\": \"2.0\"}", "\"2.0\"", TRUE },
    { "{\"const\": \"2.0\"}", "\"1.0\"", FALSE, "expected \"2.0\", got \"1.0\" (const at #)" },
    { "{\"const\": 1}", "1.0", TRUE },
    { "{\"const\": 1.0}", "1", TRUE },
    { "{\"const\": 1}", "1.5", FALSE },
    { "{\"const\": 9007199254740993}", "9007199254740993", TRUE },
    { "{\"const\": 9007199254740993}", "9007199254740992", FALSE },
    { "{\"const\": {\"a\": [1, {\"b\": null}], \"c\": true}}", "{\"c\": true, \"a\": [1.0, {\"b\": null}]}", TRUE },
    { "{\"const\": {\"a\": [1, {\"b\": null}], \"c\": true}}", "{\"c\": true, \"a\": [1, {\"b\": 0}]}", FALSE },
    { "{\"const\": {\"a\": 1}}", "{\"a\": 1, \"b\": 2}", FALSE },
    { "{\"const\": null}", "null", TRUE },
    { "{\"const\": null}", "false", FALSE, "expected null, got false" },
    { "{\"const\": \"\"}", "\"\"", TRUE },
    { "{\"const\": 1, \"enum\": [1, 2]}", "2", FALSE, "expected 1, got 2 (const at #)" },
    { "{\"const\": 1, \"enum\": [2]}", "1", FALSE, "(enum at #)" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_arrays (void)
{
  static const Case cases[] = {
    { "{\"items\": {\"type\": \"integer\"}}", "[1, 2, 3]", TRUE },
    { "{\"items\": {\"type\": \"integer\"}}", "[1, \"2\", 3]", FALSE, "/1: expected integer, got string (type at #/items)" },
    { "{\"items\": {\"type\": \"integer\"}}", "[]", TRUE },
    { "{\"items\": {\"type\": \"integer\"}}", "{\"0\": \"x\"}", TRUE },
    { "{\"items\": false}", "[]", TRUE },
    { "{\"items\": false}", "[1]", FALSE, "expected at most 0 items, got 1" },
    /* draft-07 tuple form */
    { "{\"items\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}", "[\"a\", 1, null]", TRUE },
    { "{\"items\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}", "[\"a\", \"b\"]", FALSE, "/1: expected integer, got string (type at #/items/1)" },
    { "{\"items\": [{\"type\": \"string\"}], \"additionalItems\": false}", "[\"a\"]", TRUE },
    { "{\"items\": [{\"type\": \"string\"}], \"additionalItems\": false}", "[\"a\", 2]", FALSE, "expected at most 1 item, got 2 (additionalItems at #)" },
    { "{\"items\": [{}], \"additionalItems\": {\"type\": \"boolean\"}}", "[1, true, false]", TRUE },
    { "{\"items\": [{}], \"additionalItems\": {\"type\": \"boolean\"}}", "[1, true, 2]", FALSE, "/2: expected boolean" },
    /* additionalItems means nothing without the tuple form */
    { "{\"additionalItems\": false}", "[1, 2]", TRUE },
    /* 2020-12 tuple form */
    { "{\"prefixItems\": [{\"type\": \"string\"}], \"items\": {\"type\": \"integer\"}}", "[\"a\", 1, 2]", TRUE },
    { "{\"prefixItems\": [{\"type\": \"string\"}], \"items\": {\"type\": \"integer\"}}", "[1]", FALSE, "/0: expected string" },
    { "{\"prefixItems\": [{\"type\": \"string\"}], \"items\": {\"type\": \"integer\"}}", "[\"a\", \"b\"]", FALSE, "/1: expected integer" },
    { "{\"prefixItems\": [{}, {}], \"items\": false}", "[1, 2, 3]", FALSE, "expected at most 2 items, got 3 (items at #)" },
    { "{\"prefixItems\": [{}, {}], \"items\": false}", "[1]", TRUE },
    { "{\"minItems\": 2}", "[1, 2]", TRUE },
    { "{\"minItems\": 2}", "[1]", FALSE, "expected at least 2 items, got 1 (minItems at #)" },
    { "{\"maxItems\": 2}", "[1, 2, 3]", FALSE, "expected at most 2 items, got 3 (maxItems at #)" },
    { "{\"maxItems\": 2.0}", "[1, 2]", TRUE },
    { "{\"uniqueItems\": true}", "[1, 2, \"1\", [1], {\"a\": 1}, true]", TRUE },
    { "{\"uniqueItems\": true}", "[1, 2, 1.0]", FALSE, "items 0 and 2 are equal (uniqueItems at #)" },
    { "{\"uniqueItems\": true}", "[{\"a\": 1, \"b\": [2]}, {\"b\": [2.0], \"a\": 1}]", FALSE, "items 0 and 1 are equal" },
    { "{\"uniqueItems\": true}", "[[1, 2], [2, 1]]", TRUE },
    { "{\"uniqueItems\": true}", "[false, 0, null, \"\", [], {}]", TRUE },
    { "{\"uniqueItems\": true}", "[null, null]", FALSE },
    { "{\"uniqueItems\": false}", "[1, 1]", TRUE },
    { "{\"contains\": {\"type\": \"string\"}}", "[1, \"a\"]", TRUE },
    { "{\"contains\": {\"type\": \"string\"}}", "[1, 2]", FALSE, "no item matches the “contains” schema (contains at #)" },
    { "{\"contains\": {\"type\": \"string\"}}", "[]", FALSE },
    { "{\"contains\": {\"type\": \"string\"}, \"minContains\": 2}", "[\"a\", 1, \"b\"]", TRUE },
    { "{\"contains\": {\"type\": \"string\"}, \"minContains\": 2}", "[\"a\", 1]", FALSE, "expected at least 2 items to match" },
    { "{\"contains\": {\"type\": \"string\"}, \"maxContains\": 1}", "[\"a\", \"b\"]", FALSE, "expected at most 1 item to match" },
    { "{\"contains\": {\"type\": \"string\"}, \"minContains\": 0}", "[]", TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_numbers (void)
{
  static const Case cases[] = {
    { "{\"minimum\": 1}", "1", TRUE },
    { "{\"minimum\": 1}", "0.5", FALSE, "(root): 0.5 is less than the minimum of 1 (minimum at #)" },
    { "{\"minimum\": 1.5}", "1", FALSE, "1 is less than the minimum of 1.5" },
    { "{\"minimum\": 1}", "\"0\"", TRUE },
    { "{\"maximum\": 1}", "1.0", TRUE },
    { "{\"maximum\": 1}", "1.0001", FALSE, "1.0001 is greater than the maximum of 1 (maximum at #)" },
    { "{\"exclusiveMinimum\": 1}", "1", FALSE, "1 is not greater than 1 (exclusiveMinimum at #)" },
    { "{\"exclusiveMinimum\": 1}", "1.1", TRUE },
    { "{\"exclusiveMaximum\": 1}", "1", FALSE, "1 is not less than 1 (exclusiveMaximum at #)" },
    { "{\"exclusiveMaximum\": 1}", "0.9", TRUE },
    /* draft-04 boolean form */
    { "{\"minimum\": 1, \"exclusiveMinimum\": true}", "1", FALSE, "exclusiveMinimum" },
    { "{\"maximum\": 1, \"exclusiveMaximum\": true}", "0", TRUE },
    { "{\"maximum\": 1, \"exclusiveMaximum\": false}", "1", TRUE },
    /* exact for integers past 2^53 */
    { "{\"maximum\": 9007199254740992}", "9007199254740993", FALSE, "9007199254740993 is greater than the maximum of 9007199254740992" },
    { "{\"minimum\": 9007199254740993}", "9007199254740992.0", FALSE },
    { "{\"maximum\": 1e300}", "9223372036854775807", TRUE },
    { "{\"minimum\": -1e300}", "-9223372036854775807", TRUE },
    { "{\"multipleOf\": 2}", "10", TRUE },
    { "{\"multipleOf\": 2}", "7", FALSE, "7 is not a multiple of 2 (multipleOf at #)" },
    { "{\"multipleOf\": 2}", "10.0", TRUE },
    { "{\"multipleOf\": 0.1}", "0.3", TRUE },
    { "{\"multipleOf\": 0.01}", "19.99", TRUE },
    { "{\"multipleOf\": 0.01}", "19.995", FALSE },
    { "{\"multipleOf\": 0.5}", "1e308", TRUE },
    { "{\"multipleOf\": 1.5}", "4.5", TRUE },
    { "{\"multipleOf\": 1.5}", "5", FALSE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_strings (void)
{
  static const Case cases[] = {
    { "{\"minLength\": 2}", "\"ab\"", TRUE },
    { "{\"minLength\": 2}", "\"a\"", FALSE, "expected at least 2 characters, got 1 (minLength at #)" },
    { "{\"minLength\": 2}", "1", TRUE },
    { "{\"maxLength\": 3}", "\"abcd\"", FALSE, "expected at most 3 characters, got 4 (maxLength at #)" },
    /* code points, not bytes */
    { "{\"maxLength\": 5}", "\"héllo\"", TRUE },
    { "{\"maxLength\": 1}", "\"\\ud83d\\ude00\"", TRUE },
    { "{\"minLength\": 2}", "\"\\ud83d\\ude00\"", FALSE, "got 1" },
    { "{\"maxLength\": 2}", "\"日本語\"", FALSE, "got 3" },
    /* patterns are not anchored */
    { "{\"pattern\": \"b+\"}", "\"abbc\"", TRUE },
    { "{\"pattern\": \"^b+$\"}", "\"abbc\"", FALSE, "string does not match the pattern “^b+$” (pattern at #)" },
    { "{\"pattern\": \"^b+$\"}", "1", TRUE },
    { "{\"pattern\": \"^abc$\"}", "\"abc\\n\"", FALSE },
    { "{\"pattern\": \"^\\\\u00e9$\"}", "\"é\"", TRUE },
    { "{\"pattern\": \"^\\\\ud83d\\\\ude00$\"}", "\"\\ud83d\\ude00\"", TRUE },
    { "{\"pattern\": \"^\\\\d+$\"}", "\"123\"", TRUE },
    /* ECMA-262 \d is ASCII: BENGALI DIGIT FOUR does not match */
    { "{\"pattern\": \"^\\\\d+$\"}", "\"\\u09ea\"", FALSE },
    { "{\"pattern\": \"^\\\\w+$\"}", "\"é\"", FALSE },
    { "{\"pattern\": \"^[\\\\w.-]+$\"}", "\"a.b-c_d\"", TRUE },
    { "{\"pattern\": \"^\\\\S+$\"}", "\"ab\"", TRUE },
    { "{\"pattern\": \"^[a-z]{2,3}$\"}", "\"abcd\"", FALSE },
    { "{\"pattern\": \"^\\\\p{L}+$\"}", "\"héllo\"", TRUE },
    /* format is an annotation */
    { "{\"format\": \"email\"}", "\"not an email\"", TRUE },
    { "{\"format\": \"date-time\", \"type\": \"string\"}", "\"yesterday\"", TRUE },
    { "{\"format\": \"no-such-format\"}", "1", TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_combinators (void)
{
  static const Case cases[] = {
    { "{\"allOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}", "3", TRUE },
    { "{\"allOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}", "1", FALSE, "1 is less than the minimum of 2 (minimum at #/allOf/1)" },
    { "{\"allOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}", "2.5", FALSE, "expected integer" },
    { "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}", "1", TRUE },
    { "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}", "\"a\"", TRUE },
    { "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}", "1.5", FALSE, "(root): expected string or integer, got number (anyOf at #)" },
    { "{\"anyOf\": [{\"const\": \"a\"}, {\"enum\": [\"b\", \"c\"]}]}", "\"d\"", FALSE, "expected one of \"a\", \"b\", \"c\", got \"d\" (anyOf at #)" },
    { "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}", "1", TRUE },
    { "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}", "2.5", TRUE },
    { "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}", "3", FALSE, "matches more than one schema in oneOf (alternatives 0 and 1) (oneOf at #)" },
    { "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}]}", "1.5", FALSE, "oneOf" },
    { "{\"not\": {\"type\": \"string\"}}", "1", TRUE },
    { "{\"not\": {\"type\": \"string\"}}", "\"a\"", FALSE, "must not match the “not” schema (not at #)" },
    { "{\"not\": {}}", "null", FALSE },
    { "{\"if\": {\"properties\": {\"kind\": {\"const\": \"n\"}}}, \"then\": {\"required\": [\"n\"]}, \"else\": {\"required\": [\"s\"]}}", "{\"kind\": \"n\", \"n\": 1}", TRUE },
    { "{\"if\": {\"properties\": {\"kind\": {\"const\": \"n\"}}}, \"then\": {\"required\": [\"n\"]}, \"else\": {\"required\": [\"s\"]}}", "{\"kind\": \"n\"}", FALSE, "missing required property “n” (required at #/then)" },
    { "{\"if\": {\"properties\": {\"kind\": {\"const\": \"n\"}}}, \"then\": {\"required\": [\"n\"]}, \"else\": {\"required\": [\"s\"]}}", "{\"kind\": \"x\"}", FALSE, "missing required property “s” (required at #/else)" },
    { "{\"if\": {\"properties\": {\"kind\": {\"const\": \"n\"}}}, \"then\": {\"required\": [\"n\"]}, \"else\": {\"required\": [\"s\"]}}", "{\"kind\": \"x\", \"s\": 1}", TRUE },
    /* then and else alone do nothing */
    { "{\"then\": false, \"else\": false}", "1", TRUE },
    { "{\"if\": true}", "1", TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

/* The closest alternative's own words are what a caller needs to fix a
 * message that nearly matched one variant of a union.
 */
static void
test_alternatives_message (void)
{
  const char *schema =
    "{\"$defs\": {"
    "  \"Text\": {\"type\": \"object\", \"properties\": {\"type\": {\"const\": \"text\"}, \"text\": {\"type\": \"string\"}}, \"required\": [\"type\", \"text\"]},"
    "  \"Image\": {\"type\": \"object\", \"properties\": {\"type\": {\"const\": \"image\"}, \"data\": {\"type\": \"string\"}, \"mimeType\": {\"type\": \"string\"}}, \"required\": [\"type\", \"data\", \"mimeType\"]}"
    "},"
    " \"type\": \"object\","
    " \"properties\": {\"content\": {\"type\": \"array\", \"items\": {\"anyOf\": [{\"$ref\": \"#/$defs/Text\"}, {\"$ref\": \"#/$defs/Image\"}]}}}}";
  g_autofree char *wrong_type = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *not_object = NULL;

  wrong_type = validation_message (schema, "{\"content\": [{\"type\": \"text\", \"text\": \"hi\"}, {\"mimeType\": \"image/png\", \"data\": 5, \"type\": \"image\"}]}");
  g_assert_cmpstr (wrong_type, ==,
                   "/content/1/data: expected string, got integer "
                   "(type at #/$defs/Image/properties/data; closest of 2 alternatives in anyOf at #/properties/content/items)");

  missing = validation_message (schema, "{\"content\": [{\"type\": \"image\", \"mimeType\": \"image/png\"}]}");
  g_assert_cmpstr (missing, ==,
                   "/content/0: missing required property “data” "
                   "(required at #/$defs/Image; closest of 2 alternatives in anyOf at #/properties/content/items)");

  unknown = validation_message (schema, "{\"content\": [{\"type\": \"video\"}]}");
  g_assert_cmpstr (unknown, ==,
                   "/content/0/type: expected one of \"text\", \"image\", got \"video\" (anyOf at #/properties/content/items)");

  not_object = validation_message (schema, "{\"content\": [\"hello\"]}");
  g_assert_cmpstr (not_object, ==,
                   "/content/0: expected object, got string (anyOf at #/properties/content/items)");
}

static void
test_messages (void)
{
  g_autofree char *root = validation_message ("{\"type\": \"object\"}", "[1]");
  g_autofree char *args = validation_message ("{\"type\": \"object\", \"properties\": {\"arguments\": {\"type\": \"object\", \"properties\": {\"count\": {\"type\": \"integer\"}}}}}",
                                              "{\"arguments\": {\"count\": \"3\"}}");
  g_autofree char *deep = validation_message ("{\"items\": {\"items\": {\"properties\": {\"x\": {\"maximum\": 3}}}}}",
                                              "[[], [{}, {\"x\": 4}]]");
  g_autofree char *ref = validation_message ("{\"definitions\": {\"pos\": {\"type\": \"integer\", \"minimum\": 0}}, \"properties\": {\"n\": {\"$ref\": \"#/definitions/pos\"}}}",
                                             "{\"n\": -1}");
  g_autofree char *long_value = validation_message ("{\"const\": 1}",
                                                    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"");
  g_autofree char *long_name = NULL;
  g_autoptr(JsonNode) long_instance = NULL;
  g_autoptr(JsonObject) long_object = json_object_new ();
  g_autoptr(McpJsonSchema) closed = compile ("{\"additionalProperties\": false}");
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJsonSchema) typed = compile ("{\"additionalProperties\": {\"type\": \"string\"}}");
  GString *name = g_string_new (NULL);

  g_assert_cmpstr (root, ==, "(root): expected object, got array (type at #)");
  g_assert_cmpstr (args, ==, "/arguments/count: expected integer, got string (type at #/properties/arguments/properties/count)");
  g_assert_cmpstr (deep, ==, "/1/1/x: 4 is greater than the maximum of 3 (maximum at #/items/items/properties/x)");
  g_assert_cmpstr (ref, ==, "/n: -1 is less than the minimum of 0 (minimum at #/definitions/pos)");

  for (guint i = 0; i < 10000; i++)
    g_string_append (name, "é");
  long_name = g_string_free (name, FALSE);
  json_object_set_int_member (long_object, long_name, 1);
  long_instance = json_node_init_object (json_node_alloc (), long_object);

  /* a peer's huge member name is not echoed whole */
  g_assert_false (_mcp_json_schema_validate (closed, long_instance, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);

  g_assert_false (_mcp_json_schema_validate (typed, long_instance, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, "…"));
  g_assert_cmpuint (strlen (error->message), <, 400);

  g_assert_true (g_utf8_validate (long_value, -1, NULL));
  g_assert_nonnull (strstr (long_value, "aaaa…"));
  g_assert_cmpuint (strlen (long_value), <, 200);
}

static void
test_refs (void)
{
  static const Case cases[] = {
    /* recursion through the root */
    { "{\"type\": \"object\", \"properties\": {\"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}, \"name\": {\"type\": \"string\"}}}",
      "{\"name\": \"a\", \"children\": [{\"name\": \"b\", \"children\": [{\"name\": \"c\"}]}]}", TRUE },
    { "{\"type\": \"object\", \"properties\": {\"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}, \"name\": {\"type\": \"string\"}}}",
      "{\"name\": \"a\", \"children\": [{\"name\": \"b\", \"children\": [{\"name\": 3}]}]}", FALSE,
      "/children/0/children/0/name: expected string, got integer (type at #/properties/name)" },
    { "{\"definitions\": {\"s\": {\"type\": \"string\"}}, \"$ref\": \"#/definitions/s\"}", "\"x\"", TRUE },
    { "{\"definitions\": {\"s\": {\"type\": \"string\"}}, \"$ref\": \"#/definitions/s\"}", "1", FALSE, "(type at #/definitions/s)" },
    { "{\"$defs\": {\"s\": {\"type\": \"string\"}}, \"properties\": {\"a\": {\"$ref\": \"#/$defs/s\"}}}", "{\"a\": 1}", FALSE, "/a: expected string" },
    /* escaped and percent-encoded pointers */
    { "{\"$defs\": {\"a/b\": {\"type\": \"string\"}, \"c~d\": {\"type\": \"integer\"}, \"e f\": {\"type\": \"boolean\"}, \"g%h\": {\"type\": \"null\"}},"
      " \"prefixItems\": [{\"$ref\": \"#/$defs/a~1b\"}, {\"$ref\": \"#/$defs/c~0d\"}, {\"$ref\": \"#/$defs/e%20f\"}, {\"$ref\": \"#/$defs/g%25h\"}]}",
      "[\"x\", 1, true, null]", TRUE },
    { "{\"$defs\": {\"a/b\": {\"type\": \"string\"}, \"c~d\": {\"type\": \"integer\"}, \"e f\": {\"type\": \"boolean\"}, \"g%h\": {\"type\": \"null\"}},"
      " \"prefixItems\": [{\"$ref\": \"#/$defs/a~1b\"}, {\"$ref\": \"#/$defs/c~0d\"}, {\"$ref\": \"#/$defs/e%20f\"}, {\"$ref\": \"#/$defs/g%25h\"}]}",
      "[\"x\", 1, true, 0]", FALSE, "/3: expected null" },
    /* a pointer into an array and into a non-definition location */
    { "{\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"string\"}], \"properties\": {\"x\": {\"$ref\": \"#/anyOf/1\"}}}", "{\"x\": 1}", FALSE, "/x: expected string" },
    { "{\"properties\": {\"a\": {\"type\": \"integer\"}, \"b\": {\"$ref\": \"#/properties/a\"}}}", "{\"b\": 1}", TRUE },
    { "{\"properties\": {\"a\": {\"type\": \"integer\"}, \"b\": {\"$ref\": \"#/properties/a\"}}}", "{\"b\": \"1\"}", FALSE, "(type at #/properties/a)" },
    /* 2020-12: keywords beside $ref apply */
    { "{\"$defs\": {\"s\": {\"type\": \"string\"}}, \"properties\": {\"a\": {\"$ref\": \"#/$defs/s\", \"maxLength\": 2}}}", "{\"a\": \"abc\"}", FALSE, "maxLength" },
    /* draft-07: they are ignored */
    { "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"definitions\": {\"s\": {\"type\": \"string\"}}, \"properties\": {\"a\": {\"$ref\": \"#/definitions/s\", \"maxLength\": 2}}}", "{\"a\": \"abc\"}", TRUE },
    /* the document's own $id may prefix a reference */
    { "{\"$id\": \"https://example.com/s.json\", \"$defs\": {\"s\": {\"type\": \"string\"}}, \"$ref\": \"https://example.com/s.json#/$defs/s\"}", "1", FALSE, "expected string" },
    /* mutual references that consume the instance as they go */
    { "{\"$defs\": {\"a\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/b\"}}, \"b\": {\"type\": \"object\", \"additionalProperties\": {\"$ref\": \"#/$defs/a\"}}}, \"$ref\": \"#/$defs/a\"}",
      "[{\"x\": [{}, {\"y\": []}]}]", TRUE },
    { "{\"$defs\": {\"a\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/b\"}}, \"b\": {\"type\": \"object\", \"additionalProperties\": {\"$ref\": \"#/$defs/a\"}}}, \"$ref\": \"#/$defs/a\"}",
      "[{\"x\": [{}, {\"y\": [1]}]}]", FALSE, "/0/x/1/y/0: expected object" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_boolean_schemas (void)
{
  static const Case cases[] = {
    { "true", "1", TRUE },
    { "true", "{\"a\": [null]}", TRUE },
    { "false", "1", FALSE, "(root): no value is allowed here (false at #)" },
    { "false", "null", FALSE },
    { "{\"properties\": {\"a\": false}}", "{\"a\": 1}", FALSE, "/a: no value is allowed here (false at #/properties/a)" },
    { "{\"properties\": {\"a\": false}}", "{\"b\": 1}", TRUE },
    { "{\"properties\": {\"a\": true}}", "{\"a\": 1}", TRUE },
    { "{\"allOf\": [true, true]}", "1", TRUE },
    { "{\"anyOf\": [false, true]}", "1", TRUE },
    { "{\"anyOf\": [false, false]}", "1", FALSE, "no value is allowed here" },
    { "{\"not\": false}", "1", TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_ignored_keywords (void)
{
  static const Case cases[] = {
    { "{\"title\": \"T\", \"description\": \"D\", \"default\": 5, \"examples\": [1], \"$comment\": \"c\", \"readOnly\": true,"
      " \"x-vendor\": {\"type\": \"string\"}, \"contentMediaType\": \"application/json\", \"deprecated\": true, \"type\": \"integer\"}", "3", TRUE },
    /* "default" is not validated nor applied */
    { "{\"properties\": {\"a\": {\"type\": \"string\", \"default\": 5}}, \"required\": [\"a\"]}", "{}", FALSE, "missing required property “a”" },
    /* an unknown keyword holding something schema-like is left alone */
    { "{\"definitionz\": {\"bad\": {\"type\": \"no-such-type\"}}}", "1", TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_unevaluated (void)
{
  static const Case cases[] = {
    { "{\"allOf\": [{\"properties\": {\"a\": {}}}], \"properties\": {\"b\": {}}, \"unevaluatedProperties\": false}", "{\"a\": 1, \"b\": 2}", TRUE },
    { "{\"allOf\": [{\"properties\": {\"a\": {}}}], \"properties\": {\"b\": {}}, \"unevaluatedProperties\": false}", "{\"a\": 1, \"c\": 2}", FALSE,
      "property “c” is not allowed (unevaluatedProperties at #)" },
    { "{\"anyOf\": [{\"properties\": {\"a\": {\"const\": 1}}}, {\"properties\": {\"b\": {}}}], \"unevaluatedProperties\": false}", "{\"a\": 1, \"b\": 2}", TRUE },
    /* a failed alternative evaluates nothing */
    { "{\"anyOf\": [{\"properties\": {\"a\": {\"const\": 1}}}, {\"properties\": {\"b\": {}}}], \"unevaluatedProperties\": false}", "{\"a\": 2, \"b\": 2}", FALSE, "“a” is not allowed" },
    { "{\"$defs\": {\"base\": {\"properties\": {\"a\": {}}}}, \"$ref\": \"#/$defs/base\", \"unevaluatedProperties\": {\"type\": \"integer\"}}", "{\"a\": \"x\", \"b\": 1}", TRUE },
    { "{\"$defs\": {\"base\": {\"properties\": {\"a\": {}}}}, \"$ref\": \"#/$defs/base\", \"unevaluatedProperties\": {\"type\": \"integer\"}}", "{\"a\": \"x\", \"b\": \"y\"}", FALSE, "/b: expected integer" },
    { "{\"if\": {\"properties\": {\"k\": {\"const\": 1}}}, \"then\": {\"properties\": {\"x\": {}}}, \"unevaluatedProperties\": false}", "{\"k\": 1, \"x\": 1}", TRUE },
    { "{\"if\": {\"properties\": {\"k\": {\"const\": 1}}}, \"then\": {\"properties\": {\"x\": {}}}, \"unevaluatedProperties\": false}", "{\"k\": 2, \"x\": 1}", FALSE },
    { "{\"prefixItems\": [{}], \"unevaluatedItems\": false}", "[1]", TRUE },
    { "{\"prefixItems\": [{}], \"unevaluatedItems\": false}", "[1, 2]", FALSE, "item 1 is not allowed (unevaluatedItems at #)" },
    { "{\"allOf\": [{\"prefixItems\": [{}, {}]}], \"unevaluatedItems\": false}", "[1, 2]", TRUE },
    { "{\"contains\": {\"type\": \"string\"}, \"unevaluatedItems\": {\"type\": \"integer\"}}", "[\"a\", 1]", TRUE },
    { "{\"contains\": {\"type\": \"string\"}, \"unevaluatedItems\": {\"type\": \"integer\"}}", "[\"a\", null]", FALSE, "/1: expected integer" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_invalid_schemas (void)
{
  assert_schema_error ("1", "invalid schema at #: a schema must be an object or a boolean");
  assert_schema_error ("\"string\"", "must be an object or a boolean");
  assert_schema_error ("{\"type\": \"integr\"}", "invalid schema at #/type: unknown type “integr”");
  assert_schema_error ("{\"type\": 5}", "#/type");
  assert_schema_error ("{\"type\": []}", "#/type");
  assert_schema_error ("{\"properties\": {\"a\": {\"type\": [\"string\", 1]}}}", "invalid schema at #/properties/a/type");
  assert_schema_error ("{\"properties\": []}", "#/properties: expected an object");
  assert_schema_error ("{\"properties\": {\"a\": 3}}", "#/properties/a: a schema must be an object or a boolean");
  assert_schema_error ("{\"required\": \"a\"}", "#/required: expected an array of strings");
  assert_schema_error ("{\"required\": [1]}", "#/required");
  assert_schema_error ("{\"minLength\": -1}", "#/minLength: expected a non-negative integer");
  assert_schema_error ("{\"maxItems\": 1.5}", "#/maxItems");
  assert_schema_error ("{\"minimum\": \"1\"}", "#/minimum: expected a number");
  assert_schema_error ("{\"multipleOf\": 0}", "#/multipleOf: expected a number greater than 0");
  assert_schema_error ("{\"multipleOf\": -2.5}", "#/multipleOf");
  assert_schema_error ("{\"pattern\": \"(unclosed\"}", "#/pattern: invalid regular expression “(unclosed”");
  assert_schema_error ("{\"pattern\": 1}", "#/pattern: expected a string");
  assert_schema_error ("{\"patternProperties\": {\"[\": {}}}", "#/patternProperties: invalid regular expression");
  assert_schema_error ("{\"enum\": 1}", "#/enum: expected an array");
  assert_schema_error ("{\"allOf\": []}", "#/allOf: expected a non-empty array of schemas");
  assert_schema_error ("{\"anyOf\": {}}", "#/anyOf");
  assert_schema_error ("{\"oneOf\": [1]}", "#/oneOf/0");
  assert_schema_error ("{\"not\": []}", "#/not");
  assert_schema_error ("{\"uniqueItems\": 1}", "#/uniqueItems: expected a boolean");
  assert_schema_error ("{\"items\": [{}, 7]}", "#/items/1");
  assert_schema_error ("{\"$defs\": {\"broken\": {\"minimum\": null}}}", "#/$defs/broken/minimum");
  assert_schema_error ("{\"$ref\": 1}", "#/$ref: expected a string");
  assert_schema_error ("{\"$ref\": \"#/definitions/missing\"}", "cannot resolve “#/definitions/missing”");
  assert_schema_error ("{\"definitions\": {\"a~2b\": {}}, \"$ref\": \"#/definitions/a~2b\"}", "invalid escape");
  assert_schema_error ("{\"$ref\": \"#/%zz\"}", "invalid percent-encoding");
  /* Found by fuzz-json-schema: this decoded to a lone 0xDE byte, which went
   * into the error message. */
  assert_schema_error ("{\"$ref\": \"#/%defs/n\"}", "invalid percent-encoding");
  assert_schema_error ("{\"$ref\": \"#anchor\"}", "anchors are not supported");
  assert_schema_error ("{\"dependentRequired\": {\"a\": {}}}", "#/dependentRequired");
}

static void
test_remote_refs (void)
{
  assert_schema_error ("{\"$ref\": \"http://json-schema.org/draft-07/schema#\"}",
                       "invalid schema at #/$ref: remote reference “http://json-schema.org/draft-07/schema#” is not supported");
  assert_schema_error ("{\"properties\": {\"a\": {\"$ref\": \"https://example.com/schema.json#/$defs/x\"}}}",
                       "invalid schema at #/properties/a/$ref: remote reference");
  assert_schema_error ("{\"$ref\": \"other.json#/$defs/x\"}", "to another document is not supported");
  assert_schema_error ("{\"$ref\": \"file:///etc/passwd\"}", "remote reference");
}

/* A $ref loop that consumes nothing of the instance would recurse forever. */
static void
test_ref_cycles (void)
{
  const char *schemas[] = {
    "{\"$ref\": \"#\"}",
    "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}",
    "{\"allOf\": [{\"$ref\": \"#\"}]}",
    "{\"anyOf\": [{\"$ref\": \"#\"}, {\"type\": \"string\"}]}",
    "{\"not\": {\"$ref\": \"#\"}}",
    "{\"if\": {\"$ref\": \"#\"}, \"then\": true}",
    "{\"$defs\": {\"a\": {\"properties\": {\"x\": {}}, \"allOf\": [{\"$ref\": \"#/$defs/a\"}]}}, \"$ref\": \"#/$defs/a\", \"unevaluatedProperties\": false}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    {
      g_autoptr(McpJsonSchema) schema = compile (schemas[i]);
      g_autoptr(JsonNode) instance = parse ("{\"x\": 1}");
      g_autoptr(GError) error = NULL;

      g_assert_false (_mcp_json_schema_validate (schema, instance, &error));
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
      g_assert_nonnull (strstr (error->message, "validation nested deeper than"));
      g_test_message ("%s: %s", schemas[i], error->message);
    }
}

/* Found by fuzz-json-schema: nested anyOf whose alternatives all fail deep
 * down took time exponential in the size of the schema (2^40 evaluations
 * here). Validation now gives up, with an error, after a budget that grows
 * with the instance; a large instance with a real schema stays well inside. */
static void
test_exponential_schema (void)
{
  g_autoptr(GString) text = g_string_new ("{\"$defs\": {");
  g_autoptr(McpJsonSchema) schema = NULL;
  g_autoptr(McpJsonSchema) items = NULL;
  g_autoptr(JsonNode) instance = parse ("{\"x\": [1, 2, 3]}");
  g_autoptr(JsonNode) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) array = g_string_new ("[");

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (text, "\"a%u\": {\"anyOf\": [{\"$ref\": \"#/$defs/a%u\"}, {\"$ref\": \"#/$defs/a%u\"}]},",
                            i, i + 1, i + 1);
  g_string_append (text, "\"a40\": false}, \"$ref\": \"#/$defs/a0\"}");
  schema = compile (text->str);

  g_assert_false (_mcp_json_schema_validate (schema, instance, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "too costly"));
  g_test_message ("%s", error->message);

  /* 20 000 items, each tried against three alternatives. */
  items = compile ("{\"type\": \"array\", \"items\": {\"anyOf\": ["
                   "{\"type\": \"object\", \"required\": [\"a\"]},"
                   "{\"type\": \"object\", \"required\": [\"b\"]},"
                   "{\"type\": \"object\", \"properties\": {\"c\": {\"type\": \"integer\"}}}]}}");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (array, "%s{\"c\": %u}", i > 0 ? "," : "", i);
  g_string_append_c (array, ']');
  big = parse (array->str);
  g_clear_error (&error);
  g_assert_true (_mcp_json_schema_validate (items, big, &error));
  g_assert_no_error (error);
}

static JsonNode *
make_nested_arrays (guint depth)
{
  JsonNode *node = json_node_init_int (json_node_alloc (), 1);

  for (guint i = 0; i < depth; i++)
    {
      JsonArray *array = json_array_new ();

      json_array_add_element (array, node);
      node = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
    }

  return node;
}

static JsonNode *
make_nested_objects (guint depth)
{
  JsonNode *node = json_node_new (JSON_NODE_NULL);

  for (guint i = 0; i < depth; i++)
    {
      JsonObject *object = json_object_new ();

      json_object_set_member (object, "a", node);
      node = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
    }

  return node;
}

/* A peer's deeply nested value must end in an error, not a stack overflow. */
static void
test_deep_instances (void)
{
  g_autoptr(JsonNode) arrays = make_nested_arrays (2000);
  g_autoptr(JsonNode) objects = make_nested_objects (2000);
  g_autoptr(JsonNode) pair = NULL;
  g_autoptr(JsonArray) pair_array = json_array_new ();
  g_autoptr(McpJsonSchema) recursive = compile ("{\"items\": {\"$ref\": \"#\"}}");
  g_autoptr(McpJsonSchema) recursive_objects = compile ("{\"additionalProperties\": {\"$ref\": \"#\"}, \"type\": [\"object\", \"null\"]}");
  g_autoptr(McpJsonSchema) unique = compile ("{\"uniqueItems\": true}");
  g_autoptr(McpJsonSchema) constant = compile ("{\"const\": [[[1]]]}");
  g_autoptr(McpJsonSchema) anything = compile ("{\"type\": \"array\"}");
  g_autoptr(JsonNode) fine = make_nested_arrays (40);
  g_autoptr(GError) error = NULL;

  g_assert_false (_mcp_json_schema_validate (recursive, arrays, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "validation nested deeper than"));
  g_assert_cmpuint (strlen (error->message), <, 600);
  g_clear_error (&error);

  g_assert_false (_mcp_json_schema_validate (recursive_objects, objects, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  /* uniqueItems hashes whole items, so it has its own limit */
  json_array_add_element (pair_array, json_node_ref (arrays));
  json_array_add_element (pair_array, json_node_ref (arrays));
  pair = json_node_init_array (json_node_alloc (), pair_array);
  g_assert_false (_mcp_json_schema_validate (unique, pair, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "uniqueItems"));
  g_clear_error (&error);

  /* a rejection quotes only a bounded part of the value */
  g_assert_false (_mcp_json_schema_validate (constant, arrays, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);

  g_assert_true (_mcp_json_schema_validate (anything, arrays, &error));
  g_assert_no_error (error);

  g_assert_true (_mcp_json_schema_validate (recursive, fine, &error));
  g_assert_no_error (error);
}

static void
test_deep_schema (void)
{
  GString *json = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJsonSchema) schema = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (json, "{\"not\": ");
  g_string_append (json, "{}");
  for (guint i = 0; i < 1000; i++)
    g_string_append (json, "}");

  node = parse (json->str);
  g_string_free (json, TRUE);

  schema = _mcp_json_schema_new (node, &error);
  g_assert_null (schema);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
}

static void
test_for_definition (void)
{
  const char *document =
    "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
    " \"$defs\": {"
    "   \"Point\": {\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"#/$defs/Coord\"}, \"y\": {\"$ref\": \"#/$defs/Coord\"}}, \"required\": [\"x\", \"y\"]},"
    "   \"Coord\": {\"type\": \"number\"},"
    "   \"Broken\": {\"type\": \"no-such-type\"}"
    " }}";
  g_autoptr(JsonNode) node = parse (document);
  g_autoptr(JsonNode) good = parse ("{\"x\": 1, \"y\": 2.5}");
  g_autoptr(JsonNode) bad = parse ("{\"x\": 1, \"y\": \"2\"}");
  g_autoptr(McpJsonSchema) by_name = NULL;
  g_autoptr(McpJsonSchema) by_pointer = NULL;
  g_autoptr(McpJsonSchema) missing = NULL;
  g_autoptr(McpJsonSchema) broken = NULL;
  g_autoptr(McpJsonSchema) whole = NULL;
  g_autoptr(GError) error = NULL;

  /* only what the definition reaches is compiled, so Broken does not matter */
  by_name = _mcp_json_schema_new_for_definition (node, "Point", &error);
  g_assert_no_error (error);
  by_pointer = _mcp_json_schema_new_for_definition (node, "#/$defs/Point", &error);
  g_assert_no_error (error);

  g_assert_true (_mcp_json_schema_validate (by_name, good, &error));
  g_assert_no_error (error);
  g_assert_true (_mcp_json_schema_validate (by_pointer, good, &error));
  g_assert_no_error (error);

  g_assert_false (_mcp_json_schema_validate (by_name, bad, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_cmpstr (error->message, ==, "/y: expected number, got string (type at #/$defs/Coord)");
  g_clear_error (&error);

  missing = _mcp_json_schema_new_for_definition (node, "Nope", &error);
  g_assert_null (missing);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  missing = _mcp_json_schema_new_for_definition (node, "#/$defs/Nope", &error);
  g_assert_null (missing);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  broken = _mcp_json_schema_new_for_definition (node, "Broken", &error);
  g_assert_null (broken);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  /* the whole document checks every definition */
  whole = _mcp_json_schema_new (node, &error);
  g_assert_null (whole);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "#/$defs/Broken/type"));
}

/* The compiled schema owns what it needs: the caller may change or drop
 * the JSON it came from.
 */
static void
test_independent_of_source (void)
{
  g_autoptr(JsonNode) source = parse ("{\"properties\": {\"k\": {\"const\": {\"a\": [1]}}, \"p\": {\"pattern\": \"^x\"}}, \"required\": [\"k\"]}");
  g_autoptr(JsonNode) good = parse ("{\"k\": {\"a\": [1]}, \"p\": \"xy\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(McpJsonSchema) schema = _mcp_json_schema_new (source, &error);
  g_autoptr(McpJsonSchema) extra = NULL;
  JsonObject *k;

  g_assert_no_error (error);

  k = json_object_get_object_member (json_object_get_object_member (json_node_get_object (source), "properties"), "k");
  json_array_add_int_element (json_object_get_array_member (json_object_get_object_member (k, "const"), "a"), 2);
  json_object_remove_member (json_node_get_object (source), "required");
  g_clear_pointer (&source, json_node_unref);

  g_assert_true (_mcp_json_schema_validate (schema, good, &error));
  g_assert_no_error (error);

  extra = _mcp_json_schema_ref (schema);
  g_assert_true (extra == schema);
}

static void
test_validate_object (void)
{
  g_autoptr(McpJsonSchema) schema = compile ("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}, \"required\": [\"n\"]}");
  g_autoptr(JsonObject) good = json_object_new ();
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (good, "n", 3);
  json_object_set_string_member (bad, "n", "3");

  g_assert_true (_mcp_json_schema_validate_object (schema, good, &error));
  g_assert_no_error (error);

  g_assert_false (_mcp_json_schema_validate_object (schema, bad, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_assert_cmpstr (error->message, ==, "/n: expected integer, got string (type at #/properties/n)");
}

typedef struct
{
  McpJsonSchema *schema;
  guint          failures;
} ThreadData;

static gpointer
validate_in_thread (gpointer data)
{
  ThreadData *td = data;
  g_autoptr(JsonNode) good = parse ("{\"name\": \"abc\", \"tags\": [\"a\", \"b\"], \"n\": 2}");
  g_autoptr(JsonNode) bad = parse ("{\"name\": \"ABC\", \"tags\": [\"a\", \"a\"], \"n\": 2}");

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!_mcp_json_schema_validate (td->schema, good, NULL))
        td->failures++;
      if (_mcp_json_schema_validate (td->schema, bad, &error))
        td->failures++;
    }

  return NULL;
}

/* Tool handlers may run in worker threads and share one compiled schema. */
static void
test_threads (void)
{
  g_autoptr(McpJsonSchema) schema = compile ("{\"type\": \"object\", \"properties\": {\"name\": {\"pattern\": \"^[a-z]+$\"},"
                                             " \"tags\": {\"uniqueItems\": true, \"items\": {\"type\": \"string\"}}, \"n\": {\"type\": \"integer\"}}}");
  ThreadData data[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].schema = schema;
      data[i].failures = 0;
      threads[i] = g_thread_new ("validate", validate_in_thread, &data[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (data[i].failures, ==, 0);
    }
}

/* Spec messages */

static gboolean
require_spec (const char *version)
{
  if (!mcp_test_schema_available (version))
    {
      g_test_skip ("MCP spec schemas are not available (set MCP_TEST_SPEC_DIR)");
      return FALSE;
    }

  return TRUE;
}

static const char *spec_versions[] = {
  "2024-11-05",
  "2025-03-26",
  "2025-06-18",
  "2025-11-25",
  "2026-07-28",
};

/* Our compiler must accept the official documents whole, every
 * definition included.
 */
static void
test_spec_documents (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec_versions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McpJsonSchema) schema = NULL;
      JsonNode *document;

      if (!require_spec (spec_versions[i]))
        return;

      document = mcp_test_schema_get_document (spec_versions[i], &error);
      g_assert_no_error (error);

      schema = _mcp_json_schema_new (document, &error);
      g_assert_no_error (error);
      g_assert_nonnull (schema);
    }
}

#define INITIALIZE_REQUEST \
  "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {" \
  "  \"protocolVersion\": \"%s\"," \
  "  \"capabilities\": {\"roots\": {\"listChanged\": true}, \"sampling\": {}}," \
  "  \"clientInfo\": {\"name\": \"mcp-glib-test\", \"version\": \"0.1.0\"}}}"

#define INITIALIZE_RESULT \
  "{\"protocolVersion\": \"%s\"," \
  " \"capabilities\": {\"tools\": {\"listChanged\": true}, \"logging\": {}, \"resources\": {\"subscribe\": true}}," \
  " \"serverInfo\": {\"name\": \"mcp-glib\", \"version\": \"0.1.0\"}," \
  " \"instructions\": \"Be nice.\"}"

/* 2026-07-28 results must say what kind of result they are */
#define CALL_TOOL_RESULT \
  "{%s\"content\": [" \
  "   {\"type\": \"text\", \"text\": \"42\"}," \
  "   {\"type\": \"image\", \"data\": \"iVBORw0KGgo=\", \"mimeType\": \"image/png\"}" \
  " ]," \
  " \"isError\": false}"

static void
test_spec_handshake (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec_versions); i++)
    {
      const char *version = spec_versions[i];
      g_autofree char *request = g_strdup_printf (INITIALIZE_REQUEST, version);
      g_autofree char *result = g_strdup_printf (INITIALIZE_RESULT, version);
      g_autofree char *response = g_strdup_printf ("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": %s}", result);

      if (!require_spec (version))
        return;

      /* 2026-07-28 drops initialize */
      if (g_str_equal (version, "2026-07-28"))
        continue;

      mcp_test_assert_valid_json (version, "InitializeRequest", request);
      mcp_test_assert_valid_json (version, "JSONRPCRequest", request);
      mcp_test_assert_valid_json (version, "JSONRPCMessage", request);
      mcp_test_assert_valid_json (version, "ClientRequest", request);
      mcp_test_assert_valid_json (version, "InitializeResult", result);
      mcp_test_assert_valid_json (version, "ServerResult", result);
      mcp_test_assert_valid_json (version, "JSONRPCMessage", response);
      mcp_test_assert_valid_json (version, "JSONRPCMessage", "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");

      /* missing clientInfo */
      mcp_test_assert_invalid_json (version, "InitializeRequest",
                                    "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\","
                                    " \"params\": {\"protocolVersion\": \"1\", \"capabilities\": {}}}");
      /* wrong method */
      mcp_test_assert_invalid_json (version, "InitializeRequest",
                                    "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialise\","
                                    " \"params\": {\"protocolVersion\": \"1\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"a\", \"version\": \"1\"}}}");
      /* serverInfo without a version */
      mcp_test_assert_invalid_json (version, "InitializeResult",
                                    "{\"protocolVersion\": \"1\", \"capabilities\": {}, \"serverInfo\": {\"name\": \"x\"}}");
      /* not JSON-RPC 2.0 */
      mcp_test_assert_invalid_json (version, "JSONRPCRequest", "{\"jsonrpc\": \"1.0\", \"id\": 1, \"method\": \"ping\"}");
      /* ids are strings or integers */
      mcp_test_assert_invalid_json (version, "JSONRPCRequest", "{\"jsonrpc\": \"2.0\", \"id\": 1.5, \"method\": \"ping\"}");
      mcp_test_assert_invalid_json (version, "JSONRPCRequest", "{\"jsonrpc\": \"2.0\", \"id\": null, \"method\": \"ping\"}");
      mcp_test_assert_valid_json (version, "JSONRPCRequest", "{\"jsonrpc\": \"2.0\", \"id\": \"abc\", \"method\": \"ping\"}");
    }
}

static void
test_spec_tool_results (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec_versions); i++)
    {
      const char *version = spec_versions[i];
      const char *kind = g_str_equal (version, "2026-07-28") ? "\"resultType\": \"complete\", " : "";
      g_autofree char *result = g_strdup_printf (CALL_TOOL_RESULT, kind);
      g_autofree char *empty = g_strdup_printf ("{%s\"content\": [], \"isError\": true}", kind);
      g_autofree char *no_content = g_strdup_printf ("{%s\"isError\": true}", kind);
      g_autofree char *no_mime_type = g_strdup_printf ("{%s\"content\": [{\"type\": \"image\", \"data\": \"AAAA\"}]}", kind);
      g_autofree char *bad_is_error = g_strdup_printf ("{%s\"content\": [{\"type\": \"text\", \"text\": \"x\"}], \"isError\": \"no\"}", kind);
      g_autofree char *bad_data = g_strdup_printf ("{%s\"content\": [{\"type\": \"text\", \"text\": \"ok\"},"
                                                   " {\"type\": \"image\", \"data\": 7, \"mimeType\": \"image/png\"}]}", kind);
      g_autoptr(GError) error = NULL;

      if (!require_spec (version))
        return;

      mcp_test_assert_valid_json (version, "CallToolResult", result);
      mcp_test_assert_valid_json (version, "CallToolResult", empty);

      /* content is required */
      mcp_test_assert_invalid_json (version, "CallToolResult", no_content);
      /* an image needs its mimeType */
      mcp_test_assert_invalid_json (version, "CallToolResult", no_mime_type);
      /* isError is a boolean */
      mcp_test_assert_invalid_json (version, "CallToolResult", bad_is_error);

      /* the message points at the broken member of the right variant */
      g_assert_false (mcp_test_schema_validate_json (version, "CallToolResult", bad_data, &error));
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
      g_test_message ("%s: %s", version, error->message);
      g_assert_true (g_str_has_prefix (error->message, "/content/1/data: expected string, got integer (type at "));
      g_assert_nonnull (strstr (error->message, "ImageContent/properties/data"));
    }
}

static void
test_spec_errors (void)
{
  const char *error_response =
    "{\"jsonrpc\": \"2.0\", \"id\": 7, \"error\": {\"code\": -32602, \"message\": \"Invalid params\", \"data\": {\"detail\": [1, 2]}}}";

  for (guint i = 0; i < G_N_ELEMENTS (spec_versions); i++)
    {
      const char *version = spec_versions[i];
      const char *definition;

      if (!require_spec (version))
        return;

      /* 2025-11-25 renamed JSONRPCError to JSONRPCErrorResponse */
      if (mcp_test_schema_get (version, "JSONRPCErrorResponse", NULL) != NULL)
        definition = "JSONRPCErrorResponse";
      else
        definition = "JSONRPCError";

      mcp_test_assert_valid_json (version, definition, error_response);
      mcp_test_assert_valid_json (version, "JSONRPCMessage", error_response);
      mcp_test_assert_valid_json (version, definition,
                                  "{\"jsonrpc\": \"2.0\", \"id\": \"x\", \"error\": {\"code\": -32601, \"message\": \"Method not found\"}}");

      /* the code is an integer */
      mcp_test_assert_invalid_json (version, definition,
                                    "{\"jsonrpc\": \"2.0\", \"id\": 7, \"error\": {\"code\": \"-32602\", \"message\": \"x\"}}");
      mcp_test_assert_invalid_json (version, definition,
                                    "{\"jsonrpc\": \"2.0\", \"id\": 7, \"error\": {\"code\": -32602.5, \"message\": \"x\"}}");
      /* the message is required */
      mcp_test_assert_invalid_json (version, definition,
                                    "{\"jsonrpc\": \"2.0\", \"id\": 7, \"error\": {\"code\": -32602}}");
      mcp_test_assert_invalid_json (version, "JSONRPCMessage", "{\"jsonrpc\": \"2.0\", \"id\": 7}");
    }
}

static void
test_spec_validate_node (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) params = json_object_new ();

  if (!require_spec ("2025-11-25"))
    return;

  json_object_set_string_member (params, "name", "add");
  json_object_set_object_member (params, "arguments", json_object_new ());
  json_object_set_string_member (object, "jsonrpc", "2.0");
  json_object_set_int_member (object, "id", 3);
  json_object_set_string_member (object, "method", "tools/call");
  json_object_set_object_member (object, "params", json_object_ref (params));
  node = json_node_init_object (json_node_alloc (), object);

  mcp_test_assert_valid ("2025-11-25", "CallToolRequest", node);
  mcp_test_assert_valid ("2024-11-05", "CallToolRequest", node);

  json_object_remove_member (params, "name");
  mcp_test_assert_invalid ("2025-11-25", "CallToolRequest", node);
  mcp_test_assert_invalid ("2024-11-05", "CallToolRequest", node);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/JsonSchema/type", test_type);
  g_test_add_func ("/Mcp/JsonSchema/properties", test_properties);
  g_test_add_func ("/Mcp/JsonSchema/dependencies", test_dependencies);
  g_test_add_func ("/Mcp/JsonSchema/enum-const", test_enum_const);
  g_test_add_func ("/Mcp/JsonSchema/arrays", test_arrays);
  g_test_add_func ("/Mcp/JsonSchema/numbers", test_numbers);
  g_test_add_func ("/Mcp/JsonSchema/strings", test_strings);
  g_test_add_func ("/Mcp/JsonSchema/combinators", test_combinators);
  g_test_add_func ("/Mcp/JsonSchema/alternatives-message", test_alternatives_message);
  g_test_add_func ("/Mcp/JsonSchema/messages", test_messages);
  g_test_add_func ("/Mcp/JsonSchema/refs", test_refs);
  g_test_add_func ("/Mcp/JsonSchema/boolean-schemas", test_boolean_schemas);
  g_test_add_func ("/Mcp/JsonSchema/ignored-keywords", test_ignored_keywords);
  g_test_add_func ("/Mcp/JsonSchema/unevaluated", test_unevaluated);
  g_test_add_func ("/Mcp/JsonSchema/invalid-schemas", test_invalid_schemas);
  g_test_add_func ("/Mcp/JsonSchema/remote-refs", test_remote_refs);
  g_test_add_func ("/Mcp/JsonSchema/ref-cycles", test_ref_cycles);
  g_test_add_func ("/Mcp/JsonSchema/exponential-schema", test_exponential_schema);
  g_test_add_func ("/Mcp/JsonSchema/deep-instances", test_deep_instances);
  g_test_add_func ("/Mcp/JsonSchema/deep-schema", test_deep_schema);
  g_test_add_func ("/Mcp/JsonSchema/for-definition", test_for_definition);
  g_test_add_func ("/Mcp/JsonSchema/independent-of-source", test_independent_of_source);
  g_test_add_func ("/Mcp/JsonSchema/validate-object", test_validate_object);
  g_test_add_func ("/Mcp/JsonSchema/threads", test_threads);
  g_test_add_func ("/Mcp/JsonSchema/spec/documents", test_spec_documents);
  g_test_add_func ("/Mcp/JsonSchema/spec/handshake", test_spec_handshake);
  g_test_add_func ("/Mcp/JsonSchema/spec/tool-results", test_spec_tool_results);
  g_test_add_func ("/Mcp/JsonSchema/spec/errors", test_spec_errors);
  g_test_add_func ("/Mcp/JsonSchema/spec/validate-node", test_spec_validate_node);

  ret = g_test_run ();
  mcp_test_schema_clear_cache ();

  return ret;
}

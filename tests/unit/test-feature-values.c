/* test-feature-values.c: resource templates, resources, prompts, prompt
 * results and roots without any I/O.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-schema.h"
#include "mcp-test-util.h"

#define SPEC "2025-11-25"

static void
assert_match (const char *uri_template,
              const char *uri,
              const char *first_name,
              ...) G_GNUC_NULL_TERMINATED;

/* Variadic pairs of name, expected value, ending with NULL. */
static void
assert_match (const char *uri_template,
              const char *uri,
              const char *first_name,
              ...)
{
  g_autoptr(McpResourceTemplate) template = mcp_resource_template_new (uri_template, "t");
  g_autoptr(GHashTable) variables = NULL;
  const char *name = first_name;
  guint count = 0;
  va_list args;

  if (!mcp_resource_template_match (template, uri, &variables))
    g_error ("%s does not match %s", uri, uri_template);

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_assert_cmpstr (g_hash_table_lookup (variables, name), ==, value);
      count++;
      name = va_arg (args, const char *);
    }
  va_end (args);

  g_assert_cmpuint (g_hash_table_size (variables), ==, count);
}

static void
assert_no_match (const char *uri_template,
                 const char *uri)
{
  g_autoptr(McpResourceTemplate) template = mcp_resource_template_new (uri_template, "t");
  g_autoptr(GHashTable) variables = NULL;

  if (mcp_resource_template_match (template, uri, &variables))
    g_error ("%s should not match %s", uri, uri_template);
  g_assert_null (variables);
}

static void
test_template_match (void)
{
  assert_match ("test://items/{id}", "test://items/42", "id", "42", NULL);
  assert_match ("test://template/{id}/data", "test://template/123/data", "id", "123", NULL);
  assert_match ("file:///{dir}/{name}.txt", "file:///docs/a.b.txt", "dir", "docs", "name", "a.b", NULL);
  assert_match ("db://{table}/{row}", "db://users/7", "table", "users", "row", "7", NULL);
  assert_match ("test://q/{x}", "test://q/a%20b%2Fc", "x", "a b/c", NULL);
  assert_match ("test://q/{x}", "test://q/%C3%A9t%C3%A9", "x", "été", NULL);
  assert_match ("test://{a}-{b}", "test://x-y-z", "a", "x", "b", "y-z", NULL);
  assert_match ("test://{a}/{a}", "test://same/same", "a", "same", NULL);
  assert_match ("test://fixed", "test://fixed", NULL, NULL);

  assert_no_match ("test://items/{id}", "test://items/");
  assert_no_match ("test://items/{id}", "test://items/1/2");
  assert_no_match ("test://items/{id}", "test://items/1?x=2");
  assert_no_match ("test://items/{id}", "test://other/1");
  assert_no_match ("test://template/{id}/data", "test://template/1/dat");
  assert_no_match ("test://{a}/{a}", "test://one/two");
  assert_no_match ("test://fixed", "test://fixed/more");
  /* invalid percent-encoding and bytes that are not UTF-8 */
  assert_no_match ("test://q/{x}", "test://q/%zz");
  assert_no_match ("test://q/{x}", "test://q/%ff");
  /* beyond level 1, or broken: never matches anything */
  assert_no_match ("test://{+path}", "test://a/b");
  assert_no_match ("test://{unclosed", "test://{unclosed");
  assert_no_match ("test://}{x}", "test://}y");
}

static void
test_template_adversarial (void)
{
  g_autoptr(GString) uri_template = g_string_new ("test://");
  g_autoptr(GString) uri = g_string_new ("test://");
  g_autoptr(McpResourceTemplate) template = NULL;

  /* Adjacent variables over a long run without separators would backtrack
   * combinatorially; the matcher gives up instead of hanging. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (uri_template, "{v%u}", i);
  g_string_append (uri_template, "!");
  for (guint i = 0; i < 4000; i++)
    g_string_append_c (uri, 'a');

  template = mcp_resource_template_new (uri_template->str, "t");
  g_assert_false (mcp_resource_template_match (template, uri->str, NULL));
}

/* More variables than the matcher once had room for (64) still match, and
 * the values of all of them come back; a template of thousands of parts
 * does not make the search deeper. */
static void
test_template_many_parts (void)
{
  g_autoptr(GString) uri_template = g_string_new ("test://");
  g_autoptr(GString) uri = g_string_new ("test://");
  g_autoptr(McpResourceTemplate) template = NULL;
  g_autoptr(GHashTable) variables = NULL;
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < 20000; i++)
    {
      g_string_append_printf (uri_template, "/{v%u}", i);
      g_string_append_printf (uri, "/%u", i * 7);
    }

  template = mcp_resource_template_new (uri_template->str, "t");
  names = mcp_resource_template_dup_variable_names (template);
  g_assert_cmpuint (g_strv_length (names), ==, 20000);
  g_assert_cmpstr (names[19999], ==, "v19999");

  g_assert_true (mcp_resource_template_match (template, uri->str, &variables));
  g_assert_cmpuint (g_hash_table_size (variables), ==, 20000);
  g_assert_cmpstr (g_hash_table_lookup (variables, "v0"), ==, "0");
  g_assert_cmpstr (g_hash_table_lookup (variables, "v64"), ==, "448");
  g_assert_cmpstr (g_hash_table_lookup (variables, "v19999"), ==, "139993");

  g_string_append (uri, "/extra");
  g_assert_false (mcp_resource_template_match (template, uri->str, NULL));
}

static void
test_template_variables (void)
{
  g_autoptr(McpResourceTemplate) template =
    mcp_resource_template_new ("file:///{dir}/{name}.{ext}", "files");
  g_autoptr(McpResourceTemplate) level2 = mcp_resource_template_new ("file:///{+path}", "paths");
  g_auto(GStrv) names = mcp_resource_template_dup_variable_names (template);
  g_auto(GStrv) none = mcp_resource_template_dup_variable_names (level2);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(McpResourceTemplate) parsed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstrv (names, ((const char * const []) { "dir", "name", "ext", NULL }));
  g_assert_cmpstrv (none, ((const char * const []) { NULL }));

  mcp_resource_template_set_title (template, "Files");
  mcp_resource_template_set_mime_type (template, "text/plain");
  json = mcp_resource_template_to_json (template);
  mcp_test_assert_valid (SPEC, "ResourceTemplate", json);
  parsed = mcp_resource_template_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mcp_resource_template_get_uri_template (parsed), ==, "file:///{dir}/{name}.{ext}");
  g_assert_cmpstr (mcp_resource_template_get_title (parsed), ==, "Files");
  g_assert_true (mcp_resource_template_match (parsed, "file:///a/b.c", NULL));
}

static void
test_resource_json (void)
{
  g_autoptr(McpResource) resource = mcp_resource_new ("test://r", "r");
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(McpResource) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(JsonNode) loose = NULL;

  g_assert_cmpint (mcp_resource_get_size (resource), ==, -1);
  mcp_resource_set_size (resource, 12);
  mcp_resource_set_mime_type (resource, "text/plain");
  json = mcp_resource_to_json (resource);
  mcp_test_assert_valid (SPEC, "Resource", json);

  parsed = mcp_resource_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mcp_resource_get_size (parsed), ==, 12);
  g_assert_cmpstr (mcp_resource_get_mime_type (parsed), ==, "text/plain");
  g_clear_object (&parsed);

  bad = mcp_test_parse ("{\"uri\":\"test://x\"}");
  parsed = mcp_resource_new_from_json (bad, &error);
  g_assert_null (parsed);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  /* Members of the wrong type are ignored, not fatal */
  loose = mcp_test_parse ("{\"uri\":\"test://x\",\"name\":\"x\",\"size\":\"big\",\"icons\":{},"
                          "\"title\":7}");
  parsed = mcp_resource_new_from_json (loose, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mcp_resource_get_size (parsed), ==, -1);
  g_assert_null (mcp_resource_get_icons (parsed));
  g_assert_null (mcp_resource_get_title (parsed));
}

static void
test_prompt_arguments (void)
{
  g_autoptr(McpPrompt) prompt = mcp_prompt_new ("p", "A prompt");
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(McpPrompt) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) loose = NULL;
  g_auto(GStrv) required = NULL;
  g_auto(GStrv) parsed_required = NULL;

  g_assert_null (mcp_prompt_get_arguments (prompt));
  mcp_prompt_add_argument (prompt, "a", "First", TRUE);
  mcp_prompt_add_argument (prompt, "b", NULL, FALSE);
  mcp_prompt_add_argument (prompt, "a", "First, again", FALSE);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (mcp_prompt_get_arguments (prompt))),
                    ==, 2);
  required = mcp_prompt_dup_required_arguments (prompt);
  g_assert_cmpstrv (required, ((const char * const []) { NULL }));
  g_assert_true (mcp_prompt_has_argument (prompt, "a"));
  g_assert_false (mcp_prompt_has_argument (prompt, "c"));

  mcp_prompt_add_argument (prompt, "c", "Third", TRUE);
  json = mcp_prompt_to_json (prompt);
  mcp_test_assert_valid (SPEC, "Prompt", json);
  parsed = mcp_prompt_new_from_json (json, &error);
  g_assert_no_error (error);
  parsed_required = mcp_prompt_dup_required_arguments (parsed);
  g_assert_cmpstrv (parsed_required, ((const char * const []) { "c", NULL }));
  g_clear_object (&parsed);

  /* Arguments without names are dropped */
  loose = mcp_test_parse ("{\"name\":\"q\",\"arguments\":[{\"name\":\"ok\"},{\"title\":\"no name\"},3]}");
  parsed = mcp_prompt_new_from_json (loose, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (mcp_prompt_get_arguments (parsed))),
                    ==, 1);
}

static void
test_prompt_result (void)
{
  g_autoptr(McpPromptResult) result = mcp_prompt_result_new ("Described");
  g_autoptr(JsonNode) link = mcp_content_new_resource_link ("test://r", "r", NULL, "text/plain");
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(McpPromptResult) parsed = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const bad[] = {
    "{}",
    "{\"messages\":{}}",
    "{\"messages\":[{\"role\":\"system\",\"content\":{\"type\":\"text\",\"text\":\"x\"}}]}",
    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}",
    "{\"messages\":[{\"role\":\"user\"}]}",
    "[]",
  };

  mcp_prompt_result_add_text (result, MCP_ROLE_USER, "Hello");
  mcp_prompt_result_add_message (result, MCP_ROLE_ASSISTANT, link);
  json = mcp_prompt_result_to_json (result);
  mcp_test_assert_valid (SPEC, "GetPromptResult", json);

  parsed = mcp_prompt_result_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mcp_prompt_result_get_n_messages (parsed), ==, 2);
  g_assert_cmpstr (mcp_prompt_result_get_description (parsed), ==, "Described");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = mcp_test_parse (bad[i]);
      g_autoptr(McpPromptResult) rejected = mcp_prompt_result_new_from_json (node, &error);

      g_assert_null (rejected);
      g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
      g_clear_error (&error);
    }
}

static void
test_root_and_names (void)
{
  g_autoptr(McpRoot) root = mcp_root_new ("file:///home", "Home");
  g_autoptr(JsonNode) json = mcp_root_to_json (root);
  g_autoptr(JsonNode) bad = mcp_test_parse ("{\"name\":\"no uri\"}");
  g_autoptr(McpRoot) parsed = NULL;
  g_autoptr(GError) error = NULL;
  McpElicitationAction action;
  McpRole role;

  mcp_test_assert_valid (SPEC, "Root", json);
  parsed = mcp_root_new_from_json (bad, &error);
  g_assert_null (parsed);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);

  g_assert_true (mcp_role_from_string ("assistant", &role));
  g_assert_cmpint (role, ==, MCP_ROLE_ASSISTANT);
  g_assert_false (mcp_role_from_string ("system", &role));
  g_assert_false (mcp_role_from_string (NULL, &role));
  g_assert_cmpstr (mcp_role_to_string (MCP_ROLE_USER), ==, "user");

  g_assert_true (mcp_elicitation_action_from_string ("decline", &action));
  g_assert_cmpint (action, ==, MCP_ELICITATION_ACTION_DECLINE);
  g_assert_false (mcp_elicitation_action_from_string ("maybe", &action));
  g_assert_cmpstr (mcp_elicitation_action_to_string (MCP_ELICITATION_ACTION_CANCEL), ==, "cancel");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/FeatureTypes/template-match", test_template_match);
  g_test_add_func ("/Mcp/FeatureTypes/template-adversarial", test_template_adversarial);
  g_test_add_func ("/Mcp/FeatureTypes/template-many-parts", test_template_many_parts);
  g_test_add_func ("/Mcp/FeatureTypes/template-variables", test_template_variables);
  g_test_add_func ("/Mcp/FeatureTypes/resource-json", test_resource_json);
  g_test_add_func ("/Mcp/FeatureTypes/prompt-arguments", test_prompt_arguments);
  g_test_add_func ("/Mcp/FeatureTypes/prompt-result", test_prompt_result);
  g_test_add_func ("/Mcp/FeatureTypes/root-and-names", test_root_and_names);

  return g_test_run ();
}

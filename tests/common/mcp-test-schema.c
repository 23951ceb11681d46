/* mcp-test-schema.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-test-schema.h"

G_LOCK_DEFINE_STATIC (cache);
static GHashTable *documents;
static GHashTable *schemas;

static char *
spec_file (const char *version)
{
  const char *dir = g_getenv ("MCP_TEST_SPEC_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_build_filename (dir, version, "schema.json", NULL);

#ifdef MCP_TEST_SRCDIR
  return g_build_filename (MCP_TEST_SRCDIR, "..", "..", "shared", "spec", version, "schema.json", NULL);
#else
  return g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "..", "shared", "spec", version, "schema.json", NULL);
#endif
}

/**
 * mcp_test_schema_available:
 * @version: a protocol version such as `2025-11-25`
 *
 * Tells whether the schema of @version can be read, so that a test can
 * skip instead of failing where the spec files were not shipped.
 *
 * Returns: %TRUE if the schema file exists
 */
gboolean
mcp_test_schema_available (const char *version)
{
  g_autofree char *path = spec_file (version);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * mcp_test_schema_get_document:
 * @version: a protocol version such as `2025-11-25`
 * @error: return location for a #GError
 *
 * Loads the official schema of @version once per test program.
 *
 * Returns: (transfer none): the whole schema document, or %NULL
 */
JsonNode *
mcp_test_schema_get_document (const char  *version,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *path = NULL;
  JsonNode *document;

  g_return_val_if_fail (version != NULL, NULL);

  G_LOCK (cache);

  if (documents == NULL)
    documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);

  document = g_hash_table_lookup (documents, version);
  if (document != NULL)
    {
      G_UNLOCK (cache);
      return document;
    }

  path = spec_file (version);
  parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, path, error))
    {
      G_UNLOCK (cache);
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  document = json_parser_steal_root (parser);
  g_hash_table_insert (documents, g_strdup (version), document);

  G_UNLOCK (cache);

  return document;
}

/**
 * mcp_test_schema_get:
 * @version: a protocol version such as `2025-11-25`
 * @definition: a definition name such as `CallToolResult`, or a fragment
 *   such as `#/$defs/CallToolResult`
 * @error: return location for a #GError
 *
 * Compiles one definition of the official schema, once per test program.
 *
 * Returns: (transfer none): the compiled definition, or %NULL
 */
McpJsonSchema *
mcp_test_schema_get (const char  *version,
                     const char  *definition,
                     GError     **error)
{
  g_autofree char *key = NULL;
  McpJsonSchema *schema;
  JsonNode *document;

  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (definition != NULL, NULL);

  document = mcp_test_schema_get_document (version, error);
  if (document == NULL)
    return NULL;

  key = g_strdup_printf ("%s\n%s", version, definition);

  G_LOCK (cache);

  if (schemas == NULL)
    schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) _mcp_json_schema_unref);

  schema = g_hash_table_lookup (schemas, key);
  if (schema == NULL)
    {
      schema = _mcp_json_schema_new_for_definition (document, definition, error);
      if (schema != NULL)
        g_hash_table_insert (schemas, g_steal_pointer (&key), schema);
    }

  G_UNLOCK (cache);

  return schema;
}

/**
 * mcp_test_schema_validate:
 * @version: a protocol version such as `2025-11-25`
 * @definition: a definition name such as `JSONRPCRequest`
 * @instance: the message to check
 * @error: return location for a #GError
 *
 * Checks @instance against one definition of the official schema.
 *
 * Returns: %TRUE if @instance is valid
 */
gboolean
mcp_test_schema_validate (const char  *version,
                          const char  *definition,
                          JsonNode    *instance,
                          GError     **error)
{
  McpJsonSchema *schema;

  g_return_val_if_fail (instance != NULL, FALSE);

  schema = mcp_test_schema_get (version, definition, error);
  if (schema == NULL)
    return FALSE;

  return _mcp_json_schema_validate (schema, instance, error);
}

/**
 * mcp_test_schema_validate_json:
 * @version: a protocol version such as `2025-11-25`
 * @definition: a definition name such as `JSONRPCRequest`
 * @json: the message to check, as JSON text
 * @error: return location for a #GError
 *
 * Like mcp_test_schema_validate(), for messages written inline in a test.
 *
 * Returns: %TRUE if @json parses and is valid
 */
gboolean
mcp_test_schema_validate_json (const char  *version,
                               const char  *definition,
                               const char  *json,
                               GError     **error)
{
  g_autoptr(JsonNode) instance = NULL;

  g_return_val_if_fail (json != NULL, FALSE);

  instance = json_from_string (json, error);
  if (instance == NULL)
    return FALSE;

  return mcp_test_schema_validate (version, definition, instance, error);
}

/**
 * mcp_test_schema_assert_full:
 * @file: the caller's file
 * @line: the caller's line
 * @func: the caller's function
 * @version: a protocol version such as `2025-11-25`
 * @definition: a definition name such as `JSONRPCRequest`
 * @instance: (nullable): the message to check
 * @json: (nullable): the message as JSON text, when @instance is %NULL
 * @expect_valid: whether the message must pass or must fail
 *
 * The body of mcp_test_assert_valid() and friends: a failed expectation is
 * a test failure carrying the validator's message.
 */
void
mcp_test_schema_assert_full (const char *file,
                             int         line,
                             const char *func,
                             const char *version,
                             const char *definition,
                             JsonNode   *instance,
                             const char *json,
                             gboolean    expect_valid)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  McpJsonSchema *schema;
  gboolean valid;

  if (!mcp_test_schema_available (version))
    {
      g_autofree char *path = spec_file (version);
      g_autofree char *reason = g_strdup_printf ("MCP schema %s not found at %s", version, path);

      g_test_skip (reason);
      return;
    }

  if (instance == NULL)
    {
      parsed = json_from_string (json, &error);
      if (parsed == NULL)
        {
          message = g_strdup_printf ("cannot parse test JSON: %s", error->message);
          g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
          return;
        }
      instance = parsed;
    }

  schema = mcp_test_schema_get (version, definition, &error);
  if (schema == NULL)
    {
      message = g_strdup_printf ("cannot compile %s of MCP %s: %s", definition, version, error->message);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
      return;
    }

  valid = _mcp_json_schema_validate (schema, instance, &error);
  text = json_to_string (instance, FALSE);

  if (expect_valid && !valid)
    {
      message = g_strdup_printf ("%s (MCP %s) rejected %s: %s", definition, version, text, error->message);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
    }
  else if (!expect_valid && valid)
    {
      message = g_strdup_printf ("%s (MCP %s) accepted %s, which should be invalid", definition, version, text);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
    }
  else if (!valid)
    {
      g_test_message ("%s (MCP %s) rejected as expected: %s", definition, version, error->message);
    }
}

/**
 * mcp_test_schema_clear_cache:
 *
 * Drops every loaded document and compiled definition, for leak checkers
 * that want a clean exit.
 */
void
mcp_test_schema_clear_cache (void)
{
  G_LOCK (cache);
  g_clear_pointer (&schemas, g_hash_table_unref);
  g_clear_pointer (&documents, g_hash_table_unref);
  G_UNLOCK (cache);
}

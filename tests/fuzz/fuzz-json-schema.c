/* fuzz-json-schema.c: the JSON Schema compiler and validator
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout: a schema, a NUL, an instance (both JSON). Schemas come from
 * peers (a server's tool inputSchema, an elicitation's requestedSchema), so
 * compiling any schema and validating any instance against it must end,
 * quickly, in a result or an error. A second validation gives the same
 * answer, and error messages — which can reach the peer — are valid UTF-8.
 */

#include "config.h"

#include "fuzz-common.h"

#include "mcp-error.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-schema-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzInput in = { data, size };
  g_autofree char *schema_text = fuzz_take_until_nul (&in);
  g_autoptr(JsonNode) schema_node = NULL;
  g_autoptr(JsonNode) instance = NULL;
  g_autoptr(McpJsonSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  gboolean valid;

  schema_node = _mcp_json_parse (schema_text, strlen (schema_text), NULL);
  if (schema_node == NULL)
    return 0;

  schema = _mcp_json_schema_new (schema_node, &error);
  if (schema == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  /* No instance: validate the schema against itself. */
  if (in.size == 0)
    instance = json_node_ref (schema_node);
  else
    instance = _mcp_json_parse ((const char *) in.data, in.size, NULL);
  if (instance == NULL)
    return 0;

  valid = _mcp_json_schema_validate (schema, instance, &error);
  FUZZ_CHECK (valid == (error == NULL));
  if (error != NULL)
    FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));

  FUZZ_CHECK (_mcp_json_schema_validate (schema, instance, &error2) == valid);
  if (!valid)
    FUZZ_CHECK (g_strcmp0 (error->message, error2->message) == 0);

  if (JSON_NODE_HOLDS_OBJECT (instance))
    {
      g_autoptr(GError) error3 = NULL;

      FUZZ_CHECK (_mcp_json_schema_validate_object (schema, json_node_get_object (instance),
                                                    &error3) == valid);
    }

  return 0;
}

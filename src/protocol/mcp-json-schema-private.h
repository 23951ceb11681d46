/* mcp-json-schema-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * McpJsonSchema is a compiled JSON Schema (draft-07 and 2020-12 keywords)
 * used to check tool arguments, elicitation answers and, in the tests,
 * whole protocol messages against the official MCP schemas.
 *
 * A compiled schema does not reference the JsonNode it was built from, is
 * immutable, and may be used from several threads at once.
 */
typedef struct _McpJsonSchema McpJsonSchema;

/* Subschema evaluations one validation may spend, beyond 16 per value of
 * the instance, unless its caller says otherwise. */
#define _MCP_JSON_SCHEMA_DEFAULT_BUDGET 10000

McpJsonSchema *_mcp_json_schema_new                (JsonNode       *schema,
                                                   GError        **error);
McpJsonSchema *_mcp_json_schema_new_for_definition (JsonNode       *document,
                                                   const char     *definition,
                                                   GError        **error);
McpJsonSchema *_mcp_json_schema_ref                (McpJsonSchema  *self);
void           _mcp_json_schema_unref              (McpJsonSchema  *self);
gboolean       _mcp_json_schema_validate           (McpJsonSchema  *self,
                                                   JsonNode       *instance,
                                                   GError        **error);
gboolean       _mcp_json_schema_validate_object    (McpJsonSchema  *self,
                                                   JsonObject     *instance,
                                                   GError        **error);
gboolean       _mcp_json_schema_validate_with_budget (McpJsonSchema *self,
                                                     JsonNode      *instance,
                                                     guint          budget,
                                                     gboolean      *out_of_budget,
                                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpJsonSchema, _mcp_json_schema_unref)

G_END_DECLS

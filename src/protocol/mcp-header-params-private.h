/* mcp-header-params-private.h: `Mcp-Name` and `x-mcp-header` values of the
 * 2026-07-28 Streamable HTTP binding
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One tool parameter mirrored into an `Mcp-Param-{header}` header. */
typedef struct
{
  char  *header;   /* the x-mcp-header value, such as "Region" */
  char **path;     /* the chain of `properties` keys to the parameter */
} McpHeaderParam;

void       _mcp_header_param_free          (McpHeaderParam *param);

GPtrArray *_mcp_header_params_from_schema  (JsonObject     *input_schema,
                                            GError        **error);
JsonNode  *_mcp_header_param_lookup        (const McpHeaderParam *param,
                                            JsonObject     *arguments);
char      *_mcp_header_param_text          (JsonNode       *value,
                                            GError        **error);

char      *_mcp_header_value_encode        (const char     *value);
char      *_mcp_header_value_decode        (const char     *header_value,
                                            GError        **error);
gboolean   _mcp_header_value_matches       (const char     *decoded,
                                            JsonNode       *value);

/* Reads one request header by name (case-insensitively), or NULL. */
typedef const char *(*McpHeaderGetFunc) (const char *name,
                                         gpointer    user_data);

gboolean   _mcp_header_params_check        (JsonObject       *input_schema,
                                            JsonObject       *arguments,
                                            McpHeaderGetFunc  get_header,
                                            gpointer          user_data,
                                            GError          **error);

/* What a Streamable HTTP listener asks the server behind it: the
 * inputSchema of a tool (transfer full), to check a call's Mcp-Param
 * headers, or NULL for no such tool. */
typedef JsonObject *(*McpToolSchemaFunc) (const char *tool_name,
                                          gpointer    user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpHeaderParam, _mcp_header_param_free)

G_END_DECLS

/* mcp-tool-result.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_TOOL_RESULT (mcp_tool_result_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpToolResult, mcp_tool_result, MCP, TOOL_RESULT, GObject)

MCP_AVAILABLE_IN_0_1
McpToolResult *mcp_tool_result_new                       (void);
MCP_AVAILABLE_IN_0_1
McpToolResult *mcp_tool_result_new_text                  (const char     *text);
MCP_AVAILABLE_IN_0_1
McpToolResult *mcp_tool_result_new_error                 (const char     *message);
MCP_AVAILABLE_IN_0_1
McpToolResult *mcp_tool_result_new_from_json             (JsonNode       *node,
                                                          GError        **error);
MCP_AVAILABLE_IN_0_1
JsonNode      *mcp_tool_result_to_json                   (McpToolResult  *self);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_add_content               (McpToolResult  *self,
                                                          JsonNode       *content);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_add_text                  (McpToolResult  *self,
                                                          const char     *text);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_add_image                 (McpToolResult  *self,
                                                          GBytes         *data,
                                                          const char     *mime_type);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_add_audio                 (McpToolResult  *self,
                                                          GBytes         *data,
                                                          const char     *mime_type);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_add_embedded_text         (McpToolResult  *self,
                                                          const char     *uri,
                                                          const char     *mime_type,
                                                          const char     *text);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_add_embedded_blob         (McpToolResult  *self,
                                                          const char     *uri,
                                                          const char     *mime_type,
                                                          GBytes         *data);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_add_resource_link         (McpToolResult  *self,
                                                          const char     *uri,
                                                          const char     *name,
                                                          const char     *description,
                                                          const char     *mime_type);
MCP_AVAILABLE_IN_0_1
JsonArray     *mcp_tool_result_get_content               (McpToolResult  *self);
MCP_AVAILABLE_IN_0_1
guint          mcp_tool_result_get_n_content             (McpToolResult  *self);
MCP_AVAILABLE_IN_0_1
char          *mcp_tool_result_dup_text                  (McpToolResult  *self);
MCP_AVAILABLE_IN_0_1
JsonNode      *mcp_tool_result_get_structured_content    (McpToolResult  *self);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_set_structured_content    (McpToolResult  *self,
                                                          JsonNode       *structured_content);
MCP_AVAILABLE_IN_0_1
gboolean       mcp_tool_result_get_is_error              (McpToolResult  *self);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_set_is_error              (McpToolResult  *self,
                                                          gboolean        is_error);
MCP_AVAILABLE_IN_0_1
JsonNode      *mcp_tool_result_get_meta                  (McpToolResult  *self);
MCP_AVAILABLE_IN_0_1
void           mcp_tool_result_set_meta                  (McpToolResult  *self,
                                                          JsonNode       *meta);

G_END_DECLS

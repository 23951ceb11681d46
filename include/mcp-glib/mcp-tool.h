/* mcp-tool.h
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

#define MCP_TYPE_TOOL (mcp_tool_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpTool, mcp_tool, MCP, TOOL, GObject)

MCP_AVAILABLE_IN_0_1
McpTool    *mcp_tool_new                  (const char   *name,
                                           const char   *description);
MCP_AVAILABLE_IN_0_1
McpTool    *mcp_tool_new_from_json        (JsonNode     *node,
                                           GError      **error);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_tool_to_json              (McpTool      *self);
MCP_AVAILABLE_IN_0_1
const char *mcp_tool_get_name             (McpTool      *self);
MCP_AVAILABLE_IN_0_1
const char *mcp_tool_get_title            (McpTool      *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_title            (McpTool      *self,
                                           const char   *title);
MCP_AVAILABLE_IN_0_1
const char *mcp_tool_get_description      (McpTool      *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_description      (McpTool      *self,
                                           const char   *description);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_tool_get_input_schema     (McpTool      *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_input_schema     (McpTool      *self,
                                           JsonNode     *schema);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_tool_get_output_schema    (McpTool      *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_output_schema    (McpTool      *self,
                                           JsonNode     *schema);
MCP_AVAILABLE_IN_0_1
gboolean    mcp_tool_set_input_schema_json  (McpTool    *self,
                                             const char *json,
                                             GError    **error);
MCP_AVAILABLE_IN_0_1
gboolean    mcp_tool_set_output_schema_json (McpTool    *self,
                                             const char *json,
                                             GError    **error);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_tool_get_annotations      (McpTool      *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_annotations      (McpTool      *self,
                                           JsonNode     *annotations);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_hint             (McpTool      *self,
                                           const char   *hint,
                                           gboolean      value);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_tool_get_icons            (McpTool      *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_icons            (McpTool      *self,
                                           JsonNode     *icons);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_tool_get_meta             (McpTool      *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_meta             (McpTool      *self,
                                           JsonNode     *meta);

MCP_AVAILABLE_IN_0_1
const char *mcp_tool_get_required_permission (McpTool    *self);
MCP_AVAILABLE_IN_0_1
void        mcp_tool_set_required_permission (McpTool    *self,
                                              const char *permission);

G_END_DECLS

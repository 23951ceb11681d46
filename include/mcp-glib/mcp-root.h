/* mcp-root.h
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

#define MCP_TYPE_ROOT (mcp_root_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpRoot, mcp_root, MCP, ROOT, GObject)

MCP_AVAILABLE_IN_0_1
McpRoot    *mcp_root_new            (const char  *uri,
                                     const char  *name);
MCP_AVAILABLE_IN_0_1
McpRoot    *mcp_root_new_from_json  (JsonNode    *node,
                                     GError     **error);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_root_to_json        (McpRoot     *self);
MCP_AVAILABLE_IN_0_1
const char *mcp_root_get_uri        (McpRoot     *self);
MCP_AVAILABLE_IN_0_1
const char *mcp_root_get_name       (McpRoot     *self);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_root_get_meta       (McpRoot     *self);
MCP_AVAILABLE_IN_0_1
void        mcp_root_set_meta       (McpRoot     *self,
                                     JsonNode    *meta);

G_END_DECLS

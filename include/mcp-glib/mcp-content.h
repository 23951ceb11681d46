/* mcp-content.h
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

#include "mcp-protocol.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_text                (const char  *text);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_image               (GBytes      *data,
                                               const char  *mime_type);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_audio               (GBytes      *data,
                                               const char  *mime_type);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_embedded_text       (const char  *uri,
                                               const char  *mime_type,
                                               const char  *text);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_embedded_blob       (const char  *uri,
                                               const char  *mime_type,
                                               GBytes      *data);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_resource_link       (const char  *uri,
                                               const char  *name,
                                               const char  *description,
                                               const char  *mime_type);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_message             (McpRole      role,
                                               JsonNode    *content);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_text_contents       (const char  *uri,
                                               const char  *mime_type,
                                               const char  *text);
MCP_AVAILABLE_IN_0_1
JsonNode *mcp_content_new_blob_contents       (const char  *uri,
                                               const char  *mime_type,
                                               GBytes      *data);

G_END_DECLS

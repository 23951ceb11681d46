/* mcp-prompt-result.h
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
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_PROMPT_RESULT (mcp_prompt_result_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpPromptResult, mcp_prompt_result, MCP, PROMPT_RESULT, GObject)

MCP_AVAILABLE_IN_0_1
McpPromptResult *mcp_prompt_result_new              (const char       *description);
MCP_AVAILABLE_IN_0_1
McpPromptResult *mcp_prompt_result_new_from_json    (JsonNode         *node,
                                                     GError          **error);
MCP_AVAILABLE_IN_0_1
JsonNode        *mcp_prompt_result_to_json          (McpPromptResult  *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_prompt_result_get_description  (McpPromptResult  *self);
MCP_AVAILABLE_IN_0_1
void             mcp_prompt_result_set_description  (McpPromptResult  *self,
                                                     const char       *description);
MCP_AVAILABLE_IN_0_1
void             mcp_prompt_result_add_message      (McpPromptResult  *self,
                                                     McpRole           role,
                                                     JsonNode         *content);
MCP_AVAILABLE_IN_0_1
void             mcp_prompt_result_add_text         (McpPromptResult  *self,
                                                     McpRole           role,
                                                     const char       *text);
MCP_AVAILABLE_IN_0_1
JsonArray       *mcp_prompt_result_get_messages     (McpPromptResult  *self);
MCP_AVAILABLE_IN_0_1
guint            mcp_prompt_result_get_n_messages   (McpPromptResult  *self);
MCP_AVAILABLE_IN_0_1
JsonNode        *mcp_prompt_result_get_meta         (McpPromptResult  *self);
MCP_AVAILABLE_IN_0_1
void             mcp_prompt_result_set_meta         (McpPromptResult  *self,
                                                     JsonNode         *meta);

G_END_DECLS

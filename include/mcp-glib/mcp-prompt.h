/* mcp-prompt.h
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

#define MCP_TYPE_PROMPT (mcp_prompt_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpPrompt, mcp_prompt, MCP, PROMPT, GObject)

MCP_AVAILABLE_IN_0_1
McpPrompt  *mcp_prompt_new                (const char   *name,
                                           const char   *description);
MCP_AVAILABLE_IN_0_1
McpPrompt  *mcp_prompt_new_from_json      (JsonNode     *node,
                                           GError      **error);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_prompt_to_json            (McpPrompt    *self);
MCP_AVAILABLE_IN_0_1
const char *mcp_prompt_get_name           (McpPrompt    *self);
MCP_AVAILABLE_IN_0_1
const char *mcp_prompt_get_title          (McpPrompt    *self);
MCP_AVAILABLE_IN_0_1
void        mcp_prompt_set_title          (McpPrompt    *self,
                                           const char   *title);
MCP_AVAILABLE_IN_0_1
const char *mcp_prompt_get_description    (McpPrompt    *self);
MCP_AVAILABLE_IN_0_1
void        mcp_prompt_set_description    (McpPrompt    *self,
                                           const char   *description);
MCP_AVAILABLE_IN_0_1
void        mcp_prompt_add_argument       (McpPrompt    *self,
                                           const char   *name,
                                           const char   *description,
                                           gboolean      required);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_prompt_get_arguments      (McpPrompt    *self);
MCP_AVAILABLE_IN_0_1
void        mcp_prompt_set_arguments      (McpPrompt    *self,
                                           JsonNode     *arguments);
MCP_AVAILABLE_IN_0_1
gboolean    mcp_prompt_has_argument       (McpPrompt    *self,
                                           const char   *name);
MCP_AVAILABLE_IN_0_1
char      **mcp_prompt_dup_required_arguments (McpPrompt *self);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_prompt_get_icons          (McpPrompt    *self);
MCP_AVAILABLE_IN_0_1
void        mcp_prompt_set_icons          (McpPrompt    *self,
                                           JsonNode     *icons);
MCP_AVAILABLE_IN_0_1
JsonNode   *mcp_prompt_get_meta           (McpPrompt    *self);
MCP_AVAILABLE_IN_0_1
void        mcp_prompt_set_meta           (McpPrompt    *self,
                                           JsonNode     *meta);

MCP_AVAILABLE_IN_0_1
const char *mcp_prompt_get_required_permission (McpPrompt  *self);
MCP_AVAILABLE_IN_0_1
void        mcp_prompt_set_required_permission (McpPrompt  *self,
                                                const char *permission);

G_END_DECLS

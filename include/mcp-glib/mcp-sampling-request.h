/* mcp-sampling-request.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mcp-protocol.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_SAMPLING_REQUEST (mcp_sampling_request_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpSamplingRequest, mcp_sampling_request, MCP, SAMPLING_REQUEST, GObject)

MCP_AVAILABLE_IN_0_1
McpClient    *mcp_sampling_request_get_client            (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
McpRequest   *mcp_sampling_request_get_request           (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_sampling_request_get_params            (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_sampling_request_get_messages          (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_sampling_request_get_system_prompt     (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
gint64        mcp_sampling_request_get_max_tokens        (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_sampling_request_get_model_preferences (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_sampling_request_get_tools             (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_sampling_request_get_tool_choice       (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_sampling_request_get_include_context   (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
GCancellable *mcp_sampling_request_get_cancellable       (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_sampling_request_is_cancelled          (McpSamplingRequest *self);
MCP_AVAILABLE_IN_0_1
void          mcp_sampling_request_return_result         (McpSamplingRequest *self,
                                                          JsonNode           *result);
MCP_AVAILABLE_IN_0_1
void          mcp_sampling_request_return_message        (McpSamplingRequest *self,
                                                          const char         *model,
                                                          JsonNode           *content,
                                                          const char         *stop_reason);
MCP_AVAILABLE_IN_0_1
void          mcp_sampling_request_return_text           (McpSamplingRequest *self,
                                                          const char         *model,
                                                          const char         *text);
MCP_AVAILABLE_IN_0_1
void          mcp_sampling_request_return_gerror         (McpSamplingRequest *self,
                                                          const GError       *error);

G_END_DECLS

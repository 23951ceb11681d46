/* mcp-elicitation-request.h
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

#define MCP_TYPE_ELICITATION_REQUEST (mcp_elicitation_request_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpElicitationRequest, mcp_elicitation_request, MCP, ELICITATION_REQUEST, GObject)

MCP_AVAILABLE_IN_0_1
McpClient          *mcp_elicitation_request_get_client           (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
McpRequest         *mcp_elicitation_request_get_request          (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode           *mcp_elicitation_request_get_params           (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
McpElicitationMode  mcp_elicitation_request_get_mode             (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
const char         *mcp_elicitation_request_get_message          (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode           *mcp_elicitation_request_get_requested_schema (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
const char         *mcp_elicitation_request_get_url              (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
const char         *mcp_elicitation_request_get_elicitation_id   (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
GCancellable       *mcp_elicitation_request_get_cancellable      (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_elicitation_request_is_cancelled         (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
void                mcp_elicitation_request_return_accept        (McpElicitationRequest *self,
                                                                  JsonNode              *content);
MCP_AVAILABLE_IN_0_1
void                mcp_elicitation_request_return_decline       (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
void                mcp_elicitation_request_return_cancel        (McpElicitationRequest *self);
MCP_AVAILABLE_IN_0_1
void                mcp_elicitation_request_return_gerror        (McpElicitationRequest *self,
                                                                  const GError          *error);

G_END_DECLS

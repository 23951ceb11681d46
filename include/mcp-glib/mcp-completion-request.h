/* mcp-completion-request.h
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
#include "mcp-auth-info.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * MCP_COMPLETION_MAX_VALUES:
 *
 * The most values one `completion/complete` result may carry.
 *
 * Since: 0.1
 */
#define MCP_COMPLETION_MAX_VALUES 100

#define MCP_TYPE_COMPLETION_REQUEST (mcp_completion_request_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpCompletionRequest, mcp_completion_request, MCP, COMPLETION_REQUEST, GObject)

MCP_AVAILABLE_IN_0_1
McpServer            *mcp_completion_request_get_server           (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
McpServerSession     *mcp_completion_request_get_session          (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
McpAuthInfo      *mcp_completion_request_get_auth_info (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
McpRequest           *mcp_completion_request_get_request          (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
McpCompletionRefType  mcp_completion_request_get_ref_type         (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
const char           *mcp_completion_request_get_ref              (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
McpPrompt            *mcp_completion_request_get_prompt           (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
McpResourceTemplate  *mcp_completion_request_get_template         (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
const char           *mcp_completion_request_get_argument_name    (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
const char           *mcp_completion_request_get_argument_value   (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode             *mcp_completion_request_get_context_arguments (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
const char           *mcp_completion_request_get_context_argument (McpCompletionRequest *self,
                                                                   const char           *name);
MCP_AVAILABLE_IN_0_1
GCancellable         *mcp_completion_request_get_cancellable      (McpCompletionRequest *self);
MCP_AVAILABLE_IN_0_1
void                  mcp_completion_request_return_values        (McpCompletionRequest *self,
                                                                   const char * const   *values,
                                                                   gint64                total,
                                                                   gboolean              has_more);
MCP_AVAILABLE_IN_0_1
void                  mcp_completion_request_return_gerror        (McpCompletionRequest *self,
                                                                   const GError         *error);

G_END_DECLS

/* mcp-request.h
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

#include "mcp-trace-context.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_REQUEST (mcp_request_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpRequest, mcp_request, MCP, REQUEST, GObject)

MCP_AVAILABLE_IN_0_1
McpSession   *mcp_request_get_session          (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_request_get_method           (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_request_get_id               (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_request_close_stream         (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_request_get_params           (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_request_get_meta             (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_request_get_progress_token   (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
GCancellable *mcp_request_get_cancellable      (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_request_is_cancelled         (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_request_is_completed         (McpRequest    *self);
MCP_AVAILABLE_IN_0_1
void          mcp_request_return_result        (McpRequest    *self,
                                                JsonNode      *result);
MCP_AVAILABLE_IN_0_1
void          mcp_request_return_error         (McpRequest    *self,
                                                gint           code,
                                                const char    *message,
                                                JsonNode      *data);
MCP_AVAILABLE_IN_0_1
void          mcp_request_return_gerror        (McpRequest    *self,
                                                const GError  *error);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_request_send_progress        (McpRequest    *self,
                                                gdouble        progress,
                                                gdouble        total,
                                                const char    *message);
MCP_AVAILABLE_IN_0_1
void          mcp_request_send_notification    (McpRequest    *self,
                                                const char    *method,
                                                JsonNode      *params);
MCP_AVAILABLE_IN_0_1
void          mcp_request_send_request_async   (McpRequest           *self,
                                                const char           *method,
                                                JsonNode             *params,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_request_send_request_finish  (McpRequest           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
MCP_AVAILABLE_IN_0_1
McpTraceContext *mcp_request_get_trace_context (McpRequest           *self);

G_END_DECLS

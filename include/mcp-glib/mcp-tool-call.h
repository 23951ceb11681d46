/* mcp-tool-call.h
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

#define MCP_TYPE_TOOL_CALL (mcp_tool_call_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpToolCall, mcp_tool_call, MCP, TOOL_CALL, GObject)

MCP_AVAILABLE_IN_0_1
McpServer        *mcp_tool_call_get_server            (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
McpServerSession *mcp_tool_call_get_session           (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
McpAuthInfo      *mcp_tool_call_get_auth_info (McpToolCall *self);
MCP_AVAILABLE_IN_0_1
McpRequest       *mcp_tool_call_get_request           (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
McpTool          *mcp_tool_call_get_tool              (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_tool_call_get_name              (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_tool_call_get_arguments         (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_tool_call_get_string            (McpToolCall    *self,
                                                       const char     *name,
                                                       const char     *default_value);
MCP_AVAILABLE_IN_0_1
gint64            mcp_tool_call_get_int               (McpToolCall    *self,
                                                       const char     *name,
                                                       gint64          default_value);
MCP_AVAILABLE_IN_0_1
gdouble           mcp_tool_call_get_double            (McpToolCall    *self,
                                                       const char     *name,
                                                       gdouble         default_value);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_tool_call_get_boolean           (McpToolCall    *self,
                                                       const char     *name,
                                                       gboolean        default_value);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_tool_call_get_progress_token    (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
GCancellable     *mcp_tool_call_get_cancellable       (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_tool_call_is_cancelled          (McpToolCall    *self);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_tool_call_send_progress         (McpToolCall    *self,
                                                       gdouble         progress,
                                                       gdouble         total,
                                                       const char     *message);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_log                   (McpToolCall    *self,
                                                       McpLoggingLevel level,
                                                       const char     *logger,
                                                       JsonNode       *data);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_return_result         (McpToolCall    *self,
                                                       McpToolResult  *result);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_return_text           (McpToolCall    *self,
                                                       const char     *text);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_return_error          (McpToolCall    *self,
                                                       const char     *message);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_return_gerror         (McpToolCall    *self,
                                                       const GError   *error);

MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_create_message_async  (McpToolCall         *self,
                                                       JsonNode            *messages,
                                                       const char          *system_prompt,
                                                       guint                max_tokens,
                                                       JsonNode            *options,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_tool_call_create_message_finish (McpToolCall         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_list_roots_async      (McpToolCall         *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray        *mcp_tool_call_list_roots_finish     (McpToolCall         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_elicit_async          (McpToolCall         *self,
                                                       const char          *message,
                                                       JsonNode            *requested_schema,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_tool_call_elicit_finish         (McpToolCall           *self,
                                                       GAsyncResult          *result,
                                                       McpElicitationAction  *action,
                                                       JsonNode             **content,
                                                       GError               **error);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_elicit_url_async      (McpToolCall         *self,
                                                       const char          *message,
                                                       const char          *url,
                                                       const char          *elicitation_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_tool_call_elicit_url_finish     (McpToolCall           *self,
                                                       GAsyncResult          *result,
                                                       McpElicitationAction  *action,
                                                       GError               **error);
MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_ping_async            (McpToolCall         *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_tool_call_ping_finish           (McpToolCall         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

MCP_AVAILABLE_IN_0_1
void              mcp_tool_call_set_next_input_key    (McpToolCall         *self,
                                                       const char          *key);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_tool_call_client_has_capability (McpToolCall         *self,
                                                       const char          *capability);

G_END_DECLS

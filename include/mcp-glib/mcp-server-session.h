/* mcp-server-session.h
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

#define MCP_TYPE_SERVER_SESSION (mcp_server_session_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpServerSession, mcp_server_session, MCP, SERVER_SESSION, GObject)

MCP_AVAILABLE_IN_0_1
McpServer       *mcp_server_session_get_server              (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
McpSession      *mcp_server_session_get_session             (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
McpTransport    *mcp_server_session_get_transport           (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
McpAuthInfo     *mcp_server_session_get_auth_info           (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_server_session_get_remote_address      (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_server_session_get_id                  (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
gboolean         mcp_server_session_is_initialized          (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
const char      *mcp_server_session_get_protocol_version    (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
JsonNode        *mcp_server_session_get_client_info         (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
JsonNode        *mcp_server_session_get_client_capabilities (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
gboolean         mcp_server_session_client_has_capability   (McpServerSession *self,
                                                             const char       *capability);
MCP_AVAILABLE_IN_0_1
McpLoggingLevel  mcp_server_session_get_logging_level       (McpServerSession *self);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_log                     (McpServerSession *self,
                                                             McpLoggingLevel   level,
                                                             const char       *logger,
                                                             JsonNode         *data);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_notify                  (McpServerSession *self,
                                                             const char       *method,
                                                             JsonNode         *params);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_ping_async              (McpServerSession    *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean         mcp_server_session_ping_finish             (McpServerSession    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
MCP_AVAILABLE_IN_0_1
gboolean         mcp_server_session_is_subscribed           (McpServerSession *self,
                                                             const char       *uri);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_create_message_async    (McpServerSession    *self,
                                                             JsonNode            *messages,
                                                             const char          *system_prompt,
                                                             guint                max_tokens,
                                                             JsonNode            *options,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
MCP_AVAILABLE_IN_0_1
JsonNode        *mcp_server_session_create_message_finish   (McpServerSession    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_list_roots_async        (McpServerSession    *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray       *mcp_server_session_list_roots_finish       (McpServerSession    *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_elicit_async            (McpServerSession    *self,
                                                             const char          *message,
                                                             JsonNode            *requested_schema,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean         mcp_server_session_elicit_finish           (McpServerSession      *self,
                                                             GAsyncResult          *result,
                                                             McpElicitationAction  *action,
                                                             JsonNode             **content,
                                                             GError               **error);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_elicit_url_async        (McpServerSession    *self,
                                                             const char          *message,
                                                             const char          *url,
                                                             const char          *elicitation_id,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean         mcp_server_session_elicit_url_finish       (McpServerSession      *self,
                                                             GAsyncResult          *result,
                                                             McpElicitationAction  *action,
                                                             GError               **error);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_notify_elicitation_complete (McpServerSession *self,
                                                                 const char       *elicitation_id);
MCP_AVAILABLE_IN_0_1
void             mcp_server_session_close                   (McpServerSession *self);

G_END_DECLS

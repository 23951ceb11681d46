/* mcp-client.h
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
#include "mcp-session.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_CLIENT (mcp_client_get_type ())

MCP_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (McpClient, mcp_client, MCP, CLIENT, GObject)

MCP_AVAILABLE_IN_ALL
McpClient    *mcp_client_new                        (const char           *name,
                                                     const char           *version);
MCP_AVAILABLE_IN_ALL
const char   *mcp_client_get_name                   (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_client_get_version                (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_client_get_requested_protocol_version (McpClient        *self);
MCP_AVAILABLE_IN_ALL
void          mcp_client_set_requested_protocol_version (McpClient        *self,
                                                         const char       *version);
MCP_AVAILABLE_IN_ALL
guint         mcp_client_get_request_timeout        (McpClient            *self);
MCP_AVAILABLE_IN_ALL
void          mcp_client_set_request_timeout        (McpClient            *self,
                                                     guint                 timeout_ms);
MCP_AVAILABLE_IN_ALL
McpSession   *mcp_client_get_session                (McpClient            *self);
MCP_AVAILABLE_IN_ALL
McpTransport *mcp_client_get_transport              (McpClient            *self);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_client_is_connected               (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_client_get_protocol_version       (McpClient            *self);
MCP_AVAILABLE_IN_ALL
JsonNode     *mcp_client_get_server_info            (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_client_get_server_name            (McpClient            *self);
MCP_AVAILABLE_IN_ALL
const char   *mcp_client_get_server_version         (McpClient            *self);
MCP_AVAILABLE_IN_ALL
JsonNode     *mcp_client_get_server_capabilities    (McpClient            *self);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_client_server_has_capability      (McpClient            *self,
                                                     const char           *capability);
MCP_AVAILABLE_IN_ALL
const char   *mcp_client_get_instructions           (McpClient            *self);

MCP_AVAILABLE_IN_ALL
void          mcp_client_connect_async              (McpClient            *self,
                                                     McpTransport         *transport,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_client_connect_finish             (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
MCP_AVAILABLE_IN_ALL
void          mcp_client_disconnect_async           (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_client_disconnect_finish          (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_ALL
void          mcp_client_send_request_async         (McpClient            *self,
                                                     const char           *method,
                                                     JsonNode             *params,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
JsonNode     *mcp_client_send_request_finish        (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_ALL
void          mcp_client_ping_async                 (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_client_ping_finish                (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_ALL
void          mcp_client_set_logging_level_async    (McpClient            *self,
                                                     McpLoggingLevel       level,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
gboolean      mcp_client_set_logging_level_finish   (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_ALL
void          mcp_client_list_tools_async           (McpClient            *self,
                                                     const char           *cursor,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
GPtrArray    *mcp_client_list_tools_finish          (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     char                **next_cursor,
                                                     GError              **error);
MCP_AVAILABLE_IN_ALL
void          mcp_client_list_all_tools_async       (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
GPtrArray    *mcp_client_list_all_tools_finish      (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_ALL
void          mcp_client_call_tool_async            (McpClient            *self,
                                                     const char           *name,
                                                     JsonNode             *arguments,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
void          mcp_client_call_tool_full_async       (McpClient            *self,
                                                     const char           *name,
                                                     JsonNode             *arguments,
                                                     McpRequestFlags       flags,
                                                     gint                  timeout_ms,
                                                     McpProgressCallback   progress_callback,
                                                     gpointer              progress_data,
                                                     GDestroyNotify        progress_destroy,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_ALL
McpToolResult *mcp_client_call_tool_finish          (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS

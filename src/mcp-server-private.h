/* mcp-server-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-request.h"
#include "mcp-server.h"
#include "mcp-server-session.h"
#include "mcp-tool-call.h"

G_BEGIN_DECLS

McpServerSession *_mcp_server_session_new          (McpServer        *server,
                                                    McpTransport     *transport);
void              _mcp_server_session_set_initialized (McpServerSession *self,
                                                       const char       *protocol_version,
                                                       JsonNode         *client_info,
                                                       JsonNode         *client_capabilities);
void              _mcp_server_session_set_logging_level (McpServerSession *self,
                                                         McpLoggingLevel   level);
void              _mcp_server_session_log_related  (McpServerSession *self,
                                                    McpLoggingLevel   level,
                                                    const char       *logger,
                                                    JsonNode         *data,
                                                    JsonNode         *related_request_id);
void              _mcp_server_session_detach       (McpServerSession *self);

/* Which list_changed notifications a session is owed: a change made before
 * the session initialized is no change to it. */
typedef enum
{
  MCP_LIST_CHANGED_TOOLS     = 1 << 0,
  MCP_LIST_CHANGED_RESOURCES = 1 << 1,
  MCP_LIST_CHANGED_PROMPTS   = 1 << 2,
} McpListChanged;

void              _mcp_server_session_add_list_changed  (McpServerSession *self,
                                                         McpListChanged    changes);
McpListChanged    _mcp_server_session_take_list_changed (McpServerSession *self);

McpToolCall      *_mcp_tool_call_new               (McpServer        *server,
                                                    McpServerSession *session,
                                                    McpRequest       *request,
                                                    McpTool          *tool,
                                                    JsonNode         *arguments);

/* The server's dispatcher, called by the session for every request. */
void              _mcp_server_dispatch             (McpServer        *self,
                                                    McpServerSession *session,
                                                    McpRequest       *request);
const char * const *_mcp_server_get_methods        (void);
void              _mcp_server_session_closed       (McpServer        *self,
                                                    McpServerSession *session);

G_END_DECLS

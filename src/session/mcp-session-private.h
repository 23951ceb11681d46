/* mcp-session-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-request.h"
#include "mcp-session.h"

G_BEGIN_DECLS

McpRequest *_mcp_request_new              (McpSession  *session,
                                           JsonNode    *id,
                                           const char  *method,
                                           JsonNode    *params);
/* The peer cancelled it, or the session closed: the reply is dropped. */
void        _mcp_request_abandon          (McpRequest  *request);
void        _mcp_session_send_reply       (McpSession  *session,
                                           McpRequest  *request,
                                           JsonNode    *message);
/* The same with the response carrying @result (nullable: `{}`). */
void        _mcp_session_send_result      (McpSession  *session,
                                           McpRequest  *request,
                                           JsonNode    *result);
gboolean    _mcp_session_sends_result_text (McpSession *session);
void        _mcp_session_send_result_text (McpSession  *session,
                                           McpRequest  *request,
                                           const char  *result_json,
                                           gsize        length);
McpRequest *_mcp_session_lookup_incoming  (McpSession  *session,
                                           JsonNode    *id);

/* The head of @session's list of live requests, which McpRequest keeps;
 * the session detaches them all when it is disposed. */
McpRequest **_mcp_session_live_requests   (McpSession  *session);
void         _mcp_request_detach_all      (McpRequest **head);

G_END_DECLS

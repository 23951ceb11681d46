/* mcp-request-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-envelope-private.h"
#include "mcp-request.h"

G_BEGIN_DECLS

typedef void (*McpRequestLocalReply) (McpRequest *request,
                                      JsonNode   *message,
                                      gpointer    user_data);

McpRequest        *_mcp_request_new_local       (JsonNode             *id,
                                                 const char           *method,
                                                 JsonNode             *params,
                                                 McpRequestLocalReply  reply,
                                                 gpointer              reply_data);

/* The 2026-07-28 era: a request that carries its own envelope. */
gboolean           _mcp_request_read_envelope   (McpRequest  *request,
                                                 GError     **error);
gboolean           _mcp_request_has_envelope    (McpRequest  *request);
const McpEnvelope *_mcp_request_get_envelope    (McpRequest  *request);
void               _mcp_request_set_cache_hints (McpRequest  *request,
                                                 gint64       ttl_ms,
                                                 const char  *scope);
void               _mcp_request_set_server_info (McpRequest  *request,
                                                 JsonObject  *server_info);
void               _mcp_request_detach_handler  (McpRequest  *request);
gboolean           _mcp_request_takes_result_text  (McpRequest  *request);
void               _mcp_request_return_result_text (McpRequest  *request,
                                                    const char  *result_json,
                                                    gsize        length);

/* The typed request objects handed to handlers (McpToolCall,
 * McpPromptRequest, McpResourceRead, McpCompletionRequest on the server;
 * McpSamplingRequest, McpElicitationRequest, McpRootsRequest on the client)
 * each hold the McpRequest that carries the invocation, as a
 * GDBusMethodInvocation does, and offer some of its functions under their
 * own names for C, Python and JavaScript. These macros define such a public
 * function once for all of them: each is a one-line call into McpRequest.
 * @member is the path to the McpRequest in the instance struct; the
 * function's documentation stays with its type. */

#define _MCP_REQUEST_CHECK(type_name, self) \
  G_TYPE_CHECK_INSTANCE_TYPE ((self), type_name##_get_type ())

#define MCP_REQUEST_DEFINE_GET_REQUEST(TypeName, type_name, member)                 \
  McpRequest *                                                                      \
  type_name##_get_request (TypeName *self)                                          \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);              \
    return self->member;                                                            \
  }

#define MCP_REQUEST_DEFINE_GET_PARAMS(TypeName, type_name, member)                  \
  JsonNode *                                                                        \
  type_name##_get_params (TypeName *self)                                           \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);              \
    return mcp_request_get_params (self->member);                                   \
  }

#define MCP_REQUEST_DEFINE_GET_CANCELLABLE(TypeName, type_name, member)             \
  GCancellable *                                                                    \
  type_name##_get_cancellable (TypeName *self)                                      \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);              \
    return mcp_request_get_cancellable (self->member);                              \
  }

#define MCP_REQUEST_DEFINE_IS_CANCELLED(TypeName, type_name, member)                \
  gboolean                                                                          \
  type_name##_is_cancelled (TypeName *self)                                         \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), TRUE);              \
    return mcp_request_is_cancelled (self->member);                                 \
  }

#define MCP_REQUEST_DEFINE_SEND_PROGRESS(TypeName, type_name, member)               \
  gboolean                                                                          \
  type_name##_send_progress (TypeName   *self,                                      \
                             gdouble     progress,                                  \
                             gdouble     total,                                     \
                             const char *message)                                   \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), FALSE);             \
    return mcp_request_send_progress (self->member, progress, total, message);      \
  }

#define MCP_REQUEST_DEFINE_RETURN_GERROR(TypeName, type_name, member)               \
  void                                                                              \
  type_name##_return_gerror (TypeName     *self,                                    \
                             const GError *error)                                   \
  {                                                                                 \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                        \
    g_return_if_fail (error != NULL);                                               \
    mcp_request_return_gerror (self->member, error);                                \
  }

/* Answers @self with a JSON-RPC error now, whatever its handler is doing,
 * and cancels its cancellable; the handler's own answer, when it comes, is
 * dropped without a word. Nothing happens if it was answered already. */
void        _mcp_request_expire         (McpRequest  *self,
                                         gint         code,
                                         const char  *message);

G_END_DECLS

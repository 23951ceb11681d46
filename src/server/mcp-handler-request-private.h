/* mcp-handler-request-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mcp-protocol.h"
#include "mcp-request-private.h"
#include "mcp-types.h"

G_BEGIN_DECLS

/* What the objects a server hands to its handlers have in common
 * (McpToolCall, McpPromptRequest, McpResourceRead, McpCompletionRequest).
 * As with GDBusMethodInvocation, one object carries the invocation — the
 * McpRequest, which knows how to answer, report progress and be cancelled —
 * and the typed objects hold it, here together with the server and the
 * server session it came through. Their public functions that are the same
 * for every kind of request are one-line calls into this. */
typedef struct
{
  McpServer        *server;
  McpServerSession *session;
  McpRequest       *request;
  JsonNode         *arguments;   /* tools and prompts: an object, never NULL */
} McpHandlerRequest;

/* Property ids: "cancellable" and, for tools and prompts, "arguments" come
 * first; a type numbers its own from MCP_HANDLER_REQUEST_N_PROPS on. */
enum
{
  MCP_HANDLER_REQUEST_PROP_CANCELLABLE = 1,
  MCP_HANDLER_REQUEST_PROP_ARGUMENTS,
  MCP_HANDLER_REQUEST_N_PROPS
};

void          _mcp_handler_request_install_properties (GObjectClass  *object_class,
                                                       GParamSpec   **pspecs,
                                                       guint          n_pspecs,
                                                       gboolean       with_arguments);
gboolean      _mcp_handler_request_get_property (McpHandlerRequest   *self,
                                                 guint                prop_id,
                                                 GValue              *value);

/* Takes references to what @origin points to; with @with_arguments, keeps a
 * copy of its arguments, or an empty object when the client sent none. */
void          _mcp_handler_request_init         (McpHandlerRequest       *self,
                                                 const McpHandlerRequest *origin,
                                                 gboolean                 with_arguments);
/* The result a request gets when its handler dropped it unanswered. */
typedef JsonNode *(*McpUnansweredFunc) (void);

void          _mcp_handler_request_clear        (McpHandlerRequest   *self,
                                                 McpUnansweredFunc    unanswered);
void          _mcp_handler_request_log          (McpHandlerRequest   *self,
                                                 McpLoggingLevel      level,
                                                 const char          *logger,
                                                 JsonNode            *data);
void          _mcp_handler_request_return_take  (McpHandlerRequest   *self,
                                                 JsonNode            *result);
void          _mcp_handler_request_set_next_input_key (McpHandlerRequest *self,
                                                       const char        *key);
gboolean      _mcp_handler_request_client_has_capability (McpHandlerRequest *self,
                                                          const char        *capability);
GTask        *_mcp_handler_request_task         (McpHandlerRequest   *self,
                                                 gpointer             source_object,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data,
                                                 gpointer             source_tag);

/* The typed requests, made by the server's dispatcher from @origin (whose
 * pointers it lends). */
McpToolCall          *_mcp_tool_call_new          (const McpHandlerRequest *origin,
                                                   McpTool                 *tool);
/* What mcp_tool_call_return_text() (@is_error FALSE) and _return_error()
 * (TRUE) reply with, appended to @out as compact JSON. */
void                  _mcp_tool_call_write_text_result (GString    *out,
                                                        const char *text,
                                                        gboolean    is_error);
McpResourceRead      *_mcp_resource_read_new      (const McpHandlerRequest *origin,
                                                   const char              *uri,
                                                   McpResource             *resource,
                                                   McpResourceTemplate     *template,
                                                   GHashTable              *variables);
McpPromptRequest     *_mcp_prompt_request_new     (const McpHandlerRequest *origin,
                                                   McpPrompt               *prompt);
McpCompletionRequest *_mcp_completion_request_new (const McpHandlerRequest *origin,
                                                   McpCompletionRefType     ref_type,
                                                   const char              *ref,
                                                   McpPrompt               *prompt,
                                                   McpResourceTemplate     *template,
                                                   const char              *argument_name,
                                                   const char              *argument_value,
                                                   JsonNode                *context_arguments);

/* Like the MCP_REQUEST_DEFINE_* macros of mcp-request-private.h, for the
 * public functions of the server's handler requests, which embed an
 * McpHandlerRequest called `handler`. */

#define MCP_HANDLER_REQUEST_DEFINE_GET_SERVER(TypeName, type_name)                  \
  McpServer *                                                                       \
  type_name##_get_server (TypeName *self)                                           \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);              \
    return self->handler.server;                                                    \
  }

#define MCP_HANDLER_REQUEST_DEFINE_GET_SESSION(TypeName, type_name)                 \
  McpServerSession *                                                                \
  type_name##_get_session (TypeName *self)                                          \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);              \
    return self->handler.session;                                                   \
  }

#define MCP_HANDLER_REQUEST_DEFINE_GET_AUTH_INFO(TypeName, type_name)              \
  McpAuthInfo *                                                                     \
  type_name##_get_auth_info (TypeName *self)                                        \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);              \
    return mcp_server_session_get_auth_info (self->handler.session);                \
  }

#define MCP_HANDLER_REQUEST_DEFINE_GET_ARGUMENTS(TypeName, type_name)             \
  JsonNode *                                                                      \
  type_name##_get_arguments (TypeName *self)                                      \
  {                                                                               \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);            \
    return self->handler.arguments;                                               \
  }

#define MCP_HANDLER_REQUEST_DEFINE_LOG(TypeName, type_name)                         \
  void                                                                              \
  type_name##_log (TypeName        *self,                                           \
                   McpLoggingLevel  level,                                          \
                   const char      *logger,                                         \
                   JsonNode        *data)                                           \
  {                                                                                 \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                        \
    _mcp_handler_request_log (&self->handler, level, logger, data);                 \
  }

/* The three static functions that the MCP_CLIENT_REQUEST_DEFINE_* macros
 * of mcp-client-requests-private.h expect, for a handler request: its
 * requests go to the calling client, as part of this request, and by
 * default they live and die with it. */
#define MCP_HANDLER_REQUEST_DEFINE_CLIENT_REQUESTS(TypeName)                        \
  static McpServerSession *                                                         \
  client_request_session (TypeName *self)                                           \
  {                                                                                 \
    return self->handler.session;                                                   \
  }                                                                                 \
                                                                                    \
  static JsonNode *                                                                 \
  client_request_related_id (TypeName *self)                                        \
  {                                                                                 \
    return mcp_request_get_id (self->handler.request);                              \
  }                                                                                 \
                                                                                    \
  static GTask *                                                                    \
  client_request_task (TypeName            *self,                                   \
                       GCancellable        *cancellable,                            \
                       GAsyncReadyCallback  callback,                               \
                       gpointer             user_data,                              \
                       gpointer             source_tag)                             \
  {                                                                                 \
    return _mcp_handler_request_task (&self->handler, self, cancellable, callback,  \
                                      user_data, source_tag);                       \
  }

#define MCP_HANDLER_REQUEST_DEFINE_SET_NEXT_INPUT_KEY(TypeName, type_name)          \
  void                                                                              \
  type_name##_set_next_input_key (TypeName   *self,                                 \
                                  const char *key)                                  \
  {                                                                                 \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                        \
    g_return_if_fail (key == NULL || *key != '\0');                                 \
    _mcp_handler_request_set_next_input_key (&self->handler, key);                  \
  }

#define MCP_HANDLER_REQUEST_DEFINE_CLIENT_HAS_CAPABILITY(TypeName, type_name)       \
  gboolean                                                                          \
  type_name##_client_has_capability (TypeName   *self,                              \
                                     const char *capability)                        \
  {                                                                                 \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), FALSE);             \
    g_return_val_if_fail (capability != NULL, FALSE);                               \
    return _mcp_handler_request_client_has_capability (&self->handler, capability); \
  }

G_END_DECLS

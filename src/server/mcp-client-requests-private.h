/* mcp-client-requests-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-request-private.h"
#include "mcp-server-private.h"

G_BEGIN_DECLS

/* A server makes requests of a client through McpServerSession, and a tool
 * handler through McpToolCall, as part of the call (on the call's stream,
 * cancelled with it). Both offer the same public functions, which these
 * macros define once, as calls into the _mcp_server_session_*() functions of
 * mcp-server-private.h. The file that expands them defines, for its type:
 *
 *   static McpServerSession *client_request_session    (TypeName *self);
 *   static JsonNode         *client_request_related_id (TypeName *self);
 *   static GTask            *client_request_task       (TypeName *self,
 *                                                       GCancellable *cancellable,
 *                                                       GAsyncReadyCallback callback,
 *                                                       gpointer user_data,
 *                                                       gpointer source_tag);
 *
 * The functions' documentation stays with each type. */

#define MCP_CLIENT_REQUEST_DEFINE_CREATE_MESSAGE(TypeName, type_name)                    \
  void                                                                                  \
  type_name##_create_message_async (TypeName            *self,                          \
                                    JsonNode            *messages,                      \
                                    const char          *system_prompt,                 \
                                    guint                max_tokens,                    \
                                    JsonNode            *options,                       \
                                    GCancellable        *cancellable,                   \
                                    GAsyncReadyCallback  callback,                      \
                                    gpointer             user_data)                     \
  {                                                                                     \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                            \
    g_return_if_fail (messages != NULL && JSON_NODE_HOLDS_ARRAY (messages));            \
    g_return_if_fail (options == NULL || JSON_NODE_HOLDS_OBJECT (options));             \
    _mcp_server_session_create_message (client_request_session (self),                 \
                                        client_request_related_id (self),              \
                                        messages, system_prompt, max_tokens, options,  \
                                        client_request_task (self, cancellable,        \
                                                             callback, user_data,      \
                                                             type_name##_create_message_async)); \
  }                                                                                     \
                                                                                        \
  JsonNode *                                                                            \
  type_name##_create_message_finish (TypeName      *self,                               \
                                     GAsyncResult  *result,                             \
                                     GError       **error)                              \
  {                                                                                     \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);                  \
    g_return_val_if_fail (g_task_is_valid (result, self), NULL);                        \
    return _mcp_server_session_create_message_finish (G_TASK (result), error);          \
  }

#define MCP_CLIENT_REQUEST_DEFINE_LIST_ROOTS(TypeName, type_name)                        \
  void                                                                                  \
  type_name##_list_roots_async (TypeName            *self,                              \
                                GCancellable        *cancellable,                       \
                                GAsyncReadyCallback  callback,                          \
                                gpointer             user_data)                         \
  {                                                                                     \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                            \
    _mcp_server_session_list_roots (client_request_session (self),                     \
                                    client_request_related_id (self),                  \
                                    client_request_task (self, cancellable, callback,  \
                                                         user_data,                    \
                                                         type_name##_list_roots_async)); \
  }                                                                                     \
                                                                                        \
  GPtrArray *                                                                           \
  type_name##_list_roots_finish (TypeName      *self,                                   \
                                 GAsyncResult  *result,                                 \
                                 GError       **error)                                  \
  {                                                                                     \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), NULL);                  \
    g_return_val_if_fail (g_task_is_valid (result, self), NULL);                        \
    return _mcp_server_session_list_roots_finish (G_TASK (result), error);              \
  }

#define MCP_CLIENT_REQUEST_DEFINE_ELICIT(TypeName, type_name)                            \
  void                                                                                  \
  type_name##_elicit_async (TypeName            *self,                                  \
                            const char          *message,                               \
                            JsonNode            *requested_schema,                      \
                            GCancellable        *cancellable,                           \
                            GAsyncReadyCallback  callback,                              \
                            gpointer             user_data)                             \
  {                                                                                     \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                            \
    g_return_if_fail (message != NULL);                                                 \
    g_return_if_fail (requested_schema != NULL &&                                       \
                      JSON_NODE_HOLDS_OBJECT (requested_schema));                       \
    _mcp_server_session_elicit (client_request_session (self),                         \
                                client_request_related_id (self),                      \
                                message, requested_schema,                             \
                                client_request_task (self, cancellable, callback,      \
                                                     user_data, type_name##_elicit_async)); \
  }                                                                                     \
                                                                                        \
  gboolean                                                                              \
  type_name##_elicit_finish (TypeName              *self,                               \
                             GAsyncResult          *result,                             \
                             McpElicitationAction  *action,                             \
                             JsonNode             **content,                            \
                             GError               **error)                              \
  {                                                                                     \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), FALSE);                 \
    g_return_val_if_fail (g_task_is_valid (result, self), FALSE);                       \
    return _mcp_server_session_elicit_finish (G_TASK (result), action, content, error); \
  }

#define MCP_CLIENT_REQUEST_DEFINE_ELICIT_URL(TypeName, type_name)                        \
  void                                                                                  \
  type_name##_elicit_url_async (TypeName            *self,                              \
                                const char          *message,                           \
                                const char          *url,                               \
                                const char          *elicitation_id,                    \
                                GCancellable        *cancellable,                       \
                                GAsyncReadyCallback  callback,                          \
                                gpointer             user_data)                         \
  {                                                                                     \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                            \
    g_return_if_fail (message != NULL);                                                 \
    g_return_if_fail (url != NULL);                                                     \
    g_return_if_fail (elicitation_id != NULL);                                          \
    _mcp_server_session_elicit_url (client_request_session (self),                     \
                                    client_request_related_id (self),                  \
                                    message, url, elicitation_id,                      \
                                    client_request_task (self, cancellable, callback,  \
                                                         user_data,                    \
                                                         type_name##_elicit_url_async)); \
  }                                                                                     \
                                                                                        \
  gboolean                                                                              \
  type_name##_elicit_url_finish (TypeName              *self,                           \
                                 GAsyncResult          *result,                         \
                                 McpElicitationAction  *action,                         \
                                 GError               **error)                          \
  {                                                                                     \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), FALSE);                 \
    g_return_val_if_fail (g_task_is_valid (result, self), FALSE);                       \
    return _mcp_server_session_elicit_finish (G_TASK (result), action, NULL, error);    \
  }

#define MCP_CLIENT_REQUEST_DEFINE_PING(TypeName, type_name)                              \
  void                                                                                  \
  type_name##_ping_async (TypeName            *self,                                    \
                          GCancellable        *cancellable,                             \
                          GAsyncReadyCallback  callback,                                \
                          gpointer             user_data)                               \
  {                                                                                     \
    g_return_if_fail (_MCP_REQUEST_CHECK (type_name, self));                            \
    _mcp_server_session_ping (client_request_session (self),                           \
                              client_request_related_id (self),                        \
                              client_request_task (self, cancellable, callback,        \
                                                   user_data, type_name##_ping_async)); \
  }                                                                                     \
                                                                                        \
  gboolean                                                                              \
  type_name##_ping_finish (TypeName      *self,                                         \
                           GAsyncResult  *result,                                       \
                           GError       **error)                                        \
  {                                                                                     \
    g_return_val_if_fail (_MCP_REQUEST_CHECK (type_name, self), FALSE);                 \
    g_return_val_if_fail (g_task_is_valid (result, self), FALSE);                       \
    return _mcp_server_session_ping_finish (G_TASK (result), error);                    \
  }

G_END_DECLS

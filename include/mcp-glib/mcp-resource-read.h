/* mcp-resource-read.h
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

#define MCP_TYPE_RESOURCE_READ (mcp_resource_read_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpResourceRead, mcp_resource_read, MCP, RESOURCE_READ, GObject)

MCP_AVAILABLE_IN_0_1
McpServer           *mcp_resource_read_get_server         (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
McpServerSession    *mcp_resource_read_get_session        (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
McpAuthInfo      *mcp_resource_read_get_auth_info (McpResourceRead *self);
MCP_AVAILABLE_IN_0_1
McpRequest          *mcp_resource_read_get_request        (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
const char          *mcp_resource_read_get_uri            (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
McpResource         *mcp_resource_read_get_resource       (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
McpResourceTemplate *mcp_resource_read_get_template       (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
GHashTable          *mcp_resource_read_get_variables      (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
const char          *mcp_resource_read_get_variable       (McpResourceRead  *self,
                                                           const char       *name);
MCP_AVAILABLE_IN_0_1
GCancellable        *mcp_resource_read_get_cancellable    (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
gboolean             mcp_resource_read_is_cancelled       (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
gboolean             mcp_resource_read_send_progress      (McpResourceRead  *self,
                                                           gdouble           progress,
                                                           gdouble           total,
                                                           const char       *message);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_log                (McpResourceRead  *self,
                                                           McpLoggingLevel   level,
                                                           const char       *logger,
                                                           JsonNode         *data);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_add_text           (McpResourceRead  *self,
                                                           const char       *mime_type,
                                                           const char       *text);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_add_blob           (McpResourceRead  *self,
                                                           const char       *mime_type,
                                                           GBytes           *data);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_add_contents       (McpResourceRead  *self,
                                                           JsonNode         *contents);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_set_meta           (McpResourceRead  *self,
                                                           JsonNode         *meta);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_return_contents    (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_return_text        (McpResourceRead  *self,
                                                           const char       *mime_type,
                                                           const char       *text);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_return_blob        (McpResourceRead  *self,
                                                           const char       *mime_type,
                                                           GBytes           *data);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_return_not_found   (McpResourceRead  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_return_gerror      (McpResourceRead  *self,
                                                           const GError     *error);

MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_elicit_async       (McpResourceRead      *self,
                                                           const char           *message,
                                                           JsonNode             *requested_schema,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean             mcp_resource_read_elicit_finish      (McpResourceRead       *self,
                                                           GAsyncResult          *result,
                                                           McpElicitationAction  *action,
                                                           JsonNode             **content,
                                                           GError               **error);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_create_message_async  (McpResourceRead     *self,
                                                              JsonNode            *messages,
                                                              const char          *system_prompt,
                                                              guint                max_tokens,
                                                              JsonNode            *options,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
MCP_AVAILABLE_IN_0_1
JsonNode            *mcp_resource_read_create_message_finish (McpResourceRead  *self,
                                                              GAsyncResult     *result,
                                                              GError          **error);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_list_roots_async   (McpResourceRead      *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray           *mcp_resource_read_list_roots_finish  (McpResourceRead      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_read_set_next_input_key    (McpResourceRead *self,
                                                              const char      *key);
MCP_AVAILABLE_IN_0_1
gboolean             mcp_resource_read_client_has_capability (McpResourceRead *self,
                                                              const char      *capability);

G_END_DECLS

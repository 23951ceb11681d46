/* mcp-prompt-request.h
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

#define MCP_TYPE_PROMPT_REQUEST (mcp_prompt_request_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpPromptRequest, mcp_prompt_request, MCP, PROMPT_REQUEST, GObject)

MCP_AVAILABLE_IN_0_1
McpServer        *mcp_prompt_request_get_server        (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
McpServerSession *mcp_prompt_request_get_session       (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
McpAuthInfo      *mcp_prompt_request_get_auth_info (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
McpRequest       *mcp_prompt_request_get_request       (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
McpPrompt        *mcp_prompt_request_get_prompt        (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_prompt_request_get_name          (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_prompt_request_get_arguments     (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_prompt_request_get_argument      (McpPromptRequest *self,
                                                        const char       *name);
MCP_AVAILABLE_IN_0_1
GCancellable     *mcp_prompt_request_get_cancellable   (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_prompt_request_is_cancelled      (McpPromptRequest *self);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_prompt_request_send_progress     (McpPromptRequest *self,
                                                        gdouble           progress,
                                                        gdouble           total,
                                                        const char       *message);
MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_log               (McpPromptRequest *self,
                                                        McpLoggingLevel   level,
                                                        const char       *logger,
                                                        JsonNode         *data);
MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_return_result     (McpPromptRequest *self,
                                                        McpPromptResult  *result);
MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_return_text       (McpPromptRequest *self,
                                                        const char       *text);
MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_return_gerror     (McpPromptRequest *self,
                                                        const GError     *error);

MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_elicit_async      (McpPromptRequest     *self,
                                                        const char           *message,
                                                        JsonNode             *requested_schema,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_prompt_request_elicit_finish     (McpPromptRequest      *self,
                                                        GAsyncResult          *result,
                                                        McpElicitationAction  *action,
                                                        JsonNode             **content,
                                                        GError               **error);
MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_create_message_async  (McpPromptRequest    *self,
                                                            JsonNode            *messages,
                                                            const char          *system_prompt,
                                                            guint                max_tokens,
                                                            JsonNode            *options,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_prompt_request_create_message_finish (McpPromptRequest  *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);
MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_list_roots_async  (McpPromptRequest     *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray        *mcp_prompt_request_list_roots_finish (McpPromptRequest     *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
MCP_AVAILABLE_IN_0_1
void              mcp_prompt_request_set_next_input_key    (McpPromptRequest *self,
                                                            const char       *key);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_prompt_request_client_has_capability (McpPromptRequest *self,
                                                            const char       *capability);

G_END_DECLS

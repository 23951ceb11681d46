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

/**
 * McpSamplingHandler:
 * @client: the client
 * @request: the request; complete it now or later with
 *   mcp_sampling_request_return_text() or one of its siblings
 * @user_data: the closure data
 *
 * Answers a server's `sampling/createMessage` request.
 *
 * Since: 0.1
 */
typedef void (*McpSamplingHandler) (McpClient          *client,
                                    McpSamplingRequest *request,
                                    gpointer            user_data);

/**
 * McpElicitationHandler:
 * @client: the client
 * @request: the request; complete it now or later with
 *   mcp_elicitation_request_return_accept() or one of its siblings
 * @user_data: the closure data
 *
 * Answers a server's `elicitation/create` request.
 *
 * Since: 0.1
 */
typedef void (*McpElicitationHandler) (McpClient             *client,
                                       McpElicitationRequest *request,
                                       gpointer               user_data);

/**
 * McpRootsHandler:
 * @client: the client
 * @request: the request; complete it now or later with
 *   mcp_roots_request_return_roots()
 * @user_data: the closure data
 *
 * Answers a server's `roots/list` request.
 *
 * Since: 0.1
 */
/**
 * McpClientMiddlewareFunc:
 * @client: the client
 * @method: the request's method
 * @params: the request's params, which the middleware may change (add
 *   `_meta` members, for instance): the server gets them as they are after
 *   the last middleware
 * @user_data: the closure data
 *
 * Runs before the client sends a request (on both protocol eras, once a
 * call: a 2026-07-28 request sent again with input responses keeps the
 * params it had), in the order the middlewares were added. It may pass the request on by
 * returning %NULL, or answer it without the server by returning an object
 * with a `result` member (which the call then returns, as if the server
 * had), or fail it with an `error` member: `{"code": …, "message": …,
 * "data": …}`, as a JSON-RPC error is.
 *
 * Returns: (transfer full) (nullable): %NULL to pass the request on, or
 *   the answer
 *
 * Since: 0.1
 */
typedef JsonNode *(*McpClientMiddlewareFunc) (McpClient  *client,
                                              const char *method,
                                              JsonObject *params,
                                              gpointer    user_data);

typedef void (*McpRootsHandler) (McpClient       *client,
                                 McpRootsRequest *request,
                                 gpointer         user_data);

/**
 * McpListenFlags:
 * @MCP_LISTEN_FLAGS_NONE: no list changes
 * @MCP_LISTEN_FLAGS_TOOLS: `notifications/tools/list_changed`
 * @MCP_LISTEN_FLAGS_PROMPTS: `notifications/prompts/list_changed`
 * @MCP_LISTEN_FLAGS_RESOURCES: `notifications/resources/list_changed`
 *
 * The list changes a `subscriptions/listen` subscription asks for (see
 * mcp_client_listen_async()).
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/
{
  MCP_LISTEN_FLAGS_NONE      = 0,
  MCP_LISTEN_FLAGS_TOOLS     = 1 << 0,
  MCP_LISTEN_FLAGS_PROMPTS   = 1 << 1,
  MCP_LISTEN_FLAGS_RESOURCES = 1 << 2,
} McpListenFlags;

#define MCP_TYPE_CLIENT (mcp_client_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpClient, mcp_client, MCP, CLIENT, GObject)

MCP_AVAILABLE_IN_0_1
McpClient    *mcp_client_new                        (const char           *name,
                                                     const char           *version);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_name                   (McpClient            *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_version                (McpClient            *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_title                  (McpClient            *self);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_title                  (McpClient            *self,
                                                     const char           *title);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_requested_protocol_version (McpClient        *self);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_requested_protocol_version (McpClient        *self,
                                                         const char       *version);
MCP_AVAILABLE_IN_0_1
guint         mcp_client_get_request_timeout        (McpClient            *self);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_request_timeout        (McpClient            *self,
                                                     guint                 timeout_ms);
MCP_AVAILABLE_IN_0_1
guint         mcp_client_get_max_input_rounds       (McpClient            *self);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_max_input_rounds       (McpClient            *self,
                                                     guint                 max_rounds);
MCP_AVAILABLE_IN_0_1
guint         mcp_client_get_discovery_timeout      (McpClient            *self);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_discovery_timeout      (McpClient            *self,
                                                     guint                 timeout_ms);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_get_cache_results          (McpClient            *self);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_cache_results          (McpClient            *self,
                                                     gboolean              cache_results);
MCP_AVAILABLE_IN_0_1
McpSession   *mcp_client_get_session                (McpClient            *self);
MCP_AVAILABLE_IN_0_1
McpTransport *mcp_client_get_transport              (McpClient            *self);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_is_connected               (McpClient            *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_protocol_version       (McpClient            *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_client_get_server_info            (McpClient            *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_server_name            (McpClient            *self);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_server_version         (McpClient            *self);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_client_get_server_capabilities    (McpClient            *self);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_server_has_capability      (McpClient            *self,
                                                     const char           *capability);
MCP_AVAILABLE_IN_0_1
const char   *mcp_client_get_instructions           (McpClient            *self);

MCP_AVAILABLE_IN_0_1
void          mcp_client_connect_async              (McpClient            *self,
                                                     McpTransport         *transport,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_connect_finish             (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_disconnect_async           (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_disconnect_finish          (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_send_request_async         (McpClient            *self,
                                                     const char           *method,
                                                     JsonNode             *params,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
JsonNode     *mcp_client_send_request_finish        (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_ping_async                 (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_ping_finish                (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_set_logging_level_async    (McpClient            *self,
                                                     McpLoggingLevel       level,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_set_logging_level_finish   (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_list_tools_async           (McpClient            *self,
                                                     const char           *cursor,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_tools_finish          (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     char                **next_cursor,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_list_all_tools_async       (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_all_tools_finish      (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_call_tool_async            (McpClient            *self,
                                                     const char           *name,
                                                     JsonNode             *arguments,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
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
MCP_AVAILABLE_IN_0_1
McpToolResult *mcp_client_call_tool_finish          (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_set_sampling_handler       (McpClient            *self,
                                                     McpSamplingFeatures   features,
                                                     McpSamplingHandler    handler,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_elicitation_handler    (McpClient            *self,
                                                     McpElicitationMode    modes,
                                                     McpElicitationHandler handler,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_roots_handler          (McpClient            *self,
                                                     McpRootsHandler       handler,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);
MCP_AVAILABLE_IN_0_1
void          mcp_client_set_roots                  (McpClient            *self,
                                                     GPtrArray            *roots);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_get_roots                  (McpClient            *self);

MCP_AVAILABLE_IN_0_1
void          mcp_client_list_resources_async       (McpClient            *self,
                                                     const char           *cursor,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_resources_finish      (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     char                **next_cursor,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_list_all_resources_async   (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_all_resources_finish  (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_list_resource_templates_async (McpClient          *self,
                                                        const char         *cursor,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_resource_templates_finish (McpClient         *self,
                                                         GAsyncResult      *result,
                                                         char             **next_cursor,
                                                         GError           **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_list_all_resource_templates_async (McpClient          *self,
                                                            GCancellable       *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer            user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_all_resource_templates_finish (McpClient     *self,
                                                             GAsyncResult  *result,
                                                             GError       **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_read_resource_async        (McpClient            *self,
                                                     const char           *uri,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_read_resource_finish       (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_subscribe_resource_async   (McpClient            *self,
                                                     const char           *uri,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_subscribe_resource_finish  (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_unsubscribe_resource_async (McpClient            *self,
                                                     const char           *uri,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_unsubscribe_resource_finish (McpClient           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_list_prompts_async         (McpClient            *self,
                                                     const char           *cursor,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_prompts_finish        (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     char                **next_cursor,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_list_all_prompts_async     (McpClient            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray    *mcp_client_list_all_prompts_finish    (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
MCP_AVAILABLE_IN_0_1
void          mcp_client_get_prompt_async           (McpClient            *self,
                                                     const char           *name,
                                                     JsonNode             *arguments,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
McpPromptResult *mcp_client_get_prompt_finish       (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_complete_async             (McpClient            *self,
                                                     McpCompletionRefType  ref_type,
                                                     const char           *ref,
                                                     const char           *argument_name,
                                                     const char           *argument_value,
                                                     JsonNode             *context_arguments,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
char        **mcp_client_complete_finish            (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     gint64               *total,
                                                     gboolean             *has_more,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
void          mcp_client_listen_async               (McpClient            *self,
                                                     McpListenFlags        flags,
                                                     const char * const   *resource_uris,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean      mcp_client_listen_finish              (McpClient            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

MCP_AVAILABLE_IN_0_1
guint         mcp_client_add_middleware             (McpClient               *self,
                                                     McpClientMiddlewareFunc  func,
                                                     gpointer                 user_data,
                                                     GDestroyNotify           destroy);
MCP_AVAILABLE_IN_0_1
void          mcp_client_remove_middleware          (McpClient               *self,
                                                     guint                    id);

G_END_DECLS

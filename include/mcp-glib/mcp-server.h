/* mcp-server.h
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

#include "mcp-auth-info.h"
#include "mcp-middleware.h"
#include "mcp-protocol.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpToolHandler:
 * @server: the server
 * @call: the call; complete it now or later with mcp_tool_call_return_result()
 *   or one of its siblings
 * @user_data: the closure data
 *
 * Runs a tool. The handler may complete @call before it returns or keep a
 * reference and complete it later from the main loop; both are the same API.
 *
 * Since: 0.1
 */
typedef void (*McpToolHandler) (McpServer   *server,
                                McpToolCall *call,
                                gpointer     user_data);

/**
 * McpResourceHandler:
 * @server: the server
 * @read: the read; complete it now or later with
 *   mcp_resource_read_return_contents() or one of its siblings
 * @user_data: the closure data
 *
 * Produces the contents of a resource, or of a URI matching a resource
 * template.
 *
 * Since: 0.1
 */
typedef void (*McpResourceHandler) (McpServer       *server,
                                    McpResourceRead *read,
                                    gpointer         user_data);

/**
 * McpPromptHandler:
 * @server: the server
 * @request: the request; complete it now or later with
 *   mcp_prompt_request_return_result() or one of its siblings
 * @user_data: the closure data
 *
 * Fills in a prompt with the arguments of @request.
 *
 * Since: 0.1
 */
typedef void (*McpPromptHandler) (McpServer        *server,
                                  McpPromptRequest *request,
                                  gpointer          user_data);

/**
 * McpCompletionHandler:
 * @server: the server
 * @request: the request; complete it now or later with
 *   mcp_completion_request_return_values()
 * @user_data: the closure data
 *
 * Suggests values for an argument of a prompt or a variable of a resource
 * template.
 *
 * Since: 0.1
 */
typedef void (*McpCompletionHandler) (McpServer            *server,
                                      McpCompletionRequest *request,
                                      gpointer              user_data);

/**
 * McpToolCacheKeyFunc:
 * @server: the server
 * @tool: the tool's name
 * @arguments: (nullable): the call's arguments
 * @identity: (nullable): who is calling
 * @user_data: the closure data
 *
 * Makes the key under which a call's result is cached, in place of the
 * arguments themselves; calls with the same key share a result. Unless the
 * cache is shared, the caller's principal is added to it.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL not to cache this
 *   call
 *
 * Since: 0.1
 */
typedef char *(*McpToolCacheKeyFunc) (McpServer   *server,
                                      const char  *tool,
                                      JsonNode    *arguments,
                                      McpAuthInfo *identity,
                                      gpointer     user_data);

/**
 * MCP_SERVER_DEFAULT_PAGE_SIZE:
 *
 * How many items a list method returns per page unless told otherwise.
 *
 * Since: 0.1
 */
#define MCP_SERVER_DEFAULT_PAGE_SIZE 100

/**
 * MCP_SERVER_DEFAULT_SCHEMA_EVALUATION_BUDGET:
 *
 * The default of #McpServer:schema-evaluation-budget.
 *
 * Since: 0.1
 */
#define MCP_SERVER_DEFAULT_SCHEMA_EVALUATION_BUDGET 10000

#define MCP_TYPE_SERVER (mcp_server_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpServer, mcp_server, MCP, SERVER, GObject)

MCP_AVAILABLE_IN_0_1
McpServer        *mcp_server_new                   (const char         *name,
                                                    const char         *version);
MCP_AVAILABLE_IN_0_1
const char       *mcp_server_get_name              (McpServer          *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_server_get_version           (McpServer          *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_server_get_title             (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_title             (McpServer          *self,
                                                    const char         *title);
MCP_AVAILABLE_IN_0_1
const char       *mcp_server_get_instructions      (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_instructions      (McpServer          *self,
                                                    const char         *instructions);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_page_size         (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_page_size         (McpServer          *self,
                                                    guint               page_size);
/**
 * MCP_SERVER_DEFAULT_REQUEST_STATE_LIFETIME:
 *
 * The default of #McpServer:request-state-lifetime, in seconds.
 *
 * Since: 0.1
 */
#define MCP_SERVER_DEFAULT_REQUEST_STATE_LIFETIME 600

/**
 * MCP_SERVER_DEFAULT_MAX_SUBSCRIPTIONS:
 *
 * The default of #McpServer:max-subscriptions.
 *
 * Since: 0.1
 */
#define MCP_SERVER_DEFAULT_MAX_SUBSCRIPTIONS 1024

MCP_AVAILABLE_IN_0_1
void              mcp_server_set_request_state_secret   (McpServer     *self,
                                                         GBytes        *secret);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_request_state_lifetime (McpServer     *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_request_state_lifetime (McpServer     *self,
                                                         guint          seconds);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_cache_ttl              (McpServer     *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_cache_ttl              (McpServer     *self,
                                                         guint          ttl_ms);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_max_subscriptions      (McpServer     *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_max_subscriptions      (McpServer     *self,
                                                         guint          max_subscriptions);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_max_requests_in_flight (McpServer     *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_max_requests_in_flight (McpServer     *self,
                                                         guint          max_requests);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_schema_evaluation_budget (McpServer   *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_schema_evaluation_budget (McpServer   *self,
                                                           guint        budget);
MCP_AVAILABLE_IN_0_1
void              mcp_server_add_tool              (McpServer          *self,
                                                    McpTool            *tool,
                                                    McpToolHandler      handler,
                                                    gpointer            user_data,
                                                    GDestroyNotify      destroy);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_remove_tool           (McpServer          *self,
                                                    const char         *name);
MCP_AVAILABLE_IN_0_1
McpTool          *mcp_server_lookup_tool           (McpServer          *self,
                                                    const char         *name);
MCP_AVAILABLE_IN_0_1
GPtrArray        *mcp_server_list_tools            (McpServer          *self);
MCP_AVAILABLE_IN_0_1
const char       *mcp_server_get_description       (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_description       (McpServer          *self,
                                                    const char         *description);
MCP_AVAILABLE_IN_0_1
const char       *mcp_server_get_website_url       (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_website_url       (McpServer          *self,
                                                    const char         *website_url);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_server_get_icons             (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_icons             (McpServer          *self,
                                                    JsonNode           *icons);

MCP_AVAILABLE_IN_0_1
void              mcp_server_add_resource          (McpServer          *self,
                                                    McpResource        *resource,
                                                    McpResourceHandler  handler,
                                                    gpointer            user_data,
                                                    GDestroyNotify      destroy);
MCP_AVAILABLE_IN_0_1
void              mcp_server_add_text_resource     (McpServer          *self,
                                                    McpResource        *resource,
                                                    const char         *text);
MCP_AVAILABLE_IN_0_1
void              mcp_server_add_blob_resource     (McpServer          *self,
                                                    McpResource        *resource,
                                                    GBytes             *data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_remove_resource       (McpServer          *self,
                                                    const char         *uri);
MCP_AVAILABLE_IN_0_1
McpResource      *mcp_server_lookup_resource       (McpServer          *self,
                                                    const char         *uri);
MCP_AVAILABLE_IN_0_1
GPtrArray        *mcp_server_list_resources        (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_add_resource_template (McpServer           *self,
                                                    McpResourceTemplate *resource_template,
                                                    McpResourceHandler   handler,
                                                    gpointer             user_data,
                                                    GDestroyNotify       destroy);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_remove_resource_template (McpServer       *self,
                                                       const char      *uri_template);
MCP_AVAILABLE_IN_0_1
GPtrArray        *mcp_server_list_resource_templates (McpServer        *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_notify_resource_updated (McpServer        *self,
                                                      const char       *uri);

MCP_AVAILABLE_IN_0_1
void              mcp_server_add_prompt            (McpServer          *self,
                                                    McpPrompt          *prompt,
                                                    McpPromptHandler    handler,
                                                    gpointer            user_data,
                                                    GDestroyNotify      destroy);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_remove_prompt         (McpServer          *self,
                                                    const char         *name);
MCP_AVAILABLE_IN_0_1
McpPrompt        *mcp_server_lookup_prompt         (McpServer          *self,
                                                    const char         *name);
MCP_AVAILABLE_IN_0_1
GPtrArray        *mcp_server_list_prompts          (McpServer          *self);

MCP_AVAILABLE_IN_0_1
void              mcp_server_set_completion_handler (McpServer            *self,
                                                     McpCompletionHandler  handler,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);

MCP_AVAILABLE_IN_0_1
McpServerCapabilities mcp_server_get_declared_capabilities (McpServer             *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_declared_capabilities (McpServer             *self,
                                                        McpServerCapabilities  capabilities);
MCP_AVAILABLE_IN_0_1
McpServerCapabilities mcp_server_get_capabilities  (McpServer          *self);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_server_dup_capabilities      (McpServer          *self);
MCP_AVAILABLE_IN_0_1
McpServerSession *mcp_server_add_transport         (McpServer          *self,
                                                    McpTransport       *transport);
MCP_AVAILABLE_IN_0_1
void              mcp_server_add_server_transport  (McpServer          *self,
                                                    McpServerTransport *server_transport);
MCP_AVAILABLE_IN_0_1
void              mcp_server_remove_server_transport (McpServer          *self,
                                                      McpServerTransport *server_transport);
MCP_AVAILABLE_IN_0_1
GPtrArray        *mcp_server_get_sessions          (McpServer          *self);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_n_sessions        (McpServer          *self);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_get_request_timeout   (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_request_timeout   (McpServer          *self,
                                                    guint               timeout_ms);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_set_tool_cache        (McpServer          *self,
                                                    const char         *tool,
                                                    guint               ttl_ms,
                                                    gboolean            shared);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_set_tool_cache_key_func (McpServer          *self,
                                                      const char         *tool,
                                                      McpToolCacheKeyFunc func,
                                                      gpointer            user_data,
                                                      GDestroyNotify      destroy);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_get_metrics_enabled   (McpServer          *self);
MCP_AVAILABLE_IN_0_1
void              mcp_server_set_metrics_enabled   (McpServer          *self,
                                                    gboolean            enabled);
MCP_AVAILABLE_IN_0_1
JsonNode         *mcp_server_dup_metrics           (McpServer          *self);
MCP_AVAILABLE_IN_0_1
char             *mcp_server_dup_metrics_text      (McpServer          *self);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_add_middleware        (McpServer          *self,
                                                    McpMiddlewareFunc   func,
                                                    gpointer            user_data,
                                                    GDestroyNotify      destroy);
MCP_AVAILABLE_IN_0_1
void              mcp_server_remove_middleware     (McpServer          *self,
                                                    guint               id);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_add_rate_limit        (McpServer          *self,
                                                    McpRateLimit       *limit);
MCP_AVAILABLE_IN_0_1
guint             mcp_server_add_circuit_breaker   (McpServer          *self,
                                                    const char         *tool,
                                                    McpCircuitBreaker  *breaker);
MCP_AVAILABLE_IN_0_1
void              mcp_server_shutdown_async        (McpServer          *self,
                                                    guint               grace_period_ms,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_server_shutdown_finish       (McpServer          *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
MCP_AVAILABLE_IN_0_1
void              mcp_server_log                   (McpServer          *self,
                                                    McpLoggingLevel     level,
                                                    const char         *logger,
                                                    JsonNode           *data);
MCP_AVAILABLE_IN_0_1
void              mcp_server_notify                (McpServer          *self,
                                                    const char         *method,
                                                    JsonNode           *params);

G_END_DECLS

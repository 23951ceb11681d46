/* mcp-connection-pool.h
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

#include "mcp-client.h"
#include "mcp-service.h"
#include "mcp-tool-result.h"
#include "mcp-transport.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpRetryStrategy:
 * @MCP_RETRY_STRATEGY_NONE: a failed connect is not retried
 * @MCP_RETRY_STRATEGY_FIXED: retried after #McpConnectionPool:retry-delay
 *   each time
 * @MCP_RETRY_STRATEGY_EXPONENTIAL: retried after #McpConnectionPool:retry-delay,
 *   then twice that, four times, …
 *
 * How #McpConnectionPool retries a connect that failed.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_RETRY_STRATEGY_NONE,
  MCP_RETRY_STRATEGY_FIXED,
  MCP_RETRY_STRATEGY_EXPONENTIAL,
} McpRetryStrategy;

/**
 * McpUrlPolicy:
 * @MCP_URL_POLICY_STRICT: public addresses only; loopback is refused (private
 *   networks as #McpConnectionPool:allow-private-networks says)
 * @MCP_URL_POLICY_ALLOW_LOCALHOST: public addresses and loopback (`localhost`,
 *   127.0.0.0/8, `::1`); the default
 * @MCP_URL_POLICY_NONE: nothing is checked but the URL's syntax, and
 *   connections go wherever DNS says at the time; for development only
 *
 * Which destinations #McpConnectionPool connects to. Under both checking
 * policies, the host name is resolved, every address it has is checked, and
 * the connection goes to exactly those addresses; link-local, cloud
 * metadata, unspecified, multicast and reserved addresses are always
 * refused.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_URL_POLICY_STRICT,
  MCP_URL_POLICY_ALLOW_LOCALHOST,
  MCP_URL_POLICY_NONE,
} McpUrlPolicy;

typedef struct _McpConnectionPool McpConnectionPool;

/**
 * McpTransportFactory:
 * @pool: the pool
 * @url: the normalized URL to connect to
 * @auth_token: (nullable): the bearer token the connection must present
 * @user_data: the closure data
 *
 * Makes the (unconnected) transport for @url; the pool connects it and
 * performs the MCP handshake.
 *
 * Returns: (transfer full) (nullable): a new transport, or %NULL if @url
 *   cannot be served
 *
 * Since: 0.1
 */
typedef McpTransport *(*McpTransportFactory) (McpConnectionPool *pool,
                                              const char        *url,
                                              const char        *auth_token,
                                              gpointer           user_data);

#define MCP_TYPE_CONNECTION_POOL_STATS (mcp_connection_pool_stats_get_type ())

/**
 * McpConnectionPoolStats:
 *
 * A snapshot of an #McpConnectionPool's metrics, taken by
 * mcp_connection_pool_get_stats().
 *
 * Since: 0.1
 */
typedef struct _McpConnectionPoolStats McpConnectionPoolStats;

MCP_AVAILABLE_IN_0_1
GType                   mcp_connection_pool_stats_get_type            (void) G_GNUC_CONST;
MCP_AVAILABLE_IN_0_1
McpConnectionPoolStats *mcp_connection_pool_stats_ref                 (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_stats_unref               (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_hits            (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_misses          (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_created         (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_reused          (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_evicted         (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_errors          (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_bytes_sent      (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
guint64                 mcp_connection_pool_stats_get_bytes_received  (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
char                  **mcp_connection_pool_stats_dup_urls            (McpConnectionPoolStats *self);
MCP_AVAILABLE_IN_0_1
gboolean                mcp_connection_pool_stats_get_url_counts      (McpConnectionPoolStats *self,
                                                                       const char             *url,
                                                                       guint                  *active,
                                                                       guint                  *idle);
MCP_AVAILABLE_IN_0_1
char                   *mcp_connection_pool_stats_to_string           (McpConnectionPoolStats *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpConnectionPoolStats, mcp_connection_pool_stats_unref)

/**
 * MCP_CONNECTION_POOL_DEFAULT_MAX_CONNECTIONS:
 *
 * The default number of connections kept per URL.
 *
 * Since: 0.1
 */
#define MCP_CONNECTION_POOL_DEFAULT_MAX_CONNECTIONS 4

#define MCP_TYPE_CONNECTION_POOL (mcp_connection_pool_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpConnectionPool, mcp_connection_pool, MCP, CONNECTION_POOL, GObject)

MCP_AVAILABLE_IN_0_1
McpConnectionPool      *mcp_connection_pool_new                       (void);

MCP_AVAILABLE_IN_0_1
const char             *mcp_connection_pool_get_protocol_version      (McpConnectionPool      *self);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_set_protocol_version      (McpConnectionPool      *self,
                                                                       const char             *version);

MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_set_transport_factory     (McpConnectionPool      *self,
                                                                       const char             *scheme,
                                                                       McpTransportFactory     factory,
                                                                       gpointer                user_data,
                                                                       GDestroyNotify          destroy);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_set_auth_token            (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       const char             *token);
MCP_AVAILABLE_IN_0_1
char                   *mcp_connection_pool_normalize_url             (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       GError                **error);
MCP_AVAILABLE_IN_0_1
gboolean                mcp_connection_pool_check_url                 (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       GError                **error);

MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_acquire_async             (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       const char             *auth_token,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
MCP_AVAILABLE_IN_0_1
McpClient              *mcp_connection_pool_acquire_finish            (McpConnectionPool      *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_release                   (McpConnectionPool      *self,
                                                                       McpClient              *client);
MCP_AVAILABLE_IN_0_1
guint                   mcp_connection_pool_remove                    (McpConnectionPool      *self,
                                                                       const char             *url);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_clear                     (McpConnectionPool      *self);
MCP_AVAILABLE_IN_0_1
guint                   mcp_connection_pool_get_n_connections         (McpConnectionPool      *self);
MCP_AVAILABLE_IN_0_1
McpConnectionPoolStats *mcp_connection_pool_get_stats                 (McpConnectionPool      *self);

MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_call_tool_async           (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       const char             *name,
                                                                       JsonNode               *arguments,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
MCP_AVAILABLE_IN_0_1
McpToolResult          *mcp_connection_pool_call_tool_finish          (McpConnectionPool      *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_list_tools_async          (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray              *mcp_connection_pool_list_tools_finish         (McpConnectionPool      *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_read_resource_async       (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       const char             *uri,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
MCP_AVAILABLE_IN_0_1
GPtrArray              *mcp_connection_pool_read_resource_finish      (McpConnectionPool      *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_send_request_async        (McpConnectionPool      *self,
                                                                       const char             *url,
                                                                       const char             *method,
                                                                       JsonNode               *params,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
MCP_AVAILABLE_IN_0_1
JsonNode               *mcp_connection_pool_send_request_finish       (McpConnectionPool      *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_add_service               (McpConnectionPool      *self,
                                                                       McpService             *service);
MCP_AVAILABLE_IN_0_1
gboolean                mcp_connection_pool_remove_service            (McpConnectionPool      *self,
                                                                       const char             *name);
MCP_AVAILABLE_IN_0_1
McpService             *mcp_connection_pool_lookup_service            (McpConnectionPool      *self,
                                                                       const char             *name);
MCP_AVAILABLE_IN_0_1
char                  **mcp_connection_pool_dup_service_names         (McpConnectionPool      *self);
MCP_AVAILABLE_IN_0_1
guint                   mcp_connection_pool_load_services             (McpConnectionPool      *self,
                                                                       GKeyFile               *key_file,
                                                                       GError                **error);
MCP_AVAILABLE_IN_0_1
void                    mcp_connection_pool_call_tool_with_options_async (McpConnectionPool   *self,
                                                                       const char             *url,
                                                                       const char             *name,
                                                                       JsonNode               *arguments,
                                                                       McpCallOptions         *options,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
MCP_AVAILABLE_IN_0_1
McpToolResult          *mcp_connection_pool_call_tool_with_options_finish (McpConnectionPool  *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

G_END_DECLS

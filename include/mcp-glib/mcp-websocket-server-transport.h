/* mcp-websocket-server-transport.h
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
#include <libsoup/soup.h>

#include "mcp-auth-provider.h"
#include "mcp-server-transport.h"
#include "mcp-websocket-transport.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * MCP_WEBSOCKET_SERVER_DEFAULT_KEEPALIVE_INTERVAL:
 *
 * The default interval between the server's WebSocket pings, in seconds.
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_SERVER_DEFAULT_KEEPALIVE_INTERVAL 30

/**
 * MCP_WEBSOCKET_SERVER_DEFAULT_MAX_CLIENTS:
 *
 * The default cap on clients connected at once.
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_SERVER_DEFAULT_MAX_CLIENTS 1024

#define MCP_TYPE_WEBSOCKET_SERVER_TRANSPORT (mcp_websocket_server_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpWebSocketServerTransport, mcp_websocket_server_transport, MCP, WEBSOCKET_SERVER_TRANSPORT, GObject)

MCP_AVAILABLE_IN_0_1
McpWebSocketServerTransport *mcp_websocket_server_transport_new                 (const char                  *host,
                                                                                 guint                        port);
MCP_AVAILABLE_IN_0_1
McpWebSocketServerTransport *mcp_websocket_server_transport_new_for_server      (SoupServer                  *server,
                                                                                 const char                  *path);
MCP_AVAILABLE_IN_0_1
SoupServer                  *mcp_websocket_server_transport_get_server          (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
const char                  *mcp_websocket_server_transport_get_host            (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
guint                        mcp_websocket_server_transport_get_port            (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
const char                  *mcp_websocket_server_transport_get_path            (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_path            (McpWebSocketServerTransport *self,
                                                                                 const char                  *path);
MCP_AVAILABLE_IN_0_1
char                        *mcp_websocket_server_transport_dup_url             (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
gboolean                     mcp_websocket_server_transport_get_reuse_port      (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_reuse_port      (McpWebSocketServerTransport *self,
                                                                                 gboolean                     reuse_port);
MCP_AVAILABLE_IN_0_1
const char * const          *mcp_websocket_server_transport_get_subprotocols    (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_subprotocols    (McpWebSocketServerTransport *self,
                                                                                 const char * const          *subprotocols);
MCP_AVAILABLE_IN_0_1
gboolean                     mcp_websocket_server_transport_get_require_subprotocol (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_require_subprotocol (McpWebSocketServerTransport *self,
                                                                                     gboolean                     require);
MCP_AVAILABLE_IN_0_1
const char * const          *mcp_websocket_server_transport_get_allowed_origins (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_allowed_origins (McpWebSocketServerTransport *self,
                                                                                 const char * const          *origins);
MCP_AVAILABLE_IN_0_1
const char * const          *mcp_websocket_server_transport_get_allowed_hosts   (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_allowed_hosts   (McpWebSocketServerTransport *self,
                                                                                 const char * const          *hosts);
MCP_AVAILABLE_IN_0_1
const char                  *mcp_websocket_server_transport_get_auth_token      (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_auth_token      (McpWebSocketServerTransport *self,
                                                                                 const char                  *token);
MCP_AVAILABLE_IN_0_1
McpAuthProvider             *mcp_websocket_server_transport_get_auth_provider   (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_auth_provider   (McpWebSocketServerTransport *self,
                                                                                 McpAuthProvider             *provider);
MCP_AVAILABLE_IN_0_1
GTlsCertificate             *mcp_websocket_server_transport_get_tls_certificate (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_tls_certificate (McpWebSocketServerTransport *self,
                                                                                 GTlsCertificate             *certificate);
MCP_AVAILABLE_IN_0_1
GTlsAuthenticationMode       mcp_websocket_server_transport_get_tls_client_auth (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_tls_client_auth (McpWebSocketServerTransport *self,
                                                                                 GTlsAuthenticationMode       mode);
MCP_AVAILABLE_IN_0_1
const char                  *mcp_websocket_server_transport_get_tls_client_ca_file (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_tls_client_ca_file (McpWebSocketServerTransport *self,
                                                                                    const char                  *filename);
MCP_AVAILABLE_IN_0_1
GTlsDatabase                *mcp_websocket_server_transport_get_tls_database (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_tls_database (McpWebSocketServerTransport *self,
                                                                              GTlsDatabase                *database);
MCP_AVAILABLE_IN_0_1
guint64                      mcp_websocket_server_transport_get_max_message_size (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_max_message_size (McpWebSocketServerTransport *self,
                                                                                  guint64                      max_message_size);
MCP_AVAILABLE_IN_0_1
guint                        mcp_websocket_server_transport_get_keepalive_interval (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_keepalive_interval (McpWebSocketServerTransport *self,
                                                                                    guint                        seconds);
MCP_AVAILABLE_IN_0_1
guint                        mcp_websocket_server_transport_get_pong_timeout    (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_pong_timeout    (McpWebSocketServerTransport *self,
                                                                                 guint                        seconds);
MCP_AVAILABLE_IN_0_1
guint                        mcp_websocket_server_transport_get_max_clients     (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_set_max_clients     (McpWebSocketServerTransport *self,
                                                                                 guint                        max_clients);
MCP_AVAILABLE_IN_0_1
guint                        mcp_websocket_server_transport_get_n_clients       (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
GPtrArray                   *mcp_websocket_server_transport_get_clients         (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
guint                        mcp_websocket_server_transport_broadcast           (McpWebSocketServerTransport *self,
                                                                                 const char                  *method,
                                                                                 JsonNode                    *params);
MCP_AVAILABLE_IN_0_1
void                         mcp_websocket_server_transport_wait_for_clients_async  (McpWebSocketServerTransport *self,
                                                                                     guint                        min_clients,
                                                                                     guint                        timeout_ms,
                                                                                     GCancellable                *cancellable,
                                                                                     GAsyncReadyCallback          callback,
                                                                                     gpointer                     user_data);
MCP_AVAILABLE_IN_0_1
gboolean                     mcp_websocket_server_transport_wait_for_clients_finish (McpWebSocketServerTransport *self,
                                                                                     GAsyncResult                *result,
                                                                                     GError                     **error);
MCP_AVAILABLE_IN_0_1
guint64 mcp_websocket_server_transport_get_send_high_water (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_websocket_server_transport_set_send_high_water (McpWebSocketServerTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint64 mcp_websocket_server_transport_get_max_send_queue (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_websocket_server_transport_set_max_send_queue (McpWebSocketServerTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint mcp_websocket_server_transport_get_send_stall_timeout (McpWebSocketServerTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_websocket_server_transport_set_send_stall_timeout (McpWebSocketServerTransport *self,
    guint seconds);

G_END_DECLS

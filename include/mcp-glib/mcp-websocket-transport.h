/* mcp-websocket-transport.h
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
#include <libsoup/soup.h>

#include "mcp-oauth-client.h"
#include "mcp-transport.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * MCP_WEBSOCKET_SUBPROTOCOL:
 *
 * The WebSocket subprotocol of MCP, `mcp`: what the official SDKs offer and
 * expect to see echoed by the server.
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_SUBPROTOCOL "mcp"

/**
 * MCP_WEBSOCKET_DEFAULT_MAX_MESSAGE_SIZE:
 *
 * The default limit on one incoming WebSocket message: 10 MiB. (libsoup's
 * own default of 128 KiB is too small for MCP.)
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_DEFAULT_MAX_MESSAGE_SIZE (10 * 1024 * 1024)

/**
 * MCP_WEBSOCKET_DEFAULT_PONG_TIMEOUT:
 *
 * The default time, in seconds, a peer may stay silent after a keepalive
 * ping was due before it is considered dead.
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_DEFAULT_PONG_TIMEOUT 10

/**
 * MCP_WEBSOCKET_DEFAULT_SEND_HIGH_WATER:
 *
 * The default outgoing queue, in bytes, above which a peer's frames are no
 * longer read: 4 MiB.
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_DEFAULT_SEND_HIGH_WATER (4 * 1024 * 1024)

/**
 * MCP_WEBSOCKET_DEFAULT_MAX_SEND_QUEUE:
 *
 * The default outgoing queue, in bytes, past which a peer is closed with
 * status 1008: 32 MiB.
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_DEFAULT_MAX_SEND_QUEUE (32 * 1024 * 1024)

/**
 * MCP_WEBSOCKET_DEFAULT_SEND_STALL_TIMEOUT:
 *
 * The default time, in seconds, an outgoing queue may stay above the
 * high-water mark before the peer is closed with status 1008.
 *
 * Since: 0.1
 */
#define MCP_WEBSOCKET_DEFAULT_SEND_STALL_TIMEOUT 30

#define MCP_TYPE_WEBSOCKET_TRANSPORT (mcp_websocket_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpWebSocketTransport, mcp_websocket_transport, MCP, WEBSOCKET_TRANSPORT, GObject)

MCP_AVAILABLE_IN_0_1
McpWebSocketTransport   *mcp_websocket_transport_new                       (const char              *url);
MCP_AVAILABLE_IN_0_1
McpWebSocketTransport   *mcp_websocket_transport_new_with_session          (const char              *url,
                                                                            SoupSession             *session);
MCP_AVAILABLE_IN_0_1
McpWebSocketTransport   *mcp_websocket_transport_new_for_connection        (SoupWebsocketConnection *connection);
MCP_AVAILABLE_IN_0_1
const char              *mcp_websocket_transport_get_url                   (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
SoupSession             *mcp_websocket_transport_get_session               (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
SoupWebsocketConnection *mcp_websocket_transport_get_connection            (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
const char * const      *mcp_websocket_transport_get_subprotocols          (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_subprotocols          (McpWebSocketTransport   *self,
                                                                            const char * const      *subprotocols);
MCP_AVAILABLE_IN_0_1
const char              *mcp_websocket_transport_get_protocol              (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
const char              *mcp_websocket_transport_get_origin                (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_origin                (McpWebSocketTransport   *self,
                                                                            const char              *origin);
MCP_AVAILABLE_IN_0_1
const char              *mcp_websocket_transport_get_auth_token            (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_auth_token            (McpWebSocketTransport   *self,
                                                                            const char              *token);
MCP_AVAILABLE_IN_0_1
GTlsCertificate         *mcp_websocket_transport_get_tls_client_certificate (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_tls_client_certificate (McpWebSocketTransport   *self,
                                                                             GTlsCertificate         *certificate);
MCP_AVAILABLE_IN_0_1
McpOAuthClient          *mcp_websocket_transport_get_oauth_client          (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_oauth_client          (McpWebSocketTransport   *self,
                                                                            McpOAuthClient          *oauth);
MCP_AVAILABLE_IN_0_1
guint64                  mcp_websocket_transport_get_max_message_size      (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_max_message_size      (McpWebSocketTransport   *self,
                                                                            guint64                  max_message_size);
MCP_AVAILABLE_IN_0_1
guint                    mcp_websocket_transport_get_keepalive_interval    (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_keepalive_interval    (McpWebSocketTransport   *self,
                                                                            guint                    seconds);
MCP_AVAILABLE_IN_0_1
guint                    mcp_websocket_transport_get_pong_timeout          (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_pong_timeout          (McpWebSocketTransport   *self,
                                                                            guint                    seconds);
MCP_AVAILABLE_IN_0_1
gint                     mcp_websocket_transport_get_reconnect_max_attempts (McpWebSocketTransport  *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_reconnect_max_attempts (McpWebSocketTransport  *self,
                                                                             gint                    max_attempts);
MCP_AVAILABLE_IN_0_1
guint                    mcp_websocket_transport_get_reconnect_initial_delay (McpWebSocketTransport *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_reconnect_initial_delay (McpWebSocketTransport *self,
                                                                              guint                  delay_ms);
MCP_AVAILABLE_IN_0_1
guint                    mcp_websocket_transport_get_reconnect_max_delay   (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
void                     mcp_websocket_transport_set_reconnect_max_delay   (McpWebSocketTransport   *self,
                                                                            guint                    delay_ms);
MCP_AVAILABLE_IN_0_1
guint                    mcp_websocket_transport_get_close_code            (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
guint64                  mcp_websocket_transport_get_bytes_sent            (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
guint64                  mcp_websocket_transport_get_bytes_received        (McpWebSocketTransport   *self);
MCP_AVAILABLE_IN_0_1
guint64 mcp_websocket_transport_get_send_high_water (McpWebSocketTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_websocket_transport_set_send_high_water (McpWebSocketTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint64 mcp_websocket_transport_get_max_send_queue (McpWebSocketTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_websocket_transport_set_max_send_queue (McpWebSocketTransport *self,
    guint64 bytes);
MCP_AVAILABLE_IN_0_1
guint mcp_websocket_transport_get_send_stall_timeout (McpWebSocketTransport *self);
MCP_AVAILABLE_IN_0_1
void mcp_websocket_transport_set_send_stall_timeout (McpWebSocketTransport *self,
    guint seconds);

G_END_DECLS

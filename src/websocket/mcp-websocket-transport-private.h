/* mcp-websocket-transport-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-pinned-address-private.h"
#include "mcp-websocket-transport.h"

G_BEGIN_DECLS

/* Closes with @code and reports the connection gone at once, without
 * waiting for the peer's close frame (a server dropping a peer). */
void _mcp_websocket_transport_close (McpWebSocketTransport *self,
                                     gushort                code,
                                     const char            *reason);

/* Fills @pspecs[0 .. 2] with max-message-size, keepalive-interval (whose
 * default is @keepalive_interval) and pong-timeout, the connection limits
 * of the client and of the listener, which each documents as its own. */
void _mcp_websocket_install_limit_pspecs (GParamSpec **pspecs,
                                          guint        keepalive_interval);

gboolean _mcp_websocket_transport_pin (McpWebSocketTransport *self,
                                       McpPinnedAddress      *address);

G_END_DECLS

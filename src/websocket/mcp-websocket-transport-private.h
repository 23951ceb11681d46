/* mcp-websocket-transport-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-pinned-address-private.h"
#include <json-glib/json-glib.h>

#include "mcp-websocket-transport.h"

G_BEGIN_DECLS

/* Closes with @code and reports the connection gone at once, without
 * waiting for the peer's close frame (a server dropping a peer). */
void _mcp_websocket_transport_close (McpWebSocketTransport *self,
                                     gushort                code,
                                     const char            *reason);

/* A WebSocket connection's limits, the same three properties on the
 * client and on the listener, at consecutive ids of each class. */
typedef struct
{
  guint64 max_message_size;    /* bytes; 0: no limit */
  guint   keepalive_interval;  /* seconds; 0: no pings */
  guint   pong_timeout;        /* seconds of silence past the interval; 0: never */
} McpWebSocketLimits;

typedef enum {
  MCP_WEBSOCKET_LIMIT_MAX_MESSAGE_SIZE,
  MCP_WEBSOCKET_LIMIT_KEEPALIVE_INTERVAL,
  MCP_WEBSOCKET_LIMIT_PONG_TIMEOUT,
  MCP_WEBSOCKET_N_LIMITS
} McpWebSocketLimit;

/* The defaults, with @keepalive_interval (the client's and the listener's
 * differ). */
void _mcp_websocket_limits_init (McpWebSocketLimits *limits,
                                 guint               keepalive_interval);

/* Fills @pspecs[0 .. 2] with max-message-size, keepalive-interval (whose
 * default is @keepalive_interval) and pong-timeout, the connection limits
 * of the client and of the listener, which each documents as its own. */
void _mcp_websocket_install_limit_pspecs (GParamSpec **pspecs,
                                          guint        keepalive_interval);

/* When @prop_id is one of the three, which @object's class has at ids from
 * @first (its max-message-size): gets it into @value, or sets it, and
 * returns TRUE, for a get_property or set_property to call before its own
 * switch. */
gboolean _mcp_websocket_limits_get_property (const McpWebSocketLimits *limits,
                                             guint                     first,
                                             guint                     prop_id,
                                             GValue                   *value);
gboolean _mcp_websocket_limits_set_property (GObject            *object,
                                             McpWebSocketLimits *limits,
                                             GParamSpec        **pspecs,
                                             guint               first,
                                             guint               prop_id,
                                             const GValue       *value);
/* Sets limit @index of @object, whose @pspecs are those
 * _mcp_websocket_install_limit_pspecs() filled; notifies when the value
 * changed, and returns whether it did. */
gboolean _mcp_websocket_limits_set (GObject            *object,
                                    McpWebSocketLimits *limits,
                                    GParamSpec        **pspecs,
                                    McpWebSocketLimit   index,
                                    guint64             value);

/* Makes every connection of @self go to @address, and has each URL its
 * OAuth client fetches for it checked by @guard (nullable; a reference is
 * taken) first. */
gboolean _mcp_websocket_transport_pin (McpWebSocketTransport *self,
                                       McpPinnedAddress      *address,
                                       McpUrlGuard           *guard);

/* A session's reply to a request, written without building the message:
 * {"jsonrpc":"2.0","id":@id,"result":…} with @result (NULL: {}) or with
 * the compact JSON text @result_json. FALSE when nothing could be sent. */
gboolean _mcp_websocket_transport_send_response      (McpWebSocketTransport *self,
                                                      JsonNode              *id,
                                                      JsonNode              *result);
gboolean _mcp_websocket_transport_send_response_text (McpWebSocketTransport *self,
                                                      JsonNode              *id,
                                                      const char            *result_json,
                                                      gsize                  length);

G_END_DECLS

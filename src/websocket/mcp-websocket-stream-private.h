/* mcp-websocket-stream-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GIOStream that a server-side SoupWebsocketConnection runs on, between
 * libsoup and the accepted connection. It lets the transport see what
 * libsoup cannot tell it on 3.2:
 *
 * - the bytes written to the peer, so that the bytes still queued inside
 *   libsoup are known (handed minus written);
 * - reading can be paused (backpressure: the peer's frames stay in the
 *   kernel and its sends block) and resumed;
 * - the client's frame headers are followed, so that a message arriving
 *   in many fragments is counted while it is assembled: past the limit,
 *   reading stops and @too_big_func runs from an idle. */

#define MCP_TYPE_WEBSOCKET_STREAM (_mcp_websocket_stream_get_type ())

G_DECLARE_FINAL_TYPE (McpWebSocketStream, _mcp_websocket_stream, MCP, WEBSOCKET_STREAM, GIOStream)

typedef void (*McpWebSocketStreamFunc) (gpointer user_data);

McpWebSocketStream *_mcp_websocket_stream_new               (GIOStream              *base,
                                                             guint64                 max_message_size);
guint64             _mcp_websocket_stream_get_bytes_written (McpWebSocketStream     *self);
void                _mcp_websocket_stream_set_paused        (McpWebSocketStream     *self,
                                                             gboolean                paused);
gboolean            _mcp_websocket_stream_get_paused        (McpWebSocketStream     *self);
void                _mcp_websocket_stream_set_max_message_size (McpWebSocketStream  *self,
                                                             guint64                 max_message_size);
/* @written_func runs after bytes went out; @too_big_func once, from an
 * idle, when a message grew past the limit. Neither holds a reference. */
void                _mcp_websocket_stream_set_callbacks     (McpWebSocketStream     *self,
                                                             McpWebSocketStreamFunc  written_func,
                                                             McpWebSocketStreamFunc  too_big_func,
                                                             gpointer                user_data);

/* Where no McpWebSocketStream can be put under libsoup (a client's own
 * connection on libsoup 3.2): the bytes the kernel has taken from writes on
 * @socket, TCP only, counted since it connected. FALSE where the system does
 * not tell (only Linux does here) or the socket is closed. Over TLS these
 * are bytes of records, a little more than the frames inside them. */
gboolean            _mcp_websocket_socket_get_bytes_written (GSocket            *socket,
                                                             guint64            *written);

G_END_DECLS

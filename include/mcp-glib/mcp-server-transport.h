/* mcp-server-transport.h
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

#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_SERVER_TRANSPORT (mcp_server_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_INTERFACE (McpServerTransport, mcp_server_transport, MCP, SERVER_TRANSPORT, GObject)

/**
 * McpServerTransportInterface:
 * @parent_iface: the parent interface
 * @start_async: starts accepting peers; see mcp_server_transport_start_async()
 * @start_finish: finishes @start_async
 * @stop_async: stops accepting and closes every peer; see
 *   mcp_server_transport_stop_async()
 * @stop_finish: finishes @stop_async
 * @peer_connected: class closure of #McpServerTransport::peer-connected
 * @peer_disconnected: class closure of #McpServerTransport::peer-disconnected
 *
 * A listener that accepts many peers, each of them an #McpTransport of its
 * own: an HTTP session, a WebSocket connection. #McpServer gives every peer
 * its own #McpServerSession.
 *
 * Since: 0.1
 */
struct _McpServerTransportInterface
{
  GTypeInterface parent_iface;

  void     (*start_async)       (McpServerTransport   *self,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  gboolean (*start_finish)      (McpServerTransport   *self,
                                 GAsyncResult         *result,
                                 GError              **error);
  void     (*stop_async)        (McpServerTransport   *self,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  gboolean (*stop_finish)       (McpServerTransport   *self,
                                 GAsyncResult         *result,
                                 GError              **error);

  /* signals */
  void     (*peer_connected)    (McpServerTransport   *self,
                                 McpTransport         *peer);
  void     (*peer_disconnected) (McpServerTransport   *self,
                                 McpTransport         *peer);
};

MCP_AVAILABLE_IN_0_1
void     mcp_server_transport_start_async              (McpServerTransport   *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean mcp_server_transport_start_finish             (McpServerTransport   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
MCP_AVAILABLE_IN_0_1
void     mcp_server_transport_stop_async               (McpServerTransport   *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean mcp_server_transport_stop_finish              (McpServerTransport   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
MCP_AVAILABLE_IN_0_1
void     mcp_server_transport_emit_peer_connected      (McpServerTransport   *self,
                                                        McpTransport         *peer);
MCP_AVAILABLE_IN_0_1
void     mcp_server_transport_emit_peer_disconnected   (McpServerTransport   *self,
                                                        McpTransport         *peer);

G_END_DECLS

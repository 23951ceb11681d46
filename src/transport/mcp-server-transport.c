/* mcp-server-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-server-transport.h"
#include "mcp-transport-private.h"
#include "mcp-transport.h"

/**
 * McpServerTransport:
 *
 * A listener that accepts many peers.
 *
 * An HTTP or WebSocket server transport listens on a socket; each client that
 * connects becomes a peer #McpTransport of its own, announced with
 * #McpServerTransport::peer-connected. Give the listener to
 * mcp_server_add_server_transport() and #McpServer gives every peer its own
 * #McpServerSession; one server can listen on several of them at once.
 *
 * Since: 0.1
 */

G_DEFINE_INTERFACE (McpServerTransport, mcp_server_transport, G_TYPE_OBJECT)

enum {
  PEER_CONNECTED,
  PEER_DISCONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
_mcp_server_transport_task_finish (McpServerTransport  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mcp_server_transport_default_init (McpServerTransportInterface *iface)
{
  /**
   * McpServerTransport::peer-connected:
   * @self: the listener
   * @peer: the new peer's transport, already connected
   *
   * Emitted when a new peer connects.
   *
   * Since: 0.1
   */
  signals[PEER_CONNECTED] =
    g_signal_new ("peer-connected",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (McpServerTransportInterface, peer_connected),
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  MCP_TYPE_TRANSPORT);

  /**
   * McpServerTransport::peer-disconnected:
   * @self: the listener
   * @peer: the peer's transport
   *
   * Emitted when a peer goes away.
   *
   * Since: 0.1
   */
  signals[PEER_DISCONNECTED] =
    g_signal_new ("peer-disconnected",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (McpServerTransportInterface, peer_disconnected),
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  MCP_TYPE_TRANSPORT);
}

/**
 * mcp_server_transport_start_async:
 * @self: a #McpServerTransport
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the listener is ready or failed
 * @user_data: the data to pass to @callback
 *
 * Starts listening.
 *
 * Since: 0.1
 */
void
mcp_server_transport_start_async (McpServerTransport  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MCP_IS_SERVER_TRANSPORT (self));

  MCP_SERVER_TRANSPORT_GET_IFACE (self)->start_async (self, cancellable, callback, user_data);
}

/**
 * mcp_server_transport_start_finish:
 * @self: a #McpServerTransport
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_server_transport_start_async().
 *
 * Returns: %TRUE if the listener is accepting peers
 *
 * Since: 0.1
 */
gboolean
mcp_server_transport_start_finish (McpServerTransport  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (MCP_IS_SERVER_TRANSPORT (self), FALSE);

  return MCP_SERVER_TRANSPORT_GET_IFACE (self)->start_finish (self, result, error);
}

/**
 * mcp_server_transport_stop_async:
 * @self: a #McpServerTransport
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the listener has stopped
 * @user_data: the data to pass to @callback
 *
 * Stops accepting peers and disconnects every connected one.
 *
 * Since: 0.1
 */
void
mcp_server_transport_stop_async (McpServerTransport  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MCP_IS_SERVER_TRANSPORT (self));

  MCP_SERVER_TRANSPORT_GET_IFACE (self)->stop_async (self, cancellable, callback, user_data);
}

/**
 * mcp_server_transport_stop_finish:
 * @self: a #McpServerTransport
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_server_transport_stop_async().
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
mcp_server_transport_stop_finish (McpServerTransport  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (MCP_IS_SERVER_TRANSPORT (self), FALSE);

  return MCP_SERVER_TRANSPORT_GET_IFACE (self)->stop_finish (self, result, error);
}

/**
 * mcp_server_transport_emit_peer_connected:
 * @self: a #McpServerTransport
 * @peer: the new peer
 *
 * For implementations: announces a new peer.
 *
 * Since: 0.1
 */
void
mcp_server_transport_emit_peer_connected (McpServerTransport *self,
                                          McpTransport       *peer)
{
  g_return_if_fail (MCP_IS_SERVER_TRANSPORT (self));
  g_return_if_fail (MCP_IS_TRANSPORT (peer));

  g_signal_emit (self, signals[PEER_CONNECTED], 0, peer);
}

/**
 * mcp_server_transport_emit_peer_disconnected:
 * @self: a #McpServerTransport
 * @peer: the peer that went away
 *
 * For implementations: announces that a peer went away.
 *
 * Since: 0.1
 */
void
mcp_server_transport_emit_peer_disconnected (McpServerTransport *self,
                                             McpTransport       *peer)
{
  g_return_if_fail (MCP_IS_SERVER_TRANSPORT (self));
  g_return_if_fail (MCP_IS_TRANSPORT (peer));

  g_signal_emit (self, signals[PEER_DISCONNECTED], 0, peer);
}

/* Draining ----------------------------------------------------------------- */

static G_DEFINE_QUARK (mcp-server-transport-draining, draining)

void
_mcp_server_transport_set_draining (McpServerTransport *self,
                                    gboolean            draining)
{
  g_return_if_fail (MCP_IS_SERVER_TRANSPORT (self));

  g_object_set_qdata (G_OBJECT (self), draining_quark (), GINT_TO_POINTER (!!draining));
}

gboolean
_mcp_server_transport_is_draining (McpServerTransport *self)
{
  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (self), draining_quark ()));
}

/* mcp-transport.h
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

#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpTransportState:
 * @MCP_TRANSPORT_STATE_DISCONNECTED: not connected; the initial and final state
 * @MCP_TRANSPORT_STATE_CONNECTING: a connect is under way
 * @MCP_TRANSPORT_STATE_CONNECTED: messages can be sent and received
 * @MCP_TRANSPORT_STATE_DISCONNECTING: a disconnect is under way
 *
 * The life of a transport.
 *
 * Since: 0.1
 */
typedef enum
{
  MCP_TRANSPORT_STATE_DISCONNECTED,
  MCP_TRANSPORT_STATE_CONNECTING,
  MCP_TRANSPORT_STATE_CONNECTED,
  MCP_TRANSPORT_STATE_DISCONNECTING,
} McpTransportState;

#define MCP_TYPE_TRANSPORT (mcp_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_INTERFACE (McpTransport, mcp_transport, MCP, TRANSPORT, GObject)

/**
 * McpTransportInterface:
 * @parent_iface: the parent interface
 * @connect_async: starts connecting; see mcp_transport_connect_async()
 * @connect_finish: finishes @connect_async
 * @disconnect_async: starts an orderly close; see mcp_transport_disconnect_async()
 * @disconnect_finish: finishes @disconnect_async
 * @send_message_async: queues one message; see mcp_transport_send_message_async()
 * @send_message_finish: finishes @send_message_async
 * @get_state: returns the current #McpTransportState
 * @message_received: class closure of #McpTransport::message-received
 * @state_changed: class closure of #McpTransport::state-changed
 * @error: class closure of #McpTransport::error
 *
 * The virtual functions of #McpTransport. Every one of them has a public
 * wrapper, so a transport can be implemented in any language with
 * GObject-introspection.
 *
 * Since: 0.1
 */
struct _McpTransportInterface
{
  GTypeInterface parent_iface;

  void              (*connect_async)       (McpTransport         *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
  gboolean          (*connect_finish)      (McpTransport         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
  void              (*disconnect_async)    (McpTransport         *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
  gboolean          (*disconnect_finish)   (McpTransport         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
  void              (*send_message_async)  (McpTransport         *self,
                                            JsonNode             *message,
                                            JsonNode             *related_request_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
  gboolean          (*send_message_finish) (McpTransport         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
  McpTransportState (*get_state)           (McpTransport         *self);

  /* signals */
  void              (*message_received)    (McpTransport         *self,
                                            JsonNode             *message);
  void              (*state_changed)       (McpTransport         *self,
                                            McpTransportState     old_state,
                                            McpTransportState     new_state);
  void              (*error)               (McpTransport         *self,
                                            const GError         *error);

  gboolean          (*close_request_stream) (McpTransport        *self,
                                             JsonNode            *request_id);
};

MCP_AVAILABLE_IN_0_1
void              mcp_transport_connect_async        (McpTransport         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_transport_connect_finish       (McpTransport         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
MCP_AVAILABLE_IN_0_1
void              mcp_transport_disconnect_async     (McpTransport         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_transport_disconnect_finish    (McpTransport         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
MCP_AVAILABLE_IN_0_1
void              mcp_transport_send_message_async   (McpTransport         *self,
                                                      JsonNode             *message,
                                                      JsonNode             *related_request_id,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_transport_send_message_finish  (McpTransport         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
MCP_AVAILABLE_IN_0_1
McpTransportState mcp_transport_get_state            (McpTransport         *self);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_transport_close_request_stream (McpTransport         *self,
                                                      JsonNode             *request_id);
MCP_AVAILABLE_IN_0_1
gboolean          mcp_transport_is_connected         (McpTransport         *self);

MCP_AVAILABLE_IN_0_1
void              mcp_transport_emit_message_received (McpTransport        *self,
                                                       JsonNode            *message);
MCP_AVAILABLE_IN_0_1
void              mcp_transport_emit_state_changed    (McpTransport        *self,
                                                       McpTransportState    old_state,
                                                       McpTransportState    new_state);
MCP_AVAILABLE_IN_0_1
void              mcp_transport_emit_error            (McpTransport        *self,
                                                       const GError        *error);

G_END_DECLS

/* mcp-transport-private.h: what every transport implementation shares
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_COMPILATION)
# error "mcp-transport-private.h is private to mcp-glib."
#endif

#include "mcp-transport.h"

G_BEGIN_DECLS

/* A new "state" property, read-only with explicit notify, for a transport
 * class to install. */
GParamSpec *_mcp_transport_state_param_spec          (void);

/* Stores @state in *@state_field. When it changed, @pspec (the class's
 * "state" property, or NULL for a class without one) is notified and
 * #McpTransport::state-changed is emitted, in that order: handlers of both
 * see the new state, and may change it again. Returns whether it changed. */
gboolean    _mcp_transport_set_state                 (McpTransport       *self,
                                                      McpTransportState  *state_field,
                                                      McpTransportState   state,
                                                      GParamSpec         *pspec);

/* For connect_async: fails @task with G_IO_ERROR_PENDING and returns TRUE
 * unless @state is DISCONNECTED. */
gboolean    _mcp_transport_return_if_busy            (GTask              *task,
                                                      McpTransportState   state);

/* For send_message_async: fails @task with MCP_ERROR_NOT_CONNECTED. */
void        _mcp_transport_return_not_connected      (GTask              *task);

/* For disconnect_async while another disconnect is under way: fails @task
 * with G_IO_ERROR_PENDING. */
void        _mcp_transport_return_disconnect_pending (GTask              *task);

/* The _finish of every connect, disconnect and send that runs on a GTask
 * whose source object is @self. */
gboolean    _mcp_transport_task_finish               (McpTransport       *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* Parses one framed message and announces it as
 * #McpTransport::message-received, or as #McpTransport::error when it is
 * not valid JSON. */
void        _mcp_transport_receive_json              (McpTransport       *self,
                                                      const char         *data,
                                                      gsize               length);

G_END_DECLS

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

#include "mcp-server-transport.h"
#include "mcp-message.h"
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
/* A server transport that drains (mcp_server_shutdown_async()) takes no new
 * session, stateless request or connection (503), and says so at /ready;
 * what it serves goes on. */
void        _mcp_server_transport_set_draining       (McpServerTransport *self,
                                                      gboolean            draining);
gboolean    _mcp_server_transport_is_draining        (McpServerTransport *self);

/* The same for the start and stop of a server transport. */
gboolean    _mcp_server_transport_task_finish        (McpServerTransport *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* Parses one framed message and announces it as
 * #McpTransport::message-received, or as #McpTransport::error when it is
 * not valid JSON. */
void        _mcp_transport_receive_json              (McpTransport       *self,
                                                      const char         *data,
                                                      gsize               length);

/* What a session hears from its transport, instead of
 * #McpTransport::message-received: each message already classified as
 * mcp_message_parse() does it (@id, @method and @payload borrowed for the
 * call; @error set when @kind is MCP_MESSAGE_KIND_INVALID, and then
 * @looks_like_response tells a broken response from a broken request). */
typedef void (*McpTransportReceiveFunc) (McpTransport   *transport,
                                         McpMessageKind  kind,
                                         JsonNode       *id,
                                         const char     *method,
                                         JsonNode       *payload,
                                         gboolean        looks_like_response,
                                         const GError   *error,
                                         gpointer        user_data);

/* One receiver per transport: FALSE when there is one already (the caller
 * then connects to #McpTransport::message-received as anyone would). While
 * nobody else listens to that signal, the transports of mcp-glib read
 * messages for the receiver without building the envelope's object; any
 * message that is emitted reaches the receiver too, after the signal. */
gboolean    _mcp_transport_set_receiver              (McpTransport            *self,
                                                      McpTransportReceiveFunc  func,
                                                      gpointer                 user_data);
/* Removes the receiver if it is the one with @user_data. */
void        _mcp_transport_clear_receiver            (McpTransport            *self,
                                                      gpointer                 user_data);

/* Attaches @source (a new one, whose reference this takes) to @context
 * (NULL: the global default) with @callback, named @name for debuggers and
 * profilers. Returns its id. */
guint       _mcp_source_attach                       (GSource            *source,
                                                      GMainContext       *context,
                                                      GSourceFunc         callback,
                                                      gpointer            data,
                                                      GDestroyNotify      destroy,
                                                      const char         *name);

/* The bounds of an outgoing queue that a peer may stop reading (stdio,
 * WebSocket, SSE streams): the same three properties, with the same
 * defaults, on every transport that has one. */
#define MCP_SEND_QUEUE_DEFAULT_HIGH_WATER (4 * 1024 * 1024)
#define MCP_SEND_QUEUE_DEFAULT_MAX (32 * 1024 * 1024)
#define MCP_SEND_QUEUE_DEFAULT_STALL_TIMEOUT 30

typedef struct
{
  guint64 send_high_water;     /* bytes; 0: never pause */
  guint64 max_send_queue;      /* bytes; 0: no cap */
  guint   send_stall_timeout;  /* seconds; 0: wait forever */
} McpSendQueueLimits;

/* The properties, in this order, at consecutive ids of a class. */
typedef enum {
  MCP_SEND_QUEUE_HIGH_WATER,
  MCP_SEND_QUEUE_MAX,
  MCP_SEND_QUEUE_STALL_TIMEOUT,
  MCP_SEND_QUEUE_N_PROPS
} McpSendQueueProp;

void        _mcp_send_queue_limits_init              (McpSendQueueLimits *limits);
/* The rules every such queue follows, for @queued bytes not yet taken by
 * the peer: past the hard cap the connection goes; above the high-water
 * mark the peer is no longer read (and the stall timer runs); at half the
 * mark or below, it is read again (some slack, so that one reply does not
 * flip it each time). */
gboolean    _mcp_send_queue_over_cap                 (const McpSendQueueLimits *limits,
                                                      guint64             queued);
gboolean    _mcp_send_queue_over_high_water          (const McpSendQueueLimits *limits,
                                                      guint64             queued);
gboolean    _mcp_send_queue_drained                  (const McpSendQueueLimits *limits,
                                                      guint64             queued);
/* Fills @pspecs[0 .. MCP_SEND_QUEUE_N_PROPS - 1]: send-high-water,
 * max-send-queue and send-stall-timeout, which each class documents as its
 * own. */
void        _mcp_send_queue_install_pspecs           (GParamSpec        **pspecs);
/* When @prop_id is one of the three properties, which @object's class has
 * at consecutive ids from @first (its send-high-water) and whose @pspecs
 * (the class's property array) _mcp_send_queue_install_pspecs() filled at
 * @first: gets or sets it and returns TRUE, for a get_property or
 * set_property to call before its own switch. Setting notifies when the
 * value changed, and then sets @changed (nullable). */
gboolean    _mcp_send_queue_get_property             (const McpSendQueueLimits *limits,
                                                      guint               first,
                                                      guint               prop_id,
                                                      GValue             *value);
gboolean    _mcp_send_queue_set_property             (GObject            *object,
                                                      McpSendQueueLimits *limits,
                                                      GParamSpec        **pspecs,
                                                      guint               first,
                                                      guint               prop_id,
                                                      const GValue       *value,
                                                      gboolean           *changed);
/* Sets property @index (a McpSendQueueProp) of @object, whose @pspecs are
 * those _mcp_send_queue_install_pspecs() filled; notifies when the value
 * changed, and returns whether it did. */
gboolean    _mcp_send_queue_set                      (GObject            *object,
                                                      McpSendQueueLimits *limits,
                                                      GParamSpec        **pspecs,
                                                      guint               index,
                                                      guint64             value);

G_END_DECLS

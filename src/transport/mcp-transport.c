/* mcp-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-json-reader-private.h"
#include "mcp-message-private.h"
#include "mcp-transport-private.h"

/**
 * McpTransport:
 *
 * One bidirectional channel of JSON-RPC messages.
 *
 * A transport moves one message (a #JsonNode) at a time and knows nothing of
 * MCP: framing, connection set-up and tear-down are its business, methods and
 * ids are not. Received messages are announced with
 * #McpTransport::message-received; input that could not be turned into a
 * message (bad JSON, an oversized frame) with #McpTransport::error, after
 * which the transport keeps going unless it says otherwise by changing state.
 *
 * mcp-glib ships stdio, Streamable HTTP and WebSocket transports. A custom one
 * implements the virtual functions of #McpTransportInterface — from C or from
 * any language with GObject-introspection — and reports what happens through
 * the `mcp_transport_emit_*()` helpers. An implementation whose
 * `connect_async`, `disconnect_async` and `send_message_async` each return a
 * boolean through a #GTask whose source object is the transport may leave
 * the three `_finish` functions unset: the defaults propagate that result.
 *
 * Since: 0.1
 */

G_DEFINE_INTERFACE (McpTransport, mcp_transport, G_TYPE_OBJECT)

enum {
  MESSAGE_RECEIVED,
  STATE_CHANGED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mcp_transport_default_init (McpTransportInterface *iface)
{
  /* The transports of mcp-glib, and any other that runs connect, disconnect
   * and send on a GTask whose source object is the transport and returns a
   * boolean, need no _finish functions of their own. */
  iface->connect_finish = _mcp_transport_task_finish;
  iface->disconnect_finish = _mcp_transport_task_finish;
  iface->send_message_finish = _mcp_transport_task_finish;

  /**
   * McpTransport::message-received:
   * @self: the transport
   * @message: the message, a JSON-RPC object
   *
   * Emitted for every message that arrives.
   *
   * Since: 0.1
   */
  signals[MESSAGE_RECEIVED] =
    g_signal_new ("message-received",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (McpTransportInterface, message_received),
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpTransport::state-changed:
   * @self: the transport
   * @old_state: the previous state
   * @new_state: the new state
   *
   * Emitted when the transport's state changes. A transport that reaches
   * %MCP_TRANSPORT_STATE_DISCONNECTED from %MCP_TRANSPORT_STATE_CONNECTED has
   * lost or closed its connection.
   *
   * Since: 0.1
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (McpTransportInterface, state_changed),
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2,
                  MCP_TYPE_TRANSPORT_STATE,
                  MCP_TYPE_TRANSPORT_STATE);

  /**
   * McpTransport::error:
   * @self: the transport
   * @error: what went wrong
   *
   * Emitted when input could not be turned into a message or the connection
   * failed. Errors in the %MCP_ERROR domain with %MCP_ERROR_PARSE_ERROR,
   * %MCP_ERROR_INVALID_REQUEST or %MCP_ERROR_MESSAGE_TOO_LARGE concern one
   * message only; the transport keeps working.
   *
   * Since: 0.1
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (McpTransportInterface, error),
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/**
 * mcp_transport_connect_async:
 * @self: a #McpTransport
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the transport is connected or failed
 * @user_data: the data to pass to @callback
 *
 * Connects the transport: spawns the server, opens the socket, performs the
 * handshake. Messages may arrive as soon as it is connected.
 *
 * Since: 0.1
 */
void
mcp_transport_connect_async (McpTransport        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TRANSPORT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (MCP_TRANSPORT_GET_IFACE (self)->connect_async != NULL);

  MCP_TRANSPORT_GET_IFACE (self)->connect_async (self, cancellable, callback, user_data);
}

/**
 * mcp_transport_connect_finish:
 * @self: a #McpTransport
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_transport_connect_async().
 *
 * Returns: %TRUE if the transport is connected
 *
 * Since: 0.1
 */
gboolean
mcp_transport_connect_finish (McpTransport  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (MCP_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (MCP_TRANSPORT_GET_IFACE (self)->connect_finish != NULL, FALSE);

  return MCP_TRANSPORT_GET_IFACE (self)->connect_finish (self, result, error);
}

/**
 * mcp_transport_disconnect_async:
 * @self: a #McpTransport
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the transport is closed
 * @user_data: the data to pass to @callback
 *
 * Closes the transport in an orderly way: writes queued before the call are
 * flushed first. Disconnecting a transport that is not connected succeeds.
 *
 * Since: 0.1
 */
void
mcp_transport_disconnect_async (McpTransport        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TRANSPORT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (MCP_TRANSPORT_GET_IFACE (self)->disconnect_async != NULL);

  MCP_TRANSPORT_GET_IFACE (self)->disconnect_async (self, cancellable, callback, user_data);
}

/**
 * mcp_transport_disconnect_finish:
 * @self: a #McpTransport
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_transport_disconnect_async().
 *
 * Returns: %TRUE if the transport closed cleanly
 *
 * Since: 0.1
 */
gboolean
mcp_transport_disconnect_finish (McpTransport  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (MCP_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (MCP_TRANSPORT_GET_IFACE (self)->disconnect_finish != NULL, FALSE);

  return MCP_TRANSPORT_GET_IFACE (self)->disconnect_finish (self, result, error);
}

/**
 * mcp_transport_send_message_async:
 * @self: a #McpTransport
 * @message: the JSON-RPC message
 * @related_request_id: (nullable): the id of the incoming request this message
 *   belongs to (its response, or a progress or log notification sent while
 *   handling it), or %NULL. Transports with one stream per request, such as
 *   Streamable HTTP, send the message on that request's stream.
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the message is written
 * @user_data: the data to pass to @callback
 *
 * Queues one message. Messages are written whole and in the order they were
 * queued; the callback runs once the message has been handed to the
 * operating system (or failed).
 *
 * Since: 0.1
 */
void
mcp_transport_send_message_async (McpTransport        *self,
                                  JsonNode            *message,
                                  JsonNode            *related_request_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TRANSPORT (self));
  g_return_if_fail (message != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (MCP_TRANSPORT_GET_IFACE (self)->send_message_async != NULL);

  MCP_TRANSPORT_GET_IFACE (self)->send_message_async (self, message, related_request_id,
                                                      cancellable, callback, user_data);
}

/**
 * mcp_transport_send_message_finish:
 * @self: a #McpTransport
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_transport_send_message_async().
 *
 * Returns: %TRUE if the message was written
 *
 * Since: 0.1
 */
gboolean
mcp_transport_send_message_finish (McpTransport  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (MCP_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (MCP_TRANSPORT_GET_IFACE (self)->send_message_finish != NULL, FALSE);

  return MCP_TRANSPORT_GET_IFACE (self)->send_message_finish (self, result, error);
}

/**
 * mcp_transport_get_state:
 * @self: a #McpTransport
 *
 * Gets the current state of the transport.
 *
 * Returns: the current state of the transport
 *
 * Since: 0.1
 */
McpTransportState
mcp_transport_get_state (McpTransport *self)
{
  g_return_val_if_fail (MCP_IS_TRANSPORT (self), MCP_TRANSPORT_STATE_DISCONNECTED);
  g_return_val_if_fail (MCP_TRANSPORT_GET_IFACE (self)->get_state != NULL, MCP_TRANSPORT_STATE_DISCONNECTED);

  return MCP_TRANSPORT_GET_IFACE (self)->get_state (self);
}

/**
 * mcp_transport_close_request_stream:
 * @self: a #McpTransport
 * @request_id: the id of a request that arrived over @self
 *
 * Lets go of the connection that carries the replies to @request_id, on a
 * transport where each request can have one of its own (Streamable HTTP's
 * event streams). The stream itself goes on: the peer reconnects and
 * resumes, and receives what is sent for the request from then on. This is
 * the server side of SSE polling. Transports without such connections do
 * nothing.
 *
 * Returns: %TRUE if a connection was closed
 *
 * Since: 0.1
 */
gboolean
mcp_transport_close_request_stream (McpTransport *self,
                                    JsonNode     *request_id)
{
  McpTransportInterface *iface;

  g_return_val_if_fail (MCP_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  iface = MCP_TRANSPORT_GET_IFACE (self);
  if (iface->close_request_stream == NULL)
    return FALSE;

  return iface->close_request_stream (self, request_id);
}

/**
 * mcp_transport_is_connected:
 * @self: a #McpTransport
 *
 * Checks whether the state is %MCP_TRANSPORT_STATE_CONNECTED.
 *
 * Returns: whether the state is %MCP_TRANSPORT_STATE_CONNECTED
 *
 * Since: 0.1
 */
gboolean
mcp_transport_is_connected (McpTransport *self)
{
  return mcp_transport_get_state (self) == MCP_TRANSPORT_STATE_CONNECTED;
}

/**
 * mcp_transport_emit_message_received:
 * @self: a #McpTransport
 * @message: the message that arrived
 *
 * For implementations: announces a received message.
 *
 * Since: 0.1
 */
typedef struct
{
  McpTransportReceiveFunc func;
  gpointer                user_data;
} Receiver;

static GQuark
receiver_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mcp-transport-receiver");
  return quark;
}

/* Whether anything but the receiver wants the message as a tree: a
 * handler of the signal, or a class closure. */
static gboolean
is_observed (McpTransport *self)
{
  return g_signal_has_handler_pending (self, signals[MESSAGE_RECEIVED], 0, FALSE) ||
         MCP_TRANSPORT_GET_IFACE (self)->message_received != NULL;
}

static void
deliver_tree (McpTransport *self,
              Receiver     *receiver,
              JsonNode     *message)
{
  g_autoptr(GError) error = NULL;
  McpJsonEnvelope members = { NULL, };
  JsonNode *id = NULL;
  JsonNode *payload = NULL;
  const char *method = NULL;
  McpMessageKind kind;

  kind = mcp_message_parse (message, &id, &method, &payload, &error);
  if (kind == MCP_MESSAGE_KIND_INVALID && JSON_NODE_HOLDS_OBJECT (message))
    {
      JsonObject *object = json_node_get_object (message);

      members.has_method = json_object_has_member (object, "method");
      members.result = json_object_get_member (object, "result");
      members.error = json_object_get_member (object, "error");
    }
  receiver->func (self, kind, id, method, payload,
                  _mcp_message_members_look_like_response (&members),
                  error, receiver->user_data);
}

void
mcp_transport_emit_message_received (McpTransport *self,
                                     JsonNode     *message)
{
  Receiver *receiver;

  g_return_if_fail (MCP_IS_TRANSPORT (self));
  g_return_if_fail (message != NULL);

  receiver = g_object_get_qdata (G_OBJECT (self), receiver_quark ());
  if (receiver == NULL || is_observed (self))
    g_signal_emit (self, signals[MESSAGE_RECEIVED], 0, message);

  /* The receiver may have been removed by a handler. */
  receiver = g_object_get_qdata (G_OBJECT (self), receiver_quark ());
  if (receiver != NULL)
    deliver_tree (self, receiver, message);
}

/**
 * mcp_transport_emit_state_changed:
 * @self: a #McpTransport
 * @old_state: the previous state
 * @new_state: the new state
 *
 * For implementations: announces a state change. Call it after the value
 * mcp_transport_get_state() returns has changed.
 *
 * Since: 0.1
 */
void
mcp_transport_emit_state_changed (McpTransport      *self,
                                  McpTransportState  old_state,
                                  McpTransportState  new_state)
{
  g_return_if_fail (MCP_IS_TRANSPORT (self));

  if (old_state != new_state)
    g_signal_emit (self, signals[STATE_CHANGED], 0, old_state, new_state);
}

/**
 * mcp_transport_emit_error:
 * @self: a #McpTransport
 * @error: what went wrong
 *
 * For implementations: reports an error.
 *
 * Since: 0.1
 */
void
mcp_transport_emit_error (McpTransport *self,
                          const GError *error)
{
  g_return_if_fail (MCP_IS_TRANSPORT (self));
  g_return_if_fail (error != NULL);

  g_signal_emit (self, signals[ERROR], 0, error);
}

/* For implementations inside mcp-glib ---------------------------------------- */

GParamSpec *
_mcp_transport_state_param_spec (void)
{
  return g_param_spec_enum ("state", NULL, NULL,
                            MCP_TYPE_TRANSPORT_STATE, MCP_TRANSPORT_STATE_DISCONNECTED,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

gboolean
_mcp_transport_set_state (McpTransport      *self,
                          McpTransportState *state_field,
                          McpTransportState  state,
                          GParamSpec        *pspec)
{
  McpTransportState old_state = *state_field;

  if (old_state == state)
    return FALSE;

  *state_field = state;
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  mcp_transport_emit_state_changed (self, old_state, state);

  return TRUE;
}

gboolean
_mcp_transport_return_if_busy (GTask             *task,
                               McpTransportState  state)
{
  if (state == MCP_TRANSPORT_STATE_DISCONNECTED)
    return FALSE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                           "The transport is already connected or connecting");
  return TRUE;
}

void
_mcp_transport_return_not_connected (GTask *task)
{
  g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                           "The transport is not connected");
}

void
_mcp_transport_return_disconnect_pending (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                           "A disconnect is already under way");
}

gboolean
_mcp_transport_task_finish (McpTransport  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
_mcp_transport_set_receiver (McpTransport            *self,
                             McpTransportReceiveFunc  func,
                             gpointer                 user_data)
{
  Receiver *receiver;

  g_return_val_if_fail (MCP_IS_TRANSPORT (self), FALSE);

  if (func == NULL)
    {
      g_object_set_qdata (G_OBJECT (self), receiver_quark (), NULL);
      return TRUE;
    }

  if (g_object_get_qdata (G_OBJECT (self), receiver_quark ()) != NULL)
    return FALSE;

  receiver = g_new (Receiver, 1);
  receiver->func = func;
  receiver->user_data = user_data;
  g_object_set_qdata_full (G_OBJECT (self), receiver_quark (), receiver, g_free);
  return TRUE;
}

void
_mcp_transport_clear_receiver (McpTransport *self,
                               gpointer      user_data)
{
  Receiver *receiver;

  g_return_if_fail (MCP_IS_TRANSPORT (self));

  receiver = g_object_get_qdata (G_OBJECT (self), receiver_quark ());
  if (receiver != NULL && receiver->user_data == user_data)
    g_object_set_qdata (G_OBJECT (self), receiver_quark (), NULL);
}

void
_mcp_transport_receive_json (McpTransport *self,
                             const char   *data,
                             gsize         length)
{
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(GError) error = NULL;
  Receiver *receiver;

  /* Nobody else wants the tree: the envelope is read without its object
   * and handed to the receiver directly. */
  receiver = g_object_get_qdata (G_OBJECT (self), receiver_quark ());
  if (receiver != NULL && !is_observed (self))
    {
      McpJsonEnvelope envelope;

      if (_mcp_json_read_envelope (data, length, &envelope))
        {
          JsonNode *id = NULL;
          JsonNode *payload = NULL;
          const char *method = NULL;
          McpMessageKind kind;

          kind = _mcp_message_classify (&envelope, &id, &method, &payload, &error);
          receiver->func (self, kind, id, method, payload,
                          _mcp_message_members_look_like_response (&envelope),
                          error, receiver->user_data);
          _mcp_json_envelope_clear (&envelope);
          return;
        }
    }

  message = _mcp_json_parse (data, length, &error);
  if (message == NULL)
    mcp_transport_emit_error (self, error);
  else
    mcp_transport_emit_message_received (self, message);
}

guint
_mcp_source_attach (GSource        *source,
                    GMainContext   *context,
                    GSourceFunc     callback,
                    gpointer        data,
                    GDestroyNotify  destroy,
                    const char     *name)
{
  guint id;

  g_source_set_callback (source, callback, data, destroy);
  g_source_set_static_name (source, name);
  id = g_source_attach (source, context);
  g_source_unref (source);

  return id;
}

/* Outgoing queue bounds ---------------------------------------------------- */

void
_mcp_send_queue_limits_init (McpSendQueueLimits *limits)
{
  limits->send_high_water = MCP_SEND_QUEUE_DEFAULT_HIGH_WATER;
  limits->max_send_queue = MCP_SEND_QUEUE_DEFAULT_MAX;
  limits->send_stall_timeout = MCP_SEND_QUEUE_DEFAULT_STALL_TIMEOUT;
}

gboolean
_mcp_send_queue_over_cap (const McpSendQueueLimits *limits,
                          guint64                   queued)
{
  return limits->max_send_queue > 0 && queued > limits->max_send_queue;
}

gboolean
_mcp_send_queue_over_high_water (const McpSendQueueLimits *limits,
                                 guint64                   queued)
{
  return limits->send_high_water > 0 && queued > limits->send_high_water;
}

gboolean
_mcp_send_queue_drained (const McpSendQueueLimits *limits,
                         guint64                   queued)
{
  return queued <= limits->send_high_water / 2;
}

void
_mcp_send_queue_install_pspecs (GParamSpec **pspecs)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  pspecs[MCP_SEND_QUEUE_HIGH_WATER] =
    g_param_spec_uint64 ("send-high-water", NULL, NULL,
                         0, G_MAXUINT64, MCP_SEND_QUEUE_DEFAULT_HIGH_WATER, flags);
  pspecs[MCP_SEND_QUEUE_MAX] =
    g_param_spec_uint64 ("max-send-queue", NULL, NULL,
                         0, G_MAXUINT64, MCP_SEND_QUEUE_DEFAULT_MAX, flags);
  pspecs[MCP_SEND_QUEUE_STALL_TIMEOUT] =
    g_param_spec_uint ("send-stall-timeout", NULL, NULL,
                       0, G_MAXUINT, MCP_SEND_QUEUE_DEFAULT_STALL_TIMEOUT, flags);
}

gboolean
_mcp_send_queue_get_property (const McpSendQueueLimits *limits,
                              guint                     first,
                              guint                     prop_id,
                              GValue                   *value)
{
  if (prop_id < first || prop_id - first >= MCP_SEND_QUEUE_N_PROPS)
    return FALSE;

  switch (prop_id - first)
    {
    case MCP_SEND_QUEUE_HIGH_WATER:
      g_value_set_uint64 (value, limits->send_high_water);
      break;
    case MCP_SEND_QUEUE_MAX:
      g_value_set_uint64 (value, limits->max_send_queue);
      break;
    case MCP_SEND_QUEUE_STALL_TIMEOUT:
      g_value_set_uint (value, limits->send_stall_timeout);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
_mcp_send_queue_set_property (GObject            *object,
                              McpSendQueueLimits *limits,
                              GParamSpec        **pspecs,
                              guint               first,
                              guint               prop_id,
                              const GValue       *value,
                              gboolean           *changed)
{
  guint64 number;
  gboolean did_change;

  if (prop_id < first || prop_id - first >= MCP_SEND_QUEUE_N_PROPS)
    return FALSE;

  number = G_VALUE_HOLDS_UINT64 (value) ? g_value_get_uint64 (value) : g_value_get_uint (value);
  did_change = _mcp_send_queue_set (object, limits, pspecs + first, prop_id - first, number);
  if (changed != NULL)
    *changed = did_change;
  return TRUE;
}

gboolean
_mcp_send_queue_set (GObject            *object,
                     McpSendQueueLimits *limits,
                     GParamSpec        **pspecs,
                     guint               index,
                     guint64             value)
{
  switch (index)
    {
    case MCP_SEND_QUEUE_HIGH_WATER:
      if (limits->send_high_water == value)
        return FALSE;
      limits->send_high_water = value;
      break;
    case MCP_SEND_QUEUE_MAX:
      if (limits->max_send_queue == value)
        return FALSE;
      limits->max_send_queue = value;
      break;
    case MCP_SEND_QUEUE_STALL_TIMEOUT:
      g_return_val_if_fail (value <= G_MAXUINT, FALSE);
      if (limits->send_stall_timeout == value)
        return FALSE;
      limits->send_stall_timeout = (guint) value;
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_notify_by_pspec (object, pspecs[index]);
  return TRUE;
}

/* mcp-custom-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-custom-transport.h"
#include "mcp-error.h"
#include "mcp-transport-private.h"

/**
 * McpCustomTransport:
 *
 * A transport whose input and output the application performs.
 *
 * Use it to carry MCP over a channel mcp-glib has no transport for — a
 * D-Bus method, a browser's `postMessage`, a test harness — and in
 * particular from a language binding that cannot implement the
 * asynchronous virtual functions of [iface@Mcp.Transport] itself (GJS
 * cannot implement virtual functions that take a callback).
 *
 * Outgoing messages are handed to the [signal@Mcp.CustomTransport::send-message]
 * signal; its handler writes them and returns %TRUE. Incoming messages are
 * given to [method@Mcp.CustomTransport.receive]. Connecting emits
 * [signal@Mcp.CustomTransport::opening] and, with
 * [property@Mcp.CustomTransport:auto-connect] (the default), is done at once;
 * otherwise it completes when the application calls
 * [method@Mcp.CustomTransport.set_connected]. Disconnecting emits
 * [signal@Mcp.CustomTransport::closing]. When the channel goes away by itself,
 * call [method@Mcp.CustomTransport.close] (or [method@Mcp.CustomTransport.fail]):
 * the session on the transport closes and its pending requests fail.
 *
 * ```js
 * const transport = new Mcp.CustomTransport();
 * transport.connect('send-message', (t, message) => {
 *     socket.send(Json.to_string(message, false));
 *     return true;
 * });
 * socket.onmessage = text => transport.receive(Json.from_string(text));
 * ```
 *
 * Since: 0.1
 */

struct _McpCustomTransport
{
  GObject            parent_instance;

  McpTransportState  state;
  gboolean           auto_connect;
  GTask             *connect_task;
};

static void mcp_custom_transport_iface_init (McpTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpCustomTransport, mcp_custom_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TRANSPORT,
                                                      mcp_custom_transport_iface_init))

enum {
  PROP_0,
  PROP_AUTO_CONNECT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SEND_MESSAGE,
  OPENING,
  CLOSING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (McpCustomTransport *self,
           McpTransportState   state)
{
  _mcp_transport_set_state (MCP_TRANSPORT (self), &self->state, state,
                            properties[PROP_STATE]);
}

/* Completes a pending connect, successfully when error is NULL. */
static void
finish_connect (McpCustomTransport *self,
                const GError       *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

  if (task == NULL)
    return;

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
mcp_custom_transport_dispose (GObject *object)
{
  McpCustomTransport *self = (McpCustomTransport *) object;

  if (self->connect_task != NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                                     "The transport was destroyed");

      finish_connect (self, error);
    }

  G_OBJECT_CLASS (mcp_custom_transport_parent_class)->dispose (object);
}

static void
mcp_custom_transport_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  McpCustomTransport *self = MCP_CUSTOM_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_AUTO_CONNECT:
      g_value_set_boolean (value, self->auto_connect);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_custom_transport_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  McpCustomTransport *self = MCP_CUSTOM_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_AUTO_CONNECT:
      mcp_custom_transport_set_auto_connect (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_custom_transport_class_init (McpCustomTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_custom_transport_dispose;
  object_class->get_property = mcp_custom_transport_get_property;
  object_class->set_property = mcp_custom_transport_set_property;

  /**
   * McpCustomTransport:auto-connect:
   *
   * Whether connecting succeeds as soon as
   * [signal@Mcp.CustomTransport::opening] has been emitted. When %FALSE, a
   * connect waits for [method@Mcp.CustomTransport.set_connected] (or fails at
   * [method@Mcp.CustomTransport.fail] or [method@Mcp.CustomTransport.close]).
   *
   * Since: 0.1
   */
  properties[PROP_AUTO_CONNECT] =
    g_param_spec_boolean ("auto-connect", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpCustomTransport:state:
   *
   * The state of the transport, as mcp_transport_get_state() returns it.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = _mcp_transport_state_param_spec ();

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpCustomTransport::send-message:
   * @self: the transport
   * @message: the JSON-RPC message to send
   * @related_request_id: (nullable): the id of the incoming request the
   *   message belongs to, for channels with one stream per request
   *
   * Emitted for every message to send while the transport is connected. The
   * handler writes @message (or queues it; it must not be changed) and
   * returns %TRUE; %FALSE, or no handler at all, fails the send.
   *
   * Returns: %TRUE if the message was sent
   *
   * Since: 0.1
   */
  signals[SEND_MESSAGE] =
    g_signal_new ("send-message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 2,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpCustomTransport::opening:
   * @self: the transport
   *
   * Emitted when a connect starts: open the channel here. Unless
   * [property@Mcp.CustomTransport:auto-connect] is %FALSE, the transport is
   * connected when the handlers have run.
   *
   * Since: 0.1
   */
  signals[OPENING] =
    g_signal_new ("opening",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpCustomTransport::closing:
   * @self: the transport
   *
   * Emitted when the transport is disconnected by its user (not by
   * [method@Mcp.CustomTransport.close]): close the channel here.
   *
   * Since: 0.1
   */
  signals[CLOSING] =
    g_signal_new ("closing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mcp_custom_transport_init (McpCustomTransport *self)
{
  self->state = MCP_TRANSPORT_STATE_DISCONNECTED;
  self->auto_connect = TRUE;
}

/* McpTransport ----------------------------------------------------------------- */

static gboolean
connect_cancelled_idle (gpointer user_data)
{
  g_autoptr(McpCustomTransport) self = user_data;
  GCancellable *cancellable;

  if (self->connect_task == NULL)
    return G_SOURCE_REMOVE;

  cancellable = g_task_get_cancellable (self->connect_task);
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "The connect was cancelled");

      finish_connect (self, error);
      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
    }

  return G_SOURCE_REMOVE;
}

static void
on_connect_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  g_idle_add (connect_cancelled_idle, g_object_ref (user_data));
}

static void
mcp_custom_transport_connect_async (McpTransport        *transport,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  McpCustomTransport *self = MCP_CUSTOM_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_custom_transport_connect_async);

  if (self->state == MCP_TRANSPORT_STATE_CONNECTED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->state != MCP_TRANSPORT_STATE_DISCONNECTED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The transport is already connecting or disconnecting");
      return;
    }

  self->connect_task = g_steal_pointer (&task);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_connect_cancelled),
                             self, 0);
  set_state (self, MCP_TRANSPORT_STATE_CONNECTING);
  g_signal_emit (self, signals[OPENING], 0);

  /* A handler may have connected or closed the transport already. */
  if (self->auto_connect && self->state == MCP_TRANSPORT_STATE_CONNECTING)
    mcp_custom_transport_set_connected (self);
}

static void
mcp_custom_transport_disconnect_async (McpTransport        *transport,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpCustomTransport *self = MCP_CUSTOM_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_custom_transport_disconnect_async);

  if (self->state != MCP_TRANSPORT_STATE_DISCONNECTED &&
      self->state != MCP_TRANSPORT_STATE_DISCONNECTING)
    {
      g_autoptr(GError) error = g_error_new_literal (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                                     "The transport was disconnected");

      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTING);
      g_signal_emit (self, signals[CLOSING], 0);
      finish_connect (self, error);
      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
    }

  g_task_return_boolean (task, TRUE);
}

static void
mcp_custom_transport_send_message_async (McpTransport        *transport,
                                         JsonNode            *message,
                                         JsonNode            *related_request_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  McpCustomTransport *self = MCP_CUSTOM_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  gboolean sent = FALSE;

  g_task_set_source_tag (task, mcp_custom_transport_send_message_async);

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED)
    {
      _mcp_transport_return_not_connected (task);
      return;
    }

  g_signal_emit (self, signals[SEND_MESSAGE], 0, message, related_request_id, &sent);

  if (sent)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                             "No send-message handler sent the message");
}

static McpTransportState
mcp_custom_transport_get_state (McpTransport *transport)
{
  return MCP_CUSTOM_TRANSPORT (transport)->state;
}

static void
mcp_custom_transport_iface_init (McpTransportInterface *iface)
{
  iface->connect_async = mcp_custom_transport_connect_async;
  iface->disconnect_async = mcp_custom_transport_disconnect_async;
  iface->send_message_async = mcp_custom_transport_send_message_async;
  iface->get_state = mcp_custom_transport_get_state;
}

/* Public API -------------------------------------------------------------------- */

/**
 * mcp_custom_transport_new:
 *
 * Creates a transport whose input and output the application performs.
 *
 * Returns: (transfer full): a new #McpCustomTransport
 *
 * Since: 0.1
 */
McpCustomTransport *
mcp_custom_transport_new (void)
{
  return g_object_new (MCP_TYPE_CUSTOM_TRANSPORT, NULL);
}

/**
 * mcp_custom_transport_get_auto_connect:
 * @self: a #McpCustomTransport
 *
 * Gets whether connecting completes as soon as
 * [signal@Mcp.CustomTransport::opening] has run.
 *
 * Returns: the value of [property@Mcp.CustomTransport:auto-connect]
 *
 * Since: 0.1
 */
gboolean
mcp_custom_transport_get_auto_connect (McpCustomTransport *self)
{
  g_return_val_if_fail (MCP_IS_CUSTOM_TRANSPORT (self), FALSE);

  return self->auto_connect;
}

/**
 * mcp_custom_transport_set_auto_connect:
 * @self: a #McpCustomTransport
 * @auto_connect: whether connecting completes at once
 *
 * Sets [property@Mcp.CustomTransport:auto-connect]. Turn it off when the
 * channel opens asynchronously, and call
 * [method@Mcp.CustomTransport.set_connected] once it is open.
 *
 * Since: 0.1
 */
void
mcp_custom_transport_set_auto_connect (McpCustomTransport *self,
                                       gboolean            auto_connect)
{
  g_return_if_fail (MCP_IS_CUSTOM_TRANSPORT (self));

  auto_connect = !!auto_connect;
  if (self->auto_connect == auto_connect)
    return;

  self->auto_connect = auto_connect;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_CONNECT]);
}

/**
 * mcp_custom_transport_set_connected:
 * @self: a #McpCustomTransport
 *
 * Says that the channel is open: a connect in progress succeeds, and
 * messages can flow. Also connects a transport nobody asked to connect yet,
 * for channels that are open from the start.
 *
 * Since: 0.1
 */
void
mcp_custom_transport_set_connected (McpCustomTransport *self)
{
  g_return_if_fail (MCP_IS_CUSTOM_TRANSPORT (self));

  if (self->state == MCP_TRANSPORT_STATE_CONNECTED)
    return;

  set_state (self, MCP_TRANSPORT_STATE_CONNECTED);
  finish_connect (self, NULL);
}

/**
 * mcp_custom_transport_receive:
 * @self: a #McpCustomTransport
 * @message: a JSON-RPC message that arrived on the channel
 *
 * Hands an incoming message to the transport's user, as
 * [signal@Mcp.Transport::message-received]. Messages that arrive while the
 * transport is not connected are dropped.
 *
 * Since: 0.1
 */
void
mcp_custom_transport_receive (McpCustomTransport *self,
                              JsonNode           *message)
{
  g_return_if_fail (MCP_IS_CUSTOM_TRANSPORT (self));
  g_return_if_fail (message != NULL);

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED)
    {
      g_debug ("Dropping a message received while not connected");
      return;
    }

  mcp_transport_emit_message_received (MCP_TRANSPORT (self), message);
}

static void
close_channel (McpCustomTransport *self,
               const GError       *error)
{
  g_autoptr(GError) closed = NULL;

  if (self->state == MCP_TRANSPORT_STATE_DISCONNECTED)
    return;

  if (error != NULL)
    mcp_transport_emit_error (MCP_TRANSPORT (self), error);

  closed = error != NULL ? g_error_copy (error) :
                           g_error_new_literal (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                                "The channel closed");
  finish_connect (self, closed);
  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
}

/**
 * mcp_custom_transport_close:
 * @self: a #McpCustomTransport
 *
 * Says that the channel closed by itself in an orderly way (the peer went
 * away). A connect in progress fails; the transport becomes disconnected,
 * which closes the session on it.
 *
 * Since: 0.1
 */
void
mcp_custom_transport_close (McpCustomTransport *self)
{
  g_return_if_fail (MCP_IS_CUSTOM_TRANSPORT (self));

  close_channel (self, NULL);
}

/**
 * mcp_custom_transport_fail:
 * @self: a #McpCustomTransport
 * @error: what went wrong
 *
 * Says that the channel failed (the connection was refused or lost).
 * @error is emitted as [signal@Mcp.Transport::error], a connect in progress
 * fails with it, and the transport becomes disconnected, which closes the
 * session on it.
 *
 * Since: 0.1
 */
void
mcp_custom_transport_fail (McpCustomTransport *self,
                           const GError       *error)
{
  g_return_if_fail (MCP_IS_CUSTOM_TRANSPORT (self));
  g_return_if_fail (error != NULL);

  close_channel (self, error);
}

/* mcp-websocket-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-writer-private.h"
#include "mcp-oauth-private.h"
#include "mcp-protocol.h"
#include "mcp-transport-private.h"

#include "mcp-websocket-stream-private.h"
#include "mcp-websocket-transport-private.h"
#include "mcp-websocket-transport.h"
#include "mcp-str-private.h"

/**
 * McpWebSocketTransport:
 *
 * JSON-RPC over a WebSocket: one message per text frame.
 *
 * WebSocket is not (yet) a transport of the MCP specification; this one
 * follows the convention every implementation that has one shares:
 * subprotocol `mcp`, one JSON-RPC message per text frame, binary frames
 * refused.
 *
 * A transport made with mcp_websocket_transport_new() is a client: connecting
 * performs the handshake with the `ws://` or `wss://` URL, offering
 * #McpWebSocketTransport:subprotocols, sending #McpWebSocketTransport:origin
 * and, when #McpWebSocketTransport:auth-token is set, an
 * `Authorization: Bearer` header. TLS settings (a #GTlsDatabase, a proxy
 * resolver, …) come from the #SoupSession, which can be given with
 * mcp_websocket_transport_new_with_session(). A server that answers 401 or
 * 403 fails the connect with %MCP_ERROR_UNAUTHORIZED or %MCP_ERROR_FORBIDDEN;
 * a redirect is never followed (the token would go with it) and fails it
 * with %MCP_ERROR_URL_REFUSED.
 *
 * A transport made with mcp_websocket_transport_new_for_connection() wraps
 * a connection that is already open, such as one accepted by
 * #McpWebSocketServerTransport; it never reconnects.
 *
 * Incoming input is checked before it becomes a message:
 *
 * - a frame larger than #McpWebSocketTransport:max-message-size (10 MiB by
 *   default; libsoup's own default is 128 KiB) closes the connection with
 *   status 1009;
 * - a binary frame closes the connection with status 1003;
 * - a text frame that is not JSON is reported with #McpTransport::error
 *   (%MCP_ERROR_PARSE_ERROR, which #McpSession answers with -32700) and the
 *   connection stays open.
 *
 * With #McpWebSocketTransport:keepalive-interval set, a WebSocket ping is
 * sent that often; a peer from which nothing at all (no pong, no message)
 * has been heard for the interval plus #McpWebSocketTransport:pong-timeout
 * is considered dead and the connection is closed.
 *
 * A client whose connection is lost reconnects by itself when
 * #McpWebSocketTransport:reconnect-max-attempts is not 0: its state goes
 * from %MCP_TRANSPORT_STATE_CONNECTED to %MCP_TRANSPORT_STATE_CONNECTING,
 * attempts follow an exponential backoff with jitter between
 * #McpWebSocketTransport:reconnect-initial-delay and
 * #McpWebSocketTransport:reconnect-max-delay (each announced with
 * #McpWebSocketTransport::reconnecting), and the state returns to
 * %MCP_TRANSPORT_STATE_CONNECTED on success or goes to
 * %MCP_TRANSPORT_STATE_DISCONNECTED when the attempts are used up. An
 * #McpSession on top fails its pending requests with
 * %MCP_ERROR_CONNECTION_CLOSED when the connection is lost, and an
 * #McpClient runs the `initialize` handshake again once it is back (see
 * #McpClient::reconnected).
 *
 * Since: 0.1
 */

/* How often the dead-peer watchdog looks, at most. */
#define WATCHDOG_PERIOD_MS 1000

struct _McpWebSocketTransport
{
  GObject                  parent_instance;

  char                    *url;
  SoupSession             *session;
  gboolean                 own_session;
  McpPinnedAddress        *pinned;
  McpUrlGuard             *guard;     /* checks the URLs the OAuth client fetches */
  char                   **subprotocols;
  char                    *origin;
  char                    *auth_token;
  GTlsCertificate         *tls_client_certificate;
  McpOAuthClient          *oauth;
  char                    *oauth_url;         /* the http(s) twin of url */
  guint                    auth_retries;
  McpWebSocketLimits       limits;
  gint                     reconnect_max_attempts;
  guint                    reconnect_initial_delay;
  guint                    reconnect_max_delay;

  GMainContext            *context;
  McpTransportState        state;
  SoupWebsocketConnection *connection;
  gulong                   message_id;
  gulong                   closed_id;
  gulong                   error_id;
  gulong                   pong_id;
  char                    *protocol;
  guint                    close_code;
  gint64                   last_heard;
  guint                    watchdog_id;
  GString                 *scratch;           /* replies written without a tree */

  GCancellable            *dial_cancellable;
  GTask                   *connect_task;
  GCancellable            *connect_cancellable;
  gulong                   connect_cancelled_id;
  GTask                   *disconnect_task;
  guint                    reconnect_id;
  guint                    reconnect_attempt;

  guint64                  bytes_sent;
  guint64                  bytes_received;

  /* The outgoing queue: seen through the stream below libsoup (accepted
   * connections), or through the kernel's count on the socket (our own). */
  McpSendQueueLimits       send_queue;
  McpWebSocketStream      *stream;          /* the connection's, not owned */
  GSocket                 *socket;          /* our own connection's */
  guint64                  socket_base;     /* what the kernel had taken before */
  guint64                  bytes_handed;    /* frame bytes given to libsoup */
  guint                    stall_id;
};

static void mcp_websocket_transport_iface_init (McpTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpWebSocketTransport, mcp_websocket_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TRANSPORT,
                                                      mcp_websocket_transport_iface_init))

enum {
  PROP_0,
  PROP_URL,
  PROP_SESSION,
  PROP_CONNECTION,
  PROP_SUBPROTOCOLS,
  PROP_PROTOCOL,
  PROP_ORIGIN,
  PROP_AUTH_TOKEN,
  PROP_TLS_CLIENT_CERTIFICATE,
  PROP_OAUTH_CLIENT,
  PROP_MAX_MESSAGE_SIZE,
  PROP_KEEPALIVE_INTERVAL,
  PROP_PONG_TIMEOUT,
  PROP_RECONNECT_MAX_ATTEMPTS,
  PROP_RECONNECT_INITIAL_DELAY,
  PROP_RECONNECT_MAX_DELAY,
  PROP_STATE,
  PROP_CLOSE_CODE,
  PROP_BYTES_SENT,
  PROP_BYTES_RECEIVED,
  PROP_SEND_HIGH_WATER,
  PROP_MAX_SEND_QUEUE,
  PROP_SEND_STALL_TIMEOUT,
  N_PROPS
};

enum {
  RECONNECTING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];

/* The three bounds of the outgoing queue, at consecutive ids. */
G_STATIC_ASSERT (PROP_SEND_STALL_TIMEOUT - PROP_SEND_HIGH_WATER == MCP_SEND_QUEUE_N_PROPS - 1);
/* The three connection limits, at consecutive ids. */
G_STATIC_ASSERT (PROP_PONG_TIMEOUT - PROP_MAX_MESSAGE_SIZE == 2);
G_STATIC_ASSERT (MCP_WEBSOCKET_DEFAULT_SEND_HIGH_WATER == MCP_SEND_QUEUE_DEFAULT_HIGH_WATER &&
                 MCP_WEBSOCKET_DEFAULT_MAX_SEND_QUEUE == MCP_SEND_QUEUE_DEFAULT_MAX &&
                 MCP_WEBSOCKET_DEFAULT_SEND_STALL_TIMEOUT == MCP_SEND_QUEUE_DEFAULT_STALL_TIMEOUT);
static guint signals[N_SIGNALS];

static const char * const default_subprotocols[] = { MCP_WEBSOCKET_SUBPROTOCOL, NULL };

static void dial (McpWebSocketTransport *self);

static guint
add_timeout (McpWebSocketTransport *self,
             guint                  interval_ms,
             GSourceFunc            callback,
             const char            *name)
{
  return _mcp_source_attach (g_timeout_source_new (interval_ms), self->context,
                             callback, self, NULL, name);
}

static void
set_state (McpWebSocketTransport *self,
           McpTransportState      state)
{
  _mcp_transport_set_state (MCP_TRANSPORT (self), &self->state, state,
                            properties[PROP_STATE]);
}

/* The connection ----------------------------------------------------------- */

static void
detach_connection (McpWebSocketTransport *self)
{
  g_autoptr(SoupWebsocketConnection) connection = g_steal_pointer (&self->connection);

  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  g_clear_handle_id (&self->stall_id, g_source_remove);
  if (self->stream != NULL)
    {
      _mcp_websocket_stream_set_callbacks (self->stream, NULL, NULL, NULL);
      self->stream = NULL;
    }
  g_clear_object (&self->socket);

  if (connection == NULL)
    return;

  g_clear_signal_handler (&self->message_id, connection);
  g_clear_signal_handler (&self->closed_id, connection);
  g_clear_signal_handler (&self->error_id, connection);
  g_clear_signal_handler (&self->pong_id, connection);

  /* Dropping the last reference closes the stream at once. */
}

static guint
backoff_delay (McpWebSocketTransport *self,
               guint                  attempt)
{
  guint64 delay = MAX (self->reconnect_initial_delay, 1);
  guint64 half;

  for (guint i = 1; i < attempt && delay < self->reconnect_max_delay; i++)
    delay *= 2;
  delay = MIN (delay, MAX (self->reconnect_max_delay, 1));

  /* "Equal jitter": half fixed, half random, so clients that lost the same
   * server do not all come back at the same instant. */
  half = delay / 2;
  return (guint) (delay - half + (half > 0 ? g_random_int_range (0, (gint32) MIN (half, G_MAXINT32 - 1) + 1) : 0));
}

static gboolean
reconnect_timeout_cb (gpointer user_data)
{
  McpWebSocketTransport *self = user_data;

  self->reconnect_id = 0;
  dial (self);

  return G_SOURCE_REMOVE;
}

/* Schedules the next attempt, or gives up. */
static void
schedule_reconnect (McpWebSocketTransport *self)
{
  guint delay;

  if (self->reconnect_max_attempts >= 0 &&
      self->reconnect_attempt >= (guint) self->reconnect_max_attempts)
    {
      g_debug ("Giving up on %s after %u reconnect attempts", self->url, self->reconnect_attempt);
      self->reconnect_attempt = 0;
      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
      return;
    }

  self->reconnect_attempt++;
  delay = backoff_delay (self, self->reconnect_attempt);
  g_signal_emit (self, signals[RECONNECTING], 0, self->reconnect_attempt, delay);

  /* A handler may have disconnected us. */
  if (self->state != MCP_TRANSPORT_STATE_CONNECTING)
    return;

  self->reconnect_id = add_timeout (self, delay, reconnect_timeout_cb, "[mcp] websocket reconnect");
}

static void
connection_lost (McpWebSocketTransport *self)
{
  g_autoptr(McpWebSocketTransport) hold = g_object_ref (self);
  McpTransportState old_state = self->state;

  detach_connection (self);

  if (self->disconnect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->disconnect_task);

      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (old_state == MCP_TRANSPORT_STATE_CONNECTED &&
      self->url != NULL && self->reconnect_max_attempts != 0)
    {
      self->reconnect_attempt = 0;
      set_state (self, MCP_TRANSPORT_STATE_CONNECTING);
      if (self->state == MCP_TRANSPORT_STATE_CONNECTING)
        schedule_reconnect (self);
      return;
    }

  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
}

/* Closes with @code and considers the connection gone at once, without
 * waiting for the peer's half of the closing handshake. */
static void
close_now (McpWebSocketTransport *self,
           gushort                code,
           const char            *reason)
{
  if (self->connection == NULL)
    return;

  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, code, reason);
  self->close_code = code;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_CODE]);
  connection_lost (self);
}

/* Closes with @code and lets the closing handshake finish; "closed" follows. */
static void
close_gracefully (McpWebSocketTransport *self,
                  gushort                code,
                  const char            *reason)
{
  if (self->connection == NULL ||
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  self->close_code = code;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_CODE]);
  soup_websocket_connection_close (self->connection, code, reason);
}

static void
on_message (SoupWebsocketConnection *connection,
            gint                     type,
            GBytes                  *message,
            McpWebSocketTransport   *self)
{
  g_autoptr(McpWebSocketTransport) hold = g_object_ref (self);
  const char *data;
  gsize length;

  self->last_heard = g_get_monotonic_time ();

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED ||
      soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_debug ("Closing a WebSocket that sent a binary frame");
      close_gracefully (self, SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA,
                        "Binary frames are not supported; send JSON-RPC in text frames");
      return;
    }

  data = g_bytes_get_data (message, &length);
  self->bytes_received += length;

  /* libsoup caps each frame; a message in many fragments is capped here. */
  if (self->limits.max_message_size > 0 && length > self->limits.max_message_size)
    {
      close_gracefully (self, SOUP_WEBSOCKET_CLOSE_TOO_BIG, "Message too big");
      return;
    }

  _mcp_transport_receive_json (MCP_TRANSPORT (self), data, length);
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          McpWebSocketTransport   *self)
{
  g_autoptr(GError) reported = NULL;

  g_debug ("WebSocket error: %s", error->message);

  /* libsoup drops the connection without a close frame on an oversized
   * frame; say why first, with the status RFC 6455 has for it. */
  if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG))
    {
      if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_TOO_BIG,
                                         "Message too big");
      self->close_code = SOUP_WEBSOCKET_CLOSE_TOO_BIG;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_CODE]);
      reported = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                              "A WebSocket frame over the limit of %" G_GUINT64_FORMAT
                              " bytes arrived; the connection is closed with 1009",
                              self->limits.max_message_size);
    }
  else
    reported = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT, "WebSocket error: %s", error->message);

  mcp_transport_emit_error (MCP_TRANSPORT (self), reported);
}

static void
on_pong (SoupWebsocketConnection *connection,
         GBytes                  *message,
         McpWebSocketTransport   *self)
{
  self->last_heard = g_get_monotonic_time ();
}

static void
on_closed (SoupWebsocketConnection *connection,
           McpWebSocketTransport   *self)
{
  if (self->close_code == 0)
    {
      self->close_code = soup_websocket_connection_get_close_code (connection);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_CODE]);
    }

  connection_lost (self);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  McpWebSocketTransport *self = user_data;
  gint64 silence = g_get_monotonic_time () - self->last_heard;
  gint64 allowed = ((gint64) self->limits.keepalive_interval + self->limits.pong_timeout) *
                   G_USEC_PER_SEC;

  if (silence <= allowed)
    return G_SOURCE_CONTINUE;

  g_debug ("No pong from the WebSocket peer for %" G_GINT64_FORMAT " ms; closing",
           silence / 1000);
  self->watchdog_id = 0;
  close_now (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "Keepalive timeout");

  return G_SOURCE_REMOVE;
}

static void
apply_keepalive (McpWebSocketTransport *self)
{
  g_clear_handle_id (&self->watchdog_id, g_source_remove);

  if (self->connection == NULL)
    return;

  soup_websocket_connection_set_keepalive_interval (self->connection,
                                                    self->limits.keepalive_interval);

  if (self->limits.keepalive_interval > 0 && self->limits.pong_timeout > 0)
    {
      guint period = MIN (WATCHDOG_PERIOD_MS, self->limits.pong_timeout * 1000 / 2);

      self->last_heard = g_get_monotonic_time ();
      self->watchdog_id = add_timeout (self, MAX (period, 100), watchdog_cb,
                                       "[mcp] websocket keepalive");
    }
}

/* The outgoing queue ---------------------------------------------------- */

/* Bytes handed to libsoup that have not reached the socket yet. */
static guint64
send_queue_size (McpWebSocketTransport *self)
{
  guint64 written;

  if (self->stream != NULL)
    written = _mcp_websocket_stream_get_bytes_written (self->stream);
  else if (self->socket != NULL &&
           _mcp_websocket_socket_get_bytes_written (self->socket, &written))
    written -= MIN (written, self->socket_base);
  else
    return 0;

  /* Control frames libsoup sends by itself (pings, pongs, close) are
   * written but never handed, as is the framing of TLS: a small
   * undercount, never negative. */
  return self->bytes_handed > written ? self->bytes_handed - written : 0;
}

static gboolean
stall_timeout_cb (gpointer user_data)
{
  McpWebSocketTransport *self = user_data;
  g_autoptr(GError) error = NULL;

  self->stall_id = 0;

  /* Our own connection tells nobody when its queue drains: look now. */
  if (self->stream == NULL && _mcp_send_queue_drained (&self->send_queue, send_queue_size (self)))
    return G_SOURCE_REMOVE;

  g_debug ("The WebSocket peer has not read its replies for %u s "
           "(%" G_GUINT64_FORMAT " bytes queued); closing with 1008",
           self->send_queue.send_stall_timeout, send_queue_size (self));
  error = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                       "The WebSocket peer stopped reading: %" G_GUINT64_FORMAT
                       " bytes stayed queued for %u s; the connection is closed with 1008",
                       send_queue_size (self), self->send_queue.send_stall_timeout);
  mcp_transport_emit_error (MCP_TRANSPORT (self), error);

  /* Reading stays paused: libsoup gives the peer its own few seconds to
   * take the queue and the close frame behind it, then drops it. */
  close_gracefully (self, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                    "Too many unread replies: the client does not read");

  return G_SOURCE_REMOVE;
}

/* After a send: above the high-water mark the peer's frames are no longer
 * read (accepted connections), and a queue that does not drain within the
 * stall timeout (or grows past the hard cap) closes the connection. */
static void
check_send_queue (McpWebSocketTransport *self)
{
  guint64 queued = send_queue_size (self);

  if (self->stream == NULL && self->socket == NULL)
    return;

  if (_mcp_send_queue_over_cap (&self->send_queue, queued))
    {
      g_autoptr(GError) error = NULL;

      g_debug ("WebSocket outgoing queue at %" G_GUINT64_FORMAT " bytes, over the cap of %"
               G_GUINT64_FORMAT "; closing with 1008", queued, self->send_queue.max_send_queue);
      error = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                           "The WebSocket peer stopped reading: %" G_GUINT64_FORMAT
                           " bytes queued, over the limit of %" G_GUINT64_FORMAT
                           "; the connection is closed with 1008",
                           queued, self->send_queue.max_send_queue);
      mcp_transport_emit_error (MCP_TRANSPORT (self), error);
      close_now (self, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                 "Too many unread replies: the client does not read");
      return;
    }

  if (self->stream == NULL)
    {
      /* Our own connection: reading goes on (libsoup reads by itself), the
       * stall timer runs while the queue is above the mark. */
      if (self->send_queue.send_high_water == 0 ||
          _mcp_send_queue_drained (&self->send_queue, queued))
        g_clear_handle_id (&self->stall_id, g_source_remove);
      else if (_mcp_send_queue_over_high_water (&self->send_queue, queued) &&
               self->send_queue.send_stall_timeout > 0 && self->stall_id == 0)
        self->stall_id = add_timeout (self, self->send_queue.send_stall_timeout * 1000,
                                      stall_timeout_cb, "[mcp] websocket send stall");
      return;
    }

  if (_mcp_send_queue_over_high_water (&self->send_queue, queued) &&
      !_mcp_websocket_stream_get_paused (self->stream))
    {
      g_debug ("WebSocket outgoing queue at %" G_GUINT64_FORMAT " bytes; "
               "pausing the peer's input", queued);
      _mcp_websocket_stream_set_paused (self->stream, TRUE);
      if (self->send_queue.send_stall_timeout > 0 && self->stall_id == 0)
        self->stall_id = add_timeout (self, self->send_queue.send_stall_timeout * 1000,
                                      stall_timeout_cb, "[mcp] websocket send stall");
    }
}

/* Runs inside libsoup's write: only resumes, never closes. */
static void
on_stream_written (gpointer user_data)
{
  McpWebSocketTransport *self = user_data;

  if (self->stream == NULL || !_mcp_websocket_stream_get_paused (self->stream))
    return;

  /* Some slack below the mark, so one reply does not flip it each time. */
  if (!_mcp_send_queue_drained (&self->send_queue, send_queue_size (self)))
    return;

  if (self->connection != NULL &&
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  g_debug ("WebSocket outgoing queue drained; reading the peer again");
  g_clear_handle_id (&self->stall_id, g_source_remove);
  _mcp_websocket_stream_set_paused (self->stream, FALSE);
}

static void
on_stream_too_big (gpointer user_data)
{
  McpWebSocketTransport *self = user_data;
  g_autoptr(McpWebSocketTransport) hold = g_object_ref (self);
  g_autoptr(GError) error = NULL;

  error = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                       "A fragmented WebSocket message grew over the limit of %" G_GUINT64_FORMAT
                       " bytes; the connection is closed with 1009",
                       self->limits.max_message_size);
  mcp_transport_emit_error (MCP_TRANSPORT (self), error);

  /* The rest of the message is never read; the close frame goes out now
   * and libsoup drops the connection a few seconds later at most. Closing
   * the socket at once would reset it over the unread bytes, and the peer
   * would lose the close frame. */
  close_gracefully (self, SOUP_WEBSOCKET_CLOSE_TOO_BIG, "Message too big");
}

static void
attach_connection (McpWebSocketTransport   *self,
                   SoupWebsocketConnection *connection)
{
  GIOStream *io_stream = soup_websocket_connection_get_io_stream (connection);

  g_assert (self->connection == NULL);

  self->connection = g_object_ref (connection);
  self->close_code = 0;
  g_free (self->protocol);
  self->protocol = g_strdup (soup_websocket_connection_get_protocol (connection));

  soup_websocket_connection_set_max_incoming_payload_size (connection, self->limits.max_message_size);

  /* libsoup caps each frame; the assembled message is capped by libsoup
   * itself from 3.7.1, and by the stream below it otherwise. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (connection), "max-total-message-size") != NULL)
    g_object_set (connection, "max-total-message-size", self->limits.max_message_size, NULL);

  if (MCP_IS_WEBSOCKET_STREAM (io_stream))
    {
      self->stream = MCP_WEBSOCKET_STREAM (io_stream);
      self->bytes_handed = _mcp_websocket_stream_get_bytes_written (self->stream);
      _mcp_websocket_stream_set_max_message_size (self->stream, self->limits.max_message_size);
      _mcp_websocket_stream_set_callbacks (self->stream, on_stream_written, on_stream_too_big, self);
    }

  self->message_id = g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
  self->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);
  self->error_id = g_signal_connect (connection, "error", G_CALLBACK (on_error), self);
  self->pong_id = g_signal_connect (connection, "pong", G_CALLBACK (on_pong), self);

  self->last_heard = g_get_monotonic_time ();
  apply_keepalive (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
}

/* Dialing ------------------------------------------------------------------ */

typedef struct
{
  GWeakRef      self;
  SoupMessage  *message;
  GCancellable *cancellable;
  GSocket      *socket;     /* of the connection the handshake went on */
} DialData;

static void
dial_data_free (DialData *data)
{
  g_weak_ref_clear (&data->self);
  g_signal_handlers_disconnect_by_data (data->message, data);
  g_clear_object (&data->message);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->socket);
  g_free (data);
}

/* libsoup keeps the socket to itself; the message shows it while it
 * connects (a handshake always opens a connection of its own). */
static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  DialData           *data)
{
  if (event == G_SOCKET_CLIENT_CONNECTED && G_IS_SOCKET_CONNECTION (connection))
    g_set_object (&data->socket,
                  g_socket_connection_get_socket (G_SOCKET_CONNECTION (connection)));
}

static GError *
handshake_error (SoupMessage *message,
                 GError      *error,
                 const char  *url)
{
  guint status = soup_message_get_status (message);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    return g_error_new (MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                        "The WebSocket server at %s refused our credentials (401)", url);
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (MCP_ERROR, MCP_ERROR_FORBIDDEN,
                        "The WebSocket server at %s refused the connection (403)", url);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    return g_error_new (MCP_ERROR, MCP_ERROR_URL_REFUSED,
                        "The WebSocket server at %s redirected (HTTP %u) to %s: redirects "
                        "are refused", url, status,
                        soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                      "Location") ?: "nowhere");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  return g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                      "Could not open a WebSocket to %s: %s", url, error->message);
}

static void
forget_connect_cancellable (McpWebSocketTransport *self)
{
  if (self->connect_cancellable != NULL)
    {
      g_cancellable_disconnect (self->connect_cancellable, self->connect_cancelled_id);
      self->connect_cancelled_id = 0;
      g_clear_object (&self->connect_cancellable);
    }
}

/* A handshake failed: the connect fails, or a reconnect is tried later. */
static void
fail_dial (McpWebSocketTransport *self,
           GError                *failure)
{
  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      forget_connect_cancellable (self);
      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
      g_task_return_error (task, failure);
    }
  else
    {
      g_debug ("Reconnect attempt %u to %s failed: %s",
               self->reconnect_attempt, self->url, failure->message);
      g_error_free (failure);
      schedule_reconnect (self);
    }
}

/* The sign-in the handshake needed is over: dial again, or give up. */
static void
authorized_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  McpWebSocketTransport *self;
  g_autoptr(GError) error = NULL;
  gboolean ok = _mcp_oauth_client_authorize_finish (MCP_OAUTH_CLIENT (object), result, &error);

  /* Abandoned by a disconnect, or the transport is gone. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  self = g_object_get_data (G_OBJECT (cancellable), "mcp-transport");
  if (self == NULL || self->dial_cancellable != cancellable)
    return;
  g_clear_object (&self->dial_cancellable);

  if (ok)
    {
      dial (self);
      return;
    }

  if (error->domain == MCP_ERROR && error->code != MCP_ERROR_TIMEOUT)
    error->code = MCP_ERROR_UNAUTHORIZED;
  self->auth_retries = 0;
  fail_dial (self, g_steal_pointer (&error));
}

static void
dial_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  DialData *data = user_data;
  g_autoptr(McpWebSocketTransport) self = g_weak_ref_get (&data->self);
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  /* Gone, or abandoned by a disconnect: the result is not ours to use. */
  if (self == NULL || self->dial_cancellable != data->cancellable)
    {
      dial_data_free (data);
      return;
    }

  g_clear_object (&self->dial_cancellable);

  if (connection == NULL && self->oauth != NULL)
    {
      switch (_mcp_oauth_client_check_response (self->oauth, self->oauth_url, data->message,
                                                self->auth_retries))
        {
        case MCP_OAUTH_VERDICT_AUTHORIZE:
          self->auth_retries++;
          self->dial_cancellable = g_cancellable_new ();
          g_object_set_data (G_OBJECT (self->dial_cancellable), "mcp-transport", self);
          _mcp_oauth_client_authorize_async (self->oauth, self->oauth_url, data->message, self->session,
                                             self->guard,
                                             self->dial_cancellable, authorized_cb,
                                             g_object_ref (self->dial_cancellable));
          dial_data_free (data);
          return;
        case MCP_OAUTH_VERDICT_RETRY:
          self->auth_retries++;
          dial_data_free (data);
          dial (self);
          return;
        case MCP_OAUTH_VERDICT_PASS:
        default:
          break;
        }
    }
  self->auth_retries = 0;

  if (connection == NULL)
    {
      GError *failure = handshake_error (data->message, error, self->url);

      dial_data_free (data);
      fail_dial (self, failure);
      return;
    }

  attach_connection (self, connection);
  if (self->stream == NULL && data->socket != NULL &&
      _mcp_websocket_socket_get_bytes_written (data->socket, &self->socket_base))
    {
      self->socket = g_steal_pointer (&data->socket);
      self->bytes_handed = 0;
    }
  dial_data_free (data);

  self->reconnect_attempt = 0;
  set_state (self, MCP_TRANSPORT_STATE_CONNECTED);

  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      forget_connect_cancellable (self);
      g_task_return_boolean (task, TRUE);
    }
}

static void
dial (McpWebSocketTransport *self)
{
  g_autoptr(SoupMessage) message = NULL;
  DialData *data;

  message = soup_message_new (SOUP_METHOD_GET, self->url);
  /* A redirected handshake would take the token elsewhere. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_NEW_CONNECTION);
  if (self->auth_token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", self->auth_token);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", value);
    }
  if (self->oauth != NULL)
    _mcp_oauth_client_apply (self->oauth, self->oauth_url, message);
  if (self->tls_client_certificate != NULL)
    soup_message_set_tls_client_certificate (message, self->tls_client_certificate);

  g_clear_object (&self->dial_cancellable);
  self->dial_cancellable = g_cancellable_new ();

  data = g_new0 (DialData, 1);
  g_weak_ref_init (&data->self, self);
  data->message = g_object_ref (message);
  data->cancellable = g_object_ref (self->dial_cancellable);
  g_signal_connect (message, "network-event", G_CALLBACK (on_network_event), data);

  soup_session_websocket_connect_async (self->session, message, self->origin,
                                        self->subprotocols, G_PRIORITY_DEFAULT,
                                        self->dial_cancellable, dial_cb, data);
}

/* McpTransport ------------------------------------------------------------- */

static void
connect_cancelled_cb (GCancellable *cancellable,
                      GCancellable *dial_cancellable)
{
  /* The dial fails with G_IO_ERROR_CANCELLED, which ends the connect. */
  g_cancellable_cancel (dial_cancellable);
}

static void
mcp_websocket_transport_connect_async (McpTransport        *transport,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpWebSocketTransport *self = MCP_WEBSOCKET_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  const char *scheme;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_websocket_transport_connect_async);

  if (_mcp_transport_return_if_busy (task, self->state))
    return;

  if (self->url == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                               "This WebSocket was accepted by a server and is closed; "
                               "it cannot be opened again");
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "Invalid WebSocket URL %s: %s", self->url, error->message);
      return;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "ws") != 0 && g_ascii_strcasecmp (scheme, "wss") != 0)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "A WebSocket URL must start with ws:// or wss://, not %s://",
                               scheme);
      return;
    }

  self->connect_task = g_steal_pointer (&task);
  set_state (self, MCP_TRANSPORT_STATE_CONNECTING);
  dial (self);

  if (cancellable != NULL && self->dial_cancellable != NULL)
    {
      self->connect_cancellable = g_object_ref (cancellable);
      self->connect_cancelled_id = g_cancellable_connect (cancellable,
                                                          G_CALLBACK (connect_cancelled_cb),
                                                          g_object_ref (self->dial_cancellable),
                                                          g_object_unref);
    }
}

static void
mcp_websocket_transport_disconnect_async (McpTransport        *transport,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  McpWebSocketTransport *self = MCP_WEBSOCKET_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_websocket_transport_disconnect_async);

  switch (self->state)
    {
    case MCP_TRANSPORT_STATE_DISCONNECTED:
      g_task_return_boolean (task, TRUE);
      return;

    case MCP_TRANSPORT_STATE_DISCONNECTING:
      _mcp_transport_return_disconnect_pending (task);
      return;

    case MCP_TRANSPORT_STATE_CONNECTING:
      {
        g_autoptr(GTask) connect_task = g_steal_pointer (&self->connect_task);

        forget_connect_cancellable (self);
        /* Abandon the dial or the wait before the next attempt. */
        g_clear_handle_id (&self->reconnect_id, g_source_remove);
        if (self->dial_cancellable != NULL)
          {
            g_cancellable_cancel (self->dial_cancellable);
            g_clear_object (&self->dial_cancellable);
          }
        self->reconnect_attempt = 0;
        set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
        if (connect_task != NULL)
          g_task_return_new_error (connect_task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "The transport was disconnected while connecting");
        g_task_return_boolean (task, TRUE);
        return;
      }

    case MCP_TRANSPORT_STATE_CONNECTED:
    default:
      break;
    }

  self->disconnect_task = g_steal_pointer (&task);
  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTING);

  /* Queued frames go out before the close frame; "closed" follows the
   * peer's answer, or libsoup's own timeout if the peer never answers. */
  if (self->connection != NULL &&
      soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      self->close_code = SOUP_WEBSOCKET_CLOSE_NORMAL;
      soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
  else if (self->connection == NULL ||
           soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_CLOSED)
    connection_lost (self);
}

static void
mcp_websocket_transport_send_message_async (McpTransport        *transport,
                                            JsonNode            *message,
                                            JsonNode            *related_request_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  McpWebSocketTransport *self = MCP_WEBSOCKET_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_websocket_transport_send_message_async);

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED || self->connection == NULL ||
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      _mcp_transport_return_not_connected (task);
      return;
    }

  /* libsoup queues whole frames in order; a message is never split. */
  data = _mcp_json_to_string (message, &length);
  self->bytes_handed += length + (length < 126 ? 2 : length < 65536 ? 4 : 10) +
                        (self->url != NULL ? 4 : 0);
  soup_websocket_connection_send_text (self->connection, data);
  self->bytes_sent += length;
  check_send_queue (self);

  g_task_return_boolean (task, TRUE);
}

/* Hands one frame of @text to libsoup, as send_message_async() does. */
static gboolean
send_text (McpWebSocketTransport *self,
           const char            *text,
           gsize                  length)
{
  if (self->state != MCP_TRANSPORT_STATE_CONNECTED || self->connection == NULL ||
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return FALSE;

  self->bytes_handed += length + (length < 126 ? 2 : length < 65536 ? 4 : 10) +
                        (self->url != NULL ? 4 : 0);
  soup_websocket_connection_send_text (self->connection, text);
  self->bytes_sent += length;
  check_send_queue (self);
  return TRUE;
}

static GString *
begin_response (McpWebSocketTransport *self,
                JsonNode              *id)
{
  if (self->scratch == NULL)
    self->scratch = g_string_sized_new (256);
  g_string_truncate (self->scratch, 0);
  g_string_append (self->scratch, "{\"jsonrpc\":\"" MCP_JSONRPC_VERSION "\",\"id\":");
  _mcp_json_write (self->scratch, id);
  g_string_append (self->scratch, ",\"result\":");
  return self->scratch;
}

/* What mcp_message_new_response() would make of @id and @result, written
 * without building it; FALSE when it could not be sent. */
gboolean
_mcp_websocket_transport_send_response (McpWebSocketTransport *self,
                                        JsonNode              *id,
                                        JsonNode              *result)
{
  GString *out = begin_response (self, id);

  if (result != NULL)
    _mcp_json_write (out, result);
  else
    g_string_append (out, "{}");
  g_string_append_c (out, '}');
  return send_text (self, out->str, out->len);
}

/* The same with the result as compact JSON text. */
gboolean
_mcp_websocket_transport_send_response_text (McpWebSocketTransport *self,
                                             JsonNode              *id,
                                             const char            *result_json,
                                             gsize                  length)
{
  GString *out = begin_response (self, id);

  g_string_append_len (out, result_json, length);
  g_string_append_c (out, '}');
  return send_text (self, out->str, out->len);
}

static McpTransportState
mcp_websocket_transport_get_state (McpTransport *transport)
{
  return MCP_WEBSOCKET_TRANSPORT (transport)->state;
}

static void
mcp_websocket_transport_iface_init (McpTransportInterface *iface)
{
  iface->connect_async = mcp_websocket_transport_connect_async;
  iface->disconnect_async = mcp_websocket_transport_disconnect_async;
  iface->send_message_async = mcp_websocket_transport_send_message_async;
  iface->get_state = mcp_websocket_transport_get_state;
}

/* Private API -------------------------------------------------------------- */

/* The client and the listener document these in their own class_init. */
void
_mcp_websocket_install_limit_pspecs (GParamSpec **pspecs,
                                     guint        keepalive_interval)
{
  pspecs[0] =
    g_param_spec_uint64 ("max-message-size", NULL, NULL,
                         0, G_MAXUINT64, MCP_WEBSOCKET_DEFAULT_MAX_MESSAGE_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  pspecs[1] =
    g_param_spec_uint ("keepalive-interval", NULL, NULL,
                       0, G_MAXUINT / 2, keepalive_interval,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  pspecs[2] =
    g_param_spec_uint ("pong-timeout", NULL, NULL,
                       0, G_MAXUINT / 2, MCP_WEBSOCKET_DEFAULT_PONG_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

void
_mcp_websocket_limits_init (McpWebSocketLimits *limits,
                            guint               keepalive_interval)
{
  limits->max_message_size = MCP_WEBSOCKET_DEFAULT_MAX_MESSAGE_SIZE;
  limits->keepalive_interval = keepalive_interval;
  limits->pong_timeout = MCP_WEBSOCKET_DEFAULT_PONG_TIMEOUT;
}

gboolean
_mcp_websocket_limits_get_property (const McpWebSocketLimits *limits,
                                    guint                     first,
                                    guint                     prop_id,
                                    GValue                   *value)
{
  if (prop_id < first || prop_id - first >= MCP_WEBSOCKET_N_LIMITS)
    return FALSE;

  switch (prop_id - first)
    {
    case MCP_WEBSOCKET_LIMIT_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, limits->max_message_size);
      break;
    case MCP_WEBSOCKET_LIMIT_KEEPALIVE_INTERVAL:
      g_value_set_uint (value, limits->keepalive_interval);
      break;
    case MCP_WEBSOCKET_LIMIT_PONG_TIMEOUT:
      g_value_set_uint (value, limits->pong_timeout);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
_mcp_websocket_limits_set_property (GObject            *object,
                                    McpWebSocketLimits *limits,
                                    GParamSpec        **pspecs,
                                    guint               first,
                                    guint               prop_id,
                                    const GValue       *value)
{
  if (prop_id < first || prop_id - first >= MCP_WEBSOCKET_N_LIMITS)
    return FALSE;

  _mcp_websocket_limits_set (object, limits, pspecs + first, prop_id - first,
                             G_VALUE_HOLDS_UINT64 (value) ? g_value_get_uint64 (value)
                                                          : g_value_get_uint (value));
  return TRUE;
}

gboolean
_mcp_websocket_limits_set (GObject            *object,
                           McpWebSocketLimits *limits,
                           GParamSpec        **pspecs,
                           McpWebSocketLimit   index,
                           guint64             value)
{
  switch (index)
    {
    case MCP_WEBSOCKET_LIMIT_MAX_MESSAGE_SIZE:
      if (limits->max_message_size == value)
        return FALSE;
      limits->max_message_size = value;
      break;
    case MCP_WEBSOCKET_LIMIT_KEEPALIVE_INTERVAL:
      g_return_val_if_fail (value <= G_MAXUINT, FALSE);
      if (limits->keepalive_interval == value)
        return FALSE;
      limits->keepalive_interval = (guint) value;
      break;
    case MCP_WEBSOCKET_LIMIT_PONG_TIMEOUT:
      g_return_val_if_fail (value <= G_MAXUINT, FALSE);
      if (limits->pong_timeout == value)
        return FALSE;
      limits->pong_timeout = (guint) value;
      break;
    case MCP_WEBSOCKET_N_LIMITS:
    default:
      g_assert_not_reached ();
    }

  g_object_notify_by_pspec (object, pspecs[index]);
  return TRUE;
}

void
_mcp_websocket_transport_close (McpWebSocketTransport *self,
                                gushort                code,
                                const char            *reason)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  close_now (self, code, reason);
}

/* GObject ------------------------------------------------------------------ */

/* @like, if given, lends the new session the TLS settings and timeouts an
 * application may have set on the transport's first one. */
static SoupSession *
make_session (GSocketConnectable *connectable,
              SoupSession        *like)
{
  SoupSession *session = soup_session_new_with_options ("remote-connectable", connectable, NULL);

  if (like != NULL)
    _mcp_soup_session_copy_settings (session, like);

  /* permessage-deflate would let a small frame inflate past
   * max-message-size; MCP messages do without it. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);

  return session;
}

static void
mcp_websocket_transport_constructed (GObject *object)
{
  McpWebSocketTransport *self = (McpWebSocketTransport *) object;

  G_OBJECT_CLASS (mcp_websocket_transport_parent_class)->constructed (object);

  if (self->connection != NULL)
    {
      /* An accepted connection: open from the start. */
      g_autoptr(SoupWebsocketConnection) connection = g_steal_pointer (&self->connection);

      attach_connection (self, connection);
      self->state = MCP_TRANSPORT_STATE_CONNECTED;
    }
  else if (self->session == NULL)
    {
      self->session = make_session (NULL, NULL);
      self->own_session = TRUE;
    }
}

static void
mcp_websocket_transport_dispose (GObject *object)
{
  McpWebSocketTransport *self = (McpWebSocketTransport *) object;

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->dial_cancellable != NULL)
    {
      g_cancellable_cancel (self->dial_cancellable);
      g_clear_object (&self->dial_cancellable);
    }

  if (self->connection != NULL &&
      soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  detach_connection (self);

  forget_connect_cancellable (self);
  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                               "The transport was destroyed");
    }
  if (self->disconnect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->disconnect_task);

      g_task_return_boolean (task, TRUE);
    }

  G_OBJECT_CLASS (mcp_websocket_transport_parent_class)->dispose (object);
}

static void
mcp_websocket_transport_finalize (GObject *object)
{
  McpWebSocketTransport *self = (McpWebSocketTransport *) object;

  g_clear_object (&self->session);
  if (self->scratch != NULL)
    g_string_free (self->scratch, TRUE);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->subprotocols, g_strfreev);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->auth_token, g_free);
  g_clear_object (&self->tls_client_certificate);
  g_clear_object (&self->oauth);
  g_clear_pointer (&self->oauth_url, g_free);
  g_clear_object (&self->pinned);
  g_clear_pointer (&self->guard, _mcp_url_guard_unref);
  g_clear_pointer (&self->protocol, g_free);

  G_OBJECT_CLASS (mcp_websocket_transport_parent_class)->finalize (object);
}

static void
mcp_websocket_transport_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  McpWebSocketTransport *self = MCP_WEBSOCKET_TRANSPORT (object);

  if (_mcp_send_queue_get_property (&self->send_queue, PROP_SEND_HIGH_WATER, prop_id, value) ||
      _mcp_websocket_limits_get_property (&self->limits, PROP_MAX_MESSAGE_SIZE, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_SUBPROTOCOLS:
      g_value_set_boxed (value, self->subprotocols);
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, self->protocol);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_AUTH_TOKEN:
      g_value_set_string (value, self->auth_token);
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      g_value_set_object (value, self->tls_client_certificate);
      break;
    case PROP_OAUTH_CLIENT:
      g_value_set_object (value, self->oauth);
      break;
    case PROP_RECONNECT_MAX_ATTEMPTS:
      g_value_set_int (value, self->reconnect_max_attempts);
      break;
    case PROP_RECONNECT_INITIAL_DELAY:
      g_value_set_uint (value, self->reconnect_initial_delay);
      break;
    case PROP_RECONNECT_MAX_DELAY:
      g_value_set_uint (value, self->reconnect_max_delay);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CLOSE_CODE:
      g_value_set_uint (value, self->close_code);
      break;
    case PROP_BYTES_SENT:
      g_value_set_uint64 (value, self->bytes_sent);
      break;
    case PROP_BYTES_RECEIVED:
      g_value_set_uint64 (value, self->bytes_received);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_websocket_transport_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  McpWebSocketTransport *self = MCP_WEBSOCKET_TRANSPORT (object);
  gboolean changed;

  if (_mcp_send_queue_set_property (object, &self->send_queue, properties, PROP_SEND_HIGH_WATER,
                                    prop_id, value, &changed))
    {
      if (changed)
        check_send_queue (self);
      return;
    }

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_SUBPROTOCOLS:
      mcp_websocket_transport_set_subprotocols (self, g_value_get_boxed (value));
      break;
    case PROP_ORIGIN:
      mcp_websocket_transport_set_origin (self, g_value_get_string (value));
      break;
    case PROP_AUTH_TOKEN:
      mcp_websocket_transport_set_auth_token (self, g_value_get_string (value));
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      mcp_websocket_transport_set_tls_client_certificate (self, g_value_get_object (value));
      break;
    case PROP_OAUTH_CLIENT:
      mcp_websocket_transport_set_oauth_client (self, g_value_get_object (value));
      break;
    case PROP_MAX_MESSAGE_SIZE:
      mcp_websocket_transport_set_max_message_size (self, g_value_get_uint64 (value));
      break;
    case PROP_KEEPALIVE_INTERVAL:
      mcp_websocket_transport_set_keepalive_interval (self, g_value_get_uint (value));
      break;
    case PROP_PONG_TIMEOUT:
      mcp_websocket_transport_set_pong_timeout (self, g_value_get_uint (value));
      break;
    case PROP_RECONNECT_MAX_ATTEMPTS:
      mcp_websocket_transport_set_reconnect_max_attempts (self, g_value_get_int (value));
      break;
    case PROP_RECONNECT_INITIAL_DELAY:
      mcp_websocket_transport_set_reconnect_initial_delay (self, g_value_get_uint (value));
      break;
    case PROP_RECONNECT_MAX_DELAY:
      mcp_websocket_transport_set_reconnect_max_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_websocket_transport_class_init (McpWebSocketTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mcp_websocket_transport_constructed;
  object_class->dispose = mcp_websocket_transport_dispose;
  object_class->finalize = mcp_websocket_transport_finalize;
  object_class->get_property = mcp_websocket_transport_get_property;
  object_class->set_property = mcp_websocket_transport_set_property;

  /**
   * McpWebSocketTransport:url:
   *
   * The `ws://` or `wss://` URL a client connects to; %NULL for an accepted
   * connection.
   *
   * Since: 0.1
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:session:
   *
   * The #SoupSession a client connects with. A session of its own is made
   * when none is given; give one to set TLS, proxy or other HTTP options.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:connection:
   *
   * The open WebSocket connection, or %NULL while there is none. Set at
   * construction to wrap a connection accepted by a server.
   *
   * Since: 0.1
   */
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         SOUP_TYPE_WEBSOCKET_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:subprotocols:
   *
   * The subprotocols a client offers, in order of preference; by default
   * only `mcp`.
   *
   * Since: 0.1
   */
  properties[PROP_SUBPROTOCOLS] =
    g_param_spec_boxed ("subprotocols", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:protocol:
   *
   * The subprotocol the handshake settled on, or %NULL for none.
   *
   * Since: 0.1
   */
  properties[PROP_PROTOCOL] =
    g_param_spec_string ("protocol", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:origin:
   *
   * The `Origin` header a client sends, or %NULL to send none.
   *
   * Since: 0.1
   */
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:auth-token:
   *
   * A bearer token a client sends as `Authorization: Bearer <token>` with
   * the handshake, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_AUTH_TOKEN] =
    g_param_spec_string ("auth-token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:tls-client-certificate:
   *
   * A certificate, with its private key, that a client presents in the
   * TLS handshake of a `wss://` connection when the server asks for one
   * (#McpWebSocketServerTransport:tls-client-auth), or %NULL. The server's
   * own certificate is checked as the #McpWebSocketTransport:session says
   * (its #SoupSession:tls-database).
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CLIENT_CERTIFICATE] =
    g_param_spec_object ("tls-client-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:oauth-client:
   *
   * The OAuth client that signs in for the handshake, or %NULL. A handshake
   * refused with 401 (or 403 asking for more scope) runs the MCP
   * authorization flow against the `http`/`https` URL of the same host and
   * path, and the handshake is tried again with the token; its tokens take
   * the place of #McpWebSocketTransport:auth-token.
   *
   * Since: 0.1
   */
  properties[PROP_OAUTH_CLIENT] =
    g_param_spec_object ("oauth-client", NULL, NULL, MCP_TYPE_OAUTH_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:max-message-size:
   *
   * The largest incoming message, in bytes; a larger frame closes the
   * connection with status 1009. 0 means no limit (not advisable).
   *
   * Since: 0.1
   */

  /**
   * McpWebSocketTransport:keepalive-interval:
   *
   * Seconds between WebSocket pings; 0 sends none.
   *
   * Since: 0.1
   */

  /**
   * McpWebSocketTransport:pong-timeout:
   *
   * Seconds of silence allowed beyond #McpWebSocketTransport:keepalive-interval
   * before the peer is considered dead and the connection closed; 0 never
   * closes. Only used when keepalive pings are sent.
   *
   * Since: 0.1
   */
  _mcp_websocket_install_limit_pspecs (properties + PROP_MAX_MESSAGE_SIZE, 0);

  /**
   * McpWebSocketTransport:reconnect-max-attempts:
   *
   * How many times a client tries to reconnect after losing its connection:
   * 0 never (the default), -1 without end.
   *
   * Since: 0.1
   */
  properties[PROP_RECONNECT_MAX_ATTEMPTS] =
    g_param_spec_int ("reconnect-max-attempts", NULL, NULL,
                      -1, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:reconnect-initial-delay:
   *
   * The delay before the first reconnect attempt, in milliseconds; it
   * doubles with each attempt, with jitter, up to
   * #McpWebSocketTransport:reconnect-max-delay.
   *
   * Since: 0.1
   */
  properties[PROP_RECONNECT_INITIAL_DELAY] =
    g_param_spec_uint ("reconnect-initial-delay", NULL, NULL,
                       1, G_MAXINT32, 500,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:reconnect-max-delay:
   *
   * The longest delay between reconnect attempts, in milliseconds.
   *
   * Since: 0.1
   */
  properties[PROP_RECONNECT_MAX_DELAY] =
    g_param_spec_uint ("reconnect-max-delay", NULL, NULL,
                       1, G_MAXINT32, 30000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:state:
   *
   * The #McpTransportState.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = _mcp_transport_state_param_spec ();

  /**
   * McpWebSocketTransport:close-code:
   *
   * The WebSocket status code the last connection closed with (sent by us
   * or by the peer), or 0.
   *
   * Since: 0.1
   */
  properties[PROP_CLOSE_CODE] =
    g_param_spec_uint ("close-code", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:bytes-sent:
   *
   * Bytes of JSON sent in text frames, over all connections.
   *
   * Since: 0.1
   */
  properties[PROP_BYTES_SENT] =
    g_param_spec_uint64 ("bytes-sent", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:bytes-received:
   *
   * Bytes received in text frames, over all connections.
   *
   * Since: 0.1
   */
  properties[PROP_BYTES_RECEIVED] =
    g_param_spec_uint64 ("bytes-received", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketTransport:send-high-water:
   *
   * Bytes queued for the peer above which its frames are no longer read
   * (backpressure: its sends block in the kernel until it reads its
   * replies); 0 never pauses. Reading resumes once the queue is below half
   * of it.
   *
   * On a client's own connection, which libsoup reads by itself, the
   * peer's frames are read on; only the stall timeout runs above the mark.
   * libsoup 3.2 does not show that queue: it is the bytes handed to libsoup
   * minus those the kernel took from it, which only Linux tells; elsewhere
   * this and #McpWebSocketTransport:max-send-queue have no effect there.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketTransport:max-send-queue:
   *
   * Bytes queued for the peer past which the connection is closed at
   * once with status 1008 (policy violation); 0 for no cap.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketTransport:send-stall-timeout:
   *
   * Seconds the outgoing queue may stay above
   * #McpWebSocketTransport:send-high-water before the connection is closed
   * with status 1008 (the peer is not reading); 0 waits forever.
   *
   * Since: 0.1
   */
  _mcp_send_queue_install_pspecs (properties + PROP_SEND_HIGH_WATER);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpWebSocketTransport::reconnecting:
   * @self: the transport
   * @attempt: the attempt about to be made, from 1
   * @delay_ms: how long until it is made, in milliseconds
   *
   * Emitted when a lost connection is about to be reopened.
   *
   * Since: 0.1
   */
  signals[RECONNECTING] =
    g_signal_new ("reconnecting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_UINT, G_TYPE_UINT);
}

static void
mcp_websocket_transport_init (McpWebSocketTransport *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->subprotocols = g_strdupv ((char **) default_subprotocols);
  _mcp_websocket_limits_init (&self->limits, 0);
  _mcp_send_queue_limits_init (&self->send_queue);
  self->reconnect_initial_delay = 500;
  self->reconnect_max_delay = 30000;
  self->state = MCP_TRANSPORT_STATE_DISCONNECTED;
}

/* Public API --------------------------------------------------------------- */

/**
 * mcp_websocket_transport_new:
 * @url: a `ws://` or `wss://` URL
 *
 * Creates a client transport for @url; mcp_transport_connect_async() opens
 * it.
 *
 * Returns: (transfer full): a new #McpWebSocketTransport
 *
 * Since: 0.1
 */
McpWebSocketTransport *
mcp_websocket_transport_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (MCP_TYPE_WEBSOCKET_TRANSPORT, "url", url, NULL);
}

/**
 * mcp_websocket_transport_new_with_session:
 * @url: a `ws://` or `wss://` URL
 * @session: (nullable): the #SoupSession to connect with
 *
 * Creates a client transport for @url that connects with @session, for its
 * TLS database, proxy and other settings.
 *
 * Returns: (transfer full): a new #McpWebSocketTransport
 *
 * Since: 0.1
 */
McpWebSocketTransport *
mcp_websocket_transport_new_with_session (const char  *url,
                                          SoupSession *session)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  return g_object_new (MCP_TYPE_WEBSOCKET_TRANSPORT, "url", url, "session", session, NULL);
}

/**
 * mcp_websocket_transport_new_for_connection:
 * @connection: an open #SoupWebsocketConnection
 *
 * Wraps a connection that is already open, such as one a #SoupServer
 * accepted. The transport is connected from the start and never reconnects.
 *
 * Returns: (transfer full): a new #McpWebSocketTransport
 *
 * Since: 0.1
 */
McpWebSocketTransport *
mcp_websocket_transport_new_for_connection (SoupWebsocketConnection *connection)
{
  g_return_val_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection), NULL);

  return g_object_new (MCP_TYPE_WEBSOCKET_TRANSPORT, "connection", connection, NULL);
}

/**
 * mcp_websocket_transport_get_url:
 * @self: a #McpWebSocketTransport
 *
 * Gets the URL a client connects to.
 *
 * Returns: (nullable): the URL a client connects to
 *
 * Since: 0.1
 */
const char *
mcp_websocket_transport_get_url (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->url;
}

/**
 * mcp_websocket_transport_get_session:
 * @self: a #McpWebSocketTransport
 *
 * Gets the #SoupSession of a client.
 *
 * Returns: (transfer none) (nullable): the #SoupSession of a client
 *
 * Since: 0.1
 */
SoupSession *
mcp_websocket_transport_get_session (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->session;
}

/**
 * mcp_websocket_transport_get_connection:
 * @self: a #McpWebSocketTransport
 *
 * Gets the open connection, if any.
 *
 * Returns: (transfer none) (nullable): the open connection, if any
 *
 * Since: 0.1
 */
SoupWebsocketConnection *
mcp_websocket_transport_get_connection (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->connection;
}

/**
 * mcp_websocket_transport_get_subprotocols:
 * @self: a #McpWebSocketTransport
 *
 * Gets the subprotocols a client offers.
 *
 * Returns: (transfer none) (array zero-terminated=1): the subprotocols a
 *   client offers
 *
 * Since: 0.1
 */
const char * const *
mcp_websocket_transport_get_subprotocols (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return (const char * const *) self->subprotocols;
}

/**
 * mcp_websocket_transport_set_subprotocols:
 * @self: a #McpWebSocketTransport
 * @subprotocols: (nullable) (array zero-terminated=1): the subprotocols to
 *   offer, or %NULL to offer none
 *
 * Sets #McpWebSocketTransport:subprotocols for the next connect.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_subprotocols (McpWebSocketTransport *self,
                                          const char * const    *subprotocols)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_strv_replace (&self->subprotocols, subprotocols))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBPROTOCOLS]);
}

/**
 * mcp_websocket_transport_get_protocol:
 * @self: a #McpWebSocketTransport
 *
 * Gets the subprotocol the handshake settled on.
 *
 * Returns: (nullable): the subprotocol the handshake settled on
 *
 * Since: 0.1
 */
const char *
mcp_websocket_transport_get_protocol (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->protocol;
}

/**
 * mcp_websocket_transport_get_origin:
 * @self: a #McpWebSocketTransport
 *
 * Gets the `Origin` a client sends.
 *
 * Returns: (nullable): the `Origin` a client sends
 *
 * Since: 0.1
 */
const char *
mcp_websocket_transport_get_origin (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->origin;
}

/**
 * mcp_websocket_transport_get_auth_token:
 * @self: a #McpWebSocketTransport
 *
 * Gets the bearer token a client sends.
 *
 * Returns: (nullable): the bearer token a client sends
 *
 * Since: 0.1
 */
const char *
mcp_websocket_transport_get_auth_token (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->auth_token;
}

/**
 * mcp_websocket_transport_set_origin:
 * @self: a #McpWebSocketTransport
 * @origin: (nullable): the `Origin` header to send, or %NULL
 *
 * Sets #McpWebSocketTransport:origin for the next connect.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_origin (McpWebSocketTransport *self,
                                    const char            *origin)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_str_replace (&self->origin, origin))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
}

/**
 * mcp_websocket_transport_set_auth_token:
 * @self: a #McpWebSocketTransport
 * @token: (nullable): the bearer token to send, or %NULL
 *
 * Sets #McpWebSocketTransport:auth-token for the next connect.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_auth_token (McpWebSocketTransport *self,
                                        const char            *token)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_str_replace (&self->auth_token, token))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_TOKEN]);
}

/**
 * mcp_websocket_transport_get_tls_client_certificate:
 * @self: a #McpWebSocketTransport
 *
 * Gets #McpWebSocketTransport:tls-client-certificate.
 *
 * Returns: (transfer none) (nullable): the client certificate
 *
 * Since: 0.1
 */
GTlsCertificate *
mcp_websocket_transport_get_tls_client_certificate (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->tls_client_certificate;
}

/**
 * mcp_websocket_transport_set_tls_client_certificate:
 * @self: a #McpWebSocketTransport
 * @certificate: (nullable): a certificate with its private key, or %NULL
 *   for none
 *
 * Sets #McpWebSocketTransport:tls-client-certificate for the next connect.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_tls_client_certificate (McpWebSocketTransport *self,
                                                    GTlsCertificate       *certificate)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  if (g_set_object (&self->tls_client_certificate, certificate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_CLIENT_CERTIFICATE]);
}

/**
 * mcp_websocket_transport_get_oauth_client:
 * @self: a #McpWebSocketTransport
 *
 * Gets #McpWebSocketTransport:oauth-client.
 *
 * Returns: (transfer none) (nullable): the OAuth client
 *
 * Since: 0.1
 */
McpOAuthClient *
mcp_websocket_transport_get_oauth_client (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), NULL);

  return self->oauth;
}

/**
 * mcp_websocket_transport_set_oauth_client:
 * @self: a #McpWebSocketTransport
 * @oauth: (nullable): an OAuth client, or %NULL
 *
 * Sets #McpWebSocketTransport:oauth-client.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_oauth_client (McpWebSocketTransport *self,
                                          McpOAuthClient        *oauth)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));
  g_return_if_fail (oauth == NULL || MCP_IS_OAUTH_CLIENT (oauth));

  if (!g_set_object (&self->oauth, oauth))
    return;

  /* Discovery and tokens speak of the resource's http(s) URL. */
  g_clear_pointer (&self->oauth_url, g_free);
  if (g_ascii_strncasecmp (self->url, "wss://", 6) == 0)
    self->oauth_url = g_strconcat ("https://", self->url + 6, NULL);
  else if (g_ascii_strncasecmp (self->url, "ws://", 5) == 0)
    self->oauth_url = g_strconcat ("http://", self->url + 5, NULL);
  else
    self->oauth_url = g_strdup (self->url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OAUTH_CLIENT]);
}

/**
 * mcp_websocket_transport_get_max_message_size:
 * @self: a #McpWebSocketTransport
 *
 * Gets the largest incoming message, in bytes (0: no limit).
 *
 * Returns: the largest incoming message, in bytes (0: no limit)
 *
 * Since: 0.1
 */
guint64
mcp_websocket_transport_get_max_message_size (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->limits.max_message_size;
}

/**
 * mcp_websocket_transport_set_max_message_size:
 * @self: a #McpWebSocketTransport
 * @max_message_size: the largest incoming message in bytes, 0 for no limit
 *
 * Sets #McpWebSocketTransport:max-message-size; it applies at once.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_max_message_size (McpWebSocketTransport *self,
                                              guint64                max_message_size)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (!_mcp_websocket_limits_set (G_OBJECT (self), &self->limits, properties + PROP_MAX_MESSAGE_SIZE,
                                  MCP_WEBSOCKET_LIMIT_MAX_MESSAGE_SIZE, max_message_size))
    return;

  if (self->connection != NULL)
    soup_websocket_connection_set_max_incoming_payload_size (self->connection, max_message_size);
  if (self->connection != NULL &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (self->connection), "max-total-message-size") != NULL)
    g_object_set (self->connection, "max-total-message-size", max_message_size, NULL);
  if (self->stream != NULL)
    _mcp_websocket_stream_set_max_message_size (self->stream, max_message_size);
}

/**
 * mcp_websocket_transport_get_keepalive_interval:
 * @self: a #McpWebSocketTransport
 *
 * Gets the seconds between pings (0: none).
 *
 * Returns: seconds between pings (0: none)
 *
 * Since: 0.1
 */
guint
mcp_websocket_transport_get_keepalive_interval (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->limits.keepalive_interval;
}

/**
 * mcp_websocket_transport_set_keepalive_interval:
 * @self: a #McpWebSocketTransport
 * @seconds: seconds between pings, 0 for none
 *
 * Sets #McpWebSocketTransport:keepalive-interval; it applies at once.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_keepalive_interval (McpWebSocketTransport *self,
                                                guint                  seconds)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_websocket_limits_set (G_OBJECT (self), &self->limits, properties + PROP_MAX_MESSAGE_SIZE,
                                 MCP_WEBSOCKET_LIMIT_KEEPALIVE_INTERVAL, seconds))
    apply_keepalive (self);
}

/**
 * mcp_websocket_transport_get_pong_timeout:
 * @self: a #McpWebSocketTransport
 *
 * Gets the seconds of silence allowed beyond the keepalive interval.
 *
 * Returns: the seconds of silence allowed beyond the keepalive interval
 *
 * Since: 0.1
 */
guint
mcp_websocket_transport_get_pong_timeout (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->limits.pong_timeout;
}

/**
 * mcp_websocket_transport_set_pong_timeout:
 * @self: a #McpWebSocketTransport
 * @seconds: the seconds of silence allowed beyond the keepalive interval;
 *   0 never closes
 *
 * Sets #McpWebSocketTransport:pong-timeout; it applies at once.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_pong_timeout (McpWebSocketTransport *self,
                                          guint                  seconds)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_websocket_limits_set (G_OBJECT (self), &self->limits, properties + PROP_MAX_MESSAGE_SIZE,
                                 MCP_WEBSOCKET_LIMIT_PONG_TIMEOUT, seconds))
    apply_keepalive (self);
}

/**
 * mcp_websocket_transport_get_reconnect_max_attempts:
 * @self: a #McpWebSocketTransport
 *
 * Gets the number of reconnect attempts after a loss (0: none, -1: no end).
 *
 * Returns: the reconnect attempts after a loss (0: none, -1: no end)
 *
 * Since: 0.1
 */
gint
mcp_websocket_transport_get_reconnect_max_attempts (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->reconnect_max_attempts;
}

/**
 * mcp_websocket_transport_set_reconnect_max_attempts:
 * @self: a #McpWebSocketTransport
 * @max_attempts: attempts after a loss: 0 for none, -1 without end
 *
 * Sets #McpWebSocketTransport:reconnect-max-attempts.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_reconnect_max_attempts (McpWebSocketTransport *self,
                                                    gint                   max_attempts)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));
  g_return_if_fail (max_attempts >= -1);

  if (self->reconnect_max_attempts == max_attempts)
    return;

  self->reconnect_max_attempts = max_attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_MAX_ATTEMPTS]);
}

/**
 * mcp_websocket_transport_get_reconnect_initial_delay:
 * @self: a #McpWebSocketTransport
 *
 * Gets the delay before the first reconnect attempt, in milliseconds.
 *
 * Returns: the delay before the first reconnect attempt, in milliseconds
 *
 * Since: 0.1
 */
guint
mcp_websocket_transport_get_reconnect_initial_delay (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->reconnect_initial_delay;
}

/**
 * mcp_websocket_transport_set_reconnect_initial_delay:
 * @self: a #McpWebSocketTransport
 * @delay_ms: the delay before the first attempt, in milliseconds
 *
 * Sets #McpWebSocketTransport:reconnect-initial-delay.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_reconnect_initial_delay (McpWebSocketTransport *self,
                                                     guint                  delay_ms)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  delay_ms = CLAMP (delay_ms, 1, G_MAXINT32);
  if (self->reconnect_initial_delay == delay_ms)
    return;

  self->reconnect_initial_delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_INITIAL_DELAY]);
}

/**
 * mcp_websocket_transport_get_reconnect_max_delay:
 * @self: a #McpWebSocketTransport
 *
 * Gets the longest delay between reconnect attempts, in milliseconds.
 *
 * Returns: the longest delay between reconnect attempts, in milliseconds
 *
 * Since: 0.1
 */
guint
mcp_websocket_transport_get_reconnect_max_delay (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->reconnect_max_delay;
}

/**
 * mcp_websocket_transport_set_reconnect_max_delay:
 * @self: a #McpWebSocketTransport
 * @delay_ms: the longest delay, in milliseconds
 *
 * Sets #McpWebSocketTransport:reconnect-max-delay.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_reconnect_max_delay (McpWebSocketTransport *self,
                                                 guint                  delay_ms)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  delay_ms = CLAMP (delay_ms, 1, G_MAXINT32);
  if (self->reconnect_max_delay == delay_ms)
    return;

  self->reconnect_max_delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_MAX_DELAY]);
}

/**
 * mcp_websocket_transport_get_close_code:
 * @self: a #McpWebSocketTransport
 *
 * Gets the WebSocket status the last connection closed with, or 0.
 *
 * Returns: the WebSocket status the last connection closed with, or 0
 *
 * Since: 0.1
 */
guint
mcp_websocket_transport_get_close_code (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->close_code;
}

/**
 * mcp_websocket_transport_get_bytes_sent:
 * @self: a #McpWebSocketTransport
 *
 * Gets the number of bytes of JSON sent so far.
 *
 * Returns: the bytes of JSON sent so far
 *
 * Since: 0.1
 */
guint64
mcp_websocket_transport_get_bytes_sent (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->bytes_sent;
}

/**
 * mcp_websocket_transport_get_bytes_received:
 * @self: a #McpWebSocketTransport
 *
 * Gets the number of bytes of JSON received so far.
 *
 * Returns: the bytes of JSON received so far
 *
 * Since: 0.1
 */
guint64
mcp_websocket_transport_get_bytes_received (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->bytes_received;
}

/*
 * _mcp_websocket_transport_pin:
 * @self: a client #McpWebSocketTransport, not connected
 * @address: the addresses a policy checked for the URL's host
 * @guard: (nullable): the policy's check of the URLs the OAuth client
 *   fetches for @self
 *
 * Makes every connection of @self, reconnects included, go to @address.
 *
 * Returns: %FALSE (and changes nothing) if @self uses a #SoupSession it was
 *   given
 */
gboolean
_mcp_websocket_transport_pin (McpWebSocketTransport *self,
                              McpPinnedAddress      *address,
                              McpUrlGuard           *guard)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), FALSE);
  g_return_val_if_fail (MCP_IS_PINNED_ADDRESS (address), FALSE);
  g_return_val_if_fail (self->state == MCP_TRANSPORT_STATE_DISCONNECTED, FALSE);

  if (!self->own_session)
    return FALSE;

  _mcp_soup_session_pin (&self->session, &self->pinned, address, make_session);
  g_clear_pointer (&self->guard, _mcp_url_guard_unref);
  self->guard = guard != NULL ? _mcp_url_guard_ref (guard) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);

  return TRUE;
}

/**
 * mcp_websocket_transport_get_send_high_water:
 * @self: a #McpWebSocketTransport
 *
 * Gets #McpWebSocketTransport:send-high-water.
 *
 * Returns: the queued bytes that pause reading, 0 for never
 *
 * Since: 0.1
 */
guint64
mcp_websocket_transport_get_send_high_water (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->send_queue.send_high_water;
}

/**
 * mcp_websocket_transport_set_send_high_water:
 * @self: a #McpWebSocketTransport
 * @bytes: the queued bytes that pause reading, 0 for never
 *
 * Sets #McpWebSocketTransport:send-high-water.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_send_high_water (McpWebSocketTransport *self,
                                             guint64 bytes)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                           MCP_SEND_QUEUE_HIGH_WATER, bytes))
    check_send_queue (self);
}

/**
 * mcp_websocket_transport_get_max_send_queue:
 * @self: a #McpWebSocketTransport
 *
 * Gets #McpWebSocketTransport:max-send-queue.
 *
 * Returns: the queued bytes that close the connection, 0 for no cap
 *
 * Since: 0.1
 */
guint64
mcp_websocket_transport_get_max_send_queue (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->send_queue.max_send_queue;
}

/**
 * mcp_websocket_transport_set_max_send_queue:
 * @self: a #McpWebSocketTransport
 * @bytes: the queued bytes that close the connection, 0 for no cap
 *
 * Sets #McpWebSocketTransport:max-send-queue.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_max_send_queue (McpWebSocketTransport *self,
                                            guint64 bytes)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                           MCP_SEND_QUEUE_MAX, bytes))
    check_send_queue (self);
}

/**
 * mcp_websocket_transport_get_send_stall_timeout:
 * @self: a #McpWebSocketTransport
 *
 * Gets #McpWebSocketTransport:send-stall-timeout.
 *
 * Returns: seconds above the high-water mark before closing, 0 for never
 *
 * Since: 0.1
 */
guint
mcp_websocket_transport_get_send_stall_timeout (McpWebSocketTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self), 0);

  return self->send_queue.send_stall_timeout;
}

/**
 * mcp_websocket_transport_set_send_stall_timeout:
 * @self: a #McpWebSocketTransport
 * @seconds: seconds above the high-water mark before closing, 0 for never
 *
 * Sets #McpWebSocketTransport:send-stall-timeout.
 *
 * Since: 0.1
 */
void
mcp_websocket_transport_set_send_stall_timeout (McpWebSocketTransport *self,
                                                guint seconds)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_TRANSPORT (self));

  if (_mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                           MCP_SEND_QUEUE_STALL_TIMEOUT, seconds))
    check_send_queue (self);
}

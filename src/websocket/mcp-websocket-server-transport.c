/* mcp-websocket-server-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-admission-private.h"
#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-listener-private.h"
#include "mcp-message.h"
#include "mcp-random-private.h"
#include "mcp-transport-private.h"
#include "mcp-websocket-server-transport.h"
#include "mcp-websocket-stream-private.h"
#include "mcp-websocket-transport-private.h"
#include "mcp-str-private.h"

/**
 * McpWebSocketServerTransport:
 *
 * A WebSocket listener: every client that completes the handshake becomes a
 * peer #McpWebSocketTransport of its own, announced with
 * #McpServerTransport::peer-connected, and gets its own #McpServerSession
 * when the listener is given to mcp_server_add_server_transport().
 *
 * |[<!-- language="C" -->
 * g_autoptr(McpWebSocketServerTransport) ws =
 *   mcp_websocket_server_transport_new ("127.0.0.1", 8765);
 *
 * mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (ws));
 * mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (ws), NULL, on_started, NULL);
 * ]|
 *
 * The listener binds to the loopback address unless told otherwise, or adds
 * itself at #McpWebSocketServerTransport:path of a #SoupServer the
 * application already runs (mcp_websocket_server_transport_new_for_server()).
 * Before a handshake is accepted:
 *
 * - on a loopback listener, a `Host` that is not a loopback name is refused
 *   with 403 (DNS rebinding), unless it is in
 *   #McpWebSocketServerTransport:allowed-hosts;
 * - a browser `Origin` that is not allowed is refused with 403: loopback
 *   origins (`http://localhost:…`, `http://127.0.0.1:…`, `http://[::1]:…`),
 *   those in #McpWebSocketServerTransport:allowed-origins (`*` allows
 *   every origin) and clients that send no `Origin` at all (not browsers)
 *   are let in. These are the rules of #McpHttpServerTransport too;
 * - with #McpWebSocketServerTransport:auth-token set, a request without
 *   `Authorization: Bearer <token>` is refused with 401 (the comparison takes
 *   the same time wherever the tokens differ);
 * - the subprotocol: `mcp` is selected and echoed when the client offers it
 *   (the official TypeScript client fails the handshake otherwise), then the
 *   others of #McpWebSocketServerTransport:subprotocols (`mcp-v1` by
 *   default); a client offering only unknown subprotocols is refused with
 *   400, and one offering none is accepted unless
 *   #McpWebSocketServerTransport:require-subprotocol is set;
 * - past #McpWebSocketServerTransport:max-clients, 503.
 *
 * Each accepted connection gets #McpWebSocketServerTransport:max-message-size
 * (10 MiB by default), keepalive pings every
 * #McpWebSocketServerTransport:keepalive-interval seconds and the
 * dead-peer timeout #McpWebSocketServerTransport:pong-timeout; see
 * #McpWebSocketTransport for what happens to oversized, binary and invalid
 * frames. One client's trouble never reaches another.
 *
 * A listener of its own caps the connections it holds
 * (#McpWebSocketServerTransport:max-connections in total,
 * #McpWebSocketServerTransport:max-connections-per-address from one client
 * address), closes a connection that has not sent its handshake within
 * #McpWebSocketServerTransport:header-timeout, and keeps accepting when
 * the process runs out of file descriptors.
 *
 * Set #McpWebSocketServerTransport:tls-certificate to serve `wss://`, and
 * #McpWebSocketServerTransport:tls-client-auth to ask clients for
 * certificates (see #McpClientCertificateProvider).
 *
 * Since: 0.1
 */

struct _McpWebSocketServerTransport
{
  GObject           parent_instance;

  GMainContext     *context;
  SoupServer       *server;
  McpListenerSettings settings;     /* host, port, admission, TLS, limits */
  char             *path;
  char            **subprotocols;
  McpAuthProvider  *auth_provider;
  McpWebSocketLimits limits;
  guint             max_clients;
  McpSendQueueLimits send_queue;

  GPtrArray        *clients;        /* McpWebSocketTransport */
  GList            *waiters;        /* Waiter */

  guint             own_server : 1;
  guint             listening : 1;
  guint             require_subprotocol : 1;
};

static void mcp_websocket_server_transport_iface_init (McpServerTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpWebSocketServerTransport, mcp_websocket_server_transport,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_SERVER_TRANSPORT,
                                                      mcp_websocket_server_transport_iface_init))

enum {
  PROP_0,
  PROP_SERVER,
  PROP_HOST,
  PROP_PORT,
  PROP_PATH,
  PROP_SUBPROTOCOLS,
  PROP_REQUIRE_SUBPROTOCOL,
  PROP_ALLOWED_ORIGINS,
  PROP_ALLOWED_HOSTS,
  PROP_AUTH_TOKEN,
  PROP_AUTH_PROVIDER,
  PROP_TLS_CERTIFICATE,
  PROP_TLS_CLIENT_AUTH,
  PROP_TLS_CLIENT_CA_FILE,
  PROP_TLS_DATABASE,
  PROP_MAX_MESSAGE_SIZE,
  PROP_KEEPALIVE_INTERVAL,
  PROP_PONG_TIMEOUT,
  PROP_MAX_CLIENTS,
  PROP_N_CLIENTS,
  PROP_REUSE_PORT,
  PROP_SEND_HIGH_WATER,
  PROP_MAX_SEND_QUEUE,
  PROP_SEND_STALL_TIMEOUT,
  /* the listener's MCP_LISTENER_N_PROPS properties, last, in its order */
  PROP_MAX_CONNECTIONS,
  N_PROPS = PROP_MAX_CONNECTIONS + MCP_LISTENER_N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The three bounds of the outgoing queue, at consecutive ids. */
G_STATIC_ASSERT (PROP_SEND_STALL_TIMEOUT - PROP_SEND_HIGH_WATER == MCP_SEND_QUEUE_N_PROPS - 1);
/* The three connection limits, at consecutive ids. */
G_STATIC_ASSERT (PROP_PONG_TIMEOUT - PROP_MAX_MESSAGE_SIZE == 2);

/* Our ids of the listener settings, by McpListenerSetting. */
static const guint settings_props[MCP_LISTENER_N_SETTINGS] = {
  PROP_HOST, PROP_PORT, PROP_AUTH_TOKEN, PROP_ALLOWED_ORIGINS, PROP_ALLOWED_HOSTS,
  PROP_TLS_CERTIFICATE, PROP_TLS_CLIENT_AUTH, PROP_TLS_CLIENT_CA_FILE, PROP_TLS_DATABASE,
  PROP_MAX_CONNECTIONS,
};

static const char * const default_subprotocols[] = { MCP_WEBSOCKET_SUBPROTOCOL, "mcp-v1", NULL };

typedef struct
{
  McpWebSocketServerTransport *self;
  GTask                       *task;
  guint                        min_clients;
  GSource                     *timeout_source;
  GSource                     *cancel_source;
} Waiter;

/* Ends a wait_for_clients call; @error is consumed, %NULL for success. */
static void
waiter_finish (Waiter *waiter,
               GError *error)
{
  McpWebSocketServerTransport *self = waiter->self;
  g_autoptr(GTask) task = g_steal_pointer (&waiter->task);

  self->waiters = g_list_remove (self->waiters, waiter);
  if (waiter->timeout_source != NULL)
    {
      g_source_destroy (waiter->timeout_source);
      g_source_unref (waiter->timeout_source);
    }
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_free (waiter);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Checks before the handshake ----------------------------------------------- */

static gboolean
offers_known_subprotocol (McpWebSocketServerTransport *self,
                          const char                  *offered)
{
  g_auto(GStrv) list = NULL;

  if (offered == NULL || self->subprotocols == NULL)
    return FALSE;

  list = g_strsplit_set (offered, ", ", -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      if (*list[i] != '\0' && g_strv_contains ((const char * const *) self->subprotocols, list[i]))
        return TRUE;
    }

  return FALSE;
}

static void
refuse (SoupServerMessage *message,
        guint              status,
        const char        *text)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/plain; charset=utf-8",
                                    SOUP_MEMORY_COPY, text, strlen (text));
}

static void admitted (GObject           *owner,
                      SoupServerMessage *message,
                      McpAuthInfo       *info,
                      gpointer           user_data);
static void upgrade  (McpWebSocketServerTransport *self,
                      SoupServerMessage           *message);

/* Runs before libsoup's own handshake checks; any status set here refuses
 * the upgrade. */
static void
check_request (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  McpWebSocketServerTransport *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  McpAdmissionPolicy policy =
    _mcp_listener_settings_policy (&self->settings,
                                   self->settings.listener == NULL &&
                                   _mcp_admission_message_is_loopback (message));
  McpAdmission admission;

  policy.auth_provider = self->auth_provider;
  admission = _mcp_admission_check_browser (&policy, headers);
  if (admission == MCP_ADMISSION_FORBIDDEN_HOST)
    {
      g_debug ("Refusing a WebSocket for host %s", soup_message_headers_get_one (headers, "Host"));
      refuse (message, SOUP_STATUS_FORBIDDEN, "Forbidden host\n");
      return;
    }
  if (admission == MCP_ADMISSION_FORBIDDEN_ORIGIN)
    {
      g_debug ("Refusing a WebSocket from origin %s", soup_message_headers_get_one (headers, "Origin"));
      refuse (message, SOUP_STATUS_FORBIDDEN, "Forbidden origin\n");
      return;
    }

  _mcp_admission_authenticate (&policy, message, self->path, G_OBJECT (self), admitted, NULL,
                               NULL);
}

/* Once the auth provider let @message in. */
static void
admitted (GObject           *owner,
          SoupServerMessage *message,
          McpAuthInfo       *info,
          gpointer           user_data)
{
  McpWebSocketServerTransport *self = MCP_WEBSOCKET_SERVER_TRANSPORT (owner);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *offered = soup_message_headers_get_one (headers, "Sec-WebSocket-Protocol");
  g_autoptr(GList) open_peers = NULL;

  if (offered == NULL && self->require_subprotocol)
    {
      refuse (message, SOUP_STATUS_BAD_REQUEST,
              "A WebSocket subprotocol is required (Sec-WebSocket-Protocol: mcp)\n");
      return;
    }

  if (offered != NULL && !offers_known_subprotocol (self, offered))
    {
      refuse (message, SOUP_STATUS_BAD_REQUEST, "Unsupported WebSocket subprotocol\n");
      return;
    }

  if (self->max_clients > 0 && self->clients->len >= self->max_clients)
    {
      refuse (message, SOUP_STATUS_SERVICE_UNAVAILABLE, "Too many clients\n");
      return;
    }

  if (_mcp_server_transport_is_draining (MCP_SERVER_TRANSPORT (self)))
    {
      refuse (message, SOUP_STATUS_SERVICE_UNAVAILABLE, "The server is shutting down\n");
      return;
    }

  /* Each connection is a session of its principal's. */
  for (guint i = self->clients->len; i > 0; i--)
    open_peers = g_list_prepend (open_peers, g_ptr_array_index (self->clients, i - 1));
  if (!_mcp_admission_admit_principal_session (message, open_peers,
                                               self->settings.limits.max_sessions_per_principal))
    return;

  upgrade (self, message);
}

/* Clients ------------------------------------------------------------------ */

static void
complete_waiters (McpWebSocketServerTransport *self)
{
  GList *l = self->waiters;

  while (l != NULL)
    {
      GList *next = l->next;
      Waiter *waiter = l->data;

      if (self->clients->len >= waiter->min_clients)
        waiter_finish (waiter, NULL);
      l = next;
    }
}

static void
on_client_state_changed (McpTransport                *peer,
                         McpTransportState            old_state,
                         McpTransportState            new_state,
                         McpWebSocketServerTransport *self)
{
  g_autoptr(McpTransport) hold = NULL;

  if (new_state != MCP_TRANSPORT_STATE_DISCONNECTED)
    return;

  hold = g_object_ref (peer);
  g_signal_handlers_disconnect_by_func (peer, on_client_state_changed, self);
  if (!g_ptr_array_remove (self->clients, peer))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLIENTS]);
  mcp_server_transport_emit_peer_disconnected (MCP_SERVER_TRANSPORT (self), peer);
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *message,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  McpWebSocketServerTransport *self = user_data;
  g_autoptr(McpWebSocketTransport) peer = NULL;

  peer = g_object_new (MCP_TYPE_WEBSOCKET_TRANSPORT,
                       "connection", connection,
                       "max-message-size", self->limits.max_message_size,
                       "pong-timeout", self->limits.pong_timeout,
                       "keepalive-interval", self->limits.keepalive_interval,
                       "send-high-water", self->send_queue.send_high_water,
                       "max-send-queue", self->send_queue.max_send_queue,
                       "send-stall-timeout", self->send_queue.send_stall_timeout,
                       NULL);

  /* One admission, many requests: the server charges each to the rate
   * limit. */
  _mcp_admission_bind (message, G_OBJECT (peer), TRUE);
  g_ptr_array_add (self->clients, g_object_ref (peer));
  g_signal_connect (peer, "state-changed", G_CALLBACK (on_client_state_changed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLIENTS]);

  g_debug ("WebSocket client connected (subprotocol %s)",
           mcp_websocket_transport_get_protocol (peer));
  mcp_server_transport_emit_peer_connected (MCP_SERVER_TRANSPORT (self), MCP_TRANSPORT (peer));
  complete_waiters (self);
}

/* The handshake is answered here rather than by
 * soup_server_add_websocket_handler() so that the connection runs on an
 * #McpWebSocketStream: libsoup 3.2 shows neither its outgoing queue nor the
 * size of a fragmented message while it is assembled. */
static void
complete_upgrade (SoupServerMessage           *message,
                  McpWebSocketServerTransport *self)
{
  g_autoptr(SoupServerMessage) hold = g_object_ref (message);
  g_autoptr(GIOStream) base = NULL;
  g_autoptr(McpWebSocketStream) stream = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  GUri *uri = soup_server_message_get_uri (message);

  base = soup_server_message_steal_connection (message);
  if (base == NULL)
    return;

  stream = _mcp_websocket_stream_new (base, self->limits.max_message_size);
  connection = soup_websocket_connection_new (G_IO_STREAM (stream), uri,
                                              SOUP_WEBSOCKET_CONNECTION_SERVER,
                                              soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                                            "Origin"),
                                              soup_message_headers_get_one (soup_server_message_get_response_headers (message),
                                                                            "Sec-WebSocket-Protocol"),
                                              NULL);
  on_websocket (self->server, message, g_uri_get_path (uri), connection, self);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  check_request (server, message, path, query, user_data);
}

#define RESOURCE_METADATA_PATH "/.well-known/oauth-protected-resource"

/* RFC 9728 metadata, on a server of our own: public, like the document. */
static void
handle_resource_metadata (SoupServer        *server,
                          SoupServerMessage *message,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data)
{
  McpWebSocketServerTransport *self = user_data;
  McpAdmissionPolicy policy = { .auth_provider = self->auth_provider };

  if (!_mcp_admission_serve_resource_metadata (&policy, message, path, self->path))
    refuse (message, SOUP_STATUS_NOT_FOUND, "Not Found\n");
}

/* /health and /ready, on a server of our own, for orchestrators. */
static void
handle_health (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  McpWebSocketServerTransport *self = user_data;
  McpAdmissionPolicy policy = _mcp_listener_settings_policy (&self->settings, FALSE);

  if (_mcp_admission_check_browser (&policy, soup_server_message_get_request_headers (message)) !=
      MCP_ADMISSION_OK)
    {
      refuse (message, SOUP_STATUS_FORBIDDEN, "Forbidden\n");
      return;
    }

  if (!_mcp_listener_serve_health (message, path,
                                   _mcp_server_transport_is_draining (MCP_SERVER_TRANSPORT (self))))
    refuse (message, SOUP_STATUS_NOT_FOUND, "Not Found\n");
}

static void
upgrade (McpWebSocketServerTransport *self,
         SoupServerMessage           *message)
{
  /* No extensions: deflate could inflate a small frame past the limits. */
  if (soup_websocket_server_process_handshake (message, NULL, self->subprotocols, NULL, NULL))
    g_signal_connect_object (message, "wrote-informational",
                             G_CALLBACK (complete_upgrade), self, 0);
}

static void
close_all_clients (McpWebSocketServerTransport *self)
{
  g_autoptr(GPtrArray) clients = mcp_websocket_server_transport_get_clients (self);

  for (guint i = 0; i < clients->len; i++)
    _mcp_websocket_transport_close (g_ptr_array_index (clients, i),
                                    SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "Server shutting down");
}

/* McpServerTransport ------------------------------------------------------- */

static gboolean
listen_own_server (McpWebSocketServerTransport  *self,
                   GError                      **error)
{
  if (!_mcp_listener_settings_listen (&self->settings, self->server, error))
    return FALSE;

  /* Port 0 asked for any free port: learn which one. */
  if (self->settings.port == 0)
    _mcp_listener_settings_set_port (G_OBJECT (self), &self->settings, properties[PROP_PORT],
                                     _mcp_listener_get_port (self->settings.listener));

  return TRUE;
}

static void
mcp_websocket_server_transport_start_async (McpServerTransport  *transport,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  McpWebSocketServerTransport *self = MCP_WEBSOCKET_SERVER_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_websocket_server_transport_start_async);

  if (self->listening)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The WebSocket listener is already started");
      return;
    }

  if (self->server == NULL)
    {
      self->own_server = TRUE;
      self->server = soup_server_new ("server-header", "mcp-glib ",
                                      "tls-certificate", self->settings.tls_certificate,
                                      NULL);
      /* Deflate could inflate a small frame past max-message-size, and
       * libsoup 3.2 keeps the negotiated extensions per path rather than per
       * connection; MCP messages do without it. */
      soup_server_remove_websocket_extension (self->server, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
    }

  soup_server_add_handler (self->server, self->path, handle_request, self, NULL);
  if (self->own_server && g_strcmp0 (self->path, RESOURCE_METADATA_PATH) != 0)
    soup_server_add_handler (self->server, RESOURCE_METADATA_PATH, handle_resource_metadata,
                             self, NULL);
  if (self->own_server && g_strcmp0 (self->path, MCP_LISTENER_HEALTH_PATH) != 0)
    soup_server_add_handler (self->server, MCP_LISTENER_HEALTH_PATH, handle_health, self, NULL);
  if (self->own_server && g_strcmp0 (self->path, MCP_LISTENER_READY_PATH) != 0)
    soup_server_add_handler (self->server, MCP_LISTENER_READY_PATH, handle_health, self, NULL);

  if (self->own_server && !listen_own_server (self, &error))
    {
      soup_server_remove_handler (self->server, self->path);
      g_clear_object (&self->server);
      self->own_server = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->listening = TRUE;
  g_task_return_boolean (task, TRUE);
}

static void
stop (McpWebSocketServerTransport *self)
{
  if (self->server != NULL && self->listening)
    {
      soup_server_remove_handler (self->server, self->path);
      if (self->own_server)
        {
          soup_server_remove_handler (self->server, RESOURCE_METADATA_PATH);
          soup_server_remove_handler (self->server, MCP_LISTENER_HEALTH_PATH);
          soup_server_remove_handler (self->server, MCP_LISTENER_READY_PATH);
        }
      _mcp_listener_settings_stop (&self->settings, self->own_server ? self->server : NULL);
    }
  self->listening = FALSE;
  _mcp_listener_settings_stop (&self->settings, NULL);

  close_all_clients (self);

  if (self->own_server)
    {
      g_clear_object (&self->server);
      self->own_server = FALSE;
    }
}

static void
mcp_websocket_server_transport_stop_async (McpServerTransport  *transport,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  McpWebSocketServerTransport *self = MCP_WEBSOCKET_SERVER_TRANSPORT (transport);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_websocket_server_transport_stop_async);

  stop (self);
  g_task_return_boolean (task, TRUE);
}

static void
mcp_websocket_server_transport_iface_init (McpServerTransportInterface *iface)
{
  iface->start_async = mcp_websocket_server_transport_start_async;
  iface->start_finish = _mcp_server_transport_task_finish;
  iface->stop_async = mcp_websocket_server_transport_stop_async;
  iface->stop_finish = _mcp_server_transport_task_finish;
}

/* GObject ------------------------------------------------------------------ */

static void
mcp_websocket_server_transport_dispose (GObject *object)
{
  McpWebSocketServerTransport *self = (McpWebSocketServerTransport *) object;

  stop (self);

  while (self->waiters != NULL)
    waiter_finish (self->waiters->data,
                   g_error_new_literal (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                        "The WebSocket listener was destroyed"));

  for (guint i = 0; i < self->clients->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->clients, i),
                                          on_client_state_changed, self);
  g_ptr_array_set_size (self->clients, 0);

  g_clear_object (&self->server);

  G_OBJECT_CLASS (mcp_websocket_server_transport_parent_class)->dispose (object);
}

static void
mcp_websocket_server_transport_finalize (GObject *object)
{
  McpWebSocketServerTransport *self = (McpWebSocketServerTransport *) object;

  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->subprotocols, g_strfreev);
  _mcp_listener_settings_clear (&self->settings);
  g_clear_object (&self->auth_provider);

  G_OBJECT_CLASS (mcp_websocket_server_transport_parent_class)->finalize (object);
}

static void
mcp_websocket_server_transport_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  McpWebSocketServerTransport *self = MCP_WEBSOCKET_SERVER_TRANSPORT (object);

  if (_mcp_listener_settings_get_property (&self->settings, settings_props, prop_id, value))
    return;

  if (_mcp_send_queue_get_property (&self->send_queue, PROP_SEND_HIGH_WATER, prop_id, value) ||
      _mcp_websocket_limits_get_property (&self->limits, PROP_MAX_MESSAGE_SIZE, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SUBPROTOCOLS:
      g_value_set_boxed (value, self->subprotocols);
      break;
    case PROP_REQUIRE_SUBPROTOCOL:
      g_value_set_boolean (value, self->require_subprotocol);
      break;
    case PROP_AUTH_PROVIDER:
      g_value_set_object (value, self->auth_provider);
      break;
    case PROP_MAX_CLIENTS:
      g_value_set_uint (value, self->max_clients);
      break;
    case PROP_N_CLIENTS:
      g_value_set_uint (value, self->clients->len);
      break;
    case PROP_REUSE_PORT:
      g_value_set_boolean (value, self->settings.reuse_port);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_websocket_server_transport_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  McpWebSocketServerTransport *self = MCP_WEBSOCKET_SERVER_TRANSPORT (object);

  if (_mcp_listener_settings_set_property (object, &self->settings, properties, settings_props,
                                           prop_id, value))
    return;

  if (_mcp_send_queue_set_property (object, &self->send_queue, properties, PROP_SEND_HIGH_WATER,
                                    prop_id, value, NULL) ||
      _mcp_websocket_limits_set_property (object, &self->limits, properties,
                                          PROP_MAX_MESSAGE_SIZE, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_SERVER:
      self->server = g_value_dup_object (value);
      break;
    case PROP_PATH:
      mcp_websocket_server_transport_set_path (self, g_value_get_string (value));
      break;
    case PROP_SUBPROTOCOLS:
      mcp_websocket_server_transport_set_subprotocols (self, g_value_get_boxed (value));
      break;
    case PROP_REQUIRE_SUBPROTOCOL:
      mcp_websocket_server_transport_set_require_subprotocol (self, g_value_get_boolean (value));
      break;
    case PROP_AUTH_PROVIDER:
      mcp_websocket_server_transport_set_auth_provider (self, g_value_get_object (value));
      break;
    case PROP_MAX_CLIENTS:
      mcp_websocket_server_transport_set_max_clients (self, g_value_get_uint (value));
      break;
    case PROP_REUSE_PORT:
      mcp_websocket_server_transport_set_reuse_port (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_websocket_server_transport_class_init (McpWebSocketServerTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_websocket_server_transport_dispose;
  object_class->finalize = mcp_websocket_server_transport_finalize;
  object_class->get_property = mcp_websocket_server_transport_get_property;
  object_class->set_property = mcp_websocket_server_transport_set_property;

  /**
   * McpWebSocketServerTransport:server:
   *
   * The #SoupServer the handler lives on: one given at construction, or the
   * listener's own once started.
   *
   * Since: 0.1
   */
  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL,
                         SOUP_TYPE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:reuse-port:
   *
   * Whether the listening socket of the transport's own server is bound
   * with `SO_REUSEPORT`, so that several processes can listen on the same
   * #McpWebSocketServerTransport:port and the kernel spreads the
   * connections over them. Every socket bound to the port must set it,
   * from processes of the same user. Read when the transport starts; off
   * by default.
   *
   * Since: 0.1
   */
  properties[PROP_REUSE_PORT] =
    g_param_spec_boolean ("reuse-port", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:path:
   *
   * The path the WebSocket handler serves (and every path below it); `/`
   * by default. Takes effect at start.
   *
   * Since: 0.1
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, "/",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:subprotocols:
   *
   * The subprotocols accepted, in order of preference: `mcp` and `mcp-v1`
   * by default. Takes effect at start.
   *
   * Since: 0.1
   */
  properties[PROP_SUBPROTOCOLS] =
    g_param_spec_boxed ("subprotocols", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:require-subprotocol:
   *
   * Strict mode: refuse clients that offer no subprotocol.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_SUBPROTOCOL] =
    g_param_spec_boolean ("require-subprotocol", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:auth-provider:
   *
   * Who may connect: asked before every upgrade. The identity holds for
   * the connection, and every request on it is charged to its rate limit.
   * It takes precedence over #McpWebSocketServerTransport:auth-token.
   *
   * Since: 0.1
   */
  properties[PROP_AUTH_PROVIDER] =
    g_param_spec_object ("auth-provider", NULL, NULL, MCP_TYPE_AUTH_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:max-message-size:
   *
   * The largest message a client may send, in bytes; a larger frame closes
   * that client's connection with status 1009.
   *
   * Since: 0.1
   */

  /**
   * McpWebSocketServerTransport:keepalive-interval:
   *
   * Seconds between the pings sent to each client; 0 sends none.
   *
   * Since: 0.1
   */

  /**
   * McpWebSocketServerTransport:pong-timeout:
   *
   * Seconds of silence allowed beyond the keepalive interval before a
   * client is considered dead and dropped; 0 never drops.
   *
   * Since: 0.1
   */
  _mcp_websocket_install_limit_pspecs (properties + PROP_MAX_MESSAGE_SIZE,
                                       MCP_WEBSOCKET_SERVER_DEFAULT_KEEPALIVE_INTERVAL);

  /**
   * McpWebSocketServerTransport:max-clients:
   *
   * The most clients connected at once; more are refused with 503. 0 means
   * no limit.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_CLIENTS] =
    g_param_spec_uint ("max-clients", NULL, NULL,
                       0, G_MAXUINT, MCP_WEBSOCKET_SERVER_DEFAULT_MAX_CLIENTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:n-clients:
   *
   * How many clients are connected.
   *
   * Since: 0.1
   */
  properties[PROP_N_CLIENTS] =
    g_param_spec_uint ("n-clients", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpWebSocketServerTransport:host:
   *
   * The address the listener's own server binds to; %NULL means
   * `127.0.0.1`. Binding to anything else exposes the server beyond this
   * machine: mind #McpWebSocketServerTransport:auth-token.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:port:
   *
   * The TCP port; 0 at construction picks a free one, and the property
   * holds the real port once started.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:auth-token:
   *
   * When set, the bearer token every handshake must carry; %NULL or the
   * empty string require none.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:allowed-origins:
   *
   * The `Origin` values let in, such as `https://app.example.com`; `*`
   * allows every origin. Loopback origins are always let in, as on
   * #McpHttpServerTransport; %NULL (the default) lets in those only.
   * Clients that send no `Origin` are not browsers and are always let in.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:allowed-hosts:
   *
   * The `Host` values (with or without the port) let in on a loopback
   * listener, and the only ones let in on any other when set. %NULL (the
   * default) lets in loopback names on loopback, any name elsewhere.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:tls-certificate:
   *
   * The certificate (with its private key) of a `wss://` listener. Takes
   * effect at start, for the listener's own server.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:tls-client-auth:
   *
   * Whether the TLS handshake asks clients for a certificate:
   * %G_TLS_AUTHENTICATION_NONE (the default), %G_TLS_AUTHENTICATION_REQUESTED
   * (a client may send one) or %G_TLS_AUTHENTICATION_REQUIRED (a client
   * without a certificate the CAs of #McpWebSocketServerTransport:tls-database or
   * #McpWebSocketServerTransport:tls-client-ca-file verify fails the handshake,
   * and no request of it is served). A certificate that does not verify
   * (another CA, expired, not yet valid) fails the handshake in either
   * mode. The verified certificate goes to the
   * #McpWebSocketServerTransport:auth-provider (see #McpClientCertificateProvider).
   * Needs #McpWebSocketServerTransport:tls-certificate and a CA file or
   * database; starting fails without. Takes effect at start.
   * With mcp_websocket_server_transport_new_for_server() the application's
   * server does the TLS; a %G_TLS_AUTHENTICATION_REQUIRED transport then
   * refuses (403) any handshake request without a verified certificate.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:tls-client-ca-file:
   *
   * A PEM file of the CA certificates that issue client certificates, read
   * when the server starts (g_tls_file_database_new()), used unless
   * #McpWebSocketServerTransport:tls-database is set.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:tls-database:
   *
   * The #GTlsDatabase that verifies client certificates, instead of
   * #McpWebSocketServerTransport:tls-client-ca-file. The system's CAs are
   * never used for client certificates unless given here.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:max-connections:
   *
   * The connections the listener holds at once, handshaking or open; one
   * over it is closed at once. 0 (the default) means three quarters of the
   * process's soft file-descriptor limit (`RLIMIT_NOFILE`), less 32. Not
   * used with mcp_websocket_server_transport_new_for_server().
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:max-connections-per-address:
   *
   * The connections one client IP address may hold at once. 0 (the
   * default) means a quarter of #McpWebSocketServerTransport:max-connections
   * (184 with the usual limit of 1024 descriptors).
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:header-timeout:
   *
   * Milliseconds a new connection has to send its whole handshake request
   * head (10 000 by default; 0 for no deadline); it is closed otherwise.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:connection-idle-timeout:
   *
   * Milliseconds a connection kept alive after a refused handshake may stay
   * idle before it is closed (60 000 by default; 0 for none).
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:max-sessions-per-principal:
   *
   * How many connections one principal (the #McpAuthInfo:principal an
   * auth provider named) may hold open at once; 256 by default, 0 for no
   * cap. #McpAuthInfo:max-sessions overrides it for one principal. One
   * more handshake is refused with 429 Too Many Requests.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:tcp-keepalive:
   *
   * Seconds a connection may be silent before TCP keep-alive probes ask
   * whether the client is still there (120 by default; 0 for no probes).
   * Four probes go a quarter of it apart; a client that answers none is
   * disconnected, and its connections with it.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:n-connections:
   *
   * How many connections the listener holds now, whatever they are doing
   * (read it when you need it: it is not notified).
   *
   * Since: 0.1
   */
  _mcp_listener_settings_install_pspecs (properties, settings_props, TRUE);

  /**
   * McpWebSocketServerTransport:send-high-water:
   *
   * Bytes queued for the peer above which its frames are no longer read
   * (backpressure: its sends block in the kernel until it reads its
   * replies); 0 never pauses. Reading resumes once the queue is below half
   * of it.
   *
   * Given to every connection accepted from now on; see
   * #McpWebSocketTransport:send-high-water.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:max-send-queue:
   *
   * Bytes queued for the peer past which the connection is closed at
   * once with status 1008 (policy violation); 0 for no cap.
   *
   * Since: 0.1
   */
  /**
   * McpWebSocketServerTransport:send-stall-timeout:
   *
   * Seconds the outgoing queue may stay above
   * #McpWebSocketServerTransport:send-high-water before the connection is closed
   * with status 1008 (the peer is not reading); 0 waits forever.
   *
   * Since: 0.1
   */
  _mcp_send_queue_install_pspecs (properties + PROP_SEND_HIGH_WATER);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_websocket_server_transport_init (McpWebSocketServerTransport *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->path = g_strdup ("/");
  self->subprotocols = g_strdupv ((char **) default_subprotocols);
  _mcp_websocket_limits_init (&self->limits, MCP_WEBSOCKET_SERVER_DEFAULT_KEEPALIVE_INTERVAL);
  _mcp_send_queue_limits_init (&self->send_queue);
  self->max_clients = MCP_WEBSOCKET_SERVER_DEFAULT_MAX_CLIENTS;
  self->clients = g_ptr_array_new_with_free_func (g_object_unref);
  _mcp_listener_settings_init (&self->settings);
}

/* Public API --------------------------------------------------------------- */

/**
 * mcp_websocket_server_transport_new:
 * @host: (nullable): the address to bind, %NULL for `127.0.0.1`
 * @port: the port, 0 for any free one
 *
 * Creates a listener with a #SoupServer of its own, which binds when
 * started.
 *
 * Returns: (transfer full): a new #McpWebSocketServerTransport
 *
 * Since: 0.1
 */
McpWebSocketServerTransport *
mcp_websocket_server_transport_new (const char *host,
                                    guint       port)
{
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  return g_object_new (MCP_TYPE_WEBSOCKET_SERVER_TRANSPORT, "host", host, "port", port, NULL);
}

/**
 * mcp_websocket_server_transport_new_for_server:
 * @server: a #SoupServer the application runs
 * @path: the path to serve WebSockets at, such as `/ws`
 *
 * Creates a listener that adds its handler at @path of @server when started
 * and removes it when stopped; listening is @server's business.
 *
 * Returns: (transfer full): a new #McpWebSocketServerTransport
 *
 * Since: 0.1
 */
McpWebSocketServerTransport *
mcp_websocket_server_transport_new_for_server (SoupServer *server,
                                               const char *path)
{
  g_return_val_if_fail (SOUP_IS_SERVER (server), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  return g_object_new (MCP_TYPE_WEBSOCKET_SERVER_TRANSPORT, "server", server, "path", path, NULL);
}

/**
 * mcp_websocket_server_transport_get_server:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the #SoupServer, if any yet.
 *
 * Returns: (transfer none) (nullable): the #SoupServer, if any yet
 *
 * Since: 0.1
 */
SoupServer *
mcp_websocket_server_transport_get_server (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->server;
}

/**
 * mcp_websocket_server_transport_get_host:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the address the listener binds to.
 *
 * Returns: (nullable): the address the listener binds to
 *
 * Since: 0.1
 */
const char *
mcp_websocket_server_transport_get_host (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->settings.host;
}

/**
 * mcp_websocket_server_transport_get_port:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the port; the real one once started.
 *
 * Returns: the port; the real one once started
 *
 * Since: 0.1
 */
guint
mcp_websocket_server_transport_get_port (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->settings.port;
}

/**
 * mcp_websocket_server_transport_get_path:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the path served.
 *
 * Returns: the path served
 *
 * Since: 0.1
 */
const char *
mcp_websocket_server_transport_get_path (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->path;
}

/**
 * mcp_websocket_server_transport_set_path:
 * @self: a #McpWebSocketServerTransport
 * @path: the path to serve, starting with `/`
 *
 * Sets #McpWebSocketServerTransport:path; call it before starting.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_path (McpWebSocketServerTransport *self,
                                         const char                  *path)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));
  g_return_if_fail (path == NULL || path[0] == '/');
  g_return_if_fail (!self->listening);

  if (path == NULL)
    path = "/";
  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/**
 * mcp_websocket_server_transport_get_reuse_port:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:reuse-port.
 *
 * Returns: whether the listening socket is bound with `SO_REUSEPORT`
 *
 * Since: 0.1
 */
gboolean
mcp_websocket_server_transport_get_reuse_port (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), FALSE);

  return self->settings.reuse_port;
}

/**
 * mcp_websocket_server_transport_set_reuse_port:
 * @self: a #McpWebSocketServerTransport
 * @reuse_port: whether to bind with `SO_REUSEPORT`
 *
 * Sets #McpWebSocketServerTransport:reuse-port; it applies when the
 * transport starts.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_reuse_port (McpWebSocketServerTransport *self,
                                               gboolean                     reuse_port)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  reuse_port = !!reuse_port;
  if (self->settings.reuse_port == reuse_port)
    return;

  self->settings.reuse_port = reuse_port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REUSE_PORT]);
}

/**
 * mcp_websocket_server_transport_dup_url:
 * @self: a #McpWebSocketServerTransport
 *
 * The URL clients can connect to, such as `ws://127.0.0.1:41234/`, once the
 * listener's own server is started. A listener on an application's
 * #SoupServer answers from that server's first listening URI.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL when not listening
 *
 * Since: 0.1
 */
char *
mcp_websocket_server_transport_dup_url (McpWebSocketServerTransport *self)
{
  g_autoptr(GSList) uris = NULL;
  GUri *first;
  const char *host;
  gboolean ipv6;
  char *url;

  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  if (self->server == NULL || !self->listening)
    return NULL;

  uris = soup_server_get_uris (self->server);
  if (uris == NULL)
    return NULL;

  first = uris->data;
  host = g_uri_get_host (first);
  ipv6 = strchr (host, ':') != NULL;
  url = g_strdup_printf ("%s://%s%s%s:%d%s",
                         soup_server_is_https (self->server) ? "wss" : "ws",
                         ipv6 ? "[" : "", host, ipv6 ? "]" : "",
                         g_uri_get_port (first), self->path);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return url;
}

/**
 * mcp_websocket_server_transport_get_subprotocols:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the accepted subprotocols.
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): the
 *   accepted subprotocols
 *
 * Since: 0.1
 */
const char * const *
mcp_websocket_server_transport_get_subprotocols (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return (const char * const *) self->subprotocols;
}

/**
 * mcp_websocket_server_transport_set_subprotocols:
 * @self: a #McpWebSocketServerTransport
 * @subprotocols: (nullable) (array zero-terminated=1): the subprotocols to
 *   accept, in order of preference
 *
 * Sets #McpWebSocketServerTransport:subprotocols; call it before starting.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_subprotocols (McpWebSocketServerTransport *self,
                                                 const char * const          *subprotocols)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  if (_mcp_strv_replace (&self->subprotocols, subprotocols))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBPROTOCOLS]);
}

/**
 * mcp_websocket_server_transport_get_require_subprotocol:
 * @self: a #McpWebSocketServerTransport
 *
 * Checks whether clients offering no subprotocol are refused.
 *
 * Returns: whether clients offering no subprotocol are refused
 *
 * Since: 0.1
 */
gboolean
mcp_websocket_server_transport_get_require_subprotocol (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), FALSE);

  return self->require_subprotocol;
}

/**
 * mcp_websocket_server_transport_set_require_subprotocol:
 * @self: a #McpWebSocketServerTransport
 * @require: whether to refuse clients that offer no subprotocol
 *
 * Sets #McpWebSocketServerTransport:require-subprotocol.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_require_subprotocol (McpWebSocketServerTransport *self,
                                                        gboolean                     require)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  require = !!require;
  if (self->require_subprotocol == (guint) require)
    return;

  self->require_subprotocol = require;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRE_SUBPROTOCOL]);
}

/**
 * mcp_websocket_server_transport_get_allowed_origins:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the allowed origins, or %NULL for loopback origins only.
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): the
 *   allowed origins, or %NULL for loopback origins only
 *
 * Since: 0.1
 */
const char * const *
mcp_websocket_server_transport_get_allowed_origins (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return (const char * const *) self->settings.allowed_origins;
}

/**
 * mcp_websocket_server_transport_set_allowed_origins:
 * @self: a #McpWebSocketServerTransport
 * @origins: (nullable) (array zero-terminated=1): the origins to let in,
 *   `*` for all, or %NULL for loopback origins only
 *
 * Sets #McpWebSocketServerTransport:allowed-origins; it applies to the next
 * handshake.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_allowed_origins (McpWebSocketServerTransport *self,
                                                    const char * const          *origins)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_allowed_origins (G_OBJECT (self), &self->settings,
                                              properties[PROP_ALLOWED_ORIGINS], origins);
}

/**
 * mcp_websocket_server_transport_get_allowed_hosts:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the `Host` values let in, or %NULL for the default rule.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   allowed hosts, or %NULL
 *
 * Since: 0.1
 */
const char * const *
mcp_websocket_server_transport_get_allowed_hosts (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return (const char * const *) self->settings.allowed_hosts;
}

/**
 * mcp_websocket_server_transport_set_allowed_hosts:
 * @self: a #McpWebSocketServerTransport
 * @hosts: (nullable) (array zero-terminated=1): the `Host` values to let
 *   in, with or without the port, or %NULL for the default rule
 *
 * Sets #McpWebSocketServerTransport:allowed-hosts; it applies to the next
 * handshake.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_allowed_hosts (McpWebSocketServerTransport *self,
                                                  const char * const          *hosts)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_allowed_hosts (G_OBJECT (self), &self->settings,
                                            properties[PROP_ALLOWED_HOSTS], hosts);
}

/**
 * mcp_websocket_server_transport_get_auth_token:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the bearer token handshakes must carry.
 *
 * Returns: (nullable): the bearer token handshakes must carry
 *
 * Since: 0.1
 */
const char *
mcp_websocket_server_transport_get_auth_token (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->settings.auth_token;
}

/**
 * mcp_websocket_server_transport_set_auth_token:
 * @self: a #McpWebSocketServerTransport
 * @token: (nullable): the bearer token to require, or %NULL for none
 *
 * Sets #McpWebSocketServerTransport:auth-token; it applies to the next
 * handshake.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_auth_token (McpWebSocketServerTransport *self,
                                               const char                  *token)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_auth_token (G_OBJECT (self), &self->settings,
                                         properties[PROP_AUTH_TOKEN], token);
}

/**
 * mcp_websocket_server_transport_get_auth_provider:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:auth-provider.
 *
 * Returns: (transfer none) (nullable): the auth provider
 *
 * Since: 0.1
 */
McpAuthProvider *
mcp_websocket_server_transport_get_auth_provider (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->auth_provider;
}

/**
 * mcp_websocket_server_transport_set_auth_provider:
 * @self: a #McpWebSocketServerTransport
 * @provider: (nullable): who may connect
 *
 * Sets #McpWebSocketServerTransport:auth-provider; it applies to the next
 * handshake.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_auth_provider (McpWebSocketServerTransport *self,
                                                  McpAuthProvider             *provider)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));
  g_return_if_fail (provider == NULL || MCP_IS_AUTH_PROVIDER (provider));

  if (g_set_object (&self->auth_provider, provider))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_PROVIDER]);
}

/**
 * mcp_websocket_server_transport_get_tls_certificate:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the TLS certificate.
 *
 * Returns: (transfer none) (nullable): the TLS certificate
 *
 * Since: 0.1
 */
GTlsCertificate *
mcp_websocket_server_transport_get_tls_certificate (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->settings.tls_certificate;
}

/**
 * mcp_websocket_server_transport_set_tls_certificate:
 * @self: a #McpWebSocketServerTransport
 * @certificate: (nullable): the certificate, with its private key
 *
 * Sets #McpWebSocketServerTransport:tls-certificate; call it before starting.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_tls_certificate (McpWebSocketServerTransport *self,
                                                    GTlsCertificate             *certificate)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  _mcp_listener_settings_set_tls_certificate (G_OBJECT (self), &self->settings,
                                              properties[PROP_TLS_CERTIFICATE], certificate);
}

/**
 * mcp_websocket_server_transport_get_tls_client_auth:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:tls-client-auth.
 *
 * Returns: whether client certificates are asked for
 *
 * Since: 0.1
 */
GTlsAuthenticationMode
mcp_websocket_server_transport_get_tls_client_auth (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), G_TLS_AUTHENTICATION_NONE);

  return self->settings.tls_client_auth;
}

/**
 * mcp_websocket_server_transport_set_tls_client_auth:
 * @self: a #McpWebSocketServerTransport
 * @mode: whether the TLS handshake asks for a client certificate
 *
 * Sets #McpWebSocketServerTransport:tls-client-auth; it applies when the server
 * starts.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_tls_client_auth (McpWebSocketServerTransport *self,
                                                    GTlsAuthenticationMode       mode)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_tls_client_auth (G_OBJECT (self), &self->settings,
                                              properties[PROP_TLS_CLIENT_AUTH], mode);
}

/**
 * mcp_websocket_server_transport_get_tls_client_ca_file:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:tls-client-ca-file.
 *
 * Returns: (type filename) (nullable): the file of the client CAs
 *
 * Since: 0.1
 */
const char *
mcp_websocket_server_transport_get_tls_client_ca_file (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->settings.tls_client_ca_file;
}

/**
 * mcp_websocket_server_transport_set_tls_client_ca_file:
 * @self: a #McpWebSocketServerTransport
 * @filename: (type filename) (nullable): a PEM file of CA certificates
 *
 * Sets #McpWebSocketServerTransport:tls-client-ca-file; it is read when the
 * server starts.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_tls_client_ca_file (McpWebSocketServerTransport *self,
                                                       const char                  *filename)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_tls_client_ca_file (G_OBJECT (self), &self->settings,
                                                 properties[PROP_TLS_CLIENT_CA_FILE], filename);
}

/**
 * mcp_websocket_server_transport_get_tls_database:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:tls-database.
 *
 * Returns: (transfer none) (nullable): the database of client CAs
 *
 * Since: 0.1
 */
GTlsDatabase *
mcp_websocket_server_transport_get_tls_database (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  return self->settings.tls_database;
}

/**
 * mcp_websocket_server_transport_set_tls_database:
 * @self: a #McpWebSocketServerTransport
 * @database: (nullable): the #GTlsDatabase that verifies client certificates
 *
 * Sets #McpWebSocketServerTransport:tls-database; it applies when the server
 * starts.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_tls_database (McpWebSocketServerTransport *self,
                                                 GTlsDatabase                *database)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  _mcp_listener_settings_set_tls_database (G_OBJECT (self), &self->settings,
                                           properties[PROP_TLS_DATABASE], database);
}

/**
 * mcp_websocket_server_transport_get_max_message_size:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the largest message a client may send, in bytes.
 *
 * Returns: the largest message a client may send, in bytes
 *
 * Since: 0.1
 */
guint64
mcp_websocket_server_transport_get_max_message_size (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->limits.max_message_size;
}

/**
 * mcp_websocket_server_transport_set_max_message_size:
 * @self: a #McpWebSocketServerTransport
 * @max_message_size: the largest message in bytes, 0 for no limit
 *
 * Sets #McpWebSocketServerTransport:max-message-size for clients that
 * connect from now on.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_max_message_size (McpWebSocketServerTransport *self,
                                                     guint64                      max_message_size)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_websocket_limits_set (G_OBJECT (self), &self->limits, properties + PROP_MAX_MESSAGE_SIZE,
                             MCP_WEBSOCKET_LIMIT_MAX_MESSAGE_SIZE, max_message_size);
}

/**
 * mcp_websocket_server_transport_get_keepalive_interval:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the seconds between pings (0: none).
 *
 * Returns: seconds between pings (0: none)
 *
 * Since: 0.1
 */
guint
mcp_websocket_server_transport_get_keepalive_interval (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->limits.keepalive_interval;
}

/**
 * mcp_websocket_server_transport_set_keepalive_interval:
 * @self: a #McpWebSocketServerTransport
 * @seconds: seconds between pings, 0 for none
 *
 * Sets #McpWebSocketServerTransport:keepalive-interval for clients that
 * connect from now on.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_keepalive_interval (McpWebSocketServerTransport *self,
                                                       guint                        seconds)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_websocket_limits_set (G_OBJECT (self), &self->limits, properties + PROP_MAX_MESSAGE_SIZE,
                             MCP_WEBSOCKET_LIMIT_KEEPALIVE_INTERVAL, seconds);
}

/**
 * mcp_websocket_server_transport_get_pong_timeout:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the seconds of silence allowed beyond the keepalive interval.
 *
 * Returns: the seconds of silence allowed beyond the keepalive interval
 *
 * Since: 0.1
 */
guint
mcp_websocket_server_transport_get_pong_timeout (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->limits.pong_timeout;
}

/**
 * mcp_websocket_server_transport_set_pong_timeout:
 * @self: a #McpWebSocketServerTransport
 * @seconds: the seconds of silence allowed beyond the keepalive interval
 *
 * Sets #McpWebSocketServerTransport:pong-timeout for clients that connect
 * from now on.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_pong_timeout (McpWebSocketServerTransport *self,
                                                 guint                        seconds)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_websocket_limits_set (G_OBJECT (self), &self->limits, properties + PROP_MAX_MESSAGE_SIZE,
                             MCP_WEBSOCKET_LIMIT_PONG_TIMEOUT, seconds);
}

/**
 * mcp_websocket_server_transport_get_max_clients:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the largest number of clients connected at once (0: no limit).
 *
 * Returns: the most clients connected at once (0: no limit)
 *
 * Since: 0.1
 */
guint
mcp_websocket_server_transport_get_max_clients (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->max_clients;
}

/**
 * mcp_websocket_server_transport_set_max_clients:
 * @self: a #McpWebSocketServerTransport
 * @max_clients: the most clients at once, 0 for no limit
 *
 * Sets #McpWebSocketServerTransport:max-clients.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_max_clients (McpWebSocketServerTransport *self,
                                                guint                        max_clients)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  if (self->max_clients == max_clients)
    return;

  self->max_clients = max_clients;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CLIENTS]);
}

/**
 * mcp_websocket_server_transport_get_n_clients:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets how many clients are connected.
 *
 * Returns: how many clients are connected
 *
 * Since: 0.1
 */
guint
mcp_websocket_server_transport_get_n_clients (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->clients->len;
}

/**
 * mcp_websocket_server_transport_get_clients:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets the connected clients' transports.
 *
 * Returns: (transfer container) (element-type McpWebSocketTransport): the
 *   connected clients' transports
 *
 * Since: 0.1
 */
GPtrArray *
mcp_websocket_server_transport_get_clients (McpWebSocketServerTransport *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), NULL);

  copy = g_ptr_array_new_full (self->clients->len, g_object_unref);
  for (guint i = 0; i < self->clients->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->clients, i)));

  return copy;
}

/**
 * mcp_websocket_server_transport_broadcast:
 * @self: a #McpWebSocketServerTransport
 * @method: the notification method
 * @params: (nullable): its params object
 *
 * Sends one JSON-RPC notification to every connected client, whatever the
 * state of its MCP session (mcp_server_notify() reaches initialized
 * sessions only, on every transport).
 *
 * Returns: the number of clients it was sent to
 *
 * Since: 0.1
 */
guint
mcp_websocket_server_transport_broadcast (McpWebSocketServerTransport *self,
                                          const char                  *method,
                                          JsonNode                    *params)
{
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  guint sent = 0;

  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);
  g_return_val_if_fail (method != NULL, 0);

  message = mcp_message_new_notification (method, params);
  clients = mcp_websocket_server_transport_get_clients (self);
  for (guint i = 0; i < clients->len; i++)
    {
      McpTransport *peer = g_ptr_array_index (clients, i);

      if (!mcp_transport_is_connected (peer))
        continue;
      mcp_transport_send_message_async (peer, message, NULL, NULL, NULL, NULL);
      sent++;
    }

  return sent;
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter_finish (waiter, g_error_new (MCP_ERROR, MCP_ERROR_TIMEOUT,
                                      "Fewer than %u WebSocket clients connected in time",
                                      waiter->min_clients));
  return G_SOURCE_REMOVE;
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter_finish (waiter, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              "The wait was cancelled"));
  return G_SOURCE_REMOVE;
}

/**
 * mcp_websocket_server_transport_wait_for_clients_async:
 * @self: a #McpWebSocketServerTransport
 * @min_clients: how many clients to wait for
 * @timeout_ms: the most to wait, in milliseconds; 0 waits forever
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when enough clients are connected, or
 *   the time is up
 * @user_data: the data to pass to @callback
 *
 * Waits until at least @min_clients clients are connected.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_wait_for_clients_async (McpWebSocketServerTransport *self,
                                                       guint                        min_clients,
                                                       guint                        timeout_ms,
                                                       GCancellable                *cancellable,
                                                       GAsyncReadyCallback          callback,
                                                       gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_websocket_server_transport_wait_for_clients_async);

  if (self->clients->len >= min_clients)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  waiter = g_new0 (Waiter, 1);
  waiter->self = self;
  waiter->task = g_steal_pointer (&task);
  waiter->min_clients = min_clients;

  if (timeout_ms > 0)
    {
      waiter->timeout_source = g_timeout_source_new (timeout_ms);
      g_source_set_callback (waiter->timeout_source, waiter_timeout_cb, waiter, NULL);
      g_source_set_static_name (waiter->timeout_source, "[mcp] wait for clients");
      g_source_attach (waiter->timeout_source, self->context);
    }

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, self->context);
    }

  self->waiters = g_list_prepend (self->waiters, waiter);
}

/**
 * mcp_websocket_server_transport_wait_for_clients_finish:
 * @self: a #McpWebSocketServerTransport
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_websocket_server_transport_wait_for_clients_async(). Fails
 * with %MCP_ERROR_TIMEOUT when the time ran out.
 *
 * Returns: %TRUE if enough clients are connected
 *
 * Since: 0.1
 */
gboolean
mcp_websocket_server_transport_wait_for_clients_finish (McpWebSocketServerTransport  *self,
                                                        GAsyncResult                 *result,
                                                        GError                      **error)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mcp_websocket_server_transport_get_send_high_water:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:send-high-water.
 *
 * Returns: the queued bytes that pause reading, 0 for never
 *
 * Since: 0.1
 */
guint64
mcp_websocket_server_transport_get_send_high_water (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->send_queue.send_high_water;
}

/**
 * mcp_websocket_server_transport_set_send_high_water:
 * @self: a #McpWebSocketServerTransport
 * @bytes: the queued bytes that pause reading, 0 for never
 *
 * Sets #McpWebSocketServerTransport:send-high-water.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_send_high_water (McpWebSocketServerTransport *self,
                                                    guint64 bytes)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_HIGH_WATER, bytes);
}

/**
 * mcp_websocket_server_transport_get_max_send_queue:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:max-send-queue.
 *
 * Returns: the queued bytes that close the connection, 0 for no cap
 *
 * Since: 0.1
 */
guint64
mcp_websocket_server_transport_get_max_send_queue (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->send_queue.max_send_queue;
}

/**
 * mcp_websocket_server_transport_set_max_send_queue:
 * @self: a #McpWebSocketServerTransport
 * @bytes: the queued bytes that close the connection, 0 for no cap
 *
 * Sets #McpWebSocketServerTransport:max-send-queue.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_max_send_queue (McpWebSocketServerTransport *self,
                                                   guint64 bytes)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_MAX, bytes);
}

/**
 * mcp_websocket_server_transport_get_send_stall_timeout:
 * @self: a #McpWebSocketServerTransport
 *
 * Gets #McpWebSocketServerTransport:send-stall-timeout.
 *
 * Returns: seconds above the high-water mark before closing, 0 for never
 *
 * Since: 0.1
 */
guint
mcp_websocket_server_transport_get_send_stall_timeout (McpWebSocketServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self), 0);

  return self->send_queue.send_stall_timeout;
}

/**
 * mcp_websocket_server_transport_set_send_stall_timeout:
 * @self: a #McpWebSocketServerTransport
 * @seconds: seconds above the high-water mark before closing, 0 for never
 *
 * Sets #McpWebSocketServerTransport:send-stall-timeout.
 *
 * Since: 0.1
 */
void
mcp_websocket_server_transport_set_send_stall_timeout (McpWebSocketServerTransport *self,
                                                       guint seconds)
{
  g_return_if_fail (MCP_IS_WEBSOCKET_SERVER_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_STALL_TIMEOUT, seconds);
}

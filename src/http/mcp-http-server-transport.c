/* mcp-http-server-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-admission-private.h"
#include "mcp-auth-private.h"
#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-header-params-private.h"
#include "mcp-http-private.h"
#include "mcp-http-server-peer-private.h"
#include "mcp-http-server-transport.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-listener-private.h"
#include "mcp-message.h"
#include "mcp-protocol.h"
#include "mcp-random-private.h"
#include "mcp-transport-private.h"

/**
 * McpHttpServerTransport:
 *
 * Serves MCP over HTTP: many clients, each in its own session.
 *
 * One #SoupServer answers both HTTP forms of MCP:
 *
 * - **Streamable HTTP** (protocol 2025-03-26 and later) at
 *   #McpHttpServerTransport:path (`/mcp`): `POST` carries one JSON-RPC
 *   message, `GET` opens the session's event stream for messages unrelated
 *   to a request, `DELETE` ends the session. A request is answered with one
 *   `application/json` body, or with a `text/event-stream` whenever its
 *   handler sends anything (progress, log messages, requests to the client)
 *   before the result; those messages then travel on that stream, in order,
 *   before the response.
 * - **HTTP+SSE** (2024-11-05) for older clients: `GET /sse` opens the
 *   session's event stream, whose first event (`endpoint`) names the URL to
 *   `POST` messages to, `/message?sessionId=…`.
 *
 * Every session is an #McpTransport of its own, announced with
 * #McpServerTransport::peer-connected; give the transport to
 * mcp_server_add_server_transport() and every client gets its own
 * #McpServerSession. Session ids (`Mcp-Session-Id`) are 128 random bits
 * from the operating system's generator, after the
 * #McpHttpServerTransport:node-id and a `-` when one is set: a load
 * balancer in front of several replicas routes a session's requests by
 * that prefix.
 *
 * Event streams are resumable: every event has an id, the last
 * #McpHttpServerTransport:replay-buffer-size events of a session are kept,
 * and a `GET` with `Last-Event-ID` replays what followed on the stream that
 * broke, then goes on with it. Each stream starts with a priming event (an
 * id, the #McpHttpServerTransport:retry-interval and no data) for clients
 * of protocol 2025-11-25 and later, and idle streams get a comment every
 * #McpHttpServerTransport:keep-alive-interval.
 *
 * It is safe by default: it listens on 127.0.0.1 unless
 * #McpHttpServerTransport:host says otherwise; a `Host` header that is not
 * a loopback name (while bound to loopback) or an `Origin` that is neither
 * loopback nor listed in #McpHttpServerTransport:allowed-origins gets
 * `403 Forbidden` (DNS rebinding protection); an
 * #McpHttpServerTransport:auth-token makes every request need
 * `Authorization: Bearer` with that token (`401` otherwise, compared in
 * constant time); bodies over #McpHttpServerTransport:max-body-size get
 * `413`; past #McpHttpServerTransport:max-sessions a new session gets
 * `503`; sessions with nothing in flight are closed after
 * #McpHttpServerTransport:session-idle-timeout. The transport accepts
 * connections itself: it caps them (#McpHttpServerTransport:max-connections
 * in total, #McpHttpServerTransport:max-connections-per-address from one
 * client address), closes a connection that has not sent a whole request
 * head within #McpHttpServerTransport:header-timeout or that stays idle
 * between requests for #McpHttpServerTransport:connection-idle-timeout,
 * and keeps accepting when the process runs out of file descriptors. Set
 * #McpHttpServerTransport:tls-certificate to serve HTTPS, and
 * #McpHttpServerTransport:tls-client-auth to ask clients for certificates
 * (see #McpClientCertificateProvider).
 *
 * |[<!-- language="C" -->
 * g_autoptr(McpHttpServerTransport) http = mcp_http_server_transport_new ();
 *
 * mcp_http_server_transport_set_port (http, 8080);
 * mcp_server_add_server_transport (server, MCP_SERVER_TRANSPORT (http));
 * mcp_server_transport_start_async (MCP_SERVER_TRANSPORT (http), NULL, started_cb, NULL);
 * ]|
 *
 * Since: 0.1
 */

#define DEFAULT_HOST "127.0.0.1"
#define DEFAULT_PATH "/mcp"
#define DEFAULT_SSE_PATH "/sse"
#define DEFAULT_MESSAGE_PATH "/message"
#define DEFAULT_MAX_SESSIONS 1024
#define DEFAULT_IDLE_TIMEOUT_MS (30 * 60 * 1000)
#define DEFAULT_REPLAY_BUFFER_SIZE 256
#define DEFAULT_REPLAY_BUFFER_BYTES (8 * 1024 * 1024)
#define DEFAULT_LEGACY_INITIALIZE_TIMEOUT 10
#define DEFAULT_MAX_SESSIONS_PER_ADDRESS 256
#define DEFAULT_MAX_UNINITIALIZED_PER_ADDRESS 4
#define DEFAULT_COMPRESSION_THRESHOLD 1024
#define DEFAULT_STREAM_IDLE_TIMEOUT (2 * 60 * 60)
#define DEFAULT_KEEP_ALIVE_MS (15 * 1000)
#define DEFAULT_RETRY_MS 1000
#define SESSION_ID_BYTES 16
#define MAX_NODE_ID_LENGTH 32
#define BODY_KEY "mcp-http-body"

struct _McpHttpServerTransport
{
  GObject          parent_instance;

  McpListenerSettings settings;   /* host, port, admission, TLS, limits */
  char            *path;
  char            *sse_path;
  char            *message_path;
  gboolean         legacy_sse;
  McpAuthProvider *auth_provider;
  gboolean         cors;
  guint64          max_body_size;
  guint            max_sessions;
  guint            idle_timeout;
  guint            replay_buffer_size;
  guint64          replay_buffer_bytes;
  guint            compression_threshold;
  McpSendQueueLimits send_queue;
  guint            legacy_initialize_timeout;
  guint            max_sessions_per_address;
  guint            max_uninitialized_per_address;
  guint            stream_idle_timeout;
  guint            keep_alive_interval;
  guint            retry_interval;

  SoupServer      *server;
  guint            bound_port;
  GHashTable      *sessions;      /* id → McpHttpServerPeer */
  guint            tick_id;
  gint64           last_keep_alive;

  McpToolSchemaFunc tool_schema_func;   /* the server's, for Mcp-Param */
  gpointer          tool_schema_data;
  McpMetricsFunc    metrics_func;       /* the server's, for /metrics */
  gpointer          metrics_data;
  gboolean          serve_metrics;
  char             *node_id;            /* NULL: session ids without a prefix */
};

static void mcp_http_server_transport_iface_init (McpServerTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpHttpServerTransport, mcp_http_server_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_SERVER_TRANSPORT,
                                                      mcp_http_server_transport_iface_init))

enum {
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_PATH,
  PROP_SSE_PATH,
  PROP_MESSAGE_PATH,
  PROP_LEGACY_SSE,
  PROP_AUTH_TOKEN,
  PROP_AUTH_PROVIDER,
  PROP_ALLOWED_ORIGINS,
  PROP_ALLOWED_HOSTS,
  PROP_CORS,
  PROP_TLS_CERTIFICATE,
  PROP_TLS_CLIENT_AUTH,
  PROP_TLS_CLIENT_CA_FILE,
  PROP_TLS_DATABASE,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_SESSIONS,
  PROP_SESSION_IDLE_TIMEOUT,
  PROP_REPLAY_BUFFER_SIZE,
  PROP_REPLAY_BUFFER_BYTES,
  PROP_SEND_HIGH_WATER,
  PROP_MAX_SEND_QUEUE,
  PROP_SEND_STALL_TIMEOUT,
  PROP_LEGACY_INITIALIZE_TIMEOUT,
  PROP_MAX_SESSIONS_PER_ADDRESS,
  PROP_MAX_UNINITIALIZED_PER_ADDRESS,
  PROP_STREAM_IDLE_TIMEOUT,
  PROP_KEEP_ALIVE_INTERVAL,
  PROP_RETRY_INTERVAL,
  PROP_SERVE_METRICS,
  PROP_COMPRESSION_THRESHOLD,
  PROP_NODE_ID,
  PROP_REUSE_PORT,
  PROP_BOUND_PORT,
  PROP_N_SESSIONS,
  /* the listener's MCP_LISTENER_N_PROPS properties, last, in its order */
  PROP_MAX_CONNECTIONS,
  N_PROPS = PROP_MAX_CONNECTIONS + MCP_LISTENER_N_PROPS
};

enum {
  SESSION_OPENED,
  SESSION_CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];

/* The three bounds of the outgoing queue, at consecutive ids. */
G_STATIC_ASSERT (PROP_SEND_STALL_TIMEOUT - PROP_SEND_HIGH_WATER == MCP_SEND_QUEUE_N_PROPS - 1);

/* Our ids of the listener settings, by McpListenerSetting. */
static const guint settings_props[MCP_LISTENER_N_SETTINGS] = {
  PROP_HOST, PROP_PORT, PROP_AUTH_TOKEN, PROP_ALLOWED_ORIGINS, PROP_ALLOWED_HOSTS,
  PROP_TLS_CERTIFICATE, PROP_TLS_CLIENT_AUTH, PROP_TLS_CLIENT_CA_FILE, PROP_TLS_DATABASE,
  PROP_MAX_CONNECTIONS,
};
static guint signals[N_SIGNALS];

/* Request bodies ------------------------------------------------------------
 *
 * Bodies are collected here instead of by libsoup, so that one larger than
 * the limit is counted and dropped as it arrives, never held in memory.
 */

typedef struct
{
  GByteArray *data;
  guint64     limit;
  gboolean    too_large;
} Body;

static void
body_free (Body *body)
{
  g_clear_pointer (&body->data, g_byte_array_unref);
  g_free (body);
}

static void refuse_body_now (SoupServerMessage *msg,
                             guint64            limit);

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              Body              *body)
{
  gsize size = g_bytes_get_size (chunk);

  if (body->too_large)
    return;

  if (body->data->len + size > body->limit)
    {
      body->too_large = TRUE;
      g_byte_array_set_size (body->data, 0);
      refuse_body_now (msg, body->limit);
      return;
    }

  g_byte_array_append (body->data, g_bytes_get_data (chunk, NULL), size);
}

/* A body announced (or found, when chunked) to be over the limit is
 * refused at once, before the client sends it: the 413 goes straight to the
 * socket and its sending half is shut, so the client learns now rather than
 * after uploading it all; whatever it sends anyway is counted and dropped.
 * Over TLS the bytes cannot be written beside libsoup's: there the 413
 * follows the body, which is still never held in memory. */
static void
refuse_body_now (SoupServerMessage *msg,
                 guint64            limit)
{
  g_autoptr(JsonNode) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *response = NULL;
  GUri *uri = soup_server_message_get_uri (msg);
  GSocket *socket = _mcp_listener_get_message_socket (msg);
  gsize length = 0;
  gssize n;

  if (socket == NULL || uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    return;

  text = g_strdup_printf ("Request body larger than the limit of %" G_GUINT64_FORMAT " bytes", limit);
  error = mcp_message_new_error (NULL, MCP_JSONRPC_INVALID_REQUEST, text, NULL);
  json = _mcp_json_to_string (error, &length);
  response = g_strdup_printf ("HTTP/1.1 413 Payload Too Large\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                              "Connection: close\r\n"
                              "\r\n%s", length, json);

  /* A few hundred bytes into an idle socket: one non-blocking send. */
  n = g_socket_send_with_blocking (socket, response, strlen (response), FALSE, NULL, NULL);
  if (n == (gssize) strlen (response))
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  McpHttpServerTransport *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Body *body = g_new0 (Body, 1);

  body->data = g_byte_array_new ();
  body->limit = self->max_body_size;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > self->max_body_size)
    {
      body->too_large = TRUE;
      refuse_body_now (msg, self->max_body_size);
    }

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_object_set_data_full (G_OBJECT (msg), BODY_KEY, body, (GDestroyNotify) body_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), body);
}

/* Answers ------------------------------------------------------------------ */

static void
answer_empty (SoupServerMessage *msg,
              guint              status)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
}

/* Sessions ----------------------------------------------------------------- */

static McpHttpPeerConfig
peer_config (McpHttpServerTransport *self)
{
  McpHttpPeerConfig config = {
    .replay_buffer_size = self->replay_buffer_size,
    .replay_buffer_bytes = self->replay_buffer_bytes,
    .compression_threshold = self->compression_threshold,
    .retry_interval_ms = self->retry_interval,
    .send_queue = self->send_queue,
  };

  return config;
}

static void on_peer_closed (McpHttpServerPeer      *peer,
                            McpHttpServerTransport *self);

/* The client's address as text, for the per-address caps. */
static char *
client_address (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return g_strdup ("");

  return g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
}

/* Whether @address may open one more session (and, with @legacy, one more
 * legacy stream that has not sent initialize yet); answers 503 if not. */
static gboolean
admit_session (McpHttpServerTransport *self,
               SoupServerMessage      *msg,
               const char             *address,
               gboolean                legacy)
{
  GHashTableIter iter;
  gpointer value;
  guint sessions = 0;
  guint uninitialized = 0;
  g_autoptr(GList) open_peers = NULL;

  if (_mcp_server_transport_is_draining (MCP_SERVER_TRANSPORT (self)))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                    "close");
      _mcp_http_server_answer (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, MCP_JSONRPC_INTERNAL_ERROR,
                               "Service Unavailable: the server is shutting down");
      return FALSE;
    }

  if (g_hash_table_size (self->sessions) >= self->max_sessions)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, MCP_JSONRPC_INTERNAL_ERROR,
                               "Too many sessions; try again later");
      return FALSE;
    }

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      McpHttpServerPeer *peer = value;

      if (g_strcmp0 (_mcp_http_server_peer_get_address (peer), address) != 0)
        continue;
      sessions++;
      if (_mcp_http_server_peer_is_legacy (peer) && !_mcp_http_server_peer_saw_initialize (peer))
        uninitialized++;
    }

  if (self->max_sessions_per_address > 0 && sessions >= self->max_sessions_per_address)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, MCP_JSONRPC_INTERNAL_ERROR,
                               "Too many sessions from this address; close some first");
      return FALSE;
    }

  open_peers = g_hash_table_get_values (self->sessions);
  if (!_mcp_admission_admit_principal_session (msg, open_peers,
                                               self->settings.limits.max_sessions_per_principal))
    return FALSE;

  if (legacy && self->max_uninitialized_per_address > 0 &&
      uninitialized >= self->max_uninitialized_per_address)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, MCP_JSONRPC_INTERNAL_ERROR,
                               "Too many event streams from this address that have not initialized");
      return FALSE;
    }

  return TRUE;
}

static McpHttpServerPeer *
open_session (McpHttpServerTransport *self,
              SoupServerMessage      *msg,
              gboolean                legacy)
{
  g_autofree char *id = NULL;
  McpHttpPeerConfig config = peer_config (self);
  McpHttpServerPeer *peer;

  do
    {
      g_autofree char *token = _mcp_random_token (SESSION_ID_BYTES);

      g_free (id);
      id = self->node_id != NULL ? g_strconcat (self->node_id, "-", token, NULL)
                                 : g_steal_pointer (&token);
    }
  while (g_hash_table_contains (self->sessions, id));

  peer = _mcp_http_server_peer_new (id, legacy, &config);
  _mcp_admission_bind (msg, G_OBJECT (peer), FALSE);
  g_signal_connect (peer, "closed", G_CALLBACK (on_peer_closed), self);
  g_hash_table_insert (self->sessions, g_strdup (id), peer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SESSIONS]);

  return peer;
}

static void
announce_session (McpHttpServerTransport *self,
                  McpHttpServerPeer      *peer)
{
  const char *id = _mcp_http_server_peer_get_session_id (peer);

  /* Never the id: a legacy one travels in URLs and works as a credential. */
  g_debug ("HTTP session opened (%s)",
           _mcp_http_server_peer_is_legacy (peer) ? "HTTP+SSE" : "Streamable HTTP");
  mcp_server_transport_emit_peer_connected (MCP_SERVER_TRANSPORT (self), MCP_TRANSPORT (peer));
  g_signal_emit (self, signals[SESSION_OPENED], 0, id);
}

static void
on_peer_closed (McpHttpServerPeer      *peer,
                McpHttpServerTransport *self)
{
  g_autoptr(McpHttpServerPeer) hold = g_object_ref (peer);
  g_autofree char *id = g_strdup (_mcp_http_server_peer_get_session_id (peer));

  if (g_hash_table_lookup (self->sessions, id) != peer)
    return;

  g_signal_handlers_disconnect_by_func (peer, on_peer_closed, self);
  g_hash_table_remove (self->sessions, id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SESSIONS]);
  mcp_server_transport_emit_peer_disconnected (MCP_SERVER_TRANSPORT (self), MCP_TRANSPORT (peer));
  if (!_mcp_http_server_peer_is_stateless (peer))
    {
      g_debug ("HTTP session closed");
      g_signal_emit (self, signals[SESSION_CLOSED], 0, id);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  McpHttpServerTransport *self = user_data;
  g_autoptr(GPtrArray) peers = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_monotonic_time ();
  gboolean keep_alive = FALSE;
  GHashTableIter iter;
  gpointer value;

  if (self->keep_alive_interval > 0 &&
      now - self->last_keep_alive >= (gint64) self->keep_alive_interval * 1000)
    {
      keep_alive = TRUE;
      self->last_keep_alive = now;
    }

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (peers, g_object_ref (value));

  for (guint i = 0; i < peers->len; i++)
    {
      McpHttpServerPeer *peer = g_ptr_array_index (peers, i);
      McpAuthInfo *identity = _mcp_auth_info_attached (G_OBJECT (peer), NULL);
      /* The principal's own idle timeout, else the transport's. */
      guint idle_timeout = identity != NULL && mcp_auth_info_get_session_idle_timeout (identity) > 0
                           ? mcp_auth_info_get_session_idle_timeout (identity)
                           : self->idle_timeout;

      if (idle_timeout > 0 &&
          _mcp_http_server_peer_is_idle (peer, now, (gint64) idle_timeout * 1000))
        {
          g_debug ("HTTP session idle; closing it");
          _mcp_http_server_peer_close (peer);
        }
      else if (self->legacy_initialize_timeout > 0 &&
               _mcp_http_server_peer_is_legacy (peer) &&
               !_mcp_http_server_peer_saw_initialize (peer) &&
               now - _mcp_http_server_peer_get_opened_at (peer) >=
               (gint64) self->legacy_initialize_timeout * G_USEC_PER_SEC)
        {
          /* Session ids of the legacy transport travel in URLs: never logged. */
          g_debug ("Legacy HTTP+SSE session sent no initialize in %u s; closing it",
                   self->legacy_initialize_timeout);
          _mcp_http_server_peer_close (peer);
        }
      else if (self->stream_idle_timeout > 0 &&
               _mcp_http_server_peer_is_stale (peer, now,
                                               (gint64) self->stream_idle_timeout * G_USEC_PER_SEC))
        {
          g_debug ("HTTP session inactive for %u s despite an open stream; closing it",
                   self->stream_idle_timeout);
          _mcp_http_server_peer_close (peer);
        }
      else if (keep_alive)
        _mcp_http_server_peer_keep_alive (peer);
    }

  return G_SOURCE_CONTINUE;
}

static void
start_ticking (McpHttpServerTransport *self)
{
  guint period = 1000;

  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->idle_timeout > 0)
    period = MIN (period, MAX (self->idle_timeout / 4, 10));
  if (self->keep_alive_interval > 0)
    period = MIN (period, MAX (self->keep_alive_interval / 2, 10));
  /* Deadlines in seconds are checked at least every second (above). */

  self->last_keep_alive = g_get_monotonic_time ();
  self->tick_id = g_timeout_add (period, tick_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->tick_id),
                            "[mcp] HTTP sessions");
}

/* Request checks ------------------------------------------------------------ */

static void
add_cors_headers (McpHttpServerTransport *self,
                  SoupServerMessage      *msg,
                  const char             *origin)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", origin);
  soup_message_headers_append (headers, "Vary", "Origin");
  soup_message_headers_replace (headers, "Access-Control-Expose-Headers",
                                "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate");
}

static gboolean
check_protocol_version (SoupServerMessage *msg)
{
  const char *version = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      MCP_HTTP_HEADER_PROTOCOL_VERSION);
  g_autofree char *supported = NULL;
  g_autofree char *text = NULL;

  /* Absent means 2025-03-26. Any supported version is fine: clients may
   * send one other than the session's. */
  if (version == NULL || mcp_protocol_version_is_supported (version))
    return TRUE;

  /* Never the header's own text: it may be anything, even invalid UTF-8. */
  {
    g_autofree char *legacy = g_strjoinv (", ", (char **) mcp_protocol_get_supported_versions ());
    g_autofree char *modern = g_strjoinv (", ", (char **) _mcp_envelope_modern_versions ());

    supported = g_strdup_printf ("%s, %s", modern, legacy);
  }
  text = g_strdup_printf ("Unsupported MCP-Protocol-Version; supported versions: %s", supported);
  _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, NULL, MCP_JSONRPC_INVALID_REQUEST, text);
  return FALSE;
}

/* Parses a POST body into one JSON-RPC message, or answers the POST. */
static JsonNode *
read_message (McpHttpServerTransport *self,
              SoupServerMessage      *msg,
              McpMessageKind         *kind,
              JsonNode              **id)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Body *body = g_object_get_data (G_OBJECT (msg), BODY_KEY);
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(GError) error = NULL;
  const char *method = NULL;
  JsonNode *payload = NULL;

  if (body == NULL || body->too_large)
    {
      g_autofree char *text = g_strdup_printf ("Request body larger than the limit of %"
                                               G_GUINT64_FORMAT " bytes", self->max_body_size);

      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Connection", "close");
      _mcp_http_server_answer (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL, MCP_JSONRPC_INVALID_REQUEST, text);
      return NULL;
    }

  if (!_mcp_http_is_json_type (soup_message_headers_get_content_type (headers, NULL)))
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Content-Type must be application/json");
      return NULL;
    }

  if (body->data->len == 0)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, NULL, MCP_JSONRPC_PARSE_ERROR, "Empty request body");
      return NULL;
    }

  message = _mcp_json_parse ((const char *) body->data->data, body->data->len, &error);
  if (message == NULL)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, NULL, MCP_JSONRPC_PARSE_ERROR, error->message);
      return NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (message))
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Batches are not supported: send one JSON-RPC message per request");
      return NULL;
    }

  *kind = mcp_message_parse (message, id, &method, &payload, &error);
  if (*kind == MCP_MESSAGE_KIND_INVALID)
    {
      JsonNode *readable_id = *id != NULL && mcp_message_id_is_valid (*id) ? *id : NULL;

      _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, readable_id, MCP_JSONRPC_INVALID_REQUEST,
                               error->message);
      return NULL;
    }

  return g_steal_pointer (&message);
}

/* A session is found only on the endpoint of its own HTTP form. */
static McpHttpServerPeer *
lookup_session (McpHttpServerTransport *self,
                SoupServerMessage      *msg,
                const char             *session_id,
                gboolean                legacy)
{
  McpHttpServerPeer *peer;

  if (session_id == NULL)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Bad Request: Mcp-Session-Id header is required");
      return NULL;
    }

  peer = g_hash_table_lookup (self->sessions, session_id);
  if (peer == NULL || _mcp_http_server_peer_is_closed (peer) ||
      _mcp_http_server_peer_is_legacy (peer) != legacy)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_NOT_FOUND, NULL, MCP_JSONRPC_CONNECTION_CLOSED,
                               "Session not found");
      return NULL;
    }

  if (!_mcp_admission_same_principal (msg, G_OBJECT (peer)))
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_FORBIDDEN, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Forbidden: the session was opened by another principal");
      return NULL;
    }

  _mcp_http_server_peer_touch (peer);
  return peer;
}

/* The 2026-07-28 era ---------------------------------------------------------- */

/* Whether a POST without a session is a request of the per-request era:
 * it carries the envelope, calls a method only that era has, or names a
 * protocol version of that era. (A version nobody knows, without an
 * envelope, gets the handshake era's 400 that lists the versions.) */
static gboolean
is_modern_request (SoupMessageHeaders *headers,
                   JsonNode           *message)
{
  JsonObject *object = json_node_get_object (message);
  const char *method = _mcp_json_object_get_string (object, "method");
  const char *version = soup_message_headers_get_one (headers, MCP_HTTP_HEADER_PROTOCOL_VERSION);

  if (_mcp_envelope_is_present (_mcp_json_object_get_object (object, "params")))
    return TRUE;
  if (g_strcmp0 (method, "server/discover") == 0 || g_strcmp0 (method, "subscriptions/listen") == 0)
    return TRUE;

  return _mcp_envelope_version_is_modern (version);
}

static gboolean
header_mismatch (SoupServerMessage *msg,
                 JsonNode          *id,
                 const char        *text)
{
  _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, id, MCP_JSONRPC_HEADER_MISMATCH, text);
  return FALSE;
}

static const char *
get_request_header (const char *name,
                    gpointer    user_data)
{
  return soup_message_headers_get_one (user_data, name);
}

/* The Mcp-Param-{Name} headers of a tools/call, against the arguments and
 * the tool's x-mcp-header annotations, which the server knows. */
static gboolean
check_param_headers (McpHttpServerTransport  *self,
                     SoupServerMessage       *msg,
                     JsonObject              *params,
                     const char              *tool_name,
                     GError                 **error)
{
  g_autoptr(JsonObject) schema = NULL;

  if (self->tool_schema_func == NULL)
    return TRUE;

  schema = self->tool_schema_func (tool_name, self->tool_schema_data);
  return _mcp_header_params_check (schema, _mcp_json_object_get_object (params, "arguments"),
                                   get_request_header,
                                   soup_server_message_get_request_headers (msg), error);
}

void
_mcp_http_server_transport_set_metrics_func (McpHttpServerTransport *self,
                                             McpMetricsFunc          func,
                                             gpointer                user_data)
{
  self->metrics_func = func;
  self->metrics_data = user_data;
}

#define METRICS_PATH "/metrics"

/* Once the credentials (if the transport asks for any) were accepted. */
static void
serve_metrics_admitted (GObject           *owner,
                        SoupServerMessage *msg,
                        McpAuthInfo       *info,
                        gpointer           user_data)
{
  McpHttpServerTransport *self = MCP_HTTP_SERVER_TRANSPORT (owner);
  char *text = self->metrics_func != NULL ? self->metrics_func (self->metrics_data) : NULL;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "no-store");
  if (text == NULL)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_NOT_FOUND, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Not Found: the server's metrics are off");
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain; version=0.0.4; charset=utf-8",
                                    SOUP_MEMORY_TAKE, text, strlen (text));
}

void
_mcp_http_server_transport_set_tool_schema_func (McpHttpServerTransport *self,
                                                 McpToolSchemaFunc       func,
                                                 gpointer                user_data)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  self->tool_schema_func = func;
  self->tool_schema_data = user_data;
}

/* The binding mirrors parts of the body into headers for intermediaries;
 * a server that acts on the body must refuse a request whose headers say
 * otherwise (-32020, 400). */
static gboolean
check_mirrored_headers (McpHttpServerTransport *self,
                        SoupServerMessage      *msg,
                        JsonNode               *message,
                        JsonNode               *id,
                        const McpEnvelope      *envelope)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  JsonObject *object = json_node_get_object (message);
  JsonObject *params = _mcp_json_object_get_object (object, "params");
  const char *method = _mcp_json_object_get_string (object, "method");
  const char *version = soup_message_headers_get_one (headers, MCP_HTTP_HEADER_PROTOCOL_VERSION);
  const char *method_header = soup_message_headers_get_one (headers, MCP_HTTP_HEADER_METHOD);
  const char *name_header = soup_message_headers_get_one (headers, MCP_HTTP_HEADER_NAME);
  const char *name = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(GError) error = NULL;

  if (version == NULL)
    return header_mismatch (msg, id, "Header mismatch: the MCP-Protocol-Version header is missing");
  if (strcmp (version, envelope->protocol_version) != 0)
    return header_mismatch (msg, id, "Header mismatch: the MCP-Protocol-Version header does not "
                                     "match the protocol version in _meta");

  if (method_header == NULL)
    return header_mismatch (msg, id, "Header mismatch: the Mcp-Method header is missing");
  if (g_strcmp0 (method_header, method) != 0)
    return header_mismatch (msg, id, "Header mismatch: the Mcp-Method header does not match "
                                     "the method in the body");

  if (g_strcmp0 (method, "tools/call") == 0 || g_strcmp0 (method, "prompts/get") == 0)
    name = _mcp_json_object_get_string (params, "name");
  else if (g_strcmp0 (method, "resources/read") == 0)
    name = _mcp_json_object_get_string (params, "uri");
  else
    return TRUE;

  /* (A body without the name is the handler's to refuse, with -32602.) */
  if (name == NULL)
    return TRUE;
  if (name_header == NULL)
    return header_mismatch (msg, id, "Header mismatch: the Mcp-Name header is missing");
  decoded = _mcp_header_value_decode (name_header, &error);
  if (decoded == NULL)
    return header_mismatch (msg, id, "Header mismatch: the Mcp-Name header is malformed");
  if (strcmp (decoded, name) != 0)
    return header_mismatch (msg, id, "Header mismatch: the Mcp-Name header does not match the "
                                     "body");

  if (strcmp (method, "tools/call") == 0 && !check_param_headers (self, msg, params, name, &error))
    return header_mismatch (msg, id, error->message);

  return TRUE;
}

/* One request of the per-request era: no session, served on a peer of its
 * own that ends with the response. */
static void
handle_modern_post (McpHttpServerTransport *self,
                    SoupServerMessage      *msg,
                    JsonNode               *message,
                    JsonNode               *id)
{
  JsonObject *params = _mcp_json_object_get_object (json_node_get_object (message), "params");
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  McpHttpServerPeer *peer;
  McpEnvelope envelope;

  if (!_mcp_envelope_read (params, &envelope, &error))
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_BAD_REQUEST, id, MCP_JSONRPC_INVALID_PARAMS, error->message);
      return;
    }

  if (!check_mirrored_headers (self, msg, message, id, &envelope))
    return;

  address = client_address (msg);
  if (!admit_session (self, msg, address, FALSE))
    return;

  peer = open_session (self, msg, FALSE);
  _mcp_http_server_peer_set_stateless (peer);
  _mcp_http_server_peer_set_address (peer, address);
  /* Not a session: no session-opened. McpServer serves it and lets go
   * when the peer closes. */
  mcp_server_transport_emit_peer_connected (MCP_SERVER_TRANSPORT (self), MCP_TRANSPORT (peer));
  if (!_mcp_http_server_peer_is_closed (peer))
    _mcp_http_server_peer_post_request (peer, msg, message, id);
}

/* Streamable HTTP ------------------------------------------------------------ */

static void
handle_post (McpHttpServerTransport *self,
             SoupServerMessage      *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *session_id = soup_message_headers_get_one (headers, MCP_HTTP_HEADER_SESSION_ID);
  const char *accept = soup_message_headers_get_one (headers, "Accept");
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(McpHttpServerPeer) peer = NULL;
  McpMessageKind kind = MCP_MESSAGE_KIND_INVALID;
  JsonNode *id = NULL;
  gboolean created = FALSE;

  if (!_mcp_http_accepts (accept, "application/json") ||
      !_mcp_http_accepts (accept, "text/event-stream"))
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_NOT_ACCEPTABLE, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Not Acceptable: the client must accept both application/json and text/event-stream");
      return;
    }

  message = read_message (self, msg, &kind, &id);
  if (message == NULL)
    return;

  if (session_id == NULL && kind == MCP_MESSAGE_KIND_REQUEST &&
      is_modern_request (soup_server_message_get_request_headers (msg), message))
    {
      handle_modern_post (self, msg, message, id);
      return;
    }

  if (!check_protocol_version (msg))
    return;

  if (session_id == NULL && kind == MCP_MESSAGE_KIND_REQUEST &&
      g_strcmp0 (_mcp_json_object_get_string (json_node_get_object (message), "method"),
                 "initialize") == 0)
    {
      g_autofree char *address = client_address (msg);

      if (!admit_session (self, msg, address, FALSE))
        return;
      peer = g_object_ref (open_session (self, msg, FALSE));
      _mcp_http_server_peer_set_address (peer, address);
      created = TRUE;
    }
  else
    {
      McpHttpServerPeer *found = lookup_session (self, msg, session_id, FALSE);

      if (found == NULL)
        return;
      peer = g_object_ref (found);
    }

  if (created)
    announce_session (self, peer);

  if (kind == MCP_MESSAGE_KIND_REQUEST)
    _mcp_http_server_peer_post_request (peer, msg, message, id);
  else
    {
      _mcp_http_server_peer_post_other (peer, message);
      _mcp_http_server_peer_set_headers (peer, msg);
      answer_empty (msg, SOUP_STATUS_ACCEPTED);
    }
}

static void
handle_get (McpHttpServerTransport *self,
            SoupServerMessage      *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  McpHttpServerPeer *peer;

  if (!_mcp_http_accepts (soup_message_headers_get_one (headers, "Accept"), "text/event-stream"))
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_NOT_ACCEPTABLE, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Not Acceptable: the client must accept text/event-stream");
      return;
    }

  if (!check_protocol_version (msg))
    return;

  peer = lookup_session (self, msg, soup_message_headers_get_one (headers, MCP_HTTP_HEADER_SESSION_ID), FALSE);
  if (peer == NULL)
    return;

  _mcp_http_server_peer_get_stream (peer, msg,
                                    soup_message_headers_get_one (headers, MCP_HTTP_HEADER_LAST_EVENT_ID));
}

static void
handle_delete (McpHttpServerTransport *self,
               SoupServerMessage      *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(McpHttpServerPeer) peer = NULL;
  McpHttpServerPeer *found;

  if (!check_protocol_version (msg))
    return;

  found = lookup_session (self, msg, soup_message_headers_get_one (headers, MCP_HTTP_HEADER_SESSION_ID), FALSE);
  if (found == NULL)
    return;

  peer = g_object_ref (found);
  _mcp_http_server_peer_close (peer);
  answer_empty (msg, SOUP_STATUS_OK);
}

/* HTTP+SSE (2024-11-05) --------------------------------------------------------- */

static void
handle_legacy_get (McpHttpServerTransport *self,
                   SoupServerMessage      *msg)
{
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Accept");
  g_autofree char *endpoint = NULL;
  g_autofree char *address = NULL;
  McpHttpServerPeer *peer;

  if (accept != NULL && !_mcp_http_accepts (accept, "text/event-stream"))
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_NOT_ACCEPTABLE, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Not Acceptable: the client must accept text/event-stream");
      return;
    }

  address = client_address (msg);
  if (!admit_session (self, msg, address, TRUE))
    return;

  peer = open_session (self, msg, TRUE);
  _mcp_http_server_peer_set_address (peer, address);
  /* The session id in the endpoint URL is the legacy protocol's wire
   * format (2024-11-05 HTTP+SSE): 128 random bits, and never logged. */
  endpoint = g_strdup_printf ("%s?sessionId=%s", self->message_path,
                              _mcp_http_server_peer_get_session_id (peer));
  _mcp_http_server_peer_open_legacy_stream (peer, msg, endpoint);
  announce_session (self, peer);
}

static void
handle_legacy_post (McpHttpServerTransport *self,
                    SoupServerMessage      *msg,
                    GHashTable             *query)
{
  const char *session_id = query != NULL ? g_hash_table_lookup (query, "sessionId") : NULL;
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(McpHttpServerPeer) peer = NULL;
  McpHttpServerPeer *found;
  McpMessageKind kind;
  JsonNode *id = NULL;

  found = lookup_session (self, msg, session_id, TRUE);
  if (found == NULL)
    return;
  peer = g_object_ref (found);

  message = read_message (self, msg, &kind, &id);
  if (message == NULL)
    return;

  _mcp_http_server_peer_post_other (peer, message);
  soup_server_message_set_status (msg, SOUP_STATUS_ACCEPTED, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "Accepted", 8);
}

/* Dispatch ------------------------------------------------------------------ */

/* What serve() needs of the request once the auth provider has answered. */
typedef struct
{
  char       *path;
  GHashTable *query;
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_free (target->path);
  g_clear_pointer (&target->query, g_hash_table_unref);
  g_free (target);
}

static void serve (GObject           *owner,
                   SoupServerMessage *msg,
                   McpAuthInfo       *info,
                   gpointer           user_data);

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  McpHttpServerTransport *self = user_data;
  g_autoptr(McpHttpServerTransport) hold = g_object_ref (self);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  gboolean is_mcp = g_strcmp0 (path, self->path) == 0;
  gboolean is_sse = self->legacy_sse && g_strcmp0 (path, self->sse_path) == 0;
  gboolean is_message = self->legacy_sse && g_strcmp0 (path, self->message_path) == 0;
  McpAdmissionPolicy policy = _mcp_listener_settings_policy (&self->settings, TRUE);
  McpAdmission admission;
  Target *target;

  policy.auth_provider = self->auth_provider;
  admission = _mcp_admission_check_browser (&policy, headers);

  if (admission != MCP_ADMISSION_OK)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_FORBIDDEN, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               admission == MCP_ADMISSION_FORBIDDEN_HOST ? "Forbidden: Host not allowed"
                                                                         : "Forbidden: Origin not allowed");
      return;
    }

  if (!is_mcp && !is_sse && !is_message &&
      _mcp_admission_serve_resource_metadata (&policy, msg, path, self->path))
    return;

  if (!is_mcp && !is_sse && !is_message && self->serve_metrics &&
      g_strcmp0 (path, METRICS_PATH) == 0)
    {
      if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                        "GET, HEAD");
          _mcp_http_server_answer (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL,
                                   MCP_JSONRPC_INVALID_REQUEST, "Method Not Allowed");
          return;
        }
      /* Behind the same credentials as the endpoint. */
      _mcp_admission_authenticate (&policy, msg, self->path, G_OBJECT (self),
                                   serve_metrics_admitted, NULL, NULL);
      return;
    }

  if (!is_mcp && !is_sse && !is_message &&
      _mcp_listener_serve_health (msg, path,
                                  _mcp_server_transport_is_draining (MCP_SERVER_TRANSPORT (self))))
    return;

  if (!is_mcp && !is_sse && !is_message)
    {
      _mcp_http_server_answer (msg, SOUP_STATUS_NOT_FOUND, NULL, MCP_JSONRPC_INVALID_REQUEST, "Not Found");
      return;
    }

  if (self->cors && origin != NULL)
    add_cors_headers (self, msg, origin);

  if (g_strcmp0 (method, SOUP_METHOD_OPTIONS) == 0)
    {
      SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

      if (self->cors && origin != NULL)
        {
          soup_message_headers_replace (response, "Access-Control-Allow-Methods",
                                        "GET, POST, DELETE, OPTIONS");
          soup_message_headers_replace (response, "Access-Control-Allow-Headers",
                                        "Content-Type, Accept, Authorization, X-API-Key, "
                                        "Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID");
          soup_message_headers_replace (response, "Access-Control-Max-Age", "86400");
        }
      soup_message_headers_replace (response, "Allow", "GET, POST, DELETE, OPTIONS");
      answer_empty (msg, SOUP_STATUS_NO_CONTENT);
      return;
    }

  target = g_new0 (Target, 1);
  target->path = g_strdup (path);
  target->query = query != NULL ? g_hash_table_ref (query) : NULL;
  _mcp_admission_authenticate (&policy, msg, self->path, G_OBJECT (self), serve, target,
                               target_free);
}

/* Once admitted. */
static void
serve (GObject           *owner,
       SoupServerMessage *msg,
       McpAuthInfo       *info,
       gpointer           user_data)
{
  McpHttpServerTransport *self = MCP_HTTP_SERVER_TRANSPORT (owner);
  Target *target = user_data;
  const char *path = target->path;
  GHashTable *query = target->query;
  const char *method = soup_server_message_get_method (msg);
  gboolean is_mcp = g_strcmp0 (path, self->path) == 0;
  gboolean is_sse = self->legacy_sse && g_strcmp0 (path, self->sse_path) == 0;
  gboolean is_message = self->legacy_sse && g_strcmp0 (path, self->message_path) == 0;

  if (is_mcp && g_strcmp0 (method, SOUP_METHOD_POST) == 0)
    handle_post (self, msg);
  else if (is_mcp && g_strcmp0 (method, SOUP_METHOD_GET) == 0)
    handle_get (self, msg);
  else if (is_mcp && g_strcmp0 (method, SOUP_METHOD_DELETE) == 0)
    handle_delete (self, msg);
  else if (is_sse && g_strcmp0 (method, SOUP_METHOD_GET) == 0)
    handle_legacy_get (self, msg);
  else if (is_message && g_strcmp0 (method, SOUP_METHOD_POST) == 0)
    handle_legacy_post (self, msg, query);
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    is_mcp ? "GET, POST, DELETE" : is_sse ? "GET" : "POST");
      _mcp_http_server_answer (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, MCP_JSONRPC_INVALID_REQUEST,
                               "Method Not Allowed");
    }
}

/* McpServerTransport ----------------------------------------------------------- */

static void
mcp_http_server_transport_start_async (McpServerTransport  *transport,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpHttpServerTransport *self = MCP_HTTP_SERVER_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, mcp_http_server_transport_start_async);

  if (self->server != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The HTTP server transport is already started");
      return;
    }

  self->server = soup_server_new ("server-header", "mcp-glib/" PACKAGE_VERSION,
                                  "tls-certificate", self->settings.tls_certificate,
                                  NULL);
  soup_server_add_early_handler (self->server, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);

  if (!_mcp_listener_settings_listen (&self->settings, self->server, &error))
    {
      g_clear_object (&self->server);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->bound_port = _mcp_listener_get_port (self->settings.listener);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_PORT]);

  start_ticking (self);
  g_task_return_boolean (task, TRUE);
}

static void
close_all_sessions (McpHttpServerTransport *self)
{
  g_autoptr(GList) peers = NULL;

  if (self->sessions == NULL)
    return;

  peers = g_hash_table_get_values (self->sessions);
  for (GList *l = peers; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = peers; l != NULL; l = l->next)
    {
      _mcp_http_server_peer_close (l->data);
      g_object_unref (l->data);
    }
}

static void
stop_listening (McpHttpServerTransport *self)
{
  _mcp_listener_settings_stop (&self->settings, self->server);
  g_clear_object (&self->server);
}

static void
mcp_http_server_transport_stop_async (McpServerTransport  *transport,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  McpHttpServerTransport *self = MCP_HTTP_SERVER_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_http_server_transport_stop_async);

  close_all_sessions (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  stop_listening (self);

  g_task_return_boolean (task, TRUE);
}

static void
mcp_http_server_transport_iface_init (McpServerTransportInterface *iface)
{
  iface->start_async = mcp_http_server_transport_start_async;
  iface->start_finish = _mcp_server_transport_task_finish;
  iface->stop_async = mcp_http_server_transport_stop_async;
  iface->stop_finish = _mcp_server_transport_task_finish;
}

/* GObject ---------------------------------------------------------------------- */

static void
mcp_http_server_transport_dispose (GObject *object)
{
  McpHttpServerTransport *self = (McpHttpServerTransport *) object;

  GHashTableIter iter;
  gpointer peer;

  close_all_sessions (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  stop_listening (self);

  /* A session that did not close stays with whoever holds it: it must
   * never call us back. */
  if (self->sessions != NULL)
    {
      g_hash_table_iter_init (&iter, self->sessions);
      while (g_hash_table_iter_next (&iter, NULL, &peer))
        g_signal_handlers_disconnect_by_func (peer, on_peer_closed, self);
    }

  G_OBJECT_CLASS (mcp_http_server_transport_parent_class)->dispose (object);
}

static void
mcp_http_server_transport_finalize (GObject *object)
{
  McpHttpServerTransport *self = (McpHttpServerTransport *) object;

  g_clear_pointer (&self->sessions, g_hash_table_unref);
  _mcp_listener_settings_clear (&self->settings);
  g_free (self->path);
  g_free (self->sse_path);
  g_free (self->message_path);
  g_free (self->node_id);
  g_clear_object (&self->auth_provider);

  G_OBJECT_CLASS (mcp_http_server_transport_parent_class)->finalize (object);
}

static void
set_string (McpHttpServerTransport  *self,
            char                   **field,
            const char              *value,
            guint                    prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint (McpHttpServerTransport *self,
          guint                  *field,
          guint                   value,
          guint                   prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (McpHttpServerTransport *self,
             gboolean               *field,
             gboolean                value,
             guint                   prop)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
mcp_http_server_transport_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  McpHttpServerTransport *self = MCP_HTTP_SERVER_TRANSPORT (object);

  if (_mcp_listener_settings_get_property (&self->settings, settings_props, prop_id, value))
    return;

  if (_mcp_send_queue_get_property (&self->send_queue, PROP_SEND_HIGH_WATER, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SSE_PATH:
      g_value_set_string (value, self->sse_path);
      break;
    case PROP_MESSAGE_PATH:
      g_value_set_string (value, self->message_path);
      break;
    case PROP_LEGACY_SSE:
      g_value_set_boolean (value, self->legacy_sse);
      break;
    case PROP_AUTH_PROVIDER:
      g_value_set_object (value, self->auth_provider);
      break;
    case PROP_CORS:
      g_value_set_boolean (value, self->cors);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;
    case PROP_MAX_SESSIONS:
      g_value_set_uint (value, self->max_sessions);
      break;
    case PROP_SESSION_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout);
      break;
    case PROP_REPLAY_BUFFER_SIZE:
      g_value_set_uint (value, self->replay_buffer_size);
      break;
    case PROP_KEEP_ALIVE_INTERVAL:
      g_value_set_uint (value, self->keep_alive_interval);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_interval);
      break;
    case PROP_SERVE_METRICS:
      g_value_set_boolean (value, self->serve_metrics);
      break;
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    case PROP_REUSE_PORT:
      g_value_set_boolean (value, self->settings.reuse_port);
      break;
    case PROP_BOUND_PORT:
      g_value_set_uint (value, self->bound_port);
      break;
    case PROP_N_SESSIONS:
      g_value_set_uint (value, mcp_http_server_transport_get_n_sessions (self));
      break;
    case PROP_REPLAY_BUFFER_BYTES:
      g_value_set_uint64 (value, self->replay_buffer_bytes);
      break;
    case PROP_COMPRESSION_THRESHOLD:
      g_value_set_uint (value, self->compression_threshold);
      break;
    case PROP_LEGACY_INITIALIZE_TIMEOUT:
      g_value_set_uint (value, self->legacy_initialize_timeout);
      break;
    case PROP_MAX_SESSIONS_PER_ADDRESS:
      g_value_set_uint (value, self->max_sessions_per_address);
      break;
    case PROP_MAX_UNINITIALIZED_PER_ADDRESS:
      g_value_set_uint (value, self->max_uninitialized_per_address);
      break;
    case PROP_STREAM_IDLE_TIMEOUT:
      g_value_set_uint (value, self->stream_idle_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_http_server_transport_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  McpHttpServerTransport *self = MCP_HTTP_SERVER_TRANSPORT (object);

  if (_mcp_listener_settings_set_property (object, &self->settings, properties, settings_props,
                                           prop_id, value))
    return;

  if (_mcp_send_queue_set_property (object, &self->send_queue, properties, PROP_SEND_HIGH_WATER,
                                    prop_id, value, NULL))
    return;

  switch (prop_id)
    {
    case PROP_PATH:
      mcp_http_server_transport_set_path (self, g_value_get_string (value));
      break;
    case PROP_SSE_PATH:
      set_string (self, &self->sse_path, g_value_get_string (value) != NULL ? g_value_get_string (value) : DEFAULT_SSE_PATH, prop_id);
      break;
    case PROP_MESSAGE_PATH:
      set_string (self, &self->message_path, g_value_get_string (value) != NULL ? g_value_get_string (value) : DEFAULT_MESSAGE_PATH, prop_id);
      break;
    case PROP_LEGACY_SSE:
      set_boolean (self, &self->legacy_sse, g_value_get_boolean (value), prop_id);
      break;
    case PROP_AUTH_PROVIDER:
      mcp_http_server_transport_set_auth_provider (self, g_value_get_object (value));
      break;
    case PROP_CORS:
      set_boolean (self, &self->cors, g_value_get_boolean (value), prop_id);
      break;
    case PROP_MAX_BODY_SIZE:
      mcp_http_server_transport_set_max_body_size (self, g_value_get_uint64 (value));
      break;
    case PROP_MAX_SESSIONS:
      mcp_http_server_transport_set_max_sessions (self, g_value_get_uint (value));
      break;
    case PROP_SESSION_IDLE_TIMEOUT:
      mcp_http_server_transport_set_session_idle_timeout (self, g_value_get_uint (value));
      break;
    case PROP_REPLAY_BUFFER_SIZE:
      set_uint (self, &self->replay_buffer_size, g_value_get_uint (value), prop_id);
      break;
    case PROP_KEEP_ALIVE_INTERVAL:
      set_uint (self, &self->keep_alive_interval, g_value_get_uint (value), prop_id);
      if (self->tick_id != 0)
        start_ticking (self);
      break;
    case PROP_RETRY_INTERVAL:
      set_uint (self, &self->retry_interval, g_value_get_uint (value), prop_id);
      break;
    case PROP_SERVE_METRICS:
      if (self->serve_metrics != g_value_get_boolean (value))
        {
          self->serve_metrics = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_NODE_ID:
      mcp_http_server_transport_set_node_id (self, g_value_get_string (value));
      break;
    case PROP_REUSE_PORT:
      mcp_http_server_transport_set_reuse_port (self, g_value_get_boolean (value));
      break;
    case PROP_REPLAY_BUFFER_BYTES:
      mcp_http_server_transport_set_replay_buffer_bytes (self, g_value_get_uint64 (value));
      break;
    case PROP_COMPRESSION_THRESHOLD:
      if (self->compression_threshold != g_value_get_uint (value))
        {
          self->compression_threshold = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_LEGACY_INITIALIZE_TIMEOUT:
      mcp_http_server_transport_set_legacy_initialize_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_SESSIONS_PER_ADDRESS:
      mcp_http_server_transport_set_max_sessions_per_address (self, g_value_get_uint (value));
      break;
    case PROP_MAX_UNINITIALIZED_PER_ADDRESS:
      mcp_http_server_transport_set_max_uninitialized_per_address (self, g_value_get_uint (value));
      break;
    case PROP_STREAM_IDLE_TIMEOUT:
      mcp_http_server_transport_set_stream_idle_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_http_server_transport_class_init (McpHttpServerTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_http_server_transport_dispose;
  object_class->finalize = mcp_http_server_transport_finalize;
  object_class->get_property = mcp_http_server_transport_get_property;
  object_class->set_property = mcp_http_server_transport_set_property;

  /**
   * McpHttpServerTransport:path:
   *
   * The path of the Streamable HTTP endpoint.
   *
   * Since: 0.1
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, DEFAULT_PATH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:sse-path:
   *
   * The path of the legacy HTTP+SSE event stream.
   *
   * Since: 0.1
   */
  properties[PROP_SSE_PATH] =
    g_param_spec_string ("sse-path", NULL, NULL, DEFAULT_SSE_PATH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:message-path:
   *
   * The path legacy HTTP+SSE clients post their messages to.
   *
   * Since: 0.1
   */
  properties[PROP_MESSAGE_PATH] =
    g_param_spec_string ("message-path", NULL, NULL, DEFAULT_MESSAGE_PATH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:legacy-sse:
   *
   * Whether the legacy 2024-11-05 HTTP+SSE transport is served too.
   *
   * Since: 0.1
   */
  properties[PROP_LEGACY_SSE] =
    g_param_spec_boolean ("legacy-sse", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:auth-provider:
   *
   * Who may call: asked before every request is served, and every request
   * of a session must come from the principal that opened it. It takes
   * precedence over #McpHttpServerTransport:auth-token; %NULL: the token,
   * if set, else anyone.
   *
   * Since: 0.1
   */
  properties[PROP_AUTH_PROVIDER] =
    g_param_spec_object ("auth-provider", NULL, NULL, MCP_TYPE_AUTH_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:cors:
   *
   * Whether responses to accepted origins carry CORS headers (and `OPTIONS`
   * preflights are answered), so that web pages can connect. The
   * `Mcp-Session-Id` header is exposed to them.
   *
   * Since: 0.1
   */
  properties[PROP_CORS] =
    g_param_spec_boolean ("cors", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:max-body-size:
   *
   * The largest request body accepted, in bytes; larger ones get `413`.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXUINT64,
                         MCP_HTTP_DEFAULT_MAX_BODY_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:max-sessions:
   *
   * How many sessions may be open at once; a new one past that gets `503`.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_SESSIONS] =
    g_param_spec_uint ("max-sessions", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_SESSIONS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:session-idle-timeout:
   *
   * How long, in milliseconds, a session may go without HTTP traffic before
   * it is closed; 0 keeps sessions until they are deleted. A session with a
   * request in flight or an open event stream is never idle.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION_IDLE_TIMEOUT] =
    g_param_spec_uint ("session-idle-timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_IDLE_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:replay-buffer-size:
   *
   * How many recent events each session keeps for clients that resume a
   * stream with `Last-Event-ID`; 0 keeps none.
   *
   * Since: 0.1
   */
  properties[PROP_REPLAY_BUFFER_SIZE] =
    g_param_spec_uint ("replay-buffer-size", NULL, NULL, 0, G_MAXUINT, DEFAULT_REPLAY_BUFFER_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:keep-alive-interval:
   *
   * How often, in milliseconds, an idle event stream gets an SSE comment, so
   * that proxies keep it open and vanished clients are noticed; 0 sends
   * none.
   *
   * Since: 0.1
   */
  properties[PROP_KEEP_ALIVE_INTERVAL] =
    g_param_spec_uint ("keep-alive-interval", NULL, NULL, 0, G_MAXUINT, DEFAULT_KEEP_ALIVE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:retry-interval:
   *
   * The `retry:` value, in milliseconds, sent in priming events: how long a
   * client waits before it reconnects to a stream the server closed.
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL, 0, G_MAXUINT, DEFAULT_RETRY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:serve-metrics:
   *
   * Whether `GET /metrics` answers with the metrics of the #McpServer the
   * transport serves (mcp_server_dup_metrics_text(), in the Prometheus text
   * format; 404 while #McpServer:metrics-enabled is off), behind the same
   * credentials as the MCP endpoint. Off by default.
   *
   * Since: 0.1
   */
  properties[PROP_SERVE_METRICS] =
    g_param_spec_boolean ("serve-metrics", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:node-id:
   *
   * The name of this replica among those a load balancer spreads clients
   * over. When set, every session id the transport mints starts with it
   * and a `-` (`node1-3f9c…`), so that the balancer can send each request
   * of a 2025-era session to the replica that holds the session: with
   * nginx, a `map` of `$http_mcp_session_id` on `~^node1-`. Requests of
   * the stateless 2026-07-28 era need no such affinity.
   *
   * A node id is 1 to 32 ASCII letters, digits, `_` or `.` (no `-`, so
   * that the first `-` of a session id always ends its prefix; see
   * mcp_http_server_transport_is_valid_node_id()). %NULL, the default,
   * mints ids without a prefix. Changing it affects only the sessions
   * opened afterwards.
   *
   * Since: 0.1
   */
  properties[PROP_NODE_ID] =
    g_param_spec_string ("node-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:reuse-port:
   *
   * Whether the listening socket is bound with `SO_REUSEPORT`, so that
   * several processes can listen on the same #McpHttpServerTransport:port
   * and the kernel spreads the connections over them (the workers of
   * `mcp-everything-server --workers`). Every socket bound to the port must
   * set it, from processes of the same user. Read when the transport
   * starts; off by default. Where the system lacks `SO_REUSEPORT`, starting
   * fails.
   *
   * Since: 0.1
   */
  properties[PROP_REUSE_PORT] =
    g_param_spec_boolean ("reuse-port", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:bound-port:
   *
   * The port actually listened on, once started.
   *
   * Since: 0.1
   */
  properties[PROP_BOUND_PORT] =
    g_param_spec_uint ("bound-port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:n-sessions:
   *
   * The number of open sessions.
   *
   * Since: 0.1
   */
  properties[PROP_N_SESSIONS] =
    g_param_spec_uint ("n-sessions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:host:
   *
   * The address to listen on: an IP address or a host name. %NULL listens
   * on 127.0.0.1 only; use `0.0.0.0` or `::` deliberately.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:port:
   *
   * The TCP port to listen on; 0 picks a free one (see
   * #McpHttpServerTransport:bound-port).
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:auth-token:
   *
   * A secret every request must present as `Authorization: Bearer <token>`,
   * or %NULL (or the empty string) to require none.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:allowed-origins:
   *
   * `Origin` values accepted besides loopback ones (`http://localhost:…`,
   * `http://127.0.0.1:…`, `http://[::1]:…`), such as
   * `https://app.example.com`; `*` accepts any. Requests without `Origin`
   * (not from a browser) are always accepted.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:allowed-hosts:
   *
   * `Host` header values accepted, with or without port; `*` accepts any.
   * When %NULL, a server bound to a loopback address accepts only loopback
   * names and one bound elsewhere accepts any.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:tls-certificate:
   *
   * A certificate with its private key: when set, the server speaks HTTPS.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:tls-client-auth:
   *
   * Whether the TLS handshake asks clients for a certificate:
   * %G_TLS_AUTHENTICATION_NONE (the default), %G_TLS_AUTHENTICATION_REQUESTED
   * (a client may send one) or %G_TLS_AUTHENTICATION_REQUIRED (a client
   * without a certificate the CAs of #McpHttpServerTransport:tls-database or
   * #McpHttpServerTransport:tls-client-ca-file verify fails the handshake,
   * and no request of it is served). A certificate that does not verify
   * (another CA, expired, not yet valid) fails the handshake in either
   * mode. The verified certificate goes to the
   * #McpHttpServerTransport:auth-provider (see #McpClientCertificateProvider).
   * Needs #McpHttpServerTransport:tls-certificate and a CA file or
   * database; starting fails without. Takes effect at start.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:tls-client-ca-file:
   *
   * A PEM file of the CA certificates that issue client certificates, read
   * when the server starts (g_tls_file_database_new()), used unless
   * #McpHttpServerTransport:tls-database is set.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:tls-database:
   *
   * The #GTlsDatabase that verifies client certificates, instead of
   * #McpHttpServerTransport:tls-client-ca-file. The system's CAs are
   * never used for client certificates unless given here.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:max-connections:
   *
   * The connections the server holds at once, whatever they are doing; one
   * over it is closed at once, after a `503` on plain HTTP. 0 (the default)
   * means three quarters of the process's soft file-descriptor limit
   * (`RLIMIT_NOFILE`), less 32.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:max-connections-per-address:
   *
   * The connections one client IP address may hold at once. 0 (the
   * default) means a quarter of #McpHttpServerTransport:max-connections
   * (184 with the usual limit of 1024 descriptors).
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:header-timeout:
   *
   * Milliseconds a connection has to send a whole request head, counted
   * from the connection (or, between kept-alive requests, from the first
   * byte); it is closed otherwise. 10 000 by default; 0 for no deadline.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:connection-idle-timeout:
   *
   * Milliseconds a kept-alive connection may stay idle between two
   * requests before it is closed (60 000 by default; 0 for none). An event
   * stream is a request in progress, never idle.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:max-sessions-per-principal:
   *
   * How many sessions one principal (the #McpAuthInfo:principal an auth
   * provider named) may hold open at once; 256 by default, 0 for no cap.
   * #McpAuthInfo:max-sessions overrides it for one principal. One more is
   * refused with 429 Too Many Requests.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:tcp-keepalive:
   *
   * Seconds a connection may be silent before TCP keep-alive probes ask
   * whether the client is still there (120 by default; 0 for no probes).
   * Four probes go a quarter of it apart; a client that answers none is
   * disconnected, and its sessions with it.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:n-connections:
   *
   * How many connections the listener holds now, whatever they are doing
   * (read it when you need it: it is not notified).
   *
   * Since: 0.1
   */
  _mcp_listener_settings_install_pspecs (properties, settings_props, FALSE);

  /**
   * McpHttpServerTransport:replay-buffer-bytes:
   *
   * How many bytes of recent events each session keeps for clients that
   * resume a stream with `Last-Event-ID`, besides
   * #McpHttpServerTransport:replay-buffer-size; 0 for no byte cap. The
   * newest event is always kept. Replays share the kept bytes, and
   * responses sent as plain `application/json` are never kept.
   *
   * Since: 0.1
   */
  properties[PROP_REPLAY_BUFFER_BYTES] =
    g_param_spec_uint64 ("replay-buffer-bytes", NULL, NULL,
                       0, G_MAXUINT64, DEFAULT_REPLAY_BUFFER_BYTES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:compression-threshold:
   *
   * The size in bytes from which a response sent as one `application/json`
   * body is compressed with gzip, when the request's `Accept-Encoding`
   * takes it (1024 by default; 0 never compresses). Event streams are
   * never compressed: their events must reach the client as they are
   * written. Sessions opened earlier keep the value they started with.
   *
   * Since: 0.1
   */
  properties[PROP_COMPRESSION_THRESHOLD] =
    g_param_spec_uint ("compression-threshold", NULL, NULL, 0, G_MAXUINT,
                       DEFAULT_COMPRESSION_THRESHOLD,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:send-high-water:
   *
   * Bytes an event stream may hold unwritten (the client is not reading)
   * before further events wait in the session instead of the connection;
   * 0 never holds them back.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:max-send-queue:
   *
   * Bytes an event stream may hold, unwritten and waiting, past which its
   * connection is ended at once (a legacy HTTP+SSE session, which cannot
   * resume, is closed); 0 for no cap.
   *
   * Since: 0.1
   */
  /**
   * McpHttpServerTransport:send-stall-timeout:
   *
   * Seconds an event stream may stay above
   * #McpHttpServerTransport:send-high-water before its connection is ended
   * (a legacy HTTP+SSE session is closed); 0 waits forever.
   *
   * Since: 0.1
   */
  _mcp_send_queue_install_pspecs (properties + PROP_SEND_HIGH_WATER);

  /**
   * McpHttpServerTransport:legacy-initialize-timeout:
   *
   * Seconds a legacy `GET /sse` stream may stay open without its session
   * receiving `initialize`; past that the stream and its session are
   * closed. 0 waits forever.
   *
   * Since: 0.1
   */
  properties[PROP_LEGACY_INITIALIZE_TIMEOUT] =
    g_param_spec_uint ("legacy-initialize-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_LEGACY_INITIALIZE_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:max-sessions-per-address:
   *
   * How many sessions one client address may hold at once; a new one past
   * that gets `503`. 0 for no cap.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_SESSIONS_PER_ADDRESS] =
    g_param_spec_uint ("max-sessions-per-address", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MAX_SESSIONS_PER_ADDRESS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:max-uninitialized-per-address:
   *
   * How many legacy `GET /sse` streams that have not sent `initialize`
   * yet one client address may hold at once; a new one past that gets
   * `503`. 0 for no cap.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_UNINITIALIZED_PER_ADDRESS] =
    g_param_spec_uint ("max-uninitialized-per-address", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MAX_UNINITIALIZED_PER_ADDRESS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpServerTransport:stream-idle-timeout:
   *
   * Seconds after which a session with nothing in flight is closed even
   * though an event stream is open (an open stream alone keeps a session
   * from #McpHttpServerTransport:session-idle-timeout); 0 never closes
   * such a session. Any request, or a message sent to the client, counts
   * as activity.
   *
   * Since: 0.1
   */
  properties[PROP_STREAM_IDLE_TIMEOUT] =
    g_param_spec_uint ("stream-idle-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_STREAM_IDLE_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpHttpServerTransport::session-opened:
   * @self: the transport
   * @session_id: the new session's `Mcp-Session-Id`
   *
   * Emitted when a client starts a session, after
   * #McpServerTransport::peer-connected.
   *
   * Since: 0.1
   */
  signals[SESSION_OPENED] =
    g_signal_new ("session-opened",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpHttpServerTransport::session-closed:
   * @self: the transport
   * @session_id: the session's `Mcp-Session-Id`
   *
   * Emitted when a session ends: deleted by its client, closed by the
   * server, reaped when idle, or its legacy event stream went away.
   *
   * Since: 0.1
   */
  signals[SESSION_CLOSED] =
    g_signal_new ("session-closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mcp_http_server_transport_init (McpHttpServerTransport *self)
{
  self->path = g_strdup (DEFAULT_PATH);
  self->sse_path = g_strdup (DEFAULT_SSE_PATH);
  self->message_path = g_strdup (DEFAULT_MESSAGE_PATH);
  self->legacy_sse = TRUE;
  self->max_body_size = MCP_HTTP_DEFAULT_MAX_BODY_SIZE;
  self->max_sessions = DEFAULT_MAX_SESSIONS;
  self->idle_timeout = DEFAULT_IDLE_TIMEOUT_MS;
  self->replay_buffer_size = DEFAULT_REPLAY_BUFFER_SIZE;
  self->replay_buffer_bytes = DEFAULT_REPLAY_BUFFER_BYTES;
  self->compression_threshold = DEFAULT_COMPRESSION_THRESHOLD;
  _mcp_send_queue_limits_init (&self->send_queue);
  self->legacy_initialize_timeout = DEFAULT_LEGACY_INITIALIZE_TIMEOUT;
  self->max_sessions_per_address = DEFAULT_MAX_SESSIONS_PER_ADDRESS;
  self->max_uninitialized_per_address = DEFAULT_MAX_UNINITIALIZED_PER_ADDRESS;
  self->stream_idle_timeout = DEFAULT_STREAM_IDLE_TIMEOUT;
  self->keep_alive_interval = DEFAULT_KEEP_ALIVE_MS;
  self->retry_interval = DEFAULT_RETRY_MS;
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  _mcp_listener_settings_init (&self->settings);
}

/* Public API ------------------------------------------------------------------- */

/**
 * mcp_http_server_transport_new:
 *
 * Creates an HTTP server transport with safe defaults: 127.0.0.1, a free
 * port, path `/mcp`. Set properties, then start it with
 * mcp_server_transport_start_async().
 *
 * Returns: (transfer full): a new #McpHttpServerTransport
 *
 * Since: 0.1
 */
McpHttpServerTransport *
mcp_http_server_transport_new (void)
{
  return g_object_new (MCP_TYPE_HTTP_SERVER_TRANSPORT, NULL);
}

/**
 * mcp_http_server_transport_get_host:
 * @self: a #McpHttpServerTransport
 *
 * Gets the configured listening address (%NULL: 127.0.0.1).
 *
 * Returns: (nullable): the configured listening address (%NULL: 127.0.0.1)
 *
 * Since: 0.1
 */
const char *
mcp_http_server_transport_get_host (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->settings.host;
}

/**
 * mcp_http_server_transport_set_host:
 * @self: a #McpHttpServerTransport
 * @host: (nullable): an IP address or host name, or %NULL for 127.0.0.1
 *
 * Sets #McpHttpServerTransport:host; it applies when the server starts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_host (McpHttpServerTransport *self,
                                    const char             *host)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_host (G_OBJECT (self), &self->settings, properties[PROP_HOST], host);
}

/**
 * mcp_http_server_transport_get_port:
 * @self: a #McpHttpServerTransport
 *
 * Gets the configured port (0: any free one).
 *
 * Returns: the configured port (0: any free one)
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_port (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->settings.port;
}

/**
 * mcp_http_server_transport_set_port:
 * @self: a #McpHttpServerTransport
 * @port: a TCP port, or 0 for any free one
 *
 * Sets #McpHttpServerTransport:port; it applies when the server starts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_port (McpHttpServerTransport *self,
                                    guint                   port)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (port <= 65535);

  _mcp_listener_settings_set_port (G_OBJECT (self), &self->settings, properties[PROP_PORT], port);
}

/**
 * mcp_http_server_transport_get_path:
 * @self: a #McpHttpServerTransport
 *
 * Gets the path of the Streamable HTTP endpoint.
 *
 * Returns: the path of the Streamable HTTP endpoint
 *
 * Since: 0.1
 */
const char *
mcp_http_server_transport_get_path (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->path;
}

/**
 * mcp_http_server_transport_set_path:
 * @self: a #McpHttpServerTransport
 * @path: (nullable): an absolute path such as `/mcp`; %NULL restores `/mcp`
 *
 * Sets #McpHttpServerTransport:path.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_path (McpHttpServerTransport *self,
                                    const char             *path)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (path == NULL || path[0] == '/');

  set_string (self, &self->path, path != NULL ? path : DEFAULT_PATH, PROP_PATH);
}

/**
 * mcp_http_server_transport_get_auth_token:
 * @self: a #McpHttpServerTransport
 *
 * Gets the bearer token requests must carry.
 *
 * Returns: (nullable): the bearer token requests must carry
 *
 * Since: 0.1
 */
const char *
mcp_http_server_transport_get_auth_token (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->settings.auth_token;
}

/**
 * mcp_http_server_transport_set_auth_token:
 * @self: a #McpHttpServerTransport
 * @token: (nullable): the secret, or %NULL to require none
 *
 * Sets #McpHttpServerTransport:auth-token.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_auth_token (McpHttpServerTransport *self,
                                          const char             *token)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_auth_token (G_OBJECT (self), &self->settings,
                                         properties[PROP_AUTH_TOKEN], token);
}

/**
 * mcp_http_server_transport_get_auth_provider:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:auth-provider.
 *
 * Returns: (transfer none) (nullable): the auth provider
 *
 * Since: 0.1
 */
McpAuthProvider *
mcp_http_server_transport_get_auth_provider (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->auth_provider;
}

/**
 * mcp_http_server_transport_set_auth_provider:
 * @self: a #McpHttpServerTransport
 * @provider: (nullable): who may call
 *
 * Sets #McpHttpServerTransport:auth-provider.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_auth_provider (McpHttpServerTransport *self,
                                             McpAuthProvider        *provider)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (provider == NULL || MCP_IS_AUTH_PROVIDER (provider));

  if (g_set_object (&self->auth_provider, provider))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_PROVIDER]);
}

/**
 * mcp_http_server_transport_get_allowed_origins:
 * @self: a #McpHttpServerTransport
 *
 * Gets the extra origins accepted.
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the extra
 *   origins accepted
 *
 * Since: 0.1
 */
const char * const *
mcp_http_server_transport_get_allowed_origins (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return (const char * const *) self->settings.allowed_origins;
}

/**
 * mcp_http_server_transport_set_allowed_origins:
 * @self: a #McpHttpServerTransport
 * @origins: (nullable) (array zero-terminated=1): origins such as
 *   `https://app.example.com`, or `*`
 *
 * Sets #McpHttpServerTransport:allowed-origins.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_allowed_origins (McpHttpServerTransport *self,
                                               const char * const     *origins)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_allowed_origins (G_OBJECT (self), &self->settings,
                                              properties[PROP_ALLOWED_ORIGINS], origins);
}

/**
 * mcp_http_server_transport_get_allowed_hosts:
 * @self: a #McpHttpServerTransport
 *
 * Gets the `Host` values accepted, or %NULL for the default rule.
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the `Host`
 *   values accepted, or %NULL for the default rule
 *
 * Since: 0.1
 */
const char * const *
mcp_http_server_transport_get_allowed_hosts (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return (const char * const *) self->settings.allowed_hosts;
}

/**
 * mcp_http_server_transport_set_allowed_hosts:
 * @self: a #McpHttpServerTransport
 * @hosts: (nullable) (array zero-terminated=1): host names, with or without
 *   port, or `*`; %NULL for the default rule
 *
 * Sets #McpHttpServerTransport:allowed-hosts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_allowed_hosts (McpHttpServerTransport *self,
                                             const char * const     *hosts)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_allowed_hosts (G_OBJECT (self), &self->settings,
                                            properties[PROP_ALLOWED_HOSTS], hosts);
}

/**
 * mcp_http_server_transport_get_tls_certificate:
 * @self: a #McpHttpServerTransport
 *
 * Gets the certificate, if HTTPS is served.
 *
 * Returns: (nullable) (transfer none): the certificate, if HTTPS is served
 *
 * Since: 0.1
 */
GTlsCertificate *
mcp_http_server_transport_get_tls_certificate (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->settings.tls_certificate;
}

/**
 * mcp_http_server_transport_set_tls_certificate:
 * @self: a #McpHttpServerTransport
 * @certificate: (nullable): a certificate with its private key
 *
 * Sets #McpHttpServerTransport:tls-certificate; it applies when the server
 * starts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_tls_certificate (McpHttpServerTransport *self,
                                               GTlsCertificate        *certificate)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  _mcp_listener_settings_set_tls_certificate (G_OBJECT (self), &self->settings,
                                              properties[PROP_TLS_CERTIFICATE], certificate);
}

/**
 * mcp_http_server_transport_get_tls_client_auth:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:tls-client-auth.
 *
 * Returns: whether client certificates are asked for
 *
 * Since: 0.1
 */
GTlsAuthenticationMode
mcp_http_server_transport_get_tls_client_auth (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), G_TLS_AUTHENTICATION_NONE);

  return self->settings.tls_client_auth;
}

/**
 * mcp_http_server_transport_set_tls_client_auth:
 * @self: a #McpHttpServerTransport
 * @mode: whether the TLS handshake asks for a client certificate
 *
 * Sets #McpHttpServerTransport:tls-client-auth; it applies when the server
 * starts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_tls_client_auth (McpHttpServerTransport *self,
                                               GTlsAuthenticationMode  mode)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_tls_client_auth (G_OBJECT (self), &self->settings,
                                              properties[PROP_TLS_CLIENT_AUTH], mode);
}

/**
 * mcp_http_server_transport_get_tls_client_ca_file:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:tls-client-ca-file.
 *
 * Returns: (type filename) (nullable): the file of the client CAs
 *
 * Since: 0.1
 */
const char *
mcp_http_server_transport_get_tls_client_ca_file (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->settings.tls_client_ca_file;
}

/**
 * mcp_http_server_transport_set_tls_client_ca_file:
 * @self: a #McpHttpServerTransport
 * @filename: (type filename) (nullable): a PEM file of CA certificates
 *
 * Sets #McpHttpServerTransport:tls-client-ca-file; it is read when the
 * server starts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_tls_client_ca_file (McpHttpServerTransport *self,
                                                  const char             *filename)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_listener_settings_set_tls_client_ca_file (G_OBJECT (self), &self->settings,
                                                 properties[PROP_TLS_CLIENT_CA_FILE], filename);
}

/**
 * mcp_http_server_transport_get_tls_database:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:tls-database.
 *
 * Returns: (transfer none) (nullable): the database of client CAs
 *
 * Since: 0.1
 */
GTlsDatabase *
mcp_http_server_transport_get_tls_database (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->settings.tls_database;
}

/**
 * mcp_http_server_transport_set_tls_database:
 * @self: a #McpHttpServerTransport
 * @database: (nullable): the #GTlsDatabase that verifies client certificates
 *
 * Sets #McpHttpServerTransport:tls-database; it applies when the server
 * starts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_tls_database (McpHttpServerTransport *self,
                                            GTlsDatabase           *database)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  _mcp_listener_settings_set_tls_database (G_OBJECT (self), &self->settings,
                                           properties[PROP_TLS_DATABASE], database);
}

/**
 * mcp_http_server_transport_get_max_body_size:
 * @self: a #McpHttpServerTransport
 *
 * Gets the largest request body accepted, in bytes.
 *
 * Returns: the largest request body accepted, in bytes
 *
 * Since: 0.1
 */
guint64
mcp_http_server_transport_get_max_body_size (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->max_body_size;
}

/**
 * mcp_http_server_transport_set_max_body_size:
 * @self: a #McpHttpServerTransport
 * @max_body_size: the largest request body accepted, in bytes
 *
 * Sets #McpHttpServerTransport:max-body-size.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_max_body_size (McpHttpServerTransport *self,
                                             guint64                 max_body_size)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (max_body_size > 0);

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

/**
 * mcp_http_server_transport_get_max_sessions:
 * @self: a #McpHttpServerTransport
 *
 * Gets how many sessions may be open at once.
 *
 * Returns: how many sessions may be open at once
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_max_sessions (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->max_sessions;
}

/**
 * mcp_http_server_transport_set_max_sessions:
 * @self: a #McpHttpServerTransport
 * @max_sessions: how many sessions may be open at once
 *
 * Sets #McpHttpServerTransport:max-sessions. Sessions already open stay.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_max_sessions (McpHttpServerTransport *self,
                                            guint                   max_sessions)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (max_sessions > 0);

  set_uint (self, &self->max_sessions, max_sessions, PROP_MAX_SESSIONS);
}

/**
 * mcp_http_server_transport_get_session_idle_timeout:
 * @self: a #McpHttpServerTransport
 *
 * Gets the idle time after which a session is closed, in milliseconds.
 *
 * Returns: the idle time after which a session is closed, in milliseconds
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_session_idle_timeout (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->idle_timeout;
}

/**
 * mcp_http_server_transport_set_session_idle_timeout:
 * @self: a #McpHttpServerTransport
 * @timeout_ms: the idle time in milliseconds, or 0 for never
 *
 * Sets #McpHttpServerTransport:session-idle-timeout.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_session_idle_timeout (McpHttpServerTransport *self,
                                                    guint                   timeout_ms)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  if (self->idle_timeout == timeout_ms)
    return;

  self->idle_timeout = timeout_ms;
  if (self->tick_id != 0)
    start_ticking (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_IDLE_TIMEOUT]);
}

/**
 * mcp_http_server_transport_is_valid_node_id:
 * @node_id: (nullable): a candidate #McpHttpServerTransport:node-id
 *
 * Checks that @node_id may prefix session ids: 1 to 32 ASCII letters,
 * digits, `_` or `.`.
 *
 * Returns: whether @node_id is a valid node id (%FALSE for %NULL)
 *
 * Since: 0.1
 */
gboolean
mcp_http_server_transport_is_valid_node_id (const char *node_id)
{
  gsize length = 0;

  if (node_id == NULL)
    return FALSE;

  for (const char *c = node_id; *c != '\0'; c++, length++)
    if (length >= MAX_NODE_ID_LENGTH || !(g_ascii_isalnum (*c) || *c == '_' || *c == '.'))
      return FALSE;

  return length > 0;
}

/**
 * mcp_http_server_transport_get_node_id:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:node-id.
 *
 * Returns: (nullable): the prefix of the session ids this transport mints
 *
 * Since: 0.1
 */
const char *
mcp_http_server_transport_get_node_id (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->node_id;
}

/**
 * mcp_http_server_transport_set_node_id:
 * @self: a #McpHttpServerTransport
 * @node_id: (nullable): this replica's name, valid by
 *   mcp_http_server_transport_is_valid_node_id(), or %NULL for none
 *
 * Sets #McpHttpServerTransport:node-id: the session ids minted from now
 * on start with `NODE_ID-`.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_node_id (McpHttpServerTransport *self,
                                       const char             *node_id)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));
  g_return_if_fail (node_id == NULL || mcp_http_server_transport_is_valid_node_id (node_id));

  if (g_strcmp0 (self->node_id, node_id) == 0)
    return;

  g_free (self->node_id);
  self->node_id = g_strdup (node_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE_ID]);
}

/**
 * mcp_http_server_transport_get_reuse_port:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:reuse-port.
 *
 * Returns: whether the listening socket is bound with `SO_REUSEPORT`
 *
 * Since: 0.1
 */
gboolean
mcp_http_server_transport_get_reuse_port (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), FALSE);

  return self->settings.reuse_port;
}

/**
 * mcp_http_server_transport_set_reuse_port:
 * @self: a #McpHttpServerTransport
 * @reuse_port: whether to bind with `SO_REUSEPORT`
 *
 * Sets #McpHttpServerTransport:reuse-port; it applies when the transport
 * starts.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_reuse_port (McpHttpServerTransport *self,
                                          gboolean                reuse_port)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  reuse_port = !!reuse_port;
  if (self->settings.reuse_port == reuse_port)
    return;

  self->settings.reuse_port = reuse_port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REUSE_PORT]);
}

/**
 * mcp_http_server_transport_get_soup_server:
 * @self: a #McpHttpServerTransport
 *
 * Gets the underlying server, for instance to add handlers of your own on
 * other paths.
 *
 * Returns: (nullable) (transfer none): the #SoupServer, once started
 *
 * Since: 0.1
 */
SoupServer *
mcp_http_server_transport_get_soup_server (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  return self->server;
}

/**
 * mcp_http_server_transport_get_bound_port:
 * @self: a #McpHttpServerTransport
 *
 * Gets the port listened on once started, else 0.
 *
 * Returns: the port listened on once started, else 0
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_bound_port (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->bound_port;
}

/**
 * mcp_http_server_transport_dup_url:
 * @self: a #McpHttpServerTransport
 *
 * Gets the URL of the Streamable HTTP endpoint, such as
 * `http://127.0.0.1:41234/mcp`.
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL if not started
 *
 * Since: 0.1
 */
char *
mcp_http_server_transport_dup_url (McpHttpServerTransport *self)
{
  const char *host;
  gboolean ipv6;

  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), NULL);

  if (self->server == NULL)
    return NULL;

  host = self->settings.host != NULL ? self->settings.host : DEFAULT_HOST;
  if (strcmp (host, "0.0.0.0") == 0)
    host = "127.0.0.1";
  else if (strcmp (host, "::") == 0)
    host = "::1";
  ipv6 = strchr (host, ':') != NULL && host[0] != '[';

  return g_strdup_printf ("%s://%s%s%s:%u%s",
                          self->settings.tls_certificate != NULL ? "https" : "http",
                          ipv6 ? "[" : "", host, ipv6 ? "]" : "",
                          self->bound_port, self->path);
}

/**
 * mcp_http_server_transport_get_n_sessions:
 * @self: a #McpHttpServerTransport
 *
 * Gets the number of open sessions.
 *
 * Returns: the number of open sessions
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_n_sessions (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return g_hash_table_size (self->sessions);
}

/**
 * mcp_http_server_transport_close_session:
 * @self: a #McpHttpServerTransport
 * @session_id: an `Mcp-Session-Id`
 *
 * Ends a session as if its client had deleted it: its requests in flight are
 * answered with an error, its streams end, and the id gets `404` from now
 * on.
 *
 * Returns: %TRUE if the session existed
 *
 * Since: 0.1
 */
gboolean
mcp_http_server_transport_close_session (McpHttpServerTransport *self,
                                         const char             *session_id)
{
  g_autoptr(McpHttpServerPeer) peer = NULL;
  McpHttpServerPeer *found;

  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);

  found = g_hash_table_lookup (self->sessions, session_id);
  if (found == NULL)
    return FALSE;

  peer = g_object_ref (found);
  _mcp_http_server_peer_close (peer);
  return TRUE;
}

/**
 * mcp_http_server_transport_get_replay_buffer_bytes:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:replay-buffer-bytes.
 *
 * Returns: the bytes of history kept per session, 0 for no byte cap
 *
 * Since: 0.1
 */
guint64
mcp_http_server_transport_get_replay_buffer_bytes (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->replay_buffer_bytes;
}

/**
 * mcp_http_server_transport_set_replay_buffer_bytes:
 * @self: a #McpHttpServerTransport
 * @bytes: the bytes of history kept per session, 0 for no byte cap
 *
 * Sets #McpHttpServerTransport:replay-buffer-bytes.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_replay_buffer_bytes (McpHttpServerTransport *self,
                                                   guint64 bytes)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  if (self->replay_buffer_bytes == bytes)
    return;

  self->replay_buffer_bytes = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLAY_BUFFER_BYTES]);
}

/**
 * mcp_http_server_transport_get_send_high_water:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:send-high-water.
 *
 * Returns: the unwritten bytes that hold events back, 0 for never
 *
 * Since: 0.1
 */
guint64
mcp_http_server_transport_get_send_high_water (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->send_queue.send_high_water;
}

/**
 * mcp_http_server_transport_set_send_high_water:
 * @self: a #McpHttpServerTransport
 * @bytes: the unwritten bytes that hold events back, 0 for never
 *
 * Sets #McpHttpServerTransport:send-high-water.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_send_high_water (McpHttpServerTransport *self,
                                               guint64 bytes)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_HIGH_WATER, bytes);
}

/**
 * mcp_http_server_transport_get_max_send_queue:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:max-send-queue.
 *
 * Returns: the bytes that end an event stream, 0 for no cap
 *
 * Since: 0.1
 */
guint64
mcp_http_server_transport_get_max_send_queue (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->send_queue.max_send_queue;
}

/**
 * mcp_http_server_transport_set_max_send_queue:
 * @self: a #McpHttpServerTransport
 * @bytes: the bytes that end an event stream, 0 for no cap
 *
 * Sets #McpHttpServerTransport:max-send-queue.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_max_send_queue (McpHttpServerTransport *self,
                                              guint64 bytes)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_MAX, bytes);
}

/**
 * mcp_http_server_transport_get_send_stall_timeout:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:send-stall-timeout.
 *
 * Returns: seconds above the high-water mark before ending the stream, 0 for never
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_send_stall_timeout (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->send_queue.send_stall_timeout;
}

/**
 * mcp_http_server_transport_set_send_stall_timeout:
 * @self: a #McpHttpServerTransport
 * @seconds: seconds above the high-water mark before ending the stream, 0 for never
 *
 * Sets #McpHttpServerTransport:send-stall-timeout.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_send_stall_timeout (McpHttpServerTransport *self,
                                                  guint seconds)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  _mcp_send_queue_set (G_OBJECT (self), &self->send_queue, properties + PROP_SEND_HIGH_WATER,
                       MCP_SEND_QUEUE_STALL_TIMEOUT, seconds);
}

/**
 * mcp_http_server_transport_get_legacy_initialize_timeout:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:legacy-initialize-timeout.
 *
 * Returns: seconds before an uninitialized legacy stream is closed, 0 for never
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_legacy_initialize_timeout (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->legacy_initialize_timeout;
}

/**
 * mcp_http_server_transport_set_legacy_initialize_timeout:
 * @self: a #McpHttpServerTransport
 * @seconds: seconds before an uninitialized legacy stream is closed, 0 for never
 *
 * Sets #McpHttpServerTransport:legacy-initialize-timeout.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_legacy_initialize_timeout (McpHttpServerTransport *self,
                                                         guint seconds)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  if (self->legacy_initialize_timeout == seconds)
    return;

  self->legacy_initialize_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGACY_INITIALIZE_TIMEOUT]);
}

/**
 * mcp_http_server_transport_get_max_sessions_per_address:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:max-sessions-per-address.
 *
 * Returns: the sessions one address may hold, 0 for no cap
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_max_sessions_per_address (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->max_sessions_per_address;
}

/**
 * mcp_http_server_transport_set_max_sessions_per_address:
 * @self: a #McpHttpServerTransport
 * @max_sessions: the sessions one address may hold, 0 for no cap
 *
 * Sets #McpHttpServerTransport:max-sessions-per-address.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_max_sessions_per_address (McpHttpServerTransport *self,
                                                        guint max_sessions)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  if (self->max_sessions_per_address == max_sessions)
    return;

  self->max_sessions_per_address = max_sessions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SESSIONS_PER_ADDRESS]);
}

/**
 * mcp_http_server_transport_get_max_uninitialized_per_address:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:max-uninitialized-per-address.
 *
 * Returns: the uninitialized legacy streams one address may hold, 0 for no cap
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_max_uninitialized_per_address (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->max_uninitialized_per_address;
}

/**
 * mcp_http_server_transport_set_max_uninitialized_per_address:
 * @self: a #McpHttpServerTransport
 * @max_streams: the uninitialized legacy streams one address may hold, 0 for no cap
 *
 * Sets #McpHttpServerTransport:max-uninitialized-per-address.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_max_uninitialized_per_address (McpHttpServerTransport *self,
                                                             guint max_streams)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  if (self->max_uninitialized_per_address == max_streams)
    return;

  self->max_uninitialized_per_address = max_streams;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_UNINITIALIZED_PER_ADDRESS]);
}

/**
 * mcp_http_server_transport_get_stream_idle_timeout:
 * @self: a #McpHttpServerTransport
 *
 * Gets #McpHttpServerTransport:stream-idle-timeout.
 *
 * Returns: seconds of inactivity before a session with an open stream is closed, 0 for never
 *
 * Since: 0.1
 */
guint
mcp_http_server_transport_get_stream_idle_timeout (McpHttpServerTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self), 0);

  return self->stream_idle_timeout;
}

/**
 * mcp_http_server_transport_set_stream_idle_timeout:
 * @self: a #McpHttpServerTransport
 * @seconds: seconds of inactivity before a session with an open stream is closed, 0 for never
 *
 * Sets #McpHttpServerTransport:stream-idle-timeout.
 *
 * Since: 0.1
 */
void
mcp_http_server_transport_set_stream_idle_timeout (McpHttpServerTransport *self,
                                                   guint seconds)
{
  g_return_if_fail (MCP_IS_HTTP_SERVER_TRANSPORT (self));

  if (self->stream_idle_timeout == seconds)
    return;

  self->stream_idle_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM_IDLE_TIMEOUT]);
}

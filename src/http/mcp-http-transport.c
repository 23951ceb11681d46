/* mcp-http-transport.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-enums.h"
#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-error-private.h"
#include "mcp-header-params-private.h"
#include "mcp-http-private.h"
#include "mcp-http-transport.h"
#include "mcp-http-transport-private.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-message.h"
#include "mcp-oauth-private.h"
#include "mcp-protocol.h"
#include "mcp-read-all-private.h"
#include "mcp-transport-private.h"
#include "mcp-str-private.h"

/**
 * McpHttpTransport:
 *
 * The client side of MCP over HTTP.
 *
 * With Streamable HTTP (the default), every message is one `POST` to the
 * server's URL. The reply to a request comes back as one JSON body or as an
 * event stream that carries the server's progress, log messages and
 * requests before the reply; any number of requests can be in flight at
 * once. The transport keeps the `Mcp-Session-Id` the server hands out and,
 * once the `initialize` result has gone through it, sends the negotiated
 * `MCP-Protocol-Version` with every request. After `notifications/initialized`
 * it opens the session's standalone event stream with `GET` (when
 * #McpHttpTransport:open-event-stream is set and the server offers one).
 *
 * An event stream that breaks before its reply is resumed: after the
 * server's `retry:` delay (capped by #McpHttpTransport:max-retry-delay; 1 s,
 * then longer, if it gave none) a `GET`
 * with `Last-Event-ID` picks it up where it stopped. If it cannot be
 * resumed, the request fails instead of waiting forever. When the server
 * answers `404` because the session expired, the transport replays the
 * `initialize` request it saw and `notifications/initialized`, retries the
 * message in the new session once and emits
 * #McpHttpTransport::session-reinitialized. Disconnecting ends the session
 * with `DELETE`.
 *
 * In %MCP_HTTP_TRANSPORT_MODE_AUTO, a server that refuses the `initialize`
 * POST with 400, 404 or 405 is taken for a 2024-11-05 HTTP+SSE server: the
 * transport opens the URL as an event stream, waits for its `endpoint`
 * event and posts every message there; replies arrive on the stream.
 * %MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE does that from the start.
 *
 * Redirects are refused unless #McpHttpTransport:max-redirects allows them:
 * a `3xx` answer fails the request with %MCP_ERROR_URL_REFUSED. A redirect
 * that is followed keeps the method and body (but `303`, which becomes a
 * `GET`), and when it leads to another origin (scheme, host and port) it
 * carries neither the bearer token nor the headers set with
 * mcp_http_transport_set_header().
 *
 * Each transport uses its own #SoupSession unless one is given to
 * mcp_http_transport_new_with_session(); such a session should allow enough
 * connections per host for every request in flight plus the event stream,
 * and no I/O timeout shorter than the longest silence expected on a stream.
 *
 * Since: 0.1
 */

#define READ_CHUNK_SIZE (16 * 1024)
#define MAX_ERROR_BODY (64 * 1024)
#define DEFAULT_RETRY_MS 1000
#define MAX_RECONNECT_FAILURES 3
#define DELETE_TIMEOUT_MS 3000
#define MAX_CONNECTIONS 4096

typedef struct _Post Post;
typedef struct _Reader Reader;

struct _McpHttpTransport
{
  GObject               parent_instance;

  GMainContext         *context;
  char                 *url;
  SoupSession          *session;
  McpHttpTransportMode  mode;
  McpHttpTransportMode  active_mode;
  McpTransportState     state;
  char                 *auth_token;
  GTlsCertificate      *tls_client_certificate;
  McpOAuthClient       *oauth;
  GHashTable           *headers;
  guint                 request_timeout;
  gsize                 max_message_size;
  gboolean              open_event_stream;
  guint                 max_redirects;
  guint                 max_retry_delay;
  gboolean              own_session;
  McpPinnedAddress     *pinned;            /* where every connection goes, if set */
  McpUrlGuard          *guard;             /* checks redirect and OAuth targets */
  GHashTable           *redirect_sessions; /* origin → SoupSession pinned there */

  GHashTable           *operations;        /* GCancellable set: all in flight */
  GHashTable           *request_ops;       /* request key → GCancellable */
  GHashTable           *tool_headers;      /* tool name → GPtrArray of McpHeaderParam */
  GHashTable           *modern_requests;   /* keys of modern requests awaiting a reply */
  char                 *session_id;
  char                 *protocol_version;
  JsonNode             *initialize_request;
  char                 *initialize_key;
  char                 *reinit_key;
  guint                 reinit_count;
  gboolean              reinitializing;
  GPtrArray            *waiting;           /* Post, until re-initialized or fallen back */
  GCancellable         *standalone;        /* the GET stream's, while open */
  gboolean              listening;

  char                 *endpoint;          /* HTTP+SSE: where messages go */
  gboolean              falling_back;
  GTask                *connect_task;
  GTask                *disconnect_task;
};

static void mcp_http_transport_iface_init (McpTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpHttpTransport, mcp_http_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TRANSPORT,
                                                      mcp_http_transport_iface_init))

enum {
  PROP_0,
  PROP_URL,
  PROP_SOUP_SESSION,
  PROP_MODE,
  PROP_ACTIVE_MODE,
  PROP_SESSION_ID,
  PROP_PROTOCOL_VERSION,
  PROP_AUTH_TOKEN,
  PROP_TLS_CLIENT_CERTIFICATE,
  PROP_OAUTH_CLIENT,
  PROP_REQUEST_TIMEOUT,
  PROP_MAX_MESSAGE_SIZE,
  PROP_OPEN_EVENT_STREAM,
  PROP_LISTENING,
  PROP_STATE,
  PROP_MAX_REDIRECTS,
  PROP_MAX_RETRY_DELAY,
  N_PROPS
};

enum {
  SESSION_REINITIALIZED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum {
  POST_MESSAGE,           /* one of the session's messages */
  POST_REINIT_INITIALIZE, /* our replay of initialize */
  POST_REINIT_INITIALIZED,
} PostKind;

struct _Post
{
  GWeakRef      self;
  PostKind      kind;
  JsonNode     *message;
  GBytes       *body;
  char         *key;             /* a request's id as a key */
  JsonNode     *id;
  gboolean      is_request;
  gboolean      is_initialize;
  gboolean      is_initialized;
  gboolean      modern;         /* a 2026-07-28 message: its envelope says so */
  GTask        *task;
  SoupMessage  *msg;
  GCancellable *cancellable;
  guint         timeout_id;
  gboolean      timed_out;
  gboolean      retried;
  gboolean      had_session_id;
  GByteArray   *response;
};

typedef enum {
  READER_REQUEST,
  READER_STANDALONE,
  READER_LEGACY,
} ReaderKind;

struct _Reader
{
  GWeakRef      self;
  ReaderKind    kind;
  char         *key;
  JsonNode     *id;
  GCancellable *cancellable;
  SoupMessage  *msg;
  GInputStream *stream;
  McpSseParser *parser;
  char         *last_event_id;
  guint         retry_ms;
  guint         failures;
  guint         reconnect_id;
  gboolean      got_response;
  gboolean      got_events;
  gboolean      stop;
  guint8        buffer[READ_CHUNK_SIZE];
};

static void post_start (McpHttpTransport *self, Post *post);
static void reader_read_next (Reader *reader);
static void deliver (McpHttpTransport *self, JsonNode *message, Reader *reader);
static void finish_reinitialize (McpHttpTransport *self, const GError *error);
static void legacy_open (McpHttpTransport *self);
static void open_standalone (McpHttpTransport *self);

/* Helpers -------------------------------------------------------------------- */

static guint
add_timeout (McpHttpTransport *self,
             guint             ms,
             GSourceFunc       func,
             gpointer          data)
{
  return _mcp_source_attach (g_timeout_source_new (ms), self->context,
                             func, data, NULL, "[mcp] HTTP timer");
}

static void
set_state (McpHttpTransport  *self,
           McpTransportState  state)
{
  _mcp_transport_set_state (MCP_TRANSPORT (self), &self->state, state,
                            properties[PROP_STATE]);
}

static void
set_listening (McpHttpTransport *self,
               gboolean          listening)
{
  if (self->listening == listening)
    return;

  self->listening = listening;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
}

static void
set_session_id (McpHttpTransport *self,
                const char       *session_id)
{
  if (_mcp_str_replace (&self->session_id, session_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

static void
set_active_mode (McpHttpTransport     *self,
                 McpHttpTransportMode  mode)
{
  if (self->active_mode == mode)
    return;

  self->active_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_MODE]);
}

static GCancellable *
operation_new (McpHttpTransport *self,
               const char       *key)
{
  GCancellable *cancellable = g_cancellable_new ();

  g_hash_table_add (self->operations, g_object_ref (cancellable));
  if (key != NULL)
    g_hash_table_replace (self->request_ops, g_strdup (key), g_object_ref (cancellable));

  return cancellable;
}

static void
operation_done (McpHttpTransport *self,
                GCancellable     *cancellable,
                const char       *key)
{
  if (self == NULL || cancellable == NULL)
    return;

  if (key != NULL && g_hash_table_lookup (self->request_ops, key) == cancellable)
    g_hash_table_remove (self->request_ops, key);
  g_hash_table_remove (self->operations, cancellable);
}

static void
cancel_all_operations (McpHttpTransport *self)
{
  g_autoptr(GList) list = g_hash_table_get_keys (self->operations);

  for (GList *l = list; l != NULL; l = l->next)
    g_cancellable_cancel (l->data);
}

/* Adds our headers to a request to the server. */
static void
apply_headers (McpHttpTransport *self,
               SoupMessage      *msg,
               gboolean          with_session)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, self->headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_message_headers_replace (headers, name, value);

  if (self->auth_token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", self->auth_token);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }

  if (with_session && self->session_id != NULL)
    soup_message_headers_replace (headers, MCP_HTTP_HEADER_SESSION_ID, self->session_id);
  if (with_session && self->protocol_version != NULL)
    soup_message_headers_replace (headers, MCP_HTTP_HEADER_PROTOCOL_VERSION, self->protocol_version);
}

static void
take_session_id (McpHttpTransport *self,
                 SoupMessage      *msg)
{
  const char *id = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 MCP_HTTP_HEADER_SESSION_ID);

  if (id != NULL && *id != '\0' && self->active_mode != MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE)
    set_session_id (self, id);
}

static GError *
http_error (SoupMessage *msg,
            GBytes      *body)
{
  guint status = soup_message_get_status (msg);
  g_autofree char *text = NULL;
  gint code = MCP_ERROR_TRANSPORT;
  GError *error;

  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      gsize length = MIN (g_bytes_get_size (body), 512);

      text = g_utf8_make_valid (g_bytes_get_data (body, NULL), length);
    }

  if (status == SOUP_STATUS_UNAUTHORIZED)
    code = MCP_ERROR_UNAUTHORIZED;
  else if (status == SOUP_STATUS_FORBIDDEN)
    code = MCP_ERROR_FORBIDDEN;

  error = g_error_new (MCP_ERROR, code, "HTTP %u %s%s%s", status,
                       soup_message_get_reason_phrase (msg),
                       text != NULL ? ": " : "", text != NULL ? text : "");
  /* The server (or its proxy) declined before doing anything: another
   * may take the request (mcp_error_is_retryable()). */
  if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    _mcp_error_set_not_delivered (error);
  return error;
}

/* An empty body is not JSON (and has no data pointer to parse). */
static JsonNode *
parse_body (GBytes  *data,
            GError **error)
{
  if (data == NULL || g_bytes_get_size (data) == 0)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR, "Empty body");
      return NULL;
    }

  return _mcp_json_parse (g_bytes_get_data (data, NULL), g_bytes_get_size (data), error);
}

/* A request whose reply can no longer come fails instead of hanging. */
static void
deliver_failure (McpHttpTransport *self,
                 JsonNode         *id,
                 const char       *text)
{
  g_autoptr(JsonNode) error = NULL;

  if (id == NULL)
    return;

  error = mcp_message_new_error (id, MCP_JSONRPC_CONNECTION_CLOSED, text, NULL);
  deliver (self, error, NULL);
}

/* Reading whole bodies --------------------------------------------------------- */

typedef void (*ReadAllFunc) (GBytes       *data,
                             const GError *error,
                             gpointer      user_data);

typedef struct
{
  ReadAllFunc func;
  gpointer    user_data;
} ReadAll;

static void
read_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReadAll *read_all = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = _mcp_read_all_finish (result, &error);

  read_all->func (data, error, read_all->user_data);
  g_free (read_all);
}

/* _mcp_read_all_async(), for callers that want one callback. */
static void
read_all_async (GInputStream *stream,
                gsize         limit,
                GCancellable *cancellable,
                ReadAllFunc   func,
                gpointer      user_data)
{
  ReadAll *read_all = g_new0 (ReadAll, 1);

  read_all->func = func;
  read_all->user_data = user_data;
  _mcp_read_all_async (stream, limit, cancellable, read_all_cb, read_all);
}

/* Posts --------------------------------------------------------------------------- */

static void
post_free (Post *post)
{
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&post->self);

  g_clear_handle_id (&post->timeout_id, g_source_remove);
  if (post->cancellable != NULL)
    operation_done (self, post->cancellable, post->key);
  g_weak_ref_clear (&post->self);
  g_clear_pointer (&post->message, json_node_unref);
  g_clear_pointer (&post->body, g_bytes_unref);
  g_clear_pointer (&post->id, json_node_unref);
  g_clear_pointer (&post->response, g_byte_array_unref);
  g_free (post->key);
  g_clear_object (&post->msg);
  g_clear_object (&post->cancellable);
  if (post->task != NULL)
    {
      g_task_return_new_error (post->task, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                               "The HTTP transport went away");
      g_clear_object (&post->task);
    }
  g_free (post);
}

static Post *
post_new (McpHttpTransport *self,
          PostKind          kind,
          JsonNode         *message,
          GTask            *task)
{
  Post *post = g_new0 (Post, 1);
  g_autoptr(GError) error = NULL;
  JsonNode *id = NULL;
  const char *method = NULL;
  JsonNode *payload = NULL;
  McpMessageKind message_kind;
  char *data;
  gsize length = 0;

  g_weak_ref_init (&post->self, self);
  post->kind = kind;
  post->message = json_node_ref (message);
  post->task = task != NULL ? g_object_ref (task) : NULL;

  data = _mcp_json_to_string (message, &length);
  post->body = g_bytes_new_take (data, length);

  message_kind = mcp_message_parse (message, &id, &method, &payload, &error);
  if (message_kind == MCP_MESSAGE_KIND_REQUEST)
    {
      post->is_request = TRUE;
      post->id = json_node_copy (id);
      post->key = mcp_message_id_to_key (id);
      post->is_initialize = g_strcmp0 (method, "initialize") == 0;
    }
  else if (message_kind == MCP_MESSAGE_KIND_NOTIFICATION)
    post->is_initialized = g_strcmp0 (method, "notifications/initialized") == 0;

  post->modern = (message_kind == MCP_MESSAGE_KIND_REQUEST ||
                  message_kind == MCP_MESSAGE_KIND_NOTIFICATION) &&
                 payload != NULL && JSON_NODE_HOLDS_OBJECT (payload) &&
                 _mcp_envelope_is_present (json_node_get_object (payload));

  return post;
}

static void
set_encoded_header (SoupMessageHeaders *headers,
                    const char         *name,
                    const char         *value)
{
  g_autofree char *encoded = _mcp_header_value_encode (value);

  soup_message_headers_replace (headers, name, encoded);
}

/* The 2026-07-28 binding mirrors parts of a request's body into headers:
 * its version, method and name, and the arguments the tool's schema marks
 * with x-mcp-header. Nothing of a legacy session goes with it. */
static void
apply_modern_headers (McpHttpTransport *self,
                      Post             *post)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (post->msg);
  JsonObject *message = json_node_get_object (post->message);
  const char *method = _mcp_json_object_get_string (message, "method");
  JsonObject *params = _mcp_json_object_get_object (message, "params");
  JsonObject *meta = _mcp_json_object_get_object (params, "_meta");
  const char *version = _mcp_json_object_get_string (meta, MCP_META_PROTOCOL_VERSION);
  const char *name = NULL;
  GPtrArray *tool_params;

  soup_message_headers_remove (headers, MCP_HTTP_HEADER_SESSION_ID);
  if (version != NULL)
    soup_message_headers_replace (headers, MCP_HTTP_HEADER_PROTOCOL_VERSION, version);
  if (method != NULL)
    soup_message_headers_replace (headers, MCP_HTTP_HEADER_METHOD, method);

  if (g_strcmp0 (method, "tools/call") == 0 || g_strcmp0 (method, "prompts/get") == 0)
    name = _mcp_json_object_get_string (params, "name");
  else if (g_strcmp0 (method, "resources/read") == 0)
    name = _mcp_json_object_get_string (params, "uri");
  if (name != NULL)
    set_encoded_header (headers, MCP_HTTP_HEADER_NAME, name);

  if (g_strcmp0 (method, "tools/call") != 0 || name == NULL)
    return;

  tool_params = g_hash_table_lookup (self->tool_headers, name);
  for (guint i = 0; tool_params != NULL && i < tool_params->len; i++)
    {
      McpHeaderParam *param = g_ptr_array_index (tool_params, i);
      JsonNode *value = _mcp_header_param_lookup (param, _mcp_json_object_get_object (params,
                                                                                      "arguments"));
      g_autofree char *text = NULL;
      g_autofree char *header = NULL;

      /* A missing or null argument has no header. */
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        continue;

      text = _mcp_header_param_text (value, NULL);
      if (text == NULL)
        continue;

      header = g_strconcat ("Mcp-Param-", param->header, NULL);
      set_encoded_header (headers, header, text);
    }
}

/**
 * _mcp_http_transport_set_tool_headers:
 * @self: a #McpHttpTransport
 * @tool: a tool's name
 * @params: (nullable) (transfer full): its x-mcp-header parameters, or
 *   %NULL to forget the tool
 *
 * Tells the transport which arguments of @tool to mirror into
 * `Mcp-Param-*` headers on a modern `tools/call` (the client learns them
 * from `tools/list`).
 */
void
_mcp_http_transport_set_tool_headers (McpHttpTransport *self,
                                      const char       *tool,
                                      GPtrArray        *params)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (tool != NULL);

  if (params == NULL)
    g_hash_table_remove (self->tool_headers, tool);
  else
    g_hash_table_replace (self->tool_headers, g_strdup (tool), params);
}

/* Completes the caller's send: the server has the message. */
static void
post_sent (Post *post)
{
  if (post->task != NULL)
    {
      g_task_return_boolean (post->task, TRUE);
      g_clear_object (&post->task);
    }
}

static void
post_fail (Post   *post,
           GError *error)
{
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&post->self);

  if (self != NULL && post->kind != POST_MESSAGE)
    finish_reinitialize (self, error);
  if (self != NULL && post->key != NULL)
    g_hash_table_remove (self->modern_requests, post->key);

  if (post->task != NULL)
    {
      g_task_return_error (post->task, error);
      g_clear_object (&post->task);
    }
  else
    g_error_free (error);

  post_free (post);
}

static gboolean
post_timeout_cb (gpointer user_data)
{
  Post *post = user_data;

  post->timeout_id = 0;
  post->timed_out = TRUE;
  g_cancellable_cancel (post->cancellable);
  return G_SOURCE_REMOVE;
}

static GError *
wrap_io_error (Post         *post,
               const GError *error,
               guint         timeout_ms)
{
  GError *wrapped;

  if (post->timed_out)
    return g_error_new (MCP_ERROR, MCP_ERROR_TIMEOUT,
                        "No HTTP response within %u ms", timeout_ms);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == MCP_ERROR)
    return g_error_copy (error);
  wrapped = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT, "HTTP request failed: %s", error->message);
  /* Failures that come before a byte of the request can leave: the
   * request reached no server, and another may take it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
      g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS) ||
      g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_HANDSHAKE))
    _mcp_error_set_not_delivered (wrapped);
  return wrapped;
}

static Reader *
reader_new (McpHttpTransport *self,
            ReaderKind        kind,
            GCancellable     *cancellable,
            const char       *key,
            JsonNode         *id)
{
  Reader *reader = g_new0 (Reader, 1);

  g_weak_ref_init (&reader->self, self);
  reader->kind = kind;
  reader->cancellable = g_object_ref (cancellable);
  reader->key = g_strdup (key);
  reader->id = id != NULL ? json_node_copy (id) : NULL;

  return reader;
}

static void reader_on_event (const char *type, const char *id, const char *data,
                             gsize length, gpointer user_data);
static void reader_on_retry (guint retry_ms, gpointer user_data);

static void
reader_start (Reader       *reader,
              SoupMessage  *msg,
              GInputStream *stream)
{
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);

  g_set_object (&reader->msg, msg);
  g_set_object (&reader->stream, stream);
  /* A new connection starts a new parse; the last id carries over. */
  _mcp_sse_parser_free (reader->parser);
  reader->parser = _mcp_sse_parser_new (self->max_message_size, reader_on_event,
                                        reader_on_retry, reader);
  reader->got_events = FALSE;
  reader_read_next (reader);
}

static void
json_body_cb (GBytes       *data,
              const GError *error,
              gpointer      user_data)
{
  Post *post = user_data;
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&post->self);
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(GError) parse_error = NULL;

  g_clear_handle_id (&post->timeout_id, g_source_remove);

  if (self == NULL)
    {
      post_free (post);
      return;
    }

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || post->timed_out)
        deliver_failure (self, post->id, "Could not read the HTTP response");
      post_free (post);
      return;
    }

  message = parse_body (data, &parse_error);
  if (message == NULL)
    {
      g_autofree char *text = g_strdup_printf ("The server's HTTP response is not JSON: %s",
                                               parse_error->message);

      deliver_failure (self, post->id, text);
      post_free (post);
      return;
    }

  deliver (self, message, NULL);
  post_free (post);
}

static void
error_body_cb (GBytes       *data,
               const GError *error,
               gpointer      user_data)
{
  Post *post = user_data;
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&post->self);
  g_autoptr(JsonNode) message = NULL;

  g_clear_handle_id (&post->timeout_id, g_source_remove);

  if (self == NULL)
    {
      post_free (post);
      return;
    }

  /* A JSON-RPC error about our request (or about no id in particular)
   * answers it: the caller gets the server's code and message. Refused
   * credentials stay an HTTP matter. */
  if (data != NULL && post->is_request &&
      soup_message_get_status (post->msg) != SOUP_STATUS_UNAUTHORIZED &&
      soup_message_get_status (post->msg) != SOUP_STATUS_FORBIDDEN)
    message = parse_body (data, NULL);

  if (message != NULL && JSON_NODE_HOLDS_OBJECT (message) &&
      json_object_has_member (json_node_get_object (message), "error") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (message), "error")))
    {
      JsonObject *object = json_node_get_object (message);
      JsonNode *id = json_object_get_member (object, "id");

      if (id == NULL || JSON_NODE_HOLDS_NULL (id) || mcp_message_id_equal (id, post->id))
        {
          json_object_set_member (object, "id", json_node_copy (post->id));
          if (!json_object_has_member (object, "jsonrpc"))
            json_object_set_string_member (object, "jsonrpc", "2.0");
          post_sent (post);
          deliver (self, message, NULL);
          post_free (post);
          return;
        }
    }

  post_fail (post, http_error (post->msg, data));
}

static void
drain_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

static void
close_stream (GInputStream *stream)
{
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, drain_cb, NULL);
}

/* Sending, and redirects -------------------------------------------------------------- */

/* A session of the transport's own; @like, if given, lends it the TLS
 * settings and timeouts an application may have set on the first one. */
static SoupSession *
make_session (GSocketConnectable *connectable,
              SoupSession        *like)
{
  SoupSession *session = soup_session_new_with_options ("max-conns", MAX_CONNECTIONS,
                                                        "max-conns-per-host", MAX_CONNECTIONS,
                                                        "timeout", 0,
                                                        "user-agent", "mcp-glib/" PACKAGE_VERSION,
                                                        "remote-connectable", connectable,
                                                        NULL);

  if (like != NULL)
    _mcp_soup_session_copy_settings (session, like);

  return session;
}

typedef struct
{
  GWeakRef     self;
  SoupSession *session;   /* the one the current message went through */
  SoupMessage *msg;
  GBytes      *body;
  char        *content_type;
  GUri        *target;    /* a redirect being checked */
  guint        hops;
  guint        auth_retries;
} Send;

static void
send_free (Send *send)
{
  g_weak_ref_clear (&send->self);
  g_clear_object (&send->session);
  g_clear_object (&send->msg);
  g_clear_pointer (&send->body, g_bytes_unref);
  g_clear_pointer (&send->target, g_uri_unref);
  g_free (send->content_type);
  g_free (send);
}

static gint
uri_port (GUri *uri)
{
  gint port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         uri_port (a) == uri_port (b);
}

static char *
origin_key (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);

  return g_strdup_printf ("%s://%s:%d", scheme, host, uri_port (uri));
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static void send_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Sends @send->msg again, to @send->target, through @session: a redirect
 * (@hop), or the same request with a new token. */
static void
send_follow (GTask       *task,
             SoupSession *session,
             gboolean     hop)
{
  Send *send = g_task_get_task_data (task);
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&send->self);
  g_autoptr(GUri) from = g_uri_ref (soup_message_get_uri (send->msg));
  g_autoptr(SoupMessage) next = NULL;
  SoupMessageHeaders *headers;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  const char *method = soup_message_get_method (send->msg);
  gboolean cross_origin = !same_origin (from, send->target);

  if (self == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The transport is gone");
      g_object_unref (task);
      return;
    }

  /* 303 See Other: fetch the answer with GET. */
  if (soup_message_get_status (send->msg) == SOUP_STATUS_SEE_OTHER &&
      g_strcmp0 (method, SOUP_METHOD_GET) != 0)
    {
      method = SOUP_METHOD_GET;
      g_clear_pointer (&send->body, g_bytes_unref);
    }

  next = soup_message_new_from_uri (method, send->target);
  soup_message_set_flags (next, soup_message_get_flags (send->msg));
  headers = soup_message_get_request_headers (next);
  soup_message_headers_iter_init (&iter, soup_message_get_request_headers (send->msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Host") == 0 ||
          g_ascii_strcasecmp (name, "Content-Length") == 0 ||
          g_ascii_strcasecmp (name, "Content-Type") == 0)
        continue;
      /* Credentials stay with the origin they were given for. */
      if (cross_origin &&
          (g_ascii_strcasecmp (name, "Authorization") == 0 ||
           g_ascii_strcasecmp (name, "Proxy-Authorization") == 0 ||
           g_ascii_strcasecmp (name, "Cookie") == 0 ||
           g_hash_table_contains (self->headers, name)))
        continue;
      soup_message_headers_append (headers, name, value);
    }
  if (send->body != NULL)
    soup_message_set_request_body_from_bytes (next, send->content_type, send->body);
  if (!cross_origin && self->oauth != NULL)
    _mcp_oauth_client_apply (self->oauth, self->url, next);
  if (!cross_origin && self->tls_client_certificate != NULL)
    soup_message_set_tls_client_certificate (next, self->tls_client_certificate);

  if (hop && G_UNLIKELY (g_log_get_debug_enabled ()))
    {
      g_autofree char *from_text = g_uri_to_string (from);
      g_autofree char *to_text = g_uri_to_string (send->target);

      g_debug ("Following a redirect from %s to %s%s", from_text, to_text,
               cross_origin ? ", another origin: without credentials" : "");
    }
  g_set_object (&send->msg, next);
  g_set_object (&send->session, session);
  g_clear_pointer (&send->target, g_uri_unref);
  if (hop)
    send->hops++;

  soup_session_send_async (session, send->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, task);
}

static void
guard_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&send->self);
  g_autoptr(McpPinnedAddress) pinned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  SoupSession *session;

  pinned = _mcp_url_guard_finish (result, &error);
  if (pinned == NULL || self == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The transport is gone");
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* One session per origin, each pinned to the addresses checked for it. */
  key = origin_key (send->target);
  session = g_hash_table_lookup (self->redirect_sessions, key);
  if (session == NULL)
    {
      session = make_session (G_SOCKET_CONNECTABLE (pinned), self->session);
      g_hash_table_insert (self->redirect_sessions, g_steal_pointer (&key), session);
    }

  send_follow (task, session, TRUE);
}

static void
authorized_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_mcp_oauth_client_authorize_finish (MCP_OAUTH_CLIENT (object), result, &error))
    {
      if (error->domain == MCP_ERROR && error->code != MCP_ERROR_TIMEOUT)
        error->code = MCP_ERROR_UNAUTHORIZED;
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  send->target = g_uri_ref (soup_message_get_uri (send->msg));
  send_follow (task, send->session, FALSE);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&send->self);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  const char *location;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  status = soup_message_get_status (send->msg);
  if (self != NULL && self->oauth != NULL)
    {
      switch (_mcp_oauth_client_check_response (self->oauth, self->url, send->msg, send->auth_retries))
        {
        case MCP_OAUTH_VERDICT_AUTHORIZE:
          close_stream (stream);
          send->auth_retries++;
          _mcp_oauth_client_authorize_async (self->oauth, self->url, send->msg, self->session,
                                             self->guard,
                                             g_task_get_cancellable (task), authorized_cb, task);
          return;
        case MCP_OAUTH_VERDICT_RETRY:
          close_stream (stream);
          send->auth_retries++;
          send->target = g_uri_ref (soup_message_get_uri (send->msg));
          send_follow (task, send->session, FALSE);
          return;
        case MCP_OAUTH_VERDICT_PASS:
        default:
          break;
        }
    }

  if (!is_redirect (status) || self == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&stream), g_object_unref);
      g_object_unref (task);
      return;
    }

  close_stream (stream);
  from = g_uri_to_string (soup_message_get_uri (send->msg));
  location = soup_message_headers_get_one (soup_message_get_response_headers (send->msg),
                                           "Location");
  if (location == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "%s answered HTTP %u without a Location", from, status);
      g_object_unref (task);
      return;
    }

  if (self->max_redirects == 0)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_URL_REFUSED,
                               "%s redirected (HTTP %u) to %s: redirects are refused "
                               "(max-redirects is 0)", from, status, location);
      g_object_unref (task);
      return;
    }
  if (send->hops >= self->max_redirects)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_URL_REFUSED,
                               "%s redirected (HTTP %u) to %s: more than %u redirects",
                               from, status, location, self->max_redirects);
      g_object_unref (task);
      return;
    }

  send->target = g_uri_parse_relative (soup_message_get_uri (send->msg), location,
                                       SOUP_HTTP_URI_FLAGS, NULL);
  if (send->target == NULL || g_uri_get_host (send->target) == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (send->target), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (send->target), "https") != 0))
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_URL_REFUSED,
                               "%s redirected to %s, which is not an HTTP URL", from, location);
      g_object_unref (task);
      return;
    }

  /* The same origin goes to the addresses already checked for it. */
  if (same_origin (soup_message_get_uri (send->msg), send->target))
    {
      send_follow (task, send->session, TRUE);
      return;
    }

  if (self->guard != NULL)
    {
      _mcp_url_guard_check_async (self->guard, send->target, g_task_get_cancellable (task),
                                  guard_cb, task);
      return;
    }

  /* Pinned without a guard: nothing may check where the redirect leads. */
  if (self->pinned != NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_URL_REFUSED,
                               "%s redirected to %s, another origin that cannot be checked",
                               from, location);
      g_object_unref (task);
      return;
    }

  send_follow (task, self->session, TRUE);
}

/* Sends @msg (with @body, if any) through the transport's session, following
 * redirects as #McpHttpTransport:max-redirects allows. */
static void
transport_send_async (McpHttpTransport    *self,
                      SoupMessage         *msg,
                      GBytes              *body,
                      const char          *content_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Send *send = g_new0 (Send, 1);

  g_task_set_source_tag (task, transport_send_async);
  g_weak_ref_init (&send->self, self);
  send->session = g_object_ref (self->session);
  send->msg = g_object_ref (msg);
  send->body = body != NULL ? g_bytes_ref (body) : NULL;
  send->content_type = g_strdup (content_type);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);

  /* libsoup would follow redirects itself, Authorization and all. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  if (self->oauth != NULL)
    _mcp_oauth_client_apply (self->oauth, self->url, msg);
  if (self->tls_client_certificate != NULL)
    soup_message_set_tls_client_certificate (msg, self->tls_client_certificate);

  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, send_cb, task);
}

/* Returns the response stream, and in *@msg the message that got it (the
 * last of a chain of redirects). */
static GInputStream *
transport_send_finish (GAsyncResult  *result,
                       SoupMessage  **msg,
                       GError       **error)
{
  Send *send = g_task_get_task_data (G_TASK (result));

  if (msg != NULL && *msg != send->msg)
    g_set_object (msg, send->msg);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void start_reinitialize (McpHttpTransport *self, Post *post);
static void start_fallback (McpHttpTransport *self, Post *post);

static void
post_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Post *post = user_data;
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&post->self);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;
  guint status;

  stream = transport_send_finish (result, &post->msg, &error);
  if (stream == NULL)
    {
      g_clear_handle_id (&post->timeout_id, g_source_remove);
      post_fail (post, wrap_io_error (post, error, self != NULL ? self->request_timeout : 0));
      return;
    }

  if (self == NULL || self->state == MCP_TRANSPORT_STATE_DISCONNECTED)
    {
      close_stream (stream);
      post_free (post);
      return;
    }

  status = soup_message_get_status (post->msg);
  if (!post->modern)
    take_session_id (self, post->msg);

  if (self->active_mode == MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE)
    {
      g_clear_handle_id (&post->timeout_id, g_source_remove);
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          close_stream (stream);
          post_sent (post);
          post_free (post);
        }
      else
        read_all_async (stream, MAX_ERROR_BODY, post->cancellable, error_body_cb, post);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND && post->had_session_id && !post->retried &&
      post->kind == POST_MESSAGE && !post->is_initialize)
    {
      /* The server forgot our session: start a new one and try again. */
      g_clear_handle_id (&post->timeout_id, g_source_remove);
      close_stream (stream);
      start_reinitialize (self, post);
      return;
    }

  if (post->is_initialize && self->mode == MCP_HTTP_TRANSPORT_MODE_AUTO &&
      self->active_mode == MCP_HTTP_TRANSPORT_MODE_AUTO &&
      (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_NOT_FOUND ||
       status == SOUP_STATUS_METHOD_NOT_ALLOWED))
    {
      g_clear_handle_id (&post->timeout_id, g_source_remove);
      close_stream (stream);
      start_fallback (self, post);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      read_all_async (stream, MAX_ERROR_BODY, post->cancellable, error_body_cb, post);
      return;
    }

  /* A session's initialize, or a 2026-07-28 request, answered: the server
   * speaks Streamable HTTP. */
  if ((post->is_initialize || post->modern) && self->active_mode == MCP_HTTP_TRANSPORT_MODE_AUTO)
    set_active_mode (self, MCP_HTTP_TRANSPORT_MODE_STREAMABLE);

  if (!post->is_request)
    {
      g_clear_handle_id (&post->timeout_id, g_source_remove);
      close_stream (stream);
      post_sent (post);
      if (post->kind == POST_REINIT_INITIALIZED)
        finish_reinitialize (self, NULL);
      else if (post->is_initialized)
        open_standalone (self);
      post_free (post);
      return;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (post->msg),
                                                        NULL);

  if (_mcp_http_is_sse_type (content_type))
    {
      Reader *reader;

      g_clear_handle_id (&post->timeout_id, g_source_remove);
      post_sent (post);
      reader = reader_new (self, READER_REQUEST, post->cancellable, post->key, post->id);
      /* The reader now owns the operation. */
      g_clear_object (&post->cancellable);
      reader_start (reader, post->msg, stream);
      post_free (post);
      return;
    }

  if (status == SOUP_STATUS_ACCEPTED || status == SOUP_STATUS_NO_CONTENT)
    {
      g_clear_handle_id (&post->timeout_id, g_source_remove);
      close_stream (stream);
      post_sent (post);
      deliver_failure (self, post->id, "The server accepted the request without answering it");
      post_free (post);
      return;
    }

  post_sent (post);
  read_all_async (stream, self->max_message_size, post->cancellable, json_body_cb, post);
}

static void
post_start (McpHttpTransport *self,
            Post             *post)
{
  gboolean legacy = self->active_mode == MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE;
  const char *url = legacy ? self->endpoint : self->url;
  SoupMessageHeaders *headers;

  g_clear_object (&post->msg);
  post->msg = soup_message_new (SOUP_METHOD_POST, url);
  if (post->msg == NULL)
    {
      post_fail (post, g_error_new (MCP_ERROR, MCP_ERROR_URL_REFUSED, "Invalid URL: %s", url));
      return;
    }

  /* libsoup opens a fresh connection for every non-idempotent request
   * unless told otherwise: a TCP handshake per message. A POST that fails
   * on a connection the server had closed never reached it, so retrying
   * it is safe. */
  soup_message_add_flags (post->msg, SOUP_MESSAGE_IDEMPOTENT);
  headers = soup_message_get_request_headers (post->msg);
  apply_headers (self, post->msg, !legacy && !post->is_initialize && !post->modern);
  if (post->modern && !legacy)
    apply_modern_headers (self, post);
  soup_message_headers_replace (headers, "Accept", "application/json, text/event-stream");
  post->had_session_id = !legacy && !post->modern && self->session_id != NULL;

  if (post->cancellable == NULL)
    post->cancellable = operation_new (self, post->key);
  post->timed_out = FALSE;
  g_clear_handle_id (&post->timeout_id, g_source_remove);
  if (self->request_timeout > 0)
    post->timeout_id = add_timeout (self, self->request_timeout, post_timeout_cb, post);

  transport_send_async (self, post->msg, post->body, "application/json", post->cancellable,
                        post_sent_cb, post);
}

/* Event streams -------------------------------------------------------------------- */

static void
reader_free (Reader *reader)
{
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);

  g_clear_handle_id (&reader->reconnect_id, g_source_remove);
  if (self != NULL)
    {
      operation_done (self, reader->cancellable, reader->key);
      if (reader->kind == READER_STANDALONE && self->standalone == reader->cancellable)
        {
          g_clear_object (&self->standalone);
          set_listening (self, FALSE);
        }
    }
  g_weak_ref_clear (&reader->self);
  _mcp_sse_parser_free (reader->parser);
  g_clear_object (&reader->msg);
  g_clear_object (&reader->stream);
  g_clear_object (&reader->cancellable);
  g_clear_pointer (&reader->id, json_node_unref);
  g_free (reader->key);
  g_free (reader->last_event_id);
  g_free (reader);
}

static gboolean
is_blank (const char *data)
{
  for (; *data != '\0'; data++)
    if (!g_ascii_isspace (*data))
      return FALSE;
  return TRUE;
}

static void on_legacy_endpoint (McpHttpTransport *self, const char *data);

static void
reader_on_event (const char *type,
                 const char *id,
                 const char *data,
                 gsize       length,
                 gpointer    user_data)
{
  Reader *reader = user_data;
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL || reader->stop)
    return;

  reader->got_events = TRUE;
  reader->failures = 0;
  if (id != NULL && g_strcmp0 (id, reader->last_event_id) != 0)
    {
      g_free (reader->last_event_id);
      reader->last_event_id = g_strdup (id);
    }

  if (reader->kind == READER_LEGACY && g_strcmp0 (type, "endpoint") == 0)
    {
      on_legacy_endpoint (self, data);
      return;
    }

  /* Priming events and keep-alives carry no message; unknown event types
   * are someone else's business. */
  if (g_strcmp0 (type, "message") != 0 || is_blank (data))
    return;

  message = _mcp_json_parse (data, length, &error);
  if (message == NULL)
    {
      g_debug ("Ignoring an event that is not JSON: %s", error->message);
      return;
    }

  if (reader->kind == READER_REQUEST && JSON_NODE_HOLDS_OBJECT (message))
    {
      JsonObject *object = json_node_get_object (message);

      if (!json_object_has_member (object, "method") &&
          mcp_message_id_equal (json_object_get_member (object, "id"), reader->id))
        reader->got_response = TRUE;
    }

  deliver (self, message, reader);
}

static void
reader_on_retry (guint    retry_ms,
                 gpointer user_data)
{
  Reader *reader = user_data;

  reader->retry_ms = retry_ms;
}

static void reader_ended (Reader *reader, const GError *error);

static void
reader_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n <= 0)
    {
      reader_ended (reader, error);
      return;
    }

  if (!_mcp_sse_parser_feed (reader->parser, (const char *) reader->buffer, n, &error))
    {
      g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);

      /* The stream is out of step now: drop it; a request on it fails. */
      g_debug ("Dropping an event stream: %s", error->message);
      if (self != NULL && reader->kind == READER_REQUEST && !reader->got_response)
        deliver_failure (self, reader->id, error->message);
      reader->got_response = TRUE;
      reader->stop = TRUE;
    }

  if (reader->stop || (reader->kind == READER_REQUEST && reader->got_response))
    {
      /* Done with this stream: the reply is in, or it must be dropped. */
      close_stream (reader->stream);
      reader_ended (reader, NULL);
      return;
    }

  reader_read_next (reader);
}

static void
reader_read_next (Reader *reader)
{
  g_input_stream_read_async (reader->stream, reader->buffer, sizeof reader->buffer,
                             G_PRIORITY_DEFAULT, reader->cancellable, reader_read_cb, reader);
}

static void reconnect (Reader *reader);

static gboolean
reconnect_cb (gpointer user_data)
{
  Reader *reader = user_data;

  reader->reconnect_id = 0;
  reconnect (reader);
  return G_SOURCE_REMOVE;
}

static void on_legacy_failed (McpHttpTransport *self, const GError *error);

static void
reader_ended (Reader       *reader,
              const GError *error)
{
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);
  guint delay;

  if (self == NULL || g_cancellable_is_cancelled (reader->cancellable) ||
      (self->state != MCP_TRANSPORT_STATE_CONNECTED && self->state != MCP_TRANSPORT_STATE_CONNECTING))
    {
      reader_free (reader);
      return;
    }

  if (reader->kind == READER_LEGACY)
    {
      g_autoptr(GError) lost = g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                            "The server closed the event stream%s%s",
                                            error != NULL ? ": " : "",
                                            error != NULL ? error->message : "");

      reader_free (reader);
      on_legacy_failed (self, lost);
      return;
    }

  if (reader->stop || (reader->kind == READER_REQUEST && reader->got_response))
    {
      reader_free (reader);
      return;
    }

  if (!reader->got_events)
    reader->failures++;

  /* Without an event id a request's stream cannot be picked up again. */
  if ((reader->kind == READER_REQUEST && reader->last_event_id == NULL) ||
      reader->failures > MAX_RECONNECT_FAILURES)
    {
      if (reader->kind == READER_REQUEST)
        deliver_failure (self, reader->id, "The event stream ended before the response");
      reader_free (reader);
      return;
    }

  /* The server's retry delay is honoured up to max-retry-delay; without one
   * we back off. */
  if (reader->retry_ms > 0)
    delay = MIN (reader->retry_ms, self->max_retry_delay);
  else
    delay = DEFAULT_RETRY_MS * (1u << MIN (reader->failures, 4));

  g_debug ("Event stream ended; reconnecting in %u ms", delay);
  reader->reconnect_id = add_timeout (self, delay, reconnect_cb, reader);
}

/* Whether a GET for an event stream got one. */
static gboolean
opened_event_stream (SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  return SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) &&
         _mcp_http_is_sse_type (soup_message_headers_get_content_type (headers, NULL));
}

static void
reconnect_sent_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  stream = transport_send_finish (result, &reader->msg, &error);
  if (stream == NULL || self == NULL)
    {
      if (stream != NULL)
        close_stream (stream);
      reader_ended (reader, error);
      return;
    }

  status = soup_message_get_status (reader->msg);
  take_session_id (self, reader->msg);

  if (opened_event_stream (reader->msg))
    {
      if (reader->kind == READER_STANDALONE)
        set_listening (self, TRUE);
      reader_start (reader, reader->msg, stream);
      return;
    }

  close_stream (stream);

  /* 405: no stream here; 400/404: not for this session. Not worth retrying. */
  g_debug ("Event stream GET answered with HTTP %u", status);
  if (status == SOUP_STATUS_METHOD_NOT_ALLOWED || status == SOUP_STATUS_BAD_REQUEST ||
      status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_UNAUTHORIZED ||
      status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_NOT_ACCEPTABLE)
    {
      if (reader->kind == READER_REQUEST)
        deliver_failure (self, reader->id, "The event stream could not be resumed");
      reader_free (reader);
      return;
    }

  reader->got_events = FALSE;
  reader_ended (reader, NULL);
}

/* GET on the endpoint: the standalone stream, or resuming one. */
static void
reconnect (Reader *reader)
{
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);
  SoupMessageHeaders *headers;

  if (self == NULL || self->state != MCP_TRANSPORT_STATE_CONNECTED)
    {
      reader_free (reader);
      return;
    }

  g_clear_object (&reader->stream);
  g_clear_object (&reader->msg);
  reader->msg = soup_message_new (SOUP_METHOD_GET, self->url);
  headers = soup_message_get_request_headers (reader->msg);
  apply_headers (self, reader->msg, TRUE);
  soup_message_headers_replace (headers, "Accept", "text/event-stream");
  if (reader->last_event_id != NULL)
    soup_message_headers_replace (headers, MCP_HTTP_HEADER_LAST_EVENT_ID, reader->last_event_id);

  transport_send_async (self, reader->msg, NULL, NULL, reader->cancellable,
                        reconnect_sent_cb, reader);
}

static void
open_standalone (McpHttpTransport *self)
{
  Reader *reader;

  if (!self->open_event_stream || self->standalone != NULL ||
      self->active_mode == MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE ||
      self->state != MCP_TRANSPORT_STATE_CONNECTED)
    return;

  self->standalone = operation_new (self, NULL);
  reader = reader_new (self, READER_STANDALONE, self->standalone, NULL, NULL);
  reconnect (reader);
}

/* Messages from the server ------------------------------------------------------------ */

static void
handle_reinit_response (McpHttpTransport *self,
                        JsonObject       *object)
{
  JsonObject *result = _mcp_json_object_get_object (object, "result");
  g_autoptr(JsonNode) notification = NULL;
  g_autoptr(GError) error = NULL;
  Post *post;

  g_clear_pointer (&self->reinit_key, g_free);

  if (result == NULL)
    {
      error = g_error_new (MCP_ERROR, MCP_ERROR_NOT_INITIALIZED,
                           "The server refused to start a new session");
      finish_reinitialize (self, error);
      return;
    }

  if (_mcp_json_object_get_string (result, "protocolVersion") != NULL)
    {
      g_free (self->protocol_version);
      self->protocol_version = g_strdup (_mcp_json_object_get_string (result, "protocolVersion"));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
    }

  notification = mcp_message_new_notification ("notifications/initialized", NULL);
  post = post_new (self, POST_REINIT_INITIALIZED, notification, NULL);
  post_start (self, post);
}

static void
deliver (McpHttpTransport *self,
         JsonNode         *message,
         Reader           *reader)
{
  g_autoptr(McpHttpTransport) hold = g_object_ref (self);
  JsonObject *object;
  g_autofree char *key = NULL;

  if (JSON_NODE_HOLDS_ARRAY (message))
    {
      JsonArray *array = json_node_get_array (message);

      for (guint i = 0; i < json_array_get_length (array); i++)
        deliver (self, json_array_get_element (array, i), reader);
      return;
    }

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED || !JSON_NODE_HOLDS_OBJECT (message))
    return;

  object = json_node_get_object (message);
  if (!json_object_has_member (object, "method") && json_object_has_member (object, "id"))
    {
      key = mcp_message_id_to_key (json_object_get_member (object, "id"));
      if (key != NULL)
        g_hash_table_remove (self->modern_requests, key);

      if (key != NULL && g_strcmp0 (key, self->reinit_key) == 0)
        {
          handle_reinit_response (self, object);
          return;
        }

      if (key != NULL && g_strcmp0 (key, self->initialize_key) == 0)
        {
          JsonObject *result = _mcp_json_object_get_object (object, "result");
          const char *version = result != NULL ? _mcp_json_object_get_string (result, "protocolVersion") : NULL;

          g_clear_pointer (&self->initialize_key, g_free);
          if (version != NULL)
            {
              g_free (self->protocol_version);
              self->protocol_version = g_strdup (version);
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
            }
        }
    }

  mcp_transport_emit_message_received (MCP_TRANSPORT (self), message);
}

/* Re-initialization after 404 ------------------------------------------------------------- */

static void
start_reinitialize (McpHttpTransport *self,
                    Post             *post)
{
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(JsonNode) id = NULL;
  JsonObject *object;
  Post *init;

  post->retried = TRUE;
  g_ptr_array_add (self->waiting, post);

  if (self->reinitializing)
    return;

  if (self->initialize_request == NULL)
    {
      g_autoptr(GError) error = g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                             "The server ended the HTTP session");

      finish_reinitialize (self, error);
      return;
    }

  g_debug ("HTTP session %s expired; starting a new one", self->session_id);
  self->reinitializing = TRUE;
  set_session_id (self, NULL);
  if (self->standalone != NULL)
    g_cancellable_cancel (self->standalone);

  /* Our own id: the reply is ours, the session never sees it. */
  {
    g_autofree char *text = g_strdup_printf ("mcp-glib-reinitialize-%u", ++self->reinit_count);

    id = _mcp_json_node_new_string (text);
  }
  message = json_node_copy (self->initialize_request);
  object = json_node_get_object (message);
  json_object_set_member (object, "id", json_node_ref (id));
  g_free (self->reinit_key);
  self->reinit_key = mcp_message_id_to_key (id);

  init = post_new (self, POST_REINIT_INITIALIZE, message, NULL);
  post_start (self, init);
}

static void
finish_reinitialize (McpHttpTransport *self,
                     const GError     *error)
{
  g_autoptr(GPtrArray) waiting = NULL;

  if (!self->reinitializing && error == NULL)
    return;

  self->reinitializing = FALSE;
  g_clear_pointer (&self->reinit_key, g_free);
  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new ();

  if (error != NULL)
    {
      for (guint i = 0; i < waiting->len; i++)
        {
          Post *post = g_ptr_array_index (waiting, i);
          GError *copy = g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                      "The HTTP session expired and could not be renewed: %s",
                                      error->message);

          if (post->is_request)
            {
              /* Answer it, so the session's request fails now. */
              post_sent (post);
              deliver_failure (self, post->id, copy->message);
              g_error_free (copy);
              post_free (post);
            }
          else
            {
              post->kind = POST_MESSAGE;
              post_fail (post, copy);
            }
        }
      return;
    }

  g_signal_emit (self, signals[SESSION_REINITIALIZED], 0, self->session_id);
  open_standalone (self);

  for (guint i = 0; i < waiting->len; i++)
    post_start (self, g_ptr_array_index (waiting, i));
}

/* HTTP+SSE (2024-11-05) ---------------------------------------------------------------- */

static void
on_legacy_endpoint (McpHttpTransport *self,
                    const char       *data)
{
  g_autoptr(GUri) base = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) endpoint = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (data));

  if (base != NULL)
    endpoint = g_uri_parse_relative (base, trimmed, SOUP_HTTP_URI_FLAGS, NULL);

  if (endpoint == NULL)
    {
      g_autoptr(GError) error = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                                             "The server's endpoint event is not a URL: %s", data);

      on_legacy_failed (self, error);
      return;
    }

  /* Messages must stay with the server that sent the stream. */
  if (g_strcmp0 (g_uri_get_host (endpoint), g_uri_get_host (base)) != 0 ||
      g_uri_get_port (endpoint) != g_uri_get_port (base) ||
      g_strcmp0 (g_uri_get_scheme (endpoint), g_uri_get_scheme (base)) != 0)
    {
      g_autoptr(GError) error = g_error_new (MCP_ERROR, MCP_ERROR_URL_REFUSED,
                                             "The server's endpoint %s is on another origin", data);

      on_legacy_failed (self, error);
      return;
    }

  g_free (self->endpoint);
  self->endpoint = g_uri_to_string (endpoint);
  self->falling_back = FALSE;
  set_active_mode (self, MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE);

  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      set_state (self, MCP_TRANSPORT_STATE_CONNECTED);
      g_task_return_boolean (task, TRUE);
    }

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new ();
  for (guint i = 0; i < waiting->len; i++)
    post_start (self, g_ptr_array_index (waiting, i));
}

static void
on_legacy_failed (McpHttpTransport *self,
                  const GError     *error)
{
  g_autoptr(McpHttpTransport) hold = g_object_ref (self);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new ();
  self->falling_back = FALSE;

  for (guint i = 0; i < waiting->len; i++)
    post_fail (g_ptr_array_index (waiting, i), g_error_copy (error));

  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      cancel_all_operations (self);
      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  if (self->state == MCP_TRANSPORT_STATE_CONNECTED)
    {
      mcp_transport_emit_error (MCP_TRANSPORT (self), error);
      cancel_all_operations (self);
      set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
    }
}

static void
legacy_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(McpHttpTransport) self = g_weak_ref_get (&reader->self);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = transport_send_finish (result, &reader->msg, &error);
  if (self == NULL)
    {
      g_clear_pointer (&reader, reader_free);
      return;
    }

  if (stream == NULL)
    {
      g_autoptr(GError) wrapped = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                                               "Could not open the event stream: %s",
                                               error->message);

      reader_free (reader);
      on_legacy_failed (self, wrapped);
      return;
    }

  if (!opened_event_stream (reader->msg))
    {
      g_autoptr(GError) wrapped = NULL;

      if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (reader->msg)))
        wrapped = g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "%s is not an MCP server: neither Streamable HTTP nor an event stream",
                               self->url);
      else
        {
          g_autoptr(GError) http = http_error (reader->msg, NULL);

          wrapped = g_error_new (http->domain, http->code,
                                 "Could not open the event stream: %s", http->message);
        }
      close_stream (stream);
      reader_free (reader);
      on_legacy_failed (self, wrapped);
      return;
    }

  reader_start (reader, reader->msg, stream);
}

static void
legacy_open (McpHttpTransport *self)
{
  GCancellable *cancellable = operation_new (self, NULL);
  Reader *reader = reader_new (self, READER_LEGACY, cancellable, NULL, NULL);

  g_object_unref (cancellable);
  reader->msg = soup_message_new (SOUP_METHOD_GET, self->url);
  if (reader->msg == NULL)
    {
      g_autoptr(GError) error = g_error_new (MCP_ERROR, MCP_ERROR_URL_REFUSED,
                                             "Invalid URL: %s", self->url);

      reader_free (reader);
      on_legacy_failed (self, error);
      return;
    }

  apply_headers (self, reader->msg, FALSE);
  soup_message_headers_replace (soup_message_get_request_headers (reader->msg),
                                "Accept", "text/event-stream");
  transport_send_async (self, reader->msg, NULL, NULL, reader->cancellable,
                        legacy_sent_cb, reader);
}

static void
start_fallback (McpHttpTransport *self,
                Post             *post)
{
  g_ptr_array_add (self->waiting, post);

  if (self->falling_back)
    return;

  g_debug ("%s refused Streamable HTTP; trying the HTTP+SSE transport", self->url);
  self->falling_back = TRUE;
  legacy_open (self);
}

/* McpTransport ---------------------------------------------------------------------- */

static void
mcp_http_transport_connect_async (McpTransport        *transport,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mcp_http_transport_connect_async);

  if (_mcp_transport_return_if_busy (task, self->state))
    return;

  if (g_task_return_error_if_cancelled (task))
    return;

  set_session_id (self, NULL);
  g_clear_pointer (&self->protocol_version, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  set_active_mode (self, MCP_HTTP_TRANSPORT_MODE_AUTO);

  if (self->mode == MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE)
    {
      /* Connected once the server names its endpoint. */
      set_state (self, MCP_TRANSPORT_STATE_CONNECTING);
      self->connect_task = g_steal_pointer (&task);
      legacy_open (self);
      return;
    }

  if (self->mode == MCP_HTTP_TRANSPORT_MODE_STREAMABLE)
    set_active_mode (self, MCP_HTTP_TRANSPORT_MODE_STREAMABLE);

  /* Streamable HTTP has no connection of its own: the first POST is. */
  set_state (self, MCP_TRANSPORT_STATE_CONNECTING);
  set_state (self, MCP_TRANSPORT_STATE_CONNECTED);
  g_task_return_boolean (task, TRUE);
}

static void
finish_disconnect (McpHttpTransport *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->disconnect_task);

  set_session_id (self, NULL);
  g_clear_pointer (&self->initialize_request, json_node_unref);
  g_clear_pointer (&self->initialize_key, g_free);
  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTED);
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

static void
delete_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpHttpTransport *self = g_task_get_source_object (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = transport_send_finish (result, NULL, &error);
  if (stream != NULL)
    close_stream (stream);
  else
    g_debug ("DELETE of the HTTP session failed: %s", error->message);

  finish_disconnect (self);
}

static gboolean
delete_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
mcp_http_transport_disconnect_async (McpTransport        *transport,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GCancellable) delete_cancellable = NULL;

  g_task_set_source_tag (task, mcp_http_transport_disconnect_async);

  if (self->state == MCP_TRANSPORT_STATE_DISCONNECTED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->disconnect_task != NULL)
    {
      _mcp_transport_return_disconnect_pending (task);
      return;
    }

  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) connect_task = g_steal_pointer (&self->connect_task);

      g_task_return_new_error (connect_task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The transport was disconnected");
    }

  /* Recorded before the state changes: a state-changed handler (the
   * session's drain) may call us again, and must find this disconnect
   * under way rather than start a second one. */
  self->disconnect_task = g_steal_pointer (&task);
  set_state (self, MCP_TRANSPORT_STATE_DISCONNECTING);

  /* Nothing in flight survives: open streams and requests are dropped. */
  cancel_all_operations (self);
  self->reinitializing = FALSE;
  self->falling_back = FALSE;
  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new ();
  for (guint i = 0; i < waiting->len; i++)
    {
      Post *post = g_ptr_array_index (waiting, i);

      post->kind = POST_MESSAGE;
      post_fail (post, g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                    "The transport was disconnected"));
    }

  if (self->active_mode == MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE || self->session_id == NULL)
    {
      finish_disconnect (self);
      return;
    }

  /* Tell the server the session is over; don't wait for it for long. */
  msg = soup_message_new (SOUP_METHOD_DELETE, self->url);
  apply_headers (self, msg, TRUE);
  delete_cancellable = g_cancellable_new ();
  g_task_set_task_data (self->disconnect_task, g_object_ref (delete_cancellable), g_object_unref);
  _mcp_source_attach (g_timeout_source_new (MIN (DELETE_TIMEOUT_MS, MAX (self->request_timeout, 1))),
                      self->context, delete_timeout_cb, g_object_ref (delete_cancellable),
                      g_object_unref, "[mcp] HTTP session delete");
  transport_send_async (self, msg, NULL, NULL, delete_cancellable,
                        delete_sent_cb, g_object_ref (self->disconnect_task));
}

/* Returns TRUE when @message is not to be posted: on the 2026-07-28 era
 * closing a request's response is its cancellation, and no notification
 * follows it. */
static gboolean
sniff_outgoing (McpHttpTransport *self,
                JsonNode         *message)
{
  JsonObject *object;
  const char *method;

  if (!JSON_NODE_HOLDS_OBJECT (message))
    return FALSE;

  object = json_node_get_object (message);
  method = _mcp_json_object_get_string (object, "method");

  if (g_strcmp0 (method, "initialize") == 0 && json_object_has_member (object, "id"))
    {
      /* Kept to start a new session the same way if this one expires. */
      g_clear_pointer (&self->initialize_request, json_node_unref);
      self->initialize_request = json_node_copy (message);
      g_free (self->initialize_key);
      self->initialize_key = mcp_message_id_to_key (json_object_get_member (object, "id"));
    }
  else if (g_strcmp0 (method, "notifications/cancelled") == 0)
    {
      JsonObject *params = _mcp_json_object_get_object (object, "params");
      g_autofree char *key = NULL;
      GCancellable *cancellable;

      if (params == NULL)
        return FALSE;

      /* The reply will never come: stop waiting for it on the wire too. */
      key = mcp_message_id_to_key (json_object_get_member (params, "requestId"));
      cancellable = key != NULL ? g_hash_table_lookup (self->request_ops, key) : NULL;
      if (cancellable != NULL)
        g_cancellable_cancel (cancellable);
      if (key != NULL && g_hash_table_remove (self->modern_requests, key))
        return TRUE;
    }

  return FALSE;
}

static void
mcp_http_transport_send_message_async (McpTransport        *transport,
                                       JsonNode            *message,
                                       JsonNode            *related_request_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Post *post;

  g_task_set_source_tag (task, mcp_http_transport_send_message_async);

  if (self->state != MCP_TRANSPORT_STATE_CONNECTED)
    {
      _mcp_transport_return_not_connected (task);
      return;
    }

  if (sniff_outgoing (self, message))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  post = post_new (self, POST_MESSAGE, message, task);
  if (post->modern && post->is_request && post->key != NULL)
    g_hash_table_add (self->modern_requests, g_strdup (post->key));
  if (self->reinitializing || self->falling_back)
    g_ptr_array_add (self->waiting, post);
  else
    post_start (self, post);
}

static McpTransportState
mcp_http_transport_get_state (McpTransport *transport)
{
  return MCP_HTTP_TRANSPORT (transport)->state;
}

static void
mcp_http_transport_iface_init (McpTransportInterface *iface)
{
  iface->connect_async = mcp_http_transport_connect_async;
  iface->disconnect_async = mcp_http_transport_disconnect_async;
  iface->send_message_async = mcp_http_transport_send_message_async;
  iface->get_state = mcp_http_transport_get_state;
}

/* GObject ---------------------------------------------------------------------------- */

static void
mcp_http_transport_constructed (GObject *object)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (object);

  G_OBJECT_CLASS (mcp_http_transport_parent_class)->constructed (object);

  if (self->session == NULL)
    {
      self->session = make_session (NULL, NULL);
      self->own_session = TRUE;
    }
}

static void
mcp_http_transport_dispose (GObject *object)
{
  McpHttpTransport *self = (McpHttpTransport *) object;

  if (self->operations != NULL)
    cancel_all_operations (self);

  if (self->waiting != NULL)
    {
      g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

      for (guint i = 0; i < waiting->len; i++)
        post_free (g_ptr_array_index (waiting, i));
    }

  G_OBJECT_CLASS (mcp_http_transport_parent_class)->dispose (object);
}

static void
mcp_http_transport_finalize (GObject *object)
{
  McpHttpTransport *self = (McpHttpTransport *) object;

  g_clear_pointer (&self->operations, g_hash_table_unref);
  g_clear_pointer (&self->request_ops, g_hash_table_unref);
  g_clear_pointer (&self->tool_headers, g_hash_table_unref);
  g_clear_pointer (&self->modern_requests, g_hash_table_unref);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->initialize_request, json_node_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->pinned);
  g_clear_pointer (&self->redirect_sessions, g_hash_table_unref);
  g_clear_pointer (&self->guard, _mcp_url_guard_unref);
  g_clear_object (&self->standalone);
  g_free (self->url);
  g_free (self->auth_token);
  g_clear_object (&self->tls_client_certificate);
  g_clear_object (&self->oauth);
  g_free (self->session_id);
  g_free (self->protocol_version);
  g_free (self->initialize_key);
  g_free (self->reinit_key);
  g_free (self->endpoint);

  G_OBJECT_CLASS (mcp_http_transport_parent_class)->finalize (object);
}

static void
mcp_http_transport_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_SOUP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_ACTIVE_MODE:
      g_value_set_enum (value, self->active_mode);
      break;
    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;
    case PROP_PROTOCOL_VERSION:
      g_value_set_string (value, self->protocol_version);
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
    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;
    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, self->max_message_size);
      break;
    case PROP_OPEN_EVENT_STREAM:
      g_value_set_boolean (value, self->open_event_stream);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;
    case PROP_MAX_RETRY_DELAY:
      g_value_set_uint (value, self->max_retry_delay);
      break;
    case PROP_LISTENING:
      g_value_set_boolean (value, self->listening);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_http_transport_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  McpHttpTransport *self = MCP_HTTP_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_SOUP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_MODE:
      mcp_http_transport_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_AUTH_TOKEN:
      mcp_http_transport_set_auth_token (self, g_value_get_string (value));
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      mcp_http_transport_set_tls_client_certificate (self, g_value_get_object (value));
      break;
    case PROP_OAUTH_CLIENT:
      mcp_http_transport_set_oauth_client (self, g_value_get_object (value));
      break;
    case PROP_REQUEST_TIMEOUT:
      mcp_http_transport_set_request_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_MESSAGE_SIZE:
      mcp_http_transport_set_max_message_size (self, g_value_get_uint64 (value));
      break;
    case PROP_OPEN_EVENT_STREAM:
      mcp_http_transport_set_open_event_stream (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_REDIRECTS:
      mcp_http_transport_set_max_redirects (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRY_DELAY:
      mcp_http_transport_set_max_retry_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_http_transport_class_init (McpHttpTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mcp_http_transport_constructed;
  object_class->dispose = mcp_http_transport_dispose;
  object_class->finalize = mcp_http_transport_finalize;
  object_class->get_property = mcp_http_transport_get_property;
  object_class->set_property = mcp_http_transport_set_property;

  /**
   * McpHttpTransport:url:
   *
   * The server's URL: its Streamable HTTP endpoint (such as
   * `http://127.0.0.1:8080/mcp`), or for the legacy transport its event
   * stream (such as `http://127.0.0.1:8080/sse`).
   *
   * Since: 0.1
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:soup-session:
   *
   * The #SoupSession requests go through; by default one of the transport's
   * own.
   *
   * Since: 0.1
   */
  properties[PROP_SOUP_SESSION] =
    g_param_spec_object ("soup-session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:mode:
   *
   * Which HTTP form to speak; it applies from the next connect.
   *
   * Since: 0.1
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, MCP_TYPE_HTTP_TRANSPORT_MODE,
                       MCP_HTTP_TRANSPORT_MODE_AUTO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:active-mode:
   *
   * The HTTP form in use: %MCP_HTTP_TRANSPORT_MODE_AUTO until the server's
   * answer to `initialize` tells.
   *
   * Since: 0.1
   */
  properties[PROP_ACTIVE_MODE] =
    g_param_spec_enum ("active-mode", NULL, NULL, MCP_TYPE_HTTP_TRANSPORT_MODE,
                       MCP_HTTP_TRANSPORT_MODE_AUTO,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:session-id:
   *
   * The `Mcp-Session-Id` the server assigned, if any.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:protocol-version:
   *
   * The protocol version of the `initialize` result that went through the
   * transport, sent as `MCP-Protocol-Version` from then on.
   *
   * Since: 0.1
   */
  properties[PROP_PROTOCOL_VERSION] =
    g_param_spec_string ("protocol-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:auth-token:
   *
   * A bearer token sent as `Authorization: Bearer <token>`, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_AUTH_TOKEN] =
    g_param_spec_string ("auth-token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:tls-client-certificate:
   *
   * A certificate, with its private key, that the transport presents when
   * an `https` server asks for one (#McpHttpServerTransport:tls-client-auth),
   * or %NULL. It goes with every request to the server's origin, never
   * with a redirect to another. The server's own certificate is checked
   * as the #McpHttpTransport:soup-session says (its #SoupSession:tls-database).
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CLIENT_CERTIFICATE] =
    g_param_spec_object ("tls-client-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:oauth-client:
   *
   * The OAuth client that obtains and sends tokens for this server, or
   * %NULL. With one, a 401 (or a 403 asking for more scope) starts the
   * MCP authorization flow, and the request is sent again once a token is
   * in hand; its tokens take the place of #McpHttpTransport:auth-token.
   *
   * Since: 0.1
   */
  properties[PROP_OAUTH_CLIENT] =
    g_param_spec_object ("oauth-client", NULL, NULL, MCP_TYPE_OAUTH_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:request-timeout:
   *
   * How long, in milliseconds, an HTTP request waits for the server's
   * response headers (and a JSON response for its body); 0 waits forever.
   * Event streams, once open, have no timeout: #McpSession times requests
   * out.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL, 0, G_MAXUINT,
                       MCP_HTTP_DEFAULT_REQUEST_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:max-message-size:
   *
   * The largest JSON response body or server-sent event accepted, in bytes.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_MESSAGE_SIZE] =
    g_param_spec_uint64 ("max-message-size", NULL, NULL, 1, G_MAXSIZE,
                         MCP_HTTP_DEFAULT_MAX_BODY_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:open-event-stream:
   *
   * Whether to open the session's standalone event stream (`GET`) after
   * initialization, for server messages unrelated to a request.
   *
   * Since: 0.1
   */
  properties[PROP_OPEN_EVENT_STREAM] =
    g_param_spec_boolean ("open-event-stream", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:listening:
   *
   * Whether the standalone event stream is open.
   *
   * Since: 0.1
   */
  properties[PROP_LISTENING] =
    g_param_spec_boolean ("listening", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:state:
   *
   * The state of the transport, as mcp_transport_get_state() returns it.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = _mcp_transport_state_param_spec ();

  /**
   * McpHttpTransport:max-redirects:
   *
   * How many redirects (`301`, `302`, `303`, `307`, `308`) one request may
   * follow. 0, the default, refuses them: the request fails with
   * %MCP_ERROR_URL_REFUSED. A redirect to another origin never carries the
   * bearer token or the custom headers.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, 20, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpHttpTransport:max-retry-delay:
   *
   * The longest wait, in milliseconds, before an event stream is resumed:
   * a server's `retry:` field above it counts as this much.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_RETRY_DELAY] =
    g_param_spec_uint ("max-retry-delay", NULL, NULL, 1, G_MAXUINT,
                       MCP_HTTP_DEFAULT_MAX_RETRY_DELAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpHttpTransport::session-reinitialized:
   * @self: the transport
   * @session_id: (nullable): the new session's id
   *
   * Emitted when the server no longer knew the session (`404`) and the
   * transport started a new one by replaying `initialize`. State the server
   * kept for the old session (subscriptions, the logging level) is gone.
   *
   * Since: 0.1
   */
  signals[SESSION_REINITIALIZED] =
    g_signal_new ("session-reinitialized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mcp_http_transport_init (McpHttpTransport *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->mode = MCP_HTTP_TRANSPORT_MODE_AUTO;
  self->active_mode = MCP_HTTP_TRANSPORT_MODE_AUTO;
  self->state = MCP_TRANSPORT_STATE_DISCONNECTED;
  self->request_timeout = MCP_HTTP_DEFAULT_REQUEST_TIMEOUT;
  self->max_message_size = MCP_HTTP_DEFAULT_MAX_BODY_SIZE;
  self->open_event_stream = TRUE;
  self->max_retry_delay = MCP_HTTP_DEFAULT_MAX_RETRY_DELAY;
  self->redirect_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->operations = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->request_ops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->tool_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  self->modern_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->waiting = g_ptr_array_new ();
}

/* Public API ------------------------------------------------------------------------- */

/**
 * mcp_http_transport_new:
 * @url: the server's URL, `http://` or `https://`
 *
 * Creates a client transport for an MCP server over HTTP.
 *
 * Returns: (transfer full): a new #McpHttpTransport
 *
 * Since: 0.1
 */
McpHttpTransport *
mcp_http_transport_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (MCP_TYPE_HTTP_TRANSPORT, "url", url, NULL);
}

/**
 * mcp_http_transport_new_with_session:
 * @url: the server's URL
 * @session: (nullable): the #SoupSession to use, for instance one shared
 *   with the application, with its proxy and TLS settings
 *
 * Creates a client transport that sends its requests through @session.
 *
 * Returns: (transfer full): a new #McpHttpTransport
 *
 * Since: 0.1
 */
McpHttpTransport *
mcp_http_transport_new_with_session (const char  *url,
                                     SoupSession *session)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  return g_object_new (MCP_TYPE_HTTP_TRANSPORT, "url", url, "soup-session", session, NULL);
}

/**
 * mcp_http_transport_get_url:
 * @self: a #McpHttpTransport
 *
 * Gets the server's URL.
 *
 * Returns: the server's URL
 *
 * Since: 0.1
 */
const char *
mcp_http_transport_get_url (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->url;
}

/**
 * mcp_http_transport_get_soup_session:
 * @self: a #McpHttpTransport
 *
 * Gets the #SoupSession in use.
 *
 * Returns: (transfer none): the #SoupSession in use
 *
 * Since: 0.1
 */
SoupSession *
mcp_http_transport_get_soup_session (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->session;
}

/**
 * mcp_http_transport_get_mode:
 * @self: a #McpHttpTransport
 *
 * Gets the configured #McpHttpTransportMode.
 *
 * Returns: the configured #McpHttpTransportMode
 *
 * Since: 0.1
 */
McpHttpTransportMode
mcp_http_transport_get_mode (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), MCP_HTTP_TRANSPORT_MODE_AUTO);

  return self->mode;
}

/**
 * mcp_http_transport_set_mode:
 * @self: a #McpHttpTransport
 * @mode: the HTTP form to speak
 *
 * Sets #McpHttpTransport:mode; it applies from the next connect.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_mode (McpHttpTransport     *self,
                             McpHttpTransportMode  mode)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  if (self->mode == mode)
    return;

  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

/**
 * mcp_http_transport_get_active_mode:
 * @self: a #McpHttpTransport
 *
 * Gets the HTTP form in use, %MCP_HTTP_TRANSPORT_MODE_AUTO while unknown.
 *
 * Returns: the HTTP form in use, %MCP_HTTP_TRANSPORT_MODE_AUTO while unknown
 *
 * Since: 0.1
 */
McpHttpTransportMode
mcp_http_transport_get_active_mode (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), MCP_HTTP_TRANSPORT_MODE_AUTO);

  return self->active_mode;
}

/**
 * mcp_http_transport_get_session_id:
 * @self: a #McpHttpTransport
 *
 * Gets the `Mcp-Session-Id` the server assigned.
 *
 * Returns: (nullable): the `Mcp-Session-Id` the server assigned
 *
 * Since: 0.1
 */
const char *
mcp_http_transport_get_session_id (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->session_id;
}

/**
 * mcp_http_transport_get_protocol_version:
 * @self: a #McpHttpTransport
 *
 * Gets the negotiated protocol version, once known.
 *
 * Returns: (nullable): the negotiated protocol version, once known
 *
 * Since: 0.1
 */
const char *
mcp_http_transport_get_protocol_version (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->protocol_version;
}

/**
 * mcp_http_transport_get_auth_token:
 * @self: a #McpHttpTransport
 *
 * Gets the bearer token sent with every request.
 *
 * Returns: (nullable): the bearer token sent with every request
 *
 * Since: 0.1
 */
const char *
mcp_http_transport_get_auth_token (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->auth_token;
}

/**
 * mcp_http_transport_set_auth_token:
 * @self: a #McpHttpTransport
 * @token: (nullable): a bearer token, or %NULL for none
 *
 * Sets #McpHttpTransport:auth-token.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_auth_token (McpHttpTransport *self,
                                   const char       *token)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  if (_mcp_str_replace (&self->auth_token, token))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_TOKEN]);
}

/**
 * mcp_http_transport_get_tls_client_certificate:
 * @self: a #McpHttpTransport
 *
 * Gets #McpHttpTransport:tls-client-certificate.
 *
 * Returns: (transfer none) (nullable): the client certificate
 *
 * Since: 0.1
 */
GTlsCertificate *
mcp_http_transport_get_tls_client_certificate (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->tls_client_certificate;
}

/**
 * mcp_http_transport_set_tls_client_certificate:
 * @self: a #McpHttpTransport
 * @certificate: (nullable): a certificate with its private key, or %NULL
 *   for none
 *
 * Sets #McpHttpTransport:tls-client-certificate; it applies to the
 * requests sent after, on connections opened after (libsoup keeps an open
 * connection's handshake).
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_tls_client_certificate (McpHttpTransport *self,
                                               GTlsCertificate  *certificate)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  if (g_set_object (&self->tls_client_certificate, certificate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_CLIENT_CERTIFICATE]);
}

/**
 * mcp_http_transport_get_oauth_client:
 * @self: a #McpHttpTransport
 *
 * Gets #McpHttpTransport:oauth-client.
 *
 * Returns: (transfer none) (nullable): the OAuth client
 *
 * Since: 0.1
 */
McpOAuthClient *
mcp_http_transport_get_oauth_client (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), NULL);

  return self->oauth;
}

/**
 * mcp_http_transport_set_oauth_client:
 * @self: a #McpHttpTransport
 * @oauth: (nullable): an OAuth client, or %NULL
 *
 * Sets #McpHttpTransport:oauth-client.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_oauth_client (McpHttpTransport *self,
                                     McpOAuthClient   *oauth)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (oauth == NULL || MCP_IS_OAUTH_CLIENT (oauth));

  if (g_set_object (&self->oauth, oauth))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OAUTH_CLIENT]);
}

/**
 * mcp_http_transport_set_header:
 * @self: a #McpHttpTransport
 * @name: a header name
 * @value: (nullable): its value, or %NULL to stop sending it
 *
 * Adds a header to every HTTP request the transport makes, such as an API
 * key a gateway wants.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_header (McpHttpTransport *self,
                               const char       *name,
                               const char       *value)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (self->headers, name);
  else
    g_hash_table_replace (self->headers, g_strdup (name), g_strdup (value));
}

/**
 * mcp_http_transport_get_request_timeout:
 * @self: a #McpHttpTransport
 *
 * Gets the HTTP request timeout in milliseconds (0: none).
 *
 * Returns: the HTTP request timeout in milliseconds (0: none)
 *
 * Since: 0.1
 */
guint
mcp_http_transport_get_request_timeout (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->request_timeout;
}

/**
 * mcp_http_transport_set_request_timeout:
 * @self: a #McpHttpTransport
 * @timeout_ms: the timeout in milliseconds, or 0 for none
 *
 * Sets #McpHttpTransport:request-timeout.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_request_timeout (McpHttpTransport *self,
                                        guint             timeout_ms)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  if (self->request_timeout == timeout_ms)
    return;

  self->request_timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TIMEOUT]);
}

/**
 * mcp_http_transport_get_max_message_size:
 * @self: a #McpHttpTransport
 *
 * Gets the largest response body or event accepted, in bytes.
 *
 * Returns: the largest response body or event accepted, in bytes
 *
 * Since: 0.1
 */
gsize
mcp_http_transport_get_max_message_size (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->max_message_size;
}

/**
 * mcp_http_transport_set_max_message_size:
 * @self: a #McpHttpTransport
 * @max_message_size: the largest response body or event accepted, in bytes
 *
 * Sets #McpHttpTransport:max-message-size.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_max_message_size (McpHttpTransport *self,
                                         gsize             max_message_size)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (max_message_size > 0);

  if (self->max_message_size == max_message_size)
    return;

  self->max_message_size = max_message_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_MESSAGE_SIZE]);
}

/**
 * mcp_http_transport_get_open_event_stream:
 * @self: a #McpHttpTransport
 *
 * Checks whether the standalone event stream is opened after initialization.
 *
 * Returns: whether the standalone event stream is opened after
 *   initialization
 *
 * Since: 0.1
 */
gboolean
mcp_http_transport_get_open_event_stream (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), FALSE);

  return self->open_event_stream;
}

/**
 * mcp_http_transport_set_open_event_stream:
 * @self: a #McpHttpTransport
 * @open: whether to open the standalone event stream
 *
 * Sets #McpHttpTransport:open-event-stream.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_open_event_stream (McpHttpTransport *self,
                                          gboolean          open)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  open = !!open;
  if (self->open_event_stream == open)
    return;

  self->open_event_stream = open;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_EVENT_STREAM]);
}

/**
 * mcp_http_transport_is_listening:
 * @self: a #McpHttpTransport
 *
 * Checks whether the standalone event stream is open.
 *
 * Returns: whether the standalone event stream is open
 *
 * Since: 0.1
 */
gboolean
mcp_http_transport_is_listening (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), FALSE);

  return self->listening;
}

/**
 * mcp_http_transport_get_max_redirects:
 * @self: a #McpHttpTransport
 *
 * Gets #McpHttpTransport:max-redirects.
 *
 * Returns: how many redirects a request may follow; 0 refuses them
 *
 * Since: 0.1
 */
guint
mcp_http_transport_get_max_redirects (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->max_redirects;
}

/**
 * mcp_http_transport_set_max_redirects:
 * @self: a #McpHttpTransport
 * @max_redirects: how many redirects a request may follow, at most 20; 0
 *   refuses them
 *
 * Sets #McpHttpTransport:max-redirects.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_max_redirects (McpHttpTransport *self,
                                      guint             max_redirects)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));

  max_redirects = MIN (max_redirects, 20);
  if (self->max_redirects == max_redirects)
    return;

  self->max_redirects = max_redirects;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REDIRECTS]);
}

/**
 * mcp_http_transport_get_max_retry_delay:
 * @self: a #McpHttpTransport
 *
 * Gets #McpHttpTransport:max-retry-delay.
 *
 * Returns: the longest wait before an event stream is resumed, in
 *   milliseconds
 *
 * Since: 0.1
 */
guint
mcp_http_transport_get_max_retry_delay (McpHttpTransport *self)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), 0);

  return self->max_retry_delay;
}

/**
 * mcp_http_transport_set_max_retry_delay:
 * @self: a #McpHttpTransport
 * @delay_ms: the longest wait before an event stream is resumed, in
 *   milliseconds; at least 1
 *
 * Sets #McpHttpTransport:max-retry-delay, the cap on a server's `retry:`.
 *
 * Since: 0.1
 */
void
mcp_http_transport_set_max_retry_delay (McpHttpTransport *self,
                                        guint             delay_ms)
{
  g_return_if_fail (MCP_IS_HTTP_TRANSPORT (self));
  g_return_if_fail (delay_ms > 0);

  if (self->max_retry_delay == delay_ms)
    return;

  self->max_retry_delay = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRY_DELAY]);
}

gboolean
_mcp_http_transport_pin (McpHttpTransport *self,
                         McpPinnedAddress *address,
                         McpUrlGuard      *guard)
{
  g_return_val_if_fail (MCP_IS_HTTP_TRANSPORT (self), FALSE);
  g_return_val_if_fail (MCP_IS_PINNED_ADDRESS (address), FALSE);
  g_return_val_if_fail (self->state == MCP_TRANSPORT_STATE_DISCONNECTED, FALSE);

  if (!self->own_session)
    return FALSE;

  _mcp_soup_session_pin (&self->session, &self->pinned, address, make_session);
  g_hash_table_remove_all (self->redirect_sessions);

  g_clear_pointer (&self->guard, _mcp_url_guard_unref);
  self->guard = guard != NULL ? _mcp_url_guard_ref (guard) : NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOUP_SESSION]);
  return TRUE;
}

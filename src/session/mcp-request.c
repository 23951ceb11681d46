/* mcp-request.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-message.h"
#include "mcp-request-private.h"
#include "mcp-session-private.h"
#include "mcp-trace-context.h"
#include "mcp-transport.h"

/**
 * McpRequest:
 *
 * One incoming JSON-RPC request, waiting for its reply.
 *
 * An #McpSession hands each request to the #McpRequestHandler registered for
 * its method. The handler replies with mcp_request_return_result(),
 * mcp_request_return_error() or mcp_request_return_gerror(), at once or
 * later from the main loop, exactly once.
 *
 * While the request runs, the handler can report progress (when the peer
 * asked for it with a progress token), send notifications and requests that
 * belong to it (transports with one stream per request send them there), and
 * watch #McpRequest:cancellable, which is cancelled when the peer sends
 * `notifications/cancelled` for it or the connection closes. A reply after
 * that is dropped silently, as the specification requires.
 *
 * Since: 0.1
 */

struct _McpRequest
{
  GObject       parent_instance;

  McpSession   *session;        /* under the lock; NULL once the session is disposed */
  McpRequest   *session_prev;   /* the session's live requests, under the lock */
  McpRequest   *session_next;
  JsonNode     *id;
  char         *method;
  JsonNode     *params;
  JsonNode     *meta;
  JsonNode     *progress_token;
  GCancellable *cancellable;     /* made when first asked for: most requests never are */
  gint          cancelled;      /* atomic: cancelled before or after it was made */
  gdouble       last_progress;

  McpEnvelope   envelope;       /* borrowed from params; valid when modern */
  JsonObject   *server_info;    /* stamped on a modern result's _meta */
  gint64        cache_ttl;      /* a cacheable result's ttlMs, or -1 */
  const char   *cache_scope;    /* static: its cacheScope, or NULL */
  McpRequestLocalReply local_reply;  /* a request with no peer: see _mcp_request_new_local() */
  gpointer      local_data;
  guint         modern : 1;
  guint         completed : 1;
  guint         abandoned : 1;
  guint         sent_progress : 1;
};

G_DEFINE_FINAL_TYPE (McpRequest, mcp_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ID,
  PROP_METHOD,
  PROP_PARAMS,
  PROP_CANCELLABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REPLYING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A request's link to its session: a weak reference, without GWeakRef's
 * qdata list on the session (a lookup and a list walk per request). The
 * session lists its live requests and detaches them when it is disposed. */
G_LOCK_DEFINE_STATIC (session_links);

static void
attach_session (McpRequest *self,
                McpSession *session)
{
  McpRequest **head;

  /* A local request (_mcp_request_new_local()) has no session. */
  if (session == NULL)
    return;
  head = _mcp_session_live_requests (session);

  G_LOCK (session_links);
  self->session = session;
  self->session_prev = NULL;
  self->session_next = *head;
  if (*head != NULL)
    (*head)->session_prev = self;
  *head = self;
  G_UNLOCK (session_links);
}

static void
detach_session (McpRequest *self)
{
  G_LOCK (session_links);
  if (self->session != NULL)
    {
      if (self->session_prev != NULL)
        self->session_prev->session_next = self->session_next;
      else
        *_mcp_session_live_requests (self->session) = self->session_next;
      if (self->session_next != NULL)
        self->session_next->session_prev = self->session_prev;
      self->session = NULL;
      self->session_prev = self->session_next = NULL;
    }
  G_UNLOCK (session_links);
}

/* A new reference to the session, or NULL. */
static McpSession *
get_session (McpRequest *self)
{
  McpSession *session = NULL;

  G_LOCK (session_links);
  if (self->session != NULL)
    session = g_object_ref (self->session);
  G_UNLOCK (session_links);
  return session;
}

void
_mcp_request_detach_all (McpRequest **head)
{
  McpRequest *request;
  McpRequest *next;

  G_LOCK (session_links);
  for (request = *head; request != NULL; request = next)
    {
      next = request->session_next;
      request->session = NULL;
      request->session_prev = request->session_next = NULL;
    }
  *head = NULL;
  G_UNLOCK (session_links);
}

static void
mcp_request_finalize (GObject *object)
{
  McpRequest *self = (McpRequest *) object;

  detach_session (self);
  g_clear_pointer (&self->id, json_node_unref);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->params, json_node_unref);
  g_clear_pointer (&self->meta, json_node_unref);
  g_clear_pointer (&self->progress_token, json_node_unref);
  g_clear_pointer (&self->server_info, json_object_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mcp_request_parent_class)->finalize (object);
}

static void
mcp_request_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McpRequest *self = MCP_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_take_object (value, get_session (self));
      break;
    case PROP_ID:
      g_value_set_boxed (value, self->id);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_PARAMS:
      g_value_set_boxed (value, self->params);
      break;
    case PROP_CANCELLABLE:
      g_value_set_object (value, mcp_request_get_cancellable (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_request_class_init (McpRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_request_finalize;
  object_class->get_property = mcp_request_get_property;

  /**
   * McpRequest:session:
   *
   * The session the request arrived on, while it exists.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MCP_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpRequest:id:
   *
   * The request id exactly as the peer sent it.
   *
   * Since: 0.1
   */
  properties[PROP_ID] =
    g_param_spec_boxed ("id", NULL, NULL,
                        JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpRequest:method:
   *
   * The method name.
   *
   * Since: 0.1
   */
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpRequest:params:
   *
   * The params object; an empty object when the peer sent none.
   *
   * Since: 0.1
   */
  properties[PROP_PARAMS] =
    g_param_spec_boxed ("params", NULL, NULL,
                        JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpRequest:cancellable:
   *
   * Cancelled when the peer cancels the request or the connection closes.
   *
   * Since: 0.1
   */
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL,
                         G_TYPE_CANCELLABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpRequest::replying:
   * @self: the request
   * @reply: the JSON-RPC message about to be sent: a response with a
   *   `result`, or an `error`
   *
   * Emitted once, when the request is answered, just before the answer
   * goes out. A handler may change @reply in place (a middleware that
   * alters results), time the request or log it; it must not answer the
   * request again.
   *
   * Since: 0.1
   */
  signals[SIGNAL_REPLYING] =
    g_signal_new ("replying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mcp_request_init (McpRequest *self)
{
  self->last_progress = -G_MAXDOUBLE;
  self->cache_ttl = -1;
}

McpRequest *
_mcp_request_new (McpSession *session,
                  JsonNode   *id,
                  const char *method,
                  JsonNode   *params)
{
  McpRequest *self;
  JsonObject *meta;

  self = g_object_new (MCP_TYPE_REQUEST, NULL);
  attach_session (self, session);
  self->id = json_node_copy (id);
  self->method = g_strdup (method);

  if (params != NULL)
    self->params = json_node_copy (params);
  else
    self->params = _mcp_json_node_new_object (json_object_new ());

  meta = _mcp_json_object_get_object (json_node_get_object (self->params), "_meta");
  if (meta != NULL)
    {
      JsonNode *token;

      self->meta = json_node_copy (json_object_get_member (json_node_get_object (self->params),
                                                           "_meta"));
      token = json_object_get_member (meta, "progressToken");
      if (token != NULL && mcp_message_id_is_valid (token))
        self->progress_token = json_node_copy (token);
    }

  return self;
}

/* A request that no peer sent: the client of the 2026-07-28 era hands the
 * server's input requests to its handlers as if they had come over the
 * wire, and @reply receives the response message (with @id) in their
 * place, once. */
McpRequest *
_mcp_request_new_local (JsonNode             *id,
                        const char           *method,
                        JsonNode             *params,
                        McpRequestLocalReply  reply,
                        gpointer              reply_data)
{
  McpRequest *self = _mcp_request_new (NULL, id, method, params);

  self->local_reply = reply;
  self->local_data = reply_data;
  return self;
}

/* The 2026-07-28 era --------------------------------------------------------- */

/**
 * _mcp_request_read_envelope:
 * @error: %MCP_ERROR_INVALID_PARAMS when the envelope is malformed
 *
 * Reads the per-request `_meta` envelope (see mcp-envelope.c). From then
 * on the request is a modern one: its result gets a `resultType` and the
 * server's identity.
 *
 * Returns: whether the envelope is well formed
 */
gboolean
_mcp_request_read_envelope (McpRequest  *self,
                            GError     **error)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), FALSE);

  self->modern = TRUE;
  return _mcp_envelope_read (json_node_get_object (self->params), &self->envelope, error);
}

/* Whether the request is of the per-request era (its _meta names a
 * protocol version), whether or not its envelope is well formed. */
gboolean
_mcp_request_has_envelope (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), FALSE);

  return _mcp_envelope_is_present (json_node_get_object (self->params));
}

/* The envelope read by _mcp_request_read_envelope(), or NULL for a request
 * of the handshake era. */
const McpEnvelope *
_mcp_request_get_envelope (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  return self->modern && self->envelope.protocol_version != NULL ? &self->envelope : NULL;
}

void
_mcp_request_set_server_info (McpRequest *self,
                              JsonObject *server_info)
{
  g_return_if_fail (MCP_IS_REQUEST (self));

  g_clear_pointer (&self->server_info, json_object_unref);
  if (server_info != NULL)
    self->server_info = json_object_ref (server_info);
}

/* What a cacheable modern result carries where its handler set nothing:
 * @ttl_ms (-1: nothing) and @scope (static; NULL: nothing). */
void
_mcp_request_set_cache_hints (McpRequest *self,
                              gint64      ttl_ms,
                              const char *scope)
{
  g_return_if_fail (MCP_IS_REQUEST (self));

  self->cache_ttl = ttl_ms;
  self->cache_scope = scope;
}

/* The flag first, then the cancellable if there is one: a cancellable made
 * at the same time in another thread sees the flag (see
 * mcp_request_get_cancellable()). */
static void
cancel (McpRequest *self)
{
  GCancellable *cancellable;

  g_atomic_int_set (&self->cancelled, TRUE);
  cancellable = g_atomic_pointer_get (&self->cancellable);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

/* The library answered the request (an input round, or a capability the
 * client lacks): whatever the handler replies later is dropped quietly,
 * and the handler's cancellable tells it to stop. */
void
_mcp_request_detach_handler (McpRequest *self)
{
  g_return_if_fail (MCP_IS_REQUEST (self));

  self->abandoned = TRUE;
  cancel (self);
}

void
_mcp_request_abandon (McpRequest *self)
{
  g_return_if_fail (MCP_IS_REQUEST (self));

  if (self->completed)
    return;

  self->completed = TRUE;
  self->abandoned = TRUE;
  cancel (self);
}

/* Whether something (a middleware, the server's metrics, a deadline, an
 * output check) waits to see the answer: then it is built as a JsonNode,
 * never written straight from text. */
static gboolean
watched (McpRequest *self)
{
  return g_signal_has_handler_pending (self, signals[SIGNAL_REPLYING], 0, FALSE);
}

static void
complete (McpRequest *self,
          JsonNode   *message)
{
  g_autoptr(McpSession) session = NULL;

  if (self->completed)
    {
      if (!self->abandoned)
        g_warning ("Request %s was already replied to", self->method);
      return;
    }

  self->completed = TRUE;

  if (message != NULL && g_signal_has_handler_pending (self, signals[SIGNAL_REPLYING], 0, FALSE))
    g_signal_emit (self, signals[SIGNAL_REPLYING], 0, message);

  if (self->local_reply != NULL)
    {
      McpRequestLocalReply reply = g_steal_pointer (&self->local_reply);

      if (message != NULL)
        reply (self, message, self->local_data);
      return;
    }

  session = get_session (self);
  if (session != NULL)
    _mcp_session_send_reply (session, self, message);
}

void
_mcp_request_expire (McpRequest *self,
                     gint        code,
                     const char *message)
{
  g_autoptr(JsonNode) reply = NULL;

  g_return_if_fail (MCP_IS_REQUEST (self));

  if (self->completed)
    return;

  reply = mcp_message_new_error (self->id, code, message, NULL);
  complete (self, reply);
  self->abandoned = TRUE;
  cancel (self);
}

/**
 * mcp_request_get_session:
 * @self: a #McpRequest
 *
 * Gets the session the request arrived on.
 *
 * Returns: (transfer none) (nullable): the session, or %NULL once it is gone
 *
 * Since: 0.1
 */
McpSession *
mcp_request_get_session (McpRequest *self)
{
  g_autoptr(McpSession) session = NULL;

  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  /* The session outlives the request while the request is pending: it holds
   * a reference to it until the reply. */
  session = get_session (self);
  return session;
}

/**
 * mcp_request_close_stream:
 * @self: a #McpRequest
 *
 * Lets go of the connection that carries this request's replies, where the
 * transport has one per request: on Streamable HTTP, closes the event stream's
 * HTTP connection without ending the stream, so that the client reconnects
 * (after the retry interval) with `Last-Event-ID` and receives what the
 * handler sends from then on, including the result. This is the server side
 * of SSE polling: a handler that runs for long can let go of the connection.
 * A request still without a stream first gets one, with a priming event to
 * resume from. See mcp_transport_close_request_stream().
 *
 * Returns: %TRUE if a connection was closed; %FALSE when the transport has
 *   no connection of the request's own
 *
 * Since: 0.1
 */
gboolean
mcp_request_close_stream (McpRequest *self)
{
  McpSession *session;
  McpTransport *transport;

  g_return_val_if_fail (MCP_IS_REQUEST (self), FALSE);

  session = mcp_request_get_session (self);
  if (session == NULL)
    return FALSE;

  transport = mcp_session_get_transport (session);
  if (transport == NULL)
    return FALSE;

  return mcp_transport_close_request_stream (transport, self->id);
}

/**
 * mcp_request_get_method:
 * @self: a #McpRequest
 *
 * Gets the method name.
 *
 * Returns: the method name
 *
 * Since: 0.1
 */
const char *
mcp_request_get_method (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  return self->method;
}

/**
 * mcp_request_get_id:
 * @self: a #McpRequest
 *
 * Gets the request id exactly as the peer sent it.
 *
 * Returns: (transfer none): the request id exactly as the peer sent it
 *
 * Since: 0.1
 */
JsonNode *
mcp_request_get_id (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  return self->id;
}

/**
 * mcp_request_get_params:
 * @self: a #McpRequest
 *
 * Gets the params object (empty if the peer sent none).
 *
 * Returns: (transfer none): the params object (empty if the peer sent none)
 *
 * Since: 0.1
 */
JsonNode *
mcp_request_get_params (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  return self->params;
}

/**
 * mcp_request_get_meta:
 * @self: a #McpRequest
 *
 * Gets the `_meta` object of the params.
 *
 * Returns: (transfer none) (nullable): the `_meta` object of the params
 *
 * Since: 0.1
 */
JsonNode *
mcp_request_get_meta (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  return self->meta;
}

/**
 * mcp_request_get_progress_token:
 * @self: a #McpRequest
 *
 * Gets the progress token the peer sent in `_meta.progressToken`, or %NULL if
 * it wants no progress.
 *
 * Returns: (transfer none) (nullable): the progress token the peer sent in
 *   `_meta.progressToken`, or %NULL if it wants no progress
 *
 * Since: 0.1
 */
JsonNode *
mcp_request_get_progress_token (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  return self->progress_token;
}

/**
 * mcp_request_get_cancellable:
 * @self: a #McpRequest
 *
 * Gets a cancellable that is cancelled when the peer cancels the request or
 * the connection closes.
 *
 * Returns: (transfer none): cancelled when the peer cancels the request or the
 *   connection closes
 *
 * Since: 0.1
 */
GCancellable *
mcp_request_get_cancellable (McpRequest *self)
{
  GCancellable *cancellable;

  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  cancellable = g_atomic_pointer_get (&self->cancellable);
  if (cancellable != NULL)
    return cancellable;

  cancellable = g_cancellable_new ();
  if (!g_atomic_pointer_compare_and_exchange (&self->cancellable, NULL, cancellable))
    {
      g_object_unref (cancellable);
      return g_atomic_pointer_get (&self->cancellable);
    }
  if (g_atomic_int_get (&self->cancelled))
    g_cancellable_cancel (cancellable);
  return cancellable;
}

/**
 * mcp_request_is_cancelled:
 * @self: a #McpRequest
 *
 * Checks whether the peer cancelled the request or the connection closed.
 *
 * Returns: whether the peer cancelled the request or the connection closed
 *
 * Since: 0.1
 */
gboolean
mcp_request_is_cancelled (McpRequest *self)
{
  GCancellable *cancellable;

  g_return_val_if_fail (MCP_IS_REQUEST (self), FALSE);

  if (g_atomic_int_get (&self->cancelled))
    return TRUE;
  cancellable = g_atomic_pointer_get (&self->cancellable);
  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

/**
 * mcp_request_is_completed:
 * @self: a #McpRequest
 *
 * Checks whether the request was replied to, cancelled or abandoned.
 *
 * Returns: whether the request was replied to, cancelled or abandoned
 *
 * Since: 0.1
 */
gboolean
mcp_request_is_completed (McpRequest *self)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), FALSE);

  return self->completed;
}

/**
 * mcp_request_return_result:
 * @self: a #McpRequest
 * @result: (nullable): the result; %NULL stands for an empty object
 *
 * Replies with a result. Does nothing if the request was cancelled.
 *
 * Since: 0.1
 */
void
mcp_request_return_result (McpRequest *self,
                           JsonNode   *result)
{
  g_autoptr(JsonNode) message = NULL;

  g_return_if_fail (MCP_IS_REQUEST (self));

  if (self->completed)
    {
      complete (self, NULL);
      return;
    }

  if (self->modern)
    {
      g_autoptr(JsonNode) stamped = NULL;

      stamped = result != NULL && JSON_NODE_HOLDS_OBJECT (result)
                ? json_node_copy (result)
                : _mcp_json_node_new_object (json_object_new ());
      _mcp_envelope_stamp_result (json_node_get_object (stamped), MCP_RESULT_TYPE_COMPLETE,
                                  self->server_info);
      _mcp_envelope_add_cache_hints (json_node_get_object (stamped), self->method,
                                     self->cache_ttl, self->cache_scope);
      message = mcp_message_new_response (self->id, stamped);
    }
  else if (self->local_reply == NULL && !watched (self))
    {
      /* The common reply: the session may write it without building it. */
      g_autoptr(McpSession) session = get_session (self);

      self->completed = TRUE;
      if (session != NULL)
        _mcp_session_send_result (session, self, result);
      return;
    }
  else
    message = mcp_message_new_response (self->id, result);
  complete (self, message);
}

/* Whether _mcp_request_return_result_text() can answer: a handshake-era
 * request from a peer whose transport takes result text (stdio), not yet
 * answered. Otherwise the result is built as a JsonNode. */
gboolean
_mcp_request_takes_result_text (McpRequest *self)
{
  g_autoptr(McpSession) session = NULL;

  g_return_val_if_fail (MCP_IS_REQUEST (self), FALSE);

  if (self->completed || self->modern || self->local_reply != NULL || watched (self))
    return FALSE;

  session = get_session (self);
  return session != NULL && _mcp_session_sends_result_text (session);
}

/* mcp_request_return_result() with @result_json, the result written as
 * compact JSON text; only after _mcp_request_takes_result_text(). */
void
_mcp_request_return_result_text (McpRequest *self,
                                 const char *result_json,
                                 gsize       length)
{
  g_autoptr(McpSession) session = NULL;

  g_return_if_fail (MCP_IS_REQUEST (self));
  g_return_if_fail (!self->completed && !self->modern && self->local_reply == NULL);

  self->completed = TRUE;
  session = get_session (self);
  if (session != NULL)
    _mcp_session_send_result_text (session, self, result_json, length);
}

/**
 * mcp_request_return_error:
 * @self: a #McpRequest
 * @code: a JSON-RPC error code, such as %MCP_JSONRPC_INVALID_PARAMS
 * @message: the error message
 * @data: (nullable): additional data
 *
 * Replies with a JSON-RPC error. Does nothing if the request was cancelled.
 *
 * Since: 0.1
 */
void
mcp_request_return_error (McpRequest *self,
                          gint        code,
                          const char *message,
                          JsonNode   *data)
{
  g_autoptr(JsonNode) reply = NULL;

  g_return_if_fail (MCP_IS_REQUEST (self));
  g_return_if_fail (message != NULL);

  if (self->completed)
    {
      complete (self, NULL);
      return;
    }

  reply = mcp_message_new_error (self->id, code, message, data);
  complete (self, reply);
}

/**
 * mcp_request_return_gerror:
 * @self: a #McpRequest
 * @error: the error
 *
 * Replies with a JSON-RPC error made from @error (see
 * mcp_error_get_jsonrpc_code()). Does nothing if the request was cancelled.
 *
 * Since: 0.1
 */
void
mcp_request_return_gerror (McpRequest   *self,
                           const GError *error)
{
  g_return_if_fail (MCP_IS_REQUEST (self));
  g_return_if_fail (error != NULL);

  mcp_request_return_error (self,
                            mcp_error_get_jsonrpc_code (error),
                            error->message,
                            mcp_error_get_data (error));
}

/**
 * mcp_request_send_progress:
 * @self: a #McpRequest
 * @progress: the progress so far; it must grow with every call
 * @total: the total, or a negative number if unknown
 * @message: (nullable): a human-readable message
 *
 * Sends `notifications/progress` for this request. Nothing is sent when the
 * peer asked for no progress, the request is finished, or @progress does not
 * exceed the last value sent (the specification requires it to increase).
 *
 * Returns: %TRUE if a notification was sent
 *
 * Since: 0.1
 */
gboolean
mcp_request_send_progress (McpRequest *self,
                           gdouble     progress,
                           gdouble     total,
                           const char *message)
{
  g_autoptr(McpSession) session = NULL;
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_REQUEST (self), FALSE);

  if (self->progress_token == NULL || self->completed)
    return FALSE;

  if (self->sent_progress && progress <= self->last_progress)
    {
      g_debug ("Progress %g does not exceed %g; not sent", progress, self->last_progress);
      return FALSE;
    }

  session = get_session (self);
  if (session == NULL)
    return FALSE;

  self->last_progress = progress;
  self->sent_progress = TRUE;

  object = json_object_new ();
  json_object_set_member (object, "progressToken", json_node_copy (self->progress_token));
  json_object_set_double_member (object, "progress", progress);
  if (total >= 0)
    json_object_set_double_member (object, "total", total);
  if (message != NULL)
    json_object_set_string_member (object, "message", message);
  params = _mcp_json_node_new_object (object);

  mcp_session_send_notification_async (session, "notifications/progress", params,
                                       self->id, NULL, NULL, NULL);
  return TRUE;
}

/**
 * mcp_request_send_notification:
 * @self: a #McpRequest
 * @method: the notification method
 * @params: (nullable): its params
 *
 * Sends a notification that belongs to this request, such as a log message
 * about its work. Nothing is sent once the request is finished.
 *
 * Since: 0.1
 */
void
mcp_request_send_notification (McpRequest *self,
                               const char *method,
                               JsonNode   *params)
{
  g_autoptr(McpSession) session = NULL;

  g_return_if_fail (MCP_IS_REQUEST (self));
  g_return_if_fail (method != NULL);

  if (self->completed)
    return;

  session = get_session (self);
  if (session != NULL)
    mcp_session_send_notification_async (session, method, params, self->id,
                                         NULL, NULL, NULL);
}

static void
send_request_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *reply;

  reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);
  if (reply == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reply, (GDestroyNotify) json_node_unref);
}

/**
 * mcp_request_send_request_async:
 * @self: a #McpRequest
 * @method: the method to call on the peer
 * @params: (nullable): its params
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the peer's reply
 * @user_data: the data to pass to @callback
 *
 * Sends a request to the peer on behalf of this request, such as a server
 * asking the client for a sampling completion while a tool runs. It travels
 * on this request's stream where the transport has one per request.
 *
 * Since: 0.1
 */
void
mcp_request_send_request_async (McpRequest          *self,
                                const char          *method,
                                JsonNode            *params,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(McpSession) session = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_REQUEST (self));
  g_return_if_fail (method != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_request_send_request_async);

  session = get_session (self);
  if (session == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                               "The session is gone");
      return;
    }

  mcp_session_send_request_full_async (session, method, params, self->id,
                                       MCP_REQUEST_FLAGS_NONE, -1,
                                       NULL, NULL, NULL,
                                       cancellable,
                                       send_request_cb,
                                       g_steal_pointer (&task));
}

/**
 * mcp_request_send_request_finish:
 * @self: a #McpRequest
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_request_send_request_async().
 *
 * Returns: (transfer full): the peer's result
 *
 * Since: 0.1
 */
JsonNode *
mcp_request_send_request_finish (McpRequest    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mcp_request_get_trace_context:
 * @self: a #McpRequest
 *
 * The W3C trace context the request carries in its `_meta`
 * (`traceparent`, `tracestate`, `baggage`), for a handler to continue the
 * caller's trace. Requests sent on behalf of this one (with it as the
 * related request: mcp_request_send_request_async(), and the sampling,
 * elicitation and roots requests of the server's handler objects) carry it
 * on by themselves. See #McpTraceContext.
 *
 * Returns: (transfer none) (nullable): the trace context, or %NULL when
 *   the request has none, or one that is not valid
 *
 * Since: 0.1
 */
McpTraceContext *
mcp_request_get_trace_context (McpRequest *self)
{
  static GQuark parsed_quark;
  McpTraceContext *trace;

  g_return_val_if_fail (MCP_IS_REQUEST (self), NULL);

  if (self->meta == NULL)
    return NULL;
  if (G_UNLIKELY (parsed_quark == 0))
    parsed_quark = g_quark_from_static_string ("mcp-trace-context");

  /* Parsed once, when first asked for: most requests never are. A
   * request without a valid one keeps a marker of itself. */
  trace = g_object_get_qdata (G_OBJECT (self), parsed_quark);
  if (trace == NULL)
    {
      trace = mcp_trace_context_from_meta (self->meta);
      if (trace == NULL)
        {
          g_object_set_qdata (G_OBJECT (self), parsed_quark, self);
          return NULL;
        }
      g_object_set_qdata_full (G_OBJECT (self), parsed_quark, trace,
                               (GDestroyNotify) mcp_trace_context_unref);
    }
  return trace != (gpointer) self ? trace : NULL;
}

/* mcp-session.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-message.h"
#include "mcp-session-private.h"
#include "mcp-request.h"
#include "mcp-stdio-transport-private.h"
#include "mcp-trace-context.h"
#include "mcp-websocket-transport-private.h"
#include "mcp-transport.h"
#include "mcp-transport-private.h"

/* How long requests still running may take to finish once the peer has
 * closed its end of the connection. */
#define MCP_SESSION_DRAIN_TIMEOUT 10000

/**
 * McpSession:
 *
 * A JSON-RPC 2.0 peer over one #McpTransport.
 *
 * MCP is symmetric: clients and servers both send requests, so #McpClient
 * and #McpServer both sit on an #McpSession.
 *
 * Outgoing requests get integer ids chosen here and complete when the reply
 * with exactly that id arrives (a peer's string `"1"` does not answer our
 * `1`). Each has a timeout (#McpSession:request-timeout unless the call says
 * otherwise) that progress notifications can restart. Cancelling a request's
 * #GCancellable completes it at once with %G_IO_ERROR_CANCELLED and tells the
 * peer with `notifications/cancelled`; the connection is unaffected and a
 * late reply is dropped.
 *
 * Incoming requests go to the #McpRequestHandler registered for their method
 * with mcp_session_set_request_handler(); unknown methods are answered with
 * -32601, malformed messages with -32600 or -32700 (with the id when it could
 * be read). Notifications are emitted as #McpSession::notification, detailed
 * by method, so `notification::notifications/progress` selects one kind.
 *
 * When the transport disconnects, every pending request fails with
 * %MCP_ERROR_CONNECTION_CLOSED — from an idle callback, never re-entrantly —
 * and #McpSession::closed is emitted once. A transport that reconnects by
 * itself (WebSocket) ends the lost connection the same way, then reopens the
 * session and emits #McpSession::reconnected.
 *
 * Since: 0.1
 */

typedef struct
{
  McpRequestHandler handler;
  gpointer          user_data;
  GDestroyNotify    destroy;
} HandlerEntry;

typedef struct _PendingRequest PendingRequest;

/* JSON-RPC's implementation-defined server error range; the spec has no
 * code of its own for "slow down". */
#define TOO_MANY_REQUESTS_CODE (-32000)

struct _PendingRequest
{
  McpSession          *session;
  gint64               id;
  char                *method;
  GTask               *task;
  char                *progress_key;
  McpProgressCallback  progress_callback;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
  McpRequestFlags      flags;
  guint                timeout_ms;
  guint                timeout_id;
  GCancellable        *cancellable;
  gulong               cancelled_id;
};

struct _McpSession
{
  GObject       parent_instance;

  McpTransport *transport;
  GMainContext *context;
  gulong        message_handler;
  gboolean      is_receiver;      /* receives through _mcp_transport_set_receiver() */
  McpRequest   *live_requests;    /* see _mcp_session_live_requests() */
  gulong        state_handler;
  gulong        error_handler;

  GHashTable   *handlers;        /* method → HandlerEntry */
  GHashTable   *pending;         /* gint64 id → PendingRequest */
  GHashTable   *progress;        /* token key → PendingRequest (borrowed) */
  GHashTable   *incoming;        /* id key → McpRequest */
  gint64        next_id;
  guint         request_timeout;
  guint         max_requests_in_flight;
  guint         close_idle_id;
  guint         drain_timeout_id;

  guint         closed : 1;
  guint         draining : 1;
  guint         closed_emitted : 1;
  guint         close_requested : 1;
  guint         reconnecting : 1;
};

G_DEFINE_FINAL_TYPE (McpSession, mcp_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRANSPORT,
  PROP_REQUEST_TIMEOUT,
  PROP_MAX_REQUESTS_IN_FLIGHT,
  PROP_CLOSED,
  N_PROPS
};

enum {
  NOTIFICATION,
  CLOSED,
  RECONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
handler_entry_free (HandlerEntry *entry)
{
  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
  g_free (entry);
}

static void
pending_free (PendingRequest *pending)
{
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  if (pending->cancelled_id != 0)
    g_cancellable_disconnect (pending->cancellable, pending->cancelled_id);
  g_clear_object (&pending->cancellable);
  if (pending->progress_destroy != NULL)
    pending->progress_destroy (pending->progress_data);
  g_clear_object (&pending->task);
  g_free (pending->progress_key);
  g_free (pending->method);
  g_free (pending);
}

/* Removes @pending from every table and completes its task; @result and
 * @error are consumed. */
static void
pending_complete (PendingRequest *pending,
                  JsonNode       *result,
                  GError         *error)
{
  McpSession *self = pending->session;
  g_autoptr(GTask) task = g_steal_pointer (&pending->task);

  if (pending->progress_key != NULL)
    g_hash_table_remove (self->progress, pending->progress_key);
  g_hash_table_steal (self->pending, &pending->id);
  pending_free (pending);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) json_node_unref);
}

/* Replies and notifications may still go out while the transport drains. */
static gboolean
can_send (McpSession *self)
{
  McpTransportState state;

  if (self->transport == NULL)
    return FALSE;

  state = mcp_transport_get_state (self->transport);
  return state == MCP_TRANSPORT_STATE_CONNECTED || state == MCP_TRANSPORT_STATE_DISCONNECTING;
}

static void
send_message (McpSession *self,
              JsonNode   *message,
              JsonNode   *related_request_id)
{
  if (!can_send (self))
    {
      g_debug ("Dropping a message: the transport is not connected");
      return;
    }

  mcp_transport_send_message_async (self->transport, message, related_request_id,
                                    NULL, NULL, NULL);
}

static void
send_cancelled (McpSession *self,
                gint64      id,
                const char *reason)
{
  g_autoptr(JsonNode) params = NULL;
  g_autoptr(JsonNode) message = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "requestId", id);
  if (reason != NULL)
    json_object_set_string_member (object, "reason", reason);
  params = _mcp_json_node_new_object (object);
  message = mcp_message_new_notification ("notifications/cancelled", params);
  send_message (self, message, NULL);
}

/* Outgoing requests -------------------------------------------------------- */

static gboolean
pending_timeout_cb (gpointer user_data)
{
  PendingRequest *pending = user_data;
  McpSession *self = pending->session;
  g_autoptr(McpSession) hold = g_object_ref (self);
  gint64 id = pending->id;
  guint timeout_ms = pending->timeout_ms;
  g_autofree char *method = g_strdup (pending->method);

  pending->timeout_id = 0;
  pending_complete (pending, NULL,
                    g_error_new (MCP_ERROR, MCP_ERROR_TIMEOUT,
                                 "Request %s timed out after %u ms", method, timeout_ms));
  send_cancelled (self, id, "Request timed out");

  return G_SOURCE_REMOVE;
}

static void
pending_arm_timeout (PendingRequest *pending)
{
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  if (pending->timeout_ms > 0)
    {
      GSource *source = g_timeout_source_new (pending->timeout_ms);

      g_source_set_callback (source, pending_timeout_cb, pending, NULL);
      g_source_set_static_name (source, "[mcp] request timeout");
      pending->timeout_id = g_source_attach (source, pending->session->context);
      g_source_unref (source);
    }
}

typedef struct
{
  GWeakRef session;
  gint64   id;
} PendingRef;

static PendingRef *
pending_ref_new (McpSession *self,
                 gint64      id)
{
  PendingRef *ref = g_new0 (PendingRef, 1);

  g_weak_ref_init (&ref->session, self);
  ref->id = id;
  return ref;
}

static void
pending_ref_free (PendingRef *ref)
{
  g_weak_ref_clear (&ref->session);
  g_free (ref);
}

static gboolean
cancel_pending_idle (gpointer user_data)
{
  PendingRef *ref = user_data;
  g_autoptr(McpSession) self = g_weak_ref_get (&ref->session);
  PendingRequest *pending;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  pending = g_hash_table_lookup (self->pending, &ref->id);
  if (pending == NULL)
    return G_SOURCE_REMOVE;

  pending_complete (pending, NULL,
                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         "The request was cancelled"));
  send_cancelled (self, ref->id, "Cancelled by the client");

  return G_SOURCE_REMOVE;
}

/* May run in any thread, with the cancellable's lock held: only schedule. */
static void
pending_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  PendingRef *ref = user_data;
  g_autoptr(McpSession) self = g_weak_ref_get (&ref->session);
  GSource *source;

  if (self == NULL)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, cancel_pending_idle,
                         pending_ref_new (self, ref->id),
                         (GDestroyNotify) pending_ref_free);
  g_source_set_static_name (source, "[mcp] cancel request");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PendingRef *ref = user_data;
  g_autoptr(McpSession) self = g_weak_ref_get (&ref->session);
  g_autoptr(GError) error = NULL;

  if (!mcp_transport_send_message_finish (MCP_TRANSPORT (object), result, &error) &&
      self != NULL)
    {
      PendingRequest *pending = g_hash_table_lookup (self->pending, &ref->id);

      if (pending != NULL)
        {
          if (error->domain != MCP_ERROR)
            {
              GError *wrapped = g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                             "Could not send the request: %s",
                                             error->message);
              g_clear_error (&error);
              error = wrapped;
            }
          pending_complete (pending, NULL, g_steal_pointer (&error));
        }
    }

  pending_ref_free (ref);
}

/* A copy of @params whose _meta (a copy too) gets the progress token
 * @token (unless negative) and, unless it names its own, the trace context
 * @trace (nullable). */
static JsonNode *
params_with_meta (JsonNode        *params,
                  gint64           token,
                  McpTraceContext *trace)
{
  JsonObject *copy = json_object_new ();
  JsonObject *meta = json_object_new ();

  if (params != NULL && JSON_NODE_HOLDS_OBJECT (params))
    {
      JsonObject *object = json_node_get_object (params);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (g_strcmp0 (name, "_meta") == 0 && JSON_NODE_HOLDS_OBJECT (member))
            {
              JsonObjectIter meta_iter;
              const char *meta_name;
              JsonNode *meta_member;

              json_object_iter_init (&meta_iter, json_node_get_object (member));
              while (json_object_iter_next (&meta_iter, &meta_name, &meta_member))
                json_object_set_member (meta, meta_name, json_node_copy (meta_member));
            }
          else
            json_object_set_member (copy, name, json_node_copy (member));
        }
    }

  if (token >= 0)
    json_object_set_int_member (meta, "progressToken", token);
  if (trace != NULL && !json_object_has_member (meta, "traceparent"))
    mcp_trace_context_add_to_meta (trace, meta);
  json_object_set_object_member (copy, "_meta", meta);

  return _mcp_json_node_new_object (copy);
}

/**
 * mcp_session_send_request_full_async:
 * @self: a #McpSession
 * @method: the method to call
 * @params: (nullable): the params object
 * @related_request_id: (nullable): the id of the incoming request this one is
 *   sent on behalf of, if any (see mcp_transport_send_message_async())
 * @flags: #McpRequestFlags
 * @timeout_ms: the timeout in milliseconds, 0 for none, or -1 for
 *   #McpSession:request-timeout
 * @progress_callback: (scope notified) (closure progress_data) (destroy progress_destroy) (nullable):
 *   called for each progress notification when @flags asks for progress
 * @progress_data: data for @progress_callback
 * @progress_destroy: (nullable): frees @progress_data when the request is done
 * @cancellable: (nullable): cancels the request: it completes at once with
 *   %G_IO_ERROR_CANCELLED and the peer is sent `notifications/cancelled`
 * @callback: (scope async): called with the reply
 * @user_data: the data to pass to @callback
 *
 * Sends a request with every option.
 *
 * Since: 0.1
 */
void
mcp_session_send_request_full_async (McpSession          *self,
                                     const char          *method,
                                     JsonNode            *params,
                                     JsonNode            *related_request_id,
                                     McpRequestFlags      flags,
                                     gint                 timeout_ms,
                                     McpProgressCallback  progress_callback,
                                     gpointer             progress_data,
                                     GDestroyNotify       progress_destroy,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) id_node = NULL;
  g_autoptr(JsonNode) message = NULL;
  g_autoptr(JsonNode) with_token = NULL;
  McpTraceContext *trace = NULL;
  GError *error = NULL;
  PendingRequest *pending;

  g_return_if_fail (MCP_IS_SESSION (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (params == NULL || JSON_NODE_HOLDS_OBJECT (params));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_session_send_request_full_async);
  g_task_set_task_data (task, g_strdup (method), g_free);

  if (self->closed || self->transport == NULL ||
      !mcp_transport_is_connected (self->transport))
    error = g_error_new (MCP_ERROR,
                         self->closed ? MCP_ERROR_CONNECTION_CLOSED : MCP_ERROR_NOT_CONNECTED,
                         "Cannot send %s: the connection is %s", method,
                         self->closed ? "closed" : "not open");
  else if (g_cancellable_is_cancelled (cancellable))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The request was cancelled");

  if (error != NULL)
    {
      if (progress_destroy != NULL)
        progress_destroy (progress_data);
      g_task_return_error (task, error);
      return;
    }

  if (flags & MCP_REQUEST_FLAGS_RESET_TIMEOUT_ON_PROGRESS)
    flags |= MCP_REQUEST_FLAGS_PROGRESS;

  pending = g_new0 (PendingRequest, 1);
  pending->session = self;
  pending->id = self->next_id++;
  pending->method = g_strdup (method);
  pending->task = g_steal_pointer (&task);
  pending->flags = flags;
  pending->timeout_ms = timeout_ms < 0 ? self->request_timeout : (guint) timeout_ms;
  pending->progress_callback = progress_callback;
  pending->progress_data = progress_data;
  pending->progress_destroy = progress_destroy;
  g_hash_table_insert (self->pending, &pending->id, pending);

  /* Sent on behalf of a request that came with a trace context: the
   * trace goes on. */
  if (related_request_id != NULL)
    {
      McpRequest *related = _mcp_session_lookup_incoming (self, related_request_id);

      trace = related != NULL ? mcp_request_get_trace_context (related) : NULL;
    }

  if (flags & MCP_REQUEST_FLAGS_PROGRESS)
    {
      /* The request id doubles as its progress token: unique per session. */
      g_autoptr(JsonNode) token = _mcp_json_node_new_int (pending->id);

      pending->progress_key = mcp_message_id_to_key (token);
      g_hash_table_insert (self->progress, pending->progress_key, pending);
    }
  if ((flags & MCP_REQUEST_FLAGS_PROGRESS) || trace != NULL)
    {
      with_token = params_with_meta (params, (flags & MCP_REQUEST_FLAGS_PROGRESS) ? pending->id : -1,
                                     trace);
      params = with_token;
    }

  pending_arm_timeout (pending);

  if (cancellable != NULL)
    {
      pending->cancellable = g_object_ref (cancellable);
      pending->cancelled_id = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (pending_cancelled_cb),
                                                     pending_ref_new (self, pending->id),
                                                     (GDestroyNotify) pending_ref_free);
    }

  id_node = _mcp_json_node_new_int (pending->id);
  message = mcp_message_new_request (id_node, method, params);
  mcp_transport_send_message_async (self->transport, message, related_request_id,
                                    NULL, request_sent_cb,
                                    pending_ref_new (self, pending->id));
}

/**
 * mcp_session_send_request_async:
 * @self: a #McpSession
 * @method: the method to call
 * @params: (nullable): the params object
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reply
 * @user_data: the data to pass to @callback
 *
 * Sends a request with the default timeout and no progress.
 *
 * Since: 0.1
 */
void
mcp_session_send_request_async (McpSession          *self,
                                const char          *method,
                                JsonNode            *params,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  mcp_session_send_request_full_async (self, method, params, NULL,
                                       MCP_REQUEST_FLAGS_NONE, -1,
                                       NULL, NULL, NULL,
                                       cancellable, callback, user_data);
}

/**
 * mcp_session_send_request_finish:
 * @self: a #McpSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes a request. A JSON-RPC error reply becomes an %MCP_ERROR error
 * that keeps the peer's code and data (see mcp_error_get_jsonrpc_code()).
 * A code outside the range of a #gint becomes -32603
 * (%MCP_ERROR_INTERNAL_ERROR), and the error's data is then
 * `{"code": code, "data": data}` with the peer's code and data.
 *
 * Returns: (transfer full): the `result` member of the reply
 *
 * Since: 0.1
 */
JsonNode *
mcp_session_send_request_finish (McpSession    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mcp_session_send_notification_async:
 * @self: a #McpSession
 * @method: the notification method
 * @params: (nullable): its params
 * @related_request_id: (nullable): the incoming request it belongs to, if any
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when it is written
 * @user_data: the data to pass to @callback
 *
 * Sends a notification.
 *
 * Since: 0.1
 */
void
mcp_session_send_notification_async (McpSession          *self,
                                     const char          *method,
                                     JsonNode            *params,
                                     JsonNode            *related_request_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) message = NULL;

  g_return_if_fail (MCP_IS_SESSION (self));
  g_return_if_fail (method != NULL);

  if (callback == NULL)
    {
      message = mcp_message_new_notification (method, params);
      send_message (self, message, related_request_id);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_session_send_notification_async);

  if (self->closed || !can_send (self))
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                               "Cannot send %s: the connection is not open", method);
      return;
    }

  message = mcp_message_new_notification (method, params);
  mcp_transport_send_message_async (self->transport, message, related_request_id,
                                    cancellable, (GAsyncReadyCallback) NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * mcp_session_send_notification_finish:
 * @self: a #McpSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_session_send_notification_async().
 *
 * Returns: %TRUE if the notification was queued
 *
 * Since: 0.1
 */
gboolean
mcp_session_send_notification_finish (McpSession    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mcp_session_notify:
 * @self: a #McpSession
 * @method: the notification method
 * @params: (nullable): its params
 *
 * Sends a notification without waiting for it to be written.
 *
 * Since: 0.1
 */
void
mcp_session_notify (McpSession *self,
                    const char *method,
                    JsonNode   *params)
{
  mcp_session_send_notification_async (self, method, params, NULL, NULL, NULL, NULL);
}

/* Incoming messages -------------------------------------------------------- */

static void check_drained (McpSession *self);

/* The request of ours being handled under @id, or NULL. */
McpRequest *
_mcp_session_lookup_incoming (McpSession *self,
                              JsonNode   *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (MCP_IS_SESSION (self), NULL);

  if (id == NULL)
    return NULL;
  key = mcp_message_id_to_key (id);
  return key != NULL ? g_hash_table_lookup (self->incoming, key) : NULL;
}

void
_mcp_session_send_reply (McpSession *self,
                         McpRequest *request,
                         JsonNode   *message)
{
  JsonNode *id = mcp_request_get_id (request);
  g_autofree char *key = mcp_message_id_to_key (id);
  g_autoptr(McpRequest) hold = g_object_ref (request);

  if (message != NULL)
    send_message (self, message, id);

  /* Only remove the entry if it is this request: a peer may have reused the
   * id after cancelling the first one. */
  if (g_hash_table_lookup (self->incoming, key) == request)
    g_hash_table_remove (self->incoming, key);

  check_drained (self);
}

/* _mcp_session_send_reply() with the response to @request carrying
 * @result, which stdio and WebSocket write without building the message. */
void
_mcp_session_send_result (McpSession *self,
                          McpRequest *request,
                          JsonNode   *result)
{
  JsonNode *id = mcp_request_get_id (request);
  gboolean sent;

  if (self->transport != NULL && MCP_IS_STDIO_TRANSPORT (self->transport))
    {
      if (can_send (self))
        _mcp_stdio_transport_send_response (MCP_STDIO_TRANSPORT (self->transport), id, result);
      else
        g_debug ("Dropping a message: the transport is not connected");
    }
  else if (self->transport != NULL && MCP_IS_WEBSOCKET_TRANSPORT (self->transport))
    {
      sent = can_send (self) &&
             _mcp_websocket_transport_send_response (MCP_WEBSOCKET_TRANSPORT (self->transport),
                                                     id, result);
      if (!sent)
        g_debug ("Dropping a message: the transport is not connected");
    }
  else
    {
      g_autoptr(JsonNode) message = mcp_message_new_response (id, result);

      _mcp_session_send_reply (self, request, message);
      return;
    }

  _mcp_session_send_reply (self, request, NULL);
}

/* Whether _mcp_session_send_result_text() can carry the replies. */
gboolean
_mcp_session_sends_result_text (McpSession *self)
{
  return self->transport != NULL &&
         (MCP_IS_STDIO_TRANSPORT (self->transport) ||
          MCP_IS_WEBSOCKET_TRANSPORT (self->transport));
}

/* _mcp_session_send_result() with the result as compact JSON text; only
 * where _mcp_session_sends_result_text() says so. */
void
_mcp_session_send_result_text (McpSession *self,
                               McpRequest *request,
                               const char *result_json,
                               gsize       length)
{
  gboolean sent;

  g_return_if_fail (_mcp_session_sends_result_text (self));

  /* The transports check their state themselves, as can_send() would. */
  if (MCP_IS_STDIO_TRANSPORT (self->transport))
    sent = _mcp_stdio_transport_send_response_text (MCP_STDIO_TRANSPORT (self->transport),
                                                    mcp_request_get_id (request),
                                                    result_json, length);
  else
    sent = _mcp_websocket_transport_send_response_text (MCP_WEBSOCKET_TRANSPORT (self->transport),
                                                        mcp_request_get_id (request),
                                                        result_json, length);
  if (!sent)
    g_debug ("Dropping a message: the transport is not connected");
  _mcp_session_send_reply (self, request, NULL);
}

static void
reply_error (McpSession *self,
             JsonNode   *id,
             gint        code,
             const char *message)
{
  g_autoptr(JsonNode) reply = mcp_message_new_error (id, code, message, NULL);

  send_message (self, reply, id);
}

static void
handle_request (McpSession *self,
                JsonNode   *id,
                const char *method,
                JsonNode   *params)
{
  g_autofree char *key = mcp_message_id_to_key (id);
  g_autoptr(McpRequest) request = NULL;
  HandlerEntry *entry;

  if (g_hash_table_contains (self->incoming, key))
    {
      reply_error (self, id, MCP_JSONRPC_INVALID_REQUEST,
                   "A request with this id is already in progress");
      return;
    }

  /* Every dispatched request holds memory until its handler answers; a peer
   * that keeps sending without waiting is told to slow down instead. */
  if (self->max_requests_in_flight > 0 &&
      g_hash_table_size (self->incoming) >= self->max_requests_in_flight)
    {
      g_autofree char *text =
        g_strdup_printf ("Too many requests in flight (at most %u at once); "
                         "wait for replies before sending more",
                         self->max_requests_in_flight);

      reply_error (self, id, TOO_MANY_REQUESTS_CODE, text);
      return;
    }

  entry = g_hash_table_lookup (self->handlers, method);
  if (entry == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Method not found: %s", method);

      reply_error (self, id, MCP_JSONRPC_METHOD_NOT_FOUND, text);
      return;
    }

  request = _mcp_request_new (self, id, method, params);
  g_hash_table_insert (self->incoming, g_steal_pointer (&key), g_object_ref (request));
  entry->handler (self, request, entry->user_data);
}

static void
handle_progress (McpSession *self,
                 JsonNode   *params)
{
  JsonObject *object;
  JsonNode *token;
  JsonNode *progress;
  JsonNode *total;
  g_autofree char *key = NULL;
  PendingRequest *pending;

  if (params == NULL)
    return;

  object = json_node_get_object (params);
  token = json_object_get_member (object, "progressToken");
  progress = json_object_get_member (object, "progress");
  total = json_object_get_member (object, "total");

  key = mcp_message_id_to_key (token);
  if (key == NULL || !_mcp_json_node_is_number (progress))
    return;

  pending = g_hash_table_lookup (self->progress, key);
  if (pending == NULL)
    return;

  if (pending->flags & MCP_REQUEST_FLAGS_RESET_TIMEOUT_ON_PROGRESS)
    pending_arm_timeout (pending);

  if (pending->progress_callback != NULL)
    pending->progress_callback (_mcp_json_node_get_number (progress),
                                _mcp_json_node_is_number (total) ? _mcp_json_node_get_number (total) : -1,
                                _mcp_json_object_get_string (object, "message"),
                                pending->progress_data);
}

static void
handle_cancelled (McpSession *self,
                  JsonNode   *params)
{
  g_autofree char *key = NULL;
  McpRequest *request;

  if (params == NULL)
    return;

  key = mcp_message_id_to_key (json_object_get_member (json_node_get_object (params),
                                                       "requestId"));
  if (key == NULL)
    return;

  request = g_hash_table_lookup (self->incoming, key);
  if (request == NULL)
    return;

  /* No reply may follow; the handler sees its cancellable fire. */
  g_object_ref (request);
  g_hash_table_remove (self->incoming, key);
  _mcp_request_abandon (request);
  g_object_unref (request);
}

static void
handle_notification (McpSession *self,
                     const char *method,
                     JsonNode   *params)
{
  GQuark detail;

  if (g_strcmp0 (method, "notifications/progress") == 0)
    handle_progress (self, params);
  else if (g_strcmp0 (method, "notifications/cancelled") == 0)
    handle_cancelled (self, params);

  /* Only existing quarks: a peer must not grow the quark table at will.
   * Nobody can be connected to a detail whose quark does not exist. */
  detail = g_quark_try_string (method);
  g_signal_emit (self, signals[NOTIFICATION], detail, method, params);
}

/* The GError of a peer's JSON-RPC error object. A GError keeps a gint code:
 * a code outside its range (JSON allows any integer) is not cut to its low
 * bits but becomes -32603, with the peer's code and data kept in the error's
 * data as {"code": code, "data": data}. */
static GError *
peer_error (JsonObject *error)
{
  gint64 code = json_object_get_int_member (error, "code");
  const char *message = _mcp_json_object_get_string (error, "message");
  JsonNode *data = json_object_get_member (error, "data");
  g_autoptr(JsonNode) kept = NULL;
  JsonObject *object;

  if (code >= G_MININT && code <= G_MAXINT)
    return mcp_error_new_from_jsonrpc ((gint) code, message, data);

  object = json_object_new ();
  json_object_set_int_member (object, "code", code);
  if (data != NULL)
    json_object_set_member (object, "data", json_node_copy (data));
  kept = _mcp_json_node_new_object (object);
  return mcp_error_new_from_jsonrpc (MCP_JSONRPC_INTERNAL_ERROR, message, kept);
}

static void
handle_response (McpSession *self,
                 JsonNode   *id,
                 JsonNode   *payload,
                 gboolean    is_error)
{
  PendingRequest *pending;
  gint64 key;

  /* We only ever send integer ids; anything else answers nothing of ours. */
  if (id == NULL || json_node_get_value_type (id) != G_TYPE_INT64)
    {
      if (is_error)
        {
          JsonObject *error = json_node_get_object (payload);

          g_debug ("Peer reported an error about no request of ours: %s",
                   _mcp_json_object_get_string (error, "message"));
        }
      return;
    }

  key = json_node_get_int (id);
  pending = g_hash_table_lookup (self->pending, &key);
  if (pending == NULL)
    {
      g_debug ("Dropping a reply to unknown or finished request %" G_GINT64_FORMAT, key);
      return;
    }

  if (is_error)
    pending_complete (pending, NULL, peer_error (json_node_get_object (payload)));
  else
    pending_complete (pending, json_node_ref (payload), NULL);
}

static void
on_message (McpTransport   *transport,
            McpMessageKind  kind,
            JsonNode       *id,
            const char     *method,
            JsonNode       *payload,
            gboolean        looks_like_response,
            const GError   *error,
            gpointer        user_data)
{
  McpSession *self = user_data;
  g_autoptr(McpSession) hold = g_object_ref (self);

  switch (kind)
    {
    case MCP_MESSAGE_KIND_REQUEST:
      handle_request (self, id, method, payload);
      break;

    case MCP_MESSAGE_KIND_NOTIFICATION:
      handle_notification (self, method, payload);
      break;

    case MCP_MESSAGE_KIND_RESPONSE:
      handle_response (self, id, payload, FALSE);
      break;

    case MCP_MESSAGE_KIND_ERROR:
      handle_response (self, id, payload, TRUE);
      break;

    case MCP_MESSAGE_KIND_INVALID:
    default:
      /* Never answer a broken response with an error: two peers could
       * bounce errors at each other forever. */
      if (looks_like_response)
        g_debug ("Dropping an invalid response: %s", error->message);
      else
        reply_error (self, id, MCP_JSONRPC_INVALID_REQUEST, error->message);
      break;
    }
}

/* Where another session already is the transport's receiver. */
static void
on_message_received (McpTransport *transport,
                     JsonNode     *message,
                     McpSession   *self)
{
  g_autoptr(GError) error = NULL;
  JsonNode *id = NULL;
  JsonNode *payload = NULL;
  const char *method = NULL;
  McpMessageKind kind;
  gboolean response_like = FALSE;

  kind = mcp_message_parse (message, &id, &method, &payload, &error);
  if (kind == MCP_MESSAGE_KIND_INVALID && JSON_NODE_HOLDS_OBJECT (message))
    {
      JsonObject *object = json_node_get_object (message);

      response_like = !json_object_has_member (object, "method") &&
                      (json_object_has_member (object, "result") ||
                       json_object_has_member (object, "error"));
    }
  on_message (transport, kind, id, method, payload, response_like, error, self);
}

static void
on_transport_error (McpTransport *transport,
                    const GError *error,
                    McpSession   *self)
{
  if (error->domain != MCP_ERROR)
    return;

  /* Input that never became a message gets an error with a null id. */
  switch (error->code)
    {
    case MCP_ERROR_PARSE_ERROR:
      reply_error (self, NULL, MCP_JSONRPC_PARSE_ERROR, error->message);
      break;
    case MCP_ERROR_MESSAGE_TOO_LARGE:
    case MCP_ERROR_INVALID_REQUEST:
      reply_error (self, NULL, MCP_JSONRPC_INVALID_REQUEST, error->message);
      break;
    default:
      break;
    }
}

/* Closing ------------------------------------------------------------------ */

static void
fail_everything (McpSession *self)
{
  g_autoptr(GList) pending = NULL;
  g_autoptr(GPtrArray) incoming = NULL;
  GHashTableIter iter;
  gpointer value;

  pending = g_hash_table_get_values (self->pending);
  for (const GList *l = pending; l != NULL; l = l->next)
    {
      PendingRequest *p = l->data;

      pending_complete (p, NULL,
                        g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                     "The connection closed before %s was answered",
                                     p->method));
    }

  incoming = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->incoming);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (incoming, g_object_ref (value));
  g_hash_table_remove_all (self->incoming);

  for (guint i = 0; i < incoming->len; i++)
    _mcp_request_abandon (g_ptr_array_index (incoming, i));
}

static void
finish_close (McpSession *self)
{
  g_autoptr(McpSession) hold = g_object_ref (self);

  g_clear_handle_id (&self->close_idle_id, g_source_remove);

  fail_everything (self);

  if (!self->closed_emitted)
    {
      self->closed_emitted = TRUE;
      g_signal_emit (self, signals[CLOSED], 0);
    }
}

static gboolean
close_idle_cb (gpointer user_data)
{
  McpSession *self = user_data;

  self->close_idle_id = 0;
  finish_close (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_close (McpSession *self)
{
  GSource *source;

  if (!self->closed)
    {
      self->closed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
    }

  if (self->close_idle_id != 0)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, close_idle_cb, self, NULL);
  g_source_set_static_name (source, "[mcp] session closed");
  self->close_idle_id = g_source_attach (source, self->context);
  g_source_unref (source);
}

/* The transport reconnected on its own: the lost connection is finished
 * (its requests failed, #McpSession::closed emitted) before the new one
 * opens. */
static void
reopen (McpSession *self)
{
  if (self->close_idle_id != 0 || !self->closed_emitted)
    finish_close (self);

  self->closed = FALSE;
  self->closed_emitted = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
  g_signal_emit (self, signals[RECONNECTED], 0);
}

/* Draining: the transport is going away (the peer closed its end, or we
 * disconnect). Requests we are still handling may finish and their replies
 * go out; then the transport is disconnected, which flushes it. */
static void
finish_drain (McpSession *self)
{
  g_clear_handle_id (&self->drain_timeout_id, g_source_remove);
  self->draining = FALSE;

  if (self->transport != NULL &&
      mcp_transport_get_state (self->transport) == MCP_TRANSPORT_STATE_DISCONNECTING)
    mcp_transport_disconnect_async (self->transport, NULL, NULL, NULL);
}

static void
check_drained (McpSession *self)
{
  if (self->draining && g_hash_table_size (self->incoming) == 0)
    finish_drain (self);
}

static gboolean
drain_timeout_cb (gpointer user_data)
{
  McpSession *self = user_data;

  self->drain_timeout_id = 0;
  g_debug ("%u requests still running after the peer left; closing anyway",
           g_hash_table_size (self->incoming));
  finish_drain (self);

  return G_SOURCE_REMOVE;
}

static void
start_drain (McpSession *self)
{
  GSource *source;

  if (self->draining)
    return;

  self->draining = TRUE;

  /* A handler that never replies must not keep the connection forever. */
  source = g_timeout_source_new (MCP_SESSION_DRAIN_TIMEOUT);
  g_source_set_callback (source, drain_timeout_cb, self, NULL);
  g_source_set_static_name (source, "[mcp] drain timeout");
  self->drain_timeout_id = g_source_attach (source, self->context);
  g_source_unref (source);

  check_drained (self);
}

static void
on_state_changed (McpTransport      *transport,
                  McpTransportState  old_state,
                  McpTransportState  new_state,
                  McpSession        *self)
{
  if (new_state == MCP_TRANSPORT_STATE_DISCONNECTING)
    start_drain (self);
  else if (new_state == MCP_TRANSPORT_STATE_DISCONNECTED)
    {
      g_clear_handle_id (&self->drain_timeout_id, g_source_remove);
      self->draining = FALSE;
      self->reconnecting = FALSE;
      schedule_close (self);
    }
  else if (old_state == MCP_TRANSPORT_STATE_CONNECTED &&
           new_state == MCP_TRANSPORT_STATE_CONNECTING)
    {
      /* Connection lost; the transport is making a new one by itself. */
      self->reconnecting = TRUE;
      schedule_close (self);
    }
  else if (new_state == MCP_TRANSPORT_STATE_CONNECTED && self->reconnecting)
    {
      self->reconnecting = FALSE;
      if (!self->close_requested)
        reopen (self);
    }
}

/**
 * mcp_session_close:
 * @self: a #McpSession
 *
 * Closes the session: disconnects the transport, fails every pending request
 * with %MCP_ERROR_CONNECTION_CLOSED and emits #McpSession::closed (from an
 * idle callback). Closing twice does nothing more. A transport that was
 * reconnecting on its own is stopped, and the session does not reopen.
 *
 * Since: 0.1
 */
void
mcp_session_close (McpSession *self)
{
  g_return_if_fail (MCP_IS_SESSION (self));

  if (self->close_requested)
    return;

  self->close_requested = TRUE;
  schedule_close (self);

  if (self->transport != NULL &&
      mcp_transport_get_state (self->transport) != MCP_TRANSPORT_STATE_DISCONNECTED)
    mcp_transport_disconnect_async (self->transport, NULL, NULL, NULL);
}

/* GObject ------------------------------------------------------------------ */

static void
mcp_session_set_transport (McpSession   *self,
                           McpTransport *transport)
{
  g_assert (self->transport == NULL);

  if (transport == NULL)
    return;

  self->transport = g_object_ref (transport);
  if (_mcp_transport_set_receiver (transport, on_message, self))
    self->is_receiver = TRUE;
  else
    self->message_handler = g_signal_connect (transport, "message-received",
                                              G_CALLBACK (on_message_received), self);
  self->state_handler = g_signal_connect (transport, "state-changed",
                                          G_CALLBACK (on_state_changed), self);
  self->error_handler = g_signal_connect (transport, "error",
                                          G_CALLBACK (on_transport_error), self);
}

McpRequest **
_mcp_session_live_requests (McpSession *self)
{
  return &self->live_requests;
}

static void
mcp_session_dispose (GObject *object)
{
  McpSession *self = (McpSession *) object;

  if (self->transport != NULL)
    {
      g_clear_signal_handler (&self->message_handler, self->transport);
      if (self->is_receiver)
        _mcp_transport_clear_receiver (self->transport, self);
      self->is_receiver = FALSE;
      g_clear_signal_handler (&self->state_handler, self->transport);
      g_clear_signal_handler (&self->error_handler, self->transport);
    }

  g_clear_handle_id (&self->close_idle_id, g_source_remove);
  g_clear_handle_id (&self->drain_timeout_id, g_source_remove);

  /* Callers waiting on us must hear about it. */
  if (self->pending != NULL)
    fail_everything (self);

  /* Last: what ran above may still have reached the session through its
   * requests. */
  _mcp_request_detach_all (&self->live_requests);

  G_OBJECT_CLASS (mcp_session_parent_class)->dispose (object);
}

static void
mcp_session_finalize (GObject *object)
{
  McpSession *self = (McpSession *) object;

  g_clear_object (&self->transport);
  g_clear_pointer (&self->handlers, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->progress, g_hash_table_unref);
  g_clear_pointer (&self->incoming, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (mcp_session_parent_class)->finalize (object);
}

static void
mcp_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  McpSession *self = MCP_SESSION (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      g_value_set_object (value, self->transport);
      break;
    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;
    case PROP_MAX_REQUESTS_IN_FLIGHT:
      g_value_set_uint (value, self->max_requests_in_flight);
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  McpSession *self = MCP_SESSION (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      mcp_session_set_transport (self, g_value_get_object (value));
      break;
    case PROP_REQUEST_TIMEOUT:
      mcp_session_set_request_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_REQUESTS_IN_FLIGHT:
      mcp_session_set_max_requests_in_flight (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_session_class_init (McpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_session_dispose;
  object_class->finalize = mcp_session_finalize;
  object_class->get_property = mcp_session_get_property;
  object_class->set_property = mcp_session_set_property;

  /**
   * McpSession:transport:
   *
   * The transport the session talks over.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSPORT] =
    g_param_spec_object ("transport", NULL, NULL,
                         MCP_TYPE_TRANSPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpSession:request-timeout:
   *
   * How long an outgoing request waits for its reply, in milliseconds;
   * 0 waits forever.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL,
                       0, G_MAXUINT, MCP_SESSION_DEFAULT_REQUEST_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpSession:max-requests-in-flight:
   *
   * How many requests from the peer may be dispatched and unanswered at
   * once; 0 allows any number.
   *
   * A request beyond the cap is not dispatched: it is answered at once
   * with the JSON-RPC error -32000 ("Too many requests in flight"), and
   * the requests already running are not disturbed. A bare session has
   * no cap; #McpServer gives each of its sessions
   * #McpServer:max-requests-in-flight
   * (%MCP_SESSION_DEFAULT_MAX_REQUESTS_IN_FLIGHT by default).
   *
   * Since: 0.1
   */
  properties[PROP_MAX_REQUESTS_IN_FLIGHT] =
    g_param_spec_uint ("max-requests-in-flight", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpSession:closed:
   *
   * Whether the connection has closed.
   *
   * Since: 0.1
   */
  properties[PROP_CLOSED] =
    g_param_spec_boolean ("closed", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpSession::notification:
   * @self: the session
   * @method: the notification method
   * @params: (nullable): its params
   *
   * Emitted for every notification the peer sends, detailed by method:
   * connect to `notification::notifications/message` for log messages only.
   *
   * Since: 0.1
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpSession::closed:
   * @self: the session
   *
   * Emitted once when the connection has closed, after every pending request
   * has failed.
   *
   * Since: 0.1
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpSession::reconnected:
   * @self: the session
   *
   * Emitted when a transport that lost its connection and reconnected on
   * its own (its state went from %MCP_TRANSPORT_STATE_CONNECTED to
   * %MCP_TRANSPORT_STATE_CONNECTING and back to
   * %MCP_TRANSPORT_STATE_CONNECTED) is usable again. The lost connection
   * ended as any other: its pending requests failed with
   * %MCP_ERROR_CONNECTION_CLOSED and #McpSession::closed was emitted. The
   * session is open again; anything the peer must know anew, such as the
   * MCP handshake, is up to the signal's handler.
   *
   * Since: 0.1
   */
  signals[RECONNECTED] =
    g_signal_new ("reconnected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
mcp_session_init (McpSession *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->handlers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) handler_entry_free);
  self->pending = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->progress = g_hash_table_new (g_str_hash, g_str_equal);
  self->incoming = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->next_id = 1;
  self->request_timeout = MCP_SESSION_DEFAULT_REQUEST_TIMEOUT;
}

/**
 * mcp_session_new:
 * @transport: the transport to talk over; the caller connects it
 *
 * Creates a session on @transport.
 *
 * Returns: (transfer full): a new #McpSession
 *
 * Since: 0.1
 */
McpSession *
mcp_session_new (McpTransport *transport)
{
  g_return_val_if_fail (MCP_IS_TRANSPORT (transport), NULL);

  return g_object_new (MCP_TYPE_SESSION, "transport", transport, NULL);
}

/**
 * mcp_session_get_transport:
 * @self: a #McpSession
 *
 * Gets the transport.
 *
 * Returns: (transfer none): the transport
 *
 * Since: 0.1
 */
McpTransport *
mcp_session_get_transport (McpSession *self)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), NULL);

  return self->transport;
}

/**
 * mcp_session_get_request_timeout:
 * @self: a #McpSession
 *
 * Gets the default request timeout in milliseconds (0: none).
 *
 * Returns: the default request timeout in milliseconds (0: none)
 *
 * Since: 0.1
 */
guint
mcp_session_get_request_timeout (McpSession *self)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), 0);

  return self->request_timeout;
}

/**
 * mcp_session_set_request_timeout:
 * @self: a #McpSession
 * @timeout_ms: the default request timeout in milliseconds; 0 waits forever
 *
 * Sets #McpSession:request-timeout for requests sent from now on.
 *
 * Since: 0.1
 */
void
mcp_session_set_request_timeout (McpSession *self,
                                 guint       timeout_ms)
{
  g_return_if_fail (MCP_IS_SESSION (self));

  if (self->request_timeout == timeout_ms)
    return;

  self->request_timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TIMEOUT]);
}

/**
 * mcp_session_get_max_requests_in_flight:
 * @self: a #McpSession
 *
 * Gets #McpSession:max-requests-in-flight.
 *
 * Returns: the most requests from the peer handled at once (0: no cap)
 *
 * Since: 0.1
 */
guint
mcp_session_get_max_requests_in_flight (McpSession *self)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), 0);

  return self->max_requests_in_flight;
}

/**
 * mcp_session_set_max_requests_in_flight:
 * @self: a #McpSession
 * @max_requests: the most requests from the peer handled at once; 0 for no cap
 *
 * Sets #McpSession:max-requests-in-flight. Requests already running are
 * never cut short; the cap applies to the requests that arrive next.
 *
 * Since: 0.1
 */
void
mcp_session_set_max_requests_in_flight (McpSession *self,
                                        guint       max_requests)
{
  g_return_if_fail (MCP_IS_SESSION (self));

  if (self->max_requests_in_flight == max_requests)
    return;

  self->max_requests_in_flight = max_requests;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REQUESTS_IN_FLIGHT]);
}

/**
 * mcp_session_is_closed:
 * @self: a #McpSession
 *
 * Checks whether the connection has closed.
 *
 * Returns: whether the connection has closed
 *
 * Since: 0.1
 */
gboolean
mcp_session_is_closed (McpSession *self)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), TRUE);

  return self->closed;
}

/**
 * mcp_session_get_n_pending_requests:
 * @self: a #McpSession
 *
 * Gets how many of our requests await a reply.
 *
 * Returns: how many of our requests await a reply
 *
 * Since: 0.1
 */
guint
mcp_session_get_n_pending_requests (McpSession *self)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), 0);

  return g_hash_table_size (self->pending);
}

/**
 * mcp_session_get_n_incoming_requests:
 * @self: a #McpSession
 *
 * Gets how many of the peer's requests are being handled.
 *
 * Returns: how many of the peer's requests are being handled
 *
 * Since: 0.1
 */
guint
mcp_session_get_n_incoming_requests (McpSession *self)
{
  g_return_val_if_fail (MCP_IS_SESSION (self), 0);

  return g_hash_table_size (self->incoming);
}

/**
 * mcp_session_set_request_handler:
 * @self: a #McpSession
 * @method: the method to handle
 * @handler: (scope notified) (closure user_data) (destroy destroy) (nullable):
 *   the handler, or %NULL to remove the current one
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data
 *
 * Registers the handler of incoming requests for @method, replacing any
 * earlier one.
 *
 * Since: 0.1
 */
void
mcp_session_set_request_handler (McpSession        *self,
                                 const char        *method,
                                 McpRequestHandler  handler,
                                 gpointer           user_data,
                                 GDestroyNotify     destroy)
{
  HandlerEntry *entry;

  g_return_if_fail (MCP_IS_SESSION (self));
  g_return_if_fail (method != NULL);

  if (handler == NULL)
    {
      g_hash_table_remove (self->handlers, method);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  entry = g_new0 (HandlerEntry, 1);
  entry->handler = handler;
  entry->user_data = user_data;
  entry->destroy = destroy;
  g_hash_table_replace (self->handlers, g_strdup (method), entry);
}

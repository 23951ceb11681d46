/* mcp-server-session.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-requests-private.h"
#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-input-rounds-private.h"
#include "mcp-json-node-private.h"
#include "mcp-random-private.h"
#include "mcp-request.h"
#include "mcp-root.h"
#include "mcp-server-private.h"
#include "mcp-auth-private.h"
#include "mcp-required-permission-private.h"
#include "mcp-server-session.h"
#include "mcp-server.h"
#include "mcp-session-private.h"
#include "mcp-session.h"
#include "mcp-transport.h"

/**
 * McpServerSession:
 *
 * What an #McpServer knows about one connected client.
 *
 * Every peer — the one client of a stdio server, each HTTP session, each
 * WebSocket connection — gets its own #McpServerSession: the negotiated
 * protocol version, the client's info and capabilities, its logging level,
 * its subscriptions and its calls in flight live here and never in the
 * server, so nothing of one client reaches another.
 *
 * Since: 0.1
 */

struct _McpServerSession
{
  GObject          parent_instance;

  McpServer       *server;          /* unowned; the server owns us */
  McpSession      *session;
  char            *id;
  char            *protocol_version;
  JsonNode        *client_info;
  JsonNode        *client_capabilities;
  McpLoggingLevel  logging_level;
  McpServerCapabilities advertised;
  GHashTable      *subscriptions;   /* URI set */
  gulong           closed_handler;
  McpListChanged   list_changed;

  guint            initialized : 1;
  guint            ready : 1;
};

static McpRequest *modern_request (McpServerSession *self, JsonNode *related_request_id);

G_DEFINE_FINAL_TYPE (McpServerSession, mcp_server_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SESSION,
  PROP_INITIALIZED,
  PROP_PROTOCOL_VERSION,
  PROP_CLIENT_INFO,
  PROP_CLIENT_CAPABILITIES,
  PROP_LOGGING_LEVEL,
  N_PROPS
};

enum {
  INITIALIZED,
  CLOSED,
  ROOTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mcp_server_session_dispose (GObject *object)
{
  McpServerSession *self = (McpServerSession *) object;

  if (self->session != NULL)
    g_clear_signal_handler (&self->closed_handler, self->session);

  G_OBJECT_CLASS (mcp_server_session_parent_class)->dispose (object);
}

static void
mcp_server_session_finalize (GObject *object)
{
  McpServerSession *self = (McpServerSession *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->protocol_version, g_free);
  g_clear_pointer (&self->client_info, json_node_unref);
  g_clear_pointer (&self->client_capabilities, json_node_unref);
  g_clear_pointer (&self->subscriptions, g_hash_table_unref);

  G_OBJECT_CLASS (mcp_server_session_parent_class)->finalize (object);
}

static void
mcp_server_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McpServerSession *self = MCP_SERVER_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_INITIALIZED:
      g_value_set_boolean (value, self->initialized);
      break;
    case PROP_PROTOCOL_VERSION:
      g_value_set_string (value, self->protocol_version);
      break;
    case PROP_CLIENT_INFO:
      g_value_set_boxed (value, self->client_info);
      break;
    case PROP_CLIENT_CAPABILITIES:
      g_value_set_boxed (value, self->client_capabilities);
      break;
    case PROP_LOGGING_LEVEL:
      g_value_set_enum (value, self->logging_level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The session's signals carry nothing: the session is the news. */
static guint
new_plain_signal (McpServerSessionClass *klass,
                  const char            *name)
{
  return g_signal_new (name, G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mcp_server_session_class_init (McpServerSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_server_session_dispose;
  object_class->finalize = mcp_server_session_finalize;
  object_class->get_property = mcp_server_session_get_property;

  /**
   * McpServerSession:id:
   *
   * A random identifier of this session, unique within the process.
   *
   * Since: 0.1
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpServerSession:session:
   *
   * The JSON-RPC session with the client.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MCP_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpServerSession:initialized:
   *
   * Whether the client has completed `initialize`.
   *
   * Since: 0.1
   */
  properties[PROP_INITIALIZED] =
    g_param_spec_boolean ("initialized", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServerSession:protocol-version:
   *
   * The negotiated protocol version, once initialized.
   *
   * Since: 0.1
   */
  properties[PROP_PROTOCOL_VERSION] =
    g_param_spec_string ("protocol-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServerSession:client-info:
   *
   * The `clientInfo` object the client sent (`name`, `version`, ...).
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_INFO] =
    g_param_spec_boxed ("client-info", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServerSession:client-capabilities:
   *
   * The capabilities the client declared.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_CAPABILITIES] =
    g_param_spec_boxed ("client-capabilities", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServerSession:logging-level:
   *
   * The least severe level of log message the client wants.
   *
   * Since: 0.1
   */
  properties[PROP_LOGGING_LEVEL] =
    g_param_spec_enum ("logging-level", NULL, NULL,
                       MCP_TYPE_LOGGING_LEVEL, MCP_LOGGING_LEVEL_DEBUG,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpServerSession::initialized:
   * @self: the session
   *
   * Emitted when the client sends `notifications/initialized`.
   *
   * Since: 0.1
   */
  signals[INITIALIZED] = new_plain_signal (klass, "initialized");

  /**
   * McpServerSession::closed:
   * @self: the session
   *
   * Emitted once when the client's connection has closed.
   *
   * Since: 0.1
   */
  signals[CLOSED] = new_plain_signal (klass, "closed");

  /**
   * McpServerSession::roots-changed:
   * @self: the session
   *
   * Emitted when the client says its roots changed
   * (`notifications/roots/list_changed`); ask again with
   * mcp_server_session_list_roots_async().
   *
   * Since: 0.1
   */
  signals[ROOTS_CHANGED] = new_plain_signal (klass, "roots-changed");
}

static void
mcp_server_session_init (McpServerSession *self)
{
  self->logging_level = MCP_LOGGING_LEVEL_DEBUG;
  self->id = _mcp_random_token (16);
  self->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* A connection admitted once (a WebSocket) pays for each request here; an
 * HTTP request paid at admission. */
static gboolean
charge_request (McpServerSession *self,
                McpRequest       *request)
{
  gboolean per_request = FALSE;
  McpAuthInfo *info = _mcp_auth_info_attached (G_OBJECT (mcp_session_get_transport (self->session)),
                                               &per_request);
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;
  guint retry_after = 0;

  if (!per_request || _mcp_auth_info_charge (info, &retry_after))
    return TRUE;

  message = g_strdup_printf ("Too many requests: the rate limit of %s is reached; retry after %u s",
                             mcp_auth_info_get_principal (info), retry_after);
  object = json_object_new ();
  json_object_set_int_member (object, "retryAfter", retry_after);
  data = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (data, object);
  mcp_request_return_error (request, MCP_AUTH_RATE_LIMITED_CODE, message, data);
  return FALSE;
}

static void
request_trampoline (McpSession *session,
                    McpRequest *request,
                    gpointer    user_data)
{
  McpServerSession *self = user_data;
  g_autoptr(McpServerSession) hold = g_object_ref (self);

  if (self->server == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INTERNAL_ERROR,
                                "The server is shutting down", NULL);
      return;
    }

  if (!charge_request (self, request))
    return;

  _mcp_server_dispatch (self->server, self, request);
}

static void
on_initialized_notification (McpSession *session,
                             const char *method,
                             JsonNode   *params,
                             gpointer    user_data)
{
  McpServerSession *self = user_data;

  if (!self->initialized || self->ready)
    return;

  self->ready = TRUE;
  g_signal_emit (self, signals[INITIALIZED], 0);
}

static void
on_roots_changed_notification (McpSession *session,
                               const char *method,
                               JsonNode   *params,
                               gpointer    user_data)
{
  McpServerSession *self = user_data;

  if (self->initialized)
    g_signal_emit (self, signals[ROOTS_CHANGED], 0);
}

static void
on_session_closed (McpSession       *session,
                   McpServerSession *self)
{
  g_autoptr(McpServerSession) hold = g_object_ref (self);

  g_signal_emit (self, signals[CLOSED], 0);

  if (self->server != NULL)
    _mcp_server_session_closed (self->server, self);
}

McpServerSession *
_mcp_server_session_new (McpServer    *server,
                         McpTransport *transport)
{
  McpServerSession *self;
  const char * const *methods;

  self = g_object_new (MCP_TYPE_SERVER_SESSION, NULL);
  self->server = server;
  self->session = mcp_session_new (transport);

  methods = _mcp_server_get_methods ();
  for (guint i = 0; methods[i] != NULL; i++)
    mcp_session_set_request_handler (self->session, methods[i],
                                     request_trampoline, self, NULL);

  g_signal_connect_object (self->session, "notification::notifications/initialized",
                           G_CALLBACK (on_initialized_notification), self, 0);
  g_signal_connect_object (self->session, "notification::notifications/roots/list_changed",
                           G_CALLBACK (on_roots_changed_notification), self, 0);
  self->closed_handler = g_signal_connect (self->session, "closed",
                                           G_CALLBACK (on_session_closed), self);

  return self;
}

/* The server is going away before us. */
void
_mcp_server_session_detach (McpServerSession *self)
{
  self->server = NULL;
}

void
_mcp_server_session_add_list_changed (McpServerSession *self,
                                      McpListChanged    changes)
{
  if (self->initialized)
    self->list_changed |= changes;
}

McpListChanged
_mcp_server_session_take_list_changed (McpServerSession *self)
{
  McpListChanged changes = self->list_changed;

  self->list_changed = 0;
  return changes;
}

void
_mcp_server_session_set_initialized (McpServerSession *self,
                                     const char       *protocol_version,
                                     JsonNode         *client_info,
                                     JsonNode         *client_capabilities)
{
  g_free (self->protocol_version);
  self->protocol_version = g_strdup (protocol_version);
  g_clear_pointer (&self->client_info, json_node_unref);
  self->client_info = _mcp_json_node_copy_or_null (client_info);
  g_clear_pointer (&self->client_capabilities, json_node_unref);
  if (client_capabilities != NULL && JSON_NODE_HOLDS_OBJECT (client_capabilities))
    self->client_capabilities = json_node_copy (client_capabilities);
  else
    self->client_capabilities = _mcp_json_node_new_object (json_object_new ());
  self->initialized = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_INFO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_CAPABILITIES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZED]);
}

void
_mcp_server_session_set_advertised (McpServerSession      *self,
                                    McpServerCapabilities  capabilities)
{
  self->advertised = capabilities;
}

McpServerCapabilities
_mcp_server_session_get_advertised (McpServerSession *self)
{
  return self->advertised;
}

void
_mcp_server_session_subscribe (McpServerSession *self,
                               const char       *uri)
{
  g_hash_table_add (self->subscriptions, g_strdup (uri));
}

void
_mcp_server_session_unsubscribe (McpServerSession *self,
                                 const char       *uri)
{
  g_hash_table_remove (self->subscriptions, uri);
}

void
_mcp_server_session_set_logging_level (McpServerSession *self,
                                       McpLoggingLevel   level)
{
  if (self->logging_level == level)
    return;

  self->logging_level = level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGING_LEVEL]);
}

void
_mcp_server_session_log_related (McpServerSession *self,
                                 McpLoggingLevel   level,
                                 const char       *logger,
                                 JsonNode         *data,
                                 JsonNode         *related_request_id)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  McpRequest *request;

  g_return_if_fail (MCP_IS_SERVER_SESSION (self));

  /* On the 2026-07-28 era each request sets its own level, and one that
   * sets none gets no log messages at all. */
  request = modern_request (self, related_request_id);
  if (request != NULL)
    {
      const char *name = _mcp_request_get_envelope (request)->log_level;
      McpLoggingLevel wanted;

      if (name == NULL || !mcp_logging_level_from_string (name, &wanted) || level < wanted)
        return;
    }
  else if (!self->initialized || level < self->logging_level)
    return;

  object = json_object_new ();
  json_object_set_string_member (object, "level", mcp_logging_level_to_string (level));
  if (logger != NULL)
    json_object_set_string_member (object, "logger", logger);
  if (data != NULL)
    json_object_set_member (object, "data", json_node_copy (data));
  else
    json_object_set_null_member (object, "data");
  params = _mcp_json_node_new_object (object);

  mcp_session_send_notification_async (self->session, "notifications/message", params,
                                       related_request_id, NULL, NULL, NULL);
}

/**
 * mcp_server_session_get_server:
 * @self: a #McpServerSession
 *
 * Gets the server, or %NULL once it is gone.
 *
 * Returns: (transfer none) (nullable): the server, or %NULL once it is gone
 *
 * Since: 0.1
 */
McpServer *
mcp_server_session_get_server (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return self->server;
}

/**
 * mcp_server_session_get_session:
 * @self: a #McpServerSession
 *
 * Gets the JSON-RPC session with the client.
 *
 * Returns: (transfer none): the JSON-RPC session with the client
 *
 * Since: 0.1
 */
McpSession *
mcp_server_session_get_session (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return self->session;
}

/**
 * mcp_server_session_get_transport:
 * @self: a #McpServerSession
 *
 * Gets the client's transport.
 *
 * Returns: (transfer none): the client's transport
 *
 * Since: 0.1
 */
McpTransport *
mcp_server_session_get_transport (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return mcp_session_get_transport (self->session);
}

/**
 * mcp_server_session_get_auth_info:
 * @self: a #McpServerSession
 *
 * Who the client is: the identity the transport's #McpAuthProvider gave
 * the request that opened the session (a 2026-07-28 request is a session
 * of its own). Every later request of a session comes from the same
 * principal: the transport refuses others.
 *
 * Returns: (transfer none) (nullable): the identity, or %NULL when the
 *   transport asks for none (stdio, no provider)
 *
 * Since: 0.1
 */
McpAuthInfo *
mcp_server_session_get_auth_info (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return _mcp_auth_info_attached (G_OBJECT (mcp_session_get_transport (self->session)), NULL);
}

/**
 * mcp_server_session_get_remote_address:
 * @self: a #McpServerSession
 *
 * The IP address of the client, as text (`127.0.0.1`, `::1`), on the HTTP
 * and WebSocket transports: the address of the connection that opened the
 * session (behind a proxy, the proxy's). Middlewares use it to tell
 * callers apart that have no identity.
 *
 * Returns: (transfer none) (nullable): the address, or %NULL on a
 *   transport without one (stdio, a custom transport)
 *
 * Since: 0.1
 */
const char *
mcp_server_session_get_remote_address (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return _mcp_peer_get_remote_address (G_OBJECT (mcp_session_get_transport (self->session)));
}

gboolean
_mcp_server_session_permits (McpServerSession *self,
                             GObject          *feature)
{
  const char *permission = _mcp_required_permission_get (feature);
  McpAuthInfo *info;

  if (permission == NULL)
    return TRUE;

  info = mcp_server_session_get_auth_info (self);
  return info != NULL && mcp_auth_info_has_permission (info, permission);
}

/**
 * mcp_server_session_get_id:
 * @self: a #McpServerSession
 *
 * Gets the session's random identifier.
 *
 * Returns: the session's random identifier
 *
 * Since: 0.1
 */
const char *
mcp_server_session_get_id (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return self->id;
}

/**
 * mcp_server_session_is_initialized:
 * @self: a #McpServerSession
 *
 * Checks whether the client has completed `initialize`.
 *
 * Returns: whether the client has completed `initialize`
 *
 * Since: 0.1
 */
gboolean
mcp_server_session_is_initialized (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), FALSE);

  return self->initialized;
}

/**
 * mcp_server_session_get_protocol_version:
 * @self: a #McpServerSession
 *
 * Gets the negotiated protocol version.
 *
 * Returns: (nullable): the negotiated protocol version
 *
 * Since: 0.1
 */
const char *
mcp_server_session_get_protocol_version (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return self->protocol_version;
}

/**
 * mcp_server_session_get_client_info:
 * @self: a #McpServerSession
 *
 * Gets the client's `clientInfo`.
 *
 * Returns: (transfer none) (nullable): the client's `clientInfo`
 *
 * Since: 0.1
 */
JsonNode *
mcp_server_session_get_client_info (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return self->client_info;
}

/**
 * mcp_server_session_get_client_capabilities:
 * @self: a #McpServerSession
 *
 * Gets the client's capabilities.
 *
 * Returns: (transfer none) (nullable): the client's capabilities
 *
 * Since: 0.1
 */
JsonNode *
mcp_server_session_get_client_capabilities (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), NULL);

  return self->client_capabilities;
}

/**
 * mcp_server_session_client_has_capability:
 * @self: a #McpServerSession
 * @capability: a capability name such as `sampling`, `roots` or
 *   `elicitation`
 *
 * Checks whether the client declared @capability.
 *
 * Returns: whether the client declared @capability
 *
 * Since: 0.1
 */
gboolean
mcp_server_session_client_has_capability (McpServerSession *self,
                                          const char       *capability)
{
  JsonNode *member;

  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), FALSE);
  g_return_val_if_fail (capability != NULL, FALSE);

  if (self->client_capabilities == NULL)
    return FALSE;

  member = json_object_get_member (json_node_get_object (self->client_capabilities), capability);
  return member != NULL && !JSON_NODE_HOLDS_NULL (member);
}

/**
 * mcp_server_session_get_logging_level:
 * @self: a #McpServerSession
 *
 * Gets the least severe level the client wants to receive.
 *
 * Returns: the least severe level the client wants to receive
 *
 * Since: 0.1
 */
McpLoggingLevel
mcp_server_session_get_logging_level (McpServerSession *self)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), MCP_LOGGING_LEVEL_DEBUG);

  return self->logging_level;
}

/**
 * mcp_server_session_log:
 * @self: a #McpServerSession
 * @level: the severity
 * @logger: (nullable): the logger name
 * @data: (nullable): the message: any JSON value, usually a string
 *
 * Sends `notifications/message` to this client if @level is at least its
 * logging level.
 *
 * Since: 0.1
 */
void
mcp_server_session_log (McpServerSession *self,
                        McpLoggingLevel   level,
                        const char       *logger,
                        JsonNode         *data)
{
  _mcp_server_session_log_related (self, level, logger, data, NULL);
}

/**
 * mcp_server_session_notify:
 * @self: a #McpServerSession
 * @method: the notification method
 * @params: (nullable): its params
 *
 * Sends a notification to this client.
 *
 * Since: 0.1
 */
void
mcp_server_session_notify (McpServerSession *self,
                           const char       *method,
                           JsonNode         *params)
{
  g_return_if_fail (MCP_IS_SERVER_SESSION (self));

  mcp_session_notify (self->session, method, params);
}

/* For the MCP_CLIENT_REQUEST_DEFINE_* functions: requests of the session's
 * own, related to no request of the client's. */
static McpServerSession *
client_request_session (McpServerSession *self)
{
  return self;
}

static JsonNode *
client_request_related_id (McpServerSession *self)
{
  return NULL;
}

static GTask *
client_request_task (McpServerSession    *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/**
 * mcp_server_session_ping_async:
 * @self: a #McpServerSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: the data to pass to @callback
 *
 * Pings the client.
 *
 * Since: 0.1
 */

/**
 * mcp_server_session_ping_finish:
 * @self: a #McpServerSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_server_session_ping_async().
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_PING (McpServerSession, mcp_server_session)

/**
 * mcp_server_session_close:
 * @self: a #McpServerSession
 *
 * Disconnects the client.
 *
 * Since: 0.1
 */
void
mcp_server_session_close (McpServerSession *self)
{
  g_return_if_fail (MCP_IS_SERVER_SESSION (self));

  mcp_session_close (self->session);
}

/**
 * mcp_server_session_is_subscribed:
 * @self: a #McpServerSession
 * @uri: a resource URI
 *
 * Checks whether the client subscribed to updates of @uri.
 *
 * Returns: whether the client subscribed to updates of @uri
 *
 * Since: 0.1
 */
gboolean
mcp_server_session_is_subscribed (McpServerSession *self,
                                  const char       *uri)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  return g_hash_table_contains (self->subscriptions, uri);
}

/* Requests to the client --------------------------------------------------- */

/* The request of the 2026-07-28 era a client request belongs to, if it
 * belongs to one: it brings its own capabilities, and its requests to the
 * client become input rounds. */
static McpRequest *
modern_request (McpServerSession *self,
                JsonNode         *related_request_id)
{
  McpRequest *request;

  if (related_request_id == NULL)
    return NULL;

  request = _mcp_session_lookup_incoming (self->session, related_request_id);
  return request != NULL && _mcp_request_get_envelope (request) != NULL ? request : NULL;
}

static JsonObject *
client_capability (McpServerSession *self,
                   JsonNode         *related_request_id,
                   const char       *name)
{
  McpRequest *request = modern_request (self, related_request_id);

  if (request != NULL)
    return _mcp_json_object_get_object (_mcp_request_get_envelope (request)->client_capabilities,
                                        name);

  if (self->client_capabilities == NULL)
    return NULL;

  return _mcp_json_object_get_object (json_node_get_object (self->client_capabilities), name);
}

/* Unless @supported, fails @task (consumed) for want of the capability
 * @what. @path names it ("sampling", "sampling.tools"): on a modern
 * request the request itself fails with a -32021 that lists it. */
static gboolean
require_capability (McpServerSession *self,
                    JsonNode         *related_request_id,
                    GTask            *task,
                    gboolean          supported,
                    const char       *path,
                    const char       *what)
{
  McpRequest *request;

  if (supported)
    return TRUE;

  request = modern_request (self, related_request_id);
  if (request != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (path, ".", -1);
      g_autoptr(JsonObject) required = json_object_new ();
      JsonObject *declared = _mcp_request_get_envelope (request)->client_capabilities;
      JsonObject *level = required;

      /* Named down to the first level the client did not declare:
       * {"sampling": {}} when it has no sampling at all. */
      for (guint i = 0; parts[i] != NULL; i++)
        {
          JsonObject *next = json_object_new ();

          json_object_set_object_member (level, parts[i], next);
          level = next;
          declared = declared != NULL ? _mcp_json_object_get_object (declared, parts[i]) : NULL;
          if (declared == NULL)
            break;
        }
      _mcp_input_rounds_refuse (request, required);
    }

  g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_CAPABILITY_NOT_SUPPORTED,
                           "The client does not support %s", what);
  g_object_unref (task);
  return FALSE;
}

static void
client_request_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonNode *reply;

  reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else if (!JSON_NODE_HOLDS_OBJECT (reply))
    {
      json_node_unref (reply);
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "The client's result is not an object");
    }
  else
    g_task_return_pointer (task, reply, (GDestroyNotify) json_node_unref);
}

/* Sends @method to the client; @task (consumed) returns the result object. */
static void
send_client_request (McpServerSession *self,
                     const char       *method,
                     JsonNode         *params,
                     JsonNode         *related_request_id,
                     GTask            *task)
{
  McpRequest *request = modern_request (self, related_request_id);

  if (request != NULL && self->server != NULL)
    {
      McpAuthInfo *info = mcp_server_session_get_auth_info (self);

      _mcp_input_rounds_ask (request, _mcp_server_get_request_state_key (self->server),
                             _mcp_server_get_request_state_lifetime (self->server),
                             info != NULL ? mcp_auth_info_get_principal (info) : NULL, method,
                             params, task);
      return;
    }

  if (!self->initialized)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_INITIALIZED,
                               "The client has not initialized the session yet");
      g_object_unref (task);
      return;
    }

  mcp_session_send_request_full_async (self->session, method, params, related_request_id,
                                       MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                                       g_task_get_cancellable (task),
                                       client_request_cb, task);
}

void
_mcp_server_session_create_message (McpServerSession *self,
                                    JsonNode         *related_request_id,
                                    JsonNode         *messages,
                                    const char       *system_prompt,
                                    guint             max_tokens,
                                    JsonNode         *options,
                                    GTask            *task)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *sampling = client_capability (self, related_request_id, "sampling");
  JsonObject *object;
  const char *include_context = NULL;

  if (options != NULL)
    include_context = _mcp_json_object_get_string (json_node_get_object (options),
                                                   "includeContext");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (messages)); i++)
    {
      JsonNode *message = json_array_get_element (json_node_get_array (messages), i);
      McpRole role;

      if (!JSON_NODE_HOLDS_OBJECT (message) ||
          !mcp_role_from_string (_mcp_json_object_get_string (json_node_get_object (message), "role"),
                                 &role) ||
          !json_object_has_member (json_node_get_object (message), "content"))
        {
          g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                                   "Sampling message %u needs a role and content", i);
          g_object_unref (task);
          return;
        }
    }

  if (!require_capability (self, related_request_id, task, sampling != NULL, "sampling",
                           "sampling") ||
      (options != NULL &&
       (json_object_has_member (json_node_get_object (options), "tools") ||
        json_object_has_member (json_node_get_object (options), "toolChoice")) &&
       !require_capability (self, related_request_id, task,
                            json_object_has_member (sampling, "tools"), "sampling.tools",
                            "tool use in sampling")) ||
      (include_context != NULL && g_strcmp0 (include_context, "none") != 0 &&
       !require_capability (self, related_request_id, task,
                            json_object_has_member (sampling, "context"), "sampling.context",
                            "context inclusion in sampling")))
    return;

  object = json_object_new ();
  if (options != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (options));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (object, name, json_node_copy (member));
    }
  json_object_set_member (object, "messages", json_node_copy (messages));
  if (system_prompt != NULL)
    json_object_set_string_member (object, "systemPrompt", system_prompt);
  json_object_set_int_member (object, "maxTokens", max_tokens);
  params = _mcp_json_node_new_object (object);

  send_client_request (self, "sampling/createMessage", params, related_request_id, task);
}

JsonNode *
_mcp_server_session_create_message_finish (GTask   *task,
                                           GError **error)
{
  g_autoptr(JsonNode) result = g_task_propagate_pointer (task, error);
  JsonObject *object;
  JsonNode *content;
  McpRole role;

  if (result == NULL)
    return NULL;

  object = json_node_get_object (result);
  content = json_object_get_member (object, "content");
  if (!mcp_role_from_string (_mcp_json_object_get_string (object, "role"), &role) ||
      _mcp_json_object_get_string (object, "model") == NULL ||
      content == NULL || !(JSON_NODE_HOLDS_OBJECT (content) || JSON_NODE_HOLDS_ARRAY (content)))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "The client's sampling result needs a role, a model and content");
      return NULL;
    }

  return g_steal_pointer (&result);
}

void
_mcp_server_session_list_roots (McpServerSession *self,
                                JsonNode         *related_request_id,
                                GTask            *task)
{
  if (!require_capability (self, related_request_id, task,
                           client_capability (self, related_request_id, "roots") != NULL,
                           "roots", "roots"))
    return;

  send_client_request (self, "roots/list", NULL, related_request_id, task);
}

GPtrArray *
_mcp_server_session_list_roots_finish (GTask   *task,
                                       GError **error)
{
  g_autoptr(JsonNode) result = g_task_propagate_pointer (task, error);
  g_autoptr(GPtrArray) roots = NULL;
  JsonArray *array;

  if (result == NULL)
    return NULL;

  array = _mcp_json_object_get_array (json_node_get_object (result), "roots");
  if (array == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "The client's roots/list result has no roots array");
      return NULL;
    }

  roots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      McpRoot *root = mcp_root_new_from_json (json_array_get_element (array, i), error);

      if (root == NULL)
        return NULL;
      g_ptr_array_add (roots, root);
    }

  return g_steal_pointer (&roots);
}

static gboolean
supports_elicitation (McpServerSession   *self,
                      JsonNode           *related_request_id,
                      McpElicitationMode  mode)
{
  JsonObject *elicitation = client_capability (self, related_request_id, "elicitation");

  if (elicitation == NULL)
    return FALSE;

  if (mode == MCP_ELICITATION_MODE_URL)
    return json_object_has_member (elicitation, "url");

  /* An empty object is the 2025-06-18 way of saying "forms". */
  return json_object_has_member (elicitation, "form") || !json_object_has_member (elicitation, "url");
}

void
_mcp_server_session_elicit (McpServerSession *self,
                            JsonNode         *related_request_id,
                            const char       *message,
                            JsonNode         *requested_schema,
                            GTask            *task)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  if (g_strcmp0 (_mcp_json_object_get_string (json_node_get_object (requested_schema), "type"),
                 "object") != 0 ||
      _mcp_json_object_get_object (json_node_get_object (requested_schema), "properties") == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "An elicitation form needs an object schema with properties");
      g_object_unref (task);
      return;
    }

  if (!require_capability (self, related_request_id, task,
                           supports_elicitation (self, related_request_id, MCP_ELICITATION_MODE_FORM),
                           "elicitation.form", "form elicitation"))
    return;

  object = json_object_new ();
  /* The mode member is new in 2025-11-25; older clients only know forms. */
  if (modern_request (self, related_request_id) != NULL ||
      (self->protocol_version != NULL &&
       mcp_protocol_version_compare (self->protocol_version, MCP_PROTOCOL_VERSION_2025_11_25) >= 0))
    json_object_set_string_member (object, "mode", "form");
  json_object_set_string_member (object, "message", message);
  json_object_set_member (object, "requestedSchema", json_node_copy (requested_schema));
  params = _mcp_json_node_new_object (object);
  send_client_request (self, "elicitation/create", params, related_request_id, task);
}

void
_mcp_server_session_elicit_url (McpServerSession *self,
                                JsonNode         *related_request_id,
                                const char       *message,
                                const char       *url,
                                const char       *elicitation_id,
                                GTask            *task)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  if (!require_capability (self, related_request_id, task,
                           supports_elicitation (self, related_request_id, MCP_ELICITATION_MODE_URL),
                           "elicitation.url", "URL elicitation"))
    return;

  object = json_object_new ();
  json_object_set_string_member (object, "mode", "url");
  json_object_set_string_member (object, "message", message);
  json_object_set_string_member (object, "url", url);
  /* 2026-07-28 dropped the id: the retry itself tells the outcome. */
  if (modern_request (self, related_request_id) == NULL)
    json_object_set_string_member (object, "elicitationId", elicitation_id);
  params = _mcp_json_node_new_object (object);
  send_client_request (self, "elicitation/create", params, related_request_id, task);
}

gboolean
_mcp_server_session_elicit_finish (GTask                 *task,
                                   McpElicitationAction  *action,
                                   JsonNode             **content,
                                   GError               **error)
{
  g_autoptr(JsonNode) result = g_task_propagate_pointer (task, error);
  McpElicitationAction parsed;
  JsonNode *member;

  if (action != NULL)
    *action = MCP_ELICITATION_ACTION_CANCEL;
  if (content != NULL)
    *content = NULL;

  if (result == NULL)
    return FALSE;

  if (!mcp_elicitation_action_from_string (_mcp_json_object_get_string (json_node_get_object (result),
                                                                        "action"),
                                           &parsed))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "The client's elicitation result has no valid action");
      return FALSE;
    }

  member = json_object_get_member (json_node_get_object (result), "content");
  if (member != NULL && !JSON_NODE_HOLDS_OBJECT (member) && !JSON_NODE_HOLDS_NULL (member))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "The client's elicitation content is not an object");
      return FALSE;
    }

  if (action != NULL)
    *action = parsed;
  if (content != NULL && parsed == MCP_ELICITATION_ACTION_ACCEPT &&
      member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    *content = json_node_copy (member);

  return TRUE;
}

gboolean
_mcp_server_session_ping_finish (GTask   *task,
                                 GError **error)
{
  g_autoptr(JsonNode) result = g_task_propagate_pointer (task, error);

  return result != NULL;
}

void
_mcp_server_session_ping (McpServerSession *self,
                          JsonNode         *related_request_id,
                          GTask            *task)
{
  if (!self->initialized)
    {
      /* ping is the one request allowed before initialization */
      mcp_session_send_request_full_async (self->session, "ping", NULL, related_request_id,
                                           MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                                           g_task_get_cancellable (task),
                                           client_request_cb, task);
      return;
    }

  send_client_request (self, "ping", NULL, related_request_id, task);
}

/**
 * mcp_server_session_create_message_async:
 * @self: a #McpServerSession
 * @messages: a JSON array of `SamplingMessage` objects (see
 *   mcp_content_new_message())
 * @system_prompt: (nullable): a system prompt
 * @max_tokens: the most tokens the client should sample
 * @options: (nullable): an object of further `sampling/createMessage`
 *   params, copied as they are: `modelPreferences`, `temperature`,
 *   `stopSequences`, `includeContext`, `metadata`, `tools`, `toolChoice`,
 *   `_meta`
 * @cancellable: (nullable): cancels the request (the client is told)
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the client to sample an LLM (`sampling/createMessage`). Fails with
 * %MCP_ERROR_CAPABILITY_NOT_SUPPORTED if the client did not declare
 * `sampling` — or `sampling.tools` when @options holds `tools` or
 * `toolChoice`, or `sampling.context` when it asks for `includeContext`
 * other than `none`. A handler should prefer
 * mcp_tool_call_create_message_async(), which keeps the request with its
 * call.
 *
 * Since: 0.1
 */

/**
 * mcp_server_session_create_message_finish:
 * @self: a #McpServerSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_server_session_create_message_async().
 *
 * Returns: (transfer full): the `CreateMessageResult` object (`role`,
 *   `content`, `model`, `stopReason`)
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_CREATE_MESSAGE (McpServerSession, mcp_server_session)

/**
 * mcp_server_session_list_roots_async:
 * @self: a #McpServerSession
 * @cancellable: (nullable): cancels the request (the client is told)
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the client for its roots (`roots/list`). Fails with
 * %MCP_ERROR_CAPABILITY_NOT_SUPPORTED if the client did not declare `roots`.
 *
 * Since: 0.1
 */

/**
 * mcp_server_session_list_roots_finish:
 * @self: a #McpServerSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_server_session_list_roots_async().
 *
 * Returns: (transfer container) (element-type McpRoot): the client's roots
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_LIST_ROOTS (McpServerSession, mcp_server_session)

/**
 * mcp_server_session_elicit_async:
 * @self: a #McpServerSession
 * @message: what to ask the user
 * @requested_schema: the form: an object schema whose properties are flat
 *   primitives (strings, numbers, booleans, enums)
 * @cancellable: (nullable): cancels the request (the client is told)
 * @callback: (scope async): called with the user's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the user for information through a form (`elicitation/create` in
 * form mode). Fails with %MCP_ERROR_CAPABILITY_NOT_SUPPORTED if the client
 * does not support form elicitation. Never use it for passwords or secrets:
 * that is what mcp_server_session_elicit_url_async() is for.
 *
 * Since: 0.1
 */

/**
 * mcp_server_session_elicit_finish:
 * @self: a #McpServerSession
 * @result: the #GAsyncResult
 * @action: (out) (optional): what the user did
 * @content: (out) (optional) (nullable) (transfer full): the submitted
 *   values when @action is %MCP_ELICITATION_ACTION_ACCEPT
 * @error: return location for a #GError
 *
 * Finishes mcp_server_session_elicit_async(). The content is what the
 * client sent; check it before trusting it.
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_ELICIT (McpServerSession, mcp_server_session)

/**
 * mcp_server_session_elicit_url_async:
 * @self: a #McpServerSession
 * @message: why the user should open the URL
 * @url: the URL to open
 * @elicitation_id: an identifier of this elicitation, unique within the
 *   server, for mcp_server_session_notify_elicitation_complete()
 * @cancellable: (nullable): cancels the request (the client is told)
 * @callback: (scope async): called with the user's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the client to send the user to @url (`elicitation/create` in URL
 * mode), for interactions that must not pass through the client, such as
 * entering credentials. Fails with %MCP_ERROR_CAPABILITY_NOT_SUPPORTED if
 * the client does not support URL elicitation.
 *
 * Since: 0.1
 */

/**
 * mcp_server_session_elicit_url_finish:
 * @self: a #McpServerSession
 * @result: the #GAsyncResult
 * @action: (out) (optional): whether the user agreed to open the URL
 * @error: return location for a #GError
 *
 * Finishes mcp_server_session_elicit_url_async(). Acceptance only means the
 * user agreed to go; the interaction itself completes out of band.
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_ELICIT_URL (McpServerSession, mcp_server_session)

/**
 * mcp_server_session_notify_elicitation_complete:
 * @self: a #McpServerSession
 * @elicitation_id: the identifier given to
 *   mcp_server_session_elicit_url_async()
 *
 * Tells the client that the out-of-band interaction of a URL elicitation
 * has finished (`notifications/elicitation/complete`).
 *
 * Since: 0.1
 */
void
mcp_server_session_notify_elicitation_complete (McpServerSession *self,
                                                const char       *elicitation_id)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  g_return_if_fail (MCP_IS_SERVER_SESSION (self));
  g_return_if_fail (elicitation_id != NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "elicitationId", elicitation_id);
  params = _mcp_json_node_new_object (object);
  mcp_session_notify (self->session, "notifications/elicitation/complete", params);
}

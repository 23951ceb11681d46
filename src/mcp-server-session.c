/* mcp-server-session.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-json-util-private.h"
#include "mcp-random-private.h"
#include "mcp-server-private.h"
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
  gulong           closed_handler;
  McpListChanged   list_changed;

  guint            initialized : 1;
  guint            ready : 1;
};

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
  signals[INITIALIZED] =
    g_signal_new ("initialized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpServerSession::closed:
   * @self: the session
   *
   * Emitted once when the client's connection has closed.
   *
   * Since: 0.1
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mcp_server_session_init (McpServerSession *self)
{
  self->logging_level = MCP_LOGGING_LEVEL_DEBUG;
  self->id = _mcp_random_token (16);
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

  g_return_if_fail (MCP_IS_SERVER_SESSION (self));

  if (!self->initialized || level < self->logging_level)
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
 * mcp_server_session_get_id:
 * @self: a #McpServerSession
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

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
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
void
mcp_server_session_ping_async (McpServerSession    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MCP_IS_SERVER_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_server_session_ping_async);
  mcp_session_send_request_async (self->session, "ping", NULL, cancellable, ping_cb, task);
}

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
gboolean
mcp_server_session_ping_finish (McpServerSession  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (MCP_IS_SERVER_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

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

/* mcp-client.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client.h"
#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-json-util-private.h"
#include "mcp-message.h"
#include "mcp-request.h"
#include "mcp-tool.h"
#include "mcp-tool-result.h"
#include "mcp-transport.h"

/**
 * McpClient:
 *
 * An MCP client.
 *
 * mcp_client_connect_async() connects a transport, performs the `initialize`
 * handshake and sends `notifications/initialized`; afterwards the
 * server's info, capabilities and the negotiated protocol version are
 * available as properties. Each server feature has a typed `_async`/`_finish`
 * pair, and mcp_client_send_request_async() reaches anything else.
 *
 * Notifications from the server are emitted as signals:
 * #McpClient::log-message, #McpClient::tools-changed and friends, and
 * #McpClient::notification for all of them, detailed by method.
 *
 * |[<!-- language="C" -->
 * g_autoptr(McpClient) client = mcp_client_new ("my-app", "1.0");
 * g_autoptr(McpStdioTransport) transport =
 *   mcp_stdio_transport_new_for_command_line ("mcp-everything-server", NULL);
 *
 * mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, on_connected, NULL);
 * ]|
 *
 * Since: 0.1
 */

/* Pages a list_all_* call follows before it decides the server loops. */
#define MAX_PAGES 10000

struct _McpClient
{
  GObject       parent_instance;

  char         *name;
  char         *version;
  char         *requested_version;
  guint         request_timeout;

  McpTransport *transport;
  McpSession   *session;
  gulong        notification_handler;
  gulong        closed_handler;
  gulong        reconnected_handler;

  char         *protocol_version;
  JsonNode     *server_info;
  JsonNode     *server_capabilities;
  char         *instructions;

  guint         connected : 1;
  guint         connecting : 1;
};

G_DEFINE_FINAL_TYPE (McpClient, mcp_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_VERSION,
  PROP_REQUESTED_PROTOCOL_VERSION,
  PROP_REQUEST_TIMEOUT,
  PROP_SESSION,
  PROP_TRANSPORT,
  PROP_CONNECTED,
  PROP_PROTOCOL_VERSION,
  PROP_SERVER_INFO,
  PROP_SERVER_CAPABILITIES,
  PROP_INSTRUCTIONS,
  N_PROPS
};

enum {
  NOTIFICATION,
  LOG_MESSAGE,
  PROGRESS,
  TOOLS_CHANGED,
  RESOURCES_CHANGED,
  PROMPTS_CHANGED,
  RESOURCE_UPDATED,
  CLOSED,
  RECONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers ------------------------------------------------------------------ */

typedef gpointer (*ResultParser) (JsonNode  *result,
                                  GError   **error);

typedef struct
{
  ResultParser   parser;
  GDestroyNotify destroy;
} RequestData;

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;
  gpointer parsed;

  reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->parser == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) json_node_unref);
      return;
    }

  parsed = data->parser (reply, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parsed, data->destroy);
}

/* Sends @method and turns the result into what @parser makes of it. */
static void
client_request (McpClient           *self,
                const char          *method,
                JsonNode            *params,
                McpRequestFlags      flags,
                gint                 timeout_ms,
                McpProgressCallback  progress_callback,
                gpointer             progress_data,
                GDestroyNotify       progress_destroy,
                ResultParser         parser,
                GDestroyNotify       destroy,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RequestData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (RequestData, 1);
  data->parser = parser;
  data->destroy = destroy;
  g_task_set_task_data (task, data, g_free);

  if (self->session == NULL || !self->connected)
    {
      if (progress_destroy != NULL)
        progress_destroy (progress_data);
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                               "The client is not connected");
      return;
    }

  mcp_session_send_request_full_async (self->session, method, params, NULL,
                                       flags, timeout_ms,
                                       progress_callback, progress_data, progress_destroy,
                                       cancellable,
                                       request_cb,
                                       g_steal_pointer (&task));
}

static gpointer
client_request_finish (McpClient     *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_error_invalid_result (GError     **error,
                          const char  *method,
                          const char  *problem)
{
  g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
               "The server sent an invalid %s result: %s", method, problem);
}

static gpointer
parse_empty (JsonNode  *result,
             GError   **error)
{
  return GINT_TO_POINTER (TRUE);
}

/* Notifications ------------------------------------------------------------ */

static void
on_notification (McpSession *session,
                 const char *method,
                 JsonNode   *params,
                 McpClient  *self)
{
  JsonObject *object = params != NULL ? json_node_get_object (params) : NULL;
  GQuark detail = g_quark_try_string (method);

  if (g_str_equal (method, "notifications/message"))
    {
      McpLoggingLevel level;

      if (mcp_logging_level_from_string (_mcp_json_object_get_string (object, "level"), &level))
        g_signal_emit (self, signals[LOG_MESSAGE], 0,
                       level,
                       _mcp_json_object_get_string (object, "logger"),
                       json_object_get_member (object, "data"));
    }
  else if (g_str_equal (method, "notifications/progress"))
    {
      JsonNode *token = object != NULL ? json_object_get_member (object, "progressToken") : NULL;
      JsonNode *progress = object != NULL ? json_object_get_member (object, "progress") : NULL;
      JsonNode *total = object != NULL ? json_object_get_member (object, "total") : NULL;

      if (mcp_message_id_is_valid (token) && _mcp_json_node_is_number (progress))
        g_signal_emit (self, signals[PROGRESS], 0,
                       token,
                       _mcp_json_node_get_number (progress),
                       _mcp_json_node_is_number (total) ? _mcp_json_node_get_number (total) : -1.0,
                       _mcp_json_object_get_string (object, "message"));
    }
  else if (g_str_equal (method, "notifications/tools/list_changed"))
    g_signal_emit (self, signals[TOOLS_CHANGED], 0);
  else if (g_str_equal (method, "notifications/resources/list_changed"))
    g_signal_emit (self, signals[RESOURCES_CHANGED], 0);
  else if (g_str_equal (method, "notifications/prompts/list_changed"))
    g_signal_emit (self, signals[PROMPTS_CHANGED], 0);
  else if (g_str_equal (method, "notifications/resources/updated"))
    {
      const char *uri = _mcp_json_object_get_string (object, "uri");

      if (uri != NULL)
        g_signal_emit (self, signals[RESOURCE_UPDATED], 0, uri);
    }

  g_signal_emit (self, signals[NOTIFICATION], detail, method, params);
}

static void
handle_ping (McpSession *session,
             McpRequest *request,
             gpointer    user_data)
{
  mcp_request_return_result (request, NULL);
}

static void
set_connected (McpClient *self,
               gboolean   connected)
{
  if (self->connected == connected)
    return;

  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
on_session_closed (McpSession *session,
                   McpClient  *self)
{
  gboolean was_connected = self->connected;

  set_connected (self, FALSE);
  if (was_connected)
    g_signal_emit (self, signals[CLOSED], 0);
}

static void
drop_session (McpClient *self)
{
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->notification_handler, self->session);
      g_clear_signal_handler (&self->closed_handler, self->session);
      g_clear_signal_handler (&self->reconnected_handler, self->session);
      g_clear_object (&self->session);
    }
  g_clear_object (&self->transport);
}

/* Connecting --------------------------------------------------------------- */

static JsonNode *
build_client_capabilities (McpClient *self)
{
  JsonObject *capabilities = json_object_new ();

  return _mcp_json_node_new_object (capabilities);
}

static void
initialize_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object_result;
  const char *version;
  JsonNode *server_info;
  JsonNode *capabilities;

  reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);
  if (reply == NULL)
    goto failed;

  if (!JSON_NODE_HOLDS_OBJECT (reply))
    {
      set_error_invalid_result (&error, "initialize", "not an object");
      goto failed;
    }

  object_result = json_node_get_object (reply);
  version = _mcp_json_object_get_string (object_result, "protocolVersion");
  server_info = json_object_get_member (object_result, "serverInfo");
  capabilities = json_object_get_member (object_result, "capabilities");

  if (version == NULL)
    {
      set_error_invalid_result (&error, "initialize", "no protocolVersion");
      goto failed;
    }

  if (!mcp_protocol_version_is_supported (version))
    {
      g_set_error (&error, MCP_ERROR, MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION,
                   "The server answered with protocol version %s, which this client "
                   "does not support", version);
      goto failed;
    }

  g_free (self->protocol_version);
  self->protocol_version = g_strdup (version);
  g_clear_pointer (&self->server_info, json_node_unref);
  if (server_info != NULL && JSON_NODE_HOLDS_OBJECT (server_info))
    self->server_info = json_node_copy (server_info);
  g_clear_pointer (&self->server_capabilities, json_node_unref);
  if (capabilities != NULL && JSON_NODE_HOLDS_OBJECT (capabilities))
    self->server_capabilities = json_node_copy (capabilities);
  else
    self->server_capabilities = _mcp_json_node_new_object (json_object_new ());
  g_free (self->instructions);
  self->instructions = g_strdup (_mcp_json_object_get_string (object_result, "instructions"));

  mcp_session_notify (self->session, "notifications/initialized", NULL);

  self->connecting = FALSE;
  set_connected (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_INFO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_CAPABILITIES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUCTIONS]);

  g_task_return_boolean (task, TRUE);
  return;

failed:
  self->connecting = FALSE;
  if (self->transport != NULL)
    mcp_transport_disconnect_async (self->transport, NULL, NULL, NULL);
  drop_session (self);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
send_initialize (McpClient *self,
                 GTask     *task)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object = json_object_new ();
  JsonObject *client_info = json_object_new ();

  json_object_set_string_member (object, "protocolVersion", self->requested_version);
  json_object_set_member (object, "capabilities", build_client_capabilities (self));
  json_object_set_string_member (client_info, "name", self->name);
  json_object_set_string_member (client_info, "version", self->version);
  json_object_set_object_member (object, "clientInfo", client_info);
  params = _mcp_json_node_new_object (object);

  mcp_session_send_request_async (self->session, "initialize", params,
                                  g_task_get_cancellable (task),
                                  initialize_cb, task);
}

static void
transport_connect_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!mcp_transport_connect_finish (MCP_TRANSPORT (object), result, &error))
    {
      self->connecting = FALSE;
      drop_session (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_initialize (self, g_steal_pointer (&task));
}

static void
reinitialize_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_signal_emit (object, signals[RECONNECTED], 0);
  else
    g_debug ("The handshake after a reconnect failed: %s", error->message);
}

/* The transport reconnected by itself: the server knows nothing of us. */
static void
on_session_reconnected (McpSession *session,
                        McpClient  *self)
{
  GTask *task;

  if (self->connecting)
    return;

  self->connecting = TRUE;
  task = g_task_new (self, NULL, reinitialize_cb, NULL);
  g_task_set_source_tag (task, on_session_reconnected);
  send_initialize (self, task);
}

/**
 * mcp_client_connect_async:
 * @self: a #McpClient
 * @transport: the transport to the server; it is connected if it is not
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the handshake is done or failed
 * @user_data: the data to pass to @callback
 *
 * Connects @transport and performs the MCP handshake: `initialize` with
 * #McpClient:requested-protocol-version, then `notifications/initialized`.
 * A server that answers with a protocol version mcp-glib does not speak is
 * disconnected and the call fails with
 * %MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION.
 *
 * Since: 0.1
 */
void
mcp_client_connect_async (McpClient           *self,
                          McpTransport        *transport,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (MCP_IS_TRANSPORT (transport));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_client_connect_async);

  if (self->connected || self->connecting)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The client is already connected or connecting");
      return;
    }

  drop_session (self);
  self->connecting = TRUE;
  self->transport = g_object_ref (transport);
  self->session = mcp_session_new (transport);
  mcp_session_set_request_timeout (self->session, self->request_timeout);
  mcp_session_set_request_handler (self->session, "ping", handle_ping, NULL, NULL);
  self->notification_handler = g_signal_connect (self->session, "notification",
                                                 G_CALLBACK (on_notification), self);
  self->closed_handler = g_signal_connect (self->session, "closed",
                                           G_CALLBACK (on_session_closed), self);
  self->reconnected_handler = g_signal_connect (self->session, "reconnected",
                                                G_CALLBACK (on_session_reconnected), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);

  if (mcp_transport_is_connected (transport))
    send_initialize (self, g_steal_pointer (&task));
  else
    mcp_transport_connect_async (transport, cancellable, transport_connect_cb,
                                 g_steal_pointer (&task));
}

/**
 * mcp_client_connect_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_connect_async().
 *
 * Returns: %TRUE if the client is connected and initialized
 *
 * Since: 0.1
 */
gboolean
mcp_client_connect_finish (McpClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
disconnect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mcp_transport_disconnect_finish (MCP_TRANSPORT (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mcp_client_disconnect_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the transport is closed
 * @user_data: the data to pass to @callback
 *
 * Disconnects from the server. Pending calls fail with
 * %MCP_ERROR_CONNECTION_CLOSED. For a spawned stdio server this runs the
 * shutdown sequence and completes when the server has exited.
 *
 * Since: 0.1
 */
void
mcp_client_disconnect_async (McpClient           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(McpTransport) transport = NULL;

  g_return_if_fail (MCP_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_client_disconnect_async);

  if (self->transport == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  transport = g_object_ref (self->transport);
  set_connected (self, FALSE);
  mcp_transport_disconnect_async (transport, cancellable, disconnect_cb, g_steal_pointer (&task));
}

/**
 * mcp_client_disconnect_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_disconnect_async().
 *
 * Returns: %TRUE on a clean disconnect
 *
 * Since: 0.1
 */
gboolean
mcp_client_disconnect_finish (McpClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Generic requests --------------------------------------------------------- */

/**
 * mcp_client_send_request_async:
 * @self: a #McpClient
 * @method: any method
 * @params: (nullable): its params
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reply
 * @user_data: the data to pass to @callback
 *
 * Sends any request to the server, for methods without a typed call.
 *
 * Since: 0.1
 */
void
mcp_client_send_request_async (McpClient           *self,
                               const char          *method,
                               JsonNode            *params,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (method != NULL);

  client_request (self, method, params, MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                  NULL, NULL, mcp_client_send_request_async,
                  cancellable, callback, user_data);
}

/**
 * mcp_client_send_request_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_send_request_async().
 *
 * Returns: (transfer full): the result object
 *
 * Since: 0.1
 */
JsonNode *
mcp_client_send_request_finish (McpClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return client_request_finish (self, result, mcp_client_send_request_async, error);
}

/**
 * mcp_client_ping_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: the data to pass to @callback
 *
 * Pings the server.
 *
 * Since: 0.1
 */
void
mcp_client_ping_async (McpClient           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  client_request (self, "ping", NULL, MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                  parse_empty, NULL, mcp_client_ping_async,
                  cancellable, callback, user_data);
}

/**
 * mcp_client_ping_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_ping_async().
 *
 * Returns: %TRUE if the server answered
 *
 * Since: 0.1
 */
gboolean
mcp_client_ping_finish (McpClient     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return client_request_finish (self, result, mcp_client_ping_async, error) != NULL;
}

/**
 * mcp_client_set_logging_level_async:
 * @self: a #McpClient
 * @level: the least severe level to receive
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: the data to pass to @callback
 *
 * Asks the server to send log messages of @level and above only.
 *
 * Since: 0.1
 */
void
mcp_client_set_logging_level_async (McpClient           *self,
                                    McpLoggingLevel      level,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  g_return_if_fail (MCP_IS_CLIENT (self));

  object = json_object_new ();
  json_object_set_string_member (object, "level", mcp_logging_level_to_string (level));
  params = _mcp_json_node_new_object (object);

  client_request (self, "logging/setLevel", params, MCP_REQUEST_FLAGS_NONE, -1,
                  NULL, NULL, NULL,
                  parse_empty, NULL, mcp_client_set_logging_level_async,
                  cancellable, callback, user_data);
}

/**
 * mcp_client_set_logging_level_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_set_logging_level_async().
 *
 * Returns: %TRUE if the server accepted the level
 *
 * Since: 0.1
 */
gboolean
mcp_client_set_logging_level_finish (McpClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return client_request_finish (self, result, mcp_client_set_logging_level_async, error) != NULL;
}

/* Tools -------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *items;
  char      *next_cursor;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

static gpointer
parse_tools_page (JsonNode  *result,
                  GError   **error)
{
  JsonObject *object;
  JsonArray *tools;
  JsonNode *cursor;
  Page *page;

  if (!JSON_NODE_HOLDS_OBJECT (result))
    {
      set_error_invalid_result (error, "tools/list", "not an object");
      return NULL;
    }

  object = json_node_get_object (result);
  tools = _mcp_json_object_get_array (object, "tools");
  if (tools == NULL)
    {
      set_error_invalid_result (error, "tools/list", "no tools array");
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      g_autoptr(GError) local_error = NULL;
      McpTool *tool = mcp_tool_new_from_json (json_array_get_element (tools, i), &local_error);

      if (tool == NULL)
        {
          set_error_invalid_result (error, "tools/list", local_error->message);
          page_free (page);
          return NULL;
        }
      g_ptr_array_add (page->items, tool);
    }

  cursor = json_object_get_member (object, "nextCursor");
  if (_mcp_json_node_is_string (cursor))
    page->next_cursor = g_strdup (json_node_get_string (cursor));

  return page;
}

static JsonNode *
cursor_params (const char *cursor)
{
  JsonObject *object;

  if (cursor == NULL)
    return NULL;

  object = json_object_new ();
  json_object_set_string_member (object, "cursor", cursor);
  return _mcp_json_node_new_object (object);
}

/**
 * mcp_client_list_tools_async:
 * @self: a #McpClient
 * @cursor: (nullable): the cursor of the page to get, or %NULL for the first
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the page
 * @user_data: the data to pass to @callback
 *
 * Gets one page of the server's tools.
 *
 * Since: 0.1
 */
void
mcp_client_list_tools_async (McpClient           *self,
                             const char          *cursor,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonNode) params = cursor_params (cursor);

  g_return_if_fail (MCP_IS_CLIENT (self));

  client_request (self, "tools/list", params, MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                  parse_tools_page, (GDestroyNotify) page_free,
                  mcp_client_list_tools_async, cancellable, callback, user_data);
}

/**
 * mcp_client_list_tools_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @next_cursor: (out) (optional) (nullable) (transfer full): the cursor of
 *   the next page, or %NULL on the last page
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_tools_async().
 *
 * Returns: (transfer container) (element-type McpTool): the tools of the page
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_tools_finish (McpClient     *self,
                              GAsyncResult  *result,
                              char         **next_cursor,
                              GError       **error)
{
  Page *page = client_request_finish (self, result, mcp_client_list_tools_async, error);
  GPtrArray *items;

  if (next_cursor != NULL)
    *next_cursor = NULL;

  if (page == NULL)
    return NULL;

  items = g_steal_pointer (&page->items);
  if (next_cursor != NULL)
    *next_cursor = g_steal_pointer (&page->next_cursor);
  page_free (page);

  return items;
}

typedef struct
{
  GPtrArray  *items;
  GHashTable *seen_cursors;
  guint       pages;
} AllPages;

static void
all_pages_free (AllPages *all)
{
  g_clear_pointer (&all->items, g_ptr_array_unref);
  g_clear_pointer (&all->seen_cursors, g_hash_table_unref);
  g_free (all);
}

static void list_all_tools_next (GTask *task, const char *cursor);

static void
list_all_tools_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AllPages *all = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *cursor = NULL;
  GError *error = NULL;

  items = mcp_client_list_tools_finish (MCP_CLIENT (object), result, &cursor, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_ptr_array_extend_and_steal (all->items, g_steal_pointer (&items));

  if (cursor == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&all->items),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* A server that hands back a cursor it gave before would loop forever. */
  if (++all->pages >= MAX_PAGES || g_hash_table_contains (all->seen_cursors, cursor))
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "The server's tools/list cursors loop");
      return;
    }

  g_hash_table_add (all->seen_cursors, g_strdup (cursor));
  list_all_tools_next (g_steal_pointer (&task), cursor);
}

static void
list_all_tools_next (GTask      *task,
                     const char *cursor)
{
  mcp_client_list_tools_async (g_task_get_source_object (task), cursor,
                               g_task_get_cancellable (task),
                               list_all_tools_cb, task);
}

/**
 * mcp_client_list_all_tools_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with every tool
 * @user_data: the data to pass to @callback
 *
 * Gets all of the server's tools, following cursors page by page.
 *
 * Since: 0.1
 */
void
mcp_client_list_all_tools_async (McpClient           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  AllPages *all;

  g_return_if_fail (MCP_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_client_list_all_tools_async);

  all = g_new0 (AllPages, 1);
  all->items = g_ptr_array_new_with_free_func (g_object_unref);
  all->seen_cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, all, (GDestroyNotify) all_pages_free);

  list_all_tools_next (task, NULL);
}

/**
 * mcp_client_list_all_tools_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_all_tools_async().
 *
 * Returns: (transfer container) (element-type McpTool): every tool
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_all_tools_finish (McpClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return client_request_finish (self, result, mcp_client_list_all_tools_async, error);
}

static gpointer
parse_tool_result (JsonNode  *result,
                   GError   **error)
{
  return mcp_tool_result_new_from_json (result, error);
}

/**
 * mcp_client_call_tool_full_async:
 * @self: a #McpClient
 * @name: the tool's name
 * @arguments: (nullable): the arguments object
 * @flags: #McpRequestFlags; %MCP_REQUEST_FLAGS_PROGRESS asks for progress
 * @timeout_ms: the timeout in milliseconds, 0 for none, -1 for
 *   #McpClient:request-timeout
 * @progress_callback: (scope notified) (closure progress_data) (destroy progress_destroy) (nullable):
 *   called for each progress report
 * @progress_data: data for @progress_callback
 * @progress_destroy: (nullable): frees @progress_data
 * @cancellable: (nullable): cancels the call (the server is told)
 * @callback: (scope async): called with the result
 * @user_data: the data to pass to @callback
 *
 * Calls a tool with every option.
 *
 * Since: 0.1
 */
void
mcp_client_call_tool_full_async (McpClient           *self,
                                 const char          *name,
                                 JsonNode            *arguments,
                                 McpRequestFlags      flags,
                                 gint                 timeout_ms,
                                 McpProgressCallback  progress_callback,
                                 gpointer             progress_data,
                                 GDestroyNotify       progress_destroy,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (arguments == NULL || JSON_NODE_HOLDS_OBJECT (arguments));

  object = json_object_new ();
  json_object_set_string_member (object, "name", name);
  if (arguments != NULL)
    json_object_set_member (object, "arguments", json_node_copy (arguments));
  else
    json_object_set_object_member (object, "arguments", json_object_new ());
  params = _mcp_json_node_new_object (object);

  client_request (self, "tools/call", params, flags, timeout_ms,
                  progress_callback, progress_data, progress_destroy,
                  parse_tool_result, g_object_unref,
                  mcp_client_call_tool_full_async, cancellable, callback, user_data);
}

/**
 * mcp_client_call_tool_async:
 * @self: a #McpClient
 * @name: the tool's name
 * @arguments: (nullable): the arguments object
 * @cancellable: (nullable): cancels the call (the server is told)
 * @callback: (scope async): called with the result
 * @user_data: the data to pass to @callback
 *
 * Calls a tool. A tool that fails still succeeds here: check
 * mcp_tool_result_get_is_error(). The call fails only for protocol errors
 * (an unknown tool, invalid arguments the server refused as such, a lost
 * connection).
 *
 * Since: 0.1
 */
void
mcp_client_call_tool_async (McpClient           *self,
                            const char          *name,
                            JsonNode            *arguments,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  mcp_client_call_tool_full_async (self, name, arguments, MCP_REQUEST_FLAGS_NONE, -1,
                                   NULL, NULL, NULL, cancellable, callback, user_data);
}

/**
 * mcp_client_call_tool_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_call_tool_async() and
 * mcp_client_call_tool_full_async().
 *
 * Returns: (transfer full): the tool's result
 *
 * Since: 0.1
 */
McpToolResult *
mcp_client_call_tool_finish (McpClient     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return client_request_finish (self, result, mcp_client_call_tool_full_async, error);
}

/* GObject ------------------------------------------------------------------ */

static void
mcp_client_dispose (GObject *object)
{
  McpClient *self = (McpClient *) object;

  drop_session (self);

  G_OBJECT_CLASS (mcp_client_parent_class)->dispose (object);
}

static void
mcp_client_finalize (GObject *object)
{
  McpClient *self = (McpClient *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->requested_version, g_free);
  g_clear_pointer (&self->protocol_version, g_free);
  g_clear_pointer (&self->server_info, json_node_unref);
  g_clear_pointer (&self->server_capabilities, json_node_unref);
  g_clear_pointer (&self->instructions, g_free);

  G_OBJECT_CLASS (mcp_client_parent_class)->finalize (object);
}

static void
mcp_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McpClient *self = MCP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_REQUESTED_PROTOCOL_VERSION:
      g_value_set_string (value, self->requested_version);
      break;
    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TRANSPORT:
      g_value_set_object (value, self->transport);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PROP_PROTOCOL_VERSION:
      g_value_set_string (value, self->protocol_version);
      break;
    case PROP_SERVER_INFO:
      g_value_set_boxed (value, self->server_info);
      break;
    case PROP_SERVER_CAPABILITIES:
      g_value_set_boxed (value, self->server_capabilities);
      break;
    case PROP_INSTRUCTIONS:
      g_value_set_string (value, self->instructions);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McpClient *self = MCP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_VERSION:
      self->version = g_value_dup_string (value);
      break;
    case PROP_REQUESTED_PROTOCOL_VERSION:
      mcp_client_set_requested_protocol_version (self, g_value_get_string (value));
      break;
    case PROP_REQUEST_TIMEOUT:
      mcp_client_set_request_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_client_class_init (McpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_client_dispose;
  object_class->finalize = mcp_client_finalize;
  object_class->get_property = mcp_client_get_property;
  object_class->set_property = mcp_client_set_property;

  /**
   * McpClient:name:
   *
   * The client's name, as `clientInfo.name`.
   *
   * Since: 0.1
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "mcp-glib-client",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:version:
   *
   * The client's version, as `clientInfo.version`.
   *
   * Since: 0.1
   */
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, "0",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:requested-protocol-version:
   *
   * The protocol version offered in `initialize`; the newest by default.
   *
   * Since: 0.1
   */
  properties[PROP_REQUESTED_PROTOCOL_VERSION] =
    g_param_spec_string ("requested-protocol-version", NULL, NULL,
                         MCP_PROTOCOL_VERSION_LATEST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:request-timeout:
   *
   * The default timeout of calls, in milliseconds; 0 waits forever.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL,
                       0, G_MAXUINT, MCP_SESSION_DEFAULT_REQUEST_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:session:
   *
   * The JSON-RPC session with the server, once connecting.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MCP_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:transport:
   *
   * The transport to the server, once connecting.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSPORT] =
    g_param_spec_object ("transport", NULL, NULL, MCP_TYPE_TRANSPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:connected:
   *
   * Whether the client is connected and initialized.
   *
   * Since: 0.1
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:protocol-version:
   *
   * The protocol version the server chose.
   *
   * Since: 0.1
   */
  properties[PROP_PROTOCOL_VERSION] =
    g_param_spec_string ("protocol-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:server-info:
   *
   * The server's `serverInfo` object (`name`, `version`, ...).
   *
   * Since: 0.1
   */
  properties[PROP_SERVER_INFO] =
    g_param_spec_boxed ("server-info", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:server-capabilities:
   *
   * The capabilities the server declared.
   *
   * Since: 0.1
   */
  properties[PROP_SERVER_CAPABILITIES] =
    g_param_spec_boxed ("server-capabilities", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:instructions:
   *
   * The server's instructions for the model, if it sent any.
   *
   * Since: 0.1
   */
  properties[PROP_INSTRUCTIONS] =
    g_param_spec_string ("instructions", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpClient::notification:
   * @self: the client
   * @method: the notification method
   * @params: (nullable): its params
   *
   * Emitted for every notification from the server, detailed by method.
   *
   * Since: 0.1
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpClient::log-message:
   * @self: the client
   * @level: the severity
   * @logger: (nullable): the logger name
   * @data: (nullable): the message
   *
   * Emitted for each `notifications/message` from the server.
   *
   * Since: 0.1
   */
  signals[LOG_MESSAGE] =
    g_signal_new ("log-message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  MCP_TYPE_LOGGING_LEVEL,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpClient::progress:
   * @self: the client
   * @token: the progress token of the request
   * @progress: the progress so far
   * @total: the total, or a negative number if unknown
   * @message: (nullable): a human-readable message
   *
   * Emitted for each `notifications/progress` from the server.
   *
   * Since: 0.1
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_DOUBLE,
                  G_TYPE_DOUBLE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpClient::tools-changed:
   * @self: the client
   *
   * Emitted when the server says its list of tools changed.
   *
   * Since: 0.1
   */
  signals[TOOLS_CHANGED] =
    g_signal_new ("tools-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpClient::resources-changed:
   * @self: the client
   *
   * Emitted when the server says its list of resources changed.
   *
   * Since: 0.1
   */
  signals[RESOURCES_CHANGED] =
    g_signal_new ("resources-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpClient::prompts-changed:
   * @self: the client
   *
   * Emitted when the server says its list of prompts changed.
   *
   * Since: 0.1
   */
  signals[PROMPTS_CHANGED] =
    g_signal_new ("prompts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpClient::resource-updated:
   * @self: the client
   * @uri: the URI of the resource
   *
   * Emitted when a resource the client subscribed to changed.
   *
   * Since: 0.1
   */
  signals[RESOURCE_UPDATED] =
    g_signal_new ("resource-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * McpClient::closed:
   * @self: the client
   *
   * Emitted when the connection to the server closes, after every pending
   * call has failed with %MCP_ERROR_CONNECTION_CLOSED.
   *
   * Since: 0.1
   */
  signals[CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * McpClient::reconnected:
   * @self: the client
   *
   * Emitted when a transport that reconnects by itself (such as an
   * #McpWebSocketTransport with reconnection enabled) is connected again
   * and the client has performed the `initialize` handshake anew, so calls
   * work again. #McpClient::closed was emitted when the connection was
   * lost. If the new handshake fails the client disconnects for good.
   *
   * Since: 0.1
   */
  signals[RECONNECTED] =
    g_signal_new ("reconnected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mcp_client_init (McpClient *self)
{
  self->requested_version = g_strdup (MCP_PROTOCOL_VERSION_LATEST);
  self->request_timeout = MCP_SESSION_DEFAULT_REQUEST_TIMEOUT;
}

/**
 * mcp_client_new:
 * @name: the client's name
 * @version: the client's version
 *
 * Creates a client.
 *
 * Returns: (transfer full): a new #McpClient
 *
 * Since: 0.1
 */
McpClient *
mcp_client_new (const char *name,
                const char *version)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);

  return g_object_new (MCP_TYPE_CLIENT, "name", name, "version", version, NULL);
}

/**
 * mcp_client_get_name:
 * @self: a #McpClient
 *
 * Returns: the client's name
 *
 * Since: 0.1
 */
const char *
mcp_client_get_name (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->name;
}

/**
 * mcp_client_get_version:
 * @self: a #McpClient
 *
 * Returns: the client's version
 *
 * Since: 0.1
 */
const char *
mcp_client_get_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->version;
}

/**
 * mcp_client_get_requested_protocol_version:
 * @self: a #McpClient
 *
 * Returns: the protocol version offered in `initialize`
 *
 * Since: 0.1
 */
const char *
mcp_client_get_requested_protocol_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->requested_version;
}

/**
 * mcp_client_set_requested_protocol_version:
 * @self: a #McpClient
 * @version: (nullable): a supported protocol version, or %NULL for the newest
 *
 * Sets the protocol version offered in `initialize`.
 *
 * Since: 0.1
 */
void
mcp_client_set_requested_protocol_version (McpClient  *self,
                                           const char *version)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (version == NULL || mcp_protocol_version_is_supported (version));

  if (version == NULL)
    version = MCP_PROTOCOL_VERSION_LATEST;

  if (g_strcmp0 (self->requested_version, version) == 0)
    return;

  g_free (self->requested_version);
  self->requested_version = g_strdup (version);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTED_PROTOCOL_VERSION]);
}

/**
 * mcp_client_get_request_timeout:
 * @self: a #McpClient
 *
 * Returns: the default call timeout in milliseconds
 *
 * Since: 0.1
 */
guint
mcp_client_get_request_timeout (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), 0);

  return self->request_timeout;
}

/**
 * mcp_client_set_request_timeout:
 * @self: a #McpClient
 * @timeout_ms: the default call timeout in milliseconds; 0 waits forever
 *
 * Sets #McpClient:request-timeout.
 *
 * Since: 0.1
 */
void
mcp_client_set_request_timeout (McpClient *self,
                                guint      timeout_ms)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (self->request_timeout == timeout_ms)
    return;

  self->request_timeout = timeout_ms;
  if (self->session != NULL)
    mcp_session_set_request_timeout (self->session, timeout_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TIMEOUT]);
}

/**
 * mcp_client_get_session:
 * @self: a #McpClient
 *
 * Returns: (transfer none) (nullable): the JSON-RPC session with the server
 *
 * Since: 0.1
 */
McpSession *
mcp_client_get_session (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->session;
}

/**
 * mcp_client_get_transport:
 * @self: a #McpClient
 *
 * Returns: (transfer none) (nullable): the transport to the server
 *
 * Since: 0.1
 */
McpTransport *
mcp_client_get_transport (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->transport;
}

/**
 * mcp_client_is_connected:
 * @self: a #McpClient
 *
 * Returns: whether the client is connected and initialized
 *
 * Since: 0.1
 */
gboolean
mcp_client_is_connected (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);

  return self->connected;
}

/**
 * mcp_client_get_protocol_version:
 * @self: a #McpClient
 *
 * Returns: (nullable): the negotiated protocol version
 *
 * Since: 0.1
 */
const char *
mcp_client_get_protocol_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->protocol_version;
}

/**
 * mcp_client_get_server_info:
 * @self: a #McpClient
 *
 * Returns: (transfer none) (nullable): the server's `serverInfo` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_client_get_server_info (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->server_info;
}

/**
 * mcp_client_get_server_name:
 * @self: a #McpClient
 *
 * Returns: (nullable): `serverInfo.name`
 *
 * Since: 0.1
 */
const char *
mcp_client_get_server_name (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  if (self->server_info == NULL)
    return NULL;

  return _mcp_json_object_get_string (json_node_get_object (self->server_info), "name");
}

/**
 * mcp_client_get_server_version:
 * @self: a #McpClient
 *
 * Returns: (nullable): `serverInfo.version`
 *
 * Since: 0.1
 */
const char *
mcp_client_get_server_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  if (self->server_info == NULL)
    return NULL;

  return _mcp_json_object_get_string (json_node_get_object (self->server_info), "version");
}

/**
 * mcp_client_get_server_capabilities:
 * @self: a #McpClient
 *
 * Returns: (transfer none) (nullable): the server's capabilities
 *
 * Since: 0.1
 */
JsonNode *
mcp_client_get_server_capabilities (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->server_capabilities;
}

/**
 * mcp_client_server_has_capability:
 * @self: a #McpClient
 * @capability: a capability name such as `tools`, `resources` or `logging`
 *
 * Returns: whether the server declared @capability
 *
 * Since: 0.1
 */
gboolean
mcp_client_server_has_capability (McpClient  *self,
                                  const char *capability)
{
  JsonNode *member;

  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (capability != NULL, FALSE);

  if (self->server_capabilities == NULL)
    return FALSE;

  member = json_object_get_member (json_node_get_object (self->server_capabilities), capability);
  return member != NULL && !JSON_NODE_HOLDS_NULL (member);
}

/**
 * mcp_client_get_instructions:
 * @self: a #McpClient
 *
 * Returns: (nullable): the server's instructions for the model
 *
 * Since: 0.1
 */
const char *
mcp_client_get_instructions (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->instructions;
}

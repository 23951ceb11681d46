/* mcp-server.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-util-private.h"
#include "mcp-message.h"
#include "mcp-server-private.h"
#include "mcp-server-transport.h"
#include "mcp-session.h"
#include "mcp-tool.h"
#include "mcp-tool-result.h"
#include "mcp-transport.h"

/**
 * McpServer:
 *
 * An MCP server: the registries of what it offers and the MCP methods that
 * serve them.
 *
 * Register tools with mcp_server_add_tool(), then give the server one or
 * more transports: mcp_server_add_transport() for a single peer such as
 * stdio, mcp_server_add_server_transport() for a listener that accepts many
 * (HTTP, WebSocket). Every peer gets its own #McpServerSession; a server can
 * serve any number of them over several transports at once, and nothing of
 * one session reaches another.
 *
 * The server answers `initialize` by negotiating the protocol version (the
 * client's, if supported, otherwise the newest one) and advertising
 * capabilities for what is registered; until then it serves nothing but
 * `ping`. Adding or removing a tool while clients are connected sends them
 * `notifications/tools/list_changed`.
 *
 * |[<!-- language="C" -->
 * static void
 * echo (McpServer *server, McpToolCall *call, gpointer user_data)
 * {
 *   mcp_tool_call_return_text (call, mcp_tool_call_get_string (call, "message", ""));
 * }
 *
 * g_autoptr(McpServer) server = mcp_server_new ("demo", "1.0");
 * g_autoptr(McpTool) tool = mcp_tool_new ("echo", "Repeats a message");
 * mcp_server_add_tool (server, tool, echo, NULL, NULL);
 * mcp_server_add_transport (server, MCP_TRANSPORT (mcp_stdio_transport_new ()));
 * ]|
 *
 * Since: 0.1
 */

typedef struct
{
  McpTool        *tool;
  McpToolHandler  handler;
  gpointer        user_data;
  GDestroyNotify  destroy;
} ToolEntry;

typedef struct
{
  McpServerTransport *listener;
  gulong              peer_handler;
} ListenerEntry;

struct _McpServer
{
  GObject     parent_instance;

  char       *name;
  char       *version;
  char       *title;
  char       *instructions;
  guint       page_size;

  GPtrArray  *tools;          /* ToolEntry, in registration order */
  GHashTable *tools_by_name;  /* name → ToolEntry (borrowed) */

  GPtrArray  *sessions;       /* McpServerSession */
  GPtrArray  *listeners;      /* ListenerEntry */

  guint       list_changed_id;
};

G_DEFINE_FINAL_TYPE (McpServer, mcp_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_VERSION,
  PROP_TITLE,
  PROP_INSTRUCTIONS,
  PROP_PAGE_SIZE,
  PROP_N_SESSIONS,
  N_PROPS
};

enum {
  SESSION_ADDED,
  SESSION_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
tool_entry_free (ToolEntry *entry)
{
  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
  g_clear_object (&entry->tool);
  g_free (entry);
}

static void
listener_entry_free (ListenerEntry *entry)
{
  g_clear_signal_handler (&entry->peer_handler, entry->listener);
  g_clear_object (&entry->listener);
  g_free (entry);
}

/* Cursors ------------------------------------------------------------------ */

/* Opaque to clients; a kind prefix keeps a tools cursor out of prompts/list. */
static char *
encode_cursor (const char *kind,
               guint       offset)
{
  g_autofree char *plain = g_strdup_printf ("%s:%u", kind, offset);

  return g_base64_encode ((const guchar *) plain, strlen (plain));
}

static gboolean
decode_cursor (JsonObject  *params,
               const char  *kind,
               guint       *offset,
               GError     **error)
{
  JsonNode *node = params != NULL ? json_object_get_member (params, "cursor") : NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gsize prefix = strlen (kind);
  guint64 value;
  char *end = NULL;

  *offset = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!_mcp_json_node_is_string (node))
    goto invalid;

  plain = g_base64_decode (json_node_get_string (node), &length);
  if (plain == NULL || length <= prefix + 1 || length > 64)
    goto invalid;

  text = g_strndup ((const char *) plain, length);
  if (strncmp (text, kind, prefix) != 0 || text[prefix] != ':')
    goto invalid;

  if (!g_ascii_isdigit (text[prefix + 1]))
    goto invalid;

  value = g_ascii_strtoull (text + prefix + 1, &end, 10);
  if (end == NULL || *end != '\0' || value > G_MAXUINT)
    goto invalid;

  *offset = (guint) value;
  return TRUE;

invalid:
  g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "Invalid cursor");
  return FALSE;
}

/* Capabilities ------------------------------------------------------------- */

/**
 * mcp_server_dup_capabilities:
 * @self: a #McpServer
 *
 * Builds the `capabilities` object the server advertises in `initialize`:
 * only what is registered, plus `logging`, which every mcp-glib server
 * supports.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_server_dup_capabilities (McpServer *self)
{
  JsonObject *capabilities;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  capabilities = json_object_new ();
  json_object_set_object_member (capabilities, "logging", json_object_new ());

  if (self->tools->len > 0)
    {
      JsonObject *tools = json_object_new ();

      json_object_set_boolean_member (tools, "listChanged", TRUE);
      json_object_set_object_member (capabilities, "tools", tools);
    }

  return _mcp_json_node_new_object (capabilities);
}

/* Methods ------------------------------------------------------------------ */

static JsonObject *
request_params (McpRequest *request)
{
  return json_node_get_object (mcp_request_get_params (request));
}

static void
handle_initialize (McpServer        *self,
                   McpServerSession *session,
                   McpRequest       *request)
{
  JsonObject *params = request_params (request);
  const char *requested;
  const char *version;
  JsonNode *capabilities;
  JsonNode *client_info;
  g_autoptr(JsonNode) result = NULL;
  JsonObject *object;
  JsonObject *server_info;

  if (mcp_server_session_is_initialized (session))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_REQUEST,
                                "The session is already initialized", NULL);
      return;
    }

  requested = _mcp_json_object_get_string (params, "protocolVersion");
  if (requested == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "initialize needs a protocolVersion string", NULL);
      return;
    }

  capabilities = json_object_get_member (params, "capabilities");
  if (capabilities != NULL && !JSON_NODE_HOLDS_OBJECT (capabilities))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "capabilities must be an object", NULL);
      return;
    }

  client_info = json_object_get_member (params, "clientInfo");
  if (client_info != NULL && !JSON_NODE_HOLDS_OBJECT (client_info))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "clientInfo must be an object", NULL);
      return;
    }

  version = mcp_protocol_negotiate_version (requested);
  _mcp_server_session_set_initialized (session, version, client_info, capabilities);

  object = json_object_new ();
  json_object_set_string_member (object, "protocolVersion", version);
  json_object_set_member (object, "capabilities", mcp_server_dup_capabilities (self));

  server_info = json_object_new ();
  json_object_set_string_member (server_info, "name", self->name);
  json_object_set_string_member (server_info, "version", self->version);
  if (self->title != NULL)
    json_object_set_string_member (server_info, "title", self->title);
  json_object_set_object_member (object, "serverInfo", server_info);

  if (self->instructions != NULL)
    json_object_set_string_member (object, "instructions", self->instructions);

  result = _mcp_json_node_new_object (object);
  mcp_request_return_result (request, result);
}

static void
handle_ping (McpServer        *self,
             McpServerSession *session,
             McpRequest       *request)
{
  mcp_request_return_result (request, NULL);
}

static void
handle_logging_set_level (McpServer        *self,
                          McpServerSession *session,
                          McpRequest       *request)
{
  const char *name = _mcp_json_object_get_string (request_params (request), "level");
  McpLoggingLevel level;

  if (!mcp_logging_level_from_string (name, &level))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "level must be one of debug, info, notice, warning, "
                                "error, critical, alert, emergency", NULL);
      return;
    }

  _mcp_server_session_set_logging_level (session, level);
  mcp_request_return_result (request, NULL);
}

static void
handle_tools_list (McpServer        *self,
                   McpServerSession *session,
                   McpRequest       *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  JsonObject *object;
  JsonArray *tools;
  guint offset;
  guint end;

  if (!decode_cursor (request_params (request), "tools", &offset, &error))
    {
      mcp_request_return_gerror (request, error);
      return;
    }

  if (offset > self->tools->len)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS, "Invalid cursor", NULL);
      return;
    }

  end = self->page_size == 0 ? self->tools->len : MIN (self->tools->len, offset + self->page_size);

  tools = json_array_sized_new (end - offset);
  for (guint i = offset; i < end; i++)
    {
      ToolEntry *entry = g_ptr_array_index (self->tools, i);

      json_array_add_element (tools, mcp_tool_to_json (entry->tool));
    }

  object = json_object_new ();
  json_object_set_array_member (object, "tools", tools);
  if (end < self->tools->len)
    {
      g_autofree char *cursor = encode_cursor ("tools", end);

      json_object_set_string_member (object, "nextCursor", cursor);
    }

  result = _mcp_json_node_new_object (object);
  mcp_request_return_result (request, result);
}

static void
handle_tools_call (McpServer        *self,
                   McpServerSession *session,
                   McpRequest       *request)
{
  JsonObject *params = request_params (request);
  JsonNode *name_node = json_object_get_member (params, "name");
  JsonNode *arguments = json_object_get_member (params, "arguments");
  g_autoptr(McpToolCall) call = NULL;
  ToolEntry *entry;

  if (!_mcp_json_node_is_string (name_node))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "tools/call needs a tool name string", NULL);
      return;
    }

  entry = g_hash_table_lookup (self->tools_by_name, json_node_get_string (name_node));
  if (entry == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Unknown tool: %s",
                                                  json_node_get_string (name_node));

      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS, message, NULL);
      return;
    }

  if (arguments != NULL && JSON_NODE_HOLDS_NULL (arguments))
    arguments = NULL;

  if (arguments != NULL && !JSON_NODE_HOLDS_OBJECT (arguments))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "Tool arguments must be an object", NULL);
      return;
    }

  call = _mcp_tool_call_new (self, session, request, entry->tool, arguments);
  entry->handler (self, call, entry->user_data);
}

typedef void (*MethodFunc) (McpServer        *self,
                            McpServerSession *session,
                            McpRequest       *request);

static const struct {
  const char *method;
  MethodFunc  func;
  gboolean    before_init;
} methods[] = {
  { "initialize", handle_initialize, TRUE },
  { "ping", handle_ping, TRUE },
  { "logging/setLevel", handle_logging_set_level, FALSE },
  { "tools/list", handle_tools_list, FALSE },
  { "tools/call", handle_tools_call, FALSE },
};

const char * const *
_mcp_server_get_methods (void)
{
  static const char *names[G_N_ELEMENTS (methods) + 1];

  if (names[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        names[i] = methods[i].method;
    }

  return names;
}

void
_mcp_server_dispatch (McpServer        *self,
                      McpServerSession *session,
                      McpRequest       *request)
{
  const char *method = mcp_request_get_method (request);
  g_autoptr(McpServer) hold = g_object_ref (self);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      if (strcmp (methods[i].method, method) != 0)
        continue;

      if (!methods[i].before_init && !mcp_server_session_is_initialized (session))
        {
          mcp_request_return_error (request, MCP_JSONRPC_INVALID_REQUEST,
                                    "The session is not initialized: send initialize first",
                                    NULL);
          return;
        }

      methods[i].func (self, session, request);
      return;
    }

  mcp_request_return_error (request, MCP_JSONRPC_METHOD_NOT_FOUND, "Method not found", NULL);
}

/* list_changed ------------------------------------------------------------- */

static gboolean
list_changed_idle (gpointer user_data)
{
  McpServer *self = user_data;
  g_autoptr(GPtrArray) sessions = mcp_server_get_sessions (self);

  self->list_changed_id = 0;

  for (guint i = 0; i < sessions->len; i++)
    {
      McpServerSession *session = g_ptr_array_index (sessions, i);
      McpListChanged changes = _mcp_server_session_take_list_changed (session);

      if (changes & MCP_LIST_CHANGED_TOOLS)
        mcp_server_session_notify (session, "notifications/tools/list_changed", NULL);
      if (changes & MCP_LIST_CHANGED_RESOURCES)
        mcp_server_session_notify (session, "notifications/resources/list_changed", NULL);
      if (changes & MCP_LIST_CHANGED_PROMPTS)
        mcp_server_session_notify (session, "notifications/prompts/list_changed", NULL);
    }

  return G_SOURCE_REMOVE;
}

/* Coalesced: registering fifty tools sends one notification per client, and
 * only to clients that were initialized when the list changed. */
static void
queue_list_changed (McpServer      *self,
                    McpListChanged  changes)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->sessions->len; i++)
    {
      McpServerSession *session = g_ptr_array_index (self->sessions, i);

      if (mcp_server_session_is_initialized (session))
        {
          _mcp_server_session_add_list_changed (session, changes);
          any = TRUE;
        }
    }

  if (!any || self->list_changed_id != 0)
    return;

  self->list_changed_id = g_idle_add_full (G_PRIORITY_DEFAULT, list_changed_idle, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->list_changed_id),
                            "[mcp] list_changed");
}

/* Sessions ----------------------------------------------------------------- */

void
_mcp_server_session_closed (McpServer        *self,
                            McpServerSession *session)
{
  g_autoptr(McpServerSession) hold = g_object_ref (session);

  if (!g_ptr_array_remove (self->sessions, session))
    return;

  _mcp_server_session_detach (session);
  g_signal_emit (self, signals[SESSION_REMOVED], 0, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SESSIONS]);
}

static void
transport_connected_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(McpServerSession) session = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_transport_connect_finish (MCP_TRANSPORT (object), result, &error))
    {
      g_debug ("Could not connect a server transport: %s", error->message);
      mcp_server_session_close (session);
    }
}

/**
 * mcp_server_add_transport:
 * @self: a #McpServer
 * @transport: a transport with one peer, such as an #McpStdioTransport
 *
 * Serves one client over @transport, connecting it if it is not connected.
 * The session ends when the transport disconnects.
 *
 * Returns: (transfer none): the client's session
 *
 * Since: 0.1
 */
McpServerSession *
mcp_server_add_transport (McpServer    *self,
                          McpTransport *transport)
{
  McpServerSession *session;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (MCP_IS_TRANSPORT (transport), NULL);

  session = _mcp_server_session_new (self, transport);
  g_ptr_array_add (self->sessions, session);
  g_signal_emit (self, signals[SESSION_ADDED], 0, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SESSIONS]);

  if (mcp_transport_get_state (transport) == MCP_TRANSPORT_STATE_DISCONNECTED)
    mcp_transport_connect_async (transport, NULL, transport_connected_cb,
                                 g_object_ref (session));

  return session;
}

static void
on_peer_connected (McpServerTransport *listener,
                   McpTransport       *peer,
                   McpServer          *self)
{
  mcp_server_add_transport (self, peer);
}

/**
 * mcp_server_add_server_transport:
 * @self: a #McpServer
 * @server_transport: a listener, such as an HTTP or WebSocket server transport
 *
 * Serves every peer @server_transport accepts, each in its own session.
 * Starting the listener is the caller's business
 * (mcp_server_transport_start_async()).
 *
 * Since: 0.1
 */
void
mcp_server_add_server_transport (McpServer          *self,
                                 McpServerTransport *server_transport)
{
  ListenerEntry *entry;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_SERVER_TRANSPORT (server_transport));

  entry = g_new0 (ListenerEntry, 1);
  entry->listener = g_object_ref (server_transport);
  entry->peer_handler = g_signal_connect (server_transport, "peer-connected",
                                          G_CALLBACK (on_peer_connected), self);
  g_ptr_array_add (self->listeners, entry);
}

/**
 * mcp_server_remove_server_transport:
 * @self: a #McpServer
 * @server_transport: a listener given to mcp_server_add_server_transport()
 *
 * Stops serving new peers of @server_transport; sessions already open go on.
 *
 * Since: 0.1
 */
void
mcp_server_remove_server_transport (McpServer          *self,
                                    McpServerTransport *server_transport)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  for (guint i = 0; i < self->listeners->len; i++)
    {
      ListenerEntry *entry = g_ptr_array_index (self->listeners, i);

      if (entry->listener == server_transport)
        {
          g_ptr_array_remove_index (self->listeners, i);
          return;
        }
    }
}

/**
 * mcp_server_get_sessions:
 * @self: a #McpServer
 *
 * Returns: (transfer container) (element-type McpServerSession): the open
 *   sessions
 *
 * Since: 0.1
 */
GPtrArray *
mcp_server_get_sessions (McpServer *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  copy = g_ptr_array_new_full (self->sessions->len, g_object_unref);
  for (guint i = 0; i < self->sessions->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->sessions, i)));

  return copy;
}

/**
 * mcp_server_get_n_sessions:
 * @self: a #McpServer
 *
 * Returns: the number of open sessions
 *
 * Since: 0.1
 */
guint
mcp_server_get_n_sessions (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->sessions->len;
}

/**
 * mcp_server_log:
 * @self: a #McpServer
 * @level: the severity
 * @logger: (nullable): the logger name
 * @data: (nullable): the message: any JSON value, usually a string
 *
 * Sends a log message to every initialized client whose logging level lets
 * it through.
 *
 * Since: 0.1
 */
void
mcp_server_log (McpServer       *self,
                McpLoggingLevel  level,
                const char      *logger,
                JsonNode        *data)
{
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_if_fail (MCP_IS_SERVER (self));

  sessions = mcp_server_get_sessions (self);
  for (guint i = 0; i < sessions->len; i++)
    mcp_server_session_log (g_ptr_array_index (sessions, i), level, logger, data);
}

/**
 * mcp_server_notify:
 * @self: a #McpServer
 * @method: the notification method
 * @params: (nullable): its params
 *
 * Sends a notification to every initialized client.
 *
 * Since: 0.1
 */
void
mcp_server_notify (McpServer  *self,
                   const char *method,
                   JsonNode   *params)
{
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (method != NULL);

  sessions = mcp_server_get_sessions (self);
  for (guint i = 0; i < sessions->len; i++)
    {
      McpServerSession *session = g_ptr_array_index (sessions, i);

      if (mcp_server_session_is_initialized (session))
        mcp_server_session_notify (session, method, params);
    }
}

/* Tools -------------------------------------------------------------------- */

/**
 * mcp_server_add_tool:
 * @self: a #McpServer
 * @tool: the tool's definition
 * @handler: (scope notified) (closure user_data) (destroy destroy): runs the tool
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the tool is removed
 *
 * Registers a tool, replacing any tool of the same name.
 *
 * Since: 0.1
 */
void
mcp_server_add_tool (McpServer      *self,
                     McpTool        *tool,
                     McpToolHandler  handler,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  ToolEntry *entry;
  ToolEntry *old;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_TOOL (tool));
  g_return_if_fail (handler != NULL);

  entry = g_new0 (ToolEntry, 1);
  entry->tool = g_object_ref (tool);
  entry->handler = handler;
  entry->user_data = user_data;
  entry->destroy = destroy;

  old = g_hash_table_lookup (self->tools_by_name, mcp_tool_get_name (tool));
  if (old != NULL)
    {
      guint index;

      g_ptr_array_find (self->tools, old, &index);
      g_hash_table_replace (self->tools_by_name, (char *) mcp_tool_get_name (tool), entry);
      g_ptr_array_index (self->tools, index) = entry;
      tool_entry_free (old);
    }
  else
    {
      g_ptr_array_add (self->tools, entry);
      g_hash_table_insert (self->tools_by_name, (char *) mcp_tool_get_name (tool), entry);
    }

  queue_list_changed (self, MCP_LIST_CHANGED_TOOLS);
}

/**
 * mcp_server_remove_tool:
 * @self: a #McpServer
 * @name: the tool's name
 *
 * Unregisters a tool. Calls already running finish normally.
 *
 * Returns: %TRUE if the tool existed
 *
 * Since: 0.1
 */
gboolean
mcp_server_remove_tool (McpServer  *self,
                        const char *name)
{
  ToolEntry *entry;

  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  entry = g_hash_table_lookup (self->tools_by_name, name);
  if (entry == NULL)
    return FALSE;

  g_hash_table_remove (self->tools_by_name, name);
  g_ptr_array_remove (self->tools, entry);
  queue_list_changed (self, MCP_LIST_CHANGED_TOOLS);

  return TRUE;
}

/**
 * mcp_server_lookup_tool:
 * @self: a #McpServer
 * @name: a tool name
 *
 * Returns: (transfer none) (nullable): the tool called @name
 *
 * Since: 0.1
 */
McpTool *
mcp_server_lookup_tool (McpServer  *self,
                        const char *name)
{
  ToolEntry *entry;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  entry = g_hash_table_lookup (self->tools_by_name, name);
  return entry != NULL ? entry->tool : NULL;
}

/**
 * mcp_server_list_tools:
 * @self: a #McpServer
 *
 * Returns: (transfer container) (element-type McpTool): the registered tools,
 *   in registration order
 *
 * Since: 0.1
 */
GPtrArray *
mcp_server_list_tools (McpServer *self)
{
  GPtrArray *tools;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  tools = g_ptr_array_new_full (self->tools->len, g_object_unref);
  for (guint i = 0; i < self->tools->len; i++)
    {
      ToolEntry *entry = g_ptr_array_index (self->tools, i);

      g_ptr_array_add (tools, g_object_ref (entry->tool));
    }

  return tools;
}

/* GObject ------------------------------------------------------------------ */

static void
mcp_server_dispose (GObject *object)
{
  McpServer *self = (McpServer *) object;

  g_clear_handle_id (&self->list_changed_id, g_source_remove);

  if (self->listeners != NULL)
    g_ptr_array_set_size (self->listeners, 0);

  /* Sessions may outlive us in their handlers' hands; they must not call
   * back into a finalized server. */
  if (self->sessions != NULL)
    {
      g_autoptr(GPtrArray) sessions = g_steal_pointer (&self->sessions);

      self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < sessions->len; i++)
        {
          McpServerSession *session = g_ptr_array_index (sessions, i);

          _mcp_server_session_detach (session);
          mcp_server_session_close (session);
        }
    }

  if (self->tools != NULL)
    {
      g_hash_table_remove_all (self->tools_by_name);
      g_ptr_array_set_size (self->tools, 0);
    }

  G_OBJECT_CLASS (mcp_server_parent_class)->dispose (object);
}

static void
mcp_server_finalize (GObject *object)
{
  McpServer *self = (McpServer *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->instructions, g_free);
  g_clear_pointer (&self->tools_by_name, g_hash_table_unref);
  g_clear_pointer (&self->tools, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->listeners, g_ptr_array_unref);

  G_OBJECT_CLASS (mcp_server_parent_class)->finalize (object);
}

static void
mcp_server_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McpServer *self = MCP_SERVER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_INSTRUCTIONS:
      g_value_set_string (value, self->instructions);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_N_SESSIONS:
      g_value_set_uint (value, self->sessions->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_server_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McpServer *self = MCP_SERVER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_VERSION:
      self->version = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      mcp_server_set_title (self, g_value_get_string (value));
      break;
    case PROP_INSTRUCTIONS:
      mcp_server_set_instructions (self, g_value_get_string (value));
      break;
    case PROP_PAGE_SIZE:
      mcp_server_set_page_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_server_class_init (McpServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_server_dispose;
  object_class->finalize = mcp_server_finalize;
  object_class->get_property = mcp_server_get_property;
  object_class->set_property = mcp_server_set_property;

  /**
   * McpServer:name:
   *
   * The server's name, as `serverInfo.name`.
   *
   * Since: 0.1
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "mcp-glib-server",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:version:
   *
   * The server's version, as `serverInfo.version`.
   *
   * Since: 0.1
   */
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, "0",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:title:
   *
   * A human-readable title, as `serverInfo.title`.
   *
   * Since: 0.1
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:instructions:
   *
   * Instructions for the model on how to use this server, sent in the
   * `initialize` result.
   *
   * Since: 0.1
   */
  properties[PROP_INSTRUCTIONS] =
    g_param_spec_string ("instructions", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:page-size:
   *
   * How many items each page of a list method holds; 0 puts everything on
   * one page.
   *
   * Since: 0.1
   */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 0, G_MAXUINT, MCP_SERVER_DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:n-sessions:
   *
   * The number of open sessions.
   *
   * Since: 0.1
   */
  properties[PROP_N_SESSIONS] =
    g_param_spec_uint ("n-sessions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpServer::session-added:
   * @self: the server
   * @session: the new session
   *
   * Emitted when a client connects.
   *
   * Since: 0.1
   */
  signals[SESSION_ADDED] =
    g_signal_new ("session-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MCP_TYPE_SERVER_SESSION);

  /**
   * McpServer::session-removed:
   * @self: the server
   * @session: the session that ended
   *
   * Emitted when a client's connection has closed.
   *
   * Since: 0.1
   */
  signals[SESSION_REMOVED] =
    g_signal_new ("session-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MCP_TYPE_SERVER_SESSION);
}

static void
mcp_server_init (McpServer *self)
{
  self->page_size = MCP_SERVER_DEFAULT_PAGE_SIZE;
  self->tools = g_ptr_array_new_with_free_func ((GDestroyNotify) tool_entry_free);
  self->tools_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  self->listeners = g_ptr_array_new_with_free_func ((GDestroyNotify) listener_entry_free);
}

/**
 * mcp_server_new:
 * @name: the server's name
 * @version: the server's version
 *
 * Creates a server with nothing registered.
 *
 * Returns: (transfer full): a new #McpServer
 *
 * Since: 0.1
 */
McpServer *
mcp_server_new (const char *name,
                const char *version)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);

  return g_object_new (MCP_TYPE_SERVER,
                       "name", name,
                       "version", version,
                       NULL);
}

/**
 * mcp_server_get_name:
 * @self: a #McpServer
 *
 * Returns: the server's name
 *
 * Since: 0.1
 */
const char *
mcp_server_get_name (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->name;
}

/**
 * mcp_server_get_version:
 * @self: a #McpServer
 *
 * Returns: the server's version
 *
 * Since: 0.1
 */
const char *
mcp_server_get_version (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->version;
}

/**
 * mcp_server_get_title:
 * @self: a #McpServer
 *
 * Returns: (nullable): the server's title
 *
 * Since: 0.1
 */
const char *
mcp_server_get_title (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->title;
}

/**
 * mcp_server_set_title:
 * @self: a #McpServer
 * @title: (nullable): a human-readable title
 *
 * Sets #McpServer:title.
 *
 * Since: 0.1
 */
void
mcp_server_set_title (McpServer  *self,
                      const char *title)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * mcp_server_get_instructions:
 * @self: a #McpServer
 *
 * Returns: (nullable): the instructions for the model
 *
 * Since: 0.1
 */
const char *
mcp_server_get_instructions (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->instructions;
}

/**
 * mcp_server_set_instructions:
 * @self: a #McpServer
 * @instructions: (nullable): instructions for the model
 *
 * Sets #McpServer:instructions.
 *
 * Since: 0.1
 */
void
mcp_server_set_instructions (McpServer  *self,
                             const char *instructions)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (g_strcmp0 (self->instructions, instructions) == 0)
    return;

  g_free (self->instructions);
  self->instructions = g_strdup (instructions);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUCTIONS]);
}

/**
 * mcp_server_get_page_size:
 * @self: a #McpServer
 *
 * Returns: the number of items per page of list results
 *
 * Since: 0.1
 */
guint
mcp_server_get_page_size (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->page_size;
}

/**
 * mcp_server_set_page_size:
 * @self: a #McpServer
 * @page_size: items per page; 0 for a single page
 *
 * Sets #McpServer:page-size.
 *
 * Since: 0.1
 */
void
mcp_server_set_page_size (McpServer *self,
                          guint      page_size)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->page_size == page_size)
    return;

  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

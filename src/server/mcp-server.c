/* mcp-server.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-completion-request.h"
#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-handler-request-private.h"
#include "mcp-http-private.h"
#include "mcp-http-server-peer-private.h"
#include "mcp-http-server-transport.h"
#include "mcp-stdio-transport.h"
#include "mcp-websocket-server-transport.h"
#include "mcp-websocket-transport.h"
#include "mcp-json-node-private.h"
#include "mcp-json-schema-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-message.h"
#include "mcp-envelope-private.h"
#include "mcp-metadata-private.h"
#include "mcp-request-private.h"
#include "mcp-request-state-private.h"
#include "mcp-subscriptions-private.h"
#include "mcp-prompt-request.h"
#include "mcp-prompt.h"
#include "mcp-resource-read.h"
#include "mcp-resource-template.h"
#include "mcp-resource.h"
#include "mcp-server-private.h"
#include "mcp-cache-hints-private.h"
#include "mcp-auth-private.h"
#include "mcp-required-permission-private.h"
#include "mcp-server-session.h"
#include "mcp-server-transport.h"
#include "mcp-server.h"
#include "mcp-session.h"
#include "mcp-tool-call.h"
#include "mcp-tool-result.h"
#include "mcp-transport-private.h"
#include "mcp-tool.h"
#include "mcp-transport.h"

/**
 * McpServer:
 *
 * An MCP server: the registries of what it offers and the MCP methods that
 * serve them.
 *
 * Register tools with mcp_server_add_tool(), resources with
 * mcp_server_add_resource() (or mcp_server_add_text_resource() for fixed
 * contents) and mcp_server_add_resource_template(), prompts with
 * mcp_server_add_prompt() and argument completion with
 * mcp_server_set_completion_handler(). Then give the server one or more
 * transports: mcp_server_add_transport() for a single peer such as stdio,
 * mcp_server_add_server_transport() for a listener that accepts many (HTTP,
 * WebSocket). Every peer gets its own #McpServerSession; a server can serve
 * any number of them over several transports at once, and nothing of one
 * session — its logging level, its subscriptions, its calls — reaches
 * another.
 *
 * Every handler receives a request object (#McpToolCall, #McpResourceRead,
 * #McpPromptRequest, #McpCompletionRequest) and completes it now or later
 * from the main loop, like a #GDBusMethodInvocation. A tool's arguments are
 * checked against its input schema before its handler runs; arguments that
 * do not fit come back to the model as a tool error naming the field.
 *
 * The server answers `initialize` by negotiating the protocol version (the
 * client's, if supported, otherwise the newest one) and advertising
 * capabilities for what is registered — plus whatever
 * mcp_server_set_declared_capabilities() adds, for a server that registers
 * things later; until then it serves nothing but `ping`. Adding or removing
 * a tool, resource or prompt while clients are connected sends
 * `notifications/tools/list_changed` (and friends) to every client that was
 * told about that capability; a burst of changes makes one notification.
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

static const struct {
  McpListChanged         change;
  const char            *method;
  McpServerCapabilities  capability;
} list_changed[] = {
  { MCP_LIST_CHANGED_TOOLS, "notifications/tools/list_changed", MCP_SERVER_CAPABILITIES_TOOLS },
  { MCP_LIST_CHANGED_RESOURCES, "notifications/resources/list_changed",
    MCP_SERVER_CAPABILITIES_RESOURCES },
  { MCP_LIST_CHANGED_PROMPTS, "notifications/prompts/list_changed", MCP_SERVER_CAPABILITIES_PROMPTS },
};

/* What every registry entry starts with. */
typedef struct
{
  GObject        *object;
  gpointer        handler;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Entry;

typedef struct
{
  Entry          base;
  McpJsonSchema *input_schema;   /* compiled once, at registration */
  McpJsonSchema *output_schema;  /* likewise */
  gulong         schema_handler;
  gulong         output_schema_handler;
  McpToolCache  *cache;          /* nullable: mcp_server_set_tool_cache() */
} ToolEntry;

typedef struct
{
  Entry   base;
  char   *text;                  /* fixed contents, when there is no handler */
  GBytes *blob;
} ResourceEntry;

/* Registration order for listing, and a name (or URI) index. */
typedef struct
{
  GPtrArray      *entries;
  GHashTable     *by_key;        /* key (owned by the entry's object) → Entry */
  GDestroyNotify  free_func;
} Registry;

typedef struct
{
  McpServerTransport *listener;
  gulong              peer_handler;
} ListenerEntry;

struct _McpServer
{
  GObject                parent_instance;

  McpMetadata            metadata;   /* the serverInfo */
  char                  *instructions;
  guint                  page_size;
  guint                  max_requests_in_flight;
  guint                  schema_evaluation_budget;
  McpServerCapabilities  declared;

  Registry               tools;
  Registry               resources;
  Registry               templates;
  Registry               prompts;

  Entry                  completion;   /* no object; an McpCompletionHandler */

  GPtrArray             *sessions;   /* McpServerSession */
  GPtrArray             *listeners;  /* ListenerEntry */

  guint                  list_changed_id;

  McpRequestStateKey    *state_key;  /* seals the requestState of input rounds */
  guint                  request_state_lifetime;  /* seconds */
  guint                  cache_ttl;               /* ms, of cacheable modern results */
  McpSubscriptions      *subscriptions;        /* subscriptions/listen */
  McpListChanged         subscription_changes; /* owed to them */

  guint                  request_timeout;  /* ms; 0: none */
  McpServerMetrics      *metrics;          /* NULL: off */
  gboolean               access_log;
  GPtrArray             *middlewares;   /* Middleware, in the order added */
  guint                  last_middleware_id;
};

/* Shared by reference: one may be removed while it runs. */
typedef struct
{
  guint             id;
  McpMiddlewareFunc func;
  gpointer          user_data;
  GDestroyNotify    destroy;
} Middleware;

static void
middleware_clear (gpointer data)
{
  Middleware *middleware = data;

  if (middleware->destroy != NULL)
    middleware->destroy (middleware->user_data);
}

static void
middleware_unref (gpointer data)
{
  g_rc_box_release_full (data, middleware_clear);
}

G_DEFINE_FINAL_TYPE (McpServer, mcp_server, G_TYPE_OBJECT)

/* The public default is the validator's own. */
G_STATIC_ASSERT (MCP_SERVER_DEFAULT_SCHEMA_EVALUATION_BUDGET == _MCP_JSON_SCHEMA_DEFAULT_BUDGET);

#define SERVER_INFO (MCP_METADATA_NAME | MCP_METADATA_VERSION | MCP_METADATA_TITLE | \
                     MCP_METADATA_DESCRIPTION | MCP_METADATA_WEBSITE_URL | MCP_METADATA_ICONS)

enum {
  PROP_INSTRUCTIONS = MCP_METADATA_N_PROPS,
  PROP_PAGE_SIZE,
  PROP_MAX_REQUESTS_IN_FLIGHT,
  PROP_REQUEST_STATE_LIFETIME,
  PROP_CACHE_TTL,
  PROP_MAX_SUBSCRIPTIONS,
  PROP_SCHEMA_EVALUATION_BUDGET,
  PROP_DECLARED_CAPABILITIES,
  PROP_N_SESSIONS,
  PROP_REQUEST_TIMEOUT,
  PROP_METRICS_ENABLED,
  PROP_ACCESS_LOG,
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
entry_init (Entry          *entry,
            gpointer        object,
            gpointer        handler,
            gpointer        user_data,
            GDestroyNotify  destroy)
{
  entry->object = object != NULL ? g_object_ref (G_OBJECT (object)) : NULL;
  entry->handler = handler;
  entry->user_data = user_data;
  entry->destroy = destroy;
}

static void
entry_clear (Entry *entry)
{
  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
  entry->destroy = NULL;
  g_clear_object (&entry->object);
}

static void
tool_entry_free (gpointer data)
{
  ToolEntry *entry = data;

  g_clear_signal_handler (&entry->schema_handler, entry->base.object);
  g_clear_signal_handler (&entry->output_schema_handler, entry->base.object);
  g_clear_pointer (&entry->input_schema, _mcp_json_schema_unref);
  g_clear_pointer (&entry->output_schema, _mcp_json_schema_unref);
  g_clear_pointer (&entry->cache, _mcp_tool_cache_free);
  entry_clear (&entry->base);
  g_free (entry);
}

static void
resource_entry_free (gpointer data)
{
  ResourceEntry *entry = data;

  g_clear_pointer (&entry->text, g_free);
  g_clear_pointer (&entry->blob, g_bytes_unref);
  entry_clear (&entry->base);
  g_free (entry);
}

static void
entry_free (gpointer data)
{
  entry_clear (data);
  g_free (data);
}

static void
listener_entry_free (ListenerEntry *entry)
{
  if (MCP_IS_HTTP_SERVER_TRANSPORT (entry->listener))
    _mcp_http_server_transport_set_tool_schema_func (MCP_HTTP_SERVER_TRANSPORT (entry->listener),
                                                     NULL, NULL);
  g_clear_signal_handler (&entry->peer_handler, entry->listener);
  g_clear_object (&entry->listener);
  g_free (entry);
}

static void
registry_init (Registry       *registry,
               GDestroyNotify  free_func)
{
  registry->entries = g_ptr_array_new_with_free_func (free_func);
  registry->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  registry->free_func = free_func;
}

static void
registry_clear (Registry *registry)
{
  if (registry->by_key != NULL)
    g_hash_table_remove_all (registry->by_key);
  if (registry->entries != NULL)
    g_ptr_array_set_size (registry->entries, 0);
}

static void
registry_destroy (Registry *registry)
{
  g_clear_pointer (&registry->by_key, g_hash_table_unref);
  g_clear_pointer (&registry->entries, g_ptr_array_unref);
}

static gpointer
registry_lookup (Registry   *registry,
                 const char *key)
{
  return g_hash_table_lookup (registry->by_key, key);
}

/* Adds @entry under @key (a string its object owns), replacing, in place, an
 * entry of the same key. */
static void
registry_add (Registry   *registry,
              const char *key,
              Entry      *entry)
{
  Entry *old = g_hash_table_lookup (registry->by_key, key);

  if (old != NULL)
    {
      guint index;

      g_ptr_array_find (registry->entries, old, &index);
      g_hash_table_replace (registry->by_key, (char *) key, entry);
      g_ptr_array_index (registry->entries, index) = entry;
      registry->free_func (old);
    }
  else
    {
      g_ptr_array_add (registry->entries, entry);
      g_hash_table_insert (registry->by_key, (char *) key, entry);
    }
}

static gboolean
registry_remove (Registry   *registry,
                 const char *key)
{
  Entry *entry = g_hash_table_lookup (registry->by_key, key);

  if (entry == NULL)
    return FALSE;

  g_hash_table_remove (registry->by_key, key);
  g_ptr_array_remove (registry->entries, entry);
  return TRUE;
}

static GPtrArray *
registry_list (Registry *registry)
{
  GPtrArray *objects = g_ptr_array_new_full (registry->entries->len, g_object_unref);

  for (guint i = 0; i < registry->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (registry->entries, i);

      g_ptr_array_add (objects, g_object_ref (entry->object));
    }

  return objects;
}

static void queue_list_changed (McpServer      *self,
                                McpListChanged  change);

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
 * mcp_server_get_capabilities:
 * @self: a #McpServer
 *
 * Gets the server features advertised to clients that initialize now:
 * those with something registered, and those declared with
 * mcp_server_set_declared_capabilities().
 *
 * Returns: the advertised features
 *
 * Since: 0.1
 */
McpServerCapabilities
mcp_server_get_capabilities (McpServer *self)
{
  McpServerCapabilities capabilities;

  g_return_val_if_fail (MCP_IS_SERVER (self), MCP_SERVER_CAPABILITIES_NONE);

  capabilities = self->declared;
  if (self->tools.entries->len > 0)
    capabilities |= MCP_SERVER_CAPABILITIES_TOOLS;
  if (self->resources.entries->len > 0 || self->templates.entries->len > 0)
    capabilities |= MCP_SERVER_CAPABILITIES_RESOURCES;
  if (self->prompts.entries->len > 0)
    capabilities |= MCP_SERVER_CAPABILITIES_PROMPTS;
  if (self->completion.handler != NULL)
    capabilities |= MCP_SERVER_CAPABILITIES_COMPLETIONS;

  return capabilities;
}

static JsonNode *
capabilities_to_json (McpServerCapabilities capabilities)
{
  JsonObject *object = json_object_new ();

  json_object_set_object_member (object, "logging", json_object_new ());

  if (capabilities & MCP_SERVER_CAPABILITIES_TOOLS)
    {
      JsonObject *tools = json_object_new ();

      json_object_set_boolean_member (tools, "listChanged", TRUE);
      json_object_set_object_member (object, "tools", tools);
    }

  if (capabilities & MCP_SERVER_CAPABILITIES_RESOURCES)
    {
      JsonObject *resources = json_object_new ();

      json_object_set_boolean_member (resources, "subscribe", TRUE);
      json_object_set_boolean_member (resources, "listChanged", TRUE);
      json_object_set_object_member (object, "resources", resources);
    }

  if (capabilities & MCP_SERVER_CAPABILITIES_PROMPTS)
    {
      JsonObject *prompts = json_object_new ();

      json_object_set_boolean_member (prompts, "listChanged", TRUE);
      json_object_set_object_member (object, "prompts", prompts);
    }

  if (capabilities & MCP_SERVER_CAPABILITIES_COMPLETIONS)
    json_object_set_object_member (object, "completions", json_object_new ());

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_server_dup_capabilities:
 * @self: a #McpServer
 *
 * Builds the `capabilities` object the server advertises in `initialize`:
 * `logging`, which every mcp-glib server supports, and the features of
 * mcp_server_get_capabilities(), each with `listChanged` (and resources with
 * `subscribe`).
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_server_dup_capabilities (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return capabilities_to_json (mcp_server_get_capabilities (self));
}

/* Methods ------------------------------------------------------------------ */

static JsonObject *
request_params (McpRequest *request)
{
  return json_node_get_object (mcp_request_get_params (request));
}

static void
return_invalid_params (McpRequest *request,
                       const char *format,
                       ...) G_GNUC_PRINTF (2, 3);

static void
return_invalid_params (McpRequest *request,
                       const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS, message, NULL);
}

void
_mcp_server_return_resource_not_found (McpRequest *request,
                                       const char *uri)
{
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *message = g_strdup_printf ("Resource not found: %s", uri);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "uri", uri);
  data = _mcp_json_node_new_object (object);
  /* 2026-07-28 renumbered it: -32002 belongs to the handshake era. */
  mcp_request_return_error (request,
                            _mcp_request_get_envelope (request) != NULL
                            ? MCP_JSONRPC_INVALID_PARAMS : MCP_JSONRPC_RESOURCE_NOT_FOUND,
                            message, data);
}

static JsonObject *
server_info_to_json (McpServer *self)
{
  JsonObject *server_info = json_object_new ();

  _mcp_metadata_to_json (&self->metadata, server_info);
  return server_info;
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
  McpServerCapabilities advertised;
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
  advertised = mcp_server_get_capabilities (self);
  _mcp_server_session_set_advertised (session, advertised);
  _mcp_server_session_set_initialized (session, version, client_info, capabilities);

  object = json_object_new ();
  json_object_set_string_member (object, "protocolVersion", version);
  json_object_set_member (object, "capabilities", capabilities_to_json (advertised));

  server_info = server_info_to_json (self);
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

typedef JsonNode *(*EntryToJson) (Entry *entry);

/* Refuses @request when @session's identity lacks the permission @feature
 * needs; returns whether it may go on. */
static gboolean
check_permission (McpServerSession *session,
                  McpRequest       *request,
                  const char       *kind,
                  const char       *name,
                  GObject          *feature)
{
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;
  McpAuthInfo *info;

  if (_mcp_server_session_permits (session, feature))
    return TRUE;

  info = mcp_server_session_get_auth_info (session);
  message = g_strdup_printf ("Forbidden: %s %s requires the permission \"%s\", which %s does not "
                             "have", kind, name, _mcp_required_permission_get (feature),
                             info != NULL ? mcp_auth_info_get_principal (info)
                                          : "an unauthenticated caller");
  object = json_object_new ();
  json_object_set_string_member (object, "requiredPermission",
                                 _mcp_required_permission_get (feature));
  data = _mcp_json_node_new_object (object);
  mcp_request_return_error (request, MCP_AUTH_FORBIDDEN_CODE, message, data);
  return FALSE;
}

/* Answers a list method with one page of the entries of @registry that
 * @session may see, as @member. */
static void
return_page (McpServer        *self,
             McpServerSession *session,
             McpRequest       *request,
             const char       *kind,
             const char       *member,
             Registry         *registry,
             EntryToJson       to_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_sized_new (registry->entries->len);
  JsonObject *object;
  JsonArray *items;
  guint offset;
  guint end;

  if (!decode_cursor (request_params (request), kind, &offset, &error))
    {
      mcp_request_return_gerror (request, error);
      return;
    }

  for (guint i = 0; i < registry->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (registry->entries, i);

      if (_mcp_server_session_permits (session, entry->object))
        g_ptr_array_add (entries, entry);
    }

  if (offset > entries->len)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS, "Invalid cursor", NULL);
      return;
    }

  end = self->page_size == 0 ? entries->len : MIN (entries->len, offset + self->page_size);

  items = json_array_sized_new (end - offset);
  for (guint i = offset; i < end; i++)
    json_array_add_element (items, to_json (g_ptr_array_index (entries, i)));

  object = json_object_new ();
  json_object_set_array_member (object, member, items);
  if (end < entries->len)
    {
      g_autofree char *cursor = encode_cursor (kind, end);

      json_object_set_string_member (object, "nextCursor", cursor);
    }

  result = _mcp_json_node_new_object (object);
  mcp_request_return_result (request, result);
}

static JsonNode *
tool_entry_to_json (Entry *entry)
{
  return mcp_tool_to_json (MCP_TOOL (entry->object));
}

static void
handle_tools_list (McpServer        *self,
                   McpServerSession *session,
                   McpRequest       *request)
{
  return_page (self, session, request, "tools", "tools", &self->tools, tool_entry_to_json);
}

typedef struct
{
  McpJsonSchema *schema;
  char          *tool;
  guint          budget;
} OutputCheck;

static void
output_check_free (gpointer data,
                   GClosure *closure)
{
  OutputCheck *check = data;

  _mcp_json_schema_unref (check->schema);
  g_free (check->tool);
  g_free (check);
}

/* A tool with an output schema: the structuredContent of its successful
 * results must fit it. One that does not becomes a tool error, in place,
 * so that the client never gets invalid output. */
static void
check_structured_output (McpRequest *request,
                         JsonNode   *reply,
                         gpointer    user_data)
{
  OutputCheck *check = user_data;
  JsonObject *result = _mcp_json_object_get_object (json_node_get_object (reply), "result");
  JsonNode *is_error;
  JsonNode *structured;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean out_of_budget = FALSE;
  JsonArray *content;
  JsonObject *item;

  if (result == NULL)
    return;
  is_error = json_object_get_member (result, "isError");
  if (is_error != NULL && _mcp_json_node_is_boolean (is_error) && json_node_get_boolean (is_error))
    return;
  /* A result of the 2026-07-28 era that asks for input is not the tool's output yet. */
  if (g_strcmp0 (_mcp_envelope_result_type (result), MCP_RESULT_TYPE_COMPLETE) != 0)
    return;

  structured = json_object_get_member (result, "structuredContent");
  if (structured == NULL)
    text = g_strdup_printf ("Tool %s has an output schema but returned no structured content",
                            check->tool);
  else if (!_mcp_json_schema_validate_with_budget (check->schema, structured, check->budget,
                                                   &out_of_budget, &error))
    text = g_strdup_printf ("Tool %s returned structured content that does not match its output "
                            "schema: %s", check->tool, error->message);
  else
    return;

  g_debug ("%s", text);
  json_object_remove_member (result, "structuredContent");
  content = json_array_new ();
  item = json_object_new ();
  json_object_set_string_member (item, "type", "text");
  json_object_set_string_member (item, "text", text);
  json_array_add_object_element (content, item);
  json_object_set_array_member (result, "content", content);
  json_object_set_boolean_member (result, "isError", TRUE);
}

typedef struct
{
  McpToolCache *cache;   /* borrowed: the entry outlives the call or drops it */
  char         *key;
  McpServer    *server;  /* weak: to find the entry again */
  char         *tool;
} CacheStore;

static void
cache_store_free (gpointer  data,
                  GClosure *closure)
{
  CacheStore *store = data;

  g_clear_weak_pointer (&store->server);
  g_free (store->key);
  g_free (store->tool);
  g_free (store);
}

/* A successful result is kept, if the tool (and its cache) is still the
 * one that ran: a tool replaced meanwhile has a new cache. */
static void
cache_result (McpRequest *request,
              JsonNode   *reply,
              gpointer    user_data)
{
  CacheStore *store = user_data;
  JsonObject *result = _mcp_json_object_get_object (json_node_get_object (reply), "result");
  JsonNode *is_error = result != NULL ? json_object_get_member (result, "isError") : NULL;
  ToolEntry *entry;

  if (result == NULL || store->server == NULL ||
      (is_error != NULL && _mcp_json_node_is_boolean (is_error) && json_node_get_boolean (is_error)) ||
      g_strcmp0 (_mcp_envelope_result_type (result), MCP_RESULT_TYPE_COMPLETE) != 0)
    return;

  entry = registry_lookup (&store->server->tools, store->tool);
  if (entry == NULL || entry->cache != store->cache)
    return;

  {
    g_autoptr(JsonNode) kept = _mcp_json_node_new_object (json_object_new ());
    JsonObject *object = json_node_get_object (kept);
    GList *members = json_object_get_members (result);

    /* The result without the envelope's stamps, which each answer gets anew. */
    for (GList *l = members; l != NULL; l = l->next)
      if (strcmp (l->data, "_meta") != 0 && strcmp (l->data, "resultType") != 0)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (result, l->data)));
    g_list_free (members);
    _mcp_tool_cache_store (store->cache, store->key, kept);
  }
}

/* Answers from the tool's cache; or, on a miss, has the result kept.
 * TRUE when the request was answered. */
static gboolean
serve_from_cache (McpServer        *self,
                  McpServerSession *session,
                  McpRequest       *request,
                  ToolEntry        *entry,
                  const char       *tool,
                  JsonNode         *arguments)
{
  g_autofree char *key = _mcp_tool_cache_key (entry->cache, self, tool, arguments,
                                              mcp_server_session_get_auth_info (session));
  g_autoptr(JsonNode) cached = NULL;
  CacheStore *store;

  if (key == NULL)
    return FALSE;

  cached = _mcp_tool_cache_lookup (entry->cache, key);
  if (self->metrics != NULL)
    _mcp_server_metrics_cache (self->metrics, tool, cached != NULL);
  if (cached != NULL)
    {
      g_debug ("Tool %s answered from its cache", tool);
      mcp_request_return_result (request, cached);
      return TRUE;
    }

  store = g_new0 (CacheStore, 1);
  store->cache = entry->cache;
  store->key = g_steal_pointer (&key);
  store->tool = g_strdup (tool);
  g_set_weak_pointer (&store->server, self);
  g_signal_connect_data (request, "replying", G_CALLBACK (cache_result), store, cache_store_free, 0);
  return FALSE;
}

static void
handle_tools_call (McpServer        *self,
                   McpServerSession *session,
                   McpRequest       *request)
{
  McpHandlerRequest origin = { self, session, request, NULL };
  JsonObject *params = request_params (request);
  JsonNode *name_node = json_object_get_member (params, "name");
  JsonNode *arguments = json_object_get_member (params, "arguments");
  g_autoptr(McpToolCall) call = NULL;
  g_autoptr(GError) error = NULL;
  gboolean out_of_budget = FALSE;
  ToolEntry *entry;

  if (!_mcp_json_node_is_string (name_node))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "tools/call needs a tool name string", NULL);
      return;
    }

  entry = registry_lookup (&self->tools, json_node_get_string (name_node));
  if (entry == NULL)
    {
      return_invalid_params (request, "Unknown tool: %s", json_node_get_string (name_node));
      return;
    }

  if (!check_permission (session, request, "tool", json_node_get_string (name_node),
                         entry->base.object))
    return;

  if (arguments != NULL && JSON_NODE_HOLDS_NULL (arguments))
    arguments = NULL;

  if (arguments != NULL && !JSON_NODE_HOLDS_OBJECT (arguments))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "Tool arguments must be an object", NULL);
      return;
    }

  origin.arguments = arguments;
  call = _mcp_tool_call_new (&origin, MCP_TOOL (entry->base.object));

  /* Arguments the model got wrong are the model's to fix: a tool error that
   * names the field (SEP-1303), not a protocol error. A schema too costly to
   * check them against is the server's fault: a protocol error. */
  if (entry->input_schema != NULL &&
      !_mcp_json_schema_validate_with_budget (entry->input_schema,
                                              mcp_tool_call_get_arguments (call),
                                              self->schema_evaluation_budget,
                                              &out_of_budget, &error))
    {
      g_autofree char *message = NULL;

      if (out_of_budget)
        {
          message = g_strdup_printf ("Cannot check the arguments of tool %s: %s",
                                     json_node_get_string (name_node), error->message);
          mcp_request_return_error (request, MCP_JSONRPC_INTERNAL_ERROR, message, NULL);
          return;
        }

      message = g_strdup_printf ("Invalid arguments for tool %s: %s",
                                 json_node_get_string (name_node), error->message);
      mcp_tool_call_return_error (call, message);
      return;
    }

  if (entry->cache != NULL &&
      serve_from_cache (self, session, request, entry, json_node_get_string (name_node),
                        mcp_tool_call_get_arguments (call)))
    return;

  if (entry->output_schema != NULL)
    {
      OutputCheck *check = g_new0 (OutputCheck, 1);

      check->schema = _mcp_json_schema_ref (entry->output_schema);
      check->tool = g_strdup (json_node_get_string (name_node));
      check->budget = self->schema_evaluation_budget;
      g_signal_connect_data (request, "replying", G_CALLBACK (check_structured_output), check,
                             output_check_free, 0);
    }

  ((McpToolHandler) entry->base.handler) (self, call, entry->base.user_data);
}

/* Resources ---------------------------------------------------------------- */

static JsonNode *
resource_entry_to_json (Entry *entry)
{
  return mcp_resource_to_json (MCP_RESOURCE (entry->object));
}

static JsonNode *
template_entry_to_json (Entry *entry)
{
  return mcp_resource_template_to_json (MCP_RESOURCE_TEMPLATE (entry->object));
}

static void
handle_resources_list (McpServer        *self,
                       McpServerSession *session,
                       McpRequest       *request)
{
  return_page (self, session, request, "resources", "resources", &self->resources,
               resource_entry_to_json);
}

static void
handle_resources_templates_list (McpServer        *self,
                                 McpServerSession *session,
                                 McpRequest       *request)
{
  return_page (self, session, request, "templates", "resourceTemplates", &self->templates,
               template_entry_to_json);
}

static const char *
request_uri (McpRequest *request)
{
  const char *uri = _mcp_json_object_get_string (request_params (request), "uri");

  if (uri == NULL)
    mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                              "The request needs a uri string", NULL);

  return uri;
}

/* The first template, in registration order, that matches @uri. */
static Entry *
find_template (McpServer   *self,
               const char  *uri,
               GHashTable **variables)
{
  for (guint i = 0; i < self->templates.entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->templates.entries, i);

      if (mcp_resource_template_match (MCP_RESOURCE_TEMPLATE (entry->object), uri, variables))
        return entry;
    }

  return NULL;
}

/* A resource's or template's own cache hints, over the server's. */
static void
apply_cache_hints (McpServer  *self,
                   McpRequest *request,
                   GObject    *item)
{
  gint64 ttl_ms;
  McpCacheScope scope;

  if (_mcp_cache_hints_get (item, &ttl_ms, &scope))
    _mcp_request_set_cache_hints (request, ttl_ms >= 0 ? ttl_ms : (gint64) self->cache_ttl,
                                  _mcp_cache_scope_to_string (scope));
}

static void
handle_resources_read (McpServer        *self,
                       McpServerSession *session,
                       McpRequest       *request)
{
  McpHandlerRequest origin = { self, session, request, NULL };
  g_autoptr(McpResourceRead) read = NULL;
  g_autoptr(GHashTable) variables = NULL;
  const char *uri = request_uri (request);
  ResourceEntry *resource;
  Entry *template;

  if (uri == NULL)
    return;

  resource = registry_lookup (&self->resources, uri);
  if (resource != NULL)
    {
      if (!check_permission (session, request, "resource", uri, resource->base.object))
        return;

      apply_cache_hints (self, request, resource->base.object);
      read = _mcp_resource_read_new (&origin, uri,
                                     MCP_RESOURCE (resource->base.object), NULL, NULL);

      if (resource->base.handler != NULL)
        ((McpResourceHandler) resource->base.handler) (self, read, resource->base.user_data);
      else if (resource->text != NULL)
        mcp_resource_read_return_text (read, NULL, resource->text);
      else
        mcp_resource_read_return_blob (read, NULL, resource->blob);
      return;
    }

  template = find_template (self, uri, &variables);
  if (template != NULL)
    {
      if (!check_permission (session, request, "resource", uri, template->object))
        return;

      apply_cache_hints (self, request, template->object);
      read = _mcp_resource_read_new (&origin, uri, NULL,
                                     MCP_RESOURCE_TEMPLATE (template->object), variables);
      ((McpResourceHandler) template->handler) (self, read, template->user_data);
      return;
    }

  _mcp_server_return_resource_not_found (request, uri);
}

static void
handle_resources_subscribe (McpServer        *self,
                            McpServerSession *session,
                            McpRequest       *request)
{
  const char *uri = request_uri (request);

  if (uri == NULL)
    return;

  {
    Entry *resource = registry_lookup (&self->resources, uri);
    Entry *template = resource == NULL ? find_template (self, uri, NULL) : NULL;

    if (resource == NULL && template == NULL)
      {
        _mcp_server_return_resource_not_found (request, uri);
        return;
      }

    if (!check_permission (session, request, "resource", uri,
                           resource != NULL ? resource->object : template->object))
      return;
  }

  _mcp_server_session_subscribe (session, uri);
  mcp_request_return_result (request, NULL);
}

static void
handle_resources_unsubscribe (McpServer        *self,
                              McpServerSession *session,
                              McpRequest       *request)
{
  const char *uri = request_uri (request);

  if (uri == NULL)
    return;

  /* Unsubscribing from what one never subscribed to is harmless. */
  _mcp_server_session_unsubscribe (session, uri);
  mcp_request_return_result (request, NULL);
}

/* Prompts ------------------------------------------------------------------ */

static JsonNode *
prompt_entry_to_json (Entry *entry)
{
  return mcp_prompt_to_json (MCP_PROMPT (entry->object));
}

static void
handle_prompts_list (McpServer        *self,
                     McpServerSession *session,
                     McpRequest       *request)
{
  return_page (self, session, request, "prompts", "prompts", &self->prompts, prompt_entry_to_json);
}

static void
handle_prompts_get (McpServer        *self,
                    McpServerSession *session,
                    McpRequest       *request)
{
  McpHandlerRequest origin = { self, session, request, NULL };
  JsonObject *params = request_params (request);
  const char *name = _mcp_json_object_get_string (params, "name");
  JsonNode *arguments = json_object_get_member (params, "arguments");
  g_autoptr(McpPromptRequest) prompt_request = NULL;
  g_auto(GStrv) required = NULL;
  McpPrompt *prompt;
  Entry *entry;

  if (name == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "prompts/get needs a prompt name string", NULL);
      return;
    }

  entry = registry_lookup (&self->prompts, name);
  if (entry == NULL)
    {
      return_invalid_params (request, "Unknown prompt: %s", name);
      return;
    }
  prompt = MCP_PROMPT (entry->object);

  if (!check_permission (session, request, "prompt", name, entry->object))
    return;

  if (arguments != NULL && JSON_NODE_HOLDS_NULL (arguments))
    arguments = NULL;

  if (arguments != NULL)
    {
      JsonObjectIter iter;
      const char *argument;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (arguments))
        {
          mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                    "Prompt arguments must be an object", NULL);
          return;
        }

      json_object_iter_init (&iter, json_node_get_object (arguments));
      while (json_object_iter_next (&iter, &argument, &value))
        {
          if (!_mcp_json_node_is_string (value))
            {
              return_invalid_params (request, "Prompt argument %s must be a string", argument);
              return;
            }
        }
    }

  required = mcp_prompt_dup_required_arguments (prompt);
  for (guint i = 0; required[i] != NULL; i++)
    {
      if (arguments == NULL ||
          !json_object_has_member (json_node_get_object (arguments), required[i]))
        {
          return_invalid_params (request, "Missing required argument %s of prompt %s",
                                 required[i], name);
          return;
        }
    }

  origin.arguments = arguments;
  prompt_request = _mcp_prompt_request_new (&origin, prompt);
  ((McpPromptHandler) entry->handler) (self, prompt_request, entry->user_data);
}

/* Completion --------------------------------------------------------------- */

static void
handle_completion_complete (McpServer        *self,
                            McpServerSession *session,
                            McpRequest       *request)
{
  McpHandlerRequest origin = { self, session, request, NULL };
  JsonObject *params = request_params (request);
  JsonObject *ref = _mcp_json_object_get_object (params, "ref");
  JsonObject *argument = _mcp_json_object_get_object (params, "argument");
  JsonObject *context = _mcp_json_object_get_object (params, "context");
  JsonNode *context_arguments = NULL;
  g_autoptr(McpCompletionRequest) completion = NULL;
  McpPrompt *prompt = NULL;
  McpResourceTemplate *template = NULL;
  McpCompletionRefType ref_type;
  const char *type;
  const char *target;
  const char *argument_name;
  const char *argument_value;

  if (self->completion.handler == NULL &&
      !(self->declared & MCP_SERVER_CAPABILITIES_COMPLETIONS))
    {
      mcp_request_return_error (request, MCP_JSONRPC_METHOD_NOT_FOUND,
                                "This server offers no completions", NULL);
      return;
    }

  type = _mcp_json_object_get_string (ref, "type");
  argument_name = _mcp_json_object_get_string (argument, "name");
  argument_value = _mcp_json_object_get_string (argument, "value");
  if (type == NULL || argument_name == NULL || argument_value == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "completion/complete needs a ref with a type and an "
                                "argument with a name and a value", NULL);
      return;
    }

  if (g_str_equal (type, "ref/prompt"))
    {
      Entry *entry;

      ref_type = MCP_COMPLETION_REF_PROMPT;
      target = _mcp_json_object_get_string (ref, "name");
      entry = target != NULL ? registry_lookup (&self->prompts, target) : NULL;
      if (entry == NULL)
        {
          return_invalid_params (request, "Unknown prompt: %s", target != NULL ? target : "(none)");
          return;
        }

      prompt = MCP_PROMPT (entry->object);
      if (!check_permission (session, request, "prompt", target, entry->object))
        return;
      if (!mcp_prompt_has_argument (prompt, argument_name))
        {
          return_invalid_params (request, "Prompt %s has no argument %s", target, argument_name);
          return;
        }
    }
  else if (g_str_equal (type, "ref/resource"))
    {
      g_auto(GStrv) variables = NULL;
      Entry *entry;

      ref_type = MCP_COMPLETION_REF_RESOURCE;
      target = _mcp_json_object_get_string (ref, "uri");
      entry = target != NULL ? registry_lookup (&self->templates, target) : NULL;
      if (entry == NULL)
        {
          return_invalid_params (request, "Unknown resource template: %s",
                                 target != NULL ? target : "(none)");
          return;
        }

      template = MCP_RESOURCE_TEMPLATE (entry->object);
      if (!check_permission (session, request, "resource template", target, entry->object))
        return;
      variables = mcp_resource_template_dup_variable_names (template);
      if (!g_strv_contains ((const char * const *) variables, argument_name))
        {
          return_invalid_params (request, "Resource template %s has no variable %s",
                                 target, argument_name);
          return;
        }
    }
  else
    {
      return_invalid_params (request, "Unknown completion reference type: %s", type);
      return;
    }

  if (context != NULL)
    {
      context_arguments = json_object_get_member (context, "arguments");
      if (context_arguments != NULL && !JSON_NODE_HOLDS_OBJECT (context_arguments))
        {
          mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                    "context.arguments must be an object", NULL);
          return;
        }
    }

  completion = _mcp_completion_request_new (&origin, ref_type, target,
                                            prompt, template, argument_name, argument_value,
                                            context_arguments);

  if (self->completion.handler == NULL)
    mcp_completion_request_return_values (completion, NULL, 0, FALSE);
  else
    ((McpCompletionHandler) self->completion.handler) (self, completion,
                                                       self->completion.user_data);
}

/* Dispatch ----------------------------------------------------------------- */

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
  { "resources/list", handle_resources_list, FALSE },
  { "resources/templates/list", handle_resources_templates_list, FALSE },
  { "resources/read", handle_resources_read, FALSE },
  { "resources/subscribe", handle_resources_subscribe, FALSE },
  { "resources/unsubscribe", handle_resources_unsubscribe, FALSE },
  { "prompts/list", handle_prompts_list, FALSE },
  { "prompts/get", handle_prompts_get, FALSE },
  { "completion/complete", handle_completion_complete, FALSE },
};

/* The 2026-07-28 era ---------------------------------------------------------- */

McpRequestStateKey *
_mcp_server_get_request_state_key (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->state_key;
}

gint64
_mcp_server_get_request_state_lifetime (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return (gint64) (self->request_state_lifetime > 0 ? self->request_state_lifetime
                                                    : MCP_SERVER_DEFAULT_REQUEST_STATE_LIFETIME) *
         G_USEC_PER_SEC;
}

/**
 * mcp_server_set_request_state_secret:
 * @self: a #McpServer
 * @secret: the key, at least 32 random bytes
 *
 * Sets the key that seals the `requestState` of input rounds on the
 * 2026-07-28 era (HMAC-SHA-256). By default every server makes a random
 * key of its own; the replicas of one service behind a load balancer share
 * one, so that any of them can take the retry of a request another began.
 * States sealed with the old key are refused from now on.
 *
 * Since: 0.1
 */
void
mcp_server_set_request_state_secret (McpServer *self,
                                     GBytes    *secret)
{
  gsize length = 0;
  const guint8 *data;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (secret != NULL);

  data = g_bytes_get_data (secret, &length);
  g_return_if_fail (length >= 32);

  g_clear_pointer (&self->state_key, _mcp_request_state_key_free);
  self->state_key = _mcp_request_state_key_new_from_data (data, length);
}

/**
 * mcp_server_get_request_state_lifetime:
 * @self: a #McpServer
 *
 * Gets #McpServer:request-state-lifetime.
 *
 * Returns: the seconds an input round's state stays good; 0 for the default
 *
 * Since: 0.1
 */
guint
mcp_server_get_request_state_lifetime (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->request_state_lifetime;
}

/**
 * mcp_server_set_request_state_lifetime:
 * @self: a #McpServer
 * @seconds: how long an input round's state stays good; 0 for the default
 *
 * Sets #McpServer:request-state-lifetime.
 *
 * Since: 0.1
 */
void
mcp_server_set_request_state_lifetime (McpServer *self,
                                       guint      seconds)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->request_state_lifetime == seconds)
    return;

  self->request_state_lifetime = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_STATE_LIFETIME]);
}

/**
 * mcp_server_get_cache_ttl:
 * @self: a #McpServer
 *
 * Gets #McpServer:cache-ttl.
 *
 * Returns: the `ttlMs` of cacheable results, in milliseconds
 *
 * Since: 0.1
 */
guint
mcp_server_get_cache_ttl (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->cache_ttl;
}

/**
 * mcp_server_set_cache_ttl:
 * @self: a #McpServer
 * @ttl_ms: how long clients may keep cacheable results, in milliseconds
 *
 * Sets #McpServer:cache-ttl.
 *
 * Since: 0.1
 */
void
mcp_server_set_cache_ttl (McpServer *self,
                          guint      ttl_ms)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->cache_ttl == ttl_ms)
    return;

  self->cache_ttl = ttl_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_TTL]);
}

/**
 * mcp_server_get_max_subscriptions:
 * @self: a #McpServer
 *
 * Gets #McpServer:max-subscriptions.
 *
 * Returns: the subscriptions served at once; 0 for no cap
 *
 * Since: 0.1
 */
guint
mcp_server_get_max_subscriptions (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->subscriptions != NULL ? _mcp_subscriptions_get_max (self->subscriptions) : 0;
}

/**
 * mcp_server_set_max_subscriptions:
 * @self: a #McpServer
 * @max_subscriptions: the subscriptions served at once; 0 for no cap
 *
 * Sets #McpServer:max-subscriptions. Subscriptions already open stay.
 *
 * Since: 0.1
 */
void
mcp_server_set_max_subscriptions (McpServer *self,
                                  guint      max_subscriptions)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->subscriptions == NULL ||
      _mcp_subscriptions_get_max (self->subscriptions) == max_subscriptions)
    return;

  _mcp_subscriptions_set_max (self->subscriptions, max_subscriptions);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SUBSCRIPTIONS]);
}

static void
handle_server_discover (McpServer        *self,
                        McpServerSession *session,
                        McpRequest       *request)
{
  g_autoptr(JsonNode) result = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *versions = json_array_new ();
  const char * const *modern = _mcp_envelope_modern_versions ();

  for (guint i = 0; modern[i] != NULL; i++)
    json_array_add_string_element (versions, modern[i]);
  json_object_set_array_member (object, "supportedVersions", versions);
  json_object_set_member (object, "capabilities",
                          capabilities_to_json (mcp_server_get_capabilities (self)));
  if (self->instructions != NULL)
    json_object_set_string_member (object, "instructions", self->instructions);

  result = _mcp_json_node_new_object (object);
  mcp_request_return_result (request, result);
}

static void
handle_subscriptions_listen (McpServer        *self,
                             McpServerSession *session,
                             McpRequest       *request)
{
  if (self->subscriptions == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INTERNAL_ERROR,
                                "The server is shutting down", NULL);
      return;
    }
  _mcp_subscriptions_listen (self->subscriptions, session, request,
                             mcp_server_get_capabilities (self));
}

/* What a request of the per-request era may call. initialize, ping,
 * logging/setLevel and resources/(un)subscribe are gone from it: asking
 * for them is asking for an unknown method. */
static const struct {
  const char *method;
  MethodFunc  func;
} modern_methods[] = {
  { "server/discover", handle_server_discover },
  { "tools/list", handle_tools_list },
  { "tools/call", handle_tools_call },
  { "resources/list", handle_resources_list },
  { "resources/templates/list", handle_resources_templates_list },
  { "resources/read", handle_resources_read },
  { "prompts/list", handle_prompts_list },
  { "prompts/get", handle_prompts_get },
  { "completion/complete", handle_completion_complete },
  { "subscriptions/listen", handle_subscriptions_listen },
};

/* Every method either era serves, each once: the session answers any
 * other with -32601 itself. */
const char * const *
_mcp_server_get_methods (void)
{
  static const char *names[G_N_ELEMENTS (methods) + G_N_ELEMENTS (modern_methods) + 1];

  if (names[0] == NULL)
    {
      guint n = 0;

      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        names[n++] = methods[i].method;
      for (guint i = 0; i < G_N_ELEMENTS (modern_methods); i++)
        {
          gboolean known = FALSE;

          for (guint j = 0; j < G_N_ELEMENTS (methods); j++)
            known |= strcmp (methods[j].method, modern_methods[i].method) == 0;
          if (!known)
            names[n++] = modern_methods[i].method;
        }
    }

  return names;
}

/* A request that carries its own protocol version, capabilities and
 * identity: served statelessly, whatever the connection did before. */
static void
dispatch_modern (McpServer        *self,
                 McpServerSession *session,
                 McpRequest       *request)
{
  const char *method = mcp_request_get_method (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) server_info = NULL;
  const McpEnvelope *envelope;

  if (!_mcp_request_read_envelope (request, &error))
    {
      mcp_request_return_gerror (request, error);
      return;
    }

  envelope = _mcp_request_get_envelope (request);
  if (!_mcp_envelope_version_is_modern (envelope->protocol_version))
    {
      g_autoptr(JsonNode) data = NULL;

      data = _mcp_envelope_unsupported_version_data (envelope->protocol_version,
                                                     _mcp_envelope_modern_versions ());
      mcp_request_return_error (request, MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION,
                                "Unsupported protocol version", data);
      return;
    }

  server_info = server_info_to_json (self);
  _mcp_request_set_server_info (request, server_info);
  _mcp_request_set_cache_hints (request, self->cache_ttl, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (modern_methods); i++)
    {
      if (strcmp (modern_methods[i].method, method) == 0)
        {
          modern_methods[i].func (self, session, request);
          return;
        }
    }

  mcp_request_return_error (request, MCP_JSONRPC_METHOD_NOT_FOUND, "Method not found", NULL);
}

/* Deadlines ---------------------------------------------------------------- */

#define DEADLINE_KEY "mcp-server-deadline"

typedef struct
{
  McpRequest *request;   /* borrowed: the deadline is the request's data */
  guint       source;
  guint       timeout;   /* ms */
} Deadline;

static void
deadline_free (Deadline *deadline)
{
  g_clear_handle_id (&deadline->source, g_source_remove);
  g_free (deadline);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Deadline *deadline = user_data;
  g_autofree char *message = NULL;

  deadline->source = 0;
  message = g_strdup_printf ("Request timed out: %s took longer than the server allows (%u ms)",
                             mcp_request_get_method (deadline->request), deadline->timeout);
  g_debug ("%s", message);
  _mcp_request_expire (deadline->request, MCP_JSONRPC_REQUEST_TIMEOUT, message);
  return G_SOURCE_REMOVE;
}

static void
deadline_replying (McpRequest *request,
                   JsonNode   *reply,
                   Deadline   *deadline)
{
  g_clear_handle_id (&deadline->source, g_source_remove);
}

/* The handler gets #McpServer:request-timeout; past it, the client gets
 * an error and the handler's cancellable is cancelled. */
static void
arm_deadline (McpServer  *self,
              McpRequest *request)
{
  Deadline *deadline = g_new0 (Deadline, 1);

  deadline->request = request;
  deadline->timeout = self->request_timeout;
  deadline->source = g_timeout_add (self->request_timeout, deadline_cb, deadline);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, deadline->source),
                            "[mcp] request deadline");
  g_object_set_data_full (G_OBJECT (request), DEADLINE_KEY, deadline,
                          (GDestroyNotify) deadline_free);
  g_signal_connect (request, "replying", G_CALLBACK (deadline_replying), deadline);
}

/* Metrics ------------------------------------------------------------------- */

/* Labels are the server's: a method it serves (else "unknown"), a tool it
 * has (else "unknown"), so that no peer can grow the metrics. */
static void
observe (McpServer  *self,
         McpRequest *request,
         const char *method)
{
  const char * const *served = _mcp_server_get_methods ();
  const char *method_label = "unknown";
  const char *tool_label = NULL;

  if (g_strv_contains (served, method))
    method_label = method;

  if (strcmp (method, "tools/call") == 0)
    {
      JsonNode *params = mcp_request_get_params (request);
      const char *name = params != NULL && JSON_NODE_HOLDS_OBJECT (params)
                         ? _mcp_json_object_get_string (json_node_get_object (params), "name")
                         : NULL;

      tool_label = name != NULL && registry_lookup (&self->tools, name) != NULL ? name : "unknown";
    }

  _mcp_server_metrics_observe (self->metrics, request, method_label, tool_label);
}

/**
 * mcp_server_get_metrics_enabled:
 * @self: a #McpServer
 *
 * Gets #McpServer:metrics-enabled.
 *
 * Returns: whether the server counts its requests
 *
 * Since: 0.1
 */
gboolean
mcp_server_get_metrics_enabled (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);

  return self->metrics != NULL;
}

/**
 * mcp_server_set_metrics_enabled:
 * @self: a #McpServer
 * @enabled: whether to count
 *
 * Sets #McpServer:metrics-enabled. Turning them off forgets the counts.
 *
 * Since: 0.1
 */
void
mcp_server_set_metrics_enabled (McpServer *self,
                                gboolean   enabled)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (enabled == (self->metrics != NULL))
    return;

  if (enabled)
    self->metrics = _mcp_server_metrics_new ();
  else
    g_clear_pointer (&self->metrics, _mcp_server_metrics_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METRICS_ENABLED]);
}

/**
 * mcp_server_dup_metrics:
 * @self: a #McpServer
 *
 * A snapshot of the metrics, as JSON: `requests` (by method: `ok`,
 * `errors`, `durationSeconds`), `tools` (by tool: `ok`, `errors`,
 * `toolErrors`; with a result cache `cacheHits` and `cacheMisses`; behind a
 * circuit breaker `circuit`, its state, and `circuitRejected`),
 * `rateLimited`, `sessions`, and `transports` (by kind of transport:
 * `stdio`, `http`, `websocket`, `custom`: its `sessions`, and the
 * `connections` of its listeners).
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL while
 *   #McpServer:metrics-enabled is off
 *
 * Since: 0.1
 */
McpServerMetrics *
_mcp_server_get_metrics (McpServer *self)
{
  return self->metrics;
}

typedef enum { KIND_STDIO, KIND_HTTP, KIND_WEBSOCKET, KIND_CUSTOM, N_KINDS } TransportKind;

static const char * const kind_names[N_KINDS] = { "stdio", "http", "websocket", "custom" };

static TransportKind
transport_kind (gpointer transport)
{
  if (MCP_IS_HTTP_SERVER_PEER (transport) || MCP_IS_HTTP_SERVER_TRANSPORT (transport))
    return KIND_HTTP;
  if (MCP_IS_WEBSOCKET_TRANSPORT (transport) || MCP_IS_WEBSOCKET_SERVER_TRANSPORT (transport))
    return KIND_WEBSOCKET;
  if (MCP_IS_STDIO_TRANSPORT (transport))
    return KIND_STDIO;
  return KIND_CUSTOM;
}

/* The sessions by kind of transport, and the connections of the
 * listeners, in one pass over each; in @gauges, which has room for every
 * kind. Kinds with neither are left out. */
static guint
transport_gauges (McpServer         *self,
                  McpTransportGauge *gauges)
{
  McpTransportGauge all[N_KINDS] = { { 0 } };
  guint n = 0;

  for (guint i = 0; i < self->sessions->len; i++)
    {
      McpTransport *transport = mcp_server_session_get_transport (g_ptr_array_index (self->sessions, i));

      if (transport != NULL)
        all[transport_kind (transport)].sessions++;
    }
  for (guint i = 0; i < self->listeners->len; i++)
    {
      ListenerEntry *entry = g_ptr_array_index (self->listeners, i);
      McpTransportGauge *gauge = &all[transport_kind (entry->listener)];
      guint connections = 0;

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (entry->listener), "n-connections") == NULL)
        continue;
      g_object_get (entry->listener, "n-connections", &connections, NULL);
      gauge->connections += connections;
      gauge->has_connections = TRUE;
    }
  for (guint k = 0; k < N_KINDS; k++)
    if (all[k].sessions > 0 || all[k].has_connections)
      {
        gauges[n] = all[k];
        gauges[n++].transport = kind_names[k];
      }
  return n;
}

JsonNode *
mcp_server_dup_metrics (McpServer *self)
{
  McpTransportGauge gauges[N_KINDS];
  guint n_gauges;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  if (self->metrics == NULL)
    return NULL;
  n_gauges = transport_gauges (self, gauges);
  return _mcp_server_metrics_to_json (self->metrics, self->sessions->len, gauges, n_gauges);
}

/**
 * mcp_server_dup_metrics_text:
 * @self: a #McpServer
 *
 * The metrics in the Prometheus text exposition format (version 0.0.4):
 * `mcp_requests_total`, `mcp_request_duration_seconds` (a histogram),
 * `mcp_tool_calls_total`, `mcp_tool_cache_lookups_total`,
 * `mcp_circuit_breaker_state`, `mcp_circuit_breaker_rejected_total`,
 * `mcp_rate_limited_total`, `mcp_sessions`, `mcp_transport_sessions` and
 * `mcp_transport_connections`. An
 * #McpHttpServerTransport with #McpHttpServerTransport:serve-metrics serves
 * it at `/metrics`.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL while
 *   #McpServer:metrics-enabled is off
 *
 * Since: 0.1
 */
char *
mcp_server_dup_metrics_text (McpServer *self)
{
  McpTransportGauge gauges[N_KINDS];
  guint n_gauges;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  if (self->metrics == NULL)
    return NULL;
  n_gauges = transport_gauges (self, gauges);
  return _mcp_server_metrics_to_prometheus (self->metrics, self->sessions->len, gauges, n_gauges);
}

/* What a listener serves at /metrics. */
static char *
metrics_for_listener (gpointer user_data)
{
  return mcp_server_dup_metrics_text (user_data);
}

/* Access log ---------------------------------------------------------------- */

typedef struct
{
  gint64  start;       /* monotonic µs */
  char   *principal;   /* nullable */
  char   *tool;        /* nullable */
} Access;

static void
access_free (gpointer  data,
             GClosure *closure)
{
  Access *access = data;

  g_free (access->principal);
  g_free (access->tool);
  g_free (access);
}

static void
log_access (McpRequest *request,
            JsonNode   *reply,
            gpointer    user_data)
{
  Access *access = user_data;
  JsonObject *message = json_node_get_object (reply);
  JsonObject *result = _mcp_json_object_get_object (message, "result");
  JsonNode *is_error = result != NULL ? json_object_get_member (result, "isError") : NULL;
  JsonNode *id = mcp_request_get_id (request);
  g_autofree char *id_text = id != NULL ? _mcp_json_to_string (id, NULL) : g_strdup ("");
  g_autofree char *duration = NULL;
  const char *outcome = "ok";
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (json_object_has_member (message, "error"))
    outcome = "error";
  else if (is_error != NULL && _mcp_json_node_is_boolean (is_error) && json_node_get_boolean (is_error))
    outcome = "tool_error";
  duration = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3f",
                                        (double) (g_get_monotonic_time () - access->start) / 1000.0));

  /* The other fields are values as they are; "MESSAGE", last, a format. */
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "MCP_REQUEST_ID", id_text,
                    "MCP_METHOD", mcp_request_get_method (request),
                    "MCP_TOOL", access->tool != NULL ? access->tool : "",
                    "MCP_PRINCIPAL", access->principal != NULL ? access->principal : "",
                    "MCP_OUTCOME", outcome,
                    "MCP_DURATION_MS", duration,
                    "MESSAGE", "%s%s%s %s %s ms%s%s", mcp_request_get_method (request),
                    access->tool != NULL ? " " : "", access->tool != NULL ? access->tool : "",
                    outcome, duration, access->principal != NULL ? " by " : "",
                    access->principal != NULL ? access->principal : "");
}

static void
watch_access (McpServerSession *session,
              McpRequest       *request,
              const char       *method)
{
  Access *access = g_new0 (Access, 1);
  McpAuthInfo *identity = mcp_server_session_get_auth_info (session);

  access->start = g_get_monotonic_time ();
  if (identity != NULL)
    access->principal = g_strdup (mcp_auth_info_get_principal (identity));
  if (strcmp (method, "tools/call") == 0)
    {
      JsonNode *params = mcp_request_get_params (request);

      if (params != NULL && JSON_NODE_HOLDS_OBJECT (params))
        access->tool = g_strdup (_mcp_json_object_get_string (json_node_get_object (params), "name"));
    }
  g_signal_connect_data (request, "replying", G_CALLBACK (log_access), access, access_free, 0);
}

/* Runs the middlewares; FALSE when one answered the request. */
static gboolean
run_middlewares (McpServer        *self,
                 McpServerSession *session,
                 McpRequest       *request)
{
  for (guint i = 0; i < self->middlewares->len; i++)
    {
      Middleware *middleware = g_rc_box_acquire (g_ptr_array_index (self->middlewares, i));
      gboolean pass = middleware->func (self, session, request, middleware->user_data);

      middleware_unref (middleware);
      if (!pass)
        {
          if (!mcp_request_is_completed (request))
            mcp_request_return_error (request, MCP_JSONRPC_INTERNAL_ERROR,
                                      "A middleware stopped the request without answering it",
                                      NULL);
          return FALSE;
        }
      if (mcp_request_is_completed (request))
        return FALSE;
    }

  return TRUE;
}

void
_mcp_server_dispatch (McpServer        *self,
                      McpServerSession *session,
                      McpRequest       *request)
{
  const char *method = mcp_request_get_method (request);
  g_autoptr(McpServer) hold = g_object_ref (self);

  if (self->metrics != NULL)
    observe (self, request, method);
  if (self->access_log)
    watch_access (session, request, method);

  if (self->request_timeout > 0 && !mcp_request_is_completed (request) &&
      strcmp (method, "subscriptions/listen") != 0)
    arm_deadline (self, request);

  if (self->middlewares->len > 0 && !run_middlewares (self, session, request))
    return;

  /* server/discover exists only on the per-request era: without an
   * envelope it is a malformed modern request, not an unknown method. */
  if (_mcp_request_has_envelope (request) || strcmp (method, "server/discover") == 0 ||
      strcmp (method, "subscriptions/listen") == 0)
    {
      dispatch_modern (self, session, request);
      return;
    }

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

  for (guint kind = 0; kind < G_N_ELEMENTS (list_changed) && self->subscriptions != NULL; kind++)
    if (self->subscription_changes & list_changed[kind].change)
      _mcp_subscriptions_list_changed (self->subscriptions, list_changed[kind].change,
                                       list_changed[kind].method);
  self->subscription_changes = 0;

  for (guint i = 0; i < sessions->len; i++)
    {
      McpServerSession *session = g_ptr_array_index (sessions, i);
      McpListChanged changes = _mcp_server_session_take_list_changed (session);

      for (guint kind = 0; kind < G_N_ELEMENTS (list_changed); kind++)
        if (changes & list_changed[kind].change)
          mcp_server_session_notify (session, list_changed[kind].method, NULL);
    }

  return G_SOURCE_REMOVE;
}

/* Coalesced: registering fifty tools sends one notification per client, and
 * only to clients that were initialized when the list changed and were told
 * that the server has such a list. */
static void
queue_list_changed (McpServer      *self,
                    McpListChanged  change)
{
  McpServerCapabilities capability = 0;
  gboolean any = FALSE;

  for (guint kind = 0; kind < G_N_ELEMENTS (list_changed); kind++)
    if (list_changed[kind].change == change)
      capability = list_changed[kind].capability;

  for (guint i = 0; i < self->sessions->len; i++)
    {
      McpServerSession *session = g_ptr_array_index (self->sessions, i);

      if (mcp_server_session_is_initialized (session) &&
          (_mcp_server_session_get_advertised (session) & capability))
        {
          _mcp_server_session_add_list_changed (session, change);
          any = TRUE;
        }
    }

  if (self->subscriptions != NULL && _mcp_subscriptions_any (self->subscriptions, change))
    {
      self->subscription_changes |= change;
      any = TRUE;
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
  mcp_session_set_max_requests_in_flight (mcp_server_session_get_session (session),
                                          self->max_requests_in_flight);
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

/* For a Streamable HTTP listener, which checks a tool call's Mcp-Param
 * headers against the tool's x-mcp-header annotations. The entry unsets it
 * before the server goes. */
static JsonObject *
tool_schema_for_listener (const char *tool_name,
                          gpointer    user_data)
{
  McpTool *tool = mcp_server_lookup_tool (user_data, tool_name);
  JsonNode *schema = tool != NULL ? mcp_tool_get_input_schema (tool) : NULL;

  if (schema == NULL || !JSON_NODE_HOLDS_OBJECT (schema))
    return NULL;

  return json_object_ref (json_node_get_object (schema));
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
  if (MCP_IS_HTTP_SERVER_TRANSPORT (server_transport))
    {
      _mcp_http_server_transport_set_tool_schema_func (MCP_HTTP_SERVER_TRANSPORT (server_transport),
                                                       tool_schema_for_listener, self);
      _mcp_http_server_transport_set_metrics_func (MCP_HTTP_SERVER_TRANSPORT (server_transport),
                                                   metrics_for_listener, self);
    }
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
 * Gets the open sessions.
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
 * Gets the number of open sessions.
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

/* Middleware ---------------------------------------------------------------- */

/**
 * mcp_server_add_middleware:
 * @self: a #McpServer
 * @func: (scope notified) (closure user_data): the middleware
 * @user_data: the data to pass to @func
 * @destroy: (nullable): frees @user_data when the middleware is removed
 *
 * Adds a middleware to the chain every request goes through before the
 * server serves it, after those added before it. The built-in ones
 * (mcp_server_add_rate_limit(), mcp_server_add_circuit_breaker()) are on
 * the same chain.
 *
 * Returns: the middleware's id, for mcp_server_remove_middleware()
 *
 * Since: 0.1
 */
guint
mcp_server_add_middleware (McpServer         *self,
                           McpMiddlewareFunc  func,
                           gpointer           user_data,
                           GDestroyNotify     destroy)
{
  Middleware *middleware;

  g_return_val_if_fail (MCP_IS_SERVER (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  middleware = g_rc_box_new0 (Middleware);
  middleware->id = ++self->last_middleware_id;
  middleware->func = func;
  middleware->user_data = user_data;
  middleware->destroy = destroy;
  g_ptr_array_add (self->middlewares, middleware);

  return middleware->id;
}

/**
 * mcp_server_remove_middleware:
 * @self: a #McpServer
 * @id: what mcp_server_add_middleware() (or a sibling) returned
 *
 * Removes a middleware from the chain; the requests it already passed on
 * are not affected.
 *
 * Since: 0.1
 */
void
mcp_server_remove_middleware (McpServer *self,
                              guint      id)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  for (guint i = 0; i < self->middlewares->len; i++)
    {
      Middleware *middleware = g_ptr_array_index (self->middlewares, i);

      if (middleware->id == id)
        {
          g_ptr_array_remove_index (self->middlewares, i);
          return;
        }
    }

  g_critical ("%s: no middleware with id %u", G_STRFUNC, id);
}

/* Shutdown ------------------------------------------------------------------ */

#define SHUTDOWN_POLL_MS 20

typedef struct
{
  McpServer *self;
  gint64     deadline;     /* monotonic µs */
  guint      poll_id;
  guint      stopping;     /* server transports still stopping */
  GPtrArray *listeners;    /* McpServerTransport, held */
} Shutdown;

static void
shutdown_free (Shutdown *shutdown)
{
  g_clear_handle_id (&shutdown->poll_id, g_source_remove);
  g_clear_pointer (&shutdown->listeners, g_ptr_array_unref);
  g_clear_object (&shutdown->self);
  g_free (shutdown);
}

static guint
requests_in_flight (McpServer *self)
{
  guint n = 0;

  for (guint i = 0; i < self->sessions->len; i++)
    n += mcp_session_get_n_incoming_requests (
           mcp_server_session_get_session (g_ptr_array_index (self->sessions, i)));

  return n;
}

static void
shutdown_listener_stopped_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  GTask *task = user_data;
  Shutdown *shutdown = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mcp_server_transport_stop_finish (MCP_SERVER_TRANSPORT (object), result, &error))
    g_debug ("A server transport did not stop cleanly: %s", error->message);
  /* Started again, it takes sessions again. */
  _mcp_server_transport_set_draining (MCP_SERVER_TRANSPORT (object), FALSE);

  if (--shutdown->stopping == 0)
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Nothing in flight any more, or the grace period is over: every session
 * ends. */
static void
shutdown_close (GTask *task)
{
  Shutdown *shutdown = g_task_get_task_data (task);
  McpServer *self = shutdown->self;
  g_autoptr(GPtrArray) sessions = mcp_server_get_sessions (self);
  guint in_flight = requests_in_flight (self);

  if (in_flight > 0)
    g_debug ("Shutting down with %u requests still in flight after the grace period", in_flight);

  /* The sessions of single transports (stdio, a custom one) close here;
   * those of server transports when their transport stops. */
  for (guint i = 0; i < sessions->len; i++)
    mcp_session_close (mcp_server_session_get_session (g_ptr_array_index (sessions, i)));

  shutdown->stopping = 1;  /* held until every stop has been started */
  for (guint i = 0; i < shutdown->listeners->len; i++)
    {
      shutdown->stopping++;
      mcp_server_transport_stop_async (g_ptr_array_index (shutdown->listeners, i), NULL,
                                       shutdown_listener_stopped_cb, g_object_ref (task));
    }
  if (--shutdown->stopping == 0)
    g_task_return_boolean (task, TRUE);
}

static gboolean
shutdown_poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  Shutdown *shutdown = g_task_get_task_data (task);

  if (requests_in_flight (shutdown->self) > 0 && g_get_monotonic_time () < shutdown->deadline &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return G_SOURCE_CONTINUE;

  shutdown->poll_id = 0;
  shutdown_close (task);
  return G_SOURCE_REMOVE;
}

/**
 * mcp_server_shutdown_async:
 * @self: a #McpServer
 * @grace_period_ms: how long the requests in flight have to finish, in
 *   milliseconds
 * @cancellable: (nullable): a #GCancellable; cancelling it ends the grace
 *   period at once
 * @callback: (scope async): called when every session is closed
 * @user_data: the data to pass to @callback
 *
 * Shuts the server down gracefully, as a service does on `SIGTERM`:
 *
 * 1. Its server transports stop taking new sessions, stateless requests
 *    and WebSocket connections (HTTP 503), and their `/ready` answers 503
 *    while `/health` still answers 200; the sessions already open are
 *    still served.
 * 2. Once no request is in flight, or after @grace_period_ms, every
 *    session is closed: the server transports are stopped and the sessions
 *    of single transports (stdio) are closed. A request still running
 *    then has its cancellable cancelled.
 *
 * Since: 0.1
 */
void
mcp_server_shutdown_async (McpServer           *self,
                           guint                grace_period_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Shutdown *shutdown;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_server_shutdown_async);

  shutdown = g_new0 (Shutdown, 1);
  shutdown->self = g_object_ref (self);
  shutdown->deadline = g_get_monotonic_time () + (gint64) grace_period_ms * 1000;
  shutdown->listeners = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->listeners->len; i++)
    {
      ListenerEntry *entry = g_ptr_array_index (self->listeners, i);

      _mcp_server_transport_set_draining (entry->listener, TRUE);
      g_ptr_array_add (shutdown->listeners, g_object_ref (entry->listener));
    }
  g_task_set_task_data (task, shutdown, (GDestroyNotify) shutdown_free);

  g_debug ("Shutting down: %u requests in flight, %u ms to finish", requests_in_flight (self),
           grace_period_ms);
  shutdown->poll_id = g_timeout_add_full (G_PRIORITY_DEFAULT, SHUTDOWN_POLL_MS, shutdown_poll_cb,
                                          g_object_ref (task), g_object_unref);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, shutdown->poll_id),
                            "[mcp] server shutdown");
}

/**
 * mcp_server_shutdown_finish:
 * @self: a #McpServer
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_server_shutdown_async().
 *
 * Returns: %TRUE once every session is closed
 *
 * Since: 0.1
 */
gboolean
mcp_server_shutdown_finish (McpServer     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mcp_server_shutdown_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mcp_server_get_request_timeout:
 * @self: a #McpServer
 *
 * Gets #McpServer:request-timeout.
 *
 * Returns: milliseconds, or 0 for no deadline
 *
 * Since: 0.1
 */
guint
mcp_server_get_request_timeout (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->request_timeout;
}

/**
 * mcp_server_set_request_timeout:
 * @self: a #McpServer
 * @timeout_ms: milliseconds, or 0 for no deadline
 *
 * Sets #McpServer:request-timeout; it applies to the requests that arrive
 * from now on.
 *
 * Since: 0.1
 */
void
mcp_server_set_request_timeout (McpServer *self,
                                guint      timeout_ms)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->request_timeout == timeout_ms)
    return;

  self->request_timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TIMEOUT]);
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

static void
compile_input_schema (ToolEntry *entry)
{
  McpTool *tool = MCP_TOOL (entry->base.object);
  JsonNode *schema = mcp_tool_get_input_schema (tool);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&entry->input_schema, _mcp_json_schema_unref);
  if (schema == NULL)
    return;

  entry->input_schema = _mcp_json_schema_new (schema, &error);
  if (entry->input_schema == NULL)
    g_message ("The input schema of tool %s cannot be used to check arguments: %s",
               mcp_tool_get_name (tool), error->message);
}

static void
on_tool_schema_changed (McpTool    *tool,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  compile_input_schema (user_data);
}

static void
compile_output_schema (ToolEntry *entry)
{
  McpTool *tool = MCP_TOOL (entry->base.object);
  JsonNode *schema = mcp_tool_get_output_schema (tool);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&entry->output_schema, _mcp_json_schema_unref);
  if (schema == NULL)
    return;

  entry->output_schema = _mcp_json_schema_new (schema, &error);
  if (entry->output_schema == NULL)
    g_message ("The output schema of tool %s cannot be used to check results: %s",
               mcp_tool_get_name (tool), error->message);
}

static void
on_tool_output_schema_changed (McpTool    *tool,
                               GParamSpec *pspec,
                               gpointer    user_data)
{
  compile_output_schema (user_data);
}

/**
 * mcp_server_add_tool:
 * @self: a #McpServer
 * @tool: the tool's definition
 * @handler: (scope notified) (closure user_data) (destroy destroy): runs the tool
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the tool is removed
 *
 * Registers a tool, replacing any tool of the same name. Its input schema
 * is compiled now (and again if it changes): every call's arguments are
 * checked against it before @handler runs, and a call whose arguments do
 * not fit gets a tool error (`isError`) naming the field instead. Its
 * output schema, if it has one, is compiled too: a successful result whose
 * `structuredContent` is missing or does not fit becomes a tool error
 * before it leaves, so that clients never get invalid output.
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

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_TOOL (tool));
  g_return_if_fail (handler != NULL);

  entry = g_new0 (ToolEntry, 1);
  entry_init (&entry->base, tool, handler, user_data, destroy);
  compile_input_schema (entry);
  entry->schema_handler = g_signal_connect (tool, "notify::input-schema",
                                            G_CALLBACK (on_tool_schema_changed), entry);
  compile_output_schema (entry);
  entry->output_schema_handler = g_signal_connect (tool, "notify::output-schema",
                                                   G_CALLBACK (on_tool_output_schema_changed),
                                                   entry);

  registry_add (&self->tools, mcp_tool_get_name (tool), &entry->base);
  queue_list_changed (self, MCP_LIST_CHANGED_TOOLS);
}

/**
 * mcp_server_set_tool_cache:
 * @self: a #McpServer
 * @tool: the name of a tool the server has
 * @ttl_ms: how long a result is kept, in milliseconds; 0 for no cache
 * @shared: %TRUE for one cache for every caller (a tool whose results do
 *   not depend on who asks); %FALSE to keep each principal's results apart
 *
 * Keeps the successful results of @tool (not those with `isError`) for
 * that many milliseconds. A call with the same arguments (compared as JSON, whatever the
 * order of their members), by the same principal unless @shared, is
 * answered from the cache without running the handler. At most 256 results
 * are kept, the oldest go first. Replacing or removing the tool drops its
 * cache, and its cache setting with it.
 *
 * Returns: %TRUE, or %FALSE when the server has no tool called @tool
 *
 * Since: 0.1
 */
gboolean
mcp_server_set_tool_cache (McpServer  *self,
                           const char *tool,
                           guint       ttl_ms,
                           gboolean    shared)
{
  ToolEntry *entry;

  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (tool != NULL, FALSE);

  entry = registry_lookup (&self->tools, tool);
  if (entry == NULL)
    return FALSE;

  g_clear_pointer (&entry->cache, _mcp_tool_cache_free);
  if (ttl_ms > 0)
    entry->cache = _mcp_tool_cache_new (ttl_ms, shared);
  return TRUE;
}

/**
 * mcp_server_set_tool_cache_key_func:
 * @self: a #McpServer
 * @tool: the name of a tool whose cache is set (mcp_server_set_tool_cache())
 * @func: (scope notified) (closure user_data) (nullable): makes the keys, or
 *   %NULL for the arguments
 * @user_data: the data to pass to @func
 * @destroy: (nullable): frees @user_data
 *
 * Has @func make the cache keys of @tool's calls.
 *
 * Returns: %TRUE, or %FALSE when @tool has no cache
 *
 * Since: 0.1
 */
gboolean
mcp_server_set_tool_cache_key_func (McpServer           *self,
                                    const char          *tool,
                                    McpToolCacheKeyFunc  func,
                                    gpointer             user_data,
                                    GDestroyNotify       destroy)
{
  ToolEntry *entry;

  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (tool != NULL, FALSE);

  entry = registry_lookup (&self->tools, tool);
  if (entry == NULL || entry->cache == NULL)
    {
      if (destroy != NULL)
        destroy (user_data);
      return FALSE;
    }

  _mcp_tool_cache_set_key_func (entry->cache, func, user_data, destroy);
  return TRUE;
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
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!registry_remove (&self->tools, name))
    return FALSE;

  queue_list_changed (self, MCP_LIST_CHANGED_TOOLS);
  return TRUE;
}

/**
 * mcp_server_lookup_tool:
 * @self: a #McpServer
 * @name: a tool name
 *
 * Gets the tool called @name.
 *
 * Returns: (transfer none) (nullable): the tool called @name
 *
 * Since: 0.1
 */
McpTool *
mcp_server_lookup_tool (McpServer  *self,
                        const char *name)
{
  Entry *entry;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  entry = registry_lookup (&self->tools, name);
  return entry != NULL ? MCP_TOOL (entry->object) : NULL;
}

/**
 * mcp_server_list_tools:
 * @self: a #McpServer
 *
 * Gets the registered tools, in registration order.
 *
 * Returns: (transfer container) (element-type McpTool): the registered tools,
 *   in registration order
 *
 * Since: 0.1
 */
GPtrArray *
mcp_server_list_tools (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return registry_list (&self->tools);
}

/* Resources ---------------------------------------------------------------- */

static void
add_resource_entry (McpServer          *self,
                    McpResource        *resource,
                    McpResourceHandler  handler,
                    gpointer            user_data,
                    GDestroyNotify      destroy,
                    const char         *text,
                    GBytes             *blob)
{
  ResourceEntry *entry = g_new0 (ResourceEntry, 1);

  entry_init (&entry->base, resource, handler, user_data, destroy);
  entry->text = g_strdup (text);
  entry->blob = blob != NULL ? g_bytes_ref (blob) : NULL;

  registry_add (&self->resources, mcp_resource_get_uri (resource), &entry->base);
  queue_list_changed (self, MCP_LIST_CHANGED_RESOURCES);
}

/**
 * mcp_server_add_resource:
 * @self: a #McpServer
 * @resource: the resource's description
 * @handler: (scope notified) (closure user_data) (destroy destroy): produces
 *   its contents on each `resources/read`
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the resource is removed
 *
 * Registers a resource whose contents a handler produces, replacing any
 * resource of the same URI.
 *
 * Since: 0.1
 */
void
mcp_server_add_resource (McpServer          *self,
                         McpResource        *resource,
                         McpResourceHandler  handler,
                         gpointer            user_data,
                         GDestroyNotify      destroy)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_RESOURCE (resource));
  g_return_if_fail (handler != NULL);

  add_resource_entry (self, resource, handler, user_data, destroy, NULL, NULL);
}

/**
 * mcp_server_add_text_resource:
 * @self: a #McpServer
 * @resource: the resource's description
 * @text: its contents
 *
 * Registers a resource with fixed text contents, replacing any resource of
 * the same URI. Its size is set from @text unless it is set already.
 *
 * Since: 0.1
 */
void
mcp_server_add_text_resource (McpServer   *self,
                              McpResource *resource,
                              const char  *text)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_RESOURCE (resource));
  g_return_if_fail (text != NULL);

  if (mcp_resource_get_size (resource) < 0)
    mcp_resource_set_size (resource, strlen (text));

  add_resource_entry (self, resource, NULL, NULL, NULL, text, NULL);
}

/**
 * mcp_server_add_blob_resource:
 * @self: a #McpServer
 * @resource: the resource's description
 * @data: its contents
 *
 * Registers a resource with fixed binary contents, replacing any resource
 * of the same URI. Its size is set from @data unless it is set already.
 *
 * Since: 0.1
 */
void
mcp_server_add_blob_resource (McpServer   *self,
                              McpResource *resource,
                              GBytes      *data)
{
  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_RESOURCE (resource));
  g_return_if_fail (data != NULL);

  if (mcp_resource_get_size (resource) < 0)
    mcp_resource_set_size (resource, g_bytes_get_size (data));

  add_resource_entry (self, resource, NULL, NULL, NULL, NULL, data);
}

/**
 * mcp_server_remove_resource:
 * @self: a #McpServer
 * @uri: the resource's URI
 *
 * Unregisters a resource. Reads already running finish normally.
 *
 * Returns: %TRUE if the resource existed
 *
 * Since: 0.1
 */
gboolean
mcp_server_remove_resource (McpServer  *self,
                            const char *uri)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (!registry_remove (&self->resources, uri))
    return FALSE;

  queue_list_changed (self, MCP_LIST_CHANGED_RESOURCES);
  return TRUE;
}

/**
 * mcp_server_lookup_resource:
 * @self: a #McpServer
 * @uri: a resource URI
 *
 * Gets the resource registered for @uri.
 *
 * Returns: (transfer none) (nullable): the resource registered for @uri
 *
 * Since: 0.1
 */
McpResource *
mcp_server_lookup_resource (McpServer  *self,
                            const char *uri)
{
  Entry *entry;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  entry = registry_lookup (&self->resources, uri);
  return entry != NULL ? MCP_RESOURCE (entry->object) : NULL;
}

/**
 * mcp_server_list_resources:
 * @self: a #McpServer
 *
 * Gets the registered resources, in registration order.
 *
 * Returns: (transfer container) (element-type McpResource): the registered
 *   resources, in registration order
 *
 * Since: 0.1
 */
GPtrArray *
mcp_server_list_resources (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return registry_list (&self->resources);
}

/**
 * mcp_server_add_resource_template:
 * @self: a #McpServer
 * @resource_template: the template
 * @handler: (scope notified) (closure user_data) (destroy destroy): produces
 *   the contents of a matching URI
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the template is removed
 *
 * Registers a resource template, replacing any template with the same URI
 * template. A `resources/read` of a URI that is no registered resource goes
 * to the first template, in registration order, that matches it
 * (mcp_resource_template_match()); the handler finds the values of the
 * variables with mcp_resource_read_get_variable() and may still answer
 * mcp_resource_read_return_not_found().
 *
 * Since: 0.1
 */
void
mcp_server_add_resource_template (McpServer           *self,
                                  McpResourceTemplate *resource_template,
                                  McpResourceHandler   handler,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy)
{
  Entry *entry;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (resource_template));
  g_return_if_fail (handler != NULL);

  entry = g_new0 (Entry, 1);
  entry_init (entry, resource_template, handler, user_data, destroy);

  registry_add (&self->templates, mcp_resource_template_get_uri_template (resource_template),
                entry);
  queue_list_changed (self, MCP_LIST_CHANGED_RESOURCES);
}

/**
 * mcp_server_remove_resource_template:
 * @self: a #McpServer
 * @uri_template: the template's URI template
 *
 * Unregisters a resource template.
 *
 * Returns: %TRUE if the template existed
 *
 * Since: 0.1
 */
gboolean
mcp_server_remove_resource_template (McpServer  *self,
                                     const char *uri_template)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (uri_template != NULL, FALSE);

  if (!registry_remove (&self->templates, uri_template))
    return FALSE;

  queue_list_changed (self, MCP_LIST_CHANGED_RESOURCES);
  return TRUE;
}

/**
 * mcp_server_list_resource_templates:
 * @self: a #McpServer
 *
 * Gets the registered templates, in registration order.
 *
 * Returns: (transfer container) (element-type McpResourceTemplate): the
 *   registered templates, in registration order
 *
 * Since: 0.1
 */
GPtrArray *
mcp_server_list_resource_templates (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return registry_list (&self->templates);
}

/**
 * mcp_server_notify_resource_updated:
 * @self: a #McpServer
 * @uri: the URI of the resource that changed
 *
 * Sends `notifications/resources/updated` to the clients that subscribed to
 * @uri, and to no other.
 *
 * Since: 0.1
 */
void
mcp_server_notify_resource_updated (McpServer  *self,
                                    const char *uri)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (uri != NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "uri", uri);
  params = _mcp_json_node_new_object (object);

  sessions = mcp_server_get_sessions (self);
  for (guint i = 0; i < sessions->len; i++)
    {
      McpServerSession *session = g_ptr_array_index (sessions, i);

      if (mcp_server_session_is_initialized (session) &&
          mcp_server_session_is_subscribed (session, uri))
        mcp_server_session_notify (session, "notifications/resources/updated", params);
    }

  if (self->subscriptions != NULL)
    _mcp_subscriptions_resource_updated (self->subscriptions, uri);
}

/* Prompts ------------------------------------------------------------------ */

/**
 * mcp_server_add_prompt:
 * @self: a #McpServer
 * @prompt: the prompt's description
 * @handler: (scope notified) (closure user_data) (destroy destroy): fills
 *   the prompt in on each `prompts/get`
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the prompt is removed
 *
 * Registers a prompt, replacing any prompt of the same name. The server
 * refuses a `prompts/get` that lacks a required argument (-32602) before
 * @handler runs.
 *
 * Since: 0.1
 */
void
mcp_server_add_prompt (McpServer        *self,
                       McpPrompt        *prompt,
                       McpPromptHandler  handler,
                       gpointer          user_data,
                       GDestroyNotify    destroy)
{
  Entry *entry;

  g_return_if_fail (MCP_IS_SERVER (self));
  g_return_if_fail (MCP_IS_PROMPT (prompt));
  g_return_if_fail (handler != NULL);

  entry = g_new0 (Entry, 1);
  entry_init (entry, prompt, handler, user_data, destroy);

  registry_add (&self->prompts, mcp_prompt_get_name (prompt), entry);
  queue_list_changed (self, MCP_LIST_CHANGED_PROMPTS);
}

/**
 * mcp_server_remove_prompt:
 * @self: a #McpServer
 * @name: the prompt's name
 *
 * Unregisters a prompt.
 *
 * Returns: %TRUE if the prompt existed
 *
 * Since: 0.1
 */
gboolean
mcp_server_remove_prompt (McpServer  *self,
                          const char *name)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!registry_remove (&self->prompts, name))
    return FALSE;

  queue_list_changed (self, MCP_LIST_CHANGED_PROMPTS);
  return TRUE;
}

/**
 * mcp_server_lookup_prompt:
 * @self: a #McpServer
 * @name: a prompt name
 *
 * Gets the prompt called @name.
 *
 * Returns: (transfer none) (nullable): the prompt called @name
 *
 * Since: 0.1
 */
McpPrompt *
mcp_server_lookup_prompt (McpServer  *self,
                          const char *name)
{
  Entry *entry;

  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  entry = registry_lookup (&self->prompts, name);
  return entry != NULL ? MCP_PROMPT (entry->object) : NULL;
}

/**
 * mcp_server_list_prompts:
 * @self: a #McpServer
 *
 * Gets the registered prompts, in registration order.
 *
 * Returns: (transfer container) (element-type McpPrompt): the registered
 *   prompts, in registration order
 *
 * Since: 0.1
 */
GPtrArray *
mcp_server_list_prompts (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return registry_list (&self->prompts);
}

/* Completion and capabilities --------------------------------------------- */

/**
 * mcp_server_set_completion_handler:
 * @self: a #McpServer
 * @handler: (scope notified) (closure user_data) (destroy destroy) (nullable):
 *   suggests argument values, or %NULL to offer no completions
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the handler is replaced
 *
 * Sets the handler of `completion/complete` for every prompt and resource
 * template. The `completions` capability is advertised while there is one.
 *
 * Since: 0.1
 */
void
mcp_server_set_completion_handler (McpServer            *self,
                                   McpCompletionHandler  handler,
                                   gpointer              user_data,
                                   GDestroyNotify        destroy)
{
  Entry old;

  g_return_if_fail (MCP_IS_SERVER (self));

  /* The old data is freed last: its destroy notify may call back into us. */
  old = self->completion;
  entry_init (&self->completion, NULL, handler, user_data, destroy);
  entry_clear (&old);
}

/**
 * mcp_server_get_declared_capabilities:
 * @self: a #McpServer
 *
 * Gets the capabilities declared with mcp_server_set_declared_capabilities().
 *
 * Returns: the capabilities declared with
 *   mcp_server_set_declared_capabilities()
 *
 * Since: 0.1
 */
McpServerCapabilities
mcp_server_get_declared_capabilities (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), MCP_SERVER_CAPABILITIES_NONE);

  return self->declared;
}

/**
 * mcp_server_set_declared_capabilities:
 * @self: a #McpServer
 * @capabilities: features to advertise even while nothing of them is
 *   registered
 *
 * Declares features the server will offer, for a server that registers
 * tools, resources or prompts only later: clients that initialize before
 * then learn of the capability, and so hear the `list_changed`
 * notification when the first one arrives. Features with something
 * registered are advertised anyway.
 *
 * Since: 0.1
 */
void
mcp_server_set_declared_capabilities (McpServer             *self,
                                      McpServerCapabilities  capabilities)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->declared == capabilities)
    return;

  self->declared = capabilities;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECLARED_CAPABILITIES]);
}

/* GObject ------------------------------------------------------------------ */

static void
mcp_server_dispose (GObject *object)
{
  McpServer *self = (McpServer *) object;

  g_clear_handle_id (&self->list_changed_id, g_source_remove);

  /* Open subscriptions end with a result, as the revision asks. */
  g_clear_pointer (&self->subscriptions, _mcp_subscriptions_free);

  if (self->listeners != NULL)
    g_ptr_array_set_size (self->listeners, 0);
  /* A middleware's data may hold the server. */
  if (self->middlewares != NULL)
    g_ptr_array_set_size (self->middlewares, 0);

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

  registry_clear (&self->tools);
  registry_clear (&self->resources);
  registry_clear (&self->templates);
  registry_clear (&self->prompts);
  mcp_server_set_completion_handler (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (mcp_server_parent_class)->dispose (object);
}

static void
mcp_server_finalize (GObject *object)
{
  McpServer *self = (McpServer *) object;

  _mcp_metadata_clear (&self->metadata);
  g_clear_pointer (&self->state_key, _mcp_request_state_key_free);
  g_clear_pointer (&self->instructions, g_free);
  registry_destroy (&self->tools);
  registry_destroy (&self->resources);
  registry_destroy (&self->templates);
  registry_destroy (&self->prompts);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->listeners, g_ptr_array_unref);
  g_clear_pointer (&self->middlewares, g_ptr_array_unref);
  g_clear_pointer (&self->metrics, _mcp_server_metrics_unref);

  G_OBJECT_CLASS (mcp_server_parent_class)->finalize (object);
}

static void
mcp_server_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McpServer *self = MCP_SERVER (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_DECLARED_CAPABILITIES:
      g_value_set_flags (value, self->declared);
      break;
    case PROP_INSTRUCTIONS:
      g_value_set_string (value, self->instructions);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_MAX_REQUESTS_IN_FLIGHT:
      g_value_set_uint (value, self->max_requests_in_flight);
      break;
    case PROP_REQUEST_STATE_LIFETIME:
      g_value_set_uint (value, self->request_state_lifetime);
      break;
    case PROP_CACHE_TTL:
      g_value_set_uint (value, self->cache_ttl);
      break;
    case PROP_MAX_SUBSCRIPTIONS:
      g_value_set_uint (value, mcp_server_get_max_subscriptions (self));
      break;
    case PROP_SCHEMA_EVALUATION_BUDGET:
      g_value_set_uint (value, self->schema_evaluation_budget);
      break;
    case PROP_N_SESSIONS:
      g_value_set_uint (value, self->sessions->len);
      break;
    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;
    case PROP_METRICS_ENABLED:
      g_value_set_boolean (value, self->metrics != NULL);
      break;
    case PROP_ACCESS_LOG:
      g_value_set_boolean (value, self->access_log);
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

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_DECLARED_CAPABILITIES:
      mcp_server_set_declared_capabilities (self, g_value_get_flags (value));
      break;
    case PROP_INSTRUCTIONS:
      mcp_server_set_instructions (self, g_value_get_string (value));
      break;
    case PROP_PAGE_SIZE:
      mcp_server_set_page_size (self, g_value_get_uint (value));
      break;
    case PROP_MAX_REQUESTS_IN_FLIGHT:
      mcp_server_set_max_requests_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_REQUEST_STATE_LIFETIME:
      mcp_server_set_request_state_lifetime (self, g_value_get_uint (value));
      break;
    case PROP_CACHE_TTL:
      mcp_server_set_cache_ttl (self, g_value_get_uint (value));
      break;
    case PROP_MAX_SUBSCRIPTIONS:
      mcp_server_set_max_subscriptions (self, g_value_get_uint (value));
      break;
    case PROP_SCHEMA_EVALUATION_BUDGET:
      mcp_server_set_schema_evaluation_budget (self, g_value_get_uint (value));
      break;
    case PROP_REQUEST_TIMEOUT:
      mcp_server_set_request_timeout (self, g_value_get_uint (value));
      break;
    case PROP_METRICS_ENABLED:
      mcp_server_set_metrics_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_ACCESS_LOG:
      if (self->access_log != g_value_get_boolean (value))
        {
          self->access_log = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
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
  properties[MCP_METADATA_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "mcp-glib-server",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:version:
   *
   * The server's version, as `serverInfo.version`.
   *
   * Since: 0.1
   */
  properties[MCP_METADATA_PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, "0",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:title:
   *
   * A human-readable title, as `serverInfo.title`.
   *
   * Since: 0.1
   */
  /**
   * McpServer:description:
   *
   * What the server does, as `serverInfo.description`.
   *
   * Since: 0.1
   */
  /**
   * McpServer:website-url:
   *
   * The server's home page, as `serverInfo.websiteUrl`.
   *
   * Since: 0.1
   */
  /**
   * McpServer:icons:
   *
   * An array of icons, as `serverInfo.icons`.
   *
   * Since: 0.1
   */

  /**
   * McpServer:declared-capabilities:
   *
   * Features advertised even while nothing of them is registered; see
   * mcp_server_set_declared_capabilities().
   *
   * Since: 0.1
   */
  properties[PROP_DECLARED_CAPABILITIES] =
    g_param_spec_flags ("declared-capabilities", NULL, NULL,
                        MCP_TYPE_SERVER_CAPABILITIES, MCP_SERVER_CAPABILITIES_NONE,
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
   * McpServer:max-requests-in-flight:
   *
   * How many requests of one client are handled at once, given to the
   * #McpSession:max-requests-in-flight of every session opened from now
   * on; 0 allows any number. A request beyond it is answered at once with
   * the JSON-RPC error -32000 and never reaches a handler.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_REQUESTS_IN_FLIGHT] =
    g_param_spec_uint ("max-requests-in-flight", NULL, NULL, 0, G_MAXUINT,
                       MCP_SESSION_DEFAULT_MAX_REQUESTS_IN_FLIGHT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:request-state-lifetime:
   *
   * How long, in seconds, the `requestState` of an input round stays good
   * on the 2026-07-28 era: a client that retries later gets -32602 and
   * starts the request over. 0 means the default, 600 (ten minutes).
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_STATE_LIFETIME] =
    g_param_spec_uint ("request-state-lifetime", NULL, NULL, 0, 7 * 24 * 3600,
                       MCP_SERVER_DEFAULT_REQUEST_STATE_LIFETIME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:cache-ttl:
   *
   * The `ttlMs`, in milliseconds, of the 2026-07-28 era's cacheable results
   * (`server/discover`, the four lists and `resources/read`) where neither
   * the handler nor the resource (mcp_resource_set_cache_hints()) set one:
   * how long a client may answer the same request from its cache. 0, the
   * default, makes them stale at once.
   *
   * Since: 0.1
   */
  properties[PROP_CACHE_TTL] =
    g_param_spec_uint ("cache-ttl", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:max-subscriptions:
   *
   * The `subscriptions/listen` requests of the 2026-07-28 era served at
   * once, over every connection; one more is answered with -32603. 0 allows
   * any number.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_SUBSCRIPTIONS] =
    g_param_spec_uint ("max-subscriptions", NULL, NULL, 0, G_MAXUINT,
                       MCP_SERVER_DEFAULT_MAX_SUBSCRIPTIONS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:schema-evaluation-budget:
   *
   * How many subschema evaluations checking a tool's arguments against its
   * input schema may spend, on top of 16 per value in the arguments
   * (%MCP_SERVER_DEFAULT_SCHEMA_EVALUATION_BUDGET, 10000, by default). A
   * schema too costly to evaluate within it, such as nested `anyOf` whose
   * alternatives all fail deep down, fails the call with the JSON-RPC error
   * -32603 instead of running the handler; a schema of ordinary size never
   * comes near it.
   *
   * Since: 0.1
   */
  properties[PROP_SCHEMA_EVALUATION_BUDGET] =
    g_param_spec_uint ("schema-evaluation-budget", NULL, NULL, 0, G_MAXUINT,
                       MCP_SERVER_DEFAULT_SCHEMA_EVALUATION_BUDGET,
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

  /**
   * McpServer:request-timeout:
   *
   * Milliseconds a request may take, from its arrival to its answer; 0
   * (the default) for no deadline. Past it the client gets the JSON-RPC
   * error -32001 ("Request timed out") and the handler's cancellable is
   * cancelled; what the handler answers later is dropped. A
   * `subscriptions/listen` stream has no deadline.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:metrics-enabled:
   *
   * Whether the server counts its requests (by method, with a latency
   * histogram), tool calls (by tool) and rate-limit refusals, for
   * mcp_server_dup_metrics() and mcp_server_dup_metrics_text(); off by
   * default. Labels are the server's own methods and tools: a request for
   * another counts as `unknown`.
   *
   * Since: 0.1
   */
  properties[PROP_METRICS_ENABLED] =
    g_param_spec_boolean ("metrics-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpServer:access-log:
   *
   * Whether every answered request is logged, through g_log_structured()
   * at %G_LOG_LEVEL_INFO in the `Mcp` domain, with the fields
   * `MCP_REQUEST_ID`, `MCP_METHOD`, `MCP_TOOL` (for a tool call),
   * `MCP_PRINCIPAL` (when the caller has an identity), `MCP_OUTCOME`
   * (`ok`, `error` or `tool_error`) and `MCP_DURATION_MS`; the journal
   * keeps them as they are. Off by default.
   *
   * Since: 0.1
   */
  properties[PROP_ACCESS_LOG] =
    g_param_spec_boolean ("access-log", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  _mcp_metadata_install_properties (object_class, properties, N_PROPS, SERVER_INFO);

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
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, SERVER_INFO);
  self->state_key = _mcp_request_state_key_new ();
  self->subscriptions = _mcp_subscriptions_new (MCP_SERVER_DEFAULT_MAX_SUBSCRIPTIONS);
  self->request_state_lifetime = MCP_SERVER_DEFAULT_REQUEST_STATE_LIFETIME;
  self->page_size = MCP_SERVER_DEFAULT_PAGE_SIZE;
  self->max_requests_in_flight = MCP_SESSION_DEFAULT_MAX_REQUESTS_IN_FLIGHT;
  self->schema_evaluation_budget = MCP_SERVER_DEFAULT_SCHEMA_EVALUATION_BUDGET;
  registry_init (&self->tools, tool_entry_free);
  registry_init (&self->resources, resource_entry_free);
  registry_init (&self->templates, entry_free);
  registry_init (&self->prompts, entry_free);
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  self->listeners = g_ptr_array_new_with_free_func ((GDestroyNotify) listener_entry_free);
  self->middlewares = g_ptr_array_new_with_free_func (middleware_unref);
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
 * Gets the server's name.
 *
 * Returns: the server's name
 *
 * Since: 0.1
 */
const char *
mcp_server_get_name (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->metadata.name;
}

/**
 * mcp_server_get_version:
 * @self: a #McpServer
 *
 * Gets the server's version.
 *
 * Returns: the server's version
 *
 * Since: 0.1
 */
const char *
mcp_server_get_version (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->metadata.version;
}

/**
 * mcp_server_get_title:
 * @self: a #McpServer
 *
 * Gets the server's title.
 *
 * Returns: (nullable): the server's title
 *
 * Since: 0.1
 */
const char *
mcp_server_get_title (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->metadata.title;
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

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_TITLE, title);
}

/**
 * mcp_server_get_instructions:
 * @self: a #McpServer
 *
 * Gets the instructions for the model.
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
 * Gets the number of items per page of list results.
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

/**
 * mcp_server_get_max_requests_in_flight:
 * @self: a #McpServer
 *
 * Gets #McpServer:max-requests-in-flight.
 *
 * Returns: the most requests of one client handled at once (0: no cap)
 *
 * Since: 0.1
 */
guint
mcp_server_get_max_requests_in_flight (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->max_requests_in_flight;
}

/**
 * mcp_server_set_max_requests_in_flight:
 * @self: a #McpServer
 * @max_requests: the most requests of one client handled at once; 0 for no cap
 *
 * Sets #McpServer:max-requests-in-flight for the sessions opened from now
 * on.
 *
 * Since: 0.1
 */
void
mcp_server_set_max_requests_in_flight (McpServer *self,
                                       guint      max_requests)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->max_requests_in_flight == max_requests)
    return;

  self->max_requests_in_flight = max_requests;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REQUESTS_IN_FLIGHT]);
}

/**
 * mcp_server_get_schema_evaluation_budget:
 * @self: a #McpServer
 *
 * Gets #McpServer:schema-evaluation-budget.
 *
 * Returns: the subschema evaluations one check of a tool's arguments may
 *   spend, beyond 16 per value
 *
 * Since: 0.1
 */
guint
mcp_server_get_schema_evaluation_budget (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), 0);

  return self->schema_evaluation_budget;
}

/**
 * mcp_server_set_schema_evaluation_budget:
 * @self: a #McpServer
 * @budget: the subschema evaluations one check of a tool's arguments may
 *   spend, beyond 16 per value
 *
 * Sets #McpServer:schema-evaluation-budget for the tool calls that arrive
 * from now on.
 *
 * Since: 0.1
 */
void
mcp_server_set_schema_evaluation_budget (McpServer *self,
                                         guint      budget)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  if (self->schema_evaluation_budget == budget)
    return;

  self->schema_evaluation_budget = budget;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA_EVALUATION_BUDGET]);
}

/**
 * mcp_server_get_description:
 * @self: a #McpServer
 *
 * Gets what the server does.
 *
 * Returns: (nullable): what the server does
 *
 * Since: 0.1
 */
const char *
mcp_server_get_description (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->metadata.description;
}

/**
 * mcp_server_set_description:
 * @self: a #McpServer
 * @description: (nullable): what the server does
 *
 * Sets #McpServer:description.
 *
 * Since: 0.1
 */
void
mcp_server_set_description (McpServer  *self,
                            const char *description)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_DESCRIPTION, description);
}

/**
 * mcp_server_get_website_url:
 * @self: a #McpServer
 *
 * Gets the server's home page.
 *
 * Returns: (nullable): the server's home page
 *
 * Since: 0.1
 */
const char *
mcp_server_get_website_url (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->metadata.website_url;
}

/**
 * mcp_server_set_website_url:
 * @self: a #McpServer
 * @website_url: (nullable): the server's home page
 *
 * Sets #McpServer:website-url.
 *
 * Since: 0.1
 */
void
mcp_server_set_website_url (McpServer  *self,
                            const char *website_url)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_WEBSITE_URL, website_url);
}

/**
 * mcp_server_get_icons:
 * @self: a #McpServer
 *
 * Gets the icons array.
 *
 * Returns: (transfer none) (nullable): the icons array
 *
 * Since: 0.1
 */
JsonNode *
mcp_server_get_icons (McpServer *self)
{
  g_return_val_if_fail (MCP_IS_SERVER (self), NULL);

  return self->metadata.icons;
}

/**
 * mcp_server_set_icons:
 * @self: a #McpServer
 * @icons: (nullable): an array of `Icon` objects
 *
 * Sets #McpServer:icons.
 *
 * Since: 0.1
 */
void
mcp_server_set_icons (McpServer *self,
                      JsonNode  *icons)
{
  g_return_if_fail (MCP_IS_SERVER (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ICONS, icons);
}

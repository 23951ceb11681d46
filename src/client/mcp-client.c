/* mcp-client.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-private.h"
#include "mcp-enums.h"
#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-header-params-private.h"
#include "mcp-http-transport-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-json-node-private.h"
#include "mcp-metadata-private.h"
#include "mcp-message.h"
#include "mcp-prompt.h"
#include "mcp-prompt-result.h"
#include "mcp-request.h"
#include "mcp-request-private.h"
#include "mcp-session-private.h"
#include "mcp-resource.h"
#include "mcp-resource-template.h"
#include "mcp-root.h"
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

/* The modern protocol version this client speaks. */
#define MODERN_VERSION "2026-07-28"

/* The defaults of #McpClient:max-input-rounds and :discovery-timeout. */
#define DEFAULT_MAX_INPUT_ROUNDS 8
#define DEFAULT_DISCOVERY_TIMEOUT 3000

/* A handler the application set for the server's requests, with its data. */
typedef struct
{
  GCallback      func;
  gpointer       data;
  GDestroyNotify destroy;
} Handler;

struct _McpClient
{
  GObject       parent_instance;

  McpMetadata   metadata;   /* the clientInfo */
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

  McpSamplingFeatures    sampling_features;
  Handler                sampling;       /* McpSamplingHandler */

  McpElicitationMode     elicitation_modes;
  Handler                elicitation;    /* McpElicitationHandler */

  Handler                roots_handler;  /* McpRootsHandler */
  GPtrArray             *roots;          /* McpRoot, or NULL: no roots */

  /* The 2026-07-28 era */
  guint         max_input_rounds;
  guint         discovery_timeout;
  McpLoggingLevel log_level;     /* sent on every modern request when log_level_set */
  GHashTable   *cache;           /* cache key → CacheEntry, with cache_results */
  GHashTable   *subscribed;      /* resource URIs subscribed on the modern era */
  GCancellable *resource_listen; /* the listen that carries them */
  GPtrArray    *input_waits;     /* GTask: calls waiting for the application's input */

  GHookList     middlewares;     /* McpClientMiddlewareFunc, in the order added */

  guint         connected : 1;
  guint         connecting : 1;
  guint         declared_roots : 1;
  guint         modern : 1;
  guint         log_level_set : 1;
  guint         cache_results : 1;
};

G_DEFINE_FINAL_TYPE (McpClient, mcp_client, G_TYPE_OBJECT)

#define CLIENT_INFO (MCP_METADATA_NAME | MCP_METADATA_VERSION | MCP_METADATA_TITLE)

enum {
  PROP_REQUESTED_PROTOCOL_VERSION = MCP_METADATA_N_PROPS,
  PROP_REQUEST_TIMEOUT,
  PROP_SESSION,
  PROP_TRANSPORT,
  PROP_CONNECTED,
  PROP_PROTOCOL_VERSION,
  PROP_SERVER_INFO,
  PROP_SERVER_CAPABILITIES,
  PROP_INSTRUCTIONS,
  PROP_MAX_INPUT_ROUNDS,
  PROP_DISCOVERY_TIMEOUT,
  PROP_CACHE_RESULTS,
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
  ELICITATION_COMPLETE,
  CLOSED,
  RECONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers ------------------------------------------------------------------ */

typedef gpointer (*ResultParser) (JsonNode       *result,
                                  gconstpointer   parser_data,
                                  GError        **error);

typedef struct _RequestData RequestData;

struct _RequestData
{
  ResultParser   parser;
  gconstpointer  parser_data;
  GDestroyNotify destroy;

  /* The 2026-07-28 era: what it takes to send the request again. */
  char                *method;
  JsonNode            *params;          /* as the caller gave them */
  McpRequestFlags      flags;
  gint                 timeout_ms;
  McpProgressCallback  progress_callback;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
  char                *cache_key;       /* when the result may be cached */
  guint                rounds;          /* input rounds so far */
  guint                version_retries;
  gboolean             relisted;        /* tools/list again after a HeaderMismatch */
  JsonObject          *responses;       /* the answers of this round */
  char                *request_state;   /* the server's, echoed unchanged */
  GPtrArray           *inputs;          /* McpRequest, waiting for the application */
  guint                pending_inputs;
  GError              *input_error;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  gboolean             returned;
};

static void
request_data_free (RequestData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);
  g_free (data->method);
  g_clear_pointer (&data->params, json_node_unref);
  g_free (data->cache_key);
  g_clear_pointer (&data->responses, json_object_unref);
  g_free (data->request_state);
  if (data->inputs != NULL)
    {
      for (guint i = 0; i < data->inputs->len; i++)
        _mcp_request_abandon (g_ptr_array_index (data->inputs, i));
      g_ptr_array_unref (data->inputs);
    }
  g_clear_error (&data->input_error);
  g_free (data);
}

static void cache_store (McpClient *self, const char *key, JsonNode *result);
static void take_tool_headers (McpClient *self, JsonNode *reply);
static JsonNode *cache_lookup (McpClient *self, const char *key);
static char *cache_key_for (McpClient *self, const char *method, JsonNode *params);
static void modern_send (GTask *task);
static void relist_tools (McpClient *self, GTask *task);

/* Returns the task's result once, whichever of the reply and a
 * cancellation comes first. */
static void
request_return (GTask    *task,
                gpointer  parsed,
                GError   *error)
{
  RequestData *data = g_task_get_task_data (task);

  if (data->returned)
    {
      if (error != NULL)
        g_error_free (error);
      else if (parsed != NULL && data->destroy != NULL)
        data->destroy (parsed);
      else if (parsed != NULL && data->parser == NULL)
        json_node_unref (parsed);
      return;
    }

  data->returned = TRUE;
  if (error != NULL)
    g_task_return_error (task, error);
  else if (data->parser == NULL)
    g_task_return_pointer (task, parsed, (GDestroyNotify) json_node_unref);
  else
    g_task_return_pointer (task, parsed, data->destroy);
}

static void
request_complete (GTask    *task,
                  JsonNode *reply)
{
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer parsed;

  if (data->parser == NULL)
    {
      request_return (task, json_node_ref (reply), NULL);
      return;
    }

  parsed = data->parser (reply, data->parser_data, &error);
  request_return (task, error == NULL ? parsed : NULL, error);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);
  if (reply == NULL)
    request_return (task, NULL, error);
  else
    request_complete (task, reply);
}

/* The modern era ----------------------------------------------------------- */

static JsonNode *build_client_capabilities (McpClient *self);

/* The `_meta` envelope of a modern request. */
static JsonObject *
request_meta (McpClient *self)
{
  g_autoptr(JsonNode) capabilities = build_client_capabilities (self);
  g_autoptr(JsonObject) client_info = json_object_new ();

  _mcp_metadata_to_json (&self->metadata, client_info);
  return _mcp_envelope_new_request_meta (MODERN_VERSION,
                                         json_node_get_object (capabilities),
                                         client_info,
                                         self->log_level_set
                                         ? mcp_logging_level_to_string (self->log_level)
                                         : NULL);
}

/* @params with the envelope merged into its `_meta` (keeping the caller's
 * own keys), and the answers of the last input round. */
static JsonNode *
modern_params (McpClient  *self,
               JsonNode   *params,
               JsonObject *responses,
               const char *request_state)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonObject) meta = request_meta (self);

  if (params != NULL && JSON_NODE_HOLDS_OBJECT (params))
    {
      JsonObject *given = json_node_get_object (params);
      g_autoptr(GList) names = json_object_get_members (given);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (given, l->data);

          if (g_str_equal (l->data, "_meta") && JSON_NODE_HOLDS_OBJECT (member))
            {
              JsonObject *own = json_node_get_object (member);
              g_autoptr(GList) keys = json_object_get_members (own);

              for (GList *k = keys; k != NULL; k = k->next)
                if (!json_object_has_member (meta, k->data))
                  json_object_set_member (meta, k->data,
                                          json_node_copy (json_object_get_member (own, k->data)));
            }
          else if (!g_str_equal (l->data, "inputResponses") &&
                   !g_str_equal (l->data, "requestState"))
            json_object_set_member (object, l->data, json_node_copy (member));
        }
    }

  json_object_set_object_member (object, "_meta", g_steal_pointer (&meta));
  if (responses != NULL)
    json_object_set_object_member (object, "inputResponses", json_object_ref (responses));
  if (request_state != NULL)
    json_object_set_string_member (object, "requestState", request_state);

  return _mcp_json_node_new_object (object);
}

static void
progress_relay (gdouble     progress,
                gdouble     total,
                const char *message,
                gpointer    user_data)
{
  RequestData *data = user_data;

  if (data->progress_callback != NULL)
    data->progress_callback (progress, total, message, data->progress_data);
}

static void handle_sampling (McpSession *session, McpRequest *request, gpointer user_data);
static void handle_elicitation (McpSession *session, McpRequest *request, gpointer user_data);
static void handle_roots (McpSession *session, McpRequest *request, gpointer user_data);

/* A call keeps itself alive while the application answers its input
 * requests, which may take a dialog and a user; a cancel or the end of
 * the connection ends the wait. */
static void
input_wait_end (GTask *task)
{
  McpClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);

  if (data->inputs != NULL)
    {
      for (guint i = 0; i < data->inputs->len; i++)
        _mcp_request_abandon (g_ptr_array_index (data->inputs, i));
      g_clear_pointer (&data->inputs, g_ptr_array_unref);
    }
  if (self->input_waits != NULL)
    g_ptr_array_remove (self->input_waits, task);
}

static void
fail_input_waits (McpClient *self)
{
  g_autoptr(GPtrArray) waits = g_steal_pointer (&self->input_waits);

  for (guint i = 0; waits != NULL && i < waits->len; i++)
    {
      GTask *task = g_ptr_array_index (waits, i);

      input_wait_end (task);
      request_return (task, NULL, g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                                               "The connection closed while the client was "
                                               "answering the server's input requests"));
    }
}

static void
inputs_done (GTask *task)
{
  g_autoptr(GTask) hold = g_object_ref (task);
  RequestData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->inputs, g_ptr_array_unref);
  input_wait_end (task);
  if (data->returned)
    return;

  if (data->input_error != NULL)
    {
      request_return (task, NULL, g_steal_pointer (&data->input_error));
      return;
    }

  modern_send (task);
}

/* The application's handler answered one of the server's input requests. */
static void
input_reply_cb (McpRequest *request,
                JsonNode   *message,
                gpointer    user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (message) ? json_node_get_object (message) : NULL;
  JsonNode *result = object != NULL ? json_object_get_member (object, "result") : NULL;
  JsonObject *error = object != NULL ? _mcp_json_object_get_object (object, "error") : NULL;
  const char *key = json_node_get_string (mcp_request_get_id (request));

  if (result != NULL)
    json_object_set_member (data->responses, key, json_node_copy (result));
  else if (data->input_error == NULL)
    data->input_error = g_error_new (MCP_ERROR, MCP_ERROR_FAILED,
                                     "The client could not answer the server's %s: %s",
                                     mcp_request_get_method (request),
                                     error != NULL && _mcp_json_object_get_string (error, "message") != NULL
                                     ? _mcp_json_object_get_string (error, "message")
                                     : "no answer");

  if (--data->pending_inputs == 0)
    inputs_done (task);
}

static void
dispatch_input (McpClient  *self,
                GTask      *task,
                const char *key,
                JsonNode   *input)
{
  RequestData *data = g_task_get_task_data (task);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (input) ? json_node_get_object (input) : NULL;
  const char *method = _mcp_json_object_get_string (object, "method");
  JsonNode *params = object != NULL ? json_object_get_member (object, "params") : NULL;
  g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (), key);
  g_autoptr(McpRequest) request = NULL;

  if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
    params = NULL;

  data->pending_inputs++;
  request = _mcp_request_new_local (id, method != NULL ? method : "", params,
                                    input_reply_cb, task);
  g_ptr_array_add (data->inputs, g_object_ref (request));

  if (g_strcmp0 (method, "sampling/createMessage") == 0)
    handle_sampling (NULL, request, self);
  else if (g_strcmp0 (method, "elicitation/create") == 0)
    handle_elicitation (NULL, request, self);
  else if (g_strcmp0 (method, "roots/list") == 0)
    handle_roots (NULL, request, self);
  else
    mcp_request_return_error (request, MCP_JSONRPC_METHOD_NOT_FOUND,
                              "This client does not know this kind of input request", NULL);
}

static void
input_round (McpClient  *self,
             GTask      *task,
             JsonObject *result)
{
  RequestData *data = g_task_get_task_data (task);
  JsonObject *requests = _mcp_json_object_get_object (result, "inputRequests");
  const char *state = _mcp_json_object_get_string (result, "requestState");
  g_autoptr(GList) keys = NULL;

  if (++data->rounds > self->max_input_rounds)
    {
      request_return (task, NULL,
                      g_error_new (MCP_ERROR, MCP_ERROR_FAILED,
                                   "The server asked for input more than %u times for one %s "
                                   "(see McpClient:max-input-rounds)",
                                   self->max_input_rounds, data->method));
      return;
    }

  if (requests == NULL && state == NULL)
    {
      request_return (task, NULL,
                      g_error_new (MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                                   "The server sent an invalid %s result: input required, but "
                                   "neither inputRequests nor requestState", data->method));
      return;
    }

  g_free (data->request_state);
  data->request_state = g_strdup (state);
  g_clear_pointer (&data->responses, json_object_unref);
  data->responses = json_object_new ();
  data->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->input_waits == NULL)
    self->input_waits = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->input_waits, g_object_ref (task));

  /* One for the loop: a handler that answers at once cannot end the round
   * before every request was handed out. */
  data->pending_inputs = 1;
  if (requests != NULL)
    keys = json_object_get_members (requests);
  for (GList *l = keys; l != NULL; l = l->next)
    dispatch_input (self, task, l->data, json_object_get_member (requests, l->data));

  if (--data->pending_inputs == 0)
    inputs_done (task);
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (_mcp_json_node_is_string (node) && g_str_equal (json_node_get_string (node), value))
        return TRUE;
    }
  return FALSE;
}

/* The versions a -32022 error lists; whether the modern one is among them. */
static gboolean
error_lists_modern_version (const GError *error)
{
  JsonNode *error_data = mcp_error_get_data (error);

  return error_data != NULL && JSON_NODE_HOLDS_OBJECT (error_data) &&
         array_has_string (_mcp_json_object_get_array (json_node_get_object (error_data),
                                                       "supported"),
                           MODERN_VERSION);
}

/* Finishes a modern request's send into @reply or @error; FALSE when the
 * call has returned already (it was cancelled), and the answer is dropped. */
static gboolean
modern_reply_finish (GTask         *task,
                     GObject       *session,
                     GAsyncResult  *result,
                     JsonNode     **reply,
                     GError       **error)
{
  RequestData *data = g_task_get_task_data (task);

  *reply = mcp_session_send_request_finish (MCP_SESSION (session), result, error);
  if (!data->returned)
    return TRUE;

  g_clear_pointer (reply, json_node_unref);
  g_clear_error (error);
  return FALSE;
}

static void
modern_reply_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;
  const char *result_type;

  if (!modern_reply_finish (task, object, result, &reply, &error))
    return;

  if (reply == NULL)
    {
      /* The server does not take our version but says it takes it (a
       * stale choice, a replica that was behind): one more try. */
      if (mcp_error_get_jsonrpc_code (error) == MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION &&
          data->version_retries++ == 0 && error_lists_modern_version (error))
        {
          g_clear_error (&error);
          modern_send (g_steal_pointer (&task));
          return;
        }
      if (mcp_error_get_jsonrpc_code (error) == MCP_JSONRPC_HEADER_MISMATCH &&
          g_str_equal (data->method, "tools/call") && !data->relisted &&
          MCP_IS_HTTP_TRANSPORT (self->transport))
        {
          g_clear_error (&error);
          relist_tools (self, task);
          return;
        }
      request_return (task, NULL, error);
      return;
    }

  result_type = JSON_NODE_HOLDS_OBJECT (reply)
                ? _mcp_envelope_result_type (json_node_get_object (reply))
                : NULL;

  if (g_strcmp0 (result_type, MCP_RESULT_TYPE_INPUT_REQUIRED) == 0)
    {
      input_round (self, task, json_node_get_object (reply));
      return;
    }

  /* "complete", or none at all: a result of an older server is complete. */
  if (g_str_equal (data->method, "tools/list"))
    take_tool_headers (self, reply);
  if (data->cache_key != NULL)
    cache_store (self, data->cache_key, reply);
  request_complete (task, reply);
}

/* The server found our Mcp-Param headers wrong for the tool: its schema
 * may have changed. Learn it again, then try once more. */
static void
relist_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;

  if (!modern_reply_finish (task, object, result, &reply, &error))
    return;
  if (reply == NULL)
    {
      request_return (task, NULL, error);
      return;
    }

  take_tool_headers (g_task_get_source_object (task), reply);
  modern_send (task);
}

static void
relist_tools (McpClient *self,
              GTask     *task)
{
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) params = modern_params (self, NULL, NULL, NULL);

  data->relisted = TRUE;
  mcp_session_send_request_full_async (self->session, "tools/list", params, NULL,
                                       MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                                       data->cancellable, relist_cb, g_object_ref (task));
}

static void
modern_send (GTask *task)
{
  McpClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) params = NULL;

  if (self->session == NULL || !self->connected)
    {
      request_return (task, NULL, g_error_new (MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                                               "The client is not connected"));
      return;
    }

  params = modern_params (self, data->params, data->rounds > 0 ? data->responses : NULL,
                          data->rounds > 0 ? data->request_state : NULL);
  mcp_session_send_request_full_async (self->session, data->method, params, NULL,
                                       data->flags, data->timeout_ms,
                                       data->progress_callback != NULL ? progress_relay : NULL,
                                       data, NULL,
                                       data->cancellable,
                                       modern_reply_cb, g_object_ref (task));
}

/* The caller cancelled while the application was still answering the
 * server's input requests: answer at once. */
static void
on_request_cancelled (GCancellable *cancellable,
                      GTask        *task)
{
  g_autoptr(GTask) hold = g_object_ref (task);
  RequestData *data = g_task_get_task_data (task);

  if (data->inputs == NULL || data->returned)
    return;

  input_wait_end (task);
  request_return (task, NULL, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           "The request was cancelled"));
}

/* The middlewares, in order, until one answers: its answer, or NULL. */
static JsonNode *
run_middlewares (McpClient  *self,
                 const char *method,
                 JsonObject *params)
{
  GHook *hook = g_hook_first_valid (&self->middlewares, FALSE);

  while (hook != NULL)
    {
      McpClientMiddlewareFunc func = (McpClientMiddlewareFunc) hook->func;
      gboolean was_in_call = G_HOOK_IN_CALL (hook);
      JsonNode *answer;

      hook->flags |= G_HOOK_FLAG_IN_CALL;
      answer = func (self, method, params, hook->data);
      if (!was_in_call)
        hook->flags &= ~G_HOOK_FLAG_IN_CALL;
      if (answer != NULL)
        {
          g_hook_unref (&self->middlewares, hook);
          return answer;
        }
      hook = g_hook_next_valid (&self->middlewares, hook, FALSE);
    }
  return NULL;
}

/* Completes @task with what a middleware answered: {"result": …} or
 * {"error": {"code", "message", "data"}}. */
static void
middleware_answer (GTask    *task,
                   JsonNode *answer)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonNode *result = object != NULL ? json_object_get_member (object, "result") : NULL;
  JsonObject *error = object != NULL ? _mcp_json_object_get_object (object, "error") : NULL;

  if (result != NULL)
    request_complete (task, result);
  else if (error != NULL)
    {
      JsonNode *code = json_object_get_member (error, "code");

      request_return (task, NULL,
                      mcp_error_new_from_jsonrpc (code != NULL && JSON_NODE_HOLDS_VALUE (code) &&
                                                  json_node_get_value_type (code) == G_TYPE_INT64
                                                  ? (gint) json_node_get_int (code)
                                                  : MCP_JSONRPC_INTERNAL_ERROR,
                                                  _mcp_json_object_get_string (error, "message"),
                                                  json_object_get_member (error, "data")));
    }
  else
    request_return (task, NULL,
                    g_error_new (MCP_ERROR, MCP_ERROR_INTERNAL_ERROR,
                                 "A client middleware answered with neither a result nor an error"));
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
                gconstpointer        parser_data,
                GDestroyNotify       destroy,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) edited = NULL;
  RequestData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (RequestData, 1);
  data->parser = parser;
  data->parser_data = parser_data;
  data->destroy = destroy;
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);

  if (self->session == NULL || !self->connected)
    {
      if (progress_destroy != NULL)
        progress_destroy (progress_data);
      request_return (task, NULL, g_error_new (MCP_ERROR, MCP_ERROR_NOT_CONNECTED,
                                               "The client is not connected"));
      return;
    }

  /* The middlewares see (and may change) a copy of the params. */
  if (self->middlewares.hooks != NULL)
    {
      g_autoptr(JsonNode) answer = NULL;

      edited = params != NULL && JSON_NODE_HOLDS_OBJECT (params)
               ? json_node_copy (params) : _mcp_json_node_new_object (json_object_new ());
      answer = run_middlewares (self, method, json_node_get_object (edited));
      if (answer != NULL)
        {
          if (progress_destroy != NULL)
            progress_destroy (progress_data);
          middleware_answer (task, answer);
          return;
        }
      params = edited;
    }

  if (!self->modern)
    {
      mcp_session_send_request_full_async (self->session, method, params, NULL,
                                           flags, timeout_ms,
                                           progress_callback, progress_data, progress_destroy,
                                           cancellable,
                                           request_cb,
                                           g_steal_pointer (&task));
      return;
    }

  data->method = g_strdup (method);
  data->params = params != NULL ? json_node_copy (params) : NULL;
  data->flags = flags;
  data->timeout_ms = timeout_ms;
  data->progress_callback = progress_callback;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                             G_CALLBACK (on_request_cancelled), task);
    }

  data->cache_key = cache_key_for (self, method, params);
  if (data->cache_key != NULL)
    {
      g_autoptr(JsonNode) cached = cache_lookup (self, data->cache_key);

      if (cached != NULL)
        {
          request_complete (task, cached);
          return;
        }
    }

  modern_send (task);
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

/* The old data is freed last: its destroy notify may call back into us. */
static void
handler_set (Handler        *handler,
             GCallback       func,
             gpointer        data,
             GDestroyNotify  destroy)
{
  Handler old = *handler;

  handler->func = func;
  handler->data = data;
  handler->destroy = destroy;

  if (old.destroy != NULL)
    old.destroy (old.data);
}

/* The params `{"name": name, "arguments": arguments}` of prompts/get and
 * tools/call (which always sends arguments, if only an empty object), or
 * %NULL if the caller's are not those. */
static JsonNode *
named_params (const char *name,
              JsonNode   *arguments,
              gboolean    always_arguments)
{
  JsonObject *object;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (arguments == NULL || JSON_NODE_HOLDS_OBJECT (arguments), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "name", name);
  if (arguments != NULL)
    json_object_set_member (object, "arguments", json_node_copy (arguments));
  else if (always_arguments)
    json_object_set_object_member (object, "arguments", json_object_new ());
  return _mcp_json_node_new_object (object);
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
parse_empty (JsonNode       *result,
             gconstpointer   parser_data,
             GError        **error)
{
  return GINT_TO_POINTER (TRUE);
}

/* Notifications ------------------------------------------------------------ */

static void cache_invalidate (McpClient *self, const char *method);

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
    {
      cache_invalidate (self, "tools/list");
      g_signal_emit (self, signals[TOOLS_CHANGED], 0);
    }
  else if (g_str_equal (method, "notifications/resources/list_changed"))
    {
      cache_invalidate (self, "resources/list");
      cache_invalidate (self, "resources/templates/list");
      g_signal_emit (self, signals[RESOURCES_CHANGED], 0);
    }
  else if (g_str_equal (method, "notifications/prompts/list_changed"))
    {
      cache_invalidate (self, "prompts/list");
      g_signal_emit (self, signals[PROMPTS_CHANGED], 0);
    }
  else if (g_str_equal (method, "notifications/resources/updated"))
    {
      const char *uri = _mcp_json_object_get_string (object, "uri");

      cache_invalidate (self, "resources/read");
      if (uri != NULL)
        g_signal_emit (self, signals[RESOURCE_UPDATED], 0, uri);
    }
  else if (g_str_equal (method, "notifications/elicitation/complete"))
    {
      const char *id = _mcp_json_object_get_string (object, "elicitationId");

      if (id != NULL)
        g_signal_emit (self, signals[ELICITATION_COMPLETE], 0, id);
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

/* Requests from the server ------------------------------------------------- */

static void
handle_sampling (McpSession *session,
                 McpRequest *request,
                 gpointer    user_data)
{
  McpClient *self = user_data;
  JsonObject *params = json_node_get_object (mcp_request_get_params (request));
  JsonNode *max_tokens = json_object_get_member (params, "maxTokens");
  g_autoptr(McpSamplingRequest) sampling = NULL;
  g_autoptr(McpClient) hold = g_object_ref (self);

  if (self->sampling.func == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_METHOD_NOT_FOUND,
                                "This client does not support sampling", NULL);
      return;
    }

  if (_mcp_json_object_get_array (params, "messages") == NULL ||
      !_mcp_json_node_is_number (max_tokens))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "sampling/createMessage needs messages and maxTokens", NULL);
      return;
    }

  /* The specification makes this the client's check. */
  if (!(self->sampling_features & MCP_SAMPLING_FEATURES_TOOLS) &&
      (json_object_has_member (params, "tools") || json_object_has_member (params, "toolChoice")))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "This client does not support tool use in sampling", NULL);
      return;
    }

  sampling = _mcp_sampling_request_new (self, request);
  ((McpSamplingHandler) self->sampling.func) (self, sampling, self->sampling.data);
}

static void
handle_elicitation (McpSession *session,
                    McpRequest *request,
                    gpointer    user_data)
{
  McpClient *self = user_data;
  JsonObject *params = json_node_get_object (mcp_request_get_params (request));
  const char *mode_name = _mcp_json_object_get_string (params, "mode");
  g_autoptr(McpElicitationRequest) elicitation = NULL;
  g_autoptr(McpClient) hold = g_object_ref (self);
  McpElicitationMode mode;

  if (self->elicitation.func == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_METHOD_NOT_FOUND,
                                "This client does not support elicitation", NULL);
      return;
    }

  if (mode_name == NULL || g_str_equal (mode_name, "form"))
    mode = MCP_ELICITATION_MODE_FORM;
  else if (g_str_equal (mode_name, "url"))
    mode = MCP_ELICITATION_MODE_URL;
  else
    mode = MCP_ELICITATION_MODE_NONE;

  if (!(self->elicitation_modes & mode))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "This client does not support this elicitation mode", NULL);
      return;
    }

  if (_mcp_json_object_get_string (params, "message") == NULL ||
      (mode == MCP_ELICITATION_MODE_FORM &&
       _mcp_json_object_get_object (_mcp_json_object_get_object (params, "requestedSchema"),
                                    "properties") == NULL) ||
      (mode == MCP_ELICITATION_MODE_URL &&
       (_mcp_json_object_get_string (params, "url") == NULL ||
        /* An input round (no session) has no id: 2026-07-28 dropped it. */
        (session != NULL && _mcp_json_object_get_string (params, "elicitationId") == NULL))))
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                mode == MCP_ELICITATION_MODE_FORM
                                ? "elicitation/create needs a message and a requestedSchema "
                                  "with properties"
                                : "elicitation/create needs a message, a url and an "
                                  "elicitationId", NULL);
      return;
    }

  elicitation = _mcp_elicitation_request_new (self, request, mode);
  ((McpElicitationHandler) self->elicitation.func) (self, elicitation, self->elicitation.data);
}

static void
handle_roots (McpSession *session,
              McpRequest *request,
              gpointer    user_data)
{
  McpClient *self = user_data;
  g_autoptr(McpRootsRequest) roots = NULL;
  g_autoptr(McpClient) hold = g_object_ref (self);

  if (self->roots_handler.func == NULL && self->roots == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_METHOD_NOT_FOUND,
                                "This client does not support roots", NULL);
      return;
    }

  roots = _mcp_roots_request_new (self, request);
  if (self->roots_handler.func != NULL)
    ((McpRootsHandler) self->roots_handler.func) (self, roots, self->roots_handler.data);
  else
    mcp_roots_request_return_roots (roots, self->roots);
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
  fail_input_waits (self);
  if (was_connected)
    g_signal_emit (self, signals[CLOSED], 0);
}

/* What the client keeps for one connection: the calls waiting for the
 * application's input, the resource subscriptions, the result cache. */
static void
drop_connection_state (McpClient *self)
{
  fail_input_waits (self);
  if (self->resource_listen != NULL)
    {
      g_cancellable_cancel (self->resource_listen);
      g_clear_object (&self->resource_listen);
    }
  g_clear_pointer (&self->subscribed, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
}

static void
drop_session (McpClient *self)
{
  drop_connection_state (self);

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

/* Only what has a handler is declared. */
static JsonNode *
build_client_capabilities (McpClient *self)
{
  JsonObject *capabilities = json_object_new ();

  if (self->sampling.func != NULL)
    {
      JsonObject *sampling = json_object_new ();

      if (self->sampling_features & MCP_SAMPLING_FEATURES_TOOLS)
        json_object_set_object_member (sampling, "tools", json_object_new ());
      if (self->sampling_features & MCP_SAMPLING_FEATURES_CONTEXT)
        json_object_set_object_member (sampling, "context", json_object_new ());
      json_object_set_object_member (capabilities, "sampling", sampling);
    }

  if (self->elicitation.func != NULL && self->elicitation_modes != MCP_ELICITATION_MODE_NONE)
    {
      JsonObject *elicitation = json_object_new ();

      if (self->elicitation_modes & MCP_ELICITATION_MODE_FORM)
        json_object_set_object_member (elicitation, "form", json_object_new ());
      if (self->elicitation_modes & MCP_ELICITATION_MODE_URL)
        json_object_set_object_member (elicitation, "url", json_object_new ());
      json_object_set_object_member (capabilities, "elicitation", elicitation);
    }

  self->declared_roots = self->roots_handler.func != NULL || self->roots != NULL;
  if (self->declared_roots)
    {
      JsonObject *roots = json_object_new ();

      json_object_set_boolean_member (roots, "listChanged", TRUE);
      json_object_set_object_member (capabilities, "roots", roots);
    }

  return _mcp_json_node_new_object (capabilities);
}

/* The handshake failed: the connection is dropped. */
static void
handshake_failed (McpClient *self,
                  GTask     *task,
                  GError    *error)
{
  self->connecting = FALSE;
  if (self->transport != NULL)
    mcp_transport_disconnect_async (self->transport, NULL, NULL, NULL);
  drop_session (self);
  g_task_return_error (task, error);
}

/* The handshake ended with the server's @answer (an initialize or a
 * server/discover result) naming @version: keep what it says of the server. */
static void
handshake_succeeded (McpClient  *self,
                     GTask      *task,
                     const char *version,
                     gboolean    modern,
                     JsonObject *answer,
                     JsonNode   *server_info)
{
  JsonNode *capabilities = json_object_get_member (answer, "capabilities");

  self->modern = modern;
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
  self->instructions = g_strdup (_mcp_json_object_get_string (answer, "instructions"));

  /* The handshake era's initialize is acknowledged. */
  if (!modern)
    mcp_session_notify (self->session, "notifications/initialized", NULL);

  self->connecting = FALSE;
  set_connected (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_INFO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_CAPABILITIES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUCTIONS]);

  g_task_return_boolean (task, TRUE);
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

  handshake_succeeded (self, task, version, FALSE, object_result,
                       json_object_get_member (object_result, "serverInfo"));
  return;

failed:
  handshake_failed (self, task, g_steal_pointer (&error));
}

static void
send_initialize (McpClient *self,
                 GTask     *task)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object = json_object_new ();
  JsonObject *client_info = json_object_new ();

  json_object_set_string_member (object, "protocolVersion",
                                 self->requested_version != NULL &&
                                 !_mcp_envelope_version_is_modern (self->requested_version)
                                 ? self->requested_version
                                 : MCP_PROTOCOL_VERSION_LATEST);
  json_object_set_member (object, "capabilities", build_client_capabilities (self));
  _mcp_metadata_to_json (&self->metadata, client_info);
  json_object_set_object_member (object, "clientInfo", client_info);
  params = _mcp_json_node_new_object (object);

  mcp_session_send_request_async (self->session, "initialize", params,
                                  g_task_get_cancellable (task),
                                  initialize_cb, task);
}

/* Era detection ------------------------------------------------------------ */

typedef enum {
  ERA_UNKNOWN,
  ERA_LEGACY,
  ERA_MODERN,
} Era;

/* The verdicts for HTTP origins, for the life of the process; a stdio or
 * WebSocket server's is kept on its transport. */
G_LOCK_DEFINE_STATIC (era_cache);
static GHashTable *era_cache;

#define ERA_DATA_KEY "mcp-client-era"

static char *
era_cache_key (McpTransport *transport)
{
  if (MCP_IS_HTTP_TRANSPORT (transport))
    return g_strdup (mcp_http_transport_get_url (MCP_HTTP_TRANSPORT (transport)));
  return NULL;
}

static Era
era_cache_get (McpTransport *transport)
{
  g_autofree char *key = era_cache_key (transport);
  Era era = ERA_UNKNOWN;

  if (key == NULL)
    return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (transport), ERA_DATA_KEY));

  G_LOCK (era_cache);
  if (era_cache != NULL)
    era = GPOINTER_TO_INT (g_hash_table_lookup (era_cache, key));
  G_UNLOCK (era_cache);
  return era;
}

static void
era_cache_set (McpTransport *transport,
               Era           era)
{
  g_autofree char *key = era_cache_key (transport);

  if (key == NULL)
    {
      g_object_set_data (G_OBJECT (transport), ERA_DATA_KEY, GINT_TO_POINTER (era));
      return;
    }

  G_LOCK (era_cache);
  if (era_cache == NULL)
    era_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (era_cache, g_steal_pointer (&key), GINT_TO_POINTER (era));
  G_UNLOCK (era_cache);
}

/* What #McpClient:requested-protocol-version asks for: NULL detects. */
static Era
requested_era (McpClient *self)
{
  if (self->requested_version == NULL)
    return ERA_UNKNOWN;
  return _mcp_envelope_version_is_modern (self->requested_version) ? ERA_MODERN : ERA_LEGACY;
}

typedef struct
{
  gboolean detecting;   /* a legacy answer falls back to initialize */
  guint    version_retries;
} Handshake;

static void send_discover (McpClient *self, GTask *task);

static gboolean
is_modern_error (gint code)
{
  return code == MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION ||
         code == MCP_JSONRPC_MISSING_REQUIRED_CLIENT_CAPABILITY ||
         code == MCP_JSONRPC_HEADER_MISMATCH;
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpClient *self = g_task_get_source_object (task);
  Handshake *handshake = g_task_get_task_data (task);
  g_autoptr(JsonNode) reply = NULL;
  GError *error = NULL;
  JsonObject *object_result;
  JsonObject *meta;
  JsonNode *server_info;

  reply = mcp_session_send_request_finish (MCP_SESSION (object), result, &error);
  if (reply == NULL)
    {
      gint code = mcp_error_get_jsonrpc_code (error);

      /* The connection itself went (a legacy HTTP server's refusal can carry
       * the same -32000 a closed connection gets). */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          (g_error_matches (error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED) &&
           (self->session == NULL || mcp_session_is_closed (self->session))))
        {
          handshake_failed (self, task, error);
          return;
        }

      /* A modern server that would take our version on a second try. */
      if (code == MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION &&
          handshake->version_retries++ == 0 && error_lists_modern_version (error))
        {
          g_clear_error (&error);
          send_discover (self, g_steal_pointer (&task));
          return;
        }

      /* Anything but a modern error, or silence, is a legacy server. */
      if (handshake->detecting &&
          (!is_modern_error (code) || code == MCP_JSONRPC_UNSUPPORTED_PROTOCOL_VERSION))
        {
          g_debug ("server/discover failed (%s): trying initialize", error->message);
          g_clear_error (&error);
          era_cache_set (self->transport, ERA_LEGACY);
          send_initialize (self, g_steal_pointer (&task));
          return;
        }

      handshake_failed (self, task, error);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (reply))
    {
      set_error_invalid_result (&error, "server/discover", "not an object");
      handshake_failed (self, task, error);
      return;
    }

  object_result = json_node_get_object (reply);
  if (!array_has_string (_mcp_json_object_get_array (object_result, "supportedVersions"),
                         MODERN_VERSION))
    {
      if (handshake->detecting)
        {
          era_cache_set (self->transport, ERA_LEGACY);
          send_initialize (self, g_steal_pointer (&task));
          return;
        }
      handshake_failed (self, task,
                        g_error_new (MCP_ERROR, MCP_ERROR_UNSUPPORTED_PROTOCOL_VERSION,
                                     "The server does not support protocol version %s",
                                     MODERN_VERSION));
      return;
    }

  meta = _mcp_json_object_get_object (object_result, "_meta");
  server_info = json_object_get_member (object_result, "serverInfo");
  if ((server_info == NULL || !JSON_NODE_HOLDS_OBJECT (server_info)) && meta != NULL)
    server_info = json_object_get_member (meta, MCP_META_SERVER_INFO);

  era_cache_set (self->transport, ERA_MODERN);
  handshake_succeeded (self, task, MODERN_VERSION, TRUE, object_result, server_info);
}

static void
send_discover (McpClient *self,
               GTask     *task)
{
  Handshake *handshake = g_task_get_task_data (task);
  g_autoptr(JsonNode) params = modern_params (self, NULL, NULL, NULL);

  mcp_session_send_request_full_async (self->session, "server/discover", params, NULL,
                                       MCP_REQUEST_FLAGS_NONE,
                                       handshake->detecting && self->discovery_timeout > 0
                                       ? (gint) self->discovery_timeout : -1,
                                       NULL, NULL, NULL,
                                       g_task_get_cancellable (task),
                                       discover_cb, task);
}

/* Picks the era as the revision's binding pages say: a server/discover
 * probe (stdio, WebSocket, and the modern request HTTP inspects the 400
 * of), falling back to initialize; or what the verdict cache knows. */
static void
start_handshake (McpClient *self,
                 GTask     *task)
{
  Era era = requested_era (self);
  Handshake *handshake;

  self->modern = FALSE;
  /* The 2026-07-28 era has no HTTP+SSE binding: a transport told to speak
   * only that form speaks the handshake era. */
  if (era == ERA_UNKNOWN && MCP_IS_HTTP_TRANSPORT (self->transport) &&
      mcp_http_transport_get_mode (MCP_HTTP_TRANSPORT (self->transport)) ==
      MCP_HTTP_TRANSPORT_MODE_LEGACY_SSE)
    era = ERA_LEGACY;
  if (era == ERA_LEGACY || (era == ERA_UNKNOWN && era_cache_get (self->transport) == ERA_LEGACY))
    {
      send_initialize (self, task);
      return;
    }

  handshake = g_new0 (Handshake, 1);
  handshake->detecting = era == ERA_UNKNOWN;
  g_task_set_task_data (task, handshake, g_free);
  send_discover (self, task);
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

  start_handshake (self, g_steal_pointer (&task));
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

  /* Nothing of ours lives on a modern server. */
  if (self->modern)
    {
      set_connected (self, TRUE);
      g_signal_emit (self, signals[RECONNECTED], 0);
      return;
    }

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
  mcp_session_set_request_handler (self->session, "sampling/createMessage",
                                   handle_sampling, self, NULL);
  mcp_session_set_request_handler (self->session, "elicitation/create",
                                   handle_elicitation, self, NULL);
  mcp_session_set_request_handler (self->session, "roots/list", handle_roots, self, NULL);
  self->notification_handler = g_signal_connect (self->session, "notification",
                                                 G_CALLBACK (on_notification), self);
  self->closed_handler = g_signal_connect (self->session, "closed",
                                           G_CALLBACK (on_session_closed), self);
  self->reconnected_handler = g_signal_connect (self->session, "reconnected",
                                                G_CALLBACK (on_session_reconnected), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);

  if (mcp_transport_is_connected (transport))
    start_handshake (self, g_steal_pointer (&task));
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
  drop_connection_state (self);
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
                  NULL, NULL, NULL, mcp_client_send_request_async,
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
 * Pings the server. On the 2026-07-28 era, which has no `ping`, this sends
 * `server/discover`.
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

  /* The 2026-07-28 era has no ping; discovery is its cheapest round trip. */
  client_request (self, self->modern ? "server/discover" : "ping", NULL,
                  MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                  parse_empty, NULL, NULL, mcp_client_ping_async,
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
 * Asks the server to send log messages of @level and above only. On the
 * 2026-07-28 era the level travels with every later request as
 * `io.modelcontextprotocol/logLevel` instead, and this completes at once.
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

  /* The level is remembered either way: the modern era sends it with every
   * request, and has no logging/setLevel. */
  self->log_level = level;
  self->log_level_set = TRUE;
  if (self->modern && self->connected)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, mcp_client_set_logging_level_async);
      g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
      return;
    }

  object = json_object_new ();
  json_object_set_string_member (object, "level", mcp_logging_level_to_string (level));
  params = _mcp_json_node_new_object (object);

  client_request (self, "logging/setLevel", params, MCP_REQUEST_FLAGS_NONE, -1,
                  NULL, NULL, NULL,
                  parse_empty, NULL, NULL, mcp_client_set_logging_level_async,
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

/* Lists -------------------------------------------------------------------- */

typedef gpointer (*ItemParser) (JsonNode  *node,
                                GError   **error);

/* One paginated list method and how to read its items. */
typedef struct
{
  const char *method;
  const char *member;
  ItemParser  parse_item;
  gpointer    page_tag;    /* the public one-page _async */
  gpointer    all_tag;     /* the public all-pages _async */
} ListKind;

static gpointer
parse_tool_item (JsonNode  *node,
                 GError   **error)
{
  return mcp_tool_new_from_json (node, error);
}

static gpointer
parse_resource_item (JsonNode  *node,
                     GError   **error)
{
  return mcp_resource_new_from_json (node, error);
}

static gpointer
parse_template_item (JsonNode  *node,
                     GError   **error)
{
  return mcp_resource_template_new_from_json (node, error);
}

static gpointer
parse_prompt_item (JsonNode  *node,
                   GError   **error)
{
  return mcp_prompt_new_from_json (node, error);
}

static const ListKind tools_kind = {
  "tools/list", "tools", parse_tool_item,
  mcp_client_list_tools_async, mcp_client_list_all_tools_async,
};

static const ListKind resources_kind = {
  "resources/list", "resources", parse_resource_item,
  mcp_client_list_resources_async, mcp_client_list_all_resources_async,
};

static const ListKind templates_kind = {
  "resources/templates/list", "resourceTemplates", parse_template_item,
  mcp_client_list_resource_templates_async, mcp_client_list_all_resource_templates_async,
};

static const ListKind prompts_kind = {
  "prompts/list", "prompts", parse_prompt_item,
  mcp_client_list_prompts_async, mcp_client_list_all_prompts_async,
};

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
parse_page (JsonNode       *result,
            gconstpointer   parser_data,
            GError        **error)
{
  const ListKind *kind = parser_data;
  JsonObject *object;
  JsonArray *items;
  JsonNode *cursor;
  Page *page;

  if (!JSON_NODE_HOLDS_OBJECT (result))
    {
      set_error_invalid_result (error, kind->method, "not an object");
      return NULL;
    }

  object = json_node_get_object (result);
  items = _mcp_json_object_get_array (object, kind->member);
  if (items == NULL)
    {
      g_autofree char *problem = g_strdup_printf ("no %s array", kind->member);

      set_error_invalid_result (error, kind->method, problem);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(GError) local_error = NULL;
      gpointer item = kind->parse_item (json_array_get_element (items, i), &local_error);

      if (item == NULL)
        {
          set_error_invalid_result (error, kind->method, local_error->message);
          page_free (page);
          return NULL;
        }
      g_ptr_array_add (page->items, item);
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

static void
list_page_async (McpClient           *self,
                 const ListKind      *kind,
                 const char          *cursor,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(JsonNode) params = cursor_params (cursor);

  client_request (self, kind->method, params, MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                  parse_page, kind, (GDestroyNotify) page_free,
                  kind->page_tag, cancellable, callback, user_data);
}

static GPtrArray *
list_page_finish (McpClient       *self,
                  const ListKind  *kind,
                  GAsyncResult    *result,
                  char           **next_cursor,
                  GError         **error)
{
  Page *page = client_request_finish (self, result, kind->page_tag, error);
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
  const ListKind *kind;
  GPtrArray      *items;
  GHashTable     *seen_cursors;
  guint           pages;
} AllPages;

static void
all_pages_free (AllPages *all)
{
  g_clear_pointer (&all->items, g_ptr_array_unref);
  g_clear_pointer (&all->seen_cursors, g_hash_table_unref);
  g_free (all);
}

static void list_all_next (GTask *task, const char *cursor);

static void
list_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AllPages *all = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *cursor = NULL;
  GError *error = NULL;

  items = list_page_finish (MCP_CLIENT (object), all->kind, result, &cursor, &error);
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
                               "The server's %s cursors loop", all->kind->method);
      return;
    }

  g_hash_table_add (all->seen_cursors, g_strdup (cursor));
  list_all_next (g_steal_pointer (&task), cursor);
}

static void
list_all_next (GTask      *task,
               const char *cursor)
{
  AllPages *all = g_task_get_task_data (task);

  list_page_async (g_task_get_source_object (task), all->kind, cursor,
                   g_task_get_cancellable (task), list_all_cb, task);
}

static void
list_all_async (McpClient           *self,
                const ListKind      *kind,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task;
  AllPages *all;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kind->all_tag);

  all = g_new0 (AllPages, 1);
  all->kind = kind;
  all->items = g_ptr_array_new_with_free_func (g_object_unref);
  all->seen_cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, all, (GDestroyNotify) all_pages_free);

  list_all_next (task, NULL);
}

/* Tools -------------------------------------------------------------------- */

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
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_page_async (self, &tools_kind, cursor, cancellable, callback, user_data);
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
  return list_page_finish (self, &tools_kind, result, next_cursor, error);
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
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_all_async (self, &tools_kind, cancellable, callback, user_data);
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

/* Resources ---------------------------------------------------------------- */

/**
 * mcp_client_list_resources_async:
 * @self: a #McpClient
 * @cursor: (nullable): the cursor of the page to get, or %NULL for the first
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the page
 * @user_data: the data to pass to @callback
 *
 * Gets one page of the server's resources.
 *
 * Since: 0.1
 */
void
mcp_client_list_resources_async (McpClient           *self,
                                 const char          *cursor,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_page_async (self, &resources_kind, cursor, cancellable, callback, user_data);
}

/**
 * mcp_client_list_resources_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @next_cursor: (out) (optional) (nullable) (transfer full): the cursor of
 *   the next page, or %NULL on the last page
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_resources_async().
 *
 * Returns: (transfer container) (element-type McpResource): the resources
 *   of the page
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_resources_finish (McpClient     *self,
                                  GAsyncResult  *result,
                                  char         **next_cursor,
                                  GError       **error)
{
  return list_page_finish (self, &resources_kind, result, next_cursor, error);
}

/**
 * mcp_client_list_all_resources_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with every resource
 * @user_data: the data to pass to @callback
 *
 * Gets all of the server's resources, following cursors page by page.
 *
 * Since: 0.1
 */
void
mcp_client_list_all_resources_async (McpClient           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_all_async (self, &resources_kind, cancellable, callback, user_data);
}

/**
 * mcp_client_list_all_resources_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_all_resources_async().
 *
 * Returns: (transfer container) (element-type McpResource): every resource
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_all_resources_finish (McpClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return client_request_finish (self, result, mcp_client_list_all_resources_async, error);
}

/**
 * mcp_client_list_resource_templates_async:
 * @self: a #McpClient
 * @cursor: (nullable): the cursor of the page to get, or %NULL for the first
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the page
 * @user_data: the data to pass to @callback
 *
 * Gets one page of the server's resource templates.
 *
 * Since: 0.1
 */
void
mcp_client_list_resource_templates_async (McpClient           *self,
                                          const char          *cursor,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_page_async (self, &templates_kind, cursor, cancellable, callback, user_data);
}

/**
 * mcp_client_list_resource_templates_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @next_cursor: (out) (optional) (nullable) (transfer full): the cursor of
 *   the next page, or %NULL on the last page
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_resource_templates_async().
 *
 * Returns: (transfer container) (element-type McpResourceTemplate): the
 *   templates of the page
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_resource_templates_finish (McpClient     *self,
                                           GAsyncResult  *result,
                                           char         **next_cursor,
                                           GError       **error)
{
  return list_page_finish (self, &templates_kind, result, next_cursor, error);
}

/**
 * mcp_client_list_all_resource_templates_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with every template
 * @user_data: the data to pass to @callback
 *
 * Gets all of the server's resource templates, following cursors.
 *
 * Since: 0.1
 */
void
mcp_client_list_all_resource_templates_async (McpClient           *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_all_async (self, &templates_kind, cancellable, callback, user_data);
}

/**
 * mcp_client_list_all_resource_templates_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_all_resource_templates_async().
 *
 * Returns: (transfer container) (element-type McpResourceTemplate): every
 *   template
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_all_resource_templates_finish (McpClient     *self,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  return client_request_finish (self, result, mcp_client_list_all_resource_templates_async,
                                error);
}

static gpointer
parse_read_result (JsonNode       *result,
                   gconstpointer   parser_data,
                   GError        **error)
{
  g_autoptr(GPtrArray) contents = NULL;
  JsonArray *array;

  array = JSON_NODE_HOLDS_OBJECT (result)
          ? _mcp_json_object_get_array (json_node_get_object (result), "contents")
          : NULL;
  if (array == NULL)
    {
      set_error_invalid_result (error, "resources/read", "no contents array");
      return NULL;
    }

  contents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          _mcp_json_object_get_string (object = json_node_get_object (item), "uri") == NULL ||
          (_mcp_json_object_get_string (object, "text") == NULL &&
           _mcp_json_object_get_string (object, "blob") == NULL))
        {
          set_error_invalid_result (error, "resources/read",
                                    "contents need a uri and a text or blob");
          return NULL;
        }

      g_ptr_array_add (contents, json_node_copy (item));
    }

  return g_steal_pointer (&contents);
}

/* Subscriptions ------------------------------------------------------------ */

static JsonNode *
listen_params (McpListenFlags      flags,
               const char * const *resource_uris)
{
  JsonObject *object = json_object_new ();
  JsonObject *filter = json_object_new ();

  if (flags & MCP_LISTEN_FLAGS_TOOLS)
    json_object_set_boolean_member (filter, "toolsListChanged", TRUE);
  if (flags & MCP_LISTEN_FLAGS_PROMPTS)
    json_object_set_boolean_member (filter, "promptsListChanged", TRUE);
  if (flags & MCP_LISTEN_FLAGS_RESOURCES)
    json_object_set_boolean_member (filter, "resourcesListChanged", TRUE);
  if (resource_uris != NULL && resource_uris[0] != NULL)
    {
      JsonArray *uris = json_array_new ();

      for (guint i = 0; resource_uris[i] != NULL; i++)
        json_array_add_string_element (uris, resource_uris[i]);
      json_object_set_array_member (filter, "resourceSubscriptions", uris);
    }

  json_object_set_object_member (object, "notifications", filter);
  return _mcp_json_node_new_object (object);
}

/**
 * mcp_client_listen_async:
 * @self: a #McpClient
 * @flags: the list changes to receive
 * @resource_uris: (nullable) (array zero-terminated=1): the resources whose
 *   updates to receive
 * @cancellable: (nullable): a #GCancellable; cancelling it ends the
 *   subscription
 * @callback: (scope async): called when the subscription ends
 * @user_data: the data to pass to @callback
 *
 * Opens a `subscriptions/listen` subscription, the 2026-07-28 era's way to
 * receive change notifications. While it is open the changes it asked for
 * arrive as #McpClient::tools-changed, #McpClient::prompts-changed,
 * #McpClient::resources-changed and #McpClient::resource-updated (and as
 * #McpClient::notification, detailed by method, as does the server's
 * `notifications/subscriptions/acknowledged`).
 *
 * The call completes when the subscription ends: when @cancellable is
 * cancelled (with %G_IO_ERROR_CANCELLED), when the server ends it, or when
 * the connection goes. On the legacy era, where the server sends list
 * changes to every session, it fails with
 * %MCP_ERROR_CAPABILITY_NOT_SUPPORTED.
 *
 * Since: 0.1
 */
void
mcp_client_listen_async (McpClient           *self,
                         McpListenFlags       flags,
                         const char * const  *resource_uris,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(JsonNode) params = NULL;

  g_return_if_fail (MCP_IS_CLIENT (self));

  if (self->connected && !self->modern)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, mcp_client_listen_async);
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_CAPABILITY_NOT_SUPPORTED,
                               "subscriptions/listen belongs to protocol version %s; "
                               "this server speaks %s", MODERN_VERSION, self->protocol_version);
      return;
    }

  params = listen_params (flags, resource_uris);
  client_request (self, "subscriptions/listen", params, MCP_REQUEST_FLAGS_NONE, 0,
                  NULL, NULL, NULL, parse_empty, NULL, NULL, mcp_client_listen_async,
                  cancellable, callback, user_data);
}

/**
 * mcp_client_listen_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_listen_async().
 *
 * Returns: %TRUE if the server ended the subscription
 *
 * Since: 0.1
 */
gboolean
mcp_client_listen_finish (McpClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return client_request_finish (self, result, mcp_client_listen_async, error) != NULL;
}

static void
resource_listen_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mcp_client_listen_finish (MCP_CLIENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The subscription to resource updates ended: %s", error->message);
}

/* The result cache --------------------------------------------------------- */

typedef struct
{
  char     *method;
  JsonNode *result;
  gint64    expires;   /* monotonic µs */
} CacheEntry;

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->method);
  json_node_unref (entry->result);
  g_free (entry);
}

static gboolean
method_is_cacheable (const char *method)
{
  return g_str_equal (method, "tools/list") ||
         g_str_equal (method, "prompts/list") ||
         g_str_equal (method, "resources/list") ||
         g_str_equal (method, "resources/templates/list") ||
         g_str_equal (method, "resources/read");
}

static char *
cache_key_for (McpClient  *self,
               const char *method,
               JsonNode   *params)
{
  g_autofree char *text = NULL;

  if (!self->cache_results || !method_is_cacheable (method))
    return NULL;

  if (params != NULL)
    text = _mcp_json_to_string (params, NULL);
  return g_strconcat (method, " ", text != NULL ? text : "{}", NULL);
}

static JsonNode *
cache_lookup (McpClient  *self,
              const char *key)
{
  CacheEntry *entry = self->cache != NULL ? g_hash_table_lookup (self->cache, key) : NULL;

  if (entry == NULL)
    return NULL;

  if (g_get_monotonic_time () >= entry->expires)
    {
      g_hash_table_remove (self->cache, key);
      return NULL;
    }

  return json_node_copy (entry->result);
}

/* Keeps a result for its `ttlMs`. Its `cacheScope` allows this: the cache
 * belongs to one client, which is one authorization context. */
static void
cache_store (McpClient  *self,
             const char *key,
             JsonNode   *result)
{
  JsonNode *ttl = JSON_NODE_HOLDS_OBJECT (result)
                  ? json_object_get_member (json_node_get_object (result), "ttlMs")
                  : NULL;
  gdouble ms = _mcp_json_node_is_number (ttl) ? _mcp_json_node_get_number (ttl) : 0;
  CacheEntry *entry;

  if (!(ms >= 1))
    return;

  if (self->cache == NULL)
    self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cache_entry_free);

  entry = g_new0 (CacheEntry, 1);
  entry->method = g_strndup (key, strcspn (key, " "));
  entry->result = json_node_copy (result);
  entry->expires = g_get_monotonic_time () + (gint64) MIN (ms, (gdouble) G_MAXINT32) * 1000;
  g_hash_table_replace (self->cache, g_strdup (key), entry);
}

/* A change notification makes the cached answers it concerns stale. */
static void
cache_invalidate (McpClient  *self,
                  const char *method)
{
  GHashTableIter iter;
  CacheEntry *entry;

  if (self->cache == NULL)
    return;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (method == NULL || g_str_equal (entry->method, method))
      g_hash_table_iter_remove (&iter);
}

/* Tools and x-mcp-header ----------------------------------------------------- */

/* On Streamable HTTP a tool whose x-mcp-header annotations break the
 * revision's rules is left out of tools/list, and the transport learns the
 * annotations of the others to mirror their arguments into headers. */
static void
take_tool_headers (McpClient *self,
                   JsonNode  *reply)
{
  JsonArray *tools;
  g_autoptr(JsonArray) kept = NULL;

  if (!MCP_IS_HTTP_TRANSPORT (self->transport) || !JSON_NODE_HOLDS_OBJECT (reply))
    return;

  tools = _mcp_json_object_get_array (json_node_get_object (reply), "tools");
  if (tools == NULL)
    return;

  kept = json_array_new ();
  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonNode *tool = json_array_get_element (tools, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (tool) ? json_node_get_object (tool) : NULL;
      const char *name = _mcp_json_object_get_string (object, "name");
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) params = NULL;

      if (name == NULL)
        {
          json_array_add_element (kept, json_node_copy (tool));
          continue;
        }

      params = _mcp_header_params_from_schema (_mcp_json_object_get_object (object, "inputSchema"),
                                               &error);
      if (params == NULL)
        {
          g_message ("Leaving out tool %s: %s", name, error->message);
          _mcp_http_transport_set_tool_headers (MCP_HTTP_TRANSPORT (self->transport), name, NULL);
          continue;
        }

      _mcp_http_transport_set_tool_headers (MCP_HTTP_TRANSPORT (self->transport), name,
                                            g_steal_pointer (&params));
      json_array_add_element (kept, json_node_copy (tool));
    }

  json_object_set_array_member (json_node_get_object (reply), "tools", g_steal_pointer (&kept));
}

/* Sends @method with the params `{"uri": uri}`. */
static void
uri_request (McpClient           *self,
             const char          *method,
             const char          *uri,
             ResultParser         parser,
             GDestroyNotify       destroy,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "uri", uri);
  params = _mcp_json_node_new_object (object);
  client_request (self, method, params, MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                  parser, NULL, destroy, source_tag, cancellable, callback, user_data);
}

/**
 * mcp_client_read_resource_async:
 * @self: a #McpClient
 * @uri: the resource's URI
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the contents
 * @user_data: the data to pass to @callback
 *
 * Reads a resource. An unknown URI fails with
 * %MCP_ERROR_RESOURCE_NOT_FOUND (-32002) from servers that follow the
 * specification.
 *
 * Since: 0.1
 */
void
mcp_client_read_resource_async (McpClient           *self,
                                const char          *uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);

  uri_request (self, "resources/read", uri, parse_read_result, (GDestroyNotify) g_ptr_array_unref,
               mcp_client_read_resource_async, cancellable, callback, user_data);
}

/**
 * mcp_client_read_resource_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_read_resource_async().
 *
 * Returns: (transfer container) (element-type Json.Node): the contents: one
 *   or more objects with `uri`, `mimeType` and `text` or base64 `blob`
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_read_resource_finish (McpClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *contents;
  JsonNode *data;

  contents = client_request_finish (self, result, mcp_client_read_resource_async, &local_error);
  if (contents != NULL)
    return contents;

  /* 2026-07-28 reports a missing resource as -32602 naming its URI, where
   * the handshake era has -32002: the application sees one GError code for
   * both, and the wire code stays what the server sent. */
  data = mcp_error_get_data (local_error);
  if (g_error_matches (local_error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS) &&
      data != NULL && JSON_NODE_HOLDS_OBJECT (data) &&
      _mcp_json_object_get_string (json_node_get_object (data), "uri") != NULL)
    local_error->code = MCP_ERROR_RESOURCE_NOT_FOUND;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* resources/subscribe and resources/unsubscribe. The modern era has
 * neither: the client keeps one listen open for every URI subscribed to. */
static void
resource_subscription (McpClient           *self,
                       const char          *uri,
                       gboolean             subscribe,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree const char **uris = NULL;

  g_return_if_fail (uri != NULL);

  if (!self->modern || !self->connected)
    {
      uri_request (self, subscribe ? "resources/subscribe" : "resources/unsubscribe", uri,
                   parse_empty, NULL, source_tag, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (self->subscribed == NULL)
    self->subscribed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (subscribe)
    g_hash_table_add (self->subscribed, g_strdup (uri));
  else
    g_hash_table_remove (self->subscribed, uri);

  if (self->resource_listen != NULL)
    {
      g_cancellable_cancel (self->resource_listen);
      g_clear_object (&self->resource_listen);
    }

  if (g_hash_table_size (self->subscribed) > 0)
    {
      uris = (const char **) g_hash_table_get_keys_as_array (self->subscribed, NULL);
      self->resource_listen = g_cancellable_new ();
      mcp_client_listen_async (self, MCP_LISTEN_FLAGS_NONE, uris, self->resource_listen,
                               resource_listen_cb, NULL);
    }

  g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

/**
 * mcp_client_subscribe_resource_async:
 * @self: a #McpClient
 * @uri: the resource's URI
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: the data to pass to @callback
 *
 * Subscribes to updates of a resource; they arrive as
 * #McpClient::resource-updated. On the 2026-07-28 era, which has no
 * `resources/subscribe`, the client keeps one `subscriptions/listen` open
 * for the resources subscribed to, and this completes at once.
 *
 * Since: 0.1
 */
void
mcp_client_subscribe_resource_async (McpClient           *self,
                                     const char          *uri,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  resource_subscription (self, uri, TRUE, mcp_client_subscribe_resource_async,
                         cancellable, callback, user_data);
}

/**
 * mcp_client_subscribe_resource_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_subscribe_resource_async().
 *
 * Returns: %TRUE if the server accepted the subscription
 *
 * Since: 0.1
 */
gboolean
mcp_client_subscribe_resource_finish (McpClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return client_request_finish (self, result, mcp_client_subscribe_resource_async, error) != NULL;
}

/**
 * mcp_client_unsubscribe_resource_async:
 * @self: a #McpClient
 * @uri: the resource's URI
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: the data to pass to @callback
 *
 * Ends a subscription made with mcp_client_subscribe_resource_async().
 *
 * Since: 0.1
 */
void
mcp_client_unsubscribe_resource_async (McpClient           *self,
                                       const char          *uri,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  resource_subscription (self, uri, FALSE, mcp_client_unsubscribe_resource_async,
                         cancellable, callback, user_data);
}

/**
 * mcp_client_unsubscribe_resource_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_unsubscribe_resource_async().
 *
 * Returns: %TRUE if the server accepted
 *
 * Since: 0.1
 */
gboolean
mcp_client_unsubscribe_resource_finish (McpClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return client_request_finish (self, result, mcp_client_unsubscribe_resource_async,
                                error) != NULL;
}

/* Prompts ------------------------------------------------------------------ */

/**
 * mcp_client_list_prompts_async:
 * @self: a #McpClient
 * @cursor: (nullable): the cursor of the page to get, or %NULL for the first
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the page
 * @user_data: the data to pass to @callback
 *
 * Gets one page of the server's prompts.
 *
 * Since: 0.1
 */
void
mcp_client_list_prompts_async (McpClient           *self,
                               const char          *cursor,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_page_async (self, &prompts_kind, cursor, cancellable, callback, user_data);
}

/**
 * mcp_client_list_prompts_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @next_cursor: (out) (optional) (nullable) (transfer full): the cursor of
 *   the next page, or %NULL on the last page
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_prompts_async().
 *
 * Returns: (transfer container) (element-type McpPrompt): the prompts of the
 *   page
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_prompts_finish (McpClient     *self,
                                GAsyncResult  *result,
                                char         **next_cursor,
                                GError       **error)
{
  return list_page_finish (self, &prompts_kind, result, next_cursor, error);
}

/**
 * mcp_client_list_all_prompts_async:
 * @self: a #McpClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with every prompt
 * @user_data: the data to pass to @callback
 *
 * Gets all of the server's prompts, following cursors page by page.
 *
 * Since: 0.1
 */
void
mcp_client_list_all_prompts_async (McpClient           *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  list_all_async (self, &prompts_kind, cancellable, callback, user_data);
}

/**
 * mcp_client_list_all_prompts_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_list_all_prompts_async().
 *
 * Returns: (transfer container) (element-type McpPrompt): every prompt
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_list_all_prompts_finish (McpClient     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return client_request_finish (self, result, mcp_client_list_all_prompts_async, error);
}

static gpointer
parse_prompt_result (JsonNode       *result,
                     gconstpointer   parser_data,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  McpPromptResult *prompt_result;

  prompt_result = mcp_prompt_result_new_from_json (result, &local_error);
  if (prompt_result == NULL)
    set_error_invalid_result (error, "prompts/get", local_error->message);

  return prompt_result;
}

/**
 * mcp_client_get_prompt_async:
 * @self: a #McpClient
 * @name: the prompt's name
 * @arguments: (nullable): an object of the prompt's arguments, by name,
 *   with string values
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the filled-in prompt
 * @user_data: the data to pass to @callback
 *
 * Gets a prompt filled in with @arguments. An unknown prompt or a missing
 * required argument fails with %MCP_ERROR_INVALID_PARAMS.
 *
 * Since: 0.1
 */
void
mcp_client_get_prompt_async (McpClient           *self,
                             const char          *name,
                             JsonNode            *arguments,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonNode) params = NULL;

  g_return_if_fail (MCP_IS_CLIENT (self));

  params = named_params (name, arguments, FALSE);
  if (params == NULL)
    return;
  client_request (self, "prompts/get", params, MCP_REQUEST_FLAGS_NONE, -1, NULL, NULL, NULL,
                  parse_prompt_result, NULL, g_object_unref,
                  mcp_client_get_prompt_async, cancellable, callback, user_data);
}

/**
 * mcp_client_get_prompt_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_client_get_prompt_async().
 *
 * Returns: (transfer full): the filled-in prompt
 *
 * Since: 0.1
 */
McpPromptResult *
mcp_client_get_prompt_finish (McpClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return client_request_finish (self, result, mcp_client_get_prompt_async, error);
}

/* Completion --------------------------------------------------------------- */

typedef struct
{
  char     **values;
  gint64     total;
  gboolean   has_more;
} Completion;

static void
completion_free (Completion *completion)
{
  g_strfreev (completion->values);
  g_free (completion);
}

static gpointer
parse_completion (JsonNode       *result,
                  gconstpointer   parser_data,
                  GError        **error)
{
  JsonObject *object;
  JsonArray *values;
  JsonNode *total;
  JsonNode *has_more;
  GStrvBuilder *builder;
  Completion *completion;

  object = JSON_NODE_HOLDS_OBJECT (result)
           ? _mcp_json_object_get_object (json_node_get_object (result), "completion")
           : NULL;
  values = _mcp_json_object_get_array (object, "values");
  if (values == NULL)
    {
      set_error_invalid_result (error, "completion/complete", "no completion.values array");
      return NULL;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *value = json_array_get_element (values, i);

      if (!_mcp_json_node_is_string (value))
        {
          g_strv_builder_unref (builder);
          set_error_invalid_result (error, "completion/complete", "a value is not a string");
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (value));
    }

  completion = g_new0 (Completion, 1);
  completion->values = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  total = json_object_get_member (object, "total");
  completion->total = _mcp_json_node_is_number (total) ? (gint64) _mcp_json_node_get_number (total)
                                                       : -1;
  has_more = json_object_get_member (object, "hasMore");
  completion->has_more = _mcp_json_node_is_boolean (has_more) && json_node_get_boolean (has_more);

  return completion;
}

/**
 * mcp_client_complete_async:
 * @self: a #McpClient
 * @ref_type: whether @ref names a prompt or a resource template
 * @ref: the prompt's name, or the template's URI template
 * @argument_name: the argument or template variable to complete
 * @argument_value: what the user typed so far
 * @context_arguments: (nullable): an object of the values already chosen
 *   for other arguments, by name
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the suggestions
 * @user_data: the data to pass to @callback
 *
 * Asks the server for completions of an argument value
 * (`completion/complete`).
 *
 * Since: 0.1
 */
void
mcp_client_complete_async (McpClient            *self,
                           McpCompletionRefType  ref_type,
                           const char           *ref,
                           const char           *argument_name,
                           const char           *argument_value,
                           JsonNode             *context_arguments,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(JsonNode) params = NULL;
  JsonObject *object;
  JsonObject *reference;
  JsonObject *argument;

  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (argument_name != NULL);
  g_return_if_fail (argument_value != NULL);
  g_return_if_fail (context_arguments == NULL || JSON_NODE_HOLDS_OBJECT (context_arguments));

  reference = json_object_new ();
  if (ref_type == MCP_COMPLETION_REF_PROMPT)
    {
      json_object_set_string_member (reference, "type", "ref/prompt");
      json_object_set_string_member (reference, "name", ref);
    }
  else
    {
      json_object_set_string_member (reference, "type", "ref/resource");
      json_object_set_string_member (reference, "uri", ref);
    }

  argument = json_object_new ();
  json_object_set_string_member (argument, "name", argument_name);
  json_object_set_string_member (argument, "value", argument_value);

  object = json_object_new ();
  json_object_set_object_member (object, "ref", reference);
  json_object_set_object_member (object, "argument", argument);
  if (context_arguments != NULL)
    {
      JsonObject *context = json_object_new ();

      json_object_set_member (context, "arguments", json_node_copy (context_arguments));
      json_object_set_object_member (object, "context", context);
    }
  params = _mcp_json_node_new_object (object);

  client_request (self, "completion/complete", params, MCP_REQUEST_FLAGS_NONE, -1,
                  NULL, NULL, NULL, parse_completion, NULL, (GDestroyNotify) completion_free,
                  mcp_client_complete_async, cancellable, callback, user_data);
}

/**
 * mcp_client_complete_finish:
 * @self: a #McpClient
 * @result: the #GAsyncResult
 * @total: (out) (optional): how many suggestions exist in all, or -1 if the
 *   server did not say
 * @has_more: (out) (optional): whether there are more suggestions than
 *   returned
 * @error: return location for a #GError
 *
 * Finishes mcp_client_complete_async().
 *
 * Returns: (transfer full) (array zero-terminated=1): the suggestions, maybe
 *   none
 *
 * Since: 0.1
 */
char **
mcp_client_complete_finish (McpClient     *self,
                            GAsyncResult  *result,
                            gint64        *total,
                            gboolean      *has_more,
                            GError       **error)
{
  Completion *completion;
  char **values;

  if (total != NULL)
    *total = -1;
  if (has_more != NULL)
    *has_more = FALSE;

  completion = client_request_finish (self, result, mcp_client_complete_async, error);
  if (completion == NULL)
    return NULL;

  if (total != NULL)
    *total = completion->total;
  if (has_more != NULL)
    *has_more = completion->has_more;
  values = g_steal_pointer (&completion->values);
  completion_free (completion);

  return values;
}

/* Tool calls --------------------------------------------------------------- */

static gpointer
parse_tool_result (JsonNode       *result,
                   gconstpointer   parser_data,
                   GError        **error)
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

  g_return_if_fail (MCP_IS_CLIENT (self));

  params = named_params (name, arguments, TRUE);
  if (params == NULL)
    return;
  client_request (self, "tools/call", params, flags, timeout_ms,
                  progress_callback, progress_data, progress_destroy,
                  parse_tool_result, NULL, g_object_unref,
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
  mcp_client_set_sampling_handler (self, MCP_SAMPLING_FEATURES_NONE, NULL, NULL, NULL);
  mcp_client_set_elicitation_handler (self, MCP_ELICITATION_MODE_NONE, NULL, NULL, NULL);
  mcp_client_set_roots_handler (self, NULL, NULL, NULL);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  if (self->middlewares.is_setup)
    g_hook_list_clear (&self->middlewares);

  G_OBJECT_CLASS (mcp_client_parent_class)->dispose (object);
}

static void
mcp_client_finalize (GObject *object)
{
  McpClient *self = (McpClient *) object;

  _mcp_metadata_clear (&self->metadata);
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

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
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
    case PROP_MAX_INPUT_ROUNDS:
      g_value_set_uint (value, self->max_input_rounds);
      break;
    case PROP_DISCOVERY_TIMEOUT:
      g_value_set_uint (value, self->discovery_timeout);
      break;
    case PROP_CACHE_RESULTS:
      g_value_set_boolean (value, self->cache_results);
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

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_REQUESTED_PROTOCOL_VERSION:
      mcp_client_set_requested_protocol_version (self, g_value_get_string (value));
      break;
    case PROP_REQUEST_TIMEOUT:
      mcp_client_set_request_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_INPUT_ROUNDS:
      mcp_client_set_max_input_rounds (self, g_value_get_uint (value));
      break;
    case PROP_DISCOVERY_TIMEOUT:
      mcp_client_set_discovery_timeout (self, g_value_get_uint (value));
      break;
    case PROP_CACHE_RESULTS:
      mcp_client_set_cache_results (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The signals that carry nothing, or one string (a URI, an elicitation
 * id). */
static guint
new_plain_signal (McpClientClass *klass,
                  const char     *name,
                  gboolean        with_string)
{
  if (with_string)
    return g_signal_new (name, G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                         G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  return g_signal_new (name, G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  properties[MCP_METADATA_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "mcp-glib-client",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:version:
   *
   * The client's version, as `clientInfo.version`.
   *
   * Since: 0.1
   */
  properties[MCP_METADATA_PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, "0",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:requested-protocol-version:
   *
   * The protocol version, and so the era, to connect with. %NULL, the
   * default, detects the server's era as the 2026-07-28 revision says: a
   * `server/discover` probe (on Streamable HTTP, a modern request whose
   * `400` is inspected), falling back to `initialize` with the newest
   * legacy version on a legacy answer or on silence within
   * #McpClient:discovery-timeout. The verdict is kept for the server's
   * transport (stdio, WebSocket) or URL (HTTP). A legacy version such as
   * `2025-11-25` is offered in `initialize` and nothing else is tried;
   * `2026-07-28` speaks the modern era only.
   *
   * #McpClient:protocol-version says what was used.
   *
   * Since: 0.1
   */
  properties[PROP_REQUESTED_PROTOCOL_VERSION] =
    g_param_spec_string ("requested-protocol-version", NULL, NULL,
                         NULL,
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

  /**
   * McpClient:max-input-rounds:
   *
   * How many input rounds one call may take on the 2026-07-28 era. When a
   * server answers with an `InputRequiredResult` the client runs the
   * sampling, elicitation and roots handlers the application set (the same
   * ones that answer a legacy server's requests) and sends the request
   * again with their answers and the server's `requestState`; a call that
   * needs more rounds than this fails with %MCP_ERROR_FAILED.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_INPUT_ROUNDS] =
    g_param_spec_uint ("max-input-rounds", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MAX_INPUT_ROUNDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:discovery-timeout:
   *
   * How long, in milliseconds, era detection waits for an answer to its
   * `server/discover` probe before it takes the server for a legacy one
   * that stays silent; 0 uses #McpClient:request-timeout.
   *
   * Since: 0.1
   */
  properties[PROP_DISCOVERY_TIMEOUT] =
    g_param_spec_uint ("discovery-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_DISCOVERY_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:cache-results:
   *
   * Whether to keep the results of `tools/list`, `prompts/list`,
   * `resources/list`, `resources/templates/list` and `resources/read` of a
   * 2026-07-28 server for the `ttlMs` it gives them, and answer the same
   * call from the cache meanwhile. A change notification for a list (or an
   * update of a resource) drops what it concerns; so does disconnecting.
   * Off by default.
   *
   * Since: 0.1
   */
  properties[PROP_CACHE_RESULTS] =
    g_param_spec_boolean ("cache-results", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpClient:title:
   *
   * A human-readable name of the client, as `clientInfo.title`.
   *
   * Since: 0.1
   */
  _mcp_metadata_install_properties (object_class, properties, N_PROPS, CLIENT_INFO);

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
  signals[TOOLS_CHANGED] = new_plain_signal (klass, "tools-changed", FALSE);

  /**
   * McpClient::resources-changed:
   * @self: the client
   *
   * Emitted when the server says its list of resources changed.
   *
   * Since: 0.1
   */
  signals[RESOURCES_CHANGED] = new_plain_signal (klass, "resources-changed", FALSE);

  /**
   * McpClient::prompts-changed:
   * @self: the client
   *
   * Emitted when the server says its list of prompts changed.
   *
   * Since: 0.1
   */
  signals[PROMPTS_CHANGED] = new_plain_signal (klass, "prompts-changed", FALSE);

  /**
   * McpClient::resource-updated:
   * @self: the client
   * @uri: the URI of the resource
   *
   * Emitted when a resource the client subscribed to changed.
   *
   * Since: 0.1
   */
  signals[RESOURCE_UPDATED] = new_plain_signal (klass, "resource-updated", TRUE);

  /**
   * McpClient::elicitation-complete:
   * @self: the client
   * @elicitation_id: the server's identifier of a URL elicitation
   *
   * Emitted when the server says the out-of-band interaction of a URL
   * elicitation has finished.
   *
   * Since: 0.1
   */
  signals[ELICITATION_COMPLETE] = new_plain_signal (klass, "elicitation-complete", TRUE);

  /**
   * McpClient::closed:
   * @self: the client
   *
   * Emitted when the connection to the server closes, after every pending
   * call has failed with %MCP_ERROR_CONNECTION_CLOSED.
   *
   * Since: 0.1
   */
  signals[CLOSED] = new_plain_signal (klass, "closed", FALSE);

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
  signals[RECONNECTED] = new_plain_signal (klass, "reconnected", FALSE);
}

static void
mcp_client_init (McpClient *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, CLIENT_INFO);
  self->requested_version = NULL;
  self->request_timeout = MCP_SESSION_DEFAULT_REQUEST_TIMEOUT;
  self->max_input_rounds = DEFAULT_MAX_INPUT_ROUNDS;
  self->discovery_timeout = DEFAULT_DISCOVERY_TIMEOUT;
  g_hook_list_init (&self->middlewares, sizeof (GHook));
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
 * Gets the client's name.
 *
 * Returns: the client's name
 *
 * Since: 0.1
 */
const char *
mcp_client_get_name (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->metadata.name;
}

/**
 * mcp_client_get_version:
 * @self: a #McpClient
 *
 * Gets the client's version.
 *
 * Returns: the client's version
 *
 * Since: 0.1
 */
const char *
mcp_client_get_version (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->metadata.version;
}

/**
 * mcp_client_get_title:
 * @self: a #McpClient
 *
 * Gets the client's human-readable name.
 *
 * Returns: (nullable): the client's human-readable name
 *
 * Since: 0.1
 */
const char *
mcp_client_get_title (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->metadata.title;
}

/**
 * mcp_client_set_title:
 * @self: a #McpClient
 * @title: (nullable): a human-readable name, sent as `clientInfo.title`
 *   in the next mcp_client_connect_async()
 *
 * Sets #McpClient:title.
 *
 * Since: 0.1
 */
void
mcp_client_set_title (McpClient  *self,
                      const char *title)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_TITLE, title);
}

/**
 * mcp_client_get_requested_protocol_version:
 * @self: a #McpClient
 *
 * Gets the protocol version offered in `initialize`.
 *
 * Returns: (nullable): the protocol version asked for, or %NULL when the
 *   client detects the server's era
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
 * @version: (nullable): a supported protocol version, or %NULL to detect the
 *   server's era
 *
 * Sets #McpClient:requested-protocol-version: a legacy version (such as
 * `2025-11-25`) connects with `initialize` only, `2026-07-28` with
 * `server/discover` only, and %NULL detects which the server speaks.
 *
 * Since: 0.1
 */
void
mcp_client_set_requested_protocol_version (McpClient  *self,
                                           const char *version)
{
  g_return_if_fail (MCP_IS_CLIENT (self));
  g_return_if_fail (version == NULL || mcp_protocol_version_is_supported (version) ||
                    _mcp_envelope_version_is_modern (version));

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
 * Gets the default call timeout in milliseconds.
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
 * mcp_client_get_max_input_rounds:
 * @self: a #McpClient
 *
 * Gets #McpClient:max-input-rounds.
 *
 * Returns: how many input rounds a call may take
 *
 * Since: 0.1
 */
guint
mcp_client_get_max_input_rounds (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), 0);

  return self->max_input_rounds;
}

/**
 * mcp_client_set_max_input_rounds:
 * @self: a #McpClient
 * @max_rounds: how many input rounds a call may take
 *
 * Sets #McpClient:max-input-rounds.
 *
 * Since: 0.1
 */
void
mcp_client_set_max_input_rounds (McpClient *self,
                                 guint      max_rounds)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (self->max_input_rounds == max_rounds)
    return;

  self->max_input_rounds = max_rounds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_INPUT_ROUNDS]);
}

/**
 * mcp_client_get_discovery_timeout:
 * @self: a #McpClient
 *
 * Gets #McpClient:discovery-timeout.
 *
 * Returns: the probe's timeout in milliseconds
 *
 * Since: 0.1
 */
guint
mcp_client_get_discovery_timeout (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), 0);

  return self->discovery_timeout;
}

/**
 * mcp_client_set_discovery_timeout:
 * @self: a #McpClient
 * @timeout_ms: the probe's timeout in milliseconds
 *
 * Sets #McpClient:discovery-timeout.
 *
 * Since: 0.1
 */
void
mcp_client_set_discovery_timeout (McpClient *self,
                                  guint      timeout_ms)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (self->discovery_timeout == timeout_ms)
    return;

  self->discovery_timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOVERY_TIMEOUT]);
}

/**
 * mcp_client_get_cache_results:
 * @self: a #McpClient
 *
 * Gets #McpClient:cache-results.
 *
 * Returns: whether cacheable results are kept
 *
 * Since: 0.1
 */
gboolean
mcp_client_get_cache_results (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), FALSE);

  return self->cache_results;
}

/**
 * mcp_client_set_cache_results:
 * @self: a #McpClient
 * @cache_results: whether to keep cacheable results for their `ttlMs`
 *
 * Sets #McpClient:cache-results.
 *
 * Since: 0.1
 */
void
mcp_client_set_cache_results (McpClient *self,
                              gboolean   cache_results)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  cache_results = !!cache_results;
  if (self->cache_results == (guint) cache_results)
    return;

  self->cache_results = cache_results;
  if (!cache_results)
    g_clear_pointer (&self->cache, g_hash_table_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE_RESULTS]);
}

/**
 * mcp_client_get_session:
 * @self: a #McpClient
 *
 * Gets the JSON-RPC session with the server.
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
 * Gets the transport to the server.
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
 * Checks whether the client is connected and initialized.
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
 * Gets the negotiated protocol version.
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
 * Gets the server's `serverInfo` object.
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
 * Gets `serverInfo.name`.
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
 * Gets `serverInfo.version`.
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
 * Gets the server's capabilities.
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
 * Checks whether the server declared @capability.
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
 * Gets the server's instructions for the model.
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

/* Handlers for requests from the server ------------------------------------- */

/**
 * mcp_client_set_sampling_handler:
 * @self: a #McpClient
 * @features: optional parts of sampling the handler supports
 * @handler: (scope notified) (closure user_data) (destroy destroy) (nullable):
 *   answers `sampling/createMessage`, or %NULL to support no sampling
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the handler is replaced
 *
 * Sets the handler of the server's sampling requests. The `sampling`
 * capability (with `tools` and `context` as @features says) is declared in
 * the next mcp_client_connect_async(): set handlers before connecting.
 *
 * Since: 0.1
 */
void
mcp_client_set_sampling_handler (McpClient           *self,
                                 McpSamplingFeatures  features,
                                 McpSamplingHandler   handler,
                                 gpointer             user_data,
                                 GDestroyNotify       destroy)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  self->sampling_features = handler != NULL ? features : MCP_SAMPLING_FEATURES_NONE;
  handler_set (&self->sampling, G_CALLBACK (handler), user_data, destroy);
}

/**
 * mcp_client_set_elicitation_handler:
 * @self: a #McpClient
 * @modes: the elicitation modes the handler supports
 * @handler: (scope notified) (closure user_data) (destroy destroy) (nullable):
 *   answers `elicitation/create`, or %NULL to support no elicitation
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the handler is replaced
 *
 * Sets the handler of the server's elicitation requests. The `elicitation`
 * capability, with `form` and `url` as @modes says, is declared in the next
 * mcp_client_connect_async(); requests in other modes are refused.
 *
 * Since: 0.1
 */
void
mcp_client_set_elicitation_handler (McpClient             *self,
                                    McpElicitationMode     modes,
                                    McpElicitationHandler  handler,
                                    gpointer               user_data,
                                    GDestroyNotify         destroy)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  self->elicitation_modes = handler != NULL ? modes : MCP_ELICITATION_MODE_NONE;
  handler_set (&self->elicitation, G_CALLBACK (handler), user_data, destroy);
}

/**
 * mcp_client_set_roots_handler:
 * @self: a #McpClient
 * @handler: (scope notified) (closure user_data) (destroy destroy) (nullable):
 *   answers `roots/list`, or %NULL to answer from mcp_client_set_roots()
 * @user_data: data for @handler
 * @destroy: (nullable): frees @user_data when the handler is replaced
 *
 * Sets a handler that computes the roots on demand. Most applications need
 * none: mcp_client_set_roots() is enough. The `roots` capability is
 * declared in the next mcp_client_connect_async() if there is a handler or
 * a list of roots.
 *
 * Since: 0.1
 */
void
mcp_client_set_roots_handler (McpClient       *self,
                              McpRootsHandler  handler,
                              gpointer         user_data,
                              GDestroyNotify   destroy)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  handler_set (&self->roots_handler, G_CALLBACK (handler), user_data, destroy);
}

/**
 * mcp_client_set_roots:
 * @self: a #McpClient
 * @roots: (nullable) (element-type McpRoot): the roots, or %NULL to offer
 *   none
 *
 * Sets the roots the client answers `roots/list` with. Set them before
 * connecting to declare the `roots` capability; later changes are sent to
 * the server as `notifications/roots/list_changed`.
 *
 * Since: 0.1
 */
void
mcp_client_set_roots (McpClient *self,
                      GPtrArray *roots)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  g_clear_pointer (&self->roots, g_ptr_array_unref);
  if (roots != NULL)
    {
      self->roots = g_ptr_array_new_full (roots->len, g_object_unref);
      for (guint i = 0; i < roots->len; i++)
        g_ptr_array_add (self->roots, g_object_ref (g_ptr_array_index (roots, i)));
    }

  /* A modern server asks for the roots in each input round it needs them;
   * the era has no such notification. */
  if (self->connected && !self->modern && self->declared_roots && self->session != NULL)
    mcp_session_notify (self->session, "notifications/roots/list_changed", NULL);
}

/**
 * mcp_client_get_roots:
 * @self: a #McpClient
 *
 * Gets the roots set with mcp_client_set_roots().
 *
 * Returns: (transfer container) (element-type McpRoot) (nullable): the roots
 *   set with mcp_client_set_roots()
 *
 * Since: 0.1
 */
GPtrArray *
mcp_client_get_roots (McpClient *self)
{
  g_return_val_if_fail (MCP_IS_CLIENT (self), NULL);

  return self->roots != NULL ? g_ptr_array_ref (self->roots) : NULL;
}

/* Middleware ---------------------------------------------------------------- */

/**
 * mcp_client_add_middleware:
 * @self: a #McpClient
 * @func: (scope notified) (closure user_data): the middleware
 * @user_data: the data to pass to @func
 * @destroy: (nullable): frees @user_data when the middleware is removed
 *
 * Adds a middleware to the chain every request the client sends goes
 * through (on both protocol eras, after those added before it): to add to
 * its params (a trace context in `_meta`, see #McpTraceContext), to
 * answer it without the server, or to fail it.
 *
 * Returns: the middleware's id, for mcp_client_remove_middleware()
 *
 * Since: 0.1
 */
guint
mcp_client_add_middleware (McpClient               *self,
                           McpClientMiddlewareFunc  func,
                           gpointer                 user_data,
                           GDestroyNotify           destroy)
{
  GHook *hook;

  g_return_val_if_fail (MCP_IS_CLIENT (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  hook = g_hook_alloc (&self->middlewares);
  hook->func = (gpointer) func;
  hook->data = user_data;
  hook->destroy = destroy;
  g_hook_append (&self->middlewares, hook);
  return (guint) hook->hook_id;
}

/**
 * mcp_client_remove_middleware:
 * @self: a #McpClient
 * @id: what mcp_client_add_middleware() returned
 *
 * Removes a middleware from the chain, even while it runs; requests it
 * already passed on are not affected.
 *
 * Since: 0.1
 */
void
mcp_client_remove_middleware (McpClient *self,
                              guint      id)
{
  g_return_if_fail (MCP_IS_CLIENT (self));

  if (!g_hook_destroy (&self->middlewares, id))
    g_warning ("No client middleware with id %u", id);
}

/* mcp-tool-call.c
 *
 * Server side: a client's tools/call, as the server's tool handler receives
 * it.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-client-requests-private.h"
#include "mcp-content.h"
#include "mcp-error.h"
#include "mcp-handler-request-private.h"
#include "mcp-json-node-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-request-private.h"
#include "mcp-server-private.h"
#include "mcp-server-session.h"
#include "mcp-tool-call.h"
#include "mcp-tool-result.h"
#include "mcp-tool.h"

/**
 * McpToolCall:
 *
 * One call of a tool, handed to its #McpToolHandler.
 *
 * Like #GDBusMethodInvocation, the call is completed by the handler — at once
 * or later from the main loop — with mcp_tool_call_return_result(),
 * mcp_tool_call_return_text() or mcp_tool_call_return_error(), exactly once.
 * While it runs, the handler can report progress, log to the client, and
 * watch #McpToolCall:cancellable, which fires when the client cancels the
 * call or disconnects; a result returned after that is dropped.
 *
 * The call knows its #McpServerSession, so a handler can tell clients apart
 * and make requests of the calling client only:
 * mcp_tool_call_create_message_async() (sampling),
 * mcp_tool_call_elicit_async() and mcp_tool_call_elicit_url_async(),
 * mcp_tool_call_list_roots_async() and mcp_tool_call_ping_async() send their
 * request as part of the call, so a transport with one stream per request
 * (Streamable HTTP) delivers it on the call's stream, and cancelling the call
 * cancels them.
 *
 * Since: 0.1
 */

struct _McpToolCall
{
  GObject            parent_instance;

  McpHandlerRequest  handler;
  McpTool           *tool;
};

G_DEFINE_FINAL_TYPE (McpToolCall, mcp_tool_call, G_TYPE_OBJECT)

enum {
  PROP_NAME = MCP_HANDLER_REQUEST_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A tool that fails reports it in its result. */
static JsonNode *
unanswered (void)
{
  g_autoptr(McpToolResult) result = NULL;

  result = mcp_tool_result_new_error ("The tool failed without producing a result");
  return mcp_tool_result_to_json (result);
}

static void
mcp_tool_call_finalize (GObject *object)
{
  McpToolCall *self = (McpToolCall *) object;

  _mcp_handler_request_clear (&self->handler, unanswered);
  g_clear_object (&self->tool);

  G_OBJECT_CLASS (mcp_tool_call_parent_class)->finalize (object);
}

static void
mcp_tool_call_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McpToolCall *self = MCP_TOOL_CALL (object);

  if (_mcp_handler_request_get_property (&self->handler, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, mcp_tool_call_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_call_class_init (McpToolCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_tool_call_finalize;
  object_class->get_property = mcp_tool_call_get_property;

  /**
   * McpToolCall:name:
   *
   * The name of the tool being called.
   *
   * Since: 0.1
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpToolCall:arguments:
   *
   * The arguments object; empty when the client sent none.
   *
   * Since: 0.1
   */
  /**
   * McpToolCall:cancellable:
   *
   * Cancelled when the client cancels the call or goes away.
   *
   * Since: 0.1
   */
  _mcp_handler_request_install_properties (object_class, properties, N_PROPS, TRUE);
}

static void
mcp_tool_call_init (McpToolCall *self)
{
}

McpToolCall *
_mcp_tool_call_new (const McpHandlerRequest *origin,
                    McpTool                 *tool)
{
  McpToolCall *self = g_object_new (MCP_TYPE_TOOL_CALL, NULL);

  _mcp_handler_request_init (&self->handler, origin, TRUE);
  self->tool = g_object_ref (tool);

  return self;
}

/**
 * mcp_tool_call_get_server:
 * @self: a #McpToolCall
 *
 * Gets the server.
 *
 * Returns: (transfer none): the server
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SERVER (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_get_session:
 * @self: a #McpToolCall
 *
 * Gets the session of the calling client.
 *
 * Returns: (transfer none): the session of the calling client
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SESSION (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_get_auth_info:
 * @self: a #McpToolCall
 *
 * Who is calling: the identity the transport's #McpAuthProvider gave
 * the caller, as mcp_server_session_get_auth_info() returns it.
 *
 * Returns: (transfer none) (nullable): the caller's identity, or %NULL
 *   when the transport asks for none
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_AUTH_INFO (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_get_request:
 * @self: a #McpToolCall
 *
 * Gets the underlying JSON-RPC request, for what this object does not wrap:
 * its `_meta`, or replying with a JSON-RPC error instead of a tool error.
 *
 * Returns: (transfer none): the request
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_REQUEST (McpToolCall, mcp_tool_call, handler.request)

/**
 * mcp_tool_call_get_tool:
 * @self: a #McpToolCall
 *
 * Gets the tool being called.
 *
 * Returns: (transfer none): the tool being called
 *
 * Since: 0.1
 */
McpTool *
mcp_tool_call_get_tool (McpToolCall *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_CALL (self), NULL);

  return self->tool;
}

/**
 * mcp_tool_call_get_name:
 * @self: a #McpToolCall
 *
 * Gets the name of the tool being called.
 *
 * Returns: the name of the tool being called
 *
 * Since: 0.1
 */
const char *
mcp_tool_call_get_name (McpToolCall *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_CALL (self), NULL);

  return mcp_tool_get_name (self->tool);
}

/**
 * mcp_tool_call_get_arguments:
 * @self: a #McpToolCall
 *
 * Gets the arguments object (empty if none were sent).
 *
 * Returns: (transfer none): the arguments object (empty if none were sent)
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_ARGUMENTS (McpToolCall, mcp_tool_call)

static JsonNode *
get_argument (McpToolCall *self,
              const char  *name)
{
  return json_object_get_member (json_node_get_object (self->handler.arguments), name);
}

/**
 * mcp_tool_call_get_string:
 * @self: a #McpToolCall
 * @name: the argument name
 * @default_value: (nullable): what to return if it is missing or not a string
 *
 * Gets the string argument @name, or @default_value.
 *
 * Returns: (nullable): the string argument @name, or @default_value
 *
 * Since: 0.1
 */
const char *
mcp_tool_call_get_string (McpToolCall *self,
                          const char  *name,
                          const char  *default_value)
{
  JsonNode *node;

  g_return_val_if_fail (MCP_IS_TOOL_CALL (self), default_value);
  g_return_val_if_fail (name != NULL, default_value);

  node = get_argument (self, name);
  return _mcp_json_node_is_string (node) ? json_node_get_string (node) : default_value;
}

/**
 * mcp_tool_call_get_int:
 * @self: a #McpToolCall
 * @name: the argument name
 * @default_value: what to return if it is missing or not an integer
 *
 * Gets the integer argument @name, or @default_value.
 *
 * Returns: the integer argument @name, or @default_value
 *
 * Since: 0.1
 */
gint64
mcp_tool_call_get_int (McpToolCall *self,
                       const char  *name,
                       gint64       default_value)
{
  JsonNode *node;

  g_return_val_if_fail (MCP_IS_TOOL_CALL (self), default_value);
  g_return_val_if_fail (name != NULL, default_value);

  node = get_argument (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);

  /* 3.0 is an integer to JSON Schema; 3.5 is not. */
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      gdouble d = json_node_get_double (node);

      if (d == (gdouble) (gint64) d)
        return (gint64) d;
    }

  return default_value;
}

/**
 * mcp_tool_call_get_double:
 * @self: a #McpToolCall
 * @name: the argument name
 * @default_value: what to return if it is missing or not a number
 *
 * Gets the numeric argument @name, or @default_value.
 *
 * Returns: the numeric argument @name, or @default_value
 *
 * Since: 0.1
 */
gdouble
mcp_tool_call_get_double (McpToolCall *self,
                          const char  *name,
                          gdouble      default_value)
{
  JsonNode *node;

  g_return_val_if_fail (MCP_IS_TOOL_CALL (self), default_value);
  g_return_val_if_fail (name != NULL, default_value);

  node = get_argument (self, name);
  return _mcp_json_node_is_number (node) ? _mcp_json_node_get_number (node) : default_value;
}

/**
 * mcp_tool_call_get_boolean:
 * @self: a #McpToolCall
 * @name: the argument name
 * @default_value: what to return if it is missing or not a boolean
 *
 * Gets the boolean argument @name, or @default_value.
 *
 * Returns: the boolean argument @name, or @default_value
 *
 * Since: 0.1
 */
gboolean
mcp_tool_call_get_boolean (McpToolCall *self,
                           const char  *name,
                           gboolean     default_value)
{
  JsonNode *node;

  g_return_val_if_fail (MCP_IS_TOOL_CALL (self), default_value);
  g_return_val_if_fail (name != NULL, default_value);

  node = get_argument (self, name);
  return _mcp_json_node_is_boolean (node) ? json_node_get_boolean (node) : default_value;
}

/**
 * mcp_tool_call_get_progress_token:
 * @self: a #McpToolCall
 *
 * Gets the client's progress token, if it asked for progress.
 *
 * Returns: (transfer none) (nullable): the client's progress token, if it
 *   asked for progress
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_call_get_progress_token (McpToolCall *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_CALL (self), NULL);

  return mcp_request_get_progress_token (self->handler.request);
}

/**
 * mcp_tool_call_get_cancellable:
 * @self: a #McpToolCall
 *
 * Gets a cancellable that is cancelled when the client cancels the call or
 * goes away.
 *
 * Returns: (transfer none): cancelled when the client cancels the call or
 *   goes away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_CANCELLABLE (McpToolCall, mcp_tool_call, handler.request)

/**
 * mcp_tool_call_is_cancelled:
 * @self: a #McpToolCall
 *
 * Checks whether the client cancelled the call or went away.
 *
 * Returns: whether the client cancelled the call or went away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_IS_CANCELLED (McpToolCall, mcp_tool_call, handler.request)

/**
 * mcp_tool_call_send_progress:
 * @self: a #McpToolCall
 * @progress: the progress so far; it must grow with every call
 * @total: the total, or a negative number if unknown
 * @message: (nullable): a human-readable message
 *
 * Reports progress, if the client asked for it.
 *
 * Returns: %TRUE if a notification was sent
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_SEND_PROGRESS (McpToolCall, mcp_tool_call, handler.request)

/**
 * mcp_tool_call_log:
 * @self: a #McpToolCall
 * @level: the severity
 * @logger: (nullable): the logger name
 * @data: (nullable): the message: any JSON value, usually a string
 *
 * Sends a log message to the calling client, if its logging level lets it
 * through. It travels with the call where the transport allows.
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_LOG (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_return_result:
 * @self: a #McpToolCall
 * @result: the result
 *
 * Completes the call with @result.
 *
 * Since: 0.1
 */
void
mcp_tool_call_return_result (McpToolCall   *self,
                             McpToolResult *result)
{
  g_return_if_fail (MCP_IS_TOOL_CALL (self));
  g_return_if_fail (MCP_IS_TOOL_RESULT (result));

  _mcp_handler_request_return_take (&self->handler, mcp_tool_result_to_json (result));
}

/**
 * mcp_tool_call_return_text:
 * @self: a #McpToolCall
 * @text: the text
 *
 * Completes the call with a result of one text block.
 *
 * Since: 0.1
 */
/* What mcp_tool_result_to_json() makes of mcp_tool_result_new_text() or
 * _new_error(), built without the two objects: this is the common reply. */
static JsonNode *
text_result_json (const char *text,
                  gboolean    is_error)
{
  JsonObject *object = json_object_new ();
  JsonArray *content = json_array_sized_new (1);

  json_array_add_element (content, mcp_content_new_text (text));
  json_object_set_array_member (object, "content", content);
  if (is_error)
    json_object_set_boolean_member (object, "isError", TRUE);

  return _mcp_json_node_new_object (object);
}

/* The text _mcp_json_write() makes of text_result_json (@text, @is_error). */
void
_mcp_tool_call_write_text_result (GString    *out,
                                  const char *text,
                                  gboolean    is_error)
{
  g_string_append (out, "{\"content\":[{\"type\":\"text\",\"text\":");
  _mcp_json_write_string (out, text);
  g_string_append (out, is_error ? "}],\"isError\":true}" : "}]}");
}

/* Where the transport takes result text (stdio), the reply is written
 * without building the result's JSON tree. */
static void
return_text_result (McpToolCall *self,
                    const char  *text,
                    gboolean     is_error)
{
  static GString *spare;
  McpRequest *request = self->handler.request;

  if (_mcp_request_takes_result_text (request))
    {
      /* Handlers may answer from several threads: each takes the spare
       * buffer or makes one. */
      GString *json = g_atomic_pointer_exchange (&spare, NULL);

      if (json == NULL)
        json = g_string_sized_new (strlen (text) + 64);
      _mcp_tool_call_write_text_result (json, text, is_error);
      _mcp_request_return_result_text (request, json->str, json->len);
      g_string_truncate (json, 0);
      if (json->allocated_len > 4096 ||
          !g_atomic_pointer_compare_and_exchange (&spare, NULL, json))
        g_string_free (json, TRUE);
      return;
    }

  _mcp_handler_request_return_take (&self->handler, text_result_json (text, is_error));
}

void
mcp_tool_call_return_text (McpToolCall *self,
                           const char  *text)
{
  g_return_if_fail (MCP_IS_TOOL_CALL (self));
  g_return_if_fail (text != NULL);

  return_text_result (self, text, FALSE);
}

/**
 * mcp_tool_call_return_error:
 * @self: a #McpToolCall
 * @message: what went wrong, for the model to read
 *
 * Completes the call with a failed result (`isError: true`). This is how a
 * tool reports that it could not do its job; JSON-RPC errors are for
 * protocol problems (see mcp_tool_call_get_request()).
 *
 * Since: 0.1
 */
void
mcp_tool_call_return_error (McpToolCall *self,
                            const char  *message)
{
  g_return_if_fail (MCP_IS_TOOL_CALL (self));
  g_return_if_fail (message != NULL);

  return_text_result (self, message, TRUE);
}

/**
 * mcp_tool_call_return_gerror:
 * @self: a #McpToolCall
 * @error: what went wrong
 *
 * Completes the call with a failed result carrying @error's message.
 *
 * Since: 0.1
 */
void
mcp_tool_call_return_gerror (McpToolCall  *self,
                             const GError *error)
{
  g_return_if_fail (MCP_IS_TOOL_CALL (self));
  g_return_if_fail (error != NULL);

  mcp_tool_call_return_error (self, error->message);
}

/* Requests to the client ---------------------------------------------------- */

MCP_HANDLER_REQUEST_DEFINE_CLIENT_REQUESTS (McpToolCall)

/**
 * mcp_tool_call_create_message_async:
 * @self: a #McpToolCall
 * @messages: a JSON array of `SamplingMessage` objects (see
 *   mcp_content_new_message())
 * @system_prompt: (nullable): a system prompt
 * @max_tokens: the most tokens the client should sample
 * @options: (nullable): further `sampling/createMessage` params (see
 *   mcp_server_session_create_message_async())
 * @cancellable: (nullable): cancels the request; %NULL uses the call's
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the calling client to sample an LLM, as part of this call. See
 * mcp_server_session_create_message_async().
 *
 * Since: 0.1
 */

/**
 * mcp_tool_call_create_message_finish:
 * @self: a #McpToolCall
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_tool_call_create_message_async().
 *
 * Returns: (transfer full): the `CreateMessageResult` object
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_CREATE_MESSAGE (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_list_roots_async:
 * @self: a #McpToolCall
 * @cancellable: (nullable): cancels the request; %NULL uses the call's
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the calling client for its roots, as part of this call. See
 * mcp_server_session_list_roots_async().
 *
 * Since: 0.1
 */

/**
 * mcp_tool_call_list_roots_finish:
 * @self: a #McpToolCall
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_tool_call_list_roots_async().
 *
 * Returns: (transfer container) (element-type McpRoot): the client's roots
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_LIST_ROOTS (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_elicit_async:
 * @self: a #McpToolCall
 * @message: what to ask the user
 * @requested_schema: the form (see mcp_server_session_elicit_async())
 * @cancellable: (nullable): cancels the request; %NULL uses the call's
 * @callback: (scope async): called with the user's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the user of the calling client for information through a form, as
 * part of this call. See mcp_server_session_elicit_async().
 *
 * Since: 0.1
 */

/**
 * mcp_tool_call_elicit_finish:
 * @self: a #McpToolCall
 * @result: the #GAsyncResult
 * @action: (out) (optional): what the user did
 * @content: (out) (optional) (nullable) (transfer full): the submitted
 *   values when @action is %MCP_ELICITATION_ACTION_ACCEPT
 * @error: return location for a #GError
 *
 * Finishes mcp_tool_call_elicit_async().
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_ELICIT (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_elicit_url_async:
 * @self: a #McpToolCall
 * @message: why the user should open the URL
 * @url: the URL to open
 * @elicitation_id: an identifier of this elicitation, unique within the
 *   server
 * @cancellable: (nullable): cancels the request; %NULL uses the call's
 * @callback: (scope async): called with the user's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the calling client to send its user to @url, as part of this call.
 * See mcp_server_session_elicit_url_async().
 *
 * Since: 0.1
 */

/**
 * mcp_tool_call_elicit_url_finish:
 * @self: a #McpToolCall
 * @result: the #GAsyncResult
 * @action: (out) (optional): whether the user agreed to open the URL
 * @error: return location for a #GError
 *
 * Finishes mcp_tool_call_elicit_url_async().
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_ELICIT_URL (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_ping_async:
 * @self: a #McpToolCall
 * @cancellable: (nullable): cancels the ping; %NULL uses the call's
 * @callback: (scope async): called with the answer
 * @user_data: the data to pass to @callback
 *
 * Pings the calling client, as part of this call.
 *
 * Since: 0.1
 */

/**
 * mcp_tool_call_ping_finish:
 * @self: a #McpToolCall
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_tool_call_ping_async().
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_PING (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_set_next_input_key:
 * @self: a #McpToolCall
 * @key: (nullable): a name for the next request for input, or %NULL for
 *   the library's own
 *
 * Names the next request this handler makes of the client
 * (mcp_tool_call_elicit_async(), mcp_tool_call_create_message_async() or
 * mcp_tool_call_list_roots_async()) on a request of the 2026-07-28 era.
 * There the library answers with an `InputRequiredResult` whose
 * `inputRequests` are keyed by name, and finds the client's answers under
 * the same names in the retry's `inputResponses`. Without a name it uses
 * its own (`elicitation-1`, `sampling-1`, …); a handler names a request
 * when a client or a document expects a particular key.
 *
 * The name must be unique within one run of the handler and the same on
 * every run. It applies to the next request only. On a session of an
 * earlier revision, which sends the requests to the client, it has no
 * effect.
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_SET_NEXT_INPUT_KEY (McpToolCall, mcp_tool_call)

/**
 * mcp_tool_call_client_has_capability:
 * @self: a #McpToolCall
 * @capability: a capability name such as `sampling`, `roots` or
 *   `elicitation`
 *
 * Checks whether the calling client declared @capability for this call: in
 * the request's own `io.modelcontextprotocol/clientCapabilities` on the
 * 2026-07-28 era, in its `initialize` otherwise (see
 * mcp_server_session_client_has_capability()). A handler that can do
 * without some input asks only for what the client can give.
 *
 * Returns: whether the client declared @capability
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_CLIENT_HAS_CAPABILITY (McpToolCall, mcp_tool_call)

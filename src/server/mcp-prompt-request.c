/* mcp-prompt-request.c
 *
 * Server side: a client's prompts/get, as the server's prompt handler
 * receives it.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-requests-private.h"
#include "mcp-error.h"
#include "mcp-handler-request-private.h"
#include "mcp-json-node-private.h"
#include "mcp-prompt-request.h"
#include "mcp-prompt-result.h"
#include "mcp-prompt.h"
#include "mcp-server-private.h"
#include "mcp-server-session.h"

/**
 * McpPromptRequest:
 *
 * One `prompts/get` from a client, handed by the server to the prompt's
 * #McpPromptHandler.
 *
 * The server has checked the arguments already: every required argument is
 * there and every value is a string. The handler builds an #McpPromptResult
 * and completes the request with mcp_prompt_request_return_result() — or
 * mcp_prompt_request_return_text() for one user message — now or later from
 * the main loop, exactly once.
 *
 * Since: 0.1
 */

struct _McpPromptRequest
{
  GObject            parent_instance;

  McpHandlerRequest  handler;
  McpPrompt         *prompt;
};

G_DEFINE_FINAL_TYPE (McpPromptRequest, mcp_prompt_request, G_TYPE_OBJECT)

enum {
  PROP_PROMPT = MCP_HANDLER_REQUEST_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_prompt_request_finalize (GObject *object)
{
  McpPromptRequest *self = (McpPromptRequest *) object;

  _mcp_handler_request_clear (&self->handler, NULL);
  g_clear_object (&self->prompt);

  G_OBJECT_CLASS (mcp_prompt_request_parent_class)->finalize (object);
}

static void
mcp_prompt_request_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McpPromptRequest *self = MCP_PROMPT_REQUEST (object);

  if (_mcp_handler_request_get_property (&self->handler, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_PROMPT:
      g_value_set_object (value, self->prompt);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_prompt_request_class_init (McpPromptRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_prompt_request_finalize;
  object_class->get_property = mcp_prompt_request_get_property;

  /**
   * McpPromptRequest:prompt:
   *
   * The prompt being filled in.
   *
   * Since: 0.1
   */
  properties[PROP_PROMPT] =
    g_param_spec_object ("prompt", NULL, NULL, MCP_TYPE_PROMPT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpPromptRequest:arguments:
   *
   * The arguments object (names to string values); empty when the client
   * sent none.
   *
   * Since: 0.1
   */
  /**
   * McpPromptRequest:cancellable:
   *
   * Cancelled when the client cancels the request or goes away.
   *
   * Since: 0.1
   */
  _mcp_handler_request_install_properties (object_class, properties, N_PROPS, TRUE);
}

static void
mcp_prompt_request_init (McpPromptRequest *self)
{
}

McpPromptRequest *
_mcp_prompt_request_new (const McpHandlerRequest *origin,
                         McpPrompt               *prompt)
{
  McpPromptRequest *self = g_object_new (MCP_TYPE_PROMPT_REQUEST, NULL);

  _mcp_handler_request_init (&self->handler, origin, TRUE);
  self->prompt = g_object_ref (prompt);

  return self;
}

/**
 * mcp_prompt_request_get_server:
 * @self: a #McpPromptRequest
 *
 * Gets the server.
 *
 * Returns: (transfer none): the server
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SERVER (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_get_session:
 * @self: a #McpPromptRequest
 *
 * Gets the session of the requesting client.
 *
 * Returns: (transfer none): the session of the requesting client
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SESSION (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_get_auth_info:
 * @self: a #McpPromptRequest
 *
 * Who is calling: the identity the transport's #McpAuthProvider gave
 * the caller, as mcp_server_session_get_auth_info() returns it.
 *
 * Returns: (transfer none) (nullable): the caller's identity, or %NULL
 *   when the transport asks for none
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_AUTH_INFO (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_get_request:
 * @self: a #McpPromptRequest
 *
 * Gets the underlying JSON-RPC request.
 *
 * Returns: (transfer none): the underlying JSON-RPC request
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_REQUEST (McpPromptRequest, mcp_prompt_request, handler.request)

/**
 * mcp_prompt_request_get_prompt:
 * @self: a #McpPromptRequest
 *
 * Gets the prompt being filled in.
 *
 * Returns: (transfer none): the prompt being filled in
 *
 * Since: 0.1
 */
McpPrompt *
mcp_prompt_request_get_prompt (McpPromptRequest *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT_REQUEST (self), NULL);

  return self->prompt;
}

/**
 * mcp_prompt_request_get_name:
 * @self: a #McpPromptRequest
 *
 * Gets the name of the prompt.
 *
 * Returns: the name of the prompt
 *
 * Since: 0.1
 */
const char *
mcp_prompt_request_get_name (McpPromptRequest *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT_REQUEST (self), NULL);

  return mcp_prompt_get_name (self->prompt);
}

/**
 * mcp_prompt_request_get_arguments:
 * @self: a #McpPromptRequest
 *
 * Gets the arguments object (empty if none were sent).
 *
 * Returns: (transfer none): the arguments object (empty if none were sent)
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_ARGUMENTS (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_get_argument:
 * @self: a #McpPromptRequest
 * @name: an argument name
 *
 * Gets the value of argument @name, or %NULL if the client did not send it.
 *
 * Returns: (nullable): the value of argument @name, or %NULL if the client
 *   did not send it
 *
 * Since: 0.1
 */
const char *
mcp_prompt_request_get_argument (McpPromptRequest *self,
                                 const char       *name)
{
  g_return_val_if_fail (MCP_IS_PROMPT_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return _mcp_json_object_get_string (json_node_get_object (self->handler.arguments), name);
}

/**
 * mcp_prompt_request_get_cancellable:
 * @self: a #McpPromptRequest
 *
 * Gets a cancellable that is cancelled when the client cancels the request or
 * goes away.
 *
 * Returns: (transfer none): cancelled when the client cancels the request
 *   or goes away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_CANCELLABLE (McpPromptRequest, mcp_prompt_request, handler.request)

/**
 * mcp_prompt_request_is_cancelled:
 * @self: a #McpPromptRequest
 *
 * Checks whether the client cancelled the request or went away.
 *
 * Returns: whether the client cancelled the request or went away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_IS_CANCELLED (McpPromptRequest, mcp_prompt_request, handler.request)

/**
 * mcp_prompt_request_send_progress:
 * @self: a #McpPromptRequest
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
MCP_REQUEST_DEFINE_SEND_PROGRESS (McpPromptRequest, mcp_prompt_request, handler.request)

/**
 * mcp_prompt_request_log:
 * @self: a #McpPromptRequest
 * @level: the severity
 * @logger: (nullable): the logger name
 * @data: (nullable): the message: any JSON value, usually a string
 *
 * Sends a log message to the requesting client, if its logging level lets
 * it through.
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_LOG (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_return_result:
 * @self: a #McpPromptRequest
 * @result: the filled-in prompt
 *
 * Completes the request with @result.
 *
 * Since: 0.1
 */
void
mcp_prompt_request_return_result (McpPromptRequest *self,
                                  McpPromptResult  *result)
{
  g_return_if_fail (MCP_IS_PROMPT_REQUEST (self));
  g_return_if_fail (MCP_IS_PROMPT_RESULT (result));

  _mcp_handler_request_return_take (&self->handler, mcp_prompt_result_to_json (result));
}

/**
 * mcp_prompt_request_return_text:
 * @self: a #McpPromptRequest
 * @text: the text of the prompt
 *
 * Completes the request with one user message of @text.
 *
 * Since: 0.1
 */
void
mcp_prompt_request_return_text (McpPromptRequest *self,
                                const char       *text)
{
  g_autoptr(McpPromptResult) result = NULL;

  g_return_if_fail (MCP_IS_PROMPT_REQUEST (self));
  g_return_if_fail (text != NULL);

  result = mcp_prompt_result_new (mcp_prompt_get_description (self->prompt));
  mcp_prompt_result_add_text (result, MCP_ROLE_USER, text);
  mcp_prompt_request_return_result (self, result);
}

/**
 * mcp_prompt_request_return_gerror:
 * @self: a #McpPromptRequest
 * @error: what went wrong
 *
 * Completes the request with a JSON-RPC error made from @error (see
 * mcp_error_get_jsonrpc_code()).
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_RETURN_GERROR (McpPromptRequest, mcp_prompt_request, handler.request)

/* Requests to the client ---------------------------------------------------- */

MCP_HANDLER_REQUEST_DEFINE_CLIENT_REQUESTS (McpPromptRequest)

/**
 * mcp_prompt_request_elicit_async:
 * @self: a #McpPromptRequest
 * @message: what to ask the user
 * @requested_schema: the form (see mcp_server_session_elicit_async())
 * @cancellable: (nullable): cancels the request; %NULL uses the prompt
 *   request's
 * @callback: (scope async): called with the user's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the user of the calling client for information through a form, as
 * part of this `prompts/get`. On the 2026-07-28 era this becomes an input
 * round, as for mcp_tool_call_elicit_async().
 *
 * Since: 0.1
 */

/**
 * mcp_prompt_request_elicit_finish:
 * @self: a #McpPromptRequest
 * @result: the #GAsyncResult
 * @action: (out) (optional): what the user did
 * @content: (out) (optional) (nullable) (transfer full): the submitted
 *   values when @action is %MCP_ELICITATION_ACTION_ACCEPT
 * @error: return location for a #GError
 *
 * Finishes mcp_prompt_request_elicit_async().
 *
 * Returns: %TRUE if the client answered
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_ELICIT (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_create_message_async:
 * @self: a #McpPromptRequest
 * @messages: a JSON array of `SamplingMessage` objects (see
 *   mcp_content_new_message())
 * @system_prompt: (nullable): a system prompt
 * @max_tokens: the most tokens the client should sample
 * @options: (nullable): further `sampling/createMessage` params (see
 *   mcp_server_session_create_message_async())
 * @cancellable: (nullable): cancels the request; %NULL uses the prompt
 *   request's
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the calling client to sample an LLM, as part of this `prompts/get`.
 *
 * Since: 0.1
 */

/**
 * mcp_prompt_request_create_message_finish:
 * @self: a #McpPromptRequest
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_prompt_request_create_message_async().
 *
 * Returns: (transfer full): the `CreateMessageResult` object
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_CREATE_MESSAGE (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_list_roots_async:
 * @self: a #McpPromptRequest
 * @cancellable: (nullable): cancels the request; %NULL uses the prompt
 *   request's
 * @callback: (scope async): called with the client's answer
 * @user_data: the data to pass to @callback
 *
 * Asks the calling client for its roots, as part of this `prompts/get`.
 *
 * Since: 0.1
 */

/**
 * mcp_prompt_request_list_roots_finish:
 * @self: a #McpPromptRequest
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_prompt_request_list_roots_async().
 *
 * Returns: (transfer container) (element-type McpRoot): the client's roots
 *
 * Since: 0.1
 */
MCP_CLIENT_REQUEST_DEFINE_LIST_ROOTS (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_set_next_input_key:
 * @self: a #McpPromptRequest
 * @key: (nullable): a name for the next request for input, or %NULL for
 *   the library's own
 *
 * Names the next request this handler makes of the client on a request of
 * the 2026-07-28 era; see mcp_tool_call_set_next_input_key().
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_SET_NEXT_INPUT_KEY (McpPromptRequest, mcp_prompt_request)

/**
 * mcp_prompt_request_client_has_capability:
 * @self: a #McpPromptRequest
 * @capability: a capability name such as `sampling`, `roots` or
 *   `elicitation`
 *
 * Checks whether the calling client declared @capability for this request;
 * see mcp_tool_call_client_has_capability().
 *
 * Returns: whether the client declared @capability
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_CLIENT_HAS_CAPABILITY (McpPromptRequest, mcp_prompt_request)

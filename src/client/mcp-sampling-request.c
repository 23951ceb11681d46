/* mcp-sampling-request.c
 *
 * Client side: a server's sampling request, as the client's sampling handler
 * receives it.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-client-private.h"
#include "mcp-content.h"
#include "mcp-json-node-private.h"
#include "mcp-request-private.h"

/**
 * McpSamplingRequest:
 *
 * A server's `sampling/createMessage` request, handed by the client to its
 * #McpSamplingHandler: the server wants the client's LLM to answer
 * mcp_sampling_request_get_messages().
 *
 * The client has checked the request's shape already (messages and
 * `maxTokens` are there; `tools` only when the client declared
 * %MCP_SAMPLING_FEATURES_TOOLS). The handler — which should let the user
 * see and approve what is sent and returned — completes the request with
 * mcp_sampling_request_return_text(), mcp_sampling_request_return_message()
 * or mcp_sampling_request_return_result(), or refuses it with
 * mcp_sampling_request_return_gerror(), now or later, exactly once.
 *
 * Since: 0.1
 */

struct _McpSamplingRequest
{
  GObject     parent_instance;

  McpClient  *client;
  McpRequest *request;
};

G_DEFINE_FINAL_TYPE (McpSamplingRequest, mcp_sampling_request, G_TYPE_OBJECT)

static void
mcp_sampling_request_finalize (GObject *object)
{
  McpSamplingRequest *self = (McpSamplingRequest *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (mcp_sampling_request_parent_class)->finalize (object);
}

static void
mcp_sampling_request_class_init (McpSamplingRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_sampling_request_finalize;
}

static void
mcp_sampling_request_init (McpSamplingRequest *self)
{
}

McpSamplingRequest *
_mcp_sampling_request_new (McpClient  *client,
                           McpRequest *request)
{
  McpSamplingRequest *self = g_object_new (MCP_TYPE_SAMPLING_REQUEST, NULL);

  self->client = g_object_ref (client);
  self->request = g_object_ref (request);
  return self;
}

static JsonObject *
params (McpSamplingRequest *self)
{
  return json_node_get_object (mcp_request_get_params (self->request));
}

static JsonNode *
param_of_type (McpSamplingRequest *self,
               const char         *name,
               JsonNodeType        type)
{
  JsonNode *node = json_object_get_member (params (self), name);

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

/**
 * mcp_sampling_request_get_client:
 * @self: a #McpSamplingRequest
 *
 * Gets the client.
 *
 * Returns: (transfer none): the client
 *
 * Since: 0.1
 */
McpClient *
mcp_sampling_request_get_client (McpSamplingRequest *self)
{
  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), NULL);

  return self->client;
}

/**
 * mcp_sampling_request_get_request:
 * @self: a #McpSamplingRequest
 *
 * Gets the underlying JSON-RPC request.
 *
 * Returns: (transfer none): the underlying JSON-RPC request
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_REQUEST (McpSamplingRequest, mcp_sampling_request, request)

/**
 * mcp_sampling_request_get_params:
 * @self: a #McpSamplingRequest
 *
 * Gets every param of the request, for those without a getter
 * (`temperature`, `stopSequences`, `metadata`, `_meta`).
 *
 * Returns: (transfer none): the params object
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_PARAMS (McpSamplingRequest, mcp_sampling_request, request)

/**
 * mcp_sampling_request_get_messages:
 * @self: a #McpSamplingRequest
 *
 * Gets the array of `SamplingMessage` objects (`role`, `content`).
 *
 * Returns: (transfer none): the array of `SamplingMessage` objects
 *   (`role`, `content`)
 *
 * Since: 0.1
 */
JsonNode *
mcp_sampling_request_get_messages (McpSamplingRequest *self)
{
  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), NULL);

  return param_of_type (self, "messages", JSON_NODE_ARRAY);
}

/**
 * mcp_sampling_request_get_system_prompt:
 * @self: a #McpSamplingRequest
 *
 * Gets the system prompt the server would like.
 *
 * Returns: (nullable): the system prompt the server would like
 *
 * Since: 0.1
 */
const char *
mcp_sampling_request_get_system_prompt (McpSamplingRequest *self)
{
  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), NULL);

  return _mcp_json_object_get_string (params (self), "systemPrompt");
}

/**
 * mcp_sampling_request_get_max_tokens:
 * @self: a #McpSamplingRequest
 *
 * Gets the most tokens to sample.
 *
 * Returns: the most tokens to sample
 *
 * Since: 0.1
 */
gint64
mcp_sampling_request_get_max_tokens (McpSamplingRequest *self)
{
  JsonNode *node;

  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), 0);

  node = json_object_get_member (params (self), "maxTokens");
  return _mcp_json_node_is_number (node) ? (gint64) _mcp_json_node_get_number (node) : 0;
}

/**
 * mcp_sampling_request_get_model_preferences:
 * @self: a #McpSamplingRequest
 *
 * Gets the `ModelPreferences` object (`hints`, `costPriority`,
 * `speedPriority`, `intelligencePriority`).
 *
 * Returns: (transfer none) (nullable): the `ModelPreferences` object
 *   (`hints`, `costPriority`, `speedPriority`, `intelligencePriority`)
 *
 * Since: 0.1
 */
JsonNode *
mcp_sampling_request_get_model_preferences (McpSamplingRequest *self)
{
  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), NULL);

  return param_of_type (self, "modelPreferences", JSON_NODE_OBJECT);
}

/**
 * mcp_sampling_request_get_tools:
 * @self: a #McpSamplingRequest
 *
 * Gets the array of `Tool` objects the model may use.
 *
 * Returns: (transfer none) (nullable): the array of `Tool` objects the model
 *   may use
 *
 * Since: 0.1
 */
JsonNode *
mcp_sampling_request_get_tools (McpSamplingRequest *self)
{
  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), NULL);

  return param_of_type (self, "tools", JSON_NODE_ARRAY);
}

/**
 * mcp_sampling_request_get_tool_choice:
 * @self: a #McpSamplingRequest
 *
 * Gets the `ToolChoice` object (`mode`).
 *
 * Returns: (transfer none) (nullable): the `ToolChoice` object (`mode`)
 *
 * Since: 0.1
 */
JsonNode *
mcp_sampling_request_get_tool_choice (McpSamplingRequest *self)
{
  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), NULL);

  return param_of_type (self, "toolChoice", JSON_NODE_OBJECT);
}

/**
 * mcp_sampling_request_get_include_context:
 * @self: a #McpSamplingRequest
 *
 * Gets `none`, `thisServer` or `allServers`, if given.
 *
 * Returns: (nullable): `none`, `thisServer` or `allServers`, if given
 *
 * Since: 0.1
 */
const char *
mcp_sampling_request_get_include_context (McpSamplingRequest *self)
{
  g_return_val_if_fail (MCP_IS_SAMPLING_REQUEST (self), NULL);

  return _mcp_json_object_get_string (params (self), "includeContext");
}

/**
 * mcp_sampling_request_get_cancellable:
 * @self: a #McpSamplingRequest
 *
 * Gets a cancellable that is cancelled when the server cancels the request or
 * the connection closes.
 *
 * Returns: (transfer none): cancelled when the server cancels the request
 *   or the connection closes
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_CANCELLABLE (McpSamplingRequest, mcp_sampling_request, request)

/**
 * mcp_sampling_request_is_cancelled:
 * @self: a #McpSamplingRequest
 *
 * Checks whether the server cancelled the request or went away.
 *
 * Returns: whether the server cancelled the request or went away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_IS_CANCELLED (McpSamplingRequest, mcp_sampling_request, request)

/**
 * mcp_sampling_request_return_result:
 * @self: a #McpSamplingRequest
 * @result: a `CreateMessageResult` object (`role`, `content`, `model`,
 *   `stopReason`)
 *
 * Completes the request with @result as it is.
 *
 * Since: 0.1
 */
void
mcp_sampling_request_return_result (McpSamplingRequest *self,
                                    JsonNode           *result)
{
  g_return_if_fail (MCP_IS_SAMPLING_REQUEST (self));
  g_return_if_fail (result != NULL && JSON_NODE_HOLDS_OBJECT (result));

  mcp_request_return_result (self->request, result);
}

/**
 * mcp_sampling_request_return_message:
 * @self: a #McpSamplingRequest
 * @model: the name of the model that answered
 * @content: the assistant's content: one block, or an array of blocks
 *   (with `tool_use` blocks when the model calls tools)
 * @stop_reason: (nullable): why sampling stopped, such as `endTurn`,
 *   `maxTokens` or `toolUse`
 *
 * Completes the request with an assistant message.
 *
 * Since: 0.1
 */
void
mcp_sampling_request_return_message (McpSamplingRequest *self,
                                     const char         *model,
                                     JsonNode           *content,
                                     const char         *stop_reason)
{
  g_autoptr(JsonNode) result = NULL;

  g_return_if_fail (MCP_IS_SAMPLING_REQUEST (self));
  g_return_if_fail (model != NULL);
  g_return_if_fail (content != NULL);

  result = mcp_content_new_message (MCP_ROLE_ASSISTANT, content);
  json_object_set_string_member (json_node_get_object (result), "model", model);
  if (stop_reason != NULL)
    json_object_set_string_member (json_node_get_object (result), "stopReason", stop_reason);

  mcp_request_return_result (self->request, result);
}

/**
 * mcp_sampling_request_return_text:
 * @self: a #McpSamplingRequest
 * @model: the name of the model that answered
 * @text: the model's answer
 *
 * Completes the request with an assistant text that ended its turn.
 *
 * Since: 0.1
 */
void
mcp_sampling_request_return_text (McpSamplingRequest *self,
                                  const char         *model,
                                  const char         *text)
{
  g_autoptr(JsonNode) content = NULL;

  g_return_if_fail (MCP_IS_SAMPLING_REQUEST (self));
  g_return_if_fail (text != NULL);

  content = mcp_content_new_text (text);
  mcp_sampling_request_return_message (self, model, content, "endTurn");
}

/**
 * mcp_sampling_request_return_gerror:
 * @self: a #McpSamplingRequest
 * @error: why the request is refused, such as the user's rejection
 *
 * Completes the request with a JSON-RPC error made from @error.
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_RETURN_GERROR (McpSamplingRequest, mcp_sampling_request, request)

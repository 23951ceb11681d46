/* mcp-prompt-result.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-content.h"
#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-metadata-private.h"
#include "mcp-prompt-result.h"

/**
 * McpPromptResult:
 *
 * The filled-in prompt that `prompts/get` returns: an optional description
 * and a list of messages, each with a role and one content block (text,
 * image, audio, an embedded resource or a resource link).
 *
 * A prompt handler builds one and completes its #McpPromptRequest with
 * mcp_prompt_request_return_result(); a client receives one from
 * mcp_client_get_prompt_finish().
 *
 * Since: 0.1
 */

struct _McpPromptResult
{
  GObject      parent_instance;

  McpMetadata  metadata;
  JsonArray   *messages;
};

G_DEFINE_FINAL_TYPE (McpPromptResult, mcp_prompt_result, G_TYPE_OBJECT)

#define METADATA_FIELDS (MCP_METADATA_DESCRIPTION | MCP_METADATA_META)

#define N_PROPS MCP_METADATA_N_PROPS

static GParamSpec *properties[N_PROPS];

static void
mcp_prompt_result_finalize (GObject *object)
{
  McpPromptResult *self = (McpPromptResult *) object;

  _mcp_metadata_clear (&self->metadata);
  g_clear_pointer (&self->messages, json_array_unref);

  G_OBJECT_CLASS (mcp_prompt_result_parent_class)->finalize (object);
}

static void
mcp_prompt_result_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McpPromptResult *self = MCP_PROMPT_RESULT (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_prompt_result_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McpPromptResult *self = MCP_PROMPT_RESULT (object);

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_prompt_result_class_init (McpPromptResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_prompt_result_finalize;
  object_class->get_property = mcp_prompt_result_get_property;
  object_class->set_property = mcp_prompt_result_set_property;

  /**
   * McpPromptResult:description:
   *
   * A description of the filled-in prompt.
   *
   * Since: 0.1
   */
  /**
   * McpPromptResult:meta:
   *
   * The `_meta` object of the result.
   *
   * Since: 0.1
   */
  _mcp_metadata_install_properties (object_class, properties, N_PROPS, METADATA_FIELDS);
}

static void
mcp_prompt_result_init (McpPromptResult *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, METADATA_FIELDS);
  self->messages = json_array_new ();
}

/**
 * mcp_prompt_result_new:
 * @description: (nullable): a description of the filled-in prompt
 *
 * Creates a result without messages.
 *
 * Returns: (transfer full): a new #McpPromptResult
 *
 * Since: 0.1
 */
McpPromptResult *
mcp_prompt_result_new (const char *description)
{
  return g_object_new (MCP_TYPE_PROMPT_RESULT, "description", description, NULL);
}

static gboolean
content_is_valid (JsonNode *content)
{
  return content != NULL &&
         JSON_NODE_HOLDS_OBJECT (content) &&
         _mcp_json_object_get_string (json_node_get_object (content), "type") != NULL;
}

/**
 * mcp_prompt_result_new_from_json:
 * @node: a `GetPromptResult` object
 * @error: return location for a #GError
 *
 * Parses a `prompts/get` result. Every message needs a `role` of `user` or
 * `assistant` and a `content` object with a `type`.
 *
 * Returns: (transfer full): a new #McpPromptResult, or %NULL with @error set
 *
 * Since: 0.1
 */
McpPromptResult *
mcp_prompt_result_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(McpPromptResult) self = NULL;
  JsonObject *object;
  JsonArray *messages;

  g_return_val_if_fail (node != NULL, NULL);

  object = _mcp_metadata_check_json (node, "A prompt result", 0, error);
  if (object == NULL)
    return NULL;

  messages = _mcp_json_object_get_array (object, "messages");
  if (messages == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A prompt result needs a messages array");
      return NULL;
    }

  self = mcp_prompt_result_new (_mcp_json_object_get_string (object, "description"));
  _mcp_metadata_from_json (&self->metadata, object);

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *message = json_array_get_element (messages, i);
      McpRole role;

      if (!JSON_NODE_HOLDS_OBJECT (message) ||
          !mcp_role_from_string (_mcp_json_object_get_string (json_node_get_object (message),
                                                              "role"), &role) ||
          !content_is_valid (json_object_get_member (json_node_get_object (message), "content")))
        {
          g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                       "Message %u of the prompt result needs a role and one content block", i);
          return NULL;
        }

      json_array_add_element (self->messages, json_node_copy (message));
    }

  return g_steal_pointer (&self);
}

/**
 * mcp_prompt_result_to_json:
 * @self: a #McpPromptResult
 *
 * Serializes the result as a `GetPromptResult` object.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_prompt_result_to_json (McpPromptResult *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_PROMPT_RESULT (self), NULL);

  object = json_object_new ();
  _mcp_metadata_to_json (&self->metadata, object);
  json_object_set_array_member (object, "messages", json_array_ref (self->messages));

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_prompt_result_get_description:
 * @self: a #McpPromptResult
 *
 * Gets the description.
 *
 * Returns: (nullable): the description
 *
 * Since: 0.1
 */
const char *
mcp_prompt_result_get_description (McpPromptResult *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT_RESULT (self), NULL);

  return self->metadata.description;
}

/**
 * mcp_prompt_result_set_description:
 * @self: a #McpPromptResult
 * @description: (nullable): a description of the filled-in prompt
 *
 * Sets #McpPromptResult:description.
 *
 * Since: 0.1
 */
void
mcp_prompt_result_set_description (McpPromptResult *self,
                                   const char      *description)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_DESCRIPTION, description);
}

/**
 * mcp_prompt_result_add_message:
 * @self: a #McpPromptResult
 * @role: who the message is from
 * @content: one content block, such as one from mcp_content_new_text(),
 *   mcp_content_new_image(), mcp_content_new_audio(),
 *   mcp_content_new_embedded_text() or mcp_content_new_resource_link()
 *
 * Appends a message.
 *
 * Since: 0.1
 */
void
mcp_prompt_result_add_message (McpPromptResult *self,
                               McpRole          role,
                               JsonNode        *content)
{
  JsonObject *message;

  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (content_is_valid (content));

  message = json_object_new ();
  json_object_set_string_member (message, "role", mcp_role_to_string (role));
  json_object_set_member (message, "content", json_node_copy (content));
  json_array_add_object_element (self->messages, message);
}

/**
 * mcp_prompt_result_add_text:
 * @self: a #McpPromptResult
 * @role: who the message is from
 * @text: the text
 *
 * Appends a message of one text block.
 *
 * Since: 0.1
 */
void
mcp_prompt_result_add_text (McpPromptResult *self,
                            McpRole          role,
                            const char      *text)
{
  g_autoptr(JsonNode) content = NULL;

  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));
  g_return_if_fail (text != NULL);

  content = mcp_content_new_text (text);
  mcp_prompt_result_add_message (self, role, content);
}

/**
 * mcp_prompt_result_get_messages:
 * @self: a #McpPromptResult
 *
 * Gets the `PromptMessage` objects.
 *
 * Returns: (transfer none): the `PromptMessage` objects
 *
 * Since: 0.1
 */
JsonArray *
mcp_prompt_result_get_messages (McpPromptResult *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT_RESULT (self), NULL);

  return self->messages;
}

/**
 * mcp_prompt_result_get_n_messages:
 * @self: a #McpPromptResult
 *
 * Gets the number of messages.
 *
 * Returns: the number of messages
 *
 * Since: 0.1
 */
guint
mcp_prompt_result_get_n_messages (McpPromptResult *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT_RESULT (self), 0);

  return json_array_get_length (self->messages);
}

/**
 * mcp_prompt_result_get_meta:
 * @self: a #McpPromptResult
 *
 * Gets the `_meta` object.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_prompt_result_get_meta (McpPromptResult *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT_RESULT (self), NULL);

  return self->metadata.meta;
}

/**
 * mcp_prompt_result_set_meta:
 * @self: a #McpPromptResult
 * @meta: (nullable): a `_meta` object
 *
 * Sets #McpPromptResult:meta.
 *
 * Since: 0.1
 */
void
mcp_prompt_result_set_meta (McpPromptResult *self,
                            JsonNode        *meta)
{
  g_return_if_fail (MCP_IS_PROMPT_RESULT (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_META, meta);
}

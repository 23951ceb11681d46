/* mcp-tool-result.c
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
#include "mcp-tool-result.h"

/**
 * McpToolResult:
 *
 * The result of a tool call (`CallToolResult`): a list of content blocks,
 * optional `structuredContent`, and whether the tool failed (`isError`).
 *
 * A tool handler builds one and returns it with
 * mcp_tool_call_return_result(); a client receives one from
 * mcp_client_call_tool_finish(). A tool that fails reports it here, with
 * #McpToolResult:is-error set and a message the model can read — not as a
 * JSON-RPC error, which is for protocol problems.
 *
 * Since: 0.1
 */

struct _McpToolResult
{
  GObject      parent_instance;

  McpMetadata  metadata;
  JsonArray   *content;
  JsonNode    *structured_content;
  gboolean     is_error;
};

G_DEFINE_FINAL_TYPE (McpToolResult, mcp_tool_result, G_TYPE_OBJECT)

#define METADATA_FIELDS (MCP_METADATA_META)

enum {
  PROP_STRUCTURED_CONTENT = MCP_METADATA_N_PROPS,
  PROP_IS_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_tool_result_finalize (GObject *object)
{
  McpToolResult *self = (McpToolResult *) object;

  _mcp_metadata_clear (&self->metadata);
  g_clear_pointer (&self->content, json_array_unref);
  g_clear_pointer (&self->structured_content, json_node_unref);

  G_OBJECT_CLASS (mcp_tool_result_parent_class)->finalize (object);
}

static void
mcp_tool_result_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McpToolResult *self = MCP_TOOL_RESULT (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_STRUCTURED_CONTENT:
      g_value_set_boxed (value, self->structured_content);
      break;
    case PROP_IS_ERROR:
      g_value_set_boolean (value, self->is_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_result_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McpToolResult *self = MCP_TOOL_RESULT (object);

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_STRUCTURED_CONTENT:
      mcp_tool_result_set_structured_content (self, g_value_get_boxed (value));
      break;
    case PROP_IS_ERROR:
      mcp_tool_result_set_is_error (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_result_class_init (McpToolResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_tool_result_finalize;
  object_class->get_property = mcp_tool_result_get_property;
  object_class->set_property = mcp_tool_result_set_property;

  /**
   * McpToolResult:structured-content:
   *
   * Structured output matching the tool's output schema, if any.
   *
   * Since: 0.1
   */
  properties[PROP_STRUCTURED_CONTENT] =
    g_param_spec_boxed ("structured-content", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpToolResult:is-error:
   *
   * Whether the tool failed; the content then says why.
   *
   * Since: 0.1
   */
  properties[PROP_IS_ERROR] =
    g_param_spec_boolean ("is-error", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpToolResult:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */
  _mcp_metadata_install_properties (object_class, properties, N_PROPS, METADATA_FIELDS);
}

static void
mcp_tool_result_init (McpToolResult *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, METADATA_FIELDS);
  self->content = json_array_new ();
}

/**
 * mcp_tool_result_new:
 *
 * Creates an empty result.
 *
 * Returns: (transfer full): a new #McpToolResult
 *
 * Since: 0.1
 */
McpToolResult *
mcp_tool_result_new (void)
{
  return g_object_new (MCP_TYPE_TOOL_RESULT, NULL);
}

/**
 * mcp_tool_result_new_text:
 * @text: the text
 *
 * Creates a result with one text block.
 *
 * Returns: (transfer full): a new #McpToolResult
 *
 * Since: 0.1
 */
McpToolResult *
mcp_tool_result_new_text (const char *text)
{
  McpToolResult *self = mcp_tool_result_new ();

  mcp_tool_result_add_text (self, text);
  return self;
}

/**
 * mcp_tool_result_new_error:
 * @message: what went wrong, for the model to read
 *
 * Creates a failed result (`isError: true`) with one text block.
 *
 * Returns: (transfer full): a new #McpToolResult
 *
 * Since: 0.1
 */
McpToolResult *
mcp_tool_result_new_error (const char *message)
{
  McpToolResult *self = mcp_tool_result_new_text (message);

  self->is_error = TRUE;
  return self;
}

/**
 * mcp_tool_result_new_from_json:
 * @node: a `CallToolResult` object
 * @error: return location for a #GError
 *
 * Parses a tool result as a client receives it.
 *
 * Returns: (transfer full) (nullable): a new #McpToolResult, or %NULL if
 *   @node is not a valid result
 *
 * Since: 0.1
 */
McpToolResult *
mcp_tool_result_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(McpToolResult) self = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *content;

  g_return_val_if_fail (node != NULL, NULL);

  object = _mcp_metadata_check_json (node, "A tool result", 0, error);
  if (object == NULL)
    return NULL;

  self = mcp_tool_result_new ();

  member = json_object_get_member (object, "content");
  if (member != NULL && !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "The content of a tool result must be an array");
      return NULL;
    }

  content = member != NULL ? json_node_get_array (member) : NULL;
  for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
    json_array_add_element (self->content,
                            json_node_copy (json_array_get_element (content, i)));

  self->structured_content = _mcp_json_node_copy_or_null (json_object_get_member (object,
                                                                                  "structuredContent"));
  member = json_object_get_member (object, "isError");
  self->is_error = _mcp_json_node_is_boolean (member) && json_node_get_boolean (member);
  _mcp_metadata_from_json (&self->metadata, object);

  return g_steal_pointer (&self);
}

/**
 * mcp_tool_result_to_json:
 * @self: a #McpToolResult
 *
 * Serializes the result as a `CallToolResult`.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_result_to_json (McpToolResult *self)
{
  JsonObject *object;
  JsonArray *content;

  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  object = json_object_new ();
  content = json_array_sized_new (json_array_get_length (self->content));
  for (guint i = 0; i < json_array_get_length (self->content); i++)
    json_array_add_element (content, json_node_copy (json_array_get_element (self->content, i)));
  json_object_set_array_member (object, "content", content);

  _mcp_json_object_set_node (object, "structuredContent", self->structured_content);
  if (self->is_error)
    json_object_set_boolean_member (object, "isError", TRUE);
  _mcp_metadata_to_json (&self->metadata, object);

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_tool_result_add_content:
 * @self: a #McpToolResult
 * @content: a content block (see the `mcp_content_new_*()` functions)
 *
 * Appends a content block.
 *
 * Since: 0.1
 */
void
mcp_tool_result_add_content (McpToolResult *self,
                             JsonNode      *content)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (content != NULL && JSON_NODE_HOLDS_OBJECT (content));

  json_array_add_element (self->content, json_node_copy (content));
}

static void
take_content (McpToolResult *self,
              JsonNode      *content)
{
  if (content != NULL)
    json_array_add_element (self->content, content);
}

/**
 * mcp_tool_result_add_text:
 * @self: a #McpToolResult
 * @text: the text
 *
 * Appends a text block.
 *
 * Since: 0.1
 */
void
mcp_tool_result_add_text (McpToolResult *self,
                          const char    *text)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));
  g_return_if_fail (text != NULL);

  take_content (self, mcp_content_new_text (text));
}

/**
 * mcp_tool_result_add_image:
 * @self: a #McpToolResult
 * @data: the image bytes
 * @mime_type: the image MIME type
 *
 * Appends an image block.
 *
 * Since: 0.1
 */
void
mcp_tool_result_add_image (McpToolResult *self,
                           GBytes        *data,
                           const char    *mime_type)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  take_content (self, mcp_content_new_image (data, mime_type));
}

/**
 * mcp_tool_result_add_audio:
 * @self: a #McpToolResult
 * @data: the audio bytes
 * @mime_type: the audio MIME type
 *
 * Appends an audio block.
 *
 * Since: 0.1
 */
void
mcp_tool_result_add_audio (McpToolResult *self,
                           GBytes        *data,
                           const char    *mime_type)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  take_content (self, mcp_content_new_audio (data, mime_type));
}

/**
 * mcp_tool_result_add_embedded_text:
 * @self: a #McpToolResult
 * @uri: the resource URI
 * @mime_type: (nullable): its MIME type
 * @text: its text
 *
 * Appends an embedded text resource.
 *
 * Since: 0.1
 */
void
mcp_tool_result_add_embedded_text (McpToolResult *self,
                                   const char    *uri,
                                   const char    *mime_type,
                                   const char    *text)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  take_content (self, mcp_content_new_embedded_text (uri, mime_type, text));
}

/**
 * mcp_tool_result_add_embedded_blob:
 * @self: a #McpToolResult
 * @uri: the resource URI
 * @mime_type: (nullable): its MIME type
 * @data: its bytes
 *
 * Appends an embedded binary resource.
 *
 * Since: 0.1
 */
void
mcp_tool_result_add_embedded_blob (McpToolResult *self,
                                   const char    *uri,
                                   const char    *mime_type,
                                   GBytes        *data)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  take_content (self, mcp_content_new_embedded_blob (uri, mime_type, data));
}

/**
 * mcp_tool_result_add_resource_link:
 * @self: a #McpToolResult
 * @uri: the resource URI
 * @name: the resource name
 * @description: (nullable): a description
 * @mime_type: (nullable): its MIME type
 *
 * Appends a link to a resource.
 *
 * Since: 0.1
 */
void
mcp_tool_result_add_resource_link (McpToolResult *self,
                                   const char    *uri,
                                   const char    *name,
                                   const char    *description,
                                   const char    *mime_type)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  take_content (self, mcp_content_new_resource_link (uri, name, description, mime_type));
}

/**
 * mcp_tool_result_get_content:
 * @self: a #McpToolResult
 *
 * Gets the content blocks.
 *
 * Returns: (transfer none): the content blocks
 *
 * Since: 0.1
 */
JsonArray *
mcp_tool_result_get_content (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  return self->content;
}

/**
 * mcp_tool_result_get_n_content:
 * @self: a #McpToolResult
 *
 * Gets the number of content blocks.
 *
 * Returns: the number of content blocks
 *
 * Since: 0.1
 */
guint
mcp_tool_result_get_n_content (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), 0);

  return json_array_get_length (self->content);
}

/**
 * mcp_tool_result_dup_text:
 * @self: a #McpToolResult
 *
 * Joins the text of every text block with newlines.
 *
 * Returns: (transfer full): the text, empty if there is none
 *
 * Since: 0.1
 */
char *
mcp_tool_result_dup_text (McpToolResult *self)
{
  GString *text;

  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (self->content); i++)
    {
      JsonNode *block = json_array_get_element (self->content, i);
      JsonObject *object;
      const char *piece;

      if (!JSON_NODE_HOLDS_OBJECT (block))
        continue;

      object = json_node_get_object (block);
      if (g_strcmp0 (_mcp_json_object_get_string (object, "type"), "text") != 0)
        continue;

      piece = _mcp_json_object_get_string (object, "text");
      if (piece == NULL)
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, piece);
    }

  return g_string_free (text, FALSE);
}

/**
 * mcp_tool_result_get_structured_content:
 * @self: a #McpToolResult
 *
 * Gets the structured content.
 *
 * Returns: (transfer none) (nullable): the structured content
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_result_get_structured_content (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  return self->structured_content;
}

/**
 * mcp_tool_result_set_structured_content:
 * @self: a #McpToolResult
 * @structured_content: (nullable): a JSON object
 *
 * Sets #McpToolResult:structured-content. For clients that predate structured
 * output, also add its serialization as a text block.
 *
 * Since: 0.1
 */
void
mcp_tool_result_set_structured_content (McpToolResult *self,
                                        JsonNode      *structured_content)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  if (self->structured_content == structured_content)
    return;

  g_clear_pointer (&self->structured_content, json_node_unref);
  self->structured_content = _mcp_json_node_copy_or_null (structured_content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURED_CONTENT]);
}

/**
 * mcp_tool_result_get_is_error:
 * @self: a #McpToolResult
 *
 * Checks whether the tool failed.
 *
 * Returns: whether the tool failed
 *
 * Since: 0.1
 */
gboolean
mcp_tool_result_get_is_error (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), FALSE);

  return self->is_error;
}

/**
 * mcp_tool_result_set_is_error:
 * @self: a #McpToolResult
 * @is_error: whether the tool failed
 *
 * Sets #McpToolResult:is-error.
 *
 * Since: 0.1
 */
void
mcp_tool_result_set_is_error (McpToolResult *self,
                              gboolean       is_error)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  is_error = !!is_error;
  if (self->is_error == is_error)
    return;

  self->is_error = is_error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ERROR]);
}

/**
 * mcp_tool_result_get_meta:
 * @self: a #McpToolResult
 *
 * Gets the `_meta` object.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_result_get_meta (McpToolResult *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_RESULT (self), NULL);

  return self->metadata.meta;
}

/**
 * mcp_tool_result_set_meta:
 * @self: a #McpToolResult
 * @meta: (nullable): a `_meta` object
 *
 * Sets #McpToolResult:meta.
 *
 * Since: 0.1
 */
void
mcp_tool_result_set_meta (McpToolResult *self,
                          JsonNode      *meta)
{
  g_return_if_fail (MCP_IS_TOOL_RESULT (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_META, meta);
}

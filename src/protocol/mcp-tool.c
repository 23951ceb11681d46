/* mcp-tool.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-json-reader-private.h"
#include "mcp-metadata-private.h"
#include "mcp-required-permission-private.h"
#include "mcp-tool.h"

/**
 * McpTool:
 *
 * The definition of a tool: its name, description and the JSON Schemas of
 * its input and output, as `tools/list` describes it.
 *
 * A server registers tools with mcp_server_add_tool(); a client gets them
 * from mcp_client_list_tools_async(). A tool without an input schema accepts
 * any object (`{"type": "object"}` goes on the wire).
 *
 * Since: 0.1
 */

struct _McpTool
{
  GObject      parent_instance;

  McpMetadata  metadata;
  JsonNode    *input_schema;
  JsonNode    *output_schema;
  JsonNode    *execution;
};

G_DEFINE_FINAL_TYPE (McpTool, mcp_tool, G_TYPE_OBJECT)

#define TOOL_METADATA (MCP_METADATA_NAME | MCP_METADATA_TITLE | MCP_METADATA_DESCRIPTION | \
                       MCP_METADATA_ANNOTATIONS | MCP_METADATA_ICONS | MCP_METADATA_META)

enum {
  PROP_INPUT_SCHEMA = MCP_METADATA_N_PROPS,
  PROP_OUTPUT_SCHEMA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_tool_finalize (GObject *object)
{
  McpTool *self = (McpTool *) object;

  _mcp_metadata_clear (&self->metadata);
  g_clear_pointer (&self->input_schema, json_node_unref);
  g_clear_pointer (&self->output_schema, json_node_unref);
  g_clear_pointer (&self->execution, json_node_unref);

  G_OBJECT_CLASS (mcp_tool_parent_class)->finalize (object);
}

static void
mcp_tool_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  McpTool *self = MCP_TOOL (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_INPUT_SCHEMA:
      g_value_set_boxed (value, self->input_schema);
      break;
    case PROP_OUTPUT_SCHEMA:
      g_value_set_boxed (value, self->output_schema);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  McpTool *self = MCP_TOOL (object);

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_INPUT_SCHEMA:
      mcp_tool_set_input_schema (self, g_value_get_boxed (value));
      break;
    case PROP_OUTPUT_SCHEMA:
      mcp_tool_set_output_schema (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_class_init (McpToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_tool_finalize;
  object_class->get_property = mcp_tool_get_property;
  object_class->set_property = mcp_tool_set_property;

  /**
   * McpTool:name:
   *
   * The tool's unique name.
   *
   * Since: 0.1
   */
  /**
   * McpTool:title:
   *
   * A human-readable title for display.
   *
   * Since: 0.1
   */
  /**
   * McpTool:description:
   *
   * What the tool does, for the model.
   *
   * Since: 0.1
   */
  /**
   * McpTool:annotations:
   *
   * Behaviour hints (`readOnlyHint`, `destructiveHint`, `idempotentHint`,
   * `openWorldHint`, `title`).
   *
   * Since: 0.1
   */
  /**
   * McpTool:icons:
   *
   * An array of icons (`src`, `mimeType`, `sizes`, `theme`).
   *
   * Since: 0.1
   */
  /**
   * McpTool:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */

  /**
   * McpTool:input-schema:
   *
   * The JSON Schema of the arguments (an object schema).
   *
   * Since: 0.1
   */
  properties[PROP_INPUT_SCHEMA] =
    g_param_spec_boxed ("input-schema", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpTool:output-schema:
   *
   * The JSON Schema of the structured content of results, if any.
   *
   * Since: 0.1
   */
  properties[PROP_OUTPUT_SCHEMA] =
    g_param_spec_boxed ("output-schema", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  _mcp_metadata_install_properties (object_class, properties, N_PROPS, TOOL_METADATA);
}

static void
mcp_tool_init (McpTool *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, TOOL_METADATA);
}

/**
 * mcp_tool_new:
 * @name: the tool's unique name
 * @description: (nullable): what it does
 *
 * Creates a tool definition.
 *
 * Returns: (transfer full): a new #McpTool
 *
 * Since: 0.1
 */
McpTool *
mcp_tool_new (const char *name,
              const char *description)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MCP_TYPE_TOOL,
                       "name", name,
                       "description", description,
                       NULL);
}

/**
 * mcp_tool_new_from_json:
 * @node: a `Tool` object as found in a `tools/list` result
 * @error: return location for a #GError
 *
 * Parses a tool definition.
 *
 * Returns: (transfer full) (nullable): a new #McpTool, or %NULL if @node is
 *   not a valid tool
 *
 * Since: 0.1
 */
McpTool *
mcp_tool_new_from_json (JsonNode  *node,
                        GError   **error)
{
  McpTool *self;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);

  object = _mcp_metadata_check_json (node, "A tool", MCP_METADATA_NAME, error);
  if (object == NULL)
    return NULL;

  self = mcp_tool_new (_mcp_json_object_get_string (object, "name"), NULL);
  _mcp_metadata_from_json (&self->metadata, object);
  self->input_schema = _mcp_json_object_dup_member (object, "inputSchema", JSON_NODE_OBJECT);
  self->output_schema = _mcp_json_object_dup_member (object, "outputSchema", JSON_NODE_OBJECT);
  self->execution = _mcp_json_object_dup_member (object, "execution", JSON_NODE_OBJECT);

  return self;
}

/**
 * mcp_tool_to_json:
 * @self: a #McpTool
 *
 * Serializes the definition as a `Tool` object for `tools/list`.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_to_json (McpTool *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  object = json_object_new ();
  _mcp_metadata_to_json (&self->metadata, object);

  if (self->input_schema != NULL)
    json_object_set_member (object, "inputSchema", json_node_copy (self->input_schema));
  else
    {
      JsonObject *schema = json_object_new ();

      json_object_set_string_member (schema, "type", "object");
      json_object_set_object_member (object, "inputSchema", schema);
    }

  _mcp_json_object_set_node (object, "outputSchema", self->output_schema);
  _mcp_json_object_set_node (object, "execution", self->execution);

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_tool_get_name:
 * @self: a #McpTool
 *
 * Gets the tool's name.
 *
 * Returns: the tool's name
 *
 * Since: 0.1
 */
const char *
mcp_tool_get_name (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->metadata.name;
}

/**
 * mcp_tool_get_title:
 * @self: a #McpTool
 *
 * Gets the tool's display title.
 *
 * Returns: (nullable): the tool's display title
 *
 * Since: 0.1
 */
const char *
mcp_tool_get_title (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->metadata.title;
}

/**
 * mcp_tool_set_title:
 * @self: a #McpTool
 * @title: (nullable): a display title
 *
 * Sets #McpTool:title.
 *
 * Since: 0.1
 */
void
mcp_tool_set_title (McpTool    *self,
                    const char *title)
{
  g_return_if_fail (MCP_IS_TOOL (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_TITLE, title);
}

/**
 * mcp_tool_get_description:
 * @self: a #McpTool
 *
 * Gets the description.
 *
 * Returns: (nullable): the description
 *
 * Since: 0.1
 */
const char *
mcp_tool_get_description (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->metadata.description;
}

/**
 * mcp_tool_set_description:
 * @self: a #McpTool
 * @description: (nullable): the description
 *
 * Sets #McpTool:description.
 *
 * Since: 0.1
 */
void
mcp_tool_set_description (McpTool    *self,
                          const char *description)
{
  g_return_if_fail (MCP_IS_TOOL (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_DESCRIPTION, description);
}

/**
 * mcp_tool_get_input_schema:
 * @self: a #McpTool
 *
 * Gets the JSON Schema of the arguments.
 *
 * Returns: (transfer none) (nullable): the JSON Schema of the arguments
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_get_input_schema (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->input_schema;
}

/**
 * mcp_tool_set_input_schema:
 * @self: a #McpTool
 * @schema: (nullable): a JSON Schema object of `"type": "object"`
 *
 * Sets #McpTool:input-schema. Servers check call arguments against it
 * before the handler runs.
 *
 * Since: 0.1
 */
void
mcp_tool_set_input_schema (McpTool  *self,
                           JsonNode *schema)
{
  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (schema == NULL || JSON_NODE_HOLDS_OBJECT (schema));

  if (_mcp_json_node_replace (&self->input_schema, schema))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_SCHEMA]);
}

/**
 * mcp_tool_get_output_schema:
 * @self: a #McpTool
 *
 * Gets the JSON Schema of structured results.
 *
 * Returns: (transfer none) (nullable): the JSON Schema of structured results
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_get_output_schema (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->output_schema;
}

/**
 * mcp_tool_set_output_schema:
 * @self: a #McpTool
 * @schema: (nullable): a JSON Schema object of `"type": "object"`
 *
 * Sets #McpTool:output-schema. A tool with an output schema should return
 * `structuredContent` that matches it.
 *
 * Since: 0.1
 */
void
mcp_tool_set_output_schema (McpTool  *self,
                            JsonNode *schema)
{
  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (schema == NULL || JSON_NODE_HOLDS_OBJECT (schema));

  if (_mcp_json_node_replace (&self->output_schema, schema))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_SCHEMA]);
}

static gboolean
set_schema_json (McpTool     *self,
                 const char  *json,
                 gboolean     output,
                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  node = _mcp_json_parse (json, strlen (json), error);
  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A tool schema must be a JSON object");
      return FALSE;
    }

  if (output)
    mcp_tool_set_output_schema (self, node);
  else
    mcp_tool_set_input_schema (self, node);

  return TRUE;
}

/**
 * mcp_tool_set_input_schema_json:
 * @self: a #McpTool
 * @json: the input schema as JSON text
 * @error: return location for a #GError
 *
 * Parses @json and sets it as #McpTool:input-schema.
 *
 * Returns: %TRUE if @json is a JSON object
 *
 * Since: 0.1
 */
gboolean
mcp_tool_set_input_schema_json (McpTool     *self,
                                const char  *json,
                                GError     **error)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  return set_schema_json (self, json, FALSE, error);
}

/**
 * mcp_tool_set_output_schema_json:
 * @self: a #McpTool
 * @json: the output schema as JSON text
 * @error: return location for a #GError
 *
 * Parses @json and sets it as #McpTool:output-schema.
 *
 * Returns: %TRUE if @json is a JSON object
 *
 * Since: 0.1
 */
gboolean
mcp_tool_set_output_schema_json (McpTool     *self,
                                 const char  *json,
                                 GError     **error)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  return set_schema_json (self, json, TRUE, error);
}

/**
 * mcp_tool_get_annotations:
 * @self: a #McpTool
 *
 * Gets the annotations object.
 *
 * Returns: (transfer none) (nullable): the annotations object
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_get_annotations (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->metadata.annotations;
}

/**
 * mcp_tool_set_annotations:
 * @self: a #McpTool
 * @annotations: (nullable): a `ToolAnnotations` object
 *
 * Sets #McpTool:annotations.
 *
 * Since: 0.1
 */
void
mcp_tool_set_annotations (McpTool  *self,
                          JsonNode *annotations)
{
  g_return_if_fail (MCP_IS_TOOL (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ANNOTATIONS, annotations);
}

/**
 * mcp_tool_set_hint:
 * @self: a #McpTool
 * @hint: an annotation name: `readOnlyHint`, `destructiveHint`,
 *   `idempotentHint` or `openWorldHint`
 * @value: its value
 *
 * Sets one boolean hint in #McpTool:annotations.
 *
 * Since: 0.1
 */
void
mcp_tool_set_hint (McpTool    *self,
                   const char *hint,
                   gboolean    value)
{
  g_autoptr(JsonNode) annotations = NULL;
  JsonObject *object = json_object_new ();

  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (hint != NULL);

  if (self->metadata.annotations != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (self->metadata.annotations));
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (object, name, json_node_copy (member));
    }

  json_object_set_boolean_member (object, hint, value);
  annotations = _mcp_json_node_new_object (object);
  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ANNOTATIONS, annotations);
}

/**
 * mcp_tool_get_icons:
 * @self: a #McpTool
 *
 * Gets the icons array.
 *
 * Returns: (transfer none) (nullable): the icons array
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_get_icons (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->metadata.icons;
}

/**
 * mcp_tool_set_icons:
 * @self: a #McpTool
 * @icons: (nullable): an array of `Icon` objects
 *
 * Sets #McpTool:icons.
 *
 * Since: 0.1
 */
void
mcp_tool_set_icons (McpTool  *self,
                    JsonNode *icons)
{
  g_return_if_fail (MCP_IS_TOOL (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ICONS, icons);
}

/**
 * mcp_tool_get_meta:
 * @self: a #McpTool
 *
 * Gets the `_meta` object.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_tool_get_meta (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return self->metadata.meta;
}

/**
 * mcp_tool_set_meta:
 * @self: a #McpTool
 * @meta: (nullable): a `_meta` object
 *
 * Sets #McpTool:meta.
 *
 * Since: 0.1
 */
void
mcp_tool_set_meta (McpTool  *self,
                   JsonNode *meta)
{
  g_return_if_fail (MCP_IS_TOOL (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_META, meta);
}

/**
 * mcp_tool_get_required_permission:
 * @self: a #McpTool
 *
 * Gets the permission a caller needs for this tool.
 *
 * Returns: (nullable): the permission, or %NULL when anyone may use it
 *
 * Since: 0.1
 */
const char *
mcp_tool_get_required_permission (McpTool *self)
{
  g_return_val_if_fail (MCP_IS_TOOL (self), NULL);

  return _mcp_required_permission_get (G_OBJECT (self));
}

/**
 * mcp_tool_set_required_permission:
 * @self: a #McpTool
 * @permission: (nullable): a permission or scope, or %NULL for none
 *
 * Makes the tool need @permission (see #McpAuthInfo:permissions): a server
 * refuses to let a caller without it call it, and leaves it out of that
 * caller's list results. A caller with no identity at all (no auth
 * provider on its transport) never has it. The permission is the server's
 * policy and is never sent to clients. Set it before the tool is added to a
 * server.
 *
 * Since: 0.1
 */
void
mcp_tool_set_required_permission (McpTool    *self,
                                  const char *permission)
{
  g_return_if_fail (MCP_IS_TOOL (self));

  _mcp_required_permission_set (G_OBJECT (self), permission);
}

/* mcp-tool.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-util-private.h"
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
  GObject   parent_instance;

  char     *name;
  char     *title;
  char     *description;
  JsonNode *input_schema;
  JsonNode *output_schema;
  JsonNode *annotations;
  JsonNode *icons;
  JsonNode *meta;
  JsonNode *execution;
};

G_DEFINE_FINAL_TYPE (McpTool, mcp_tool, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_INPUT_SCHEMA,
  PROP_OUTPUT_SCHEMA,
  PROP_ANNOTATIONS,
  PROP_ICONS,
  PROP_META,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_tool_finalize (GObject *object)
{
  McpTool *self = (McpTool *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->input_schema, json_node_unref);
  g_clear_pointer (&self->output_schema, json_node_unref);
  g_clear_pointer (&self->annotations, json_node_unref);
  g_clear_pointer (&self->icons, json_node_unref);
  g_clear_pointer (&self->meta, json_node_unref);
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

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_INPUT_SCHEMA:
      g_value_set_boxed (value, self->input_schema);
      break;
    case PROP_OUTPUT_SCHEMA:
      g_value_set_boxed (value, self->output_schema);
      break;
    case PROP_ANNOTATIONS:
      g_value_set_boxed (value, self->annotations);
      break;
    case PROP_ICONS:
      g_value_set_boxed (value, self->icons);
      break;
    case PROP_META:
      g_value_set_boxed (value, self->meta);
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

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      mcp_tool_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      mcp_tool_set_description (self, g_value_get_string (value));
      break;
    case PROP_INPUT_SCHEMA:
      mcp_tool_set_input_schema (self, g_value_get_boxed (value));
      break;
    case PROP_OUTPUT_SCHEMA:
      mcp_tool_set_output_schema (self, g_value_get_boxed (value));
      break;
    case PROP_ANNOTATIONS:
      mcp_tool_set_annotations (self, g_value_get_boxed (value));
      break;
    case PROP_ICONS:
      mcp_tool_set_icons (self, g_value_get_boxed (value));
      break;
    case PROP_META:
      mcp_tool_set_meta (self, g_value_get_boxed (value));
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
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpTool:title:
   *
   * A human-readable title for display.
   *
   * Since: 0.1
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpTool:description:
   *
   * What the tool does, for the model.
   *
   * Since: 0.1
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

  /**
   * McpTool:annotations:
   *
   * Behaviour hints (`readOnlyHint`, `destructiveHint`, `idempotentHint`,
   * `openWorldHint`, `title`).
   *
   * Since: 0.1
   */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpTool:icons:
   *
   * An array of icons (`src`, `mimeType`, `sizes`, `theme`).
   *
   * Since: 0.1
   */
  properties[PROP_ICONS] =
    g_param_spec_boxed ("icons", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpTool:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */
  properties[PROP_META] =
    g_param_spec_boxed ("meta", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_tool_init (McpTool *self)
{
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
  g_autoptr(McpTool) self = NULL;
  JsonObject *object;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A tool must be an object");
      return NULL;
    }

  object = json_node_get_object (node);
  name = _mcp_json_object_get_string (object, "name");
  if (name == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A tool needs a name");
      return NULL;
    }

  self = mcp_tool_new (name, _mcp_json_object_get_string (object, "description"));
  self->title = g_strdup (_mcp_json_object_get_string (object, "title"));

  member = json_object_get_member (object, "inputSchema");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    self->input_schema = json_node_copy (member);
  member = json_object_get_member (object, "outputSchema");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    self->output_schema = json_node_copy (member);
  member = json_object_get_member (object, "annotations");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    self->annotations = json_node_copy (member);
  member = json_object_get_member (object, "icons");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    self->icons = json_node_copy (member);
  member = json_object_get_member (object, "_meta");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    self->meta = json_node_copy (member);
  member = json_object_get_member (object, "execution");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    self->execution = json_node_copy (member);

  return g_steal_pointer (&self);
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
  json_object_set_string_member (object, "name", self->name);
  if (self->title != NULL)
    json_object_set_string_member (object, "title", self->title);
  if (self->description != NULL)
    json_object_set_string_member (object, "description", self->description);

  if (self->input_schema != NULL)
    json_object_set_member (object, "inputSchema", json_node_copy (self->input_schema));
  else
    {
      JsonObject *schema = json_object_new ();

      json_object_set_string_member (schema, "type", "object");
      json_object_set_object_member (object, "inputSchema", schema);
    }

  _mcp_json_object_set_node (object, "outputSchema", self->output_schema);
  _mcp_json_object_set_node (object, "annotations", self->annotations);
  _mcp_json_object_set_node (object, "icons", self->icons);
  _mcp_json_object_set_node (object, "execution", self->execution);
  _mcp_json_object_set_node (object, "_meta", self->meta);

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

  return self->name;
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

  return self->title;
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

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
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

  return self->description;
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

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static gboolean
replace_node (JsonNode **slot,
              JsonNode  *node)
{
  if (*slot == node)
    return FALSE;

  if (*slot != NULL && node != NULL && json_node_equal (*slot, node))
    return FALSE;

  g_clear_pointer (slot, json_node_unref);
  if (node != NULL)
    *slot = json_node_copy (node);
  return TRUE;
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

  if (replace_node (&self->input_schema, schema))
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

  if (replace_node (&self->output_schema, schema))
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

  return self->annotations;
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
  g_return_if_fail (annotations == NULL || JSON_NODE_HOLDS_OBJECT (annotations));

  if (replace_node (&self->annotations, annotations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
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
  JsonObject *object = json_object_new ();

  g_return_if_fail (MCP_IS_TOOL (self));
  g_return_if_fail (hint != NULL);

  if (self->annotations != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (self->annotations));
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (object, name, json_node_copy (member));
    }

  json_object_set_boolean_member (object, hint, value);
  g_clear_pointer (&self->annotations, json_node_unref);
  self->annotations = _mcp_json_node_new_object (object);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
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

  return self->icons;
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
  g_return_if_fail (icons == NULL || JSON_NODE_HOLDS_ARRAY (icons));

  if (replace_node (&self->icons, icons))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICONS]);
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

  return self->meta;
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
  g_return_if_fail (meta == NULL || JSON_NODE_HOLDS_OBJECT (meta));

  if (replace_node (&self->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
}

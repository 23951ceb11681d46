/* mcp-prompt.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-metadata-private.h"
#include "mcp-required-permission-private.h"
#include "mcp-prompt.h"

/**
 * McpPrompt:
 *
 * The description of a prompt, as `prompts/list` shows it: its name, title,
 * description, the arguments it takes (each maybe required), icons and
 * `_meta`.
 *
 * A server registers prompts with mcp_server_add_prompt(); a client gets
 * them from mcp_client_list_prompts_async() and fills one in with
 * mcp_client_get_prompt_async().
 *
 * Since: 0.1
 */

struct _McpPrompt
{
  GObject      parent_instance;

  McpMetadata  metadata;
  JsonNode    *arguments;
};

G_DEFINE_FINAL_TYPE (McpPrompt, mcp_prompt, G_TYPE_OBJECT)

#define PROMPT_METADATA (MCP_METADATA_NAME | MCP_METADATA_TITLE | MCP_METADATA_DESCRIPTION | \
                         MCP_METADATA_ICONS | MCP_METADATA_META)

enum {
  PROP_ARGUMENTS = MCP_METADATA_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_prompt_finalize (GObject *object)
{
  McpPrompt *self = (McpPrompt *) object;

  _mcp_metadata_clear (&self->metadata);
  g_clear_pointer (&self->arguments, json_node_unref);

  G_OBJECT_CLASS (mcp_prompt_parent_class)->finalize (object);
}

static void
mcp_prompt_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McpPrompt *self = MCP_PROMPT (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  if (prop_id == PROP_ARGUMENTS)
    g_value_set_boxed (value, self->arguments);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_prompt_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  McpPrompt *self = MCP_PROMPT (object);

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  if (prop_id == PROP_ARGUMENTS)
    mcp_prompt_set_arguments (self, g_value_get_boxed (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_prompt_class_init (McpPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_prompt_finalize;
  object_class->get_property = mcp_prompt_get_property;
  object_class->set_property = mcp_prompt_set_property;

  /**
   * McpPrompt:name:
   *
   * The prompt's unique name.
   *
   * Since: 0.1
   */
  /**
   * McpPrompt:title:
   *
   * A human-readable title for display.
   *
   * Since: 0.1
   */
  /**
   * McpPrompt:description:
   *
   * What the prompt is for.
   *
   * Since: 0.1
   */
  /**
   * McpPrompt:arguments:
   *
   * The array of `PromptArgument` objects (`name`, `title`, `description`,
   * `required`).
   *
   * Since: 0.1
   */
  properties[PROP_ARGUMENTS] =
    g_param_spec_boxed ("arguments", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpPrompt:icons:
   *
   * An array of icons (`src`, `mimeType`, `sizes`, `theme`).
   *
   * Since: 0.1
   */
  /**
   * McpPrompt:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */
  _mcp_metadata_install_properties (object_class, properties, N_PROPS, PROMPT_METADATA);
}

static void
mcp_prompt_init (McpPrompt *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, PROMPT_METADATA);
}

/**
 * mcp_prompt_new:
 * @name: the prompt's name
 * @description: (nullable): what the prompt is for
 *
 * Creates the description of a prompt without arguments; add them with
 * mcp_prompt_add_argument().
 *
 * Returns: (transfer full): a new #McpPrompt
 *
 * Since: 0.1
 */
McpPrompt *
mcp_prompt_new (const char *name,
                const char *description)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MCP_TYPE_PROMPT, "name", name, "description", description, NULL);
}

/**
 * mcp_prompt_new_from_json:
 * @node: a `Prompt` object as found in `prompts/list` results
 * @error: return location for a #GError
 *
 * Parses a prompt description. Only `name` is required; arguments without a
 * name and members of the wrong type are ignored.
 *
 * Returns: (transfer full): a new #McpPrompt, or %NULL with @error set
 *
 * Since: 0.1
 */
McpPrompt *
mcp_prompt_new_from_json (JsonNode  *node,
                          GError   **error)
{
  McpPrompt *self;
  JsonObject *object;
  JsonArray *arguments;

  g_return_val_if_fail (node != NULL, NULL);

  object = _mcp_metadata_check_json (node, "A prompt", MCP_METADATA_NAME, error);
  if (object == NULL)
    return NULL;

  self = mcp_prompt_new (_mcp_json_object_get_string (object, "name"), NULL);
  _mcp_metadata_from_json (&self->metadata, object);

  arguments = _mcp_json_object_get_array (object, "arguments");
  if (arguments != NULL)
    {
      JsonArray *kept = json_array_new ();

      for (guint i = 0; i < json_array_get_length (arguments); i++)
        {
          JsonNode *argument = json_array_get_element (arguments, i);

          if (JSON_NODE_HOLDS_OBJECT (argument) &&
              _mcp_json_object_get_string (json_node_get_object (argument), "name") != NULL)
            json_array_add_element (kept, json_node_copy (argument));
        }
      self->arguments = _mcp_json_node_new_array (kept);
    }

  return self;
}

/**
 * mcp_prompt_to_json:
 * @self: a #McpPrompt
 *
 * Serializes the description as a `Prompt` object.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_prompt_to_json (McpPrompt *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  object = json_object_new ();
  _mcp_metadata_to_json (&self->metadata, object);
  _mcp_json_object_set_node (object, "arguments", self->arguments);

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_prompt_get_name:
 * @self: a #McpPrompt
 *
 * Gets the prompt's name.
 *
 * Returns: the prompt's name
 *
 * Since: 0.1
 */
const char *
mcp_prompt_get_name (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return self->metadata.name;
}

/**
 * mcp_prompt_get_title:
 * @self: a #McpPrompt
 *
 * Gets the human-readable title.
 *
 * Returns: (nullable): the human-readable title
 *
 * Since: 0.1
 */
const char *
mcp_prompt_get_title (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return self->metadata.title;
}

/**
 * mcp_prompt_set_title:
 * @self: a #McpPrompt
 * @title: (nullable): a human-readable title
 *
 * Sets #McpPrompt:title.
 *
 * Since: 0.1
 */
void
mcp_prompt_set_title (McpPrompt  *self,
                      const char *title)
{
  g_return_if_fail (MCP_IS_PROMPT (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_TITLE, title);
}

/**
 * mcp_prompt_get_description:
 * @self: a #McpPrompt
 *
 * Gets the description.
 *
 * Returns: (nullable): the description
 *
 * Since: 0.1
 */
const char *
mcp_prompt_get_description (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return self->metadata.description;
}

/**
 * mcp_prompt_set_description:
 * @self: a #McpPrompt
 * @description: (nullable): what the prompt is for
 *
 * Sets #McpPrompt:description.
 *
 * Since: 0.1
 */
void
mcp_prompt_set_description (McpPrompt  *self,
                            const char *description)
{
  g_return_if_fail (MCP_IS_PROMPT (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_DESCRIPTION, description);
}

/**
 * mcp_prompt_add_argument:
 * @self: a #McpPrompt
 * @name: the argument's name
 * @description: (nullable): what the argument means
 * @required: whether `prompts/get` must supply it
 *
 * Adds an argument, replacing one of the same name. For argument titles or
 * other members, use mcp_prompt_set_arguments().
 *
 * Since: 0.1
 */
void
mcp_prompt_add_argument (McpPrompt  *self,
                         const char *name,
                         const char *description,
                         gboolean    required)
{
  JsonArray *arguments = json_array_new ();
  JsonObject *argument;

  g_return_if_fail (MCP_IS_PROMPT (self));
  g_return_if_fail (name != NULL);

  if (self->arguments != NULL)
    {
      JsonArray *old = json_node_get_array (self->arguments);

      for (guint i = 0; i < json_array_get_length (old); i++)
        {
          JsonNode *element = json_array_get_element (old, i);

          if (g_strcmp0 (_mcp_json_object_get_string (json_node_get_object (element), "name"),
                         name) != 0)
            json_array_add_element (arguments, json_node_copy (element));
        }
    }

  argument = json_object_new ();
  json_object_set_string_member (argument, "name", name);
  if (description != NULL)
    json_object_set_string_member (argument, "description", description);
  json_object_set_boolean_member (argument, "required", required);
  json_array_add_object_element (arguments, argument);

  g_clear_pointer (&self->arguments, json_node_unref);
  self->arguments = _mcp_json_node_new_array (arguments);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARGUMENTS]);
}

/**
 * mcp_prompt_get_arguments:
 * @self: a #McpPrompt
 *
 * Gets the array of `PromptArgument` objects, or %NULL if the prompt takes
 * none.
 *
 * Returns: (transfer none) (nullable): the array of `PromptArgument`
 *   objects, or %NULL if the prompt takes none
 *
 * Since: 0.1
 */
JsonNode *
mcp_prompt_get_arguments (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return self->arguments;
}

/**
 * mcp_prompt_set_arguments:
 * @self: a #McpPrompt
 * @arguments: (nullable): an array of `PromptArgument` objects, each with a
 *   `name`
 *
 * Sets #McpPrompt:arguments.
 *
 * Since: 0.1
 */
void
mcp_prompt_set_arguments (McpPrompt *self,
                          JsonNode  *arguments)
{
  g_return_if_fail (MCP_IS_PROMPT (self));
  g_return_if_fail (arguments == NULL || JSON_NODE_HOLDS_ARRAY (arguments));

  if (arguments != NULL)
    {
      JsonArray *array = json_node_get_array (arguments);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          g_return_if_fail (JSON_NODE_HOLDS_OBJECT (element) &&
                            _mcp_json_object_get_string (json_node_get_object (element),
                                                         "name") != NULL);
        }
    }

  if (_mcp_json_node_replace (&self->arguments, arguments))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARGUMENTS]);
}

/**
 * mcp_prompt_has_argument:
 * @self: a #McpPrompt
 * @name: an argument name
 *
 * Checks whether the prompt declares an argument called @name.
 *
 * Returns: whether the prompt declares an argument called @name
 *
 * Since: 0.1
 */
gboolean
mcp_prompt_has_argument (McpPrompt  *self,
                         const char *name)
{
  JsonArray *arguments;

  g_return_val_if_fail (MCP_IS_PROMPT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->arguments == NULL)
    return FALSE;

  arguments = json_node_get_array (self->arguments);
  for (guint i = 0; i < json_array_get_length (arguments); i++)
    {
      JsonObject *argument = json_array_get_object_element (arguments, i);

      if (g_strcmp0 (_mcp_json_object_get_string (argument, "name"), name) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * mcp_prompt_dup_required_arguments:
 * @self: a #McpPrompt
 *
 * Gets the names of the required arguments, in order.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names of the
 *   required arguments, in order
 *
 * Since: 0.1
 */
char **
mcp_prompt_dup_required_arguments (McpPrompt *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  builder = g_strv_builder_new ();
  if (self->arguments != NULL)
    {
      JsonArray *arguments = json_node_get_array (self->arguments);

      for (guint i = 0; i < json_array_get_length (arguments); i++)
        {
          JsonObject *argument = json_array_get_object_element (arguments, i);
          JsonNode *required = json_object_get_member (argument, "required");

          if (_mcp_json_node_is_boolean (required) && json_node_get_boolean (required))
            g_strv_builder_add (builder, _mcp_json_object_get_string (argument, "name"));
        }
    }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * mcp_prompt_get_icons:
 * @self: a #McpPrompt
 *
 * Gets the icons array.
 *
 * Returns: (transfer none) (nullable): the icons array
 *
 * Since: 0.1
 */
JsonNode *
mcp_prompt_get_icons (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return self->metadata.icons;
}

/**
 * mcp_prompt_set_icons:
 * @self: a #McpPrompt
 * @icons: (nullable): an array of `Icon` objects
 *
 * Sets #McpPrompt:icons.
 *
 * Since: 0.1
 */
void
mcp_prompt_set_icons (McpPrompt *self,
                      JsonNode  *icons)
{
  g_return_if_fail (MCP_IS_PROMPT (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ICONS, icons);
}

/**
 * mcp_prompt_get_meta:
 * @self: a #McpPrompt
 *
 * Gets the `_meta` object.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_prompt_get_meta (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return self->metadata.meta;
}

/**
 * mcp_prompt_set_meta:
 * @self: a #McpPrompt
 * @meta: (nullable): a `_meta` object
 *
 * Sets #McpPrompt:meta.
 *
 * Since: 0.1
 */
void
mcp_prompt_set_meta (McpPrompt *self,
                     JsonNode  *meta)
{
  g_return_if_fail (MCP_IS_PROMPT (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_META, meta);
}

/**
 * mcp_prompt_get_required_permission:
 * @self: a #McpPrompt
 *
 * Gets the permission a caller needs for this prompt.
 *
 * Returns: (nullable): the permission, or %NULL when anyone may use it
 *
 * Since: 0.1
 */
const char *
mcp_prompt_get_required_permission (McpPrompt *self)
{
  g_return_val_if_fail (MCP_IS_PROMPT (self), NULL);

  return _mcp_required_permission_get (G_OBJECT (self));
}

/**
 * mcp_prompt_set_required_permission:
 * @self: a #McpPrompt
 * @permission: (nullable): a permission or scope, or %NULL for none
 *
 * Makes the prompt need @permission (see #McpAuthInfo:permissions): a server
 * refuses to let a caller without it get it, and leaves it out of that
 * caller's list results. A caller with no identity at all (no auth
 * provider on its transport) never has it. The permission is the server's
 * policy and is never sent to clients. Set it before the prompt is added to a
 * server.
 *
 * Since: 0.1
 */
void
mcp_prompt_set_required_permission (McpPrompt  *self,
                                    const char *permission)
{
  g_return_if_fail (MCP_IS_PROMPT (self));

  _mcp_required_permission_set (G_OBJECT (self), permission);
}

/* mcp-root.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-util-private.h"
#include "mcp-root.h"

/**
 * McpRoot:
 *
 * A root: a directory or file (a `file://` URI) the client lets servers
 * work in, with an optional name for display.
 *
 * A client publishes its roots with mcp_client_set_roots(); a server asks
 * for them with mcp_server_session_list_roots_async().
 *
 * Since: 0.1
 */

struct _McpRoot
{
  GObject   parent_instance;

  char     *uri;
  char     *name;
  JsonNode *meta;
};

G_DEFINE_FINAL_TYPE (McpRoot, mcp_root, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_NAME,
  PROP_META,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_root_finalize (GObject *object)
{
  McpRoot *self = (McpRoot *) object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->meta, json_node_unref);

  G_OBJECT_CLASS (mcp_root_parent_class)->finalize (object);
}

static void
mcp_root_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  McpRoot *self = MCP_ROOT (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_META:
      g_value_set_boxed (value, self->meta);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_root_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  McpRoot *self = MCP_ROOT (object);

  switch (prop_id)
    {
    case PROP_URI:
      self->uri = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_META:
      mcp_root_set_meta (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_root_class_init (McpRootClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_root_finalize;
  object_class->get_property = mcp_root_get_property;
  object_class->set_property = mcp_root_set_property;

  /**
   * McpRoot:uri:
   *
   * The root's URI, such as `file:///home/user/project`.
   *
   * Since: 0.1
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpRoot:name:
   *
   * A name for display.
   *
   * Since: 0.1
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpRoot:meta:
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
mcp_root_init (McpRoot *self)
{
}

/**
 * mcp_root_new:
 * @uri: the root's URI, usually `file://`
 * @name: (nullable): a name for display
 *
 * Creates a root.
 *
 * Returns: (transfer full): a new #McpRoot
 *
 * Since: 0.1
 */
McpRoot *
mcp_root_new (const char *uri,
              const char *name)
{
  g_return_val_if_fail (uri != NULL, NULL);

  return g_object_new (MCP_TYPE_ROOT, "uri", uri, "name", name, NULL);
}

/**
 * mcp_root_new_from_json:
 * @node: a `Root` object
 * @error: return location for a #GError
 *
 * Parses a root.
 *
 * Returns: (transfer full): a new #McpRoot, or %NULL with @error set
 *
 * Since: 0.1
 */
McpRoot *
mcp_root_new_from_json (JsonNode  *node,
                        GError   **error)
{
  McpRoot *self;
  JsonObject *object;
  const char *uri;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      (uri = _mcp_json_object_get_string (json_node_get_object (node), "uri")) == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A root must be an object with a uri");
      return NULL;
    }

  object = json_node_get_object (node);
  self = mcp_root_new (uri, _mcp_json_object_get_string (object, "name"));
  self->meta = _mcp_json_object_dup_member (object, "_meta", JSON_NODE_OBJECT);

  return self;
}

/**
 * mcp_root_to_json:
 * @self: a #McpRoot
 *
 * Serializes the root as a `Root` object.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_root_to_json (McpRoot *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_ROOT (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "uri", self->uri);
  if (self->name != NULL)
    json_object_set_string_member (object, "name", self->name);
  _mcp_json_object_set_node (object, "_meta", self->meta);

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_root_get_uri:
 * @self: a #McpRoot
 *
 * Gets the root's URI.
 *
 * Returns: the root's URI
 *
 * Since: 0.1
 */
const char *
mcp_root_get_uri (McpRoot *self)
{
  g_return_val_if_fail (MCP_IS_ROOT (self), NULL);

  return self->uri;
}

/**
 * mcp_root_get_name:
 * @self: a #McpRoot
 *
 * Gets the root's name.
 *
 * Returns: (nullable): the root's name
 *
 * Since: 0.1
 */
const char *
mcp_root_get_name (McpRoot *self)
{
  g_return_val_if_fail (MCP_IS_ROOT (self), NULL);

  return self->name;
}

/**
 * mcp_root_get_meta:
 * @self: a #McpRoot
 *
 * Gets the `_meta` object.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_root_get_meta (McpRoot *self)
{
  g_return_val_if_fail (MCP_IS_ROOT (self), NULL);

  return self->meta;
}

/**
 * mcp_root_set_meta:
 * @self: a #McpRoot
 * @meta: (nullable): a `_meta` object
 *
 * Sets #McpRoot:meta.
 *
 * Since: 0.1
 */
void
mcp_root_set_meta (McpRoot  *self,
                   JsonNode *meta)
{
  g_return_if_fail (MCP_IS_ROOT (self));
  g_return_if_fail (meta == NULL || JSON_NODE_HOLDS_OBJECT (meta));

  if (_mcp_json_node_replace (&self->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
}

/* mcp-root.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-metadata-private.h"
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
  GObject     parent_instance;

  McpMetadata metadata;
};

G_DEFINE_FINAL_TYPE (McpRoot, mcp_root, G_TYPE_OBJECT)

#define METADATA_FIELDS (MCP_METADATA_URI | MCP_METADATA_NAME | MCP_METADATA_META)

#define N_PROPS MCP_METADATA_N_PROPS

static GParamSpec *properties[N_PROPS];

static void
mcp_root_finalize (GObject *object)
{
  McpRoot *self = (McpRoot *) object;

  _mcp_metadata_clear (&self->metadata);

  G_OBJECT_CLASS (mcp_root_parent_class)->finalize (object);
}

static void
mcp_root_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  McpRoot *self = MCP_ROOT (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_root_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  McpRoot *self = MCP_ROOT (object);

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
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
  /**
   * McpRoot:name:
   *
   * A name for display.
   *
   * Since: 0.1
   */
  /**
   * McpRoot:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */
  _mcp_metadata_install_properties (object_class, properties, N_PROPS, METADATA_FIELDS);
}

static void
mcp_root_init (McpRoot *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, METADATA_FIELDS);
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

  g_return_val_if_fail (node != NULL, NULL);

  object = _mcp_metadata_check_json (node, "A root", MCP_METADATA_URI, error);
  if (object == NULL)
    return NULL;

  self = mcp_root_new (_mcp_json_object_get_string (object, "uri"),
                       _mcp_json_object_get_string (object, "name"));
  _mcp_metadata_from_json (&self->metadata, object);

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
  _mcp_metadata_to_json (&self->metadata, object);

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

  return self->metadata.uri;
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

  return self->metadata.name;
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

  return self->metadata.meta;
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

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_META, meta);
}

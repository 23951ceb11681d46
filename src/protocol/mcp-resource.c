/* mcp-resource.c
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
#include "mcp-cache-hints-private.h"
#include "mcp-resource.h"

/**
 * McpResource:
 *
 * The description of a resource, as `resources/list` shows it: its URI, a
 * name, and optionally a title, a description, a MIME type, its size,
 * annotations, icons and `_meta`.
 *
 * A server registers resources with mcp_server_add_resource() (contents
 * produced by a handler) or mcp_server_add_text_resource() and
 * mcp_server_add_blob_resource() (fixed contents); a client gets them from
 * mcp_client_list_resources_async().
 *
 * Since: 0.1
 */

struct _McpResource
{
  GObject     parent_instance;

  McpMetadata metadata;
  gint64      size;
};

G_DEFINE_FINAL_TYPE (McpResource, mcp_resource, G_TYPE_OBJECT)

#define METADATA_FIELDS (MCP_METADATA_URI | MCP_METADATA_NAME | MCP_METADATA_TITLE | \
                         MCP_METADATA_DESCRIPTION | MCP_METADATA_MIME_TYPE | \
                         MCP_METADATA_ANNOTATIONS | MCP_METADATA_ICONS | MCP_METADATA_META)

enum {
  PROP_SIZE = MCP_METADATA_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_resource_finalize (GObject *object)
{
  McpResource *self = (McpResource *) object;

  _mcp_metadata_clear (&self->metadata);

  G_OBJECT_CLASS (mcp_resource_parent_class)->finalize (object);
}

static void
mcp_resource_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McpResource *self = MCP_RESOURCE (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  if (prop_id == PROP_SIZE)
    g_value_set_int64 (value, self->size);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_resource_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  McpResource *self = MCP_RESOURCE (object);

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  if (prop_id == PROP_SIZE)
    mcp_resource_set_size (self, g_value_get_int64 (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_resource_class_init (McpResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_resource_finalize;
  object_class->get_property = mcp_resource_get_property;
  object_class->set_property = mcp_resource_set_property;

  /**
   * McpResource:uri:
   *
   * The resource's URI, which identifies it.
   *
   * Since: 0.1
   */
  /**
   * McpResource:name:
   *
   * A short name for programs (and for display when there is no title).
   *
   * Since: 0.1
   */
  /**
   * McpResource:title:
   *
   * A human-readable title for display.
   *
   * Since: 0.1
   */
  /**
   * McpResource:description:
   *
   * What the resource holds, for the model.
   *
   * Since: 0.1
   */
  /**
   * McpResource:mime-type:
   *
   * The MIME type of the contents, if known.
   *
   * Since: 0.1
   */
  /**
   * McpResource:size:
   *
   * The size of the raw contents in bytes, or -1 if unknown.
   *
   * Since: 0.1
   */
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:annotations:
   *
   * Hints for the client (`audience`, `priority`, `lastModified`).
   *
   * Since: 0.1
   */
  /**
   * McpResource:icons:
   *
   * An array of icons (`src`, `mimeType`, `sizes`, `theme`).
   *
   * Since: 0.1
   */
  /**
   * McpResource:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */
  _mcp_metadata_install_properties (object_class, properties, N_PROPS, METADATA_FIELDS);
}

static void
mcp_resource_init (McpResource *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, METADATA_FIELDS);
  self->size = -1;
}

/**
 * mcp_resource_new:
 * @uri: the resource's URI
 * @name: its name
 *
 * Creates the description of a resource.
 *
 * Returns: (transfer full): a new #McpResource
 *
 * Since: 0.1
 */
McpResource *
mcp_resource_new (const char *uri,
                  const char *name)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MCP_TYPE_RESOURCE, "uri", uri, "name", name, NULL);
}

/**
 * mcp_resource_new_from_json:
 * @node: a `Resource` object as found in `resources/list` results
 * @error: return location for a #GError
 *
 * Parses a resource description. Only `uri` and `name` are required; members
 * of the wrong type are ignored.
 *
 * Returns: (transfer full): a new #McpResource, or %NULL with @error set
 *
 * Since: 0.1
 */
McpResource *
mcp_resource_new_from_json (JsonNode  *node,
                            GError   **error)
{
  McpResource *self;
  JsonObject *object;
  JsonNode *size;

  g_return_val_if_fail (node != NULL, NULL);

  object = _mcp_metadata_check_json (node, "A resource", MCP_METADATA_URI | MCP_METADATA_NAME,
                                     error);
  if (object == NULL)
    return NULL;

  self = mcp_resource_new (_mcp_json_object_get_string (object, "uri"),
                           _mcp_json_object_get_string (object, "name"));
  _mcp_metadata_from_json (&self->metadata, object);
  size = json_object_get_member (object, "size");
  if (size != NULL && JSON_NODE_HOLDS_VALUE (size) &&
      json_node_get_value_type (size) == G_TYPE_INT64 && json_node_get_int (size) >= 0)
    self->size = json_node_get_int (size);

  return self;
}

/**
 * mcp_resource_to_json:
 * @self: a #McpResource
 *
 * Serializes the description as a `Resource` object.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_to_json (McpResource *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  object = json_object_new ();
  _mcp_metadata_to_json (&self->metadata, object);
  if (self->size >= 0)
    json_object_set_int_member (object, "size", self->size);

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_resource_get_uri:
 * @self: a #McpResource
 *
 * Gets the resource's URI.
 *
 * Returns: the resource's URI
 *
 * Since: 0.1
 */
const char *
mcp_resource_get_uri (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.uri;
}

/**
 * mcp_resource_get_name:
 * @self: a #McpResource
 *
 * Gets the resource's name.
 *
 * Returns: the resource's name
 *
 * Since: 0.1
 */
const char *
mcp_resource_get_name (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.name;
}

/**
 * mcp_resource_get_title:
 * @self: a #McpResource
 *
 * Gets the human-readable title.
 *
 * Returns: (nullable): the human-readable title
 *
 * Since: 0.1
 */
const char *
mcp_resource_get_title (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.title;
}

/**
 * mcp_resource_set_title:
 * @self: a #McpResource
 * @title: (nullable): a human-readable title
 *
 * Sets #McpResource:title.
 *
 * Since: 0.1
 */
void
mcp_resource_set_title (McpResource *self,
                        const char  *title)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_TITLE, title);
}

/**
 * mcp_resource_get_description:
 * @self: a #McpResource
 *
 * Gets the description.
 *
 * Returns: (nullable): the description
 *
 * Since: 0.1
 */
const char *
mcp_resource_get_description (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.description;
}

/**
 * mcp_resource_set_description:
 * @self: a #McpResource
 * @description: (nullable): what the resource holds
 *
 * Sets #McpResource:description.
 *
 * Since: 0.1
 */
void
mcp_resource_set_description (McpResource *self,
                              const char  *description)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_DESCRIPTION, description);
}

/**
 * mcp_resource_get_mime_type:
 * @self: a #McpResource
 *
 * Gets the MIME type.
 *
 * Returns: (nullable): the MIME type
 *
 * Since: 0.1
 */
const char *
mcp_resource_get_mime_type (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.mime_type;
}

/**
 * mcp_resource_set_mime_type:
 * @self: a #McpResource
 * @mime_type: (nullable): the MIME type of the contents
 *
 * Sets #McpResource:mime-type.
 *
 * Since: 0.1
 */
void
mcp_resource_set_mime_type (McpResource *self,
                            const char  *mime_type)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_MIME_TYPE, mime_type);
}

/**
 * mcp_resource_get_size:
 * @self: a #McpResource
 *
 * Gets the size in bytes, or -1 if unknown.
 *
 * Returns: the size in bytes, or -1 if unknown
 *
 * Since: 0.1
 */
gint64
mcp_resource_get_size (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), -1);

  return self->size;
}

/**
 * mcp_resource_set_size:
 * @self: a #McpResource
 * @size: the size of the raw contents in bytes, or -1 if unknown
 *
 * Sets #McpResource:size.
 *
 * Since: 0.1
 */
void
mcp_resource_set_size (McpResource *self,
                       gint64       size)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  size = MAX (size, -1);
  if (self->size == size)
    return;

  self->size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

/**
 * mcp_resource_get_annotations:
 * @self: a #McpResource
 *
 * Gets the annotations object.
 *
 * Returns: (transfer none) (nullable): the annotations object
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_get_annotations (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.annotations;
}

/**
 * mcp_resource_set_annotations:
 * @self: a #McpResource
 * @annotations: (nullable): an `Annotations` object
 *
 * Sets #McpResource:annotations.
 *
 * Since: 0.1
 */
void
mcp_resource_set_annotations (McpResource *self,
                              JsonNode    *annotations)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ANNOTATIONS, annotations);
}

/**
 * mcp_resource_get_icons:
 * @self: a #McpResource
 *
 * Gets the icons array.
 *
 * Returns: (transfer none) (nullable): the icons array
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_get_icons (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.icons;
}

/**
 * mcp_resource_set_icons:
 * @self: a #McpResource
 * @icons: (nullable): an array of `Icon` objects
 *
 * Sets #McpResource:icons.
 *
 * Since: 0.1
 */
void
mcp_resource_set_icons (McpResource *self,
                        JsonNode    *icons)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ICONS, icons);
}

/**
 * mcp_resource_get_meta:
 * @self: a #McpResource
 *
 * Gets the `_meta` object.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_get_meta (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return self->metadata.meta;
}

/**
 * mcp_resource_set_meta:
 * @self: a #McpResource
 * @meta: (nullable): a `_meta` object
 *
 * Sets #McpResource:meta.
 *
 * Since: 0.1
 */
void
mcp_resource_set_meta (McpResource *self,
                       JsonNode    *meta)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_META, meta);
}

/**
 * mcp_resource_get_required_permission:
 * @self: a #McpResource
 *
 * Gets the permission a caller needs for this resource.
 *
 * Returns: (nullable): the permission, or %NULL when anyone may use it
 *
 * Since: 0.1
 */
const char *
mcp_resource_get_required_permission (McpResource *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), NULL);

  return _mcp_required_permission_get (G_OBJECT (self));
}

/**
 * mcp_resource_set_required_permission:
 * @self: a #McpResource
 * @permission: (nullable): a permission or scope, or %NULL for none
 *
 * Makes the resource need @permission (see #McpAuthInfo:permissions): a server
 * refuses to let a caller without it read or subscribe to it, and leaves it out of that
 * caller's list results. A caller with no identity at all (no auth
 * provider on its transport) never has it. The permission is the server's
 * policy and is never sent to clients. Set it before the resource is added to a
 * server.
 *
 * Since: 0.1
 */
void
mcp_resource_set_required_permission (McpResource *self,
                                      const char  *permission)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_required_permission_set (G_OBJECT (self), permission);
}

/**
 * mcp_resource_set_cache_hints:
 * @self: a #McpResource
 * @ttl_ms: how many milliseconds a client may keep its reads, or -1 for
 *   the server's #McpServer:cache-ttl
 * @scope: who may keep them
 *
 * Sets the `ttlMs` and `cacheScope` of its reads on the 2026-07-28
 * era, where a handler did not set its own in the result. They are
 * server-side policy: nothing of them goes out in `resources/list`.
 *
 * Since: 0.1
 */
void
mcp_resource_set_cache_hints (McpResource   *self,
                            gint64          ttl_ms,
                            McpCacheScope   scope)
{
  g_return_if_fail (MCP_IS_RESOURCE (self));

  _mcp_cache_hints_set (G_OBJECT (self), ttl_ms, scope);
}

/**
 * mcp_resource_get_cache_hints:
 * @self: a #McpResource
 * @ttl_ms: (out): the time to keep its reads, or -1 when unset
 * @scope: (out): who may keep them
 *
 * Gets what mcp_resource_set_cache_hints() set.
 *
 * Returns: whether hints were set
 *
 * Since: 0.1
 */
gboolean
mcp_resource_get_cache_hints (McpResource   *self,
                            gint64         *ttl_ms,
                            McpCacheScope  *scope)
{
  g_return_val_if_fail (MCP_IS_RESOURCE (self), FALSE);
  g_return_val_if_fail (ttl_ms != NULL && scope != NULL, FALSE);

  return _mcp_cache_hints_get (G_OBJECT (self), ttl_ms, scope);
}

/* mcp-resource.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-json-util-private.h"
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
  GObject   parent_instance;

  char     *uri;
  char     *name;
  char     *title;
  char     *description;
  char     *mime_type;
  gint64    size;
  JsonNode *annotations;
  JsonNode *icons;
  JsonNode *meta;
};

G_DEFINE_FINAL_TYPE (McpResource, mcp_resource, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_MIME_TYPE,
  PROP_SIZE,
  PROP_ANNOTATIONS,
  PROP_ICONS,
  PROP_META,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_resource_finalize (GObject *object)
{
  McpResource *self = (McpResource *) object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->annotations, json_node_unref);
  g_clear_pointer (&self->icons, json_node_unref);
  g_clear_pointer (&self->meta, json_node_unref);

  G_OBJECT_CLASS (mcp_resource_parent_class)->finalize (object);
}

static void
mcp_resource_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McpResource *self = MCP_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
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
mcp_resource_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  McpResource *self = MCP_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_URI:
      self->uri = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      mcp_resource_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      mcp_resource_set_description (self, g_value_get_string (value));
      break;
    case PROP_MIME_TYPE:
      mcp_resource_set_mime_type (self, g_value_get_string (value));
      break;
    case PROP_SIZE:
      mcp_resource_set_size (self, g_value_get_int64 (value));
      break;
    case PROP_ANNOTATIONS:
      mcp_resource_set_annotations (self, g_value_get_boxed (value));
      break;
    case PROP_ICONS:
      mcp_resource_set_icons (self, g_value_get_boxed (value));
      break;
    case PROP_META:
      mcp_resource_set_meta (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:name:
   *
   * A short name for programs (and for display when there is no title).
   *
   * Since: 0.1
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:title:
   *
   * A human-readable title for display.
   *
   * Since: 0.1
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:description:
   *
   * What the resource holds, for the model.
   *
   * Since: 0.1
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:mime-type:
   *
   * The MIME type of the contents, if known.
   *
   * Since: 0.1
   */
  properties[PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:icons:
   *
   * An array of icons (`src`, `mimeType`, `sizes`, `theme`).
   *
   * Since: 0.1
   */
  properties[PROP_ICONS] =
    g_param_spec_boxed ("icons", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResource:meta:
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
mcp_resource_init (McpResource *self)
{
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
  const char *uri;
  const char *name;
  JsonNode *size;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A resource must be an object");
      return NULL;
    }

  object = json_node_get_object (node);
  uri = _mcp_json_object_get_string (object, "uri");
  name = _mcp_json_object_get_string (object, "name");
  if (uri == NULL || name == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A resource needs a uri and a name");
      return NULL;
    }

  self = mcp_resource_new (uri, name);
  self->title = g_strdup (_mcp_json_object_get_string (object, "title"));
  self->description = g_strdup (_mcp_json_object_get_string (object, "description"));
  self->mime_type = g_strdup (_mcp_json_object_get_string (object, "mimeType"));
  size = json_object_get_member (object, "size");
  if (size != NULL && JSON_NODE_HOLDS_VALUE (size) &&
      json_node_get_value_type (size) == G_TYPE_INT64 && json_node_get_int (size) >= 0)
    self->size = json_node_get_int (size);
  self->annotations = _mcp_json_object_dup_member (object, "annotations", JSON_NODE_OBJECT);
  self->icons = _mcp_json_object_dup_member (object, "icons", JSON_NODE_ARRAY);
  self->meta = _mcp_json_object_dup_member (object, "_meta", JSON_NODE_OBJECT);

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
  json_object_set_string_member (object, "uri", self->uri);
  json_object_set_string_member (object, "name", self->name);
  if (self->title != NULL)
    json_object_set_string_member (object, "title", self->title);
  if (self->description != NULL)
    json_object_set_string_member (object, "description", self->description);
  if (self->mime_type != NULL)
    json_object_set_string_member (object, "mimeType", self->mime_type);
  if (self->size >= 0)
    json_object_set_int_member (object, "size", self->size);
  _mcp_json_object_set_node (object, "annotations", self->annotations);
  _mcp_json_object_set_node (object, "icons", self->icons);
  _mcp_json_object_set_node (object, "_meta", self->meta);

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

  return self->uri;
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

  return self->name;
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

  return self->title;
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

  if (_mcp_str_replace (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
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

  return self->description;
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

  if (_mcp_str_replace (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
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

  return self->mime_type;
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

  if (_mcp_str_replace (&self->mime_type, mime_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIME_TYPE]);
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

  return self->annotations;
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
  g_return_if_fail (annotations == NULL || JSON_NODE_HOLDS_OBJECT (annotations));

  if (_mcp_json_node_replace (&self->annotations, annotations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
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

  return self->icons;
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
  g_return_if_fail (icons == NULL || JSON_NODE_HOLDS_ARRAY (icons));

  if (_mcp_json_node_replace (&self->icons, icons))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICONS]);
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

  return self->meta;
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
  g_return_if_fail (meta == NULL || JSON_NODE_HOLDS_OBJECT (meta));

  if (_mcp_json_node_replace (&self->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
}

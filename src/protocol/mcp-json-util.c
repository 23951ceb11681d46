/* mcp-json-util.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-reader-private.h"
#include "mcp-json-util-private.h"
#include "mcp-json-writer-private.h"
#include "mcp-message.h"

/* Every message a transport receives goes through here. The transports
 * cap a message's size themselves (each with a property), so only depth is
 * limited on this path. */
JsonNode *
_mcp_json_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  return _mcp_json_read (data, length, MCP_MESSAGE_MAX_DEPTH, G_MAXSIZE, error);
}

char *
_mcp_json_to_string (JsonNode *node,
                     gsize    *length)
{
  GString *out = g_string_sized_new (128);

  _mcp_json_write (out, node);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

const char *
_mcp_json_object_get_string (JsonObject *object,
                             const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (!_mcp_json_node_is_string (node))
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
_mcp_json_object_get_object (JsonObject *object,
                             const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
_mcp_json_object_get_array (JsonObject *object,
                            const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

gboolean
_mcp_json_node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
_mcp_json_node_is_string (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
_mcp_json_node_is_boolean (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gdouble
_mcp_json_node_get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (gdouble) json_node_get_int (node);

  return json_node_get_double (node);
}

JsonNode *
_mcp_json_node_new_string (const char *str)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, str);
  return node;
}

JsonNode *
_mcp_json_node_new_int (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

JsonNode *
_mcp_json_node_new_double (gdouble value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

JsonNode *
_mcp_json_node_new_boolean (gboolean value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, value);
  return node;
}

/* Takes ownership of @object. */
JsonNode *
_mcp_json_node_new_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* Takes ownership of @array. */
JsonNode *
_mcp_json_node_new_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

JsonNode *
_mcp_json_node_copy_or_null (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : NULL;
}

/* Stores a copy of @node as @member, or removes @member when @node is NULL. */
void
_mcp_json_object_set_node (JsonObject *object,
                           const char *member,
                           JsonNode   *node)
{
  if (node == NULL)
    json_object_remove_member (object, member);
  else
    json_object_set_member (object, member, json_node_copy (node));
}

gboolean
_mcp_json_node_is_empty_object (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_OBJECT (node) &&
         json_object_get_size (json_node_get_object (node)) == 0;
}

/* Stores a copy of @node in *@slot unless it holds an equal value already.
 * Returns whether anything changed. */
gboolean
_mcp_json_node_replace (JsonNode **slot,
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

/* Stores a copy of @value in *@slot; returns whether it changed. */
gboolean
_mcp_str_replace (char       **slot,
                  const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* A copy of @member if it exists and is of @type, else NULL. */
JsonNode *
_mcp_json_object_dup_member (JsonObject   *object,
                             const char   *member,
                             JsonNodeType  type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != type)
    return NULL;

  return json_node_copy (node);
}

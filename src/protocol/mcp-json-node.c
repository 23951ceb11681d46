/* mcp-json-node.c: typed reads of json-glib nodes and object members
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-json-node-private.h"

/* @member of @object if it exists and is of @type, else NULL. */
static JsonNode *
get_member (JsonObject   *object,
            const char   *member,
            JsonNodeType  type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != type)
    return NULL;

  return node;
}

static gboolean
holds_value_of_type (JsonNode *node,
                     GType     type)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type;
}

const char *
_mcp_json_object_get_string (JsonObject *object,
                             const char *member)
{
  JsonNode *node = get_member (object, member, JSON_NODE_VALUE);

  return _mcp_json_node_is_string (node) ? json_node_get_string (node) : NULL;
}

JsonObject *
_mcp_json_object_get_object (JsonObject *object,
                             const char *member)
{
  JsonNode *node = get_member (object, member, JSON_NODE_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}

JsonArray *
_mcp_json_object_get_array (JsonObject *object,
                            const char *member)
{
  JsonNode *node = get_member (object, member, JSON_NODE_ARRAY);

  return node != NULL ? json_node_get_array (node) : NULL;
}

/* A copy of @member if it exists and is of @type, else NULL. */
JsonNode *
_mcp_json_object_dup_member (JsonObject   *object,
                             const char   *member,
                             JsonNodeType  type)
{
  return _mcp_json_node_copy_or_null (get_member (object, member, type));
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
_mcp_json_node_is_number (JsonNode *node)
{
  return holds_value_of_type (node, G_TYPE_INT64) ||
         holds_value_of_type (node, G_TYPE_DOUBLE);
}

gboolean
_mcp_json_node_is_string (JsonNode *node)
{
  return holds_value_of_type (node, G_TYPE_STRING);
}

gboolean
_mcp_json_node_is_boolean (JsonNode *node)
{
  return holds_value_of_type (node, G_TYPE_BOOLEAN);
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
  return json_node_init_string (json_node_alloc (), str);
}

JsonNode *
_mcp_json_node_new_int (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
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

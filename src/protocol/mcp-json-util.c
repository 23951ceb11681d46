/* mcp-json-util.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-util-private.h"
#include "mcp-message.h"

/* json-glib's parser recurses once per nesting level; a peer could send a
 * line of 200 000 '[' and blow the stack. Count the depth first, skipping
 * over strings so brackets inside them do not count. */
gboolean
_mcp_json_check_depth (const char  *data,
                       gsize        length,
                       guint        max_depth,
                       GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "JSON nesting deeper than %u levels", max_depth);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/* A \uD800-\uDFFF escape: the only way JSON text that is valid UTF-8 can
 * hold a string that is not, if the surrogate has no partner. */
static gboolean
has_surrogate_escape (const char *data,
                      gsize       length)
{
  for (const char *p = memchr (data, '\\', length);
       p != NULL && p + 3 < data + length;
       p = memchr (p + 1, '\\', data + length - p - 1))
    {
      if (p[1] == 'u' && (p[2] == 'd' || p[2] == 'D') &&
          ((p[3] >= '8' && p[3] <= '9') || (p[3] >= 'a' && p[3] <= 'f') ||
           (p[3] >= 'A' && p[3] <= 'F')))
        return TRUE;

      /* Skip the escaped character, so "\\\\ud800" is not an escape. */
      if (p[1] == '\\')
        p++;
    }

  return FALSE;
}

/* json-glib decodes a lone surrogate escape into bytes that are not UTF-8;
 * such a string must never reach a handler, or be echoed onto the wire. */
static gboolean
strings_are_utf8 (JsonNode *node,
                  guint     depth)
{
  if (depth > MCP_MESSAGE_MAX_DEPTH)
    return FALSE;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL) || !strings_are_utf8 (member, depth + 1))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!strings_are_utf8 (json_array_get_element (array, i), depth + 1))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

JsonNode *
_mcp_json_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Message is not valid UTF-8");
      return NULL;
    }

  if (!_mcp_json_check_depth (data, length, MCP_MESSAGE_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes the input in its message, and the message goes
       * back to the peer: keep it short and valid UTF-8. */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);

      if (g_utf8_strlen (valid, -1) > 200)
        *g_utf8_offset_to_pointer (valid, 200) = '\0';
      g_set_error (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR, "Parse error: %s", valid);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: empty message");
      return NULL;
    }

  if (has_surrogate_escape (data, length) && !strings_are_utf8 (root, 0))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_PARSE_ERROR,
                           "Parse error: a \\u escape encodes a lone UTF-16 surrogate");
      return NULL;
    }

  return json_node_ref (root);
}

char *
_mcp_json_to_string (JsonNode *node,
                     gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
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

/* mcp-json-util-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The wire entry points: _mcp_json_read() with MCP_MESSAGE_MAX_DEPTH and
 * no size limit of its own, and _mcp_json_write(). */
JsonNode   *_mcp_json_parse             (const char   *data,
                                         gsize         length,
                                         GError      **error);
char       *_mcp_json_to_string         (JsonNode     *node,
                                         gsize        *length);
const char *_mcp_json_object_get_string (JsonObject   *object,
                                         const char   *member);
JsonObject *_mcp_json_object_get_object (JsonObject   *object,
                                         const char   *member);
JsonArray  *_mcp_json_object_get_array  (JsonObject   *object,
                                         const char   *member);
gboolean    _mcp_json_node_is_number    (JsonNode     *node);
gboolean    _mcp_json_node_is_string    (JsonNode     *node);
gboolean    _mcp_json_node_is_boolean   (JsonNode     *node);
gdouble     _mcp_json_node_get_number   (JsonNode     *node);
JsonNode   *_mcp_json_node_new_string   (const char   *str);
JsonNode   *_mcp_json_node_new_int      (gint64        value);
JsonNode   *_mcp_json_node_new_double   (gdouble       value);
JsonNode   *_mcp_json_node_new_boolean  (gboolean      value);
JsonNode   *_mcp_json_node_new_object   (JsonObject   *object);
JsonNode   *_mcp_json_node_new_array    (JsonArray    *array);
JsonNode   *_mcp_json_node_copy_or_null (JsonNode     *node);
void        _mcp_json_object_set_node   (JsonObject   *object,
                                         const char   *member,
                                         JsonNode     *node);
gboolean    _mcp_json_node_is_empty_object (JsonNode  *node);
gboolean    _mcp_json_node_replace      (JsonNode    **slot,
                                         JsonNode     *node);
gboolean    _mcp_str_replace            (char        **slot,
                                         const char   *value);
JsonNode   *_mcp_json_object_dup_member (JsonObject   *object,
                                         const char   *member,
                                         JsonNodeType  type);

G_END_DECLS

/* mcp-json-node-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Typed reads of json-glib nodes and object members: a member that is
 * missing, or that a peer sent with another type, reads as NULL (or
 * FALSE), never as a json-glib critical. Plus the few constructors and
 * copy-on-store helpers the value types' setters share. */
const char *_mcp_json_object_get_string (JsonObject   *object,
                                         const char   *member);
JsonObject *_mcp_json_object_get_object (JsonObject   *object,
                                         const char   *member);
JsonArray  *_mcp_json_object_get_array  (JsonObject   *object,
                                         const char   *member);
JsonNode   *_mcp_json_object_dup_member (JsonObject   *object,
                                         const char   *member,
                                         JsonNodeType  type);
void        _mcp_json_object_set_node   (JsonObject   *object,
                                         const char   *member,
                                         JsonNode     *node);
gboolean    _mcp_json_node_is_number    (JsonNode     *node);
gboolean    _mcp_json_node_is_string    (JsonNode     *node);
gboolean    _mcp_json_node_is_boolean   (JsonNode     *node);
gdouble     _mcp_json_node_get_number   (JsonNode     *node);
JsonNode   *_mcp_json_node_new_string   (const char   *str);
JsonNode   *_mcp_json_node_new_int      (gint64        value);
JsonNode   *_mcp_json_node_new_object   (JsonObject   *object);
JsonNode   *_mcp_json_node_new_array    (JsonArray    *array);
JsonNode   *_mcp_json_node_copy_or_null (JsonNode     *node);
gboolean    _mcp_json_node_replace      (JsonNode    **slot,
                                         JsonNode     *node);

G_END_DECLS

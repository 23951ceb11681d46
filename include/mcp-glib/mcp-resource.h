/* mcp-resource.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "mcp-protocol.h"
#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_RESOURCE (mcp_resource_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpResource, mcp_resource, MCP, RESOURCE, GObject)

MCP_AVAILABLE_IN_0_1
McpResource *mcp_resource_new               (const char   *uri,
                                             const char   *name);
MCP_AVAILABLE_IN_0_1
McpResource *mcp_resource_new_from_json     (JsonNode     *node,
                                             GError      **error);
MCP_AVAILABLE_IN_0_1
JsonNode    *mcp_resource_to_json           (McpResource  *self);
MCP_AVAILABLE_IN_0_1
const char  *mcp_resource_get_uri           (McpResource  *self);
MCP_AVAILABLE_IN_0_1
const char  *mcp_resource_get_name          (McpResource  *self);
MCP_AVAILABLE_IN_0_1
const char  *mcp_resource_get_title         (McpResource  *self);
MCP_AVAILABLE_IN_0_1
void         mcp_resource_set_title         (McpResource  *self,
                                             const char   *title);
MCP_AVAILABLE_IN_0_1
const char  *mcp_resource_get_description   (McpResource  *self);
MCP_AVAILABLE_IN_0_1
void         mcp_resource_set_description   (McpResource  *self,
                                             const char   *description);
MCP_AVAILABLE_IN_0_1
const char  *mcp_resource_get_mime_type     (McpResource  *self);
MCP_AVAILABLE_IN_0_1
void         mcp_resource_set_mime_type     (McpResource  *self,
                                             const char   *mime_type);
MCP_AVAILABLE_IN_0_1
gint64       mcp_resource_get_size          (McpResource  *self);
MCP_AVAILABLE_IN_0_1
void         mcp_resource_set_size          (McpResource  *self,
                                             gint64        size);
MCP_AVAILABLE_IN_0_1
JsonNode    *mcp_resource_get_annotations   (McpResource  *self);
MCP_AVAILABLE_IN_0_1
void         mcp_resource_set_annotations   (McpResource  *self,
                                             JsonNode     *annotations);
MCP_AVAILABLE_IN_0_1
JsonNode    *mcp_resource_get_icons         (McpResource  *self);
MCP_AVAILABLE_IN_0_1
void         mcp_resource_set_icons         (McpResource  *self,
                                             JsonNode     *icons);
MCP_AVAILABLE_IN_0_1
JsonNode    *mcp_resource_get_meta          (McpResource  *self);
MCP_AVAILABLE_IN_0_1
void         mcp_resource_set_meta          (McpResource  *self,
                                             JsonNode     *meta);

MCP_AVAILABLE_IN_0_1
const char *mcp_resource_get_required_permission (McpResource *self);
MCP_AVAILABLE_IN_0_1
void        mcp_resource_set_required_permission (McpResource *self,
                                                  const char  *permission);
MCP_AVAILABLE_IN_0_1
void        mcp_resource_set_cache_hints (McpResource   *self,
                                       gint64          ttl_ms,
                                       McpCacheScope   scope);
MCP_AVAILABLE_IN_0_1
gboolean    mcp_resource_get_cache_hints (McpResource   *self,
                                       gint64         *ttl_ms,
                                       McpCacheScope  *scope);

G_END_DECLS

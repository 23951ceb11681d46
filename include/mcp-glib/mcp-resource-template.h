/* mcp-resource-template.h
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

#define MCP_TYPE_RESOURCE_TEMPLATE (mcp_resource_template_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpResourceTemplate, mcp_resource_template, MCP, RESOURCE_TEMPLATE, GObject)

MCP_AVAILABLE_IN_0_1
McpResourceTemplate *mcp_resource_template_new                (const char           *uri_template,
                                                               const char           *name);
MCP_AVAILABLE_IN_0_1
McpResourceTemplate *mcp_resource_template_new_from_json      (JsonNode             *node,
                                                               GError              **error);
MCP_AVAILABLE_IN_0_1
JsonNode            *mcp_resource_template_to_json            (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
const char          *mcp_resource_template_get_uri_template   (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
const char          *mcp_resource_template_get_name           (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
const char          *mcp_resource_template_get_title          (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_template_set_title          (McpResourceTemplate  *self,
                                                               const char           *title);
MCP_AVAILABLE_IN_0_1
const char          *mcp_resource_template_get_description    (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_template_set_description    (McpResourceTemplate  *self,
                                                               const char           *description);
MCP_AVAILABLE_IN_0_1
const char          *mcp_resource_template_get_mime_type      (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_template_set_mime_type      (McpResourceTemplate  *self,
                                                               const char           *mime_type);
MCP_AVAILABLE_IN_0_1
JsonNode            *mcp_resource_template_get_annotations    (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_template_set_annotations    (McpResourceTemplate  *self,
                                                               JsonNode             *annotations);
MCP_AVAILABLE_IN_0_1
JsonNode            *mcp_resource_template_get_icons          (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_template_set_icons          (McpResourceTemplate  *self,
                                                               JsonNode             *icons);
MCP_AVAILABLE_IN_0_1
JsonNode            *mcp_resource_template_get_meta           (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
void                 mcp_resource_template_set_meta           (McpResourceTemplate  *self,
                                                               JsonNode             *meta);
MCP_AVAILABLE_IN_0_1
char               **mcp_resource_template_dup_variable_names (McpResourceTemplate  *self);
MCP_AVAILABLE_IN_0_1
gboolean             mcp_resource_template_match              (McpResourceTemplate  *self,
                                                               const char           *uri,
                                                               GHashTable          **variables);

MCP_AVAILABLE_IN_0_1
const char *mcp_resource_template_get_required_permission (McpResourceTemplate *self);
MCP_AVAILABLE_IN_0_1
void        mcp_resource_template_set_required_permission (McpResourceTemplate *self,
                                                           const char          *permission);
MCP_AVAILABLE_IN_0_1
void        mcp_resource_template_set_cache_hints (McpResourceTemplate   *self,
                                       gint64          ttl_ms,
                                       McpCacheScope   scope);
MCP_AVAILABLE_IN_0_1
gboolean    mcp_resource_template_get_cache_hints (McpResourceTemplate   *self,
                                       gint64         *ttl_ms,
                                       McpCacheScope  *scope);

G_END_DECLS

/* mcp-roots-request.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mcp-types.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_ROOTS_REQUEST (mcp_roots_request_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpRootsRequest, mcp_roots_request, MCP, ROOTS_REQUEST, GObject)

MCP_AVAILABLE_IN_0_1
McpClient    *mcp_roots_request_get_client       (McpRootsRequest *self);
MCP_AVAILABLE_IN_0_1
McpRequest   *mcp_roots_request_get_request      (McpRootsRequest *self);
MCP_AVAILABLE_IN_0_1
GCancellable *mcp_roots_request_get_cancellable  (McpRootsRequest *self);
MCP_AVAILABLE_IN_0_1
void          mcp_roots_request_return_roots     (McpRootsRequest *self,
                                                  GPtrArray       *roots);
MCP_AVAILABLE_IN_0_1
void          mcp_roots_request_return_gerror    (McpRootsRequest *self,
                                                  const GError    *error);

G_END_DECLS

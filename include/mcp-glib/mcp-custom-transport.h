/* mcp-custom-transport.h
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

#include "mcp-transport.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_CUSTOM_TRANSPORT (mcp_custom_transport_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpCustomTransport, mcp_custom_transport, MCP, CUSTOM_TRANSPORT, GObject)

MCP_AVAILABLE_IN_0_1
McpCustomTransport *mcp_custom_transport_new              (void);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_custom_transport_get_auto_connect (McpCustomTransport *self);
MCP_AVAILABLE_IN_0_1
void                mcp_custom_transport_set_auto_connect (McpCustomTransport *self,
                                                           gboolean            auto_connect);
MCP_AVAILABLE_IN_0_1
void                mcp_custom_transport_set_connected    (McpCustomTransport *self);
MCP_AVAILABLE_IN_0_1
void                mcp_custom_transport_receive          (McpCustomTransport *self,
                                                           JsonNode           *message);
MCP_AVAILABLE_IN_0_1
void                mcp_custom_transport_close            (McpCustomTransport *self);
MCP_AVAILABLE_IN_0_1
void                mcp_custom_transport_fail             (McpCustomTransport *self,
                                                           const GError       *error);

G_END_DECLS

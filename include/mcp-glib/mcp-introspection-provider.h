/* mcp-introspection-provider.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (MCP_GLIB_INSIDE) && !defined (MCP_COMPILATION)
# error "Only <mcp-glib/mcp-glib.h> can be included directly."
#endif

#include "mcp-auth-provider.h"
#include "mcp-token-verifier.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_INTROSPECTION_PROVIDER (mcp_introspection_provider_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpIntrospectionProvider, mcp_introspection_provider, MCP,
                      INTROSPECTION_PROVIDER, McpTokenVerifier)

MCP_AVAILABLE_IN_0_1
McpIntrospectionProvider *mcp_introspection_provider_new        (const char                *endpoint,
                                                                 const char                *client_id,
                                                                 const char                *client_secret);
MCP_AVAILABLE_IN_0_1
const char               *mcp_introspection_provider_get_endpoint (McpIntrospectionProvider *self);
MCP_AVAILABLE_IN_0_1
const char               *mcp_introspection_provider_get_client_id (McpIntrospectionProvider *self);
MCP_AVAILABLE_IN_0_1
guint                     mcp_introspection_provider_get_cache_ttl (McpIntrospectionProvider *self);
MCP_AVAILABLE_IN_0_1
void                      mcp_introspection_provider_set_cache_ttl (McpIntrospectionProvider *self,
                                                                    guint                     seconds);
MCP_AVAILABLE_IN_0_1
guint                     mcp_introspection_provider_get_max_cache_entries (McpIntrospectionProvider *self);
MCP_AVAILABLE_IN_0_1
void                      mcp_introspection_provider_set_max_cache_entries (McpIntrospectionProvider *self,
                                                                            guint                     entries);
MCP_AVAILABLE_IN_0_1
guint                     mcp_introspection_provider_get_timeout (McpIntrospectionProvider *self);
MCP_AVAILABLE_IN_0_1
void                      mcp_introspection_provider_set_timeout (McpIntrospectionProvider *self,
                                                                  guint                     seconds);
MCP_AVAILABLE_IN_0_1
gsize                     mcp_introspection_provider_get_max_response_size (McpIntrospectionProvider *self);
MCP_AVAILABLE_IN_0_1
void                      mcp_introspection_provider_set_max_response_size (McpIntrospectionProvider *self,
                                                                            gsize                     size);

G_END_DECLS

/* mcp-auth-chain.h
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
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_AUTH_CHAIN (mcp_auth_chain_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpAuthChain, mcp_auth_chain, MCP, AUTH_CHAIN, GObject)

MCP_AVAILABLE_IN_0_1
McpAuthChain       *mcp_auth_chain_new                       (void);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_chain_add_provider              (McpAuthChain       *self,
                                                              McpAuthProvider    *provider);
MCP_AVAILABLE_IN_0_1
const char * const *mcp_auth_chain_get_authorization_servers (McpAuthChain       *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_chain_set_authorization_servers (McpAuthChain       *self,
                                                              const char * const *servers);
MCP_AVAILABLE_IN_0_1
const char * const *mcp_auth_chain_get_scopes_supported      (McpAuthChain       *self);
MCP_AVAILABLE_IN_0_1
void                mcp_auth_chain_set_scopes_supported      (McpAuthChain       *self,
                                                              const char * const *scopes);

G_END_DECLS

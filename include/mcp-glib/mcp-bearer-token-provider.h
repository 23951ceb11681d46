/* mcp-bearer-token-provider.h
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

#define MCP_TYPE_BEARER_TOKEN_PROVIDER (mcp_bearer_token_provider_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpBearerTokenProvider, mcp_bearer_token_provider,
                      MCP, BEARER_TOKEN_PROVIDER, GObject)

MCP_AVAILABLE_IN_0_1
McpBearerTokenProvider *mcp_bearer_token_provider_new           (const char             *token,
                                                                 const char             *principal);
MCP_AVAILABLE_IN_0_1
const char             *mcp_bearer_token_provider_get_principal (McpBearerTokenProvider *self);

G_END_DECLS

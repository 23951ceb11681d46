/* mcp-api-key-provider.h
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

#define MCP_TYPE_API_KEY_PROVIDER (mcp_api_key_provider_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpApiKeyProvider, mcp_api_key_provider, MCP, API_KEY_PROVIDER, GObject)

MCP_AVAILABLE_IN_0_1
McpApiKeyProvider *mcp_api_key_provider_new            (void);
MCP_AVAILABLE_IN_0_1
void               mcp_api_key_provider_add_key        (McpApiKeyProvider  *self,
                                                        const char         *key,
                                                        const char         *principal,
                                                        const char * const *permissions,
                                                        JsonNode           *metadata,
                                                        double              rate,
                                                        guint               burst);
MCP_AVAILABLE_IN_0_1
gboolean           mcp_api_key_provider_remove_key     (McpApiKeyProvider  *self,
                                                        const char         *key);
MCP_AVAILABLE_IN_0_1
guint              mcp_api_key_provider_get_n_keys     (McpApiKeyProvider  *self);
MCP_AVAILABLE_IN_0_1
double             mcp_api_key_provider_get_default_rate  (McpApiKeyProvider *self);
MCP_AVAILABLE_IN_0_1
void               mcp_api_key_provider_set_default_rate  (McpApiKeyProvider *self,
                                                           double             rate);
MCP_AVAILABLE_IN_0_1
guint              mcp_api_key_provider_get_default_burst (McpApiKeyProvider *self);
MCP_AVAILABLE_IN_0_1
void               mcp_api_key_provider_set_default_burst (McpApiKeyProvider *self,
                                                           guint              burst);

G_END_DECLS

/* mcp-oauth-client.h
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

#include "mcp-token-store.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

/**
 * McpOAuthGrantType:
 * @MCP_OAUTH_GRANT_AUTHORIZATION_CODE: a user signs in: the authorization
 *   code grant with PKCE, through a browser (the default)
 * @MCP_OAUTH_GRANT_CLIENT_CREDENTIALS: no user: the client_credentials grant,
 *   with a client secret or a private key (the OAuth client credentials
 *   extension of MCP)
 *
 * How #McpOAuthClient obtains its tokens.
 */
typedef enum
{
  MCP_OAUTH_GRANT_AUTHORIZATION_CODE,
  MCP_OAUTH_GRANT_CLIENT_CREDENTIALS,
} McpOAuthGrantType;

#define MCP_TYPE_OAUTH_CLIENT (mcp_oauth_client_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpOAuthClient, mcp_oauth_client, MCP, OAUTH_CLIENT, GObject)

MCP_AVAILABLE_IN_0_1
McpOAuthClient    *mcp_oauth_client_new                      (void);

MCP_AVAILABLE_IN_0_1
const char        *mcp_oauth_client_get_client_id            (McpOAuthClient    *self);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_set_client_id            (McpOAuthClient    *self,
                                                              const char        *client_id);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_set_client_secret        (McpOAuthClient    *self,
                                                              const char        *client_secret);
MCP_AVAILABLE_IN_0_1
const char        *mcp_oauth_client_get_client_metadata_url  (McpOAuthClient    *self);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_set_client_metadata_url  (McpOAuthClient    *self,
                                                              const char        *url);
MCP_AVAILABLE_IN_0_1
const char        *mcp_oauth_client_get_redirect_uri         (McpOAuthClient    *self);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_set_redirect_uri         (McpOAuthClient    *self,
                                                              const char        *uri);
MCP_AVAILABLE_IN_0_1
const char        *mcp_oauth_client_get_scope                (McpOAuthClient    *self);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_set_scope                (McpOAuthClient    *self,
                                                              const char        *scope);
MCP_AVAILABLE_IN_0_1
McpOAuthGrantType  mcp_oauth_client_get_grant_type           (McpOAuthClient    *self);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_set_grant_type           (McpOAuthClient    *self,
                                                              McpOAuthGrantType  grant_type);
MCP_AVAILABLE_IN_0_1
gboolean           mcp_oauth_client_set_private_key          (McpOAuthClient    *self,
                                                              const char        *pem,
                                                              const char        *algorithm,
                                                              GError           **error);
MCP_AVAILABLE_IN_0_1
McpTokenStore     *mcp_oauth_client_get_token_store          (McpOAuthClient    *self);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_set_token_store          (McpOAuthClient    *self,
                                                              McpTokenStore     *store);

MCP_AVAILABLE_IN_0_1
gboolean           mcp_oauth_client_deliver_redirect         (McpOAuthClient    *self,
                                                              const char        *uri,
                                                              GError           **error);
MCP_AVAILABLE_IN_0_1
void               mcp_oauth_client_cancel_authorization     (McpOAuthClient    *self);
MCP_AVAILABLE_IN_0_1
char              *mcp_oauth_client_dup_granted_scope        (McpOAuthClient    *self,
                                                              const char        *server_url);

G_END_DECLS

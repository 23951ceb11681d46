/* mcp-jwt-provider.h
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

#define MCP_TYPE_JWT_PROVIDER (mcp_jwt_provider_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpJwtProvider, mcp_jwt_provider, MCP, JWT_PROVIDER, McpTokenVerifier)

MCP_AVAILABLE_IN_0_1
McpJwtProvider     *mcp_jwt_provider_new                 (void);
MCP_AVAILABLE_IN_0_1
McpJwtProvider     *mcp_jwt_provider_new_hs256           (GBytes              *secret);
MCP_AVAILABLE_IN_0_1
McpJwtProvider     *mcp_jwt_provider_new_jwks            (const char          *jwks_url);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_jwt_provider_add_key_pem         (McpJwtProvider      *self,
                                                          const char          *pem,
                                                          GError             **error);
MCP_AVAILABLE_IN_0_1
gboolean            mcp_jwt_provider_add_key_jwk         (McpJwtProvider      *self,
                                                          JsonNode            *jwk,
                                                          GError             **error);
MCP_AVAILABLE_IN_0_1
const char * const *mcp_jwt_provider_get_algorithms      (McpJwtProvider      *self);
MCP_AVAILABLE_IN_0_1
void                mcp_jwt_provider_set_algorithms      (McpJwtProvider      *self,
                                                          const char * const  *algorithms);
MCP_AVAILABLE_IN_0_1
const char         *mcp_jwt_provider_get_jwks_url        (McpJwtProvider      *self);
MCP_AVAILABLE_IN_0_1
void                mcp_jwt_provider_set_jwks_url        (McpJwtProvider      *self,
                                                          const char          *url);
MCP_AVAILABLE_IN_0_1
guint               mcp_jwt_provider_get_jwks_refresh_interval (McpJwtProvider *self);
MCP_AVAILABLE_IN_0_1
void                mcp_jwt_provider_set_jwks_refresh_interval (McpJwtProvider *self,
                                                                guint           seconds);
MCP_AVAILABLE_IN_0_1
guint               mcp_jwt_provider_get_jwks_min_refresh_interval (McpJwtProvider *self);
MCP_AVAILABLE_IN_0_1
void                mcp_jwt_provider_set_jwks_min_refresh_interval (McpJwtProvider *self,
                                                                    guint           seconds);
MCP_AVAILABLE_IN_0_1
gsize               mcp_jwt_provider_get_max_jwks_size   (McpJwtProvider      *self);
MCP_AVAILABLE_IN_0_1
void                mcp_jwt_provider_set_max_jwks_size   (McpJwtProvider      *self,
                                                          gsize                size);
MCP_AVAILABLE_IN_0_1
guint               mcp_jwt_provider_get_jwks_timeout    (McpJwtProvider      *self);
MCP_AVAILABLE_IN_0_1
void                mcp_jwt_provider_set_jwks_timeout    (McpJwtProvider      *self,
                                                          guint                seconds);
MCP_AVAILABLE_IN_0_1
McpAuthInfo        *mcp_jwt_provider_verify              (McpJwtProvider      *self,
                                                          const char          *token,
                                                          GError             **error);
MCP_AVAILABLE_IN_0_1
void                mcp_jwt_provider_verify_async        (McpJwtProvider      *self,
                                                          const char          *token,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
MCP_AVAILABLE_IN_0_1
McpAuthInfo        *mcp_jwt_provider_verify_finish       (McpJwtProvider      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

MCP_AVAILABLE_IN_0_1
char               *mcp_jwt_create_hs256                 (GBytes              *secret,
                                                          JsonObject          *claims);

G_END_DECLS

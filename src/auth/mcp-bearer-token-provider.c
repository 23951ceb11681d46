/* mcp-bearer-token-provider.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-bearer-token-provider.h"
#include "mcp-error.h"

#include "mcp-auth-private.h"
#include "mcp-random-private.h"

/**
 * McpBearerTokenProvider:
 *
 * One static bearer token (`Authorization: Bearer <token>`), compared in
 * constant time.
 *
 * What #McpHttpServerTransport:auth-token and
 * #McpWebSocketServerTransport:auth-token set up when no
 * #McpAuthProvider is given. The identity has the principal given at
 * construction and no permissions.
 */

struct _McpBearerTokenProvider
{
  GObject  parent_instance;

  char    *token;
  char    *principal;
};

static void auth_provider_iface_init (McpAuthProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpBearerTokenProvider, mcp_bearer_token_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_AUTH_PROVIDER,
                                                      auth_provider_iface_init))

static void
mcp_bearer_token_provider_finalize (GObject *object)
{
  McpBearerTokenProvider *self = MCP_BEARER_TOKEN_PROVIDER (object);

  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->principal, g_free);

  G_OBJECT_CLASS (mcp_bearer_token_provider_parent_class)->finalize (object);
}

static void
mcp_bearer_token_provider_class_init (McpBearerTokenProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mcp_bearer_token_provider_finalize;
}

static void
mcp_bearer_token_provider_init (McpBearerTokenProvider *self)
{
}

static McpAuthInfo *
check (McpAuthProvider     *provider,
       SoupMessageHeaders  *headers,
       GError             **error)
{
  McpBearerTokenProvider *self = MCP_BEARER_TOKEN_PROVIDER (provider);
  const char *token = _mcp_auth_require_bearer (headers, error);

  if (token == NULL)
    return NULL;

  if (!_mcp_constant_time_equal (token, self->token))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                           "The bearer token is not valid");
      return NULL;
    }

  return mcp_auth_info_new (self->principal, NULL);
}

static void
auth_provider_iface_init (McpAuthProviderInterface *iface)
{
  _mcp_auth_provider_iface_set_check (iface, check);
}

/**
 * mcp_bearer_token_provider_new:
 * @token: the token clients must send
 * @principal: (nullable): the principal of its identity; %NULL: "bearer"
 *
 * Creates a provider that admits exactly one bearer token.
 *
 * Returns: (transfer full): a new #McpBearerTokenProvider
 */
McpBearerTokenProvider *
mcp_bearer_token_provider_new (const char *token,
                               const char *principal)
{
  McpBearerTokenProvider *self;

  g_return_val_if_fail (token != NULL && *token != '\0', NULL);

  self = g_object_new (MCP_TYPE_BEARER_TOKEN_PROVIDER, NULL);
  self->token = g_strdup (token);
  self->principal = g_strdup (principal != NULL ? principal : "bearer");

  return self;
}

/**
 * mcp_bearer_token_provider_get_principal:
 * @self: an #McpBearerTokenProvider
 *
 * The principal of the identity this provider gives.
 *
 * Returns: the principal
 */
const char *
mcp_bearer_token_provider_get_principal (McpBearerTokenProvider *self)
{
  g_return_val_if_fail (MCP_IS_BEARER_TOKEN_PROVIDER (self), NULL);

  return self->principal;
}

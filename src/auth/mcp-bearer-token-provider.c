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

static void
authenticate_async (McpAuthProvider     *provider,
                    SoupMessageHeaders  *headers,
                    GSocketAddress      *remote_address,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  McpBearerTokenProvider *self = MCP_BEARER_TOKEN_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *token = _mcp_auth_bearer_token (soup_message_headers_get_one (headers,
                                                                            "Authorization"));

  g_task_set_source_tag (task, authenticate_async);

  if (token == NULL)
    g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                             "A bearer token is required");
  else if (!_mcp_constant_time_equal (token, self->token))
    g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_UNAUTHORIZED,
                             "The bearer token is not valid");
  else
    g_task_return_pointer (task, mcp_auth_info_new (self->principal, NULL), g_object_unref);
}

static void
auth_provider_iface_init (McpAuthProviderInterface *iface)
{
  iface->authenticate_async = authenticate_async;
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

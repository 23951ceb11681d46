/* mcp-auth-chain.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-auth-chain.h"
#include "mcp-error.h"

#include "mcp-auth-private.h"
#include "mcp-str-private.h"

/**
 * McpAuthChain:
 *
 * Several #McpAuthProvider, tried in the order they were added: the first
 * identity wins. When all refuse, the refusal names what each said, and
 * is %MCP_ERROR_FORBIDDEN if any provider said so (valid credentials
 * without the scope needed), else %MCP_ERROR_UNAUTHORIZED.
 *
 * It is also the OAuth 2.1 resource server's description of itself: with
 * #McpAuthChain:authorization-servers set, it publishes the RFC 9728
 * protected resource metadata naming them (and
 * #McpAuthChain:scopes-supported), which the HTTP server transport serves
 * and points to from its 401 challenges. Without, it publishes what its
 * first provider with metadata publishes.
 *
 * Every provider sees the request's TLS client certificate, if any: a
 * chain of an #McpClientCertificateProvider and a token provider lets in
 * either.
 */

struct _McpAuthChain
{
  GObject    parent_instance;

  GPtrArray *providers;
  GStrv      authorization_servers;
  GStrv      scopes_supported;
};

static void auth_provider_iface_init (McpAuthProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpAuthChain, mcp_auth_chain, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_AUTH_PROVIDER,
                                                      auth_provider_iface_init))

enum {
  PROP_0,
  PROP_AUTHORIZATION_SERVERS,
  PROP_SCOPES_SUPPORTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_auth_chain_finalize (GObject *object)
{
  McpAuthChain *self = MCP_AUTH_CHAIN (object);

  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_pointer (&self->authorization_servers, g_strfreev);
  g_clear_pointer (&self->scopes_supported, g_strfreev);

  G_OBJECT_CLASS (mcp_auth_chain_parent_class)->finalize (object);
}

static void
mcp_auth_chain_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McpAuthChain *self = MCP_AUTH_CHAIN (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZATION_SERVERS:
      g_value_set_boxed (value, self->authorization_servers);
      break;
    case PROP_SCOPES_SUPPORTED:
      g_value_set_boxed (value, self->scopes_supported);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_auth_chain_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McpAuthChain *self = MCP_AUTH_CHAIN (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZATION_SERVERS:
      mcp_auth_chain_set_authorization_servers (self, g_value_get_boxed (value));
      break;
    case PROP_SCOPES_SUPPORTED:
      mcp_auth_chain_set_scopes_supported (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_auth_chain_class_init (McpAuthChainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_auth_chain_finalize;
  object_class->get_property = mcp_auth_chain_get_property;
  object_class->set_property = mcp_auth_chain_set_property;

  /**
   * McpAuthChain:authorization-servers:
   *
   * The issuers of the OAuth 2.1 authorization servers whose tokens this
   * resource accepts, as the protected resource metadata names them.
   */
  properties[PROP_AUTHORIZATION_SERVERS] =
    g_param_spec_boxed ("authorization-servers", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * McpAuthChain:scopes-supported:
   *
   * The scopes the protected resource metadata lists, and the `scope` of
   * the 401 challenges.
   */
  properties[PROP_SCOPES_SUPPORTED] =
    g_param_spec_boxed ("scopes-supported", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_auth_chain_init (McpAuthChain *self)
{
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Authentication ------------------------------------------------------------- */

typedef struct
{
  SoupMessageHeaders *headers;
  GSocketAddress     *remote_address;
  GTlsCertificate    *peer_certificate;
  guint               next;
  GString            *refusals;
  gboolean            forbidden;
} Attempt;

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  soup_message_headers_unref (attempt->headers);
  g_clear_object (&attempt->remote_address);
  g_clear_object (&attempt->peer_certificate);
  g_string_free (attempt->refusals, TRUE);
  g_free (attempt);
}

static void try_next (GTask *task);

static void
provider_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  McpAuthInfo *info;

  info = mcp_auth_provider_authenticate_finish (MCP_AUTH_PROVIDER (object), result, &error);
  if (info != NULL)
    {
      g_task_return_pointer (task, info, g_object_unref);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  attempt->forbidden |= g_error_matches (error, MCP_ERROR, MCP_ERROR_FORBIDDEN);
  if (attempt->refusals->len > 0)
    g_string_append (attempt->refusals, "; ");
  g_string_append (attempt->refusals, error->message);
  try_next (g_steal_pointer (&task));
}

static void
try_next (GTask *task)
{
  McpAuthChain *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);

  if (attempt->next >= self->providers->len)
    {
      g_task_return_new_error (task, MCP_ERROR,
                               attempt->forbidden ? MCP_ERROR_FORBIDDEN : MCP_ERROR_UNAUTHORIZED,
                               "%s", attempt->refusals->len > 0 ? attempt->refusals->str
                                                                : "No credentials are accepted");
      g_object_unref (task);
      return;
    }

  /* Every provider sees the client certificate, if there is one. */
  mcp_auth_provider_authenticate_peer_async (g_ptr_array_index (self->providers, attempt->next++),
                                             attempt->headers, attempt->remote_address,
                                             attempt->peer_certificate,
                                             g_task_get_cancellable (task), provider_cb, task);
}

static void
authenticate_peer_async (McpAuthProvider     *provider,
                         SoupMessageHeaders  *headers,
                         GSocketAddress      *remote_address,
                         GTlsCertificate     *peer_certificate,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  Attempt *attempt = g_new0 (Attempt, 1);

  g_task_set_source_tag (task, authenticate_peer_async);
  attempt->headers = soup_message_headers_ref (headers);
  attempt->remote_address = remote_address != NULL ? g_object_ref (remote_address) : NULL;
  attempt->peer_certificate = peer_certificate != NULL ? g_object_ref (peer_certificate) : NULL;
  attempt->refusals = g_string_new (NULL);
  g_task_set_task_data (task, attempt, attempt_free);

  try_next (task);
}

static void
authenticate_async (McpAuthProvider     *provider,
                    SoupMessageHeaders  *headers,
                    GSocketAddress      *remote_address,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  authenticate_peer_async (provider, headers, remote_address, NULL, cancellable, callback,
                           user_data);
}

static JsonNode *
dup_resource_metadata (McpAuthProvider *provider,
                       const char      *resource)
{
  McpAuthChain *self = MCP_AUTH_CHAIN (provider);

  if (self->authorization_servers != NULL && self->authorization_servers[0] != NULL)
    return _mcp_auth_resource_metadata_new (resource,
                                            (const char * const *) self->authorization_servers,
                                            (const char * const *) self->scopes_supported);

  for (guint i = 0; i < self->providers->len; i++)
    {
      JsonNode *metadata =
        mcp_auth_provider_dup_resource_metadata (g_ptr_array_index (self->providers, i),
                                                 resource);

      if (metadata != NULL)
        return metadata;
    }

  return NULL;
}

static void
auth_provider_iface_init (McpAuthProviderInterface *iface)
{
  iface->authenticate_async = authenticate_async;
  iface->authenticate_peer_async = authenticate_peer_async;
  iface->dup_resource_metadata = dup_resource_metadata;
}

/* Public --------------------------------------------------------------------- */

/**
 * mcp_auth_chain_new:
 *
 * Creates an empty chain: it refuses everyone until providers are added.
 *
 * Returns: (transfer full): a new #McpAuthChain
 */
McpAuthChain *
mcp_auth_chain_new (void)
{
  return g_object_new (MCP_TYPE_AUTH_CHAIN, NULL);
}

/**
 * mcp_auth_chain_add_provider:
 * @self: an #McpAuthChain
 * @provider: a provider to try after those added before
 *
 * Adds @provider to the chain.
 */
void
mcp_auth_chain_add_provider (McpAuthChain    *self,
                             McpAuthProvider *provider)
{
  g_return_if_fail (MCP_IS_AUTH_CHAIN (self));
  g_return_if_fail (MCP_IS_AUTH_PROVIDER (provider));
  g_return_if_fail ((gpointer) provider != (gpointer) self);

  g_ptr_array_add (self->providers, g_object_ref (provider));
}

/**
 * mcp_auth_chain_get_authorization_servers:
 * @self: an #McpAuthChain
 *
 * Gets #McpAuthChain:authorization-servers.
 *
 * Returns: (array zero-terminated=1) (nullable) (transfer none): the issuers
 */
const char * const *
mcp_auth_chain_get_authorization_servers (McpAuthChain *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_CHAIN (self), NULL);

  return (const char * const *) self->authorization_servers;
}

/**
 * mcp_auth_chain_set_authorization_servers:
 * @self: an #McpAuthChain
 * @servers: (array zero-terminated=1) (nullable): issuer URLs
 *
 * Sets #McpAuthChain:authorization-servers.
 */
void
mcp_auth_chain_set_authorization_servers (McpAuthChain       *self,
                                          const char * const *servers)
{
  g_return_if_fail (MCP_IS_AUTH_CHAIN (self));

  if (_mcp_strv_replace (&self->authorization_servers, servers))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZATION_SERVERS]);
}

/**
 * mcp_auth_chain_get_scopes_supported:
 * @self: an #McpAuthChain
 *
 * Gets #McpAuthChain:scopes-supported.
 *
 * Returns: (array zero-terminated=1) (nullable) (transfer none): the scopes
 */
const char * const *
mcp_auth_chain_get_scopes_supported (McpAuthChain *self)
{
  g_return_val_if_fail (MCP_IS_AUTH_CHAIN (self), NULL);

  return (const char * const *) self->scopes_supported;
}

/**
 * mcp_auth_chain_set_scopes_supported:
 * @self: an #McpAuthChain
 * @scopes: (array zero-terminated=1) (nullable): scopes
 *
 * Sets #McpAuthChain:scopes-supported.
 */
void
mcp_auth_chain_set_scopes_supported (McpAuthChain       *self,
                                     const char * const *scopes)
{
  g_return_if_fail (MCP_IS_AUTH_CHAIN (self));

  if (_mcp_strv_replace (&self->scopes_supported, scopes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPES_SUPPORTED]);
}

/* mcp-auth-provider.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-auth-provider.h"

#include "mcp-auth-private.h"
#include "mcp-json-node-private.h"

/**
 * McpAuthProvider:
 *
 * Turns the credentials of an HTTP request or a WebSocket handshake into
 * an identity (#McpAuthInfo), or refuses them.
 *
 * Set one on #McpHttpServerTransport:auth-provider or
 * #McpWebSocketServerTransport:auth-provider. The transport asks it before
 * it serves a session (the 2025 era: on every request of the session, which
 * must come from the principal that opened it) or a request (the
 * 2026-07-28 era), and before a WebSocket upgrade. The built-in providers
 * are #McpBearerTokenProvider, #McpApiKeyProvider and #McpJwtProvider;
 * #McpAuthChain tries several and publishes the OAuth 2.1 protected
 * resource metadata (RFC 9728).
 *
 * A provider may answer later (a token introspection call, say): the
 * transport holds the request meanwhile.
 *
 * On a TLS listener that asks for client certificates
 * (#McpHttpServerTransport:tls-client-auth), the transports call
 * mcp_auth_provider_authenticate_peer_async() with the certificate the
 * handshake verified; #McpClientCertificateProvider makes an identity of
 * it. A provider that only reads headers implements
 * #McpAuthProviderInterface.authenticate_async alone.
 *
 * A refusal is %MCP_ERROR_UNAUTHORIZED (HTTP 401 with a `WWW-Authenticate`
 * challenge) or %MCP_ERROR_FORBIDDEN (HTTP 403, `insufficient_scope`). The
 * error's message goes to the client: it must say what is wrong without
 * repeating the credentials.
 */

G_DEFINE_INTERFACE (McpAuthProvider, mcp_auth_provider, G_TYPE_OBJECT)

/* What a provider that answers with g_task_return_pointer() (an
 * #McpAuthInfo, on a #GTask whose source is the provider) needs not write. */
static McpAuthInfo *
default_authenticate_finish (McpAuthProvider  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A provider that does not look at certificates answers from the headers. */
static void
default_authenticate_peer_async (McpAuthProvider     *self,
                                 SoupMessageHeaders  *headers,
                                 GSocketAddress      *remote_address,
                                 GTlsCertificate     *peer_certificate,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  MCP_AUTH_PROVIDER_GET_IFACE (self)->authenticate_async (self, headers, remote_address,
                                                          cancellable, callback, user_data);
}

static void
mcp_auth_provider_default_init (McpAuthProviderInterface *iface)
{
  iface->authenticate_finish = default_authenticate_finish;
  iface->authenticate_peer_async = default_authenticate_peer_async;

  /**
   * McpAuthProvider::authenticated:
   * @self: the provider set on the transport
   * @info: the identity it made
   *
   * Emitted by a server transport when the provider it was given accepted
   * a request's credentials, before the request (or the session it opens)
   * is served. A handler may give the principal limits of its own from
   * what it knows of it (a claim, a plan): mcp_auth_info_set_rate_limit(),
   * mcp_auth_info_set_max_sessions(),
   * mcp_auth_info_set_session_idle_timeout(). It must not keep @info
   * beyond the emission or change it later.
   *
   * Since: 0.1
   */
  g_signal_new ("authenticated", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, MCP_TYPE_AUTH_INFO);
}

/**
 * mcp_auth_provider_authenticate_async:
 * @self: an #McpAuthProvider
 * @headers: the request's headers
 * @remote_address: (nullable): the address the request came from
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the identity
 * @user_data: data for @callback
 *
 * Starts checking the credentials in @headers.
 *
 * Since: 0.1
 */
void
mcp_auth_provider_authenticate_async (McpAuthProvider     *self,
                                      SoupMessageHeaders  *headers,
                                      GSocketAddress      *remote_address,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  McpAuthProviderInterface *iface;

  g_return_if_fail (MCP_IS_AUTH_PROVIDER (self));
  g_return_if_fail (headers != NULL);
  g_return_if_fail (remote_address == NULL || G_IS_SOCKET_ADDRESS (remote_address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = MCP_AUTH_PROVIDER_GET_IFACE (self);
  /* A provider may implement only the variant with a certificate. */
  if (iface->authenticate_async == NULL &&
      iface->authenticate_peer_async != default_authenticate_peer_async)
    iface->authenticate_peer_async (self, headers, remote_address, NULL, cancellable,
                                    callback, user_data);
  else
    iface->authenticate_async (self, headers, remote_address, cancellable, callback, user_data);
}

/**
 * mcp_auth_provider_authenticate_peer_async:
 * @self: an #McpAuthProvider
 * @headers: the request's headers
 * @remote_address: (nullable): the address the request came from
 * @peer_certificate: (nullable): the client certificate the TLS handshake
 *   verified against the listener's trusted CAs, or %NULL when the client
 *   sent none (or the connection is not TLS)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the identity
 * @user_data: data for @callback
 *
 * Starts checking the credentials of a request: its headers and the
 * client certificate of its connection. Finish it with
 * mcp_auth_provider_authenticate_finish().
 *
 * A provider that does not look at certificates answers as
 * mcp_auth_provider_authenticate_async() does.
 *
 * Since: 0.1
 */
void
mcp_auth_provider_authenticate_peer_async (McpAuthProvider     *self,
                                           SoupMessageHeaders  *headers,
                                           GSocketAddress      *remote_address,
                                           GTlsCertificate     *peer_certificate,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  McpAuthProviderInterface *iface;

  g_return_if_fail (MCP_IS_AUTH_PROVIDER (self));
  g_return_if_fail (headers != NULL);
  g_return_if_fail (remote_address == NULL || G_IS_SOCKET_ADDRESS (remote_address));
  g_return_if_fail (peer_certificate == NULL || G_IS_TLS_CERTIFICATE (peer_certificate));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = MCP_AUTH_PROVIDER_GET_IFACE (self);
  if (iface->authenticate_peer_async != NULL)
    iface->authenticate_peer_async (self, headers, remote_address, peer_certificate,
                                    cancellable, callback, user_data);
  else
    iface->authenticate_async (self, headers, remote_address, cancellable, callback,
                               user_data);
}

/**
 * mcp_auth_provider_authenticate_finish:
 * @self: an #McpAuthProvider
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes mcp_auth_provider_authenticate_async() or
 * mcp_auth_provider_authenticate_peer_async().
 *
 * Returns: (transfer full): the caller's identity, or %NULL with
 *   %MCP_ERROR_UNAUTHORIZED or %MCP_ERROR_FORBIDDEN
 */
McpAuthInfo *
mcp_auth_provider_authenticate_finish (McpAuthProvider  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (MCP_IS_AUTH_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MCP_AUTH_PROVIDER_GET_IFACE (self)->authenticate_finish (self, result, error);
}

/**
 * mcp_auth_provider_dup_resource_metadata:
 * @self: an #McpAuthProvider
 * @resource: the URL of the protected resource (the MCP endpoint)
 *
 * The OAuth 2.0 protected resource metadata (RFC 9728) of @resource, which
 * the HTTP server transport serves at
 * `/.well-known/oauth-protected-resource` followed by the endpoint's path,
 * and names in the `resource_metadata` of its 401 challenges.
 *
 * Returns: (transfer full) (nullable): a JSON object, or %NULL when the
 *   provider publishes none
 */
JsonNode *
mcp_auth_provider_dup_resource_metadata (McpAuthProvider *self,
                                         const char      *resource)
{
  McpAuthProviderInterface *iface;

  g_return_val_if_fail (MCP_IS_AUTH_PROVIDER (self), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  iface = MCP_AUTH_PROVIDER_GET_IFACE (self);
  return iface->dup_resource_metadata != NULL ? iface->dup_resource_metadata (self, resource)
                                              : NULL;
}

/* Private helpers of the built-in providers --------------------------------- */

static GQuark
check_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("mcp-auth-provider-check");

  return quark;
}

static void
checked_authenticate_async (McpAuthProvider     *self,
                            SoupMessageHeaders  *headers,
                            GSocketAddress      *remote_address,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  McpAuthCheckFunc check = g_type_get_qdata (G_OBJECT_TYPE (self), check_quark ());
  GError *error = NULL;
  McpAuthInfo *info;

  g_task_set_source_tag (task, checked_authenticate_async);

  info = check (self, headers, &error);
  if (info != NULL)
    g_task_return_pointer (task, info, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
_mcp_auth_provider_iface_set_check (McpAuthProviderInterface *iface,
                                    McpAuthCheckFunc          check)
{
  g_type_set_qdata (iface->g_iface.g_instance_type, check_quark (), check);
  iface->authenticate_async = checked_authenticate_async;
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

JsonNode *
_mcp_auth_resource_metadata_new (const char         *resource,
                                 const char * const *servers,
                                 const char * const *scopes)
{
  static const char * const methods[] = { "header", NULL };
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "resource", resource);
  json_object_set_array_member (object, "authorization_servers", strv_to_array (servers));
  json_object_set_array_member (object, "bearer_methods_supported", strv_to_array (methods));
  if (scopes != NULL && scopes[0] != NULL)
    json_object_set_array_member (object, "scopes_supported", strv_to_array (scopes));

  return _mcp_json_node_new_object (object);
}

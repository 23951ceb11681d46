/* mcp-auth-provider.h
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
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mcp-auth-info.h"
#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_AUTH_PROVIDER (mcp_auth_provider_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_INTERFACE (McpAuthProvider, mcp_auth_provider, MCP, AUTH_PROVIDER, GObject)

/**
 * McpAuthProviderInterface:
 * @g_iface: the parent interface
 * @authenticate_async: starts turning the credentials of a request into an
 *   identity
 * @authenticate_finish: finishes @authenticate_async (by default, the
 *   pointer of a #GTask whose source object is the provider): the identity, or
 *   %NULL with %MCP_ERROR_UNAUTHORIZED (bad or missing credentials, HTTP 401)
 *   or %MCP_ERROR_FORBIDDEN (valid credentials without a scope the resource
 *   needs, HTTP 403)
 * @dup_resource_metadata: optional: the RFC 9728 protected resource
 *   metadata for @resource, or %NULL when the provider publishes none
 * @authenticate_peer_async: like @authenticate_async, with the client
 *   certificate the TLS connection verified (or %NULL); finished by
 *   @authenticate_finish. The default calls @authenticate_async: only a
 *   provider that looks at certificates needs it
 *
 * The virtual methods of #McpAuthProvider.
 */
struct _McpAuthProviderInterface
{
  GTypeInterface g_iface;

  void         (*authenticate_async)    (McpAuthProvider     *self,
                                         SoupMessageHeaders  *headers,
                                         GSocketAddress      *remote_address,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
  McpAuthInfo *(*authenticate_finish)   (McpAuthProvider     *self,
                                         GAsyncResult        *result,
                                         GError             **error);
  JsonNode    *(*dup_resource_metadata) (McpAuthProvider     *self,
                                         const char          *resource);
  void         (*authenticate_peer_async) (McpAuthProvider     *self,
                                           SoupMessageHeaders  *headers,
                                           GSocketAddress      *remote_address,
                                           GTlsCertificate     *peer_certificate,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

  /*< private >*/
  gpointer padding[7];
};

MCP_AVAILABLE_IN_0_1
void         mcp_auth_provider_authenticate_async    (McpAuthProvider     *self,
                                                      SoupMessageHeaders  *headers,
                                                      GSocketAddress      *remote_address,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MCP_AVAILABLE_IN_0_1
void         mcp_auth_provider_authenticate_peer_async (McpAuthProvider     *self,
                                                        SoupMessageHeaders  *headers,
                                                        GSocketAddress      *remote_address,
                                                        GTlsCertificate     *peer_certificate,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
MCP_AVAILABLE_IN_0_1
McpAuthInfo *mcp_auth_provider_authenticate_finish   (McpAuthProvider     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
MCP_AVAILABLE_IN_0_1
JsonNode    *mcp_auth_provider_dup_resource_metadata (McpAuthProvider     *self,
                                                      const char          *resource);

G_END_DECLS

/* mcp-token-store.h
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

#include "mcp-version-macros.h"

G_BEGIN_DECLS

#define MCP_TYPE_TOKEN_STORE (mcp_token_store_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_INTERFACE (McpTokenStore, mcp_token_store, MCP, TOKEN_STORE, GObject)

/**
 * McpTokenStoreInterface:
 * @g_iface: the parent interface
 * @lookup_async: starts looking up the secret stored for @issuer and
 *   @resource
 * @lookup_finish: finishes @lookup_async: the secret, or %NULL (with no
 *   error when nothing is stored)
 * @store_async: starts storing @secret for @issuer and @resource, replacing
 *   what was there
 * @store_finish: finishes @store_async
 * @remove_async: starts removing what is stored for @issuer and @resource
 * @remove_finish: finishes @remove_async
 *
 * The virtual methods of #McpTokenStore. A secret is an opaque string
 * (JSON text, in fact) that #McpOAuthClient writes and reads back; the
 * store keys it by the authorization server's issuer and the protected
 * resource, which is %NULL for the client's registration with that issuer.
 * The two keys map to attributes of a libsecret schema one to one.
 */
struct _McpTokenStoreInterface
{
  GTypeInterface g_iface;

  void      (*lookup_async)  (McpTokenStore       *self,
                              const char          *issuer,
                              const char          *resource,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  char     *(*lookup_finish) (McpTokenStore       *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*store_async)   (McpTokenStore       *self,
                              const char          *issuer,
                              const char          *resource,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*store_finish)  (McpTokenStore       *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*remove_async)  (McpTokenStore       *self,
                              const char          *issuer,
                              const char          *resource,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*remove_finish) (McpTokenStore       *self,
                              GAsyncResult        *result,
                              GError             **error);

  /*< private >*/
  gpointer padding[8];
};

MCP_AVAILABLE_IN_0_1
void      mcp_token_store_lookup_async  (McpTokenStore       *self,
                                         const char          *issuer,
                                         const char          *resource,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
MCP_AVAILABLE_IN_0_1
char     *mcp_token_store_lookup_finish (McpTokenStore       *self,
                                         GAsyncResult        *result,
                                         GError             **error);
MCP_AVAILABLE_IN_0_1
void      mcp_token_store_store_async   (McpTokenStore       *self,
                                         const char          *issuer,
                                         const char          *resource,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean  mcp_token_store_store_finish  (McpTokenStore       *self,
                                         GAsyncResult        *result,
                                         GError             **error);
MCP_AVAILABLE_IN_0_1
void      mcp_token_store_remove_async  (McpTokenStore       *self,
                                         const char          *issuer,
                                         const char          *resource,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
MCP_AVAILABLE_IN_0_1
gboolean  mcp_token_store_remove_finish (McpTokenStore       *self,
                                         GAsyncResult        *result,
                                         GError             **error);

#define MCP_TYPE_MEMORY_TOKEN_STORE (mcp_memory_token_store_get_type ())

MCP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (McpMemoryTokenStore, mcp_memory_token_store, MCP, MEMORY_TOKEN_STORE, GObject)

MCP_AVAILABLE_IN_0_1
McpTokenStore *mcp_memory_token_store_new (void);

G_END_DECLS

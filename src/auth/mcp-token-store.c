/* mcp-token-store.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-token-store.h"

/**
 * McpTokenStore:
 *
 * Where #McpOAuthClient keeps what it must not ask the user for twice: its
 * registration with each authorization server, and the tokens it was
 * granted for each protected resource.
 *
 * The default, #McpMemoryTokenStore, forgets everything when the process
 * ends. An application that wants its users to stay signed in implements
 * the interface over the keyring: with libsecret, a schema with two string
 * attributes, `issuer` and `resource` (absent for a registration), and the
 * secret as the password. The secrets are JSON text; a store keeps them
 * as they are.
 */

G_DEFINE_INTERFACE (McpTokenStore, mcp_token_store, G_TYPE_OBJECT)

static char *
mcp_token_store_real_lookup_finish (McpTokenStore  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
mcp_token_store_real_boolean_finish (McpTokenStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mcp_token_store_default_init (McpTokenStoreInterface *iface)
{
  iface->lookup_finish = mcp_token_store_real_lookup_finish;
  iface->store_finish = mcp_token_store_real_boolean_finish;
  iface->remove_finish = mcp_token_store_real_boolean_finish;
}

/**
 * mcp_token_store_lookup_async:
 * @self: a #McpTokenStore
 * @issuer: the authorization server's issuer identifier
 * @resource: (nullable): the protected resource, or %NULL for the client
 *   registration with @issuer
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the lookup is done
 * @user_data: data for @callback
 *
 * Looks up the secret stored for @issuer and @resource.
 */
void
mcp_token_store_lookup_async (McpTokenStore       *self,
                              const char          *issuer,
                              const char          *resource,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TOKEN_STORE (self));
  g_return_if_fail (issuer != NULL);

  MCP_TOKEN_STORE_GET_IFACE (self)->lookup_async (self, issuer, resource, cancellable,
                                                  callback, user_data);
}

/**
 * mcp_token_store_lookup_finish:
 * @self: a #McpTokenStore
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_token_store_lookup_async().
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL when nothing is
 *   stored (without an error) or the lookup failed (with one)
 */
char *
mcp_token_store_lookup_finish (McpTokenStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (MCP_IS_TOKEN_STORE (self), NULL);

  return MCP_TOKEN_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

/**
 * mcp_token_store_store_async:
 * @self: a #McpTokenStore
 * @issuer: the authorization server's issuer identifier
 * @resource: (nullable): the protected resource, or %NULL for the client
 *   registration with @issuer
 * @secret: what to store
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the secret is stored
 * @user_data: data for @callback
 *
 * Stores @secret for @issuer and @resource, replacing what was there.
 */
void
mcp_token_store_store_async (McpTokenStore       *self,
                             const char          *issuer,
                             const char          *resource,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TOKEN_STORE (self));
  g_return_if_fail (issuer != NULL);
  g_return_if_fail (secret != NULL);

  MCP_TOKEN_STORE_GET_IFACE (self)->store_async (self, issuer, resource, secret, cancellable,
                                                 callback, user_data);
}

/**
 * mcp_token_store_store_finish:
 * @self: a #McpTokenStore
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_token_store_store_async().
 *
 * Returns: %TRUE if the secret was stored
 */
gboolean
mcp_token_store_store_finish (McpTokenStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (MCP_IS_TOKEN_STORE (self), FALSE);

  return MCP_TOKEN_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

/**
 * mcp_token_store_remove_async:
 * @self: a #McpTokenStore
 * @issuer: the authorization server's issuer identifier
 * @resource: (nullable): the protected resource, or %NULL for the client
 *   registration with @issuer
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the secret is gone
 * @user_data: data for @callback
 *
 * Removes what is stored for @issuer and @resource.
 */
void
mcp_token_store_remove_async (McpTokenStore       *self,
                              const char          *issuer,
                              const char          *resource,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TOKEN_STORE (self));
  g_return_if_fail (issuer != NULL);

  MCP_TOKEN_STORE_GET_IFACE (self)->remove_async (self, issuer, resource, cancellable,
                                                  callback, user_data);
}

/**
 * mcp_token_store_remove_finish:
 * @self: a #McpTokenStore
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_token_store_remove_async().
 *
 * Returns: %TRUE if nothing is stored for the keys any more
 */
gboolean
mcp_token_store_remove_finish (McpTokenStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (MCP_IS_TOKEN_STORE (self), FALSE);

  return MCP_TOKEN_STORE_GET_IFACE (self)->remove_finish (self, result, error);
}

/* McpMemoryTokenStore ------------------------------------------------------------------ */

/**
 * McpMemoryTokenStore:
 *
 * A #McpTokenStore that keeps its secrets in memory, for as long as it
 * lives. It is what #McpOAuthClient uses unless told otherwise.
 */
struct _McpMemoryTokenStore
{
  GObject     parent_instance;

  GHashTable *secrets;   /* "issuer\nresource" -> secret */
};

static void mcp_memory_token_store_iface_init (McpTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpMemoryTokenStore, mcp_memory_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MCP_TYPE_TOKEN_STORE,
                                                      mcp_memory_token_store_iface_init))

static char *
memory_key (const char *issuer,
            const char *resource)
{
  return g_strconcat (issuer, "\n", resource != NULL ? resource : "", NULL);
}

static void
memory_lookup_async (McpTokenStore       *store,
                     const char          *issuer,
                     const char          *resource,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  McpMemoryTokenStore *self = MCP_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = memory_key (issuer, resource);

  g_task_set_source_tag (task, memory_lookup_async);
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->secrets, key)), g_free);
}

static void
memory_store_async (McpTokenStore       *store,
                    const char          *issuer,
                    const char          *resource,
                    const char          *secret,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  McpMemoryTokenStore *self = MCP_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_store_async);
  g_hash_table_replace (self->secrets, memory_key (issuer, resource), g_strdup (secret));
  g_task_return_boolean (task, TRUE);
}

static void
memory_remove_async (McpTokenStore       *store,
                     const char          *issuer,
                     const char          *resource,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  McpMemoryTokenStore *self = MCP_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = memory_key (issuer, resource);

  g_task_set_source_tag (task, memory_remove_async);
  g_hash_table_remove (self->secrets, key);
  g_task_return_boolean (task, TRUE);
}

static void
mcp_memory_token_store_iface_init (McpTokenStoreInterface *iface)
{
  iface->lookup_async = memory_lookup_async;
  iface->store_async = memory_store_async;
  iface->remove_async = memory_remove_async;
}

static void
mcp_memory_token_store_finalize (GObject *object)
{
  McpMemoryTokenStore *self = MCP_MEMORY_TOKEN_STORE (object);

  g_hash_table_unref (self->secrets);

  G_OBJECT_CLASS (mcp_memory_token_store_parent_class)->finalize (object);
}

static void
mcp_memory_token_store_class_init (McpMemoryTokenStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mcp_memory_token_store_finalize;
}

static void
mcp_memory_token_store_init (McpMemoryTokenStore *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * mcp_memory_token_store_new:
 *
 * Creates a token store that keeps its secrets in memory.
 *
 * Returns: (transfer full): a new #McpMemoryTokenStore
 */
McpTokenStore *
mcp_memory_token_store_new (void)
{
  return g_object_new (MCP_TYPE_MEMORY_TOKEN_STORE, NULL);
}

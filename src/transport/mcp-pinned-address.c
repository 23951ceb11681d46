/* mcp-pinned-address.c: a host name bound to the addresses that were checked
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* DNS rebinding: a name that resolves to a public address when a policy
 * checks it and to 169.254.169.254 when the HTTP library connects passes any
 * check made on a separate lookup. So the check and the connect share one
 * lookup: the checker resolves, classifies every address, and hands the
 * connection an McpPinnedAddress that yields only those addresses. */

#include "config.h"

#include "mcp-pinned-address-private.h"

struct _McpPinnedAddress
{
  GNetworkAddress  parent_instance;

  GPtrArray       *addresses;    /* GInetAddress */
};

typedef struct
{
  GSocketAddressEnumerator  parent_instance;

  GPtrArray                *addresses;
  guint16                   port;
  guint                     next;
} McpPinnedEnumerator;

typedef GSocketAddressEnumeratorClass McpPinnedEnumeratorClass;

static GType mcp_pinned_enumerator_get_type (void);

G_DEFINE_TYPE (McpPinnedEnumerator, mcp_pinned_enumerator, G_TYPE_SOCKET_ADDRESS_ENUMERATOR)

static GSocketAddress *
mcp_pinned_enumerator_next (GSocketAddressEnumerator  *enumerator,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  McpPinnedEnumerator *self = (McpPinnedEnumerator *) enumerator;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* NULL without an error: no more addresses. */
  if (self->next >= self->addresses->len)
    return NULL;

  return g_inet_socket_address_new (g_ptr_array_index (self->addresses, self->next++),
                                    self->port);
}

static void
mcp_pinned_enumerator_finalize (GObject *object)
{
  McpPinnedEnumerator *self = (McpPinnedEnumerator *) object;

  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (mcp_pinned_enumerator_parent_class)->finalize (object);
}

static void
mcp_pinned_enumerator_class_init (McpPinnedEnumeratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_pinned_enumerator_finalize;
  /* The default next_async calls next, which never blocks. */
  klass->next = mcp_pinned_enumerator_next;
}

static void
mcp_pinned_enumerator_init (McpPinnedEnumerator *self)
{
}

static void mcp_pinned_address_connectable_init (GSocketConnectableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McpPinnedAddress, _mcp_pinned_address, G_TYPE_NETWORK_ADDRESS,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SOCKET_CONNECTABLE,
                                                      mcp_pinned_address_connectable_init))

static GSocketAddressEnumerator *
mcp_pinned_address_enumerate (GSocketConnectable *connectable)
{
  McpPinnedAddress *self = MCP_PINNED_ADDRESS (connectable);
  McpPinnedEnumerator *enumerator = g_object_new (mcp_pinned_enumerator_get_type (), NULL);

  enumerator->addresses = g_ptr_array_ref (self->addresses);
  enumerator->port = g_network_address_get_port (G_NETWORK_ADDRESS (self));

  return G_SOCKET_ADDRESS_ENUMERATOR (enumerator);
}

static void
mcp_pinned_address_connectable_init (GSocketConnectableIface *iface)
{
  /* to_string stays GNetworkAddress's (the vtable starts as the parent's). */
  iface->enumerate = mcp_pinned_address_enumerate;
  iface->proxy_enumerate = mcp_pinned_address_enumerate;
}

static void
mcp_pinned_address_finalize (GObject *object)
{
  McpPinnedAddress *self = (McpPinnedAddress *) object;

  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (_mcp_pinned_address_parent_class)->finalize (object);
}

static void
_mcp_pinned_address_class_init (McpPinnedAddressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mcp_pinned_address_finalize;
}

static void
_mcp_pinned_address_init (McpPinnedAddress *self)
{
  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
}

/*
 * _mcp_pinned_address_new:
 * @hostname: the host name of the URL, as TLS must see it
 * @port: the port to connect to
 * @addresses: (element-type GInetAddress): the checked addresses, in the
 *   order to try them; at least one
 *
 * Returns: (transfer full): a connectable that yields exactly @addresses
 */
McpPinnedAddress *
_mcp_pinned_address_new (const char *hostname,
                         guint16     port,
                         GList      *addresses)
{
  McpPinnedAddress *self;

  g_return_val_if_fail (hostname != NULL, NULL);
  g_return_val_if_fail (addresses != NULL, NULL);

  self = g_object_new (MCP_TYPE_PINNED_ADDRESS,
                       "hostname", hostname,
                       "port", (guint) port,
                       NULL);
  for (GList *l = addresses; l != NULL; l = l->next)
    g_ptr_array_add (self->addresses, g_object_ref (G_INET_ADDRESS (l->data)));

  return self;
}

/*
 * _mcp_pinned_address_get_addresses:
 * @self: a pinned address
 *
 * Returns: (transfer container) (element-type GInetAddress): the addresses,
 *   owned by @self; free the list with g_list_free()
 */
GList *
_mcp_pinned_address_get_addresses (McpPinnedAddress *self)
{
  GList *list = NULL;

  g_return_val_if_fail (MCP_IS_PINNED_ADDRESS (self), NULL);

  for (guint i = self->addresses->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (self->addresses, i - 1));

  return list;
}

/*
 * _mcp_url_guard_finish:
 * @result: the result an #McpUrlGuardFunc completed with
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): where to connect, or %NULL with
 *   @error set (%MCP_ERROR_URL_REFUSED when the policy refused the URL)
 */
McpPinnedAddress *
_mcp_url_guard_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

struct _McpUrlGuard
{
  gatomicrefcount ref_count;
  McpUrlGuardFunc func;
  gpointer        data;
  GDestroyNotify  destroy;
};

McpUrlGuard *
_mcp_url_guard_new (McpUrlGuardFunc func,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  McpUrlGuard *guard = g_new0 (McpUrlGuard, 1);

  g_atomic_ref_count_init (&guard->ref_count);
  guard->func = func;
  guard->data = data;
  guard->destroy = destroy;
  return guard;
}

McpUrlGuard *
_mcp_url_guard_ref (McpUrlGuard *guard)
{
  g_atomic_ref_count_inc (&guard->ref_count);
  return guard;
}

void
_mcp_url_guard_unref (McpUrlGuard *guard)
{
  if (!g_atomic_ref_count_dec (&guard->ref_count))
    return;

  if (guard->destroy != NULL)
    guard->destroy (guard->data);
  g_free (guard);
}

void
_mcp_url_guard_check_async (McpUrlGuard         *guard,
                            GUri                *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  guard->func (uri, cancellable, callback, user_data, guard->data);
}

void
_mcp_soup_session_copy_settings (SoupSession *session,
                                 SoupSession *like)
{
  soup_session_set_tls_database (session, soup_session_get_tls_database (like));
  soup_session_set_tls_interaction (session, soup_session_get_tls_interaction (like));
  soup_session_set_timeout (session, soup_session_get_timeout (like));
  soup_session_set_idle_timeout (session, soup_session_get_idle_timeout (like));
  soup_session_set_user_agent (session, soup_session_get_user_agent (like));
}

void
_mcp_soup_session_pin (SoupSession         **session,
                       McpPinnedAddress    **pinned,
                       McpPinnedAddress     *address,
                       McpSoupSessionMaker   make)
{
  g_autoptr(SoupSession) old = g_steal_pointer (session);

  g_set_object (pinned, address);
  *session = make (G_SOCKET_CONNECTABLE (address), old);
}

/* mcp-connection-pool.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-address-private.h"
#include "mcp-connection-pool.h"
#include "mcp-enums.h"
#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-http-transport-private.h"
#include "mcp-pinned-address-private.h"
#include "mcp-service-private.h"
#include "mcp-version.h"
#include "mcp-websocket-transport-private.h"

/**
 * McpConnectionPool:
 *
 * A per-URL pool of initialized client connections, on the GMainLoop.
 *
 * mcp_connection_pool_acquire_async() hands out an #McpClient that is
 * connected and past the `initialize` handshake, opening one only when the
 * URL has none to offer; mcp_connection_pool_release() gives it back. The
 * URL-addressed calls (mcp_connection_pool_call_tool_async(),
 * mcp_connection_pool_list_tools_async(),
 * mcp_connection_pool_read_resource_async(),
 * mcp_connection_pool_send_request_async()) do both around one request:
 *
 * |[<!-- language="C" -->
 * g_autoptr(McpConnectionPool) pool = mcp_connection_pool_new ();
 *
 * mcp_connection_pool_call_tool_async (pool, "ws://127.0.0.1:8765/", "echo", arguments,
 *                                      NULL, on_tool_result, NULL);
 * ]|
 *
 * Connections are kept per normalized URL *and* credentials (the bearer
 * token given to mcp_connection_pool_acquire_async() or registered with
 * mcp_connection_pool_set_auth_token()), so two users of one server never
 * share a connection. MCP multiplexes requests over one connection, so a
 * connection serves many requests at once: an idle connection is preferred,
 * a busy one is shared when the URL has #McpConnectionPool:max-connections
 * already, and while requests wait on busy ones a further connection is
 * opened in the background, up to that number. Concurrent first requests to
 * a URL share a single connect, as concurrent g_async_initable_init_async()
 * calls do; nothing ever blocks or holds the pool while a connection is
 * being made. Setting #McpConnectionPool:max-connections to 0 disables
 * pooling: every acquire opens a connection and every release closes it.
 *
 * A connection that closed is evicted the moment it does and is never
 * handed out. A sweep every #McpConnectionPool:cleanup-interval closes
 * connections idle for longer than #McpConnectionPool:max-idle-time, and
 * with #McpConnectionPool:keep-alive idle connections are pinged every
 * #McpConnectionPool:ping-interval; one that does not answer within
 * #McpConnectionPool:ping-timeout is evicted. The ping is what the
 * connection's era has: `ping` on a legacy connection, `server/discover` on
 * a 2026-07-28 one (see mcp_client_ping_async()). A connect that takes longer
 * than #McpConnectionPool:connection-timeout fails with %MCP_ERROR_TIMEOUT;
 * failed connects are retried as #McpConnectionPool:retry-strategy says.
 *
 * Before any connect, a URL must pass the pool's policy,
 * #McpConnectionPool:url-policy; each refusal is an %MCP_ERROR_URL_REFUSED
 * error naming its rule:
 *
 * - `syntax`: the URL does not parse or has no host;
 * - `scheme`: the scheme is not in #McpConnectionPool:allowed-schemes
 *   (`ws`, `wss`, `http`, `https` by default);
 * - `userinfo`: credentials in the URL (`ws://user:pass@host/`) are refused —
 *   they leak into logs; use a bearer token;
 * - `metadata`: cloud metadata services, by address (169.254.169.254,
 *   fd00:ec2::254, 100.100.100.200, …) or by name
 *   (`metadata.google.internal`, …);
 * - `link-local`: 169.254.0.0/16 and fe80::/10;
 * - `unspecified`, `multicast`, `reserved`: addresses that are no
 *   destination (0.0.0.0, ::, 224.0.0.0/4, 240.0.0.0/4, …);
 * - `private`: 10/8, 172.16/12, 192.168/16, fc00::/7 and 100.64.0.0/10
 *   (carrier-grade NAT), unless #McpConnectionPool:allow-private-networks;
 * - `localhost`: loopback addresses and `localhost`, under
 *   %MCP_URL_POLICY_STRICT.
 *
 * The rules apply to the addresses the host name resolves to, every one of
 * them, not to the text of the URL: `169.254.169.254.nip.io` is refused as
 * `metadata`. The connection then goes to exactly the addresses that were
 * checked (the built-in transports are given them; no second lookup), so a
 * name that resolves elsewhere a moment later (DNS rebinding) gains
 * nothing. mcp_connection_pool_check_url() checks what the text alone
 * decides, literal addresses included; a host name is resolved when a
 * connection is made.
 *
 * HTTP redirects are refused unless #McpConnectionPool:max-redirects allows
 * them; a redirect that is followed goes through the same policy, and never
 * carries the bearer token to another origin.
 *
 * %MCP_URL_POLICY_NONE turns every rule but `syntax` off, for development
 * only. The boolean properties #McpConnectionPool:allow-localhost,
 * #McpConnectionPool:production-mode and
 * #McpConnectionPool:skip-security-validation are older names for the
 * policy values.
 *
 * Each connection's #McpClient detects the server's protocol era unless
 * #McpConnectionPool:protocol-version pins one. On the 2026-07-28 era
 * nothing is bound to a session: a pooled Streamable HTTP connection is a
 * keep-alive socket and a client that works on any server behind the URL,
 * so a server restarted under it needs no new handshake and the connection
 * stays pooled. A legacy connection is bound to its session: a WebSocket
 * that closes is evicted, and a Streamable HTTP client whose session the
 * server forgot initializes again by itself.
 *
 * Transports come from a factory per URL scheme, which
 * mcp_connection_pool_set_transport_factory() replaces or adds to: `ws` and
 * `wss` make an #McpWebSocketTransport, `http` and `https` an
 * #McpHttpTransport (Streamable HTTP, falling back to HTTP+SSE).
 *
 * Metrics are readable as properties (#McpConnectionPool:hits,
 * #McpConnectionPool:misses, …) or all at once with
 * mcp_connection_pool_get_stats(), which also counts active and idle
 * connections per URL. Byte counts come from transports that have
 * `bytes-sent` and `bytes-received` properties, such as
 * #McpWebSocketTransport; connections over other transports add nothing to
 * them.
 *
 * Since: 0.1
 */

typedef struct _UrlPool UrlPool;
typedef struct _Conn Conn;
typedef struct _Dial Dial;

struct _Conn
{
  McpConnectionPool *pool;
  UrlPool           *url_pool;
  McpClient         *client;
  McpTransport      *transport;
  gulong             closed_id;
  guint              in_use;
  guint64            uses;
  gint64             last_used;
  gint64             last_ping;
  guint              pinging : 1;
  GCancellable      *ping_cancellable;
  guint              unpooled : 1;
};

struct _UrlPool
{
  char      *key;
  char      *url;
  char      *auth_token;
  GPtrArray *conns;     /* Conn, owned */
  Dial      *dial;      /* the shared connect in flight, if any */
};

typedef struct
{
  GTask   *task;
  GSource *cancel_source;
  Dial    *dial;
} Waiter;

struct _Dial
{
  McpConnectionPool *pool;
  char              *key;
  char              *url;
  char              *auth_token;
  GList             *waiters;       /* Waiter */
  McpClient         *client;
  McpTransport      *transport;
  GCancellable      *cancellable;
  GSource           *timeout_source;
  GSource           *retry_source;
  guint              attempt;
  guint              timed_out : 1;
  guint              orphaned : 1;  /* its URL pool was removed */
  guint              unpooled : 1;
};

/* What the pool counts; a stats snapshot is a copy. */
typedef struct
{
  guint64 hits;
  guint64 misses;
  guint64 created;
  guint64 reused;
  guint64 evicted;
  guint64 errors;
  guint64 bytes_sent;
  guint64 bytes_received;
} Counters;

typedef struct
{
  McpTransportFactory factory;
  gpointer            user_data;
  GDestroyNotify      destroy;
} Factory;

struct _McpConnectionPool
{
  GObject           parent_instance;

  GMainContext     *context;
  GHashTable       *pools;          /* key → UrlPool */
  GHashTable       *by_client;      /* McpClient → Conn */
  GHashTable       *factories;      /* scheme → Factory */
  GHashTable       *tokens;         /* normalized URL or origin → token */
  GHashTable       *checked_urls;   /* URL as given → normalized, passed the policy */
  GList            *dials;          /* every Dial in flight */
  GHashTable       *services;       /* name → McpService */

  guint             max_connections;
  guint             connection_timeout;
  guint             cleanup_interval;
  guint             max_idle_time;
  guint             ping_interval;
  guint             ping_timeout;
  guint             retry_delay;
  guint             max_retries;
  McpRetryStrategy  retry_strategy;
  char            **allowed_schemes;
  char             *protocol_version;
  McpUrlPolicy      url_policy;
  guint             max_redirects;
  guint             keep_alive : 1;
  guint             allow_private : 1;

  GSource          *cleanup_source;
  GSource          *ping_source;

  Counters          counters;       /* bytes: of the connections closed */
};

G_DEFINE_FINAL_TYPE (McpConnectionPool, mcp_connection_pool, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_CONNECTIONS,
  PROP_CONNECTION_TIMEOUT,
  PROP_CLEANUP_INTERVAL,
  PROP_MAX_IDLE_TIME,
  PROP_KEEP_ALIVE,
  PROP_PING_INTERVAL,
  PROP_PING_TIMEOUT,
  PROP_RETRY_DELAY,
  PROP_RETRY_STRATEGY,
  PROP_MAX_RETRIES,
  PROP_ALLOWED_SCHEMES,
  PROP_URL_POLICY,
  PROP_ALLOW_PRIVATE_NETWORKS,
  PROP_MAX_REDIRECTS,
  PROP_ALLOW_LOCALHOST,
  PROP_PRODUCTION_MODE,
  PROP_SKIP_SECURITY_VALIDATION,
  PROP_PROTOCOL_VERSION,
  PROP_N_CONNECTIONS,
  PROP_HITS,
  PROP_MISSES,
  PROP_CONNECTIONS_CREATED,
  PROP_CONNECTIONS_REUSED,
  PROP_CONNECTIONS_EVICTED,
  PROP_CONNECTION_ERRORS,
  PROP_BYTES_SENT,
  PROP_BYTES_RECEIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const default_schemes[] = { "ws", "wss", "http", "https", NULL };

static void dial_start (McpConnectionPool *self, Dial *dial);
static void restart_timers (McpConnectionPool *self);
static void resolve_checked_async (McpConnectionPool   *self,
                                   GUri                *uri,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
static McpPinnedAddress *resolve_checked_finish (GAsyncResult  *result,
                                                 GError       **error);
static void pin_transport (McpConnectionPool *self,
                           McpTransport      *transport,
                           McpPinnedAddress  *pinned);

/* Byte counts -------------------------------------------------------------- */

static guint64
transport_counter (McpTransport *transport,
                   const char   *name)
{
  GParamSpec *pspec;
  guint64 value = 0;

  if (transport == NULL)
    return 0;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (transport), name);
  if (pspec == NULL || pspec->value_type != G_TYPE_UINT64)
    return 0;

  g_object_get (transport, name, &value, NULL);
  return value;
}

static void
add_transport_bytes (Counters     *counters,
                     McpTransport *transport)
{
  counters->bytes_sent += transport_counter (transport, "bytes-sent");
  counters->bytes_received += transport_counter (transport, "bytes-received");
}

/* Sources ------------------------------------------------------------------ */

/* A timeout on the pool's context; the caller owns the source. */
static GSource *
timeout_attach (McpConnectionPool *self,
                guint              interval_ms,
                GSourceFunc        callback,
                gpointer           user_data,
                const char        *name)
{
  GSource *source = g_timeout_source_new (interval_ms);

  g_source_set_callback (source, callback, user_data, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, self->context);

  return source;
}

static void
source_clear (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* Connections -------------------------------------------------------------- */

static void
conn_free (Conn *conn)
{
  if (conn->closed_id != 0)
    g_clear_signal_handler (&conn->closed_id, conn->client);

  /* A keep-alive under way ends now; its callback finds no connection. */
  if (conn->ping_cancellable != NULL)
    g_cancellable_cancel (conn->ping_cancellable);
  g_clear_object (&conn->ping_cancellable);

  /* An orderly close; the client keeps itself alive until it is done. */
  if (mcp_client_is_connected (conn->client))
    mcp_client_disconnect_async (conn->client, NULL, NULL, NULL);

  g_clear_object (&conn->client);
  g_clear_object (&conn->transport);
  g_free (conn);
}

static void
url_pool_free (UrlPool *url_pool)
{
  g_clear_pointer (&url_pool->conns, g_ptr_array_unref);
  g_free (url_pool->key);
  g_free (url_pool->url);
  g_free (url_pool->auth_token);
  g_free (url_pool);
}

static UrlPool *
url_pool_ensure (McpConnectionPool *self,
                 const char        *key,
                 const char        *url,
                 const char        *auth_token)
{
  UrlPool *url_pool = g_hash_table_lookup (self->pools, key);

  if (url_pool == NULL)
    {
      url_pool = g_new0 (UrlPool, 1);
      url_pool->key = g_strdup (key);
      url_pool->url = g_strdup (url);
      url_pool->auth_token = g_strdup (auth_token);
      url_pool->conns = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_free);
      g_hash_table_insert (self->pools, url_pool->key, url_pool);
    }

  return url_pool;
}

static gboolean
conn_is_alive (Conn *conn)
{
  return mcp_client_is_connected (conn->client) &&
         mcp_transport_is_connected (conn->transport);
}

/* A pool entry left with nothing in it goes. */
static void
url_pool_drop_if_empty (McpConnectionPool *self,
                        UrlPool           *url_pool)
{
  if (url_pool->conns->len == 0 && url_pool->dial == NULL)
    g_hash_table_remove (self->pools, url_pool->key);
}

/* Unlists @conn, counting the bytes it moved; freeing it closes it. */
static void
conn_forget (McpConnectionPool *self,
             Conn              *conn)
{
  add_transport_bytes (&self->counters, conn->transport);
  g_hash_table_remove (self->by_client, conn->client);
}

/* Takes @conn out of the pool and closes it. */
static void
conn_remove (McpConnectionPool *self,
             Conn              *conn,
             gboolean           evicted)
{
  UrlPool *url_pool = conn->url_pool;

  if (evicted)
    self->counters.evicted++;

  conn_forget (self, conn);
  g_ptr_array_remove_fast (url_pool->conns, conn);
  url_pool_drop_if_empty (self, url_pool);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);
}

static void
on_client_closed (McpClient *client,
                  Conn      *conn)
{
  g_debug ("Pooled connection to %s closed; evicting it", conn->url_pool->url);
  conn_remove (conn->pool, conn, TRUE);
}

static Conn *
conn_add (McpConnectionPool *self,
          UrlPool           *url_pool,
          McpClient         *client,
          McpTransport      *transport,
          gboolean           unpooled)
{
  Conn *conn = g_new0 (Conn, 1);

  conn->pool = self;
  conn->url_pool = url_pool;
  conn->client = g_object_ref (client);
  conn->transport = g_object_ref (transport);
  conn->last_used = g_get_monotonic_time ();
  conn->last_ping = conn->last_used;
  conn->unpooled = unpooled;
  conn->closed_id = g_signal_connect (client, "closed", G_CALLBACK (on_client_closed), conn);

  g_ptr_array_add (url_pool->conns, conn);
  g_hash_table_insert (self->by_client, client, conn);
  self->counters.created++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);

  return conn;
}

/* Hands @conn to @task. */
static void
conn_hand_out (Conn  *conn,
               GTask *task)
{
  conn->in_use++;
  conn->uses++;
  conn->last_used = g_get_monotonic_time ();
  g_task_return_pointer (task, g_object_ref (conn->client), g_object_unref);
}

/* Waiters ------------------------------------------------------------------ */

static void
waiter_free (Waiter *waiter)
{
  source_clear (&waiter->cancel_source);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  Dial *dial = waiter->dial;
  g_autoptr(GTask) task = g_object_ref (waiter->task);

  /* Answer at once; the connect goes on for the others (or for the pool). */
  dial->waiters = g_list_remove (dial->waiters, waiter);
  waiter_free (waiter);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
dial_add_waiter (McpConnectionPool *self,
                 Dial              *dial,
                 GTask             *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->task = g_object_ref (task);
  waiter->dial = dial;
  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, self->context);
    }

  dial->waiters = g_list_append (dial->waiters, waiter);
}

/* Dialing ------------------------------------------------------------------- */

static void
dial_clear_attempt (Dial *dial)
{
  source_clear (&dial->timeout_source);
  g_clear_object (&dial->cancellable);
  g_clear_object (&dial->client);
  g_clear_object (&dial->transport);
}

static void
dial_free (Dial *dial)
{
  g_assert (dial->waiters == NULL);

  dial_clear_attempt (dial);
  source_clear (&dial->retry_source);
  g_free (dial->key);
  g_free (dial->url);
  g_free (dial->auth_token);
  /* Last: this may be the pool's last reference. */
  g_clear_object (&dial->pool);
  g_free (dial);
}

/* What the waiters of a dial whose URL pool was removed get. */
static GError *
dial_orphaned_error (Dial *dial)
{
  return g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED,
                      "The connections to %s were removed from the pool", dial->url);
}

/* Ends @dial: its waiters get @conn, or @error (consumed). */
static void
dial_finish (McpConnectionPool *self,
             Dial              *dial,
             Conn              *conn,
             GError            *error)
{
  GList *waiters = g_steal_pointer (&dial->waiters);
  UrlPool *url_pool = dial->orphaned ? NULL : g_hash_table_lookup (self->pools, dial->key);

  if (url_pool != NULL && url_pool->dial == dial)
    url_pool->dial = NULL;
  self->dials = g_list_remove (self->dials, dial);

  for (GList *l = waiters; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;
      g_autoptr(GTask) task = g_object_ref (waiter->task);

      waiter_free (waiter);
      if (g_task_return_error_if_cancelled (task))
        continue;
      if (conn != NULL)
        conn_hand_out (conn, task);
      else
        g_task_return_error (task, g_error_copy (error));
    }
  g_list_free (waiters);

  if (url_pool != NULL)
    url_pool_drop_if_empty (self, url_pool);

  g_clear_error (&error);
  dial_free (dial);
}

static gboolean
dial_retry_cb (gpointer user_data)
{
  Dial *dial = user_data;

  g_clear_pointer (&dial->retry_source, g_source_unref);
  dial_start (dial->pool, dial);

  return G_SOURCE_REMOVE;
}

static gboolean
error_is_retryable (const GError *error)
{
  if (error->domain != MCP_ERROR)
    return FALSE;

  return error->code == MCP_ERROR_TRANSPORT ||
         error->code == MCP_ERROR_TIMEOUT ||
         error->code == MCP_ERROR_CONNECTION_CLOSED;
}

/* A resolve or a connect failed: retry, or end @dial with @error. */
static void
dial_failed (McpConnectionPool *self,
             Dial              *dial,
             GError            *error)
{
  guint delay;

  self->counters.errors++;
  if (dial->orphaned)
    {
      g_clear_error (&error);
      error = dial_orphaned_error (dial);
    }
  else if (dial->timed_out)
    {
      g_clear_error (&error);
      g_set_error (&error, MCP_ERROR, MCP_ERROR_TIMEOUT,
                   "Could not connect to %s within %u ms",
                   dial->url, self->connection_timeout);
    }
  dial_clear_attempt (dial);

  /* Retry while someone (or the pool's growth) still wants it. */
  if (!dial->orphaned && error_is_retryable (error) &&
      self->retry_strategy != MCP_RETRY_STRATEGY_NONE &&
      dial->attempt <= self->max_retries && dial->waiters != NULL)
    {
      delay = self->retry_delay;
      if (self->retry_strategy == MCP_RETRY_STRATEGY_EXPONENTIAL)
        for (guint i = 1; i < dial->attempt && delay < G_MAXINT32 / 2; i++)
          delay *= 2;

      g_debug ("Connect to %s failed (%s); retry %u in %u ms",
               dial->url, error->message, dial->attempt, delay);
      dial->retry_source = timeout_attach (self, delay, dial_retry_cb, dial, "[mcp] pool retry");
      g_clear_error (&error);
      return;
    }

  dial_finish (self, dial, NULL, error);
}

static void
dial_connected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Dial *dial = user_data;
  McpConnectionPool *self = dial->pool;
  GError *error = NULL;
  UrlPool *url_pool;
  Conn *conn;

  if (!mcp_client_connect_finish (MCP_CLIENT (object), result, &error))
    {
      dial_failed (self, dial, error);
      return;
    }

  url_pool = dial->orphaned ? NULL : url_pool_ensure (self, dial->key, dial->url, dial->auth_token);
  if (url_pool == NULL)
    {
      /* Removed while connecting: nobody may use it. */
      mcp_client_disconnect_async (dial->client, NULL, NULL, NULL);
      dial_finish (self, dial, NULL, dial_orphaned_error (dial));
      return;
    }

  conn = conn_add (self, url_pool, dial->client, dial->transport, dial->unpooled);
  dial_finish (self, dial, conn, NULL);
}

static gboolean
dial_timeout_cb (gpointer user_data)
{
  Dial *dial = user_data;

  g_clear_pointer (&dial->timeout_source, g_source_unref);
  dial->timed_out = TRUE;
  g_cancellable_cancel (dial->cancellable);

  return G_SOURCE_REMOVE;
}

/* Makes the transport and runs the MCP handshake; @pinned, if any, is
 * where the policy says the transport may connect. */
static void
dial_connect (McpConnectionPool *self,
              Dial              *dial,
              McpPinnedAddress  *pinned)
{
  g_autoptr(GUri) uri = g_uri_parse (dial->url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  Factory *factory = g_hash_table_lookup (self->factories, scheme);

  if (factory != NULL)
    dial->transport = factory->factory (self, dial->url, dial->auth_token, factory->user_data);

  if (dial->transport == NULL)
    {
      self->counters.errors++;
      dial_finish (self, dial, NULL,
                   g_error_new (MCP_ERROR, MCP_ERROR_TRANSPORT,
                                "No transport for %s:// URLs; register one with "
                                "mcp_connection_pool_set_transport_factory()", scheme));
      return;
    }

  if (pinned != NULL)
    pin_transport (self, dial->transport, pinned);

  dial->client = mcp_client_new ("mcp-glib-connection-pool", MCP_VERSION_S);
  mcp_client_set_requested_protocol_version (dial->client, self->protocol_version);
  mcp_client_connect_async (dial->client, dial->transport, dial->cancellable,
                            dial_connected_cb, dial);
}

static void
dial_resolved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Dial *dial = user_data;
  GError *error = NULL;
  g_autoptr(McpPinnedAddress) pinned = resolve_checked_finish (result, &error);

  if (pinned == NULL)
    {
      dial_failed (dial->pool, dial, error);
      return;
    }

  dial_connect (dial->pool, dial, pinned);
}

static void
dial_start (McpConnectionPool *self,
            Dial              *dial)
{
  g_autoptr(GUri) uri = NULL;

  dial->attempt++;
  dial->timed_out = FALSE;
  dial->cancellable = g_cancellable_new ();

  /* The deadline covers the name lookup too. */
  if (self->connection_timeout > 0)
    dial->timeout_source = timeout_attach (self, self->connection_timeout, dial_timeout_cb, dial,
                                           "[mcp] pool connect timeout");

  if (self->url_policy == MCP_URL_POLICY_NONE)
    {
      dial_connect (self, dial, NULL);
      return;
    }

  /* Every address of the host is checked, and the transport is held to
   * them: no second lookup can lead it elsewhere. */
  uri = g_uri_parse (dial->url, G_URI_FLAGS_ENCODED, NULL);
  resolve_checked_async (self, uri, dial->cancellable, dial_resolved_cb, dial);
}

static Dial *
dial_new (McpConnectionPool *self,
          UrlPool           *url_pool,
          gboolean           unpooled)
{
  Dial *dial = g_new0 (Dial, 1);

  /* Like any async operation, a connect keeps its source object alive. */
  dial->pool = g_object_ref (self);
  dial->key = g_strdup (url_pool->key);
  dial->url = g_strdup (url_pool->url);
  dial->auth_token = g_strdup (url_pool->auth_token);
  dial->unpooled = unpooled;
  self->dials = g_list_prepend (self->dials, dial);

  return dial;
}

/* URL policy ---------------------------------------------------------------- */

static gboolean
refuse (GError     **error,
        const char  *rule,
        const char  *url,
        const char  *why)
{
  g_set_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED,
               "URL %s refused by rule '%s': %s", url, rule, why);
  return FALSE;
}

/* What the policy says of one address @host has (or is). */
static gboolean
check_address (McpUrlPolicy   policy,
               gboolean       allow_private,
               GInetAddress  *address,
               const char    *host,
               const char    *url,
               GError       **error)
{
  McpAddressKind kind = _mcp_address_classify (address);
  g_autofree char *text = g_inet_address_to_string (address);
  g_autofree char *why = NULL;
  const char *rule = NULL;
  const char *what = NULL;

  if (policy == MCP_URL_POLICY_NONE)
    return TRUE;

  if (kind & MCP_ADDRESS_METADATA)
    rule = "metadata", what = "a cloud metadata service";
  else if (kind & MCP_ADDRESS_LINK_LOCAL)
    rule = "link-local", what = "link-local (169.254.0.0/16, fe80::/10)";
  else if (kind & MCP_ADDRESS_UNSPECIFIED)
    rule = "unspecified", what = "unspecified (0.0.0.0/8, ::), not a destination";
  else if (kind & MCP_ADDRESS_MULTICAST)
    rule = "multicast", what = "a multicast or broadcast address";
  else if (kind & MCP_ADDRESS_RESERVED)
    rule = "reserved", what = "in a reserved range";
  else if ((kind & MCP_ADDRESS_LOOPBACK) && policy == MCP_URL_POLICY_STRICT)
    rule = "localhost", what = "loopback (url-policy is strict)";
  else if ((kind & (MCP_ADDRESS_PRIVATE | MCP_ADDRESS_SHARED)) && !allow_private)
    rule = "private", what = "on a private network (allow-private-networks is off)";

  if (rule == NULL)
    return TRUE;

  if (g_strcmp0 (host, text) == 0)
    why = g_strdup_printf ("%s is %s", text, what);
  else
    why = g_strdup_printf ("%s resolves to %s, which is %s", host, text, what);

  return refuse (error, rule, url, why);
}

/* The rules the text of @url decides: syntax, scheme, credentials, names,
 * and the address when the host is an IP literal. */
static gboolean
check_url (McpConnectionPool  *self,
           const char         *url,
           GUri              **out_uri,
           GError            **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  const char *raw_host;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return refuse (error, "syntax", url, "it is not a valid absolute URL");

  raw_host = g_uri_get_host (uri);
  host = _mcp_host_normalize (raw_host);
  if (host == NULL)
    return refuse (error, "syntax", url, "it has no host");

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);

  if (self->url_policy != MCP_URL_POLICY_NONE)
    {
      if (self->allowed_schemes == NULL ||
          !g_strv_contains ((const char * const *) self->allowed_schemes, scheme))
        return refuse (error, "scheme", url, "the scheme is not allowed");

      if (g_uri_get_userinfo (uri) != NULL)
        return refuse (error, "userinfo", url,
                       "credentials in URLs leak into logs; use a bearer token");

      address = _mcp_address_parse_host (host);
      if (address != NULL)
        {
          if (!check_address (self->url_policy, self->allow_private, address, host, url, error))
            return FALSE;
        }
      else
        {
          if (_mcp_host_is_metadata_name (host))
            return refuse (error, "metadata", url, "it names a cloud metadata service");
          if (self->url_policy == MCP_URL_POLICY_STRICT && _mcp_host_is_loopback (host))
            return refuse (error, "localhost", url, "loopback (url-policy is strict)");
        }
    }

  if (out_uri != NULL)
    *out_uri = g_steal_pointer (&uri);
  return TRUE;
}

static guint16
uri_port (GUri *uri)
{
  gint port = g_uri_get_port (uri);
  const char *scheme = g_uri_get_scheme (uri);

  if (port > 0)
    return (guint16) port;
  if (g_ascii_strcasecmp (scheme, "wss") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return 443;
  return 80;
}

/* Resolving: the check and the connect share one lookup. */

typedef struct
{
  McpUrlPolicy  policy;
  gboolean      allow_private;
  char         *url;
  char         *host;        /* normalized, as resolved */
  char         *tls_host;    /* as TLS must see it */
  guint16       port;
} Resolve;

static void
resolve_free (Resolve *resolve)
{
  g_free (resolve->url);
  g_free (resolve->host);
  g_free (resolve->tls_host);
  g_free (resolve);
}

static void
resolve_check (GTask *task,
               GList *addresses)
{
  Resolve *resolve = g_task_get_task_data (task);
  GError *error = NULL;

  if (addresses == NULL)
    {
      g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                               "%s has no address", resolve->host);
      return;
    }

  /* One bad address is enough: a connect may try any of them. */
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      if (!check_address (resolve->policy, resolve->allow_private, l->data,
                          resolve->host, resolve->url, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, _mcp_pinned_address_new (resolve->tls_host, resolve->port, addresses),
                         g_object_unref);
}

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Resolve *resolve = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *addresses;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, MCP_ERROR, MCP_ERROR_TRANSPORT,
                                 "Could not resolve %s: %s", resolve->host, error->message);
      return;
    }

  resolve_check (task, addresses);
  g_resolver_free_addresses (addresses);
}

/* Resolves the host of @uri on the thread-default main context, checks
 * every address, and completes with the McpPinnedAddress to connect to. */
static void
resolve_checked_async (McpConnectionPool   *self,
                       GUri                *uri,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GInetAddress) literal = NULL;
  g_autoptr(GResolver) resolver = NULL;
  Resolve *resolve = g_new0 (Resolve, 1);
  char *zone;

  g_task_set_source_tag (task, resolve_checked_async);
  resolve->policy = self->url_policy;
  resolve->allow_private = self->allow_private;
  resolve->url = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
  resolve->host = _mcp_host_normalize (g_uri_get_host (uri));
  resolve->tls_host = g_strdup (resolve->host);
  resolve->port = uri_port (uri);
  g_task_set_task_data (task, resolve, (GDestroyNotify) resolve_free);

  /* TLS sees the name without its zone index. */
  zone = strchr (resolve->tls_host, '%');
  if (zone != NULL)
    *zone = '\0';

  literal = _mcp_address_parse_host (resolve->host);
  if (literal != NULL)
    {
      GList single = { literal, NULL, NULL };

      resolve_check (task, &single);
      return;
    }

  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, resolve->host, cancellable,
                                   resolved_cb, g_steal_pointer (&task));
}

static McpPinnedAddress *
resolve_checked_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A transport's check of a redirect target, or of a URL its OAuth client
 * fetches: the whole policy. */
static void
redirect_guard (GUri                *uri,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             callback_data,
                gpointer             guard_data)
{
  g_autoptr(McpConnectionPool) self = g_weak_ref_get (guard_data);
  g_autofree char *url = g_uri_to_string (uri);
  GError *error = NULL;

  if (self == NULL)
    error = g_error_new (MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED, "The connection pool is gone");
  else if (check_url (self, url, NULL, &error))
    {
      /* It completes as _mcp_url_guard_finish() expects. */
      resolve_checked_async (self, uri, cancellable, callback, callback_data);
      return;
    }

  g_task_report_error (NULL, callback, callback_data, redirect_guard, error);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* Makes @transport connect where the policy checked, if it is ours. */
static void
pin_transport (McpConnectionPool *self,
               McpTransport      *transport,
               McpPinnedAddress  *pinned)
{
  gboolean pinned_ok = FALSE;
  GWeakRef *ref = g_new0 (GWeakRef, 1);
  g_autoptr(McpUrlGuard) guard = NULL;

  /* The whole policy, on every URL the transport follows or fetches. */
  g_weak_ref_init (ref, self);
  guard = _mcp_url_guard_new (redirect_guard, ref, (GDestroyNotify) weak_ref_free);

  if (MCP_IS_HTTP_TRANSPORT (transport))
    {
      pinned_ok = _mcp_http_transport_pin (MCP_HTTP_TRANSPORT (transport), pinned, guard);
    }
  else if (MCP_IS_WEBSOCKET_TRANSPORT (transport))
    pinned_ok = _mcp_websocket_transport_pin (MCP_WEBSOCKET_TRANSPORT (transport), pinned, guard);

  if (!pinned_ok)
    g_debug ("The transport for %s cannot be held to the addresses checked; "
             "it resolves the name again",
             g_network_address_get_hostname (G_NETWORK_ADDRESS (pinned)));
}

static char *
normalize (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  const char *path = g_uri_get_path (uri);
  gint port = g_uri_get_port (uri);
  gint default_port = -1;

  if (g_str_equal (scheme, "ws") || g_str_equal (scheme, "http"))
    default_port = 80;
  else if (g_str_equal (scheme, "wss") || g_str_equal (scheme, "https"))
    default_port = 443;
  if (port == default_port)
    port = -1;

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port,
                     (path != NULL && *path != '\0') ? path : "/",
                     g_uri_get_query (uri), NULL);
}

/* @url normalized, without the policy; %NULL if it has no host. */
static char *
normalize_url (const char  *url,
               GUri       **out_uri)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  char *normalized;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  normalized = normalize (uri);
  if (out_uri != NULL)
    *out_uri = g_steal_pointer (&uri);
  return normalized;
}

static char *
make_key (const char *normalized,
          const char *auth_token)
{
  g_autofree char *digest = NULL;

  if (auth_token == NULL)
    return g_strdup (normalized);

  /* The token itself never sits in a key. */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, auth_token, -1);
  return g_strconcat (normalized, " ", digest, NULL);
}

/* Timers -------------------------------------------------------------------- */

typedef void (*ConnVisitor) (McpConnectionPool *self,
                             Conn              *conn,
                             gint64             now);

/* Runs @visit on every connection; it may remove the one it is given. */
static void
visit_conns (McpConnectionPool *self,
             ConnVisitor        visit)
{
  g_autoptr(GPtrArray) conns = g_ptr_array_new ();
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_client);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (conns, value);

  for (guint i = 0; i < conns->len; i++)
    visit (self, g_ptr_array_index (conns, i), now);
}

static void
sweep_conn (McpConnectionPool *self,
            Conn              *conn,
            gint64             now)
{
  if (!conn_is_alive (conn))
    conn_remove (self, conn, TRUE);
  else if (conn->in_use == 0 && self->max_idle_time > 0 &&
           now - conn->last_used > (gint64) self->max_idle_time * 1000)
    {
      g_debug ("Closing a connection to %s idle for %" G_GINT64_FORMAT " ms",
               conn->url_pool->url, (now - conn->last_used) / 1000);
      conn_remove (self, conn, TRUE);
    }
}

static gboolean
cleanup_cb (gpointer user_data)
{
  visit_conns (user_data, sweep_conn);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GWeakRef      pool;
  McpClient    *client;
  GCancellable *cancellable;
  GSource      *timeout_source;
  gboolean      timed_out;
} PingData;

static gboolean
ping_timeout_cb (gpointer user_data)
{
  PingData *data = user_data;

  g_clear_pointer (&data->timeout_source, g_source_unref);
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PingData *data = user_data;
  g_autoptr(McpConnectionPool) self = g_weak_ref_get (&data->pool);
  g_autoptr(GError) error = NULL;
  gboolean answered;
  Conn *conn;

  answered = mcp_client_ping_finish (MCP_CLIENT (object), result, &error);
  source_clear (&data->timeout_source);

  if (self != NULL && (conn = g_hash_table_lookup (self->by_client, data->client)) != NULL &&
      conn->ping_cancellable == data->cancellable)
    {
      conn->pinging = FALSE;
      g_clear_object (&conn->ping_cancellable);
      if (!answered)
        {
          g_debug ("A pooled connection to %s failed its keep-alive: %s",
                   conn->url_pool->url,
                   data->timed_out ? "no answer in time" : error->message);
          conn_remove (self, conn, TRUE);
        }
    }

  g_weak_ref_clear (&data->pool);
  g_object_unref (data->client);
  g_object_unref (data->cancellable);
  g_free (data);
}

/* Keep-alive goes through the client, which sends what the connection's
 * era has: `ping` on a legacy one, `server/discover`, with its envelope, on
 * a 2026-07-28 one. */
static void
ping_conn (McpConnectionPool *self,
           Conn              *conn,
           gint64             now)
{
  PingData *data;

  if (conn->pinging || conn->in_use > 0 || !mcp_client_is_connected (conn->client) ||
      now - conn->last_ping < (gint64) self->ping_interval * 1000)
    return;

  conn->pinging = TRUE;
  conn->last_ping = now;
  conn->ping_cancellable = g_cancellable_new ();
  data = g_new0 (PingData, 1);
  g_weak_ref_init (&data->pool, self);
  data->client = g_object_ref (conn->client);
  data->cancellable = g_object_ref (conn->ping_cancellable);
  if (self->ping_timeout > 0)
    data->timeout_source = timeout_attach (self, self->ping_timeout, ping_timeout_cb, data,
                                           "[mcp] pool keep-alive timeout");
  mcp_client_ping_async (conn->client, data->cancellable, ping_cb, data);
}

static gboolean
keepalive_cb (gpointer user_data)
{
  visit_conns (user_data, ping_conn);
  return G_SOURCE_CONTINUE;
}

static void
restart_timers (McpConnectionPool *self)
{
  source_clear (&self->cleanup_source);
  source_clear (&self->ping_source);

  if (self->cleanup_interval > 0)
    self->cleanup_source = timeout_attach (self, self->cleanup_interval, cleanup_cb, self,
                                           "[mcp] pool cleanup");
  if (self->keep_alive && self->ping_interval > 0)
    self->ping_source = timeout_attach (self, self->ping_interval, keepalive_cb, self,
                                        "[mcp] pool keepalive");
}

/* Built-in transports --------------------------------------------------------- */

static McpTransport *
websocket_factory (McpConnectionPool *pool,
                   const char        *url,
                   const char        *auth_token,
                   gpointer           user_data)
{
  McpWebSocketTransport *transport = mcp_websocket_transport_new (url);

  /* The pool evicts dead connections itself; a reconnecting transport
   * would hide their death from it. */
  mcp_websocket_transport_set_reconnect_max_attempts (transport, 0);
  mcp_websocket_transport_set_auth_token (transport, auth_token);

  return MCP_TRANSPORT (transport);
}

static McpTransport *
http_factory (McpConnectionPool *pool,
              const char        *url,
              const char        *auth_token,
              gpointer           user_data)
{
  McpHttpTransport *transport = mcp_http_transport_new (url);

  mcp_http_transport_set_auth_token (transport, auth_token);
  mcp_http_transport_set_max_redirects (transport, pool->max_redirects);

  return MCP_TRANSPORT (transport);
}

static void
factory_free (Factory *factory)
{
  if (factory->destroy != NULL)
    factory->destroy (factory->user_data);
  g_free (factory);
}

/* GObject ------------------------------------------------------------------ */

static void
fail_all_dials (McpConnectionPool *self,
                const char        *key)
{
  GList *dials = g_list_copy (self->dials);

  for (GList *l = dials; l != NULL; l = l->next)
    {
      Dial *dial = l->data;

      if (key != NULL && g_strcmp0 (dial->key, key) != 0)
        continue;

      dial->orphaned = TRUE;
      if (dial->retry_source != NULL)
        dial_finish (self, dial, NULL, dial_orphaned_error (dial));
      else if (dial->cancellable != NULL)
        g_cancellable_cancel (dial->cancellable);
    }
  g_list_free (dials);
}

static void
mcp_connection_pool_dispose (GObject *object)
{
  McpConnectionPool *self = (McpConnectionPool *) object;

  source_clear (&self->cleanup_source);
  source_clear (&self->ping_source);

  if (self->services != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->services);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        _mcp_service_detach (value);
      g_hash_table_remove_all (self->services);
    }

  /* Connects under way hold a reference: none is left by now. */
  mcp_connection_pool_clear (self);

  G_OBJECT_CLASS (mcp_connection_pool_parent_class)->dispose (object);
}

static void
mcp_connection_pool_finalize (GObject *object)
{
  McpConnectionPool *self = (McpConnectionPool *) object;

  g_clear_pointer (&self->pools, g_hash_table_unref);
  g_clear_pointer (&self->by_client, g_hash_table_unref);
  g_clear_pointer (&self->factories, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->checked_urls, g_hash_table_unref);
  g_clear_pointer (&self->services, g_hash_table_unref);
  g_clear_pointer (&self->allowed_schemes, g_strfreev);
  g_clear_pointer (&self->protocol_version, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (mcp_connection_pool_parent_class)->finalize (object);
}

static void
mcp_connection_pool_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  McpConnectionPool *self = MCP_CONNECTION_POOL (object);
  g_autoptr(McpConnectionPoolStats) stats = NULL;

  switch (prop_id)
    {
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    case PROP_CONNECTION_TIMEOUT:
      g_value_set_uint (value, self->connection_timeout);
      break;
    case PROP_CLEANUP_INTERVAL:
      g_value_set_uint (value, self->cleanup_interval);
      break;
    case PROP_MAX_IDLE_TIME:
      g_value_set_uint (value, self->max_idle_time);
      break;
    case PROP_KEEP_ALIVE:
      g_value_set_boolean (value, self->keep_alive);
      break;
    case PROP_PING_INTERVAL:
      g_value_set_uint (value, self->ping_interval);
      break;
    case PROP_PING_TIMEOUT:
      g_value_set_uint (value, self->ping_timeout);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    case PROP_RETRY_STRATEGY:
      g_value_set_enum (value, self->retry_strategy);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;
    case PROP_ALLOWED_SCHEMES:
      g_value_set_boxed (value, self->allowed_schemes);
      break;
    case PROP_URL_POLICY:
      g_value_set_enum (value, self->url_policy);
      break;
    case PROP_ALLOW_PRIVATE_NETWORKS:
      g_value_set_boolean (value, self->allow_private);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;
    case PROP_ALLOW_LOCALHOST:
      g_value_set_boolean (value, self->url_policy != MCP_URL_POLICY_STRICT);
      break;
    case PROP_PRODUCTION_MODE:
      g_value_set_boolean (value, self->url_policy == MCP_URL_POLICY_STRICT);
      break;
    case PROP_SKIP_SECURITY_VALIDATION:
      g_value_set_boolean (value, self->url_policy == MCP_URL_POLICY_NONE);
      break;
    case PROP_PROTOCOL_VERSION:
      g_value_set_string (value, self->protocol_version);
      break;
    case PROP_N_CONNECTIONS:
      g_value_set_uint (value, g_hash_table_size (self->by_client));
      break;
    case PROP_HITS:
      g_value_set_uint64 (value, self->counters.hits);
      break;
    case PROP_MISSES:
      g_value_set_uint64 (value, self->counters.misses);
      break;
    case PROP_CONNECTIONS_CREATED:
      g_value_set_uint64 (value, self->counters.created);
      break;
    case PROP_CONNECTIONS_REUSED:
      g_value_set_uint64 (value, self->counters.reused);
      break;
    case PROP_CONNECTIONS_EVICTED:
      g_value_set_uint64 (value, self->counters.evicted);
      break;
    case PROP_CONNECTION_ERRORS:
      g_value_set_uint64 (value, self->counters.errors);
      break;
    case PROP_BYTES_SENT:
      stats = mcp_connection_pool_get_stats (self);
      g_value_set_uint64 (value, mcp_connection_pool_stats_get_bytes_sent (stats));
      break;
    case PROP_BYTES_RECEIVED:
      stats = mcp_connection_pool_get_stats (self);
      g_value_set_uint64 (value, mcp_connection_pool_stats_get_bytes_received (stats));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (McpConnectionPool *self,
          guint             *field,
          guint              value,
          guint              prop_id,
          gboolean           timers)
{
  if (*field == value)
    return;

  *field = value;
  if (timers)
    restart_timers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_policy (McpConnectionPool *self,
            McpUrlPolicy       policy)
{
  McpUrlPolicy old = self->url_policy;

  if (old == policy)
    return;

  self->url_policy = policy;
  g_hash_table_remove_all (self->checked_urls);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL_POLICY]);
  if ((old == MCP_URL_POLICY_STRICT) != (policy == MCP_URL_POLICY_STRICT))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_LOCALHOST]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCTION_MODE]);
    }
  if ((old == MCP_URL_POLICY_NONE) != (policy == MCP_URL_POLICY_NONE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIP_SECURITY_VALIDATION]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The three booleans of old, as views of #McpConnectionPool:url-policy.
 * skip-security-validation wins over the other two, as it always did. */
static void
set_policy_alias (McpConnectionPool *self,
                  guint              prop_id,
                  gboolean           value)
{
  McpUrlPolicy policy = self->url_policy;

  switch (prop_id)
    {
    case PROP_ALLOW_LOCALHOST:
      if (policy != MCP_URL_POLICY_NONE)
        policy = value ? MCP_URL_POLICY_ALLOW_LOCALHOST : MCP_URL_POLICY_STRICT;
      break;
    case PROP_PRODUCTION_MODE:
      if (policy != MCP_URL_POLICY_NONE)
        policy = value ? MCP_URL_POLICY_STRICT : MCP_URL_POLICY_ALLOW_LOCALHOST;
      break;
    case PROP_SKIP_SECURITY_VALIDATION:
      if (value)
        policy = MCP_URL_POLICY_NONE;
      else if (policy == MCP_URL_POLICY_NONE)
        policy = MCP_URL_POLICY_ALLOW_LOCALHOST;
      break;
    default:
      g_assert_not_reached ();
    }

  set_policy (self, policy);
}

static void
mcp_connection_pool_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  McpConnectionPool *self = MCP_CONNECTION_POOL (object);

  switch (prop_id)
    {
    case PROP_MAX_CONNECTIONS:
      set_uint (self, &self->max_connections, g_value_get_uint (value), prop_id, FALSE);
      break;
    case PROP_CONNECTION_TIMEOUT:
      set_uint (self, &self->connection_timeout, g_value_get_uint (value), prop_id, FALSE);
      break;
    case PROP_CLEANUP_INTERVAL:
      set_uint (self, &self->cleanup_interval, g_value_get_uint (value), prop_id, TRUE);
      break;
    case PROP_MAX_IDLE_TIME:
      set_uint (self, &self->max_idle_time, g_value_get_uint (value), prop_id, FALSE);
      break;
    case PROP_PING_INTERVAL:
      set_uint (self, &self->ping_interval, g_value_get_uint (value), prop_id, TRUE);
      break;
    case PROP_PING_TIMEOUT:
      set_uint (self, &self->ping_timeout, g_value_get_uint (value), prop_id, FALSE);
      break;
    case PROP_RETRY_DELAY:
      set_uint (self, &self->retry_delay, g_value_get_uint (value), prop_id, FALSE);
      break;
    case PROP_MAX_RETRIES:
      set_uint (self, &self->max_retries, g_value_get_uint (value), prop_id, FALSE);
      break;
    case PROP_RETRY_STRATEGY:
      if (self->retry_strategy != (McpRetryStrategy) g_value_get_enum (value))
        {
          self->retry_strategy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ALLOWED_SCHEMES:
      {
        const char * const *schemes = g_value_get_boxed (value);

        if (schemes == NULL && self->allowed_schemes == NULL)
          break;
        if (schemes != NULL && self->allowed_schemes != NULL &&
            g_strv_equal (schemes, (const char * const *) self->allowed_schemes))
          break;
        g_strfreev (self->allowed_schemes);
        self->allowed_schemes = g_strdupv ((char **) schemes);
        g_hash_table_remove_all (self->checked_urls);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    case PROP_PROTOCOL_VERSION:
      mcp_connection_pool_set_protocol_version (self, g_value_get_string (value));
      break;
    case PROP_KEEP_ALIVE:
      if (self->keep_alive != g_value_get_boolean (value))
        {
          self->keep_alive = !!g_value_get_boolean (value);
          restart_timers (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_URL_POLICY:
      set_policy (self, g_value_get_enum (value));
      break;
    case PROP_ALLOW_PRIVATE_NETWORKS:
      if (self->allow_private != g_value_get_boolean (value))
        {
          self->allow_private = !!g_value_get_boolean (value);
          g_hash_table_remove_all (self->checked_urls);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MAX_REDIRECTS:
      set_uint (self, &self->max_redirects, MIN (g_value_get_uint (value), 20), prop_id, FALSE);
      break;
    case PROP_ALLOW_LOCALHOST:
    case PROP_PRODUCTION_MODE:
    case PROP_SKIP_SECURITY_VALIDATION:
      set_policy_alias (self, prop_id, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
mcp_connection_pool_class_init (McpConnectionPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_connection_pool_dispose;
  object_class->finalize = mcp_connection_pool_finalize;
  object_class->get_property = mcp_connection_pool_get_property;
  object_class->set_property = mcp_connection_pool_set_property;

  /**
   * McpConnectionPool:max-connections:
   *
   * The most connections kept per URL (and credentials); requests share
   * them. 0 disables pooling: each acquire opens a connection of its own and
   * its release closes it.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL,
                       0, G_MAXUINT16, MCP_CONNECTION_POOL_DEFAULT_MAX_CONNECTIONS, RW_FLAGS);

  /**
   * McpConnectionPool:connection-timeout:
   *
   * The longest a connect (transport and MCP handshake) may take, in
   * milliseconds; 0 for no limit.
   *
   * Since: 0.1
   */
  properties[PROP_CONNECTION_TIMEOUT] =
    g_param_spec_uint ("connection-timeout", NULL, NULL,
                       0, G_MAXINT32, 30000, RW_FLAGS);

  /**
   * McpConnectionPool:cleanup-interval:
   *
   * How often, in milliseconds, the sweep that closes idle and dead
   * connections runs; 0 never.
   *
   * Since: 0.1
   */
  properties[PROP_CLEANUP_INTERVAL] =
    g_param_spec_uint ("cleanup-interval", NULL, NULL,
                       0, G_MAXINT32, 30000, RW_FLAGS);

  /**
   * McpConnectionPool:max-idle-time:
   *
   * How long, in milliseconds, an unused connection is kept; 0 keeps it.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_IDLE_TIME] =
    g_param_spec_uint ("max-idle-time", NULL, NULL,
                       0, G_MAXINT32, 300000, RW_FLAGS);

  /**
   * McpConnectionPool:keep-alive:
   *
   * Whether idle connections are pinged every #McpConnectionPool:ping-interval.
   *
   * Since: 0.1
   */
  properties[PROP_KEEP_ALIVE] =
    g_param_spec_boolean ("keep-alive", NULL, NULL, TRUE, RW_FLAGS);

  /**
   * McpConnectionPool:ping-interval:
   *
   * How often, in milliseconds, an idle connection is pinged with MCP
   * `ping`.
   *
   * Since: 0.1
   */
  properties[PROP_PING_INTERVAL] =
    g_param_spec_uint ("ping-interval", NULL, NULL,
                       0, G_MAXINT32, 30000, RW_FLAGS);

  /**
   * McpConnectionPool:ping-timeout:
   *
   * How long, in milliseconds, a ping may go unanswered before its
   * connection is evicted.
   *
   * Since: 0.1
   */
  properties[PROP_PING_TIMEOUT] =
    g_param_spec_uint ("ping-timeout", NULL, NULL,
                       0, G_MAXINT32, 10000, RW_FLAGS);

  /**
   * McpConnectionPool:retry-delay:
   *
   * The delay before retrying a failed connect, in milliseconds (the first
   * one, for %MCP_RETRY_STRATEGY_EXPONENTIAL).
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL,
                       0, G_MAXINT32, 500, RW_FLAGS);

  /**
   * McpConnectionPool:retry-strategy:
   *
   * How failed connects are retried. Refusals (401, 403, a refused URL)
   * are never retried.
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_STRATEGY] =
    g_param_spec_enum ("retry-strategy", NULL, NULL,
                       MCP_TYPE_RETRY_STRATEGY, MCP_RETRY_STRATEGY_EXPONENTIAL, RW_FLAGS);

  /**
   * McpConnectionPool:max-retries:
   *
   * How many times a failed connect is retried.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 100, 2, RW_FLAGS);

  /**
   * McpConnectionPool:allowed-schemes:
   *
   * The URL schemes the pool connects to.
   *
   * Since: 0.1
   */
  properties[PROP_ALLOWED_SCHEMES] =
    g_param_spec_boxed ("allowed-schemes", NULL, NULL, G_TYPE_STRV, RW_FLAGS);

  /**
   * McpConnectionPool:url-policy:
   *
   * Which destinations the pool connects to. The host of every URL is
   * resolved, each of its addresses is checked, and the connection goes to
   * exactly those addresses.
   *
   * Since: 0.1
   */
  properties[PROP_URL_POLICY] =
    g_param_spec_enum ("url-policy", NULL, NULL, MCP_TYPE_URL_POLICY,
                       MCP_URL_POLICY_ALLOW_LOCALHOST, RW_FLAGS);

  /**
   * McpConnectionPool:allow-private-networks:
   *
   * Whether addresses on private networks are allowed: 10.0.0.0/8,
   * 172.16.0.0/12, 192.168.0.0/16, fc00::/7 and the carrier-grade NAT range
   * 100.64.0.0/10. Off by default: a URL from elsewhere should not reach
   * the machines around the application.
   *
   * Since: 0.1
   */
  properties[PROP_ALLOW_PRIVATE_NETWORKS] =
    g_param_spec_boolean ("allow-private-networks", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * McpConnectionPool:max-redirects:
   *
   * How many HTTP redirects one request may follow (given to the
   * #McpHttpTransport:max-redirects of the built-in HTTP transports); 0,
   * the default, refuses them. Each redirect target passes the URL policy,
   * and one to another origin carries no credentials.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, 20, 0, RW_FLAGS);

  /**
   * McpConnectionPool:allow-localhost:
   *
   * Another name for #McpConnectionPool:url-policy: %TRUE unless it is
   * %MCP_URL_POLICY_STRICT. Setting it switches between
   * %MCP_URL_POLICY_ALLOW_LOCALHOST and %MCP_URL_POLICY_STRICT (and does
   * nothing under %MCP_URL_POLICY_NONE).
   *
   * Since: 0.1
   */
  properties[PROP_ALLOW_LOCALHOST] =
    g_param_spec_boolean ("allow-localhost", NULL, NULL, TRUE, RW_FLAGS);

  /**
   * McpConnectionPool:production-mode:
   *
   * Another name for #McpConnectionPool:url-policy: %TRUE when it is
   * %MCP_URL_POLICY_STRICT. Setting it switches between
   * %MCP_URL_POLICY_STRICT and %MCP_URL_POLICY_ALLOW_LOCALHOST (and does
   * nothing under %MCP_URL_POLICY_NONE).
   *
   * Since: 0.1
   */
  properties[PROP_PRODUCTION_MODE] =
    g_param_spec_boolean ("production-mode", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * McpConnectionPool:skip-security-validation:
   *
   * Another name for #McpConnectionPool:url-policy: %TRUE when it is
   * %MCP_URL_POLICY_NONE. Setting it selects %MCP_URL_POLICY_NONE;
   * clearing it returns to %MCP_URL_POLICY_ALLOW_LOCALHOST. For development
   * only.
   *
   * Since: 0.1
   */
  properties[PROP_SKIP_SECURITY_VALIDATION] =
    g_param_spec_boolean ("skip-security-validation", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * McpConnectionPool:n-connections:
   *
   * The number of open connections, over all URLs.
   *
   * Since: 0.1
   */
  properties[PROP_N_CONNECTIONS] =
    g_param_spec_uint ("n-connections", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpConnectionPool:hits:
   *
   * Acquires served without opening a connection (sharing one, or joining a
   * connect already under way). Metrics are not notified; read them or take
   * a snapshot with mcp_connection_pool_get_stats().
   *
   * Since: 0.1
   */
  properties[PROP_HITS] =
    g_param_spec_uint64 ("hits", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  /**
   * McpConnectionPool:misses:
   *
   * Acquires that had to open a connection.
   *
   * Since: 0.1
   */
  properties[PROP_MISSES] =
    g_param_spec_uint64 ("misses", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  /**
   * McpConnectionPool:protocol-version:
   *
   * The protocol version the pool's new connections ask for, given to each
   * #McpClient as #McpClient:requested-protocol-version: %NULL (the
   * default) detects the server's era, a legacy version such as
   * `2025-11-25` pins the legacy era, `2026-07-28` the modern one.
   * Connections already open keep what they have; to move them, call
   * mcp_connection_pool_clear().
   *
   * Since: 0.1
   */
  properties[PROP_PROTOCOL_VERSION] =
    g_param_spec_string ("protocol-version", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpConnectionPool:connections-created:
   *
   * Connections opened and initialized.
   *
   * Since: 0.1
   */
  properties[PROP_CONNECTIONS_CREATED] =
    g_param_spec_uint64 ("connections-created", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  /**
   * McpConnectionPool:connections-reused:
   *
   * Times an open connection that had served before was handed out again.
   *
   * Since: 0.1
   */
  properties[PROP_CONNECTIONS_REUSED] =
    g_param_spec_uint64 ("connections-reused", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  /**
   * McpConnectionPool:connections-evicted:
   *
   * Connections dropped because they died, idled too long, failed a ping,
   * or were removed.
   *
   * Since: 0.1
   */
  properties[PROP_CONNECTIONS_EVICTED] =
    g_param_spec_uint64 ("connections-evicted", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  /**
   * McpConnectionPool:connection-errors:
   *
   * Connect attempts that failed, retries included.
   *
   * Since: 0.1
   */
  properties[PROP_CONNECTION_ERRORS] =
    g_param_spec_uint64 ("connection-errors", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  /**
   * McpConnectionPool:bytes-sent:
   *
   * Bytes of messages sent over the pool's connections, closed ones
   * included.
   *
   * Since: 0.1
   */
  properties[PROP_BYTES_SENT] =
    g_param_spec_uint64 ("bytes-sent", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  /**
   * McpConnectionPool:bytes-received:
   *
   * Bytes of messages received over the pool's connections, closed ones
   * included.
   *
   * Since: 0.1
   */
  properties[PROP_BYTES_RECEIVED] =
    g_param_spec_uint64 ("bytes-received", NULL, NULL, 0, G_MAXUINT64, 0, RO_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_connection_pool_init (McpConnectionPool *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->pools = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) url_pool_free);
  self->by_client = g_hash_table_new (NULL, NULL);
  self->factories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) factory_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->checked_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  self->max_connections = MCP_CONNECTION_POOL_DEFAULT_MAX_CONNECTIONS;
  self->connection_timeout = 30000;
  self->cleanup_interval = 30000;
  self->max_idle_time = 300000;
  self->keep_alive = TRUE;
  self->ping_interval = 30000;
  self->ping_timeout = 10000;
  self->retry_delay = 500;
  self->max_retries = 2;
  self->retry_strategy = MCP_RETRY_STRATEGY_EXPONENTIAL;
  self->allowed_schemes = g_strdupv ((char **) default_schemes);
  self->url_policy = MCP_URL_POLICY_ALLOW_LOCALHOST;

  mcp_connection_pool_set_transport_factory (self, "ws", websocket_factory, NULL, NULL);
  mcp_connection_pool_set_transport_factory (self, "wss", websocket_factory, NULL, NULL);
  mcp_connection_pool_set_transport_factory (self, "http", http_factory, NULL, NULL);
  mcp_connection_pool_set_transport_factory (self, "https", http_factory, NULL, NULL);

  restart_timers (self);
}

/* Public API --------------------------------------------------------------- */

/**
 * mcp_connection_pool_new:
 *
 * Creates a connection pool with the default settings: four connections
 * per URL, idle ones closed after five minutes and pinged every 30 seconds,
 * loopback URLs allowed.
 *
 * Returns: (transfer full): a new #McpConnectionPool
 *
 * Since: 0.1
 */
McpConnectionPool *
mcp_connection_pool_new (void)
{
  return g_object_new (MCP_TYPE_CONNECTION_POOL, NULL);
}

/**
 * mcp_connection_pool_get_protocol_version:
 * @self: a #McpConnectionPool
 *
 * Gets #McpConnectionPool:protocol-version.
 *
 * Returns: (nullable): the version new connections ask for, or %NULL when
 *   they detect the server's era
 *
 * Since: 0.1
 */
const char *
mcp_connection_pool_get_protocol_version (McpConnectionPool *self)
{
  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), NULL);

  return self->protocol_version;
}

/**
 * mcp_connection_pool_set_protocol_version:
 * @self: a #McpConnectionPool
 * @version: (nullable): a supported protocol version, or %NULL to detect
 *   each server's era
 *
 * Sets #McpConnectionPool:protocol-version, the
 * #McpClient:requested-protocol-version of the connections the pool opens
 * from now on.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_set_protocol_version (McpConnectionPool *self,
                                          const char        *version)
{
  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (version == NULL || mcp_protocol_version_is_supported (version) ||
                    _mcp_envelope_version_is_modern (version));

  if (g_strcmp0 (self->protocol_version, version) == 0)
    return;

  g_free (self->protocol_version);
  self->protocol_version = g_strdup (version);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
}

/**
 * mcp_connection_pool_set_transport_factory:
 * @self: a #McpConnectionPool
 * @scheme: a URL scheme, such as `https`
 * @factory: (scope notified) (closure user_data) (destroy destroy) (nullable):
 *   makes transports for @scheme, or %NULL to serve it no more
 * @user_data: data for @factory
 * @destroy: (nullable): frees @user_data
 *
 * Sets where the transports for @scheme URLs come from, replacing any
 * earlier factory (`ws`, `wss`, `http` and `https` have built-in ones).
 *
 * Since: 0.1
 */
void
mcp_connection_pool_set_transport_factory (McpConnectionPool   *self,
                                           const char          *scheme,
                                           McpTransportFactory  factory,
                                           gpointer             user_data,
                                           GDestroyNotify       destroy)
{
  Factory *entry;

  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (scheme != NULL);

  if (factory == NULL)
    {
      g_hash_table_remove (self->factories, scheme);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  entry = g_new0 (Factory, 1);
  entry->factory = factory;
  entry->user_data = user_data;
  entry->destroy = destroy;
  g_hash_table_replace (self->factories, g_ascii_strdown (scheme, -1), entry);
}

/**
 * mcp_connection_pool_set_auth_token:
 * @self: a #McpConnectionPool
 * @url: a URL, or an origin such as `wss://tools.example.com` to cover
 *   every URL of that server
 * @token: (nullable): the bearer token, or %NULL to forget it
 *
 * Sets the bearer token the URL-addressed calls present to @url.
 * mcp_connection_pool_acquire_async() takes its token as an argument.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_set_auth_token (McpConnectionPool *self,
                                    const char        *url,
                                    const char        *token)
{
  g_autofree char *key = NULL;

  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (url != NULL);

  key = normalize_url (url, NULL);
  g_return_if_fail (key != NULL);

  if (token == NULL)
    g_hash_table_remove (self->tokens, key);
  else
    g_hash_table_replace (self->tokens, g_steal_pointer (&key), g_strdup (token));
}

/* The token registered for @url, or else for its origin. */
static const char *
lookup_token (McpConnectionPool *self,
              const char        *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *normalized = normalize_url (url, &uri);
  g_autofree char *origin = NULL;
  g_autoptr(GUri) origin_uri = NULL;
  const char *token;

  if (normalized == NULL)
    return NULL;

  token = g_hash_table_lookup (self->tokens, normalized);
  if (token != NULL)
    return token;

  origin_uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                            g_uri_get_host (uri), g_uri_get_port (uri), "/", NULL, NULL);
  origin = normalize (origin_uri);

  return g_hash_table_lookup (self->tokens, origin);
}

const char *
_mcp_connection_pool_lookup_token (McpConnectionPool *self,
                                   const char        *url)
{
  if (g_hash_table_size (self->tokens) == 0)
    return NULL;
  return lookup_token (self, url);
}

/* The service a `service:NAME` URL names; NULL for other URLs, and an
 * error when no service has that name. */
static McpService *
service_for_url (McpConnectionPool  *self,
                 const char         *url,
                 GError            **error)
{
  McpService *service;

  if (!g_str_has_prefix (url, MCP_SERVICE_URL_PREFIX))
    return NULL;

  service = g_hash_table_lookup (self->services, url + strlen (MCP_SERVICE_URL_PREFIX));
  if (service == NULL)
    g_set_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED,
                 "No service named “%s” in this pool", url + strlen (MCP_SERVICE_URL_PREFIX));

  return service;
}

/**
 * mcp_connection_pool_normalize_url:
 * @self: a #McpConnectionPool
 * @url: a URL
 * @error: return location for a #GError
 *
 * Checks @url against the pool's policy and returns the form connections
 * are kept under: scheme and host in lower case, no default port, `/` for
 * an empty path, no fragment.
 *
 * Returns: (transfer full) (nullable): the normalized URL, or %NULL with
 *   an %MCP_ERROR_URL_REFUSED error
 *
 * Since: 0.1
 */
char *
mcp_connection_pool_normalize_url (McpConnectionPool  *self,
                                   const char         *url,
                                   GError            **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!check_url (self, url, &uri, error))
    return NULL;

  return normalize (uri);
}

/**
 * mcp_connection_pool_check_url:
 * @self: a #McpConnectionPool
 * @url: a URL
 * @error: return location for a #GError
 *
 * Checks @url against the pool's policy without connecting: what its text
 * decides, literal addresses included. A host name is not resolved here;
 * its addresses are checked when a connection to it is made.
 *
 * Returns: %TRUE if the pool would connect to @url; otherwise %FALSE with
 *   an %MCP_ERROR_URL_REFUSED error naming the rule
 *
 * Since: 0.1
 */
gboolean
mcp_connection_pool_check_url (McpConnectionPool  *self,
                               const char         *url,
                               GError            **error)
{
  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  return check_url (self, url, NULL, error);
}

static Conn *
pick_connection (UrlPool *url_pool,
                 gboolean idle_only)
{
  Conn *best = NULL;

  for (guint i = 0; i < url_pool->conns->len; i++)
    {
      Conn *conn = g_ptr_array_index (url_pool->conns, i);

      if (conn->unpooled || !conn_is_alive (conn))
        continue;
      if (idle_only && conn->in_use > 0)
        continue;
      if (best == NULL || conn->in_use < best->in_use)
        best = conn;
    }

  return best;
}

/**
 * mcp_connection_pool_acquire_async:
 * @self: a #McpConnectionPool
 * @url: the server's URL
 * @auth_token: (nullable): the bearer token to present, if any
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the client
 * @user_data: the data to pass to @callback
 *
 * Gets an initialized #McpClient for @url: an open one when the pool has
 * one, or a new one. For a `service:NAME` URL, the client is one of an
 * endpoint of that #McpService, picked by its strategy; a connect that
 * fails is tried on another endpoint. Requests made on such a client are
 * the caller's: the service neither counts them as outstanding nor fails
 * them over. Give it back with mcp_connection_pool_release() once
 * the requests made with it are done; it may be shared with other users of
 * the pool meanwhile, so do not disconnect it.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_acquire_async (McpConnectionPool   *self,
                                   const char          *url,
                                   const char          *auth_token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *key = NULL;
  UrlPool *url_pool;
  Conn *conn;
  Dial *dial;
  guint open = 0;

  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_connection_pool_acquire_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (g_str_has_prefix (url, MCP_SERVICE_URL_PREFIX))
    {
      McpService *service = service_for_url (self, url, &error);

      if (service == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        _mcp_service_run (service, task, MCP_SERVICE_CALL_ACQUIRE, NULL, NULL, NULL);
      return;
    }

  /* Policy first: a refused URL never reaches the network. A URL that
   * passed is remembered until the policy changes: calls at one URL are
   * the common case and parsing it each time is measurable. */
  normalized = g_strdup (g_hash_table_lookup (self->checked_urls, url));
  if (normalized == NULL)
    {
      if (!check_url (self, url, &uri, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      normalized = normalize (uri);
      if (g_hash_table_size (self->checked_urls) >= 1024)
        g_hash_table_remove_all (self->checked_urls);
      g_hash_table_insert (self->checked_urls, g_strdup (url), g_strdup (normalized));
    }

  key = make_key (normalized, auth_token);

  /* Never hand out a dead one. */
  url_pool = g_hash_table_lookup (self->pools, key);
  if (url_pool != NULL)
    {
      for (guint i = url_pool->conns->len; i > 0; i--)
        {
          Conn *candidate = g_ptr_array_index (url_pool->conns, i - 1);

          if (!candidate->unpooled && !conn_is_alive (candidate))
            conn_remove (self, candidate, TRUE);
        }
    }
  url_pool = url_pool_ensure (self, key, normalized, auth_token);

  /* Pooling off: a connection of its own, closed on release. */
  if (self->max_connections == 0)
    {
      self->counters.misses++;
      dial = dial_new (self, url_pool, TRUE);
      dial_add_waiter (self, dial, task);
      dial_start (self, dial);
      return;
    }

  for (guint i = 0; i < url_pool->conns->len; i++)
    if (!((Conn *) g_ptr_array_index (url_pool->conns, i))->unpooled)
      open++;

  conn = pick_connection (url_pool, TRUE);
  if (conn == NULL && open > 0)
    {
      /* All busy: share the least busy one now, and grow in the
       * background while the URL is under its limit. */
      conn = pick_connection (url_pool, FALSE);
      if (open < self->max_connections && url_pool->dial == NULL)
        {
          url_pool->dial = dial_new (self, url_pool, FALSE);
          dial_start (self, url_pool->dial);
        }
    }

  if (conn != NULL)
    {
      self->counters.hits++;
      if (conn->uses > 0)
        self->counters.reused++;
      conn_hand_out (conn, task);
      return;
    }

  /* Nothing open: join the connect under way, or start one. */
  if (url_pool->dial != NULL)
    {
      self->counters.hits++;
      dial_add_waiter (self, url_pool->dial, task);
      return;
    }

  self->counters.misses++;
  url_pool->dial = dial = dial_new (self, url_pool, FALSE);
  dial_add_waiter (self, dial, task);
  dial_start (self, dial);
}

/**
 * mcp_connection_pool_acquire_finish:
 * @self: a #McpConnectionPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_connection_pool_acquire_async().
 *
 * Returns: (transfer full): an initialized client; release it with
 *   mcp_connection_pool_release()
 *
 * Since: 0.1
 */
McpClient *
mcp_connection_pool_acquire_finish (McpConnectionPool  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mcp_connection_pool_release:
 * @self: a #McpConnectionPool
 * @client: a client from mcp_connection_pool_acquire_finish()
 *
 * Gives a client back to the pool. Releasing a client the pool dropped
 * meanwhile (it died, or its URL was removed) is harmless.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_release (McpConnectionPool *self,
                             McpClient         *client)
{
  Conn *conn;

  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (MCP_IS_CLIENT (client));

  conn = g_hash_table_lookup (self->by_client, client);
  if (conn == NULL)
    return;

  if (conn->in_use > 0)
    conn->in_use--;
  conn->last_used = g_get_monotonic_time ();

  if (conn->unpooled && conn->in_use == 0)
    conn_remove (self, conn, FALSE);
}

static guint
remove_pool (McpConnectionPool *self,
             UrlPool           *url_pool)
{
  guint n = url_pool->conns->len;
  g_autofree char *key = g_strdup (url_pool->key);

  if (url_pool->dial != NULL)
    {
      url_pool->dial->orphaned = TRUE;
      url_pool->dial = NULL;
    }
  fail_all_dials (self, key);

  url_pool = g_hash_table_lookup (self->pools, key);
  if (url_pool == NULL)
    return n;

  for (guint i = 0; i < url_pool->conns->len; i++)
    conn_forget (self, g_ptr_array_index (url_pool->conns, i));
  self->counters.evicted += url_pool->conns->len;
  g_hash_table_remove (self->pools, key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);

  return n;
}

/* Removes the entries for @normalized, whatever their credentials, or
 * every entry when it is %NULL. */
static guint
remove_pools (McpConnectionPool *self,
              const char        *normalized)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  /* By key, looked up again: failing a connect runs its waiters' callbacks. */
  g_hash_table_iter_init (&iter, self->pools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (normalized == NULL || g_str_equal (((UrlPool *) value)->url, normalized))
      g_ptr_array_add (keys, g_strdup (((UrlPool *) value)->key));

  for (guint i = 0; i < keys->len; i++)
    {
      UrlPool *url_pool = g_hash_table_lookup (self->pools, g_ptr_array_index (keys, i));

      if (url_pool != NULL)
        n += remove_pool (self, url_pool);
    }

  return n;
}

/**
 * mcp_connection_pool_remove:
 * @self: a #McpConnectionPool
 * @url: a URL
 *
 * Closes every connection to @url, whatever its credentials, and fails the
 * connects under way to it. Requests still running on those connections
 * fail with %MCP_ERROR_CONNECTION_CLOSED; releasing their clients
 * afterwards is harmless.
 *
 * Returns: the number of connections closed
 *
 * Since: 0.1
 */
guint
mcp_connection_pool_remove (McpConnectionPool *self,
                            const char        *url)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), 0);
  g_return_val_if_fail (url != NULL, 0);

  normalized = normalize_url (url, NULL);
  if (normalized == NULL)
    return 0;

  return remove_pools (self, normalized);
}

/**
 * mcp_connection_pool_clear:
 * @self: a #McpConnectionPool
 *
 * Closes every connection and fails every connect under way.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_clear (McpConnectionPool *self)
{
  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));

  remove_pools (self, NULL);
  fail_all_dials (self, NULL);
}

/**
 * mcp_connection_pool_get_n_connections:
 * @self: a #McpConnectionPool
 *
 * Gets the number of open connections, over all URLs.
 *
 * Returns: the number of open connections, over all URLs
 *
 * Since: 0.1
 */
guint
mcp_connection_pool_get_n_connections (McpConnectionPool *self)
{
  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), 0);

  return g_hash_table_size (self->by_client);
}

/* Stats ---------------------------------------------------------------------- */

typedef struct
{
  guint active;
  guint idle;
} UrlCounts;

struct _McpConnectionPoolStats
{
  gatomicrefcount  ref_count;
  Counters         counters;
  GHashTable      *urls;     /* normalized URL → UrlCounts */
  char            *services; /* each service's mcp_service_to_string() */
};

G_DEFINE_BOXED_TYPE (McpConnectionPoolStats, mcp_connection_pool_stats,
                     mcp_connection_pool_stats_ref, mcp_connection_pool_stats_unref)

/**
 * mcp_connection_pool_get_stats:
 * @self: a #McpConnectionPool
 *
 * Takes a snapshot of the pool's metrics.
 *
 * Returns: (transfer full): the snapshot
 *
 * Since: 0.1
 */
McpConnectionPoolStats *
mcp_connection_pool_get_stats (McpConnectionPool *self)
{
  McpConnectionPoolStats *stats;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), NULL);

  stats = g_new0 (McpConnectionPoolStats, 1);
  g_atomic_ref_count_init (&stats->ref_count);
  stats->counters = self->counters;
  stats->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    g_auto(GStrv) names = mcp_connection_pool_dup_service_names (self);
    GString *text = g_string_new (NULL);

    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *one = mcp_service_to_string (g_hash_table_lookup (self->services, names[i]));

        g_string_append (text, one);
      }
    stats->services = g_string_free (text, FALSE);
  }

  g_hash_table_iter_init (&iter, self->pools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      UrlPool *url_pool = value;
      UrlCounts *counts = g_hash_table_lookup (stats->urls, url_pool->url);

      if (counts == NULL)
        {
          counts = g_new0 (UrlCounts, 1);
          g_hash_table_insert (stats->urls, g_strdup (url_pool->url), counts);
        }

      for (guint i = 0; i < url_pool->conns->len; i++)
        {
          Conn *conn = g_ptr_array_index (url_pool->conns, i);

          add_transport_bytes (&stats->counters, conn->transport);
          if (conn->in_use > 0)
            counts->active++;
          else
            counts->idle++;
        }
    }

  return stats;
}

/**
 * mcp_connection_pool_stats_ref:
 * @self: a #McpConnectionPoolStats
 *
 * Acquires a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
McpConnectionPoolStats *
mcp_connection_pool_stats_ref (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * mcp_connection_pool_stats_unref:
 * @self: (transfer full): a #McpConnectionPoolStats
 *
 * Drops a reference.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_stats_unref (McpConnectionPoolStats *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->urls);
      g_free (self->services);
      g_free (self);
    }
}

/**
 * mcp_connection_pool_stats_get_hits:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the number of acquires served without opening a connection.
 *
 * Returns: acquires served without opening a connection
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_hits (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.hits;
}

/**
 * mcp_connection_pool_stats_get_misses:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the number of acquires that opened a connection.
 *
 * Returns: acquires that opened a connection
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_misses (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.misses;
}

/**
 * mcp_connection_pool_stats_get_created:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the number of connections opened and initialized.
 *
 * Returns: connections opened and initialized
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_created (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.created;
}

/**
 * mcp_connection_pool_stats_get_reused:
 * @self: a #McpConnectionPoolStats
 *
 * Gets how many times a connection that had served before was handed out
 * again.
 *
 * Returns: times a connection that had served before was handed out again
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_reused (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.reused;
}

/**
 * mcp_connection_pool_stats_get_evicted:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the number of connections dropped (dead, idle, failed ping, removed).
 *
 * Returns: connections dropped (dead, idle, failed ping, removed)
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_evicted (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.evicted;
}

/**
 * mcp_connection_pool_stats_get_errors:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the number of failed connect attempts.
 *
 * Returns: failed connect attempts
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_errors (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.errors;
}

/**
 * mcp_connection_pool_stats_get_bytes_sent:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the number of bytes sent over the pool's connections.
 *
 * Returns: bytes sent over the pool's connections
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_bytes_sent (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.bytes_sent;
}

/**
 * mcp_connection_pool_stats_get_bytes_received:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the number of bytes received over the pool's connections.
 *
 * Returns: bytes received over the pool's connections
 *
 * Since: 0.1
 */
guint64
mcp_connection_pool_stats_get_bytes_received (McpConnectionPoolStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->counters.bytes_received;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * mcp_connection_pool_stats_dup_urls:
 * @self: a #McpConnectionPoolStats
 *
 * Gets the normalized URLs the pool had entries for, sorted.
 *
 * Returns: (transfer full) (array zero-terminated=1): the normalized URLs
 *   the pool had entries for, sorted
 *
 * Since: 0.1
 */
char **
mcp_connection_pool_stats_dup_urls (McpConnectionPoolStats *self)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_iter_init (&iter, self->urls);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (urls, g_strdup (key));
  g_ptr_array_sort (urls, compare_strings);
  g_ptr_array_add (urls, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&urls), FALSE);
}

/**
 * mcp_connection_pool_stats_get_url_counts:
 * @self: a #McpConnectionPoolStats
 * @url: a normalized URL, as mcp_connection_pool_stats_dup_urls() lists
 * @active: (out) (optional): connections serving requests
 * @idle: (out) (optional): connections serving none
 *
 * Counts the connections to @url, over all credentials.
 *
 * Returns: %TRUE if the pool had an entry for @url
 *
 * Since: 0.1
 */
gboolean
mcp_connection_pool_stats_get_url_counts (McpConnectionPoolStats *self,
                                          const char             *url,
                                          guint                  *active,
                                          guint                  *idle)
{
  UrlCounts *counts;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  counts = g_hash_table_lookup (self->urls, url);
  if (active != NULL)
    *active = counts != NULL ? counts->active : 0;
  if (idle != NULL)
    *idle = counts != NULL ? counts->idle : 0;

  return counts != NULL;
}

/**
 * mcp_connection_pool_stats_to_string:
 * @self: a #McpConnectionPoolStats
 *
 * Formats the snapshot for people, one metric per line.
 *
 * Returns: (transfer full): the text
 *
 * Since: 0.1
 */
char *
mcp_connection_pool_stats_to_string (McpConnectionPoolStats *self)
{
  GString *text;
  g_auto(GStrv) urls = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text,
                          "hits: %" G_GUINT64_FORMAT "\n"
                          "misses: %" G_GUINT64_FORMAT "\n"
                          "connections created: %" G_GUINT64_FORMAT "\n"
                          "connections reused: %" G_GUINT64_FORMAT "\n"
                          "connections evicted: %" G_GUINT64_FORMAT "\n"
                          "connection errors: %" G_GUINT64_FORMAT "\n"
                          "bytes sent: %" G_GUINT64_FORMAT "\n"
                          "bytes received: %" G_GUINT64_FORMAT "\n",
                          self->counters.hits, self->counters.misses,
                          self->counters.created, self->counters.reused,
                          self->counters.evicted, self->counters.errors,
                          self->counters.bytes_sent, self->counters.bytes_received);

  urls = mcp_connection_pool_stats_dup_urls (self);
  for (guint i = 0; urls[i] != NULL; i++)
    {
      guint active = 0, idle = 0;

      mcp_connection_pool_stats_get_url_counts (self, urls[i], &active, &idle);
      g_string_append_printf (text, "%s: %u active, %u idle\n", urls[i], active, idle);
    }
  g_string_append (text, self->services);

  return g_string_free (text, FALSE);
}

/* URL-addressed calls ---------------------------------------------------------- */

typedef enum
{
  CALL_TOOL,
  CALL_LIST_TOOLS,
  CALL_READ_RESOURCE,
  CALL_REQUEST,
} CallKind;

typedef struct
{
  CallKind   kind;
  char      *name;
  JsonNode  *arguments;
  McpClient *client;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->name);
  g_clear_pointer (&data->arguments, json_node_unref);
  g_clear_object (&data->client);
  g_free (data);
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpConnectionPool *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  McpClient *client = MCP_CLIENT (object);
  GError *error = NULL;
  gpointer value = NULL;
  GDestroyNotify destroy = NULL;

  switch (data->kind)
    {
    case CALL_TOOL:
      value = mcp_client_call_tool_finish (client, result, &error);
      destroy = g_object_unref;
      break;
    case CALL_LIST_TOOLS:
      value = mcp_client_list_all_tools_finish (client, result, &error);
      destroy = (GDestroyNotify) g_ptr_array_unref;
      break;
    case CALL_READ_RESOURCE:
      value = mcp_client_read_resource_finish (client, result, &error);
      destroy = (GDestroyNotify) g_ptr_array_unref;
      break;
    case CALL_REQUEST:
    default:
      value = mcp_client_send_request_finish (client, result, &error);
      destroy = (GDestroyNotify) json_node_unref;
      break;
    }

  mcp_connection_pool_release (self, client);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, destroy);
}

static void
call_acquired_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  data->client = mcp_connection_pool_acquire_finish (MCP_CONNECTION_POOL (object), result, &error);
  if (data->client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  switch (data->kind)
    {
    case CALL_TOOL:
      mcp_client_call_tool_async (data->client, data->name, data->arguments, cancellable,
                                  call_done_cb, g_steal_pointer (&task));
      break;
    case CALL_LIST_TOOLS:
      mcp_client_list_all_tools_async (data->client, cancellable,
                                       call_done_cb, g_steal_pointer (&task));
      break;
    case CALL_READ_RESOURCE:
      mcp_client_read_resource_async (data->client, data->name, cancellable,
                                      call_done_cb, g_steal_pointer (&task));
      break;
    case CALL_REQUEST:
    default:
      mcp_client_send_request_async (data->client, data->name, data->arguments, cancellable,
                                     call_done_cb, g_steal_pointer (&task));
      break;
    }
}

static void
call_at_url (McpConnectionPool   *self,
             const char          *url,
             CallKind             kind,
             const char          *name,
             JsonNode            *arguments,
             McpCallOptions      *options,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *token = NULL;
  CallData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (g_str_has_prefix (url, MCP_SERVICE_URL_PREFIX))
    {
      static const McpServiceCallKind kinds[] = {
        [CALL_TOOL] = MCP_SERVICE_CALL_TOOL,
        [CALL_LIST_TOOLS] = MCP_SERVICE_CALL_LIST_TOOLS,
        [CALL_READ_RESOURCE] = MCP_SERVICE_CALL_READ_RESOURCE,
        [CALL_REQUEST] = MCP_SERVICE_CALL_REQUEST,
      };
      GError *error = NULL;
      McpService *service = service_for_url (self, url, &error);

      if (service == NULL)
        g_task_return_error (task, error);
      else
        _mcp_service_run (service, task, kinds[kind], name, arguments, options);
      return;
    }

  data = g_new0 (CallData, 1);
  data->kind = kind;
  data->name = g_strdup (name);
  data->arguments = arguments != NULL ? json_node_ref (arguments) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (g_hash_table_size (self->tokens) > 0)
    token = lookup_token (self, url);

  mcp_connection_pool_acquire_async (self, url, token, cancellable,
                                     call_acquired_cb, g_steal_pointer (&task));
}

static gpointer
call_finish (McpConnectionPool  *self,
             GAsyncResult       *result,
             gpointer            source_tag,
             GError            **error)
{
  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mcp_connection_pool_call_tool_async:
 * @self: a #McpConnectionPool
 * @url: the server's URL
 * @name: the tool's name
 * @arguments: (nullable): the arguments object
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the result
 * @user_data: the data to pass to @callback
 *
 * Calls a tool of the server at @url over a pooled connection.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_call_tool_async (McpConnectionPool   *self,
                                     const char          *url,
                                     const char          *name,
                                     JsonNode            *arguments,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (name != NULL);

  call_at_url (self, url, CALL_TOOL, name, arguments, NULL, mcp_connection_pool_call_tool_async,
               cancellable, callback, user_data);
}

/**
 * mcp_connection_pool_call_tool_finish:
 * @self: a #McpConnectionPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_connection_pool_call_tool_async().
 *
 * Returns: (transfer full): the tool's result
 *
 * Since: 0.1
 */
McpToolResult *
mcp_connection_pool_call_tool_finish (McpConnectionPool  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return call_finish (self, result, mcp_connection_pool_call_tool_async, error);
}

/**
 * mcp_connection_pool_list_tools_async:
 * @self: a #McpConnectionPool
 * @url: the server's URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the tools
 * @user_data: the data to pass to @callback
 *
 * Lists every tool of the server at @url (following cursors) over a pooled
 * connection.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_list_tools_async (McpConnectionPool   *self,
                                      const char          *url,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (url != NULL);

  call_at_url (self, url, CALL_LIST_TOOLS, NULL, NULL, NULL, mcp_connection_pool_list_tools_async,
               cancellable, callback, user_data);
}

/**
 * mcp_connection_pool_list_tools_finish:
 * @self: a #McpConnectionPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_connection_pool_list_tools_async().
 *
 * Returns: (transfer container) (element-type McpTool): the tools
 *
 * Since: 0.1
 */
GPtrArray *
mcp_connection_pool_list_tools_finish (McpConnectionPool  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  return call_finish (self, result, mcp_connection_pool_list_tools_async, error);
}

/**
 * mcp_connection_pool_read_resource_async:
 * @self: a #McpConnectionPool
 * @url: the server's URL
 * @uri: the resource's URI
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the contents
 * @user_data: the data to pass to @callback
 *
 * Reads a resource of the server at @url over a pooled connection, as
 * mcp_client_read_resource_async() does.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_read_resource_async (McpConnectionPool   *self,
                                         const char          *url,
                                         const char          *uri,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (uri != NULL);

  call_at_url (self, url, CALL_READ_RESOURCE, uri, NULL, NULL,
               mcp_connection_pool_read_resource_async, cancellable, callback, user_data);
}

/**
 * mcp_connection_pool_read_resource_finish:
 * @self: a #McpConnectionPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_connection_pool_read_resource_async().
 *
 * Returns: (transfer container) (element-type Json.Node): the contents, as
 *   mcp_client_read_resource_finish() returns them
 *
 * Since: 0.1
 */
GPtrArray *
mcp_connection_pool_read_resource_finish (McpConnectionPool  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return call_finish (self, result, mcp_connection_pool_read_resource_async, error);
}

/**
 * mcp_connection_pool_send_request_async:
 * @self: a #McpConnectionPool
 * @url: the server's URL
 * @method: any method
 * @params: (nullable): its params object
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the result
 * @user_data: the data to pass to @callback
 *
 * Sends any request to the server at @url over a pooled connection.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_send_request_async (McpConnectionPool   *self,
                                        const char          *url,
                                        const char          *method,
                                        JsonNode            *params,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (method != NULL);

  call_at_url (self, url, CALL_REQUEST, method, params, NULL, mcp_connection_pool_send_request_async,
               cancellable, callback, user_data);
}

/**
 * mcp_connection_pool_send_request_finish:
 * @self: a #McpConnectionPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_connection_pool_send_request_async().
 *
 * Returns: (transfer full): the result object
 *
 * Since: 0.1
 */
JsonNode *
mcp_connection_pool_send_request_finish (McpConnectionPool  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return call_finish (self, result, mcp_connection_pool_send_request_async, error);
}

/* Services ------------------------------------------------------------------- */

/**
 * mcp_connection_pool_call_tool_with_options_async:
 * @self: a #McpConnectionPool
 * @url: the server's URL, or `service:NAME`
 * @name: the tool's name
 * @arguments: (nullable): the arguments object
 * @options: (nullable): what the caller says about this call
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the result
 * @user_data: the data to pass to @callback
 *
 * Calls a tool as mcp_connection_pool_call_tool_async() does, with @options
 * for a service: its affinity key picks the endpoint under
 * %MCP_BALANCE_CONSISTENT_HASH, mcp_call_options_set_idempotent() allows
 * retrying the call on another endpoint even when it may have run, and its
 * deadline bounds the retries. For a plain URL @options are ignored.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_call_tool_with_options_async (McpConnectionPool   *self,
                                                  const char          *url,
                                                  const char          *name,
                                                  JsonNode            *arguments,
                                                  McpCallOptions      *options,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (name != NULL);

  call_at_url (self, url, CALL_TOOL, name, arguments, options,
               mcp_connection_pool_call_tool_with_options_async, cancellable, callback, user_data);
}

/**
 * mcp_connection_pool_call_tool_with_options_finish:
 * @self: a #McpConnectionPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes mcp_connection_pool_call_tool_with_options_async().
 *
 * Returns: (transfer full): the tool's result
 *
 * Since: 0.1
 */
McpToolResult *
mcp_connection_pool_call_tool_with_options_finish (McpConnectionPool  *self,
                                                   GAsyncResult       *result,
                                                   GError            **error)
{
  return call_finish (self, result, mcp_connection_pool_call_tool_with_options_async, error);
}

/**
 * mcp_connection_pool_add_service:
 * @self: a #McpConnectionPool
 * @service: a #McpService in no other pool
 *
 * Adds @service, replacing one of the same name: from now on the URL
 * `service:NAME` reaches it, and its health checks run on the pool's
 * main context.
 *
 * Since: 0.1
 */
void
mcp_connection_pool_add_service (McpConnectionPool *self,
                                 McpService        *service)
{
  const char *name;

  g_return_if_fail (MCP_IS_CONNECTION_POOL (self));
  g_return_if_fail (MCP_IS_SERVICE (service));

  name = mcp_service_get_name (service);
  if (g_hash_table_lookup (self->services, name) == service)
    return;
  g_return_if_fail (!_mcp_service_is_attached (service));

  mcp_connection_pool_remove_service (self, name);
  _mcp_service_attach (service, self, self->context);
  g_hash_table_insert (self->services, g_strdup (name), g_object_ref (service));
}

/**
 * mcp_connection_pool_remove_service:
 * @self: a #McpConnectionPool
 * @name: a service's name
 *
 * Removes a service; its health checks stop. Its connections stay pooled
 * under their URLs.
 *
 * Returns: %TRUE if there was one
 *
 * Since: 0.1
 */
gboolean
mcp_connection_pool_remove_service (McpConnectionPool *self,
                                    const char        *name)
{
  McpService *service;

  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  service = g_hash_table_lookup (self->services, name);
  if (service == NULL)
    return FALSE;

  _mcp_service_detach (service);
  g_hash_table_remove (self->services, name);
  return TRUE;
}

/**
 * mcp_connection_pool_lookup_service:
 * @self: a #McpConnectionPool
 * @name: a service's name
 *
 * Finds a service of the pool.
 *
 * Returns: (transfer none) (nullable): the service, or %NULL
 *
 * Since: 0.1
 */
McpService *
mcp_connection_pool_lookup_service (McpConnectionPool *self,
                                    const char        *name)
{
  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->services, name);
}

/**
 * mcp_connection_pool_dup_service_names:
 * @self: a #McpConnectionPool
 *
 * Gets the names of the pool's services, sorted.
 *
 * Returns: (transfer full): the names
 *
 * Since: 0.1
 */
char **
mcp_connection_pool_dup_service_names (McpConnectionPool *self)
{
  char **names;

  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), NULL);

  names = (char **) g_hash_table_get_keys_as_array (self->services, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    names[i] = g_strdup (names[i]);
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  return names;
}

/**
 * mcp_connection_pool_load_services:
 * @self: a #McpConnectionPool
 * @key_file: a #GKeyFile
 * @error: return location for a #GError
 *
 * Adds a service for each group of @key_file named `service NAME`, read by
 * mcp_service_load_from_key_file(). Other groups are left alone, so the
 * services can live in an application's own configuration file.
 *
 * Returns: the number of services added; 0 with @error set if a group is
 *   wrong (the services before it stay added)
 *
 * Since: 0.1
 */
guint
mcp_connection_pool_load_services (McpConnectionPool  *self,
                                   GKeyFile           *key_file,
                                   GError            **error)
{
  g_auto(GStrv) groups = NULL;
  guint n = 0;

  g_return_val_if_fail (MCP_IS_CONNECTION_POOL (self), 0);
  g_return_val_if_fail (key_file != NULL, 0);

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(McpService) service = NULL;
      const char *name;

      if (!g_str_has_prefix (groups[i], "service "))
        continue;
      name = groups[i] + strlen ("service ");
      if (*name == '\0')
        continue;

      service = mcp_service_new (name);
      if (!mcp_service_load_from_key_file (service, key_file, groups[i], error))
        return 0;
      mcp_connection_pool_add_service (self, service);
      n++;
    }

  return n;
}

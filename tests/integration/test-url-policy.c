/* test-url-policy.c: McpConnectionPool's URL policy on the addresses a host
 * resolves to, the pinning of connections to them, and HTTP redirects.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Names are answered by a test GResolver set as the default, so nothing
 * here needs DNS. Every connection made goes to 127.0.0.1 or 127.0.0.2:
 * hostile addresses (169.254.169.254, 10.x, fd00:ec2::254) appear only as
 * answers that the policy must refuse before any socket is opened. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mcp-test-util.h"

/* A resolver with fixed answers --------------------------------------------- */

typedef struct
{
  GResolver   parent_instance;
  GHashTable *lookups;   /* name → number of lookups */
} TestResolver;

typedef GResolverClass TestResolverClass;

static GType test_resolver_get_type (void);
G_DEFINE_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GList *
addresses (const char *first,
           ...)
{
  GList *list = NULL;
  va_list args;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    list = g_list_append (list, g_inet_address_new_from_string (text));
  va_end (args);

  return list;
}

static GList *
test_resolver_answer (TestResolver             *self,
                      const char               *name,
                      GResolverNameLookupFlags  flags,
                      GError                  **error)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->lookups, name)) + 1;
  GList *list = NULL;

  g_hash_table_replace (self->lookups, g_strdup (name), GUINT_TO_POINTER (count));

  /* The first answer is the server; any later one is the trap. */
  if (g_str_equal (name, "rebind.test"))
    list = addresses (count == 1 ? "127.0.0.1" : "127.0.0.2", NULL);
  else if (g_str_equal (name, "169.254.169.254.nip.io"))
    list = addresses ("169.254.169.254", NULL);
  else if (g_str_equal (name, "v6-metadata.test"))
    list = addresses ("fd00:ec2::254", NULL);
  else if (g_str_equal (name, "mixed.test"))
    list = addresses ("127.0.0.1", "10.1.2.3", NULL);
  else if (g_str_equal (name, "cgnat.test"))
    list = addresses ("100.64.0.7", NULL);
  else if (g_str_equal (name, "mapped.test"))
    list = addresses ("::ffff:169.254.169.254", NULL);
  else if (g_str_equal (name, "tls.test") || g_str_equal (name, "localhost"))
    list = addresses ("127.0.0.1", NULL);

  /* The family filters of happy-eyeballs lookups. */
  for (GList *l = list; l != NULL;)
    {
      GList *next = l->next;
      GSocketFamily family = g_inet_address_get_family (l->data);

      if (((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY) && family != G_SOCKET_FAMILY_IPV4) ||
          ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY) && family != G_SOCKET_FAMILY_IPV6))
        {
          g_object_unref (l->data);
          list = g_list_delete_link (list, l);
        }
      l = next;
    }

  if (list == NULL)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No address for %s", name);

  return list;
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                         const char                *name,
                                         GResolverNameLookupFlags   flags,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  return test_resolver_answer ((TestResolver *) resolver, name, flags, error);
}

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *name,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return test_resolver_answer ((TestResolver *) resolver, name, 0, error);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                               const char               *name,
                                               GResolverNameLookupFlags  flags,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *list = test_resolver_answer ((TestResolver *) resolver, name, flags, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_resolver_free_addresses);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  test_resolver_lookup_by_name_with_flags_async (resolver, name, 0, cancellable,
                                                 callback, user_data);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_finalize (GObject *object)
{
  g_hash_table_unref (((TestResolver *) object)->lookups);

  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
  klass->lookup_by_name = test_resolver_lookup_by_name;
  klass->lookup_by_name_async = test_resolver_lookup_by_name_async;
  klass->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
  klass->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  klass->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  klass->lookup_by_name_with_flags_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
  self->lookups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static TestResolver *resolver;

static guint
lookups (const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (resolver->lookups, name));
}

/* Servers -------------------------------------------------------------------- */

static void
tool_echo (McpServer   *server,
           McpToolCall *call,
           gpointer     user_data)
{
  g_autofree char *text = g_strdup_printf ("Echo: %s",
                                           mcp_tool_call_get_string (call, "message", ""));

  mcp_tool_call_return_text (call, text);
}

static McpServer *
echo_server_new (void)
{
  McpServer *server = mcp_server_new ("url-policy-test", "1.0");
  g_autoptr(McpTool) tool = mcp_tool_new ("echo", "Echoes its message");

  mcp_server_add_tool (server, tool, tool_echo, NULL, NULL);
  return server;
}

static void
start_listener (McpServer          *server,
                McpServerTransport *listener)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_server_add_server_transport (server, listener);
  mcp_server_transport_start_async (listener, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_server_transport_start_finish (listener, result, &error));
  g_assert_no_error (error);
}

static McpHttpServerTransport *
http_listener_new (McpServer *server)
{
  McpHttpServerTransport *http = mcp_http_server_transport_new ();
  const char * const hosts[] = { "127.0.0.1", "rebind.test", "tls.test", NULL };

  mcp_http_server_transport_set_host (http, "127.0.0.1");
  mcp_http_server_transport_set_port (http, 0);
  mcp_http_server_transport_set_allowed_hosts (http, hosts);

  return http;
}

static guint
url_port (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint) g_uri_get_port (uri);
}

static char *
with_host (const char *url,
           const char *host)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, host,
                     g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}

/* Anything that connects to 127.0.0.2 on @port is counted and dropped. */
typedef struct
{
  GSocketService *service;
  guint           connections;
} Trap;

static gboolean
trap_incoming (GSocketService    *service,
               GSocketConnection *connection,
               GObject           *source,
               Trap              *trap)
{
  trap->connections++;
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
trap_start (Trap  *trap,
            guint  port)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
  g_autoptr(GError) error = NULL;

  trap->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (trap->service), socket_address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (trap->service, "incoming", G_CALLBACK (trap_incoming), trap);
  g_socket_service_start (trap->service);
}

static void
trap_stop (Trap *trap)
{
  g_socket_service_stop (trap->service);
  g_socket_listener_close (G_SOCKET_LISTENER (trap->service));
  g_clear_object (&trap->service);
}

/* The pool ------------------------------------------------------------------- */

static void
pool_free (McpConnectionPool *pool)
{
  gpointer weak = pool;

  mcp_connection_pool_clear (pool);
  g_object_add_weak_pointer (G_OBJECT (pool), &weak);
  g_object_unref (pool);
  mcp_test_wait_until (weak == NULL);
  mcp_test_spin (20);
}

static char *
pool_echo (McpConnectionPool *pool,
           const char        *url,
           const char        *message,
           GError           **error)
{
  g_autofree char *json = g_strdup_printf ("{\"message\":\"%s\"}", message);
  g_autoptr(JsonNode) arguments = mcp_test_parse (json);
  g_autoptr(McpToolResult) tool_result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_connection_pool_call_tool_async (pool, url, "echo", arguments, NULL,
                                       mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tool_result = mcp_connection_pool_call_tool_finish (pool, result, error);
  if (tool_result == NULL)
    return NULL;

  return mcp_tool_result_dup_text (tool_result);
}

static guint64
pool_stat (McpConnectionPool *pool,
           const char        *name)
{
  guint64 value = 0;

  g_object_get (pool, name, &value, NULL);
  return value;
}

/* A call to @url fails with MCP_ERROR_URL_REFUSED naming @rule, and the
 * message contains @detail if given. */
static void
assert_call_refused (McpConnectionPool *pool,
                     const char        *url,
                     const char        *rule,
                     const char        *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pool_echo (pool, url, "x", &error);
  g_autofree char *expected = g_strdup_printf ("rule '%s'", rule);

  g_assert_null (text);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED);
  if (strstr (error->message, expected) == NULL)
    g_error ("%s: expected %s in: %s", url, expected, error->message);
  if (detail != NULL && strstr (error->message, detail) == NULL)
    g_error ("%s: expected '%s' in: %s", url, detail, error->message);
}

static void
assert_check_refused (McpConnectionPool *pool,
                      const char        *url,
                      const char        *rule)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("rule '%s'", rule);

  g_assert_false (mcp_connection_pool_check_url (pool, url, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED);
  if (strstr (error->message, expected) == NULL)
    g_error ("%s: expected %s in: %s", url, expected, error->message);

  /* The same from a call, before any connect. */
  assert_call_refused (pool, url, rule, NULL);
}

/* Hostile URLs ------------------------------------------------------------- */

static void
test_literals (void)
{
  McpConnectionPool *pool = mcp_connection_pool_new ();

  /* Literal addresses are decided from the text, before any connect. */
  assert_check_refused (pool, "http://[fe80::1%25eth0]/mcp", "link-local");
  assert_check_refused (pool, "http://[fd00:ec2::254]/", "metadata");
  assert_check_refused (pool, "http://100.100.100.200/latest/meta-data", "metadata");
  assert_check_refused (pool, "http://[::ffff:169.254.169.254]/", "metadata");
  assert_check_refused (pool, "http://[64:ff9b::a9fe:a9fe]/", "metadata");
  assert_check_refused (pool, "ws://169.254.170.2/v2/credentials", "metadata");
  assert_check_refused (pool, "http://metadata.google.internal./", "metadata");
  assert_check_refused (pool, "http://METADATA.google.internal/", "metadata");
  assert_check_refused (pool, "http://169.254.10.1/", "link-local");
  assert_check_refused (pool, "http://10.0.0.1/", "private");
  assert_check_refused (pool, "http://192.168.1.1:8080/", "private");
  assert_check_refused (pool, "http://[fd12::1]/", "private");
  assert_check_refused (pool, "http://100.64.0.1/", "private");
  assert_check_refused (pool, "http://0.0.0.0:9/", "unspecified");
  assert_check_refused (pool, "http://[::]:9/", "unspecified");
  assert_check_refused (pool, "http://224.0.0.1/", "multicast");
  assert_check_refused (pool, "http://255.255.255.255/", "multicast");
  assert_check_refused (pool, "http://240.0.0.1/", "reserved");
  g_assert_cmpuint (pool_stat (pool, "connections-created"), ==, 0);
  g_assert_cmpuint (pool_stat (pool, "misses"), ==, 0);

  /* Private networks when allowed (checked only: nothing connects there). */
  g_object_set (pool, "allow-private-networks", TRUE, NULL);
  g_assert_true (mcp_connection_pool_check_url (pool, "http://10.0.0.1/", NULL));
  g_assert_true (mcp_connection_pool_check_url (pool, "http://100.64.0.1/", NULL));
  assert_check_refused (pool, "http://[fd00:ec2::254]/", "metadata");
  assert_check_refused (pool, "http://100.100.100.200/", "metadata");
  g_object_set (pool, "allow-private-networks", FALSE, NULL);

  /* Loopback, in all its spellings, under the strict policy. */
  g_object_set (pool, "url-policy", MCP_URL_POLICY_STRICT, NULL);
  assert_check_refused (pool, "ws://localhost.:9/", "localhost");
  assert_check_refused (pool, "ws://LOCALHOST:9/", "localhost");
  assert_check_refused (pool, "ws://a.localhost:9/", "localhost");
  assert_check_refused (pool, "ws://127.0.0.2:9/", "localhost");
  assert_check_refused (pool, "ws://[::1]:9/", "localhost");
  assert_check_refused (pool, "ws://[::ffff:127.0.0.1]:9/", "localhost");

  /* None: only the syntax. */
  g_object_set (pool, "url-policy", MCP_URL_POLICY_NONE, NULL);
  g_assert_true (mcp_connection_pool_check_url (pool, "http://[fd00:ec2::254]/", NULL));
  assert_check_refused (pool, "http:///nohost", "syntax");

  pool_free (pool);
}

/* The old booleans are views of the enum. */
static void
test_policy_aliases (void)
{
  g_autoptr(McpConnectionPool) pool = mcp_connection_pool_new ();
  McpUrlPolicy policy;
  gboolean allow_localhost, production, skip;

#define ASSERT_POLICY(expected, localhost, prod, none) \
  G_STMT_START { \
    g_object_get (pool, "url-policy", &policy, "allow-localhost", &allow_localhost, \
                  "production-mode", &production, "skip-security-validation", &skip, NULL); \
    g_assert_cmpint (policy, ==, expected); \
    g_assert_cmpint (allow_localhost, ==, localhost); \
    g_assert_cmpint (production, ==, prod); \
    g_assert_cmpint (skip, ==, none); \
  } G_STMT_END

  ASSERT_POLICY (MCP_URL_POLICY_ALLOW_LOCALHOST, TRUE, FALSE, FALSE);
  g_object_set (pool, "allow-localhost", FALSE, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_STRICT, FALSE, TRUE, FALSE);
  g_object_set (pool, "allow-localhost", TRUE, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_ALLOW_LOCALHOST, TRUE, FALSE, FALSE);
  g_object_set (pool, "production-mode", TRUE, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_STRICT, FALSE, TRUE, FALSE);
  g_object_set (pool, "production-mode", FALSE, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_ALLOW_LOCALHOST, TRUE, FALSE, FALSE);

  /* skip-security-validation wins, as it did. */
  g_object_set (pool, "skip-security-validation", TRUE, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_NONE, TRUE, FALSE, TRUE);
  g_object_set (pool, "production-mode", TRUE, "allow-localhost", FALSE, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_NONE, TRUE, FALSE, TRUE);
  g_object_set (pool, "skip-security-validation", FALSE, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_ALLOW_LOCALHOST, TRUE, FALSE, FALSE);

  g_object_set (pool, "url-policy", MCP_URL_POLICY_STRICT, NULL);
  ASSERT_POLICY (MCP_URL_POLICY_STRICT, FALSE, TRUE, FALSE);

#undef ASSERT_POLICY
}

/* Names are judged by what they resolve to. */
static void
test_resolved_names (void)
{
  McpConnectionPool *pool = mcp_connection_pool_new ();

  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, NULL);

  /* The text passes; the address does not. */
  g_assert_true (mcp_connection_pool_check_url (pool, "http://169.254.169.254.nip.io/", NULL));
  assert_call_refused (pool, "http://169.254.169.254.nip.io/latest/meta-data", "metadata",
                       "169.254.169.254.nip.io resolves to 169.254.169.254");
  assert_call_refused (pool, "ws://v6-metadata.test:8080/", "metadata", "fd00:ec2::254");
  assert_call_refused (pool, "ws://mapped.test/", "metadata", "169.254.169.254");
  assert_call_refused (pool, "http://cgnat.test/", "private", "100.64.0.7");
  /* One bad address among good ones is enough. */
  assert_call_refused (pool, "http://mixed.test:9/", "private", "10.1.2.3");

  g_object_set (pool, "url-policy", MCP_URL_POLICY_STRICT, NULL);
  assert_call_refused (pool, "http://rebind.test:9/", "localhost", "127.0.0.1");

  /* Nothing was ever opened. */
  g_assert_cmpuint (pool_stat (pool, "connections-created"), ==, 0);
  g_assert_cmpuint (pool_stat (pool, "n-connections"), ==, 0);

  pool_free (pool);
}

/* DNS rebinding: the first answer (127.0.0.1) is checked and used; any later
 * lookup would answer 127.0.0.2, where a trap counts connections. */
static void
test_rebinding (void)
{
  g_autoptr(McpServer) server = echo_server_new ();
  g_autoptr(McpHttpServerTransport) http = http_listener_new (server);
  g_autoptr(McpWebSocketServerTransport) ws = mcp_websocket_server_transport_new ("127.0.0.1", 0);
  g_autofree char *http_url = NULL;
  g_autofree char *ws_url = NULL;
  g_autofree char *http_named = NULL;
  g_autofree char *ws_named = NULL;
  McpConnectionPool *pool;

  /* The WebSocket server checks Host as the HTTP one does. */
  mcp_websocket_server_transport_set_allowed_hosts (ws, (const char * const[]) { "127.0.0.1", "localhost", "rebind.test", NULL });
  start_listener (server, MCP_SERVER_TRANSPORT (http));
  start_listener (server, MCP_SERVER_TRANSPORT (ws));
  http_url = mcp_http_server_transport_dup_url (http);
  ws_url = mcp_websocket_server_transport_dup_url (ws);
  http_named = with_host (http_url, "rebind.test");
  ws_named = with_host (ws_url, "rebind.test");

  /* Pinned: every connection (the HTTP client opens several: POSTs, the
   * event stream) goes where the one lookup said. */
  pool = mcp_connection_pool_new ();
  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, NULL);
  {
    Trap trap = { 0 };
    guint port = url_port (http_url);

    trap_start (&trap, port);
    g_hash_table_remove_all (resolver->lookups);
    for (guint i = 0; i < 5; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *text = pool_echo (pool, http_named, "pinned", &error);

        g_assert_no_error (error);
        g_assert_cmpstr (text, ==, "Echo: pinned");
      }
    /* One lookup, made by the policy; libsoup made none of its own. */
    g_assert_cmpuint (lookups ("rebind.test"), ==, 1);
    g_assert_cmpuint (trap.connections, ==, 0);
    trap_stop (&trap);
  }
  pool_free (pool);

  pool = mcp_connection_pool_new ();
  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, NULL);
  {
    Trap trap = { 0 };

    trap_start (&trap, url_port (ws_url));
    g_hash_table_remove_all (resolver->lookups);
    for (guint i = 0; i < 5; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *text = pool_echo (pool, ws_named, "pinned", &error);

        g_assert_no_error (error);
        g_assert_cmpstr (text, ==, "Echo: pinned");
      }
    g_assert_cmpuint (lookups ("rebind.test"), ==, 1);
    g_assert_cmpuint (trap.connections, ==, 0);
    trap_stop (&trap);
  }

  /* `localhost.` is localhost: allowed by default, and reached. */
  {
    g_autofree char *dotted = with_host (ws_url, "localhost.");
    g_autoptr(GError) error = NULL;
    g_autofree char *text = pool_echo (pool, dotted, "dotted", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "Echo: dotted");
  }
  pool_free (pool);

  /* The control: without the policy, the transport resolves the name
   * itself, after the first answer was used up, and lands in the trap. */
  pool = mcp_connection_pool_new ();
  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE,
                "url-policy", MCP_URL_POLICY_NONE, NULL);
  {
    Trap trap = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;

    trap_start (&trap, url_port (http_url));
    g_hash_table_remove_all (resolver->lookups);
    g_hash_table_insert (resolver->lookups, g_strdup ("rebind.test"), GUINT_TO_POINTER (1));
    g_object_set (pool, "connection-timeout", 5000, NULL);
    text = pool_echo (pool, http_named, "unpinned", &error);
    g_assert_null (text);
    g_assert_nonnull (error);
    g_assert_cmpuint (trap.connections, >=, 1);
    trap_stop (&trap);
  }
  pool_free (pool);

  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, NULL, NULL);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (ws), NULL, NULL, NULL);
  mcp_test_spin (20);
}

/* Redirects ----------------------------------------------------------------- */

typedef struct
{
  SoupServer *server;
  char       *url;
  char       *location;
  guint       status;
  guint       requests;
  guint       with_token;
} Redirector;

static void
redirector_handler (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  Redirector *redirector = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);

  redirector->requests++;
  if (soup_message_headers_get_one (request, "Authorization") != NULL)
    redirector->with_token++;

  soup_server_message_set_redirect (msg, redirector->status, redirector->location);
}

static void
redirector_start (Redirector *redirector,
                  guint       status,
                  const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  redirector->server = soup_server_new (NULL, NULL);
  redirector->status = status;
  redirector->location = g_strdup (location);
  soup_server_add_handler (redirector->server, NULL, redirector_handler, redirector, NULL);
  g_assert_true (soup_server_listen_local (redirector->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (redirector->server);
  redirector->url = g_strdup_printf ("http://127.0.0.1:%d/mcp", g_uri_get_port (uris->data));
}

static void
redirector_stop (Redirector *redirector)
{
  soup_server_disconnect (redirector->server);
  g_clear_object (&redirector->server);
  g_clear_pointer (&redirector->url, g_free);
  g_clear_pointer (&redirector->location, g_free);
}

static void
count_tokens (SoupServer        *server,
              SoupServerMessage *msg,
              guint             *count)
{
  if (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                    "Authorization") != NULL)
    (*count)++;
}

static void
count_requests (SoupServer        *server,
                SoupServerMessage *msg,
                guint             *count)
{
  (*count)++;
}

static void
assert_redirect_refused (McpConnectionPool *pool,
                         const char        *url,
                         const char        *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pool_echo (pool, url, "x", &error);

  g_assert_null (text);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED);
  if (strstr (error->message, detail) == NULL)
    g_error ("%s: expected '%s' in: %s", url, detail, error->message);
}

static void
test_redirects (void)
{
  Redirector to_metadata = { 0 };
  Redirector to_other = { 0 };
  Redirector to_ws = { 0 };
  g_autoptr(McpServer) server = echo_server_new ();
  g_autoptr(McpHttpServerTransport) http = http_listener_new (server);
  g_autofree char *http_url = NULL;
  g_autofree char *ws_redirect_url = NULL;
  McpConnectionPool *pool;
  guint seen = 0;
  guint seen_with_token = 0;

  start_listener (server, MCP_SERVER_TRANSPORT (http));
  http_url = mcp_http_server_transport_dup_url (http);

  redirector_start (&to_metadata, SOUP_STATUS_FOUND, "http://169.254.169.254/latest/meta-data/iam");
  redirector_start (&to_other, SOUP_STATUS_TEMPORARY_REDIRECT, http_url);

  /* Refused by default: a clear error, and the redirect is not followed.
   * The requests are counted, one per connect: pinned to 2025-11-25, as
   * era detection may try `server/discover` and then `initialize` in one
   * connect. */
  pool = mcp_connection_pool_new ();
  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE,
                "protocol-version", "2025-11-25", NULL);
  mcp_connection_pool_set_auth_token (pool, to_metadata.url, "secret-token");
  assert_redirect_refused (pool, to_metadata.url, "redirects are refused");
  assert_redirect_refused (pool, to_metadata.url, "169.254.169.254");
  assert_redirect_refused (pool, to_other.url, "redirects are refused");
  g_assert_cmpuint (to_metadata.requests, ==, 2);
  g_assert_cmpuint (to_metadata.with_token, ==, 2);

  /* A transport used without a pool refuses them too. */
  {
    g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (to_metadata.url);
    g_autoptr(McpClient) client = mcp_client_new ("direct", "1.0");
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (mcp_http_transport_get_max_redirects (transport), ==, 0);
    mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL,
                              mcp_test_store_result_cb, &slot);
    result = mcp_test_wait_result (&slot);
    g_assert_false (mcp_client_connect_finish (client, result, &error));
    g_assert_error (error, MCP_ERROR, MCP_ERROR_URL_REFUSED);
    g_assert_nonnull (strstr (error->message, "redirects are refused"));
  }

  /* Allowed: the target still passes the policy, before any connect. */
  g_object_set (pool, "max-redirects", 3, NULL);
  assert_redirect_refused (pool, to_metadata.url, "rule 'metadata'");
  pool_free (pool);

  /* Allowed, to another origin (another port): followed, without the
   * token; the server there counts what it gets. */
  g_signal_connect (mcp_http_server_transport_get_soup_server (http), "request-read",
                    G_CALLBACK (count_tokens), &seen_with_token);
  g_signal_connect (mcp_http_server_transport_get_soup_server (http), "request-started",
                    G_CALLBACK (count_requests), &seen);
  to_other.requests = to_other.with_token = 0;
  pool = mcp_connection_pool_new ();
  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, "max-redirects", 3, NULL);
  mcp_connection_pool_set_auth_token (pool, to_other.url, "secret-token");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = pool_echo (pool, to_other.url, "redirected", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "Echo: redirected");
    }
  g_assert_cmpuint (to_other.requests, >=, 3);
  g_assert_cmpuint (to_other.with_token, ==, to_other.requests);
  g_assert_cmpuint (seen, >=, 3);
  g_assert_cmpuint (seen_with_token, ==, 0);
  pool_free (pool);

  /* A loop ends at max-redirects. */
  {
    Redirector loop = { 0 };

    /* Pinned to 2025-11-25 for the count of one connect's requests, as
     * above: era detection would run the loop twice. */
    redirector_start (&loop, SOUP_STATUS_FOUND, "/again");
    pool = mcp_connection_pool_new ();
    g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, "max-redirects", 3,
                  "protocol-version", "2025-11-25", NULL);
    assert_redirect_refused (pool, loop.url, "more than 3 redirects");
    g_assert_cmpuint (loop.requests, ==, 4);
    pool_free (pool);
    redirector_stop (&loop);
  }

  /* A WebSocket handshake is never redirected. */
  redirector_start (&to_ws, SOUP_STATUS_FOUND, "ws://169.254.169.254/");
  ws_redirect_url = with_host (to_ws.url, "127.0.0.1");
  memcpy (ws_redirect_url, "ws", 2);
  memmove (ws_redirect_url + 2, ws_redirect_url + 4, strlen (ws_redirect_url + 4) + 1);
  pool = mcp_connection_pool_new ();
  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, NULL);
  assert_redirect_refused (pool, ws_redirect_url, "redirects are refused");
  g_assert_cmpuint (to_ws.requests, ==, 1);
  pool_free (pool);

  redirector_stop (&to_metadata);
  redirector_stop (&to_other);
  redirector_stop (&to_ws);
  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, NULL, NULL);
  mcp_test_spin (20);
}

/* retry: ------------------------------------------------------------------- */

/* A server whose tools/call stream breaks after an event that asks for a
 * retry in about 46 days; the resume (GET with Last-Event-ID) answers. */
typedef struct
{
  SoupServer *server;
  char       *url;
  char       *call_id;   /* the tools/call id, as JSON */
  guint       resumes;
} Rogue;

static void
rogue_respond (SoupServerMessage *msg,
               const char        *type,
               const char        *body)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
rogue_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Rogue *rogue = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (g_str_equal (method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autofree char *text = g_strndup (body->data, body->length);
      g_autoptr(JsonNode) node = mcp_test_parse (text);
      JsonObject *object = json_node_get_object (node);
      const char *rpc = json_object_get_string_member (object, "method");
      JsonNode *id = json_object_get_member (object, "id");
      g_autofree char *id_json = id != NULL ? json_to_string (id, FALSE) : NULL;
      g_autofree char *reply = NULL;

      if (id == NULL)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_ACCEPTED, NULL);
          return;
        }

      if (g_str_equal (rpc, "initialize"))
        {
          JsonObject *params = json_object_get_object_member (object, "params");

          reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{"
                                   "\"protocolVersion\":\"%s\",\"capabilities\":{\"tools\":{}},"
                                   "\"serverInfo\":{\"name\":\"rogue\",\"version\":\"1\"}}}",
                                   id_json,
                                   json_object_get_string_member (params, "protocolVersion"));
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Mcp-Session-Id", "rogue-session");
          rogue_respond (msg, "application/json", reply);
          return;
        }

      if (g_str_equal (rpc, "tools/call"))
        {
          g_free (rogue->call_id);
          rogue->call_id = g_strdup (id_json);
          /* 4,000,000,000 ms: what a hostile server may ask. */
          rogue_respond (msg, "text/event-stream", "id: e1\nretry: 4000000000\ndata:\n\n");
          return;
        }

      reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":{}}", id_json);
      rogue_respond (msg, "application/json", reply);
      return;
    }

  if (g_str_equal (method, "GET") &&
      g_strcmp0 (soup_message_headers_get_one (headers, "Last-Event-ID"), "e1") == 0 &&
      rogue->call_id != NULL)
    {
      g_autofree char *event = NULL;

      rogue->resumes++;
      event = g_strdup_printf ("id: e2\ndata: {\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":"
                               "{\"content\":[{\"type\":\"text\",\"text\":\"Echo: resumed\"}]}}\n\n",
                               rogue->call_id);
      rogue_respond (msg, "text/event-stream", event);
      return;
    }

  if (g_str_equal (method, "DELETE"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
}

static McpTransport *
quick_retry_factory (McpConnectionPool *pool,
                     const char        *url,
                     const char        *auth_token,
                     gpointer           user_data)
{
  McpHttpTransport *transport = mcp_http_transport_new (url);

  mcp_http_transport_set_open_event_stream (transport, FALSE);
  mcp_http_transport_set_max_retry_delay (transport, GPOINTER_TO_UINT (user_data));

  return MCP_TRANSPORT (transport);
}

static void
test_retry_capped (void)
{
  Rogue rogue = { 0 };
  McpConnectionPool *pool = mcp_connection_pool_new ();
  g_autoptr(McpHttpTransport) defaults = mcp_http_transport_new ("http://127.0.0.1:9/");
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (mcp_http_transport_get_max_retry_delay (defaults), ==,
                    MCP_HTTP_DEFAULT_MAX_RETRY_DELAY);
  g_assert_cmpuint (MCP_HTTP_DEFAULT_MAX_RETRY_DELAY, ==, 60000);

  rogue.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (rogue.server, NULL, rogue_handler, &rogue, NULL);
  g_assert_true (soup_server_listen_local (rogue.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (rogue.server);
  rogue.url = g_strdup_printf ("http://127.0.0.1:%d/mcp", g_uri_get_port (uris->data));

  /* Obeyed, the server's retry: would hold the call for 46 days (and the
   * test would time out); capped at 50 ms, it resumes at once. */
  mcp_connection_pool_set_transport_factory (pool, "http", quick_retry_factory,
                                             GUINT_TO_POINTER (50), NULL);
  text = pool_echo (pool, rogue.url, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Echo: resumed");
  g_assert_cmpuint (rogue.resumes, ==, 1);

  pool_free (pool);
  soup_server_disconnect (rogue.server);
  g_clear_object (&rogue.server);
  g_free (rogue.url);
  g_free (rogue.call_id);
}

/* TLS ------------------------------------------------------------------------ */

static McpTransport *
trusting_factory (McpConnectionPool *pool,
                  const char        *url,
                  const char        *auth_token,
                  gpointer           user_data)
{
  McpHttpTransport *transport = mcp_http_transport_new (url);

  soup_session_set_tls_database (mcp_http_transport_get_soup_session (transport), user_data);
  return MCP_TRANSPORT (transport);
}

/* Pinned to 127.0.0.1, TLS still sees the host name: the certificate names
 * only `tls.test`, so it verifies only if SNI and the identity check use
 * the name, not the address. */
static void
test_tls_keeps_host_name (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(McpServer) server = NULL;
  g_autoptr(McpHttpServerTransport) http = NULL;
  g_autofree char *url = NULL;
  g_autofree char *named = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  McpConnectionPool *pool;
  gint status = 0;

  if (openssl == NULL || !g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("needs openssl(1) and a GIO TLS backend (glib-networking)");
      return;
    }

  if (!mcp_test_run_without_leak_check ())
    return;

  dir = g_dir_make_tmp ("mcp-url-policy-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert_path = g_build_filename (dir, "cert.pem", NULL);
  key_path = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                           "-keyout", key_path, "-out", cert_path, "-days", "1",
                           "-subj", "/CN=tls.test", "-addext", "subjectAltName=DNS:tls.test", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);

  server = echo_server_new ();
  http = http_listener_new (server);
  mcp_http_server_transport_set_tls_certificate (http, certificate);
  start_listener (server, MCP_SERVER_TRANSPORT (http));
  url = mcp_http_server_transport_dup_url (http);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));
  named = with_host (url, "tls.test");

  pool = mcp_connection_pool_new ();
  g_object_set (pool, "retry-strategy", MCP_RETRY_STRATEGY_NONE, NULL);
  mcp_connection_pool_set_transport_factory (pool, "https", trusting_factory,
                                             g_object_ref (database), g_object_unref);
  g_hash_table_remove_all (resolver->lookups);
  text = pool_echo (pool, named, "over TLS", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Echo: over TLS");
  g_assert_cmpuint (lookups ("tls.test"), ==, 1);
  g_clear_pointer (&text, g_free);

  /* The same server by address: the certificate does not name it. */
  text = pool_echo (pool, url, "by address", &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  g_clear_error (&error);
  pool_free (pool);

  mcp_server_transport_stop_async (MCP_SERVER_TRANSPORT (http), NULL, NULL, NULL);
  mcp_test_spin (20);
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  resolver = g_object_new (test_resolver_get_type (), NULL);
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add_func ("/Mcp/UrlPolicy/literals", test_literals);
  g_test_add_func ("/Mcp/UrlPolicy/aliases", test_policy_aliases);
  g_test_add_func ("/Mcp/UrlPolicy/resolved-names", test_resolved_names);
  g_test_add_func ("/Mcp/UrlPolicy/rebinding", test_rebinding);
  g_test_add_func ("/Mcp/UrlPolicy/redirects", test_redirects);
  g_test_add_func ("/Mcp/UrlPolicy/retry-capped", test_retry_capped);
  g_test_add_func ("/Mcp/UrlPolicy/tls-keeps-host-name", test_tls_keeps_host_name);

  return g_test_run ();
}

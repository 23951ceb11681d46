/* test-scale-out.c: three mcp-everything-server replicas behind nginx,
 * the load balancer from Debian, run unprivileged on 127.0.0.1 with a
 * generated configuration in a temporary prefix:
 *
 * - modern-era (2026-07-28) calls spread over all three replicas, as each
 *   replica's /metrics counts them, and a requestState sealed by one
 *   replica is redeemed at another (a shared --request-state-secret-file);
 * - a replica killed in the middle of a run of modern-era calls: nginx
 *   passes the next ones to the others and every call succeeds;
 * - 2025-era sessions pinned to their replica by the --node-id prefix of
 *   their session id (an nginx map on Mcp-Session-Id); when their replica
 *   dies, the backup answers 404 and McpClient re-initializes there;
 * - a WebSocket client through nginx with a 2 s proxy_read_timeout keeps
 *   its connection across several timeout windows thanks to its keepalive
 *   pings, while one without pings is cut;
 * - mcp-everything-server --workers 2: two processes on one port, a worker
 *   killed and started again, SIGTERM passed on for the drain.
 *
 * The cases with nginx skip when it is not installed.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include <glib/gstdio.h>
#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

#define N_REPLICAS 3
#define STATE_SECRET "scale-out-test-secret-0123456789abcdef-shared-by-all"
#define MODERN MCP_PROTOCOL_VERSION_2026_07_28

typedef struct
{
  GSubprocess *process;
  char         node_id[8];    /* node1 … */
  guint        http_port;
  guint        ws_port;
} Replica;

typedef struct
{
  char        *nginx;         /* the binary, NULL when absent */
  char        *dir;           /* the temporary prefix */
  char        *secret_file;
  Replica      replicas[N_REPLICAS];
  GSubprocess *proxy;
  guint        port;
  char        *mcp_url;       /* http://127.0.0.1:PORT/mcp */
  char        *ws_url;        /* ws://127.0.0.1:PORT/ws */
} ScaleOut;

static ScaleOut scale;

static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

static char *
find_nginx (void)
{
  char *path = g_find_program_in_path ("nginx");

  if (path == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup ("/usr/sbin/nginx");
  return path;
}

/* A port nobody listens on now; nginx gets it a moment later. */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The port of "SCHEME://127.0.0.1:PORT" in @line, or 0. */
static guint
port_in (const char *line,
         const char *scheme)
{
  g_autofree char *prefix = g_strdup_printf ("%s://127.0.0.1:", scheme);
  const char *start = strstr (line, prefix);

  return start != NULL ? (guint) g_ascii_strtoull (start + strlen (prefix), NULL, 10) : 0;
}

/* Starts (or restarts, on the ports it had) replica @i. */
static void
replica_start (guint i)
{
  Replica *r = &scale.replicas[i];
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autofree char *http = g_strdup_printf ("127.0.0.1:%u", r->http_port);
  g_autofree char *ws = g_strdup_printf ("127.0.0.1:%u", r->ws_port);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  g_snprintf (r->node_id, sizeof r->node_id, "node%u", i + 1);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  /* Configured from the environment, as a container or systemd would. */
  g_subprocess_launcher_setenv (launcher, "MCP_NODE_ID", r->node_id, TRUE);
  g_subprocess_launcher_setenv (launcher, "MCP_METRICS", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "MCP_REQUEST_STATE_SECRET_FILE", scale.secret_file, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  r->process = g_subprocess_launcher_spawn (launcher, &error, path, "--http", http, "--ws", ws,
                                            NULL);
  g_assert_no_error (error);

  for (guint n = 0; n < 2; n++)
    {
      g_autofree char *line = mcp_test_read_line (g_subprocess_get_stderr_pipe (r->process),
                                                  MCP_TEST_TIMEOUT_MS);

      g_assert_nonnull (line);
      if (port_in (line, "http") != 0)
        r->http_port = port_in (line, "http");
      if (port_in (line, "ws") != 0)
        r->ws_port = port_in (line, "ws");
    }
  g_assert_cmpuint (r->http_port, !=, 0);
  g_assert_cmpuint (r->ws_port, !=, 0);
}

/* Brings replica @i back and waits out nginx's fail_timeout (1 s, counted
 * in whole seconds), after which it is in the rotation again. */
static void
replica_restart (guint i)
{
  replica_start (i);
  mcp_test_spin (2100);
}

static void
replica_kill (guint i)
{
  Replica *r = &scale.replicas[i];

  g_subprocess_force_exit (r->process);
  g_subprocess_wait (r->process, NULL, NULL);
  g_clear_object (&r->process);
}

/* One GET or POST straight to @url; returns the status, the body in @body. */
static guint
http_request (const char  *url,
              const char  *post_body,
              char       **body)
{
  g_autoptr(SoupSession) soup = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (post_body != NULL ? SOUP_METHOD_POST
                                                                   : SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json, text/event-stream");
  if (post_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (post_body, strlen (post_body));

      soup_message_headers_append (soup_message_get_request_headers (msg),
                                   "MCP-Protocol-Version", MODERN);
      soup_message_headers_append (soup_message_get_request_headers (msg), "Mcp-Method",
                                   "tools/call");
      soup_message_headers_append (soup_message_get_request_headers (msg), "Mcp-Name",
                                   "test_input_required_result_request_state");
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb,
                                    &result);
  bytes = soup_session_send_and_read_finish (soup, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (msg);
}

/* mcp_tool_calls_total{tool="@tool",outcome="ok"} at replica @i. */
static guint64
replica_tool_calls (guint       i,
                    const char *tool)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/metrics",
                                          scale.replicas[i].http_port);
  g_autofree char *key = g_strdup_printf ("mcp_tool_calls_total{tool=\"%s\",outcome=\"ok\"} ",
                                          tool);
  g_autofree char *body = NULL;
  const char *line;

  g_assert_cmpuint (http_request (url, NULL, &body), ==, 200);
  line = strstr (body, key);
  return line != NULL ? g_ascii_strtoull (line + strlen (key), NULL, 10) : 0;
}

static void
write_config (void)
{
  g_autoptr(GString) conf = g_string_new (NULL);
  g_autofree char *path = g_build_filename (scale.dir, "nginx.conf", NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (conf,
                          "master_process off;\n"
                          "worker_processes 1;\n"
                          "events { worker_connections 512; }\n"
                          "http {\n"
                          "  log_format mcp '$request_method $status $upstream_addr $upstream_status sid=$http_mcp_session_id';\n"
                          "  access_log %1$s/access.log mcp;\n"
                          "  client_body_temp_path %1$s/body;\n"
                          "  proxy_temp_path %1$s/proxy;\n"
                          "  fastcgi_temp_path %1$s/fastcgi;\n"
                          "  uwsgi_temp_path %1$s/uwsgi;\n"
                          "  scgi_temp_path %1$s/scgi;\n",
                          scale.dir);
  /* Stateless: any replica; a dead one is skipped for 1 s. */
  g_string_append (conf, "  upstream replicas {\n");
  for (guint i = 0; i < N_REPLICAS; i++)
    g_string_append_printf (conf, "    server 127.0.0.1:%u max_fails=1 fail_timeout=1s;\n",
                            scale.replicas[i].http_port);
  g_string_append (conf, "  }\n");
  /* A session's own replica first; the others, which answer 404, after. */
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_string_append_printf (conf, "  upstream %s {\n", scale.replicas[i].node_id);
      for (guint j = 0; j < N_REPLICAS; j++)
        g_string_append_printf (conf, "    server 127.0.0.1:%u%s;\n", scale.replicas[j].http_port,
                                j == i ? " max_fails=1 fail_timeout=1s" : " backup");
      g_string_append (conf, "  }\n");
    }
  g_string_append (conf, "  upstream ws_replicas {\n");
  for (guint i = 0; i < N_REPLICAS; i++)
    g_string_append_printf (conf, "    server 127.0.0.1:%u;\n", scale.replicas[i].ws_port);
  g_string_append (conf, "  }\n"
                         "  map $http_mcp_session_id $mcp_backend {\n"
                         "    default replicas;\n");
  for (guint i = 0; i < N_REPLICAS; i++)
    g_string_append_printf (conf, "    \"~^%1$s-\" %1$s;\n", scale.replicas[i].node_id);
  g_string_append_printf (conf,
                          "  }\n"
                          "  map $http_upgrade $connection_upgrade {\n"
                          "    default upgrade;\n"
                          "    \"\" close;\n"
                          "  }\n"
                          "  server {\n"
                          "    listen 127.0.0.1:%u;\n"
                          "    location /mcp {\n"
                          "      proxy_pass http://$mcp_backend;\n"
                          "      proxy_http_version 1.1;\n"
                          "      proxy_set_header Host $http_host;\n"
                          "      proxy_set_header Connection \"\";\n"
                          "      proxy_buffering off;\n"
                          "      proxy_read_timeout 1h;\n"
                          "      proxy_next_upstream error timeout http_502 http_503;\n"
                          "      proxy_next_upstream_tries 3;\n"
                          "    }\n"
                          "    location /ws {\n"
                          "      proxy_pass http://ws_replicas;\n"
                          "      proxy_http_version 1.1;\n"
                          "      proxy_set_header Host $http_host;\n"
                          "      proxy_set_header Upgrade $http_upgrade;\n"
                          "      proxy_set_header Connection $connection_upgrade;\n"
                          /* Short on purpose: only pings keep a connection. */
                          "      proxy_read_timeout 2s;\n"
                          "      proxy_send_timeout 2s;\n"
                          "    }\n"
                          "  }\n"
                          "}\n",
                          scale.port);
  g_file_set_contents (path, conf->str, conf->len, &error);
  g_assert_no_error (error);
}

static gboolean
proxy_answers (void)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", scale.port, NULL, NULL);
  return connection != NULL;
}

static void
proxy_start (void)
{
  g_autofree char *conf = g_build_filename (scale.dir, "nginx.conf", NULL);
  g_autofree char *globals = g_strdup_printf ("daemon off; pid %s/nginx.pid; error_log stderr;",
                                              scale.dir);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  scale.port = free_port ();
  write_config ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* -e: the error log before the configuration is read, not /var/log. */
  scale.proxy = g_subprocess_launcher_spawn (launcher, &error, scale.nginx, "-e", "stderr",
                                             "-p", scale.dir, "-c", conf, "-g", globals, NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 100 && !proxy_answers (); i++)
    {
      g_assert_null (g_subprocess_get_identifier (scale.proxy) == NULL ? "nginx exited" : NULL);
      g_usleep (50 * 1000);
    }
  g_assert_true (proxy_answers ());
  scale.mcp_url = g_strdup_printf ("http://127.0.0.1:%u/mcp", scale.port);
  scale.ws_url = g_strdup_printf ("ws://127.0.0.1:%u/ws", scale.port);
}

static void
scale_out_start (void)
{
  g_autoptr(GError) error = NULL;

  scale.dir = g_dir_make_tmp ("mcp-scale-out-XXXXXX", &error);
  g_assert_no_error (error);
  scale.secret_file = g_build_filename (scale.dir, "request-state.key", NULL);
  g_file_set_contents (scale.secret_file, STATE_SECRET "\n", -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_REPLICAS; i++)
    replica_start (i);
  proxy_start ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
scale_out_stop (void)
{
  if (scale.proxy != NULL)
    {
      g_subprocess_force_exit (scale.proxy);
      g_subprocess_wait (scale.proxy, NULL, NULL);
      g_clear_object (&scale.proxy);
    }
  for (guint i = 0; i < N_REPLICAS; i++)
    if (scale.replicas[i].process != NULL)
      replica_kill (i);
  /* MCP_TEST_KEEP_NGINX_PREFIX=1 keeps nginx.conf and access.log to look at. */
  if (scale.dir != NULL && g_getenv ("MCP_TEST_KEEP_NGINX_PREFIX") == NULL)
    remove_tree (scale.dir);
  g_clear_pointer (&scale.dir, g_free);
  g_clear_pointer (&scale.secret_file, g_free);
  g_clear_pointer (&scale.mcp_url, g_free);
  g_clear_pointer (&scale.ws_url, g_free);
}

static gboolean
need_nginx (void)
{
  if (scale.nginx != NULL)
    return TRUE;
  g_test_skip ("nginx is not installed (apt-get install nginx-light)");
  return FALSE;
}

/* Clients ------------------------------------------------------------------- */

static void
on_elicitation (McpClient             *client,
                McpElicitationRequest *request,
                gpointer               user_data)
{
  g_autoptr(JsonNode) content = mcp_test_parse ("{\"ok\":\"yes\"}");

  mcp_elicitation_request_return_accept (request, content);
}

static McpClient *
client_connect (McpTransport *transport,
                const char   *version)
{
  g_autoptr(McpClient) client = mcp_client_new ("scale-out-test", "1.0");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_set_requested_protocol_version (client, version);
  mcp_client_set_elicitation_handler (client, MCP_ELICITATION_MODE_FORM, on_elicitation, NULL, NULL);
  mcp_client_connect_async (client, transport, NULL, mcp_test_store_result_cb, &result);
  mcp_client_connect_finish (client, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

static void
client_disconnect (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  mcp_client_disconnect_finish (client, mcp_test_wait_result (&result), NULL);
}

/* Calls @tool and returns its text; fails the test on any error. */
static char *
call_text (McpClient  *client,
           const char *tool,
           const char *arguments)
{
  g_autoptr(JsonNode) args = mcp_test_parse (arguments);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) answer = NULL;

  mcp_client_call_tool_async (client, tool, args, NULL, mcp_test_store_result_cb, &result);
  answer = mcp_client_call_tool_finish (client, mcp_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (mcp_tool_result_get_is_error (answer));
  return mcp_tool_result_dup_text (answer);
}

static void
assert_echo (McpClient *client,
             guint      n)
{
  g_autofree char *arguments = g_strdup_printf ("{\"message\":\"call %u\"}", n);
  g_autofree char *expected = g_strdup_printf ("Echo: call %u", n);
  g_autofree char *text = call_text (client, "echo", arguments);

  g_assert_cmpstr (text, ==, expected);
}

/* 1. Modern era: round robin, requestState across replicas ------------------- */

#define N_SPREAD 30

static void
test_round_robin (void)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  guint64 before[N_REPLICAS], total = 0;
  g_autofree char *text = NULL;

  if (!need_nginx ())
    return;

  for (guint i = 0; i < N_REPLICAS; i++)
    before[i] = replica_tool_calls (i, "echo");

  transport = mcp_http_transport_new (scale.mcp_url);
  client = client_connect (MCP_TRANSPORT (transport), MODERN);
  for (guint n = 0; n < N_SPREAD; n++)
    assert_echo (client, n);

  /* nginx's round robin: each replica took its share. */
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      guint64 served = replica_tool_calls (i, "echo") - before[i];

      g_test_message ("%s served %" G_GUINT64_FORMAT " of %u calls",
                      scale.replicas[i].node_id, served, N_SPREAD);
      g_assert_cmpuint (served, >=, N_SPREAD / N_REPLICAS - 2);
      total += served;
    }
  g_assert_cmpuint (total, ==, N_SPREAD);

  /* An input round through the balancer: the retry lands on another
   * replica, which opens the state the first sealed. */
  for (guint n = 0; n < N_REPLICAS; n++)
    {
      g_free (text);
      text = call_text (client, "test_input_required_result_request_state", "{}");
      g_assert_cmpstr (text, ==, "state-ok: confirmed=yes");
    }

  client_disconnect (client);
}

static char *
confirm_request (guint       id,
                 const char *extra)
{
  return g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%u,\"method\":\"tools/call\",\"params\":{"
                          "\"name\":\"test_input_required_result_request_state\",\"arguments\":{},"
                          "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" MODERN "\","
                          "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}},"
                          "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}"
                          "%s}}", id, extra);
}

/* The same, by hand and without the balancer: sealed at node1, redeemed at
 * node2 and node3. */
static void
test_request_state_elsewhere (void)
{
  g_autofree char *first = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *result;
  g_autofree char *extra = NULL;

  if (!need_nginx ())
    return;

  first = confirm_request (1, "");
  url = g_strdup_printf ("http://127.0.0.1:%u/mcp", scale.replicas[0].http_port);
  g_assert_cmpuint (http_request (url, first, &body), ==, 200);
  reply = mcp_test_parse (body);
  result = json_object_get_object_member (json_node_get_object (reply), "result");
  g_assert_nonnull (result);
  g_assert_cmpstr (json_object_get_string_member (result, "resultType"), ==, "input_required");
  extra = g_strdup_printf (",\"requestState\":\"%s\",\"inputResponses\":{\"%s\":"
                           "{\"action\":\"accept\",\"content\":{\"ok\":\"sure\"}}}",
                           json_object_get_string_member (result, "requestState"),
                           (const char *) json_object_get_members (json_object_get_object_member (result, "inputRequests"))->data);

  for (guint i = 1; i < N_REPLICAS; i++)
    {
      g_autofree char *retry = confirm_request (2 + i, extra);
      g_autofree char *other = g_strdup_printf ("http://127.0.0.1:%u/mcp",
                                                scale.replicas[i].http_port);
      g_autofree char *answer = NULL;
      g_autoptr(JsonNode) done = NULL;
      JsonObject *complete;

      g_assert_cmpuint (http_request (other, retry, &answer), ==, 200);
      done = mcp_test_parse (answer);
      complete = json_object_get_object_member (json_node_get_object (done), "result");
      g_assert_nonnull (complete);
      g_assert_cmpstr (json_object_get_string_member (complete, "resultType"), ==, "complete");
      g_assert_nonnull (strstr (answer, "state-ok: confirmed=sure"));
    }
}

/* 2. A replica killed mid-run ------------------------------------------------- */

#define N_FAILOVER 30

static void
test_replica_killed (void)
{
  g_autoptr(McpHttpTransport) transport = NULL;
  g_autoptr(McpClient) client = NULL;
  guint64 before[N_REPLICAS], after;

  if (!need_nginx ())
    return;

  transport = mcp_http_transport_new (scale.mcp_url);
  client = client_connect (MCP_TRANSPORT (transport), MODERN);
  for (guint n = 0; n < N_FAILOVER; n++)
    {
      if (n == N_FAILOVER / 3)
        {
          for (guint i = 0; i < N_REPLICAS; i++)
            before[i] = replica_tool_calls (i, "echo");
          replica_kill (1);
        }
      assert_echo (client, n);
    }

  /* The others took every call after the kill. */
  after = 0;
  for (guint i = 0; i < N_REPLICAS; i++)
    if (i != 1)
      after += replica_tool_calls (i, "echo") - before[i];
  g_assert_cmpuint (after, ==, N_FAILOVER - N_FAILOVER / 3);

  client_disconnect (client);
  replica_restart (1);
}

/* 3. 2025-era sessions pinned by the node-id prefix ---------------------------- */

#define N_SESSIONS 6
#define N_PINNED_CALLS 5

typedef struct
{
  McpHttpTransport *transport;
  McpClient        *client;
  guint             reinitialized;
} Legacy;

static void
on_reinitialized (McpHttpTransport *transport,
                  const char       *session_id,
                  gpointer          user_data)
{
  Legacy *legacy = user_data;

  legacy->reinitialized++;
}

static guint
owner_of (const char *session_id)
{
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_autofree char *prefix = g_strconcat (scale.replicas[i].node_id, "-", NULL);

      if (g_str_has_prefix (session_id, prefix))
        return i;
    }
  g_assert_not_reached ();
}

static void
test_session_affinity (void)
{
  Legacy sessions[N_SESSIONS] = { { 0 } };
  guint owners[N_REPLICAS] = { 0 };
  guint64 before[N_REPLICAS];
  guint moved = 0;

  if (!need_nginx ())
    return;

  /* New sessions go anywhere; each id names its replica. */
  for (guint s = 0; s < N_SESSIONS; s++)
    {
      sessions[s].transport = mcp_http_transport_new (scale.mcp_url);
      g_signal_connect (sessions[s].transport, "session-reinitialized",
                        G_CALLBACK (on_reinitialized), &sessions[s]);
      sessions[s].client = client_connect (MCP_TRANSPORT (sessions[s].transport),
                                           MCP_PROTOCOL_VERSION_2025_11_25);
      g_assert_cmpstr (mcp_client_get_protocol_version (sessions[s].client), ==,
                       MCP_PROTOCOL_VERSION_2025_11_25);
      owners[owner_of (mcp_http_transport_get_session_id (sessions[s].transport))]++;
    }
  for (guint i = 0; i < N_REPLICAS; i++)
    g_assert_cmpuint (owners[i], >=, 1);

  /* Every call of a session reaches the replica that holds it: a call
   * anywhere else would get 404 and a new session. */
  for (guint i = 0; i < N_REPLICAS; i++)
    before[i] = replica_tool_calls (i, "echo");
  for (guint n = 0; n < N_PINNED_CALLS; n++)
    for (guint s = 0; s < N_SESSIONS; s++)
      assert_echo (sessions[s].client, n);
  for (guint i = 0; i < N_REPLICAS; i++)
    g_assert_cmpuint (replica_tool_calls (i, "echo") - before[i], ==, owners[i] * N_PINNED_CALLS);
  for (guint s = 0; s < N_SESSIONS; s++)
    g_assert_cmpuint (sessions[s].reinitialized, ==, 0);

  /* node1 dies: its sessions fall to a backup, which does not know them
   * (404), and McpClient starts them again there. */
  replica_kill (0);
  for (guint s = 0; s < N_SESSIONS; s++)
    {
      g_autofree char *old_id = g_strdup (mcp_http_transport_get_session_id (sessions[s].transport));
      gboolean orphan = owner_of (old_id) == 0;

      assert_echo (sessions[s].client, 100 + s);
      g_assert_cmpuint (sessions[s].reinitialized, ==, orphan ? 1 : 0);
      if (orphan)
        {
          g_assert_cmpuint (owner_of (mcp_http_transport_get_session_id (sessions[s].transport)), !=, 0);
          moved++;
        }
      else
        g_assert_cmpstr (mcp_http_transport_get_session_id (sessions[s].transport), ==, old_id);
    }
  g_assert_cmpuint (moved, ==, owners[0]);
  g_test_message ("%u session(s) of node1 started again elsewhere", moved);

  for (guint s = 0; s < N_SESSIONS; s++)
    {
      client_disconnect (sessions[s].client);
      g_clear_object (&sessions[s].client);
      g_clear_object (&sessions[s].transport);
    }
  replica_restart (0);
}

/* 4. WebSocket through the proxy, kept open by pings ---------------------------- */

typedef struct
{
  guint disconnects;
} Watch;

static void
on_state_changed (McpTransport      *transport,
                  McpTransportState  old_state,
                  McpTransportState  new_state,
                  gpointer           user_data)
{
  Watch *watch = user_data;

  if (new_state == MCP_TRANSPORT_STATE_DISCONNECTED)
    watch->disconnects++;
}

static void
test_websocket_keepalive (void)
{
  g_autoptr(McpWebSocketTransport) pinging = NULL;
  g_autoptr(McpWebSocketTransport) silent = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(McpClient) quiet = NULL;
  Watch pinging_watch = { 0 }, silent_watch = { 0 };
  gint64 deadline;

  if (!need_nginx ())
    return;

  pinging = mcp_websocket_transport_new (scale.ws_url);
  mcp_websocket_transport_set_keepalive_interval (pinging, 1);
  silent = mcp_websocket_transport_new (scale.ws_url);
  mcp_websocket_transport_set_keepalive_interval (silent, 0);
  client = client_connect (MCP_TRANSPORT (pinging), NULL);
  quiet = client_connect (MCP_TRANSPORT (silent), NULL);
  g_signal_connect (pinging, "state-changed", G_CALLBACK (on_state_changed), &pinging_watch);
  g_signal_connect (silent, "state-changed", G_CALLBACK (on_state_changed), &silent_watch);
  assert_echo (client, 1);
  assert_echo (quiet, 1);

  /* Idle for three of nginx's 2 s read timeouts. */
  deadline = g_get_monotonic_time () + 6500 * 1000;
  while (g_get_monotonic_time () < deadline)
    mcp_test_spin (100);

  g_assert_cmpuint (pinging_watch.disconnects, ==, 0);
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (pinging)), ==, MCP_TRANSPORT_STATE_CONNECTED);
  assert_echo (client, 2);
  /* Without pings, nginx closed the idle connection. */
  g_assert_cmpuint (silent_watch.disconnects, >=, 1);

  client_disconnect (client);
  client_disconnect (quiet);
}

/* 5. --workers: two processes on one port, a supervisor -------------------------- */

static char *
read_line_with (GSubprocess *process,
                const char  *needle)
{
  for (guint i = 0; i < 20; i++)
    {
      char *line = mcp_test_read_line (g_subprocess_get_stderr_pipe (process), MCP_TEST_TIMEOUT_MS);

      g_assert_nonnull (line);
      if (strstr (line, needle) != NULL)
        return line;
      g_free (line);
    }
  g_error ("mcp-everything-server never said \"%s\"", needle);
  return NULL;
}

static void
test_workers (void)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  guint port = free_port ();
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/mcp", port);
  g_autofree char *children_path = NULL;
  g_autofree char *children = NULL;
  g_auto(GStrv) pids = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) supervisor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "MCP_WORKERS", "2", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  supervisor = g_subprocess_launcher_spawn (launcher, &error, path, "--http", address,
                                            "--shutdown-grace", "500", NULL);
  g_assert_no_error (error);
  g_free (read_line_with (supervisor, "supervising 2 workers"));
  g_free (read_line_with (supervisor, "listening on"));
  g_free (read_line_with (supervisor, "listening on"));

  /* A worker killed is started again on the same port. */
  children_path = g_strdup_printf ("/proc/%s/task/%s/children", g_subprocess_get_identifier (supervisor),
                                   g_subprocess_get_identifier (supervisor));
  if (g_file_get_contents (children_path, &children, NULL, NULL))
    {
      pids = g_strsplit (g_strstrip (children), " ", -1);
      g_assert_cmpuint (g_strv_length (pids), ==, 2);
      g_assert_cmpint (kill ((pid_t) g_ascii_strtoll (pids[0], NULL, 10), SIGKILL), ==, 0);
      g_free (read_line_with (supervisor, "starting it again"));
      g_free (read_line_with (supervisor, "listening on"));
    }

  /* Stateless calls on fresh connections, whichever worker takes them. */
  for (guint n = 0; n < 10; n++)
    {
      g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (url);
      g_autoptr(McpClient) client = client_connect (MCP_TRANSPORT (transport), MODERN);

      assert_echo (client, n);
      client_disconnect (client);
    }

  /* SIGTERM reaches both workers; they drain and the supervisor exits 0. */
  g_subprocess_send_signal (supervisor, SIGTERM);
  g_subprocess_wait_async (supervisor, NULL, mcp_test_store_result_cb, &result);
  g_assert_true (g_subprocess_wait_finish (supervisor, mcp_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (supervisor));
  g_assert_cmpint (g_subprocess_get_exit_status (supervisor), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  scale.nginx = find_nginx ();
  if (scale.nginx != NULL)
    scale_out_start ();

  g_test_add_func ("/Mcp/ScaleOut/round-robin", test_round_robin);
  g_test_add_func ("/Mcp/ScaleOut/request-state-elsewhere", test_request_state_elsewhere);
  g_test_add_func ("/Mcp/ScaleOut/replica-killed", test_replica_killed);
  g_test_add_func ("/Mcp/ScaleOut/session-affinity", test_session_affinity);
  g_test_add_func ("/Mcp/ScaleOut/websocket-keepalive", test_websocket_keepalive);
  g_test_add_func ("/Mcp/ScaleOut/workers", test_workers);

  status = g_test_run ();
  scale_out_stop ();
  g_clear_pointer (&scale.nginx, g_free);
  return status;
}

/* test-admission.c: who gets in, and how many, on the HTTP and WebSocket
 * server transports: Host and Origin checks, the request-head deadline,
 * connection caps, file-descriptor exhaustion and churn. In process, and
 * against a real mcp-everything-server subprocess.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-admission-private.h"
#include "mcp-test-util.h"

/* EWOULDBLOCK is EAGAIN on Linux, but not everywhere. */
static inline gboolean
would_block (int code)
{
#if EWOULDBLOCK != EAGAIN
  if (code == EWOULDBLOCK)
    return TRUE;
#endif
  return code == EAGAIN;
}

#define PING "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"
#define INITIALIZE \
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{" \
  "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}," \
  "\"clientInfo\":{\"name\":\"admission\",\"version\":\"1\"}}}"

/* Raw sockets ------------------------------------------------------------------
 *
 * Non-blocking, so that a server in this process keeps running while we
 * wait: every wait iterates the main context and has a deadline.
 */

static int
raw_open (const char *from,
          guint       port)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

  if (fd < 0)
    return -1;

  if (from != NULL)
    {
      struct sockaddr_in local = { .sin_family = AF_INET };

      g_assert_cmpint (inet_pton (AF_INET, from, &local.sin_addr), ==, 1);
      if (bind (fd, (struct sockaddr *) &local, sizeof local) != 0)
        {
          close (fd);
          return -1;
        }
    }

  g_assert_cmpint (inet_pton (AF_INET, "127.0.0.1", &address.sin_addr), ==, 1);
  address.sin_port = htons (port);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0 && errno != EINPROGRESS)
    {
      close (fd);
      return -1;
    }

  return fd;
}

static void
raw_send (int         fd,
          const char *text,
          gsize       length)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) MCP_TEST_TIMEOUT_MS * 1000;
  gsize sent = 0;

  while (sent < length)
    {
      gssize n = send (fd, text + sent, length - sent, MSG_NOSIGNAL);

      if (n > 0)
        sent += n;
      else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)
        return;  /* the server closed it: the reader will see */
      else
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (500);
        }
    }
}

/* Reads until @until appears (or, with NULL, until the end of the stream)
 * or @timeout_ms passes. *closed says whether the server closed it. */
static GString *
raw_read (int         fd,
          const char *until,
          guint       timeout_ms,
          gboolean   *closed)
{
  GString *data = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  *closed = FALSE;
  while (g_get_monotonic_time () < deadline)
    {
      char buffer[4096];
      gssize n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT);

      if (n > 0)
        {
          g_string_append_len (data, buffer, n);
          if (until != NULL && strstr (data->str, until) != NULL)
            break;
          continue;
        }
      if (n == 0 || (!would_block (errno) && errno != EINTR))
        {
          *closed = TRUE;
          break;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }

  return data;
}

/* The status of the first response on @fd, or 0 if it was closed first. */
static guint
raw_status (int fd)
{
  g_autoptr(GString) head = NULL;
  gboolean closed;
  guint status = 0;

  head = raw_read (fd, "\r\n\r\n", MCP_TEST_TIMEOUT_MS, &closed);
  if (g_str_has_prefix (head->str, "HTTP/1.1 ") && head->len >= 12)
    status = (guint) g_ascii_strtoull (head->str + 9, NULL, 10);

  return status;
}

/* Whether the server closes @fd within @timeout_ms (reading what it sends). */
static gboolean
raw_closed_within (int   fd,
                   guint timeout_ms)
{
  g_autoptr(GString) ignored = NULL;
  gboolean closed;

  ignored = raw_read (fd, NULL, timeout_ms, &closed);
  return closed;
}

static char *
http_post (const char *host,
           const char *origin,
           const char *session_id,
           const char *body)
{
  return g_strdup_printf ("POST /mcp HTTP/1.1\r\n"
                          "Host: %s\r\n"
                          "%s%s%s"
                          "%s%s%s"
                          "Content-Type: application/json\r\n"
                          "Accept: application/json, text/event-stream\r\n"
                          "MCP-Protocol-Version: 2025-06-18\r\n"
                          "Content-Length: %zu\r\n"
                          "\r\n%s",
                          host,
                          origin != NULL ? "Origin: " : "", origin != NULL ? origin : "",
                          origin != NULL ? "\r\n" : "",
                          session_id != NULL ? "Mcp-Session-Id: " : "",
                          session_id != NULL ? session_id : "",
                          session_id != NULL ? "\r\n" : "",
                          strlen (body), body);
}

static char *
ws_upgrade (const char *host,
            const char *origin)
{
  return g_strdup_printf ("GET / HTTP/1.1\r\n"
                          "Host: %s\r\n"
                          "%s%s%s"
                          "Upgrade: websocket\r\n"
                          "Connection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\n"
                          "Sec-WebSocket-Protocol: mcp\r\n"
                          "\r\n",
                          host,
                          origin != NULL ? "Origin: " : "", origin != NULL ? origin : "",
                          origin != NULL ? "\r\n" : "");
}

/* One request on a new connection; returns the response status. */
static guint
raw_request_status (guint       port,
                    const char *request)
{
  int fd = raw_open (NULL, port);
  guint status;

  g_assert_cmpint (fd, >=, 0);
  raw_send (fd, request, strlen (request));
  status = raw_status (fd);
  close (fd);

  return status;
}

/* The everything server ------------------------------------------------------ */

typedef struct
{
  GSubprocess *process;
  guint        port;
} ServerProcess;

static void
limit_descriptors (gpointer user_data)
{
  /* Soft and hard: the server raises its soft limit to the hard one. */
  struct rlimit limit = { 1024, 1024 };

  setrlimit (RLIMIT_NOFILE, &limit);
}

static void
server_process_start (ServerProcess *server,
                      const char    *option,
                      gboolean       limit_to_1024)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *colon;

  /* Its stdout is not ours: a server left behind by a failed assertion
   * must not hold the test runner's pipe open. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  if (limit_to_1024)
    g_subprocess_launcher_set_child_setup (launcher, limit_descriptors, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, path, option, "127.0.0.1:0",
                                                 NULL);
  g_assert_no_error (error);

  line = mcp_test_read_line (g_subprocess_get_stderr_pipe (server->process), MCP_TEST_TIMEOUT_MS);
  g_assert_nonnull (line);
  colon = strstr (line, "127.0.0.1:");
  g_assert_nonnull (colon);
  server->port = (guint) g_ascii_strtoull (colon + strlen ("127.0.0.1:"), NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
}

static void
server_process_stop (ServerProcess *server)
{
  if (server->process == NULL)
    return;

  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

/* Resident memory of the server, in KiB, from /proc. */
static guint64
server_rss_kib (ServerProcess *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (server->process));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* Descriptors the server has open, from /proc. */
static guint
server_n_fds (ServerProcess *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd",
                                           g_subprocess_get_identifier (server->process));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The test process holds thousands of sockets in some tests. */
static void
raise_own_descriptor_limit (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  limit.rlim_cur = limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
}

/* A real client ------------------------------------------------------------------ */

static McpClient *
client_connect (const char *url,
                gboolean    websocket)
{
  g_autoptr(McpClient) client = mcp_client_new ("admission", "1.0");
  g_autoptr(McpTransport) transport = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (websocket)
    transport = MCP_TRANSPORT (mcp_websocket_transport_new (url));
  else
    {
      transport = MCP_TRANSPORT (mcp_http_transport_new (url));
      mcp_http_transport_set_request_timeout (MCP_HTTP_TRANSPORT (transport), 15000);
    }

  mcp_client_connect_async (client, transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&client);
}

static void
client_ping (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_ping_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_ping_finish (client, result, &error));
  g_assert_no_error (error);
}

static void
client_close (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  g_clear_object (&result);
  result = mcp_test_wait_result (&result);
  g_object_unref (client);
}

/* The policy itself ------------------------------------------------------------------ */

static void
test_policy (void)
{
  const char * const origins[] = { "https://app.example", NULL };
  const char * const hosts[] = { "mcp.example", "proxy.example:8443", NULL };
  McpAdmissionPolicy policy = { .loopback = TRUE, .auth_token = "s3cret" };
  g_autofree char *v6 = _mcp_admission_host_without_port ("[::1]:8080");
  g_autofree char *v4 = _mcp_admission_host_without_port ("127.0.0.1:8080");
  g_autofree char *bare6 = _mcp_admission_host_without_port ("::1");
  g_autofree char *bad = _mcp_admission_host_without_port ("[::1]x");
  g_autofree char *origin6 = _mcp_admission_origin_host ("http://[::1]:3000");

  g_assert_cmpstr (v6, ==, "::1");
  g_assert_cmpstr (v4, ==, "127.0.0.1");
  g_assert_cmpstr (bare6, ==, "::1");
  g_assert_null (bad);
  g_assert_cmpstr (origin6, ==, "::1");

  /* Host on a loopback listener. */
  g_assert_true (_mcp_admission_host_allowed (&policy, "localhost:1234"));
  g_assert_true (_mcp_admission_host_allowed (&policy, "LOCALHOST."));
  g_assert_true (_mcp_admission_host_allowed (&policy, "127.9.8.7"));
  g_assert_true (_mcp_admission_host_allowed (&policy, "[::1]:80"));
  g_assert_true (_mcp_admission_host_allowed (&policy, "app.localhost"));
  g_assert_false (_mcp_admission_host_allowed (&policy, "127.0.0.1.evil.example"));
  g_assert_false (_mcp_admission_host_allowed (&policy, "localhost.evil.example:80"));
  g_assert_false (_mcp_admission_host_allowed (&policy, "2130706433"));
  g_assert_false (_mcp_admission_host_allowed (&policy, NULL));
  /* An explicit list replaces the rule. */
  policy.allowed_hosts = hosts;
  g_assert_true (_mcp_admission_host_allowed (&policy, "MCP.example:80"));
  g_assert_true (_mcp_admission_host_allowed (&policy, "proxy.example:8443"));
  g_assert_false (_mcp_admission_host_allowed (&policy, "localhost"));
  policy.allowed_hosts = NULL;
  /* Not on loopback: any Host. */
  policy.loopback = FALSE;
  g_assert_true (_mcp_admission_host_allowed (&policy, "anything.example"));
  policy.loopback = TRUE;

  /* Origin. */
  g_assert_true (_mcp_admission_origin_allowed (&policy, NULL));
  g_assert_true (_mcp_admission_origin_allowed (&policy, "http://localhost:5173"));
  g_assert_false (_mcp_admission_origin_allowed (&policy, "http://127.0.0.1.evil.example"));
  g_assert_false (_mcp_admission_origin_allowed (&policy, "null"));
  g_assert_false (_mcp_admission_origin_allowed (&policy, "https://app.example"));
  policy.allowed_origins = origins;
  g_assert_true (_mcp_admission_origin_allowed (&policy, "HTTPS://APP.EXAMPLE"));
  g_assert_true (_mcp_admission_origin_allowed (&policy, "http://[::1]"));
  g_assert_false (_mcp_admission_origin_allowed (&policy, "https://app.example.evil"));

  /* Bearer tokens. */
  g_assert_cmpstr (_mcp_admission_bearer_token ("Bearer abc"), ==, "abc");
  g_assert_cmpstr (_mcp_admission_bearer_token ("bEaReR \t abc"), ==, "abc");
  g_assert_null (_mcp_admission_bearer_token ("Bearerabc"));
  g_assert_null (_mcp_admission_bearer_token ("Basic abc"));
  g_assert_null (_mcp_admission_bearer_token ("Bearer "));
  g_assert_cmpint (_mcp_admission_check_token (&policy, "bearer s3cret"), ==, MCP_ADMISSION_OK);
  g_assert_cmpint (_mcp_admission_check_token (&policy, "Bearer s3cres"), ==,
                   MCP_ADMISSION_BAD_TOKEN);
  g_assert_cmpint (_mcp_admission_check_token (&policy, "Bearer s3cret2"), ==,
                   MCP_ADMISSION_BAD_TOKEN);
  g_assert_cmpint (_mcp_admission_check_token (&policy, NULL), ==, MCP_ADMISSION_NO_TOKEN);
  policy.auth_token = NULL;
  g_assert_cmpint (_mcp_admission_check_token (&policy, NULL), ==, MCP_ADMISSION_OK);
}

/* Host and Origin, against the everything server ---------------------------------- */

static void
test_origin_and_host (void)
{
  static const char * const foreign[] = {
    "http://127.0.0.1.evil.example",
    "http://localhost.evil.example",
    "http://evil.example",
    "null",
  };
  static const char * const loopback[] = {
    "http://127.0.0.1:3000",
    "http://localhost:3000",
    "http://[::1]:3000",
    "http://app.localhost",
  };
  ServerProcess http = { 0 }, ws = { 0 };
  g_autofree char *local_host = NULL;
  g_autofree char *ws_local_host = NULL;

  server_process_start (&http, "--http", FALSE);
  server_process_start (&ws, "--ws", FALSE);
  local_host = g_strdup_printf ("localhost:%u", http.port);
  ws_local_host = g_strdup_printf ("localhost:%u", ws.port);

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autofree char *post = http_post (local_host, foreign[i], NULL, INITIALIZE);
      g_autofree char *upgrade = ws_upgrade (ws_local_host, foreign[i]);

      g_test_message ("Origin: %s", foreign[i]);
      g_assert_cmpuint (raw_request_status (http.port, post), ==, 403);
      g_assert_cmpuint (raw_request_status (ws.port, upgrade), ==, 403);
    }

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_autofree char *post = http_post (local_host, loopback[i], NULL, INITIALIZE);
      g_autofree char *upgrade = ws_upgrade (ws_local_host, loopback[i]);

      g_test_message ("Origin: %s", loopback[i]);
      g_assert_cmpuint (raw_request_status (http.port, post), ==, 200);
      g_assert_cmpuint (raw_request_status (ws.port, upgrade), ==, 101);
    }

  /* DNS rebinding: a foreign name for our loopback address. */
  {
    g_autofree char *post = http_post ("evil.example", NULL, NULL, INITIALIZE);
    g_autofree char *post_port = http_post ("127.0.0.1.evil.example:80", NULL, NULL, INITIALIZE);
    g_autofree char *upgrade = ws_upgrade ("evil.example", NULL);
    g_autofree char *upgrade_port = ws_upgrade ("localhost.evil.example:80", NULL);
    g_autofree char *post_ok = http_post (local_host, NULL, NULL, INITIALIZE);
    g_autofree char *upgrade_ok = ws_upgrade (ws_local_host, NULL);

    g_assert_cmpuint (raw_request_status (http.port, post), ==, 403);
    g_assert_cmpuint (raw_request_status (http.port, post_port), ==, 403);
    g_assert_cmpuint (raw_request_status (ws.port, upgrade), ==, 403);
    g_assert_cmpuint (raw_request_status (ws.port, upgrade_port), ==, 403);
    g_assert_cmpuint (raw_request_status (http.port, post_ok), ==, 200);
    g_assert_cmpuint (raw_request_status (ws.port, upgrade_ok), ==, 101);
  }

  server_process_stop (&http);
  server_process_stop (&ws);
}

/* In-process servers ---------------------------------------------------------------- */

typedef struct
{
  McpServer          *server;
  McpServerTransport *transport;
  gboolean            websocket;
  guint               port;
  char               *url;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->websocket = GPOINTER_TO_INT (data);
  f->server = mcp_server_new ("admission-test", "1.0");
  if (f->websocket)
    f->transport = MCP_SERVER_TRANSPORT (mcp_websocket_server_transport_new ("127.0.0.1", 0));
  else
    f->transport = MCP_SERVER_TRANSPORT (mcp_http_server_transport_new ());
  mcp_server_add_server_transport (f->server, f->transport);
}

static void
fixture_start (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_server_transport_start_async (f->transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_server_transport_start_finish (f->transport, result, &error));
  g_assert_no_error (error);

  if (f->websocket)
    {
      f->port = mcp_websocket_server_transport_get_port (MCP_WEBSOCKET_SERVER_TRANSPORT (f->transport));
      f->url = mcp_websocket_server_transport_dup_url (MCP_WEBSOCKET_SERVER_TRANSPORT (f->transport));
    }
  else
    {
      f->port = mcp_http_server_transport_get_bound_port (MCP_HTTP_SERVER_TRANSPORT (f->transport));
      f->url = mcp_http_server_transport_dup_url (MCP_HTTP_SERVER_TRANSPORT (f->transport));
    }
  g_assert_cmpuint (f->port, >, 0);
}

static guint
fixture_n_connections (Fixture *f)
{
  guint n = 0;

  g_object_get (f->transport, "n-connections", &n, NULL);
  return n;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_server_transport_stop_async (f->transport, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_clear_object (&f->transport);
  g_clear_object (&f->server);
  g_free (f->url);
  mcp_test_spin (20);
}

/* A request that is a valid start on either transport. */
static char *
fixture_request (Fixture *f)
{
  return f->websocket ? ws_upgrade ("127.0.0.1", NULL)
                      : http_post ("127.0.0.1", NULL, NULL, INITIALIZE);
}

/* The head deadline: silence, and a head sent one byte at a time. */
static void
test_header_deadline (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *request = NULL;
  const char *partial;
  gint64 deadline;
  int silent, slow, good;

  g_object_set (f->transport, "header-timeout", 300, NULL);
  fixture_start (f);
  request = fixture_request (f);
  partial = request;

  silent = raw_open (NULL, f->port);
  slow = raw_open (NULL, f->port);
  g_assert_cmpint (silent, >=, 0);
  g_assert_cmpint (slow, >=, 0);

  /* One byte every 50 ms would take far longer than the deadline. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (*partial != '\0' && g_get_monotonic_time () < deadline)
    {
      char byte;

      raw_send (slow, partial++, 1);
      mcp_test_spin (50);
      if (recv (slow, &byte, 1, MSG_DONTWAIT | MSG_PEEK) == 0)
        break;
    }
  g_assert_true (*partial != '\0');
  g_assert_true (raw_closed_within (slow, 5000));
  g_assert_true (raw_closed_within (silent, 5000));
  close (silent);
  close (slow);

  /* A client that sends its head in time is served. */
  good = raw_open (NULL, f->port);
  raw_send (good, request, strlen (request));
  g_assert_cmpuint (raw_status (good), ==, f->websocket ? 101 : 200);
  close (good);
}

/* Between requests: an idle kept-alive connection is closed after the idle
 * timeout, and one the client closes is forgotten at once (libsoup 3.2
 * alone keeps it for ever). */
static void
test_idle_connection (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *request = NULL;
  g_autoptr(GString) response = NULL;
  gboolean closed;
  int fd;

  g_object_set (f->transport, "connection-idle-timeout", 300, NULL);
  fixture_start (f);
  request = http_post ("127.0.0.1", NULL, NULL, INITIALIZE);

  fd = raw_open (NULL, f->port);
  raw_send (fd, request, strlen (request));
  response = raw_read (fd, "\"result\"", MCP_TEST_TIMEOUT_MS, &closed);
  g_assert_false (closed);
  g_assert_nonnull (strstr (response->str, "HTTP/1.1 200"));
  g_assert_true (raw_closed_within (fd, 5000));
  close (fd);
  mcp_test_wait_until (fixture_n_connections (f) == 0);

  /* The client leaves first, many times over. */
  g_object_set (f->transport, "connection-idle-timeout", 60000, NULL);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GString) reply = NULL;

      fd = raw_open (NULL, f->port);
      raw_send (fd, request, strlen (request));
      reply = raw_read (fd, "\"result\"", MCP_TEST_TIMEOUT_MS, &closed);
      g_assert_nonnull (strstr (reply->str, "HTTP/1.1 200"));
      close (fd);
    }
  mcp_test_wait_until (fixture_n_connections (f) == 0);
}

/* The server side of the connection from local port @client_port to
 * @server_port, as /proc/net/tcp shows it: its timer ("tr": 2 is the
 * keep-alive timer), or -1 when it is not there. */
static int
server_socket_timer (guint server_port,
                     guint client_port)
{
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/net/tcp", &table, NULL, NULL))
    return -1;
  lines = g_strsplit (table, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      guint local_port = 0, remote_port = 0, timer = 0;

      if (sscanf (lines[i], " %*u: %*8X:%X %*8X:%X %*X %*X:%*X %X:", &local_port, &remote_port,
                  &timer) == 3 &&
          local_port == server_port && remote_port == client_port)
        return (int) timer;
    }
  return -1;
}

static guint
local_port_of (int fd)
{
  struct sockaddr_in address;
  socklen_t length = sizeof address;

  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  return ntohs (address.sin_port);
}

/* With tcp-keepalive, the server's side of a silent connection runs the
 * keep-alive timer; with 0, it runs none. */
static void
test_tcp_keepalive (Fixture       *f,
                    gconstpointer  data)
{
  int on, off;
  guint on_port;

  g_object_set (f->transport, "tcp-keepalive", 5, NULL);
  fixture_start (f);

  on = raw_open (NULL, f->port);
  g_assert_cmpint (on, >=, 0);
  on_port = local_port_of (on);
  mcp_test_wait_until (fixture_n_connections (f) == 1);
  g_assert_cmpint (server_socket_timer (f->port, on_port), ==, 2);

  g_object_set (f->transport, "tcp-keepalive", 0, NULL);
  off = raw_open (NULL, f->port);
  g_assert_cmpint (off, >=, 0);
  mcp_test_wait_until (fixture_n_connections (f) == 2);
  g_assert_cmpint (server_socket_timer (f->port, local_port_of (off)), ==, 0);
  close (on);
  close (off);
}

/* More connections than one address may hold: the rest are refused, and
 * another address is still served. */
static void
test_per_address_cap (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *request = NULL;
  McpClient *client;
  int fds[12];
  guint refused = 0;

  g_object_set (f->transport, "max-connections-per-address", 4, NULL);
  fixture_start (f);
  request = fixture_request (f);

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      fds[i] = raw_open ("127.0.0.2", f->port);
      g_assert_cmpint (fds[i], >=, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      if (raw_closed_within (fds[i], 300))
        refused++;
    }
  g_assert_cmpuint (refused, ==, G_N_ELEMENTS (fds) - 4);
  g_assert_cmpuint (fixture_n_connections (f), ==, 4);

  client = client_connect (f->url, f->websocket);
  client_ping (client);
  client_close (client);

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
}

/* The total cap; a refused plain HTTP client is told why. */
static void
test_total_cap (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *request = NULL;
  int fds[6];
  int extra;

  g_object_set (f->transport, "max-connections", 6, "max-connections-per-address", 100, NULL);
  fixture_start (f);
  request = fixture_request (f);

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      fds[i] = raw_open (i % 2 == 0 ? "127.0.0.2" : "127.0.0.3", f->port);
      g_assert_cmpint (fds[i], >=, 0);
    }
  mcp_test_wait_until (fixture_n_connections (f) == G_N_ELEMENTS (fds));

  extra = raw_open ("127.0.0.4", f->port);
  g_assert_cmpint (raw_status (extra), ==, 503);
  close (extra);

  /* A free slot is used at once. */
  close (fds[0]);
  mcp_test_wait_until (fixture_n_connections (f) == G_N_ELEMENTS (fds) - 1);
  extra = raw_open ("127.0.0.4", f->port);
  raw_send (extra, request, strlen (request));
  g_assert_cmpuint (raw_status (extra), ==, f->websocket ? 101 : 200);
  close (extra);

  for (guint i = 1; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
}

/* The process runs out of descriptors while clients wait to be accepted;
 * the listener pauses, and serves again once descriptors are free. */
static void
test_descriptor_exhaustion (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new ();
  struct rlimit saved, tight;
  McpClient *client;
  int probe;

  g_object_set (f->transport, "max-connections", 100000, "max-connections-per-address", 100000,
                NULL);
  fixture_start (f);

  /* Fill the descriptor table from this side, without letting the server
   * accept (it runs in this thread). */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  probe = dup (0);
  g_assert_cmpint (probe, >=, 0);
  close (probe);
  tight = saved;
  tight.rlim_cur = (rlim_t) probe + 40;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &tight), ==, 0);

  for (guint i = 0; i < 200; i++)
    {
      int fd = raw_open ("127.0.0.2", f->port);

      if (fd < 0)
        break;
      g_ptr_array_add (held, GINT_TO_POINTER (fd));
    }
  g_assert_cmpuint (held->len, >, 10);
  g_assert_cmpuint (held->len, <, 200);

  /* The server accepts into a full table: EMFILE. */
  mcp_test_spin (100);

  for (guint i = 0; i < held->len; i++)
    close (GPOINTER_TO_INT (g_ptr_array_index (held, i)));
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  client = client_connect (f->url, f->websocket);
  client_ping (client);
  client_close (client);
}

/* 2,000 half-open connections, against the everything server ------------------------ */

static void
hold_half_open (const char *option,
                gboolean    websocket)
{
  ServerProcess server = { 0 };
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *url = NULL;
  McpClient *client;
  gint64 deadline;

  raise_own_descriptor_limit ();
  server_process_start (&server, option, TRUE);
  url = websocket ? g_strdup_printf ("ws://127.0.0.1:%u/", server.port)
                  : g_strdup_printf ("http://127.0.0.1:%u/mcp", server.port);

  client = client_connect (url, websocket);

  /* Bounded in count and in time. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (guint i = 0; i < 2000 && g_get_monotonic_time () < deadline; i++)
    {
      int fd = raw_open ("127.0.0.2", server.port);

      if (fd < 0)
        break;
      g_array_append_val (held, fd);
      if (i % 100 == 0)
        {
          client_ping (client);
          g_main_context_iteration (NULL, FALSE);
        }
    }
  g_assert_cmpuint (held->len, ==, 2000);

  /* A client from another address keeps working, new or old. */
  for (guint i = 0; i < 20; i++)
    client_ping (client);
  {
    McpClient *second = client_connect (url, websocket);

    client_ping (second);
    client_close (second);
  }

  /* The attacker leaves; new connections are accepted at once. */
  for (guint i = 0; i < held->len; i++)
    close (g_array_index (held, int, i));
  {
    McpClient *after = client_connect (url, websocket);

    client_ping (after);
    client_close (after);
  }

  client_ping (client);
  client_close (client);
  server_process_stop (&server);
}

static void
test_half_open_http (void)
{
  hold_half_open ("--http", FALSE);
}

static void
test_half_open_websocket (void)
{
  hold_half_open ("--ws", TRUE);
}

/* Churn: memory stays flat ------------------------------------------------------------- */

static guint
churn_count (const char *variable,
             guint       default_count)
{
  const char *value = g_getenv (variable);

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : default_count;
}

/* One short HTTP connection: a ping POST on the session, then close. */
static void
http_churn_once (guint       port,
                 const char *request)
{
  g_autoptr(GString) reply = NULL;
  gboolean closed;
  int fd = raw_open (NULL, port);

  g_assert_cmpint (fd, >=, 0);
  raw_send (fd, request, strlen (request));
  reply = raw_read (fd, "\"result\"", MCP_TEST_TIMEOUT_MS, &closed);
  g_assert_nonnull (strstr (reply->str, "HTTP/1.1 200"));
  close (fd);
}

/* One WebSocket: handshake, a close frame, then close. */
static void
ws_churn_once (guint       port,
               const char *upgrade)
{
  /* Masked close frame, code 1000. */
  static const char close_frame[] = { (char) 0x88, (char) 0x82, 1, 2, 3, 4,
                                      0x03 ^ 1, (char) (0xe8 ^ 2) };
  int fd = raw_open (NULL, port);

  g_assert_cmpint (fd, >=, 0);
  raw_send (fd, upgrade, strlen (upgrade));
  g_assert_cmpuint (raw_status (fd), ==, 101);
  raw_send (fd, close_frame, sizeof close_frame);
  raw_closed_within (fd, 2000);
  close (fd);
}

static char *
open_session (guint port)
{
  g_autofree char *request = http_post ("127.0.0.1", NULL, NULL, INITIALIZE);
  g_autoptr(GString) reply = NULL;
  gboolean closed;
  const char *id;
  const char *end;
  int fd = raw_open (NULL, port);

  raw_send (fd, request, strlen (request));
  reply = raw_read (fd, "\"result\"", MCP_TEST_TIMEOUT_MS, &closed);
  close (fd);
  id = strstr (reply->str, "mcp-session-id: ");
  if (id == NULL)
    id = strstr (reply->str, "Mcp-Session-Id: ");
  g_assert_nonnull (id);
  id += strlen ("Mcp-Session-Id: ");
  end = strstr (id, "\r\n");
  g_assert_nonnull (end);

  return g_strndup (id, end - id);
}

/* One session: initialize on a connection of its own, then DELETE it on
 * another. */
static void
session_churn_once (guint port)
{
  g_autofree char *session_id = open_session (port);
  g_autofree char *request = g_strdup_printf ("DELETE /mcp HTTP/1.1\r\n"
                                              "Host: 127.0.0.1\r\n"
                                              "MCP-Protocol-Version: 2025-06-18\r\n"
                                              "Mcp-Session-Id: %s\r\n"
                                              "Content-Length: 0\r\n"
                                              "\r\n", session_id);
  int fd = raw_open (NULL, port);
  guint status;

  g_assert_cmpint (fd, >=, 0);
  raw_send (fd, request, strlen (request));
  status = raw_status (fd);
  g_assert_true (status == 200 || status == 204);
  close (fd);
}

typedef enum {
  CHURN_HTTP,
  CHURN_WEBSOCKET,
  CHURN_SESSIONS,
} ChurnKind;

static void
churn_once (ChurnKind   kind,
            guint       port,
            const char *request)
{
  switch (kind)
    {
    case CHURN_HTTP:
      http_churn_once (port, request);
      break;
    case CHURN_WEBSOCKET:
      ws_churn_once (port, request);
      break;
    case CHURN_SESSIONS:
      session_churn_once (port);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
churn (ChurnKind kind)
{
  static const char * const names[] = { "HTTP", "WebSocket", "session" };
  static const char * const variables[] = { "MCP_TEST_HTTP_CHURN", "MCP_TEST_WS_CHURN",
                                            "MCP_TEST_SESSION_CHURN" };
  static const guint defaults[] = { 3000, 1000, 1000 };
  gboolean websocket = kind == CHURN_WEBSOCKET;
  ServerProcess server = { 0 };
  g_autofree char *request = NULL;
  g_autofree char *session_id = NULL;
  guint n = churn_count (variables[kind], defaults[kind]);
  guint warm_up = MAX (n / 10, 100);
  guint64 before, after;
  guint fds_before, fds_after;
  gint64 deadline;
  guint i;

  server_process_start (&server, websocket ? "--ws" : "--http", FALSE);
  if (websocket)
    request = ws_upgrade ("127.0.0.1", NULL);
  else if (kind == CHURN_HTTP)
    {
      session_id = open_session (server.port);
      request = http_post ("127.0.0.1", NULL, session_id, PING);
    }

  for (i = 0; i < warm_up; i++)
    churn_once (kind, server.port, request);
  mcp_test_spin (200);
  before = server_rss_kib (&server);
  fds_before = server_n_fds (&server);

  deadline = g_get_monotonic_time () + (gint64) MAX (n / 20, 60) * G_USEC_PER_SEC;
  for (i = 0; i < n && g_get_monotonic_time () < deadline; i++)
    churn_once (kind, server.port, request);
  mcp_test_spin (200);
  after = server_rss_kib (&server);
  fds_after = server_n_fds (&server);

  g_test_message ("%s churn: %u rounds; VmRSS %" G_GUINT64_FORMAT " KiB after warm-up, %"
                  G_GUINT64_FORMAT " KiB after (%+" G_GINT64_FORMAT " KiB); %u descriptors, then %u",
                  names[kind], i, before, after,
                  (gint64) after - (gint64) before, fds_before, fds_after);
  if (g_getenv ("MCP_TEST_CHURN_REPORT") != NULL)
    g_printerr ("%s churn: %u rounds; VmRSS %" G_GUINT64_FORMAT " KiB -> %" G_GUINT64_FORMAT
                " KiB\n", names[kind], i, before, after);
  g_assert_cmpuint (i, ==, n);
  /* Every connection let go of: libsoup 3.2 alone keeps one per client
   * that closed a kept-alive connection. */
  g_assert_cmpuint (fds_after, <=, fds_before + 16);
#ifndef MCP_TEST_UNDER_ASAN
  /* (AddressSanitizer keeps freed memory in quarantine: RSS means nothing.) */
  g_assert_cmpuint (after, <, before + 8 * 1024);
#endif

  server_process_stop (&server);
}

static void
test_churn_http (void)
{
  churn (CHURN_HTTP);
}

static void
test_churn_websocket (void)
{
  churn (CHURN_WEBSOCKET);
}

static void
test_churn_sessions (void)
{
  churn (CHURN_SESSIONS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/Mcp/Admission/policy", test_policy);
  g_test_add_func ("/Mcp/Admission/origin-and-host", test_origin_and_host);

  for (guint ws = 0; ws <= 1; ws++)
    {
      const char *kind = ws ? "websocket" : "http";
      gconstpointer data = GINT_TO_POINTER (ws);
      g_autofree char *deadline = g_strdup_printf ("/Mcp/Admission/%s/header-deadline", kind);
      g_autofree char *per_address = g_strdup_printf ("/Mcp/Admission/%s/per-address-cap", kind);
      g_autofree char *total = g_strdup_printf ("/Mcp/Admission/%s/total-cap", kind);
      g_autofree char *exhaustion = g_strdup_printf ("/Mcp/Admission/%s/descriptor-exhaustion",
                                                     kind);

      g_test_add (deadline, Fixture, data, fixture_set_up, test_header_deadline,
                  fixture_tear_down);
      g_test_add (per_address, Fixture, data, fixture_set_up, test_per_address_cap,
                  fixture_tear_down);
      g_test_add (total, Fixture, data, fixture_set_up, test_total_cap, fixture_tear_down);
      g_test_add (exhaustion, Fixture, data, fixture_set_up, test_descriptor_exhaustion,
                  fixture_tear_down);
    }
  g_test_add ("/Mcp/Admission/http/tcp-keepalive", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_tcp_keepalive, fixture_tear_down);
  g_test_add ("/Mcp/Admission/websocket/tcp-keepalive", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_tcp_keepalive, fixture_tear_down);
  g_test_add ("/Mcp/Admission/http/idle-connection", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_idle_connection, fixture_tear_down);

  g_test_add_func ("/Mcp/Admission/half-open/http", test_half_open_http);
  g_test_add_func ("/Mcp/Admission/half-open/websocket", test_half_open_websocket);
  g_test_add_func ("/Mcp/Admission/churn/http", test_churn_http);
  g_test_add_func ("/Mcp/Admission/churn/websocket", test_churn_websocket);
  g_test_add_func ("/Mcp/Admission/churn/sessions", test_churn_sessions);

  return g_test_run ();
}

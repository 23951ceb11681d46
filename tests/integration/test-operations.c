/* test-operations.c: mcp-everything-server run as a service, on 127.0.0.1,
 * configured from the environment: /health and /ready on the HTTP and
 * WebSocket listeners, --rate-limit (MCP_RATE_LIMIT), SIGTERM during ten
 * slow calls (they finish, /ready answers 503 meanwhile, new sessions are
 * refused, the process exits 0), and a grace period shorter than the
 * calls (they are cancelled, the process still exits 0).
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

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

#define N_CALLS 10

#define INITIALIZE \
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{" \
  "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}," \
  "\"clientInfo\":{\"name\":\"shutdown\",\"version\":\"1\"}}}"

typedef struct
{
  GSubprocess *process;
  char        *http_url;   /* http://127.0.0.1:P/mcp */
  char        *http_base;  /* http://127.0.0.1:P */
  char        *ws_base;    /* http://127.0.0.1:Q */
} Server;

static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* The "http://127.0.0.1:PORT" of "SCHEME://127.0.0.1:PORT" in @line. */
static char *
base_in (const char *line,
         const char *scheme)
{
  g_autofree char *prefix = g_strdup_printf ("%s://127.0.0.1:", scheme);
  const char *start = strstr (line, prefix);
  const char *end;

  if (start == NULL)
    return NULL;
  end = start + strlen (prefix);
  while (g_ascii_isdigit (*end))
    end++;
  return g_strdup_printf ("http://127.0.0.1:%.*s", (int) (end - start - strlen (prefix)),
                          start + strlen (prefix));
}

/* Started with its listeners from the environment, as a container would. */
static void
server_start_with (Server     *server,
                   const char *grace_ms,
                   const char *rate_limit,
                   gboolean    metrics)
{
  g_autofree char *path = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "MCP_HTTP", "127.0.0.1:0", TRUE);
  g_subprocess_launcher_setenv (launcher, "MCP_WS", "127.0.0.1:0", TRUE);
  g_subprocess_launcher_setenv (launcher, "MCP_SHUTDOWN_GRACE", grace_ms, TRUE);
  if (rate_limit != NULL)
    g_subprocess_launcher_setenv (launcher, "MCP_RATE_LIMIT", rate_limit, TRUE);
  if (metrics)
    g_subprocess_launcher_setenv (launcher, "MCP_METRICS", "1", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, path, NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *line = mcp_test_read_line (g_subprocess_get_stderr_pipe (server->process),
                                                  MCP_TEST_TIMEOUT_MS);

      g_assert_nonnull (line);
      if (server->http_base == NULL)
        server->http_base = base_in (line, "http");
      if (server->ws_base == NULL)
        server->ws_base = base_in (line, "ws");
    }
  g_assert_nonnull (server->http_base);
  g_assert_nonnull (server->ws_base);
  server->http_url = g_strconcat (server->http_base, "/mcp", NULL);
}

static void
server_start (Server     *server,
              const char *grace_ms)
{
  server_start_with (server, grace_ms, NULL, FALSE);
}

static void
server_clear (Server *server)
{
  if (server->process != NULL && g_subprocess_get_identifier (server->process) != NULL)
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_object (&server->process);
  g_clear_pointer (&server->http_url, g_free);
  g_clear_pointer (&server->http_base, g_free);
  g_clear_pointer (&server->ws_base, g_free);
}

/* Waits for the server to exit; returns its exit status. */
static int
server_wait (Server *server)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_wait_async (server->process, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_wait_finish (server->process, result, NULL));
  g_assert_true (g_subprocess_get_if_exited (server->process));
  return g_subprocess_get_exit_status (server->process);
}

/* One request; returns the status and, in @body, the body. */
static guint
http (const char  *method,
      const char  *url,
      const char  *request_body,
      char       **body)
{
  g_autoptr(SoupSession) soup = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json, text/event-stream");
  if (request_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (request_body, strlen (request_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL, mcp_test_store_result_cb,
                                    &result);
  result = mcp_test_wait_result (&result);
  bytes = soup_session_send_and_read_finish (soup, result, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (msg);
}

static void
assert_probe (const char *base,
              const char *path,
              guint       status,
              const char *json)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autofree char *body = NULL;

  g_assert_cmpuint (http (SOUP_METHOD_GET, url, NULL, &body), ==, status);
  g_assert_cmpstr (body, ==, json);
}

typedef struct
{
  guint ok;
  guint failed;
} Outcome;

static void
delay_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Outcome *outcome = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) answer = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);

  if (answer != NULL && !mcp_tool_result_get_is_error (answer))
    outcome->ok++;
  else
    {
      g_test_message ("a delay call failed: %s", error != NULL ? error->message : "isError");
      outcome->failed++;
    }
}

static McpClient *
connect_client (Server *server)
{
  g_autoptr(McpClient) client = mcp_client_new ("shutdown-test", "1.0");
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (server->http_url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A session of the 2025 era: its calls are what the shutdown waits for. */
  mcp_client_set_requested_protocol_version (client, "2025-11-25");
  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb,
                            &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

/* Starts N_CALLS delay calls of @ms each. */
static void
start_delays (McpClient *client,
              guint      ms,
              Outcome   *outcome)
{
  for (guint i = 0; i < N_CALLS; i++)
    {
      g_autoptr(JsonObject) arguments = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (arguments, "ms", ms);
      json_node_set_object (node, arguments);
      mcp_client_call_tool_async (client, "delay", node, NULL, delay_done_cb, outcome);
    }
}

static void
test_probes (void)
{
  Server server = { 0 };

  server_start (&server, "5000");
  assert_probe (server.http_base, "/health", 200, "{\"status\":\"ok\"}");
  assert_probe (server.http_base, "/ready", 200, "{\"status\":\"ready\"}");
  assert_probe (server.ws_base, "/health", 200, "{\"status\":\"ok\"}");
  assert_probe (server.ws_base, "/ready", 200, "{\"status\":\"ready\"}");

  {
    g_autofree char *url = g_strconcat (server.http_base, "/health", NULL);

    g_assert_cmpuint (http (SOUP_METHOD_POST, url, "{}", NULL), ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  }

  g_subprocess_send_signal (server.process, SIGTERM);
  g_assert_cmpint (server_wait (&server), ==, 0);
  server_clear (&server);
}

/* SIGTERM during ten slow calls: they all finish, meanwhile /ready says
 * 503 and a new session is refused, and then the process exits 0. */
static void
test_sigterm_drains (void)
{
  Server server = { 0 };
  g_autoptr(McpClient) client = NULL;
  g_autofree char *refusal = NULL;
  Outcome outcome = { 0 };

  server_start (&server, "10000");
  client = connect_client (&server);
  start_delays (client, 1500, &outcome);
  mcp_test_spin (300);

  g_subprocess_send_signal (server.process, SIGTERM);
  mcp_test_spin (200);

  assert_probe (server.http_base, "/ready", 503, "{\"status\":\"draining\"}");
  assert_probe (server.ws_base, "/ready", 503, "{\"status\":\"draining\"}");
  assert_probe (server.http_base, "/health", 200, "{\"status\":\"ok\"}");
  g_assert_cmpuint (http (SOUP_METHOD_POST, server.http_url, INITIALIZE, &refusal), ==,
                    SOUP_STATUS_SERVICE_UNAVAILABLE);
  g_assert_nonnull (strstr (refusal, "shutting down"));

  mcp_test_wait_until (outcome.ok + outcome.failed == N_CALLS);
  g_assert_cmpuint (outcome.ok, ==, N_CALLS);
  g_assert_cmpint (server_wait (&server), ==, 0);
  server_clear (&server);
}

/* A grace period shorter than the calls: they are cancelled (the client
 * gets an error or its session ends), and the process still exits 0. */
static void
test_grace_period_ends (void)
{
  Server server = { 0 };
  g_autoptr(McpClient) client = NULL;
  Outcome outcome = { 0 };
  gint64 start;

  server_start (&server, "300");
  client = connect_client (&server);
  start_delays (client, 60000, &outcome);
  mcp_test_spin (300);

  start = g_get_monotonic_time ();
  g_subprocess_send_signal (server.process, SIGTERM);
  g_assert_cmpint (server_wait (&server), ==, 0);
  /* Well before the calls' minute (a bound, not a timing). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  mcp_test_wait_until (outcome.ok + outcome.failed == N_CALLS);
  g_assert_cmpuint (outcome.failed, ==, N_CALLS);
  server_clear (&server);
}

/* MCP_RATE_LIMIT=0.1/s:2: two stateless requests, then 429 with Retry-After. */
static void
test_rate_limit (void)
{
  Server server = { 0 };
  const char *ping =
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
    "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
    "\"io.modelcontextprotocol/clientCapabilities\":{},"
    "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}}";
  guint statuses[3];

  server_start_with (&server, "1000", "0.1/s:2", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(SoupSession) soup = soup_session_new ();
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, server.http_url);
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
      g_autoptr(GBytes) request = g_bytes_new_static (ping, strlen (ping));
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_headers_append (headers, "Accept", "application/json, text/event-stream");
      soup_message_headers_append (headers, "MCP-Protocol-Version", "2026-07-28");
      soup_message_headers_append (headers, "Mcp-Method", "tools/list");
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
      soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL,
                                        mcp_test_store_result_cb, &result);
      result = mcp_test_wait_result (&result);
      bytes = soup_session_send_and_read_finish (soup, result, &error);
      g_assert_no_error (error);
      statuses[i] = soup_message_get_status (msg);
      if (statuses[i] == 429)
        g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "Retry-After"));
    }
  g_assert_cmpuint (statuses[0], ==, 200);
  g_assert_cmpuint (statuses[1], ==, 200);
  g_assert_cmpuint (statuses[2], ==, 429);

  g_subprocess_send_signal (server.process, SIGTERM);
  g_assert_cmpint (server_wait (&server), ==, 0);
  server_clear (&server);
}

/* A strict reading of the Prometheus text exposition format 0.0.4: every
 * line a comment (HELP or TYPE of a known type) or a sample with a metric
 * name, optional well-formed labels and a number; a TYPE before its
 * samples. Returns the samples, "name{labels}" → value. */
static GHashTable *
parse_prometheus (const char *text)
{
  g_autoptr(GRegex) sample = g_regex_new ("^([a-zA-Z_:][a-zA-Z0-9_:]*)"
                                          "(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
                                          "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*\\})?"
                                          " (-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|\\+Inf|-Inf|NaN)$",
                                          0, 0, NULL);
  g_autoptr(GRegex) type = g_regex_new ("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) "
                                        "(counter|gauge|histogram|summary|untyped)$", 0, 0, NULL);
  g_autoptr(GHashTable) typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *samples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_true (g_str_has_suffix (text, "\n"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) typed_match = NULL;
      g_autoptr(GMatchInfo) match = NULL;
      const char *line = lines[i];

      if (*line == '\0')
        {
          g_assert_null (lines[i + 1]);   /* only the end of the text */
          continue;
        }
      if (g_str_has_prefix (line, "# HELP "))
        continue;
      if (g_regex_match (type, line, 0, &typed_match))
        {
          g_hash_table_add (typed, g_match_info_fetch (typed_match, 1));
          continue;
        }
      if (!g_regex_match (sample, line, 0, &match))
        g_error ("Not a Prometheus sample line: \"%s\"", line);
      {
        g_autofree char *name = g_match_info_fetch (match, 1);
        g_autofree char *labels = g_match_info_fetch (match, 2);
        g_autofree char *value = g_match_info_fetch (match, 3);
        g_autofree char *family = g_strdup (name);
        char *suffix;

        /* A histogram's samples belong to its family. */
        for (const char *s = "_bucket\0_sum\0_count\0"; *s != '\0'; s += strlen (s) + 1)
          if ((suffix = g_strrstr (family, s)) != NULL && suffix[strlen (s)] == '\0' &&
              !g_hash_table_contains (typed, family))
            *suffix = '\0';
        if (!g_hash_table_contains (typed, family))
          g_error ("Sample %s before the TYPE of %s", name, family);
        g_hash_table_insert (samples, g_strconcat (name, labels, NULL), g_steal_pointer (&value));
      }
    }

  return samples;
}

/* --metrics: /metrics parses as Prometheus text and counts what was done. */
static void
test_metrics (void)
{
  Server server = { 0 };
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GHashTable) samples = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  server_start_with (&server, "1000", NULL, TRUE);
  client = connect_client (&server);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) arguments = mcp_test_parse ("{\"message\":\"hi\"}");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(McpToolResult) answer = NULL;

      mcp_client_call_tool_async (client, "echo", arguments, NULL, mcp_test_store_result_cb, &result);
      result = mcp_test_wait_result (&result);
      answer = mcp_client_call_tool_finish (client, result, &error);
      g_assert_no_error (error);
    }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(McpToolResult) answer = NULL;

    mcp_client_call_tool_async (client, "no-such-tool", NULL, NULL, mcp_test_store_result_cb, &result);
    result = mcp_test_wait_result (&result);
    answer = mcp_client_call_tool_finish (client, result, &error);
    g_assert_null (answer);
    g_clear_error (&error);
  }

  url = g_strconcat (server.http_base, "/metrics", NULL);
  g_assert_cmpuint (http (SOUP_METHOD_GET, url, NULL, &text), ==, 200);
  g_test_message ("%s", text);
  samples = parse_prometheus (text);
  g_assert_cmpstr (g_hash_table_lookup (samples, "mcp_tool_calls_total{tool=\"echo\",outcome=\"ok\"}"),
                   ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (samples, "mcp_tool_calls_total{tool=\"unknown\",outcome=\"error\"}"),
                   ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (samples, "mcp_requests_total{method=\"tools/call\",outcome=\"ok\"}"),
                   ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (samples, "mcp_requests_total{method=\"tools/call\",outcome=\"error\"}"),
                   ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (samples,
                                        "mcp_request_duration_seconds_count{method=\"tools/call\"}"),
                   ==, "4");
  g_assert_cmpstr (g_hash_table_lookup (samples,
                                        "mcp_request_duration_seconds_bucket{method=\"tools/call\",le=\"+Inf\"}"),
                   ==, "4");
  g_assert_cmpstr (g_hash_table_lookup (samples, "mcp_sessions"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (samples, "mcp_rate_limited_total"), ==, "0");

  g_subprocess_send_signal (server.process, SIGTERM);
  g_assert_cmpint (server_wait (&server), ==, 0);
  server_clear (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Operations/probes", test_probes);
  g_test_add_func ("/Mcp/Operations/rate-limit", test_rate_limit);
  g_test_add_func ("/Mcp/Operations/metrics", test_metrics);
  g_test_add_func ("/Mcp/Operations/sigterm-drains", test_sigterm_drains);
  g_test_add_func ("/Mcp/Operations/grace-period-ends", test_grace_period_ends);

  return g_test_run ();
}

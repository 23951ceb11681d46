/* mcp-bench-http.c — drive any Streamable HTTP MCP server with tools/call
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A benchmark driver, not a test: it measures and reports, it never judges.
 * It spawns a server command on a free 127.0.0.1 port, opens a Streamable
 * HTTP session itself (raw JSON-RPC over libsoup, no MCP library in the
 * way), keeps `depth` tools/call POSTs in flight, then opens many idle
 * sessions to see what one costs the server in memory. It links GLib and
 * libsoup only, so it measures our server and another SDK's the same way.
 *
 *   mcp-bench-http [OPTION…] -- COMMAND [ARG…]
 *
 * In COMMAND's arguments `{port}` is replaced by the chosen port, which is
 * also in the environment as PORT. The server must serve the endpoint at
 * `http://127.0.0.1:PORT/mcp` (see --path).
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

static int      opt_calls = 10000;
static int      opt_depth = 1;
static int      opt_warmup = 1000;
static int      opt_sessions = 1000;
static int      opt_size = 32;
static double   opt_timeout = 120.0;
static char    *opt_path = NULL;
static char    *opt_label = NULL;
static gboolean opt_json = FALSE;
static gboolean opt_quiet_server = FALSE;
static gboolean opt_modern = FALSE;
static char   **opt_command = NULL;

static const GOptionEntry entries[] = {
  { "calls", 'n', 0, G_OPTION_ARG_INT, &opt_calls, "Measured calls (default 10000)", "N" },
  { "depth", 'd', 0, G_OPTION_ARG_INT, &opt_depth, "Calls kept in flight (default 1)", "D" },
  { "warmup", 'w', 0, G_OPTION_ARG_INT, &opt_warmup, "Unmeasured calls first (default 1000)", "W" },
  { "sessions", 'S', 0, G_OPTION_ARG_INT, &opt_sessions,
    "Idle sessions opened for the memory figure; 0 skips it (default 1000)", "N" },
  { "size", 's', 0, G_OPTION_ARG_INT, &opt_size, "Bytes in the echo message (default 32)", "BYTES" },
  { "timeout", 'T', 0, G_OPTION_ARG_DOUBLE, &opt_timeout, "Abort after this many seconds (default 120)", "S" },
  { "path", 0, 0, G_OPTION_ARG_STRING, &opt_path, "Endpoint path (default /mcp)", "PATH" },
  { "json", 'j', 0, G_OPTION_ARG_NONE, &opt_json, "Print one JSON object", NULL },
  { "label", 'l', 0, G_OPTION_ARG_STRING, &opt_label, "Name in the output", "LABEL" },
  { "quiet-server", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet_server, "Silence the server's output", NULL },
  { "modern", 'm', 0, G_OPTION_ARG_NONE, &opt_modern,
    "Stateless 2026-07-28 calls (no session; every request carries its _meta), as replicas "
    "or --workers serve them", NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_command, NULL, "-- COMMAND [ARG...]" },
  G_OPTION_ENTRY_NULL
};

typedef struct
{
  SoupSession *session;
  char        *url;
  char        *session_id;
  GPid         pid;
  char        *message;

  /* the calls phase */
  int          started;
  int          finished;
  int          total;
  int          measured_from;
  int          failures;
  char        *first_failure;
  gint64      *latencies;     /* ns, measured calls only */
  gint64       phase_start;
  gint64       phase_end;

  /* the sessions phase */
  int          sessions_started;
  int          sessions_done;
  int          session_failures;

  gboolean     aborted;
} Bench;

static gboolean
timeout_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->aborted = TRUE;
  return G_SOURCE_REMOVE;
}

/* /proc ------------------------------------------------------------------------ */

static gint64
cpu_us (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  /* The name may hold spaces; fields resume after its closing ')'. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 15)
    return -1;

  /* fields[0] is state (field 3): utime is field 14, stime 15. */
  return (g_ascii_strtoll (fields[11], NULL, 10) + g_ascii_strtoll (fields[12], NULL, 10)) *
         G_USEC_PER_SEC / sysconf (_SC_CLK_TCK);
}

static gint64
rss_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  line = strstr (contents, "\nVmRSS:");
  return line != NULL ? g_ascii_strtoll (line + 7, NULL, 10) : -1;
}

/* HTTP ---------------------------------------------------------------------------- */

static SoupMessage *
new_post (Bench      *bench,
          const char *session_id,
          const char *body)
{
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST, bench->url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  /* Else libsoup opens a new connection for every POST. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  soup_message_headers_replace (headers, "Accept", "application/json, text/event-stream");
  if (opt_modern)
    {
      soup_message_headers_replace (headers, "MCP-Protocol-Version", "2026-07-28");
      soup_message_headers_replace (headers, "Mcp-Method", "tools/call");
      soup_message_headers_replace (headers, "Mcp-Name", "echo");
    }
  else if (session_id != NULL)
    {
      soup_message_headers_replace (headers, "Mcp-Session-Id", session_id);
      soup_message_headers_replace (headers, "MCP-Protocol-Version", "2025-11-25");
    }
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  return msg;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A POST waited for by iterating the main context. */
static GBytes *
post_and_wait (Bench       *bench,
               const char  *session_id,
               const char  *body,
               char       **new_session_id)
{
  g_autoptr(SoupMessage) msg = new_post (bench, session_id, body);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  soup_session_send_and_read_async (bench->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    store_result_cb, &result);
  while (result == NULL && !bench->aborted)
    g_main_context_iteration (NULL, TRUE);
  if (result == NULL)
    return NULL;

  reply = soup_session_send_and_read_finish (bench->session, result, &error);
  if (reply == NULL || !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      g_printerr ("mcp-bench-http: POST failed: %s (HTTP %u)\n",
                  error != NULL ? error->message : "", soup_message_get_status (msg));
      g_clear_pointer (&reply, g_bytes_unref);
      return NULL;
    }

  if (new_session_id != NULL)
    *new_session_id = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "Mcp-Session-Id"));
  return reply;
}

#define INITIALIZE "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{" \
  "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}," \
  "\"clientInfo\":{\"name\":\"mcp-bench-http\",\"version\":\"1.0\"}}}"
#define MODERN_META ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"," \
  "\"io.modelcontextprotocol/clientCapabilities\":{}," \
  "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"mcp-bench-http\",\"version\":\"1.0\"}}"
#define INITIALIZED "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"

static gboolean
open_session (Bench  *bench,
              char  **session_id)
{
  g_autoptr(GBytes) reply = post_and_wait (bench, NULL, INITIALIZE, session_id);
  g_autoptr(GBytes) ack = NULL;

  if (reply == NULL || *session_id == NULL)
    return FALSE;

  ack = post_and_wait (bench, *session_id, INITIALIZED, NULL);
  return ack != NULL;
}

/* Calls ----------------------------------------------------------------------------- */

typedef struct
{
  Bench  *bench;
  int     index;
  gint64  start;
} Call;

static void start_call (Bench *bench);

static gboolean
reply_ok (GBytes *body,
          int     id)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autofree char *needle = g_strdup_printf ("\"id\":%d", id);

  /* JSON or an event stream, the reply carries our id and a result that is
   * not an error. */
  return strstr (text, needle) != NULL && strstr (text, "\"result\"") != NULL &&
         strstr (text, "\"isError\":true") == NULL;
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  Bench *bench = call->bench;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  gint64 now = g_get_monotonic_time () * 1000;

  if (body == NULL || !reply_ok (body, call->index + 1))
    {
      if (bench->failures++ == 0)
        bench->first_failure = body != NULL
          ? g_strndup (g_bytes_get_data (body, NULL), MIN (g_bytes_get_size (body), 300))
          : g_strdup (error != NULL ? error->message : "no body");
    }

  if (call->index >= bench->measured_from)
    bench->latencies[call->index - bench->measured_from] = now - call->start;

  bench->finished++;
  if (bench->finished == bench->total)
    bench->phase_end = now;

  g_free (call);
  start_call (bench);
}

static void
start_call (Bench *bench)
{
  Call *call;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *body = NULL;

  if (bench->started >= bench->total || bench->aborted)
    return;

  call = g_new0 (Call, 1);
  call->bench = bench;
  call->index = bench->started++;

  if (call->index == bench->measured_from)
    bench->phase_start = g_get_monotonic_time () * 1000;

  body = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\","
                          "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"%s\"}%s}}",
                          call->index + 1, bench->message, opt_modern ? MODERN_META : "");
  msg = new_post (bench, bench->session_id, body);
  call->start = g_get_monotonic_time () * 1000;
  soup_session_send_and_read_async (bench->session, msg, G_PRIORITY_DEFAULT, NULL, call_cb, call);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile_us (gint64 *sorted,
               int     n,
               double  p)
{
  int rank = (int) (p / 100.0 * n + 0.999999);

  rank = CLAMP (rank, 1, n);
  return sorted[rank - 1] / 1000.0;
}

/* Idle sessions ----------------------------------------------------------------------- */

typedef struct
{
  Bench *bench;
  char  *session_id;
} Opening;

static void open_next_session (Bench *bench);

static void
initialized_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  if (body == NULL)
    opening->bench->session_failures++;
  opening->bench->sessions_done++;
  open_next_session (opening->bench);
  g_free (opening->session_id);
  g_free (opening);
}

static void
initialize_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Opening *opening = user_data;
  Bench *bench = opening->bench;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  const char *id = msg != NULL ? soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                               "Mcp-Session-Id") : NULL;
  g_autoptr(SoupMessage) ack = NULL;

  if (body == NULL || id == NULL)
    {
      bench->session_failures++;
      bench->sessions_done++;
      open_next_session (bench);
      g_free (opening);
      return;
    }

  opening->session_id = g_strdup (id);
  ack = new_post (bench, opening->session_id, INITIALIZED);
  soup_session_send_and_read_async (bench->session, ack, G_PRIORITY_DEFAULT, NULL,
                                    initialized_cb, opening);
}

static void
open_next_session (Bench *bench)
{
  Opening *opening;
  g_autoptr(SoupMessage) msg = NULL;

  if (bench->sessions_started >= opt_sessions || bench->aborted)
    return;

  bench->sessions_started++;
  opening = g_new0 (Opening, 1);
  opening->bench = bench;
  msg = new_post (bench, NULL, INITIALIZE);
  soup_session_send_and_read_async (bench->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    initialize_cb, opening);
}

/* Server process ---------------------------------------------------------------------- */

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (!g_socket_bind (socket, address, TRUE, NULL))
    return 0;
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
wait_for_port (Bench *bench,
               guint  port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  g_socket_client_set_timeout (client, 1);
  while (!bench->aborted)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        return TRUE;
      g_usleep (20000);
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static void
stop_server (GSubprocess *server)
{
  for (int i = 0; i < 30 && g_subprocess_get_identifier (server) != NULL; i++)
    {
      if (i == 0)
        g_subprocess_send_signal (server, SIGTERM);
      g_usleep (100000);
      g_main_context_iteration (NULL, FALSE);
    }
  if (g_subprocess_get_identifier (server) != NULL)
    g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("-- COMMAND [ARG…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GPtrArray) argv_server = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *port_text = NULL;
  Bench bench = { 0 };
  gint64 cpu_before, cpu_after, rss_before, rss_after;
  double seconds, rate, cpu_per_call, p50, p99, rss_per_session = -1;
  guint port;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      opt_command == NULL || opt_command[0] == NULL || opt_calls < 1 || opt_depth < 1)
    {
      g_printerr ("usage: mcp-bench-http [OPTION…] -- COMMAND [ARG…] ({port} is replaced)\n");
      return 64;
    }

  port = free_port ();
  port_text = g_strdup_printf ("%u", port);
  for (guint i = 0; opt_command[i] != NULL; i++)
    {
      g_autoptr(GString) arg = g_string_new (opt_command[i]);

      g_string_replace (arg, "{port}", port_text, 0);
      g_ptr_array_add (argv_server, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (argv_server, NULL);

  launcher = g_subprocess_launcher_new (opt_quiet_server
                                        ? G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE
                                        : G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "PORT", port_text, TRUE);
  server = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv_server->pdata, &error);
  if (server == NULL)
    {
      g_printerr ("mcp-bench-http: %s\n", error->message);
      return 2;
    }
  bench.pid = atoi (g_subprocess_get_identifier (server));

  g_timeout_add ((guint) (opt_timeout * 1000), timeout_cb, &bench);
  bench.url = g_strdup_printf ("http://127.0.0.1:%u%s", port, opt_path != NULL ? opt_path : "/mcp");
  bench.session = soup_session_new_with_options ("max-conns", 256, "max-conns-per-host", 256,
                                                 "timeout", 0, NULL);
  bench.message = g_strnfill (MAX (opt_size, 0), 'x');

  if (!wait_for_port (&bench, port) || (!opt_modern && !open_session (&bench, &bench.session_id)))
    {
      g_printerr ("mcp-bench-http: could not open a session at %s\n", bench.url);
      stop_server (server);
      return 2;
    }

  /* Calls: warm-up then measured, `depth` in flight. */
  bench.total = opt_warmup + opt_calls;
  bench.measured_from = opt_warmup;
  bench.latencies = g_new0 (gint64, opt_calls);
  cpu_before = -1;
  for (int i = 0; i < opt_depth && i < bench.total; i++)
    start_call (&bench);
  while (bench.finished < bench.total && !bench.aborted)
    {
      g_main_context_iteration (NULL, TRUE);
      if (cpu_before < 0 && bench.started > bench.measured_from)
        cpu_before = cpu_us (bench.pid);
    }
  cpu_after = cpu_us (bench.pid);

  if (bench.aborted)
    {
      g_printerr ("mcp-bench-http: timed out after %.0f s\n", opt_timeout);
      stop_server (server);
      return 2;
    }

  seconds = (bench.phase_end - bench.phase_start) / 1e9;
  rate = opt_calls / seconds;
  cpu_per_call = (double) (cpu_after - cpu_before) / opt_calls;
  qsort (bench.latencies, opt_calls, sizeof (gint64), compare_gint64);
  p50 = percentile_us (bench.latencies, opt_calls, 50);
  p99 = percentile_us (bench.latencies, opt_calls, 99);

  /* Idle sessions: what each one costs in resident memory. */
  if (opt_sessions > 0)
    {
      g_usleep (200000);
      rss_before = rss_kib (bench.pid);
      for (int i = 0; i < 16; i++)
        open_next_session (&bench);
      while (bench.sessions_done < opt_sessions && !bench.aborted)
        g_main_context_iteration (NULL, TRUE);
      g_usleep (500000);
      rss_after = rss_kib (bench.pid);
      if (!bench.aborted && bench.session_failures == 0)
        rss_per_session = (rss_after - rss_before) * 1024.0 / opt_sessions;
      else
        g_printerr ("mcp-bench-http: %d of %d sessions failed to open\n",
                    bench.session_failures, opt_sessions);
    }

  if (bench.failures > 0)
    {
      g_printerr ("mcp-bench-http: %d failed calls; first: %s\n", bench.failures, bench.first_failure);
      status = 1;
    }

  if (opt_json)
    g_print ("{\"label\":\"%s\",\"depth\":%d,\"calls\":%d,\"calls_per_s\":%.1f,\"p50_us\":%.1f,"
             "\"p99_us\":%.1f,\"cpu_us_per_call\":%.2f,\"sessions\":%d,\"rss_bytes_per_session\":%.0f,"
             "\"failures\":%d}\n",
             opt_label != NULL ? opt_label : opt_command[0], opt_depth, opt_calls, rate, p50, p99,
             cpu_per_call, opt_sessions, rss_per_session, bench.failures);
  else
    g_print ("%s depth %d: %.0f calls/s, p50 %.0f us, p99 %.0f us, server CPU %.1f us/call, "
             "%.0f bytes RSS per idle session (%d sessions), %d failures\n",
             opt_label != NULL ? opt_label : opt_command[0], opt_depth, rate, p50, p99,
             cpu_per_call, rss_per_session, opt_sessions, bench.failures);

  stop_server (server);
  g_free (bench.latencies);
  g_free (bench.url);
  g_free (bench.session_id);
  g_free (bench.message);
  g_free (bench.first_failure);
  g_object_unref (bench.session);

  return status;
}

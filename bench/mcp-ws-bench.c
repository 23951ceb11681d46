/* mcp-ws-bench.c: tools/call latency and throughput over WebSocket, with
 * the connection pooled, kept, or opened for every call.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mcp-ws-bench --url ws://127.0.0.1:PORT/ [--mode pooled|direct|per-call]
 *                [--calls N] [--warmup W] [--depth D] [--size BYTES]
 *                [--server-pid PID] [--label TEXT]
 *   mcp-ws-bench --command "SERVER [ARG…]" --mode direct [...]
 *
 * --command runs the same direct calls over stdio against a spawned
 * server (whose CPU is then measured without --server-pid). Every run
 * also reports this process's own CPU per call: what McpClient costs.
 *
 * A benchmark, not a test: it prints one JSON object per run on stdout and
 * never judges the numbers.
 *
 * Modes:
 *   pooled    every call goes through McpConnectionPool (call_tool at a URL)
 *   direct    one McpClient connected once, calls made on it
 *   per-call  every call opens a WebSocket, runs initialize, calls, closes
 *
 * With --server-pid the server's CPU time (utime+stime from /proc) over the
 * measured phase is divided by the number of calls.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include <mcp-glib/mcp-glib.h>

typedef enum { MODE_POOLED, MODE_DIRECT, MODE_PER_CALL } Mode;

typedef struct
{
  GMainLoop         *loop;
  Mode               mode;
  char              *url;
  char              *protocol_version;  /* NULL: detect the era */
  JsonNode          *arguments;
  guint              depth;
  guint              target;       /* calls in this phase */
  guint              started;
  guint              finished;
  guint              errors;
  char              *first_error;
  GArray            *latencies;    /* gint64 µs, measured phase only */
  gboolean           measuring;
  McpConnectionPool *pool;
  McpClient         *client;
} Bench;

typedef struct
{
  Bench        *bench;
  gint64        start;
  McpClient    *client;
  McpTransport *transport;
} Call;

static void start_call (Bench *bench);

static void
call_done (Call         *call,
           const GError *error)
{
  Bench *bench = call->bench;

  if (error != NULL)
    {
      bench->errors++;
      if (bench->first_error == NULL)
        bench->first_error = g_strdup (error->message);
    }
  else if (bench->measuring)
    {
      gint64 latency = g_get_monotonic_time () - call->start;

      g_array_append_val (bench->latencies, latency);
    }

  if (call->client != NULL && bench->mode == MODE_PER_CALL)
    mcp_client_disconnect_async (call->client, NULL, NULL, NULL);
  g_clear_object (&call->client);
  g_clear_object (&call->transport);
  g_free (call);

  bench->finished++;
  if (bench->finished == bench->target)
    g_main_loop_quit (bench->loop);
  else
    start_call (bench);
}

static void
pooled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;

  tool_result = mcp_connection_pool_call_tool_finish (MCP_CONNECTION_POOL (object), result, &error);
  call_done (user_data, error);
}

static void
client_call_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;

  tool_result = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);
  call_done (user_data, error);
}

static void
per_call_connected_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!mcp_client_connect_finish (MCP_CLIENT (object), result, &error))
    {
      call_done (call, error);
      return;
    }

  mcp_client_call_tool_async (call->client, "echo", call->bench->arguments, NULL,
                              client_call_cb, call);
}

static void
start_call (Bench *bench)
{
  Call *call;

  if (bench->started >= bench->target)
    return;
  bench->started++;

  call = g_new0 (Call, 1);
  call->bench = bench;
  call->start = g_get_monotonic_time ();

  switch (bench->mode)
    {
    case MODE_POOLED:
      mcp_connection_pool_call_tool_async (bench->pool, bench->url, "echo", bench->arguments,
                                           NULL, pooled_cb, call);
      break;
    case MODE_DIRECT:
      call->client = g_object_ref (bench->client);
      mcp_client_call_tool_async (bench->client, "echo", bench->arguments, NULL,
                                  client_call_cb, call);
      break;
    case MODE_PER_CALL:
    default:
      call->transport = MCP_TRANSPORT (mcp_websocket_transport_new (bench->url));
      call->client = mcp_client_new ("mcp-ws-bench", "1.0");
      if (bench->protocol_version != NULL)
        mcp_client_set_requested_protocol_version (call->client, bench->protocol_version);
      mcp_client_connect_async (call->client, call->transport, NULL, per_call_connected_cb, call);
      break;
    }
}

static void
run_phase (Bench   *bench,
           guint    calls,
           gboolean measuring)
{
  bench->target = calls;
  bench->started = 0;
  bench->finished = 0;
  bench->measuring = measuring;

  if (calls == 0)
    return;

  for (guint i = 0; i < bench->depth; i++)
    start_call (bench);
  g_main_loop_run (bench->loop);
}

static gint64
server_cpu_ticks (gint pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_comm;

  if (pid <= 0 || !g_file_get_contents (path, &text, NULL, NULL))
    return -1;

  /* Fields after the parenthesised command name: state is field 3, utime
   * field 14, stime field 15. */
  after_comm = strrchr (text, ')');
  if (after_comm == NULL)
    return -1;
  fields = g_strsplit (after_comm + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return -1;

  return g_ascii_strtoll (fields[11], NULL, 10) + g_ascii_strtoll (fields[12], NULL, 10);
}

/* This process's CPU (all threads), in µs: the client's side of a call. */
static gdouble
self_cpu_us (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
         ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
percentile (GArray  *sorted,
            gdouble  p)
{
  guint rank;

  if (sorted->len == 0)
    return 0;
  rank = (guint) MAX (1, (gint) (p * sorted->len + 0.999999));
  return g_array_index (sorted, gint64, MIN (rank, sorted->len) - 1);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  mcp_client_connect_finish (MCP_CLIENT (object), result, error);
  g_main_context_wakeup (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpTransport) transport = NULL;
  g_autofree char *command = NULL;
  gdouble client_before, client_after;
  g_autofree char *mode_name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GString) args = NULL;
  Bench bench = { 0 };
  gint calls = 5000;
  gint warmup = 500;
  gint depth = 1;
  gint size = 32;
  gint server_pid = 0;
  gint64 cpu_before, cpu_after, start, elapsed;
  gdouble cpu_us_per_call = -1;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &bench.url, "The server's ws:// URL", "URL" },
    { "command", 0, 0, G_OPTION_ARG_STRING, &command,
      "Instead of a URL: spawn this stdio server (direct mode; its CPU is measured)", "COMMAND LINE" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_name, "pooled, direct or per-call", "MODE" },
    { "calls", 0, 0, G_OPTION_ARG_INT, &calls, "Measured calls (5000)", "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &warmup, "Unmeasured calls first (500)", "N" },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, "Calls in flight at once (1)", "D" },
    { "size", 0, 0, G_OPTION_ARG_INT, &size, "Bytes in the echo message (32)", "BYTES" },
    { "server-pid", 0, 0, G_OPTION_ARG_INT, &server_pid, "Measure this process's CPU", "PID" },
    { "protocol-version", 0, 0, G_OPTION_ARG_STRING, &bench.protocol_version,
      "Offer this version in initialize (default: detect the server's era)", "VERSION" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, "A name for the server in the output", "TEXT" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- WebSocket tools/call benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (bench.url == NULL) == (command == NULL) ||
      calls < 1 || warmup < 0 || depth < 1 || size < 0)
    {
      g_printerr ("mcp-ws-bench: %s\n", error != NULL ? error->message : "see --help");
      return 2;
    }

  if (mode_name == NULL || g_str_equal (mode_name, "pooled"))
    bench.mode = MODE_POOLED;
  else if (g_str_equal (mode_name, "direct"))
    bench.mode = MODE_DIRECT;
  else if (g_str_equal (mode_name, "per-call"))
    bench.mode = MODE_PER_CALL;
  else
    {
      g_printerr ("mcp-ws-bench: unknown mode %s\n", mode_name);
      return 2;
    }
  if (command != NULL && bench.mode != MODE_DIRECT)
    {
      g_printerr ("mcp-ws-bench: --command needs --mode direct\n");
      return 2;
    }

  message = g_malloc (size + 1);
  memset (message, 'x', size);
  message[size] = '\0';
  args = g_string_new (NULL);
  g_string_printf (args, "{\"message\":\"%s\"}", message);
  bench.arguments = json_from_string (args->str, NULL);

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.depth = depth;
  bench.latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), calls);

  if (bench.mode == MODE_POOLED)
    bench.pool = mcp_connection_pool_new ();
  else if (bench.mode == MODE_DIRECT)
    {
      GError *connect_error = NULL;
      gboolean done = FALSE;

      if (command != NULL)
        {
          transport = MCP_TRANSPORT (mcp_stdio_transport_new_for_command_line (command, &connect_error));
          if (transport == NULL)
            {
              g_printerr ("mcp-ws-bench: %s\n", connect_error->message);
              return 1;
            }
        }
      else
        transport = MCP_TRANSPORT (mcp_websocket_transport_new (bench.url));
      bench.client = mcp_client_new ("mcp-ws-bench", "1.0");
      if (bench.protocol_version != NULL)
        mcp_client_set_requested_protocol_version (bench.client, bench.protocol_version);
      mcp_client_connect_async (bench.client, transport, NULL, connect_cb,
                                &connect_error);
      while (!done)
        {
          g_main_context_iteration (NULL, TRUE);
          done = mcp_client_is_connected (bench.client) || connect_error != NULL;
        }
      if (connect_error != NULL)
        {
          g_printerr ("mcp-ws-bench: %s\n", connect_error->message);
          return 1;
        }
      if (command != NULL && server_pid == 0)
        {
          GSubprocess *subprocess =
            mcp_stdio_transport_get_subprocess (MCP_STDIO_TRANSPORT (transport));
          const char *identifier = subprocess != NULL ? g_subprocess_get_identifier (subprocess) : NULL;

          if (identifier != NULL)
            server_pid = (gint) g_ascii_strtoll (identifier, NULL, 10);
        }
    }

  run_phase (&bench, warmup, FALSE);

  cpu_before = server_cpu_ticks (server_pid);
  client_before = self_cpu_us ();
  start = g_get_monotonic_time ();
  run_phase (&bench, calls, TRUE);
  elapsed = g_get_monotonic_time () - start;
  client_after = self_cpu_us ();
  cpu_after = server_cpu_ticks (server_pid);

  if (cpu_before >= 0 && cpu_after >= 0)
    cpu_us_per_call = (cpu_after - cpu_before) * (1e6 / sysconf (_SC_CLK_TCK)) / calls;

  g_array_sort (bench.latencies, compare_gint64);

  printf ("{\"label\":\"%s\",\"transport\":\"%s\",\"mode\":\"%s\",\"depth\":%d,\"calls\":%d,"
          "\"calls_per_s\":%.1f,\"p50_us\":%" G_GINT64_FORMAT ",\"p90_us\":%" G_GINT64_FORMAT
          ",\"p99_us\":%" G_GINT64_FORMAT ",\"max_us\":%" G_GINT64_FORMAT
          ",\"server_cpu_us_per_call\":%.2f,\"client_cpu_us_per_call\":%.2f,\"errors\":%u",
          label != NULL ? label : "", command != NULL ? "stdio" : "websocket", mode_name != NULL ? mode_name : "pooled", depth, calls,
          calls / (elapsed / 1e6),
          percentile (bench.latencies, 0.50), percentile (bench.latencies, 0.90),
          percentile (bench.latencies, 0.99), percentile (bench.latencies, 1.0),
          cpu_us_per_call, (client_after - client_before) / calls, bench.errors);
  if (bench.pool != NULL)
    {
      g_autoptr(McpConnectionPoolStats) stats = mcp_connection_pool_get_stats (bench.pool);

      printf (",\"pool_created\":%" G_GUINT64_FORMAT ",\"pool_hits\":%" G_GUINT64_FORMAT,
              mcp_connection_pool_stats_get_created (stats),
              mcp_connection_pool_stats_get_hits (stats));
    }
  printf ("}\n");
  if (bench.first_error != NULL)
    g_printerr ("mcp-ws-bench: first error: %s\n", bench.first_error);

  if (bench.pool != NULL)
    mcp_connection_pool_clear (bench.pool);
  g_clear_object (&bench.pool);
  g_clear_object (&bench.client);
  /* Let the closing handshakes go out. */
  {
    gint64 until = g_get_monotonic_time () + 100 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }

  g_array_unref (bench.latencies);
  json_node_unref (bench.arguments);
  g_main_loop_unref (bench.loop);
  g_free (bench.first_error);
  g_free (bench.url);

  return bench.errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

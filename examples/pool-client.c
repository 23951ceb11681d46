/* pool-client.c: calls tools on two MCP servers many times through one
 * McpConnectionPool and prints the pool's metrics.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   pool-client [--calls N] [--concurrency K] [URL...]
 *
 * Without URLs it starts two `mcp-everything-server --ws 127.0.0.1:0`
 * (from beside this program, or from PATH) and uses those. Each URL gets
 * N `echo` calls, K of them in flight at a time.
 */

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <mcp-glib/mcp-glib.h>

typedef struct
{
  GMainLoop         *loop;
  McpConnectionPool *pool;
  char             **urls;
  guint              n_urls;
  guint              calls;
  guint              concurrency;
  guint              started;
  guint              finished;
  guint              failed;
} App;

static void start_next (App *app);

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;

  tool_result = mcp_connection_pool_call_tool_finish (MCP_CONNECTION_POOL (object), result, &error);
  if (tool_result == NULL)
    {
      if (app->failed++ == 0)
        g_printerr ("pool-client: a call failed: %s\n", error->message);
    }

  app->finished++;
  if (app->finished == app->calls * app->n_urls)
    g_main_loop_quit (app->loop);
  else
    start_next (app);
}

static void
start_next (App *app)
{
  g_autoptr(JsonNode) arguments = NULL;
  g_autofree char *json = NULL;
  const char *url;

  if (app->started >= app->calls * app->n_urls)
    return;

  /* Round robin over the URLs. */
  url = app->urls[app->started % app->n_urls];
  json = g_strdup_printf ("{\"message\":\"call %u\"}", app->started);
  arguments = json_from_string (json, NULL);
  app->started++;

  mcp_connection_pool_call_tool_async (app->pool, url, "echo", arguments, NULL, call_cb, app);
}

static GSubprocess *
spawn_server (const char  *program,
              char       **url,
              GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) stderr_lines = NULL;
  g_autofree char *line = NULL;
  const char *found;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                              error, program, "--ws", "127.0.0.1:0", NULL);
  if (process == NULL)
    return NULL;

  /* The server prints "…: listening on ws://127.0.0.1:PORT/" once it listens. */
  stderr_lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  line = g_data_input_stream_read_line_utf8 (stderr_lines, NULL, NULL, error);
  if (line == NULL || (found = strstr (line, "ws://")) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s did not print its URL", program);
      g_subprocess_force_exit (process);
      return NULL;
    }

  *url = g_strdup (found);
  return g_steal_pointer (&process);
}

static char *
find_server (const char *argv0)
{
  g_autofree char *dir = g_path_get_dirname (argv0);
  g_autofree char *beside = g_build_filename (dir, "mcp-everything-server", NULL);

  if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);

  return g_find_program_in_path ("mcp-everything-server");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(McpConnectionPoolStats) stats = NULL;
  g_autofree char *report = NULL;
  g_auto(GStrv) urls = NULL;
  g_autofree char *protocol_version = NULL;
  gint calls = 500;
  gint concurrency = 8;
  gint64 start;
  gdouble seconds;
  App app = { 0 };
  const GOptionEntry entries[] = {
    { "calls", 'n', 0, G_OPTION_ARG_INT, &calls, "Calls per URL (default 500)", "N" },
    { "concurrency", 'c', 0, G_OPTION_ARG_INT, &concurrency,
      "Calls in flight at once (default 8)", "K" },
    { "protocol-version", 'p', 0, G_OPTION_ARG_STRING, &protocol_version,
      "Pin the protocol version, 2025-11-25 or 2026-07-28 (default: detect each server's era)",
      "VERSION" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &urls, NULL, "[URL...]" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- call tools on two servers through a connection pool");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || calls < 1 || concurrency < 1 ||
      (protocol_version != NULL && !mcp_protocol_version_is_supported (protocol_version) &&
       g_strcmp0 (protocol_version, "2026-07-28") != 0))
    {
      g_printerr ("pool-client: %s\n", error != NULL ? error->message : "bad numbers or protocol version");
      return 2;
    }

  if (urls == NULL)
    {
      g_autofree char *program = find_server (argv[0]);
      GPtrArray *spawned = g_ptr_array_new ();

      if (program == NULL)
        {
          g_printerr ("pool-client: give URLs, or put mcp-everything-server in PATH\n");
          return 2;
        }

      for (guint i = 0; i < 2; i++)
        {
          char *url = NULL;
          GSubprocess *process = spawn_server (program, &url, &error);

          if (process == NULL)
            {
              g_printerr ("pool-client: could not start %s: %s\n", program, error->message);
              return 1;
            }
          g_ptr_array_add (servers, process);
          g_ptr_array_add (spawned, url);
          g_print ("started %s at %s\n", program, url);
        }
      g_ptr_array_add (spawned, NULL);
      urls = (GStrv) g_ptr_array_free (spawned, FALSE);
    }

  app.loop = g_main_loop_new (NULL, FALSE);
  app.pool = mcp_connection_pool_new ();
  mcp_connection_pool_set_protocol_version (app.pool, protocol_version);
  app.urls = urls;
  app.n_urls = g_strv_length (urls);
  app.calls = calls;
  app.concurrency = concurrency;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < app.concurrency; i++)
    start_next (&app);
  g_main_loop_run (app.loop);
  seconds = (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;

  g_print ("%u calls to %u URLs in %.3f s (%.0f calls/s), %u failed\n\n",
           app.finished, app.n_urls, seconds, app.finished / seconds, app.failed);

  stats = mcp_connection_pool_get_stats (app.pool);
  report = mcp_connection_pool_stats_to_string (stats);
  g_print ("%s", report);

  mcp_connection_pool_clear (app.pool);
  g_clear_object (&app.pool);
  g_main_loop_unref (app.loop);

  for (guint i = 0; i < servers->len; i++)
    {
      GSubprocess *process = g_ptr_array_index (servers, i);

      g_subprocess_send_signal (process, SIGTERM);
      g_subprocess_wait (process, NULL, NULL);
    }

  return app.failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

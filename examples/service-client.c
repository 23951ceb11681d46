/* service-client.c: calls a tool on a service of three MCP servers through
 * one McpConnectionPool, printing which server served each call and the
 * pool's stats.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   service-client [--calls N] [--strategy NAME] [URL...]
 *
 * Without URLs it starts three `mcp-everything-server --ws 127.0.0.1:0`
 * (from beside this program, or from PATH), with weights 3, 2 and 1.
 * NAME is round-robin, least-outstanding, weighted (the default) or
 * consistent-hash (keyed by the call number modulo 4).
 */

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <mcp-glib/mcp-glib.h>

typedef struct
{
  GMainLoop         *loop;
  McpConnectionPool *pool;
  guint              calls;
  guint              finished;
  guint              failed;
} App;

static void call_next (App *app);

static void
on_request_done (McpService         *service,
                 McpServiceEndpoint *endpoint,
                 const char         *method,
                 const GError       *error,
                 App                *app)
{
  g_print ("call %u: %s by %s%s%s\n", app->finished + 1, error == NULL ? "served" : "failed",
           endpoint != NULL ? mcp_service_endpoint_get_url (endpoint) : "no endpoint",
           error != NULL ? ": " : "", error != NULL ? error->message : "");
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(GError) error = NULL;

  tool_result = mcp_connection_pool_call_tool_with_options_finish (MCP_CONNECTION_POOL (object),
                                                                   result, &error);
  if (tool_result == NULL)
    app->failed++;

  app->finished++;
  if (app->finished == app->calls)
    g_main_loop_quit (app->loop);
  else
    call_next (app);
}

static void
call_next (App *app)
{
  g_autoptr(McpCallOptions) options = mcp_call_options_new ();
  g_autofree char *json = g_strdup_printf ("{\"message\":\"call %u\"}", app->finished + 1);
  g_autofree char *key = g_strdup_printf ("user-%u", app->finished % 4);
  g_autoptr(JsonNode) arguments = json_from_string (json, NULL);

  mcp_call_options_set_affinity_key (options, key);
  mcp_connection_pool_call_tool_with_options_async (app->pool, "service:demo", "echo", arguments,
                                                    options, NULL, call_cb, app);
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
  g_autoptr(McpService) service = NULL;
  g_autoptr(McpConnectionPoolStats) stats = NULL;
  g_autoptr(GEnumClass) strategies = NULL;
  g_autofree char *report = NULL;
  g_autofree char *strategy = NULL;
  g_auto(GStrv) urls = NULL;
  GEnumValue *strategy_value;
  gint calls = 12;
  App app = { 0 };
  const GOptionEntry entries[] = {
    { "calls", 'n', 0, G_OPTION_ARG_INT, &calls, "Calls to make (default 12)", "N" },
    { "strategy", 's', 0, G_OPTION_ARG_STRING, &strategy,
      "round-robin, least-outstanding, weighted (default) or consistent-hash", "NAME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &urls, NULL, "[URL...]" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- call a tool on a service of three servers");
  g_option_context_add_main_entries (context, entries, NULL);
  strategies = g_type_class_ref (MCP_TYPE_BALANCE_STRATEGY);
  if (!g_option_context_parse (context, &argc, &argv, &error) || calls < 1 ||
      (strategy_value = g_enum_get_value_by_nick (strategies,
                                                  strategy != NULL ? strategy : "weighted")) == NULL)
    {
      g_printerr ("service-client: %s\n", error != NULL ? error->message : "bad calls or strategy");
      return 2;
    }

  if (urls == NULL)
    {
      g_autofree char *program = find_server (argv[0]);
      GPtrArray *spawned = g_ptr_array_new ();

      if (program == NULL)
        {
          g_printerr ("service-client: give URLs, or put mcp-everything-server in PATH\n");
          return 2;
        }

      for (guint i = 0; i < 3; i++)
        {
          char *url = NULL;
          GSubprocess *process = spawn_server (program, &url, &error);

          if (process == NULL)
            {
              g_printerr ("service-client: could not start %s: %s\n", program, error->message);
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
  app.calls = calls;

  service = mcp_service_new ("demo");
  mcp_service_set_strategy (service, strategy_value->value);
  for (guint i = 0; urls[i] != NULL; i++)
    mcp_service_add_endpoint (service, urls[i], i < 3 ? 3 - i : 1);
  g_signal_connect (service, "request-done", G_CALLBACK (on_request_done), &app);
  mcp_connection_pool_add_service (app.pool, service);

  call_next (&app);
  g_main_loop_run (app.loop);

  g_print ("\n%u calls, %u failed\n\n", app.finished, app.failed);
  stats = mcp_connection_pool_get_stats (app.pool);
  report = mcp_connection_pool_stats_to_string (stats);
  g_print ("%s", report);

  mcp_connection_pool_remove_service (app.pool, "demo");
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

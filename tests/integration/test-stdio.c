/* test-stdio.c: McpClient and raw peers against a real mcp-everything-server
 * subprocess, and the stdio transport's subprocess handling
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "mcp-test-schema.h"
#include "mcp-test-util.h"

static char *server_path;

typedef struct
{
  McpStdioTransport *transport;
  McpClient         *client;
} Fixture;

static McpStdioTransport *
new_server_transport (void)
{
  const char *argv[] = { server_path, NULL };

  return mcp_stdio_transport_new_for_command (argv);
}

static void
connect_client (Fixture    *f,
                const char *version)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->transport = new_server_transport ();
  f->client = mcp_client_new ("test-stdio", "1");
  if (version != NULL)
    mcp_client_set_requested_protocol_version (f->client, version);

  mcp_client_connect_async (f->client, MCP_TRANSPORT (f->transport), NULL,
                            mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_connect_finish (f->client, result, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  connect_client (f, data);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_client_disconnect_async (f->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  mcp_client_disconnect_finish (f->client, result, NULL);
  g_clear_object (&result);
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->transport);
}

static McpToolResult *
call_tool (McpClient   *client,
           const char  *name,
           const char  *arguments,
           GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) args = arguments != NULL ? mcp_test_parse (arguments) : NULL;

  mcp_client_call_tool_async (client, name, args, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  return mcp_client_call_tool_finish (client, result, error);
}

static JsonObject *
content_block (McpToolResult *result,
               guint          index)
{
  g_assert_cmpuint (mcp_tool_result_get_n_content (result), >, index);
  return json_array_get_object_element (mcp_tool_result_get_content (result), index);
}

static void
assert_valid_result (McpToolResult *result)
{
  g_autoptr(JsonNode) json = mcp_tool_result_to_json (result);

  mcp_test_assert_valid ("2025-11-25", "CallToolResult", json);
}

static void
assert_base64 (const char *data,
               const char *prefix,
               gsize       prefix_length)
{
  gsize length = 0;
  g_autofree guchar *bytes = g_base64_decode (data, &length);

  g_assert_cmpuint (length, >=, prefix_length);
  g_assert_cmpmem (bytes, prefix_length, prefix, prefix_length);
}

/* Tests --------------------------------------------------------------------- */

static void
test_initialize (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpstr (mcp_client_get_protocol_version (f->client), ==, data);
  g_assert_cmpstr (mcp_client_get_server_name (f->client), ==, "mcp-everything-server");
  g_assert_nonnull (mcp_client_get_instructions (f->client));
  g_assert_true (mcp_client_server_has_capability (f->client, "tools"));
  g_assert_true (mcp_client_server_has_capability (f->client, "logging"));
}

static void
test_every_tool (Fixture       *f,
                 gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  static const char * const expected[] = {
    "echo", "add", "test_simple_text", "test_image_content", "test_audio_content",
    "test_embedded_resource", "test_multiple_content_types", "test_tool_with_logging",
    "test_tool_with_progress", "test_error_handling",
  };

  mcp_client_list_all_tools_async (f->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  tools = mcp_client_list_all_tools_finish (f->client, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < tools->len && !found; j++)
        {
          McpTool *tool = g_ptr_array_index (tools, j);
          g_autoptr(JsonNode) json = mcp_tool_to_json (tool);

          if (g_str_equal (mcp_tool_get_name (tool), expected[i]))
            {
              found = TRUE;
              g_assert_nonnull (mcp_tool_get_description (tool));
              mcp_test_assert_valid ("2025-11-25", "Tool", json);
            }
        }
      g_assert_true (found);
    }

  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "echo", "{\"message\":\"hello\"}", &error);
    g_autofree char *text = mcp_tool_result_dup_text (r);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "Echo: hello");
    assert_valid_result (r);
  }
  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "add", "{\"a\":2,\"b\":3}", &error);
    g_autofree char *text = mcp_tool_result_dup_text (r);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "5");
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (mcp_tool_result_get_structured_content (r)), "sum"), ==, 5);
    assert_valid_result (r);
  }
  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "test_simple_text", NULL, &error);
    g_autofree char *text = mcp_tool_result_dup_text (r);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "This is a simple text response for testing.");
  }
  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "test_image_content", "{}", &error);
    JsonObject *block = content_block (r, 0);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (block, "type"), ==, "image");
    g_assert_cmpstr (json_object_get_string_member (block, "mimeType"), ==, "image/png");
    assert_base64 (json_object_get_string_member (block, "data"), "\x89PNG\r\n\x1a\n", 8);
    assert_valid_result (r);
  }
  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "test_audio_content", "{}", &error);
    JsonObject *block = content_block (r, 0);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (block, "type"), ==, "audio");
    g_assert_cmpstr (json_object_get_string_member (block, "mimeType"), ==, "audio/wav");
    assert_base64 (json_object_get_string_member (block, "data"), "RIFF", 4);
    assert_valid_result (r);
  }
  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "test_embedded_resource", "{}", &error);
    JsonObject *resource = json_object_get_object_member (content_block (r, 0), "resource");

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (resource, "uri"), ==, "test://embedded-resource");
    g_assert_cmpstr (json_object_get_string_member (resource, "mimeType"), ==, "text/plain");
    g_assert_cmpstr (json_object_get_string_member (resource, "text"), ==, "This is an embedded resource content.");
    assert_valid_result (r);
  }
  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "test_multiple_content_types", "{}", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (content_block (r, 0), "type"), ==, "text");
    g_assert_cmpstr (json_object_get_string_member (content_block (r, 1), "type"), ==, "image");
    g_assert_cmpstr (json_object_get_string_member (content_block (r, 2), "type"), ==, "resource");
    assert_valid_result (r);
  }
  {
    g_autoptr(McpToolResult) r = call_tool (f->client, "test_error_handling", "{}", &error);
    g_autofree char *text = mcp_tool_result_dup_text (r);

    g_assert_no_error (error);
    g_assert_true (mcp_tool_result_get_is_error (r));
    g_assert_cmpstr (text, ==, "This tool intentionally returns an error for testing");
    assert_valid_result (r);
  }
}

static void
on_log_message (McpClient       *client,
                McpLoggingLevel  level,
                const char      *logger,
                JsonNode        *data,
                gpointer         user_data)
{
  GPtrArray *messages = user_data;

  g_assert_cmpint (level, ==, MCP_LOGGING_LEVEL_INFO);
  g_ptr_array_add (messages, g_strdup (json_node_get_string (data)));
}

static void
test_logging (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) r = NULL;

  g_signal_connect (f->client, "log-message", G_CALLBACK (on_log_message), messages);
  /* A legacy session gets log messages unasked; a modern request only at
   * the level it carries. */
  if (mcp_protocol_version_is_modern (mcp_client_get_protocol_version (f->client)))
    {
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      mcp_client_set_logging_level_async (f->client, MCP_LOGGING_LEVEL_INFO, NULL,
                                          mcp_test_store_result_cb, &slot);
      result = mcp_test_wait_result (&slot);
      g_assert_true (mcp_client_set_logging_level_finish (f->client, result, &error));
    }
  r = call_tool (f->client, "test_tool_with_logging", "{}", &error);
  g_assert_no_error (error);

  /* On stdio the log messages arrive before the result they precede. */
  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, "Tool execution started");
  g_assert_cmpstr (g_ptr_array_index (messages, 2), ==, "Tool execution completed");
}

typedef struct
{
  guint   count;
  gdouble values[8];
} Progress;

static void
progress_cb (gdouble     progress,
             gdouble     total,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (total, ==, 100);
  if (p->count < G_N_ELEMENTS (p->values))
    p->values[p->count] = progress;
  p->count++;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) r = NULL;
  Progress progress = { 0 };

  mcp_client_call_tool_full_async (f->client, "test_tool_with_progress", NULL,
                                   MCP_REQUEST_FLAGS_PROGRESS, -1,
                                   progress_cb, &progress, NULL,
                                   NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  r = mcp_client_call_tool_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.count, ==, 3);
  g_assert_cmpfloat (progress.values[0], ==, 0);
  g_assert_cmpfloat (progress.values[1], ==, 50);
  g_assert_cmpfloat (progress.values[2], ==, 100);
}

typedef struct
{
  guint done;
  guint correct;
} Tally;

typedef struct
{
  Tally *tally;
  char  *expected;
} Call;

static void
concurrent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpToolResult) r = mcp_client_call_tool_finish (MCP_CLIENT (object), result, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = mcp_tool_result_dup_text (r);
  if (g_str_equal (text, call->expected))
    call->tally->correct++;
  call->tally->done++;
  g_free (call->expected);
  g_free (call);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  Tally tally = { 0 };
  const guint n = 100;

  /* Echoes mixed with delays of varying length: replies come back out of
   * order and must still reach the right caller. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) args = NULL;
      Call *call = g_new0 (Call, 1);

      call->tally = &tally;
      if (i % 3 == 0)
        {
          json = g_strdup_printf ("{\"ms\":%u}", (n - i) % 40);
          call->expected = g_strdup ("done");
          args = mcp_test_parse (json);
          mcp_client_call_tool_async (f->client, "delay", args, NULL, concurrent_cb, call);
        }
      else
        {
          json = g_strdup_printf ("{\"message\":\"call %u\"}", i);
          call->expected = g_strdup_printf ("Echo: call %u", i);
          args = mcp_test_parse (json);
          mcp_client_call_tool_async (f->client, "echo", args, NULL, concurrent_cb, call);
        }
    }

  g_assert_cmpuint (mcp_session_get_n_pending_requests (mcp_client_get_session (f->client)), ==, n);
  mcp_test_wait_count (&tally.done, n, MCP_TEST_TIMEOUT_MS);
  g_assert_cmpuint (tally.correct, ==, n);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"ms\":30000}");
  g_autoptr(McpToolResult) r = NULL;

  mcp_client_call_tool_async (f->client, "delay", args, cancellable, mcp_test_store_result_cb, &slot);
  mcp_test_spin (50);
  g_cancellable_cancel (cancellable);
  result = mcp_test_wait_result (&slot);
  g_assert_null (mcp_client_call_tool_finish (f->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  r = call_tool (f->client, "echo", "{\"message\":\"still here\"}", &error);
  g_assert_no_error (error);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"ms\":30000}");
  g_autoptr(McpToolResult) r = NULL;

  mcp_client_call_tool_full_async (f->client, "delay", args, MCP_REQUEST_FLAGS_NONE, 200,
                                   NULL, NULL, NULL, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_null (mcp_client_call_tool_finish (f->client, result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TIMEOUT);
  g_clear_error (&error);

  r = call_tool (f->client, "echo", "{\"message\":\"after timeout\"}", &error);
  g_assert_no_error (error);
}

static void
on_closed (McpClient *client,
           gpointer   user_data)
{
  guint *count = user_data;

  (*count)++;
}

typedef struct
{
  GError   *error;
  gboolean  done;
} Outcome;

static void
outcome_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;
  g_autoptr(McpToolResult) r = mcp_client_call_tool_finish (MCP_CLIENT (object), result,
                                                            &outcome->error);

  g_assert_null (r);
  outcome->done = TRUE;
}

static void
test_server_dies (Fixture       *f,
                  gconstpointer  data)
{
  Outcome outcomes[5] = { 0 };
  guint closed = 0;
  g_autoptr(JsonNode) args = mcp_test_parse ("{\"ms\":30000}");
  GSubprocess *subprocess = mcp_stdio_transport_get_subprocess (f->transport);

  g_signal_connect (f->client, "closed", G_CALLBACK (on_closed), &closed);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    mcp_client_call_tool_async (f->client, "delay", args, NULL, outcome_cb, &outcomes[i]);
  mcp_test_spin (50);

  g_subprocess_force_exit (subprocess);

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      mcp_test_wait_flag (&outcomes[i].done, MCP_TEST_TIMEOUT_MS);
      g_assert_error (outcomes[i].error, MCP_ERROR, MCP_ERROR_CONNECTION_CLOSED);
      g_clear_error (&outcomes[i].error);
    }

  mcp_test_wait_count (&closed, 1, MCP_TEST_TIMEOUT_MS);
  g_assert_false (mcp_client_is_connected (f->client));
}

static void
test_shutdown_sequence (Fixture       *f,
                        gconstpointer  data)
{
  GSubprocess *subprocess = g_object_ref (mcp_stdio_transport_get_subprocess (f->transport));
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_disconnect_async (f->client, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_client_disconnect_finish (f->client, result, &error));
  g_assert_no_error (error);

  /* Closing its stdin was enough: the server exited on its own, with 0. */
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  g_assert_cmpint (g_subprocess_get_exit_status (subprocess), ==, 0);
  g_object_unref (subprocess);
}

/* Subprocesses that do not cooperate ---------------------------------------- */

static void
run_stubborn (const char * const *argv,
              gint                expected_signal)
{
  g_autoptr(McpStdioTransport) transport = mcp_stdio_transport_new_for_command (argv);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *subprocess;

  mcp_stdio_transport_set_shutdown_timeout (transport, 200);
  mcp_transport_connect_async (MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_transport_connect_finish (MCP_TRANSPORT (transport), result, &error));
  g_clear_object (&result);
  subprocess = mcp_stdio_transport_get_subprocess (transport);
  g_assert_nonnull (subprocess);

  /* Let the shell install its trap. */
  mcp_test_spin (200);

  mcp_transport_disconnect_async (MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_transport_disconnect_finish (MCP_TRANSPORT (transport), result, &error));
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_signaled (subprocess));
  g_assert_cmpint (g_subprocess_get_term_sig (subprocess), ==, expected_signal);
  g_assert_cmpint (mcp_transport_get_state (MCP_TRANSPORT (transport)), ==,
                   MCP_TRANSPORT_STATE_DISCONNECTED);
}

static void
test_sigterm (void)
{
  /* Ignores stdin closing, dies of SIGTERM. */
  const char *argv[] = { "sh", "-c", "exec sleep 60", NULL };

  run_stubborn (argv, SIGTERM);
}

static void
test_sigkill (void)
{
  /* Ignores SIGTERM too. */
  const char *argv[] = { "sh", "-c", "trap '' TERM; while :; do sleep 0.05; done", NULL };

  run_stubborn (argv, SIGKILL);
}

static void
on_stderr_line (McpStdioTransport *transport,
                const char        *line,
                gpointer           user_data)
{
  GPtrArray *lines = user_data;

  g_ptr_array_add (lines, g_strdup (line));
}

static void
test_stderr_capture (void)
{
  const char *argv[] = { "sh", "-c", "echo first >&2; echo second >&2; exec cat", NULL };
  g_autoptr(McpStdioTransport) transport = mcp_stdio_transport_new_for_command (argv);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mcp_stdio_transport_set_stderr_mode (transport, MCP_STDIO_STDERR_CAPTURE);
  g_signal_connect (transport, "stderr-line", G_CALLBACK (on_stderr_line), lines);
  mcp_transport_connect_async (MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_transport_connect_finish (MCP_TRANSPORT (transport), result, NULL));
  g_clear_object (&result);

  mcp_test_wait_until (!(lines->len < 2));
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "first");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "second");

  mcp_transport_disconnect_async (MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (mcp_transport_disconnect_finish (MCP_TRANSPORT (transport), result, NULL));
}

static void
test_spawn_failure (void)
{
  const char *argv[] = { "/nonexistent/mcp-server", NULL };
  g_autoptr(McpStdioTransport) transport = mcp_stdio_transport_new_for_command (argv);
  g_autoptr(McpClient) client = mcp_client_new ("test", "1");
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mcp_client_connect_async (client, MCP_TRANSPORT (transport), NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_false (mcp_client_connect_finish (client, result, &error));
  g_assert_error (error, MCP_ERROR, MCP_ERROR_TRANSPORT);
  g_assert_false (mcp_client_is_connected (client));
}

static void
test_command_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McpStdioTransport) transport = NULL;
  g_autoptr(McpStdioTransport) bad = NULL;
  const char * const *argv;

  transport = mcp_stdio_transport_new_for_command_line ("server --name 'two words' \"x y\"", &error);
  g_assert_no_error (error);
  argv = mcp_stdio_transport_get_argv (transport);
  g_assert_cmpuint (g_strv_length ((char **) argv), ==, 4);
  g_assert_cmpstr (argv[2], ==, "two words");
  g_assert_cmpstr (argv[3], ==, "x y");

  bad = mcp_stdio_transport_new_for_command_line ("server 'unterminated", &error);
  g_assert_null (bad);
  g_assert_error (error, G_SHELL_ERROR, G_SHELL_ERROR_BAD_QUOTING);
}

/* A raw peer on the server's real stdin/stdout ------------------------------ */

typedef struct
{
  GSubprocess   *process;
  GOutputStream *in;
  GInputStream  *out;
} RawServer;

static void
raw_start (RawServer *r)
{
  const char *argv[] = { server_path, NULL };
  g_autoptr(GError) error = NULL;

  r->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  r->in = g_subprocess_get_stdin_pipe (r->process);
  r->out = g_subprocess_get_stdout_pipe (r->process);
  g_unix_set_fd_nonblocking (g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (r->in)), TRUE, NULL);
  g_unix_set_fd_nonblocking (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (r->out)), TRUE, NULL);
}

static JsonNode *
raw_exchange (RawServer  *r,
              const char *line)
{
  g_autofree char *reply = NULL;

  mcp_test_write (r->in, line);
  mcp_test_write (r->in, "\n");
  reply = mcp_test_read_line (r->out, MCP_TEST_TIMEOUT_MS);
  g_assert_nonnull (reply);
  return mcp_test_parse (reply);
}

static gint64
raw_error_code (JsonNode *reply)
{
  JsonObject *object = json_node_get_object (reply);

  g_assert_true (json_object_has_member (object, "error"));
  mcp_test_assert_valid ("2025-11-25", "JSONRPCErrorResponse", reply);
  return json_object_get_int_member (json_object_get_object_member (object, "error"), "code");
}

static void
raw_finish (RawServer *r)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* EOF on stdin: a clean exit 0. */
  if (!g_output_stream_is_closed (r->in))
    g_output_stream_close (r->in, NULL, NULL);
  g_subprocess_wait_async (r->process, NULL, mcp_test_store_result_cb, &slot);
  result = mcp_test_wait_result (&slot);
  g_assert_true (g_subprocess_wait_finish (r->process, result, &error));
  g_assert_true (g_subprocess_get_if_exited (r->process));
  g_assert_cmpint (g_subprocess_get_exit_status (r->process), ==, 0);
  g_clear_object (&r->process);
}

static void
test_bad_input (void)
{
  RawServer r = { 0 };
  static const struct {
    const char *line;
    gint        code;
  } cases[] = {
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"", -32700 },
    { "\x01\x02 garbage \xff", -32700 },
    { "{\"jsonrpc\":\"2.0\",\"id\":2}", -32600 },
    { "{\"id\":3,\"method\":\"ping\"}", -32600 },
    { "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", -32600 },
    { "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", -32600 },
    { "[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}]", -32600 },
    { "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}", -32600 },
    { "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"nope\"}", -32601 },
  };
  static const struct {
    const char *line;
    gint        code;
  } after_init[] = {
    { "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":7}}", -32602 },
    { "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":\"message\"}}", -32602 },
    { "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\"unknown\"}}", -32602 },
    { "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"resources/unknown\"}", -32601 },
  };
  g_autoptr(JsonNode) init = NULL;
  g_autoptr(JsonNode) ping = NULL;
  GString *deep;
  g_autofree char *huge = NULL;

  raw_start (&r);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) reply = raw_exchange (&r, cases[i].line);
      g_autofree char *escaped = g_strescape (cases[i].line, NULL);

      g_test_message ("%s", escaped);
      g_assert_cmpint (raw_error_code (reply), ==, cases[i].code);
    }

  /* Stray responses and unknown notifications get no answer. */
  mcp_test_write (r.in, "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}\n");
  mcp_test_write (r.in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/unheard-of\"}\n");
  ping = raw_exchange (&r, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ping), "id"), ==, "p");

  init = raw_exchange (&r, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                           "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                           "\"clientInfo\":{\"name\":\"raw\",\"version\":\"0\"}}}");
  g_assert_true (json_object_has_member (json_node_get_object (init), "result"));
  mcp_test_write (r.in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");

  for (guint i = 0; i < G_N_ELEMENTS (after_init); i++)
    {
      g_autoptr(JsonNode) reply = raw_exchange (&r, after_init[i].line);

      g_test_message ("%s", after_init[i].line);
      g_assert_cmpint (raw_error_code (reply), ==, after_init[i].code);
    }

  /* 200 000-deep nesting: an error, no stack overflow. */
  deep = g_string_new ("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"ping\",\"params\":{\"x\":");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "]}}");
  {
    g_autoptr(JsonNode) reply = raw_exchange (&r, deep->str);

    g_assert_cmpint (raw_error_code (reply), ==, -32700);
  }
  g_string_free (deep, TRUE);

  /* A line over the 16 MiB limit: an error, and the server keeps serving. */
  huge = g_strnfill (MCP_STDIO_DEFAULT_MAX_MESSAGE_SIZE + 1024, 'a');
  mcp_test_write (r.in, "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"ping\",\"params\":{\"pad\":\"");
  mcp_test_write (r.in, huge);
  {
    g_autoptr(JsonNode) reply = raw_exchange (&r, "\"}}");

    g_assert_cmpint (raw_error_code (reply), ==, -32600);
  }
  {
    g_autoptr(JsonNode) reply = raw_exchange (&r, "{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"alive\"}}}");

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "id"), ==, 22);
    g_assert_true (json_object_has_member (json_node_get_object (reply), "result"));
  }

  raw_finish (&r);
}

/* Nesting attacks in the forms json-glib 1.6 read but the old depth
 * pre-scan did not understand (a block comment or a single quote hiding a
 * '"'): each once crashed the server with SIGSEGV. Now each is a -32700,
 * and the server goes on answering. */
static void
test_nesting_attack (void)
{
  static const char * const prefixes[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":[/*\"*/",
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"x\":['\"',",
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"x\":",
  };
  RawServer r = { 0 };

  raw_start (&r);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      GString *line = g_string_new (prefixes[i]);
      g_autoptr(JsonNode) reply = NULL;
      g_autoptr(JsonNode) ping = NULL;
      g_autofree char *id = g_strdup_printf ("after-%u", i);
      g_autofree char *request = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":\"%s\",\"method\":\"ping\"}", id);

      for (guint d = 0; d < 200000; d++)
        g_string_append_c (line, '[');
      reply = raw_exchange (&r, line->str);
      g_string_free (line, TRUE);
      g_assert_cmpint (raw_error_code (reply), ==, -32700);

      ping = raw_exchange (&r, request);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ping), "id"), ==, id);
      g_assert_true (json_object_has_member (json_node_get_object (ping), "result"));
    }

  raw_finish (&r);
}

/* `printf requests | server`: closing stdin right after the requests must
 * not lose their replies, not even those of tools that answer later. */
static void
test_pipeline_then_eof (void)
{
  RawServer r = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint notifications = 0;

  raw_start (&r);
  mcp_test_write (r.in,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"pipe\",\"version\":\"0\"}}}\n"
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"delay\",\"arguments\":{\"ms\":300}}}\n"
                  "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"test_tool_with_logging\"}}\n"
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}}\n");
  g_output_stream_close (r.in, NULL, NULL);

  for (;;)
    {
      g_autofree char *line = mcp_test_read_line (r.out, MCP_TEST_TIMEOUT_MS);
      g_autoptr(JsonNode) message = NULL;
      JsonObject *object;

      if (line == NULL)
        break;

      message = mcp_test_parse (line);
      object = json_node_get_object (message);
      if (json_object_has_member (object, "id"))
        {
          g_assert_true (json_object_has_member (object, "result"));
          g_hash_table_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   json_object_get_int_member (object, "id")));
        }
      else
        notifications++;
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 4);
  g_assert_cmpuint (notifications, ==, 3);
  raw_finish (&r);
}

static void
test_eof_exits (void)
{
  RawServer r = { 0 };

  raw_start (&r);
  raw_finish (&r);
}

int
main (int   argc,
      char *argv[])
{
  const char * const *versions = mcp_protocol_get_supported_versions ();

  g_test_init (&argc, &argv, NULL);

  server_path = mcp_test_build_path ("examples/mcp-everything-server");

#define ADD(path, func, data) \
  g_test_add ("/Mcp/Stdio/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  for (guint i = 0; versions[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/Stdio/initialize/%s", versions[i]);

      g_test_add (path, Fixture, versions[i], fixture_setup, test_initialize, fixture_teardown);
    }
  ADD ("every-tool", test_every_tool, NULL);
  ADD ("logging", test_logging, NULL);
  ADD ("legacy/logging", test_logging, MCP_PROTOCOL_VERSION_2025_11_25);
  ADD ("progress", test_progress, NULL);
  ADD ("concurrent", test_concurrent, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("timeout", test_timeout, NULL);
  ADD ("server-dies", test_server_dies, NULL);
  ADD ("shutdown-sequence", test_shutdown_sequence, NULL);
  g_test_add_func ("/Mcp/Stdio/child/sigterm", test_sigterm);
  g_test_add_func ("/Mcp/Stdio/child/sigkill", test_sigkill);
  g_test_add_func ("/Mcp/Stdio/child/stderr-capture", test_stderr_capture);
  g_test_add_func ("/Mcp/Stdio/child/spawn-failure", test_spawn_failure);
  g_test_add_func ("/Mcp/Stdio/child/command-line", test_command_line);
  g_test_add_func ("/Mcp/Stdio/raw/bad-input", test_bad_input);
  g_test_add_func ("/Mcp/Stdio/raw/nesting-attack", test_nesting_attack);
  g_test_add_func ("/Mcp/Stdio/raw/eof-exits", test_eof_exits);
  g_test_add_func ("/Mcp/Stdio/raw/pipeline-then-eof", test_pipeline_then_eof);

  return g_test_run ();
}

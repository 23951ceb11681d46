/* test-gauntlet.c: mutated input against a real mcp-everything-server
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Thousands of messages, each a valid one with random damage (bytes flipped,
 * cut short, spliced, nested, duplicated), go to the server over its real
 * stdin. Whatever they are, the server must stay up, answer a ping sent
 * after them, and exit 0 when its input closes; under the sanitizers that
 * also means no memory error and no leak. The seed is fixed, so the
 * gauntlet is the same on every run and a failure reproduces; to explore,
 * set MCP_GAUNTLET_SEED and MCP_GAUNTLET_MESSAGES.
 */

#include "config.h"

#include <string.h>

#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "mcp-test-util.h"

#define N_MESSAGES 3000

static const char * const templates[] = {
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"g\",\"version\":\"1\"}}}",
  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"dG9vbHM6MA==\"}}",
  "{\"jsonrpc\":\"2.0\",\"id\":\"three\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1.5,\"b\":-2}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://template/42/data\"}}",
  "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"prompts/get\",\"params\":{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"a\",\"arg2\":\"b\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\",\"value\":\"t\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://watched-resource\"}}",
  "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}",
  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":4,\"reason\":\"x\"}}",
  "{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":{\"roots\":[]}}",
  "{\"jsonrpc\":\"2.0\",\"id\":11,\"error\":{\"code\":-32601,\"message\":\"no\"}}",
  /* The 2026-07-28 era: the envelope, input rounds, subscriptions. */
  "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"server/discover\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"sampling\":{}},\"io.modelcontextprotocol/logLevel\":\"debug\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"tools/call\",\"params\":{\"name\":\"test_elicitation\",\"arguments\":{\"message\":\"m\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"sampling\":{}},\"io.modelcontextprotocol/logLevel\":\"debug\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"p\"},\"requestState\":\"mcp1.eyJtIjoidG9vbHMvY2FsbCJ9.AAAA\",\"inputResponses\":{\"sampling-1\":{\"role\":\"assistant\",\"model\":\"m\",\"content\":{\"type\":\"text\",\"text\":\"t\"}}},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"sampling\":{}},\"io.modelcontextprotocol/logLevel\":\"debug\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"test://watched-resource\"]},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"sampling\":{}},\"io.modelcontextprotocol/logLevel\":\"debug\"}}}",
  "{\"jsonrpc\":\"2.0\",\"id\":16,\"method\":\"resources/read\",\"params\":{\"uri\":\"test://static-text\",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"sampling\":{}},\"io.modelcontextprotocol/logLevel\":\"debug\"}}}",
};

static const char * const fragments[] = {
  "{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1e999", "1e-999", "\\u0000",
  "\\ud800", "\xc3\x28", "\xff", "9223372036854775808", "\"id\":{}", "\"params\":[]",
  "\"method\":5", "\"jsonrpc\":\"1.0\"", "\"_meta\":{\"progressToken\":[]}",
  "\"requestState\":\"mcp1.AAAA.BBBB\"", "\"inputResponses\":[]", "\"requestState\":7",
  "\"io.modelcontextprotocol/protocolVersion\":7", "\"io.modelcontextprotocol/clientCapabilities\":[]",
  "\"io.modelcontextprotocol/logLevel\":\"loud\"", "\"notifications\":null",
};

static GString *
mutate (GRand      *rand,
        const char *template)
{
  GString *message = g_string_new (template);
  guint n_mutations = g_rand_int_range (rand, 1, 5);

  for (guint m = 0; m < n_mutations; m++)
    {
      gsize at = message->len > 0 ? g_rand_int_range (rand, 0, message->len) : 0;

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0: /* flip a byte (never to a newline: that is the framing) */
          if (message->len > 0)
            {
              char c = (char) g_rand_int_range (rand, 1, 256);

              message->str[at] = c == '\n' ? ' ' : c;
            }
          break;
        case 1: /* cut short */
          g_string_truncate (message, at);
          break;
        case 2: /* insert a fragment */
          g_string_insert (message, at, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
          break;
        case 3: /* delete a run */
          {
            gsize length = g_rand_int_range (rand, 1, 16);

            g_string_erase (message, at, MIN (length, message->len - at));
          }
          break;
        case 4: /* splice in the tail of another message */
          {
            const char *other = templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (templates))];

            g_string_truncate (message, at);
            g_string_append (message, other + g_rand_int_range (rand, 0, strlen (other)));
          }
          break;
        case 5: /* nest deeply */
          {
            guint depth = g_rand_int_range (rand, 1, 600);
            g_autofree char *open = g_strnfill (depth, '[');
            g_autofree char *close = g_strnfill (depth, ']');

            g_string_insert (message, at, close);
            g_string_insert (message, at, open);
          }
          break;
        default: /* duplicate a run */
          {
            gsize length = g_rand_int_range (rand, 1, 64);
            g_autofree char *run = NULL;

            length = MIN (length, message->len - at);
            run = g_strndup (message->str + at, length);

            g_string_insert (message, at, run);
          }
          break;
        }
    }

  return message;
}

static void
test_gauntlet (void)
{
  g_autofree char *server = mcp_test_build_path ("examples/mcp-everything-server");
  const char *argv[] = { server, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *seed_env = g_getenv ("MCP_GAUNTLET_SEED");
  const char *count_env = g_getenv ("MCP_GAUNTLET_MESSAGES");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20261121;
  guint n_messages = count_env != NULL ? (guint) g_ascii_strtoull (count_env, NULL, 10) : N_MESSAGES;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GOutputStream *in;
  GInputStream *out;
  g_autoptr(GAsyncResult) result = NULL;
  guint answers = 0;
  gboolean pong = FALSE;
  /* The drain below reads raw buffers: it may stop inside a line, whose
   * tail the first line read afterwards then is. */
  gboolean mid_line = FALSE;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                     G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (process);
  out = g_subprocess_get_stdout_pipe (process);
  g_unix_set_fd_nonblocking (g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (in)), TRUE, NULL);
  g_unix_set_fd_nonblocking (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (out)), TRUE, NULL);

  /* A valid handshake first, so that most mutations reach the methods. */
  mcp_test_write (in, templates[0]);
  mcp_test_write (in, "\n");
  mcp_test_write (in, templates[1]);
  mcp_test_write (in, "\n");

  for (guint i = 0; i < n_messages; i++)
    {
      g_autoptr(GString) message = mutate (rand, templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (templates))]);

      g_string_append_c (message, '\n');
      mcp_test_write (in, message->str);

      /* Drain replies as we go, so neither side's pipe fills up. */
      for (;;)
        {
          char buffer[65536];
          gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (out),
                                                               buffer, sizeof buffer, NULL, NULL);

          if (n <= 0)
            break;
          for (gssize j = 0; j < n; j++)
            answers += buffer[j] == '\n';
          mid_line = buffer[n - 1] != '\n';
        }
    }

  /* After all that, the server still answers. */
  mcp_test_write (in, "{\"jsonrpc\":\"2.0\",\"id\":\"final-ping\",\"method\":\"ping\"}\n");
  while (!pong)
    {
      g_autofree char *line = mcp_test_read_line (out, MCP_TEST_TIMEOUT_MS);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      g_assert_nonnull (line);
      answers++;
      if (mid_line)
        {
          mid_line = FALSE;
          continue;
        }
      node = mcp_message_from_data (line, -1, &error);
      if (node == NULL)
        {
          g_autofree char *escaped = g_strescape (line, NULL);

          g_error ("The server wrote a line that is not JSON (%s): %s", error->message, escaped);
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      pong = g_strcmp0 (json_object_get_string_member_with_default (object, "id", ""), "final-ping") == 0;
    }

  g_test_message ("seed %u: %u lines answered %u messages", seed, answers, n_messages + 1);
  /* Most of the damaged messages still deserve an answer of some kind. */
  g_assert_cmpuint (answers, >, n_messages / 2);

  /* End of input: a clean exit, so no sanitizer report and no leak. */
  g_output_stream_close (in, NULL, NULL);
  g_subprocess_wait_async (process, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_wait_finish (process, result, &error));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mcp/Gauntlet/stdio-server", test_gauntlet);

  return g_test_run ();
}

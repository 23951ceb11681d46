/* mcp-test-util.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mcp-glib/mcp-glib.h>

G_BEGIN_DECLS

#if defined(__SANITIZE_ADDRESS__)
# define MCP_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define MCP_TEST_UNDER_ASAN 1
# endif
#endif

/* Every wait in the tests is bounded; this is the default bound. */
#define MCP_TEST_TIMEOUT_MS 20000

/* A GAsyncReadyCallback that stores a reference to the result in
 * *(GAsyncResult **) user_data. */
void          mcp_test_store_result_cb   (GObject        *object,
                                          GAsyncResult   *result,
                                          gpointer        user_data);
/* Iterates the main context until *slot is set; fails the test after
 * MCP_TEST_TIMEOUT_MS. Returns *slot, stolen. */
GAsyncResult *mcp_test_wait_result       (GAsyncResult  **slot);
/* Iterates until *flag is TRUE, failing the test after timeout_ms. */
void          mcp_test_wait_flag         (gboolean       *flag,
                                          guint           timeout_ms);
/* Iterates until *counter reaches at least target. */
void          mcp_test_wait_count        (guint          *counter,
                                          guint           target,
                                          guint           timeout_ms);
/* Keeps a waiting loop waking up so that its deadline is checked. */
gboolean      mcp_test_tick_cb           (gpointer        user_data);

/* Iterates the main context until @condition holds; fails the test after
 * MCP_TEST_TIMEOUT_MS, naming the condition. */
#define mcp_test_wait_until(condition) \
  G_STMT_START { \
    gint64 mcp_test_deadline_ = g_get_monotonic_time () + (gint64) MCP_TEST_TIMEOUT_MS * 1000; \
    guint mcp_test_tick_ = g_timeout_add (50, mcp_test_tick_cb, NULL); \
    while (!(condition)) \
      { \
        if (g_get_monotonic_time () > mcp_test_deadline_) \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #condition); \
        g_main_context_iteration (NULL, TRUE); \
      } \
    g_source_remove (mcp_test_tick_); \
  } G_STMT_END

/* Iterates the main context for about ms milliseconds. */
void          mcp_test_spin              (guint           ms);
/* Two transports joined by crossed pipes, not yet connected. */
void          mcp_test_transport_pair    (McpTransport  **a,
                                          McpTransport  **b);
/* Raw pipe ends for tests that speak bytes to a transport: writes to
 * *to_transport reach the transport's input; its output is readable
 * from *from_transport. */
McpTransport *mcp_test_transport_with_raw_peer (GOutputStream **to_transport,
                                                GInputStream  **from_transport);
/* Path of a program built in this tree, e.g. "examples/mcp-everything-server". */
char         *mcp_test_build_path        (const char     *relative);
/* Path of an npm package's file under tests/interop/node_modules, or NULL
 * when the npm packages are not installed. */
char         *mcp_test_node_module_path  (const char     *relative);
/* Reads one line (without newline) from a stream, with a timeout. */
char         *mcp_test_read_line         (GInputStream   *stream,
                                          guint           timeout_ms);
/* Writes a whole string to a stream. */
void          mcp_test_write             (GOutputStream  *stream,
                                          const char     *text);
/* Under AddressSanitizer, reruns the current test in a child process with
 * leak checking off and returns FALSE in the parent (which asserts that the
 * child passed); returns TRUE where the test body should run. For tests that
 * use TLS: GCC 12's LeakSanitizer crashes at exit while stopping the threads
 * of the GnuTLS backend glib-networking loads. ASan and UBSan still check
 * the child. */
gboolean      mcp_test_run_without_leak_check (void);
/* Parses one JSON text and fails the test if it is not valid. */
JsonNode     *mcp_test_parse             (const char     *json);

G_END_DECLS

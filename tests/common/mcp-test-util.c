/* mcp-test-util.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <fcntl.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "mcp-test-util.h"

void
mcp_test_store_result_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
mcp_test_wait_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (MCP_TEST_TIMEOUT_MS, timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for an async result");

  g_source_remove (id);
  return g_steal_pointer (slot);
}

void
mcp_test_wait_flag (gboolean *flag,
                    guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u ms waiting for a condition", timeout_ms);

  g_source_remove (id);
}

void
mcp_test_wait_count (guint *counter,
                     guint  target,
                     guint  timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (*counter < target && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u ms: counter at %u, waiting for %u", timeout_ms, *counter, target);

  g_source_remove (id);
}

gboolean
mcp_test_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
mcp_test_spin (guint ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);

  (void) id;
}

void
mcp_test_transport_pair (McpTransport **a,
                         McpTransport **b)
{
  int a_to_b[2];
  int b_to_a[2];
  g_autoptr(GInputStream) a_in = NULL;
  g_autoptr(GOutputStream) a_out = NULL;
  g_autoptr(GInputStream) b_in = NULL;
  g_autoptr(GOutputStream) b_out = NULL;

  g_assert_true (g_unix_open_pipe (a_to_b, FD_CLOEXEC, NULL));
  g_assert_true (g_unix_open_pipe (b_to_a, FD_CLOEXEC, NULL));
  /* Both ends live on this main loop: a blocking write would deadlock. */
  g_assert_true (g_unix_set_fd_nonblocking (a_to_b[1], TRUE, NULL));
  g_assert_true (g_unix_set_fd_nonblocking (b_to_a[1], TRUE, NULL));

  a_in = g_unix_input_stream_new (b_to_a[0], TRUE);
  a_out = g_unix_output_stream_new (a_to_b[1], TRUE);
  b_in = g_unix_input_stream_new (a_to_b[0], TRUE);
  b_out = g_unix_output_stream_new (b_to_a[1], TRUE);

  *a = MCP_TRANSPORT (mcp_stdio_transport_new_for_streams (a_in, a_out));
  *b = MCP_TRANSPORT (mcp_stdio_transport_new_for_streams (b_in, b_out));
}

McpTransport *
mcp_test_transport_with_raw_peer (GOutputStream **to_transport,
                                  GInputStream  **from_transport)
{
  int in_pipe[2];
  int out_pipe[2];
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;

  g_assert_true (g_unix_open_pipe (in_pipe, FD_CLOEXEC, NULL));
  g_assert_true (g_unix_open_pipe (out_pipe, FD_CLOEXEC, NULL));
  /* The test's own ends: mcp_test_write() and mcp_test_read_line() poll. */
  g_assert_true (g_unix_set_fd_nonblocking (in_pipe[1], TRUE, NULL));
  g_assert_true (g_unix_set_fd_nonblocking (out_pipe[0], TRUE, NULL));

  in = g_unix_input_stream_new (in_pipe[0], TRUE);
  out = g_unix_output_stream_new (out_pipe[1], TRUE);
  *to_transport = g_unix_output_stream_new (in_pipe[1], TRUE);
  *from_transport = g_unix_input_stream_new (out_pipe[0], TRUE);

  return MCP_TRANSPORT (mcp_stdio_transport_new_for_streams (in, out));
}

char *
mcp_test_build_path (const char *relative)
{
  return g_build_filename (MCP_TEST_BUILDDIR, "..", relative, NULL);
}

char *
mcp_test_node_module_path (const char *relative)
{
  g_autofree char *path = g_build_filename (MCP_TEST_SRCDIR, "interop", "node_modules",
                                            relative, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  return g_steal_pointer (&path);
}

typedef struct
{
  GString  *line;
  gboolean  done;
  gboolean  eof;
} ReadLine;

char *
mcp_test_read_line (GInputStream *stream,
                    guint         timeout_ms)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  /* Byte by byte over a pollable stream: simple, and tests read little. */
  for (;;)
    {
      char c;
      gssize n;
      g_autoptr(GError) error = NULL;

      n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream),
                                                    &c, 1, NULL, &error);
      if (n == 1)
        {
          if (c == '\n')
            break;
          g_string_append_c (line, c);
          continue;
        }

      if (n == 0)
        return line->len > 0 ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        g_error ("Read failed: %s", error->message);

      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out reading a line after %u ms (got \"%s\")", timeout_ms, line->str);

      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

void
mcp_test_write (GOutputStream *stream,
                const char    *text)
{
  gsize length = strlen (text);
  gsize done = 0;
  gint64 deadline = g_get_monotonic_time () + (gint64) MCP_TEST_TIMEOUT_MS * 1000;

  /* The reader may be a transport on this very main loop: never block. */
  while (done < length)
    {
      g_autoptr(GError) error = NULL;
      gssize n;

      n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (stream),
                                                      text + done, length - done, NULL, &error);
      if (n > 0)
        {
          done += n;
          continue;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        g_error ("Write failed: %s", error->message);

      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out writing %" G_GSIZE_FORMAT " bytes", length);

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
}

gboolean
mcp_test_run_without_leak_check (void)
{
#ifdef MCP_TEST_UNDER_ASAN
  g_autofree char *saved = g_strdup (g_getenv ("ASAN_OPTIONS"));
  g_autofree char *options = NULL;

  if (g_test_subprocess ())
    return TRUE;

  /* The last detect_leaks wins. */
  options = g_strdup_printf ("%s%sdetect_leaks=0", saved != NULL ? saved : "",
                             saved != NULL && *saved != '\0' ? ":" : "");
  g_setenv ("ASAN_OPTIONS", options, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("ASAN_OPTIONS", saved, TRUE);
  else
    g_unsetenv ("ASAN_OPTIONS");

  g_test_trap_assert_passed ();
  return FALSE;
#else
  return TRUE;
#endif
}

JsonNode *
mcp_test_parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = mcp_message_from_data (json, -1, &error);

  g_assert_no_error (error);
  return node;
}

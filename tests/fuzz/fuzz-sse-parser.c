/* fuzz-sse-parser.c: the server-sent events parser of the HTTP transports
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input layout: byte 0 picks the event size limit (1..512), bytes 1..8 the
 * sizes of the pieces the stream is fed in (cycled; 0 means all the rest);
 * the rest is the stream. The same stream fed whole and fed in pieces must
 * give the same events, retry values and limit error, and every event must
 * keep the invariants the transports rely on.
 */

#include "config.h"

#include "fuzz-common.h"

#include "mcp-error.h"
#include "mcp-http-private.h"

typedef struct
{
  McpSseParser *parser;
  gsize         max_event_size;
  GString      *log;   /* one record per callback, to compare runs */
} Run;

static void
on_event (const char *event_type,
          const char *id,
          const char *data,
          gsize       data_length,
          gpointer    user_data)
{
  Run *run = user_data;
  const char *last_id = _mcp_sse_parser_get_last_id (run->parser);

  FUZZ_CHECK (event_type != NULL && event_type[0] != '\0');
  FUZZ_CHECK (strpbrk (event_type, "\r\n") == NULL);
  /* A NUL in the type is spelled U+FFFD, three bytes. */
  FUZZ_CHECK (strcmp (event_type, "message") == 0 || strlen (event_type) <= 3 * run->max_event_size);
  /* The id passed is the stream's last event id. */
  FUZZ_CHECK (g_strcmp0 (id, last_id) == 0);
  FUZZ_CHECK (id == NULL || strpbrk (id, "\r\n") == NULL);
  FUZZ_CHECK (id == NULL || strlen (id) <= run->max_event_size);
  FUZZ_CHECK (data != NULL);
  FUZZ_CHECK (data_length <= run->max_event_size);
  /* data is data_length bytes (NULs kept) and a terminating NUL, lines
   * joined by LF. */
  FUZZ_CHECK (data[data_length] == '\0');
  FUZZ_CHECK (memchr (data, '\r', data_length) == NULL);

  g_string_append_printf (run->log, "E%zu:%s|%zu:%s|%zu:",
                          strlen (event_type), event_type,
                          id != NULL ? strlen (id) : 0, id != NULL ? id : "",
                          data_length);
  g_string_append_len (run->log, data, data_length);
  g_string_append_c (run->log, '\n');
}

static void
on_retry (guint    retry_ms,
          gpointer user_data)
{
  Run *run = user_data;

  g_string_append_printf (run->log, "R%u\n", retry_ms);
}

static char *
run_parser (gsize          max_event_size,
            const uint8_t *data,
            size_t         size,
            const uint8_t *pieces,
            guint          n_pieces)
{
  Run run = { NULL, max_event_size, g_string_new (NULL) };
  gsize pos = 0;
  guint next = 0;

  run.parser = _mcp_sse_parser_new (max_event_size, on_event, on_retry, &run);

  while (pos < size)
    {
      g_autoptr(GError) error = NULL;
      gsize n = size - pos;

      if (n_pieces > 0 && pieces[next % n_pieces] != 0)
        n = MIN (n, pieces[next % n_pieces]);
      next++;

      if (!_mcp_sse_parser_feed (run.parser, (const char *) data + pos, n, &error))
        {
          FUZZ_CHECK (g_error_matches (error, MCP_ERROR, MCP_ERROR_MESSAGE_TOO_LARGE));
          /* A transport drops the stream here. */
          g_string_append (run.log, "TOO LARGE\n");
          break;
        }
      FUZZ_CHECK (error == NULL);
      pos += n;
    }

  _mcp_sse_parser_free (run.parser);
  return g_string_free (run.log, FALSE);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzInput in = { data, size };
  g_autofree char *whole = NULL;
  g_autofree char *pieces = NULL;
  gsize max_event_size;
  const uint8_t *sizes;
  guint n_sizes;

  max_event_size = (fuzz_take_byte (&in) * 2) + 1;
  sizes = in.data;
  n_sizes = MIN (in.size, 8);
  in.data += n_sizes;
  in.size -= n_sizes;

  whole = run_parser (max_event_size, in.data, in.size, NULL, 0);
  pieces = run_parser (max_event_size, in.data, in.size, sizes, n_sizes);

  if (strcmp (whole, pieces) != 0)
    {
      g_printerr ("whole:\n%s\nin pieces:\n%s\n", whole, pieces);
      abort ();
    }

  return 0;
}
